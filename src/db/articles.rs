//! Articles in the library: storing them (deduplicated), listing them newest first, reading one
//! back whole with its stored extraction.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Db, DbError, EXTRACT_VERSION, now_secs};
use crate::article::{Article, Format};
use crate::text::BaseDirection;

/// An article to store, with what is computed once when it enters the library: its extraction
/// as JSON (as `sahifa extract` prints its actors and quotes) and its search terms. Build these
/// off the writing thread ([`prepare`] uses every core), so the single writer only writes.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// The article, cleaned.
    pub article: Article,
    /// Its extraction, serialised ([`crate::extract::Extraction::to_stored`]).
    pub extraction: String,
    /// Its words for the search index.
    pub terms: crate::search::Terms,
    /// Its actors as the library's aggregate counts them.
    pub actors: Vec<crate::library::aggregate::ActorEntry>,
}

impl NewArticle {
    /// Extracts and indexes `article`.
    pub fn new(article: Article) -> NewArticle {
        let ex = crate::extract::extract(&article);
        let actors = crate::library::aggregate::entries(&ex);
        let terms = crate::search::terms(&article.title, &article.body);
        NewArticle { article, extraction: ex.to_stored(), terms, actors }
    }

    /// Indexes `article`, whose extraction is already known (as stored JSON).
    pub fn with_extraction(article: Article, extraction: String) -> NewArticle {
        let terms = crate::search::terms(&article.title, &article.body);
        let actors = crate::extract::Extraction::from_stored(&extraction)
            .map(|ex| crate::library::aggregate::entries(&ex))
            .unwrap_or_default();
        NewArticle { article, extraction, terms, actors }
    }
}

/// [`NewArticle::new`] for every article, on as many threads as there are cores (at most 8), in
/// order. An article whose extraction panics is stored with an empty one.
pub fn prepare(articles: Vec<Article>) -> Vec<NewArticle> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = articles.len().div_ceil(threads).max(1);
    let mut parts: Vec<Vec<Article>> = Vec::new();
    let mut rest = articles;
    while rest.len() > chunk {
        let tail = rest.split_off(chunk);
        parts.push(rest);
        rest = tail;
    }
    parts.push(rest);
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| s.spawn(move || part.into_iter().map(one).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

fn one(a: Article) -> NewArticle {
    let copy = a.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| NewArticle::new(a)))
        .unwrap_or_else(|_| NewArticle::with_extraction(copy, "{\"actors\":[],\"quotes\":[]}".into()))
}

/// Matches from which a search for the newest few walks the date index instead of sorting them.
const WALK_FROM: i64 = 2_000;

/// One line of the library listing: what the list pane and `sahifa list` show, without bodies.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ArticleRow {
    /// Row id.
    pub id: i64,
    /// [`Article::id`]: the key of its reading state.
    pub content_id: String,
    /// Headline.
    pub title: String,
    /// The feed's title (or URL), or the outlet named in the article.
    pub source: Option<String>,
    /// The file or feed it came from.
    pub path: String,
    /// Publication date as given.
    pub date: Option<String>,
    /// Unix seconds used for ordering (the date, else when it was fetched).
    pub published: i64,
    /// Link to the original.
    pub link: Option<String>,
    /// The feed it came from (`None`: imported from a file).
    pub feed_id: Option<i64>,
}

/// The columns of an [`ArticleRow`], for `FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id`.
pub(crate) const ROW_COLUMNS: &str = "a.id, a.content_id, a.title, coalesce(f.title, a.source, f.url), a.path, a.date, a.published, a.link, a.feed_id";

/// Reads an [`ArticleRow`] selected with [`ROW_COLUMNS`].
pub(crate) fn row_of(r: &rusqlite::Row) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        content_id: r.get(1)?,
        title: r.get(2)?,
        source: r.get(3)?,
        path: r.get(4)?,
        date: r.get(5)?,
        published: r.get(6)?,
        link: r.get(7)?,
        feed_id: r.get(8)?,
    })
}

/// A stored article read back whole, with its extraction JSON.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    /// The article.
    pub article: Article,
    /// Its extraction (JSON) and the extraction version that computed it.
    pub extraction: Option<(i64, String)>,
}

impl StoredArticle {
    /// The stored extraction, when it was computed by this version's extraction; `None` means
    /// extract again.
    pub fn current_extraction(&self) -> Option<crate::extract::Extraction> {
        match &self.extraction {
            Some((v, json)) if *v == EXTRACT_VERSION => crate::extract::Extraction::from_stored(json),
            _ => None,
        }
    }
}

/// How many articles a store call added and how many it updated in place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stored {
    /// New articles.
    pub added: usize,
    /// Articles already there whose text changed (same guid, edited by the feed).
    pub updated: usize,
}

