//! Property tests of the layout engine (run in `cargo test`; the same checks run unbounded under
//! `cargo fuzz run layout`): for any text mixing Arabic, Latin, digits, marks, wide characters,
//! controls and bidi overrides, at any width 1..=300 and any direction: no panic, no row wider than
//! the width, no control or bidi override in a row, every logical byte shown at most once and every
//! printable character shown, the visual row a permutation of the logical row.

#[path = "../fuzz/checks.rs"]
mod checks;

use proptest::prelude::*;
use sahifa::text::BaseDirection;

/// Pieces of text that stress the engine, glued in any order.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("قال الوزير ".to_string()),
        Just("لا إله ".to_string()),
        Just("\u{64b}\u{651}".to_string()),
        Just("abc def ".to_string()),
        Just("123.45 ".to_string()),
        Just("(«[x]») ".to_string()),
        Just("中文字".to_string()),
        Just("👨‍👩‍👧 ".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{202e}\u{2066}\u{2069}\u{202c}".to_string()),
        Just("\x1b]0;x\x07\x1b[2J\u{9b}\u{85}\t\r\n".to_string()),
        Just("\u{200f}\u{200e}\u{61c}\u{feff}\u{200b}".to_string()),
        Just("\u{fdd0}\u{fffe}\u{fff9}".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

fn direction() -> impl Strategy<Value = BaseDirection> {
    prop_oneof![Just(BaseDirection::Auto), Just(BaseDirection::Rtl), Just(BaseDirection::Ltr)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn layout_holds_its_invariants(p in paragraph(), width in 1usize..=300, d in direction(), shape: bool) {
        checks::check_layout(&p, width, d, shape);
    }

    #[test]
    fn narrow_widths_hold_too(p in paragraph(), width in 1usize..=4, d in direction()) {
        checks::check_layout(&p, width, d, true);
    }
}

/// Found by proptest: a mark after controls that the sanitiser turns into spaces joins a space.
#[test]
fn a_mark_after_spaces_made_from_controls() {
    let p = "\u{1b}]0;x\u{7}\u{1b}[2J\u{9b}\u{85}\t\r\n\u{16f51}";
    for d in [BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr] {
        checks::check_layout(p, 1, d, true);
    }
}

#[test]
fn the_fuzz_findings_stay_fixed() {
    // Inputs kept from fuzz runs (fuzz/artifacts-found/layout-*); empty when nothing was found.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/artifacts-found");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with("layout-") {
            continue;
        }
        let data = std::fs::read(e.path()).unwrap();
        let Some((&[w, flags], rest)) = data.split_first_chunk::<2>() else { continue };
        let width = 1 + (usize::from(w) | (usize::from(flags & 1) << 8)) % 300;
        let d = [BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr][usize::from(flags >> 1) % 3];
        checks::check_layout(&String::from_utf8_lossy(rest), width, d, flags & 0x80 != 0);
    }
}
