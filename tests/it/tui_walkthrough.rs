//! What a person who has never seen meetel met while following the count of TK2025
//! West Maas en Waal SB1 in a real 80x24 terminal, each turned into an assertion on the
//! screen as `TestBackend` draws it: text cut off, keys the bar did not show, a figure
//! wiped by one stray key, words in the wrong language.

use crate::tui_support;

use crossterm::event::KeyCode;
use meetel::i18n::Lang;
use meetel::sheet::{FieldKey, PvField, TimeOfDay};
use meetel::tui::app::{App, Screen};
use meetel::tui::theme::Theme;
use tui_support::{enter, key, sb1, screen, typed};

fn select_moment(app: &mut App, id: &str) {
    let sess = app.session.as_mut().unwrap();
    sess.moment = sess.moments().iter().position(|m| m.id == id).unwrap();
}

#[test]
fn the_photo_rule_after_pv_signed_is_read_in_full_at_80x24() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "m");
    select_moment(&mut app, "pv-signed");
    typed(&mut app, " ");
    let t = screen(&app, 80, 24);
    // The end of the sentence is the rule: not the signatures.
    assert!(t.contains("de handtekeningen niet."), "{t}");
    assert!(
        t.contains("Gestempeld: Proces-verbaal ondertekend 21:05."),
        "{t}"
    );
}

#[test]
fn the_candidate_page_never_cuts_a_figure() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "l1");
    enter(&mut app);
    typed(&mut app, "568");
    enter(&mut app);
    typed(&mut app, "l1");
    enter(&mut app);
    typed(&mut app, "k");
    for v in ["542", "10", "3"] {
        typed(&mut app, v);
        enter(&mut app);
    }
    for (w, h) in [(80, 24), (160, 48)] {
        let t = screen(&app, w, h);
        assert!(t.contains("som kandidaten 555 (3/80) · E.1 = 568"), "{t}");
    }
}

#[test]
fn backspace_on_a_recorded_figure_edits_it_and_never_wipes_it() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "2086");
    enter(&mut app);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Backspace);
    // Still recorded; the figure being edited shows without its last digit.
    let a = FieldKey::Pv(PvField::A);
    assert_eq!(app.session.as_ref().unwrap().sheet().value(a), Some(2086));
    assert!(screen(&app, 80, 24).contains("208▏"));
    // Esc gives the recorded figure back untouched.
    key(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("2086"));
    // A typo fixed: Backspace, the right digit, Enter.
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "7");
    enter(&mut app);
    assert_eq!(app.session.as_ref().unwrap().sheet().value(a), Some(2087));
    // Delete is what empties a field (not observed).
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Delete);
    assert_eq!(app.session.as_ref().unwrap().sheet().value(a), None);
}

#[test]
fn the_hint_bar_shows_quit_and_undo_at_80x24_and_no_dead_keys() {
    let home = tempfile::tempdir().unwrap();
    let ws = meetel::tui::workspace::Workspace {
        home: home.path().to_path_buf(),
    };
    let mut app = App::new(Lang::Nl, Some(ws), None);
    app.theme = Theme::mono();
    tui_support::begin(&mut app, "0668::SB1", "anna");
    let t = screen(&app, 80, 24);
    assert!(t.contains("q afsluiten"), "{t}");
    assert!(t.contains("u ongedaan maken"), "{t}");
    assert!(t.contains("Del leeg = niet waargenomen"), "{t}");
    // Before the seal there is no QR code to cycle.
    typed(&mut app, "v");
    let t = screen(&app, 80, 24);
    assert!(t.contains("Enter verzegelen"), "{t}");
    assert!(!t.contains("QR-code"), "{t}");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "j");
    assert!(app.session.as_ref().unwrap().is_sealed());
    for (w, h) in [(80, 24), (160, 48)] {
        let t = screen(&app, w, h);
        assert!(!t.contains("Enter verzegelen"), "{t}");
        assert!(t.contains("volgende QR-code"), "{t}");
    }
    // A sealed sheet offers no edits on the count screen either.
    key_f(&mut app, 2);
    let t = screen(&app, 80, 24);
    assert!(!t.contains("getal typen"), "{t}");
    assert!(!t.contains("ongedaan maken"), "{t}");
}

fn key_f(app: &mut App, n: u8) {
    key(app, KeyCode::F(n));
}

