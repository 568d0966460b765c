//! Reading one count file, whatever it is: an EML 510a–d or an osv4-3 CSV,
//! recognised by its content.

use std::path::Path;

use super::document::{self, DocumentKind};
use super::error::{ErrorKind, ImportError};
use super::input::{self, InputFile};
use super::station::{PublishedCount, PublishedStation};
use super::{eml510, osv};
use crate::i18n::Text;
use crate::text;

/// Reads one count file in memory: an EML 510a–d (with `eml-nl`) or an osv4-3 CSV,
/// recognised by its content.
pub(crate) fn read_input(input: &InputFile) -> Result<PublishedCount, ImportError> {
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
        _ => Err(ImportError::new(&input.name, ErrorKind::UnknownDocument, {
            let id = &root.id;
            text!(
                    "dit is een EML {id}; verwacht een telling (510a, 510b, 510c of 510d) of een osv4-3-CSV",
                    "this is an EML {id}; expected a count (510a, 510b, 510c or 510d) or an osv4-3 CSV"
                )
        })),
    }
}

/// The published PV of every polling station in a 510a/b/c/d file or an osv4-3 CSV
/// (recognised by its content), read with `eml-nl`.
pub fn read_file(path: &Path) -> Result<Vec<PublishedStation>, ImportError> {
    read_input(&InputFile::read(path)?).map(|c| c.stations)
}

/// A file that is neither XML nor an osv4-3 CSV.
pub(crate) fn not_a_document(name: &str) -> ImportError {
    ImportError::new(
        name,
        ErrorKind::UnknownDocument,
        Text::fixed(
            "geen EML_NL-bestand (XML die begint met `<`) en geen osv4-3-CSV (die begint met \"Verkiezing\")",
            "neither an EML_NL file (XML starting with `<`) nor an osv4-3 CSV (starting with \"Verkiezing\")",
        ),
    )
}
