//! Attribution as ranking: every reporting verb gets a list of candidate speakers, each proposed
//! by one or more generators (the subject after the verb, the subject before it, a relative
//! clause's antecedent, the sentence's or the previous sentence's subject, the last speakers, a
//! title standing for someone named earlier …), described by sparse binary features (which
//! generators agree, gender agreement, kind, distance, whether it spoke before, how often it is
//! named) crossed with the verb's context (an unknown noun phrase after it, a continuing verb, a
//! conjunction, a participle). A linear score ranks them; a "nobody" candidate competes with
//! them, so the verb abstains when no candidate scores above it.
//!
//! The weights are data (`assets/attribution.tsv`), learnt by an averaged perceptron on the
//! tuning split of the gold annotations (`examples/train_attribution.rs`, which says how);
//! features missing from the file weigh nothing.

use std::collections::HashMap;
use std::sync::LazyLock;

/// What proposed a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The subject found after the verb (قال الرئيس …), or the author of a statement after it.
    PostVerb,
    /// A title with no name, resolved to the one it was given to earlier.
    Nameless,
    /// A description after a continuing verb (وأضاف هداف الدوري): the last speaker.
    Continuation,
    /// The antecedent of the relative clause the verb is in (X، الذي قال).
    Relative,
    /// The subject right before the verb (X قال، أما X فقال).
    PreVerb,
    /// The first subject of the verb's own sentence.
    Own,
    /// The subject of the previous sentence.
    Previous,
    /// The last speaker.
    Hist0,
    /// The speaker before the last.
    Hist1,
    /// An earlier speaker.
    Hist2,
    /// The last person named.
    Recent,
}

/// Every rule, in the order of their feature ids.
pub const RULES: [Rule; 11] = [
    Rule::PostVerb,
    Rule::Nameless,
    Rule::Continuation,
    Rule::Relative,
    Rule::PreVerb,
    Rule::Own,
    Rule::Previous,
    Rule::Hist0,
    Rule::Hist1,
    Rule::Hist2,
    Rule::Recent,
];

const RULE_NAMES: [&str; 11] = [
    "postverb",
    "nameless",
    "continuation",
    "relative",
    "preverb",
    "own",
    "previous",
    "hist0",
    "hist1",
    "hist2",
    "recent",
];

/// Facts about a candidate, beyond the rules that proposed it.
const ATOMS: [&str; 24] = [
    "agree",
    "disagree",
    "gender_unknown",
    "person",
    "organization",
    "country",
    "place",
    "other",
    "anon",
    "generic",
    "dist_0_5",
    "dist_6_20",
    "dist_21_60",
    "dist_61",
    "same_sentence",
    "spoke_before",
    "mentions_1",
    "mentions_2_3",
    "mentions_4",
    "rules_2",
    "rules_3",
    "in_title",
    "after_prep",
    "no_mention",
];

/// Facts about the verb.
const CONTEXTS: [&str; 8] = [
    "unknown_np",
    "continuing_verb",
    "conj_verb",
    "participle",
    "weak",
    "nameless_np",
    "described",
    "first_sentence",
];

/// Index of an atom by name (a typo here is a bug: checked by a test).
fn atom(name: &str) -> usize {
    ATOMS.iter().position(|a| *a == name).unwrap_or(0)
}

/// The id of the feature "rule `r` proposed this".
fn rule_id(r: Rule) -> usize {
    ATOMS.len() + RULES.iter().position(|x| *x == r).unwrap_or(0)
}

/// The id of "rule `r` × context `c`".
fn cross_id(r: usize, c: usize) -> usize {
    ATOMS.len() + RULES.len() + r * CONTEXTS.len() + c
}

/// The id of "kind-atom `k` × context `c`" (an organisation after an unknown noun phrase …).
fn kind_cross_id(k: usize, c: usize) -> usize {
    ATOMS.len() + RULES.len() * (1 + CONTEXTS.len()) + k * CONTEXTS.len() + c
}

/// Kinds crossed with the context (the atoms `person` … `generic`).
const KIND_ATOMS: std::ops::Range<usize> = 3..10;

/// The id of "nobody × context `c`"; `CONTEXTS.len()` is the bias of nobody.
fn null_id(c: usize) -> usize {
    ATOMS.len() + RULES.len() * (1 + CONTEXTS.len()) + KIND_ATOMS.len() * CONTEXTS.len() + c
}

/// The id of "rule `r` × atom `a`" (a disagreeing organisation proposed as the last speaker …).
fn rule_atom_id(r: usize, a: usize) -> usize {
    null_id(CONTEXTS.len()) + 1 + r * ATOMS.len() + a
}

