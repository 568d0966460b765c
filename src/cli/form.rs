//! `meetel form from-eml FILES... [--out FILE] [--id ID]`: an election form generated from
//! the Kiesraad's EML files (see [`crate::eml::form_from_eml`]).

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::words;

/// Generates the form and prints its RON on stdout, or writes it to `out` atomically
/// (the old file stays whole if anything fails). The error names the file and place.
pub fn from_eml(
    paths: &[PathBuf],
    out: Option<&Path>,
    id: Option<&str>,
    lang: Lang,
) -> Result<(), String> {
    let form = crate::eml::form_from_eml_with_id(paths, id).map_err(|e| e.to_string())?;
    let text = crate::eml::form_ron(&form);
    match out {
        Some(path) => crate::fsutil::write_atomic(path, text.as_bytes())
            .map_err(|e| e.text().get(lang).to_string()),
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| {
                    let cannot = words!(
                        "kan het formulier niet naar de standaarduitvoer schrijven",
                        "cannot write the form to standard output"
                    );
                    format!("{}: {e}", cannot.get(lang))
                })
        }
    }
}
