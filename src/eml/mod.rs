//! The Kiesraad's EML_NL documents that are not results: the election definition (110a),
//! the polling stations (110b) and the candidate lists (230b); importing a set of
//! published files at once, in any order; and generating election forms from them
//! (`meetel form from-eml`).
//!
//! Counts (EML 510, the osv4-3 CSV) are published results: their readers are in
//! [`crate::published`], which this module reads them through.

pub(crate) mod candidates;
pub(crate) mod definition;
pub(crate) mod form;
pub(crate) mod import;
pub(crate) mod stations;

pub use form::{form_from_eml, form_from_eml_with_id, form_ron};
pub use import::{import, ImportReport};
