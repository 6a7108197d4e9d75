//! Properties of the layout on any input and width: no panic, rows fit, nothing lost or duplicated.

use proptest::prelude::*;
use sahifa::text::bidi::mirror;
use sahifa::text::{BaseDirection, LayoutOptions, Order, Row, layout};

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآ]{1,6}",
        2 => Just(" ".to_string()),
        2 => "[\u{64B}-\u{652}\u{670}\u{640}]",
        2 => "[0-9]{1,4}",
        2 => "[a-zA-Z]{1,5}",
        2 => "[().,:;!?%/«»“”\\[\\]{}<>\"'-]",
        1 => "[\u{0}-\u{1F}\u{7F}-\u{9F}]",
        1 => "[\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{61C}\u{FEFF}]",
        1 => "[日本語한글]",
        1 => Just("👩\u{200D}💻".to_string()),
        1 => Just("e\u{301}".to_string()),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn opts(width: usize, order: Order, shape: bool) -> LayoutOptions {
    LayoutOptions { width, direction: BaseDirection::Auto, order, shape }
}

/// The row's characters as a sorted multiset, brackets folded with their mirror.
fn chars_of(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().map(|c| c.min(mirror(c))).collect();
    v.sort_unstable();
    v
}

/// The row's distinct cell ranges, sorted; they must tile one contiguous range.
fn check_cells(row: &Row) -> Result<(), TestCaseError> {
    let mut rs = row.cells.clone();
    rs.dedup();
    rs.sort_by_key(|r| r.start);
    rs.dedup();
    for w in rs.windows(2) {
        prop_assert_eq!(w[0].end, w[1].start, "cells overlap or leave a gap: {:?}", row.cells);
    }
    Ok(())
}

fn fits(row: &Row, width: usize) -> bool {
    let mut distinct = row.cells.clone();
    distinct.dedup();
    row.width <= width || (distinct.len() == 1 && row.width <= 2)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn rows_fit_and_are_permutations(par in paragraph(), width in 1usize..=120) {
        let logical = layout(&par, &[], &opts(width, Order::Logical, false));
        let visual = layout(&par, &[], &opts(width, Order::Visual, false));
        let shaped = layout(&par, &[], &opts(width, Order::Visual, true));
        prop_assert_eq!(logical.len(), visual.len());
        prop_assert_eq!(logical.len(), shaped.len());
        for ((l, v), s) in logical.iter().zip(&visual).zip(&shaped) {
            for r in [l, v, s] {
                prop_assert!(fits(r, width), "row {:?} is {} cells wide, width {}", r.text, r.width, width);
                prop_assert!(!r.text.chars().any(|c| c.is_control()), "control in {:?}", r.text);
                prop_assert_eq!(r.cells.len(), r.width);
                prop_assert!(r.offset + r.width <= width.max(r.width));
                check_cells(r)?;
            }
            prop_assert!(s.width <= v.width);
            prop_assert_eq!(chars_of(&l.text), chars_of(&v.text));
            let mut lc = l.cells.clone();
            let mut vc = v.cells.clone();
            lc.sort_by_key(|r| r.start);
            vc.sort_by_key(|r| r.start);
            prop_assert_eq!(lc, vc);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The fast resolver agrees with unicode-bidi wherever it applies.
    #[test]
    fn fast_resolver_matches_unicode_bidi(par in paragraph(), dir in 0u8..3) {
        use sahifa::text::bidi::{Table, paragraph_level};
        use sahifa::text::implicit::{Scratch, resolve_simple};
        let dir = [BaseDirection::Ltr, BaseDirection::Rtl, BaseDirection::Auto][dir as usize];
        let para = paragraph_level(&par, dir);
        let mut s = Scratch::default();
        if resolve_simple(&par, Some(para), &mut s).is_some() {
            let level = unicode_bidi::Level::new(para).unwrap_or(unicode_bidi::Level::ltr());
            let info = unicode_bidi::ParagraphBidiInfo::new_with_data_source(&Table, &par, Some(level));
            let want: Vec<u8> = par.char_indices().map(|(i, _)| info.levels[i].number()).collect();
            prop_assert_eq!(&s.levels, &want);
        }
    }
}

/// Found by proptest: a mark after AL is AL for W2 (the digit after it becomes AN, and the
/// terminator after that stays neutral), not the R that W3 makes of the letter.
#[test]
fn a_mark_after_arabic_letter_keeps_w2_arabic() {
    use sahifa::text::bidi::{Table, paragraph_level};
    use sahifa::text::implicit::{Scratch, resolve_simple};
    for par in ["ء\u{670}0%", "ب\u{64e}12%", "ق\u{651}\u{64e}3.5%"] {
        for dir in [BaseDirection::Ltr, BaseDirection::Rtl, BaseDirection::Auto] {
            let level = paragraph_level(par, dir);
            let mut s = Scratch::default();
            resolve_simple(par, Some(level), &mut s).expect("plain paragraph");
            let info = unicode_bidi::ParagraphBidiInfo::new_with_data_source(
                &Table,
                par,
                Some(unicode_bidi::Level::new(level).unwrap()),
            );
            let want: Vec<u8> = par.char_indices().map(|(i, _)| info.levels[i].number()).collect();
            assert_eq!(s.levels, want, "{par:?} {dir:?}");
        }
    }
}
