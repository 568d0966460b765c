//! Codes as text: the whole-sheet code, parts of a sheet too large for one code, and the
//! fingerprint code; and collecting scanned codes back into sheets.
//!
//! A part is `MT1P:<i>/<n>:<group>:<piece>`: part `i` of `n` (from 1), the group (the
//! first 8 hex characters of the seal fingerprint, upper case, so that parts of
//! different sheets photographed together never mix), and a piece of the whole code's
//! Base45 text. The pieces of parts 1…n, joined in order, are the Base45 text of the
//! `MT1:` code. Every character is in the QR alphanumeric set.

use std::collections::BTreeMap;

use crate::sheet::seal::SealedSheet;

use super::payload::{self, SHEET_PREFIX};
use super::{render, QrError};

pub const PART_PREFIX: &str = "MT1P:";

/// How many missing parts an incomplete set names; the rest are counted.
pub const MAX_MISSING_LISTED: usize = 20;
pub const FINGERPRINT_PREFIX: &str = "MT1F:";

/// One scanned code, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// A whole sheet: the Base45 text after `MT1:`.
    Whole(String),
    Part {
        index: usize,
        total: usize,
        group: String,
        piece: String,
    },
    Fingerprint(FingerprintCode),
}

/// The commitment: which election and station, and the seal fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FingerprintCode {
    pub election: String,
    pub station: String,
    /// As in the code: upper-case hex.
    pub fingerprint: String,
}

impl FingerprintCode {
    /// The fingerprint in the Kiesraad's notation (16 groups of 4 lower-case hex
    /// characters), as the sheet and the TUI show it.
    pub fn notation(&self) -> String {
        crate::fingerprint::Fingerprint::notation_of(&self.fingerprint)
    }
}

/// The fingerprint code of a sealed sheet: `MT1F:<election id> <station id>
/// <FINGERPRINT>`, e.g. `MT1F:TK2025 0668::SB1 9F86D081…`. Plain text, so that whatever
/// phone app scans it shows (and can share) something a person can compare with the
/// screen. The fingerprint is upper case so that, for most elections, the whole text is
/// in the QR alphanumeric set and fits a small code.
pub fn fingerprint_code(sealed: &SealedSheet) -> String {
    let h = &sealed.sheet.header;
    format!(
        "{FINGERPRINT_PREFIX}{} {} {}",
        h.election.id,
        h.station.id,
        sealed.seal.fingerprint.to_ascii_uppercase()
    )
}

/// The group id of a sheet's parts: the first 8 characters of its fingerprint.
pub fn group_of(sealed: &SealedSheet) -> String {
    let fp = sealed.seal.fingerprint.to_ascii_uppercase();
    let ok = fp.len() >= 8 && fp.bytes().take(8).all(|b| b.is_ascii_hexdigit());
    if ok {
        fp[..8].to_string()
    } else {
        // A malformed fingerprint will not verify anyway; the parts still need a group
        // id in the alphanumeric set.
        hex::encode_upper(
            &crate::fingerprint::Fingerprint::of(sealed.seal.fingerprint.as_bytes()).as_bytes()
                [..4],
        )
    }
}

/// The codes of a sheet for codes of at most `max_version` at [`super::EC_LEVEL`]: one
/// `MT1:` code if it fits, else as few `MT1P:` parts as fit, all of (nearly) the same
/// length so that they share one version.
pub fn sheet_codes(sealed: &SealedSheet, max_version: i16) -> Result<Vec<String>, QrError> {
    let whole = payload::to_text(sealed);
    split_text(&whole, &group_of(sealed), max_version)
}

/// Splits a whole `MT1:` text (see [`sheet_codes`]).
pub fn split_text(whole: &str, group: &str, max_version: i16) -> Result<Vec<String>, QrError> {
    let capacity = render::alphanumeric_capacity(max_version);
    if whole.len() <= capacity {
        return Ok(vec![whole.to_string()]);
    }
    let body = &whole[SHEET_PREFIX.len()..];
    let mut n = 2usize;
    loop {
        // The longest header among the parts: both numbers with n's digits.
        let digits = n.to_string().len();
        let header = PART_PREFIX.len() + 2 * digits + 1 + 1 + group.len() + 1;
        if capacity <= header {
            return Err(QrError::Capacity(format!(
                "a version-{max_version} code holds {capacity} characters, not even a part header"
            )));
        }
        let room = capacity - header;
        let needed = body.len().div_ceil(room);
        if needed <= n {
            break;
        }
        n = needed;
    }
    let piece = body.len().div_ceil(n);
    let chars: Vec<char> = body.chars().collect();
    Ok(chars
        .chunks(piece)
        .enumerate()
        .map(|(i, c)| {
            let piece: String = c.iter().collect();
            format!("{PART_PREFIX}{}/{n}:{group}:{piece}", i + 1)
        })
        .collect())
}

