//! `sahifa search [--format text|json] QUERY [PATH...]`: one row per matching article.
//!
//! Text: `file<TAB>index<TAB>title<TAB>hits<TAB>snippet`, one line each, in logical order; on a
//! terminal (or with `--bidi visual`) the same fields laid out visually in aligned columns
//! ([`write_columns`]). JSON: an array of objects
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

use super::fields::{Cell, Fields, MIN_COLUMN, write_rows};

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

/// The rows for `query` over the library, newest first: the database's index finds the
/// articles, and only those are read.
pub fn library_rows(query: &Query) -> Result<Vec<SearchRow>> {
    let db = crate::db::Db::open_default()?;
    let mut articles = Vec::new();
    for id in db.search(query, usize::MAX)? {
        articles.extend(db.article(id)?.map(|s| s.article));
    }
    // `rows` keeps the order it is given.
    Ok(rows(query, &articles))
}

/// Runs `search`.
pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let query = Query::parse(&args.query);
    let rows = if args.library {
        library_rows(&query)?
    } else {
        let loaded = super::load_articles(&args.paths, false);
        for w in &loaded.warnings {
            crate::report::warn(w);
        }
        if loaded.articles.is_empty() {
            return Err(Error::nothing_loaded(&args.paths));
        }
        rows(&query, &loaded.articles)
    };
    if rows.is_empty() && args.format == OutFormat::Text {
        // One line, on stderr: stdout stays empty for scripts.
        crate::report::warn(format_args!("no matches for {:?}", sanitize(&args.query)));
    }
    let mut fields = Fields::new(&args.display);
    write_stdout(|out| match args.format {
        OutFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        OutFormat::Text if fields.is_visual() => {
            out.write_all(fields.enter().as_bytes())?;
            write_columns(out, &rows, &mut fields)?;
            out.write_all(fields.leave().as_bytes())
        }
        OutFormat::Text => {
            for r in &rows {
                writeln!(out, "{}\t{}\t{}\t{}\t{}", r.file, r.index, r.title, r.hits, r.snippet)?;
            }
            Ok(())
        }
    })
}

/// The text format in visual order, for a terminal: the same fields in the same order, in columns
/// aligned by display width instead of tab-separated (a terminal's tab stops do not align text of
/// varying width). Titles are cut to at most half of what the line has left and right-aligned when
/// they run right to left; snippets wrap in the last column.
pub fn write_columns(out: &mut dyn Write, rows: &[SearchRow], fields: &mut Fields) -> std::io::Result<()> {
    let files: Vec<Cell> = rows.iter().map(|r| fields.cell(&r.file)).collect();
    let width = |cells: &[Cell]| cells.iter().map(|c| c.width).max().unwrap_or(0);
    let index_w = rows.iter().map(|r| r.index.to_string().len()).max().unwrap_or(0);
    let hits_w = rows.iter().map(|r| r.hits.to_string().len()).max().unwrap_or(0);
    let fixed = width(&files) + index_w + hits_w + 4 * 2;
    let title_max = fields.line_width().map(|w| (w.saturating_sub(fixed) / 2).max(MIN_COLUMN));
    let titles: Vec<Cell> = rows.iter().map(|r| fields.fit(&r.title, title_max)).collect();
    let indent = fixed + width(&titles);
    let room = fields.room(indent);
    let snippets: Vec<Vec<Cell>> = rows.iter().map(|r| fields.wrap(&r.snippet, room)).collect();
    let snippet_w = snippets.iter().flatten().map(|c| c.width).max().unwrap_or(0);
    for (i, r) in rows.iter().enumerate() {
        let prefix = format!(
            "{}  {:>index_w$}  {}  {:>hits_w$}  ",
            files[i].padded(width(&files)),
            r.index,
            titles[i].padded(width(&titles)),
            r.hits
        );
        write_rows(out, &prefix, indent, &snippets[i], snippet_w)?;
    }
    Ok(())
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
