//! The compare screen: one sheet against the published results (issue 5, items 3 and 4).
//!
//! [`CompareView`] holds one [`Comparison`] and the messages of the files that could not
//! be read, and draws, top to bottom: the verdict, big (KLOPT / WIJKT AF / ONVOLLEDIG,
//! MATCH / MISMATCH / INCOMPLETE in English); the files that could not be read; the
//! likely patterns in plain words; the published file(s) with their SHA-256 in the
//! Kiesraad's notation; the F./W. checks on the published figures; then the field table,
//! differences first, then what was not observed, then what is equal.
//!
//! Published input can also be a sheet file of kind [`SheetKind::PvTranscription`]: a
//! published PV typed over from its PDF with the same screens as an observation (issue
//! 5 item 4). It joins the published stations with its own file fingerprint and is
//! compared the same way as an EML or CSV file.
//!
//! Without colour (`NO_COLOR`, [`Theme::mono`]) nothing is lost: the verdict is a word
//! in a reversed band, every table row starts with a symbol (`≠ = ? · !`) and carries
//! its status in words. Colours are named colours only.
//!
//! Self-contained like [`crate::tui::qr_view`]: it depends on ratatui, the domain, the
//! theme and the keymap's commands only; the compare screen (`screens/compare.rs`) holds
//! one and gives it the scroll commands the one `KEYMAP` binds in `Ctx::Compare`
//! ([`Scroll::for_command`]).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};
use tui_big_text::{BigText, PixelSize};

use crate::checks::Severity;
use crate::compare::{compare, Comparison, FieldComparison, FieldStatus, Verdict};
use crate::form::Form;
use crate::i18n::{Lang, Text};
use crate::published::Progress;
use crate::sheet::{FieldKey, Sheet, SheetKind};
use crate::tui::keymap::Command;
use crate::tui::theme::Theme;
use crate::words;

/// A scroll step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

impl Scroll {
    /// The step a command of the keymap means on the compare screen (`Ctx::Compare`:
    /// ↑ ↓ PgUp PgDn Home End), or `None` for the commands that are not a scroll. The
    /// keys themselves, the key bar and the `?` reference are the keymap's, as for
    /// every other screen.
    pub fn for_command(cmd: Command) -> Option<Scroll> {
        Some(match cmd {
            Command::Up => Scroll::Up,
            Command::Down => Scroll::Down,
            Command::PageUp => Scroll::PageUp,
            Command::PageDown => Scroll::PageDown,
            Command::First => Scroll::Home,
            Command::Last => Scroll::End,
            _ => return None,
        })
    }
}

/// What the last drawing could show: the largest useful offset and the lines per
/// page. Kept from the last frame so that a key press can clamp and page without
/// knowing the terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Viewport {
    max_offset: usize,
    page: usize,
}

/// The compare screen's state: the comparison of one sheet and how far it is scrolled.
#[derive(Debug, Clone)]
pub struct CompareView {
    comparison: Comparison,
    errors: Vec<Text>,
    /// Names for list and candidate rows (from the published file or the form).
    names: BTreeMap<FieldKey, String>,
    /// Whether the compared sheet is an observation or a transcription of the PV
    /// (heads the "observed" column accordingly).
    sheet_kind: SheetKind,
    /// Fingerprints of the published files that are PV transcriptions.
    transcriptions: Vec<String>,
    offset: usize,
    last: Cell<Option<Viewport>>,
}

impl CompareView {
    /// Reads the published files (files, directories, zips, and PV transcriptions made
    /// with meetel) and compares `sheet` with them. Files that cannot be read become
    /// messages on the screen; the others are still used. Quiet: no progress bar, as
    /// the terminal belongs to the TUI (run it on a thread for national-size input).
    pub fn load(sheet: &Sheet, published: &[PathBuf]) -> CompareView {
        CompareView::with_input(sheet, &read_published(published))
    }

    /// Compares `sheet` with published input read before (e.g. once for several
    /// sheets, or on a worker thread); its errors are shown as the files that could
    /// not be read.
    pub(crate) fn with_input(sheet: &Sheet, input: &PublishedInput) -> CompareView {
        let index = &input.index;
        let comparison = compare(sheet, index);
        let mut view = CompareView::from_comparison(comparison, input.errors.clone());
        view.sheet_kind = sheet.header.kind;
        view.transcriptions = input.transcriptions.clone();
        if view.comparison.station_name.is_some() {
            if let Some(used) = view.comparison.files.first() {
                let file = index
                    .files
                    .iter()
                    .find(|f| f.name() == used.name && f.sha256() == used.sha256);
                for (&n, name) in file.map(|f| &f.list_names).into_iter().flatten() {
                    if !name.is_empty() {
                        view.names.insert(FieldKey::List(n), name.clone());
                    }
                }
            }
        }
        view
    }

