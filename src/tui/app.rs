//! The model and the dispatch: everything the TUI knows ([`App`], the open sheet's
//! [`Session`]) and the route of every action to the part that handles it, with no
//! drawing in it. `update(&mut App, Action)` is what the event loop and the tests drive.
//!
//! A key press goes: [`update`] asks the keymap for the command the key means in the
//! live contexts (`App::contexts`), then `dispatch` gives it to the open pop-up
//! (`crate::tui::popups`), else to the commands of every screen (quit, help, undo, the
//! F-keys), else to the screen's own `on_command` (`crate::tui::screens`). Every edit
//! the screens make goes through `App::edit` to [`Session`]'s journal before the next
//! frame is drawn.

use std::path::PathBuf;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::checks::{self, CheckResult, CountView, Severity};
use crate::election::{CountingMethod, PollingStation};
use crate::form::{Applies, Form, Item};
use crate::i18n::{Lang, Text};
use crate::sheet::seal::SealedSheet;
use crate::sheet::{
    Editor, FieldKey, ObservedSession, Observer, Op, PvField, Sheet, SheetHeader, SheetKind,
    TimeOfDay, FORMAT_VERSION,
};
use crate::tui::i18n as s;
use crate::tui::input::{clean_paste, Action};
use crate::tui::keymap::{self, Command, Ctx};
use crate::tui::popups::event::{self, EventDraft};
use crate::tui::popups::{help, prompt};
use crate::tui::screens::compare::{self, CompareState};
use crate::tui::screens::count::{self, count_rows, Cursor};
use crate::tui::screens::events::{self, EventsPanel};
use crate::tui::screens::start::{self, refresh_matches, StartFocus, StartState};
use crate::tui::screens::{candidates, checklist, seal, tally};
use crate::tui::theme::Theme;
use crate::tui::workspace::{RecentEntry, Workspace};

pub use crate::tui::popups::prompt::{published_paths, PromptKind};
pub use crate::tui::screens::count::Row;

/// The screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Count,
    Candidates,
    Tally,
    Events,
    Checklist,
    Seal,
    /// The sheet against the published results.
    Compare,
}

impl Screen {
    pub(crate) fn title(self) -> &'static Text {
        match self {
            Screen::Start => s::SCREEN_START,
            Screen::Count => s::SCREEN_COUNT,
            Screen::Candidates => s::SCREEN_CANDIDATES,
            Screen::Tally => s::SCREEN_TALLY,
            Screen::Events => s::SCREEN_EVENTS,
            Screen::Checklist => s::SCREEN_CHECKLIST,
            Screen::Seal => s::SCREEN_SEAL,
            Screen::Compare => s::SCREEN_COMPARE,
        }
    }
    fn key(self) -> &'static str {
        match self {
            Screen::Start => "start",
            Screen::Count => "count",
            Screen::Candidates => "candidates",
            Screen::Tally => "tally",
            Screen::Events => "events",
            Screen::Checklist => "checklist",
            Screen::Seal => "seal",
            Screen::Compare => "compare",
        }
    }
}

/// A short message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub(crate) text: String,
    pub error: bool,
}

/// Whether the last edit reached the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Every edit is in the journal, synced.
    Saved,
    /// No file: a test or a session whose sheet could not be written.
    Memory,
    /// The last edit could not be saved and was not made (the message says why).
    Failed(Text),
}

/// A pop-up over the screen; while one is open it takes every key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key reference (`popups/help.rs`).
    Help { scroll: u16 },
    /// A one-line question (`popups/prompt.rs`).
    Prompt(prompt::Prompt),
    /// The objection and incident editor (`popups/event.rs`).
    Event(EventDraft),
    /// "Seal now?" (`screens/seal.rs`).
    ConfirmSeal,
}

/// An open sheet.
pub struct Session {
    /// The sheet, its form and its journal: every edit and the seal go through it.
    editor: Editor,
    /// Done edits with the op that undoes each.
    undo: Vec<(Op, Op)>,
    /// Undone edits, to redo.
    redo: Vec<Op>,
    pub checks: Vec<CheckResult>,
    pub save: SaveState,
    pub demo: bool,
    pub form_name: String,
    pub rows: Vec<Row>,
    pub count: Cursor,
    pub cand_list: u32,
    pub cand: Cursor,
    pub tally: usize,
    pub panel: EventsPanel,
    pub moment: usize,
    pub event: usize,
    pub question: usize,
    pub seal_scroll: u16,
    /// The QR codes of the sealed sheet (fingerprint code first, then the sheet).
    pub qr: Option<crate::tui::qr_view::QrView>,
    /// What was recovered or resumed when the sheet was opened.
    pub opened_note: Option<String>,
    last_position: Option<String>,
    /// When the position was last written, and the edit count then (see
    /// [`remember_position`]).
    last_position_write: Option<(std::time::Instant, u64)>,
    /// Edits saved in this session, counting undo and redo.
    pub edits: u64,
    /// The comparison with the published results, once asked for.
    pub compare: Option<CompareState>,
    /// The screen the compare screen was opened from (Esc goes back there).
    pub compare_from: Screen,
    /// The last answer to "which published files?", as typed.
    pub published_answer: Option<String>,
}

