//! The fingerprint notation: a SHA-256 as people read, share and compare it.
//!
//! The Kiesraad prints the SHA-256 of each file it publishes as 16 groups of 4 lowercase
//! hex characters (`9f86 d081 884c 7d65 …`, DESIGN.md §3), and meetel shows every
//! fingerprint the same way: of a sealed sheet, of a published file, of a public key.
//! [`Fingerprint`]'s `Display` is the one place that writes that notation; reading one
//! back ([`Fingerprint::parse`]) takes any case, with or without the spaces.

use std::fmt;
use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// A SHA-256 digest. Shown in the Kiesraad's notation; [`Fingerprint::to_hex`] gives the
/// 64 lowercase hex characters that files (journal lines, seal records) hold.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint([u8; 32]);

const DIGITS: &[u8; 16] = b"0123456789abcdef";

impl Fingerprint {
    pub(crate) const fn from_bytes(bytes: [u8; 32]) -> Fingerprint {
        Fingerprint(bytes)
    }

    /// SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint(Sha256::digest(bytes).into())
    }

    /// SHA-256 of a file, read in pieces so that large files do not need to fit in memory.
    pub fn of_file(path: &Path) -> std::io::Result<Fingerprint> {
        let mut file = std::fs::File::open(path)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        Ok(Fingerprint(hasher.finalize().into()))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// 64 lowercase hex characters, as files hold it. By hand rather than `hex::encode`,
    /// whose per-character iterator was a tenth of journal replay time.
    pub fn to_hex(&self) -> String {
        let mut out = String::with_capacity(64);
        for &b in &self.0 {
            out.push(DIGITS[(b >> 4) as usize] as char);
            out.push(DIGITS[(b & 15) as usize] as char);
        }
        out
    }

    /// Reads a SHA-256 written as 64 hex characters, in any case, with or without the
    /// spaces of the Kiesraad's notation (or any other white space).
    pub fn parse(text: &str) -> Result<Fingerprint, ParseFingerprintError> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let error = |found| ParseFingerprintError {
            text: text.to_string(),
            found,
        };
        if compact.len() != 64 {
            return Err(error(Found::Length(compact.chars().count())));
        }
        let mut out = [0u8; 32];
        hex::decode_to_slice(compact.to_ascii_lowercase(), &mut out)
            .map_err(|_| error(Found::NotHex))?;
        Ok(Fingerprint(out))
    }

    /// `text` in the Kiesraad's notation when it is a SHA-256, else as it stands: for
    /// showing a recorded fingerprint that may be malformed (a tampered seal record).
    pub(crate) fn notation_of(text: &str) -> String {
        match Fingerprint::parse(text) {
            Ok(f) => f.to_string(),
            Err(_) => text.to_string(),
        }
    }
}

impl AsRef<[u8]> for Fingerprint {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<[u8; 32]> for Fingerprint {
    fn from(bytes: [u8; 32]) -> Fingerprint {
        Fingerprint(bytes)
    }
}

/// The Kiesraad's notation: `9f86 d081 884c 7d65 …`, 16 groups of 4 lowercase hex
/// characters separated by single spaces.
impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = [b' '; 79];
        for (i, pair) in self.0.chunks(2).enumerate() {
            let at = i * 5;
            for (j, &b) in pair.iter().enumerate() {
                out[at + 2 * j] = DIGITS[(b >> 4) as usize];
                out[at + 2 * j + 1] = DIGITS[(b & 15) as usize];
            }
        }
        f.write_str(std::str::from_utf8(&out).expect("hex digits and spaces are ASCII"))
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

impl FromStr for Fingerprint {
    type Err = ParseFingerprintError;
    fn from_str(s: &str) -> Result<Fingerprint, ParseFingerprintError> {
        Fingerprint::parse(s)
    }
}

/// Why a text is not a SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a SHA-256: {found}")]
pub struct ParseFingerprintError {
    text: String,
    found: Found,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// How many characters there were, spaces left out.
    Length(usize),
    NotHex,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Length(n) => write!(f, "expected 64 hex characters (16 groups of 4), found {n}"),
            Found::NotHex => f.write_str("it has characters other than 0-9 and a-f"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_the_kiesraad() {
        // SHA-256("test"), which starts 9f86 d081 … as in DESIGN.md §3.
        let f = Fingerprint::of(b"test");
        let s = f.to_string();
        assert_eq!(
            s,
            "9f86 d081 884c 7d65 9a2f eaa0 c55a d015 a3bf 4f1b 2b0b 822c d15d 6c15 b0f0 0a08"
        );
        assert_eq!(f.to_hex(), s.replace(' ', ""));
        assert_eq!(f.to_hex(), hex::encode(f.as_bytes()));
        assert_eq!(format!("{f:?}"), format!("Fingerprint({s})"));
    }

    #[test]
    fn parses_case_insensitively_with_or_without_spaces() {
        let f = Fingerprint::of(b"test");
        assert_eq!(Fingerprint::parse(&f.to_string().to_uppercase()), Ok(f));
        assert_eq!(f.to_hex().parse::<Fingerprint>(), Ok(f));
        assert_eq!(Fingerprint::parse(&format!(" {}\n", f.to_hex())), Ok(f));
        let short = Fingerprint::parse("9f86").unwrap_err().to_string();
        assert!(short.contains("64 hex"), "{short}");
        assert!(short.contains("found 4"), "{short}");
        let bad = Fingerprint::parse(&"zz".repeat(32))
            .unwrap_err()
            .to_string();
        assert!(bad.contains("other than 0-9"), "{bad}");
    }

    #[test]
    fn a_malformed_record_is_shown_as_it_stands() {
        let f = Fingerprint::of(b"x");
        assert_eq!(Fingerprint::notation_of(&f.to_hex()), f.to_string());
        assert_eq!(Fingerprint::notation_of("abab"), "abab");
    }

    #[test]
    fn a_file_hashes_as_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, vec![7u8; 200_000]).unwrap();
        assert_eq!(
            Fingerprint::of_file(&path).unwrap(),
            Fingerprint::of(&vec![7u8; 200_000])
        );
    }
}
