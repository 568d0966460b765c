//! The terminal user interface: record a count in the room, keyboard only.
//!
//! Components, as in gitui: each screen ([`screens`]) and each pop-up (`popups`) owns
//! its keys and its drawing, in one file. [`app`] holds the model (the [`app::App`],
//! the open sheet's [`app::Session`]) and routes every action to the part that handles
//! it (`update(&mut App, Action)`, testable without a terminal); [`screens::view`]
//! draws the frame and hands the body to the screen on show. [`input`] turns terminal
//! events into actions (key presses only), [`keymap`] is the one table that drives key
//! dispatch, the hint bar and the `?` reference for every screen, and `terminal`
//! gives the terminal back on every exit path. [`compare_view`] and [`qr_view`] are
//! the two widgets big enough to stand alone; `i18n` holds the words that several
//! files share.

pub mod app;
pub mod compare_view;
pub(crate) mod i18n;
pub mod input;
pub mod keymap;
pub(crate) mod popups;
pub mod qr_view;
pub mod screens;
pub(crate) mod terminal;
pub mod theme;
pub mod workspace;

use std::path::PathBuf;
use std::time::Duration;

use crossterm::event;

use crate::i18n::{Lang, Text};
use crate::sheet::TimeOfDay;
use crate::text;
use app::{App, Screen};
use input::Action;
use workspace::{RecentEntry, Workspace};

const NO_TERMINAL: &Text = &Text::fixed(
    "kan de terminal niet inrichten",
    "cannot set up the terminal",
);
const NO_DRAWING: &Text = &Text::fixed(
    "kan niet op de terminal tekenen",
    "cannot draw on the terminal",
);
const NO_KEYBOARD: &Text =
    &Text::fixed("kan het toetsenbord niet lezen", "cannot read the keyboard");

/// How the TUI is started (`meetel` with no subcommand).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TuiOptions {
    /// Language of the screens (Dutch by default).
    pub lang: Lang,
    /// A sheet file to open at once, instead of the start screen.
    pub file: Option<PathBuf>,
    /// The form to offer first on the start screen (a name such as `tk2025-nijmegen`,
    /// or a path); the embedded default when `None`.
    pub form: Option<String>,
    /// Start a practice sheet on the fictitious demo station at once.
    pub demo: bool,
}

/// Runs the TUI until the person quits. Every edit is in the sheet's journal before the
/// next frame is drawn, so quitting (or a crash) never loses one.
pub(crate) fn run(options: TuiOptions) -> Result<(), String> {
    let lang = options.lang;
    let failed = |what: &Text, e: std::io::Error| format!("{}: {e}", what.get(lang));
    let mut app = prepare(&options)?;
    let (mut terminal, _restore) = terminal::init().map_err(|e| failed(NO_TERMINAL, e))?;
    // A panic leaves a mark, so that the next start does not reopen the same sheet at
    // once and meet the same panic again (a crash loop the observer could not leave).
    if let Some(ws) = app.workspace.as_ref() {
        let mark = ws.panic_mark_path();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = std::fs::write(&mark, info.to_string());
            previous(info);
        }));
    }
    loop {
        app::update(&mut app, Action::Tick(TimeOfDay::now()));
        terminal
            .draw(|frame| screens::view(&app, frame))
            .map_err(|e| failed(NO_DRAWING, e))?;
        if app.quit {
            return Ok(());
        }
        // Wake at least once a second for the clock, and often while files are read on
        // a worker thread, so that their result shows as soon as it is in.
        let wait = if app.busy() { 100 } else { 1000 };
        if event::poll(Duration::from_millis(wait)).map_err(|e| failed(NO_KEYBOARD, e))? {
            let ev = event::read().map_err(|e| failed(NO_KEYBOARD, e))?;
            if let Some(action) = input::action_for(ev) {
                app::update(&mut app, action);
            }
        }
    }
}

/// The app as `run` starts it, before the terminal is touched (so that an unreadable
/// sheet is reported on a normal screen).
pub(crate) fn prepare(options: &TuiOptions) -> Result<App, String> {
    prepare_in(options, Workspace::from_env()?)
}

/// `prepare` with the workspace given (for tests).
pub fn prepare_in(options: &TuiOptions, workspace: Workspace) -> Result<App, String> {
    let mut app = App::new(
        options.lang,
        Some(workspace.clone()),
        options.form.as_deref(),
    );
    if let Some(path) = &options.file {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        let entry = workspace
            .recent()
            .into_iter()
            .find(|e| e.path.canonicalize().ok().as_ref() == Some(&canonical))
            .unwrap_or(RecentEntry {
                path: canonical,
                form: options.form.clone().unwrap_or_default(),
                election: String::new(),
                station: String::new(),
                station_name: String::new(),
                last_edit: String::new(),
                sealed: false,
                demo: false,
                position: None,
                kind: Default::default(),
                published: None,
                open: false,
            });
        app::open_recent(&mut app, &entry);
        if app.session.is_none() {
            return Err(app.start.error.clone().unwrap_or_else(|| {
                let path = path.display();
                text!("kan {path} niet openen", "cannot open {path}")
                    .get(options.lang)
                    .to_string()
            }));
        }
    } else if options.demo {
        app::begin_demo(&mut app);
        if app.session.is_none() {
            return Err(app.start.error.clone().unwrap_or_default());
        }
    } else if workspace.take_panic_mark() {
        // meetel stopped on an error last time: reopening that sheet at once could
        // meet the same error again. The start screen offers it, first in the list.
        app.message = Some(app::Message {
            text: i18n::PANICKED_LAST_TIME.get(options.lang).to_string(),
            error: true,
        });
    } else {
        // After a crash or kill: straight back to the same field, no key needed.
        app::resume_after_crash(&mut app);
    }
    if app.session.is_none() {
        app.screen = Screen::Start;
    }
    Ok(app)
}
