//! The features the name tagger sees for each token: the word's key and its segmentation
//! (proclitics, stem, affixes), its shape, the lexicon entries it belongs to (titles, organisation
//! heads, countries, verbs…: evidence, not gates), and the same for its neighbours.
//!
//! Features are strings handed to a sink one at a time from one reused buffer: training turns them
//! into `crfs` attributes, tagging hashes them (no allocation). The word-determined part of a
//! token's features at each neighbour offset ([`word_features`]) is kept apart from the part that
//! depends on the context ([`context_features`]), so that the tagger can cache the former per word.

use super::super::doc::{Doc, TokKind};
use super::super::lexicon::{Strength, Tag};
use super::is_person_name;

/// Proclitic strings a key word may start with, longest first (conjunction, preposition, article):
/// the reference list; [`proclitics_of`] holds it by first letter, which a test checks.
#[cfg(test)]
const PROCLITICS: &[&str] = &[
    "وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "فب", "فل",
    "و", "ف", "ب", "ل",
];

/// Splits a key word into (proclitics, stem): the longest proclitic string that leaves a stem of at
/// least three letters. Over-segmentation (a name that starts with و) is left for the model to
/// weigh against the whole word, which it also sees.
pub fn segment(word: &str) -> (&str, &str) {
    for p in proclitics_of(word.chars().next().unwrap_or(' ')) {
        if let Some(rest) = word.strip_prefix(p)
            && rest.chars().nth(2).is_some()
        {
            return (p, rest);
        }
    }
    ("", word)
}

/// The proclitic strings that start with `first`, longest first (the order of the reference list): only those can
/// match a word that starts with it (one comparison per candidate per token was a twentieth of
/// extraction).
fn proclitics_of(first: char) -> &'static [&'static str] {
    match first {
        'و' => &["وبال", "وكال", "ولل", "وال", "وب", "ول", "و"],
        'ف' => &["فبال", "فلل", "فال", "فب", "فل", "ف"],
        'ب' => &["بال", "ب"],
        'ك' => &["كال"],
        'ل' => &["لل", "ل"],
        'ا' => &["ال"],
        _ => &[],
    }
}

