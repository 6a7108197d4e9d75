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
    // The first line as a headline, the rest as the body (the reader's and `extract`'s path).
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    let titled = sahifa::extract::extract_titled(title, body);
    let (in_title, in_body): (Vec<_>, Vec<_>) = titled.quotes.iter().cloned().partition(|q| q.in_title);
    // Headline quotes' spans are in the title; the actors' mentions in the body only.
    let nameless: Vec<_> = titled
        .actors
        .iter()
        .map(|a| sahifa::extract::Actor { mentions: Vec::new(), ..a.clone() })
        .collect();
    checks::check_extraction(title, &sahifa::extract::Extraction { actors: nameless, quotes: in_title });
    checks::check_extraction(body, &sahifa::extract::Extraction { actors: titled.actors, quotes: in_body });
});
