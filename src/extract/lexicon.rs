//! The lexicons of `assets/lexicon/` compiled once into one Aho-Corasick matcher over matching keys.
//!
//! Each entry is normalised ([`super::normalize::normalize_key`]); a key may carry several tags (a
//! word can be a title and an anonymous source). Matches are kept only at word boundaries, with at
//! most a proclitic prefix (`و ف ب ل ك` and their pairs) before them; entries that begin with the
//! article also match after `ل` as `لل…` (`للاتحاد`).

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use super::morph::verbs::{Tense, parse_lemmas, third_person};
use super::normalize::{is_word_char, normalize_key};

/// Grammatical agreement shown by a verb form or a title: masculine, feminine, plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Masculine singular.
    M,
    /// Feminine singular.
    F,
    /// Plural or dual.
    P,
    /// Not known.
    Unknown,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s.trim() {
            "m" => Gender::M,
            "f" => Gender::F,
            "p" => Gender::P,
            _ => Gender::Unknown,
        }
    }

    /// Whether a verb of this agreement can have a subject of gender `other` (unknown agrees).
    pub fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// What a reporting verb can introduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Indirect speech (قال X إن …) and quotes.
    Speech,
    /// Continues the previous speaker (وأضاف، مضيفا أن …); also introduces speech.
    Continue,
    /// Only attributes quotation marks or a colon (كتب، غرد …).
    Weak,
    /// A participle (مضيفا، قائلة): its subject is the subject of its own sentence.
    Participle,
}

/// One tag of a lexicon key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// A reporting verb form: the agreement it shows for its subject, its strength, and whether it
    /// only reads as this verb after `لم`/`لما` (the jussive `يقل` is also "decreases").
    Verb { gender: Gender, strength: Strength, after_lam: bool },
    /// A title or role before a name.
    Title(Gender),
    /// The head noun of an organisation's name.
    OrgHead(Gender),
    /// A country's name (index into [`Lexicon::countries`]).
    Country(u16),
    /// A nisba adjective of a country.
    Nisba(u16),
    /// A capital standing for its country.
    Capital(u16),
    /// A place of the gazetteer (index into [`Lexicon::places`]).
    Place(u16),
    /// An organisation known by its proper name (index into [`Lexicon::orgs`]).
    Org(u16),
    /// A noun that makes a following quoted phrase a name.
    NamingHead,
    /// An anonymous source.
    Anon,
    /// A source phrase (بحسب، وفقا لـ …).
    Source,
    /// A word that is never part of a name.
    Stop,
}

/// A lexicon match in a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Key byte where the word starts (the proclitics included).
    pub start: usize,
    /// Key byte where the entry itself starts.
    pub core: usize,
    /// Key byte where the match ends.
    pub end: usize,
    /// Whether a preposition (ب ل ك) is attached.
    pub prep: bool,
    /// Index of the pattern, for [`Lexicon::tags`].
    pub pat: u32,
}

/// The compiled lexicons.
pub struct Lexicon {
    dfa: Option<NFA>,
    tags: Vec<Vec<Tag>>,
    lil: Vec<bool>,
    /// Canonical country names, as written in the lexicon.
    pub countries: Vec<String>,
    /// Canonical place names, as written in the lexicon.
    pub places: Vec<String>,
    /// Canonical names of organisations known by name, as written in the lexicon.
    pub orgs: Vec<String>,
    /// For each of [`Lexicon::orgs`], the generic nouns (keys) that refer back to it (نادي، شركه).
    pub org_heads: Vec<Vec<String>>,
}

/// The lexicon files, compiled in.
pub const FILES: &[(&str, &str)] = &[
    ("verb_lemmas.txt", include_str!("../../assets/lexicon/verb_lemmas.txt")),
    ("titles.txt", include_str!("../../assets/lexicon/titles.txt")),
    ("org_heads.txt", include_str!("../../assets/lexicon/org_heads.txt")),
    ("countries.txt", include_str!("../../assets/lexicon/countries.txt")),
    ("nisba_exceptions.txt", include_str!("../../assets/lexicon/nisba_exceptions.txt")),
    ("places.txt", include_str!("../../assets/lexicon/places.txt")),
    ("organizations.txt", include_str!("../../assets/lexicon/organizations.txt")),
    ("naming_heads.txt", include_str!("../../assets/lexicon/naming_heads.txt")),
    ("anon_sources.txt", include_str!("../../assets/lexicon/anon_sources.txt")),
    ("source_phrases.txt", include_str!("../../assets/lexicon/source_phrases.txt")),
    ("stopwords.txt", include_str!("../../assets/lexicon/stopwords.txt")),
];

