//! One-line questions over a screen: which list to go to, a moment's time, the notes, a
//! note to a checklist answer, and (several lines) which published files to compare
//! with. The prompt owns its typing and its drawing; what the answer does belongs to
//! the screen that asked ([`finish`] hands it back there).

use std::path::PathBuf;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::i18n::{Lang, Text};
use crate::sheet::{FieldKey, PvField};
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::i18n as s;
use crate::tui::input::clean_paste;
use crate::tui::keymap::Command;
use crate::tui::screens::count::Row;
use crate::tui::screens::{centered, checklist, compare, events, wrap_words};

const JUMP_LIST: &Text = &Text::fixed("Naar lijst nummer", "Go to list number");
const NO_SUCH_LIST: &Text = &Text::fixed(
    "Die lijst bestaat niet bij deze verkiezing",
    "That list does not exist at this election",
);
const EDIT_TIME: &Text = &Text::fixed("Tijd (UU:MM)", "Time (HH:MM)");
const NO_PATHS: &Text = &Text::fixed(
    "Typ minstens één pad: een map, een zip of bestanden.",
    "Type at least one path: a folder, a zip or files.",
);
const UNBALANCED_QUOTE: &Text = &Text::fixed(
    "een aanhalingsteken staat niet in een paar",
    "a quote is not closed",
);
const PUBLISHED_HELP: &Text = &Text::fixed(
    "Een map, een zip of losse bestanden (EML 510, osv4-3 CSV, een PV-overname), gescheiden door spaties of één per regel (Tab: nieuwe regel). Een pad met spaties: tussen aanhalingstekens of alleen op een regel.",
    "A folder, a zip or files (EML 510, osv4-3 CSV, a PV transcription), separated by spaces or one per line (Tab: new line). A path with spaces: in quotes or alone on a line.",
);

/// A one-line text prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    pub(crate) error: Option<String>,
}

/// What a prompt asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    JumpList,
    MomentTime(String),
    Notes,
    CheckNote(String),
    /// Which published files to compare with: paths separated by spaces, or one per
    /// line (the input keeps its line breaks).
    Published,
}

impl Prompt {
    /// The question `kind`, with `input` as the answer so far.
    pub(crate) fn new(kind: PromptKind, input: String) -> Prompt {
        Prompt {
            kind,
            input,
            error: None,
        }
    }

    /// Typed or pasted text; a list number takes digits only.
    pub(crate) fn type_text(&mut self, text: &str) {
        if self.kind == PromptKind::JumpList {
            self.input
                .extend(text.chars().filter(|c| c.is_ascii_digit()));
        } else {
            self.input.push_str(text);
        }
        self.error = None;
    }

    /// A paste into a question for files: paths pasted one per line stay one per line.
    pub(crate) fn paste_lines(&mut self, text: &str) {
        paste_lines(&mut self.input, text);
        self.error = None;
    }
}

/// Pasted text into an answer of several lines (paths): each line made safe to type,
/// the line breaks kept.
pub(crate) fn paste_lines(input: &mut String, text: &str) {
    let lines: Vec<String> = text.lines().map(clean_paste).collect();
    input.push_str(&lines.join("\n"));
}

/// The paths in an answer to a question for files ("which published files?", "which
/// EML files?"): one or more a line, separated by spaces. A line that names an existing
/// path as a whole is that one path (a folder with spaces in its name, typed alone on
/// its line); quotes and backslashes are read as a shell reads them (terminals quote a
/// dragged-in file that way), with the `shlex` crate.
pub fn published_paths(input: &str, lang: Lang) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if std::path::Path::new(line).exists() {
            out.push(PathBuf::from(line));
            continue;
        }
        let words = if line.contains(['"', '\'', '\\']) {
            shlex::split(line).ok_or_else(|| format!("`{line}`: {}", UNBALANCED_QUOTE.get(lang)))?
        } else {
            line.split_whitespace().map(String::from).collect()
        };
        out.extend(words.into_iter().map(PathBuf::from));
    }
    if out.is_empty() {
        return Err(NO_PATHS.get(lang).to_string());
    }
    Ok(out)
}

