//! Fast ingest of the Kiesraad's EML 510 count files into the comparison index.
//!
//! The import in [`crate::eml`] reads every published file with the Kiesraad's own
//! `eml-nl` crate, which builds the whole document in memory. That is right for one
//! municipality, but a national Tweede Kamer election is ~10,000 stations in ~1.4 GB of
//! 510b files. This module streams those files ([`scan`] tokenizes, [`count`] follows
//! the 510 structure) into a [`PublishedIndex`]: per station only the figures (A–J,
//! E.n, E.n.m, the explanation counts) in compact arrays, plus the fingerprint of the
//! file each came from. A test checks on every real file that both readers give the
//! same numbers.

pub mod count;
pub mod index;
pub mod progress;
pub mod scan;

use std::fmt;
use std::path::PathBuf;

pub use count::{read_count, read_count_file, CountFile};
pub use index::{IndexedStation, ListVotes, PublishedFile, PublishedIndex};
pub use progress::Progress;

/// A file that could not be ingested, with where and why. The other files are still
/// read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    pub file: PathBuf,
    /// Byte offset in the file, when the problem is at a place in it.
    pub offset: Option<u64>,
    pub message: String,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(at) => write!(f, "{}: byte {at}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for IngestError {}
