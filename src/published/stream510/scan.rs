//! A streaming XML tokenizer for the Kiesraad's EML files.
//!
//! Written by hand instead of using quick-xml because the national ingest has to reach
//! 400 MB/s on one core: the 510b files are ~14 bytes per XML event (`<Selection>`,
//! `<Candidate>`, `<CandidateIdentifier Id="7">`, …), and quick-xml's general event
//! machinery (attribute iterators, namespace resolution, `Cow` text) spends most of
//! its time per event rather than per byte. `benches/ingest.rs` measures quick-xml's
//! bare tokenizer on the same files next to this one, so the choice stays checked.
//!
//! It is still a real tokenizer, not a pattern match on the Kiesraad's exact layout:
//! whitespace, attribute order, comments, processing instructions, `>` inside quoted
//! attribute values and pretty-printed files are all handled, end tags are checked
//! against their start tags, and the whole file is read (and hashed) to its end.
//! What it refuses: DTDs and entity declarations (never expanded), CDATA sections,
//! undeclared entity references, and tokens that do not end before the file does.
//!
//! Memory is bounded: the file is read in chunks of [`CHUNK`] bytes; only a token that
//! straddles two chunks is carried over, and no token may exceed [`MAX_TOKEN`].

use std::io::Read;

use memchr::{memchr, memchr3, memmem};
use sha2::{Digest, Sha256};

use crate::i18n::Text;
use crate::published::error::ErrorKind;
use crate::{text, words};

/// Bytes read from the file at a time.
pub(crate) const CHUNK: usize = 1 << 20;
/// The largest single tag or text the scanner accepts (a station name, a number…).
/// Anything larger is not a Kiesraad file and is refused instead of buffered.
pub(crate) const MAX_TOKEN: usize = 1 << 20;
/// The deepest element nesting accepted (510b files nest 10 deep).
pub(crate) const MAX_DEPTH: usize = 64;

/// A problem at a byte offset of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScanError {
    /// Byte offset from the start of the file (a UTF-8 BOM counts).
    pub offset: u64,
    /// [`ErrorKind::Malformed`] unless said otherwise.
    pub kind: ErrorKind,
    pub message: Text,
}

impl ScanError {
    pub(crate) fn new(offset: u64, message: Text) -> ScanError {
        ScanError {
            offset,
            kind: ErrorKind::Malformed,
            message,
        }
    }

    fn kind(mut self, kind: ErrorKind) -> ScanError {
        self.kind = kind;
        self
    }
}

/// One piece of the document.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// `<name attrs>` or `<name attrs/>` (then `empty` is true and no `End` follows).
    Start {
        name: &'a [u8],
        attrs: &'a [u8],
        empty: bool,
    },
    End {
        name: &'a [u8],
    },
    /// Character data between tags, raw (entities not decoded; see [`decode_text`]).
    Text(&'a [u8]),
    /// The end of the file, after the root element was closed.
    Eof,
}

/// A token as ranges of the buffer, so that the scanner's state can change before the
/// slices are handed out.
enum Raw {
    Start {
        name: (usize, usize),
        attrs: (usize, usize),
        empty: bool,
    },
    End {
        name: (usize, usize),
    },
    Text((usize, usize)),
    Eof,
}

/// The tokenizer over any reader. Hashes every byte it reads, so the SHA-256 of the
/// file comes for free with one pass.
pub(crate) struct Scanner<R: Read> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// File offset of `buf[0]`.
    base: u64,
    eof: bool,
    first_read: bool,
    hasher: Sha256,
    /// Open elements, names stored end to end in `names`.
    names: Vec<u8>,
    starts: Vec<(usize, u64)>,
    root_seen: bool,
    root_closed: bool,
    /// Offset of the token last returned.
    token_offset: u64,
}

impl<R: Read> Scanner<R> {
    pub(crate) fn new(src: R) -> Scanner<R> {
        Scanner {
            src,
            buf: vec![0; CHUNK],
            pos: 0,
            end: 0,
            base: 0,
            eof: false,
            first_read: true,
            hasher: Sha256::new(),
            names: Vec::with_capacity(256),
            starts: Vec::with_capacity(16),
            root_seen: false,
            root_closed: false,
            token_offset: 0,
        }
    }

