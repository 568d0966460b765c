//! The seal: makes a finished sheet tamper-evident (SHA-256 over the canonical encoding
//! of docs/seal.md, which includes the journal head) and attributable (Ed25519 signature
//! by the observer's key).
//!
//! The canonical encoding is a UTF-8 text of `key=value` lines in a fixed order, so that
//! a verifier in another language can be written from docs/seal.md alone and a person
//! can read what was sealed. It is written by hand rather than with serde because its
//! byte-exact form is the contract: a serializer's choices (field order, escaping,
//! number format) must never change a fingerprint. [`parse_canonical`] reads it back,
//! which is how the round-trip tests prove the encoding injective and how a QR payload
//! that carries canonical bytes can be checked.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::display::visible;
use crate::election::{
    Contest, CountingMethod, Election, ElectionCategory, PollingStation, StationId,
};
use crate::fingerprint::Fingerprint;
use crate::i18n::Text;
use crate::sheet::{
    Answer, ChecklistAnswer, DhTick, Event, EventKind, Explained, Explanation, FieldKey,
    ObservedSession, Observer, PvField, Sheet, SheetHeader, SheetKind, TimeOfDay,
};
use crate::text;

/// First line of the canonical encoding; names its version.
pub(crate) const CANONICAL_MAGIC: &str = "meetel-sheet-v1";

/// What precedes the 32 fingerprint bytes in the signed message (domain separation:
/// a signature made for a meetel seal can never be taken for anything else).
pub(crate) const SIGNATURE_DOMAIN: &[u8; 15] = b"meetel-seal-v1\0";

/// What the journal's last entry carries when a sheet is sealed. Kept as the hex the
/// journal line holds (not as a [`Fingerprint`]), so that a tampered record still reads
/// and can be reported for what it is.
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

impl SealedSheet {
    /// The recorded fingerprint in the Kiesraad's notation (`9f86 d081 …`), the form
    /// people share and compare. A malformed record is shown as it stands.
    pub fn fingerprint(&self) -> String {
        match self.recorded_fingerprint() {
            Ok(f) => f.to_string(),
            Err(_) => self.seal.fingerprint.clone(),
        }
    }

    /// The fingerprint the seal records, which must be 64 lowercase hex characters.
    pub fn recorded_fingerprint(&self) -> Result<Fingerprint, SealError> {
        decode_lower_hex::<32>("fingerprint", &self.seal.fingerprint).map(Fingerprint::from)
    }

    /// The canonical bytes this seal covers.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        canonical_bytes(&self.sheet, &self.journal_head, &self.sealed_at)
    }
}

/// Why a seal does not hold, or cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("the {what} `{value}` is malformed: {}", reason.en)]
    MalformedHex {
        /// "fingerprint", "signature" or "observer public key".
        what: &'static str,
        value: String,
        reason: Text,
    },
    #[error("the observer public key in the sheet header, `{key}`, is not a usable Ed25519 key: {}", reason.en)]
    MalformedKey { key: String, reason: Text },
    #[error("fingerprint mismatch: the seal records {recorded}, but the sheet as it stands gives {computed}; the sheet (or its journal head or seal time) was changed after it was sealed")]
    FingerprintMismatch {
        recorded: Fingerprint,
        computed: Fingerprint,
    },
    #[error("the signature does not verify under the observer key in the sheet header ({key}): the seal was not made by that key, or the signature was altered")]
    BadSignature { key: String },
    #[error("the signing key ({key}) is not the observer key in the sheet header ({header}): a seal must be made with the header's key")]
    KeyNotHeader { header: String, key: String },
}

