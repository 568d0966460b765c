//! The compare screen inside the app (issue 5 item 3): F8 or g on the count or seal
//! screen asks for the published files, reads them on a worker thread while the screen
//! says "bezig met inlezen…", then shows the comparison with its scroll keys; Esc goes
//! back. The answer is remembered in the recent-sheets list and offered next time.
//! Drawn with ratatui's TestBackend at 80x24 and 160x48 on the real TK2025 files of
//! West Maas en Waal.

use crate::tui_support;

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use meetel::i18n::Lang;
use meetel::sheet::TimeOfDay;
use meetel::tui::app::{self, App, Overlay, PromptKind, Screen};
use meetel::tui::input::Action;
use meetel::tui::theme::Theme;
use meetel::tui::workspace::Workspace;
use tui_support::{enter, key, screen, typed};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn tk_dir() -> String {
    format!("{}/tests/fixtures/tk2025", env!("CARGO_MANIFEST_DIR"))
}

/// A new sheet for 0668::SB1 on the embedded TK2025 form, saved in `home`.
fn sb1_in(home: &std::path::Path, lang: Lang) -> App {
    let ws = Workspace {
        home: home.to_path_buf(),
    };
    let mut app = App::new(lang, Some(ws), None);
    app.theme = Theme::mono();
    app::update(&mut app, Action::Tick(TimeOfDay::new(21, 5).unwrap()));
    tui_support::begin(&mut app, "0668::SB1", "anna");
    assert!(app.session.is_some(), "{:?}", app.start.error);
    app
}

/// Lets the clock tick until the worker thread's result is in.
fn wait_ready(app: &mut App) {
    let start = Instant::now();
    while app.busy() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "still reading after a minute"
        );
        std::thread::sleep(Duration::from_millis(10));
        app::update(app, Action::Tick(TimeOfDay::new(21, 5).unwrap()));
    }
}

fn prompt_input(app: &App) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Prompt(p)) if p.kind == PromptKind::Published => Some(p.input.clone()),
        _ => None,
    }
}

#[test]
fn f8_asks_for_the_files_compares_and_esc_goes_back() {
    let home = tempfile::tempdir().unwrap();
    let mut app = sb1_in(home.path(), Lang::Nl);
    // A = 2086 as published, B = 240 where the published PV says 239.
    typed(&mut app, "2086");
    enter(&mut app);
    typed(&mut app, "240");
    enter(&mut app);

    key(&mut app, KeyCode::F(8));
    assert_eq!(prompt_input(&app).as_deref(), Some(""));
    for (w, h) in SIZES {
        let t = screen(&app, w, h);
        assert!(t.contains("Gepubliceerde bestanden"), "{t}");
        assert!(t.contains("een zip"), "{t}");
        // The hint bar says how to read and how to go to a new line.
        assert!(t.contains("inlezen en vergelijken"), "{t}");
        assert!(t.contains("nieuwe regel"), "{t}");
    }
    // Enter on nothing says what to type and keeps the question open.
    enter(&mut app);
    assert!(prompt_input(&app).is_some());
    assert!(screen(&app, 80, 24).contains("Typ minstens één pad"));

    typed(&mut app, &tk_dir());
    enter(&mut app);
    assert_eq!(app.screen, Screen::Compare);
    wait_ready(&mut app);
    for (w, h) in SIZES {
        let t = screen(&app, w, h);
        // The verdict, the field that differs with both figures, the file used.
        assert!(t.contains("WIJKT AF"), "{w}x{h}\n{t}");
        assert!(t.contains("240") && t.contains("239"), "{w}x{h}\n{t}");
        if h == 48 {
            assert!(
                t.contains("Telling_TK2025_gemeente_West_Maas_en_Waal"),
                "{t}"
            );
        }
        // Always visible: the station and the way back.
        assert!(t.contains("0668::SB1"), "{t}");
        assert!(t.contains("Esc terug"), "{t}");
        assert!(t.contains("q afsluiten"), "{t}");
    }

    // The scroll keys move the table; Home brings it back.
    let before = screen(&app, 80, 24);
    key(&mut app, KeyCode::PageDown);
    let after = screen(&app, 80, 24);
    assert_ne!(before, after, "PgDn did not scroll");
    key(&mut app, KeyCode::Home);
    assert_eq!(screen(&app, 80, 24), before);

    // Esc: back to the count, where the cursor was.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Count);
    assert!(screen(&app, 80, 24).contains("2.1 Toegelaten kiezers"));

    // Correct B; F8 goes straight to the comparison, made again with the new figure.
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Delete);
    typed(&mut app, "239");
    enter(&mut app);
    key(&mut app, KeyCode::F(8));
    assert_eq!(app.screen, Screen::Compare);
    assert!(prompt_input(&app).is_none());
    let t = screen(&app, 160, 48);
    assert!(!t.contains("WIJKT AF"), "{t}");
    assert!(t.contains("ONVOLLEDIG"), "{t}");
}

