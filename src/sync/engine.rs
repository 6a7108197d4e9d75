//! One sync of one account, over the library.
//!
//! 1. Queue the local changes ([`Db::sync_enqueue`]) before touching the network, so an action
//!    taken while the server is unreachable is kept in order until a sync delivers it.
//! 2. Subscriptions: a feed new on the server is added here; one the server dropped since the last
//!    sync is removed here (unless re-added here meanwhile); local additions and removals are in
//!    the queue.
//! 3. Articles new on the server since the last mark are stored in the library under their feed,
//!    and mapped to their remote ids (an article already here with the same feed and title is
//!    mapped, not copied).
//! 4. Flags: for every mapped article, the server's read/starred is compared with the snapshot of
//!    the last sync. A change there with nothing queued here is applied here. A change on both
//!    sides is a conflict: the newest wins. Servers do not say when a flag changed (TT-RSS and the
//!    Google Reader API do not; a backend that does reports it through
//!    [`SyncBackend::changed_at`]), so a server change is dated to the last complete sync, the
//!    earliest it can have happened; a queued local change is dated to when it was made.
//! 5. Local changes are queued again (an article first met on the server may hold flags set only
//!    here; the user may have acted meanwhile), and the queue is sent in order, consecutive flag changes of the same kind in one request; each
//!    batch leaves the queue in the same transaction that records the server's new values, so a
//!    server that dies mid-sync loses nothing: the rest is sent next time.
//! 6. With notes mirrored ([`sync_notes`], [`super::notes`]), each enqueue also queues the notes
//!    and starred quotes that changed since the server last accepted them; consecutive ones go in
//!    one [`SyncBackend::annotate`]. A server that refuses them all is remembered, the rest goes on.

use std::collections::{HashMap, HashSet};

use super::notes::{Annotation, Mirrored, NoteChange};
use super::{Articles, RemoteArticle, SyncBackend, SyncError};
use crate::article::{Article, Format};
use crate::db::sync::{Action, Queued};
use crate::db::{Db, Flag, NewArticle, NewFeed, now_ms};

/// Flag changes sent in one request at most.
const BATCH: usize = 100;

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Local changes sent to the server.
    pub sent: usize,
    /// Articles received and stored.
    pub articles: usize,
    /// Changes from the server applied here.
    pub applied: usize,
    /// Feeds added here from the server.
    pub feeds_added: usize,
    /// Feeds removed here because the server dropped them.
    pub feeds_removed: usize,
    /// Conflicts won by the local change.
    pub conflicts_local: usize,
    /// Conflicts won by the server's change.
    pub conflicts_remote: usize,
    /// Local changes still waiting (after a failure).
    pub queued: usize,
    /// Actions the server refused (each dropped, one line each), notes kept as the server has them.
    pub warnings: Vec<String>,
    /// Articles whose notes and starred quotes the server now has from this sync.
    pub notes_sent: usize,
    /// Whether notes are mirrored: None when not asked; `mirrored`; or why not (`not mirrored: …`).
    pub notes: Option<String>,
}

/// Runs one sync of `account` through `backend`. On failure the reason is recorded on the account
/// (for the status line) and the queue keeps what was not sent.
pub fn sync(db: &mut Db, account: &str, backend: &mut dyn SyncBackend) -> Result<Report, SyncError> {
    sync_notes(db, account, backend, None)
}

/// [`sync`], mirroring notes too when `notes` holds them (content id → annotation as JSON,
/// [`super::notes::collect`]) with whether to ask again a server that refused them before.
pub fn sync_notes(
    db: &mut Db,
    account: &str,
    backend: &mut dyn SyncBackend,
    notes: Option<(&HashMap<String, String>, bool)>,
) -> Result<Report, SyncError> {
    let mut report = Report::default();
    // The start of the sync: a server change seen by the next sync happened after it.
    let at = now_ms();
    let res = match mirroring(db, account, backend, notes, &mut report) {
        Ok(notes) => run(db, account, backend, notes, &mut report),
        Err(e) => Err(e),
    };
    match &res {
        Ok(()) => db.sync_record(account, at, Ok(None))?,
        Err(e) => db.sync_record(account, at, Err(&e.to_string()))?,
    }
    report.queued = db.sync_queue(account)?.len();
    res.map(|_| report)
}

