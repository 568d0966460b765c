//! Tally mode: one key per ballot as ballots are shown one by one, the running figure
//! in big digits to read at arm's length, and the typed figure beside it with which of
//! the two stands.
//!
//! Keys (`Ctx::Tally`): space or `+` adds a ballot to the pile, `-` takes one back, `x`
//! clears the pile, ↑ ↓ choose the pile. Every ballot is an edit in the journal.

use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;
use tui_big_text::{BigText, PixelSize};

use crate::i18n::Text;
use crate::sheet::{Op, Source};
use crate::tui::app::{App, Screen, Session};
use crate::tui::i18n as s;
use crate::tui::keymap::Command;
use crate::tui::screens::count::{field_label, Row};
use crate::tui::screens::{fit, scroll_offset};

const TALLY_HELP: &Text = &Text::fixed(
    "Eén toets per stembiljet: spatie of + telt er één bij, - haalt er één af.",
    "One key per ballot: space or + adds one, - takes one back.",
);
const TALLY_TYPED_STANDS: &Text = &Text::fixed(
    "Het getypte getal geldt (wat is omgeroepen); de turf blijft bewaard.",
    "The typed figure stands (what was announced); the tally is kept.",
);
const TALLY_STANDS: &Text = &Text::fixed(
    "De turf geldt: er is geen getal getypt.",
    "The tally stands: no figure was typed.",
);
const TALLY_CLEARED: &Text = &Text::fixed(
    "Turf gewist (u = ongedaan maken).",
    "Tally cleared (u = undo).",
);

/// F4 or `t`: tally the pile under the count cursor (if it is one).
pub(crate) fn open(app: &mut App) {
    if let Some(sess) = app.session.as_mut() {
        if let Some(Row::Field(f)) = sess.count_row() {
            if let Some(i) = sess.tally_fields().iter().position(|x| *x == f) {
                sess.tally = i;
            }
        }
    }
    app.go(Screen::Tally);
}

/// A key in tally mode.
pub(crate) fn on_command(app: &mut App, cmd: Command) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let n = sess.tally_fields().len();
    let field = sess.tally_field();
    match cmd {
        Command::TallyAdd => {
            app.edit(Op::Tally { field, delta: 1 });
        }
        // Taking back from an empty pile would do nothing; it is not an edit.
        Command::TallySub if sess.sheet().tallies.get(&field).copied().unwrap_or(0) > 0 => {
            app.edit(Op::Tally { field, delta: -1 });
        }
        Command::TallyClear if sess.sheet().tallies.contains_key(&field) => {
            let cleared = app.edit(Op::ClearTally { field });
            if cleared {
                app.info(TALLY_CLEARED.get(app.lang));
            }
        }
        Command::Up => sess.tally = sess.tally.saturating_sub(1),
        Command::Down => sess.tally = (sess.tally + 1).min(n - 1),
        _ => {}
    }
}

// ---------------------------------------------------------------- drawing

pub(crate) fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = app.theme;
    let list_w = if area.width >= 110 { 44 } else { 30 };
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_w), Constraint::Min(20)]).areas(area);

    // The piles.
    let fields = sess.tally_fields();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", s::SCREEN_TALLY.get(lang)));
    let inner = block.inner(left);
    frame.render_widget(block, left);
    let height = inner.height as usize;
    let offset = scroll_offset(sess.tally, fields.len(), height);
    let name_w = (inner.width as usize).saturating_sub(13);
    let lines: Vec<Line> = fields
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, f)| {
            let tally = sess
                .sheet()
                .tallies
                .get(f)
                .map(|v| v.to_string())
                .unwrap_or_else(|| "—".into());
            let style = if i == sess.tally {
                th.focus()
            } else {
                th.normal()
            };
            Line::from(Span::styled(
                format!(
                    "{} {} {tally:>5}",
                    fit(&f.to_string(), 5),
                    fit(&field_label(sess, *f, lang), name_w)
                ),
                style,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);

    // The running figure.
    let field = sess.tally_field();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {field} — {} ", field_label(sess, field, lang)));
    let inner = block.inner(right);
    frame.render_widget(block, right);
    let big_h = if inner.height >= 14 { 8 } else { 4 };
    let [big, info] =
        Layout::vertical([Constraint::Length(big_h), Constraint::Min(3)]).areas(inner);
    let tally = sess.sheet().tallies.get(&field).copied();
    let figure = tally.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
    let pixel = if big_h >= 8 {
        PixelSize::Full
    } else {
        PixelSize::HalfHeight
    };
    let big_text = BigText::builder()
        .pixel_size(pixel)
        .style(th.big())
        .alignment(Alignment::Center)
        .lines(vec![figure.clone().into()])
        .build();
    frame.render_widget(big_text, big);

    let typed = sess.sheet().counts.get(&field).copied();
    let stands = match sess.sheet().value_with_source(field) {
        Some((_, Source::Typed)) if tally.is_some() => TALLY_TYPED_STANDS.get(lang),
        Some((_, Source::Tally)) => TALLY_STANDS.get(lang),
        _ => "",
    };
    let mut lines = vec![
        Line::from(vec![
            Span::raw(format!("{}: ", s::TALLIED.get(lang))),
            Span::styled(figure, th.title()),
            Span::raw(format!(
                "   {}: {}",
                s::TYPED.get(lang),
                typed.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
            )),
        ]),
        Line::from(Span::styled(stands, th.accent())),
        Line::from(Span::styled(TALLY_HELP.get(lang), th.dim())),
    ];
    if let (Some(t), Some(v)) = (tally, typed) {
        if t != v {
            let diff = i64::from(t) - i64::from(v);
            lines.insert(
                1,
                Line::from(Span::styled(format!("Δ {diff:+}"), th.warning())),
            );
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), info);
}

#[cfg(test)]
mod tests {
    use crate::tui::app::testing::*;
    use crossterm::event::KeyCode;

    use super::*;

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
}
