//! Arabic matching keys: a folded copy of a text plus a map from every key byte back to the original.
//!
//! The key folds the spelling variation that Arabic news shows for the same word, so that one lexicon
//! entry or one search term matches every spelling:
//!
//! * hamza and alef forms: `أ إ آ ٱ` → `ا`, `ؤ` → `و`, `ئ` → `ي`;
//! * `ى` → `ي`, `ة` → `ه`, Persian `ی ک` → `ي ك`;
//! * harakat (U+064B–U+065F, U+0670, Quranic marks), tatweel, zero-width and bidi controls removed;
//! * Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) folded to their letters (compatibility
//!   decomposition), so shaped text matches unshaped text;
//! * Arabic-Indic and Eastern Arabic-Indic digits → ASCII digits, no-break spaces → a space,
//!   ASCII letters lower-cased.
//!
//! Everything else is copied as is; the key never reorders text, so a byte range of the key maps to
//! one contiguous byte range of the original ([`Normalized::to_original`]).
//!
//! [`strip_clitics`] removes the proclitics `و ف ب ل ك` and the article `ال` (and `لل`) from a key word,
//! but only when what remains is a known word, so that `والي` stays `والي` unless `الي` is known.

use std::borrow::Cow;
use std::ops::Range;

/// A folded matching key with a map back to the text it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    /// The folded text.
    pub key: String,
    /// For every byte of `key`, the byte offset in the original where the character that produced
    /// it starts; one more entry holds the original's length.
    map: Vec<u32>,
}

impl Normalized {
    /// Byte range in the original text that the key range `r` came from.
    ///
    /// The end extends over the characters the key dropped after the last matched one (harakat,
    /// tatweel), so `قال` found in `قالَ` maps to the whole word with its fatha. Out-of-range or
    /// inverted ranges are clamped.
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        let last = self.map.len().saturating_sub(1);
        let end = r.end.min(last);
        let start = r.start.min(end);
        self.map.get(start).copied().unwrap_or(0) as usize..self.map.get(end).copied().unwrap_or(0) as usize
    }

    /// Byte offset in the original of the key byte `i` (the original's length for `i == key.len()`).
    pub fn original_offset(&self, i: usize) -> usize {
        let i = i.min(self.map.len().saturating_sub(1));
        self.map.get(i).copied().unwrap_or(0) as usize
    }

    /// Key byte offset of the first key byte produced at or after original offset `o`.
    pub fn key_offset(&self, o: usize) -> usize {
        self.map.partition_point(|&m| (m as usize) < o).min(self.key.len())
    }
}

/// Folds `s` into its matching key, keeping the map back to `s`.
pub fn normalize(s: &str) -> Normalized {
    let mut key = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let b = s.as_bytes();
    let table = arabic_table();
    let mut i = 0;
    while i < b.len() {
        // Offsets of sahifa's texts fit in u32 (articles are far below 4 GiB); saturate otherwise.
        let at = u32::try_from(i).unwrap_or(u32::MAX);
        let x = b[i];
        // Fast paths for ASCII and the basic Arabic block (U+0600–U+067F: lead byte D8 or D9),
        // nearly all of an Arabic article; the result is the same as `fold_char`'s.
        if x < 0x80 {
            key.push(char::from(x.to_ascii_lowercase()));
            map.push(at);
            i += 1;
            continue;
        }
        if (x == 0xD8 || x == 0xD9) && i + 1 < b.len() {
            let cp = (usize::from(x & 0x1F) << 6) | usize::from(b[i + 1] & 0x3F);
            if let Some(c) = table[cp - 0x600] {
                let before = key.len();
                key.push(c);
                map.resize(map.len() + (key.len() - before), at);
            }
            i += 2;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        let before = key.len();
        fold_char(c, &mut |f| key.push(f));
        map.resize(map.len() + (key.len() - before), at);
        i += c.len_utf8();
    }
    map.push(u32::try_from(s.len()).unwrap_or(u32::MAX));
    Normalized { key, map }
}

/// `fold_basic` over U+0600–U+067F, computed once.
fn arabic_table() -> &'static [Option<char>; 128] {
    static TABLE: std::sync::LazyLock<[Option<char>; 128]> = std::sync::LazyLock::new(|| {
        let mut t = [None; 128];
        for (k, slot) in t.iter_mut().enumerate() {
            *slot = char::from_u32(0x600 + k as u32).and_then(fold_basic);
        }
        t
    });
    &TABLE
}

/// Folds `s` into its matching key without the offset map (for lexicon entries and queries).
pub fn normalize_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut |f| key.push(f));
    }
    key
}

