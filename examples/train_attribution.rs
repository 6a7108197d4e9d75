//! Learns the attribution model's weights (`assets/attribution.tsv`, see
//! `src/extract/attribution.rs`) from gold annotations, at dev time.
//!
//! ```text
//! cargo run --release --example train_attribution -- [--epochs 5] [--rate 0.5] [--out assets/attribution.tsv] \
//!     [--heldout DIR] [DIR ...]
//! ```
//!
//! `--heldout DIR` (repeatable) scores the prior, the current weights and the learnt ones on the
//! verbs of DIR, not trained on: a cross-validation within the tuning split.
//!
//! DIRs hold `NAME.txt` articles and `NAME.json` gold (the format of tests/fixtures/extract); by
//! default the seeds (tests/fixtures/extract) and the tuning split (tune, unseen). The frozen test
//! split (`…/test`) is refused: no weight is learnt from it.
//!
//! Each quote sahifa attributes through a reporting verb (reported clauses it abstains on
//! included) is matched to a gold quote (the overlap rule of `extract_eval.py`); the right
//! candidates are those naming the gold speaker (name or alias), or, for an unnamed gold source,
//! anonymous sources and nobody. An averaged perceptron, started from the prior below (the weights
//! that reproduce the rule cascade the model replaced), learns from the verbs whose right speaker
//! is among the candidates. Samples depend on the speakers already chosen (the last speakers are
//! candidates), so run it twice: the second run learns from samples made with the first run's
//! weights (`cargo run` rebuilds with them).

#[path = "../tests/support/gold.rs"]
mod gold;

use sahifa::extract::attribution::{feature_count, feature_name, parse_weights, score};
use sahifa::extract::attribution_samples;
use serde_json::Value;

/// The rule cascade as weights: the subject after the verb first, then a title's referent, a
/// relative clause's antecedent, the subject before the verb, the sentence's, the previous
/// sentence's, the last speakers; after an unknown noun phrase nobody, unless the verb continues.
const PRIOR: &str = "rule:postverb\t8
rule:nameless\t12
rule:continuation\t11
rule:relative\t7
rule:relative&unknown_np\t-10
rule:preverb\t6
rule:own\t5
rule:own&unknown_np\t-10
rule:previous\t4
rule:previous&unknown_np\t-10
rule:hist0\t3
rule:hist0&unknown_np\t-10
rule:hist1\t2.9
rule:hist1&unknown_np\t-10
rule:hist2\t2.8
rule:hist2&unknown_np\t-10
rule:recent\t-1
disagree\t-3
";

struct Example {
    feats: Vec<Vec<u16>>,
    right: Vec<usize>,
    /// The quote and the candidates' names, for `--explain`.
    text: String,
    names: Vec<String>,
}

fn examples(dir: &str, files: &[String]) -> (Vec<Example>, usize, usize) {
    let mut out = Vec::new();
    let (mut unmatched, mut unreachable) = (0, 0);
    for f in files {
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{f}.json")).expect("gold"))
                .expect("json");
        let art = gold::load_article(dir, f);
        let gq: Vec<Value> = gold["quotes"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|g| g["optional"].as_bool() != Some(true))
            .collect();
        for s in attribution_samples(&art.title, &art.body) {
            let best = gq
                .iter()
                .map(|g| (gold::overlap(&s.text, g["text"].as_str().unwrap_or("")), g))
                .filter(|(o, _)| *o >= 0.5)
                .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
            let Some((_, g)) = best else {
                unmatched += 1;
                continue;
            };
            let gs = g["speaker"].as_str().unwrap_or("");
            if gs.is_empty() {
                continue;
            }
            let right: Vec<usize> = if gold::unnamed_speaker(&gold, gs) {
                s.candidates
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.actor.is_none() || c.anon)
                    .map(|(k, _)| k)
                    .collect()
            } else {
                let mut names = vec![gs.to_string()];
                names.extend(
                    g["speaker_alternatives"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_str().map(str::to_string)),
                );
                let golds: Vec<_> = names.iter().map(|n| gold::gold_actor_keys(&gold, n)).collect();
                s.candidates
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        c.actor.as_ref().is_some_and(|(name, aliases)| {
                            let cand =
                                gold::keys(std::iter::once(name.clone()).chain(aliases.iter().cloned()));
                            golds.iter().any(|k| gold::same(&cand, k))
                        })
                    })
                    .map(|(k, _)| k)
                    .collect()
            };
            if right.is_empty() {
                unreachable += 1;
                continue;
            }
            let names = s
                .candidates
                .iter()
                .map(|c| c.actor.as_ref().map_or("-".to_string(), |a| a.0.clone()))
                .collect();
            out.push(Example {
                feats: s.candidates.into_iter().map(|c| c.features).collect(),
                right,
                text: s.text,
                names,
            });
        }
    }
    (out, unmatched, unreachable)
}

fn argmax(w: &[f32], feats: &[Vec<u16>]) -> usize {
    let mut best = (0, f32::MIN);
    for (k, f) in feats.iter().enumerate() {
        let s = score(w, f);
        if s > best.1 {
            best = (k, s);
        }
    }
    best.0
}