/// The lexicons, built on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The data lines of a lexicon file: comments and blank lines dropped, trimmed.
pub fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Stems of the vocabulary of news in general (`assets/lexicon/common_stems.txt`, the stems of
/// [`crate::search::stem::stem`] found in 3% of a news corpus's articles or more).
static COMMON_STEMS: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../assets/lexicon/common_stems.txt")).collect());

/// Whether a word key's stem is of the vocabulary of news in general (السياسي، الشباب): a word
/// that only resembles a name and has such a stem is that common word, not the name.
pub fn common_word(key: &str) -> bool {
    COMMON_STEMS.contains(crate::search::stem::stem(key))
}

fn file(name: &str) -> &'static str {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or("")
}

/// Regular forms of a nisba stem (masculine singular, no article), per word for compounds.
fn nisba_forms(stem: &str) -> Vec<String> {
    let words: Vec<&str> = stem.split_whitespace().collect();
    let mut out = Vec::new();
    for suffix in ["", "ة", "ون", "ين", "ان", "تان", "ات"] {
        let plain: Vec<String> = words.iter().map(|w| format!("{w}{suffix}")).collect();
        let def: Vec<String> = plain.iter().map(|w| format!("ال{w}")).collect();
        out.push(plain.join(" "));
        out.push(def.join(" "));
    }
    out
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut tags: Vec<Vec<Tag>> = Vec::new();
        let mut add = |entry: &str, tag: Tag| {
            let k = normalize_key(entry.trim());
            if k.is_empty() {
                return;
            }
            let i = *keys.entry(k.clone()).or_insert_with(|| {
                pats.push(k);
                tags.push(Vec::new());
                pats.len() - 1
            });
            if !tags[i].contains(&tag) {
                tags[i].push(tag);
            }
        };
        // Every 3rd person form and participle of the lemmas, generated (see `morph::verbs`).
        for lemma in parse_lemmas(file("verb_lemmas.txt")) {
            for form in third_person(&lemma) {
                let strength =
                    if form.tense == Tense::Participle { lemma.participle_strength } else { lemma.strength };
                add(&form.text, Tag::Verb { gender: form.agreement(), strength, after_lam: form.after_lam });
            }
        }
        for line in data_lines(file("titles.txt")) {
            let mut f = line.split('\t');
            let w = f.next().unwrap_or("");
            add(w, Tag::Title(Gender::parse(f.next().unwrap_or(""))));
        }
        for line in data_lines(file("org_heads.txt")) {
            let mut f = line.split('\t');
            let w = f.next().unwrap_or("");
            add(w, Tag::OrgHead(Gender::parse(f.next().unwrap_or(""))));
        }
        let mut countries = Vec::new();
        for line in data_lines(file("countries.txt")) {
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            let i = countries.len() as u16;
            countries.push(f[0].to_string());
            add(f[0], Tag::Country(i));
            let list = |j: usize| f.get(j).map(|s| s.split(',').map(str::trim).filter(|s| !s.is_empty()));
            for alt in list(1).into_iter().flatten() {
                add(alt, Tag::Country(i));
            }
            for stem in list(2).into_iter().flatten() {
                for form in nisba_forms(stem) {
                    add(&form, Tag::Nisba(i));
                }
            }
            for cap in list(3).into_iter().flatten() {
                add(cap, Tag::Capital(i));
            }
        }
        for line in data_lines(file("nisba_exceptions.txt")) {
            let mut f = line.split('|').map(str::trim);
            let (form, country) = (f.next().unwrap_or(""), f.next().unwrap_or(""));
            if let Some(i) = countries.iter().position(|c| c == country) {
                add(form, Tag::Nisba(i as u16));
            }
        }
        // Gazetteers: "name<TAB>other spellings, comma-separated"; the tag carries the name's index.
        let mut names = |file_name: &str, tag: fn(u16) -> Tag| {
            let mut list = Vec::new();
            for line in data_lines(file(file_name)) {
                let mut f = line.split('\t');
                let name = f.next().unwrap_or("").trim();
                let i = list.len() as u16;
                list.push(name.to_string());
                add(name, tag(i));
                for alt in f.next().unwrap_or("").split(',').filter(|s| !s.trim().is_empty()) {
                    add(alt, tag(i));
                }
            }
            list
        };
        let places = names("places.txt", Tag::Place);
        let orgs = names("organizations.txt", Tag::Org);
        // The generic nouns of each organisation, from the "# heads:" line of its section.
        let mut org_heads = Vec::with_capacity(orgs.len());
        let mut heads: Vec<String> = Vec::new();
        for line in file("organizations.txt").lines().map(str::trim) {
            if let Some(h) = line.strip_prefix("# heads:") {
                heads = h.split_whitespace().map(normalize_key).collect();
            } else if !line.is_empty() && !line.starts_with('#') {
                org_heads.push(heads.clone());
            }
        }
        for line in data_lines(file("naming_heads.txt")) {
            add(line, Tag::NamingHead);
        }
        for line in data_lines(file("anon_sources.txt")) {
            add(line, Tag::Anon);
        }
        for line in data_lines(file("source_phrases.txt")) {
            add(line.split('\t').next().unwrap_or(""), Tag::Source);
        }
        for line in data_lines(file("stopwords.txt")) {
            add(line, Tag::Stop);
        }
        // Entries with the article also match after ل, where the alef of the article is dropped (لل…).
        let mut lil = vec![false; pats.len()];
        for i in 0..pats.len() {
            if let Some(rest) = pats[i].strip_prefix("ال")
                && rest.chars().count() >= 2
            {
                let k = format!("لل{rest}");
                if !keys.contains_key(&k) {
                    keys.insert(k.clone(), pats.len());
                    pats.push(k);
                    tags.push(tags[i].clone());
                    lil.push(true);
                }
            }
        }
        // A compact automaton walked by hand from its anchored start: one walk per candidate start
        // finds every entry there. (A full DFA is faster per step but megabytes large, and its
        // cache misses cost more than the contiguous NFA's extra work.)
        let dfa = NFA::builder().match_kind(MatchKind::Standard).build(&pats).ok();
        Lexicon { dfa, tags, lil, countries, places, orgs, org_heads }
    }

    /// Tags of a hit's pattern.
    pub fn tags(&self, hit: &Hit) -> &[Tag] {
        self.tags.get(hit.pat as usize).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether the whole key `word` is an entry (for clitic stripping).
    pub fn is_entry(&self, word: &str) -> bool {
        self.longest_at(word, 0).is_some_and(|(end, _)| end == word.len())
    }

    /// The longest entry that starts exactly at `pos` and ends at a word boundary.
    fn longest_at(&self, key: &str, pos: usize) -> Option<(usize, u32)> {
        let dfa = self.dfa.as_ref()?;
        let mut sid = dfa.start_state(Anchored::Yes).ok()?;
        let bytes = key.as_bytes();
        let mut best = None;
        for (k, &b) in bytes[pos..].iter().enumerate() {
            sid = dfa.next_state(Anchored::Yes, sid, b);
            if dfa.is_dead(sid) {
                break;
            }
            if !dfa.is_match(sid) {
                continue;
            }
            let end = pos + k + 1;
            if !key.is_char_boundary(end) || key[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            // A state also carries the entries that are suffixes of its path; keep the one that
            // starts at `pos`.
            let depth = k + 1;
            if let Some(pid) = (0..dfa.match_len(sid))
                .map(|i| dfa.match_pattern(sid, i))
                .find(|&p| dfa.pattern_len(p) == depth)
            {
                best = Some((end, pid.as_u32()));
            }
        }
        best
    }

    /// Every lexicon match of `key` at word boundaries: at each word, the longest entry that starts
    /// at the word or after a proclitic prefix; matches do not overlap. Linear: a few anchored
    /// searches per word, each bounded by the longest entry.
    pub fn scan(&self, key: &str) -> Vec<Hit> {
        let mut out: Vec<Hit> = Vec::new();
        let mut covered = 0;
        let mut prev_word = false;
        for (ws, c) in key.char_indices() {
            let w = is_word_char(c);
            let starts = w && !prev_word;
            prev_word = w;
            if !starts || ws < covered {
                continue;
            }
            let mut best: Option<Hit> = None;
            let mut pos = ws;
            // End of the word, to skip the proclitic readings once a whole-word match is found.
            let word_end = key[ws..].find(|c: char| !is_word_char(c)).map_or(key.len(), |k| ws + k);
            for n_prefix in 0..3 {
                if n_prefix > 0 {
                    if best.is_some_and(|b| b.end >= word_end) {
                        break;
                    }
                    let Some(ch) = key[pos..].chars().next() else { break };
                    if !matches!(ch, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
                        break;
                    }
                    pos += ch.len_utf8();
                }
                let Some((end, pat)) = self.longest_at(key, pos) else { continue };
                let prefix = &key[ws..pos];
                let lil = self.lil.get(pat as usize).copied().unwrap_or(false);
                let ok = match prefix {
                    "" => true,
                    "و" | "ف" | "ب" | "ل" | "ك" | "وب" | "ول" | "وك" | "فب" | "فل" | "فك" => {
                        !lil || !prefix.ends_with('ل')
                    }
                    _ => false,
                };
                if ok && best.is_none_or(|b| end > b.end) {
                    let prep = lil || prefix.contains(['ب', 'ل', 'ك']);
                    best = Some(Hit { start: ws, core: pos, end, prep, pat });
                }
            }
            if let Some(h) = best {
                covered = h.end;
                out.push(h);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_of(text: &str) -> Vec<(String, Vec<Tag>)> {
        let key = normalize_key(text);
        LEXICON
            .scan(&key)
            .iter()
            .map(|h| (key[h.start..h.end].to_string(), LEXICON.tags(h).to_vec()))
            .collect()
    }

    #[test]
    fn files_are_clean() {
        for (name, text) in FILES {
            let mut seen = std::collections::HashSet::new();
            for line in text.lines() {
                assert!(!line.trim().is_empty(), "{name}: empty line");
                if line.starts_with('#') {
                    continue;
                }
                assert!(seen.insert(line.to_string()), "{name}: duplicate line {line}");
                let first = line.split(['\t', '|']).next().unwrap_or("");
                assert!(!normalize_key(first.trim()).is_empty(), "{name}: empty key for {line}");
            }
        }
        assert!(LEXICON.countries.len() >= 190);
    }

    #[test]
    fn finds_verbs_with_conjunction_only() {
        let t = tags_of("وأضافت الوزيرة");
        assert!(matches!(t[0].1[0], Tag::Verb { gender: Gender::F, .. }));
        assert!(matches!(t[1].1[0], Tag::Title(Gender::F)));
    }

    #[test]
    fn finds_countries_nisbas_and_capitals_with_clitics() {
        let t = tags_of("وروسيا والفرنسية لبريطانيا للمملكة المتحدة بباريس");
        let kinds: Vec<_> = t.iter().map(|(_, tags)| tags[0]).collect();
        assert!(matches!(kinds[0], Tag::Country(_)));
        assert!(matches!(kinds[1], Tag::Nisba(_)));
        assert!(matches!(kinds[2], Tag::Country(_)));
        assert!(matches!(kinds[3], Tag::Country(_)));
        assert!(matches!(kinds[4], Tag::Capital(_)));
    }

    #[test]
    fn ignores_matches_inside_words() {
        // "مالي" inside "الصومالي" must not be taken; "قال" inside "انتقال" neither.
        let t = tags_of("انتقال الصومالي");
        assert_eq!(t.len(), 1);
        assert!(matches!(t[0].1[0], Tag::Nisba(_)));
    }

    #[test]
    fn longest_entry_wins() {
        let t = tags_of("رئيس الوزراء");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].0, "رييس الوزراء");
    }
}
