//! Does the published result match what was seen in the room?
//!
//! [`compare`] takes one sheet and the published stations (a [`PublishedIndex`], from
//! any of the readers in [`crate::published`]) and gives one [`Comparison`]: the station found
//! in a file of the sheet's election, every field side by side, a [`Verdict`], the
//! likely [`Pattern`]s of a mismatch, the fingerprints of the files used, and the F./W.
//! checks run on the published figures.
//!
//! The verdict (also in docs/compare.md):
//! - **MISMATCH** when a field differs, when the sheet has a figure the file does not
//!   publish, or when no file of the sheet's election holds the station;
//! - else **INCOMPLETE** when a required field (see [`field::required`]) was not
//!   observed;
//! - else **MATCH**.

pub(crate) mod field;
pub(crate) mod input;
pub mod output;
pub(crate) mod patterns;

use serde::Serialize;

use crate::checks::{self, CheckResult, CountView};
use crate::election::{Election, StationId};
use crate::i18n::Text;
use crate::published::{PublishedFile, PublishedIndex, PublishedStation};
use crate::sheet::{FieldKey, Sheet};
use crate::{text, words};

pub use field::{FieldComparison, FieldStatus};
pub use patterns::Pattern;

/// The answer for one sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Verdict {
    #[serde(rename = "MATCH")]
    Match,
    #[serde(rename = "MISMATCH")]
    Mismatch,
    #[serde(rename = "INCOMPLETE")]
    Incomplete,
}

impl Verdict {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Verdict::Match => "MATCH",
            Verdict::Mismatch => "MISMATCH",
            Verdict::Incomplete => "INCOMPLETE",
        }
    }

    /// The verdict as a word: KLOPT / WIJKT AF / ONVOLLEDIG, in English the code.
    pub fn label(self) -> &'static Text {
        match self {
            Verdict::Match => words!("KLOPT", "MATCH"),
            Verdict::Mismatch => words!("WIJKT AF", "MISMATCH"),
            Verdict::Incomplete => words!("ONVOLLEDIG", "INCOMPLETE"),
        }
    }
}

/// A published file a comparison used, with its fingerprint, so that a file replaced
/// later shows up as a different fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileUsed {
    pub name: String,
    /// SHA-256 in the Kiesraad's notation (16 groups of 4 hex characters).
    pub sha256: String,
    pub election: String,
    /// The municipality (managing authority) of the file, when it names one.
    pub municipality: Option<String>,
}

/// One sheet compared with the published results.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub station: StationId,
    /// The station's name as published, when it was found.
    pub station_name: Option<String>,
    pub election: String,
    pub verdict: Verdict,
    pub fields: Vec<FieldComparison>,
    pub patterns: Vec<Pattern>,
    /// The file holding the station; every file searched when it was not found.
    pub files: Vec<FileUsed>,
    /// The F./W. checks that fire on the published figures of the station.
    pub published_checks: Vec<CheckResult>,
    /// Remarks, e.g. the station published in more than one file.
    /// Remarks on how the comparison was made (which of several files was used, …),
    /// in Dutch and English.
    pub notes: Vec<Text>,
}

impl Comparison {
    /// The fields that make the verdict MISMATCH.
    pub fn differences(&self) -> impl Iterator<Item = &FieldComparison> {
        self.fields.iter().filter(|f| f.is_difference())
    }

    /// Why the verdict is what it is, in one line: the fields that differ or were not
    /// observed.
    pub fn reason(&self) -> Text {
        let keys = |it: &mut dyn Iterator<Item = FieldKey>| {
            it.map(|k| k.to_string()).collect::<Vec<_>>().join(", ")
        };
        match self.verdict {
            Verdict::Match => Text::fixed(
                "de gepubliceerde cijfers komen overeen met het blad",
                "the published figures agree with the sheet",
            ),
            Verdict::Mismatch if self.fields.is_empty() => Text::fixed(
                "stembureau niet gevonden in de gepubliceerde bestanden",
                "polling station not found in the published files",
            ),
            Verdict::Mismatch => {
                let d = keys(&mut self.differences().map(|f| f.field));
                text!("wijkt af: {d}", "differs: {d}")
            }
            Verdict::Incomplete => {
                let n = keys(&mut self.not_observed().into_iter());
                text!("niet waargenomen: {n}", "not observed: {n}")
            }
        }
    }

    /// The required fields that were not observed (why a verdict is INCOMPLETE).
    pub fn not_observed(&self) -> Vec<FieldKey> {
        self.fields
            .iter()
            .filter(|f| f.required && f.status == FieldStatus::NotObserved)
            .map(|f| f.field)
            .collect()
    }
}

fn file_used(file: &PublishedFile) -> FileUsed {
    FileUsed {
        name: file.name().to_string(),
        sha256: file.sha256().to_string(),
        election: file.info.election.id.clone(),
        municipality: file.info.authority_code.clone(),
    }
}

