//! The reader on the library (TestBackend): `sahifa` with no PATH opens the library newest first
//! with each article's source and date, reads bodies on demand, and its keys: `A` mark all read,
//! `S` sort, `f` feed/tag, `o` open the link with $BROWSER (a fake one), `y` copy it (OSC 52), the
//! link as an OSC 8 hyperlink, `r`/`R` fetch in the background from a server on 127.0.0.1, `a`
//! actors from the aggregate; and reading state kept from files to the library.

#[path = "support/feed_server.rs"]
mod feed_server;
#[path = "support/tui.rs"]
mod reader;
#[path = "support/library.rs"]
mod support;

use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sahifa::cli::ReaderArgs;
use sahifa::config::Config;
use sahifa::db::{Db, NewArticle, NewFeed};
use sahifa::tui::app::{App, Event};

use feed_server::{FeedServer, Route, rss, seed_items};
use reader::{draw, lines};

const SIZE: (u16, u16) = (140, 40);
const DATES: [&str; 5] = [
    "2026-03-01T08:00:00Z",
    "2026-03-05T09:30:00Z",
    "2026-03-02T08:00:00Z",
    "2026-03-04T08:00:00Z",
    "2026-03-03T08:00:00Z",
];

/// A library of the seeds: 3 from the feed "وكالة الأنباء" (tag `news`), 2 from "Daily Wire" (tag
/// `world`), each dated and linked.
fn library(dir: &Path) -> Vec<(String, String)> {
    let mut db = Db::open(dir).unwrap();
    for (url, title, tag) in
        [("http://a.test/rss", "وكالة الأنباء", "news"), ("http://b.test/rss", "Daily Wire", "world")]
    {
        db.add_feed(&NewFeed {
            url: url.into(),
            title: Some(title.into()),
            tags: vec![tag.into()],
            full_text: false,
        })
        .unwrap();
    }
    let feeds = db.feeds().unwrap();
    let seeds = sahifa::article::load_bundled(&Default::default()).articles;
    let mut out = Vec::new();
    for (i, mut a) in seeds.into_iter().enumerate() {
        a.guid = Some(format!("g{i}"));
        a.date = Some(DATES[i].into());
        a.url = Some(format!("https://news.example/{i}?a=1&b=2"));
        out.push((a.display_title(), a.id.clone()));
        let feed = feeds.iter().find(|f| {
            f.title.as_deref() == Some(if i < 3 { "وكالة الأنباء" } else { "Daily Wire" })
        });
        db.store_articles(Some(feed.unwrap().id), &[NewArticle::new(a)]).unwrap();
    }
    out
}

fn open(dir: &Path) -> App {
    let config = Config::defaults();
    sahifa::tui::build_app(&ReaderArgs::default(), &config, SIZE, Some(dir.to_path_buf())).unwrap()
}

fn key(app: &mut App, c: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(c, KeyModifiers::NONE)));
}

fn screen(app: &App) -> String {
    lines(&draw(app)).join("\n")
}

fn list_titles(app: &App) -> Vec<String> {
    app.list.visible.iter().map(|&i| app.articles.entry(i).unwrap().title).collect()
}

#[test]
fn no_path_opens_the_library_newest_first_with_source_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = library(dir.path());
    let app = open(dir.path());
    assert!(app.articles.files().is_none(), "the library, not files");
    assert_eq!(app.articles.len(), 5);
    // Newest first: DATES order is 1, 3, 4, 2, 0.
    let want: Vec<String> = [1, 3, 4, 2, 0].iter().map(|&i| seeds[i].0.clone()).collect();
    assert_eq!(list_titles(&app), want);
    let s = screen(&app);
    assert!(s.contains("Articles (5)"), "{s}");
    // The second row of each item: the feed's title and the date, each laid out on its own, so the
    // date keeps its order beside an Arabic feed title.
    assert!(s.contains("Daily Wire · 2026-03-04 08:00"), "{s}");
    assert!(s.contains(" · 2026-03-05 09:30"), "{s}");
    // The reader's header: source and date of the open article; its body is read on demand.
    let first = app.current_article().unwrap();
    assert_eq!(first.title, seeds[1].0);
    assert!(!first.body.is_empty());
    assert!(app.current_extraction().is_some(), "the stored extraction comes with it");
    let top = lines(&draw(&app)).into_iter().next().unwrap();
    assert!(top.contains("Reader 1/5") && top.contains(" · 2026-03-05 09:30"), "{top}");
}

