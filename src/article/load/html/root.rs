//! Where the article is in a page. Every paragraph-like block (its own text outside links at
//! least [`MIN_PARAGRAPH`] bytes) scores its length for its parent, half for its grandparent and a
//! third for the one above: the best-scoring element holds the text, whatever the markup (`<p>`,
//! `<div>` per paragraph, `<br>`-separated text, table cells). Furniture does not score, and link
//! text (menus, teaser lists) does not count. From there the root widens to its ancestors while
//! they add little: text before it (headline, standfirst) up to 60% of its own, text after it
//! (tags, related stories) up to 20% (60% inside an `<article>`), stopping at `<article>`,
//! `<main>` or `itemprop=articleBody`.

use ego_tree::{NodeId, iter::Edge};
use scraper::{ElementRef, Html, Node, Selector};

use super::furniture::skip_element;
use super::lines::is_block;

/// Bytes of own text (outside links) that make a block a paragraph (about 25 Arabic letters).
const MIN_PARAGRAPH: usize = 50;

struct Info {
    node: NodeId,
    parent: usize,
    /// Text bytes outside links met before the element opened and when it closed.
    pre: usize,
    post: usize,
    score: usize,
}

struct Frame {
    ord: usize,
    block: bool,
    link: bool,
    own: usize,
}

const NONE: usize = usize::MAX;

/// The element that holds the article text (the page's `<body>` when nothing scores).
pub fn main_root(doc: &Html) -> ElementRef<'_> {
    let body = Selector::parse("body")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .unwrap_or_else(|| doc.root_element());
    let infos = score(body);
    let Some(best) =
        (1..infos.len()).filter(|&i| infos[i].score > 0).max_by_key(|&i| (infos[i].score, NONE - i))
    else {
        return body;
    };
    let el = |i: usize| doc.tree.get(infos[i].node).and_then(ElementRef::wrap).unwrap_or(body);
    let size = |i: usize| infos[i].post - infos[i].pre;
    let base = size(best);
    let (mut cur, mut chosen) = (best, best);
    for _ in 0..4 {
        if is_container(el(cur)) {
            break;
        }
        let p = infos[cur].parent;
        // Never widen to the whole page.
        if p == NONE || p == 0 {
            break;
        }
        let before = infos[best].pre - infos[p].pre;
        let after = infos[p].post - infos[best].post;
        let after_limit = if el(p).value().name() == "article" { base * 6 / 10 } else { base / 5 };
        if before > base * 6 / 10 || after > after_limit {
            break;
        }
        cur = p;
        if size(cur) > size(chosen) {
            chosen = cur;
        }
    }
    el(chosen)
}

/// `<article>`, `<main>` and the elements marked as the article body: the author's own word for
/// where the article ends.
fn is_container(e: ElementRef) -> bool {
    let v = e.value();
    matches!(v.name(), "article" | "main")
        || v.attr("role") == Some("main")
        || v.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|w| w == "articleBody"))
}

/// One pass over the page: every element's text counters and score, in document order (index 0
/// is `root`).
fn score(root: ElementRef) -> Vec<Info> {
    let mut infos: Vec<Info> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut text = 0usize;
    let mut links = 0usize;
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skipping.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Element(e) => {
                        // Headers count: inside an article they hold its headline and standfirst.
                        if n.id() != root.id() && skip_element(e, true) {
                            skipping = Some(n.id());
                            continue;
                        }
                        let ord = infos.len();
                        let parent = stack.last().map_or(NONE, |f| f.ord);
                        infos.push(Info { node: n.id(), parent, pre: text, post: text, score: 0 });
                        let link = e.name() == "a" && e.attr("href").is_some();
                        links += usize::from(link);
                        stack.push(Frame {
                            ord,
                            block: is_block(e.name()) || matches!(e.name(), "td" | "th"),
                            link,
                            own: 0,
                        });
                    }
                    Node::Text(t) if links == 0 => {
                        let len = t.trim().len();
                        text += len;
                        if let Some(f) = stack.iter_mut().rev().find(|f| f.block) {
                            f.own += len;
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if let Some(s) = skipping {
                    if s == n.id() {
                        skipping = None;
                    }
                    continue;
                }
                if !n.value().is_element() {
                    continue;
                }
                let Some(f) = stack.pop() else {
                    continue;
                };
                links -= usize::from(f.link);
                infos[f.ord].post = text;
                if f.block && f.own >= MIN_PARAGRAPH {
                    let mut p = infos[f.ord].parent;
                    for share in 1..=3 {
                        if p == NONE {
                            break;
                        }
                        infos[p].score += f.own / share;
                        p = infos[p].parent;
                    }
                }
            }
        }
    }
    infos
}
