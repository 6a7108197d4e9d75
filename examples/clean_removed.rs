//! Every line cleaning removes from a JSON-lines corpus loaded as one batch, one per output line:
//! `article index<TAB>source<TAB>line`. Diff two runs to read what a change newly removes or gives back.
//!
//! `cargo run --release --example clean_removed -- FILE.jsonl > removed.tsv`

use sahifa::article::{LoadOptions, load_bytes};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: clean_removed FILE.jsonl");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let opts = LoadOptions { max_file_size: u64::MAX, ..LoadOptions::default() };
    let mut arts = load_bytes(&path, &bytes, Some("jsonl"), &opts).articles;
    sahifa::article::furniture::apply(&mut arts);
    for a in &arts {
        let src = a.source.clone().unwrap_or_default();
        for r in &a.removed {
            for l in &r.lines {
                println!("{}\t{}\t{}", a.index, src, l);
            }
        }
    }
}
