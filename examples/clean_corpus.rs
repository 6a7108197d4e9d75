//! What cleaning removes from a whole corpus, by outlet: a check of precision without labels (on
//! outlets known to append nothing, every removed paragraph is a suspect).
//!
//! `cargo run --release --example clean_corpus -- FILE.jsonl [OUTLET [N]]` loads a JSON-lines file
//! of articles (title, body, source) as one batch, as the library would, and prints per outlet the
//! articles, the articles with removed lines and the removed lines; with OUTLET, up to N of that
//! outlet's removed blocks (default 20), each with the kept paragraph before it; with TAILS=1 in
//! the environment, the last paragraphs of that outlet's articles where nothing was cut at the end.

use sahifa::article::{LoadOptions, load_bytes};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: clean_corpus FILE.jsonl [OUTLET [N]]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let opts = LoadOptions { max_file_size: u64::MAX, ..LoadOptions::default() };
    let mut arts = load_bytes(path, &bytes, Some("jsonl"), &opts).articles;
    if std::env::var_os("NO_FURNITURE").is_none() {
        sahifa::article::furniture::apply(&mut arts);
    }
    let mut by: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    let show = args.get(2);
    let mut left: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(20);
    for a in &arts {
        let src = a.source.clone().unwrap_or_default();
        let e = by.entry(src.clone()).or_default();
        e.0 += 1;
        let n: usize = a.removed.iter().map(|r| r.lines.len()).sum();
        if n > 0 {
            e.1 += 1;
            e.2 += n;
        }
        // TAILS=1: the last paragraphs of the articles where nothing was removed at the end.
        if std::env::var_os("TAILS").is_some() {
            if show == Some(&src) && !a.removed.iter().any(|r| r.at == a.paragraphs.len()) && left > 0 {
                left -= 1;
                let paras: Vec<&str> = a.paragraph_texts().collect();
                println!("## {} | {}", a.index, a.title);
                for p in &paras[paras.len().saturating_sub(5)..] {
                    println!("   {}", p.chars().take(110).collect::<String>());
                }
            }
        } else if show == Some(&src) && n > 0 && left > 0 {
            left -= 1;
            let paras: Vec<&str> = a.paragraph_texts().collect();
            println!("## {} | {}", a.index, a.title);
            for r in &a.removed {
                let before = r.at.checked_sub(1).and_then(|i| paras.get(i)).copied().unwrap_or("(start)");
                println!("   kept: {}", before.chars().take(120).collect::<String>());
                for l in &r.lines {
                    println!("   DROP: {}", l.chars().take(160).collect::<String>());
                }
            }
        }
    }
    for (src, (n, with, lines)) in by {
        println!("{src}: {n} articles, {with} with removed lines, {lines} lines removed");
    }
}
