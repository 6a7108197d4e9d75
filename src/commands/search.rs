//! `sahifa search [--format text|json] QUERY [PATH...]`: one row per matching article.
//!
//! Text: `file<TAB>index<TAB>title<TAB>hits<TAB>snippet`, one line each. JSON: an array of objects
//! with exactly the keys `file`, `index`, `title`, `hits`, `snippet`. No match prints nothing (or
//! `[]`) and exits 0; exit 1 only when no article could be loaded.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::article::Article;
use crate::cli::{OutFormat, SearchArgs};
use crate::error::{Error, Result};
use crate::library::sanitize;
use crate::search::{Index, Query, snippet};

/// Characters of context in a snippet.
const SNIPPET_CHARS: usize = 80;

/// One matching article.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct SearchRow {
    /// Where the article came from.
    pub file: String,
    /// Its position in that file.
    pub index: usize,
    /// Its title.
    pub title: String,
    /// Hits in title and body (words or phrases).
    pub hits: usize,
    /// Plain text around the first hit of the body (of the title when the body has none).
    pub snippet: String,
}

/// The rows for `query` over `articles`, in library order (sanitised for printing).
pub fn rows(query: &Query, articles: &[Article]) -> Vec<SearchRow> {
    let index = Index::build(articles);
    index
        .search(query)
        .into_iter()
        .filter_map(|(i, _)| articles.get(i))
        .map(|a| {
            let in_title = query.find(&a.title);
            let in_body = query.find(&a.body);
            let snip = match (in_body.first(), in_title.first()) {
                (Some(h), _) => snippet(&a.body, h.clone(), SNIPPET_CHARS),
                (None, Some(h)) => snippet(&a.title, h.clone(), SNIPPET_CHARS),
                (None, None) => String::new(),
            };
            SearchRow {
                file: sanitize(&a.path).into_owned(),
                index: a.index,
                title: sanitize(&a.title).into_owned(),
                hits: in_title.len() + in_body.len(),
                snippet: sanitize(&snip).into_owned(),
            }
        })
        .collect()
}

/// Runs `search`.
pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let loaded = super::load_articles(&args.paths, false);
    for w in &loaded.warnings {
        eprintln!("sahifa: {}", sanitize(w));
    }
    if loaded.articles.is_empty() {
        return Err(Error::nothing_loaded(&args.paths));
    }
    let rows = rows(&Query::parse(&args.query), &loaded.articles);
    write_stdout(|out| match args.format {
        OutFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        OutFormat::Text => {
            for r in &rows {
                writeln!(out, "{}\t{}\t{}\t{}\t{}", r.file, r.index, r.title, r.hits, r.snippet)?;
            }
            Ok(())
        }
    })
}

/// Writes to stdout through a buffer; a closed pipe is not an error.
pub(crate) fn write_stdout(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e)),
        _ => Ok(ExitCode::SUCCESS),
    }
}
