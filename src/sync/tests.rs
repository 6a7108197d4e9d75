//! The engine against an in-memory server that can go down, fail half-way, and date its changes:
//! the rules of [`super::engine`] one by one (the real-server tests are tests/sync_ttrss.rs).

use std::collections::{HashMap, HashSet};

use super::*;
use crate::db::{Db, NewFeed, now_ms};

#[derive(Default)]
struct Mem {
    feeds: Vec<RemoteFeed>,
    articles: Vec<RemoteArticle>,
    /// When a flag changed on the server, if it says.
    dated: HashMap<(String, Flag), i64>,
    down: bool,
    /// `set_flag` calls that succeed before the server goes down.
    fail_after: Option<usize>,
    /// Every change received, in order.
    log: Vec<String>,
    next_feed: u32,
    /// Mirrored annotations by item; `refuse_notes`: answers them all with a refusal.
    notes: HashMap<String, notes::Annotation>,
    refuse_notes: bool,
}

impl Mem {
    fn up(&self) -> Result<(), SyncError> {
        if self.down { Err(SyncError::Unreachable("cannot connect".into())) } else { Ok(()) }
    }

    fn add_article(&mut self, id: &str, feed: &str, title: &str) {
        self.articles.push(RemoteArticle {
            id: id.into(),
            feed_id: feed.into(),
            guid: Some(format!("g-{id}")),
            title: title.into(),
            html: format!("<p>{title}: قال المتحدث إن الاجتماع انتهى.</p>"),
            link: None,
            author: None,
            published: Some(1_796_299_200),
            read: false,
            starred: false,
        });
    }

    fn get(&mut self, id: &str) -> &mut RemoteArticle {
        self.articles.iter_mut().find(|a| a.id == id).unwrap()
    }
}

impl SyncBackend for Mem {
    fn subscriptions(&mut self) -> Result<Vec<RemoteFeed>, SyncError> {
        self.up()?;
        Ok(self.feeds.clone())
    }
    fn subscribe(&mut self, url: &str) -> Result<(), SyncError> {
        self.up()?;
        self.next_feed += 1;
        self.feeds.push(RemoteFeed { id: format!("new{}", self.next_feed), url: url.into(), title: None });
        self.log.push(format!("subscribe {url}"));
        Ok(())
    }
    fn unsubscribe(&mut self, id: &str) -> Result<(), SyncError> {
        self.up()?;
        self.feeds.retain(|f| f.id != id);
        self.log.push(format!("unsubscribe {id}"));
        Ok(())
    }
    fn articles(&mut self, _t: Option<&str>, known: &HashSet<String>) -> Result<Articles, SyncError> {
        self.up()?;
        Ok(Articles {
            articles: self.articles.iter().filter(|a| !known.contains(&a.id)).cloned().collect(),
            token: None,
        })
    }
    fn unread_ids(&mut self) -> Result<HashSet<String>, SyncError> {
        self.up()?;
        Ok(self.articles.iter().filter(|a| !a.read).map(|a| a.id.clone()).collect())
    }
    fn starred_ids(&mut self) -> Result<HashSet<String>, SyncError> {
        self.up()?;
        Ok(self.articles.iter().filter(|a| a.starred).map(|a| a.id.clone()).collect())
    }
    fn set_flag(&mut self, ids: &[String], flag: Flag, on: bool) -> Result<(), SyncError> {
        self.up()?;
        if let Some(n) = self.fail_after.as_mut() {
            if *n == 0 {
                self.down = true;
                return Err(SyncError::Unreachable("connection reset".into()));
            }
            *n -= 1;
        }
        for id in ids {
            let a = self.get(id);
            match flag {
                Flag::Read => a.read = on,
                Flag::Starred => a.starred = on,
            }
            self.log.push(format!("{} {id} {on}", flag.name()));
        }
        Ok(())
    }
    fn changed_at(&self, id: &str, flag: Flag) -> Option<i64> {
        self.dated.get(&(id.to_string(), flag)).copied()
    }
    fn notes_unsupported(&self) -> Option<&'static str> {
        None
    }
    fn annotate(&mut self, changes: &[NoteChange]) -> Result<Vec<Mirrored>, SyncError> {
        self.up()?;
        self.log.push("annotate".into());
        if self.refuse_notes {
            return Err(SyncError::NotesRefused("no labels here".into()));
        }
        for c in changes {
            self.log.push(format!("note {} {:?}", c.id, c.after.note));
            self.notes.insert(c.id.clone(), c.after.clone());
        }
        Ok(changes.iter().map(|_| Mirrored::Written).collect())
    }
}

