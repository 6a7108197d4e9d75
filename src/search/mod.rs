//! Arabic-aware matching (hamza forms, ى/ي, ة/ه, harakat, clitics) and the cross-article index.
//! (Interim: plain folded substring matching until the normalised matcher lands.)

use std::ops::Range;

use crate::article::Article;

/// A parsed query: every term must match; a term is a word or a "quoted phrase".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
}

fn fold(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

impl Query {
    /// Parses words and "quoted phrases".
    pub fn parse(q: &str) -> Query {
        let mut terms = Vec::new();
        for (i, part) in q.split('"').enumerate() {
            if i % 2 == 1 {
                let t = part.trim();
                if !t.is_empty() {
                    terms.push(t.chars().map(fold).collect());
                }
            } else {
                terms.extend(part.split_whitespace().map(|w| w.chars().map(fold).collect()));
            }
        }
        Query { terms }
    }

    /// Byte ranges of every hit of every term in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let mut folded = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            let f = fold(c);
            for _ in 0..f.len_utf8() {
                map.push(i);
            }
            folded.push(f);
        }
        map.push(text.len());
        let mut hits: Vec<Range<usize>> = Vec::new();
        for t in &self.terms {
            hits.extend(folded.match_indices(t.as_str()).map(|(s, m)| {
                let end = map[s + m.len()];
                map[s]..end
            }));
        }
        hits.sort_by_key(|r| r.start);
        hits
    }

    /// Whether every term occurs in the article's title or body.
    pub fn matches_article(&self, a: &Article) -> bool {
        self.terms.iter().all(|t| {
            let q = Query { terms: vec![t.clone()] };
            !q.find(&a.title).is_empty() || !q.find(&a.body).is_empty()
        })
    }
}
