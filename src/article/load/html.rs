//! Web pages: the article's main text and its title (scraper / html5ever).
//!
//! The body comes from the page's `<article>` with the most text, else `<main>` (or
//! `role=main`, `itemprop=articleBody`), else the element holding the most paragraph text. Page
//! furniture is never read: the tags and class/id words listed under `[html]` in
//! `assets/boilerplate.toml` (nav, header, footer, aside, scripts, styles, forms, "share",
//! "related" …) are skipped with everything inside. Comments are not text. The title is og:title,
//! else the first `<h1>`, else `<title>` without its " | site" part.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use super::{Draft, Parsed};
use crate::article::Format;
use crate::article::rules::rules;

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
                let name = b[i..name_end].to_ascii_lowercase();
                let close = memchr::memchr(b'>', &b[name_end..]).map_or(b.len(), |n| name_end + n);
                let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
                if !self_closing && !VOID.contains(&name.as_slice()) {
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
    let root = main_root(&doc);
    let paragraphs = blocks(root, true);
    let source = meta(&doc, &["meta[property='og:site_name']", "meta[name=application-name]"]);
    let title = title(&doc, root, source.as_deref());
    let mut warnings = Vec::new();
    if paragraphs.is_empty() && title.is_none() {
        warnings.push("web page without article text".to_string());
    }
    // Without a title anywhere in the page, the first block is the headline, as in plain text.
    let draft = Draft {
        title,
        paragraphs,
        url: meta(&doc, &["link[rel=canonical]", "meta[property='og:url']"]),
        date: meta(
            &doc,
            &[
                "meta[property='article:published_time']",
                "meta[name=date]",
                "meta[itemprop=datePublished]",
                "time[datetime]",
            ],
        ),
        source,
        author: meta(&doc, &["meta[name=author]", "meta[property='article:author']"]),
    };
    let drafts = if draft.paragraphs.is_empty() && draft.title.is_none() { vec![] } else { vec![draft] };
    Parsed { format: Some(Format::Html), drafts, warnings }
}

/// An HTML fragment (a feed item's content, a JSON body with markup) as paragraphs.
pub fn fragment_paragraphs(fragment: &str) -> Vec<String> {
    if !fragment.contains('<') && !fragment.contains('&') {
        return fragment.split('\n').filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    }
    if too_deep(fragment, MAX_DEPTH) {
        return strip_tags(fragment);
    }
    let doc = Html::parse_fragment(fragment);
    blocks(doc.root_element(), false)
}

/// Inline markup reduced to its text (titles in feeds may carry tags and entities).
pub fn inline_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_string();
    }
    fragment_paragraphs(s).join(" ")
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn meta(doc: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().filter_map(|s| sel(s)).find_map(|s| {
        doc.select(&s).find_map(|e| {
            let v = e.attr("content").or_else(|| e.attr("href")).or_else(|| e.attr("datetime"))?;
            let v = v.trim();
            (!v.is_empty()).then(|| v.to_string())
        })
    })
}

fn title(doc: &Html, root: ElementRef, site: Option<&str>) -> Option<String> {
    if let Some(t) =
        meta(doc, &["meta[property='og:title']", "meta[name='og:title']", "meta[name='twitter:title']"])
    {
        return Some(t);
    }
    let h1 = sel("h1")?;
    let heading = root
        .select(&h1)
        .chain(doc.select(&h1))
        .map(|e| squash(&e.text().collect::<String>()))
        .find(|t| !t.is_empty());
    if heading.is_some() {
        return heading;
    }
    let t = doc.select(&sel("title")?).next()?.text().collect::<String>();
    let t = squash(&t);
    let t = site.and_then(|s| strip_named_site(&t, &squash(s))).unwrap_or_else(|| strip_site_name(&t));
    (!t.is_empty()).then_some(t)
}

/// Removes a site name from a `<title>`: "Headline | Site", "Site | Headline", "Headline - Site".
pub fn strip_site_name(t: &str) -> String {
    let words = |s: &str| s.split_whitespace().count();
    if let Some((a, b)) =
        t.rsplit_once(" | ").or_else(|| t.rsplit_once(" — ")).or_else(|| t.rsplit_once(" – "))
    {
        return if words(b) <= words(a) { a.trim().to_string() } else { b.trim().to_string() };
    }
    if let Some((a, b)) = t.rsplit_once(" - ")
        && words(b) <= 4
        && words(a) > words(b)
    {
        return a.trim().to_string();
    }
    t.to_string()
}

