//! The journal: a sheet file *is* its journal, and nothing typed is lost.
//!
//! # Format
//!
//! A sheet file is one UTF-8 file of JSON lines, only ever appended to. Each line is one
//! [`Entry`], written by `serde_json` in compact form with the fields in this order:
//!
//! ```text
//! {"seq":0,"prev":"0000…0000","at":"2025-10-29T21:05:00+01:00","op":{"Create":{…}}}
//! {"seq":1,"prev":"<sha-256 of line 1>","at":"2025-10-29T21:07:12+01:00","op":{"SetCount":{"field":"A","value":120}}}
//! …
//! {"seq":n,"prev":"<sha-256 of line n>","at":"…","seal":{"fingerprint":"…","signature":"…"}}
//! ```
//!
//! - `seq` counts the entries from 0, without gaps.
//! - `prev` is the SHA-256 (64 lowercase hex characters) of the previous line's bytes,
//!   without its newline; entry 0 has 64 zeros. The *journal head* is the SHA-256 of the
//!   last line. Changing, removing or inserting any entry breaks this chain.
//! - `at` is the laptop's local time with its UTC offset, to the second (RFC 3339). It
//!   proves nothing; it helps a reader follow the evening.
//! - Exactly one of `op` (an edit, [`crate::sheet::Op`]) or `seal` (a
//!   [`SealRecord`]) is present. Entry 0, and only entry 0, is `Create` with the
//!   [`SheetHeader`]. A `seal` entry is the last one of a sealed sheet: nothing may
//!   follow it.
//!
//! # Strictness
//!
//! On reading, every line must come out byte for byte the same when its parsed entry
//! is written again. A line that parses but is not in that canonical form (a space, a
//! reordered field, an escaped letter, a CR before the newline) counts as altered. That
//! is what makes any single changed byte detectable: either the line no longer reads the
//! same, or its hash no longer matches the next entry's `prev` (and for the last entry
//! of a sealed sheet, the seal covers the head). A verifier must treat a torn tail
//! (below) in a sealed sheet as a failure.
//!
//! # Durability
//!
//! An append (through [`Editor`](crate::sheet::Editor), the one way in) writes the new
//! line with its newline in one write and syncs it to disk (`fdatasync`) before the edit
//! counts as made: only then is the op applied to the [`Sheet`], whose only copy the
//! open journal holds. Several edits made together go out in one write and one sync.
//! If the write or sync fails (full disk, read-only file system, pulled USB stick), the
//! file is cut back to its previous length, the in-memory state is left as it was, and
//! the error names the file and the operating system's reason, so the caller keeps the
//! edit and can retry.
//!
//! A power loss or a killed process can leave at most one incomplete last line (the
//! write in flight). Opening a sheet for writing drops such a *torn tail*, cuts the file
//! back to the last complete entry and reports what was dropped in [`Recovery`]. A torn tail is
//! a last line without its newline, or a last line that does not parse as an entry (a
//! file system may persist the new length before the data, leaving zeros). A last line
//! that *does* parse but does not chain, or any problem in an earlier line, cannot come
//! from an interrupted write: it is reported as [`JournalError::Tampered`] with its line
//! number and what the entry sets, and nothing is guessed or dropped.
//!
//! A new sheet is written to a temporary file beside the target, synced, and then given
//! its name without overwriting anything, so a crash while creating leaves either no
//! sheet or a complete entry 0. One process at a time may hold a sheet open for writing
//! (an advisory lock on the file).
//!
//! [`Journal::read`] reads a sheet without changing it, for `verify` and other tools.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fingerprint::Fingerprint;
use crate::fsutil::{hint_for, sync_dir};
use crate::i18n::Text;
use crate::sheet::seal::SealRecord;
use crate::sheet::{Op, Sheet, SheetHeader};
use crate::{text, words};

/// The `prev` of entry 0: 64 zeros.
pub const GENESIS_PREV: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawEntry")]
pub struct Entry {
    /// Position in the journal, from 0 without gaps.
    pub seq: u64,
    /// SHA-256 (lowercase hex) of the previous line without its newline;
    /// [`GENESIS_PREV`] for entry 0.
    pub prev: String,
    /// Local time with offset, seconds precision (RFC 3339), see [`now_rfc3339`].
    pub at: String,
    /// Written as an `op` or a `seal` field beside the others.
    #[serde(flatten)]
    pub body: Body,
}

/// How an entry is read. serde's `flatten` would write and read the same JSON, but
/// reading through it buffers every entry and makes replay several times slower.
#[derive(Deserialize)]
struct RawEntry {
    seq: u64,
    prev: String,
    at: String,
    #[serde(default)]
    op: Option<Op>,
    #[serde(default)]
    seal: Option<SealRecord>,
}

impl TryFrom<RawEntry> for Entry {
    type Error = &'static str;
    fn try_from(raw: RawEntry) -> Result<Entry, &'static str> {
        let body = match (raw.op, raw.seal) {
            (Some(op), None) => Body::Op(op),
            (None, Some(seal)) => Body::Seal(seal),
            (Some(_), Some(_)) => return Err("an entry holds both `op` and `seal`"),
            (None, None) => return Err("an entry holds neither `op` nor `seal`"),
        };
        Ok(Entry {
            seq: raw.seq,
            prev: raw.prev,
            at: raw.at,
            body,
        })
    }
}

/// What an entry does: an edit, or the seal that closes the sheet.
// Almost every entry is an op, so boxing it to shrink the rare seal would only add an
// allocation per entry.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    #[serde(rename = "op")]
    Op(Op),
    #[serde(rename = "seal")]
    Seal(SealRecord),
}

impl Entry {
    /// The entry as its journal line: compact JSON, without the newline.
    pub fn to_line(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    pub fn op(&self) -> Option<&Op> {
        match &self.body {
            Body::Op(op) => Some(op),
            Body::Seal(_) => None,
        }
    }

    pub fn seal(&self) -> Option<&SealRecord> {
        match &self.body {
            Body::Seal(s) => Some(s),
            Body::Op(_) => None,
        }
    }

    /// What the entry does, as a phrase for messages: "sets A = 121", "seals the sheet
    /// (fingerprint …)".
    pub(crate) fn describe(&self) -> Text {
        match &self.body {
            Body::Op(op) => op.describe(),
            Body::Seal(s) => {
                let fp = Fingerprint::notation_of(&s.fingerprint);
                crate::text!(
                    "verzegelt het blad (vingerafdruk {fp})",
                    "seals the sheet (fingerprint {fp})"
                )
            }
        }
    }
}

/// SHA-256 (lowercase hex) of a journal line without its newline: what the next
/// entry's `prev` holds, and for the last line the journal head.
pub fn line_hash(line: &[u8]) -> String {
    Fingerprint::of(line).to_hex()
}

/// The current local time for an entry's `at`: RFC 3339 with offset, to the second.
pub fn now_rfc3339() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Everything that can go wrong reading or writing a journal. Its `Display` is English;
/// `JournalError::text` gives the message in both languages.
#[derive(Debug)]
pub enum JournalError {
    /// The file could not be opened, read, locked or synced. `action` says what could
    /// not be done ("could not read the sheet").
    Io {
        path: PathBuf,
        action: &'static Text,
        source: io::Error,
    },
    /// An append could not be saved. Nothing changed, in the file or in memory.
    WriteFailed {
        path: PathBuf,
        seq: u64,
        what: Text,
        source: io::Error,
    },
    Exists {
        path: PathBuf,
    },
    NotASheet {
        path: PathBuf,
        detail: Text,
    },
    /// The journal was changed after it was written. `line` is 1-based; `seq` is the
    /// entry that line holds (or should hold: line − 1).
    Tampered {
        path: PathBuf,
        line: usize,
        seq: u64,
        detail: Text,
    },
    Sealed {
        path: PathBuf,
        fingerprint: String,
    },
    /// An entry that may not be written (a second `Create`, a malformed `at`, a value
    /// that would not read back the same).
    Refused {
        path: PathBuf,
        detail: Text,
    },
    Locked {
        path: PathBuf,
    },
    /// Entry 0 says the sheet was made by a newer meetel. Read no further: an entry this
    /// version does not know, as the last line, would look like a torn write and be cut.
    NewerFormat {
        path: PathBuf,
        format: u32,
    },
}

impl JournalError {
    /// The message, in Dutch and English. File names and the operating system's
    /// reasons are data and read the same in both.
    pub(crate) fn text(&self) -> Text {
        match self {
            JournalError::Io {
                path,
                action,
                source,
            } => {
                let (path, an, ae) = (path.display(), &action.nl, &action.en);
                text!("{path}: {an}: {source}", "{path}: {ae}: {source}")
            }
            JournalError::WriteFailed {
                path,
                seq,
                what,
                source,
            } => {
                let (path, wn, we) = (path.display(), &what.nl, &what.en);
                let hint = hint_for(source.kind());
                let (hn, he) = (&hint.nl, &hint.en);
                text!(
                    "{path}: item {seq} ({wn}) kon niet worden opgeslagen: {source}; de wijziging is niet gemaakt en kan opnieuw worden geprobeerd ({hn})",
                    "{path}: entry {seq} ({we}) could not be saved: {source}; the edit was not made and can be retried ({he})"
                )
            }
            JournalError::Exists { path } => {
                let path = path.display();
                text!(
                    "{path}: er bestaat al een bestand met die naam; een blad wordt nooit overschreven: kies een andere naam, of open het bestaande blad",
                    "{path}: a file with that name already exists; a sheet is never overwritten: choose another name, or open the existing sheet"
                )
            }
            JournalError::NotASheet { path, detail } => {
                let (path, dn, de) = (path.display(), &detail.nl, &detail.en);
                text!(
                    "{path}: geen blad van meetel: {dn}",
                    "{path}: not a meetel sheet: {de}"
                )
            }
            JournalError::Tampered {
                path, line, detail, ..
            } => {
                let (path, dn, de) = (path.display(), &detail.nl, &detail.en);
                text!(
                    "{path}, regel {line}: het journaal is veranderd: {dn}",
                    "{path}, line {line}: the journal was altered: {de}"
                )
            }
            JournalError::Sealed { path, fingerprint } => {
                let (path, fp) = (path.display(), Fingerprint::notation_of(fingerprint));
                text!(
                    "{path}: het blad is verzegeld (vingerafdruk {fp}) en kan niet meer veranderen; een correctie is een nieuw blad dat dit blad vervangt",
                    "{path}: the sheet is sealed (fingerprint {fp}) and cannot be changed; a correction is a new sheet that supersedes this one"
                )
            }
            JournalError::Refused { path, detail } => {
                let (path, dn, de) = (path.display(), &detail.nl, &detail.en);
                text!("{path}: {dn}", "{path}: {de}")
            }
            JournalError::Locked { path } => {
                let path = path.display();
                text!(
                    "{path}: het blad is open om te schrijven in een ander programma; sluit het daar eerst",
                    "{path}: the sheet is open for writing in another program; close it there first"
                )
            }
            JournalError::NewerFormat { path, format } => {
                let (path, ours) = (path.display(), crate::sheet::FORMAT_VERSION);
                text!(
                    "{path}: het blad is gemaakt met een nieuwere meetel (bladformaat {format}; deze meetel leest formaat {ours}): werk meetel bij om het te openen; het bestand is niet veranderd",
                    "{path}: the sheet was made by a newer meetel (sheet format {format}; this meetel reads format {ours}): update meetel to open it; the file was not changed"
                )
            }
        }
    }
}

impl fmt::Display for JournalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for JournalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            JournalError::Io { source, .. } | JournalError::WriteFailed { source, .. } => {
                Some(source)
            }
            _ => None,
        }
    }
}