/// Number of features.
pub fn feature_count() -> usize {
    rule_atom_id(RULES.len(), 0)
}

/// The name of feature `id`, as the weights file spells it.
pub fn feature_name(id: usize) -> String {
    let a = ATOMS.len();
    let r = RULES.len();
    let c = CONTEXTS.len();
    let k = KIND_ATOMS.len();
    if id < a {
        ATOMS[id].to_string()
    } else if id < a + r {
        format!("rule:{}", RULE_NAMES[id - a])
    } else if id < a + r * (1 + c) {
        let x = id - a - r;
        format!("rule:{}&{}", RULE_NAMES[x / c], CONTEXTS[x % c])
    } else if id < a + r * (1 + c) + k * c {
        let x = id - a - r * (1 + c);
        format!("{}&{}", ATOMS[KIND_ATOMS.start + x / c], CONTEXTS[x % c])
    } else if id < a + r * (1 + c) + k * c + c {
        format!("nobody&{}", CONTEXTS[id - a - r * (1 + c) - k * c])
    } else if id == null_id(c) {
        "nobody".to_string()
    } else {
        let x = id - null_id(c) - 1;
        format!("rule:{}&{}", RULE_NAMES[x / a], ATOMS[x % a])
    }
}

/// The verb's context, as booleans in the order of [`CONTEXTS`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// An unknown noun phrase right after the verb (قال أحد السكان، وأكد التمسك): a subject the
    /// rules cannot name, or an object.
    pub unknown_np: bool,
    /// The verb continues a statement (أضاف، تابع).
    pub continuing_verb: bool,
    /// The verb carries a conjunction (وقال، فقالت).
    pub conj_verb: bool,
    /// A participle (مضيفا، قائلة).
    pub participle: bool,
    /// A verb that only attributes quotation marks or a colon (كتب، غرد).
    pub weak: bool,
    /// A title or role with no name after the verb (وقال المدرب).
    pub nameless_np: bool,
    /// A definite description after the verb (وأضاف اللاعب البالغ 37 عاما).
    pub described: bool,
    /// The verb is in the first sentence of the text.
    pub first_sentence: bool,
}

impl Context {
    fn flags(&self) -> [bool; 8] {
        [
            self.unknown_np,
            self.continuing_verb,
            self.conj_verb,
            self.participle,
            self.weak,
            self.nameless_np,
            self.described,
            self.first_sentence,
        ]
    }
}

/// What is known of a candidate, from which its features are made.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Rules that proposed it.
    pub rules: Vec<Rule>,
    /// Gender agreement with the verb: `Some(true)` agrees, `Some(false)` does not, `None`
    /// unknown.
    pub agrees: Option<bool>,
    /// Index of its kind atom (`person` … `other`), and whether it is an anonymous source or a
    /// bare generic noun.
    pub kind: usize,
    pub anon: bool,
    pub generic: bool,
    /// Tokens between its nearest mention and the verb, if it has one within reach.
    pub distance: Option<usize>,
    /// That mention is in the verb's sentence.
    pub same_sentence: bool,
    /// It was the speaker of an earlier verb.
    pub spoke_before: bool,
    /// How many times it is mentioned in the text.
    pub mentions: usize,
    /// It is named in the first sentence (the headline, when there is one).
    pub in_title: bool,
    /// Its nearest mention follows a preposition.
    pub after_prep: bool,
}

/// Kind atom index of an actor kind.
pub fn kind_atom(kind: super::ActorKind) -> usize {
    atom(match kind {
        super::ActorKind::Person => "person",
        super::ActorKind::Organization => "organization",
        super::ActorKind::Country => "country",
        super::ActorKind::Place => "place",
        super::ActorKind::Other => "other",
    })
}

