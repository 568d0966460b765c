//! `meetel compare SHEET... --published PATH... [--json|--csv]` and `meetel ingest
//! PATH...`, the ingest figures for a set of count files. Both speak Dutch, or English
//! with `--lang en`; the JSON and the CSV are the same in both.
//!
//! Exit codes (docs/compare.md): 0 when every sheet matches, 1 when one does not, 2 for
//! bad input (an unreadable sheet or published file, or no published station at all);
//! the comparison of the readable inputs is still printed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::compare::input::{read_published, read_sheet};
use crate::compare::{self, output};
use crate::i18n::{Lang, Text};
use crate::published::input::{is_count_file, walk};
use crate::published::{Progress, PublishedIndex};
use crate::sheet::FieldKey;
use crate::{text, words};

use super::{CompareArgs, Outcome, EXIT_FAILED, EXIT_OK, EXIT_USAGE};

/// A message on stderr, in the language asked for.
fn say(message: &Text, lang: Lang) {
    eprintln!("meetel: {}", message.get(lang));
}

/// `meetel compare`.
pub(crate) fn compare(a: &CompareArgs, lang: Lang) -> Outcome {
    let published = read_published(&a.published, &mut Progress::auto(lang));
    for e in &published.errors {
        say(e, lang);
    }
    let mut bad_input = !published.errors.is_empty();
    let index = &published.index;
    if index.stations.is_empty() {
        return Err(words!(
            "geen uitslagen per stembureau in de gegeven gepubliceerde bestanden (verwacht EML 510-tellingen of osv4-3-CSV-bestanden, of een map of zip met zulke bestanden)",
            "no polling-station results in the published files given (expected EML 510 counts or osv4-3 CSV files, or a directory or zip holding them)"
        )
        .get(lang)
        .to_string());
    }
    let mut items = Vec::new();
    for path in &a.sheets {
        match read_sheet(path) {
            Ok(sheet) => {
                let mut c = compare::compare(&sheet, index);
                for f in &c.files {
                    if published.transcriptions.contains(&f.sha256) {
                        let name = &f.name;
                        c.notes.push(text!(
                            "{name} is een in meetel overgenomen gepubliceerd PV, geen bestand van de Kiesraad",
                            "{name} is a transcription of the published PV typed into meetel, not a file of the Kiesraad"
                        ));
                    }
                }
                items.push((path.display().to_string(), c))
            }
            Err(e) => {
                say(&e, lang);
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
        out.write_all(output::table(&items, lang).as_bytes())
            .map_err(|e| e.to_string())
    };
    written.map_err(|e| {
        text!(
            "kan de uitvoer niet schrijven: {e}",
            "cannot write the output: {e}"
        )
        .get(lang)
        .to_string()
    })?;
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
/// hand at national scale (`meetel ingest /tmp/national`, after `cargo run --release
/// --example generate_national -- --out /tmp/national`); the progress bar shows on a
/// terminal after a second.
pub(crate) fn ingest(paths: &[PathBuf], lang: Lang) -> Outcome {
    // In a directory, the files that are not 510 counts (the 110a, 230b and osv4-3 CSV
    // published beside them) are skipped and counted; a file named on the command line
    // is read whatever it is, so that it gets its own error when it is not a count.
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        let (found, errors) = walk(std::slice::from_ref(p));
        if let Some(e) = errors.first() {
            return Err(e.text().get(lang).to_string());
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
    let errors = index.ingest_paths(&files, &mut Progress::auto(lang));
    let secs = started.elapsed().as_secs_f64();
    for z in &zips {
        let z = z.display();
        say(
            &text!(
                "{z}: een zip-archief; `meetel ingest` leest alleen EML 510-bestanden: pak het uit, of geef het aan `meetel compare --published`, dat zips leest",
                "{z}: a zip archive; `meetel ingest` streams EML 510 files only: unpack it, or give it to `meetel compare --published`, which reads zips"
            ),
            lang,
        );
    }
    for e in &errors {
        say(&e.text(), lang);
    }
    if !skipped.is_empty() {
        let n = skipped.len();
        let names: Vec<String> = skipped.iter().map(|p| p.display().to_string()).collect();
        let names = names.join(", ");
        say(
            &text!(
                "{n} bestand(en) overgeslagen die geen EML 510-telling zijn: {names}",
                "skipped {n} file(s) that are not EML 510 counts: {names}"
            ),
            lang,
        );
    }
    let bytes: u64 = index.files.iter().map(|f| f.bytes).sum();
    let candidates: usize = index
        .stations
        .iter()
        .map(|s| {
            s.counts
                .keys()
                .filter(|k| matches!(k, FieldKey::Candidate { .. }))
                .count()
        })
        .sum();
    let (n_files, n_stations) = (index.files.len(), index.stations.len());
    let mb = bytes as f64 / 1e6;
    let rate = mb / secs.max(1e-9);
    let peak = peak_rss_kb().map(|k| format!("{:.0}", k as f64 / 1e3));
    let (peak_nl, peak_en) = match &peak {
        Some(p) => (p.as_str(), p.as_str()),
        None => ("onbekend", "unknown"),
    };
    let figures = text!(
        "{n_files} bestanden, {mb:.1} MB, {n_stations} stembureaus, {candidates} kandidaatgetallen in {secs:.2} s: {rate:.0} MB/s; piekgeheugen {peak_nl} MB",
        "{n_files} files, {mb:.1} MB, {n_stations} stations, {candidates} candidate figures in {secs:.2} s: {rate:.0} MB/s; peak memory {peak_en} MB"
    );
    println!("{}", figures.get(lang));
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
