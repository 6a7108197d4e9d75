//! `sahifa fetch` against a real HTTP server on 127.0.0.1 serving Arabic feeds built from the
//! bundled articles: RSS (gzip, ETag), Atom behind a redirect (Last-Modified), JSON Feed (no
//! validators), RSS in Windows-1256; fetching again duplicates nothing; failing feeds (HTTP 500,
//! invalid XML, a timeout, a web page, 404) are recorded and shown while the others load;
//! full-text feeds read the linked page once.

use std::path::Path;
use std::time::Duration;

use sahifa::db::Db;

#[path = "support/library.rs"]
mod support;
use support::{feeds_json, run};

#[path = "support/feed_server.rs"]
mod feed_server;
use feed_server::{FeedServer, Route, atom, cp1256, json_feed, page, rss, seed_items};

fn xml(body: impl Into<Vec<u8>>) -> Route {
    Route { body: body.into(), content_type: "application/rss+xml; charset=utf-8".into(), ..Route::default() }
}

fn titles(data: &Path) -> Vec<String> {
    let db = Db::open(data).unwrap();
    db.article_rows(1000).unwrap().into_iter().map(|r| r.title).collect()
}

#[test]
fn every_format_loads_and_fetching_again_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let items = seed_items();
    let srv = FeedServer::start();
    let link = |i: usize| format!("http://example.invalid/{i}");
    srv.route(
        "/rss.xml",
        Route {
            etag: Some("\"r1\"".into()), gzip: true, ..xml(rss("صحيفة", &items[0..2], "utf-8", link))
        },
    );
    srv.route("/old-atom", Route { status: 301, location: Some(srv.url("/atom.xml")), ..Route::default() });
    srv.route(
        "/atom.xml",
        Route {
            last_modified: Some("Thu, 05 Nov 2026 08:00:00 GMT".into()),
            content_type: "application/atom+xml".into(),
            ..xml(atom("أطلس", &items[2..3]))
        },
    );
    srv.route(
        "/feed.json",
        Route { content_type: "application/feed+json".into(), ..xml(json_feed("جيسون", &items[3..4])) },
    );
    srv.route(
        "/cp1256.xml",
        Route {
            content_type: "application/rss+xml; charset=windows-1256".into(),
            ..xml(cp1256(&rss("ويندوز", &items[4..5], "windows-1256", link)))
        },
    );
    let urls: Vec<String> =
        ["/rss.xml", "/old-atom", "/feed.json", "/cp1256.xml"].iter().map(|p| srv.url(p)).collect();
    let mut args = vec!["add"];
    args.extend(urls.iter().map(String::as_str));
    assert_eq!(run(d, &args).0, 0);

    let (code, out, err) = run(d, &["fetch", "--jobs", "2"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "no warnings expected: {err}");
    let expected = format!(
        "{}: 2 new\n{}: 1 new\n{}: 1 new\n{}: 1 new\n4 feeds: 5 new articles, 0 failed; 5 articles in the library\n",
        urls[0], urls[1], urls[2], urls[3]
    );
    assert_eq!(out, expected);
    let mut got = titles(d);
    got.sort();
    let mut want: Vec<String> = items.iter().map(|i| i.title.clone()).collect();
    want.sort();
    assert_eq!(got, want, "every title, the Windows-1256 one included, reads back as written");
    assert!(srv.seen("/rss.xml")[0].accept_encoding.as_deref().is_some_and(|a| a.contains("gzip")));

    // Newest first, bodies and extraction stored.
    let db = Db::open(d).unwrap();
    let rows = db.article_rows(10).unwrap();
    assert_eq!(rows[0].title, items[4].title);
    assert_eq!(rows[0].source.as_deref(), Some("ويندوز"));
    assert_eq!(db.article(rows[0].id).unwrap().unwrap().article.encoding, "windows-1256");
    for r in &rows {
        let a = db.article(r.id).unwrap().unwrap();
        let i = items.iter().find(|i| i.title == a.article.title).unwrap();
        for p in [&i.paragraphs[0], i.paragraphs.last().unwrap()] {
            assert!(a.article.body.contains(p.as_str()), "{}: {p}", i.title);
        }
        let (_, x) = a.extraction.expect("extraction stored");
        let x: serde_json::Value = serde_json::from_str(&x).unwrap();
        assert!(x["actors"].as_array().is_some_and(|v| !v.is_empty()), "{}", i.title);
    }
    let feeds = feeds_json(d);
    assert_eq!(feeds[0]["title"], "صحيفة");
    assert_eq!(feeds[0]["etag"], "\"r1\"");
    assert!(feeds.iter().all(|f| f["last_error"].is_null()));

    // Again: 304 for the validated feeds, the same items for the JSON Feed; nothing duplicated.
    let (code, out, err) = run(d, &["fetch"]);
    assert_eq!(code, 0, "{err}");
    let expected = format!(
        "{}: not modified\n{}: not modified\n{}: 0 new\n{}: 0 new\n4 feeds: 0 new articles, 0 failed; 5 articles in the library\n",
        urls[0], urls[1], urls[2], urls[3]
    );
    assert_eq!(out, expected);
    let rss_seen = srv.seen("/rss.xml");
    assert_eq!(rss_seen[1].if_none_match.as_deref(), Some("\"r1\""));
    assert_eq!(rss_seen[1].status, 304);
    assert_eq!(srv.seen("/atom.xml")[1].if_modified_since.as_deref(), Some("Thu, 05 Nov 2026 08:00:00 GMT"));

    // The feed gains an item: only it is added.
    let mut more = items[0..2].to_vec();
    more.push(feed_server::Item {
        guid: "urn:new".into(),
        title: "خبر عاجل جديد".into(),
        ..items[2].clone()
    });
    srv.route("/rss.xml", Route { etag: Some("\"r2\"".into()), ..xml(rss("صحيفة", &more, "utf-8", link)) });
    let (code, out, _) = run(d, &["fetch"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(&format!("{}: 1 new\n", urls[0])), "{out}");
    assert_eq!(Db::open(d).unwrap().article_count().unwrap(), 6);
}

#[test]
fn failing_feeds_are_shown_with_their_error_while_the_others_load() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let items = seed_items();
    let srv = FeedServer::start();
    srv.route("/ok.xml", xml(rss("سليم", &items[0..2], "utf-8", |i| format!("http://example.invalid/{i}"))));
    srv.route("/500.xml", Route { status: 500, ..xml("oops") });
    srv.route(
        "/broken.xml",
        xml("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>مكسور</title><item><title>خبر"),
    );
    srv.route(
        "/slow.xml",
        Route {
            delay: Some(Duration::from_secs(4)),
            ..xml(rss("بطيء", &items[2..3], "utf-8", |_| String::new()))
        },
    );
    srv.route("/page.html", Route { content_type: "text/html".into(), ..xml(page(&items[3])) });
    let paths = ["/ok.xml", "/500.xml", "/broken.xml", "/slow.xml", "/page.html", "/missing.xml"];
    let urls: Vec<String> = paths.iter().map(|p| srv.url(p)).collect();
    let mut args = vec!["add"];
    args.extend(urls.iter().map(String::as_str));
    assert_eq!(run(d, &args).0, 0);

    let started = std::time::Instant::now();
    let (code, out, err) = run(d, &["fetch", "--jobs", "3", "--timeout", "1"]);
    assert!(started.elapsed() < Duration::from_secs(4), "a slow feed does not hold the fetch");
    assert_eq!(code, 0, "one feed loaded: {err}");
    assert!(out.contains(&format!("{}: 2 new\n", urls[0])), "{out}");
    assert!(out.ends_with("6 feeds: 2 new articles, 5 failed; 2 articles in the library\n"), "{out}");
    let errors: Vec<(String, String)> = feeds_json(d)
        .iter()
        .map(|f| (f["url"].as_str().unwrap().to_string(), f["last_error"].as_str().unwrap_or("").to_string()))
        .collect();
    let expect = [
        "",
        "HTTP 500 Internal Server Error",
        "malformed feed",
        "timed out",
        "not a feed (the server sent html)",
        "HTTP 404 Not Found",
    ];
    for ((url, e), want) in errors.iter().zip(expect) {
        assert!(
            if want.is_empty() { e.is_empty() } else { e.contains(want) },
            "{url}: {e:?}, wanted {want:?}"
        );
        if !want.is_empty() {
            let line = format!("sahifa: {url}: {e}\n");
            assert!(err.contains(&line), "stderr names the feed and the problem: {err}");
        }
    }
    let (_, text, _) = run(d, &["feeds"]);
    assert!(text.contains("  error: HTTP 500 Internal Server Error\n"), "{text}");
    assert_eq!(err.lines().count(), 5, "one line per failing feed: {err}");

    // Fixed on the server: the error goes away at the next fetch.
    srv.route("/500.xml", xml(rss("عاد", &items[4..5], "utf-8", |_| String::new())));
    let (_, out, _) = run(d, &["fetch", "--timeout", "1"]);
    assert!(out.contains(&format!("{}: 1 new\n", urls[1])), "{out}");
    assert!(feeds_json(d)[1]["last_error"].is_null());
}

