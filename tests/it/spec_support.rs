//! Reading the specs (docs/seal.md, docs/qr.md) as data: sections, table rows, code spans
//! and code blocks, so that the spec tests check what the pages say, not a copy of it.
#![allow(dead_code)]

use std::path::Path;

use meetel::sheet::journal::Journal;
use meetel::sheet::seal::SealedSheet;

/// The text of `docs/<name>`.
pub fn doc(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The part of `doc` under the heading that starts with `heading` (e.g. `### The id
/// table`), up to the next heading of the same or a higher level.
pub fn section<'a>(doc: &'a str, heading: &str) -> &'a str {
    let level = heading.chars().take_while(|c| *c == '#').count();
    let start = doc
        .lines()
        .scan(0usize, |off, l| {
            let here = *off;
            *off += l.len() + 1;
            Some((here, l))
        })
        .find(|(_, l)| l.starts_with(heading))
        .unwrap_or_else(|| panic!("no heading `{heading}`"))
        .0;
    let body = &doc[start..];
    let mut end = body.len();
    let mut off = 0;
    for (i, l) in body.lines().enumerate() {
        let hashes = l.chars().take_while(|c| *c == '#').count();
        if i > 0 && hashes > 0 && hashes <= level && l[hashes..].starts_with(' ') {
            end = off;
            break;
        }
        off += l.len() + 1;
    }
    &body[..end]
}

/// The rows of the first table after `after` in `text` (header and separator left out),
/// each as its cells, trimmed.
pub fn table(text: &str, after: &str) -> Vec<Vec<String>> {
    let from = text
        .find(after)
        .unwrap_or_else(|| panic!("`{after}` not found"));
    let rows: Vec<&str> = text[from..]
        .lines()
        .map(str::trim_start)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(rows.len() > 2, "no table after `{after}`");
    rows[2..]
        .iter()
        .map(|r| {
            split_cells(r)
                .into_iter()
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// Splits a table row at `|` outside code spans.
fn split_cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut in_code = false;
    for c in inner.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                cells.last_mut().unwrap().push(c);
            }
            '|' if !in_code => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

/// The code spans of a piece of text, in order (the text between backticks, as it is).
pub fn spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The one code span of a cell.
pub fn span(cell: &str) -> String {
    let s = spans(cell);
    assert_eq!(s.len(), 1, "expected one code span in `{cell}`");
    s[0].clone()
}

/// Hex with spaces, as the specs write bytes, as bytes.
pub fn hex_bytes(text: &str) -> Vec<u8> {
    let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    hex::decode(&clean).unwrap_or_else(|e| panic!("`{text}` is not hex: {e}"))
}

/// The contents of the first fenced code block after `after`.
pub fn code_block(text: &str, after: &str) -> String {
    let from = text
        .find(after)
        .unwrap_or_else(|| panic!("`{after}` not found"));
    let rest = &text[from..];
    let open = rest.find("```").expect("a code block");
    let body_start = open + rest[open..].find('\n').expect("a fence line") + 1;
    let close = rest[body_start..].find("```").expect("a closing fence");
    rest[body_start..body_start + close].to_string()
}

/// The test-vector sheet of docs/seal.md §10, read from its fixture file.
pub fn vector_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seal/sheet.jsonl")
}

pub fn vector_sealed() -> SealedSheet {
    let j = Journal::read(&vector_path()).unwrap();
    let s = j.seal.as_ref().unwrap();
    SealedSheet {
        sheet: j.sheet.clone(),
        journal_head: s.head_before.clone(),
        sealed_at: s.at.clone(),
        seal: s.record.clone(),
    }
}

/// Text with every run of whitespace as one space: for sentences that a reflow may break.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
