//! Actors: names the trained tagger recognises anywhere (`tagged.rs`), people (title + name, names
//! after a reporting verb, recurring surnames), organisations
//! (head noun + إضافة chain), countries (names, nisba adjectives, capitals), places and anonymous
//! sources, merged across spelling variants by a skeleton key.

/// Hash maps keyed by short strings and indices: XXH3 is much cheaper than SipHash here and the
/// keys do not come from an adversary who could exploit it beyond slowing one article down.
type HashMap<K, V> = std::collections::HashMap<K, V, xxhash_rust::xxh3::Xxh3DefaultBuilder>;
use std::ops::Range;

use super::doc::{Doc, TokKind, is_complementizer};
use super::lexicon::{Gender, LEXICON, Strength, Tag};
use super::ner::NameKind;
use super::normalize::{normalize_key, skeleton};
use super::{Actor, ActorKind};

mod names;
mod recurring;
mod tagged;

use names::{chain, name_after, name_word, strip_article, strip_clitic_word};
use recurring::recurring;
use tagged::{Tagged, add_tagged, person_end, possessive_noun};

/// An actor being built, with what the quote rules need to know about it.
#[derive(Debug, Clone)]
pub struct Found {
    /// The public actor.
    pub actor: Actor,
    /// Agreement for pro-drop continuations.
    pub gender: Gender,
    /// Whether it is an anonymous source (kept only when it speaks).
    pub anon: bool,
    /// Whether it is only a generic noun (الحكومة، الجيش، الحزب) that no named organisation
    /// explains: not a name, so kept only when it speaks.
    pub generic: bool,
    /// Skeletons it answers to.
    keys: Vec<String>,
    /// Its names' matching keys (normalised, not folded to a skeleton): a new form joins it on
    /// a shared skeleton only when it is also spelt close to one of these.
    forms: Vec<String>,
    /// Keys of the title chains a person was introduced with, the first their main one (to
    /// resolve a later bare title or role description).
    titles: Vec<String>,
}

impl Found {
    /// Records a title key the person was introduced with (once; the first is their main one).
    fn add_title(&mut self, key: String) {
        if !self.titles.contains(&key) {
            self.titles.push(key);
        }
    }
}

/// Actors and, for every token that starts a mention, the actor and the token after the mention.
pub struct Actors {
    /// Actors in order of first mention.
    pub list: Vec<Found>,
    /// Token index → (actor, end token) for tokens that start a mention.
    pub at: TokMap,
    /// Tokens that start a title or role with no name after it (المدرب الإنجليزي): someone is
    /// named there, but not who, so the quote rules abstain rather than take the nisba's country.
    pub nameless: Vec<bool>,
    /// For a nameless title, the person named earlier whose title it most likely repeats (same
    /// head, every word matching up to a typo): the entity the quote rules may resolve it to when
    /// the context agrees (that person spoke last, or the verb continues a statement).
    pub nameless_ref: Vec<Option<usize>>,
    /// Skeletons of the names already seen.
    sk_cache: HashMap<String, (String, String)>,
    /// (kind, skeleton) → actor.
    by_key: HashMap<String, Vec<(ActorKind, usize)>>,
    /// Last word of a person's skeleton → actor.
    by_last: HashMap<String, usize>,
    /// Head noun (no article) → the last organisation named with it, for الوزارة etc.
    last_org: HashMap<String, usize>,
}

impl Actors {
    /// The named person a description of a role stands for (وزير خارجية المملكة، المتحدث باسم
    /// الأسطول): a person introduced with a title of the same head word, sharing the most of the
    /// description's other words (at least one when it has any). Only one person may fit best;
    /// else nobody.
    /// `at` is where the quote starts (a byte offset): the person must be named before it.
    pub fn person_described(&self, desc: &str, at: usize) -> Option<usize> {
        let bare = |w: &str| -> String {
            let w = w.trim_start_matches(['و', 'ف']);
            w.strip_prefix("ال").unwrap_or(w).to_string()
        };
        let key = normalize_key(desc);
        let words: Vec<String> =
            key.split(' ').filter(|w| !w.is_empty()).map(bare).filter(|w| w.chars().count() >= 3).collect();
        // Only a definite description names someone: one with the article (الوزير، المتحدث باسم
        // الأسطول) or a construct with a definite noun (وزير خارجية المملكة); an indefinite one
        // (مسؤول كوري جنوبي، متحدث باسم الحكومة) is someone the article does not name.
        let raw: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let def = |w: &str| w.trim_start_matches(['و', 'ف']).starts_with("ال");
        let definite = raw.first().is_some_and(|w| def(w))
            || (raw.len() >= 2
                && !matches!(raw[1], "باسم" | "في" | "من" | "لدي" | "عن")
                && raw[1..raw.len().min(3)].iter().any(|w| def(w)));
        if !definite {
            return None;
        }
        let (head, rest) = words.split_first()?;
        let mut best: Vec<(usize, usize)> = Vec::new();
        for (k, f) in recent(self) {
            if f.anon
                || f.actor.kind != ActorKind::Person
                || f.titles.is_empty()
                || f.actor.mentions.first().is_none_or(|m| m.start >= at)
            {
                continue;
            }
            let tw: Vec<String> = f.titles.iter().flat_map(|t| t.split(' ')).map(bare).collect();
            let heads = f.titles.iter().filter_map(|t| t.split(' ').next()).map(bare);
            if !heads.into_iter().any(|h| title_word_matches(&h, head)) {
                continue;
            }
            let shared = rest.iter().filter(|w| tw.iter().any(|x| title_word_matches(x, w))).count();
            if !rest.is_empty() && shared == 0 {
                continue;
            }
            best.push((shared, k));
        }
        let top = best.iter().map(|b| b.0).max()?;
        let mut fits = best.iter().filter(|b| b.0 == top);
        match (fits.next(), fits.next()) {
            (Some(&(_, k)), None) => Some(k),
            _ => None,
        }
    }

    /// The person last named with the word `key` (a normalised nisba: السويدي، الإسباني) as their
    /// family name or in one of their titles: whom a bare nisba as a subject stands for.
    pub(super) fn person_called(&self, key: &str) -> Option<usize> {
        recent(self)
            .filter(|(_, f)| f.actor.kind == ActorKind::Person && !f.anon)
            .find(|(_, f)| {
                let name = normalize_key(&f.actor.name);
                (name.contains(' ') && name.rsplit(' ').next() == Some(key))
                    || f.titles.iter().any(|t| t.split(' ').any(|w| w == key))
            })
            .map(|(k, _)| k)
    }
}

/// A map from token index to (actor, end token), stored densely (one slot per token).
pub struct TokMap(Vec<Option<(usize, usize)>>);

