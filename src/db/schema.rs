//! The library's schema and its migrations, numbered by `PRAGMA user_version`.
//!
//! Each entry of [`MIGRATIONS`] takes the database from version `i` to `i + 1`; it runs in the same
//! transaction as the version bump, so a crash leaves the database at one version or the next.
//! Never edit a migration that has shipped: add one.

use rusqlite::{Connection, TransactionBehavior};

/// The migrations, in order; the database's `user_version` counts those applied.
pub const MIGRATIONS: &[&str] = &[
    // 1: feeds, articles, their extraction, their words for search, reading state and notes.
    r#"
    CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT,
        tags          TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
        full_text     INTEGER NOT NULL DEFAULT 0,
        etag          TEXT,
        last_modified TEXT,
        last_fetched  INTEGER,                      -- Unix seconds of the last attempt
        last_error    TEXT,                         -- one line; NULL after a good fetch
        added         INTEGER NOT NULL
    );
    CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,           -- 'feed:<feed id>:<guid>' or 'file:<content id>'
        content_id  TEXT NOT NULL,                  -- Article::id: reading state is keyed by it
        feed_id     INTEGER REFERENCES feeds(id) ON DELETE CASCADE,
        path        TEXT NOT NULL,                  -- the file or feed URL it was read from
        idx         INTEGER NOT NULL,
        format      TEXT NOT NULL,
        encoding    TEXT NOT NULL,
        title       TEXT NOT NULL,
        rtl         INTEGER NOT NULL,
        link        TEXT,
        date        TEXT,                           -- as given
        published   INTEGER NOT NULL,               -- Unix seconds: the date, else fetched_at
        author      TEXT,
        source      TEXT,
        guid        TEXT,
        fetched_at  INTEGER NOT NULL
    );
    -- Bodies apart: listing, sorting and searching touch only the narrow rows above.
    CREATE TABLE article_bodies (
        article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        body        TEXT NOT NULL,
        paragraphs  TEXT NOT NULL                   -- JSON [[start, end], ...] into body
    );
    CREATE INDEX articles_by_feed ON articles(feed_id);
    CREATE INDEX articles_by_published ON articles(published DESC, id DESC);
    CREATE INDEX articles_by_content ON articles(content_id);
    CREATE TABLE extractions (
        article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        version     INTEGER NOT NULL,               -- EXTRACT_VERSION when computed
        json        TEXT NOT NULL                   -- actors and quotes, as `sahifa extract` prints them
    );
    -- Our own folded keys, stems and prefix forms (search::terms), one space-separated list each;
    -- rowid = articles.id. Contentless: the text is in articles already.
    CREATE VIRTUAL TABLE article_words USING fts5(
        exact, stems, forms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
    );
    CREATE TRIGGER articles_words_delete AFTER DELETE ON articles BEGIN
        DELETE FROM article_words WHERE rowid = old.id;
    END;
    CREATE TABLE reading_state (
        content_id  TEXT PRIMARY KEY,
        read        INTEGER NOT NULL DEFAULT 0,
        starred     INTEGER NOT NULL DEFAULT 0,
        position    INTEGER NOT NULL DEFAULT 0,
        updated     INTEGER NOT NULL DEFAULT 0      -- Unix milliseconds
    );
    CREATE TABLE quote_state (
        content_id  TEXT NOT NULL,
        quote_key   TEXT NOT NULL,
        starred     INTEGER NOT NULL DEFAULT 0,
        updated     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (content_id, quote_key)
    );
    CREATE TABLE notes (
        content_id  TEXT NOT NULL,
        quote_key   TEXT NOT NULL DEFAULT '',       -- '' for a note on the article
        text        TEXT NOT NULL,
        updated     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (content_id, quote_key)
    );
    "#,
    // 2: the actors across the library, kept up to date per article (library::aggregate): one row
    // per merge key with running counts, and each article's actors. Triggers keep the counts
    // right when an article's actors are replaced or the article goes (a feed removed).
    r#"
    CREATE TABLE actors (
        id        INTEGER PRIMARY KEY,
        key       TEXT NOT NULL UNIQUE,              -- kind:words, or kind@article:name when local
        kind      TEXT NOT NULL,
        name      TEXT NOT NULL,                     -- as first seen
        articles  INTEGER NOT NULL DEFAULT 0,
        mentions  INTEGER NOT NULL DEFAULT 0,
        quotes    INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX actors_by_mentions ON actors(mentions DESC, quotes DESC, id);
    CREATE TABLE article_actors (
        article_id  INTEGER NOT NULL,
        actor_id    INTEGER NOT NULL REFERENCES actors(id),
        idx         INTEGER NOT NULL,                -- the actor's index in the article's extraction
        mentions    INTEGER NOT NULL,
        quotes      INTEGER NOT NULL,
        PRIMARY KEY (article_id, actor_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_actors_by_actor ON article_actors(actor_id, article_id);
    CREATE TRIGGER article_actors_add AFTER INSERT ON article_actors BEGIN
        UPDATE actors SET articles = articles + 1, mentions = mentions + new.mentions,
                          quotes = quotes + new.quotes WHERE id = new.actor_id;
    END;
    CREATE TRIGGER article_actors_remove AFTER DELETE ON article_actors BEGIN
        UPDATE actors SET articles = articles - 1, mentions = mentions - old.mentions,
                          quotes = quotes - old.quotes WHERE id = old.actor_id;
    END;
    CREATE TRIGGER articles_actors_delete AFTER DELETE ON articles BEGIN
        DELETE FROM article_actors WHERE article_id = old.id;
    END;
    "#,
    // 3: sync with a feed server (src/sync): per account (backend + URL + user name, never a secret),
    // what was last seen on the server (the snapshot a change is measured against) and the queue of
    // local changes not yet accepted by the server.
    r#"
    CREATE TABLE sync_accounts (
        account        TEXT PRIMARY KEY,
        last_ok        INTEGER,                     -- Unix ms of the last complete sync
        last_attempt   INTEGER,                     -- Unix ms of the last try
        last_error     TEXT,                        -- one line; NULL after a good sync
        articles_token TEXT                         -- the backend's "articles since" mark
    );
    CREATE TABLE sync_feeds (
        account     TEXT NOT NULL,
        url         TEXT NOT NULL,
        remote_id   TEXT NOT NULL,
        PRIMARY KEY (account, url)
    );
    CREATE TABLE sync_items (
        account        TEXT NOT NULL,
        remote_id      TEXT NOT NULL,
        content_id     TEXT NOT NULL,               -- reading_state.content_id
        synced_read    INTEGER NOT NULL,            -- the server's value at the last sync
        synced_starred INTEGER NOT NULL,
        PRIMARY KEY (account, remote_id)
    );
    CREATE INDEX sync_items_by_content ON sync_items(account, content_id);
    CREATE TABLE sync_queue (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT, -- the order actions are sent in
        account  TEXT NOT NULL,
        kind     TEXT NOT NULL,                     -- read | starred | subscribe | unsubscribe
        target   TEXT NOT NULL,                     -- remote item id, feed URL or remote feed id
        value    INTEGER NOT NULL,                  -- 1/0 for flags
        at       INTEGER NOT NULL                   -- Unix ms of the local change
    );
    "#,
    // 4: notes and starred quotes mirrored to the server (opt-in, src/sync/notes.rs): what the
    // server has from us per item (the annotation as JSON; NULL: nothing), the annotation a queued
    // `note` row carries, and why an account's server refused annotations (then none are queued).
    r#"
    ALTER TABLE sync_items ADD COLUMN synced_note TEXT;
    ALTER TABLE sync_queue ADD COLUMN data TEXT;
    ALTER TABLE sync_accounts ADD COLUMN notes_refused TEXT;
    "#,
];

/// Work a migration needs beyond SQL, run in its transaction after its SQL (by its index).
fn after(index: usize, tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    if index == 1 {
        // Articles stored before the aggregate existed: count their stored extractions in.
        super::actors::backfill(tx)?;
    }
    Ok(())
}

/// Why the schema could not be brought up to date.
#[derive(Debug)]
pub enum MigrateError {
    /// The file was written by a newer sahifa (its version).
    Newer(u32),
    /// SQLite failed.
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sql(e)
    }
}

/// Applies the migrations the database lacks, each in its own immediate transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), MigrateError> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read under the write lock: another process may have migrated while we waited.
        let version: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as u32;
        if version > known {
            return Err(MigrateError::Newer(version));
        }
        if version == known {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[version as usize])?;
        after(version as usize, &tx)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}
