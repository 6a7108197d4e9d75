//! `sahifa list` and `sahifa actors` without a PATH, when the library has articles: read from the
//! database (the list newest first, the actors from the aggregate kept as articles come in), never
//! by loading or extracting the articles again.

use std::process::ExitCode;

use serde::Serialize;

use crate::cli::{ListArgs, OutFormat};
use crate::db::Db;
use crate::error::Result;
use crate::library::sanitize;

use super::fields::{Cell, Fields, write_rows};

/// The library, when there is one with articles in it (never created by a command that only reads).
pub fn open_library() -> Result<Option<Db>> {
    let Some(dir) = crate::store::default_dir() else { return Ok(None) };
    if !dir.join(crate::db::DB_FILE).exists() {
        return Ok(None);
    }
    let db = Db::open(&dir)?;
    Ok((db.article_count()? > 0).then_some(db))
}

/// One article of the library as `list` prints it.
#[derive(Debug, Serialize)]
pub struct LibraryRow {
    /// Publication date as given.
    pub date: Option<String>,
    /// The feed's title, or the outlet.
    pub source: Option<String>,
    /// Headline.
    pub title: String,
    /// Link to the original.
    pub link: Option<String>,
    /// The file or feed URL it came from.
    pub file: String,
}

fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// `sahifa list` over the library: `DATE  SOURCE  TITLE`, newest first (JSON: [`LibraryRow`]s).
pub fn list(args: &ListArgs, db: &Db) -> Result<ExitCode> {
    let rows: Vec<LibraryRow> = db
        .article_rows(usize::MAX)?
        .into_iter()
        .map(|r| LibraryRow {
            date: r.date.as_deref().map(clean),
            source: r.source.as_deref().map(clean),
            title: clean(&r.title),
            link: r.link.as_deref().map(clean),
            file: clean(&r.path),
        })
        .collect();
    let mut fields = Fields::new(&args.display);
    super::search::write_stdout(|out| match args.format {
        OutFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        OutFormat::Text => {
            out.write_all(fields.enter().as_bytes())?;
            let dates: Vec<Cell> =
                rows.iter().map(|r| fields.cell(r.date.as_deref().unwrap_or("-"))).collect();
            let sources: Vec<Cell> =
                rows.iter().map(|r| fields.fit(r.source.as_deref().unwrap_or("-"), Some(30))).collect();
            let dw = dates.iter().map(|c| c.width).max().unwrap_or(0);
            let sw = sources.iter().map(|c| c.width).max().unwrap_or(0);
            let indent = dw + sw + 4;
            let room = fields.room(indent);
            for ((r, d), s) in rows.iter().zip(&dates).zip(&sources) {
                let prefix = format!("{}  {}  ", d.padded(dw), s.padded(sw));
                let title = fields.wrap(&r.title, room);
                let col = title.iter().map(|c| c.width).max().unwrap_or(0);
                write_rows(out, &prefix, indent, &title, col)?;
            }
            out.write_all(fields.leave().as_bytes())
        }
    })
}

/// `sahifa actors` over the library: the aggregate, most mentioned first; one head line per actor
/// (`name  kind  N mentions  N articles  N quotes`, tab-separated into a pipe). JSON: an array of
/// `{name, kind, articles, mentions, quotes}` with counts.
pub fn actors(args: &ListArgs, db: &Db) -> Result<ExitCode> {
    let mut top = db.top_actors(usize::MAX)?;
    for a in &mut top {
        a.name = clean(&a.name);
    }
    let mut fields = Fields::new(&args.display);
    super::search::write_stdout(|out| match args.format {
        OutFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &top)?;
            writeln!(out)
        }
        OutFormat::Text => {
            out.write_all(fields.enter().as_bytes())?;
            let name_max = fields.line_width().map(|w| (w / 3).max(super::fields::MIN_COLUMN));
            let names: Vec<Cell> = top.iter().map(|a| fields.fit(&a.name, name_max)).collect();
            let name_w = names.iter().map(|c| c.width).max().unwrap_or(0);
            for (a, name) in top.iter().zip(&names) {
                let kind = crate::library::export::kind_name(&a.kind);
                let (m, n, q) = (a.mentions, a.articles, a.quotes);
                if fields.is_visual() {
                    let name = Cell { rtl: false, ..name.clone() }.padded(name_w);
                    writeln!(out, "{name}  {kind:12}  {m:>6} mentions  {n:>6} articles  {q:>5} quotes")?;
                } else {
                    writeln!(out, "{}\t{kind}\t{m} mentions\t{n} articles\t{q} quotes", name.text)?;
                }
            }
            out.write_all(fields.leave().as_bytes())
        }
    })
}
