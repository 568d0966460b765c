//! docs/qr.md is the whole MT1 format: these tests read its tables, byte values and
//! worked example from the page and check each against the code, so that the page and
//! the reader cannot drift apart.

use std::io::Read;

use meetel::election::{Contest, ElectionCategory};
use meetel::fingerprint::Fingerprint;
use meetel::qr::{self, payload, render};
use meetel::sheet::seal::SealedSheet;
use meetel::sheet::{DhTick, Explained, FieldKey, ObservedSession, Sheet, SheetKind, TimeOfDay};

use crate::spec_support::*;

fn qr_md() -> String {
    doc("qr.md")
}

/// The binary form of the test-vector sheet with `edit` applied to its sheet: what the
/// encoder makes (the seal is not made again; these tests look at bytes only).
fn encode_with(edit: impl FnOnce(&mut SealedSheet)) -> Vec<u8> {
    let mut s = vector_sealed();
    edit(&mut s);
    payload::encode(&s)
}

/// The bytes that follow the signature: the sections.
fn sections(binary: &[u8]) -> &[u8] {
    let sig = hex::decode(vector_sealed().seal.signature).unwrap();
    let at = binary
        .windows(64)
        .position(|w| w == &sig[..])
        .expect("the signature is in the binary");
    &binary[at + 64..]
}

/// A sheet with only a header, so that its sections are exactly what a test sets.
fn bare(edit: impl FnOnce(&mut Sheet)) -> Vec<u8> {
    encode_with(|s| {
        let mut sheet = Sheet::new(s.sheet.header.clone());
        edit(&mut sheet);
        s.sheet = sheet;
    })
}

#[test]
fn the_dictionary_file_is_the_codes_and_its_sha256_and_stored_block_are_as_written() {
    let page = qr_md();
    let part = section(&page, "### Deflate with the preset dictionary");
    let file = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/mt1-dictionary.txt"),
    )
    .unwrap();
    assert_eq!(
        file,
        payload::DICTIONARY.as_bytes(),
        "docs/mt1-dictionary.txt is not the dictionary the code uses"
    );
    assert!(part.contains(&format!("the {} bytes of", file.len())));
    assert_eq!(
        code_block(part, "whose SHA-256 is").trim(),
        Fingerprint::of(&file).to_hex()
    );
    // The stored-block header, as the page spells it, inflates the payload of the worked
    // example with a plain raw inflater.
    let header = spans(&part[part.find("as stored blocks").unwrap()..])[..3].join(" ");
    let len = file.len() as u16;
    let mut expected = vec![0u8];
    expected.extend_from_slice(&len.to_le_bytes());
    expected.extend_from_slice(&(!len).to_le_bytes());
    assert_eq!(hex_bytes(&header), expected);
    let binary = payload::encode(&vector_sealed());
    let mut stream = hex_bytes(&header);
    stream.extend_from_slice(&file);
    stream.extend_from_slice(&payload::deflate(&binary));
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(&stream[..])
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(&out[file.len()..], &binary[..]);
}

#[test]
fn the_id_table_is_the_codes_and_each_id_travels_as_its_byte() {
    let page = qr_md();
    let rows = table(section(&page, "### The id table"), "| index |");
    assert_eq!(rows.len(), payload::ID_TABLE.len());
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row[0], i.to_string());
        let byte = hex_bytes(&span(&row[1]));
        let id = span(&row[2]);
        assert_eq!(id, payload::ID_TABLE[i], "id table row {i}");
        assert_eq!(byte, vec![(2 * i + 1) as u8]);
        // As a moment id: section 6, one moment, the id's byte, then the minutes.
        let binary = bare(|s| {
            s.moments.insert(id.clone(), TimeOfDay::new(21, 2).unwrap());
        });
        let mut want = vec![6, 1];
        want.extend_from_slice(&byte);
        want.extend_from_slice(&[0xee, 0x09]);
        assert_eq!(sections(&binary), &want[..], "{id}");
    }
}

