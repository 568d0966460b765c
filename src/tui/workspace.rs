//! The meetel home directory as the TUI uses it: the sheets it makes, the list of recent
//! sheets (with where the cursor was, so that a restart after a crash resumes at the
//! same field), and the observer's key.

use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};

use crate::form::{ElectionForm, Form};
use crate::fsutil;
use crate::i18n::Lang;
use crate::keys;
use crate::sheet::journal::{Recovery, SheetFile};
use crate::sheet::{Editor, SheetHeader, SheetKind};
use crate::text;

/// File of the recent-sheets list in the home directory.
pub(crate) const RECENT_FILE: &str = "recent.json";
/// Folder for sheets made from the TUI.
pub(crate) const SHEETS_DIR: &str = "sheets";
/// Folder for election forms, in the home directory and in the current directory.
pub(crate) const FORMS_DIR: &str = "forms";

/// One recent sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentEntry {
    pub path: PathBuf,
    /// The form it was made with (name or path), to open it again.
    pub(crate) form: String,
    pub(crate) election: String,
    pub(crate) station: String,
    #[serde(default)]
    pub(crate) station_name: String,
    /// Local time of the last edit, `YYYY-MM-DD HH:MM`.
    pub(crate) last_edit: String,
    pub(crate) sealed: bool,
    #[serde(default)]
    pub(crate) demo: bool,
    /// Where the cursor was: `screen` or `screen:key`, e.g. `count:E.3`.
    #[serde(default)]
    pub position: Option<String>,
    /// An observation or a transcription of the published PV.
    #[serde(default)]
    pub(crate) kind: SheetKind,
    /// The last answer to "which published files?" of the compare screen, as typed
    /// (paths separated by spaces or one per line), offered again next time.
    #[serde(default)]
    pub published: Option<String>,
    /// Set while the sheet is open in meetel and cleared when meetel quits: an entry
    /// still marked open when meetel starts means the last run ended without quitting
    /// (a crash, a kill, a power cut), and the sheet is opened again at once.
    #[serde(default)]
    pub open: bool,
}

/// A sheet opened from disk.
pub struct Opened {
    /// The sheet with the form found for it.
    pub editor: Editor,
    pub recovery: Recovery,
    /// Set when the form found is not the one the sheet was made with.
    pub form_warning: Option<FormWarning>,
}

/// Why the sheet is shown with another form than the one it was made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormWarning {
    /// A form of that name was found, but its SHA-256 differs.
    Differs { name: String, sha256: String },
    /// No form of that name: only the fields of the election category are shown.
    Missing {
        form_id: String,
        tried: Vec<String>,
        category: String,
    },
}

impl FormWarning {
    /// The warning in the screen's language.
    pub(crate) fn text(&self, lang: Lang) -> String {
        let words = match self {
            FormWarning::Differs { name, sha256 } => text!(
                "het formulier `{name}` verschilt van het formulier waarmee dit blad is gemaakt (SHA-256 {sha256}); lijsten of vragen kunnen zijn veranderd",
                "the form `{name}` differs from the one this sheet was made with (SHA-256 {sha256}); lists or questions may have changed",
            ),
            FormWarning::Missing {
                form_id,
                tried,
                category,
            } => {
                let tried = tried.join(", ");
                text!(
                    "het formulier `{form_id}` is niet gevonden (gezocht: {tried}); alleen de velden van een {category}-verkiezing, zonder lijsten",
                    "the form `{form_id}` was not found (tried {tried}); showing the fields of a {category} election without its lists",
                )
            }
        };
        words.get(lang).to_string()
    }
}

/// Left by a panic, read and removed by the next start.
pub(crate) const PANIC_MARK_FILE: &str = "last-panic.txt";

#[derive(Debug, Clone)]
pub struct Workspace {
    pub home: PathBuf,
}

impl Workspace {
    /// The home directory `crate::keys` uses (`MEETEL_HOME` overrides it).
    pub(crate) fn from_env() -> Result<Workspace, String> {
        keys::home_dir()
            .map(|home| Workspace { home })
            .map_err(|e| e.to_string())
    }

