//! The checks, one by one and together, on sheets and on published results.

use proptest::prelude::*;

use super::*;
use crate::election::{Candidate, ElectionCategory, PartyList, PollingStation, StationId};
use crate::form::{CategoryForm, Form, SourceFile};
use crate::published::PublishedStation;
use crate::sheet::tests::header;
use crate::sheet::{DhTick, Explained, Op, Sheet};

fn key(s: &str) -> FieldKey {
    s.parse().unwrap()
}

fn set(s: &mut Sheet, field: &str, value: Option<u32>) {
    s.apply(&Op::SetCount {
        field: key(field),
        value,
    });
}

/// A TK sheet with the given figures and nothing else observed.
fn sheet(figures: &[(&str, u32)]) -> Sheet {
    let mut s = Sheet::new(header());
    for &(k, v) in figures {
        set(&mut s, k, Some(v));
    }
    s
}

/// TK2025 West Maas en Waal SB11 as published, with two made-up lists that add up.
fn consistent_tk() -> Sheet {
    let mut s = sheet(&[
        ("A", 1052),
        ("B", 138),
        ("C", 0),
        ("D", 1190),
        ("E.1", 600),
        ("E.2", 581),
        ("E", 1181),
        ("F", 5),
        ("G", 4),
        ("H", 1190),
        ("I", 0),
        ("J", 0),
        ("E.1.1", 500),
        ("E.1.2", 100),
        ("E.1.total", 600),
        ("E.2.1", 581),
        ("E.2.total", 581),
    ]);
    s.apply(&Op::SetDhTick(Some(DhTick::Equal)));
    s
}

fn status(s: &Sheet, code: &str) -> Status {
    status_in(&CountView::from_sheet(s), code, None)
}

fn status_in(view: &CountView, code: &str, list: Option<u32>) -> Status {
    evaluate(view)
        .into_iter()
        .find(|e| e.code == code && e.list == list)
        .unwrap_or_else(|| panic!("{code} {list:?} not evaluated"))
        .status
}

fn fired(s: &Sheet) -> Vec<&'static str> {
    run(&CountView::from_sheet(s))
        .iter()
        .map(|r| r.code)
        .collect()
}

#[track_caller]
fn assert_fires(s: &Sheet, code: &str) -> CheckResult {
    match status(s, code) {
        Status::Failed(r) => r,
        other => panic!("{code} expected to fire, got {other:?}"),
    }
}

#[track_caller]
fn assert_passes(s: &Sheet, code: &str) {
    assert_eq!(status(s, code), Status::Passed, "{code}");
}

#[track_caller]
fn assert_skipped(s: &Sheet, code: &str, missing: &[Input]) {
    match status(s, code) {
        Status::Skipped { missing: m } => assert_eq!(m, missing, "{code}"),
        other => panic!("{code} expected to be skipped, got {other:?}"),
    }
}

fn c(field: &str) -> Input {
    Input::Count(key(field))
}

fn with(mut s: Sheet, changes: &[(&str, Option<u32>)]) -> Sheet {
    for &(k, v) in changes {
        set(&mut s, k, v);
    }
    s
}

fn ticked(mut s: Sheet, tick: Option<DhTick>) -> Sheet {
    s.apply(&Op::SetDhTick(tick));
    s
}

fn explained(mut s: Sheet, e: Option<Explained>) -> Sheet {
    s.apply(&Op::SetExplained(e));
    s
}

fn tk_form(lists: &[(u32, u32)]) -> Form {
    let mut form = Form::category_only(CategoryForm::embedded(ElectionCategory::TK).unwrap());
    form.election.lists = lists
        .iter()
        .map(|&(number, candidates)| PartyList {
            number,
            name: format!("Lijst {number}"),
            candidates: (1..=candidates)
                .map(|n| Candidate {
                    number: n,
                    name: format!("Kandidaat {n}"),
                    locality: String::new(),
                })
                .collect(),
        })
        .collect();
    form
}

#[test]
fn a_consistent_sheet_fires_nothing() {
    let s = consistent_tk();
    assert_eq!(fired(&s), Vec::<&str>::new());
    // Every check is decided, F.310 included (D = H needs no answer).
    for e in evaluate(&CountView::from_sheet(&s)) {
        assert_eq!(e.status, Status::Passed, "{} {:?}", e.code, e.list);
    }
}

#[test]
fn an_empty_sheet_skips_everything_and_fires_nothing() {
    let s = sheet(&[]);
    let evals = evaluate(&CountView::from_sheet(&s));
    assert!(
        evals
            .iter()
            .all(|e| matches!(e.status, Status::Skipped { .. })),
        "{evals:?}"
    );
    assert!(run(&CountView::from_sheet(&s)).is_empty());
}

