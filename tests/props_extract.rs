//! Property tests of the extractor and the loader (run in `cargo test`; `cargo fuzz run extract`
//! and `load` run the same checks unbounded): any text gives spans inside the body on char
//! boundaries and valid speaker indices; any bytes load without panic into sound articles.

#[path = "../fuzz/checks.rs"]
mod checks;

use proptest::prelude::*;
use sahifa::article::{Article, Format};

/// Words and marks the extractor reacts to, glued in any order with random text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("قال ".to_string()),
        Just("وزير الخارجية ".to_string()),
        Just("أحمد محمد ".to_string()),
        Just("إن ".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("\"".to_string()),
        Just(": ".to_string()),
        Just("وأضاف أن ".to_string()),
        Just("بحسب مصادر ".to_string()),
        Just("الرئيس ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\u{64e}\u{640}".to_string()),
        Just("\u{202e}\x1b".to_string()),
        "\\PC{0,10}",
        any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        text().prop_map(String::into_bytes),
        text().prop_map(|t| format!("<html><body><h1>{t}</h1><p>{t}</p></body></html>").into_bytes()),
        text().prop_map(|t| serde_json::json!({"title": t, "body": t}).to_string().into_bytes()),
        text().prop_map(|t| format!(
            "<rss><channel><item><title>{t}</title><description>{t}</description></item></channel></rss>"
        )
        .into_bytes()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn extraction_spans_are_sound(t in text()) {
        let paras: Vec<String> = t.split('\n').map(str::to_string).collect();
        let a = Article::new("p", 0, Format::Text, "UTF-8", String::new(), paras);
        checks::check_extraction(&a.body, &sahifa::extract::extract(&a));
        checks::check_extraction(&t, &sahifa::extract::extract_text(&t));
    }

    #[test]
    fn any_bytes_load_into_sound_articles(b in bytes(), ext in 0usize..checks::EXTS.len()) {
        checks::check_load(&b, checks::EXTS[ext]);
    }
}
