//! The layout engine: one paragraph through sanitising, units, bidi levels, shaping, wrapping and
//! per-row reordering, with buffers reused from paragraph to paragraph (no allocation per row).
//!
//! [`Layouter::rows`] is the single code path: [`super::layout`] uses it to build full [`super::Row`]s
//! (cells and runs), `render` uses it to write row text straight out.

use std::ops::Range;

use super::bidi::{self, bidi_class};
use super::implicit::{Scratch, resolve_items};
use super::sanitize::{needs_sanitizing, sanitize_into};
use super::shape::{Joining, joining, shape_units};
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

/// What a unit holds after its first character (the marks on a letter).
fn marks_of<'t>(text: &'t str, u: &Unit) -> &'t str {
    text.get(u.start as usize + u.first.len_utf8()..u.end as usize).unwrap_or("")
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
    items: Vec<Item>,
    bidi: Scratch,
}

/// One cell's worth of a row in display order: a unit, or a lam-alef pair (the alef's unit, with
/// the lam's in `lam`).
#[derive(Debug, Clone, Copy)]
struct Item {
    unit: u32,
    lam: u32,
}

/// [`Item::lam`] of an item that is not a lam-alef pair.
const NO_LAM: u32 = u32::MAX;

/// Where a row is written: its text, and its pieces when asked for.
struct Out<'a> {
    row: &'a mut String,
    pieces: &'a mut Vec<Piece>,
    want_pieces: bool,
    back: &'a dyn Fn(u32) -> u32,
}

impl Out<'_> {
    /// Writes an item as visual order shows it: shaped (when `shaping`), mirrored at odd levels.
    /// Returns its cells.
    fn visual(&mut self, text: &str, units: &[Unit], it: &Item, shaping: bool) -> usize {
        let u = &units[it.unit as usize];
        let start = self.row.len() as u32;
        if let Some(l) = units.get(it.lam as usize) {
            self.row.push(l.lig);
            self.row.push_str(text.get(l.start as usize + l.first.len_utf8()..l.end as usize).unwrap_or(""));
            self.row.push_str(marks_of(text, u));
            return self.piece(start, 1, (l.start, u.end));
        }
        let body = text.get(u.start as usize..u.end as usize).unwrap_or("");
        // A unit that opens with marks (a paragraph starting with a haraka): its letter is drawn
        // first, the marks after it, so the cell starts with a base character (as FriBidi orders it).
        let lead = if body.len() > u.first.len_utf8() && joining(u.first) == Joining::T {
            body.char_indices().find(|&(_, c)| joining(c) != Joining::T).map_or(0, |(i, _)| i)
        } else {
            0
        };
        let base = body[lead..].chars().next().unwrap_or(u.first);
        let c = if shaping && u.shaped != '\0' {
            u.shaped
        } else if u.level % 2 == 1 {
            bidi::mirror(base)
        } else {
            base
        };
        self.row.push(c);
        self.row.push_str(body.get(lead + base.len_utf8()..).unwrap_or(""));
        self.row.push_str(&body[..lead]);
        self.piece(start, u.width, (u.start, u.end))
    }

    /// Writes a word (items in display order) in logical order for a terminal that reverses and
    /// shapes the word itself: letters unshaped, marks kept; other characters mirrored where the
    /// terminal's mirroring of its right-to-left run must give back what visual order shows; a
    /// lam-alef pair as its ligature (one cell), after a ZWJ when the lam joins the letter before
    /// it. Returns the cells written.
    ///
    /// kitty hands the glyphs HarfBuzz returns (right to left: the last letter's first) to the
    /// cells from the left, as many to each cell as it holds code points; so every cell must hold
    /// as many code points as its mirror cell at the other end of the word, or marks and letters
    /// land in the wrong cells. Cells with fewer get combining grapheme joiners (U+034F: invisible,
    /// transparent to joining) until the counts read the same from both ends.
    fn logical_word(&mut self, text: &str, units: &[Unit], chunk: &[Item]) -> usize {
        let mut word = String::new();
        // (start, end) in `word`, cells, logical range.
        let mut cells: Vec<(usize, usize, u8, (u32, u32))> = Vec::with_capacity(chunk.len());
        for it in chunk.iter().rev() {
            let u = &units[it.unit as usize];
            if let Some(l) = units.get(it.lam as usize) {
                // The final forms of the four lam-alef ligatures are the even code points.
                if let Some(prev) = cells.last_mut().filter(|_| (l.lig as u32).is_multiple_of(2)) {
                    word.push('\u{200D}');
                    prev.1 = word.len();
                }
                let start = word.len();
                word.push(l.lig);
                word.push_str(text.get(l.start as usize + l.first.len_utf8()..l.end as usize).unwrap_or(""));
                word.push_str(marks_of(text, u));
                cells.push((start, word.len(), 1, (l.start, u.end)));
                continue;
            }
            let start = word.len();
            word.push(if u.shaped != '\0' || u.level % 2 == 1 { u.first } else { bidi::mirror(u.first) });
            word.push_str(text.get(u.start as usize + u.first.len_utf8()..u.end as usize).unwrap_or(""));
            cells.push((start, word.len(), u.width, (u.start, u.end)));
        }
        let count = |c: &(usize, usize, u8, (u32, u32))| word[c.0..c.1].chars().count();
        let n = cells.len();
        let mut w = 0;
        for (j, c) in cells.iter().enumerate() {
            let start = self.row.len() as u32;
            self.row.push_str(&word[c.0..c.1]);
            for _ in count(c)..count(&cells[n - 1 - j]) {
                self.row.push('\u{34F}');
            }
            w += self.piece(start, c.2, c.3);
        }
        w
    }

    /// Writes a row in logical order for a terminal that reorders every line as a left-to-right
    /// paragraph and neither mirrors nor keeps lam-alef in one cell (Konsole): a right-to-left row
    /// inside RLI … PDI (so that its own bidi treats it as right-to-left text), characters at odd
    /// levels mirrored, lam-alef as its ligature (after a ZWJ when the lam joins). Returns the cells.
    fn isolated(&mut self, text: &str, units: &[Unit], rtl: bool) -> usize {
        let mut w = 0;
        let mut k = 0;
        while k < units.len() {
            let u = &units[k];
            let start = self.row.len() as u32;
            if rtl && k == 0 {
                self.row.push('\u{2067}');
            }
            if u.lig != '\0' && k + 1 < units.len() {
                if k > 0 && (u.lig as u32).is_multiple_of(2) {
                    self.row.push('\u{200D}');
                    if let Some(p) = self.pieces.last_mut().filter(|_| self.want_pieces) {
                        p.bytes.1 = self.row.len() as u32;
                    }
                }
                let a = &units[k + 1];
                let start = if k == 0 { start } else { self.row.len() as u32 };
                self.row.push(u.lig);
                self.row
                    .push_str(text.get(u.start as usize + u.first.len_utf8()..u.end as usize).unwrap_or(""));
                self.row.push_str(marks_of(text, a));
                w += self.piece(start, 1, (u.start, a.end));
                k += 2;
                continue;
            }
            self.row.push(if u.level % 2 == 1 { bidi::mirror(u.first) } else { u.first });
            self.row.push_str(text.get(u.start as usize + u.first.len_utf8()..u.end as usize).unwrap_or(""));
            w += self.piece(start, u.width, (u.start, u.end));
            k += 1;
        }
        if rtl && !units.is_empty() {
            self.row.push('\u{2069}');
            if let Some(p) = self.pieces.last_mut().filter(|_| self.want_pieces) {
                p.bytes.1 = self.row.len() as u32;
            }
        }
        w
    }

    fn piece(&mut self, start: u32, cells: u8, logical: (u32, u32)) -> usize {
        if self.want_pieces {
            let end = self.row.len() as u32;
            let back = self.back;
            self.pieces.push(Piece {
                bytes: (start, end),
                cells,
                logical: (back(logical.0), back(logical.1)),
            });
        }
        cells as usize
    }
}

