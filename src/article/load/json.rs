//! JSON (an object, an array of objects, or an object holding such an array under `articles`,
//! `items`, `data`, `entries` or `posts`) and JSON Lines (one object a line). Each object with a
//! title and a body (`body`, `content`, `text`, `article`, `articleBody`, `description`) is an
//! article; `url`, `date`, `source` and `author` are read under their usual names. Bodies split
//! into paragraphs at blank lines (at newlines when there are none); bodies with markup are read as
//! HTML. A JSON Feed object is handed to the feed parser.

use serde_json::{Map, Value};

use super::html::{fragment_paragraphs, inline_text};
use super::{Draft, Parsed};
use crate::article::Format;

const TITLE: &[&str] = &["title", "headline", "name", "subject"];
const BODY: &[&str] =
    &["body", "content", "text", "article", "articleBody", "article_body", "description", "summary"];
const URL: &[&str] = &["url", "link", "href", "permalink"];
const DATE: &[&str] =
    &["date", "published", "pubDate", "datePublished", "published_at", "publishedAt", "created_at", "time"];
const SOURCE: &[&str] = &["source", "site", "publisher", "outlet", "feed"];
const AUTHOR: &[&str] = &["author", "byline", "writer", "authors"];
const LISTS: &[&str] = &["articles", "items", "data", "entries", "posts", "results"];
/// At most this many malformed-line warnings per file; the rest are counted.
const MAX_LINE_WARNINGS: usize = 5;

/// Parses JSON or JSON Lines.
pub fn parse(text: &str) -> Parsed {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => parse_value(v, text),
        Err(e) => {
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            if serde_json::from_str::<Value>(first).is_ok_and(|v| v.is_object()) {
                parse_lines(text)
            } else {
                Parsed {
                    format: Some(Format::Json),
                    drafts: vec![],
                    warnings: vec![format!("malformed JSON: {e}")],
                }
            }
        }
    }
}

fn parse_value(v: Value, text: &str) -> Parsed {
    let mut warnings = Vec::new();
    let items: Vec<Value> = match v {
        Value::Object(o)
            if o.get("version").and_then(Value::as_str).is_some_and(|s| s.contains("jsonfeed")) =>
        {
            return super::feed::parse(text);
        }
        Value::Object(mut o) if find(&o, TITLE).is_none() && find(&o, BODY).is_none() => {
            match LISTS.iter().find_map(|k| o.remove(*k).filter(Value::is_array)) {
                Some(Value::Array(a)) => a,
                _ => vec![Value::Object(o)],
            }
        }
        Value::Array(a) => a,
        other => vec![other],
    };
    let mut drafts = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Value::Object(o) => match draft(&o) {
                Some(d) => drafts.push(d),
                None => warnings.push(format!("item {i}: no title or body")),
            },
            _ => warnings.push(format!("item {i}: not an object")),
        }
    }
    Parsed { format: Some(Format::Json), drafts, warnings }
}

fn parse_lines(text: &str) -> Parsed {
    let mut drafts = Vec::new();
    let mut warnings = Vec::new();
    let mut bad = 0usize;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let problem = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(o)) => match draft(&o) {
                Some(d) => {
                    drafts.push(d);
                    continue;
                }
                None => "no title or body".to_string(),
            },
            Ok(_) => "not an object".to_string(),
            Err(e) => format!("malformed JSON ({e})"),
        };
        bad += 1;
        if bad <= MAX_LINE_WARNINGS {
            warnings.push(format!("line {}: {problem}", n + 1));
        }
    }
    if bad > MAX_LINE_WARNINGS {
        warnings.push(format!("{} more bad lines", bad - MAX_LINE_WARNINGS));
    }
    Parsed { format: Some(Format::JsonLines), drafts, warnings }
}

fn find<'a>(o: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| o.get(*k).filter(|v| !v.is_null()))
}

/// A string from a value: strings as they are, numbers printed, objects by their `name`/`title`,
/// arrays joined with ", ".
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => find(o, &["name", "title", "url"]).and_then(as_text),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join("، "))
        }
        _ => None,
    }
}

fn draft(o: &Map<String, Value>) -> Option<Draft> {
    let title = find(o, TITLE).and_then(as_text).map(|t| inline_text(&t));
    let paragraphs = match find(o, BODY) {
        Some(Value::Array(a)) => a.iter().filter_map(as_text).flat_map(|p| body_paragraphs(&p)).collect(),
        Some(v) => as_text(v).map(|b| body_paragraphs(&b)).unwrap_or_default(),
        None => vec![],
    };
    if title.as_deref().is_none_or(|t| t.trim().is_empty()) && paragraphs.is_empty() {
        return None;
    }
    Some(Draft {
        title: title.filter(|t| !t.trim().is_empty()),
        paragraphs,
        url: find(o, URL).and_then(as_text),
        date: find(o, DATE).and_then(as_text),
        source: find(o, SOURCE).and_then(as_text),
        author: find(o, AUTHOR).and_then(as_text),
        guid: None,
    })
}

