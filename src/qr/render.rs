//! Drawing codes: the QR symbol for a text, and that symbol as PNG, SVG or terminal text.
//! Always dark modules on a light background with a 4-module quiet zone (ISO/IEC 18004
//! asks for it, and phone scanners fail without it).

use image::{GrayImage, Luma};
use qrcode::bits::Bits;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::{Color, Version};
use qrcode::{EcLevel, QrCode};

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

/// A QR symbol: its version and its modules, row by row (`true` is dark), without the
/// quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    version: i16,
    width: usize,
    dark: Vec<bool>,
}

impl Symbol {
    pub fn version(&self) -> i16 {
        self.version
    }

    /// Modules per side, without the quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }
}

impl From<&QrCode> for Symbol {
    fn from(code: &QrCode) -> Symbol {
        Symbol {
            version: match code.version() {
                Version::Normal(v) | Version::Micro(v) => v,
            },
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        }
    }
}

/// The smallest code for `text` at [`EC_LEVEL`] no larger than `max_version`: one
/// alphanumeric segment when the text allows (all of meetel's sheet codes), else the
/// qrcode crate's optimal mix of segments.
pub fn symbol(text: &str, max_version: i16) -> Result<Symbol, QrError> {
    symbol_at(text, max_version, EC_LEVEL)
}

/// As [`symbol`], at another error-correction level.
pub fn symbol_at(text: &str, max_version: i16, ec: EcLevel) -> Result<Symbol, QrError> {
    let too_large = || {
        QrError::Capacity(format!(
            "{} characters do not fit a code of version {max_version} or less at error correction {ec:?}",
            text.len()
        ))
    };
    let alphanumeric = is_alphanumeric(text);
    for version in 1..=max_version.min(40) {
        let mut bits = Bits::new(Version::Normal(version));
        let pushed = if alphanumeric {
            bits.push_alphanumeric_data(text.as_bytes())
        } else {
            bits.push_optimal_data(text.as_bytes())
        };
        if pushed.is_err() || bits.push_terminator(ec).is_err() {
            continue;
        }
        return draw(bits, ec).ok_or_else(too_large);
    }
    Err(too_large())
}

/// Error-correction codewords, function patterns, data, and the mask with the lowest
/// ISO/IEC 18004 penalty. The qrcode crate does the same in `QrCode::with_bits`, but
/// its penalty scoring takes about 10 ms for a version-18 symbol, twice the budget of
/// a whole encode; [`penalty`] scores the eight masks in well under a millisecond.
fn draw(bits: Bits, ec: EcLevel) -> Option<Symbol> {
    let version = bits.version();
    let data = bits.into_bytes();
    let (encoded, ec_data) = qrcode::ec::construct_codewords(&data, version, ec).ok()?;
    let mut canvas = Canvas::new(version, ec);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec_data);
    let width = version.width() as usize;
    let best = MASKS
        .iter()
        .map(|m| {
            let mut c = canvas.clone();
            c.apply_mask(*m);
            let dark: Vec<bool> = c
                .into_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect();
            (penalty(&dark, width), dark)
        })
        .min_by_key(|(p, _)| *p)?;
    let Version::Normal(v) = version else {
        return None;
    };
    Some(Symbol {
        version: v,
        width,
        dark: best.1,
    })
}

const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The ISO/IEC 18004 (7.8.3) mask penalty: runs of five or more (N1), 2×2 blocks
/// (N2), finder-like 1:1:3:1:1 patterns beside four light modules (N3), and the
/// balance of dark and light (N4).
pub fn penalty(dark: &[bool], width: usize) -> u32 {
    const FINDER_A: [bool; 11] = [
        true, false, true, true, true, false, true, false, false, false, false,
    ];
    const FINDER_B: [bool; 11] = [
        false, false, false, false, true, false, true, true, true, false, true,
    ];
    let columns: Vec<bool> = (0..width * width)
        .map(|i| dark[(i % width) * width + i / width])
        .collect();
    let mut score = 0u32;
    for lines in [dark, &columns[..]] {
        for line in lines.chunks_exact(width) {
            let mut run = 1;
            for x in 1..=width {
                if x < width && line[x] == line[x - 1] {
                    run += 1;
                } else {
                    if run >= 5 {
                        score += 3 + (run - 5);
                    }
                    run = 1;
                }
            }
            for w in line.windows(11) {
                if w == FINDER_A || w == FINDER_B {
                    score += 40;
                }
            }
        }
    }
    for y in 0..width - 1 {
        let (row, next) = (
            &dark[y * width..(y + 1) * width],
            &dark[(y + 1) * width..(y + 2) * width],
        );
        for x in 0..width - 1 {
            let c = row[x];
            if row[x + 1] == c && next[x] == c && next[x + 1] == c {
                score += 3;
            }
        }
    }
    let total = (width * width) as u32;
    let darks = dark.iter().filter(|d| **d).count() as u32;
    let percent_off = (darks * 100 / total).abs_diff(50);
    score + percent_off / 5 * 10
}

/// The version of a symbol (1–40).
pub fn version_of(code: &Symbol) -> i16 {
    code.version
}

/// The symbol's modules with the quiet zone, row by row; `true` is dark.
pub fn modules(code: &Symbol) -> Vec<Vec<bool>> {
    let w = code.width;
    let full = w + 2 * QUIET_ZONE;
    (0..full)
        .map(|y| {
            (0..full)
                .map(|x| {
                    let (qx, qy) = (x.wrapping_sub(QUIET_ZONE), y.wrapping_sub(QUIET_ZONE));
                    qx < w && qy < w && code.is_dark(qx, qy)
                })
                .collect()
        })
        .collect()
}

/// The symbol as a grey image, `module_px` pixels per module, quiet zone included.
pub fn to_image(code: &Symbol, module_px: u32) -> GrayImage {
    let m = modules(code);
    let side = m.len() as u32 * module_px;
    GrayImage::from_fn(side, side, |x, y| {
        let dark = m[(y / module_px) as usize][(x / module_px) as usize];
        Luma([if dark { 0 } else { 255 }])
    })
}

/// The symbol as PNG bytes at [`PNG_MODULE_PX`].
pub fn to_png(code: &Symbol) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    to_image(code, PNG_MODULE_PX)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encoding a PNG into memory cannot fail");
    out.into_inner()
}

/// The symbol as a standalone SVG (one path of dark squares on a white rectangle),
/// sized in millimetres for print: 0.85 mm per module, like the PNG at 300 dpi.
pub fn to_svg(code: &Symbol) -> String {
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
pub fn to_terminal_text(code: &Symbol) -> String {
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
    fn penalty_scores_runs_blocks_finder_patterns_and_balance() {
        // 11×11, all light: N1 11 runs of 11 in both directions (3+6 each), N2 10×10
        // blocks, no finder pattern, N4 50 % off → 100.
        let light = vec![false; 121];
        assert_eq!(penalty(&light, 11), 2 * 11 * 9 + 100 * 3 + 100);
        // One row holding a finder-like pattern scores 40 more than that row without it.
        let mut with = vec![false; 121];
        let mut without = vec![false; 121];
        let pattern = [
            true, false, true, true, true, false, true, false, false, false, false,
        ];
        let shifted = [
            false, true, false, true, true, true, false, true, false, false, false,
        ];
        with[55..66].copy_from_slice(&pattern);
        without[55..66].copy_from_slice(&shifted);
        let (a, b) = (penalty(&with, 11), penalty(&without, 11));
        assert!(a > b, "{a} vs {b}");
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
