//! One article prepared for the rules: its matching key, tokens (words, punctuation, line breaks)
//! and lexicon hits attached to the tokens where they start.

use super::lexicon::{Gender, Hit, LEXICON, Strength, Tag};
use super::morph::is_passive_marked;
use super::normalize::{Normalized, is_word_char, normalize};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A run of word characters.
    Word,
    /// One punctuation or symbol character.
    Punct(char),
    /// A line break (paragraph boundary).
    Break,
}

/// A token of the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Key byte range.
    pub start: usize,
    /// End of the key byte range.
    pub end: usize,
    /// Kind.
    pub kind: TokKind,
    /// Lexicon hit starting at this token, if any.
    pub hit: Option<u32>,
    /// Index one past the last token the hit covers (the token itself when there is no hit).
    pub hit_end: u32,
}

/// An article body ready for the rules.
pub struct Doc<'a> {
    /// The original text.
    pub text: &'a str,
    /// Its matching key.
    pub norm: Normalized,
    /// Tokens in order.
    pub toks: Vec<Tok>,
    /// Lexicon hits in order.
    pub hits: Vec<Hit>,
}

/// Whether `c` ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

impl<'a> Doc<'a> {
    /// Normalises, tokenises and matches the lexicons over `text`.
    pub fn new(text: &'a str) -> Doc<'a> {
        let norm = normalize(text);
        let hits = LEXICON.scan(&norm.key);
        let key = norm.key.as_str();
        let mut toks: Vec<Tok> = Vec::with_capacity(key.len() / 4);
        let mut it = key.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let kind = if is_word_char(c) {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if !is_word_char(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    it.next();
                }
                toks.push(Tok { start: i, end, kind: TokKind::Word, hit: None, hit_end: 0 });
                continue;
            } else if c == '\n' {
                if toks.last().is_some_and(|t| t.kind == TokKind::Break) {
                    continue;
                }
                TokKind::Break
            } else if c.is_whitespace() {
                continue;
            } else if c == '#' && it.peek().is_some_and(|&(_, d)| is_word_char(d)) {
                // A hashtag is its word (دونالد #ترمب is one name).
                continue;
            } else {
                TokKind::Punct(c)
            };
            toks.push(Tok { start: i, end: i + c.len_utf8(), kind, hit: None, hit_end: 0 });
        }
        // Attach hits: both lists are sorted, so one merge pass does it.
        let mut t = 0;
        for (hi, h) in hits.iter().enumerate() {
            while t < toks.len() && toks[t].start < h.start {
                t += 1;
            }
            if t < toks.len() && toks[t].start == h.start {
                let mut e = t;
                while e < toks.len() && toks[e].start < h.end {
                    e += 1;
                }
                toks[t].hit = Some(hi as u32);
                toks[t].hit_end = e as u32;
            }
        }
        for (i, tok) in toks.iter_mut().enumerate() {
            if tok.hit.is_none() {
                tok.hit_end = i as u32 + 1;
            }
        }
        Doc { text, norm, toks, hits }
    }

    /// Key text of token `i`.
    pub fn key(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| &self.norm.key[t.start..t.end]).unwrap_or("")
    }

    /// Original byte range of tokens `a..b`.
    pub fn span(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let (Some(s), Some(e)) = (self.toks.get(a), b.checked_sub(1).and_then(|b| self.toks.get(b))) else {
            return 0..0;
        };
        let r = self.norm.to_original(s.start..e.end);
        // Do not run over the whitespace the key kept after the last token.
        let end = self.text[r.start..r.end].trim_end().len() + r.start;
        r.start..end
    }

    /// Original text of tokens `a..b`.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        let r = self.span(a, b);
        self.text.get(r).unwrap_or("")
    }

    /// Tags of the hit starting at token `i`.
    pub fn tags(&self, i: usize) -> &'static [Tag] {
        match self.toks.get(i).and_then(|t| t.hit) {
            Some(h) => self.hits.get(h as usize).map(|h| LEXICON.tags(h)).unwrap_or(&[]),
            None => &[],
        }
    }

    /// The hit starting at token `i`.
    pub fn hit(&self, i: usize) -> Option<&Hit> {
        self.toks.get(i).and_then(|t| t.hit).and_then(|h| self.hits.get(h as usize))
    }

    /// Index one past the hit (or the token) at `i`.
    pub fn next(&self, i: usize) -> usize {
        self.toks.get(i).map(|t| t.hit_end as usize).unwrap_or(i + 1).max(i + 1)
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// Whether token `i` is the punctuation `c`.
    pub fn is_punct(&self, i: usize, c: &[char]) -> bool {
        matches!(self.toks.get(i).map(|t| t.kind), Some(TokKind::Punct(p)) if c.contains(&p))
    }

    /// Whether token `i` ends a sentence (sentence punctuation or a line break).
    pub fn ends_sentence(&self, i: usize) -> bool {
        match self.toks.get(i).map(|t| t.kind) {
            Some(TokKind::Break) | None => true,
            // A dot between two glued tokens is a decimal point or an abbreviation (1.5، إس.بي).
            Some(TokKind::Punct('.')) => !self.glued_both_sides(i),
            Some(TokKind::Punct(c)) => is_sentence_end(c),
            _ => false,
        }
    }

    /// Whether token `i` touches a word on both sides (no space around it).
    fn glued_both_sides(&self, i: usize) -> bool {
        let t = self.toks[i];
        i > 0
            && self.toks[i - 1].end == t.start
            && self.toks[i - 1].kind == TokKind::Word
            && self.toks.get(i + 1).is_some_and(|n| n.start == t.end && n.kind == TokKind::Word)
    }

    /// A reporting verb starting at token `i`: no preposition attached, a jussive-only form (`يقل`)
    /// only after `لم`/`لما`, and not a passive where the text writes its vowels (`اُتهم`).
    pub fn verb(&self, i: usize) -> Option<(Gender, Strength)> {
        let hit = self.hit(i)?;
        if hit.prep {
            return None;
        }
        let lam =
            || i > 0 && matches!(self.key(i - 1), "لم" | "ولم" | "فلم" | "الم" | "لما" | "ولما" | "فلما");
        let found = self.tags(i).iter().find_map(|t| match *t {
            Tag::Verb { gender, strength, after_lam } if !after_lam || lam() => Some((gender, strength)),
            _ => None,
        })?;
        let word = self.text.get(self.norm.to_original(hit.core..hit.end)).unwrap_or("");
        if is_passive_marked(word) {
            return None;
        }
        Some(found)
    }

    /// Whether token `i` carries the tag picked by `f`.
    pub fn has(&self, i: usize, f: impl Fn(&Tag) -> bool) -> bool {
        self.tags(i).iter().any(f)
    }

    /// Whether token `i` is a stopword.
    pub fn is_stop(&self, i: usize) -> bool {
        self.has(i, |t| *t == Tag::Stop)
    }
}

/// Complementizers that open a reported clause, as keys (pronoun-attached forms included).
pub fn is_complementizer(w: &str) -> bool {
    let w = w.strip_prefix('و').filter(|r| r.starts_with('ا') || r.starts_with('ب')).unwrap_or(w);
    let w = w.strip_prefix('ب').unwrap_or(w);
    matches!(
        w,
        "ان" | "انه"
            | "انها"
            | "انهم"
            | "انهما"
            | "انهن"
            | "اننا"
            | "انني"
            | "انكم"
            | "اني"
            | "انما"
    )
}
