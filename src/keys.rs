//! The observer's Ed25519 key, which signs every seal (docs/seal.md).
//!
//! It lives in the meetel home directory: `$MEETEL_HOME` if that is set (tests and
//! scripts), else `meetel` in the user's config directory (`~/.config/meetel` on Linux,
//! `~/Library/Application Support/meetel` on macOS, `%APPDATA%\meetel` on Windows).
//!
//! `observer.key` holds the 32-byte Ed25519 seed (the secret key of RFC 8032). meetel
//! writes it as text: comment lines starting with `#`, and one line of 64 lowercase hex
//! characters. It also reads a file of exactly 32 raw bytes (a text file of 32 bytes
//! cannot hold 64 hex characters, so the two cannot be confused). The file is created on
//! first use from the operating system's random source, owner-only (mode 0600 on Unix),
//! and never replaced: losing it means later sheets are signed by a different key.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use ed25519_dalek::{SigningKey, VerifyingKey};
use rand_core::OsRng;

use crate::fingerprint::Fingerprint;
use crate::fsutil::{self, FsError};
use crate::i18n::Text;
use crate::text;

/// Environment variable that overrides the home directory.
pub(crate) const HOME_ENV: &str = "MEETEL_HOME";
/// File name of the observer's secret key in the home directory.
pub(crate) const KEY_FILE: &str = "observer.key";

const KEY_FILE_COMMENT: &str = "# meetel observer key: the Ed25519 seed (32 bytes, hex).\n\
# Keep it secret: whoever has this file can seal sheets in your name.\n\
# Keep a backup: without it you cannot sign as the same observer again.\n";

/// What can go wrong with the observer's key. Each message names the path and what to
/// do; `Display` is English, `KeyError::text` both languages.
#[derive(Debug)]
pub enum KeyError {
    NoHome,
    Missing {
        path: PathBuf,
    },
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    Malformed {
        path: PathBuf,
        reason: Text,
    },
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    Write(FsError),
    BadPublicKey {
        path: PathBuf,
        reason: Text,
    },
}