/// Whether `c` is removed from keys (harakat, tatweel, format and bidi controls).
fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}' | '\u{061C}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}'
        | '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Folds one character of a base letter (no presentation forms), or `None` to drop it.
fn fold_basic(c: char) -> Option<char> {
    if is_dropped(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
        'ؤ' => 'و',
        'ئ' | 'ى' | 'ی' | '\u{06D2}' => 'ي',
        'ة' | '\u{06C0}' | '\u{06C3}' => 'ه',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    })
}

/// Folds one character into zero or more key characters, passed to `out`.
pub fn fold_char(c: char, out: &mut impl FnMut(char)) {
    if (c as u32) < 0x80 {
        out(c.to_ascii_lowercase());
    } else if matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}') {
        unicode_normalization::char::decompose_compatible(c, |d| {
            if let Some(f) = fold_basic(d) {
                out(f);
            }
        });
    } else if let Some(f) = fold_basic(c) {
        out(f);
    }
}

/// Whether `c` belongs to a word (letters and digits of any script; harakat count as letters).
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        // Fast paths for ASCII and the Arabic block, which is nearly all of an Arabic article.
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x0600..=0x06FF => {
            matches!(c as u32, 0x0610..=0x061A | 0x0620..=0x0669 | 0x066E..=0x06D3 | 0x06D5..=0x06ED | 0x06EE..=0x06FF)
        }
        _ => c.is_alphanumeric(),
    }
}

/// The proclitics a word may carry, longest first: conjunction, then preposition, then article.
const PREFIXES: &[&str] = &[
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "وك", "فب",
    "فل", "فك", "ال", "و", "ف", "ب", "ل", "ك",
];

/// Removes proclitics (`و ف ب ل ك`, the article `ال`, `لل` = `ل` + `ال`) from the key word `word`
/// when what remains is known; returns the stem, or the word unchanged when no stripping leaves a
/// known word.
///
/// The word itself wins when it is known (`والي` stays whole if `والي` is known). Otherwise the
/// shortest prefix whose rest is known is removed, and for a prefix ending in the article both the
/// bare rest and the rest with `ال` are tried (`للاتحاد` → `اتحاد` or `الاتحاد`). A stem is never
/// shorter than two letters.
pub fn strip_clitics<'a>(word: &'a str, is_known: impl Fn(&str) -> bool) -> Cow<'a, str> {
    if is_known(word) {
        return Cow::Borrowed(word);
    }
    for p in PREFIXES.iter().rev() {
        let Some(rest) = word.strip_prefix(p) else { continue };
        if rest.chars().nth(1).is_none() {
            continue;
        }
        if is_known(rest) {
            return Cow::Borrowed(rest);
        }
        if p.ends_with("ال") || p.ends_with("لل") {
            let with_article = format!("ال{rest}");
            if is_known(&with_article) {
                return Cow::Owned(with_article);
            }
        }
    }
    Cow::Borrowed(word)
}

/// A looser key for telling whether two names are spelling variants of one another: the key with
/// `غ ج ق ك` folded together, `ذ ز ظ` → `ز`, `ث س ص` → `س`, `ط ت` → `ت`, `ض د` → `د`, `ه` at a
/// word end dropped, and (in words of five letters or more) the long vowels `ا و ي` dropped.
/// `ناغورنو كاراباخ`, `ناجورنو كراباخ` and `ناغورني كاراباخ` share one skeleton.
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    skeleton_into(key, &mut out);
    out
}

/// [`skeleton`] written into `out` (cleared first), to reuse one buffer over many words.
pub fn skeleton_into(key: &str, out: &mut String) {
    out.clear();
    for word in key.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        let long = word.chars().count() >= 5;
        let n = word.chars().count();
        for (i, c) in word.chars().enumerate() {
            match c {
                'ه' if i + 1 == n && i > 0 => continue,
                'ا' | 'و' | 'ي' if long && i > 0 => continue,
                _ => out.push(skeleton_char(c)),
            }
        }
    }
}

