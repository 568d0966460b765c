//! `meetel compare` through the real binary, as a new user runs it: sheets made with
//! `meetel new` and `meetel set` from the published figures of real stations, compared
//! with the Kiesraad's real files given as files, a directory or a zip, in any order;
//! the table, `--json` and `--csv`; bad published files (each a clear error naming the
//! file and the position, while the other files are still used); the exit codes of
//! docs/compare.md. Dutch by default and English with `--lang en`, in the same words as
//! the TUI's compare screen.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use meetel::testkit::{GR2022_SB7_PAIRS, TK2025_SB1_PAIRS};

const TK_DIR: &str = "tests/fixtures/tk2025";
const GR_DIR: &str = "tests/fixtures/gr2022-westmaasenwaal";
const TK_COUNT: &str = "tests/fixtures/tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml";
const TK_CSV: &str = "tests/fixtures/tk2025/osv4-3_telling_tk2025_gemeente_westmaasenwaal.csv";
const GR_COUNT: &str = "tests/fixtures/gr2022-westmaasenwaal/Telling_GR2022_WestMaasenWaal.eml.xml";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn meetel(&self) -> Command {
        let mut cmd = Command::cargo_bin("meetel").unwrap();
        cmd.env("MEETEL_HOME", self.path("home"));
        cmd
    }

    /// `meetel new` + `meetel set`: a sheet file named `name`.
    fn sheet(&self, name: &str, form: &str, station: &str, pairs: &[&str]) -> PathBuf {
        let file = self.path(name);
        let out = self
            .meetel()
            .args(["new", "--form", form, "--station", station])
            .args(["--observer", "anna", "--out"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        let out = self
            .meetel()
            .arg("set")
            .arg(&file)
            .args(pairs)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        file
    }

    /// SB1 of TK2025 (kieskring Nijmegen) typed with `pairs`.
    fn sb1(&self, name: &str, pairs: &[&str]) -> PathBuf {
        self.sheet(name, "tk2025-nijmegen", "0668::SB1", pairs)
    }

    /// SB7 of GR2022 typed with its published figures.
    fn sb7(&self) -> PathBuf {
        self.sheet(
            "sb7.meetel",
            "gr2022-westmaasenwaal",
            "0668::SB7",
            GR2022_SB7_PAIRS,
        )
    }

    /// `meetel compare` in English (`--lang en`), as most assertions here read it.
    fn compare(&self, sheets: &[&Path], published: &[&Path], extra: &[&str]) -> Output {
        let mut with_lang = vec!["--lang", "en"];
        with_lang.extend_from_slice(extra);
        self.compare_as_given(sheets, published, &with_lang)
    }

    /// `meetel compare` with only the arguments given (so in Dutch, unless `extra` says
    /// `--lang en`).
    fn compare_as_given(&self, sheets: &[&Path], published: &[&Path], extra: &[&str]) -> Output {
        self.meetel()
            .arg("compare")
            .args(sheets)
            .arg("--published")
            .args(published)
            .args(extra)
            .output()
            .unwrap()
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// SB1's pairs with lists 1 and 2 swapped (E.1=136, E.2=568).
fn swapped_pairs() -> Vec<&'static str> {
    TK2025_SB1_PAIRS
        .iter()
        .map(|p| match *p {
            "E.1=568" => "E.1=136",
            "E.2=136" => "E.2=568",
            other => other,
        })
        .collect()
}

fn json(out: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(out)))
        .as_array()
        .expect("an array")
        .clone()
}

