//! Importing the Kiesraad's published files (EML_NL 110a, 110b, 230b, 510a–d and the
//! osv4-3 CSV) and generating election forms from them.

pub mod candidates;
pub mod count;
pub mod definition;
pub mod document;
pub mod error;
pub mod form;
pub mod import;
pub mod osv;
pub mod source;
pub mod stations;

pub use count::{published_from_file, read_count, CountFile};
pub use document::{DocumentInfo, DocumentKind};
pub use error::{ErrorKind, ImportError, Position};
pub use form::{form_from_eml, form_from_eml_with_id, form_ron};
pub use import::{import, read_document, Document, ImportReport};