#[test]
fn reading_happens_off_the_ui_thread() {
    // A published "file" that is a named pipe nobody writes to: reading it blocks. The
    // app must go on drawing and taking keys meanwhile, saying that it is reading.
    #[cfg(target_os = "linux")]
    {
        let home = tempfile::tempdir().unwrap();
        let fifo = home.path().join("slow.xml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let mut app = sb1_in(home.path(), Lang::Nl);
        key(&mut app, KeyCode::Char('g'));
        typed(&mut app, &fifo.display().to_string());
        enter(&mut app);
        assert!(app.busy());
        for (w, h) in SIZES {
            let t = screen(&app, w, h);
            assert!(t.contains("bezig met inlezen"), "{t}");
            assert!(t.contains("slow.xml"), "{t}");
        }
        // Keys still work: go to the count and back.
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.screen, Screen::Count);
        key(&mut app, KeyCode::F(8));
        assert_eq!(app.screen, Screen::Compare);
        // Give the reader something (every time it opens the pipe) so it finishes.
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writer = {
            let (fifo, stop) = (fifo.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                    if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&fifo) {
                        use std::io::Write;
                        let _ = f.write_all(b"not an EML file\n");
                    }
                }
            })
        };
        wait_ready(&mut app);
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Unblock the writer's last open with a reader that does not wait.
        use std::os::unix::fs::OpenOptionsExt;
        let _ = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(0o4000) // O_NONBLOCK
            .open(&fifo);
        writer.join().unwrap();
        let t = screen(&app, 160, 48);
        assert!(!t.contains("bezig met inlezen"), "{t}");
        assert!(t.contains("slow.xml"), "the unreadable file is named\n{t}");
    }
}

#[test]
fn the_answer_is_remembered_and_offered_next_time() {
    let home = tempfile::tempdir().unwrap();
    let answer = format!(
        "{}\n{}/tests/fixtures/gr2022-westmaasenwaal",
        tk_dir(),
        env!("CARGO_MANIFEST_DIR")
    );
    {
        let mut app = sb1_in(home.path(), Lang::Nl);
        key(&mut app, KeyCode::F(8));
        // Typed one per line: Tab starts a new line.
        typed(&mut app, &tk_dir());
        key(&mut app, KeyCode::Tab);
        typed(
            &mut app,
            &format!(
                "{}/tests/fixtures/gr2022-westmaasenwaal",
                env!("CARGO_MANIFEST_DIR")
            ),
        );
        assert_eq!(prompt_input(&app).as_deref(), Some(answer.as_str()));
        // Both lines show in the question.
        let t = screen(&app, 160, 48);
        assert!(t.contains("fixtures/tk2025"), "{t}");
        assert!(t.contains("fixtures/gr2022-westmaasenwaal"), "{t}");
        enter(&mut app);
        wait_ready(&mut app);
        // The files of both elections were read; the TK2025 one is used.
        assert!(screen(&app, 160, 48).contains("Telling_TK2025_gemeente_West_Maas_en_Waal"));
        typed(&mut app, "q");
        assert!(app.quit);
    }
    let ws = Workspace {
        home: home.path().to_path_buf(),
    };
    assert_eq!(ws.recent()[0].published.as_deref(), Some(answer.as_str()));

    // The same sheet opened again: F8 offers the same files, Enter reads them.
    let mut app = App::new(Lang::Nl, Some(ws), None);
    app.theme = Theme::mono();
    enter(&mut app);
    assert!(app.session.is_some());
    key(&mut app, KeyCode::F(8));
    assert_eq!(prompt_input(&app).as_deref(), Some(answer.as_str()));
    assert!(screen(&app, 80, 24).contains("fixtures/tk2025"));
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());

    // A new sheet in the same home is offered the last answer given for any sheet.
    let mut other = sb1_in(home.path(), Lang::Nl);
    key(&mut other, KeyCode::Char('g'));
    assert_eq!(prompt_input(&other).as_deref(), Some(answer.as_str()));
}

