//! The key reference (`?` or F1): every binding of every context, read from the one
//! keymap table, so that it can never drift from the keys.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::i18n::Text;
use crate::tui::app::{App, Overlay};
use crate::tui::i18n as s;
use crate::tui::keymap::{self, Command};
use crate::tui::screens::{centered, wrap_words};

const CLOSE_HELP: &Text = &Text::fixed("Esc sluit", "Esc closes");
const PASTE_NOTE: &Text = &Text::fixed(
    "Plakken voegt tekst in maar verstuurt het formulier nooit.",
    "Pasting inserts text but never submits the form.",
);
const HELP_NOTE: &Text = &Text::fixed(
    "Leeg = niet waargenomen; 0 is een echte nul. Elke wijziging staat op schijf vóór het volgende beeld: afsluiten kan altijd, er gaat niets verloren.",
    "Empty = not observed; 0 is a real zero. Every edit is on disk before the next frame: you can quit at any time, nothing is lost.",
);

/// A key while the reference is open (`Ctx::Help`): scroll, or close it.
pub(crate) fn on_command(app: &mut App, scroll: u16, cmd: Command) {
    let scroll = match cmd {
        Command::Cancel => {
            app.overlay = None;
            return;
        }
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll + 1,
        Command::PageUp => scroll.saturating_sub(10),
        Command::PageDown => scroll + 10,
        _ => scroll,
    };
    app.overlay = Some(Overlay::Help { scroll });
}

/// The full key reference, read from the one keymap table.
pub(crate) fn draw(app: &App, scroll: u16, frame: &mut Frame, body: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let area = centered(body, 90, body.height);
    frame.render_widget(Clear, area);
    // The notes wrap to the width, so that a small terminal reads them whole.
    let inner_w = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = [PASTE_NOTE, HELP_NOTE]
        .iter()
        .flat_map(|t| wrap_words(t.get(lang), inner_w))
        .map(|l| Line::from(Span::styled(l, th.dim())))
        .collect();
    for (ctx, bindings) in keymap::reference(lang) {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(ctx.title().get(lang), th.title())));
        for (keys, label) in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), th.key()),
                Span::raw(label),
            ]));
        }
    }
    let max = (lines.len() as u16).saturating_sub(area.height.saturating_sub(2));
    let block = Block::default().borders(Borders::ALL).title(format!(
        " {} — {} ",
        s::SCREEN_HELP.get(lang),
        CLOSE_HELP.get(lang)
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        area,
    );
}