/// The file a found station came from; a station is always in its index's files, but
/// what it says of its own file is enough to name it.
fn station_file_used(index: &PublishedIndex, station: &PublishedStation) -> FileUsed {
    match index.file_of(station) {
        Some(f) => file_used(f),
        None => FileUsed {
            name: station.source.name.clone(),
            sha256: station.source.sha256.clone(),
            election: station.election.id.clone(),
            municipality: Some(station.station.id.municipality.clone()),
        },
    }
}

/// Whether an election is the sheet's (and of its contest, when both name one).
fn same_election(sheet: &Sheet, election: &Election) -> bool {
    let e = &sheet.header.election;
    election.id == e.id
        && match (&e.contest, &election.contest) {
            (Some(c), Some(f)) => c.id == f.id,
            _ => true,
        }
}

/// Compares one sheet with the published stations.
pub fn compare(sheet: &Sheet, index: &PublishedIndex) -> Comparison {
    let id = sheet.header.station.id.clone();
    let election = sheet.header.election.id.clone();
    let found: Vec<&PublishedStation> = index
        .find(&id)
        .filter(|s| same_election(sheet, &s.election))
        .collect();
    let Some(&station) = found.first() else {
        return not_found(sheet, index);
    };
    let fields = field::compare_fields(sheet, station);
    let patterns = patterns::detect(&fields);
    let verdict = if fields.iter().any(FieldComparison::is_difference) {
        Verdict::Mismatch
    } else if fields
        .iter()
        .any(|f| f.required && f.status == FieldStatus::NotObserved)
    {
        Verdict::Incomplete
    } else {
        Verdict::Match
    };
    let published_checks = checks::run(&CountView::from_published(station));
    let file = &station.source;
    let mut notes = Vec::new();
    for other in &found[1..] {
        let of = &other.source;
        if of.sha256 != file.sha256 {
            let same = other.counts == station.counts;
            notes.push(Text::new(
                format!(
                    "het stembureau staat ook in {} ({}), met {} getallen; vergeleken met {}",
                    of.name,
                    of.sha256,
                    if same { "dezelfde" } else { "andere" },
                    file.name
                ),
                format!(
                    "the station is also in {} ({}), with {} figures; compared with {}",
                    of.name,
                    of.sha256,
                    if same { "the same" } else { "different" },
                    file.name
                ),
            ));
        }
    }
    Comparison {
        station: id,
        station_name: Some(station.station.name.clone()),
        election,
        verdict,
        fields,
        patterns,
        files: vec![station_file_used(index, station)],
        published_checks,
        notes,
    }
}

/// The station is in no file of the sheet's election: say why as precisely as the
/// files allow.
fn not_found(sheet: &Sheet, index: &PublishedIndex) -> Comparison {
    let id = &sheet.header.station.id;
    let election = sheet.header.election.id.clone();
    let same: Vec<usize> = (0..index.files.len())
        .filter(|&i| same_election(sheet, &index.files[i].info.election))
        .collect();
    let distinct = |it: &mut dyn Iterator<Item = String>| {
        let mut v: Vec<String> = it.collect();
        v.sort();
        v.dedup();
        v
    };
    let (pattern, files): (Pattern, Vec<usize>) = if same.is_empty() {
        let found = distinct(&mut index.files.iter().map(|f| {
            let e = &f.info.election;
            match &e.contest {
                Some(c) if sheet.header.election.contest.is_some() => {
                    format!("{} contest {}", e.id, c.id)
                }
                _ => e.id.clone(),
            }
        }));
        let expected = match &sheet.header.election.contest {
            Some(c) => format!("{election} contest {}", c.id),
            None => election.clone(),
        };
        (
            Pattern::OtherElection { expected, found },
            (0..index.files.len()).collect(),
        )
    } else {
        let of_muni: Vec<usize> = same
            .iter()
            .copied()
            .filter(|&i| {
                let f = &index.files[i];
                f.info.authority_code.as_deref() == Some(id.municipality.as_str())
                    || index.stations.iter().any(|s| {
                        s.source == f.info.source && s.station.id.municipality == id.municipality
                    })
            })
            .collect();
        if of_muni.is_empty() {
            let found = distinct(&mut same.iter().map(|&i| {
                let f = &index.files[i].info;
                match (&f.authority_code, &f.authority_name) {
                    (Some(a), Some(n)) => format!("{a} {n}"),
                    (Some(a), None) => a.clone(),
                    _ => f.source.name.clone(),
                }
            }));
            (
                Pattern::OtherMunicipality {
                    expected: id.municipality.clone(),
                    found,
                },
                same,
            )
        } else {
            (
                Pattern::StationMissing {
                    station: id.to_string(),
                },
                of_muni,
            )
        }
    };
    Comparison {
        station: id.clone(),
        station_name: None,
        election,
        verdict: Verdict::Mismatch,
        fields: Vec::new(),
        patterns: vec![pattern],
        files: files
            .into_iter()
            .map(|i| file_used(&index.files[i]))
            .collect(),
        published_checks: Vec::new(),
        notes: Vec::new(),
    }
}

/// The exit code for a run: 0 when every sheet matches, 1 otherwise.
pub fn exit_code(comparisons: &[Comparison]) -> i32 {
    if comparisons.iter().all(|c| c.verdict == Verdict::Match) {
        0
    } else {
        1
    }
}
