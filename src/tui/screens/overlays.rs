//! Pop-ups over the screen: the key reference, one-line prompts, the objection and
//! incident editor, the seal question.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::sheet::EventKind;
use crate::tui::app::{categories, App, EventDraft, Overlay, Prompt, PromptKind};
use crate::tui::i18n as s;
use crate::tui::keymap;
use crate::tui::screens::{centered, wrap_words};

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help(app, *scroll, frame, body),
        Some(Overlay::Prompt(p)) => prompt(app, p, frame, body),
        Some(Overlay::Event(d)) => event(app, d, frame, body),
        Some(Overlay::ConfirmSeal) => {
            let area = centered(body, 64, 5);
            frame.render_widget(Clear, area);
            let block = Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", s::SCREEN_SEAL.get(app.lang)));
            let p = Paragraph::new(Span::styled(
                s::SEAL_CONFIRM.get(app.lang),
                app.theme.title(),
            ))
            .block(block)
            .wrap(Wrap { trim: true });
            frame.render_widget(p, area);
        }
    }
}

/// The full key reference, read from the one keymap table.
fn help(app: &App, scroll: u16, frame: &mut Frame, body: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let area = centered(body, 90, body.height);
    frame.render_widget(Clear, area);
    // The notes wrap to the width, so that a small terminal reads them whole.
    let inner_w = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = [s::PASTE_NOTE, s::HELP_NOTE]
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
        s::CLOSE_HELP.get(lang)
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        area,
    );
}

fn prompt(app: &App, p: &Prompt, frame: &mut Frame, body: Rect) {
    if p.kind == PromptKind::Published {
        return paths_prompt(app, p, frame, body);
    }
    let th = app.theme;
    let lang = app.lang;
    let title = match &p.kind {
        PromptKind::JumpList => s::JUMP_LIST.get(lang).to_string(),
        PromptKind::MomentTime(id) => {
            let label = app
                .session
                .as_ref()
                .and_then(|sess| {
                    sess.moments()
                        .iter()
                        .find(|m| &m.id == id)
                        .map(|m| m.label.get(lang).to_string())
                })
                .unwrap_or_else(|| id.clone());
            format!("{label} — {}", s::EDIT_TIME.get(lang))
        }
        PromptKind::Notes => s::NOTES.get(lang).to_string(),
        PromptKind::CheckNote(_) => s::NOTE.get(lang).to_string(),
        PromptKind::Published => s::PUBLISHED_FILES.get(lang).to_string(),
    };
    let area = centered(body, 70, 6);
    frame.render_widget(Clear, area);
    let lines = vec![
        Line::from(Span::styled(format!("{}▏", p.input), th.focus())),
        Line::from(Span::styled(
            p.error.clone().unwrap_or_default(),
            th.error(),
        )),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The question which published files to compare with.
fn paths_prompt(app: &App, p: &Prompt, frame: &mut Frame, body: Rect) {
    let lang = app.lang;
    paths_box(
        app,
        frame,
        body,
        s::PUBLISHED_FILES.get(lang),
        s::PUBLISHED_HELP.get(lang),
        &p.input,
        p.error.as_deref(),
    );
}

/// A box that asks for files: what may be given, then the answer one line per typed
/// line with the cursor on the last, then what went wrong. Used for the published
/// files to compare with and for the EML files to make a form from.
pub(crate) fn paths_box(
    app: &App,
    frame: &mut Frame,
    body: Rect,
    title: &str,
    help: &str,
    input: &str,
    error: Option<&str>,
) {
    let th = app.theme;
    let width = body.width.min(90);
    let inner_w = width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = wrap_words(help, inner_w)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, th.dim())))
        .collect();
    lines.push(Line::from(""));
    let typed: Vec<&str> = input.split('\n').collect();
    let last = typed.len() - 1;
    for (i, l) in typed.iter().enumerate() {
        let cursor = if i == last { "▏" } else { "" };
        lines.push(Line::from(Span::styled(format!("{l}{cursor}"), th.focus())));
    }
    if let Some(err) = error {
        lines.extend(
            wrap_words(err, inner_w)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, th.error()))),
        );
    }
    let area = centered(body, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "));
    // Long paths wrap rather than losing their end; at the bottom of a long answer the
    // last lines (the cursor, the error) stay in view.
    let shown = area.height.saturating_sub(2) as usize;
    let skip = lines.len().saturating_sub(shown) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((skip, 0)),
        area,
    );
}

fn event(app: &App, d: &EventDraft, frame: &mut Frame, body: Rect) {
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
            Span::raw(format!("{:<20}", s::CATEGORY.get(lang))),
            Span::styled(
                format!("‹ {} ›", cat.map(|c| c.label.get(lang)).unwrap_or("")),
                f(0),
            ),
        ]),
        Line::from(vec![
            Span::raw(format!("{:<20}", s::TIME.get(lang))),
            Span::styled(format!("{}▏", d.time), f(1)),
        ]),
        Line::from(vec![
            Span::raw(format!("{:<20}", s::TEXT.get(lang))),
            Span::styled(format!("{}▏", d.text), f(2)),
        ]),
    ];
    if d.kind == EventKind::Objection {
        lines.push(Line::from(vec![
            Span::raw(format!("{:<20}", s::RESPONSE.get(lang))),
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
            s::OBJECTION_REMINDER.get(lang),
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
