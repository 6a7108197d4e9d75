//! Trains the name tagger and scores it, at dev time (`tools/ner/train.sh` is the recipe).
//!
//! ```text
//! cargo run --release --example train_ner -- --out /tmp/tagger.crfsuite --bin assets/ner/tagger.bin \
//!     --train a.tsv --train b.tsv [--weight b.tsv=3] --dev c.tsv [--c1 0.1 --c2 0.01 --iters 150 --minfreq 2]
//! cargo run --release --example train_ner -- --model /tmp/tagger.crfsuite --bin assets/ner/tagger.bin --dev c.tsv
//! ```
//!
//! `crfs` trains a CRFsuite model; `--bin` converts it to the hashed model sahifa ships
//! ([`sahifa::extract::ner::model::HashedModel`]) and checks on the dev data that the shipped
//! tagger gives the labels `crfs`'s own tagger gives.
//!
//! Data: UTF-8, `TOKEN<TAB>LABEL` a line (BIO over PER ORG GPE LOC), a blank line between
//! sentences (`tools/ner/` makes these files and says where they come from). Each sentence is joined
//! with spaces and run through the same tokeniser and features as the tagger
//! ([`sahifa::extract::ner::featurize`]); a token of ours takes the label of the data token it
//! starts in (B only at the data token's start).

use std::collections::HashMap;
use std::ops::Range;

use crfs::train::Trainer;
use crfs::{Attribute, Model};
use sahifa::extract::ner::model::HashedModel;
use sahifa::extract::ner::{featurize, tag_text};

type Seq = (Vec<Vec<Attribute>>, Vec<String>);

fn read_tsv(path: &str) -> Vec<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (tok, lab) = line.rsplit_once('\t').unwrap_or((line, "O"));
        cur.push((tok.to_string(), lab.trim().to_string()));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Our token sequences for a data sentence, labelled.
fn sequences(sent: &[(String, String)]) -> Vec<Seq> {
    let mut text = String::new();
    let mut spans: Vec<(Range<usize>, &str)> = Vec::new();
    for (tok, lab) in sent {
        if !text.is_empty() {
            text.push(' ');
        }
        let s = text.len();
        text.push_str(tok);
        spans.push((s..text.len(), lab.as_str()));
    }
    let mut out = Vec::new();
    for seq in featurize(&text) {
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for (span, f) in seq {
            let lab = spans.iter().find(|(r, _)| r.start <= span.start && span.start < r.end);
            let y = match lab {
                Some((r, l)) if *l != "O" => {
                    let kind = l.split_once('-').map(|(_, k)| k).unwrap_or(l);
                    if r.start == span.start && l.starts_with('B') {
                        format!("B-{kind}")
                    } else {
                        format!("I-{kind}")
                    }
                }
                _ => "O".to_string(),
            };
            xs.push(f.into_iter().map(|s| Attribute::new(s, 1.0)).collect());
            ys.push(y);
        }
        if !xs.is_empty() {
            out.push((xs, ys));
        }
    }
    out
}

fn spans(ys: &[impl AsRef<str>]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize, String)> = None;
    for (i, y) in ys.iter().enumerate() {
        let y = y.as_ref();
        let (b, k) = y.split_once('-').unwrap_or(("O", ""));
        match (b, cur.as_mut()) {
            ("I", Some(c)) if c.2 == k && c.1 == i => c.1 = i + 1,
            ("B" | "I", _) => {
                out.extend(cur.take());
                cur = Some((i, i + 1, k.to_string()));
            }
            _ => out.extend(cur.take()),
        }
    }
    out.extend(cur);
    out
}

fn evaluate(model_path: &str, dev: &[Seq]) {
    let bytes = std::fs::read(model_path).expect("model");
    let model = Model::new(&bytes).expect("model format");
    let tagger = model.tagger().expect("tagger");
    let mut per: HashMap<String, (usize, usize, usize)> = HashMap::new();
    let t0 = std::time::Instant::now();
    for (xs, ys) in dev {
        let pred = tagger.tag(xs).expect("tag");
        let g = spans(ys);
        let p = spans(&pred);
        for s in &p {
            let e = per.entry(s.2.clone()).or_default();
            e.1 += 1;
            if g.contains(s) {
                e.0 += 1;
            }
        }
        for s in &g {
            per.entry(s.2.clone()).or_default().2 += 1;
        }
    }
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    let mut kinds: Vec<_> = per.into_iter().collect();
    kinds.sort();
    for (k, (a, b, c)) in kinds {
        let (p, r) = (a as f64 / b.max(1) as f64, a as f64 / c.max(1) as f64);
        println!("  {k}: P {p:.3} R {r:.3} F1 {:.3} (gold {c})", 2.0 * p * r / (p + r).max(1e-9));
        tp += a;
        np += b;
        ng += c;
    }
    let (p, r) = (tp as f64 / np.max(1) as f64, tp as f64 / ng.max(1) as f64);
    println!("  all: P {p:.3} R {r:.3} F1 {:.3}  ({:.0?})", 2.0 * p * r / (p + r).max(1e-9), t0.elapsed());
}

