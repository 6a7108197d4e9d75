//! Plain text: the first non-empty line is the headline (chosen after cleaning, see
//! [`clean`](crate::article::clean)), every other line a paragraph.

use super::{Draft, Parsed};
use crate::article::Format;

/// Parses plain text into one draft whose lines are its paragraphs.
pub fn parse(text: &str) -> Parsed {
    let mut paragraphs = Vec::new();
    let mut keep = |l: &str| {
        if !l.trim().is_empty() {
            paragraphs.push(l.to_string());
        }
    };
    // LINE and PARAGRAPH SEPARATOR (E2 80 A8/A9) are rare: split on them only when present.
    let separators = memchr::memmem::find(text.as_bytes(), "\u{2028}".as_bytes()).is_some()
        || memchr::memmem::find(text.as_bytes(), "\u{2029}".as_bytes()).is_some();
    for line in text.split('\n') {
        if separators {
            line.split(['\u{2028}', '\u{2029}']).for_each(&mut keep);
        } else {
            keep(line);
        }
    }
    let drafts = if paragraphs.is_empty() { vec![] } else { vec![Draft { paragraphs, ..Draft::default() }] };
    Parsed { format: Some(Format::Text), drafts, warnings: vec![] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_paragraphs() {
        let p = parse("عنوان الخبر\n\nالفقرة الأولى.\nالفقرة الثانية.\n");
        assert_eq!(p.drafts.len(), 1);
        assert_eq!(p.drafts[0].title, None);
        assert_eq!(p.drafts[0].paragraphs, ["عنوان الخبر", "الفقرة الأولى.", "الفقرة الثانية."]);
    }

    #[test]
    fn unicode_separators_break_lines() {
        let p = parse("أ\u{2028}ب\nج\u{2029}\u{2029}د");
        assert_eq!(p.drafts[0].paragraphs, ["أ", "ب", "ج", "د"]);
    }
}
