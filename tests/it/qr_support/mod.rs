//! Sheets for the QR tests, sealed for real with a fixed test key.
#![allow(dead_code)]

pub mod paint;

use std::collections::BTreeMap;

use ed25519_dalek::SigningKey;
use meetel::sheet::seal::{self, SealedSheet};
use meetel::sheet::{
    Answer, ChecklistAnswer, DhTick, Event, EventKind, Explained, FieldKey, Observer, PvField,
    Sheet, SheetHeader, TimeOfDay,
};
use meetel::testkit;

pub fn key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

pub fn header() -> SheetHeader {
    SheetHeader {
        form_id: "tk2025-nijmegen".into(),
        form_sha256: "3f0c9a1e5b7d2c4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6".into(),
        observer: Observer {
            alias: "waarnemer-12".into(),
            public_key: hex::encode(key().verifying_key().as_bytes()),
        },
        ..testkit::header(testkit::tk2025(), testkit::sb1())
    }
}

pub fn seal_sheet(sheet: &Sheet) -> SealedSheet {
    seal::seal(
        sheet,
        "9b1d5e0f3a7c2b4d6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f",
        "2025-10-29T23:41:07+01:00",
        &key(),
    )
    .expect("the test key is the header's key")
}

/// Votes per list at a station of about 1150 voters (27 lists, as TK2025 kieskring
/// Nijmegen).
pub const LIST_VOTES: [u32; 27] = [
    212, 171, 96, 88, 77, 64, 58, 41, 39, 33, 28, 22, 19, 17, 14, 12, 9, 8, 7, 5, 4, 3, 3, 2, 1, 1,
    0,
];

/// Incident notes of exactly 100 characters, as an observer types them.
pub const NOTES: [&str; 3] = [
    "Stembus geopend voordat de stempassen waren geteld en verzegeld; voorzitter zei dat het zo altijd ga",
    "Twee stembiljetten met een kruis bij twee kandidaten van dezelfde lijst als geldig aangemerkt, na ov",
    "Tellers noemden de lijsttotalen niet hardop; pas na mijn vraag werd de uitslag van lijst 3 herhaald.",
];

/// The typical TK2025 list-level sheet of issue 4: A–J, 27 list totals, 15 checklist
/// answers, 12 moments, 3 incidents with 100-character notes.
pub fn typical_sheet() -> Sheet {
    let mut s = Sheet::new(header());
    let e: u32 = LIST_VOTES.iter().sum();
    let (a, b, c) = (1043u32, 61u32, 12u32);
    let d = a + b + c;
    let (f, g) = (4u32, 3u32);
    let h = e + f + g;
    for (field, v) in [
        (PvField::A, a),
        (PvField::B, b),
        (PvField::C, c),
        (PvField::D, d),
        (PvField::E, e),
        (PvField::F, f),
        (PvField::G, g),
        (PvField::H, h),
        (PvField::I, h.saturating_sub(d)),
        (PvField::J, d.saturating_sub(h)),
    ] {
        s.counts.insert(FieldKey::Pv(field), v);
    }
    for (i, v) in LIST_VOTES.iter().enumerate() {
        s.counts.insert(FieldKey::List(i as u32 + 1), *v);
    }
    s.dh_tick = Some(if h > d {
        DhTick::More
    } else if h < d {
        DhTick::Less
    } else {
        DhTick::Equal
    });
    s.explained = Some(Explained::No);
    let questions = [
        "empty-box",
        "closed-on-time",
        "passes-first",
        "abcd-announced",
        "sealed-before-opening",
        "box-intact",
        "box-emptied",
        "ballots-visible",
        "doubtful-consistent",
        "invalid-reason",
        "counted-twice",
        "only-members-touched",
        "dh-explained",
        "pv-pen",
        "results-read-before-signing",
    ];
    for (i, q) in questions.iter().enumerate() {
        let answer = match i % 5 {
            2 => Answer::No,
            4 => Answer::Unknown,
            _ => Answer::Yes,
        };
        s.checklist.insert(
            q.to_string(),
            ChecklistAnswer {
                answer: Some(answer),
                note: String::new(),
            },
        );
    }
    let moments = [
        ("open", 7, 30),
        ("close", 21, 0),
        ("admitted-count", 21, 6),
        ("admitted-announced", 21, 31),
        ("materials-sealed", 21, 38),
        ("box-opened", 21, 35),
        ("list-totals", 22, 52),
        ("quick-count", 22, 58),
        ("candidate-count-done", 23, 49),
        ("results-read", 23, 55),
        ("pv-signed", 0, 12),
        ("materials-transferred", 0, 31),
    ];
    for (id, h, m) in moments {
        s.moments
            .insert(id.to_string(), TimeOfDay::new(h, m).unwrap());
    }
    let events = [
        (EventKind::Incident, "wrong-order", (21, 35), NOTES[0]),
        (EventKind::Objection, "ballot-validity", (22, 14), NOTES[1]),
        (EventKind::Incident, "not-read-out", (22, 50), NOTES[2]),
    ];
    for (i, (kind, cat, (h, m), text)) in events.into_iter().enumerate() {
        s.events.push(Event {
            id: i as u32 + 1,
            kind,
            category: cat.into(),
            time: TimeOfDay::new(h, m),
            text: text.into(),
            response: String::new(),
        });
    }
    s
}

/// The typical sheet with the votes of every candidate (PV section 2.4): the large case
/// that needs several codes.
pub fn all_candidates_sheet() -> Sheet {
    let mut s = typical_sheet();
    let mut votes: BTreeMap<FieldKey, u32> = BTreeMap::new();
    for (i, total) in LIST_VOTES.iter().enumerate() {
        let list = i as u32 + 1;
        let candidates = 50 - (i as u32 % 4) * 10;
        // Lijsttrekker first, then a long tail, summing to the list total.
        let mut left = *total;
        for c in 1..=candidates {
            let v = if c == candidates {
                left
            } else {
                (left * 2 / 5).min(left)
            };
            left -= v;
            votes.insert(FieldKey::Candidate { list, candidate: c }, v);
        }
        votes.insert(FieldKey::ListPage(list), *total);
    }
    s.counts.extend(votes);
    s
}