#[test]
fn the_name_prefix_table_is_the_codes() {
    let page = qr_md();
    let rows = table(section(&page, "#### Election name"), "| *k* |");
    let prefixes: Vec<String> = rows
        .iter()
        .map(|r| span(&r[1]).trim_matches('"').to_string())
        .collect();
    assert_eq!(prefixes, payload::NAME_PREFIXES);
    for (k, p) in prefixes.iter().enumerate() {
        assert_eq!(rows[k][0], (k + 1).to_string());
        assert!(p.ends_with(' '), "each prefix ends with one space");
        let binary = encode_with(|s| s.sheet.header.election.name = format!("{p}2029"));
        let mut want = vec![(k + 1) as u8, 4];
        want.extend_from_slice(b"2029");
        assert!(
            binary.windows(want.len()).any(|w| w == &want[..]),
            "prefix {k}"
        );
    }
}

#[test]
fn the_flags_byte_is_as_tabled() {
    let page = qr_md();
    let rows = table(section(&page, "#### The flags byte"), "| bits |");
    let categories: Vec<String> = spans(&rows[0][1]);
    let codes: Vec<&str> = ElectionCategory::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(categories, codes);
    for (i, c) in ElectionCategory::ALL.iter().enumerate() {
        let b = encode_with(|s| {
            s.sheet.header.election.category = *c;
            s.sheet.header.election.contest = None;
        });
        assert_eq!(b[1], i as u8, "{c}");
    }
    let bit = |row: usize| hex_bytes(&spans(&rows[row][0])[0])[0];
    let plain = encode_with(|s| s.sheet.header.election.contest = None)[1];
    assert_eq!(plain, 0);
    type Edit = Box<dyn Fn(&mut SealedSheet)>;
    let cases: [(usize, Edit); 5] = [
        (
            1,
            Box::new(|s| s.sheet.header.kind = SheetKind::PvTranscription),
        ),
        (
            2,
            Box::new(|s| s.sheet.header.session = ObservedSession::MunicipalReview),
        ),
        (
            3,
            Box::new(|s| s.sheet.header.station.counting = meetel::election::CountingMethod::Cso),
        ),
        (
            4,
            Box::new(|s| {
                s.sheet.header.election.contest = Some(Contest {
                    id: "6".into(),
                    name: "Nijmegen".into(),
                })
            }),
        ),
        (
            5,
            Box::new(|s| s.sheet.header.supersedes = Some("ab".into())),
        ),
    ];
    for (row, edit) in cases {
        let b = encode_with(|s| {
            s.sheet.header.election.contest = None;
            edit(s);
        });
        assert_eq!(b[1], bit(row), "flags row {row}: {}", rows[row][1]);
    }
}

#[test]
fn key_bytes_and_the_dh_and_explained_values_are_as_written() {
    let page = qr_md();
    let part = section(&page, "#### Sections");
    let start = part.find("So `A` is").unwrap();
    let end = start + part[start..].find("A run's keys").unwrap();
    let s = spans(&part[start..end]);
    assert_eq!(s.len(), 14, "{s:?}");
    for pair in s.chunks(2) {
        let key: FieldKey = pair[0].parse().unwrap();
        let binary = bare(|sheet| {
            sheet.counts.insert(key, 5);
        });
        let mut want = vec![1, 1];
        want.extend_from_slice(&hex_bytes(&pair[1]));
        want.extend_from_slice(&[1, 5]);
        assert_eq!(sections(&binary), &want[..], "key {key}");
    }
    let rows = table(part, "| tag | section |");
    let values = |row: usize| -> Vec<String> { spans(&rows[row][2]) };
    let dh: Vec<&str> = DhTick::ALL.iter().map(|t| t.key()).collect();
    assert_eq!(values(2), dh);
    for (i, t) in DhTick::ALL.iter().enumerate() {
        let b = bare(|s| s.dh_tick = Some(*t));
        assert_eq!(sections(&b), &[3, i as u8]);
        assert!(rows[2][2].contains(&format!("{i} `{}`", t.key())));
    }
    let ex: Vec<&str> = Explained::ALL.iter().map(|t| t.key()).collect();
    assert_eq!(values(3), ex);
    for (i, t) in Explained::ALL.iter().enumerate() {
        let b = bare(|s| s.explained = Some(*t));
        assert_eq!(sections(&b), &[4, i as u8]);
        assert!(rows[3][2].contains(&format!("{i} `{}`", t.key())));
    }
}

