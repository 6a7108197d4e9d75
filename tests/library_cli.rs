//! `sahifa list` from outside: JSON keys, the text table, exit codes and one-line warnings.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library").join(name)
}

fn sahifa() -> Command {
    Command::cargo_bin("sahifa").unwrap()
}

fn json(args: &[&str], paths: &[&Path]) -> (Vec<serde_json::Value>, String, Option<i32>) {
    let out = sahifa().arg("list").arg("--format").arg("json").args(args).args(paths).output().unwrap();
    let rows = serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
    (rows, String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code())
}

#[test]
fn json_rows_have_exactly_the_keys() {
    let (rows, err, code) = json(&[], &[&fixture("feed-rss.xml"), &fixture("page.html")]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(rows.len(), 3);
    for r in &rows {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["encoding", "file", "format", "index", "paragraphs", "title", "words"]);
    }
    assert_eq!(rows[1]["index"], 1);
    assert_eq!(rows[1]["format"], "rss");
    assert_eq!(rows[2]["format"], "html");
    assert_eq!(rows[2]["title"], "الحكومة تعلن خطة جديدة لدعم المزارعين");
    assert_eq!(rows[2]["encoding"], "UTF-8");
    assert!(rows[2]["words"].as_u64().unwrap() > 50);
}

#[test]
fn bundled_seeds_by_default() {
    let (rows, _, code) = json(&[], &[]);
    assert_eq!(code, Some(0));
    assert_eq!(rows.len(), 5);
    assert!(rows[0]["file"].as_str().unwrap().starts_with("seeds/"));
}

#[test]
fn text_table_is_aligned_by_width() {
    let out = sahifa().arg("list").arg(fixture("items.json")).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("FILE") && lines[0].ends_with("TITLE"));
    let col = |l: &str| unicode_width::UnicodeWidthStr::width(&l[..l.find("json").unwrap()]);
    assert_eq!(col(lines[1]), col(lines[2]));
    assert!(lines[1].ends_with("تراجع أسعار النفط في التعاملات المبكرة"));
}

#[test]
fn nothing_loaded_exits_1_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let missing = dir.path().join("missing.txt");
    sahifa()
        .arg("list")
        .arg(&missing)
        .arg(&empty)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(format!("sahifa: {}: no such file or folder\n", missing.display())))
        .stderr(predicate::str::contains(format!("sahifa: {}: empty file\n", empty.display())));
}

#[test]
fn bad_files_warn_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(d.join("bin.dat"), [0u8, 1, 2, 3, 0, 0, 0, 9, 200, 0, 0, 7]).unwrap();
    std::fs::write(d.join("bad.json"), "{\"title\": \"عنوان\", \"body\": ").unwrap();
    std::fs::write(
        d.join("bad.xml"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>خبر</ti",
    )
    .unwrap();
    std::fs::write(d.join("good.txt"), "عنوان الخبر\nنص الخبر.\n").unwrap();
    let (rows, err, code) = json(&[], &[d]);
    assert_eq!(code, Some(0));
    assert_eq!(rows.len(), 1, "{err}");
    assert_eq!(rows[0]["title"], "عنوان الخبر");
    for (file, problem) in
        [("bin.dat", "binary"), ("bad.json", "malformed JSON"), ("bad.xml", "malformed feed")]
    {
        let line =
            err.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("no warning for {file}: {err}"));
        assert!(line.starts_with(&format!("sahifa: {}: ", d.join(file).display())), "{line}");
        assert!(line.contains(problem), "{line}");
    }
    assert!(!err.contains("a.png"), "images in folders are skipped quietly");
}

#[test]
fn folders_recursive_sorted_hidden_skipped_loops_caught() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::create_dir_all(d.join(".hidden")).unwrap();
    for (p, t) in [
        ("b.txt", "باء"),
        ("a.txt", "ألف"),
        ("sub/c.md", "# جيم"),
        (".secret.txt", "سر"),
        (".hidden/d.txt", "دال"),
    ] {
        std::fs::write(d.join(p), format!("{t}\nنص.\n")).unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
    let (rows, err, code) = json(&[], &[d]);
    assert_eq!(code, Some(0));
    let titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["ألف", "باء", "جيم"]);
    #[cfg(unix)]
    assert!(err.contains("folder loop"), "{err}");
}

#[test]
fn stdin_and_raw() {
    let text = "[ad_1]\nعنوان من الإدخال\nنص الخبر.\n";
    let out = sahifa().args(["list", "--format", "json", "-"]).write_stdin(text).assert().success();
    let rows: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(rows[0]["file"], "-");
    assert_eq!(rows[0]["title"], "عنوان من الإدخال");
    let out = sahifa().args(["list", "--raw", "--format", "json", "-"]).write_stdin(text).assert().success();
    let rows: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(rows[0]["title"], "[ad_1]");
}
