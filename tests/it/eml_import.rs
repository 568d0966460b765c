//! Import of the real published files (tests/fixtures, copied from the Kiesraad's
//! publications), and of copies with planted errors.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use meetel::eml::import;
use meetel::published::eml510::read as read_count;
use meetel::published::read_file as published_from_file;
use meetel::published::{ErrorKind, InputFile, Position, PublishedStation};
use meetel::sheet::{Explanation, FieldKey, PvField};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

const TK_510B: &str = "tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml";
const TK_CSV: &str = "tk2025/osv4-3_telling_tk2025_gemeente_westmaasenwaal.csv";
const GR_510B: &str = "gr2022-westmaasenwaal/Telling_GR2022_WestMaasenWaal.eml.xml";
const GR_CSV: &str = "gr2022-westmaasenwaal/osv4-3_telling_gr2022_westmaasenwaal.csv";

fn pv(s: &PublishedStation, f: PvField) -> Option<u32> {
    s.counts.get(&FieldKey::Pv(f)).copied()
}

fn station<'a>(all: &'a [PublishedStation], id: &str) -> &'a PublishedStation {
    all.iter()
        .find(|s| s.station.id.to_string() == id)
        .unwrap_or_else(|| panic!("no station {id}"))
}

#[test]
fn tk2025_west_maas_en_waal_has_11_stations_with_the_published_figures() {
    let all = published_from_file(&fixture(TK_510B)).unwrap();
    assert_eq!(all.len(), 11);
    let ids: Vec<String> = all.iter().map(|s| s.station.id.to_string()).collect();
    assert_eq!(ids[0], "0668::SB1");
    assert_eq!(ids[10], "0668::SB11");
    // Read by hand from the 510b (ReportingUnitVotes 0668::SB1, "Stembureau Gemeentehuis
    // (postcode: 6658 AG)"): Cast 0 (eligible voters unknown: not a PV field),
    // TotalCounted 2318, blanco 14, ongeldig 0, stempassen 2086, volmachten 239,
    // kiezerspassen 7, toegelaten 2332; PVV 568, Wilders 542.
    let sb1 = station(&all, "0668::SB1");
    assert_eq!(sb1.station.name, "Gemeentehuis");
    assert_eq!(sb1.station.postcode, "6658 AG");
    assert_eq!(sb1.station.municipality_name, "West Maas en Waal");
    assert_eq!(sb1.election.id, "TK2025");
    assert_eq!(sb1.election.contest.as_ref().unwrap().name, "Nijmegen");
    let expect = [
        (PvField::A, 2086),
        (PvField::B, 239),
        (PvField::C, 7),
        (PvField::D, 2332),
        (PvField::E, 2318),
        (PvField::F, 14),
        (PvField::G, 0),
        (PvField::H, 2332),
        (PvField::I, 0),
        (PvField::J, 0),
    ];
    for (f, v) in expect {
        assert_eq!(pv(sb1, f), Some(v), "SB1 {f:?}");
    }
    assert_eq!(sb1.counts[&FieldKey::List(1)], 568);
    assert_eq!(
        sb1.counts[&FieldKey::Candidate {
            list: 1,
            candidate: 1
        }],
        542
    );
    // SB11 (Dorpshuis De Hucht): TotalCounted 1181, ongeldig 4, blanco 5, so H = 1190 = D.
    let sb11 = station(&all, "0668::SB11");
    assert_eq!(
        (
            pv(sb11, PvField::E),
            pv(sb11, PvField::F),
            pv(sb11, PvField::G)
        ),
        (Some(1181), Some(5), Some(4))
    );
    assert_eq!(
        (pv(sb11, PvField::D), pv(sb11, PvField::H)),
        (Some(1190), Some(1190))
    );
    assert_eq!(pv(sb11, PvField::C), Some(0));
    assert_eq!(sb11.counts[&FieldKey::List(7)], 148);
    // Carried reason codes are there (as 0); codes the file does not carry stay absent.
    assert_eq!(
        sb11.counts
            .get(&FieldKey::Explanation(Explanation::TakenHome)),
        Some(&0)
    );
    assert_eq!(
        sb11.counts.get(&FieldKey::Explanation(Explanation::Lost)),
        None
    );
    assert_eq!(
        sb11.counts
            .get(&FieldKey::Explanation(Explanation::NoPostalBallots)),
        None
    );
    // Every list total is the sum of its candidates, for every station.
    for s in &all {
        let mut sums: BTreeMap<u32, u32> = BTreeMap::new();
        for (k, v) in &s.counts {
            if let FieldKey::Candidate { list, .. } = k {
                *sums.entry(*list).or_default() += v;
            }
        }
        for (list, sum) in sums {
            assert_eq!(
                s.counts[&FieldKey::List(list)],
                sum,
                "{} list {list}",
                s.station.id
            );
        }
        assert!(
            s.source.sha256.starts_with("d66b 851c a97d 2fce"),
            "{}",
            s.source.sha256
        );
    }
}

