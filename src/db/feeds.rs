//! Subscriptions: adding, listing and removing feeds, and recording each fetch's outcome.

use rusqlite::{OptionalExtension, params};

use super::{Db, DbError, now_secs};

/// A feed to subscribe to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewFeed {
    /// Its URL (http or https).
    pub url: String,
    /// A title to show until the feed gives its own (from OPML).
    pub title: Option<String>,
    /// Tags (OPML folders).
    pub tags: Vec<String>,
    /// Fetch each new item's linked page and keep its cleaned text as the body.
    pub full_text: bool,
}

/// A subscription as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Feed {
    /// Row id.
    pub id: i64,
    /// URL.
    pub url: String,
    /// Title (from OPML or the feed itself).
    pub title: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Whether linked pages are fetched for the body.
    pub full_text: bool,
    /// The last response's ETag.
    pub etag: Option<String>,
    /// The last response's Last-Modified.
    pub last_modified: Option<String>,
    /// Unix seconds of the last fetch attempt.
    pub last_fetched: Option<i64>,
    /// Why the last fetch failed (one line); none after a good one.
    pub last_error: Option<String>,
    /// Number of articles stored from it.
    pub articles: i64,
}

/// What one fetch of a feed found, to record on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FetchResult {
    /// The server answered 304 Not Modified.
    #[default]
    NotModified,
    /// A new copy: its validators and the feed's own title.
    Fetched {
        /// ETag of the response.
        etag: Option<String>,
        /// Last-Modified of the response.
        last_modified: Option<String>,
        /// The feed's title.
        title: Option<String>,
    },
    /// It failed: one line saying why.
    Failed(String),
}

impl Db {
    /// Subscribes to a feed. An existing subscription keeps its settings and gains the new tags
    /// (and the full-text flag when asked); returns whether the feed was new.
    pub fn add_feed(&mut self, f: &NewFeed) -> Result<bool, DbError> {
        self.immediate(|tx| {
            let existing: Option<(i64, String)> = tx
                .query_row("SELECT id, tags FROM feeds WHERE url = ?1", [&f.url], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            match existing {
                Some((id, tags)) => {
                    let mut all = parse_tags(&tags);
                    for t in &f.tags {
                        if !all.contains(t) {
                            all.push(t.clone());
                        }
                    }
                    tx.execute(
                        "UPDATE feeds SET tags = ?2, full_text = full_text OR ?3, title = coalesce(title, ?4) WHERE id = ?1",
                        params![id, tags_json(&all), f.full_text, f.title],
                    )
                    .map(|_| false)
                }
                None => tx
                    .execute(
                        "INSERT INTO feeds (url, title, tags, full_text, added) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![f.url, f.title, tags_json(&f.tags), f.full_text, now_secs()],
                    )
                    .map(|_| true),
            }
        })
    }

    /// Every subscription, in the order they were added.
    pub fn feeds(&self) -> Result<Vec<Feed>, DbError> {
        self.rows(
            "SELECT f.id, f.url, f.title, f.tags, f.full_text, f.etag, f.last_modified, f.last_fetched,
                    f.last_error, (SELECT count(*) FROM articles a WHERE a.feed_id = f.id)
             FROM feeds f ORDER BY f.id",
            [],
            |r| {
                Ok(Feed {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    title: r.get(2)?,
                    tags: parse_tags(&r.get::<_, String>(3)?),
                    full_text: r.get(4)?,
                    etag: r.get(5)?,
                    last_modified: r.get(6)?,
                    last_fetched: r.get(7)?,
                    last_error: r.get(8)?,
                    articles: r.get(9)?,
                })
            },
        )
    }

    /// Unsubscribes (its articles go with it; reading state and notes stay, keyed by content).
    /// Returns whether there was such a feed.
    pub fn remove_feed(&mut self, url: &str) -> Result<bool, DbError> {
        let n = self.conn.execute("DELETE FROM feeds WHERE url = ?1", [url]).map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Records a fetch's outcome on the feed. A failure keeps the validators, so the next
    /// fetch is still conditional.
    pub fn record_fetch(&mut self, feed_id: i64, res: &FetchResult) -> Result<(), DbError> {
        record(&self.conn, feed_id, res).map_err(|e| self.err(e))
    }

    /// The items already stored from a feed: each one's guid (or, without one, its content id)
    /// and its content id. A fetch skips items that are there unchanged, so nothing is extracted
    /// or fetched in full text twice.
    pub fn known_items(&self, feed_id: i64) -> Result<std::collections::HashMap<String, String>, DbError> {
        let prefix = format!("feed:{feed_id}:");
        let mut st = self
            .conn
            .prepare_cached("SELECT key, content_id FROM articles WHERE feed_id = ?1")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([feed_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        Ok(rows.into_iter().filter_map(|(k, c)| Some((k.strip_prefix(&prefix)?.to_string(), c))).collect())
    }
}

/// Sets a fetch's outcome on the feed's row (inside the caller's transaction, if any).
pub(super) fn record(conn: &rusqlite::Connection, feed_id: i64, res: &FetchResult) -> rusqlite::Result<()> {
    let now = now_secs();
    match res {
        FetchResult::NotModified => conn.execute(
            "UPDATE feeds SET last_fetched = ?2, last_error = NULL WHERE id = ?1",
            params![feed_id, now],
        ),
        FetchResult::Fetched { etag, last_modified, title } => conn.execute(
            "UPDATE feeds SET last_fetched = ?2, last_error = NULL, etag = ?3, last_modified = ?4,
                    title = coalesce(?5, title) WHERE id = ?1",
            params![feed_id, now, etag, last_modified, title],
        ),
        FetchResult::Failed(why) => conn.execute(
            "UPDATE feeds SET last_fetched = ?2, last_error = ?3 WHERE id = ?1",
            params![feed_id, now, why],
        ),
    }
    .map(|_| ())
}

fn tags_json(tags: &[String]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".into())
}

fn parse_tags(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}
