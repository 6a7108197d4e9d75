//! Marks that could not be saved: written to a recovery file when a session ends with its save
//! failing (disk full, the lock held, a read-only data dir), and offered at the next start.
//!
//! The file holds only this session's pending changes, as `{"sahifa_recovery": 1, "changes":
//! [{"article": ID, "field": "read" | "starred" | "position" | "note" | "quote_starred" |
//! "quote_note", "quote": KEY?, "value": …, "at": MILLIS}]}`: applying them later re-does exactly
//! what the user did, on top of whatever the state file holds by then.
//!
//! Where: `state.recovery-<UTC time>.json` in the data dir; when the data dir cannot take it, the
//! temporary folder as `sahifa-recovery-<uid>-<UTC time>.json`. [`Store::recovery_files`] finds
//! both.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::merge::{Field, Value};
use super::session::Store;

/// The name prefix of a recovery file in the data dir.
pub const PREFIX: &str = "state.recovery-";

#[derive(Serialize, Deserialize)]
struct RecoveryFile {
    sahifa_recovery: u32,
    changes: Vec<Change>,
}

#[derive(Serialize, Deserialize)]
struct Change {
    article: String,
    field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    value: serde_json::Value,
    #[serde(default)]
    at: u64,
}

fn encode(field: &Field, v: &Value) -> (String, Option<String>, serde_json::Value) {
    let value = match v {
        Value::Bool(b) => serde_json::Value::from(*b),
        Value::Pos(p) => serde_json::Value::from(*p),
        Value::Note(n) => n.clone().map_or(serde_json::Value::Null, serde_json::Value::from),
    };
    let (name, quote) = match field {
        Field::Read => ("read", None),
        Field::Starred => ("starred", None),
        Field::Position => ("position", None),
        Field::Note => ("note", None),
        Field::QuoteStarred(k) => ("quote_starred", Some(k.clone())),
        Field::QuoteNote(k) => ("quote_note", Some(k.clone())),
    };
    (name.to_string(), quote, value)
}

fn decode(c: &Change) -> Option<(Field, Value)> {
    let note = || match &c.value {
        serde_json::Value::Null => Some(Value::Note(None)),
        serde_json::Value::String(s) => Some(Value::Note(Some(s.clone()))),
        _ => None,
    };
    Some(match (c.field.as_str(), &c.quote) {
        ("read", None) => (Field::Read, Value::Bool(c.value.as_bool()?)),
        ("starred", None) => (Field::Starred, Value::Bool(c.value.as_bool()?)),
        ("position", None) => (Field::Position, Value::Pos(u32::try_from(c.value.as_u64()?).ok()?)),
        ("note", None) => (Field::Note, note()?),
        ("quote_starred", Some(k)) => (Field::QuoteStarred(k.clone()), Value::Bool(c.value.as_bool()?)),
        ("quote_note", Some(k)) => (Field::QuoteNote(k.clone()), note()?),
        _ => return None,
    })
}

fn stamp() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, m, d, hh, mm, ss) = crate::clock::utc(secs);
    format!("{y:04}{m:02}{d:02}T{hh:02}{mm:02}{ss:02}Z")
}

fn uid() -> u32 {
    #[cfg(unix)]
    {
        // SAFETY: getuid has no preconditions and cannot fail.
        unsafe { libc::getuid() }
    }
    #[cfg(not(unix))]
    {
        0
    }
}

/// The places a recovery file goes, in order: the data dir, then the temporary folder.
fn places(data_dir: Option<&Path>) -> Vec<(PathBuf, String)> {
    let mut v = Vec::new();
    if let Some(d) = data_dir {
        v.push((d.to_path_buf(), PREFIX.to_string()));
    }
    v.push((std::env::temp_dir(), format!("sahifa-recovery-{}-", uid())));
    v
}

/// Writes `bytes` to a new file (never over one) readable by the user only.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

impl Store {
    /// How many changes are waiting to be saved.
    pub fn pending_changes(&self) -> usize {
        self.changes().len()
    }

    /// Writes the pending changes to a recovery file (see the module docs) and returns its path;
    /// `None` when nothing is pending. The changes stay pending in memory.
    pub fn write_recovery(&self) -> Result<Option<PathBuf>, String> {
        if self.changes().is_empty() {
            return Ok(None);
        }
        let changes = self
            .changes()
            .iter()
            .map(|((id, field), at)| {
                let (field_name, quote, value) = encode(field, &self.value_of(id, field));
                Change { article: id.clone(), field: field_name, quote, value, at: *at }
            })
            .collect();
        let mut bytes = serde_json::to_vec_pretty(&RecoveryFile { sahifa_recovery: 1, changes })
            .map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        let data_dir = self.path().map(super::file::parent_dir);
        let mut errors = Vec::new();
        for (dir, prefix) in places(data_dir.as_deref()) {
            let p = dir.join(format!("{prefix}{}-{}.json", stamp(), std::process::id()));
            match write_new(&p, &bytes) {
                Ok(()) => return Ok(Some(p)),
                Err(e) => errors.push(format!("{}: {e}", dir.display())),
            }
        }
        Err(errors.join("; "))
    }

    /// Drops every pending change (the user chose to lose them); the state shown goes back to
    /// the file's.
    pub fn discard_changes(&mut self) {
        self.drop_changes();
    }

    /// The recovery files waiting for this data dir (oldest first).
    pub fn recovery_files(&self) -> Vec<PathBuf> {
        let data_dir = self.path().map(super::file::parent_dir);
        let mut found = Vec::new();
        for (dir, prefix) in places(data_dir.as_deref()) {
            let Ok(rd) = std::fs::read_dir(&dir) else { continue };
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with(&prefix)
                    && name.ends_with(".json")
                    && e.file_type().is_ok_and(|t| t.is_file())
                {
                    found.push(e.path());
                }
            }
        }
        found.sort_by_key(|p| p.file_name().map(|n| n.to_os_string()));
        found
    }

    /// Applies the changes of a recovery file as if made now (saved by the next [`Store::save`])
    /// and returns how many there were. The file is left for the caller to remove after saving.
    pub fn apply_recovery(&mut self, path: &Path) -> Result<usize, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: RecoveryFile = serde_json::from_slice(&bytes)
            .map_err(|e| format!("{}: not a recovery file: {e}", path.display()))?;
        let mut n = 0;
        for c in &file.changes {
            if let Some((field, value)) = decode(c) {
                self.apply_change(&c.article, field, value);
                n += 1;
            }
        }
        Ok(n)
    }
}