    /// A view of a comparison made elsewhere (tests, the CLI's results).
    pub(crate) fn from_comparison(comparison: Comparison, errors: Vec<Text>) -> CompareView {
        CompareView {
            comparison,
            errors,
            names: BTreeMap::new(),
            sheet_kind: SheetKind::Observation,
            transcriptions: Vec::new(),
            offset: 0,
            last: Cell::new(None),
        }
    }

    /// Takes list and candidate names from the sheet's form (the EML files name lists
    /// but not candidates).
    pub fn with_form(mut self, form: &Form) -> CompareView {
        for list in &form.election.lists {
            if !list.name.is_empty() {
                self.names
                    .insert(FieldKey::List(list.number), list.name.clone());
            }
            for c in &list.candidates {
                self.names.insert(
                    FieldKey::Candidate {
                        list: list.number,
                        candidate: c.number,
                    },
                    c.name.clone(),
                );
            }
        }
        self
    }

    pub fn comparison(&self) -> &Comparison {
        &self.comparison
    }

    pub fn verdict(&self) -> Verdict {
        self.comparison.verdict
    }

    /// The files that could not be read, one message each (file, position, why).
    pub fn errors(&self) -> &[Text] {
        &self.errors
    }

    /// The first line shown of the scrolling part.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Scrolls by one step; returns whether the view moved.
    pub fn scroll(&mut self, step: Scroll) -> bool {
        let vp = self.last.get().unwrap_or(Viewport {
            max_offset: usize::MAX,
            page: 10,
        });
        let before = self.offset.min(vp.max_offset);
        let page = vp.page.saturating_sub(1).max(1);
        let after = match step {
            Scroll::Up => before.saturating_sub(1),
            Scroll::Down => before.saturating_add(1),
            Scroll::PageUp => before.saturating_sub(page),
            Scroll::PageDown => before.saturating_add(page),
            Scroll::Home => 0,
            Scroll::End => vp.max_offset,
        }
        .min(vp.max_offset);
        self.offset = after;
        after != before
    }

    /// The widget that draws the screen, in colour unless `NO_COLOR` is set.
    pub fn widget(&self, lang: Lang) -> CompareWidget<'_> {
        CompareWidget {
            view: self,
            lang,
            theme: Theme::from_env(),
        }
    }
}

/// Published results read for comparing, with what could not be used.
pub(crate) use crate::compare::input::Published as PublishedInput;

/// Reads published input without printing anything (no progress bar on the TUI's
/// screen): see [`crate::compare::input::read_published`].
pub(crate) fn read_published(paths: &[PathBuf]) -> PublishedInput {
    crate::compare::input::read_published(paths, &mut Progress::quiet())
}

// ---------------------------------------------------------------------------------
// Words.

/// The verdict as a word: Dutch first, the language of the PV and the room.
pub(crate) fn verdict_word(verdict: Verdict, lang: Lang) -> &'static str {
    verdict.label().get(lang)
}

fn verdict_symbol(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Match => "✓",
        Verdict::Mismatch => "✗",
        Verdict::Incomplete => "?",
    }
}

/// A field's status in words and as a symbol, readable without colour.
pub(crate) fn status_words(f: &FieldComparison, lang: Lang) -> (&'static str, &'static str) {
    let symbol = match f.status {
        FieldStatus::Equal => "=",
        FieldStatus::Differs => "≠",
        FieldStatus::NotObserved if f.required => "?",
        // Not observed, and not needed for KLOPT: said short ("optional"), so that the
        // table keeps its description column at 80 columns.
        FieldStatus::NotObserved => "·",
        FieldStatus::NotPublished => "!",
    };
    (symbol, f.status_label().get(lang))
}

/// Differences first, then the required fields not observed, the optional ones, and
/// the equal fields; PV order within each.
fn rank(f: &FieldComparison) -> u8 {
    match f.status {
        FieldStatus::Differs | FieldStatus::NotPublished => 0,
        FieldStatus::NotObserved if f.required => 1,
        FieldStatus::NotObserved => 2,
        FieldStatus::Equal => 3,
    }
}

fn field_name(field: FieldKey, names: &BTreeMap<FieldKey, String>, lang: Lang) -> String {
    if let Some(n) = names.get(&field) {
        return n.clone();
    }
    field.label().get(lang).to_string()
}

