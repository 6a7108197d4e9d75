//! Display units of a paragraph: grapheme clusters (UAX #29) with their display width.
//!
//! A unit is a grapheme cluster, except that a cluster of width 0 (a lone mark, an LRM, a ZWJ that
//! starts a cluster) is merged into the unit before it (or, at the start of the paragraph, the one
//! after it): every unit but that of an all-invisible paragraph takes at least one cell, so every
//! byte of a row belongs to a cell.
//!
//! Fast path: text made only of ASCII, Latin-1, Arabic letters and marks and general punctuation —
//! where a cluster is simply a base character and the combining marks after it, bases one cell
//! wide and marks none — is cut without UAX #29. Any other character sends the whole paragraph
//! through unicode-segmentation and unicode-width.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One display unit of a paragraph: a grapheme cluster and its width (before shaping).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unit {
    /// Byte range in the paragraph.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
    /// Display width in cells, unshaped (shaping never widens a unit).
    pub width: u8,
    /// Its first character.
    pub first: char,
    /// Resolved bidi level of its first character (0 until bidi runs).
    pub level: u8,
    /// Presentation form replacing the first letter of the unit when shaped (`'\0'`: unchanged).
    pub shaped: char,
    /// For a lam followed by an unmarked alef: the lam-alef ligature that replaces both when they
    /// land on the same row (`'\0'`: none).
    pub lig: char,
}

impl Unit {
    /// The unit's byte range as `usize`.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Width of `c` on the fast path: `Some(1)` for a base character, `Some(0)` for a combining mark
/// that extends the cluster before it, `None` when the character needs the full UAX #29 path.
#[inline]
pub fn simple_width(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x800 {
        return match LOW[u as usize] {
            0 => None,
            k => Some(k - 1),
        };
    }
    match u {
        0x2010..=0x2027 | 0x2030..=0x205E => Some(1),
        _ => None,
    }
}

/// [`simple_width`] below U+0800 as a table: 0 none, 1 mark (width 0), 2 base (width 1).
static LOW: [u8; 0x800] = {
    let mut t = [0u8; 0x800];
    let mut u = 0;
    while u < 0x800 {
        t[u] = match u {
            0x20..=0x7E => 2,
            0xAD => 0,
            0xA0..=0xFF => 2,
            0x0300..=0x036F => 1,
            0x061C | 0x06DD | 0x06DE => 0,
            0x0610..=0x061A
            | 0x064B..=0x065F
            | 0x0670
            | 0x06D6..=0x06DC
            | 0x06DF..=0x06E4
            | 0x06E7..=0x06E8
            | 0x06EA..=0x06ED => 1,
            0x0606..=0x06FF => 2,
            _ => 0,
        };
        u += 1;
    }
    t
};

/// Cuts `s` into display units, written to `out` (which is cleared first). Returns true when the
/// fast path applied and no unit starts with a mark: then every unit is one base character
/// followed only by nonspacing marks (bidi class NSM, joining type T).
pub fn units_into(s: &str, out: &mut Vec<Unit>) -> bool {
    out.clear();
    if fast_units(s, out) {
        return out.first().is_none_or(|u| simple_width(u.first) != Some(0));
    }
    out.clear();
    full_units(s, out);
    false
}

/// The fast path; false when `s` holds a character it does not know.
fn fast_units(s: &str, out: &mut Vec<Unit>) -> bool {
    let mut leading_marks = false;
    for (i, c) in s.char_indices() {
        let end = (i + c.len_utf8()) as u32;
        match simple_width(c) {
            Some(0) => match out.last_mut() {
                Some(u) => u.end = end,
                None => {
                    leading_marks = true;
                    out.push(Unit { start: i as u32, end, width: 0, first: c, ..Unit::default() });
                }
            },
            Some(w) => {
                if leading_marks && out.len() == 1 && out[0].width == 0 {
                    // Marks before the first base ride with it (see the module docs).
                    out[0].end = end;
                    out[0].width = w;
                } else {
                    out.push(Unit { start: i as u32, end, width: w, first: c, ..Unit::default() });
                }
            }
            None => return false,
        }
    }
    true
}

/// Characters that UAX #29 joins into a cluster but terminals draw a cell (or two) each: Hangul
/// conjoining jamo (a run of leading consonants is one cluster) and the prepended concatenation
/// marks (U+0600–U+0605 and kin, GB9b). Such a cluster is cut at each character of nonzero width.
fn drawn_apart(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0xA960..=0xA97F | 0xD7B0..=0xD7FF
        | 0x0600..=0x0605 | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2 | 0x110BD | 0x110CD)
}