    /// Byte offset of the token last returned by [`Scanner::next_token`].
    pub(crate) fn token_offset(&self) -> u64 {
        self.token_offset
    }

    /// Bytes read from the source so far.
    pub(crate) fn bytes_read(&self) -> u64 {
        self.base + self.end as u64
    }

    /// Depth of the open elements (the root is 1).
    pub(crate) fn depth(&self) -> usize {
        self.starts.len()
    }

    /// The SHA-256 of everything read. Complete once [`Token::Eof`] was returned.
    pub(crate) fn finish_hash(self) -> [u8; 32] {
        self.hasher.finalize().into()
    }

    /// Reads more input, keeping `buf[pos..end]`. Returns false at the end of input.
    fn fill(&mut self) -> Result<bool, ScanError> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.base += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            if self.buf.len() >= MAX_TOKEN + CHUNK {
                return Err(ScanError::new(
                    self.base,
                    text!(
                        "een enkele tag of tekst is langer dan {MAX_TOKEN} bytes; dit is geen EML-bestand zoals de Kiesraad ze schrijft",
                        "a single tag or text is longer than {MAX_TOKEN} bytes; this is not an EML file as the Kiesraad writes them"
                    ),
                ));
            }
            self.buf.resize(self.buf.len() + CHUNK, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.hasher.update(&self.buf[self.end..self.end + n]);
                    // The BOM test waits for three bytes, however the reader hands them out.
                    if self.first_read && self.end + n >= 3 {
                        self.first_read = false;
                        if self.buf.starts_with(b"\xEF\xBB\xBF") {
                            self.pos = 3;
                        }
                    }
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(ScanError::new(
                        self.bytes_read(),
                        text!("leesfout: {e}", "read error: {e}"),
                    )
                    .kind(ErrorKind::Io))
                }
            }
        }
    }

    fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    fn truncated(&self, what: &Text) -> ScanError {
        let open = match self.starts.last() {
            Some(&(s, at)) => {
                let element = String::from_utf8_lossy(&self.names[s..]);
                text!(
                    "; <{element}>, geopend bij byte {at}, is niet gesloten",
                    "; <{element}> opened at byte {at} is not closed"
                )
            }
            None => Text::default(),
        };
        let (what_nl, what_en, open_nl, open_en) = (&what.nl, &what.en, &open.nl, &open.en);
        ScanError::new(
            self.offset(),
            text!(
                "het bestand houdt op binnen {what_nl}: het is afgebroken{open_nl}",
                "the file ends inside {what_en}: it is truncated{open_en}"
            ),
        )
    }

    /// The next token with its byte offset. Comments, processing instructions and
    /// whitespace outside the root are skipped.
    pub(crate) fn next_token(&mut self) -> Result<(u64, Token<'_>), ScanError> {
        let raw = self.token()?;
        let b = &self.buf;
        let token = match raw {
            Raw::Start { name, attrs, empty } => Token::Start {
                name: &b[name.0..name.1],
                attrs: &b[attrs.0..attrs.1],
                empty,
            },
            Raw::End { name } => Token::End {
                name: &b[name.0..name.1],
            },
            Raw::Text(t) => Token::Text(&b[t.0..t.1]),
            Raw::Eof => Token::Eof,
        };
        Ok((self.token_offset, token))
    }

    fn token(&mut self) -> Result<Raw, ScanError> {
        loop {
            if self.pos >= self.end && !self.fill()? {
                if !self.root_seen {
                    return Err(ScanError::new(
                        self.offset(),
                        Text::fixed(
                            "het bestand heeft geen hoofdelement (leeg of geen XML)",
                            "the file has no root element (empty or not XML)",
                        ),
                    ));
                }
                if !self.root_closed {
                    return Err(self.truncated(words!("het document", "the document")));
                }
                self.token_offset = self.offset();
                return Ok(Raw::Eof);
            }
            let here = &self.buf[self.pos..self.end];
            if here[0] != b'<' {
                let Some(i) = memchr(b'<', here) else {
                    if self.fill()? {
                        continue;
                    }
                    // Text at the very end: only whitespace after the root is fine.
                    let rest = &self.buf[self.pos..self.end];
                    if self.root_closed && rest.iter().all(u8::is_ascii_whitespace) {
                        self.pos = self.end;
                        continue;
                    }
                    // No markup before the end of the file at all: not XML (a CSV, a
                    // text file), rather than an XML file cut short.
                    if !self.root_seen && self.starts.is_empty() {
                        return Err(ScanError::new(
                            self.offset(),
                            Text::fixed(
                                "geen XML-document: geen `<` in het hele bestand; verwacht een EML 510-telling (een osv4-3-CSV of een zip leest `meetel compare --published`)",
                                "not an XML document: no `<` in the whole file; expected an EML 510 count (an osv4-3 CSV or a zip is read by `meetel compare --published`)",
                            ),
                        ));
                    }
                    return Err(self.truncated(words!("tekst", "text")));
                };
                let (s, e) = (self.pos, self.pos + i);
                self.token_offset = self.offset();
                self.pos = e;
                if self.starts.is_empty() {
                    if self.buf[s..e].iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Err(ScanError::new(
                        self.token_offset,
                        Text::fixed(
                            "tekst buiten het hoofdelement; verwacht een XML-document dat begint met `<`",
                            "text outside the root element; expected an XML document starting with `<`",
                        ),
                    ));
                }
                return Ok(Raw::Text((s, e)));
            }
            // A markup token: find its end.
            let second = here.get(1).copied();
            match second {
                Some(b'!') => {
                    if here.len() < 9 && !self.eof {
                        self.fill()?;
                        continue;
                    }
                    let here = &self.buf[self.pos..self.end];
                    if here.starts_with(b"<!--") {
                        let Some(i) = memmem::find(&here[4..], b"-->") else {
                            if self.fill()? {
                                continue;
                            }
                            return Err(self.truncated(words!("een commentaar", "a comment")));
                        };
                        self.pos += 4 + i + 3;
                        continue;
                    }
                    let at = self.offset();
                    if here.starts_with(b"<![CDATA[") {
                        return Err(ScanError::new(
                            at,
                            Text::fixed(
                                "CDATA-secties komen in EML-bestanden niet voor en worden geweigerd",
                                "CDATA sections are not used in EML files and are refused",
                            ),
                        ));
                    }
                    let word: String = here[2..here.len().min(12)]
                        .iter()
                        .take_while(|b| b.is_ascii_alphabetic())
                        .map(|&b| b as char)
                        .collect();
                    return Err(ScanError::new(
                        at,
                        text!(
                            "<!{word} …>: DTD- en entiteitdeclaraties worden geweigerd (nooit uitgevouwen); EML-bestanden hebben ze niet",
                            "<!{word} …>: DTD and entity declarations are refused (never expanded); EML files have none"
                        ),
                    )
                    .kind(ErrorKind::Dtd));
                }
                Some(b'?') => {
                    let Some(i) = memmem::find(&here[2..], b"?>") else {
                        if self.fill()? {
                            continue;
                        }
                        return Err(self.truncated(words!(
                            "een verwerkingsinstructie",
                            "a processing instruction"
                        )));
                    };
                    self.pos += 2 + i + 2;
                    continue;
                }
                None if !self.eof => {
                    self.fill()?;
                    continue;
                }
                _ => {}
            }
            let Some(close) = find_tag_end(here) else {
                if self.fill()? {
                    continue;
                }
                return Err(self.truncated(words!("een tag", "a tag")));
            };
            let start = self.pos;
            self.token_offset = self.offset();
            self.pos += close + 1;
            let inner = (start + 1, start + close);
            return self.markup(inner);
        }
    }

    /// Classifies `buf[inner.0..inner.1]` (a tag without its `<` and `>`).
    fn markup(&mut self, inner: (usize, usize)) -> Result<Raw, ScanError> {
        let at = self.token_offset;
        let tag = &self.buf[inner.0..inner.1];
        if let Some(rest) = tag.strip_prefix(b"/") {
            let name = trim_end(rest);
            let Some((s, _)) = self.starts.pop() else {
                return Err(ScanError::new(at, {
                    let name = String::from_utf8_lossy(name);
                    text!("</{name}> sluit niets af", "</{name}> closes nothing")
                }));
            };
            if &self.names[s..] != name {
                let expected = String::from_utf8_lossy(&self.names[s..]).into_owned();
                return Err(ScanError::new(at, {
                    let found = String::from_utf8_lossy(name);
                    text!(
                        "verwacht </{expected}>, gevonden </{found}>",
                        "expected </{expected}>, found </{found}>"
                    )
                }));
            }
            self.names.truncate(s);
            if self.starts.is_empty() {
                self.root_closed = true;
            }
            let (a, b) = (inner.0 + 1, inner.0 + 1 + name.len());
            return Ok(Raw::End { name: (a, b) });
        }
        let (empty, body_end) = if tag.last() == Some(&b'/') {
            (true, inner.1 - 1)
        } else {
            (false, inner.1)
        };
        let body = &self.buf[inner.0..body_end];
        let name_len = body
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(body.len());
        if name_len == 0 {
            return Err(ScanError::new(
                at,
                Text::fixed("een tag zonder naam", "a tag without a name"),
            ));
        }
        if self.root_closed {
            return Err(ScanError::new(
                at,
                Text::fixed(
                    "een tweede hoofdelement nadat het document was afgelopen",
                    "a second root element after the document ended",
                ),
            ));
        }
        if !empty {
            if self.starts.len() >= MAX_DEPTH {
                return Err(ScanError::new(
                    at,
                    text!(
                        "elementen dieper genest dan {MAX_DEPTH}",
                        "elements nested deeper than {MAX_DEPTH}"
                    ),
                ));
            }
            self.starts.push((self.names.len(), at));
            self.names.extend_from_slice(&body[..name_len]);
        } else if self.starts.is_empty() {
            self.root_closed = true;
        }
        self.root_seen = true;
        let name = (inner.0, inner.0 + name_len);
        let attrs = (inner.0 + name_len, body_end);
        Ok(Raw::Start { name, attrs, empty })
    }
}

