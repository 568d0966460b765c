//! Likely causes of a mismatch: the slips that happen when a PV is filled in, typed
//! over into the municipality's software, or noted by an observer. A pattern is a
//! hint for the person checking, never a conclusion: it says which figures fit it.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::sheet::FieldKey;

use super::field::{FieldComparison, FieldStatus};

/// A likely cause of a mismatch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Pattern {
    /// Two fields of the same kind hold each other's figure (two lists, two candidates
    /// of a list, blank and invalid…).
    Swapped { a: FieldKey, b: FieldKey },
    /// Two digits of one figure changed places (123 against 132).
    DigitsTransposed { field: FieldKey },
    /// One figure is the other times 10, 100, … (a digit too many or too few).
    PowerOfTen { field: FieldKey, factor: u64 },
    /// A run of list totals sits one list off: the observed figure of each list is the
    /// published figure of the next (`offset` 1) or the previous (`offset` −1) list.
    ShiftedByOneList { lists: Vec<u32>, offset: i32 },
    /// Votes that one candidate has on one side are with the neighbouring candidate on
    /// the other: the two differences cancel out.
    CreditedToNeighbour {
        list: u32,
        a: u32,
        b: u32,
        votes: u64,
    },
    /// No file of the sheet's election holds the station.
    StationMissing { station: String },
    /// The published files are of another election than the sheet.
    OtherElection {
        expected: String,
        found: Vec<String>,
    },
    /// The files of the sheet's election are of other municipalities.
    OtherMunicipality {
        expected: String,
        found: Vec<String>,
    },
}

impl Pattern {
    /// The fields the pattern is about.
    pub(crate) fn fields(&self) -> Vec<FieldKey> {
        match self {
            Pattern::Swapped { a, b } => vec![*a, *b],
            Pattern::DigitsTransposed { field } | Pattern::PowerOfTen { field, .. } => vec![*field],
            Pattern::ShiftedByOneList { lists, .. } => {
                lists.iter().map(|&n| FieldKey::List(n)).collect()
            }
            Pattern::CreditedToNeighbour { list, a, b, .. } => vec![
                FieldKey::Candidate {
                    list: *list,
                    candidate: *a,
                },
                FieldKey::Candidate {
                    list: *list,
                    candidate: *b,
                },
            ],
            _ => Vec::new(),
        }
    }

    /// One line in plain English.
    pub fn describe(&self) -> String {
        match self {
            Pattern::Swapped { a: FieldKey::List(x), b: FieldKey::List(y) } => {
                format!("lists {x} and {y} swapped: E.{x} has the figure of E.{y} and the other way round")
            }
            Pattern::Swapped { a, b } => format!("{a} and {b} swapped: each has the other's figure"),
            Pattern::DigitsTransposed { field } => format!("{field}: two digits transposed"),
            Pattern::PowerOfTen { field, factor } => {
                format!("{field}: one figure is {factor} times the other (a digit too many or too few)")
            }
            Pattern::ShiftedByOneList { lists, offset } => {
                let names: Vec<String> = lists.iter().map(|n| format!("E.{n}")).collect();
                let dir = if *offset > 0 { "next" } else { "previous" };
                format!(
                    "values shifted by one list: observed {} each equal the published figure of the {dir} list",
                    names.join(", ")
                )
            }
            Pattern::CreditedToNeighbour { list, a, b, votes } => format!(
                "{votes} votes credited to a neighbour candidate: E.{list}.{a} and E.{list}.{b} differ by the same amount in opposite directions"
            ),
            Pattern::StationMissing { station } => {
                format!("station {station} is missing from the published file(s) of this election")
            }
            Pattern::OtherElection { expected, found } => format!(
                "the published file(s) are of another election ({}), not {expected}",
                found.join(", ")
            ),
            Pattern::OtherMunicipality { expected, found } => format!(
                "the published file(s) are of another municipality ({}), not {expected}",
                found.join(", ")
            ),
        }
    }

    /// The pattern's kind as in the JSON (`swapped`, `digits-transposed`, …).
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Pattern::Swapped { .. } => "swapped",
            Pattern::DigitsTransposed { .. } => "digits-transposed",
            Pattern::PowerOfTen { .. } => "power-of-ten",
            Pattern::ShiftedByOneList { .. } => "shifted-by-one-list",
            Pattern::CreditedToNeighbour { .. } => "credited-to-neighbour",
            Pattern::StationMissing { .. } => "station-missing",
            Pattern::OtherElection { .. } => "other-election",
            Pattern::OtherMunicipality { .. } => "other-municipality",
        }
    }
}