fn io_error(path: &Path, action: &'static Text, source: io::Error) -> JournalError {
    JournalError::Io {
        path: path.to_path_buf(),
        action,
        source,
    }
}

/// An incomplete last entry: what an interrupted write leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornTail {
    /// 1-based line number where the torn entry starts.
    pub line: usize,
    /// Byte offset in the file where it starts; the file is good up to here.
    pub offset: u64,
    /// The dropped bytes, newline included if there was one.
    pub bytes: Vec<u8>,
    /// The entry, when the bytes still parse (only the newline was missing).
    pub entry: Option<Entry>,
    /// Why it counts as torn.
    pub reason: Text,
}

impl TornTail {
    pub(crate) fn text(&self) -> Text {
        let (line, n, offset) = (self.line, self.bytes.len(), self.offset);
        let (rn, re) = (&self.reason.nl, &self.reason.en);
        let torn = text!(
            "regel {line} ({n} bytes vanaf positie {offset}): {rn}",
            "line {line} ({n} bytes from offset {offset}): {re}"
        );
        match &self.entry {
            None => torn,
            Some(e) => {
                let (seq, what) = (e.seq, e.describe());
                let (wn, we) = (&what.nl, &what.en);
                torn.join(
                    "; ",
                    &text!(
                        "er stond item {seq} in, dat {wn}",
                        "it held entry {seq}, which {we}"
                    ),
                )
            }
        }
    }
}

impl fmt::Display for TornTail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// What [`Editor::open`](crate::sheet::Editor::open) had to repair.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recovery {
    /// The torn last entry that was dropped (and cut from the file), if there was one.
    pub torn: Option<TornTail>,
}

impl Recovery {
    /// True when the file was complete and nothing was dropped.
    pub fn is_clean(&self) -> bool {
        self.torn.is_none()
    }

    pub(crate) fn text(&self) -> Text {
        match &self.torn {
            None => Text::fixed("het journaal was volledig", "the journal was complete"),
            Some(t) => {
                let t = t.text();
                let (tn, te) = (&t.nl, &t.en);
                text!(
                    "een onvolledige laatste regel weggelaten, achtergelaten door een onderbroken schrijfactie (die was nooit als opgeslagen bevestigd): {tn}",
                    "dropped an incomplete last entry, left by an interrupted write (it was never confirmed as saved): {te}"
                )
            }
        }
    }
}

impl fmt::Display for Recovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// The seal entry of a sealed sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealEntry {
    pub record: SealRecord,
    /// When it was sealed (the entry's `at`).
    pub at: String,
    pub seq: u64,
    /// 1-based line number.
    pub line: usize,
    /// The journal head before the seal (the seal entry's `prev`): what the seal's
    /// canonical encoding includes.
    pub head_before: String,
}

/// One entry as read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// 1-based line number.
    pub line: usize,
    /// Byte offset of the line in the file.
    pub offset: u64,
    /// SHA-256 (lowercase hex) of the line without its newline.
    pub hash: String,
    pub entry: Entry,
}

/// A journal read without changing the file: for `verify` and other tools.
#[derive(Debug, Clone)]
pub struct Journal {
    pub path: PathBuf,
    /// Every complete, verified entry, the seal included.
    pub entries: Vec<JournalEntry>,
    /// The sheet the ops replay to.
    pub sheet: Sheet,
    /// SHA-256 (lowercase hex) of the last complete line.
    pub head: String,
    pub seal: Option<SealEntry>,
    /// A torn last entry, reported but left on disk (only opening the sheet for writing,
    /// [`Editor::open`](crate::sheet::Editor::open), cuts it).
    pub torn: Option<TornTail>,
}

impl Journal {
    /// Reads and checks the journal at `path`: the chain, the sequence numbers, the
    /// canonical form of every line, one `Create` first and nothing after a seal.
    pub fn read(path: &Path) -> Result<Journal, JournalError> {
        let meta = std::fs::metadata(path).map_err(|e| {
            io_error(
                path,
                words!("kon het blad niet lezen", "could not read the sheet"),
                e,
            )
        })?;
        if !meta.is_file() {
            return Err(not_a_file(path));
        }
        let bytes = std::fs::read(path).map_err(|e| {
            io_error(
                path,
                words!("kon het blad niet lezen", "could not read the sheet"),
                e,
            )
        })?;
        Journal::from_bytes(path, &bytes)
    }

    /// As [`Journal::read`], on bytes already in memory; `path` is only used in messages.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Journal, JournalError> {
        let scan = scan(path, bytes, true)?;
        Ok(Journal {
            path: path.to_path_buf(),
            entries: scan.entries,
            sheet: scan.sheet,
            head: scan.head.to_hex(),
            seal: scan.seal,
            torn: scan.torn,
        })
    }

    /// The `seq` of the last complete entry.
    pub fn seq(&self) -> u64 {
        self.entries.last().map_or(0, |e| e.entry.seq)
    }
}

fn not_a_file(path: &Path) -> JournalError {
    JournalError::NotASheet {
        path: path.to_path_buf(),
        detail: Text::fixed("het is geen gewoon bestand", "it is not a regular file"),
    }
}

/// Why one line failed to read.
enum LineError {
    /// Not JSON, not an entry, or not UTF-8.
    Unparsable(String),
    /// Parses, but is not written the way meetel writes it.
    NotCanonical(Box<Entry>),
}

/// Parses one line and checks that it is in canonical form.
fn parse_line(line: &[u8]) -> Result<Entry, LineError> {
    let entry: Entry =
        serde_json::from_slice(line).map_err(|e| LineError::Unparsable(e.to_string()))?;
    let mut same = SameBytes {
        expected: line,
        pos: 0,
        equal: true,
    };
    match serde_json::to_writer(&mut same, &entry) {
        Ok(()) if same.equal && same.pos == line.len() => Ok(entry),
        _ => Err(LineError::NotCanonical(Box::new(entry))),
    }
}

/// A writer that only compares what is written with `expected`: the canonical check
/// without building the line again (replay speed).
struct SameBytes<'a> {
    expected: &'a [u8],
    pos: usize,
    equal: bool,
}

impl Write for SameBytes<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let end = self.pos + buf.len();
        self.equal = self.equal && self.expected.get(self.pos..end) == Some(buf);
        self.pos = end;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn is_rfc3339(at: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(at).is_ok()
}

/// The result of reading a journal's bytes.
struct Scan {
    entries: Vec<JournalEntry>,
    sheet: Sheet,
    head: Fingerprint,
    seal: Option<SealEntry>,
    torn: Option<TornTail>,
    /// `seq` of the last complete entry.
    last_seq: u64,
    /// Length of the good part: everything before the torn tail.
    good_len: u64,
}

