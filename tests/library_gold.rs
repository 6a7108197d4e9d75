//! The seeds against their gold annotations (copied into tests/fixtures/library/gold): titles equal
//! the gold titles, every gold boilerplate line is gone, and every other line of the file is kept.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sahifa::article::{Article, LoadOptions, load_paths};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whitespace (no-break spaces too) collapsed, quotation marks unified.
fn norm(s: &str) -> String {
    let s: String = s.chars().map(|c| if matches!(c, '“' | '”' | '«' | '»') { '"' } else { c }).collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Gold {
    file: String,
    title: Option<String>,
    boilerplate: HashSet<String>,
    optional: HashSet<String>,
}

fn golds() -> Vec<Gold> {
    let dir = root().join("tests/fixtures/library/gold");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let set = |v: &serde_json::Value| -> HashSet<String> {
        v.as_array().map(|a| a.iter().filter_map(|x| x.as_str()).map(norm).collect()).unwrap_or_default()
    };
    let golds: Vec<Gold> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            Gold {
                file: v["file"].as_str().unwrap().to_string(),
                title: v["title"].as_str().map(str::to_string),
                boilerplate: set(&v["body_boilerplate"]),
                optional: set(&v["body_boilerplate_optional"]),
            }
        })
        .collect();
    assert_eq!(golds.len(), 5);
    golds
}

fn load(file: &str, raw: bool) -> Article {
    let path = root().join("seeds").join(file);
    let mut loaded = load_paths(&[path], &LoadOptions { raw, ..Default::default() });
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.articles.len(), 1);
    loaded.articles.remove(0)
}

fn lines(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("seeds").join(file)).unwrap();
    text.split('\n').map(norm).filter(|l| !l.is_empty()).collect()
}

#[test]
fn titles_equal_gold() {
    for g in golds() {
        let a = load(&g.file, false);
        match &g.title {
            Some(t) => assert_eq!(norm(&a.title), norm(t), "{}", g.file),
            None => {
                // No headline: the lede stays in the body, and no title is invented in the data.
                assert_eq!(a.title, "", "{}", g.file);
                assert_eq!(norm(a.paragraph_texts().next().unwrap()), lines(&g.file)[0], "{}", g.file);
                assert!(!a.display_title().is_empty());
            }
        }
    }
}

#[test]
fn boilerplate_gone_and_every_other_line_kept() {
    for g in golds() {
        let a = load(&g.file, false);
        let body: HashSet<String> = a.paragraph_texts().map(norm).collect();
        let title = norm(&a.title);
        for line in lines(&g.file) {
            if g.boilerplate.contains(&line) {
                assert!(!body.contains(&line), "{}: boilerplate kept: {line}", g.file);
            } else if !g.optional.contains(&line) {
                assert!(body.contains(&line) || line == title, "{}: line lost: {line}", g.file);
            }
        }
    }
}

#[test]
fn raw_keeps_every_line() {
    for g in golds() {
        let a = load(&g.file, true);
        let mut all: Vec<String> = a.paragraph_texts().map(norm).collect();
        if !a.title.is_empty() {
            all.insert(0, norm(&a.title));
        }
        assert_eq!(all, lines(&g.file), "{}", g.file);
    }
}

#[test]
fn bundled_seeds_load_like_files() {
    let bundled = sahifa::article::load_bundled(&LoadOptions::default());
    assert!(bundled.warnings.is_empty());
    assert_eq!(bundled.articles.len(), 5);
    for (b, g) in bundled.articles.iter().zip(golds()) {
        let f = load(&g.file, false);
        assert_eq!(b.id, f.id);
        assert!(Path::new(&b.path).starts_with("seeds"));
    }
}
