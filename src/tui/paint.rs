//! Painting laid-out rows into a ratatui buffer cell by cell.
//!
//! Rows are written one grapheme per cell instead of through `Line`/`Span`: ratatui measures a
//! `Line` with `str::width` (which counts lam+alef as one cell while the terminal draws two) and drops
//! spans holding only a haraka. Zero-width clusters are attached to the cell before them.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::text::Row;

/// Paints `row` on screen line `y` inside `area` (right-aligned by `row.offset`), styling each cell
/// with `base` patched by `style_of(logical byte range of the cell)`. Cells past the area are cut.
pub fn paint_row(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    row: &Row,
    base: Style,
    mut style_of: impl FnMut(&Range<usize>) -> Style,
) {
    if y < area.top() || y >= area.bottom() {
        return;
    }
    let right = area.right();
    let mut x = area.left().saturating_add(row.offset.min(u16::MAX as usize) as u16);
    let mut cell_idx = 0usize;
    let mut last: Option<u16> = None;
    // Zero-width text before the first cell (the RLI of an isolated row) goes into that cell.
    let mut lead = String::new();
    // Clusters as the layout cut them (a run of Hangul jamo is one cluster but many cells).
    for g in crate::text::width::drawn_clusters(&row.text) {
        let w = g.width();
        if w == 0 {
            if let Some(lx) = last {
                let cell = &mut buf[(lx, y)];
                let sym = format!("{}{}", cell.symbol(), g);
                cell.set_symbol(&sym);
            } else {
                lead.push_str(g);
            }
            continue;
        }
        if x.saturating_add(w as u16) > right {
            break;
        }
        let style = match row.cells.get(cell_idx) {
            Some(r) => base.patch(style_of(r)),
            None => base,
        };
        if lead.is_empty() {
            buf[(x, y)].set_symbol(g).set_style(style);
        } else {
            lead.push_str(g);
            buf[(x, y)].set_symbol(&lead).set_style(style);
            lead.clear();
        }
        last = Some(x);
        for k in 1..w as u16 {
            buf[(x + k, y)].reset();
            buf[(x + k, y)].set_style(style);
        }
        x += w as u16;
        cell_idx += w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn row(text: &str, offset: usize) -> Row {
        let n = text.graphemes(true).map(|g| g.width()).sum();
        Row {
            text: text.into(),
            width: n,
            offset,
            cells: (0..n).map(|i| i..i + 1).collect(),
            runs: vec![],
            rtl: true,
        }
    }

    #[test]
    fn haraka_cluster_stays_with_its_letter_and_offset_right_aligns() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let area = buf.area;
        paint_row(&mut buf, area, 0, &row("بَب", 3), Style::default(), |_| Style::default());
        assert_eq!(buf[(3, 0)].symbol(), "بَ");
        assert_eq!(buf[(4, 0)].symbol(), "ب");
        assert_eq!(buf[(0, 0)].symbol(), " ");
    }

    #[test]
    fn leading_zero_width_text_joins_the_first_cell() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        let area = buf.area;
        paint_row(&mut buf, area, 0, &row("\u{2067}بب\u{2069}", 2), Style::default(), |_| Style::default());
        assert_eq!(buf[(2, 0)].symbol(), "\u{2067}ب");
        assert_eq!(buf[(3, 0)].symbol(), "ب\u{2069}");
    }

    #[test]
    fn rows_wider_than_the_area_are_cut() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        let area = buf.area;
        paint_row(&mut buf, area, 0, &row("abcdef", 0), Style::default(), |_| Style::default());
        assert_eq!(buf[(2, 0)].symbol(), "c");
    }
}