impl SealError {
    /// The message in Dutch and English; keys and fingerprints from a file are shown
    /// through [`visible`].
    pub(crate) fn text(&self) -> Text {
        match self {
            SealError::MalformedHex {
                what,
                value,
                reason,
            } => {
                let what_nl = match *what {
                    "fingerprint" => "vingerafdruk",
                    "signature" => "handtekening",
                    "observer public key" => "publieke sleutel van de waarnemer",
                    other => other,
                };
                let (value, rn, re) = (visible(value), &reason.nl, &reason.en);
                text!(
                    "de {what_nl} `{value}` is misvormd: {rn}",
                    "the {what} `{value}` is malformed: {re}"
                )
            }
            SealError::MalformedKey { key, reason } => {
                let (key, rn, re) = (visible(key), &reason.nl, &reason.en);
                text!(
                    "de publieke sleutel van de waarnemer in de kop van het blad, `{key}`, is geen bruikbare Ed25519-sleutel: {rn}",
                    "the observer public key in the sheet header, `{key}`, is not a usable Ed25519 key: {re}"
                )
            }
            SealError::FingerprintMismatch { recorded, computed } => text!(
                "vingerafdruk klopt niet: het zegel vermeldt {recorded}, maar het blad zoals het er nu staat geeft {computed}; het blad (of de kop van het journaal of de tijd van het zegel) is veranderd na het verzegelen",
                "fingerprint mismatch: the seal records {recorded}, but the sheet as it stands gives {computed}; the sheet (or its journal head or seal time) was changed after it was sealed"
            ),
            SealError::BadSignature { key } => {
                let key = visible(key);
                text!(
                    "de handtekening klopt niet met de sleutel van de waarnemer in de kop van het blad ({key}): het zegel is niet met die sleutel gemaakt, of de handtekening is veranderd",
                    "the signature does not verify under the observer key in the sheet header ({key}): the seal was not made by that key, or the signature was altered"
                )
            }
            SealError::KeyNotHeader { header, key } => {
                let (header, key) = (visible(header), visible(key));
                text!(
                    "de sleutel om te tekenen ({key}) is niet de sleutel van de waarnemer in de kop van het blad ({header}): een zegel moet met de sleutel uit de kop worden gemaakt",
                    "the signing key ({key}) is not the observer key in the sheet header ({header}): a seal must be made with the header's key"
                )
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Canonical encoding

/// A value of the canonical encoding: a string (escaped when written) or a number.
#[derive(Clone, Copy)]
enum Value<'a> {
    Str(&'a str),
    Num(u32),
}

/// Receives the items of a sheet in canonical order. Two receivers: the canonical text
/// itself (written straight into one buffer, with no string per item, since sealing a
/// 1,000-candidate sheet must stay well under a millisecond) and a list of items for
/// [`diff`].
trait Sink {
    /// `key` is already in its escaped form.
    fn item(&mut self, key: fmt::Arguments<'_>, value: Value<'_>);
}

/// The canonical text, being written.
struct TextSink(String);

impl Sink for TextSink {
    fn item(&mut self, key: fmt::Arguments<'_>, value: Value<'_>) {
        use std::fmt::Write as _;
        let _ = self.0.write_fmt(key);
        self.0.push('=');
        match value {
            Value::Str(s) => escape_into(&mut self.0, s, false),
            Value::Num(n) => {
                let _ = write!(self.0, "{n}");
            }
        }
        self.0.push('\n');
    }
}

/// One `key=value` line, the key in its escaped form, the value raw.
struct Item {
    key: String,
    value: String,
}

impl Sink for Vec<Item> {
    fn item(&mut self, key: fmt::Arguments<'_>, value: Value<'_>) {
        self.push(Item {
            key: key.to_string(),
            value: match value {
                Value::Str(s) => s.to_string(),
                Value::Num(n) => n.to_string(),
            },
        });
    }
}

/// The items of a sheet in canonical order (docs/seal.md, "Canonical encoding"),
/// without the journal head and seal time.
fn sheet_items(sheet: &Sheet, out: &mut impl Sink) {
    use Value::{Num, Str};
    let h = &sheet.header;
    out.item(format_args!("format"), Num(h.format));
    out.item(format_args!("kind"), Str(kind_key(h.kind)));
    out.item(format_args!("form.id"), Str(&h.form_id));
    out.item(format_args!("form.sha256"), Str(&h.form_sha256));
    out.item(format_args!("election.id"), Str(&h.election.id));
    out.item(
        format_args!("election.category"),
        Str(h.election.category.code()),
    );
    out.item(format_args!("election.name"), Str(&h.election.name));
    out.item(format_args!("election.date"), Str(&h.election.date));
    if let Some(c) = &h.election.contest {
        out.item(format_args!("election.contest.id"), Str(&c.id));
        out.item(format_args!("election.contest.name"), Str(&c.name));
    }
    out.item(
        format_args!("station.municipality_code"),
        Str(&h.station.id.municipality),
    );
    out.item(format_args!("station.number"), Num(h.station.id.number));
    out.item(
        format_args!("station.municipality_name"),
        Str(&h.station.municipality_name),
    );
    out.item(format_args!("station.name"), Str(&h.station.name));
    out.item(format_args!("station.postcode"), Str(&h.station.postcode));
    out.item(
        format_args!("station.counting"),
        Str(h.station.counting.code()),
    );
    out.item(format_args!("session"), Str(h.session.key()));
    out.item(format_args!("observer.alias"), Str(&h.observer.alias));
    out.item(
        format_args!("observer.public_key"),
        Str(&h.observer.public_key),
    );
    if let Some(s) = &h.supersedes {
        out.item(format_args!("supersedes"), Str(s));
    }
    for (k, v) in &sheet.counts {
        out.item(format_args!("count.{k}"), Num(*v));
    }
    for (k, v) in &sheet.tallies {
        out.item(format_args!("tally.{k}"), Num(*v));
    }
    if let Some(t) = sheet.dh_tick {
        out.item(format_args!("dh_tick"), Str(t.key()));
    }
    if let Some(e) = sheet.explained {
        out.item(format_args!("explained"), Str(e.key()));
    }
    for (id, a) in &sheet.checklist {
        let id = escape(id, true);
        if let Some(ans) = a.answer {
            out.item(format_args!("check.{id}.answer"), Str(ans.key()));
        }
        out.item(format_args!("check.{id}.note"), Str(&a.note));
    }
    for (id, t) in &sheet.moments {
        let t = t.to_string();
        out.item(format_args!("moment.{}", escape(id, true)), Str(&t));
    }
    for (i, e) in sheet.events.iter().enumerate() {
        let n = i + 1;
        out.item(format_args!("event.{n}.id"), Num(e.id));
        out.item(format_args!("event.{n}.kind"), Str(event_kind_key(e.kind)));
        out.item(format_args!("event.{n}.category"), Str(&e.category));
        if let Some(t) = e.time {
            let t = t.to_string();
            out.item(format_args!("event.{n}.time"), Str(&t));
        }
        out.item(format_args!("event.{n}.text"), Str(&e.text));
        out.item(format_args!("event.{n}.response"), Str(&e.response));
    }
    out.item(format_args!("notes"), Str(&sheet.notes));
}

/// The items of a sheet, collected (for [`diff`]).
fn collect_items(sheet: &Sheet) -> Vec<Item> {
    let mut items = Vec::new();
    sheet_items(sheet, &mut items);
    items
}

/// The canonical encoding of a sheet with the journal head and seal time: what the
/// fingerprint is the SHA-256 of. Deterministic and injective (see docs/seal.md).
pub fn canonical_bytes(sheet: &Sheet, journal_head: &str, sealed_at: &str) -> Vec<u8> {
    let estimate = 512 + 20 * (sheet.counts.len() + sheet.tallies.len()) + sheet.notes.len();
    let mut out = TextSink(String::with_capacity(estimate));
    out.0.push_str(CANONICAL_MAGIC);
    out.0.push('\n');
    sheet_items(sheet, &mut out);
    out.item(format_args!("journal_head"), Value::Str(journal_head));
    out.item(format_args!("sealed_at"), Value::Str(sealed_at));
    out.0.into_bytes()
}

/// Whether a character is written as an escape: the control characters of Unicode
/// category Cc (U+0000–U+001F, U+007F–U+009F), the backslash, and in keys `=`.
fn needs_escape(c: char, in_key: bool) -> bool {
    c == '\\' || c.is_control() || (in_key && c == '=')
}

fn escape_into(out: &mut String, s: &str, in_key: bool) {
    use std::fmt::Write as _;
    // Most values need no escape: copy them whole. 0xC2 leads the UTF-8 of U+0080–U+00BF,
    // among them the C1 controls, so such text takes the careful path below.
    let plain = |b: u8| b >= 0x20 && b != 0x7f && b != b'\\' && b != 0xc2 && !(in_key && b == b'=');
    if s.bytes().all(plain) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        if !needs_escape(c, in_key) {
            out.push(c);
            continue;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
        }
    }
}

/// The escaped form of `s` (docs/seal.md, "Escaping"); `in_key` also escapes `=`.
pub(crate) fn escape(s: &str, in_key: bool) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, in_key);
    out
}

/// Reverses [`escape`]; refuses anything [`escape`] would not have written.
fn unescape(s: &str, in_key: bool) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            if needs_escape(c, in_key) {
                return Err(format!("U+{:04X} must be escaped", c as u32));
            }
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                let code = (hex.len() == 2
                    && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
                .then(|| u32::from_str_radix(&hex, 16).ok())
                .flatten()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("`\\x{hex}` is not two lowercase hex digits"))?;
                let escapable = needs_escape(code, in_key) && !matches!(code, '\\' | '\n' | '\r');
                if !escapable {
                    return Err(format!("`\\x{hex}` escapes a character that is written as itself or with its own escape"));
                }
                out.push(code);
            }
            Some(other) => return Err(format!("unknown escape `\\{other}`")),
            None => return Err("a lone backslash at the end".into()),
        }
    }
    Ok(out)
}

