//! Election forms: what an observer can record at a given election.
//!
//! A form has two parts, both RON files in `forms/`:
//! - a **category form** (`forms/categories/tk.ron`, …) per election category: which PV
//!   fields exist (GR has no C), the moments of the count, the checklist, and the
//!   incident and objection categories, with labels in Dutch and English;
//! - an **election form** (`forms/tk2025-nijmegen.ron`, …) generated from the Kiesraad's
//!   EML files by `meetel form from-eml`: the election, its lists and candidates, and the
//!   stations known for it.
//!
//! The forms in `forms/` are embedded in the binary, so `meetel` works from any directory.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::election::{
    CountingMethod, Election, ElectionCategory, PartyList, PollingStation, StationId,
};
use crate::i18n::Text;
use crate::sheet::{FieldKey, Op, PvField, Sheet};

/// A moment, an incident category or an objection category: an id with a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub label: Text,
    /// Guidance shown when it helps in the moment (from the law and the procedure).
    #[serde(default)]
    pub hint: Option<Text>,
}

/// When a checklist question applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Applies {
    /// At every station count.
    #[default]
    Always,
    /// Only where the station counts per candidate (DSO, model N 10-1).
    DsoOnly,
    /// At the municipal committee's public session the next day.
    MunicipalReview,
}

/// A checklist question, answered yes / no / unknown with a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub label: Text,
    /// The moment it belongs to, by id, for ordering and guidance.
    #[serde(default)]
    pub moment: Option<String>,
    #[serde(default)]
    pub applies: Applies,
}

/// The observation form for one election category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryForm {
    pub category: ElectionCategory,
    pub name: Text,
    /// The lettered PV fields this category's N 10-1 has.
    pub fields: Vec<PvField>,
    pub moments: Vec<Item>,
    pub checklist: Vec<Question>,
    pub incident_categories: Vec<Item>,
    pub objection_categories: Vec<Item>,
}

/// A published file a form was generated from, with its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub name: String,
    /// SHA-256 in the Kiesraad's notation (16 groups of 4 hex characters).
    pub sha256: String,
}

/// The election-specific part of a form: election, lists, candidates, stations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectionForm {
    pub id: String,
    pub election: Election,
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    #[serde(default)]
    pub lists: Vec<PartyList>,
    #[serde(default)]
    pub stations: Vec<PollingStation>,
}

/// A resolved form: the election part with its category part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    pub election: ElectionForm,
    pub category: CategoryForm,
}

/// A form that could not be loaded, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// The file (or embedded form) it came from.
    pub file: String,
    /// 1-based line and column, when the problem is at a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{}:{}: {}", self.file, line, col, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for FormError {}

/// Forms shipped inside the binary: (name, RON text).
const EMBEDDED_ELECTION_FORMS: &[(&str, &str)] = &[
    (
        "tk2025-nijmegen",
        include_str!("../../forms/tk2025-nijmegen.ron"),
    ),
    (
        "gr2022-westmaasenwaal",
        include_str!("../../forms/gr2022-westmaasenwaal.ron"),
    ),
];

const EMBEDDED_CATEGORY_FORMS: &[(ElectionCategory, &str)] = &[
    (
        ElectionCategory::TK,
        include_str!("../../forms/categories/tk.ron"),
    ),
    (
        ElectionCategory::EP,
        include_str!("../../forms/categories/ep.ron"),
    ),
    (
        ElectionCategory::PS,
        include_str!("../../forms/categories/ps.ron"),
    ),
    (
        ElectionCategory::AB,
        include_str!("../../forms/categories/ab.ron"),
    ),
    (
        ElectionCategory::GR,
        include_str!("../../forms/categories/gr.ron"),
    ),
];

/// The form `cargo run` opens by default: the Tweede Kamer 2025 with the real lists of
/// kieskring Nijmegen.
pub const DEFAULT_FORM: &str = "tk2025-nijmegen";

/// Parses RON text, turning a parse error into one with file, line and column.
pub fn parse_ron<T: for<'de> Deserialize<'de>>(text: &str, file: &str) -> Result<T, FormError> {
    ron::Options::default()
        .from_str::<T>(text)
        .map_err(|e| FormError {
            file: file.to_string(),
            position: Some((e.span.start.line, e.span.start.col)),
            message: e.code.to_string(),
        })
}

