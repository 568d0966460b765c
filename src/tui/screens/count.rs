//! The count screen: the station's own N 10-1, section 2, in its order, so the observer
//! can keep pace: A–D, E.1…E.n, E, F, G, H, the D/H comparison with I and J and the
//! explanation, and the live checks beside (or below) it.
//!
//! Keys (`Ctx::Count`): digits type a figure into the field under the cursor, Enter
//! records it and moves on, Delete empties a field (not observed), Backspace takes off a
//! digit, ← → choose a box in 2.3. A figure is recorded only by Enter or by moving away.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::form::Form;
use crate::i18n::{Lang, Text};
use crate::sheet::{DhTick, Explained, Explanation, FieldKey, Op, PvField, Sheet};
use crate::tui::app::{App, Session};
use crate::tui::i18n as s;
use crate::tui::keymap::Command;
use crate::tui::screens::{
    beside_checks, checks_panel, cycle, fit, flagged, scroll_offset, style_for, value_text,
};

const SEC_ADMITTED: &Text = &Text::fixed("2.1 Toegelaten kiezers", "2.1 Admitted voters");
const SEC_VOTES: &Text = &Text::fixed("2.2 Uitgebrachte stemmen", "2.2 Votes cast");
const SEC_DIFFERENCE: &Text = &Text::fixed(
    "2.3 Verschil tussen D en H",
    "2.3 Difference between D and H",
);
const EXPLANATIONS: &Text = &Text::fixed("Verklaringen", "Explanations");
const CHOOSE: &Text = &Text::fixed(" ← → kiezen", " ← → choose");

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

/// The rows of the count screen for a form: 2.1 A–D, 2.2 E.1…E.n, E, F, G, H, 2.3.
pub(crate) fn count_rows(form: &Form, sheet: &Sheet) -> Vec<Row> {
    let mut rows = vec![Row::Section(SEC_ADMITTED)];
    for f in [PvField::A, PvField::B, PvField::C, PvField::D] {
        if form.has_field(f) {
            rows.push(Row::Field(FieldKey::Pv(f)));
        }
    }
    rows.push(Row::Section(SEC_VOTES));
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
    rows.push(Row::Section(SEC_DIFFERENCE));
    rows.push(Row::DhTick);
    for f in [PvField::I, PvField::J] {
        if form.has_field(f) {
            rows.push(Row::Field(FieldKey::Pv(f)));
        }
    }
    rows.push(Row::Explained);
    rows.push(Row::Section(EXPLANATIONS));
    rows.extend(
        Explanation::ALL
            .into_iter()
            .map(|x| Row::Field(FieldKey::Explanation(x))),
    );
    rows
}

/// The cursor over a column of figures, with the figure being typed: the count screen's
/// and the candidates screen's, which take the same keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub index: usize,
    pub(crate) edit: Option<String>,
}

impl Cursor {
    /// A digit typed into the figure under the cursor.
    pub(crate) fn push_digit(&mut self, c: char) {
        let buf = self.edit.get_or_insert_with(String::new);
        // Seven digits is far above any station's count and keeps the figure in a u32.
        if buf.len() < 7 {
            if buf == "0" {
                buf.clear();
            }
            buf.push(c);
        }
    }

    /// Backspace takes off the last digit, as in any text field. On a recorded figure
    /// it starts editing that figure without its last digit: nothing is recorded until
    /// Enter, and Esc brings the figure back. (Emptying a field is Delete's job: one
    /// stray Backspace must not wipe a figure typed an hour ago.)
    pub(crate) fn erase_digit(&mut self, recorded: Option<u32>) {
        match self.edit.as_mut() {
            Some(buf) => {
                buf.pop();
            }
            None => {
                if let Some(v) = recorded {
                    let mut buf = v.to_string();
                    buf.pop();
                    self.edit = Some(buf);
                }
            }
        }
    }

    /// A pasted figure: its digits, still to be confirmed.
    pub(crate) fn paste(&mut self, text: &str) {
        for c in text.chars().filter(|c| c.is_ascii_digit()) {
            self.push_digit(c);
        }
    }
}

// ---------------------------------------------------------------- keys

/// A key on the count screen.
pub(crate) fn on_command(app: &mut App, cmd: Command, key: &KeyEvent) {
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
                sess.count.push_digit(c);
            }
        }
        Command::Erase => {
            if let Some(Row::Field(field)) = row {
                sess.count.erase_digit(sess.sheet().value(field));
            }
        }
        Command::Clear => {
            sess.count.edit = None;
            clear_row(app);
        }
        Command::Cancel => sess.count.edit = None,
        Command::Confirm => {
            app.commit_pending();
            if !app.failed() {
                move_cursor(app, 1, 1);
            }
        }
        Command::Down => move_cursor(app, 1, 1),
        Command::Up => move_cursor(app, -1, 1),
        Command::PageDown => move_cursor(app, 1, 10),
        Command::PageUp => move_cursor(app, -1, 10),
        Command::First => move_cursor(app, -1, usize::MAX / 2),
        Command::Last => move_cursor(app, 1, usize::MAX / 2),
        Command::CycleNext | Command::CyclePrev => {
            let fwd = cmd == Command::CycleNext;
            let op = match row {
                Some(Row::DhTick) => Op::SetDhTick(cycle(&DhTick::ALL, sess.sheet().dh_tick, fwd)),
                Some(Row::Explained) => {
                    Op::SetExplained(cycle(&Explained::ALL, sess.sheet().explained, fwd))
                }
                _ => return,
            };
            app.edit(op);
        }
        _ => {}
    }
}

