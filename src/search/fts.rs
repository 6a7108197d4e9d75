//! Search in the library database: the words of each article as columns of an SQLite FTS5 table
//! (our own folded keys, stems and prefix forms, so the database needs no Arabic knowledge), and a
//! [`Query`] as an FTS5 query over them. FTS5 finds the candidates; [`Query::matches_text`]
//! decides, so results are exactly those of [`Query`] on the articles themselves (phrases
//! included: FTS5 only checks that their words occur).

use std::collections::HashSet;

use super::query::{Query, WordMatch, tokenize};
use super::stem::{prefix_forms, variants};
use crate::extract::normalize::normalize_key;

/// The indexed columns of one article: its distinct word keys, their stems, their prefix forms;
/// each a space-separated list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    /// Distinct folded words (for `=word`).
    pub exact: String,
    /// Every stem each word may stand for (for plain words).
    pub stems: String,
    /// Every form a word may be the completion of (for words being typed).
    pub forms: String,
}

/// The terms of an article's title and body.
pub fn terms(title: &str, body: &str) -> Terms {
    let mut seen: HashSet<String> = HashSet::new();
    let (mut stems, mut forms) = (HashSet::new(), HashSet::new());
    let mut t = Terms::default();
    for text in [title, body] {
        let key = normalize_key(text);
        for r in tokenize(&key) {
            let w = &key[r];
            if seen.contains(w) {
                continue;
            }
            seen.insert(w.to_string());
            push(&mut t.exact, w);
            for s in variants(w) {
                if stems.insert(s.to_string()) {
                    push(&mut t.stems, s);
                }
            }
            for f in prefix_forms(w) {
                if forms.insert(f.to_string()) {
                    push(&mut t.forms, f);
                }
            }
        }
    }
    t
}

fn push(list: &mut String, w: &str) {
    if !list.is_empty() {
        list.push(' ');
    }
    list.push_str(w);
}

/// The FTS5 query that finds every article `q` may match (a superset); `None` for an empty query.
pub fn fts_query(q: &Query) -> Option<String> {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let parts: Vec<String> = q
        .terms
        .iter()
        .flat_map(|t| &t.words)
        .map(|w| match w {
            WordMatch::Stem(s) => format!("stems:{}", quote(s)),
            WordMatch::Exact(e) => format!("exact:{}", quote(e)),
            WordMatch::Prefix { start, stem } => {
                format!("(forms:{}* OR stems:{})", quote(start), quote(stem))
            }
            WordMatch::ExactPrefix(e) => format!("exact:{}*", quote(e)),
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_distinct_folded_words_with_stems_and_forms() {
        let t = terms("الأذربيجانية", "وأذربيجان أذربيجان");
        let exact: Vec<&str> = t.exact.split(' ').collect();
        assert_eq!(exact.len(), 3, "{exact:?}");
        assert!(t.stems.split(' ').any(|s| s == crate::search::stem::stem(&normalize_key("أذربيجان"))));
    }

    #[test]
    fn queries_become_fts_conditions() {
        assert_eq!(fts_query(&Query::parse("")), None);
        let q = fts_query(&Query::parse("أذربيجان =باكو")).unwrap();
        assert!(q.starts_with("stems:\"") && q.contains(" AND exact:\"باكو\""), "{q}");
        let typing = fts_query(&Query::parse_typing("أذرب")).unwrap();
        assert!(typing.starts_with("(forms:\"اذرب\"* OR stems:"), "{typing}");
    }
}
