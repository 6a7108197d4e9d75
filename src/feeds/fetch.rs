//! Fetching the subscribed feeds into the library.
//!
//! Worker threads (at most `jobs`) take feeds from a shared queue, GET them (conditionally), load
//! the bytes through [`crate::article::load_bytes`] like a file (every feed format and encoding the
//! reader knows, cleaned), fetch linked pages for full-text feeds, and extract each new article.
//! The calling thread is the only one that writes to the database: it stores each feed's result
//! in one transaction as it arrives, so a killed fetch leaves every feed either stored or not.
//! A feed's failure is recorded on it and never stops the others.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use super::http::{Client, Got};
use crate::article::{self, Article, Format, LoadOptions};
use crate::db::{Db, DbError, Feed, FetchResult, NewArticle};

/// What to fetch and how.
#[derive(Debug, Clone, Copy)]
pub struct FetchOptions {
    /// Feeds fetched at once.
    pub jobs: usize,
    /// Per-request time limit.
    pub timeout: Duration,
}

/// The result of fetching one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// The feed's URL.
    pub url: String,
    /// Articles added.
    pub added: usize,
    /// Articles whose text changed (same guid).
    pub updated: usize,
    /// 304 Not Modified.
    pub not_modified: bool,
    /// Why it failed, if it did (one line).
    pub error: Option<String>,
    /// Problems that did not stop it (a linked page that could not be read …).
    pub warnings: Vec<String>,
}

/// One feed's work, done on a worker thread.
struct Job {
    feed: Feed,
    known: HashMap<String, String>,
}

/// What a worker found.
enum Found {
    NotModified,
    Items {
        etag: Option<String>,
        last_modified: Option<String>,
        title: Option<String>,
        items: Vec<NewArticle>,
    },
    Failed(String),
}

/// Fetches every feed of `db`; `progress(done, total, url)` is called on this thread after each.
/// Returns one report per feed, in the feeds' order. Only database errors are errors.
pub fn fetch_all(
    db: &mut Db,
    opts: FetchOptions,
    mut progress: impl FnMut(usize, usize, &str),
) -> Result<Vec<FeedReport>, DbError> {
    fetch_feeds(db, opts, |_| true, |done, total, r| progress(done, total, &r.url))
}

