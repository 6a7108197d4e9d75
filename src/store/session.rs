//! [`Store`]: one session's view of the state file, its pending changes, and saving them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{SystemTime, UNIX_EPOCH};

use super::file::{self, LOCK_TIMEOUT, STATE_FILE};
use super::merge::{self, Changes, Field, Value};
use super::model::{ArticleState, QuoteState, StateFile, normalize_note};
use super::save::{self, Disk, SaveJob, SaveOutcome};
use super::{StoreError, default_dir};

/// The reading state of a session: what is on disk plus this session's changes.
///
/// Reads are from memory and cheap. Changes are kept in memory until [`Store::save`], which
/// merges them into the file under a lock (see the [module docs](super) for the rules). Dropping
/// a store with unsaved changes tries one last save (errors are then ignored), so call `save`
/// yourself where you can report its error.
#[derive(Debug)]
pub struct Store {
    /// `state.json`, or None for a store that lives in memory only.
    path: Option<PathBuf>,
    /// The session's state: `base` with `changes` applied.
    mem: StateFile,
    /// The file as this session last read or wrote it.
    base: Arc<StateFile>,
    /// Fields changed since `base`, with when.
    changes: Changes,
    /// Messages for the user not yet taken by [`Store::take_warnings`].
    warnings: Vec<String>,
    /// The last change's time, so that times only grow within a session.
    last_stamp: u64,
    /// Hash of the file's bytes as last read or written (to skip parsing an unchanged file).
    disk_hash: Option<u64>,
    /// Counts saves started; only the latest one's outcome is applied.
    epoch: u64,
    /// The latest epoch written to disk, shared with the jobs so a stale one never writes.
    written: Arc<AtomicU64>,
}

impl Store {
    /// Opens the state in `dir` (or [`default_dir`] when None) and returns it with the messages
    /// to show the user once (a damaged file moved aside, a file from a newer sahifa, no data
    /// dir). Never fails: when the file cannot be used, the store starts empty and says why.
    pub fn open(dir: Option<PathBuf>) -> (Store, Vec<String>) {
        let dir = dir.or_else(default_dir);
        let mut store = Store::in_memory();
        match dir {
            None => store.warnings.push(
                "no data directory (HOME is not set): reading state will not be saved; set SAHIFA_DATA_DIR"
                    .into(),
            ),
            Some(d) => {
                store.path = Some(d.join(STATE_FILE));
                if let Err(e) = store.reload() {
                    store.warnings.push(e.to_string());
                }
            }
        }
        let warnings = store.take_warnings();
        (store, warnings)
    }

