//! Any string at any width 1..=300, any direction, shaped or not: see `checks::check_layout`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

use sahifa::text::BaseDirection;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&[w, flags], rest)) = data.split_first_chunk::<2>() else { return };
    let width = 1 + (usize::from(w) | (usize::from(flags & 1) << 8)) % 300;
    let direction = [BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr][usize::from(flags >> 1) % 3];
    let para = String::from_utf8_lossy(rest);
    checks::check_layout(&para, width, direction, flags & 0x80 != 0);
});
