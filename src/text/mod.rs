//! Pure line layout for right-to-left text in terminals: no ratatui, no IO.
//!
//! [`layout`] takes one paragraph in logical order, styled spans over logical byte ranges, and
//! [`LayoutOptions`]; it returns screen [`Row`]s in display order, each with its styled runs, its
//! display width, its right-alignment offset and, for every cell, the logical byte range it shows.
//!
//! The pipeline (one code path, [`Layouter::rows`]): [`sanitize()`] (controls, ESC and explicit bidi
//! controls out) → [`width`] (grapheme clusters and their widths, with a fast path for Arabic and
//! ASCII) → [`bidi`] levels over the whole paragraph ([`implicit`] for sanitised text,
//! unicode-bidi otherwise) → [`shape`] (presentation forms, lam-alef) → [`wrap`] (UAX #14, by
//! unshaped cluster widths, so every mode breaks alike) → per row L1, L2 on clusters, L4 mirroring.
//!
//! Callers: the reader keeps a [`Layouter`] and calls [`Layouter::layout`] per paragraph (rows with
//! cells and runs); `render` calls [`Layouter::rows`] without pieces and writes the text straight
//! out. [`str_width`] measures a string as the layout does.

pub mod bidi;
pub mod engine;
pub mod implicit;
pub mod sanitize;
pub(crate) mod scan;
pub mod shape;
mod tables;
pub mod width;
pub mod wrap;

use std::ops::Range;

pub use engine::{Layouter, RowView};
pub use sanitize::sanitize;
pub use width::str_width;

/// Paragraph direction: from the first strong character (UAX #9 P2–P3), or forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BaseDirection {
    /// First strong character decides; LTR when there is none.
    #[default]
    Auto,
    /// Right to left.
    Rtl,
    /// Left to right.
    Ltr,
}

/// Which order rows are produced in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Display order, for terminals that do no bidi: reordered, mirrored, right-aligned.
    #[default]
    Visual,
    /// Logical order with the same line breaks, unshaped, unpadded: for terminals that do bidi.
    Logical,
    /// For terminals that shape each run of right-to-left cells themselves and so reverse it
    /// (kitty's HarfBuzz runs, split at spaces): rows laid out and right-aligned as in
    /// [`Order::Visual`], but every space-separated word the terminal will shape right to left is
    /// sent reversed back to logical order, its letters unshaped (harakat kept), so that the
    /// terminal's own reversal and shaping draw it right. A lam-alef pair is sent as its ligature
    /// (one cell, as in visual order), after a ZWJ when the lam joins the letter before it.
    Runs,
    /// For terminals that reorder every line themselves as a left-to-right paragraph, without
    /// mirroring and with lam-alef in two cells (Konsole): logical order, right-to-left rows
    /// wrapped in RLI … PDI and right-aligned, characters at odd levels sent mirrored, lam-alef
    /// sent as its ligature as in [`Order::Runs`].
    Isolated,
}

/// How to lay a paragraph out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Row width in cells (at least 1).
    pub width: usize,
    /// Paragraph direction.
    pub direction: BaseDirection,
    /// Visual or logical order.
    pub order: Order,
    /// Arabic presentation forms (only in visual order; [`Order::Runs`] leaves letters to the
    /// terminal and ligates lam-alef whatever this says).
    pub shape: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions { width: 80, direction: BaseDirection::Auto, order: Order::Visual, shape: true }
    }
}

/// A caller-chosen style tag over a logical byte range of the paragraph. Spans may overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleSpan {
    /// Byte range in the paragraph, in logical order.
    pub range: Range<usize>,
    /// The caller's style id; layout carries it through untouched.
    pub style: u32,
}

/// A maximal stretch of a row whose cells are covered by the same set of spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Byte range in [`Row::text`].
    pub bytes: Range<usize>,
    /// Cell range, counted from the start of [`Row::text`] (add [`Row::offset`] for the screen column).
    pub cells: Range<usize>,
    /// Style ids of every span covering this stretch, in the order the spans were given.
    pub styles: Vec<u32>,
}

/// One screen row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The row's text in display order (shaped when asked), without padding.
    pub text: String,
    /// Styled runs covering `text` left to right (stretches without spans are not listed).
    pub runs: Vec<Run>,
    /// Display width of `text` in cells.
    pub width: usize,
    /// Blank cells before `text` so that RTL rows end at the right edge (0 for LTR rows and in logical order).
    pub offset: usize,
    /// For each cell of `text`, left to right, the logical byte range of the paragraph it shows.
    pub cells: Vec<Range<usize>>,
    /// Whether the paragraph runs right to left.
    pub rtl: bool,
}

/// Lays out one paragraph (no newlines expected; any are treated as spaces) into rows of at most
/// `opts.width` cells.
///
/// The paragraph is sanitised first ([`sanitize()`]); `cells` and `spans` refer to the caller's
/// bytes. An empty paragraph gives one empty row. A single grapheme cluster wider than the row
/// (a double-width character when the width is 1) gets a row of its own, wider than the width.
/// Zero-width clusters (an LRM, a lone mark) share the cell of the cluster before them.
///
/// Laying out many paragraphs (a whole article on a resize), keep a [`Layouter`] and call
/// [`Layouter::layout`]: same result, buffers reused.
pub fn layout(paragraph: &str, spans: &[StyleSpan], opts: &LayoutOptions) -> Vec<Row> {
    Layouter::new().layout(paragraph, spans, opts)
}

impl Layouter {
    /// [`layout`] with this layouter's buffers.
    pub fn layout(&mut self, paragraph: &str, spans: &[StyleSpan], opts: &LayoutOptions) -> Vec<Row> {
        let mut rows = Vec::new();
        self.rows(paragraph, opts, true, &mut |v| rows.push(build_row(&v, spans)));
        rows
    }
}

/// Turns a borrowed row view into an owned [`Row`] with cells and styled runs.
fn build_row(v: &RowView<'_>, spans: &[StyleSpan]) -> Row {
    let mut cells = Vec::with_capacity(v.width);
    let mut runs: Vec<Run> = Vec::new();
    let mut col = 0;
    for p in v.pieces {
        let r = engine::piece_range(p);
        for _ in 0..p.cells {
            cells.push(r.clone());
        }
        let styles: Vec<u32> = spans
            .iter()
            .filter(|s| s.range.start < s.range.end && s.range.start < r.end && r.start < s.range.end)
            .map(|s| s.style)
            .collect();
        let (b0, b1) = (p.bytes.0 as usize, p.bytes.1 as usize);
        let c1 = col + p.cells as usize;
        if !styles.is_empty() {
            match runs.last_mut() {
                Some(last) if last.styles == styles && last.bytes.end == b0 && last.cells.end == col => {
                    last.bytes.end = b1;
                    last.cells.end = c1;
                }
                _ => runs.push(Run { bytes: b0..b1, cells: col..c1, styles }),
            }
        }
        col = c1;
    }
    Row { text: v.text.to_string(), runs, width: v.width, offset: v.offset, cells, rtl: v.rtl }
}
