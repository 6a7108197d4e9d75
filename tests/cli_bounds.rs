//! The CLI's edges: widths refused by one shared validator (`render`, `list`, `search`, `actors`),
//! an empty search refused and a search without hits saying so, `--limit`, and `list` showing file
//! names (not folders) within the width asked for.

use assert_cmd::Command;
use predicates::prelude::*;
use unicode_width::UnicodeWidthStr;

fn sahifa() -> Command {
    let mut c = Command::cargo_bin("sahifa").unwrap();
    c.env("SAHIFA_DATA_DIR", std::env::temp_dir().join("sahifa-cli-bounds"));
    c
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_bb4b77b62cfebfb5.txt");

#[test]
fn zero_and_absurd_widths_are_refused_everywhere() {
    for cmd in [&["render"][..], &["list"], &["search", "قتل"], &["actors"], &["extract", "--format", "text"]]
    {
        for w in ["0", "100000", "-3", "wide"] {
            sahifa()
                .args(cmd)
                .arg(format!("--width={w}"))
                .assert()
                .failure()
                .code(2)
                .stderr(predicate::str::contains("--width"));
        }
    }
    sahifa().args(["render", "--width", "1", SEED]).assert().success();
    sahifa().args(["render", "--width", "4096", SEED]).assert().success();
}

#[test]
fn an_empty_search_is_an_error_and_no_hits_say_so() {
    for q in ["", "   "] {
        sahifa()
            .args(["search", q])
            .assert()
            .failure()
            .code(2)
            .stderr(predicate::str::contains("query is empty"));
    }
    sahifa()
        .args(["search", "كنغرووو"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no matches").and(predicate::str::contains("\n").count(1)));
    sahifa().args(["search", "--format", "json", "كنغرووو"]).assert().success().stdout("[]\n");
}

#[test]
fn limit_caps_actors_and_list() {
    let out = sahifa().args(["actors", "--format", "json", "--limit", "2"]).assert().success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    let out = sahifa().args(["list", "--format", "json", "--limit", "3"]).assert().success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    sahifa().args(["actors", "--limit", "0"]).assert().failure().code(2);
}

#[test]
fn list_shows_file_names_within_the_width() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("a folder with a very long name indeed").join("and another one below it");
    std::fs::create_dir_all(&deep).unwrap();
    let file = deep.join("خبر-أذربيجان.txt");
    std::fs::copy(SEED, &file).unwrap();
    for w in [60usize, 80, 120] {
        let out = sahifa()
            .args(["list", "--bidi", "visual", "--width", &w.to_string()])
            .arg(&file)
            .assert()
            .success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(!text.contains("a folder with"), "no folders:\n{text}");
        // The name laid out right to left: "txt." at its left end.
        if w > 60 {
            assert!(text.contains("txt.ﻥﺎﺠﻴﺑﺭﺫﺃ-ﺮﺒﺧ"), "the file's name:\n{text}");
        } else {
            assert!(text.contains("…"), "the name cut to fit:\n{text}");
        }
        for line in text.lines() {
            assert!(line.width() <= w, "{} cells > {w}: {line}", line.width());
        }
    }
    // JSON keeps the path as given.
    let out = sahifa().args(["list", "--format", "json"]).arg(&file).assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("a folder with"));
}