const CAND_OPEN: &[u8] = b"<Selection><Candidate><CandidateIdentifier Id=\"";
const CAND_MID: &[u8] = b"\"></CandidateIdentifier></Candidate><ValidVotes>";
const CAND_CLOSE: &[u8] = b"</ValidVotes></Selection>";

/// 1 to 9 decimal digits at the start of `b`: their value and count.
fn leading_digits(b: &[u8]) -> Option<(u32, usize)> {
    let n = b.iter().take(10).take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > 9 {
        return None;
    }
    let v = b[..n].iter().fold(0u32, |v, &c| v * 10 + (c - b'0') as u32);
    Some((v, n))
}

impl<R: Read> Scanner<R> {
    /// The fast path for the element that makes up ~95% of a 510b file: a candidate's
    /// votes, `<Selection><Candidate><CandidateIdentifier Id="7"></CandidateIdentifier>
    /// </Candidate><ValidVotes>12</ValidVotes></Selection>`, written by the Kiesraad's
    /// software exactly so, on one line. When the bytes at the cursor are exactly that
    /// (a complete, balanced element, so the open-element stack is unchanged), returns
    /// (candidate number, votes) and moves past it. Anything else, including an
    /// element cut by the end of the buffer, returns `None` and leaves the cursor for
    /// the general tokenizer, which handles every layout and reports every error.
    pub(crate) fn fast_candidate(&mut self) -> Option<(u32, u32)> {
        let b = &self.buf[self.pos..self.end];
        let rest = b.strip_prefix(CAND_OPEN)?;
        let (id, n1) = leading_digits(rest)?;
        let rest = rest[n1..].strip_prefix(CAND_MID)?;
        let (votes, n2) = leading_digits(rest)?;
        let rest = rest[n2..].strip_prefix(CAND_CLOSE)?;
        let consumed = b.len() - rest.len();
        self.token_offset = self.offset();
        self.pos += consumed;
        Some((id, votes))
    }
}

