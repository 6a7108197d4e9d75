//! A page's text as lines, one per block, and the structural line filters: link lists, captions
//! under pictures. Table rows become one line, cells joined by " | ". Accessibility skip links
//! ("تخطى البودكاست وواصل القراءة") skip the embed they jump over.

use std::ops::Range;

use ego_tree::{NodeId, iter::Edge};
use scraper::{ElementRef, Node};

use super::furniture::skip_element;
use crate::article::clean::ends_sentence;
use crate::article::normalize::fold_arabic;
use crate::article::rules::{LineClass, rules};

/// How to walk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Walk {
    /// Whether the root itself may be furniture (fragments: no).
    pub check_root: bool,
    /// Inside an article: its `<header>` is read.
    pub in_article: bool,
    /// An element not read (the headline, shown as the title).
    pub skip: Option<NodeId>,
    /// Reading stops at the end of this element.
    pub end: Option<NodeId>,
}

/// One block's text and what the filters need to know about it.
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// The text, spaces collapsed.
    pub text: String,
    /// Table cells on the line (2 or more: a table row).
    pub cells: usize,
    /// Inside `<h1>` … `<h6>`.
    pub heading: bool,
    /// The first text after a picture.
    pub after_image: bool,
    /// All its text in `<em>`, `<i>`, `<small>` or a centred block (how captions are set).
    pub caption_style: bool,
    /// Letters in links and in all, words in links and outside them; counted only for lines that
    /// are mostly links (otherwise zero).
    link_letters: usize,
    letters: usize,
    link_words: usize,
    other_words: usize,
}

impl Line {
    /// A list of links (menus, teasers, tags, share buttons), not text.
    pub fn is_link_list(&self) -> bool {
        if self.cells >= 2 || self.letters == 0 {
            return false;
        }
        self.link_letters * 10 >= self.letters * 9
            || (self.other_words <= 3
                && self.link_words >= 3 * self.other_words.max(1)
                && !ends_sentence(&self.text))
    }

    /// A picture's caption: short, no sentence, set apart, right after the picture.
    pub fn is_caption(&self) -> bool {
        self.after_image
            && self.caption_style
            && !self.heading
            && self.cells < 2
            && self.text.split_whitespace().count() <= 15
            && !ends_sentence(&self.text)
    }
}

#[derive(Default)]
struct Builder {
    lines: Vec<Line>,
    cur: String,
    links: Vec<Range<usize>>,
    link_start: Option<usize>,
    link_bytes: usize,
    styled_bytes: usize,
    cells: usize,
    sep_pending: bool,
    heading: bool,
    centered: bool,
    image_seen: bool,
    just_closed_link: bool,
    in_link: usize,
    styled: usize,
    in_figure: usize,
    /// For each open table: whether it lays out the page (cells are blocks) or holds data.
    tables: Vec<bool>,
}

impl Builder {
    fn text(&mut self, t: &str) {
        let (in_link, styled) = (self.in_link > 0, self.styled > 0);
        if self.sep_pending && !t.trim().is_empty() {
            self.cur.push_str(" | ");
            self.sep_pending = false;
        }
        self.cur.push_str(t);
        if in_link {
            self.link_bytes += t.len();
        }
        if styled {
            self.styled_bytes += t.len();
        }
        if !t.trim().is_empty() {
            self.just_closed_link = false;
        }
    }

    fn flush(&mut self) {
        if let Some(start) = self.link_start.take() {
            self.links.push(start..self.cur.len());
        }
        let text = squash(&self.cur);
        if !text.is_empty() {
            let raw = self.cur.trim();
            let mut line = Line {
                cells: self.cells,
                heading: self.heading,
                after_image: self.image_seen,
                caption_style: self.centered
                    || self.in_figure > 0
                    || self.styled_bytes >= raw.len().saturating_sub(2),
                ..Line::default()
            };
            // Only lines that are mostly links are measured closely.
            if self.link_bytes * 2 >= raw.len() {
                self.measure_links(&mut line);
            }
            line.text = text;
            self.lines.push(line);
            self.image_seen = false;
        }
        self.cur.clear();
        self.links.clear();
        self.link_bytes = 0;
        self.styled_bytes = 0;
        self.cells = 0;
        self.sep_pending = false;
        self.heading = false;
        self.centered = false;
        self.just_closed_link = false;
        if self.in_link > 0 {
            // A block inside a link (a teaser card): the next line starts inside the link too.
            self.link_start = Some(0);
        }
    }

