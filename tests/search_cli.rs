//! `sahifa search` from outside: the Azerbaijan must-show, exact JSON keys, exit codes, safety.

use assert_cmd::Command;
use serde_json::Value;

fn sahifa() -> Command {
    Command::cargo_bin("sahifa").unwrap()
}

fn json_rows(args: &[&str]) -> Vec<Value> {
    let out = sahifa().arg("search").arg("--format").arg("json").args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

fn files(rows: &[Value]) -> Vec<String> {
    rows.iter().map(|r| r["file"].as_str().unwrap().to_string()).collect()
}

/// The bundled articles that mention Azerbaijan, found without sahifa: any spelling of its letters
/// (alef with or without hamza), with anything attached.
fn mentioning_azerbaijan() -> Vec<String> {
    sahifa::article::BUNDLED
        .iter()
        .filter(|(_, t)| t.contains("أذربيج") || t.contains("اذربيج"))
        .map(|(p, _)| p.to_string())
        .collect()
}

#[test]
fn every_article_on_azerbaijan_is_found_by_each_spelling() {
    let want = mentioning_azerbaijan();
    assert_eq!(want.len(), 5);
    for q in ["أذربيجان", "اذربيجان", "الأذربيجانية"] {
        assert_eq!(files(&json_rows(&[q])), want, "{q}");
    }
}

#[test]
fn a_folder_of_copies_gives_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    for (p, t) in sahifa::article::BUNDLED {
        let name = p.rsplit('/').next().unwrap();
        std::fs::write(dir.path().join(name), t).unwrap();
    }
    let rows = json_rows(&["الأذربيجانية", dir.path().to_str().unwrap()]);
    assert_eq!(rows.len(), 5);
}

#[test]
fn json_objects_have_exactly_the_five_keys() {
    let rows = json_rows(&["\"نيكول باشينيان\""]);
    assert!(!rows.is_empty());
    for r in &rows {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["file", "hits", "index", "snippet", "title"]);
        assert!(r["hits"].as_u64().unwrap() >= 1);
        assert!(r["snippet"].as_str().unwrap().contains("نيكول باشينيان"), "{r}");
    }
}

#[test]
fn precision_exact_word_and_phrases() {
    let want: Vec<String> = sahifa::article::BUNDLED
        .iter()
        .filter(|(_, t)| t.contains("وأذربيجان"))
        .map(|(p, _)| p.to_string())
        .collect();
    assert_eq!(files(&json_rows(&["=وأذربيجان"])), want);
    assert_eq!(
        files(&json_rows(&["يريفان ماكرون"])),
        ["seeds/002_462bbe564c48e55a.txt"],
        "all words, in one article"
    );
}

#[test]
fn no_match_prints_an_empty_list_or_nothing_and_exits_0() {
    assert!(json_rows(&["برشلونة"]).is_empty());
    sahifa().args(["search", "برشلونة"]).assert().success().stdout("");
}

#[test]
fn text_rows_are_one_line_per_article() {
    let out = sahifa().args(["search", "أردوغان"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        let cols: Vec<&str> = l.split('\t').collect();
        assert_eq!(cols.len(), 5, "{l}");
        assert!(cols[0].starts_with("seeds/") && cols[1] == "0" && cols[3].parse::<usize>().unwrap() > 0);
    }
}

#[test]
fn nothing_loaded_exits_1() {
    sahifa().args(["search", "أذربيجان", "/no/such/file.txt"]).assert().code(1);
}

#[test]
fn hostile_text_is_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.txt");
    std::fs::write(&f, "عنوان \u{1b}]0;pwned\u{7}\u{202E}خبر\nقالت أذربيجان\u{1b}[2J شيئا").unwrap();
    let out = sahifa().args(["search", "أذربيجان", f.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("أذربيجان"));
    assert!(!s.contains('\u{1b}') && !s.contains('\u{202E}') && !s.contains('\u{7}'), "{s:?}");
}
