//! Making article text safe to lay out and print: nothing from an article may drive the terminal or
//! reorder text outside its own run.
//!
//! What changes (everything else is kept byte for byte):
//! - tab, line feed, vertical tab, form feed, lone carriage return, NEL (U+0085), LINE SEPARATOR
//!   and PARAGRAPH SEPARATOR become one space each (a paragraph is one line of text; one space keeps
//!   the byte length so offsets rarely move); a carriage return before a line feed is dropped;
//! - every other C0 control (ESC included), DEL and every other C1 control is removed;
//! - the explicit bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are
//!   removed: an article cannot open a run that reorders the text around it. The bidi marks LRM,
//!   RLM and ALM are kept: they are ordinary strong characters of width 0 and only decide the
//!   direction of their neutral neighbours, never of text beyond them;
//! - the byte order mark U+FEFF and the interlinear annotation controls U+FFF9–U+FFFB are removed;
//!   noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) become U+FFFD.
//!
//! After this no character of bidi class B or S is left, so a paragraph is one bidi paragraph.

use std::borrow::Cow;

/// What to do with one character.
enum Action {
    Keep,
    Drop,
    Replace(char),
}

fn action(c: char, next: Option<char>) -> Action {
    match c {
        '\r' if next == Some('\n') => Action::Drop,
        '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Action::Replace(' '),
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Action::Drop,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Action::Drop,
        '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' => Action::Drop,
        '\u{FDD0}'..='\u{FDEF}' => Action::Replace('\u{FFFD}'),
        c if (c as u32) & 0xFFFE == 0xFFFE => Action::Replace('\u{FFFD}'),
        _ => Action::Keep,
    }
}

/// Bytes that may start something to change: C0, DEL, C2 (C1 controls), E2, EF and 4-byte leads.
#[inline]
fn look(x: u8) -> bool {
    (x < 0x20) | (x == 0x7F) | (x == 0xC2) | (x == 0xE2) | (x == 0xEF) | (x >= 0xF0)
}

/// Whether `s` holds anything [`sanitize`] would change. Scans bytes in blocks; only a few lead
/// bytes need a look at the whole character.
pub fn needs_sanitizing(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(at) = super::scan::find_byte(b, i, look) {
        let x = b[at];
        if x < 0x20 || x == 0x7F {
            return true;
        }
        // C1 controls are U+0080–U+009F: C2 80..9F.
        if x == 0xC2 {
            if b.get(at + 1).is_some_and(|&n| n < 0xA0) {
                return true;
            }
            i = at + 1;
            continue;
        }
        // Everything else we change is E2 80 A8..AE, E2 81 A6..A9, EF xx xx or a 4-byte noncharacter.
        // `at` is a lead byte of `s`, so it is a char boundary.
        match s[at..].chars().next() {
            Some(c) if !matches!(action(c, None), Action::Keep) => return true,
            Some(c) => i = at + c.len_utf8(),
            None => i = at + 1,
        }
    }
    false
}

/// Makes `s` safe to lay out and print (see the module docs); borrows when nothing changes.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !needs_sanitizing(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::new();
    sanitize_into(s, &mut out, &mut map);
    Cow::Owned(out)
}

/// Writes the sanitised `s` into `out` and, into `map`, for each byte of `out` the offset in `s` it
/// came from, plus one last entry `s.len()` (so `map.len() == out.len() + 1`). Byte 0 always maps to
/// 0, so that a range `map[a]..map[b]` of consecutive kept characters also covers the removed
/// characters next to them: the ranges of a partition of `out` partition `s`.
pub fn sanitize_into(s: &str, out: &mut String, map: &mut Vec<u32>) {
    out.clear();
    map.clear();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let r = match action(c, next) {
            Action::Keep => c,
            Action::Drop => continue,
            Action::Replace(r) => r,
        };
        let start = if out.is_empty() { 0 } else { i as u32 };
        out.push(r);
        map.push(start);
        // A replacement may be shorter or longer than the original; every byte maps to its char.
        for _ in 1..r.len_utf8() {
            map.push(i as u32);
        }
    }
    map.push(s.len() as u32);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        let s = "قال «الرئيس» (2024) – 50% “نعم” abc";
        assert!(matches!(sanitize(s), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_and_escapes_are_removed() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{7}c\u{9b}d\u{7f}"), "a[31mbcd");
        assert_eq!(sanitize("a\tb\r\nc\rd\ne\u{2029}f"), "a b c d e f");
    }

    #[test]
    fn bidi_controls_are_removed_marks_kept() {
        assert_eq!(sanitize("a\u{202E}bc\u{202C}d\u{2067}e\u{2069}"), "abcde");
        assert_eq!(sanitize("a\u{200F}b\u{200E}\u{61C}"), "a\u{200F}b\u{200E}\u{61C}");
    }

    #[test]
    fn odd_characters_are_made_safe() {
        assert_eq!(sanitize("\u{FEFF}a\u{FFFF}b\u{FDD0}\u{1FFFE}"), "a\u{FFFD}b\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn map_points_back_and_covers_removed_bytes() {
        let s = "\u{1b}ab\u{202B}c";
        let mut out = String::new();
        let mut map = Vec::new();
        sanitize_into(s, &mut out, &mut map);
        assert_eq!(out, "abc");
        assert_eq!(map, vec![0, 2, 6, 7]);
    }
}