/// Index of the `>` that ends the tag starting at `b[0] == b'<'`, skipping `>` inside
/// quoted attribute values.
fn find_tag_end(b: &[u8]) -> Option<usize> {
    let mut i = 1;
    loop {
        let j = i + memchr3(b'>', b'"', b'\'', &b[i..])?;
        match b[j] {
            b'>' => return Some(j),
            q => {
                let k = j + 1 + memchr(q, &b[j + 1..])?;
                i = k + 1;
            }
        }
    }
}

fn trim_end(mut b: &[u8]) -> &[u8] {
    while let [rest @ .., last] = b {
        if last.is_ascii_whitespace() {
            b = rest;
        } else {
            break;
        }
    }
    b
}

fn trim(mut b: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = b {
        if first.is_ascii_whitespace() {
            b = rest;
        } else {
            break;
        }
    }
    trim_end(b)
}

/// The raw value of attribute `key` in a tag's attribute text, if present.
pub(crate) fn attr<'a>(attrs: &'a [u8], key: &[u8]) -> Result<Option<&'a [u8]>, Text> {
    let mut rest = attrs;
    loop {
        rest = trim(rest);
        if rest.is_empty() {
            return Ok(None);
        }
        let eq = memchr(b'=', rest).ok_or_else(|| {
            let attrs = String::from_utf8_lossy(attrs);
            text!(
                "onleesbare attributen `{attrs}`",
                "malformed attributes `{attrs}`"
            )
        })?;
        let name = trim(&rest[..eq]);
        let after = trim(&rest[eq + 1..]);
        let quote = *after
            .first()
            .filter(|q| **q == b'"' || **q == b'\'')
            .ok_or_else(|| {
                let name = String::from_utf8_lossy(name);
                text!(
                    "attribuut `{name}` heeft geen waarde tussen aanhalingstekens",
                    "attribute `{name}` has no quoted value"
                )
            })?;
        let close = memchr(quote, &after[1..]).ok_or_else(|| {
            let name = String::from_utf8_lossy(name);
            text!(
                "attribuut `{name}` heeft geen sluitend aanhalingsteken",
                "attribute `{name}` has no closing quote"
            )
        })?;
        let value = &after[1..1 + close];
        if name == key {
            return Ok(Some(value));
        }
        rest = &after[close + 2..];
    }
}

