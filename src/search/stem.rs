//! A light Arabic stemmer over matching keys (the output of [`crate::extract::normalize`]).
//!
//! In the spirit of Larkey's Light10 and Lucene's `ArabicStemmer`, with stricter minimum lengths so
//! that short words are not mangled:
//!
//! * the article with its proclitics (`ال وال فال بال كال لل ولل فلل وبال فبال وكال فكال`) is
//!   removed when at least three letters remain: `الأذربيجانية` → `اذربيجانيه`;
//! * then suffixes are removed, longest first, again and again, while at least three letters remain:
//!   nisba and plurals `يون يين يات يه ي`, plurals `ات ون ين`, `ة`/`ه` (one key letter after
//!   folding) and `ها`: `اذربيجانيه` → `اذربيجان`, `فلسطينيين` → `فلسطين` → `فلسط`; a removal that
//!   would leave a common function word (`ولايات` ↛ `ولا`) is not made;
//! * the dual `ان` is never removed: it ends too many names (`أذربيجان`, `لبنان`, `إيران`).
//!
//! A query word is reduced by [`stem`] alone. A word of the text may also carry a one-letter
//! proclitic (`و ف ب ل ك`, or two of them), which cannot be told apart from a first letter
//! (`لبنان`, `كتاب`); so [`variants`] gives its stem both with and without it, and a query stem
//! matches a text word when it is any of its variants. `لأذربيجان` thus matches `أذربيجان`, while
//! `بقاء` still does not match `لقاء`. Only Arabic-letter words are stemmed; others (digits, Latin)
//! match as their folded key.

/// The article and the proclitics written before it, longest first.
const ARTICLE_PREFIXES: &[&str] =
    &["وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"];

/// One-letter proclitics without the article (and their pairs), longest first.
const PROCLITICS: &[&str] = &["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"];

/// Suffixes, longest first (after folding `ة` is `ه`, `ية` is `يه`).
const SUFFIXES: &[&str] = &["يون", "يين", "يات", "ات", "ون", "ين", "يه", "ها", "ي", "ه"];

/// A stem never gets shorter than this many letters.
const MIN_STEM: usize = 3;

/// Function words that suffix removal must not produce (`ولايات` would become `ولا`).
const STOP_STEMS: &[&str] = &[
    "ولا", "الا", "انا", "هذا", "كان", "لكن", "منذ", "حتي", "بين", "عند", "علي", "الي", "هنا", "ذلك", "تلك",
    "كما", "لما", "مما", "ليس", "لدي", "غير", "نحو",
];

/// Whether `c` is an Arabic letter (the only words that are stemmed).
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// Whether the key word is made of Arabic letters only.
pub fn is_arabic_word(key: &str) -> bool {
    !key.is_empty() && key.chars().all(is_arabic_letter)
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Removes the article (with its proclitics) from a key word when at least three letters remain.
pub fn strip_article(key: &str) -> &str {
    if !is_arabic_word(key) {
        return key;
    }
    ARTICLE_PREFIXES
        .iter()
        .find_map(|p| key.strip_prefix(p).filter(|rest| char_len(rest) >= MIN_STEM))
        .unwrap_or(key)
}

/// Removes suffixes from a key word (already without its article) while three letters remain.
pub fn strip_suffixes(key: &str) -> &str {
    if !is_arabic_word(key) {
        return key;
    }
    let mut w = key;
    'outer: loop {
        for s in SUFFIXES {
            if let Some(rest) = w.strip_suffix(s)
                && char_len(rest) >= MIN_STEM
                && !STOP_STEMS.contains(&rest)
            {
                w = rest;
                continue 'outer;
            }
        }
        return w;
    }
}

/// The stem of a key word: article then suffixes removed. Query words are reduced by this alone.
pub fn stem(key: &str) -> &str {
    strip_suffixes(strip_article(key))
}

/// The one-letter proclitics `key` may carry, as the rest after each (at least three letters).
fn without_proclitics(key: &str) -> impl Iterator<Item = &str> {
    let arabic = is_arabic_word(key);
    PROCLITICS
        .iter()
        .filter(move |_| arabic)
        .filter_map(move |p| key.strip_prefix(p).filter(|rest| char_len(rest) >= MIN_STEM))
}