    fn measure_links(&self, line: &mut Line) {
        let mut other = String::new();
        let mut last = 0;
        let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
        let words = |s: &str| s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        for r in &self.links {
            other.push_str(&self.cur[last..r.start]);
            other.push(' ');
            let link = &self.cur[r.clone()];
            line.link_letters += letters(link);
            line.link_words += words(link);
            last = r.end;
        }
        other.push_str(&self.cur[last..]);
        line.other_words = words(&other);
        line.letters = line.link_letters + letters(&other);
    }
}

/// The lines of text under `root`, furniture skipped.
pub fn walk(root: ElementRef, how: Walk) -> Vec<Line> {
    let mut b = Builder::default();
    let mut skipping: Option<NodeId> = None;
    let mut skip_to: Option<String> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skipping.is_some() {
                    continue;
                }
                if let Some(target) = &skip_to {
                    if let Node::Element(e) = n.value()
                        && e.id() == Some(target.as_str())
                    {
                        skipping = Some(n.id());
                        skip_to = None;
                    }
                    continue;
                }
                match n.value() {
                    Node::Text(t) => b.text(t),
                    Node::Element(e) => {
                        let is_root = n.id() == root.id();
                        if (!is_root || how.check_root)
                            && (skip_element(e, how.in_article) || how.skip == Some(n.id()))
                        {
                            skipping = Some(n.id());
                            continue;
                        }
                        let name = e.name();
                        if name == "a"
                            && let Some(target) = skip_link_target(root, n.id(), e)
                        {
                            skipping = Some(n.id());
                            skip_to = Some(target);
                            continue;
                        }
                        if name == "table" {
                            b.tables.push(ElementRef::wrap(n).is_some_and(is_layout_table));
                        }
                        open(&mut b, e, name);
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skipping == Some(n.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() || skip_to.is_some() {
                    continue;
                }
                if let Some(e) = n.value().as_element() {
                    close(&mut b, e.name());
                }
                if how.end == Some(n.id()) {
                    break;
                }
            }
        }
    }
    b.flush();
    b.lines
}

fn open(b: &mut Builder, e: &scraper::node::Element, name: &str) {
    match name {
        "a" => {
            if b.just_closed_link && !b.cur.ends_with(char::is_whitespace) {
                // Links side by side (share buttons, tags) are separate words.
                b.cur.push(' ');
            }
            b.in_link += 1;
            if b.in_link == 1 {
                b.link_start = Some(b.cur.len());
            }
        }
        "td" | "th" if b.tables.last() == Some(&true) => b.flush(),
        "td" | "th" => {
            if !b.cur.trim().is_empty() {
                b.sep_pending = true;
            }
            b.cells += 1;
        }
        "img" => b.image_seen = true,
        "figure" => b.in_figure += 1,
        "em" | "i" | "small" | "cite" => b.styled += 1,
        _ => {}
    }
    if is_block(name) {
        b.flush();
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            b.heading = true;
        }
        if is_centered(e) {
            b.centered = true;
        }
    }
}

fn close(b: &mut Builder, name: &str) {
    match name {
        "a" => {
            b.in_link = b.in_link.saturating_sub(1);
            if b.in_link == 0
                && let Some(start) = b.link_start.take()
            {
                let end = b.cur.len();
                b.links.push(start..end);
                b.just_closed_link = true;
            }
        }
        "em" | "i" | "small" | "cite" => b.styled = b.styled.saturating_sub(1),
        "figure" => b.in_figure = b.in_figure.saturating_sub(1),
        "table" => {
            b.tables.pop();
        }
        "td" | "th" if b.tables.last() == Some(&true) => b.flush(),
        _ => {}
    }
    if is_block(name) {
        b.flush();
    }
}

/// A table that lays out the page rather than holding data: tables inside it, or cells holding
/// paragraphs, line breaks or lists.
fn is_layout_table(table: ElementRef) -> bool {
    table.descendants().skip(1).any(|n| {
        n.value().as_element().is_some_and(|e| {
            matches!(
                e.name(),
                "table" | "p" | "div" | "br" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "blockquote"
            )
        })
    })
}

