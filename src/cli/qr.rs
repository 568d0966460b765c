//! `meetel qr FILE --png OUT | --svg OUT | --text` and `meetel scan IMAGE... --out DIR`
//! (docs/qr.md).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::display::visible;
use crate::i18n::{Lang, Text};
use crate::qr::{self, parts::Added, render, scan, QrError};
use crate::sheet::journal::Journal;
use crate::sheet::seal::SealedSheet;
use crate::{text, words};

use super::{Outcome, EXIT_FAILED, EXIT_OK, EXIT_USAGE};

/// Reads a sealed sheet: a sheet file (its journal, which must end in a seal) or a
/// sealed-sheet JSON file such as `meetel scan` writes.
pub fn read_sealed(path: &Path) -> Result<SealedSheet, Text> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        text!(
            "{shown}: kan niet worden gelezen: {e}",
            "{shown}: cannot read: {e}"
        )
    })?;
    // A sealed-sheet JSON file is one object; a sheet file is JSON lines, one entry
    // each, which does not parse as a SealedSheet.
    if let Ok(sealed) = serde_json::from_slice::<SealedSheet>(&bytes) {
        return Ok(sealed);
    }
    let journal = Journal::from_bytes(path, &bytes).map_err(|e| e.text())?;
    let seal = journal.seal.as_ref().ok_or_else(|| {
        text!(
            "{shown}: het blad is niet verzegeld; verzegel het eerst (`meetel seal {shown}`): alleen een verzegeld blad kan als QR-code mee",
            "{shown}: the sheet is not sealed; seal it first (`meetel seal {shown}`): only a sealed sheet can travel as a QR code"
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
pub fn qr(file: &Path, png: Option<&Path>, svg: Option<&Path>, text: bool, lang: Lang) -> Outcome {
    let sealed = read_sealed(file).map_err(|e| e.get(lang).to_string())?;
    // What `qr::verify` checks, here for its words in both languages.
    if let Err(e) = crate::sheet::seal::verify(&sealed) {
        let (file, e) = (file.display(), e.text());
        let (en, ee) = (&e.nl, &e.en);
        let failed = text!(
            "{file}: het zegel klopt niet: {en}",
            "{file}: the seal does not verify: {ee}"
        );
        eprintln!("meetel: {}", failed.get(lang));
        return Ok(EXIT_FAILED);
    }
    let codes = qr::sheet_codes(&sealed, qr::MAX_SCREEN_VERSION).map_err(|e| e.to_string())?;
    let fingerprint = qr::fingerprint_code(&sealed);
    let symbol = |t: &str| render::symbol(t, 40).map_err(|e| e.to_string());
    let describe = |t: &str| -> Result<String, String> {
        let (version, n) = (render::version_of(&symbol(t)?), t.len());
        Ok(text!(
            "versie {version}, {n} tekens",
            "version {version}, {n} characters"
        )
        .get(lang)
        .to_string())
    };
    let fp = sealed.fingerprint();
    println!(
        "{}",
        text!("Vingerafdruk: {fp}", "Fingerprint: {fp}").get(lang)
    );
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
            crate::fsutil::write_atomic(path, &bytes)
                .map_err(|e| e.text().get(lang).to_string())?;
            let (path, what) = (path.display(), describe(t)?);
            println!(
                "{}",
                text!("{path} geschreven ({what})", "wrote {path} ({what})").get(lang)
            );
        }
        wrote = true;
    }
    if text || !wrote {
        let mut out = String::new();
        let total = codes.len();
        let what = describe(&fingerprint)?;
        let _ = writeln!(
            out,
            "{}",
            text!(
                "Code met de vingerafdruk (deel hem meteen; {what}):",
                "Fingerprint code (share it at once; {what}):"
            )
            .get(lang)
        );
        out.push_str(&render::to_terminal_text(&symbol(&fingerprint)?));
        for (i, t) in codes.iter().enumerate() {
            let (what, part) = (describe(t)?, i + 1);
            let heading = if total == 1 {
                text!("Het blad ({what}):", "The sheet ({what}):")
            } else {
                text!(
                    "Het blad, deel {part} van {total} ({what}):",
                    "The sheet, part {part} of {total} ({what}):"
                )
            };
            let _ = writeln!(out, "\n{}", heading.get(lang));
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

/// Does the work of `meetel scan` and says what happened, in `lang`, without printing.
/// What a picture or a code says (a file name, an election, an alias) is shown through
/// [`visible`]; the reasons the QR reader gives are in English.
pub fn scan_report(images: &[PathBuf], out: &Path, lang: Lang) -> ScanReport {
    let mut report = ScanReport::default();
    let mut note = |exit: u8, line: Text| report.note(exit, line.get(lang).to_string());
    let mut collector = qr::Collector::new();
    let mut written: Vec<PathBuf> = Vec::new();
    for path in images {
        let path_shown = visible(&path.display().to_string()).into_owned();
        let found = match scan::scan_file(path) {
            Ok(f) => f,
            Err(e) => {
                note(
                    EXIT_USAGE,
                    text!("onleesbare afbeelding: {e}", "unreadable image: {e}"),
                );
                continue;
            }
        };
        if found.texts.is_empty() {
            let why = if found.unreadable.is_empty() {
                Text::fixed(
                    "geen QR-code gevonden (staat de hele code op de foto, scherp en niet te klein?)",
                    "no QR code found (is the whole code in the picture, sharp and not too small?)",
                )
            } else {
                let reasons = found.unreadable.join("; ");
                text!(
                    "er is een QR-code gevonden, maar die kon niet worden gelezen ({reasons}); maak de foto opnieuw, recht van voren en scherp",
                    "a QR code was found but could not be read ({reasons}); take the photo again, straight on and sharp"
                )
            };
            let (wn, we) = (&why.nl, &why.en);
            note(
                EXIT_USAGE,
                text!("{path_shown}: {wn}", "{path_shown}: {we}"),
            );
            continue;
        }
        for text in &found.texts {
            // A whole-sheet code is checked here, where the picture it came from is
            // known, so that a damaged or forged one is reported with its file name.
            if let Ok(qr::Code::Whole(_)) = qr::parse_code(text) {
                if let Err(e) = qr::decode_verified(text) {
                    note(
                        EXIT_FAILED,
                        text!(
                            "{path_shown}: een heel blad, niet weggeschreven: {e}",
                            "{path_shown}: a whole sheet, not written: {e}"
                        ),
                    );
                    continue;
                }
            }
            match collector.add(text) {
                Ok(Added::Whole) => note(
                    EXIT_OK,
                    text!("{path_shown}: een heel blad", "{path_shown}: a whole sheet"),
                ),
                Ok(Added::Part(group, i, n)) => {
                    let group = visible(&group);
                    note(
                        EXIT_OK,
                        text!(
                            "{path_shown}: blad {group}, deel {i} van {n}",
                            "{path_shown}: sheet {group}, part {i} of {n}"
                        ),
                    )
                }
                Ok(Added::Duplicate(group, i)) => {
                    let group = visible(&group);
                    note(
                        EXIT_OK,
                        text!(
                            "{path_shown}: blad {group}, deel {i} nog eens (genegeerd)",
                            "{path_shown}: sheet {group}, part {i} again (ignored)"
                        ),
                    )
                }
                Ok(Added::Fingerprint(f)) => {
                    let (election, station, fp) =
                        (visible(&f.election), visible(&f.station), f.notation());
                    note(
                        EXIT_OK,
                        text!(
                            "{path_shown}: code met vingerafdruk: {election} {station} {fp}",
                            "{path_shown}: fingerprint code: {election} {station} {fp}"
                        ),
                    )
                }
                Err(e @ QrError::Foreign(_)) => note(
                    EXIT_FAILED,
                    text!("{path_shown}: {e}; genegeerd", "{path_shown}: {e}; ignored"),
                ),
                Err(e) => note(EXIT_FAILED, text!("{path_shown}: {e}", "{path_shown}: {e}")),
            }
        }
        if !found.unreadable.is_empty() {
            let (n, reasons) = (found.unreadable.len(), found.unreadable.join("; "));
            note(
                EXIT_USAGE,
                text!(
                    "{path_shown}: nog {n} QR-code(s) gevonden, maar niet leesbaar ({reasons})",
                    "{path_shown}: {n} more QR code(s) found but not readable ({reasons})"
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
                let made = std::fs::create_dir_all(out)
                    .map_err(|e| {
                        let out = out.display();
                        text!("kan {out} niet maken: {e}", "cannot create {out}: {e}")
                    })
                    .and_then(|_| {
                        crate::fsutil::write_atomic(&path, json.as_bytes()).map_err(|e| e.text())
                    });
                let h = &sealed.sheet.header;
                match made {
                    Ok(()) => {
                        let (election, station, alias, fp, file) = (
                            visible(&h.election.id),
                            &h.station.id,
                            visible(&h.observer.alias),
                            sealed.fingerprint(),
                            path.display(),
                        );
                        note(
                            EXIT_OK,
                            text!(
                                "gecontroleerd: {election} {station} door {alias}, vingerafdruk {fp}; {file} geschreven",
                                "verified: {election} {station} by {alias}, fingerprint {fp}; wrote {file}"
                            ),
                        );
                        written.push(path);
                    }
                    Err(e) => note(EXIT_USAGE, e),
                }
            }
            Err(e) => note(
                EXIT_FAILED,
                text!("niet weggeschreven: {e}", "not written: {e}"),
            ),
        }
    }
    for f in collector.fingerprints() {
        let matched = written.iter().any(|p| {
            p.to_string_lossy()
                .contains(&f.fingerprint[..16].to_ascii_lowercase())
        });
        if matched {
            let fp = f.notation();
            note(
                EXIT_OK,
                text!(
                    "de code met vingerafdruk {fp} hoort bij een gescand blad",
                    "the fingerprint code {fp} matches a scanned sheet"
                ),
            );
        }
    }
    if images.is_empty() {
        note(
            EXIT_USAGE,
            words!("geen afbeeldingen gegeven", "no images given").clone(),
        );
    }
    report.written = written;
    report
}

/// `meetel scan`: decodes codes from PNG/JPEG pictures in any order, joins parts,
/// verifies seal and signature, and writes each verified sheet as a sealed-sheet JSON
/// file into `out` (which `meetel verify` reads). Exit 0 when every picture gave a
/// code and every sheet verified; 1 for foreign codes, incomplete sets and seals that
/// do not verify; 2 for pictures that could not be read.
pub fn scan(images: &[PathBuf], out: &Path, lang: Lang) -> Outcome {
    let report = scan_report(images, out, lang);
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