#[test]
fn f201() {
    let r = assert_fires(&with(consistent_tk(), &[("D", Some(1191))]), "F.201");
    assert_eq!(
        r.message.nl,
        "A + B + C (1052 + 138 + 0 = 1190) is niet gelijk aan D (1191)"
    );
    assert_eq!(
        r.message.en,
        "A + B + C (1052 + 138 + 0 = 1190) does not equal D (1191)"
    );
    assert_eq!(r.fields, vec![key("A"), key("B"), key("C"), key("D")]);
    assert_eq!(r.severity, Severity::Error);
    assert_passes(&consistent_tk(), "F.201");
    assert_skipped(&with(consistent_tk(), &[("C", None)]), "F.201", &[c("C")]);
    assert_skipped(
        &with(consistent_tk(), &[("A", None), ("D", None)]),
        "F.201",
        &[c("A"), c("D")],
    );
}

#[test]
fn f201_at_a_municipal_election_has_no_c() {
    let mut s = sheet(&[("A", 619), ("B", 71), ("D", 690)]);
    s.header.election.category = ElectionCategory::GR;
    assert_passes(&s, "F.201");
    set(&mut s, "D", Some(689));
    let r = assert_fires(&s, "F.201");
    assert_eq!(
        r.message.nl,
        "A + B (619 + 71 = 690) is niet gelijk aan D (689)"
    );
}

#[test]
fn f202() {
    let r = assert_fires(&with(consistent_tk(), &[("E", Some(1180))]), "F.202");
    assert_eq!(
        r.message.en,
        "Sum of the list totals E.n (1181) does not equal E (1180)"
    );
    assert_eq!(r.fields, vec![key("E.1"), key("E.2"), key("E")]);
    assert_passes(&consistent_tk(), "F.202");
    assert_skipped(
        &with(consistent_tk(), &[("E.2", None)]),
        "F.202",
        &[c("E.2")],
    );
}

#[test]
fn f202_needs_every_list_of_the_form() {
    let s = consistent_tk();
    let form = tk_form(&[(1, 2), (2, 1), (3, 5)]);
    let view = CountView::from_sheet(&s).with_form(&form);
    assert_eq!(
        status_in(&view, "F.202", None),
        Status::Skipped {
            missing: vec![c("E.3")]
        }
    );
    let s = with(s, &[("E.3", Some(0))]);
    let view = CountView::from_sheet(&s).with_form(&form);
    assert_eq!(status_in(&view, "F.202", None), Status::Passed);
}

#[test]
fn f203() {
    let r = assert_fires(&with(consistent_tk(), &[("G", Some(5))]), "F.203");
    assert_eq!(
        r.message.nl,
        "E + F + G (1181 + 5 + 5 = 1191) is niet gelijk aan H (1190)"
    );
    assert_passes(&consistent_tk(), "F.203");
    assert_skipped(&with(consistent_tk(), &[("G", None)]), "F.203", &[c("G")]);
}

#[test]
fn f204_and_its_suppression_of_f202_and_f203() {
    let s = with(consistent_tk(), &[("E", Some(0))]);
    let r = assert_fires(&s, "F.204");
    assert_eq!(
        r.message.nl,
        "E is 0, maar de lijsttotalen niet (E.1 = 600, E.2 = 581)"
    );
    assert_eq!(status(&s, "F.202"), Status::Suppressed { by: "F.204" });
    assert_eq!(status(&s, "F.203"), Status::Suppressed { by: "F.204" });
    assert!(!fired(&s).contains(&"F.202") && !fired(&s).contains(&"F.203"));
    assert_passes(&consistent_tk(), "F.204");
    assert_skipped(&with(consistent_tk(), &[("E", None)]), "F.204", &[c("E")]);
    // E = 0 and the one list seen is 0: the other might hold votes.
    assert_skipped(
        &with(
            consistent_tk(),
            &[("E", Some(0)), ("E.1", Some(0)), ("E.2", None)],
        ),
        "F.204",
        &[c("E.2")],
    );
    // One list above 0 proves it, whatever the unobserved one holds.
    assert_fires(
        &with(consistent_tk(), &[("E", Some(0)), ("E.1", None)]),
        "F.204",
    );
    assert_passes(
        &with(
            consistent_tk(),
            &[("E", Some(0)), ("E.1", Some(0)), ("E.2", Some(0))],
        ),
        "F.204",
    );
}