/// A body's paragraphs: HTML when it has block markup, else split at blank lines (a blank line
/// between two lines of text; one at the start or the end says nothing), or at newlines when there
/// is no such blank line. Inside a block between blank lines, a long line (more than a wrapped
/// line's width) that ends a sentence is a paragraph of its own: bodies that put one paragraph per
/// line and hold a stray whitespace-only line are not glued into one paragraph.
pub fn body_paragraphs(body: &str) -> Vec<String> {
    let lower = super::detect::prefix(body, 2048).to_ascii_lowercase();
    if ["<p", "<br", "<div", "</"].iter().any(|t| lower.contains(t)) {
        return fragment_paragraphs(body);
    }
    let body = body.replace("\r\n", "\n").replace(['\u{2028}', '\u{2029}'], "\n");
    let lines: Vec<&str> = body.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let blank = match (first, last) {
        (Some(a), Some(z)) => lines[a..=z].iter().any(|l| l.trim().is_empty()),
        _ => false,
    };
    if !blank {
        return lines.into_iter().filter(|p| !p.trim().is_empty()).map(str::to_string).collect();
    }
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let flush = |cur: &mut Vec<&str>, out: &mut Vec<String>| {
        let p = cur.iter().flat_map(|l| l.split_whitespace()).collect::<Vec<_>>().join(" ");
        if !p.is_empty() {
            out.push(p);
        }
        cur.clear();
    };
    for l in lines {
        if l.trim().is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        cur.push(l);
        if l.chars().count() > WRAP_WIDTH && crate::article::clean::ends_sentence(l.trim_end()) {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Lines longer than this (in characters) are not a hard-wrapped paragraph's lines.
const WRAP_WIDTH: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_blank_line_does_not_glue_paragraphs() {
        let long = "وقال المتحدث باسم الوزارة إن الحكومة ستواصل العمل على إعادة الإعمار في المدن والقرى المتضررة كلها قبل نهاية العام.";
        // One paragraph per line, a whitespace-only line at the end (the corpus has such bodies).
        let body = format!("{long}\n{long} ثانية.\n \n");
        assert_eq!(body_paragraphs(&body).len(), 2);
        // The same with a whitespace-only line in the middle.
        let body = format!("{long}\n \n{long} ثانية.\n{long} ثالثة.");
        assert_eq!(body_paragraphs(&body).len(), 3);
        // Hard-wrapped paragraphs between blank lines are still joined.
        let body = "سطر أول من فقرة ملفوفة\nتكملة الفقرة.\n\nفقرة ثانية\nتكملتها.";
        assert_eq!(
            body_paragraphs(body),
            vec!["سطر أول من فقرة ملفوفة تكملة الفقرة.", "فقرة ثانية تكملتها."]
        );
    }

    #[test]
    fn object_array_and_lines() {
        let one = parse(r#"{"title":"عنوان","body":"فقرة أولى.\n\nفقرة ثانية.","url":"https://x.org/1"}"#);
        assert_eq!(one.format, Some(Format::Json));
        assert_eq!(one.drafts[0].paragraphs, ["فقرة أولى.", "فقرة ثانية."]);
        assert_eq!(one.drafts[0].url.as_deref(), Some("https://x.org/1"));
        let arr = parse(r#"[{"title":"أ","text":"نص"},{"headline":"ب","content":"<p>نص</p>"}, 3]"#);
        assert_eq!(arr.drafts.len(), 2);
        assert_eq!(arr.warnings, ["item 2: not an object"]);
        let lines = parse("{\"title\":\"أ\",\"body\":\"نص\"}\n{bad\n{\"title\":\"ب\",\"body\":\"نص\"}\n");
        assert_eq!(lines.format, Some(Format::JsonLines));
        assert_eq!(lines.drafts.len(), 2);
        assert_eq!(lines.warnings.len(), 1);
        assert!(lines.warnings[0].starts_with("line 2: malformed JSON"));
    }

    #[test]
    fn nested_list_and_malformed() {
        let p = parse(r#"{"articles":[{"title":"أ","body":"نص","author":{"name":"سعيد"}}]}"#);
        assert_eq!(p.drafts[0].author.as_deref(), Some("سعيد"));
        let bad = parse(r#"{"title": "أ", "body": "#);
        assert!(bad.drafts.is_empty());
        assert!(bad.warnings[0].starts_with("malformed JSON"));
    }
}
