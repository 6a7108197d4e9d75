//! Actors across the library: each person, organisation, country or place once, merged across
//! articles and spellings, with every mention and every quote it is the speaker of.
//!
//! Two actors of one article set merge when they are of the same kind and
//! * a name or alias of one has the matching key of a name or alias of the other: the words'
//!   light stems ([`crate::search::stem`]), the first word also without a one-letter proclitic
//!   (`وأذربيجان` is `أذربيجان`); for people only names of two words or more count, so that two
//!   different men called `محمد` stay apart;
//! * or their names are transliteration variants: word by word, without the article, words of five
//!   letters or more share a [`skeleton`] and shorter words are the same (`ناغورنو`/`ناجورنو
//!   كاراباخ`, `شارل ميشيل`/`ميشال`, `أنتوني بلينكين`/`بلينكن`); a short word never matches a
//!   skeleton, so `محمد` and `محمود` stay apart.
//!
//! Countries, whose names the extractor takes from its lexicon, merge by that name alone. A person
//! named by one word that ends no full name but begins exactly one (`كيم`, `كيم جونغ أون`: family
//! name first) and is no common given name joins that person.
//!
//! Then a person named by one word (`باشينيان`, `بيسكوف`) joins the person whose full name ends
//! with that word or a variant of it (`نيكول باشينيان`, `دميتري بسكوف`) when exactly one such
//! person exists. Anonymous sources (`مصدر مطلع`,
//! the heads of the extractor's anonymous-source lexicon) and organisations named by a bare head
//! noun (`الشرطة`, `الحكومة`: whose police, which government, depends on the article) are never
//! merged across articles.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::extract::normalize::{normalize_key, skeleton};
use crate::extract::{ActorKind, Extraction, lexicon};
use crate::search::stem::{stem, strip_article, variants};
use crate::search::tokenize;

/// A quote of the library: article index and quote index in that article's extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuoteRef {
    /// Index of the article (and of its extraction).
    pub article: usize,
    /// Index in [`Extraction::quotes`].
    pub quote: usize,
}

/// One actor across the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryActor {
    /// The fullest, most used name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Every other name and spelling, as written, in order of first appearance.
    pub aliases: Vec<String>,
    /// Indices of the articles that name it, ascending.
    pub articles: Vec<usize>,
    /// Mentions over all articles.
    pub mentions: usize,
    /// The quotes it is the speaker of, in article then position order.
    pub quotes: Vec<QuoteRef>,
}

/// The matching keys of one name.
struct NameKeys {
    /// Stems of the words, space-separated.
    primary: String,
    /// The same with the first word's one-letter proclitic removed (when it may have one).
    others: Vec<String>,
    /// Number of words.
    words: usize,
    /// Stem of the last word.
    last: String,
    /// The transliteration key: per word without the article, `~` + skeleton from five letters on.
    loose: String,
    /// The same for the last word.
    last_loose: String,
    /// The transliteration key with the long vowels dropped from words of four letters too (that
    /// are no known Arabic name): for names of two words or more, where one word's vowels coming
    /// and going (ترمب/ترامب، بوتن/بوتين) cannot make two people one.
    vowelless: String,
}

/// A word's transliteration key (see [`NameKeys::loose`]).
fn loose_word(w: &str) -> String {
    let w = strip_article(w);
    if w.chars().count() >= 5 { format!("~{}", skeleton(w)) } else { w.to_string() }
}

/// A word's key in [`NameKeys::vowelless`].
fn vowelless_word(w: &str) -> String {
    let bare = strip_article(w);
    if bare.chars().count() != 4 || crate::extract::ner::is_person_name(bare) {
        return loose_word(w);
    }
    let mut out = String::from("~");
    for (i, c) in skeleton(bare).chars().enumerate() {
        if i == 0 || !matches!(c, 'ا' | 'و' | 'ي') {
            out.push(c);
        }
    }
    out
}

