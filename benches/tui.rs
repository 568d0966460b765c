//! TUI speed (issue 3 item 10):
//! - key event to finished frame on the per-candidate screen of an 80-candidate list
//!   (target p99 < 2 ms), in memory and with the journal synced to disk per edit;
//! - process start to first frame in a pseudo-terminal (target < 100 ms).
//!
//! Criterion reports mean and median; the p99 is computed here over 10,000 key
//! presses and printed.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use meetel::i18n::Lang;
use meetel::tui::app::{self, App, Screen};
use meetel::tui::input::Action;
use meetel::tui::screens::view;
use meetel::tui::theme::Theme;
use meetel::tui::workspace::Workspace;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

/// The candidate screen of list 1 (PVV, 80 candidates) of the embedded TK2025 form.
fn candidate_screen(workspace: Option<Workspace>) -> App {
    let mut app = App::new(Lang::Nl, workspace, None);
    app.theme = Theme::from_env();
    // Begun as a person does: the station searched for, Tab, the alias, Enter.
    for c in "0668::SB1".chars() {
        app::update(&mut app, key(KeyCode::Char(c)));
    }
    app::update(&mut app, key(KeyCode::Tab));
    for c in "bench".chars() {
        app::update(&mut app, key(KeyCode::Char(c)));
    }
    app::update(&mut app, key(KeyCode::Enter));
    app::update(&mut app, key(KeyCode::F(3)));
    assert_eq!(app.screen, Screen::Candidates);
    let sess = app.session.as_ref().unwrap();
    assert_eq!(
        sess.cand_rows().len(),
        81,
        "80 candidates and the page total"
    );
    app
}

/// The keys of one round: a figure typed into a candidate, confirmed (an edit: saved,
/// checks run), and the cursor walking down and back up the list.
fn round() -> Vec<Action> {
    let mut keys = vec![
        key(KeyCode::Char('1')),
        key(KeyCode::Char('2')),
        key(KeyCode::Enter),
    ];
    keys.extend((0..5).map(|_| key(KeyCode::Down)));
    keys.extend((0..6).map(|_| key(KeyCode::Up)));
    keys
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Key event to finished frame, `n` times: (all keys, the Enter presses that make an
/// edit), each sorted.
fn key_to_frame(app: &mut App, n: usize) -> (Vec<Duration>, Vec<Duration>) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let keys = round();
    let mut times = Vec::with_capacity(n);
    let mut edits = Vec::new();
    for i in 0..n {
        let action = keys[i % keys.len()].clone();
        let is_edit = action == key(KeyCode::Enter);
        let t = Instant::now();
        app::update(app, action);
        terminal.draw(|f| view(app, f)).unwrap();
        let d = t.elapsed();
        times.push(d);
        if is_edit {
            edits.push(d);
        }
    }
    times.sort();
    edits.sort();
    (times, edits)
}

fn report(what: &str, times: &[Duration]) {
    println!(
        "{what}: n={} median={:?} p99={:?} max={:?}",
        times.len(),
        percentile(times, 0.5),
        percentile(times, 0.99),
        times[times.len() - 1]
    );
}

fn bench_keys(c: &mut Criterion) {
    let mut app = candidate_screen(None);
    let (all, edits) = key_to_frame(&mut app, 10_000);
    report(
        "key→frame, 80-candidate list, 80x24, in memory, all keys (p99 target < 2 ms)",
        &all,
    );
    report(
        "key→frame, 80-candidate list, 80x24, in memory, Enter (an edit)",
        &edits,
    );

    let home = tempfile::tempdir().unwrap();
    let mut app = candidate_screen(Some(Workspace {
        home: home.path().to_path_buf(),
    }));
    let (all, edits) = key_to_frame(&mut app, 2_000);
    report("key→frame, journal on disk, all keys", &all);
    report(
        "key→frame, journal on disk, Enter (edit appended and fsync'd)",
        &edits,
    );

    let mut app = candidate_screen(None);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let keys = round();
    let mut i = 0;
    c.bench_function("tui key to frame (80 candidates, 80x24, in memory)", |b| {
        b.iter(|| {
            app::update(&mut app, keys[i % keys.len()].clone());
            i += 1;
            terminal.draw(|f| view(&app, f)).unwrap();
        })
    });
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    c.bench_function("tui key to frame (80 candidates, 160x48, in memory)", |b| {
        b.iter(|| {
            app::update(&mut app, keys[i % keys.len()].clone());
            i += 1;
            terminal.draw(|f| view(&app, f)).unwrap();
        })
    });
}

#[cfg(unix)]
fn bench_start(c: &mut Criterion) {
    use std::io::Read;

    use rexpect::process::PtyProcess;

    let bin = env!("CARGO_BIN_EXE_meetel");
    let home = tempfile::tempdir().unwrap();
    // From spawning the process to the first frame's start-screen text on the pty,
    // read straight from the pty's master side. `sh` + `stty` give the pty a size
    // first (a fresh pty has none); their own cost is measured alone and reported.
    let spawn_until = |program: String, needle: &[u8]| -> Duration {
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c").arg(program);
        cmd.env("MEETEL_HOME", home.path())
            .env("TERM", "xterm-256color");
        let t = Instant::now();
        let mut process = PtyProcess::new(cmd).unwrap();
        let mut pty = process.get_file_handle().unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while !seen.windows(needle.len()).any(|w| w == needle) {
            let n = pty.read(&mut buf).unwrap();
            assert!(n > 0, "the process ended before its first frame");
            seen.extend_from_slice(&buf[..n]);
        }
        let d = t.elapsed();
        let _ = process.exit();
        d
    };
    let shell = || spawn_until("stty cols 80 rows 24 && echo ready".to_string(), b"ready");
    let meetel = || {
        spawn_until(
            format!("stty cols 80 rows 24 && exec '{bin}'"),
            b"Stembureau",
        )
    };
    let mut starts: Vec<Duration> = (0..30).map(|_| meetel()).collect();
    let mut shells: Vec<Duration> = (0..30).map(|_| shell()).collect();
    starts.sort();
    shells.sort();
    println!(
        "process start to first frame (80x24 pty, incl. sh+stty): median={:?} p90={:?}; sh+stty alone: median={:?} (target < 100 ms)",
        percentile(&starts, 0.5),
        percentile(&starts, 0.9),
        percentile(&shells, 0.5)
    );
    let mut group = c.benchmark_group("tui start");
    group.sample_size(10);
    group.bench_function("process start to first frame (incl. sh+stty)", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| meetel()).sum())
    });
    group.finish();
}

#[cfg(not(unix))]
fn bench_start(_c: &mut Criterion) {}

criterion_group!(benches, bench_keys, bench_start);
criterion_main!(benches);
