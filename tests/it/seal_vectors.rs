//! The test vectors of docs/seal.md: the code must reproduce them byte for byte, and the
//! document must contain them verbatim, so that neither can drift from the other.
//!
//! The vectors live in tests/fixtures/seal/. To regenerate them after a deliberate
//! format change (which also changes every fingerprint ever shared, so: a new format
//! version), run `MEETEL_WRITE_SEAL_VECTORS=1 cargo test --test seal_vectors` and paste
//! the new values into docs/seal.md.

use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, SigningKey, Verifier};
use meetel::fingerprint::Fingerprint;
use meetel::form::{Form, Question};
use meetel::i18n::Text;
use meetel::sheet::journal::Journal;
use meetel::sheet::seal::{self, SealedSheet};
use meetel::sheet::verify::verify_file;
use meetel::sheet::{
    Answer, DhTick, Editor, Event, EventKind, FieldKey, Observer, Op, PvField, SheetHeader,
    TimeOfDay,
};
use meetel::testkit;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seal")
}

/// The seed of the vectors: the 32 bytes 0x01, 0x02, …, 0x20.
fn seed() -> [u8; 32] {
    std::array::from_fn(|i| i as u8 + 1)
}

fn at(hm: &str) -> String {
    format!("2025-10-29T{hm}:00+01:00")
}

/// The TK2025 Nijmegen form, with the one checklist question of the vectors that the
/// built-in form names otherwise (the vectors are fixed: they are in docs/seal.md).
fn form() -> Form {
    let mut form = Form::load("tk2025-nijmegen").unwrap();
    form.category.checklist.push(Question {
        id: "box-shown-empty".into(),
        label: Text::same("box shown empty"),
        moment: None,
        applies: Default::default(),
    });
    form
}

/// Builds the vector sheet through the journal, with fixed times, and seals it.
fn build(path: &Path) -> SealedSheet {
    let key = SigningKey::from_bytes(&seed());
    let header = SheetHeader {
        form_id: "tk2025-nijmegen".into(),
        form_sha256: Fingerprint::of(b"meetel seal test vector: stands for the form's SHA-256")
            .to_hex(),
        observer: Observer {
            alias: "waarnemer-7".into(),
            public_key: hex::encode(key.verifying_key().as_bytes()),
        },
        ..testkit::header(testkit::tk2025(), testkit::sb1())
    };
    let mut f = Editor::create_at(path, form(), header, at("20:58")).unwrap();
    let count = |field, v| Op::SetCount {
        field,
        value: Some(v),
    };
    let ops = [
        (
            "21:02",
            Op::SetMoment {
                id: "box-opened".into(),
                time: TimeOfDay::new(21, 2),
            },
        ),
        (
            "21:03",
            Op::SetCheck {
                id: "box-shown-empty".into(),
                answer: Some(Answer::Yes),
                note: String::new(),
            },
        ),
        ("21:20", count(FieldKey::Pv(PvField::A), 118)),
        ("21:20", count(FieldKey::Pv(PvField::B), 5)),
        ("21:21", count(FieldKey::Pv(PvField::C), 0)),
        ("21:21", count(FieldKey::Pv(PvField::D), 123)),
        (
            "22:15",
            Op::PutEvent(Event {
                id: 1,
                kind: EventKind::Incident,
                category: "count-not-visible".into(),
                time: TimeOfDay::new(22, 15),
                text:
                    "Tellers stonden 10 min tussen tafel en publiek; \"even wachten\" = geen zicht"
                        .into(),
                response: String::new(),
            }),
        ),
        ("22:40", count(FieldKey::List(1), 70)),
        ("22:41", count(FieldKey::List(2), 50)),
        (
            "22:41",
            count(
                FieldKey::Candidate {
                    list: 1,
                    candidate: 1,
                },
                61,
            ),
        ),
        (
            "22:42",
            count(
                FieldKey::Candidate {
                    list: 1,
                    candidate: 2,
                },
                9,
            ),
        ),
        ("22:50", count(FieldKey::Pv(PvField::E), 120)),
        ("22:50", count(FieldKey::Pv(PvField::F), 2)),
        ("22:51", count(FieldKey::Pv(PvField::G), 1)),
        ("22:51", count(FieldKey::Pv(PvField::H), 123)),
        ("22:52", Op::SetDhTick(Some(DhTick::Equal))),
        (
            "23:01",
            Op::SetCheck {
                id: "counted-twice".into(),
                answer: Some(Answer::Unknown),
                note: "Lijst 2 één keer geteld,\ndoor één persoon".into(),
            },
        ),
        (
            "23:05",
            Op::SetMoment {
                id: "results-read".into(),
                time: TimeOfDay::new(23, 5),
            },
        ),
        (
            "23:40",
            Op::SetNotes("Rustig verloop.\tPV met pen; map C:\\stembureau".into()),
        ),
    ];
    for (t, op) in ops {
        f.commit_at(op, at(t)).unwrap();
    }
    f.seal_at(&key, "2025-10-29T23:41:07+01:00".into()).unwrap()
}