/// Decodes character data or an attribute value: the five predefined entities and
/// numeric character references. Any other entity reference is refused (EML files
/// declare none, and this reader never expands declared ones).
pub(crate) fn decode_text(raw: &[u8]) -> Result<String, Text> {
    let text = std::str::from_utf8(raw)
        .map_err(|e| text!("tekst is geen UTF-8: {e}", "text is not UTF-8: {e}"))?;
    if !text.contains('&') {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let semi = after.find(';').filter(|&j| j <= 10).ok_or_else(|| {
            Text::fixed(
                "een `&` die geen entiteitverwijzing begint",
                "an `&` that does not start an entity reference",
            )
        })?;
        let name = &after[..semi];
        let ch = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    return Err(text!(
                        "entiteit `&{name};` is niet gedefinieerd (entiteiten worden nooit uitgevouwen)",
                        "entity `&{name};` is not defined (entities are never expanded)"
                    ));
                };
                code.and_then(char::from_u32).ok_or_else(|| {
                    text!(
                        "`&{name};` is geen geldige tekenverwijzing",
                        "`&{name};` is not a valid character reference"
                    )
                })?
            }
        };
        out.push(ch);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A count: decimal digits with optional surrounding whitespace, fitting in a u32.
pub(crate) fn parse_count(raw: &[u8]) -> Result<u32, Text> {
    let t = trim(raw);
    if t.is_empty() {
        return Err(Text::fixed(
            "een leeg aantal; verwacht een geheel getal, 0 of meer",
            "an empty count; expected a whole number of 0 or more",
        ));
    }
    let mut v: u64 = 0;
    for &b in t {
        if !b.is_ascii_digit() {
            let shown = String::from_utf8_lossy(t);
            return Err(if t.first() == Some(&b'-') {
                text!(
                    "negatief aantal `{shown}`; aantallen zijn 0 of meer",
                    "negative count `{shown}`; counts are 0 or more"
                )
            } else {
                text!(
                    "`{shown}` is geen aantal; verwacht een geheel getal, 0 of meer",
                    "`{shown}` is not a count; expected a whole number of 0 or more"
                )
            });
        }
        v = v * 10 + (b - b'0') as u64;
        if v > u32::MAX as u64 {
            let shown = String::from_utf8_lossy(t);
            return Err(text!(
                "aantal `{shown}` is te groot",
                "count `{shown}` is too large"
            ));
        }
    }
    Ok(v as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &[u8], chunk_reader: bool) -> Result<Vec<String>, ScanError> {
        // A reader that hands out one byte at a time exercises every refill path.
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() || buf.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0[0];
                self.0 = &self.0[1..];
                Ok(1)
            }
        }
        let src: Box<dyn Read> = if chunk_reader {
            Box::new(OneByte(xml))
        } else {
            Box::new(xml)
        };
        let mut s = Scanner::new(src);
        let mut out = Vec::new();
        loop {
            match s.next_token()?.1 {
                Token::Start { name, attrs, empty } => out.push(format!(
                    "<{}{}{}>",
                    String::from_utf8_lossy(name),
                    String::from_utf8_lossy(attrs),
                    if empty { "/" } else { "" }
                )),
                Token::End { name } => out.push(format!("</{}>", String::from_utf8_lossy(name))),
                Token::Text(t) => out.push(String::from_utf8_lossy(t).into_owned()),
                Token::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn tokenizes_with_comments_bom_and_quoted_gt() {
        let xml =
            b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- note --><a x=\"1>2\"><b/>t&amp;</a >\n";
        for one in [false, true] {
            let t = tokens(xml, one).unwrap();
            assert_eq!(t, vec!["<a x=\"1>2\">", "<b/>", "t&amp;", "</a>"]);
        }
    }

    #[test]
    fn refuses_dtd_and_entities() {
        let e = tokens(b"<!DOCTYPE EML [<!ENTITY x \"y\">]><EML/>", false).unwrap_err();
        assert!(e.message.en.contains("DTD"), "{e:?}");
        assert_eq!(e.offset, 0);
        assert!(decode_text(b"a &x; b")
            .unwrap_err()
            .en
            .contains("never expanded"));
        assert_eq!(decode_text(b"a &#x41;&lt;").unwrap(), "a A<");
    }

    #[test]
    fn reports_truncation_and_mismatched_tags_with_offsets() {
        let e = tokens(b"<a><b>1</b", false).unwrap_err();
        assert!(e.message.en.contains("truncated"), "{e:?}");
        let e = tokens(b"<a><b>1</c></a>", true).unwrap_err();
        assert_eq!(e.offset, 7);
        assert!(e.message.en.contains("expected </b>"), "{e:?}");
        assert!(tokens(b"", false).is_err());
        assert!(tokens(b"<a></a><b/>", false).is_err());
    }

    #[test]
    fn reads_attributes_and_counts() {
        let a = b" Id=\"0668::SB1\"  ReasonCode = 'blanco'";
        assert_eq!(attr(a, b"Id").unwrap(), Some(&b"0668::SB1"[..]));
        assert_eq!(attr(a, b"ReasonCode").unwrap(), Some(&b"blanco"[..]));
        assert_eq!(attr(a, b"X").unwrap(), None);
        assert!(attr(b" Id=x", b"Id").is_err());
        assert_eq!(parse_count(b" 42 ").unwrap(), 42);
        assert!(parse_count(b"-1").unwrap_err().en.contains("negative"));
        assert!(parse_count(b"4x").is_err());
        assert!(parse_count(b"99999999999").is_err());
    }
}
