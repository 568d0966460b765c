//! The real binary in a pseudo-terminal, typed into: start screen → demo sheet → a
//! figure → a paste that must not submit → quit; then the sheet on disk holds the
//! figure and the terminal was given back (alternate screen left, bracketed paste off).
//! rexpect reads the output byte by byte as characters, so only ASCII is matched.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

use meetel::sheet::journal::Journal;
use meetel::sheet::PvField;
use rexpect::reader::Options;
use rexpect::session::{spawn_with_options, PtySession};

/// Starts `meetel ARGS` in a 100x30 pseudo-terminal with its home in `home`.
fn spawn(home: &Path, args: &str) -> PtySession {
    let bin = env!("CARGO_BIN_EXE_meetel");
    let mut cmd = Command::new("sh");
    // A fresh pty has no size; `stty` gives it one, as a terminal emulator would.
    cmd.arg("-c")
        .arg(format!("stty cols 100 rows 30 && exec '{bin}' {args}"));
    cmd.env("MEETEL_HOME", home)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR");
    spawn_with_options(cmd, Options::new().timeout_ms(Some(20_000))).expect("spawn meetel in a pty")
}

/// Waits for `phrase` on the screen, whatever the terminal was sent between its
/// words: ratatui skips cells that did not change (blank ones on a first frame) by
/// moving the cursor, and styles a span with escape codes.
fn exp_words(p: &mut PtySession, phrase: &str) {
    let gap = r"(?:\x1b\[[0-9;?]*[A-Za-z]| )+";
    let pattern = phrase
        .split(' ')
        .map(regex_escape)
        .collect::<Vec<_>>()
        .join(gap);
    p.exp_regex(&pattern)
        .unwrap_or_else(|e| panic!("`{phrase}` not on the screen: {e}"));
}

fn regex_escape(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_punctuation() {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Types into the terminal (rexpect buffers until flushed).
fn send(p: &mut PtySession, text: &str) {
    p.send(text).unwrap();
    p.flush().unwrap();
}

fn sheets(home: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(home.join("sheets"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "meetel"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn type_into_the_real_binary_and_quit_without_losing_anything() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), "");
    // Start screen (words, not phrases: the terminal is drawn cell by cell).
    p.exp_string("Stembureau").unwrap();
    p.exp_string("DEMO").unwrap();
    // The demo station is offered first; Tab to the alias, type it, Enter begins.
    send(&mut p, "\t");
    send(&mut p, "anna");
    send(&mut p, "\r");
    p.exp_string("stempassen").unwrap();
    p.exp_string("fictief").unwrap();
    // A = 1052, then B = 138.
    send(&mut p, "1052\r");
    p.exp_string("1052").unwrap();
    send(&mut p, "138\r");
    p.exp_string("138").unwrap();
    // A paste with a newline (bracketed paste) goes into C but does not submit it: the
    // cursor stays on C (the restart below finds it there).
    send(&mut p, "\x1b[200~7\n\x1b[201~");
    // Quit: the figure being typed is recorded first, and the terminal is restored.
    send(&mut p, "q");
    p.exp_string("\x1b[?2004l").unwrap();
    p.exp_string("\x1b[?1049l").unwrap();
    p.exp_eof().unwrap();

    let files = sheets(home.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let journal = Journal::read(&files[0]).unwrap();
    assert_eq!(journal.sheet.pv(PvField::A), Some(1052));
    assert_eq!(journal.sheet.pv(PvField::B), Some(138));
    assert_eq!(journal.sheet.pv(PvField::C), Some(7));
    assert_eq!(journal.sheet.header.station.id.municipality, "DEMO");

    // Started again, the sheet is in the recent list and opens where the cursor was.
    let mut p = spawn(home.path(), "");
    p.exp_string("TK2025").unwrap();
    send(&mut p, "\r");
    // It says, in words, what it read back and where it goes on.
    p.exp_string("Teruggelezen:").unwrap();
    p.exp_string("verder").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("\x1b[?1049l").unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn after_kill_9_a_restart_resumes_at_the_same_field_without_a_key() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), "");
    p.exp_string("DEMO").unwrap();
    send(&mut p, "\t");
    send(&mut p, "anna");
    send(&mut p, "\r");
    p.exp_string("stempassen").unwrap();
    // A = 1052, B = 138; the cursor goes on to C.
    send(&mut p, "1052\r");
    p.exp_string("1052").unwrap();
    send(&mut p, "138\r");
    p.exp_string("138").unwrap();
    // "138" shows while it is typed, before Enter is handled: wait until the Enter has
    // been handled (the figure saved and the cursor on C written down), so that the
    // kill below comes after it and the test does not race the keystroke.
    let recent = home.path().join("recent.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !std::fs::read_to_string(&recent).is_ok_and(|t| t.contains("count:C\"")) {
        assert!(
            std::time::Instant::now() < deadline,
            "the cursor on C was never recorded"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Killed: no quitting, no restoring, nothing written on the way out.
    p.process_mut()
        .kill(rexpect::process::Signal::SIGKILL)
        .expect("kill -9");

    // Started again, without typing anything: the sheet itself, at C, saying why and
    // what was read back.
    let mut p = spawn(home.path(), "");
    p.exp_string("niet afgesloten").unwrap();
    p.exp_string("Teruggelezen: 2 getallen").unwrap();
    p.exp_string("verder bij Telling, C geldige kiezerspassen")
        .unwrap();
    // The next figure typed lands in C.
    send(&mut p, "7\r");
    p.exp_string("7").unwrap();
    send(&mut p, "q");
    p.exp_string("\x1b[?1049l").unwrap();
    p.exp_eof().unwrap();
    let files = sheets(home.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let journal = Journal::read(&files[0]).unwrap();
    assert_eq!(journal.sheet.pv(PvField::A), Some(1052));
    assert_eq!(journal.sheet.pv(PvField::B), Some(138));
    assert_eq!(journal.sheet.pv(PvField::C), Some(7));

    // Quit properly, the next start is the start screen again.
    let mut p = spawn(home.path(), "");
    exp_words(&mut p, "Recente bladen");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn starts_in_english_with_lang_en() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), "--lang en");
    p.exp_string("sheet").unwrap();
    p.send_control('q').unwrap();
    p.exp_eof().unwrap();
}
