//! The figures the checks read, whether they come from an observer's sheet or from a
//! published result: one view, so that both are checked by the same code.

use std::collections::BTreeMap;

use super::Input;
use crate::election::ElectionCategory;
use crate::form::Form;
use crate::published::PublishedStation;
use crate::sheet::{DhTick, Explained, FieldKey, PvField, Sheet};

/// Where a view's figures come from.
#[derive(Debug, Clone, Copy)]
enum Values<'a> {
    Sheet(&'a Sheet),
    Counts(&'a crate::published::Counts),
}

/// The figures the checks read, from a sheet or a published result.
#[derive(Debug, Clone, Copy)]
pub struct CountView<'a> {
    values: Values<'a>,
    category: ElectionCategory,
    dh_tick: Option<DhTick>,
    explained: Option<Explained>,
    form: Option<&'a Form>,
    /// A published file carries one total per list, which stands both for E.n (PV 2.2)
    /// and for the total on the list's candidate page (PV 2.4). When set, the page total
    /// falls back to E.n for F.401 and F.402; F.403 (the two against each other) then
    /// needs a real page total and is skipped.
    one_list_total: bool,
}

impl<'a> CountView<'a> {
    /// An observer's sheet: each count is [`Sheet::value`] (the typed figure over a
    /// tally). Pass the sheet's form with [`CountView::with_form`]: without it the lists
    /// and candidates are only those the sheet has figures for.
    pub fn from_sheet(sheet: &'a Sheet) -> CountView<'a> {
        CountView {
            values: Values::Sheet(sheet),
            category: sheet.header.election.category,
            dh_tick: sheet.dh_tick,
            explained: sheet.explained,
            form: None,
            one_list_total: false,
        }
    }

    /// A published result: no D/H tick and no "explained" answer, one total per list.
    pub fn from_published(station: &'a PublishedStation) -> CountView<'a> {
        CountView {
            values: Values::Counts(&station.counts),
            category: station.election.category,
            dh_tick: None,
            explained: None,
            form: None,
            one_list_total: true,
        }
    }

    /// Takes the lists and candidates (and whether field C exists) from the form.
    pub fn with_form(mut self, form: &'a Form) -> CountView<'a> {
        self.form = Some(form);
        self
    }

    /// The figure for a count, `None` when not observed.
    pub fn value(&self, key: FieldKey) -> Option<u32> {
        match self.values {
            Values::Sheet(s) => s.value(key),
            Values::Counts(c) => c.get(&key).copied(),
        }
    }

    pub fn pv(&self, field: PvField) -> Option<u32> {
        self.value(FieldKey::Pv(field))
    }

    pub(crate) fn dh_tick(&self) -> Option<DhTick> {
        self.dh_tick
    }

    pub(crate) fn explained(&self) -> Option<Explained> {
        self.explained
    }

    /// Whether this election has field C (voter cards): from the form when given, else
    /// from the category (GR has none).
    pub(crate) fn has_voter_cards(&self) -> bool {
        match self.form {
            Some(f) => f.has_field(PvField::C),
            None => self.category.has_voter_cards(),
        }
    }

    fn keys(&self) -> Vec<FieldKey> {
        match self.values {
            Values::Sheet(s) => s.observed_fields(),
            Values::Counts(c) => c.keys().copied().collect(),
        }
    }

    /// Each list with its candidate numbers, worked out in one pass over the figures.
    pub(super) fn layout(&self) -> BTreeMap<u32, Vec<u32>> {
        // list -> highest candidate number known (0: none)
        let mut highest: BTreeMap<u32, u32> = BTreeMap::new();
        if let Some(form) = self.form {
            for l in &form.election.lists {
                highest.insert(
                    l.number,
                    l.candidates.iter().map(|c| c.number).max().unwrap_or(0),
                );
            }
        }
        for key in self.keys() {
            match key {
                FieldKey::List(n) | FieldKey::ListPage(n) => {
                    highest.entry(n).or_insert(0);
                }
                FieldKey::Candidate { list, candidate } => {
                    let h = highest.entry(list).or_insert(0);
                    *h = (*h).max(candidate);
                }
                FieldKey::Pv(_) | FieldKey::Explanation(_) => {}
            }
        }
        highest
            .into_iter()
            .map(|(list, h)| (list, (1..=h).collect()))
            .collect()
    }

    /// The values of `keys` if every one was observed, else the ones that were not.
    pub(super) fn observe(&self, keys: &[FieldKey]) -> Result<Vec<u32>, Vec<Input>> {
        let values: Vec<Option<u32>> = keys.iter().map(|&k| self.value(k)).collect();
        if values.iter().all(Option::is_some) {
            Ok(values.into_iter().flatten().collect())
        } else {
            Err(keys
                .iter()
                .zip(&values)
                .filter(|(_, v)| v.is_none())
                .map(|(&k, _)| Input::Count(k))
                .collect())
        }
    }

    /// The total on a list's candidate page, with the key it was read from (see
    /// `one_list_total`).
    pub(super) fn page_total(&self, list: u32) -> Option<(FieldKey, u32)> {
        let page = FieldKey::ListPage(list);
        match self.value(page) {
            Some(v) => Some((page, v)),
            None if self.one_list_total => self
                .value(FieldKey::List(list))
                .map(|v| (FieldKey::List(list), v)),
            None => None,
        }
    }
}
