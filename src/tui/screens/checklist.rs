//! The checklist: questions yes / no / unknown, each with a note, in the order of the
//! count's moments.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::sheet::Answer;
use crate::tui::app::{App, Session};
use crate::tui::i18n as s;
use crate::tui::screens::{fit, scroll_offset};

pub fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = app.theme;
    let qs = sess.questions();
    let answered = qs
        .iter()
        .filter(|q| {
            sess.sheet()
                .checklist
                .get(&q.id)
                .is_some_and(|a| a.answer.is_some())
        })
        .count();
    let [list, detail] = Layout::vertical([Constraint::Min(4), Constraint::Length(5)]).areas(area);
    let block = Block::default().borders(Borders::ALL).title(format!(
        " {} · {answered}/{} {} ",
        s::SCREEN_CHECKLIST.get(lang),
        qs.len(),
        s::ANSWERED.get(lang)
    ));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let height = inner.height as usize;
    let offset = scroll_offset(sess.question, qs.len(), height);
    let w = (inner.width as usize).saturating_sub(14);
    let lines: Vec<Line> = qs
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, q)| {
            let a = sess.sheet().checklist.get(&q.id);
            let answer = a
                .and_then(|a| a.answer)
                .map_or(s::NOT_OBSERVED, |a| a.label())
                .get(lang);
            let note = if a.is_some_and(|a| !a.note.is_empty()) {
                "✎"
            } else {
                " "
            };
            let style = if i == sess.question {
                th.focus()
            } else {
                th.normal()
            };
            let astyle = match a.and_then(|a| a.answer) {
                Some(Answer::Yes) => th.ok(),
                Some(Answer::No) => th.error(),
                Some(Answer::Unknown) => th.warning(),
                None => th.dim(),
            };
            Line::from(vec![
                Span::styled(format!("{:>2}. ", i + 1), th.dim()),
                Span::styled(fit(q.label.get(lang), w), style),
                Span::styled(format!(" {answer:>8}"), astyle),
                Span::raw(note),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);

    let mut detail_lines = Vec::new();
    if let Some(q) = qs.get(sess.question) {
        detail_lines.push(Line::from(Span::styled(
            q.label.get(lang).to_string(),
            th.title(),
        )));
        if let Some(a) = sess.sheet().checklist.get(&q.id) {
            if !a.note.is_empty() {
                detail_lines.push(Line::from(format!("{}: {}", s::NOTE.get(lang), a.note)));
            }
        }
    }
    let block = Block::default().borders(Borders::TOP);
    frame.render_widget(
        Paragraph::new(detail_lines)
            .block(block)
            .wrap(Wrap { trim: true }),
        detail,
    );
}