/// Every stem a word of the text may stand for: its own [`stem`], and the stem of what remains
/// after a one-letter proclitic (`وأذربيجان` → `واذربيجان`, `اذربيجان`). Deduplicated, own stem first.
pub fn variants(key: &str) -> Vec<&str> {
    let mut out = vec![stem(key)];
    for rest in without_proclitics(key) {
        let s = stem(rest);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The forms a word of the text may be the completion of, for prefix matching while typing: the
/// word itself, without its article, and without a one-letter proclitic (and then its article).
pub fn prefix_forms(key: &str) -> Vec<&str> {
    let mut out = vec![key];
    let bare = strip_article(key);
    if bare != key {
        out.push(bare);
    }
    for rest in without_proclitics(key) {
        let s = strip_article(rest);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::normalize::normalize_key;

    fn st(w: &str) -> String {
        stem(&normalize_key(w)).to_string()
    }

    fn matches(query: &str, word: &str) -> bool {
        let q = st(query);
        variants(&normalize_key(word)).contains(&q.as_str())
    }

    #[test]
    fn article_and_its_proclitics_are_removed() {
        assert_eq!(st("الأذربيجانية"), "اذربيجان");
        assert_eq!(st("والحكومة"), "حكوم");
        assert_eq!(st("بالعاصمة"), "عاصم");
        assert_eq!(st("للاتحاد"), "اتحاد");
        assert_eq!(st("فالرئيس"), "رييس");
        assert_eq!(st("كالمعتاد"), "معتاد");
        assert_eq!(st("وللشعب"), "شعب");
    }

    #[test]
    fn short_words_keep_their_article_and_letters() {
        // Two letters would remain: the article stays.
        assert_eq!(st("الدم"), "الدم");
        assert_eq!(st("إلى"), "الي");
        assert_eq!(st("منها"), "منها");
        assert_eq!(st("علي"), "علي");
        assert_eq!(st("بيت"), "بيت");
    }

    #[test]
    fn nisba_and_plural_suffixes_are_removed() {
        assert_eq!(st("أذربيجاني"), "اذربيجان");
        assert_eq!(st("الأذربيجانيون"), "اذربيجان");
        assert_eq!(st("الأذربيجانيين"), "اذربيجان");
        assert_eq!(st("أذربيجانيات"), "اذربيجان");
        assert_eq!(st("المصرية"), "مصر");
        assert_eq!(st("المصري"), "مصر");
        assert_eq!(st("الفلسطينيين"), st("فلسطين"));
        assert_eq!(st("المعلمون"), "معلم");
        assert_eq!(st("المعلمين"), "معلم");
        assert_eq!(st("المعلمات"), "معلم");
        assert_eq!(st("حكومتها"), "حكومت");
    }

    #[test]
    fn dual_an_is_kept_and_function_words_are_not_produced() {
        assert_eq!(st("أذربيجان"), "اذربيجان");
        assert_eq!(st("لبنان"), "لبنان");
        assert_eq!(st("الولايات"), "ولاي");
        assert_eq!(st("ولاية"), "ولاي");
    }

    #[test]
    fn one_letter_proclitics_are_variants_of_text_words() {
        assert!(matches("أذربيجان", "وأذربيجان"));
        assert!(matches("أذربيجان", "لأذربيجان"));
        assert!(matches("أذربيجان", "بأذربيجان"));
        assert!(matches("أذربيجان", "فأذربيجان"));
        assert!(matches("أذربيجان", "كأذربيجان"));
        assert!(matches("أذربيجان", "وبأذربيجان"));
        assert!(matches("اذربيجان", "الأذربيجانية"));
        assert!(matches("الأذربيجانية", "أذربيجان"));
        assert!(matches("لبنان", "ولبنان"));
    }

    #[test]
    fn stems_do_not_leak_into_unrelated_words() {
        assert!(!matches("لقاء", "بقاء"));
        assert!(!matches("الولايات", "ولا"));
        assert!(!matches("بيت", "ثبيت"));
        // A query word keeps its one-letter first letter: لبنان is not بنان.
        assert!(!matches("لبنان", "بنان"));
        assert!(!matches("وزير", "زير"));
        assert!(matches("وزير", "الوزير"));
        assert!(matches("وزير", "ووزير"));
    }

    #[test]
    fn non_arabic_words_are_not_stemmed() {
        assert_eq!(stem("2023"), "2023");
        assert_eq!(stem("reuters"), "reuters");
        assert_eq!(variants("bonds"), vec!["bonds"]);
    }

    #[test]
    fn prefix_forms_drop_article_and_proclitics() {
        let k = normalize_key("والأذربيجانية");
        assert!(prefix_forms(&k).iter().any(|f| f.starts_with("اذرب")));
        let k = normalize_key("لأذربيجان");
        assert!(prefix_forms(&k).iter().any(|f| f.starts_with("اذرب")));
    }
}
