//! A real osv4-3 CSV cut off anywhere after its header: the reader either refuses it,
//! naming the file and the line where it ends, or (the one thing a CSV without a closing
//! row cannot show) the cut dropped only rows without a single vote.

use std::path::{Path, PathBuf};

use meetel::published::osv;
use meetel::published::PublishedStation;
use meetel::published::{ErrorKind, ImportError, InputFile};

const FILES: [&str; 2] = [
    "tk2025/osv4-3_telling_tk2025_gemeente_westmaasenwaal.csv",
    "gr2022-westmaasenwaal/osv4-3_telling_gr2022_westmaasenwaal.csv",
];

/// The four lines `Verkiezing`, `Datum`, `Gebied`, `Nummer`.
const HEADER_LINES: usize = 4;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Whether a count row has 0 in every count cell (`Totaal` and every station), read with
/// the `csv` crate on its own rather than through the reader under test.
fn is_row_without_votes(line: &[u8]) -> bool {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(line);
    let rec = reader.records().next().unwrap().unwrap();
    rec.len() > 4 && rec.iter().skip(4).all(|c| c == "0")
}

/// The 1-based number of the last line among `lines` with something on it.
fn last_filled_line(lines: &[&[u8]]) -> usize {
    lines
        .iter()
        .rposition(|l| !l.trim_ascii().is_empty())
        .map(|i| i + 1)
        .unwrap_or(0)
}

fn assert_ends_error(e: &ImportError, path: &Path, end: usize, what: &str) {
    assert_eq!(e.kind, ErrorKind::CsvFormat, "{what}: {e}");
    assert_eq!(e.file, path.display().to_string(), "{what}: {e}");
    assert_eq!(e.position.map(|p| p.line), Some(end), "{what}: {e}");
    assert!(
        e.message.en.contains(&format!("ends at line {end}"))
            || e.message
                .en
                .contains(&format!("ends in the middle of line {end}")),
        "{what}: the message should say where the file ends: {e}"
    );
    assert!(e.message.en.contains("expected"), "{what}: {e}");
}

/// `cut` read fine: it may only lack rows without votes (`only_zeros_dropped`), and reads
/// as the full file without those rows (`dropped` of them).
fn assert_only_zero_rows_dropped(
    cut: &[PublishedStation],
    full: &[PublishedStation],
    dropped: usize,
    only_zeros_dropped: bool,
    what: &str,
) {
    assert!(
        only_zeros_dropped,
        "{what}: read without complaint although rows with votes are missing"
    );
    assert_eq!(cut.len(), full.len(), "{what}");
    for (c, f) in cut.iter().zip(full) {
        assert_eq!(c.station, f.station, "{what}");
        for (key, v) in &c.counts {
            assert_eq!(f.counts.get(key), Some(v), "{what}: {key}");
        }
        assert_eq!(
            f.counts.len() - c.counts.len(),
            dropped,
            "{what}: one field per dropped row is missing at {}",
            c.station.id
        );
    }
}