#[test]
fn gr2022_west_maas_en_waal_has_21_stations_and_two_explained_differences() {
    let all = published_from_file(&fixture(GR_510B)).unwrap();
    assert_eq!(all.len(), 21);
    assert_eq!(all[20].station.id.to_string(), "0668::SB121");
    assert_eq!(all[0].election.id, "GR2022_WestMaasenWaal");
    assert_eq!(all[0].election.contest, None);
    // No field C at a municipal election: the files' 0 filler is not a count.
    assert!(all.iter().all(|s| pv(s, PvField::C).is_none()));
    // SB1 (Dorpshuis De Hucht): D 690, E 687 + F 2 + G 0 = H 689, one ballot fewer (J = 1).
    let sb1 = station(&all, "0668::SB1");
    assert_eq!(
        [
            PvField::A,
            PvField::B,
            PvField::D,
            PvField::E,
            PvField::F,
            PvField::G,
            PvField::H,
            PvField::I,
            PvField::J
        ]
        .map(|f| pv(sb1, f)),
        [
            Some(619),
            Some(71),
            Some(690),
            Some(687),
            Some(2),
            Some(0),
            Some(689),
            Some(0),
            Some(1)
        ]
    );
    // SB7 (Kulturhus d'n Dulper): D 868, H = 865 + 3 + 1 = 869, one ballot more (I = 1).
    let sb7 = station(&all, "0668::SB7");
    assert_eq!(
        [
            PvField::D,
            PvField::E,
            PvField::F,
            PvField::G,
            PvField::H,
            PvField::I,
            PvField::J
        ]
        .map(|f| pv(sb7, f)),
        [
            Some(868),
            Some(865),
            Some(3),
            Some(1),
            Some(869),
            Some(1),
            Some(0)
        ]
    );
    for s in [sb1, sb7] {
        for x in [
            Explanation::TakenHome,
            Explanation::TooFewIssued,
            Explanation::TooManyIssued,
            Explanation::Unexplained,
            Explanation::Other,
        ] {
            assert_eq!(
                s.counts.get(&FieldKey::Explanation(x)),
                Some(&0),
                "{} {x:?}",
                s.station.id
            );
        }
        for x in [
            Explanation::Lost,
            Explanation::NoPostalBallots,
            Explanation::TooManyPostalBallots,
        ] {
            assert_eq!(
                s.counts.get(&FieldKey::Explanation(x)),
                None,
                "{} {x:?}",
                s.station.id
            );
        }
    }
    // Every other station has D = H.
    let differing: Vec<String> = all
        .iter()
        .filter(|s| pv(s, PvField::D) != pv(s, PvField::H))
        .map(|s| s.station.id.to_string())
        .collect();
    assert_eq!(differing, ["0668::SB1", "0668::SB7"]);
}

fn assert_same_numbers(eml: &[PublishedStation], csv: &[PublishedStation]) {
    assert_eq!(eml.len(), csv.len());
    for (e, c) in eml.iter().zip(csv) {
        assert_eq!(e.station, c.station);
        assert_eq!(e.counts, c.counts, "{}", e.station.id);
    }
}

