//! A scripted key sequence that fills a complete TK2025 sheet for West Maas en Waal with
//! the published figures (read from the Kiesraad's 510b), through the start screen, the
//! count screen and the candidate screens, and seals it with zero F-codes. Then the
//! sheet file is read back and verified, and a restart resumes at the same field.

use crate::tui_support;

use std::path::Path;

use crossterm::event::KeyCode;
use meetel::checks::{self, Severity};
use meetel::election::StationId;
use meetel::i18n::Lang;
use meetel::published::read_file as published_from_file;
use meetel::published::PublishedStation;
use meetel::sheet::journal::Journal;
use meetel::sheet::{seal, DhTick, FieldKey, PvField};
use meetel::tui::app::{App, Row, Screen};
use meetel::tui::theme::Theme;
use meetel::tui::workspace::Workspace;
use tui_support::{enter, key, screen, typed};

const COUNT_FILE: &str = "tests/fixtures/tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml";

fn published(station: &str) -> PublishedStation {
    let id: StationId = station.parse().unwrap();
    published_from_file(Path::new(COUNT_FILE))
        .unwrap()
        .into_iter()
        .find(|s| s.station.id == id)
        .unwrap_or_else(|| panic!("{station} is not in {COUNT_FILE}"))
}

fn app_in(home: &Path) -> App {
    let ws = Workspace {
        home: home.to_path_buf(),
    };
    let mut app = App::new(Lang::Nl, Some(ws), None);
    app.theme = Theme::mono();
    app
}

/// Start screen: search the station, give an alias, begin.
fn start_sheet(app: &mut App, station: &str) {
    assert_eq!(app.screen, Screen::Start);
    typed(app, station);
    let st = &app.start;
    let chosen = &st.matches[st.match_idx];
    assert_eq!(chosen.station.id.to_string(), station);
    assert!(
        !chosen.typed && !chosen.demo,
        "the station comes from the form's list"
    );
    key(app, KeyCode::Tab);
    typed(app, "anna");
    enter(app);
    assert_eq!(app.screen, Screen::Count, "{:?}", app.start.error);
}

/// Count screen, top to bottom in the order of the N 10-1.
fn fill_count(app: &mut App, p: &PublishedStation) {
    let rows = app.session.as_ref().unwrap().rows.clone();
    let first = rows.iter().position(|r| r.focusable()).unwrap();
    for (i, row) in rows.iter().enumerate().skip(first) {
        if !row.focusable() {
            continue;
        }
        assert_eq!(
            app.session.as_ref().unwrap().count.index,
            i,
            "cursor on {row:?}"
        );
        match row {
            Row::Field(f) => match p.counts.get(f) {
                Some(v) => {
                    typed(app, &v.to_string());
                    enter(app);
                }
                None => key(app, KeyCode::Down),
            },
            Row::DhTick => {
                // D = H at both stations tested: the first choice.
                key(app, KeyCode::Right);
                assert_eq!(
                    app.session.as_ref().unwrap().sheet().dh_tick,
                    Some(DhTick::Equal)
                );
                key(app, KeyCode::Down);
            }
            Row::Explained => key(app, KeyCode::Down),
            Row::Section(_) => unreachable!(),
        }
    }
}

/// Candidate screens: every list, every candidate, then the list's page total.
fn fill_candidates(app: &mut App, p: &PublishedStation) {
    key(app, KeyCode::F(3));
    assert_eq!(app.screen, Screen::Candidates);
    let lists: Vec<u32> = app
        .session
        .as_ref()
        .unwrap()
        .form()
        .election
        .lists
        .iter()
        .map(|l| l.number)
        .collect();
    for (n, list) in lists.iter().enumerate() {
        let sess = app.session.as_ref().unwrap();
        assert_eq!(sess.cand_list, *list);
        assert_eq!(sess.cand.index, 0);
        for field in sess.cand_rows() {
            let value = match field {
                FieldKey::ListPage(l) => p.counts.get(&FieldKey::List(l)),
                f => p.counts.get(&f),
            };
            match value {
                Some(v) => {
                    typed(app, &v.to_string());
                    enter(app);
                }
                None => key(app, KeyCode::Down),
            }
        }
        if n + 1 < lists.len() {
            typed(app, "]");
        }
    }
    key(app, KeyCode::F(2));
}