/// Removes a known site name and its separator from either end of a `<title>`.
fn strip_named_site(t: &str, site: &str) -> Option<String> {
    if site.is_empty() || site == t {
        return None;
    }
    let seps = |c: char| c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ':' | '»' | '«' | '·');
    let rest = t
        .strip_suffix(site)
        .map(|r| r.trim_end_matches(seps))
        .or_else(|| t.strip_prefix(site).map(|r| r.trim_start_matches(seps)))?;
    (!rest.is_empty()).then(|| rest.to_string())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element that holds the article text.
fn main_root(doc: &Html) -> ElementRef<'_> {
    let body = sel("body").and_then(|s| doc.select(&s).next()).unwrap_or_else(|| doc.root_element());
    if let Some(s) = sel("article") {
        let best = doc
            .select(&s)
            .take(50)
            .filter(|e| !in_skipped(*e))
            .map(|e| (text_len(e), e))
            .max_by_key(|(n, _)| *n);
        if let Some((n, e)) = best
            && n >= 80
        {
            return e;
        }
    }
    if let Some(s) = sel("main, [role=main], [itemprop=articleBody]")
        && let Some(e) = doc.select(&s).take(50).find(|e| !in_skipped(*e) && text_len(*e) >= 80)
    {
        return e;
    }
    // The element whose own <p> children hold the most text.
    let mut best: Option<(usize, ElementRef)> = None;
    if let Some(p) = sel("p") {
        let mut scores: std::collections::HashMap<ego_tree::NodeId, usize> = Default::default();
        for e in doc.select(&p) {
            if in_skipped(e) {
                continue;
            }
            if let Some(parent) = e.parent().and_then(ElementRef::wrap) {
                let score = scores.entry(parent.id()).or_default();
                *score += text_len(e);
                if best.is_none_or(|(b, _)| *score > b) {
                    best = Some((*score, parent));
                }
            }
        }
    }
    best.map(|(_, e)| e).unwrap_or(body)
}

fn skip_element(e: &scraper::node::Element) -> bool {
    let r = rules();
    let name = e.name();
    if r.html_skip_tags.iter().any(|t| t == name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let words = e.classes().chain(e.id()).flat_map(|c| c.split(['-', '_', ' '])).map(str::to_ascii_lowercase);
    words.into_iter().any(|w| r.html_skip_classes.contains(&w))
}

// Bounded so that absurdly deep pages stay linear.
fn in_skipped(e: ElementRef) -> bool {
    std::iter::once(*e)
        .chain(e.ancestors().take(64))
        .any(|n| n.value().as_element().is_some_and(skip_element))
}

fn text_len(e: ElementRef) -> usize {
    let mut n = 0;
    walk(e, false, |ev| {
        if let Piece::Text(t) = ev {
            n += t.len();
        }
    });
    n
}

enum Piece<'a> {
    Text(&'a str),
    Break,
}

/// Walks the text under `root` in order, skipping furniture (not `root` itself), reporting breaks
/// at block boundaries.
fn walk<'a>(root: ElementRef<'a>, check_root: bool, mut f: impl FnMut(Piece<'a>)) {
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skipping.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => f(Piece::Text(t)),
                    Node::Element(e) => {
                        if (n.id() != root.id() || check_root) && skip_element(e) {
                            skipping = Some(n.id());
                        } else if is_block(e.name()) {
                            f(Piece::Break);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skipping == Some(n.id()) {
                    skipping = None;
                } else if skipping.is_none() && n.value().as_element().is_some_and(|e| is_block(e.name())) {
                    f(Piece::Break);
                }
            }
        }
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "br"
            | "hr"
            | "figcaption"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "title"
    )
}

/// The paragraphs under `root`, whitespace collapsed.
fn blocks(root: ElementRef, check_root: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let push = |cur: &mut String, out: &mut Vec<String>| {
        let p = squash(cur);
        if !p.is_empty() {
            out.push(p);
        }
        cur.clear();
    };
    walk(root, check_root, |piece| match piece {
        Piece::Text(t) => cur.push_str(t),
        Piece::Break => push(&mut cur, &mut out),
    });
    push(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_name_removed_from_title() {
        assert_eq!(strip_site_name("عنوان الخبر الطويل هنا | موقع الأخبار"), "عنوان الخبر الطويل هنا");
        assert_eq!(strip_site_name("الموقع | عنوان الخبر الطويل هنا"), "عنوان الخبر الطويل هنا");
        assert_eq!(
            strip_site_name("لبنان - سوريا: اتفاق جديد على الحدود"),
            "لبنان - سوريا: اتفاق جديد على الحدود"
        );
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
