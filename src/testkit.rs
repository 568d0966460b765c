//! Sample elections, sheet headers and published figures shared by the tests, benches
//! and examples, so that each is written once. Not part of meetel's interface (hidden
//! from the docs); nothing in the program uses it.
//!
//! Callers change what they need with struct update syntax, e.g.
//! `SheetHeader { form_id: "bench".into(), ..testkit::header(testkit::tk2025(), testkit::sb1()) }`.

use crate::election::{
    Contest, CountingMethod, Election, ElectionCategory, PollingStation, StationId,
};
use crate::form::Form;
use crate::sheet::{ObservedSession, Observer, SheetHeader, SheetKind, FORMAT_VERSION};

/// TK2025, kieskring (contest) 6 Nijmegen, as in the Kiesraad's files.
pub fn tk2025() -> Election {
    Election {
        id: "TK2025".into(),
        category: ElectionCategory::TK,
        name: "Tweede Kamer der Staten-Generaal 2025".into(),
        date: "2025-10-29".into(),
        contest: Some(Contest {
            id: "6".into(),
            name: "Nijmegen".into(),
        }),
    }
}

/// GR2022 West Maas en Waal (a municipal election: no contest, no field C).
pub fn gr2022() -> Election {
    Election {
        id: "GR2022_WestMaasenWaal".into(),
        category: ElectionCategory::GR,
        name: "Gemeenteraad West Maas en Waal 2022".into(),
        date: "2022-03-16".into(),
        contest: None,
    }
}

/// Station 0668::SB1, Gemeentehuis in West Maas en Waal, counting per candidate.
pub fn sb1() -> PollingStation {
    PollingStation {
        id: StationId::new("0668", 1),
        municipality_name: "West Maas en Waal".into(),
        name: "Stembureau Gemeentehuis".into(),
        postcode: "6658 AG".into(),
        counting: CountingMethod::Dso,
    }
}

/// A header for `election` at `station`: an observation of the station's count, form
/// `test`, observer `test`, both hashes and the key all zeros.
pub fn header(election: Election, station: PollingStation) -> SheetHeader {
    SheetHeader {
        format: FORMAT_VERSION,
        kind: SheetKind::Observation,
        form_id: "test".into(),
        form_sha256: "00".repeat(32),
        election,
        station,
        session: ObservedSession::StationCount,
        observer: Observer {
            alias: "test".into(),
            public_key: "00".repeat(32),
        },
        supersedes: None,
    }
}

/// A header named `name` (form id and observer alias): TK2025 without its contest, at
/// the bare station 0668::SB1. For journals whose content does not matter.
pub fn named_header(name: &str) -> SheetHeader {
    let mut h = header(
        Election {
            contest: None,
            ..tk2025()
        },
        PollingStation::bare(StationId::new("0668", 1)),
    );
    h.form_id = name.into();
    h.observer.alias = name.into();
    h
}

/// A header made with `form` (its id, hash and election) at `station`: the form's own
/// record of it when the form knows it (as `meetel new` does), else the bare id.
pub fn form_header(form: &Form, station: StationId, alias: &str) -> SheetHeader {
    let known = form.station(&station).cloned();
    let mut h = header(
        form.election.election.clone(),
        known.unwrap_or_else(|| PollingStation::bare(station)),
    );
    h.form_id = form.id().to_string();
    h.form_sha256 = form.sha256();
    h.observer.alias = alias.into();
    h
}

/// The published figures of TK2025 West Maas en Waal 0668::SB1 (Stembureau
/// Gemeentehuis), read by hand from `Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml`,
/// as `meetel set` pairs, with the D = H box ticked.
pub const TK2025_SB1_PAIRS: &[&str] = &[
    "A=2086", "B=239", "C=7", "D=2332", "E=2318", "F=14", "G=0", "H=2332", "I=0", "J=0",
    "dh=equal", "E.1=568", "E.2=136", "E.3=481", "E.4=6", "E.5=301", "E.6=61", "E.7=339", "E.8=27",
    "E.9=18", "E.10=19", "E.11=104", "E.12=6", "E.13=6", "E.14=10", "E.15=189", "E.16=0", "E.17=1",
    "E.18=5", "E.19=3", "E.20=36", "E.21=1", "E.22=0", "E.23=1", "E.26=0",
];

/// The published figures of GR2022 West Maas en Waal 0668::SB7 (Kulturhus d'n Dulper),
/// read by hand from `Telling_GR2022_WestMaasenWaal.eml.xml`: one ballot more counted
/// than voters admitted (H > D, I = 1). No C: a municipal election has no voter cards.
/// The file does not say which box of PV 2.3 was ticked nor whether the difference was
/// explained; a consistent PV ticks "H > D" and answers once.
pub const GR2022_SB7_PAIRS: &[&str] = &[
    "A=760",
    "B=108",
    "D=868",
    "E=865",
    "F=3",
    "G=1",
    "H=869",
    "I=1",
    "J=0",
    "dh=more",
    "explained=no",
    "E.1=32",
    "E.2=85",
    "E.3=7",
    "E.4=9",
    "E.5=2",
    "E.6=61",
    "E.7=133",
    "E.8=536",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_pairs_add_up() {
        let get = |pairs: &[&str], k: &str| -> Option<u32> {
            pairs.iter().find_map(|p| {
                let (key, v) = p.split_once('=')?;
                (key == k).then(|| v.parse().ok()).flatten()
            })
        };
        for pairs in [TK2025_SB1_PAIRS, GR2022_SB7_PAIRS] {
            let lists: u32 = pairs
                .iter()
                .filter_map(|p| p.split_once('='))
                .filter(|(k, _)| k.starts_with("E.") && k.matches('.').count() == 1)
                .map(|(_, v)| v.parse::<u32>().unwrap())
                .sum();
            let v = |k| get(pairs, k).unwrap_or(0);
            assert_eq!(Some(lists), get(pairs, "E"));
            assert_eq!(v("A") + v("B") + v("C"), v("D"));
            assert_eq!(v("E") + v("F") + v("G"), v("H"));
            assert_eq!(v("H") + v("J"), v("D") + v("I"));
        }
        assert_eq!(named_header("x").observer.alias, "x");
        assert_eq!(header(gr2022(), sb1()).station.id.to_string(), "0668::SB1");
    }
}
