//! The start screen: resume a recent sheet, or start a new one (form, station found by
//! searching as you type, observer alias, which session is observed, observation or
//! transcription), or make a form from the Kiesraad's EML files.
//!
//! Keys (`Ctx::Start`): Tab and ↑ ↓ move between the fields, ← → choose, letters type
//! (the station search, the alias), Enter opens or begins; F9 or Ctrl+E asks which EML
//! files to make a form from (`Ctx::FormPaths`). Opening and beginning a sheet is
//! `app::open_recent` and `app::begin_new`.

use std::path::PathBuf;
use std::time::Instant;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::election::{CountingMethod, PollingStation, StationId};
use crate::form::Form;
use crate::i18n::Text;
use crate::sheet::{ObservedSession, SheetKind};
use crate::tui::app::{begin_new, open_recent, App};
use crate::tui::i18n as s;
use crate::tui::keymap::Command;
use crate::tui::popups::prompt::{paste_lines, paths_box, published_paths};
use crate::tui::screens::{fit, scroll_offset, wrap_words};
use crate::tui::workspace::{form_files, form_label, RecentEntry, Workspace, FORMS_DIR};

const BEGIN: &Text = &Text::fixed("[ Beginnen ]", "[ Begin ]");
const EML_FAILED: &Text = &Text::fixed("Geen formulier gemaakt", "No form made");
const EML_HELP: &Text = &Text::fixed(
    "De kandidatenlijsten (EML 230b, Kandidatenlijsten_…), en zo u wilt de verkiezingsdefinitie (110a) en de stembureaus (110b, of een telling 510b), gescheiden door spaties of één per regel (Tab: nieuwe regel). Ook een map of een zip.",
    "The candidate lists (EML 230b, Kandidatenlijsten_…), and if you like the election definition (110a) and the polling stations (110b, or a count 510b), separated by spaces or one per line (Tab: new line). A folder or a zip also works.",
);
const EML_MADE: &Text = &Text::fixed("Formulier gemaakt en gekozen", "Form made and chosen");
const EML_NO_HOME: &Text = &Text::fixed(
    "Er is geen meetel-map om het formulier in te bewaren",
    "There is no meetel directory to keep the form in",
);
const EML_WRITE_FAILED: &Text = &Text::fixed(
    "Het formulier is gemaakt maar kon niet worden bewaard",
    "The form was made but could not be saved",
);
const FORM: &Text = &Text::fixed("Formulier", "Form");
const KIND_OBSERVATION: &Text = &Text::fixed(
    "Waarneming (wat ik zag en hoorde)",
    "Observation (what I saw and heard)",
);
const LAST_EDIT: &Text = &Text::fixed("laatst", "last");
const LISTS: &Text = &Text::fixed("lijsten", "lists");
const NEW_SHEET: &Text = &Text::fixed("Nieuw blad", "New sheet");
const NO_RECENT: &Text = &Text::fixed("Nog geen bladen.", "No sheets yet.");
const NO_STATION_FOUND: &Text = &Text::fixed(
    "Geen stembureau gevonden. Typ een deel van de naam, de postcode, de gemeente of een id zoals 0668::SB1.",
    "No polling station found. Type part of its name, postcode, municipality or an id such as 0668::SB1.",
);
const RECENT: &Text = &Text::fixed("Recente bladen", "Recent sheets");
const SESSION: &Text = &Text::fixed("Zitting", "Session");
const SHEET_KIND: &Text = &Text::fixed("Soort blad", "Kind of sheet");
const STATE_OPEN: &Text = &Text::fixed("open", "open");
const STATION: &Text = &Text::fixed("Stembureau", "Polling station");
const STATION_SEARCH: &Text = &Text::fixed(
    "typ een naam, postcode of id (0668::SB1)",
    "type a name, postcode or id (0668::SB1)",
);
const STATION_TYPED: &Text = &Text::fixed("getypt id", "typed id");