/// The feature codes of a lexicon tag where its entry begins and inside a multi-word entry.
fn tag_codes(t: &Tag) -> (&'static str, &'static str) {
    match t {
        Tag::Verb { strength: Strength::Weak, .. } => ("B:vw", "I:vw"),
        Tag::Verb { strength: Strength::Participle, .. } => ("B:vp", "I:vp"),
        Tag::Verb { .. } => ("B:v", "I:v"),
        Tag::Title(_) => ("B:ti", "I:ti"),
        Tag::OrgHead(_) => ("B:oh", "I:oh"),
        Tag::Country(_) => ("B:co", "I:co"),
        Tag::Nisba(_) => ("B:ni", "I:ni"),
        Tag::Capital(_) => ("B:ca", "I:ca"),
        Tag::Place(_) => ("B:pl", "I:pl"),
        Tag::Org(_) => ("B:or", "I:or"),
        Tag::NamingHead => ("B:nh", "I:nh"),
        Tag::Anon => ("B:an", "I:an"),
        Tag::Source => ("B:so", "I:so"),
        Tag::Stop => ("B:st", "I:st"),
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
    pub lex: Vec<&'static str>,
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
            let (b, inside) = tag_codes(t);
            out[i].lex.push(b);
            for f in out.iter_mut().take(end).skip(i + 1) {
                f.lex.push(inside);
            }
        }
        if doc.hit(i).is_some_and(|h| h.prep) {
            out[i].lex.push("prep");
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

/// The prefix of a neighbour's features (`-2:` … `2:`; none for the token itself).
fn offset_prefix(d: i8) -> &'static str {
    match d {
        -2 => "-2:",
        -1 => "-1:",
        1 => "1:",
        2 => "2:",
        _ => "",
    }
}

/// Writes the concatenation of `parts` into `buf` and hands it to `emit` (no formatting machinery:
/// this runs for every feature of every token).
fn put(buf: &mut String, parts: &[&str], emit: &mut impl FnMut(&str)) {
    buf.clear();
    for p in parts {
        buf.push_str(p);
    }
    emit(buf);
}

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// Emits the features that word `t` contributes when it stands at offset `d` from the token
/// being tagged: they depend on the word only, so a tagger may cache their sum per (word, offset).
pub fn word_features(t: &TokenFacts, d: i8, buf: &mut String, emit: &mut impl FnMut(&str)) {
    // A known given or family name: a hint the model weighs (many names are common words too).
    let known = t.shape == "w" && (is_person_name(t.word) || is_person_name(t.stem));
    if d == 0 {
        if known {
            put(buf, &["gz=per"], emit);
        }
        put(buf, &["w=", t.word], emit);
        put(buf, &["sh=", t.shape], emit);
        if t.shape == "w" {
            put(buf, &["s=", t.stem], emit);
            put(buf, &["pre=", t.pre], emit);
            let n = t.stem.chars().count();
            put(buf, &["len=", DIGITS[n.min(9)]], emit);
            for (k, (suf, pfx)) in
                [("suf1=", "pfx1="), ("suf2=", "pfx2="), ("suf3=", "pfx3=")].iter().enumerate()
            {
                if n > k + 1 {
                    put(buf, &[suf, last_chars(t.stem, k + 1)], emit);
                    put(buf, &[pfx, first_chars(t.stem, k + 1)], emit);
                }
            }
        }
        return;
    }
    let dp = offset_prefix(d);
    put(buf, &[dp, "w=", t.word], emit);
    if known {
        put(buf, &[dp, "gz=per"], emit);
    }
    if d.abs() == 1 {
        if t.shape == "w" {
            put(buf, &[dp, "s=", t.stem], emit);
            put(buf, &[dp, "pre=", t.pre], emit);
            if t.stem.chars().count() > 2 {
                put(buf, &[dp, "suf2=", last_chars(t.stem, 2)], emit);
            }
        } else {
            put(buf, &[dp, "sh=", t.shape], emit);
        }
    }
}

/// The feature a token gets for the lexicon code `l` of its neighbour at offset `d`.
pub fn lex_feature(d: i8, l: &str, buf: &mut String, emit: &mut impl FnMut(&str)) {
    put(buf, &[offset_prefix(d), "lx=", l], emit);
}

/// The feature a token gets when its neighbour at offset `d` lies beyond the sequence.
pub fn edge_feature(d: i8, buf: &mut String, emit: &mut impl FnMut(&str)) {
    put(buf, &[offset_prefix(d), "edge"], emit);
}

/// The bias feature, which every token has.
pub const BIAS: &str = "b";

/// Emits the features of token `i` of the sequence `f` that depend on its context: the lexicon
/// codes at every offset and the sequence edges (not the [`BIAS`]). (Word bigrams were tried: they
/// cost a third of the tagging time for no measurable gain over the neighbours' words.)
pub fn context_features(f: &[TokenFacts], i: usize, buf: &mut String, emit: &mut impl FnMut(&str)) {
    for d in OFFSETS {
        let j = i as isize + d as isize;
        if j < 0 || j as usize >= f.len() {
            edge_feature(d, buf, emit);
            continue;
        }
        for l in &f[j as usize].lex {
            lex_feature(d, l, buf, emit);
        }
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
    emit(BIAS);
    context_features(f, i, &mut buf, &mut emit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proclitics_by_first_letter_are_the_list_in_order() {
        for c in ['و', 'ف', 'ب', 'ك', 'ل', 'ا', 'م'] {
            let want: Vec<&str> = PROCLITICS.iter().copied().filter(|p| p.starts_with(c)).collect();
            assert_eq!(proclitics_of(c), want.as_slice(), "{c}");
        }
        let covered: usize = ['و', 'ف', 'ب', 'ك', 'ل', 'ا'].iter().map(|&c| proclitics_of(c).len()).sum();
        assert_eq!(covered, PROCLITICS.len());
    }

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
        for want in ["w=دونالد", "-1:w=الامريكي", "-2:w=الرييس", "1:w=ترامب", "2:w=ان", "-2:lx=B:ti", "b"]
        {
            assert!(feats.iter().any(|x| x == want), "{want} missing from {feats:?}");
        }
        assert!(token_features(&f, 0).iter().any(|x| x == "-1:edge"));
    }
}
