//! Verb paradigms generated from a lemma list, so that every inflected form of a reporting verb is
//! known without listing it by hand.
//!
//! A lemma line of `assets/lexicon/verb_lemmas.txt` gives the past and present 3rd person masculine
//! singular (`قال يقول`), the verb class, the active participle, the complement and the strengths.
//! The past and present stems are given, not derived from a root, so hamzated (`أكد يؤكد`, `سأل يسأل`)
//! and assimilated verbs (`وعد يعد`) need nothing special: they inflect like sound verbs from the
//! stems given. Hollow (`قال يقول`), defective (`نفى ينفي`، `دعا يدعو`، `رأى يرى`) and doubled
//! (`رد يرد`) verbs have their own short stems, built here. A hamza whose seat changes before a
//! suffix (`قرأ` → `قرؤوا`) is not modelled; no reporting verb of the list needs it.
//!
//! [`paradigm`] yields, for every person, gender and number: the past, the present in its three
//! moods (indicative; subjunctive after `لن`/`أن`; jussive after `لم`/`لما`), the future with `س`,
//! each also with an attached object pronoun where the lemma takes one, and the participle's
//! adverbial forms (`قائلا، قائلة، قائلين`).

use crate::extract::lexicon::{Gender, Strength};

/// Inflection class of a lemma: which stems its forms are built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Regular stems, hamzated and assimilated verbs included (`أكد يؤكد`، `وعد يعد`).
    Sound,
    /// A long vowel in the middle that shortens before a consonant ending (`قال قلن يقل`).
    Hollow,
    /// A weak last letter (`نفى ينفي`، `دعا يدعو`، `رأى يرى`).
    Defective,
    /// The last two root letters merged (`رد ردت رددن`).
    Doubled,
}

/// One reporting verb lemma.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lemma {
    /// Past 3rd person masculine singular (`قال`).
    pub past: String,
    /// Present 3rd person masculine singular (`يقول`).
    pub present: String,
    /// Inflection class.
    pub class: Class,
    /// Active participle, masculine singular (`قائل`), if its adverbial forms report speech.
    pub participle: Option<String>,
    /// What introduces the reported clause (`أن`، `إلى أن`; `-` when nothing in particular).
    pub complement: String,
    /// Strength of the finite forms.
    pub strength: Strength,
    /// Strength of the participle's forms.
    pub participle_strength: Strength,
    /// Whether object pronouns attach (`أبلغه`، `قالها`).
    pub takes_object: bool,
    /// Whether only the past forms (and the participle) are generated.
    pub past_only: bool,
    /// Base forms never generated, because they are more often another word (`بين` "between").
    pub skip: Vec<String>,
}

/// Tense of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// Past (`قال`).
    Past,
    /// Present (`يقول`).
    Present,
    /// Future with the prefix `س` (`سيقول`); `سوف يقول` is the present form after `سوف`.
    Future,
    /// The active participle's adverbial forms (`قائلا`).
    Participle,
}

/// Mood of a present form (the past, future and participle are [`Mood::Indicative`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mood {
    /// The plain present (`يقول`، `يقولون`).
    Indicative,
    /// After `لن`، `أن` (`لن يقولوا`).
    Subjunctive,
    /// After `لم`، `لما` (`لم يقل`).
    Jussive,
}

/// Number of the subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Number {
    /// Singular.
    Sg,
    /// Dual.
    Dual,
    /// Plural.
    Pl,
}

/// One generated surface form and its features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The form as written, without harakat.
    pub text: String,
    /// Tense.
    pub tense: Tense,
    /// Mood.
    pub mood: Mood,
    /// Person of the subject: 1, 2 or 3.
    pub person: u8,
    /// Gender of the subject ([`Gender::M`] or [`Gender::F`]; `Unknown` for the 1st person).
    pub gender: Gender,
    /// Number of the subject.
    pub number: Number,
    /// The attached object pronoun (`ه`، `ها` …), if any.
    pub object: Option<&'static str>,
    /// Whether the form only reads as this verb after `لم`/`لما` (`يقل` is also "decreases").
    pub after_lam: bool,
}