/// Fields that can be swapped with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Group {
    Pv,
    Lists,
    Candidates(u32),
    Explanations,
}

fn group(k: FieldKey) -> Option<Group> {
    match k {
        FieldKey::Pv(_) => Some(Group::Pv),
        FieldKey::List(_) => Some(Group::Lists),
        FieldKey::Candidate { list, .. } => Some(Group::Candidates(list)),
        FieldKey::Explanation(_) => Some(Group::Explanations),
        FieldKey::ListPage(_) => None,
    }
}

/// The patterns the differing fields fit. A field explained by a swap, a shift or a
/// neighbour is not also tested for digit slips.
pub(crate) fn detect(fields: &[FieldComparison]) -> Vec<Pattern> {
    let mut out = Vec::new();
    let mut explained: HashSet<FieldKey> = HashSet::new();
    let both = |f: &&FieldComparison| f.observed.is_some() && f.published.is_some();
    let differs: Vec<&FieldComparison> = fields
        .iter()
        .filter(|f| f.status == FieldStatus::Differs)
        .collect();

    // Swaps within a group.
    for (i, a) in differs.iter().enumerate() {
        for b in &differs[i + 1..] {
            if group(a.field).is_none() || group(a.field) != group(b.field) {
                continue;
            }
            if explained.contains(&a.field) || explained.contains(&b.field) {
                continue;
            }
            if a.observed == b.published && b.observed == a.published {
                explained.insert(a.field);
                explained.insert(b.field);
                out.push(Pattern::Swapped {
                    a: a.field,
                    b: b.field,
                });
            }
        }
    }

    // Shifts by one list: runs of at least two differing lists.
    let lists: Vec<&FieldComparison> = fields
        .iter()
        .filter(|f| matches!(f.field, FieldKey::List(_)))
        .filter(both)
        .collect();
    for offset in [1i32, -1] {
        let mut run: Vec<u32> = Vec::new();
        let flush =
            |run: &mut Vec<u32>, out: &mut Vec<Pattern>, explained: &mut HashSet<FieldKey>| {
                if run.len() >= 2 && run.iter().any(|n| !explained.contains(&FieldKey::List(*n))) {
                    explained.extend(run.iter().map(|&n| FieldKey::List(n)));
                    out.push(Pattern::ShiftedByOneList {
                        lists: run.clone(),
                        offset,
                    });
                }
                run.clear();
            };
        for (i, f) in lists.iter().enumerate() {
            let j = i as i64 + offset as i64;
            let fits = f.status == FieldStatus::Differs
                && j >= 0
                && (j as usize) < lists.len()
                && f.observed == lists[j as usize].published;
            if fits {
                if let FieldKey::List(n) = f.field {
                    run.push(n);
                }
            } else {
                flush(&mut run, &mut out, &mut explained);
            }
        }
        flush(&mut run, &mut out, &mut explained);
    }

    // Votes credited to the neighbouring candidate.
    let mut by_list: BTreeMap<u32, Vec<(u32, i64)>> = BTreeMap::new();
    for f in &differs {
        if let (FieldKey::Candidate { list, candidate }, Some(d)) = (f.field, f.difference) {
            if !explained.contains(&f.field) {
                by_list.entry(list).or_default().push((candidate, d));
            }
        }
    }
    for (list, cands) in by_list {
        for w in cands.windows(2) {
            let ((a, da), (b, db)) = (w[0], w[1]);
            if b == a + 1 && da == -db && da != 0 {
                explained.insert(FieldKey::Candidate { list, candidate: a });
                explained.insert(FieldKey::Candidate { list, candidate: b });
                out.push(Pattern::CreditedToNeighbour {
                    list,
                    a,
                    b,
                    votes: da.unsigned_abs(),
                });
            }
        }
    }

    // Slips within one figure.
    for f in &differs {
        if explained.contains(&f.field) {
            continue;
        }
        let (Some(o), Some(p)) = (f.observed, f.published) else {
            continue;
        };
        if transposed(o, p) {
            out.push(Pattern::DigitsTransposed { field: f.field });
        } else if let Some(factor) = power_of_ten(o, p) {
            out.push(Pattern::PowerOfTen {
                field: f.field,
                factor,
            });
        }
    }
    out
}