/// The grapheme clusters of `s` as a terminal draws them: a cluster of [`drawn_apart`] characters
/// is cut before each character of nonzero width (as [`units_into`] cuts it), for painting cells.
pub fn drawn_clusters(s: &str) -> impl Iterator<Item = &str> {
    use unicode_width::UnicodeWidthChar;
    s.graphemes(true).flat_map(|g| {
        let mut pieces = Vec::with_capacity(1);
        if g.chars().nth(1).is_some() && g.chars().any(drawn_apart) {
            let mut start = 0;
            for (j, c) in g.char_indices().skip(1) {
                if UnicodeWidthChar::width(c).unwrap_or(0) > 0 {
                    pieces.push(&g[start..j]);
                    start = j;
                }
            }
            pieces.push(&g[start..]);
        } else {
            pieces.push(g);
        }
        pieces
    })
}

/// The full path: UAX #29 grapheme clusters, widths from unicode-width.
fn full_units(s: &str, out: &mut Vec<Unit>) {
    use unicode_width::UnicodeWidthChar;
    for (i, g) in s.grapheme_indices(true) {
        if g.chars().count() > 1 && g.chars().any(drawn_apart) {
            // One unit per character a terminal advances over; zero-width ones ride along.
            for (j, c) in g.char_indices() {
                let w = UnicodeWidthChar::width(c).unwrap_or(0).min(2) as u8;
                let (start, end) = ((i + j) as u32, (i + j + c.len_utf8()) as u32);
                match out.last_mut() {
                    Some(u) if w == 0 || u.width == 0 => {
                        u.end = end;
                        u.width = u.width.max(w);
                    }
                    _ => out.push(Unit { start, end, width: w, first: c, ..Unit::default() }),
                }
            }
            continue;
        }
        let end = (i + g.len()) as u32;
        // A cluster is at most two cells in a terminal; wider strings are clipped to 2.
        let w = UnicodeWidthStr::width(g).min(2) as u8;
        match out.last_mut() {
            Some(u) if w == 0 => u.end = end,
            Some(u) if u.width == 0 => {
                u.end = end;
                u.width = w;
            }
            _ => {
                let first = g.chars().next().unwrap_or(' ');
                out.push(Unit { start: i as u32, end, width: w, first, ..Unit::default() })
            }
        }
    }
}

/// Display width of `s` in cells, unshaped: the sum of its units' widths.
pub fn str_width(s: &str) -> usize {
    let mut v = Vec::new();
    units_into(s, &mut v);
    v.iter().map(|u| u.width as usize).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthChar;

    /// The fast path must agree with UAX #29 and unicode-width on every character it accepts.
    #[test]
    fn fast_path_agrees_with_the_full_path() {
        for u in 0..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let Some(w) = simple_width(c) else { continue };
            assert_eq!(UnicodeWidthChar::width(c), Some(w as usize), "width of U+{u:04X}");
            let s = format!("a{c}");
            let extends = s.graphemes(true).count() == 1;
            assert_eq!(extends, w == 0, "cluster break before U+{u:04X}");
            let s = format!("{c}a");
            assert_eq!(s.graphemes(true).count(), 2, "cluster break after U+{u:04X}");
        }
    }

    fn widths(s: &str) -> Vec<(usize, usize, u8)> {
        let mut v = Vec::new();
        units_into(s, &mut v);
        v.iter().map(|u| (u.start as usize, u.end as usize, u.width)).collect()
    }

    #[test]
    fn harakat_ride_on_their_letter() {
        // shadda + fatha on the meem
        assert_eq!(widths("مَّا"), vec![(0, 6, 1), (6, 8, 1)]);
        assert_eq!(str_width("مُحَمَّدٌ"), 4);
    }

    #[test]
    fn leading_mark_and_zero_width_clusters_merge() {
        assert_eq!(widths("\u{64E}ب"), vec![(0, 4, 1)]);
        assert_eq!(widths("a\u{200E}b"), vec![(0, 4, 1), (4, 5, 1)]);
        assert_eq!(widths("\u{200F}ab"), vec![(0, 4, 1), (4, 5, 1)]);
    }

    #[test]
    fn jamo_runs_and_prepended_marks_take_a_cell_each() {
        // A run of leading jamo is one UAX #29 cluster, drawn two cells per jamo.
        assert_eq!(str_width(&"\u{1100}".repeat(100)), 200);
        // A full syllable L V T stays two cells; V and T have no width of their own.
        assert_eq!(str_width(&"\u{1100}\u{1161}\u{11A8}".repeat(10)), 20);
        // U+0600–U+0605 join the next character into their cluster, and are drawn one cell each
        // (U+0605, a mark above, none).
        assert_eq!(str_width("\u{600}\u{601}\u{602}\u{603}\u{604}\u{605}١"), 6);
        assert_eq!(str_width(&"\u{600}".repeat(1000)), 1000);
    }

    #[test]
    fn wide_and_emoji_clusters() {
        assert_eq!(str_width("日本"), 4);
        assert_eq!(widths("e\u{301}x"), vec![(0, 3, 1), (3, 4, 1)]);
        assert_eq!(str_width("👩\u{200D}💻"), 2);
    }
}
