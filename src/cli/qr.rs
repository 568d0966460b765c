//! `meetel qr FILE --png OUT | --svg OUT | --text` and `meetel scan IMAGE... --out DIR`
//! (docs/qr.md).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::qr::{self, parts::Added, render, scan, QrError};
use crate::sheet::journal::Journal;
use crate::sheet::seal::SealedSheet;

use super::{Outcome, EXIT_FAILED, EXIT_OK, EXIT_USAGE};

/// Reads a sealed sheet: a sheet file (its journal, which must end in a seal) or a
/// sealed-sheet JSON file such as `meetel scan` writes.
pub fn read_sealed(path: &Path) -> Result<SealedSheet, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    // A sealed-sheet JSON file is one object; a sheet file is JSON lines, one entry
    // each, which does not parse as a SealedSheet.
    if let Ok(sealed) = serde_json::from_slice::<SealedSheet>(&bytes) {
        return Ok(sealed);
    }
    let journal = Journal::from_bytes(path, &bytes).map_err(|e| e.to_string())?;
    let seal = journal.seal.as_ref().ok_or_else(|| {
        format!(
            "{}: the sheet is not sealed; seal it first (`meetel seal {}`): only a sealed sheet can travel as a QR code",
            path.display(),
            path.display()
        )
    })?;
    Ok(SealedSheet {
        sheet: journal.sheet.clone(),
        journal_head: seal.head_before.clone(),
        sealed_at: seal.at.clone(),
        seal: seal.record.clone(),
    })
}

/// `OUT` for one code, `OUT-1.ext`, `OUT-2.ext` … for several; `OUT-fingerprint.ext`
/// for the fingerprint code.
pub fn output_names(out: &Path, count: usize, ext: &str) -> (PathBuf, Vec<PathBuf>) {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sheet".into());
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_else(|| ext.to_string());
    let name = |suffix: &str| out.with_file_name(format!("{stem}{suffix}.{ext}"));
    let codes = if count == 1 {
        vec![name("")]
    } else {
        (1..=count).map(|i| name(&format!("-{i}"))).collect()
    };
    (name("-fingerprint"), codes)
}

/// `meetel qr`: writes the sheet's codes (at most version 20, error correction M) as
/// PNG or SVG files, or prints them in the terminal, fingerprint code first. Refuses a
/// sheet whose seal does not verify: a code must carry only what will verify.
pub fn qr(file: &Path, png: Option<&Path>, svg: Option<&Path>, text: bool) -> Outcome {
    let sealed = read_sealed(file)?;
    if let Err(e) = qr::verify(&sealed) {
        eprintln!("meetel: {}: {e}", file.display());
        return Ok(EXIT_FAILED);
    }
    let codes = qr::sheet_codes(&sealed, qr::MAX_SCREEN_VERSION).map_err(|e| e.to_string())?;
    let fingerprint = qr::fingerprint_code(&sealed);
    let symbol = |t: &str| render::symbol(t, 40).map_err(|e| e.to_string());
    let describe = |t: &str| -> Result<String, String> {
        Ok(format!(
            "version {}, {} characters",
            render::version_of(&symbol(t)?),
            t.len()
        ))
    };
    println!("Fingerprint: {}", sealed.fingerprint());
    let exports: [(Option<&Path>, &str); 2] = [(png, "png"), (svg, "svg")];
    let mut wrote = false;
    for (out, ext) in exports {
        let Some(out) = out else { continue };
        let (fp_path, paths) = output_names(out, codes.len(), ext);
        for (path, t) in std::iter::once((&fp_path, &fingerprint)).chain(paths.iter().zip(&codes)) {
            let code = symbol(t)?;
            let bytes = if ext == "png" {
                render::to_png(&code)
            } else {
                render::to_svg(&code).into_bytes()
            };
            crate::fsutil::write_atomic(path, &bytes).map_err(|e| e.to_string())?;
            println!("wrote {} ({})", path.display(), describe(t)?);
        }
        wrote = true;
    }
    if text || !wrote {
        let mut out = String::new();
        let total = codes.len();
        let _ = writeln!(
            out,
            "Fingerprint code (share it at once; {}):",
            describe(&fingerprint)?
        );
        out.push_str(&render::to_terminal_text(&symbol(&fingerprint)?));
        for (i, t) in codes.iter().enumerate() {
            if total == 1 {
                let _ = writeln!(out, "\nThe sheet ({}):", describe(t)?);
            } else {
                let _ = writeln!(
                    out,
                    "\nThe sheet, part {} of {total} ({}):",
                    i + 1,
                    describe(t)?
                );
            }
            out.push_str(&render::to_terminal_text(&symbol(t)?));
        }
        print!("{out}");
    }
    Ok(EXIT_OK)
}

/// What `meetel scan` found, for people and for tests.
#[derive(Debug, Default)]
pub struct ScanReport {
    pub lines: Vec<String>,
    pub written: Vec<PathBuf>,
    pub exit: u8,
}

impl ScanReport {
    fn note(&mut self, exit: u8, line: String) {
        self.exit = self.exit.max(exit);
        self.lines.push(line);
    }
}

/// The file name a scanned sheet is written under: election, station and the first 16
/// fingerprint characters, e.g. `TK2025_0668-SB1_9f86d081884c7d65.sealed.json`.
pub fn scanned_file_name(sealed: &SealedSheet) -> String {
    let h = &sealed.sheet.header;
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    };
    let station = h.station.id.to_string().replace("::", "-");
    let fp: String = sealed.seal.fingerprint.chars().take(16).collect();
    format!(
        "{}_{}_{}.sealed.json",
        clean(&h.election.id),
        clean(&station),
        clean(&fp)
    )
}

