//! Issue 2's "Done when": flipping any single byte of a sealed sheet makes `verify`
//! fail and say why. Every offset of a real sealed sheet file, made through the
//! journal, is flipped with several bit masks: the low bit (digits and hex to their
//! neighbours), 0x20 (letter case: `a` to `A`, which a lenient hex decoder would read
//! the same), 0x80 (invalid UTF-8) and 0xff (all bits).

use std::path::Path;

use ed25519_dalek::SigningKey;
use meetel::election::{CountingMethod, Election, ElectionCategory, PollingStation, StationId};
use meetel::form::{Form, Item, Question};
use meetel::i18n::Text;
use meetel::sheet::verify::{verify_bytes, verify_file, Verdict};
use meetel::sheet::{
    Answer, Editor, Event, EventKind, FieldKey, ObservedSession, Observer, Op, PvField,
    SheetHeader, SheetKind, TimeOfDay, FORMAT_VERSION,
};

/// The bare municipal form (any list), with the checklist question and the objection
/// category this sheet uses.
fn form() -> Form {
    let mut form = Form::load("gr").unwrap();
    form.category.checklist.push(Question {
        id: "box-shown-empty".into(),
        label: Text::same("box shown empty"),
        moment: None,
        applies: Default::default(),
    });
    form.category.objection_categories.push(Item {
        id: "validity".into(),
        label: Text::same("validity"),
        hint: None,
    });
    form
}

fn sealed_sheet(path: &Path) {
    let key = SigningKey::from_bytes(&[42u8; 32]);
    let header = SheetHeader {
        format: FORMAT_VERSION,
        kind: SheetKind::Observation,
        form_id: "gr2022-westmaasenwaal".into(),
        form_sha256: "ab".repeat(32),
        election: Election {
            id: "GR2022_WestMaasenWaal".into(),
            category: ElectionCategory::GR,
            name: "Gemeenteraad West Maas en Waal 2022".into(),
            date: "2022-03-16".into(),
            contest: None,
        },
        station: PollingStation {
            id: StationId::new("0668", 7),
            municipality_name: "West Maas en Waal".into(),
            name: "Dorpshuis".into(),
            postcode: String::new(),
            counting: CountingMethod::Dso,
        },
        session: ObservedSession::StationCount,
        observer: Observer {
            alias: "w".into(),
            public_key: hex::encode(key.verifying_key().as_bytes()),
        },
        supersedes: None,
    };
    let mut f = Editor::create(path, form(), header).unwrap();
    let ops = [
        Op::SetCount {
            field: FieldKey::Pv(PvField::A),
            value: Some(120),
        },
        Op::SetCount {
            field: FieldKey::Pv(PvField::F),
            value: Some(0),
        },
        Op::Tally {
            field: FieldKey::List(1),
            delta: 1,
        },
        Op::SetCount {
            field: FieldKey::Candidate {
                list: 1,
                candidate: 2,
            },
            value: Some(9),
        },
        Op::SetCheck {
            id: "box-shown-empty".into(),
            answer: Some(Answer::Yes),
            note: "ok".into(),
        },
        Op::SetMoment {
            id: "close".into(),
            time: TimeOfDay::new(21, 0),
        },
        Op::PutEvent(Event {
            id: 1,
            kind: EventKind::Objection,
            category: "validity".into(),
            time: TimeOfDay::new(22, 5),
            text: "twee kruisjes".into(),
            response: "ongeldig".into(),
        }),
        Op::SetNotes("é\\\"".into()),
    ];
    for op in ops {
        f.commit(op).unwrap();
    }
    f.seal(&key).unwrap();
}

#[test]
fn every_single_byte_flip_fails_verification_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("sealed.jsonl");
    sealed_sheet(&original);
    let report = verify_file(&original);
    assert!(report.is_ok(), "the unflipped sheet must verify:\n{report}");
    let bytes = std::fs::read(&original).unwrap();
    assert!(
        bytes.len() > 1000,
        "a sheet of {} bytes is too small to mean much",
        bytes.len()
    );

    let flipped = dir.path().join("flipped.jsonl");
    let mut failures = Vec::new();
    let mut checked = 0;
    // Two masks through real files and `verify_file`, as `meetel verify` reads them; two
    // more on the bytes in memory (`verify_bytes`, the same checks without the file
    // system's cost per write).
    for (mask, through_file) in [(0x01u8, true), (0x20, true), (0x80, false), (0xff, false)] {
        for offset in 0..bytes.len() {
            let mut b = bytes.clone();
            b[offset] ^= mask;
            let report = if through_file {
                std::fs::write(&flipped, &b).unwrap();
                verify_file(&flipped)
            } else {
                verify_bytes(&flipped, &b)
            };
            checked += 1;
            let has_reason = report.problems.iter().any(|p| !p.en.trim().is_empty());
            if report.verdict == Verdict::Ok || !has_reason {
                failures.push(format!(
                    "offset {offset} ^ {mask:#04x} ({:?} -> {:?}):\n{report}",
                    bytes[offset] as char, b[offset] as char
                ));
            }
        }
    }
    assert_eq!(checked, 4 * bytes.len());
    assert!(
        failures.is_empty(),
        "{} of {checked} flips were not caught with a reason; first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_reasons_name_what_was_hit() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("sealed.jsonl");
    sealed_sheet(&original);
    let text = std::fs::read_to_string(&original).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let flipped = dir.path().join("flipped.jsonl");
    let reasons = |offset: usize, mask: u8| {
        let mut b = text.as_bytes().to_vec();
        b[offset] ^= mask;
        std::fs::write(&flipped, &b).unwrap();
        let report = verify_file(&flipped);
        assert!(!report.is_ok());
        let problems: Vec<&str> = report.problems.iter().map(|p| &*p.en).collect();
        problems.join("\n")
    };
    let line_start = |k: usize| lines[..k].iter().map(|l| l.len() + 1).sum::<usize>();

    // The value 120 in entry 1 becomes 130: the chain names entry 1 and what it sets now.
    let at = line_start(1) + lines[1].find("120").unwrap() + 1;
    let r = reasons(at, 0x01);
    assert!(r.contains("entry 1") && r.contains("sets A = 130"), "{r}");

    // One digit of the seal's fingerprint.
    let seal = lines.len() - 1;
    let fp = line_start(seal) + lines[seal].find("\"fingerprint\":\"").unwrap() + 15;
    let r = reasons(fp, 0x01);
    assert!(r.contains("fingerprint"), "{r}");

    // One hex digit of the signature, upper-cased or changed.
    let sig = line_start(seal) + lines[seal].find("\"signature\":\"").unwrap() + 13;
    let r = reasons(sig, 0x01);
    assert!(
        r.contains("signature") || r.contains("not written the way meetel writes it"),
        "{r}"
    );

    // The seal time: the seal covers it.
    let time = line_start(seal) + lines[seal].find("\"at\":\"").unwrap() + 6;
    let r = reasons(time, 0x01);
    assert!(r.contains("fingerprint does not match"), "{r}");

    // The last line end: the seal line is then incomplete, the file counts as cut.
    let r = reasons(text.len() - 1, 0x20);
    assert!(r.contains("cut") && r.contains("not sealed"), "{r}");
}