#[test]
fn explanations_are_named_not_cut_codes() {
    let mut app = sb1(Lang::Nl);
    key(&mut app, KeyCode::End);
    let t = screen(&app, 80, 24);
    let line = t
        .lines()
        .find(|l| l.contains("meegenomen stembiljetten"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(!line.contains('…'), "{line}");
    assert!(!line.contains("X."), "{line}");
}

#[test]
fn the_start_screen_names_the_municipality_and_speaks_one_language() {
    let mut app = App::new(Lang::Nl, None, None);
    app.theme = Theme::mono();
    typed(&mut app, "west maas sb1");
    let t = screen(&app, 80, 24);
    assert!(
        t.contains("0668::SB1 Gemeentehuis 6658 AG (DSO) · West Maas en Waal"),
        "{t}"
    );
    let t = screen(&app, 160, 48);
    assert!(t.contains("24 lijsten"), "{t}");
    app.lang = Lang::En;
    let t = screen(&app, 160, 48);
    assert!(t.contains("24 lists"), "{t}");
    assert!(!t.contains("lijsten"), "{t}");
    // Only the field being typed into has a text cursor.
    assert_eq!(t.matches('▏').count(), 1, "{t}");
}

#[test]
fn the_focused_panel_shows_without_colour_and_long_moments_are_read_in_full() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "m");
    // The moments panel has the focus: a thick border, no colour needed.
    let t = screen(&app, 80, 24);
    assert!(t.contains("┏ Momenten"), "{t}");
    assert!(!t.contains("┏ Bezwaren"), "{t}");
    key(&mut app, KeyCode::Tab);
    let t = screen(&app, 80, 24);
    assert!(t.contains("┏ Bezwaren"), "{t}");
    key(&mut app, KeyCode::BackTab);
    // A label the list cuts is shown whole when selected.
    select_moment(&mut app, "materials-sealed");
    let t = screen(&app, 80, 24);
    assert!(t.contains("┃Passen en ongebruikte stembiljetten"), "{t}");
    assert!(t.contains("┃verzegeld "), "{t}");
    assert!(t.contains("Dit moet gebeuren vóórdat de stembus"), "{t}");
    // The hint bar offers stamping on the moments panel only.
    assert!(t.contains("moment stempelen"), "{t}");
    key(&mut app, KeyCode::Tab);
    assert!(!screen(&app, 80, 24).contains("moment stempelen"));
}

#[test]
fn an_incident_shows_what_happened_not_only_its_category() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "mi");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "stapel VVD achter de rug geteld");
    enter(&mut app);
    assert!(app.overlay.is_none());
    let t = screen(&app, 80, 24);
    assert!(t.contains("#1 21:05 Incident"), "{t}");
    assert!(t.contains("stapel VVD achter de rug geteld"), "{t}");
}

#[test]
fn a_moment_time_is_typed_as_people_type_it_and_errors_are_dutch() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "m");
    select_moment(&mut app, "close");
    typed(&mut app, "e");
    for _ in 0..5 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2500");
    enter(&mut app);
    let t = screen(&app, 80, 24);
    assert!(t.contains("geen tijd"), "{t}");
    assert!(!t.contains("expected"), "{t}");
    for _ in 0..4 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2100");
    enter(&mut app);
    assert!(app.overlay.is_none());
    let sess = app.session.as_ref().unwrap();
    assert_eq!(
        sess.sheet().moments.get("close"),
        Some(&TimeOfDay::new(21, 0).unwrap())
    );
}

#[test]
fn the_seal_summary_names_the_moments_not_yet_stamped() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "m");
    for _ in 0..11 {
        typed(&mut app, " ");
    }
    typed(&mut app, "v");
    let t = screen(&app, 80, 24);
    assert!(t.contains("Momenten nog niet gestempeld (1)"), "{t}");
    assert!(
        t.contains("Stembiljetten verzegeld en met PV vertrokken"),
        "{t}"
    );
}

#[test]
fn clearing_a_tally_says_so_and_how_to_get_it_back() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "t   x");
    assert_eq!(app.screen, Screen::Tally);
    let t = screen(&app, 80, 24);
    assert!(t.contains("Turf gewist (u = ongedaan maken)."), "{t}");
    typed(&mut app, "u");
    let sess = app.session.as_ref().unwrap();
    assert_eq!(sess.sheet().tallies.get(&sess.tally_field()), Some(&3));
}

#[test]
fn the_key_reference_and_an_empty_search_read_whole_at_80x24() {
    let mut app = App::new(Lang::En, None, None);
    app.theme = Theme::mono();
    typed(&mut app, "?");
    let t = screen(&app, 80, 24);
    assert!(t.contains("No polling station found."), "{t}");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::F(1));
    let t = screen(&app, 80, 24);
    assert!(t.contains("nothing is lost."), "{t}");
}