fn strs(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn match_swap_and_partial_sheets_on_the_real_tk2025_files() {
    let env = Env::new();
    let good = env.sb1("sb1.meetel", TK2025_SB1_PAIRS);
    let swapped = env.sb1("swap.meetel", &swapped_pairs());
    let partial = env.sb1("part.meetel", &["A=2086", "B=239", "D=2332", "E.1=568"]);
    let dir = Path::new(TK_DIR);

    // One matching sheet: exit 0.
    let out = env.compare(&[&good], &[dir], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(stdout(&out).contains("MATCH"), "{}", text(&out));
    assert!(
        stdout(&out).contains("1 of 1 sheet(s) match"),
        "{}",
        text(&out)
    );

    // All three, as a table: exit 1, the swap named.
    let all: [&Path; 3] = [&good, &swapped, &partial];
    let out = env.compare(&all, &[dir], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let table = stdout(&out);
    assert!(table.contains("MISMATCH  (differs: E.1, E.2)"), "{table}");
    // The TUI's words (one vocabulary, issue 8): a pattern is hedged, it "looks" swapped.
    assert!(table.contains("lists 1 and 2 look swapped"), "{table}");
    assert!(
        table.contains("INCOMPLETE  (not observed: C, E, F, G, H, E.2"),
        "{table}"
    );
    assert!(table.contains("1 of 3 sheet(s) match"), "{table}");
    assert_eq!(stderr(&out), "", "the real files read without a complaint");

    // --json: one object per sheet with the documented members.
    let out = env.compare(&all, &[dir], &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let items = json(&out);
    assert_eq!(items.len(), 3);
    let verdicts: Vec<&str> = items
        .iter()
        .map(|i| i["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["MATCH", "MISMATCH", "INCOMPLETE"]);
    for i in &items {
        assert_eq!(i["station"], "0668::SB1");
        assert_eq!(i["election"], "TK2025");
        let sha = i["published_files"][0]["sha256"].as_str().unwrap();
        assert_eq!(sha.len(), 16 * 4 + 15, "Kiesraad notation: {sha}");
    }
    assert_eq!(items[0]["differences"], serde_json::json!([]));
    let d = &items[1]["differences"];
    assert_eq!(d.as_array().unwrap().len(), 2, "{d:#}");
    assert_eq!(
        (&d[0]["field"], &d[0]["observed"], &d[0]["published"]),
        (&"E.1".into(), &136.into(), &568.into())
    );
    assert_eq!(
        (&d[1]["field"], &d[1]["observed"], &d[1]["published"]),
        (&"E.2".into(), &568.into(), &136.into())
    );
    let p = &items[1]["patterns"][0];
    assert_eq!(p["kind"], "swapped");
    assert_eq!(strs(&p["fields"]), ["E.1", "E.2"]);
    let missing = strs(&items[2]["not_observed"]);
    assert!(missing.starts_with(&["C", "E", "F", "G", "H"].map(String::from)));
    assert!(missing.contains(&"E.26".to_string()), "{missing:?}");
    assert!(!missing.contains(&"E.1".to_string()), "{missing:?}");

    // --csv: the documented header, one row per compared field.
    let out = env.compare(&all, &[dir], &["--csv"]);
    assert_eq!(out.status.code(), Some(1));
    let csv = stdout(&out);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("sheet,station,election,verdict,field,status,observed,published,difference,required,patterns,published_file,published_sha256")
    );
    let rows: Vec<&str> = lines.collect();
    let row_of = |sheet: &Path, field: &str| -> Vec<String> {
        let prefix = format!("{},", sheet.display());
        let row = rows
            .iter()
            .find(|r| r.starts_with(&prefix) && r.split(',').nth(4) == Some(field))
            .unwrap_or_else(|| panic!("no row for {field}: {csv}"));
        row.split(',').map(String::from).collect()
    };
    assert_eq!(
        row_of(&swapped, "E.1")[3..11],
        ["MISMATCH", "E.1", "differs", "136", "568", "-432", "yes", "swapped"]
    );
    assert_eq!(
        row_of(&partial, "F")[3..10],
        ["INCOMPLETE", "F", "not_observed", "", "14", "", "yes"]
    );
    assert_eq!(row_of(&good, "A")[5..9], ["equal", "2086", "2086", "0"]);
}

#[test]
fn gr2022_sheet_matches_from_a_zip_a_directory_or_files_in_any_order() {
    let env = Env::new();
    let sb7 = env.sb7();
    let sb1 = env.sb1("sb1.meetel", TK2025_SB1_PAIRS);

    // A zip of everything published, as one would download it.
    let zip_path = env.path("published.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    for dir in [TK_DIR, GR_DIR] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = format!(
                "{}/{}",
                Path::new(dir).file_name().unwrap().to_string_lossy(),
                path.file_name().unwrap().to_string_lossy()
            );
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
        }
    }
    zip.finish().unwrap();

    let ways: [Vec<&Path>; 4] = [
        vec![&zip_path],
        vec![Path::new(GR_DIR), Path::new(TK_DIR)],
        vec![Path::new(TK_COUNT), Path::new(GR_COUNT)],
        vec![Path::new(GR_COUNT), Path::new(TK_CSV)],
    ];
    for published in &ways {
        let out = env.compare(&[&sb7, &sb1], published, &["--json"]);
        assert_eq!(out.status.code(), Some(0), "{published:?}: {}", text(&out));
        let items = json(&out);
        let got: Vec<(&str, &str)> = items
            .iter()
            .map(|i| {
                (
                    i["station"].as_str().unwrap(),
                    i["verdict"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [("0668::SB7", "MATCH"), ("0668::SB1", "MATCH")],
            "{published:?}"
        );
        assert_eq!(items[0]["election"], "GR2022_WestMaasenWaal");
    }
}

#[test]
fn the_table_keeps_its_columns_for_long_field_names() {
    let env = Env::new();
    let sb1 = env.sb1("sb1.meetel", TK2025_SB1_PAIRS);
    let out = env.compare(&[&sb1], &[Path::new(TK_COUNT)], &[]);
    let table = stdout(&out);
    let rows: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("field"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(
        rows.iter().any(|r| r.contains("X.too-many-issued")),
        "{table}"
    );
    // The right edge of the `published` column is at the same place on every row.
    let edge = |r: &str| r.find("published").map(|i| i + "published".len());
    let header_edge = edge(rows[0]).unwrap();
    for r in &rows[1..] {
        let fields: Vec<&str> = r.split_whitespace().collect();
        let published = fields[2];
        let start = r
            .match_indices(published)
            .map(|(i, _)| i)
            .find(|&i| i + published.len() == header_edge);
        assert!(start.is_some(), "misaligned row:\n{}\n{r}", rows[0]);
    }
}

#[test]
fn other_election_and_other_municipality_are_named() {
    let env = Env::new();
    let sb1 = env.sb1("sb1.meetel", TK2025_SB1_PAIRS);
    let out = env.compare(&[&sb1], &[Path::new(GR_COUNT)], &["--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let item = &json(&out)[0];
    assert_eq!(item["verdict"], "MISMATCH");
    assert_eq!(item["patterns"][0]["kind"], "other-election", "{item:#}");

    // The TK file of another municipality: the same file with the codes changed.
    let other = env.path("Telling_TK2025_elders.eml.xml");
    let t = std::fs::read_to_string(TK_COUNT).unwrap();
    std::fs::write(&other, t.replace("0668", "0999")).unwrap();
    let out = env.compare(&[&sb1], &[&other], &["--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let item = &json(&out)[0];
    assert_eq!(
        item["patterns"][0]["kind"], "other-municipality",
        "{item:#}"
    );
}

/// Bad published files of DESIGN.md §3 and issue 5 item 6: each is reported on stderr
/// with its name and position and what was expected, the good file beside it is still
/// used (SB7 compares MATCH), and the exit code is 2.
#[test]
fn bad_published_files_are_named_with_their_position_and_the_rest_is_used() {
    let env = Env::new();
    let sb7 = env.sb7();
    let count = std::fs::read_to_string(TK_COUNT).unwrap();
    let csv = std::fs::read(TK_CSV).unwrap();
    let first = count.find("<ReportingUnitVotes>").unwrap();
    let end = count.find("</ReportingUnitVotes>").unwrap() + "</ReportingUnitVotes>".len();
    let sb1_block = &count[first..end];
    // The offset of the figure 568 of list 1 at SB1 (the first station).
    let sb1_e1 = first + sb1_block.find("<ValidVotes>568<").unwrap() + "<ValidVotes>".len();
    let in_sb1 = |from: &str, to: &str| {
        format!(
            "{}{}{}",
            &count[..first],
            sb1_block.replacen(from, to, 1),
            &count[end..]
        )
    };
    let csv_text = String::from_utf8(csv.clone()).unwrap();
    let latin1: Vec<u8> = csv_text
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let cases: Vec<(&str, Vec<u8>, Vec<String>)> = vec![
        (
            "truncated.eml.xml",
            count.as_bytes()[..800_000].to_vec(),
            owned(&["byte ", "truncated"]),
        ),
        (
            "namespace.eml.xml",
            count
                .replacen(
                    "urn:oasis:names:tc:evs:schema:eml\"",
                    "urn:example:other\"",
                    1,
                )
                .into_bytes(),
            owned(&[
                "byte 0",
                "urn:example:other",
                "expected `urn:oasis:names:tc:evs:schema:eml`",
            ]),
        ),
        (
            "dtd.eml.xml",
            format!("<?xml version=\"1.0\"?>\n<!DOCTYPE EML [<!ENTITY x \"1\">]>{count}")
                .into_bytes(),
            owned(&["byte 22", "DTD", "never expanded"]),
        ),
        (
            "duplicate.eml.xml",
            format!("{}{sb1_block}{}", &count[..end], &count[end..]).into_bytes(),
            vec![
                "0668::SB1 appears twice".into(),
                format!("first at byte {first}"),
                format!("again at byte {end}"),
            ],
        ),
        (
            "negative.eml.xml",
            in_sb1("<ValidVotes>568<", "<ValidVotes>-568<").into_bytes(),
            vec![format!("byte {sb1_e1}"), "negative count `-568`".into()],
        ),
        (
            "letters.eml.xml",
            in_sb1("<ValidVotes>568<", "<ValidVotes>5x8<").into_bytes(),
            owned(&["`5x8` is not a count", "expected a whole number"]),
        ),
        (
            "comma.csv",
            csv.iter()
                .map(|&b| if b == b';' { b',' } else { b })
                .collect(),
            owned(&["comma.csv:1:", "expected `;`"]),
        ),
        (
            "tabs.csv",
            csv.iter()
                .map(|&b| if b == b';' { b'\t' } else { b })
                .collect(),
            owned(&["tabs.csv:1:", "tabs", "expected `;`"]),
        ),
        (
            "latin1.csv",
            latin1,
            owned(&["latin1.csv:", "is not UTF-8", "expected UTF-8"]),
        ),
    ];
    for (name, bytes, expect) in &cases {
        let bad = env.path(name);
        std::fs::write(&bad, bytes).unwrap();
        // The bad file first: it must not stop the good one after it.
        let out = env.compare(&[&sb7], &[&bad, Path::new(GR_COUNT)], &[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out));
        assert!(err.contains(&*bad.display().to_string()), "{name}: {err}");
        for e in expect {
            assert!(err.contains(e.as_str()), "{name}: `{e}` not in: {err}");
        }
        assert!(
            stdout(&out).contains("Verdict   MATCH"),
            "{name}: the good file was not used: {}",
            text(&out)
        );
    }

    // The same CSV without its BOM, or in UTF-16, is read as it is.
    for (name, bytes) in [
        (
            "nobom.csv",
            csv_text.trim_start_matches('\u{feff}').as_bytes().to_vec(),
        ),
        (
            "utf16.csv",
            std::iter::once(0xFEFFu16)
                .chain(csv_text.trim_start_matches('\u{feff}').encode_utf16())
                .flat_map(u16::to_le_bytes)
                .collect(),
        ),
    ] {
        let file = env.path(name);
        std::fs::write(&file, bytes).unwrap();
        let sb1 = env.sb1(&format!("{name}.meetel"), TK2025_SB1_PAIRS);
        let out = env.compare(&[&sb1], &[&file], &[]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out));
    }
}

#[test]
fn an_unreadable_sheet_exits_2_and_the_others_are_compared() {
    let env = Env::new();
    let sb7 = env.sb7();
    let junk = env.path("junk.meetel");
    std::fs::write(&junk, "not a sheet\n").unwrap();
    let missing = env.path("missing.meetel");
    let out = env.compare(&[&junk, &sb7, &missing], &[Path::new(GR_DIR)], &["--json"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = stderr(&out);
    assert!(err.contains("junk.meetel"), "{err}");
    assert!(err.contains("missing.meetel"), "{err}");
    let items = json(&out);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["verdict"], "MATCH");

    // No published station at all is bad input too.
    let out = env.compare(&[&sb7], &[Path::new("tests/fixtures/fictitious")], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        stderr(&out).contains("no polling-station results"),
        "{}",
        text(&out)
    );
}

/// Issue 5 item 4: a published PV typed over from its PDF (`meetel new
/// --transcription`) is published input like a Kiesraad file, marked as what it is.
#[test]
fn a_transcribed_pv_is_compared_the_same_way_and_marked() {
    let env = Env::new();
    let pv = env.path("pv-sb1.meetel");
    let out = env
        .meetel()
        .args(["new", "--form", "tk2025-nijmegen", "--station", "0668::SB1"])
        .args(["--observer", "anna", "--transcription", "--out"])
        .arg(&pv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let out = env
        .meetel()
        .arg("set")
        .arg(&pv)
        .args(TK2025_SB1_PAIRS)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let good = env.sb1("sb1.meetel", TK2025_SB1_PAIRS);
    let swapped = env.sb1("swap.meetel", &swapped_pairs());

    let out = env.compare(&[&good, &swapped], &[&pv], &["--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let items = json(&out);
    assert_eq!(items[0]["verdict"], "MATCH", "{:#}", items[0]);
    assert_eq!(items[1]["verdict"], "MISMATCH");
    assert_eq!(items[1]["patterns"][0]["kind"], "swapped");
    assert_eq!(items[0]["published_files"][0]["name"], "pv-sb1.meetel");
    assert!(
        items[0]["notes"][0]
            .as_str()
            .unwrap()
            .contains("transcription of the published PV"),
        "{:#}",
        items[0]
    );

    // An observation sheet is not published input; a missing path does not hide the
    // files after it.
    let missing = env.path("not-there.eml.xml");
    let out = env.compare(&[&good], &[&swapped, &missing, Path::new(TK_DIR)], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = stderr(&out);
    assert!(
        err.contains("swap.meetel: an observation sheet, not a transcription"),
        "{err}"
    );
    assert!(err.contains("not-there.eml.xml: no such file"), "{err}");
    assert!(stdout(&out).contains("Verdict   MATCH"), "{}", text(&out));
}

/// Issue 8: `meetel compare` speaks Dutch by default (the language of the PV and the
/// room) and English with `--lang en`: the table, the patterns, the errors about
/// published files and the summary. The JSON and the CSV are the same in both.
#[test]
fn compare_speaks_dutch_by_default_and_english_with_lang_en() {
    let env = Env::new();
    let good = env.sb1("sb1.meetel", TK2025_SB1_PAIRS);
    let swapped = env.sb1("swap.meetel", &swapped_pairs());
    let missing = env.path("weg.eml.xml");
    let published: [&Path; 2] = [Path::new(TK_DIR), &missing];

    let nl = env.compare_as_given(&[&good, &swapped], &published, &[]);
    assert_eq!(nl.status.code(), Some(2), "{}", text(&nl));
    let (table, err) = (stdout(&nl), stderr(&nl));
    for dutch in [
        "Blad",
        "Stembureau  0668::SB1",
        "Uitkomst    KLOPT  (de gepubliceerde cijfers komen overeen met het blad)",
        "Uitkomst    WIJKT AF  (wijkt af: E.1, E.2)",
        "Mogelijk    lijsten 1 en 2 lijken verwisseld",
        "Bestand     Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml  SHA-256 ",
        "veld",
        "waargenomen",
        "gepubliceerd",
        "1 van 2 blad(en) komen overeen met de gepubliceerde uitslag.",
    ] {
        assert!(table.contains(dutch), "`{dutch}` not in:\n{table}");
    }
    for english in [
        "Sheet",
        "Verdict",
        "Likely",
        "look swapped",
        "sheet(s) match",
    ] {
        assert!(!table.contains(english), "`{english}` in:\n{table}");
    }
    assert!(
        err.contains("weg.eml.xml: no such file or directory (bestaat niet)"),
        "{err}"
    );

    let en = env.compare_as_given(&[&good, &swapped], &published, &["--lang", "en"]);
    assert_eq!(en.status.code(), Some(2), "{}", text(&en));
    let (table, err) = (stdout(&en), stderr(&en));
    for english in [
        "Sheet     ",
        "Station   0668::SB1",
        "Verdict   MATCH  (the published figures agree with the sheet)",
        "Verdict   MISMATCH  (differs: E.1, E.2)",
        "Likely    lists 1 and 2 look swapped",
        "1 of 2 sheet(s) match the published results.",
    ] {
        assert!(table.contains(english), "`{english}` not in:\n{table}");
    }
    assert!(
        err.contains("weg.eml.xml: no such file or directory"),
        "{err}"
    );

    // The JSON is for programs: the same whatever the language, with both descriptions.
    let json_nl = env.compare_as_given(&[&swapped], &[Path::new(TK_DIR)], &["--json"]);
    let json_en = env.compare(&[&swapped], &[Path::new(TK_DIR)], &["--json"]);
    assert_eq!(json_nl.stdout, json_en.stdout);
    let p = &json(&json_nl)[0]["patterns"][0];
    assert_eq!(
        p["description"],
        "lists 1 and 2 look swapped: E.1 has the figure of E.2 and the other way round"
    );
    assert_eq!(
        p["description_nl"],
        "lijsten 1 en 2 lijken verwisseld: E.1 heeft het getal van E.2 en omgekeerd"
    );

    // Bad input said in Dutch too: no published station at all.
    let out = env.compare_as_given(&[&good], &[Path::new("tests/fixtures/fictitious")], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        stderr(&out).contains("geen uitslagen per stembureau"),
        "{}",
        text(&out)
    );
}

/// `meetel ingest` speaks Dutch by default too.
#[test]
fn ingest_speaks_dutch_by_default() {
    let env = Env::new();
    let out = env.meetel().args(["ingest", TK_DIR]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("1 bestanden"), "{said}");
    assert!(said.contains("11 stembureaus"), "{said}");
    assert!(
        said.contains("bestand(en) overgeslagen die geen EML 510-telling zijn"),
        "{said}"
    );
    assert!(!said.contains("stations"), "{said}");
}

/// Issue 8: the CLI and the TUI's compare screen describe a pattern in the same words:
/// each is the pattern's own `describe()`, in Dutch and in English.
#[test]
fn the_cli_and_the_tui_name_a_pattern_in_the_same_words() {
    use meetel::compare::Verdict;
    use meetel::i18n::Lang;
    use meetel::tui::compare_view::CompareView;
    use meetel::tui::theme::Theme;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    let env = Env::new();
    let swapped = env.sb1("swap.meetel", &swapped_pairs());
    let tk: &Path = Path::new(TK_DIR);
    let sheet = meetel::sheet::journal::Journal::read(&swapped)
        .unwrap()
        .sheet;
    let view = CompareView::load(&sheet, &[tk.to_path_buf()]);
    assert_eq!(view.verdict(), Verdict::Mismatch);

    for (lang, flag, label) in [(Lang::Nl, "nl", "Mogelijk"), (Lang::En, "en", "Likely")] {
        // The CLI's line, after its label.
        let out = env.compare_as_given(&[&swapped], &[tk], &["--lang", flag]);
        let table = stdout(&out);
        let cli: Vec<&str> = table
            .lines()
            .filter_map(|l| l.strip_prefix(label))
            .map(str::trim)
            .collect();
        assert_eq!(cli.len(), 1, "{table}");

        // The TUI's line, after its bullet, drawn wide enough not to wrap.
        let mut terminal = Terminal::new(TestBackend::new(220, 60)).unwrap();
        terminal
            .draw(|f| f.render_widget(view.widget(lang).theme(Theme::mono()), f.area()))
            .unwrap();
        let buf = terminal.backend().buffer().clone();
        let rows: Vec<String> = (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect();
        // The screen is in two columns at this width: the line ends at the gap.
        let tui: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.trim_start().strip_prefix("• "))
            .filter_map(|r| r.split("  ").next())
            .map(str::trim)
            .collect();
        assert_eq!(tui, cli, "{lang:?}:\n{}", rows.join("\n"));
        assert!(cli[0].starts_with(match lang {
            Lang::Nl => "lijsten 1 en 2 lijken verwisseld",
            Lang::En => "lists 1 and 2 look swapped",
        }));
    }
}
