//! `sahifa actors [--format text|json] [PATH...]`: each actor once across the library, merged
//! across articles and spellings ([`crate::library::actors`]), most mentioned first.
//!
//! Text: in logical order into a pipe; laid out visually on a terminal ([`write_text`]).
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

use super::fields::{Cell, Fields, MIN_COLUMN};

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
    if args.paths.is_empty()
        && let Some(db) = super::shelf::open_library()?
    {
        return super::shelf::actors(&args, &db);
    }
    let loaded = super::load_articles(&args.paths, args.raw);
    for w in &loaded.warnings {
        crate::report::warn(w);
    }
    if loaded.articles.is_empty() {
        return Err(Error::nothing_loaded(&args.paths));
    }
    let bar = super::progress::bar(loaded.articles.len(), "extracting");
    let extractions = library::extract_all_with(&loaded.articles, &|| bar.inc(1));
    bar.finish_and_clear();
    let merged = library::merge_actors(&extractions);
    let mut rows = rows(&merged, &loaded.articles, &extractions);
    if let Some(n) = args.limit {
        rows.truncate(n as usize);
    }
    let mut fields = Fields::new(&args.display);
    super::search::write_stdout(|out| match args.format {
        OutFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        OutFormat::Text => {
            out.write_all(fields.enter().as_bytes())?;
            write_text(out, &rows, &mut fields)?;
            out.write_all(fields.leave().as_bytes())
        }
    })
}

/// The text format: a head line per actor, then its aliases, articles and quotes, indented.
///
/// In logical order the head line is tab-separated. In visual order ([`Fields`]) names, titles and
/// quotes are laid out for the terminal, head lines are aligned in columns (names padded to the
/// widest, cut at a third of the line) and long fields wrap under themselves.
pub fn write_text(out: &mut dyn Write, rows: &[ActorRow], fields: &mut Fields) -> std::io::Result<()> {
    let name_max = fields.line_width().map(|w| (w / 3).max(MIN_COLUMN));
    let names: Vec<Cell> = rows.iter().map(|r| fields.fit(&r.name, name_max)).collect();
    let name_w = names.iter().map(|c| c.width).max().unwrap_or(0);
    let kinds: Vec<String> = rows.iter().map(|r| crate::library::export::kind_name(&r.kind)).collect();
    let kind_w = kinds.iter().map(|k| k.len()).max().unwrap_or(0);
    let num_w = |n: fn(&ActorRow) -> usize| rows.iter().map(|r| n(r).to_string().len()).max().unwrap_or(0);
    let (mw, aw, qw) = (num_w(|r| r.mentions), num_w(|r| r.articles.len()), num_w(|r| r.quotes.len()));
    for ((r, name), kind) in rows.iter().zip(&names).zip(&kinds) {
        let (m, a, q) = (r.mentions, r.articles.len(), r.quotes.len());
        if fields.is_visual() {
            // A name is the first column of a heading: left-aligned, so headings stay flush left.
            let name = Cell { rtl: false, ..name.clone() }.padded(name_w);
            writeln!(out, "{name}  {kind:kind_w$}  {m:>mw$} mentions  {a:>aw$} articles  {q:>qw$} quotes")?;
        } else {
            writeln!(out, "{}\t{kind}\t{m} mentions\t{a} articles\t{q} quotes", name.text)?;
        }
        if !r.aliases.is_empty() {
            fields.write_tail(out, "  aliases: ", &r.aliases.join("، "))?;
        }
        for a in &r.articles {
            let prefix = format!("  article: {} #{}  ", fields.cell(&a.file).text, a.index);
            fields.write_tail(out, &prefix, &a.title)?;
        }
        for q in &r.quotes {
            let kind = crate::library::export::kind_name(&q.kind);
            let prefix = format!("  quote ({kind}, {} #{}): ", fields.cell(&q.file).text, q.index);
            fields.write_tail(out, &prefix, &format!("«{}»", q.text))?;
        }
    }
    Ok(())
}
