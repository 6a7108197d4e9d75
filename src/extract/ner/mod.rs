//! Names recognised, not positioned: a linear-chain CRF tags every token of an article as the
//! beginning or inside of a person, organisation, country (a geopolitical entity) or place name, or
//! as outside any name.
//!
//! The model is data (`assets/ner/tagger.bin`, compiled in), trained at dev time with the `crfs`
//! crate (CRFsuite's L-BFGS training) by `examples/train_ner.rs`, from the recipe in `tools/ner/`
//! (public annotated corpora and the project's own tuning gold), and converted to the hashed form of
//! [`model`]; lexicons enter as features ([`features`]), never as gates. Tagging runs per
//! paragraph. `SAHIFA_NER_MODEL` points at another model file, for retraining experiments.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::doc::{Doc, TokKind};

pub mod features;
pub mod model;

use features::{OFFSETS, TokenFacts, edge_feature, lex_feature, word_features};
use model::HashedModel;

/// The compiled-in model.
static MODEL_BYTES: &[u8] = include_bytes!("../../../assets/ner/tagger.bin");

/// The model, read on first use; `None` when the file is not a model (the tagger then finds
/// nothing and the rules work alone).
static MODEL: LazyLock<Option<HashedModel>> = LazyLock::new(|| match std::env::var_os("SAHIFA_NER_MODEL") {
    Some(p) => match std::fs::read(&p) {
        Ok(b) => HashedModel::read(&b),
        Err(e) => {
            log::warn!("SAHIFA_NER_MODEL {}: {e}", p.to_string_lossy());
            HashedModel::read(MODEL_BYTES)
        }
    },
    None => HashedModel::read(MODEL_BYTES),
});

/// Given and family names (matching keys), a gazetteer: `assets/lexicon/person_names.txt`.
static PERSON_NAMES: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
    super::lexicon::data_lines(include_str!("../../../assets/lexicon/person_names.txt"))
        .map(super::normalize::normalize_key)
        .collect()
});

/// Whether the key word `k` is a known given or family name.
pub fn is_person_name(k: &str) -> bool {
    PERSON_NAMES.contains(k)
}

/// What kind of name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// A person.
    Person,
    /// An organisation (ministries, parties, companies, clubs, media).
    Organization,
    /// A country or other geopolitical entity.
    Country,
    /// A place (cities, regions, landmarks).
    Place,
}

impl NameKind {
    /// The label suffix used in the training data.
    pub fn code(self) -> &'static str {
        match self {
            NameKind::Person => "PER",
            NameKind::Organization => "ORG",
            NameKind::Country => "GPE",
            NameKind::Place => "LOC",
        }
    }

    /// The kind of a label suffix.
    pub fn from_code(s: &str) -> Option<NameKind> {
        Some(match s {
            "PER" => NameKind::Person,
            "ORG" => NameKind::Organization,
            "GPE" => NameKind::Country,
            "LOC" => NameKind::Place,
            _ => return None,
        })
    }
}

/// A recognised name: tokens `toks` of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Token range.
    pub toks: Range<usize>,
    /// Kind.
    pub kind: NameKind,
}

