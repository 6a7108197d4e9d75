//! The library database: the first screen of titles (newest first), one article with its stored
//! extraction, and searches through the FTS5 index, on 5,000 articles made from the seeds (each
//! seed copied with a distinct title); and storing 10 new articles in one transaction. The 100,000-article
//! numbers come from `examples/prof_library` on the corpus (see the README).

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

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = sahifa::db::prepare(sahifa::article::load_bundled(&Default::default()).articles);
    let mut db = Db::open(dir.path()).expect("open");
    let all: Vec<NewArticle> = (0..COPIES).flat_map(|r| copies(&base, r)).collect();
    db.store_articles(None, &all).expect("fill");
    let n = db.article_count().expect("count");
    c.bench_function(&format!("library_first_titles_{n}"), |b| {
        b.iter(|| db.article_rows(200).expect("rows"))
    });
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
