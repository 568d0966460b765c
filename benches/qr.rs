//! Issue 4 targets: encode a sheet into its QR code(s) < 5 ms; decode one code from a
//! 12-megapixel photo-sized image < 500 ms.
//! Run: cargo bench --bench qr -- --warm-up-time 1 --measurement-time 3

#[path = "../tests/it/qr_support/mod.rs"]
mod qr_support;

use criterion::{criterion_group, criterion_main, Criterion};
use image::{DynamicImage, GrayImage, Luma};
use meetel::qr::{self, render, scan};
use std::hint::black_box;

fn encode(c: &mut Criterion) {
    for (name, sheet) in [
        ("typical list-level sheet", qr_support::typical_sheet()),
        ("all-candidates sheet", qr_support::all_candidates_sheet()),
    ] {
        let sealed = qr_support::seal_sheet(&sheet);
        c.bench_function(&format!("payload text of {name}"), |b| {
            b.iter(|| qr::to_text(black_box(&sealed)))
        });
        let text = qr::to_text(&sealed);
        c.bench_function(&format!("binary of {name}"), |b| {
            b.iter(|| qr::payload::encode(black_box(&sealed)))
        });
        let bin = qr::payload::encode(&sealed);
        c.bench_function(&format!("deflate of {name}"), |b| {
            b.iter(|| qr::payload::deflate(black_box(&bin)))
        });
        c.bench_function(&format!("symbol of {name}"), |b| {
            b.iter(|| render::symbol(black_box(&text), 40).unwrap().width())
        });
        c.bench_function(&format!("encode {name} into QR code(s)"), |b| {
            b.iter(|| {
                let codes = qr::sheet_codes(black_box(&sealed), qr::MAX_SCREEN_VERSION).unwrap();
                codes
                    .iter()
                    .map(|t| render::symbol(t, qr::MAX_SCREEN_VERSION).unwrap().width())
                    .sum::<usize>()
            })
        });
    }
}

fn decode(c: &mut Criterion) {
    let sealed = qr_support::seal_sheet(&qr_support::typical_sheet());
    let code = render::symbol(&qr::to_text(&sealed), 20).unwrap();
    // 4000×3000 = 12 megapixels, the code about 1300 px across on a grey background
    // with a light gradient, as a phone photo of a printed code.
    let small = render::to_image(&code, 12);
    let mut photo = GrayImage::from_fn(4000, 3000, |x, y| Luma([(120 + (x + y) / 100) as u8]));
    image::imageops::overlay(&mut photo, &small, 1400, 800);
    let photo = DynamicImage::ImageLuma8(photo);
    let mut g = c.benchmark_group("decode");
    g.sample_size(10);
    g.bench_function("one code from a 12-megapixel photo", |b| {
        b.iter(|| {
            let found = scan::scan_image(black_box(&photo));
            assert_eq!(found.texts.len(), 1);
            qr::decode_verified(&found.texts[0]).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, encode, decode);
criterion_main!(benches);
