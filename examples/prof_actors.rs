//! Times the actors merge on N small articles (the seeds' extractions repeated), to check that it
//! stays linear: `cargo run --release --example prof_actors -- 5000 10000 20000 50000`.

fn main() {
    let seeds = sahifa::article::load_bundled(&Default::default()).articles;
    let one: Vec<sahifa::extract::Extraction> = seeds.iter().map(sahifa::extract::extract).collect();
    for arg in std::env::args().skip(1) {
        let n: usize = arg.parse().expect("a number of articles");
        let all: Vec<_> = one.iter().cycle().take(n).cloned().collect();
        let t = std::time::Instant::now();
        let merged = sahifa::library::merge_actors(&all);
        let d = t.elapsed();
        println!(
            "{n} articles: {} actors in {d:?} ({:.1} µs per article)",
            merged.len(),
            d.as_secs_f64() * 1e6 / n as f64
        );
    }
}
