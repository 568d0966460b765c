//! The compare screen: the sheet against the published results, drawn by
//! [`crate::tui::compare_view`]; while the files are read on a worker thread it says
//! so, with what is being read and for how long.
//!
//! F8 or `g` opens it: the comparison if there is one, else the question which
//! published files to read (`PromptKind::Published`). Keys (`Ctx::Compare`): ↑ ↓ PgUp
//! PgDn Home End scroll, Enter asks for other files, Esc goes back to the screen it was
//! opened from. An edit to the sheet is compared again at once, without reading the
//! files again.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::i18n::Text;
use crate::tui::app::{write_recent, App, Overlay, Screen, Session};
use crate::tui::compare_view::{read_published, CompareView, PublishedInput, Scroll};
use crate::tui::i18n as s;
use crate::tui::keymap::Command;
use crate::tui::popups::prompt::{published_paths, Prompt, PromptKind};

const READING: &Text = &Text::fixed("bezig met inlezen…", "reading…");
const READING_STOPPED: &Text = &Text::fixed(
    "het inlezen is onverwacht gestopt",
    "reading stopped unexpectedly",
);
const SECONDS: &Text = &Text::fixed("s", "s");

/// The compare screen's state.
pub enum CompareState {
    /// The published files are being read on a worker thread; the UI goes on.
    Loading {
        paths: Vec<PathBuf>,
        since: Instant,
        rx: Receiver<PublishedInput>,
    },
    /// Read and compared. The input is kept so that an edit to the sheet is compared
    /// again without reading the files again.
    Ready {
        input: Box<PublishedInput>,
        view: Box<CompareView>,
        /// [`Session::edits`] when the view was made.
        edits: u64,
    },
}

// ---------------------------------------------------------------- keys

/// F8 / g: the comparison if there is one, else the question which files to read.
pub(crate) fn open(app: &mut App) {
    app.commit_pending();
    let screen = app.screen;
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    if screen != Screen::Compare {
        sess.compare_from = screen;
    }
    if sess.compare.is_some() {
        app.screen = Screen::Compare;
    } else {
        ask_published(app);
    }
}

/// A key on the compare screen.
pub(crate) fn on_command(app: &mut App, cmd: Command) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    match cmd {
        Command::Confirm => ask_published(app),
        Command::Cancel => {
            let back = sess.compare_from;
            app.go(back);
        }
        _ => {
            if let (Some(step), Some(CompareState::Ready { view, .. })) =
                (Scroll::for_command(cmd), sess.compare.as_mut())
            {
                view.scroll(step);
            }
        }
    }
}

/// Opens the question which published files to compare with, offering the last
/// answer for this sheet, else the last one given for any sheet.
fn ask_published(app: &mut App) {
    let remembered = app
        .session
        .as_ref()
        .and_then(|s| s.published_answer.clone());
    let input = remembered
        .or_else(|| {
            app.workspace
                .as_ref()
                .and_then(|w| w.recent().into_iter().find_map(|e| e.published))
        })
        .unwrap_or_default();
    app.overlay = Some(Overlay::Prompt(Prompt::new(PromptKind::Published, input)));
}

/// The answer to "which published files?": read them, or say why the answer is not
/// a list of paths.
pub(crate) fn read_answer(app: &mut App, answer: &str) -> Result<(), String> {
    let paths = published_paths(answer, app.lang)?;
    start_reading(app, answer, paths);
    Ok(())
}

/// Starts reading `paths` on a worker thread and shows the compare screen, which says
/// it is reading until the result is in (see [`poll`]).
fn start_reading(app: &mut App, answer: &str, paths: Vec<PathBuf>) {
    let screen = app.screen;
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    if screen != Screen::Compare {
        sess.compare_from = screen;
    }
    sess.published_answer = Some(answer.to_string());
    let (tx, rx) = std::sync::mpsc::channel();
    let read = paths.clone();
    std::thread::spawn(move || {
        // The receiver may be gone (other files asked for meanwhile): nothing to do.
        let _ = tx.send(read_published(&read));
    });
    sess.compare = Some(CompareState::Loading {
        paths,
        since: Instant::now(),
        rx,
    });
    app.screen = Screen::Compare;
    write_recent(app);
}

/// Takes the worker's result when it is in, and compares again after an edit. Called
/// after every action.
pub(crate) fn poll(app: &mut App) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let input = match &sess.compare {
        Some(CompareState::Loading { rx, .. }) => match rx.try_recv() {
            Ok(input) => input,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => PublishedInput {
                errors: vec![READING_STOPPED.clone()],
                ..PublishedInput::default()
            },
        },
        Some(CompareState::Ready { edits, .. }) if *edits != sess.edits => {
            let Some(CompareState::Ready { input, view, .. }) = sess.compare.take() else {
                return;
            };
            let offset = view.offset();
            let mut fresh = CompareView::with_input(sess.sheet(), &input).with_form(sess.form());
            for _ in 0..offset {
                fresh.scroll(Scroll::Down);
            }
            sess.compare = Some(CompareState::Ready {
                input,
                view: Box::new(fresh),
                edits: sess.edits,
            });
            return;
        }
        _ => return,
    };
    let view = CompareView::with_input(sess.sheet(), &input).with_form(sess.form());
    sess.compare = Some(CompareState::Ready {
        input: Box::new(input),
        view: Box::new(view),
        edits: sess.edits,
    });
}

// ---------------------------------------------------------------- drawing

pub(crate) fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    match &sess.compare {
        Some(CompareState::Ready { view, .. }) => {
            frame.render_widget(view.widget(lang).theme(th), area);
        }
        Some(CompareState::Loading { paths, since, .. }) => {
            let mut lines = vec![
                Line::from(Span::styled(
                    format!(
                        "{} {}{}",
                        READING.get(lang),
                        since.elapsed().as_secs(),
                        SECONDS.get(lang)
                    ),
                    th.accent(),
                )),
                Line::from(""),
            ];
            lines.extend(
                paths
                    .iter()
                    .map(|p| Line::from(format!("  {}", p.display()))),
            );
            let block = Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", s::SCREEN_COMPARE.get(lang)));
            frame.render_widget(
                Paragraph::new(lines)
                    .block(block)
                    .wrap(Wrap { trim: false }),
                area,
            );
        }
        // The question which files to read is open over the screen it was asked on;
        // this is only reached if the screen is shown before any comparison.
        None => {
            let block = Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", s::SCREEN_COMPARE.get(lang)));
            frame.render_widget(
                Paragraph::new(s::PUBLISHED_FILES.get(lang)).block(block),
                area,
            );
        }
    }
}
