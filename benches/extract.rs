//! Throughput of `extract` over the bundled seeds repeated (bytes of body per second).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sahifa::article::{BUNDLED, from_plain_text};
use sahifa::extract::extract;

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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
