//! The count screen: the station's own N 10-1, section 2, in its order, so the observer
//! can keep pace: A–D, E.1…E.n, E, F, G, H, the D/H comparison with I and J and the
//! explanation, and the live checks beside (or below) it.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::i18n::Lang;
use crate::sheet::FieldKey;
use crate::tui::app::{App, Row, Session};
use crate::tui::i18n as s;
use crate::tui::screens::{
    beside_checks, checks_panel, fit, flagged, scroll_offset, style_for, value_text,
};

pub fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
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
    let hint = if focused {
        if app.lang == Lang::Nl {
            " ← → kiezen"
        } else {
            " ← → choose"
        }
    } else {
        ""
    };
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
pub fn field_label(sess: &Session, field: FieldKey, lang: Lang) -> String {
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