const ACC: &str = "mem test";

fn server(n: usize) -> Mem {
    let mut m = Mem::default();
    m.feeds.push(RemoteFeed {
        id: "f1".into(),
        url: "https://news.example/rss".into(),
        title: Some("أخبار".into()),
    });
    for i in 0..n {
        m.add_article(&format!("a{i}"), "f1", &format!("الخبر رقم {i}"));
    }
    m
}

fn content(db: &Db, title: &str) -> String {
    db.article_rows(100).unwrap().into_iter().find(|r| r.title == title).unwrap().content_id
}

fn flags(db: &Db, i: usize) -> crate::db::Flags {
    db.flags(&content(db, &format!("الخبر رقم {i}"))).unwrap()
}

fn mark(db: &mut Db, i: usize, flag: Flag, on: bool) {
    let c = content(db, &format!("الخبر رقم {i}"));
    db.set_flag(&c, flag, on, now_ms()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
}

#[test]
fn first_sync_pulls_feeds_articles_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(3);
    m.get("a0").read = true;
    m.get("a1").starred = true;
    let r = sync(&mut db, ACC, &mut m).unwrap();
    assert_eq!((r.feeds_added, r.articles, r.sent), (1, 3, 0));
    assert!(flags(&db, 0).read && !flags(&db, 0).starred);
    assert!(flags(&db, 1).starred && !flags(&db, 1).read);
    assert_eq!(db.feeds().unwrap()[0].title.as_deref(), Some("أخبار"));
    // Nothing changed anywhere: a second sync does nothing.
    assert_eq!(sync(&mut db, ACC, &mut m).unwrap(), Report::default());
}

#[test]
fn offline_changes_wait_in_order_and_are_queued_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(3);
    sync(&mut db, ACC, &mut m).unwrap();
    m.down = true;
    mark(&mut db, 2, Flag::Starred, true);
    mark(&mut db, 0, Flag::Read, true);
    assert!(sync(&mut db, ACC, &mut m).unwrap_err().is_offline());
    assert!(sync(&mut db, ACC, &mut m).is_err());
    assert_eq!(db.sync_queue(ACC).unwrap().len(), 2, "queued once, however many syncs fail");
    let st = status(&db, ACC).unwrap();
    assert_eq!(st.pending, 2);
    assert!(st.line_now().starts_with("sync failed just now (cannot reach"), "{}", st.line_now());
    m.down = false;
    let r = sync(&mut db, ACC, &mut m).unwrap();
    assert_eq!((r.sent, r.queued), (2, 0));
    assert_eq!(m.log, ["starred a2 true", "read a0 true"], "sent in the order they were made");
    assert_eq!(status(&db, ACC).unwrap().line_now(), "synced just now");
}

#[test]
fn a_server_that_dies_mid_push_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(4);
    sync(&mut db, ACC, &mut m).unwrap();
    for i in 0..4 {
        mark(&mut db, i, if i % 2 == 0 { Flag::Starred } else { Flag::Read }, true);
    }
    m.fail_after = Some(2);
    assert!(sync(&mut db, ACC, &mut m).unwrap_err().is_offline());
    assert_eq!(m.log.len(), 2);
    assert_eq!(db.sync_queue(ACC).unwrap().len(), 2);
    (m.down, m.fail_after) = (false, None);
    let r = sync(&mut db, ACC, &mut m).unwrap();
    assert_eq!(r.sent, 2);
    assert_eq!(m.log, ["starred a0 true", "read a1 true", "starred a2 true", "read a3 true"]);
}

#[test]
fn a_change_the_server_already_has_is_not_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(1);
    sync(&mut db, ACC, &mut m).unwrap();
    mark(&mut db, 0, Flag::Starred, true);
    m.down = true;
    assert!(sync(&mut db, ACC, &mut m).is_err());
    // Delivered by a sync whose answer was lost: the server has it, the queue still holds it.
    m.down = false;
    m.get("a0").starred = true;
    let r = sync(&mut db, ACC, &mut m).unwrap();
    assert_eq!((r.sent, r.applied, r.conflicts_local + r.conflicts_remote), (0, 0, 0));
    assert!(m.log.is_empty() && db.sync_queue(ACC).unwrap().is_empty());
}

