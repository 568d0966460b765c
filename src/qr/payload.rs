//! The compact binary form of a [`SealedSheet`] (format `MT1`, docs/qr.md), and its text
//! form `MT1:<Base45 of the deflated binary>`.
//!
//! Every field of the sealed sheet is carried and comes back exactly, so the decoded
//! sheet verifies on its own with the seal's canonical encoding, whatever that encoding
//! is. What makes it small:
//! - integers are LEB128 varints; enums share one flags byte or take one byte;
//! - the 64-character hex strings (keys, hashes, signature) travel as raw bytes;
//! - the ids of moments, questions and categories of the built-in forms are one byte
//!   (a frozen table, [`ID_TABLE`]), and election names share a known prefix;
//! - dates and the seal time are packed numbers when they re-format to the exact text;
//! - the seal fingerprint is left out when it is the SHA-256 of the seal's canonical
//!   encoding (always, for a sound seal): the reader recomputes it;
//! - deflate starts from a preset dictionary ([`DICTIONARY`]) of observers' words;
//! - candidate votes travel as runs of consecutive candidates of one list.
//!
//! Every shortcut has a literal fallback, so any sheet (odd ids, upper-case hex, a time
//! in another notation) still round-trips exactly, only less compactly.
//!
//! The encoding is canonical: the decoder accepts exactly the bytes the encoder makes
//! (sections in order, map keys increasing, no trailing bytes), so a payload can only
//! be read one way.

use std::collections::BTreeMap;
use std::io::Read;

use chrono::{DateTime, SecondsFormat};

use crate::election::{
    Contest, CountingMethod, Election, ElectionCategory, PollingStation, StationId,
};
use crate::sheet::seal::{self, SealRecord, SealedSheet};
use crate::sheet::{
    Answer, ChecklistAnswer, DhTick, Event, EventKind, Explained, Explanation, FieldKey,
    ObservedSession, Observer, PvField, Sheet, SheetHeader, SheetKind, TimeOfDay,
};

use super::QrError;

/// The text that starts every whole-sheet code.
pub const SHEET_PREFIX: &str = "MT1:";

/// Ids of the built-in forms' moments, checklist questions and incident and objection
/// categories (forms/categories/*.ron when format MT1 was fixed). An id found here is
/// sent as its index. The table is part of the format and never changes within MT1; an
/// index past its end is refused as "made by a newer meetel".
pub const ID_TABLE: &[&str] = &[
    // moments
    "open",
    "close",
    "admitted-count",
    "admitted-announced",
    "materials-sealed",
    "box-opened",
    "list-totals",
    "quick-count",
    "candidate-count-done",
    "results-read",
    "pv-signed",
    "materials-transferred",
    // checklist
    "empty-box",
    "closed-on-time",
    "passes-first",
    "abcd-announced",
    "sealed-before-opening",
    "box-intact",
    "box-emptied",
    "ballots-visible",
    "doubtful-consistent",
    "invalid-reason",
    "counted-twice",
    "only-members-touched",
    "candidates-match-lists",
    "dh-explained",
    "pv-pen",
    "results-read-before-signing",
    "objections-recorded",
    "signed-by-three",
    "changed-after-signing",
    "ballots-sealed-transferred",
    "allowed-to-observe",
    "gsb-recount",
    // incident categories
    "validity-dispute",
    "count-not-visible",
    "observer-restricted",
    "wrong-order",
    "not-read-out",
    "objection-not-recorded",
    "unexplained-difference",
    "arithmetic-error",
    "pv-integrity",
    "materials-seals",
    "unauthorised-handling",
    "disturbance",
    "ballot-secrecy",
    "transfer",
    "gsb-session",
    "other",
    // objection categories
    "ballot-validity",
    "counting-method",
    "admission",
    "procedure",
    "pv-content",
];

/// Known beginnings of election names (EML `ElectionName`); the rest is sent as text.
/// Frozen like [`ID_TABLE`].
pub const NAME_PREFIXES: &[&str] = &[
    "Tweede Kamer der Staten-Generaal ",
    "Eerste Kamer der Staten-Generaal ",
    "Europees Parlement ",
    "Provinciale Staten ",
    "Algemeen bestuur ",
    "Gemeenteraad ",
    "Eilandsraad ",
    "Kiescollege ",
];

/// The notations of the seal time that travel packed (code = 1 + index).
const TIME_FORMATS: &[(SecondsFormat, bool)] = &[
    (SecondsFormat::Secs, false),
    (SecondsFormat::Secs, true),
    (SecondsFormat::Millis, false),
    (SecondsFormat::Millis, true),
    (SecondsFormat::Micros, false),
    (SecondsFormat::Micros, true),
    (SecondsFormat::Nanos, false),
    (SecondsFormat::Nanos, true),
    (SecondsFormat::AutoSi, false),
    (SecondsFormat::AutoSi, true),
];

/// An upper bound on the inflated binary, so that a hostile code cannot make the reader
/// allocate without end (a sheet with every candidate of 40 lists is far below it).
const MAX_BINARY: u64 = 1 << 20;

// Body section tags, in the order they must appear.
const TAG_COUNTS: u8 = 1;
const TAG_TALLIES: u8 = 2;
const TAG_DH_TICK: u8 = 3;
const TAG_EXPLAINED: u8 = 4;
const TAG_CHECKLIST: u8 = 5;
const TAG_MOMENTS: u8 = 6;
const TAG_EVENTS: u8 = 7;
const TAG_NOTES: u8 = 8;

