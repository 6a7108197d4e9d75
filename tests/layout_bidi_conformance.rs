//! Every case of Unicode's BidiCharacterTest.txt (vendored, gzip-compressed, in tests/data) through
//! sahifa's level resolution and row reordering: the same functions the layout engine runs on
//! grapheme clusters, here run on single characters.

use std::io::{BufRead, BufReader};

use sahifa::text::BaseDirection;
use sahifa::text::bidi::{paragraph_level, reorder_chars, resolve};
use sahifa::text::implicit::{Scratch, resolve_simple};

struct Case {
    line: usize,
    text: String,
    dir: BaseDirection,
    para: u8,
    levels: Vec<Option<u8>>,
    order: Vec<usize>,
}

fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/BidiCharacterTest.txt.gz");
    let file = std::fs::File::open(path).expect("vendored BidiCharacterTest.txt.gz");
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.expect("readable test data");
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(';').collect();
        assert_eq!(f.len(), 5, "line {}", n + 1);
        let text: String = f[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).expect("hex")).expect("scalar"))
            .collect();
        let dir = match f[1] {
            "0" => BaseDirection::Ltr,
            "1" => BaseDirection::Rtl,
            _ => BaseDirection::Auto,
        };
        let levels = f[3].split_whitespace().map(|l| l.parse().ok()).collect();
        let order = f[4].split_whitespace().map(|i| i.parse().expect("index")).collect();
        out.push(Case { line: n + 1, text, dir, para: f[2].parse().expect("level"), levels, order });
    }
    out
}

#[test]
fn bidi_character_test_all_cases() {
    let cases = cases();
    let total = cases.len();
    let (mut levels_ok, mut order_ok, mut fast) = (0, 0, 0);
    let mut scratch = Scratch::default();
    let mut failures = Vec::new();
    for case in &cases {
        fast += resolve_simple(&case.text, Some(paragraph_level(&case.text, case.dir)), &mut scratch)
            .is_some() as usize;
        let mut classes = Vec::new();
        let mut levels = Vec::new();
        let para = resolve(&case.text, case.dir, |_, class, level| {
            classes.push(class);
            levels.push(level);
        });
        let order = reorder_chars(&classes, &mut levels, para);
        let want_levels_match = para == case.para
            && levels.len() == case.levels.len()
            && levels.iter().zip(&case.levels).all(|(got, want)| want.is_none_or(|w| w == *got));
        let got_order: Vec<usize> = order
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| case.levels.get(i).is_some_and(Option::is_some))
            .collect();
        levels_ok += want_levels_match as usize;
        if got_order == case.order {
            order_ok += 1;
        } else if failures.len() < 10 {
            failures.push(format!("line {}: want {:?} got {:?}", case.line, case.order, got_order));
        }
    }
    println!(
        "BidiCharacterTest: levels {levels_ok}/{total}, visual order {order_ok}/{total} ({fast} through the fast resolver)"
    );
    assert!(fast > 10_000);
    assert!(total > 90_000, "only {total} cases read");
    assert_eq!(order_ok, total, "first failures:\n{}", failures.join("\n"));
    assert_eq!(levels_ok, total);
}
