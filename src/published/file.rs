//! A published count file: what it is about, with its fingerprint.

use std::collections::BTreeMap;

use super::document::DocumentInfo;
use crate::form::SourceFile;

/// A published count file that was read, with its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedFile {
    /// What the file is about: its name and SHA-256, its kind, the election (and contest,
    /// when it has one), the managing authority (for a 510b the municipality).
    pub info: DocumentInfo,
    /// The file's size.
    pub bytes: u64,
    /// How many polling stations it holds.
    pub stations: usize,
    /// List names (`RegisteredName`) by list number, where the file gives them.
    pub list_names: BTreeMap<u32, String>,
}

impl PublishedFile {
    pub(crate) fn new(info: DocumentInfo) -> PublishedFile {
        PublishedFile {
            info,
            bytes: 0,
            stations: 0,
            list_names: BTreeMap::new(),
        }
    }

    /// The file name, as shown to the user.
    pub(crate) fn name(&self) -> &str {
        &self.info.source.name
    }

    /// SHA-256 in the Kiesraad's notation (16 groups of 4 hex characters).
    pub fn sha256(&self) -> &str {
        &self.info.source.sha256
    }

    pub fn source(&self) -> &SourceFile {
        &self.info.source
    }
}
