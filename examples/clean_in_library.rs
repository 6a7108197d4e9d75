//! The cleaning gold scored inside the library: the whole corpus is cleaned as one batch (as a
//! first load of the outlets' articles would be: furniture learnt across all of them), then each
//! gold article of `tests/fixtures/clean/{tune,tune2,tune3,tune4,tune5,test}` is scored as it came out of that
//! batch, found by its `origin` corpus line. A second, disclosed measurement beside `cargo test
//! --test clean_gold` (which cleans each split as a batch of its own, 20-30 articles): here a teaser
//! that is another article's lead, or a footer shared by hundreds of articles, can be recognised.
//!
//! `cargo run --release --example clean_in_library -- CORPUS.jsonl[.gz] [GOLD_DIR]`
//! (GOLD_DIR defaults to tests/fixtures/clean). Per split: boilerplate recall and article lines lost;
//! `VERBOSE=1` prints the errors of the tuning splits (never of `test`: its totals only).

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use sahifa::article::{LoadOptions, load_bytes};

#[path = "../tests/support/clean_gold.rs"]
mod clean_support;
use clean_support::norm;

fn strings(v: &serde_json::Value, key: &str) -> HashSet<String> {
    v[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str())
        .map(norm)
        .filter(|s| !s.is_empty())
        .collect()
}

fn fail(msg: String) -> ! {
    eprintln!("{msg}");
    std::process::exit(1)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: clean_in_library CORPUS.jsonl[.gz] [GOLD_DIR]");
        std::process::exit(2);
    };
    let gold = Path::new(args.get(2).map(String::as_str).unwrap_or("tests/fixtures/clean")).to_path_buf();
    let raw = std::fs::read(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
    let bytes = if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .unwrap_or_else(|e| fail(format!("{path}: not gzip ({e})")));
        out
    } else {
        raw
    };
    let lines = bytes.split(|b| *b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
    let opts = LoadOptions { max_file_size: u64::MAX, ..LoadOptions::default() };
    let t0 = std::time::Instant::now();
    let loaded = load_bytes(path, &bytes, Some("jsonl"), &opts);
    let mut arts = loaded.articles;
    sahifa::article::furniture::apply(&mut arts);
    let secs = t0.elapsed().as_secs_f64();
    // The article's index is its position among the parsed lines: equal to the corpus line only
    // when no line was skipped.
    if arts.len() != lines || !loaded.warnings.is_empty() {
        fail(format!("{path}: {} articles for {lines} lines ({:?})", arts.len(), loaded.warnings));
    }
    println!(
        "{path}: {} articles cleaned as one batch in {secs:.1} s ({:.1} MiB/s)",
        arts.len(),
        bytes.len() as f64 / secs / (1024.0 * 1024.0)
    );
    let verbose = std::env::var_os("VERBOSE").is_some();
    for split in ["tune", "tune2", "tune3", "tune4", "tune5", "test"] {
        let dir = gold.join(split);
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        let mut jsons: Vec<_> = rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "json")
                    && p.file_stem().is_some_and(|s| s.to_string_lossy().bytes().all(|b| b.is_ascii_digit()))
            })
            .collect();
        jsons.sort();
        let (mut n, mut skipped, mut bp, mut gone, mut art, mut lost) = (0, 0, 0, 0, 0, 0);
        for j in &jsons {
            let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(j).unwrap_or_default())
                .unwrap_or_else(|e| fail(format!("{}: {e}", j.display())));
            let origin = g["origin"].as_str().unwrap_or("");
            let Some(k) =
                origin.strip_prefix("corpus line ").and_then(|r| r.split(' ').next()?.parse::<usize>().ok())
            else {
                skipped += 1; // a fixture page, not in the corpus
                continue;
            };
            let text = std::fs::read_to_string(j.with_extension("txt")).unwrap_or_default();
            let Some(a) = arts.get(k) else { fail(format!("{}: no corpus line {k}", j.display())) };
            if norm(text.lines().next().unwrap_or("")) != norm(&a.title) && !a.title.is_empty() {
                eprintln!("{}: corpus line {k} has another title: {}", j.display(), a.title);
            }
            n += 1;
            let (b, o) = (strings(&g, "boilerplate"), strings(&g, "optional"));
            let kept: HashSet<String> = a.paragraph_texts().map(norm).collect();
            let name = j.file_name().unwrap_or_default().to_string_lossy();
            for line in text.lines().skip(1).map(norm).filter(|l| !l.is_empty()) {
                let is_kept = kept.contains(&line);
                if b.contains(&line) {
                    bp += 1;
                    gone += usize::from(!is_kept);
                    if is_kept && verbose && split != "test" {
                        println!("  {split}/{name}: boilerplate kept: {line}");
                    }
                } else if !o.contains(&line) {
                    art += 1;
                    lost += usize::from(!is_kept);
                    if !is_kept && verbose && split != "test" {
                        println!("  {split}/{name}: article line lost: {line}");
                    }
                }
            }
        }
        let recall = if bp == 0 { 1.0 } else { gone as f64 / bp as f64 };
        let lost_share = if art == 0 { 0.0 } else { lost as f64 / art as f64 };
        println!(
            "in library {split}: {n} corpus articles ({skipped} fixture pages not in the corpus); boilerplate recall {recall:.3} ({gone}/{bp}); article lines lost {lost_share:.4} ({lost}/{art})"
        );
    }
}
