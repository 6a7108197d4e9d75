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
