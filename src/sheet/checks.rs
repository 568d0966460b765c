//! The Kiesraad's check codes (DESIGN.md §2), on an observer's sheet or on a published
//! result.
//!
//! The codes and their meaning follow the Kiesraad's Abacus documentation ("Codes van
//! fouten en waarschuwingen"), so that anyone who knows the official tooling recognises
//! them: F = error (the figures cannot all be right), W = warning (remarkable, may be
//! right).
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
//! Checks read a [`CountView`], built from a [`Sheet`] or a [`PublishedStation`], with an
//! optional [`Form`] that knows every list and candidate of the election.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::election::ElectionCategory;
use crate::form::Form;
use crate::i18n::{Lang, Text};
use crate::published::PublishedStation;
use crate::sheet::{DhTick, Explained, FieldKey, PvField, Sheet};

/// How serious a check result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// F-code (fout): the figures cannot all be right.
    Error,
    /// W-code (waarschuwing): a remarkable result that may still be right.
    Warning,
}

impl Severity {
    fn of(code: &str) -> Severity {
        if code.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    pub fn label(self) -> Text {
        match self {
            Severity::Error => Text::new("fout", "error"),
            Severity::Warning => Text::new("waarschuwing", "warning"),
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
    pub fn label(self) -> Text {
        match self {
            Input::Count(k) => Text::new(k.to_string(), k.to_string()),
            Input::DhTick => Text::new("vakje D/H", "D/H box"),
            Input::Explained => Text::new("volledig verklaard?", "fully explained?"),
            Input::Lists => Text::new("de lijsten", "the lists"),
            Input::Candidates(n) => Text::new(
                format!("kandidaten lijst {n}"),
                format!("candidates of list {n}"),
            ),
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

/// A check code with its rule, for help screens and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub rule_nl: &'static str,
    pub rule_en: &'static str,
}

const fn info(
    code: &'static str,
    severity: Severity,
    rule_nl: &'static str,
    rule_en: &'static str,
) -> CheckInfo {
    CheckInfo {
        code,
        severity,
        rule_nl,
        rule_en,
    }
}

/// Every check code, in order, with its rule as the Kiesraad documents it.
pub const CATALOGUE: &[CheckInfo] = &[
    info(
        "F.201",
        Severity::Error,
        "A + B + C is niet gelijk aan D",
        "A + B + C does not equal D",
    ),
    info(
        "F.202",
        Severity::Error,
        "E.1 t/m E.n tellen niet op tot E",
        "E.1 to E.n do not add up to E",
    ),
    info(
        "F.203",
        Severity::Error,
        "E + F + G is niet gelijk aan H",
        "E + F + G does not equal H",
    ),
    info(
        "F.204",
        Severity::Error,
        "lijsttotalen groter dan 0 terwijl E 0 is",
        "list totals above 0 while E is 0",
    ),
    info(
        "F.301",
        Severity::Error,
        "'D en H zijn gelijk' aangevinkt, maar D is niet gelijk aan H",
        "'D equals H' ticked but D does not equal H",
    ),
    info(
        "F.302",
        Severity::Error,
        "'H groter dan D' aangevinkt, maar H is niet groter dan D",
        "'H greater than D' ticked but H is not greater than D",
    ),
    info(
        "F.303",
        Severity::Error,
        "'H kleiner dan D' aangevinkt, maar H is niet kleiner dan D",
        "'H less than D' ticked but H is not less than D",
    ),
    info(
        "F.304",
        Severity::Error,
        "bij D en H niet precies één vakje aangevinkt",
        "not exactly one box ticked for D and H",
    ),
    info(
        "F.305",
        Severity::Error,
        "D is gelijk aan H, maar I of J is ingevuld",
        "D equals H but I or J is filled in",
    ),
    info(
        "F.306",
        Severity::Error,
        "H groter dan D, maar I is niet H − D",
        "H greater than D but I is not H − D",
    ),
    info(
        "F.307",
        Severity::Error,
        "H groter dan D, maar J is ingevuld",
        "H greater than D but J is filled in",
    ),
    info(
        "F.308",
        Severity::Error,
        "H kleiner dan D, maar J is niet D − H",
        "H less than D but J is not D − H",
    ),
    info(
        "F.309",
        Severity::Error,
        "H kleiner dan D, maar I is ingevuld",
        "H less than D but I is filled in",
    ),
    info(
        "F.310",
        Severity::Error,
        "D en H verschillen, maar 'volledig verklaard?' heeft geen of twee antwoorden",
        "D and H differ but 'fully explained?' has no or two answers",
    ),
    info(
        "F.401",
        Severity::Error,
        "stemmen op kandidaten of E.x groter dan 0, maar het lijsttotaal is 0",
        "candidate votes or E.x above 0 but the list total is 0",
    ),
    info(
        "F.402",
        Severity::Error,
        "lijsttotaal is niet de som van de kandidaten",
        "list total is not the sum of its candidates",
    ),
    info(
        "F.403",
        Severity::Error,
        "lijsttotaal op de kandidatenpagina is niet gelijk aan E.x",
        "list total on the candidate page does not equal E.x",
    ),
    info(
        "W.201",
        Severity::Warning,
        "blanco stemmen (F) 3% of meer van H",
        "blank votes (F) 3% or more of H",
    ),
    info(
        "W.202",
        Severity::Warning,
        "ongeldige stemmen (G) 3% of meer van H",
        "invalid votes (G) 3% or more of H",
    ),
    info(
        "W.203",
        Severity::Warning,
        "verschil tussen D en H 2% of meer van H én 15 of meer",
        "difference between D and H 2% or more of H and 15 or more",
    ),
    info("W.204", Severity::Warning, "H is 0", "H is 0"),
];

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

    pub fn dh_tick(&self) -> Option<DhTick> {
        self.dh_tick
    }

    pub fn explained(&self) -> Option<Explained> {
        self.explained
    }

    /// Whether this election has field C (voter cards): from the form when given, else
    /// from the category (GR has none).
    pub fn has_voter_cards(&self) -> bool {
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

    /// Every list number: the form's lists and any list the figures mention.
    pub fn list_numbers(&self) -> Vec<u32> {
        self.layout().into_keys().collect()
    }

    /// Every candidate number of a list: 1 up to the highest the form or the figures
    /// mention. A candidate number is a position on the list, so candidate 3 means there
    /// are candidates 1 and 2 as well; without a form, candidates after the highest one
    /// observed cannot be known.
    pub fn candidate_numbers(&self, list: u32) -> Vec<u32> {
        self.layout().remove(&list).unwrap_or_default()
    }

    /// Each list with its candidate numbers, worked out in one pass over the figures.
    fn layout(&self) -> BTreeMap<u32, Vec<u32>> {
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
    fn observe(&self, keys: &[FieldKey]) -> Result<Vec<u32>, Vec<Input>> {
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
    fn page_total(&self, list: u32) -> Option<(FieldKey, u32)> {
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

/// The W-codes among `results`.
pub fn warnings(results: &[CheckResult]) -> Vec<&CheckResult> {
    results
        .iter()
        .filter(|r| r.severity == Severity::Warning)
        .collect()
}

/// Evaluates every check, including the skipped and suppressed ones, ordered by code
/// and then list: for a screen that shows what could not be checked yet and why.
pub fn evaluate(view: &CountView) -> Vec<Evaluation> {
    let mut out = Vec::new();
    let mut push = |code: &'static str, list: Option<u32>, status: Status| {
        out.push(Evaluation {
            code,
            severity: Severity::of(code),
            list,
            status,
        })
    };

    let layout = view.layout();
    let lists: Vec<u32> = layout.keys().copied().collect();

    push("F.201", None, f201(view));
    let f204 = f204(view, &lists);
    let f204_fired = matches!(f204, Status::Failed(_));
    let unless_f204 = |check: &dyn Fn() -> Status| {
        if f204_fired {
            Status::Suppressed { by: "F.204" }
        } else {
            check()
        }
    };
    push("F.202", None, unless_f204(&|| f202(view, &lists)));
    push("F.203", None, unless_f204(&|| f203(view)));
    push("F.204", None, f204);

    let d = view.pv(PvField::D);
    let h = view.pv(PvField::H);
    push("F.301", None, f301(view, d, h));
    push("F.302", None, f302(view, d, h));
    push("F.303", None, f303(view, d, h));
    push("F.304", None, f304(view));
    push("F.305", None, f305(view, d, h));
    push("F.306", None, f306(view, d, h));
    push("F.307", None, f307(view, d, h));
    push("F.308", None, f308(view, d, h));
    push("F.309", None, f309(view, d, h));
    push("F.310", None, f310(view, d, h));

    for (&list, candidates) in &layout {
        let f401 = f401(view, list, candidates);
        let f401_fired = matches!(f401, Status::Failed(_));
        push("F.401", Some(list), f401);
        let unless_f401 = |status: Status| {
            if f401_fired {
                Status::Suppressed { by: "F.401" }
            } else {
                status
            }
        };
        push(
            "F.402",
            Some(list),
            unless_f401(f402(view, list, candidates)),
        );
        push("F.403", Some(list), unless_f401(f403(view, list)));
    }

    push("W.201", None, share_warning(view, "W.201", PvField::F));
    push("W.202", None, share_warning(view, "W.202", PvField::G));
    push("W.203", None, w203(d, h));
    push("W.204", None, w204(h));

    // Stable sort: the per-list checks were pushed list by list, interleaved.
    out.sort_by_key(|e| (e.code, e.list));
    out
}

fn fail(code: &'static str, fields: Vec<FieldKey>, nl: String, en: String) -> Status {
    Status::Failed(CheckResult {
        code,
        severity: Severity::of(code),
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

/// F.201: A + B + C = D (C only where the election has voter cards).
fn f201(view: &CountView) -> Status {
    let mut keys = vec![pv(PvField::A), pv(PvField::B)];
    if view.has_voter_cards() {
        keys.push(pv(PvField::C));
    }
    keys.push(pv(PvField::D));
    let values = match view.observe(&keys) {
        Ok(v) => v,
        Err(missing) => return skipped(missing),
    };
    let (parts, d) = values.split_at(values.len() - 1);
    if sum(parts) == u64::from(d[0]) {
        return Status::Passed;
    }
    let letters: Vec<String> = keys[..parts.len()]
        .iter()
        .map(FieldKey::to_string)
        .collect();
    let letters = letters.join(" + ");
    let expr = sum_expr(parts);
    fail(
        "F.201",
        keys,
        format!("{letters} ({expr}) is niet gelijk aan D ({})", d[0]),
        format!("{letters} ({expr}) does not equal D ({})", d[0]),
    )
}

/// F.202: the list totals E.n add up to E.
fn f202(view: &CountView, lists: &[u32]) -> Status {
    if lists.is_empty() {
        return skipped(vec![Input::Lists]);
    }
    let mut keys: Vec<FieldKey> = lists.iter().copied().map(FieldKey::List).collect();
    keys.push(pv(PvField::E));
    let values = match view.observe(&keys) {
        Ok(v) => v,
        Err(missing) => return skipped(missing),
    };
    let (lists, e) = values.split_at(values.len() - 1);
    let total = sum(lists);
    if total == u64::from(e[0]) {
        return Status::Passed;
    }
    fail(
        "F.202",
        keys,
        format!(
            "Som van de lijsttotalen E.n ({total}) is niet gelijk aan E ({})",
            e[0]
        ),
        format!(
            "Sum of the list totals E.n ({total}) does not equal E ({})",
            e[0]
        ),
    )
}

/// F.203: E + F + G = H.
fn f203(view: &CountView) -> Status {
    let keys = [
        pv(PvField::E),
        pv(PvField::F),
        pv(PvField::G),
        pv(PvField::H),
    ];
    let values = match view.observe(&keys) {
        Ok(v) => v,
        Err(missing) => return skipped(missing),
    };
    let h = values[3];
    if sum(&values[..3]) == u64::from(h) {
        return Status::Passed;
    }
    let expr = sum_expr(&values[..3]);
    fail(
        "F.203",
        keys.to_vec(),
        format!("E + F + G ({expr}) is niet gelijk aan H ({h})"),
        format!("E + F + G ({expr}) does not equal H ({h})"),
    )
}

/// F.204: list totals above 0 while E is 0. Fires as soon as one observed E.n is above
/// 0 with E observed as 0.
fn f204(view: &CountView, lists: &[u32]) -> Status {
    let e_key = pv(PvField::E);
    let Some(e) = view.value(e_key) else {
        return skipped(vec![Input::Count(e_key)]);
    };
    if e > 0 {
        return Status::Passed;
    }
    if lists.is_empty() {
        return skipped(vec![Input::Lists]);
    }
    let mut positive = Vec::new();
    let mut missing = Vec::new();
    for &n in lists {
        let key = FieldKey::List(n);
        match view.value(key) {
            Some(v) if v > 0 => positive.push((key, v)),
            Some(_) => {}
            None => missing.push(Input::Count(key)),
        }
    }
    if positive.is_empty() {
        return if missing.is_empty() {
            Status::Passed
        } else {
            skipped(missing)
        };
    }
    let shown = some_fields(&positive);
    let mut fields = vec![e_key];
    fields.extend(positive.iter().map(|(k, _)| *k));
    fail(
        "F.204",
        fields,
        format!("E is 0, maar de lijsttotalen niet ({shown})"),
        format!("E is 0, but the list totals are not ({shown})"),
    )
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

/// F.301–F.303: a box ticked that the figures contradict. Decided as "passed" once the
/// tick is known to be another box.
fn tick_check(
    view: &CountView,
    box_: DhTick,
    d: Option<u32>,
    h: Option<u32>,
) -> Result<(u32, u32), Status> {
    match view.dh_tick() {
        None => Err(skipped(vec![Input::DhTick])),
        Some(t) if t != box_ => Err(Status::Passed),
        Some(_) => both(d, h).map_err(skipped),
    }
}

fn f301(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match tick_check(view, DhTick::Equal, d, h) {
        Err(s) => s,
        Ok((d, h)) if d == h => Status::Passed,
        Ok((d, h)) => fail(
            "F.301",
            vec![pv(PvField::D), pv(PvField::H)],
            format!("'D en H zijn gelijk' aangevinkt, maar D ({d}) is niet gelijk aan H ({h})"),
            format!("'D equals H' ticked, but D ({d}) does not equal H ({h})"),
        ),
    }
}

fn f302(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match tick_check(view, DhTick::More, d, h) {
        Err(s) => s,
        Ok((d, h)) if h > d => Status::Passed,
        Ok((d, h)) => fail(
            "F.302",
            vec![pv(PvField::D), pv(PvField::H)],
            format!("'H groter dan D' aangevinkt, maar H ({h}) is niet groter dan D ({d})"),
            format!("'H greater than D' ticked, but H ({h}) is not greater than D ({d})"),
        ),
    }
}

fn f303(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match tick_check(view, DhTick::Less, d, h) {
        Err(s) => s,
        Ok((d, h)) if h < d => Status::Passed,
        Ok((d, h)) => fail(
            "F.303",
            vec![pv(PvField::D), pv(PvField::H)],
            format!("'H kleiner dan D' aangevinkt, maar H ({h}) is niet kleiner dan D ({d})"),
            format!("'H less than D' ticked, but H ({h}) is not less than D ({d})"),
        ),
    }
}

/// F.304: not exactly one of the three boxes ticked.
fn f304(view: &CountView) -> Status {
    match view.dh_tick() {
        None => skipped(vec![Input::DhTick]),
        Some(DhTick::Equal | DhTick::More | DhTick::Less) => Status::Passed,
        Some(DhTick::NoneTicked) => fail(
            "F.304",
            Vec::new(),
            "Bij de vergelijking van D en H is geen vakje aangevinkt".to_string(),
            "No box ticked at the comparison of D and H".to_string(),
        ),
        Some(DhTick::Several) => fail(
            "F.304",
            Vec::new(),
            "Bij de vergelijking van D en H is meer dan één vakje aangevinkt".to_string(),
            "More than one box ticked at the comparison of D and H".to_string(),
        ),
    }
}

/// F.305: D = H but I or J filled in (non-zero). Fires as soon as one of them is
/// observed non-zero; passes only when both are observed as 0.
fn f305(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    let (d, h) = match both(d, h) {
        Ok(dh) => dh,
        Err(missing) => return skipped(missing),
    };
    if d != h {
        return Status::Passed;
    }
    let mut filled = Vec::new();
    let mut missing = Vec::new();
    for f in [PvField::I, PvField::J] {
        match view.pv(f) {
            Some(v) if v > 0 => filled.push((pv(f), v)),
            Some(_) => {}
            None => missing.push(Input::Count(pv(f))),
        }
    }
    if filled.is_empty() {
        return if missing.is_empty() {
            Status::Passed
        } else {
            skipped(missing)
        };
    }
    let shown: Vec<String> = filled.iter().map(|(k, v)| format!("{k} ({v})")).collect();
    let (nl_verb, en_verb) = if filled.len() == 1 {
        ("is", "is")
    } else {
        ("zijn", "are")
    };
    fail(
        "F.305",
        filled.iter().map(|(k, _)| *k).collect(),
        format!(
            "D en H zijn gelijk ({d}), maar {} {nl_verb} ingevuld",
            shown.join(" en ")
        ),
        format!(
            "D equals H ({d}), but {} {en_verb} filled in",
            shown.join(" and ")
        ),
    )
}

/// F.306–F.309 share a shape: when H and D compare as `applies` says, the field must
/// have the value `expected`.
fn difference_check(
    view: &CountView,
    d: Option<u32>,
    h: Option<u32>,
    applies: fn(u32, u32) -> bool,
    field: PvField,
) -> Result<(u32, u32, u32), Status> {
    let (d, h) = both(d, h).map_err(skipped)?;
    if !applies(d, h) {
        return Err(Status::Passed);
    }
    let key = pv(field);
    let v = view
        .value(key)
        .ok_or_else(|| skipped(vec![Input::Count(key)]))?;
    Ok((d, h, v))
}

fn h_more(d: u32, h: u32) -> bool {
    h > d
}

fn h_less(d: u32, h: u32) -> bool {
    h < d
}

/// F.306: H > D and I ≠ H − D.
fn f306(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match difference_check(view, d, h, h_more, PvField::I) {
        Err(s) => s,
        Ok((d, h, i)) if i == h - d => Status::Passed,
        Ok((d, h, i)) => fail(
            "F.306",
            vec![pv(PvField::D), pv(PvField::H), pv(PvField::I)],
            format!(
                "H is groter dan D, maar I ({i}) is niet H − D ({h} − {d} = {})",
                h - d
            ),
            format!(
                "H is greater than D, but I ({i}) is not H − D ({h} − {d} = {})",
                h - d
            ),
        ),
    }
}

/// F.307: H > D and J ≠ 0.
fn f307(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match difference_check(view, d, h, h_more, PvField::J) {
        Err(s) => s,
        Ok((_, _, 0)) => Status::Passed,
        Ok((d, h, j)) => fail(
            "F.307",
            vec![pv(PvField::I), pv(PvField::J)],
            format!("H ({h}) is groter dan D ({d}), maar J ({j}) is ingevuld"),
            format!("H ({h}) is greater than D ({d}), but J ({j}) is filled in"),
        ),
    }
}

/// F.308: H < D and J ≠ D − H.
fn f308(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match difference_check(view, d, h, h_less, PvField::J) {
        Err(s) => s,
        Ok((d, h, j)) if j == d - h => Status::Passed,
        Ok((d, h, j)) => fail(
            "F.308",
            vec![pv(PvField::D), pv(PvField::H), pv(PvField::J)],
            format!(
                "H is kleiner dan D, maar J ({j}) is niet D − H ({d} − {h} = {})",
                d - h
            ),
            format!(
                "H is less than D, but J ({j}) is not D − H ({d} − {h} = {})",
                d - h
            ),
        ),
    }
}

/// F.309: H < D and I ≠ 0.
fn f309(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match difference_check(view, d, h, h_less, PvField::I) {
        Err(s) => s,
        Ok((_, _, 0)) => Status::Passed,
        Ok((d, h, i)) => fail(
            "F.309",
            vec![pv(PvField::I), pv(PvField::J)],
            format!("H ({h}) is kleiner dan D ({d}), maar I ({i}) is ingevuld"),
            format!("H ({h}) is less than D ({d}), but I ({i}) is filled in"),
        ),
    }
}

/// F.310: D ≠ H and "fully explained?" has neither or both answers.
fn f310(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    let (d, h) = match both(d, h) {
        Ok(dh) => dh,
        Err(missing) => return skipped(missing),
    };
    if d == h {
        return Status::Passed;
    }
    let fields = vec![pv(PvField::D), pv(PvField::H)];
    match view.explained() {
        None => skipped(vec![Input::Explained]),
        Some(Explained::Yes | Explained::No) => Status::Passed,
        Some(Explained::Neither) => fail(
            "F.310",
            fields,
            format!(
                "D ({d}) en H ({h}) verschillen, maar 'volledig verklaard?' is niet beantwoord"
            ),
            format!("D ({d}) and H ({h}) differ, but 'fully explained?' is not answered"),
        ),
        Some(Explained::Both) => fail(
            "F.310",
            fields,
            format!("D ({d}) en H ({h}) verschillen, maar 'volledig verklaard?' heeft ja én nee"),
            format!("D ({d}) and H ({h}) differ, but 'fully explained?' has both yes and no"),
        ),
    }
}

/// F.401: candidate votes or E.x above 0 while the list's page total is 0. Fires as soon
/// as one of them is observed above 0.
fn f401(view: &CountView, list: u32, candidates: &[u32]) -> Status {
    let Some((page_key, page)) = view.page_total(list) else {
        return skipped(vec![Input::Count(FieldKey::ListPage(list))]);
    };
    if page > 0 {
        return Status::Passed;
    }
    let mut keys = Vec::new();
    if page_key != FieldKey::List(list) {
        keys.push(FieldKey::List(list));
    }
    keys.extend(
        candidates
            .iter()
            .map(|&candidate| FieldKey::Candidate { list, candidate }),
    );
    let mut positive = Vec::new();
    let mut missing = Vec::new();
    for key in keys {
        match view.value(key) {
            Some(v) if v > 0 => positive.push((key, v)),
            Some(_) => {}
            None => missing.push(Input::Count(key)),
        }
    }
    if positive.is_empty() {
        if candidates.is_empty() {
            missing.push(Input::Candidates(list));
        }
        return if missing.is_empty() {
            Status::Passed
        } else {
            skipped(missing)
        };
    }
    let shown = some_fields(&positive);
    let mut fields = vec![page_key];
    fields.extend(positive.iter().map(|(k, _)| *k));
    fail(
        "F.401",
        fields,
        format!("Totaal van lijst {list} is 0, terwijl {shown}"),
        format!("Total of list {list} is 0, while {shown}"),
    )
}

/// F.402: the list's page total equals the sum of its candidates.
fn f402(view: &CountView, list: u32, candidates: &[u32]) -> Status {
    let cand_keys: Vec<FieldKey> = candidates
        .iter()
        .map(|&candidate| FieldKey::Candidate { list, candidate })
        .collect();
    let page = view.page_total(list);
    let cand_values = view.observe(&cand_keys);
    let (page_key, page, votes) = match (page, cand_values) {
        (Some((k, p)), Ok(v)) if !candidates.is_empty() => (k, p, v),
        (page, cand_values) => {
            let mut missing = Vec::new();
            if page.is_none() {
                missing.push(Input::Count(FieldKey::ListPage(list)));
            }
            if candidates.is_empty() {
                missing.push(Input::Candidates(list));
            }
            if let Err(m) = cand_values {
                missing.extend(m);
            }
            return skipped(missing);
        }
    };
    let total = sum(&votes);
    if total == u64::from(page) {
        return Status::Passed;
    }
    let mut fields = vec![page_key];
    fields.extend(cand_keys);
    fail(
        "F.402",
        fields,
        format!(
            "Kandidaten van lijst {list} tellen op tot {total}, niet tot het lijsttotaal {page}"
        ),
        format!("Candidates of list {list} add up to {total}, not to the list total {page}"),
    )
}

/// F.403: the list total on the candidate page equals E.x (needs both written apart).
fn f403(view: &CountView, list: u32) -> Status {
    let keys = [FieldKey::ListPage(list), FieldKey::List(list)];
    let values = match view.observe(&keys) {
        Ok(v) => v,
        Err(missing) => return skipped(missing),
    };
    let (page, e) = (values[0], values[1]);
    if page == e {
        return Status::Passed;
    }
    fail(
        "F.403",
        keys.to_vec(),
        format!("Totaal van lijst {list} op de kandidatenpagina ({page}) is niet gelijk aan E.{list} ({e})"),
        format!("Total of list {list} on its candidate page ({page}) does not equal E.{list} ({e})"),
    )
}

/// W.201 (F, blank) and W.202 (G, invalid): at least 3% of H, threshold rounded up.
/// As Abacus does, H = 0 with none of them is left to W.204.
fn share_warning(view: &CountView, code: &'static str, field: PvField) -> Status {
    let keys = [pv(field), pv(PvField::H)];
    let values = match view.observe(&keys) {
        Ok(v) => v,
        Err(missing) => return skipped(missing),
    };
    let (part, h) = (values[0], values[1]);
    if (part == 0 && h == 0) || !at_least_percent(part, h, 3) {
        return Status::Passed;
    }
    let letter = field.letter();
    let (nl, en) = if field == PvField::F {
        ("Veel blanco", "Many blank votes")
    } else {
        ("Veel ongeldig", "Many invalid votes")
    };
    fail(
        code,
        vec![pv(field)],
        format!("{nl}: {letter} ({part}) is 3% of meer van H ({h})"),
        format!("{en}: {letter} ({part}) is 3% or more of H ({h})"),
    )
}

/// W.203: |D − H| ≥ 2% of H (rounded up) **and** |D − H| ≥ 15. The Kiesraad documents
/// "and"; its Abacus code applies either one and its control protocol says "or".
fn w203(d: Option<u32>, h: Option<u32>) -> Status {
    let (d, h) = match both(d, h) {
        Ok(dh) => dh,
        Err(missing) => return skipped(missing),
    };
    let diff = d.abs_diff(h);
    if !(diff >= 15 && at_least_percent(diff, h, 2)) {
        return Status::Passed;
    }
    fail(
        "W.203",
        vec![pv(PvField::D), pv(PvField::H)],
        format!("Groot verschil tussen D ({d}) en H ({h}): {diff}, 2% of meer en 15 of meer"),
        format!("Large difference between D ({d}) and H ({h}): {diff}, 2% or more and 15 or more"),
    )
}

/// W.204: H = 0.
fn w204(h: Option<u32>) -> Status {
    match h {
        None => skipped(vec![Input::Count(pv(PvField::H))]),
        Some(0) => fail(
            "W.204",
            vec![pv(PvField::H)],
            "H is 0: er zijn geen stemmen uitgebracht".to_string(),
            "H is 0: no votes were cast".to_string(),
        ),
        Some(_) => Status::Passed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::election::{Candidate, ElectionCategory, PartyList, PollingStation, StationId};
    use crate::form::{CategoryForm, SourceFile};
    use crate::sheet::tests::header;
    use crate::sheet::Op;
    use proptest::prelude::*;

    fn key(s: &str) -> FieldKey {
        s.parse().unwrap()
    }

    fn set(s: &mut Sheet, field: &str, value: Option<u32>) {
        s.apply(&Op::SetCount {
            field: key(field),
            value,
        });
    }

    /// A TK sheet with the given figures and nothing else observed.
    fn sheet(figures: &[(&str, u32)]) -> Sheet {
        let mut s = Sheet::new(header());
        for &(k, v) in figures {
            set(&mut s, k, Some(v));
        }
        s
    }

    /// TK2025 West Maas en Waal SB11 as published, with two made-up lists that add up.
    fn consistent_tk() -> Sheet {
        let mut s = sheet(&[
            ("A", 1052),
            ("B", 138),
            ("C", 0),
            ("D", 1190),
            ("E.1", 600),
            ("E.2", 581),
            ("E", 1181),
            ("F", 5),
            ("G", 4),
            ("H", 1190),
            ("I", 0),
            ("J", 0),
            ("E.1.1", 500),
            ("E.1.2", 100),
            ("E.1.total", 600),
            ("E.2.1", 581),
            ("E.2.total", 581),
        ]);
        s.apply(&Op::SetDhTick(Some(DhTick::Equal)));
        s
    }

    fn status(s: &Sheet, code: &str) -> Status {
        status_in(&CountView::from_sheet(s), code, None)
    }

    fn status_in(view: &CountView, code: &str, list: Option<u32>) -> Status {
        evaluate(view)
            .into_iter()
            .find(|e| e.code == code && e.list == list)
            .unwrap_or_else(|| panic!("{code} {list:?} not evaluated"))
            .status
    }

    fn fired(s: &Sheet) -> Vec<&'static str> {
        run(&CountView::from_sheet(s))
            .iter()
            .map(|r| r.code)
            .collect()
    }

    #[track_caller]
    fn assert_fires(s: &Sheet, code: &str) -> CheckResult {
        match status(s, code) {
            Status::Failed(r) => r,
            other => panic!("{code} expected to fire, got {other:?}"),
        }
    }

    #[track_caller]
    fn assert_passes(s: &Sheet, code: &str) {
        assert_eq!(status(s, code), Status::Passed, "{code}");
    }

    #[track_caller]
    fn assert_skipped(s: &Sheet, code: &str, missing: &[Input]) {
        match status(s, code) {
            Status::Skipped { missing: m } => assert_eq!(m, missing, "{code}"),
            other => panic!("{code} expected to be skipped, got {other:?}"),
        }
    }

    fn c(field: &str) -> Input {
        Input::Count(key(field))
    }

    fn with(mut s: Sheet, changes: &[(&str, Option<u32>)]) -> Sheet {
        for &(k, v) in changes {
            set(&mut s, k, v);
        }
        s
    }

    fn ticked(mut s: Sheet, tick: Option<DhTick>) -> Sheet {
        s.apply(&Op::SetDhTick(tick));
        s
    }

    fn explained(mut s: Sheet, e: Option<Explained>) -> Sheet {
        s.apply(&Op::SetExplained(e));
        s
    }

    fn tk_form(lists: &[(u32, u32)]) -> Form {
        let mut form = Form::category_only(CategoryForm::embedded(ElectionCategory::TK).unwrap());
        form.election.lists = lists
            .iter()
            .map(|&(number, candidates)| PartyList {
                number,
                name: format!("Lijst {number}"),
                candidates: (1..=candidates)
                    .map(|n| Candidate {
                        number: n,
                        name: format!("Kandidaat {n}"),
                        locality: String::new(),
                    })
                    .collect(),
            })
            .collect();
        form
    }

    #[test]
    fn a_consistent_sheet_fires_nothing() {
        let s = consistent_tk();
        assert_eq!(fired(&s), Vec::<&str>::new());
        // Every check is decided, F.310 included (D = H needs no answer).
        for e in evaluate(&CountView::from_sheet(&s)) {
            assert_eq!(e.status, Status::Passed, "{} {:?}", e.code, e.list);
        }
    }

    #[test]
    fn an_empty_sheet_skips_everything_and_fires_nothing() {
        let s = sheet(&[]);
        let evals = evaluate(&CountView::from_sheet(&s));
        assert!(
            evals
                .iter()
                .all(|e| matches!(e.status, Status::Skipped { .. })),
            "{evals:?}"
        );
        assert!(run(&CountView::from_sheet(&s)).is_empty());
    }

    #[test]
    fn f201() {
        let r = assert_fires(&with(consistent_tk(), &[("D", Some(1191))]), "F.201");
        assert_eq!(
            r.message.nl,
            "A + B + C (1052 + 138 + 0 = 1190) is niet gelijk aan D (1191)"
        );
        assert_eq!(
            r.message.en,
            "A + B + C (1052 + 138 + 0 = 1190) does not equal D (1191)"
        );
        assert_eq!(r.fields, vec![key("A"), key("B"), key("C"), key("D")]);
        assert_eq!(r.severity, Severity::Error);
        assert_passes(&consistent_tk(), "F.201");
        assert_skipped(&with(consistent_tk(), &[("C", None)]), "F.201", &[c("C")]);
        assert_skipped(
            &with(consistent_tk(), &[("A", None), ("D", None)]),
            "F.201",
            &[c("A"), c("D")],
        );
    }

    #[test]
    fn f201_at_a_municipal_election_has_no_c() {
        let mut s = sheet(&[("A", 619), ("B", 71), ("D", 690)]);
        s.header.election.category = ElectionCategory::GR;
        assert_passes(&s, "F.201");
        set(&mut s, "D", Some(689));
        let r = assert_fires(&s, "F.201");
        assert_eq!(
            r.message.nl,
            "A + B (619 + 71 = 690) is niet gelijk aan D (689)"
        );
    }

    #[test]
    fn f202() {
        let r = assert_fires(&with(consistent_tk(), &[("E", Some(1180))]), "F.202");
        assert_eq!(
            r.message.en,
            "Sum of the list totals E.n (1181) does not equal E (1180)"
        );
        assert_eq!(r.fields, vec![key("E.1"), key("E.2"), key("E")]);
        assert_passes(&consistent_tk(), "F.202");
        assert_skipped(
            &with(consistent_tk(), &[("E.2", None)]),
            "F.202",
            &[c("E.2")],
        );
    }

    #[test]
    fn f202_needs_every_list_of_the_form() {
        let s = consistent_tk();
        let form = tk_form(&[(1, 2), (2, 1), (3, 5)]);
        let view = CountView::from_sheet(&s).with_form(&form);
        assert_eq!(
            status_in(&view, "F.202", None),
            Status::Skipped {
                missing: vec![c("E.3")]
            }
        );
        let s = with(s, &[("E.3", Some(0))]);
        let view = CountView::from_sheet(&s).with_form(&form);
        assert_eq!(status_in(&view, "F.202", None), Status::Passed);
    }

    #[test]
    fn f203() {
        let r = assert_fires(&with(consistent_tk(), &[("G", Some(5))]), "F.203");
        assert_eq!(
            r.message.nl,
            "E + F + G (1181 + 5 + 5 = 1191) is niet gelijk aan H (1190)"
        );
        assert_passes(&consistent_tk(), "F.203");
        assert_skipped(&with(consistent_tk(), &[("G", None)]), "F.203", &[c("G")]);
    }

    #[test]
    fn f204_and_its_suppression_of_f202_and_f203() {
        let s = with(consistent_tk(), &[("E", Some(0))]);
        let r = assert_fires(&s, "F.204");
        assert_eq!(
            r.message.nl,
            "E is 0, maar de lijsttotalen niet (E.1 = 600, E.2 = 581)"
        );
        assert_eq!(status(&s, "F.202"), Status::Suppressed { by: "F.204" });
        assert_eq!(status(&s, "F.203"), Status::Suppressed { by: "F.204" });
        assert!(!fired(&s).contains(&"F.202") && !fired(&s).contains(&"F.203"));
        assert_passes(&consistent_tk(), "F.204");
        assert_skipped(&with(consistent_tk(), &[("E", None)]), "F.204", &[c("E")]);
        // E = 0 and the one list seen is 0: the other might hold votes.
        assert_skipped(
            &with(
                consistent_tk(),
                &[("E", Some(0)), ("E.1", Some(0)), ("E.2", None)],
            ),
            "F.204",
            &[c("E.2")],
        );
        // One list above 0 proves it, whatever the unobserved one holds.
        assert_fires(
            &with(consistent_tk(), &[("E", Some(0)), ("E.1", None)]),
            "F.204",
        );
        assert_passes(
            &with(
                consistent_tk(),
                &[("E", Some(0)), ("E.1", Some(0)), ("E.2", Some(0))],
            ),
            "F.204",
        );
    }

    #[test]
    fn f301() {
        let s = with(consistent_tk(), &[("H", Some(1191))]);
        let r = assert_fires(&s, "F.301");
        assert_eq!(
            r.message.nl,
            "'D en H zijn gelijk' aangevinkt, maar D (1190) is niet gelijk aan H (1191)"
        );
        assert_passes(&consistent_tk(), "F.301");
        assert_skipped(&ticked(consistent_tk(), None), "F.301", &[Input::DhTick]);
        assert_skipped(&with(consistent_tk(), &[("D", None)]), "F.301", &[c("D")]);
        // Another box ticked settles it without D.
        assert_passes(
            &ticked(with(consistent_tk(), &[("D", None)]), Some(DhTick::More)),
            "F.301",
        );
    }

    #[test]
    fn f302() {
        let r = assert_fires(&ticked(consistent_tk(), Some(DhTick::More)), "F.302");
        assert_eq!(
            r.message.en,
            "'H greater than D' ticked, but H (1190) is not greater than D (1190)"
        );
        assert_passes(
            &ticked(
                with(consistent_tk(), &[("H", Some(1191))]),
                Some(DhTick::More),
            ),
            "F.302",
        );
        assert_skipped(
            &ticked(with(consistent_tk(), &[("H", None)]), Some(DhTick::More)),
            "F.302",
            &[c("H")],
        );
        assert_skipped(&ticked(consistent_tk(), None), "F.302", &[Input::DhTick]);
    }

    #[test]
    fn f303() {
        let r = assert_fires(&ticked(consistent_tk(), Some(DhTick::Less)), "F.303");
        assert_eq!(
            r.message.nl,
            "'H kleiner dan D' aangevinkt, maar H (1190) is niet kleiner dan D (1190)"
        );
        assert_passes(
            &ticked(
                with(consistent_tk(), &[("H", Some(1189))]),
                Some(DhTick::Less),
            ),
            "F.303",
        );
        assert_skipped(
            &ticked(with(consistent_tk(), &[("D", None)]), Some(DhTick::Less)),
            "F.303",
            &[c("D")],
        );
        assert_skipped(&ticked(consistent_tk(), None), "F.303", &[Input::DhTick]);
    }

    #[test]
    fn f304() {
        assert_fires(&ticked(consistent_tk(), Some(DhTick::NoneTicked)), "F.304");
        let r = assert_fires(&ticked(consistent_tk(), Some(DhTick::Several)), "F.304");
        assert_eq!(
            r.message.en,
            "More than one box ticked at the comparison of D and H"
        );
        for t in [DhTick::Equal, DhTick::More, DhTick::Less] {
            assert_passes(&ticked(consistent_tk(), Some(t)), "F.304");
        }
        assert_skipped(&ticked(consistent_tk(), None), "F.304", &[Input::DhTick]);
    }

    #[test]
    fn f305() {
        let r = assert_fires(&with(consistent_tk(), &[("I", Some(2))]), "F.305");
        assert_eq!(
            r.message.nl,
            "D en H zijn gelijk (1190), maar I (2) is ingevuld"
        );
        assert_eq!(r.fields, vec![key("I")]);
        let r = assert_fires(
            &with(consistent_tk(), &[("I", Some(2)), ("J", Some(1))]),
            "F.305",
        );
        assert_eq!(
            r.message.en,
            "D equals H (1190), but I (2) and J (1) are filled in"
        );
        // I filled proves it, whatever J is.
        assert_fires(
            &with(consistent_tk(), &[("I", Some(2)), ("J", None)]),
            "F.305",
        );
        assert_passes(&consistent_tk(), "F.305");
        assert_skipped(&with(consistent_tk(), &[("J", None)]), "F.305", &[c("J")]);
        assert_skipped(&with(consistent_tk(), &[("H", None)]), "F.305", &[c("H")]);
    }

    /// H = 1192 over D = 1190 (two ballots more), with F.306's I and F.307's J as given.
    fn more(i: Option<u32>, j: Option<u32>) -> Sheet {
        ticked(
            with(
                consistent_tk(),
                &[("G", Some(6)), ("H", Some(1192)), ("I", i), ("J", j)],
            ),
            Some(DhTick::More),
        )
    }

    /// H = 1187 under D = 1190 (three ballots fewer).
    fn fewer(i: Option<u32>, j: Option<u32>) -> Sheet {
        ticked(
            with(
                consistent_tk(),
                &[("G", Some(1)), ("H", Some(1187)), ("I", i), ("J", j)],
            ),
            Some(DhTick::Less),
        )
    }

    #[test]
    fn f306() {
        let r = assert_fires(&more(Some(1), Some(0)), "F.306");
        assert_eq!(
            r.message.nl,
            "H is groter dan D, maar I (1) is niet H − D (1192 − 1190 = 2)"
        );
        assert_passes(&more(Some(2), Some(0)), "F.306");
        assert_passes(&consistent_tk(), "F.306");
        assert_skipped(&more(None, Some(0)), "F.306", &[c("I")]);
    }

    #[test]
    fn f307() {
        let r = assert_fires(&more(Some(2), Some(2)), "F.307");
        assert_eq!(
            r.message.en,
            "H (1192) is greater than D (1190), but J (2) is filled in"
        );
        assert_passes(&more(Some(2), Some(0)), "F.307");
        assert_skipped(&more(Some(2), None), "F.307", &[c("J")]);
    }

    #[test]
    fn f308() {
        let r = assert_fires(&fewer(Some(0), Some(2)), "F.308");
        assert_eq!(
            r.message.nl,
            "H is kleiner dan D, maar J (2) is niet D − H (1190 − 1187 = 3)"
        );
        assert_passes(&fewer(Some(0), Some(3)), "F.308");
        assert_skipped(&fewer(Some(0), None), "F.308", &[c("J")]);
    }

    #[test]
    fn f309() {
        let r = assert_fires(&fewer(Some(3), Some(3)), "F.309");
        assert_eq!(
            r.message.nl,
            "H (1187) is kleiner dan D (1190), maar I (3) is ingevuld"
        );
        assert_passes(&fewer(Some(0), Some(3)), "F.309");
        assert_skipped(&fewer(None, Some(3)), "F.309", &[c("I")]);
        assert_skipped(
            &with(fewer(Some(0), Some(3)), &[("D", None)]),
            "F.309",
            &[c("D")],
        );
    }

    #[test]
    fn f310() {
        let s = fewer(Some(0), Some(3));
        let r = assert_fires(&explained(s.clone(), Some(Explained::Neither)), "F.310");
        assert_eq!(
            r.message.nl,
            "D (1190) en H (1187) verschillen, maar 'volledig verklaard?' is niet beantwoord"
        );
        assert_fires(&explained(s.clone(), Some(Explained::Both)), "F.310");
        assert_passes(&explained(s.clone(), Some(Explained::Yes)), "F.310");
        assert_passes(&explained(s.clone(), Some(Explained::No)), "F.310");
        assert_skipped(&s, "F.310", &[Input::Explained]);
        // D = H needs no answer.
        assert_passes(&consistent_tk(), "F.310");
    }

    fn list_status(s: &Sheet, code: &str, list: u32) -> Status {
        status_in(&CountView::from_sheet(s), code, Some(list))
    }

    #[test]
    fn f401_and_its_suppression_of_f402_and_f403() {
        let s = with(consistent_tk(), &[("E.1.total", Some(0))]);
        let Status::Failed(r) = list_status(&s, "F.401", 1) else {
            panic!()
        };
        assert_eq!(
            r.message.nl,
            "Totaal van lijst 1 is 0, terwijl E.1 = 600, E.1.1 = 500, E.1.2 = 100"
        );
        assert_eq!(
            list_status(&s, "F.402", 1),
            Status::Suppressed { by: "F.401" }
        );
        assert_eq!(
            list_status(&s, "F.403", 1),
            Status::Suppressed { by: "F.401" }
        );
        assert_eq!(list_status(&s, "F.401", 2), Status::Passed);
        assert_eq!(list_status(&consistent_tk(), "F.401", 1), Status::Passed);
        assert_eq!(
            list_status(&with(consistent_tk(), &[("E.1.total", None)]), "F.401", 1),
            Status::Skipped {
                missing: vec![c("E.1.total")]
            }
        );
        // A candidate above 0 proves it without E.1.
        let s = with(
            consistent_tk(),
            &[("E.1.total", Some(0)), ("E.1", None), ("E.1.2", None)],
        );
        assert!(matches!(list_status(&s, "F.401", 1), Status::Failed(_)));
        // All observed and all 0: passes; E.1 unobserved: skipped.
        let zero = with(
            consistent_tk(),
            &[
                ("E.1.total", Some(0)),
                ("E.1", Some(0)),
                ("E.1.1", Some(0)),
                ("E.1.2", Some(0)),
            ],
        );
        assert_eq!(list_status(&zero, "F.401", 1), Status::Passed);
        assert_eq!(
            list_status(&with(zero, &[("E.1", None)]), "F.401", 1),
            Status::Skipped {
                missing: vec![c("E.1")]
            }
        );
    }

    #[test]
    fn f402() {
        let s = with(consistent_tk(), &[("E.1.1", Some(501))]);
        let Status::Failed(r) = list_status(&s, "F.402", 1) else {
            panic!()
        };
        assert_eq!(
            r.message.en,
            "Candidates of list 1 add up to 601, not to the list total 600"
        );
        assert_eq!(r.fields, vec![key("E.1.total"), key("E.1.1"), key("E.1.2")]);
        assert_eq!(list_status(&consistent_tk(), "F.402", 1), Status::Passed);
        // Candidate 2 was seen, so candidate 1 exists too, even without a form.
        assert_eq!(
            list_status(&with(consistent_tk(), &[("E.1.1", None)]), "F.402", 1),
            Status::Skipped {
                missing: vec![c("E.1.1")]
            }
        );
    }

    #[test]
    fn f402_needs_every_candidate_of_the_form() {
        let s = consistent_tk();
        let form = tk_form(&[(1, 3), (2, 1)]);
        let view = CountView::from_sheet(&s).with_form(&form);
        assert_eq!(
            status_in(&view, "F.402", Some(1)),
            Status::Skipped {
                missing: vec![c("E.1.3")]
            }
        );
        assert_eq!(status_in(&view, "F.402", Some(2)), Status::Passed);
    }

    #[test]
    fn f402_with_no_candidate_known_is_skipped_not_summed_to_zero() {
        let s = sheet(&[("E.1.total", 5)]);
        assert_eq!(
            list_status(&s, "F.402", 1),
            Status::Skipped {
                missing: vec![Input::Candidates(1)]
            }
        );
    }

    #[test]
    fn f403() {
        let s = with(consistent_tk(), &[("E.2", Some(580)), ("E", Some(1180))]);
        let Status::Failed(r) = list_status(&s, "F.403", 2) else {
            panic!()
        };
        assert_eq!(
            r.message.nl,
            "Totaal van lijst 2 op de kandidatenpagina (581) is niet gelijk aan E.2 (580)"
        );
        assert_eq!(list_status(&consistent_tk(), "F.403", 2), Status::Passed);
        assert_eq!(
            list_status(&with(consistent_tk(), &[("E.2", None)]), "F.403", 2),
            Status::Skipped {
                missing: vec![c("E.2")]
            }
        );
    }

    #[test]
    fn w201() {
        // 3% of 1190 is 35.7, so the threshold is 36.
        let r = assert_fires(&sheet(&[("F", 36), ("H", 1190)]), "W.201");
        assert_eq!(r.severity, Severity::Warning);
        assert_eq!(
            r.message.nl,
            "Veel blanco: F (36) is 3% of meer van H (1190)"
        );
        assert_passes(&sheet(&[("F", 35), ("H", 1190)]), "W.201");
        assert_skipped(&sheet(&[("F", 36)]), "W.201", &[c("H")]);
        assert_passes(&sheet(&[("F", 0), ("H", 0)]), "W.201");
    }

    #[test]
    fn w202() {
        // 3% of 100 is exactly 3.
        let r = assert_fires(&sheet(&[("G", 3), ("H", 100)]), "W.202");
        assert_eq!(
            r.message.en,
            "Many invalid votes: G (3) is 3% or more of H (100)"
        );
        assert_passes(&sheet(&[("G", 2), ("H", 100)]), "W.202");
        assert_skipped(&sheet(&[("H", 100)]), "W.202", &[c("G")]);
    }

    #[test]
    fn w203_needs_both_two_percent_and_fifteen() {
        let r = assert_fires(&sheet(&[("D", 1190), ("H", 1160)]), "W.203");
        assert_eq!(
            r.message.nl,
            "Groot verschil tussen D (1190) en H (1160): 30, 2% of meer en 15 of meer"
        );
        // 15 but under 2% of 1175 (23.5, so 24): the documented rule uses "and".
        assert_passes(&sheet(&[("D", 1190), ("H", 1175)]), "W.203");
        // 2% of 100 is 2, but 10 is under 15.
        assert_passes(&sheet(&[("D", 110), ("H", 100)]), "W.203");
        assert_fires(&sheet(&[("D", 85), ("H", 100)]), "W.203");
        assert_skipped(&sheet(&[("D", 1190)]), "W.203", &[c("H")]);
    }

    #[test]
    fn w204() {
        let r = assert_fires(&sheet(&[("H", 0)]), "W.204");
        assert_eq!(r.fields, vec![key("H")]);
        assert_passes(&sheet(&[("H", 1)]), "W.204");
        assert_skipped(&sheet(&[]), "W.204", &[c("H")]);
    }

    #[test]
    fn a_tally_counts_like_a_typed_figure_and_a_typed_figure_wins() {
        let mut s = with(consistent_tk(), &[("A", None)]);
        for _ in 0..1051 {
            s.apply(&Op::Tally {
                field: key("A"),
                delta: 1,
            });
        }
        assert_fires(&s, "F.201");
        s.apply(&Op::Tally {
            field: key("A"),
            delta: 1,
        });
        assert_passes(&s, "F.201");
        set(&mut s, "A", Some(1));
        assert_fires(&s, "F.201");
    }

    #[test]
    fn results_come_in_code_order_and_split_into_errors_and_warnings() {
        let s = with(
            ticked(consistent_tk(), Some(DhTick::Several)),
            &[
                ("D", Some(1191)),
                ("E.1.1", Some(501)),
                ("E.2.1", Some(582)),
                ("H", Some(0)),
            ],
        );
        let results = run(&CountView::from_sheet(&s));
        let codes: Vec<&str> = results.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
        assert!(
            codes.contains(&"F.201") && codes.contains(&"F.304") && codes.contains(&"W.204"),
            "{codes:?}"
        );
        assert_eq!(codes.iter().filter(|&&c| c == "F.402").count(), 2);
        assert!(errors(&results).iter().all(|r| r.code.starts_with('F')));
        assert!(warnings(&results).iter().all(|r| r.code.starts_with('W')));
        assert_eq!(
            errors(&results).len() + warnings(&results).len(),
            results.len()
        );
        let first = results.first().unwrap();
        assert_eq!(first.to_string(), format!("F.201: {}", first.message.nl));
        assert_eq!(first.line(Lang::En), format!("F.201: {}", first.message.en));
    }

    #[test]
    fn every_code_is_in_the_catalogue_in_order() {
        let s = with(consistent_tk(), &[]);
        let codes: std::collections::BTreeSet<&str> = evaluate(&CountView::from_sheet(&s))
            .iter()
            .map(|e| e.code)
            .collect();
        let catalogue: Vec<&str> = CATALOGUE.iter().map(|i| i.code).collect();
        assert_eq!(codes.into_iter().collect::<Vec<_>>(), catalogue);
        for i in CATALOGUE {
            assert_eq!(i.severity, Severity::of(i.code));
        }
    }

    fn published(counts: &[(&str, u32)]) -> PublishedStation {
        PublishedStation {
            election: header().election,
            station: PollingStation::bare(StationId::new("0668", 11)),
            counts: counts.iter().map(|&(k, v)| (key(k), v)).collect(),
            source: SourceFile {
                name: "test".into(),
                sha256: String::new(),
            },
        }
    }

    #[test]
    fn a_published_result_uses_its_one_list_total_for_f401_and_f402() {
        let p = published(&[
            ("E.1", 10),
            ("E.1.1", 7),
            ("E.1.2", 3),
            ("E.2", 0),
            ("E.2.1", 1),
        ]);
        let view = CountView::from_published(&p);
        assert_eq!(view.dh_tick(), None);
        assert_eq!(status_in(&view, "F.402", Some(1)), Status::Passed);
        let Status::Failed(r) = status_in(&view, "F.401", Some(2)) else {
            panic!()
        };
        assert_eq!(r.message.en, "Total of list 2 is 0, while E.2.1 = 1");
        // The file has no separate page total to compare with E.n.
        assert_eq!(
            status_in(&view, "F.403", Some(1)),
            Status::Skipped {
                missing: vec![c("E.1.total")]
            }
        );
        // No ticks in a published file: F.301–F.304 are skipped, never guessed.
        for code in ["F.301", "F.302", "F.303", "F.304"] {
            assert_eq!(
                status_in(&view, code, None),
                Status::Skipped {
                    missing: vec![Input::DhTick]
                }
            );
        }
        let p = published(&[("E.1", 10), ("E.1.1", 7), ("E.1.2", 4)]);
        let Status::Failed(r) = status_in(&CountView::from_published(&p), "F.402", Some(1)) else {
            panic!()
        };
        assert_eq!(r.fields[0], key("E.1"));
    }

    #[test]
    fn a_sheet_without_a_page_total_does_not_borrow_e_n() {
        let s = sheet(&[("E.1", 10), ("E.1.1", 7), ("E.1.2", 4)]);
        assert_eq!(
            list_status(&s, "F.402", 1),
            Status::Skipped {
                missing: vec![c("E.1.total")]
            }
        );
    }

    #[test]
    fn messages_fit_a_side_panel() {
        let s = with(
            explained(
                ticked(consistent_tk(), Some(DhTick::Equal)),
                Some(Explained::Both),
            ),
            &[
                ("A", Some(100_000)),
                ("E.1.total", Some(0)),
                ("H", Some(100_000)),
                ("I", Some(99_999)),
                ("J", Some(99_999)),
            ],
        );
        let results = run(&CountView::from_sheet(&s));
        assert!(results.len() > 4);
        for r in results {
            for m in [&r.message.nl, &r.message.en] {
                assert!(
                    m.chars().count() <= 100,
                    "{} is {} chars: {m}",
                    r.code,
                    m.chars().count()
                );
            }
        }
    }

    #[test]
    fn the_largest_figures_do_not_overflow() {
        let max = u32::MAX;
        let s = ticked(
            sheet(&[
                ("A", max),
                ("B", max),
                ("C", max),
                ("D", max),
                ("E.1", max),
                ("E.2", max),
                ("E", max),
            ]),
            Some(DhTick::Less),
        );
        let s = with(
            s,
            &[
                ("F", Some(max)),
                ("G", Some(max)),
                ("H", Some(0)),
                ("I", Some(max)),
                ("J", Some(max)),
            ],
        );
        let codes: Vec<&str> = run(&CountView::from_sheet(&s))
            .iter()
            .map(|r| r.code)
            .collect();
        for code in [
            "F.201", "F.202", "F.203", "F.309", "W.201", "W.202", "W.203", "W.204",
        ] {
            assert!(codes.contains(&code), "{code} in {codes:?}");
        }
    }

    /// The free choices of a consistent sheet: candidate votes per list, F, G, D − H, B,
    /// C, whether it is a municipal (GR) election, and the "fully explained?" answer.
    #[derive(Debug, Clone)]
    struct Shape {
        lists: Vec<Vec<u32>>,
        f: u32,
        g: u32,
        delta: i64,
        b: u32,
        c: u32,
        gr: bool,
        yes: bool,
    }

    /// A sheet whose figures all agree: candidates add up to E.n and E.n.total,
    /// E = ΣE.n, H = E + F + G, A + B + C = D, I or J is the difference of D and H, the
    /// matching box is ticked and, when D ≠ H, "fully explained?" has one answer.
    fn consistent_sheet(shape: &Shape) -> Sheet {
        let Shape {
            ref lists,
            f,
            g,
            delta,
            b,
            c,
            gr,
            yes,
        } = *shape;
        let mut s = Sheet::new(header());
        if gr {
            s.header.election.category = ElectionCategory::GR;
        }
        let put = |s: &mut Sheet, field: FieldKey, v: u32| {
            s.apply(&Op::SetCount {
                field,
                value: Some(v),
            })
        };
        let mut e = 0;
        for (i, cands) in lists.iter().enumerate() {
            let list = i as u32 + 1;
            let total: u32 = cands.iter().sum();
            for (j, &v) in cands.iter().enumerate() {
                put(
                    &mut s,
                    FieldKey::Candidate {
                        list,
                        candidate: j as u32 + 1,
                    },
                    v,
                );
            }
            put(&mut s, FieldKey::List(list), total);
            put(&mut s, FieldKey::ListPage(list), total);
            e += total;
        }
        let h = e + f + g;
        let d = (i64::from(h) + delta).max(0) as u32;
        let b = b.min(d);
        let c = if gr { 0 } else { c.min(d - b) };
        let a = d - b - c;
        for (field, v) in [
            (PvField::A, a),
            (PvField::B, b),
            (PvField::D, d),
            (PvField::E, e),
            (PvField::F, f),
            (PvField::G, g),
            (PvField::H, h),
            (PvField::I, h.saturating_sub(d)),
            (PvField::J, d.saturating_sub(h)),
        ] {
            put(&mut s, pv(field), v);
        }
        if !gr {
            put(&mut s, pv(PvField::C), c);
        }
        s.apply(&Op::SetDhTick(Some(match h.cmp(&d) {
            std::cmp::Ordering::Equal => DhTick::Equal,
            std::cmp::Ordering::Greater => DhTick::More,
            std::cmp::Ordering::Less => DhTick::Less,
        })));
        if d != h {
            s.apply(&Op::SetExplained(Some(if yes {
                Explained::Yes
            } else {
                Explained::No
            })));
        }
        s
    }

    fn consistent_sheets() -> impl Strategy<Value = Sheet> {
        (
            prop::collection::vec(prop::collection::vec(0u32..300, 1..5), 1..6),
            0u32..60,
            0u32..60,
            -25i64..=25,
            0u32..400,
            0u32..40,
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(lists, f, g, delta, b, c, gr, yes)| {
                consistent_sheet(&Shape {
                    lists,
                    f,
                    g,
                    delta,
                    b,
                    c,
                    gr,
                    yes,
                })
            })
    }

    /// The codes one of which must fire, per group, when `field` is off by one on a
    /// consistent sheet with these D and H.
    fn expected(field: FieldKey, d: u32, h: u32) -> Vec<&'static [&'static str]> {
        let by_relation = |more: &'static [&'static str], less, equal| {
            if h > d {
                more
            } else if h < d {
                less
            } else {
                equal
            }
        };
        match field {
            FieldKey::Pv(PvField::A | PvField::B | PvField::C | PvField::D) => vec![&["F.201"]],
            // E off by one: F.202, or F.204 when E drops to 0 under list totals above 0.
            FieldKey::Pv(PvField::E) => vec![&["F.202", "F.204"]],
            FieldKey::Pv(PvField::F | PvField::G | PvField::H) => vec![&["F.203"]],
            FieldKey::Pv(PvField::I) => vec![by_relation(&["F.306"], &["F.309"], &["F.305"])],
            FieldKey::Pv(PvField::J) => vec![by_relation(&["F.307"], &["F.308"], &["F.305"])],
            // E.n off: the sum of lists (F.202, or F.204 when E is 0), and the page total
            // against it (F.403, or F.401 when the page total is 0).
            FieldKey::List(_) => vec![&["F.202", "F.204"], &["F.403", "F.401"]],
            FieldKey::ListPage(_) => vec![&["F.401", "F.402", "F.403"]],
            FieldKey::Candidate { .. } => vec![&["F.401", "F.402"]],
            FieldKey::Explanation(_) => {
                unreachable!("consistent sheets have no explanation counts")
            }
        }
    }

    proptest! {
        #[test]
        fn consistent_sheets_fire_no_error(s in consistent_sheets()) {
            let results = run(&CountView::from_sheet(&s));
            prop_assert!(errors(&results).is_empty(), "{:?}", results);
        }

        #[test]
        fn one_figure_off_by_one_fires_its_code(
            s in consistent_sheets(),
            pick in any::<prop::sample::Index>(),
            up in any::<bool>(),
        ) {
            let fields = s.observed_fields();
            let field = *pick.get(&fields);
            let old = s.value(field).unwrap();
            let new = if up || old == 0 { old + 1 } else { old - 1 };
            let mut m = s.clone();
            m.apply(&Op::SetCount { field, value: Some(new) });
            let fired = fired(&m);
            let (d, h) = (s.pv(PvField::D).unwrap(), s.pv(PvField::H).unwrap());
            for group in expected(field, d, h) {
                prop_assert!(
                    group.iter().any(|c| fired.contains(c)),
                    "{} {} -> {}: expected one of {:?}, fired {:?}", field, old, new, group, fired
                );
            }
        }

        #[test]
        fn a_wrong_tick_or_answer_fires(s in consistent_sheets(), tick in 0usize..5, answer in 0usize..4) {
            let right = s.dh_tick;
            let tick = DhTick::ALL[tick];
            let m = ticked(s.clone(), Some(tick));
            let fired_now = fired(&m);
            let tick_codes = ["F.301", "F.302", "F.303", "F.304"];
            prop_assert_eq!(
                Some(tick) != right,
                fired_now.iter().any(|c| tick_codes.contains(c)),
                "tick {:?} (right {:?}) fired {:?}", tick, right, fired_now
            );
            let answer = Explained::ALL[answer];
            let m = explained(s.clone(), Some(answer));
            let differ = s.pv(PvField::D) != s.pv(PvField::H);
            let wrong = differ && matches!(answer, Explained::Neither | Explained::Both);
            prop_assert_eq!(wrong, fired(&m).contains(&"F.310"));
        }

        /// W.201 and W.202 against a floating-point reference that is exact here: 3·H is
        /// an integer below 2^53, its division by 100 is correctly rounded, so it lands on
        /// an integer only when the true quotient is one.
        #[test]
        fn w201_and_w202_thresholds_exactly(h in 0u32..2_000_000, part in 0u32..70_000) {
            let quotient = (3.0 * f64::from(h)) / 100.0;
            let reference = !(part == 0 && h == 0) && f64::from(part) >= quotient;
            for (field, code) in [("F", "W.201"), ("G", "W.202")] {
                let s = sheet(&[(field, part), ("H", h)]);
                prop_assert_eq!(matches!(status(&s, code), Status::Failed(_)), reference, "{} of {}", part, h);
                if h > 0 {
                    let t = quotient.ceil() as u32;
                    prop_assert!(matches!(status(&sheet(&[(field, t), ("H", h)]), code), Status::Failed(_)), "{} at {} of {}", code, t, h);
                    prop_assert_eq!(status(&sheet(&[(field, t - 1), ("H", h)]), code), Status::Passed, "{} at {} of {}", code, t - 1, h);
                }
            }
        }

        #[test]
        fn w203_threshold_exactly(h in 0u32..200_000, d in 0u32..200_000) {
            let diff = f64::from(d.abs_diff(h));
            let reference = diff >= 15.0 && diff >= (2.0 * f64::from(h)) / 100.0;
            let s = sheet(&[("D", d), ("H", h)]);
            prop_assert_eq!(matches!(status(&s, "W.203"), Status::Failed(_)), reference);
        }
    }
}
