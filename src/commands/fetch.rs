//! `sahifa fetch`: every subscribed feed into the library, a few at a time; one line per feed on
//! stdout, each failure one line on stderr (and stored on the feed, for `sahifa feeds`).

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use crate::cli::FetchArgs;
use crate::db::Db;
use crate::error::Result;
use crate::feeds::fetch::{FetchOptions, fetch_all};
use crate::text::sanitize;

/// Runs `fetch`: exit 1 only when every feed failed.
pub fn run(args: FetchArgs) -> Result<ExitCode> {
    let mut db = Db::open_default()?;
    let opts = FetchOptions { jobs: args.jobs as usize, timeout: Duration::from_secs(args.timeout) };
    let tty = std::io::stderr().is_terminal();
    let reports = fetch_all(&mut db, opts, |done, total, url| {
        if tty {
            let url: String = sanitize(url).chars().take(60).collect();
            crate::report::progress(format!("fetching: {done}/{total} {url}"));
        }
    })?;
    if tty {
        crate::report::clear_progress();
    }
    if reports.is_empty() {
        crate::report::warn("no feeds to fetch: sahifa add URL|OPML-FILE");
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let (mut added, mut failed) = (0, 0);
    for r in &reports {
        let url = sanitize(&r.url);
        for w in &r.warnings {
            crate::report::warn(w);
        }
        match &r.error {
            Some(e) => {
                failed += 1;
                crate::report::warn(format!("{url}: {e}"));
                out.push_str(&format!("{url}: failed\n"));
            }
            None if r.not_modified => out.push_str(&format!("{url}: not modified\n")),
            None => {
                added += r.added;
                let upd = if r.updated > 0 { format!(", {} updated", r.updated) } else { String::new() };
                out.push_str(&format!("{url}: {} new{upd}\n", r.added));
            }
        }
    }
    out.push_str(&format!(
        "{} feeds: {added} new articles, {failed} failed; {} articles in the library\n",
        reports.len(),
        db.article_count()?
    ));
    super::subscribe::print(&out)?;
    Ok(if failed == reports.len() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
