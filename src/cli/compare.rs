//! `meetel compare SHEET... --published PATH... [--json|--csv]` and `meetel ingest
//! PATH...`, the ingest figures for a set of count files.
//!
//! Exit codes (docs/compare.md): 0 when every sheet matches, 1 when one does not, 2 for
//! bad input (an unreadable sheet or published file, or no published station at all);
//! the comparison of the readable inputs is still printed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::compare::input::{read_published, read_sheet};
use crate::compare::{self, output};
use crate::i18n::Lang;
use crate::published::input::{is_count_file, walk};
use crate::published::{Progress, PublishedIndex};

use super::{CompareArgs, Outcome, EXIT_FAILED, EXIT_OK, EXIT_USAGE};

/// `meetel compare`.
pub fn compare(a: &CompareArgs, _lang: Lang) -> Outcome {
    let published = read_published(&a.published, &mut Progress::auto());
    for e in &published.errors {
        eprintln!("meetel: {e}");
    }
    let mut bad_input = !published.errors.is_empty();
    let index = &published.index;
    if index.stations.is_empty() {
        return Err("no polling-station results in the published files given (expected EML 510 counts or osv4-3 CSV files, or a directory or zip holding them)".into());
    }
    let mut items = Vec::new();
    for path in &a.sheets {
        match read_sheet(path) {
            Ok(sheet) => {
                let mut c = compare::compare(&sheet, index);
                for f in &c.files {
                    if published.transcriptions.contains(&f.sha256) {
                        c.notes.push(crate::i18n::Text::new(
                            format!(
                                "{} is een in meetel overgenomen gepubliceerd PV, geen bestand van de Kiesraad",
                                f.name
                            ),
                            format!(
                                "{} is a transcription of the published PV typed into meetel, not a file of the Kiesraad",
                                f.name
                            ),
                        ));
                    }
                }
                items.push((path.display().to_string(), c))
            }
            Err(e) => {
                eprintln!("meetel: {e}");
                bad_input = true;
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let written = if a.json {
        serde_json::to_writer_pretty(&mut out, &output::json(&items))
            .map_err(|e| e.to_string())
            .and_then(|()| writeln!(out).map_err(|e| e.to_string()))
    } else if a.csv {
        output::csv(&items, &mut out).map_err(|e| e.to_string())
    } else {
        out.write_all(output::table(&items).as_bytes())
            .map_err(|e| e.to_string())
    };
    written.map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(if bad_input {
        EXIT_USAGE
    } else if compare::exit_code(&items.into_iter().map(|(_, c)| c).collect::<Vec<_>>()) == 0 {
        EXIT_OK
    } else {
        EXIT_FAILED
    })
}

/// Peak resident memory of this process, from /proc (Linux), in kB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Streams the 510 files under `paths` into the comparison index and prints the
/// figures: files, bytes, stations, seconds, MB/s and peak memory. For measuring by
/// hand at national scale (`meetel ingest /tmp/national`); the progress bar shows on a
/// terminal after a second.
pub fn ingest(paths: &[PathBuf]) -> Outcome {
    // In a directory, the files that are not 510 counts (the 110a, 230b and osv4-3 CSV
    // published beside them) are skipped and counted; a file named on the command line
    // is read whatever it is, so that it gets its own error when it is not a count.
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        let (found, errors) = walk(std::slice::from_ref(p));
        if let Some(e) = errors.first() {
            return Err(e.to_string());
        }
        if p.is_dir() {
            let (counts, others): (Vec<PathBuf>, Vec<PathBuf>) =
                found.into_iter().partition(|f| is_count_file(f));
            files.extend(counts);
            skipped.extend(others);
        } else {
            files.extend(found);
        }
    }
    let (zips, files): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| is_zip(f));
    let started = Instant::now();
    let mut index = PublishedIndex::new();
    let errors = index.ingest_paths(&files, &mut Progress::auto());
    let secs = started.elapsed().as_secs_f64();
    for z in &zips {
        eprintln!(
            "meetel: {}: a zip archive; `meetel ingest` streams EML 510 files only: unpack it, or give it to `meetel compare --published`, which reads zips",
            z.display()
        );
    }
    for e in &errors {
        eprintln!("meetel: {e}");
    }
    if !skipped.is_empty() {
        let names: Vec<String> = skipped.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "meetel: skipped {} file(s) that are not EML 510 counts: {}",
            skipped.len(),
            names.join(", ")
        );
    }
    let bytes: u64 = index.files.iter().map(|f| f.bytes).sum();
    let candidates: usize = index
        .stations
        .iter()
        .map(|s| {
            s.counts
                .keys()
                .filter(|k| matches!(k, crate::sheet::FieldKey::Candidate { .. }))
                .count()
        })
        .sum();
    println!(
        "{} files, {:.1} MB, {} stations, {} candidate figures in {:.2} s: {:.0} MB/s; peak memory {} MB",
        index.files.len(),
        bytes as f64 / 1e6,
        index.stations.len(),
        candidates,
        secs,
        bytes as f64 / 1e6 / secs.max(1e-9),
        peak_rss_kb().map_or("unknown".to_string(), |k| format!("{:.0}", k as f64 / 1e3))
    );
    Ok(if errors.is_empty() && zips.is_empty() {
        EXIT_OK
    } else {
        EXIT_USAGE
    })
}

/// Whether `path` starts like a zip archive (`PK\x03\x04`, or `PK\x05\x06` when empty).
fn is_zip(path: &Path) -> bool {
    use std::io::Read as _;
    let mut magic = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06")
}
