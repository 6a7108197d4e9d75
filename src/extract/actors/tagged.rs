//! Names found by the trained tagger ([`crate::extract::ner`]), indexed by token, and turned into
//! actors where no lexicon rule claims them: the names recognised wherever they stand (a player
//! listed in a line-up, a city in passing, a company with no head noun), not only after a title or
//! a reporting verb.

use super::super::ActorKind;
use super::super::doc::Doc;
use super::super::lexicon::Gender;
use super::super::ner::{NameKind, is_person_name, names};
use super::super::normalize::{normalize_key, skeleton};
use super::Actors;

/// Head nouns of geographic names (normalised keys): a name they start is a place.
const PLACE_HEADS: &[&str] = &[
    "جزر",
    "جزيره",
    "جبل",
    "جبال",
    "نهر",
    "بحيره",
    "وادي",
    "خليج",
    "مضيق",
    "صحراء",
    "سهل",
    "هضبه",
    "مدينه",
    "بلده",
    "قريه",
    "مخيم",
    "حي",
    "شارع",
    "ساحه",
    "ميدان",
    "مطار",
    "ميناء",
    "ولايه",
    "اقليم",
    "محافظه",
    "منطقه",
    "شبه",
];

/// Whether a word key is a geographic head, with or without a conjunction (وجزر، جبل، وادي).
fn place_head(k: &str) -> bool {
    PLACE_HEADS.contains(&k) || k.strip_prefix(['و', 'ف']).is_some_and(|rest| PLACE_HEADS.contains(&rest))
}

/// The document's word keys (to tell a proclitic from a name's first letter).
fn word_keys<'d>(doc: &'d Doc) -> rustc_hash::FxHashSet<&'d str> {
    (0..doc.toks.len()).filter(|&i| doc.is_word(i)).map(|i| doc.key(i)).collect()
}

/// The tagger's names of one document, by token.
pub(super) struct Tagged<'d> {
    /// The document's word keys, built on first need (to tell a proclitic from a name's first
    /// letter: وبوتين is بوتين where بوتين also stands alone).
    words: std::cell::OnceCell<rustc_hash::FxHashSet<&'d str>>,
    /// For a token that starts a name: its end token and kind.
    start: Vec<Option<(u32, NameKind)>>,
    /// For every token inside a name: its kind.
    inside: Vec<Option<NameKind>>,
    /// Whether a model tagged the document (without one, nothing is evidence against a name).
    tagged: bool,
}