/// The sealed sheet as `MT1:` followed by the Base45 text of its deflated binary form.
pub fn to_text(sealed: &SealedSheet) -> String {
    let mut text = String::from(SHEET_PREFIX);
    text.push_str(&base45::encode(deflate(&encode(sealed))));
    text
}

/// Reads a whole-sheet code (`MT1:…`). Does not check the seal: see
/// [`super::decode_verified`].
pub fn from_text(text: &str) -> Result<SealedSheet, QrError> {
    let body = text
        .strip_prefix(SHEET_PREFIX)
        .ok_or_else(|| QrError::Foreign(super::abbreviate(text)))?;
    let compressed = base45_decode(body)?;
    let binary = inflate(&compressed)?;
    decode(&binary)
}

/// Strict Base45: the crate accepts a last pair that encodes more than a byte; such a
/// text is not what any encoder makes, so it is refused here by encoding back.
pub fn base45_decode(text: &str) -> Result<Vec<u8>, QrError> {
    let bytes = base45::decode(text).map_err(|_| {
        QrError::Payload(
            "the text after the prefix is not Base45 (RFC 9285): a character outside \
             0-9 A-Z space $ % * + - . / :, a group over 65535, or a lone last character"
                .into(),
        )
    })?;
    if base45::encode(&bytes) != text {
        return Err(QrError::Payload(
            "the Base45 text is not in canonical form (its last pair encodes more than a byte)"
                .into(),
        ));
    }
    Ok(bytes)
}

/// The preset dictionary of format MT1: words and phrases of Dutch (and some English)
/// observers' notes and of the forms. Deflate finds repeats in it as if it had been
/// sent before the payload, which is what makes 100-character notes small. Like
/// [`ID_TABLE`] it is part of the format and never changes within MT1.
pub const DICTIONARY: &str = include_str!("dictionary.txt");

/// Raw deflate (RFC 1951) at the best compression, continuing after the preset
/// [`DICTIONARY`] (the technique of zlib's `deflateSetDictionary`; miniz, flate2's
/// backend, has no such call, so the dictionary is compressed first and its output
/// dropped at a sync flush). No zlib header or checksum: the QR code has its own error
/// correction and the signature covers every byte.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut c = Compress::new(Compression::best(), false);
    let dict = DICTIONARY.as_bytes();
    let mut dropped = Vec::with_capacity(2 * dict.len() + 1024);
    c.compress_vec(dict, &mut dropped, FlushCompress::Sync)
        .expect("deflate into memory cannot fail");
    assert_eq!(
        c.total_in(),
        dict.len() as u64,
        "the dictionary is consumed in one call"
    );
    let mut out = Vec::with_capacity(bytes.len() + 1024);
    loop {
        let consumed = (c.total_in() - dict.len() as u64) as usize;
        if out.capacity() - out.len() < 1024 {
            out.reserve(bytes.len() + 1024);
        }
        let status = c
            .compress_vec(&bytes[consumed..], &mut out, FlushCompress::Finish)
            .expect("deflate into memory cannot fail");
        if status == Status::StreamEnd {
            return out;
        }
    }
}

