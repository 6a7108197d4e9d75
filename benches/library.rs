//! The library database: the first screen of titles (newest first), one article with its stored
//! extraction, and searches through the FTS5 index, on 5,000 articles made from the seeds (each
//! seed copied with a distinct title); the reader's first frame from the library (open, read the
//! ids, a page of rows and the first article, draw 160×48 on TestBackend) and the actors view
//! (read from the aggregate, drawn); and storing 10 new articles in one transaction.
//!
//! `SAHIFA_BENCH_LIBRARY=DIR` runs the first frame, searches and actors view on the library in DIR
//! instead (e.g. the 100,000 articles `examples/prof_library` keeps with `SAHIFA_PROF_KEEP`), read
//! only.

use criterion::{Criterion, criterion_group, criterion_main};
use sahifa::db::{Db, NewArticle};
use sahifa::search::Query;

const COPIES: usize = 1_000;

fn copies(base: &[NewArticle], round: usize) -> Vec<NewArticle> {
    base.iter()
        .map(|it| {
            let mut a = it.article.clone();
            a.title = format!("{} ({round})", a.title);
            a.id = sahifa::article::content_id(&a.title, &a.body);
            a.date = Some(format!("2026-{:02}-{:02}T08:00:00Z", 1 + round % 12, 1 + round % 28));
            NewArticle::with_extraction(a, it.extraction.clone())
        })
        .collect()
}

/// The reader on the library in `dir`, as `sahifa` with no PATH opens it.
fn reader(dir: &std::path::Path) -> sahifa::tui::app::App {
    let config = sahifa::config::Config::defaults();
    let args = sahifa::cli::ReaderArgs::default();
    sahifa::tui::build_app(&args, &config, (160, 48), Some(dir.to_path_buf())).expect("app")
}

fn draw(app: &sahifa::tui::app::App) {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).expect("term");
    t.draw(|f| sahifa::tui::ui::draw(f, app)).expect("draw");
}

fn reader_benches(c: &mut Criterion, dir: &std::path::Path, n: i64) {
    c.bench_function(&format!("library_reader_first_frame_{n}"), |b| {
        b.iter(|| {
            let app = reader(dir);
            draw(&app);
            app
        })
    });
    let mut app = reader(dir);
    c.bench_function(&format!("library_actors_view_{n}"), |b| {
        b.iter(|| {
            app.update(sahifa::tui::action::Action::Actors);
            draw(&app);
            app.update(sahifa::tui::action::Action::Actors);
        })
    });
}

fn bench(c: &mut Criterion) {
    if let Some(big) = std::env::var_os("SAHIFA_BENCH_LIBRARY") {
        let dir = std::path::PathBuf::from(big);
        let db = Db::open(&dir).expect("open");
        let n = db.article_count().expect("count");
        for (name, q) in
            [("word", "أذربيجان"), ("exact", "=الرئيس"), ("prefix", "اقتص"), ("none", "كلمةلاتوجد")]
        {
            let query = if name == "prefix" { Query::parse_typing(q) } else { Query::parse(q) };
            c.bench_function(&format!("library_search_{name}_newest_50_of_{n}"), |b| {
                b.iter(|| db.search(&query, 50).expect("search"))
            });
        }
        drop(db);
        return reader_benches(c, &dir, n);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let base = sahifa::db::prepare(sahifa::article::load_bundled(&Default::default()).articles);
    let mut db = Db::open(dir.path()).expect("open");
    let all: Vec<NewArticle> = (0..COPIES).flat_map(|r| copies(&base, r)).collect();
    db.store_articles(None, &all).expect("fill");
    let n = db.article_count().expect("count");
    c.bench_function(&format!("library_first_titles_{n}"), |b| {
        b.iter(|| db.article_rows(200).expect("rows"))
    });
    reader_benches(c, dir.path(), n);
    let first = db.article_rows(1).expect("rows")[0].id;
    c.bench_function("library_one_article", |b| b.iter(|| db.article(first).expect("article")));
    for (name, q) in
        [("word", "أذربيجان"), ("exact", "=باكو"), ("phrase", "\"ناغورنو كاراباخ\""), ("none", "كلمةلاتوجد")]
    {
        let query = Query::parse(q);
        c.bench_function(&format!("library_search_{name}_newest_50_of_{n}"), |b| {
            b.iter(|| db.search(&query, 50).expect("search"))
        });
    }
    let mut round = COPIES;
    c.bench_function("library_store_10_new", |b| {
        b.iter(|| {
            round += 2;
            let items: Vec<NewArticle> =
                copies(&base, round).into_iter().chain(copies(&base, round + 1)).collect();
            db.store_articles(None, &items).expect("store")
        })
    });
}

/// Actors merged across 5,000 to 50,000 small articles (the seeds' extractions repeated: every
/// country and person is named in a fifth of the articles, the case that was quadratic). Linear:
/// the time per article stays flat from one point to the next.
fn merge(c: &mut Criterion) {
    let seeds = sahifa::article::load_bundled(&Default::default()).articles;
    let one: Vec<sahifa::extract::Extraction> = seeds.iter().map(sahifa::extract::extract).collect();
    let mut g = c.benchmark_group("actors_merge");
    g.sample_size(10);
    for n in [5_000, 10_000, 20_000, 50_000] {
        let all: Vec<_> = one.iter().cycle().take(n).cloned().collect();
        g.throughput(criterion::Throughput::Elements(n as u64));
        g.bench_function(format!("articles_{n}"), |b| b.iter(|| sahifa::library::merge_actors(&all)));
    }
    g.finish();
}

criterion_group!(actors, merge);

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches, actors);