impl Db {
    /// Stores articles from a feed (`Some(id)`: deduplicated by guid within the feed) or from files
    /// (`None`: deduplicated by content), all in one transaction.
    pub fn store_articles(&mut self, feed_id: Option<i64>, items: &[NewArticle]) -> Result<Stored, DbError> {
        self.store_and_record(feed_id, items, None)
    }

    /// Stores a fetched feed's items and records the fetch on the feed in one transaction, so its
    /// validators (ETag, Last-Modified) never get ahead of, or behind, the articles they stand for.
    pub fn store_fetch(
        &mut self,
        feed_id: i64,
        items: &[NewArticle],
        result: &super::FetchResult,
    ) -> Result<Stored, DbError> {
        self.store_and_record(Some(feed_id), items, Some(result))
    }

    fn store_and_record(
        &mut self,
        feed_id: Option<i64>,
        items: &[NewArticle],
        result: Option<&super::FetchResult>,
    ) -> Result<Stored, DbError> {
        self.immediate(|tx| {
            let mut n = Stored::default();
            let now = now_secs();
            if let Some(f) = feed_id {
                // Removed by another process while this fetch ran: nothing to store it under.
                let exists = tx.query_row("SELECT 1 FROM feeds WHERE id = ?1", [f], |_| Ok(())).optional()?;
                if exists.is_none() {
                    return Ok(n);
                }
            }
            for item in items {
                let a = &item.article;
                let key = match feed_id {
                    Some(f) => format!("feed:{f}:{}", a.guid.as_deref().unwrap_or(&a.id)),
                    None => format!("file:{}", a.id),
                };
                match store_one(tx, &key, feed_id, item, now)? {
                    Some(true) => n.added += 1,
                    Some(false) => n.updated += 1,
                    None => {}
                }
            }
            if let (Some(f), Some(r)) = (feed_id, result) {
                super::feeds::record(tx, f, r)?;
            }
            Ok(n)
        })
    }

