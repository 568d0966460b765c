//! The per-candidate votes of one list (PV section 2.4, only at DSO stations), with the
//! list's total on its candidate page and the sum of what was typed, side by side.
//!
//! Keys (`Ctx::Candidates`): the count screen's figure keys, and ← → `[` `]` for the
//! previous and next list.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::election::CountingMethod;
use crate::i18n::Text;
use crate::sheet::{FieldKey, Op};
use crate::tui::app::{App, Screen, Session};
use crate::tui::i18n as s;
use crate::tui::keymap::Command;
use crate::tui::screens::count::Row;
use crate::tui::screens::{
    beside_checks, checks_panel, fit, flagged, scroll_offset, style_for, value_text,
};

const CSO_NO_CANDIDATES: &Text = &Text::fixed(
    "Dit stembureau telt centraal (CSO, N 10-2): per kandidaat telt de gemeente de volgende dag.",
    "This station counts centrally (CSO, N 10-2): the municipality counts per candidate the next day.",
);
const NO_CANDIDATES: &Text = &Text::fixed(
    "Voor deze lijst zijn geen kandidaten bekend in het formulier.",
    "The form knows no candidates for this list.",
);
const SUM_OF_CANDIDATES: &Text = &Text::fixed("som kandidaten", "sum of candidates");

/// F3 or `k`: the candidates of the list under the count cursor.
pub(crate) fn open(app: &mut App) {
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
    app.go(Screen::Candidates);
}

/// A key on the candidates screen.
pub(crate) fn on_command(app: &mut App, cmd: Command, key: &KeyEvent) {
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
                sess.cand.push_digit(c);
            }
        }
        Command::Erase => {
            if let Some(&field) = rows.get(sess.cand.index) {
                sess.cand.erase_digit(sess.sheet().value(field));
            }
        }
        Command::Clear => {
            sess.cand.edit = None;
            if let Some(&field) = rows.get(sess.cand.index) {
                if sess.sheet().counts.contains_key(&field) {
                    app.edit(Op::SetCount { field, value: None });
                }
            }
        }
        Command::Cancel if sess.cand.edit.take().is_none() => app.go(Screen::Count),
        Command::Confirm
        | Command::Down
        | Command::Up
        | Command::PageDown
        | Command::PageUp
        | Command::First
        | Command::Last => {
            app.commit_pending();
            if app.failed() {
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
            if !app.commit_pending() {
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

/// A paste on the candidates screen: a figure for the candidate under the cursor.
pub(crate) fn paste(app: &mut App, text: &str) {
    if let Some(sess) = app.session.as_mut().filter(|s| !s.is_sealed()) {
        sess.cand.paste(text);
    }
}

// ---------------------------------------------------------------- drawing

pub(crate) fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let (main, checks) = beside_checks(area, 5);
    draw_list(app, sess, frame, main);
    checks_panel(app, sess, frame, checks);
}

fn draw_list(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = app.theme;
    let list = sess.cand_list;
    let name = sess
        .form()
        .list(list)
        .map(|l| l.name.clone())
        .unwrap_or_default();
    let rows = sess.cand_rows();
    let n_cands = rows.len() - 1;
    let title = format!(" {} {list} — {name} ({n_cands}) ", s::LIST.get(lang));
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The footer: the page total, then the sum typed so far against E.n. On a narrow
    // screen they take two lines, so that no figure is ever cut (a cut "E.1 = 568"
    // would read "E.1 = 5").
    let foot_h = if inner.width < 100 { 2 } else { 1 };
    let [body, foot] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(foot_h)]).areas(inner);

    if sess.sheet().header.station.counting == CountingMethod::Cso || n_cands == 0 {
        let text = if sess.sheet().header.station.counting == CountingMethod::Cso {
            CSO_NO_CANDIDATES
        } else {
            NO_CANDIDATES
        };
        frame.render_widget(
            Paragraph::new(text.get(lang)).wrap(Wrap { trim: true }),
            body,
        );
    } else {
        let height = body.height as usize;
        let cand_rows = &rows[..n_cands];
        let offset = scroll_offset(
            sess.cand.index.min(n_cands.saturating_sub(1)),
            n_cands,
            height,
        );
        let width = body.width as usize;
        let value_w = 9;
        let loc_w = if width >= 90 { 20 } else { 0 };
        let name_w = width.saturating_sub(5 + value_w + loc_w + 2);
        let lines: Vec<Line> = cand_rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, field)| {
                let FieldKey::Candidate { candidate, .. } = *field else {
                    return Line::from("");
                };
                let c = sess
                    .form()
                    .list(list)
                    .and_then(|l| l.candidates.iter().find(|c| c.number == candidate));
                let focused = i == sess.cand.index;
                let (value, note) = match (&sess.cand.edit, focused) {
                    (Some(buf), true) => (format!("{buf}▏"), None),
                    _ => value_text(sess, *field, lang),
                };
                let mut spans = vec![
                    Span::styled(
                        format!("{candidate:>4} "),
                        style_for(flagged(sess, *field), th),
                    ),
                    Span::raw(fit(c.map(|c| c.name.as_str()).unwrap_or(""), name_w)),
                ];
                if loc_w > 0 {
                    spans.push(Span::styled(
                        fit(c.map(|c| c.locality.as_str()).unwrap_or(""), loc_w),
                        th.dim(),
                    ));
                }
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    format!("{value:>value_w$}"),
                    if focused { th.focus() } else { th.normal() },
                ));
                spans.push(Span::styled(
                    note.map(|n| format!(" {n}")).unwrap_or_default(),
                    th.dim(),
                ));
                Line::from(spans)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }

    // The page total, the sum of the candidates typed so far, and E.n from 2.2.
    let page = FieldKey::ListPage(list);
    let focused = sess.cand.index == rows.len() - 1;
    let page_value = match (&sess.cand.edit, focused) {
        (Some(buf), true) => format!("{buf}▏"),
        _ => value_text(sess, page, lang).0,
    };
    let sum: u64 = rows[..n_cands]
        .iter()
        .filter_map(|f| sess.sheet().value(*f))
        .map(u64::from)
        .sum();
    let typed = rows[..n_cands]
        .iter()
        .filter(|f| sess.sheet().value(**f).is_some())
        .count();
    let e_n = value_text(sess, FieldKey::List(list), lang).0;
    let total = vec![
        Span::styled(
            format!("{}: ", s::LIST_PAGE_TOTAL.get(lang)),
            style_for(flagged(sess, page), th),
        ),
        Span::styled(
            format!(" {page_value} "),
            if focused { th.focus() } else { th.title() },
        ),
    ];
    let sums = format!(
        "{} {sum} ({typed}/{n_cands}) · E.{list} = {e_n}",
        SUM_OF_CANDIDATES.get(lang)
    );
    let lines = if foot_h == 2 {
        vec![Line::from(total), Line::from(sums)]
    } else {
        let mut one = total;
        one.push(Span::raw(format!("  {sums}")));
        vec![Line::from(one)]
    };
    frame.render_widget(Paragraph::new(lines), foot);
}
