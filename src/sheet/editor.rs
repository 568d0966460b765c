//! The sheet being edited: the one owner of a sheet from the first key press to the seal.
//!
//! An [`Editor`] holds a sheet's journal (on disk, or in memory for tests and
//! benchmarks: the same lines either way) and the form it was made with. Every edit
//! takes one path, for the TUI, the CLI and the tests alike:
//!
//! 1. **validate**: the op must fit the form ([`Form::validate_op`]): a list that exists,
//!    no field C at a municipal election;
//! 2. **append**: its journal line is written and synced to disk (`fdatasync`);
//! 3. **apply**: only then does the sheet change.
//!
//! If any step fails nothing changes, on disk or in memory, and the edit can be retried.
//! [`Editor::commit_all`] does the same for several edits at once, all or nothing.
//! [`Editor::seal`] signs the sheet as its journal replays, with the journal head, and
//! appends the seal as the last entry; after it the sheet is read-only.

use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;

use crate::form::Form;
use crate::i18n::Text;
use crate::sheet::journal::{now_rfc3339, JournalError, Recovery, SheetFile};
use crate::sheet::seal::{self, SealError, SealedSheet};
use crate::sheet::{Op, Sheet, SheetHeader};

/// A sheet open for editing, with its form.
#[derive(Debug)]
pub struct Editor {
    form: Form,
    journal: SheetFile,
}

/// Why an edit or a seal was not made. Nothing changed.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The edit does not fit the form. `index` is its place among the edits of one
    /// `Editor::commit_all` (0 for [`Editor::commit`]).
    #[error("{}", reason.en)]
    Refused { index: usize, reason: Text },
    /// The journal could not take it: the sheet is sealed, or the write failed (the
    /// error names the file and the operating system's reason).
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The seal could not be made (another key than the header's, a malformed key).
    #[error("{}: {source}", path.display())]
    Seal {
        path: PathBuf,
        #[source]
        source: SealError,
    },
}

impl EditError {
    /// Whether the journal could not be written (as against an edit that was refused):
    /// the person's work is then unsaved until a retry succeeds.
    pub(crate) fn is_write_failure(&self) -> bool {
        matches!(self, EditError::Journal(JournalError::WriteFailed { .. }))
    }

    /// The message in both languages.
    pub(crate) fn text(&self) -> Text {
        match self {
            EditError::Refused { reason, .. } => reason.clone(),
            EditError::Journal(e) => e.text(),
            EditError::Seal { path, source } => {
                let path = path.display();
                let reason = source.text();
                let (rn, re) = (&reason.nl, &reason.en);
                crate::text!("{path}: {rn}", "{path}: {re}")
            }
        }
    }
}

impl Editor {
    /// An editor over a journal already open (the TUI's workspace opens the file first,
    /// to find the form its header names).
    pub(crate) fn new(form: Form, journal: SheetFile) -> Editor {
        Editor { form, journal }
    }

    /// Creates a new sheet file at `path` (never over an existing file).
    pub fn create(path: &Path, form: Form, header: SheetHeader) -> Result<Editor, JournalError> {
        Editor::create_at(path, form, header, now_rfc3339())
    }

    /// As [`Editor::create`], with a given creation time (RFC 3339), for reproducible
    /// files such as the test vectors of docs/seal.md.
    pub fn create_at(
        path: &Path,
        form: Form,
        header: SheetHeader,
        at: String,
    ) -> Result<Editor, JournalError> {
        Ok(Editor::new(form, SheetFile::create_at(path, header, at)?))
    }

    /// Opens a sheet file for editing: replays its journal and drops a torn last entry
    /// (left by an interrupted write), which the [`Recovery`] reports.
    pub fn open(path: &Path, form: Form) -> Result<(Editor, Recovery), JournalError> {
        let (journal, recovery) = SheetFile::open(path)?;
        Ok((Editor::new(form, journal), recovery))
    }

    /// A new sheet kept in memory, for tests, benchmarks and a session whose file could
    /// not be made: the same journal lines, so its seal covers a real journal head.
    pub fn in_memory(form: Form, header: SheetHeader) -> Result<Editor, JournalError> {
        Ok(Editor::new(
            form,
            SheetFile::in_memory_at(header, now_rfc3339())?,
        ))
    }

    /// The sheet as its journal replays: the only copy.
    pub fn sheet(&self) -> &Sheet {
        self.journal.sheet()
    }

