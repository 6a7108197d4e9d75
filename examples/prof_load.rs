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