#[test]
fn the_link_is_an_osc8_hyperlink_and_a_hostile_link_is_not() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let app = open(dir.path());
    let t = draw(&app);
    let b = t.backend().buffer();
    let bottom = b.area.height - 2; // the reader's bottom border, above the status line
    let cells: Vec<String> = (0..b.area.width)
        .map(|x| b[(x, bottom)].symbol().to_string())
        .filter(|s| s.contains("\x1b]8;;"))
        .collect();
    assert!(!cells.is_empty(), "no hyperlink on the reader's border");
    for c in &cells {
        assert!(c.starts_with("\x1b]8;;https://news.example/1?a=1&b=2\x1b\\"), "{c:?}");
        assert!(c.ends_with("\x1b]8;;\x1b\\"), "{c:?}");
    }
    let text: String = cells
        .iter()
        .map(|c| {
            c.trim_start_matches("\x1b]8;;https://news.example/1?a=1&b=2\x1b\\")
                .trim_end_matches("\x1b]8;;\x1b\\")
        })
        .collect();
    assert_eq!(text.trim(), "https://news.example/1?a=1&b=2");

    // A link with a control character or another scheme is never put in an escape sequence.
    let mut a = sahifa::article::from_plain_text("x.txt", "عنوان\nنص الخبر.");
    a.url = Some("javascript:alert(1)".into());
    let app = reader::app(vec![a], sahifa::store::Store::in_memory(), &Default::default(), false, SIZE);
    assert!(!screen(&app).contains('\x1b'));
}

#[test]
fn an_empty_library_opens_the_bundled_articles() {
    let dir = tempfile::tempdir().unwrap();
    Db::open(dir.path()).unwrap();
    let app = open(dir.path());
    assert!(app.articles.files().is_some());
    assert_eq!(app.articles.len(), sahifa::article::BUNDLED.len());
}

#[test]
fn mark_all_read_sort_and_feed_or_tag_scope() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = library(dir.path());
    let mut app = open(dir.path());
    // f: one feed at a time (by title: "Daily Wire" first), then tags, then everything again.
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.list.visible.len(), 2);
    assert!(screen(&app).contains("feed Daily Wire"), "{}", screen(&app));
    // A: marks read what the list shows, nothing else.
    key(&mut app, KeyCode::Char('A'));
    assert_eq!(app.status.as_deref(), Some("2 articles marked read"));
    let read: Vec<bool> = seeds.iter().map(|(_, id)| app.store.is_read(id)).collect();
    assert_eq!(read, [false, false, false, true, true]);
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.list.visible.len(), 3, "feed وكالة الأنباء");
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.status.as_deref(), Some("tag news: 3 articles"));
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.status.as_deref(), Some("tag world: 2 articles"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.list.visible.len(), 5);
    // S: by feed (grouped, newest first within), then unread first, then by date again.
    key(&mut app, KeyCode::Char('S'));
    assert_eq!(app.status.as_deref(), Some("sorted by feed"));
    let by_feed: Vec<String> = [3, 4, 1, 2, 0].iter().map(|&i| seeds[i].0.clone()).collect();
    assert_eq!(list_titles(&app), by_feed);
    key(&mut app, KeyCode::Char('S'));
    let unread_first: Vec<String> = [1, 2, 0, 3, 4].iter().map(|&i| seeds[i].0.clone()).collect();
    assert_eq!(list_titles(&app), unread_first);
    assert!(screen(&app).contains("unread first"));
    key(&mut app, KeyCode::Char('S'));
    assert_eq!(app.status.as_deref(), Some("sorted by date"));
    // The marks were saved: another reader sees them.
    app.save_now();
    let again = open(dir.path());
    assert!(again.store.is_read(&seeds[3].1) && !again.store.is_read(&seeds[0].1));
}

