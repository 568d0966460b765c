//! The check codes on the Kiesraad's real files: every published station of TK2025 and
//! GR2022 West Maas en Waal passes every check that its figures can decide; a sheet
//! typed with a station's published figures gives zero F-codes; errors planted in a copy
//! fire exactly the codes they should.
//!
//! The figures asserted here were read from the files by hand (the `ReasonCode`s of
//! `RejectedVotes` and `UncountedVotes`, `TotalCounted` = E), not taken from the reader.

use std::collections::BTreeSet;
use std::path::Path;

use meetel::checks::{self, CountView, Input, Severity, Status};
use meetel::form::Form;
use meetel::published::PublishedStation;
use meetel::sheet::{DhTick, FieldKey, Op, PvField, Sheet};

const TK: &str = "tests/fixtures/tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml";
const GR: &str = "tests/fixtures/gr2022-westmaasenwaal/Telling_GR2022_WestMaasenWaal.eml.xml";

fn stations(path: &str) -> Vec<PublishedStation> {
    meetel::published::read_file(Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn station(path: &str, id: &str) -> PublishedStation {
    stations(path)
        .into_iter()
        .find(|s| s.station.id.to_string() == id)
        .unwrap_or_else(|| panic!("{id} not in {path}"))
}

fn pv(f: PvField) -> FieldKey {
    FieldKey::Pv(f)
}

fn figures(p: &PublishedStation) -> Vec<Option<u32>> {
    PvField::ALL
        .iter()
        .map(|&f| p.counts.get(&pv(f)).copied())
        .collect()
}

fn status(view: &CountView, code: &str, list: Option<u32>) -> Status {
    checks::evaluate(view)
        .into_iter()
        .find(|e| e.code == code && e.list == list)
        .unwrap_or_else(|| panic!("{code} {list:?} not evaluated"))
        .status
}

fn codes(view: &CountView) -> BTreeSet<&'static str> {
    checks::run(view).iter().map(|r| r.code).collect()
}

#[test]
fn the_stations_carry_the_figures_of_the_file() {
    // A, B, C, D, E, F, G, H, I, J
    let sb1 = station(TK, "0668::SB1");
    let expected = [2086, 239, 7, 2332, 2318, 14, 0, 2332, 0, 0];
    assert_eq!(figures(&sb1), expected.map(Some).to_vec());
    let sb11 = station(TK, "0668::SB11");
    let expected = [1052, 138, 0, 1190, 1181, 5, 4, 1190, 0, 0];
    assert_eq!(figures(&sb11), expected.map(Some).to_vec());
}

#[test]
fn every_published_station_passes_every_check_it_can_decide() {
    let tk_form = Form::load("tk2025-nijmegen").unwrap();
    let gr_form = Form::load("gr2022-westmaasenwaal").unwrap();
    for (path, form, count) in [(TK, &tk_form, 11), (GR, &gr_form, 21)] {
        let all = stations(path);
        assert_eq!(all.len(), count, "{path}");
        for p in &all {
            let id = &p.station.id;
            for view in [
                CountView::from_published(p),
                CountView::from_published(p).with_form(form),
            ] {
                let results = checks::run(&view);
                assert!(results.is_empty(), "{id}: {results:?}");
                for e in checks::evaluate(&view) {
                    match (&e.status, e.code) {
                        (Status::Passed, _) => {}
                        // A published file has no ticks, no "explained" answer and one
                        // total per list: those checks are skipped, never guessed.
                        (Status::Skipped { missing }, "F.301" | "F.302" | "F.303" | "F.304") => {
                            assert_eq!(missing, &[Input::DhTick], "{id} {}", e.code)
                        }
                        (Status::Skipped { missing }, "F.310") => {
                            assert_eq!(missing, &[Input::Explained], "{id}")
                        }
                        (Status::Skipped { missing }, "F.403") => {
                            let list = e.list.unwrap();
                            assert_eq!(missing, &[Input::Count(FieldKey::ListPage(list))], "{id}")
                        }
                        (other, code) => panic!("{id} {code} {:?}: {other:?}", e.list),
                    }
                }
            }
        }
    }
}

#[test]
fn differences_between_d_and_h_are_checked_on_published_figures() {
    // GR2022 SB1: D = 690, H = 687 + 2 + 0 = 689, J = 1. SB7: D = 868, H = 869, I = 1.
    let sb1 = station(GR, "0668::SB1");
    let view = CountView::from_published(&sb1);
    assert_eq!(sb1.counts[&pv(PvField::J)], 1);
    for code in ["F.305", "F.306", "F.307", "F.308", "F.309"] {
        assert_eq!(status(&view, code, None), Status::Passed, "SB1 {code}");
    }
    let sb7 = station(GR, "0668::SB7");
    assert_eq!(sb7.counts[&pv(PvField::I)], 1);
    let view = CountView::from_published(&sb7);
    assert_eq!(status(&view, "F.306", None), Status::Passed);
    // A GR election has no field C: F.201 is A + B = D.
    assert_eq!(status(&view, "F.201", None), Status::Passed);
}

#[test]
fn errors_planted_in_a_published_copy_fire_exactly_their_codes() {
    let sb1 = station(TK, "0668::SB1");

    let mut p = sb1.clone();
    *p.counts
        .get_mut(&FieldKey::Candidate {
            list: 3,
            candidate: 2,
        })
        .unwrap() += 1;
    let results = checks::run(&CountView::from_published(&p));
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(results[0].code, "F.402");
    assert!(results[0].fields.contains(&FieldKey::List(3)));
    assert_eq!(
        results[0].message.en,
        "Candidates of list 3 add up to 482, not to the list total 481"
    );

    // One admitted voter more: A + B + C no longer makes D, and J should now be 1.
    let mut p = sb1.clone();
    *p.counts.get_mut(&pv(PvField::D)).unwrap() += 1;
    let view = CountView::from_published(&p);
    assert_eq!(codes(&view), BTreeSet::from(["F.201", "F.308"]));
    let f201 = &checks::run(&view)[0];
    assert_eq!(
        f201.message.nl,
        "A + B + C (2086 + 239 + 7 = 2332) is niet gelijk aan D (2333)"
    );

    // A list total the file gives as 0 while its candidates have votes.
    let mut p = sb1.clone();
    p.counts.insert(FieldKey::List(1), 0);
    let view = CountView::from_published(&p);
    assert_eq!(codes(&view), BTreeSet::from(["F.202", "F.401"]));
    assert!(matches!(
        status(&view, "F.402", Some(1)),
        Status::Suppressed { by: "F.401" }
    ));
}

/// A sheet typed with the published figures of a station, as an observer who saw the
/// whole count would have it: every figure, the list totals on the candidate pages, and
/// the "D = H" box ticked.
fn typed_sheet(p: &PublishedStation, form: &Form) -> Sheet {
    let mut sheet = Sheet::new(meetel::testkit::form_header(
        form,
        p.station.id.clone(),
        "test",
    ));
    for (&field, &value) in &p.counts {
        let op = Op::SetCount {
            field,
            value: Some(value),
        };
        form.validate_op(&sheet, &op)
            .unwrap_or_else(|e| panic!("{field}: {}", e.en));
        sheet.apply(&op);
        if let FieldKey::List(n) = field {
            sheet.apply(&Op::SetCount {
                field: FieldKey::ListPage(n),
                value: Some(value),
            });
        }
    }
    sheet.apply(&Op::SetDhTick(Some(DhTick::Equal)));
    sheet
}

#[test]
fn sheets_typed_with_the_published_figures_give_zero_f_codes() {
    let form = Form::load("tk2025-nijmegen").unwrap();
    for id in ["0668::SB1", "0668::SB11"] {
        let sheet = typed_sheet(&station(TK, id), &form);
        let view = CountView::from_sheet(&sheet).with_form(&form);
        let results = checks::run(&view);
        assert!(checks::errors(&results).is_empty(), "{id}: {results:?}");
        // With the ticks and the page totals, every check is decided.
        for e in checks::evaluate(&view) {
            assert_eq!(e.status, Status::Passed, "{id} {} {:?}", e.code, e.list);
        }
    }
}

#[test]
fn a_sheet_observed_in_part_is_checked_only_where_it_can_be() {
    let form = Form::load("tk2025-nijmegen").unwrap();
    let full = typed_sheet(&station(TK, "0668::SB11"), &form);
    // The observer wrote down A, B, D and the list totals of three lists, nothing else.
    let mut sheet = Sheet::new(full.header.clone());
    for key in [
        pv(PvField::A),
        pv(PvField::B),
        pv(PvField::D),
        FieldKey::List(1),
        FieldKey::List(2),
        FieldKey::List(3),
    ] {
        sheet.apply(&Op::SetCount {
            field: key,
            value: full.value(key),
        });
    }
    let view = CountView::from_sheet(&sheet).with_form(&form);
    assert!(checks::run(&view).is_empty());
    // F.201 needs C at a TK election; F.202 needs every list of the form and E.
    match status(&view, "F.201", None) {
        Status::Skipped { missing } => assert_eq!(missing, vec![Input::Count(pv(PvField::C))]),
        other => panic!("{other:?}"),
    }
    match status(&view, "F.202", None) {
        Status::Skipped { missing } => {
            assert!(missing.contains(&Input::Count(pv(PvField::E))));
            assert!(missing.contains(&Input::Count(FieldKey::List(26))));
            assert!(!missing.contains(&Input::Count(FieldKey::List(1))));
        }
        other => panic!("{other:?}"),
    }
    // The same sheet with a wrong D: still nothing can be said without C.
    let mut wrong = sheet.clone();
    wrong.apply(&Op::SetCount {
        field: pv(PvField::D),
        value: Some(5000),
    });
    assert!(checks::run(&CountView::from_sheet(&wrong).with_form(&form)).is_empty());
    wrong.apply(&Op::SetCount {
        field: pv(PvField::C),
        value: Some(0),
    });
    let results = checks::run(&CountView::from_sheet(&wrong).with_form(&form));
    assert_eq!(
        results
            .iter()
            .map(|r| (r.code, r.severity))
            .collect::<Vec<_>>(),
        vec![("F.201", Severity::Error)]
    );
}
