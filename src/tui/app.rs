//! The model and its update: everything the TUI knows and every change a key makes,
//! with no drawing in it. `update(&mut App, Action)` is what the tests drive.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::checks::{self, CheckResult, CountView, Severity};
use crate::election::{CountingMethod, PollingStation, StationId};
use crate::form::{Applies, Form, Item};
use crate::i18n::{Lang, Text};
use crate::sheet::seal::SealedSheet;
use crate::sheet::{
    Answer, DhTick, Editor, Event, EventKind, Explained, Explanation, FieldKey, ObservedSession,
    Observer, Op, PvField, Sheet, SheetHeader, SheetKind, TimeOfDay, FORMAT_VERSION,
};
use crate::tui::compare_view::{read_published, CompareView, PublishedInput, Scroll};
use crate::tui::i18n as s;
use crate::tui::input::{clean_paste, Action};
use crate::tui::keymap::{self, Command, Ctx};
use crate::tui::theme::Theme;
use crate::tui::workspace::{RecentEntry, Workspace};

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
    pub fn title(self) -> &'static Text {
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

/// A line of the count screen, in the order of the N 10-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Section(&'static Text),
    Field(FieldKey),
    DhTick,
    Explained,
}

impl Row {
    pub fn focusable(self) -> bool {
        !matches!(self, Row::Section(_))
    }
}

/// A short message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
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

/// Which panel of the events screen has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventsPanel {
    Moments,
    Events,
    Notes,
}

/// A one-line text prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    pub error: Option<String>,
}

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

/// An objection or incident being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    pub id: u32,
    pub kind: EventKind,
    pub category: usize,
    pub time: String,
    pub text: String,
    pub response: String,
    /// 0 category, 1 time, 2 text, 3 response (objections only).
    pub focus: usize,
    pub error: Option<String>,
}

impl EventDraft {
    pub fn fields(&self) -> usize {
        if self.kind == EventKind::Objection {
            4
        } else {
            3
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: u16 },
    Prompt(Prompt),
    Event(EventDraft),
    ConfirmSeal,
}

/// The fields of the start screen's "new sheet" form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartFocus {
    Recent(usize),
    Form,
    Station,
    Alias,
    Session,
    /// An observation, or a transcription of the published PV.
    Kind,
    Begin,
}

/// A station the start screen offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StationChoice {
    pub station: PollingStation,
    pub demo: bool,
    /// Typed by hand (not in the form's list).
    pub typed: bool,
}

/// The answer being typed to "which EML files?" on the start screen: paths, one or
/// more a line, as for the compare screen (see [`published_paths`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmlPrompt {
    pub input: String,
    pub error: Option<String>,
}

pub struct StartState {
    pub recent: Vec<RecentEntry>,
    pub focus: StartFocus,
    /// The forms offered: built-in names, then paths of files in `forms/` folders.
    pub forms: Vec<String>,
    /// How each of `forms` is named on the screen: a built-in form by its name, a file
    /// by its election's name.
    pub form_labels: Vec<String>,
    pub form_idx: usize,
    pub form: Option<Form>,
    /// The question which EML files to make a form from, while it is open.
    pub eml: Option<EmlPrompt>,
    pub form_error: Option<String>,
    pub query: String,
    pub matches: Vec<StationChoice>,
    pub match_idx: usize,
    pub alias: String,
    pub session: ObservedSession,
    /// What the new sheet records: what the observer saw, or the published PV typed
    /// over (for when only its PDF is out).
    pub kind: SheetKind,
    pub error: Option<String>,
}

/// The cursor over a list of rows, with the figure being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub index: usize,
    pub edit: Option<String>,
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

/// The rows of the count screen for a form: 2.1 A–D, 2.2 E.1…E.n, E, F, G, H, 2.3.
pub fn count_rows(form: &Form, sheet: &Sheet) -> Vec<Row> {
    let mut rows = vec![Row::Section(s::SEC_ADMITTED)];
    for f in [PvField::A, PvField::B, PvField::C, PvField::D] {
        if form.has_field(f) {
            rows.push(Row::Field(FieldKey::Pv(f)));
        }
    }
    rows.push(Row::Section(s::SEC_VOTES));
    let mut lists: Vec<u32> = form.election.lists.iter().map(|l| l.number).collect();
    if lists.is_empty() {
        // A form without lists: the lists the sheet already has figures for.
        lists = sheet
            .observed_fields()
            .into_iter()
            .filter_map(|f| match f {
                FieldKey::List(n) => Some(n),
                _ => None,
            })
            .collect();
    }
    rows.extend(lists.into_iter().map(|n| Row::Field(FieldKey::List(n))));
    for f in [PvField::E, PvField::F, PvField::G, PvField::H] {
        rows.push(Row::Field(FieldKey::Pv(f)));
    }
    rows.push(Row::Section(s::SEC_DIFFERENCE));
    rows.push(Row::DhTick);
    for f in [PvField::I, PvField::J] {
        if form.has_field(f) {
            rows.push(Row::Field(FieldKey::Pv(f)));
        }
    }
    rows.push(Row::Explained);
    rows.push(Row::Section(s::EXPLANATIONS));
    rows.extend(
        Explanation::ALL
            .into_iter()
            .map(|x| Row::Field(FieldKey::Explanation(x))),
    );
    rows
}

/// The fictitious station the default start offers: never presented as real figures.
pub fn demo_station() -> PollingStation {
    PollingStation {
        id: StationId::new("DEMO", 1),
        municipality_name: "Demo (fictief / fictitious)".to_string(),
        name: s::DEMO_LABEL.nl.to_string(),
        postcode: String::new(),
        counting: CountingMethod::Dso,
    }
}

pub fn is_demo(station: &PollingStation) -> bool {
    station.id.municipality == "DEMO"
}

/// The whole state of the TUI.
pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    pub now: TimeOfDay,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub session: Option<Session>,
    pub start: StartState,
    pub workspace: Option<Workspace>,
    pub message: Option<Message>,
    pub quit: bool,
    /// Set by a jump to a list: the new position is written at once.
    jumped: bool,
    /// When a pop-up was last closed with Esc (see [`ESC_GUARD`]).
    esc_closed: Option<Instant>,
}

/// How long after Esc closed a pop-up a second Esc is taken as part of the same
/// gesture (a double press to be sure, a key repeat) and does not also leave the
/// screen underneath.
pub const ESC_GUARD: std::time::Duration = std::time::Duration::from_millis(500);

