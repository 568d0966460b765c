//! A one-line progress report on stderr for imports that take more than a second:
//! files, bytes and stations. Quiet when stderr is not a terminal (piped, in tests, in
//! CI). Written by hand with `\r` rather than with `indicatif`: one line of three
//! counters does not need a new dependency.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::i18n::Lang;
use crate::text;

/// Shown only after this long, so quick imports print nothing.
const DELAY: Duration = Duration::from_secs(1);
const EVERY: Duration = Duration::from_millis(100);

#[derive(Debug)]
pub struct Progress {
    enabled: bool,
    lang: Lang,
    started: Instant,
    last_draw: Option<Instant>,
    files_total: usize,
    files_done: usize,
    bytes_total: u64,
    bytes_done: u64,
    bytes_in_file: u64,
    stations: usize,
}

impl Progress {
    /// Shown on stderr when it is a terminal, in `lang`.
    pub(crate) fn auto(lang: Lang) -> Progress {
        Progress::with(std::io::stderr().is_terminal(), lang)
    }

    /// Never shown.
    pub fn quiet() -> Progress {
        Progress::with(false, Lang::default())
    }

    fn with(enabled: bool, lang: Lang) -> Progress {
        Progress {
            enabled,
            lang,
            started: Instant::now(),
            last_draw: None,
            files_total: 0,
            files_done: 0,
            bytes_total: 0,
            bytes_done: 0,
            bytes_in_file: 0,
            stations: 0,
        }
    }

    pub(crate) fn start(&mut self, files: usize, bytes: u64) {
        self.started = Instant::now();
        self.files_total = files;
        self.bytes_total = bytes;
    }

    pub(crate) fn bytes(&self) -> u64 {
        self.bytes_done + self.bytes_in_file
    }

    pub(crate) fn station(&mut self) {
        self.stations += 1;
        if self.stations.is_multiple_of(32) {
            self.tick();
        }
    }

    pub(crate) fn bytes_in_file(&mut self, bytes: u64) {
        self.bytes_in_file = bytes;
        self.tick();
    }

    pub(crate) fn file_done(&mut self) {
        self.files_done += 1;
        self.bytes_done += self.bytes_in_file;
        self.bytes_in_file = 0;
        self.tick();
    }

    fn tick(&mut self) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.started) < DELAY {
            return;
        }
        if self
            .last_draw
            .is_some_and(|t| now.duration_since(t) < EVERY)
        {
            return;
        }
        self.last_draw = Some(now);
        self.draw();
    }

    fn draw(&self) {
        let (done, total, stations) = (self.files_done, self.files_total, self.stations);
        let read = self.bytes() as f64 / 1e6;
        let all = self.bytes_total as f64 / 1e6;
        let line = text!(
            "bestanden {done}/{total}  {read:.0}/{all:.0} MB  {stations} stembureaus ",
            "files {done}/{total}  {read:.0}/{all:.0} MB  {stations} stations "
        );
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{}", line.get(self.lang));
        let _ = err.flush();
    }

    /// Draws the final state and ends the line, if anything was drawn.
    pub(crate) fn finish(&mut self) {
        if self.last_draw.is_some() {
            self.draw();
            let _ = writeln!(std::io::stderr());
        }
    }
}