#[test]
fn f301() {
    let s = with(consistent_tk(), &[("H", Some(1191))]);
    let r = assert_fires(&s, "F.301");
    assert_eq!(
        r.message.nl,
        "'D en H zijn gelijk' aangevinkt, maar D (1190) is niet gelijk aan H (1191)"
    );
    assert_passes(&consistent_tk(), "F.301");
    assert_skipped(&ticked(consistent_tk(), None), "F.301", &[Input::DhTick]);
    assert_skipped(&with(consistent_tk(), &[("D", None)]), "F.301", &[c("D")]);
    // Another box ticked settles it without D.
    assert_passes(
        &ticked(with(consistent_tk(), &[("D", None)]), Some(DhTick::More)),
        "F.301",
    );
}

#[test]
fn f302() {
    let r = assert_fires(&ticked(consistent_tk(), Some(DhTick::More)), "F.302");
    assert_eq!(
        r.message.en,
        "'H greater than D' ticked, but H (1190) is not greater than D (1190)"
    );
    assert_passes(
        &ticked(
            with(consistent_tk(), &[("H", Some(1191))]),
            Some(DhTick::More),
        ),
        "F.302",
    );
    assert_skipped(
        &ticked(with(consistent_tk(), &[("H", None)]), Some(DhTick::More)),
        "F.302",
        &[c("H")],
    );
    assert_skipped(&ticked(consistent_tk(), None), "F.302", &[Input::DhTick]);
}

#[test]
fn f303() {
    let r = assert_fires(&ticked(consistent_tk(), Some(DhTick::Less)), "F.303");
    assert_eq!(
        r.message.nl,
        "'H kleiner dan D' aangevinkt, maar H (1190) is niet kleiner dan D (1190)"
    );
    assert_passes(
        &ticked(
            with(consistent_tk(), &[("H", Some(1189))]),
            Some(DhTick::Less),
        ),
        "F.303",
    );
    assert_skipped(
        &ticked(with(consistent_tk(), &[("D", None)]), Some(DhTick::Less)),
        "F.303",
        &[c("D")],
    );
    assert_skipped(&ticked(consistent_tk(), None), "F.303", &[Input::DhTick]);
}

#[test]
fn f304() {
    assert_fires(&ticked(consistent_tk(), Some(DhTick::NoneTicked)), "F.304");
    let r = assert_fires(&ticked(consistent_tk(), Some(DhTick::Several)), "F.304");
    assert_eq!(
        r.message.en,
        "More than one box ticked at the comparison of D and H"
    );
    for t in [DhTick::Equal, DhTick::More, DhTick::Less] {
        assert_passes(&ticked(consistent_tk(), Some(t)), "F.304");
    }
    assert_skipped(&ticked(consistent_tk(), None), "F.304", &[Input::DhTick]);
}

#[test]
fn f305() {
    let r = assert_fires(&with(consistent_tk(), &[("I", Some(2))]), "F.305");
    assert_eq!(
        r.message.nl,
        "D en H zijn gelijk (1190), maar I (2) is ingevuld"
    );
    assert_eq!(r.fields, vec![key("I")]);
    let r = assert_fires(
        &with(consistent_tk(), &[("I", Some(2)), ("J", Some(1))]),
        "F.305",
    );
    assert_eq!(
        r.message.en,
        "D equals H (1190), but I (2) and J (1) are filled in"
    );
    // I filled proves it, whatever J is.
    assert_fires(
        &with(consistent_tk(), &[("I", Some(2)), ("J", None)]),
        "F.305",
    );
    assert_passes(&consistent_tk(), "F.305");
    assert_skipped(&with(consistent_tk(), &[("J", None)]), "F.305", &[c("J")]);
    assert_skipped(&with(consistent_tk(), &[("H", None)]), "F.305", &[c("H")]);
}

/// H = 1192 over D = 1190 (two ballots more), with F.306's I and F.307's J as given.
fn more(i: Option<u32>, j: Option<u32>) -> Sheet {
    ticked(
        with(
            consistent_tk(),
            &[("G", Some(6)), ("H", Some(1192)), ("I", i), ("J", j)],
        ),
        Some(DhTick::More),
    )
}

/// H = 1187 under D = 1190 (three ballots fewer).
fn fewer(i: Option<u32>, j: Option<u32>) -> Sheet {
    ticked(
        with(
            consistent_tk(),
            &[("G", Some(1)), ("H", Some(1187)), ("I", i), ("J", j)],
        ),
        Some(DhTick::Less),
    )
}

#[test]
fn f306() {
    let r = assert_fires(&more(Some(1), Some(0)), "F.306");
    assert_eq!(
        r.message.nl,
        "H is groter dan D, maar I (1) is niet H − D (1192 − 1190 = 2)"
    );
    assert_passes(&more(Some(2), Some(0)), "F.306");
    assert_passes(&consistent_tk(), "F.306");
    assert_skipped(&more(None, Some(0)), "F.306", &[c("I")]);
}

