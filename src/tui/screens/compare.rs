//! The compare screen: the sheet against the published results, drawn by
//! [`crate::tui::compare_view`]; while the files are read on a worker thread it says
//! so, with what is being read and for how long.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::tui::app::{App, CompareState, Session};
use crate::tui::i18n as s;

pub fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    match &sess.compare {
        Some(CompareState::Ready { view, .. }) => {
            frame.render_widget(view.widget(lang).theme(th), area);
        }
        Some(CompareState::Loading { paths, since, .. }) => {
            let mut lines = vec![
                Line::from(Span::styled(
                    format!(
                        "{} {}{}",
                        s::READING.get(lang),
                        since.elapsed().as_secs(),
                        s::SECONDS.get(lang)
                    ),
                    th.accent(),
                )),
                Line::from(""),
            ];
            lines.extend(
                paths
                    .iter()
                    .map(|p| Line::from(format!("  {}", p.display()))),
            );
            let block = Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", s::SCREEN_COMPARE.get(lang)));
            frame.render_widget(
                Paragraph::new(lines)
                    .block(block)
                    .wrap(Wrap { trim: false }),
                area,
            );
        }
        // The question which files to read is open over the screen it was asked on;
        // this is only reached if the screen is shown before any comparison.
        None => {
            let block = Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", s::SCREEN_COMPARE.get(lang)));
            frame.render_widget(
                Paragraph::new(s::PUBLISHED_FILES.get(lang)).block(block),
                area,
            );
        }
    }
}