impl App {
    /// The start screen, with the forms that are built in (`form` first if given).
    pub fn new(lang: Lang, workspace: Option<Workspace>, form: Option<&str>) -> App {
        let mut forms: Vec<String> = Form::embedded_names()
            .into_iter()
            .map(String::from)
            .collect();
        if let Some(f) = form {
            forms.retain(|n| n != f);
            forms.insert(0, f.to_string());
        } else if let Some(i) = forms.iter().position(|n| n == crate::form::DEFAULT_FORM) {
            let d = forms.remove(i);
            forms.insert(0, d);
        }
        let mut form_labels = forms.clone();
        // Then the form files in `./forms` and `<home>/forms`, by path.
        let mut dirs = vec![PathBuf::from(crate::tui::workspace::FORMS_DIR)];
        dirs.extend(workspace.as_ref().map(|w| w.forms_dir()));
        for path in crate::tui::workspace::form_files(&dirs) {
            let key = path.display().to_string();
            if !forms.contains(&key) {
                form_labels.push(crate::tui::workspace::form_label(&path));
                forms.push(key);
            }
        }
        let recent = workspace.as_ref().map(|w| w.recent()).unwrap_or_default();
        let mut start = StartState {
            focus: if recent.is_empty() {
                StartFocus::Station
            } else {
                StartFocus::Recent(0)
            },
            recent,
            forms,
            form_labels,
            form_idx: 0,
            form: None,
            eml: None,
            form_error: None,
            query: String::new(),
            matches: Vec::new(),
            match_idx: 0,
            alias: String::new(),
            session: ObservedSession::StationCount,
            kind: SheetKind::Observation,
            error: None,
        };
        load_start_form(&mut start);
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
    pub fn contexts(&self) -> Vec<Ctx> {
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
    pub fn offers(&self, cmd: Command) -> bool {
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

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
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
        Action::Paste(text) => match &mut app.overlay {
            // Paths pasted one per line stay one per line.
            Some(Overlay::Prompt(p)) if p.kind == PromptKind::Published => {
                let lines: Vec<String> = text.lines().map(clean_paste).collect();
                p.input.push_str(&lines.join("\n"));
                p.error = None;
            }
            None if app.screen == Screen::Start && app.start.eml.is_some() => {
                if let Some(e) = app.start.eml.as_mut() {
                    let lines: Vec<String> = text.lines().map(clean_paste).collect();
                    e.input.push_str(&lines.join("\n"));
                    e.error = None;
                }
            }
            _ => paste(app, &clean_paste(&text)),
        },
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
                    command(app, cmd, &key)
                }
                None => {
                    if let Some(c) = typed_char(&key) {
                        type_char(app, c);
                    }
                }
            }
        }
    }
    poll_compare(app);
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
fn write_recent(app: &mut App) {
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

fn command(app: &mut App, cmd: Command, key: &KeyEvent) {
    // Esc is "cancel" in a pop-up and "back" on most screens: one Esc that closes a
    // pop-up must not be followed by a second one (a double press) leaving the screen.
    let esc = key.code == KeyCode::Esc;
    let esc_closed = app.esc_closed.take();
    if app.overlay.is_some() {
        overlay_command(app, cmd, key);
        if esc && app.overlay.is_none() {
            app.esc_closed = Some(Instant::now());
        }
        return;
    }
    if esc && esc_closed.is_some_and(|t| t.elapsed() < ESC_GUARD) {
        return;
    }
    overlay_command(app, cmd, key);
}

fn overlay_command(app: &mut App, cmd: Command, key: &KeyEvent) {
    // Overlays first.
    match app.overlay.clone() {
        Some(Overlay::Help { scroll }) => {
            app.overlay = match cmd {
                Command::Cancel => None,
                Command::Up => Some(Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                Command::Down => Some(Overlay::Help { scroll: scroll + 1 }),
                Command::PageUp => Some(Overlay::Help {
                    scroll: scroll.saturating_sub(10),
                }),
                Command::PageDown => Some(Overlay::Help {
                    scroll: scroll + 10,
                }),
                _ => Some(Overlay::Help { scroll }),
            };
            return;
        }
        Some(Overlay::ConfirmSeal) => {
            app.overlay = None;
            if cmd == Command::ConfirmSeal {
                do_seal(app);
            }
            return;
        }
        Some(Overlay::Prompt(p)) => return prompt_command(app, p, cmd),
        Some(Overlay::Event(d)) => return event_command(app, d, cmd),
        None => {}
    }
    match cmd {
        Command::Quit => return quit(app),
        Command::Help => {
            app.overlay = Some(Overlay::Help { scroll: 0 });
            return;
        }
        _ => {}
    }
    if app.screen == Screen::Start {
        return start_command(app, cmd);
    }
    match cmd {
        Command::Undo => return undo_redo(app, true),
        Command::Redo => return undo_redo(app, false),
        Command::GoCount => return go(app, Screen::Count),
        Command::GoCandidates => {
            if let Some(sess) = app.session.as_mut() {
                if let Some(Row::Field(FieldKey::List(n))) = sess.count_row() {
                    // A candidate's figure still waiting to be saved stays with its
                    // candidate: the list is not switched under it.
                    if sess.cand_list != n && sess.cand.edit.is_none() {
                        sess.cand_list = n;
                        sess.cand.index = 0;
                    }
                }
            }
            return go(app, Screen::Candidates);
        }
        Command::GoTally => {
            if let Some(sess) = app.session.as_mut() {
                if let Some(Row::Field(f)) = sess.count_row() {
                    if let Some(i) = sess.tally_fields().iter().position(|x| *x == f) {
                        sess.tally = i;
                    }
                }
            }
            return go(app, Screen::Tally);
        }
        Command::GoEvents => return go(app, Screen::Events),
        Command::GoChecklist => return go(app, Screen::Checklist),
        Command::GoSeal => return go(app, Screen::Seal),
        Command::GoCompare => return go_compare(app),
        Command::JumpList => {
            // The jump moves the cursor: a figure typed here is recorded here first.
            if !commit_pending(app) {
                return;
            }
            app.overlay = Some(Overlay::Prompt(Prompt {
                kind: PromptKind::JumpList,
                input: String::new(),
                error: None,
            }));
            return;
        }
        _ => {}
    }
    match app.screen {
        Screen::Count => count_command(app, cmd, key),
        Screen::Candidates => cand_command(app, cmd, key),
        Screen::Tally => tally_command(app, cmd),
        Screen::Events => events_command(app, cmd),
        Screen::Checklist => checklist_command(app, cmd),
        Screen::Seal => seal_command(app, cmd),
        Screen::Compare => compare_command(app, cmd),
        Screen::Start => {}
    }
}

fn go(app: &mut App, screen: Screen) {
    commit_pending(app);
    if app.session.is_some() {
        app.screen = screen;
    }
}

/// Quitting never loses data: a figure still being typed is recorded first. The
/// sheet is marked closed in the recent list, so the next start offers the start
/// screen rather than resuming as after a crash.
fn quit(app: &mut App) {
    if !commit_pending(app) {
        // Quitting now would drop the figure: stay, and say how to leave without it.
        let reason = app.message.take().map(|m| m.text).unwrap_or_default();
        app.fail(format!("{reason} {}", s::NOT_QUIT_UNSAVED.get(app.lang)));
        return;
    }
    app.quit = true;
    write_recent(app);
}

/// Records a figure that was typed but not yet confirmed with Enter. Returns false when
/// it could not be recorded (the journal write failed, or the form refuses it): the
/// figure then stays in its field, and the caller must not move the cursor away from
/// that field or quit, or the figure would land on another field or be lost.
fn commit_pending(app: &mut App) -> bool {
    let screen = app.screen;
    let Some(sess) = app.session.as_mut() else {
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
        app.fail(e.get(app.lang));
        return false;
    }
    true
}

fn undo_redo(app: &mut App, undo: bool) {
    commit_pending(app);
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

fn edit(app: &mut App, op: Op) -> bool {
    let Some(sess) = app.session.as_mut() else {
        return false;
    };
    match sess.edit(op) {
        Ok(()) => true,
        Err(e) => {
            app.fail(e.get(app.lang));
            false
        }
    }
}

/// Moves a cursor over rows to the next focusable one in `dir` (±1), staying put at the ends.
fn step(rows: &[Row], index: usize, dir: isize, times: usize) -> usize {
    let mut i = index;
    for _ in 0..times {
        let mut j = i as isize;
        loop {
            j += dir;
            if j < 0 || j as usize >= rows.len() {
                return i;
            }
            if rows[j as usize].focusable() {
                i = j as usize;
                break;
            }
        }
    }
    i
}

fn count_command(app: &mut App, cmd: Command, key: &KeyEvent) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let row = sess.count_row();
    match cmd {
        Command::Digit => {
            if sess.is_sealed() {
                return app.fail(s::READ_ONLY.get(app.lang));
            }
            if let (Some(Row::Field(_)), KeyCode::Char(c)) = (row, key.code) {
                push_digit(&mut sess.count, c);
            }
        }
        Command::Erase => {
            if let Some(Row::Field(field)) = row {
                let value = sess.sheet().value(field);
                erase_digit(&mut sess.count, value);
            }
        }
        Command::Clear => {
            sess.count.edit = None;
            clear_count_row(app);
        }
        Command::Cancel => sess.count.edit = None,
        Command::Confirm => {
            commit_pending(app);
            if !app.message.as_ref().is_some_and(|m| m.error) {
                move_count(app, 1, 1);
            }
        }
        Command::Down => move_count(app, 1, 1),
        Command::Up => move_count(app, -1, 1),
        Command::PageDown => move_count(app, 1, 10),
        Command::PageUp => move_count(app, -1, 10),
        Command::First => move_count(app, -1, usize::MAX / 2),
        Command::Last => move_count(app, 1, usize::MAX / 2),
        Command::CycleNext | Command::CyclePrev => {
            let fwd = cmd == Command::CycleNext;
            let op = match row {
                Some(Row::DhTick) => Op::SetDhTick(cycle(&DhTick::ALL, sess.sheet().dh_tick, fwd)),
                Some(Row::Explained) => {
                    Op::SetExplained(cycle(&Explained::ALL, sess.sheet().explained, fwd))
                }
                _ => return,
            };
            edit(app, op);
        }
        _ => {}
    }
}

/// Backspace takes off the last digit, as in any text field. On a recorded figure it
/// starts editing that figure without its last digit: nothing is recorded until Enter,
/// and Esc brings the figure back. (Emptying a field is Delete's job: one stray
/// Backspace must not wipe a figure typed an hour ago.)
fn erase_digit(cursor: &mut Cursor, recorded: Option<u32>) {
    match cursor.edit.as_mut() {
        Some(buf) => {
            buf.pop();
        }
        None => {
            if let Some(v) = recorded {
                let mut buf = v.to_string();
                buf.pop();
                cursor.edit = Some(buf);
            }
        }
    }
}

fn push_digit(cursor: &mut Cursor, c: char) {
    let buf = cursor.edit.get_or_insert_with(String::new);
    // Seven digits is far above any station's count and keeps the figure in a u32.
    if buf.len() < 7 {
        if buf == "0" {
            buf.clear();
        }
        buf.push(c);
    }
}

/// Cycles through `all` and "not recorded": None → first → … → last → None.
fn cycle<V: Copy + PartialEq>(all: &[V], now: Option<V>, forward: bool) -> Option<V> {
    let n = all.len() as isize;
    let pos = now
        .and_then(|v| all.iter().position(|x| *x == v))
        .map(|p| p as isize)
        .unwrap_or(-1);
    let next = if forward {
        pos + 1
    } else if pos == -1 {
        n - 1
    } else {
        pos - 1
    };
    if next < 0 || next >= n {
        None
    } else {
        Some(all[next as usize])
    }
}

fn clear_count_row(app: &mut App) {
    let Some(sess) = app.session.as_ref() else {
        return;
    };
    let op = match sess.count_row() {
        Some(Row::Field(field)) if sess.sheet().counts.contains_key(&field) => {
            Op::SetCount { field, value: None }
        }
        Some(Row::DhTick) if sess.sheet().dh_tick.is_some() => Op::SetDhTick(None),
        Some(Row::Explained) if sess.sheet().explained.is_some() => Op::SetExplained(None),
        _ => return,
    };
    edit(app, op);
}

fn move_count(app: &mut App, dir: isize, times: usize) {
    commit_pending(app);
    if app.message.as_ref().is_some_and(|m| m.error)
        && app.session.as_ref().is_some_and(|s| s.count.edit.is_some())
    {
        return;
    }
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    sess.count.index = step(&sess.rows, sess.count.index, dir, times);
}

fn cand_command(app: &mut App, cmd: Command, key: &KeyEvent) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let rows = sess.cand_rows();
    let n = rows.len();
    match cmd {
        Command::Digit => {
            if sess.is_sealed() {
                return app.fail(s::READ_ONLY.get(app.lang));
            }
            if let KeyCode::Char(c) = key.code {
                push_digit(&mut sess.cand, c);
            }
        }
        Command::Erase => {
            if let Some(&field) = rows.get(sess.cand.index) {
                let value = sess.sheet().value(field);
                erase_digit(&mut sess.cand, value);
            }
        }
        Command::Clear => {
            sess.cand.edit = None;
            if let Some(&field) = rows.get(sess.cand.index) {
                if sess.sheet().counts.contains_key(&field) {
                    edit(app, Op::SetCount { field, value: None });
                }
            }
        }
        Command::Cancel if sess.cand.edit.take().is_none() => go(app, Screen::Count),
        Command::Confirm
        | Command::Down
        | Command::Up
        | Command::PageDown
        | Command::PageUp
        | Command::First
        | Command::Last => {
            commit_pending(app);
            if app.message.as_ref().is_some_and(|m| m.error) {
                return;
            }
            let Some(sess) = app.session.as_mut() else {
                return;
            };
            let i = sess.cand.index;
            sess.cand.index = match cmd {
                Command::Confirm | Command::Down => (i + 1).min(n - 1),
                Command::Up => i.saturating_sub(1),
                Command::PageDown => (i + 10).min(n - 1),
                Command::PageUp => i.saturating_sub(10),
                Command::First => 0,
                _ => n - 1,
            };
        }
        Command::PrevList | Command::NextList => {
            if !commit_pending(app) {
                return;
            }
            let Some(sess) = app.session.as_mut() else {
                return;
            };
            let lists: Vec<u32> = sess
                .form()
                .election
                .lists
                .iter()
                .map(|l| l.number)
                .collect();
            if let Some(p) = lists.iter().position(|&l| l == sess.cand_list) {
                let next = if cmd == Command::NextList {
                    (p + 1).min(lists.len() - 1)
                } else {
                    p.saturating_sub(1)
                };
                if lists[next] != sess.cand_list {
                    sess.cand_list = lists[next];
                    sess.cand.index = 0;
                }
            }
        }
        _ => {}
    }
}

fn tally_command(app: &mut App, cmd: Command) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let n = sess.tally_fields().len();
    let field = sess.tally_field();
    match cmd {
        Command::TallyAdd => {
            edit(app, Op::Tally { field, delta: 1 });
        }
        // Taking back from an empty pile would do nothing; it is not an edit.
        Command::TallySub if sess.sheet().tallies.get(&field).copied().unwrap_or(0) > 0 => {
            edit(app, Op::Tally { field, delta: -1 });
        }
        Command::TallyClear if sess.sheet().tallies.contains_key(&field) => {
            let cleared = edit(app, Op::ClearTally { field });
            if cleared {
                app.info(s::TALLY_CLEARED.get(app.lang));
            }
        }
        Command::Up => sess.tally = sess.tally.saturating_sub(1),
        Command::Down => sess.tally = (sess.tally + 1).min(n - 1),
        _ => {}
    }
}

