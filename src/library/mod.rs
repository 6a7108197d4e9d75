//! The library as a whole: extraction over every article, actors merged across articles and
//! spellings ([`actors`]), and the review report ([`export`]).

pub mod actors;
pub mod export;

use std::borrow::Cow;

use crate::article::Article;
use crate::extract::{self, Extraction};

pub use actors::{LibraryActor, QuoteRef, merge_actors};

/// Runs [`extract::extract`] on every article, on as many threads as there are cores (at most 8);
/// the result is in article order. An article whose extraction panics gets an empty extraction.
pub fn extract_all(articles: &[Article]) -> Vec<Extraction> {
    let t = std::time::Instant::now();
    let out = extract_all_inner(articles);
    log::info!("extracted {} articles in {:?}", articles.len(), t.elapsed());
    out
}

fn extract_all_inner(articles: &[Article]) -> Vec<Extraction> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    if threads == 1 || articles.len() < 2 {
        return articles.iter().map(extract::extract).collect();
    }
    let chunk = articles.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = articles
            .chunks(chunk)
            .map(|part| (part.len(), s.spawn(move || part.iter().map(extract::extract).collect::<Vec<_>>())))
            .collect();
        handles
            .into_iter()
            .flat_map(|(n, h)| h.join().unwrap_or_else(|_| vec![Extraction::default(); n]))
            .collect()
    })
}

/// Makes text from an article safe to print: C0/C1 controls (ESC included) and DEL removed, line
/// breaks and tabs turned into spaces, bidi embedding/override/isolate controls and BOMs removed.
/// (The same rules as the layout engine's sanitiser, which replaces this once merged.)
pub fn sanitize(s: &str) -> Cow<'_, str> {
    fn change(c: char) -> Option<Option<char>> {
        match c {
            '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(Some(' ')),
            '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Some(None),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' => {
                Some(None)
            }
            _ => None,
        }
    }
    if !s.chars().any(|c| change(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match change(c) {
                None => Some(c),
                Some(r) => r,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_removes_controls_and_bidi_overrides() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{202E}c\u{2067}d\u{9b}"), "a[31mbcd");
        assert_eq!(sanitize("سطر\nسطر\tx"), "سطر سطر x");
        assert!(matches!(sanitize("نص عادي"), Cow::Borrowed(_)));
    }

    #[test]
    fn extract_all_keeps_article_order() {
        let articles: Vec<Article> =
            crate::article::BUNDLED.iter().map(|(p, t)| crate::article::from_plain_text(p, t)).collect();
        let par = extract_all(&articles);
        let seq: Vec<Extraction> = articles.iter().map(extract::extract).collect();
        assert_eq!(par, seq);
    }
}