/// The dictionary as stored deflate blocks: what a reader puts before the payload so
/// that its back-references find the dictionary. Stored blocks decode to the same bytes
/// whatever compressor made the payload.
fn stored_dictionary() -> Vec<u8> {
    let dict = DICTIONARY.as_bytes();
    let mut out = Vec::with_capacity(dict.len() + 16);
    for chunk in dict.chunks(u16::MAX as usize) {
        let len = chunk.len() as u16;
        out.push(0); // BFINAL = 0, BTYPE = 00 (stored), padded to the byte
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

pub fn inflate(bytes: &[u8]) -> Result<Vec<u8>, QrError> {
    let mut stream = stored_dictionary();
    stream.extend_from_slice(bytes);
    let mut out = Vec::new();
    let limit = MAX_BINARY + DICTIONARY.len() as u64;
    let mut decoder = flate2::read::DeflateDecoder::new(&stream[..]);
    (&mut decoder)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| QrError::Payload(format!("the deflated data does not inflate: {e}")))?;
    if out.len() as u64 > limit {
        return Err(QrError::Payload(format!(
            "the payload inflates to more than {MAX_BINARY} bytes; no sheet is that large"
        )));
    }
    if decoder.total_in() != stream.len() as u64 {
        return Err(QrError::Payload(format!(
            "{} bytes follow the end of the deflated data",
            stream.len() as u64 - decoder.total_in()
        )));
    }
    Ok(out.split_off(DICTIONARY.len()))
}

// ---------------------------------------------------------------------------------
// Encoding

/// The binary form (before deflate).
pub fn encode(sealed: &SealedSheet) -> Vec<u8> {
    let mut w = Writer::default();
    let s = &sealed.sheet;
    let h = &s.header;
    w.varint(h.format as u64);
    let category = ElectionCategory::ALL
        .iter()
        .position(|c| *c == h.election.category)
        .expect("every category is in ALL") as u8;
    let mut flags = category;
    if h.kind == SheetKind::PvTranscription {
        flags |= 1 << 3;
    }
    if h.session == ObservedSession::MunicipalReview {
        flags |= 1 << 4;
    }
    if h.station.counting == CountingMethod::Cso {
        flags |= 1 << 5;
    }
    if h.election.contest.is_some() {
        flags |= 1 << 6;
    }
    if h.supersedes.is_some() {
        flags |= 1 << 7;
    }
    w.byte(flags);
    w.str(&h.form_id);
    w.hex(&h.form_sha256);
    w.str(&h.election.id);
    w.election_name(&h.election.name);
    w.date(&h.election.date);
    if let Some(c) = &h.election.contest {
        w.str(&c.id);
        w.str(&c.name);
    }
    w.str(&h.station.id.municipality);
    w.varint(h.station.id.number as u64);
    w.str(&h.station.municipality_name);
    w.str(&h.station.name);
    w.str(&h.station.postcode);
    w.str(&h.observer.alias);
    w.hex(&h.observer.public_key);
    if let Some(sup) = &h.supersedes {
        w.hex(sup);
    }

    w.hex(&sealed.journal_head);
    w.time(&sealed.sealed_at);
    // The fingerprint is the SHA-256 of the seal's canonical encoding, which the reader
    // recomputes: it travels only when it is not that (and then will not verify).
    let derived = hex::encode(seal::fingerprint(
        s,
        &sealed.journal_head,
        &sealed.sealed_at,
    ));
    if sealed.seal.fingerprint == derived {
        w.byte(0);
    } else {
        w.byte(1);
        w.hex(&sealed.seal.fingerprint);
    }
    w.hex(&sealed.seal.signature);

    if !s.counts.is_empty() {
        w.byte(TAG_COUNTS);
        w.counts(&s.counts);
    }
    if !s.tallies.is_empty() {
        w.byte(TAG_TALLIES);
        w.counts(&s.tallies);
    }
    if let Some(t) = s.dh_tick {
        w.byte(TAG_DH_TICK);
        w.byte(DhTick::ALL.iter().position(|x| *x == t).expect("in ALL") as u8);
    }
    if let Some(e) = s.explained {
        w.byte(TAG_EXPLAINED);
        w.byte(Explained::ALL.iter().position(|x| *x == e).expect("in ALL") as u8);
    }
    if !s.checklist.is_empty() {
        w.byte(TAG_CHECKLIST);
        w.varint(s.checklist.len() as u64);
        for (id, a) in &s.checklist {
            w.id(id);
            let answer = match a.answer {
                None => 0,
                Some(Answer::Yes) => 1,
                Some(Answer::No) => 2,
                Some(Answer::Unknown) => 3,
            };
            w.byte(answer | (u8::from(!a.note.is_empty()) << 2));
            if !a.note.is_empty() {
                w.str(&a.note);
            }
        }
    }
    if !s.moments.is_empty() {
        w.byte(TAG_MOMENTS);
        w.varint(s.moments.len() as u64);
        for (id, t) in &s.moments {
            w.id(id);
            w.varint(t.minutes as u64);
        }
    }
    if !s.events.is_empty() {
        w.byte(TAG_EVENTS);
        w.varint(s.events.len() as u64);
        for e in &s.events {
            w.varint(e.id as u64);
            let kind = match e.kind {
                EventKind::Objection => 0,
                EventKind::Incident => 1,
            };
            w.byte(
                kind | (u8::from(e.time.is_some()) << 1) | (u8::from(!e.response.is_empty()) << 2),
            );
            w.id(&e.category);
            if let Some(t) = e.time {
                w.varint(t.minutes as u64);
            }
            w.str(&e.text);
            if !e.response.is_empty() {
                w.str(&e.response);
            }
        }
    }
    if !s.notes.is_empty() {
        w.byte(TAG_NOTES);
        w.str(&s.notes);
    }
    w.out
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn varint(&mut self, mut v: u64) {
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(low);
                return;
            }
            self.out.push(low | 0x80);
        }
    }

    fn zigzag(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }

    fn raw_str(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.raw_str(s);
    }

    /// Lower-case hex of even length travels as bytes (odd header), anything else as
    /// text (even header).
    fn hex(&mut self, s: &str) {
        let is_lower_hex = s.len().is_multiple_of(2)
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if is_lower_hex {
            let bytes = hex::decode(s).expect("checked to be hex");
            self.varint(((bytes.len() as u64) << 1) | 1);
            self.out.extend_from_slice(&bytes);
        } else {
            self.varint((s.len() as u64) << 1);
            self.raw_str(s);
        }
    }

    /// An id of the built-in forms is its index in [`ID_TABLE`] (odd header); any other
    /// id is text (even header).
    fn id(&mut self, s: &str) {
        match ID_TABLE.iter().position(|x| *x == s) {
            Some(i) => self.varint(((i as u64) << 1) | 1),
            None => {
                self.varint((s.len() as u64) << 1);
                self.raw_str(s);
            }
        }
    }

    /// The longest known prefix (0 = none, k = NAME_PREFIXES[k-1]), then the rest.
    fn election_name(&mut self, s: &str) {
        let best = NAME_PREFIXES
            .iter()
            .enumerate()
            .filter(|(_, p)| s.starts_with(**p))
            .max_by_key(|(_, p)| p.len());
        match best {
            Some((i, p)) => {
                self.varint(i as u64 + 1);
                self.str(&s[p.len()..]);
            }
            None => {
                self.varint(0);
                self.str(s);
            }
        }
    }

    /// `YYYY-MM-DD` as one number (1 + (year*12 + month-1)*31 + day-1); 0 = text follows.
    fn date(&mut self, s: &str) {
        match pack_date(s) {
            Some(v) => self.varint(v),
            None => {
                self.varint(0);
                self.str(s);
            }
        }
    }

    /// The seal time: a notation code, then seconds since 1970 (UTC), nanoseconds and
    /// the offset in minutes, when formatting them back gives exactly the same text;
    /// else code 0 and the text.
    fn time(&mut self, s: &str) {
        match pack_time(s) {
            Some((code, secs, nanos, offset_min)) => {
                self.byte(code);
                self.zigzag(secs);
                self.varint(nanos as u64);
                self.zigzag(offset_min);
            }
            None => {
                self.byte(0);
                self.str(s);
            }
        }
    }

    fn field_key(&mut self, key: &FieldKey) {
        match key {
            FieldKey::Pv(p) => self.varint(index_of(&PvField::ALL, p) << 3),
            FieldKey::List(n) => self.varint(((*n as u64) << 3) | 1),
            FieldKey::ListPage(n) => self.varint(((*n as u64) << 3) | 2),
            FieldKey::Explanation(x) => self.varint((index_of(&Explanation::ALL, x) << 3) | 3),
            FieldKey::Candidate { list, candidate } => {
                self.varint(((*list as u64) << 3) | 4);
                self.varint(*candidate as u64);
            }
        }
    }

    /// Counts as runs of consecutive keys (A…J, E.1…E.n, candidates 1…k of a list):
    /// the first key, the length, then the values.
    fn counts(&mut self, map: &BTreeMap<FieldKey, u32>) {
        let mut runs: Vec<(FieldKey, Vec<u32>)> = Vec::new();
        for (k, v) in map {
            match runs.last_mut() {
                Some((start, vals)) if nth_after(*start, vals.len() as u64) == Some(*k) => {
                    vals.push(*v)
                }
                _ => runs.push((*k, vec![*v])),
            }
        }
        self.varint(runs.len() as u64);
        for (start, vals) in runs {
            self.field_key(&start);
            self.varint(vals.len() as u64);
            for v in vals {
                self.varint(v as u64);
            }
        }
    }
}

