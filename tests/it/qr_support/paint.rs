//! Terminal cells as a picture, the way a phone camera sees the screen: a half block
//! `▀` is two pixels high (its foreground above, its background below), every other
//! cell shows its background. Cells left in the terminal's default colours are drawn
//! dark (a dark theme: the hard case for dark-on-light codes).

use image::{GrayImage, Luma};
use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// Paints `buf` with `px` pixels per cell column (and twice that per cell row).
pub fn paint(buf: &Buffer, px: u32) -> GrayImage {
    let area = buf.area;
    let level = |c: Color| match c {
        Color::White => 255u8,
        Color::Black => 0,
        _ => 30,
    };
    let mut img = GrayImage::new(area.width as u32 * px, area.height as u32 * 2 * px);
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &buf[(x, y)];
            let (top, bottom) = if cell.symbol() == "▀" {
                (level(cell.fg), level(cell.bg))
            } else {
                (level(cell.bg), level(cell.bg))
            };
            for dy in 0..2 * px {
                for dx in 0..px {
                    let v = if dy < px { top } else { bottom };
                    img.put_pixel(x as u32 * px + dx, y as u32 * 2 * px + dy, Luma([v]));
                }
            }
        }
    }
    img
}
