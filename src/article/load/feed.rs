//! RSS 2.0 / 1.0, Atom and JSON Feed files (feed-rs): each item an article with its link, date,
//! author and source (the item's RSS `<source>`, else the feed's title); the item's HTML content
//! reduced to paragraphs. An aggregator's item names its outlet in `<source>` and at the end of its
//! title ("Headline - Outlet"): the outlet goes from the title.

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
    // feed-rs does not read RSS <source>; items are found in the same order in the text.
    let item_sources = if format == Format::Rss { rss_sources(body) } else { vec![] };
    let drafts = feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let item_source = item_sources.get(i).cloned().flatten();
            let mut d = draft(e, item_source.clone().or_else(|| source.clone()));
            if let (Some(t), Some(s)) = (d.title.as_deref(), item_source.as_deref()) {
                d.title = Some(without_outlet(t, s));
            }
            d
        })
        .collect::<Vec<_>>();
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
        guid: Some(e.id.clone()),
    }
}

/// "Headline - Outlet" without " - Outlet".
fn without_outlet(title: &str, outlet: &str) -> String {
    let outlet = outlet.trim();
    for sep in [" - ", " | ", " – ", " — "] {
        if let Some(head) = title.strip_suffix(outlet).and_then(|h| h.strip_suffix(sep))
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

/// The `<source>` of each RSS `<item>`, in order (`None` for items without one).
fn rss_sources(xml: &str) -> Vec<Option<String>> {
    if memchr::memmem::find(xml.as_bytes(), b"<source").is_none() {
        return vec![];
    }
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = find_tag(rest, "item") {
        let after = &rest[start..];
        let end = after.find("</item>").map_or(after.len(), |e| e + "</item>".len());
        let item = &after[..end];
        out.push(find_tag(item, "source").and_then(|s| {
            let tag = &item[s..];
            let open_end = tag.find('>')?;
            if tag[..open_end].ends_with('/') {
                return None;
            }
            let close = tag.find("</source>")?;
            let name = tag[open_end + 1..close].trim();
            let name = name.strip_prefix("<![CDATA[").and_then(|n| n.strip_suffix("]]>")).unwrap_or(name);
            let name = inline_text(name);
            (!name.trim().is_empty()).then(|| name.trim().to_string())
        }));
        rest = &after[end..];
    }
    out
}

/// Where `<name` opens (followed by `>`, `/` or a space), if it does.
fn find_tag(s: &str, name: &str) -> Option<usize> {
    let pat = format!("<{name}");
    s.match_indices(&pat)
        .find(|(i, _)| {
            s[i + pat.len()..].starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
        })
        .map(|(i, _)| i)
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