fn events_command(app: &mut App, cmd: Command) {
    let now = app.now;
    let lang = app.lang;
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let n_moments = sess.moments().len();
    let n_events = sess.sheet().events.len();
    match cmd {
        Command::Next | Command::Prev => {
            let order = [
                EventsPanel::Moments,
                EventsPanel::Events,
                EventsPanel::Notes,
            ];
            let i = order.iter().position(|p| *p == sess.panel).unwrap_or(0);
            let j = if cmd == Command::Next {
                (i + 1) % 3
            } else {
                (i + 2) % 3
            };
            sess.panel = order[j];
        }
        Command::Up => match sess.panel {
            EventsPanel::Moments => sess.moment = sess.moment.saturating_sub(1),
            EventsPanel::Events => sess.event = sess.event.saturating_sub(1),
            EventsPanel::Notes => {}
        },
        Command::Down => match sess.panel {
            EventsPanel::Moments => {
                sess.moment = (sess.moment + 1).min(n_moments.saturating_sub(1))
            }
            EventsPanel::Events => sess.event = (sess.event + 1).min(n_events.saturating_sub(1)),
            EventsPanel::Notes => {}
        },
        Command::Stamp if sess.panel == EventsPanel::Moments => {
            let Some(m) = sess.moments().get(sess.moment).cloned() else {
                return;
            };
            if edit(
                app,
                Op::SetMoment {
                    id: m.id.clone(),
                    time: Some(now),
                },
            ) {
                let mut text = format!("{}: {} {now}", s::STAMPED.get(lang), m.label.get(lang));
                if let Some(h) = &m.hint {
                    text = format!("{text}. {}", h.get(lang));
                }
                app.info(text);
                if let Some(sess) = app.session.as_mut() {
                    sess.moment = (sess.moment + 1).min(n_moments.saturating_sub(1));
                }
            }
        }
        Command::EditTime | Command::Confirm if sess.panel == EventsPanel::Moments => {
            let Some(m) = sess.moments().get(sess.moment) else {
                return;
            };
            let input = sess
                .sheet()
                .moments
                .get(&m.id)
                .map(|t| t.to_string())
                .unwrap_or_else(|| now.to_string());
            app.overlay = Some(Overlay::Prompt(Prompt {
                kind: PromptKind::MomentTime(m.id.clone()),
                input,
                error: None,
            }));
        }
        Command::Clear if sess.panel == EventsPanel::Moments => {
            let Some(m) = sess.moments().get(sess.moment) else {
                return;
            };
            if sess.sheet().moments.contains_key(&m.id) {
                let id = m.id.clone();
                edit(app, Op::SetMoment { id, time: None });
            }
        }
        Command::Confirm if sess.panel == EventsPanel::Events => {
            let Some(e) = sess.sheet().events.get(sess.event).cloned() else {
                return;
            };
            let cats = categories(sess.form(), e.kind);
            app.overlay = Some(Overlay::Event(EventDraft {
                id: e.id,
                kind: e.kind,
                category: cats.iter().position(|c| c.id == e.category).unwrap_or(0),
                time: e.time.map(|t| t.to_string()).unwrap_or_default(),
                text: e.text.clone(),
                response: e.response.clone(),
                focus: 2,
                error: None,
            }));
        }
        Command::Clear if sess.panel == EventsPanel::Events => {
            let Some(e) = sess.sheet().events.get(sess.event) else {
                return;
            };
            let id = e.id;
            if edit(app, Op::RemoveEvent { id }) {
                if let Some(sess) = app.session.as_mut() {
                    sess.event = sess.event.min(sess.sheet().events.len().saturating_sub(1));
                }
            }
        }
        Command::NewObjection | Command::NewIncident => {
            if sess.is_sealed() {
                return app.fail(s::READ_ONLY.get(lang));
            }
            let kind = if cmd == Command::NewObjection {
                EventKind::Objection
            } else {
                EventKind::Incident
            };
            app.overlay = Some(Overlay::Event(EventDraft {
                id: sess.sheet().next_event_id(),
                kind,
                category: 0,
                time: now.to_string(),
                text: String::new(),
                response: String::new(),
                focus: 0,
                error: None,
            }));
        }
        Command::EditNotes | Command::Confirm | Command::Clear
            if sess.panel == EventsPanel::Notes || cmd == Command::EditNotes =>
        {
            if cmd == Command::Clear {
                if !sess.sheet().notes.is_empty() {
                    edit(app, Op::SetNotes(String::new()));
                }
                return;
            }
            sess.panel = EventsPanel::Notes;
            let input = sess.sheet().notes.clone();
            app.overlay = Some(Overlay::Prompt(Prompt {
                kind: PromptKind::Notes,
                input,
                error: None,
            }));
        }
        _ => {}
    }
}