#[test]
fn every_seal_time_notation_of_the_table_packs_as_written_and_reads_back() {
    let page = qr_md();
    let rows = table(section(&page, "#### Seal time"), "| *k* |");
    let head = hex::decode(vector_sealed().journal_head).unwrap();
    let mut seen = 0;
    for row in rows.iter().filter(|r| r[0].parse::<u8>().is_ok()) {
        let k: u8 = row[0].parse().unwrap();
        let text = span(&row[3]);
        let bytes = hex_bytes(&span(&row[4]));
        assert_eq!(bytes[0], k);
        let binary = encode_with(|s| s.sealed_at = text.clone());
        let at = binary.windows(32).position(|w| w == &head[..]).unwrap() + 32;
        assert_eq!(
            &binary[at..at + bytes.len()],
            &bytes[..],
            "notation {k}: {text}"
        );
        assert_eq!(payload::decode(&binary).unwrap().sealed_at, text);
        seen += 1;
    }
    assert_eq!(seen, 8);
}

#[test]
fn the_worked_example_is_the_binary_and_the_code_of_the_test_vector() {
    let page = qr_md();
    let part = section(&page, "## Worked example");
    let vector = vector_sealed();
    let binary = payload::encode(&vector);
    let rows = table(part, "| bytes (hex) |");
    let from_page: Vec<u8> = rows.iter().flat_map(|r| hex_bytes(&span(&r[0]))).collect();
    assert_eq!(
        hex::encode(&from_page),
        hex::encode(&binary),
        "the first column of the worked example is not the binary form of the test vector"
    );
    assert!(part.contains(&format!("Its binary form is {} bytes", binary.len())));
    let text = code_block(part, "writes the code").trim().to_string();
    assert_eq!(qr::decode_verified(&text).unwrap(), vector);
    // The page says what this meetel writes: the deflated size, the length and version.
    assert_eq!(
        text,
        payload::to_text(&vector),
        "the code text is not what meetel writes"
    );
    let deflated = payload::deflate(&binary).len();
    let version = render::version_of(&render::symbol(&text, 40).unwrap());
    let claim = format!(
        "meetel deflates these {} bytes to {deflated} and writes the code ({} characters; version {version} at M)",
        binary.len(),
        text.len()
    );
    assert!(flat(part).contains(&claim), "expected: {claim}");
    let base45 = payload::base45_decode(&text["MT1:".len()..]).unwrap();
    assert!(flat(part).contains(&format!(
        "Base45 gives {} bytes (`{}",
        base45.len(),
        base45[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(" ")
    )));
}

#[test]
fn every_must_refuse_change_is_refused_and_the_example_itself_is_read() {
    let page = qr_md();
    let part = section(&page, "## Worked example");
    let binary = hex::encode(payload::encode(&vector_sealed()));
    assert!(payload::decode(&hex::decode(&binary).unwrap()).is_ok());
    let rows = table(part, "| change in the binary (hex) |");
    assert!(rows.len() >= 15);
    for row in rows {
        let s = spans(&row[0]);
        let (from, to) = (hex::encode(hex_bytes(&s[0])), hex::encode(hex_bytes(&s[1])));
        assert_eq!(binary.matches(&from).count(), 1, "`{from}` must occur once");
        let changed = hex::decode(binary.replacen(&from, &to, 1)).unwrap();
        let result = payload::decode(&changed);
        assert!(result.is_err(), "accepted: {} ({})", row[0], row[1]);
    }
}
