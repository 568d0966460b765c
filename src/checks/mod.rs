//! The Kiesraad's check codes (DESIGN.md §2), on an observer's sheet or on a published
//! result: the table below has every code with its number, its severity and its rule,
//! and says in which file its check is written.
//!
//! The codes and their meaning follow the Kiesraad's Abacus documentation ("Codes van
//! fouten en waarschuwingen"), so that anyone who knows the official tooling recognises
//! them: F = error (the figures cannot all be right), W = warning (remarkable, may be
//! right). Abacus keeps its validation beside its typed counts the same way.
//!
//! | codes | about | file |
//! |---|---|---|
//! | F.201–F.204, W.201–W.204 | the totals of PV 2.1 and 2.2: A+B+C = D, ΣE.n = E, E+F+G = H | `checks/totals.rs` |
//! | F.301–F.310 | the difference between D and H, and its boxes in PV 2.3 | `checks/difference.rs` |
//! | F.401–F.403 | the votes per candidate of PV 2.4 against the list totals | `checks/candidates.rs` |
//!
//! **Not observed is never 0.** An observer's sheet is usually incomplete, so a check
//! only fires when the observed figures *prove* it, passes only when they prove it does
//! not, and otherwise is skipped, naming what is missing ([`Status::Skipped`]). For most
//! checks that means every input must be observed. A few checks have a condition that
//! settles them early: F.301 is decided once the tick is known not to be "D = H"; F.305
//! fires as soon as one of I and J is observed non-zero while D = H; F.401 fires as soon
//! as one candidate or E.x is observed above 0 while the list's page total is 0.
//!
//! Suppressions, as in the Kiesraad's documentation and Abacus: F.202 and F.203 are not
//! reported when F.204 fires; F.402 and F.403 are not reported for a list when F.401
//! fires for it (its documentation: "Als F.401 niet getoond wordt").
//!
//! Checks read a [`CountView`], built from an observer's [`Sheet`](crate::sheet::Sheet)
//! or from a published station's figures, with an optional [`Form`](crate::form::Form)
//! that knows every list and candidate of the election.

mod candidates;
mod difference;
mod totals;
mod view;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Text};
use crate::sheet::{FieldKey, PvField};
use crate::words;
pub use view::CountView;

/// A check code: its number, how serious it is, and its rule in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Code {
    /// The Kiesraad's number, e.g. `F.201`.
    pub code: &'static str,
    pub severity: Severity,
    /// The rule, as the Kiesraad documents it.
    pub rule: &'static Text,
}

impl Code {
    const fn error(code: &'static str, rule: &'static Text) -> Code {
        Code {
            code,
            severity: Severity::Error,
            rule,
        }
    }

    const fn warning(code: &'static str, rule: &'static Text) -> Code {
        Code {
            code,
            severity: Severity::Warning,
            rule,
        }
    }
}

// F.2xx and W.2xx: totals.rs
pub(crate) const F201: Code = Code::error(
    "F.201",
    words!(
        "A + B + C is niet gelijk aan D",
        "A + B + C does not equal D"
    ),
);
pub(crate) const F202: Code = Code::error(
    "F.202",
    words!(
        "E.1 t/m E.n tellen niet op tot E",
        "E.1 to E.n do not add up to E"
    ),
);
pub(crate) const F203: Code = Code::error(
    "F.203",
    words!(
        "E + F + G is niet gelijk aan H",
        "E + F + G does not equal H"
    ),
);
pub(crate) const F204: Code = Code::error(
    "F.204",
    words!(
        "lijsttotalen groter dan 0 terwijl E 0 is",
        "list totals above 0 while E is 0"
    ),
);
pub(crate) const W201: Code = Code::warning(
    "W.201",
    words!(
        "blanco stemmen (F) 3% of meer van H",
        "blank votes (F) 3% or more of H"
    ),
);
pub(crate) const W202: Code = Code::warning(
    "W.202",
    words!(
        "ongeldige stemmen (G) 3% of meer van H",
        "invalid votes (G) 3% or more of H"
    ),
);
pub(crate) const W203: Code = Code::warning(
    "W.203",
    words!(
        "verschil tussen D en H 2% of meer van H én 15 of meer",
        "difference between D and H 2% or more of H and 15 or more"
    ),
);
pub(crate) const W204: Code = Code::warning("W.204", words!("H is 0", "H is 0"));

