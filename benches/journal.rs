//! Journal speed: one append synced to disk (what every keystroke that changes a count
//! costs), and replaying a 10,000-edit journal (what opening a long evening's sheet
//! costs; target < 50 ms).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use meetel::form::Form;
use meetel::sheet::journal::{line_hash, now_rfc3339, Body, Entry, Journal, GENESIS_PREV};
use meetel::sheet::{Editor, FieldKey, Op, PvField, SheetHeader};

fn header() -> SheetHeader {
    meetel::testkit::named_header("bench")
}

/// An evening's mix: PV totals, list totals, candidate votes typed and tallied.
fn edit(i: u32) -> Op {
    match i % 4 {
        0 => Op::SetCount {
            field: FieldKey::Pv(PvField::ALL[(i % 10) as usize]),
            value: Some(i),
        },
        1 => Op::SetCount {
            field: FieldKey::List(1 + i % 27),
            value: Some(i),
        },
        2 => Op::SetCount {
            field: FieldKey::Candidate {
                list: 1 + i % 27,
                candidate: 1 + i % 50,
            },
            value: Some(i % 300),
        },
        _ => Op::Tally {
            field: FieldKey::List(1 + i % 27),
            delta: 1,
        },
    }
}

/// The bare Tweede Kamer form, which takes any list and candidate number.
fn form() -> Form {
    Form::load("tk").unwrap()
}

/// Writes a journal of entry 0 and `edits` edits directly (without a sync per line,
/// which would only make the setup slow): the same lines an `Editor` writes.
fn write_journal(path: &Path, edits: u32) {
    let at = now_rfc3339();
    let mut text = String::new();
    let mut prev = GENESIS_PREV.to_string();
    for seq in 0..=edits {
        let op = if seq == 0 {
            Op::Create(header())
        } else {
            edit(seq)
        };
        let line = Entry {
            seq: seq as u64,
            prev,
            at: at.clone(),
            body: Body::Op(op),
        }
        .to_line()
        .unwrap();
        prev = line_hash(line.as_bytes());
        text.push_str(&line);
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

fn append(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut sheet = Editor::create(&dir.path().join("append.jsonl"), form(), header()).unwrap();
    let mut i = 0;
    c.bench_function("journal append (validate + write + fdatasync)", |b| {
        b.iter(|| {
            i += 1;
            sheet.commit(edit(i)).unwrap();
        })
    });
}

fn replay(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replay.jsonl");
    write_journal(&path, 10_000);
    assert_eq!(Journal::read(&path).unwrap().seq(), 10_000);
    c.bench_function("journal open (replay) 10,000 edits", |b| {
        b.iter(|| {
            let (sheet, _) = Editor::open(black_box(&path), form()).unwrap();
            black_box(sheet.seq())
        })
    });
    c.bench_function("journal read (read-only) 10,000 edits", |b| {
        b.iter(|| black_box(Journal::read(black_box(&path)).unwrap().entries.len()))
    });
}

criterion_group!(benches, append, replay);
criterion_main!(benches);
