//! Reading what a sheet is compared with: the Kiesraad's published files (EML 510 with
//! the streaming reader; osv4-3 CSV, zips and 110a/110b/230b with the `eml-nl` import)
//! and PVs typed over into meetel (issue 5 item 4), and the sheets themselves. One
//! place for the CLI and the TUI, so both read the same input the same way.

use std::path::{Path, PathBuf};

use crate::fingerprint::Fingerprint;
use crate::form::SourceFile;
use crate::i18n::Text;
use crate::published::document::{DocumentInfo, DocumentKind};
use crate::published::input::{is_count_file, walk};
use crate::published::{
    Counts, ImportError, Progress, PublishedCount, PublishedFile, PublishedIndex, PublishedStation,
};
use crate::sheet::journal::Journal;
use crate::sheet::seal::SealedSheet;
use crate::sheet::{Sheet, SheetKind};
use crate::text;

/// A sheet file: a journal (what `meetel new` and the TUI write), or a sealed sheet
/// as JSON (what arrives by QR).
pub(crate) fn read_sheet(path: &Path) -> Result<Sheet, Text> {
    match Journal::read(path) {
        Ok(j) => Ok(j.sheet),
        Err(journal_error) => {
            let bytes = std::fs::read(path).map_err(|e| {
                let path = path.display();
                text!("{path}: kan niet lezen: {e}", "{path}: cannot read: {e}")
            })?;
            match serde_json::from_slice::<SealedSheet>(&bytes) {
                Ok(sealed) => Ok(sealed.sheet),
                // The journal's own words, which name the file and the line.
                Err(_) => Err(Text::same(journal_error.to_string())),
            }
        }
    }
}

/// Published results read for comparing, with what could not be used.
#[derive(Debug, Clone, Default)]
pub struct Published {
    pub index: PublishedIndex,
    /// One message per file or path that could not be used (file, position, why).
    pub errors: Vec<Text>,
    /// Fingerprints (Kiesraad notation) of the files that are meetel transcriptions of
    /// a PV (`meetel new --transcription`) rather than the Kiesraad's own files.
    pub transcriptions: Vec<String>,
}

/// Reads published input without printing anything but the progress bar: EML 510
/// counts with the streaming reader, meetel PV transcriptions (issue 5 item 4: a PV
/// typed over from its PDF) as published stations, everything else (osv4-3 CSV, zips,
/// 110a/110b/230b) with the `eml-nl` import. A path or file that cannot be used becomes
/// a message; all the others are still read.
pub(crate) fn read_published(paths: &[PathBuf], progress: &mut Progress) -> Published {
    let mut out = Published::default();
    // A path that cannot be used is reported; it does not hide the others.
    let (files, errors) = walk(paths);
    out.errors.extend(errors.iter().map(ImportError::text));
    let mut counts = Vec::new();
    let mut others = Vec::new();
    let mut transcriptions = Vec::new();
    for f in files {
        if is_count_file(&f) {
            counts.push(f);
        } else if is_sheet_file(&f) {
            match read_transcription(&f) {
                Ok(station) => transcriptions.push(station),
                Err(e) => out.errors.push(e),
            }
        } else {
            others.push(f);
        }
    }
    let errors = out.index.ingest_paths(&counts, progress);
    out.errors.extend(errors.iter().map(ImportError::text));
    if !others.is_empty() {
        let report = crate::eml::import(&others);
        out.errors
            .extend(report.errors.iter().map(ImportError::text));
        for c in report.counts {
            out.index.add(c);
        }
    }
    for t in transcriptions {
        out.transcriptions.push(t.file.sha256().to_string());
        out.index.add(t);
    }
    out
}

/// A meetel sheet: a journal (`.meetel`), or a sealed sheet as JSON that reads as one.
pub(crate) fn is_sheet_file(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("meetel") => true,
        Some(e) if e.eq_ignore_ascii_case("json") => read_sheet(path).is_ok(),
        _ => false,
    }
}

/// A PV transcription as a published count of one station, fingerprinted by its file.
/// An observation sheet is refused: comparing two observations is not a check of the
/// published result.
pub(crate) fn read_transcription(path: &Path) -> Result<PublishedCount, Text> {
    let sheet = read_sheet(path)?;
    let shown = path.display();
    if sheet.header.kind != SheetKind::PvTranscription {
        return Err(text!(
            "{shown}: een blad met waarnemingen, geen overname van het gepubliceerde PV; geef het als blad om te vergelijken, of neem het PV over in een blad gemaakt met `meetel new --transcription`",
            "{shown}: an observation sheet, not a transcription of the published PV; give it as a sheet to compare, or type the PV over into a sheet made with `meetel new --transcription`"
        ));
    }
    let digest = Fingerprint::of_file(path)
        .map_err(|e| text!("{shown}: kan niet lezen: {e}", "{shown}: cannot read: {e}"))?;
    let counts: Counts = sheet
        .observed_fields()
        .into_iter()
        .filter_map(|k| sheet.value(k).map(|v| (k, v)))
        .collect();
    let source = SourceFile {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string()),
        sha256: digest.to_string(),
    };
    let station = &sheet.header.station;
    let mut file = PublishedFile::new(DocumentInfo {
        source: source.clone(),
        kind: DocumentKind::PvTranscription,
        election: sheet.header.election.clone(),
        authority_code: Some(station.id.municipality.clone()),
        authority_name: Some(station.municipality_name.clone()),
    });
    file.bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(PublishedCount {
        file,
        stations: vec![PublishedStation {
            election: sheet.header.election.clone(),
            station: station.clone(),
            counts,
            source,
        }],
    })
}
