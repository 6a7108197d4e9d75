//! Web pages: the article's main text and its title (scraper / html5ever).
//!
//! The body comes from the element that holds the most paragraph text, widened to its article
//! ([`root`]); page furniture is never read: tags, roles, hidden elements and the class/id words
//! listed under `[html]` in `assets/boilerplate.toml` (nav, footer, aside, scripts, forms,
//! "share", "related" …) are skipped with everything inside ([`furniture`]). The text becomes lines
//! ([`lines`]): lists of links, captions under pictures and skip-link embeds go; table rows are
//! lines of cells. Short lines between the headline and the first paragraph (bylines, datelines)
//! go. A page whose text is only in its JSON-LD `articleBody` is read from there ([`jsonld`]). The
//! title is the article's `<h1>` or og:title ([`title`]), else `<title>` without the site's name.

mod furniture;
mod head;
mod jsonld;
mod lines;
mod root;
mod title;

use scraper::Html;

use self::lines::Walk;
pub use self::title::strip_site_name;
use super::{Draft, Parsed};
use crate::article::Format;

/// The deepest element nesting handed to the HTML parser. html5ever's tree building slows down
/// quadratically with depth (and recursion overflows the stack of a debug build); real pages stay
/// far below this, so deeper input is hostile or broken and is read as text instead.
const MAX_DEPTH: usize = 1000;