/// A paste on the count screen: a figure for the field under the cursor.
pub(crate) fn paste(app: &mut App, text: &str) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    if !sess.is_sealed() && matches!(sess.count_row(), Some(Row::Field(_))) {
        sess.count.paste(text);
    }
}

/// Delete: the row under the cursor back to not observed.
fn clear_row(app: &mut App) {
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
    app.edit(op);
}

/// Moves the cursor `times` rows in `dir` (±1), recording the figure typed first; a
/// figure that could not be recorded keeps the cursor where it is.
fn move_cursor(app: &mut App, dir: isize, times: usize) {
    app.commit_pending();
    if app.failed() && app.session.as_ref().is_some_and(|s| s.count.edit.is_some()) {
        return;
    }
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    sess.count.index = step(&sess.rows, sess.count.index, dir, times);
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

// ---------------------------------------------------------------- drawing

pub(crate) fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let (form_area, checks_area) = beside_checks(area, (area.height / 3).clamp(4, 8));
    draw_rows(app, sess, frame, form_area);
    checks_panel(app, sess, frame, checks_area);
}

fn draw_rows(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = app.theme;
    let title = format!(
        " {} — {} ",
        s::SCREEN_COUNT.get(lang),
        sess.form().category.name.get(lang)
    );
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let offset = scroll_offset(sess.count.index, sess.rows.len(), height);
    let width = inner.width as usize;
    // key | label | value | source
    let key_w = 7;
    let value_w = 9;
    // Room after the figure for "getypt · geturfd 1234" when a typed figure and a
    // tally stand side by side; on a narrow screen only when one does, so that the
    // labels keep the room otherwise.
    let any_note = sess
        .rows
        .iter()
        .any(|r| matches!(r, Row::Field(f) if sess.sheet().tallies.contains_key(f)));
    let note_w = if width >= 80 || any_note { 21 } else { 0 };
    let label_w = width.saturating_sub(key_w + value_w + 1 + note_w).min(46);
    let columns = (key_w, label_w, value_w);
    let mut lines = Vec::with_capacity(height);
    for (i, row) in sess.rows.iter().enumerate().skip(offset).take(height) {
        let focused = i == sess.count.index;
        let line = match row {
            Row::Section(t) => Line::from(Span::styled(t.get(lang), th.title())),
            Row::Field(field) => {
                let label = field_label(sess, *field, lang);
                let (value, note) = match (&sess.count.edit, focused) {
                    (Some(buf), true) => (format!("{buf}▏"), None),
                    _ => value_text(sess, *field, lang),
                };
                let mark = match flagged(sess, *field) {
                    Some(crate::checks::Severity::Error) => "!",
                    Some(_) => "?",
                    None => " ",
                };
                let key_style = style_for(flagged(sess, *field), th);
                // An explanation's key (`X.taken-away`) does not fit the key column
                // and says nothing the label does not: the section title names them.
                let key = match field {
                    FieldKey::Explanation(_) => String::new(),
                    f => f.to_string(),
                };
                let val_style = if focused { th.focus() } else { th.normal() };
                Line::from(vec![
                    Span::styled(format!("{mark}{}", fit(&key, key_w - 1)), key_style),
                    Span::raw(fit(&label, label_w)),
                    Span::raw(" "),
                    Span::styled(format!("{value:>w$}", w = value_w), val_style),
                    Span::styled(note.map(|n| format!(" {n}")).unwrap_or_default(), th.dim()),
                ])
            }
            Row::DhTick => choice_line(
                s::DH_TICK.get(lang),
                sess.sheet().dh_tick.map(|t| t.label().get(lang)),
                focused,
                columns,
                app,
            ),
            Row::Explained => choice_line(
                s::EXPLAINED.get(lang),
                sess.sheet().explained.map(|e| e.label().get(lang)),
                focused,
                columns,
                app,
            ),
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A choice row (2.3): the widths of the key, label and value columns.
fn choice_line(
    label: &str,
    value: Option<&str>,
    focused: bool,
    (key_w, label_w, value_w): (usize, usize, usize),
    app: &App,
) -> Line<'static> {
    let th = app.theme;
    let v = value.unwrap_or(s::NOT_OBSERVED.get(app.lang));
    let style = if focused { th.focus() } else { th.normal() };
    let hint = if focused { CHOOSE.get(app.lang) } else { "" };
    // A choice wider than the figures' column ("geen vakje", "geen van beide") takes
    // its room from the label, so that its right edge and the hint after it stay in
    // line with the figures above and below.
    let v_w = v.chars().count().max(value_w);
    Line::from(vec![
        Span::raw(" ".repeat(key_w)),
        Span::raw(fit(label, label_w.saturating_sub(v_w - value_w))),
        Span::raw(" "),
        Span::styled(format!("{v:>v_w$}"), style),
        Span::styled(hint.to_string(), th.dim()),
    ])
}

/// The label of a count: the PV's words, or the list's name.
pub(crate) fn field_label(sess: &Session, field: FieldKey, lang: Lang) -> String {
    match field {
        FieldKey::Pv(p) => p.label().get(lang).to_string(),
        FieldKey::List(n) => match sess.form().list(n) {
            Some(l) if !l.name.is_empty() => l.name.clone(),
            _ => format!("{} {n}", s::LIST.get(lang)),
        },
        FieldKey::ListPage(n) => format!("{} {n}", s::LIST_PAGE_TOTAL.get(lang)),
        FieldKey::Candidate { list, candidate } => sess
            .form()
            .list(list)
            .and_then(|l| l.candidates.iter().find(|c| c.number == candidate))
            .map(|c| c.name.clone())
            .unwrap_or_else(|| format!("{candidate}")),
        FieldKey::Explanation(x) => x.label().get(lang).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::app::testing::*;
    use crossterm::event::KeyCode;

    use super::*;

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
}