impl Form {
    /// The agreement the form shows for a 3rd person subject: M, F, or P for dual and plural.
    pub fn agreement(&self) -> Gender {
        match (self.person, self.number) {
            (3, Number::Sg) | (0, Number::Sg) => self.gender,
            (3, _) | (0, _) => Gender::P,
            _ => Gender::Unknown,
        }
    }
}

/// Object pronouns that attach to a verb (the 3rd person first).
pub const OBJECTS: &[&str] = &["ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ني", "نا"];

fn parse_strength(s: &str) -> Strength {
    match s.trim() {
        "C" => Strength::Continue,
        "W" => Strength::Weak,
        "P" => Strength::Participle,
        _ => Strength::Speech,
    }
}

/// Parses the lemma file: `past present class participle complement strength participle-strength
/// flags`, tab-separated (`-` for none); comments and blank lines skipped.
pub fn parse_lemmas(text: &str) -> Vec<Lemma> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        let get = |i: usize| f.get(i).copied().unwrap_or("-");
        let class = match get(2) {
            "hollow" => Class::Hollow,
            "defective" => Class::Defective,
            "doubled" => Class::Doubled,
            // Hamzated and assimilated verbs inflect like sound ones from the stems given.
            "sound" | "hamzated" | "assimilated" => Class::Sound,
            _ => Class::Sound,
        };
        let participle = Some(get(3)).filter(|p| *p != "-").map(str::to_string);
        let flags: Vec<&str> = get(7).split(',').map(str::trim).collect();
        out.push(Lemma {
            past: get(0).to_string(),
            present: get(1).to_string(),
            class,
            participle,
            complement: get(4).to_string(),
            strength: parse_strength(get(5)),
            participle_strength: parse_strength(get(6)),
            takes_object: flags.contains(&"obj"),
            past_only: flags.contains(&"past"),
            skip: flags.iter().filter_map(|f| f.strip_prefix('-')).map(str::to_string).collect(),
        });
    }
    out
}

/// `s` without its last character.
fn drop_last(s: &str) -> &str {
    s.char_indices().last().map_or(s, |(i, _)| &s[..i])
}

/// The last character of `s`.
fn last(s: &str) -> char {
    s.chars().last().unwrap_or(' ')
}

/// `s` without the long vowel before its last letter (`قال` → `قل`، `قول` → `قل`).
fn shorten(s: &str) -> String {
    let cs: Vec<char> = s.chars().collect();
    match cs.len() {
        n if n >= 3 && matches!(cs[n - 2], 'ا' | 'و' | 'ي') => {
            cs[..n - 2].iter().chain(std::iter::once(&cs[n - 1])).collect()
        }
        _ => s.to_string(),
    }
}

/// Attaches an object pronoun: `قالوا` + `ه` → `قالوه`، `نفى` + `ه` → `نفاه`، `رأى` → `رآه`.
pub fn attach_object(form: &str, pron: &str) -> String {
    if let Some(stem) = form.strip_suffix("وا") {
        return format!("{stem}و{pron}");
    }
    if let Some(stem) = form.strip_suffix("تم") {
        return format!("{stem}تمو{pron}");
    }
    if let Some(stem) = form.strip_suffix('ى') {
        if let Some(s) = stem.strip_suffix('أ') {
            return format!("{s}آ{pron}");
        }
        return format!("{stem}ا{pron}");
    }
    format!("{form}{pron}")
}

/// A subject slot: person, gender, number.
type Slot = (u8, Gender, Number);

const SLOTS: &[Slot] = &[
    (3, Gender::M, Number::Sg),
    (3, Gender::F, Number::Sg),
    (3, Gender::M, Number::Dual),
    (3, Gender::F, Number::Dual),
    (3, Gender::M, Number::Pl),
    (3, Gender::F, Number::Pl),
    (2, Gender::M, Number::Sg),
    (2, Gender::F, Number::Sg),
    (2, Gender::Unknown, Number::Dual),
    (2, Gender::M, Number::Pl),
    (2, Gender::F, Number::Pl),
    (1, Gender::Unknown, Number::Sg),
    (1, Gender::Unknown, Number::Pl),
];