impl Session {
    /// A session on the sheet `editor` holds; `form_name` is how the form was found.
    pub fn new(form_name: impl Into<String>, editor: Editor) -> Session {
        let rows = count_rows(editor.form(), editor.sheet());
        let demo = is_demo(&editor.sheet().header.station);
        let cand_list = editor
            .form()
            .election
            .lists
            .first()
            .map(|l| l.number)
            .unwrap_or(1);
        let qr = editor
            .sealed()
            .as_ref()
            .map(crate::tui::qr_view::QrView::new);
        let mut session = Session {
            editor,
            undo: Vec::new(),
            redo: Vec::new(),
            checks: Vec::new(),
            save: SaveState::Saved,
            demo,
            form_name: form_name.into(),
            rows,
            count: Cursor::default(),
            cand_list,
            cand: Cursor::default(),
            tally: 0,
            panel: EventsPanel::Moments,
            moment: 0,
            event: 0,
            question: 0,
            seal_scroll: 0,
            qr,
            opened_note: None,
            last_position: None,
            last_position_write: None,
            edits: 0,
            compare: None,
            compare_from: Screen::Count,
            published_answer: None,
        };
        if session.editor.path().is_none() {
            session.save = SaveState::Memory;
        }
        session.count.index = session.rows.iter().position(|r| r.focusable()).unwrap_or(0);
        session.refresh_checks();
        session
    }

    pub fn store_path(&self) -> Option<PathBuf> {
        self.editor.path().map(|p| p.to_path_buf())
    }

    /// The sheet as its journal replays (the editor's; the session keeps no copy).
    pub fn sheet(&self) -> &Sheet {
        self.editor.sheet()
    }

    pub fn form(&self) -> &Form {
        self.editor.form()
    }

    /// The sealed sheet, once sealed.
    pub fn sealed(&self) -> Option<SealedSheet> {
        self.editor.sealed()
    }

    /// Runs the checks again; called after every edit.
    pub fn refresh_checks(&mut self) {
        self.checks = checks::run(&CountView::from_sheet(self.sheet()).with_form(self.form()));
    }

    pub fn errors(&self) -> usize {
        self.checks
            .iter()
            .filter(|c| c.severity == Severity::Error)
            .count()
    }

    pub fn is_sealed(&self) -> bool {
        self.editor.is_sealed()
    }

    /// Saves and applies one edit; returns why not (in both languages, for the app to
    /// show in its own) when it does not fit the form or could not be saved, in which
    /// case nothing changed.
    fn commit(&mut self, op: Op) -> Result<(), Text> {
        if self.is_sealed() {
            return Err(text(s::READ_ONLY));
        }
        let inverse = self.editor.commit(op.clone()).map_err(|e| {
            if e.is_write_failure() {
                self.save = SaveState::Failed(e.text());
            }
            e.text()
        })?;
        self.edits += 1;
        if self.editor.path().is_some() {
            self.save = SaveState::Saved;
        }
        if let Some(inv) = inverse {
            self.undo.push((op, inv));
        }
        self.refresh_checks();
        Ok(())
    }

    fn edit(&mut self, op: Op) -> Result<(), Text> {
        self.commit(op)?;
        self.redo.clear();
        Ok(())
    }

    fn undo(&mut self) -> Result<Option<Op>, Text> {
        let Some((op, inv)) = self.undo.pop() else {
            return Ok(None);
        };
        if let Err(e) = self.commit(inv.clone()) {
            self.undo.push((op, inv));
            return Err(e);
        }
        // `commit` recorded the inverse as an undoable edit; undo is not itself undone
        // by undo (that is redo's job), so drop that record.
        self.undo.pop();
        self.redo.push(op);
        Ok(Some(inv))
    }

    fn redo(&mut self) -> Result<Option<Op>, Text> {
        let Some(op) = self.redo.pop() else {
            return Ok(None);
        };
        if let Err(e) = self.commit(op.clone()) {
            self.redo.push(op);
            return Err(e);
        }
        Ok(Some(op))
    }

    /// The field under the count cursor.
    pub fn count_row(&self) -> Option<Row> {
        self.rows.get(self.count.index).copied()
    }

    /// The rows of the candidate screen for the chosen list: candidates, then the
    /// list's total on its candidate page.
    pub fn cand_rows(&self) -> Vec<FieldKey> {
        let list = self.cand_list;
        let mut rows: Vec<FieldKey> = match self.form().list(list) {
            Some(l) => l
                .candidates
                .iter()
                .map(|c| FieldKey::Candidate {
                    list,
                    candidate: c.number,
                })
                .collect(),
            None => Vec::new(),
        };
        if self.sheet().header.station.counting == CountingMethod::Cso {
            rows.clear();
        }
        rows.push(FieldKey::ListPage(list));
        rows
    }

