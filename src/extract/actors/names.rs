//! Names: where a person's name starts and ends, the complement chain of a title or head noun,
//! and names as written without their proclitics.

use super::super::doc::{Doc, TokKind, is_complementizer};
use super::super::lexicon::Tag;

/// Given names that start with the article (keys).
const ARTICLE_NAMES: &[&str] = &[
    "الحسن",
    "الحسين",
    "الطيب",
    "الهادي",
    "المهدي",
    "الصادق",
    "المختار",
    "البشير",
    "الطاهر",
    "المنصف",
    "الحبيب",
    "الشاذلي",
    "المعتصم",
    "المنذر",
    "الوليد",
    "الخضر",
];

/// Words inside a name that never end it (عبد، أبو، بن، دي …).
pub(super) const CONNECTORS: &[&str] =
    &["عبد", "ابو", "بن", "ابن", "ال", "ابي", "ولد", "بنت", "دي", "دير", "فون", "فان"];

/// Whether token `i` can be part of a person's name (`first`: it would be the first word).
pub(super) fn name_word(doc: &Doc, i: usize, first: bool, prev: &str, pos: usize) -> bool {
    // The name علي folds to the key of the preposition على; the original spelling tells them apart.
    let ali = doc.key(i) == "علي" && doc.slice(i, i + 1).ends_with('ي');
    if !doc.is_word(i) || (doc.toks[i].hit.is_some() && !ali) || doc.key(i).chars().count() < 2 {
        return false;
    }
    let k = doc.key(i);
    if is_complementizer(k) || k.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if first && adverb_or_object(k) {
        return false;
    }
    // After the first word, a noun with a possessive pronoun (دونالد ترامب انسحاب بلاده، أردوغان
    // وحزبه) is the sentence going on, not the name; ـيه ends transliterated names (بيكيه).
    let original = doc.slice(i, i + 1);
    if !first
        && original.chars().count() >= 5
        && ((original.ends_with('ه') && !original.ends_with("يه"))
            || original.ends_with("ها")
            || original.ends_with("هم"))
    {
        return false;
    }
    // A clitic before the article (بالديوان، للجيش) marks a common noun, never a name.
    if ["بال", "لل", "وال", "فال", "كال"].iter().any(|p| k.starts_with(p)) {
        return false;
    }
    // After a family name with the article the name is over (… الخطيب، not … التصميم النهائي).
    // (عبد الفتاح السيسي: a compound first name with the article, then the family name.)
    let compound = (pos == 2 && i >= 2 && matches!(doc.key(i - 2), "عبد" | "ابو" | "ابي"))
        || (pos == 1 && ARTICLE_NAMES.contains(&prev));
    if prev.starts_with("ال") && !CONNECTORS.contains(&prev) && !compound {
        return false;
    }
    // A few given names carry the article (الحسن طاهر، الطيب صالح).
    if first && ARTICLE_NAMES.contains(&k) {
        return true;
    }
    if k.starts_with("ال") && !CONNECTORS.contains(&k) {
        // A family name with the article (سامي الخطيب) follows a first name; the caller checks
        // that the name ends at a boundary.
        return !first && !prev.is_empty() && (pos <= 2 || CONNECTORS.contains(&prev));
    }
    true
}

/// Whether token `j` can follow a name: punctuation, a line break, a complementizer, a stopword, a
/// source phrase, a reporting verb, or the end.
pub(super) fn name_boundary(doc: &Doc, j: usize) -> bool {
    match doc.toks.get(j) {
        None => true,
        Some(t) if t.kind != TokKind::Word => true,
        Some(_) => {
            let k = doc.key(j);
            // (A word with ل and the article is never part of a name: قال بيكيه للجماهير.)
            is_complementizer(k)
                || k.starts_with("لل")
                || doc.is_stop(j)
                || doc.has(j, |t| matches!(t, Tag::Title(_)))
                || doc.verb(j).is_some()
                || doc.has(j, |t| matches!(t, Tag::Source))
                || doc.hit(j).is_some_and(|h| h.prep)
        }
    }
}

/// The name after token `i`: up to four name words, ending where a name can end; returns the end token.
pub(super) fn name_after(doc: &Doc, i: usize, after_title: bool) -> Option<usize> {
    let mut j = i;
    while j < i + 4 && name_word(doc, j, j == i, if j > i { doc.key(j - 1) } else { "" }, j - i) {
        j += 1;
    }
    let run = j;
    // The longest run that ends at a boundary and not on a connector (عبد، أبو …).
    while j > i && (CONNECTORS.contains(&doc.key(j - 1)) || !name_boundary(doc, j)) {
        j -= 1;
    }
    if j == i && after_title && run > i && !adverb_or_object(doc.key(i)) {
        // A title is evidence enough: take a first and a last name even where no boundary follows.
        j = run.min(i + 2);
        while j > i && CONNECTORS.contains(&doc.key(j - 1)) {
            j -= 1;
        }
    }
    (j > i).then_some(j)
}

