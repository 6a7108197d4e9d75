use super::*;
use crate::article::{Article, from_plain_text};

fn item(a: Article) -> NewArticle {
    NewArticle::new(a)
}

fn feed_item(guid: &str, title: &str, body: &str, date: &str) -> NewArticle {
    let mut a = from_plain_text("http://x/feed", &format!("{title}\n{body}"));
    a.guid = Some(guid.into());
    a.date = Some(date.into());
    item(a)
}

#[test]
fn opens_migrates_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(dir.path()).unwrap();
    let v: u32 = db.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v as usize, schema::MIGRATIONS.len());
    let mode: String = db.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(db);
    Db::open(dir.path()).unwrap();
}

#[test]
fn newer_schema_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(dir.path()).unwrap();
    db.conn.pragma_update(None, "user_version", 99).unwrap();
    drop(db);
    let e = Db::open(dir.path()).unwrap_err().to_string();
    assert!(e.contains("library.sqlite") && e.contains("newer"), "{e}");
}

#[test]
fn feeds_add_merge_tags_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let f = NewFeed { url: "http://a/rss".into(), tags: vec!["أخبار".into()], ..NewFeed::default() };
    assert!(db.add_feed(&f).unwrap());
    let g = NewFeed { tags: vec!["sport".into()], full_text: true, ..f.clone() };
    assert!(!db.add_feed(&g).unwrap());
    let feeds = db.feeds().unwrap();
    assert_eq!(feeds.len(), 1);
    assert_eq!(feeds[0].tags, vec!["أخبار".to_string(), "sport".to_string()]);
    assert!(feeds[0].full_text);
    db.record_fetch(feeds[0].id, &FetchResult::Failed("HTTP 500".into())).unwrap();
    assert_eq!(db.feeds().unwrap()[0].last_error.as_deref(), Some("HTTP 500"));
    let fetched =
        FetchResult::Fetched { etag: Some("\"e1\"".into()), last_modified: None, title: Some("T".into()) };
    db.record_fetch(feeds[0].id, &fetched).unwrap();
    let f0 = &db.feeds().unwrap()[0];
    assert_eq!(
        (f0.last_error.as_deref(), f0.etag.as_deref(), f0.title.as_deref()),
        (None, Some("\"e1\""), Some("T"))
    );
    assert!(db.remove_feed("http://a/rss").unwrap());
    assert!(!db.remove_feed("http://a/rss").unwrap());
    assert!(db.feeds().unwrap().is_empty());
}

#[test]
fn feed_items_dedupe_by_guid_and_update_when_edited() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    db.add_feed(&NewFeed { url: "http://x/feed".into(), ..NewFeed::default() }).unwrap();
    let id = db.feeds().unwrap()[0].id;
    let items = vec![
        feed_item("g1", "عنوان أول", "قال الوزير إن الخطة جاهزة.", "2026-01-02T10:00:00+00:00"),
        feed_item("g2", "عنوان ثان", "نص آخر.", "2026-01-03T10:00:00+00:00"),
    ];
    assert_eq!(db.store_articles(Some(id), &items).unwrap(), articles::Stored { added: 2, updated: 0 });
    assert_eq!(db.store_articles(Some(id), &items).unwrap(), articles::Stored::default());
    let edited =
        vec![feed_item("g1", "عنوان أول", "قال الوزير إن الخطة تأجلت.", "2026-01-02T10:00:00+00:00")];
    assert_eq!(db.store_articles(Some(id), &edited).unwrap(), articles::Stored { added: 0, updated: 1 });
    assert_eq!(db.article_count().unwrap(), 2);
    let known = db.known_items(id).unwrap();
    assert_eq!(known.len(), 2);
    assert!(known.contains_key("g1") && known.contains_key("g2"));
    let rows = db.article_rows(10).unwrap();
    assert_eq!(rows[0].title, "عنوان ثان", "newest first");
    let back = db.article(rows[1].id).unwrap().unwrap();
    assert!(back.article.body.contains("تأجلت"));
    assert_eq!(back.article.paragraph_texts().count(), 1);
    let (v, json) = back.extraction.unwrap();
    assert_eq!(v, EXTRACT_VERSION);
    assert!(json.contains("\"quotes\""), "{json}");
    db.remove_feed("http://x/feed").unwrap();
    assert_eq!(db.article_count().unwrap(), 0, "a feed's articles go with it");
}

