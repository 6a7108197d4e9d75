//! `sahifa list`: one row per article (file, index, format, encoding, title, paragraphs, words),
//! as an aligned table or as JSON.

use std::io::Write;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use crate::article::{self, Article};
use crate::cli::{ListArgs, OutFormat};
use crate::error::{Error, Result};

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
    let loaded = super::load_articles(&args.paths, args.raw);
    for w in &loaded.warnings {
        eprintln!("sahifa: {w}");
    }
    if loaded.articles.is_empty() {
        eprintln!("sahifa: {}", Error::nothing_loaded(&args.paths));
        return Ok(ExitCode::FAILURE);
    }
    let out = match args.format {
        OutFormat::Json => {
            let rows: Vec<Row> = loaded.articles.iter().map(Row::of).collect();
            let mut s = serde_json::to_string_pretty(&rows).map_err(|e| Error::Output(e.into()))?;
            s.push('\n');
            s
        }
        OutFormat::Text => table(&loaded.articles),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e)),
        _ => Ok(ExitCode::SUCCESS),
    }
}

// Controls and bidi overrides from a file must not reach the terminal or reorder the table.
fn safe(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'))
        .collect()
}

/// The text table: columns padded by display width, the title last and unpadded (it may run right
/// to left, so nothing is aligned after it).
pub fn table(articles: &[Article]) -> String {
    let header = ["FILE", "#", "FORMAT", "ENCODING", "PARAS", "WORDS"];
    let rows: Vec<[String; 7]> = articles
        .iter()
        .map(|a| {
            let fmt = serde_json::to_value(a.format)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            [
                safe(&a.path),
                a.index.to_string(),
                fmt,
                a.encoding.clone(),
                a.paragraphs.len().to_string(),
                a.word_count().to_string(),
                safe(&a.display_title()),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str], title: &str| {
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let numeric = matches!(i, 1 | 4 | 5);
            let pad = " ".repeat(w.saturating_sub(cell.width()));
            if numeric {
                out.push_str(&pad);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&pad);
            }
            out.push_str("  ");
        }
        out.push_str(title);
        out.push('\n');
    };
    line(&header, "TITLE");
    for r in &rows {
        let cells: Vec<&str> = r[..6].iter().map(String::as_str).collect();
        line(&cells, &r[6]);
    }
    out
}
