//! Reading state and notes in the data dir: serde, atomic writes, locking, recovery.
//! (Interim in-memory version; the durable store replaces it.)

use std::collections::HashMap;
use std::path::PathBuf;

/// Reading state of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleState {
    /// Opened at least once.
    pub read: bool,
    /// Starred.
    pub starred: bool,
    /// Last reading position.
    pub position: u32,
}

/// Interim store.
#[derive(Debug, Default)]
pub struct Store {
    map: HashMap<String, ArticleState>,
}

impl Store {
    /// Opens the store.
    pub fn open(_dir: Option<PathBuf>) -> (Store, Vec<String>) {
        (Store::default(), vec![])
    }
    /// State of an article.
    pub fn article(&self, id: &str) -> ArticleState {
        self.map.get(id).cloned().unwrap_or_default()
    }
    /// Sets read.
    pub fn set_read(&mut self, id: &str, v: bool) {
        self.map.entry(id.into()).or_default().read = v;
    }
    /// Toggles the star.
    pub fn toggle_star(&mut self, id: &str) {
        let e = self.map.entry(id.into()).or_default();
        e.starred = !e.starred;
    }
    /// Sets the position.
    pub fn set_position(&mut self, id: &str, p: u32) {
        self.map.entry(id.into()).or_default().position = p;
    }
    /// Saves.
    pub fn save(&mut self) -> Result<(), String> {
        Ok(())
    }
}
