//! `sahifa add`, `sahifa feeds` and `sahifa remove`: the subscriptions in the library.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{AddArgs, FeedsArgs, FeedsFormat, RemoveArgs};
use crate::db::{Db, Feed, NewFeed};
use crate::error::{Error, Result};
use crate::feeds::{check_url, looks_like_url, opml};
use crate::text::sanitize;

use super::fields::Fields;

/// Runs `add`: each URL or OPML file's feeds are subscribed; one line per problem on stderr;
/// exit 1 when any argument could not be used.
pub fn add(args: AddArgs) -> Result<ExitCode> {
    let mut db = Db::open_default()?;
    let mut failed = false;
    let mut out = String::new();
    for src in &args.sources {
        let shown = sanitize(src);
        if looks_like_url(src) {
            if let Err(why) = check_url(src) {
                crate::report::warn(format!("{shown}: {why}"));
                failed = true;
                continue;
            }
            let f =
                NewFeed { url: src.clone(), title: None, tags: args.tags.clone(), full_text: args.full_text };
            let new = db.add_feed(&f)?;
            out.push_str(&format!("{} {shown}\n", if new { "added" } else { "already subscribed:" }));
            continue;
        }
        let outlines = match read_opml(Path::new(src)) {
            Ok(o) => o,
            Err(why) => {
                crate::report::warn(format!("{shown}: {why}"));
                failed = true;
                continue;
            }
        };
        let (mut added, mut known) = (0, 0);
        for o in outlines {
            if let Err(why) = check_url(&o.url) {
                crate::report::warn(format!("{shown}: {}: {why}", o.url));
                continue;
            }
            let mut tags = o.tags;
            tags.extend(args.tags.iter().filter(|t| !tags.contains(t)).cloned().collect::<Vec<_>>());
            let f = NewFeed { url: o.url, title: o.title, tags, full_text: args.full_text };
            if db.add_feed(&f)? {
                added += 1;
            } else {
                known += 1;
            }
        }
        out.push_str(&format!("{shown}: {added} feeds added, {known} already subscribed\n"));
    }
    print(&out)?;
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The feeds of an OPML file, or why not (a phrase).
fn read_opml(path: &Path) -> std::result::Result<Vec<opml::Outline>, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "no such file (feeds are added by their http:// or https:// URL)".into()
        }
        _ => format!("cannot read: {e}"),
    })?;
    let text = crate::article::decode::decode(&bytes).text;
    let outlines = opml::parse(&text)?;
    if outlines.is_empty() {
        return Err("OPML file without any feed (no outline has an xmlUrl)".into());
    }
    Ok(outlines)
}

/// Runs `remove`: exit 1 when a URL was not subscribed.
pub fn remove(args: RemoveArgs) -> Result<ExitCode> {
    let mut db = Db::open_default()?;
    let mut failed = false;
    let mut out = String::new();
    for url in &args.urls {
        if db.remove_feed(url)? {
            out.push_str(&format!("removed {}\n", sanitize(url)));
        } else {
            crate::report::warn(format!("{url}: not subscribed (see `sahifa feeds`)"));
            failed = true;
        }
    }
    print(&out)?;
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Runs `feeds`.
pub fn feeds(args: FeedsArgs) -> Result<ExitCode> {
    let db = Db::open_default()?;
    let feeds = db.feeds()?;
    let out = match args.format {
        FeedsFormat::Opml => opml::write(&feeds),
        FeedsFormat::Json => {
            let mut s = serde_json::to_string_pretty(&feeds).map_err(|e| Error::Output(e.into()))?;
            s.push('\n');
            s
        }
        FeedsFormat::Text => text(&feeds, &mut Fields::new(&args.display)),
    };
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// One block per feed: URL and flags, then title, tags, articles and the last fetch (or its
/// error). Titles and tags are laid out like the other text formats' Arabic fields ([`Fields`]).
pub fn text(feeds: &[Feed], fields: &mut Fields) -> String {
    if feeds.is_empty() {
        return "no feeds yet: sahifa add URL|OPML-FILE\n".into();
    }
    let mut out: Vec<u8> = Vec::new();
    for f in feeds {
        let flags = if f.full_text { "  full-text" } else { "" };
        let verb = if f.last_error.is_some() { "last tried" } else { "fetched" };
        let when =
            f.last_fetched.map_or_else(|| "never fetched".to_string(), |t| format!("{verb} {}", utc(t)));
        let count =
            if f.articles == 1 { "1 article".to_string() } else { format!("{} articles", f.articles) };
        // Writing to memory cannot fail.
        let _ = (|| -> std::io::Result<()> {
            writeln!(out, "{}{flags}", sanitize(&f.url))?;
            if let Some(t) = &f.title {
                fields.write_tail(&mut out, "  title: ", &sanitize(t))?;
            }
            if !f.tags.is_empty() {
                fields.write_tail(&mut out, "  tags: ", &sanitize(&f.tags.join("، ")))?;
            }
            writeln!(out, "  {count}, {when}")?;
            if let Some(e) = &f.last_error {
                fields.write_tail(&mut out, "  error: ", &sanitize(e))?;
            }
            Ok(())
        })();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Unix seconds as `YYYY-MM-DD HH:MM UTC`.
fn utc(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map_or_else(|| t.to_string(), |d| d.format("%Y-%m-%d %H:%M UTC").to_string())
}

/// Writes to stdout; a closed pipe is not an error.
pub(crate) fn print(s: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e)),
        _ => Ok(()),
    }
}