impl TokMap {
    /// The mention starting at token `i`.
    pub fn get(&self, i: &usize) -> Option<&(usize, usize)> {
        self.0.get(*i).and_then(Option::as_ref)
    }

    /// Records a mention starting at token `i`.
    pub fn insert(&mut self, i: usize, v: (usize, usize)) {
        if let Some(slot) = self.0.get_mut(i) {
            *slot = Some(v);
        }
    }

    /// Whether a mention starts at token `i`.
    pub fn contains_key(&self, i: &usize) -> bool {
        self.get(i).is_some()
    }
}

impl Actors {
    fn add(&mut self, doc: &Doc, kind: ActorKind, name: &str, toks: Range<usize>, gender: Gender) -> usize {
        let (key, sk) = match self.sk_cache.get(name) {
            Some(k) => k.clone(),
            None => {
                let key = normalize_key(name);
                let k = (key.clone(), skeleton(&key));
                self.sk_cache.insert(name.to_string(), k.clone());
                k
            }
        };
        let span = doc.span(toks.start, toks.end);
        let found = self.find(kind, &key, &sk).or_else(|| self.find_by_first(kind, &key));
        let idx = found.unwrap_or_else(|| {
            self.list.push(Found {
                actor: Actor { name: clean_name(name), kind, aliases: Vec::new(), mentions: Vec::new() },
                gender,
                anon: false,
                generic: false,
                keys: vec![sk.clone()],
                forms: Vec::new(),
                titles: Vec::new(),
            });
            self.list.len() - 1
        });
        self.index(idx, kind, &sk);
        let f = &mut self.list[idx];
        if !f.keys.contains(&sk) {
            f.keys.push(sk);
        }
        // A form that is an earlier one with a proclitic on its first word (ومي سليم) is no
        // fuller a name.
        let clitic_form = f.forms.iter().any(|x| clitic_variant(&key, x));
        if !f.forms.contains(&key) {
            f.forms.push(key);
        }
        // Canonical name: the fullest form (more words, then longer).
        let words = |s: &str| s.split_whitespace().count();
        if kind == ActorKind::Person
            && !clitic_form
            && (words(name), name.len()) > (words(&f.actor.name), f.actor.name.len())
        {
            f.actor.name = clean_name(name);
        }
        if f.gender == Gender::Unknown {
            f.gender = gender;
        }
        let alias = doc.text.get(span.clone()).unwrap_or("").to_string();
        if !alias.is_empty() && !f.actor.aliases.contains(&alias) {
            f.actor.aliases.push(alias);
        }
        // Mentions come in text order, so a repeat of a span is among the last few.
        if !f.actor.mentions.iter().rev().take(4).any(|m| *m == span) {
            f.actor.mentions.push(span);
        }
        self.at.insert(toks.start, (idx, toks.end));
        idx
    }

    /// The actor a new form (matching key `key`, skeleton `sk`) belongs to: the same kind and
    /// skeleton, spelt close to one of its forms (a skeleton alone makes اليمن ألمانيا and
    /// باريس بارسا); for people also the same last word when one of the two forms is that word
    /// alone (باشينيان ↔ نيكول باشينيان), or the same name with a proclitic on its first word
    /// (ومي سليم ↔ مي سليم).
    pub(super) fn find(&self, kind: ActorKind, key: &str, sk: &str) -> Option<usize> {
        let close = |i: usize| {
            let f = &self.list[i];
            f.forms.is_empty() || f.forms.iter().any(|x| x == key || recurring::close_spelling(x, key))
        };
        if let Some(i) =
            self.by_key.get(sk).and_then(|v| v.iter().find(|(k, i)| *k == kind && close(*i))).map(|&(_, i)| i)
        {
            return Some(i);
        }
        let multi = sk.contains(' ');
        // A family name with آل (آل الشيخ) is the person whose full name ends with it; a club or
        // company's last word alone (يونايتد) the one organisation whose name ends with it.
        let family = kind == ActorKind::Person && multi && key.starts_with("ال ");
        let org_tail = kind == ActorKind::Organization
            && !multi
            && !key.starts_with("ال")
            && key.chars().count() >= 4
            && !super::lexicon::common_word(key);
        if family || org_tail {
            let suffix = format!(" {key}");
            let mut ends = (0..self.list.len()).rev().take(RECENT).filter(|&i| {
                let f = &self.list[i];
                f.actor.kind == kind && !f.anon && f.forms.iter().any(|x| x.ends_with(&suffix))
            });
            if let (Some(i), None) = (ends.next(), ends.next()) {
                return Some(i);
            }
        }
        if kind != ActorKind::Person {
            return None;
        }
        if multi
            && let Some(i) = (0..self.list.len()).rev().take(RECENT).find(|&i| {
                let f = &self.list[i];
                f.actor.kind == kind && !f.anon && f.forms.iter().any(|x| clitic_variant(key, x))
            })
        {
            return Some(i);
        }
        let last = sk.rsplit(' ').next().unwrap_or(sk);
        let &i = self.by_last.get(last)?;
        let single = !multi || self.list[i].keys.iter().any(|k| !k.contains(' '));
        single.then_some(i)
    }

    /// The one person in the article whose full name begins with the one word `key` when that
    /// word is no known given name (كيم ↔ كيم جونغ أون: family name first; يوليا ↔ يوليا
    /// سكريبال). (Not for [`Actors::find`], which also tells where a name ends.)
    fn find_by_first(&self, kind: ActorKind, key: &str) -> Option<usize> {
        if kind != ActorKind::Person
            || key.contains(' ')
            || key.chars().count() < 3
            || super::ner::is_person_name(key)
        {
            return None;
        }
        let mut firsts = (0..self.list.len()).rev().take(RECENT).filter(|&i| {
            let f = &self.list[i];
            f.actor.kind == kind
                && !f.anon
                && f.forms.iter().any(|x| x.contains(' ') && x.split(' ').next() == Some(key))
        });
        match (firsts.next(), firsts.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        }
    }

    /// A named organisation is what its section's generic nouns refer back to (النادي، الشركة).
    fn generic_heads(&mut self, org: u16, idx: usize) {
        for h in LEXICON.org_heads.get(org as usize).into_iter().flatten() {
            let hk = skeleton(h);
            self.last_org.insert(strip_article(&hk).to_string(), idx);
        }
    }

    fn index(&mut self, idx: usize, kind: ActorKind, sk: &str) {
        let slot = self.by_key.entry(sk.to_string()).or_default();
        if !slot.iter().any(|(k, _)| *k == kind) {
            slot.push((kind, idx));
        }
        if kind == ActorKind::Person && !self.list[idx].anon {
            let last = sk.rsplit(' ').next().unwrap_or(sk);
            self.by_last.entry(last.to_string()).or_insert(idx);
        }
        if kind == ActorKind::Organization {
            let head = sk.split(' ').next().unwrap_or(sk);
            self.last_org.insert(strip_article(head).to_string(), idx);
        }
    }
}

