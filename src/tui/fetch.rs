//! Fetching feeds from the reader (`r` the current article's feed, `R` all) on a thread of its own,
//! with its own connection to the library: the reader keeps running and shows the progress and
//! each failing feed in the status line; when it ends the list is read again.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;

use super::app::Event;
use crate::db::Db;
use crate::feeds::fetch::{FetchOptions, fetch_feeds};
use crate::text::sanitize;

/// Feeds fetched at once from the reader.
const JOBS: usize = 4;
/// Per-request time limit from the reader.
const TIMEOUT: Duration = Duration::from_secs(20);

/// What the fetch thread reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchEvent {
    /// One more feed is done (stored, not modified, or failed with this error).
    Feed {
        /// Feeds done so far.
        done: usize,
        /// Feeds in this fetch.
        total: usize,
        /// The feed's URL.
        url: String,
        /// New articles from it.
        added: usize,
        /// Why it failed, when it did.
        error: Option<String>,
    },
    /// Everything is done (or the library could not be opened: the error).
    Done(Option<String>),
}

/// A fetch in progress, as the status line shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Feeds done.
    pub done: usize,
    /// Feeds in this fetch (0 until the first is done).
    pub total: usize,
    /// New articles so far.
    pub added: usize,
    /// Failed feeds: URL and why.
    pub errors: Vec<(String, String)>,
}

impl Progress {
    /// One line for the status bar: `fetching 3/10 · 12 new · 1 failed: URL: why`.
    pub fn line(&self) -> String {
        let mut s = format!("fetching {}/{} · {} new", self.done, self.total.max(self.done), self.added);
        if let Some((url, why)) = self.errors.last() {
            s.push_str(&format!(" · {} failed: {url}: {why}", self.errors.len()));
        }
        s
    }
}

/// Starts fetching the feeds of the library in `dir` (only feed `only` when given) on a thread;
/// events go to `out`.
pub fn spawn(dir: PathBuf, only: Option<i64>, out: Sender<Event>) {
    let spawned = std::thread::Builder::new().name("sahifa-fetch".into()).spawn(move || {
        let res = Db::open(&dir).and_then(|mut db| {
            let opts = FetchOptions { jobs: JOBS, timeout: TIMEOUT };
            fetch_feeds(
                &mut db,
                opts,
                |f| only.is_none_or(|id| f.id == id),
                |done, total, r| {
                    let _ = out.send(Event::Fetch(FetchEvent::Feed {
                        done,
                        total,
                        url: sanitize(&r.url).into_owned(),
                        added: r.added,
                        error: r.error.as_deref().map(|e| sanitize(e).into_owned()),
                    }));
                },
            )
        });
        let _ = out.send(Event::Fetch(FetchEvent::Done(res.err().map(|e| e.to_string()))));
    });
    if let Err(e) = spawned {
        log::warn!("cannot start the fetch thread: {e}");
    }
}
