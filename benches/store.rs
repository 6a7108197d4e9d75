//! Store costs on a large library: opening a state of 1,000 and 10,000 articles, saving one change
//! into it (lock, re-read, merge, atomic write with fsync), and what `begin_save` costs the UI
//! thread when the save itself runs elsewhere.

use criterion::{Criterion, criterion_group, criterion_main};
use sahifa::store::{Store, quote_key};

fn fill(dir: &std::path::Path, articles: u32) {
    let (mut s, _) = Store::open(Some(dir.to_path_buf()));
    for i in 0..articles {
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
    for articles in [1_000u32, 10_000] {
        let dir = tempfile::tempdir().expect("tempdir");
        fill(dir.path(), articles);
        let size = std::fs::metadata(dir.path().join("state.json")).map_or(0, |m| m.len());
        eprintln!("state.json with {articles} articles: {} KB", size / 1024);
        c.bench_function(&format!("store_open_{articles}"), |b| {
            b.iter(|| {
                let (s, w) = Store::open(Some(dir.path().to_path_buf()));
                assert!(w.is_empty());
                s
            })
        });
        let (mut s, _) = Store::open(Some(dir.path().to_path_buf()));
        let mut n = 0u32;
        c.bench_function(&format!("store_save_one_change_{articles}"), |b| {
            b.iter(|| {
                n += 1;
                s.set_position("0000000000000001", n);
                s.save().expect("save")
            })
        });
        c.bench_function(&format!("store_begin_save_{articles}"), |b| {
            b.iter(|| {
                n += 1;
                s.set_position("0000000000000001", n);
                // What the UI thread pays; the job itself would run elsewhere.
                s.begin_save().expect("job")
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