/// `l`: the question which list to go to. The jump moves the cursor: a figure typed
/// here is recorded here first, and if it cannot be, there is no jump.
pub(crate) fn ask_list(app: &mut App) {
    if !app.commit_pending() {
        return;
    }
    app.overlay = Some(Overlay::Prompt(Prompt::new(
        PromptKind::JumpList,
        String::new(),
    )));
}

/// A key while a prompt is open (`Ctx::Text`, or `Ctx::Paths` for the published files).
pub(crate) fn on_command(app: &mut App, mut p: Prompt, cmd: Command) {
    match cmd {
        Command::Cancel => app.overlay = None,
        Command::Erase => {
            p.input.pop();
            app.overlay = Some(Overlay::Prompt(p));
        }
        Command::Next if p.kind == PromptKind::Published => {
            if !p.input.is_empty() && !p.input.ends_with('\n') {
                p.input.push('\n');
            }
            app.overlay = Some(Overlay::Prompt(p));
        }
        Command::Confirm => {
            app.overlay = None;
            if let Err(e) = finish(app, &p) {
                p.error = Some(e);
                app.overlay = Some(Overlay::Prompt(p));
            }
        }
        Command::Quit => {
            // Quitting never loses what was typed: a note or a time still being typed
            // is saved first, as a figure is. If it cannot be saved, stay and say why.
            let observed = matches!(
                p.kind,
                PromptKind::Notes | PromptKind::CheckNote(_) | PromptKind::MomentTime(_)
            );
            if !observed || p.input.trim().is_empty() {
                return app.request_quit();
            }
            match finish(app, &p) {
                Ok(()) => app.request_quit(),
                Err(e) => {
                    p.error = Some(format!("{e} {}", s::NOT_QUIT_TEXT.get(app.lang)));
                    app.overlay = Some(Overlay::Prompt(p));
                }
            }
        }
        Command::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        _ => app.overlay = Some(Overlay::Prompt(p)),
    }
}

/// The answer given: to the screen that asked. An error keeps the prompt open with it.
fn finish(app: &mut App, p: &Prompt) -> Result<(), String> {
    match &p.kind {
        PromptKind::JumpList => jump_to_list(app, &p.input),
        PromptKind::MomentTime(id) => events::set_moment_time(app, id, &p.input),
        PromptKind::Notes => events::set_notes(app, &p.input),
        PromptKind::CheckNote(id) => checklist::set_note(app, id, &p.input),
        PromptKind::Published => compare::read_answer(app, &p.input),
    }
}

/// Goes to list `input`: its candidates on the candidates screen, its pile when
/// tallying, its E.n on the count screen otherwise.
fn jump_to_list(app: &mut App, input: &str) -> Result<(), String> {
    let lang = app.lang;
    let Some(sess) = app.session.as_mut() else {
        return Ok(());
    };
    let n: u32 = input
        .trim()
        .parse()
        .map_err(|_| NO_SUCH_LIST.get(lang).to_string())?;
    let lists_known = !sess.form().election.lists.is_empty();
    if lists_known && sess.form().list(n).is_none() {
        return Err(format!("{}: {n}", NO_SUCH_LIST.get(lang)));
    }
    let target = Row::Field(FieldKey::List(n));
    if !sess.rows.contains(&target) {
        // A form without lists: any list number can be recorded.
        let at = sess
            .rows
            .iter()
            .position(|r| *r == Row::Field(FieldKey::Pv(PvField::E)))
            .unwrap_or(sess.rows.len());
        sess.rows.insert(at, target);
    }
    app.jumped = true;
    match app.screen {
        Screen::Candidates => {
            sess.cand_list = n;
            sess.cand.index = 0;
        }
        Screen::Tally => {
            sess.tally = sess
                .tally_fields()
                .iter()
                .position(|f| *f == FieldKey::List(n))
                .unwrap_or(0);
        }
        _ => {
            sess.count.index = sess.rows.iter().position(|r| *r == target).unwrap_or(0);
            app.screen = Screen::Count;
        }
    }
    Ok(())
}

