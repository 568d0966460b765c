//! F.201–F.204 and W.201–W.204: the totals of PV sections 2.1 and 2.2. Admitted
//! voters A + B + C = D, the list totals add up to E, E + F + G = H, and the warnings on
//! blank and invalid votes, on a large difference between D and H, and on H = 0.

use super::{
    at_least_percent, both, fail, pv, skipped, some_fields, sum, sum_expr, Code, CountView, Input,
    Status, F201, F202, F203, F204, W203, W204,
};
use crate::sheet::{FieldKey, PvField};

/// F.201: A + B + C = D (C only where the election has voter cards).
pub(super) fn f201(view: &CountView) -> Status {
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
        F201,
        keys,
        format!("{letters} ({expr}) is niet gelijk aan D ({})", d[0]),
        format!("{letters} ({expr}) does not equal D ({})", d[0]),
    )
}

/// F.202: the list totals E.n add up to E.
pub(super) fn f202(view: &CountView, lists: &[u32]) -> Status {
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
        F202,
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
pub(super) fn f203(view: &CountView) -> Status {
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
        F203,
        keys.to_vec(),
        format!("E + F + G ({expr}) is niet gelijk aan H ({h})"),
        format!("E + F + G ({expr}) does not equal H ({h})"),
    )
}

/// F.204: list totals above 0 while E is 0. Fires as soon as one observed E.n is above
/// 0 with E observed as 0.
pub(super) fn f204(view: &CountView, lists: &[u32]) -> Status {
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
        F204,
        fields,
        format!("E is 0, maar de lijsttotalen niet ({shown})"),
        format!("E is 0, but the list totals are not ({shown})"),
    )
}

/// W.201 (F, blank) and W.202 (G, invalid): at least 3% of H, threshold rounded up.
/// As Abacus does, H = 0 with none of them is left to W.204.
pub(super) fn share_warning(view: &CountView, code: Code, field: PvField) -> Status {
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
pub(super) fn w203(d: Option<u32>, h: Option<u32>) -> Status {
    let (d, h) = match both(d, h) {
        Ok(dh) => dh,
        Err(missing) => return skipped(missing),
    };
    let diff = d.abs_diff(h);
    if !(diff >= 15 && at_least_percent(diff, h, 2)) {
        return Status::Passed;
    }
    fail(
        W203,
        vec![pv(PvField::D), pv(PvField::H)],
        format!("Groot verschil tussen D ({d}) en H ({h}): {diff}, 2% of meer en 15 of meer"),
        format!("Large difference between D ({d}) and H ({h}): {diff}, 2% or more and 15 or more"),
    )
}

/// W.204: H = 0.
pub(super) fn w204(h: Option<u32>) -> Status {
    match h {
        None => skipped(vec![Input::Count(pv(PvField::H))]),
        Some(0) => fail(
            W204,
            vec![pv(PvField::H)],
            "H is 0: er zijn geen stemmen uitgebracht".to_string(),
            "H is 0: no votes were cast".to_string(),
        ),
        Some(_) => Status::Passed,
    }
}
