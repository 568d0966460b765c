//! What a published document is ([`DocumentKind`], [`DocumentInfo`]), and parsing an
//! EML_NL file with the Kiesraad's `eml-nl` crate, after the safety checks of
//! [`super::input`], turning its errors into [`ImportError`]s with line and column.

use eml_nl::documents::EML;
use eml_nl::io::{EMLParsingMode, EMLRead};
use eml_nl::{EMLError, EMLErrorKind};

use super::error::{ErrorKind, ImportError};
use super::input::{check_xml, InputFile};
use crate::election::{Election, ElectionCategory};
use crate::form::SourceFile;
use crate::i18n::Text;
use crate::text;

/// The published documents this program reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// EML 110a: election definition.
    ElectionDefinition,
    /// EML 110b: the polling stations of a municipality.
    PollingStations,
    /// EML 230b: candidate lists (for the Tweede Kamer one per kieskring).
    CandidateLists,
    /// EML 510a: the count of one polling station.
    Count510a,
    /// EML 510b: the count of a municipality, per polling station.
    Count510b,
    /// EML 510c: the count of a principal electoral committee (hoofdstembureau).
    Count510c,
    /// EML 510d: the count of the central electoral committee.
    Count510d,
    /// The Kiesraad's per-station CSV (osv4-3).
    Osv43Csv,
    /// A published PV typed over into meetel from its PDF (`meetel new
    /// --transcription`): read as published input, and marked as what it is.
    PvTranscription,
}

impl DocumentKind {
    /// From the `Id` attribute of the root `EML` element.
    pub(crate) fn from_eml_id(id: &str) -> Option<DocumentKind> {
        Some(match id {
            "110a" => DocumentKind::ElectionDefinition,
            "110b" => DocumentKind::PollingStations,
            "230b" => DocumentKind::CandidateLists,
            "510a" => DocumentKind::Count510a,
            "510b" => DocumentKind::Count510b,
            "510c" => DocumentKind::Count510c,
            "510d" => DocumentKind::Count510d,
            _ => return None,
        })
    }

    /// `510b`, `osv4-3`, …
    pub(crate) fn code(self) -> &'static str {
        match self {
            DocumentKind::ElectionDefinition => "110a",
            DocumentKind::PollingStations => "110b",
            DocumentKind::CandidateLists => "230b",
            DocumentKind::Count510a => "510a",
            DocumentKind::Count510b => "510b",
            DocumentKind::Count510c => "510c",
            DocumentKind::Count510d => "510d",
            DocumentKind::Osv43Csv => "osv4-3",
            DocumentKind::PvTranscription => "pv-transcription",
        }
    }

    pub(crate) fn is_count(self) -> bool {
        matches!(
            self,
            DocumentKind::Count510a
                | DocumentKind::Count510b
                | DocumentKind::Count510c
                | DocumentKind::Count510d
                | DocumentKind::Osv43Csv
                | DocumentKind::PvTranscription
        )
    }
}

/// What a file is about, so that the comparison can tell that a file belongs to another
/// election or municipality than a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    pub source: SourceFile,
    pub kind: DocumentKind,
    /// The election as the file names it. From an osv4-3 CSV, which carries only the
    /// election's name and date, the id and category are derived from the name (see
    /// [`super::osv`]).
    pub election: Election,
    /// `ManagingAuthority/AuthorityIdentifier Id` (the CBS municipality code such as
    /// `0668` for a 110b or 510b; `CSB` or a kieskring number for others); the CSV's
    /// `Nummer`.
    pub authority_code: Option<String>,
    /// The authority's name, e.g. "West Maas en Waal".
    pub authority_name: Option<String>,
}

impl DocumentInfo {
    /// The municipality code, for a municipal document (110b, 510a, 510b, osv4-3 CSV).
    pub fn municipality_code(&self) -> Option<&str> {
        match self.kind {
            DocumentKind::PollingStations
            | DocumentKind::Count510a
            | DocumentKind::Count510b
            | DocumentKind::Osv43Csv
            | DocumentKind::PvTranscription => self.authority_code.as_deref(),
            _ => None,
        }
    }

    /// Whether this file is about `election_id` (and, if given, `municipality`): `Err`
    /// says what differs, for the comparison's "file of another election or
    /// municipality".
    pub fn check_belongs_to(
        &self,
        election_id: &str,
        municipality: Option<&str>,
    ) -> Result<(), Text> {
        let (file, kind) = (&self.source.name, self.kind.code());
        if !self.election.id.eq_ignore_ascii_case(election_id) {
            let (id, name) = (&self.election.id, &self.election.name);
            return Err(text!(
                "{file} is een {kind} van verkiezing {id} ({name}), niet van verkiezing {election_id}",
                "{file} is a {kind} of election {id} ({name}), not of election {election_id}"
            ));
        }
        if let (Some(want), Some(have)) = (municipality, self.municipality_code()) {
            if want != have {
                let name = self.authority_name.as_deref().unwrap_or("");
                return Err(text!(
                    "{file} is een {kind} van gemeente {have} ({name}), niet van gemeente {want}",
                    "{file} is a {kind} of municipality {have} ({name}), not of municipality {want}"
                ));
            }
        }
        Ok(())
    }
}

