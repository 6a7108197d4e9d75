//! The reader's periodic sync: a thread that syncs now and every `interval` minutes, each time with
//! its own connection to the library (WAL: the reader never waits for it), and hands the status
//! line back. A sync cut off by quitting is safe: every step is a transaction, the rest is queued.

use std::path::PathBuf;
use std::time::Duration;

use super::{Secret, SyncConfig, open_backend, status};
use crate::db::Db;

/// Default minutes between background syncs when `[sync]` sets no `interval`.
pub const DEFAULT_INTERVAL_MIN: u64 = 15;

/// The interval of `cfg` (`None`: background sync is off, `interval = 0`).
pub fn interval(cfg: &SyncConfig) -> Option<Duration> {
    match cfg.interval.unwrap_or(DEFAULT_INTERVAL_MIN) {
        0 => None,
        m => Some(Duration::from_secs(m.saturating_mul(60))),
    }
}

/// One sync of the library in `dir`; the status line after it.
pub fn once(cfg: &SyncConfig, password: &Secret, dir: &std::path::Path) -> String {
    let account = cfg.account();
    let mut db = match Db::open(dir) {
        Ok(db) => db,
        Err(e) => return format!("sync: {e}"),
    };
    let mut backend = open_backend(cfg, password.clone());
    let res = super::sync_dir(&mut db, dir, &account, backend.as_mut(), cfg.mirror());
    match (res, status(&db, &account)) {
        (Err(super::SyncError::Db(e)), _) => format!("sync: {e}"),
        (_, Ok(st)) => st.line_now(),
        (_, Err(e)) => format!("sync: {e}"),
    }
}

/// Starts the thread: syncs now, then every `every`; `report(line)` returning false stops it.
pub fn spawn(
    cfg: SyncConfig,
    password: Secret,
    dir: PathBuf,
    every: Duration,
    report: impl Fn(String) -> bool + Send + 'static,
) {
    let _ = std::thread::Builder::new().name("sahifa-sync".into()).spawn(move || {
        loop {
            if !report("syncing…".into()) {
                return;
            }
            let line = once(&cfg, &password, &dir);
            if !report(line) {
                return;
            }
            std::thread::sleep(every);
        }
    });
}