pub fn categories(form: &Form, kind: EventKind) -> &[Item] {
    match kind {
        EventKind::Objection => &form.category.objection_categories,
        EventKind::Incident => &form.category.incident_categories,
    }
}

fn checklist_command(app: &mut App, cmd: Command) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let qs: Vec<String> = sess.questions().iter().map(|q| q.id.clone()).collect();
    let Some(id) = qs.get(sess.question).cloned() else {
        return;
    };
    let current = sess.sheet().checklist.get(&id).cloned();
    let note = current.as_ref().map(|c| c.note.clone()).unwrap_or_default();
    let answer_now = current.as_ref().and_then(|c| c.answer);
    let set = |answer: Option<Answer>| Op::SetCheck {
        id: id.clone(),
        answer,
        note: note.clone(),
    };
    match cmd {
        Command::Up => sess.question = sess.question.saturating_sub(1),
        Command::Down => sess.question = (sess.question + 1).min(qs.len().saturating_sub(1)),
        Command::AnswerYes | Command::AnswerNo | Command::AnswerUnknown => {
            let a = match cmd {
                Command::AnswerYes => Answer::Yes,
                Command::AnswerNo => Answer::No,
                _ => Answer::Unknown,
            };
            if edit(app, set(Some(a))) {
                if let Some(sess) = app.session.as_mut() {
                    sess.question = (sess.question + 1).min(qs.len().saturating_sub(1));
                }
            }
        }
        Command::CycleNext => {
            let next = cycle(
                &[Answer::Yes, Answer::No, Answer::Unknown],
                answer_now,
                true,
            );
            edit(app, set(next));
        }
        Command::Clear if answer_now.is_some() => {
            edit(app, set(None));
        }
        Command::Confirm => {
            app.overlay = Some(Overlay::Prompt(Prompt {
                kind: PromptKind::CheckNote(id),
                input: note,
                error: None,
            }));
        }
        _ => {}
    }
}

