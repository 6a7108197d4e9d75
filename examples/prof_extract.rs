//! Extraction throughput in CPU time (robust to a loaded machine): run under `perf stat` or read
//! the printed figure, which divides bytes by this process's user+system CPU time.
/// The allocator the `sahifa` binary runs with (src/main.rs).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn cpu_secs() -> f64 {
    // /proc/self/stat fields 14 and 15: utime and stime in clock ticks (100 Hz on Linux).
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let f: Vec<&str> = s.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

fn main() {
    // `prof_extract news`: the gold fixtures' 150 news articles (as the criterion bench), else the seeds.
    let news = std::env::args().nth(1).is_some_and(|a| a == "news");
    let arts: Vec<_> = if news {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extract");
        ["unseen", "tune", "test"]
            .iter()
            .flat_map(|s| std::fs::read_dir(format!("{dir}/{s}")).into_iter().flatten().flatten())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter_map(|p| {
                std::fs::read_to_string(&p)
                    .ok()
                    .map(|t| sahifa::article::from_plain_text(&p.to_string_lossy(), &t))
            })
            .collect()
    } else {
        sahifa::article::BUNDLED.iter().map(|(p, t)| sahifa::article::from_plain_text(p, t)).collect()
    };
    let _ = sahifa::extract::extract(&arts[0]);
    let bytes: usize = arts.iter().map(|a| a.body.len()).sum();
    let rounds = if news { 10 } else { 200 };
    let (c0, w0) = (cpu_secs(), std::time::Instant::now());
    for _ in 0..rounds {
        for a in &arts {
            std::hint::black_box(sahifa::extract::extract(a));
        }
    }
    let (cpu, wall) = (cpu_secs() - c0, w0.elapsed().as_secs_f64());
    let mb = (bytes * rounds) as f64 / 1e6;
    println!("{mb:.1} MB: {:.1} MB/s per CPU-second, {:.1} MB/s wall", mb / cpu.max(1e-9), mb / wall);
}