/// Why the verdict is what it is, in one line.
fn reason(c: &Comparison, lang: Lang) -> String {
    c.reason().get(lang).to_string()
}

/// "45 velden: 43 gelijk, 2 wijken af" — the parts that are not zero.
fn tallies(c: &Comparison, lang: Lang) -> String {
    let count = |s: FieldStatus| c.fields.iter().filter(|f| f.status == s).count();
    let mut parts = Vec::new();
    let eq = count(FieldStatus::Equal);
    if eq > 0 {
        parts.push(format!("{eq} {}", words!("gelijk", "equal").get(lang)));
    }
    let d = count(FieldStatus::Differs);
    if d > 0 {
        let w = match d {
            1 => words!("wijkt af", "differs"),
            _ => words!("wijken af", "differ"),
        }
        .get(lang);
        parts.push(format!("{d} {w}"));
    }
    let no = count(FieldStatus::NotObserved);
    if no > 0 {
        parts.push(format!(
            "{no} {}",
            words!("niet waargenomen", "not observed").get(lang)
        ));
    }
    let np = count(FieldStatus::NotPublished);
    if np > 0 {
        parts.push(format!(
            "{np} {}",
            words!("niet gepubliceerd", "not published").get(lang)
        ));
    }
    let n = c.fields.len();
    let fields = match n {
        1 => words!("veld", "field"),
        _ => words!("velden", "fields"),
    }
    .get(lang);
    format!("{n} {fields}: {}", parts.join(", "))
}

// ---------------------------------------------------------------------------------
// Layout helpers.

fn width_of(s: &str) -> usize {
    Span::raw(s).width()
}

/// `s` cut to `width` columns, with `…` where it was cut.
fn fit(s: &str, width: usize) -> String {
    if width_of(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for ch in s.chars() {
        let cw = width_of(ch.encode_utf8(&mut [0; 4]));
        if w + cw + 1 > width {
            break;
        }
        out.push(ch);
        w += cw;
    }
    out.push('…');
    out
}

/// Word wrap to `width` columns, the first line after `first`, the others after
/// `rest` (both prefixes of the same width). Written here rather than left to
/// ratatui's `Paragraph` because the scroll needs the number of lines before drawing.
fn wrap(text: &str, width: usize, first: &str, rest: &str, style: Style) -> Vec<Line<'static>> {
    let indent = width_of(first);
    let avail = width.saturating_sub(indent).max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let word = if width_of(word) > avail {
            fit(word, avail)
        } else {
            word.to_string()
        };
        if cur.is_empty() {
            cur = word;
        } else if width_of(&cur) + 1 + width_of(&word) <= avail {
            cur.push(' ');
            cur.push_str(&word);
        } else {
            lines.push(std::mem::take(&mut cur));
            cur = word;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let prefix = if i == 0 { first } else { rest };
            Line::from(vec![Span::raw(prefix.to_string()), Span::styled(l, style)])
        })
        .collect()
}

fn heading(text: &str, th: Theme) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), th.title()))
}

/// The band behind the verdict: its colour where there is colour, reversed video
/// where there is none, so it stands out either way.
fn band_style(verdict: Verdict, th: Theme) -> Style {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    if !th.color {
        return bold.add_modifier(Modifier::REVERSED);
    }
    let bg = match verdict {
        Verdict::Match => Color::Green,
        Verdict::Mismatch => Color::Red,
        Verdict::Incomplete => Color::Yellow,
    };
    bold.fg(Color::Black).bg(bg)
}

fn verdict_style(verdict: Verdict, th: Theme) -> Style {
    match verdict {
        Verdict::Match => th.ok(),
        Verdict::Mismatch => th.error(),
        Verdict::Incomplete => th.warning(),
    }
    .add_modifier(Modifier::BOLD)
}

fn status_style(f: &FieldComparison, th: Theme) -> Style {
    match f.status {
        FieldStatus::Equal => th.ok(),
        FieldStatus::Differs | FieldStatus::NotPublished => th.error(),
        FieldStatus::NotObserved if f.required => th.warning(),
        FieldStatus::NotObserved => th.dim(),
    }
}

/// Column widths of the field table for a given width.
struct Columns {
    field: usize,
    name: usize,
    observed: usize,
    published: usize,
    difference: usize,
    status: usize,
}

const GAP: &str = "  ";

// ---------------------------------------------------------------------------------
// Drawing.

/// Draws a [`CompareView`]: see the module documentation for what goes where.
pub struct CompareWidget<'a> {
    view: &'a CompareView,
    lang: Lang,
    theme: Theme,
}

