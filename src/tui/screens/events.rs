//! Moments (one key stamps the current time), objections and incidents, and free notes,
//! with the guidance from the law where it helps in the moment.
//!
//! Keys (`Ctx::Events`): Tab moves between the three panels; on the moments, space
//! stamps the selected moment with the time now and `e` or Enter types a time; `o` and
//! `i` write an objection or an incident (the editor is `popups/event.rs`), Enter edits
//! one; `n` writes the notes.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::form::{Form, Item};
use crate::i18n::{Lang, Text};
use crate::sheet::{EventKind, Op, TimeOfDay};
use crate::tui::app::{App, Overlay, Session};
use crate::tui::i18n as s;
use crate::tui::keymap::Command;
use crate::tui::popups::event::EventDraft;
use crate::tui::popups::prompt::{Prompt, PromptKind};
use crate::tui::screens::{fit, scroll_offset, wrap_words};

const MOMENTS: &Text = &Text::fixed("Momenten", "Moments");
const EVENTS: &Text = &Text::fixed("Bezwaren en incidenten", "Objections and incidents");
const NO_EVENTS: &Text = &Text::fixed(
    "Nog geen bezwaren of incidenten. o = bezwaar, i = incident.",
    "No objections or incidents yet. o = objection, i = incident.",
);
const WRITE_NOTES: &Text = &Text::fixed("n = notities schrijven", "n = write notes");
const STAMPED: &Text = &Text::fixed("Gestempeld", "Stamped");
const NOT_A_TIME: &Text = &Text::fixed(
    "geen tijd; typ bijvoorbeeld 21:05 of 2105",
    "not a time; type for example 21:05 or 2105",
);

/// Which panel of the events screen has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventsPanel {
    Moments,
    Events,
    Notes,
}

/// The form's categories for objections or for incidents.
pub(crate) fn categories(form: &Form, kind: EventKind) -> &[Item] {
    match kind {
        EventKind::Objection => &form.category.objection_categories,
        EventKind::Incident => &form.category.incident_categories,
    }
}

/// A time as a tired person types it: `21:05`, `21.05`, `2105`, `905`, `9:05` or `21`.
pub(crate) fn parse_time(text: &str, lang: Lang) -> Result<TimeOfDay, String> {
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
    time.ok_or_else(|| format!("`{t}`: {}", NOT_A_TIME.get(lang)))
}

// ---------------------------------------------------------------- keys

/// A key on the events screen.
pub(crate) fn on_command(app: &mut App, cmd: Command) {
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
            if app.edit(Op::SetMoment {
                id: m.id.clone(),
                time: Some(now),
            }) {
                let mut text = format!("{}: {} {now}", STAMPED.get(lang), m.label.get(lang));
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
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptKind::MomentTime(m.id.clone()),
                input,
            )));
        }
        Command::Clear if sess.panel == EventsPanel::Moments => {
            let Some(m) = sess.moments().get(sess.moment) else {
                return;
            };
            if sess.sheet().moments.contains_key(&m.id) {
                let id = m.id.clone();
                app.edit(Op::SetMoment { id, time: None });
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
            if app.edit(Op::RemoveEvent { id }) {
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
                    app.edit(Op::SetNotes(String::new()));
                }
                return;
            }
            sess.panel = EventsPanel::Notes;
            let input = sess.sheet().notes.clone();
            app.overlay = Some(Overlay::Prompt(Prompt::new(PromptKind::Notes, input)));
        }
        _ => {}
    }
}

/// The answer to a moment's time: a time as typed, or nothing to clear it.
pub(crate) fn set_moment_time(app: &mut App, id: &str, input: &str) -> Result<(), String> {
    let time = if input.trim().is_empty() {
        None
    } else {
        Some(parse_time(input, app.lang)?)
    };
    app.try_edit(Op::SetMoment {
        id: id.to_string(),
        time,
    })
}

/// The notes as written (an edit only if they changed).
pub(crate) fn set_notes(app: &mut App, input: &str) -> Result<(), String> {
    match app.session.as_ref() {
        Some(sess) if input != sess.sheet().notes => app.try_edit(Op::SetNotes(input.to_string())),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------- drawing

pub(crate) fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
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
        MOMENTS.get(lang),
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
        format!(" {} ({}) ", EVENTS.get(lang), sess.sheet().events.len()),
        focused,
        app,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if sess.sheet().events.is_empty() {
        let p =
            Paragraph::new(Span::styled(NO_EVENTS.get(lang), th.dim())).wrap(Wrap { trim: true });
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
        Span::styled(WRITE_NOTES.get(lang), app.theme.dim())
    } else {
        Span::raw(sess.sheet().notes.clone())
    };
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
