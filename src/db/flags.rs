//! Read and starred flags of library articles (`reading_state`, keyed by content id). Everything
//! that reads or changes them goes through these functions, so sync sees every change: each change
//! stamps `updated` (Unix ms), which sync compares with the server's to pick the newest.

use rusqlite::{OptionalExtension, params};

use super::{Db, DbError};

/// One of the flags sync carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// Read (the opposite of the servers' "unread").
    Read,
    /// Starred (TT-RSS "marked", Google Reader "starred", Fever "saved").
    Starred,
}

impl Flag {
    /// The name used in the sync queue and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Flag::Read => "read",
            Flag::Starred => "starred",
        }
    }

    /// The flag a queue `kind` names.
    pub fn from_name(s: &str) -> Option<Flag> {
        match s {
            "read" => Some(Flag::Read),
            "starred" => Some(Flag::Starred),
            _ => None,
        }
    }
}

/// An article's flags and when they last changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Read.
    pub read: bool,
    /// Starred.
    pub starred: bool,
    /// Unix ms of the last change (0: never changed).
    pub updated: i64,
}

impl Flags {
    /// The value of one flag.
    pub fn get(&self, f: Flag) -> bool {
        match f {
            Flag::Read => self.read,
            Flag::Starred => self.starred,
        }
    }
}

/// Unix milliseconds now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

impl Db {
    /// The flags of the article with this content id (all false when it has none).
    pub fn flags(&self, content_id: &str) -> Result<Flags, DbError> {
        get(&self.conn, content_id).map_err(|e| self.err(e))
    }

    /// Sets one flag of an article, stamped `at` (Unix ms; [`now_ms`] for a user's action).
    pub fn set_flag(&mut self, content_id: &str, flag: Flag, on: bool, at: i64) -> Result<(), DbError> {
        set(&self.conn, content_id, flag, on, at).map_err(|e| self.err(e))
    }

    /// Whether an article of the library has this content id.
    pub fn has_content(&self, content_id: &str) -> Result<bool, DbError> {
        self.conn
            .query_row("SELECT 1 FROM articles WHERE content_id = ?1 LIMIT 1", [content_id], |_| Ok(()))
            .optional()
            .map(|o| o.is_some())
            .map_err(|e| self.err(e))
    }

    /// Content ids of the starred articles, most recently changed first.
    pub fn starred_ids(&self) -> Result<Vec<String>, DbError> {
        self.rows("SELECT content_id FROM reading_state WHERE starred = 1 ORDER BY updated DESC", [], |r| {
            r.get(0)
        })
    }
}

pub(super) fn get(conn: &rusqlite::Connection, content_id: &str) -> rusqlite::Result<Flags> {
    let f = conn
        .query_row(
            "SELECT read, starred, updated FROM reading_state WHERE content_id = ?1",
            [content_id],
            |r| Ok(Flags { read: r.get(0)?, starred: r.get(1)?, updated: r.get(2)? }),
        )
        .optional()?;
    Ok(f.unwrap_or_default())
}

pub(super) fn set(
    conn: &rusqlite::Connection,
    content_id: &str,
    flag: Flag,
    on: bool,
    at: i64,
) -> rusqlite::Result<()> {
    let sql = match flag {
        Flag::Read => {
            "INSERT INTO reading_state (content_id, read, updated) VALUES (?1, ?2, ?3)
             ON CONFLICT(content_id) DO UPDATE SET read = ?2, updated = max(updated, ?3)"
        }
        Flag::Starred => {
            "INSERT INTO reading_state (content_id, starred, updated) VALUES (?1, ?2, ?3)
             ON CONFLICT(content_id) DO UPDATE SET starred = ?2, updated = max(updated, ?3)"
        }
    };
    conn.execute(sql, params![content_id, on, at]).map(|_| ())
}
