//! Invariants shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and the property tests
//! (`tests/props_*.rs`, which include this file by path). Each check panics with a message naming
//! the broken property, so a fuzzer records the input and a property test shrinks it.

#![allow(dead_code)]

use std::ops::Range;

use sahifa::article::{self, Article, LoadOptions};
use sahifa::extract::Extraction;
use sahifa::text::{self, BaseDirection, LayoutOptions, Order, Row};

/// A character that must never reach the terminal from an article: C0 but tab/newline, DEL, C1,
/// and the bidi embedding/override/isolate controls.
pub fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The distinct logical ranges of a row's cells, in display order (a wide cluster's two cells
/// share one range).
pub fn row_ranges(row: &Row) -> Vec<Range<usize>> {
    let mut v: Vec<Range<usize>> = Vec::new();
    for r in &row.cells {
        if v.last() != Some(r) {
            v.push(r.clone());
        }
    }
    v
}

/// Lays `para` out at `width` in both orders and checks: no panic; every row at most `width` cells
/// (or a single cluster wider than the row); `cells` as long as the row is wide; no forbidden
/// character in a row; cell ranges inside the paragraph, on char boundaries and disjoint (every
/// logical byte shown at most once); every printable character shown; the visual row a permutation
/// of the logical row with the same breaks.
pub fn check_layout(para: &str, width: usize, direction: BaseDirection, shape: bool) {
    let opts = |order, shape| LayoutOptions { width, direction, order, shape };
    let visual = text::layout(para, &[], &opts(Order::Visual, false));
    let logical = text::layout(para, &[], &opts(Order::Logical, false));
    // Shaping may join two clusters into one ligature cell (lam-alef): it covers the same bytes.
    let shaped = if shape { text::layout(para, &[], &opts(Order::Visual, true)) } else { visual.clone() };
    assert_eq!(visual.len(), logical.len(), "visual and logical orders break differently");
    assert_eq!(shaped.len(), logical.len(), "shaping changes the line breaks");
    let mut seen: Vec<Range<usize>> = Vec::new();
    for ((v, l), s) in visual.iter().zip(&logical).zip(&shaped) {
        for row in [v, l, s] {
            assert_eq!(row.cells.len(), row.width, "cells vs width in {row:?}");
            let ranges = row_ranges(row);
            assert!(row.width <= width || ranges.len() == 1, "row of {} cells at width {width}", row.width);
            if let Some(c) = row.text.chars().find(|&c| forbidden(c)) {
                panic!("forbidden {c:?} in row text {:?}", row.text);
            }
            for r in &ranges {
                assert!(r.start < r.end && r.end <= para.len(), "cell range {r:?} outside 0..{}", para.len());
                assert!(
                    para.is_char_boundary(r.start) && para.is_char_boundary(r.end),
                    "cell {r:?} splits a char"
                );
            }
        }
        let (mut a, mut b) = (row_ranges(v), row_ranges(l));
        a.sort_by_key(|r| (r.start, r.end));
        b.sort_by_key(|r| (r.start, r.end));
        assert_eq!(a, b, "visual row is not a permutation of the logical row");
        assert_eq!(bytes_of(s), bytes_of(l), "the shaped row shows other bytes than the logical row");
        seen.extend(b);
    }
    seen.sort_by_key(|r| (r.start, r.end));
    for w in seen.windows(2) {
        assert!(w[0].end <= w[1].start, "logical bytes shown twice: {:?} and {:?}", w[0], w[1]);
    }
    // The first character of every cluster that does not start with a space, a control or a
    // zero-width character, and that the sanitiser keeps, is on screen somewhere. (A mark on a
    // space may go with the space at a line break.)
    use unicode_segmentation::UnicodeSegmentation;
    for (i, g) in para.grapheme_indices(true) {
        let Some(c) = g.chars().next() else { continue };
        let one = c.encode_utf8(&mut [0; 4]).to_string();
        if c.is_whitespace() || c.is_control() || forbidden(c) || text::str_width(&one) == 0 {
            continue;
        }
        if !matches!(text::sanitize(&one), std::borrow::Cow::Borrowed(_)) {
            continue;
        }
        // With the controls between them removed (or turned into spaces: tab, line feed, NEL), a
        // mark may join the space before it.
        let after_sanitising = |p: char| text::sanitize(p.encode_utf8(&mut [0; 4])).into_owned();
        let prev = para[..i].chars().rev().map(after_sanitising).find(|t| !t.is_empty());
        if prev.is_some_and(|t| t.chars().all(char::is_whitespace)) {
            continue;
        }
        let shown = seen.binary_search_by(|r| {
            if r.end <= i {
                std::cmp::Ordering::Less
            } else if r.start > i {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
        assert!(shown.is_ok(), "character {c:?} at byte {i} is not shown");
    }
}

/// The logical bytes a row shows, sorted.
fn bytes_of(row: &Row) -> Vec<usize> {
    let mut v: Vec<usize> = row_ranges(row).into_iter().flatten().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Checks an extraction against the text it came from: every span inside the text and on char
/// boundaries, every speaker index valid.
pub fn check_extraction(body: &str, x: &Extraction) {
    let ok = |r: &Range<usize>| {
        r.start <= r.end
            && r.end <= body.len()
            && body.is_char_boundary(r.start)
            && body.is_char_boundary(r.end)
    };
    for a in &x.actors {
        for m in a.mentions.iter() {
            assert!(ok(m), "mention {m:?} of {} outside/splitting body of {} bytes", a.name, body.len());
        }
    }
    for q in &x.quotes {
        assert!(ok(&q.span), "quote span {:?} bad in body of {} bytes", q.span, body.len());
        if let Some(s) = &q.speaker_span {
            assert!(ok(s), "speaker span {s:?} bad");
        }
        if let Some(i) = q.speaker {
            assert!(i < x.actors.len(), "speaker {i} of {} actors", x.actors.len());
        }
    }
}

/// Checks a loaded article: paragraph ranges inside the body, on char boundaries, in order.
pub fn check_article(a: &Article) {
    let mut end = 0;
    for p in &a.paragraphs {
        assert!(
            p.start >= end && p.start <= p.end && p.end <= a.body.len(),
            "paragraph {p:?} out of order/bounds"
        );
        assert!(
            a.body.is_char_boundary(p.start) && a.body.is_char_boundary(p.end),
            "paragraph {p:?} splits a char"
        );
        end = p.end;
    }
}

/// Loads `bytes` as a file with extension `ext`, both raw and cleaned; checks every article.
pub fn check_load(bytes: &[u8], ext: Option<&str>) {
    for raw in [false, true] {
        let loaded = article::load_bytes("fuzz", bytes, ext, &LoadOptions { raw, ..Default::default() });
        for a in &loaded.articles {
            check_article(a);
        }
        for w in &loaded.warnings {
            assert!(!w.contains('\n') && !w.chars().any(forbidden), "warning not one clean line: {w:?}");
        }
    }
}

/// The extensions a loader target picks from (the first input byte chooses).
pub const EXTS: [Option<&str>; 8] =
    [None, Some("txt"), Some("md"), Some("html"), Some("xml"), Some("json"), Some("jsonl"), Some("gz")];
