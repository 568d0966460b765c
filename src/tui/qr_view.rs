//! The QR codes of a sealed sheet on the seal screen: half-block rendering, the largest
//! version the area allows, and a cycle through the codes (a key, and a timer for phone
//! apps that scan continuously).
//!
//! The cycle starts with the one-part fingerprint code (election, station, fingerprint:
//! the commitment to share at once), then the sheet: one `MT1:` code if it fits the
//! area, else as many `MT1P:` parts as the area needs.
//!
//! Drawing: one module per column and two per row, `▀` with the foreground colouring
//! the upper module and the background the lower one; dark modules `Color::Black` on
//! `Color::White`, whatever the terminal's theme (named colours only: Terminal.app has
//! no true colour), with the 4-module quiet zone painted light too.
//!
//! Self-contained: it depends on ratatui and the domain only, not on other TUI files.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

use crate::i18n::{Lang, Text};
use crate::qr::{self, render};
use crate::sheet::seal::SealedSheet;
use crate::text;

/// How long each code stays on screen in the automatic cycle.
pub const AUTO_CYCLE: Duration = Duration::from_secs(2);

/// The state of the QR panel: which code is shown, and the timer of the cycle. Cheap to
/// keep in the app; the codes themselves are made when drawn, for the area at hand.
#[derive(Debug, Clone)]
pub struct QrView {
    fingerprint_code: String,
    whole: String,
    group: String,
    /// Position in the cycle; taken modulo the number of codes when drawn, because that
    /// number depends on the area.
    index: usize,
    auto: bool,
    last_switch: Option<Instant>,
}

/// One code to draw, with what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownCode {
    pub(crate) text: String,
    /// 1-based position in the cycle and the cycle's length.
    pub position: usize,
    pub(crate) of: usize,
    pub kind: ShownKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownKind {
    Fingerprint,
    Whole,
    Part { index: usize, total: usize },
}

impl QrView {
    pub fn new(sealed: &SealedSheet) -> QrView {
        QrView {
            fingerprint_code: qr::fingerprint_code(sealed),
            whole: qr::to_text(sealed),
            group: qr::parts::group_of(sealed),
            index: 0,
            auto: true,
            last_switch: None,
        }
    }

    /// The next code (a key press); restarts the timer.
    pub fn next(&mut self) {
        self.index = self.index.wrapping_add(1);
        self.last_switch = None;
    }

    /// The previous code.
    pub(crate) fn previous(&mut self) {
        self.index = self.index.wrapping_sub(1);
        self.last_switch = None;
    }

    pub fn set_auto(&mut self, on: bool) {
        self.auto = on;
        self.last_switch = None;
    }

    pub(crate) fn auto(&self) -> bool {
        self.auto
    }

    /// Call on every tick of the app: moves to the next code when [`AUTO_CYCLE`] has
    /// passed since the last switch. Returns whether the code changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        if !self.auto {
            return false;
        }
        match self.last_switch {
            None => {
                self.last_switch = Some(now);
                false
            }
            Some(t) if now.duration_since(t) >= AUTO_CYCLE => {
                self.index = self.index.wrapping_add(1);
                self.last_switch = Some(now);
                true
            }
            Some(_) => false,
        }
    }

    /// The largest QR version whose symbol with quiet zone fits `width` × `rows` cells
    /// in half blocks (capped at [`qr::MAX_SCREEN_VERSION`]); 0 if none.
    pub(crate) fn max_version(width: u16, rows: u16) -> i16 {
        let modules = (width as i32).min(2 * rows as i32) - 2 * render::QUIET_ZONE as i32;
        (((modules - 17) / 4) as i16).clamp(0, qr::MAX_SCREEN_VERSION)
    }

    /// Cells (columns, rows) a code of `version` takes, quiet zone included.
    pub(crate) fn cells_for_version(version: i16) -> (u16, u16) {
        let side = (17 + 4 * version) as u16 + 2 * render::QUIET_ZONE as u16;
        (side, side.div_ceil(2))
    }

    /// The terminal area (columns, rows, caption line included) the panel needs to
    /// show the whole sheet as a single code.
    pub fn single_code_size(&self) -> (u16, u16) {
        let version = render::symbol(&self.whole, 40)
            .map(|c| render::version_of(&c))
            .unwrap_or(40);
        let (w, h) = QrView::cells_for_version(version);
        (w, h + 1)
    }

    /// The codes of the cycle for a panel of this size: the fingerprint code, then the
    /// sheet in as few codes as the size allows. Empty if not even the fingerprint code
    /// fits.
    pub fn codes_for(&self, area: Rect) -> Vec<ShownCode> {
        let rows = code_rows(area);
        let max = QrView::max_version(area.width, rows);
        if max < 1 || fingerprint_symbol(&self.fingerprint_code, max).is_none() {
            return Vec::new();
        }
        let sheet = qr::parts::split_text(&self.whole, &self.group, max).unwrap_or_default();
        let of = 1 + sheet.len();
        let total = sheet.len();
        let mut out = vec![ShownCode {
            text: self.fingerprint_code.clone(),
            position: 1,
            of,
            kind: ShownKind::Fingerprint,
        }];
        out.extend(sheet.into_iter().enumerate().map(|(i, text)| ShownCode {
            text,
            position: i + 2,
            of,
            kind: if total == 1 {
                ShownKind::Whole
            } else {
                ShownKind::Part {
                    index: i + 1,
                    total,
                }
            },
        }));
        out
    }

    /// The code drawn now in a panel of this size.
    pub fn current(&self, area: Rect) -> Option<ShownCode> {
        let codes = self.codes_for(area);
        if codes.is_empty() {
            return None;
        }
        let i = self.index % codes.len();
        codes.into_iter().nth(i)
    }

    /// The widget that draws the current code.
    pub fn widget(&self, lang: Lang) -> QrWidget<'_> {
        QrWidget { view: self, lang }
    }
}

