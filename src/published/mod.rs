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

pub(crate) mod counts;
pub(crate) mod document;
pub mod eml510;
pub(crate) mod error;
pub(crate) mod file;
pub(crate) mod index;
pub mod input;
pub mod osv;
pub(crate) mod progress;
pub(crate) mod read;
pub(crate) mod station;
pub mod stream510;

pub use counts::Counts;
pub use document::{DocumentInfo, DocumentKind};
pub use error::{ErrorKind, ImportError, Position};
pub use file::PublishedFile;
pub use index::PublishedIndex;
pub use input::InputFile;
pub use progress::Progress;
pub use read::read_file;
pub use station::{PublishedCount, PublishedStation};
