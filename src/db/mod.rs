//! The library store: feeds, articles, their extraction, reading state and notes in one SQLite
//! database (`library.sqlite` in the data dir, next to `state.json`).
//!
//! SQLite in WAL mode: readers never wait for a writer, a write is a transaction that a crash or
//! SIGKILL either keeps whole or drops whole, and several processes (two readers and a `fetch`)
//! share the file; a writer that finds it locked waits up to [`BUSY_TIMEOUT`]. The schema is
//! versioned by `PRAGMA user_version` and migrated on open ([`schema`]). Every error names the
//! database file.

pub mod actors;
pub mod articles;
mod feeds;
pub mod flags;
pub mod schema;
mod shelf;
pub mod sync;
mod sync_notes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use articles::{ArticleRow, NewArticle, StoredArticle, prepare};
pub use feeds::{Feed, FetchResult, NewFeed};
pub use flags::{Flag, Flags, now_ms};
pub use shelf::Scope;

/// Name of the database file in the data dir.
pub const DB_FILE: &str = "library.sqlite";
/// How long a statement waits for another process's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Version of the extraction stored with each article; bump it when extraction changes so that
/// stored results can be recomputed.
pub const EXTRACT_VERSION: i64 = 4;

/// Why the library could not be read or written; one line naming the database file.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite failed (disk full, read-only, damaged file, locked too long …).
    #[error("{path}: {source}")]
    Sql {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The data dir could not be created.
    #[error("{path}: cannot create the data folder: {source}")]
    Dir {
        /// The folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A newer sahifa wrote this database.
    #[error("{path} is from a newer sahifa (schema version {version}); not touching it")]
    Newer {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        version: u32,
    },
    /// There is no data dir (no home directory and no `SAHIFA_DATA_DIR`).
    #[error("no data folder: set SAHIFA_DATA_DIR or HOME")]
    NoDataDir,
}

/// An open library.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
    path: PathBuf,
}

impl Db {
    /// Opens (creating it if needed) the library in the data dir ([`crate::store::default_dir`]).
    pub fn open_default() -> Result<Db, DbError> {
        let dir = crate::store::default_dir().ok_or(DbError::NoDataDir)?;
        Db::open(&dir)
    }

    /// Opens (creating it if needed) the library in `dir`, migrated to the current schema.
    pub fn open(dir: &Path) -> Result<Db, DbError> {
        std::fs::create_dir_all(dir).map_err(|source| DbError::Dir { path: dir.to_path_buf(), source })?;
        let path = dir.join(DB_FILE);
        let sql = |source| DbError::Sql { path: path.clone(), source };
        let mut conn = Connection::open(&path).map_err(sql)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        // WAL: readers and one writer at once; NORMAL sync is durable across a process kill (the
        // WAL is fsynced at checkpoints; only a power cut may lose the last transactions).
        conn.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(sql)?;
        schema::migrate(&mut conn).map_err(|e| match e {
            schema::MigrateError::Newer(version) => DbError::Newer { path: path.clone(), version },
            schema::MigrateError::Sql(source) => DbError::Sql { path: path.clone(), source },
        })?;
        Ok(Db { conn, path })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's `PRAGMA integrity_check`: `Ok(())`, or what it found damaged (one line).
    pub fn check_integrity(&self) -> Result<(), String> {
        let res: Result<String, _> = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0));
        match res {
            Ok(s) if s == "ok" => Ok(()),
            Ok(s) => Err(s.replace('\n', " ")),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Wraps an SQLite error with the file's name.
    fn err(&self, source: rusqlite::Error) -> DbError {
        DbError::Sql { path: self.path.clone(), source }
    }

    /// Runs `f` in one IMMEDIATE transaction (the write lock is taken at the start, so a writer
    /// never fails half-way on a lock upgrade; another process's writer is waited for up to
    /// [`BUSY_TIMEOUT`]) and commits when `f` succeeds. On an error nothing is kept, and the error
    /// names the database file.
    fn immediate<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, DbError> {
        let run = |conn: &mut Connection| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let v = f(&tx)?;
            tx.commit()?;
            Ok(v)
        };
        run(&mut self.conn).map_err(|source| DbError::Sql { path: self.path.clone(), source })
    }

    /// Every row of a query, each mapped by `map` (statement cached); an error names the file.
    fn rows<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, DbError> {
        let run = || {
            let mut st = self.conn.prepare_cached(sql)?;
            let rows = st.query_map(params, map)?;
            rows.collect::<rusqlite::Result<Vec<T>>>()
        };
        run().map_err(|e| self.err(e))
    }
}

/// Unix seconds now.
pub fn now_secs() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests;