    /// The piles of the tally screen: each list, blank, invalid.
    pub fn tally_fields(&self) -> Vec<FieldKey> {
        let mut out: Vec<FieldKey> = self
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Field(f @ FieldKey::List(_)) => Some(*f),
                _ => None,
            })
            .collect();
        out.push(FieldKey::Pv(PvField::F));
        out.push(FieldKey::Pv(PvField::G));
        out
    }

    pub fn tally_field(&self) -> FieldKey {
        let fields = self.tally_fields();
        fields[self.tally.min(fields.len() - 1)]
    }

    /// The moments of the form.
    pub fn moments(&self) -> &[Item] {
        &self.form().category.moments
    }

    /// The checklist questions that apply to this station and session.
    pub fn questions(&self) -> Vec<&crate::form::Question> {
        let dso = self.sheet().header.station.counting == CountingMethod::Dso;
        let review = self.sheet().header.session == ObservedSession::MunicipalReview;
        self.form()
            .category
            .checklist
            .iter()
            .filter(|q| match q.applies {
                Applies::Always => true,
                Applies::DsoOnly => dso,
                Applies::MunicipalReview => review,
            })
            .collect()
    }

    /// Where the cursor is, as remembered in the recent list: `count:E.3`.
    pub fn position(&self, screen: Screen) -> String {
        // The comparison is not part of the sheet: a restart resumes where it was
        // opened from.
        if screen == Screen::Compare && self.compare_from != Screen::Compare {
            return self.position(self.compare_from);
        }
        let key = match screen {
            Screen::Count => match self.count_row() {
                Some(Row::Field(f)) => Some(f.to_string()),
                Some(Row::DhTick) => Some("dh".to_string()),
                Some(Row::Explained) => Some("explained".to_string()),
                _ => None,
            },
            Screen::Candidates => self.cand_rows().get(self.cand.index).map(|f| f.to_string()),
            Screen::Tally => Some(self.tally_field().to_string()),
            Screen::Checklist => self.questions().get(self.question).map(|q| q.id.clone()),
            _ => None,
        };
        match key {
            Some(k) => format!("{}:{k}", screen.key()),
            None => screen.key().to_string(),
        }
    }

    /// Where the cursor is, for a person: "Telling, E.7 CDA".
    pub fn position_text(&self, screen: Screen, lang: Lang) -> String {
        use crate::tui::screens::count::field_label;
        let title = screen.title().get(lang);
        let field = |f: FieldKey| format!("{title}, {f} {}", field_label(self, f, lang));
        match screen {
            Screen::Count => match self.count_row() {
                Some(Row::Field(f)) => field(f),
                Some(Row::DhTick) => format!("{title}, {}", s::DH_TICK.get(lang)),
                Some(Row::Explained) => format!("{title}, {}", s::EXPLAINED.get(lang)),
                _ => title.to_string(),
            },
            Screen::Candidates => match self.cand_rows().get(self.cand.index) {
                Some(f) => field(*f),
                None => title.to_string(),
            },
            Screen::Tally => field(self.tally_field()),
            Screen::Checklist => {
                format!("{title}, {} {}", s::QUESTION.get(lang), self.question + 1)
            }
            _ => title.to_string(),
        }
    }

    /// Puts the cursor back where `position` says; returns the screen.
    pub fn restore_position(&mut self, position: &str) -> Screen {
        let (screen, key) = position.split_once(':').unwrap_or((position, ""));
        match screen {
            "count" => {
                let target = match key {
                    "dh" => Some(Row::DhTick),
                    "explained" => Some(Row::Explained),
                    k => k.parse::<FieldKey>().ok().map(Row::Field),
                };
                if let Some(i) = target.and_then(|t| self.rows.iter().position(|r| *r == t)) {
                    self.count.index = i;
                }
                Screen::Count
            }
            "candidates" => {
                if let Ok(f) = key.parse::<FieldKey>() {
                    let list = match f {
                        FieldKey::Candidate { list, .. } | FieldKey::ListPage(list) => list,
                        _ => self.cand_list,
                    };
                    self.cand_list = list;
                    self.cand.index = self.cand_rows().iter().position(|r| *r == f).unwrap_or(0);
                }
                Screen::Candidates
            }
            "tally" => {
                if let Ok(f) = key.parse::<FieldKey>() {
                    self.tally = self
                        .tally_fields()
                        .iter()
                        .position(|r| *r == f)
                        .unwrap_or(0);
                }
                Screen::Tally
            }
            "checklist" => {
                self.question = self
                    .questions()
                    .iter()
                    .position(|q| q.id == key)
                    .unwrap_or(0);
                Screen::Checklist
            }
            "events" => Screen::Events,
            "seal" => Screen::Seal,
            _ => Screen::Count,
        }
    }
}

/// A piece of UI text as a [`Text`].
fn text(t: &Text) -> Text {
    t.clone()
}

/// What a reopened sheet holds, in words: "Teruggelezen: 4 getallen, 2 momenten, …".
fn read_back(sheet: &Sheet, lang: Lang) -> String {
    let figures = sheet.observed_fields().len();
    let parts = [
        (figures, s::N_FIGURES),
        (sheet.moments.len(), s::N_MOMENTS),
        (sheet.events.len(), s::N_EVENTS),
        (
            sheet
                .checklist
                .values()
                .filter(|a| a.answer.is_some())
                .count(),
            s::N_ANSWERS,
        ),
    ];
    let listed: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, t)| format!("{n} {}", t.get(lang)))
        .collect();
    if listed.is_empty() {
        s::READ_BACK_EMPTY.get(lang).to_string()
    } else {
        format!("{}: {}", s::READ_BACK.get(lang), listed.join(", "))
    }
}

pub(crate) fn is_demo(station: &PollingStation) -> bool {
    station.id.municipality == "DEMO"
}

/// The whole state of the TUI.
pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    pub(crate) now: TimeOfDay,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub session: Option<Session>,
    pub start: StartState,
    pub(crate) workspace: Option<Workspace>,
    pub message: Option<Message>,
    pub quit: bool,
    /// Set by a jump to a list: the new position is written at once.
    pub(crate) jumped: bool,
    /// When a pop-up was last closed with Esc (see [`ESC_GUARD`]).
    pub(crate) esc_closed: Option<Instant>,
}

/// How long after Esc closed a pop-up a second Esc is taken as part of the same
/// gesture (a double press to be sure, a key repeat) and does not also leave the
/// screen underneath.
pub const ESC_GUARD: std::time::Duration = std::time::Duration::from_millis(500);

impl App {
    /// The start screen, with the forms that are built in (`form` first if given).
    pub fn new(lang: Lang, workspace: Option<Workspace>, form: Option<&str>) -> App {
        let start = StartState::new(workspace.as_ref(), form);
        App {
            lang,
            theme: Theme::from_env(),
            now: TimeOfDay::new(21, 0).expect("valid"),
            screen: Screen::Start,
            overlay: None,
            session: None,
            start,
            workspace,
            message: None,
            quit: false,
            jumped: false,
            esc_closed: None,
        }
    }

