//! The "Done when" of the sheet core, as a new user would do it: `new` → `set` → `show`
//! → `seal` → `verify` on sheets typed with the published figures of two real stations,
//! through the real binary.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use meetel::testkit::{GR2022_SB7_PAIRS, TK2025_SB1_PAIRS};

fn meetel(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("meetel").unwrap();
    cmd.env("MEETEL_HOME", home).env_remove("NO_COLOR");
    cmd
}

/// `meetel --lang en`: for the runs whose English words are asserted (Dutch is the
/// default; tests/it/cli_lang.rs checks both).
fn meetel_en(home: &Path) -> Command {
    let mut cmd = meetel(home);
    cmd.args(["--lang", "en"]);
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{:?} failed: {}", cmd, text(&out));
    text(&out)
}

/// Fills, checks, seals and verifies one sheet; returns `show --json` before sealing.
fn walkthrough(form: &str, station: &str, pairs: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let sheet = dir.path().join("sheet.meetel");
    let created = run_ok(
        meetel(&home)
            .args([
                "new",
                "--form",
                form,
                "--station",
                station,
                "--observer",
                "anna",
                "--out",
            ])
            .arg(&sheet),
    );
    assert!(created.contains(station), "{created}");
    run_ok(meetel(&home).arg("set").arg(&sheet).args(pairs));

    let json = run_ok(meetel(&home).args(["show", "--json"]).arg(&sheet));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let summary = run_ok(meetel(&home).args(["--lang", "en", "show"]).arg(&sheet));
    assert!(summary.contains("Not sealed yet"), "{summary}");

    let sealed = run_ok(meetel_en(&home).arg("seal").arg(&sheet));
    let fp_line = sealed
        .lines()
        .find(|l| l.starts_with("Fingerprint: "))
        .expect(&sealed);
    let groups: Vec<&str> = fp_line["Fingerprint: ".len()..].split(' ').collect();
    assert_eq!(groups.len(), 16, "{fp_line}");
    assert!(groups.iter().all(|g| g.len() == 4
        && g.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())));

    let verified = run_ok(meetel(&home).arg("verify").arg(&sheet));
    assert!(
        verified.contains(&fp_line["Fingerprint: ".len()..]),
        "verify names the fingerprint: {verified}"
    );

    // A sealed sheet is read-only.
    let refused = meetel_en(&home)
        .arg("set")
        .arg(&sheet)
        .arg("A=1")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused).contains("sealed"), "{}", text(&refused));
    // and verify still passes after the refused edit.
    run_ok(meetel(&home).arg("verify").arg(&sheet));
    value
}