struct Vectors {
    seed: String,
    public_key: String,
    journal: String,
    canonical: String,
    fingerprint: String,
    signed_message: String,
    signature: String,
}

fn computed() -> Vectors {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.jsonl");
    let sealed = build(&path);
    let fp = sealed.recorded_fingerprint().unwrap();
    Vectors {
        seed: hex::encode(seed()),
        public_key: sealed.sheet.header.observer.public_key.clone(),
        journal: std::fs::read_to_string(&path).unwrap(),
        canonical: String::from_utf8(sealed.canonical_bytes()).unwrap(),
        fingerprint: hex::encode(fp),
        signed_message: hex::encode(seal::signed_message(&fp)),
        signature: sealed.seal.signature.clone(),
    }
}

const FILES: [&str; 7] = [
    "seed.hex",
    "public_key.hex",
    "sheet.jsonl",
    "canonical.txt",
    "fingerprint.hex",
    "signed_message.hex",
    "signature.hex",
];

impl Vectors {
    fn files(&self) -> [(&'static str, String); 7] {
        let line = |s: &String| format!("{s}\n");
        [
            (FILES[0], line(&self.seed)),
            (FILES[1], line(&self.public_key)),
            (FILES[2], self.journal.clone()),
            (FILES[3], self.canonical.clone()),
            (FILES[4], line(&self.fingerprint)),
            (FILES[5], line(&self.signed_message)),
            (FILES[6], line(&self.signature)),
        ]
    }
}

fn read_fixture(name: &str) -> String {
    let p = fixtures().join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn code_reproduces_the_fixtures() {
    let v = computed();
    if std::env::var_os("MEETEL_WRITE_SEAL_VECTORS").is_some() {
        std::fs::create_dir_all(fixtures()).unwrap();
        for (name, content) in v.files() {
            std::fs::write(fixtures().join(name), content).unwrap();
        }
    }
    for (name, content) in v.files() {
        assert_eq!(
            read_fixture(name),
            content,
            "tests/fixtures/seal/{name} differs from what the code makes"
        );
    }
}

#[test]
fn fixtures_hold_together_on_their_own() {
    // What a verifier in another language does, from the fixture files alone.
    let seed_bytes: [u8; 32] = hex::decode(read_fixture("seed.hex").trim())
        .unwrap()
        .try_into()
        .unwrap();
    let key = SigningKey::from_bytes(&seed_bytes);
    assert_eq!(
        hex::encode(key.verifying_key().as_bytes()),
        read_fixture("public_key.hex").trim()
    );

    let canonical = read_fixture("canonical.txt");
    let fp = Fingerprint::of(canonical.as_bytes());
    assert_eq!(hex::encode(fp), read_fixture("fingerprint.hex").trim());

    let mut message = b"meetel-seal-v1\0".to_vec();
    message.extend_from_slice(fp.as_bytes());
    assert_eq!(
        hex::encode(&message),
        read_fixture("signed_message.hex").trim()
    );

    let sig: [u8; 64] = hex::decode(read_fixture("signature.hex").trim())
        .unwrap()
        .try_into()
        .unwrap();
    key.verifying_key()
        .verify(&message, &Signature::from_bytes(&sig))
        .unwrap();
    key.verifying_key()
        .verify_strict(&message, &Signature::from_bytes(&sig))
        .unwrap();

    // The journal file replays to the sheet in the canonical bytes, and verifies.
    let path = fixtures().join("sheet.jsonl");
    let journal = Journal::read(&path).unwrap();
    let seal_entry = journal.seal.as_ref().unwrap();
    assert_eq!(
        seal::canonical_bytes(&journal.sheet, &seal_entry.head_before, &seal_entry.at),
        canonical.as_bytes()
    );
    let parts = seal::parse_canonical(canonical.as_bytes()).unwrap();
    assert_eq!(parts.sheet, journal.sheet);
    assert_eq!(parts.journal_head, seal_entry.head_before);
    let report = verify_file(&path);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.fingerprint.as_deref(), Some(fp.to_string().as_str()));
}

#[test]
fn the_spec_contains_the_vectors_verbatim() {
    let doc_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/seal.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap();
    let fp = Fingerprint::parse(&read_fixture("fingerprint.hex")).unwrap();
    let mut wanted: Vec<(String, String)> = FILES
        .iter()
        .filter(|n| !n.ends_with(".jsonl") && !n.ends_with(".txt"))
        .map(|n| (n.to_string(), read_fixture(n).trim().to_string()))
        .collect();
    wanted.push((
        "the fingerprint in the Kiesraad's notation".into(),
        fp.to_string(),
    ));
    // The two multi-line vectors must each stand as a whole code block.
    wanted.push((
        "canonical.txt".into(),
        format!("```text\n{}```", read_fixture("canonical.txt")),
    ));
    wanted.push((
        "sheet.jsonl".into(),
        format!("```json\n{}```", read_fixture("sheet.jsonl")),
    ));
    for (what, text) in wanted {
        assert!(
            doc.contains(&text),
            "docs/seal.md does not contain {what}:\n{text}"
        );
    }
}
