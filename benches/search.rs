//! Search over the 10,000-article corpus: index build time, and query time for the query shapes
//! the reader and `sahifa search` use (word, nisba form, phrase, several words, typing prefix,
//! exact word), plus the index-free matcher for comparison.
//!
//! Reads `../shared/corpus/ant-news-10k.jsonl.gz` (or `$SAHIFA_CORPUS`); skips when it is absent.

use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use sahifa::article::{Article, Format};
use sahifa::search::{Index, Query};

/// Loads the JSON-lines corpus into articles (title, body split at line breaks).
fn corpus() -> Option<Vec<Article>> {
    let path =
        std::env::var("SAHIFA_CORPUS").unwrap_or_else(|_| "/work/shared/corpus/ant-news-10k.jsonl.gz".into());
    let file = std::fs::File::open(&path).ok()?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut out = Vec::new();
    for (i, line) in reader.lines().map_while(Result::ok).enumerate() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
        let paragraphs = text("body").lines().map(str::to_string).collect();
        let mut a = Article::new("corpus.jsonl", i, Format::JsonLines, "UTF-8", text("title"), paragraphs);
        a.source = Some(text("source"));
        out.push(a);
    }
    Some(out)
}

/// CPU time of this process so far in ms (Linux, USER_HZ = 100; the machine may be shared, so wall time alone
/// says little).
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks * 10)
}

const QUERIES: &[(&str, &str, bool)] = &[
    ("word", "الحكومة", false),
    ("nisba", "الأذربيجانية", false),
    ("rare", "كاراباخ", false),
    ("phrase", "\"الأمم المتحدة\"", false),
    ("and3", "وزير الخارجية السعودي", false),
    ("exact", "=الإمارات", false),
    ("typing2", "ال", true),
    ("typing4", "الإما", true),
];

fn bench(c: &mut Criterion) {
    let Some(articles) = corpus() else {
        eprintln!("corpus not found: skipping the search benchmark");
        return;
    };
    let (t, cpu) = (std::time::Instant::now(), cpu_ms());
    let index = Index::build(&articles);
    eprintln!(
        "index: {} articles, {} distinct words, built in {:.0} ms wall, {} ms CPU (all threads)",
        index.len(),
        index.words(),
        t.elapsed().as_secs_f64() * 1000.0,
        cpu_ms().zip(cpu).map_or("?".into(), |(b, a)| (b - a).to_string())
    );
    let query = Query::parse("الأذربيجانية");
    let (t, cpu) = (std::time::Instant::now(), cpu_ms());
    let n = articles.iter().filter(|a| query.matches_article(a)).count();
    eprintln!(
        "scan without index: {n} articles in {:.0} ms wall, {} ms CPU",
        t.elapsed().as_secs_f64() * 1000.0,
        cpu_ms().zip(cpu).map_or("?".into(), |(b, a)| (b - a).to_string())
    );
    for &(name, q, typing) in QUERIES {
        let query = if typing { Query::parse_typing(q) } else { Query::parse(q) };
        eprintln!("{name} {q}: {} articles", index.search(&query).len());
    }

    let mut g = c.benchmark_group("build");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("index_10k", |b| b.iter(|| Index::build(black_box(&articles))));
    g.finish();

    let mut g = c.benchmark_group("search_10k");
    for &(name, q, typing) in QUERIES {
        g.bench_function(name, |b| {
            b.iter(|| {
                let query =
                    if typing { Query::parse_typing(black_box(q)) } else { Query::parse(black_box(q)) };
                index.search(&query)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
