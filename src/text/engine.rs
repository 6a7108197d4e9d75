//! The layout engine: one paragraph through sanitising, units, bidi levels, shaping, wrapping and
//! per-row reordering, with buffers reused from paragraph to paragraph (no allocation per row).
//!
//! [`Layouter::rows`] is the single code path: [`super::layout`] uses it to build full [`super::Row`]s
//! (cells and runs), `render` uses it to write row text straight out.

use std::ops::Range;

use super::bidi::{self, bidi_class};
use super::implicit::{Scratch, resolve_items};
use super::sanitize::{needs_sanitizing, sanitize_into};
use super::shape::shape_units;
use super::width::{Unit, units_into};
use super::wrap::wrap;
use super::{BaseDirection, LayoutOptions, Order};

/// One unit as drawn in a row: where its text is in the row, how many cells it takes, and the
/// logical byte range (of the sanitised paragraph) it shows.
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    /// Byte range in the row text.
    pub bytes: (u32, u32),
    /// Cells it takes.
    pub cells: u8,
    /// Logical byte range in the sanitised paragraph.
    pub logical: (u32, u32),
}

/// A row as produced by [`Layouter::rows`], borrowed from the layouter's buffers.
#[derive(Debug)]
pub struct RowView<'a> {
    /// Text in display order, without padding.
    pub text: &'a str,
    /// Display width of `text`.
    pub width: usize,
    /// Blank cells before `text` (right alignment of RTL rows in visual order).
    pub offset: usize,
    /// Whether the paragraph runs right to left.
    pub rtl: bool,
    /// The units of the row, left to right (empty unless pieces were asked for).
    pub pieces: &'a [Piece],
}

/// Reusable state for laying out paragraphs; keep one and feed it paragraph after paragraph.
#[derive(Debug, Default)]
pub struct Layouter {
    sbuf: String,
    map: Vec<u32>,
    units: Vec<Unit>,
    lines: Vec<(u32, u32)>,
    levels: Vec<u8>,
    order: Vec<u32>,
    scratch: Vec<u8>,
    row: String,
    pieces: Vec<Piece>,
    bidi: Scratch,
}

impl Layouter {
    /// A layouter with empty buffers.
    pub fn new() -> Layouter {
        Layouter::default()
    }

