//! Any lines through the cleaner (raw and cleaned, with and without a title): no panic, no empty
//! paragraph kept, whitespace collapsing idempotent.
#![no_main]

use sahifa::article::clean;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let title = if lines.len() > 1 && lines[0].starts_with('#') { Some(lines.remove(0)) } else { None };
    let (_, paras) = clean::clean(title.clone(), lines.clone());
    assert!(paras.iter().all(|p| !p.trim().is_empty()), "empty paragraph kept");
    let _ = clean::raw(title, lines);
    let once = clean::collapse_spaces(&text);
    assert_eq!(clean::collapse_spaces(&once), once, "collapse_spaces is not idempotent");
});
