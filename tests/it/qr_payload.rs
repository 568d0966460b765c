//! The MT1 payload: exact round trips of real seals, the size target of issue 4, and
//! damaged payloads refused with their reason.

use crate::qr_support;

use meetel::qr::{self, payload, render, QrError};
use meetel::sheet::seal;
use qr_support::*;

#[test]
fn typical_sheet_fits_one_code_of_version_20_at_m_and_half_its_ron() {
    let sealed = seal_sheet(&typical_sheet());
    let text = payload::to_text(&sealed);
    let binary = payload::encode(&sealed);
    let deflated = payload::deflate(&binary);
    let ron = ron::to_string(&sealed).unwrap();
    let code = render::symbol(&text, 40).unwrap();
    let version = render::version_of(&code);
    println!(
        "typical TK2025 sheet: RON {} bytes, binary {} bytes, deflated {} bytes, code text {} characters, version {version} at M",
        ron.len(),
        binary.len(),
        deflated.len(),
        text.len()
    );
    assert!(version <= 20, "version {version}");
    assert!(
        deflated.len() * 2 <= ron.len(),
        "{} vs RON {}",
        deflated.len(),
        ron.len()
    );
    assert_eq!(qr::sheet_codes(&sealed, 20).unwrap(), vec![text]);
}

#[test]
fn whole_code_round_trips_to_the_identical_verified_sheet() {
    for sheet in [typical_sheet(), all_candidates_sheet()] {
        let sealed = seal_sheet(&sheet);
        let back = qr::decode_verified(&payload::to_text(&sealed)).unwrap();
        assert_eq!(back, sealed);
        assert_eq!(payload::encode(&back), payload::encode(&sealed));
    }
}

#[test]
fn all_candidate_votes_split_into_parts_that_join_in_any_order() {
    let sealed = seal_sheet(&all_candidates_sheet());
    let codes = qr::sheet_codes(&sealed, 20).unwrap();
    println!(
        "all-candidates sheet: {} candidate counts, code text {} characters, {} parts of version ≤ 20",
        sealed.sheet.counts.len(),
        payload::to_text(&sealed).len(),
        codes.len()
    );
    assert!(codes.len() >= 2);
    for c in &codes {
        assert!(c.starts_with("MT1P:"), "{c}");
        assert!(render::version_of(&render::symbol(c, 20).unwrap()) <= 20);
    }
    let mut collector = qr::Collector::new();
    for c in codes.iter().rev().chain(codes.iter()) {
        collector.add(c).unwrap();
    }
    let out = collector.finish();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].as_ref().unwrap(), &sealed);
}

#[test]
fn missing_parts_are_named() {
    let sealed = seal_sheet(&all_candidates_sheet());
    let codes = qr::sheet_codes(&sealed, 10).unwrap();
    assert!(codes.len() >= 4, "{}", codes.len());
    let mut collector = qr::Collector::new();
    for (i, c) in codes.iter().enumerate() {
        if i != 1 && i != 3 {
            collector.add(c).unwrap();
        }
    }
    let out = collector.finish();
    let err = out[0].as_ref().unwrap_err();
    assert!(
        matches!(err, QrError::Incomplete { missing, .. } if *missing == vec![2, 4]),
        "{err}"
    );
    assert!(err.to_string().contains("missing part 2, part 4"), "{err}");
}

#[test]
fn a_changed_count_is_refused_by_the_seal() {
    let mut sealed = seal_sheet(&typical_sheet());
    *sealed
        .sheet
        .counts
        .get_mut(&meetel::sheet::FieldKey::List(1))
        .unwrap() += 1;
    let err = qr::decode_verified(&payload::to_text(&sealed)).unwrap_err();
    assert!(matches!(err, QrError::Seal(_)), "{err}");
    assert!(err.to_string().contains("fingerprint mismatch"), "{err}");
}

#[test]
fn a_foreign_signature_is_refused() {
    let mut sealed = seal_sheet(&typical_sheet());
    let other = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    let digest = seal::fingerprint(&sealed.sheet, &sealed.journal_head, &sealed.sealed_at);
    use ed25519_dalek::Signer;
    sealed.seal.signature = hex::encode(other.sign(&seal::signed_message(&digest)).to_bytes());
    let err = qr::decode_verified(&payload::to_text(&sealed)).unwrap_err();
    assert!(
        err.to_string().contains("signature does not verify"),
        "{err}"
    );
}

#[test]
fn damaged_texts_are_refused_with_the_reason() {
    let sealed = seal_sheet(&typical_sheet());
    let text = payload::to_text(&sealed);
    let cases: Vec<(String, &str)> = vec![
        ("HTTPS://EXAMPLE.ORG/".into(), "not a meetel code"),
        ("MT2:ABC".into(), "format `MT2`"),
        (format!("{}a{}", &text[..10], &text[11..]), "not Base45"),
        (
            text[..text.len() - 1].to_string(),
            "Base45|does not inflate",
        ),
        (
            "MT1:".to_string() + &base45::encode(b"\x00\x01\x02 not deflate"),
            "does not inflate",
        ),
        (
            "MT1:".to_string() + &base45::encode(payload::deflate(&payload::encode(&sealed)[..40])),
            "field `header.form_sha256` (byte 19): needs 32 bytes",
        ),
        ("MT1P:3/2:ABCDEF01:XYZ".into(), "1 ≤ i ≤ n"),
        (
            "MT1F:TK2025 0668::SB1 ABC".into(),
            "not a SHA-256 fingerprint",
        ),
    ];
    for (bad, reason) in cases {
        let err = qr::Collector::new()
            .add(&bad)
            .err()
            .or_else(|| qr::decode_verified(&bad).err());
        let err = err.unwrap_or_else(|| panic!("accepted {bad}"));
        let msg = err.to_string();
        assert!(reason.split('|').any(|r| msg.contains(r)), "{bad}: {err}");
    }
    // One flipped byte inside the deflated data: either the deflate stream, the binary
    // layout or the seal refuses it; never a different sheet that verifies.
    let deflated = payload::deflate(&payload::encode(&sealed));
    for i in (0..deflated.len()).step_by(7) {
        let mut d = deflated.clone();
        d[i] ^= 0x10;
        let bad = "MT1:".to_string() + &base45::encode(&d);
        assert!(qr::decode_verified(&bad).is_err(), "byte {i}");
    }
}

#[test]
fn trailing_bytes_and_disorder_are_refused() {
    let sealed = seal_sheet(&typical_sheet());
    let mut binary = payload::encode(&sealed);
    binary.push(1);
    let err = payload::decode(&binary).unwrap_err();
    assert!(
        err.to_string().contains("section tag") || err.to_string().contains("ends here"),
        "{err}"
    );
}
