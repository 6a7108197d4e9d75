//! Any bytes through the loader, as each kind of file: no panic, sound paragraph ranges, one-line
//! warnings. The first byte picks the extension hint.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    checks::check_load(bytes, checks::EXTS[pick as usize % checks::EXTS.len()]);
});
