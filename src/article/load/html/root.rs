//! Where the article is in a page. Every paragraph-like block (its own text outside links at
//! least [`MIN_PARAGRAPH`] bytes) scores its length for its parent, half for its grandparent and a
//! third for the one above: the best-scoring element holds the text, whatever the markup (`<p>`,
//! `<div>` per paragraph, table cells), descending into a child that holds 65% of its paragraph
//! text (the article beside comments; the one block of `<br>`-separated text), and taking in its
//! siblings of the same kind (sections of one article). Furniture does not score, and link text (menus, teaser lists)
//! does not count. From there the root widens to an ancestor only to take in the headline and
//! standfirst: the text the ancestor adds before the root holds a heading (or an element classed
//! as title, headline, lead …) and is at most 60% of the root's; when what it adds after is more
//! than 20% of it (60% inside an `<article>`: tags, related stories, comments), reading stops at
//! the end of the text. Wrappers that add nothing are passed; `<article>`, `<main>` and
//! `itemprop=articleBody` are not left.

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
    /// The index of its last descendant.
    last: usize,
    score: usize,
    /// Paragraph text (own text of scoring blocks) met before it opened and when it closed.
    prose_pre: usize,
    prose_post: usize,
}

struct Frame {
    ord: usize,
    block: bool,
    link: bool,
    own: usize,
}

const NONE: usize = usize::MAX;

/// Where the article text is: an element (the page's `<body>` when nothing scores), and the
/// element inside it after which the text ends, when what follows is not the article's.
pub struct Root<'a> {
    /// The element to read.
    pub element: ElementRef<'a>,
    /// Reading stops at the end of this element.
    pub end: Option<NodeId>,
}

/// The element that holds the article text; see the module docs.
pub fn main_root(doc: &Html) -> Root<'_> {
    let body = Selector::parse("body")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .unwrap_or_else(|| doc.root_element());
    let infos = score(body);
    let Some(mut best) =
        (1..infos.len()).filter(|&i| infos[i].score > 0).max_by_key(|&i| (infos[i].score, NONE - i))
    else {
        return Root { element: body, end: None };
    };
    // A wrapper scores from all it holds; when one child holds most of its paragraph text (the
    // article, beside comments or teasers; the one block of <br>-separated text), that child is
    // the text.
    let prose = |i: usize| infos[i].prose_post - infos[i].prose_pre;
    loop {
        let child =
            (best + 1..=infos[best].last).filter(|&j| infos[j].parent == best).max_by_key(|&j| prose(j));
        match child {
            Some(c) if prose(c) * 100 >= prose(best) * 65 && prose(c) > 0 => best = c,
            _ => break,
        }
    }
    let el = |i: usize| doc.tree.get(infos[i].node).and_then(ElementRef::wrap).unwrap_or(body);
    let size = |i: usize| infos[i].post - infos[i].pre;
    // The text runs from `first` to `last`: the best element and its siblings of the same kind
    // (sections of one article, a <div> per paragraph), all of them, and no other siblings.
    let (mut first, mut last) = (best, best);
    let p = infos[best].parent;
    if p != NONE && p != 0 {
        let kind = |i: usize| (el(i).value().name(), el(i).value().attr("class"));
        let same: Vec<usize> = (p + 1..=infos[p].last)
            .filter(|&j| infos[j].parent == p && size(j) > 0 && kind(j) == kind(best))
            .collect();
        if same.len() > 1 {
            (first, last) = (same[0], same[same.len() - 1]);
            best = p;
        }
    }
    let base = infos[last].post - infos[first].pre;
    let mut end = (last != best || first != best).then_some(last);
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
        let before = infos[first].pre - infos[p].pre;
        let after = infos[p].post - infos[last].post;
        let heading_before = infos[first].headings > infos[p].headings;
        let after_limit = if el(p).value().name() == "article" { base * 6 / 10 } else { base / 5 };
        let adds_nothing = size(p) == size(cur);
        if !adds_nothing && (!heading_before || before > base * 6 / 10) {
            break;
        }
        if after > after_limit {
            // Comments or other stories follow the text: the headline is taken, they are not.
            end = Some(last);
        }
        cur = p;
        if size(cur) > size(chosen) {
            chosen = cur;
        }
    }
    // Reading stops after the text only when something not the article's follows it.
    let end = end.filter(|&e| infos[chosen].post > infos[e].post).map(|e| infos[e].node);
    Root { element: el(chosen), end }
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
    let (mut text, mut links, mut headings, mut prose) = (0usize, 0usize, 0usize, 0usize);
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
                            last: ord,
                            score: 0,
                            prose_pre: prose,
                            prose_post: prose,
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
                infos[f.ord].last = infos.len() - 1;
                infos[f.ord].prose_post = prose + if f.block && f.own >= MIN_PARAGRAPH { f.own } else { 0 };
                if f.block && f.own >= MIN_PARAGRAPH {
                    prose += f.own;
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