fn seal_command(app: &mut App, cmd: Command) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    match cmd {
        Command::Seal => {
            if sess.is_sealed() {
                return app.info(s::READ_ONLY.get(app.lang));
            }
            app.overlay = Some(Overlay::ConfirmSeal);
        }
        Command::NextQrPart => {
            if let Some(qr) = sess.qr.as_mut() {
                qr.next();
            }
        }
        Command::PrevQrPart => {
            if let Some(qr) = sess.qr.as_mut() {
                qr.previous();
            }
        }
        Command::ToggleQrCycle => {
            if let Some(qr) = sess.qr.as_mut() {
                let on = !qr.auto();
                qr.set_auto(on);
            }
        }
        Command::Up => sess.seal_scroll = sess.seal_scroll.saturating_sub(1),
        Command::Down => sess.seal_scroll += 1,
        _ => {}
    }
}

fn do_seal(app: &mut App) {
    let key = match app.workspace.as_ref() {
        Some(ws) => ws.key(),
        None => Err("no meetel home directory: cannot load the observer's key".to_string()),
    };
    let key = match key {
        Ok(k) => k,
        Err(e) => return app.fail(e),
    };
    seal_with(app, &key);
}

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

// ---------------------------------------------------------------- compare screen

/// F8 / g: the comparison if there is one, else the question which files to read.
fn go_compare(app: &mut App) {
    commit_pending(app);
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
    app.overlay = Some(Overlay::Prompt(Prompt {
        kind: PromptKind::Published,
        input,
        error: None,
    }));
}

/// The paths in an answer to "which published files?": one or more a line, separated
/// by spaces. A line that names an existing path as a whole is that one path (a folder
/// with spaces in its name, typed alone on its line); quotes and backslashes are read
/// as a shell reads them (terminals quote a dragged-in file that way), with the
/// `shlex` crate.
pub fn published_paths(input: &str, lang: Lang) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if std::path::Path::new(line).exists() {
            out.push(PathBuf::from(line));
            continue;
        }
        let words = if line.contains(['"', '\'', '\\']) {
            shlex::split(line)
                .ok_or_else(|| format!("`{line}`: {}", s::UNBALANCED_QUOTE.get(lang)))?
        } else {
            line.split_whitespace().map(String::from).collect()
        };
        out.extend(words.into_iter().map(PathBuf::from));
    }
    if out.is_empty() {
        return Err(s::NO_PATHS.get(lang).to_string());
    }
    Ok(out)
}