/// Whether `a` and `b` have the same digits with exactly two of them changing places.
pub(crate) fn transposed(a: u32, b: u32) -> bool {
    let (x, y) = (a.to_string(), b.to_string());
    if x.len() != y.len() {
        return false;
    }
    let diff: Vec<usize> = x
        .bytes()
        .zip(y.bytes())
        .enumerate()
        .filter(|(_, (p, q))| p != q)
        .map(|(i, _)| i)
        .collect();
    diff.len() == 2
        && x.as_bytes()[diff[0]] == y.as_bytes()[diff[1]]
        && x.as_bytes()[diff[1]] == y.as_bytes()[diff[0]]
}

/// `Some(10^k)` when one of `a`, `b` is the other times 10^k (k ≥ 1), both non-zero.
pub(crate) fn power_of_ten(a: u32, b: u32) -> Option<u64> {
    let (small, large) = (a.min(b) as u64, a.max(b) as u64);
    if small == 0 || large % small != 0 {
        return None;
    }
    let mut q = large / small;
    let factor = q;
    if q < 10 {
        return None;
    }
    while q % 10 == 0 {
        q /= 10;
    }
    (q == 1).then_some(factor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::PvField;
    use proptest::prelude::*;

    fn f(field: FieldKey, o: u32, p: u32) -> FieldComparison {
        FieldComparison::new(field, Some(o), Some(p), true)
    }

    #[test]
    fn names_a_swap_of_two_lists() {
        let fields = [
            f(FieldKey::List(1), 20, 30),
            f(FieldKey::List(2), 30, 20),
            f(FieldKey::List(3), 5, 5),
        ];
        assert_eq!(
            detect(&fields),
            vec![Pattern::Swapped {
                a: FieldKey::List(1),
                b: FieldKey::List(2)
            }]
        );
    }

    #[test]
    fn names_digit_slips() {
        assert!(transposed(123, 132));
        assert!(transposed(1203, 1302));
        assert!(!transposed(123, 124));
        assert!(!transposed(123, 321 + 1));
        assert_eq!(power_of_ten(25, 250), Some(10));
        assert_eq!(power_of_ten(2500, 25), Some(100));
        assert_eq!(power_of_ten(25, 50), None);
        assert_eq!(power_of_ten(0, 50), None);
        let fields = [
            f(FieldKey::Pv(PvField::A), 123, 132),
            f(FieldKey::Pv(PvField::B), 7, 70),
        ];
        assert_eq!(
            detect(&fields),
            vec![
                Pattern::DigitsTransposed {
                    field: FieldKey::Pv(PvField::A)
                },
                Pattern::PowerOfTen {
                    field: FieldKey::Pv(PvField::B),
                    factor: 10
                }
            ]
        );
    }

    #[test]
    fn names_a_shift_by_one_list() {
        // Observed typed each list's figure one row up.
        let p = [50, 40, 30, 20, 10];
        let o = [40, 30, 20, 10, 0];
        let fields: Vec<_> = (0..5)
            .map(|i| f(FieldKey::List(i as u32 + 1), o[i], p[i]))
            .collect();
        let pats = detect(&fields);
        assert_eq!(
            pats,
            vec![Pattern::ShiftedByOneList {
                lists: vec![1, 2, 3, 4],
                offset: 1
            }]
        );
    }

    #[test]
    fn names_votes_credited_to_a_neighbour() {
        let c = |candidate| FieldKey::Candidate { list: 3, candidate };
        let fields = [f(c(4), 10, 13), f(c(5), 8, 5), f(c(6), 2, 2)];
        assert_eq!(
            detect(&fields),
            vec![Pattern::CreditedToNeighbour {
                list: 3,
                a: 4,
                b: 5,
                votes: 3
            }]
        );
    }

    #[test]
    fn finds_nothing_in_unrelated_differences() {
        let fields = [f(FieldKey::List(1), 17, 30), f(FieldKey::List(4), 3, 8)];
        assert!(detect(&fields).is_empty());
    }

    proptest! {
        #[test]
        fn a_swap_of_any_two_lists_is_named(a in 0u32..5000, b in 0u32..5000, x in 1u32..20, y in 21u32..40) {
            prop_assume!(a != b);
            let fields = [f(FieldKey::List(x), b, a), f(FieldKey::List(y), a, b)];
            prop_assert_eq!(detect(&fields), vec![Pattern::Swapped { a: FieldKey::List(x), b: FieldKey::List(y) }]);
        }

        #[test]
        fn power_of_ten_is_symmetric(a in 1u32..100000, k in 1u32..4) {
            let b = a * 10u32.pow(k);
            prop_assert_eq!(power_of_ten(a, b), Some(10u64.pow(k)));
            prop_assert_eq!(power_of_ten(b, a), Some(10u64.pow(k)));
        }
    }
}