fn kind_key(k: SheetKind) -> &'static str {
    match k {
        SheetKind::Observation => "observation",
        SheetKind::PvTranscription => "pv-transcription",
    }
}

fn event_kind_key(k: EventKind) -> &'static str {
    match k {
        EventKind::Objection => "objection",
        EventKind::Incident => "incident",
    }
}

// ---------------------------------------------------------------------------------
// Parsing the canonical encoding back

/// What [`parse_canonical`] reads back: exactly the arguments of [`canonical_bytes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalParts {
    pub sheet: Sheet,
    pub journal_head: String,
    pub sealed_at: String,
}

/// Why bytes are not a canonical encoding. `line` counts from 1 (the magic line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("canonical encoding, line {line}: {message}")]
pub struct CanonicalError {
    pub line: usize,
    pub message: String,
}

struct Line<'a> {
    no: usize,
    key: &'a str,
    value: &'a str,
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    last_line: usize,
}

impl<'a> Reader<'a> {
    fn err(&self, message: impl Into<String>) -> CanonicalError {
        let line = self
            .lines
            .get(self.pos)
            .map(|l| l.no)
            .unwrap_or(self.last_line + 1);
        CanonicalError {
            line,
            message: message.into(),
        }
    }

    fn peek_key(&self) -> Option<&'a str> {
        self.lines.get(self.pos).map(|l| l.key)
    }

    fn value(&self, l: &Line<'a>) -> Result<String, CanonicalError> {
        unescape(l.value, false).map_err(|m| CanonicalError {
            line: l.no,
            message: format!("value of `{}`: {m}", l.key),
        })
    }

    /// The value of the next line, which must have key `key`.
    fn expect(&mut self, key: &str) -> Result<String, CanonicalError> {
        match self.lines.get(self.pos) {
            Some(l) if l.key == key => {
                let v = self.value(l)?;
                self.pos += 1;
                Ok(v)
            }
            Some(l) => Err(self.err(format!("expected `{key}=`, found `{}=`", l.key))),
            None => Err(self.err(format!("expected `{key}=`, found the end"))),
        }
    }

    /// The value of the next line if it has key `key`.
    fn optional(&mut self, key: &str) -> Result<Option<String>, CanonicalError> {
        if self.peek_key() == Some(key) {
            self.expect(key).map(Some)
        } else {
            Ok(None)
        }
    }

    fn parse<T>(
        &mut self,
        key: &str,
        f: impl Fn(&str) -> Option<T>,
        what: &str,
    ) -> Result<T, CanonicalError> {
        let v = self.expect(key)?;
        f(&v).ok_or_else(|| CanonicalError {
            line: self.lines[self.pos - 1].no,
            message: format!("`{key}={v}`: expected {what}"),
        })
    }
}

/// A decimal number as [`canonical_bytes`] writes it: digits, no sign, no leading zero.
fn number(s: &str) -> Option<u32> {
    let canonical =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    canonical.then(|| s.parse().ok()).flatten()
}

/// A field key as `FieldKey`'s `Display` writes it (upper-case letter, `X.` prefix),
/// accepting list and candidate number 0 too so that any sheet reads back.
fn field_key(s: &str) -> Option<FieldKey> {
    if let Some(x) = s.strip_prefix("X.") {
        return Explanation::ALL
            .into_iter()
            .find(|e| e.key() == x)
            .map(FieldKey::Explanation);
    }
    if let Some(rest) = s.strip_prefix("E.") {
        let mut parts = rest.split('.');
        let list = number(parts.next()?)?;
        return match (parts.next(), parts.next()) {
            (None, _) => Some(FieldKey::List(list)),
            (Some("total"), None) => Some(FieldKey::ListPage(list)),
            (Some(c), None) => Some(FieldKey::Candidate {
                list,
                candidate: number(c)?,
            }),
            _ => None,
        };
    }
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_uppercase() => PvField::from_letter(c).map(FieldKey::Pv),
        _ => None,
    }
}

fn time(s: &str) -> Option<TimeOfDay> {
    let (h, m) = s.split_once(':')?;
    let digits = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return None;
    }
    TimeOfDay::new(h.parse().ok()?, m.parse().ok()?)
}

/// Reads a canonical encoding back into the sheet, journal head and seal time it was
/// made from. Accepts exactly the bytes [`canonical_bytes`] writes and nothing else, so
/// `canonical_bytes(parse_canonical(b)) == b` for every accepted `b`.
pub fn parse_canonical(bytes: &[u8]) -> Result<CanonicalParts, CanonicalError> {
    let text = std::str::from_utf8(bytes).map_err(|e| CanonicalError {
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        message: "not UTF-8".into(),
    })?;
    let body = text.strip_suffix('\n').ok_or_else(|| CanonicalError {
        line: 1 + text.matches('\n').count(),
        message: "the last line does not end with a line feed".into(),
    })?;
    let mut raw = body.split('\n');
    if raw.next() != Some(CANONICAL_MAGIC) {
        return Err(CanonicalError {
            line: 1,
            message: format!("the first line must be `{CANONICAL_MAGIC}`"),
        });
    }
    let mut lines = Vec::new();
    for (i, l) in raw.enumerate() {
        let (key, value) = l.split_once('=').ok_or_else(|| CanonicalError {
            line: i + 2,
            message: format!("`{l}` has no `=`"),
        })?;
        lines.push(Line {
            no: i + 2,
            key,
            value,
        });
    }
    let last_line = lines.last().map(|l| l.no).unwrap_or(1);
    let mut r = Reader {
        lines,
        pos: 0,
        last_line,
    };
    let sheet = read_sheet(&mut r)?;
    let journal_head = r.expect("journal_head")?;
    let sealed_at = r.expect("sealed_at")?;
    if r.pos != r.lines.len() {
        return Err(r.err("unexpected line after `sealed_at`"));
    }
    // The reader checks each line; this catches what only the whole shows (counts out of
    // order or twice, checklist ids not sorted), so that one sheet has one encoding.
    if canonical_bytes(&sheet, &journal_head, &sealed_at) != bytes {
        return Err(CanonicalError {
            line: 0,
            message: "items are out of the canonical order or repeated".into(),
        });
    }
    Ok(CanonicalParts {
        sheet,
        journal_head,
        sealed_at,
    })
}