fn index_of<T: PartialEq>(all: &[T], x: &T) -> u64 {
    all.iter()
        .position(|y| y == x)
        .expect("every variant is in ALL") as u64
}

/// The key `n` places after `key` in its run (same kind, same list), if there is one.
fn nth_after(key: FieldKey, n: u64) -> Option<FieldKey> {
    let add = |x: u32| u32::try_from(x as u64 + n).ok();
    Some(match key {
        FieldKey::Pv(p) => {
            FieldKey::Pv(*PvField::ALL.get((index_of(&PvField::ALL, &p) + n) as usize)?)
        }
        FieldKey::List(x) => FieldKey::List(add(x)?),
        FieldKey::ListPage(x) => FieldKey::ListPage(add(x)?),
        FieldKey::Explanation(e) => FieldKey::Explanation(
            *Explanation::ALL.get((index_of(&Explanation::ALL, &e) + n) as usize)?,
        ),
        FieldKey::Candidate { list, candidate } => FieldKey::Candidate {
            list,
            candidate: add(candidate)?,
        },
    })
}

/// (notation code, seconds since 1970, nanoseconds, offset in minutes) when formatting
/// them back gives exactly `s`.
fn pack_time(s: &str) -> Option<(u8, i64, u32, i64)> {
    let t = DateTime::parse_from_rfc3339(s).ok()?;
    let offset = t.offset().local_minus_utc();
    if offset % 60 != 0 {
        return None;
    }
    let code = TIME_FORMATS
        .iter()
        .position(|(f, z)| t.to_rfc3339_opts(*f, *z) == s)?;
    Some((
        code as u8 + 1,
        t.timestamp(),
        t.timestamp_subsec_nanos(),
        (offset / 60) as i64,
    ))
}

fn pack_date(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u64> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(1 + (y * 12 + m - 1) * 31 + d - 1)
}