/// Reads and checks a whole journal. `keep_entries` is false when only the replayed
/// state is wanted (opening for writing), which saves keeping every op.
fn scan(path: &Path, bytes: &[u8], keep_entries: bool) -> Result<Scan, JournalError> {
    let tampered = |line: usize, detail: Text| JournalError::Tampered {
        path: path.to_path_buf(),
        line,
        seq: line as u64 - 1,
        detail,
    };

    // Complete lines (with their offsets) and what follows the last newline.
    let mut lines: Vec<(u64, &[u8])> = Vec::new();
    let mut start = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            lines.push((start as u64, &bytes[start..i]));
            start = i + 1;
        }
    }
    let fragment = &bytes[start..];

    let mut entries: Vec<JournalEntry> = Vec::new();
    let mut sheet: Option<Sheet> = None;
    let mut head = Fingerprint::from_bytes([0; 32]);
    let mut prev_hex = GENESIS_PREV.to_string();
    let mut seal: Option<SealEntry> = None;
    let mut torn: Option<TornTail> = None;
    let mut last_seq = 0;

    for (k, &(offset, line)) in lines.iter().enumerate() {
        let lineno = k + 1;
        let seq = k as u64;
        let is_last = k + 1 == lines.len() && fragment.is_empty();
        if let Some(s) = &seal {
            let (sseq, sline) = (s.seq, s.line);
            return Err(tampered(
                lineno,
                text!(
                    "regel {lineno} volgt op het zegel (item {sseq}, regel {sline}); aan een verzegeld blad mag niets worden toegevoegd",
                    "line {lineno} follows the seal (entry {sseq}, line {sline}); nothing may be added to a sealed sheet"
                ),
            ));
        }
        let entry = match parse_line(line) {
            Ok(e) => e,
            Err(LineError::Unparsable(msg)) if is_last => {
                torn = Some(TornTail {
                    line: lineno,
                    offset,
                    bytes: bytes[offset as usize..].to_vec(),
                    entry: None,
                    reason: text!(
                        "de laatste regel is geen volledig item ({msg})",
                        "the last line is not a complete entry ({msg})"
                    ),
                });
                break;
            }
            Err(LineError::Unparsable(_)) if newer_format(path, sheet.as_ref()).is_some() => {
                return Err(newer_format(path, sheet.as_ref()).expect("checked"));
            }
            Err(LineError::Unparsable(msg)) => {
                return Err(tampered(
                    lineno,
                    text!(
                        "regel {lineno} is geen item van een journaal ({msg})",
                        "line {lineno} is not a journal entry ({msg})"
                    ),
                ));
            }
            Err(LineError::NotCanonical(e)) => {
                let (eseq, what) = (e.seq, e.describe());
                let (wn, we) = (&what.nl, &what.en);
                return Err(tampered(
                    lineno,
                    text!(
                        "item {eseq} (regel {lineno}) {wn}, maar is niet geschreven zoals meetel schrijft: het is met de hand of door een ander programma bewerkt",
                        "entry {eseq} (line {lineno}) {we} but is not written the way meetel writes it: it was edited by hand or by another program"
                    ),
                ));
            }
        };
        // Only needed for messages: formatting it for every entry would slow replay.
        let what = || entry.describe();
        if entry.seq != seq {
            let (eseq, what) = (entry.seq, what());
            let (wn, we) = (&what.nl, &what.en);
            return Err(tampered(
                lineno,
                text!(
                    "regel {lineno} bevat item {eseq} ({wn}) waar item {seq} hoort: er zijn items weggehaald, tussengevoegd of hernummerd",
                    "line {lineno} holds entry {eseq} ({we}) where entry {seq} belongs: entries were removed, inserted or renumbered"
                ),
            ));
        }
        if entry.prev != prev_hex {
            let (blamed, detail) = if k == 0 {
                let prev = &entry.prev;
                (
                    1,
                    text!(
                        "item 0 (regel 1) moet een `prev` van 64 nullen hebben, niet {prev}",
                        "entry 0 (line 1) must have a `prev` of 64 zeros, not {prev}"
                    ),
                )
            } else {
                chain_break(k, &what(), &lines)
            };
            return Err(tampered(blamed, detail));
        }
        match (&entry.body, k) {
            (Body::Op(Op::Create(header)), 0) => sheet = Some(Sheet::new(header.clone())),
            (body, 0) => {
                let what = match body {
                    Body::Op(op) => op.describe(),
                    Body::Seal(_) => Text::fixed("is een zegel", "is a seal"),
                };
                let (wn, we) = (&what.nl, &what.en);
                return Err(tampered(
                    1,
                    text!(
                        "item 0 (regel 1) moet het blad aanmaken, maar {wn}",
                        "entry 0 (line 1) must create the sheet, but it {we}"
                    ),
                ));
            }
            (Body::Op(Op::Create(_)), _) => {
                return Err(tampered(
                    lineno,
                    text!(
                        "item {seq} (regel {lineno}) maakt het blad opnieuw aan; alleen item 0 mag dat",
                        "entry {seq} (line {lineno}) creates the sheet again; only entry 0 may"
                    ),
                ));
            }
            (Body::Op(op), _) => {
                if let Some(s) = sheet.as_mut() {
                    s.apply(op);
                }
            }
            (Body::Seal(record), _) => {
                seal = Some(SealEntry {
                    record: record.clone(),
                    at: entry.at.clone(),
                    seq,
                    line: lineno,
                    head_before: entry.prev.clone(),
                });
            }
        }
        if !is_rfc3339(&entry.at) {
            let (what, at) = (what(), crate::display::visible(&entry.at));
            let (wn, we) = (&what.nl, &what.en);
            return Err(tampered(
                lineno,
                text!(
                    "item {seq} (regel {lineno}) {wn}, maar de tijd `{at}` is geen RFC 3339-tijd",
                    "entry {seq} (line {lineno}) {we} but its time `{at}` is not an RFC 3339 time"
                ),
            ));
        }
        head = Fingerprint::of(line);
        prev_hex = head.to_hex();
        last_seq = seq;
        if keep_entries {
            entries.push(JournalEntry {
                line: lineno,
                offset,
                hash: prev_hex.clone(),
                entry,
            });
        }
    }

    if !fragment.is_empty() {
        let lineno = lines.len() + 1;
        if let Some(s) = &seal {
            let (n, sseq, sline) = (fragment.len(), s.seq, s.line);
            return Err(tampered(
                lineno,
                text!(
                    "{n} bytes volgen op het zegel (item {sseq}, regel {sline}); aan een verzegeld blad mag niets worden toegevoegd",
                    "{n} bytes follow the seal (entry {sseq}, line {sline}); nothing may be added to a sealed sheet"
                ),
            ));
        }
        if torn.is_none() {
            torn = Some(TornTail {
                line: lineno,
                offset: start as u64,
                bytes: fragment.to_vec(),
                entry: serde_json::from_slice(fragment).ok(),
                reason: Text::fixed(
                    "de laatste regel is onvolledig (hij heeft geen regeleinde)",
                    "the last line is incomplete (it has no line end)",
                ),
            });
        }
    }

    let Some(sheet) = sheet else {
        let detail = match &torn {
            _ if bytes.is_empty() => Text::fixed("het bestand is leeg", "the file is empty"),
            Some(t) => {
                let t = t.text();
                let (tn, te) = (&t.nl, &t.en);
                text!(
                    "het heeft geen volledig eerste item, alleen een onvolledig ({tn}); het blad is nooit helemaal aangemaakt",
                    "it holds no complete first entry, only an incomplete one ({te}); the sheet was never completely created"
                )
            }
            None => Text::fixed("het heeft geen items", "it holds no entries"),
        };
        return Err(JournalError::NotASheet {
            path: path.to_path_buf(),
            detail,
        });
    };
    // Checked only now, so that a changed byte in entry 0 is still reported as the
    // tampering it is (the chain shows it); but before anything is taken for a torn
    // tail: a newer meetel's last entry may be one this version cannot parse.
    if let Some(e) = newer_format(path, Some(&sheet)) {
        return Err(e);
    }
    let good_len = torn.as_ref().map_or(bytes.len() as u64, |t| t.offset);
    Ok(Scan {
        entries,
        sheet,
        head,
        seal,
        torn,
        last_seq,
        good_len,
    })
}

/// The error for a sheet whose entry 0 names a newer format than this meetel reads.
fn newer_format(path: &Path, sheet: Option<&Sheet>) -> Option<JournalError> {
    let format = sheet?.header.format;
    (format > crate::sheet::FORMAT_VERSION).then(|| JournalError::NewerFormat {
        path: path.to_path_buf(),
        format,
    })
}

/// The `prev` a line claims, read leniently (for comparing with a neighbour's hash).
fn prev_hex_of(line: &[u8]) -> Option<String> {
    serde_json::from_slice::<Entry>(line).ok().map(|e| e.prev)
}

