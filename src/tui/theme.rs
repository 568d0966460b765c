//! Colours, named only (Terminal.app has no true colour), and none at all when
//! `NO_COLOR` is set (<https://no-color.org>). Without colour every distinction the
//! screens make is still carried by text or by bold/reverse: an error line starts with
//! its `F.` code, the focused field is reversed, a typed figure says "getypt".

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless the environment asks for none.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn mono() -> Theme {
        Theme { color: false }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub(crate) fn normal(self) -> Style {
        Style::new()
    }
    pub(crate) fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub(crate) fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub(crate) fn focus(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub(crate) fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub(crate) fn warning(self) -> Style {
        self.fg(Color::Yellow)
    }
    pub(crate) fn ok(self) -> Style {
        self.fg(Color::Green)
    }
    pub(crate) fn accent(self) -> Style {
        self.fg(Color::Cyan)
    }
    pub(crate) fn demo(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    pub(crate) fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    /// The running figure of the tally screen: the terminal's own text colour, bold.
    /// (A fixed white would vanish on a light theme, the default of macOS Terminal.)
    pub(crate) fn big(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_has_no_colour_at_all() {
        let t = Theme::mono();
        for s in [
            t.error(),
            t.warning(),
            t.ok(),
            t.accent(),
            t.demo(),
            t.key(),
            t.big(),
            t.dim(),
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        assert_eq!(Theme { color: true }.error().fg, Some(Color::Red));
    }

    #[test]
    fn the_tally_figure_shows_on_light_and_dark_terminals() {
        // No fixed colour: white on a light background cannot be read.
        let big = Theme { color: true }.big();
        assert_eq!(big.fg, None);
        assert_eq!(big.bg, None);
        assert!(big.add_modifier.contains(Modifier::BOLD));
    }
}
