//! UAX #9 for terminal rows: paragraph levels with unicode-bidi, then per line L1 (trailing
//! whitespace), L2 (reversal) and L4 (mirroring) done here, since unicode-bidi does neither L3 nor
//! L4 and its `reordered_levels` clones the paragraph's level vector on every call.
//!
//! [`reorder`] works on abstract units with a level each: the layout engine hands it grapheme
//! clusters (so combining marks stay after their base: L3), [`reorder_chars`] hands it characters
//! (what BidiCharacterTest.txt checks). Both run the same code.

use std::sync::OnceLock;

use unicode_bidi::{BidiClass, BidiDataSource, Level, ParagraphBidiInfo};

use super::BaseDirection;
use super::implicit::{Scratch, resolve_simple};
use super::tables::MIRRORS;

/// unicode-bidi's data as a flat table for the Basic Multilingual Plane (built once, 64 KiB), with
/// unicode-bidi's own binary search for the other planes.
pub struct Table;

fn bmp() -> &'static [BidiClass] {
    static BMP: OnceLock<Vec<BidiClass>> = OnceLock::new();
    BMP.get_or_init(|| {
        (0..0x1_0000u32).map(|u| char::from_u32(u).map_or(BidiClass::L, unicode_bidi::bidi_class)).collect()
    })
}

/// Bidi class of `c`, by table lookup.
#[inline]
pub fn bidi_class(c: char) -> BidiClass {
    let u = c as usize;
    if u < 0x1_0000 { bmp()[u] } else { unicode_bidi::bidi_class(c) }
}

impl BidiDataSource for Table {
    #[inline]
    fn bidi_class(&self, c: char) -> BidiClass {
        bidi_class(c)
    }
}

/// The paragraph level: forced, or from the first strong character outside isolates (P2–P3), LTR
/// when there is none.
pub fn paragraph_level(text: &str, dir: BaseDirection) -> u8 {
    match dir {
        BaseDirection::Rtl => 1,
        BaseDirection::Ltr => 0,
        BaseDirection::Auto => match unicode_bidi::get_base_direction_full_with_data_source(&Table, text) {
            unicode_bidi::Direction::Rtl => 1,
            _ => 0,
        },
    }
}

/// Resolves the embedding levels of `text` (one paragraph, X1–I2) and calls `each(byte, class,
/// level)` for the first byte of every character, in order. Returns the paragraph level.
pub fn resolve(text: &str, dir: BaseDirection, each: impl FnMut(usize, BidiClass, u8)) -> u8 {
    resolve_with(text, dir, &mut Scratch::default(), each)
}

/// [`resolve`] with reusable buffers. Paragraphs without explicit controls, separators or BN
/// characters (every sanitised one) take the fast resolver in `implicit.rs`; the rest unicode-bidi.
pub fn resolve_with(
    text: &str,
    dir: BaseDirection,
    scratch: &mut Scratch,
    mut each: impl FnMut(usize, BidiClass, u8),
) -> u8 {
    let forced = match dir {
        BaseDirection::Auto => None,
        BaseDirection::Rtl => Some(1),
        BaseDirection::Ltr => Some(0),
    };
    if let Some(para) = resolve_simple(text, forced, scratch) {
        for ((&i, &c), &level) in scratch.offsets.iter().zip(&scratch.orig).zip(&scratch.levels) {
            each(i as usize, c, level);
        }
        return para;
    }
    let para = paragraph_level(text, dir);
    let info =
        ParagraphBidiInfo::new_with_data_source(&Table, text, Some(Level::new(para).unwrap_or(Level::ltr())));
    for (i, _) in text.char_indices() {
        each(i, info.original_classes[i], info.levels[i].number());
    }
    para
}

fn is_ignored(c: BidiClass) -> bool {
    use BidiClass::*;
    matches!(c, BN | LRE | RLE | LRO | RLO | PDF)
}

/// L1: segment and paragraph separators, and whitespace or isolate controls before them or at the
/// end of the line, go to the paragraph level. `class(i)` is the original class of unit `i`
/// (characters removed by X9 are skipped over).
/// `separators`: whether the units may hold S or B; without, the scan stops at the last non-space.
pub fn l1(levels: &mut [u8], class: impl Fn(usize) -> BidiClass, para: u8, separators: bool) {
    use BidiClass::*;
    let mut trailing = true;
    for i in (0..levels.len()).rev() {
        if !trailing && !separators {
            break;
        }
        match class(i) {
            S | B => {
                levels[i] = para;
                trailing = true;
            }
            WS | FSI | LRI | RLI | PDI if trailing => levels[i] = para,
            c if trailing && is_ignored(c) => levels[i] = para,
            _ => trailing = false,
        }
    }
}

