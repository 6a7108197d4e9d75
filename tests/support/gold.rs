//! Matching sahifa's extraction against gold annotations (tests/fixtures/extract/*): the rules
//! of `extract_eval.py`, shared by `tests/extract_gold.rs` and `examples/train_attribution.rs`.
//!
//! Quote match: normalised texts overlap (longest common substring / longer text ≥ 0.5). Speaker
//! match: through the gold actor's name and aliases (clitics stripped), or a containment of one in
//! the other.
#![allow(dead_code)]

use std::collections::HashSet;

use serde_json::Value;

/// Normalised characters: hamza forms, ta marbuta, alef maqsura folded; marks dropped;
/// punctuation and spaces one space.
pub fn norm(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in s.chars() {
        let c = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            '\u{0610}'..='\u{061a}'
            | '\u{064b}'..='\u{065f}'
            | '\u{0670}'
            | '\u{06d6}'..='\u{06ed}'
            | '\u{0640}' => {
                continue;
            }
            c if c.is_whitespace() || "«»“”„\"'.,،:؛;!?()[]…-–—‘’".contains(c) => ' ',
            c => c,
        };
        if c == ' ' && out.last().is_none_or(|&l| l == ' ') {
            continue;
        }
        out.push(c);
    }
    while out.last() == Some(&' ') {
        out.pop();
    }
    out
}

pub fn overlap(a: &str, b: &str) -> f64 {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    let mut best = 0;
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best as f64 / a.len().max(b.len()) as f64
}

pub fn strip_clitics(w: &str) -> String {
    let w: String = norm(w).into_iter().collect();
    for p in ["وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل"] {
        if let Some(rest) = w.strip_prefix(p)
            && rest.chars().count() >= 3
        {
            return rest.to_string();
        }
    }
    w
}

pub fn keys(names: impl Iterator<Item = String>) -> HashSet<String> {
    names.map(|n| strip_clitics(&n)).filter(|k| !k.is_empty()).collect()
}

pub fn gold_actor_keys(gold: &Value, name: &str) -> HashSet<String> {
    let actors = gold["actors"].as_array().cloned().unwrap_or_default();
    let forms = |a: &Value| {
        let mut v = vec![a["name"].as_str().unwrap_or("").to_string()];
        v.extend(
            a["aliases"].as_array().into_iter().flatten().filter_map(|x| x.as_str().map(str::to_string)),
        );
        v
    };
    let target = strip_clitics(name);
    for a in &actors {
        if strip_clitics(a["name"].as_str().unwrap_or("")) == target {
            return keys(forms(a).into_iter());
        }
    }
    for a in &actors {
        let k = keys(forms(a).into_iter());
        if k.contains(&target) {
            return k;
        }
    }
    keys(std::iter::once(name.to_string()))
}

pub fn same(cand: &HashSet<String>, gold: &HashSet<String>) -> bool {
    cand.intersection(gold).next().is_some()
        || cand.iter().any(|c| {
            gold.iter().any(|k| {
                c.chars().count() >= 4
                    && k.chars().count() >= 4
                    && (c.contains(k.as_str()) || k.contains(c.as_str()))
            })
        })
}

/// The names (without extension) of the gold files in a fixture folder.
pub fn gold_files(dir: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_string))
        // (Only annotations of an article: not a folder's selection.json.)
        .filter(|f| std::path::Path::new(dir).join(format!("{f}.txt")).exists())
        .collect();
    v.sort();
    v
}

/// Whether a gold speaker is an unnamed source (a description, `"unnamed": true`).
pub fn unnamed_speaker(gold: &Value, name: &str) -> bool {
    gold["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|a| a["name"].as_str() == Some(name) && a["unnamed"].as_bool() == Some(true))
}

/// The fixture article `DIR/NAME.txt` as `sahifa extract` reads it: loaded and cleaned (teasers of
/// other stories and boilerplate set aside), so that scores and training see what a user sees.
pub fn load_article(dir: &str, name: &str) -> sahifa::article::Article {
    let path = format!("{dir}/{name}.txt");
    let loaded = sahifa::article::load::load_file(
        std::path::Path::new(&path),
        &sahifa::article::load::LoadOptions::default(),
    );
    loaded.articles.into_iter().next().unwrap_or_else(|| panic!("{path}: {:?}", loaded.warnings))
}