/// Explains a break between entry `k − 1` and entry `k` (whose `prev` does not match
/// the hash of line `k`). One changed byte alters one line; which one can be told from
/// entry `k + 1`: if it still chains to line `k + 1`, then entry `k` is as written and
/// entry `k − 1` was changed; if not, entry `k` itself was. Returns the 1-based line
/// to blame and the explanation.
fn chain_break(k: usize, what: &Text, lines: &[(u64, &[u8])]) -> (usize, Text) {
    // Entry k − 1 was read and checked just before; read again only for the message.
    let prev_what = serde_json::from_slice::<Entry>(lines[k - 1].1)
        .map_or_else(|_| Text::same("?"), |e| e.describe());
    let (wn, we, pn, pe) = (&what.nl, &what.en, &prev_what.nl, &prev_what.en);
    let (prev_seq, prev_line, line, next) = (k - 1, k, k + 1, k + 1);
    match lines.get(k + 1) {
        Some(&(_, next_line)) => {
            let this_hash = line_hash(lines[k].1);
            if prev_hex_of(next_line).as_deref() == Some(this_hash.as_str()) {
                (prev_line, text!(
                    "item {prev_seq} (regel {prev_line}) {pn}, maar de hash ervan klopt niet met de `prev` van item {k} (regel {line}), dat zelf heel is (item {next} sluit erop aan): item {prev_seq} is veranderd nadat het was geschreven",
                    "entry {prev_seq} (line {prev_line}) {pe} but its hash does not match the `prev` of entry {k} (line {line}), which is itself intact (entry {next} chains to it): entry {prev_seq} was changed after it was written"
                ))
            } else {
                (line, text!(
                    "item {k} (regel {line}) {wn}, maar de `prev` ervan klopt niet met de hash van item {prev_seq} (regel {prev_line}), en item {next} sluit er ook niet op aan: item {k} is veranderd nadat het was geschreven",
                    "entry {k} (line {line}) {we} but its `prev` does not match the hash of entry {prev_seq} (line {prev_line}), and entry {next} does not chain to it either: entry {k} was changed after it was written"
                ))
            }
        }
        None => (line, text!(
            "item {k} (regel {line}) {wn}, maar sluit niet aan op item {prev_seq} (regel {prev_line}), dat {pn}: een van de twee is veranderd nadat het was geschreven",
            "entry {k} (line {line}) {we} but does not chain to entry {prev_seq} (line {prev_line}), which {pe}: one of the two was changed after it was written"
        )),
    }
}

/// Where a journal's lines go: its file, or memory. A trait so that a sheet kept in
/// memory (tests, benchmarks, a session whose file could not be made) is written as the
/// same lines through the same code, and so that tests can make writes fail the way a
/// full disk or a read-only file system does.
pub(crate) trait Store: Send + fmt::Debug {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()>;
    fn sync_data(&mut self) -> io::Result<()>;
    /// Cuts the journal back to `len` bytes and syncs that.
    fn truncate(&mut self, len: u64) -> io::Result<()>;
    /// The journal's bytes, when they are kept in memory.
    #[cfg(test)]
    fn in_memory(&self) -> Option<&[u8]> {
        None
    }
}

impl Store for File {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        Write::write_all(self, bytes)
    }
    fn sync_data(&mut self) -> io::Result<()> {
        File::sync_data(self)
    }
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.set_len(len)?;
        self.sync_all()
    }
}

/// A journal kept in memory: the lines a file would hold, nothing on disk.
#[derive(Debug, Default)]
pub(crate) struct MemoryStore {
    bytes: Vec<u8>,
}

impl Store for MemoryStore {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.bytes.extend_from_slice(bytes);
        Ok(())
    }
    fn sync_data(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.bytes.truncate(len as usize);
        Ok(())
    }
    #[cfg(test)]
    fn in_memory(&self) -> Option<&[u8]> {
        Some(&self.bytes)
    }
}

/// A store whose every write fails as on a full disk: half of the bytes reach the
/// journal, then the error, so that the cut back to the last entry is tested too.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Failing {
    inner: Box<dyn Store>,
    why: String,
}

#[cfg(test)]
impl Store for Failing {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(&bytes[..bytes.len() / 2])?;
        Err(io::Error::other(self.why.clone()))
    }
    fn sync_data(&mut self) -> io::Result<()> {
        self.inner.sync_data()
    }
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.inner.truncate(len)
    }
    fn in_memory(&self) -> Option<&[u8]> {
        self.inner.in_memory()
    }
}

/// What a sheet in memory is called in messages, where a file would give its path.
const IN_MEMORY: &str = "(sheet in memory)";

/// A sheet's journal open for appending, on disk or in memory, and the sheet it replays
/// to: the only copy of the sheet while it is being edited. [`crate::sheet::Editor`] is
/// the way in from outside (it checks every edit against the form first).
#[derive(Debug)]
pub(crate) struct SheetFile {
    /// `None` for a journal in memory.
    path: Option<PathBuf>,
    store: Box<dyn Store>,
    sheet: Sheet,
    head: Fingerprint,
    seq: u64,
    /// Bytes of the journal that hold confirmed entries.
    len: u64,
    seal: Option<SealEntry>,
    /// A failed append may have left bytes past `len` that could not be cut yet; they
    /// are cut before the next write.
    dirty: bool,
}

impl SheetFile {
    /// Creates a new sheet at `path` with entry 0 (`Create(header)`), stamped now.
    /// Refuses to overwrite an existing file.
    #[cfg(test)]
    pub(crate) fn create(path: &Path, header: SheetHeader) -> Result<SheetFile, JournalError> {
        SheetFile::create_at(path, header, now_rfc3339())
    }

