//! The actors across the library, aggregated as articles come in ([`crate::library::aggregate`]):
//! adding an article's actors, filling the aggregate from stored extractions (once, when the table
//! is created), and reading it: the leading actors, one actor's articles.

use rusqlite::{Connection, params};

use super::{Db, DbError};
use crate::extract::ActorKind;
use crate::library::aggregate::{ActorEntry, kind_name, kind_of};

/// One actor of the library as the aggregate counts it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActorSummary {
    /// Row id.
    #[serde(skip)]
    pub id: i64,
    /// The name as first seen.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Articles that name it.
    pub articles: i64,
    /// Mentions over all articles.
    pub mentions: i64,
    /// Quotes it speaks.
    pub quotes: i64,
}

/// Adds the actors of article `article_id` to the aggregate (the triggers add the counts).
pub(super) fn add(conn: &Connection, article_id: i64, actors: &[ActorEntry]) -> rusqlite::Result<()> {
    let mut upsert = conn.prepare_cached(
        "INSERT INTO actors (key, kind, name) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET key = key RETURNING id",
    )?;
    let mut link = conn.prepare_cached(
        "INSERT OR IGNORE INTO article_actors (article_id, actor_id, idx, mentions, quotes)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for a in actors {
        let kind = kind_name(a.kind);
        let key = match &a.key {
            Some(k) => k.clone(),
            None => format!("{kind}@{article_id}:{}", a.name),
        };
        let actor: i64 = upsert.query_row(params![key, kind, a.name], |r| r.get(0))?;
        link.execute(params![article_id, actor, a.index as i64, a.mentions as i64, a.quotes as i64])?;
    }
    Ok(())
}

/// Fills the aggregate from the extractions already stored (articles from before it existed).
pub(super) fn backfill(conn: &Connection) -> rusqlite::Result<()> {
    let mut st = conn.prepare("SELECT article_id, json FROM extractions ORDER BY article_id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let json = r.get_ref(1)?.as_str()?;
        if let Some(ex) = crate::extract::Extraction::from_stored(json) {
            add(conn, id, &crate::library::aggregate::entries(&ex))?;
        }
    }
    Ok(())
}

impl Db {
    /// Whether the aggregate agrees with the articles' actors (each actor's counts are the sums over
    /// its rows of `article_actors`, and no row belongs to a missing article); what differs, if not.
    pub fn check_aggregate(&self) -> Result<(), String> {
        let bad: Result<i64, _> = self.conn.query_row(
            "SELECT count(*) FROM actors a LEFT JOIN (
                 SELECT actor_id, count(*) n, sum(mentions) m, sum(quotes) q FROM article_actors GROUP BY actor_id
             ) s ON s.actor_id = a.id
             WHERE a.articles != coalesce(s.n, 0) OR a.mentions != coalesce(s.m, 0) OR a.quotes != coalesce(s.q, 0)",
            [],
            |r| r.get(0),
        );
        let orphans: Result<i64, _> = self.conn.query_row(
            "SELECT count(*) FROM article_actors x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = x.article_id)",
            [],
            |r| r.get(0),
        );
        match (bad, orphans) {
            (Ok(0), Ok(0)) => Ok(()),
            (Ok(b), Ok(o)) => Err(format!("{b} actors with wrong counts, {o} rows of missing articles")),
            (Err(e), _) | (_, Err(e)) => Err(e.to_string()),
        }
    }

    /// The `limit` most mentioned actors of the library (then by quotes), read from the aggregate.
    pub fn top_actors(&self, limit: usize) -> Result<Vec<ActorSummary>, DbError> {
        self.rows(
            "SELECT id, name, kind, articles, mentions, quotes FROM actors WHERE articles > 0
             ORDER BY mentions DESC, quotes DESC, id LIMIT ?1",
            [limit.min(i64::MAX as usize) as i64],
            |r| {
                Ok(ActorSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: kind_of(r.get_ref(2)?.as_str()?),
                    articles: r.get(3)?,
                    mentions: r.get(4)?,
                    quotes: r.get(5)?,
                })
            },
        )
    }

    /// The articles naming actor `actor` (row ids, newest first) with the actor's index in each
    /// article's extraction; at most `limit`.
    pub fn actor_articles(&self, actor: i64, limit: usize) -> Result<Vec<(i64, usize)>, DbError> {
        self.rows(
            "SELECT x.article_id, x.idx FROM article_actors x JOIN articles a ON a.id = x.article_id
             WHERE x.actor_id = ?1 ORDER BY a.published DESC, a.id DESC LIMIT ?2",
            params![actor, limit.min(i64::MAX as usize) as i64],
            index_row,
        )
    }

    /// The last `limit` articles stored in which actor `actor` speaks (row ids, latest stored first)
    /// with its index in each: read from the index alone, however many articles name the actor.
    pub fn actor_quote_articles(&self, actor: i64, limit: usize) -> Result<Vec<(i64, usize)>, DbError> {
        self.rows(
            "SELECT article_id, idx FROM article_actors WHERE actor_id = ?1 AND quotes > 0
             ORDER BY article_id DESC LIMIT ?2",
            params![actor, limit.min(i64::MAX as usize) as i64],
            index_row,
        )
    }

    /// The stored extraction of article `id`, whichever version computed it: the one the
    /// aggregate counted, so its actor indexes ([`Db::actor_quote_articles`]) point into it.
    pub fn extraction(&self, id: i64) -> Result<Option<crate::extract::Extraction>, DbError> {
        use rusqlite::OptionalExtension;
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT json FROM extractions WHERE article_id = ?1")
            .and_then(|mut st| st.query_row(params![id], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))?;
        Ok(json.and_then(|j| crate::extract::Extraction::from_stored(&j)))
    }
}

/// An (article row id, actor index) row.
fn index_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, usize)> {
    Ok((r.get(0)?, r.get::<_, i64>(1)? as usize))
}
