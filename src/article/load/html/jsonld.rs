//! The article a page describes in JSON-LD (`<script type="application/ld+json">`, schema.org
//! `NewsArticle` and kin): headline, author, date, publisher, and `articleBody`, which is all the
//! text some script-built pages carry.

use serde_json::Value;

/// The schema.org types read as an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "Report",
];

/// What JSON-LD says about the page's article.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LdArticle {
    /// `headline`.
    pub headline: Option<String>,
    /// `articleBody`, as given.
    pub body: Option<String>,
    /// The first author's name.
    pub author: Option<String>,
    /// `datePublished`.
    pub date: Option<String>,
    /// The publisher's name.
    pub publisher: Option<String>,
}

/// The article of a page's JSON-LD scripts: the one with an `articleBody` if any, else the first.
pub fn read(scripts: &[String]) -> Option<LdArticle> {
    let mut found: Option<LdArticle> = None;
    for text in scripts {
        let Some(value) = parse_lenient(text) else {
            continue;
        };
        let mut articles = Vec::new();
        collect(&value, &mut articles, 0);
        for a in articles {
            let art = article(a);
            if art.body.is_some() {
                return Some(art);
            }
            found.get_or_insert(art);
        }
    }
    found
}

/// JSON as pages write it: some put raw newlines and tabs inside strings, which JSON forbids;
/// they are escaped and the text parsed again.
fn parse_lenient(text: &str) -> Option<Value> {
    if let Ok(v) = serde_json::from_str(text.trim()) {
        return Some(v);
    }
    let mut fixed = String::with_capacity(text.len() + 16);
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' => {
                    fixed.push_str("\\n");
                    continue;
                }
                '\r' => continue,
                '\t' => {
                    fixed.push_str("\\t");
                    continue;
                }
                c if c.is_control() => continue,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
        fixed.push(c);
    }
    serde_json::from_str(fixed.trim()).ok()
}

fn is_article(o: &serde_json::Map<String, Value>) -> bool {
    let named = |v: &Value| v.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t));
    match o.get("@type") {
        Some(Value::Array(a)) => a.iter().any(named),
        Some(v) => named(v),
        None => false,
    }
}

/// Article objects anywhere in the value (`@graph`, arrays, `mainEntity`), depth-bounded.
fn collect<'a>(v: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect(x, out, depth + 1)),
        Value::Object(o) => {
            if is_article(o) {
                out.push(o);
            }
            for key in ["@graph", "mainEntity", "mainEntityOfPage"] {
                if let Some(x) = o.get(key) {
                    collect(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// A name from a string, an object's `name`, or the first of an array.
fn name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(name),
        Value::Array(a) => a.iter().find_map(name),
        _ => None,
    }
    .map(|s| s.trim().to_string())
    .filter(|s| !s.is_empty())
}

fn article(o: &serde_json::Map<String, Value>) -> LdArticle {
    let text = |k: &str| {
        o.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
    };
    LdArticle {
        headline: text("headline").or_else(|| text("name")),
        body: text("articleBody"),
        author: o.get("author").and_then(name),
        date: text("datePublished"),
        publisher: o.get("publisher").and_then(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_and_raw_newlines() {
        let page = "<html><head><script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"م\"},\
                    {\"@type\":[\"NewsArticle\"],\"headline\":\"عنوان\",\"articleBody\":\"أ\nب\",\"author\":[{\"name\":\"سعيد\"}]}]}\
                    </script></head><body></body></html>";
        let head = |p: &str| super::super::head::Head::read(&scraper::Html::parse_document(p)).json_ld;
        let a = read(&head(page)).unwrap();
        assert_eq!(a.headline.as_deref(), Some("عنوان"));
        assert_eq!(a.body.as_deref(), Some("أ\nب"));
        assert_eq!(a.author.as_deref(), Some("سعيد"));
        let none =
            "<script type=\"application/ld+json\">{\"@type\":\"Organization\",\"name\":\"م\"}</script>";
        assert_eq!(read(&head(none)), None);
    }
}