/// Does the work of `meetel scan` and says what happened, without printing.
pub fn scan_report(images: &[PathBuf], out: &Path) -> ScanReport {
    let mut report = ScanReport::default();
    let mut collector = qr::Collector::new();
    for path in images {
        let found = match scan::scan_file(path) {
            Ok(f) => f,
            Err(e) => {
                report.note(EXIT_USAGE, format!("unreadable image: {e}"));
                continue;
            }
        };
        if found.texts.is_empty() {
            let why = if found.unreadable.is_empty() {
                "no QR code found (is the whole code in the picture, sharp and not too small?)"
                    .to_string()
            } else {
                format!(
                    "a QR code was found but could not be read ({}); take the photo again, straight on and sharp",
                    found.unreadable.join("; ")
                )
            };
            report.note(EXIT_USAGE, format!("{}: {why}", path.display()));
            continue;
        }
        for text in &found.texts {
            // A whole-sheet code is checked here, where the picture it came from is
            // known, so that a damaged or forged one is reported with its file name.
            if let Ok(qr::Code::Whole(_)) = qr::parse_code(text) {
                if let Err(e) = qr::decode_verified(text) {
                    report.note(
                        EXIT_FAILED,
                        format!("{}: a whole sheet, not written: {e}", path.display()),
                    );
                    continue;
                }
            }
            match collector.add(text) {
                Ok(Added::Whole) => {
                    report.note(EXIT_OK, format!("{}: a whole sheet", path.display()))
                }
                Ok(Added::Part(group, i, n)) => report.note(
                    EXIT_OK,
                    format!("{}: sheet {group}, part {i} of {n}", path.display()),
                ),
                Ok(Added::Duplicate(group, i)) => report.note(
                    EXIT_OK,
                    format!(
                        "{}: sheet {group}, part {i} again (ignored)",
                        path.display()
                    ),
                ),
                Ok(Added::Fingerprint(f)) => report.note(
                    EXIT_OK,
                    format!(
                        "{}: fingerprint code: {} {} {}",
                        path.display(),
                        f.election,
                        f.station,
                        f.notation()
                    ),
                ),
                Err(e @ QrError::Foreign(_)) => {
                    report.note(EXIT_FAILED, format!("{}: {e}; ignored", path.display()))
                }
                Err(e) => report.note(EXIT_FAILED, format!("{}: {e}", path.display())),
            }
        }
        if !found.unreadable.is_empty() {
            report.note(
                EXIT_USAGE,
                format!(
                    "{}: {} more QR code(s) found but not readable ({})",
                    path.display(),
                    found.unreadable.len(),
                    found.unreadable.join("; ")
                ),
            );
        }
    }
    let sheets = collector.finish();
    for result in sheets {
        match result {
            Ok(sealed) => {
                let path = out.join(scanned_file_name(&sealed));
                let json =
                    serde_json::to_string_pretty(&sealed).expect("a sheet serialises") + "\n";
                let written = std::fs::create_dir_all(out)
                    .map_err(|e| format!("cannot create {}: {e}", out.display()))
                    .and_then(|_| {
                        crate::fsutil::write_atomic(&path, json.as_bytes())
                            .map_err(|e| e.to_string())
                    });
                let h = &sealed.sheet.header;
                match written {
                    Ok(()) => {
                        report.note(
                            EXIT_OK,
                            format!(
                                "verified: {} {} by {}, fingerprint {}; wrote {}",
                                h.election.id,
                                h.station.id,
                                h.observer.alias,
                                sealed.fingerprint(),
                                path.display()
                            ),
                        );
                        report.written.push(path);
                    }
                    Err(e) => report.note(EXIT_USAGE, e),
                }
            }
            Err(e) => report.note(EXIT_FAILED, format!("not written: {e}")),
        }
    }
    for f in collector.fingerprints() {
        let matched = report.written.iter().any(|p| {
            p.to_string_lossy()
                .contains(&f.fingerprint[..16].to_ascii_lowercase())
        });
        if matched {
            report.note(
                EXIT_OK,
                format!(
                    "the fingerprint code {} matches a scanned sheet",
                    f.notation()
                ),
            );
        }
    }
    if report.lines.is_empty() {
        report.note(EXIT_USAGE, "no images given".into());
    }
    report
}

/// `meetel scan`: decodes codes from PNG/JPEG pictures in any order, joins parts,
/// verifies seal and signature, and writes each verified sheet as a sealed-sheet JSON
/// file into `out` (which `meetel verify` reads). Exit 0 when every picture gave a
/// code and every sheet verified; 1 for foreign codes, incomplete sets and seals that
/// do not verify; 2 for pictures that could not be read.
pub fn scan(images: &[PathBuf], out: &Path) -> Outcome {
    let report = scan_report(images, out);
    for line in &report.lines {
        println!("{line}");
    }
    Ok(report.exit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_number_the_parts() {
        let (fp, one) = output_names(Path::new("out/sheet.png"), 1, "png");
        assert_eq!(fp, Path::new("out/sheet-fingerprint.png"));
        assert_eq!(one, vec![PathBuf::from("out/sheet.png")]);
        let (_, three) = output_names(Path::new("sheet"), 3, "svg");
        assert_eq!(three[2], Path::new("sheet-3.svg"));
    }
}
