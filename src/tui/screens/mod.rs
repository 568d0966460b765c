//! The screens, one file each, and the frame around them. A screen's file holds its
//! keys (`on_command`, called by `app::dispatch` with the command the keymap found) and
//! its drawing (`draw`), with its own words at the top, so that "how tally mode handles
//! a key" and "what the seal screen says" are found in `tally.rs` and `seal.rs`.
//!
//! [`view`]`(&App, &mut Frame)` only reads the model: the frame around every screen
//! (election, station, save state, clock on top; message and key hints below), the
//! screen itself, and any pop-up (`crate::tui::popups`).

pub(crate) mod candidates;
pub(crate) mod checklist;
pub(crate) mod compare;
pub(crate) mod count;
pub(crate) mod events;
pub(crate) mod seal;
pub(crate) mod start;
pub(crate) mod tally;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::checks::{CheckResult, Severity};
use crate::i18n::Text;
use crate::sheet::{FieldKey, Source};
use crate::tui::app::{App, Overlay, SaveState, Screen, Session};
use crate::tui::i18n as s;
use crate::tui::keymap;
use crate::tui::popups::{event, help, prompt};
use crate::tui::theme::Theme;
use crate::words;

/// The smallest terminal the screens are laid out for; below it a notice is shown.
pub(crate) const MIN_WIDTH: u16 = 60;
pub(crate) const MIN_HEIGHT: u16 = 16;

/// Draws the whole TUI.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let p = Paragraph::new(s::TOO_SMALL.get(app.lang)).wrap(Wrap { trim: true });
        frame.render_widget(p, area);
        return;
    }
    // A sealed sheet's QR code needs every row a small terminal has (at 80x24 the
    // fingerprint code just fits): the tab and message lines make way for it.
    let qr_shown =
        app.screen == Screen::Seal && app.session.as_ref().is_some_and(|s| s.is_sealed());
    let tight = qr_shown && area.height < 30;
    let spare = if tight { 0 } else { 1 };
    // The message wraps rather than losing its end (the guidance after "PV signed" is
    // the part that matters), and the key hints take a second line when one is not
    // enough, so that a small terminal still shows how to quit and undo.
    let message = if tight {
        Vec::new()
    } else {
        message_lines(app, area.width)
    };
    let hints = hint_lines(app, area.width, if tight { 1 } else { 2 });
    let [top, tabs, body, msg, hint_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(spare),
        Constraint::Min(5),
        Constraint::Length((message.len() as u16).max(spare)),
        Constraint::Length(hints.len().max(1) as u16),
    ])
    .areas(area);
    header(app, frame, top);
    tab_line(app, frame, tabs);
    match (app.screen, app.session.as_ref()) {
        (Screen::Start, _) | (_, None) => start::draw(app, frame, body),
        (Screen::Count, Some(sess)) => count::draw(app, sess, frame, body),
        (Screen::Candidates, Some(sess)) => candidates::draw(app, sess, frame, body),
        (Screen::Tally, Some(sess)) => tally::draw(app, sess, frame, body),
        (Screen::Events, Some(sess)) => events::draw(app, sess, frame, body),
        (Screen::Checklist, Some(sess)) => checklist::draw(app, sess, frame, body),
        (Screen::Seal, Some(sess)) => seal::draw(app, sess, frame, body),
        (Screen::Compare, Some(sess)) => compare::draw(app, sess, frame, body),
    }
    frame.render_widget(Paragraph::new(message), msg);
    frame.render_widget(Paragraph::new(hints), hint_area);
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help::draw(app, *scroll, frame, body),
        Some(Overlay::Prompt(p)) => prompt::draw(app, p, frame, body),
        Some(Overlay::Event(d)) => event::draw(app, d, frame, body),
        Some(Overlay::ConfirmSeal) => seal::draw_confirm(app, frame, body),
    }
}

