//! Cleaning against a hand-made gold set (tests/fixtures/clean/{tune,tune2,tune3,tune4,tune5,test}; see the README there):
//! every line of each article is marked article or boilerplate. Each split is loaded as one batch
//! (as `sahifa DIR` does), and two figures are measured over the split:
//! - boilerplate recall: the share of boilerplate lines that are gone from the cleaned article;
//! - article lines lost: the share of article lines that are gone.
//!
//! `tune`, `tune2`, `tune3`, `tune4` and `tune5` are for tuning: `CLEAN_GOLD_VERBOSE=1 cargo test --test clean_gold -- --nocapture` prints
//! its per-line errors. `test` is frozen: only its totals are ever computed and printed.
//! `CLEAN_GOLD_DIR=PATH` scores another folder of the same shape (or of the extraction gold's).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sahifa::article::{LoadOptions, load_paths};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[path = "support/clean_gold.rs"]
mod clean_support;
use clean_support::norm;

#[derive(Default, Debug)]
struct Score {
    articles: usize,
    boilerplate: usize,
    boilerplate_gone: usize,
    article_lines: usize,
    article_lost: usize,
}

impl Score {
    fn recall(&self) -> f64 {
        if self.boilerplate == 0 { 1.0 } else { self.boilerplate_gone as f64 / self.boilerplate as f64 }
    }
    fn lost(&self) -> f64 {
        if self.article_lines == 0 { 0.0 } else { self.article_lost as f64 / self.article_lines as f64 }
    }
}

fn strings(v: &serde_json::Value, keys: &[&str]) -> HashSet<String> {
    keys.iter()
        .filter_map(|k| v[*k].as_array())
        .flat_map(|a| a.iter().filter_map(|x| x.as_str()).map(norm))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Scores every `NAME.txt` with a `NAME.json` gold in `dir`; `verbose` prints each error.
fn score(dir: &Path, verbose: bool) -> Score {
    let mut txts: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.with_extension("json").exists())
        .collect();
    txts.sort();
    let loaded = load_paths(&txts, &LoadOptions::default());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.articles.len(), txts.len());
    let mut s = Score::default();
    for (path, a) in txts.iter().zip(&loaded.articles) {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap()).unwrap();
        let bp = strings(&gold, &["boilerplate", "body_boilerplate"]);
        let optional = strings(&gold, &["optional", "body_boilerplate_optional"]);
        let kept: HashSet<String> = a.paragraph_texts().map(norm).collect();
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        s.articles += 1;
        // The first line is the headline: not scored.
        for line in text.lines().skip(1).map(norm).filter(|l| !l.is_empty()) {
            let is_kept = kept.contains(&line);
            if bp.contains(&line) {
                s.boilerplate += 1;
                if is_kept {
                    if verbose {
                        println!("{name}: boilerplate kept: {line}");
                    }
                } else {
                    s.boilerplate_gone += 1;
                }
            } else if !optional.contains(&line) {
                s.article_lines += 1;
                if !is_kept {
                    s.article_lost += 1;
                    if verbose {
                        println!("{name}: article line lost: {line}");
                    }
                }
            }
        }
    }
    s
}

fn report(split: &str, s: &Score) {
    println!(
        "clean gold {split}: {} articles; boilerplate recall {:.3} ({}/{}); article lines lost {:.4} ({}/{})",
        s.articles,
        s.recall(),
        s.boilerplate_gone,
        s.boilerplate,
        s.lost(),
        s.article_lost,
        s.article_lines
    );
}

fn split_dir(split: &str) -> PathBuf {
    root().join("tests/fixtures/clean").join(split)
}

/// Scores the split `name` (at least `min_articles`, some boilerplate) against its floors; its
/// per-line errors are printed with `CLEAN_GOLD_VERBOSE` only where `tuning` (never for `test`).
fn check_split(name: &str, min_articles: usize, min_recall: f64, max_lost: f64, tuning: bool) {
    let verbose = tuning && std::env::var_os("CLEAN_GOLD_VERBOSE").is_some();
    let s = score(&split_dir(name), verbose);
    report(name, &s);
    assert!(s.articles >= min_articles && s.boilerplate > 0);
    assert!(s.recall() >= min_recall, "{name}: boilerplate recall {:.3}", s.recall());
    assert!(s.lost() <= max_lost, "{name}: article lines lost {:.4}", s.lost());
}

