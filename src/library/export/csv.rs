//! The report as CSV for spreadsheets: UTF-8 with a byte order mark (so Excel reads Arabic
//! right), one quote a row, with the columns `file, index, title, speaker, kind, quote, starred,
//! note`.
//!
//! An article the user starred or wrote a note on gets a row of its own first, of kind `article`
//! (empty speaker and quote), so the CSV loses no mark; a star or note on a quote that is no longer
//! found gets a row of kind `unmatched`.

use std::io::{self, Write};

use super::{Report, kind_name};

/// Defuses a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) with a `'`.
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@']) { format!("'{s}").into() } else { s.into() }
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Writes the report as CSV.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["file", "index", "title", "speaker", "kind", "quote", "starred", "note"])?;
    for a in &r.articles {
        let index = a.index.to_string();
        if a.starred || a.note.is_some() {
            let note = a.note.as_deref().unwrap_or("");
            w.write_record([
                &*cell(&a.file),
                &index,
                &cell(&a.title),
                "",
                "article",
                "",
                yes(a.starred),
                &cell(note),
            ])?;
        }
        for q in &a.quotes {
            let kind = kind_name(&q.kind);
            let note = q.note.as_deref().unwrap_or("");
            let speaker = q.speaker.as_deref().unwrap_or("");
            let row = [
                &*cell(&a.file),
                &index,
                &cell(&a.title),
                &cell(speaker),
                &kind,
                &cell(&q.text),
                yes(q.starred),
                &cell(note),
            ];
            w.write_record(row)?;
        }
        for u in &a.unmatched {
            let note = u.note.as_deref().unwrap_or("");
            w.write_record([
                &*cell(&a.file),
                &index,
                &cell(&a.title),
                "",
                "unmatched",
                &u.key,
                yes(u.starred),
                &cell(note),
            ])?;
        }
    }
    w.flush()
}
