//! Published results: what the Kiesraad's files (EML 510, osv4-3 CSV) say one polling
//! station counted, in the same terms as a sheet, so that the same checks and the same
//! comparison apply to both.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::election::{Election, PollingStation};
use crate::form::SourceFile;
use crate::sheet::FieldKey;

/// The published PV of one station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedStation {
    /// The election (and contest) the file is about.
    pub election: Election,
    pub station: PollingStation,
    /// Every count the file gives for the station: A–J, E.n, E.n.m and the explanation
    /// counts. A field the file does not carry is absent (never 0).
    pub counts: BTreeMap<FieldKey, u32>,
    /// The file it came from, with its SHA-256 in the Kiesraad's notation.
    pub source: SourceFile,
}