/// The consonant class of `c` in a [`skeleton`] (`غ ج ق ك` → `ك` …); other characters unchanged.
pub fn skeleton_char(c: char) -> char {
    match c {
        'غ' | 'ج' | 'ق' | 'ك' | 'گ' => 'ك',
        'ذ' | 'ز' | 'ظ' => 'ز',
        'ث' | 'س' | 'ص' => 'س',
        'ط' | 'ت' => 'ت',
        'ض' | 'د' => 'د',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte fast paths of `normalize` give what `fold_char` gives, character by character.
    #[test]
    fn fast_paths_match_the_generic_fold() {
        let all: String =
            ('\u{0600}'..='\u{06FF}').chain("AZaz09 ،.«»\u{FEFB}\u{FB51}é😀\u{200F}".chars()).collect();
        let n = normalize(&all);
        let mut slow = String::new();
        for c in all.chars() {
            fold_char(c, &mut |f| slow.push(f));
        }
        assert_eq!(n.key, slow);
        assert_eq!(n.key, normalize_key(&all));
        assert_eq!(n.original_offset(n.key.len()), all.len());
    }

    #[test]
    fn folds_alef_hamza_yeh_teh_marbuta() {
        assert_eq!(normalize_key("أإآٱ"), "اااا");
        assert_eq!(normalize_key("مؤتمر"), "موتمر");
        assert_eq!(normalize_key("رئيس"), "رييس");
        assert_eq!(normalize_key("مستشفى"), "مستشفي");
        assert_eq!(normalize_key("مدرسة"), "مدرسه");
    }

    #[test]
    fn drops_harakat_and_tatweel() {
        assert_eq!(normalize_key("قَالَ"), "قال");
        assert_eq!(normalize_key("صرّح"), "صرح");
        assert_eq!(normalize_key("جـــديد"), "جديد");
    }

    #[test]
    fn folds_digits_spaces_and_latin() {
        assert_eq!(normalize_key("عام ٢٠٢٣"), "عام 2023");
        assert_eq!(normalize_key("۱۲"), "12");
        assert_eq!(normalize_key("a\u{00A0}B"), "a b");
    }

    #[test]
    fn folds_presentation_forms() {
        // ﻗﺎﻝ in isolated/final/medial forms, and the lam-alef ligature.
        assert_eq!(normalize_key("\u{FED7}\u{FE8E}\u{FEDD}"), "قال");
        assert_eq!(normalize_key("\u{FEFB}"), "لا");
        assert_eq!(normalize_key("\u{FE83}"), "ا");
    }

    #[test]
    fn map_points_back_to_the_original() {
        let s = "وقالَ الوزيـــرُ إنّ";
        let n = normalize(s);
        assert_eq!(n.key, "وقال الوزير ان");
        let at = n.key.find("الوزير").unwrap();
        let r = n.to_original(at..at + "الوزير".len());
        assert_eq!(&s[r], "الوزيـــرُ");
        let r = n.to_original(0..n.key.len());
        assert_eq!(r, 0..s.len());
        assert_eq!(n.original_offset(n.key.len()), s.len());
        assert_eq!(n.key_offset(r.end), n.key.len());
    }

    #[test]
    fn map_clamps_bad_ranges() {
        let n = normalize("abc");
        assert_eq!(n.to_original(2..99), 2..3);
        #[allow(clippy::reversed_empty_ranges)]
        let inverted = 5..1;
        assert_eq!(n.to_original(inverted), 1..1);
        let e = normalize("");
        assert_eq!(e.to_original(0..3), 0..0);
    }

    #[test]
    fn ligature_maps_to_one_source_char() {
        let s = "\u{FEFB}ب";
        let n = normalize(s);
        assert_eq!(n.key, "لاب");
        assert_eq!(n.to_original(0..n.key.len()), 0..s.len());
    }

    #[test]
    fn strips_clitics_only_before_known_words() {
        let known = |w: &str| matches!(w, "روسيا" | "الاتحاد" | "والي" | "وزير");
        assert_eq!(strip_clitics("وروسيا", known), "روسيا");
        assert_eq!(strip_clitics("لروسيا", known), "روسيا");
        assert_eq!(strip_clitics("للاتحاد", known), "الاتحاد");
        assert_eq!(strip_clitics("والاتحاد", known), "الاتحاد");
        assert_eq!(strip_clitics("والي", known), "والي");
        assert_eq!(strip_clitics("وزير", known), "وزير");
        assert_eq!(strip_clitics("وبيت", known), "وبيت");
        assert_eq!(strip_clitics("ول", known), "ول");
    }

    #[test]
    fn skeleton_merges_transliteration_variants() {
        let a = skeleton(&normalize_key("ناغورنو كاراباخ"));
        assert_eq!(a, skeleton(&normalize_key("ناجورنو كاراباخ")));
        assert_eq!(a, skeleton(&normalize_key("ناغورني كراباخ")));
        assert_ne!(skeleton("باريس"), skeleton("بيروت"));
    }
}
