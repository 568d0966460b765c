//! The streaming reader against the `eml-nl` import, on every real file, and against
//! hostile input: refused with the file and byte offset, never a panic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use meetel::published::{stream510, ImportError, Progress, PublishedIndex};

/// Every file of the fixtures copied from /work/shared/data.
fn real_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [
        "tests/fixtures/tk2025",
        "tests/fixtures/gr2022-westmaasenwaal",
        "tests/fixtures/fictitious",
    ] {
        for e in std::fs::read_dir(dir).unwrap() {
            out.push(e.unwrap().path());
        }
    }
    out.sort();
    out
}

#[test]
fn streaming_and_eml_nl_give_identical_numbers_on_every_real_file() {
    let mut compared = 0;
    for path in real_files() {
        let is_count = meetel::published::input::is_count_file(&path);
        let mut index = PublishedIndex::new();
        let result = index.ingest_file(&path, &mut Progress::quiet());
        if !is_count {
            // Not a 510: refused with a reason, not misread.
            if path.extension().is_some_and(|e| e == "xml") {
                let e = result.unwrap_err();
                assert!(
                    e.message.en.contains("not a 510 count"),
                    "{}: {e}",
                    path.display()
                );
            }
            continue;
        }
        result.unwrap();
        let report = meetel::eml::import(std::slice::from_ref(&path));
        assert!(
            report.errors.is_empty(),
            "{}: {:?}",
            path.display(),
            report.errors
        );
        assert_eq!(
            report.stations().count(),
            index.stations.len(),
            "{}",
            path.display()
        );
        let reference: BTreeMap<String, _> = report
            .stations()
            .map(|s| (s.station.id.to_string(), s))
            .collect();
        for s in &index.stations {
            let r = reference[&s.station.id.to_string()];
            let ours = &s.counts;
            let only_ours: Vec<_> = ours
                .iter()
                .filter(|(k, v)| r.counts.get(k) != Some(v))
                .collect();
            let only_theirs: Vec<_> = r
                .counts
                .iter()
                .filter(|(k, v)| ours.get(k) != Some(v))
                .collect();
            assert!(
                only_ours.is_empty() && only_theirs.is_empty(),
                "{} {}: streaming {only_ours:?} against eml-nl {only_theirs:?}",
                path.display(),
                s.station.id
            );
            assert_eq!(index.files[0].sha256(), r.source.sha256);
            compared += 1;
        }
        let f = &index.files[0];
        assert_eq!(
            f.info.election.id,
            report.stations().next().unwrap().election.id
        );
    }
    assert_eq!(compared, 11 + 21, "both real 510b files were compared");
}

fn read_bytes(bytes: &[u8]) -> Result<usize, ImportError> {
    let mut n = 0;
    stream510::read(
        Path::new("hostile.xml"),
        bytes,
        &mut |_| n += 1,
        &mut |_| {},
    )
    .map(|_| n)
}

#[test]
fn hostile_input_is_refused_with_file_and_offset() {
    let real =
        std::fs::read("tests/fixtures/tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml")
            .unwrap();
    assert_eq!(read_bytes(&real).unwrap(), 11);

    // Truncated anywhere: an error with an offset, never a panic.
    for cut in [1, 100, 5_000, 200_000, real.len() / 2, real.len() - 7] {
        let e = read_bytes(&real[..cut]).unwrap_err();
        assert!(e.offset.is_some(), "cut {cut}: {e}");
        assert!(e.to_string().starts_with("hostile.xml: byte "), "{e}");
    }

    // A DTD with an entity declaration (the "billion laughs" shape): refused at byte 0.
    let bomb = b"<?xml version=\"1.0\"?><!DOCTYPE EML [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><EML>&b;</EML>";
    let e = read_bytes(bomb).unwrap_err();
    assert!(e.message.en.contains("refused"), "{e}");
    assert_eq!(e.offset, Some(21));

    // An undeclared entity in a station name.
    let text = String::from_utf8(real.clone()).unwrap();
    let ent = text.replacen("Stembureau Gemeentehuis", "Stembureau &xxe;", 1);
    let e = read_bytes(ent.as_bytes()).unwrap_err();
    assert!(e.message.en.contains("never expanded"), "{e}");
    assert_eq!(
        e.offset,
        Some(text.find("Stembureau Gemeentehuis").unwrap() as u64)
    );

    // Wrong namespace, malformed tags, non-numeric and negative counts.
    let cases = [
        (
            text.replacen("urn:oasis:names:tc:evs:schema:eml", "urn:example", 1),
            "namespace",
        ),
        (
            text.replacen(
                "<ValidVotes>568</ValidVotes>",
                "<ValidVotes>5x8</ValidVotes>",
                1,
            ),
            "not a count",
        ),
        (
            text.replacen(
                "<ValidVotes>568</ValidVotes>",
                "<ValidVotes>-568</ValidVotes>",
                1,
            ),
            "negative",
        ),
        (
            text.replacen("</Selection>", "</Selectoin>", 1),
            "expected </Selection>",
        ),
        (text.replacen("<Cast>", "<Cast <", 1), "Cast"),
        (text.replacen("0668::SB2", "0668::SB1", 1), "twice"),
        (text.replacen("0668::SB2", "SB2", 1), "0668::SB1"),
        (format!("{text}<EML/>"), "second root"),
        (
            text.replacen("<TransactionId>", "<![CDATA[x]]><TransactionId>", 1),
            "CDATA",
        ),
    ];
    for (input, expect) in cases {
        let e = read_bytes(input.as_bytes()).unwrap_err();
        assert!(e.message.en.contains(expect), "expected `{expect}` in: {e}");
        assert!(e.offset.is_some());
    }

    // Garbage and empty input.
    for junk in [
        &b""[..],
        b"not xml at all",
        b"\xff\xfe<\x00E\x00",
        b"<EML",
        b"<<<<>>>>",
    ] {
        assert!(read_bytes(junk).is_err());
    }
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a_good.eml.xml");
    let bad = dir.path().join("b_cut.eml.xml");
    let real =
        std::fs::read("tests/fixtures/gr2022-westmaasenwaal/Telling_GR2022_WestMaasenWaal.eml.xml")
            .unwrap();
    std::fs::write(&good, &real).unwrap();
    std::fs::write(&bad, &real[..real.len() / 3]).unwrap();
    let mut index = PublishedIndex::new();
    let (files, walk_errors) = meetel::published::input::walk(&[dir.path().to_path_buf()]);
    assert!(walk_errors.is_empty(), "{walk_errors:?}");
    let errors = index.ingest_paths(&files, &mut Progress::quiet());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, bad.display().to_string());
    assert_eq!(index.files.len(), 1);
    assert_eq!(index.stations.len(), 21, "the cut file adds no station");
}
