//! Plain text: the first non-empty line is the headline (chosen after cleaning, see
//! [`clean`](crate::article::clean)), every other line a paragraph.

use super::{Draft, Parsed};
use crate::article::Format;

/// Parses plain text into one draft whose lines are its paragraphs.
pub fn parse(text: &str) -> Parsed {
    let paragraphs: Vec<String> = text
        .split(['\n', '\u{2028}', '\u{2029}'])
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
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
}