    /// Lays out `par` and calls `sink` once per row, in order. With `pieces`, each row also lists its
    /// units ([`RowView::pieces`]) with logical ranges in the caller's `par` (mapped back through
    /// sanitising). The paragraph is sanitised first (see [`super::sanitize()`]).
    pub fn rows(&mut self, par: &str, opts: &LayoutOptions, pieces: bool, sink: &mut dyn FnMut(RowView<'_>)) {
        let mut sbuf = std::mem::take(&mut self.sbuf);
        let sanitized = needs_sanitizing(par);
        if sanitized {
            sanitize_into(par, &mut sbuf, &mut self.map);
        }
        let text: &str = if sanitized { &sbuf } else { par };
        self.run(text, opts, pieces, sanitized, sink);
        self.sbuf = sbuf;
    }

    fn run(
        &mut self,
        text: &str,
        opts: &LayoutOptions,
        want_pieces: bool,
        mapped: bool,
        sink: &mut dyn FnMut(RowView<'_>),
    ) {
        let width = opts.width.max(1);
        let simple = units_into(text, &mut self.units);
        let visual = opts.order == Order::Visual;
        let para = if visual {
            self.levels_of_units(text, opts.direction, simple)
        } else {
            bidi::paragraph_level(text, opts.direction)
        };
        let rtl = para % 2 == 1;
        let shaping = visual && opts.shape;
        if shaping {
            shape_units(text, &mut self.units, simple);
        }
        wrap(text, &self.units, width, &mut self.lines);
        let map = if mapped { Some(&self.map[..]) } else { None };
        let back = |b: u32| map.and_then(|m| m.get(b as usize).copied()).unwrap_or(b);
        for li in 0..self.lines.len() {
            let (a, b) = self.lines[li];
            let units = self.units.get(a as usize..b as usize).unwrap_or(&[]);
            self.row.clear();
            self.pieces.clear();
            let mut w = 0usize;
            if visual {
                self.levels.clear();
                self.levels.extend(units.iter().map(|u| u.level));
                let first_class = |i: usize| bidi_class(units[i].first);
                // Sanitised text holds no segment or paragraph separators.
                bidi::reorder(&mut self.levels, first_class, para, false, &mut self.order, &mut self.scratch);
                let mut p = 0;
                while p < self.order.len() {
                    let k = self.order[p] as usize;
                    let u = &units[k];
                    let start = self.row.len() as u32;
                    let mut cells = u.width;
                    let mut logical = (u.start, u.end);
                    // A lam-alef pair on one row: the alef comes first in visual order, then the lam.
                    let lam =
                        (shaping && k > 0 && p + 1 < self.order.len() && self.order[p + 1] as usize == k - 1)
                            .then(|| &units[k - 1])
                            .filter(|l| l.lig != '\0');
                    if let Some(l) = lam {
                        self.row.push(l.lig);
                        self.row.push_str(
                            text.get(l.start as usize + l.first.len_utf8()..l.end as usize).unwrap_or(""),
                        );
                        cells = 1;
                        logical = (l.start, u.end);
                        p += 1;
                    } else {
                        let c = if shaping && u.shaped != '\0' {
                            u.shaped
                        } else if u.level % 2 == 1 {
                            bidi::mirror(u.first)
                        } else {
                            u.first
                        };
                        self.row.push(c);
                        let rest = u.start as usize + u.first.len_utf8();
                        if rest < u.end as usize {
                            self.row.push_str(text.get(rest..u.end as usize).unwrap_or(""));
                        }
                    }
                    w += cells as usize;
                    if want_pieces {
                        let end = self.row.len() as u32;
                        self.pieces.push(Piece {
                            bytes: (start, end),
                            cells,
                            logical: (back(logical.0), back(logical.1)),
                        });
                    }
                    p += 1;
                }
            } else if let (Some(f), Some(l)) = (units.first(), units.last()) {
                self.row.push_str(text.get(f.start as usize..l.end as usize).unwrap_or(""));
                for u in units {
                    w += u.width as usize;
                    if want_pieces {
                        let bytes = (u.start - f.start, u.end - f.start);
                        self.pieces.push(Piece {
                            bytes,
                            cells: u.width,
                            logical: (back(u.start), back(u.end)),
                        });
                    }
                }
            }
            let offset = if visual && rtl { width.saturating_sub(w) } else { 0 };
            sink(RowView { text: &self.row, width: w, offset, rtl, pieces: &self.pieces });
        }
    }
}

impl Layouter {
    /// Sets [`Unit::level`] on every unit and returns the paragraph level. Units of one base and
    /// its marks resolve as a whole (the marks take their base's class and level); anything else
    /// resolves per character, and a unit takes the level of its first character.
    fn levels_of_units(&mut self, text: &str, dir: BaseDirection, simple: bool) -> u8 {
        if simple {
            let s = &mut self.bidi;
            s.chars.clear();
            s.orig.clear();
            s.chars.extend(self.units.iter().map(|u| u.first));
            s.orig.extend(s.chars.iter().map(|&c| bidi_class(c)));
            let forced = match dir {
                BaseDirection::Auto => None,
                BaseDirection::Rtl => Some(1),
                BaseDirection::Ltr => Some(0),
            };
            if let Some(para) = resolve_items(forced, s) {
                for (u, &l) in self.units.iter_mut().zip(&s.levels) {
                    u.level = l;
                }
                return para;
            }
        }
        let units = &mut self.units;
        let mut k = 0;
        bidi::resolve_with(text, dir, &mut self.bidi, |byte, _, level| {
            while k < units.len() && (units[k].start as usize) < byte {
                k += 1;
            }
            if let Some(u) = units.get_mut(k).filter(|u| u.start as usize == byte) {
                u.level = level;
            }
        })
    }
}

/// The logical range of a piece as a `Range<usize>`.
pub fn piece_range(p: &Piece) -> Range<usize> {
    p.logical.0 as usize..p.logical.1 as usize
}
