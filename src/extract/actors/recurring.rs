//! Later mentions of people by surname or full name alone.

use super::super::ActorKind;
use super::super::doc::{Doc, TokKind};
use super::super::lexicon::Gender;
use super::super::normalize::{normalize_key, skeleton, skeleton_char, skeleton_into};
use super::{Actors, HashMap};

/// Later mentions of people by surname or full name alone (باشينيان ↔ نيكول باشينيان).
pub(super) fn recurring(a: &mut Actors, doc: &Doc) {
    // Skeleton of a name word → (actor, words to take, the word's key as written in the name).
    let mut by_word: HashMap<String, (usize, usize, String)> = HashMap::default();
    for (idx, f) in a.list.iter().enumerate() {
        if f.actor.kind != ActorKind::Person || f.anon {
            continue;
        }
        let key = normalize_key(&f.actor.name);
        let sk = skeleton(&key);
        let words: Vec<&str> = sk.split(' ').collect();
        let keys: Vec<&str> = key.split(' ').collect();
        if words.len() != keys.len() {
            continue;
        }
        if let Some(last) = words.last().filter(|w| w.chars().count() >= 3) {
            by_word.insert(last.to_string(), (idx, 1, keys[keys.len() - 1].to_string()));
        }
        if words.len() > 1 {
            by_word.entry(words[0].to_string()).or_insert((idx, words.len(), keys[0].to_string()));
        }
    }
    if by_word.is_empty() {
        return;
    }
    // Cheap filter before computing a word's skeleton: its first and last consonant classes.
    let ends: Vec<(char, char)> =
        by_word.keys().filter_map(|k| Some((k.chars().next()?, k.chars().next_back()?))).collect();
    let mut buf = String::new();
    let maybe = |w: &str| {
        let first = w.chars().next().map(skeleton_char);
        first.is_some_and(|f| ends.iter().any(|&(a, b)| a == f && Some(b) == skeleton_last(w)))
    };
    let mut seen: HashMap<&str, Option<(usize, usize)>> = HashMap::default();
    let n = doc.toks.len();
    let mut i = 0;
    while i < n {
        if let Some(&(_, e)) = a.at.get(&i) {
            i = e.max(i + 1);
            continue;
        }
        if doc.toks[i].kind != TokKind::Word || doc.toks[i].hit.is_some() {
            i += 1;
            continue;
        }
        let k = doc.key(i);
        if k.len() < 6 {
            i += 1;
            continue;
        }
        let bare = k.trim_start_matches(['و', 'ف']).trim_start_matches(['ب', 'ل']);
        // The skeleton folds consonant classes and long vowels (بلينكن ↔ بلينكين); the spelling
        // must still be close, so that a common word with the same consonants (السيسي ↔ الأساسية)
        // is not taken for the name.
        // Words repeat: each distinct one is looked up once.
        let found = *seen.entry(k).or_insert_with(|| {
            [k, bare].iter().filter(|w| maybe(w)).find_map(|w| {
                skeleton_into(w, &mut buf);
                by_word
                    .get(buf.as_str())
                    // (A word spelt otherwise than the name and of the common vocabulary of
                    // news is that word: السياسي is not السيسي.)
                    .filter(|(_, _, name)| {
                        close_spelling(w, name)
                            && (*w == name.as_str() || !super::super::lexicon::common_word(w))
                    })
                    .map(|&(i, n, _)| (i, n))
            })
        });
        if let Some((idx, len)) = found {
            let end = if len > 1 { i + len } else { i + 1 };
            let full = skeleton(&normalize_key(doc.slice(i, end)));
            let end = if len > 1 && !a.list[idx].keys.iter().any(|x| skeleton(x) == full || *x == full) {
                i + 1
            } else {
                end
            };
            if len == 1 || end > i + 1 {
                let name = a.list[idx].actor.name.clone();
                a.add(doc, ActorKind::Person, &name, i..end, Gender::Unknown);
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

/// Whether two spellings of a name word differ by at most one edit in four letters (at least one).
pub(super) fn close_spelling(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let limit = (a.len().max(b.len()) / 4).max(1);
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    // Levenshtein distance, one row at a time.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()] <= limit
}

/// The last character of a word's skeleton without building it: trailing ه dropped, and in words
/// of five letters or more the long vowels ا و ي (see `skeleton_into`).
fn skeleton_last(w: &str) -> Option<char> {
    let n = w.chars().count();
    let long = n >= 5;
    w.chars()
        .rev()
        .enumerate()
        .map(|(k, c)| (n - 1 - k, c))
        .find(|&(i, c)| {
            !((c == 'ه' && i + 1 == n && i > 0) || (long && i > 0 && matches!(c, 'ا' | 'و' | 'ي')))
        })
        .map(|(_, c)| skeleton_char(c))
}

#[cfg(test)]
mod tests {
    use super::close_spelling;

    #[test]
    fn last_skeleton_char_without_the_skeleton() {
        for w in ["باشينيان", "بلينكن", "السيسي", "مدرسه", "علي", "ابو", "كاراباخ", "طه"]
        {
            let sk = crate::extract::normalize::skeleton(w);
            assert_eq!(super::skeleton_last(w), sk.chars().next_back(), "{w}");
        }
    }

    #[test]
    fn spelling_variants_are_close_other_words_are_not() {
        assert!(close_spelling("بلينكن", "بلينكين"));
        assert!(close_spelling("باشينيان", "باشينيان"));
        assert!(close_spelling("اردوغان", "اردوجان"));
        assert!(!close_spelling("الاساسيه", "السيسي"));
        assert!(!close_spelling("مستوي", "موسي"));
    }
}
