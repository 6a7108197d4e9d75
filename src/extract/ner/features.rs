//! The features the name tagger sees for each token: the word's key and its segmentation
//! (proclitics, stem, affixes), its shape, the lexicon entries it belongs to (titles, organisation
//! heads, countries, verbs…: evidence, not gates), and the same for its neighbours.
//!
//! Features are strings handed to a sink one at a time from one reused buffer: training turns them
//! into `crfs` attributes, tagging hashes them (no allocation). The word-determined part of a
//! token's features at each neighbour offset ([`word_features`]) is kept apart from the part that
//! depends on the context ([`context_features`]), so that the tagger can cache the former per word.

use std::fmt::Write;

use super::super::doc::{Doc, TokKind};
use super::super::lexicon::{Strength, Tag};
use super::is_person_name;

/// Proclitic strings a key word may start with, longest first (conjunction, preposition, article).
const PROCLITICS: &[&str] = &[
    "وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "فب", "فل", "و",
    "ف", "ب", "ل",
];

/// Splits a key word into (proclitics, stem): the longest proclitic string that leaves a stem of at
/// least three letters. Over-segmentation (a name that starts with و) is left for the model to
/// weigh against the whole word, which it also sees.
pub fn segment(word: &str) -> (&str, &str) {
    for p in PROCLITICS {
        if let Some(rest) = word.strip_prefix(p)
            && rest.chars().nth(2).is_some()
        {
            return (p, rest);
        }
    }
    ("", word)
}

/// A short code for a lexicon tag.
fn tag_code(t: &Tag) -> &'static str {
    match t {
        Tag::Verb { strength: Strength::Weak, .. } => "vw",
        Tag::Verb { strength: Strength::Participle, .. } => "vp",
        Tag::Verb { .. } => "v",
        Tag::Title(_) => "ti",
        Tag::OrgHead(_) => "oh",
        Tag::Country(_) => "co",
        Tag::Nisba(_) => "ni",
        Tag::Capital(_) => "ca",
        Tag::Place(_) => "pl",
        Tag::Org(_) => "or",
        Tag::NamingHead => "nh",
        Tag::Anon => "an",
        Tag::Source => "so",
        Tag::Stop => "st",
    }
}

/// Per-token facts computed once per document and shared by the neighbours' features.
#[derive(Debug, Clone, Default)]
pub struct TokenFacts<'d> {
    /// The key word (or the punctuation character, or `<br>`).
    pub word: &'d str,
    /// Proclitics.
    pub pre: &'d str,
    /// Stem without proclitics.
    pub stem: &'d str,
    /// Lexicon codes: `B:xx` where an entry starts here, `I:xx` inside a multi-word entry, `prep`.
    pub lex: Vec<String>,
    /// Shape class: `w` Arabic word, `d` digits, `l` Latin, `p` punctuation.
    pub shape: &'static str,
}

/// Facts of every token of `doc`.
pub fn facts<'d>(doc: &'d Doc) -> Vec<TokenFacts<'d>> {
    let n = doc.toks.len();
    let mut out: Vec<TokenFacts> = Vec::with_capacity(n);
    for i in 0..n {
        let tok = doc.toks[i];
        let word = &doc.norm.key[tok.start..tok.end];
        let shape = match tok.kind {
            TokKind::Word if word.bytes().all(|b| b.is_ascii_digit()) => "d",
            TokKind::Word if word.bytes().all(|b| b.is_ascii_alphanumeric()) => "l",
            TokKind::Word => "w",
            TokKind::Punct(_) | TokKind::Break => "p",
        };
        let word = if tok.kind == TokKind::Break { "<br>" } else { word };
        let (pre, stem) = if shape == "w" { segment(word) } else { ("", word) };
        out.push(TokenFacts { word, pre, stem, lex: Vec::new(), shape });
    }
    for i in 0..n {
        let tags = doc.tags(i);
        if tags.is_empty() {
            continue;
        }
        let end = doc.next(i).min(n);
        for t in tags {
            let c = tag_code(t);
            out[i].lex.push(format!("B:{c}"));
            for f in out.iter_mut().take(end).skip(i + 1) {
                f.lex.push(format!("I:{c}"));
            }
        }
        if doc.hit(i).is_some_and(|h| h.prep) {
            out[i].lex.push("prep".to_string());
        }
    }
    out
}

/// The last `n` characters of `s` (all of it when shorter).
fn last_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n - 1).map(|(i, _)| i).unwrap_or(0);
    &s[start..]
}

/// The first `n` characters of `s` (all of it when shorter).
fn first_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len());
    &s[..end]
}

