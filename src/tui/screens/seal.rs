//! The seal screen: a summary, the open checks and the unobserved fields, a
//! confirmation, then the fingerprint (16 groups of 4, as the Kiesraad prints its file
//! hashes) and the QR code.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::checks::Severity;
use crate::sheet::{FieldKey, ObservedSession, SheetKind};
use crate::tui::app::{App, Row, Session};
use crate::tui::i18n as s;

/// The counts of the count screen that have no value yet.
pub fn unobserved(sess: &Session) -> Vec<FieldKey> {
    sess.rows
        .iter()
        .filter_map(|r| match r {
            Row::Field(f @ (FieldKey::Pv(_) | FieldKey::List(_)))
                if sess.sheet().value(*f).is_none() =>
            {
                Some(*f)
            }
            _ => None,
        })
        .collect()
}

pub fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    match &sess.sealed() {
        Some(sealed) => {
            // The QR code gets all the height (at 80x24 that is what decides how much
            // fits); the fingerprint and what to do with it stand beside it.
            // At 80 columns the code needs 41 of them (version 4 with its quiet zone).
            let side_w = if area.width >= 120 {
                42
            } else {
                area.width.saturating_sub(42).clamp(20, 42)
            };
            let [qr, side] =
                Layout::horizontal([Constraint::Min(30), Constraint::Length(side_w)]).areas(area);
            fingerprint_box(app, sess, &sealed.fingerprint(), frame, side);
            if let Some(view) = &sess.qr {
                frame.render_widget(view.widget(app.lang), qr);
            }
        }
        None => summary(app, sess, frame, area),
    }
}

fn fingerprint_box(app: &App, sess: &Session, fp: &str, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let groups: Vec<&str> = fp.split(' ').collect();
    let mut lines: Vec<Line> = groups
        .chunks(4)
        .map(|g| Line::from(Span::styled(g.join(" "), th.title())))
        .collect();
    lines.push(Line::from(""));
    // A transcription is made after the result is out: its fingerprint proves
    // nothing about timing, so it is not offered as such.
    let (text, style) = match sess.sheet().header.kind {
        SheetKind::PvTranscription => (s::TRANSCRIPTION_SEALED, th.focus()),
        SheetKind::Observation => (s::FINGERPRINT_SHARE, th.accent()),
    };
    lines.push(Line::from(Span::styled(text.get(lang), style)));
    if let Some(view) = &sess.qr {
        // The panel size for one code of the whole sheet, plus what surrounds it.
        let (w, h) = view.single_code_size();
        let (tw, th_) = (w + area.width, h + 4);
        lines.push(Line::from(""));
        lines.push(Line::from(match lang {
            crate::i18n::Lang::Nl => {
                format!("Het hele blad in één QR-code: venster van minstens {tw}×{th_} tekens.")
            }
            crate::i18n::Lang::En => {
                format!("The whole sheet in one QR code: a window of at least {tw}×{th_} cells.")
            }
        }));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", s::FINGERPRINT.get(lang)));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

fn summary(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let lang = app.lang;
    let h = &sess.sheet().header;
    let missing = unobserved(sess);
    let total = sess
        .rows
        .iter()
        .filter(|r| matches!(r, Row::Field(FieldKey::Pv(_) | FieldKey::List(_))))
        .count();
    let moments_open = sess
        .moments()
        .iter()
        .filter(|m| !sess.sheet().moments.contains_key(&m.id))
        .count();
    let qs = sess.questions();
    let unanswered = qs
        .iter()
        .filter(|q| {
            sess.sheet()
                .checklist
                .get(&q.id)
                .is_none_or(|a| a.answer.is_none())
        })
        .count();
    let mut lines = Vec::new();
    if h.kind == SheetKind::PvTranscription {
        lines.push(Line::from(Span::styled(
            s::TRANSCRIPTION_NOTE.get(lang),
            th.focus(),
        )));
    }
    lines.extend([
        Line::from(vec![
            Span::styled(format!("{} ", h.election.name), th.title()),
            Span::raw(format!(
                "({}) · {} {}",
                h.election.id, h.station.id, h.station.name
            )),
        ]),
        Line::from(format!(
            "{}: {} · {} · {}",
            s::OBSERVER.get(lang),
            h.observer.alias,
            h.station.counting.pv_model(),
            match (h.kind, h.session) {
                (SheetKind::PvTranscription, _) => s::KIND_TRANSCRIPTION.get(lang),
                (_, ObservedSession::StationCount) => s::SESSION_STATION.get(lang),
                (_, ObservedSession::MunicipalReview) => s::SESSION_GSB.get(lang),
            },
        )),
        Line::from(format!(
            "{}: {}/{total} · {}: {moments_open} · {}: {}/{}",
            s::FIELDS_OBSERVED.get(lang),
            total - missing.len(),
            s::MOMENTS_OPEN.get(lang),
            s::SCREEN_CHECKLIST.get(lang),
            qs.len() - unanswered,
            qs.len()
        )),
        Line::from(""),
    ]);
    let errors: Vec<_> = sess
        .checks
        .iter()
        .filter(|c| c.severity == Severity::Error)
        .collect();
    let warnings: Vec<_> = sess
        .checks
        .iter()
        .filter(|c| c.severity == Severity::Warning)
        .collect();
    lines.push(Line::from(Span::styled(
        format!("{} ({})", s::SEAL_OPEN_ERRORS.get(lang), errors.len()),
        th.title(),
    )));
    for c in &errors {
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", c.code), th.error()),
            Span::raw(c.message.get(lang).to_string()),
        ]));
    }
    if !warnings.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("{} ({})", s::SEAL_WARNINGS.get(lang), warnings.len()),
            th.title(),
        )));
        for c in &warnings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", c.code), th.warning()),
                Span::raw(c.message.get(lang).to_string()),
            ]));
        }
    }
    lines.push(Line::from(Span::styled(
        format!("{} ({})", s::SEAL_UNOBSERVED.get(lang), missing.len()),
        th.title(),
    )));
    if missing.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("  {}", s::ALL_OBSERVED.get(lang)),
            th.ok(),
        )));
    } else {
        let keys: Vec<String> = missing.iter().map(|f| f.to_string()).collect();
        lines.push(Line::from(format!("  {}", keys.join(" "))));
    }
    // The moments not stamped, by name: a moment still to come (the PV signed) is a
    // reason to wait before sealing.
    let open: Vec<&str> = sess
        .moments()
        .iter()
        .filter(|m| !sess.sheet().moments.contains_key(&m.id))
        .map(|m| m.label.get(lang))
        .collect();
    if !open.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("{} ({})", s::SEAL_MOMENTS_OPEN.get(lang), open.len()),
            th.title(),
        )));
        lines.push(Line::from(format!("  {}", open.join(" · "))));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        s::SEAL_PRESS_ENTER.get(lang),
        th.accent(),
    )));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", s::SEAL_SUMMARY.get(lang)));
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((sess.seal_scroll, 0));
    frame.render_widget(p, area);
}
