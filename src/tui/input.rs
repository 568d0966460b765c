//! Input enters in one place. Everything the terminal reports is turned into an
//! [`Action`] here, and everything that is not a key press is dropped: Windows reports
//! key releases too, which would otherwise type every figure twice (gitui's
//! `src/input.rs` does the same).

use crossterm::event::{Event, KeyEvent, KeyEventKind};

use crate::sheet::TimeOfDay;

/// What the app reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A key press.
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste). It is typed into the field being
    /// edited, line breaks and all control characters removed, and it never submits a
    /// form: a paste with a newline in it must not act as Enter.
    Paste(String),
    /// The clock moved on; the app shows the time and stamps moments with it.
    Tick(TimeOfDay),
    /// The terminal changed size; the next frame is laid out anew.
    Resize,
}

/// The action for a terminal event, or `None` for events the app ignores: key releases
/// and repeats, mouse, focus.
pub(crate) fn action_for(event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Action::Key(key)),
        Event::Key(_) => None,
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(_, _) => Some(Action::Resize),
        Event::Mouse(_) | Event::FocusGained | Event::FocusLost => None,
    }
}

/// A paste made safe to type into a one-line field: line breaks become spaces, other
/// control characters are dropped.
pub(crate) fn clean_paste(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEventState, KeyModifiers};

    fn key(kind: KeyEventKind) -> Event {
        Event::Key(KeyEvent {
            code: KeyCode::Char('7'),
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn only_presses_pass() {
        assert!(matches!(
            action_for(key(KeyEventKind::Press)),
            Some(Action::Key(_))
        ));
        assert_eq!(action_for(key(KeyEventKind::Release)), None);
        assert_eq!(action_for(key(KeyEventKind::Repeat)), None);
        assert_eq!(action_for(Event::FocusGained), None);
    }

    #[test]
    fn a_paste_loses_its_line_breaks() {
        assert_eq!(
            clean_paste("two marks\r\non one ballot\n"),
            "two marks  on one ballot"
        );
        assert_eq!(clean_paste("a\u{1b}[2Jb"), "a[2Jb");
    }
}