    pub(crate) fn recent_path(&self) -> PathBuf {
        self.home.join(RECENT_FILE)
    }

    /// The mark a panic leaves (see `tui::run`).
    pub fn panic_mark_path(&self) -> PathBuf {
        self.home.join(PANIC_MARK_FILE)
    }

    /// Whether meetel stopped on a panic last time; clears the mark.
    pub(crate) fn take_panic_mark(&self) -> bool {
        let path = self.panic_mark_path();
        let found = path.is_file();
        if found {
            let _ = std::fs::remove_file(&path);
        }
        found
    }

    /// The recent sheets, newest first. A missing or unreadable list is an empty one:
    /// it is a convenience, the sheets themselves are the record.
    pub fn recent(&self) -> Vec<RecentEntry> {
        std::fs::read(self.recent_path())
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Puts `entry` first in the list (replacing the one for the same file), atomically.
    pub(crate) fn remember(&self, entry: RecentEntry) -> Result<(), String> {
        let mut list = self.recent();
        list.retain(|e| e.path != entry.path);
        list.insert(0, entry);
        list.truncate(30);
        std::fs::create_dir_all(&self.home)
            .map_err(|e| format!("{}: cannot create the directory: {e}", self.home.display()))?;
        let bytes = serde_json::to_vec_pretty(&list).map_err(|e| e.to_string())?;
        fsutil::write_atomic(&self.recent_path(), &bytes).map_err(|e| format!("{e}"))
    }

    /// Where forms made on the start screen are kept, and looked for: `<home>/forms`.
    pub(crate) fn forms_dir(&self) -> PathBuf {
        self.home.join(FORMS_DIR)
    }

    /// Writes `form` as `<home>/forms/<form id>.ron`, atomically (a form half written
    /// when the power fails would be a form that does not load), and returns its path.
    pub(crate) fn save_form(&self, form: &ElectionForm) -> Result<PathBuf, String> {
        let dir = self.forms_dir();
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("{}: cannot create the directory: {e}", dir.display()))?;
        let path = dir.join(format!("{}.ron", form.id));
        fsutil::write_atomic(&path, crate::eml::form_ron(form).as_bytes())
            .map_err(|e| e.to_string())?;
        Ok(path)
    }

    /// The observer's key, created on first use.
    pub fn key(&self) -> Result<SigningKey, String> {
        keys::load_or_create_in(&self.home).map_err(|e| e.to_string())
    }

    /// A new sheet file in `<home>/sheets/`, named after election, station and time.
    pub fn create(&self, form: Form, header: SheetHeader) -> Result<Editor, String> {
        let dir = self.home.join(SHEETS_DIR);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("{}: cannot create the directory: {e}", dir.display()))?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let base = format!(
            "{}-{}-SB{}-{stamp}",
            header.election.id, header.station.id.municipality, header.station.id.number
        );
        let mut path = dir.join(format!("{base}.meetel"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{base}-{n}.meetel"));
            n += 1;
        }
        Editor::create(&path, form, header).map_err(|e| e.to_string())
    }

    /// Opens a sheet file with its form. `form_hint` is the form it was made with, as
    /// remembered; else the header's `form_id` is looked up.
    pub fn open(path: &Path, form_hint: Option<&str>) -> Result<Opened, String> {
        let (file, recovery) = SheetFile::open(path).map_err(|e| e.to_string())?;
        let header = &file.sheet().header;
        let mut tried = Vec::new();
        let mut form = None;
        for name in form_hint
            .into_iter()
            .chain(std::iter::once(header.form_id.as_str()))
        {
            tried.push(name.to_string());
            if let Ok(f) = Form::load(name) {
                if f.sha256() == header.form_sha256 {
                    form = Some((f, None));
                    break;
                }
                if form.is_none() {
                    form = Some((
                        f,
                        Some(FormWarning::Differs {
                            name: name.to_string(),
                            sha256: header.form_sha256.clone(),
                        }),
                    ));
                }
            }
        }
        let (form, form_warning) = match form {
            Some(f) => f,
            None => {
                let category = crate::form::CategoryForm::embedded(header.election.category)
                    .map_err(|e| e.to_string())?;
                (
                    Form::category_only(category),
                    Some(FormWarning::Missing {
                        form_id: header.form_id.clone(),
                        tried,
                        category: header.election.category.to_string(),
                    }),
                )
            }
        };
        Ok(Opened {
            editor: Editor::new(form, file),
            recovery,
            form_warning,
        })
    }
}