    pub(crate) fn form(&self) -> &Form {
        &self.form
    }

    /// The sheet file, or `None` for a sheet in memory.
    pub(crate) fn path(&self) -> Option<&Path> {
        self.journal.path()
    }

    /// The `seq` of the last entry.
    pub fn seq(&self) -> u64 {
        self.journal.seq()
    }

    pub(crate) fn is_sealed(&self) -> bool {
        self.journal.is_sealed()
    }

    /// The sealed sheet, with everything needed to verify it without the journal (what
    /// a QR code carries), when the sheet is sealed.
    pub(crate) fn sealed(&self) -> Option<SealedSheet> {
        let entry = self.journal.seal_entry()?;
        Some(SealedSheet {
            sheet: self.sheet().clone(),
            journal_head: entry.head_before.clone(),
            sealed_at: entry.at.clone(),
            seal: entry.record.clone(),
        })
    }

    /// Validates one edit against the form, appends it (synced) and applies it. Returns
    /// the op that undoes it, if there is one: undo is a new entry, never a removal.
    pub fn commit(&mut self, op: Op) -> Result<Option<Op>, EditError> {
        self.commit_at(op, now_rfc3339())
    }

    /// As [`Editor::commit`], with a given entry time (RFC 3339).
    pub fn commit_at(&mut self, op: Op, at: String) -> Result<Option<Op>, EditError> {
        self.journal.ensure_open()?;
        self.form
            .validate_op(self.sheet(), &op)
            .map_err(|reason| EditError::Refused { index: 0, reason })?;
        let inverse = self.sheet().inverse_of(&op);
        self.journal.append_at(op, at)?;
        Ok(inverse)
    }

    /// Several edits, all or nothing: each is validated against the sheet as it will be
    /// when it applies, then all are written in one write and one sync. If any is
    /// refused or the write fails, none is made.
    pub(crate) fn commit_all(&mut self, ops: Vec<Op>) -> Result<(), EditError> {
        self.journal.ensure_open()?;
        let mut scratch = self.sheet().clone();
        for (index, op) in ops.iter().enumerate() {
            self.form
                .validate_op(&scratch, op)
                .map_err(|reason| EditError::Refused { index, reason })?;
            scratch.apply(op);
        }
        self.journal.append_all_at(ops, now_rfc3339())?;
        Ok(())
    }

    /// Seals the sheet now with `key`, whose public half must be the one in the header.
    pub fn seal(&mut self, key: &SigningKey) -> Result<SealedSheet, EditError> {
        self.seal_at(key, now_rfc3339())
    }

    /// As [`Editor::seal`], with a given seal time (RFC 3339), for reproducible files
    /// such as the test vectors of docs/seal.md.
    pub fn seal_at(
        &mut self,
        key: &SigningKey,
        sealed_at: String,
    ) -> Result<SealedSheet, EditError> {
        self.journal.ensure_open()?;
        let sealed =
            seal::seal(self.sheet(), &self.journal.head(), &sealed_at, key).map_err(|source| {
                EditError::Seal {
                    path: self.journal.name(),
                    source,
                }
            })?;
        self.journal.append_seal(sealed.seal.clone(), sealed_at)?;
        Ok(sealed)
    }