    /// An app with `session` open on the count screen.
    pub fn with_session(lang: Lang, session: Session) -> App {
        let mut app = App::new(lang, None, None);
        app.session = Some(session);
        app.screen = Screen::Count;
        app
    }

    /// The contexts whose keys are live, most specific first.
    pub(crate) fn contexts(&self) -> Vec<Ctx> {
        match &self.overlay {
            Some(Overlay::Help { .. }) => return vec![Ctx::Help],
            Some(Overlay::ConfirmSeal) => return vec![Ctx::ConfirmSeal],
            Some(Overlay::Prompt(p)) if p.kind == PromptKind::Published => return vec![Ctx::Paths],
            Some(Overlay::Prompt(_)) | Some(Overlay::Event(_)) => return vec![Ctx::Text],
            None => {}
        }
        let screen = match self.screen {
            Screen::Start if self.start.eml.is_some() => return vec![Ctx::FormPaths],
            Screen::Start => return vec![Ctx::Start],
            Screen::Count => Ctx::Count,
            Screen::Candidates => Ctx::Candidates,
            Screen::Tally => Ctx::Tally,
            Screen::Events => Ctx::Events,
            Screen::Checklist => Ctx::Checklist,
            Screen::Seal => Ctx::Seal,
            Screen::Compare => Ctx::Compare,
        };
        vec![screen, Ctx::Global]
    }

    /// Whether a command does something now, for the hint bar: a sealed sheet takes no
    /// more edits, QR codes exist only once it is sealed, and on the events screen
    /// stamping works on the moments panel only.
    pub(crate) fn offers(&self, cmd: Command) -> bool {
        if matches!(cmd, Command::CycleNext | Command::CyclePrev) {
            // Only where there is a choice to make.
            return match &self.overlay {
                Some(Overlay::Event(d)) => d.focus == 0,
                Some(_) => false,
                None if self.screen == Screen::Start || self.session.is_none() => {
                    matches!(
                        self.start.focus,
                        StartFocus::Form | StartFocus::Session | StartFocus::Kind
                    )
                }
                None => true,
            };
        }
        let Some(sess) = self.session.as_ref() else {
            return true;
        };
        let sealed = sess.is_sealed();
        match cmd {
            Command::NextQrPart | Command::PrevQrPart | Command::ToggleQrCycle => sealed,
            Command::Seal
            | Command::Digit
            | Command::Erase
            | Command::Clear
            | Command::Undo
            | Command::Redo
            | Command::TallyAdd
            | Command::TallySub
            | Command::TallyClear
            | Command::NewObjection
            | Command::NewIncident
            | Command::EditNotes
            | Command::AnswerYes
            | Command::AnswerNo
            | Command::AnswerUnknown => !sealed,
            // The screen one is on is not a place to go to.
            Command::GoCount => self.screen != Screen::Count,
            Command::GoCandidates => self.screen != Screen::Candidates,
            Command::GoTally => self.screen != Screen::Tally,
            Command::GoEvents => self.screen != Screen::Events,
            Command::GoChecklist => self.screen != Screen::Checklist,
            Command::GoSeal => self.screen != Screen::Seal,
            Command::GoCompare => self.screen != Screen::Compare,
            Command::Stamp | Command::EditTime => {
                !sealed && (self.screen != Screen::Events || sess.panel == EventsPanel::Moments)
            }
            _ => true,
        }
    }

    /// Whether work is going on off the UI thread (published files being read): the
    /// event loop then wakes often to pick up the result.
    pub fn busy(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| matches!(s.compare, Some(CompareState::Loading { .. })))
    }

    /// A message on the status line.
    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    /// An error on the status line.
    pub(crate) fn fail(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Whether the status line shows an error (the last edit was not made).
    pub(crate) fn failed(&self) -> bool {
        self.message.as_ref().is_some_and(|m| m.error)
    }

    /// Saves one edit to the open sheet; an edit that does not fit the form or could
    /// not be saved is said on the status line. Returns whether it was made.
    pub(crate) fn edit(&mut self, op: Op) -> bool {
        match self.try_edit(op) {
            Ok(()) => true,
            Err(e) => {
                self.fail(e);
                false
            }
        }
    }

    /// Saves one edit to the open sheet, or says why not, in the screen's language (for
    /// a pop-up to show beside what was typed).
    pub(crate) fn try_edit(&mut self, op: Op) -> Result<(), String> {
        let lang = self.lang;
        match self.session.as_mut() {
            Some(sess) => sess.edit(op).map_err(|e| e.get(lang).to_string()),
            None => Ok(()),
        }
    }

    /// Records a figure that was typed but not yet confirmed with Enter. Returns false
    /// when it could not be recorded (the journal write failed, or the form refuses
    /// it): the figure then stays in its field, and the caller must not move the
    /// cursor away from that field or quit, or the figure would land on another field
    /// or be lost.
    pub(crate) fn commit_pending(&mut self) -> bool {
        let screen = self.screen;
        let Some(sess) = self.session.as_mut() else {
            return true;
        };
        let (cursor, field) = match screen {
            Screen::Count => {
                let f = match sess.count_row() {
                    Some(Row::Field(f)) => Some(f),
                    _ => None,
                };
                (&mut sess.count, f)
            }
            Screen::Candidates => {
                let f = sess.cand_rows().get(sess.cand.index).copied();
                (&mut sess.cand, f)
            }
            _ => return true,
        };
        let (Some(buf), Some(field)) = (cursor.edit.take(), field) else {
            return true;
        };
        if buf.is_empty() {
            return true;
        }
        let value = buf.parse::<u32>().ok();
        let result = sess.edit(Op::SetCount { field, value });
        if let Err(e) = result {
            // Keep the figure on screen so it can be retried.
            let cursor = if screen == Screen::Count {
                &mut sess.count
            } else {
                &mut sess.cand
            };
            cursor.edit = Some(buf);
            self.fail(e.get(self.lang));
            return false;
        }
        true
    }

    /// Goes to `screen`, recording a figure still being typed first.
    pub(crate) fn go(&mut self, screen: Screen) {
        self.commit_pending();
        if self.session.is_some() {
            self.screen = screen;
        }
    }

    /// Quits, never losing data: a figure still being typed is recorded first. The
    /// sheet is marked closed in the recent list, so the next start offers the start
    /// screen rather than resuming as after a crash.
    pub(crate) fn request_quit(&mut self) {
        if !self.commit_pending() {
            // Quitting now would drop the figure: stay, and say how to leave without it.
            let reason = self.message.take().map(|m| m.text).unwrap_or_default();
            self.fail(format!("{reason} {}", s::NOT_QUIT_UNSAVED.get(self.lang)));
            return;
        }
        self.quit = true;
        write_recent(self);
    }
}