fn is_centered(e: &scraper::node::Element) -> bool {
    e.attr("align").is_some_and(|a| a.eq_ignore_ascii_case("center"))
        || e.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("text-align:center")
        })
}

/// The id an accessibility skip link jumps to ("تخطى …", "skip …"), if the target follows it.
fn skip_link_target(root: ElementRef, link: NodeId, e: &scraper::node::Element) -> Option<String> {
    let target = e.attr("href")?.strip_prefix('#')?;
    if target.is_empty() {
        return None;
    }
    let node = root.tree().get(link)?;
    let text: String = ElementRef::wrap(node)?.text().collect();
    let text = text.trim_start();
    let skip_word = ["تخطى", "تخطي", "تجاوز", "skip"]
        .iter()
        .any(|w| text.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)));
    if !skip_word {
        return None;
    }
    let found = root
        .descendants()
        .skip_while(|n| n.id() != link)
        .any(|n| n.value().as_element().is_some_and(|x| x.id() == Some(target)));
    found.then(|| target.to_string())
}

/// Whether an element starts and ends a line.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
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

/// Whitespace runs collapsed to one space, ends trimmed.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The text of the lines a reader should see: link lists and captions dropped, and a "read also"
/// marker whose links were dropped goes with them (else it would take the next line for a teaser).
pub fn keep_text(lines: Vec<Line>) -> Vec<String> {
    keep(lines).into_iter().map(|l| l.text).collect()
}

/// [`keep_text`], keeping the lines.
pub fn keep(lines: Vec<Line>) -> Vec<Line> {
    let dropped: Vec<bool> = lines.iter().map(|l| l.is_link_list() || l.is_caption()).collect();
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.into_iter().enumerate() {
        if dropped[i] {
            continue;
        }
        let links_follow = dropped.get(i + 1).copied().unwrap_or(false);
        if links_follow
            && l.text.len() < 200
            && rules().classify(&fold_arabic(&l.text)) == LineClass::DropWithNext
        {
            continue;
        }
        out.push(l);
    }
    out
}

/// Drops what stands between the headline and the first paragraph when it is not text: bylines,
/// datelines, places, section names, photo credits (short lines that are neither sentences nor
/// headings). A standfirst is a sentence or longer, and stays.
pub fn drop_preamble(lines: &mut Vec<Line>) {
    let words = |p: &str| p.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    let is_prose = |p: &str| (ends_sentence(p) && words(p) >= 6) || words(p) >= 15;
    let Some(first) = lines.iter().position(|l| is_prose(&l.text)) else {
        return;
    };
    let mut i = 0;
    lines.retain(|l| {
        i += 1;
        i > first || l.heading || words(&l.text) > 6 || ends_sentence(&l.text)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        let doc = scraper::Html::parse_fragment(html);
        keep_text(walk(doc.root_element(), Walk { in_article: true, ..Walk::default() }))
    }

    #[test]
    fn link_lists_go_text_with_links_stays() {
        let got = lines(
            "<p>قال <a href=/x>الوزير</a> إن الخطة جاهزة.</p><ul><li><a href=/a>خبر آخر عن الموضوع</a></li></ul>\
             <p><a href=/f>فيسبوك</a><a href=/t>تويتر</a></p><p><a href=/n>عنوان خبر طويل هنا</a> موقع</p>",
        );
        assert_eq!(got, ["قال الوزير إن الخطة جاهزة."]);
    }

    #[test]
    fn table_rows_are_lines() {
        let got = lines(
            "<table><tr><th>الفريق</th><th>النقاط</th></tr><tr><td><a href=/t>الأهلي</a></td><td>48</td></tr></table>",
        );
        assert_eq!(got, ["الفريق | النقاط", "الأهلي | 48"]);
    }

    #[test]
    fn caption_after_picture() {
        let got =
            lines("<p><img src=x></p><p><em>صورة الوزير في المؤتمر</em></p><p>النص.</p><h2>عنوان فرعي</h2>");
        assert_eq!(got, ["النص.", "عنوان فرعي"]);
    }

    #[test]
    fn skip_link_skips_to_its_target() {
        let got = lines(
            "<p>قبل.</p><a href=\"#end\">تخطى البودكاست وواصل القراءة</a><p>بودكاست</p><p id=end>نهاية البودكاست</p><p>بعد.</p>",
        );
        assert_eq!(got, ["قبل.", "بعد."]);
    }
}
