//! F.401–F.403: the votes per candidate (PV section 2.4) against the list's total on
//! its candidate page and against E.x (PV section 2.2).

use super::{fail, skipped, some_fields, sum, CountView, Input, Status, F401, F402, F403};
use crate::sheet::FieldKey;

/// F.401: candidate votes or E.x above 0 while the list's page total is 0. Fires as soon
/// as one of them is observed above 0.
pub(super) fn f401(view: &CountView, list: u32, candidates: &[u32]) -> Status {
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
        F401,
        fields,
        format!("Totaal van lijst {list} is 0, terwijl {shown}"),
        format!("Total of list {list} is 0, while {shown}"),
    )
}

/// F.402: the list's page total equals the sum of its candidates.
pub(super) fn f402(view: &CountView, list: u32, candidates: &[u32]) -> Status {
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
        F402,
        fields,
        format!(
            "Kandidaten van lijst {list} tellen op tot {total}, niet tot het lijsttotaal {page}"
        ),
        format!("Candidates of list {list} add up to {total}, not to the list total {page}"),
    )
}

/// F.403: the list total on the candidate page equals E.x (needs both written apart).
pub(super) fn f403(view: &CountView, list: u32) -> Status {
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
        F403,
        keys.to_vec(),
        format!("Totaal van lijst {list} op de kandidatenpagina ({page}) is niet gelijk aan E.{list} ({e})"),
        format!("Total of list {list} on its candidate page ({page}) does not equal E.{list} ({e})"),
    )
}
