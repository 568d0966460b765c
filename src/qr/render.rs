//! Drawing codes: the QR symbol for a text, and that symbol as PNG, SVG or terminal text.
//! Always dark modules on a light background with a 4-module quiet zone (ISO/IEC 18004
//! asks for it, and phone scanners fail without it).

use image::{GrayImage, Luma};
use qrcode::bits::Bits;
use qrcode::types::{Color, Version};
use qrcode::QrCode;

use super::{QrError, EC_LEVEL};

/// Modules of light margin around every symbol.
pub const QUIET_ZONE: usize = 4;

/// Pixels per module in PNG exports: a version-20 code (97 modules + margin) is 1050
/// pixels, about 9 cm printed at 300 dpi, with 0.85 mm modules that any phone reads.
pub const PNG_MODULE_PX: u32 = 10;

/// How many characters of QR alphanumeric mode fit a code of `version` at
/// [`EC_LEVEL`] (ISO/IEC 18004 table 7, computed from the data capacity the qrcode
/// crate knows: 4 bits mode, the length field, 11 bits per pair, 6 for a last one).
pub fn alphanumeric_capacity(version: i16) -> usize {
    if !(1..=40).contains(&version) {
        return 0;
    }
    let bits = Bits::new(Version::Normal(version))
        .max_len(EC_LEVEL)
        .expect("normal versions have a capacity");
    let length_bits = match version {
        1..=9 => 9,
        10..=26 => 11,
        _ => 13,
    };
    let avail = bits - 4 - length_bits;
    avail / 11 * 2 + usize::from(avail % 11 >= 6)
}

/// Whether every character is in the QR alphanumeric set (0-9 A-Z space $ % * + - . / :).
pub fn is_alphanumeric(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || b" $%*+-./:".contains(&b))
}

/// The smallest code for `text` at [`EC_LEVEL`] no larger than `max_version`: one
/// alphanumeric segment when the text allows (all of meetel's sheet codes), else the
/// qrcode crate's optimal mix of segments.
pub fn symbol(text: &str, max_version: i16) -> Result<QrCode, QrError> {
    let too_large = || {
        QrError::Capacity(format!(
            "{} characters do not fit a code of version {max_version} or less at error correction M",
            text.len()
        ))
    };
    if is_alphanumeric(text) {
        let version = (1..=max_version)
            .find(|v| alphanumeric_capacity(*v) >= text.len())
            .ok_or_else(too_large)?;
        let mut bits = Bits::new(Version::Normal(version));
        bits.push_alphanumeric_data(text.as_bytes())
            .map_err(|_| too_large())?;
        bits.push_terminator(EC_LEVEL).map_err(|_| too_large())?;
        QrCode::with_bits(bits, EC_LEVEL).map_err(|_| too_large())
    } else {
        let code = QrCode::with_error_correction_level(text, EC_LEVEL).map_err(|_| too_large())?;
        match code.version() {
            Version::Normal(v) if v <= max_version => Ok(code),
            _ => Err(too_large()),
        }
    }
}

/// The version of a symbol (1–40).
pub fn version_of(code: &QrCode) -> i16 {
    match code.version() {
        Version::Normal(v) | Version::Micro(v) => v,
    }
}

/// The symbol's modules with the quiet zone, row by row; `true` is dark.
pub fn modules(code: &QrCode) -> Vec<Vec<bool>> {
    let w = code.width();
    let full = w + 2 * QUIET_ZONE;
    let colors = code.to_colors();
    (0..full)
        .map(|y| {
            (0..full)
                .map(|x| {
                    let (qx, qy) = (x.wrapping_sub(QUIET_ZONE), y.wrapping_sub(QUIET_ZONE));
                    qx < w && qy < w && colors[qy * w + qx] == Color::Dark
                })
                .collect()
        })
        .collect()
}

/// The symbol as a grey image, `module_px` pixels per module, quiet zone included.
pub fn to_image(code: &QrCode, module_px: u32) -> GrayImage {
    let m = modules(code);
    let side = m.len() as u32 * module_px;
    GrayImage::from_fn(side, side, |x, y| {
        let dark = m[(y / module_px) as usize][(x / module_px) as usize];
        Luma([if dark { 0 } else { 255 }])
    })
}

/// The symbol as PNG bytes at [`PNG_MODULE_PX`].
pub fn to_png(code: &QrCode) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    to_image(code, PNG_MODULE_PX)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encoding a PNG into memory cannot fail");
    out.into_inner()
}

/// The symbol as a standalone SVG (one path of dark squares on a white rectangle),
/// sized in millimetres for print: 0.85 mm per module, like the PNG at 300 dpi.
pub fn to_svg(code: &QrCode) -> String {
    let m = modules(code);
    let n = m.len();
    let mut path = String::new();
    for (y, row) in m.iter().enumerate() {
        let mut x = 0;
        while x < n {
            if row[x] {
                let start = x;
                while x < n && row[x] {
                    x += 1;
                }
                path.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    let mm = n as f64 * 0.85;
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{mm:.1}mm\" height=\"{mm:.1}mm\" \
         viewBox=\"0 0 {n} {n}\" shape-rendering=\"crispEdges\">\n\
         <rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"{path}\"/>\n</svg>\n"
    )
}

/// The symbol for a terminal: upper half blocks (`▀`), one module per column and two
/// per line, black on bright white with ANSI colour codes so that it is dark on light
/// whatever the terminal's theme. Each line resets its colours at the end.
pub fn to_terminal_text(code: &QrCode) -> String {
    let m = modules(code);
    let mut out = String::new();
    for pair in m.chunks(2) {
        for x in 0..m.len() {
            let top = pair[0][x];
            let bottom = pair.get(1).is_some_and(|r| r[x]);
            // fg colours the upper half, bg the lower: 30 black / 97 bright white,
            // 40 black / 107 bright white.
            out.push_str(match (top, bottom) {
                (true, true) => "\x1b[30;40m▀",
                (true, false) => "\x1b[30;107m▀",
                (false, true) => "\x1b[97;40m▀",
                (false, false) => "\x1b[97;107m▀",
            });
        }
        out.push_str("\x1b[0m\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacities_match_the_iso_table_at_m() {
        // ISO/IEC 18004 table 7, alphanumeric, level M.
        for (v, cap) in [(1, 20), (4, 90), (5, 122), (10, 311), (20, 970), (40, 3391)] {
            assert_eq!(alphanumeric_capacity(v), cap, "version {v}");
        }
    }

    #[test]
    fn picks_the_smallest_version_and_refuses_past_the_maximum() {
        let text = "MT1:".to_string() + &"A".repeat(86);
        assert_eq!(version_of(&symbol(&text, 40).unwrap()), 4);
        let text = "A".repeat(971);
        assert_eq!(version_of(&symbol(&text, 21).unwrap()), 21);
        assert!(matches!(symbol(&text, 20), Err(QrError::Capacity(_))));
    }

    #[test]
    fn modules_have_the_quiet_zone() {
        let code = symbol("MT1:HELLO", 40).unwrap();
        let m = modules(&code);
        assert_eq!(m.len(), 21 + 8);
        assert!(m[..4].iter().flatten().all(|d| !d));
        assert!(m[4][4], "finder pattern corner is dark");
    }
}
