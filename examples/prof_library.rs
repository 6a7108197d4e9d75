//! The library database at scale: `cargo run --release --example prof_library -- PATH [COPIES]`.
//!
//! Loads PATH (a file or folder, e.g. the 10,000-article corpus), extracts every article once and
//! stores it (what `sahifa import` does), then stores COPIES-1 more copies with distinct ids (the
//! extraction reused), and times what the reader and `search --library` would do: the first
//! screen of titles, newest first, and a few queries. Writes into a temporary data dir, or into
//! `$SAHIFA_PROF_KEEP` when set (kept afterwards: a library to open with `SAHIFA_DATA_DIR`).

use std::time::Instant;

use sahifa::db::{Db, NewArticle};
use sahifa::search::Query;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().expect("PATH"));
    let copies: usize = args.next().map_or(10, |c| c.parse().expect("COPIES"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let keep = std::env::var_os("SAHIFA_PROF_KEEP").map(std::path::PathBuf::from);
    let dir_path = keep.unwrap_or_else(|| tmp.path().to_path_buf());

    let t = Instant::now();
    let loaded = sahifa::article::load_paths(&[path], &Default::default());
    let n = loaded.articles.len();
    let text: usize = loaded.articles.iter().map(|a| a.title.len() + a.body.len()).sum();
    println!("load+clean {n} articles ({} MB of text): {:.2?}", text / 1_000_000, t.elapsed());
    let t = Instant::now();
    let items: Vec<NewArticle> = sahifa::db::prepare(loaded.articles);
    println!("extract and index {n} (all cores): {:.2?}", t.elapsed());

    let mut db = Db::open(dir_path.as_path()).expect("open");
    let t = Instant::now();
    db.store_articles(None, &items).expect("store");
    println!("store {n} (one transaction): {:.2?}", t.elapsed());
    let t = Instant::now();
    for k in 1..copies {
        let copy: Vec<NewArticle> = items
            .iter()
            .map(|it| {
                let mut a = it.article.clone();
                a.title = format!("{} ({k})", a.title);
                a.id = sahifa::article::content_id(&a.title, &a.body);
                NewArticle::with_extraction(a, it.extraction.clone())
            })
            .collect();
        db.store_articles(None, &copy).expect("store copy");
    }
    let total = db.article_count().expect("count");
    println!("store {} more copies: {:.2?}; {total} articles", copies - 1, t.elapsed());
    drop(db);
    let size: u64 = std::fs::read_dir(dir_path.as_path())
        .expect("ls")
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!("database on disk: {} MB", size / 1_000_000);
    let conn = rusqlite::Connection::open(dir_path.as_path().join(sahifa::db::DB_FILE)).expect("sqlite");
    let mut st = conn
        .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8")
        .expect("dbstat");
    let sizes: Vec<(String, i64)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("dbstat").flatten().collect();
    for (name, bytes) in sizes {
        println!("  {name}: {} MB", bytes / 1_000_000);
    }
    drop(st);
    drop(conn);

    let t = Instant::now();
    let db = Db::open(dir_path.as_path()).expect("reopen");
    let rows = db.article_rows(200).expect("rows");
    println!("open + first 200 titles, newest first: {:.2?} ({} rows)", t.elapsed(), rows.len());
    let t = Instant::now();
    let a = db.article(rows[0].id).expect("article").expect("exists");
    println!("one article with its extraction: {:.2?} ({} bytes of body)", t.elapsed(), a.article.body.len());
    for q in ["أذربيجان", "=الرئيس", "\"وزير الخارجية\"", "كورونا لقاح", "اقتص", "كلمةلاتوجد"]
    {
        let query = if q == "اقتص" { Query::parse_typing(q) } else { Query::parse(q) };
        for limit in [50, usize::MAX] {
            let t = Instant::now();
            let hits = db.search(&query, limit).expect("search");
            println!(
                "search {q:<18} limit {:>4}: {:>7.2?}, {} hits",
                if limit == usize::MAX { "all".to_string() } else { limit.to_string() },
                t.elapsed(),
                hits.len()
            );
        }
    }
}
