//! The gold evaluation of `extract_eval.py`, in Rust, over copies of the seeds and their gold
//! annotations (tests/fixtures/extract/), so CI checks quote and speaker F1 without /work/shared.
//!
//! Quote match: normalised texts overlap (longest common substring / longer text ≥ 0.5), greedy
//! one-to-one; optional gold quotes count neither way. Speaker match: through the gold actor's
//! name and aliases (clitics stripped), or a containment of one in the other.

use std::collections::HashSet;

#[path = "support/gold.rs"]
mod gold;
use gold::{gold_actor_keys, gold_files, keys, overlap, same, unnamed_speaker};

use sahifa::extract::extract;
use serde_json::Value;

const FILES: &[&str] = &[
    "000_bb4b77b62cfebfb5",
    "001_ab347057d505572f",
    "002_462bbe564c48e55a",
    "003_a25564347d838f35",
    "004_b14c644140988ae2",
];

/// Counts over a set of articles.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    /// Quotes matched, predicted, gold.
    tp: usize,
    np: usize,
    ng: usize,
    /// Quotes matched with the right speaker.
    atp: usize,
    /// Actors: predicted that match a gold actor, predicted, gold matched, gold.
    a_tp: usize,
    a_np: usize,
    a_gm: usize,
    a_ng: usize,
}