#[test]
fn full_text_feeds_read_each_linked_page_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let items = seed_items();
    let srv = FeedServer::start();
    let summaries: Vec<feed_server::Item> = items[0..2]
        .iter()
        .map(|i| feed_server::Item { paragraphs: i.paragraphs[..1].to_vec(), ..i.clone() })
        .collect();
    let base = srv.base.clone();
    srv.route("/summary.xml", xml(rss("ملخصات", &summaries, "utf-8", |i| format!("{base}/page/{i}.html"))));
    for (i, it) in items[0..2].iter().enumerate() {
        srv.route(
            &format!("/page/{i}.html"),
            Route { content_type: "text/html; charset=utf-8".into(), ..xml(page(it)) },
        );
    }
    assert_eq!(run(d, &["add", "--full-text", &srv.url("/summary.xml")]).0, 0);
    let (code, out, err) = run(d, &["fetch"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(": 2 new\n"), "{out}");
    let db = Db::open(d).unwrap();
    for r in db.article_rows(10).unwrap() {
        let a = db.article(r.id).unwrap().unwrap().article;
        let it = items.iter().find(|i| i.title == a.title).unwrap();
        let last = it.paragraphs.last().unwrap();
        assert!(a.body.contains(last.as_str()), "the page's text is the body: {}", a.title);
        assert!(!a.body.contains("جميع الحقوق محفوظة"), "page furniture is cleaned away");
        assert_eq!(
            r.link.as_deref(),
            Some(
                format!("{}/page/{}.html", srv.base, items.iter().position(|i| i.title == a.title).unwrap())
                    .as_str()
            )
        );
    }
    let (_, out, _) = run(d, &["fetch"]);
    assert!(out.contains(": 0 new\n"), "{out}");
    assert_eq!(srv.seen("/page/0.html").len(), 1, "a page is read once");
    assert_eq!(db.article_count().unwrap(), 2);
}

