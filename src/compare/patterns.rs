//! Likely causes of a mismatch: the slips that happen when a PV is filled in, typed
//! over into the municipality's software, or noted by an observer. A pattern is a
//! hint for the person checking, never a conclusion: it says which figures fit it, and
//! its words ([`Pattern::describe`]) are the same in the CLI, the JSON and the TUI.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::i18n::Text;
use crate::sheet::FieldKey;
use crate::text;

use super::field::{FieldComparison, FieldStatus};

/// A likely cause of a mismatch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Pattern {
    /// Two fields of the same kind hold each other's figure (two lists, two candidates
    /// of a list, blank and invalid…).
    Swapped { a: FieldKey, b: FieldKey },
    /// Two digits of one figure changed places (123 against 132).
    DigitsTransposed {
        field: FieldKey,
        observed: u32,
        published: u32,
    },
    /// One figure is the other times 10, 100, … (a digit too many or too few).
    PowerOfTen {
        field: FieldKey,
        factor: u64,
        observed: u32,
        published: u32,
    },
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
            Pattern::DigitsTransposed { field, .. } | Pattern::PowerOfTen { field, .. } => {
                vec![*field]
            }
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

    /// The pattern in plain words, one line. Hedged on purpose: a pattern says which
    /// figures fit a slip, never who is right.
    pub fn describe(&self) -> Text {
        match self {
            Pattern::Swapped {
                a: FieldKey::List(x),
                b: FieldKey::List(y),
            } => text!(
                "lijsten {x} en {y} lijken verwisseld: E.{x} heeft het getal van E.{y} en omgekeerd",
                "lists {x} and {y} look swapped: E.{x} has the figure of E.{y} and the other way round"
            ),
            Pattern::Swapped {
                a: FieldKey::Candidate { list, candidate: x },
                b: FieldKey::Candidate { candidate: y, .. },
            } => text!(
                "kandidaten {x} en {y} van lijst {list} lijken verwisseld: elk heeft het getal van de ander",
                "candidates {x} and {y} of list {list} look swapped: each has the other's figure"
            ),
            Pattern::Swapped { a, b } => {
                let (a_nl, a_en) = named(*a);
                let (b_nl, b_en) = named(*b);
                text!(
                    "{a_nl} en {b_nl} lijken verwisseld: elk heeft het getal van de ander",
                    "{a_en} and {b_en} look swapped: each has the other's figure"
                )
            }
            Pattern::DigitsTransposed {
                field,
                observed,
                published,
            } => text!(
                "{field}: twee cijfers lijken omgedraaid (blad {observed}, gepubliceerd {published})",
                "{field}: two digits look transposed (sheet {observed}, published {published})"
            ),
            Pattern::PowerOfTen {
                field,
                factor,
                observed,
                published,
            } => text!(
                "{field}: het ene getal is {factor} keer het andere, een cijfer te veel of te weinig (blad {observed}, gepubliceerd {published})",
                "{field}: one figure is {factor} times the other, a digit too many or too few (sheet {observed}, published {published})"
            ),
            Pattern::ShiftedByOneList { lists, offset } => {
                let names: Vec<String> = lists.iter().map(u32::to_string).collect();
                let (names_nl, names_en) = (join_and(&names, "en"), join_and(&names, "and"));
                if *offset > 0 {
                    text!(
                        "lijsten {names_nl} lijken een lijst verschoven: elk getal op het blad is het gepubliceerde getal van de volgende lijst",
                        "lists {names_en} look shifted by one list: each figure on the sheet is the published figure of the next list"
                    )
                } else {
                    text!(
                        "lijsten {names_nl} lijken een lijst verschoven: elk getal op het blad is het gepubliceerde getal van de vorige lijst",
                        "lists {names_en} look shifted by one list: each figure on the sheet is the published figure of the previous list"
                    )
                }
            }
            Pattern::CreditedToNeighbour { list, a, b, votes } => text!(
                "{votes} stemmen lijken bij de buurkandidaat geteld: lijst {list}, kandidaten {a} en {b} verschillen evenveel in tegengestelde richting",
                "{votes} votes look credited to the neighbouring candidate: list {list}, candidates {a} and {b} differ by the same amount in opposite directions"
            ),
            Pattern::StationMissing { station } => text!(
                "stembureau {station} staat niet in de gepubliceerde bestanden van deze verkiezing en gemeente",
                "polling station {station} is not in the published files of this election and municipality"
            ),
            Pattern::OtherElection { expected, found } if found.is_empty() => text!(
                "geen gepubliceerde uitslag gelezen om mee te vergelijken (verwacht: {expected})",
                "no published result was read to compare with (expected: {expected})"
            ),
            Pattern::OtherElection { expected, found } => {
                let found = found.join(", ");
                text!(
                    "de gepubliceerde bestanden zijn van een andere verkiezing ({found}), niet van {expected}",
                    "the published files are of another election ({found}), not {expected}"
                )
            }
            Pattern::OtherMunicipality { expected, found } => {
                let found = found.join(", ");
                text!(
                    "de gepubliceerde bestanden zijn van een andere gemeente ({found}), niet van {expected}",
                    "the published files are of another municipality ({found}), not {expected}"
                )
            }
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

/// A field with its name, in Dutch and English: `F (blanco stemmen)`.
fn named(field: FieldKey) -> (String, String) {
    let label = field.label();
    (
        format!("{field} ({})", label.nl),
        format!("{field} ({})", label.en),
    )
}

/// "1, 2 en 3" / "1, 2 and 3".
fn join_and(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
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
            out.push(Pattern::DigitsTransposed {
                field: f.field,
                observed: o,
                published: p,
            });
        } else if let Some(factor) = power_of_ten(o, p) {
            out.push(Pattern::PowerOfTen {
                field: f.field,
                factor,
                observed: o,
                published: p,
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
                    field: FieldKey::Pv(PvField::A),
                    observed: 123,
                    published: 132
                },
                Pattern::PowerOfTen {
                    field: FieldKey::Pv(PvField::B),
                    factor: 10,
                    observed: 7,
                    published: 70
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
