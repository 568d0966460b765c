//! Every screen rendered with ratatui's `TestBackend` at 80x24 and 160x48, with
//! assertions on what a person sees.

use crate::tui_support;

use crossterm::event::KeyCode;
use meetel::i18n::Lang;
use meetel::sheet::{FieldKey, PvField, TimeOfDay};
use meetel::tui::app::{self, App, Screen};
use meetel::tui::input::Action;
use meetel::tui::theme::Theme;
use ratatui::style::Color;
use tui_support::{enter, frame, key, sb1, screen, typed};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn every_size(app: &App, check: impl Fn(&str, u16, u16)) {
    for (w, h) in SIZES {
        let text = screen(app, w, h);
        check(&text, w, h);
    }
}

/// What is always visible: election, station, save state, clock, key hints.
fn frame_parts(text: &str) {
    assert!(text.contains("TK2025"), "{text}");
    assert!(text.contains("0668::SB1"), "{text}");
    assert!(text.contains("21:05"), "{text}");
    assert!(text.contains("?/F1"), "{text}");
}

#[test]
fn start_screen_offers_the_demo_and_the_form() {
    let mut app = App::new(Lang::Nl, None, None);
    app.theme = Theme::mono();
    every_size(&app, |t, _, _| {
        assert!(t.contains("Nieuw blad"), "{t}");
        assert!(t.contains("tk2025-nijmegen"), "{t}");
        assert!(t.contains("DEMO — fictief stembureau"), "{t}");
        assert!(t.contains("Nog geen bladen"), "{t}");
    });
    typed(&mut app, "gemeentehuis");
    every_size(&app, |t, _, _| {
        assert!(t.contains("0668::SB1 Gemeentehuis"), "{t}");
        assert!(!t.contains("DEMO — fictief"), "{t}");
    });
    app.lang = Lang::En;
    assert!(screen(&app, 80, 24).contains("New sheet"));
}

#[test]
fn count_screen_follows_the_pv_and_shows_the_checks() {
    let mut app = sb1(Lang::Nl);
    every_size(&app, |t, w, _| {
        frame_parts(t);
        assert!(t.contains("2.1 Toegelaten kiezers"), "{t}");
        assert!(t.contains("geldige stempassen"), "{t}");
        assert!(t.contains("PVV (Partij voor de Vrijheid)"), "{t}");
        assert!(t.contains("Geen fouten of waarschuwingen"), "{t}");
        assert!(t.contains("alleen in geheugen"), "{t}");
        if w == 160 {
            // The large screen shows the whole of section 2.2 and 2.3 at once.
            assert!(t.contains("2.3 Verschil tussen D en H"), "{t}");
            assert!(t.contains("ELLECT"), "{t}");
        }
    });
    typed(&mut app, "100");
    enter(&mut app);
    typed(&mut app, "10");
    enter(&mut app);
    typed(&mut app, "0");
    enter(&mut app);
    typed(&mut app, "111");
    // The figure being typed shows with a cursor, before Enter.
    every_size(&app, |t, _, _| assert!(t.contains("111▏"), "{t}"));
    enter(&mut app);
    every_size(&app, |t, _, _| {
        assert!(t.contains("F.201"), "{t}");
        assert!(t.contains("F 1"), "{t}");
        // The fields involved are marked with "!".
        assert!(t.contains("!D"), "{t}");
    });
    // C = 0 is a real zero, B stays not observed after clearing.
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Delete);
    let s = app.session.as_ref().unwrap();
    assert_eq!(s.sheet().pv(PvField::B), None);
    assert_eq!(s.sheet().pv(PvField::C), Some(0));
    let t = screen(&app, 80, 24);
    assert!(
        t.lines().any(|l| l.contains(" B ") && l.contains("—")),
        "{t}"
    );

    app.lang = Lang::En;
    let t = screen(&app, 80, 24);
    assert!(t.contains("valid poll cards"), "{t}");
    assert!(t.contains("Checks"), "{t}");
}

