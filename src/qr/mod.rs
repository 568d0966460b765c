//! Sealed sheets as QR codes (docs/qr.md): how a sheet leaves the counting room without
//! a network, photographed from the laptop screen or from paper.
//!
//! Three kinds of code, all text in QR alphanumeric mode behind a versioned prefix:
//! - `MT1:<Base45>`: a whole sealed sheet ([`payload`]: compact binary → deflate →
//!   Base45, the pipeline of the EU Digital COVID Certificate). One code verifies on
//!   its own: it carries the seal and the signature, and the public key is in the sheet.
//! - `MT1P:<i>/<n>:<group>:<Base45 piece>`: part i of n of a sheet too large for one
//!   code ([`parts`]); parts are read in any order and duplicates are ignored.
//! - `MT1F:<election> <station> <FINGERPRINT>`: the fingerprint code, the commitment an
//!   observer shares at once; it is readable as plain text by any phone.
//!
//! [`render`] draws codes (PNG, SVG, terminal text), [`scan`] reads them from photos.
//! The domain does not draw: the terminal widget is `crate::tui::qr_view`.

pub mod parts;
pub mod payload;
pub mod render;
pub mod scan;

use crate::sheet::seal::SealedSheet;

pub use parts::{fingerprint_code, parse_code, sheet_codes, Code, Collector, FingerprintCode};
pub use payload::{from_text, to_text, SHEET_PREFIX};

/// Error correction of every code meetel draws: M recovers about 15 % of the code, the
/// usual choice for screens and paper (the size target of docs/qr.md is set at M).
pub const EC_LEVEL: qrcode::EcLevel = qrcode::EcLevel::M;

/// The largest version that phones read reliably from a laptop screen (DESIGN.md §7);
/// exports and the CLI split sheets into parts above it.
pub const MAX_SCREEN_VERSION: i16 = 20;

/// Why a code or a set of codes could not become a verified sheet. Every message says
/// what was found and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    #[error("not a meetel code: it does not start with MT1:, MT1P: or MT1F: (it starts `{0}`)")]
    Foreign(String),
    #[error("a meetel code of format `{0}`, which this meetel does not read (it reads MT1); update meetel")]
    UnknownFormat(String),
    #[error("damaged sheet payload: {0}")]
    Payload(String),
    #[error("damaged part header: {0}")]
    Part(String),
    #[error("damaged fingerprint code: {0}")]
    Fingerprint(String),
    #[error("incomplete set: sheet {group} has {total} parts; missing {}", list_parts(.missing, *.missing_count))]
    Incomplete {
        group: String,
        total: usize,
        /// The first missing parts, at most [`parts::MAX_MISSING_LISTED`].
        missing: Vec<usize>,
        /// How many parts are missing in all.
        missing_count: usize,
    },
    #[error("the seal does not verify: {0}")]
    Seal(String),
    #[error("too large for a QR code: {0}")]
    Capacity(String),
}

fn list_parts(missing: &[usize], count: usize) -> String {
    let names: Vec<String> = missing.iter().map(|i| format!("part {i}")).collect();
    let mut text = names.join(", ");
    if count > missing.len() {
        text.push_str(&format!(" and {} more", count - missing.len()));
    }
    text
}

/// The first characters of a text, for messages about codes that are not ours.
pub(crate) fn abbreviate(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        s.push('…');
    }
    s.replace(['\n', '\r'], " ")
}

/// Checks the seal (fingerprint over the canonical encoding) and the observer's
/// signature, with the reason when they fail.
pub fn verify(sealed: &SealedSheet) -> Result<(), QrError> {
    crate::sheet::seal::verify(sealed)
        .map(|_| ())
        .map_err(|e| QrError::Seal(e.to_string()))
}

/// Reads one whole-sheet code and verifies it.
pub fn decode_verified(text: &str) -> Result<SealedSheet, QrError> {
    // Only line ends are dropped (some readers add them): a space is a Base45 digit.
    let sealed = from_text(text.trim_end_matches(['\r', '\n']))?;
    verify(&sealed)?;
    Ok(sealed)
}
