//! Shared by the TUI tests: key presses into `update`, and a frame as text.

#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use meetel::i18n::Lang;
use meetel::sheet::TimeOfDay;
use meetel::tui::app::{self, App};
use meetel::tui::input::Action;
use meetel::tui::screens::view;
use meetel::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

pub fn key(app: &mut App, code: KeyCode) {
    app::update(
        app,
        Action::Key(KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }),
    );
}

pub fn ctrl(app: &mut App, c: char) {
    app::update(
        app,
        Action::Key(KeyEvent {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }),
    );
}

pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub fn enter(app: &mut App) {
    key(app, KeyCode::Enter);
}

/// Draws one frame and returns the buffer.
pub fn frame(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as a person reads it: one line per row, trailing spaces removed.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let buf = frame(app, w, h);
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Begins a new sheet as a person does on the start screen: the station typed into
/// the search, Tab to the alias, the alias, Enter.
pub fn begin(app: &mut App, station: &str, alias: &str) {
    typed(app, station);
    key(app, KeyCode::Tab);
    typed(app, alias);
    enter(app);
    assert!(app.session.is_some(), "{:?}", app.start.error);
    let id = &app.session.as_ref().unwrap().sheet().header.station.id;
    assert_eq!(
        id.to_string(),
        station,
        "the station searched for is the one begun"
    );
}

/// A new sheet for 0668::SB1 on the embedded TK2025 form, in memory, without colour, at
/// 21:05.
pub fn sb1(lang: Lang) -> App {
    let mut app = App::new(lang, None, None);
    app.theme = Theme::mono();
    app::update(&mut app, Action::Tick(TimeOfDay::new(21, 5).unwrap()));
    begin(&mut app, "0668::SB1", "anna");
    app
}