/// The neighbour offsets the features look at (0 is the token itself).
pub const OFFSETS: [i8; 5] = [-2, -1, 0, 1, 2];

/// Emits the features that word `t` contributes when it stands at offset `d` from the token
/// being tagged: they depend on the word only, so a tagger may cache their sum per (word, offset).
pub fn word_features(t: &TokenFacts, d: i8, buf: &mut String, emit: &mut impl FnMut(&str)) {
    let mut put = |buf: &mut String, args: std::fmt::Arguments| {
        buf.clear();
        let _ = buf.write_fmt(args);
        emit(buf);
    };
    // A known given or family name: a hint the model weighs (many names are common words too).
    let known = t.shape == "w" && (is_person_name(t.word) || is_person_name(t.stem));
    if d == 0 {
        if known {
            put(buf, format_args!("gz=per"));
        }
        put(buf, format_args!("w={}", t.word));
        put(buf, format_args!("sh={}", t.shape));
        if t.shape == "w" {
            put(buf, format_args!("s={}", t.stem));
            put(buf, format_args!("pre={}", t.pre));
            let n = t.stem.chars().count();
            put(buf, format_args!("len={}", n.min(9)));
            for k in 1..=3 {
                if n > k {
                    put(buf, format_args!("suf{k}={}", last_chars(t.stem, k)));
                    put(buf, format_args!("pfx{k}={}", first_chars(t.stem, k)));
                }
            }
        }
        return;
    }
    put(buf, format_args!("{d}:w={}", t.word));
    if known {
        put(buf, format_args!("{d}:gz=per"));
    }
    if d.abs() == 1 {
        if t.shape == "w" {
            put(buf, format_args!("{d}:s={}", t.stem));
            put(buf, format_args!("{d}:pre={}", t.pre));
            if t.stem.chars().count() > 2 {
                put(buf, format_args!("{d}:suf2={}", last_chars(t.stem, 2)));
            }
        } else {
            put(buf, format_args!("{d}:sh={}", t.shape));
        }
    }
}

/// Emits the features of token `i` of the sequence `f` that depend on its context: the bias, the
/// lexicon codes at every offset, the sequence edges and the word bigrams.
pub fn context_features(f: &[TokenFacts], i: usize, buf: &mut String, emit: &mut impl FnMut(&str)) {
    let mut put = |buf: &mut String, args: std::fmt::Arguments| {
        buf.clear();
        let _ = buf.write_fmt(args);
        emit(buf);
    };
    put(buf, format_args!("b"));
    for d in OFFSETS {
        let j = i as isize + d as isize;
        if j < 0 || j as usize >= f.len() {
            put(buf, format_args!("{d}:edge"));
            continue;
        }
        for l in &f[j as usize].lex {
            if d == 0 {
                put(buf, format_args!("lx={l}"));
            } else {
                put(buf, format_args!("{d}:lx={l}"));
            }
        }
    }
    if i > 0 {
        put(buf, format_args!("-1|0={}|{}", f[i - 1].stem, f[i].stem));
    }
    if i + 1 < f.len() {
        put(buf, format_args!("0|1={}|{}", f[i].stem, f[i + 1].stem));
    }
}

/// Every feature of token `i` of the sequence `f`, as strings (for training).
pub fn token_features(f: &[TokenFacts], i: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(48);
    let mut buf = String::new();
    let mut emit = |s: &str| out.push(s.to_string());
    for d in OFFSETS {
        let j = i as isize + d as isize;
        if j >= 0 && (j as usize) < f.len() {
            word_features(&f[j as usize], d, &mut buf, &mut emit);
        }
    }
    context_features(f, i, &mut buf, &mut emit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segmentation_keeps_three_letters() {
        assert_eq!(segment("والرئيس"), ("وال", "رئيس"));
        assert_eq!(segment("لترامب"), ("ل", "ترامب"));
        assert_eq!(segment("ولد"), ("", "ولد"));
        assert_eq!(segment("بوتين"), ("ب", "وتين"));
    }

    #[test]
    fn features_of_a_token_see_its_neighbours_and_the_lexicon() {
        let doc = Doc::new("وقال الرئيس الأمريكي دونالد ترامب إن");
        let f = facts(&doc);
        let feats = token_features(&f, 3);
        for want in ["w=دونالد", "-1:w=الامريكي", "-2:w=الرييس", "1:w=ترامب", "2:w=ان", "-2:lx=B:ti", "b"] {
            assert!(feats.iter().any(|x| x == want), "{want} missing from {feats:?}");
        }
        assert!(token_features(&f, 0).iter().any(|x| x == "-1:edge"));
    }
}