/// The annotations to queue this time (None: notes are not mirrored), saying why in the report.
fn mirroring<'a>(
    db: &mut Db,
    account: &str,
    backend: &dyn SyncBackend,
    notes: Option<(&'a HashMap<String, String>, bool)>,
    report: &mut Report,
) -> Result<Option<&'a HashMap<String, String>>, SyncError> {
    let Some((notes, retry)) = notes else { return Ok(None) };
    if let Some(why) = backend.notes_unsupported() {
        report.notes = Some(format!("not mirrored: {why}; they stay here"));
        return Ok(None);
    }
    if retry {
        db.sync_set_notes_refused(account, None)?;
    }
    if let Some(why) = db.sync_notes_refused(account)? {
        report.notes = Some(refused(&why));
        return Ok(None);
    }
    report.notes = Some("mirrored".into());
    Ok(Some(notes))
}

fn refused(why: &str) -> String {
    format!("not mirrored: the server refused them ({why}); `sahifa sync --mirror-notes` asks again")
}

/// Queues the local changes (flags, feeds, and the notes when mirrored).
fn enqueue(
    db: &mut Db,
    account: &str,
    backend: &dyn SyncBackend,
    notes: Option<&HashMap<String, String>>,
) -> Result<(), SyncError> {
    db.sync_enqueue(account, backend.manages_subscriptions())?;
    if let Some(n) = notes {
        db.sync_enqueue_notes(account, n)?;
    }
    Ok(())
}

fn run(
    db: &mut Db,
    account: &str,
    backend: &mut dyn SyncBackend,
    notes: Option<&HashMap<String, String>>,
    report: &mut Report,
) -> Result<(), SyncError> {
    let prev = db.sync_account(account)?;
    enqueue(db, account, backend, notes)?;
    let feed_ids = subscriptions(db, account, backend, report)?;
    let known: HashSet<String> = db.sync_items(account)?.into_keys().collect();
    let Articles { articles, token } = backend.articles(prev.token.as_deref(), &known)?;
    store_articles(db, account, &feed_ids, articles, report)?;
    if let Some(t) = token {
        db.sync_set_token(account, &t)?;
    }
    flags(db, account, backend, prev.last_ok.unwrap_or(0), report)?;
    // Again: what an article first met on the server had only here, and changes made meanwhile.
    enqueue(db, account, backend, notes)?;
    push(db, account, backend, report)
}

/// Reconciles subscriptions; returns remote feed id → local feed id.
fn subscriptions(
    db: &mut Db,
    account: &str,
    backend: &mut dyn SyncBackend,
    report: &mut Report,
) -> Result<HashMap<String, i64>, SyncError> {
    let remote = backend.subscriptions()?;
    let snapshot = db.sync_feeds(account)?;
    let queue = db.sync_queue(account)?;
    let unsubscribing =
        |id: &str| queue.iter().any(|q| matches!(&q.action, Action::Unsubscribe { id: i, .. } if i == id));
    let subscribing = |url: &str| queue.iter().any(|q| matches!(&q.action, Action::Subscribe(u) if u == url));
    let local: HashMap<String, i64> = db.feeds()?.into_iter().map(|f| (f.url, f.id)).collect();
    for r in &remote {
        if unsubscribing(&r.id) {
            continue;
        }
        if !local.contains_key(&r.url) {
            if snapshot.contains_key(&r.url) {
                continue; // removed here; its unsubscribe is queued
            }
            // Text from the server is hostile like any feed's: no control or bidi override survives.
            let title = r
                .title
                .as_deref()
                .map(|t| crate::text::sanitize(&crate::article::load::html::inline_text(t)).into_owned());
            db.add_feed(&NewFeed { url: r.url.clone(), title, tags: vec![], full_text: false })?;
            report.feeds_added += 1;
        }
        db.sync_set_feed(account, &r.url, Some(&r.id))?;
    }
    for (url, id) in &snapshot {
        if !remote.iter().any(|r| &r.id == id) && !subscribing(url) {
            if local.contains_key(url) {
                db.remove_feed(url)?;
                report.feeds_removed += 1;
            }
            db.sync_set_feed(account, url, None)?;
        }
    }
    // A feed added here that the server already has needs no subscribing.
    let already: Vec<Queued> = queue
        .iter()
        .filter(|q| matches!(&q.action, Action::Subscribe(u) if remote.iter().any(|r| &r.url == u)))
        .cloned()
        .collect();
    db.sync_sent(account, &already)?;
    let local: HashMap<String, i64> = db.feeds()?.into_iter().map(|f| (f.url, f.id)).collect();
    Ok(remote.into_iter().filter_map(|r| Some((r.id, *local.get(&r.url)?))).collect())
}