fn header(app: &App, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let mut spans = vec![Span::styled("meetel", th.title())];
    if let Some(sess) = &app.session {
        let h = &sess.sheet().header;
        spans.push(Span::raw(format!(" · {} · ", h.election.id)));
        if h.kind == crate::sheet::SheetKind::PvTranscription {
            // Never to be mistaken for an observation: the badge on every screen.
            spans.push(Span::styled(s::TRANSCRIPTION_BADGE.get(lang), th.focus()));
            spans.push(Span::raw(" · "));
        }
        if sess.demo {
            spans.push(Span::styled(s::DEMO_LABEL.get(lang), th.demo()));
        } else {
            spans.push(Span::styled(h.station.id.to_string(), th.title()));
            if !h.station.name.is_empty() {
                spans.push(Span::raw(format!(" {}", h.station.name)));
            }
        }
        spans.push(Span::raw(" · "));
        let (text, style) = match (&sess.save, sess.is_sealed()) {
            (_, true) => (format!("🔒 {}", s::SEALED.get(lang)), th.ok()),
            (SaveState::Saved, _) => (format!("✓ {}", s::SAVED.get(lang)), th.ok()),
            (SaveState::Memory, _) => (s::IN_MEMORY.get(lang).to_string(), th.warning()),
            (SaveState::Failed(_), _) => (format!("✗ {}", s::NOT_SAVED.get(lang)), th.error()),
        };
        spans.push(Span::styled(text, style));
    } else {
        spans.push(Span::raw(format!(
            " — {}",
            s::APP_TITLE.get(lang).trim_start_matches("meetel — ")
        )));
    }
    let clock = app.now.to_string();
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = area.width as usize;
    if used + clock.len() < room {
        spans.push(Span::raw(" ".repeat(room - used - clock.len())));
        spans.push(Span::styled(clock, th.title()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn tab_line(app: &App, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    if app.session.is_none() || app.screen == Screen::Start {
        let line = Line::from(Span::styled(s::SCREEN_START.get(app.lang), th.focus()));
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let spans = tab_spans(app, area.width as usize)
        .into_iter()
        .map(|(text, kind)| match kind {
            Tab::Key => Span::styled(text, th.key()),
            Tab::Current => Span::styled(text, th.focus()),
            Tab::Other => Span::styled(text, th.normal()),
        })
        .collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// What a piece of the tab line is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Key,
    Current,
    Other,
}

/// The screens with their F-key, in the longest form that fits `width`: full titles,
/// then shorter ones, then the F-keys alone with only the current screen named, so
/// that every F-key shows down to the smallest terminal (60 columns).
fn tab_spans(app: &App, width: usize) -> Vec<(String, Tab)> {
    let tabs: [(&str, Screen, &Text); 7] = [
        ("F2", Screen::Count, words!("Telling", "Count")),
        ("F3", Screen::Candidates, words!("Kand.", "Cand.")),
        ("F4", Screen::Tally, words!("Turven", "Tally")),
        ("F5", Screen::Events, words!("Momenten", "Moments")),
        ("F6", Screen::Checklist, words!("Checklist", "Checks")),
        ("F7", Screen::Seal, words!("Zegel", "Seal")),
        ("F8", Screen::Compare, words!("Vergelijk", "Compare")),
    ];
    let build = |level: usize| -> Vec<(String, Tab)> {
        let mut out = Vec::new();
        for (k, screen, short) in tabs {
            let short = short.get(app.lang);
            let current = screen == app.screen;
            let title = match level {
                0 => screen.title().get(app.lang),
                1 if screen == Screen::Events => short,
                1 => screen.title().get(app.lang),
                2 => short,
                _ if current => short,
                _ => "",
            };
            out.push((k.to_string(), Tab::Key));
            let sep = if level >= 2 { " " } else { "  " };
            let kind = if current { Tab::Current } else { Tab::Other };
            if title.is_empty() {
                out.push((sep.to_string(), kind));
            } else {
                out.push((format!(" {title}{sep}"), kind));
            }
        }
        out
    };
    let fits = |spans: &[(String, Tab)]| {
        let w: usize = spans.iter().map(|(t, _)| t.chars().count()).sum();
        // The separator after the last tab may fall off the edge.
        let trailing = spans
            .last()
            .map_or(0, |(t, _)| t.len() - t.trim_end().len());
        w - trailing <= width
    };
    (0..3)
        .map(build)
        .find(|spans| fits(spans))
        .unwrap_or_else(|| build(3))
}

/// The status message, wrapped to the width (at most three lines).
fn message_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let th = app.theme;
    let (text, style) = match (&app.message, app.session.as_ref().map(|s| &s.save)) {
        (Some(m), _) => (
            m.text.as_str(),
            if m.error { th.error() } else { th.accent() },
        ),
        (None, Some(SaveState::Failed(e))) => (e.get(app.lang), th.error()),
        _ => return Vec::new(),
    };
    wrap_words(text, width as usize)
        .into_iter()
        .take(3)
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

/// The bottom lines: the bar bindings of the live contexts that apply now, as many as
/// fit on at most `max_lines` lines.
fn hint_lines(app: &App, width: u16, max_lines: usize) -> Vec<Line<'static>> {
    let th = app.theme;
    let width = width as usize;
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0usize;
    for (keys, label) in keymap::hints(&app.contexts(), app.lang, |c| app.offers(c)) {
        let w = keys.chars().count() + 1 + label.chars().count() + 2;
        if used + w > width {
            if lines.len() == max_lines {
                break;
            }
            lines.push(Vec::new());
            used = 0;
        }
        used += w;
        let line = lines.last_mut().expect("one line at least");
        line.push(Span::styled(keys, th.key()));
        line.push(Span::raw(format!(" {label}  ")));
    }
    lines.into_iter().map(Line::from).collect()
}

/// Greedy word wrap to `width` columns; a word longer than a line is cut. Written here
/// because ratatui's own count of wrapped lines is behind an unstable feature, and the
/// layout needs the count before drawing.
pub(crate) fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 0usize;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let need = if used == 0 {
                word.len()
            } else {
                used + 1 + word.len()
            };
            if need <= width {
                if used > 0 {
                    line.push(' ');
                }
                line.extend(word.iter());
                used = need;
                break;
            }
            if used > 0 {
                out.push(std::mem::take(&mut line));
                used = 0;
                continue;
            }
            // A word wider than the whole line.
            let rest = word.split_off(width);
            out.push(word.iter().collect());
            word = rest;
        }
    }
    if used > 0 {
        out.push(line);
    }
    out
}

/// Cycles through `all` and "not recorded": None → first → … → last → None.
pub(crate) fn cycle<V: Copy + PartialEq>(all: &[V], now: Option<V>, forward: bool) -> Option<V> {
    let n = all.len() as isize;
    let pos = now
        .and_then(|v| all.iter().position(|x| *x == v))
        .map(|p| p as isize)
        .unwrap_or(-1);
    let next = if forward {
        pos + 1
    } else if pos == -1 {
        n - 1
    } else {
        pos - 1
    };
    if next < 0 || next >= n {
        None
    } else {
        Some(all[next as usize])
    }
}

/// Splits a screen into its main part and the live checks panel: beside it on a wide
/// terminal, `narrow_h` rows below it otherwise.
pub(crate) fn beside_checks(area: Rect, narrow_h: u16) -> (Rect, Rect) {
    if area.width >= 110 {
        let [a, b] = Layout::horizontal([Constraint::Min(60), Constraint::Length(48)]).areas(area);
        (a, b)
    } else {
        let [a, b] =
            Layout::vertical([Constraint::Min(6), Constraint::Length(narrow_h)]).areas(area);
        (a, b)
    }
}

/// The live checks panel: every F./W. code that fires on what has been observed.
pub(crate) fn checks_panel(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let errors = sess.errors();
    let warnings = sess.checks.len() - errors;
    let title = format!(" {} · F {errors} · W {warnings} ", s::CHECKS.get(lang));
    let block = Block::default().borders(Borders::ALL).title(title);
    let lines: Vec<Line> = if sess.checks.is_empty() {
        vec![Line::from(Span::styled(s::CHECKS_NONE.get(lang), th.ok()))]
    } else {
        sess.checks
            .iter()
            .map(|c| check_line(c, lang, th))
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

fn check_line(c: &CheckResult, lang: crate::i18n::Lang, th: Theme) -> Line<'static> {
    let style = match c.severity {
        Severity::Error => th.error(),
        Severity::Warning => th.warning(),
    };
    Line::from(vec![
        Span::styled(format!("{} ", c.code), style),
        Span::raw(c.message.get(lang).to_string()),
    ])
}

/// The fields named by a firing check, to mark them in the form.
pub(crate) fn flagged(sess: &Session, field: FieldKey) -> Option<Severity> {
    sess.checks
        .iter()
        .filter(|c| c.fields.contains(&field))
        .map(|c| c.severity)
        .min()
}

/// How a count reads: `1190`, `1190 getypt · turf 1188`, `12 geturfd`, `—`.
pub(crate) fn value_text(
    sess: &Session,
    field: FieldKey,
    lang: crate::i18n::Lang,
) -> (String, Option<String>) {
    let typed = sess.sheet().counts.get(&field).copied();
    let tally = sess.sheet().tallies.get(&field).copied();
    match (sess.sheet().value_with_source(field), typed, tally) {
        (None, _, _) => (s::NOT_OBSERVED.get(lang).to_string(), None),
        (Some((v, Source::Typed)), _, Some(t)) => (
            v.to_string(),
            Some(format!(
                "{} · {} {t}",
                s::TYPED.get(lang),
                s::TALLIED.get(lang)
            )),
        ),
        (Some((v, Source::Typed)), _, None) => (v.to_string(), None),
        (Some((v, Source::Tally)), _, _) => (v.to_string(), Some(s::TALLIED.get(lang).to_string())),
    }
}

/// The first row to show so that `cursor` stays in view in `height` rows.
pub(crate) fn scroll_offset(cursor: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let half = height / 2;
    cursor.saturating_sub(half).min(len - height)
}

/// A centred rectangle of at most `w` × `h` inside `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Pads or cuts `text` to exactly `width` display columns.
pub(crate) fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        if w + 1 > width {
            break;
        }
        out.push(c);
        w += 1;
    }
    if text.chars().count() > width && width > 0 {
        out.pop();
        out.push('…');
    }
    while w < width {
        out.push(' ');
        w += 1;
    }
    out
}

pub(crate) fn style_for(sev: Option<Severity>, th: Theme) -> Style {
    match sev {
        Some(Severity::Error) => th.error(),
        Some(Severity::Warning) => th.warning(),
        None => th.normal(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_passes_through_not_recorded() {
        assert_eq!(cycle(&[1, 2], None, true), Some(1));
        assert_eq!(cycle(&[1, 2], Some(2), true), None);
        assert_eq!(cycle(&[1, 2], None, false), Some(2));
    }
}
