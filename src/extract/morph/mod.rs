//! Arabic morphology for extraction: verb paradigms generated from lemmas ([`verbs`]), clitic
//! segmentation ([`segment`]) and the passive voice where the text writes its vowels
//! ([`is_passive_marked`]).
//!
//! The lexicon matches keys without harakat, where the passive `أُعلن` and the active `أعلن` are the
//! same word; only the original spelling can tell them apart, so the check runs on it.

pub mod segment;
pub mod verbs;

const DAMMA: char = '\u{064F}';
const FATHA: char = '\u{064E}';
const KASRA: char = '\u{0650}';

/// A letter of a word and the harakat written on it.
#[derive(Clone, Copy, Default)]
struct Letter {
    ch: char,
    damma: bool,
    fatha: bool,
    kasra: bool,
}

/// Whether `c` is written on a letter (harakat, shadda, sukun, dagger alef) or is a tatweel.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Whether a verb as written (proclitics `و ف` excluded; the future `س` may be there) carries the
/// vowels of the passive: a damma on its first letter (`اُتهم`، `قُتل`، `أُعلن`، `سُئل`); after the
/// present prefix, a damma followed by a passive vowel (`يُقال`، `يُذكَر`، `تُعُهِّد`); or, after a
/// hamzat wasl, a damma on one of the next two letters (`اتُّهِم`). A word without harakat is never
/// marked. (`يُؤكِّد`، `يُشير` keep their active kasra; `قُلن` "they said", 3fp, is the one active form
/// with a first damma and is rare.)
pub fn is_passive_marked(word: &str) -> bool {
    // Every passive reading needs a damma; most text has no harakat at all.
    if !word.contains(DAMMA) {
        return false;
    }
    let mut buf = [Letter::default(); 12];
    let mut n = 0;
    for c in word.chars() {
        if is_mark(c) {
            if n > 0 {
                let l = &mut buf[n - 1];
                l.damma |= c == DAMMA;
                l.fatha |= c == FATHA;
                l.kasra |= c == KASRA;
            }
        } else if n < buf.len() {
            buf[n] = Letter { ch: c, ..Letter::default() };
            n += 1;
        } else {
            break;
        }
    }
    let mut w = &buf[..n];
    // The future prefix (سيُقال).
    if w.len() > 3 && w[0].ch == 'س' && !w[0].damma && matches!(w[1].ch, 'ي' | 'ت' | 'ن') {
        w = &w[1..];
    }
    if w.len() < 2 {
        return false;
    }
    if w[0].ch == 'ا' && !w[0].damma {
        return w[1..w.len().min(3)].iter().any(|l| l.damma);
    }
    if !w[0].damma {
        return false;
    }
    if !matches!(w[0].ch, 'ي' | 'ت' | 'ن') {
        return true;
    }
    // A present prefix with a damma: active in forms II–IV (يُؤَكِّد، يُعْلِن، يُشِير), passive when
    // the next letter has a damma (تُعُهِّد), a kasra before a consonant (نُقِل), or when the
    // letter before the last is a fatha'd consonant or a long ā (يُذْكَر، يُقَال).
    let pen = w.len() - 2;
    w[1].damma
        || (w[1].kasra && w.get(2).is_some_and(|l| l.ch != 'ي'))
        || (pen >= 2 && (w[pen].fatha || (w[pen].ch == 'ا' && w.len() == 4)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passive_marks() {
        for w in ["اُتهم", "قُتل", "أُعلن", "سُئل", "يُقال", "يُذْكَر", "تُعُهِّد", "اتُّهِم", "نُقِل", "سيُقال", "أُكِّد"]
        {
            assert!(is_passive_marked(w), "{w} is passive");
        }
    }

    #[test]
    fn active_forms_are_not_passive() {
        for w in
            ["اتهم", "قال", "قَالَ", "أَعْلَنَ", "يُؤَكِّد", "يُشِير", "يُضِيف", "يُتَابِع", "يَقُول", "اِتَّهَمَ", "سيقول", "تُؤَكِّد"]
        {
            assert!(!is_passive_marked(w), "{w} is active");
        }
    }
}

#[cfg(test)]
mod verbs_tests;