/// Serializes a form part as pretty RON (what `meetel form from-eml` prints).
pub fn to_ron<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(6)
        .struct_names(true)
        .indentor("  ".to_string());
    ron::Options::default()
        .to_string_pretty(value, config)
        .expect("form types serialize to RON")
}

impl CategoryForm {
    /// The embedded category form for `category`, if there is one.
    pub fn embedded(category: ElectionCategory) -> Result<CategoryForm, FormError> {
        let (_, text) = EMBEDDED_CATEGORY_FORMS
            .iter()
            .find(|(c, _)| *c == category)
            .ok_or_else(|| FormError {
                file: format!("forms/categories/{}.ron", category.code().to_ascii_lowercase()),
                position: None,
                message: format!(
                    "there is no observation form for {category} elections; forms exist for TK, EP, PS, AB and GR"
                ),
            })?;
        let file = format!(
            "forms/categories/{}.ron (embedded)",
            category.code().to_ascii_lowercase()
        );
        let form: CategoryForm = parse_ron(text, &file)?;
        Ok(form)
    }
}

impl Form {
    /// Names of the forms that are built in.
    pub fn embedded_names() -> Vec<&'static str> {
        let mut names: Vec<&str> = EMBEDDED_ELECTION_FORMS.iter().map(|(n, _)| *n).collect();
        names.extend(["tk", "ep", "ps", "ab", "gr"]);
        names
    }

    /// Loads a form by name or path: an existing file path; else a built-in form
    /// (`tk2025-nijmegen`, or a bare category such as `gr`); else `forms/NAME.ron`.
    pub fn load(name_or_path: &str) -> Result<Form, FormError> {
        let path = Path::new(name_or_path);
        if path.is_file() {
            return Form::load_file(path);
        }
        if let Some((name, text)) = EMBEDDED_ELECTION_FORMS
            .iter()
            .find(|(n, _)| *n == name_or_path)
        {
            let election: ElectionForm = parse_ron(text, &format!("forms/{name}.ron (embedded)"))?;
            let category = CategoryForm::embedded(election.election.category)?;
            return Ok(Form { election, category });
        }
        if let Ok(cat) = name_or_path.parse::<ElectionCategory>() {
            let category = CategoryForm::embedded(cat)?;
            return Ok(Form::category_only(category));
        }
        let local = PathBuf::from("forms").join(format!("{name_or_path}.ron"));
        if local.is_file() {
            return Form::load_file(&local);
        }
        Err(FormError {
            file: name_or_path.to_string(),
            position: None,
            message: format!(
                "no such form file or built-in form; built-in forms are: {}",
                Form::embedded_names().join(", ")
            ),
        })
    }

    /// Loads an election form from a file; its category form comes from
    /// `categories/<cat>.ron` beside it if present, else the built-in one.
    pub fn load_file(path: &Path) -> Result<Form, FormError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| FormError {
            file: file.clone(),
            position: None,
            message: format!("cannot read the form: {e}"),
        })?;
        let election: ElectionForm = parse_ron(&text, &file)?;
        let cat = election.election.category;
        let beside = path
            .parent()
            .unwrap_or(Path::new("."))
            .join("categories")
            .join(format!("{}.ron", cat.code().to_ascii_lowercase()));
        let category = if beside.is_file() {
            let ctext = std::fs::read_to_string(&beside).map_err(|e| FormError {
                file: beside.display().to_string(),
                position: None,
                message: format!("cannot read the category form: {e}"),
            })?;
            parse_ron(&ctext, &beside.display().to_string())?
        } else {
            CategoryForm::embedded(cat)?
        };
        if category.category != cat {
            return Err(FormError {
                file,
                position: None,
                message: format!(
                    "the election is a {cat} election but its category form is for {}",
                    category.category
                ),
            });
        }
        Ok(Form { election, category })
    }

    /// A form with no lists: for an election whose candidate lists are not at hand.
    /// Any list number can then be recorded.
    pub fn category_only(category: CategoryForm) -> Form {
        let code = category.category.code();
        Form {
            election: ElectionForm {
                id: code.to_ascii_lowercase(),
                election: Election {
                    id: code.to_string(),
                    category: category.category,
                    name: category.name.nl.to_string(),
                    date: String::new(),
                    contest: None,
                },
                sources: Vec::new(),
                lists: Vec::new(),
                stations: Vec::new(),
            },
            category,
        }
    }

    /// The form's name, as `meetel new --form` takes it.
    pub fn id(&self) -> &str {
        &self.election.id
    }

    /// SHA-256 (lowercase hex) of the resolved form, recorded in every sheet made with it.
    pub fn sha256(&self) -> String {
        let text = ron::to_string(self).expect("forms serialize");
        hex::encode(Sha256::digest(text.as_bytes()))
    }

    pub fn list(&self, number: u32) -> Option<&PartyList> {
        self.election.lists.iter().find(|l| l.number == number)
    }

    pub fn station(&self, id: &StationId) -> Option<&PollingStation> {
        self.election.stations.iter().find(|s| &s.id == id)
    }

    pub fn has_field(&self, field: PvField) -> bool {
        self.category.fields.contains(&field)
    }

    /// Checks that an op fits this form and sheet before it is written: the field, list,
    /// candidate, question, moment or category exists. Returns a message, in Dutch and
    /// English (the TUI shows it in its language, the CLI in English), that says what is
    /// allowed.
    pub fn validate_op(&self, sheet: &Sheet, op: &Op) -> Result<(), Text> {
        match op {
            Op::Create(_) => Err(Text::new(
                "een blad heeft precies één kop",
                "a sheet has exactly one header",
            )),
            Op::SetCount { field, .. } | Op::Tally { field, .. } | Op::ClearTally { field } => {
                self.validate_field(sheet, *field)
            }
            Op::SetCheck { id, .. } => {
                if self.category.checklist.iter().any(|q| &q.id == id) {
                    Ok(())
                } else {
                    Err(unknown(
                        Text::new("onbekende checklistvraag", "unknown checklist question"),
                        id,
                        self.category.checklist.iter().map(|q| q.id.as_str()),
                    ))
                }
            }
            Op::SetMoment { id, .. } => {
                if self.category.moments.iter().any(|m| &m.id == id) {
                    Ok(())
                } else {
                    Err(unknown(
                        Text::new("onbekend moment", "unknown moment"),
                        id,
                        self.category.moments.iter().map(|m| m.id.as_str()),
                    ))
                }
            }
            Op::PutEvent(e) => {
                let cats = match e.kind {
                    crate::sheet::EventKind::Objection => &self.category.objection_categories,
                    crate::sheet::EventKind::Incident => &self.category.incident_categories,
                };
                if cats.iter().any(|c| c.id == e.category) {
                    Ok(())
                } else {
                    Err(unknown(
                        Text::new("onbekende categorie", "unknown category"),
                        &e.category,
                        cats.iter().map(|c| c.id.as_str()),
                    ))
                }
            }
            Op::SetDhTick(_) | Op::SetExplained(_) | Op::RemoveEvent { .. } | Op::SetNotes(_) => {
                Ok(())
            }
        }
    }

    /// Whether `field` exists on this form for this sheet's station; if not, why (in
    /// Dutch and English).
    pub fn validate_field(&self, sheet: &Sheet, field: FieldKey) -> Result<(), Text> {
        let lists_known = !self.election.lists.is_empty();
        match field {
            FieldKey::Pv(p) => {
                if self.has_field(p) {
                    Ok(())
                } else {
                    let (letter, dutch, category) = (p.letter(), p.dutch(), self.category.category);
                    Err(Text::new(
                        format!("veld {letter} ({dutch}) bestaat niet bij {category}-verkiezingen"),
                        format!("field {letter} ({dutch}) does not exist at {category} elections"),
                    ))
                }
            }
            FieldKey::List(n) | FieldKey::ListPage(n) => {
                if !lists_known || self.list(n).is_some() {
                    Ok(())
                } else {
                    Err(self.no_such_list(n))
                }
            }
            FieldKey::Candidate { list, candidate } => {
                if sheet.header.station.counting == CountingMethod::Cso {
                    let id = &sheet.header.station.id;
                    return Err(Text::new(
                        format!(
                            "stembureau {id} telt centraal (CSO, model N 10-2): het telt alleen \
                             lijsttotalen, de gemeente telt de kandidaten de volgende dag"
                        ),
                        format!(
                            "station {id} counts centrally (CSO, model N 10-2): it counts list \
                             totals only, candidates are counted by the municipality the next day"
                        ),
                    ));
                }
                if !lists_known {
                    return Ok(());
                }
                let l = self.list(list).ok_or_else(|| self.no_such_list(list))?;
                if l.candidates.is_empty() || l.candidates.iter().any(|c| c.number == candidate) {
                    Ok(())
                } else {
                    let (name, n) = (&l.name, l.candidates.len());
                    Err(Text::new(
                        format!(
                            "lijst {list} ({name}) heeft kandidaten 1 tot en met {n}, niet {candidate}"
                        ),
                        format!("list {list} ({name}) has candidates 1 to {n}, not {candidate}"),
                    ))
                }
            }
            FieldKey::Explanation(_) => Ok(()),
        }
    }

    fn no_such_list(&self, n: u32) -> Text {
        let numbers: Vec<String> = self
            .election
            .lists
            .iter()
            .map(|l| l.number.to_string())
            .collect();
        let numbers = numbers.join(", ");
        Text::new(
            format!("lijst {n} bestaat niet bij deze verkiezing; de lijsten zijn {numbers}"),
            format!("there is no list {n} at this election; lists are {numbers}"),
        )
    }
}

