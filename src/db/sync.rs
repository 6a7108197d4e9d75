//! What sync keeps in the library (migration 2): per account, the snapshot of the server as last
//! seen (which remote item is which local article, and its flags then; which feed URL is which
//! remote feed) and the queue of local changes the server has not yet accepted.
//!
//! A local change is anything whose value differs from the snapshot: [`Db::sync_enqueue`] turns
//! those into queue rows (in the order they were made), so an action taken while the server is
//! unreachable waits in the database until a sync delivers it. A row leaves the queue, and the
//! snapshot takes its value, in one transaction after the server accepted it ([`Db::sync_sent`]):
//! a sync cut off at any point sends the rest next time (every action sets a value, so sending one
//! twice is harmless). No secret is ever stored here: an account is named by backend, URL and user.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, params};

use super::flags::{self, Flag};
use super::{Db, DbError};

/// What the library remembers of an account's syncs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountState {
    /// Unix ms of the last complete sync.
    pub last_ok: Option<i64>,
    /// Unix ms of the last try.
    pub last_attempt: Option<i64>,
    /// Why the last try failed (one line); none after a good one.
    pub last_error: Option<String>,
    /// The backend's mark for "articles since".
    pub token: Option<String>,
}

/// One queued local change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// Its place in the queue.
    pub seq: i64,
    /// What to do.
    pub action: Action,
    /// Unix ms of the local change.
    pub at: i64,
}

/// A change to send to the server.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Action {
    /// Set a flag on a remote item.
    Flag {
        /// The remote item id.
        item: String,
        /// Which flag.
        flag: Flag,
        /// Its new value.
        on: bool,
    },
    /// Subscribe the account to a feed URL.
    Subscribe(String),
    /// Unsubscribe from a remote feed (its remote id, and its URL).
    Unsubscribe {
        /// The remote feed id.
        id: String,
        /// Its URL.
        url: String,
    },
    /// Mirror an article's notes and starred quotes to a remote item ([`crate::sync::notes`]).
    Note {
        /// The remote item id.
        item: String,
        /// What the server should have, as JSON (None: nothing).
        data: Option<String>,
    },
}

/// A mapped item: the local article and the server's flags at the last sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncedItem {
    /// The local article's content id.
    pub content_id: String,
    /// Read on the server at the last sync.
    pub read: bool,
    /// Starred on the server at the last sync.
    pub starred: bool,
}

