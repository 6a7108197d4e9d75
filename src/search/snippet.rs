//! A short plain-text excerpt around a hit, cut at whole words, for result lists.

use std::ops::Range;

/// About `width` characters of `text` around the byte range `hit`, cut at spaces, on one line
/// (runs of whitespace become one space), with `…` where text was left out. `hit` is clamped to
/// `text` and moved to character boundaries, so any range is safe.
pub fn snippet(text: &str, hit: Range<usize>, width: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.is_empty() {
        return String::new();
    }
    // Character positions of the hit.
    let hs = chars.partition_point(|&(i, _)| i < hit.start.min(text.len()));
    let he = chars.partition_point(|&(i, _)| i < hit.end.min(text.len())).max(hs);
    let room = width.saturating_sub(he - hs);
    // A third of the room before the hit, the rest after: the reader reads on from the hit.
    let mut start = hs.saturating_sub(room / 3);
    let mut end = (start + width).max(he).min(chars.len());
    if end == chars.len() {
        start = end.saturating_sub(width).min(hs);
    }
    // Whole words: move the start forward past a cut word, the end back before one.
    if start > 0 && !chars[start - 1].1.is_whitespace() {
        while start < hs && !chars[start].1.is_whitespace() {
            start += 1;
        }
    }
    if end < chars.len() && !chars[end].1.is_whitespace() {
        let mut e = end;
        while e > he && !chars[e - 1].1.is_whitespace() {
            e -= 1;
        }
        if e > he {
            end = e;
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut space = false;
    for &(_, c) in &chars[start..end] {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !out.ends_with('…') {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_whole() {
        let t = "قالت أذربيجان إنها خسرت";
        let at = t.find("أذربيجان").unwrap();
        assert_eq!(snippet(t, at..at + "أذربيجان".len(), 80), t);
    }

    #[test]
    fn long_text_is_cut_at_words_around_the_hit() {
        let words: Vec<String> = (0..60).map(|i| format!("كلمة{i}")).collect();
        let t = words.join(" ");
        let at = t.find("كلمة30").unwrap();
        let s = snippet(&t, at..at + "كلمة30".len(), 80);
        assert!(s.contains("كلمة30"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        let inner = s.trim_matches('…');
        assert!(inner.split(' ').all(|w| words.contains(&w.to_string())), "{s}");
        assert!(s.chars().count() <= 84, "{s}");
    }

    #[test]
    fn newlines_become_spaces_and_bad_ranges_are_safe() {
        assert_eq!(snippet("a\n\nb", 0..1, 80), "a b");
        assert_eq!(snippet("أب", 1..999, 80), "أب");
        assert_eq!(snippet("", 0..3, 80), "");
    }
}