/// An anonymous source at `i`: the head and up to three adjectives; returns its end.
fn anon(a: &mut Actors, doc: &Doc, i: usize) -> usize {
    let next = doc.next(i);
    let mut end = next;
    while end < next + 3
        && doc.is_word(end)
        && doc.key(end).chars().count() >= 2
        && !doc.is_stop(end)
        && doc.verb(end).is_none()
        && !is_complementizer(doc.key(end))
        && (doc.toks[end].hit.is_none() || doc.has(end, |t| matches!(t, Tag::Nisba(_))))
        && !(doc.toks[end].hit.is_none() && doc.key(end).starts_with(['ب', 'ل']))
    {
        end = doc.next(end);
    }
    let name = strip_clitic_word(doc, i, end);
    let idx = a.add(doc, ActorKind::Person, &name, i..end, anon_gender(doc.key(i)));
    mark_anon(a, idx);
    end
}

/// Agreement of an unnamed source from its head noun: sound and common broken plurals are plural
/// (مصادر، شهود، باحثون), a feminine ending is feminine, anything else masculine.
fn anon_gender(head: &str) -> Gender {
    let k = head.trim_start_matches(['و', 'ف']);
    let k = k.strip_prefix("ال").unwrap_or(k);
    let broken = ["مصادر", "شهود", "سكان", "خبراء", "علماء", "اطباء", "مقربون", "نشطاء", "مسوولو"];
    if k.ends_with("ون") || k.ends_with("ين") || k.ends_with("ات") || broken.contains(&k) {
        Gender::P
    } else if k.ends_with('ه') {
        Gender::F
    } else {
        Gender::M
    }
}

/// Marks an actor as an unnamed source: kept only if it speaks, never matched by surname.
fn mark_anon(a: &mut Actors, idx: usize) {
    if let Some(f) = a.list.get_mut(idx)
        && f.actor.mentions.len() == 1
    {
        f.anon = true;
        a.by_last.retain(|_, v| *v != idx);
    }
}

/// The named person right before a title in apposition (NAME، TITLE): the mention ends at the comma
/// before `i`.
fn apposed_person(a: &Actors, doc: &Doc, i: usize) -> Option<usize> {
    let comma = i.checked_sub(1).filter(|&c| doc.is_punct(c, &['،', ',']))?;
    (comma.saturating_sub(5)..comma).find_map(|j| {
        a.at.get(&j)
            .filter(|&&(p, e)| e == comma && a.list[p].actor.kind == ActorKind::Person && !a.list[p].anon)
            .map(|&(p, _)| p)
    })
}

/// Whether a title's complement starts at `next` as a construct with a definite noun (قائد النادي
/// الملكي، وزير الخارجية): the title then names one known person, not an anonymous source (which
/// takes a preposition: متحدث باسم الحكومة، مسؤول في الوزارة).
fn construct_title(doc: &Doc, next: usize) -> bool {
    let after_prep = next > 0 && matches!(doc.key(next - 1), "باسم" | "في" | "من" | "لدي");
    doc.is_word(next) && doc.key(next).starts_with("ال") && !after_prep
}

/// A person already named whose title shares this title's head word (المدرب … المدرب الإنجليزي):
/// then a bare title may mean them, and the rules abstain rather than invent a source.
fn earlier_named_title(a: &Actors, title_sk: &str) -> Option<usize> {
    let head = |t: &str| t.split(' ').next().map(|w| w.strip_prefix("ال").unwrap_or(w).to_string());
    let h = head(title_sk)?;
    recent(a)
        .find(|(_, f)| !f.anon && f.titles.iter().filter_map(|t| head(t)).any(|x| x == h))
        .map(|(k, _)| k)
}

/// In a title chain `i..j` of the form TITLE باسم|عن TITLE … (المتحدث باسم الرئيس التركي), the
/// token where the inner title starts, when the outer title speaks for someone (باسم) or on
/// their behalf.
fn inner_title(doc: &Doc, i: usize, j: usize) -> Option<usize> {
    (i + 1..j.saturating_sub(1)).find_map(|b| {
        (matches!(doc.key(b), "باسم" | "بلسان") && doc.has(b + 1, |t| matches!(t, Tag::Title(_))))
            .then_some(b + 1)
    })
}

/// Whether two title words are the same word, up to the article and one typo in a long word
/// (الخراجية for الخارجية).
fn title_word_matches(a: &str, b: &str) -> bool {
    let bare = |w: &str| w.strip_prefix("ال").unwrap_or(w).to_string();
    let (a, b) = (bare(a), bare(b));
    if a == b {
        return true;
    }
    a.chars().count() >= 4 && b.chars().count() >= 4 && strsim::damerau_levenshtein(&a, &b) <= 1
}

/// The person named earlier with a title that a nameless title repeats: same head word, every
/// word of it in that person's title (up to a typo). Of several, the most recently mentioned.
fn title_referent(a: &Actors, title_sk: &str) -> Option<usize> {
    let words: Vec<&str> = title_sk.split(' ').filter(|w| !w.is_empty()).collect();
    let head = *words.first()?;
    let last = |f: &Found| f.actor.mentions.last().map_or(0, |m| m.start);
    recent(a)
        .filter(|(_, f)| !f.anon && f.actor.kind == ActorKind::Person)
        .filter(|(_, f)| {
            f.titles.iter().any(|t| {
                let tw: Vec<&str> = t.split(' ').collect();
                tw.first().is_some_and(|h| title_word_matches(h, head))
                    && words.iter().all(|w| tw.iter().any(|x| title_word_matches(x, w)))
            })
        })
        .max_by_key(|(_, f)| last(f))
        .map(|(k, _)| k)
}

/// The person most recently named with exactly this title.
fn same_title(a: &Actors, title_sk: &str) -> Option<usize> {
    recent(a).find(|(_, f)| f.titles.iter().any(|t| t == title_sk)).map(|(k, _)| k)
}

