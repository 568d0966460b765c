//! Generating an election form (`forms/*.ron`) from the Kiesraad's files: the lists and
//! candidates of a 230b, the election from a 110a where given, the stations from 110b,
//! 510 or osv4-3 files where given. What `meetel form from-eml` prints.

use std::path::PathBuf;

use super::candidates::CandidateLists;
use super::definition::ElectionDefinition;
use super::import::{read_document, Document};
use crate::election::{Contest, Election, PollingStation};
use crate::form::ElectionForm;
use crate::i18n::Text;
use crate::published::error::{ErrorKind, ImportError};
use crate::published::input::collect_inputs;
use crate::text;

/// Builds the election form from a 230b (exactly one, with one contest: for the Tweede
/// Kamer the kieskring's file), plus optionally a 110a (election name, date and category;
/// the kieskring's name from its election tree) and 110b, 510a–d or osv4-3 files for the
/// stations (id, municipality, name, postcode). No file says whether a station counts
/// centrally, so every station is DSO (per candidate, model N 10-1), the usual case.
///
/// The form's id is `id` if given, else the election id's first part in lower case and
/// the contest's or municipality's name without spaces: `tk2025-nijmegen`,
/// `gr2022-westmaasenwaal`. `sources` lists every file with its SHA-256.
pub fn form_from_eml(paths: &[PathBuf]) -> Result<ElectionForm, ImportError> {
    form_from_eml_with_id(paths, None)
}

