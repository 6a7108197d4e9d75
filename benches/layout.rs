//! Layout throughput: the bundled seeds repeated to about 20 MB at width 80 (shaped, unshaped,
//! logical order; one thread), and a 100 KB article re-laid out at a new width, as on a terminal
//! resize (with cells and runs, as the reader needs them, and without).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sahifa::article::{BUNDLED, from_plain_text};
use sahifa::text::{BaseDirection, LayoutOptions, Layouter, Order};

/// Paragraphs of the seeds (title and body), repeated until they hold `bytes` bytes.
fn paragraphs(bytes: usize) -> Vec<String> {
    let mut one = Vec::new();
    for (name, text) in BUNDLED {
        let art = from_plain_text(name, text);
        one.push(art.title.clone());
        one.extend(art.paragraph_texts().map(str::to_string));
    }
    let mut out = Vec::new();
    let mut size = 0;
    while size < bytes {
        for p in &one {
            size += p.len();
            out.push(p.clone());
        }
    }
    out
}

fn opts(width: usize, order: Order, shape: bool) -> LayoutOptions {
    LayoutOptions { width, direction: BaseDirection::Auto, order, shape }
}

/// Lays every paragraph out with one reused layouter; returns the bytes of row text produced.
fn run(pars: &[String], o: &LayoutOptions) -> usize {
    let mut lay = Layouter::new();
    let mut n = 0;
    for p in pars {
        lay.rows(p, o, false, &mut |row| n += row.text.len() + row.offset);
    }
    n
}

fn big(c: &mut Criterion) {
    let pars = paragraphs(20_000_000);
    let bytes: usize = pars.iter().map(String::len).sum();
    let mut g = c.benchmark_group("20MB_width80");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("visual_shaped", |b| b.iter(|| black_box(run(&pars, &opts(80, Order::Visual, true)))));
    g.bench_function("visual_unshaped", |b| {
        b.iter(|| black_box(run(&pars, &opts(80, Order::Visual, false))))
    });
    g.bench_function("logical", |b| b.iter(|| black_box(run(&pars, &opts(80, Order::Logical, false)))));
    g.finish();
}

fn resize(c: &mut Criterion) {
    let pars = paragraphs(100_000);
    let bytes: usize = pars.iter().map(String::len).sum();
    let mut g = c.benchmark_group("100KB_relayout");
    g.throughput(Throughput::Bytes(bytes as u64));
    let mut w = 80;
    g.bench_function("rows_with_cells_and_runs", |b| {
        b.iter(|| {
            w = if w == 80 { 79 } else { 80 };
            let o = opts(w, Order::Visual, true);
            let mut lay = Layouter::new();
            black_box(pars.iter().map(|p| lay.layout(p, &[], &o).len()).sum::<usize>())
        })
    });
    g.bench_function("rows_text_only", |b| {
        b.iter(|| {
            w = if w == 80 { 79 } else { 80 };
            black_box(run(&pars, &opts(w, Order::Visual, true)))
        })
    });
    g.finish();
}

criterion_group!(benches, big, resize);
criterion_main!(benches);