#[test]
fn typed_figure_and_tally_show_both_and_which_stands() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "l1");
    enter(&mut app);
    typed(&mut app, "t");
    for _ in 0..12 {
        typed(&mut app, " ");
    }
    every_size(&app, |t, _, _| {
        assert!(t.contains("Turven"), "{t}");
        assert!(t.contains("E.1 — PVV"), "{t}");
        assert!(t.contains("geturfd: 12"), "{t}");
        assert!(t.contains("De turf geldt"), "{t}");
    });
    // Big digits: far more cells are filled than the two characters of "12".
    let blocks = frame(&app, 80, 24)
        .content()
        .iter()
        .filter(|c| c.symbol() == "█")
        .count();
    assert!(blocks > 20, "{blocks}");
    key(&mut app, KeyCode::Esc);
    typed(&mut app, "13");
    enter(&mut app);
    let s = app.session.as_ref().unwrap();
    assert_eq!(s.sheet().value(FieldKey::List(1)), Some(13));
    assert_eq!(s.sheet().tallies.get(&FieldKey::List(1)), Some(&12));
    let t = screen(&app, 80, 24);
    assert!(t.contains("getypt · geturfd 12"), "{t}");
    // Enter moved on to E.2; back up to E.1, whose pile the tally screen then shows.
    key(&mut app, KeyCode::Up);
    typed(&mut app, "t");
    every_size(&app, |t, _, _| {
        assert!(t.contains("Het getypte getal geldt"), "{t}");
        assert!(t.contains("Δ -1"), "{t}");
    });
}

#[test]
fn candidate_screen_shows_names_sum_and_page_total() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "l3");
    enter(&mut app);
    typed(&mut app, "k");
    typed(&mut app, "400");
    enter(&mut app);
    typed(&mut app, "20");
    enter(&mut app);
    every_size(&app, |t, _, _| {
        frame_parts(t);
        assert!(t.contains("Lijst 3 — VVD (80)"), "{t}");
        assert!(t.contains("som kandidaten 420 (2/80)"), "{t}");
        assert!(t.contains("Totaal lijst (op de kandidatenpagina)"), "{t}");
    });
    typed(&mut app, "]");
    assert!(screen(&app, 80, 24).contains("Lijst 4 —"));
}

#[test]
fn events_screen_stamps_moments_and_records_objections() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "m");
    every_size(&app, |t, _, _| {
        assert!(t.contains("12 nog te stempelen"), "{t}");
        assert!(t.contains("Stemming geopend"), "{t}");
        assert!(t.contains("Nog geen bezwaren"), "{t}");
    });
    typed(&mut app, " ");
    assert!(screen(&app, 80, 24).contains("21:05 Stemming geopend"));
    // Stamping "PV signed" brings the photo guidance.
    let sess = app.session.as_mut().unwrap();
    sess.moment = sess
        .moments()
        .iter()
        .position(|m| m.id == "pv-signed")
        .unwrap();
    typed(&mut app, " ");
    let t = screen(&app, 160, 48);
    assert!(
        t.contains("mag nu gefotografeerd worden, de handtekeningen niet"),
        "{t}"
    );
    // An objection: template and the reminder that the chair must record it.
    typed(&mut app, "o");
    every_size(&app, |t, _, _| {
        assert!(t.contains("Bezwaar #1"), "{t}");
        assert!(t.contains("Ik maak bezwaar"), "{t}");
    });
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "stembiljet met twee kruisjes ongeldig");
    // A paste with a newline in it does not submit the form.
    app::update(&mut app, Action::Paste(" en nog\nmeer".into()));
    assert!(app.overlay.is_some());
    enter(&mut app);
    typed(&mut app, "gehandhaafd");
    enter(&mut app);
    assert!(app.overlay.is_none());
    let s = app.session.as_ref().unwrap();
    assert_eq!(s.sheet().events.len(), 1);
    assert_eq!(
        s.sheet().events[0].text,
        "stembiljet met twee kruisjes ongeldig en nog meer"
    );
    every_size(&app, |t, _, _| {
        assert!(t.contains("#1 21:05 Bezwaar"), "{t}");
        assert!(t.contains("De voorzitter moet elk bezwaar"), "{t}");
    });
}

#[test]
fn checklist_screen_answers_yes_no_unknown() {
    let mut app = sb1(Lang::En);
    typed(&mut app, "c");
    typed(&mut app, "y");
    typed(&mut app, "n");
    typed(&mut app, "o");
    every_size(&app, |t, _, _| {
        assert!(t.contains("3/21 answered"), "{t}");
        assert!(t.contains("empty box shown"), "{t}");
    });
    let t = screen(&app, 160, 48);
    let line = t.lines().find(|l| l.contains("Closed at 21:00")).unwrap();
    assert!(line.contains("no"), "{line}");
}