/// Cuts `rel` after every line from the first line after the header block to the end,
/// ending as the Kiesraad writes a file (`final_newline` false: no final newline) or as
/// `head -n` or an editor leaves one (true).
fn check_every_line_cut(rel: &str, final_newline: bool) {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read(fixture(rel)).unwrap();
    let full = osv::read(&fixture(rel)).unwrap();
    let lines: Vec<&[u8]> = original.split(|&b| b == b'\n').collect();
    // zeros_from[k]: every line from k on is a row without votes.
    let mut zeros_from = vec![true; lines.len() + 1];
    for k in (0..lines.len()).rev() {
        zeros_from[k] = zeros_from[k + 1] && is_row_without_votes(lines[k]);
    }
    let path = dir.path().join(Path::new(rel).file_name().unwrap());
    let (mut refused, mut identical, mut zero_tail) = (0, 0, 0);
    for k in HEADER_LINES + 1..=lines.len() {
        let mut cut = lines[..k].join(&b'\n');
        if final_newline {
            cut.push(b'\n');
        }
        let what = format!("{rel} cut after line {k}, final newline {final_newline}");
        if cut == original {
            identical += 1;
            continue;
        }
        std::fs::write(&path, &cut).unwrap();
        match osv::read(&path) {
            Err(e) => {
                assert!(k < lines.len(), "{what}: the whole table is refused: {e}");
                assert_ends_error(&e, &path, last_filled_line(&lines[..k]), &what);
                refused += 1;
            }
            Ok(stations) => {
                let dropped = lines.len() - k;
                assert_only_zero_rows_dropped(&stations, &full, dropped, zeros_from[k], &what);
                if dropped > 0 {
                    zero_tail += 1;
                }
            }
        }
    }
    eprintln!(
        "{rel}, final newline {final_newline}: {} lines; cuts refused {refused}, \
         identical to the file {identical}, accepted with only vote-less rows lost {zero_tail}",
        lines.len()
    );
    // Only the writer's own ending is the file itself.
    assert_eq!(identical, usize::from(!final_newline), "{rel}");
    // Every cut is refused except where the lost rows hold no vote at all.
    let trailing_without_votes = zeros_from.iter().filter(|&&z| z).count() - 1;
    assert!(zero_tail <= trailing_without_votes, "{rel}");
    assert_eq!(
        refused + identical + zero_tail + usize::from(final_newline),
        lines.len() - HEADER_LINES,
        "{rel}"
    );
}

#[test]
fn tk2025_cut_at_any_line_is_refused_unless_only_rows_without_votes_are_lost() {
    check_every_line_cut(FILES[0], false);
}

#[test]
fn tk2025_cut_at_any_line_with_a_final_newline_likewise() {
    check_every_line_cut(FILES[0], true);
}

#[test]
fn gr2022_cut_at_any_line_is_refused_unless_only_rows_without_votes_are_lost() {
    check_every_line_cut(FILES[1], false);
}

#[test]
fn gr2022_cut_at_any_line_with_a_final_newline_likewise() {
    check_every_line_cut(FILES[1], true);
}

#[test]
fn a_real_csv_cut_inside_a_line_is_refused_at_that_line() {
    for rel in FILES {
        let original = std::fs::read(fixture(rel)).unwrap();
        let starts: Vec<usize> = std::iter::once(0)
            .chain(
                original
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        let n = starts.len();
        // The last three lines (rows without votes in the TK file, with votes in the GR
        // file), and a candidate row of the first list.
        for line in [n - 2, n - 1, n, 30] {
            let (from, to) = (
                starts[line - 1],
                starts.get(line).map(|&s| s - 1).unwrap_or(original.len()),
            );
            for cut_at in from + 1..to {
                let what = format!("{rel} cut at byte {cut_at}, inside line {line}");
                let input = InputFile::from_bytes(rel, original[..cut_at].to_vec());
                let Err(e) = osv::read_input(&input) else {
                    panic!("{what}: read without complaint");
                };
                assert_ends_error(&e, Path::new(rel), line, &what);
            }
        }
    }
}

#[test]
fn a_list_total_that_is_not_the_sum_of_its_candidates_names_the_list_row() {
    let rel = FILES[1];
    let text = std::fs::read_to_string(fixture(rel)).unwrap();
    // GR2022, list 1 (line 25), candidate 1 (line 26): 581 in Totaal, 0 at station 1. Raising the
    // station's count breaks list 1's sum in the middle of the file.
    let planted = text.replacen(
        ";;\"1\";\"Reuvers, R.A.N.\";\"581\";\"0\";",
        ";;\"1\";\"Reuvers, R.A.N.\";\"581\";\"2\";",
        1,
    );
    assert_ne!(planted, text);
    let e = osv::read_input(&InputFile::from_bytes(rel, planted.into_bytes())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::CsvFormat, "{e}");
    assert_eq!(e.position.map(|p| (p.line, p.column)), Some((25, Some(6))));
    assert!(
        e.message.en.contains("list 1's candidate rows add up to 5")
            && e.message.en.contains("says 3")
            && e.message.en.contains("station 0668::SB1"),
        "{e}"
    );
}