/// Applies one action. This is the whole behaviour of the TUI; drawing is elsewhere.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Tick(now) => {
            app.now = now;
            // The QR codes cycle by themselves for phone apps that scan continuously.
            if let Some(qr) = app.session.as_mut().and_then(|s| s.qr.as_mut()) {
                qr.tick(std::time::Instant::now());
            }
        }
        Action::Resize => {}
        Action::Paste(text) => paste(app, &text),
        Action::Key(key) => {
            let contexts = app.contexts();
            match keymap::lookup(&contexts, &key) {
                Some(cmd) => {
                    if !matches!(cmd, Command::Help) {
                        app.message = app
                            .message
                            .take()
                            .filter(|m| m.error && matches!(cmd, Command::Digit));
                    }
                    dispatch(app, cmd, &key)
                }
                None => {
                    if let Some(c) = typed_char(&key) {
                        type_text(app, c.encode_utf8(&mut [0; 4]));
                    }
                }
            }
        }
    }
    compare::poll(app);
    let force = std::mem::take(&mut app.jumped);
    remember_position(app, force);
}

/// The character a key press types, if any (Shift, AltGr and Option included).
fn typed_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !c.is_control() => {
            let ctrl_only = key.modifiers.contains(KeyModifiers::CONTROL)
                && !key.modifiers.contains(KeyModifiers::ALT);
            (!ctrl_only).then_some(c)
        }
        _ => None,
    }
}

/// Carries out the command of a key press: the open pop-up takes it, else the commands
/// that mean the same on every screen, else the screen's own.
fn dispatch(app: &mut App, cmd: Command, key: &KeyEvent) {
    // Esc is "cancel" in a pop-up and "back" on most screens: one Esc that closes a
    // pop-up must not be followed by a second one (a double press) leaving the screen.
    let esc = key.code == KeyCode::Esc;
    let esc_closed = app.esc_closed.take();
    if let Some(popup) = app.overlay.clone() {
        popup_command(app, popup, cmd);
        if esc && app.overlay.is_none() {
            app.esc_closed = Some(Instant::now());
        }
        return;
    }
    if esc && esc_closed.is_some_and(|t| t.elapsed() < ESC_GUARD) {
        return;
    }
    if !global_command(app, cmd) {
        screen_command(app, cmd, key);
    }
}

/// A command for the open pop-up.
fn popup_command(app: &mut App, popup: Overlay, cmd: Command) {
    match popup {
        Overlay::Help { scroll } => help::on_command(app, scroll, cmd),
        Overlay::Prompt(p) => prompt::on_command(app, p, cmd),
        Overlay::Event(d) => event::on_command(app, d, cmd),
        Overlay::ConfirmSeal => seal::on_confirm_command(app, cmd),
    }
}

/// The commands that mean the same on every screen (`Ctx::Global`, and quitting and
/// help from anywhere); false when `cmd` is the screen's own.
fn global_command(app: &mut App, cmd: Command) -> bool {
    match cmd {
        Command::Quit => app.request_quit(),
        Command::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        // No sheet is open on the start screen: every other key is its own.
        _ if app.screen == Screen::Start => return false,
        Command::Undo => undo_redo(app, true),
        Command::Redo => undo_redo(app, false),
        Command::GoCount => app.go(Screen::Count),
        Command::GoCandidates => candidates::open(app),
        Command::GoTally => tally::open(app),
        Command::GoEvents => app.go(Screen::Events),
        Command::GoChecklist => app.go(Screen::Checklist),
        Command::GoSeal => app.go(Screen::Seal),
        Command::GoCompare => compare::open(app),
        Command::JumpList => prompt::ask_list(app),
        _ => return false,
    }
    true
}

/// A command for the screen on show.
fn screen_command(app: &mut App, cmd: Command, key: &KeyEvent) {
    match app.screen {
        Screen::Start => start::on_command(app, cmd),
        Screen::Count => count::on_command(app, cmd, key),
        Screen::Candidates => candidates::on_command(app, cmd, key),
        Screen::Tally => tally::on_command(app, cmd),
        Screen::Events => events::on_command(app, cmd),
        Screen::Checklist => checklist::on_command(app, cmd),
        Screen::Seal => seal::on_command(app, cmd),
        Screen::Compare => compare::on_command(app, cmd),
    }
}

/// A typed character outside any command: text for the field being typed into.
fn type_text(app: &mut App, text: &str) {
    match app.overlay.as_mut() {
        Some(Overlay::Prompt(p)) => p.type_text(text),
        Some(Overlay::Event(d)) => d.type_text(text),
        Some(_) => {}
        None if app.screen == Screen::Start => start::type_text(app, text),
        None => {}
    }
}