impl<'d> Tagged<'d> {
    /// Tags `doc`.
    pub(super) fn new(doc: &'d Doc) -> Tagged<'d> {
        let n = doc.toks.len();
        let mut start = vec![None; n + 1];
        let mut inside = vec![None; n + 1];
        let mut found = names(doc);
        let tagged = super::super::ner::available();
        let words = std::cell::OnceCell::new();
        for name in &mut found {
            // A preposition glued to a later word ends the name (ريفالدو لنيمار: "Rivaldo to
            // Neymar"), when the word without it stands alone in the text or is a known name.
            if name.kind == NameKind::Person {
                let cut = (name.toks.start + 1..name.toks.end).find(|&j| {
                    doc.key(j).strip_prefix(['ل', 'ب']).is_some_and(|rest| {
                        rest.chars().nth(2).is_some()
                            && (is_person_name(rest) || words.get_or_init(|| word_keys(doc)).contains(rest))
                    })
                });
                if let Some(j) = cut {
                    name.toks.end = j;
                }
                // A geographic head (جزر مالوكو، جبل طارق) makes a place of a "person".
                // (The head may stand before what the tagger took: وجزر [مالوكو].)
                let before = name.toks.start.checked_sub(1).filter(|&j| {
                    let k = doc.key(j);
                    doc.is_word(j) && place_head(k)
                });
                if let Some(j) = before {
                    name.toks.start = j;
                }
                if place_head(doc.key(name.toks.start)) {
                    name.kind = NameKind::Place;
                }
            }
        }
        for name in found {
            start[name.toks.start] = Some((name.toks.end as u32, name.kind));
            for slot in &mut inside[name.toks.clone()] {
                *slot = Some(name.kind);
            }
        }
        Tagged { words, start, inside, tagged }
    }

    /// The name that starts at token `i`: its end and kind.
    pub(super) fn at(&self, i: usize) -> Option<(usize, NameKind)> {
        self.start.get(i).copied().flatten().map(|(e, k)| (e as usize, k))
    }

    /// The person's name that starts at token `i`: its end.
    pub(super) fn person_at(&self, i: usize) -> Option<usize> {
        self.at(i).filter(|&(_, k)| k == NameKind::Person).map(|(e, _)| e)
    }

    /// Whether token `i` is inside any name (always, when no model is loaded).
    pub(super) fn in_name(&self, i: usize) -> bool {
        !self.tagged || self.inside.get(i).copied().flatten().is_some()
    }

    /// Whether a title's name at token `j` is one: the tagger says so, or its first word is a
    /// known given name (the tagger misses names it has not seen in that frame).
    pub(super) fn name_after_title(&self, doc: &Doc, j: usize) -> bool {
        self.in_name(j) || is_person_name(doc.key(j))
    }

    /// The name of tokens `s..e` as written, without a proclitic on its first word when the word
    /// also occurs without it in the document (وبوتين → بوتين), or, for a person, when the word
    /// is not itself a known name (ولويس سواريز → لويس سواريز; وليد stays وليد).
    pub(super) fn bare_name<'a>(&self, doc: &'d Doc<'a>, s: usize, e: usize, person: bool) -> &'a str {
        let full = doc.slice(s, e);
        let k = doc.key(s);
        let multi = e > s + 1;
        // Cut through the key's map back to the text, so that a haraka on the clitic goes with it.
        let start = doc.span(s, e).start;
        let cut = |p: &str| {
            let at = doc.norm.original_offset(doc.toks[s].start + p.len()).saturating_sub(start);
            full.get(at..).filter(|r| !r.is_empty()).unwrap_or(full)
        };
        for p in ["وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك"] {
            if k.strip_prefix(p).is_some_and(|rest| {
                rest.chars().nth(2).is_some() && self.words.get_or_init(|| word_keys(doc)).contains(rest)
            }) {
                return cut(p);
            }
        }
        // A conjunction before a geographic head (وجزر مالوكو، وجبل القاهرة).
        for p in ["و", "ف"] {
            if k.strip_prefix(p).is_some_and(|rest| PLACE_HEADS.contains(&rest)) {
                return cut(p);
            }
        }
        // A conjunction before a person's full name in a list (وفيليب كوتينيو). Only و: ف before a
        // name is rare, and a transliteration starts with it (فلاديمير, فرانسوا, فيكتور).
        if person && multi && !is_person_name(k) {
            if k.strip_prefix('و').is_some_and(|rest| rest.chars().nth(2).is_some()) {
                return cut("و");
            }
            // A short given name after a conjunction or preposition (ومي سليم، لمي سليم).
            for p in ["و", "ف", "ب", "ل"] {
                if k.strip_prefix(p).is_some_and(|rest| rest.chars().nth(1).is_some() && is_person_name(rest))
                {
                    return cut(p);
                }
            }
        }
        full
    }
}

/// Adds the tagger's name at `s..e` as an actor of its kind; returns the actor.
/// Whether token `i` is a noun with a possessive pronoun (نجمه، رئيسها، لاعبهم) rather than a name:
/// ـه/ـها/ـهم as written (not ة), four letters or more, no article, not a known name.
pub(super) fn possessive_noun(doc: &Doc, i: usize) -> bool {
    let w = doc.slice(i, i + 1);
    let k = doc.key(i);
    w.chars().count() >= 4
        && (w.ends_with('ه') || w.ends_with("ها") || w.ends_with("هم"))
        && !w.ends_with("يه")
        && !k.starts_with("ال")
        && !is_person_name(k)
}

/// Whether token `i` is a verbal noun governed by a preposition (باستعداد، لانتظار، باعتقال): ب
/// or ل (after و/ف) before a masdar of the derived forms VII–X (افتعال، انفعال، استفعال: alef,
/// three letters or more, alef, a last letter), which no name has. A person's name does not begin
/// there (باستعداد بيونغيانغ is "with Pyongyang's readiness").
pub(super) fn governed_noun(doc: &Doc, i: usize) -> bool {
    let k = doc.key(i).trim_start_matches(['و', 'ف']);
    k.strip_prefix(['ب', 'ل']).is_some_and(|rest| {
        let c: Vec<char> = rest.chars().collect();
        c.len() >= 6 && c[0] == 'ا' && c[c.len() - 2] == 'ا' && !is_person_name(rest) && !is_person_name(k)
    })
}

/// The end of a person's name the tagger found at `s..e`: where its first words already name a
/// known person and more words follow (وفتح ناصر النار), the known person's words only.
pub(super) fn person_end<'d>(a: &Actors, doc: &'d Doc, t: &Tagged<'d>, s: usize, e: usize) -> usize {
    (s + 1..e)
        .find(|&k| {
            let key = normalize_key(t.bare_name(doc, s, k, true));
            a.find(ActorKind::Person, &key, &skeleton(&key)).is_some()
        })
        .unwrap_or(e)
}

