//! `sahifa actors [--format text|json] [PATH...]`: each actor once across the library, merged
//! across articles and spellings ([`crate::library::actors`]), most mentioned first.
//!
//! JSON: an array of `{name, kind, aliases, articles: [{file, index, title}], mentions,
//! quotes: [{file, index, text, kind}]}`.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::article::Article;
use crate::cli::{ListArgs, OutFormat};
use crate::error::{Error, Result};
use crate::extract::{ActorKind, Extraction, QuoteKind};
use crate::library::{self, LibraryActor, sanitize};

/// An article an actor appears in.
#[derive(Debug, Serialize)]
pub struct ArticleRef {
    /// File.
    pub file: String,
    /// Position in the file.
    pub index: usize,
    /// Title.
    pub title: String,
}

/// A quote an actor is the speaker of.
#[derive(Debug, Serialize)]
pub struct QuoteRow {
    /// File of the article.
    pub file: String,
    /// Position of the article in the file.
    pub index: usize,
    /// The quote.
    pub text: String,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
}

/// One actor, as printed.
#[derive(Debug, Serialize)]
pub struct ActorRow {
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Other names and spellings.
    pub aliases: Vec<String>,
    /// Articles it appears in.
    pub articles: Vec<ArticleRef>,
    /// Mentions over all articles.
    pub mentions: usize,
    /// Quotes it is the speaker of.
    pub quotes: Vec<QuoteRow>,
}

fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// The printable rows of merged actors.
pub fn rows(actors: &[LibraryActor], articles: &[Article], extractions: &[Extraction]) -> Vec<ActorRow> {
    actors
        .iter()
        .map(|a| ActorRow {
            name: clean(&a.name),
            kind: a.kind,
            aliases: a.aliases.iter().map(|s| clean(s)).collect(),
            articles: a
                .articles
                .iter()
                .filter_map(|&i| articles.get(i))
                .map(|x| ArticleRef { file: clean(&x.path), index: x.index, title: clean(&x.title) })
                .collect(),
            mentions: a.mentions,
            quotes: a
                .quotes
                .iter()
                .filter_map(|r| {
                    let art = articles.get(r.article)?;
                    let q = extractions.get(r.article)?.quotes.get(r.quote)?;
                    Some(QuoteRow {
                        file: clean(&art.path),
                        index: art.index,
                        text: clean(&q.text),
                        kind: q.kind,
                    })
                })
                .collect(),
        })
        .collect()
}

/// Runs `actors`.
pub fn run(args: ListArgs) -> Result<ExitCode> {
    let loaded = super::load_articles(&args.paths, args.raw);
    for w in &loaded.warnings {
        eprintln!("sahifa: {}", sanitize(w));
    }
    if loaded.articles.is_empty() {
        return Err(Error::nothing_loaded(&args.paths));
    }
    let extractions = library::extract_all(&loaded.articles);
    let merged = library::merge_actors(&extractions);
    let rows = rows(&merged, &loaded.articles, &extractions);
    super::search::write_stdout(|out| match args.format {
        OutFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        OutFormat::Text => rows.iter().try_for_each(|r| write_text(out, r)),
    })
}

fn write_text(out: &mut dyn Write, r: &ActorRow) -> std::io::Result<()> {
    let kind = crate::library::export::kind_name(&r.kind);
    writeln!(
        out,
        "{}\t{kind}\t{} mentions\t{} articles\t{} quotes",
        r.name,
        r.mentions,
        r.articles.len(),
        r.quotes.len()
    )?;
    if !r.aliases.is_empty() {
        writeln!(out, "  aliases: {}", r.aliases.join("، "))?;
    }
    for a in &r.articles {
        writeln!(out, "  article: {} #{}  {}", a.file, a.index, a.title)?;
    }
    for q in &r.quotes {
        let kind = crate::library::export::kind_name(&q.kind);
        writeln!(out, "  quote ({kind}, {} #{}): «{}»", q.file, q.index, q.text)?;
    }
    Ok(())
}
