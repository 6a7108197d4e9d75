//! Later mentions of people by surname or full name alone.

use super::super::ActorKind;
use super::super::doc::{Doc, TokKind};
use super::super::lexicon::Gender;
use super::super::normalize::{normalize_key, skeleton, skeleton_char, skeleton_into};
use super::{Actors, HashMap};

/// Later mentions of people by surname or full name alone (باشينيان ↔ نيكول باشينيان).
pub(super) fn recurring(a: &mut Actors, doc: &Doc) {
    let mut by_word: HashMap<String, (usize, usize)> = HashMap::default();
    for (idx, f) in a.list.iter().enumerate() {
        if f.actor.kind != ActorKind::Person || f.anon {
            continue;
        }
        let sk = skeleton(&normalize_key(&f.actor.name));
        let words: Vec<&str> = sk.split(' ').collect();
        if let Some(last) = words.last().filter(|w| w.chars().count() >= 3) {
            by_word.insert(last.to_string(), (idx, 1));
        }
        if words.len() > 1 {
            by_word.entry(words[0].to_string()).or_insert((idx, words.len()));
        }
    }
    if by_word.is_empty() {
        return;
    }
    // Cheap filter before computing a word's skeleton: its first consonant class.
    let firsts: Vec<char> = by_word.keys().filter_map(|k| k.chars().next()).collect();
    let mut buf = String::new();
    let maybe = |w: &str| w.chars().next().map(skeleton_char).is_some_and(|c| firsts.contains(&c));
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
        let found = [k, bare].iter().filter(|w| maybe(w)).find_map(|w| {
            skeleton_into(w, &mut buf);
            by_word.get(buf.as_str()).copied()
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
