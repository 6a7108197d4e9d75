//! The cross-article index: every distinct word of the library once, with its stems, its prefix
//! forms and its positions, so that a query over thousands of articles touches only the words it
//! names.
//!
//! Matching is the same as [`Query::find`]'s word by word (a word is in a stem's list exactly when
//! [`WordMatch::matches`] says so), and phrases use word positions. Title and body are numbered
//! as one sequence with a gap between them, so a phrase never runs from the title into the body.

use std::collections::HashMap;

use super::query::{Query, Term, WordMatch, tokenize};
use super::stem::{prefix_forms, variants};
use crate::article::Article;
use crate::extract::normalize::normalize_key;

/// One occurrence of a word: the article (its index in the slice given to [`Index::build`]) and
/// the word's position in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Posting {
    article: u32,
    pos: u32,
}

/// An index over a library of articles. Build once after loading; search as often as the user types.
#[derive(Debug, Default)]
pub struct Index {
    articles: usize,
    /// Word key → word id.
    ids: HashMap<Box<str>, u32>,
    /// Word id → its key.
    keys: Vec<Box<str>>,
    /// Word id → its occurrences, in article then position order.
    postings: Vec<Vec<Posting>>,
    /// Stem → the words that stand for it (see [`variants`]).
    stems: HashMap<Box<str>, Vec<u32>>,
    /// (prefix form, word id), sorted: for words still being typed.
    forms: Vec<(Box<str>, u32)>,
    /// Word ids sorted by key: for exact prefixes.
    by_key: Vec<u32>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Index {
    /// Indexes the titles and bodies of `articles`.
    pub fn build(articles: &[Article]) -> Index {
        let mut ix = Index { articles: articles.len(), ..Index::default() };
        for (a, article) in articles.iter().enumerate() {
            let mut pos = 0u32;
            for text in [&article.title, &article.body] {
                let key = normalize_key(text);
                for r in tokenize(&key) {
                    let id = ix.intern(&key[r]);
                    ix.postings[id as usize].push(Posting { article: to_u32(a), pos });
                    pos = pos.saturating_add(1);
                }
                // The gap between title and body.
                pos = pos.saturating_add(1);
            }
        }
        for (id, key) in ix.keys.iter().enumerate() {
            for s in variants(key) {
                ix.stems.entry(s.into()).or_default().push(to_u32(id));
            }
            for f in prefix_forms(key) {
                ix.forms.push((f.into(), to_u32(id)));
            }
        }
        ix.forms.sort_unstable();
        ix.by_key = (0..to_u32(ix.keys.len())).collect();
        let keys = &ix.keys;
        ix.by_key.sort_unstable_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        ix
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = to_u32(self.keys.len());
        self.ids.insert(key.into(), id);
        self.keys.push(key.into());
        self.postings.push(Vec::new());
        id
    }

    /// Number of articles indexed.
    pub fn len(&self) -> usize {
        self.articles
    }

    /// Whether no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.articles == 0
    }

    /// Number of distinct words.
    pub fn words(&self) -> usize {
        self.keys.len()
    }

    /// The articles that match every term, in library order, each with its number of hits (word
    /// or phrase occurrences over title and body). An empty query matches every article, 0 hits.
    pub fn search(&self, q: &Query) -> Vec<(usize, usize)> {
        if q.terms.is_empty() {
            return (0..self.articles).map(|a| (a, 0)).collect();
        }
        let mut total: Option<Vec<u32>> = None;
        for term in &q.terms {
            let counts = self.term_counts(term);
            total = Some(match total {
                None => counts,
                Some(mut t) => {
                    for (t, c) in t.iter_mut().zip(counts) {
                        *t = if *t == 0 || c == 0 { 0 } else { t.saturating_add(c) };
                    }
                    t
                }
            });
        }
        total
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .map(|(a, n)| (a, n as usize))
            .collect()
    }

    /// Hits of one term per article.
    fn term_counts(&self, term: &Term) -> Vec<u32> {
        let mut counts = vec![0u32; self.articles];
        if let [word] = term.words.as_slice() {
            for id in self.word_ids(word) {
                for p in &self.postings[id as usize] {
                    counts[p.article as usize] += 1;
                }
            }
            return counts;
        }
        let lists: Vec<Vec<Posting>> = term.words.iter().map(|w| self.positions(w)).collect();
        // Walk the rarest word's occurrences and look the others up at their offsets.
        let Some((r, rarest)) = lists.iter().enumerate().min_by_key(|(_, l)| l.len()) else {
            return counts;
        };
        for p in rarest {
            let Some(first) = p.pos.checked_sub(to_u32(r)) else { continue };
            let all = lists.iter().enumerate().all(|(j, l)| {
                j == r
                    || l.binary_search(&Posting { article: p.article, pos: first.saturating_add(to_u32(j)) })
                        .is_ok()
            });
            if all {
                counts[p.article as usize] += 1;
            }
        }
        counts
    }

    /// Every occurrence of the words `w` matches, sorted.
    fn positions(&self, w: &WordMatch) -> Vec<Posting> {
        let mut out: Vec<Posting> =
            self.word_ids(w).into_iter().flat_map(|id| self.postings[id as usize].iter().copied()).collect();
        out.sort_unstable();
        out
    }

    /// The ids of the words `w` matches, without repeats.
    fn word_ids(&self, w: &WordMatch) -> Vec<u32> {
        let mut ids: Vec<u32> = match w {
            WordMatch::Stem(s) => self.stems.get(s.as_str()).cloned().unwrap_or_default(),
            WordMatch::Exact(e) => self.ids.get(e.as_str()).copied().into_iter().collect(),
            WordMatch::Prefix { start, stem } => {
                let mut ids = self.stems.get(stem.as_str()).cloned().unwrap_or_default();
                let from = self.forms.partition_point(|(f, _)| f.as_ref() < start.as_str());
                ids.extend(
                    self.forms[from..]
                        .iter()
                        .take_while(|(f, _)| f.starts_with(start.as_str()))
                        .map(|&(_, id)| id),
                );
                ids
            }
            WordMatch::ExactPrefix(e) => {
                let from = self.by_key.partition_point(|&id| self.keys[id as usize].as_ref() < e.as_str());
                self.by_key[from..]
                    .iter()
                    .copied()
                    .take_while(|&id| self.keys[id as usize].starts_with(e.as_str()))
                    .collect()
            }
        };
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}
