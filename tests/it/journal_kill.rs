//! Kills a writer process at random moments, many times, and shows that the journal
//! never loses an acknowledged edit: after each SIGKILL the sheet reopens, the chain
//! verifies, every edit the writer confirmed (`ok <seq>`) is there, at most the one in
//! flight beyond it, and writing continues where it stopped.
//!
//! The writer is `examples/journal_writer.rs`; `cargo test` builds it, and this test
//! builds it itself when it is missing or older than this test (as after
//! `cargo test --test it journal_kill`, which builds no examples).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use meetel::form::Form;
use meetel::sheet::journal::Journal;
use meetel::sheet::{Editor, FieldKey, Op, PvField};

const RUNS: usize = 60;

/// splitmix64: a fixed seed keeps a failure reproducible without a new dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `target/<profile>/examples/journal_writer`, built if missing or stale.
fn writer_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    // target/<profile>/deps/journal_kill-<hash>
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let bin = profile_dir
        .join("examples")
        .join(format!("journal_writer{}", std::env::consts::EXE_SUFFIX));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if modified(&bin).is_none() || modified(&bin) < modified(&exe) {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--example", "journal_writer"]);
        if profile_dir.ends_with("release") {
            cmd.arg("--release");
        }
        let status = cmd
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("run cargo build --example journal_writer");
        assert!(
            status.success(),
            "cargo build --example journal_writer failed"
        );
    }
    assert!(bin.exists(), "{} was not built", bin.display());
    bin
}

/// The edit the writer puts in entry `seq`.
fn edit(seq: u64) -> Op {
    Op::SetCount {
        field: FieldKey::Pv(PvField::ALL[(seq % 10) as usize]),
        value: Some(seq as u32),
    }
}

/// The highest `ok <seq>` the writer printed, if any.
fn acknowledged(stdout: &[String]) -> Option<u64> {
    stdout
        .iter()
        .filter_map(|l| l.strip_prefix("ok "))
        .map(|s| s.parse::<u64>().expect("ok <seq>"))
        .max()
}

#[test]
fn sigkill_loses_at_most_the_edit_in_flight() {
    let bin = writer_binary();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("killed.jsonl");
    let mut rng = Rng(0x6d65_6574_656c);
    // What the file held (seq of its last entry) before each run; None: no file yet.
    let mut on_disk: Option<u64> = None;
    let mut total_acked = 0;
    // Runs where the kill came after an edit reached the disk but before it was
    // confirmed: that edit is kept (it was synced), which is allowed.
    let mut unconfirmed_kept = 0;

    for run in 0..RUNS {
        let mut child = Command::new(&bin)
            .arg(&path)
            .arg("1000000")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start journal_writer");
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut out: Vec<String> = Vec::new();
        if run % 6 == 0 {
            // Blind: may land while the writer creates or opens (and recovers) the sheet.
            std::thread::sleep(Duration::from_micros(rng.below(5_000)));
        } else {
            // While writing, however slow the machine: a random moment after the
            // first confirmed edit.
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(first) => out.push(first),
                Err(_) => {
                    let _ = child.kill();
                    let mut err = String::new();
                    child
                        .stderr
                        .take()
                        .unwrap()
                        .read_to_string(&mut err)
                        .unwrap();
                    panic!("run {run}: the writer confirmed nothing in 20 s: {err}");
                }
            }
            std::thread::sleep(Duration::from_micros(rng.below(20_000)));
        }
        child.kill().expect("SIGKILL the writer");
        child.wait().unwrap();
        reader.join().unwrap();
        out.extend(rx.try_iter());
        let acked = acknowledged(&out);
        total_acked += out.len();

        if !path.exists() {
            // Killed before the sheet was created: then nothing was confirmed.
            assert_eq!((on_disk, acked), (None, None), "run {run}");
            continue;
        }
        // The read-only reader verifies the chain and leaves the file as it is.
        let journal = Journal::read(&path).unwrap_or_else(|e| panic!("run {run}: {e}"));
        let (sheet, recovery) = Editor::open(&path, Form::load("tk").unwrap())
            .unwrap_or_else(|e| panic!("run {run}: {e}"));
        let last = sheet.seq();
        assert_eq!(last, journal.seq(), "run {run}");
        assert_eq!(recovery.torn, journal.torn, "run {run}");
        // Every confirmed edit is there; beyond it at most the one in flight.
        let floor = acked.or(on_disk).unwrap_or(0);
        assert!(
            last >= floor,
            "run {run}: confirmed up to {floor}, file ends at {last}"
        );
        assert!(
            last <= floor + 1,
            "run {run}: confirmed up to {floor}, file ends at {last}"
        );
        if last == floor + 1 {
            unconfirmed_kept += 1;
        }
        for e in &journal.entries[1..] {
            assert_eq!(
                e.entry.op(),
                Some(&edit(e.entry.seq)),
                "run {run}, entry {}",
                e.entry.seq
            );
        }
        for (i, field) in PvField::ALL.iter().enumerate() {
            // The last entry that set this field is the largest seq ≤ last with seq % 10 == i.
            let expected = (1..=last)
                .rev()
                .find(|s| s % 10 == i as u64)
                .map(|s| s as u32);
            assert_eq!(
                sheet.sheet().pv(*field),
                expected,
                "run {run}, field {field:?}"
            );
        }
        on_disk = Some(last);
    }
    assert!(
        total_acked >= RUNS,
        "only {total_acked} edits confirmed in {RUNS} runs"
    );
    eprintln!("{RUNS} kills, {total_acked} edits confirmed, {unconfirmed_kept} kills between sync and confirmation");

    // Writing continues after all that: a run to completion.
    let status = Command::new(&bin)
        .arg(&path)
        .arg("5")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let journal = Journal::read(&path).unwrap();
    assert_eq!(journal.seq(), on_disk.unwrap() + 5);
    assert!(journal.torn.is_none());
}
