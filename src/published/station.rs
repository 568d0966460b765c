//! One station's published figures, and a count file read whole.

use serde::{Deserialize, Serialize};

use super::counts::Counts;
use super::file::PublishedFile;
use crate::election::{Election, PollingStation};
use crate::form::SourceFile;
use crate::sheet::{FieldKey, PvField};

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