/// [`fetch_all`] over the feeds `wanted` picks; `progress(done, total, report)` sees each feed's
/// report as it is stored (the reader shows its errors while the rest go on).
pub fn fetch_feeds(
    db: &mut Db,
    opts: FetchOptions,
    wanted: impl Fn(&Feed) -> bool,
    mut progress: impl FnMut(usize, usize, &FeedReport),
) -> Result<Vec<FeedReport>, DbError> {
    let feeds: Vec<Feed> = db.feeds()?.into_iter().filter(|f| wanted(f)).collect();
    let total = feeds.len();
    let order: HashMap<i64, usize> = feeds.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let mut jobs = Vec::with_capacity(total);
    for feed in feeds {
        let known = db.known_items(feed.id)?;
        jobs.push(Job { feed, known });
    }
    let queue = Arc::new(Mutex::new(jobs.into_iter()));
    let client = Client::new(opts.timeout);
    let (tx, rx) = mpsc::channel::<(Feed, Found, Vec<String>)>();
    let mut ids = Vec::with_capacity(total);
    let workers = opts.jobs.clamp(1, total.max(1));
    let mut reports = Vec::with_capacity(total);
    std::thread::scope(|s| -> Result<(), DbError> {
        for _ in 0..workers {
            let (queue, tx, client) = (Arc::clone(&queue), tx.clone(), client.clone());
            s.spawn(move || {
                loop {
                    // A poisoned lock only means another worker panicked; the queue is still good.
                    let next = queue.lock().unwrap_or_else(|p| p.into_inner()).next();
                    let Some(job) = next else { break };
                    let feed = job.feed.clone();
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fetch_one(&client, job)));
                    let (found, warnings) = result.unwrap_or_else(|_| {
                        (Found::Failed("internal error while reading this feed".into()), vec![])
                    });
                    if tx.send((feed, found, warnings)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (feed, found, warnings) in rx {
            let mut r = FeedReport {
                url: feed.url.clone(),
                added: 0,
                updated: 0,
                not_modified: false,
                error: None,
                warnings,
            };
            match found {
                Found::NotModified => {
                    r.not_modified = true;
                    db.record_fetch(feed.id, &FetchResult::NotModified)?;
                }
                Found::Failed(why) => {
                    r.error = Some(why.clone());
                    db.record_fetch(feed.id, &FetchResult::Failed(why))?;
                }
                Found::Items { etag, last_modified, title, items } => {
                    let done = FetchResult::Fetched { etag, last_modified, title };
                    let stored = db.store_fetch(feed.id, &items, &done)?;
                    r.added = stored.added;
                    r.updated = stored.updated;
                }
            }
            progress(reports.len() + 1, total, &r);
            reports.push(r);
            ids.push(feed.id);
        }
        Ok(())
    })?;
    // Reported in the feeds' order, whichever finished first.
    let mut both: Vec<(usize, FeedReport)> =
        ids.into_iter().map(|id| order.get(&id).copied().unwrap_or(usize::MAX)).zip(reports).collect();
    both.sort_by_key(|(i, _)| *i);
    Ok(both.into_iter().map(|(_, r)| r).collect())
}

/// Fetches and reads one feed (on a worker thread): what it found, and warnings.
fn fetch_one(client: &Client, job: Job) -> (Found, Vec<String>) {
    let feed = &job.feed;
    let got = client.get(&feed.url, feed.etag.as_deref(), feed.last_modified.as_deref());
    let (bytes, etag, last_modified) = match got {
        Err(why) => return (Found::Failed(why), vec![]),
        Ok(Got::NotModified) => return (Found::NotModified, vec![]),
        Ok(Got::Body { bytes, etag, last_modified, .. }) => (bytes, etag, last_modified),
    };
    let mut loaded = article::load_bytes(&feed.url, &bytes, None, &LoadOptions::default());
    // A feed's items are one outlet's articles: what they all repeat is its furniture.
    article::furniture::apply(&mut loaded.articles);
    let strip = |w: &str| w.strip_prefix(&format!("{}: ", feed.url)).unwrap_or(w).to_string();
    if let Some(a) = loaded.articles.iter().find(|a| !is_feed(a.format)) {
        let kind = serde_json::to_value(a.format).ok().and_then(|v| v.as_str().map(str::to_string));
        return (Found::Failed(format!("not a feed (the server sent {})", kind.unwrap_or_default())), vec![]);
    }
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| strip(w)).collect();
    if loaded.articles.is_empty()
        && let Some(w) = warnings.iter().find(|w| !w.contains("without items"))
    {
        return (Found::Failed(w.clone()), vec![]);
    }
    let title = feed_title(&loaded.articles);
    let mut extra = Vec::new();
    let items = loaded
        .articles
        .into_iter()
        .filter(|a| is_new(&job, a))
        .map(|a| {
            let a = if feed.full_text { with_page_text(client, a, &mut extra) } else { a };
            NewArticle::new(a)
        })
        .collect();
    (Found::Items { etag, last_modified, title, items }, extra)
}

fn is_feed(f: Format) -> bool {
    matches!(f, Format::Rss | Format::Atom | Format::JsonFeed)
}

/// Whether an item is not stored yet, or stored with other text. A full-text feed's items are
/// never compared by text (the stored body is the page's, not the summary's).
fn is_new(job: &Job, a: &Article) -> bool {
    let key = a.guid.as_deref().unwrap_or(&a.id);
    match job.known.get(key) {
        None => true,
        Some(content) => !job.feed.full_text && *content != a.id,
    }
}

/// The feed's own title: the source every item names, when they all name the same one.
fn feed_title(articles: &[Article]) -> Option<String> {
    let first = articles.first()?.source.clone()?;
    articles.iter().all(|a| a.source.as_deref() == Some(first.as_str())).then_some(first)
}

/// The item with its linked page's cleaned text as the body, when the page has more text than
/// the item; otherwise the item as it is, and a warning when the page could not be read.
fn with_page_text(client: &Client, a: Article, warnings: &mut Vec<String>) -> Article {
    let Some(link) = a.url.clone().filter(|u| super::check_url(u).is_ok()) else { return a };
    let bytes = match client.get(&link, None, None) {
        Ok(Got::Body { bytes, .. }) => bytes,
        Ok(Got::NotModified) => return a,
        Err(why) => {
            warnings.push(format!("{link}: {why}"));
            return a;
        }
    };
    let page = article::load_bytes(&link, &bytes, Some("html"), &LoadOptions::default());
    let Some(p) = page.articles.into_iter().next() else {
        warnings.push(format!("{link}: no article text found in the page"));
        return a;
    };
    if p.body.len() <= a.body.len() {
        return a;
    }
    let paragraphs = p.paragraph_texts().map(str::to_string).collect();
    let mut full = Article::new(&a.path, a.index, a.format, &a.encoding, a.title.clone(), paragraphs);
    full.url = a.url;
    full.date = a.date.or(p.date);
    full.source = a.source;
    full.author = a.author.or(p.author);
    full.guid = a.guid.or_else(|| Some(a.id.clone()));
    full
}