/// The person most recently named with a title of which `title_sk` (a definite title without a
/// name) is a shorter form: its words, without the article, all occur in that title, and its first
/// word is that title's head (الوزير المصري ⊂ وزير البترول المصري).
fn shorter_title(a: &Actors, title_sk: &str) -> Option<usize> {
    let bare = |w: &str| -> String { w.strip_prefix("ال").unwrap_or(w).to_string() };
    let words: Vec<String> = title_sk.split(' ').map(bare).collect();
    let head = words.first()?.clone();
    let last = |f: &Found| f.actor.mentions.last().map_or(0, |m| m.start);
    let fits: Vec<(usize, &Found)> = recent(a)
        .filter(|(_, f)| !f.anon && f.actor.kind == ActorKind::Person)
        .filter(|(_, f)| {
            f.titles.iter().any(|t| {
                let tw: Vec<String> = t.split(' ').map(bare).collect();
                tw.first() == Some(&head) && words.iter().all(|w| tw.contains(w))
            })
        })
        .collect();
    // One word (الوزير) tells whom it means only when one person has that title.
    if words.len() < 2 && fits.len() != 1 {
        return None;
    }
    fits.into_iter().max_by_key(|(_, f)| last(f)).map(|(k, _)| k)
}

/// A "name" after a title that is a word of an earlier person's title (مؤسس شركة تيسلا …، إيلون
/// ماسك … وقال مؤسس تيسلا): that person, named again by title.
fn titled_by(a: &Actors, name_key: &str) -> Option<usize> {
    let words: Vec<&str> = name_key.split(' ').collect();
    recent(a)
        .find(|(_, f)| {
            f.titles.iter().any(|t| {
                let tw: Vec<&str> = t.split(' ').collect();
                words.iter().all(|w| tw.contains(w))
            })
        })
        .map(|(k, _)| k)
}

/// Whether the word at `i` carries the article (after the conjunctions و/ف).
fn definite_word(doc: &Doc, i: usize) -> bool {
    let core = doc.hit(i).map_or(doc.key(i), |h| &doc.norm.key[h.core..h.end]);
    core.starts_with("ال") || doc.key(i).trim_start_matches(['و', 'ف']).starts_with("ال")
}

/// A definite title without a name that repeats an earlier unnamed source's description without
/// the article (متحدث رسمي … المتحدث الرسمي): that source.
fn earlier_anon(a: &Actors, doc: &Doc, i: usize, end: usize) -> Option<usize> {
    if !definite_word(doc, i) {
        return None;
    }
    let key = normalize_key(&strip_clitic_word(doc, i, end));
    let bare: Vec<&str> = key.split(' ').map(|w| w.strip_prefix("ال").unwrap_or(w)).collect();
    let sk = skeleton(&bare.join(" "));
    if sk.is_empty() {
        return None;
    }
    let prefix = format!("{sk} ");
    recent(a)
        .find(|(_, f)| f.anon && f.keys.iter().any(|k| *k == sk || k.starts_with(&prefix)))
        .map(|(k, _)| k)
}

