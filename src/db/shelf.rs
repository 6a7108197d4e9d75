//! What the reader needs from the library without reading it whole: the ids in an order (newest
//! first, by feed), a page of list rows by id, the feeds and tags to narrow the list to, and the
//! content ids that key the reading state.

use rusqlite::params_from_iter;

use super::articles::{ROW_COLUMNS, row_of};
use super::{ArticleRow, Db, DbError};

/// A part of the library the list can be narrowed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The articles of one feed (its id and its title or URL).
    Feed(i64, String),
    /// The articles of the feeds with this tag (an OPML folder).
    Tag(String),
}

impl Scope {
    /// What the list's title and the status line call it.
    pub fn label(&self) -> String {
        match self {
            Scope::Feed(_, name) => format!("feed {name}"),
            Scope::Tag(t) => format!("tag {t}"),
        }
    }
}

/// Rows fetched per statement (SQLite's default limit on variables is 32,766).
const CHUNK: usize = 500;

impl Db {
    /// Every article's id, newest first (the order of `article_rows`); only the index is read.
    pub fn ids_newest_first(&self) -> Result<Vec<i64>, DbError> {
        self.ids("SELECT id FROM articles ORDER BY published DESC, id DESC", [])
    }

    /// Every article's id grouped by feed (by its title, files under their outlet), newest first
    /// within each.
    pub fn ids_by_feed(&self) -> Result<Vec<i64>, DbError> {
        self.ids(
            "SELECT a.id FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
             ORDER BY coalesce(f.title, a.source, f.url, '') COLLATE NOCASE, a.published DESC, a.id DESC",
            [],
        )
    }

    /// The ids of the articles in `scope`, newest first.
    pub fn ids_in(&self, scope: &Scope) -> Result<Vec<i64>, DbError> {
        match scope {
            Scope::Feed(id, _) => self.ids(
                "SELECT id FROM articles WHERE feed_id = ?1 ORDER BY published DESC, id DESC",
                [rusqlite::types::Value::Integer(*id)],
            ),
            Scope::Tag(t) => self.ids(
                "SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id
                 WHERE EXISTS (SELECT 1 FROM json_each(f.tags) WHERE value = ?1)
                 ORDER BY a.published DESC, a.id DESC",
                [rusqlite::types::Value::Text(t.clone())],
            ),
        }
    }

    fn ids<const N: usize>(&self, sql: &str, args: [rusqlite::types::Value; N]) -> Result<Vec<i64>, DbError> {
        let mut st = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let ids = st
            .query_map(rusqlite::params_from_iter(args), |r| r.get(0))
            .and_then(|rows| rows.collect::<Result<Vec<i64>, _>>());
        ids.map_err(|e| self.err(e))
    }

    /// The list rows of `ids`, in the order of `ids` (ids not in the library are left out).
    pub fn rows_of(&self, ids: &[i64]) -> Result<Vec<ArticleRow>, DbError> {
        let mut found = std::collections::HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id WHERE a.id IN ({marks})"
            );
            let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
            let rows = st
                .query_map(params_from_iter(chunk.iter()), row_of)
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(|e| self.err(e))?;
            found.extend(rows.into_iter().map(|r| (r.id, r)));
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// The row id of an article with content id `cid`.
    pub fn id_of_content(&self, cid: &str) -> Result<Option<i64>, DbError> {
        use rusqlite::OptionalExtension;
        self.conn
            .prepare_cached("SELECT id FROM articles WHERE content_id = ?1 ORDER BY id LIMIT 1")
            .and_then(|mut st| st.query_row([cid], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    /// Every article's (id, content id): the key of its reading state.
    pub fn content_ids(&self) -> Result<Vec<(i64, String)>, DbError> {
        let mut st =
            self.conn.prepare_cached("SELECT id, content_id FROM articles").map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>());
        rows.map_err(|e| self.err(e))
    }

    /// Every feed (by title; one without articles shows an empty list and its last error), then
    /// every tag of a feed (sorted): what the list can be narrowed to.
    pub fn scopes(&self) -> Result<Vec<Scope>, DbError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT f.id, coalesce(f.title, f.url), f.tags FROM feeds f
                 ORDER BY coalesce(f.title, f.url) COLLATE NOCASE",
            )
            .map_err(|e| self.err(e))?;
        let feeds = st
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        let mut tags: Vec<String> = feeds
            .iter()
            .flat_map(|(_, _, t)| serde_json::from_str::<Vec<String>>(t).unwrap_or_default())
            .collect();
        tags.sort();
        tags.dedup();
        Ok(feeds
            .into_iter()
            .map(|(id, name, _)| Scope::Feed(id, name))
            .chain(tags.into_iter().map(Scope::Tag))
            .collect())
    }
}
