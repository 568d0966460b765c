//! SHA-256 fingerprints in the notation the Kiesraad prints for its files: 16 groups of
//! 4 lowercase hex characters (`9f86 d081 884c 7d65 …`), compared case-insensitively.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// SHA-256 of a file, read in pieces so that large files do not need to fit in memory.
pub fn sha256_file(path: &Path) -> std::io::Result<[u8; 32]> {
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
    Ok(hasher.finalize().into())
}

/// `9f86 d081 884c 7d65 …`: 16 groups of 4 lowercase hex characters.
pub fn kiesraad_notation(digest: &[u8; 32]) -> String {
    let hex = hex::encode(digest);
    let groups: Vec<&str> = (0..16).map(|i| &hex[i * 4..i * 4 + 4]).collect();
    groups.join(" ")
}

/// Reads a SHA-256 written as 64 hex characters, in any case, with or without the
/// spaces of the Kiesraad's notation.
pub fn parse_sha256(text: &str) -> Result<[u8; 32], String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() != 64 {
        return Err(format!(
            "`{text}` is not a SHA-256: expected 64 hex characters (16 groups of 4), found {}",
            compact.len()
        ));
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(compact.to_ascii_lowercase(), &mut out).map_err(|_| {
        format!("`{text}` is not a SHA-256: it has characters other than 0-9 and a-f")
    })?;
    Ok(out)
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