fn read_sheet(r: &mut Reader<'_>) -> Result<Sheet, CanonicalError> {
    let format = r.parse("format", number, "a number")?;
    let kind = r.parse(
        "kind",
        |s| match s {
            "observation" => Some(SheetKind::Observation),
            "pv-transcription" => Some(SheetKind::PvTranscription),
            _ => None,
        },
        "observation or pv-transcription",
    )?;
    let form_id = r.expect("form.id")?;
    let form_sha256 = r.expect("form.sha256")?;
    let id = r.expect("election.id")?;
    let category = r.parse(
        "election.category",
        |s| ElectionCategory::ALL.into_iter().find(|c| c.code() == s),
        "an election category code (TK, EK, EP, PS, AB, GR, ER, NR)",
    )?;
    let name = r.expect("election.name")?;
    let date = r.expect("election.date")?;
    let contest = match r.optional("election.contest.id")? {
        Some(cid) => Some(Contest {
            id: cid,
            name: r.expect("election.contest.name")?,
        }),
        None => None,
    };
    let municipality = r.expect("station.municipality_code")?;
    let number_ = r.parse("station.number", number, "a number")?;
    let municipality_name = r.expect("station.municipality_name")?;
    let station_name = r.expect("station.name")?;
    let postcode = r.expect("station.postcode")?;
    let counting = r.parse(
        "station.counting",
        |s| match s {
            "DSO" => Some(CountingMethod::Dso),
            "CSO" => Some(CountingMethod::Cso),
            _ => None,
        },
        "DSO or CSO",
    )?;
    let session = r.parse(
        "session",
        |s| {
            [
                ObservedSession::StationCount,
                ObservedSession::MunicipalReview,
            ]
            .into_iter()
            .find(|x| x.key() == s)
        },
        "station-count or municipal-review",
    )?;
    let alias = r.expect("observer.alias")?;
    let public_key = r.expect("observer.public_key")?;
    let supersedes = r.optional("supersedes")?;
    let header = SheetHeader {
        format,
        kind,
        form_id,
        form_sha256,
        election: Election {
            id,
            category,
            name,
            date,
            contest,
        },
        station: PollingStation {
            id: StationId::new(municipality, number_),
            municipality_name,
            name: station_name,
            postcode,
            counting,
        },
        session,
        observer: Observer { alias, public_key },
        supersedes,
    };
    let mut sheet = Sheet::new(header);
    for (prefix, map) in [
        ("count.", &mut sheet.counts),
        ("tally.", &mut sheet.tallies),
    ] {
        while let Some(key) = r.peek_key().and_then(|k| k.strip_prefix(prefix)) {
            let field = field_key(key)
                .ok_or_else(|| r.err(format!("`{key}` is not a field key as written by meetel")))?;
            let full = format!("{prefix}{key}");
            let v = r.parse(&full, number, "a count (digits, no leading zero)")?;
            map.insert(field, v);
        }
    }
    sheet.dh_tick = r
        .optional("dh_tick")?
        .map(|v| {
            DhTick::ALL
                .into_iter()
                .find(|t| t.key() == v)
                .ok_or_else(|| {
                    r.err_prev(format!(
                        "`dh_tick={v}`: expected equal, more, less, none or several"
                    ))
                })
        })
        .transpose()?;
    sheet.explained = r
        .optional("explained")?
        .map(|v| {
            Explained::ALL
                .into_iter()
                .find(|t| t.key() == v)
                .ok_or_else(|| {
                    r.err_prev(format!(
                        "`explained={v}`: expected yes, no, neither or both"
                    ))
                })
        })
        .transpose()?;
    while let Some(key) = r.peek_key().and_then(|k| k.strip_prefix("check.")) {
        let (raw_id, answer) = if let Some(raw_id) = key.strip_suffix(".answer") {
            let full = format!("check.{raw_id}.answer");
            let a = r.parse(
                &full,
                |s| {
                    [Answer::Yes, Answer::No, Answer::Unknown]
                        .into_iter()
                        .find(|a| a.key() == s)
                },
                "yes, no or unknown",
            )?;
            (raw_id.to_string(), Some(a))
        } else if let Some(raw_id) = key.strip_suffix(".note") {
            (raw_id.to_string(), None)
        } else {
            return Err(r.err(format!(
                "`check.{key}=`: expected check.<id>.answer or check.<id>.note"
            )));
        };
        let note = r.expect(&format!("check.{raw_id}.note"))?;
        let id = unescape(&raw_id, true)
            .map_err(|m| r.err_prev(format!("checklist id `{raw_id}`: {m}")))?;
        sheet.checklist.insert(id, ChecklistAnswer { answer, note });
    }
    while let Some(raw_id) = r.peek_key().and_then(|k| k.strip_prefix("moment.")) {
        let t = r.parse(&format!("moment.{raw_id}"), time, "a time HH:MM")?;
        let id =
            unescape(raw_id, true).map_err(|m| r.err_prev(format!("moment id `{raw_id}`: {m}")))?;
        sheet.moments.insert(id, t);
    }
    let mut n = 1;
    while r.peek_key() == Some(format!("event.{n}.id").as_str()) {
        let id = r.parse(&format!("event.{n}.id"), number, "a number")?;
        let kind = r.parse(
            &format!("event.{n}.kind"),
            |s| match s {
                "objection" => Some(EventKind::Objection),
                "incident" => Some(EventKind::Incident),
                _ => None,
            },
            "objection or incident",
        )?;
        let category = r.expect(&format!("event.{n}.category"))?;
        let time_key = format!("event.{n}.time");
        let time = if r.peek_key() == Some(time_key.as_str()) {
            Some(r.parse(&time_key, time, "a time HH:MM")?)
        } else {
            None
        };
        let text = r.expect(&format!("event.{n}.text"))?;
        let response = r.expect(&format!("event.{n}.response"))?;
        sheet.events.push(Event {
            id,
            kind,
            category,
            time,
            text,
            response,
        });
        n += 1;
    }
    sheet.notes = r.expect("notes")?;
    Ok(sheet)
}

impl Reader<'_> {
    /// An error about the line just read.
    fn err_prev(&self, message: String) -> CanonicalError {
        CanonicalError {
            line: self.lines[self.pos.saturating_sub(1)].no,
            message,
        }
    }
}

// ---------------------------------------------------------------------------------
// Fingerprint and signature