impl KeyError {
    pub(crate) fn text(&self) -> Text {
        match self {
            KeyError::NoHome => text!(
                "kan niet bepalen waar de sleutel van de waarnemer moet staan: dit systeem heeft geen map voor instellingen; zet {HOME_ENV} op een map, bijvoorbeeld `export {HOME_ENV}=~/.meetel`",
                "cannot tell where to keep the observer key: this system has no config directory; set {HOME_ENV} to a directory, e.g. `export {HOME_ENV}=~/.meetel`"
            ),
            KeyError::Missing { path } => {
                let path = path.display();
                text!(
                    "geen sleutel van de waarnemer in {path}: maak er een met `meetel keys`, of zet {HOME_ENV} op de map met uw observer.key",
                    "no observer key at {path}: run `meetel keys` to create one, or set {HOME_ENV} to the directory that holds your observer.key"
                )
            }
            KeyError::Read { path, source } => {
                let path = path.display();
                text!(
                    "kan de sleutel van de waarnemer {path} niet lezen: {source}; kijk of het bestand van u is en leesbaar",
                    "cannot read the observer key {path}: {source}; check that the file is yours and readable"
                )
            }
            KeyError::Malformed { path, reason } => {
                let (path, rn, re) = (path.display(), &reason.nl, &reason.en);
                text!(
                    "{path} is geen sleutel van een waarnemer: {rn}; zet hem terug uit uw reservekopie (bewerk hem nooit met de hand)",
                    "{path} is not an observer key: {re}; restore it from your backup (never edit it by hand)"
                )
            }
            KeyError::CreateDir { path, source } => {
                let path = path.display();
                text!(
                    "kan de map {path} voor de sleutel van de waarnemer niet maken: {source}; zet {HOME_ENV} op een map waarin u mag schrijven",
                    "cannot create the directory {path} for the observer key: {source}; set {HOME_ENV} to a directory you can write to"
                )
            }
            KeyError::Write(e) => e.text(),
            KeyError::BadPublicKey { path, reason } => {
                let (path, rn, re) = (path.display(), &reason.nl, &reason.en);
                text!(
                    "{path} is geen publieke sleutel: {rn}; verwacht 64 hexadecimale tekens (een publieke Ed25519-sleutel zoals `meetel keys` die wegschrijft)",
                    "{path} is not a public key: {re}; expected 64 hex characters (an Ed25519 public key as `meetel keys` exports it)"
                )
            }
        }
    }
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for KeyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            KeyError::Read { source, .. } | KeyError::CreateDir { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<FsError> for KeyError {
    fn from(e: FsError) -> KeyError {
        KeyError::Write(e)
    }
}

/// The meetel home directory: `$MEETEL_HOME`, else `<config dir>/meetel`.
pub(crate) fn home_dir() -> Result<PathBuf, KeyError> {
    home_from(std::env::var_os(HOME_ENV), dirs::config_dir())
}

/// The rule of [`home_dir`], apart from the process environment so it can be tested.
fn home_from(env: Option<OsString>, config: Option<PathBuf>) -> Result<PathBuf, KeyError> {
    match env {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => config.map(|c| c.join("meetel")).ok_or(KeyError::NoHome),
    }
}

/// Path of the observer's key file.
pub(crate) fn key_path() -> Result<PathBuf, KeyError> {
    Ok(home_dir()?.join(KEY_FILE))
}

/// Loads the observer's key, creating it on first use.
pub(crate) fn load_or_create() -> Result<SigningKey, KeyError> {
    load_or_create_in(&home_dir()?)
}

/// `load_or_create` with an explicit home directory.
pub fn load_or_create_in(home: &Path) -> Result<SigningKey, KeyError> {
    let path = home.join(KEY_FILE);
    if path.exists() {
        return load_file(&path);
    }
    create_home(home)?;
    let key = SigningKey::generate(&mut OsRng);
    let text = format!("{KEY_FILE_COMMENT}{}\n", hex::encode(key.to_bytes()));
    match fsutil::create_new_private(&path, text.as_bytes()) {
        Ok(()) => Ok(key),
        // Another meetel created it a moment ago: that key is the one, use it.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_file(&path),
        Err(e) => Err(e.into()),
    }
}

/// Reads a key file in either documented form (hex text or 32 raw bytes).
pub(crate) fn load_file(path: &Path) -> Result<SigningKey, KeyError> {
    let bytes = std::fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => KeyError::Missing {
            path: path.to_path_buf(),
        },
        _ => KeyError::Read {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let seed = parse_key_file(&bytes).map_err(|reason| KeyError::Malformed {
        path: path.to_path_buf(),
        reason,
    })?;
    Ok(SigningKey::from_bytes(&seed))
}

fn parse_key_file(bytes: &[u8]) -> Result<[u8; 32], Text> {
    if bytes.len() == 32 {
        let mut seed = [0u8; 32];
        seed.copy_from_slice(bytes);
        return Ok(seed);
    }
    let n = bytes.len();
    let text = std::str::from_utf8(bytes).map_err(|_| {
        text!(
            "het is geen 32 losse bytes en ook geen tekst ({n} bytes)",
            "it is neither 32 raw bytes nor text ({n} bytes)"
        )
    })?;
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let [line] = lines.as_slice() else {
        let n = lines.len();
        return Err(text!(
            "verwacht één regel van 64 hexadecimale tekens, gevonden {n} regels die geen commentaar zijn",
            "expected one line of 64 hex characters, found {n} non-comment lines"
        ));
    };
    let mut seed = [0u8; 32];
    hex::decode_to_slice(line, &mut seed).map_err(|_| {
        let n = line.chars().count();
        text!(
            "verwacht 64 hexadecimale tekens, gevonden {n} tekens die niet allemaal 0-9, a-f zijn",
            "expected 64 hex characters, found {n} characters that are not all 0-9, a-f"
        )
    })?;
    Ok(seed)
}

fn create_home(home: &Path) -> Result<(), KeyError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(home).map_err(|source| KeyError::CreateDir {
        path: home.to_path_buf(),
        source,
    })
}

/// The public key as it goes into a sheet header: 64 lowercase hex characters.
pub fn public_key_hex(key: &SigningKey) -> String {
    hex::encode(key.verifying_key().to_bytes())
}

/// A fingerprint of a public key for people to compare aloud or on paper: SHA-256 of
/// the 32 key bytes, in the Kiesraad's notation (16 groups of 4 hex characters).
pub(crate) fn public_key_fingerprint(key: &VerifyingKey) -> String {
    Fingerprint::of(key.as_bytes()).to_string()
}

/// Reads a public key written as 64 hex characters (any case, surrounding space
/// ignored). Rejects points that are not on the curve and weak (small-order) keys,
/// which would let anyone forge a signature.
pub(crate) fn parse_public_key_hex(text: &str) -> Result<VerifyingKey, Text> {
    let raw = text.trim();
    let text = crate::display::visible(raw);
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(raw.to_ascii_lowercase(), &mut bytes).map_err(|_| {
        let n = raw.chars().count();
        crate::text!(
            "`{text}` is geen 64 hexadecimale tekens ({n} tekens)",
            "`{text}` is not 64 hex characters ({n} characters)"
        )
    })?;
    let key = VerifyingKey::from_bytes(&bytes).map_err(|_| {
        crate::text!(
            "`{text}` is geen publieke Ed25519-sleutel (geen punt op de curve)",
            "`{text}` is not an Ed25519 public key (not a point on the curve)"
        )
    })?;
    if key.is_weak() {
        return Err(crate::text!(
            "`{text}` is een zwakke publieke Ed25519-sleutel (van kleine orde); hij bewijst niets",
            "`{text}` is a weak Ed25519 public key (small order); it proves nothing"
        ));
    }
    Ok(key)
}

/// Writes the public key to `path` (atomically): one comment line and the key as 64
/// hex characters, the form [`read_public_key_file`] and other people's verifiers read.
pub(crate) fn export_public_key(key: &SigningKey, path: &Path) -> Result<(), KeyError> {
    let vk = key.verifying_key();
    let text = format!(
        "# meetel observer public key (Ed25519); fingerprint {}\n{}\n",
        public_key_fingerprint(&vk),
        hex::encode(vk.to_bytes())
    );
    fsutil::write_atomic(path, text.as_bytes())?;
    Ok(())
}

/// Reads a public key file as [`export_public_key`] writes it (comment lines ignored).
pub(crate) fn read_public_key_file(path: &Path) -> Result<VerifyingKey, KeyError> {
    let text = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let bad = |reason: Text| KeyError::BadPublicKey {
        path: path.to_path_buf(),
        reason,
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    match lines.as_slice() {
        [line] => parse_public_key_hex(line).map_err(bad),
        _ => {
            let n = lines.len();
            Err(bad(text!(
                "{n} regels die geen commentaar zijn gevonden, verwacht één",
                "found {n} non-comment lines, expected one"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_is_the_env_override_else_the_config_dir() {
        let cfg = Some(PathBuf::from("/home/x/.config"));
        assert_eq!(
            home_from(Some("/tmp/m".into()), cfg.clone()).unwrap(),
            PathBuf::from("/tmp/m")
        );
        assert_eq!(
            home_from(None, cfg.clone()).unwrap(),
            PathBuf::from("/home/x/.config/meetel")
        );
        assert_eq!(
            home_from(Some("".into()), cfg).unwrap(),
            PathBuf::from("/home/x/.config/meetel")
        );
        let err = home_from(None, None).unwrap_err().to_string();
        assert!(err.contains("MEETEL_HOME"), "{err}");
    }

    #[test]
    fn created_once_then_loaded_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("nested").join("home");
        let err = load_file(&home.join(KEY_FILE)).unwrap_err().to_string();
        assert!(
            err.contains("observer.key") && err.contains("meetel keys"),
            "{err}"
        );
        let k1 = load_or_create_in(&home).unwrap();
        let k2 = load_or_create_in(&home).unwrap();
        let k3 = load_file(&home.join(KEY_FILE)).unwrap();
        assert_eq!(k1.to_bytes(), k2.to_bytes());
        assert_eq!(k1.to_bytes(), k3.to_bytes());
        let text = std::fs::read_to_string(home.join(KEY_FILE)).unwrap();
        assert!(text.contains(&hex::encode(k1.to_bytes())));
    }

    #[cfg(unix)]
    #[test]
    fn key_file_is_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        load_or_create_in(dir.path()).unwrap();
        let mode = std::fs::metadata(dir.path().join(KEY_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn reads_raw_and_hex_seeds_and_rejects_others_naming_the_file() {
        let seed: [u8; 32] = std::array::from_fn(|i| i as u8 + 1);
        let dir = tempfile::tempdir().unwrap();
        let raw = dir.path().join("raw.key");
        std::fs::write(&raw, seed).unwrap();
        assert_eq!(load_file(&raw).unwrap().to_bytes(), seed);
        let hexf = dir.path().join("hex.key");
        std::fs::write(&hexf, format!("# c\n{}\n", hex::encode(seed))).unwrap();
        assert_eq!(load_file(&hexf).unwrap().to_bytes(), seed);
        let bad = dir.path().join("bad.key");
        for content in ["", "abc\n", "# only a comment\n"] {
            std::fs::write(&bad, content).unwrap();
            let err = load_file(&bad).unwrap_err().to_string();
            assert!(err.contains("bad.key") && err.contains("backup"), "{err}");
        }
    }

    #[test]
    fn public_key_exports_and_reads_back() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("me.pub");
        export_public_key(&key, &p).unwrap();
        assert_eq!(read_public_key_file(&p).unwrap(), key.verifying_key());
        assert_eq!(public_key_hex(&key).len(), 64);
        let fp = public_key_fingerprint(&key.verifying_key());
        assert_eq!(fp.split(' ').count(), 16);
        assert!(std::fs::read_to_string(&p).unwrap().contains(&fp));
    }

    #[test]
    fn weak_and_malformed_public_keys_are_refused() {
        // The identity point (small order): every signature would "verify" under it.
        let identity = format!("01{}", "00".repeat(31));
        assert!(parse_public_key_hex(&identity)
            .unwrap_err()
            .en
            .contains("weak"));
        assert!(parse_public_key_hex("zz").is_err());
        let key = SigningKey::from_bytes(&[9u8; 32]);
        let upper = public_key_hex(&key).to_uppercase();
        assert_eq!(parse_public_key_hex(&upper).unwrap(), key.verifying_key());
    }
}
