//! Line breaking in logical order: UAX #14 opportunities (unicode-linebreak), greedy by the
//! display width of units (grapheme clusters).
//!
//! - Widths are the unshaped widths. Shaping can only narrow a row (a lam-alef ligature is one cell
//!   for two units), so a shaped row never overflows, and the shaped, unshaped and logical-order
//!   renderings of a paragraph break at exactly the same places (what `--bidi logical` and the
//!   FriBidi cross-check rely on).
//! - Spaces at the end of a line are neither counted nor drawn.
//! - A word is split only when it alone is wider than the row; then at unit boundaries.
//!   A single unit wider than the row (a double-width character when W = 1) gets a row of its own.
//! - An empty paragraph is one empty line.

use unicode_linebreak::linebreaks;

use super::width::Unit;

/// Whether a unit is a space that may end a line and is then not drawn.
#[inline]
fn is_space(text: &str, u: &Unit) -> bool {
    match text.as_bytes().get(u.start as usize) {
        Some(b' ') => true,
        Some(&b) if b < 0x80 => false,
        _ => text
            .get(u.range())
            .and_then(|s| s.chars().next())
            .is_some_and(|c| c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')),
    }
}

/// Breaks the units of `text` into lines of at most `width` cells. Each line is written to `lines`
/// as `(first unit, end of its drawn units)`: trailing spaces are left out.
pub fn wrap(text: &str, units: &[Unit], width: usize, lines: &mut Vec<(u32, u32)>) {
    lines.clear();
    let width = width.max(1);
    let emit = |lines: &mut Vec<(u32, u32)>, a: usize, b: usize| {
        let mut end = b;
        while end > a && is_space(text, &units[end - 1]) {
            end -= 1;
        }
        lines.push((a as u32, end as u32));
    };
    let mut line_start = 0usize;
    let mut cur_w = 0usize; // width of units[line_start..seg_start], trailing spaces included
    let mut u = 0usize;
    for (pos, _) in linebreaks(text) {
        let seg_start = u;
        while u < units.len() && (units[u].start as usize) < pos {
            u += 1;
        }
        if u == seg_start {
            continue;
        }
        let mut vis_end = u;
        let mut space_w = 0;
        while vis_end > seg_start && is_space(text, &units[vis_end - 1]) {
            vis_end -= 1;
            space_w += units[vis_end].width as usize;
        }
        let text_w: usize = units[seg_start..vis_end].iter().map(|x| x.width as usize).sum();
        if line_start < seg_start && cur_w + text_w > width {
            emit(lines, line_start, seg_start);
            line_start = seg_start;
            cur_w = 0;
        }
        if text_w > width {
            // The word alone is too wide: split it at unit boundaries.
            let mut acc = cur_w;
            for (k, unit) in units.iter().enumerate().take(vis_end).skip(seg_start) {
                let w = unit.width as usize;
                if acc + w > width && k > line_start {
                    emit(lines, line_start, k);
                    line_start = k;
                    acc = 0;
                }
                acc += w;
            }
            cur_w = acc + space_w;
        } else {
            cur_w += text_w + space_w;
        }
    }
    emit(lines, line_start, units.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::units_into;

    fn lines(s: &str, w: usize) -> Vec<String> {
        let mut units = Vec::new();
        units_into(s, &mut units);
        let mut ls = Vec::new();
        wrap(s, &units, w, &mut ls);
        ls.iter()
            .map(|&(a, b)| {
                if a >= b {
                    String::new()
                } else {
                    s[units[a as usize].start as usize..units[b as usize - 1].end as usize].to_string()
                }
            })
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_drops_trailing_ones() {
        assert_eq!(lines("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(lines("aa bb cc", 4), vec!["aa", "bb", "cc"]);
        assert_eq!(lines("aa   bb", 2), vec!["aa", "bb"]);
    }

    #[test]
    fn long_word_is_split_only_when_needed() {
        assert_eq!(lines("ab abcdefg", 3), vec!["ab", "abc", "def", "g"]);
        assert_eq!(lines("abc", 1), vec!["a", "b", "c"]);
    }

    #[test]
    fn empty_paragraph_is_one_line() {
        assert_eq!(lines("", 10), vec![""]);
    }

    #[test]
    fn harakat_do_not_count() {
        // كَتَبَ is 3 cells
        assert_eq!(lines("كَتَبَ كَتَبَ", 7), vec!["كَتَبَ كَتَبَ"]);
        assert_eq!(lines("كَتَبَ كَتَبَ", 6), vec!["كَتَبَ", "كَتَبَ"]);
    }
}
