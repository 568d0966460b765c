//! Crash-safe writes for every file that is not a journal (exports, keys, forms, QR
//! images): the new content goes to a temporary file in the same directory, is synced,
//! and then takes the target's name in one rename, after which the directory itself is
//! synced so the rename survives a power loss. A reader therefore sees the old file or
//! the new one, never half of either.
//!
//! The temporary file comes from the `tempfile` crate (unique name, removed again if
//! anything fails before the rename); the directory sync is done here because no crate
//! in the tree offers it.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::i18n::Text;
use crate::words;

/// A failed write, naming the file, what was being done and what the user can do.
#[derive(Debug)]
pub struct FsError {
    pub path: PathBuf,
    /// What was being done, e.g. "write" or "sync the directory of".
    pub action: &'static str,
    pub source: io::Error,
}

impl FsError {
    fn new(path: &Path, action: &'static str, source: io::Error) -> FsError {
        FsError {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// The underlying error kind, for callers that react to a full disk or an existing
    /// file differently.
    pub fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }

    /// Advice for the person at the keyboard, by the kind of failure.
    pub fn hint(&self) -> &'static str {
        &hint_for(self.source.kind()).en
    }

    /// The message in both languages (`Display` is the English one).
    pub fn text(&self) -> Text {
        let action_nl = match self.action {
            "write" => "schrijven",
            "sync the directory of" => "de map wegschrijven van",
            "create a temporary file beside" => "een tijdelijk bestand maken naast",
            other => other,
        };
        let (path, source, hint) = (self.path.display(), &self.source, hint_for(self.kind()));
        Text::new(
            format!("kon niet {action_nl} {path}: {source} ({})", hint.nl),
            self.to_string(),
        )
    }
}

/// Advice for the person at the keyboard after a failed write, by the kind of failure,
/// in both languages.
pub fn hint_for(kind: io::ErrorKind) -> &'static Text {
    match kind {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => words!(
            "de schijf is vol: maak ruimte vrij (of kies een andere plek) en probeer het opnieuw; er is niets veranderd",
            "the disk is full: free some space (or choose another place) and try again; nothing was changed"
        ),
        io::ErrorKind::ReadOnlyFilesystem => words!(
            "de schijf of map is alleen-lezen: kies een plek waar geschreven kan worden en probeer het opnieuw; er is niets veranderd",
            "the disk or directory is read-only: choose a writable place and try again; nothing was changed"
        ),
        io::ErrorKind::PermissionDenied => words!(
            "geen toestemming om daar te schrijven: kies een map waarin u mag schrijven, of pas de rechten aan; er is niets veranderd",
            "no permission to write there: choose a directory you can write to, or fix its permissions; nothing was changed"
        ),
        io::ErrorKind::NotFound => words!(
            "de map bestaat niet: maak haar aan of kies een andere plek",
            "the directory does not exist: create it or choose another place"
        ),
        io::ErrorKind::AlreadyExists => words!(
            "het bestand bestaat al en blijft zoals het is",
            "the file already exists and is left as it is"
        ),
        _ => words!(
            "er is niets veranderd; probeer het opnieuw, of kies een andere plek",
            "nothing was changed; try again, or choose another place"
        ),
    }
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not {} {}: {} ({})",
            self.action,
            self.path.display(),
            self.source,
            self.hint()
        )
    }
}

impl std::error::Error for FsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Who may read the written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// The usual mode for a new file (0666 less the umask on Unix).
    Public,
    /// Only the owner (0600 on Unix), for secrets such as the observer's key.
    Private,
}

/// Writes `bytes` to `path` atomically, replacing any file that is there.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    write(path, bytes, Access::Public, true)
}

/// As [`write_atomic`], with file mode 0600 (owner only) on Unix.
pub fn write_atomic_private(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    write(path, bytes, Access::Private, true)
}

/// Writes a new owner-only file atomically, and fails with
/// [`io::ErrorKind::AlreadyExists`] if `path` exists, leaving it untouched. Two processes
/// creating the same file at once cannot overwrite each other (the observer's key must
/// never be silently replaced).
pub fn create_new_private(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    write(path, bytes, Access::Private, false)
}

fn write(path: &Path, bytes: &[u8], access: Access, replace: bool) -> Result<(), FsError> {
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .ok_or_else(|| {
            FsError::new(
                path,
                "write",
                io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"),
            )
        })?
        .to_string_lossy()
        .into_owned();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match access {
            Access::Public => 0o666,
            Access::Private => 0o600,
        };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = access;
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| FsError::new(path, "create a temporary file beside", e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| FsError::new(path, "write", e))?;
    let persisted = if replace {
        tmp.persist(path).map(drop)
    } else {
        tmp.persist_noclobber(path).map(drop)
    };
    persisted.map_err(|e| FsError::new(path, "write", e.error))?;
    sync_dir(dir).map_err(|e| FsError::new(path, "sync the directory of", e))
}

/// The directory a relative or absolute file path lives in (`.` for a bare name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Syncs a directory, so that a file created or renamed in it survives a power loss.
/// Directories cannot be opened for syncing on Windows; there the rename is as durable
/// as the file system makes it.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_and_replaces_leaving_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        write_atomic(&p, b"one").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("key");
        create_new_private(&p, b"first").unwrap();
        let err = create_new_private(&p, b"second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&p).unwrap(), b"first");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("secret");
        write_atomic_private(&p, b"s").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_missing_directory_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no-such-dir").join("out.txt");
        let err = write_atomic(&p, b"x").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("no-such-dir"), "{text}");
        assert!(text.contains("does not exist"), "{text}");
    }

    #[test]
    fn full_disk_and_read_only_errors_say_what_to_do() {
        let p = Path::new("/media/usb/sheet.json");
        for (kind, words) in [
            (io::ErrorKind::StorageFull, "disk is full"),
            (io::ErrorKind::ReadOnlyFilesystem, "read-only"),
            (io::ErrorKind::PermissionDenied, "no permission"),
        ] {
            let text = FsError::new(p, "write", io::Error::from(kind)).to_string();
            assert!(text.contains("/media/usb/sheet.json"), "{text}");
            assert!(text.contains(words), "{text}");
            assert!(text.contains("nothing was changed"), "{text}");
        }
    }
}
