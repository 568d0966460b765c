//! Where a session's edits go: the sheet's journal on disk ([`FileStore`]), or memory
//! for tests and benchmarks ([`MemoryStore`]). Either way an edit counts as made only
//! when [`Store::append`] returns `Ok` (for a file: written and synced), and the app
//! applies it to its own copy of the sheet only then.

use std::path::Path;

use ed25519_dalek::SigningKey;

use crate::sheet::journal::{now_rfc3339, SheetFile};
use crate::sheet::seal::{self, SealedSheet};
use crate::sheet::{Op, Sheet};

pub trait Store {
    /// Saves one edit durably. An `Err` means the edit was not made; the message says
    /// which file and what the person can do.
    fn append(&mut self, op: &Op) -> Result<(), String>;
    /// Seals the sheet with the observer's key and saves the seal.
    fn seal(&mut self, sheet: &Sheet, key: &SigningKey) -> Result<SealedSheet, String>;
    /// The sheet file, if the edits go to one.
    fn path(&self) -> Option<&Path>;
}

/// The sheet's journal file.
pub struct FileStore {
    pub file: SheetFile,
}

impl Store for FileStore {
    fn append(&mut self, op: &Op) -> Result<(), String> {
        self.file.append(op.clone()).map_err(|e| e.to_string())
    }

    fn seal(&mut self, sheet: &Sheet, key: &SigningKey) -> Result<SealedSheet, String> {
        let at = now_rfc3339();
        // The journal's copy of the sheet is what the seal must cover; the app's copy
        // is the same by construction (both apply the same confirmed ops).
        debug_assert_eq!(self.file.sheet(), sheet);
        let sealed = seal::seal(self.file.sheet(), &self.file.head(), &at, key)
            .map_err(|e| e.to_string())?;
        self.file
            .append_seal(sealed.seal.clone(), at)
            .map_err(|e| e.to_string())?;
        Ok(sealed)
    }

    fn path(&self) -> Option<&Path> {
        Some(self.file.path())
    }
}

/// Edits kept in memory only: for tests, benchmarks and a session whose sheet could not
/// be created on disk. The "journal head" is a SHA-256 over the ops in order, so that a
/// seal made here still covers everything that was done.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub ops: Vec<Op>,
    /// When set, every append fails with this message (to test the error path).
    pub fail_with: Option<String>,
}

impl Store for MemoryStore {
    fn append(&mut self, op: &Op) -> Result<(), String> {
        if let Some(msg) = &self.fail_with {
            return Err(msg.clone());
        }
        self.ops.push(op.clone());
        Ok(())
    }

    fn seal(&mut self, sheet: &Sheet, key: &SigningKey) -> Result<SealedSheet, String> {
        let text = serde_json::to_string(&self.ops).map_err(|e| e.to_string())?;
        let head = hex::encode(crate::hash::sha256(text.as_bytes()));
        seal::seal(sheet, &head, &now_rfc3339(), key).map_err(|e| e.to_string())
    }

    fn path(&self) -> Option<&Path> {
        None
    }
}