fn name_keys(name: &str) -> Option<NameKeys> {
    let key = normalize_key(name);
    let words: Vec<&str> = tokenize(&key).map(|r| &key[r]).collect();
    let (first, rest) = words.split_first()?;
    let rest: Vec<&str> = rest.iter().map(|w| stem(w)).collect();
    let join = |f: &str| std::iter::once(f).chain(rest.iter().copied()).collect::<Vec<_>>().join(" ");
    let last = words.last().copied().unwrap_or_default();
    Some(NameKeys {
        primary: join(stem(first)),
        others: variants(first).into_iter().skip(1).map(join).collect(),
        words: words.len(),
        last: stem(last).to_string(),
        loose: words.iter().map(|w| loose_word(w)).collect::<Vec<_>>().join(" "),
        last_loose: loose_word(last),
        vowelless: words.iter().map(|w| vowelless_word(w)).collect::<Vec<_>>().join(" "),
    })
}

/// Stems of the first words of the anonymous-source lexicon (`مصدر`, `مصادر`, `مسؤول` …).
fn anonymous_heads() -> HashSet<String> {
    let text = lexicon::FILES.iter().find(|(n, _)| *n == "anon_sources.txt").map_or("", |(_, t)| *t);
    lexicon::data_lines(text)
        .filter_map(|l| l.split_whitespace().next())
        .map(|w| stem(&normalize_key(w)).to_string())
        .collect()
}

/// Stems of the organisation head nouns (`وزارة`, `الشرطة` …): an organisation named by one of
/// them alone is a generic noun, not a name.
fn generic_heads() -> HashSet<String> {
    let text = lexicon::FILES.iter().find(|(n, _)| *n == "org_heads.txt").map_or("", |(_, t)| *t);
    lexicon::data_lines(text)
        .filter_map(|l| l.split('\t').next())
        .filter(|w| !w.trim().contains(' '))
        .map(|w| stem(&normalize_key(w.trim())).to_string())
        .collect()
}

/// Union-find over actor nodes.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// One actor of one article, with its keys.
struct Node {
    article: usize,
    actor: usize,
    kind: ActorKind,
    /// Shared between the nodes that use the same name (a country named in every article is
    /// normalised once, and held once).
    names: Vec<Rc<NameKeys>>,
    anonymous: bool,
    /// A person known by a name of two words or more.
    full: bool,
    /// A person known only by one common given name (محمد، أحمد): not merged with others of that
    /// name across articles, only joined to a full name when one alone fits.
    ambiguous: bool,
}

/// Merges the actors of every article (`extractions[i]` belongs to article `i`); sorted by
/// mentions, most first (then by quotes, then by name). Linear in the number of articles (and
/// their actors): `benches/library.rs` measures it at 5,000 to 50,000 articles.
pub fn merge_actors(extractions: &[Extraction]) -> Vec<LibraryActor> {
    merge(extractions.len(), &|i| extractions.get(i), &mut |_| true).unwrap_or_default()
}

/// [`merge_actors`] over the extractions that have arrived (`None`: not yet, counted as empty),
/// for a merge off the UI thread: `progress(articles done)` is called as the articles are read,
/// and the merge stops (returning `None`) as soon as it returns false.
pub fn merge_actors_partial(
    extractions: &[Option<std::sync::Arc<Extraction>>],
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Vec<LibraryActor>> {
    merge(extractions.len(), &|i| extractions.get(i).and_then(|e| e.as_deref()), progress)
}

/// How often (in articles) a merge reports progress and may be cancelled.
const PROGRESS_EVERY: usize = 500;

fn merge<'a>(
    n: usize,
    get: &dyn Fn(usize) -> Option<&'a Extraction>,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Vec<LibraryActor>> {
    let anon = anonymous_heads();
    let generic = generic_heads();
    let mut nodes = Vec::new();
    let mut cache: HashMap<&str, Option<Rc<NameKeys>>> = HashMap::new();
    for article in 0..n {
        if article % PROGRESS_EVERY == 0 && !progress(article) {
            return None;
        }
        let Some(ex) = get(article) else { continue };
        for (actor, a) in ex.actors.iter().enumerate() {
            // A country's name is canonical (the extractor names every country from its
            // lexicon): countries merge by that name alone, never by a spelling of an alias
            // (كندا and وأوغندا, لبنان and الفلبين share keys).
            let aliases: &[String] = if a.kind == ActorKind::Country { &[] } else { &a.aliases };
            let names: Vec<Rc<NameKeys>> = std::iter::once(&a.name)
                .chain(aliases)
                .filter_map(|n| {
                    if let Some(k) = cache.get(n.as_str()) {
                        return k.clone();
                    }
                    let k = name_keys(n).map(Rc::new);
                    cache.insert(n.as_str(), k.clone());
                    k
                })
                .collect();
            let person = a.kind == ActorKind::Person;
            let first = names.first();
            let anonymous = (person
                && first.is_some_and(|n| n.primary.split(' ').next().is_some_and(|w| anon.contains(w))))
                || (a.kind == ActorKind::Organization
                    && first.is_some_and(|n| n.words == 1 && generic.contains(&n.primary)));
            let full = person && names.iter().any(|n| n.words >= 2);
            let ambiguous =
                person && !full && crate::extract::ner::is_person_name(normalize_key(&a.name).trim());
            nodes.push(Node { article, actor, kind: a.kind, names, anonymous, full, ambiguous });
        }
    }
    let mut sets = Sets((0..nodes.len()).collect());
    join_by_keys(&nodes, &mut sets);
    join_surnames(&nodes, &mut sets);
    if !progress(n) {
        return None;
    }
    Some(build(n, get, &nodes, &mut sets))
}

