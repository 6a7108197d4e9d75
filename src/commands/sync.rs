//! `sahifa sync` (one sync with the server of `[sync]` in config.toml) and `sahifa mark` (read and
//! starred flags of library articles, which the next sync sends).

use std::process::ExitCode;

use crate::cli::{MarkArgs, OutFormat, SyncArgs};
use crate::config::Config;
use crate::db::{Db, Flag, now_ms};
use crate::error::{Error, Result};
use crate::sync::{BackendKind, Mirror, SyncConfig, SyncError, open_backend, status};
use crate::text::sanitize;

/// The `[sync]` settings, or a usage error saying how to write them.
fn settings() -> Result<SyncConfig> {
    let cfg = Config::load()?;
    let s = cfg.sync.ok_or_else(|| {
        Error::Usage(
            "no sync server configured: add a [sync] section (backend, url, user, password_command) to config.toml"
                .into(),
        )
    })?;
    s.validate().map_err(|e| Error::Usage(e.to_string()))?;
    Ok(s)
}

/// Runs `sync`: exit 1 when the sync did not complete (changes stay queued for the next one).
pub fn run(args: SyncArgs) -> Result<ExitCode> {
    let cfg = settings()?;
    let account = cfg.account();
    let dir = crate::store::default_dir().ok_or(crate::db::DbError::NoDataDir)?;
    let mut db = Db::open(&dir)?;
    let mirror = if args.mirror_notes { Mirror::Retry } else { cfg.mirror() };
    if args.status {
        let mut st = status(&db, &account)?;
        st.notes = notes_status(&db, &cfg, &account, mirror)?;
        let out = match args.format {
            OutFormat::Json => serde_json::to_string(&st).unwrap_or_default() + "\n",
            OutFormat::Text => {
                let notes = st.notes.as_deref().map(|n| format!(" · notes {n}")).unwrap_or_default();
                format!("{}: {}{}\n", sanitize(&account), sanitize(&st.line_now()), sanitize(&notes))
            }
        };
        super::subscribe::print(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let password = cfg.password().map_err(|e| Error::Usage(e.to_string()))?;
    let mut backend = open_backend(&cfg, password);
    log::info!("sync with {account}");
    match crate::sync::sync_dir(&mut db, &dir, &account, backend.as_mut(), mirror) {
        Ok(r) => {
            for w in &r.warnings {
                crate::report::warn(sanitize(w));
            }
            let out = match args.format {
                OutFormat::Json => serde_json::to_string(&r).unwrap_or_default() + "\n",
                OutFormat::Text => {
                    let notes = match &r.notes {
                        Some(n) if n == "mirrored" => format!("notes: {} articles mirrored\n", r.notes_sent),
                        Some(n) => format!("notes: {}\n", sanitize(n)),
                        None => String::new(),
                    };
                    format!(
                        "synced: {} sent, {} received ({} new articles), {} feeds added, {} removed, \
                         conflicts: {} kept here, {} taken from the server\n{notes}",
                        r.sent,
                        r.applied,
                        r.articles,
                        r.feeds_added,
                        r.feeds_removed,
                        r.conflicts_local,
                        r.conflicts_remote
                    )
                }
            };
            super::subscribe::print(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(SyncError::Db(e)) => Err(e.into()),
        Err(e) => {
            let waiting = db.sync_queue(&account).map(|q| q.len()).unwrap_or(0);
            let tail = match waiting {
                0 => String::new(),
                1 => "; 1 change waits for the next sync".into(),
                n => format!("; {n} changes wait for the next sync"),
            };
            crate::report::warn(format_args!("{}{tail}", sanitize(&e.to_string())));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// What `--status` says of notes when they are asked to be mirrored (no network).
fn notes_status(db: &Db, cfg: &SyncConfig, account: &str, mirror: Mirror) -> Result<Option<String>> {
    if mirror == Mirror::Off {
        return Ok(None);
    }
    if cfg.backend == BackendKind::Fever {
        return Ok(Some(format!("not mirrored: {}", crate::sync::fever::NO_NOTES)));
    }
    Ok(Some(match db.sync_notes_refused(account)? {
        Some(why) if mirror == Mirror::On => format!("not mirrored: the server refused them ({why})"),
        _ => "mirrored".into(),
    }))
}

/// Runs `mark`: sets flags (an unknown id is an error naming it; the others are still marked).
pub fn mark(args: MarkArgs) -> Result<ExitCode> {
    let mut db = Db::open_default()?;
    if args.list {
        let mut out = String::new();
        for r in db.article_rows(usize::MAX >> 1)? {
            let f = db.flags(&r.content_id)?;
            out.push_str(&format!(
                "{}\t{}{}\t{}\n",
                r.content_id,
                if f.read { 'r' } else { '-' },
                if f.starred { '*' } else { '-' },
                sanitize(&r.title)
            ));
        }
        super::subscribe::print(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut changes = Vec::new();
    if args.read || args.unread {
        changes.push((Flag::Read, args.read));
    }
    if args.star || args.unstar {
        changes.push((Flag::Starred, args.star));
    }
    if changes.is_empty() {
        return Err(Error::Usage("say what to mark: --read, --unread, --star or --unstar".into()));
    }
    // Both places that hold flags: the reader's state file and the library.
    let (mut store, _) = crate::store::Store::open(None);
    let mut bad = 0;
    for id in &args.ids {
        if !db.has_content(id)? {
            crate::report::warn(format_args!(
                "{}: no such article in the library (sahifa mark --list)",
                sanitize(id)
            ));
            bad += 1;
            continue;
        }
        for (flag, on) in &changes {
            db.set_flag(id, *flag, *on, now_ms())?;
            match flag {
                Flag::Read => store.set_read(id, *on),
                Flag::Starred => store.set_starred(id, *on),
            }
        }
    }
    if let Err(e) = store.save() {
        crate::report::warn(format_args!("reading state: {}", sanitize(&e.to_string())));
    }
    Ok(if bad > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