/// The token sequences the tagger works on: the paragraphs of `doc`, line breaks excluded.
fn sequences(doc: &Doc) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in doc.toks.iter().enumerate() {
        if t.kind == TokKind::Break {
            if i > start {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    if doc.toks.len() > start {
        out.push(start..doc.toks.len());
    }
    out
}

/// How many words' score vectors a thread keeps: the words of news repeat across articles, so
/// most look-ups hit; past this the cache starts over (bounded memory, ≈ 25 MB).
const WORD_CACHE_MAX: usize = 1 << 17;

/// Word hash → its score blocks (see `WORD_CACHE`).
type WordScores = HashMap<u64, Box<[f32]>, std::hash::BuildHasherDefault<model::IdentityHasher>>;

/// What the tagger adds to every article alike, for one model: the bias, the edge blocks, and
/// each lexicon code's blocks (by the code's address: codes are static strings).
#[derive(Clone)]
struct Fixed {
    model: u64,
    bias: std::rc::Rc<[f32]>,
    edges: std::rc::Rc<[f32]>,
    lex: std::rc::Rc<std::cell::RefCell<rustc_hash::FxHashMap<usize, Vec<f32>>>>,
}

thread_local! {
    /// The [`Fixed`] blocks of the last model used on this thread.
    static FIXED_CACHE: std::cell::RefCell<Option<Fixed>> = const { std::cell::RefCell::new(None) };
    /// For each word (by hash), the scores of its word-determined features at every offset of
    /// [`OFFSETS`], one block of labels per offset: one look-up per token serves its neighbours.
    /// (The model the cache is for, by [`HashedModel::id`].)
    static WORD_CACHE: std::cell::RefCell<(u64, WordScores)> = Default::default();
}

/// Label indices of every token of `doc` under `model` (line breaks get none).
pub fn tag(doc: &Doc, model: &HashedModel) -> Vec<Option<usize>> {
    let facts = features::facts(doc);
    let l = model.num_labels();
    let mut out = vec![None; doc.toks.len()];
    let mut buf = String::new();
    let mut state: Vec<f32> = Vec::new();
    // The bias, the sequence edges' scores per offset, and each lexicon code's (a few dozen
    // codes): the same for every article, so computed once per thread and model.
    let key = model.id;
    let fixed = FIXED_CACHE.with_borrow_mut(|c| {
        if let Some(f) = c.as_ref().filter(|f| f.model == key) {
            return f.clone();
        }
        let mut bias = vec![0.0; l];
        model.add_feature(features::BIAS, &mut bias);
        let mut edges = vec![0.0; OFFSETS.len() * l];
        for (k, &d) in OFFSETS.iter().enumerate() {
            if d != 0 {
                edge_feature(d, &mut buf, &mut |s| model.add_feature(s, &mut edges[k * l..(k + 1) * l]));
            }
        }
        let f = Fixed { model: key, bias: bias.into(), edges: edges.into(), lex: Default::default() };
        *c = Some(f.clone());
        f
    });
    let (bias, edges) = (&*fixed.bias, &*fixed.edges);
    let mut lex_blocks = fixed.lex.borrow_mut();
    WORD_CACHE.with_borrow_mut(|(cached_for, cache)| {
        if *cached_for != key {
            cache.clear();
            *cached_for = key;
        }
        for r in sequences(doc) {
            let f: &[TokenFacts] = &facts[r.clone()];
            let n = f.len();
            state.clear();
            for _ in 0..n {
                state.extend_from_slice(bias);
            }
            // Each word adds its block for offset d to the token d places before it.
            for (j, t) in f.iter().enumerate() {
                let key = model::feature_hash(t.word);
                if cache.len() >= WORD_CACHE_MAX && !cache.contains_key(&key) {
                    cache.clear();
                }
                let w = cache.entry(key).or_insert_with(|| {
                    let mut v = vec![0.0; OFFSETS.len() * l];
                    for (k, &d) in OFFSETS.iter().enumerate() {
                        let block = &mut v[k * l..(k + 1) * l];
                        word_features(t, d, &mut buf, &mut |s| model.add_feature(s, block));
                    }
                    v.into_boxed_slice()
                });
                for (k, &d) in OFFSETS.iter().enumerate() {
                    let i = j as isize - d as isize;
                    if i < 0 || i as usize >= n {
                        continue;
                    }
                    let row = &mut state[i as usize * l..(i as usize + 1) * l];
                    for (a, b) in row.iter_mut().zip(&w[k * l..(k + 1) * l]) {
                        *a += b;
                    }
                }
            }
            for (j, t) in f.iter().enumerate() {
                for &code in &t.lex {
                    let block =
                        lex_blocks.entry(code as *const str as *const u8 as usize).or_insert_with(|| {
                            let mut v = vec![0.0; OFFSETS.len() * l];
                            for (k, &d) in OFFSETS.iter().enumerate() {
                                lex_feature(d, code, &mut buf, &mut |s| {
                                    model.add_feature(s, &mut v[k * l..(k + 1) * l])
                                });
                            }
                            v
                        });
                    for (k, &d) in OFFSETS.iter().enumerate() {
                        let i = j as isize - d as isize;
                        if i >= 0 && (i as usize) < n {
                            let row = &mut state[i as usize * l..(i as usize + 1) * l];
                            for (a, b) in row.iter_mut().zip(&block[k * l..(k + 1) * l]) {
                                *a += b;
                            }
                        }
                    }
                }
            }
            // A token near an end of the sequence has neighbours beyond it.
            for i in (0..n.min(2)).chain(n.saturating_sub(2).max(2)..n) {
                for (k, &d) in OFFSETS.iter().enumerate() {
                    let j = i as isize + d as isize;
                    if j < 0 || j as usize >= n {
                        let row = &mut state[i * l..(i + 1) * l];
                        for (a, b) in row.iter_mut().zip(&edges[k * l..(k + 1) * l]) {
                            *a += b;
                        }
                    }
                }
            }
            for (k, lab) in model.viterbi(&state).into_iter().enumerate() {
                out[r.start + k] = Some(lab);
            }
        }
    });
    out
}

/// Whether a model is loaded.
pub fn available() -> bool {
    MODEL.is_some()
}

/// Names recognised in `doc`, in order.
pub(crate) fn names(doc: &Doc) -> Vec<Name> {
    let Some(model) = MODEL.as_ref() else { return Vec::new() };
    let kinds: Vec<(bool, Option<NameKind>)> = model
        .labels
        .iter()
        .map(|l| match l.split_once('-') {
            Some((b, c)) => (b == "B", NameKind::from_code(c)),
            None => (false, None),
        })
        .collect();
    let mut out: Vec<Name> = Vec::new();
    let mut cur: Option<Name> = None;
    for (t, lab) in tag(doc, model).into_iter().enumerate() {
        match lab.map(|x| kinds[x]) {
            Some((false, Some(k))) if cur.as_ref().is_some_and(|c| c.kind == k && c.toks.end == t) => {
                if let Some(c) = cur.as_mut() {
                    c.toks.end = t + 1;
                }
            }
            Some((_, Some(k))) => {
                out.extend(cur.take());
                cur = Some(Name { toks: t..t + 1, kind: k });
            }
            _ => out.extend(cur.take()),
        }
    }
    out.extend(cur);
    out
}

/// For training: the paragraphs of `text` as sequences of (original byte span of the token, its
/// feature strings), exactly as the tagger sees them.
pub fn featurize(text: &str) -> Vec<Vec<(Range<usize>, Vec<String>)>> {
    let doc = Doc::new(text);
    let facts = features::facts(&doc);
    sequences(&doc)
        .into_iter()
        .map(|r| {
            let f = &facts[r.clone()];
            r.clone().map(|t| (doc.span(t, t + 1), features::token_features(f, t - r.start))).collect()
        })
        .collect()
}

/// Every token of `text` with the label `model` gives it (for evaluation and checks).
pub fn tag_text(text: &str, model: &HashedModel) -> Vec<(Range<usize>, String)> {
    let doc = Doc::new(text);
    tag(&doc, model)
        .into_iter()
        .enumerate()
        .filter_map(|(t, l)| Some((doc.span(t, t + 1), model.labels.get(l?)?.clone())))
        .collect()
}

/// Names in `text`: (byte span, kind), for evaluation and inspection.
pub fn recognise(text: &str) -> Vec<(Range<usize>, NameKind)> {
    let doc = Doc::new(text);
    names(&doc).into_iter().map(|n| (doc.span(n.toks.start, n.toks.end), n.kind)).collect()
}