#[test]
fn a_pasted_list_of_paths_keeps_one_path_per_line_and_never_submits() {
    let home = tempfile::tempdir().unwrap();
    let mut app = sb1_in(home.path(), Lang::En);
    key(&mut app, KeyCode::F(8));
    app::update(&mut app, Action::Paste("/a/one.xml\r\n/b/two.zip\n".into()));
    assert_eq!(
        prompt_input(&app).as_deref(),
        Some("/a/one.xml\n/b/two.zip")
    );
    assert_eq!(app.screen, Screen::Count);
    let t = screen(&app, 80, 24);
    assert!(t.contains("Published files"), "{t}");
    assert!(t.contains("read and compare"), "{t}");
}

#[test]
fn paths_are_split_by_spaces_quotes_and_lines() {
    let p = |s: &str| {
        app::published_paths(s, Lang::Nl).map(|v| {
            v.into_iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(p("a.xml b.zip").unwrap(), ["a.xml", "b.zip"]);
    assert_eq!(p("a.xml\n\n  b.zip  \nc").unwrap(), ["a.xml", "b.zip", "c"]);
    assert_eq!(
        p("'/my files/a.xml' \"b c.zip\"").unwrap(),
        ["/my files/a.xml", "b c.zip"]
    );
    // A whole line that exists is one path, spaces and all.
    let dir = tempfile::tempdir().unwrap();
    let spaced = dir.path().join("Uitslagen TK 2025");
    std::fs::create_dir(&spaced).unwrap();
    let line = spaced.display().to_string();
    assert_eq!(p(&line).unwrap(), [line]);
    assert!(p("  \n ").unwrap_err().contains("minstens één pad"));
    assert!(p("'open").unwrap_err().contains("aanhalingsteken"));
}

#[test]
fn a_sealed_sheet_compares_from_the_seal_screen_and_esc_goes_back_there() {
    let home = tempfile::tempdir().unwrap();
    let mut app = sb1_in(home.path(), Lang::En);
    typed(&mut app, "2086");
    enter(&mut app);
    let key_pair = Workspace {
        home: home.path().to_path_buf(),
    }
    .key()
    .unwrap();
    key(&mut app, KeyCode::F(7));
    app::seal_with(&mut app, &key_pair);
    assert!(app.session.as_ref().unwrap().is_sealed());
    key(&mut app, KeyCode::F(8));
    typed(&mut app, &tk_dir());
    enter(&mut app);
    wait_ready(&mut app);
    for (w, h) in SIZES {
        let t = screen(&app, w, h);
        assert!(t.contains("INCOMPLETE"), "{w}x{h}\n{t}");
        assert!(t.contains("sealed"), "{t}");
    }
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Seal);
}

#[test]
fn every_f_key_shows_in_the_tab_line_down_to_60_columns() {
    let home = tempfile::tempdir().unwrap();
    let mut app = sb1_in(home.path(), Lang::Nl);
    for lang in [Lang::Nl, Lang::En] {
        app.lang = lang;
        for w in [60, 80, 100, 160] {
            let t = screen(&app, w, 24);
            let tabs = t.lines().nth(1).unwrap();
            for k in ["F2", "F3", "F4", "F5", "F6", "F7", "F8"] {
                assert!(tabs.contains(k), "{w}: {tabs}");
            }
            // The current screen is always named.
            let name = if lang == Lang::Nl { "Telling" } else { "Count" };
            assert!(tabs.contains(name), "{w}: {tabs}");
        }
    }
    // Wide enough, the full titles.
    app.lang = Lang::Nl;
    let t = screen(&app, 160, 48);
    assert!(t.lines().nth(1).unwrap().contains("F8 Vergelijken"), "{t}");
    assert!(t.lines().nth(1).unwrap().contains("F7 Verzegelen"), "{t}");
}

#[test]
fn the_key_reference_lists_the_compare_keys() {
    let home = tempfile::tempdir().unwrap();
    let mut app = sb1_in(home.path(), Lang::Nl);
    key(&mut app, KeyCode::Char('?'));
    // Scroll through the whole reference and collect what shows.
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&screen(&app, 160, 48));
        for _ in 0..10 {
            key(&mut app, KeyCode::Down);
        }
    }
    assert!(seen.contains("F8/g"), "{seen}");
    assert!(seen.contains("vergelijken met de gepubliceerde uitslag"));
    assert!(seen.contains("andere bestanden, opnieuw inlezen"));
}