impl CompareWidget<'_> {
    /// With this theme instead of the one from the environment (e.g. [`Theme::mono`]).
    pub fn theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    fn observed_header(&self) -> &'static str {
        match self.view.sheet_kind {
            SheetKind::Observation => words!("waargenomen", "observed").get(self.lang),
            SheetKind::PvTranscription => words!("PV-overname", "transcribed").get(self.lang),
        }
    }

    /// Everything above the table, wrapped to `width`.
    fn summary(&self, width: usize) -> Vec<Line<'static>> {
        let (lang, th, c) = (self.lang, self.theme, &self.view.comparison);
        let mut out = Vec::new();
        if !self.view.errors.is_empty() {
            out.push(heading(
                &format!(
                    "{} ({}):",
                    words!("Kon niet lezen", "Could not read").get(lang),
                    self.view.errors.len()
                ),
                th,
            ));
            for e in &self.view.errors {
                out.extend(wrap(e.get(lang), width, "! ", "  ", th.error()));
            }
        }
        if !c.patterns.is_empty() {
            out.push(heading(
                words!(
                    "Mogelijke oorzaak (een aanwijzing, geen oordeel):",
                    "Likely cause (a hint, not a judgement):"
                )
                .get(lang),
                th,
            ));
            for p in &c.patterns {
                let text = p.describe();
                out.extend(wrap(text.get(lang), width, "• ", "  ", th.normal()));
            }
        }
        if c.files.is_empty() {
            out.push(heading(
                words!(
                    "Geen gepubliceerd bestand gelezen.",
                    "No published file was read."
                )
                .get(lang),
                th,
            ));
        } else {
            let title = match (c.station_name.is_some(), c.files.len()) {
                (true, 1) => words!("Gepubliceerd bestand:", "Published file:").get(lang),
                (true, _) => words!("Gepubliceerde bestanden:", "Published files:").get(lang),
                (false, _) => words!("Doorzochte bestanden:", "Files searched:").get(lang),
            };
            out.push(heading(title, th));
            for f in &c.files {
                let mut about = match &f.municipality {
                    Some(m) => format!("{} ({}, {m})", f.name, f.election),
                    None => format!("{} ({})", f.name, f.election),
                };
                if self.view.transcriptions.contains(&f.sha256) {
                    about.push_str(
                        words!(
                            " — overname van het gepubliceerde PV",
                            " — transcription of the published PV"
                        )
                        .get(lang),
                    );
                }
                out.extend(wrap(&about, width, "  ", "  ", th.normal()));
                out.extend(fingerprint_lines(&f.sha256, width, th));
            }
        }
        if c.station_name.is_some() {
            let title = words!(
                "Controles op de gepubliceerde cijfers",
                "Checks on the published figures"
            )
            .get(lang);
            if c.published_checks.is_empty() {
                out.push(Line::from(vec![
                    Span::styled(format!("{title}: "), th.title()),
                    Span::styled(
                        words!("geen meldingen", "nothing to report")
                            .get(lang)
                            .to_string(),
                        th.ok(),
                    ),
                ]));
            } else {
                out.push(heading(&format!("{title}:"), th));
                for r in &c.published_checks {
                    let (style, sev) = match r.severity {
                        Severity::Error => (th.error(), r.severity.label()),
                        Severity::Warning => (th.warning(), r.severity.label()),
                    };
                    let text = format!("{} ({}): {}", r.code, sev.get(lang), r.message.get(lang));
                    out.extend(wrap(&text, width, "  ", "  ", style));
                }
            }
        }
        for n in &c.notes {
            let label = words!("Opmerking: ", "Note: ").get(lang);
            out.extend(wrap(
                &format!("{label}{}", n.get(lang)),
                width,
                "",
                "  ",
                th.normal(),
            ));
        }
        out
    }

    fn columns(&self, rows: &[&FieldComparison], width: usize) -> Columns {
        let lang = self.lang;
        let num = |v: Option<u32>| v.map_or(0, |v| v.to_string().len());
        let field = rows
            .iter()
            .map(|f| width_of(&f.field.to_string()))
            .max()
            .unwrap_or(0)
            .max(width_of(words!("veld", "field").get(lang)))
            // Long explanation keys (`X.too-many-postal`) are cut on narrow screens;
            // the description column names them in full.
            .min(if width >= 100 { 18 } else { 12 });
        let observed = rows
            .iter()
            .map(|f| num(f.observed))
            .max()
            .unwrap_or(0)
            .max(width_of(self.observed_header()));
        let published = rows
            .iter()
            .map(|f| num(f.published))
            .max()
            .unwrap_or(0)
            .max(width_of(words!("gepubliceerd", "published").get(lang)));
        let difference = rows
            .iter()
            .map(|f| f.difference.map_or(0, |d| format!("{d:+}").len()))
            .max()
            .unwrap_or(0)
            .max(width_of(words!("verschil", "difference").get(lang)));
        let status = rows
            .iter()
            .map(|f| width_of(status_words(f, lang).1))
            .max()
            .unwrap_or(0)
            .max(width_of("status"));
        let fixed = 2 + field + 2 + observed + 2 + published + 2 + difference + 2 + status;
        let longest_name = rows
            .iter()
            .map(|f| width_of(&field_name(f.field, &self.view.names, lang)))
            .max()
            .unwrap_or(0)
            .max(width_of(words!("omschrijving", "description").get(lang)));
        // The description only where at least 10 columns of it fit.
        let name = match width.checked_sub(fixed + 2) {
            Some(room) if room >= 10 => room.min(longest_name),
            _ => 0,
        };
        Columns {
            field,
            name,
            observed,
            published,
            difference,
            status,
        }
    }

    /// In place of the table when the station was not found.
    fn no_fields(&self, width: usize) -> Vec<Line<'static>> {
        let text = words!(
            "Geen velden om te vergelijken: het stembureau is niet gevonden.",
            "No fields to compare: the polling station was not found."
        )
        .get(self.lang);
        wrap(text, width, "", "", self.theme.dim())
    }

    /// The table: its header line and one line per field, sorted.
    fn table(&self, width: usize) -> (Line<'static>, Vec<Line<'static>>) {
        let (lang, th) = (self.lang, self.theme);
        let mut rows: Vec<&FieldComparison> = self.view.comparison.fields.iter().collect();
        rows.sort_by_key(|f| rank(f));
        let cols = self.columns(&rows, width);
        let cell = |text: &str, w: usize, right: bool| {
            let text = fit(text, w);
            let pad = " ".repeat(w.saturating_sub(width_of(&text)));
            if right {
                format!("{pad}{text}")
            } else {
                format!("{text}{pad}")
            }
        };
        let mut head = vec![
            Span::raw("  "),
            Span::raw(cell(words!("veld", "field").get(lang), cols.field, false)),
        ];
        if cols.name > 0 {
            head.push(Span::raw(GAP));
            head.push(Span::raw(cell(
                words!("omschrijving", "description").get(lang),
                cols.name,
                false,
            )));
        }
        for (text, w) in [
            (self.observed_header(), cols.observed),
            (
                words!("gepubliceerd", "published").get(lang),
                cols.published,
            ),
            (words!("verschil", "difference").get(lang), cols.difference),
        ] {
            head.push(Span::raw(GAP));
            head.push(Span::raw(cell(text, w, true)));
        }
        head.push(Span::raw(GAP));
        head.push(Span::raw(cell("status", cols.status, false)));
        let header = Line::from(head).style(th.title().add_modifier(Modifier::UNDERLINED));

        let mut lines = Vec::with_capacity(rows.len());
        let num = |v: Option<u32>| v.map_or(String::new(), |v| v.to_string());
        for f in rows {
            let (symbol, words) = status_words(f, lang);
            let style = status_style(f, th);
            let strong = if f.is_difference() {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                th.normal()
            };
            let diff = match f.difference {
                Some(0) => "0".to_string(),
                Some(d) => format!("{d:+}"),
                None => String::new(),
            };
            let mut spans = vec![
                Span::styled(format!("{symbol} "), style),
                Span::styled(cell(&f.field.to_string(), cols.field, false), strong),
            ];
            if cols.name > 0 {
                spans.push(Span::raw(GAP));
                spans.push(Span::styled(
                    cell(
                        &field_name(f.field, &self.view.names, lang),
                        cols.name,
                        false,
                    ),
                    th.dim(),
                ));
            }
            spans.push(Span::raw(GAP));
            spans.push(Span::styled(
                cell(&num(f.observed), cols.observed, true),
                strong,
            ));
            spans.push(Span::raw(GAP));
            spans.push(Span::styled(
                cell(&num(f.published), cols.published, true),
                strong,
            ));
            spans.push(Span::raw(GAP));
            spans.push(Span::styled(cell(&diff, cols.difference, true), strong));
            spans.push(Span::raw(GAP));
            spans.push(Span::styled(cell(words, cols.status, false), style));
            lines.push(Line::from(spans));
        }
        (header, lines)
    }

    /// The verdict band, three rows: used below 120×30.
    fn small_banner(&self, area: Rect, buf: &mut Buffer) {
        let (lang, th, c) = (self.lang, self.theme, &self.view.comparison);
        let word = format!(
            " {} {} ",
            verdict_symbol(c.verdict),
            verdict_word(c.verdict, lang)
        );
        let band_w = (width_of(&word) as u16 + 4).max(16).min(area.width);
        let band = band_style(c.verdict, th);
        for row in 0..area.height.min(3) {
            buf.set_style(Rect::new(area.x, area.y + row, band_w, 1), band);
        }
        if area.height >= 2 {
            let x = area.x + band_w.saturating_sub(width_of(&word) as u16) / 2;
            buf.set_stringn(x, area.y + 1, &word, band_w as usize, band);
        }
        let x = area.x + band_w + 2;
        let w = area.width.saturating_sub(band_w + 2) as usize;
        self.banner_text(x, area.y, w, area.height.min(3), buf);
    }

    /// The verdict in big letters, four rows: used from 120×30.
    fn big_banner(&self, area: Rect, buf: &mut Buffer) {
        let (lang, th, c) = (self.lang, self.theme, &self.view.comparison);
        let word = verdict_word(c.verdict, lang);
        // 8×8 font: 8 columns a letter in half height, 4 in quadrants.
        let letters = word.chars().count() as u16;
        let (pixel, letter_w) = if area.width >= letters * 8 + 60 {
            (PixelSize::HalfHeight, 8)
        } else {
            (PixelSize::Quadrant, 4)
        };
        let big_w = (letters * letter_w).min(area.width);
        let big = BigText::builder()
            .pixel_size(pixel)
            .style(verdict_style(c.verdict, th))
            .lines(vec![word.into()])
            .build();
        big.render(Rect::new(area.x, area.y, big_w, area.height.min(4)), buf);
        let x = area.x + big_w + 3;
        let w = area.width.saturating_sub(big_w + 3) as usize;
        // The verdict in plain letters too, for screen readers and for copying.
        let title = format!(
            "{} {}",
            verdict_symbol(c.verdict),
            verdict_word(c.verdict, lang)
        );
        buf.set_stringn(x, area.y, fit(&title, w), w, band_style(c.verdict, th));
        self.banner_text(x, area.y + 1, w, area.height.saturating_sub(1).min(3), buf);
    }

    /// Station, election with the tally of statuses, and the reason: up to three rows.
    fn banner_text(&self, x: u16, y: u16, w: usize, rows: u16, buf: &mut Buffer) {
        let (lang, th, c) = (self.lang, self.theme, &self.view.comparison);
        let station = match c.station_name.as_deref() {
            Some(n) if !n.is_empty() => format!("{} {n}", c.station),
            _ => c.station.to_string(),
        };
        let election = if c.fields.is_empty() {
            c.election.clone()
        } else {
            format!("{} · {}", c.election, tallies(c, lang))
        };
        let texts = [
            (station, th.title()),
            (election, th.normal()),
            (reason(c, lang), verdict_style(c.verdict, th)),
        ];
        for (i, (text, style)) in texts.into_iter().enumerate().take(rows as usize) {
            buf.set_stringn(x, y + i as u16, fit(&text, w), w, style);
        }
    }
}

