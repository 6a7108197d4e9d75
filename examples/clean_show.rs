//! Prints what cleaning removes from each article of PATH... (files, folders, JSON Lines), loaded
//! as one batch: `cargo run --example clean_show -- PATH...`. For looking at outlets, not a check.

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let loaded = sahifa::article::load_paths(&paths, &Default::default());
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    if std::env::var_os("CLEAN_SHOW_JSON").is_some() {
        for a in &loaded.articles {
            let removed: Vec<&String> = a.removed.iter().flat_map(|r| &r.lines).collect();
            let kept: Vec<&str> = a.paragraph_texts().collect();
            println!("{}", serde_json::json!({"title": a.title, "kept": kept, "removed": removed}));
        }
        return;
    }
    for a in &loaded.articles {
        if a.removed.is_empty() {
            continue;
        }
        println!("== {} #{} [{}] {}", a.path, a.index, a.source.as_deref().unwrap_or(""), a.title);
        for r in &a.removed {
            for l in &r.lines {
                let short: String = l.chars().take(110).collect();
                println!("  - @{} {short}", r.at);
            }
        }
    }
}