/// The complement of a title or head noun: definite words, nisbas, countries, places, organisation
/// heads, `باسم`, and `في` before one of those; returns its end.
pub(super) fn chain(
    doc: &Doc,
    start: usize,
    max: usize,
    countries: &mut Vec<(usize, usize)>,
    orgs: bool,
) -> usize {
    let mut j = start;
    let stop = start + max;
    while j < stop {
        // A quoted name in the complement (المتحدث باسم "الأونروا"): through its closing mark.
        let after_bism = j == start && j > 0 && doc.key(j - 1) == "باسم";
        if (j > start || after_bism) && doc.is_punct(j, &['"', '«', '“']) {
            match (j + 2..(j + 6).min(doc.toks.len())).find(|&c| doc.is_punct(c, &['"', '»', '”'])) {
                Some(c) if (j + 1..c).all(|w| doc.is_word(w)) => {
                    j = c + 1;
                    continue;
                }
                _ => break,
            }
        }
        if !doc.is_word(j) {
            break;
        }
        let tags = doc.tags(j);
        let k = doc.key(j);
        let geo =
            tags.iter().any(|t| matches!(t, Tag::Nisba(_) | Tag::Country(_) | Tag::Place(_) | Tag::Org(_)));
        // A nisba that is a given name before a family (تركي آل الشيخ، مصري بن …) starts the name.
        if geo && nisba_given_name(doc, j) {
            break;
        }
        let org = tags.iter().any(|t| matches!(t, Tag::OrgHead(_)));
        // A title right after a title is its complement (مساعد رئيس، نائب وزير).
        let title_ok = j == start && tags.iter().any(|t| matches!(t, Tag::Title(_)));
        let bad = !title_ok
            && tags.iter().any(|t| {
                matches!(
                    t,
                    Tag::Stop | Tag::Verb { .. } | Tag::Title(_) | Tag::Anon | Tag::Source | Tag::Capital(_)
                )
            });
        let definite = |i: usize| {
            let k = doc.key(i);
            doc.is_word(i)
                && (k.starts_with("ال") || k.starts_with("لل"))
                && !doc.has(i, |t| matches!(t, Tag::Stop | Tag::Verb { .. }))
        };
        let in_place =
            k == "في" && j > start && (definite(j + 1) || doc.has(j + 1, |t| matches!(t, Tag::OrgHead(_))));
        // An indefinite noun in construct after an indefinite title: كبير دبلوماسيي الاتحاد.
        let construct = j == start
            && !bad
            && doc.toks[j].hit.is_none()
            && !k.starts_with("ال")
            && definite(j + 1)
            && !start.checked_sub(1).map(|i| doc.key(i)).unwrap_or("").starts_with("ال");
        // ل before an indefinite noun in construct with a definite one continues a title
        // (وزيرة الدولة لشؤون الإعلام، المفوض السامي لحقوق الإنسان).
        let lam_construct = j > start
            && k.starts_with('ل')
            && !k.starts_with("لل")
            && doc.toks[j].hit.is_none()
            && definite(doc.next(j));
        // After a nisba the title is complete: a country or place next is the sentence's
        // (الرئيس الأمريكي القدس عاصمة …).
        let after_nisba = j > start && doc.has(j - 1, |t| matches!(t, Tag::Nisba(_)));
        // An indefinite organisation head takes one proper name (شركة تيسلا، وكالة رويترز).
        let org_name = j > start
            && doc.has(j - 1, |t| matches!(t, Tag::OrgHead(_)))
            && !doc.key(j - 1).starts_with("ال")
            && doc.toks[j].hit.is_none()
            && !k.starts_with("ال")
            && !k.starts_with(['ل', 'ب'])
            && !is_complementizer(k);
        if org_name {
            j = doc.next(j);
            continue;
        }
        if geo && after_nisba && !tags.iter().any(|t| matches!(t, Tag::Nisba(_))) {
            break;
        } else if geo {
            countries.push((j, doc.next(j)));
        } else if in_place || construct || lam_construct || (((org && orgs) || title_ok) && !bad) {
            // part of the chain
        } else if bad || !(k.starts_with("ال") || k.starts_with("لل") || k == "باسم") || k == "التابع"
        {
            break;
        }
        j = doc.next(j);
    }
    j
}

/// Whether the word at `i` is an indefinite nisba used as a given name: followed by آل, بن or
/// ابن (تركي آل الشيخ "Turki Al al-Sheikh", not "a Turk").
pub(super) fn nisba_given_name(doc: &Doc, i: usize) -> bool {
    doc.has(i, |t| matches!(t, Tag::Nisba(_)))
        && !doc.key(i).trim_start_matches(['و', 'ف', 'ب', 'ل']).starts_with("ال")
        && doc.is_word(i + 1)
        && matches!(doc.key(i + 1), "ال" | "بن" | "ابن")
        && doc.slice(i + 1, i + 2).starts_with(['آ', 'ب', 'ا', 'إ', 'أ'])
        && doc.is_word(i + 2)
}

pub(super) fn strip_article(w: &str) -> &str {
    w.strip_prefix("ال").or_else(|| w.strip_prefix("لل")).unwrap_or(w)
}

/// The name of tokens `a..b` as written, without the proclitics of a lexicon hit at `a`
/// (the alias keeps them).
pub(super) fn strip_clitic_word(doc: &Doc, a: usize, b: usize) -> String {
    let full = doc.slice(a, b);
    let name = match doc.hit(a) {
        Some(h) if h.core > h.start => {
            let skip = doc.norm.original_offset(h.core) - doc.norm.original_offset(h.start);
            full.get(skip..).unwrap_or(full)
        }
        _ => full,
    };
    // ل before the article drops its alef (للجيش المصري): the name takes the article back.
    match name.strip_prefix("لل") {
        Some(rest) if doc.hit(a).is_some_and(|h| h.prep) && doc.key(a).starts_with("لل") => {
            format!("ال{rest}")
        }
        _ => name.to_string(),
    }
}

/// A word that follows a title without being a name: an adverbial participle (متعجبا، مستغربا)
/// or a noun with a possessive pronoun (نظرته، موقفها). (Names such as ماريا also start with م
/// and end with ا: only the derived-verb prefixes مت / مست count.)
fn adverb_or_object(k: &str) -> bool {
    let n = k.chars().count();
    ((k.starts_with("مت") || k.starts_with("مست")) && k.ends_with('ا') && n >= 5)
        || (n >= 4 && (k.ends_with("ته") || k.ends_with("تها")))
}