/// SHA-256 of the canonical bytes: the sheet's fingerprint.
pub fn fingerprint(sheet: &Sheet, journal_head: &str, sealed_at: &str) -> Fingerprint {
    Fingerprint::of(&canonical_bytes(sheet, journal_head, sealed_at))
}

/// The message the observer's key signs: `SIGNATURE_DOMAIN` then the 32 fingerprint
/// bytes (47 bytes in all).
pub fn signed_message(fingerprint: &Fingerprint) -> [u8; 47] {
    let mut m = [0u8; 47];
    m[..15].copy_from_slice(SIGNATURE_DOMAIN);
    m[15..].copy_from_slice(fingerprint.as_bytes());
    m
}

/// Seals a sheet: computes its fingerprint and signs it. `key` must be the key whose
/// public half is in the sheet header (else [`SealError::KeyNotHeader`]), because that
/// is the key a verifier checks against; a header key that is not 64 lowercase hex
/// characters of a usable key is refused too ([`SealError::MalformedHex`],
/// [`SealError::MalformedKey`]), since its seal could never verify.
pub fn seal(
    sheet: &Sheet,
    journal_head: &str,
    sealed_at: &str,
    key: &SigningKey,
) -> Result<SealedSheet, SealError> {
    let header = header_key(sheet)?;
    if header != key.verifying_key() {
        let own = hex::encode(key.verifying_key().as_bytes());
        return Err(SealError::KeyNotHeader {
            header: sheet.header.observer.public_key.clone(),
            key: own,
        });
    }
    let digest = fingerprint(sheet, journal_head, sealed_at);
    let signature = key.sign(&signed_message(&digest));
    Ok(SealedSheet {
        sheet: sheet.clone(),
        journal_head: journal_head.to_string(),
        sealed_at: sealed_at.to_string(),
        seal: SealRecord {
            fingerprint: digest.to_hex(),
            signature: hex::encode(signature.to_bytes()),
        },
    })
}

/// Checks a sealed sheet: the recorded fingerprint is the SHA-256 of its canonical
/// bytes, and the signature verifies (strictly) under the header's public key. Returns
/// the fingerprint.
pub fn verify(sealed: &SealedSheet) -> Result<Fingerprint, SealError> {
    let key = header_key(&sealed.sheet)?;
    let recorded = sealed.recorded_fingerprint()?;
    let sig = decode_lower_hex::<64>("signature", &sealed.seal.signature)?;
    let computed = Fingerprint::of(&sealed.canonical_bytes());
    if computed != recorded {
        return Err(SealError::FingerprintMismatch { recorded, computed });
    }
    key.verify_strict(&signed_message(&recorded), &Signature::from_bytes(&sig))
        .map_err(|_| SealError::BadSignature {
            key: sealed.sheet.header.observer.public_key.clone(),
        })?;
    Ok(recorded)
}

/// The header's public key, which must be 64 lowercase hex characters (one key, one
/// spelling: the key is part of the canonical bytes) and a strong Ed25519 point.
fn header_key(sheet: &Sheet) -> Result<VerifyingKey, SealError> {
    let text = &sheet.header.observer.public_key;
    let bytes = decode_lower_hex::<32>("observer public key", text)?;
    let key = VerifyingKey::from_bytes(&bytes).map_err(|_| SealError::MalformedKey {
        key: text.clone(),
        reason: Text::fixed("geen punt op de curve", "not a point on the curve"),
    })?;
    if key.is_weak() {
        return Err(SealError::MalformedKey {
            key: text.clone(),
            reason: Text::fixed(
                "een zwakke sleutel (van kleine orde), waaronder handtekeningen niets bewijzen",
                "a weak (small-order) key, under which signatures prove nothing",
            ),
        });
    }
    Ok(key)
}

/// Decodes exactly `2*N` lowercase hex characters. Upper case is refused so that a
/// seal record has one spelling: a flipped case bit is tampering, not a synonym.
fn decode_lower_hex<const N: usize>(what: &'static str, text: &str) -> Result<[u8; N], SealError> {
    let bad = |reason: Text| SealError::MalformedHex {
        what,
        value: text.to_string(),
        reason,
    };
    if text.len() != 2 * N {
        let (want, found) = (2 * N, text.chars().count());
        return Err(bad(crate::text!(
            "verwacht {want} kleine hexadecimale tekens, gevonden {found}",
            "expected {want} lowercase hex characters, found {found}"
        )));
    }
    if let Some(c) = text.chars().find(|c| !matches!(c, '0'..='9' | 'a'..='f')) {
        let c = c.escape_debug();
        return Err(bad(crate::text!(
            "`{c}` is geen klein hexadecimaal cijfer (0-9, a-f)",
            "`{c}` is not a lowercase hex digit (0-9, a-f)"
        )));
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(text, &mut out).map_err(|e| bad(Text::same(e.to_string())))?;
    Ok(out)
}

// ---------------------------------------------------------------------------------
// Telling what differs

/// One item that differs between two sheets, by its canonical key (`count.A`,
/// `check.q3.note`, `event.2.text`, …). `None` = the item is absent (not observed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemChange {
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl fmt::Display for ItemChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<String>| match v {
            Some(v) => format!("`{}`", escape(v, false)),
            None => "nothing (not observed)".to_string(),
        };
        write!(
            f,
            "{}: {} → {}",
            self.key,
            show(&self.before),
            show(&self.after)
        )
    }
}

