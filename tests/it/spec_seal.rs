//! docs/seal.md is the whole sheet-file and seal format: these tests read its tables and
//! vectors from the page and check each against the code (the test vectors themselves
//! are in seal_vectors.rs).

use std::path::Path;

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::CompressedEdwardsY;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::IsIdentity;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use meetel::election::{CountingMethod, ElectionCategory};
use meetel::fingerprint::Fingerprint;
use meetel::sheet::journal::{line_hash, Journal};
use meetel::sheet::seal;
use meetel::sheet::verify::verify_bytes;
use meetel::sheet::{Answer, DhTick, EventKind, Explained, ObservedSession, Op, SheetKind};
use sha2::{Digest, Sha512};

use crate::spec_support::*;

fn seal_md() -> String {
    doc("seal.md")
}

fn fixture() -> String {
    std::fs::read_to_string(vector_path()).unwrap()
}

fn first_line() -> String {
    fixture().lines().next().unwrap().to_string()
}

/// Whether a sheet file made of the test vector's entry 0 and then `line` reads with both
/// entries (the file is not sealed; only the reading of lines is at stake).
fn second_line_is_read(line: &str) -> bool {
    let first = first_line();
    let line = line.replace("PREV", &line_hash(first.as_bytes()));
    let bytes = format!("{first}\n{line}\n");
    matches!(
        Journal::from_bytes(Path::new("t.jsonl"), bytes.as_bytes()),
        Ok(j) if j.entries.len() == 2 && j.torn.is_none()
    )
}

/// Whether a sheet file of one line, `line`, reads as entry 0.
fn first_line_is_read(line: &str) -> bool {
    let bytes = format!("{line}\n");
    matches!(
        Journal::from_bytes(Path::new("t.jsonl"), bytes.as_bytes()),
        Ok(j) if j.entries.len() == 1 && j.torn.is_none()
    )
}