/// Finds the actors of a document.
pub fn find(doc: &Doc) -> Actors {
    let mut a = Actors {
        list: Vec::new(),
        at: TokMap(vec![None; doc.toks.len() + 1]),
        nameless: vec![false; doc.toks.len() + 1],
        nameless_ref: vec![None; doc.toks.len() + 1],
        sk_cache: HashMap::default(),
        by_key: HashMap::default(),
        by_last: HashMap::default(),
        last_org: HashMap::default(),
    };
    let n = doc.toks.len();
    let tagged = Tagged::new(doc);
    let mut i = 0;
    while i < n {
        let tags = doc.tags(i);
        let Some(first) = tags.first().copied() else {
            // A name the tagger recognised where no lexicon rule starts.
            if let Some((e, kind)) = tagged.at(i) {
                let (_, e) = add_tagged(&mut a, doc, &tagged, i, e, kind);
                i = e;
                continue;
            }
            i += 1;
            continue;
        };
        let mut geo = Vec::new();
        let next = doc.next(i);
        match first {
            Tag::Title(g) => {
                // A title of several words in the lexicon (رئيس الوزراء) is a construct with a
                // definite noun already: one office, as definite as الرئيس.
                let multiword = (i + 1..next).any(|j| doc.is_word(j));
                let definite = definite_word(doc, i)
                    || (i + 1..next).any(|j| doc.is_word(j) && doc.key(j).starts_with("ال"));
                let mut end = chain(doc, next, 5, &mut geo, true);
                let title_sk = normalize_key(doc.slice(i, end));
                let mut j = end;
                // Apposition: "المتحدث باسم الوزارة، العميد فلان" — the person is the later title's.
                // Several titles may stand in a row (وزيرة الدولة لشؤون الإعلام، الناطق الرسمي باسم
                // الحكومة، جمانة غنيمات).
                let mut titles = 0;
                // The keys of the titles after the first (a later bare use of any one names them).
                let mut extra_titles: Vec<String> = Vec::new();
                while titles < 3
                    && doc.is_punct(j, &['،', ','])
                    && doc.tags(j + 1).iter().any(|t| matches!(t, Tag::Title(_)))
                {
                    let st = j + 1;
                    j = chain(doc, doc.next(j + 1), 4, &mut geo, true);
                    extra_titles.push(normalize_key(doc.slice(st, j)));
                    titles += 1;
                }
                // Offices joined by و (نائب رئيس الوزراء ووزير الداخلية الإيطالي ماتيو سالفيني): one
                // person's titles when a name follows the last one (else two office holders, and
                // the name search below finds nothing after the chain).
                while titles < 3
                    && doc.key(j).starts_with('و')
                    && doc.hit(j).is_some_and(|h| h.core > h.start)
                    && doc.tags(j).iter().any(|t| matches!(t, Tag::Title(_)))
                {
                    let mut more = Vec::new();
                    let k = chain(doc, doc.next(j), 4, &mut more, true);
                    if tagged.person_at(k).is_none() {
                        break;
                    }
                    geo.append(&mut more);
                    let key = normalize_key(doc.slice(j, k));
                    extra_titles.push(key.strip_prefix('و').map_or(key.clone(), str::to_string));
                    j = k;
                    titles += 1;
                }
                if doc.is_punct(j, &['،', ',']) {
                    j += 1;
                }
                // The tagger decides whether a name follows the title (not every word after a title
                // is a name) and where it ends; the rules' reading stands where the tagger sees a
                // name of another kind there.
                let name_end = tagged
                    .person_at(j)
                    .map(|e| person_end(&a, doc, &tagged, j, e))
                    .or_else(|| name_after(doc, j, true).filter(|_| tagged.name_after_title(doc, j)));
                let named_by_title =
                    name_end.and_then(|e| titled_by(&a, &normalize_key(doc.slice(j, e))).map(|p| (p, e)));
                if let Some((p, e)) = named_by_title {
                    a.at.insert(i, (p, e));
                    end = e;
                } else if let Some(e) = name_end
                    && let Some(k) = inner_title(doc, i, j)
                {
                    // المتحدث باسم الرئيس التركي رجب طيب أردوغان: the name is the inner title's
                    // (the president's); the outer title, which nobody is named for, is the
                    // unnamed source who speaks.
                    let name = doc.slice(j, e).to_string();
                    let inner_sk = normalize_key(doc.slice(k, j));
                    let p = a.add(doc, ActorKind::Person, &name, j..e, Gender::Unknown);
                    a.list[p].add_title(inner_sk);
                    a.at.insert(k, (p, e));
                    let desc = strip_clitic_word(doc, i, j);
                    let desc = desc.trim_end_matches(['،', ',', ' ']).to_string();
                    let idx = a.add(doc, ActorKind::Person, &desc, i..k, g);
                    mark_anon(&mut a, idx);
                    a.at.insert(i, (idx, e));
                    end = e;
                } else if let Some(e) = name_end {
                    let name = doc.slice(j, e).to_string();
                    let idx = a.add(doc, ActorKind::Person, &name, j..e, g);
                    a.list[idx].add_title(title_sk);
                    for t in extra_titles.drain(..) {
                        a.list[idx].add_title(t);
                    }
                    a.at.insert(i, (idx, e));
                    end = e;
                } else if let Some(p) =
                    same_title(&a, &title_sk).filter(|_| end > next || multiword || !geo.is_empty())
                {
                    // A title without a name: the person introduced earlier with the same title.
                    a.at.insert(i, (p, end));
                } else if let Some(p) = shorter_title(&a, &title_sk).filter(|_| definite || end > next) {
                    // وزير البترول المصري طارق الملا … وقال الوزير المصري: a shorter form of the
                    // title of a person already named.
                    a.at.insert(i, (p, end));
                } else if let Some(p) = apposed_person(&a, doc, i) {
                    // عباس شومان، وكيل مشيخة الأزهر، …: the title describes the person just named;
                    // a later "قال وكيل مشيخة الأزهر" is that person again.
                    a.list[p].add_title(title_sk);
                    a.at.insert(i, (p, end));
                } else if let Some(p) = earlier_anon(&a, doc, i, end) {
                    // المتحدث الرسمي after متحدث رسمي: the same unnamed speaker again.
                    a.at.insert(i, (p, end));
                } else if tags.contains(&Tag::Anon) && end == next {
                    // مسؤول، متحدث: a title word that, without a name, is an anonymous source.
                    i = anon(&mut a, doc, i);
                    continue;
                } else if tags.contains(&Tag::Anon) || (!definite && !construct_title(doc, next)) {
                    // متحدث باسم الحكومة التركية، مسؤول في الوزارة: an indefinite title without a
                    // name describes someone the article does not name; the description is the speaker.
                    let name = strip_clitic_word(doc, i, end);
                    let idx = a.add(doc, ActorKind::Person, &name, i..end, g);
                    mark_anon(&mut a, idx);
                } else if end >= i + 3
                    && speech_follows(doc, end)
                    && earlier_named_title(&a, &title_sk).is_none()
                    // (After وأضاف a description is more often the last speaker's epithet: the
                    // quote rules decide.)
                    && !(i > 0
                        && crate::extract::quotes::is_continuation(doc.key(i - 1))
                        && recent(&a).any(|(_, f)| !f.anon && f.actor.kind == ActorKind::Person))
                {
                    // المحقق المعني بحقوق الإنسان … قال إن: a long description of a role nobody in
                    // the article is named for speaks; it is the (unnamed) source, not a reason to
                    // drop the speech. (A short one, المسؤول الأذربيجاني, more often means someone
                    // named before: the rules abstain there.)
                    let name = strip_clitic_word(doc, i, end);
                    let idx = a.add(doc, ActorKind::Person, &name, i..end, g);
                    mark_anon(&mut a, idx);
                } else if let Some(slot) = a.nameless.get_mut(i) {
                    *slot = true;
                    let r = title_referent(&a, &title_sk);
                    if let Some(slot) = a.nameless_ref.get_mut(i) {
                        *slot = r;
                    }
                }
                for (s, e) in geo.drain(..) {
                    add_geo(&mut a, doc, s, e);
                }
                i = end.max(next);
                continue;
            }
            // A rank, not an organisation: المركز السادس، المرتبة الأولى.
            Tag::OrgHead(_) if is_ordinal(doc.key(next)) => {
                i = doc.next(next);
                continue;
            }
            Tag::OrgHead(g) => {
                // After a definite head (الصندوق، الجيش) another organisation starts a new phrase
                // (طالب الصندوق الحكومة …); after a construct head (وزارة، مجلس) it continues it.
                let definite_head = doc.hit(i).is_some_and(|h| doc.norm.key[h.core..].starts_with("ال"));
                let mut end = chain(doc, next, 5, &mut geo, !definite_head);
                let head_only = end == next;
                let head = doc.key(i);
                // An indefinite head followed by a proper name: حركة حماس، وكالة رويترز.
                if head_only && !head.starts_with("ال") && name_word(doc, end, true, "", 0) {
                    end += 1;
                    // More words of the same name where the tagger sees one (وكالة أنباء فارس).
                    while end < next + 4
                        && tagged.in_name(end)
                        && tagged.in_name(end - 1)
                        && name_word(doc, end, false, doc.key(end - 1), end - next)
                    {
                        end += 1;
                    }
                } else if head_only
                    && !head.starts_with("ال")
                    && doc.is_punct(end, &['"', '«', '“', '”', '»'])
                {
                    // A quoted name: وكالة «تاس».
                    if let Some(c) = (end + 2..(end + 6).min(doc.toks.len()))
                        .find(|&j| doc.is_punct(j, &['"', '»', '”', '“', '«']))
                    {
                        end = c + 1;
                    }
                }
                // An office named by its holder's title and name (إدارة الرئيس الأميركي دونالد ترمب،
                // حكومة رئيس الوزراء فلان): the whole phrase, name included, is the organisation,
                // and the holder is named too.
                if (next..end).any(|j| doc.has(j, |t| matches!(t, Tag::Title(_))))
                    && let Some(pe) = tagged.person_at(end)
                {
                    let (_, pe) = add_tagged(&mut a, doc, &tagged, end, pe, NameKind::Person);
                    let name = strip_clitic_word(doc, i, pe);
                    a.add(doc, ActorKind::Organization, &name, i..pe, g);
                    for (s, e) in geo.drain(..) {
                        add_geo(&mut a, doc, s, e);
                    }
                    i = pe.max(next);
                    continue;
                }
                // A description before an organisation's name (شركة النفط والطاقة الفرنسية توتال،
                // الشركة الأمريكية أبل): the head and its words are that organisation's epithet.
                if let Some((k, (e2, _))) = (end..(end + 3).min(n))
                    .take_while(|&k| {
                        doc.is_word(k)
                            && !doc.is_stop(k)
                            && doc.verb(k).is_none()
                            && doc.hit(k).is_none_or(|h| !h.prep)
                    })
                    .find_map(|k| {
                        tagged.at(k).filter(|&(_, kind)| kind == NameKind::Organization).map(|t| (k, t))
                    })
                    .filter(|&(k, _)| {
                        (end..k).all(|j| doc.toks[j].hit.is_some() || doc.key(j).starts_with("و"))
                    })
                {
                    let (idx, e2) = add_tagged(&mut a, doc, &tagged, k, e2, NameKind::Organization);
                    a.at.insert(i, (idx, e2));
                    for (s, e) in geo.drain(..) {
                        add_geo(&mut a, doc, s, e);
                    }
                    i = e2.max(next);
                    continue;
                }
                // A head before a known name (شركة أبل، نادي ريال مدريد، حركة حماس): that organisation.
                if let Some(k) = geo.iter().position(|&(s, _)| s == next)
                    && let Some(o) = doc.tags(next).iter().find_map(|t| match t {
                        Tag::Org(o) => Some(*o),
                        _ => None,
                    })
                {
                    geo.remove(k);
                    let name = LEXICON.orgs[o as usize].clone();
                    let idx = a.add(doc, ActorKind::Organization, &name, i..end, g);
                    a.generic_heads(o, idx);
                    for (s, e) in geo.drain(..) {
                        add_geo(&mut a, doc, s, e);
                    }
                    i = end.max(next);
                    continue;
                }
                let name = strip_clitic_word(doc, i, end);
                let country = geo.first().and_then(|&(s, _)| country_of(doc, s));
                if matches!(
                    doc.key(i).trim_start_matches(['و', 'ف', 'ب', 'ل']),
                    "حكومه" | "الحكومه" | "لحكومه" | "السلطات" | "سلطات" | "للسلطات"
                ) && let Some(c) = country
                {
                    let cname = LEXICON.countries[c as usize].clone();
                    a.add(doc, ActorKind::Country, &cname, i..end, Gender::F);
                } else if (end == next || only_nisbas(doc, next, end)) && multiword_or_indefinite(doc, i) {
                    // A bare generic noun (الوزارة، الشركة الفرنسية): the last organisation with the
                    // same head.
                    let core = doc.hit(i).map(|h| &doc.norm.key[h.core..h.end]).unwrap_or("");
                    let hk = skeleton(strip_article(core));
                    let prev = a.last_org.get(strip_article(&hk)).copied();
                    match prev {
                        Some(p) => {
                            a.at.insert(i, (p, end));
                        }
                        None => {
                            let idx = a.add(doc, ActorKind::Organization, &name, i..end, g);
                            if let Some(f) = a.list.get_mut(idx).filter(|f| f.actor.mentions.len() == 1) {
                                f.generic = true;
                            }
                        }
                    }
                } else {
                    let idx = a.add(doc, ActorKind::Organization, &name, i..end, g);
                    // A head that nothing names (شركة، شرطة، منتخب بلاده، حكومة جديدة): no word of
                    // it is in a name the tagger sees, and no country or place qualifies it.
                    let named = geo.iter().any(|&(s, _)| s >= next) || (i..end).any(|j| tagged.in_name(j));
                    // An indefinite head with an indefinite nisba (شركة أوكرانية، مؤسسة صينية لـ…)
                    // is a description: a name makes its head definite (شركة أبل، الشركة الوطنية).
                    let described = !definite_head
                        && next < end
                        && doc.has(next, |t| matches!(t, Tag::Nisba(_)))
                        && !doc.key(next).starts_with("ال");
                    if (!named || described)
                        && let Some(f) = a.list.get_mut(idx).filter(|f| f.actor.mentions.len() == 1)
                    {
                        f.generic = true;
                    }
                }
                for (s, e) in geo.drain(..) {
                    add_geo(&mut a, doc, s, e);
                }
                i = end.max(next);
                continue;
            }
            // A one-word organisation of the gazetteer that is also a common word (الشباب youth,
            // وام for وأم) is that word where the tagger sees no name there. (Not places: the
            // tagger misses أوروبا in passing.)
            Tag::Org(_) if next == i + 1 && !tagged.in_name(i) && common_entry(doc, i) => {}
            // تركي آل الشيخ: a nisba as a given name before the family name.
            Tag::Nisba(_) if names::nisba_given_name(doc, i) => {
                let e = i + 3;
                let name = strip_clitic_word(doc, i, e);
                a.add(doc, ActorKind::Person, &name, i..e, Gender::M);
                i = e;
                continue;
            }
            Tag::Country(_) | Tag::Nisba(_) | Tag::Capital(_) | Tag::Place(_) | Tag::Org(_) => {
                add_geo(&mut a, doc, i, next)
            }
            Tag::Anon => {
                // المصدر after مصدر دبلوماسي: the same source again.
                if let Some(p) = earlier_anon(&a, doc, i, next) {
                    a.at.insert(i, (p, next));
                    i = next;
                    continue;
                }
                i = anon(&mut a, doc, i);
                continue;
            }
            // (`doc.verb` also refuses a verb with a preposition, a passive and a jussive without لم.)
            Tag::Verb { gender, strength, .. } if doc.verb(i).is_some() => {
                if strength == Strength::Weak {
                    i = next;
                    continue;
                }
                if let Some(p) = office(&a, doc, next) {
                    a.at.insert(next, (p, next + 1));
                    i = next + 1;
                    continue;
                }
                // وكانت ديلان فارو قد قالت …: the name between كان and قد is the subject.
                if let Some((s, e)) = kana_qad_subject(&a, doc, i).filter(|_| speech_follows(doc, next)) {
                    let name = doc.slice(s, e).to_string();
                    a.add(doc, ActorKind::Person, &name, s..e, gender);
                }
                // NAME، الذي قال إن …: the antecedent of a relative clause that speaks is a person.
                if let Some((s, e)) = relative_antecedent(&a, doc, i).filter(|_| speech_follows(doc, next)) {
                    let name = doc.slice(s, e).to_string();
                    a.add(doc, ActorKind::Person, &name, s..e, gender);
                }
                // "قال لفلان" is said to someone: a name right after a verb never carries ل. A name
                // is only taken where speech follows (أضافت أصنافا جديدة إلى … adds things, says
                // nothing), and not when the verb's subject stands right before it (فرنسا قالت بوضوح).
                let subject_before =
                    i > 0 && (i.saturating_sub(6)..i).any(|j| a.at.get(&j).is_some_and(|&(_, e)| e == i));
                // A single word with a possessive pronoun (أبدى غضبه) is an object, not a name.
                let possessive = |e: usize| {
                    let w = doc.slice(next, e);
                    e == next + 1
                        && w.chars().count() >= 4
                        // (ـيه ends transliterated names: بيكيه، أندريه.)
                        && ((w.ends_with('ه') && !w.ends_with("يه")) || w.ends_with("ها") || w.ends_with("هم"))
                };
                // Where the tagger sees a person there, its span says where the name ends
                // (كيم مخاطبا ترامب is Kim, then a participle).
                if let Some(e) = tagged
                    .person_at(next)
                    .map(|e| person_end(&a, doc, &tagged, next, e))
                    // One word the tagger does not take for a name is not taken on position alone
                    // (وأعلن عوضا عن ذلك); a run of words or a known given name still is.
                    .or_else(|| {
                        name_after(doc, next, false)
                            .filter(|&e| e > next + 1 || tagged.name_after_title(doc, next))
                    })
                    .filter(|_| !doc.key(next).starts_with('ل') && !subject_before)
                    // (نفى تحركه لضم نيمار: a noun with a pronoun starts the object, not a name.)
                    .filter(|_| !possessive_noun(doc, next))
                    .filter(|&e| !possessive(e))
                    .filter(|&e| {
                        speech_follows(doc, e)
                            || (i > 0 && matches!(doc.key(i - 1), "كما" | "حسبما" | "مثلما"))
                    })
                {
                    let name = doc.slice(next, e).to_string();
                    let idx = a.add(doc, ActorKind::Person, &name, next..e, gender);
                    // (قال محللون، وقال مديرو صناديق: a group nobody names, an unnamed source.)
                    if tagged::plural_agents(doc.key(next)) && a.list[idx].actor.mentions.len() == 1 {
                        mark_anon(&mut a, idx);
                    }
                    i = e;
                    continue;
                }
            }
            Tag::Stop if doc.key(i) == "عن" && a.at.get(&next).is_none() => {
                // نقل عن فلان قوله: the relayed speaker.
                // نقلت رويترز عن فلان …: a relay verb, its subject, then the person quoted.
                let relayed = |e: usize| {
                    doc.key(e).starts_with("قول")
                        || (speech_follows(doc, e)
                            && (i.saturating_sub(8)..i).any(|j| a.at.get(&j).is_some_and(|&(_, e)| e == i))
                            && (i.saturating_sub(8)..i)
                                .any(|j| doc.key(j).trim_start_matches(['و', 'ف']).starts_with("نقل")))
                };
                if let Some(e) = name_after(doc, next, false).filter(|&e| relayed(e)) {
                    let name = doc.slice(next, e).to_string();
                    a.add(doc, ActorKind::Person, &name, next..e, Gender::Unknown);
                    i = e;
                    continue;
                }
            }
            _ => {}
        }
        i = next;
    }
    recurring(&mut a, doc);
    a
}