/// Unites nodes whose keys or skeletons match (see the module docs).
fn join_by_keys(nodes: &[Node], sets: &mut Sets) {
    let mut by_key: HashMap<(ActorKind, bool, &str), Vec<usize>> = HashMap::new();
    let mut by_loose: HashMap<(ActorKind, bool, &str), Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate().filter(|(_, n)| !n.anonymous && !n.ambiguous) {
        for k in usable(n) {
            by_key.entry((n.kind, n.full, &k.primary)).or_default().push(i);
            // Only keys with a skeleton in them say more than the exact key.
            // (A one-word skeleton of three consonants says too little: باريس/بارسا.)
            if k.loose.contains('~') && n.kind != ActorKind::Country && (k.words >= 2 || specific(&k.loose)) {
                by_loose.entry((n.kind, n.full, &k.loose)).or_default().push(i);
            }
            // A name of two words or more also by its vowel-less key (دونالد ترمب، دونالد ترامب).
            if k.words >= 2 && k.vowelless != k.loose && n.kind != ActorKind::Country {
                by_loose.entry((n.kind, n.full, &k.vowelless)).or_default().push(i);
            }
        }
    }
    // Every member of a group is joined to the group's first (each member looks its own primary
    // key up), so joining a node to the first of a group joins it to the whole group: one union per
    // key, not one per member (which made a country named in every article quadratic).
    for (i, n) in nodes.iter().enumerate().filter(|(_, n)| !n.anonymous && !n.ambiguous) {
        for k in usable(n) {
            for key in std::iter::once(&k.primary).chain(&k.others) {
                if let Some(&j) = by_key.get(&(n.kind, n.full, key.as_str())).and_then(|g| g.first()) {
                    sets.union(i, j);
                }
            }
        }
    }
    for group in by_loose.values() {
        for w in group.windows(2) {
            sets.union(w[0], w[1]);
        }
    }
}

/// The names of a node that may merge it by key: a full-named person only by names of two words.
fn usable(n: &Node) -> impl Iterator<Item = &NameKeys> {
    n.names.iter().map(|k| &**k).filter(move |k| !n.full || k.words >= 2)
}

/// Whether a one-word transliteration key says enough to join a surname on it alone: four
/// consonants or more (نيمار and نميري share three, يوليا and الوايلي two).
fn specific(loose: &str) -> bool {
    !loose.starts_with('~') || loose.chars().count() > 4
}