// F.3xx: difference.rs
pub(crate) const F301: Code = Code::error(
    "F.301",
    words!(
        "'D en H zijn gelijk' aangevinkt, maar D is niet gelijk aan H",
        "'D equals H' ticked but D does not equal H"
    ),
);
pub(crate) const F302: Code = Code::error(
    "F.302",
    words!(
        "'H groter dan D' aangevinkt, maar H is niet groter dan D",
        "'H greater than D' ticked but H is not greater than D"
    ),
);
pub(crate) const F303: Code = Code::error(
    "F.303",
    words!(
        "'H kleiner dan D' aangevinkt, maar H is niet kleiner dan D",
        "'H less than D' ticked but H is not less than D"
    ),
);
pub(crate) const F304: Code = Code::error(
    "F.304",
    words!(
        "bij D en H niet precies één vakje aangevinkt",
        "not exactly one box ticked for D and H"
    ),
);
pub(crate) const F305: Code = Code::error(
    "F.305",
    words!(
        "D is gelijk aan H, maar I of J is ingevuld",
        "D equals H but I or J is filled in"
    ),
);
pub(crate) const F306: Code = Code::error(
    "F.306",
    words!(
        "H groter dan D, maar I is niet H − D",
        "H greater than D but I is not H − D"
    ),
);
pub(crate) const F307: Code = Code::error(
    "F.307",
    words!(
        "H groter dan D, maar J is ingevuld",
        "H greater than D but J is filled in"
    ),
);
pub(crate) const F308: Code = Code::error(
    "F.308",
    words!(
        "H kleiner dan D, maar J is niet D − H",
        "H less than D but J is not D − H"
    ),
);
pub(crate) const F309: Code = Code::error(
    "F.309",
    words!(
        "H kleiner dan D, maar I is ingevuld",
        "H less than D but I is filled in"
    ),
);
pub(crate) const F310: Code = Code::error(
    "F.310",
    words!(
        "D en H verschillen, maar 'volledig verklaard?' heeft geen of twee antwoorden",
        "D and H differ but 'fully explained?' has no or two answers"
    ),
);

// F.4xx: candidates.rs
pub(crate) const F401: Code = Code::error(
    "F.401",
    words!(
        "stemmen op kandidaten of E.x groter dan 0, maar het lijsttotaal is 0",
        "candidate votes or E.x above 0 but the list total is 0"
    ),
);
pub(crate) const F402: Code = Code::error(
    "F.402",
    words!(
        "lijsttotaal is niet de som van de kandidaten",
        "list total is not the sum of its candidates"
    ),
);
pub(crate) const F403: Code = Code::error(
    "F.403",
    words!(
        "lijsttotaal op de kandidatenpagina is niet gelijk aan E.x",
        "list total on the candidate page does not equal E.x"
    ),
);

/// Every check code, in the order results are reported.
pub(crate) const CODES: &[Code] = &[
    F201, F202, F203, F204, F301, F302, F303, F304, F305, F306, F307, F308, F309, F310, F401, F402,
    F403, W201, W202, W203, W204,
];

/// How serious a check result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// F-code (fout): the figures cannot all be right.
    Error,
    /// W-code (waarschuwing): a remarkable result that may still be right.
    Warning,
}

impl Severity {
    pub(crate) fn label(self) -> &'static Text {
        match self {
            Severity::Error => words!("fout", "error"),
            Severity::Warning => words!("waarschuwing", "warning"),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A check that fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    /// The Kiesraad's code, e.g. `F.201`.
    pub code: &'static str,
    pub severity: Severity,
    /// The counts involved, for highlighting (the D/H tick and the "explained" answer
    /// are not counts and are not listed).
    pub fields: Vec<FieldKey>,
    /// What is wrong, in plain words with the figures, short enough for a side panel.
    pub message: Text,
}

impl CheckResult {
    /// `F.201: A + B + C (…) is niet gelijk aan D (…)` in the given language.
    pub fn line(&self, lang: Lang) -> String {
        format!("{}: {}", self.code, self.message.get(lang))
    }
}

impl fmt::Display for CheckResult {
    /// In Dutch, the language of the PV and of the room.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message.nl)
    }
}

/// Something a check needs that was not observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Input {
    Count(FieldKey),
    /// Which box of PV 2.3 was ticked for D and H.
    DhTick,
    /// The answer to "fully explained?" of PV 2.3.
    Explained,
    /// The list numbers: neither the form nor the figures name any list.
    Lists,
    /// The candidates of this list: neither the form nor the figures name any.
    Candidates(u32),
}

impl Input {
    pub(crate) fn label(self) -> Text {
        match self {
            Input::Count(k) => Text::same(k.to_string()),
            Input::DhTick => Text::fixed("vakje D/H", "D/H box"),
            Input::Explained => Text::fixed("volledig verklaard?", "fully explained?"),
            Input::Lists => Text::fixed("de lijsten", "the lists"),
            Input::Candidates(n) => {
                crate::text!("kandidaten lijst {n}", "candidates of list {n}")
            }
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label().en)
    }
}

/// What became of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Status {
    /// The observed figures show the rule holds.
    Passed,
    /// The observed figures prove the rule broken.
    Failed(CheckResult),
    /// Not decided: these inputs were not observed.
    Skipped { missing: Vec<Input> },
    /// Not reported because this other code fired (the Kiesraad's rule).
    Suppressed { by: &'static str },
}

/// One check, evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    pub code: &'static str,
    pub severity: Severity,
    /// The list, for the per-list checks F.401–F.403.
    pub list: Option<u32>,
    pub status: Status,
}

/// Runs every check and returns the ones that fired, ordered by code (and list).
pub fn run(view: &CountView) -> Vec<CheckResult> {
    evaluate(view)
        .into_iter()
        .filter_map(|e| match e.status {
            Status::Failed(r) => Some(r),
            _ => None,
        })
        .collect()
}