fn unpack_date(v: u64) -> Option<String> {
    let v = v - 1;
    let d = v % 31 + 1;
    let ym = v / 31;
    let (y, m) = (ym / 12, ym % 12 + 1);
    (y <= 9999).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

// ---------------------------------------------------------------------------------
// Decoding

/// Reads the binary form. Errors name the field where the bytes stopped making sense.
pub fn decode(bytes: &[u8]) -> Result<SealedSheet, QrError> {
    let mut r = Reader { bytes, pos: 0 };
    let format = r.u32("header.format")?;
    let flags = r.byte("header flags")?;
    let category = *ElectionCategory::ALL
        .get((flags & 7) as usize)
        .expect("three bits index eight categories");
    let kind = if flags & (1 << 3) != 0 {
        SheetKind::PvTranscription
    } else {
        SheetKind::Observation
    };
    let session = if flags & (1 << 4) != 0 {
        ObservedSession::MunicipalReview
    } else {
        ObservedSession::StationCount
    };
    let counting = if flags & (1 << 5) != 0 {
        CountingMethod::Cso
    } else {
        CountingMethod::Dso
    };
    let form_id = r.str("header.form_id")?;
    let form_sha256 = r.hex("header.form_sha256")?;
    let election_id = r.str("header.election.id")?;
    let election_name = r.election_name("header.election.name")?;
    let date = r.date("header.election.date")?;
    let contest = if flags & (1 << 6) != 0 {
        Some(Contest {
            id: r.str("header.election.contest.id")?,
            name: r.str("header.election.contest.name")?,
        })
    } else {
        None
    };
    let municipality = r.str("header.station.id (municipality)")?;
    let number = r.u32("header.station.id (number)")?;
    let station = PollingStation {
        id: StationId::new(municipality, number),
        municipality_name: r.str("header.station.municipality_name")?,
        name: r.str("header.station.name")?,
        postcode: r.str("header.station.postcode")?,
        counting,
    };
    let observer = Observer {
        alias: r.str("header.observer.alias")?,
        public_key: r.hex("header.observer.public_key")?,
    };
    let supersedes = if flags & (1 << 7) != 0 {
        Some(r.hex("header.supersedes")?)
    } else {
        None
    };
    let header = SheetHeader {
        format,
        kind,
        form_id,
        form_sha256,
        election: Election {
            id: election_id,
            category,
            name: election_name,
            date,
            contest,
        },
        station,
        session,
        observer,
        supersedes,
    };
    let journal_head = r.hex("journal_head")?;
    let sealed_at = r.time("sealed_at")?;
    let recorded_fingerprint = match r.byte("seal.fingerprint")? {
        0 => None,
        1 => Some(r.hex("seal.fingerprint")?),
        x => {
            return Err(r.bad(
                "seal.fingerprint",
                &format!("marker {x} is not 0 (derived) or 1 (recorded)"),
            ))
        }
    };
    let signature = r.hex("seal.signature")?;

    let mut sheet = Sheet::new(header);
    let mut last_tag = 0u8;
    while r.pos < r.bytes.len() {
        let tag = r.byte("section tag")?;
        if tag <= last_tag || tag > TAG_NOTES {
            return Err(r.bad(
                "section tag",
                &format!(
                    "tag {tag} after tag {last_tag}; expected tags 1 to 8 in increasing order"
                ),
            ));
        }
        last_tag = tag;
        match tag {
            TAG_COUNTS => sheet.counts = r.counts("counts")?,
            TAG_TALLIES => sheet.tallies = r.counts("tallies")?,
            TAG_DH_TICK => {
                let i = r.byte("dh_tick")?;
                sheet.dh_tick = Some(
                    *DhTick::ALL
                        .get(i as usize)
                        .ok_or_else(|| r.bad("dh_tick", &format!("{i} is not 0 to 4")))?,
                );
            }
            TAG_EXPLAINED => {
                let i = r.byte("explained")?;
                sheet.explained = Some(
                    *Explained::ALL
                        .get(i as usize)
                        .ok_or_else(|| r.bad("explained", &format!("{i} is not 0 to 3")))?,
                );
            }
            TAG_CHECKLIST => {
                let n = r.section_len("checklist", 2)?;
                for i in 0..n {
                    let what = format!("checklist[{i}]");
                    let id = r.id(&what)?;
                    let packed = r.byte(&what)?;
                    let answer = match packed & 3 {
                        0 => None,
                        1 => Some(Answer::Yes),
                        2 => Some(Answer::No),
                        _ => Some(Answer::Unknown),
                    };
                    let note = match packed >> 2 {
                        0 => String::new(),
                        1 => r.nonempty_str(&what)?,
                        _ => {
                            return Err(
                                r.bad(&what, &format!("answer byte {packed} has unknown bits"))
                            )
                        }
                    };
                    r.increasing(&what, sheet.checklist.keys().next_back(), &id)?;
                    sheet.checklist.insert(id, ChecklistAnswer { answer, note });
                }
            }
            TAG_MOMENTS => {
                let n = r.section_len("moments", 2)?;
                for i in 0..n {
                    let what = format!("moments[{i}]");
                    let id = r.id(&what)?;
                    let minutes = r.u16(&what)?;
                    r.increasing(&what, sheet.moments.keys().next_back(), &id)?;
                    sheet.moments.insert(id, TimeOfDay { minutes });
                }
            }
            TAG_EVENTS => {
                let n = r.section_len("events", 4)?;
                for i in 0..n {
                    let what = format!("events[{i}]");
                    let id = r.u32(&what)?;
                    let packed = r.byte(&what)?;
                    if packed >> 3 != 0 {
                        return Err(r.bad(&what, &format!("event byte {packed} has unknown bits")));
                    }
                    let kind = if packed & 1 == 0 {
                        EventKind::Objection
                    } else {
                        EventKind::Incident
                    };
                    let category = r.id(&what)?;
                    let time = if packed & 2 != 0 {
                        Some(TimeOfDay {
                            minutes: r.u16(&what)?,
                        })
                    } else {
                        None
                    };
                    let text = r.str(&what)?;
                    let response = if packed & 4 != 0 {
                        r.nonempty_str(&what)?
                    } else {
                        String::new()
                    };
                    sheet.events.push(Event {
                        id,
                        kind,
                        category,
                        time,
                        text,
                        response,
                    });
                }
            }
            TAG_NOTES => sheet.notes = r.nonempty_str("notes")?,
            _ => unreachable!("tag checked above"),
        }
    }
    let derived = hex::encode(seal::fingerprint(&sheet, &journal_head, &sealed_at));
    let fingerprint = match recorded_fingerprint {
        None => derived,
        Some(f) if f == derived => return Err(QrError::Payload(
            "the seal fingerprint is sent although it is the derived one, not in canonical form"
                .into(),
        )),
        Some(f) => f,
    };
    Ok(SealedSheet {
        sheet,
        journal_head,
        sealed_at,
        seal: SealRecord {
            fingerprint,
            signature,
        },
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn bad(&self, what: &str, why: &str) -> QrError {
        QrError::Payload(format!("field `{what}` (byte {}): {why}", self.pos))
    }

    fn byte(&mut self, what: &str) -> Result<u8, QrError> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or_else(|| self.bad(what, "the payload ends here"))?;
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, what: &str, n: u64) -> Result<&[u8], QrError> {
        let left = (self.bytes.len() - self.pos) as u64;
        if n > left {
            return Err(self.bad(what, &format!("needs {n} bytes, {left} left")));
        }
        let s = &self.bytes[self.pos..self.pos + n as usize];
        self.pos += n as usize;
        Ok(s)
    }

    fn varint(&mut self, what: &str) -> Result<u64, QrError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte(what)?;
            if shift == 63 && b > 1 {
                return Err(self.bad(what, "number too large"));
            }
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                if b == 0 && shift > 0 {
                    return Err(self.bad(what, "number not in shortest form"));
                }
                return Ok(v);
            }
        }
        Err(self.bad(what, "number too long"))
    }

    fn zigzag(&mut self, what: &str) -> Result<i64, QrError> {
        let v = self.varint(what)?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    fn u32(&mut self, what: &str) -> Result<u32, QrError> {
        let v = self.varint(what)?;
        u32::try_from(v).map_err(|_| self.bad(what, &format!("{v} does not fit 32 bits")))
    }

    fn u16(&mut self, what: &str) -> Result<u16, QrError> {
        let v = self.varint(what)?;
        u16::try_from(v).map_err(|_| self.bad(what, &format!("{v} does not fit 16 bits")))
    }

    /// A count of items each at least `min_bytes` long, checked against what is left so
    /// that a bad count cannot make the reader allocate.
    fn len(&mut self, what: &str, min_bytes: u64) -> Result<u64, QrError> {
        let n = self.varint(what)?;
        let left = (self.bytes.len() - self.pos) as u64;
        if n.saturating_mul(min_bytes) > left {
            return Err(self.bad(
                what,
                &format!("{n} items cannot fit in the {left} bytes left"),
            ));
        }
        Ok(n)
    }

    /// The item count of a section, which is never 0: an empty section is left out.
    fn section_len(&mut self, what: &str, min_bytes: u64) -> Result<u64, QrError> {
        let n = self.len(what, min_bytes)?;
        if n == 0 {
            return Err(self.bad(
                what,
                "an empty section is left out, not sent; not in canonical form",
            ));
        }
        Ok(n)
    }

    fn text(&mut self, what: &str, n: u64) -> Result<String, QrError> {
        let raw = self.take(what, n)?.to_vec();
        String::from_utf8(raw).map_err(|_| self.bad(what, "text is not UTF-8"))
    }

    fn str(&mut self, what: &str) -> Result<String, QrError> {
        let n = self.varint(what)?;
        self.text(what, n)
    }

    fn nonempty_str(&mut self, what: &str) -> Result<String, QrError> {
        let s = self.str(what)?;
        if s.is_empty() {
            return Err(self.bad(
                what,
                "an empty text marked as present, not in canonical form",
            ));
        }
        Ok(s)
    }

    fn hex(&mut self, what: &str) -> Result<String, QrError> {
        let h = self.varint(what)?;
        if h & 1 == 1 {
            Ok(hex::encode(self.take(what, h >> 1)?))
        } else {
            let s = self.text(what, h >> 1)?;
            let would_be_bytes = s.len().is_multiple_of(2)
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if would_be_bytes {
                return Err(self.bad(what, "lower-case hex sent as text, not in canonical form"));
            }
            Ok(s)
        }
    }

    fn id(&mut self, what: &str) -> Result<String, QrError> {
        let h = self.varint(what)?;
        if h & 1 == 1 {
            let i = h >> 1;
            ID_TABLE
                .get(i as usize)
                .map(|s| s.to_string())
                .ok_or_else(|| {
                    self.bad(
                        what,
                        &format!("id number {i} is not in this version's table (a newer meetel?)"),
                    )
                })
        } else {
            let s = self.text(what, h >> 1)?;
            if ID_TABLE.contains(&s.as_str()) {
                return Err(self.bad(what, "a known id sent as text, not in canonical form"));
            }
            Ok(s)
        }
    }

    fn election_name(&mut self, what: &str) -> Result<String, QrError> {
        let p = self.varint(what)?;
        let rest = self.str(what)?;
        if p == 0 {
            if NAME_PREFIXES.iter().any(|x| rest.starts_with(x)) {
                return Err(self.bad(what, "a known prefix sent as text, not in canonical form"));
            }
            return Ok(rest);
        }
        let prefix = NAME_PREFIXES.get(p as usize - 1).ok_or_else(|| {
            self.bad(
                what,
                &format!("name prefix {p} is not in this version's table"),
            )
        })?;
        let name = format!("{prefix}{rest}");
        let longest = NAME_PREFIXES
            .iter()
            .enumerate()
            .filter(|(_, x)| name.starts_with(**x))
            .max_by_key(|(_, x)| x.len())
            .map(|(i, _)| i as u64 + 1);
        if longest != Some(p) {
            return Err(self.bad(what, "not the longest known prefix, not in canonical form"));
        }
        Ok(name)
    }

    fn date(&mut self, what: &str) -> Result<String, QrError> {
        match self.varint(what)? {
            0 => {
                let s = self.str(what)?;
                if pack_date(&s).is_some() {
                    return Err(
                        self.bad(what, "a packable date sent as text, not in canonical form")
                    );
                }
                Ok(s)
            }
            v => unpack_date(v)
                .ok_or_else(|| self.bad(what, &format!("date number {v} is past the year 9999"))),
        }
    }

    fn time(&mut self, what: &str) -> Result<String, QrError> {
        let code = self.byte(what)?;
        if code == 0 {
            let s = self.str(what)?;
            if pack_time(&s).is_some() {
                return Err(self.bad(what, "a packable time sent as text, not in canonical form"));
            }
            return Ok(s);
        }
        let (fmt, z) = *TIME_FORMATS
            .get(code as usize - 1)
            .ok_or_else(|| self.bad(what, &format!("time notation {code} is unknown")))?;
        let secs = self.zigzag(what)?;
        let nanos = self.u32(what)?;
        let offset_min = self.zigzag(what)?;
        let offset = offset_min
            .checked_mul(60)
            .and_then(|s| i32::try_from(s).ok())
            .and_then(chrono::FixedOffset::east_opt)
            .ok_or_else(|| {
                self.bad(
                    what,
                    &format!("offset of {offset_min} minutes is out of range"),
                )
            })?;
        let utc = DateTime::from_timestamp(secs, nanos)
            .ok_or_else(|| self.bad(what, "time out of range"))?;
        // chrono panics when formatting a time whose local date, after the offset, lies
        // past the dates it can hold; a crafted payload must be an error instead.
        if utc.naive_utc().checked_add_offset(offset).is_none() {
            return Err(self.bad(what, "time out of range"));
        }
        let text = utc.with_timezone(&offset).to_rfc3339_opts(fmt, z);
        // One text, one packing: the notation must be the first that prints the text
        // back, with no nanoseconds that it leaves out (Secs with nanoseconds, AutoSi
        // where Secs would do, `Z` where the offset is not zero), and the text must be
        // one the writer would pack (a local year past 9999 is sent as text).
        if pack_time(&text) != Some((code, secs, nanos, offset_min)) {
            return Err(self.bad(
                what,
                &format!("notation {code} with these numbers is not how `{text}` is packed, not in canonical form"),
            ));
        }
        Ok(text)
    }

    fn field_key(&mut self, what: &str) -> Result<FieldKey, QrError> {
        let v = self.varint(what)?;
        let n = v >> 3;
        let bad = |r: &Self| {
            r.bad(
                what,
                &format!("field key {v} is not a PV field, list, candidate or explanation"),
            )
        };
        let number = |r: &Self| u32::try_from(n).map_err(|_| bad(r));
        Ok(match v & 7 {
            0 => FieldKey::Pv(*PvField::ALL.get(n as usize).ok_or_else(|| bad(self))?),
            1 => FieldKey::List(number(self)?),
            2 => FieldKey::ListPage(number(self)?),
            3 => FieldKey::Explanation(*Explanation::ALL.get(n as usize).ok_or_else(|| bad(self))?),
            4 => FieldKey::Candidate {
                list: number(self)?,
                candidate: self.u32(what)?,
            },
            _ => return Err(bad(self)),
        })
    }

    fn counts(&mut self, what: &str) -> Result<BTreeMap<FieldKey, u32>, QrError> {
        let mut map = BTreeMap::new();
        let runs = self.section_len(what, 3)?;
        let mut last: Option<FieldKey> = None;
        for i in 0..runs {
            let item = format!("{what} run {i}");
            let start = self.field_key(&item)?;
            // Runs are maximal and in key order: each starts past the previous one and
            // not right after it.
            if let Some(l) = last {
                if start <= l || nth_after(l, 1) == Some(start) {
                    return Err(self.bad(
                        &item,
                        &format!("run from {start} overlaps, touches or precedes the run before"),
                    ));
                }
            }
            let len = self.len(&item, 1)?;
            if len == 0 {
                return Err(self.bad(&item, "empty run"));
            }
            let end = nth_after(start, len - 1).ok_or_else(|| {
                self.bad(
                    &item,
                    &format!("a run of {len} from {start} runs past the last key"),
                )
            })?;
            for k in 0..len {
                let value = self.u32(&item)?;
                map.insert(nth_after(start, k).expect("within the run"), value);
            }
            last = Some(end);
        }
        Ok(map)
    }

    fn increasing(&self, what: &str, last: Option<&String>, id: &str) -> Result<(), QrError> {
        match last {
            Some(l) if l.as_str() >= id => Err(self.bad(what, &format!("id `{id}` out of order"))),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_their_edges() {
        for v in [0u64, 1, 127, 128, 16383, 16384, u32::MAX as u64, u64::MAX] {
            let mut w = Writer::default();
            w.varint(v);
            let mut r = Reader {
                bytes: &w.out,
                pos: 0,
            };
            assert_eq!(r.varint("v").unwrap(), v);
            assert_eq!(r.pos, w.out.len());
        }
    }

    #[test]
    fn non_shortest_varints_are_refused() {
        let mut r = Reader {
            bytes: &[0x81, 0x00],
            pos: 0,
        };
        assert!(r.varint("v").unwrap_err().to_string().contains("shortest"));
    }

    #[test]
    fn dates_pack_only_when_they_print_back_the_same() {
        assert_eq!(
            unpack_date(pack_date("2025-10-29").unwrap()).unwrap(),
            "2025-10-29"
        );
        assert_eq!(pack_date("2025-13-01"), None);
        assert_eq!(pack_date("29-10-2025"), None);
        assert_eq!(pack_date(""), None);
    }

    #[test]
    fn times_pack_in_every_listed_notation_and_fall_back_to_text() {
        for s in [
            "2025-10-29T23:41:07+01:00",
            "2025-10-29T22:41:07Z",
            "2025-10-29T23:41:07.123+01:00",
            "2025-10-29T23:41:07.123456789+01:00",
            "2025-10-29T23:41:07-09:30",
            "29 oktober, laat",
        ] {
            let mut w = Writer::default();
            w.time(s);
            let mut r = Reader {
                bytes: &w.out,
                pos: 0,
            };
            assert_eq!(r.time("t").unwrap(), s);
        }
    }

    /// A crafted seal time: notation 1, then seconds, nanoseconds and offset as the
    /// reader takes them. Must be an error, never a panic (chrono panics when asked to
    /// format a local time past its last date, and `offset * 60` can overflow).
    #[test]
    fn crafted_seal_times_are_refused_without_panicking() {
        let last_second = DateTime::<chrono::Utc>::MAX_UTC.timestamp();
        let first_second = DateTime::<chrono::Utc>::MIN_UTC.timestamp();
        for (secs, offset_min) in [
            (last_second, 1),
            (first_second, -1),
            (0, i64::MAX / 2),
            (0, i64::MIN / 2),
        ] {
            let mut w = Writer::default();
            w.byte(1);
            w.zigzag(secs);
            w.varint(0);
            w.zigzag(offset_min);
            let mut r = Reader {
                bytes: &w.out,
                pos: 0,
            };
            let err = r.time("sealed_at").unwrap_err().to_string();
            assert!(err.contains("out of range"), "{secs} {offset_min}: {err}");
        }
    }

    /// The same seal time packed another way (nanoseconds the notation leaves out, a
    /// later notation that prints the same, `Z` notation for a non-zero offset) would
    /// give a second payload for one sheet: each is refused.
    #[test]
    fn a_seal_time_has_one_packing() {
        let s = "2025-10-29T23:41:07+01:00";
        let (code, secs, nanos, offset) = pack_time(s).unwrap();
        assert_eq!((code, nanos, offset), (1, 0, 60));
        for (code, nanos) in [(1u8, 5u32), (3, 1), (9, 0), (2, 0)] {
            let mut w = Writer::default();
            w.byte(code);
            w.zigzag(secs);
            w.varint(nanos as u64);
            w.zigzag(offset);
            let mut r = Reader {
                bytes: &w.out,
                pos: 0,
            };
            let err = r.time("sealed_at").unwrap_err().to_string();
            assert!(err.contains("canonical"), "{code} {nanos}: {err}");
        }
        // A local year past 9999 is not RFC 3339 as meetel reads it: the writer sends
        // such a text as text, so its packed form is refused.
        let mut w = Writer::default();
        w.byte(1);
        w.zigzag(253_402_300_800); // 10000-01-01T00:00:00Z
        w.varint(0);
        w.zigzag(0);
        let mut r = Reader {
            bytes: &w.out,
            pos: 0,
        };
        assert!(r
            .time("sealed_at")
            .unwrap_err()
            .to_string()
            .contains("canonical"));
    }

    #[test]
    fn empty_sections_are_refused() {
        for section in [
            vec![TAG_COUNTS, 0],
            vec![TAG_TALLIES, 0],
            vec![TAG_CHECKLIST, 0],
            vec![TAG_MOMENTS, 0],
            vec![TAG_EVENTS, 0],
            vec![TAG_NOTES, 0],
        ] {
            let mut r = Reader {
                bytes: &section,
                pos: 1,
            };
            let err = match section[0] {
                TAG_COUNTS | TAG_TALLIES => r.counts("counts").map(|_| ()),
                TAG_NOTES => r.nonempty_str("notes").map(|_| ()),
                _ => r.section_len("items", 2).map(|_| ()),
            }
            .unwrap_err()
            .to_string();
            assert!(err.contains("canonical"), "{section:?}: {err}");
        }
    }

    #[test]
    fn hex_and_ids_fall_back_to_text() {
        for s in ["", "ab", "ABCD", "abc", "not hex", &"0f".repeat(32)] {
            let mut w = Writer::default();
            w.hex(s);
            let mut r = Reader {
                bytes: &w.out,
                pos: 0,
            };
            assert_eq!(r.hex("h").unwrap(), s);
        }
        for s in ["open", "gsb-recount", "my-own-question", ""] {
            let mut w = Writer::default();
            w.id(s);
            let mut r = Reader {
                bytes: &w.out,
                pos: 0,
            };
            assert_eq!(r.id("i").unwrap(), s);
        }
        let mut w = Writer::default();
        w.id("pv-content");
        assert_eq!(w.out.len(), 1, "a table id is one byte");
    }
}