#[test]
fn files_dedupe_by_content_and_read_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let arts: Vec<NewArticle> =
        crate::article::load_bundled(&Default::default()).articles.into_iter().map(item).collect();
    let n = arts.len();
    assert_eq!(db.store_articles(None, &arts).unwrap().added, n);
    assert_eq!(db.store_articles(None, &arts).unwrap().added, 0);
    for row in db.article_rows(100).unwrap() {
        let stored = db.article(row.id).unwrap().unwrap();
        let orig = arts.iter().find(|a| a.article.id == row.content_id).unwrap();
        // The library keeps the cleaned article; the lines cleaning set aside are not stored.
        let mut cleaned = orig.article.clone();
        cleaned.removed.clear();
        assert_eq!(stored.article, cleaned);
        assert_eq!(stored.current_extraction(), Some(crate::extract::extract(&orig.article)));
    }
}

#[test]
fn dates_parse_in_both_feed_styles() {
    assert_eq!(articles::parse_date("2026-01-02T10:00:00+00:00"), Some(1767348000));
    assert_eq!(articles::parse_date("Fri, 02 Jan 2026 10:00:00 +0000"), Some(1767348000));
    assert_eq!(articles::parse_date("yesterday"), None);
}

#[test]
fn search_finds_what_the_matcher_finds_and_forgets_removed_articles() {
    use crate::search::Query;
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let arts = crate::article::load_bundled(&Default::default()).articles;
    db.add_feed(&NewFeed { url: "http://x/feed".into(), ..NewFeed::default() }).unwrap();
    let fid = db.feeds().unwrap()[0].id;
    let items: Vec<NewArticle> = arts.iter().cloned().map(item).collect();
    db.store_articles(Some(fid), &items).unwrap();
    for q in [
        "أذربيجان",
        "=أذربيجان",
        "الأرمن",
        "\"ناغورنو كاراباخ\"",
        "باشينيان",
        "كلمةغيرموجودة",
        "رويترز أردوغان",
    ] {
        let query = Query::parse(q);
        let mut want: Vec<String> =
            arts.iter().filter(|a| query.matches_article(a)).map(|a| a.id.clone()).collect();
        let mut got: Vec<String> = db
            .search(&query, 100)
            .unwrap()
            .into_iter()
            .map(|id| db.article(id).unwrap().unwrap().article.id)
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{q}");
    }
    let typing = Query::parse_typing("أذرب");
    assert_eq!(
        db.search(&typing, 100).unwrap().len(),
        arts.iter().filter(|a| typing.matches_article(a)).count()
    );
    db.remove_feed("http://x/feed").unwrap();
    assert!(db.search(&Query::parse("أذربيجان"), 100).unwrap().is_empty());
}

#[test]
fn a_damaged_file_is_an_error_naming_it_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(DB_FILE);
    let junk = b"this is not a database, just bytes \x00\x01\x02".repeat(200);
    std::fs::write(&file, &junk).unwrap();
    let e = Db::open(dir.path()).unwrap_err().to_string();
    assert!(e.starts_with(&file.display().to_string()) && e.contains("not a database"), "{e}");
    assert!(!e.contains('\n'));
    assert_eq!(std::fs::read(&file).unwrap(), junk, "never overwritten");
}

