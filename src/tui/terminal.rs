//! The terminal is always given back: raw mode, the alternate screen and bracketed paste
//! are undone on every exit path — a normal quit, an error (the [`Restore`] guard's
//! `Drop`) and a panic (the hook installed by [`init`], which restores before the panic
//! message is printed, as gitui and bottom do).

use std::io::{self, stdout};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use ratatui::DefaultTerminal;

/// Restores the terminal when dropped.
pub(crate) struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

/// Enters raw mode and the alternate screen, enables bracketed paste (so a paste
/// arrives as one piece of text and never as Enter presses), and installs the panic
/// hook. Keep the returned guard alive for as long as the TUI runs.
pub(crate) fn init() -> io::Result<(DefaultTerminal, Restore)> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    // `try_init` enters raw mode and the alternate screen and chains its own restoring
    // panic hook in front of ours.
    let terminal = ratatui::try_init()?;
    let guard = Restore;
    execute!(stdout(), EnableBracketedPaste)?;
    Ok((terminal, guard))
}

/// Leaves raw mode and the alternate screen and turns bracketed paste off. Safe to call
/// more than once.
pub(crate) fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
}