fn entry(op: &str) -> String {
    format!(r#"{{"seq":1,"prev":"PREV","at":"2025-10-29T21:02:00+01:00","op":{op}}}"#)
}

#[test]
fn every_edit_of_the_table_reads_and_writes_back_byte_for_byte() {
    let page = seal_md();
    let rows = table(section(&page, "### The edits"), "| op |");
    assert!(rows.len() >= 11);
    let mut names = std::collections::BTreeSet::new();
    for row in rows {
        let json = span(&row[1]);
        let op: Op = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(serde_json::to_string(&op).unwrap(), json);
        assert!(second_line_is_read(&entry(&json)), "{json}");
        names.insert(json[2..json.find("\":").unwrap()].to_string());
    }
    // Every edit but Create (entry 0, the header) has a row.
    assert_eq!(names.len(), 10, "{names:?}");
}

#[test]
fn the_escaping_table_is_what_serde_json_writes() {
    let page = seal_md();
    let part = section(&page, "### 1.1 Exact JSON");
    let rows = table(part, "| character | written as |");
    let written = |c: char| {
        let s = serde_json::to_string(&c.to_string()).unwrap();
        s[1..s.len() - 1].to_string()
    };
    let mut listed = Vec::new();
    for row in &rows {
        let at = row[0].find("U+").unwrap();
        let code = u32::from_str_radix(&row[0][at + 2..at + 6], 16).unwrap();
        if row[0].starts_with("any other") {
            for c in (0..0x20u32).filter(|c| !listed.contains(c)) {
                assert_eq!(
                    written(char::from_u32(c).unwrap()),
                    format!("\\u{c:04x}"),
                    "U+{c:04X}"
                );
            }
        } else {
            listed.push(code);
            assert_eq!(written(char::from_u32(code).unwrap()), span(&row[1]));
        }
    }
    assert_eq!(listed.len(), 7);
    for c in ['/', '\u{7f}', '\u{80}', '\u{9f}', '\u{2028}', 'é', 'a'] {
        assert_eq!(
            written(c),
            c.to_string(),
            "U+{:04X} is written as itself",
            c as u32
        );
    }
}

#[test]
fn the_rewrites_that_json_reads_the_same_are_refused() {
    let count = r#"{"SetCount":{"field":"A","value":118}}"#;
    assert!(second_line_is_read(&entry(count)));
    let base = entry(count);
    let rewrites = [
        base.replace(r#""seq":1"#, r#""seq": 1"#),
        base.replace(r#""field":"A""#, r#""field":"a""#),
        base.replace(r#""field":"A""#, r#""field":"\u0041""#),
        base.replace(r#""value":118"#, r#""value":118.0"#),
        base.replace(r#""value":118"#, r#""value":1.18e2"#),
        base.replace(r#""value":118"#, r#""value":0118"#),
        base.replace(r#""seq":1,"prev":"PREV""#, r#""prev":"PREV","seq":1"#),
        base.replace(r#""value":118}"#, r#""value":118,"value":118}"#),
        base.replace(r#""value":118}"#, r#""value":118,"extra":0}"#),
        base.replace(
            r#"{"SetCount":{"field":"A","value":118}}"#,
            r#"{"SetCount":{"field":"A"}}"#,
        ),
        format!("{base} "),
        format!("{base}\r"),
        entry(r#"{"SetCount":{"field":"E.01","value":1}}"#),
        entry(r#"{"SetCount":{"field":"E.0","value":1}}"#),
        entry(r#"{"SetMoment":{"id":"close","time":"9:05"}}"#),
        entry(r#"{"SetMoment":{"id":"close","time":"24:00"}}"#),
        entry(r#"{"SetNotes":"a\/b"}"#),
        entry(r#"{"SetNotes":"\u00e9"}"#),
        entry(r#"{"SetNotes":"\u001F"}"#),
        entry(r#"{"SetNotes":"\u001f"}"#).replace("\\u001f", "\\u001f\\u007f"),
        entry(r#"{"SetDhTick":"equal"}"#),
        entry(r#"{"Tally":{"field":"A","delta":+1}}"#),
        entry(r#"{"Tally":{"field":"A","delta":-0}}"#),
    ];
    for line in rewrites {
        assert!(!second_line_is_read(&line), "read: {line}");
    }
    // The ranges of §1.2, at their edges.
    for (line, read) in [
        (r#"{"SetCount":{"field":"A","value":4294967295}}"#, true),
        (r#"{"SetCount":{"field":"A","value":4294967296}}"#, false),
        (r#"{"SetCount":{"field":"A","value":-1}}"#, false),
        (r#"{"Tally":{"field":"A","delta":-2147483648}}"#, true),
        (r#"{"Tally":{"field":"A","delta":2147483647}}"#, true),
        (r#"{"Tally":{"field":"A","delta":2147483648}}"#, false),
        (r#"{"RemoveEvent":{"id":4294967295}}"#, true),
        (r#"{"RemoveEvent":{"id":4294967296}}"#, false),
        (
            r#"{"SetCount":{"field":"E.4294967295.4294967295","value":1}}"#,
            true,
        ),
        (r#"{"SetCount":{"field":"E.4294967296","value":1}}"#, false),
        (r#"{"SetCount":{"field":"X.lost","value":1}}"#, true),
        (r#"{"SetCount":{"field":"x.lost","value":1}}"#, false),
        (r#"{"SetCount":{"field":"K","value":1}}"#, false),
        (r#"{"SetMoment":{"id":"","time":"23:59"}}"#, true),
        (
            r#"{"SetCheck":{"id":"\u0001=\n","answer":null,"note":"\u007f"}}"#,
            false,
        ),
        (
            r#"{"SetCheck":{"id":"\u0001=\n","answer":null,"note":""}}"#,
            true,
        ),
    ] {
        assert_eq!(second_line_is_read(&entry(line)), read, "{line}");
    }
    // In the header: spellings and the station id.
    let first = first_line();
    assert!(first_line_is_read(&first));
    for (from, to) in [
        (r#""kind":"Observation""#, r#""kind":"observation""#),
        (r#""id":"0668::SB1""#, r#""id":"0668::sb1""#),
        (r#""id":"0668::SB1""#, r#""id":"0668::SB01""#),
        (r#""id":"0668::SB1""#, r#""id":"06-68::SB1""#),
        (r#","supersedes":null"#, ""),
        (r#""category":"TK""#, r#""category":"tk""#),
    ] {
        assert_eq!(first.matches(from).count(), 1);
        assert!(!first_line_is_read(&first.replacen(from, to, 1)), "{to}");
    }
    assert!(first_line_is_read(
        &first.replace(r#""id":"0668::SB1""#, r#""id":"A1::SB0""#)
    ));
}

#[test]
fn the_value_names_of_the_table_are_the_codes() {
    let page = seal_md();
    let rows = table(section(&page, "### 1.2 Values"), "| value | JSON |");
    let row = |name: &str| -> Vec<String> {
        let r = rows
            .iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("no row `{name}`"));
        spans(&r[2])
    };
    fn names<T: serde::Serialize>(all: &[T]) -> Vec<String> {
        all.iter()
            .map(|v| {
                serde_json::to_string(v)
                    .unwrap()
                    .trim_matches('"')
                    .to_string()
            })
            .collect()
    }
    assert_eq!(
        row("`kind`"),
        names(&[SheetKind::Observation, SheetKind::PvTranscription])
    );
    assert_eq!(row("election `category`"), names(&ElectionCategory::ALL));
    assert_eq!(
        row("station `counting`"),
        names(&[CountingMethod::Dso, CountingMethod::Cso])
    );
    assert_eq!(
        row("`session`"),
        names(&[
            ObservedSession::StationCount,
            ObservedSession::MunicipalReview
        ])
    );
    assert_eq!(row("D/H tick"), names(&DhTick::ALL));
    assert_eq!(row("explained"), names(&Explained::ALL));
    assert_eq!(
        row("checklist `answer`"),
        names(&[Answer::Yes, Answer::No, Answer::Unknown])
    );
    assert_eq!(
        row("event `kind`"),
        names(&[EventKind::Objection, EventKind::Incident])
    );
    let keys = row("field key");
    let explanations: Vec<String> = meetel::sheet::Explanation::ALL
        .iter()
        .map(|x| format!("X.{}", x.key()))
        .collect();
    for x in &explanations {
        assert!(keys.contains(x), "{x}");
    }
}

#[test]
fn every_time_of_the_table_is_read_or_refused_as_it_says() {
    let page = seal_md();
    let rows = table(section(&page, "### 1.3 Times"), "| `at` | read? |");
    assert!(rows.len() >= 15);
    let first = first_line();
    let at = r#""at":"2025-10-29T20:58:00+01:00""#;
    assert_eq!(first.matches(at).count(), 1);
    for row in rows {
        let time = span(&row[0]);
        let read = row[1].starts_with("yes");
        assert!(read || row[1].starts_with("no"));
        let line = first.replace(at, &format!(r#""at":"{time}""#));
        assert_eq!(first_line_is_read(&line), read, "`{time}`");
    }
}

/// RFC 8032 §5.1.7's cofactored check, which meetel must not use.
fn cofactored(a: &[u8; 32], sig: &[u8; 64], m: &[u8]) -> bool {
    let r: [u8; 32] = sig[..32].try_into().unwrap();
    let (Some(big_a), Some(big_r)) = (
        CompressedEdwardsY(*a).decompress(),
        CompressedEdwardsY(r).decompress(),
    ) else {
        return false;
    };
    let s: Option<Scalar> = Scalar::from_canonical_bytes(sig[32..].try_into().unwrap()).into();
    let Some(s) = s else { return false };
    let h: [u8; 64] = Sha512::new()
        .chain_update(r)
        .chain_update(a)
        .chain_update(m)
        .finalize()
        .into();
    let k = Scalar::from_bytes_mod_order_wide(&h);
    (ED25519_BASEPOINT_POINT * s - big_r - big_a * k)
        .mul_by_cofactor()
        .is_identity()
}

fn signed_message() -> Vec<u8> {
    hex::decode(
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seal/signed_message.hex"),
        )
        .unwrap()
        .trim(),
    )
    .unwrap()
}

#[test]
fn the_ed25519_vectors_are_refused_and_accepted_as_the_table_says() {
    let page = seal_md();
    let part = section(&page, "### Must-refuse (and one must-accept) vectors");
    let m = signed_message();
    assert!(part.contains(&hex::encode(&m)[..34]));
    let rows = table(part, "| vector |");
    assert_eq!(rows.len(), 6);
    for row in rows {
        let a: [u8; 32] = hex_bytes(&span(&row[1])).try_into().unwrap();
        let sig: [u8; 64] = hex_bytes(&span(&row[2])).try_into().unwrap();
        let says = |cell: &str| cell.trim_matches('*') == "accept";
        let signature = Signature::from_bytes(&sig);
        let key = VerifyingKey::from_bytes(&a);
        let strict = key
            .as_ref()
            .is_ok_and(|k| k.verify_strict(&m, &signature).is_ok());
        let plain = key.as_ref().is_ok_and(|k| k.verify(&m, &signature).is_ok());
        assert_eq!(strict, says(&row[3]), "{}: meetel (verify_strict)", row[0]);
        assert_eq!(plain, says(&row[4]), "{}: plain (verify)", row[0]);
        assert_eq!(
            cofactored(&a, &sig, &m),
            says(&row[5]),
            "{}: cofactored",
            row[0]
        );
    }
}

#[test]
fn the_small_order_encodings_are_all_small_and_the_first_eight_canonical() {
    let page = seal_md();
    let list = code_block(
        section(&page, "### Verification"),
        "have these 14 encodings",
    );
    let encodings: Vec<[u8; 32]> = list
        .lines()
        .map(|l| hex_bytes(l).try_into().unwrap())
        .collect();
    assert_eq!(encodings.len(), 14);
    let mut points = std::collections::BTreeSet::new();
    for (i, e) in encodings.iter().enumerate() {
        let p = CompressedEdwardsY(*e).decompress().expect("decodes");
        assert!(p.is_small_order(), "{}", hex::encode(e));
        assert!(VerifyingKey::from_bytes(e).unwrap().is_weak());
        assert_eq!(p.compress().0 == *e, i < 8, "canonical: {}", hex::encode(e));
        points.insert(p.compress().0);
    }
    assert_eq!(points.len(), 8, "the eight points of small order");
}

#[test]
fn a_sheet_under_the_identity_key_with_the_universal_forgery_is_refused() {
    let page = seal_md();
    let rows = table(
        section(&page, "### Must-refuse (and one must-accept) vectors"),
        "| vector |",
    );
    let (key, sig) = (span(&rows[0][1]), span(&rows[0][2]));
    let mut sealed = vector_sealed();
    sealed.sheet.header.observer.public_key = key.clone();
    let fp = seal::fingerprint(&sealed.sheet, &sealed.journal_head, &sealed.sealed_at);
    sealed.seal.fingerprint = hex::encode(fp);
    sealed.seal.signature = sig.clone();
    // A plain verifier takes it for a seal by the header's key…
    let k = VerifyingKey::from_bytes(&hex_bytes(&key).try_into().unwrap()).unwrap();
    let s = Signature::from_bytes(&hex_bytes(&sig).try_into().unwrap());
    assert!(k.verify(&seal::signed_message(&fp), &s).is_ok());
    // …meetel does not, whichever way the sheet arrives.
    assert!(seal::verify(&sealed).is_err());
    let json = serde_json::to_string_pretty(&sealed).unwrap() + "\n";
    assert!(!verify_bytes(Path::new("forged.sealed.json"), json.as_bytes()).is_ok());
    assert!(meetel::qr::decode_verified(&meetel::qr::payload::to_text(&sealed)).is_err());
}

#[test]
fn every_rewrite_of_the_table_in_how_to_verify_is_refused() {
    let page = seal_md();
    let rows = table(
        section(&page, "## 6. How to verify"),
        "| in `sheet.jsonl` |",
    );
    assert!(rows.len() >= 12);
    let file = fixture();
    assert!(verify_bytes(&vector_path(), file.as_bytes()).is_ok());
    // A cell is code spans joined by ` + `, with "line feed" and "carriage return" for
    // those bytes.
    let bytes = |cell: &str| -> String {
        cell.split(" + ")
            .map(|part| match part.trim() {
                "line feed" => "\n".to_string(),
                "carriage return" => "\r".to_string(),
                p => span(p),
            })
            .collect()
    };
    for row in rows {
        let (from, to) = (bytes(&row[0]), bytes(&row[1]));
        assert_eq!(file.matches(&from).count(), 1, "`{from}` must occur once");
        let changed = file.replacen(&from, &to, 1);
        let report = verify_bytes(&vector_path(), changed.as_bytes());
        assert!(!report.is_ok(), "accepted: {} → {}", row[0], row[1]);
    }
}

#[test]
fn the_sealed_sheet_file_of_the_vectors_is_what_meetel_writes_and_verifies() {
    let page = seal_md();
    let part = section(&page, "## 10. Test vectors");
    let text = code_block(part, "**Sealed-sheet file**");
    let sealed = vector_sealed();
    assert_eq!(text, serde_json::to_string_pretty(&sealed).unwrap() + "\n");
    let report = verify_bytes(Path::new("v.sealed.json"), text.as_bytes());
    assert!(report.is_ok(), "{report}");
    assert_eq!(Fingerprint::of(text.as_bytes()).as_bytes().len(), 32);
}

/// docs/seal.md §7: a sealed-sheet file is read only in the exact bytes meetel writes,
/// like a journal line. The reader in src/sheet still takes any JSON that serde reads
/// (other whitespace, `"a"` for `"A"`, unknown members): listed for the sheet module.
#[test]
#[ignore = "src/sheet/verify.rs reads sealed-sheet files leniently; docs/seal.md §7 asks the exact bytes"]
fn a_sealed_sheet_file_is_read_only_in_its_exact_bytes() {
    let text = serde_json::to_string_pretty(&vector_sealed()).unwrap() + "\n";
    for changed in [
        text.replacen("\"A\": 118", "\"a\": 118", 1),
        text.replacen("  \"sheet\": {", "  \"extra\": 0,\n  \"sheet\": {", 1),
        text.replacen("\"format\": 1", "\"format\":1", 1),
        text.replacen("\"0668::SB1\"", "\"0668::sb1\"", 1),
        text.replacen("\"21:02\"", "\"21.02\"", 1),
        text.trim_end().to_string(),
        serde_json::to_string(&vector_sealed()).unwrap(),
        // One changed byte each: an optional member renamed is read as absent (null, "").
        text.replacen("\"explained\": null", "\"explaimed\": null", 1),
        text.replacen("\"response\": \"\"", "\"responze\": \"\"", 1),
    ] {
        assert_ne!(changed, text);
        let report = verify_bytes(Path::new("v.sealed.json"), changed.as_bytes());
        assert!(!report.is_ok(), "accepted:\n{changed}");
    }
}
