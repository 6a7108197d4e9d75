//! Queries: parsing the search syntax, and matching a query against one text with exact spans.

use std::ops::Range;

use super::stem::{prefix_forms, stem, strip_article, variants};
use crate::article::Article;
use crate::extract::normalize::{Normalized, is_word_char, normalize, normalize_key};

/// How one word of a query matches one word of the text (both as matching keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordMatch {
    /// Same light stem: spelling, clitics, article and suffixes folded (`أذربيجان`).
    Stem(String),
    /// Same word, only spelling folded (`=أذربيجان`).
    Exact(String),
    /// Still being typed: a word that begins with `start` once its article and proclitics are
    /// removed, or that has the stem `stem` (the word may already be complete).
    Prefix {
        /// The typed letters without the article.
        start: String,
        /// Their stem.
        stem: String,
    },
    /// Still being typed, exact: a word that begins with these letters (`=أذرب`).
    ExactPrefix(String),
}

impl WordMatch {
    /// Whether the text word with key `key` matches.
    pub fn matches(&self, key: &str) -> bool {
        match self {
            // A stem is always a substring of the words it stands for: a cheap test first.
            WordMatch::Stem(s) => key.contains(s.as_str()) && variants(key).contains(&s.as_str()),
            WordMatch::Exact(e) => key == e,
            WordMatch::Prefix { start, stem } => {
                (key.contains(start.as_str())
                    && prefix_forms(key).iter().any(|f| f.starts_with(start.as_str())))
                    || (key.contains(stem.as_str()) && variants(key).contains(&stem.as_str()))
            }
            WordMatch::ExactPrefix(e) => key.starts_with(e.as_str()),
        }
    }

    /// False when no word of the folded text `key` can match (a quick test on the whole text).
    fn may_occur_in(&self, key: &str) -> bool {
        match self {
            WordMatch::Stem(s) | WordMatch::Exact(s) | WordMatch::ExactPrefix(s) => key.contains(s.as_str()),
            WordMatch::Prefix { start, stem } => key.contains(start.as_str()) || key.contains(stem.as_str()),
        }
    }
}

/// One condition of a query: a single word, or a phrase of words that must follow each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The words in order (at least one).
    pub words: Vec<WordMatch>,
}

/// A parsed query: every term must match, in the title or in the body. See [`crate::search`] for
/// the syntax.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The conditions, in the order typed.
    pub terms: Vec<Term>,
}

/// Characters that open or close a phrase.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

/// Byte ranges of the words of a folded key.
pub(crate) fn tokenize(key: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    key.char_indices().chain(std::iter::once((key.len(), ' '))).filter_map(move |(i, c)| {
        match (is_word_char(c) && i < key.len(), start) {
            (true, None) => {
                start = Some(i);
                None
            }
            (false, Some(s)) => {
                start = None;
                Some(s..i)
            }
            _ => None,
        }
    })
}

/// One word as typed: its folded key and whether it was marked exact with `=`.
type RawWord = (String, bool);

/// The words of one whitespace-separated piece of a query.
fn piece_words(piece: &str) -> Vec<RawWord> {
    let (exact, piece) = match piece.strip_prefix('=') {
        Some(rest) => (true, rest),
        None => (false, piece),
    };
    let key = normalize_key(piece);
    tokenize(&key).map(|r| (key[r].to_string(), exact)).collect()
}

/// Splits a query into terms of raw words: unquoted pieces, and quoted phrases.
fn raw_terms(q: &str) -> Vec<Vec<RawWord>> {
    let mut terms = Vec::new();
    for (i, segment) in q.split(is_quote).enumerate() {
        if i % 2 == 1 {
            terms.push(segment.split_whitespace().flat_map(piece_words).collect());
        } else {
            terms.extend(segment.split_whitespace().map(piece_words));
        }
    }
    terms.retain(|t: &Vec<RawWord>| !t.is_empty());
    terms
}

fn complete_word((key, exact): RawWord) -> WordMatch {
    if exact { WordMatch::Exact(key) } else { WordMatch::Stem(stem(&key).to_string()) }
}

