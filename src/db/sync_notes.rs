//! The notes part of sync's state (migration 4, [`crate::sync::notes`]): per mapped item, the
//! annotation the server has from us (`sync_items.synced_note`, JSON, NULL: nothing); queued
//! `note` rows carrying the annotation to send (`sync_queue.data`); and, per account, why its
//! server refused annotations (`sync_accounts.notes_refused`), after which none are queued.
//! The annotations are opaque JSON here.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::sync::Action;
use super::{Db, DbError};

impl Db {
    /// Queues a `note` row for every mapped item whose annotation (`notes`: content id → JSON;
    /// absent: none) differs from the last queued one, or with none queued from what the server
    /// has from us. Returns how many.
    pub fn sync_enqueue_notes(
        &mut self,
        account: &str,
        notes: &HashMap<String, String>,
    ) -> Result<usize, DbError> {
        let mut last: HashMap<String, Option<String>> = HashMap::new();
        for q in self.sync_queue(account)? {
            if let Action::Note { item, data } = q.action {
                last.insert(item, data);
            }
        }
        let items = self.rows(
            "SELECT remote_id, content_id, synced_note FROM sync_items WHERE account = ?1 ORDER BY remote_id",
            [account],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)),
        )?;
        let now = super::now_ms();
        self.immediate(|tx| {
            let mut n = 0;
            for (remote, content, synced) in items {
                let want = notes.get(&content);
                let have = last.get(&remote).unwrap_or(&synced);
                if want != have.as_ref() {
                    tx.execute(
                        "INSERT INTO sync_queue (account, kind, target, value, at, data) VALUES (?1, 'note', ?2, 0, ?3, ?4)",
                        params![account, remote, now, want],
                    )?;
                    n += 1;
                }
            }
            Ok(n)
        })
    }

    /// What the server has from us per item (remote id → JSON), for the items that have some.
    pub fn sync_synced_notes(&self, account: &str) -> Result<HashMap<String, String>, DbError> {
        let rows = self.rows(
            "SELECT remote_id, synced_note FROM sync_items WHERE account = ?1 AND synced_note IS NOT NULL",
            [account],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(rows.into_iter().collect())
    }

    /// Why the account's server refused annotations, if it did.
    pub fn sync_notes_refused(&self, account: &str) -> Result<Option<String>, DbError> {
        let v: Option<Option<String>> = self
            .conn
            .query_row("SELECT notes_refused FROM sync_accounts WHERE account = ?1", [account], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(v.flatten())
    }

    /// Records that the server refuses annotations (`Some(why)`: its queued `note` rows go, and
    /// none are queued any more) or forgets it (`None`).
    pub fn sync_set_notes_refused(&mut self, account: &str, why: Option<&str>) -> Result<(), DbError> {
        self.immediate(|tx| {
            tx.execute(
                "INSERT INTO sync_accounts (account, notes_refused) VALUES (?1, ?2)
                 ON CONFLICT(account) DO UPDATE SET notes_refused = ?2",
                params![account, why],
            )?;
            if why.is_some() {
                tx.execute("DELETE FROM sync_queue WHERE account = ?1 AND kind = 'note'", [account])?;
            }
            Ok(())
        })
    }
}
