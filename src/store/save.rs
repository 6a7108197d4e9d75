//! The disk side of a save, separable from the [`super::Store`] so that it can run off the UI
//! thread: [`SaveJob::run`] locks, re-reads, merges, writes, and returns a [`SaveOutcome`] for
//! [`super::Store::finish_save`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::StoreError;
use super::file::{self, LOCK_TIMEOUT, Read};
use super::merge::{self, Changes};
use super::migrate::{self, ParseError};
use super::model::StateFile;

/// Everything a save needs, detached from the store (it is `Send`): run it on any thread.
#[derive(Debug)]
pub struct SaveJob {
    pub(super) path: PathBuf,
    pub(super) base: Arc<StateFile>,
    pub(super) mem: StateFile,
    pub(super) changes: Changes,
    pub(super) disk_hash: Option<u64>,
    pub(super) epoch: u64,
    pub(super) written: Arc<AtomicU64>,
}

/// What a [`SaveJob`] did, to hand to [`super::Store::finish_save`].
#[derive(Debug)]
pub struct SaveOutcome {
    pub(super) changes: Changes,
    pub(super) epoch: u64,
    /// The state written, or None when a newer job had already written (nothing to do).
    pub(super) result: Result<Option<Saved>, StoreError>,
    pub(super) warnings: Vec<String>,
}

/// A state as written (twice: one to become the session's state, one its base), with the hash
/// of its bytes. The copy is made by the job, off the UI thread.
#[derive(Debug)]
pub(super) struct Saved {
    pub(super) state: StateFile,
    pub(super) base: Arc<StateFile>,
    pub(super) hash: u64,
}

/// The state file as it is now.
pub(super) enum Disk {
    /// Parsed (or known from its hash), with the hash of its bytes (None: no file).
    State(StateFile, Option<u64>),
    /// Damaged or unreadable, with the reason.
    Damaged(String),
}

impl SaveJob {
    /// Saves: takes the lock, re-reads the file (parsing it only if it changed since this
    /// session last read or wrote it), merges the changes onto it and writes it atomically.
    pub fn run(self) -> SaveOutcome {
        let mut warnings = Vec::new();
        let result = self.save(&mut warnings);
        log_outcome(&result, &warnings);
        SaveOutcome { changes: self.changes, epoch: self.epoch, result, warnings }
    }

    fn save(&self, warnings: &mut Vec<String>) -> Result<Option<Saved>, StoreError> {
        let dir = file::parent_dir(&self.path);
        let lock = file::lock(&dir, LOCK_TIMEOUT)?;
        // Checked under the lock: a newer job of this session wrote all our changes, newer values.
        if self.written.load(Ordering::Acquire) > self.epoch {
            return Ok(None);
        }
        let theirs = match load(&self.path, self.disk_hash, &self.base)? {
            Disk::State(s, _) => s,
            // What this session knew is the best there is to write in its place.
            Disk::Damaged(reason) => recover(&self.path, &reason, &self.base, warnings)?,
        };
        if lock.held {
            file::remove_stale_temps(&dir);
        }
        let (merged, _lost) = merge::merge(&self.base, &self.mem, theirs, &self.changes);
        let mut bytes = serde_json::to_vec_pretty(&merged)
            .map_err(|e| StoreError::Write { path: self.path.clone(), source: std::io::Error::other(e) })?;
        bytes.push(b'\n');
        file::write_atomic(&self.path, &bytes)?;
        self.written.fetch_max(self.epoch, Ordering::AcqRel);
        drop(lock);
        Ok(Some(Saved { base: Arc::new(merged.clone()), state: merged, hash: hash(&bytes) }))
    }
}

/// Reads the state file; when its bytes hash to `known`, it is `base` and is not parsed again.
pub(super) fn load(path: &Path, known: Option<u64>, base: &StateFile) -> Result<Disk, StoreError> {
    let bytes = match file::read(path)? {
        Read::Missing => return Ok(Disk::State(StateFile::default(), None)),
        Read::Unreadable(e) => return Ok(Disk::Damaged(format!("unreadable: {e}"))),
        Read::Bytes(b) => b,
    };
    let h = hash(&bytes);
    if known == Some(h) {
        return Ok(Disk::State(base.clone(), Some(h)));
    }
    match migrate::parse(&bytes) {
        Ok(p) => Ok(Disk::State(p.state, Some(h))),
        Err(ParseError::Damaged(reason)) => Ok(Disk::Damaged(reason)),
        Err(ParseError::Newer { version, .. }) => {
            Err(StoreError::Newer { path: path.to_path_buf(), version })
        }
    }
}

/// Moves a damaged file aside, says so in `warnings`, and returns `fallback` to use in its place.
pub(super) fn recover(
    path: &Path,
    reason: &str,
    fallback: &StateFile,
    warnings: &mut Vec<String>,
) -> Result<StateFile, StoreError> {
    let aside = file::move_aside(path)
        .map_err(|source| StoreError::MoveAside { path: path.to_path_buf(), source })?;
    let reason = reason.replace(['\n', '\r'], " ");
    warnings.push(format!(
        "reading state {} was damaged ({reason}); moved it to {}",
        path.display(),
        aside.display()
    ));
    Ok(fallback.clone())
}

/// The hash that tells whether the file changed since this session last saw it.
pub(super) fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

// Logged here, where every save passes (the reader and the commands show the same errors their own way).
fn log_outcome(result: &Result<Option<Saved>, StoreError>, warnings: &[String]) {
    match result {
        Err(e) => log::error!("{e}"),
        Ok(_) => log::debug!("state saved"),
    }
    warnings.iter().for_each(|w| log::warn!("{w}"));
}
