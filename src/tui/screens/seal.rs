//! The seal screen: a summary, the open checks and the unobserved fields, a
//! confirmation, then the fingerprint (16 groups of 4, as the Kiesraad prints its file
//! hashes) and the QR code.
//!
//! Keys (`Ctx::Seal`): Enter asks "seal now?" (`Ctx::ConfirmSeal`: `j`/`y` seals with
//! the observer's key, Esc goes back); once sealed, space and ← → go through the QR
//! codes and `a` turns their cycling on or off. The seal itself (the journal's last
//! entry, the signature) is made by `app::seal_with`.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::checks::Severity;
use crate::i18n::Text;
use crate::sheet::{FieldKey, ObservedSession, SheetKind};
use crate::text;
use crate::tui::app::{seal_with, App, Overlay, Session};
use crate::tui::i18n as s;
use crate::tui::keymap::Command;
use crate::tui::screens::centered;
use crate::tui::screens::count::Row;

const SEAL_SUMMARY: &Text = &Text::fixed("Samenvatting", "Summary");
const SEAL_OPEN_ERRORS: &Text = &Text::fixed("Openstaande fouten", "Open errors");
const SEAL_WARNINGS: &Text = &Text::fixed("Waarschuwingen", "Warnings");
const SEAL_UNOBSERVED: &Text = &Text::fixed("Niet waargenomen", "Not observed");
const SEAL_MOMENTS_OPEN: &Text =
    &Text::fixed("Momenten nog niet gestempeld", "Moments not yet stamped");
const SEAL_CONFIRM: &Text = &Text::fixed(
    "Verzegelen kan niet ongedaan worden gemaakt. Verzegelen? j = ja, Esc = terug",
    "Sealing cannot be undone. Seal now? y = yes, Esc = back",
);
const SEAL_PRESS_ENTER: &Text = &Text::fixed(
    "Enter: verzegelen met uw sleutel. Open fouten blokkeren niet: u legt vast wat u zag.",
    "Enter: seal with your key. Open errors do not block: you record what you saw.",
);
const FINGERPRINT: &Text = &Text::fixed("Vingerafdruk (SHA-256)", "Fingerprint (SHA-256)");
const ALL_OBSERVED: &Text = &Text::fixed("alles waargenomen", "everything observed");
const FIELDS_OBSERVED: &Text = &Text::fixed("Waargenomen", "Observed");
const TRANSCRIPTION_NOTE: &Text = &Text::fixed(
    "Dit blad is een overname van het gepubliceerde proces-verbaal (de PDF), geen waarneming in het stembureau.",
    "This sheet is a transcription of the published PV (the PDF), not an observation in the polling station.",
);
const NO_KEY: &Text = &Text::fixed(
    "geen meetel-map: de sleutel van de waarnemer kan niet worden geladen",
    "no meetel home directory: cannot load the observer's key",
);

// ---------------------------------------------------------------- keys

/// A key on the seal screen.
pub(crate) fn on_command(app: &mut App, cmd: Command) {
    let Some(sess) = app.session.as_mut() else {
        return;
    };
    match cmd {
        Command::Seal => {
            if sess.is_sealed() {
                return app.info(s::READ_ONLY.get(app.lang));
            }
            app.overlay = Some(Overlay::ConfirmSeal);
        }
        Command::NextQrPart => {
            if let Some(qr) = sess.qr.as_mut() {
                qr.next();
            }
        }
        Command::PrevQrPart => {
            if let Some(qr) = sess.qr.as_mut() {
                qr.previous();
            }
        }
        Command::ToggleQrCycle => {
            if let Some(qr) = sess.qr.as_mut() {
                let on = !qr.auto();
                qr.set_auto(on);
            }
        }
        Command::Up => sess.seal_scroll = sess.seal_scroll.saturating_sub(1),
        Command::Down => sess.seal_scroll += 1,
        _ => {}
    }
}

/// A key to "seal now?": yes seals, anything else goes back.
pub(crate) fn on_confirm_command(app: &mut App, cmd: Command) {
    app.overlay = None;
    if cmd == Command::ConfirmSeal {
        seal_with_observer_key(app);
    }
}

/// Seals with the observer's key from the meetel home directory.
fn seal_with_observer_key(app: &mut App) {
    let key = match app.workspace.as_ref() {
        Some(ws) => ws.key(),
        None => Err(NO_KEY.get(app.lang).to_string()),
    };
    let key = match key {
        Ok(k) => k,
        Err(e) => return app.fail(e),
    };
    seal_with(app, &key);
}

// ---------------------------------------------------------------- drawing

/// The counts of the count screen that have no value yet.
pub(crate) fn unobserved(sess: &Session) -> Vec<FieldKey> {
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

pub(crate) fn draw(app: &App, sess: &Session, frame: &mut Frame, area: Rect) {
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
        let whole = text!(
            "Het hele blad in één QR-code: venster van minstens {tw}×{th_} tekens.",
            "The whole sheet in one QR code: a window of at least {tw}×{th_} cells.",
        );
        lines.push(Line::from(whole.get(lang).to_string()));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", FINGERPRINT.get(lang)));
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
            TRANSCRIPTION_NOTE.get(lang),
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
            FIELDS_OBSERVED.get(lang),
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
        format!("{} ({})", SEAL_OPEN_ERRORS.get(lang), errors.len()),
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
            format!("{} ({})", SEAL_WARNINGS.get(lang), warnings.len()),
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
        format!("{} ({})", SEAL_UNOBSERVED.get(lang), missing.len()),
        th.title(),
    )));
    if missing.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("  {}", ALL_OBSERVED.get(lang)),
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
            format!("{} ({})", SEAL_MOMENTS_OPEN.get(lang), open.len()),
            th.title(),
        )));
        lines.push(Line::from(format!("  {}", open.join(" · "))));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        SEAL_PRESS_ENTER.get(lang),
        th.accent(),
    )));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", SEAL_SUMMARY.get(lang)));
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((sess.seal_scroll, 0));
    frame.render_widget(p, area);
}

/// The question "seal now?", over the summary.
pub(crate) fn draw_confirm(app: &App, frame: &mut Frame, body: Rect) {
    let area = centered(body, 64, 5);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", s::SCREEN_SEAL.get(app.lang)));
    let p = Paragraph::new(Span::styled(SEAL_CONFIRM.get(app.lang), app.theme.title()))
        .block(block)
        .wrap(Wrap { trim: true });
    frame.render_widget(p, area);
}