/// L2: the visual order of units with the given levels, as indices into `levels`, written to
/// `order`. `scratch` is reused between calls.
pub fn l2(levels: &[u8], order: &mut Vec<u32>, scratch: &mut Vec<u8>) {
    order.clear();
    order.extend(0..levels.len() as u32);
    let Some(&first) = levels.first() else { return };
    // One pass for the highest level, the lowest odd level and whether all levels are equal.
    let (mut max, mut min_odd, mut same) = (first, first | 1, true);
    for &l in levels {
        max = max.max(l);
        min_odd = min_odd.min(l | 1);
        same &= l == first;
    }
    if max == 0 {
        return;
    }
    if same {
        // One run: reversed an odd number of times when its level is odd.
        if max % 2 == 1 {
            order.reverse();
        }
        return;
    }
    scratch.clear();
    scratch.extend_from_slice(levels);
    let mut lvl = max;
    while lvl >= min_odd && lvl > 0 {
        let mut i = 0;
        while i < scratch.len() {
            if scratch[i] >= lvl {
                let start = i;
                while i < scratch.len() && scratch[i] >= lvl {
                    i += 1;
                }
                order[start..i].reverse();
                scratch[start..i].reverse();
            } else {
                i += 1;
            }
        }
        lvl -= 1;
    }
}

/// L1 then L2 over units: the shared core of [`reorder_chars`] and the layout engine.
pub fn reorder(
    levels: &mut [u8],
    class: impl Fn(usize) -> BidiClass,
    para: u8,
    separators: bool,
    order: &mut Vec<u32>,
    scratch: &mut Vec<u8>,
) {
    l1(levels, class, para, separators);
    l2(levels, order, scratch);
}

/// Visual order of one line of characters (L1 + L2), given their original classes and resolved
/// levels; `levels` gets L1 applied. Characters removed by X9 stay in the order (callers skip them).
pub fn reorder_chars(classes: &[BidiClass], levels: &mut [u8], para: u8) -> Vec<u32> {
    let mut order = Vec::with_capacity(levels.len());
    let mut scratch = Vec::new();
    let separators = classes.iter().any(|c| matches!(c, BidiClass::S | BidiClass::B));
    reorder(levels, |i| classes[i], para, separators, &mut order, &mut scratch);
    order
}

/// L4: the mirrored glyph of `c` (for characters at an odd level), or `c` itself.
#[inline]
pub fn mirror(c: char) -> char {
    let u = c as u32;
    if u < 0x80 && !matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}') {
        return c;
    }
    match MIRRORS.binary_search_by_key(&u, |&(a, _)| a) {
        Ok(i) => char::from_u32(MIRRORS[i].1).unwrap_or(c),
        Err(_) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_unicode_bidi() {
        for u in (0..0x11_0000u32).step_by(7) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(bidi_class(c), unicode_bidi::bidi_class(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn mirrors_brackets_and_quotes() {
        assert_eq!(mirror('('), ')');
        assert_eq!(mirror('»'), '«');
        assert_eq!(mirror('['), ']');
        assert_eq!(mirror('“'), '“');
        assert_eq!(mirror('a'), 'a');
    }

    #[test]
    fn l2_reverses_nested_runs() {
        let mut order = Vec::new();
        let mut s = Vec::new();
        l2(&[1, 1, 2, 2, 1], &mut order, &mut s);
        assert_eq!(order, vec![4, 2, 3, 1, 0]);
        l2(&[0, 0, 1, 1, 0], &mut order, &mut s);
        assert_eq!(order, vec![0, 1, 3, 2, 4]);
    }

    #[test]
    fn l1_resets_trailing_whitespace() {
        use BidiClass::*;
        let classes = [R, WS, R, WS, WS];
        let mut levels = [1, 1, 1, 1, 1];
        l1(&mut levels, |i| classes[i], 0, false);
        assert_eq!(levels, [1, 1, 1, 0, 0]);
    }
}