#[test]
fn tune_split() {
    check_split("tune", 20, TUNE_MIN_RECALL, TUNE_MAX_LOST, true);
}

/// The second tuning batch (tests/fixtures/clean/tune2, annotated after the cleaner was written,
/// for tuning rules that generalise beyond `tune`).
#[test]
fn tune2_split() {
    check_split("tune2", 20, TUNE2_MIN_RECALL, TUNE2_MAX_LOST, true);
}

/// The third tuning batch (tests/fixtures/clean/tune3, 30 corpus articles labelled before the
/// cleaner was ever run on them; its first score was a held-out estimate, see the README there).
#[test]
fn tune3_split() {
    check_split("tune3", 30, TUNE3_MIN_RECALL, TUNE3_MAX_LOST, true);
}

/// The fourth tuning batch (tests/fixtures/clean/tune4, 25 corpus articles chosen for the kinds of
/// boilerplate the frozen half has most, labelled before the cleaner was run on them; its first
/// score was a held-out estimate, see the README there).
#[test]
fn tune4_split() {
    check_split("tune4", 25, TUNE4_MIN_RECALL, TUNE4_MAX_LOST, true);
}

/// The fifth tuning batch (tests/fixtures/clean/tune5: 8 real pages of other outlets loaded as
/// sahifa loads them, 8 corpus articles found by promo and furniture cues), for promos and site
/// furniture across outlets.
#[test]
fn tune5_split() {
    check_split("tune5", 16, TUNE5_MIN_RECALL, TUNE5_MAX_LOST, true);
}

/// The frozen split: totals only, never a line.
#[test]
fn test_split() {
    check_split("test", 20, TEST_MIN_RECALL, TEST_MAX_LOST, false);
}

/// Any folder of gold articles, for exploring (not a check).
#[test]
fn other_folder() {
    if let Some(dir) = std::env::var_os("CLEAN_GOLD_DIR") {
        let dir = PathBuf::from(dir);
        let verbose = std::env::var_os("CLEAN_GOLD_VERBOSE").is_some() && !dir.ends_with("test");
        let s = score(&dir, verbose);
        report(&dir.display().to_string(), &s);
    }
}

// Floors a little under the measured figures (4 Dec 2026: tune 1.000 / 0.000; tune2
// 1.000 / 0.000; tune3 0.968 / 0.000; tune4 1.000 / 0.000, first scored held out at 0.851 / 0 of 233;
// test 0.625 / 0.000, up from 0.542; then tune5 1.000 / 0.015 (2 of 131, an embedded post,
// see below), first scored held out at the same, test unchanged at 0.625 / 0.000). The issue asks 0.85 recall on the test split; the cleaner does
// not reach it there: the floor records what holds, not the target.
const TUNE_MIN_RECALL: f64 = 0.95;
const TUNE_MAX_LOST: f64 = 0.01;
const TUNE2_MIN_RECALL: f64 = 0.9;
const TUNE2_MAX_LOST: f64 = 0.01;
const TUNE3_MIN_RECALL: f64 = 0.9;
const TUNE3_MAX_LOST: f64 = 0.01;
const TUNE4_MIN_RECALL: f64 = 0.95;
const TUNE4_MAX_LOST: f64 = 0.01;
// tune5's two lost lines are an embedded post (its text with the pic.twitter.com link, and its
// signature) that the cleaner strips by design (see clean.rs, page_furniture_lines_and_feed_footers):
// labelled article before the first score, and left so.
const TUNE5_MIN_RECALL: f64 = 0.95;
const TUNE5_MAX_LOST: f64 = 0.02;
const TEST_MIN_RECALL: f64 = 0.6;
const TEST_MAX_LOST: f64 = 0.01;