/// A word still being typed; None when it is a single letter (it would match nearly everything).
fn typed_word((key, exact): RawWord) -> Option<WordMatch> {
    if exact {
        return key.chars().nth(1).is_some().then_some(WordMatch::ExactPrefix(key));
    }
    let start = strip_article(&key).to_string();
    let stem = stem(&key).to_string();
    start.chars().nth(1).is_some().then_some(WordMatch::Prefix { start, stem })
}

impl Query {
    /// Parses a query: words (all must match) and "quoted phrases". See [`crate::search`].
    pub fn parse(q: &str) -> Query {
        let terms = raw_terms(q)
            .into_iter()
            .map(|t| Term { words: t.into_iter().map(complete_word).collect() })
            .collect();
        Query { terms }
    }

    /// Parses a query that is still being typed: when it ends inside a word, that last word is a
    /// prefix (`أذرب` finds أذربيجان and الأذربيجانية). A last word of one letter is left out.
    pub fn parse_typing(q: &str) -> Query {
        let typing = q.chars().next_back().is_some_and(|c| is_word_char(c) && !is_quote(c));
        let mut raw = raw_terms(q);
        let last = if typing { raw.last_mut().and_then(Vec::pop) } else { None };
        let mut terms: Vec<Term> =
            raw.into_iter().map(|t| Term { words: t.into_iter().map(complete_word).collect() }).collect();
        // The typed word ends the last term (a word of its own, or the end of an open phrase).
        if let (Some(w), Some(t)) = (last, terms.last_mut()) {
            t.words.extend(typed_word(w));
        }
        terms.retain(|t| !t.words.is_empty());
        Query { terms }
    }

    /// Whether the query has no term (it then matches every article).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Byte ranges in `text` of every hit of every term, sorted, overlapping hits merged. A hit is
    /// a whole word as written (clitics and harakat included), or a whole phrase.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let prepared = Prepared::new(text);
        let mut hits = Vec::new();
        for term in &self.terms {
            prepared.term_hits(term, &mut hits);
        }
        hits.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(hits.len());
        for h in hits {
            match merged.last_mut() {
                Some(last) if h.start < last.end => last.end = last.end.max(h.end),
                _ => merged.push(h),
            }
        }
        merged
    }

    /// Whether every term occurs in the article's title or in its body (an empty query matches).
    pub fn matches_article(&self, a: &Article) -> bool {
        self.matches_text(&a.title, &a.body)
    }

    /// Whether every term occurs in `title` or in `body` (an empty query matches).
    pub fn matches_text(&self, title: &str, body_text: &str) -> bool {
        let title = Prepared::new(title);
        let mut body = None;
        let mut scratch = Vec::new();
        self.terms.iter().all(|t| {
            scratch.clear();
            title.term_hits(t, &mut scratch);
            if !scratch.is_empty() {
                return true;
            }
            body.get_or_insert_with(|| Prepared::new(body_text)).term_hits(t, &mut scratch);
            !scratch.is_empty()
        })
    }
}

/// A text folded and cut into words, ready to match terms against.
struct Prepared {
    norm: Normalized,
    words: Vec<Range<usize>>,
}

impl Prepared {
    fn new(text: &str) -> Prepared {
        let norm = normalize(text);
        let words = tokenize(&norm.key).collect();
        Prepared { norm, words }
    }

    /// Pushes the original byte range of every occurrence of `term`.
    fn term_hits(&self, term: &Term, out: &mut Vec<Range<usize>>) {
        let k = term.words.len();
        if k == 0 || self.words.len() < k || !term.words.iter().all(|w| w.may_occur_in(&self.norm.key)) {
            return;
        }
        for i in 0..=self.words.len() - k {
            let here = &self.words[i..i + k];
            if term.words.iter().zip(here).all(|(w, r)| w.matches(&self.norm.key[r.clone()])) {
                out.push(self.norm.to_original(here[0].start..here[k - 1].end));
            }
        }
    }
}
