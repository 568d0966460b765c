//! The seal: makes a finished sheet tamper-evident (SHA-256 over the canonical encoding
//! of docs/seal.md, which includes the journal head) and attributable (Ed25519 signature
//! by the observer's key).

use serde::{Deserialize, Serialize};

use crate::sheet::Sheet;

/// What the journal's last entry carries when a sheet is sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealRecord {
    /// SHA-256 of the canonical encoding, 64 lowercase hex characters.
    pub fingerprint: String,
    /// Ed25519 signature by the observer's key (header.observer.public_key), 128 lowercase hex.
    pub signature: String,
}

/// A sheet with its seal: everything needed to verify it on its own, without the
/// journal (this is what a QR code carries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedSheet {
    pub sheet: Sheet,
    /// SHA-256 (lowercase hex) of the last journal entry before the seal.
    pub journal_head: String,
    /// When the observer sealed it, RFC 3339 with offset (the laptop's clock: proves nothing).
    pub sealed_at: String,
    pub seal: SealRecord,
}