#[test]
fn seal_screen_lists_open_checks_and_unobserved_fields() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "10");
    enter(&mut app);
    typed(&mut app, "v");
    every_size(&app, |t, _, _| {
        frame_parts(t);
        assert!(t.contains("Samenvatting"), "{t}");
        assert!(t.contains("Openstaande fouten (0)"), "{t}");
        assert!(t.contains("Niet waargenomen"), "{t}");
        assert!(t.contains("B C D E.1"), "{t}");
        assert!(t.contains("Waargenomen: 1/"), "{t}");
    });
}

#[test]
fn help_lists_every_key_from_the_keymap() {
    let mut app = sb1(Lang::En);
    key(&mut app, KeyCode::F(1));
    let t = screen(&app, 160, 48);
    assert!(t.contains("Keys — Esc closes"), "{t}");
    assert!(t.contains("Everywhere"), "{t}");
    assert!(t.contains("undo"), "{t}");
    assert!(t.contains("never submits"), "{t}");
    typed(&mut app, "?");
    assert!(app.overlay.is_none());
}

#[test]
fn a_tiny_terminal_gets_a_notice_not_a_crash() {
    let app = sb1(Lang::Nl);
    let t = screen(&app, 40, 10);
    assert!(t.contains("Venster te klein"), "{t}");
    for (w, h) in [(1, 1), (60, 16), (300, 100)] {
        screen(&app, w, h);
    }
}

#[test]
fn no_color_draws_no_colour() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "5");
    enter(&mut app);
    typed(&mut app, "1");
    enter(&mut app);
    typed(&mut app, "0");
    enter(&mut app);
    typed(&mut app, "9");
    enter(&mut app);
    for screen_key in ["", "t", "m", "c", "v"] {
        key(&mut app, KeyCode::F(2));
        typed(&mut app, screen_key);
        let buf = frame(&app, 80, 24);
        assert!(
            buf.content()
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
            "colour on screen {screen_key:?}"
        );
    }
    app.theme = Theme { color: true };
    key(&mut app, KeyCode::F(2));
    let buf = frame(&app, 80, 24);
    assert!(
        buf.content().iter().any(|c| c.fg == Color::Red),
        "F.201 in red when colour is on"
    );
    assert_eq!(app.screen, Screen::Count);
}

#[test]
fn sealed_screen_shows_fingerprint_and_qr_code() {
    let home = tempfile::tempdir().unwrap();
    let signing = meetel::keys::load_or_create_in(home.path()).unwrap();
    let mut app = App::new(Lang::Nl, None, None);
    app.theme = Theme::mono();
    app::update(&mut app, Action::Tick(TimeOfDay::new(21, 5).unwrap()));
    let form = meetel::form::Form::load(meetel::form::DEFAULT_FORM).unwrap();
    let mut header = meetel::testkit::form_header(&form, "0668::SB1".parse().unwrap(), "anna");
    header.observer.public_key = meetel::keys::public_key_hex(&signing);
    let editor = meetel::sheet::Editor::in_memory(form, header).unwrap();
    let sess = app::Session::new("tk2025-nijmegen", editor);
    app.session = Some(sess);
    app.screen = Screen::Count;
    typed(&mut app, "1052");
    enter(&mut app);
    typed(&mut app, "v");
    app::seal_with(&mut app, &signing);
    let fp = app
        .session
        .as_ref()
        .unwrap()
        .sealed()
        .as_ref()
        .unwrap()
        .fingerprint();
    let groups: Vec<&str> = fp.split(' ').collect();
    for (w, h) in SIZES {
        let t = screen(&app, w, h);
        frame_parts(&t);
        assert!(t.contains("verzegeld"), "{t}");
        for g in groups.chunks(4) {
            assert!(t.contains(&g.join(" ")), "{t}");
        }
        assert!(t.contains("1/"), "the QR caption: {t}");
        assert!(t.contains("vingerafdruk"), "{t}");
        assert!(t.contains("in één QR-code"), "{t}");
        let halves = frame(&app, w, h)
            .content()
            .iter()
            .filter(|c| c.symbol() == "▀")
            .count();
        assert!(
            halves > 400,
            "a QR code in half blocks at {w}x{h}: {halves}"
        );
    }
    // Space shows the next code: the sheet itself.
    typed(&mut app, " ");
    assert!(screen(&app, 160, 48).contains("2/"));
    // The sheet is read-only now.
    key(&mut app, KeyCode::F(2));
    typed(&mut app, "5");
    assert!(app.message.as_ref().unwrap().error);
}