/// Stores new remote articles under their local feeds and maps them.
fn store_articles(
    db: &mut Db,
    account: &str,
    feed_ids: &HashMap<String, i64>,
    articles: Vec<RemoteArticle>,
    report: &mut Report,
) -> Result<(), SyncError> {
    let known = db.sync_items(account)?;
    let mut by_feed: HashMap<i64, Vec<(RemoteArticle, Article)>> = HashMap::new();
    for r in articles {
        if known.contains_key(&r.id) {
            continue;
        }
        let Some(&fid) = feed_ids.get(&r.feed_id) else { continue };
        let a = to_article(&r, fid);
        by_feed.entry(fid).or_default().push((r, a));
    }
    let mut feeds: Vec<_> = by_feed.into_iter().collect();
    feeds.sort_by_key(|(f, _)| *f);
    for (fid, items) in feeds {
        let mut to_store = Vec::new();
        let mut found = Vec::new();
        for (r, a) in items {
            let key = format!("feed:{fid}:{}", a.guid.as_deref().unwrap_or(&a.id));
            let existing = match db.content_id_for_key(&key)? {
                Some(c) => Some(c),
                None => db.content_id_by_title(fid, &a.title)?,
            };
            match existing {
                Some(c) => found.push((r, c)),
                None => to_store.push((r, a)),
            }
        }
        let (remotes, new): (Vec<RemoteArticle>, Vec<Article>) = to_store.into_iter().unzip();
        let prepared: Vec<NewArticle> = crate::db::prepare(new);
        let stored = db.store_articles(Some(fid), &prepared)?;
        report.articles += stored.added;
        for (r, item) in remotes.into_iter().zip(&prepared) {
            found.push((r, item.article.id.clone()));
        }
        let at = now_ms();
        for (r, content_id) in found {
            db.sync_map_item(account, &r.id, &content_id, r.read, r.starred, at)?;
        }
    }
    Ok(())
}

/// A remote article as a library article of feed `fid`.
pub(crate) fn to_article(r: &RemoteArticle, fid: i64) -> Article {
    let title = crate::article::load::html::inline_text(&r.title);
    let paragraphs = crate::article::load::html::fragment_paragraphs(&r.html);
    let mut a = Article::new(&format!("sync:feed:{fid}"), 0, Format::Rss, "UTF-8", title, paragraphs);
    a.url = r.link.clone();
    a.author = r.author.clone();
    a.date = r.published.and_then(|s| chrono::DateTime::from_timestamp(s, 0)).map(|d| d.to_rfc3339());
    a.guid = Some(r.guid.clone().unwrap_or_else(|| format!("remote:{}", r.id)));
    a.sanitize_meta();
    a
}