    /// As [`SheetFile::create`], with a given `at` (RFC 3339), for reproducible files
    /// such as the seal spec's test vectors.
    pub(crate) fn create_at(
        path: &Path,
        header: SheetHeader,
        at: String,
    ) -> Result<SheetFile, JournalError> {
        let entry = Entry {
            seq: 0,
            prev: GENESIS_PREV.to_string(),
            at,
            body: Body::Op(Op::Create(header.clone())),
        };
        let line = encode_checked(path, &entry)?;
        if path.exists() {
            return Err(JournalError::Exists {
                path: path.to_path_buf(),
            });
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .ok_or_else(|| JournalError::Refused {
                path: path.to_path_buf(),
                detail: Text::fixed("het pad noemt geen bestand", "the path names no file"),
            })?
            .to_string_lossy()
            .into_owned();
        // Written beside the target and then given its name without replacing
        // anything (tempfile's persist_noclobber: link + unlink, or an exclusive
        // rename): a crash leaves no sheet or a whole entry 0, never an empty file.
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".creating");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder.tempfile_in(dir).map_err(|e| {
            io_error(
                path,
                words!(
                    "kon er geen tijdelijk bestand naast maken",
                    "could not create a temporary file beside"
                ),
                e,
            )
        })?;
        let mut bytes = line.into_bytes();
        bytes.push(b'\n');
        tmp.write_all(&bytes)
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| JournalError::WriteFailed {
                path: path.to_path_buf(),
                seq: 0,
                what: entry.describe(),
                source: e,
            })?;
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                JournalError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                io_error(
                    path,
                    words!(
                        "kon het nieuwe blad zijn naam niet geven",
                        "could not give the new sheet its name"
                    ),
                    e.error,
                )
            }
        })?;
        sync_dir(dir).map_err(|e| {
            io_error(
                path,
                words!(
                    "kon de map niet naar schijf schrijven van",
                    "could not sync the directory of"
                ),
                e,
            )
        })?;

        let file = open_locked(path)?;
        Ok(SheetFile::started(
            Some(path.to_path_buf()),
            Box::new(file),
            header,
            bytes,
        ))
    }

    /// A new sheet kept in memory: the same entry 0 a file would start with.
    pub(crate) fn in_memory_at(header: SheetHeader, at: String) -> Result<SheetFile, JournalError> {
        let entry = Entry {
            seq: 0,
            prev: GENESIS_PREV.to_string(),
            at,
            body: Body::Op(Op::Create(header.clone())),
        };
        let mut bytes = encode_checked(Path::new(IN_MEMORY), &entry)?.into_bytes();
        bytes.push(b'\n');
        let store = MemoryStore {
            bytes: bytes.clone(),
        };
        Ok(SheetFile::started(None, Box::new(store), header, bytes))
    }

    /// A journal that holds entry 0, `line0` (with its newline).
    fn started(
        path: Option<PathBuf>,
        store: Box<dyn Store>,
        header: SheetHeader,
        line0: Vec<u8>,
    ) -> SheetFile {
        SheetFile {
            path,
            store,
            sheet: Sheet::new(header),
            head: Fingerprint::of(&line0[..line0.len() - 1]),
            seq: 0,
            len: line0.len() as u64,
            seal: None,
            dirty: false,
        }
    }

    /// Opens a sheet for writing: replays its journal, drops a torn last entry (cutting
    /// the file back to the last complete entry) and reports that in the [`Recovery`].
    pub(crate) fn open(path: &Path) -> Result<(SheetFile, Recovery), JournalError> {
        let mut file = open_locked(path)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| {
            io_error(
                path,
                words!("kon het blad niet lezen", "could not read the sheet"),
                e,
            )
        })?;
        let scan = scan(path, &bytes, false)?;
        if scan.torn.is_some() {
            Store::truncate(&mut file, scan.good_len).map_err(|e| {
                io_error(
                    path,
                    words!(
                        "kon de onvolledige laatste regel niet afknippen van",
                        "could not cut off the incomplete last entry of"
                    ),
                    e,
                )
            })?;
        }
        Ok((
            SheetFile {
                path: Some(path.to_path_buf()),
                store: Box::new(file),
                sheet: scan.sheet,
                head: scan.head,
                seq: scan.last_seq,
                len: scan.good_len,
                seal: scan.seal,
                dirty: false,
            },
            Recovery { torn: scan.torn },
        ))
    }

    /// The path for messages: the file, or [`IN_MEMORY`].
    pub(crate) fn name(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(IN_MEMORY))
    }

    /// Appends an edit stamped now, synced to disk before it counts as made. On failure
    /// nothing changes (file or memory) and the same call can be retried.
    #[cfg(test)]
    pub(crate) fn append(&mut self, op: Op) -> Result<(), JournalError> {
        self.append_at(op, now_rfc3339())
    }

    /// As [`SheetFile::append`], with a given `at` (RFC 3339).
    pub(crate) fn append_at(&mut self, op: Op, at: String) -> Result<(), JournalError> {
        self.append_all_at(vec![op], at)
    }

    /// Appends several edits as one: their lines go out in one write and one sync, and
    /// count as made only together. If the write or sync fails, the journal is cut back
    /// to where it was and none of them is applied.
    pub(crate) fn append_all_at(&mut self, ops: Vec<Op>, at: String) -> Result<(), JournalError> {
        if ops.iter().any(|op| matches!(op, Op::Create(_))) {
            return Err(JournalError::Refused {
                path: self.name(),
                detail: Text::fixed(
                    "alleen het eerste item mag het blad aanmaken",
                    "only the first entry may create the sheet",
                ),
            });
        }
        self.append_bodies(ops.into_iter().map(Body::Op).collect(), at)
    }

    /// Appends the seal as the last entry; after it the sheet is read-only.
    pub(crate) fn append_seal(
        &mut self,
        record: SealRecord,
        at: String,
    ) -> Result<(), JournalError> {
        self.append_bodies(vec![Body::Seal(record)], at)
    }

    /// Refuses when the sheet is sealed.
    pub(crate) fn ensure_open(&self) -> Result<(), JournalError> {
        match &self.seal {
            Some(s) => Err(JournalError::Sealed {
                path: self.name(),
                fingerprint: s.record.fingerprint.clone(),
            }),
            None => Ok(()),
        }
    }

    fn append_bodies(&mut self, bodies: Vec<Body>, at: String) -> Result<(), JournalError> {
        self.ensure_open()?;
        if bodies.is_empty() {
            return Ok(());
        }
        let name = self.name();
        // Every line is made and checked before anything is written.
        let mut entries = Vec::with_capacity(bodies.len());
        let mut bytes = Vec::new();
        let mut head = self.head;
        for (i, body) in bodies.into_iter().enumerate() {
            let entry = Entry {
                seq: self.seq + 1 + i as u64,
                prev: head.to_hex(),
                at: at.clone(),
                body,
            };
            let line = encode_checked(&name, &entry)?;
            head = Fingerprint::of(line.as_bytes());
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
            entries.push(entry);
        }
        let first = &entries[0];
        let failed = |source: io::Error| JournalError::WriteFailed {
            path: name.clone(),
            seq: first.seq,
            what: match entries.len() {
                1 => first.describe(),
                n => {
                    let (what, more) = (first.describe(), n - 1);
                    let (wn, we) = (&what.nl, &what.en);
                    text!(
                        "{wn}, en {more} wijziging(en) die erbij hoorden",
                        "{we}, and {more} more edit(s) made with it"
                    )
                }
            },
            source,
        };
        if self.dirty {
            self.store.truncate(self.len).map_err(failed)?;
            self.dirty = false;
        }
        let written = self
            .store
            .write_all(&bytes)
            .and_then(|()| self.store.sync_data());
        if let Err(e) = written {
            // Cut back what may have reached the journal; if even that fails, try again
            // before the next write so that no half line stays in the middle.
            if self.store.truncate(self.len).is_err() {
                self.dirty = true;
            }
            return Err(failed(e));
        }
        self.len += bytes.len() as u64;
        self.head = head;
        for entry in entries {
            self.seq = entry.seq;
            match entry.body {
                Body::Op(op) => self.sheet.apply(&op),
                Body::Seal(record) => {
                    self.seal = Some(SealEntry {
                        record,
                        at: entry.at,
                        seq: entry.seq,
                        line: entry.seq as usize + 1,
                        head_before: entry.prev,
                    })
                }
            }
        }
        Ok(())
    }

    /// The sheet as replayed from every confirmed entry.
    pub(crate) fn sheet(&self) -> &Sheet {
        &self.sheet
    }

    /// The journal head: SHA-256 (lowercase hex) of the last entry's line.
    pub(crate) fn head(&self) -> String {
        self.head.to_hex()
    }

    /// The `seq` of the last entry; the next append gets `seq() + 1`.
    pub(crate) fn seq(&self) -> u64 {
        self.seq
    }

    /// The file, or `None` for a journal in memory.
    pub(crate) fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The seal, when the sheet is sealed.
    pub(crate) fn seal(&self) -> Option<&SealRecord> {
        self.seal.as_ref().map(|s| &s.record)
    }

    /// The whole seal entry, with the journal head it sealed.
    pub(crate) fn seal_entry(&self) -> Option<&SealEntry> {
        self.seal.as_ref()
    }

    pub(crate) fn is_sealed(&self) -> bool {
        self.seal.is_some()
    }

    /// The journal's bytes, for a journal kept in memory.
    #[cfg(test)]
    pub(crate) fn in_memory(&self) -> Option<&[u8]> {
        self.store.in_memory()
    }

    /// From now on every write fails with `why`, as on a full disk (for tests).
    #[cfg(test)]
    pub(crate) fn fail_writes_with(&mut self, why: &str) {
        let inner = std::mem::replace(&mut self.store, Box::new(MemoryStore::default()));
        self.store = Box::new(Failing {
            inner,
            why: why.to_string(),
        });
    }
}

/// Opens an existing sheet for reading and appending, and takes the writer's lock.
fn open_locked(path: &Path) -> Result<File, JournalError> {
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .open(path)
        .map_err(|e| {
            io_error(
                path,
                words!(
                    "kon het blad niet openen om te schrijven",
                    "could not open the sheet for writing"
                ),
                e,
            )
        })?;
    let meta = file.metadata().map_err(|e| {
        io_error(
            path,
            words!(
                "kon het blad niet openen om te schrijven",
                "could not open the sheet for writing"
            ),
            e,
        )
    })?;
    if !meta.is_file() {
        return Err(not_a_file(path));
    }
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(JournalError::Locked {
            path: path.to_path_buf(),
        }),
        // File systems without locks (some network shares): one writer is then up
        // to the user, as it was before locks existed.
        Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => Ok(file),
        Err(std::fs::TryLockError::Error(e)) => Err(io_error(
            path,
            words!("kon het blad niet vergrendelen", "could not lock the sheet"),
            e,
        )),
    }
}

