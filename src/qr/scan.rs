//! Reading codes back from pictures: PNG exports and phone photos (PNG or JPEG), with
//! rqrr (a pure-Rust port of quirc) on the image's grey levels.

use std::path::Path;

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

/// Reads an image file.
pub fn scan_file(path: &Path) -> Result<Found, String> {
    let img = image::open(path)
        .map_err(|e| format!("{}: not a readable PNG or JPEG image: {e}", path.display()))?;
    Ok(scan_image(&img))
}

/// Reads every code in a picture.
pub fn scan_image(img: &DynamicImage) -> Found {
    let long = img.width().max(img.height());
    if long > FIRST_PASS_SIDE {
        let small = img.thumbnail(FIRST_PASS_SIDE, FIRST_PASS_SIDE).to_luma8();
        let found = scan_luma(small);
        if !found.texts.is_empty() {
            return found;
        }
    }
    scan_luma(img.to_luma8())
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