/// The seeds, extracted and stored from a feed.
fn seeded(db: &mut Db) -> i64 {
    db.add_feed(&NewFeed { url: "http://a/rss".into(), ..NewFeed::default() }).unwrap();
    let feed = db.feeds().unwrap()[0].id;
    let items: Vec<NewArticle> = crate::article::load_bundled(&Default::default())
        .articles
        .into_iter()
        .enumerate()
        .map(|(i, mut a)| {
            a.guid = Some(format!("g{i}"));
            item(a)
        })
        .collect();
    db.store_articles(Some(feed), &items).unwrap();
    feed
}

fn aggregate(db: &Db) -> Vec<(String, i64, i64, i64)> {
    let mut v: Vec<_> = db
        .top_actors(usize::MAX)
        .unwrap()
        .into_iter()
        .map(|a| (a.name, a.articles, a.mentions, a.quotes))
        .collect();
    v.sort();
    v
}

#[test]
fn actors_aggregate_per_article_matches_a_backfill_and_follows_updates_and_removals() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let feed = seeded(&mut db);
    db.check_aggregate().unwrap();
    let incremental = aggregate(&db);
    assert!(
        incremental.iter().any(|(_, arts, _, _)| *arts >= 2),
        "some actor is in two seeds: {incremental:?}"
    );
    // The counts agree with the stored extractions, counted again from scratch.
    let total_mentions: i64 = incremental.iter().map(|a| a.2).sum();
    let stored: i64 = db
        .article_rows(100)
        .unwrap()
        .iter()
        .map(|r| {
            let ex = db.article(r.id).unwrap().unwrap().current_extraction().unwrap();
            crate::library::aggregate::entries(&ex).iter().map(|e| e.mentions as i64).sum::<i64>()
        })
        .sum();
    assert_eq!(total_mentions, stored);
    // A backfill (what migration 2 does for an older library) gives the same aggregate.
    db.conn.execute_batch("DELETE FROM article_actors; DELETE FROM actors;").unwrap();
    assert!(aggregate(&db).is_empty());
    actors::backfill(&db.conn).unwrap();
    assert_eq!(aggregate(&db), incremental);
    // An item whose text changes replaces its actors; a removed feed takes its counts away.
    let first = db.article_rows(100).unwrap().into_iter().find(|r| r.feed_id == Some(feed)).unwrap();
    let a = db.article(first.id).unwrap().unwrap().article;
    let mut changed = a.clone();
    changed.body = "قال الرئيس الفرنسي إيمانويل ماكرون إن الاتفاق جيد.".into();
    changed.paragraphs = std::iter::once(0..changed.body.len()).collect();
    changed.id = crate::article::content_id(&changed.title, &changed.body);
    db.store_articles(Some(feed), &[item(changed)]).unwrap();
    db.check_aggregate().unwrap();
    assert_ne!(aggregate(&db), incremental);
    assert!(db.remove_feed("http://a/rss").unwrap());
    db.check_aggregate().unwrap();
    assert!(aggregate(&db).is_empty(), "{:?}", aggregate(&db));
}

#[test]
fn a_common_word_gives_the_newest_matches_whichever_way_the_search_walks() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    // 2,400 articles (past WALK_FROM), dated out of insertion order; two in three say the word.
    let items: Vec<NewArticle> = (0..2400)
        .map(|i| {
            let word = if i % 3 == 0 { "مطر" } else { "الرئيس" };
            let mut a = from_plain_text("x.txt", &format!("خبر {i}\nقال {word} كلاما رقم {i}."));
            a.date = Some(format!("2026-01-01T{:02}:{:02}:00Z", (i * 7) % 24, i % 60));
            NewArticle::with_extraction(a, "{\"actors\":[],\"quotes\":[]}".into())
        })
        .collect();
    db.store_articles(None, &items).unwrap();
    let q = crate::search::Query::parse("=الرئيس");
    let all = db.search(&q, usize::MAX).unwrap();
    assert_eq!(all.len(), 1600);
    let newest = db.search(&q, 50).unwrap();
    assert_eq!(newest, all[..50]);
    let rows = db.rows_of(&all).unwrap();
    assert!(rows.windows(2).all(|w| (w[0].published, w[0].id) >= (w[1].published, w[1].id)));
}
