//! Reading codes back from pictures: PNG exports and phone photos (PNG or JPEG), with
//! rqrr (a pure-Rust port of quirc) on the image's grey levels.

use std::path::Path;

use image::imageops::{self, FilterType};
use image::{DynamicImage, GrayImage};

/// Photos larger than this on their long side are first read at this size: a code
/// that fills a fair part of a 12-megapixel photo still has several pixels per module
/// there, and rqrr's work grows with the pixel count. Only when nothing decodes at this
/// size is the full-size image read too.
pub const FIRST_PASS_SIDE: u32 = 1600;

/// What one picture gave: the text of each code found, or why a code that was found
/// could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub texts: Vec<String>,
    /// Codes located but not decodable (blur, glare, cut off), with rqrr's reason.
    pub unreadable: Vec<String>,
}

/// Reads an image file. The format is taken from the file's first bytes, not its
/// name: photos arrive as `IMG_0001.JPG`, without an extension, or renamed by a chat
/// app, and a PNG saved as `.jpg` is still a PNG.
pub fn scan_file(path: &Path) -> Result<Found, String> {
    let unreadable = |e: &dyn std::fmt::Display| {
        format!("{}: not a readable PNG or JPEG image: {e}", path.display())
    };
    let img = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| unreadable(&e))?
        .decode()
        .map_err(|e| unreadable(&e))?;
    Ok(scan_image(&img))
}

/// Reads every code in a picture.
///
/// rqrr sometimes samples a sharp, well-sized code wrongly (a module grid off by a
/// fraction at some sizes and filters), and a slightly different picture of the same
/// code then reads. So when a code is located but does not decode, or nothing is found,
/// the picture is read again slightly blurred, smaller and (when small) larger, and
/// finally at full size for large photos; what any attempt decodes counts.
pub fn scan_image(img: &DynamicImage) -> Found {
    let long = img.width().max(img.height());
    let base = if long > FIRST_PASS_SIDE {
        img.thumbnail(FIRST_PASS_SIDE, FIRST_PASS_SIDE).to_luma8()
    } else {
        img.to_luma8()
    };
    let first = scan_luma(base.clone());
    let mut texts = first.texts.clone();
    let mut located = first.texts.len() + first.unreadable.len();
    let complete =
        |texts: &Vec<String>, located: usize| !texts.is_empty() && texts.len() >= located;
    if !complete(&texts, located) {
        let (w, h) = base.dimensions();
        let mut attempts: Vec<Box<dyn Fn() -> GrayImage + '_>> = vec![
            Box::new(|| imageops::blur(&base, 0.7)),
            // rqrr 0.11 binarises with a local threshold that a small, soft JPEG can
            // defeat; one global threshold at the mean grey level reads it again.
            Box::new(|| binarise_at_mean(&base)),
            Box::new(|| imageops::resize(&base, w * 4 / 5, h * 4 / 5, FilterType::Lanczos3)),
        ];
        if w.max(h) <= 1200 {
            attempts.push(Box::new(|| {
                imageops::resize(&base, w * 2, h * 2, FilterType::Triangle)
            }));
        }
        if long > FIRST_PASS_SIDE {
            attempts.push(Box::new(|| img.to_luma8()));
        }
        for attempt in attempts {
            let f = scan_luma(attempt());
            located = located.max(f.texts.len() + f.unreadable.len());
            for t in f.texts {
                if !texts.contains(&t) {
                    texts.push(t);
                }
            }
            if complete(&texts, located) {
                break;
            }
        }
    }
    let missing = located.saturating_sub(texts.len());
    let mut unreadable = first.unreadable;
    unreadable.truncate(missing);
    while unreadable.len() < missing {
        unreadable.push("located in a retry but not decodable".into());
    }
    Found { texts, unreadable }
}

/// Black below the image's mean grey level, white from it.
fn binarise_at_mean(img: &GrayImage) -> GrayImage {
    let pixels = u64::from(img.width()) * u64::from(img.height());
    let sum: u64 = img.pixels().map(|p| u64::from(p.0[0])).sum();
    let mean = sum.checked_div(pixels).unwrap_or(128) as u8;
    let mut out = img.clone();
    for p in out.pixels_mut() {
        p.0[0] = if p.0[0] < mean { 0 } else { 255 };
    }
    out
}

/// Reads every code in a grey image at its own size.
pub fn scan_luma(img: GrayImage) -> Found {
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let mut found = Found {
        texts: Vec::new(),
        unreadable: Vec::new(),
    };
    for grid in prepared.detect_grids() {
        match grid.decode() {
            Ok((_, text)) => {
                if !found.texts.contains(&text) {
                    found.texts.push(text);
                }
            }
            Err(e) => found.unreadable.push(e.to_string()),
        }
    }
    found
}
