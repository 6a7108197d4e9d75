//! Where the article is in a page. Every paragraph-like block (its own text outside links at
//! least [`MIN_PARAGRAPH`] bytes) scores its length for its parent, half for its grandparent and a
//! third for the one above: the best-scoring element holds the text, whatever the markup (`<p>`,
//! `<div>` per paragraph, table cells); when one block holds nearly all of it (`<br>`-separated
//! text) that block is the root. Furniture does not score, and link text (menus, teaser lists)
//! does not count. From there the root widens to an ancestor only to take in the headline and
//! standfirst: the text the ancestor adds before the root holds a heading (or an element classed
//! as title, headline, lead …) and is at most 60% of the root's, and what it adds after (tags,
//! related stories) at most 20% (60% inside an `<article>`). Wrappers that add nothing are passed;
//! `<article>`, `<main>` and `itemprop=articleBody` are not left.

use ego_tree::{NodeId, iter::Edge};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};

use super::furniture::{any_class_word, skip_element};
use super::lines::is_block;

/// Bytes of own text (outside links) that make a block a paragraph (about 25 Arabic letters).
const MIN_PARAGRAPH: usize = 50;

struct Info {
    node: NodeId,
    parent: usize,
    /// Text bytes outside links met before the element opened and when it closed.
    pre: usize,
    post: usize,
    /// Headings opened before the element.
    headings: usize,
    score: usize,
    /// The child block with the most own text: (bytes, index).
    top_child: (usize, usize),
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
    let Some(mut best) =
        (1..infos.len()).filter(|&i| infos[i].score > 0).max_by_key(|&i| (infos[i].score, NONE - i))
    else {
        return body;
    };
    let (own, child) = infos[best].top_child;
    if child != NONE && own * 10 >= infos[best].score * 8 {
        best = child;
    }
    let el = |i: usize| doc.tree.get(infos[i].node).and_then(ElementRef::wrap).unwrap_or(body);
    let size = |i: usize| infos[i].post - infos[i].pre;
    let base = size(best);
    let (mut cur, mut chosen) = (best, best);
    for _ in 0..6 {
        if is_container(el(cur).value()) {
            break;
        }
        let p = infos[cur].parent;
        // Never widen to the whole page.
        if p == NONE || p == 0 {
            break;
        }
        let before = infos[best].pre - infos[p].pre;
        let after = infos[p].post - infos[best].post;
        let heading_before = infos[best].headings > infos[p].headings;
        let after_limit = if el(p).value().name() == "article" { base * 6 / 10 } else { base / 5 };
        let adds_nothing = size(p) == size(cur);
        if !adds_nothing && (!heading_before || before > base * 6 / 10 || after > after_limit) {
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
fn is_container(e: &Element) -> bool {
    matches!(e.name(), "article" | "main")
        || e.attr("role") == Some("main")
        || e.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|w| w == "articleBody"))
}

/// A headline or standfirst: `<h1>` … `<h6>`, `itemprop=headline`, or classed as one.
pub fn is_heading(e: &Element) -> bool {
    const WORDS: &[&str] = &[
        "title",
        "headline",
        "subtitle",
        "lead",
        "lede",
        "standfirst",
        "summary",
        "excerpt",
        "subhead",
        "intro",
    ];
    matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
        || e.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|w| w == "headline"))
        || e.classes().any(|c| any_class_word(c, |w| WORDS.iter().any(|x| x.eq_ignore_ascii_case(w))))
}

/// One pass over the page: every element's text counters and score, in document order (index 0
/// is `root`).
fn score(root: ElementRef) -> Vec<Info> {
    let mut infos: Vec<Info> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let (mut text, mut links, mut headings) = (0usize, 0usize, 0usize);
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
                        infos.push(Info {
                            node: n.id(),
                            parent,
                            pre: text,
                            post: text,
                            headings,
                            score: 0,
                            top_child: (0, NONE),
                        });
                        let name = e.name();
                        if (is_block(name) || name == "span") && is_heading(e) {
                            headings += 1;
                        }
                        let link = name == "a" && e.attr("href").is_some();
                        links += usize::from(link);
                        let block = is_block(name) || matches!(name, "td" | "th");
                        stack.push(Frame { ord, block, link, own: 0 });
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
                    if p != NONE && infos[p].top_child.0 < f.own {
                        infos[p].top_child = (f.own, f.ord);
                    }
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
