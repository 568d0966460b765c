//! `meetel qr` and `meetel scan` as the CLI calls them: a sheet file → PNG files →
//! scanned back → a verified sealed-sheet JSON file identical to the sheet; and the
//! reports for incomplete sets, foreign codes, unreadable images and bad signatures.

use crate::qr_support;

use std::path::{Path, PathBuf};

use meetel::cli::qr::{qr, read_sealed, scan_report};
use meetel::form::Form;
use meetel::i18n::Lang;
use meetel::qr::{payload, render};
use meetel::sheet::seal::SealedSheet;
use meetel::sheet::{Editor, FieldKey, Op};
use qr_support::*;

/// A real sheet file: journal with every op, sealed with the test key.
fn sheet_file(dir: &Path, sheet: &meetel::sheet::Sheet) -> (PathBuf, SealedSheet) {
    let path = dir.join("sb1.meetel");
    // The bare Tweede Kamer form: its questions and moments, any list and candidate.
    let form = Form::load("tk").unwrap();
    let mut file = Editor::create(&path, form, sheet.header.clone()).unwrap();
    for (field, value) in &sheet.counts {
        file.commit(Op::SetCount {
            field: *field,
            value: Some(*value),
        })
        .unwrap();
    }
    file.commit(Op::SetDhTick(sheet.dh_tick)).unwrap();
    file.commit(Op::SetExplained(sheet.explained)).unwrap();
    for (id, a) in &sheet.checklist {
        file.commit(Op::SetCheck {
            id: id.clone(),
            answer: a.answer,
            note: a.note.clone(),
        })
        .unwrap();
    }
    for (id, t) in &sheet.moments {
        file.commit(Op::SetMoment {
            id: id.clone(),
            time: Some(*t),
        })
        .unwrap();
    }
    for e in &sheet.events {
        file.commit(Op::PutEvent(e.clone())).unwrap();
    }
    let sealed = file.seal(&key()).unwrap();
    assert_eq!(&sealed.sheet, sheet);
    (path, sealed)
}

fn written(report: &meetel::cli::qr::ScanReport) -> SealedSheet {
    assert_eq!(report.written.len(), 1, "{:#?}", report.lines);
    read_sealed(&report.written[0]).unwrap()
}

#[test]
fn a_sheet_file_goes_to_png_and_back_to_an_identical_verified_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let (file, sealed) = sheet_file(dir.path(), &typical_sheet());
    assert_eq!(read_sealed(&file).unwrap(), sealed);
    let out = dir.path().join("sb1.png");
    assert_eq!(qr(&file, Some(&out), None, false, Lang::En), Ok(0));
    assert!(dir.path().join("sb1-fingerprint.png").is_file());
    let images = vec![out.clone(), dir.path().join("sb1-fingerprint.png")];
    let report = scan_report(&images, &dir.path().join("scanned"), Lang::En);
    assert_eq!(report.exit, 0, "{:#?}", report.lines);
    assert_eq!(written(&report), sealed);
    assert!(
        report
            .lines
            .iter()
            .any(|l| l.contains("matches a scanned sheet")),
        "{:#?}",
        report.lines
    );
    // The written file is what `meetel verify` reads.
    assert!(meetel::sheet::verify::verify_file(&report.written[0]).is_ok());
}

#[test]
fn a_large_sheet_goes_out_in_numbered_parts_and_comes_back_from_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let (file, sealed) = sheet_file(dir.path(), &all_candidates_sheet());
    let out = dir.path().join("big.png");
    assert_eq!(qr(&file, Some(&out), None, false, Lang::En), Ok(0));
    let parts: Vec<PathBuf> = (1..)
        .map(|i| dir.path().join(format!("big-{i}.png")))
        .take_while(|p| p.is_file())
        .collect();
    assert!(parts.len() >= 2, "{parts:?}");
    assert!(
        !out.exists(),
        "with several parts, OUT itself is not written"
    );
    let mut shuffled = parts.clone();
    shuffled.reverse();
    shuffled.push(parts[0].clone());
    let report = scan_report(&shuffled, &dir.path().join("scanned"), Lang::En);
    assert_eq!(report.exit, 0, "{:#?}", report.lines);
    assert!(report.lines.iter().any(|l| l.contains("again (ignored)")));
    assert_eq!(written(&report), sealed);

    let report = scan_report(&parts[1..], &dir.path().join("scanned2"), Lang::En);
    assert_eq!(report.exit, 1);
    assert!(report.written.is_empty());
    assert!(
        report.lines.iter().any(|l| l.contains("missing part 1")),
        "{:#?}",
        report.lines
    );
}

#[test]
fn svg_export_writes_a_scalable_code() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = sheet_file(dir.path(), &typical_sheet());
    let out = dir.path().join("sb1.svg");
    assert_eq!(qr(&file, None, Some(&out), false, Lang::En), Ok(0));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.starts_with("<?xml") && svg.contains("<path fill=\"#000\""),
        "{svg}"
    );
}

#[test]
fn bad_pictures_and_bad_codes_are_reported_each_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let save = |name: &str, text: &str| {
        let path = dir.path().join(name);
        let code = qrcode::QrCode::new(text).unwrap();
        std::fs::write(&path, render::to_png(&render::Symbol::from(&code))).unwrap();
        path
    };
    let not_an_image = dir.path().join("notes.png");
    std::fs::write(&not_an_image, "not a picture").unwrap();
    let blank = dir.path().join("blank.png");
    image::GrayImage::from_pixel(300, 300, image::Luma([255]))
        .save(&blank)
        .unwrap();
    let foreign = save("foreign.png", "https://www.kiesraad.nl/");
    let mut tampered = seal_sheet(&typical_sheet());
    *tampered.sheet.counts.get_mut(&FieldKey::List(2)).unwrap() += 10;
    let tampered = save("tampered.png", &payload::to_text(&tampered));

    let report = scan_report(
        &[not_an_image, blank, foreign, tampered],
        &dir.path().join("out"),
        Lang::En,
    );
    let all = report.lines.join("\n");
    assert_eq!(report.exit, 2, "{all}");
    assert!(report.written.is_empty());
    for expected in [
        "unreadable image: ",
        "blank.png: no QR code found",
        "foreign.png: not a meetel code",
        "not written: the seal does not verify: fingerprint mismatch",
    ] {
        assert!(all.contains(expected), "{expected}\n{all}");
    }
}

#[test]
fn an_unsealed_or_tampered_sheet_is_not_exported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("open.meetel");
    Editor::create(&path, Form::load("tk").unwrap(), header()).unwrap();
    let err = qr(&path, None, None, true, Lang::En).unwrap_err();
    assert!(err.contains("not sealed"), "{err}");

    let mut sealed = seal_sheet(&typical_sheet());
    sealed.sheet.notes = "added later".into();
    let json = dir.path().join("t.sealed.json");
    std::fs::write(&json, serde_json::to_string(&sealed).unwrap()).unwrap();
    assert_eq!(qr(&json, None, None, true, Lang::En), Ok(1));
}