impl Db {
    /// The account's sync record (defaults when it never synced).
    pub fn sync_account(&self, account: &str) -> Result<AccountState, DbError> {
        let st = self
            .conn
            .query_row(
                "SELECT last_ok, last_attempt, last_error, articles_token FROM sync_accounts WHERE account = ?1",
                [account],
                |r| {
                    Ok(AccountState {
                        last_ok: r.get(0)?,
                        last_attempt: r.get(1)?,
                        last_error: r.get(2)?,
                        token: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(st.unwrap_or_default())
    }

    /// Records the end of a sync try at `at` (Unix ms): `Ok(token)` for a complete one (the new
    /// articles mark, kept when `None`), `Err(why)` for a failed one.
    pub fn sync_record(
        &mut self,
        account: &str,
        at: i64,
        res: Result<Option<&str>, &str>,
    ) -> Result<(), DbError> {
        let sql = match res {
            Ok(token) => self.conn.execute(
                "INSERT INTO sync_accounts (account, last_ok, last_attempt, articles_token) VALUES (?1, ?2, ?2, ?3)
                 ON CONFLICT(account) DO UPDATE SET last_ok = ?2, last_attempt = ?2, last_error = NULL,
                     articles_token = coalesce(?3, articles_token)",
                params![account, at, token],
            ),
            Err(why) => self.conn.execute(
                "INSERT INTO sync_accounts (account, last_attempt, last_error) VALUES (?1, ?2, ?3)
                 ON CONFLICT(account) DO UPDATE SET last_attempt = ?2, last_error = ?3",
                params![account, at, why],
            ),
        };
        sql.map(|_| ()).map_err(|e| self.err(e))
    }

    /// Keeps the articles mark reached so far (a sync cut off later does not fetch them again).
    pub fn sync_set_token(&mut self, account: &str, token: &str) -> Result<(), DbError> {
        self.conn
            .execute(
                "INSERT INTO sync_accounts (account, articles_token) VALUES (?1, ?2)
                 ON CONFLICT(account) DO UPDATE SET articles_token = ?2",
                params![account, token],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Every mapped item of the account, by remote id.
    pub fn sync_items(&self, account: &str) -> Result<HashMap<String, SyncedItem>, DbError> {
        let rows = self.rows(
            "SELECT remote_id, content_id, synced_read, synced_starred FROM sync_items WHERE account = ?1",
            [account],
            |r| Ok((r.get(0)?, SyncedItem { content_id: r.get(1)?, read: r.get(2)?, starred: r.get(3)? })),
        )?;
        Ok(rows.into_iter().collect())
    }

    /// Maps a remote item to a local article the first time it is seen. The snapshot takes the
    /// server's flags; the article's flags become the union of both (a flag set on either side is
    /// kept), and what only this side had is queued for the server by the next [`Db::sync_enqueue`].
    pub fn sync_map_item(
        &mut self,
        account: &str,
        remote_id: &str,
        content_id: &str,
        read: bool,
        starred: bool,
        at: i64,
    ) -> Result<(), DbError> {
        self.immediate(|tx| {
            let n = tx.execute(
                "INSERT OR IGNORE INTO sync_items (account, remote_id, content_id, synced_read, synced_starred)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![account, remote_id, content_id, read, starred],
            )?;
            if n > 0 {
                let local = flags::get(tx, content_id)?;
                if read && !local.read {
                    flags::set(tx, content_id, Flag::Read, true, at)?;
                }
                if starred && !local.starred {
                    flags::set(tx, content_id, Flag::Starred, true, at)?;
                }
            }
            Ok(())
        })
    }

    /// Applies a change made on the server: the article's flag and the snapshot, in one
    /// transaction; queued changes of that flag (older, they lost) are dropped with it.
    pub fn sync_apply_remote(
        &mut self,
        account: &str,
        remote_id: &str,
        flag: Flag,
        on: bool,
        at: i64,
    ) -> Result<(), DbError> {
        self.immediate(|tx| {
            let content: Option<String> = tx
                .query_row(
                    "SELECT content_id FROM sync_items WHERE account = ?1 AND remote_id = ?2",
                    params![account, remote_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(c) = content {
                flags::set(tx, &c, flag, on, at)?;
                set_snapshot(tx, account, remote_id, flag, on)?;
                tx.execute(
                    "DELETE FROM sync_queue WHERE account = ?1 AND kind = ?2 AND target = ?3",
                    params![account, flag.name(), remote_id],
                )?;
            }
            Ok(())
        })
    }

    /// The subscriptions as last seen on the server: feed URL → remote feed id.
    pub fn sync_feeds(&self, account: &str) -> Result<HashMap<String, String>, DbError> {
        self.feeds_snapshot(account).map_err(|e| self.err(e))
    }

    fn feeds_snapshot(&self, account: &str) -> rusqlite::Result<HashMap<String, String>> {
        let mut st = self.conn.prepare("SELECT url, remote_id FROM sync_feeds WHERE account = ?1")?;
        let rows = st.query_map([account], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    /// Records that the server has this feed (`Some(id)`) or no longer has it (`None`).
    pub fn sync_set_feed(
        &mut self,
        account: &str,
        url: &str,
        remote_id: Option<&str>,
    ) -> Result<(), DbError> {
        let res = match remote_id {
            Some(id) => self.conn.execute(
                "INSERT INTO sync_feeds (account, url, remote_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT(account, url) DO UPDATE SET remote_id = ?3",
                params![account, url, id],
            ),
            None => self
                .conn
                .execute("DELETE FROM sync_feeds WHERE account = ?1 AND url = ?2", params![account, url]),
        };
        res.map(|_| ()).map_err(|e| self.err(e))
    }

    /// The local changes not yet in the queue, in the order they were made: flags that differ
    /// from the last queued value (or, with none queued, from the snapshot), feeds added or
    /// removed here since the last sync. Nothing is written.
    /// `feeds`: whether feed additions and removals are queued too (not for an API that cannot
    /// make them).
    pub fn sync_unqueued(&self, account: &str, feeds: bool) -> Result<Vec<(Action, i64)>, DbError> {
        self.unqueued(account, feeds).map_err(|e| self.err(e))
    }

    fn unqueued(&self, account: &str, feeds: bool) -> rusqlite::Result<Vec<(Action, i64)>> {
        let queue = self.queue(account)?;
        let mut last_flag: HashMap<(String, Flag), bool> = HashMap::new();
        let (mut subscribing, mut unsubscribing) = (HashSet::new(), HashSet::new());
        for q in &queue {
            match &q.action {
                Action::Flag { item, flag, on } => {
                    last_flag.insert((item.clone(), *flag), *on);
                }
                Action::Subscribe(url) => {
                    subscribing.insert(url.clone());
                }
                Action::Unsubscribe { id, .. } => {
                    unsubscribing.insert(id.clone());
                }
                Action::Note { .. } => {}
            }
        }
        let mut out = Vec::new();
        let mut st = self.conn.prepare(
            "SELECT i.remote_id, i.synced_read, i.synced_starred, r.read, r.starred, r.updated
             FROM sync_items i JOIN reading_state r ON r.content_id = i.content_id
             WHERE i.account = ?1 AND (r.read != i.synced_read OR r.starred != i.synced_starred
                                       OR i.remote_id IN (SELECT target FROM sync_queue WHERE account = ?1))
             ORDER BY r.updated, i.remote_id",
        )?;
        let rows = st.query_map([account], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        for row in rows {
            let (item, s_read, s_starred, read, starred, at) = row?;
            for (flag, synced, now) in [(Flag::Read, s_read, read), (Flag::Starred, s_starred, starred)] {
                let last = last_flag.get(&(item.clone(), flag)).copied().unwrap_or(synced);
                if now != last {
                    out.push((Action::Flag { item: item.clone(), flag, on: now }, at));
                }
            }
        }
        if !feeds {
            return Ok(out);
        }
        let snapshot = self.feeds_snapshot(account)?;
        let mut st = self.conn.prepare("SELECT url, added FROM feeds ORDER BY id")?;
        let local: Vec<(String, i64)> =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        let local_urls: HashSet<&str> = local.iter().map(|(u, _)| u.as_str()).collect();
        for (url, added) in &local {
            if !snapshot.contains_key(url) && !subscribing.contains(url) {
                out.push((Action::Subscribe(url.clone()), added * 1000));
            }
        }
        let mut gone: Vec<(&String, &String)> = snapshot
            .iter()
            .filter(|(u, id)| !local_urls.contains(u.as_str()) && !unsubscribing.contains(*id))
            .collect();
        gone.sort();
        for (url, id) in gone {
            out.push((Action::Unsubscribe { id: id.clone(), url: url.clone() }, flags::now_ms()));
        }
        Ok(out)
    }

    /// Appends the local changes not yet queued ([`Db::sync_unqueued`]); returns how many.
    pub fn sync_enqueue(&mut self, account: &str, feeds: bool) -> Result<usize, DbError> {
        let new = self.sync_unqueued(account, feeds)?;
        self.immediate(|tx| {
            for (a, at) in &new {
                let (kind, target, value) = match a {
                    Action::Flag { item, flag, on } => (flag.name(), item.as_str(), *on as i64),
                    Action::Subscribe(url) => ("subscribe", url.as_str(), 1),
                    Action::Unsubscribe { id, url } => {
                        tx.execute(
                            "DELETE FROM sync_feeds WHERE account = ?1 AND url = ?2",
                            params![account, url],
                        )?;
                        ("unsubscribe", id.as_str(), 0)
                    }
                    // Queued by `sync_enqueue_notes`, never found here.
                    Action::Note { .. } => continue,
                };
                tx.execute(
                    "INSERT INTO sync_queue (account, kind, target, value, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![account, kind, target, value, at],
                )?;
            }
            Ok(new.len())
        })
    }

    /// The queue, oldest first.
    pub fn sync_queue(&self, account: &str) -> Result<Vec<Queued>, DbError> {
        self.queue(account).map_err(|e| self.err(e))
    }

    fn queue(&self, account: &str) -> rusqlite::Result<Vec<Queued>> {
        let mut st = self.conn.prepare(
            "SELECT seq, kind, target, value, at, data FROM sync_queue WHERE account = ?1 ORDER BY seq",
        )?;
        let rows = st.query_map([account], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, kind, target, value, at, data) = row?;
            let action = match kind.as_str() {
                "subscribe" => Action::Subscribe(target),
                "note" => Action::Note { item: target, data },
                // The URL is only needed before queueing (to drop the snapshot row).
                "unsubscribe" => Action::Unsubscribe { id: target, url: String::new() },
                k => match Flag::from_name(k) {
                    Some(flag) => Action::Flag { item: target, flag, on: value != 0 },
                    None => continue, // from a newer sahifa: left for it
                },
            };
            out.push(Queued { seq, action, at });
        }
        Ok(out)
    }

    /// The server accepted these queued rows: they leave the queue and the snapshot takes their
    /// values, in one transaction.
    pub fn sync_sent(&mut self, account: &str, sent: &[Queued]) -> Result<(), DbError> {
        self.immediate(|tx| {
            for q in sent {
                match &q.action {
                    Action::Flag { item, flag, on } => set_snapshot(tx, account, item, *flag, *on)?,
                    Action::Note { item, data } => tx
                        .execute(
                            "UPDATE sync_items SET synced_note = ?3 WHERE account = ?1 AND remote_id = ?2",
                            params![account, item, data],
                        )
                        .map(|_| ())?,
                    Action::Subscribe(_) | Action::Unsubscribe { .. } => {}
                }
                tx.execute("DELETE FROM sync_queue WHERE seq = ?1", [q.seq])?;
            }
            Ok(())
        })
    }

    /// Drops queued rows without sending them (they lost to a newer change on the server).
    pub fn sync_drop(&mut self, seqs: &[i64]) -> Result<(), DbError> {
        for s in seqs {
            self.conn.execute("DELETE FROM sync_queue WHERE seq = ?1", [s]).map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// The content id of the article stored under `key` (`feed:<feed id>:<guid>`), if any.
    pub fn content_id_for_key(&self, key: &str) -> Result<Option<String>, DbError> {
        self.conn
            .query_row("SELECT content_id FROM articles WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The content id of an article of the feed with this exact title, if any (an item fetched
    /// here and on the server has different guids in each: the server's are its own).
    pub fn content_id_by_title(&self, feed_id: i64, title: &str) -> Result<Option<String>, DbError> {
        self.conn
            .query_row(
                "SELECT content_id FROM articles WHERE feed_id = ?1 AND title = ?2 ORDER BY id LIMIT 1",
                params![feed_id, title],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }
}

fn set_snapshot(
    conn: &rusqlite::Connection,
    account: &str,
    remote_id: &str,
    flag: Flag,
    on: bool,
) -> rusqlite::Result<()> {
    let sql = match flag {
        Flag::Read => "UPDATE sync_items SET synced_read = ?3 WHERE account = ?1 AND remote_id = ?2",
        Flag::Starred => "UPDATE sync_items SET synced_starred = ?3 WHERE account = ?1 AND remote_id = ?2",
    };
    conn.execute(sql, params![account, remote_id, on]).map(|_| ())
}
