//! The sync status as the reader's status line and `sahifa sync --status` show it.

use crate::db::{Db, DbError, now_ms};

/// Where an account's sync stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncStatus {
    /// Unix ms of the last complete sync.
    pub last_ok: Option<i64>,
    /// Unix ms of the last try.
    pub last_attempt: Option<i64>,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// Local changes waiting for the server (queued, or made since the last sync).
    pub pending: usize,
    /// Whether notes are mirrored (`mirrored`, or why not), when they are asked to be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The status of `account` in the library (cheap: a few indexed reads; the reader may call it on
/// each redraw of its status line).
pub fn status(db: &Db, account: &str) -> Result<SyncStatus, DbError> {
    let st = db.sync_account(account)?;
    let pending = db.sync_queue(account)?.len() + db.sync_unqueued(account, false)?.len();
    Ok(SyncStatus {
        last_ok: st.last_ok,
        last_attempt: st.last_attempt,
        last_error: st.last_error,
        pending,
        notes: None,
    })
}

impl SyncStatus {
    /// One short line for the status bar, at `now` (Unix ms): `synced 3 min ago`, `sync failed 1
    /// min ago (cannot reach …) · 2 changes waiting`, `never synced`.
    pub fn line(&self, now: i64) -> String {
        let mut s = match (self.last_ok, self.last_attempt, &self.last_error) {
            (_, Some(t), Some(e)) => {
                let why: String = e.chars().take(60).collect();
                format!("sync failed {} ({why})", ago(now, t))
            }
            (Some(t), _, _) => format!("synced {}", ago(now, t)),
            _ => "never synced".to_string(),
        };
        match self.pending {
            0 => {}
            1 => s.push_str(" · 1 change waiting"),
            n => s.push_str(&format!(" · {n} changes waiting")),
        }
        s
    }

    /// [`SyncStatus::line`] now.
    pub fn line_now(&self) -> String {
        self.line(now_ms())
    }
}

fn ago(now: i64, t: i64) -> String {
    let s = (now - t).max(0) / 1000;
    match s {
        0..=59 => "just now".into(),
        60..=3599 => format!("{} min ago", s / 60),
        3600..=86_399 => format!("{} h ago", s / 3600),
        _ => format!("{} days ago", s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let now = 10_000_000;
        assert_eq!(SyncStatus::default().line(now), "never synced");
        let ok = SyncStatus {
            last_ok: Some(now - 180_000),
            last_attempt: Some(now - 180_000),
            ..Default::default()
        };
        assert_eq!(ok.line(now), "synced 3 min ago");
        let failed = SyncStatus {
            last_ok: Some(now - 7_200_000),
            last_attempt: Some(now - 5_000),
            last_error: Some("cannot reach the sync server: cannot connect".into()),
            pending: 2,
            notes: None,
        };
        assert_eq!(
            failed.line(now),
            "sync failed just now (cannot reach the sync server: cannot connect) · 2 changes waiting"
        );
    }
}
