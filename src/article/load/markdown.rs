//! Markdown reduced to text (pulldown-cmark): headings, paragraphs, list items, quotes and code
//! blocks become paragraphs; emphasis, links and inline code keep their text; images, raw HTML and
//! link targets are dropped. The first block is the headline, as in plain text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Draft, Parsed};
use crate::article::Format;

/// Parses Markdown into one draft.
pub fn parse(text: &str) -> Parsed {
    let mut paragraphs = Vec::new();
    let mut cur = String::new();
    let mut in_image = 0usize;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.trim().is_empty() {
            out.push(std::mem::take(cur));
        }
        cur.clear();
    };
    for ev in Parser::new(text) {
        match ev {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_image == 0 => cur.push_str(&t),
            Event::SoftBreak | Event::HardBreak => cur.push(' '),
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::TableCell,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            )
            | Event::Rule => flush(&mut cur, &mut paragraphs),
            _ => {}
        }
    }
    flush(&mut cur, &mut paragraphs);
    // Code blocks keep their newlines: one paragraph per line, as in plain text.
    let paragraphs: Vec<String> = paragraphs
        .iter()
        .flat_map(|p| p.split('\n'))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let drafts = if paragraphs.is_empty() { vec![] } else { vec![Draft { paragraphs, ..Draft::default() }] };
    Parsed { format: Some(Format::Markdown), drafts, warnings: vec![] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_reduced_to_text() {
        let md = "# عنوان **الخبر**\n\nقال [الوزير](http://x.org) إن *الوضع* `مستقر`.\n\n- البند الأول\n- البند الثاني\n\n![صورة](a.png)\n\n> اقتباس\n";
        let p = parse(md);
        assert_eq!(
            p.drafts[0].paragraphs,
            ["عنوان الخبر", "قال الوزير إن الوضع مستقر.", "البند الأول", "البند الثاني", "اقتباس"]
        );
    }
}
