//! A page's headline. The visible `<h1>` of the article when og:title (or twitter:title) agrees
//! with it or is missing; og:title when they disagree; then JSON-LD's headline; last the
//! `<title>` element without the site's name: the part of it printed as a line on the page, else
//! the longer part.

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};

use super::furniture::skip_element;
use super::head::Head;
use super::lines::squash;
use crate::article::normalize::words_key;

/// The headline found in the page's markup, and the element that shows it (not read as body).
pub fn from_markup(
    doc: &Html,
    head: &Head,
    root: ElementRef,
    site: Option<&str>,
    ld_headline: Option<&str>,
    in_article: bool,
) -> (Option<String>, Option<NodeId>) {
    let h1 = first_h1(doc, root, in_article);
    let og = head
        .meta(&["og:title", "twitter:title"])
        .map(|t| without_site(&squash(&t), site))
        .filter(|t| !t.is_empty());
    match (h1, og) {
        (Some((h, node)), Some(o)) if similar(&h, &o) => (Some(h), Some(node)),
        (Some((h, node)), None) => (Some(h), Some(node)),
        (h1, Some(o)) => {
            // The h1 says something else (a section name?): it stays in the text, unless it
            // repeats the title anyway.
            let node = h1.filter(|(h, _)| words_key(h) == words_key(&o)).map(|(_, n)| n);
            (Some(o), node)
        }
        (None, None) => (ld_headline.map(squash).filter(|t| !t.is_empty()), None),
    }
}

/// The first non-empty `<h1>` of the article, else of the page, outside furniture (a logo in the
/// site's header is an `<h1>` on many pages); else the article's first element marked as its
/// headline (`itemprop=headline`, a class "title" or "headline") of three words or more.
fn first_h1<'a>(doc: &'a Html, root: ElementRef<'a>, in_article: bool) -> Option<(String, NodeId)> {
    let h1 = Selector::parse("h1").ok()?;
    let text = |e: ElementRef| squash(&e.text().collect::<String>());
    let marked = root.descendants().filter_map(ElementRef::wrap).filter(|e| is_marked_headline(e.value()));
    root.select(&h1)
        .filter(|e| !in_furniture(*e, Some(root.id()), in_article))
        .chain(doc.select(&h1).filter(|e| !in_furniture(*e, None, false)))
        .map(|e| (text(e), e.id()))
        .find(|(t, _)| !t.is_empty())
        .or_else(|| {
            marked
                .filter(|e| !in_furniture(*e, Some(root.id()), in_article))
                .map(|e| (text(e), e.id()))
                .find(|(t, _)| t.split_whitespace().count() >= 3)
        })
}

fn is_marked_headline(e: &scraper::node::Element) -> bool {
    e.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|w| w == "headline"))
        || e.classes().any(|c| {
            super::furniture::any_class_word(c, |w| {
                w.eq_ignore_ascii_case("title") || w.eq_ignore_ascii_case("headline")
            })
        })
}

/// Whether `e` or an ancestor below `stop` is furniture.
fn in_furniture(e: ElementRef, stop: Option<NodeId>, in_article: bool) -> bool {
    std::iter::once(*e)
        .chain(e.ancestors().take(64))
        .take_while(|n| Some(n.id()) != stop)
        .any(|n| n.value().as_element().is_some_and(|x| skip_element(x, in_article)))
}

/// Most words of the shorter one occur in the other.
fn similar(a: &str, b: &str) -> bool {
    let (ka, kb) = (words_key(a), words_key(b));
    let (short, long) = if ka.len() <= kb.len() { (ka, kb) } else { (kb, ka) };
    let long: Vec<&str> = long.split(' ').collect();
    let words: Vec<&str> = short.split(' ').filter(|w| !w.is_empty()).collect();
    !words.is_empty() && words.iter().filter(|w| long.contains(w)).count() * 10 >= words.len() * 6
}

