//! A transcription of the published PV (issue 5 item 4), started from the start screen:
//! the choice between an observation and a transcription, the header and the seal
//! screen saying which it is, the same count screens, and the transcription used as
//! published input by the compare screen of an observation sheet. TestBackend at 80x24
//! and 160x48.

use crate::tui_support;

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use meetel::i18n::Lang;
use meetel::sheet::journal::Journal;
use meetel::sheet::{PvField, SheetKind, TimeOfDay};
use meetel::tui::app::{self, App, Screen};
use meetel::tui::input::Action;
use meetel::tui::theme::Theme;
use meetel::tui::workspace::Workspace;
use tui_support::{enter, key, screen, typed};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn start(home: &std::path::Path, lang: Lang) -> App {
    let ws = Workspace {
        home: home.to_path_buf(),
    };
    let mut app = App::new(lang, Some(ws), None);
    app.theme = Theme::mono();
    app::update(&mut app, Action::Tick(TimeOfDay::new(21, 5).unwrap()));
    app
}

/// On the start screen: SB1, alias, then the kind of sheet chosen with → if
/// `transcription`, and begun.
fn new_sheet(app: &mut App, transcription: bool) {
    typed(app, "0668::SB1");
    key(app, KeyCode::Tab); // alias
    typed(app, "anna");
    key(app, KeyCode::Tab); // session
    key(app, KeyCode::Tab); // kind of sheet
    if transcription {
        key(app, KeyCode::Right);
    }
    enter(app); // to [ Beginnen ]
    enter(app);
    assert!(app.session.is_some(), "{:?}", app.start.error);
}

#[test]
fn the_start_screen_offers_a_transcription_of_the_pv() {
    let home = tempfile::tempdir().unwrap();
    let mut app = start(home.path(), Lang::Nl);
    for (w, h) in SIZES {
        let t = screen(&app, w, h);
        assert!(t.contains("Soort blad"), "{t}");
        assert!(t.contains("‹ Waarneming (wat ik zag en hoorde) ›"), "{t}");
    }
    typed(&mut app, "0668::SB1");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "anna");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    // The hint bar offers the choice where there is one.
    assert!(screen(&app, 80, 24).contains("volgende keuze"));
    key(&mut app, KeyCode::Right);
    for (w, h) in SIZES {
        let t = screen(&app, w, h);
        assert!(t.contains("‹ Overname van het gepubliceerde PV ›"), "{t}");
    }
    // ← goes back to an observation, → again to the transcription.
    key(&mut app, KeyCode::Left);
    assert_eq!(app.start.kind, SheetKind::Observation);
    key(&mut app, KeyCode::Right);
    assert_eq!(app.start.kind, SheetKind::PvTranscription);
    enter(&mut app);
    enter(&mut app);
    let sess = app.session.as_ref().expect("begun");
    assert_eq!(sess.sheet().header.kind, SheetKind::PvTranscription);
    assert_eq!(app.screen, Screen::Count);

    // Every screen says it is a transcription; the count screens are the same.
    for (w, h) in SIZES {
        let t = screen(&app, w, h);
        let top = t.lines().next().unwrap();
        assert!(top.contains("OVERNAME PV"), "{top}");
        assert!(t.contains("2.1 Toegelaten kiezers"), "{t}");
        assert!(t.contains("typ de getallen over"), "{t}");
    }
    typed(&mut app, "2086");
    enter(&mut app);
    typed(&mut app, "239");
    enter(&mut app);
    key(&mut app, KeyCode::F(3));
    let t = screen(&app, 160, 48);
    assert!(t.lines().next().unwrap().contains("OVERNAME PV"), "{t}");

    // The seal screen says so before and after sealing.
    key(&mut app, KeyCode::F(7));
    for (w, h) in SIZES {
        let t = screen(&app, w, h);
        assert!(t.contains("overname van het gepubliceerde"), "{w}x{h}\n{t}");
        assert!(t.contains("(de PDF)"), "{t}");
    }
    let key_pair = Workspace {
        home: home.path().to_path_buf(),
    }
    .key()
    .unwrap();
    app::seal_with(&mut app, &key_pair);
    let t = screen(&app, 160, 48);
    assert!(t.contains("OVERNAME PV"), "{t}");
    assert!(t.contains("als gepubliceerde invoer"), "{t}");
    assert!(!t.contains("vóór de officiële uitslag"), "{t}");

    // On disk: a transcription, with its figures.
    let path = app.session.as_ref().unwrap().store_path().unwrap();
    let journal = Journal::read(&path).unwrap();
    assert_eq!(journal.sheet.header.kind, SheetKind::PvTranscription);
    assert_eq!(journal.sheet.pv(PvField::B), Some(239));

    // The recent list marks it.
    typed(&mut app, "q");
    let app = start(home.path(), Lang::Nl);
    assert!(screen(&app, 80, 24).contains("TK2025 · OVERNAME PV · 0668::SB1"));
}

#[test]
fn an_observation_compares_with_a_transcription_typed_in_the_app() {
    let home = tempfile::tempdir().unwrap();
    // The published PV, typed over: A = 2086, B = 239.
    let mut pv = start(home.path(), Lang::En);
    new_sheet(&mut pv, true);
    typed(&mut pv, "2086");
    enter(&mut pv);
    typed(&mut pv, "239");
    enter(&mut pv);
    let pv_path = pv.session.as_ref().unwrap().store_path().unwrap();
    typed(&mut pv, "q");

    // The observation: B = 240.
    let mut obs = start(home.path(), Lang::En);
    key(&mut obs, KeyCode::Tab); // from the recent list to the new sheet
    key(&mut obs, KeyCode::Tab);
    new_sheet(&mut obs, false);
    assert_eq!(
        obs.session.as_ref().unwrap().sheet().header.kind,
        SheetKind::Observation
    );
    assert!(!screen(&obs, 80, 24).contains("TRANSCRIPTION"));
    typed(&mut obs, "2086");
    enter(&mut obs);
    typed(&mut obs, "240");
    enter(&mut obs);
    key(&mut obs, KeyCode::F(8));
    // The transcription file as the published input (quoted, as a terminal drops it).
    typed(&mut obs, &format!("'{}'", pv_path.display()));
    enter(&mut obs);
    let t0 = Instant::now();
    while obs.busy() {
        assert!(t0.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(10));
        app::update(&mut obs, Action::Tick(TimeOfDay::new(21, 5).unwrap()));
    }
    for (w, h) in SIZES {
        let t = screen(&obs, w, h);
        assert!(t.contains("MISMATCH"), "{w}x{h}\n{t}");
        assert!(t.contains("240") && t.contains("239"), "{t}");
    }
    let t = screen(&obs, 160, 48);
    let name = pv_path.file_name().unwrap().to_string_lossy().to_string();
    assert!(t.contains(&name[..20]), "{name}\n{t}");
}
