//! Importing a set of published files at once: in any order, as directories or zip
//! archives; each file recognised by its content (the EML `Id`, or the osv4-3 header),
//! and a bad file reported while the others are still read.

use std::path::PathBuf;

use eml_nl::documents::EML;

use super::candidates::{self, CandidateLists};
use super::definition::{self, ElectionDefinition};
use super::stations::{self, StationList};
use crate::election::Election;
use crate::form::SourceFile;
use crate::published::document::{parse_text, DocumentInfo, DocumentKind};
use crate::published::error::{ErrorKind, ImportError};
use crate::published::input::{collect_inputs, InputFile};
use crate::published::read::not_a_document;
use crate::published::{eml510, osv, PublishedCount, PublishedStation};
use crate::text;

/// One recognised published file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Document {
    /// 110a
    Definition(ElectionDefinition),
    /// 110b
    Stations(StationList),
    /// 230b
    Candidates(CandidateLists),
    /// 510a/b/c/d or osv4-3 CSV
    Count(PublishedCount),
}

impl Document {
    pub(crate) fn info(&self) -> &DocumentInfo {
        match self {
            Document::Definition(d) => &d.info,
            Document::Stations(s) => &s.info,
            Document::Candidates(c) => &c.info,
            Document::Count(c) => &c.file.info,
        }
    }
}

/// Reads one file: an EML_NL document (dispatched on its `Id`) or an osv4-3 CSV.
pub(crate) fn read_document(input: &InputFile) -> Result<Document, ImportError> {
    let text = input.text()?;
    if osv::is_osv(&text) {
        return osv::read_text(input, &text).map(Document::Count);
    }
    if !text.trim_start().starts_with('<') {
        return Err(not_a_document(&input.name));
    }
    let parsed = parse_text(&input.name, text)?;
    match &parsed.doc {
        EML::ElectionDefinition(d) => definition::convert(input, d).map(Document::Definition),
        EML::PollingStations(p) => stations::convert(input, p).map(Document::Stations),
        EML::CandidateLists(c) => candidates::convert(input, c).map(Document::Candidates),
        EML::ElectionCount(_) => eml510::from_parsed(input, &parsed).map(Document::Count),
        other => {
            let (id, name) = (other.to_eml_id(), other.to_friendly_name());
            Err(ImportError::new(
                &input.name,
                ErrorKind::UnknownDocument,
                text!(
                    "dit is een EML {id} ({name}); verwacht 110a, 110b, 230b of 510a/b/c/d",
                    "this is an EML {id} ({name}); expected 110a, 110b, 230b or 510a/b/c/d"
                ),
            ))
        }
    }
}

/// Everything an import found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// 110a files.
    pub definitions: Vec<ElectionDefinition>,
    /// 230b files.
    pub candidate_lists: Vec<CandidateLists>,
    /// 110b files.
    pub station_lists: Vec<StationList>,
    /// Every count file (510a–d, osv4-3) with its stations, in the order read. The
    /// same station can come from two files (a 510b and its CSV).
    pub counts: Vec<PublishedCount>,
    /// What each recognised file is about (election, contest, municipality).
    pub documents: Vec<DocumentInfo>,
    /// Every file read, with its fingerprint, whether or not it could be used.
    pub files: Vec<SourceFile>,
    /// Files that could not be read or used.
    pub errors: Vec<ImportError>,
}

impl ImportReport {
    /// Every polling station of every count file, file by file in the order read.
    pub fn stations(&self) -> impl Iterator<Item = &PublishedStation> {
        self.counts.iter().flat_map(|c| &c.stations)
    }
}

/// Imports files, directories (recursively) and zip archives, in any order.
pub fn import(paths: &[PathBuf]) -> ImportReport {
    let (inputs, errors) = collect_inputs(paths);
    let mut report = ImportReport {
        errors,
        ..ImportReport::default()
    };
    let mut counts = Vec::new();
    for input in &inputs {
        report.files.push(input.source());
        match read_document(input) {
            Ok(doc) => {
                report.documents.push(doc.info().clone());
                match doc {
                    Document::Definition(d) => report.definitions.push(d),
                    Document::Stations(s) => report.station_lists.push(s),
                    Document::Candidates(c) => report.candidate_lists.push(c),
                    Document::Count(c) => counts.push(c),
                }
            }
            Err(e) => report.errors.push(e),
        }
    }
    reconcile_csv_elections(&mut counts, &report);
    for c in &counts {
        if let Some(d) = report
            .documents
            .iter_mut()
            .find(|d| d.source == c.file.info.source)
        {
            d.election = c.file.info.election.clone();
        }
    }
    report.counts = counts;
    report
}

/// An osv4-3 CSV names its election only by name and date. Where an EML file of the
/// same election (same name and date) was imported with it, its id, category and
/// contest are used, preferring a count of the same municipality (which knows its
/// kieskring).
fn reconcile_csv_elections(counts: &mut [PublishedCount], report: &ImportReport) {
    let eml_elections: Vec<(Option<String>, Election)> = counts
        .iter()
        .filter(|c| c.file.info.kind != DocumentKind::Osv43Csv)
        .map(|c| {
            (
                c.file.info.authority_code.clone(),
                c.file.info.election.clone(),
            )
        })
        .chain(
            report
                .definitions
                .iter()
                .map(|d| (None, d.election.clone())),
        )
        .chain(
            report
                .candidate_lists
                .iter()
                .map(|c| (None, c.election.clone())),
        )
        .collect();
    for c in counts
        .iter_mut()
        .filter(|c| c.file.info.kind == DocumentKind::Osv43Csv)
    {
        let info = &mut c.file.info;
        let same = |e: &Election| e.name == info.election.name && e.date == info.election.date;
        let best = eml_elections
            .iter()
            .find(|(code, e)| same(e) && code.is_some() && *code == info.authority_code)
            .or_else(|| eml_elections.iter().find(|(_, e)| same(e)));
        if let Some((code, e)) = best {
            let mut election = e.clone();
            if code.is_none() {
                // A 110a or 230b of a multi-contest election does not say which
                // contest this municipality is in.
                election.contest = None;
            }
            info.election = election.clone();
            for s in &mut c.stations {
                s.election = election.clone();
            }
        }
    }
}