/// Whether the lexicon entry at token `i` (without its proclitics) is a common word of news or a
/// word of three letters or fewer (which common words collide with).
fn common_entry(doc: &Doc, i: usize) -> bool {
    let core = doc.hit(i).map_or(doc.key(i), |h| &doc.norm.key[h.core..h.end]);
    core.chars().count() <= 3 || super::lexicon::common_word(core)
}

/// Whether the word at `i` is spelt as a feminine elative فُعلى (article, three letters, ى as
/// written: اليمنى، اليسرى) after a feminine noun: one ending in ة (or ت before a pronoun:
/// ركبته), or a noun feminine without the ending (يد، قدم، ساق، رجل، عين، أذن، كتف، ذراع),
/// which an adjective of the masculine nisba (اليمني، المصرى) could not follow.
fn elative_after_feminine(doc: &Doc, i: usize) -> bool {
    let w = doc.slice(i, i + 1);
    let k = doc.key(i).trim_start_matches(['و', 'ف', 'ب', 'ل']);
    let Some(stem) = k.strip_prefix("ال") else { return false };
    if !w.ends_with('ى') || stem.chars().count() != 4 || i == 0 || !doc.is_word(i - 1) {
        return false;
    }
    let prev = doc.slice(i - 1, i);
    let pk = doc.key(i - 1);
    let bare = pk.trim_start_matches(['و', 'ف', 'ب', 'ل']);
    let bare = bare.strip_prefix("ال").unwrap_or(bare);
    let bare = ["هما", "هم", "ها", "ه", "ي"].iter().find_map(|p| bare.strip_suffix(p)).unwrap_or(bare);
    prev.ends_with('ة')
        || ["ته", "تها", "تي", "تهم", "تهما"].iter().any(|s| pk.ends_with(s))
        || matches!(bare, "يد" | "قدم" | "ساق" | "رجل" | "عين" | "اذن" | "كتف" | "ذراع")
}

