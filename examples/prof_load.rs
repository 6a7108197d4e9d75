//! Loading+cleaning throughput in CPU time, for `perf record`: plain text built from the seeds.
fn main() {
    let seeds: String =
        [0, 2, 3].iter().map(|&i| sahifa::article::BUNDLED[i].1).collect::<Vec<_>>().join("\n\n");
    let mut text = String::new();
    while text.len() < 4 << 20 {
        text.push_str(&seeds);
        text.push('\n');
    }
    let kind = std::env::args().nth(1).unwrap_or_else(|| "txt".into());
    if kind == "real" {
        // The pages of tests/fixtures/library/real, many times over.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library/real");
        let pages: Vec<Vec<u8>> = std::fs::read_dir(&dir)
            .expect("fixtures")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .map(|p| std::fs::read(p).expect("fixture"))
            .collect();
        let opts = sahifa::article::LoadOptions::default();
        let t0 = std::time::Instant::now();
        let rounds = 300;
        for _ in 0..rounds {
            for p in &pages {
                std::hint::black_box(sahifa::article::load_bytes("a.html", p, Some("html"), &opts));
            }
        }
        let mb = (pages.iter().map(Vec::len).sum::<usize>() * rounds) as f64 / 1e6;
        println!("{mb:.0} MB, {:.1} MB/s", mb / t0.elapsed().as_secs_f64());
        return;
    }
    let opts = sahifa::article::LoadOptions::default();
    let bytes = if kind == "cp1256" {
        encoding_rs::WINDOWS_1256.encode(&text).0.into_owned()
    } else {
        text.clone().into_bytes()
    };
    let t0 = std::time::Instant::now();
    let rounds = 40;
    for _ in 0..rounds {
        std::hint::black_box(sahifa::article::load_bytes("a", &bytes, Some(&kind), &opts));
    }
    let mb = (text.len() * rounds) as f64 / 1e6;
    println!("{mb:.0} MB, {:.1} MB/s", mb / t0.elapsed().as_secs_f64());
}
