//! The state file's data model (serde): per-article marks and notes, per-quote stars and notes.
//!
//! Every struct keeps the fields it does not know in `extra`, so a file written by a newer sahifa
//! keeps them when this version rewrites it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version this sahifa writes. Files with a lower version are migrated on load
/// (see [`super::migrate`]); a higher version is read as far as it is understood.
pub const CURRENT_VERSION: u32 = 2;

/// Fields a struct does not know, kept as they were.
pub type Extra = BTreeMap<String, Value>;

/// The whole state file: `{"version": N, "articles": {ID: ArticleState}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateFile {
    /// Format version; see [`CURRENT_VERSION`].
    pub version: u32,
    /// State per article, keyed by the article's content id ([`crate::article::Article::id`]).
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleState>,
    /// Top-level fields of a newer format, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for StateFile {
    fn default() -> Self {
        StateFile { version: CURRENT_VERSION, articles: BTreeMap::new(), extra: Extra::new() }
    }
}

impl StateFile {
    /// Drops entries that hold nothing but defaults, so the file only lists what the user did.
    pub fn prune(&mut self) {
        for a in self.articles.values_mut() {
            a.quotes.retain(|_, q| !q.is_empty());
        }
        self.articles.retain(|_, a| !a.is_empty());
    }
}

/// What the user did with one article. Absent articles read as `ArticleState::default()`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    /// Opened (or marked read).
    #[serde(default)]
    pub read: bool,
    /// Starred.
    #[serde(default)]
    pub starred: bool,
    /// Last reading position (the first visible row or paragraph, as the reader chooses).
    #[serde(default)]
    pub position: u32,
    /// The user's note on the article (logical order, as typed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Unix time in milliseconds of the latest change to this entry (used when merging).
    #[serde(default)]
    pub updated: u64,
    /// Starred quotes and notes on quotes, keyed by [`quote_key`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quotes: BTreeMap<String, QuoteState>,
    /// Fields of a newer format, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ArticleState {
    /// True when the entry says nothing (all defaults): it is left out of the file.
    pub fn is_empty(&self) -> bool {
        !self.read
            && !self.starred
            && self.position == 0
            && self.note.is_none()
            && self.quotes.values().all(QuoteState::is_empty)
            && self.extra.is_empty()
    }

    /// The state of one quote (default if it has none).
    pub fn quote(&self, qkey: &str) -> QuoteState {
        self.quotes.get(qkey).cloned().unwrap_or_default()
    }
}

/// What the user did with one quote of an article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteState {
    /// Starred.
    #[serde(default)]
    pub starred: bool,
    /// The user's note on the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Unix time in milliseconds of the latest change to this quote's entry.
    #[serde(default)]
    pub updated: u64,
    /// Fields of a newer format, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl QuoteState {
    /// True when neither starred nor annotated (and nothing unknown): left out of the file.
    pub fn is_empty(&self) -> bool {
        !self.starred && self.note.is_none() && self.extra.is_empty()
    }
}

/// A stable key for a quote of an article: `"<start>-<end>-<hash>"`, where `start..end` is the
/// quote's byte span in the article body and `hash` 8 hex digits of XXH3 over its text.
///
/// The article id already pins the article's content, so the span is stable; the hash lets a
/// caller recognise the same quote if a later extractor draws its span slightly differently
/// (see [`quote_key_hash`]).
pub fn quote_key(text: &str, start: usize) -> String {
    format!("{start}-{}-{}", start.saturating_add(text.len()), quote_text_hash(text))
}

/// The key of an extracted quote: `quote_key(&q.text, q.span.start)`.
pub fn quote_key_for(q: &crate::extract::Quote) -> String {
    quote_key(&q.text, q.span.start)
}

/// The hash part of a key made by [`quote_key`] (None if the key has another shape).
pub fn quote_key_hash(qkey: &str) -> Option<&str> {
    let mut parts = qkey.splitn(3, '-');
    let (_, _, hash) = (parts.next()?, parts.next()?, parts.next()?);
    Some(hash)
}

/// 8 hex digits of XXH3-64 over a quote's text.
pub fn quote_text_hash(text: &str) -> String {
    format!("{:08x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()) >> 32)
}

/// A note as stored: blank notes are no note.
pub fn normalize_note(note: Option<String>) -> Option<String> {
    note.filter(|n| !n.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_key_is_span_and_hash() {
        let k = quote_key("قال إن السلام ممكن", 120);
        let len = "قال إن السلام ممكن".len();
        assert!(k.starts_with(&format!("120-{}-", 120 + len)), "{k}");
        assert_eq!(quote_key_hash(&k).map(str::len), Some(8));
        assert_eq!(k, quote_key("قال إن السلام ممكن", 120));
        assert_ne!(k, quote_key("قال إن السلام ممكنة", 120));
        assert_eq!(quote_key_hash("nonsense"), None);
    }

    #[test]
    fn defaults_are_pruned_and_marks_kept() {
        let mut f = StateFile::default();
        f.articles.insert("a".into(), ArticleState::default());
        let mut b = ArticleState { starred: true, ..Default::default() };
        b.quotes.insert("1-2-x".into(), QuoteState::default());
        f.articles.insert("b".into(), b);
        f.prune();
        assert!(!f.articles.contains_key("a"));
        assert!(f.articles["b"].quotes.is_empty());
        assert!(f.articles["b"].starred);
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let text = r#"{"version":2,"future":[1,2],"articles":{"ab":{"read":true,"colour":"red",
            "quotes":{"1-5-00000000":{"starred":true,"tag":"x"}}}}}"#;
        let f: StateFile = serde_json::from_str(text).expect("parses");
        assert_eq!(f.extra["future"], serde_json::json!([1, 2]));
        let back = serde_json::to_string(&f).expect("serialises");
        let g: StateFile = serde_json::from_str(&back).expect("parses again");
        assert_eq!(f, g);
        assert_eq!(g.articles["ab"].extra["colour"], "red");
        assert_eq!(g.articles["ab"].quotes["1-5-00000000"].extra["tag"], "x");
    }

    #[test]
    fn blank_notes_are_none() {
        assert_eq!(normalize_note(Some("  \n".into())), None);
        assert_eq!(normalize_note(Some(" ملاحظة ".into())), Some(" ملاحظة ".into()));
    }
}
