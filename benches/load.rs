//! Loading plus cleaning throughput: plain UTF-8 text and web pages, built from the bundled seeds,
//! and the pages in the markup of real news sites from the test fixtures.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sahifa::article::{BUNDLED, LoadOptions, load_bytes};

/// Seeds without a related-articles tail (a tail marker would cut the rest and flatter the figure).
fn seeds_text() -> String {
    [0, 2, 3].iter().map(|&i| BUNDLED[i].1).collect::<Vec<_>>().join("\n\n")
}

/// About 1 MB of news text as one plain-text file (many articles' paragraphs in a row).
fn plain(size: usize) -> String {
    let seeds = seeds_text();
    let mut s = String::with_capacity(size + seeds.len());
    while s.len() < size {
        s.push_str(&seeds);
        s.push('\n');
    }
    s
}

/// A web page of about `size` bytes: navigation, an article of the seeds' paragraphs, a sidebar.
fn page(size: usize) -> String {
    let mut body = String::new();
    let seeds = seeds_text();
    let paras: Vec<&str> = seeds.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut i = 0;
    while body.len() < size {
        body.push_str("<p>");
        body.push_str(paras[i % paras.len()]);
        body.push_str(" <a href=\"/x\">رابط</a></p>\n");
        i += 1;
    }
    format!(
        "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>عنوان | موقع</title><script>var a=1;</script></head>\
         <body><header><nav><a href=\"/\">الرئيسية</a></nav></header><main><article><h1>عنوان</h1>{body}</article>\
         <aside><ul><li>خبر آخر</li></ul></aside></main><footer>حقوق</footer></body></html>"
    )
}

fn bench(c: &mut Criterion) {
    let opts = LoadOptions::default();
    let text = plain(4 << 20);
    let mut g = c.benchmark_group("load+clean");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("plain text 4 MB", |b| {
        b.iter(|| load_bytes("a.txt", text.as_bytes(), Some("txt"), &opts))
    });
    // A folder's worth of short articles: per-article costs (rules, headline, ids) count here.
    let seeds = seeds_text();
    let articles: Vec<String> =
        (0..256).map(|i| format!("خبر رقم {i}\n{}", &seeds[..seeds.floor_char_boundary(4096)])).collect();
    g.throughput(Throughput::Bytes(articles.iter().map(|a| a.len() as u64).sum()));
    g.bench_function("plain text 256 articles of 4 KB", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| load_bytes("a.txt", a.as_bytes(), Some("txt"), &opts).articles.len())
                .sum::<usize>()
        })
    });
    // The same articles as one batch (as `sahifa DIR` loads them): furniture learnt across them.
    g.bench_function("plain text 256 articles of 4 KB, one batch", |b| {
        b.iter(|| {
            let mut all: Vec<_> = articles
                .iter()
                .flat_map(|a| load_bytes("a.txt", a.as_bytes(), Some("txt"), &opts).articles)
                .collect();
            sahifa::article::furniture::apply(&mut all);
            all.len()
        })
    });
    // 256 different articles as one batch: each a window of the seeds' paragraphs starting
    // further on, so a paragraph recurs in some articles (as an outlet's furniture does) and no
    // two articles are copies.
    let paras: Vec<&str> = seeds.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let distinct: Vec<String> = (0..256)
        .map(|i| {
            let mut a = format!("خبر رقم {i}\n");
            let mut k = i;
            while a.len() < 4096 {
                a.push_str(paras[k % paras.len()]);
                a.push_str(&format!(" ({i}-{k})\n"));
                k += 7;
            }
            a
        })
        .collect();
    g.throughput(Throughput::Bytes(distinct.iter().map(|a| a.len() as u64).sum()));
    g.bench_function("plain text 256 distinct articles of 4 KB, one batch", |b| {
        b.iter(|| {
            let mut all: Vec<_> = distinct
                .iter()
                .flat_map(|a| load_bytes("a.txt", a.as_bytes(), Some("txt"), &opts).articles)
                .collect();
            sahifa::article::furniture::apply(&mut all);
            all.len()
        })
    });
    // Windows-1256: detection and decoding on top of the text path.
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&text);
    g.throughput(Throughput::Bytes(cp1256.len() as u64));
    g.bench_function("windows-1256 text 4 MB", |b| {
        b.iter(|| load_bytes("a.txt", &cp1256, Some("txt"), &opts))
    });
    let html = page(4 << 20);
    g.throughput(Throughput::Bytes(html.len() as u64));
    g.bench_function("html 4 MB", |b| b.iter(|| load_bytes("a.html", html.as_bytes(), Some("html"), &opts)));
    // Pages in the markup of real news sites (tests/fixtures/library/real): classes, scripts,
    // sidebars, comments, JSON-LD.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library/real");
    let mut real: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("fixture")))
        .collect();
    real.sort();
    g.throughput(Throughput::Bytes(real.iter().map(|(_, b)| b.len() as u64).sum()));
    g.bench_function("html real-site pages", |b| {
        b.iter(|| {
            real.iter().map(|(n, p)| load_bytes(n, p, Some("html"), &opts).articles.len()).sum::<usize>()
        })
    });
    let small = page(30 << 10);
    g.throughput(Throughput::Bytes(small.len() as u64));
    g.bench_function("html 30 KB", |b| {
        b.iter(|| load_bytes("a.html", small.as_bytes(), Some("html"), &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
