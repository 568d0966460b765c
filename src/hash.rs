//! SHA-256 of bytes and files. The notation people read (16 groups of 4) is
//! [`crate::fingerprint::Fingerprint`]'s; the functions here are the digest as bytes, for
//! the journal's chain and for file digests, and delegate to it.

use std::path::Path;

use crate::fingerprint::Fingerprint;

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    *Fingerprint::of(bytes).as_bytes()
}

/// SHA-256 of a file, read in pieces so that large files do not need to fit in memory.
pub fn sha256_file(path: &Path) -> std::io::Result<[u8; 32]> {
    Fingerprint::of_file(path).map(|f| *f.as_bytes())
}

/// `9f86 d081 884c 7d65 …`: 16 groups of 4 lowercase hex characters. Prefer
/// `Fingerprint`'s `Display`.
pub fn kiesraad_notation(digest: &[u8; 32]) -> String {
    Fingerprint::from_bytes(*digest).to_string()
}

/// Reads a SHA-256 written as 64 hex characters, in any case, with or without the
/// spaces of the Kiesraad's notation. Prefer [`Fingerprint::parse`].
pub fn parse_sha256(text: &str) -> Result<[u8; 32], String> {
    Fingerprint::parse(text)
        .map(|f| *f.as_bytes())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_the_kiesraad() {
        // SHA-256("test"), which starts 9f86 d081 … as in DESIGN.md §3.
        let d = sha256(b"test");
        let s = kiesraad_notation(&d);
        assert!(s.starts_with("9f86 d081 884c 7d65"), "{s}");
        assert_eq!(s.split(' ').count(), 16);
        assert!(s.split(' ').all(|g| g.len() == 4));
    }

    #[test]
    fn parses_case_insensitively_with_or_without_spaces() {
        let d = sha256(b"test");
        let spaced = kiesraad_notation(&d).to_uppercase();
        assert_eq!(parse_sha256(&spaced).unwrap(), d);
        assert_eq!(parse_sha256(&hex::encode(d)).unwrap(), d);
        assert!(parse_sha256("9f86").unwrap_err().contains("64 hex"));
        assert!(parse_sha256(&"zz".repeat(32)).is_err());
    }
}
