//! `sahifa extract`: actors and quotes of each article, as JSON (one object per article) or as a
//! readable report (in logical order into a pipe, laid out visually on a terminal).

use std::io::Write;
use std::process::ExitCode;

use crate::article::Article;
use crate::cli::{ExtractArgs, OutFormat};
use crate::error::{Error, Result};
use crate::extract::Extraction;
use crate::text::sanitize;

use super::fields::{Fields, MIN_COLUMN};

/// Runs `extract`.
pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let loaded = super::load_articles(&args.paths, false);
    for w in &loaded.warnings {
        crate::report::warn(w);
    }
    if loaded.articles.is_empty() {
        return Err(Error::nothing_loaded(&args.paths));
    }
    let articles = loaded.articles;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let res = match args.format {
        OutFormat::Json => write_json(&mut out, &articles),
        OutFormat::Text => {
            let mut fields = Fields::new(&args.display);
            out.write_all(fields.enter().as_bytes())
                .and_then(|_| write_text(&mut out, &articles, &mut fields))
                .and_then(|_| out.write_all(fields.leave().as_bytes()))
        }
    };
    match res.and_then(|_| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Error::Io { path: "<stdout>".into(), source: e }),
    }
}

fn json_article(a: &Article, x: &Extraction) -> serde_json::Value {
    let mut v = x.to_json();
    // Article strings are sanitised at load, and JSON escapes the paragraph breaks inside quotes.
    let mut obj = serde_json::Map::new();
    obj.insert("file".into(), a.path.clone().into());
    obj.insert("title".into(), a.title.clone().into());
    if let Some(m) = v.as_object_mut() {
        obj.append(m);
    }
    serde_json::Value::Object(obj)
}

/// Every article's extraction, with a progress bar on a terminal's stderr.
fn extract_with_progress(articles: &[Article]) -> Vec<crate::extract::Extraction> {
    let bar = super::progress::bar(articles.len(), "extracting");
    let out = crate::library::extract_all_with(articles, &|| bar.inc(1));
    bar.finish_and_clear();
    out
}

fn write_json(out: &mut impl Write, articles: &[Article]) -> std::io::Result<()> {
    let extractions = extract_with_progress(articles);
    let all: Vec<_> = articles.iter().zip(&extractions).map(|(a, x)| json_article(a, x)).collect();
    serde_json::to_writer_pretty(&mut *out, &all)?;
    writeln!(out)
}

/// The readable report. In logical order as stored; in visual order ([`Fields`]) names, titles,
/// aliases and quotes are laid out for the terminal and long ones wrap under themselves.
pub fn write_text(out: &mut impl Write, articles: &[Article], fields: &mut Fields) -> std::io::Result<()> {
    // Names lead their line: at most half of it, so the label and the field after them still fit.
    let name_max = fields.line_width().map(|w| (w / 2).max(MIN_COLUMN));
    for (a, x) in articles.iter().zip(extract_with_progress(articles)) {
        let prefix = format!("== {} — ", fields.cell(&sanitize(&a.path)).text);
        fields.write_tail(out, &prefix, &sanitize(&a.title))?;
        writeln!(out, "Actors ({}):", x.actors.len())?;
        for ac in &x.actors {
            let kind = serde_json::to_value(ac.kind).ok().and_then(|v| v.as_str().map(str::to_string));
            let prefix = format!(
                "  {} [{}] ×{}  ",
                fields.fit(&sanitize(&ac.name), name_max).text,
                kind.unwrap_or_default(),
                ac.mentions.len(),
            );
            fields.write_tail(out, &prefix, &format!("({})", sanitize(&ac.aliases.join("، "))))?;
        }
        writeln!(out, "Quotes ({}):", x.quotes.len())?;
        for q in &x.quotes {
            let who = match (x.speaker_name(q), &q.source) {
                (Some(name), _) => sanitize(name),
                (None, Some(source)) => format!("{} (anonymous)", sanitize(source)).into(),
                (None, None) => "?".into(),
            };
            let kind = serde_json::to_value(q.kind).ok().and_then(|v| v.as_str().map(str::to_string));
            let place = if q.in_title { ", headline" } else { "" };
            let prefix =
                format!("  [{}{place}] {}: ", kind.unwrap_or_default(), fields.fit(&who, name_max).text);
            fields.write_tail(out, &prefix, &format!("«{}»", sanitize(&q.text).replace('\n', " ")))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