/// A server with `n` feeds of two items each (distinct guids), answering after `delay`.
fn many_feeds(srv: &FeedServer, n: usize, delay: Duration) -> Vec<String> {
    let items = seed_items();
    (0..n)
        .map(|f| {
            let its: Vec<feed_server::Item> = (0..2)
                .map(|k| feed_server::Item {
                    guid: format!("urn:feed{f}:item{k}"),
                    title: format!("{} ({f}-{k})", items[k].title),
                    ..items[(f + k) % items.len()].clone()
                })
                .collect();
            let path = format!("/f{f}.xml");
            srv.route(
                &path,
                Route {
                    delay: Some(delay),
                    ..xml(rss(&format!("موجز {f}"), &its, "utf-8", |_| String::new()))
                },
            );
            srv.url(&path)
        })
        .collect()
}

#[test]
fn two_fetches_and_an_import_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let srv = FeedServer::start();
    let urls = many_feeds(&srv, 8, Duration::from_millis(100));
    let mut args = vec!["add"];
    args.extend(urls.iter().map(String::as_str));
    assert_eq!(run(&d, &args).0, 0);
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for (name, text) in sahifa::article::BUNDLED {
        std::fs::write(seeds.join(name.trim_start_matches("seeds/")), text).unwrap();
    }
    let spawn = |args: &[&str]| {
        support::std_command(&d)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = vec![
        spawn(&["fetch", "--jobs", "3"]),
        spawn(&["import", seeds.to_str().unwrap()]),
        spawn(&["fetch", "--jobs", "2"]),
    ];
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.is_empty(), "no warnings, no 'database is locked': {err}");
    }
    let db = Db::open(&d).unwrap();
    db.check_integrity().unwrap();
    assert_eq!(db.article_count().unwrap(), 8 * 2 + 5, "every item once, every file once");
}

#[cfg(unix)]
#[test]
fn sigkill_during_fetch_leaves_each_feed_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let srv = FeedServer::start();
    let urls = many_feeds(&srv, 6, Duration::from_millis(150));
    let mut args = vec!["add"];
    args.extend(urls.iter().map(String::as_str));
    assert_eq!(run(&d, &args).0, 0);
    for delay_ms in [120u64, 400] {
        let mut child = support::std_command(&d)
            .args(["fetch", "--jobs", "2"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let db = Db::open(&d).unwrap();
        db.check_integrity().unwrap();
        db.check_aggregate().unwrap();
        for f in db.feeds().unwrap() {
            assert!(f.articles == 0 || f.articles == 2, "{}: {} articles", f.url, f.articles);
            // A feed's validators are stored with its articles, never without them.
            assert_eq!(f.last_fetched.is_some(), f.articles == 2, "{}", f.url);
        }
    }
    let (code, _, err) = run(&d, &["fetch"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(Db::open(&d).unwrap().article_count().unwrap(), 12);
}