/// Pasted text: typed into the field being edited, and never submitting it (a paste
/// with a newline in it must not act as Enter). Paths pasted one per line into a
/// question for files stay one per line.
fn paste(app: &mut App, text: &str) {
    match app.overlay.as_mut() {
        Some(Overlay::Prompt(p)) if p.kind == PromptKind::Published => p.paste_lines(text),
        Some(Overlay::Prompt(p)) => p.type_text(&clean_paste(text)),
        Some(Overlay::Event(d)) => d.type_text(&clean_paste(text)),
        Some(_) => {}
        None => match app.screen {
            Screen::Start => start::paste(app, text),
            Screen::Count => count::paste(app, &clean_paste(text)),
            Screen::Candidates => candidates::paste(app, &clean_paste(text)),
            _ => {}
        },
    }
}

/// Writes where the cursor is to the recent list, so a restart after a crash resumes
/// there. The write is atomic and synced, which costs milliseconds, so it is not done
/// on every cursor move: it is done at once with an edit (which waits for the disk
/// anyway), on quitting and on a change of screen, and otherwise at most every two
/// seconds, when the clock ticks.
fn remember_position(app: &mut App, force: bool) {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(2);
    let Some(ws) = app.workspace.clone() else {
        return;
    };
    let screen = app.screen;
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let Some(path) = sess.store_path() else {
        return;
    };
    if screen == Screen::Start {
        return;
    }
    let pos = sess.position(screen);
    if sess.last_position.as_deref() == Some(pos.as_str()) {
        return;
    }
    let edited = sess
        .last_position_write
        .is_none_or(|(_, n)| n != sess.edits);
    let due = sess
        .last_position_write
        .is_none_or(|(t, _)| t.elapsed() >= EVERY);
    let screen_changed = sess
        .last_position
        .as_deref()
        .is_none_or(|p| p.split(':').next() != pos.split(':').next());
    if !(force || edited || due || screen_changed) {
        return;
    }
    sess.last_position = Some(pos.clone());
    sess.last_position_write = Some((std::time::Instant::now(), sess.edits));
    let entry = recent_entry(sess, path, Some(pos), !app.quit);
    if let Err(e) = ws.remember(entry) {
        app.fail(e);
    }
}

/// Writes the open sheet's entry in the recent list now, whatever changed: on opening
/// a sheet (marked open), on quitting (marked closed) and when the published files
/// were given.
pub(crate) fn write_recent(app: &mut App) {
    let Some(ws) = app.workspace.clone() else {
        return;
    };
    let screen = app.screen;
    let open = !app.quit;
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let Some(path) = sess.store_path() else {
        return;
    };
    let pos = if screen == Screen::Start {
        sess.last_position.clone()
    } else {
        Some(sess.position(screen))
    };
    sess.last_position = pos.clone();
    sess.last_position_write = Some((std::time::Instant::now(), sess.edits));
    let entry = recent_entry(sess, path, pos, open);
    if let Err(e) = ws.remember(entry) {
        app.fail(e);
    }
}

fn recent_entry(
    sess: &Session,
    path: PathBuf,
    position: Option<String>,
    open: bool,
) -> RecentEntry {
    let h = &sess.sheet().header;
    RecentEntry {
        path,
        form: sess.form_name.clone(),
        election: h.election.id.clone(),
        station: h.station.id.to_string(),
        station_name: h.station.name.clone(),
        last_edit: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        sealed: sess.is_sealed(),
        demo: sess.demo,
        position,
        kind: h.kind,
        published: sess.published_answer.clone(),
        open,
    }
}

/// Undoes or redoes the last edit of the whole sheet, whatever screen it was made on,
/// and puts the count cursor on the field that changed.
fn undo_redo(app: &mut App, undo: bool) {
    app.commit_pending();
    let lang = app.lang;
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let result = if undo { sess.undo() } else { sess.redo() };
    match result {
        Ok(Some(op)) => {
            let what = op.describe();
            let what = what.get(lang);
            // Put the cursor on the field that changed, so the person sees what happened.
            if let Op::SetCount { field, .. } | Op::Tally { field, .. } | Op::ClearTally { field } =
                op
            {
                if let Some(i) = sess.rows.iter().position(|r| *r == Row::Field(field)) {
                    sess.count.index = i;
                }
            }
            let word = if undo { s::UNDONE } else { s::REDONE };
            app.info(format!("{}: {what}", word.get(lang)));
        }
        Ok(None) => {
            let t = if undo {
                s::NOTHING_TO_UNDO
            } else {
                s::NOTHING_TO_REDO
            };
            app.info(t.get(lang));
        }
        Err(e) => app.fail(e.get(app.lang)),
    }
}

// ------------------------------------------------- opening and sealing a sheet
// These build a `Session` on its sheet's `Editor`, or seal through it: the start screen, the
// seal screen and `tui::prepare` call them.

/// Seals the open sheet with `key` (the one whose public half is in its header).
pub fn seal_with(app: &mut App, key: &ed25519_dalek::SigningKey) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    match sess.editor.seal(key) {
        Ok(sealed) => {
            sess.qr = Some(crate::tui::qr_view::QrView::new(&sealed));
            sess.undo.clear();
            sess.redo.clear();
            let path = sess.store_path();
            let entry = path.map(|p| recent_entry(sess, p, Some("seal".into()), true));
            if let (Some(ws), Some(entry)) = (app.workspace.as_ref(), entry) {
                if let Err(e) = ws.remember(entry) {
                    return app.fail(e);
                }
            }
            let done = match app.session.as_ref().map(|s| s.sheet().header.kind) {
                Some(SheetKind::PvTranscription) => s::TRANSCRIPTION_SEALED,
                _ => s::FINGERPRINT_SHARE,
            };
            app.info(done.get(app.lang));
        }
        Err(e) => {
            let e = e.text();
            let message = e.get(app.lang).to_string();
            sess.save = SaveState::Failed(e);
            app.fail(message);
        }
    }
}