    /// Number of articles in the library.
    pub fn article_count(&self) -> Result<i64, DbError> {
        self.conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// The library's articles, newest first (at most `limit`).
    pub fn article_rows(&self, limit: usize) -> Result<Vec<ArticleRow>, DbError> {
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
             ORDER BY a.published DESC, a.id DESC LIMIT ?1"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = st.query_map([limit as i64], row_of).and_then(|rows| rows.collect::<Result<Vec<_>, _>>());
        rows.map_err(|e| self.err(e))
    }

    /// The ids of the articles that match `query` (as [`crate::search::Query::matches_text`] says),
    /// newest first, at most `limit`. The FTS5 index answers words exactly (it holds the same
    /// keys, stems and prefix forms the matcher compares); a query with a phrase is then checked
    /// on each candidate's title and body, since the index does not keep word order.
    pub fn search(&self, query: &crate::search::Query, limit: usize) -> Result<Vec<i64>, DbError> {
        let Some(fts) = crate::search::fts_query(query) else {
            return Ok(self.article_rows(limit)?.into_iter().map(|r| r.id).collect());
        };
        let phrases = query.terms.iter().any(|t| t.words.len() > 1);
        // Few matches: look each one up and sort them by date. Many (a common word) and only the
        // newest wanted: walk the date index from the newest and keep those in the match set,
        // which stops after about `limit / share` rows instead of sorting every match.
        let matches: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM article_words WHERE article_words MATCH ?1")
            .and_then(|mut st| st.query_row([&fts], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        let walk = matches > WALK_FROM && (limit as i64) < matches / 4;
        let sql = if walk {
            "SELECT a.id FROM articles a INDEXED BY articles_by_published
             WHERE a.id IN (SELECT rowid FROM article_words WHERE article_words MATCH ?1)
             ORDER BY a.published DESC, a.id DESC"
        } else {
            "SELECT a.id FROM articles a
             WHERE a.id IN (SELECT rowid FROM article_words WHERE article_words MATCH ?1)
             ORDER BY a.published DESC, a.id DESC"
        };
        // Only ids and dates are sorted; texts are read one by one, and only for phrases.
        let mut st = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let mut text = self
            .conn
            .prepare_cached(
                "SELECT a.title, b.body FROM articles a JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?1",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([fts]).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while out.len() < limit
            && let Some(r) = rows.next().map_err(|e| self.err(e))?
        {
            let id: i64 = r.get(0).map_err(|e| self.err(e))?;
            let ok = !phrases
                || text
                    .query_row([id], |t| {
                        Ok(query.matches_text(t.get_ref(0)?.as_str()?, t.get_ref(1)?.as_str()?))
                    })
                    .map_err(|e| self.err(e))?;
            if ok {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// One article read back whole, with its stored extraction; `None` when there is no such row.
    pub fn article(&self, id: i64) -> Result<Option<StoredArticle>, DbError> {
        let row = self
            .conn
            .query_row(
                "SELECT a.path, a.idx, a.format, a.encoding, a.title, b.body, b.paragraphs, a.rtl, a.link,
                        a.date, a.source, a.author, a.guid, a.content_id, x.version, x.json
                 FROM articles a JOIN article_bodies b ON b.article_id = a.id
                 LEFT JOIN extractions x ON x.article_id = a.id WHERE a.id = ?1",
                [id],
                |r| {
                    let format: String = r.get(2)?;
                    let paragraphs: String = r.get(6)?;
                    let ranges: Vec<[usize; 2]> = serde_json::from_str(&paragraphs).unwrap_or_default();
                    let article = Article {
                        id: r.get(13)?,
                        path: r.get(0)?,
                        index: r.get::<_, i64>(1)? as usize,
                        format: serde_json::from_value(serde_json::Value::String(format))
                            .unwrap_or(Format::Text),
                        encoding: r.get(3)?,
                        title: r.get(4)?,
                        body: r.get(5)?,
                        paragraphs: ranges.into_iter().map(|[s, e]| s..e).collect(),
                        url: r.get(8)?,
                        date: r.get(9)?,
                        source: r.get(10)?,
                        author: r.get(11)?,
                        guid: r.get(12)?,
                        direction: if r.get(7)? { BaseDirection::Rtl } else { BaseDirection::Ltr },
                        removed: Vec::new(),
                    };
                    let extraction = match (r.get::<_, Option<i64>>(14)?, r.get::<_, Option<String>>(15)?) {
                        (Some(v), Some(j)) => Some((v, j)),
                        _ => None,
                    };
                    Ok(StoredArticle { article, extraction })
                },
            )
            .optional();
        row.map_err(|e| self.err(e))
    }
}

/// Inserts or updates one article under `key`: `Some(true)` added, `Some(false)` updated (the text
/// changed), `None` already there as it is.
fn store_one(
    tx: &Transaction,
    key: &str,
    feed_id: Option<i64>,
    item: &NewArticle,
    now: i64,
) -> rusqlite::Result<Option<bool>> {
    let a = &item.article;
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, content_id FROM articles WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((_, content)) = &existing
        && *content == a.id
    {
        return Ok(None);
    }
    let paragraphs: Vec<[usize; 2]> = a.paragraphs.iter().map(|r| [r.start, r.end]).collect();
    let paragraphs = serde_json::to_string(&paragraphs).unwrap_or_else(|_| "[]".into());
    let format = serde_json::to_value(a.format).ok().and_then(|v| v.as_str().map(str::to_string));
    let published = a.date.as_deref().and_then(parse_date).unwrap_or(now);
    let rtl = a.direction == BaseDirection::Rtl;
    let is_new = existing.is_none();
    // One list of values in the INSERT's order serves both statements; an update keeps the row's
    // feed (?3) and finds it by its unique key (?1).
    let values = params![
        key,
        a.id,
        feed_id,
        a.path,
        a.index as i64,
        format,
        a.encoding,
        a.title,
        rtl,
        a.url,
        a.date,
        published,
        a.author,
        a.source,
        a.guid,
        now
    ];
    let id = match existing {
        Some((id, _)) => {
            tx.prepare_cached(
                "UPDATE articles SET content_id = ?2, path = ?4, idx = ?5, format = ?6, encoding = ?7,
                        title = ?8, rtl = ?9, link = ?10, date = ?11, published = ?12, author = ?13,
                        source = ?14, guid = ?15, fetched_at = ?16
                 WHERE key = ?1",
            )?
            .execute(values)?;
            id
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO articles (key, content_id, feed_id, path, idx, format, encoding, title, rtl,
                        link, date, published, author, source, guid, fetched_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(values)?;
            tx.last_insert_rowid()
        }
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO article_bodies (article_id, body, paragraphs) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id, a.body, paragraphs])?;
    let words = &item.terms;
    if !is_new {
        tx.prepare_cached("DELETE FROM article_words WHERE rowid = ?1")?.execute([id])?;
    }
    tx.prepare_cached("INSERT INTO article_words (rowid, exact, stems, forms) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![id, words.exact, words.stems, words.forms])?;
    tx.prepare_cached("INSERT OR REPLACE INTO extractions (article_id, version, json) VALUES (?1, ?2, ?3)")?
        .execute(params![id, EXTRACT_VERSION, item.extraction])?;
    if !is_new {
        // The triggers take the old actors' counts out of the aggregate.
        tx.prepare_cached("DELETE FROM article_actors WHERE article_id = ?1")?.execute([id])?;
    }
    super::actors::add(tx, id, &item.actors)?;
    Ok(Some(is_new))
}

/// Unix seconds of a date as feeds give it (RFC 3339, as the feed loader writes it, or RFC 2822).
pub fn parse_date(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(s.trim())
        .or_else(|_| chrono::DateTime::parse_from_rfc2822(s.trim()))
        .ok()
        .map(|d| d.timestamp())
}