/// Whether elements nest deeper than `limit` (a byte scan: opening tags minus closing tags, void
/// and self-closing elements not counted).
fn too_deep(text: &str, limit: usize) -> bool {
    const VOID: &[&[u8]] = &[
        b"br", b"img", b"meta", b"link", b"input", b"hr", b"source", b"wbr", b"area", b"base", b"col",
        b"embed", b"param", b"track",
    ];
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        match b.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end =
                    b[i..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |n| i + n);
                let name = &b[i..name_end];
                let close = memchr::memchr(b'>', &b[name_end..]).map_or(b.len(), |n| name_end + n);
                let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
                if !self_closing && !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
                    depth += 1;
                    if depth > limit {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// Markup removed without a parser: tags become line breaks, the common entities are decoded.
fn strip_tags(text: &str) -> Vec<String> {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => {
                in_tag = false;
                out.push('\n');
            }
            (false, c) => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    out.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Parses a web page into one draft.
pub fn parse(text: &str) -> Parsed {
    if too_deep(text, MAX_DEPTH) {
        let draft = Draft { paragraphs: strip_tags(text), ..Draft::default() };
        let drafts = if draft.paragraphs.is_empty() { vec![] } else { vec![draft] };
        let warning = format!("elements nested deeper than {MAX_DEPTH}: read as plain text");
        return Parsed { format: Some(Format::Html), drafts, warnings: vec![warning] };
    }
    let doc = Html::parse_document(text);
    let root::Root { element: root, end } = root::main_root(&doc);
    let head = head::Head::read(&doc);
    let ld = jsonld::read(&head.json_ld).unwrap_or_default();
    let source = head.meta(&["og:site_name", "application-name"]).or_else(|| ld.publisher.clone());
    let in_article = !matches!(root.value().name(), "body" | "html");
    let (mut title, headline) =
        title::from_markup(&doc, &head, root, source.as_deref(), ld.headline.as_deref(), in_article);
    let walk = Walk { check_root: false, in_article, skip: headline, end };
    let mut lines = lines::keep(lines::walk(root, walk));
    if title.is_none() {
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        title = title::from_title_element(&head, source.as_deref(), &texts);
    }
    let page_text: usize = lines.iter().map(|l| l.text.len()).sum();
    let paragraphs = match ld.body.as_deref() {
        // A page built by script: the text is only in its JSON-LD.
        Some(body) if page_text * 10 < body.len() * 6 => ld_paragraphs(body),
        _ => {
            if title.is_some() {
                lines::drop_preamble(&mut lines);
            }
            lines.into_iter().map(|l| l.text).collect()
        }
    };
    let mut warnings = Vec::new();
    if paragraphs.is_empty() && title.is_none() {
        warnings.push("web page without article text".to_string());
    }
    // Without a title anywhere in the page, the first block is the headline, as in plain text.
    let draft = Draft {
        title,
        paragraphs,
        url: head.canonical.clone().filter(|u| !u.trim().is_empty()).or_else(|| head.meta(&["og:url"])),
        date: head
            .meta(&["article:published_time", "date", "datepublished"])
            .or_else(|| head.time.clone().filter(|t| !t.trim().is_empty()))
            .or(ld.date),
        source,
        author: head.meta(&["author"]).or(ld.author),
        guid: None,
    };
    let drafts = if draft.paragraphs.is_empty() && draft.title.is_none() { vec![] } else { vec![draft] };
    Parsed { format: Some(Format::Html), drafts, warnings }
}

/// JSON-LD `articleBody` as paragraphs: at its line breaks (or its markup), entities decoded.
fn ld_paragraphs(body: &str) -> Vec<String> {
    super::json::body_paragraphs(body)
        .into_iter()
        .map(|p| if p.contains('&') { inline_text(&p) } else { p })
        .collect()
}

/// An HTML fragment (a feed item's content, a JSON body with markup) as paragraphs, link lists
/// and captions dropped.
pub fn fragment_paragraphs(fragment: &str) -> Vec<String> {
    if !fragment.contains('<') && !fragment.contains('&') {
        return fragment.split('\n').filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    }
    if too_deep(fragment, MAX_DEPTH) {
        return strip_tags(fragment);
    }
    let doc = Html::parse_fragment(fragment);
    lines::keep_text(lines::walk(doc.root_element(), Walk { in_article: true, ..Walk::default() }))
}

/// Inline markup reduced to its text (titles in feeds may carry tags and entities).
pub fn inline_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_string();
    }
    if too_deep(s, MAX_DEPTH) {
        return strip_tags(s).join(" ");
    }
    let doc = Html::parse_fragment(s);
    let lines = lines::walk(doc.root_element(), Walk { in_article: true, ..Walk::default() });
    lines.into_iter().map(|l| l.text).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str =
        "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة بحضور الوسطاء الدوليين.";

    #[test]
    fn a_logo_in_the_site_header_is_not_the_headline() {
        let page = format!(
            "<html><head><title>عنوان الخبر كاملا هنا - الموقع</title></head><body><header><h1>الموقع</h1></header>\
             <div class=post><h2>عنوان الخبر كاملا هنا</h2><p>{PARA}</p><p>{PARA}</p></div></body></html>"
        );
        let d = &parse(&page).drafts[0];
        assert_eq!(d.title.as_deref(), Some("عنوان الخبر كاملا هنا"));
    }

    /// JSON-LD's articleBody is read only when the page itself lacks the text.
    #[test]
    fn json_ld_body_only_for_pages_without_text() {
        let ld = format!(
            "<script type=application/ld+json>{{\"@type\":\"NewsArticle\",\"headline\":\"ع\",\"articleBody\":\"{PARA}\\n{PARA}\"}}</script>"
        );
        let with_text = format!(
            "<html><head>{ld}</head><body><article><p>{PARA} أ</p><p>{PARA}</p></article></body></html>"
        );
        assert!(parse(&with_text).drafts[0].paragraphs[0].ends_with(" أ"));
        let shell = format!("<html><head>{ld}</head><body><div id=root>جار التحميل</div></body></html>");
        assert_eq!(parse(&shell).drafts[0].paragraphs, [PARA, PARA]);
    }

    #[test]
    fn fragments_become_paragraphs() {
        assert_eq!(
            fragment_paragraphs("<p>أولى &amp; ثانية</p><p>ثالثة<br>رابعة</p>"),
            ["أولى & ثانية", "ثالثة", "رابعة"]
        );
        assert_eq!(inline_text("خبر <b>عاجل</b> &quot;مهم&quot;"), "خبر عاجل \"مهم\"");
    }
}

#[cfg(test)]
mod depth_tests {
    use super::*;

    #[test]
    fn deep_nesting_is_read_as_text_without_the_parser() {
        let d = 50_000;
        let page =
            format!("<html><body>{}<p>نص عميق</p>{}</body></html>", "<div>".repeat(d), "</div>".repeat(d));
        let p = parse(&page);
        assert_eq!(p.drafts[0].paragraphs, ["نص عميق"]);
        assert!(p.warnings[0].contains("nested deeper"));
    }

    #[test]
    fn ordinary_pages_are_not_too_deep() {
        let page = "<div><p>a<br>b<img src=x/></p><p>c</p></div>".repeat(2000);
        assert!(!too_deep(&page, MAX_DEPTH));
        assert!(too_deep(&"<div>".repeat(MAX_DEPTH + 1), MAX_DEPTH));
    }
}
