//! `sahifa add`, `feeds` and `remove` on a fresh data dir: URLs, OPML import with folders as tags,
//! the OPML round trip, and one clear line per bad argument.

use std::fs;

#[path = "support/library.rs"]
mod support;
use support::{feeds_json, run};

const OPML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>قائمتي</title></head><body>
  <outline text="بلا مجلد" type="rss" xmlUrl="https://a.example/rss.xml"/>
  <outline text="أخبار">
    <outline text="الجزيرة" title="الجزيرة" type="rss" xmlUrl="https://b.example/feed?x=1&amp;y=2"/>
    <outline text="رياضة"><outline text="كرة" xmlUrl="http://c.example/atom.xml"/></outline>
  </outline>
  <outline text="broken" xmlUrl="ftp://d.example/x"/>
</body></opml>"#;

#[test]
fn add_urls_list_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, out, err) =
        run(d, &["add", "--tag", "عربي", "https://a.example/rss.xml", "http://b.example/feed"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "added https://a.example/rss.xml\nadded http://b.example/feed\n");
    let (code, out, _) = run(d, &["add", "--full-text", "https://a.example/rss.xml"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("already subscribed: https://a.example/rss.xml"), "{out}");
    let feeds = feeds_json(d);
    assert_eq!(feeds.len(), 2);
    assert_eq!(feeds[0]["tags"], serde_json::json!(["عربي"]));
    assert_eq!(feeds[0]["full_text"], true);
    assert_eq!(feeds[1]["full_text"], false);
    let (_, text, _) = run(d, &["feeds"]);
    assert!(
        text.contains("https://a.example/rss.xml  full-text\n  tags: عربي\n  0 articles, never fetched\n"),
        "{text}"
    );
    let (code, out, _) = run(d, &["remove", "http://b.example/feed"]);
    assert_eq!((code, out.as_str()), (0, "removed http://b.example/feed\n"));
    let (code, _, err) = run(d, &["remove", "http://b.example/feed"]);
    assert_eq!(code, 1);
    assert!(err.contains("http://b.example/feed: not subscribed"), "{err}");
    assert_eq!(feeds_json(d).len(), 1);
}

#[test]
fn bad_arguments_are_one_line_each_and_the_rest_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let not_opml = d.join("page.xml");
    fs::write(&not_opml, "<rss><channel><title>x</title></channel></rss>").unwrap();
    let nope = d.join("nope.opml");
    let evil = "http://e.example/\u{1b}]0;pwn\u{7}x";
    let (code, out, err) = run(
        d,
        &[
            "add",
            "ftp://x.example/f",
            nope.to_str().unwrap(),
            not_opml.to_str().unwrap(),
            "https://ok.example/f",
            evil,
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(out.lines().next(), Some("added https://ok.example/f"), "{out}");
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.len() >= 3, "{err}");
    assert!(lines[0].starts_with("sahifa: ftp://x.example/f: only http and https"), "{err}");
    assert!(lines[1].contains("nope.opml: no such file"), "{err}");
    assert!(lines[2].contains("page.xml: not an OPML file"), "{err}");
    assert!(!err.contains('\u{1b}') && !out.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}

#[test]
fn opml_import_keeps_folders_as_tags_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("subs.opml");
    fs::write(&file, OPML).unwrap();
    let (code, out, err) = run(d, &["add", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("subs.opml: 3 feeds added, 0 already subscribed\n"), "{out}");
    assert!(err.contains("ftp://d.example/x: only http and https"), "{err}");
    let feeds = feeds_json(d);
    let summary: Vec<(String, serde_json::Value)> =
        feeds.iter().map(|f| (f["url"].as_str().unwrap().to_string(), f["tags"].clone())).collect();
    assert_eq!(
        summary,
        vec![
            ("https://a.example/rss.xml".into(), serde_json::json!([])),
            ("https://b.example/feed?x=1&y=2".into(), serde_json::json!(["أخبار"])),
            ("http://c.example/atom.xml".into(), serde_json::json!(["أخبار", "رياضة"])),
        ]
    );
    assert_eq!(feeds[1]["title"], "الجزيرة");

    // Export, import into another library: the same feeds, titles and tags.
    let (code, opml, _) = run(d, &["feeds", "--format", "opml"]);
    assert_eq!(code, 0);
    let other = tempfile::tempdir().unwrap();
    let exported = other.path().join("export.opml");
    fs::write(&exported, &opml).unwrap();
    let (code, _, err) = run(other.path(), &["add", exported.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let strip =
        |v: Vec<serde_json::Value>| -> Vec<(serde_json::Value, serde_json::Value, serde_json::Value)> {
            v.into_iter().map(|f| (f["url"].clone(), f["title"].clone(), f["tags"].clone())).collect()
        };
    let mut a = strip(feeds);
    let mut b = strip(feeds_json(other.path()));
    a.sort_by_key(|t| t.0.to_string());
    b.sort_by_key(|t| t.0.to_string());
    assert_eq!(a, b, "OPML round trip\n{opml}");
}

#[test]
fn a_damaged_library_is_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("library.sqlite"), "not a database ".repeat(100)).unwrap();
    for args in [&["feeds"][..], &["add", "https://a.example/rss"], &["fetch"]] {
        let (code, out, err) = run(d, args);
        assert_eq!(code, 1, "{args:?}");
        assert!(out.is_empty(), "{out}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("library.sqlite: file is not a database"), "{err}");
    }
}
