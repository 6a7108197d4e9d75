//! Throughput of `extract` (bytes of body per second): the bundled seeds repeated, and the 150
//! news articles of the gold fixtures (corpus articles from five outlets), each extracted once per
//! iteration, the way the reader and `extract` meet the corpus.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sahifa::article::{BUNDLED, from_plain_text};
use sahifa::extract::extract;

/// The allocator the `sahifa` binary runs with (src/main.rs), so that the figure is the product's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    // The seeds repeated into one long article: also shows that time stays linear in length.
    let text: String = (0..20).flat_map(|_| BUNDLED.iter().map(|(_, t)| *t)).collect::<Vec<_>>().join("\n");
    let long = from_plain_text("seeds-x20", &text);
    let each: Vec<_> = BUNDLED.iter().map(|(p, t)| from_plain_text(p, t)).collect();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(long.body.len() as u64));
    g.bench_function("seeds_x20_one_article", |b| b.iter(|| extract(std::hint::black_box(&long))));
    let total: usize = each.iter().map(|a| a.body.len()).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("seeds_each", |b| {
        b.iter(|| each.iter().map(|a| extract(std::hint::black_box(a)).quotes.len()).sum::<usize>())
    });
    // The fixtures' corpus articles, read the way a loader gives them (title line, then the body).
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extract");
    let mut news = Vec::new();
    for split in ["unseen", "tune", "test"] {
        for e in std::fs::read_dir(format!("{dir}/{split}")).into_iter().flatten().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                news.push(from_plain_text(&p.to_string_lossy(), &t));
            }
        }
    }
    let total: usize = news.iter().map(|a| a.body.len()).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("corpus_articles_150", |b| {
        b.iter(|| news.iter().map(|a| extract(std::hint::black_box(a)).quotes.len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