/// The items of the canonical encoding that differ from `before` to `after`, in
/// canonical order of `after` (then the ones only `before` has).
pub(crate) fn diff(before: &Sheet, after: &Sheet) -> Vec<ItemChange> {
    let a = collect_items(before);
    let b = collect_items(after);
    let amap: std::collections::HashMap<&str, &str> = a
        .iter()
        .map(|i| (i.key.as_str(), i.value.as_str()))
        .collect();
    let bmap: std::collections::HashMap<&str, &str> = b
        .iter()
        .map(|i| (i.key.as_str(), i.value.as_str()))
        .collect();
    let mut out = Vec::new();
    for i in &b {
        match amap.get(i.key.as_str()) {
            Some(v) if *v == i.value => {}
            other => out.push(ItemChange {
                key: i.key.clone(),
                before: other.map(|v| v.to_string()),
                after: Some(i.value.clone()),
            }),
        }
    }
    for i in &a {
        if !bmap.contains_key(i.key.as_str()) {
            out.push(ItemChange {
                key: i.key.clone(),
                before: Some(i.value.clone()),
                after: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key() -> SigningKey {
        SigningKey::from_bytes(&std::array::from_fn(|i| i as u8 + 1))
    }

    fn sample() -> Sheet {
        let mut header = crate::sheet::tests::header();
        header.observer.public_key = hex::encode(key().verifying_key().as_bytes());
        header.election.contest = Some(Contest {
            id: "6".into(),
            name: "Nijmegen".into(),
        });
        let mut s = Sheet::new(header);
        s.counts.insert(FieldKey::Pv(PvField::A), 120);
        s.counts.insert(FieldKey::Pv(PvField::B), 0);
        s.counts.insert(FieldKey::List(1), 40);
        s.counts.insert(
            FieldKey::Candidate {
                list: 1,
                candidate: 2,
            },
            7,
        );
        s.tallies.insert(FieldKey::List(2), 3);
        s.dh_tick = Some(DhTick::Equal);
        s.explained = Some(Explained::Yes);
        s.checklist.insert(
            "box-empty".into(),
            ChecklistAnswer {
                answer: Some(Answer::Yes),
                note: "shown at 07:30".into(),
            },
        );
        s.checklist.insert(
            "q=2\n".into(),
            ChecklistAnswer {
                answer: None,
                note: String::new(),
            },
        );
        // Ids that end like the keys' own suffixes, and an empty one, still read back.
        for id in ["x.answer", "x.note", ""] {
            s.checklist.insert(
                id.into(),
                ChecklistAnswer {
                    answer: (id != "x.note").then_some(Answer::No),
                    note: id.into(),
                },
            );
        }
        s.moments
            .insert("close".into(), TimeOfDay::new(21, 0).unwrap());
        s.moments
            .insert(String::new(), TimeOfDay::new(0, 0).unwrap());
        s.events.push(Event {
            id: 1,
            kind: EventKind::Objection,
            category: "validity".into(),
            time: TimeOfDay::new(22, 5),
            text: "two marks\r\non one ballot \\ counted".into(),
            response: "declared invalid".into(),
        });
        s.notes = "tab\there, nul\0, NEL\u{85}, é".into();
        s
    }

    const HEAD: &str = "5e2d8000000000000000000000000000000000000000000000000000000000ab";
    const AT: &str = "2025-10-29T23:41:00+01:00";

    #[test]
    fn the_encoding_reads_as_documented() {
        let text = String::from_utf8(canonical_bytes(&sample(), HEAD, AT)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], CANONICAL_MAGIC);
        assert!(lines.contains(&"count.A=120"));
        assert!(lines.contains(&"count.B=0"));
        assert!(!text.contains("count.C="), "not observed is never written");
        assert!(lines.contains(&"count.E.1.2=7"));
        assert!(lines.contains(&"tally.E.2=3"));
        assert!(lines.contains(&"check.q\\x3d2\\n.note="));
        assert!(lines.contains(&"event.1.text=two marks\\r\\non one ballot \\\\ counted"));
        assert!(lines.contains(&"notes=tab\\x09here, nul\\x00, NEL\\x85, é"));
        assert_eq!(lines[lines.len() - 2], format!("journal_head={HEAD}"));
        assert_eq!(lines[lines.len() - 1], format!("sealed_at={AT}"));
        let a = text.find("count.A=").unwrap();
        let e1 = text.find("count.E.1=").unwrap();
        let cand = text.find("count.E.1.2=").unwrap();
        assert!(a < e1 && e1 < cand, "counts in FieldKey order");
    }

    #[test]
    fn parse_reads_back_and_refuses_what_is_not_canonical() {
        let bytes = canonical_bytes(&sample(), HEAD, AT);
        let parts = parse_canonical(&bytes).unwrap();
        assert_eq!(parts.sheet, sample());
        assert_eq!(parts.journal_head, HEAD);
        assert_eq!(parts.sealed_at, AT);
        let text = String::from_utf8(bytes).unwrap();
        let bad = [
            text.replace("count.A=120", "count.A=0120"),
            text.replace("count.A=120", "count.A=+120"),
            text.replace("count.A=120\ncount.B=0", "count.B=0\ncount.A=120"),
            text.replace("count.A=120", "count.A=120\ncount.A=120"),
            text.replace("\\x09", "\\x0G"),
            text.replace("\\x09", "\\x41"),
            text.replace("\\x09", "\t"),
            text.replace("\\\\", "\\q"),
            text.replace("moment.close=21:00", "moment.close=9:00"),
            text.replace("kind=observation", "kind=Observation"),
            text.replace(CANONICAL_MAGIC, "meetel-sheet-v2"),
            text.trim_end_matches('\n').to_string(),
            format!("{text}extra=1\n"),
            text.replace("notes=", "notes"),
        ];
        for b in bad {
            assert!(parse_canonical(b.as_bytes()).is_err(), "accepted:\n{b}");
        }
    }

    #[test]
    fn not_observed_and_zero_encode_differently() {
        let mut s = sample();
        s.counts.remove(&FieldKey::Pv(PvField::B));
        assert_ne!(
            canonical_bytes(&s, HEAD, AT),
            canonical_bytes(&sample(), HEAD, AT)
        );
    }

    #[test]
    fn sealed_sheet_verifies_and_reports_its_fingerprint() {
        let sealed = seal(&sample(), HEAD, AT, &key()).unwrap();
        let digest = verify(&sealed).unwrap();
        assert_eq!(sealed.fingerprint(), digest.to_string());
        assert_eq!(digest, Fingerprint::of(&sealed.canonical_bytes()));
    }

    #[test]
    fn sealing_with_another_key_than_the_headers_is_refused() {
        let other = SigningKey::from_bytes(&[3u8; 32]);
        let err = seal(&sample(), HEAD, AT, &other).unwrap_err();
        assert!(matches!(err, SealError::KeyNotHeader { .. }), "{err}");
        // The header's key in upper case would never verify: refused when sealing.
        let mut s = sample();
        s.header.observer.public_key = s.header.observer.public_key.to_uppercase();
        let err = seal(&s, HEAD, AT, &key()).unwrap_err();
        assert!(matches!(err, SealError::MalformedHex { .. }), "{err}");
    }

    #[test]
    fn verify_names_what_is_wrong() {
        let sealed = seal(&sample(), HEAD, AT, &key()).unwrap();

        let mut s = sealed.clone();
        s.sheet.counts.insert(FieldKey::Pv(PvField::A), 121);
        assert!(matches!(
            verify(&s),
            Err(SealError::FingerprintMismatch { .. })
        ));

        let mut s = sealed.clone();
        s.seal.signature = format!(
            "{}{}",
            &s.seal.signature[..127],
            if s.seal.signature.ends_with('0') {
                "1"
            } else {
                "0"
            }
        );
        assert!(matches!(verify(&s), Err(SealError::BadSignature { .. })));

        let mut s = sealed.clone();
        s.seal.fingerprint = s.seal.fingerprint.to_uppercase();
        let err = verify(&s).unwrap_err();
        assert!(
            matches!(
                err,
                SealError::MalformedHex {
                    what: "fingerprint",
                    ..
                }
            ),
            "{err}"
        );

        let mut s = sealed.clone();
        s.seal.signature.pop();
        assert!(matches!(
            verify(&s),
            Err(SealError::MalformedHex {
                what: "signature",
                ..
            })
        ));

        // A re-signed sheet under a different key in the header fails on the signature:
        // the key is inside the fingerprint.
        let other = SigningKey::from_bytes(&[3u8; 32]);
        let mut s = sealed.clone();
        s.sheet.header.observer.public_key = hex::encode(other.verifying_key().as_bytes());
        s.seal.fingerprint = Fingerprint::of(&s.canonical_bytes()).to_hex();
        assert!(matches!(verify(&s), Err(SealError::BadSignature { .. })));

        let mut s = sealed;
        s.sheet.header.observer.public_key = format!("01{}", "00".repeat(31));
        assert!(matches!(verify(&s), Err(SealError::MalformedKey { .. })));
    }

    /// One change to every kind of item of the sheet; each must break the seal.
    type Change = Box<dyn Fn(&mut SealedSheet)>;

    fn every_single_change() -> Vec<(&'static str, Change)> {
        vec![
            ("format", Box::new(|s| s.sheet.header.format += 1)),
            (
                "kind",
                Box::new(|s| s.sheet.header.kind = SheetKind::PvTranscription),
            ),
            ("form id", Box::new(|s| s.sheet.header.form_id.push('x'))),
            (
                "form sha",
                Box::new(|s| s.sheet.header.form_sha256.replace_range(0..1, "1")),
            ),
            (
                "election id",
                Box::new(|s| s.sheet.header.election.id.push('x')),
            ),
            (
                "category",
                Box::new(|s| s.sheet.header.election.category = ElectionCategory::EP),
            ),
            (
                "election name",
                Box::new(|s| s.sheet.header.election.name.pop().map(drop).unwrap_or(())),
            ),
            (
                "date",
                Box::new(|s| s.sheet.header.election.date = "2025-10-30".into()),
            ),
            (
                "contest",
                Box::new(|s| s.sheet.header.election.contest = None),
            ),
            (
                "contest name",
                Box::new(|s| {
                    s.sheet
                        .header
                        .election
                        .contest
                        .as_mut()
                        .unwrap()
                        .name
                        .push(' ')
                }),
            ),
            (
                "municipality",
                Box::new(|s| s.sheet.header.station.id.municipality = "0669".into()),
            ),
            (
                "station number",
                Box::new(|s| s.sheet.header.station.id.number = 2),
            ),
            (
                "municipality name",
                Box::new(|s| s.sheet.header.station.municipality_name = "X".into()),
            ),
            (
                "station name",
                Box::new(|s| s.sheet.header.station.name = "X".into()),
            ),
            (
                "postcode",
                Box::new(|s| s.sheet.header.station.postcode = "6659 BA".into()),
            ),
            (
                "counting",
                Box::new(|s| s.sheet.header.station.counting = CountingMethod::Cso),
            ),
            (
                "session",
                Box::new(|s| s.sheet.header.session = ObservedSession::MunicipalReview),
            ),
            (
                "alias",
                Box::new(|s| s.sheet.header.observer.alias.push('2')),
            ),
            (
                "supersedes",
                Box::new(|s| s.sheet.header.supersedes = Some(String::new())),
            ),
            (
                "count",
                Box::new(|s| *s.sheet.counts.get_mut(&FieldKey::Pv(PvField::A)).unwrap() += 1),
            ),
            (
                "count absent",
                Box::new(|s| {
                    s.sheet.counts.remove(&FieldKey::Pv(PvField::B));
                }),
            ),
            (
                "count moved",
                Box::new(|s| {
                    let v = s
                        .sheet
                        .counts
                        .remove(&FieldKey::Candidate {
                            list: 1,
                            candidate: 2,
                        })
                        .unwrap();
                    s.sheet.counts.insert(
                        FieldKey::Candidate {
                            list: 2,
                            candidate: 1,
                        },
                        v,
                    );
                }),
            ),
            (
                "typed becomes tally",
                Box::new(|s| {
                    let v = s.sheet.counts.remove(&FieldKey::List(1)).unwrap();
                    s.sheet.tallies.insert(FieldKey::List(1), v);
                }),
            ),
            (
                "tally",
                Box::new(|s| *s.sheet.tallies.get_mut(&FieldKey::List(2)).unwrap() -= 1),
            ),
            (
                "dh tick",
                Box::new(|s| s.sheet.dh_tick = Some(DhTick::NoneTicked)),
            ),
            ("explained", Box::new(|s| s.sheet.explained = None)),
            (
                "check answer",
                Box::new(|s| {
                    s.sheet.checklist.get_mut("box-empty").unwrap().answer = Some(Answer::Unknown)
                }),
            ),
            (
                "check note",
                Box::new(|s| {
                    s.sheet
                        .checklist
                        .get_mut("box-empty")
                        .unwrap()
                        .note
                        .push('.')
                }),
            ),
            (
                "empty check removed",
                Box::new(|s| {
                    s.sheet.checklist.remove("q=2\n");
                }),
            ),
            (
                "moment",
                Box::new(|s| {
                    s.sheet
                        .moments
                        .insert("close".into(), TimeOfDay::new(21, 1).unwrap());
                }),
            ),
            ("event id", Box::new(|s| s.sheet.events[0].id = 2)),
            (
                "event kind",
                Box::new(|s| s.sheet.events[0].kind = EventKind::Incident),
            ),
            (
                "event category",
                Box::new(|s| s.sheet.events[0].category.push('x')),
            ),
            ("event time", Box::new(|s| s.sheet.events[0].time = None)),
            (
                "event text",
                Box::new(|s| s.sheet.events[0].text = s.sheet.events[0].text.replace("\r\n", "\n")),
            ),
            (
                "event response",
                Box::new(|s| s.sheet.events[0].response.clear()),
            ),
            (
                "event added",
                Box::new(|s| {
                    let e = s.sheet.events[0].clone();
                    s.sheet.events.push(e);
                }),
            ),
            ("notes", Box::new(|s| s.sheet.notes.push(' '))),
            (
                "journal head",
                Box::new(|s| s.journal_head.replace_range(0..1, "6")),
            ),
            (
                "sealed at",
                Box::new(|s| s.sealed_at = s.sealed_at.replace("23:41", "23:40")),
            ),
        ]
    }

    #[test]
    fn any_change_to_any_item_breaks_the_seal() {
        let sealed = seal(&sample(), HEAD, AT, &key()).unwrap();
        for (name, change) in every_single_change() {
            let mut s = sealed.clone();
            change(&mut s);
            assert_ne!(s, sealed, "{name}: the change changed nothing");
            assert!(
                matches!(verify(&s), Err(SealError::FingerprintMismatch { .. })),
                "{name}: still verifies"
            );
            assert!(
                !diff(&sealed.sheet, &s.sheet).is_empty()
                    || name == "journal head"
                    || name == "sealed at",
                "{name}"
            );
        }
    }

    #[test]
    fn diff_names_the_field_and_both_values() {
        let before = sample();
        let mut after = sample();
        after.counts.insert(FieldKey::Pv(PvField::A), 121);
        after.counts.remove(&FieldKey::Pv(PvField::B));
        let d = diff(&before, &after);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].to_string(), "count.A: `120` → `121`");
        assert_eq!(d[1].to_string(), "count.B: `0` → nothing (not observed)");
    }

    fn text() -> impl Strategy<Value = String> {
        let tricky = prop::sample::select(vec![
            '\\', '\n', '\r', '=', '.', '\0', '\t', '\u{7f}', '\u{85}', '\u{2028}', 'x', 'é', '🗳',
        ]);
        prop_oneof![
            ".{0,6}",
            prop::collection::vec(prop_oneof![tricky, any::<char>()], 0..8)
                .prop_map(String::from_iter),
        ]
    }

    fn field() -> impl Strategy<Value = FieldKey> {
        prop_oneof![
            (0usize..10).prop_map(|i| FieldKey::Pv(PvField::ALL[i])),
            (0u32..40).prop_map(FieldKey::List),
            (0u32..40).prop_map(FieldKey::ListPage),
            (0u32..40, 0u32..60)
                .prop_map(|(list, candidate)| FieldKey::Candidate { list, candidate }),
            (0usize..8).prop_map(|i| FieldKey::Explanation(Explanation::ALL[i])),
        ]
    }

    fn time_of_day() -> impl Strategy<Value = Option<TimeOfDay>> {
        prop::option::of((0u16..24, 0u16..60).prop_map(|(h, m)| TimeOfDay::new(h, m).unwrap()))
    }

    prop_compose! {
        fn header()(
            format in any::<u32>(),
            transcription in any::<bool>(),
            strings in prop::collection::vec(text(), 12),
            cat in 0usize..8,
            contest in prop::option::of((text(), text())),
            number in any::<u32>(),
            cso in any::<bool>(),
            review in any::<bool>(),
            supersedes in prop::option::of(text()),
        ) -> SheetHeader {
            SheetHeader {
                format,
                kind: if transcription { SheetKind::PvTranscription } else { SheetKind::Observation },
                form_id: strings[0].clone(),
                form_sha256: strings[1].clone(),
                election: Election {
                    id: strings[2].clone(),
                    category: ElectionCategory::ALL[cat],
                    name: strings[3].clone(),
                    date: strings[4].clone(),
                    contest: contest.map(|(id, name)| Contest { id, name }),
                },
                station: PollingStation {
                    id: StationId::new(strings[5].clone(), number),
                    municipality_name: strings[6].clone(),
                    name: strings[7].clone(),
                    postcode: strings[8].clone(),
                    counting: if cso { CountingMethod::Cso } else { CountingMethod::Dso },
                },
                session: if review { ObservedSession::MunicipalReview } else { ObservedSession::StationCount },
                observer: Observer { alias: strings[9].clone(), public_key: strings[10].clone() },
                supersedes,
            }
        }
    }

    fn event() -> impl Strategy<Value = Event> {
        (
            any::<u32>(),
            any::<bool>(),
            text(),
            time_of_day(),
            text(),
            text(),
        )
            .prop_map(|(id, objection, category, time, text, response)| Event {
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

    prop_compose! {
        fn sheet()(
            header in header(),
            counts in prop::collection::btree_map(field(), any::<u32>(), 0..12),
            tallies in prop::collection::btree_map(field(), any::<u32>(), 0..6),
            dh in prop::option::of(0usize..5),
            ex in prop::option::of(0usize..4),
            checklist in prop::collection::btree_map(
                text(),
                (prop::option::of(0usize..3), text()),
                0..5,
            ),
            moments in prop::collection::btree_map(text(), time_of_day().prop_filter("some", |t| t.is_some()), 0..4),
            events in prop::collection::vec(event(), 0..4),
            notes in text(),
        ) -> Sheet {
            let mut s = Sheet::new(header);
            s.counts = counts;
            s.tallies = tallies;
            s.dh_tick = dh.map(|i| DhTick::ALL[i]);
            s.explained = ex.map(|i| Explained::ALL[i]);
            s.checklist = checklist
                .into_iter()
                .map(|(k, (a, note))| {
                    let answer = a.map(|i| [Answer::Yes, Answer::No, Answer::Unknown][i]);
                    (k, ChecklistAnswer { answer, note })
                })
                .collect();
            s.moments = moments.into_iter().map(|(k, t)| (k, t.unwrap())).collect();
            s.events = events;
            s.notes = notes;
            s
        }
    }

    proptest! {
        #[test]
        fn canonical_encoding_round_trips(s in sheet(), head in text(), at in text()) {
            let bytes = canonical_bytes(&s, &head, &at);
            let parts = parse_canonical(&bytes).map_err(|e| TestCaseError::fail(format!("{e}\n{}", String::from_utf8_lossy(&bytes))))?;
            prop_assert_eq!(parts.sheet, s);
            prop_assert_eq!(parts.journal_head, head);
            prop_assert_eq!(parts.sealed_at, at);
            // One line per item: no value can start a line of its own.
            let text = String::from_utf8(bytes).unwrap();
            prop_assert!(text.lines().skip(1).all(|l| l.contains('=')));
        }

        #[test]
        fn different_sheets_never_share_canonical_bytes(a in sheet(), b in sheet()) {
            prop_assume!(a != b);
            prop_assert_ne!(canonical_bytes(&a, HEAD, AT), canonical_bytes(&b, HEAD, AT));
        }

        #[test]
        fn escaping_round_trips(s in text(), in_key in any::<bool>()) {
            let e = escape(&s, in_key);
            prop_assert!(!e.contains('\n') && !e.contains('\r'));
            prop_assert!(!in_key || !e.contains('='));
            prop_assert_eq!(unescape(&e, in_key).unwrap(), s);
        }
    }
}
