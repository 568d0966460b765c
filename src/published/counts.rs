//! The figures a published file gives for one station, kept compact: a national
//! Tweede Kamer election is ~10,000 stations of ~1,100 candidate figures each, so the
//! comparison index holds ~11 million of them.

use std::collections::BTreeMap;
use std::ops::Index;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::sheet::FieldKey;

/// Every count a file gives for a station (A–J, E.n, E.n.m, the explanation counts),
/// by field. A field the file does not give is absent, never 0.
///
/// A map in its interface (`get`, `insert`, iteration in key order), a sorted vector
/// inside: 16 bytes a figure where a `BTreeMap` takes about twice that, and the
/// streaming reader builds it with pushes and at most one sort per station.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Counts(Vec<(FieldKey, u32)>);

impl Counts {
    pub(crate) fn new() -> Counts {
        Counts(Vec::new())
    }

    /// From figures in any order; of a field given twice, the last figure is kept (as
    /// the `eml-nl` reader's map does).
    pub(crate) fn from_unsorted(mut figures: Vec<(FieldKey, u32)>) -> Counts {
        if !figures.is_sorted_by(|a, b| a.0 < b.0) {
            // Stable, so that of equal keys the later one is still later.
            figures.sort_by_key(|f| f.0);
            figures.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 = later.1;
                }
                same
            });
        }
        figures.shrink_to_fit();
        Counts(figures)
    }

    fn position(&self, key: &FieldKey) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.cmp(key))
    }

    pub fn get(&self, key: &FieldKey) -> Option<&u32> {
        self.position(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut(&mut self, key: &FieldKey) -> Option<&mut u32> {
        self.position(key).ok().map(|i| &mut self.0[i].1)
    }

    /// Sets a figure; returns the one it replaces.
    pub fn insert(&mut self, key: FieldKey, value: u32) -> Option<u32> {
        match self.position(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// In key order: A–J, the lists, the candidates list by list, the explanations.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&FieldKey, &u32)> + ExactSizeIterator {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub(crate) fn keys(&self) -> impl DoubleEndedIterator<Item = &FieldKey> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    /// The candidates of list `n`, in candidate order: (field, votes).
    pub fn candidates(&self, list: u32) -> &[(FieldKey, u32)] {
        let first = FieldKey::Candidate { list, candidate: 0 };
        let start = self.0.partition_point(|(k, _)| *k < first);
        let len = self.0[start..]
            .iter()
            .take_while(|(k, _)| matches!(k, FieldKey::Candidate { list: l, .. } if *l == list))
            .count();
        &self.0[start..start + len]
    }

    /// Every list number the figures mention (a list total, a page total or a
    /// candidate), in order.
    pub fn lists(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .0
            .iter()
            .filter_map(|(k, _)| match *k {
                FieldKey::List(n) | FieldKey::ListPage(n) | FieldKey::Candidate { list: n, .. } => {
                    Some(n)
                }
                _ => None,
            })
            .collect();
        out.dedup();
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl Index<&FieldKey> for Counts {
    type Output = u32;

    fn index(&self, key: &FieldKey) -> &u32 {
        self.get(key)
            .unwrap_or_else(|| panic!("no figure for {key}"))
    }
}

impl FromIterator<(FieldKey, u32)> for Counts {
    fn from_iter<I: IntoIterator<Item = (FieldKey, u32)>>(iter: I) -> Counts {
        Counts::from_unsorted(iter.into_iter().collect())
    }
}

impl From<BTreeMap<FieldKey, u32>> for Counts {
    fn from(map: BTreeMap<FieldKey, u32>) -> Counts {
        Counts(map.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a Counts {
    type Item = (&'a FieldKey, &'a u32);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (FieldKey, u32)>,
        fn(&'a (FieldKey, u32)) -> (&'a FieldKey, &'a u32),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl IntoIterator for Counts {
    type Item = (FieldKey, u32);
    type IntoIter = std::vec::IntoIter<(FieldKey, u32)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// As a map from field (`"E.1.3"`) to figure, like the `BTreeMap` it stands for.
impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Counts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Counts, D::Error> {
        BTreeMap::<FieldKey, u32>::deserialize(d).map(Counts::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::PvField;

    fn cand(list: u32, candidate: u32) -> FieldKey {
        FieldKey::Candidate { list, candidate }
    }

    #[test]
    fn reads_like_a_map_in_key_order_whatever_the_order_given() {
        let c: Counts = [
            (cand(2, 1), 5),
            (FieldKey::List(2), 5),
            (FieldKey::Pv(PvField::E), 12),
            (cand(1, 2), 3),
            (FieldKey::List(1), 7),
            (cand(1, 1), 4),
            (FieldKey::List(1), 8),
        ]
        .into_iter()
        .collect();
        let keys: Vec<String> = c.keys().map(ToString::to_string).collect();
        assert_eq!(keys, ["E", "E.1", "E.2", "E.1.1", "E.1.2", "E.2.1"]);
        assert_eq!(c.get(&FieldKey::List(1)), Some(&8), "the last figure wins");
        assert_eq!(c[&FieldKey::Pv(PvField::E)], 12);
        assert_eq!(c.get(&FieldKey::Pv(PvField::A)), None);
        assert_eq!(c.candidates(1), &[(cand(1, 1), 4), (cand(1, 2), 3)]);
        assert_eq!(c.candidates(3), &[]);
        assert_eq!(c.lists(), [1, 2]);
    }

    #[test]
    fn insert_and_get_mut_keep_the_order() {
        let mut c = Counts::new();
        assert_eq!(c.insert(FieldKey::List(3), 1), None);
        assert_eq!(c.insert(FieldKey::Pv(PvField::A), 2), None);
        assert_eq!(c.insert(FieldKey::List(3), 4), Some(1));
        *c.get_mut(&FieldKey::Pv(PvField::A)).unwrap() += 1;
        assert_eq!(
            c.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(),
            [(FieldKey::Pv(PvField::A), 3), (FieldKey::List(3), 4)]
        );
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn serializes_as_the_map_it_stands_for() {
        let map: BTreeMap<FieldKey, u32> =
            [(FieldKey::List(1), 3), (FieldKey::Pv(PvField::A), 2)].into();
        let c = Counts::from(map.clone());
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        let back: Counts = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
    }
}
