//! Matching keys for cleaning: Arabic spelling variants folded, spaces collapsed. Never shown.

/// Folds Arabic spelling variants: أ إ آ ٱ → ا, ى → ي, ة → ه; harakat, superscript alef and
/// tatweel removed. Other characters are kept as they are.
pub fn fold_arabic(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ى' => Some('ي'),
            'ة' => Some('ه'),
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
            c => Some(c),
        })
        .collect()
}

/// The words of a line (letters and digits only), folded and lowercased, joined by single spaces:
/// two lines with the same key say the same thing whatever their quotation marks and punctuation.
pub fn words_key(s: &str) -> String {
    let folded = fold_arabic(s);
    let mut out = String::with_capacity(folded.len());
    for w in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
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
}