#[test]
fn f307() {
    let r = assert_fires(&more(Some(2), Some(2)), "F.307");
    assert_eq!(
        r.message.en,
        "H (1192) is greater than D (1190), but J (2) is filled in"
    );
    assert_passes(&more(Some(2), Some(0)), "F.307");
    assert_skipped(&more(Some(2), None), "F.307", &[c("J")]);
}

#[test]
fn f308() {
    let r = assert_fires(&fewer(Some(0), Some(2)), "F.308");
    assert_eq!(
        r.message.nl,
        "H is kleiner dan D, maar J (2) is niet D − H (1190 − 1187 = 3)"
    );
    assert_passes(&fewer(Some(0), Some(3)), "F.308");
    assert_skipped(&fewer(Some(0), None), "F.308", &[c("J")]);
}

#[test]
fn f309() {
    let r = assert_fires(&fewer(Some(3), Some(3)), "F.309");
    assert_eq!(
        r.message.nl,
        "H (1187) is kleiner dan D (1190), maar I (3) is ingevuld"
    );
    assert_passes(&fewer(Some(0), Some(3)), "F.309");
    assert_skipped(&fewer(None, Some(3)), "F.309", &[c("I")]);
    assert_skipped(
        &with(fewer(Some(0), Some(3)), &[("D", None)]),
        "F.309",
        &[c("D")],
    );
}

#[test]
fn f310() {
    let s = fewer(Some(0), Some(3));
    let r = assert_fires(&explained(s.clone(), Some(Explained::Neither)), "F.310");
    assert_eq!(
        r.message.nl,
        "D (1190) en H (1187) verschillen, maar 'volledig verklaard?' is niet beantwoord"
    );
    assert_fires(&explained(s.clone(), Some(Explained::Both)), "F.310");
    assert_passes(&explained(s.clone(), Some(Explained::Yes)), "F.310");
    assert_passes(&explained(s.clone(), Some(Explained::No)), "F.310");
    assert_skipped(&s, "F.310", &[Input::Explained]);
    // D = H needs no answer.
    assert_passes(&consistent_tk(), "F.310");
}

fn list_status(s: &Sheet, code: &str, list: u32) -> Status {
    status_in(&CountView::from_sheet(s), code, Some(list))
}

#[test]
fn f401_and_its_suppression_of_f402_and_f403() {
    let s = with(consistent_tk(), &[("E.1.total", Some(0))]);
    let Status::Failed(r) = list_status(&s, "F.401", 1) else {
        panic!()
    };
    assert_eq!(
        r.message.nl,
        "Totaal van lijst 1 is 0, terwijl E.1 = 600, E.1.1 = 500, E.1.2 = 100"
    );
    assert_eq!(
        list_status(&s, "F.402", 1),
        Status::Suppressed { by: "F.401" }
    );
    assert_eq!(
        list_status(&s, "F.403", 1),
        Status::Suppressed { by: "F.401" }
    );
    assert_eq!(list_status(&s, "F.401", 2), Status::Passed);
    assert_eq!(list_status(&consistent_tk(), "F.401", 1), Status::Passed);
    assert_eq!(
        list_status(&with(consistent_tk(), &[("E.1.total", None)]), "F.401", 1),
        Status::Skipped {
            missing: vec![c("E.1.total")]
        }
    );
    // A candidate above 0 proves it without E.1.
    let s = with(
        consistent_tk(),
        &[("E.1.total", Some(0)), ("E.1", None), ("E.1.2", None)],
    );
    assert!(matches!(list_status(&s, "F.401", 1), Status::Failed(_)));
    // All observed and all 0: passes; E.1 unobserved: skipped.
    let zero = with(
        consistent_tk(),
        &[
            ("E.1.total", Some(0)),
            ("E.1", Some(0)),
            ("E.1.1", Some(0)),
            ("E.1.2", Some(0)),
        ],
    );
    assert_eq!(list_status(&zero, "F.401", 1), Status::Passed);
    assert_eq!(
        list_status(&with(zero, &[("E.1", None)]), "F.401", 1),
        Status::Skipped {
            missing: vec![c("E.1")]
        }
    );
}

