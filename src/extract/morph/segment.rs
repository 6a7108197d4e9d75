//! Clitic segmentation of one word: proclitics (`و ف`, then `ب ل ك` or the future `س`, then the
//! article `ال`, written `لل` after `ل`) and an attached pronoun (`ه ها هم …`).
//!
//! A word has several readings (`وعد` is the verb "promised" or `و` + `عد`); [`segment`] lists every
//! reading the clitic grammar allows and ranks first those whose stem a lookup closure knows, then
//! those with fewer clitics. It works on byte ranges of the word and does not allocate.

use std::ops::Range;

/// One reading of a word: byte ranges of the proclitics, the stem and the enclitic pronoun.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Segmentation {
    /// Proclitics, the article included (`وبال`).
    pub prefix: Range<usize>,
    /// The stem.
    pub stem: Range<usize>,
    /// The attached pronoun (empty when none).
    pub suffix: Range<usize>,
    /// Whether the prefix ends with the article (`ال`، or `لل` = `ل` + `ال`).
    pub article: bool,
    /// Whether the lookup knew the stem.
    pub known: bool,
}

impl Segmentation {
    /// How many clitic parts the reading has (fewer is likelier for an unknown stem).
    pub fn clitics(&self) -> usize {
        self.prefix.len() / 2 + usize::from(!self.suffix.is_empty())
    }
}

/// Proclitic sequences, with whether they end in the article.
const PREFIXES: &[(&str, bool)] = &[
    ("و", false),
    ("ف", false),
    ("ب", false),
    ("ل", false),
    ("ك", false),
    ("س", false),
    ("ال", true),
    ("لل", true),
    ("وب", false),
    ("ول", false),
    ("وك", false),
    ("وس", false),
    ("فب", false),
    ("فل", false),
    ("فك", false),
    ("فس", false),
    ("وال", true),
    ("فال", true),
    ("بال", true),
    ("كال", true),
    ("ولل", true),
    ("فلل", true),
    ("وبال", true),
    ("وكال", true),
    ("فبال", true),
    ("فكال", true),
];

/// Attached pronouns.
const SUFFIXES: &[&str] = &["ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ني", "نا"];

/// At most this many readings are kept (a word has far fewer).
pub const MAX_READINGS: usize = 24;

/// The readings of a word, best first.
#[derive(Debug, Clone)]
pub struct Readings {
    items: [Segmentation; MAX_READINGS],
    len: usize,
}

impl Readings {
    /// The readings as a slice, best first.
    pub fn as_slice(&self) -> &[Segmentation] {
        &self.items[..self.len]
    }

    /// The best reading (the whole word when nothing else fits).
    pub fn best(&self) -> &Segmentation {
        &self.items[0]
    }

    fn push(&mut self, s: Segmentation) {
        if self.len < MAX_READINGS {
            self.items[self.len] = s;
            self.len += 1;
        }
    }
}

/// Number of characters of `s`.
fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Every clitic reading of `word`, ranked: known stems first, then fewer clitics, then the longer
/// stem. The whole word is always a reading. A stem keeps at least two letters; the future `س`
/// only comes before a present prefix (`ي ت ن أ`), and the article never with a pronoun.
pub fn segment(word: &str, known: impl Fn(&str) -> bool) -> Readings {
    let mut r = Readings { items: Default::default(), len: 0 };
    let n = word.len();
    let whole = Segmentation { prefix: 0..0, stem: 0..n, suffix: n..n, article: false, known: known(word) };
    r.push(whole);
    let pre = std::iter::once(("", false)).chain(PREFIXES.iter().copied());
    for (p, article) in pre {
        if !word.starts_with(p) {
            continue;
        }
        let future = p.ends_with('س');
        for s in std::iter::once("").chain(SUFFIXES.iter().copied()) {
            if (p.is_empty() && s.is_empty()) || (article && !s.is_empty()) || !word.ends_with(s) {
                continue;
            }
            let stem = p.len()..n - s.len();
            if stem.start > stem.end || chars(&word[stem.clone()]) < 2 {
                continue;
            }
            let st = &word[stem.clone()];
            if future && !st.starts_with(['ي', 'ت', 'ن', 'أ', 'ا']) {
                continue;
            }
            r.push(Segmentation {
                prefix: 0..p.len(),
                stem: stem.clone(),
                suffix: stem.end..n,
                article,
                known: known(st),
            });
        }
    }
    // Insertion sort, stable: the list is short.
    let items = &mut r.items[..r.len];
    let rank = |s: &Segmentation| (!s.known, s.clitics(), usize::MAX - s.stem.len());
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && rank(&items[j]) < rank(&items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(word: &str, s: &Segmentation) -> (String, String, String) {
        (word[s.prefix.clone()].into(), word[s.stem.clone()].into(), word[s.suffix.clone()].into())
    }

    fn best(word: &str, known: &[&str]) -> (String, String, String) {
        let r = segment(word, |s| known.contains(&s));
        parts(word, r.best())
    }

    fn p(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn unknown_word_stays_whole() {
        assert_eq!(best("والتر", &[]), p("", "والتر", ""));
    }

    #[test]
    fn known_word_is_not_split() {
        assert_eq!(best("والي", &["والي", "الي"]), p("", "والي", ""));
    }

    #[test]
    fn conjunction_and_article() {
        assert_eq!(best("والرئيس", &["رئيس"]), p("وال", "رئيس", ""));
        let r = segment("والرئيس", |s| s == "رئيس");
        assert!(r.best().article && r.best().known);
    }

    #[test]
    fn lam_with_article() {
        assert_eq!(best("للاتحاد", &["اتحاد"]), p("لل", "اتحاد", ""));
        assert_eq!(best("للبنان", &["لبنان"]), p("ل", "لبنان", ""));
    }

    #[test]
    fn preposition_and_pronoun() {
        assert_eq!(best("بكتابه", &["كتاب"]), p("ب", "كتاب", "ه"));
        assert_eq!(best("وزيرها", &["وزير"]), p("", "وزير", "ها"));
        assert_eq!(best("وأبلغهم", &["أبلغ"]), p("و", "أبلغ", "هم"));
    }

    #[test]
    fn future_only_before_a_present_prefix() {
        assert_eq!(best("سيقول", &["يقول"]), p("س", "يقول", ""));
        assert_eq!(best("وستؤكد", &["تؤكد"]), p("وس", "تؤكد", ""));
        let r = segment("سلام", |_| true);
        assert!(r.as_slice().iter().all(|s| s.prefix.is_empty()));
    }

    #[test]
    fn article_never_with_pronoun() {
        let r = segment("الكتابه", |_| false);
        assert!(r.as_slice().iter().all(|s| !s.article || s.suffix.is_empty()));
    }

    #[test]
    fn stem_keeps_two_letters() {
        let r = segment("وله", |_| true);
        assert!(r.as_slice().iter().all(|s| "وله"[s.stem.clone()].chars().count() >= 2));
    }

    #[test]
    fn ranges_cover_the_word() {
        for w in ["وبالرئيس", "فسيقولون", "كتابهما", "ب"] {
            for s in segment(w, |_| false).as_slice() {
                assert_eq!(s.prefix.end, s.stem.start);
                assert_eq!(s.stem.end, s.suffix.start);
                assert_eq!(s.suffix.end, w.len());
            }
        }
    }

    #[test]
    fn unknown_readings_prefer_fewer_clitics() {
        let r = segment("وبالتالي", |_| false);
        let s = r.as_slice();
        assert_eq!(s[0].clitics(), 0);
        assert!(s.windows(2).all(|w| w[0].clitics() <= w[1].clitics()));
    }
}
