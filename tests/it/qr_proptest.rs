//! Property: any sheet, sealed or not, with any texts, ids, counts and times, comes back
//! from its MT1 code exactly, whole and split into parts; the binary form is canonical
//! (decoding then encoding gives the same bytes).

use crate::qr_support;

use meetel::qr::{self, payload};
use meetel::sheet::seal::{SealRecord, SealedSheet};
use meetel::sheet::{
    Answer, ChecklistAnswer, DhTick, Event, EventKind, Explained, Explanation, FieldKey, PvField,
    Sheet, TimeOfDay,
};
use proptest::prelude::*;

fn field_key() -> impl Strategy<Value = FieldKey> {
    prop_oneof![
        (0usize..10).prop_map(|i| FieldKey::Pv(PvField::ALL[i])),
        (0u32..60).prop_map(FieldKey::List),
        (0u32..60).prop_map(FieldKey::ListPage),
        (0u32..40, 0u32..80).prop_map(|(list, candidate)| FieldKey::Candidate { list, candidate }),
        (0usize..8).prop_map(|i| FieldKey::Explanation(Explanation::ALL[i])),
        Just(FieldKey::Candidate {
            list: u32::MAX,
            candidate: u32::MAX
        }),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("open".to_string()),
        Just("pv-content".to_string()),
        "[a-z-]{1,12}",
        "\\PC{0,40}",
        "[0-9a-f]{64}",
        "[0-9A-F]{8}",
    ]
}

fn time() -> impl Strategy<Value = TimeOfDay> {
    any::<u16>().prop_map(|minutes| TimeOfDay { minutes })
}

fn sealed_at() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2025-10-29T23:41:07+01:00".to_string()),
        Just("2025-10-29T22:41:07.5Z".to_string()),
        (0i64..4_000_000_000, -900i32..900).prop_map(|(s, off)| {
            let off = chrono::FixedOffset::east_opt(off * 60).unwrap();
            chrono::DateTime::from_timestamp(s, 0)
                .unwrap()
                .with_timezone(&off)
                .to_rfc3339()
        }),
        text(),
    ]
}

prop_compose! {
    fn sheet()(
        counts in prop::collection::btree_map(field_key(), any::<u32>(), 0..80),
        tallies in prop::collection::btree_map(field_key(), 0u32..500, 0..10),
        dh in prop::option::of(0usize..5),
        ex in prop::option::of(0usize..4),
        checklist in prop::collection::btree_map(text(), (prop::option::of(0usize..3), text()), 0..20),
        moments in prop::collection::btree_map(text(), time(), 0..14),
        events in prop::collection::vec((any::<u32>(), any::<bool>(), text(), prop::option::of(time()), text(), text()), 0..5),
        notes in text(),
        names in (text(), text(), text(), text(), text(), any::<u32>()),
        date in prop_oneof![Just("2025-10-29".to_string()), text()],
        supersedes in prop::option::of(text()),
    ) -> Sheet {
        let mut h = qr_support::header();
        h.form_id = names.0.clone();
        h.election.name = format!("Tweede Kamer der Staten-Generaal {}", names.1);
        if names.5 % 3 == 0 { h.election.name = names.1.clone(); }
        h.election.date = date;
        h.election.contest = (names.5 % 2 == 0).then(|| meetel::election::Contest { id: names.2.clone(), name: names.3.clone() });
        h.station.name = names.4;
        h.station.id.number = names.5;
        h.supersedes = supersedes;
        let mut s = Sheet::new(h);
        s.counts = counts;
        s.tallies = tallies;
        s.dh_tick = dh.map(|i| DhTick::ALL[i]);
        s.explained = ex.map(|i| Explained::ALL[i]);
        s.checklist = checklist.into_iter().map(|(id, (a, note))| {
            let answer = a.map(|i| [Answer::Yes, Answer::No, Answer::Unknown][i]);
            (id, ChecklistAnswer { answer, note })
        }).collect();
        s.moments = moments;
        s.events = events.into_iter().map(|(id, obj, category, time, text, response)| Event {
            id, kind: if obj { EventKind::Objection } else { EventKind::Incident }, category, time, text, response,
        }).collect();
        s.notes = notes;
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_sheet_round_trips_exactly(
        sheet in sheet(),
        head in text(),
        at in sealed_at(),
        fp in prop_oneof![text(), Just(String::new())],
        sig in prop_oneof![text(), "[0-9a-f]{128}"],
        real_seal in any::<bool>(),
    ) {
        let sealed = if real_seal {
            let mut s = sheet.clone();
            s.header.observer.public_key = hex::encode(qr_support::key().verifying_key().as_bytes());
            meetel::sheet::seal::seal(&s, &head, &at, &qr_support::key()).unwrap()
        } else {
            SealedSheet { sheet, journal_head: head, sealed_at: at, seal: SealRecord { fingerprint: fp, signature: sig } }
        };
        let binary = payload::encode(&sealed);
        let back = payload::decode(&binary).unwrap();
        prop_assert_eq!(&back, &sealed);
        prop_assert_eq!(payload::encode(&back), binary);
        let text = payload::to_text(&sealed);
        prop_assert_eq!(&payload::from_text(&text).unwrap(), &sealed);
        if real_seal {
            prop_assert!(qr::decode_verified(&text).is_ok());
        }
        let parts = qr::parts::split_text(&text, "0123ABCD", 5).unwrap();
        let mut collector = qr::Collector::new();
        for p in parts.iter().rev() {
            collector.add(p).unwrap();
        }
        if parts.len() > 1 && real_seal {
            // Parts carry the group of the real fingerprint only via sheet_codes.
            let codes = qr::sheet_codes(&sealed, 5).unwrap();
            let mut c = qr::Collector::new();
            for p in codes.iter().rev() { c.add(p).unwrap(); }
            let out = c.finish();
            prop_assert_eq!(out.len(), 1);
            prop_assert_eq!(out[0].as_ref().unwrap(), &sealed);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_reader(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = payload::decode(&bytes);
        let _ = payload::inflate(&bytes);
    }
}
