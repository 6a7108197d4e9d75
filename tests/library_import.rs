//! `sahifa import`: files and folders into the library once (a second import adds nothing), one
//! line per unreadable file, and a SIGKILL in the middle never damages the database.

use std::fs;
use std::process::Stdio;

use sahifa::db::Db;

#[path = "support/library.rs"]
mod support;
use support::{run, std_command};

#[path = "support/feed_server.rs"]
mod feed_server;
use feed_server::{rss, seed_items};

#[test]
fn import_files_folders_and_feeds_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let src = dir.path().join("in");
    fs::create_dir_all(src.join("sub")).unwrap();
    for (name, text) in sahifa::article::BUNDLED {
        fs::write(src.join("sub").join(name.trim_start_matches("seeds/")), text).unwrap();
    }
    let items = seed_items();
    fs::write(
        src.join("feed.xml"),
        rss("ملف", &items[0..2], "utf-8", |i| format!("http://example.invalid/{i}")),
    )
    .unwrap();
    fs::write(src.join("empty.txt"), "").unwrap();
    let missing = dir.path().join("missing.txt");
    let (code, out, err) = run(&d, &["import", src.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // The feed's two items are two of the seeds, word for word: one article each, not two.
    assert_eq!(out, "imported 5 articles (2 already in the library)\n");
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains("empty.txt: empty file") && err.contains("missing.txt: no such file"), "{err}");
    let (code, out, _) = run(&d, &["import", src.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out, "imported 0 articles (7 already in the library)\n");
    let db = Db::open(&d).unwrap();
    let rows = db.article_rows(100).unwrap();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| db.article(r.id).unwrap().unwrap().extraction.is_some()));

    // Searching the library finds what searching the files finds (two of the articles are stored
    // under feed.xml, which was read first: files are compared by what they hold).
    let sub = src.join("sub");
    for q in ["أذربيجان", "\"ناغورنو كاراباخ\"", "=باكو", "لاوجودلها"] {
        let (code, lib, err) = run(&d, &["search", "--format", "json", "--library", q]);
        assert_eq!(code, 0, "{err}");
        let (_, files, _) = run(&d, &["search", "--format", "json", q, sub.to_str().unwrap()]);
        let sorted = |s: &str| {
            let v: Vec<serde_json::Value> = serde_json::from_str(s).unwrap();
            let mut v: Vec<String> =
                v.iter().map(|r| format!("{} {} {}", r["title"], r["hits"], r["snippet"])).collect();
            v.sort();
            v
        };
        assert_eq!(sorted(&lib), sorted(&files), "{q}");
    }

    let (code, _, err) = run(&d, &["import", missing.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("no article could be loaded from {}", missing.display())), "{err}");
}

#[cfg(unix)]
#[test]
fn sigkill_during_import_never_damages_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let src = dir.path().join("in");
    fs::create_dir_all(&src).unwrap();
    let (_, text) = sahifa::article::BUNDLED[0];
    for i in 0..200 {
        fs::write(src.join(format!("{i:04}.txt")), format!("{text}\n\nنسخة رقم {i}")).unwrap();
    }
    // Something in the library before, which must survive.
    assert_eq!(run(&d, &["import", src.join("0000.txt").to_str().unwrap()]).0, 0);
    for delay_ms in [50u64, 400] {
        let mut child = std_command(&d).arg("import").arg(&src).stdout(Stdio::null()).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let db = Db::open(&d).unwrap();
        db.check_integrity().unwrap();
        db.check_aggregate().unwrap();
        let n = db.article_count().unwrap();
        // 200 files are one batch (import::BATCH), so one transaction.
        assert!(n == 1 || n == 200, "all or nothing of one batch, got {n}");
    }
    let (code, _, err) = run(&d, &["import", src.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(Db::open(&d).unwrap().article_count().unwrap(), 200);
}

#[cfg(unix)]
#[test]
fn large_imports_are_stored_a_batch_at_a_time_and_resume() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let src = dir.path().join("in");
    fs::create_dir_all(&src).unwrap();
    for i in 0..2300 {
        fs::write(
            src.join(format!("{i:05}.txt")),
            format!("عنوان الخبر رقم {i}\n\nقال الوزير إن الخطة رقم {i} جاهزة.\n"),
        )
        .unwrap();
    }
    let mut child = std_command(&d).arg("import").arg(&src).stdout(Stdio::null()).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let _ = child.kill();
    let _ = child.wait();
    if d.join("library.sqlite").exists() {
        let db = Db::open(&d).unwrap();
        db.check_integrity().unwrap();
        let n = db.article_count().unwrap();
        assert!([0, 1000, 2000, 2300].contains(&n), "whole batches only, got {n}");
    }
    // The next import adds what is missing, and nothing twice.
    let (code, out, err) = run(&d, &["import", src.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("imported "), "{out}");
    assert_eq!(Db::open(&d).unwrap().article_count().unwrap(), 2300);
}

#[test]
fn list_and_actors_without_a_path_read_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    // No library yet: the bundled articles, as before, and no library file is created.
    let (code, out, _) = run(&d, &["list", "--format", "json"]);
    assert_eq!(code, 0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.len(), sahifa::article::BUNDLED.len());
    assert!(rows[0].get("paragraphs").is_some());
    assert!(!d.join("library.sqlite").exists());

    let src = dir.path().join("in");
    fs::create_dir_all(&src).unwrap();
    let items = seed_items();
    fs::write(src.join("feed.xml"), rss("نشرة", &items[..3], "utf-8", |i| format!("https://n.example/{i}")))
        .unwrap();
    assert_eq!(run(&d, &["import", src.to_str().unwrap()]).0, 0);
    let (code, out, err) = run(&d, &["list", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    // Newest first (the items are a day apart, the last newest).
    let want: Vec<&str> = items[..3].iter().rev().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, want);
    assert_eq!(rows[0]["link"], "https://n.example/2");
    assert_eq!(rows[0]["date"].as_str().map(|d| d.starts_with("2026-11-03")), Some(true), "{}", rows[0]);
    let (code, text, _) = run(&d, &["list"]);
    assert_eq!(code, 0);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.lines().next().unwrap().ends_with(want[0]), "{text}");

    // actors: the aggregate, most mentioned first, with counts that add up.
    let (code, out, err) = run(&d, &["actors", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let actors: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!actors.is_empty());
    let mentions: Vec<i64> = actors.iter().map(|a| a["mentions"].as_i64().unwrap()).collect();
    assert!(mentions.windows(2).all(|w| w[0] >= w[1]), "{mentions:?}");
    assert!(actors.iter().all(|a| (1..=3).contains(&a["articles"].as_i64().unwrap())));
    assert_eq!(
        actors[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["articles", "kind", "mentions", "name", "quotes"]
    );
    let (code, text, _) = run(&d, &["actors"]);
    assert_eq!(code, 0);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with(actors[0]["name"].as_str().unwrap()) && first.contains(" mentions\t"),
        "{first}"
    );
}