/// Joins people known by one word to the one full-named person whose name ends with it.
fn join_surnames(nodes: &[Node], sets: &mut Sets) {
    let mut by_last: HashMap<&str, HashSet<usize>> = HashMap::new();
    // First word of a full name → the people so named (كيم ↔ كيم جونغ أون: family name first).
    let mut by_first: HashMap<&str, HashSet<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate().filter(|(_, n)| n.full && !n.anonymous) {
        let root = sets.find(i);
        for k in n.names.iter().filter(|k| k.words >= 2) {
            if let Some(first) = k.primary.split(' ').next() {
                by_first.entry(first).or_default().insert(root);
            }
            by_last.entry(&k.last).or_default().insert(root);
            if specific(&k.last_loose) {
                by_last.entry(&k.last_loose).or_default().insert(root);
            }
        }
    }
    // Roots may change while joining: resolve the candidates to their current roots each time.
    for (i, n) in nodes.iter().enumerate() {
        if n.kind != ActorKind::Person || n.full || n.anonymous {
            continue;
        }
        let mut targets = HashSet::new();
        for (m, k) in n.names.iter().enumerate() {
            // (By the name's own spelling only: an alias with a clitic glued on, فنيمار, would
            // look like another name.)
            let loose = Some(&k.loose).filter(|l| m == 0 && specific(l));
            for key in std::iter::once(&k.primary).chain(&k.others).chain(loose) {
                for &r in by_last.get(key.as_str()).into_iter().flatten() {
                    targets.insert(sets.find(r));
                }
                // Full-named people are never joined to each other here, so two targets stay two.
                if targets.len() > 1 {
                    break;
                }
            }
        }
        // A one-word name that ends no full name may begin one: when it is no known given name
        // (محمد begins many) and begins exactly one person's name across the library.
        if targets.is_empty()
            && !n.ambiguous
            && let Some(k) = n.names.first()
        {
            for &r in by_first.get(k.primary.as_str()).into_iter().flatten() {
                targets.insert(sets.find(r));
            }
        }
        if targets.len() == 1
            && let Some(&t) = targets.iter().next()
        {
            sets.union(i, t);
        }
    }
}

/// Builds the merged actors from the sets.
fn build<'a>(
    n_articles: usize,
    get: &dyn Fn(usize) -> Option<&'a Extraction>,
    nodes: &[Node],
    sets: &mut Sets,
) -> Vec<LibraryActor> {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..nodes.len() {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    let mut speaker_of: HashMap<(usize, usize), Vec<QuoteRef>> = HashMap::new();
    for (article, ex) in (0..n_articles).filter_map(|i| Some((i, get(i)?))) {
        for (quote, q) in ex.quotes.iter().enumerate() {
            if let Some(s) = q.speaker {
                speaker_of.entry((article, s)).or_default().push(QuoteRef { article, quote });
            }
        }
    }
    let mut out: Vec<LibraryActor> = groups
        .into_values()
        .filter_map(|members| {
            let first = nodes.get(*members.first()?)?;
            let actor = |n: &Node| get(n.article).and_then(|e| e.actors.get(n.actor));
            // Name: for people a full name (two words or more) before a single one, then the one
            // most mentioned, then the longest; a longer run of words is not a better name (one
            // article's "ترامب أرسل بومبيو" must not rename Pompeo across the library).
            let mut weight: HashMap<&str, (usize, usize)> = HashMap::new();
            for &m in &members {
                if let Some(a) = actor(&nodes[m]) {
                    let words = if a.kind == ActorKind::Person {
                        a.name.split_whitespace().count().min(2)
                    } else {
                        0
                    };
                    let e = weight.entry(a.name.as_str()).or_insert((words, 0));
                    e.1 += a.mentions.len().max(1);
                }
            }
            let name = weight
                .iter()
                .max_by_key(|(n, (w, m))| (*w, *m, n.chars().count(), std::cmp::Reverse(**n)))
                .map(|(n, _)| n.to_string())?;
            let mut aliases: Vec<String> = Vec::new();
            let mut seen: HashSet<&str> = HashSet::from([name.as_str()]);
            let (mut articles, mut quotes, mut mentions) = (Vec::new(), Vec::new(), 0);
            for &m in &members {
                let n = &nodes[m];
                let Some(a) = actor(n) else { continue };
                for s in std::iter::once(&a.name).chain(&a.aliases) {
                    if seen.insert(s) {
                        aliases.push(s.clone());
                    }
                }
                articles.push(n.article);
                mentions += a.mentions.len();
                quotes.extend(speaker_of.get(&(n.article, n.actor)).into_iter().flatten().copied());
            }
            articles.sort_unstable();
            articles.dedup();
            quotes.sort_unstable();
            quotes.dedup();
            Some(LibraryActor { name, kind: first.kind, aliases, articles, mentions, quotes })
        })
        .collect();
    out.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(b.quotes.len().cmp(&a.quotes.len()))
            .then_with(|| a.name.cmp(&b.name))
            // Actors that are not merged across articles can share a name: the first article
            // decides, so that the order never depends on hashing.
            .then_with(|| a.articles.cmp(&b.articles))
            // … and one article can name the same words as two kinds (a person and a club).
            .then_with(|| (a.kind as u8).cmp(&(b.kind as u8)))
            .then_with(|| a.aliases.cmp(&b.aliases))
    });
    out
}

#[cfg(test)]
mod tests;