/// Whether the nisba at `i` names a language, not its country: after اللغة (اللغة الإنجليزية) or
/// as a feminine nisba governed by ب with no noun before it (تحدث بالفرنسية "spoke in French").
fn language(doc: &Doc, i: usize) -> bool {
    let k = doc.key(i);
    let after_lugha = i > 0
        && doc.is_word(i - 1)
        && matches!(doc.key(i - 1).trim_start_matches(['و', 'ف', 'ب', 'ل']), "اللغه" | "لغه" | "للغه");
    let bi = k.trim_start_matches(['و', 'ف']).starts_with("بال") && k.ends_with("يه");
    after_lugha || bi
}

/// Whether matching key `a` is `b` with a one-letter proclitic (و ف ب ل) on its first word, in
/// a name of two words or more (ومي سليم ↔ مي سليم).
fn clitic_variant(a: &str, b: &str) -> bool {
    b.contains(' ') && a.len() > b.len() && a.strip_prefix(['و', 'ف', 'ب', 'ل']).is_some_and(|rest| rest == b)
}

/// A name as shown: hashtag signs dropped (دونالد #ترمب → دونالد ترمب), spaces collapsed.
fn clean_name(name: &str) -> String {
    if !name.contains('#') {
        return name.to_string();
    }
    name.replace('#', "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The two or three plain words between كان/كانت and قد before the verb at `i` (وكانت ديلان فارو
/// قد قالت), when they are not an actor already.
fn kana_qad_subject(a: &Actors, doc: &Doc, i: usize) -> Option<(usize, usize)> {
    let qad = i.checked_sub(1).filter(|&q| doc.key(q) == "قد")?;
    let kana = (qad.saturating_sub(14)..qad.saturating_sub(1))
        .rev()
        .find(|&k| matches!(doc.key(k).trim_start_matches(['و', 'ف']), "كان" | "كانت"))?;
    // The name runs to قد, or to a comma that opens an apposition closed by a comma before قد
    // (وكان مارك زوكربيرغ، الرئيس التنفيذي للشركة، قد أصر).
    let s = kana + 1;
    let e = match (s..qad).find(|&j| doc.is_punct(j, &['،', ','])) {
        Some(c) if doc.is_punct(qad - 1, &['،', ',']) && c < qad - 1 => c,
        Some(_) => return None,
        None => qad,
    };
    let plain = (s..e).all(|j| {
        doc.is_word(j) && doc.toks[j].hit.is_none() && !doc.key(j).starts_with("ال") && !a.at.contains_key(&j)
    });
    (plain && e - s >= 2).then_some((s, e))
}

/// The name before `الذي`/`التي` (and a comma) that stands before the verb at `i`: one to three
/// name words after a boundary (punctuation, a lexicon word, a preposition), not already an actor.
fn relative_antecedent(a: &Actors, doc: &Doc, i: usize) -> Option<(usize, usize)> {
    let rel = i.checked_sub(1).filter(|&r| matches!(doc.key(r), "الذي" | "التي"))?;
    let end = if rel > 0 && doc.is_punct(rel - 1, &['،', ',']) { rel - 1 } else { rel };
    let mut s = end;
    while s > 0 && end - s < 3 {
        let j = s - 1;
        let k = doc.key(j);
        let plain =
            doc.is_word(j) && doc.toks[j].hit.is_none() && k.chars().count() >= 2 && !is_complementizer(k);
        // A family name with the article may end the name, never start it.
        if !plain || (k.starts_with("ال") && j + 1 == s && s < end) {
            break;
        }
        if k.starts_with("ال") && j + 1 != end {
            break;
        }
        s = j;
    }
    if s == end || (s..end).any(|j| a.at.contains_key(&j)) || doc.key(s).starts_with("ال") {
        return None;
    }
    // What stands before the name must end a phrase: punctuation, a lexicon word, or nothing.
    let before_ok = s == 0 || !doc.is_word(s - 1) || doc.toks[s - 1].hit.is_some();
    (before_ok && end - s >= 2).then_some((s, end))
}

/// Whether speech follows token `from` in its clause: a complementizer, a colon or a quotation
/// mark within a few words, before the sentence ends.
fn speech_follows(doc: &Doc, from: usize) -> bool {
    // (Room for an apposition: أليخاندرو كاردوسا، المتحدث باسم الوكالة، للتلفزيون إن.)
    let end = doc.toks.len().min(from + 20);
    for j in from..end {
        match doc.toks[j].kind {
            TokKind::Word if is_complementizer(doc.key(j)) => return true,
            TokKind::Punct(c) if c == ':' || "«»“”„\"".contains(c) => return true,
            _ if doc.ends_sentence(j) => return false,
            TokKind::Break => return false,
            _ => {}
        }
    }
    false
}

/// Ordinal adjectives (keys), after which an organisation head noun is a rank.
fn is_ordinal(k: &str) -> bool {
    matches!(
        k,
        "الاول"
            | "الاولي"
            | "الثاني"
            | "الثانيه"
            | "الثالث"
            | "الثالثه"
            | "الرابع"
            | "الرابعه"
            | "الخامس"
            | "الخامسه"
            | "السادس"
            | "السادسه"
            | "السابع"
            | "السابعه"
            | "الثامن"
            | "الثامنه"
            | "التاسع"
            | "التاسعه"
            | "العاشر"
            | "العاشره"
            | "الاخير"
            | "الاخيره"
    )
}

/// How many of the latest actors the back-reference rules look at: an article names far fewer,
/// and a hostile text with thousands of titles stays linear.
const RECENT: usize = 256;

/// The latest [`RECENT`] actors, newest first, with their indices.
fn recent(a: &Actors) -> impl Iterator<Item = (usize, &Found)> {
    a.list.iter().enumerate().rev().take(RECENT)
}

/// `مكتبه`/`مكتبها` (his/her office) speaks for the last person named.
fn office(a: &Actors, doc: &Doc, i: usize) -> Option<usize> {
    if !matches!(doc.key(i), "مكتبه" | "مكتبها") {
        return None;
    }
    recent(a)
        .filter(|(_, f)| f.actor.kind == ActorKind::Person && !f.anon)
        .max_by_key(|(_, f)| f.actor.mentions.last().map(|m| m.start))
        .map(|(k, _)| k)
}

/// Whether tokens `s..e` are nisba adjectives only (الشركة الفرنسية).
fn only_nisbas(doc: &Doc, s: usize, e: usize) -> bool {
    e > s && (s..e).all(|j| doc.has(j, |t| matches!(t, Tag::Nisba(_))))
}

/// Whether the organisation head at `i` is a one-word generic noun (الوزارة، الحكومة).
fn multiword_or_indefinite(doc: &Doc, i: usize) -> bool {
    let k = doc.key(i).trim_start_matches(['و', 'ف']);
    (k.starts_with("ال") || k.starts_with("لل")) && !k.contains(' ') && doc.next(i) == i + 1
}

fn country_of(doc: &Doc, i: usize) -> Option<u16> {
    doc.tags(i).iter().find_map(|t| match t {
        Tag::Country(c) | Tag::Nisba(c) | Tag::Capital(c) => Some(*c),
        _ => None,
    })
}

fn add_geo(a: &mut Actors, doc: &Doc, s: usize, e: usize) {
    for t in doc.tags(s) {
        match *t {
            // The feminine elative فُعلى after a feminine noun (القدم اليمنى "the right foot",
            // الزاوية اليمنى) is not the nisba it folds onto (اليمني "Yemeni"); a nisba may name
            // a language (بالفرنسية).
            Tag::Nisba(_) if elative_after_feminine(doc, s) || language(doc, s) => return,
            Tag::Capital(c) if s > 0 && matches!(doc.key(s - 1), "في" | "مدينه" | "العاصمه") => {
                let _ = c;
                let name = strip_clitic_word(doc, s, e);
                a.add(doc, ActorKind::Place, &name, s..e, Gender::F);
                return;
            }
            Tag::Country(c) | Tag::Nisba(c) | Tag::Capital(c) => {
                let name = LEXICON.countries[c as usize].clone();
                a.add(doc, ActorKind::Country, &name, s..e, Gender::F);
                return;
            }
            Tag::Place(p) => {
                let name = LEXICON.places[p as usize].clone();
                a.add(doc, ActorKind::Place, &name, s..e, Gender::F);
                return;
            }
            Tag::Org(o) => {
                let name = LEXICON.orgs[o as usize].clone();
                let idx = a.add(doc, ActorKind::Organization, &name, s..e, Gender::Unknown);
                a.generic_heads(o, idx);
                return;
            }
            _ => {}
        }
    }
}
