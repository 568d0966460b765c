//! Sealing and verifying a large sheet: a Tweede Kamer sheet with per-candidate votes
//! for every list (27 lists, 1,000 candidates in all, every PV field typed). Target:
//! each under 1 ms.
//!
//! Run: `cargo bench --bench seal -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, Criterion};
use ed25519_dalek::SigningKey;
use meetel::sheet::seal;
use meetel::sheet::{FieldKey, Observer, PvField, Sheet, SheetHeader};
use meetel::testkit;
use std::hint::black_box;

const LISTS: u32 = 27;
const CANDIDATES: u32 = 1000;

fn tk_sheet(key: &SigningKey) -> Sheet {
    let header = SheetHeader {
        form_id: "tk2025-nijmegen".into(),
        form_sha256: "ab".repeat(32),
        observer: Observer {
            alias: "bench".into(),
            public_key: hex::encode(key.verifying_key().as_bytes()),
        },
        ..testkit::header(testkit::tk2025(), testkit::sb1())
    };
    let mut s = Sheet::new(header);
    for (i, f) in PvField::ALL.into_iter().enumerate() {
        s.counts.insert(FieldKey::Pv(f), 1000 + i as u32);
    }
    // 1,000 candidates over 27 lists: 37 each, and one more on the first list.
    let mut placed = 0;
    for list in 1..=LISTS {
        let n = CANDIDATES / LISTS + u32::from(list <= CANDIDATES % LISTS);
        let mut total = 0;
        for candidate in 1..=n {
            let votes = (list * 7 + candidate * 13) % 50;
            s.counts
                .insert(FieldKey::Candidate { list, candidate }, votes);
            total += votes;
        }
        s.counts.insert(FieldKey::List(list), total);
        s.counts.insert(FieldKey::ListPage(list), total);
        placed += n;
    }
    assert_eq!(placed, CANDIDATES);
    s
}

fn bench(c: &mut Criterion) {
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let sheet = tk_sheet(&key);
    let head = "cd".repeat(32);
    let at = "2025-10-29T23:41:07+01:00";
    let sealed = seal::seal(&sheet, &head, at, &key).unwrap();
    seal::verify(&sealed).unwrap();
    let bytes = sealed.canonical_bytes().len();
    let mut g = c.benchmark_group(format!(
        "tk sheet, {CANDIDATES} candidates, {bytes} canonical bytes"
    ));
    g.bench_function("seal", |b| {
        b.iter(|| seal::seal(black_box(&sheet), &head, at, &key).unwrap())
    });
    g.bench_function("verify", |b| {
        b.iter(|| seal::verify(black_box(&sealed)).unwrap())
    });
    g.bench_function("canonical bytes", |b| {
        b.iter(|| seal::canonical_bytes(black_box(&sheet), &head, at))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
