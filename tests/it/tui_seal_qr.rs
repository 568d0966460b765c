//! The QR codes as the seal screen places them (beside the fingerprint, under the
//! header and above the hint bar) scan back into the identical, verified sheet, at
//! 80x24 and 160x48: every code of the cycle, painted from the `TestBackend` cells
//! (a half block is two pixels: its foreground above, its background below).

use crate::qr_support::paint;
use crate::tui_support;

use image::GrayImage;
use meetel::i18n::Lang;
use meetel::qr::parts::{Added, Collector};
use meetel::qr::scan;
use meetel::sheet::TimeOfDay;
use meetel::tui::app::{self, App, Screen, Session};
use meetel::tui::input::Action;
use meetel::tui::theme::Theme;
use ratatui::buffer::Buffer;
use tui_support::{enter, frame, typed};

const PX: u32 = 4;

fn paint(buf: &Buffer) -> GrayImage {
    paint::paint(buf, PX)
}

/// A sheet for 0668::SB1 with A–H and every list total, sealed in the TUI.
fn sealed_app() -> App {
    let home = tempfile::tempdir().unwrap();
    let key = meetel::keys::load_or_create_in(home.path()).unwrap();
    let form = meetel::form::Form::load(meetel::form::DEFAULT_FORM).unwrap();
    let mut header = meetel::testkit::form_header(&form, "0668::SB1".parse().unwrap(), "anna");
    header.observer.public_key = meetel::keys::public_key_hex(&key);
    let sess = Session::new(
        "tk2025-nijmegen",
        meetel::sheet::Editor::in_memory(form, header).unwrap(),
    );
    let mut app = App::with_session(Lang::Nl, sess);
    app.theme = Theme::mono();
    app::update(&mut app, Action::Tick(TimeOfDay::new(22, 40).unwrap()));
    for v in ["2086", "239", "7", "2332"] {
        typed(&mut app, v);
        enter(&mut app);
    }
    for n in 0..24 {
        typed(&mut app, &(100 + n).to_string());
        enter(&mut app);
    }
    typed(&mut app, "v");
    app::seal_with(&mut app, &key);
    assert_eq!(app.screen, Screen::Seal);
    app
}

#[test]
fn the_seal_screen_codes_scan_back_into_the_verified_sheet() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = sealed_app();
        let sealed = app.session.as_ref().unwrap().sealed().unwrap();
        let mut collector = Collector::new();
        let mut codes = 0;
        loop {
            let found = scan::scan_luma(paint(&frame(&app, w, h)));
            assert_eq!(
                found.texts.len(),
                1,
                "{w}x{h}, code {}: {:?}",
                codes + 1,
                found.unreadable
            );
            match collector.add(&found.texts[0]).unwrap() {
                Added::Fingerprint(f) if codes > 0 => {
                    // Back at the start of the cycle.
                    assert_eq!(f.notation(), sealed.fingerprint());
                    break;
                }
                Added::Fingerprint(f) => assert_eq!(f.notation(), sealed.fingerprint()),
                _ => {}
            }
            codes += 1;
            assert!(
                codes < 60,
                "the cycle never came back to the fingerprint code"
            );
            typed(&mut app, " ");
        }
        let mut out = collector.finish();
        assert_eq!(out.len(), 1, "{w}x{h}");
        let back = out.remove(0).unwrap();
        assert_eq!(back, sealed, "{w}x{h}: {codes} codes");
        meetel::sheet::seal::verify(&back).unwrap();
        println!(
            "{w}x{h}: the sheet in {} code(s) after the fingerprint code",
            codes - 1
        );
    }
}