    /// From now on every write fails with `why`, as on a full disk (for tests).
    #[cfg(test)]
    pub(crate) fn fail_writes_with(&mut self, why: &str) {
        self.journal.fail_writes_with(why);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::journal::Journal;
    use crate::sheet::verify::verify_bytes;
    use crate::sheet::{FieldKey, PvField};

    const AT: &str = "2025-10-29T21:05:00+01:00";

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[7u8; 32])
    }

    fn form() -> Form {
        Form::load(crate::form::DEFAULT_FORM).unwrap()
    }

    fn header() -> SheetHeader {
        let mut h = crate::testkit::form_header(&form(), "0668::SB1".parse().unwrap(), "anna");
        h.observer.public_key = hex::encode(key().verifying_key().as_bytes());
        h
    }

    fn set(field: PvField, value: u32) -> Op {
        Op::SetCount {
            field: FieldKey::Pv(field),
            value: Some(value),
        }
    }

    #[test]
    fn an_edit_is_validated_written_and_applied_and_returns_its_undo() {
        let mut ed = Editor::in_memory(form(), header()).unwrap();
        let undo = ed.commit(set(PvField::A, 120)).unwrap();
        assert_eq!(ed.sheet().pv(PvField::A), Some(120));
        assert_eq!(ed.seq(), 1);
        ed.commit(undo.unwrap()).unwrap();
        assert_eq!(ed.sheet().pv(PvField::A), None);
        // A list the form does not have is refused, and nothing is written.
        let head = ed.journal.head();
        let err = ed
            .commit(Op::SetCount {
                field: FieldKey::List(99),
                value: Some(1),
            })
            .unwrap_err();
        assert!(matches!(err, EditError::Refused { index: 0, .. }), "{err}");
        assert!(!err.is_write_failure());
        assert_eq!((ed.journal.head(), ed.seq()), (head, 2));
    }

    #[test]
    fn a_sheet_in_memory_holds_the_lines_a_file_would_and_its_seal_verifies() {
        let mut ed = Editor::in_memory(form(), header()).unwrap();
        ed.commit(set(PvField::A, 120)).unwrap();
        ed.commit_all(vec![set(PvField::B, 5), set(PvField::D, 125)])
            .unwrap();
        let sealed = ed.seal(&key()).unwrap();
        assert_eq!(ed.sealed(), Some(sealed.clone()));
        let bytes = ed.journal.in_memory().unwrap().to_vec();
        let journal = Journal::from_bytes(Path::new("memory"), &bytes).unwrap();
        assert_eq!(&journal.sheet, ed.sheet());
        assert_eq!(journal.seq(), 4);
        assert_eq!(
            journal.seal.as_ref().unwrap().head_before,
            sealed.journal_head,
            "the seal covers the journal's real head"
        );
        let report = verify_bytes(Path::new("memory"), &bytes);
        assert!(report.is_ok(), "{report}");
        // Sealed: read-only.
        let err = ed.commit(set(PvField::A, 1)).unwrap_err();
        assert!(
            matches!(err, EditError::Journal(JournalError::Sealed { .. })),
            "{err}"
        );
        assert!(ed.seal(&key()).is_err());
    }

    #[test]
    fn several_edits_are_made_all_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.meetel");
        let mut ed = Editor::create_at(&path, form(), header(), AT.into()).unwrap();
        ed.commit(set(PvField::A, 120)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let (sheet, head) = (ed.sheet().clone(), ed.journal.head());

        // One refused edit among them: none is made.
        let err = ed
            .commit_all(vec![
                set(PvField::B, 7),
                Op::SetCount {
                    field: FieldKey::List(99),
                    value: Some(1),
                },
            ])
            .unwrap_err();
        assert!(matches!(err, EditError::Refused { index: 1, .. }), "{err}");
        assert_eq!(ed.sheet(), &sheet);
        assert_eq!(std::fs::read(&path).unwrap(), before);

        // A write that fails halfway: cut back, none applied, and a retry works.
        ed.fail_writes_with("disk full");
        let ops = vec![set(PvField::B, 7), Op::SetNotes("twee tellers".into())];
        let err = ed.commit_all(ops.clone()).unwrap_err();
        assert!(err.is_write_failure(), "{err}");
        let msg = err.to_string();
        assert!(msg.contains("disk full"), "{msg}");
        assert!(msg.contains("entry 2 (sets B = 7, and 1 more"), "{msg}");
        assert_eq!(ed.sheet(), &sheet);
        assert_eq!(ed.journal.head(), head);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the half write was cut"
        );
        drop(ed);

        let (mut ed, recovery) = Editor::open(&path, form()).unwrap();
        assert!(recovery.is_clean());
        ed.commit_all(ops).unwrap();
        assert_eq!(ed.sheet().pv(PvField::B), Some(7));
        assert_eq!(ed.sheet().notes, "twee tellers");
        assert_eq!(ed.seq(), 3);
        drop(ed);
        let journal = Journal::read(&path).unwrap();
        assert_eq!(journal.seq(), 3);
        assert_eq!(journal.sheet.pv(PvField::B), Some(7));
    }

    #[test]
    fn a_seal_needs_the_headers_key() {
        let mut ed = Editor::in_memory(form(), header()).unwrap();
        let err = ed.seal(&SigningKey::from_bytes(&[8u8; 32])).unwrap_err();
        assert!(
            matches!(
                err,
                EditError::Seal {
                    source: SealError::KeyNotHeader { .. },
                    ..
                }
            ),
            "{err}"
        );
        assert!(!ed.is_sealed());
        ed.seal(&key()).unwrap();
        assert!(ed.is_sealed());
    }
}