    /// A store that is never written (for tests and `--no-state` style uses); `save` does nothing.
    pub fn in_memory() -> Store {
        Store {
            path: None,
            mem: StateFile::default(),
            base: Arc::default(),
            changes: Changes::new(),
            warnings: Vec::new(),
            last_stamp: 0,
            disk_hash: None,
            epoch: 0,
            written: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The state file (`<data dir>/state.json`), None for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Messages that arose since the last call (e.g. a damaged file moved aside during a save).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// True when there are changes not yet saved.
    pub fn has_unsaved_changes(&self) -> bool {
        !self.changes.is_empty()
    }

    // ---- reading ----

    /// The state of an article (default when it has none).
    pub fn article(&self, id: &str) -> ArticleState {
        self.mem.articles.get(id).cloned().unwrap_or_default()
    }

    /// The state of an article by reference, None when it has none (cheap, for lists).
    pub fn get(&self, id: &str) -> Option<&ArticleState> {
        self.mem.articles.get(id)
    }

    /// Whether the article is read.
    pub fn is_read(&self, id: &str) -> bool {
        self.get(id).is_some_and(|a| a.read)
    }

    /// Whether the article is starred.
    pub fn is_starred(&self, id: &str) -> bool {
        self.get(id).is_some_and(|a| a.starred)
    }

    /// The article's last position (0 when never read).
    pub fn position(&self, id: &str) -> u32 {
        self.get(id).map_or(0, |a| a.position)
    }

    /// The note on the article.
    pub fn note(&self, id: &str) -> Option<&str> {
        self.get(id).and_then(|a| a.note.as_deref())
    }

    /// The state of a quote of an article (default when it has none).
    pub fn quote(&self, id: &str, qkey: &str) -> QuoteState {
        self.get(id).map(|a| a.quote(qkey)).unwrap_or_default()
    }

    /// Every article with some state, by id (sorted), e.g. for export.
    pub fn articles(&self) -> impl Iterator<Item = (&str, &ArticleState)> {
        self.mem.articles.iter().map(|(k, v)| (k.as_str(), v))
    }

    // ---- changing ----

    /// Marks the article read or unread.
    pub fn set_read(&mut self, id: &str, read: bool) {
        self.apply(id, Field::Read, Value::Bool(read));
    }

    /// Flips read/unread and returns the new value.
    pub fn toggle_read(&mut self, id: &str) -> bool {
        let v = !self.is_read(id);
        self.set_read(id, v);
        v
    }

    /// Stars or unstars the article.
    pub fn set_starred(&mut self, id: &str, starred: bool) {
        self.apply(id, Field::Starred, Value::Bool(starred));
    }

    /// Flips the article's star and returns the new value.
    pub fn toggle_star(&mut self, id: &str) -> bool {
        let v = !self.is_starred(id);
        self.set_starred(id, v);
        v
    }

    /// Remembers the reading position.
    pub fn set_position(&mut self, id: &str, position: u32) {
        self.apply(id, Field::Position, Value::Pos(position));
    }

    /// Sets or clears (None or blank) the note on the article.
    pub fn set_note(&mut self, id: &str, note: Option<String>) {
        self.apply(id, Field::Note, Value::Note(normalize_note(note)));
    }

    /// Stars or unstars a quote (`qkey` from [`super::quote_key`]).
    pub fn set_quote_starred(&mut self, id: &str, qkey: &str, starred: bool) {
        self.apply(id, Field::QuoteStarred(qkey.to_string()), Value::Bool(starred));
    }

    /// Flips a quote's star and returns the new value.
    pub fn toggle_quote_star(&mut self, id: &str, qkey: &str) -> bool {
        let v = !self.quote(id, qkey).starred;
        self.set_quote_starred(id, qkey, v);
        v
    }

    /// Sets or clears (None or blank) the note on a quote.
    pub fn set_quote_note(&mut self, id: &str, qkey: &str, note: Option<String>) {
        self.apply(id, Field::QuoteNote(qkey.to_string()), Value::Note(normalize_note(note)));
    }

    /// The pending changes (for [`super::recovery`]).
    pub(super) fn changes(&self) -> &Changes {
        &self.changes
    }

    /// The session's value of one field (for [`super::recovery`]).
    pub(super) fn value_of(&self, id: &str, field: &Field) -> Value {
        merge::get(self.mem.articles.get(id), field)
    }

    /// Forgets the pending changes: the session shows the file as last read (for
    /// [`super::recovery`]).
    pub(super) fn drop_changes(&mut self) {
        self.changes.clear();
        self.mem = (*self.base).clone();
    }

    /// Sets one field as a change of this session (for [`super::recovery`]).
    pub(super) fn apply_change(&mut self, id: &str, field: Field, v: Value) {
        self.apply(id, field, v);
    }

    fn apply(&mut self, id: &str, field: Field, v: Value) {
        if merge::get(self.mem.articles.get(id), &field) == v {
            return;
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
        self.last_stamp = now.max(self.last_stamp.saturating_add(1));
        let entry = self.mem.articles.entry(id.to_string()).or_default();
        merge::set(entry, &field, v, self.last_stamp);
        entry.quotes.retain(|_, q| !q.is_empty());
        if entry.is_empty() {
            self.mem.articles.remove(id);
        }
        self.changes.insert((id.to_string(), field), self.last_stamp);
    }

    // ---- disk ----

    /// Saves this session's changes: locks the data dir, re-reads the file, merges the changes
    /// onto it, writes it atomically and unlocks. Afterwards the store holds the merged state
    /// (other instances' changes included). Does nothing when there are no changes or the store
    /// is in memory only. On error the state and the changes stay in memory for the next try.
    ///
    /// It waits on the disk (a few ms, more with a large state or a slow disk); to keep a UI
    /// responsive use [`Store::begin_save`] and run the job on another thread instead.
    pub fn save(&mut self) -> Result<(), StoreError> {
        let Some(job) = self.begin_save() else { return Ok(()) };
        self.finish_save(job.run())
    }

    /// Starts a save to run off this thread: returns the job (None when there is nothing to save
    /// or the store is in memory only). Run it with [`SaveJob::run`] anywhere and give the
    /// outcome to [`Store::finish_save`]. Changes made meanwhile stay pending for the next save.
    /// Several jobs may be out at once: each carries every pending change, and one that finds a
    /// newer job's state already written skips its write, so an old job never undoes a newer one.
    pub fn begin_save(&mut self) -> Option<SaveJob> {
        let path = self.path.clone()?;
        if self.changes.is_empty() {
            return None;
        }
        // A newer epoch makes the outcome of any job still running stale (see `finish_save`).
        self.epoch += 1;
        Some(SaveJob {
            path,
            base: Arc::clone(&self.base),
            mem: self.changed_entries(),
            changes: self.changes.clone(),
            disk_hash: self.disk_hash,
            epoch: self.epoch,
            written: Arc::clone(&self.written),
        })
    }

    /// The entries this session changed (all a job needs of `mem`: it reads only changed fields).
    fn changed_entries(&self) -> StateFile {
        let mut part = StateFile::default();
        for (id, _) in self.changes.keys() {
            if let Some(a) = self.mem.articles.get(id) {
                part.articles.insert(id.clone(), a.clone());
            }
        }
        part
    }

    /// Takes in what a [`SaveJob`] did. On success the saved changes are no longer pending and
    /// the store shows the file's merged state with the changes made since on top; on error
    /// nothing changes (the changes stay pending) and the error is returned to show.
    pub fn finish_save(&mut self, outcome: SaveOutcome) -> Result<(), StoreError> {
        self.warnings.extend(outcome.warnings);
        if outcome.epoch != self.epoch {
            // Another save started after this one, with all these changes: its outcome counts.
            return Ok(());
        }
        let Some(saved) = outcome.result? else { return Ok(()) };
        // Changes made while the job ran are newer than anything it wrote: they stay on top.
        self.changes.retain(|k, when| outcome.changes.get(k) != Some(when));
        let (mem, _) = merge::merge(&saved.base, &self.mem, saved.state, &self.changes);
        self.mem = mem;
        self.base = saved.base;
        self.disk_hash = Some(saved.hash);
        Ok(())
    }

    /// Reads the file again and shows other instances' changes, keeping this session's unsaved
    /// changes on top (they are still to be saved).
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let Some(path) = self.path.clone() else { return Ok(()) };
        let (theirs, hash) = match save::load(&path, self.disk_hash, &self.base)? {
            Disk::State(s, h) => (s, h),
            Disk::Damaged(_) => {
                // Moving aside must not race a writer that is replacing the file right now.
                let dir = file::parent_dir(&path);
                let _lock = match file::lock(&dir, LOCK_TIMEOUT) {
                    Err(e @ StoreError::Busy { .. }) => return Err(e),
                    other => other.ok(),
                };
                match save::load(&path, self.disk_hash, &self.base)? {
                    Disk::State(s, h) => (s, h),
                    Disk::Damaged(reason) => {
                        (save::recover(&path, &reason, &self.base, &mut self.warnings)?, None)
                    }
                }
            }
        };
        let (merged, lost) = merge::merge(&self.base, &self.mem, theirs.clone(), &self.changes);
        for key in lost {
            self.changes.remove(&key);
        }
        self.mem = merged;
        self.base = Arc::new(theirs);
        self.disk_hash = hash;
        Ok(())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if self.has_unsaved_changes() {
            let _ = self.save();
        }
    }
}
