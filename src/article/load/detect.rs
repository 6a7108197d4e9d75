//! Which format a file holds: by its content first, by its extension when the content says little.

use crate::article::Format;

/// Detects the format of decoded text; `ext` (lowercase, no dot) is a hint for ambiguous content.
/// Feeds are reported as [`Format::Rss`] (the parser says which kind they really are); JSON as
/// [`Format::Json`] (the parser tells JSON Lines and JSON Feed apart).
pub fn detect(text: &str, ext: Option<&str>) -> Format {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head = prefix(start, 4096);
    let lower = head.to_ascii_lowercase();
    if lower.starts_with('<') {
        return markup_kind(&lower);
    }
    if looks_json(head) {
        return Format::Json;
    }
    match ext {
        Some("html" | "htm" | "xhtml" | "shtml") if has_tags(&lower) => return Format::Html,
        Some("xml" | "rss" | "atom") if lower.contains("<rss") || lower.contains("<feed") => {
            return Format::Rss;
        }
        Some("md" | "markdown" | "mdown" | "mkd") => return Format::Markdown,
        _ => {}
    }
    if looks_markdown(head) {
        return Format::Markdown;
    }
    if has_tags(&lower) && ext.is_none_or(|e| e != "txt") {
        return Format::Html;
    }
    Format::Text
}

/// `{` then a key or `}`, or `[` then an object, a string, a number or `]`: not "[ad_1]" or "{{x}}".
fn looks_json(head: &str) -> bool {
    let mut chars = head.chars().filter(|c| !c.is_whitespace());
    match (chars.next(), chars.next()) {
        (Some('{'), Some('"' | '}')) => true,
        (Some('['), Some(c)) => matches!(c, '{' | '"' | ']' | '[' | '-' | '0'..='9'),
        _ => false,
    }
}

fn markup_kind(lower: &str) -> Format {
    let is_feed = ["<rss", "<feed", "<rdf:rdf"].iter().any(|t| {
        lower.match_indices(t).any(|(i, _)| {
            lower[i + t.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        })
    });
    let is_html = lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body");
    if is_feed && !is_html { Format::Rss } else { Format::Html }
}

fn has_tags(lower: &str) -> bool {
    ["<p>", "<p ", "<div", "<br", "<article", "<body", "<span", "<h1"].iter().any(|t| lower.contains(t))
}

/// Markdown when the first line is a `#` heading, or at least two kinds of Markdown markup show up
/// at the start of lines (headings, fences, block quotes, lists) or inline (links, strong emphasis).
fn looks_markdown(head: &str) -> bool {
    let mut lines = head.lines().map(str::trim_end).filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    if is_heading(first) {
        return true;
    }
    let mut kinds = 0u8;
    for l in head.lines() {
        let t = l.trim_start();
        if is_heading(t) {
            kinds |= 1;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            kinds |= 2;
        }
        if t.starts_with("> ") {
            kinds |= 4;
        }
        if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
            kinds |= 8;
        }
        if t.contains("](") {
            kinds |= 16;
        }
        if t.contains("**") || t.contains("__") {
            kinds |= 32;
        }
    }
    kinds.count_ones() >= 2
}

fn is_heading(l: &str) -> bool {
    let hashes = l.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
}

/// The first `n` bytes of `s`, cut back to a char boundary.
pub fn prefix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_before_extension() {
        assert_eq!(detect("<!DOCTYPE html><html><p>نص</p>", Some("txt")), Format::Html);
        assert_eq!(detect("<?xml version=\"1.0\"?><rss version=\"2.0\">", Some("html")), Format::Rss);
        assert_eq!(detect("<feed xmlns=\"http://www.w3.org/2005/Atom\">", None), Format::Rss);
        assert_eq!(detect("{\"title\": \"x\"}", Some("txt")), Format::Json);
        assert_eq!(detect("[ {\"title\": \"x\"}]", None), Format::Json);
        assert_eq!(detect("[ad_1]\nعنوان", None), Format::Text);
        assert_eq!(detect("# عنوان\n\nنص", Some("txt")), Format::Markdown);
        assert_eq!(detect("عنوان\n\nنص عادي.", Some("md")), Format::Markdown);
        assert_eq!(detect("عنوان\n\nنص عادي.", None), Format::Text);
        assert_eq!(detect("عنوان\n- بند\n[رابط](http://x)", None), Format::Markdown);
    }
}
