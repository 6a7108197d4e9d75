//! Shaping checked against GNU FriBidi over every word of the corpus: joining forms and lam-alef
//! ligatures, marks on the alef included (بديلاً، إلاّ). The words and FriBidi's visual form of each
//! are vendored in `tests/data/shaping_words.tsv.gz` (made by `tools/shaping_words.py`); FriBidi is
//! not needed to run the test.

use std::io::Read;

use sahifa::text::{self, BaseDirection, LayoutOptions, Order};

fn shaped(word: &str) -> String {
    let opts =
        LayoutOptions { width: 1000, direction: BaseDirection::Rtl, order: Order::Visual, shape: true };
    text::layout(word, &[], &opts).into_iter().map(|r| r.text).collect()
}

/// FriBidi leaves a lam with its own marks before the alef (لَا) unligated; HarfBuzz and the printed
/// page join them, and so does sahifa (the mark stays on the ligature cell). Those words are
/// checked against FriBidi with the ligature written out as FriBidi's two letters.
fn lam_marked_before_alef(word: &str) -> bool {
    let cs: Vec<char> = word.chars().collect();
    cs.windows(3).any(|w| w[0] == '\u{644}' && is_mark(w[1]))
        && cs.iter().enumerate().any(|(i, &c)| {
            c == '\u{644}' && {
                let rest: Vec<char> = cs[i + 1..].iter().copied().skip_while(|&m| is_mark(m)).collect();
                cs.get(i + 1).is_some_and(|&m| is_mark(m)) && rest.first().is_some_and(|&a| is_alef(a))
            }
        })
}

fn is_mark(c: char) -> bool {
    ('\u{64B}'..='\u{65F}').contains(&c) || c == '\u{670}'
}

fn is_alef(c: char) -> bool {
    matches!(c, '\u{622}' | '\u{623}' | '\u{625}' | '\u{627}')
}

#[test]
fn every_corpus_word_shapes_as_fribidi_does() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/shaping_words.tsv.gz");
    let mut tsv = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut tsv).unwrap();
    let (mut n, mut skipped) = (0, 0);
    let mut bad = Vec::new();
    for line in tsv.lines() {
        let Some((word, want)) = line.split_once('\t') else { continue };
        n += 1;
        if lam_marked_before_alef(word) {
            skipped += 1;
            continue;
        }
        let got = shaped(word);
        if got != want {
            bad.push(format!("{word}: got {} want {}", esc(&got), esc(want)));
        }
    }
    assert!(n > 100_000, "the vendored list holds {n} words");
    assert!(skipped < n / 100, "{skipped} words left out");
    assert!(
        bad.is_empty(),
        "{} of {n} words differ from FriBidi, first:\n{}",
        bad.len(),
        bad[..bad.len().min(20)].join("\n")
    );
}

fn esc(s: &str) -> String {
    s.chars().map(|c| format!("{:04X} ", c as u32)).collect()
}

#[test]
fn lam_alef_with_a_mark_on_the_alef_is_one_ligature() {
    for (word, lig) in [
        ("بديلاً", '\u{FEFC}'),
        ("فضلاً", '\u{FEFC}'),
        ("قتيلاً", '\u{FEFC}'),
        // و does not join the letter after it: the isolated ligature.
        ("أولاً", '\u{FEFB}'),
        ("اتصالاً", '\u{FEFB}'),
        ("إلاّ", '\u{FEFB}'),
    ] {
        let s = shaped(word);
        assert!(s.contains(lig), "{word}: {}", esc(&s));
        assert!(!s.contains('\u{FEDF}') && !s.contains('\u{FEE0}'), "{word}: a lam left alone: {}", esc(&s));
        // The mark follows the ligature in its cell.
        let after: String = s.chars().skip_while(|&c| c != lig).skip(1).take_while(|&c| is_mark(c)).collect();
        assert!(!after.is_empty(), "{word}: the alef's mark is kept after the ligature");
    }
}

#[test]
fn a_word_that_opens_with_a_haraka_keeps_its_letter_once_and_the_mark() {
    // The mark has no letter before it: it is drawn after the first letter, as FriBidi draws it.
    assert_eq!(shaped("\u{64E}أضاف"), "\u{FED1}\u{FE8E}\u{FEBF}\u{FE83}\u{64E}");
    let plain =
        LayoutOptions { width: 80, direction: BaseDirection::Rtl, order: Order::Visual, shape: false };
    let row: String = text::layout("\u{64E}أب", &[], &plain).into_iter().map(|r| r.text).collect();
    assert_eq!(row, "بأ\u{64E}");
}

#[test]
fn lam_with_its_own_mark_before_the_alef_is_ligated_too() {
    assert!(shaped("لَا").contains('\u{FEFB}'));
}
