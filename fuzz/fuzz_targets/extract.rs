//! Any text as an article's body through the extractor: spans inside the body and on char
//! boundaries, speaker indices valid (see `checks::check_extraction`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

use sahifa::article::{Article, Format};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let paras: Vec<String> = text.split('\n').map(str::to_string).collect();
    let a = Article::new("fuzz", 0, Format::Text, "UTF-8", String::new(), paras);
    let x = sahifa::extract::extract(&a);
    checks::check_extraction(&a.body, &x);
    checks::check_extraction(&text, &sahifa::extract::extract_text(&text));
});
