//! F.301–F.310: the difference between D (admitted voters) and H (votes cast), and
//! what PV section 2.3 says of it: which box is ticked, I or J, "fully explained?".

use super::{
    both, fail, pv, skipped, CountView, Input, Status, F301, F302, F303, F304, F305, F306, F307,
    F308, F309, F310,
};
use crate::sheet::{DhTick, Explained, PvField};

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

pub(super) fn f301(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match tick_check(view, DhTick::Equal, d, h) {
        Err(s) => s,
        Ok((d, h)) if d == h => Status::Passed,
        Ok((d, h)) => fail(
            F301,
            vec![pv(PvField::D), pv(PvField::H)],
            format!("'D en H zijn gelijk' aangevinkt, maar D ({d}) is niet gelijk aan H ({h})"),
            format!("'D equals H' ticked, but D ({d}) does not equal H ({h})"),
        ),
    }
}

pub(super) fn f302(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match tick_check(view, DhTick::More, d, h) {
        Err(s) => s,
        Ok((d, h)) if h > d => Status::Passed,
        Ok((d, h)) => fail(
            F302,
            vec![pv(PvField::D), pv(PvField::H)],
            format!("'H groter dan D' aangevinkt, maar H ({h}) is niet groter dan D ({d})"),
            format!("'H greater than D' ticked, but H ({h}) is not greater than D ({d})"),
        ),
    }
}

pub(super) fn f303(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match tick_check(view, DhTick::Less, d, h) {
        Err(s) => s,
        Ok((d, h)) if h < d => Status::Passed,
        Ok((d, h)) => fail(
            F303,
            vec![pv(PvField::D), pv(PvField::H)],
            format!("'H kleiner dan D' aangevinkt, maar H ({h}) is niet kleiner dan D ({d})"),
            format!("'H less than D' ticked, but H ({h}) is not less than D ({d})"),
        ),
    }
}

/// F.304: not exactly one of the three boxes ticked.
pub(super) fn f304(view: &CountView) -> Status {
    match view.dh_tick() {
        None => skipped(vec![Input::DhTick]),
        Some(DhTick::Equal | DhTick::More | DhTick::Less) => Status::Passed,
        Some(DhTick::NoneTicked) => fail(
            F304,
            Vec::new(),
            "Bij de vergelijking van D en H is geen vakje aangevinkt".to_string(),
            "No box ticked at the comparison of D and H".to_string(),
        ),
        Some(DhTick::Several) => fail(
            F304,
            Vec::new(),
            "Bij de vergelijking van D en H is meer dan één vakje aangevinkt".to_string(),
            "More than one box ticked at the comparison of D and H".to_string(),
        ),
    }
}

/// F.305: D = H but I or J filled in (non-zero). Fires as soon as one of them is
/// observed non-zero; passes only when both are observed as 0.
pub(super) fn f305(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
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
        F305,
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
pub(super) fn f306(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match difference_check(view, d, h, h_more, PvField::I) {
        Err(s) => s,
        Ok((d, h, i)) if i == h - d => Status::Passed,
        Ok((d, h, i)) => fail(
            F306,
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
pub(super) fn f307(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match difference_check(view, d, h, h_more, PvField::J) {
        Err(s) => s,
        Ok((_, _, 0)) => Status::Passed,
        Ok((d, h, j)) => fail(
            F307,
            vec![pv(PvField::I), pv(PvField::J)],
            format!("H ({h}) is groter dan D ({d}), maar J ({j}) is ingevuld"),
            format!("H ({h}) is greater than D ({d}), but J ({j}) is filled in"),
        ),
    }
}

/// F.308: H < D and J ≠ D − H.
pub(super) fn f308(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match difference_check(view, d, h, h_less, PvField::J) {
        Err(s) => s,
        Ok((d, h, j)) if j == d - h => Status::Passed,
        Ok((d, h, j)) => fail(
            F308,
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
pub(super) fn f309(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
    match difference_check(view, d, h, h_less, PvField::I) {
        Err(s) => s,
        Ok((_, _, 0)) => Status::Passed,
        Ok((d, h, i)) => fail(
            F309,
            vec![pv(PvField::I), pv(PvField::J)],
            format!("H ({h}) is kleiner dan D ({d}), maar I ({i}) is ingevuld"),
            format!("H ({h}) is less than D ({d}), but I ({i}) is filled in"),
        ),
    }
}

/// F.310: D ≠ H and "fully explained?" has neither or both answers.
pub(super) fn f310(view: &CountView, d: Option<u32>, h: Option<u32>) -> Status {
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
            F310,
            fields,
            format!(
                "D ({d}) en H ({h}) verschillen, maar 'volledig verklaard?' is niet beantwoord"
            ),
            format!("D ({d}) and H ({h}) differ, but 'fully explained?' is not answered"),
        ),
        Some(Explained::Both) => fail(
            F310,
            fields,
            format!("D ({d}) en H ({h}) verschillen, maar 'volledig verklaard?' heeft ja én nee"),
            format!("D ({d}) and H ({h}) differ, but 'fully explained?' has both yes and no"),
        ),
    }
}