#[test]
fn f402() {
    let s = with(consistent_tk(), &[("E.1.1", Some(501))]);
    let Status::Failed(r) = list_status(&s, "F.402", 1) else {
        panic!()
    };
    assert_eq!(
        r.message.en,
        "Candidates of list 1 add up to 601, not to the list total 600"
    );
    assert_eq!(r.fields, vec![key("E.1.total"), key("E.1.1"), key("E.1.2")]);
    assert_eq!(list_status(&consistent_tk(), "F.402", 1), Status::Passed);
    // Candidate 2 was seen, so candidate 1 exists too, even without a form.
    assert_eq!(
        list_status(&with(consistent_tk(), &[("E.1.1", None)]), "F.402", 1),
        Status::Skipped {
            missing: vec![c("E.1.1")]
        }
    );
}

#[test]
fn f402_needs_every_candidate_of_the_form() {
    let s = consistent_tk();
    let form = tk_form(&[(1, 3), (2, 1)]);
    let view = CountView::from_sheet(&s).with_form(&form);
    assert_eq!(
        status_in(&view, "F.402", Some(1)),
        Status::Skipped {
            missing: vec![c("E.1.3")]
        }
    );
    assert_eq!(status_in(&view, "F.402", Some(2)), Status::Passed);
}

#[test]
fn f402_with_no_candidate_known_is_skipped_not_summed_to_zero() {
    let s = sheet(&[("E.1.total", 5)]);
    assert_eq!(
        list_status(&s, "F.402", 1),
        Status::Skipped {
            missing: vec![Input::Candidates(1)]
        }
    );
}

#[test]
fn f403() {
    let s = with(consistent_tk(), &[("E.2", Some(580)), ("E", Some(1180))]);
    let Status::Failed(r) = list_status(&s, "F.403", 2) else {
        panic!()
    };
    assert_eq!(
        r.message.nl,
        "Totaal van lijst 2 op de kandidatenpagina (581) is niet gelijk aan E.2 (580)"
    );
    assert_eq!(list_status(&consistent_tk(), "F.403", 2), Status::Passed);
    assert_eq!(
        list_status(&with(consistent_tk(), &[("E.2", None)]), "F.403", 2),
        Status::Skipped {
            missing: vec![c("E.2")]
        }
    );
}

#[test]
fn w201() {
    // 3% of 1190 is 35.7, so the threshold is 36.
    let r = assert_fires(&sheet(&[("F", 36), ("H", 1190)]), "W.201");
    assert_eq!(r.severity, Severity::Warning);
    assert_eq!(
        r.message.nl,
        "Veel blanco: F (36) is 3% of meer van H (1190)"
    );
    assert_passes(&sheet(&[("F", 35), ("H", 1190)]), "W.201");
    assert_skipped(&sheet(&[("F", 36)]), "W.201", &[c("H")]);
    assert_passes(&sheet(&[("F", 0), ("H", 0)]), "W.201");
}

#[test]
fn w202() {
    // 3% of 100 is exactly 3.
    let r = assert_fires(&sheet(&[("G", 3), ("H", 100)]), "W.202");
    assert_eq!(
        r.message.en,
        "Many invalid votes: G (3) is 3% or more of H (100)"
    );
    assert_passes(&sheet(&[("G", 2), ("H", 100)]), "W.202");
    assert_skipped(&sheet(&[("H", 100)]), "W.202", &[c("G")]);
}

#[test]
fn w203_needs_both_two_percent_and_fifteen() {
    let r = assert_fires(&sheet(&[("D", 1190), ("H", 1160)]), "W.203");
    assert_eq!(
        r.message.nl,
        "Groot verschil tussen D (1190) en H (1160): 30, 2% of meer en 15 of meer"
    );
    // 15 but under 2% of 1175 (23.5, so 24): the documented rule uses "and".
    assert_passes(&sheet(&[("D", 1190), ("H", 1175)]), "W.203");
    // 2% of 100 is 2, but 10 is under 15.
    assert_passes(&sheet(&[("D", 110), ("H", 100)]), "W.203");
    assert_fires(&sheet(&[("D", 85), ("H", 100)]), "W.203");
    assert_skipped(&sheet(&[("D", 1190)]), "W.203", &[c("H")]);
}

#[test]
fn w204() {
    let r = assert_fires(&sheet(&[("H", 0)]), "W.204");
    assert_eq!(r.fields, vec![key("H")]);
    assert_passes(&sheet(&[("H", 1)]), "W.204");
    assert_skipped(&sheet(&[]), "W.204", &[c("H")]);
}

#[test]
fn a_tally_counts_like_a_typed_figure_and_a_typed_figure_wins() {
    let mut s = with(consistent_tk(), &[("A", None)]);
    for _ in 0..1051 {
        s.apply(&Op::Tally {
            field: key("A"),
            delta: 1,
        });
    }
    assert_fires(&s, "F.201");
    s.apply(&Op::Tally {
        field: key("A"),
        delta: 1,
    });
    assert_passes(&s, "F.201");
    set(&mut s, "A", Some(1));
    assert_fires(&s, "F.201");
}