#[cfg(unix)]
#[test]
fn o_runs_the_browser_without_a_shell_and_y_copies_with_osc52() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let mut app = open(dir.path());
    let log = dir.path().join("browser.log");
    let script = dir.path().join("fake-browser");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    app.browser = vec![script.to_string_lossy().into_owned(), "--new-tab".into()];
    key(&mut app, KeyCode::Char('o'));
    assert_eq!(app.status.as_deref(), Some("opening https://news.example/1?a=1&b=2"));
    let t = Instant::now();
    while !log.exists() || std::fs::read_to_string(&log).unwrap().is_empty() {
        assert!(t.elapsed() < Duration::from_secs(10), "the browser never ran");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The link is one argument, `&` and `?` untouched: no shell saw it.
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "--new-tab\nhttps://news.example/1?a=1&b=2\n");

    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.outbox, vec![sahifa::tui::links::osc52("https://news.example/1?a=1&b=2")]);
    assert_eq!(app.outbox[0], "\x1b]52;c;aHR0cHM6Ly9uZXdzLmV4YW1wbGUvMT9hPTEmYj0y\x07");

    // Files without links: said, nothing run.
    let files = sahifa::article::load_bundled(&Default::default()).articles;
    let mut app = reader::app(files, sahifa::store::Store::in_memory(), &Default::default(), false, SIZE);
    app.browser = vec![script.to_string_lossy().into_owned()];
    std::fs::remove_file(&log).unwrap();
    key(&mut app, KeyCode::Char('o'));
    assert_eq!(app.status.as_deref(), Some("this article has no link"));
    key(&mut app, KeyCode::Char('y'));
    assert!(app.outbox.is_empty());
    std::thread::sleep(Duration::from_millis(100));
    assert!(!log.exists());
}

/// Feeds the app the events of its background work until the fetch is over.
fn run_fetch(app: &mut App, rx: &Receiver<Event>) -> Vec<String> {
    let mut progress = Vec::new();
    let t = Instant::now();
    while app.fetching.is_some() {
        assert!(t.elapsed() < Duration::from_secs(30), "the fetch never ended");
        if let Ok(ev) = rx.recv_timeout(Duration::from_millis(50)) {
            app.handle(ev);
            if let Some(p) = &app.fetching {
                progress.push(p.line());
                // The reader keeps drawing while it runs, the progress in the status line.
                assert!(screen(app).contains("fetching "), "{}", screen(app));
            }
        }
    }
    progress
}

#[test]
fn r_and_shift_r_fetch_in_the_background_with_progress_and_per_feed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let srv = FeedServer::start();
    let items = seed_items();
    srv.route(
        "/good.xml",
        Route {
            body: rss("موجز", &items[..3], "utf-8", |i| format!("https://good.example/{i}")).into_bytes(),
            content_type: "application/rss+xml".into(),
            delay: Some(Duration::from_millis(200)),
            ..Route::default()
        },
    );
    srv.route("/broken.xml", Route { status: 500, body: b"oops".to_vec(), ..Route::default() });
    let mut db = Db::open(dir.path()).unwrap();
    for u in ["/good.xml", "/broken.xml"] {
        db.add_feed(&NewFeed { url: srv.url(u), ..NewFeed::default() }).unwrap();
    }
    // One article already in the library, so the reader opens it.
    let mut a = sahifa::article::from_plain_text("old.txt", "خبر قديم\nنص قديم.");
    a.date = Some("2020-01-01T00:00:00Z".into());
    db.store_articles(None, &[NewArticle::new(a)]).unwrap();
    drop(db);
    let mut app = open(dir.path());
    let (tx, rx) = channel();
    app.background = Some(tx);
    assert_eq!(app.articles.len(), 1);
    // r on an article that came from a file: nothing to fetch, said so.
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(app.status.as_deref(), Some("this article is not from a feed (R fetches all)"));
    key(&mut app, KeyCode::Char('R'));
    assert!(app.fetching.is_some(), "started");
    // Keys work while it runs.
    key(&mut app, KeyCode::Char('j'));
    let progress = run_fetch(&mut app, &rx);
    assert!(progress.iter().any(|p| p.contains("failed: ") && p.contains("/broken.xml")), "{progress:?}");
    let status = app.status.clone().unwrap();
    assert!(status.starts_with("fetched 2 feeds: 3 new, 1 failed"), "{status}");
    assert!(status.contains("broken.xml") && status.contains("500"), "{status}");
    // The list was read again: the three new articles, newest first, above the old one.
    assert_eq!(app.articles.len(), 4);
    assert_eq!(list_titles(&app)[3], "خبر قديم");
    // r on a feed's article fetches that feed only (a 304 now: nothing new).
    key(&mut app, KeyCode::Char('g'));
    let before = srv.seen("/broken.xml").len();
    key(&mut app, KeyCode::Char('r'));
    run_fetch(&mut app, &rx);
    assert_eq!(srv.seen("/broken.xml").len(), before, "only the current feed");
    assert_eq!(app.status.as_deref(), Some("fetched 1 feeds: 0 new, 0 failed"));
    // f: the failing feed, with its error, among the feeds (the good one is titled by its feed).
    key(&mut app, KeyCode::Char('f'));
    let first = app.status.clone().unwrap();
    key(&mut app, KeyCode::Char('f'));
    let second = app.status.clone().unwrap();
    let broken = [first, second].into_iter().find(|s| s.contains("broken.xml")).expect("the failing feed");
    assert!(broken.contains(": 0 articles · last fetch failed: ") && broken.contains("500"), "{broken}");
}

