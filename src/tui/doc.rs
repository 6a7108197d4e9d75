//! The open article laid out for the reading view: title rows, a blank row, then paragraphs separated
//! by blank rows, the same shape `sahifa render` prints. Built once per (article, width, options) and
//! kept until one of them changes; maps rows to body byte offsets and back.

use std::ops::Range;

use super::i18n::Catalog;
use crate::article::Article;
use crate::text::{self, LayoutOptions, Row};

/// Which text a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The headline.
    Title,
    /// The user's note on the article.
    Note,
    /// A paragraph of the body; its text starts at this byte offset of the body.
    Body(usize),
    /// A blank separator row.
    Blank,
    /// What cleaning removed: the folded line standing for a block, or, unfolded, its lines.
    Removed,
}

/// One row of the reading view.
#[derive(Debug, Clone)]
pub struct DocRow {
    /// Where its text comes from.
    pub source: Source,
    /// The laid-out row (cells are relative to the paragraph or title).
    pub row: Row,
}

impl DocRow {
    /// Logical byte range of the body this row covers (None for the title and blank rows).
    pub fn body_range(&self) -> Option<Range<usize>> {
        match self.source {
            Source::Body(base) => {
                let lo = self.row.cells.iter().map(|r| r.start).min()?;
                let hi = self.row.cells.iter().map(|r| r.end).max()?;
                Some(base + lo..base + hi)
            }
            _ => None,
        }
    }
}

/// The whole article, laid out.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Rows top to bottom.
    pub rows: Vec<DocRow>,
    /// The options it was laid out with.
    pub opts: LayoutOptions,
    /// The note it was laid out with.
    pub note: Option<String>,
    /// Whether removed blocks are shown in full (else one folded line each).
    pub unfolded: bool,
}

impl Doc {
    /// Lays out an article's title, the user's note on it, and its paragraphs; each block that
    /// cleaning removed is one dim folded line where it stood, or its lines when `unfolded`.
    pub fn build(
        article: &Article,
        note: Option<&str>,
        opts: LayoutOptions,
        unfolded: bool,
        words: &Catalog,
    ) -> Doc {
        let mut rows = Vec::new();
        let blank = || DocRow { source: Source::Blank, row: Row::default() };
        for row in text::layout(&article.title, &[], &opts) {
            rows.push(DocRow { source: Source::Title, row });
        }
        if let Some(n) = note {
            rows.push(blank());
            for row in text::layout(&format!("✎ {n}"), &[], &opts) {
                rows.push(DocRow { source: Source::Note, row });
            }
        }
        let removed_at = |i: usize| article.removed.iter().filter(move |r| r.at == i);
        let push_removed = |rows: &mut Vec<DocRow>, i: usize| {
            for r in removed_at(i) {
                rows.push(blank());
                if unfolded {
                    for line in &r.lines {
                        for row in text::layout(&format!("⊖ {line}"), &[], &opts) {
                            rows.push(DocRow { source: Source::Removed, row });
                        }
                    }
                } else {
                    let n = r.lines.len();
                    let label = if n == 1 {
                        words.get("reader.removed_one").to_string()
                    } else {
                        words.fmt("reader.removed", &[("n", &n)])
                    };
                    for row in text::layout(&label, &[], &opts) {
                        rows.push(DocRow { source: Source::Removed, row });
                    }
                }
            }
        };
        for (i, range) in article.paragraphs.iter().enumerate() {
            push_removed(&mut rows, i);
            rows.push(blank());
            for row in text::layout(&article.body[range.clone()], &[], &opts) {
                rows.push(DocRow { source: Source::Body(range.start), row });
            }
        }
        push_removed(&mut rows, article.paragraphs.len());
        Doc { rows, opts, note: note.map(str::to_string), unfolded }
    }

    /// The first row that shows body byte `offset` (or the nearest row after it).
    pub fn row_of_offset(&self, offset: usize) -> usize {
        let mut best = None;
        for (i, r) in self.rows.iter().enumerate() {
            if let Some(range) = r.body_range() {
                if range.contains(&offset) {
                    return i;
                }
                if range.start > offset && best.is_none() {
                    best = Some(i);
                }
            }
        }
        best.unwrap_or(0)
    }

    /// The body offset shown at the top of row `row` (the first body row at or after it).
    pub fn offset_of_row(&self, row: usize) -> usize {
        self.rows.iter().skip(row).find_map(|r| r.body_range().map(|r| r.start)).unwrap_or(0)
    }
}
