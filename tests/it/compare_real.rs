//! The "done when" of the comparison, on the Kiesraad's real files: every station of
//! TK2025 and GR2022 West Maas en Waal imports; a sheet typed with a station's published
//! figures compares MATCH; the same sheet with two list totals swapped compares
//! MISMATCH and names the swap; a sheet observed only in part compares INCOMPLETE and
//! lists what was not observed.

use std::path::{Path, PathBuf};

use meetel::compare::{self, output, FieldStatus, Pattern, Verdict};
use meetel::election::{Election, PollingStation};
use meetel::i18n::Lang;
use meetel::published::{Progress, PublishedIndex, PublishedStation};
use meetel::sheet::{FieldKey, Op, PvField, Sheet, SheetHeader};
use meetel::testkit::{self, gr2022, tk2025};

const TK: &str = "tests/fixtures/tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml";
const GR: &str = "tests/fixtures/gr2022-westmaasenwaal/Telling_GR2022_WestMaasenWaal.eml.xml";

fn index(paths: &[&str]) -> PublishedIndex {
    let mut index = PublishedIndex::new();
    let files: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let errors = index.ingest_paths(&files, &mut Progress::quiet());
    assert!(errors.is_empty(), "{errors:?}");
    index
}

fn header(election: Election, station: &str) -> SheetHeader {
    testkit::header(election, PollingStation::bare(station.parse().unwrap()))
}

fn set(sheet: &mut Sheet, field: FieldKey, value: u32) {
    sheet.apply(&Op::SetCount {
        field,
        value: Some(value),
    });
}

/// A sheet typed with every published figure of the station: A–J, the lists, every
/// candidate and the explanation counts.
fn typed_from(election: Election, published: &PublishedStation) -> Sheet {
    let has_c = election.category.has_voter_cards();
    let mut sheet = Sheet::new(header(election, &published.station.id.to_string()));
    for (&field, &value) in &published.counts {
        // The form of a GR election has no field C, so no observer types it.
        if field != FieldKey::Pv(PvField::C) || has_c {
            set(&mut sheet, field, value);
        }
    }
    sheet
}

/// The station `id` in the index's file of `election` (TK and GR share station ids).
fn station<'a>(index: &'a PublishedIndex, id: &str) -> &'a PublishedStation {
    station_of(index, "TK2025", id)
}

fn station_of<'a>(index: &'a PublishedIndex, election: &str, id: &str) -> &'a PublishedStation {
    index
        .find(&id.parse().unwrap())
        .find(|s| index.file_of(s).unwrap().info.election.id == election)
        .unwrap()
}

#[test]
fn every_station_of_both_elections_imports() {
    let index = index(&[TK, GR]);
    let in_file = |i: usize| {
        let file = index.files[i].source();
        index.stations.iter().filter(|s| &s.source == file).count()
    };
    let (tk, gr) = (in_file(0), in_file(1));
    assert_eq!(tk, 11);
    assert_eq!(gr, 21);
    assert_eq!(index.files[0].info.election.id, "TK2025");
    assert_eq!(index.files[1].info.election.id, "GR2022_WestMaasenWaal");
    // The real figures of TK2025 0668::SB1 (Stembureau Gemeentehuis).
    let sb1 = station(&index, "0668::SB1");
    assert_eq!(sb1.pv(PvField::A), Some(2086));
    assert_eq!(sb1.pv(PvField::D), Some(2332));
    assert_eq!(sb1.pv(PvField::H), Some(2318 + 14));
    assert_eq!(sb1.value(FieldKey::List(1)), Some(568));
    assert_eq!(
        sb1.value(FieldKey::Candidate {
            list: 1,
            candidate: 1
        }),
        Some(542)
    );
    // Every station: the list totals add up to E, and every list to its candidates.
    for s in &index.stations {
        let id = &s.station.id;
        let lists: u32 = s
            .counts
            .lists()
            .into_iter()
            .filter_map(|n| s.value(FieldKey::List(n)))
            .sum();
        assert_eq!(Some(lists), s.pv(PvField::E), "{id}");
        for n in s.counts.lists() {
            let total = s.value(FieldKey::List(n));
            let cands: u32 = s.counts.candidates(n).iter().map(|c| c.1).sum();
            assert_eq!(Some(cands), total, "{id} list {n}");
        }
    }
    assert!(
        index.files[0].sha256().starts_with("d66b 851c a97d 2fce"),
        "{}",
        index.files[0].sha256()
    );
}

#[test]
fn a_sheet_typed_with_the_published_figures_matches() {
    let index = index(&[TK, GR]);
    for (election, id) in [
        (tk2025(), "0668::SB1"),
        (tk2025(), "0668::SB11"),
        (gr2022(), "0668::SB7"),
    ] {
        let published = station_of(&index, &election.id, id);
        let sheet = typed_from(election, published);
        let c = compare::compare(&sheet, &index);
        assert_eq!(
            c.verdict,
            Verdict::Match,
            "{id}: {:?}",
            c.differences().collect::<Vec<_>>()
        );
        assert!(c.patterns.is_empty());
        assert_eq!(c.files.len(), 1);
        assert_eq!(c.files[0].sha256.split(' ').count(), 16);
    }
}