/// Draws the prompt over the screen.
pub(crate) fn draw(app: &App, p: &Prompt, frame: &mut Frame, body: Rect) {
    if p.kind == PromptKind::Published {
        return paths_prompt(app, p, frame, body);
    }
    let th = app.theme;
    let lang = app.lang;
    let title = match &p.kind {
        PromptKind::JumpList => JUMP_LIST.get(lang).to_string(),
        PromptKind::MomentTime(id) => {
            let label = app
                .session
                .as_ref()
                .and_then(|sess| {
                    sess.moments()
                        .iter()
                        .find(|m| &m.id == id)
                        .map(|m| m.label.get(lang).to_string())
                })
                .unwrap_or_else(|| id.clone());
            format!("{label} — {}", EDIT_TIME.get(lang))
        }
        PromptKind::Notes => s::NOTES.get(lang).to_string(),
        PromptKind::CheckNote(_) => s::NOTE.get(lang).to_string(),
        PromptKind::Published => s::PUBLISHED_FILES.get(lang).to_string(),
    };
    let area = centered(body, 70, 6);
    frame.render_widget(Clear, area);
    let lines = vec![
        Line::from(Span::styled(format!("{}▏", p.input), th.focus())),
        Line::from(Span::styled(
            p.error.clone().unwrap_or_default(),
            th.error(),
        )),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The question which published files to compare with.
fn paths_prompt(app: &App, p: &Prompt, frame: &mut Frame, body: Rect) {
    let lang = app.lang;
    paths_box(
        app,
        frame,
        body,
        s::PUBLISHED_FILES.get(lang),
        PUBLISHED_HELP.get(lang),
        &p.input,
        p.error.as_deref(),
    );
}

/// A box that asks for files: what may be given, then the answer one line per typed
/// line with the cursor on the last, then what went wrong. Used for the published
/// files to compare with and for the EML files to make a form from.
pub(crate) fn paths_box(
    app: &App,
    frame: &mut Frame,
    body: Rect,
    title: &str,
    help: &str,
    input: &str,
    error: Option<&str>,
) {
    let th = app.theme;
    let width = body.width.min(90);
    let inner_w = width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = wrap_words(help, inner_w)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, th.dim())))
        .collect();
    lines.push(Line::from(""));
    let typed: Vec<&str> = input.split('\n').collect();
    let last = typed.len() - 1;
    for (i, l) in typed.iter().enumerate() {
        let cursor = if i == last { "▏" } else { "" };
        lines.push(Line::from(Span::styled(format!("{l}{cursor}"), th.focus())));
    }
    if let Some(err) = error {
        lines.extend(
            wrap_words(err, inner_w)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, th.error()))),
        );
    }
    let area = centered(body, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "));
    // Long paths wrap rather than losing their end; at the bottom of a long answer the
    // last lines (the cursor, the error) stay in view.
    let shown = area.height.saturating_sub(2) as usize;
    let skip = lines.len().saturating_sub(shown) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((skip, 0)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use crate::tui::app::testing::*;
    use crossterm::event::KeyCode;

    use super::*;

    #[test]
    fn quitting_from_the_notes_saves_what_was_typed() {
        let mut app = app();
        press(&mut app, KeyCode::F(5));
        typed(&mut app, "n");
        assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
        typed(&mut app, "voorzitter telde E.3 twee keer");
        ctrl(&mut app, 'q');
        assert!(app.quit);
        assert_eq!(sess(&app).sheet().notes, "voorzitter telde E.3 twee keer");
    }

    #[test]
    fn a_figure_typed_before_a_list_jump_is_recorded_where_it_was_typed() {
        let mut app = app();
        typed(&mut app, "120");
        typed(&mut app, "l1");
        press(&mut app, KeyCode::Enter);
        let s = sess(&app);
        assert_eq!(s.sheet().pv(PvField::A), Some(120));
        assert_eq!(s.sheet().value(FieldKey::List(1)), None);
        assert_eq!(s.count.edit, None);
        assert_eq!(s.count_row(), Some(Row::Field(FieldKey::List(1))));
    }
}