fn fill_and_seal(station: &str, with_candidates: bool) {
    let home = tempfile::tempdir().unwrap();
    let p = published(station);
    let mut app = app_in(home.path());
    start_sheet(&mut app, station);
    fill_count(&mut app, &p);
    if with_candidates {
        fill_candidates(&mut app, &p);
    }

    let sess = app.session.as_ref().unwrap();
    // Every published figure is on the sheet, typed.
    for (field, value) in &p.counts {
        let include = with_candidates || !matches!(field, FieldKey::Candidate { .. });
        if include {
            assert_eq!(sess.sheet().counts.get(field), Some(value), "{field}");
        }
    }
    let errors: Vec<String> = checks::errors(&sess.checks)
        .iter()
        .map(|c| c.line(Lang::En))
        .collect();
    assert!(errors.is_empty(), "F-codes: {errors:?}");
    let text = screen(&app, 80, 24);
    assert!(text.contains("F 0"), "{text}");

    // Seal: summary, confirm, fingerprint.
    typed(&mut app, "v");
    let text = screen(&app, 80, 24);
    assert!(text.contains("Openstaande fouten (0)"), "{text}");
    enter(&mut app);
    assert!(screen(&app, 80, 24).contains("Verzegelen kan niet ongedaan worden gemaakt"));
    typed(&mut app, "j");
    let sess = app.session.as_ref().unwrap();
    let sealed = sess.sealed().expect("sealed");
    seal::verify(&sealed).unwrap();
    let fp = sealed.fingerprint();
    assert_eq!(fp.split(' ').count(), 16);
    for size in [(80, 24), (160, 48)] {
        let text = screen(&app, size.0, size.1);
        let groups: Vec<&str> = fp.split(' ').collect();
        for four in groups.chunks(4) {
            assert!(text.contains(&four.join(" ")), "{text}");
        }
    }

    // The file on disk is the same sheet, sealed, and its chain verifies.
    let path = sess.store_path().unwrap();
    let journal = Journal::read(&path).unwrap();
    assert_eq!(&journal.sheet, sess.sheet());
    assert_eq!(journal.seal.as_ref().unwrap().record, sealed.seal);
    let recheck =
        checks::run(&checks::CountView::from_sheet(&journal.sheet).with_form(sess.form()));
    assert!(recheck.iter().all(|c| c.severity == Severity::Warning));

    // A sealed sheet is read-only in the TUI.
    key(&mut app, KeyCode::F(2));
    typed(&mut app, "7");
    enter(&mut app);
    assert_eq!(app.session.as_ref().unwrap().sheet(), &journal.sheet);
}

#[test]
fn fills_west_maas_en_waal_sb1_per_candidate_and_seals_with_zero_f_codes() {
    let p = published("0668::SB1");
    // The figures of the 510b for SB1 (Stembureau Gemeentehuis), as a sanity check of
    // what the test types.
    let pv = |f| p.counts.get(&FieldKey::Pv(f)).copied();
    assert_eq!(pv(PvField::A), Some(2086));
    assert_eq!(pv(PvField::D), Some(2332));
    assert_eq!(pv(PvField::E), Some(2318));
    assert_eq!(pv(PvField::F), Some(14));
    fill_and_seal("0668::SB1", true);
}

#[test]
fn fills_west_maas_en_waal_sb11_list_totals_and_seals_with_zero_f_codes() {
    // SB11 (Dorpshuis De Hucht) has A=1052, B=138, C=0, D=1190, E=1181, F=5, G=4, H=1190.
    let p = published("0668::SB11");
    assert_eq!(p.counts.get(&FieldKey::Pv(PvField::A)), Some(&1052));
    assert_eq!(p.counts.get(&FieldKey::Pv(PvField::H)), Some(&1190));
    fill_and_seal("0668::SB11", false);
}

#[test]
fn a_restart_resumes_at_the_same_field_and_says_what_was_recovered() {
    let home = tempfile::tempdir().unwrap();
    let mut app = app_in(home.path());
    start_sheet(&mut app, "0668::SB1");
    typed(&mut app, "2086");
    enter(&mut app);
    typed(&mut app, "239");
    enter(&mut app);
    typed(&mut app, "l");
    typed(&mut app, "7");
    enter(&mut app);
    typed(&mut app, "33");
    let path = app.session.as_ref().unwrap().store_path().unwrap();
    // The process dies here: no quit, the figure 33 was never confirmed. An
    // interrupted write also left half an entry at the end of the journal.
    drop(app);
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(b"{\"seq\":4,\"prev\":\"00").unwrap();
    }

    let mut app = app_in(home.path());
    assert_eq!(app.start.recent.len(), 1);
    assert_eq!(app.start.recent[0].position.as_deref(), Some("count:E.7"));
    enter(&mut app);
    assert_eq!(app.screen, Screen::Count);
    let sess = app.session.as_ref().unwrap();
    assert_eq!(sess.count_row(), Some(Row::Field(FieldKey::List(7))));
    assert_eq!(sess.sheet().pv(PvField::A), Some(2086));
    assert_eq!(sess.sheet().pv(PvField::B), Some(239));
    assert_eq!(sess.sheet().value(FieldKey::List(7)), None);
    let text = screen(&app, 160, 48);
    assert!(text.contains("Hersteld"), "{text}");
    // Where it resumes, in words, and what was read back (never an internal key).
    assert!(text.contains("verder bij Telling, E.7 CDA"), "{text}");
    assert!(text.contains("Teruggelezen: 2 getallen"), "{text}");
    assert!(!text.contains("count:"), "{text}");
    // And editing goes on from there.
    typed(&mut app, "339");
    enter(&mut app);
    assert_eq!(
        app.session
            .as_ref()
            .unwrap()
            .sheet()
            .value(FieldKey::List(7)),
        Some(339)
    );
}