/// Starts reading `paths` on a worker thread and shows the compare screen, which says
/// it is reading until the result is in (see [`poll_compare`]).
fn start_compare(app: &mut App, answer: &str, paths: Vec<PathBuf>) {
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

/// Takes the worker's result when it is in, and compares again after an edit.
fn poll_compare(app: &mut App) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let input = match &sess.compare {
        Some(CompareState::Loading { rx, .. }) => match rx.try_recv() {
            Ok(input) => input,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => PublishedInput {
                errors: vec![s::READING_STOPPED.clone()],
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

fn compare_command(app: &mut App, cmd: Command) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let step = match cmd {
        Command::Up => Scroll::Up,
        Command::Down => Scroll::Down,
        Command::PageUp => Scroll::PageUp,
        Command::PageDown => Scroll::PageDown,
        Command::First => Scroll::Home,
        Command::Last => Scroll::End,
        Command::Confirm => return ask_published(app),
        Command::Cancel => {
            let back = sess.compare_from;
            return go(app, back);
        }
        _ => return,
    };
    if let Some(CompareState::Ready { view, .. }) = sess.compare.as_mut() {
        view.scroll(step);
    }
}

fn prompt_command(app: &mut App, mut p: Prompt, cmd: Command) {
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
            if let Err(e) = finish_prompt(app, &p) {
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
                return quit(app);
            }
            match finish_prompt(app, &p) {
                Ok(()) => quit(app),
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

fn finish_prompt(app: &mut App, p: &Prompt) -> Result<(), String> {
    let lang = app.lang;
    let Some(sess) = app.session.as_mut() else {
        return Ok(());
    };
    match &p.kind {
        PromptKind::JumpList => {
            let n: u32 = p
                .input
                .trim()
                .parse()
                .map_err(|_| s::NO_SUCH_LIST.get(lang).to_string())?;
            let lists_known = !sess.form().election.lists.is_empty();
            if lists_known && sess.form().list(n).is_none() {
                return Err(format!("{}: {n}", s::NO_SUCH_LIST.get(lang)));
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
        PromptKind::MomentTime(id) => {
            let time = if p.input.trim().is_empty() {
                None
            } else {
                Some(parse_time(&p.input, lang)?)
            };
            sess.edit(Op::SetMoment {
                id: id.clone(),
                time,
            })
            .map_err(|e| e.get(lang).to_string())
        }
        PromptKind::Notes => {
            if p.input != sess.sheet().notes {
                sess.edit(Op::SetNotes(p.input.clone()))
                    .map_err(|e| e.get(lang).to_string())?;
            }
            Ok(())
        }
        PromptKind::Published => {
            let paths = published_paths(&p.input, lang)?;
            start_compare(app, &p.input, paths);
            Ok(())
        }
        PromptKind::CheckNote(id) => {
            let answer = sess.sheet().checklist.get(id).and_then(|c| c.answer);
            sess.edit(Op::SetCheck {
                id: id.clone(),
                answer,
                note: p.input.clone(),
            })
            .map_err(|e| e.get(lang).to_string())
        }
    }
}

/// A time as a tired person types it: `21:05`, `21.05`, `2105`, `905`, `9:05` or `21`.
pub fn parse_time(text: &str, lang: Lang) -> Result<TimeOfDay, String> {
    let t = text.trim();
    let (h, m) = match t.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None if t.len() > 2 => t.split_at(t.len() - 2),
        None => (t, "0"),
    };
    let digits = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
    let time = if digits(h) && digits(m) {
        TimeOfDay::new(h.parse().unwrap_or(99), m.parse().unwrap_or(99))
    } else {
        None
    };
    time.ok_or_else(|| format!("`{t}`: {}", s::NOT_A_TIME.get(lang)))
}

fn event_command(app: &mut App, mut d: EventDraft, cmd: Command) {
    let n_cats = app
        .session
        .as_ref()
        .map(|s| categories(s.form(), d.kind).len())
        .unwrap_or(1)
        .max(1);
    match cmd {
        Command::Cancel => {
            app.overlay = None;
            return;
        }
        Command::Quit => {
            app.overlay = None;
            // An objection or incident being typed is saved before quitting, as a
            // figure is; if it cannot be saved (a bad time, a full disk), stay.
            if d.text.trim().is_empty() && d.response.trim().is_empty() {
                return quit(app);
            }
            match save_event(app, &d) {
                Ok(()) => return quit(app),
                Err(e) => d.error = Some(format!("{e} {}", s::NOT_QUIT_TEXT.get(app.lang))),
            }
        }
        Command::Help => {
            app.overlay = Some(Overlay::Help { scroll: 0 });
            return;
        }
        Command::Next | Command::Down => d.focus = (d.focus + 1) % d.fields(),
        Command::Prev | Command::Up => d.focus = (d.focus + d.fields() - 1) % d.fields(),
        Command::CycleNext if d.focus == 0 => d.category = (d.category + 1) % n_cats,
        Command::CyclePrev if d.focus == 0 => d.category = (d.category + n_cats - 1) % n_cats,
        Command::Erase => {
            match d.focus {
                1 => d.time.pop(),
                2 => d.text.pop(),
                3 => d.response.pop(),
                _ => None,
            };
        }
        Command::Confirm => {
            if d.focus + 1 < d.fields() {
                d.focus += 1;
            } else {
                match save_event(app, &d) {
                    Ok(()) => {
                        app.overlay = None;
                        return;
                    }
                    Err(e) => d.error = Some(e),
                }
            }
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Event(d));
}

fn save_event(app: &mut App, d: &EventDraft) -> Result<(), String> {
    let Some(sess) = app.session.as_mut() else {
        return Ok(());
    };
    let cats = categories(sess.form(), d.kind);
    let category = cats
        .get(d.category)
        .map(|c| c.id.clone())
        .unwrap_or_default();
    let time = if d.time.trim().is_empty() {
        None
    } else {
        Some(parse_time(&d.time, app.lang)?)
    };
    let ev = Event {
        id: d.id,
        kind: d.kind,
        category,
        time,
        text: d.text.trim().to_string(),
        response: d.response.trim().to_string(),
    };
    sess.edit(Op::PutEvent(ev))
        .map_err(|e| e.get(app.lang).to_string())?;
    if let Some(i) = sess.sheet().events.iter().position(|e| e.id == d.id) {
        sess.event = i;
    }
    sess.panel = EventsPanel::Events;
    if d.kind == EventKind::Objection {
        let lang = app.lang;
        app.info(s::OBJECTION_REMINDER.get(lang));
    }
    Ok(())
}

/// A typed character outside any command: text for the field being edited.
fn type_char(app: &mut App, c: char) {
    match app.overlay.as_mut() {
        Some(Overlay::Prompt(p)) => {
            if p.kind == PromptKind::JumpList && !c.is_ascii_digit() {
                return;
            }
            p.input.push(c);
            p.error = None;
        }
        Some(Overlay::Event(d)) => match d.focus {
            1 => d.time.push(c),
            2 => d.text.push(c),
            3 => d.response.push(c),
            _ => {}
        },
        Some(_) => {}
        None if app.screen == Screen::Start => start_type(app, &c.to_string()),
        None => {}
    }
}

fn paste(app: &mut App, text: &str) {
    match app.overlay.as_mut() {
        Some(Overlay::Prompt(p)) => {
            if p.kind == PromptKind::JumpList {
                p.input.extend(text.chars().filter(|c| c.is_ascii_digit()));
            } else {
                p.input.push_str(text);
            }
        }
        Some(Overlay::Event(d)) => match d.focus {
            1 => d.time.push_str(text),
            2 => d.text.push_str(text),
            3 => d.response.push_str(text),
            _ => {}
        },
        Some(_) => {}
        None if app.screen == Screen::Start => start_type(app, text),
        None => {
            // A pasted figure goes into the field under the cursor, still to be confirmed.
            let screen = app.screen;
            let Some(sess) = app.session.as_mut() else {
                return;
            };
            if sess.is_sealed() {
                return;
            }
            let cursor = match screen {
                Screen::Count if matches!(sess.count_row(), Some(Row::Field(_))) => &mut sess.count,
                Screen::Candidates => &mut sess.cand,
                _ => return,
            };
            for c in text.chars().filter(|c| c.is_ascii_digit()) {
                push_digit(cursor, c);
            }
        }
    }
}

// ---------------------------------------------------------------- start screen

fn load_start_form(start: &mut StartState) {
    let name = start.forms.get(start.form_idx).cloned().unwrap_or_default();
    match Form::load(&name) {
        Ok(f) => {
            start.form = Some(f);
            start.form_error = None;
        }
        Err(e) => {
            start.form = None;
            start.form_error = Some(e.to_string());
        }
    }
    refresh_matches(start);
}

/// The stations offered for the query: the demo station first when nothing is typed,
/// then the form's stations whose id, name, postcode or municipality contain it, and a
/// typed id that is not in the list.
pub fn refresh_matches(start: &mut StartState) {
    let q = start.query.trim().to_lowercase();
    let mut out = Vec::new();
    if q.is_empty() || "demo".contains(&q) || q.contains("demo") {
        out.push(StationChoice {
            station: demo_station(),
            demo: true,
            typed: false,
        });
    }
    if let Some(form) = &start.form {
        for st in &form.election.stations {
            let hay = format!(
                "{} {} {} {}",
                st.id, st.name, st.postcode, st.municipality_name
            )
            .to_lowercase();
            if q.is_empty() || q.split_whitespace().all(|w| hay.contains(w)) {
                out.push(StationChoice {
                    station: st.clone(),
                    demo: false,
                    typed: false,
                });
            }
        }
    }
    if let Ok(id) = start.query.trim().parse::<StationId>() {
        if !out.iter().any(|c| c.station.id == id) {
            out.push(StationChoice {
                station: PollingStation::bare(id),
                demo: false,
                typed: true,
            });
        }
    }
    start.matches = out;
    start.match_idx = start.match_idx.min(start.matches.len().saturating_sub(1));
}

fn start_type(app: &mut App, text: &str) {
    let st = &mut app.start;
    if let Some(e) = st.eml.as_mut() {
        e.input.push_str(text);
        e.error = None;
        return;
    }
    st.error = None;
    match st.focus {
        StartFocus::Station => {
            st.query.push_str(text);
            st.match_idx = 0;
            refresh_matches(st);
        }
        StartFocus::Alias => st.alias.push_str(text),
        StartFocus::Recent(_) => {
            // Typing on the recent list starts a search for a new sheet's station.
            st.focus = StartFocus::Station;
            st.query.push_str(text);
            st.match_idx = 0;
            refresh_matches(st);
        }
        _ => {}
    }
}

const START_FIELDS: [StartFocus; 6] = [
    StartFocus::Form,
    StartFocus::Station,
    StartFocus::Alias,
    StartFocus::Session,
    StartFocus::Kind,
    StartFocus::Begin,
];

fn start_command(app: &mut App, cmd: Command) {
    if app.start.eml.is_some() {
        return eml_command(app, cmd);
    }
    if cmd == Command::FormFromEml {
        app.start.eml = Some(EmlPrompt::default());
        return;
    }
    let st = &mut app.start;
    let n_recent = st.recent.len();
    let field_pos = START_FIELDS.iter().position(|f| *f == st.focus);
    match cmd {
        Command::Next | Command::Prev => {
            let fwd = cmd == Command::Next;
            st.focus = match (st.focus, field_pos) {
                (StartFocus::Recent(_), _) => {
                    if fwd {
                        StartFocus::Form
                    } else {
                        StartFocus::Begin
                    }
                }
                (_, Some(p)) => {
                    if fwd {
                        if p + 1 < START_FIELDS.len() {
                            START_FIELDS[p + 1]
                        } else if n_recent > 0 {
                            StartFocus::Recent(0)
                        } else {
                            START_FIELDS[0]
                        }
                    } else if p > 0 {
                        START_FIELDS[p - 1]
                    } else if n_recent > 0 {
                        StartFocus::Recent(0)
                    } else {
                        StartFocus::Begin
                    }
                }
                (f, None) => f,
            };
        }
        Command::Up | Command::Down => {
            let down = cmd == Command::Down;
            match st.focus {
                StartFocus::Station if !st.matches.is_empty() => {
                    if down {
                        if st.match_idx + 1 < st.matches.len() {
                            st.match_idx += 1;
                        } else {
                            st.focus = StartFocus::Alias;
                        }
                    } else if st.match_idx > 0 {
                        st.match_idx -= 1;
                    } else {
                        st.focus = StartFocus::Form;
                    }
                }
                StartFocus::Recent(i) => {
                    st.focus = if down {
                        if i + 1 < n_recent {
                            StartFocus::Recent(i + 1)
                        } else {
                            StartFocus::Form
                        }
                    } else {
                        StartFocus::Recent(i.saturating_sub(1))
                    }
                }
                f => {
                    let p = START_FIELDS.iter().position(|x| *x == f).unwrap_or(0);
                    st.focus = if down {
                        START_FIELDS[(p + 1).min(START_FIELDS.len() - 1)]
                    } else if p == 0 && n_recent > 0 {
                        StartFocus::Recent(n_recent - 1)
                    } else {
                        START_FIELDS[p.saturating_sub(1)]
                    };
                }
            }
        }
        Command::CycleNext | Command::CyclePrev => {
            let fwd = cmd == Command::CycleNext;
            match st.focus {
                StartFocus::Form if !st.forms.is_empty() => {
                    let n = st.forms.len();
                    st.form_idx = if fwd {
                        (st.form_idx + 1) % n
                    } else {
                        (st.form_idx + n - 1) % n
                    };
                    load_start_form(st);
                }
                StartFocus::Session => {
                    st.session = match st.session {
                        ObservedSession::StationCount => ObservedSession::MunicipalReview,
                        ObservedSession::MunicipalReview => ObservedSession::StationCount,
                    };
                }
                StartFocus::Kind => {
                    st.kind = match st.kind {
                        SheetKind::Observation => SheetKind::PvTranscription,
                        SheetKind::PvTranscription => SheetKind::Observation,
                    };
                }
                _ => {}
            }
        }
        Command::Erase => match st.focus {
            StartFocus::Station => {
                st.query.pop();
                refresh_matches(st);
            }
            StartFocus::Alias => {
                st.alias.pop();
            }
            _ => {}
        },
        Command::Confirm => match st.focus {
            StartFocus::Recent(i) => {
                if let Some(entry) = st.recent.get(i).cloned() {
                    open_recent(app, &entry);
                }
            }
            StartFocus::Begin => begin_new(app),
            StartFocus::Alias if !st.alias.trim().is_empty() => begin_new(app),
            f => {
                let p = START_FIELDS.iter().position(|x| *x == f).unwrap_or(0);
                st.focus = START_FIELDS[(p + 1).min(START_FIELDS.len() - 1)];
            }
        },
        _ => {}
    }
}

/// A key in the question which EML files to make a form from.
fn eml_command(app: &mut App, cmd: Command) {
    let Some(e) = app.start.eml.as_mut() else {
        return;
    };
    match cmd {
        Command::Cancel => {
            app.start.eml = None;
            // As for a pop-up: a second Esc of the same gesture does not quit.
            app.esc_closed = Some(Instant::now());
        }
        Command::Erase => {
            e.input.pop();
        }
        Command::Next if !e.input.is_empty() && !e.input.ends_with('\n') => {
            e.input.push('\n');
        }
        Command::Confirm => {
            let input = e.input.clone();
            match form_from_eml_files(app, &input) {
                Ok(()) => app.start.eml = None,
                Err(msg) => {
                    if let Some(e) = app.start.eml.as_mut() {
                        e.error = Some(msg);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Makes an election form from the EML files named in `input`, keeps it in
/// `<home>/forms/<form id>.ron` and chooses it. The error says which file, where, and
/// what was expected; the words around it are in the screen's language.
fn form_from_eml_files(app: &mut App, input: &str) -> Result<(), String> {
    let lang = app.lang;
    let paths = published_paths(input, lang)?;
    let form = crate::eml::form_from_eml(&paths)
        .map_err(|e| format!("{}: {}", s::EML_FAILED.get(lang), e.text().get(lang)))?;
    let ws = app
        .workspace
        .as_ref()
        .ok_or_else(|| s::EML_NO_HOME.get(lang).to_string())?;
    let path = ws
        .save_form(&form)
        .map_err(|e| format!("{}: {e}", s::EML_WRITE_FAILED.get(lang)))?;
    let key = path.display().to_string();
    let st = &mut app.start;
    let label = crate::tui::workspace::form_label(&path);
    match st.forms.iter().position(|f| *f == key) {
        Some(i) => {
            st.form_idx = i;
            st.form_labels[i] = label;
        }
        None => {
            st.forms.push(key);
            st.form_labels.push(label);
            st.form_idx = st.forms.len() - 1;
        }
    }
    st.match_idx = 0;
    load_start_form(st);
    if let Some(err) = st.form_error.clone() {
        return Err(err);
    }
    st.focus = StartFocus::Station;
    st.error = None;
    let text = format!("{}: {}", s::EML_MADE.get(lang), path.display());
    app.info(text);
    Ok(())
}

/// Opens a sheet from the recent list (or a path given on the command line), resuming
/// where the cursor was and saying what was recovered.
pub fn open_recent(app: &mut App, entry: &RecentEntry) {
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

fn begin_new(app: &mut App) {
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

/// Starts a new sheet at once (for `--demo` and tests): `station` or the demo station.
pub fn begin_with(app: &mut App, station: Option<StationId>, alias: &str) {
    let st = &mut app.start;
    st.query = station.as_ref().map(|s| s.to_string()).unwrap_or_default();
    refresh_matches(st);
    st.match_idx = match station {
        Some(id) => st
            .matches
            .iter()
            .position(|c| c.station.id == id)
            .unwrap_or(0),
        None => 0,
    };
    st.alias = alias.to_string();
    begin_new(app);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    fn press(app: &mut App, code: KeyCode) {
        update(
            app,
            Action::Key(KeyEvent {
                code,
                modifiers: KeyModifiers::NONE,
                kind: KeyEventKind::Press,
                state: KeyEventState::NONE,
            }),
        );
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    fn app() -> App {
        let mut app = App::new(Lang::En, None, Some("tk"));
        begin_with(&mut app, None, "tester");
        assert!(app.session.is_some(), "{:?}", app.start.error);
        app
    }

    fn sess(app: &App) -> &Session {
        app.session.as_ref().unwrap()
    }

    #[test]
    fn empty_is_not_observed_and_zero_is_explicit() {
        let mut app = app();
        // The cursor starts on A.
        assert_eq!(
            sess(&app).count_row(),
            Some(Row::Field(FieldKey::Pv(PvField::A)))
        );
        typed(&mut app, "0");
        press(&mut app, KeyCode::Enter);
        assert_eq!(sess(&app).sheet().pv(PvField::A), Some(0));
        assert_eq!(sess(&app).sheet().pv(PvField::B), None);
        press(&mut app, KeyCode::Up);
        press(&mut app, KeyCode::Delete);
        assert_eq!(sess(&app).sheet().pv(PvField::A), None);
    }

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

    #[test]
    fn a_figure_that_could_not_be_saved_is_not_carried_to_another_field() {
        // The embedded TK2025 form, whose candidates screen has lists to switch between.
        let mut app = App::new(Lang::En, None, None);
        begin_with(&mut app, None, "tester");
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

    fn ctrl(app: &mut App, c: char) {
        update(
            app,
            Action::Key(KeyEvent {
                code: KeyCode::Char(c),
                modifiers: KeyModifiers::CONTROL,
                kind: KeyEventKind::Press,
                state: crossterm::event::KeyEventState::NONE,
            }),
        );
    }

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
    fn quitting_from_an_incident_saves_it_or_stays() {
        let mut app = app();
        press(&mut app, KeyCode::F(5));
        typed(&mut app, "i");
        assert!(matches!(app.overlay, Some(Overlay::Event(_))));
        // Category, then time, then the text.
        // The time field starts with the current time; a typo after it makes it wrong.
        press(&mut app, KeyCode::Tab);
        typed(&mut app, "99:99");
        press(&mut app, KeyCode::Tab);
        typed(&mut app, "urn stond open");
        ctrl(&mut app, 'q');
        assert!(
            !app.quit,
            "a bad time cannot be saved: stay rather than lose the text"
        );
        let Some(Overlay::Event(d)) = &app.overlay else {
            panic!("the incident stays open")
        };
        assert_eq!(d.text, "urn stond open");
        assert!(
            d.error.as_deref().unwrap_or("").contains("Not quit"),
            "{:?}",
            d.error
        );
        // With a good time it is saved and the app quits.
        press(&mut app, KeyCode::Up);
        for _ in 0..12 {
            press(&mut app, KeyCode::Backspace);
        }
        typed(&mut app, "22:15");
        ctrl(&mut app, 'q');
        assert!(app.quit);
        let ev = sess(&app).sheet().events.last().cloned().expect("saved");
        assert_eq!(ev.text, "urn stond open");
    }

    #[test]
    fn a_paste_never_submits() {
        let mut app = app();
        update(&mut app, Action::Paste("12\n".into()));
        assert_eq!(sess(&app).count.edit.as_deref(), Some("12"));
        assert_eq!(sess(&app).sheet().pv(PvField::A), None);
    }

    #[test]
    fn tally_and_typed_figure_coexist() {
        let mut app = app();
        press(&mut app, KeyCode::Char('t'));
        assert_eq!(app.screen, Screen::Tally);
        let field = sess(&app).tally_field();
        for _ in 0..3 {
            press(&mut app, KeyCode::Char(' '));
        }
        press(&mut app, KeyCode::Char('-'));
        assert_eq!(sess(&app).sheet().tallies.get(&field), Some(&2));
        assert_eq!(sess(&app).sheet().value(field), Some(2));
    }

    #[test]
    fn start_screen_search_finds_typed_ids() {
        let mut app = App::new(Lang::Nl, None, Some("tk"));
        typed(&mut app, "0668::SB3");
        assert!(app
            .start
            .matches
            .iter()
            .any(|m| m.typed && m.station.id.to_string() == "0668::SB3"));
    }

    #[test]
    fn times_are_read_as_people_type_them() {
        let t = |h, m| Ok(TimeOfDay::new(h, m).unwrap());
        assert_eq!(parse_time("21:05", Lang::Nl), t(21, 5));
        assert_eq!(parse_time("21.05", Lang::Nl), t(21, 5));
        assert_eq!(parse_time("2105", Lang::Nl), t(21, 5));
        assert_eq!(parse_time(" 905", Lang::Nl), t(9, 5));
        assert_eq!(parse_time("21", Lang::Nl), t(21, 0));
        let err = parse_time("25:00", Lang::Nl).unwrap_err();
        assert!(err.contains("geen tijd"), "{err}");
        assert!(!err.contains("expected"), "{err}");
        assert!(parse_time("21:5x", Lang::En)
            .unwrap_err()
            .contains("not a time"));
    }

    #[test]
    fn an_edit_the_form_refuses_is_explained_in_the_screen_language() {
        for (lang, expect) in [
            (Lang::Nl, "lijst 99 bestaat niet bij deze verkiezing"),
            (Lang::En, "there is no list 99 at this election"),
        ] {
            // The embedded default form, with the real lists of TK2025.
            let mut app = App::new(lang, None, None);
            begin_with(&mut app, None, "tester");
            let op = Op::SetCount {
                field: FieldKey::List(99),
                value: Some(1),
            };
            assert!(!edit(&mut app, op));
            let m = app.message.clone().unwrap();
            assert!(m.error && m.text.starts_with(expect), "{}", m.text);
            assert_eq!(sess(&app).sheet().value(FieldKey::List(99)), None);
        }
    }

    #[test]
    fn cycle_passes_through_not_recorded() {
        assert_eq!(cycle(&[1, 2], None, true), Some(1));
        assert_eq!(cycle(&[1, 2], Some(2), true), None);
        assert_eq!(cycle(&[1, 2], None, false), Some(2));
    }
}