fn f_codes(show: &serde_json::Value) -> Vec<String> {
    show["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .filter(|c| c.starts_with("F."))
        .collect()
}

#[test]
fn tk2025_west_maas_en_waal_sb1_with_the_published_figures() {
    // From Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml, ReportingUnit 0668::SB1.
    let mut pairs = TK2025_SB1_PAIRS.to_vec();
    pairs.extend([
        "moment.close=21:00",
        "check.passes-first=yes",
        "note=Rustige telling.",
    ]);
    let show = walkthrough("tk2025-nijmegen", "0668::SB1", &pairs);
    assert_eq!(f_codes(&show), Vec::<String>::new(), "{show:#}");
    assert_eq!(
        show["sheet"]["header"]["station"]["name"]
            .as_str()
            .map(|s| !s.is_empty()),
        Some(true)
    );
}

#[test]
fn gr2022_west_maas_en_waal_sb7_with_the_published_figures() {
    // From Telling_GR2022_WestMaasenWaal.eml.xml, ReportingUnit 0668::SB7: one ballot
    // more counted than voters admitted (H > D, I = 1). Which box of PV 2.3 was ticked
    // and whether the difference was explained are not in the published file; a
    // consistent PV ticks "H > D" and answers the question once.
    let show = walkthrough("gr2022-westmaasenwaal", "0668::SB7", GR2022_SB7_PAIRS);
    assert_eq!(f_codes(&show), Vec::<String>::new(), "{show:#}");
}

#[test]
fn field_c_does_not_exist_at_a_municipal_election() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let sheet = dir.path().join("gr.meetel");
    run_ok(
        meetel(&home)
            .args([
                "new",
                "--form",
                "gr2022-westmaasenwaal",
                "--station",
                "0668::SB7",
                "--observer",
                "b",
                "--out",
            ])
            .arg(&sheet),
    );
    let out = meetel_en(&home)
        .arg("set")
        .arg(&sheet)
        .args(["A=1", "C=3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let msg = text(&out);
    assert!(
        msg.contains("C=3") && msg.contains("does not exist"),
        "{msg}"
    );
    // Nothing of the batch was written: A is still not observed.
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(meetel(&home).args(["show", "--json"]).arg(&sheet))).unwrap();
    assert!(
        json["sheet"]["counts"].as_object().unwrap().is_empty(),
        "{json:#}"
    );
}

#[test]
fn bad_usage_exits_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let out = meetel(&home)
        .args([
            "new",
            "--form",
            "tk",
            "--station",
            "SB1",
            "--observer",
            "a",
            "--out",
        ])
        .arg(dir.path().join("x.meetel"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("0668::SB1"), "{}", text(&out));

    let sheet = dir.path().join("s.meetel");
    run_ok(
        meetel(&home)
            .args([
                "new",
                "--form",
                "tk",
                "--station",
                "0668::SB1",
                "--observer",
                "a",
                "--out",
            ])
            .arg(&sheet),
    );
    for (pair, expect) in [
        ("A=-1", "whole number"),
        ("A=abc", "whole number"),
        ("K=1", "expected a PV field"),
        ("A", "KEY=VALUE"),
        ("moment.close=25:00", "HH:MM"),
    ] {
        let out = meetel_en(&home)
            .arg("set")
            .arg(&sheet)
            .arg(pair)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{pair}");
        assert!(text(&out).contains(expect), "{pair}: {}", text(&out));
    }
    let out = meetel(&home)
        .arg("show")
        .arg(dir.path().join("missing.meetel"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("missing.meetel"), "{}", text(&out));
}

#[test]
fn a_correction_names_the_seal_it_supersedes() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let sheet = dir.path().join("s.meetel");
    let fixed = dir.path().join("fixed.meetel");
    run_ok(
        meetel(&home)
            .args([
                "new",
                "--form",
                "tk",
                "--station",
                "0668::SB2",
                "--observer",
                "a",
                "--out",
            ])
            .arg(&sheet),
    );
    run_ok(meetel(&home).arg("set").arg(&sheet).args(["A=10", "B=1"]));
    let sealed = run_ok(meetel_en(&home).arg("seal").arg(&sheet));
    let fp: String = sealed
        .lines()
        .find_map(|l| l.strip_prefix("Fingerprint: "))
        .unwrap()
        .replace(' ', "");
    run_ok(
        meetel(&home)
            .arg("correct")
            .arg(&sheet)
            .arg("--out")
            .arg(&fixed),
    );
    run_ok(meetel(&home).arg("set").arg(&fixed).arg("A=11"));
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(meetel(&home).args(["show", "--json"]).arg(&fixed))).unwrap();
    assert_eq!(
        json["sheet"]["header"]["supersedes"].as_str(),
        Some(fp.as_str())
    );
    assert_eq!(json["sheet"]["counts"]["A"], 11);
    assert_eq!(json["sheet"]["counts"]["B"], 1);
    // The original is unchanged and still verifies.
    run_ok(meetel(&home).arg("verify").arg(&sheet));
}

#[test]
fn verify_with_key_accepts_only_the_observers_given() {
    let dir = tempfile::tempdir().unwrap();
    let (anna, bert) = (dir.path().join("anna"), dir.path().join("bert"));
    let sheet = dir.path().join("s.meetel");
    run_ok(
        meetel(&anna)
            .args(["new", "--form", "tk", "--station", "0668::SB3"])
            .args(["--observer", "anna", "--out"])
            .arg(&sheet),
    );
    run_ok(meetel(&anna).arg("set").arg(&sheet).arg("A=10"));
    run_ok(meetel(&anna).arg("seal").arg(&sheet));
    let (anna_pub, bert_pub) = (dir.path().join("anna.pub"), dir.path().join("bert.pub"));
    run_ok(meetel(&anna).args(["keys", "--export"]).arg(&anna_pub));
    run_ok(meetel(&bert).args(["keys", "--export"]).arg(&bert_pub));

    let ok = run_ok(
        meetel_en(&bert)
            .arg("verify")
            .arg(&sheet)
            .arg("--key")
            .arg(&anna_pub),
    );
    assert!(ok.contains("one of the keys given"), "{ok}");
    let out = meetel_en(&bert)
        .arg("verify")
        .arg(&sheet)
        .arg("--key")
        .arg(&bert_pub)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("not among the 1 key(s)"),
        "{}",
        text(&out)
    );
    let bad = meetel(&bert)
        .arg("verify")
        .arg(&sheet)
        .arg("--key")
        .arg(dir.path().join("missing.pub"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).contains("missing.pub"), "{}", text(&bad));
}
