//! The "done when" of issue 4: the codes the TUI draws are scannable. The QR panel is
//! rendered into ratatui's TestBackend at 80×24 (every code of the cycle) and 160×48,
//! each cell painted as pixels (a half block is two pixels: its foreground above, its
//! background below), and the pictures decoded with rqrr back into the identical,
//! verified sheet.

use crate::qr_support;

use qr_support::paint;

use meetel::qr;
use meetel::tui::qr_view;

use image::GrayImage;
use meetel::i18n::Lang;
use meetel::qr::parts::Added;
use meetel::qr::scan;
use meetel::sheet::seal::SealedSheet;
use qr_support::*;
use qr_view::{QrView, ShownKind};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::Terminal;

const PX: u32 = 6;

fn paint(buf: &Buffer) -> GrayImage {
    paint::paint(buf, PX)
}

fn draw(view: &QrView, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| f.render_widget(view.widget(Lang::Nl), f.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Cycles through every code at this size, decoding each picture; returns the sheet.
fn scan_the_cycle(sealed: &SealedSheet, width: u16, height: u16) -> (usize, SealedSheet) {
    let mut view = QrView::new(sealed);
    let n = view.codes_for(Rect::new(0, 0, width, height)).len();
    assert!(n >= 2, "{width}x{height}: {n} codes");
    let mut collector = qr::Collector::new();
    let mut saw_fingerprint = false;
    for i in 0..n {
        let buf = draw(&view, width, height);
        let found = scan::scan_luma(paint(&buf));
        assert_eq!(
            found.texts.len(),
            1,
            "{width}x{height}, code {}: {:?}",
            i + 1,
            found.unreadable
        );
        match collector.add(&found.texts[0]).unwrap() {
            Added::Fingerprint(f) => {
                assert_eq!(i, 0, "the fingerprint code comes first");
                assert_eq!(f.notation(), sealed.fingerprint());
                saw_fingerprint = true;
            }
            other => assert!(i > 0, "{other:?}"),
        }
        view.next();
    }
    assert!(saw_fingerprint);
    let mut out = collector.finish();
    assert_eq!(out.len(), 1);
    (n, out.remove(0).unwrap())
}

#[test]
fn every_code_drawn_at_80x24_and_160x48_scans_back_into_the_verified_sheet() {
    for sheet in [typical_sheet(), all_candidates_sheet()] {
        let sealed = seal_sheet(&sheet);
        for (w, h) in [(80, 24), (160, 48)] {
            let (n, back) = scan_the_cycle(&sealed, w, h);
            println!("{w}x{h}: fingerprint code + {} sheet code(s)", n - 1);
            assert_eq!(back, sealed, "{w}x{h}");
        }
    }
}

#[test]
fn a_large_enough_panel_shows_the_whole_sheet_in_one_code() {
    let sealed = seal_sheet(&typical_sheet());
    let view = QrView::new(&sealed);
    let (w, h) = view.single_code_size();
    println!("the typical sheet as one code needs a panel of {w}x{h} cells");
    let codes = view.codes_for(Rect::new(0, 0, w, h));
    assert_eq!(codes.len(), 2);
    assert_eq!(codes[1].kind, ShownKind::Whole);
    assert!(view.codes_for(Rect::new(0, 0, w, h - 1)).len() > 2);
    let mut view = view;
    view.next();
    let found = scan::scan_luma(paint(&draw(&view, w, h)));
    assert_eq!(qr::decode_verified(&found.texts[0]).unwrap(), sealed);
}

#[test]
fn the_codes_are_dark_on_light_with_a_quiet_zone_in_named_colours() {
    let sealed = seal_sheet(&typical_sheet());
    let buf = draw(&QrView::new(&sealed), 80, 24);
    let mut blocks = 0;
    for cell in buf.content() {
        if cell.symbol() == "▀" {
            blocks += 1;
            assert!(
                matches!(cell.fg, Color::Black | Color::White),
                "{:?}",
                cell.fg
            );
            assert!(
                matches!(cell.bg, Color::Black | Color::White),
                "{:?}",
                cell.bg
            );
        }
    }
    // The fingerprint code: version 4 (33 modules) + 2×4 quiet = 41 columns, 21 rows.
    assert_eq!(blocks, 41 * 21);
    let first_row: Vec<_> = buf
        .content()
        .iter()
        .filter(|c| c.symbol() == "▀")
        .take(41)
        .collect();
    assert!(
        first_row
            .iter()
            .all(|c| c.fg == Color::White && c.bg == Color::White),
        "quiet zone on top"
    );
}

#[test]
fn the_timer_cycles_and_a_key_restarts_it() {
    let sealed = seal_sheet(&typical_sheet());
    let mut view = QrView::new(&sealed);
    let area = Rect::new(0, 0, 80, 24);
    let t0 = std::time::Instant::now();
    assert!(!view.tick(t0));
    assert_eq!(view.current(area).unwrap().position, 1);
    assert!(!view.tick(t0 + qr_view::AUTO_CYCLE / 2));
    assert!(view.tick(t0 + qr_view::AUTO_CYCLE));
    assert_eq!(view.current(area).unwrap().position, 2);
    view.next();
    assert_eq!(view.current(area).unwrap().position, 3);
    assert!(
        !view.tick(t0 + qr_view::AUTO_CYCLE * 3 / 2),
        "a key press restarts the timer"
    );
    view.set_auto(false);
    assert!(!view.tick(t0 + qr_view::AUTO_CYCLE * 10));
    let n = view.codes_for(area).len();
    for _ in 0..n - 2 {
        view.next();
    }
    assert_eq!(
        view.current(area).unwrap().position,
        1,
        "wraps around to the fingerprint code"
    );
}

#[test]
fn too_small_a_panel_says_how_large_it_must_be() {
    let sealed = seal_sheet(&typical_sheet());
    let buf = draw(&QrView::new(&sealed), 40, 10);
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("Te klein voor een QR-code"), "{text}");
}