/// Feature ids of a candidate.
pub fn features(f: &Facts, ctx: &Context) -> Vec<u16> {
    let mut out: Vec<usize> = Vec::with_capacity(64);
    out.push(match f.agrees {
        Some(true) => atom("agree"),
        Some(false) => atom("disagree"),
        None => atom("gender_unknown"),
    });
    out.push(f.kind);
    if f.anon {
        out.push(atom("anon"));
    }
    if f.generic {
        out.push(atom("generic"));
    }
    out.push(match f.distance {
        Some(0..=5) => atom("dist_0_5"),
        Some(6..=20) => atom("dist_6_20"),
        Some(21..=60) => atom("dist_21_60"),
        Some(_) => atom("dist_61"),
        None => atom("no_mention"),
    });
    if f.same_sentence {
        out.push(atom("same_sentence"));
    }
    if f.spoke_before {
        out.push(atom("spoke_before"));
    }
    out.push(match f.mentions {
        0 | 1 => atom("mentions_1"),
        2 | 3 => atom("mentions_2_3"),
        _ => atom("mentions_4"),
    });
    match f.rules.len() {
        0 | 1 => {}
        2 => out.push(atom("rules_2")),
        _ => out.push(atom("rules_3")),
    }
    if f.in_title {
        out.push(atom("in_title"));
    }
    if f.after_prep {
        out.push(atom("after_prep"));
    }
    let flags = ctx.flags();
    let atoms: Vec<usize> = out.clone();
    for &r in &f.rules {
        let ri = RULES.iter().position(|x| *x == r).unwrap_or(0);
        for &x in &atoms {
            out.push(rule_atom_id(ri, x));
        }
        out.push(rule_id(r));
        for (c, on) in flags.iter().enumerate() {
            if *on {
                out.push(cross_id(ri, c));
            }
        }
    }
    let kinds = [Some(f.kind), f.anon.then(|| atom("anon")), f.generic.then(|| atom("generic"))];
    for k in kinds.into_iter().flatten() {
        if KIND_ATOMS.contains(&k) {
            for (c, on) in flags.iter().enumerate() {
                if *on {
                    out.push(kind_cross_id(k - KIND_ATOMS.start, c));
                }
            }
        }
    }
    out.into_iter().map(|x| x as u16).collect()
}

/// Feature ids of the "nobody" candidate.
pub fn null_features(ctx: &Context) -> Vec<u16> {
    let mut out = vec![null_id(CONTEXTS.len()) as u16];
    for (c, on) in ctx.flags().iter().enumerate() {
        if *on {
            out.push(null_id(c) as u16);
        }
    }
    out
}

/// The shipped weights, by feature id.
pub static WEIGHTS: LazyLock<Vec<f32>> =
    LazyLock::new(|| parse_weights(include_str!("../../assets/attribution.tsv")));

/// Reads `NAME<TAB>WEIGHT` lines (`#` comments); names not known are ignored.
pub fn parse_weights(text: &str) -> Vec<f32> {
    let ids: HashMap<String, usize> = (0..feature_count()).map(|i| (feature_name(i), i)).collect();
    let mut w = vec![0.0; feature_count()];
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((name, value)) = line.split_once('\t')
            && let (Some(&i), Ok(v)) = (ids.get(name.trim()), value.trim().parse::<f32>())
        {
            w[i] = v;
        }
    }
    w
}

/// Score of a feature set.
pub fn score(weights: &[f32], feats: &[u16]) -> f32 {
    feats.iter().map(|&i| weights.get(i as usize).copied().unwrap_or(0.0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        let names: Vec<String> = (0..feature_count()).map(feature_name).collect();
        let set: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(set.len(), names.len());
        assert_eq!(feature_name(rule_id(Rule::Recent)), "rule:recent");
        assert_eq!(feature_name(cross_id(0, 0)), "rule:postverb&unknown_np");
        assert_eq!(feature_name(kind_cross_id(0, 1)), "person&continuing_verb");
        assert_eq!(feature_name(null_id(0)), "nobody&unknown_np");
        assert_eq!(feature_name(null_id(CONTEXTS.len())), "nobody");
        assert_eq!(feature_name(rule_atom_id(0, 1)), "rule:postverb&disagree");
        assert_eq!(feature_name(feature_count() - 1), "rule:recent&no_mention");
        for a in ATOMS {
            assert_eq!(feature_name(atom(a)), a);
        }
    }

    #[test]
    fn shipped_weights_name_known_features() {
        let text = include_str!("../../assets/attribution.tsv");
        let known: std::collections::HashSet<String> = (0..feature_count()).map(feature_name).collect();
        for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let name = line.split('\t').next().unwrap_or("");
            assert!(known.contains(name), "unknown feature in assets/attribution.tsv: {name}");
        }
    }

    #[test]
    fn the_subject_after_the_verb_outranks_the_last_speaker() {
        let w = &*WEIGHTS;
        let ctx = Context::default();
        let post = Facts {
            rules: vec![Rule::PostVerb],
            agrees: Some(true),
            kind: atom("person"),
            distance: Some(1),
            same_sentence: true,
            mentions: 1,
            ..Facts::default()
        };
        let hist = Facts {
            rules: vec![Rule::Hist0],
            agrees: Some(true),
            kind: atom("person"),
            distance: Some(30),
            spoke_before: true,
            mentions: 3,
            ..Facts::default()
        };
        assert!(score(w, &features(&post, &ctx)) > score(w, &features(&hist, &ctx)));
        assert!(score(w, &features(&post, &ctx)) > score(w, &null_features(&ctx)));
    }
}