/// A parsed EML document with the text it came from (for error positions).
pub(crate) struct Parsed {
    pub text: String,
    pub doc: EML,
}

/// Reads, checks and parses an EML_NL file with `eml-nl` in strict mode: a value that
/// does not parse (a negative or non-numeric count) is an error, not a guess.
pub(crate) fn parse(input: &InputFile) -> Result<Parsed, ImportError> {
    parse_text(&input.name, input.text()?)
}

/// As [`parse`], for text already decoded by [`super::input::decode`].
pub(crate) fn parse_text(name: &str, text: String) -> Result<Parsed, ImportError> {
    let root = check_xml(name, &text)?;
    if DocumentKind::from_eml_id(&root.id).is_none() {
        return Err(ImportError::new(name, ErrorKind::UnknownDocument, {
            let id = &root.id;
            text!(
                "dit is een EML_NL-document van type {id}; verwacht 110a, 110b, 230b of 510a/b/c/d",
                "this is an EML_NL document of type {id}; expected 110a, 110b, 230b or 510a/b/c/d"
            )
        }));
    }
    match EML::parse_eml(&text, EMLParsingMode::Strict).ok() {
        Ok(doc) => Ok(Parsed { text, doc }),
        Err(e) => Err(eml_error(name, &text, e)),
    }
}

/// Turns an `eml-nl` error into an [`ImportError`] with line and column, and a message
/// that says what was expected.
pub(crate) fn eml_error(file: &str, text: &str, err: EMLError) -> ImportError {
    let span = err.span();
    let offset = span.map(|s| s.start as usize);
    let found = span
        .and_then(|s| text.get(s.start as usize..s.end as usize))
        .unwrap_or("")
        .trim();
    let kind = err.kind();
    let (error_kind, message) = match kind {
        EMLErrorKind::XmlError(_)
        | EMLErrorKind::UnexpectedEof
        | EMLErrorKind::UnexpectedEndElement
        | EMLErrorKind::UnexpectedEvent
        | EMLErrorKind::EscapeError(_)
        | EMLErrorKind::AttributeError(_) => {
            let near_end = offset.is_some_and(|o| o + 64 >= text.trim_end().len());
            if near_end || matches!(kind, EMLErrorKind::UnexpectedEof) {
                (
                    ErrorKind::Malformed,
                    text!(
                        "de XML houdt op voordat het document af is (is het bestand afgebroken, bijvoorbeeld \
                         een onderbroken download?): {kind}",
                        "the XML ends before the document is complete (is the file truncated, e.g. an \
                         interrupted download?): {kind}"
                    ),
                )
            } else {
                (
                    ErrorKind::Malformed,
                    text!(
                        "geen goedgevormde XML: {kind}",
                        "not well-formed XML: {kind}"
                    ),
                )
            }
        }
        EMLErrorKind::InvalidValue(name, source) if is_count_element(&name.local_name) => {
            let element = &name.local_name;
            (
                ErrorKind::Count,
                text!(
                    "`{found}` in <{element}> is geen aantal: verwacht een geheel getal, 0 of meer ({source})",
                    "`{found}` in <{element}> is not a count: expected a whole number, 0 or more ({source})"
                ),
            )
        }
        _ => (
            ErrorKind::Schema,
            text!(
                "geen geldig EML_NL-document: {kind}",
                "not a valid EML_NL document: {kind}"
            ),
        ),
    };
    let e = ImportError::new(file, error_kind, message);
    match offset {
        Some(o) => e.at_offset(text, o),
        None => e,
    }
}

fn is_count_element(local: &str) -> bool {
    matches!(
        local,
        "ValidVotes" | "Cast" | "TotalCounted" | "RejectedVotes" | "UncountedVotes"
    )
}

/// Our category for an EML category code; categories without polling-station counts in
/// this program (e.g. BC, GC, IR) are refused by name.
pub(crate) fn category(file: &str, code: &str) -> Result<ElectionCategory, ImportError> {
    code.parse::<ElectionCategory>().map_err(|e| {
        ImportError::new(
            file,
            ErrorKind::UnknownDocument,
            text!(
                "verkiezingscategorie {code}: {e}",
                "election category {code}: {e}"
            ),
        )
    })
}