/// The past form of a slot.
fn past_form(l: &Lemma, (p, g, n): Slot) -> String {
    let s = l.past.as_str();
    // `b`: the stem before a vowel ending; `c`: the stem before a consonant ending (قلت، رددت، نفيت).
    let (b, c) = match l.class {
        Class::Sound => (s.to_string(), s.to_string()),
        Class::Hollow => (s.to_string(), shorten(s)),
        Class::Doubled => (s.to_string(), format!("{s}{}", last(s))),
        Class::Defective => {
            let root = drop_last(s);
            let w = if last(s) == 'ا' { 'و' } else { 'ي' };
            return match (p, g, n) {
                (3, Gender::M, Number::Sg) => s.to_string(),
                (3, Gender::F, Number::Sg) => format!("{root}ت"),
                (3, Gender::M, Number::Dual) => format!("{root}{w}ا"),
                (3, Gender::F, Number::Dual) => format!("{root}تا"),
                (3, Gender::M, Number::Pl) => format!("{root}وا"),
                (3, _, _) => format!("{root}{w}ن"),
                _ => consonant_ending(&format!("{root}{w}"), (p, g, n)),
            };
        }
    };
    match (p, g, n) {
        (3, Gender::M, Number::Sg) => b,
        (3, Gender::F, Number::Sg) => format!("{b}ت"),
        (3, Gender::M, Number::Dual) => format!("{b}ا"),
        (3, Gender::F, Number::Dual) => format!("{b}تا"),
        (3, Gender::M, Number::Pl) => format!("{b}وا"),
        (3, _, _) => format!("{c}ن"),
        _ => consonant_ending(&c, (p, g, n)),
    }
}

/// Past endings of the 1st and 2nd persons.
fn consonant_ending(c: &str, slot: Slot) -> String {
    let end = match slot {
        (1, _, Number::Pl) => "نا",
        (2, _, Number::Dual) => "تما",
        (2, Gender::M, Number::Pl) => "تم",
        (2, _, Number::Pl) => "تن",
        _ => "ت",
    };
    format!("{c}{end}")
}

/// The present form of a slot in a mood, and whether it only reads as this verb after `لم`.
fn present_form(l: &Lemma, (p, g, n): Slot, mood: Mood) -> (String, bool) {
    let stem = l.present.strip_prefix('ي').unwrap_or(&l.present);
    let prefix = match (p, g, n) {
        (3, Gender::F, Number::Sg | Number::Dual) | (2, _, _) => "ت",
        (3, _, _) => "ي",
        (1, _, Number::Sg) => "أ",
        _ => "ن",
    };
    // Stem before a consonant ending or none (the feminine plural, the jussive singular).
    let short = match l.class {
        Class::Sound => stem.to_string(),
        Class::Hollow => shorten(stem),
        Class::Doubled => format!("{stem}{}", last(stem)),
        Class::Defective => drop_last(stem).to_string(),
    };
    let (vowel_stem, w) = match l.class {
        Class::Defective => (drop_last(stem).to_string(), last(stem)),
        _ => (stem.to_string(), ' '),
    };
    let defective = l.class == Class::Defective;
    let dual_w = if w == 'و' { "و" } else { "ي" };
    let ending = match (p, g, n, mood) {
        (_, _, Number::Dual, Mood::Indicative) if defective => format!("{vowel_stem}{dual_w}ان"),
        (_, _, Number::Dual, _) if defective => format!("{vowel_stem}{dual_w}ا"),
        (_, _, Number::Dual, Mood::Indicative) => format!("{stem}ان"),
        (_, _, Number::Dual, _) => format!("{stem}ا"),
        (_, Gender::F, Number::Pl, _) if defective => format!("{vowel_stem}{dual_w}ن"),
        (_, Gender::F, Number::Pl, _) => format!("{short}ن"),
        (_, _, Number::Pl, Mood::Indicative) => format!("{vowel_stem}ون"),
        (_, _, Number::Pl, _) => format!("{vowel_stem}وا"),
        (2, Gender::F, Number::Sg, Mood::Indicative) => format!("{vowel_stem}ين"),
        (2, Gender::F, Number::Sg, _) => format!("{vowel_stem}ي"),
        // The doubled jussive is written merged (لم يرد); the unmerged spelling is another verb.
        (_, _, Number::Sg, Mood::Jussive) if l.class != Class::Doubled => short.clone(),
        _ => stem.to_string(),
    };
    let jussive_only = mood == Mood::Jussive
        && n == Number::Sg
        && !(p == 2 && g == Gender::F)
        && matches!(l.class, Class::Hollow | Class::Defective);
    (format!("{prefix}{ending}"), jussive_only)
}

