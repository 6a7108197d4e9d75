//! Matching keys for cleaning: Arabic spelling variants folded, spaces collapsed. Never shown.

use std::borrow::Cow;

/// Folds Arabic spelling variants: أ إ آ ٱ → ا, ى → ي, ة → ه; harakat, superscript alef and
/// tatweel removed. Other characters are kept as they are; a line with nothing to fold is borrowed.
pub fn fold_arabic(s: &str) -> Cow<'_, str> {
    // Every character touched is two bytes, D8 xx or D9 xx, and becomes two bytes or none, so the
    // work is done on bytes (D8 and D9 are always lead bytes in UTF-8).
    let b = s.as_bytes();
    let first = (0..b.len().saturating_sub(1)).find(|&i| fold_pair(b[i], b[i + 1]) != Fold::Keep);
    let Some(first) = first else {
        return Cow::Borrowed(s);
    };
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..first]);
    let mut i = first;
    while i < b.len() {
        match b.get(i + 1).map_or(Fold::Keep, |&n| fold_pair(b[i], n)) {
            Fold::Keep => {
                out.push(b[i]);
                i += 1;
            }
            Fold::Drop => i += 2,
            Fold::To(x, y) => {
                out.extend_from_slice(&[x, y]);
                i += 2;
            }
        }
    }
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

#[derive(PartialEq, Eq)]
enum Fold {
    Keep,
    Drop,
    To(u8, u8),
}

#[inline]
fn fold_pair(lead: u8, next: u8) -> Fold {
    match (lead, next) {
        // أ آ إ (U+0623, U+0622, U+0625) and ٱ (U+0671) → ا (U+0627)
        (0xD8, 0xA2 | 0xA3 | 0xA5) | (0xD9, 0xB1) => Fold::To(0xD8, 0xA7),
        // ة (U+0629) → ه (U+0647)
        (0xD8, 0xA9) => Fold::To(0xD9, 0x87),
        // ى (U+0649) → ي (U+064A)
        (0xD9, 0x89) => Fold::To(0xD9, 0x8A),
        // tatweel (U+0640), harakat (U+064B–U+065F), superscript alef (U+0670)
        (0xD9, 0x80 | 0x8B..=0x9F | 0xB0) => Fold::Drop,
        _ => Fold::Keep,
    }
}

/// Letters and digits, with Arabic letters and digits answered without a table look-up.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}')
        || c.is_alphanumeric()
}

/// The words of a line (letters and digits only), folded and lowercased, joined by single spaces:
/// two lines with the same key say the same thing whatever their quotation marks and punctuation.
pub fn words_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    words_key_into(s, &mut out);
    out
}

/// [`words_key`] written into `out` (cleared first): one pass over the characters, folding as it
/// goes, so a loop over many lines reuses one buffer.
pub fn words_key_into(s: &str, out: &mut String) {
    out.clear();
    let mut pending = false;
    for c in s.chars() {
        let c = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => continue,
            c => c,
        };
        if !is_word_char(c) {
            pending = !out.is_empty();
            continue;
        }
        if pending {
            out.push(' ');
            pending = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// A rough stem of a folded word for lexical overlap: leading conjunction/preposition + article and
/// a few common suffixes removed, never below three letters.
pub fn stem(w: &str) -> &str {
    let mut s = w;
    for p in ["وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل"] {
        if let Some(rest) = s.strip_prefix(p)
            && rest.chars().count() >= 3
        {
            s = rest;
            break;
        }
    }
    for suf in ["ها", "ات", "يه", "ه", "ون", "ين", "ي"] {
        if let Some(rest) = s.strip_suffix(suf)
            && rest.chars().count() >= 3
        {
            return rest;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_marks_and_variants() {
        assert_eq!(words_key("وتعلن عن \"إجلاء\" السكان"), words_key("وتعلن عن “إجلاء” السكان"));
        assert_eq!(fold_arabic("أُعلنَ إلى مدينةٍ"), "اعلن الي مدينه");
        assert_eq!(stem(&fold_arabic("والأرمن")), "ارمن");
        assert_eq!(stem(&fold_arabic("لأوكرانيا")), "اوكرانيا");
    }

    /// The byte-level fold against the character-level definition, on every character of the
    /// Arabic block mixed with ASCII and other scripts.
    #[test]
    fn fold_matches_its_definition() {
        let by_chars = |s: &str| -> String {
            s.chars()
                .filter_map(|c| match c {
                    'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
                    'ى' => Some('ي'),
                    'ة' => Some('ه'),
                    '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
                    c => Some(c),
                })
                .collect()
        };
        let all: String = ('\u{0600}'..='\u{06FF}').chain("aZ 9é€😀ـ".chars()).collect();
        assert_eq!(fold_arabic(&all), by_chars(&all));
        for c in all.chars() {
            let s = format!("x{c}ب{c}");
            assert_eq!(fold_arabic(&s), by_chars(&s), "{c:?}");
        }
        assert!(matches!(fold_arabic("كتب الولد"), Cow::Borrowed(_)));
        assert_eq!(words_key("Hello, «العالَمُ» ABC-1"), "hello العالم abc 1");
        // Folding before splitting, as the two-pass definition: a haraka or tatweel between
        // letters never splits a word; case folding beyond ASCII.
        let two_pass = |s: &str| -> String {
            let f = fold_arabic(s);
            let words: Vec<String> = f
                .split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(|w| {
                    w.chars()
                        .flat_map(|c| {
                            if ('\u{0600}'..='\u{06FF}').contains(&c) {
                                vec![c]
                            } else {
                                c.to_lowercase().collect()
                            }
                        })
                        .collect()
                })
                .collect();
            words.join(" ")
        };
        for s in ["  أُعلنَ، «إلى» مدينةٍ ـ ÉCOLE  x", "ـــ", "", "a-b", "كتـــاب.. (CNN)-- قال", "١٢٣ ΣΑΣ"]
        {
            assert_eq!(words_key(s), two_pass(s), "{s:?}");
        }
    }
}