#[test]
fn results_come_in_code_order_and_split_into_errors_and_warnings() {
    let s = with(
        ticked(consistent_tk(), Some(DhTick::Several)),
        &[
            ("D", Some(1191)),
            ("E.1.1", Some(501)),
            ("E.2.1", Some(582)),
            ("H", Some(0)),
        ],
    );
    let results = run(&CountView::from_sheet(&s));
    let codes: Vec<&str> = results.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);
    assert!(
        codes.contains(&"F.201") && codes.contains(&"F.304") && codes.contains(&"W.204"),
        "{codes:?}"
    );
    assert_eq!(codes.iter().filter(|&&c| c == "F.402").count(), 2);
    assert!(errors(&results).iter().all(|r| r.code.starts_with('F')));
    let warnings: Vec<&CheckResult> = results
        .iter()
        .filter(|r| r.severity == Severity::Warning)
        .collect();
    assert!(warnings.iter().all(|r| r.code.starts_with('W')));
    assert_eq!(errors(&results).len() + warnings.len(), results.len());
    let first = results.first().unwrap();
    assert_eq!(first.to_string(), format!("F.201: {}", first.message.nl));
    assert_eq!(first.line(Lang::En), format!("F.201: {}", first.message.en));
}

#[test]
fn every_code_is_in_the_catalogue_in_order() {
    let s = with(consistent_tk(), &[]);
    let codes: std::collections::BTreeSet<&str> = evaluate(&CountView::from_sheet(&s))
        .iter()
        .map(|e| e.code)
        .collect();
    let catalogue: Vec<&str> = CODES.iter().map(|i| i.code).collect();
    assert_eq!(codes.into_iter().collect::<Vec<_>>(), catalogue);
    for i in CODES {
        let severity = if i.code.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        assert_eq!(i.severity, severity);
    }
}

fn published(counts: &[(&str, u32)]) -> PublishedStation {
    PublishedStation {
        election: header().election,
        station: PollingStation::bare(StationId::new("0668", 11)),
        counts: counts.iter().map(|&(k, v)| (key(k), v)).collect(),
        source: SourceFile {
            name: "test".into(),
            sha256: String::new(),
        },
    }
}

#[test]
fn a_published_result_uses_its_one_list_total_for_f401_and_f402() {
    let p = published(&[
        ("E.1", 10),
        ("E.1.1", 7),
        ("E.1.2", 3),
        ("E.2", 0),
        ("E.2.1", 1),
    ]);
    let view = CountView::from_published(&p);
    assert_eq!(view.dh_tick(), None);
    assert_eq!(status_in(&view, "F.402", Some(1)), Status::Passed);
    let Status::Failed(r) = status_in(&view, "F.401", Some(2)) else {
        panic!()
    };
    assert_eq!(r.message.en, "Total of list 2 is 0, while E.2.1 = 1");
    // The file has no separate page total to compare with E.n.
    assert_eq!(
        status_in(&view, "F.403", Some(1)),
        Status::Skipped {
            missing: vec![c("E.1.total")]
        }
    );
    // No ticks in a published file: F.301–F.304 are skipped, never guessed.
    for code in ["F.301", "F.302", "F.303", "F.304"] {
        assert_eq!(
            status_in(&view, code, None),
            Status::Skipped {
                missing: vec![Input::DhTick]
            }
        );
    }
    let p = published(&[("E.1", 10), ("E.1.1", 7), ("E.1.2", 4)]);
    let Status::Failed(r) = status_in(&CountView::from_published(&p), "F.402", Some(1)) else {
        panic!()
    };
    assert_eq!(r.fields[0], key("E.1"));
}

#[test]
fn a_sheet_without_a_page_total_does_not_borrow_e_n() {
    let s = sheet(&[("E.1", 10), ("E.1.1", 7), ("E.1.2", 4)]);
    assert_eq!(
        list_status(&s, "F.402", 1),
        Status::Skipped {
            missing: vec![c("E.1.total")]
        }
    );
}

#[test]
fn messages_fit_a_side_panel() {
    let s = with(
        explained(
            ticked(consistent_tk(), Some(DhTick::Equal)),
            Some(Explained::Both),
        ),
        &[
            ("A", Some(100_000)),
            ("E.1.total", Some(0)),
            ("H", Some(100_000)),
            ("I", Some(99_999)),
            ("J", Some(99_999)),
        ],
    );
    let results = run(&CountView::from_sheet(&s));
    assert!(results.len() > 4);
    for r in results {
        for m in [&r.message.nl, &r.message.en] {
            assert!(
                m.chars().count() <= 100,
                "{} is {} chars: {m}",
                r.code,
                m.chars().count()
            );
        }
    }
}

