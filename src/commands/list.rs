//! `sahifa list`: one row per article (file, index, format, encoding, title, paragraphs, words),
//! as an aligned table or as JSON. On a terminal the table's Arabic is laid out visually
//! ([`super::fields`]); into a pipe it is printed as stored.

use std::io::Write;
use std::process::ExitCode;

use crate::article::{self, Article};
use crate::cli::{ListArgs, OutFormat};
use crate::error::{Error, Result};

use super::fields::{Cell, Fields, write_rows};

/// One row of the listing; the JSON output is an array of these, with exactly these keys.
#[derive(Debug, serde::Serialize)]
pub struct Row {
    /// The file as named (`-` for stdin, `seeds/…` for bundled articles).
    pub file: String,
    /// Position in the file, from 0.
    pub index: usize,
    /// The format read.
    pub format: article::Format,
    /// The encoding decoded from.
    pub encoding: String,
    /// The headline (empty when the article has none).
    pub title: String,
    /// Number of paragraphs in the body.
    pub paragraphs: usize,
    /// Number of words of title and body.
    pub words: usize,
}

impl Row {
    fn of(a: &Article) -> Row {
        Row {
            file: a.path.clone(),
            index: a.index,
            format: a.format,
            encoding: a.encoding.clone(),
            title: a.title.clone(),
            paragraphs: a.paragraphs.len(),
            words: a.word_count(),
        }
    }
}

/// Runs `list`: warnings to stderr, rows to stdout; exit 1 when nothing loaded.
pub fn run(args: ListArgs) -> Result<ExitCode> {
    if args.paths.is_empty()
        && let Some(db) = super::shelf::open_library()?
    {
        return super::shelf::list(&args, &db);
    }
    let loaded = super::load_articles(&args.paths, args.raw);
    for w in &loaded.warnings {
        crate::report::warn(w);
    }
    if loaded.articles.is_empty() {
        crate::report::warn(Error::nothing_loaded(&args.paths));
        return Ok(ExitCode::FAILURE);
    }
    let mut loaded = loaded;
    if let Some(n) = args.limit {
        loaded.articles.truncate(n as usize);
    }
    let out = match args.format {
        OutFormat::Json => {
            let rows: Vec<Row> = loaded.articles.iter().map(Row::of).collect();
            let mut s = serde_json::to_string_pretty(&rows).map_err(|e| Error::Output(e.into()))?;
            s.push('\n');
            s
        }
        OutFormat::Text => {
            let mut fields = Fields::new(&args.display);
            let t = table(&loaded.articles, &mut fields);
            format!("{}{t}{}", fields.enter(), fields.leave())
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e)),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The FILE column of the text table on a terminal: an absolute path shows as its file name (the
/// folders before it say little and push the titles off the line); relative paths stay as given.
/// Into a pipe and in JSON the path stays whole, for scripts.
pub fn shown_file(path: &str) -> String {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        p.file_name().map_or_else(|| path.to_string(), |f| f.to_string_lossy().into_owned())
    } else {
        path.to_string()
    }
}

// Controls and bidi overrides from a file must not reach the terminal or reorder the table.
fn safe(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'))
        .collect()
}

/// The text table: columns padded by display width, the title last. In logical order the title is
/// unpadded (it may run right to left, so nothing is aligned after it); in visual order ([`Fields`])
/// it is laid out, wrapped into what the terminal has left, and right-aligned when it runs right to
/// left, so the column reads from its right edge.
pub fn table(articles: &[Article], fields: &mut Fields) -> String {
    let header = ["FILE", "#", "FORMAT", "ENCODING", "PARAS", "WORDS"];
    let mut rows: Vec<(Vec<Cell>, String)> = articles
        .iter()
        .map(|a| {
            let fmt = serde_json::to_value(a.format)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let cells = [
                safe(&if fields.is_visual() { shown_file(&a.path) } else { a.path.clone() }),
                a.index.to_string(),
                fmt,
                a.encoding.clone(),
                a.paragraphs.len().to_string(),
                a.word_count().to_string(),
            ];
            (cells.iter().map(|c| fields.cell(c)).collect(), safe(&a.display_title()))
        })
        .collect();
    rows.insert(0, (header.iter().map(|h| fields.cell(h)).collect(), "TITLE".to_string()));
    let mut widths = [0usize; 6];
    for (cells, _) in &rows {
        for (w, cell) in widths.iter_mut().zip(cells) {
            *w = (*w).max(cell.width);
        }
    }
    // Long file names would push the titles off the line: the FILE column gives way (down to 8
    // cells), its names cut with an ellipsis.
    if let Some(line) = fields.line_width() {
        let others: usize = widths[1..].iter().map(|w| w + 2).sum::<usize>() + 2;
        let max = line.saturating_sub(others + super::fields::MIN_COLUMN).max(8);
        if widths[0] > max {
            for (i, (cells, _)) in rows.iter_mut().enumerate().skip(1) {
                cells[0] = fields.fit(&safe(&shown_file(&articles[i - 1].path)), Some(max));
            }
            widths[0] = rows.iter().map(|(c, _)| c[0].width).max().unwrap_or(0);
        }
    }
    let indent: usize = widths.iter().map(|w| w + 2).sum();
    let room = fields.room(indent);
    let titles: Vec<Vec<Cell>> = rows.iter().map(|(_, t)| fields.wrap(t, room)).collect();
    let col = titles.iter().flatten().map(|c| c.width).max().unwrap_or(0);
    let mut out = Vec::new();
    for ((cells, _), title) in rows.iter().zip(&titles) {
        let mut prefix = String::new();
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            if matches!(i, 1 | 4 | 5) {
                prefix.push_str(&" ".repeat(w.saturating_sub(cell.width)));
                prefix.push_str(&cell.text);
            } else {
                prefix.push_str(&cell.padded(w));
            }
            prefix.push_str("  ");
        }
        // Writing to memory cannot fail.
        let _ = write_rows(&mut out, &prefix, indent, title, col);
    }
    String::from_utf8(out).unwrap_or_default()
}
