//! Moments (one key stamps the current time), objections and incidents, and free notes,
//! with the guidance from the law where it helps in the moment.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::sheet::EventKind;
use crate::tui::app::{categories, App, EventsPanel, Session};
use crate::tui::i18n as s;
use crate::tui::screens::{fit, scroll_offset, wrap_words};

pub fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let notes_h = (area.height / 3).max(4);
    let [events, notes] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(notes_h)]).areas(right);
    moments(app, sess, frame, left);
    event_list(app, sess, frame, events);
    notes_box(app, sess, frame, notes);
}

/// A panel; the one with the focus has a thick border, which shows without colour too.
fn panel_block(title: String, focused: bool, app: &App) -> Block<'static> {
    let b = Block::default().borders(Borders::ALL).title(title);
    if focused {
        b.border_type(BorderType::Thick)
            .border_style(app.theme.accent())
            .title_style(app.theme.title())
    } else {
        b
    }
}

fn moments(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = app.theme;
    let all = sess.moments();
    let open = all
        .iter()
        .filter(|m| !sess.sheet().moments.contains_key(&m.id))
        .count();
    let title = format!(
        " {} · {open} {} ",
        s::MOMENTS.get(lang),
        s::MOMENTS_OPEN.get(lang)
    );
    let focused = sess.panel == EventsPanel::Moments;
    let block = panel_block(title, focused, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Below the list: the selected moment's full label when the list had to cut it,
    // and its guidance from the law.
    let w = (inner.width as usize).saturating_sub(7);
    let mut below: Vec<Line> = Vec::new();
    if let Some(m) = all.get(sess.moment) {
        let label = m.label.get(lang);
        if label.chars().count() > w {
            below.extend(
                wrap_words(label, inner.width as usize)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, th.title()))),
            );
        }
        if let Some(h) = &m.hint {
            below.extend(
                wrap_words(h.get(lang), inner.width as usize)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, th.accent()))),
            );
        }
    }
    let room = inner.height as usize;
    let hint_h = if room > 8 {
        below.len().min(room.saturating_sub(all.len()).max(3))
    } else {
        0
    };
    let [list, hint] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(hint_h as u16)]).areas(inner);
    let height = list.height as usize;
    let offset = scroll_offset(sess.moment, all.len(), height);
    let lines: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, m)| {
            let time = sess.sheet().moments.get(&m.id).map(|t| t.to_string());
            let style = if focused && i == sess.moment {
                th.focus()
            } else {
                th.normal()
            };
            let tstyle = if time.is_some() { th.ok() } else { th.dim() };
            Line::from(vec![
                Span::styled(
                    format!("{:>5} ", time.unwrap_or_else(|| "--:--".into())),
                    tstyle,
                ),
                Span::styled(fit(m.label.get(lang), w), style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    if hint_h > 0 {
        frame.render_widget(Paragraph::new(below), hint);
    }
}

fn event_list(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = app.theme;
    let focused = sess.panel == EventsPanel::Events;
    let block = panel_block(
        format!(" {} ({}) ", s::EVENTS.get(lang), sess.sheet().events.len()),
        focused,
        app,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if sess.sheet().events.is_empty() {
        let p = Paragraph::new(Span::styled(s::NO_EVENTS.get(lang), th.dim()))
            .wrap(Wrap { trim: true });
        frame.render_widget(p, inner);
        return;
    }
    // Two lines an event: what it is, then what happened, so the text is not lost
    // behind the category on a narrow screen.
    let height = (inner.height as usize / 2).max(1);
    let offset = scroll_offset(sess.event, sess.sheet().events.len(), height);
    let w = inner.width as usize;
    let lines: Vec<Line> = sess
        .sheet()
        .events
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .flat_map(|(i, e)| {
            let kind = match e.kind {
                EventKind::Objection => s::OBJECTION.get(lang),
                EventKind::Incident => s::INCIDENT.get(lang),
            };
            let cat = categories(sess.form(), e.kind)
                .iter()
                .find(|c| c.id == e.category)
                .map(|c| c.label.get(lang).to_string())
                .unwrap_or_else(|| e.category.clone());
            let time = e
                .time
                .map(|t| t.to_string())
                .unwrap_or_else(|| "--:--".into());
            let head = format!("#{} {time} {kind}: {cat}", e.id);
            let text = format!("   {}", e.text);
            let (style, text_style) = if focused && i == sess.event {
                (th.focus(), th.focus())
            } else {
                (th.normal(), th.dim())
            };
            [
                Line::from(Span::styled(fit(&head, w), style)),
                Line::from(Span::styled(fit(&text, w), text_style)),
            ]
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn notes_box(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let focused = sess.panel == EventsPanel::Notes;
    let block = panel_block(format!(" {} ", s::NOTES.get(lang)), focused, app);
    let text = if sess.sheet().notes.is_empty() {
        Span::styled(
            if lang == crate::i18n::Lang::Nl {
                "n = notities schrijven"
            } else {
                "n = write notes"
            },
            app.theme.dim(),
        )
    } else {
        Span::raw(sess.sheet().notes.clone())
    };
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