#[test]
fn the_largest_figures_do_not_overflow() {
    let max = u32::MAX;
    let s = ticked(
        sheet(&[
            ("A", max),
            ("B", max),
            ("C", max),
            ("D", max),
            ("E.1", max),
            ("E.2", max),
            ("E", max),
        ]),
        Some(DhTick::Less),
    );
    let s = with(
        s,
        &[
            ("F", Some(max)),
            ("G", Some(max)),
            ("H", Some(0)),
            ("I", Some(max)),
            ("J", Some(max)),
        ],
    );
    let codes: Vec<&str> = run(&CountView::from_sheet(&s))
        .iter()
        .map(|r| r.code)
        .collect();
    for code in [
        "F.201", "F.202", "F.203", "F.309", "W.201", "W.202", "W.203", "W.204",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
}

/// The free choices of a consistent sheet: candidate votes per list, F, G, D − H, B,
/// C, whether it is a municipal (GR) election, and the "fully explained?" answer.
#[derive(Debug, Clone)]
struct Shape {
    lists: Vec<Vec<u32>>,
    f: u32,
    g: u32,
    delta: i64,
    b: u32,
    c: u32,
    gr: bool,
    yes: bool,
}

/// A sheet whose figures all agree: candidates add up to E.n and E.n.total,
/// E = ΣE.n, H = E + F + G, A + B + C = D, I or J is the difference of D and H, the
/// matching box is ticked and, when D ≠ H, "fully explained?" has one answer.
fn consistent_sheet(shape: &Shape) -> Sheet {
    let Shape {
        ref lists,
        f,
        g,
        delta,
        b,
        c,
        gr,
        yes,
    } = *shape;
    let mut s = Sheet::new(header());
    if gr {
        s.header.election.category = ElectionCategory::GR;
    }
    let put = |s: &mut Sheet, field: FieldKey, v: u32| {
        s.apply(&Op::SetCount {
            field,
            value: Some(v),
        })
    };
    let mut e = 0;
    for (i, cands) in lists.iter().enumerate() {
        let list = i as u32 + 1;
        let total: u32 = cands.iter().sum();
        for (j, &v) in cands.iter().enumerate() {
            put(
                &mut s,
                FieldKey::Candidate {
                    list,
                    candidate: j as u32 + 1,
                },
                v,
            );
        }
        put(&mut s, FieldKey::List(list), total);
        put(&mut s, FieldKey::ListPage(list), total);
        e += total;
    }
    let h = e + f + g;
    let d = (i64::from(h) + delta).max(0) as u32;
    let b = b.min(d);
    let c = if gr { 0 } else { c.min(d - b) };
    let a = d - b - c;
    for (field, v) in [
        (PvField::A, a),
        (PvField::B, b),
        (PvField::D, d),
        (PvField::E, e),
        (PvField::F, f),
        (PvField::G, g),
        (PvField::H, h),
        (PvField::I, h.saturating_sub(d)),
        (PvField::J, d.saturating_sub(h)),
    ] {
        put(&mut s, pv(field), v);
    }
    if !gr {
        put(&mut s, pv(PvField::C), c);
    }
    s.apply(&Op::SetDhTick(Some(match h.cmp(&d) {
        std::cmp::Ordering::Equal => DhTick::Equal,
        std::cmp::Ordering::Greater => DhTick::More,
        std::cmp::Ordering::Less => DhTick::Less,
    })));
    if d != h {
        s.apply(&Op::SetExplained(Some(if yes {
            Explained::Yes
        } else {
            Explained::No
        })));
    }
    s
}

fn consistent_sheets() -> impl Strategy<Value = Sheet> {
    (
        prop::collection::vec(prop::collection::vec(0u32..300, 1..5), 1..6),
        0u32..60,
        0u32..60,
        -25i64..=25,
        0u32..400,
        0u32..40,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lists, f, g, delta, b, c, gr, yes)| {
            consistent_sheet(&Shape {
                lists,
                f,
                g,
                delta,
                b,
                c,
                gr,
                yes,
            })
        })
}