/// The fields of the start screen's "new sheet" form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StartFocus {
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
pub(crate) struct EmlPrompt {
    pub(crate) input: String,
    pub(crate) error: Option<String>,
}

pub struct StartState {
    pub recent: Vec<RecentEntry>,
    pub(crate) focus: StartFocus,
    /// The forms offered: built-in names, then paths of files in `forms/` folders.
    pub forms: Vec<String>,
    /// How each of `forms` is named on the screen: a built-in form by its name, a file
    /// by its election's name.
    pub(crate) form_labels: Vec<String>,
    pub(crate) form_idx: usize,
    pub form: Option<Form>,
    /// The question which EML files to make a form from, while it is open.
    pub(crate) eml: Option<EmlPrompt>,
    pub form_error: Option<String>,
    pub(crate) query: String,
    pub matches: Vec<StationChoice>,
    pub match_idx: usize,
    pub(crate) alias: String,
    pub(crate) session: ObservedSession,
    /// What the new sheet records: what the observer saw, or the published PV typed
    /// over (for when only its PDF is out).
    pub kind: SheetKind,
    pub error: Option<String>,
}

impl StartState {
    /// The start screen, with the forms that are built in (`form` first if given), then
    /// the form files in `./forms` and `<home>/forms`, and the workspace's recent sheets.
    pub(crate) fn new(workspace: Option<&Workspace>, form: Option<&str>) -> StartState {
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
        let mut dirs = vec![PathBuf::from(FORMS_DIR)];
        dirs.extend(workspace.map(|w| w.forms_dir()));
        for path in form_files(&dirs) {
            let key = path.display().to_string();
            if !forms.contains(&key) {
                form_labels.push(form_label(&path));
                forms.push(key);
            }
        }
        let recent = workspace.map(|w| w.recent()).unwrap_or_default();
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
        load_form(&mut start);
        start
    }
}

/// The fictitious station the default start offers: never presented as real figures.
fn demo_station() -> PollingStation {
    PollingStation {
        id: StationId::new("DEMO", 1),
        municipality_name: "Demo (fictief / fictitious)".to_string(),
        name: s::DEMO_LABEL.nl.to_string(),
        postcode: String::new(),
        counting: CountingMethod::Dso,
    }
}

