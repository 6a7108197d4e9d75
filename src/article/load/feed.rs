//! RSS 2.0 / 1.0, Atom and JSON Feed files (feed-rs): each item an article with its link, date,
//! author and the feed's title as source; the item's HTML content reduced to paragraphs.

use feed_rs::model::{Entry, FeedType};

use super::html::{fragment_paragraphs, inline_text};
use super::{Draft, Parsed};
use crate::article::Format;

/// Parses a feed (XML or JSON Feed) into one draft per item.
pub fn parse(text: &str) -> Parsed {
    // The text is already UTF-8: an XML declaration naming another encoding would mislead the parser.
    let body = strip_xml_declaration(text);
    let feed = match feed_rs::parser::parse(body.as_bytes()) {
        Ok(f) => f,
        Err(e) => {
            return Parsed { format: None, drafts: vec![], warnings: vec![format!("malformed feed: {e}")] };
        }
    };
    let format = match feed.feed_type {
        FeedType::Atom => Format::Atom,
        FeedType::JSON => Format::JsonFeed,
        _ => Format::Rss,
    };
    let source = feed.title.as_ref().map(|t| inline_text(&t.content));
    let drafts = feed.entries.iter().map(|e| draft(e, source.clone())).collect::<Vec<_>>();
    let warnings = if drafts.is_empty() { vec!["feed without items".to_string()] } else { vec![] };
    Parsed { format: Some(format), drafts, warnings }
}

fn draft(e: &Entry, source: Option<String>) -> Draft {
    let html = e
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .filter(|b| !b.trim().is_empty())
        .or_else(|| e.summary.as_ref().map(|s| s.content.as_str()))
        .unwrap_or("");
    let link = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| e.links.first())
        .map(|l| l.href.clone());
    Draft {
        title: e.title.as_ref().map(|t| inline_text(&t.content)).filter(|t| !t.trim().is_empty()),
        paragraphs: fragment_paragraphs(html),
        url: link,
        date: e.published.or(e.updated).map(|d| d.to_rfc3339()),
        source: e.source.clone().or(source),
        author: e.authors.first().and_then(|p| p.name.clone()),
    }
}

fn strip_xml_declaration(text: &str) -> &str {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.starts_with("<?xml")
        && let Some(end) = t.find("?>")
    {
        return &t[end + 2..];
    }
    t
}
