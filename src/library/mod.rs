//! The library as a whole: extraction over every article, actors merged across articles and
//! spellings ([`actors`]), and the review report ([`export`]).

pub mod actors;
pub mod aggregate;
pub mod export;
pub mod shelf;

use crate::article::Article;
use crate::extract::{self, Extraction};

pub use actors::{LibraryActor, QuoteRef, merge_actors, merge_actors_partial};
pub use shelf::{Entry, Shelf, Sort};

/// Runs [`extract::extract`] on every article, on as many threads as there are cores (at most 8);
/// the result is in article order. An article whose extraction panics gets an empty extraction.
pub fn extract_all(articles: &[Article]) -> Vec<Extraction> {
    extract_all_with(articles, &|| {})
}

/// [`extract_all`], calling `done` after each article (for a progress bar).
pub fn extract_all_with(articles: &[Article], done: &(dyn Fn() + Sync)) -> Vec<Extraction> {
    let t = std::time::Instant::now();
    let out = extract_all_inner(articles, done);
    log::info!("extracted {} articles in {:?}", articles.len(), t.elapsed());
    out
}

fn extract_all_inner(articles: &[Article], done: &(dyn Fn() + Sync)) -> Vec<Extraction> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let one = |a: &Article| {
        let x = extract::extract(a);
        done();
        x
    };
    if threads == 1 || articles.len() < 2 {
        return articles.iter().map(one).collect();
    }
    let chunk = articles.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = articles
            .chunks(chunk)
            .map(|part| (part.len(), s.spawn(move || part.iter().map(one).collect::<Vec<_>>())))
            .collect();
        handles
            .into_iter()
            .flat_map(|(n, h)| h.join().unwrap_or_else(|_| vec![Extraction::default(); n]))
            .collect()
    })
}

/// Makes text safe to print: the layout engine's sanitiser (articles are already sanitised at load;
/// this guards what is built from them).
pub use crate::text::sanitize;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extract_all_keeps_article_order() {
        let articles: Vec<Article> =
            crate::article::BUNDLED.iter().map(|(p, t)| crate::article::from_plain_text(p, t)).collect();
        let par = extract_all(&articles);
        let seq: Vec<Extraction> = articles.iter().map(extract::extract).collect();
        assert_eq!(par, seq);
    }
}
