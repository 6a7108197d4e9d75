//! The line comparison of the cleaning gold (tests/fixtures/clean), shared by `tests/clean_gold.rs`
//! and `examples/clean_in_library.rs`, so that both score a line the same way.

/// Whitespace collapsed, quotation marks unified, zero-width characters dropped.
pub fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
        .map(|c| if matches!(c, '“' | '”' | '«' | '»') { '"' } else { c })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