/// The election forms (`*.ron`) directly in each of `dirs`, in name order per folder,
/// as absolute paths and each once (the home directory may be the current one). The
/// category forms in `forms/categories/` are not election forms and are not looked
/// into; a folder that does not exist has no forms.
pub(crate) fn form_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
            .collect();
        files.sort();
        for f in files {
            let f = std::path::absolute(&f).unwrap_or(f);
            let key = f.canonicalize().unwrap_or_else(|_| f.clone());
            if !seen.contains(&key) {
                seen.push(key);
                out.push(f);
            }
        }
    }
    out
}

/// How the start screen names a form file: its election's name, or the file's name
/// when it does not load (the error is then shown beside it).
pub(crate) fn form_label(path: &Path) -> String {
    match Form::load_file(path) {
        Ok(f) => f.election.election.name.clone(),
        Err(_) => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> RecentEntry {
        RecentEntry {
            path: PathBuf::from(path),
            form: "tk2025-nijmegen".into(),
            election: "TK2025".into(),
            station: "0668::SB1".into(),
            station_name: String::new(),
            last_edit: "2025-10-29 21:05".into(),
            sealed: false,
            demo: false,
            position: Some("count:A".into()),
            kind: SheetKind::Observation,
            published: None,
            open: false,
        }
    }

    #[test]
    fn recent_list_keeps_the_newest_first_and_one_entry_per_file() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace {
            home: dir.path().to_path_buf(),
        };
        assert!(ws.recent().is_empty());
        ws.remember(entry("a.meetel")).unwrap();
        ws.remember(entry("b.meetel")).unwrap();
        let mut again = entry("a.meetel");
        again.position = Some("count:E.3".into());
        ws.remember(again).unwrap();
        let list = ws.recent();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].path, PathBuf::from("a.meetel"));
        assert_eq!(list[0].position.as_deref(), Some("count:E.3"));
    }

    #[test]
    fn form_files_are_the_ron_files_of_each_folder_once_without_categories() {
        let dir = tempfile::tempdir().unwrap();
        let forms = dir.path().join(FORMS_DIR);
        std::fs::create_dir_all(forms.join("categories")).unwrap();
        std::fs::write(forms.join("b.ron"), "x").unwrap();
        std::fs::write(forms.join("a.ron"), "x").unwrap();
        std::fs::write(forms.join("notes.txt"), "x").unwrap();
        std::fs::write(forms.join("categories").join("gr.ron"), "x").unwrap();
        let found = form_files(&[forms.clone(), forms.clone(), dir.path().join("none")]);
        let names: Vec<_> = found
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(names, ["a.ron", "b.ron"]);
        assert!(found.iter().all(|p| p.is_absolute()));
        // A file that is no form is named by its file name.
        assert_eq!(form_label(&found[0]), "a.ron");
    }

    #[test]
    fn a_list_written_before_the_open_flag_reads_as_cleanly_closed() {
        // Lists from earlier versions have no `kind`, `published` or `open`: such a
        // sheet is an observation, with no files remembered, and was closed cleanly
        // (a restart must not jump into it).
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace {
            home: dir.path().to_path_buf(),
        };
        std::fs::write(
            ws.recent_path(),
            r#"[{"path":"a.meetel","form":"tk","election":"TK2025","station":"0668::SB1","last_edit":"2025-10-29 21:05","sealed":false}]"#,
        )
        .unwrap();
        let list = ws.recent();
        assert_eq!(list.len(), 1);
        assert!(!list[0].open);
        assert_eq!(list[0].published, None);
        assert_eq!(list[0].kind, SheetKind::Observation);
    }
}