/// "unknown moment `x`; expected one of: …", with `what` naming the kind of thing.
fn unknown<'a>(what: Text, id: &str, known: impl Iterator<Item = &'a str>) -> Text {
    let known = known.collect::<Vec<&str>>().join(", ");
    Text::new(
        format!("{} `{id}`; verwacht een van: {known}", what.nl),
        format!("{} `{id}`; expected one of: {known}", what.en),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_form_loads() {
        for name in Form::embedded_names() {
            let form = Form::load(name).unwrap_or_else(|e| panic!("{e}"));
            assert!(!form.category.checklist.is_empty(), "{name}");
            assert!(!form.category.moments.is_empty(), "{name}");
        }
    }

    #[test]
    fn municipal_elections_have_no_field_c() {
        let gr = Form::load("gr").unwrap();
        assert!(!gr.has_field(PvField::C));
        let tk = Form::load("tk").unwrap();
        assert!(tk.has_field(PvField::C));
    }

    #[test]
    fn a_malformed_form_names_file_line_and_column() {
        let text = "CategoryForm(\n  category: TK,\n  name: (nl: \"x\", en: \"y\"),\n  fields: [A, B, Q],\n)";
        let err = parse_ron::<CategoryForm>(text, "forms/broken.ron").unwrap_err();
        assert_eq!(err.file, "forms/broken.ron");
        let (line, _col) = err.position.unwrap();
        assert_eq!(line, 4, "{err}");
        assert!(err.to_string().starts_with("forms/broken.ron:4:"), "{err}");
    }

    #[test]
    fn an_op_that_does_not_fit_the_form_says_why_in_dutch_and_english() {
        let gr = Form::load("gr").unwrap();
        let sheet = Sheet::new(crate::testkit::header(
            crate::testkit::gr2022(),
            crate::testkit::sb1(),
        ));
        let c = Op::SetCount {
            field: FieldKey::Pv(PvField::C),
            value: Some(1),
        };
        let err = gr.validate_op(&sheet, &c).unwrap_err();
        assert!(err.nl.starts_with("veld C ("), "{}", err.nl);
        assert!(
            err.nl.contains("bestaat niet bij GR-verkiezingen"),
            "{}",
            err.nl
        );
        assert!(
            err.en.contains("does not exist at GR elections"),
            "{}",
            err.en
        );

        let tk = Form::load("tk").unwrap();
        let moment = Op::SetMoment {
            id: "no-such-moment".into(),
            time: None,
        };
        let err = tk.validate_op(&sheet, &moment).unwrap_err();
        assert!(err
            .nl
            .starts_with("onbekend moment `no-such-moment`; verwacht een van: "));
        assert!(err
            .en
            .starts_with("unknown moment `no-such-moment`; expected one of: "));
        let create = Op::Create(sheet.header.clone());
        assert_eq!(
            tk.validate_op(&sheet, &create)
                .unwrap_err()
                .get(crate::i18n::Lang::Nl),
            "een blad heeft precies één kop"
        );
    }

    #[test]
    fn unknown_form_lists_the_built_in_ones() {
        let err = Form::load("no-such-form").unwrap_err();
        assert!(err.to_string().contains("tk2025-nijmegen"), "{err}");
    }
}