/// The entry as its line, refusing one that would not read back byte for byte the same
/// (a `FieldKey` such as `E.0`, a time such as 33:20, a malformed `at`): such a line
/// would make the whole sheet unreadable later.
fn encode_checked(path: &Path, entry: &Entry) -> Result<String, JournalError> {
    let refuse = |why: Text| {
        let (seq, what) = (entry.seq, entry.describe());
        let (wn, we, yn, ye) = (&what.nl, &what.en, &why.nl, &why.en);
        JournalError::Refused {
            path: path.to_path_buf(),
            detail: text!(
                "item {seq} ({wn}) is niet geschreven: {yn}",
                "entry {seq} ({we}) was not written: {ye}"
            ),
        }
    };
    if !is_rfc3339(&entry.at) {
        let at = crate::display::visible(&entry.at);
        return Err(refuse(text!(
            "de tijd `{at}` is geen RFC 3339-tijd zoals 2025-10-29T21:05:00+01:00",
            "its time `{at}` is not an RFC 3339 time such as 2025-10-29T21:05:00+01:00"
        )));
    }
    let line = entry
        .to_line()
        .map_err(|e| refuse(Text::same(e.to_string())))?;
    match parse_line(line.as_bytes()) {
        Ok(back) if back == *entry => Ok(line),
        _ => Err(refuse(Text::fixed(
            "het zou niet hetzelfde teruggelezen worden uit het bestand",
            "it would not read back the same from the file",
        ))),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU8, Ordering};
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::*;
    use crate::sheet::tests::header;
    use crate::sheet::{
        Answer, DhTick, Event, EventKind, Explained, Explanation, FieldKey, PvField, TimeOfDay,
    };

    const AT: &str = "2025-10-29T21:05:00+01:00";

    fn set(letter: PvField, value: u32) -> Op {
        Op::SetCount {
            field: FieldKey::Pv(letter),
            value: Some(value),
        }
    }

    fn seal_record() -> SealRecord {
        SealRecord {
            fingerprint: "ab".repeat(32),
            signature: "cd".repeat(64),
        }
    }

    /// A sheet with entry 0 and `edits` edits: entry i sets field A…J (cycling) to i.
    fn sheet_with(dir: &Path, edits: u32) -> (PathBuf, SheetFile) {
        let path = dir.join("sheet.jsonl");
        let mut sf = SheetFile::create_at(&path, header(), AT.into()).unwrap();
        for i in 1..=edits {
            sf.append_at(set(PvField::ALL[i as usize % 10], i), AT.into())
                .unwrap();
        }
        (path, sf)
    }

    /// Byte ranges of the complete lines of `bytes`, newline excluded.
    fn line_ranges(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                out.push(start..i);
                start = i + 1;
            }
        }
        out
    }

    #[test]
    fn create_append_reopen_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut sf) = sheet_with(dir.path(), 0);
        sf.append(set(PvField::A, 120)).unwrap();
        sf.append(Op::SetMoment {
            id: "close".into(),
            time: TimeOfDay::new(21, 0),
        })
        .unwrap();
        sf.append(Op::SetNotes("regel één\n\"twee\"\\".into()))
            .unwrap();
        let (sheet, head, seq) = (sf.sheet().clone(), sf.head(), sf.seq());
        assert_eq!(seq, 3);
        assert_eq!(sheet.pv(PvField::A), Some(120));
        drop(sf);

        let (again, recovery) = SheetFile::open(&path).unwrap();
        assert!(recovery.is_clean(), "{recovery}");
        assert_eq!(again.sheet(), &sheet);
        assert_eq!(again.head(), head);
        assert_eq!(again.seq(), 3);
        drop(again);

        let bytes = std::fs::read(&path).unwrap();
        let journal = Journal::read(&path).unwrap();
        assert_eq!(journal.sheet, sheet);
        assert_eq!(journal.head, head);
        assert_eq!(journal.entries.len(), 4);
        let ranges = line_ranges(&bytes);
        assert_eq!(journal.head, line_hash(&bytes[ranges[3].clone()]));
        for (i, e) in journal.entries.iter().enumerate() {
            assert_eq!(e.line, i + 1);
            assert_eq!(e.offset as usize, ranges[i].start);
            assert_eq!(e.hash, line_hash(&bytes[ranges[i].clone()]));
            let prev = if i == 0 {
                GENESIS_PREV.to_string()
            } else {
                journal.entries[i - 1].hash.clone()
            };
            assert_eq!(e.entry.prev, prev);
        }
        // What the lines look like: the format the seal spec documents.
        let text = String::from_utf8(bytes).unwrap();
        let second = text.lines().nth(1).unwrap();
        assert!(
            second.starts_with(&format!(
                "{{\"seq\":1,\"prev\":\"{}\",\"at\":\"",
                journal.entries[0].hash
            )),
            "{second}"
        );
        assert!(
            second.ends_with(",\"op\":{\"SetCount\":{\"field\":\"A\",\"value\":120}}}"),
            "{second}"
        );
    }

    #[test]
    fn create_refuses_to_overwrite_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let (path, sf) = sheet_with(dir.path(), 2);
        drop(sf);
        let before = std::fs::read(&path).unwrap();
        let err = SheetFile::create(&path, header()).unwrap_err();
        assert!(matches!(err, JournalError::Exists { .. }), "{err}");
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("sheet.jsonl")]);
    }

    #[test]
    fn now_is_rfc3339_with_offset_to_the_second() {
        let now = now_rfc3339();
        assert!(chrono::DateTime::parse_from_rfc3339(&now).is_ok(), "{now}");
        assert_eq!(now.len(), "2025-10-29T21:05:00+01:00".len(), "{now}");
    }

    #[test]
    fn a_torn_last_entry_is_dropped_at_every_byte_offset() {
        let dir = tempfile::tempdir().unwrap();
        let (path, sf) = sheet_with(dir.path(), 4);
        let full_sheet = sf.sheet().clone();
        drop(sf);
        let bytes = std::fs::read(&path).unwrap();
        let last = line_ranges(&bytes).pop().unwrap();
        let expected = Journal::from_bytes(&path, &bytes[..last.start]).unwrap();
        assert_ne!(expected.sheet, full_sheet);

        let cut_path = dir.path().join("cut.jsonl");
        for cut in last.start..=last.end {
            std::fs::write(&cut_path, &bytes[..cut]).unwrap();
            // The reader reports the torn tail and leaves the file alone.
            let read = Journal::read(&cut_path).unwrap();
            assert_eq!(std::fs::metadata(&cut_path).unwrap().len(), cut as u64);
            assert_eq!(read.sheet, expected.sheet);
            assert_eq!(read.head, expected.head);
            assert_eq!(read.torn.is_some(), cut > last.start, "cut at {cut}");

            let (sf, recovery) = SheetFile::open(&cut_path).unwrap();
            assert_eq!(sf.sheet(), &expected.sheet, "cut at {cut}");
            assert_eq!(sf.seq(), 3);
            assert_eq!(sf.head(), expected.head);
            assert_eq!(
                std::fs::metadata(&cut_path).unwrap().len(),
                last.start as u64
            );
            if cut == last.start {
                assert!(recovery.is_clean());
            } else {
                let torn = recovery.torn.as_ref().expect("torn tail reported");
                assert_eq!(torn.line, 5);
                assert_eq!(torn.offset, last.start as u64);
                assert_eq!(torn.bytes, &bytes[last.start..cut]);
                // Only when nothing but the newline is missing can the entry be read.
                assert_eq!(
                    torn.entry.as_ref().map(|e| e.seq),
                    (cut == last.end).then_some(4)
                );
                assert!(recovery.to_string().contains("line 5"), "{recovery}");
            }
        }
    }

    #[test]
    fn an_unparsable_last_line_is_a_torn_tail_but_not_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let (path, sf) = sheet_with(dir.path(), 3);
        let sheet = sf.sheet().clone();
        drop(sf);
        let good = std::fs::read(&path).unwrap();
        // What a file system can leave after a power loss: the new length, but zeros.
        for tail in [&b"\0\0\0\0\0\0"[..], b"\0\0\0\n", b"{\"seq\":4,\"pr\n"] {
            let mut bytes = good.clone();
            bytes.extend_from_slice(tail);
            std::fs::write(&path, &bytes).unwrap();
            let (sf, recovery) = SheetFile::open(&path).unwrap();
            assert_eq!(sf.sheet(), &sheet);
            assert_eq!(recovery.torn.unwrap().bytes, tail);
            drop(sf);
            assert_eq!(std::fs::read(&path).unwrap(), good);
        }
        // The same garbage with a good entry after it is not a torn write.
        let mut sf = SheetFile::open(&path).unwrap().0;
        sf.append_at(set(PvField::B, 9), AT.into()).unwrap();
        drop(sf);
        let mut bytes = std::fs::read(&path).unwrap();
        let ranges = line_ranges(&bytes);
        bytes.splice(ranges[3].clone(), b"\0\0\0".iter().copied());
        std::fs::write(&path, &bytes).unwrap();
        let err = SheetFile::open(&path).unwrap_err();
        assert!(
            matches!(
                err,
                JournalError::Tampered {
                    line: 4,
                    seq: 3,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn a_sheet_of_a_newer_format_is_refused_and_left_whole() {
        // A newer meetel's last entry may be an op this one does not know: it must not
        // be taken for a torn write and cut off.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.jsonl");
        let mut newer = header();
        newer.format = crate::sheet::FORMAT_VERSION + 1;
        let first = Entry {
            seq: 0,
            prev: GENESIS_PREV.into(),
            at: AT.into(),
            body: Body::Op(Op::Create(newer)),
        }
        .to_line()
        .unwrap();
        let unknown = format!(
            "{{\"seq\":1,\"prev\":\"{}\",\"at\":\"{AT}\",\"op\":{{\"SetPhoto\":{{\"file\":\"pv.jpg\"}}}}}}",
            line_hash(first.as_bytes())
        );
        let bytes = format!("{first}\n{unknown}\n");
        std::fs::write(&path, &bytes).unwrap();
        let err = SheetFile::open(&path).unwrap_err();
        assert!(
            matches!(err, JournalError::NewerFormat { format: 2, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("newer meetel"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            bytes,
            "nothing cut"
        );
        assert!(matches!(
            Journal::read(&path).unwrap_err(),
            JournalError::NewerFormat { .. }
        ));
        assert!(crate::sheet::verify::verify_file(&path).unreadable());
    }

    #[test]
    fn appending_after_recovery_continues_the_chain() {
        let dir = tempfile::tempdir().unwrap();
        let (path, sf) = sheet_with(dir.path(), 3);
        drop(sf);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 10]).unwrap();
        let (mut sf, recovery) = SheetFile::open(&path).unwrap();
        assert_eq!(recovery.torn.unwrap().line, 4);
        assert_eq!(sf.seq(), 2);
        sf.append_at(set(PvField::H, 77), AT.into()).unwrap();
        assert_eq!(sf.seq(), 3);
        let (sheet, head) = (sf.sheet().clone(), sf.head());
        drop(sf);
        let journal = Journal::read(&path).unwrap();
        assert!(journal.torn.is_none());
        assert_eq!(journal.seq(), 3);
        assert_eq!(journal.sheet, sheet);
        assert_eq!(journal.head, head);
        assert_eq!(journal.sheet.pv(PvField::H), Some(77));
    }

    #[test]
    fn any_changed_byte_in_an_earlier_line_is_tampering_on_that_line() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut sf) = sheet_with(dir.path(), 5);
        sf.append_seal(seal_record(), AT.into()).unwrap();
        drop(sf);
        let bytes = std::fs::read(&path).unwrap();
        let original = Journal::from_bytes(&path, &bytes).unwrap();
        let ranges = line_ranges(&bytes);
        let n = ranges.len();
        assert_eq!(n, 7);
        for (l, range) in ranges.iter().enumerate() {
            let lineno = l + 1;
            // With the newline: changing it joins two lines.
            for i in range.start..=range.end {
                for mask in [0x01u8, 0x02, 0x20, 0x80] {
                    let mut flipped = bytes.clone();
                    flipped[i] ^= mask;
                    let result = Journal::from_bytes(&path, &flipped);
                    if lineno + 2 <= n {
                        // Lines with two intact lines after them: exactly this line.
                        match result {
                            Err(JournalError::Tampered { line, seq, .. }) => {
                                assert_eq!((line, seq), (lineno, l as u64), "byte {i} ^ {mask:#x}")
                            }
                            other => panic!("byte {i} ^ {mask:#x} of line {lineno}: {other:?}"),
                        }
                    } else {
                        // The last two lines: a break between them, a torn tail, or a
                        // different head or seal, which the seal check then catches.
                        match result {
                            Err(JournalError::Tampered { line, .. }) => assert!(line >= n - 1),
                            Err(other) => panic!("byte {i} ^ {mask:#x} of line {lineno}: {other}"),
                            Ok(j) => assert!(
                                j.torn.is_some() || j.head != original.head,
                                "byte {i} ^ {mask:#x} of line {lineno} went unnoticed"
                            ),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_changed_value_is_named_in_the_message() {
        let dir = tempfile::tempdir().unwrap();
        let (path, sf) = sheet_with(dir.path(), 0);
        let mut sf = sf;
        for v in [100, 110, 120, 130, 140] {
            sf.append_at(set(PvField::A, v), AT.into()).unwrap();
        }
        drop(sf);
        let text = std::fs::read_to_string(&path).unwrap();
        let altered = text.replace("\"value\":120", "\"value\":121");
        let err = Journal::from_bytes(&path, altered.as_bytes()).unwrap_err();
        let JournalError::Tampered {
            line, seq, detail, ..
        } = &err
        else {
            panic!("{err}")
        };
        assert_eq!((*line, *seq), (4, 3));
        assert!(detail.en.starts_with("entry 3 (line 4) sets A = 121 but its hash does not match the `prev` of entry 4 (line 5)"), "{detail}");
        assert!(err.to_string().contains("sheet.jsonl, line 4"), "{err}");
    }

    #[test]
    fn non_canonical_lines_count_as_altered() {
        let dir = tempfile::tempdir().unwrap();
        let (path, sf) = sheet_with(dir.path(), 3);
        drop(sf);
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let variants = [
            lines[1].replacen(":", ": ", 1),
            lines[1].replacen("\"B\"", "\"\\u0042\"", 1),
            lines[1].to_string() + "\r",
            lines[1].replacen("{\"seq\":1,", "{\"seq\":1,\"extra\":0,", 1),
        ];
        for v in variants {
            assert_ne!(v, lines[1]);
            let mut altered = lines.clone();
            altered[1] = &v;
            let bytes = altered.join("\n") + "\n";
            match Journal::from_bytes(&path, bytes.as_bytes()) {
                Err(JournalError::Tampered {
                    line: 2, detail, ..
                }) => {
                    assert!(
                        detail.en.contains("not written the way meetel writes it"),
                        "{detail}"
                    )
                }
                other => panic!("{v}: {other:?}"),
            }
        }
    }

    #[test]
    fn structure_rules_are_enforced() {
        let dir = tempfile::tempdir().unwrap();
        let (path, sf) = sheet_with(dir.path(), 2);
        let head = sf.head();
        drop(sf);
        let good = std::fs::read_to_string(&path).unwrap();
        let line = |seq: u64, prev: &str, body: Body| {
            Entry {
                seq,
                prev: prev.to_string(),
                at: AT.into(),
                body,
            }
            .to_line()
            .unwrap()
                + "\n"
        };
        let check = |bytes: String, want_line: usize, want: &str| match Journal::from_bytes(
            &path,
            bytes.as_bytes(),
        ) {
            Err(JournalError::Tampered { line, detail, .. }) => {
                assert_eq!(line, want_line, "{detail}");
                assert!(detail.en.contains(want), "{detail}");
            }
            other => panic!("expected tampering ({want}): {other:?}"),
        };
        // A second Create.
        check(
            good.clone() + &line(3, &head, Body::Op(Op::Create(header()))),
            4,
            "creates the sheet again",
        );
        // A gap in seq.
        check(
            good.clone() + &line(4, &head, Body::Op(set(PvField::A, 1))),
            4,
            "where entry 3 belongs",
        );
        // A first entry that is not Create.
        check(
            line(0, GENESIS_PREV, Body::Op(set(PvField::A, 1))),
            1,
            "must create the sheet",
        );
        // A first entry with a non-zero prev.
        check(
            line(0, &"1".repeat(64), Body::Op(Op::Create(header()))),
            1,
            "64 zeros",
        );
        // A time that is not a time.
        let bad_at = Entry {
            seq: 3,
            prev: head.clone(),
            at: "yesterday".into(),
            body: Body::Op(set(PvField::A, 1)),
        };
        check(
            good.clone() + &bad_at.to_line().unwrap() + "\n",
            4,
            "not an RFC 3339 time",
        );

        // Both `op` and `seal`, or neither.
        let both = line(3, &head, Body::Op(set(PvField::A, 1))).replace(
            "}}\n",
            &format!(
                "}},\"seal\":{}}}\n",
                serde_json::to_string(&seal_record()).unwrap()
            ),
        );
        let neither = format!("{{\"seq\":3,\"prev\":\"{head}\",\"at\":\"{AT}\"}}\n");
        let next = line(4, &"0".repeat(64), Body::Op(set(PvField::A, 1)));
        check(good.clone() + &both + &next, 4, "both `op` and `seal`");
        check(
            good.clone() + &neither + &next,
            4,
            "neither `op` nor `seal`",
        );

        // Empty files and a torn first entry are not sheets.
        for bytes in [&b""[..], &good.as_bytes()[..20]] {
            std::fs::write(&path, bytes).unwrap();
            let err = SheetFile::open(&path).unwrap_err();
            assert!(matches!(err, JournalError::NotASheet { .. }), "{err}");
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "left as it was");
        }
        let err = SheetFile::open(Path::new("/dev/null")).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn nothing_may_follow_a_seal() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut sf) = sheet_with(dir.path(), 2);
        let head_before = sf.head();
        sf.append_seal(seal_record(), AT.into()).unwrap();
        assert_eq!(sf.seal(), Some(&seal_record()));
        assert_eq!(sf.seal_entry().map(|s| s.at.as_str()), Some(AT));
        assert_eq!(sf.seal_entry().unwrap().head_before, head_before);
        let err = sf.append(set(PvField::A, 1)).unwrap_err();
        assert!(matches!(err, JournalError::Sealed { .. }), "{err}");
        assert!(err.to_string().contains("abab abab"), "{err}");
        let err = sf.append_seal(seal_record(), AT.into()).unwrap_err();
        assert!(matches!(err, JournalError::Sealed { .. }), "{err}");
        let head = sf.head();
        drop(sf);

        let (sf, recovery) = SheetFile::open(&path).unwrap();
        assert!(recovery.is_clean());
        assert!(sf.is_sealed());
        assert_eq!(sf.seq(), 3);
        assert_eq!(sf.head(), head);
        drop(sf);
        let journal = Journal::read(&path).unwrap();
        let seal = journal.seal.as_ref().unwrap();
        assert_eq!((seal.seq, seal.line), (3, 4));
        assert_eq!(seal.head_before, head_before);
        assert_eq!(seal.record, seal_record());
        assert_eq!(journal.head, head);

        let good = std::fs::read_to_string(&path).unwrap();
        let after = Entry {
            seq: 4,
            prev: head.clone(),
            at: AT.into(),
            body: Body::Op(set(PvField::A, 1)),
        }
        .to_line()
        .unwrap();
        for extra in [after.clone() + "\n", after.clone(), "x".to_string()] {
            let bytes = good.clone() + &extra;
            match Journal::from_bytes(&path, bytes.as_bytes()) {
                Err(JournalError::Tampered {
                    line: 5, detail, ..
                }) => assert!(detail.en.contains("follow"), "{detail}"),
                other => panic!("{extra}: {other:?}"),
            }
        }
    }

    #[test]
    fn entries_that_would_not_read_back_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut sf) = sheet_with(dir.path(), 1);
        let before = std::fs::read(&path).unwrap();
        let sheet = sf.sheet().clone();
        let bad = [
            (Op::Create(header()), AT),
            (
                Op::SetCount {
                    field: FieldKey::List(0),
                    value: Some(1),
                },
                AT,
            ),
            (
                Op::SetMoment {
                    id: "x".into(),
                    time: Some(TimeOfDay { minutes: 2000 }),
                },
                AT,
            ),
            (set(PvField::A, 1), "21:05"),
        ];
        for (op, at) in bad {
            let err = sf.append_at(op, at.into()).unwrap_err();
            assert!(matches!(err, JournalError::Refused { .. }), "{err}");
        }
        assert_eq!(sf.sheet(), &sheet);
        assert_eq!(sf.seq(), 1);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_second_writer_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (path, sf) = sheet_with(dir.path(), 1);
        let err = SheetFile::open(&path).unwrap_err();
        assert!(matches!(err, JournalError::Locked { .. }), "{err}");
        assert!(Journal::read(&path).is_ok(), "readers are not locked out");
        drop(sf);
        assert!(SheetFile::open(&path).is_ok());
    }

    /// How [`Faulty`] fails.
    const OK: u8 = 0;
    const FAIL_WRITE_HALFWAY: u8 = 1;
    const FAIL_SYNC: u8 = 2;
    const FAIL_EVERYTHING: u8 = 3;

    /// A store over the real file that fails on demand, as a full disk does: part of
    /// the line reaches the file, then ENOSPC.
    #[derive(Debug)]
    struct Faulty {
        file: File,
        mode: Arc<AtomicU8>,
    }

    fn enospc() -> io::Error {
        io::Error::from_raw_os_error(28)
    }

    impl Store for Faulty {
        fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
            match self.mode.load(Ordering::SeqCst) {
                FAIL_WRITE_HALFWAY | FAIL_EVERYTHING => {
                    Write::write_all(&mut self.file, &bytes[..bytes.len() / 2])?;
                    Err(enospc())
                }
                _ => Write::write_all(&mut self.file, bytes),
            }
        }
        fn sync_data(&mut self) -> io::Result<()> {
            match self.mode.load(Ordering::SeqCst) {
                FAIL_SYNC => Err(io::Error::from_raw_os_error(5)),
                _ => self.file.sync_data(),
            }
        }
        fn truncate(&mut self, len: u64) -> io::Result<()> {
            match self.mode.load(Ordering::SeqCst) {
                FAIL_EVERYTHING => Err(io::Error::from_raw_os_error(30)),
                _ => Store::truncate(&mut self.file, len),
            }
        }
    }

    #[test]
    fn a_failed_write_changes_nothing_and_can_be_retried() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut sf) = sheet_with(dir.path(), 2);
        let mode = Arc::new(AtomicU8::new(OK));
        sf.store = Box::new(Faulty {
            file: OpenOptions::new().append(true).open(&path).unwrap(),
            mode: mode.clone(),
        });
        let before = std::fs::read(&path).unwrap();
        let (sheet, head, seq) = (sf.sheet().clone(), sf.head(), sf.seq());
        let edit = set(PvField::D, 1234);

        for failure in [FAIL_WRITE_HALFWAY, FAIL_SYNC, FAIL_EVERYTHING] {
            mode.store(failure, Ordering::SeqCst);
            let err = sf.append(edit.clone()).unwrap_err();
            let msg = err.to_string();
            assert!(
                matches!(err, JournalError::WriteFailed { seq: 3, .. }),
                "{msg}"
            );
            assert!(msg.contains("sheet.jsonl"), "{msg}");
            assert!(msg.contains("entry 3 (sets D = 1234)"), "{msg}");
            assert!(msg.contains("can be retried"), "{msg}");
            if failure != FAIL_SYNC {
                assert!(msg.contains("No space left on device"), "{msg}");
                assert!(msg.contains("disk is full"), "{msg}");
            }
            assert_eq!(sf.sheet(), &sheet);
            assert_eq!((sf.head(), sf.seq()), (head.clone(), seq));
            if failure == FAIL_EVERYTHING {
                // The half line could not be cut; it is cut before the next write.
                assert!(sf.dirty);
                assert!(std::fs::read(&path).unwrap().len() > before.len());
            } else {
                assert_eq!(std::fs::read(&path).unwrap(), before, "file unchanged");
            }
        }

        mode.store(OK, Ordering::SeqCst);
        sf.append(edit.clone()).unwrap();
        assert_eq!(sf.seq(), 3);
        assert_eq!(sf.sheet().pv(PvField::D), Some(1234));
        let (sheet, head) = (sf.sheet().clone(), sf.head());
        drop(sf);
        let (sf, recovery) = SheetFile::open(&path).unwrap();
        assert!(recovery.is_clean(), "{recovery}");
        assert_eq!(sf.sheet(), &sheet);
        assert_eq!(sf.head(), head);
    }

    #[test]
    fn a_full_device_gives_a_clear_error_and_a_retry_works() {
        let Ok(full) = OpenOptions::new().append(true).open("/dev/full") else {
            return; // no /dev/full on this system; the Faulty store covers the logic
        };
        let dir = tempfile::tempdir().unwrap();
        let (path, mut sf) = sheet_with(dir.path(), 1);
        let before = std::fs::read(&path).unwrap();
        let sheet = sf.sheet().clone();
        sf.store = Box::new(full);
        let err = sf.append(set(PvField::A, 5)).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("No space left on device"), "{msg}");
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert_eq!(sf.sheet(), &sheet);
        assert_eq!(sf.seq(), 1);
        assert_eq!(std::fs::read(&path).unwrap(), before);

        sf.store = Box::new(OpenOptions::new().append(true).open(&path).unwrap());
        sf.dirty = false; // /dev/full cannot be truncated; the real file was never touched
        sf.append(set(PvField::A, 5)).unwrap();
        drop(sf);
        let journal = Journal::read(&path).unwrap();
        assert_eq!(journal.seq(), 2);
        assert_eq!(journal.sheet.pv(PvField::A), Some(5));
    }

    fn field_key() -> impl Strategy<Value = FieldKey> {
        prop_oneof![
            (0usize..10).prop_map(|i| FieldKey::Pv(PvField::ALL[i])),
            (1u32..60).prop_map(FieldKey::List),
            (1u32..60).prop_map(FieldKey::ListPage),
            (1u32..60, 1u32..80)
                .prop_map(|(list, candidate)| FieldKey::Candidate { list, candidate }),
            (0usize..8).prop_map(|i| FieldKey::Explanation(Explanation::ALL[i])),
        ]
    }

    /// Any text, control characters, quotes and emoji included.
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter)
    }

    fn time() -> impl Strategy<Value = Option<TimeOfDay>> {
        prop::option::of((0u16..24, 0u16..60).prop_map(|(h, m)| TimeOfDay::new(h, m).unwrap()))
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (field_key(), prop::option::of(any::<u32>()))
                .prop_map(|(field, value)| Op::SetCount { field, value }),
            (field_key(), any::<i32>()).prop_map(|(field, delta)| Op::Tally { field, delta }),
            (field_key(), -2i32..3).prop_map(|(field, delta)| Op::Tally { field, delta }),
            field_key().prop_map(|field| Op::ClearTally { field }),
            prop::option::of(prop::sample::select(DhTick::ALL.to_vec())).prop_map(Op::SetDhTick),
            prop::option::of(prop::sample::select(Explained::ALL.to_vec()))
                .prop_map(Op::SetExplained),
            (
                text(),
                prop::option::of(prop::sample::select(vec![
                    Answer::Yes,
                    Answer::No,
                    Answer::Unknown
                ])),
                text()
            )
                .prop_map(|(id, answer, note)| Op::SetCheck { id, answer, note }),
            (text(), time()).prop_map(|(id, time)| Op::SetMoment { id, time }),
            (1u32..4, any::<bool>(), text(), time(), text(), text()).prop_map(
                |(id, objection, category, time, text, response)| {
                    Op::PutEvent(Event {
                        id,
                        kind: if objection {
                            EventKind::Objection
                        } else {
                            EventKind::Incident
                        },
                        category,
                        time,
                        text,
                        response,
                    })
                }
            ),
            (1u32..4).prop_map(|id| Op::RemoveEvent { id }),
            text().prop_map(Op::SetNotes),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Whatever is appended replays to the sheet that applying the ops gives.
        #[test]
        fn random_edits_replay_to_the_same_sheet(ops in prop::collection::vec(op(), 0..24)) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.jsonl");
            let mut sf = SheetFile::create(&path, header()).unwrap();
            let mut expected = Sheet::new(header());
            for op in &ops {
                sf.append(op.clone()).unwrap();
                expected.apply(op);
            }
            prop_assert_eq!(sf.sheet(), &expected);
            let head = sf.head();
            drop(sf);
            let (again, recovery) = SheetFile::open(&path).unwrap();
            prop_assert!(recovery.is_clean());
            prop_assert_eq!(again.sheet(), &expected);
            prop_assert_eq!(again.head(), head);
            prop_assert_eq!(again.seq(), ops.len() as u64);
            let journal = Journal::read(&path).unwrap();
            prop_assert_eq!(&journal.sheet, &expected);
            let replayed: Vec<&Op> = journal.entries[1..].iter().filter_map(|e| e.entry.op()).collect();
            prop_assert_eq!(replayed, ops.iter().collect::<Vec<_>>());
        }
    }
}
