//! Text that comes from a file, a QR code or a key is data, not terminal commands: it is
//! shown with every control character made visible, so a station name or an alias that
//! holds escape sequences cannot move the cursor, erase a verdict or change colours.

use std::borrow::Cow;

/// `s` with control characters written out: `\n`, `\r`, `\t`, and `\u{1b}` for the
/// others (C0, DEL, C1), and for the bidirectional controls that reorder what a person
/// reads (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069). Returns `s` itself when it
/// has none, which is nearly always.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `c` would be taken by a terminal as a command, or reorders text.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged_and_not_copied() {
        assert!(matches!(
            visible("Stembureau Gemeentehuis é ✓"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_and_reordering_are_made_visible() {
        assert_eq!(visible("a\u{1b}[2Kb"), "a\\u{1b}[2Kb");
        assert_eq!(visible("x\ny\rz\t"), "x\\ny\\rz\\t");
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(visible("ok\u{202e}kaf"), "ok\\u{202e}kaf");
        assert_eq!(visible("\u{7f}"), "\\u{7f}");
    }
}