/// The codes one of which must fire, per group, when `field` is off by one on a
/// consistent sheet with these D and H.
fn expected(field: FieldKey, d: u32, h: u32) -> Vec<&'static [&'static str]> {
    let by_relation = |more: &'static [&'static str], less, equal| {
        if h > d {
            more
        } else if h < d {
            less
        } else {
            equal
        }
    };
    match field {
        FieldKey::Pv(PvField::A | PvField::B | PvField::C | PvField::D) => vec![&["F.201"]],
        // E off by one: F.202, or F.204 when E drops to 0 under list totals above 0.
        FieldKey::Pv(PvField::E) => vec![&["F.202", "F.204"]],
        FieldKey::Pv(PvField::F | PvField::G | PvField::H) => vec![&["F.203"]],
        FieldKey::Pv(PvField::I) => vec![by_relation(&["F.306"], &["F.309"], &["F.305"])],
        FieldKey::Pv(PvField::J) => vec![by_relation(&["F.307"], &["F.308"], &["F.305"])],
        // E.n off: the sum of lists (F.202, or F.204 when E is 0), and the page total
        // against it (F.403, or F.401 when the page total is 0).
        FieldKey::List(_) => vec![&["F.202", "F.204"], &["F.403", "F.401"]],
        FieldKey::ListPage(_) => vec![&["F.401", "F.402", "F.403"]],
        FieldKey::Candidate { .. } => vec![&["F.401", "F.402"]],
        FieldKey::Explanation(_) => {
            unreachable!("consistent sheets have no explanation counts")
        }
    }
}

proptest! {
    #[test]
    fn consistent_sheets_fire_no_error(s in consistent_sheets()) {
        let results = run(&CountView::from_sheet(&s));
        prop_assert!(errors(&results).is_empty(), "{:?}", results);
    }

    #[test]
    fn one_figure_off_by_one_fires_its_code(
        s in consistent_sheets(),
        pick in any::<prop::sample::Index>(),
        up in any::<bool>(),
    ) {
        let fields = s.observed_fields();
        let field = *pick.get(&fields);
        let old = s.value(field).unwrap();
        let new = if up || old == 0 { old + 1 } else { old - 1 };
        let mut m = s.clone();
        m.apply(&Op::SetCount { field, value: Some(new) });
        let fired = fired(&m);
        let (d, h) = (s.pv(PvField::D).unwrap(), s.pv(PvField::H).unwrap());
        for group in expected(field, d, h) {
            prop_assert!(
                group.iter().any(|c| fired.contains(c)),
                "{} {} -> {}: expected one of {:?}, fired {:?}", field, old, new, group, fired
            );
        }
    }

    #[test]
    fn a_wrong_tick_or_answer_fires(s in consistent_sheets(), tick in 0usize..5, answer in 0usize..4) {
        let right = s.dh_tick;
        let tick = DhTick::ALL[tick];
        let m = ticked(s.clone(), Some(tick));
        let fired_now = fired(&m);
        let tick_codes = ["F.301", "F.302", "F.303", "F.304"];
        prop_assert_eq!(
            Some(tick) != right,
            fired_now.iter().any(|c| tick_codes.contains(c)),
            "tick {:?} (right {:?}) fired {:?}", tick, right, fired_now
        );
        let answer = Explained::ALL[answer];
        let m = explained(s.clone(), Some(answer));
        let differ = s.pv(PvField::D) != s.pv(PvField::H);
        let wrong = differ && matches!(answer, Explained::Neither | Explained::Both);
        prop_assert_eq!(wrong, fired(&m).contains(&"F.310"));
    }

    /// W.201 and W.202 against a floating-point reference that is exact here: 3·H is
    /// an integer below 2^53, its division by 100 is correctly rounded, so it lands on
    /// an integer only when the true quotient is one.
    #[test]
    fn w201_and_w202_thresholds_exactly(h in 0u32..2_000_000, part in 0u32..70_000) {
        let quotient = (3.0 * f64::from(h)) / 100.0;
        let reference = !(part == 0 && h == 0) && f64::from(part) >= quotient;
        for (field, code) in [("F", "W.201"), ("G", "W.202")] {
            let s = sheet(&[(field, part), ("H", h)]);
            prop_assert_eq!(matches!(status(&s, code), Status::Failed(_)), reference, "{} of {}", part, h);
            if h > 0 {
                let t = quotient.ceil() as u32;
                prop_assert!(matches!(status(&sheet(&[(field, t), ("H", h)]), code), Status::Failed(_)), "{} at {} of {}", code, t, h);
                prop_assert_eq!(status(&sheet(&[(field, t - 1), ("H", h)]), code), Status::Passed, "{} at {} of {}", code, t - 1, h);
            }
        }
    }

    #[test]
    fn w203_threshold_exactly(h in 0u32..200_000, d in 0u32..200_000) {
        let diff = f64::from(d.abs_diff(h));
        let reference = diff >= 15.0 && diff >= (2.0 * f64::from(h)) / 100.0;
        let s = sheet(&[("D", d), ("H", h)]);
        prop_assert_eq!(matches!(status(&s, "W.203"), Status::Failed(_)), reference);
    }
}