/// As [`form_from_eml`], with the form's id given (`--id`).
pub fn form_from_eml_with_id(
    paths: &[PathBuf],
    id: Option<&str>,
) -> Result<ElectionForm, ImportError> {
    let (inputs, errors) = collect_inputs(paths);
    if let Some(e) = errors.into_iter().next() {
        return Err(e);
    }
    let mut sources = Vec::new();
    let mut definition: Option<ElectionDefinition> = None;
    let mut lists: Option<CandidateLists> = None;
    let mut station_docs: Vec<(String, Vec<PollingStation>, Election)> = Vec::new();
    for input in &inputs {
        sources.push(input.source());
        match read_document(input)? {
            Document::Definition(d) => {
                if definition.is_some() {
                    return Err(inconsistent(
                        &input.name,
                        Text::fixed(
                            "een tweede 110a; geef een verkiezingsdefinitie",
                            "a second 110a; give one election definition",
                        ),
                    ));
                }
                definition = Some(d);
            }
            Document::Candidates(c) => {
                if let Some(first) = &lists {
                    let first = &first.info.source.name;
                    return Err(inconsistent(
                        &input.name,
                        text!(
                            "een tweede 230b (de eerste was {first}); geef de kandidatenlijsten van één kieskring of gemeente (voor de Tweede Kamer: één kieskring)",
                            "a second 230b (the first was {first}); give the candidate lists of one contest (for the Tweede Kamer: one kieskring)"
                        ),
                    ));
                }
                lists = Some(c);
            }
            Document::Stations(s) => {
                station_docs.push((input.name.clone(), s.stations, s.election))
            }
            Document::Count(c) => station_docs.push((
                input.name.clone(),
                c.stations.into_iter().map(|p| p.station).collect(),
                c.file.info.election,
            )),
        }
    }
    let lists = lists.ok_or_else(|| {
        ImportError::new(
            paths.first().map(|p| p.display().to_string()).unwrap_or_default(),
            ErrorKind::Inconsistent,
            Text::fixed(
                "geen kandidatenlijsten bij deze bestanden; verwacht een EML 230b (Kandidatenlijsten_…), en zo nodig de 110a en 110b of 510b",
                "no candidate lists among these files; expected an EML 230b (Kandidatenlijsten_…), plus optionally the 110a and 110b or 510b",
            ),
        )
    })?;
    let contest_lists = match lists.contests.as_slice() {
        [one] => one.clone(),
        many => {
            let ids: Vec<String> = many
                .iter()
                .map(|c| {
                    c.contest
                        .as_ref()
                        .map(|c| c.id.clone())
                        .unwrap_or_else(|| "geen".into())
                })
                .collect();
            return Err(inconsistent(&lists.info.source.name, {
                let (n, ids) = (many.len(), ids.join(", "));
                text!(
                        "het bestand bevat {n} kieskringen ({ids}); verwacht de lijsten van één kieskring",
                        "the file holds {n} contests ({ids}); expected the lists of one contest"
                    )
            }));
        }
    };
    let mut election = lists.election.clone();
    if let Some(def) = &definition {
        if !def.election.id.eq_ignore_ascii_case(&election.id) {
            return Err(inconsistent(&def.info.source.name, {
                let (defined, lists) = (&def.election.id, &election.id);
                text!(
                        "deze 110a beschrijft verkiezing {defined}, maar de kandidatenlijsten zijn van {lists}; verwacht bestanden van één verkiezing",
                        "this 110a defines election {defined}, but the candidate lists are of {lists}; expected files of one election"
                    )
            }));
        }
        election.name = def.election.name.clone();
        election.date = def.election.date.clone();
        election.category = def.election.category;
        if let Some(c) = &contest_lists.contest {
            let name = def
                .electoral_districts
                .get(&c.id)
                .cloned()
                .unwrap_or_else(|| c.name.clone());
            election.contest = Some(Contest {
                id: c.id.clone(),
                name,
            });
        }
    }
    let mut stations: Vec<PollingStation> = Vec::new();
    for (file, list, e) in station_docs {
        let same = e.id.eq_ignore_ascii_case(&election.id)
            || (e.name == election.name && e.date == election.date);
        if !same {
            return Err(inconsistent(&file, {
                let (id, name) = (&e.id, &e.name);
                let (lists_id, lists_name) = (&election.id, &election.name);
                text!(
                        "dit bestand is van verkiezing {id} ({name}), maar de kandidatenlijsten zijn van {lists_id} ({lists_name}); verwacht bestanden van één verkiezing",
                        "this file is of election {id} ({name}), but the candidate lists are of {lists_id} ({lists_name}); expected files of one election"
                    )
            }));
        }
        for s in list {
            match stations.iter_mut().find(|t| t.id == s.id) {
                Some(t) => {
                    if t.name.is_empty() {
                        t.name = s.name;
                    }
                    if t.postcode.is_empty() {
                        t.postcode = s.postcode;
                    }
                    if t.municipality_name.is_empty() {
                        t.municipality_name = s.municipality_name;
                    }
                }
                None => stations.push(s),
            }
        }
    }
    let id = match id {
        Some(id) => {
            let id = id.trim();
            if id.is_empty() || id.contains(['/', '\\']) || id.chars().any(char::is_whitespace) {
                return Err(ImportError::new(
                    "--id",
                    ErrorKind::Inconsistent,
                    text!(
                        "`{id}` kan geen formuliernaam zijn; verwacht een naam als tk2025-nijmegen (zonder spaties of schuine strepen)",
                        "`{id}` cannot be a form id; expected a name such as tk2025-nijmegen (no spaces or slashes)"
                    ),
                ));
            }
            id.to_string()
        }
        None => {
            let prefix = election
                .id
                .split('_')
                .next()
                .unwrap_or(&election.id)
                .to_ascii_lowercase();
            let place = election
                .contest
                .as_ref()
                .map(|c| c.name.clone())
                .or_else(|| lists.domain.as_ref().map(|(_, name)| name.clone()))
                .or_else(|| stations.first().map(|s| s.municipality_name.clone()))
                .map(|p| slug(&p))
                .filter(|p| !p.is_empty());
            match place {
                Some(p) => format!("{prefix}-{p}"),
                None => prefix,
            }
        }
    };
    Ok(ElectionForm {
        id,
        election,
        sources,
        lists: contest_lists.lists,
        stations,
    })
}

/// The form as RON text, exactly as `meetel form from-eml` prints and writes it: a
/// comment naming the files it was generated from, the RON of [`crate::form::to_ron`],
/// and a final newline.
pub fn form_ron(form: &ElectionForm) -> String {
    let names: Vec<&str> = form.sources.iter().map(|s| s.name.as_str()).collect();
    format!(
        "// Generated by `meetel form from-eml {}`; regenerate rather than edit.\n{}\n",
        names.join(" "),
        crate::form::to_ron(form)
    )
}

/// Lower case, ASCII letters and digits only, as the Kiesraad's own file names do
/// (`osv4-3_telling_gr2022_westmaasenwaal.csv`).
fn slug(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn inconsistent(file: &str, message: Text) -> ImportError {
    ImportError::new(file, ErrorKind::Inconsistent, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_ascii() {
        assert_eq!(slug("West Maas en Waal"), "westmaasenwaal");
        assert_eq!(slug("'s-Hertogenbosch"), "shertogenbosch");
    }
}
