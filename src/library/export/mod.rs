//! The review report: per article its title, source, actors, quotes with speakers, and the
//! user's stars and notes, as Markdown, JSON or CSV ([`write`]).
//!
//! With `starred_only`, an article is in the report when it is starred or one of its quotes is,
//! and only its starred quotes are listed. Every string is sanitised ([`super::sanitize`]).
//! A quote's stars and notes are found by [`quote_key`]; when the extractor has since drawn the
//! quote's span differently, by the hash of its text; notes on quotes no longer found are kept
//! in the report as `unmatched`.

mod csv;
mod markdown;

use std::io::{self, Write};

use serde::Serialize;

use super::sanitize;
use crate::article::Article;
use crate::cli::ExportFormat;
use crate::extract::{ActorKind, Extraction, QuoteKind};
use crate::store::{ArticleState, QuoteState, Store, quote_key, quote_key_hash, quote_text_hash};
use crate::text::BaseDirection;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Which sahifa wrote it.
    pub generator: String,
    /// Whether only starred articles and quotes are in it.
    pub starred_only: bool,
    /// The articles, in library order.
    pub articles: Vec<ArticleReport>,
}

/// One article of the report.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    /// Content id (the key of its reading state).
    pub id: String,
    /// The file it came from.
    pub file: String,
    /// Position in that file.
    pub index: usize,
    /// Title.
    pub title: String,
    /// Link to the original.
    pub url: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date as given.
    pub date: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// `rtl` or `ltr`.
    pub direction: &'static str,
    /// Read.
    pub read: bool,
    /// Starred.
    pub starred: bool,
    /// The user's note.
    pub note: Option<String>,
    /// Actors named, in order of first mention.
    pub actors: Vec<ActorReport>,
    /// Quotes, in order.
    pub quotes: Vec<QuoteReport>,
    /// Stars and notes on quotes that the extractor no longer finds.
    pub unmatched: Vec<UnmatchedQuote>,
}

/// An actor of one article.
#[derive(Debug, Clone, Serialize)]
pub struct ActorReport {
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Mentions in the article.
    pub mentions: usize,
}

/// A quote with its speaker and the user's marks.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteReport {
    /// The store's key for it.
    pub key: String,
    /// The quote.
    pub text: String,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// Who said it (None: the extractor abstained).
    pub speaker: Option<String>,
    /// The reporting verb or phrase.
    pub cue: Option<String>,
    /// Byte offset in the body where it starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// Starred.
    pub starred: bool,
    /// The user's note.
    pub note: Option<String>,
}

/// A stored star or note whose quote was not found again.
#[derive(Debug, Clone, Serialize)]
pub struct UnmatchedQuote {
    /// The store's key.
    pub key: String,
    /// Starred.
    pub starred: bool,
    /// The note.
    pub note: Option<String>,
}

fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

fn clean_opt(s: Option<&str>) -> Option<String> {
    s.map(clean)
}

/// The state of quote `text` at `start`: by its key, else by the hash of its text. Returns the
/// stored key used (if any) with the state.
fn quote_state<'a>(st: &'a ArticleState, text: &str, start: usize) -> (Option<&'a str>, QuoteState) {
    let key = quote_key(text, start);
    if let Some((k, q)) = st.quotes.get_key_value(&key) {
        return (Some(k), q.clone());
    }
    let hash = quote_text_hash(text);
    st.quotes
        .iter()
        .find(|(k, _)| quote_key_hash(k) == Some(hash.as_str()))
        .map_or((None, QuoteState::default()), |(k, q)| (Some(k.as_str()), q.clone()))
}

/// Builds the report. `extractions[i]` belongs to `articles[i]` (missing ones count as empty).
pub fn report(articles: &[Article], extractions: &[Extraction], store: &Store, starred_only: bool) -> Report {
    let empty = Extraction::default();
    let mut out = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let ex = extractions.get(i).unwrap_or(&empty);
        let st = store.article(&a.id);
        let mut used = Vec::new();
        let mut quotes = Vec::new();
        for q in &ex.quotes {
            let (stored, qs) = quote_state(&st, &q.text, q.span.start);
            used.extend(stored.map(str::to_string));
            if starred_only && !qs.starred {
                continue;
            }
            quotes.push(QuoteReport {
                key: quote_key(&q.text, q.span.start),
                text: clean(&q.text),
                kind: q.kind,
                speaker: clean_opt(ex.speaker_name(q)),
                cue: clean_opt(q.cue.as_deref()),
                start: q.span.start,
                end: q.span.end,
                starred: qs.starred,
                note: clean_opt(qs.note.as_deref()),
            });
        }
        let unmatched: Vec<UnmatchedQuote> = st
            .quotes
            .iter()
            .filter(|(k, q)| !used.contains(k) && !q.is_empty() && (!starred_only || q.starred))
            .map(|(k, q)| UnmatchedQuote {
                key: clean(k),
                starred: q.starred,
                note: clean_opt(q.note.as_deref()),
            })
            .collect();
        if starred_only && !st.starred && quotes.is_empty() && unmatched.is_empty() {
            continue;
        }
        out.push(ArticleReport {
            id: a.id.clone(),
            file: clean(&a.path),
            index: a.index,
            title: clean(&a.title),
            url: clean_opt(a.url.as_deref()),
            source: clean_opt(a.source.as_deref()),
            date: clean_opt(a.date.as_deref()),
            author: clean_opt(a.author.as_deref()),
            direction: if a.direction == BaseDirection::Rtl { "rtl" } else { "ltr" },
            read: st.read,
            starred: st.starred,
            note: clean_opt(st.note.as_deref()),
            actors: ex
                .actors
                .iter()
                .map(|x| ActorReport {
                    name: clean(&x.name),
                    kind: x.kind,
                    aliases: x.aliases.iter().map(|s| clean(s)).collect(),
                    mentions: x.mentions.len(),
                })
                .collect(),
            quotes,
            unmatched,
        });
    }
    Report { generator: format!("sahifa {}", env!("CARGO_PKG_VERSION")), starred_only, articles: out }
}

/// Writes the review report of `articles` in `format` to `out`. The TUI's export key and
/// `sahifa export` both call this.
pub fn write(
    format: ExportFormat,
    articles: &[Article],
    extractions: &[Extraction],
    store: &Store,
    starred_only: bool,
    out: &mut (impl Write + ?Sized),
) -> io::Result<()> {
    let r = report(articles, extractions, store, starred_only);
    match format {
        ExportFormat::Markdown => markdown::write(&r, &mut &mut *out),
        ExportFormat::Csv => csv::write(&r, &mut &mut *out),
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &r)?;
            writeln!(out)
        }
    }
}

/// The lower-case name of a kind, as in JSON.
pub(crate) fn kind_name<T: Serialize>(k: &T) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests;