/// Which way a terminal that shapes runs with HarfBuzz lays out a run: HarfBuzz guesses the run's
/// direction from the script of its first character that has one (digits, punctuation and marks
/// have none). `Some(true)`: a right-to-left script.
fn script_rtl(c: char) -> Option<bool> {
    use unicode_bidi::BidiClass::{AL, AN, L, R};
    match bidi_class(c) {
        // Arabic comma, semicolon, question mark and tatweel are of the Common script.
        R | AL | AN => (!matches!(c, '\u{60C}' | '\u{61B}' | '\u{61F}' | '\u{640}')).then_some(true),
        L if c.is_alphabetic() => Some(false),
        _ => None,
    }
}

/// Whether a word (items in display order, no spaces) is sent reversed: when, reversed, it starts
/// (in the order sent) with a right-to-left script, so that the terminal reverses it back.
fn sent_reversed(units: &[Unit], chunk: &[Item]) -> bool {
    chunk.iter().rev().find_map(|it| script_rtl(units[it.unit as usize].first)) == Some(true)
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
        let visual = matches!(opts.order, Order::Visual | Order::Runs);
        let runs = opts.order == Order::Runs;
        let isolated = opts.order == Order::Isolated;
        let para = if visual || isolated {
            self.levels_of_units(text, opts.direction, simple)
        } else {
            bidi::paragraph_level(text, opts.direction)
        };
        let rtl = para % 2 == 1;
        // Runs need the lam-alef ligatures (and fall back to shaped forms in mixed words).
        let shaping = (visual && opts.shape) || runs || isolated;
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
                self.items.clear();
                let mut p = 0;
                while p < self.order.len() {
                    let k = self.order[p] as usize;
                    // A lam-alef pair on one row: the alef comes first in visual order, then the lam.
                    let pair = shaping
                        && k > 0
                        && p + 1 < self.order.len()
                        && self.order[p + 1] as usize == k - 1
                        && units[k - 1].lig != '\0';
                    self.items.push(Item { unit: k as u32, lam: if pair { k as u32 - 1 } else { NO_LAM } });
                    p += if pair { 2 } else { 1 };
                }
                let mut out = Out { row: &mut self.row, pieces: &mut self.pieces, want_pieces, back: &back };
                let items = &self.items[..];
                if runs {
                    let mut a = 0;
                    while a < items.len() {
                        let space = |it: &Item| units[it.unit as usize].first.is_whitespace();
                        let sp = space(&items[a]);
                        let len = items[a..].iter().position(|it| space(it) != sp).unwrap_or(items.len() - a);
                        let chunk = &items[a..a + len];
                        if !sp && sent_reversed(units, chunk) {
                            w += out.logical_word(text, units, chunk);
                        } else {
                            for it in chunk {
                                w += out.visual(text, units, it, shaping);
                            }
                        }
                        a += len;
                    }
                } else {
                    for it in items {
                        w += out.visual(text, units, it, shaping);
                    }
                }
            } else if isolated {
                let mut out = Out { row: &mut self.row, pieces: &mut self.pieces, want_pieces, back: &back };
                w = out.isolated(text, units, rtl);
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
            let offset = if (visual || isolated) && rtl { width.saturating_sub(w) } else { 0 };
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

#[cfg(test)]
mod tests {
    use crate::text::{LayoutOptions, Order, layout};

    fn rows(s: &str, order: Order, width: usize) -> Vec<(usize, String)> {
        let opts = LayoutOptions { width, order, ..LayoutOptions::default() };
        layout(s, &[], &opts).into_iter().map(|r| (r.offset, r.text)).collect()
    }

    #[test]
    fn runs_send_each_arabic_word_in_logical_order_unshaped() {
        // Words right to left as in visual order, each word's letters as stored.
        assert_eq!(rows("كتب الوزير", Order::Runs, 12), vec![(2, "الوزير كتب".to_string())]);
        assert_eq!(rows("كتب الوزير", Order::Visual, 12)[0].0, 2);
    }

    #[test]
    fn runs_keep_lam_alef_one_cell_with_a_zwj_when_the_lam_joins() {
        // سلام: seen, ZWJ, lam-alef final, meem: 3 cells like the visual row; the meem gets a CGJ
        // so that the first and last cells hold as many code points.
        let r = rows("سلام", Order::Runs, 5);
        assert_eq!(r, vec![(2, "س\u{200D}\u{FEFC}م\u{34F}".to_string())]);
        assert_eq!(rows("سلام", Order::Visual, 5)[0].0, 2);
        // لا at the start of a word: the isolated ligature, no ZWJ.
        assert_eq!(rows("لا", Order::Runs, 3), vec![(2, "\u{FEFB}".to_string())]);
    }

    #[test]
    fn runs_leave_latin_digits_and_brackets_as_visual_order_shows_them() {
        let s = "قال (في 2024) IMF.";
        let v = rows(s, Order::Visual, 40);
        let k = rows(s, Order::Runs, 40);
        assert_eq!(v[0].0, k[0].0);
        // Arabic words logical and unshaped; "(في" is one word: sent logical, its bracket as stored
        // (the terminal mirrors it in its right-to-left run); "(2024" has no Arabic: as visual order.
        assert_eq!(k[0].1, ".IMF (2024 (في قال");
        assert_eq!(v[0].1.chars().count(), k[0].1.chars().count());
    }

    #[test]
    fn isolated_rows_are_logical_inside_rli_pdi_mirrored_and_right_aligned() {
        let s = "السلام (في 2024) لا";
        let r = rows(s, Order::Isolated, 30);
        // Logical order; the brackets at level 1 sent mirrored; lam-alef one cell.
        assert_eq!(r, vec![(13, "\u{2067}الس\u{200D}\u{FEFC}م )في 2024( \u{FEFB}\u{2069}".to_string())]);
        assert_eq!(r[0].0, rows(s, Order::Visual, 30)[0].0);
        // Left-to-right paragraphs are as stored.
        assert_eq!(rows("IMF (2024) قال", Order::Isolated, 30), vec![(0, "IMF (2024) قال".to_string())]);
    }

    #[test]
    fn runs_keep_harakat_on_their_letters() {
        assert_eq!(rows("كَتَبَ", Order::Runs, 4), vec![(1, "كَتَبَ".to_string())]);
        // قالَ: the qaf gets a CGJ to match the marked lam at the other end.
        assert_eq!(rows("قالَ", Order::Runs, 4), vec![(1, "ق\u{34F}الَ".to_string())]);
    }
}