fn accuracy(w: &[f32], ex: &[Example]) -> f64 {
    let ok = ex.iter().filter(|e| e.right.contains(&argmax(w, &e.feats))).count();
    ok as f64 / ex.len().max(1) as f64
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut epochs = 5;
    let mut rate = 0.5f32;
    let mut explain = false;
    let mut out_path = "assets/attribution.tsv".to_string();
    let mut dirs = Vec::new();
    let mut heldout_dirs = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--heldout" => heldout_dirs.push(args.next().expect("--heldout DIR")),
            "--epochs" => epochs = args.next().and_then(|v| v.parse().ok()).expect("--epochs N"),
            "--explain" => explain = true,
            "--rate" => rate = args.next().and_then(|v| v.parse().ok()).expect("--rate R"),
            "--out" => out_path = args.next().expect("--out FILE"),
            d => dirs.push(d.to_string()),
        }
    }
    if dirs.is_empty() {
        dirs = ["tests/fixtures/extract", "tests/fixtures/extract/tune", "tests/fixtures/extract/unseen"]
            .map(str::to_string)
            .to_vec();
    }
    let mut ex = Vec::new();
    let mut held = Vec::new();
    for d in &heldout_dirs {
        let d = d.trim_end_matches('/');
        assert!(!d.ends_with("/test") && d != "test", "{d}: the frozen test split is never looked at");
        held.extend(examples(d, &gold::gold_files(d)).0);
    }
    for d in &dirs {
        let d = d.trim_end_matches('/');
        assert!(!d.ends_with("/test") && d != "test", "{d}: the frozen test split is never trained on");
        let files = gold::gold_files(d);
        let (e, unmatched, unreachable) = examples(d, &files);
        eprintln!(
            "{d}: {} articles, {} verbs with the right speaker among the candidates, {unreachable} without, \
             {unmatched} quotes not in the gold",
            files.len(),
            e.len()
        );
        ex.extend(e);
    }
    let prior = parse_weights(PRIOR);
    eprintln!("accuracy with the prior: {:.3}", accuracy(&prior, &ex));
    let current = parse_weights(&std::fs::read_to_string(&out_path).unwrap_or_default());
    eprintln!("accuracy with {out_path}: {:.3}", accuracy(&current, &ex));
    // Averaged perceptron, examples in a fixed pseudo-random order.
    let n = feature_count();
    let mut w = prior.clone();
    let mut sum = vec![0.0f64; n];
    let mut steps = 0u64;
    let mut order: Vec<usize> = (0..ex.len()).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let e = &ex[k];
            let p = argmax(&w, &e.feats);
            if !e.right.contains(&p) {
                let good = *e
                    .right
                    .iter()
                    .max_by(|&&a, &&b| score(&w, &e.feats[a]).total_cmp(&score(&w, &e.feats[b])))
                    .expect("a right candidate");
                for &f in &e.feats[good] {
                    w[f as usize] += rate;
                }
                for &f in &e.feats[p] {
                    w[f as usize] -= rate;
                }
            }
            for (s, x) in sum.iter_mut().zip(&w) {
                *s += f64::from(*x);
            }
            steps += 1;
        }
    }
    let avg: Vec<f32> = sum.iter().map(|s| (s / steps.max(1) as f64) as f32).collect();
    let acc = accuracy(&avg, &ex);
    eprintln!("accuracy after {epochs} epochs (averaged): {acc:.3}");
    if explain {
        for e in &held {
            let p = argmax(&avg, &e.feats);
            if e.right.contains(&p) {
                continue;
            }
            let show = |k: usize| {
                let f: Vec<String> = e.feats[k]
                    .iter()
                    .map(|&i| feature_name(i as usize))
                    .filter(|n| !n.contains('&'))
                    .collect();
                format!("{} [{:.1}] {}", e.names[k], score(&avg, &e.feats[k]), f.join(" "))
            };
            let r = e.right[0];
            eprintln!(
                "{}\n  chose {}\n  right {}",
                e.text.chars().take(60).collect::<String>(),
                show(p),
                show(r)
            );
        }
    }
    if !held.is_empty() {
        eprintln!(
            "held out ({} verbs): prior {:.3}, current {:.3}, learnt {:.3}",
            held.len(),
            accuracy(&prior, &held),
            accuracy(&current, &held),
            accuracy(&avg, &held)
        );
    }
    let mut text = format!(
        "# Attribution weights (src/extract/attribution.rs), learnt by examples/train_attribution.rs\n\
         # ({epochs} epochs of an averaged perceptron from the rule cascade's prior) on {}:\n\
         # {} verbs, training accuracy {acc:.3}. The frozen test split is not among them.\n",
        dirs.join(", "),
        ex.len()
    );
    for (i, v) in avg.iter().enumerate() {
        if v.abs() >= 0.005 {
            text.push_str(&format!("{}\t{:.3}\n", feature_name(i), v));
        }
    }
    std::fs::write(&out_path, text).unwrap_or_else(|e| panic!("{out_path}: {e}"));
    eprintln!("wrote {out_path}");
}