/// Rows for the code: all but the caption line (when there is room for one).
fn code_rows(area: Rect) -> u16 {
    area.height.saturating_sub(1)
}

/// The fingerprint code at error correction M, or at L when M does not fit: on a
/// clean screen L reads as well, and this code must fit even at 80×24.
fn fingerprint_symbol(text: &str, max_version: i16) -> Option<render::Symbol> {
    render::symbol(text, max_version)
        .or_else(|_| render::symbol_at(text, max_version, qrcode::EcLevel::L))
        .ok()
}

/// Draws the current code of a [`QrView`], centred, with a caption line under it.
pub struct QrWidget<'a> {
    view: &'a QrView,
    lang: Lang,
}

impl Widget for QrWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(shown) = self.view.current(area) else {
            let (w, h) = QrView::cells_for_version(4);
            let h = h + 1;
            let msg = text!(
                "Te klein voor een QR-code: minstens {w}×{h} tekens nodig.",
                "Too small for a QR code: needs at least {w}×{h} cells.",
            );
            let msg = msg.get(self.lang);
            buf.set_stringn(area.x, area.y, msg, area.width as usize, Style::default());
            return;
        };
        let symbol = match shown.kind {
            ShownKind::Fingerprint => fingerprint_symbol(
                &shown.text,
                QrView::max_version(area.width, code_rows(area)),
            ),
            _ => render::symbol(&shown.text, qr::MAX_SCREEN_VERSION).ok(),
        };
        let Some(symbol) = symbol else {
            return;
        };
        let modules = render::modules(&symbol);
        let side = modules.len() as u16;
        let rows = side.div_ceil(2);
        let x0 = area.x + (area.width - side) / 2;
        let y0 = area.y + (code_rows(area) - rows) / 2;
        let colour = |dark: bool| if dark { Color::Black } else { Color::White };
        for r in 0..rows {
            for c in 0..side {
                let top = modules[(2 * r) as usize][c as usize];
                let bottom = modules
                    .get((2 * r + 1) as usize)
                    .is_some_and(|row| row[c as usize]);
                if let Some(cell) = buf.cell_mut((x0 + c, y0 + r)) {
                    cell.set_symbol("▀")
                        .set_fg(colour(top))
                        .set_bg(colour(bottom));
                }
            }
        }
        let caption = caption(&shown, self.lang);
        let cap_x = area.x + area.width.saturating_sub(caption.chars().count() as u16) / 2;
        buf.set_stringn(
            cap_x,
            y0 + rows,
            caption,
            area.width as usize,
            Style::default(),
        );
    }
}

fn caption(shown: &ShownCode, lang: Lang) -> String {
    let what = match shown.kind {
        ShownKind::Fingerprint => Text::fixed(
            "vingerafdruk (deel dit meteen)",
            "fingerprint (share this at once)",
        ),
        ShownKind::Whole => Text::fixed("het hele blad", "the whole sheet"),
        ShownKind::Part { index, total } => text!(
            "blad, deel {index} van {total}",
            "sheet, part {index} of {total}",
        ),
    };
    format!("{}/{} · {}", shown.position, shown.of, what.get(lang))
}
