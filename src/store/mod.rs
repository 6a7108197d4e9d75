//! Reading state and notes in the data dir: serde, atomic writes, locking, recovery.
//!
//! # Where
//! `state.json` in [`default_dir`]: `$SAHIFA_DATA_DIR` if set, else the platform data dir
//! (`$XDG_DATA_HOME/sahifa`, i.e. `~/.local/share/sahifa` on Linux). Next to it: `state.lock` (the
//! advisory lock), `state.json.damaged-<UTC time>` (damaged files moved aside) and, only while a
//! save runs, `.state.json.tmp-<pid>-<n>`.
//!
//! # Format (version 2)
//! ```json
//! {
//!   "version": 2,
//!   "articles": {
//!     "bb4b77b62cfebfb5": {
//!       "read": true, "starred": true, "position": 12, "note": "…", "updated": 1795315293000,
//!       "quotes": { "120-245-1a2b3c4d": { "starred": true, "note": "…", "updated": 1795315293000 } }
//!     }
//!   }
//! }
//! ```
//! Article keys are [`crate::article::Article::id`] (a hash of title and body, so moving a file
//! keeps its state); quote keys come from [`quote_key`]. Missing fields read as defaults (false,
//! 0, no note), and entries holding only defaults are left out. `updated` is Unix time in
//! milliseconds of the entry's latest change. Fields this version does not know (from a newer
//! sahifa) are kept as they are when the file is rewritten. Version 1 was flat
//! (`{"read": [ID…], "starred": [ID…], "positions": {ID: N}}`) and is migrated on load
//! ([`migrate`]). A newer file whose shape this version cannot read is left untouched (saving
//! fails with [`StoreError::Newer`]).
//!
//! # Saving and merging
//! The store remembers which fields this session changed and when. [`Store::save`] takes the lock,
//! re-reads the file, and sets only those fields on what it finds, field by field:
//! - a field the other instance did not change since we last read the file gets our value;
//! - a field both changed gets the later change (ours if our change is at least as recent as the
//!   entry's `updated` on disk);
//! - every other field keeps what is on disk, so two instances marking different articles, or
//!   different fields of one article (one stars, the other marks read), keep both.
//!
//! It then writes the result atomically (temporary file, fsync, rename, fsync of the folder) and
//! the session's state becomes that result, changes from other instances included. A file whose
//! bytes hash the same as when this session last read or wrote it is not parsed again.
//!
//! The lock is `flock` on `state.lock` (the state file itself is replaced by each save, so it
//! cannot carry a lock); a save waits at most [`file::LOCK_TIMEOUT`] for it. Temporary files are
//! only written under the lock, so one found there was left by a killed writer and is removed.
//!
//! To keep a UI from waiting on the disk, split the save: [`Store::begin_save`] returns a
//! [`SaveJob`] (`Send`) to [`SaveJob::run`] on another thread; hand its [`SaveOutcome`] to
//! [`Store::finish_save`]. Changes made while the job runs stay pending for the next save. Jobs
//! may overlap (and a synchronous `save` may run while one is out): a job that gets the lock
//! after a newer one of the same session has written skips its write, so it never undoes it.
//! Dropping a `Store` with pending changes saves them (errors ignored), which covers unwinding
//! after a panic; signal handlers (SIGTERM, SIGHUP) should call [`Store::save`] themselves.
//!
//! # Failures
//! Nothing here panics or resets state silently. A damaged or unreadable `state.json` is moved
//! aside and reported once through the warnings; a read-only data dir, a full disk or a lock held
//! too long make `save` return an error while the session's state and pending changes stay in
//! memory, to be retried by the next `save`.

mod dupkeys;
pub mod file;
pub mod merge;
pub mod migrate;
pub mod model;
pub mod recovery;
mod save;
mod session;

use std::path::PathBuf;

pub use merge::Field;
pub use model::{
    ArticleState, CURRENT_VERSION, QuoteState, StateFile, quote_key, quote_key_for, quote_key_hash,
    quote_text_hash,
};
pub use save::{SaveJob, SaveOutcome};
pub use session::Store;

/// The environment variable that overrides the data dir (tests use it).
pub const DATA_DIR_ENV: &str = "SAHIFA_DATA_DIR";

/// The data dir: `$SAHIFA_DATA_DIR` if set and not empty, else the platform's data dir for sahifa
/// (`$XDG_DATA_HOME/sahifa` on Linux). None when neither can be found (no home directory).
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => directories::ProjectDirs::from("", "", "sahifa").map(|p| p.data_dir().to_path_buf()),
    }
}

/// Why the state could not be saved or read. Each message is one line naming the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The state file or the data dir could not be written (read-only, disk full, …).
    #[error("cannot save reading state ({source}) to {path}; kept in memory, will retry")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The state file exists but reading it failed for a reason that may pass.
    #[error("cannot read reading state from {path}: {source}")]
    Read {
        /// The state file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The lock file could not be opened or locked.
    #[error("cannot lock the reading state ({source}): {path}; kept in memory, will retry")]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Another instance held the lock too long.
    #[error("reading state locked by another sahifa, not saved yet (will retry): {path}")]
    Busy {
        /// The lock file.
        path: PathBuf,
    },
    /// The state file is damaged and could not be moved aside, so it is not overwritten.
    #[error("{path} is damaged and cannot be moved aside ({source}); not overwriting it")]
    MoveAside {
        /// The state file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The state file was written by a newer sahifa in a shape this one cannot read.
    #[error(
        "{path} is from a newer sahifa (format version {version}) that this one cannot read; not overwriting it"
    )]
    Newer {
        /// The state file.
        path: PathBuf,
        /// Its format version.
        version: u64,
    },
}