/// Opens a sheet from the recent list (or a path given on the command line), resuming
/// where the cursor was and saying what was recovered.
pub(crate) fn open_recent(app: &mut App, entry: &RecentEntry) {
    let lang = app.lang;
    match Workspace::open(&entry.path, Some(&entry.form)) {
        Ok(opened) => {
            let mut sess = Session::new(entry.form.clone(), opened.editor);
            let mut notes = Vec::new();
            if opened.recovery.torn.is_some() {
                notes.push(s::RECOVERED_TORN.get(lang).to_string());
            }
            if let Some(w) = &opened.form_warning {
                notes.push(w.text(lang));
            }
            if !sess.is_sealed() {
                notes.push(read_back(sess.sheet(), lang));
            }
            let screen = match &entry.position {
                Some(pos) => {
                    let screen = sess.restore_position(pos);
                    notes.push(format!(
                        "{} {}",
                        s::RESUMED_AT.get(lang),
                        sess.position_text(screen, lang)
                    ));
                    screen
                }
                None => Screen::Count,
            };
            sess.last_position = entry.position.clone();
            sess.published_answer = entry.published.clone();
            sess.opened_note = (!notes.is_empty()).then(|| notes.join(" · "));
            let note = sess.opened_note.clone();
            app.session = Some(sess);
            app.screen = if app.session.as_ref().is_some_and(|s| s.is_sealed()) {
                Screen::Seal
            } else {
                screen
            };
            if let Some(n) = note {
                let torn = opened.recovery.torn.is_some();
                app.message = Some(Message {
                    text: n,
                    error: torn,
                });
            }
            // Marked open until meetel quits: found so at the next start, it was a crash.
            write_recent(app);
        }
        Err(e) => {
            app.start.error = Some(e.clone());
            app.fail(e);
        }
    }
}

pub(crate) fn begin_new(app: &mut App) {
    let lang = app.lang;
    let st = &mut app.start;
    let Some(form) = st.form.clone() else {
        st.error = st.form_error.clone();
        return;
    };
    let Some(choice) = st.matches.get(st.match_idx).cloned() else {
        st.error = Some(s::STATION_NEEDED.get(lang).to_string());
        st.focus = StartFocus::Station;
        return;
    };
    if st.alias.trim().is_empty() {
        st.error = Some(s::ALIAS_NEEDED.get(lang).to_string());
        st.focus = StartFocus::Alias;
        return;
    }
    let form_name = st
        .forms
        .get(st.form_idx)
        .cloned()
        .unwrap_or_else(|| form.id().to_string());
    let alias = st.alias.trim().to_string();
    let session_kind = st.session;
    let sheet_kind = st.kind;
    let public_key = match app.workspace.as_ref().map(|w| w.key()) {
        Some(Ok(k)) => hex::encode(k.verifying_key().as_bytes()),
        Some(Err(e)) => {
            app.start.error = Some(e);
            return;
        }
        None => "00".repeat(32),
    };
    let header = SheetHeader {
        format: FORMAT_VERSION,
        kind: sheet_kind,
        form_id: form_name.clone(),
        form_sha256: form.sha256(),
        election: form.election.election.clone(),
        station: choice.station.clone(),
        session: session_kind,
        observer: Observer { alias, public_key },
        supersedes: None,
    };
    let editor = match app.workspace.as_ref() {
        Some(ws) => ws.create(form, header),
        None => Editor::in_memory(form, header).map_err(|e| e.to_string()),
    };
    let editor = match editor {
        Ok(editor) => editor,
        Err(e) => {
            app.start.error = Some(e);
            return;
        }
    };
    let sess = Session::new(form_name, editor);
    app.session = Some(sess);
    app.screen = Screen::Count;
    write_recent(app);
    if choice.demo {
        app.info(s::DEMO_NOTICE.get(lang));
    }
    if sheet_kind == SheetKind::PvTranscription {
        app.info(s::TRANSCRIPTION_NOTICE.get(lang));
    }
}

/// At start-up: if the sheet used last is still marked open (meetel did not quit: a
/// crash, a kill, a power cut) and not sealed, opens it at once where the cursor was
/// and says so, with what was read back. Returns whether it did.
pub fn resume_after_crash(app: &mut App) -> bool {
    let Some(ws) = app.workspace.as_ref() else {
        return false;
    };
    let Some(entry) = ws.recent().into_iter().next() else {
        return false;
    };
    if !entry.open || entry.sealed {
        return false;
    }
    open_recent(app, &entry);
    if app.session.is_none() {
        // Could not be opened (moved, unreadable): the start screen says why.
        return false;
    }
    let lang = app.lang;
    let said = app.message.take();
    app.message = Some(Message {
        text: match &said {
            Some(m) => format!("{}. {}", s::UNCLEAN_EXIT.get(lang), m.text),
            None => s::UNCLEAN_EXIT.get(lang).to_string(),
        },
        error: said.is_some_and(|m| m.error),
    });
    true
}

/// Starts a practice sheet on the fictitious demo station at once (`--demo`): what the
/// start screen does with nothing typed in the station search (the demo station comes
/// first then) and `demo` as the alias.
pub(crate) fn begin_demo(app: &mut App) {
    let st = &mut app.start;
    st.query.clear();
    refresh_matches(st);
    st.match_idx = 0;
    st.alias = "demo".to_string();
    begin_new(app);
}

