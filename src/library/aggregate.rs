//! The library's actors kept up to date one article at a time: each actor of an article gets a key
//! that does not depend on any other article, so storing an article adds its counts to the rows of
//! its keys and removing it subtracts them (linear in the number of articles, no whole-library
//! merge).
//!
//! The key is the kind and, word by word without the article, the word's light stem, or for words
//! of five letters or more their consonant skeleton, so transliteration variants share it
//! (`ناغورنو`/`ناجورنو كاراباخ`) as in [`super::actors`]. What that whole-set merge does and a key
//! cannot: a one-word surname joining the only full name that ends with it; the key-set union
//! across aliases. Anonymous sources (`مصدر مطلع`) and organisations named by a bare head noun
//! (`الشرطة`) never merge across articles: their key is local to the article.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::extract::normalize::{normalize_key, skeleton};
use crate::extract::{ActorKind, Extraction, lexicon};
use crate::search::stem::{stem, strip_article};
use crate::search::tokenize;

/// One actor of one article, as the aggregate counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The merge key; `None`: never merged across articles (the store makes it local).
    pub key: Option<String>,
    /// Kind.
    pub kind: ActorKind,
    /// The name as the article gives it.
    pub name: String,
    /// Its index in the article's extraction (the first, when two share a key).
    pub index: usize,
    /// Mentions in the article.
    pub mentions: usize,
    /// Quotes it speaks in the article.
    pub quotes: usize,
}

/// The kind as stored (`person`, `organization`, `country`, `place`).
pub fn kind_name(k: ActorKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The kind named `s` ([`kind_name`]).
pub fn kind_of(s: &str) -> ActorKind {
    serde_json::from_value(serde_json::Value::String(s.into())).unwrap_or(ActorKind::Person)
}

fn heads(file: &str, split: fn(&str) -> Option<&str>) -> HashSet<String> {
    let text = lexicon::FILES.iter().find(|(n, _)| *n == file).map_or("", |(_, t)| *t);
    lexicon::data_lines(text)
        .filter_map(split)
        .filter(|w| !w.trim().contains(' '))
        .map(|w| stem(&normalize_key(w.trim())).to_string())
        .collect()
}

fn anonymous() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| heads("anon_sources.txt", |l| l.split_whitespace().next()))
}

fn generic() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| heads("org_heads.txt", |l| l.split('\t').next()))
}

/// The words of a name as the key compares them.
fn key_words(name: &str) -> Vec<String> {
    let key = normalize_key(name);
    tokenize(&key)
        .map(|r| {
            let w = strip_article(&key[r]);
            if w.chars().count() >= 5 { format!("~{}", skeleton(w)) } else { stem(w).to_string() }
        })
        .collect()
}

/// The aggregate's entries for one article's extraction, one per key.
pub fn entries(ex: &Extraction) -> Vec<ActorEntry> {
    let mut out: Vec<ActorEntry> = Vec::new();
    for (i, a) in ex.actors.iter().enumerate() {
        let words = key_words(&a.name);
        let first = normalize_key(&a.name);
        let first = tokenize(&first).next().map(|r| stem(&first[r]).to_string()).unwrap_or_default();
        let local = words.is_empty()
            || (a.kind == ActorKind::Person && anonymous().contains(&first))
            || (a.kind == ActorKind::Organization && words.len() == 1 && generic().contains(&first));
        let key = (!local).then(|| format!("{}:{}", kind_name(a.kind), words.join(" ")));
        let quotes = ex.quotes.iter().filter(|q| q.speaker == Some(i)).count();
        match out.iter_mut().find(|e| e.key.is_some() && e.key == key) {
            Some(e) => {
                e.mentions += a.mentions.len();
                e.quotes += quotes;
            }
            None => out.push(ActorEntry {
                key,
                kind: a.kind,
                name: a.name.clone(),
                index: i,
                mentions: a.mentions.len(),
                quotes,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Actor;

    fn actor(name: &str, kind: ActorKind) -> Actor {
        Actor { name: name.into(), kind, aliases: vec![], mentions: vec![0..1, 2..3] }
    }

    #[test]
    fn transliteration_variants_share_a_key_and_generic_names_stay_local() {
        let a = Extraction {
            actors: vec![
                actor("ناغورنو كاراباخ", ActorKind::Place),
                actor("الشرطة", ActorKind::Organization),
                actor("مصدر مطلع", ActorKind::Person),
            ],
            quotes: vec![],
        };
        let b = Extraction {
            actors: vec![actor("ناجورنو كاراباخ", ActorKind::Place)], quotes: vec![]
        };
        let (ea, eb) = (entries(&a), entries(&b));
        assert_eq!(ea[0].key, eb[0].key);
        assert!(ea[0].key.is_some());
        assert_eq!(ea[1].key, None);
        assert_eq!(ea[2].key, None);
        assert_eq!(ea[0].mentions, 2);
    }

    #[test]
    fn different_kinds_never_share_a_key() {
        let ex = Extraction {
            actors: vec![actor("مصر", ActorKind::Country), actor("مصر", ActorKind::Organization)],
            quotes: vec![],
        };
        let e = entries(&ex);
        assert_ne!(e[0].key, e[1].key);
    }
}