/// A fingerprint is never cut: on one line with its label when there is room, else
/// in two halves of eight groups.
fn fingerprint_lines(sha: &str, width: usize, th: Theme) -> Vec<Line<'static>> {
    let label = "  SHA-256 ";
    if width_of(label) + width_of(sha) <= width {
        return vec![Line::from(vec![
            Span::raw(label.to_string()),
            Span::styled(sha.to_string(), th.accent()),
        ])];
    }
    let groups: Vec<&str> = sha.split(' ').collect();
    let half = groups.len().div_ceil(2);
    vec![
        Line::from(vec![
            Span::raw(label.to_string()),
            Span::styled(groups[..half].join(" "), th.accent()),
        ]),
        Line::from(vec![
            Span::raw(" ".repeat(width_of(label))),
            Span::styled(groups[half..].join(" "), th.accent()),
        ]),
    ]
}

/// Draws `lines` from `offset` with a scrollbar when they do not fit; the line at
/// `header` (the table's column heads) stays at the top once scrolled past.
fn draw_pane(
    lines: &[Line<'static>],
    header: Option<usize>,
    offset: usize,
    area: Rect,
    buf: &mut Buffer,
) -> Viewport {
    let h = area.height as usize;
    if h == 0 {
        return Viewport {
            max_offset: 0,
            page: 1,
        };
    }
    let len = lines.len();
    let max_offset = if len <= h {
        0
    } else {
        match header {
            // Past the header one row goes to the sticky copy.
            Some(hi) if len + 1 - h > hi => len + 1 - h,
            _ => len - h,
        }
    };
    let offset = offset.min(max_offset);
    let sticky = matches!(header, Some(hi) if hi < offset && h > 1);
    let text_w = area.width.saturating_sub(1);
    let mut row = 0u16;
    if sticky {
        if let Some(hi) = header {
            buf.set_line(area.x, area.y, &lines[hi], text_w);
            row = 1;
        }
    }
    for line in lines.iter().skip(offset) {
        if row >= area.height {
            break;
        }
        buf.set_line(area.x, area.y + row, line, text_w);
        row += 1;
    }
    if max_offset > 0 {
        let mut state = ScrollbarState::new(max_offset + 1).position(offset);
        Scrollbar::new(ScrollbarOrientation::VerticalRight).render(area, buf, &mut state);
    }
    Viewport {
        max_offset,
        page: h - usize::from(sticky),
    }
}

impl Widget for CompareWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let c = &self.view.comparison;
        if area.width < 24 || area.height < 6 {
            let word = format!(
                "{} {}",
                verdict_symbol(c.verdict),
                verdict_word(c.verdict, self.lang)
            );
            buf.set_stringn(
                area.x,
                area.y,
                word,
                area.width as usize,
                band_style(c.verdict, self.theme),
            );
            return;
        }
        let wide = area.width >= 120 && area.height >= 30;
        let banner_h: u16 = if wide { 5 } else { 3 };
        let banner = Rect::new(area.x, area.y, area.width, banner_h.min(area.height));
        if wide {
            self.big_banner(banner, buf);
        } else {
            self.small_banner(banner, buf);
        }
        let body = Rect::new(
            area.x,
            area.y + banner.height,
            area.width,
            area.height - banner.height,
        );
        // Side by side when wide and the summary fits beside the table.
        if wide {
            let left_w = area.width * 9 / 20;
            let summary = self.summary(left_w as usize);
            if summary.len() <= body.height as usize {
                for (i, line) in summary.iter().enumerate() {
                    buf.set_line(body.x, body.y + i as u16, line, left_w);
                }
                let right = Rect::new(
                    body.x + left_w + 2,
                    body.y,
                    body.width - left_w - 2,
                    body.height,
                );
                // Two columns kept free: a space, then the scrollbar.
                let width = right.width as usize - 2;
                let (lines, header) = if c.fields.is_empty() {
                    (self.no_fields(width), None)
                } else {
                    let (header, rows) = self.table(width);
                    let mut lines = Vec::with_capacity(rows.len() + 1);
                    lines.push(header);
                    lines.extend(rows);
                    (lines, Some(0))
                };
                let vp = draw_pane(&lines, header, self.view.offset, right, buf);
                self.view.last.set(Some(vp));
                return;
            }
        }
        // One scrolling column: summary, a blank line, the table.
        // Two columns kept free: a space, then the scrollbar.
        let width = body.width as usize - 2;
        // No blank line under the band: at 24 rows every row counts.
        let mut lines = self.summary(width);
        lines.push(Line::default());
        let header_at = if c.fields.is_empty() {
            lines.extend(self.no_fields(width));
            None
        } else {
            let (header, rows) = self.table(width);
            lines.push(header);
            lines.extend(rows);
            Some(lines.len() - 1 - c.fields.len())
        };
        let vp = draw_pane(&lines, header_at, self.view.offset, body, buf);
        self.view.last.set(Some(vp));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Pattern;
    use crate::election::StationId;
    use crate::sheet::PvField;

    fn comparison(fields: Vec<FieldComparison>, verdict: Verdict) -> Comparison {
        Comparison {
            station: "0668::SB1".parse::<StationId>().unwrap(),
            station_name: Some("Stembureau Gemeentehuis".into()),
            election: "TK2025".into(),
            verdict,
            patterns: crate::compare::patterns::detect(&fields),
            fields,
            files: Vec::new(),
            published_checks: Vec::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn wrap_keeps_words_and_width() {
        let lines = wrap(
            "lijsten 1 en 2 lijken verwisseld: E.1 heeft het getal van E.2",
            20,
            "• ",
            "  ",
            Style::new(),
        );
        assert!(lines.len() >= 3);
        for l in &lines {
            assert!(l.width() <= 20, "{l:?}");
        }
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans[1].content.to_string())
            .collect();
        assert_eq!(
            text.join(" "),
            "lijsten 1 en 2 lijken verwisseld: E.1 heeft het getal van E.2"
        );
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 6), "abcdef");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abcdef", 0), "");
    }

    #[test]
    fn fingerprint_is_split_never_cut() {
        let sha = "d66b 851c a97d 2fce 0000 1111 2222 3333 4444 5555 6666 7777 8888 9999 aaaa bbbb";
        let one = fingerprint_lines(sha, 100, Theme::mono());
        assert_eq!(one.len(), 1);
        let two = fingerprint_lines(sha, 60, Theme::mono());
        assert_eq!(two.len(), 2);
        let joined: String = two
            .iter()
            .map(|l| l.spans[1].content.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, sha);
    }

    #[test]
    fn differences_sort_first_then_not_observed_then_equal() {
        let a = FieldKey::Pv(PvField::A);
        let b = FieldKey::Pv(PvField::B);
        let c = FieldKey::Pv(PvField::C);
        let fields = [
            FieldComparison::new(a, Some(1), Some(1), true),
            FieldComparison::new(b, None, Some(2), true),
            FieldComparison::new(c, Some(3), Some(4), true),
        ];
        let mut rows: Vec<&FieldComparison> = fields.iter().collect();
        rows.sort_by_key(|f| rank(f));
        let order: Vec<FieldKey> = rows.iter().map(|f| f.field).collect();
        assert_eq!(order, vec![c, b, a]);
    }

    fn rows_of(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn draws_at_any_size_without_panicking() {
        let a = FieldKey::Pv(PvField::A);
        let fields = vec![
            FieldComparison::new(a, Some(123), Some(132), true),
            FieldComparison::new(FieldKey::List(1), Some(20), Some(30), true),
            FieldComparison::new(FieldKey::List(2), Some(30), Some(20), true),
            FieldComparison::new(FieldKey::List(3), None, Some(5), true),
        ];
        let mut found = comparison(fields, Verdict::Mismatch);
        found
            .notes
            .push(crate::i18n::Text::new("een notitie", "a note"));
        let mut missing = comparison(Vec::new(), Verdict::Mismatch);
        missing.station_name = None;
        missing.patterns = vec![Pattern::StationMissing {
            station: "0668::SB99".into(),
        }];
        let errors = vec![Text::same("x.xml: byte 12: truncated"); 3];
        for c in [found, missing] {
            let mut view = CompareView::from_comparison(c, errors.clone());
            for (w, h) in [
                (1, 1),
                (10, 3),
                (23, 5),
                (24, 6),
                (40, 8),
                (80, 24),
                (119, 29),
                (120, 30),
                (121, 31),
                (160, 48),
                (250, 70),
            ] {
                for lang in [Lang::Nl, Lang::En] {
                    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                    view.widget(lang)
                        .theme(Theme::mono())
                        .render(buf.area, &mut buf);
                    let word = verdict_word(Verdict::Mismatch, lang);
                    // From 12 columns the verdict word is always on screen.
                    assert!(
                        w < 12
                            || rows_of(&buf)
                                .iter()
                                .any(|r| r.contains(word.split(' ').next().unwrap())),
                        "{w}x{h}"
                    );
                    view.scroll(Scroll::End);
                }
            }
        }
    }

    #[test]
    fn a_transcription_heads_its_column_as_such() {
        let fields = vec![FieldComparison::new(
            FieldKey::Pv(PvField::A),
            Some(1),
            Some(1),
            true,
        )];
        let mut view = CompareView::from_comparison(comparison(fields, Verdict::Match), vec![]);
        view.sheet_kind = SheetKind::PvTranscription;
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
        view.widget(Lang::Nl).render(buf.area, &mut buf);
        assert!(rows_of(&buf).iter().any(|r| r.contains("PV-overname")));
    }

    #[test]
    fn scrolling_stops_at_both_ends() {
        let fields: Vec<FieldComparison> = (1..=60)
            .map(|n| FieldComparison::new(FieldKey::List(n), Some(n), Some(n), true))
            .collect();
        let mut view = CompareView::from_comparison(comparison(fields, Verdict::Match), vec![]);
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
        view.widget(Lang::Nl).render(buf.area, &mut buf);
        assert!(!view.scroll(Scroll::Up));
        assert!(view.scroll(Scroll::End));
        let end = view.offset();
        assert!(end > 0);
        assert!(!view.scroll(Scroll::Down));
        assert_eq!(view.offset(), end);
        assert!(view.scroll(Scroll::Home));
        assert_eq!(view.offset(), 0);
    }
}