/// Converts the CRFsuite model to the shipped form and checks that both tag `dev` alike.
fn convert(model_path: &str, bin: &str, dev: &[Vec<(String, String)>], prune: f32) {
    let bytes = std::fs::read(model_path).expect("model");
    let model = Model::new(&bytes).expect("model format");
    let mut dump = Vec::new();
    model.dump(&mut dump).expect("dump");
    let mut hashed = HashedModel::from_crfsuite_dump(&String::from_utf8_lossy(&dump)).expect("dump format");
    if prune > 0.0 {
        hashed.prune(prune);
    }
    let out = hashed.write();
    std::fs::write(bin, &out).expect("write bin");
    let hashed = HashedModel::read(&out).expect("read back");
    let tagger = model.tagger().expect("tagger");
    let (mut same, mut all) = (0usize, 0usize);
    for sent in dev {
        let text = sent.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" ");
        let ours: Vec<String> = tag_text(&text, &hashed).into_iter().map(|(_, l)| l).collect();
        let theirs: Vec<String> = featurize(&text)
            .into_iter()
            .flat_map(|seq| {
                let xs: Vec<Vec<Attribute>> = seq
                    .into_iter()
                    .map(|(_, f)| f.into_iter().map(|s| Attribute::new(s, 1.0)).collect())
                    .collect();
                tagger.tag(&xs).expect("tag").into_iter().map(str::to_string).collect::<Vec<_>>()
            })
            .collect();
        all += theirs.len();
        same += ours.iter().zip(&theirs).filter(|(a, b)| a == b).count();
    }
    println!(
        "{bin}: {} KB (pruned below {prune}); labels equal to crfs's tagger on {same}/{all} dev tokens",
        out.len() / 1024
    );
    // The shipped tagger's own score on the dev data.
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for sent in dev {
        let text = sent.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" ");
        let ours: Vec<String> = tag_text(&text, &hashed).into_iter().map(|(_, l)| l).collect();
        let gold: Vec<String> = sequences(sent).into_iter().flat_map(|(_, ys)| ys).collect();
        let (p, g) = (spans(&ours), spans(&gold));
        tp += p.iter().filter(|s| g.contains(s)).count();
        np += p.len();
        ng += g.len();
    }
    let (p, r) = (tp as f64 / np.max(1) as f64, tp as f64 / ng.max(1) as f64);
    println!("  shipped tagger: P {p:.3} R {r:.3} F1 {:.3}", 2.0 * p * r / (p + r).max(1e-9));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut train: Vec<(String, f64)> = Vec::new();
    let mut dev: Vec<String> = Vec::new();
    let (mut out, mut model, mut bin) = (None, None, None);
    let (mut c1, mut c2, mut iters, mut minfreq) = (0.05, 0.01, 200usize, 1.0);
    let mut algo = "lbfgs".to_string();
    let mut prune = 0.0f32;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut v = || it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--train" => train.push((v(), 1.0)),
            "--weight" => {
                let s = v();
                let (p, w) = s.rsplit_once('=').expect("--weight FILE=W");
                train.push((p.to_string(), w.parse().expect("weight")));
            }
            "--dev" => dev.push(v()),
            "--out" => out = Some(v()),
            "--model" => model = Some(v()),
            "--bin" => bin = Some(v()),
            "--c1" => c1 = v().parse().expect("c1"),
            "--c2" => c2 = v().parse().expect("c2"),
            "--iters" => iters = v().parse().expect("iters"),
            "--minfreq" => minfreq = v().parse().expect("minfreq"),
            "--algo" => algo = v(),
            "--prune" => prune = v().parse().expect("prune"),
            other => panic!("unknown argument {other}"),
        }
    }
    if let Some(out) = &out {
        // Each algorithm is its own trainer type (crfs does not export the common trait).
        macro_rules! fill {
            ($trainer:expr) => {{
                let mut n = 0;
                for (path, w) in &train {
                    let sents = read_tsv(path);
                    for s in &sents {
                        for (xs, ys) in sequences(s) {
                            $trainer.append_with_weight(&xs, &ys, *w).expect("append");
                            n += 1;
                        }
                    }
                    println!("{path}: {} sentences (weight {w})", sents.len());
                }
                $trainer.set_feature_minfreq(minfreq).expect("minfreq");
                n
            }};
        }
        let t0 = std::time::Instant::now();
        let n = if algo == "ap" {
            let mut trainer = Trainer::averaged_perceptron();
            let n = fill!(trainer);
            trainer.params_mut().set_max_iterations(iters).expect("iters");
            trainer.train(std::path::Path::new(out)).expect("train");
            n
        } else {
            let mut trainer = Trainer::lbfgs();
            let n = fill!(trainer);
            trainer.params_mut().set_c1(c1).expect("c1");
            trainer.params_mut().set_c2(c2).expect("c2");
            trainer.params_mut().set_max_iterations(iters).expect("iters");
            trainer.train(std::path::Path::new(out)).expect("train");
            n
        };
        let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
        println!("trained ({algo}) on {n} sequences in {:.0?}: {out} ({} KB)", t0.elapsed(), size / 1024);
        model = Some(out.clone());
    }
    if let (Some(m), Some(b)) = (&model, &bin) {
        let sents: Vec<_> = dev.iter().flat_map(|d| read_tsv(d)).collect();
        convert(m, b, &sents, prune);
    }
    if let Some(m) = model {
        for d in &dev {
            println!("{d}:");
            let seqs: Vec<Seq> = read_tsv(d).iter().flat_map(|s| sequences(s)).collect();
            evaluate(&m, &seqs);
        }
    }
}