/// Adds the tagger's name at `s..e` as an actor of its kind; returns the actor and the end of
/// its mention.
pub(super) fn add_tagged<'d>(
    a: &mut Actors,
    doc: &'d Doc,
    t: &Tagged<'d>,
    s: usize,
    e: usize,
    kind: NameKind,
) -> (usize, usize) {
    let e = if kind == NameKind::Person { person_end(a, doc, t, s, e) } else { e };
    // A noun with a possessive pronoun before the name is not part of it (نجمه محمد صلاح: his
    // star, Mohamed Salah).
    let mut s = s;
    while kind == NameKind::Person && e > s + 1 && (possessive_noun(doc, s) || governed_noun(doc, s)) {
        s += 1;
    }
    let name = t.bare_name(doc, s, e, kind == NameKind::Person).to_string();
    let kind = match kind {
        NameKind::Person => ActorKind::Person,
        NameKind::Organization => ActorKind::Organization,
        // A country the lexicon does not know is rare; a city or region the tagger calls a
        // geopolitical entity is a place to the reader.
        NameKind::Country | NameKind::Place => ActorKind::Place,
    };
    let idx = a.add(doc, kind, &name, s..e, Gender::Unknown);
    // A plural participle or nisba (محللون، مراقبو حقوق الإنسان، مصرفيون) is a group nobody
    // names: it speaks as an unnamed source.
    if kind == ActorKind::Person && plural_agents(doc.key(s)) && a.list[idx].actor.mentions.len() == 1 {
        super::mark_anon(a, idx);
    }
    (idx, e)
}

/// Whether a word is a plural of agents, not a name: a participle مُفعِّلون/مفعّلو (محللون،
/// مراقبو، متظاهرين) or a nisba plural (مصرفيون، حقوقيين), and no known name.
pub(super) fn plural_agents(k: &str) -> bool {
    let bare = k.trim_start_matches(['و', 'ف']);
    let bare = bare.strip_prefix("ال").unwrap_or(bare);
    let chars: Vec<char> = bare.chars().collect();
    if chars.len() < 5 || is_person_name(bare) {
        return false;
    }
    let participle = chars[0] == 'م'
        && !matches!(chars[1], 'ا' | 'و' | 'ي')
        && (bare.ends_with("ون") || bare.ends_with("ين") || (bare.ends_with('و') && chars.len() >= 5));
    let nisba = bare.ends_with("يون") || bare.ends_with("يين");
    participle || nisba
}