/// The `<title>` element's headline: see the module docs. `lines` are the page's text lines.
pub fn from_title_element(head: &Head, site: Option<&str>, lines: &[&str]) -> Option<String> {
    let t = squash(head.title.as_deref()?);
    let t = site.and_then(|s| strip_named_site(&t, &squash(s))).unwrap_or(t);
    let t = printed_part(&t, lines).unwrap_or_else(|| strip_site_name(&t));
    (!t.is_empty()).then_some(t)
}

/// Separators between a headline and a site or section name in titles.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " ｜ "];

/// The longest run of the title's parts that the page prints as a line of its own.
fn printed_part(t: &str, lines: &[&str]) -> Option<String> {
    let mut cuts: Vec<(usize, usize)> =
        SEPARATORS.iter().flat_map(|s| t.match_indices(s).map(|(i, m)| (i, i + m.len()))).collect();
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_unstable();
    let keys: std::collections::HashSet<String> =
        lines.iter().filter(|l| l.len() <= t.len()).map(|l| words_key(l)).collect();
    // Part boundaries: starts and ends of the parts between separators.
    let starts: Vec<usize> = std::iter::once(0).chain(cuts.iter().map(|c| c.1)).collect();
    let ends: Vec<usize> = cuts.iter().map(|c| c.0).chain(std::iter::once(t.len())).collect();
    let mut best: Option<&str> = None;
    for (i, &s) in starts.iter().enumerate() {
        for &e in &ends[i..] {
            let part = t[s..e].trim();
            if part.len() < t.len()
                && best.is_none_or(|b| part.len() > b.len())
                && keys.contains(&words_key(part))
            {
                best = Some(part);
            }
        }
    }
    best.map(str::to_string)
}

/// An og:title without the site's name.
fn without_site(t: &str, site: Option<&str>) -> String {
    let t = site.and_then(|s| strip_named_site(t, &squash(s))).unwrap_or_else(|| t.to_string());
    strip_site_name(&t)
}

/// Removes a site name from a `<title>`: "Headline | Site", "Site | Headline", "Headline - Site".
pub fn strip_site_name(t: &str) -> String {
    let words = |s: &str| s.split_whitespace().count();
    if let Some((a, b)) =
        t.rsplit_once(" | ").or_else(|| t.rsplit_once(" — ")).or_else(|| t.rsplit_once(" – "))
    {
        return if words(b) <= words(a) { strip_site_name(a.trim()) } else { b.trim().to_string() };
    }
    if let Some((a, b)) = t.rsplit_once(" - ")
        && words(b) <= 4
        && words(a) > words(b)
    {
        return a.trim().to_string();
    }
    t.to_string()
}

/// Removes a known site name and its separator from either end of a title.
fn strip_named_site(t: &str, site: &str) -> Option<String> {
    if site.is_empty() || site == t {
        return None;
    }
    let seps =
        |c: char| c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ':' | '»' | '«' | '·' | '｜');
    let rest = t
        .strip_suffix(site)
        .map(|r| r.trim_end_matches(seps))
        .or_else(|| t.strip_prefix(site).map(|r| r.trim_start_matches(seps)))?;
    (!rest.is_empty()).then(|| rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_name_removed_from_title() {
        assert_eq!(strip_site_name("عنوان الخبر الطويل هنا | موقع الأخبار"), "عنوان الخبر الطويل هنا");
        assert_eq!(strip_site_name("الموقع | عنوان الخبر الطويل هنا"), "عنوان الخبر الطويل هنا");
        assert_eq!(strip_site_name("عنوان الخبر الطويل هنا | أخبار | الجزيرة نت"), "عنوان الخبر الطويل هنا");
        assert_eq!(
            strip_site_name("لبنان - سوريا: اتفاق جديد على الحدود"),
            "لبنان - سوريا: اتفاق جديد على الحدود"
        );
    }

    #[test]
    fn the_part_printed_on_the_page() {
        let lines = ["لبنان - سوريا: اتفاق جديد", "نص."];
        assert_eq!(
            printed_part("موقع النهار - لبنان - سوريا: اتفاق جديد", &lines).as_deref(),
            Some("لبنان - سوريا: اتفاق جديد")
        );
        assert_eq!(printed_part("موقع النهار - خبر آخر", &lines), None);
    }
}
