//! What a page says about itself, gathered in one pass over the document: `<meta>` values by
//! property, name or itemprop, the canonical link, the first `<time datetime>`, the `<title>` and
//! the JSON-LD scripts.

use scraper::{Html, Node};

/// The page's metadata.
#[derive(Debug, Default)]
pub struct Head {
    /// `(key, content)` of each `<meta>` (key: its property, name or itemprop), in page order.
    metas: Vec<(String, String)>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// The first `<time datetime>`.
    pub time: Option<String>,
    /// The first `<title>`'s text.
    pub title: Option<String>,
    /// The text of each `<script type=application/ld+json>`.
    pub json_ld: Vec<String>,
}

impl Head {
    /// Reads the page's metadata.
    pub fn read(doc: &Html) -> Head {
        let mut h = Head::default();
        for n in doc.root_element().descendants() {
            let Node::Element(e) = n.value() else {
                continue;
            };
            match e.name() {
                "meta" => {
                    let key = e.attr("property").or_else(|| e.attr("name")).or_else(|| e.attr("itemprop"));
                    if let (Some(k), Some(v)) = (key, e.attr("content")) {
                        h.metas.push((k.trim().to_ascii_lowercase(), v.to_string()));
                    }
                }
                "link"
                    if h.canonical.is_none()
                        && e.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                {
                    h.canonical = e.attr("href").map(str::to_string);
                }
                "time" if h.time.is_none() => h.time = e.attr("datetime").map(str::to_string),
                "title" if h.title.is_none() => {
                    h.title =
                        Some(n.descendants().filter_map(|d| d.value().as_text()).map(|t| &**t).collect());
                }
                "script" if e.attr("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) => {
                    h.json_ld
                        .push(n.descendants().filter_map(|d| d.value().as_text()).map(|t| &**t).collect());
                }
                _ => {}
            }
        }
        h
    }

    /// The first non-empty `<meta>` content among `keys`, in the order of the keys.
    pub fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
    }
}