#[test]
fn the_510b_and_the_osv_csv_of_tk2025_agree_for_every_station_list_and_candidate() {
    let eml = published_from_file(&fixture(TK_510B)).unwrap();
    let csv = meetel::published::osv::read(&fixture(TK_CSV)).unwrap();
    assert_same_numbers(&eml, &csv);
    assert_eq!(
        csv[0].election.name,
        "Tweede Kamer der Staten-Generaal 2025"
    );
    assert_eq!(csv[0].election.id, "TK2025");
}

#[test]
fn the_510b_and_the_osv_csv_of_gr2022_agree_for_every_station_list_and_candidate() {
    let eml = published_from_file(&fixture(GR_510B)).unwrap();
    let csv = meetel::published::osv::read(&fixture(GR_CSV)).unwrap();
    assert_same_numbers(&eml, &csv);
    assert_eq!(csv[0].election.id, "GR2022_WestMaasenWaal");
}

#[test]
fn a_directory_imports_in_any_order_and_the_csv_gets_its_election_from_the_eml() {
    // A copy of the published files (the fixtures directory also holds other files),
    // nested, with the CSVs given first and on their own.
    let dir = tempfile::tempdir().unwrap();
    let mut csvs = Vec::new();
    for sub in ["tk2025", "gr2022-westmaasenwaal", "fictitious"] {
        let to = dir.path().join("published").join(sub);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(fixture(sub)).unwrap() {
            let from = entry.unwrap().path();
            let name = from.file_name().unwrap().to_owned();
            if name.to_string_lossy().ends_with(".csv") {
                std::fs::copy(&from, dir.path().join(&name)).unwrap();
                csvs.push(dir.path().join(&name));
            } else {
                std::fs::copy(&from, to.join(&name)).unwrap();
            }
        }
    }
    csvs.push(dir.path().join("published"));
    let report = import(&csvs);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.definitions.len(), 1);
    assert_eq!(report.candidate_lists.len(), 2);
    assert_eq!(report.station_lists.len(), 2);
    // Two count files and two CSVs: 11 + 11 + 21 + 21 stations.
    assert_eq!(report.stations().count(), 64);
    assert_eq!(report.files.len(), 9);
    let tk_csv = report
        .stations()
        .find(|s| s.source.name.starts_with("osv4-3_telling_tk2025"))
        .unwrap();
    assert_eq!(tk_csv.election.contest.as_ref().unwrap().id, "6");
    let info = report
        .documents
        .iter()
        .find(|d| d.source.name == "Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml")
        .unwrap();
    assert_eq!(info.municipality_code(), Some("0668"));
    assert!(info.check_belongs_to("TK2025", Some("0668")).is_ok());
    let other = info
        .check_belongs_to("GR2022_WestMaasenWaal", Some("0668"))
        .unwrap_err();
    assert!(other.en.contains("TK2025"), "{other}");
    let elsewhere = info.check_belongs_to("TK2025", Some("0363")).unwrap_err();
    assert!(
        elsewhere.en.contains("0668") && elsewhere.en.contains("0363"),
        "{elsewhere}"
    );
}