#[test]
fn the_actors_view_reads_the_aggregate_and_filters_the_list() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let db = Db::open(dir.path()).unwrap();
    let top = db.top_actors(1).unwrap().remove(0);
    drop(db);
    let mut app = open(dir.path());
    key(&mut app, KeyCode::Char('a'));
    let v = app.actors.as_ref().expect("actors view");
    assert_eq!(v.actors[0].name, top.name);
    assert_eq!(v.counts(0), (top.articles as usize, top.quotes as usize));
    let s = screen(&app);
    assert!(s.contains("Actors across 5 articles"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert!(app.actors.is_none());
    assert_eq!(app.list.visible.len(), top.articles as usize);
    assert_eq!(app.list.actor.as_deref(), Some(top.name.as_str()));
}

#[test]
fn reading_state_of_files_carries_over_to_the_library() {
    let dir = tempfile::tempdir().unwrap();
    // Marks made while reading the files (state.json, keyed by content).
    let files = sahifa::article::load_bundled(&Default::default()).articles;
    let (mut store, _) = sahifa::store::Store::open(Some(dir.path().to_path_buf()));
    store.set_starred(&files[2].id, true);
    store.set_read(&files[2].id, true);
    store.set_note(&files[2].id, Some("ملاحظة محفوظة".into()));
    store.set_position(&files[2].id, 40);
    store.save().unwrap();
    drop(store);
    // The same articles imported into the library.
    let mut db = Db::open(dir.path()).unwrap();
    db.store_articles(None, &sahifa::db::prepare(files.clone())).unwrap();
    drop(db);
    let app = open(dir.path());
    assert!(app.articles.files().is_none());
    let pos = app.articles.position_of_content(&files[2].id).unwrap();
    let id = app.articles.entry(pos).unwrap().id;
    let st = app.store.article(&id);
    assert!(st.starred && st.read && st.position == 40);
    assert_eq!(app.store.note(&id), Some("ملاحظة محفوظة"));
    let s = screen(&app);
    assert!(s.contains('★'), "{s}");
}

#[test]
fn two_readers_and_a_fetch_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = library(dir.path());
    let srv = FeedServer::start();
    let items = seed_items();
    let mut db = Db::open(dir.path()).unwrap();
    for f in 0..6 {
        let path = format!("/f{f}.xml");
        // Each feed's items under guids of their own, so every fetch adds two articles.
        let its: Vec<_> = items[..2]
            .iter()
            .map(|it| feed_server::Item { guid: format!("{}-{f}", it.guid), ..it.clone() })
            .collect();
        srv.route(
            &path,
            Route {
                body: rss(&format!("موجز {f}"), &its, "utf-8", |i| format!("https://f{f}.example/{i}"))
                    .into_bytes(),
                content_type: "application/rss+xml".into(),
                delay: Some(Duration::from_millis(60)),
                ..Route::default()
            },
        );
        db.add_feed(&NewFeed { url: srv.url(&path), ..NewFeed::default() }).unwrap();
    }
    drop(db);
    let mut one = open(dir.path());
    let mut two = open(dir.path());
    let fetch = support::std_command(dir.path())
        .args(["fetch", "--jobs", "2"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // While it runs: the first reader stars every article, the second marks each read, going
    // down the list; each saves after every mark and draws (reading rows) between.
    for _ in 0..seeds.len() {
        key(&mut one, KeyCode::Char('s'));
        one.save_now();
        key(&mut one, KeyCode::Char('j'));
        key(&mut two, KeyCode::Char('m'));
        two.save_now();
        key(&mut two, KeyCode::Char('j'));
        screen(&one);
        screen(&two);
        std::thread::sleep(Duration::from_millis(40));
    }
    let out = fetch.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    // Only the two made-up feeds of `library` fail (no such host); nothing was ever locked.
    assert!(err.lines().all(|l| l.contains(".test/rss: ")), "{err}");
    drop((one, two));
    let db = Db::open(dir.path()).unwrap();
    db.check_integrity().unwrap();
    db.check_aggregate().unwrap();
    assert_eq!(db.article_count().unwrap(), 5 + 6 * 2, "every item once");
    drop(db);
    let app = open(dir.path());
    for (title, id) in &seeds {
        let st = app.store.article(id);
        assert!(st.starred && st.read, "{title}: {st:?}");
    }
    assert_eq!(app.articles.len(), 17);
}
