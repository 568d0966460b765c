//! The objection and incident editor: category, time, what happened and (for an
//! objection) the station's response. Opened from the events screen (`o`, `i`, Enter on
//! an event); saving puts the event on the sheet.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::i18n::Text;
use crate::sheet::{Event, EventKind, Op};
use crate::tui::app::{App, Overlay};
use crate::tui::i18n as s;
use crate::tui::keymap::Command;
use crate::tui::screens::centered;
use crate::tui::screens::events::{categories, parse_time, EventsPanel};

const OBJECTION_REMINDER: &Text = &Text::fixed(
    "De voorzitter moet elk bezwaar in het proces-verbaal opnemen (1.2.1 of 1.3.2).",
    "The chair must record every objection in the PV (1.2.1 or 1.3.2).",
);

const CATEGORY: &Text = &Text::fixed("Categorie", "Category");
const TIME: &Text = &Text::fixed("Tijd", "Time");
const WHAT: &Text = &Text::fixed("Wat", "What");
const RESPONSE: &Text = &Text::fixed("Reactie stembureau", "Station's response");

/// An objection or incident being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    pub(crate) id: u32,
    pub(crate) kind: EventKind,
    pub(crate) category: usize,
    pub(crate) time: String,
    pub(crate) text: String,
    pub(crate) response: String,
    /// 0 category, 1 time, 2 text, 3 response (objections only).
    pub(crate) focus: usize,
    pub(crate) error: Option<String>,
}

impl EventDraft {
    pub(crate) fn fields(&self) -> usize {
        if self.kind == EventKind::Objection {
            4
        } else {
            3
        }
    }

    /// Typed or pasted text, into the field with the focus.
    pub(crate) fn type_text(&mut self, text: &str) {
        match self.focus {
            1 => self.time.push_str(text),
            2 => self.text.push_str(text),
            3 => self.response.push_str(text),
            _ => {}
        }
    }
}

/// A key while the editor is open (`Ctx::Text`).
pub(crate) fn on_command(app: &mut App, mut d: EventDraft, cmd: Command) {
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
                return app.request_quit();
            }
            match save(app, &d) {
                Ok(()) => return app.request_quit(),
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
                match save(app, &d) {
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

/// Puts the event on the sheet and shows it selected in the events list.
fn save(app: &mut App, d: &EventDraft) -> Result<(), String> {
    let Some(sess) = app.session.as_ref() else {
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
    app.try_edit(Op::PutEvent(ev))?;
    if let Some(sess) = app.session.as_mut() {
        if let Some(i) = sess.sheet().events.iter().position(|e| e.id == d.id) {
            sess.event = i;
        }
        sess.panel = EventsPanel::Events;
    }
    if d.kind == EventKind::Objection {
        app.info(OBJECTION_REMINDER.get(app.lang));
    }
    Ok(())
}

/// Draws the editor over the events screen.
pub(crate) fn draw(app: &App, d: &EventDraft, frame: &mut Frame, body: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let Some(sess) = &app.session else { return };
    let cats = categories(sess.form(), d.kind);
    let cat = cats.get(d.category);
    let kind = match d.kind {
        EventKind::Objection => s::OBJECTION.get(lang),
        EventKind::Incident => s::INCIDENT.get(lang),
    };
    let area = centered(body, 76, 14);
    frame.render_widget(Clear, area);
    let f = |i: usize| {
        if d.focus == i {
            th.focus()
        } else {
            th.normal()
        }
    };
    let mut lines = vec![
        Line::from(vec![
            Span::raw(format!("{:<20}", CATEGORY.get(lang))),
            Span::styled(
                format!("‹ {} ›", cat.map(|c| c.label.get(lang)).unwrap_or("")),
                f(0),
            ),
        ]),
        Line::from(vec![
            Span::raw(format!("{:<20}", TIME.get(lang))),
            Span::styled(format!("{}▏", d.time), f(1)),
        ]),
        Line::from(vec![
            Span::raw(format!("{:<20}", WHAT.get(lang))),
            Span::styled(format!("{}▏", d.text), f(2)),
        ]),
    ];
    if d.kind == EventKind::Objection {
        lines.push(Line::from(vec![
            Span::raw(format!("{:<20}", RESPONSE.get(lang))),
            Span::styled(format!("{}▏", d.response), f(3)),
        ]));
    }
    lines.push(Line::from(""));
    if let Some(h) = cat.and_then(|c| c.hint.as_ref()) {
        lines.push(Line::from(Span::styled(
            h.get(lang).to_string(),
            th.accent(),
        )));
    } else if d.kind == EventKind::Objection {
        lines.push(Line::from(Span::styled(
            OBJECTION_REMINDER.get(lang),
            th.accent(),
        )));
    }
    if let Some(e) = &d.error {
        lines.push(Line::from(Span::styled(e.clone(), th.error())));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {kind} #{} ", d.id));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

#[cfg(test)]
mod tests {
    use crate::tui::app::testing::*;
    use crossterm::event::KeyCode;

    use super::*;

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
}