#[test]
fn two_list_totals_swapped_is_a_mismatch_that_names_the_swap() {
    let index = index(&[TK]);
    let published = station(&index, "0668::SB1");
    let mut sheet = typed_from(tk2025(), published);
    let (e1, e2) = (
        published.value(FieldKey::List(1)).unwrap(),
        published.value(FieldKey::List(2)).unwrap(),
    );
    assert_ne!(e1, e2);
    set(&mut sheet, FieldKey::List(1), e2);
    set(&mut sheet, FieldKey::List(2), e1);
    let c = compare::compare(&sheet, &index);
    assert_eq!(c.verdict, Verdict::Mismatch);
    let diffs: Vec<FieldKey> = c.differences().map(|f| f.field).collect();
    assert_eq!(diffs, vec![FieldKey::List(1), FieldKey::List(2)]);
    assert_eq!(
        c.patterns,
        vec![Pattern::Swapped {
            a: FieldKey::List(1),
            b: FieldKey::List(2)
        }]
    );
    let json = output::json(&[("sb1.sheet".to_string(), c.clone())]);
    let obj = &json[0];
    assert_eq!(obj["station"], "0668::SB1");
    assert_eq!(obj["verdict"], "MISMATCH");
    assert_eq!(obj["differences"][0]["field"], "E.1");
    assert_eq!(obj["differences"][0]["observed"], e2);
    assert_eq!(obj["differences"][0]["published"], e1);
    assert_eq!(obj["patterns"][0]["kind"], "swapped");
    assert_eq!(
        obj["patterns"][0]["fields"],
        serde_json::json!(["E.1", "E.2"])
    );
    assert!(obj["published_files"][0]["sha256"]
        .as_str()
        .unwrap()
        .starts_with("d66b 851c"));
    // The words of the TUI's compare screen (one vocabulary, issue 8): hedged, "look".
    let table = output::table(&[("sb1.sheet".to_string(), c)], Lang::En);
    assert!(table.contains("lists 1 and 2 look swapped"), "{table}");
}

#[test]
fn a_sheet_observed_in_part_is_incomplete_and_lists_what_was_not_observed() {
    let index = index(&[TK]);
    let published = station(&index, "0668::SB2");
    let mut sheet = Sheet::new(header(tk2025(), "0668::SB2"));
    for f in [PvField::A, PvField::B, PvField::D, PvField::E] {
        set(&mut sheet, FieldKey::Pv(f), published.pv(f).unwrap());
    }
    set(
        &mut sheet,
        FieldKey::List(1),
        published.value(FieldKey::List(1)).unwrap(),
    );
    let c = compare::compare(&sheet, &index);
    assert_eq!(c.verdict, Verdict::Incomplete);
    let missing = c.not_observed();
    for f in [PvField::C, PvField::F, PvField::G, PvField::H] {
        assert!(missing.contains(&FieldKey::Pv(f)), "{f:?} in {missing:?}");
    }
    assert!(missing.contains(&FieldKey::List(2)));
    assert!(!missing.contains(&FieldKey::List(1)));
    assert!(!missing.contains(&FieldKey::Pv(PvField::A)));
    // No unobserved candidate makes a sheet incomplete.
    assert!(!missing
        .iter()
        .any(|k| matches!(k, FieldKey::Candidate { .. })));
    let json = output::json(&[("sb2".into(), c)]);
    assert_eq!(json[0]["verdict"], "INCOMPLETE");
    assert!(json[0]["not_observed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v == "H"));
}

#[test]
fn a_station_not_in_the_files_names_why() {
    let index = index(&[TK]);
    let missing = Sheet::new(header(tk2025(), "0668::SB99"));
    let c = compare::compare(&missing, &index);
    assert_eq!(c.verdict, Verdict::Mismatch);
    assert!(
        matches!(c.patterns[..], [Pattern::StationMissing { .. }]),
        "{:?}",
        c.patterns
    );
    let other_muni = Sheet::new(header(tk2025(), "0363::SB1"));
    let c = compare::compare(&other_muni, &index);
    assert!(
        matches!(c.patterns[..], [Pattern::OtherMunicipality { .. }]),
        "{:?}",
        c.patterns
    );
    let other_election = Sheet::new(header(gr2022(), "0668::SB1"));
    let c = compare::compare(&other_election, &index);
    assert!(
        matches!(c.patterns[..], [Pattern::OtherElection { .. }]),
        "{:?}",
        c.patterns
    );
    assert_eq!(compare::exit_code(&[c]), 1);
}

#[test]
fn the_eml_nl_import_gives_the_same_verdicts() {
    let report = meetel::eml::import(&[PathBuf::from(TK)]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut from_import = PublishedIndex::new();
    for c in report.counts {
        from_import.add(c);
    }
    let streamed = index(&[TK]);
    let published = station(&streamed, "0668::SB3");
    let mut sheet = typed_from(tk2025(), published);
    assert_eq!(
        compare::compare(&sheet, &from_import).verdict,
        Verdict::Match
    );
    set(
        &mut sheet,
        FieldKey::Pv(PvField::F),
        published.pv(PvField::F).unwrap() * 10 + 10,
    );
    let c = compare::compare(&sheet, &from_import);
    assert_eq!(c.verdict, Verdict::Mismatch);
    assert_eq!(c.files[0].sha256, streamed.files[0].sha256());
}

#[test]
fn csv_has_the_documented_columns_and_one_row_per_field() {
    let index = index(&[GR]);
    let sheet = typed_from(
        gr2022(),
        station_of(&index, "GR2022_WestMaasenWaal", "0668::SB1"),
    );
    let c = compare::compare(&sheet, &index);
    assert!(c.fields.iter().all(|f| f.status == FieldStatus::Equal));
    // At a GR election there is no field C.
    assert!(!c.fields.iter().any(|f| f.field == FieldKey::Pv(PvField::C)));
    let mut out = Vec::new();
    output::csv(&[("s".into(), c.clone())], &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), output::CSV_COLUMNS.join(","));
    assert_eq!(lines.count(), c.fields.len());
    assert!(Path::new(GR).exists());
}