/// Starred on both sides; here it is unstarred (queued by a failed sync) and starred again; on the
/// server it is unstarred at `server_at` (or undated).
fn conflict(server_at: Option<i64>) -> (Db, Mem, Report, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(1);
    m.get("a0").starred = true;
    sync(&mut db, ACC, &mut m).unwrap();
    m.down = true;
    mark(&mut db, 0, Flag::Starred, false);
    assert!(sync(&mut db, ACC, &mut m).is_err());
    mark(&mut db, 0, Flag::Starred, true);
    m.down = false;
    m.get("a0").starred = false;
    if let Some(t) = server_at {
        m.dated.insert(("a0".into(), Flag::Starred), t);
    }
    let r = sync(&mut db, ACC, &mut m).unwrap();
    (db, m, r, dir)
}

#[test]
fn conflicts_go_to_the_newest_change() {
    // The server's change is older than the star made here: the star wins, on both sides.
    let (db, m, r, _d) = conflict(Some(now_ms() - 60_000));
    assert_eq!((r.conflicts_local, r.conflicts_remote), (1, 0));
    assert!(flags(&db, 0).starred && m.articles[0].starred);
    assert_eq!(m.log, ["starred a0 false", "starred a0 true"]);

    // The server's change is newer: it wins, and the queued changes are dropped unsent.
    let (db, m, r, _d) = conflict(Some(now_ms() + 60_000));
    assert_eq!((r.conflicts_local, r.conflicts_remote), (0, 1));
    assert!(!flags(&db, 0).starred && !m.articles[0].starred);
    assert!(m.log.is_empty() && db.sync_queue(ACC).unwrap().is_empty());

    // Undated (TT-RSS, Google Reader API): dated to the start of the last complete sync, so the
    // change made here since then is newer.
    let (db, m, r, _d) = conflict(None);
    assert_eq!(r.conflicts_local, 1);
    assert!(flags(&db, 0).starred && m.articles[0].starred);
}

#[test]
fn subscriptions_follow_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(1);
    m.feeds.push(RemoteFeed { id: "f2".into(), url: "https://other.example/rss".into(), title: None });
    sync(&mut db, ACC, &mut m).unwrap();
    assert_eq!(db.feeds().unwrap().len(), 2);
    // Added here → subscribed there; removed here → unsubscribed there; dropped there → removed here.
    let new = NewFeed { url: "https://mine.example/rss".into(), ..NewFeed::default() };
    db.add_feed(&new).unwrap();
    db.remove_feed("https://other.example/rss").unwrap();
    let r = sync(&mut db, ACC, &mut m).unwrap();
    assert_eq!(r.sent, 2, "{r:?}");
    assert_eq!(m.log, ["subscribe https://mine.example/rss", "unsubscribe f2"]);
    let urls: Vec<String> = m.feeds.iter().map(|f| f.url.clone()).collect();
    assert_eq!(urls, ["https://news.example/rss", "https://mine.example/rss"]);
    m.feeds.retain(|f| f.id != "f1");
    let r = sync(&mut db, ACC, &mut m).unwrap();
    assert_eq!((r.feeds_removed, r.sent), (1, 0), "{r:?}");
    let local: Vec<String> = db.feeds().unwrap().into_iter().map(|f| f.url).collect();
    assert_eq!(local, ["https://mine.example/rss"]);
    // And nothing is queued again for the feed added here.
    assert_eq!(sync(&mut db, ACC, &mut m).unwrap().sent, 0);
}

#[test]
fn the_readers_state_file_goes_out_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(2);
    sync_dir(&mut db, dir.path(), ACC, &mut m, Mirror::Off).unwrap();
    // A star made in the reader (the state file only) is sent.
    let a0 = content(&db, "الخبر رقم 0");
    let (mut store, _) = crate::store::Store::open(Some(dir.path().into()));
    store.set_starred(&a0, true);
    store.save().unwrap();
    let r = sync_dir(&mut db, dir.path(), ACC, &mut m, Mirror::Off).unwrap();
    assert_eq!(r.sent, 1);
    assert!(m.articles[0].starred);
    // Read on the server: the reader's state file says so after the sync.
    m.get("a1").read = true;
    sync_dir(&mut db, dir.path(), ACC, &mut m, Mirror::Off).unwrap();
    let (store, _) = crate::store::Store::open(Some(dir.path().into()));
    assert!(store.is_read(&content(&db, "الخبر رقم 1")));
    assert!(store.is_starred(&a0) && !store.is_read(&a0));
}

