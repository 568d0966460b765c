//! Sheet → PNG → scan → the identical verified sheet, whole and in parts, also from
//! degraded pictures (half size, turned, blurred, JPEG at quality 60).

use crate::qr_support;

use image::{DynamicImage, GrayImage};
use meetel::qr::{self, render, scan};
use meetel::sheet::seal::SealedSheet;
use qr_support::*;

fn png_of(text: &str) -> DynamicImage {
    let code = render::symbol(text, 40).unwrap();
    image::load_from_memory(&render::to_png(&code)).unwrap()
}

fn read_back(images: &[DynamicImage], name: &str) -> SealedSheet {
    let mut collector = qr::Collector::new();
    for img in images {
        let found = scan::scan_image(img);
        assert_eq!(
            found.texts.len(),
            1,
            "{name}: unreadable: {:?}",
            found.unreadable
        );
        collector.add(&found.texts[0]).unwrap();
    }
    let mut out = collector.finish();
    assert_eq!(out.len(), 1);
    out.remove(0).unwrap()
}

fn jpeg(img: &DynamicImage, quality: u8) -> DynamicImage {
    let mut bytes = Vec::new();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality);
    img.to_luma8().write_with_encoder(enc).unwrap();
    image::load_from_memory(&bytes).unwrap()
}

type Degrade = fn(&DynamicImage) -> DynamicImage;

fn degradations() -> Vec<(&'static str, Degrade)> {
    vec![
        ("as exported", |i| i.clone()),
        ("scaled to half", |i| {
            i.resize(
                i.width() / 2,
                i.height() / 2,
                image::imageops::FilterType::Triangle,
            )
        }),
        ("rotated 90°", |i| i.rotate90()),
        ("slight blur", |i| i.blur(1.5)),
        ("JPEG quality 60", |i| jpeg(i, 60)),
        ("all at once", |i| {
            jpeg(
                &i.resize(
                    i.width() / 2,
                    i.height() / 2,
                    image::imageops::FilterType::Triangle,
                )
                .rotate90()
                .blur(0.8),
                60,
            )
        }),
    ]
}

#[test]
fn a_whole_sheet_reads_back_from_its_png_and_from_degraded_copies() {
    let sealed = seal_sheet(&typical_sheet());
    let codes = qr::sheet_codes(&sealed, 20).unwrap();
    assert_eq!(codes.len(), 1);
    let png = png_of(&codes[0]);
    for (name, degrade) in degradations() {
        let back = read_back(&[degrade(&png)], name);
        assert_eq!(back, sealed, "{name}");
    }
}

#[test]
fn a_sheet_in_parts_reads_back_from_its_pngs_in_any_order() {
    let sealed = seal_sheet(&all_candidates_sheet());
    let codes = qr::sheet_codes(&sealed, 12).unwrap();
    assert!(codes.len() >= 3, "{}", codes.len());
    for (name, degrade) in degradations() {
        let mut images: Vec<DynamicImage> = codes.iter().map(|c| degrade(&png_of(c))).collect();
        images.reverse();
        assert_eq!(read_back(&images, name), sealed, "{name}");
    }
}

#[test]
fn a_photo_sized_picture_with_a_small_code_in_it_reads() {
    // A 12-megapixel "photo" (4000×3000) with the code at 1300 px, grey background.
    let sealed = seal_sheet(&typical_sheet());
    let code = render::symbol(&qr::to_text(&sealed), 20).unwrap();
    let small = render::to_image(&code, 12);
    let mut photo = GrayImage::from_pixel(4000, 3000, image::Luma([150]));
    image::imageops::overlay(&mut photo, &small, 1400, 800);
    let back = read_back(&[DynamicImage::ImageLuma8(photo)], "photo");
    assert_eq!(back, sealed);
}

#[test]
fn the_fingerprint_code_reads_as_plain_text() {
    let sealed = seal_sheet(&typical_sheet());
    let text = qr::fingerprint_code(&sealed);
    assert!(text.starts_with("MT1F:TK2025 0668::SB1 "), "{text}");
    let code = render::symbol(&text, 40).unwrap();
    assert!(
        render::version_of(&code) <= 4,
        "version {}",
        render::version_of(&code)
    );
    let found = scan::scan_image(&png_of(&text));
    let mut c = qr::Collector::new();
    match c.add(&found.texts[0]).unwrap() {
        qr::parts::Added::Fingerprint(f) => {
            assert_eq!(f.notation(), sealed.fingerprint());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_foreign_code_is_named_as_such() {
    let code = qrcode::QrCode::new("https://www.kiesraad.nl/").unwrap();
    let img = DynamicImage::ImageLuma8(render::to_image(&render::Symbol::from(&code), 8));
    let found = scan::scan_image(&img);
    let err = qr::Collector::new().add(&found.texts[0]).unwrap_err();
    assert!(err.to_string().contains("not a meetel code"), "{err}");
}