/// Key presses into [`update`] and a new sheet, for the unit tests of the app, the
/// screens and the pop-ups.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    pub(crate) fn press(app: &mut App, code: KeyCode) {
        key_with(app, code, KeyModifiers::NONE);
    }

    pub(crate) fn ctrl(app: &mut App, c: char) {
        key_with(app, KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    fn key_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
        update(
            app,
            Action::Key(KeyEvent {
                code,
                modifiers,
                kind: KeyEventKind::Press,
                state: KeyEventState::NONE,
            }),
        );
    }

    pub(crate) fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    /// Begins a new sheet as a person does on the start screen: the station search
    /// (empty: the demo station), Tab, the alias, Enter.
    pub(crate) fn begin(app: &mut App, station: &str, alias: &str) {
        typed(app, station);
        press(app, KeyCode::Tab);
        typed(app, alias);
        press(app, KeyCode::Enter);
        assert!(app.session.is_some(), "{:?}", app.start.error);
    }

    /// A new sheet on the demo station of the `tk` category form, in memory.
    pub(crate) fn app() -> App {
        let mut app = App::new(Lang::En, None, Some("tk"));
        begin(&mut app, "", "tester");
        app
    }

    pub(crate) fn sess(app: &App) -> &Session {
        app.session.as_ref().unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn undo_and_redo_span_the_whole_sheet() {
        let mut app = app();
        typed(&mut app, "120");
        press(&mut app, KeyCode::Enter);
        typed(&mut app, "5");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('m'));
        press(&mut app, KeyCode::Char(' '));
        assert_eq!(sess(&app).sheet().moments.len(), 1);
        typed(&mut app, "u");
        assert!(sess(&app).sheet().moments.is_empty());
        typed(&mut app, "u");
        assert_eq!(sess(&app).sheet().pv(PvField::B), None);
        assert_eq!(sess(&app).sheet().pv(PvField::A), Some(120));
        typed(&mut app, "r");
        assert_eq!(sess(&app).sheet().pv(PvField::B), Some(5));
        typed(&mut app, "r");
        assert_eq!(sess(&app).sheet().moments.len(), 1);
    }

    #[test]
    fn a_failed_save_keeps_the_figure_and_changes_nothing() {
        let mut app = app();
        with_failing_store(&mut app);
        typed(&mut app, "42");
        press(&mut app, KeyCode::Enter);
        let s = sess(&app);
        assert_eq!(s.sheet().pv(PvField::A), None);
        assert_eq!(s.count.edit.as_deref(), Some("42"));
        assert_eq!(s.count_row(), Some(Row::Field(FieldKey::Pv(PvField::A))));
        assert!(matches!(s.save, SaveState::Failed(_)));
        assert!(app.message.as_ref().unwrap().text.contains("disk full"));
    }

    /// The session of `app` with a store whose every write fails, as on a full disk.
    fn with_failing_store(app: &mut App) {
        let sess = app.session.as_mut().unwrap();
        sess.editor.fail_writes_with("disk full");
    }

    #[test]
    fn a_figure_that_could_not_be_saved_is_not_carried_to_another_field() {
        // The embedded TK2025 form, whose candidates screen has lists to switch between.
        let mut app = App::new(Lang::En, None, None);
        begin(&mut app, "", "tester");
        with_failing_store(&mut app);
        typed(&mut app, "120");
        typed(&mut app, "l");
        assert!(app.overlay.is_none(), "no jump while the figure is unsaved");
        let s = sess(&app);
        assert_eq!(s.count.edit.as_deref(), Some("120"));
        assert_eq!(s.count_row(), Some(Row::Field(FieldKey::Pv(PvField::A))));

        // On the candidates screen, the next list does not take the figure along.
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::F(3));
        assert_eq!(app.screen, Screen::Candidates);
        let (list, index) = (sess(&app).cand_list, sess(&app).cand.index);
        assert!(sess(&app).form().election.lists.len() > 1);
        assert!(!sess(&app).cand_rows().is_empty());
        typed(&mut app, "7");
        press(&mut app, KeyCode::Char(']'));
        let s = sess(&app);
        assert_eq!((s.cand_list, s.cand.index), (list, index));
        assert_eq!(s.cand.edit.as_deref(), Some("7"));
    }

    #[test]
    fn quitting_does_not_drop_a_figure_that_could_not_be_saved() {
        let mut app = app();
        with_failing_store(&mut app);
        typed(&mut app, "42");
        press(&mut app, KeyCode::Char('q'));
        assert!(!app.quit, "the figure would be lost");
        assert_eq!(sess(&app).count.edit.as_deref(), Some("42"));
        let m = app.message.clone().unwrap();
        assert!(m.error && m.text.contains("disk full"), "{}", m.text);
        assert!(m.text.contains("Not quit"), "{}", m.text);
        // Esc drops the figure; then quitting works.
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('q'));
        assert!(app.quit);
    }

    #[test]
    fn a_paste_never_submits() {
        let mut app = app();
        update(&mut app, Action::Paste("12\n".into()));
        assert_eq!(sess(&app).count.edit.as_deref(), Some("12"));
        assert_eq!(sess(&app).sheet().pv(PvField::A), None);
    }

    #[test]
    fn an_edit_the_form_refuses_is_explained_in_the_screen_language() {
        for (lang, expect) in [
            (Lang::Nl, "lijst 99 bestaat niet bij deze verkiezing"),
            (Lang::En, "there is no list 99 at this election"),
        ] {
            // The embedded default form, with the real lists of TK2025.
            let mut app = App::new(lang, None, None);
            begin(&mut app, "", "tester");
            let op = Op::SetCount {
                field: FieldKey::List(99),
                value: Some(1),
            };
            assert!(!app.edit(op));
            let m = app.message.clone().unwrap();
            assert!(m.error && m.text.starts_with(expect), "{}", m.text);
            assert_eq!(sess(&app).sheet().value(FieldKey::List(99)), None);
        }
    }
}
