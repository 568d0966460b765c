//! Field by field: which fields are compared, and how each one stands.

use serde::Serialize;

use crate::i18n::Text;
use crate::words;

use crate::published::PublishedStation;
use crate::sheet::{Explanation, FieldKey, PvField, Sheet};

/// How one field of the sheet stands against the published file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldStatus {
    /// Observed and published, the same figure.
    Equal,
    /// Observed and published, different figures.
    Differs,
    /// Published, but the sheet has no figure for it.
    NotObserved,
    /// On the sheet, but the published file has no figure for it.
    NotPublished,
}

impl FieldStatus {
    pub(crate) fn key(self) -> &'static str {
        match self {
            FieldStatus::Equal => "equal",
            FieldStatus::Differs => "differs",
            FieldStatus::NotObserved => "not_observed",
            FieldStatus::NotPublished => "not_published",
        }
    }
}

/// One field compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldComparison {
    pub field: FieldKey,
    pub status: FieldStatus,
    pub observed: Option<u32>,
    pub published: Option<u32>,
    /// observed − published, when both are there.
    pub difference: Option<i64>,
    /// Whether the verdict needs this field observed (see [`required`]).
    pub required: bool,
}

impl FieldComparison {
    pub(crate) fn new(
        field: FieldKey,
        observed: Option<u32>,
        published: Option<u32>,
        required: bool,
    ) -> FieldComparison {
        let status = match (observed, published) {
            (Some(o), Some(p)) if o == p => FieldStatus::Equal,
            (Some(_), Some(_)) => FieldStatus::Differs,
            (Some(_), None) => FieldStatus::NotPublished,
            (None, _) => FieldStatus::NotObserved,
        };
        FieldComparison {
            field,
            status,
            observed,
            published,
            difference: observed.zip(published).map(|(o, p)| o as i64 - p as i64),
            required,
        }
    }

    /// The field's status in words: a field not observed is "optional" when the
    /// verdict does not need it.
    pub fn status_label(&self) -> &'static Text {
        match self.status {
            FieldStatus::Equal => words!("gelijk", "equal"),
            FieldStatus::Differs => words!("wijkt af", "differs"),
            FieldStatus::NotObserved if self.required => {
                words!("niet waargenomen", "not observed")
            }
            FieldStatus::NotObserved => words!("optioneel", "optional"),
            FieldStatus::NotPublished => words!("niet gepubliceerd", "not published"),
        }
    }

    /// A difference for the verdict: differs, or observed but not published.
    pub(crate) fn is_difference(&self) -> bool {
        matches!(
            self.status,
            FieldStatus::Differs | FieldStatus::NotPublished
        )
    }
}

/// Whether a sheet must have observed `field` to be complete enough for MATCH.
///
/// The rule (docs/compare.md): A, B, D, E, F, G, H always; C where the election has
/// voter cards (not at GR/ER); every list total E.n the file publishes; I when the
/// observed H exceeds the observed D or the file gives I > 0, J likewise for H < D.
/// Not required: candidates (a CSO station, PV N 10-2, has none, and few observers
/// write down a thousand candidate figures), E.n.total and the explanation counts.
pub(crate) fn required(field: FieldKey, sheet: &Sheet, published: &PublishedStation) -> bool {
    let has_c = sheet.header.election.category.has_voter_cards();
    match field {
        FieldKey::Pv(PvField::C) => has_c,
        FieldKey::Pv(PvField::I) => {
            matches!((sheet.pv(PvField::H), sheet.pv(PvField::D)), (Some(h), Some(d)) if h > d)
                || published.pv(PvField::I).is_some_and(|v| v > 0)
        }
        FieldKey::Pv(PvField::J) => {
            matches!((sheet.pv(PvField::H), sheet.pv(PvField::D)), (Some(h), Some(d)) if h < d)
                || published.pv(PvField::J).is_some_and(|v| v > 0)
        }
        FieldKey::Pv(_) => true,
        FieldKey::List(n) => published.value(FieldKey::List(n)).is_some(),
        FieldKey::ListPage(_) | FieldKey::Candidate { .. } | FieldKey::Explanation(_) => false,
    }
}

/// The fields to compare, in PV order: A–J (C only where it exists or was observed),
/// every list published or observed with its observed page total and observed
/// candidates, then the explanation counts either side has.
pub(crate) fn fields_to_compare(sheet: &Sheet, published: &PublishedStation) -> Vec<FieldKey> {
    let observed = sheet.observed_fields();
    let mut out = Vec::new();
    for p in PvField::ALL {
        let key = FieldKey::Pv(p);
        if p == PvField::C
            && !sheet.header.election.category.has_voter_cards()
            && sheet.value(key).is_none()
        {
            continue;
        }
        out.push(key);
    }
    let mut lists: Vec<u32> = published.counts.lists();
    for k in &observed {
        if let FieldKey::List(n) | FieldKey::ListPage(n) | FieldKey::Candidate { list: n, .. } = *k
        {
            lists.push(n);
        }
    }
    lists.sort_unstable();
    lists.dedup();
    for n in lists {
        out.push(FieldKey::List(n));
        if observed.contains(&FieldKey::ListPage(n)) {
            out.push(FieldKey::ListPage(n));
        }
        for k in &observed {
            if matches!(k, FieldKey::Candidate { list, .. } if *list == n) {
                out.push(*k);
            }
        }
    }
    for x in Explanation::ALL {
        let key = FieldKey::Explanation(x);
        if sheet.value(key).is_some() || published.value(key).is_some() {
            out.push(key);
        }
    }
    out
}

/// Compares every field of [`fields_to_compare`].
pub(crate) fn compare_fields(sheet: &Sheet, published: &PublishedStation) -> Vec<FieldComparison> {
    fields_to_compare(sheet, published)
        .into_iter()
        .map(|k| {
            FieldComparison::new(
                k,
                sheet.value(k),
                published.value(k),
                required(k, sheet, published),
            )
        })
        .collect()
}