/// The F-codes among `results`.
pub fn errors(results: &[CheckResult]) -> Vec<&CheckResult> {
    results
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .collect()
}

/// Evaluates every check, including the skipped and suppressed ones, ordered by code
/// and then list: for a screen that shows what could not be checked yet and why.
pub fn evaluate(view: &CountView) -> Vec<Evaluation> {
    let mut out = Vec::new();
    let mut push = |code: Code, list: Option<u32>, status: Status| {
        out.push(Evaluation {
            code: code.code,
            severity: code.severity,
            list,
            status,
        })
    };

    let layout = view.layout();
    let lists: Vec<u32> = layout.keys().copied().collect();

    push(F201, None, totals::f201(view));
    let f204 = totals::f204(view, &lists);
    let f204_fired = matches!(f204, Status::Failed(_));
    let unless_f204 = |check: &dyn Fn() -> Status| {
        if f204_fired {
            Status::Suppressed { by: F204.code }
        } else {
            check()
        }
    };
    push(F202, None, unless_f204(&|| totals::f202(view, &lists)));
    push(F203, None, unless_f204(&|| totals::f203(view)));
    push(F204, None, f204);

    let d = view.pv(PvField::D);
    let h = view.pv(PvField::H);
    push(F301, None, difference::f301(view, d, h));
    push(F302, None, difference::f302(view, d, h));
    push(F303, None, difference::f303(view, d, h));
    push(F304, None, difference::f304(view));
    push(F305, None, difference::f305(view, d, h));
    push(F306, None, difference::f306(view, d, h));
    push(F307, None, difference::f307(view, d, h));
    push(F308, None, difference::f308(view, d, h));
    push(F309, None, difference::f309(view, d, h));
    push(F310, None, difference::f310(view, d, h));

    for (&list, candidates) in &layout {
        let f401 = candidates::f401(view, list, candidates);
        let f401_fired = matches!(f401, Status::Failed(_));
        push(F401, Some(list), f401);
        let unless_f401 = |status: Status| {
            if f401_fired {
                Status::Suppressed { by: F401.code }
            } else {
                status
            }
        };
        push(
            F402,
            Some(list),
            unless_f401(candidates::f402(view, list, candidates)),
        );
        push(F403, Some(list), unless_f401(candidates::f403(view, list)));
    }

    push(W201, None, totals::share_warning(view, W201, PvField::F));
    push(W202, None, totals::share_warning(view, W202, PvField::G));
    push(W203, None, totals::w203(d, h));
    push(W204, None, totals::w204(h));

    // In the order of the table; stable, so the per-list checks (pushed list by list,
    // interleaved) come out list by list within their code.
    let rank = |code: &str| CODES.iter().position(|c| c.code == code);
    out.sort_by_key(|e| (rank(e.code), e.list));
    out
}

// ---------------------------------------------------------------------------------
// What the checks share

fn fail(code: Code, fields: Vec<FieldKey>, nl: String, en: String) -> Status {
    Status::Failed(CheckResult {
        code: code.code,
        severity: code.severity,
        fields,
        message: Text::new(nl, en),
    })
}

fn skipped(missing: Vec<Input>) -> Status {
    Status::Skipped { missing }
}

fn pv(f: PvField) -> FieldKey {
    FieldKey::Pv(f)
}

/// D and H, or what is missing of them.
fn both(d: Option<u32>, h: Option<u32>) -> Result<(u32, u32), Vec<Input>> {
    match (d, h) {
        (Some(d), Some(h)) => Ok((d, h)),
        _ => Err([(pv(PvField::D), d), (pv(PvField::H), h)]
            .into_iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| Input::Count(k))
            .collect()),
    }
}

/// `1052 + 138 + 0 = 1190`
fn sum_expr(values: &[u32]) -> String {
    let terms: Vec<String> = values.iter().map(u32::to_string).collect();
    format!("{} = {}", terms.join(" + "), sum(values))
}

/// Sums in u64: a u32 per field cannot overflow it.
fn sum(values: &[u32]) -> u64 {
    values.iter().map(|&v| u64::from(v)).sum()
}

/// `E.1 = 12, E.3 = 4, …` for at most three fields.
fn some_fields(pairs: &[(FieldKey, u32)]) -> String {
    let mut parts: Vec<String> = pairs
        .iter()
        .take(3)
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    if pairs.len() > 3 {
        parts.push("…".to_string());
    }
    parts.join(", ")
}

/// Whether `part` is at least `percent`% of `whole`, with the threshold rounded up, in
/// integer maths: part ≥ ceil(whole · percent / 100). Integers because a percentage has
/// no exact binary fraction: in f64, 7.0 / 100.0 * 100.0 = 7.000000000000001, whose
/// ceiling is 8; floats happen to get 2% and 3% right, but only by luck of rounding.
/// `whole` · `percent` is computed in u64, so any u32 figure fits.
fn at_least_percent(part: u32, whole: u32, percent: u32) -> bool {
    let threshold = (u64::from(whole) * u64::from(percent)).div_ceil(100);
    u64::from(part) >= threshold
}

#[cfg(test)]
mod tests;
