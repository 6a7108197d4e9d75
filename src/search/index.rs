//! The cross-article index: every distinct word of the library once, with its stems, its prefix
//! forms and its positions, so that a query over thousands of articles touches only the words it
//! names.
//!
//! Matching is the same as [`Query::find`]'s word by word (a word is in a stem's list exactly when
//! [`WordMatch::matches`] says so), and phrases use word positions. Title and body are numbered
//! as one sequence with a gap between them, so a phrase never runs from the title into the body.

use std::collections::HashMap;
use std::hash::BuildHasher;

use xxhash_rust::xxh3::Xxh3Builder;

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

/// XXH3 with a per-process random seed: fast on millions of words, and article text cannot
/// be crafted to collide.
type Hasher = Xxh3Builder;

fn hasher() -> Hasher {
    Xxh3Builder::new().with_seed(std::collections::hash_map::RandomState::new().hash_one(0u64))
}

/// An index over a library of articles. Build once after loading; search as often as the user types.
#[derive(Debug, Default)]
pub struct Index {
    articles: usize,
    /// Word key → word id.
    ids: HashMap<Box<str>, u32, Hasher>,
    /// Word id → its key.
    keys: Vec<Box<str>>,
    /// Word id → its occurrences, in article then position order.
    postings: Vec<Vec<Posting>>,
    /// Stem → the words that stand for it (see [`variants`]).
    stems: HashMap<Box<str>, Vec<u32>, Hasher>,
    /// (prefix form, word id), sorted: for words still being typed.
    forms: Vec<(Box<str>, u32)>,
    /// Word ids sorted by key: for exact prefixes.
    by_key: Vec<u32>,
}

/// The words of some articles: a dictionary and each word's postings.
#[derive(Debug, Default)]
struct Words {
    ids: HashMap<Box<str>, u32, Hasher>,
    keys: Vec<Box<str>>,
    postings: Vec<Vec<Posting>>,
}

impl Words {
    /// Reads `articles`, the first of which is article number `first` of the library.
    fn read(articles: &[Article], first: usize) -> Words {
        let mut w = Words { ids: HashMap::with_hasher(hasher()), ..Words::default() };
        for (a, article) in articles.iter().enumerate() {
            let article_no = to_u32(first + a);
            let mut pos = 0u32;
            for text in [&article.title, &article.body] {
                let key = normalize_key(text);
                for r in tokenize(&key) {
                    let id = w.intern(&key[r]);
                    w.postings[id as usize].push(Posting { article: article_no, pos });
                    pos = pos.saturating_add(1);
                }
                // The gap between title and body.
                pos = pos.saturating_add(1);
            }
        }
        w
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
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Index {
    /// Indexes the titles and bodies of `articles` (on up to four threads).
    pub fn build(articles: &[Article]) -> Index {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        let chunk = articles.len().div_ceil(threads).max(1);
        let mut parts: Vec<Words> = std::thread::scope(|s| {
            let handles: Vec<_> = articles
                .chunks(chunk)
                .enumerate()
                .map(|(i, part)| s.spawn(move || Words::read(part, i * chunk)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        });
        let mut words = if parts.is_empty() { Words::default() } else { parts.remove(0) };
        // Later parts hold later articles: appending keeps every posting list sorted.
        for part in parts {
            for (key, postings) in part.keys.into_iter().zip(part.postings) {
                let id = words.intern(&key) as usize;
                words.postings[id].extend(postings);
            }
        }
        let mut ix = Index {
            articles: articles.len(),
            ids: words.ids,
            keys: words.keys,
            postings: words.postings,
            stems: HashMap::with_hasher(hasher()),
            ..Index::default()
        };
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
