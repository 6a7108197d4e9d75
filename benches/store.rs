//! Store costs on a large library: opening a 10,000-article state, and saving one change into it
//! (lock, re-read, merge, atomic write with fsync).

use criterion::{Criterion, criterion_group, criterion_main};
use sahifa::store::{Store, quote_key};

const ARTICLES: u32 = 10_000;

fn fill(dir: &std::path::Path) {
    let (mut s, _) = Store::open(Some(dir.to_path_buf()));
    for i in 0..ARTICLES {
        let id = format!("{i:016x}");
        s.set_read(&id, true);
        s.set_position(&id, i % 300);
        if i % 5 == 0 {
            s.set_starred(&id, true);
        }
        if i % 10 == 0 {
            s.set_note(&id, Some(format!("ملاحظة على المقال رقم {i}")));
            s.toggle_quote_star(&id, &quote_key("قال إن", i as usize));
        }
    }
    s.save().expect("fill");
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    fill(dir.path());
    let size = std::fs::metadata(dir.path().join("state.json")).map_or(0, |m| m.len());
    eprintln!("state.json with {ARTICLES} articles: {} KB", size / 1024);
    c.bench_function("store_open_10k", |b| {
        b.iter(|| {
            let (s, w) = Store::open(Some(dir.path().to_path_buf()));
            assert!(w.is_empty());
            s
        })
    });
    let (mut s, _) = Store::open(Some(dir.path().to_path_buf()));
    let mut n = 0u32;
    c.bench_function("store_save_one_change_10k", |b| {
        b.iter(|| {
            n += 1;
            s.set_position("0000000000000001", n);
            s.save().expect("save")
        })
    });
    c.bench_function("store_toggle_star", |b| b.iter(|| s.toggle_star("0000000000000002")));
    s.set_starred("0000000000000002", false);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