/// Every form of a lemma, with its features.
pub fn paradigm(l: &Lemma) -> Vec<Form> {
    generate(l, SLOTS, OBJECTS)
}

/// The forms the lexicon matches: 3rd person subjects and participles, objects of the 3rd person
/// only (`أكدنا`، `أبلغني` are mostly the speaker's own "we"/"I" inside a quotation).
pub fn third_person(l: &Lemma) -> Vec<Form> {
    generate(l, &SLOTS[..6], &OBJECTS[..5])
}

/// The forms of the subject slots `slots`, with the object pronouns `objects` where they attach.
fn generate(l: &Lemma, slots: &[Slot], objects: &[&'static str]) -> Vec<Form> {
    let mut out = Vec::new();
    let mut push = |text: String, tense, mood, slot: Slot, after_lam, object_ok: bool| {
        if l.skip.contains(&text) {
            return;
        }
        let (person, gender, number) = slot;
        let form =
            |text: String, object| Form { text, tense, mood, person, gender, number, object, after_lam };
        if object_ok && l.takes_object {
            for &o in objects {
                let t = attach_object(&text, o);
                if !l.skip.contains(&t) {
                    out.push(form(t, Some(o)));
                }
            }
        }
        out.push(form(text, None));
    };
    // A noun of the same spelling as the past 3ms with a possessive (ذكره "his mention", تعهده
    // "his pledge") is commoner than the verb with an object: form I (three letters, not hamza-first
    // like أكد) and form V/VI (ت-first) sound and doubled verbs.
    let noun_like = matches!(l.class, Class::Sound | Class::Doubled)
        && ((l.past.chars().count() <= 3 && !l.past.starts_with('أ')) || l.past.starts_with('ت'));
    for &slot in slots {
        let is_3ms = slot == (3, Gender::M, Number::Sg);
        push(past_form(l, slot), Tense::Past, Mood::Indicative, slot, false, !(is_3ms && noun_like));
        if l.past_only {
            continue;
        }
        for mood in [Mood::Indicative, Mood::Subjunctive, Mood::Jussive] {
            let (text, after_lam) = present_form(l, slot, mood);
            if mood == Mood::Indicative {
                push(format!("س{text}"), Tense::Future, mood, slot, false, true);
            }
            push(text, Tense::Present, mood, slot, after_lam, true);
        }
    }
    if let Some(part) = &l.participle {
        for (end, g, n) in
            [("ا", Gender::M, Number::Sg), ("ة", Gender::F, Number::Sg), ("ين", Gender::M, Number::Pl)]
        {
            out.push(Form {
                text: format!("{part}{end}"),
                tense: Tense::Participle,
                mood: Mood::Indicative,
                person: 0,
                gender: g,
                number: n,
                object: None,
                after_lam: false,
            });
        }
    }
    // The same spelling from several slots (يقولون ind. and subj. pl. differ, the sg. do not):
    // keep the first, which has the least restricted reading.
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| {
        seen.insert((f.text.clone(), f.person, f.gender, f.number, f.object, f.tense, f.after_lam))
    });
    out
}