#[test]
fn the_fictitious_110b_gives_its_station() {
    let report = import(&[fixture("fictitious/eml110b_1_station.eml.xml")]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let s = &report.station_lists[0].stations[0];
    assert_eq!(s.id.to_string(), "0000::SB1");
    assert_eq!(
        (s.name.as_str(), s.postcode.as_str()),
        ("Stadhuis", "1011 PN")
    );
}

#[test]
fn a_zip_archive_imports_like_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tk2025.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for rel in [TK_510B, TK_CSV] {
        zip.start_file(
            format!(
                "export/{}",
                Path::new(rel).file_name().unwrap().to_str().unwrap()
            ),
            opts,
        )
        .unwrap();
        zip.write_all(&std::fs::read(fixture(rel)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    let report = import(&[path]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.stations().count(), 22);
    // The fingerprint is the entry's, the same as the file's.
    let direct = InputFile::read(&fixture(TK_510B)).unwrap().source();
    assert!(report.files.contains(&direct));
}

// --- Planted errors: each gives its own error, and a good file beside it still imports.

struct Planted {
    dir: tempfile::TempDir,
}

impl Planted {
    fn new() -> Planted {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(fixture(TK_510B), dir.path().join("good.eml.xml")).unwrap();
        Planted { dir }
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    /// Imports the planted file with the good one, checks that the good one's 11
    /// stations came through and returns the single error.
    fn import_one_error(&self, bad: PathBuf) -> meetel::published::ImportError {
        let report = import(&[bad.clone(), self.dir.path().join("good.eml.xml")]);
        assert_eq!(report.stations().count(), 11, "the good file still imports");
        assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
        let e = report.errors.into_iter().next().unwrap();
        assert_eq!(e.file, bad.display().to_string());
        e
    }
}

fn gr_text() -> String {
    std::fs::read_to_string(fixture(GR_510B)).unwrap()
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn a_truncated_file_is_reported_at_its_end() {
    let p = Planted::new();
    let text = gr_text();
    let e = p.import_one_error(p.write("truncated.eml.xml", &text.as_bytes()[..300_000]));
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.message.en.contains("truncated"), "{e}");
    // The file is one line; the error is at its end.
    let pos = e.position.unwrap();
    assert_eq!(pos.line, 1);
    assert!(pos.column.unwrap() > 299_000, "{e}");
}

#[test]
fn a_wrong_namespace_is_named() {
    let p = Planted::new();
    let text = replace_once(
        &gr_text(),
        "xmlns=\"urn:oasis:names:tc:evs:schema:eml\"",
        "xmlns=\"urn:example:not-eml\"",
    );
    let e = p.import_one_error(p.write("ns.eml.xml", text.as_bytes()));
    assert_eq!(e.kind, ErrorKind::Namespace);
    assert!(
        e.message.en.contains("urn:example:not-eml")
            && e.message.en.contains("urn:oasis:names:tc:evs:schema:eml"),
        "{e}"
    );
    assert_eq!(
        e.position,
        Some(Position {
            line: 1,
            column: Some(1)
        })
    );
}

#[test]
fn a_dtd_with_entities_is_refused_not_expanded() {
    let p = Planted::new();
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE EML [\n <!ENTITY a \"aaaaaaaaaa\">\n <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n";
    let text = format!("{laughs}{}", gr_text());
    let e = p.import_one_error(p.write("dtd.eml.xml", text.as_bytes()));
    assert_eq!(e.kind, ErrorKind::Dtd);
    assert_eq!(
        e.position,
        Some(Position {
            line: 2,
            column: Some(1)
        })
    );
    // An entity declaration alone (without a DOCTYPE in front of it) too.
    let e = p.import_one_error(p.write(
        "entity.eml.xml",
        format!("<!ENTITY x \"y\">{}", gr_text()).as_bytes(),
    ));
    assert_eq!(e.kind, ErrorKind::Dtd);
}

#[test]
fn a_duplicate_station_is_reported_at_its_second_occurrence() {
    let p = Planted::new();
    let text = replace_once(&gr_text(), "Id=\"0668::SB2\"", "Id=\"0668::SB1\"");
    let at = text
        .match_indices("<ReportingUnitIdentifier Id=\"0668::SB1\"")
        .nth(1)
        .unwrap()
        .0;
    let e = p.import_one_error(p.write("dup.eml.xml", text.as_bytes()));
    assert_eq!(e.kind, ErrorKind::DuplicateStation);
    assert!(e.message.en.contains("0668::SB1"), "{e}");
    assert_eq!(
        e.position,
        Some(Position {
            line: 1,
            column: Some(at + 1)
        })
    );
}

#[test]
fn negative_and_non_numeric_counts_are_refused_with_their_place() {
    let p = Planted::new();
    let text = gr_text();
    let at = text.find("<TotalCounted>687<").unwrap() + "<TotalCounted>".len();
    for (name, bad) in [("negative.eml.xml", "-687"), ("nan.eml.xml", "6x7")] {
        let planted = replace_once(
            &text,
            "<TotalCounted>687<",
            &format!("<TotalCounted>{bad}<"),
        );
        let e = p.import_one_error(p.write(name, planted.as_bytes()));
        assert_eq!(e.kind, ErrorKind::Count, "{e}");
        assert!(
            e.message.en.contains(bad) && e.message.en.contains("TotalCounted"),
            "{e}"
        );
        assert_eq!(
            e.position,
            Some(Position {
                line: 1,
                column: Some(at + 1)
            }),
            "{e}"
        );
    }
    let planted = replace_once(
        &text,
        "ReasonCode=\"geldige stempassen\">619<",
        "ReasonCode=\"geldige stempassen\">-619<",
    );
    let e = p.import_one_error(p.write("neg-a.eml.xml", planted.as_bytes()));
    assert_eq!(e.kind, ErrorKind::Count, "{e}");
}

#[test]
fn a_csv_with_another_delimiter_is_refused() {
    let p = Planted::new();
    let text = std::fs::read_to_string(fixture(GR_CSV))
        .unwrap()
        .replace("\";\"", "\",\"")
        .replace(";;", ",,");
    let e = p.import_one_error(p.write("comma.csv", text.as_bytes()));
    assert_eq!(e.kind, ErrorKind::CsvDelimiter);
    assert!(
        e.message.en.contains("comma") && e.message.en.contains("`;`"),
        "{e}"
    );
    assert_eq!(e.position, Some(Position::line(1)));
}

#[test]
fn a_negative_count_in_the_csv_names_line_and_field() {
    let p = Planted::new();
    let text = replace_once(
        &std::fs::read_to_string(fixture(GR_CSV)).unwrap(),
        ";\"toegelaten kiezers\";;;\"9398\";\"690\"",
        ";\"toegelaten kiezers\";;;\"9398\";\"-690\"",
    );
    let e = p.import_one_error(p.write("neg.csv", text.as_bytes()));
    assert_eq!(e.kind, ErrorKind::Count);
    assert_eq!(
        e.position,
        Some(Position {
            line: 13,
            column: Some(6)
        })
    );
}

#[test]
fn encoding_and_bom_problems_are_named() {
    let p = Planted::new();
    let csv = std::fs::read(fixture(GR_CSV)).unwrap();
    // Latin-1: the `ö` of a name as the single byte 0xF6.
    let text = String::from_utf8(csv.clone()).unwrap();
    let latin1: Vec<u8> = text
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    assert!(
        latin1.iter().any(|&b| b > 0x7F),
        "the GR CSV has a non-ASCII character"
    );
    let e = p.import_one_error(p.write("latin1.csv", &latin1));
    assert_eq!(e.kind, ErrorKind::Encoding);
    assert!(e.position.is_some(), "{e}");
    // Two byte-order marks.
    let mut double = vec![0xEF, 0xBB, 0xBF];
    double.extend_from_slice(&csv);
    let e = p.import_one_error(p.write("double-bom.csv", &double));
    assert_eq!(e.kind, ErrorKind::Bom);
    // An XML that declares another encoding.
    let decl = format!(
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>{}",
        gr_text()
    );
    let e = p.import_one_error(p.write("iso.eml.xml", decl.as_bytes()));
    assert_eq!(e.kind, ErrorKind::Encoding);
    assert!(e.message.en.contains("ISO-8859-1"), "{e}");
}

#[test]
fn utf16_and_a_bom_before_the_xml_are_fine() {
    let text = gr_text();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let a = read_count(&InputFile::from_bytes("utf16.eml.xml", utf16)).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let b = read_count(&InputFile::from_bytes("bom.eml.xml", bom)).unwrap();
    assert_eq!(a.stations.len(), 21);
    assert_eq!(a.stations[0].counts, b.stations[0].counts);
}

#[test]
fn published_from_file_reads_the_csv_too_and_refuses_other_documents() {
    assert_eq!(published_from_file(&fixture(GR_CSV)).unwrap().len(), 21);
    let e =
        published_from_file(&fixture("tk2025/Verkiezingsdefinitie_TK2025.eml.xml")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownDocument);
    assert!(
        e.message.en.contains("110a") && e.message.en.contains("510b"),
        "{e}"
    );
}

#[test]
fn a_broken_zip_is_an_error_while_the_other_files_import() {
    let p = Planted::new();
    let e = p.import_one_error(p.write("broken.zip", b"PK\x03\x04 this is not really a zip"));
    assert_eq!(e.kind, ErrorKind::Archive);
    assert!(e.message.en.contains("zip"), "{e}");
}
