//! The start screen: resume a recent sheet, or start a new one (form, station found by
//! searching as you type, observer alias, which session is observed).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::sheet::{ObservedSession, SheetKind};
use crate::tui::app::{App, EmlPrompt, StartFocus};
use crate::tui::i18n as s;
use crate::tui::screens::{fit, scroll_offset, wrap_words};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let st = &app.start;
    let recent_h = if st.recent.is_empty() {
        3
    } else {
        (st.recent.len() as u16 + 2).min(area.height / 3).max(3)
    };
    let [recent, new] =
        Layout::vertical([Constraint::Length(recent_h), Constraint::Min(8)]).areas(area);
    recent_box(app, frame, recent);
    new_box(app, frame, new);
    if let Some(e) = &st.eml {
        eml_prompt(app, e, frame, area);
    }
}

/// The question which EML files to make a form from.
fn eml_prompt(app: &App, e: &EmlPrompt, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    super::overlays::paths_box(
        app,
        frame,
        area,
        s::EML_FILES.get(lang),
        s::EML_HELP.get(lang),
        &e.input,
        e.error.as_deref(),
    );
}

fn recent_box(app: &App, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let st = &app.start;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", s::RECENT.get(lang)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if st.recent.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(s::NO_RECENT.get(lang), th.dim())),
            inner,
        );
        return;
    }
    let sel = match st.focus {
        StartFocus::Recent(i) => Some(i),
        _ => None,
    };
    let height = inner.height as usize;
    let offset = scroll_offset(sel.unwrap_or(0), st.recent.len(), height);
    let w = inner.width as usize;
    let lines: Vec<Line> = st
        .recent
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, e)| {
            let state = if e.sealed {
                s::SEALED.get(lang)
            } else {
                s::STATE_OPEN.get(lang)
            };
            let station = if e.demo {
                s::DEMO_LABEL.get(lang).to_string()
            } else {
                format!("{} {}", e.station, e.station_name)
            };
            let kind = match e.kind {
                SheetKind::Observation => String::new(),
                SheetKind::PvTranscription => format!(" · {}", s::TRANSCRIPTION_BADGE.get(lang)),
            };
            let text = format!(
                "{}{kind} · {station} · {} {} · {state}",
                e.election,
                s::LAST_EDIT.get(lang),
                e.last_edit
            );
            let style = if sel == Some(i) {
                th.focus()
            } else {
                th.normal()
            };
            Line::from(Span::styled(fit(&text, w), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn new_box(app: &App, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let st = &app.start;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", s::NEW_SHEET.get(lang)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w = 20;
    let field = |focus: StartFocus| {
        if st.focus == focus {
            th.focus()
        } else {
            th.normal()
        }
    };
    let form_key = st.forms.get(st.form_idx).cloned().unwrap_or_default();
    let form_name = st
        .form_labels
        .get(st.form_idx)
        .cloned()
        .unwrap_or_else(|| form_key.clone());
    let form_desc = match &st.form {
        Some(f) => {
            let e = &f.election.election;
            // A form file is named by its election: beside it, which file it is (its
            // name; the whole path rarely fits).
            let what = if form_name == form_key {
                e.name.clone()
            } else {
                std::path::Path::new(&form_key)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| form_key.clone())
            };
            let contest = e
                .contest
                .as_ref()
                .map(|c| format!(", {}", c.name))
                .unwrap_or_default();
            format!(
                "{what} ({}{contest}, {} {})",
                e.id,
                f.election.lists.len(),
                s::LISTS.get(lang)
            )
        }
        // The error gets lines of its own below: it names the file, the place and
        // what was expected, which does not fit beside the form's name.
        None => String::new(),
    };
    let session = match st.session {
        ObservedSession::StationCount => s::SESSION_STATION.get(lang),
        ObservedSession::MunicipalReview => s::SESSION_GSB.get(lang),
    };
    // A text cursor only in the field being typed into; an empty station field always
    // says what to type.
    let cursor = |focus: StartFocus| if st.focus == focus { "▏" } else { "" };
    let mut station_spans = vec![Span::styled(
        format!("{}{}", st.query, cursor(StartFocus::Station)),
        field(StartFocus::Station),
    )];
    if st.query.is_empty() {
        station_spans.push(Span::styled(
            format!(" {}", s::STATION_SEARCH.get(lang)),
            th.dim(),
        ));
    }
    let mut head = vec![Line::from(vec![
        Span::raw(fit(s::FORM.get(lang), label_w)),
        Span::styled(format!("‹ {form_name} ›"), field(StartFocus::Form)),
        Span::styled(format!("  {form_desc}"), th.dim()),
    ])];
    if let (None, Some(err)) = (&st.form, &st.form_error) {
        let w = (inner.width as usize).saturating_sub(label_w).max(20);
        head.extend(wrap_words(err, w).into_iter().take(3).map(|l| {
            Line::from(vec![
                Span::raw(" ".repeat(label_w)),
                Span::styled(l, th.error()),
            ])
        }));
    }
    head.push(Line::from(
        [
            vec![Span::raw(fit(s::STATION.get(lang), label_w))],
            station_spans,
        ]
        .concat(),
    ));
    let tail = vec![
        Line::from(vec![
            Span::raw(fit(s::OBSERVER.get(lang), label_w)),
            Span::styled(
                format!("{}{}", st.alias, cursor(StartFocus::Alias)),
                field(StartFocus::Alias),
            ),
        ]),
        Line::from(vec![
            Span::raw(fit(s::SESSION.get(lang), label_w)),
            Span::styled(format!("‹ {session} ›"), field(StartFocus::Session)),
        ]),
        Line::from(vec![
            Span::raw(fit(s::SHEET_KIND.get(lang), label_w)),
            Span::styled(
                format!(
                    "‹ {} ›",
                    match st.kind {
                        SheetKind::Observation => s::KIND_OBSERVATION.get(lang),
                        SheetKind::PvTranscription => s::KIND_TRANSCRIPTION.get(lang),
                    }
                ),
                field(StartFocus::Kind),
            ),
        ]),
        Line::from(vec![
            Span::raw(" ".repeat(label_w)),
            Span::styled(s::BEGIN.get(lang), field(StartFocus::Begin)),
        ]),
        Line::from(Span::styled(
            st.error.clone().unwrap_or_default(),
            th.error(),
        )),
    ];
    let list_h = inner
        .height
        .saturating_sub((head.len() + tail.len()) as u16);
    let [h, list, t] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Length(list_h),
        Constraint::Length(tail.len() as u16),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head), h);
    frame.render_widget(Paragraph::new(tail).wrap(Wrap { trim: false }), t);

    // The stations that match what was typed.
    let height = list.height as usize;
    let offset = scroll_offset(st.match_idx, st.matches.len(), height);
    let w = (list.width as usize).saturating_sub(label_w);
    let lines: Vec<Line> = st
        .matches
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, m)| {
            let text = if m.demo {
                format!("{} — {}", m.station.id, s::DEMO_LABEL.get(lang))
            } else if m.typed {
                format!("{} ({})", m.station.id, s::STATION_TYPED.get(lang))
            } else {
                // The municipality too: it is what a person searches by.
                let place = if m.station.municipality_name.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", m.station.municipality_name)
                };
                format!(
                    "{} {} {} ({}){place}",
                    m.station.id,
                    m.station.name,
                    m.station.postcode,
                    m.station.counting.code()
                )
            };
            let style = if i == st.match_idx {
                if st.focus == StartFocus::Station {
                    th.focus()
                } else {
                    th.title()
                }
            } else if m.demo {
                th.demo()
            } else {
                th.normal()
            };
            let marker = if i == st.match_idx { "▸ " } else { "  " };
            Line::from(vec![
                Span::raw(" ".repeat(label_w.saturating_sub(2))),
                Span::raw(marker),
                Span::styled(fit(&text, w), style),
            ])
        })
        .collect();
    if st.matches.is_empty() && !st.query.trim().is_empty() {
        let hint = wrap_words(s::NO_STATION_FOUND.get(lang), w)
            .into_iter()
            .map(|l| {
                Line::from(vec![
                    Span::raw(" ".repeat(label_w)),
                    Span::styled(l, th.warning()),
                ])
            })
            .collect::<Vec<_>>();
        frame.render_widget(Paragraph::new(hint), list);
        return;
    }
    frame.render_widget(Paragraph::new(lines), list);
}
