//! Published results: what the Kiesraad's files say each polling station counted, in
//! the same terms as a sheet, so that the same checks and the same comparison apply to
//! both.
//!
//! One model, whatever the file:
//! - [`PublishedStation`]: one station's figures ([`Counts`]) as one file gives them,
//!   with the election, the station and the file's fingerprint;
//! - [`PublishedFile`]: what a count file is about, with its fingerprint;
//! - [`PublishedCount`]: a count file read whole (a file and its stations);
//! - [`PublishedIndex`]: every station read, by id, with the files they came from:
//!   what the comparison reads.
//!
//! Its readers, each named for what it reads:
//! - [`eml510`]: EML 510a–d with the Kiesraad's own `eml-nl` crate (the reference);
//! - [`stream510`]: EML 510a–d streamed, for national-size sets (~1.4 GB); a test
//!   checks on every real file that both give the same figures;
//! - [`osv`]: the osv4-3 CSV;
//! - [`input`]: getting files in (files, directories, zip archives) and decoding them
//!   safely; [`document`]: what kind of document a file is.
//!
//! The other EML documents (110a, 110b, 230b) and the forms made from them are in
//! [`crate::eml`], which reads counts through this module (never the other way).

pub mod counts;
pub mod document;
pub mod eml510;
pub mod error;
pub mod index;
pub mod input;
pub mod osv;
pub mod progress;
pub mod stream510;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::election::{Election, PollingStation};
use crate::form::SourceFile;
use crate::sheet::{FieldKey, PvField};

pub use counts::Counts;
pub use document::{DocumentInfo, DocumentKind};
pub use error::{ErrorKind, ImportError, Position};
pub use index::{PublishedFile, PublishedIndex};
pub use input::Input;
pub use progress::Progress;

/// The published PV of one station, as one file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedStation {
    /// The election (and contest) the file is about.
    pub election: Election,
    pub station: PollingStation,
    /// Every count the file gives for the station: A–J, E.n, E.n.m and the explanation
    /// counts. A field the file does not carry is absent (never 0).
    pub counts: Counts,
    /// The file it came from, with its SHA-256 in the Kiesraad's notation.
    pub source: SourceFile,
}

impl PublishedStation {
    /// The published value of a field. A file carries one total per list, which stands
    /// both for E.n and for the list's total on its candidate page (`E.n.total`); a PV
    /// typed over into meetel may carry either.
    pub fn value(&self, field: FieldKey) -> Option<u32> {
        let get = |k| self.counts.get(&k).copied();
        match field {
            FieldKey::List(n) | FieldKey::ListPage(n) => {
                get(FieldKey::List(n)).or_else(|| get(FieldKey::ListPage(n)))
            }
            other => get(other),
        }
    }

    /// A lettered total (A–J).
    pub fn pv(&self, field: PvField) -> Option<u32> {
        self.value(FieldKey::Pv(field))
    }
}

/// A count file read whole: what it is about, and its stations in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedCount {
    pub file: PublishedFile,
    /// Reporting units that are not polling stations (the municipalities of a 510c,
    /// the kieskringen of a 510d) are not included: they have no `GGGG::SBn` id and no
    /// sheet to compare with.
    pub stations: Vec<PublishedStation>,
}

/// Reads one count file in memory: an EML 510a–d (with `eml-nl`) or an osv4-3 CSV,
/// recognised by its content.
pub fn read_input(input: &Input) -> Result<PublishedCount, ImportError> {
    let text = input.text()?;
    if osv::is_osv(&text) {
        return osv::read_text(input, &text);
    }
    if !text.trim_start().starts_with('<') {
        return Err(not_a_document(&input.name));
    }
    let root = input::check_xml(&input.name, &text)?;
    match DocumentKind::from_eml_id(&root.id) {
        Some(kind) if kind.is_count() => {
            let parsed = document::parse_text(&input.name, text)?;
            eml510::from_parsed(input, &parsed)
        }
        _ => Err(ImportError::new(
            &input.name,
            ErrorKind::UnknownDocument,
            format!(
                "this is an EML {}; expected a count (510a, 510b, 510c or 510d) or an osv4-3 CSV",
                root.id
            ),
        )),
    }
}

/// The published PV of every polling station in a 510a/b/c/d file or an osv4-3 CSV
/// (recognised by its content), read with `eml-nl`.
pub fn read_file(path: &Path) -> Result<Vec<PublishedStation>, ImportError> {
    read_input(&Input::read(path)?).map(|c| c.stations)
}

/// A file that is neither XML nor an osv4-3 CSV.
pub(crate) fn not_a_document(name: &str) -> ImportError {
    ImportError::new(
        name,
        ErrorKind::UnknownDocument,
        "neither an EML_NL file (XML starting with `<`) nor an osv4-3 CSV (starting with \"Verkiezing\")",
    )
}
