//! Resuming after a crash (issue 3 item 8): a sheet still marked open in the recent
//! list when meetel starts is opened at once, at the field where the cursor was, with
//! what was recovered; after a proper quit, or for a sealed sheet, the start screen
//! shows as usual. TestBackend at 80x24 and 160x48 (the real binary killed with -9 is
//! in tests/tui_e2e.rs).

use crate::tui_support;

use crossterm::event::KeyCode;
use meetel::i18n::Lang;
use meetel::sheet::{PvField, TimeOfDay};
use meetel::tui::app::{self, App, Screen};
use meetel::tui::input::Action;
use meetel::tui::theme::Theme;
use meetel::tui::workspace::Workspace;
use tui_support::{enter, key, screen, typed};

fn start(home: &std::path::Path) -> App {
    let ws = Workspace {
        home: home.to_path_buf(),
    };
    let mut app = App::new(Lang::Nl, Some(ws), None);
    app.theme = Theme::mono();
    app::update(&mut app, Action::Tick(TimeOfDay::new(21, 5).unwrap()));
    app
}

/// SB1 with A and B typed; the cursor on C. The app is dropped without quitting, as a
/// crash would leave it.
fn crashed_sheet(home: &std::path::Path) {
    let mut app = start(home);
    tui_support::begin(&mut app, "0668::SB1", "anna");
    typed(&mut app, "2086");
    enter(&mut app);
    typed(&mut app, "239");
    enter(&mut app);
    let ws = Workspace {
        home: home.to_path_buf(),
    };
    assert!(ws.recent()[0].open, "marked open while in use");
}

#[test]
fn an_unclean_exit_reopens_the_sheet_at_the_same_field() {
    let home = tempfile::tempdir().unwrap();
    crashed_sheet(home.path());
    let mut app = start(home.path());
    assert!(app::resume_after_crash(&mut app));
    assert_eq!(app.screen, Screen::Count);
    for (w, h) in [(80, 24), (160, 48)] {
        let t = screen(&app, w, h);
        assert!(t.contains("niet afgesloten"), "{t}");
        assert!(t.contains("Teruggelezen: 2 getallen"), "{t}");
        assert!(t.contains("verder bij Telling, C"), "{t}");
        assert!(t.contains("0668::SB1"), "{t}");
    }
    // The next figure goes into C.
    typed(&mut app, "7");
    enter(&mut app);
    assert_eq!(
        app.session.as_ref().unwrap().sheet().pv(PvField::C),
        Some(7)
    );
    // Quit: marked closed, and the next start is the start screen.
    typed(&mut app, "q");
    let ws = Workspace {
        home: home.path().to_path_buf(),
    };
    assert!(!ws.recent()[0].open);
    let mut again = start(home.path());
    assert!(!app::resume_after_crash(&mut again));
    assert_eq!(again.screen, Screen::Start);
    assert!(screen(&again, 80, 24).contains("Recente bladen"));
}

#[test]
fn a_sealed_sheet_is_not_reopened_by_itself() {
    let home = tempfile::tempdir().unwrap();
    let mut app = start(home.path());
    tui_support::begin(&mut app, "0668::SB1", "anna");
    typed(&mut app, "2086");
    enter(&mut app);
    key(&mut app, KeyCode::F(7));
    let key_pair = Workspace {
        home: home.path().to_path_buf(),
    }
    .key()
    .unwrap();
    app::seal_with(&mut app, &key_pair);
    drop(app);
    let mut again = start(home.path());
    assert!(!app::resume_after_crash(&mut again));
    assert_eq!(again.screen, Screen::Start);
}

#[test]
fn a_sheet_that_cannot_be_opened_leaves_the_start_screen_saying_why() {
    let home = tempfile::tempdir().unwrap();
    crashed_sheet(home.path());
    let ws = Workspace {
        home: home.path().to_path_buf(),
    };
    std::fs::remove_file(&ws.recent()[0].path).unwrap();
    let mut app = start(home.path());
    assert!(!app::resume_after_crash(&mut app));
    assert_eq!(app.screen, Screen::Start);
    assert!(app.start.error.is_some());
}

#[test]
fn after_a_panic_the_start_screen_offers_the_sheet_instead_of_reopening_it() {
    // Reopening at once could meet the same panic again: a loop the observer could
    // not leave. The mark a panic leaves makes the next start show the start screen.
    let home = tempfile::tempdir().unwrap();
    crashed_sheet(home.path());
    let ws = Workspace {
        home: home.path().to_path_buf(),
    };
    std::fs::write(ws.panic_mark_path(), "panicked at …").unwrap();
    let options = meetel::tui::TuiOptions {
        lang: Lang::Nl,
        file: None,
        form: None,
        demo: false,
    };
    let app = meetel::tui::prepare_in(&options, ws.clone()).unwrap();
    assert_eq!(app.screen, Screen::Start);
    let t = screen(&app, 80, 24);
    assert!(t.contains("op een fout gestopt"), "{t}");
    assert!(t.contains("0668::SB1"), "the sheet is offered: {t}");
    assert!(!ws.panic_mark_path().exists(), "the mark is used once");
    // The start after that resumes as after any other crash.
    let again = meetel::tui::prepare_in(&options, ws).unwrap();
    assert_eq!(again.screen, Screen::Count);
}