/// Understands one scanned text.
pub fn parse_code(text: &str) -> Result<Code, QrError> {
    // Only line ends are dropped (some readers add them): a space is a Base45 digit,
    // so a piece may begin or end with one.
    let text = text.trim_end_matches(['\r', '\n']);
    let Some((kind, rest)) = text.split_once(':') else {
        return Err(QrError::Foreign(super::abbreviate(text)));
    };
    match kind {
        "MT1" => Ok(Code::Whole(rest.to_string())),
        "MT1P" => parse_part(rest),
        "MT1F" => parse_fingerprint(rest).map(Code::Fingerprint),
        k if k.len() <= 5 && k.starts_with("MT") && k[2..].bytes().any(|b| b.is_ascii_digit()) => {
            Err(QrError::UnknownFormat(k.to_string()))
        }
        _ => Err(QrError::Foreign(super::abbreviate(text))),
    }
}

fn parse_part(rest: &str) -> Result<Code, QrError> {
    let bad = |why: &str| {
        QrError::Part(format!(
            "`{}`: {why}; expected MT1P:<i>/<n>:<8 hex>:<Base45>",
            super::abbreviate(rest)
        ))
    };
    let mut fields = rest.splitn(3, ':');
    let (Some(count), Some(group), Some(piece)) = (fields.next(), fields.next(), fields.next())
    else {
        return Err(bad("too few fields"));
    };
    let (i, n) = count.split_once('/').ok_or_else(|| bad("no i/n"))?;
    let number = |s: &str| {
        s.parse::<usize>()
            .ok()
            .filter(|v| *v >= 1 && s == v.to_string())
    };
    let (index, total) = match (number(i), number(n)) {
        (Some(i), Some(n)) if i <= n && n >= 2 => (i, n),
        _ => return Err(bad("i/n must be numbers with 1 ≤ i ≤ n and n ≥ 2")),
    };
    if group.len() != 8
        || !group
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
    {
        return Err(bad("the group must be 8 upper-case hex characters"));
    }
    if piece.is_empty() {
        return Err(bad("the piece is empty"));
    }
    Ok(Code::Part {
        index,
        total,
        group: group.to_string(),
        piece: piece.to_string(),
    })
}

fn parse_fingerprint(rest: &str) -> Result<FingerprintCode, QrError> {
    let fields: Vec<&str> = rest.split(' ').collect();
    let [election, station, fingerprint] = fields[..] else {
        return Err(QrError::Fingerprint(format!(
            "`{rest}`: expected three fields, election, station and fingerprint, separated by spaces"
        )));
    };
    if fingerprint.len() != 64 || !fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(QrError::Fingerprint(format!(
            "`{fingerprint}` is not a SHA-256 fingerprint (64 hex characters)"
        )));
    }
    Ok(FingerprintCode {
        election: election.to_string(),
        station: station.to_string(),
        fingerprint: fingerprint.to_string(),
    })
}

/// What adding a code to a [`Collector`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    Whole,
    /// A new part of a group: (group, index, total).
    Part(String, usize, usize),
    /// A part already held (same index, same piece): ignored.
    Duplicate(String, usize),
    Fingerprint(FingerprintCode),
}

#[derive(Debug, Default)]
struct Group {
    total: usize,
    pieces: BTreeMap<usize, String>,
}

/// Gathers scanned codes, in any order and with repeats, from any number of sheets.
#[derive(Debug, Default)]
pub struct Collector {
    wholes: Vec<String>,
    groups: BTreeMap<String, Group>,
    fingerprints: Vec<FingerprintCode>,
}

impl Collector {
    pub fn new() -> Collector {
        Collector::default()
    }