impl Score {
    fn quote_f1(&self) -> f64 {
        f1(self.tp, self.np, self.ng)
    }
    fn speaker_f1(&self) -> f64 {
        f1(self.atp, self.np, self.ng)
    }
    fn actor_p(&self) -> f64 {
        self.a_tp as f64 / self.a_np.max(1) as f64
    }
    fn actor_r(&self) -> f64 {
        self.a_gm as f64 / self.a_ng.max(1) as f64
    }
    fn actor_f1(&self) -> f64 {
        let (p, r) = (self.actor_p(), self.actor_r());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn report(&self, name: &str) {
        eprintln!(
            "{name}: quote F1 {:.3} (tp {}, pred {}, gold {}); speaker F1 {:.3}; actor P/R/F1 {:.3}/{:.3}/{:.3}",
            self.quote_f1(),
            self.tp,
            self.np,
            self.ng,
            self.speaker_f1(),
            self.actor_p(),
            self.actor_r(),
            self.actor_f1()
        );
    }
}

fn evaluate() -> Score {
    let files: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    evaluate_in(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extract"), &files, false)
}

/// Scores the articles `files` of `dir`; `direct_only` keeps direct and partial quotes only.
///
/// A quote by an unnamed gold speaker (مصدر مطلع، سكان) is attributed right when sahifa names no
/// speaker and gives the source's description ([`sahifa::extract::Quote::source`]) or, as before,
/// names that description as the speaker.
fn evaluate_in(dir: &str, files: &[String], direct_only: bool) -> Score {
    // `EXTRACT_GOLD_ERRORS=<split>` lists the errors of one tuning split (never of the frozen one).
    let show = !direct_only
        && !dir.ends_with("/test")
        && !dir.ends_with("/dev2")
        && std::env::var("EXTRACT_GOLD_ERRORS").is_ok_and(|v| dir.ends_with(&format!("/{v}")));
    let kept = |kind: &str| !direct_only || kind != "indirect";
    let mut sc = Score::default();
    for f in files {
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{f}.json")).expect("fixture gold"))
                .expect("json");
        let art = gold::load_article(dir, f);
        let mut x = extract(&art);
        // The body's quotes, as `sahifa extract` lists them under "quotes" and the shared
        // extract_eval.py scores them: the annotations (seeds and ours) mark speech in the body;
        // the headline's quotes are listed apart.
        x.quotes.retain(|q| !q.in_title && kept(&format!("{:?}", q.kind).to_lowercase()));
        let mut gq = gold["quotes"].as_array().cloned().unwrap_or_default();
        gq.retain(|g| kept(g["kind"].as_str().unwrap_or("direct")));
        let mut pairs = Vec::new();
        for (i, p) in x.quotes.iter().enumerate() {
            for (j, g) in gq.iter().enumerate() {
                let o = overlap(&p.text, g["text"].as_str().unwrap_or(""));
                if o >= 0.5 {
                    pairs.push((o, i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
        let (mut up, mut ug) = (HashSet::new(), HashSet::new());
        let mut opt_matched = 0;
        for (_, i, j) in pairs {
            if up.contains(&i) || ug.contains(&j) {
                continue;
            }
            up.insert(i);
            ug.insert(j);
            let g = &gq[j];
            if g["optional"].as_bool() == Some(true) {
                opt_matched += 1;
                continue;
            }
            sc.tp += 1;
            let p = &x.quotes[i];
            let gs = g["speaker"].as_str().unwrap_or("");
            let mut speakers = vec![gs.to_string()];
            speakers.extend(
                g["speaker_alternatives"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_string)),
            );
            let before = sc.atp;
            if let Some(sp) = p.speaker.and_then(|s| x.actors.get(s)) {
                let cand = keys(std::iter::once(sp.name.clone()).chain(sp.aliases.iter().cloned()));
                if speakers.iter().filter(|s| !s.is_empty()).any(|s| same(&cand, &gold_actor_keys(&gold, s)))
                {
                    sc.atp += 1;
                }
            } else if p.source.is_some() && unnamed_speaker(&gold, gs) {
                sc.atp += 1;
            }
            if show && sc.atp == before {
                let got = p.speaker.and_then(|s| x.actors.get(s)).map(|a| a.name.as_str());
                eprintln!(
                    "{f} SPEAKER gold {gs:?} got {got:?} source {:?} | {}",
                    p.source,
                    p.text.chars().take(70).collect::<String>()
                );
            }
        }
        if show {
            for (_, p) in x.quotes.iter().enumerate().filter(|(i, _)| !up.contains(i)) {
                let got = p.speaker.and_then(|s| x.actors.get(s)).map(|a| a.name.as_str());
                eprintln!("{f} FP_QUOTE {got:?} | {}", p.text.chars().take(90).collect::<String>());
            }
            for (_, g) in gq
                .iter()
                .enumerate()
                .filter(|(j, g)| !ug.contains(j) && g["optional"].as_bool() != Some(true))
            {
                let t: String = g["text"].as_str().unwrap_or("").chars().take(90).collect();
                eprintln!(
                    "{f} FN_QUOTE {:?} {:?} | {t}",
                    g["kind"].as_str().unwrap_or(""),
                    g["speaker"].as_str()
                );
            }
        }
        sc.np += x.quotes.len() - opt_matched;
        sc.ng += gq.iter().filter(|g| g["optional"].as_bool() != Some(true)).count();
        // Actors: named gold actors (unnamed sources are listed only as speakers).
        let ga: Vec<&Value> = gold["actors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|a| a["unnamed"].as_bool() != Some(true))
            .collect();
        let mut used = HashSet::new();
        for a in &x.actors {
            let cand = keys(std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()));
            if let Some(j) = (0..ga.len())
                .filter(|j| !used.contains(j))
                .find(|&j| same(&cand, &gold_actor_keys(&gold, ga[j]["name"].as_str().unwrap_or(""))))
            {
                used.insert(j);
                sc.a_tp += 1;
            }
        }
        if show {
            for a in &x.actors {
                let cand = keys(std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()));
                if !ga.iter().any(|g| same(&cand, &gold_actor_keys(&gold, g["name"].as_str().unwrap_or(""))))
                {
                    eprintln!("{f} FP_ACTOR {:?} {:?} {:?}", a.name, a.kind, a.aliases);
                }
            }
            for (_, g) in ga.iter().enumerate().filter(|(j, _)| !used.contains(j)) {
                eprintln!("{f} FN_ACTOR {} {}", g["name"], g["kind"]);
            }
        }
        sc.a_np += x.actors.len();
        sc.a_gm += used.len();
        sc.a_ng += ga.len();
    }
    sc
}

fn f1(tp: usize, np: usize, ng: usize) -> f64 {
    let p = if np == 0 { 0.0 } else { tp as f64 / np as f64 };
    let r = if ng == 0 { 0.0 } else { tp as f64 / ng as f64 };
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

fn split(name: &str) -> (String, Vec<String>) {
    let dir = format!("{}/tests/fixtures/extract/{name}", env!("CARGO_MANIFEST_DIR"));
    let files = gold_files(&dir);
    (dir, files)
}

#[test]
fn seeds_quote_and_speaker_f1() {
    let sc = evaluate();
    sc.report("seeds");
    // Floors a little under today's figures on the raw (uncleaned) seeds: a rule change that
    // loses quotes or speakers fails here.
    assert!(sc.quote_f1() >= 0.90, "quote F1 {:.3}", sc.quote_f1());
    assert!(sc.speaker_f1() >= 0.84, "speaker F1 {:.3}", sc.speaker_f1());
}

/// The tuning split: eighty news articles from other outlets and topics (sport, economy,
/// technology, culture, politics) and forty more annotated later (`tune/`), all annotated by hand
/// independently of the rules and used while tuning them and training the name tagger: floors a
/// little under today's figures, so that a change that helps the seeds but hurts other news fails.
#[test]
fn tuning_split_quotes_speakers_and_actors() {
    let (dir, files) = split("unseen");
    assert!(files.len() >= 80);
    let sc = evaluate_in(&dir, &files, false);
    let d = evaluate_in(&dir, &files, true);
    let direct_p = d.tp as f64 / d.np.max(1) as f64;
    sc.report("tuning/unseen");
    eprintln!("tuning/unseen: direct precision {direct_p:.3} ({}/{}, gold {})", d.tp, d.np, d.ng);
    assert!(sc.quote_f1() >= 0.84, "quote F1 {:.3}", sc.quote_f1());
    assert!(sc.speaker_f1() >= 0.70, "speaker F1 {:.3}", sc.speaker_f1());
    assert!(direct_p >= 0.90, "direct-quote precision {direct_p:.3}");
    let (dir, files) = split("tune");
    assert!(files.len() >= 40);
    let sc = evaluate_in(&dir, &files, false);
    sc.report("tuning/tune");
    assert!(sc.quote_f1() >= TUNE_FLOOR.0, "quote F1 {:.3}", sc.quote_f1());
    assert!(sc.speaker_f1() >= TUNE_FLOOR.1, "speaker F1 {:.3}", sc.speaker_f1());
    assert!(sc.actor_f1() >= TUNE_FLOOR.2, "actor F1 {:.3}", sc.actor_f1());
}

/// Floors on the `tune/` articles: quote F1, speaker F1, actor F1.
const TUNE_FLOOR: (f64, f64, f64) = (0.78, 0.64, 0.81);

/// The frozen test split: thirty corpus articles (five outlets) annotated blind and never looked
/// at while tuning; only their totals are read. Floors a little under the figures measured once.
#[test]
fn frozen_test_split() {
    held_out("test", "test (frozen)", TEST_FLOOR);
}

/// A second held-out split (`dev2/`): thirty more corpus articles, six per outlet, annotated blind
/// on 4 Dec 2026 and, like `test/`, never tuned on: only its totals are read.
#[test]
fn heldout_dev2_split() {
    held_out("dev2", "dev2 (held out)", DEV2_FLOOR);
}

/// Scores a held-out split (totals only) against its floors: quote F1, speaker F1, actor F1.
fn held_out(name: &str, label: &str, floor: (f64, f64, f64)) {
    let (dir, files) = split(name);
    assert!(files.len() >= 30);
    let sc = evaluate_in(&dir, &files, false);
    sc.report(label);
    assert!(sc.quote_f1() >= floor.0, "quote F1 {:.3}", sc.quote_f1());
    assert!(sc.speaker_f1() >= floor.1, "speaker F1 {:.3}", sc.speaker_f1());
    assert!(sc.actor_f1() >= floor.2, "actor F1 {:.3}", sc.actor_f1());
}

/// Floors on the held-out `dev2/` split: quote F1, speaker F1, actor F1.
const DEV2_FLOOR: (f64, f64, f64) = (0.80, 0.62, 0.80);

/// Floors on the frozen test split: quote F1, speaker F1, actor F1.
const TEST_FLOOR: (f64, f64, f64) = (0.81, 0.61, 0.73);

#[test]
fn overlap_is_longest_common_substring_ratio() {
    assert!((overlap("قال إن", "قال إن") - 1.0).abs() < 1e-9);
    assert!(overlap("abc", "xyz") < 1e-9);
    assert!(overlap("الهدف هو", "«الهدف هو»") > 0.99);
}