/// Compares the server's flags with the snapshot; applies its changes or settles conflicts.
fn flags(
    db: &mut Db,
    account: &str,
    backend: &mut dyn SyncBackend,
    last_ok: i64,
    report: &mut Report,
) -> Result<(), SyncError> {
    let items = db.sync_items(account)?;
    if items.is_empty() {
        return Ok(());
    }
    let unread = backend.unread_ids()?;
    let starred = backend.starred_ids()?;
    let queue = db.sync_queue(account)?;
    let mut latest: HashMap<(&str, Flag), Vec<&Queued>> = HashMap::new();
    for q in &queue {
        if let Action::Flag { item, flag, .. } = &q.action {
            latest.entry((item.as_str(), *flag)).or_default().push(q);
        }
    }
    let mut ids: Vec<&String> = items.keys().collect();
    ids.sort();
    for id in ids {
        let item = &items[id];
        for (flag, remote, synced) in [
            (Flag::Read, !unread.contains(id), item.read),
            (Flag::Starred, starred.contains(id), item.starred),
        ] {
            if remote == synced {
                continue;
            }
            let queued = latest.get(&(id.as_str(), flag));
            let last = queued.and_then(|v| v.last());
            match last {
                None => {
                    db.sync_apply_remote(account, id, flag, remote, now_ms())?;
                    report.applied += 1;
                }
                Some(q) if matches!(q.action, Action::Flag { on, .. } if on == remote) => {
                    // The server already has our value (a batch sent by a sync that was cut off).
                    let rows: Vec<Queued> = queued.into_iter().flatten().map(|q| (*q).clone()).collect();
                    db.sync_sent(account, &rows)?;
                }
                Some(q) => {
                    let remote_at = backend.changed_at(id, flag).unwrap_or(last_ok);
                    if q.at >= remote_at {
                        report.conflicts_local += 1;
                    } else {
                        db.sync_apply_remote(account, id, flag, remote, now_ms())?;
                        report.conflicts_remote += 1;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Sends the queue in order.
fn push(
    db: &mut Db,
    account: &str,
    backend: &mut dyn SyncBackend,
    report: &mut Report,
) -> Result<(), SyncError> {
    let queue = db.sync_queue(account)?;
    let mut subscribed = false;
    let mut notes_refused = false;
    let mut i = 0;
    while i < queue.len() {
        let q = &queue[i];
        if notes_refused && matches!(q.action, Action::Note { .. }) {
            i += 1; // dropped with the refusal
            continue;
        }
        let (res, n) = match &q.action {
            Action::Flag { flag, on, .. } => {
                let run: Vec<&Queued> = queue[i..]
                    .iter()
                    .take(BATCH)
                    .take_while(
                        |x| matches!(&x.action, Action::Flag { flag: f, on: o, .. } if f == flag && o == on),
                    )
                    .collect();
                let ids: Vec<String> = run
                    .iter()
                    .filter_map(|x| match &x.action {
                        Action::Flag { item, .. } => Some(item.clone()),
                        _ => None,
                    })
                    .collect();
                (backend.set_flag(&ids, *flag, *on), run.len())
            }
            Action::Subscribe(url) => {
                subscribed = true;
                (backend.subscribe(url), 1)
            }
            Action::Unsubscribe { id, .. } => (backend.unsubscribe(id), 1),
            Action::Note { .. } => {
                let run: Vec<&Queued> = queue[i..]
                    .iter()
                    .take(BATCH)
                    .take_while(|x| matches!(x.action, Action::Note { .. }))
                    .collect();
                (annotate(db, account, backend, &run, report), run.len())
            }
        };
        let batch = &queue[i..i + n];
        match res {
            Ok(()) => {
                db.sync_sent(account, batch)?;
                report.sent += n;
            }
            Err(SyncError::NotesRefused(why)) => {
                db.sync_set_notes_refused(account, Some(&why))?;
                report.notes = Some(refused(&why));
                notes_refused = true;
            }
            Err(SyncError::Rejected(why)) => {
                report.warnings.push(why);
                db.sync_drop(&batch.iter().map(|q| q.seq).collect::<Vec<_>>())?;
            }
            Err(e) => return Err(e),
        }
        i += n;
    }
    if subscribed {
        let local: Vec<String> = db.feeds()?.into_iter().map(|f| f.url).collect();
        for r in backend.subscriptions()? {
            if local.contains(&r.url) {
                db.sync_set_feed(account, &r.url, Some(&r.id))?;
            }
        }
    }
    Ok(())
}

/// Sends a run of queued notes: the last row of each item says what the server should have.
fn annotate(
    db: &mut Db,
    account: &str,
    backend: &mut dyn SyncBackend,
    run: &[&Queued],
    report: &mut Report,
) -> Result<(), SyncError> {
    let synced = db.sync_synced_notes(account)?;
    let mut last: Vec<(&str, Option<&str>)> = Vec::new();
    for q in run {
        if let Action::Note { item, data } = &q.action {
            last.retain(|(i, _)| i != item);
            last.push((item, data.as_deref()));
        }
    }
    let changes: Vec<NoteChange> = last
        .into_iter()
        .map(|(id, data)| NoteChange {
            id: id.to_string(),
            before: Annotation::from_json(synced.get(id).map(String::as_str)),
            after: Annotation::from_json(data),
        })
        .collect();
    let outcomes = backend.annotate(&changes)?;
    for (c, o) in changes.iter().zip(outcomes) {
        match o {
            Mirrored::Written => report.notes_sent += 1,
            Mirrored::Unchanged => {}
            Mirrored::KeptTheirs => report.warnings.push(format!(
                "{}: its note on the server was written there, not by sahifa; kept as it is (sahifa's stays here)",
                item_name(db, account, &c.id)
            )),
        }
    }
    Ok(())
}

/// The title of the article mapped to a remote item, quoted, for a message (else its id).
fn item_name(db: &Db, account: &str, remote_id: &str) -> String {
    let title = || -> Result<Option<String>, crate::db::DbError> {
        let Some(item) = db.sync_items(account)?.remove(remote_id) else { return Ok(None) };
        let Some(row) = db.id_of_content(&item.content_id)? else { return Ok(None) };
        Ok(db.rows_of(&[row])?.into_iter().next().map(|r| r.title))
    };
    match title() {
        Ok(Some(t)) => format!("«{}»", crate::text::sanitize(&t)),
        _ => format!("item {remote_id}"),
    }
}