#[test]
fn a_star_made_in_the_reader_before_the_first_sync_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(1);
    m.get("a0").read = true;
    // The article is already in the library (fetched here) and starred in the reader.
    db.add_feed(&NewFeed { url: "https://news.example/rss".into(), ..NewFeed::default() }).unwrap();
    let fid = db.feeds().unwrap()[0].id;
    // Fetched here: the feed's own guid, not the server's.
    let mut a = super::engine::to_article(&m.articles[0], fid);
    a.guid = Some("https://news.example/0".into());
    db.store_articles(Some(fid), &crate::db::prepare(vec![a])).unwrap();
    let cid = content(&db, "الخبر رقم 0");
    let (mut store, _) = crate::store::Store::open(Some(dir.path().into()));
    store.set_starred(&cid, true);
    store.save().unwrap();
    let r = sync_dir(&mut db, dir.path(), ACC, &mut m, Mirror::Off).unwrap();
    assert_eq!((r.articles, r.sent), (0, 1), "mapped by title, not copied; the star goes out: {r:?}");
    assert!(m.articles[0].starred, "{r:?} {:?}", m.log);
    let (store, _) = crate::store::Store::open(Some(dir.path().into()));
    assert!(store.is_starred(&cid) && store.is_read(&cid), "kept, and read from the server");
}

#[test]
fn text_from_the_server_is_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(0);
    m.feeds[0].title = Some("\u{1b}[31mأخبار\u{202e} &amp; <b>تقارير</b>\u{7}".into());
    m.add_article("x", "f1", "عنوان\u{1b}]0;pwned\u{7} الخبر\u{202e}");
    sync(&mut db, ACC, &mut m).unwrap();
    let title = db.feeds().unwrap()[0].title.clone().unwrap();
    let row = db.article_rows(10).unwrap().remove(0);
    for s in [&title, &row.title] {
        assert!(!s.chars().any(|c| c.is_control() || c == '\u{202e}'), "{s:?}");
    }
    assert!(title.contains("أخبار") && title.contains("& تقارير"), "{title:?}");
}

fn note_map(db: &Db, notes: &[(usize, &str)]) -> HashMap<String, String> {
    notes
        .iter()
        .map(|(i, n)| {
            let a = notes::Annotation { note: Some(n.to_string()), quotes: vec![] };
            (content(db, &format!("الخبر رقم {i}")), a.to_json().unwrap())
        })
        .collect()
}

#[test]
fn notes_go_through_the_queue_in_order_once_and_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(2);
    sync(&mut db, ACC, &mut m).unwrap();
    let n = note_map(&db, &[(0, "ملاحظة")]);
    // Off: nothing queued, nothing sent, the report says nothing of notes.
    let r = sync(&mut db, ACC, &mut m).unwrap();
    assert_eq!((r.notes, r.sent), (None, 0));
    // Offline: the star and the note wait, in the order they were queued.
    m.down = true;
    mark(&mut db, 1, Flag::Starred, true);
    assert!(sync_notes(&mut db, ACC, &mut m, Some((&n, false))).unwrap_err().is_offline());
    m.down = false;
    let r = sync_notes(&mut db, ACC, &mut m, Some((&n, false))).unwrap();
    assert_eq!((r.sent, r.notes_sent, r.notes.as_deref()), (2, 1, Some("mirrored")));
    assert_eq!(m.log, ["starred a1 true", "annotate", "note a0 Some(\"ملاحظة\")"]);
    // Sent once; cleared here, cleared there.
    assert_eq!(sync_notes(&mut db, ACC, &mut m, Some((&n, false))).unwrap().sent, 0);
    let r = sync_notes(&mut db, ACC, &mut m, Some((&HashMap::new(), false))).unwrap();
    assert_eq!(r.notes_sent, 1);
    assert!(m.notes["a0"].is_empty());
}

#[test]
fn a_server_that_refuses_notes_is_remembered_until_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path()).unwrap();
    let mut m = server(1);
    m.refuse_notes = true;
    sync(&mut db, ACC, &mut m).unwrap();
    let n = note_map(&db, &[(0, "ملاحظة")]);
    let r = sync_notes(&mut db, ACC, &mut m, Some((&n, false))).unwrap();
    assert!(r.notes.as_deref().unwrap().contains("refused them (no labels here)"), "{r:?}");
    assert_eq!((r.queued, m.log.len()), (0, 1), "the sync goes on; the note leaves the queue");
    let r = sync_notes(&mut db, ACC, &mut m, Some((&n, false))).unwrap();
    assert!(r.notes.as_deref().unwrap().starts_with("not mirrored"));
    assert_eq!(m.log.len(), 1, "not asked again");
    m.refuse_notes = false;
    let r = sync_notes(&mut db, ACC, &mut m, Some((&n, true))).unwrap();
    assert_eq!((r.notes.as_deref(), r.notes_sent), (Some("mirrored"), 1), "asked again, accepted");
}
