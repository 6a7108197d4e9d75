//! `sahifa extract`: actors and quotes of each article, as JSON (one object per article) or as a
//! readable report.

use std::io::Write;
use std::process::ExitCode;

use crate::article::{self, Article};
use crate::cli::{ExtractArgs, OutFormat};
use crate::error::{Error, Result};
use crate::extract::{self, Extraction};

/// Runs `extract`.
pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let articles = load(&args.paths)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let res = match args.format {
        OutFormat::Json => write_json(&mut out, &articles),
        OutFormat::Text => write_text(&mut out, &articles),
    };
    match res.and_then(|_| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Error::Io { path: "<stdout>".into(), source: e }),
    }
}

/// The articles to read: the given files, or the bundled ones.
// The lead switches this to `article::load_paths` once the loader lands.
fn load(paths: &[std::path::PathBuf]) -> Result<Vec<Article>> {
    if paths.is_empty() {
        return Ok(article::BUNDLED.iter().map(|(p, t)| article::from_plain_text(p, t)).collect());
    }
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).map_err(|source| Error::Io { path: p.clone(), source })?;
            Ok(article::from_plain_text(&p.display().to_string(), &String::from_utf8_lossy(&bytes)))
        })
        .collect()
}

/// Removes control characters before text reaches the terminal.
// Stand-in for `text::sanitize`, which the lead wires in.
fn sanitize(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
            let control = c.is_control() && c != '\n' && c != '\t';
            !bidi && !control
        })
        .collect()
}

fn json_article(a: &Article, x: &Extraction) -> serde_json::Value {
    use serde_json::json;
    let actors: Vec<_> = x
        .actors
        .iter()
        .map(|ac| {
            json!({
                "name": sanitize(&ac.name),
                "kind": ac.kind,
                "aliases": ac.aliases.iter().map(|s| sanitize(s)).collect::<Vec<_>>(),
                "mentions": ac.mentions.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
            })
        })
        .collect();
    let quotes: Vec<_> = x
        .quotes
        .iter()
        .map(|q| {
            json!({
                "text": sanitize(&q.text),
                "speaker": x.speaker_name(q).map(sanitize),
                "kind": q.kind,
                "start": q.span.start,
                "end": q.span.end,
            })
        })
        .collect();
    json!({"file": sanitize(&a.path), "title": sanitize(&a.title), "actors": actors, "quotes": quotes})
}

fn write_json(out: &mut impl Write, articles: &[Article]) -> std::io::Result<()> {
    let all: Vec<_> = articles.iter().map(|a| json_article(a, &extract::extract(a))).collect();
    serde_json::to_writer_pretty(&mut *out, &all)?;
    writeln!(out)
}

fn write_text(out: &mut impl Write, articles: &[Article]) -> std::io::Result<()> {
    for a in articles {
        let x = extract::extract(a);
        writeln!(out, "== {} — {}", sanitize(&a.path), sanitize(&a.title))?;
        writeln!(out, "Actors ({}):", x.actors.len())?;
        for ac in &x.actors {
            let kind = serde_json::to_value(ac.kind).ok().and_then(|v| v.as_str().map(str::to_string));
            writeln!(
                out,
                "  {} [{}] ×{}  ({})",
                sanitize(&ac.name),
                kind.unwrap_or_default(),
                ac.mentions.len(),
                sanitize(&ac.aliases.join("، "))
            )?;
        }
        writeln!(out, "Quotes ({}):", x.quotes.len())?;
        for q in &x.quotes {
            let who = x.speaker_name(q).map(sanitize).unwrap_or_else(|| "?".into());
            let kind = serde_json::to_value(q.kind).ok().and_then(|v| v.as_str().map(str::to_string));
            writeln!(
                out,
                "  [{}] {}: «{}»",
                kind.unwrap_or_default(),
                who,
                sanitize(&q.text).replace('\n', " ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