    /// Adds one scanned text. Foreign codes and damaged headers are errors; a part that
    /// contradicts one already held (another total, or another piece at its index) too.
    pub fn add(&mut self, text: &str) -> Result<Added, QrError> {
        match parse_code(text)? {
            Code::Whole(body) => {
                if !self.wholes.contains(&body) {
                    self.wholes.push(body);
                }
                Ok(Added::Whole)
            }
            Code::Fingerprint(f) => {
                if !self.fingerprints.contains(&f) {
                    self.fingerprints.push(f.clone());
                }
                Ok(Added::Fingerprint(f))
            }
            Code::Part {
                index,
                total,
                group,
                piece,
            } => {
                let g = self.groups.entry(group.clone()).or_insert_with(|| Group {
                    total,
                    pieces: BTreeMap::new(),
                });
                if g.total != total {
                    return Err(QrError::Part(format!(
                        "part {index}/{total} of sheet {group}, but earlier parts of that sheet said {} parts",
                        g.total
                    )));
                }
                match g.pieces.get(&index) {
                    Some(held) if *held == piece => Ok(Added::Duplicate(group, index)),
                    Some(_) => Err(QrError::Part(format!(
                        "two different texts for part {index}/{total} of sheet {group}"
                    ))),
                    None => {
                        g.pieces.insert(index, piece);
                        Ok(Added::Part(group, index, total))
                    }
                }
            }
        }
    }

    pub fn fingerprints(&self) -> &[FingerprintCode] {
        &self.fingerprints
    }

    /// Every sheet found, decoded and verified, or why not: one result per whole code
    /// and per group of parts. Parts with all pieces present are joined; a group with
    /// pieces missing names them.
    pub fn finish(&self) -> Vec<Result<SealedSheet, QrError>> {
        let mut out: Vec<Result<SealedSheet, QrError>> = self
            .wholes
            .iter()
            .map(|body| super::decode_verified(&format!("{SHEET_PREFIX}{body}")))
            .collect();
        for (group, g) in &self.groups {
            // Every held index is within 1..=total. The total comes from the code's
            // text, so it may be huge: only the first few missing parts are listed,
            // found without walking the whole range.
            let missing_count = g.total - g.pieces.len();
            if missing_count > 0 {
                let missing: Vec<usize> = (1..=g.total)
                    .filter(|i| !g.pieces.contains_key(i))
                    .take(MAX_MISSING_LISTED)
                    .collect();
                out.push(Err(QrError::Incomplete {
                    group: group.clone(),
                    total: g.total,
                    missing,
                    missing_count,
                }));
                continue;
            }
            let body: String = g.pieces.values().map(String::as_str).collect();
            out.push(
                super::decode_verified(&format!("{SHEET_PREFIX}{body}")).and_then(|s| {
                    if group_of(&s) == *group {
                        Ok(s)
                    } else {
                        Err(QrError::Part(format!(
                            "the parts say sheet {group}, but the joined sheet's fingerprint begins {}",
                            group_of(&s)
                        )))
                    }
                }),
            );
        }
        // The same sheet may arrive both whole and in parts: keep one.
        let mut seen: Vec<String> = Vec::new();
        out.retain(|r| match r {
            Ok(s) if seen.contains(&s.seal.fingerprint) => false,
            Ok(s) => {
                seen.push(s.seal.fingerprint.clone());
                true
            }
            Err(_) => true,
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_claiming_a_huge_total_lists_only_the_first_missing_parts() {
        // The total is whatever the code's text says; the set must not be walked,
        // listed or allocated in full.
        let total = 10_000_000;
        let mut c = Collector::new();
        c.add(&format!("{PART_PREFIX}2/{total}:ABCDEF01:AB"))
            .unwrap();
        let results = c.finish();
        let [Err(err)] = &results[..] else {
            panic!("{results:?}");
        };
        let QrError::Incomplete {
            missing,
            missing_count,
            ..
        } = err
        else {
            panic!("{err}");
        };
        assert_eq!(missing.len(), MAX_MISSING_LISTED);
        assert_eq!(missing[..3], [1, 3, 4]);
        assert_eq!(*missing_count, total - 1);
        let text = err.to_string();
        assert!(text.contains("missing part 1, part 3, part 4"), "{text}");
        assert!(text.contains("and 9999979 more"), "{text}");
    }
}
