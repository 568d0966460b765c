//! Appends edits to a sheet's journal, acknowledging each one only once it is on disk.
//! Used by `tests/journal_kill.rs`, which kills this process at random moments.
//!
//! Usage: `journal_writer FILE N`. Opens FILE (or creates it with a demo header) and
//! appends N edits; entry `seq` sets field A…J (cycling by `seq`) to `seq`. After each
//! append returns it prints `ok <seq>` and flushes stdout, so every line printed is an
//! edit that was synced to disk.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use meetel::form::Form;
use meetel::sheet::{Editor, FieldKey, Op, PvField, SheetHeader};

fn header() -> SheetHeader {
    meetel::testkit::named_header("journal-writer")
}

/// The edit that entry `seq` holds.
fn edit(seq: u64) -> Op {
    Op::SetCount {
        field: FieldKey::Pv(PvField::ALL[(seq % 10) as usize]),
        value: Some(seq as u32),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(Ok(n)), 3) = (
        args.get(1),
        args.get(2).map(|n| n.parse::<u64>()),
        args.len(),
    ) else {
        eprintln!("usage: journal_writer FILE N");
        return ExitCode::from(2);
    };
    let path = Path::new(file);
    // The bare Tweede Kamer form: fields A to J, any list.
    let form = Form::load("tk").expect("the built-in tk form");
    let opened = if path.exists() {
        Editor::open(path, form).map(|(sheet, recovery)| {
            if !recovery.is_clean() {
                eprintln!("{}: {recovery}", path.display());
            }
            sheet
        })
    } else {
        Editor::create(path, form, header())
    };
    let mut sheet = match opened {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    for _ in 0..n {
        let seq = sheet.seq() + 1;
        if let Err(e) = sheet.commit(edit(seq)) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
        if writeln!(out, "ok {seq}")
            .and_then(|()| out.flush())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