/// Loads the form chosen, or keeps why it cannot be loaded.
fn load_form(start: &mut StartState) {
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
pub(crate) fn refresh_matches(start: &mut StartState) {
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

// ---------------------------------------------------------------- keys

/// Typed or pasted text: into the field with the focus (the EML question's answer when
/// it is open); typing on the recent list starts a search.
pub(crate) fn type_text(app: &mut App, text: &str) {
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

/// A paste on the start screen: paths one per line into the EML question, else text
/// for the field with the focus.
pub(crate) fn paste(app: &mut App, text: &str) {
    match app.start.eml.as_mut() {
        Some(e) => {
            paste_lines(&mut e.input, text);
            e.error = None;
        }
        None => type_text(app, &crate::tui::input::clean_paste(text)),
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

/// A key on the start screen.
pub(crate) fn on_command(app: &mut App, cmd: Command) {
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
                    load_form(st);
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
        .map_err(|e| format!("{}: {}", EML_FAILED.get(lang), e.text().get(lang)))?;
    let ws = app
        .workspace
        .as_ref()
        .ok_or_else(|| EML_NO_HOME.get(lang).to_string())?;
    let path = ws
        .save_form(&form)
        .map_err(|e| format!("{}: {e}", EML_WRITE_FAILED.get(lang)))?;
    let key = path.display().to_string();
    let st = &mut app.start;
    let label = form_label(&path);
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
    load_form(st);
    if let Some(err) = st.form_error.clone() {
        return Err(err);
    }
    st.focus = StartFocus::Station;
    st.error = None;
    let text = format!("{}: {}", EML_MADE.get(lang), path.display());
    app.info(text);
    Ok(())
}

// ---------------------------------------------------------------- drawing

pub(crate) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let st = &app.start;
    let recent_h = if st.recent.is_empty() {
        3
    } else {
        (st.recent.len() as u16 + 2).min(area.height / 3).max(3)
    };
    let [recent, new] =
        Layout::vertical([Constraint::Length(recent_h), Constraint::Min(8)]).areas(area);
    recent_box(app, frame, recent);
    new_box(app, frame, new);
    if let Some(e) = &st.eml {
        eml_prompt(app, e, frame, area);
    }
}

/// The question which EML files to make a form from.
fn eml_prompt(app: &App, e: &EmlPrompt, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    paths_box(
        app,
        frame,
        area,
        s::EML_FILES.get(lang),
        EML_HELP.get(lang),
        &e.input,
        e.error.as_deref(),
    );
}

fn recent_box(app: &App, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let st = &app.start;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", RECENT.get(lang)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if st.recent.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(NO_RECENT.get(lang), th.dim())),
            inner,
        );
        return;
    }
    let sel = match st.focus {
        StartFocus::Recent(i) => Some(i),
        _ => None,
    };
    let height = inner.height as usize;
    let offset = scroll_offset(sel.unwrap_or(0), st.recent.len(), height);
    let w = inner.width as usize;
    let lines: Vec<Line> = st
        .recent
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, e)| {
            let state = if e.sealed {
                s::SEALED.get(lang)
            } else {
                STATE_OPEN.get(lang)
            };
            let station = if e.demo {
                s::DEMO_LABEL.get(lang).to_string()
            } else {
                format!("{} {}", e.station, e.station_name)
            };
            let kind = match e.kind {
                SheetKind::Observation => String::new(),
                SheetKind::PvTranscription => format!(" · {}", s::TRANSCRIPTION_BADGE.get(lang)),
            };
            let text = format!(
                "{}{kind} · {station} · {} {} · {state}",
                e.election,
                LAST_EDIT.get(lang),
                e.last_edit
            );
            let style = if sel == Some(i) {
                th.focus()
            } else {
                th.normal()
            };
            Line::from(Span::styled(fit(&text, w), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn new_box(app: &App, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let st = &app.start;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", NEW_SHEET.get(lang)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w = 20;
    let field = |focus: StartFocus| {
        if st.focus == focus {
            th.focus()
        } else {
            th.normal()
        }
    };
    let form_key = st.forms.get(st.form_idx).cloned().unwrap_or_default();
    let form_name = st
        .form_labels
        .get(st.form_idx)
        .cloned()
        .unwrap_or_else(|| form_key.clone());
    let form_desc = match &st.form {
        Some(f) => {
            let e = &f.election.election;
            // A form file is named by its election: beside it, which file it is (its
            // name; the whole path rarely fits).
            let what = if form_name == form_key {
                e.name.clone()
            } else {
                std::path::Path::new(&form_key)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| form_key.clone())
            };
            let contest = e
                .contest
                .as_ref()
                .map(|c| format!(", {}", c.name))
                .unwrap_or_default();
            format!(
                "{what} ({}{contest}, {} {})",
                e.id,
                f.election.lists.len(),
                LISTS.get(lang)
            )
        }
        // The error gets lines of its own below: it names the file, the place and
        // what was expected, which does not fit beside the form's name.
        None => String::new(),
    };
    let session = match st.session {
        ObservedSession::StationCount => s::SESSION_STATION.get(lang),
        ObservedSession::MunicipalReview => s::SESSION_GSB.get(lang),
    };
    // A text cursor only in the field being typed into; an empty station field always
    // says what to type.
    let cursor = |focus: StartFocus| if st.focus == focus { "▏" } else { "" };
    let mut station_spans = vec![Span::styled(
        format!("{}{}", st.query, cursor(StartFocus::Station)),
        field(StartFocus::Station),
    )];
    if st.query.is_empty() {
        station_spans.push(Span::styled(
            format!(" {}", STATION_SEARCH.get(lang)),
            th.dim(),
        ));
    }
    let mut head = vec![Line::from(vec![
        Span::raw(fit(FORM.get(lang), label_w)),
        Span::styled(format!("‹ {form_name} ›"), field(StartFocus::Form)),
        Span::styled(format!("  {form_desc}"), th.dim()),
    ])];
    if let (None, Some(err)) = (&st.form, &st.form_error) {
        let w = (inner.width as usize).saturating_sub(label_w).max(20);
        head.extend(wrap_words(err, w).into_iter().take(3).map(|l| {
            Line::from(vec![
                Span::raw(" ".repeat(label_w)),
                Span::styled(l, th.error()),
            ])
        }));
    }
    head.push(Line::from(
        [
            vec![Span::raw(fit(STATION.get(lang), label_w))],
            station_spans,
        ]
        .concat(),
    ));
    let tail = vec![
        Line::from(vec![
            Span::raw(fit(s::OBSERVER.get(lang), label_w)),
            Span::styled(
                format!("{}{}", st.alias, cursor(StartFocus::Alias)),
                field(StartFocus::Alias),
            ),
        ]),
        Line::from(vec![
            Span::raw(fit(SESSION.get(lang), label_w)),
            Span::styled(format!("‹ {session} ›"), field(StartFocus::Session)),
        ]),
        Line::from(vec![
            Span::raw(fit(SHEET_KIND.get(lang), label_w)),
            Span::styled(
                format!(
                    "‹ {} ›",
                    match st.kind {
                        SheetKind::Observation => KIND_OBSERVATION.get(lang),
                        SheetKind::PvTranscription => s::KIND_TRANSCRIPTION.get(lang),
                    }
                ),
                field(StartFocus::Kind),
            ),
        ]),
        Line::from(vec![
            Span::raw(" ".repeat(label_w)),
            Span::styled(BEGIN.get(lang), field(StartFocus::Begin)),
        ]),
        Line::from(Span::styled(
            st.error.clone().unwrap_or_default(),
            th.error(),
        )),
    ];
    let list_h = inner
        .height
        .saturating_sub((head.len() + tail.len()) as u16);
    let [h, list, t] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Length(list_h),
        Constraint::Length(tail.len() as u16),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head), h);
    frame.render_widget(Paragraph::new(tail).wrap(Wrap { trim: false }), t);

    // The stations that match what was typed.
    let height = list.height as usize;
    let offset = scroll_offset(st.match_idx, st.matches.len(), height);
    let w = (list.width as usize).saturating_sub(label_w);
    let lines: Vec<Line> = st
        .matches
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, m)| {
            let text = if m.demo {
                format!("{} — {}", m.station.id, s::DEMO_LABEL.get(lang))
            } else if m.typed {
                format!("{} ({})", m.station.id, STATION_TYPED.get(lang))
            } else {
                // The municipality too: it is what a person searches by.
                let place = if m.station.municipality_name.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", m.station.municipality_name)
                };
                format!(
                    "{} {} {} ({}){place}",
                    m.station.id,
                    m.station.name,
                    m.station.postcode,
                    m.station.counting.code()
                )
            };
            let style = if i == st.match_idx {
                if st.focus == StartFocus::Station {
                    th.focus()
                } else {
                    th.title()
                }
            } else if m.demo {
                th.demo()
            } else {
                th.normal()
            };
            let marker = if i == st.match_idx { "▸ " } else { "  " };
            Line::from(vec![
                Span::raw(" ".repeat(label_w.saturating_sub(2))),
                Span::raw(marker),
                Span::styled(fit(&text, w), style),
            ])
        })
        .collect();
    if st.matches.is_empty() && !st.query.trim().is_empty() {
        let hint = wrap_words(NO_STATION_FOUND.get(lang), w)
            .into_iter()
            .map(|l| {
                Line::from(vec![
                    Span::raw(" ".repeat(label_w)),
                    Span::styled(l, th.warning()),
                ])
            })
            .collect::<Vec<_>>();
        frame.render_widget(Paragraph::new(hint), list);
        return;
    }
    frame.render_widget(Paragraph::new(lines), list);
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::tui::app::testing::*;

    use super::*;

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
}
