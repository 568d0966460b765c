//! The checklist: questions yes / no / unknown, each with a note, in the order of the
//! count's moments.
//!
//! Keys (`Ctx::Checklist`): `j`/`y`, `n`, `o` answer and go to the next question, space
//! cycles the answer, Delete clears it, Enter writes a note.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::i18n::Text;
use crate::sheet::{Answer, Op};
use crate::tui::app::{App, Overlay, Session};
use crate::tui::i18n as s;
use crate::tui::keymap::Command;
use crate::tui::popups::prompt::{Prompt, PromptKind};
use crate::tui::screens::{cycle, fit, scroll_offset};

const ANSWERED: &Text = &Text::fixed("beantwoord", "answered");

/// A key on the checklist.
pub(crate) fn on_command(app: &mut App, cmd: Command) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    let qs: Vec<String> = sess.questions().iter().map(|q| q.id.clone()).collect();
    let Some(id) = qs.get(sess.question).cloned() else {
        return;
    };
    let current = sess.sheet().checklist.get(&id).cloned();
    let note = current.as_ref().map(|c| c.note.clone()).unwrap_or_default();
    let answer_now = current.as_ref().and_then(|c| c.answer);
    let set = |answer: Option<Answer>| Op::SetCheck {
        id: id.clone(),
        answer,
        note: note.clone(),
    };
    match cmd {
        Command::Up => sess.question = sess.question.saturating_sub(1),
        Command::Down => sess.question = (sess.question + 1).min(qs.len().saturating_sub(1)),
        Command::AnswerYes | Command::AnswerNo | Command::AnswerUnknown => {
            let a = match cmd {
                Command::AnswerYes => Answer::Yes,
                Command::AnswerNo => Answer::No,
                _ => Answer::Unknown,
            };
            if app.edit(set(Some(a))) {
                if let Some(sess) = app.session.as_mut() {
                    sess.question = (sess.question + 1).min(qs.len().saturating_sub(1));
                }
            }
        }
        Command::CycleNext => {
            let next = cycle(
                &[Answer::Yes, Answer::No, Answer::Unknown],
                answer_now,
                true,
            );
            app.edit(set(next));
        }
        Command::Clear if answer_now.is_some() => {
            app.edit(set(None));
        }
        Command::Confirm => {
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptKind::CheckNote(id),
                note,
            )));
        }
        _ => {}
    }
}

/// The note to question `id`, as written; its answer stays.
pub(crate) fn set_note(app: &mut App, id: &str, input: &str) -> Result<(), String> {
    let Some(sess) = app.session.as_ref() else {
        return Ok(());
    };
    let answer = sess.sheet().checklist.get(id).and_then(|c| c.answer);
    app.try_edit(Op::SetCheck {
        id: id.to_string(),
        answer,
        note: input.to_string(),
    })
}

// ---------------------------------------------------------------- drawing

pub(crate) fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
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
        ANSWERED.get(lang)
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
