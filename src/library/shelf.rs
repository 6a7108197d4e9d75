//! What the reader lists: the articles of files (all in memory, as loaded) or the library database,
//! read lazily: the ids in order first (one index scan), a page of list rows when the list shows
//! it, one body and its stored extraction when the reader opens it. Positions `0..len()` number the
//! articles in the base order (newest first for the library, file order for files).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use crate::article::Article;
use crate::db::{Db, DbError, Scope};
use crate::extract::Extraction;

/// Rows read from the database at a time when the list shows a position not yet read.
const PAGE: usize = 64;
/// Pages kept; past that the cache starts again (a list shows a few dozen rows at once).
const MAX_PAGES: usize = 64;

/// One line of the list: what is shown without the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The content id: key of the reading state.
    pub id: String,
    /// Headline as shown (the first words when there is none).
    pub title: String,
    /// Whether the article has no headline of its own.
    pub untitled: bool,
    /// The feed's title or the outlet.
    pub source: Option<String>,
    /// The file or feed URL.
    pub path: String,
    /// Publication date as given.
    pub date: Option<String>,
    /// Link to the original.
    pub link: Option<String>,
    /// The library feed it came from.
    pub feed: Option<i64>,
}

impl Entry {
    fn of(a: &Article) -> Entry {
        Entry {
            id: a.id.clone(),
            title: a.display_title(),
            untitled: a.title.trim().is_empty(),
            source: a.source.clone(),
            path: a.path.clone(),
            date: a.date.clone(),
            link: a.url.clone(),
            feed: None,
        }
    }
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first (file order for files).
    #[default]
    Date,
    /// Grouped by feed (source), newest first within each.
    Feed,
    /// Unread first, then by date.
    Unread,
}

impl Sort {
    /// The next order in the cycle date → feed → unread.
    pub fn next(self) -> Sort {
        match self {
            Sort::Date => Sort::Feed,
            Sort::Feed => Sort::Unread,
            Sort::Unread => Sort::Date,
        }
    }

    /// Its name in the status line.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Date => "by date",
            Sort::Feed => "by feed",
            Sort::Unread => "unread first",
        }
    }
}

/// The articles the reader shows.
pub enum Shelf {
    /// Files loaded whole.
    Files(Arc<Vec<Article>>),
    /// The library database, read lazily.
    Library(Box<LibraryShelf>),
}

/// The library side of a [`Shelf`].
pub struct LibraryShelf {
    db: Db,
    order: Vec<i64>,
    positions: RefCell<Option<HashMap<i64, usize>>>,
    pages: RefCell<HashMap<usize, Vec<Entry>>>,
    opened: Option<(usize, Article, Option<Extraction>)>,
}

impl Shelf {
    /// The library in `db`, newest first; `None` when it has no articles.
    pub fn library(db: Db) -> Result<Option<Shelf>, DbError> {
        let order = db.ids_newest_first()?;
        if order.is_empty() {
            return Ok(None);
        }
        Ok(Some(Shelf::Library(Box::new(LibraryShelf {
            db,
            order,
            positions: RefCell::new(None),
            pages: RefCell::new(HashMap::new()),
            opened: None,
        }))))
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        match self {
            Shelf::Files(v) => v.len(),
            Shelf::Library(l) => l.order.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The files, when the shelf holds files.
    pub fn files(&self) -> Option<&Arc<Vec<Article>>> {
        match self {
            Shelf::Files(v) => Some(v),
            Shelf::Library(_) => None,
        }
    }

    /// The library database, when the shelf is the library.
    pub fn db(&self) -> Option<&Db> {
        match self {
            Shelf::Files(_) => None,
            Shelf::Library(l) => Some(&l.db),
        }
    }

    /// The list line of article `i` (read from the database a page at a time).
    pub fn entry(&self, i: usize) -> Option<Entry> {
        match self {
            Shelf::Files(v) => v.get(i).map(Entry::of),
            Shelf::Library(l) => l.entry(i),
        }
    }

    /// Article `i` whole: any file; of the library, the one [`Shelf::open`] read.
    pub fn get(&self, i: usize) -> Option<&Article> {
        match self {
            Shelf::Files(v) => v.get(i),
            Shelf::Library(l) => l.opened.as_ref().filter(|(j, _, _)| *j == i).map(|(_, a, _)| a),
        }
    }

    /// Reads article `i` (body and stored extraction) from the library so that [`Shelf::get`] has
    /// it; returns the stored extraction. Files are all in memory: `None`.
    pub fn open(&mut self, i: usize) -> Result<Option<Extraction>, DbError> {
        let Shelf::Library(l) = self else { return Ok(None) };
        if let Some((j, _, ex)) = &l.opened
            && *j == i
        {
            return Ok(ex.clone());
        }
        let Some(&id) = l.order.get(i) else { return Ok(None) };
        let Some(stored) = l.db.article(id)? else { return Ok(None) };
        let ex = stored.current_extraction();
        l.opened = Some((i, stored.article, ex.clone()));
        Ok(ex)
    }

    /// Positions in the base order of library row ids (unknown ids are left out).
    pub fn positions_of(&self, ids: &[i64]) -> Vec<usize> {
        let Shelf::Library(l) = self else { return Vec::new() };
        let mut map = l.positions.borrow_mut();
        let map = map.get_or_insert_with(|| l.order.iter().enumerate().map(|(i, &id)| (id, i)).collect());
        ids.iter().filter_map(|id| map.get(id).copied()).collect()
    }

    /// The position of the article whose content id is `cid`.
    pub fn position_of_content(&self, cid: &str) -> Option<usize> {
        match self {
            Shelf::Files(v) => v.iter().position(|a| a.id == cid),
            Shelf::Library(l) => {
                let id = l.db.id_of_content(cid).ok()??;
                self.positions_of(&[id]).first().copied()
            }
        }
    }

    /// Reads the library's order again (after a fetch), forgetting the rows read so far; files do
    /// not change.
    pub fn reload(&mut self) -> Result<(), DbError> {
        if let Shelf::Library(l) = self {
            l.order = l.db.ids_newest_first()?;
            l.pages.borrow_mut().clear();
            *l.positions.borrow_mut() = None;
            l.opened = None;
        }
        Ok(())
    }

    /// The library row id of position `i`.
    pub fn row_id(&self, i: usize) -> Option<i64> {
        match self {
            Shelf::Files(_) => None,
            Shelf::Library(l) => l.order.get(i).copied(),
        }
    }

    /// The content ids of `positions` (the keys of their reading state), in that order.
    pub fn content_ids(&self, positions: &[usize]) -> Result<Vec<String>, DbError> {
        match self {
            Shelf::Files(v) => Ok(positions.iter().filter_map(|&i| v.get(i)).map(|a| a.id.clone()).collect()),
            Shelf::Library(l) => {
                let all: HashMap<i64, String> = l.db.content_ids()?.into_iter().collect();
                Ok(positions.iter().filter_map(|&i| all.get(l.order.get(i)?).cloned()).collect())
            }
        }
    }

    /// All positions in `sort` order; `read` says whether a content id is read.
    pub fn sorted(&self, sort: Sort, read: &dyn Fn(&str) -> bool) -> Result<Vec<usize>, DbError> {
        let base: Vec<usize> = match (self, sort) {
            (Shelf::Library(l), Sort::Feed) => self.positions_of(&l.db.ids_by_feed()?),
            (Shelf::Files(v), Sort::Feed) => {
                let mut all: Vec<usize> = (0..v.len()).collect();
                all.sort_by(|&a, &b| source_key(&v[a]).cmp(&source_key(&v[b])));
                all
            }
            _ => (0..self.len()).collect(),
        };
        if sort != Sort::Unread {
            return Ok(base);
        }
        let ids = self.content_ids(&base)?;
        let (unread, done): (Vec<_>, Vec<_>) = base.into_iter().zip(ids).partition(|(_, id)| !read(id));
        Ok(unread.into_iter().chain(done).map(|(i, _)| i).collect())
    }

    /// The feeds and tags the list can be narrowed to (for files: their outlets).
    pub fn scopes(&self) -> Result<Vec<Scope>, DbError> {
        match self {
            Shelf::Library(l) => l.db.scopes(),
            Shelf::Files(v) => {
                let mut names: Vec<String> = v.iter().filter_map(|a| a.source.clone()).collect();
                names.sort();
                names.dedup();
                Ok(names.into_iter().map(|n| Scope::Feed(-1, n)).collect())
            }
        }
    }

    /// The positions of the articles in `scope`, in base order.
    pub fn in_scope(&self, scope: &Scope) -> Result<Vec<usize>, DbError> {
        match self {
            Shelf::Library(l) => Ok(self.positions_of(&l.db.ids_in(scope)?)),
            Shelf::Files(v) => Ok((0..v.len())
                .filter(|&i| matches!(scope, Scope::Feed(_, n) if v[i].source.as_deref() == Some(n.as_str())))
                .collect()),
        }
    }
}

fn source_key(a: &Article) -> String {
    a.source.as_deref().unwrap_or(&a.path).to_lowercase()
}

impl LibraryShelf {
    fn entry(&self, i: usize) -> Option<Entry> {
        let page = i / PAGE;
        if let Some(e) = self.pages.borrow().get(&page) {
            return e.get(i % PAGE).cloned();
        }
        let start = page * PAGE;
        let ids = self.order.get(start..(start + PAGE).min(self.order.len()))?;
        let rows = match self.db.rows_of(ids) {
            Ok(rows) => rows,
            Err(e) => {
                log::warn!("{e}");
                return None;
            }
        };
        // A row deleted since the ids were read (a feed removed meanwhile) shows as a gap.
        let mut by_id: HashMap<i64, crate::db::ArticleRow> = rows.into_iter().map(|r| (r.id, r)).collect();
        let entries: Vec<Entry> = ids
            .iter()
            .map(|id| match by_id.remove(id) {
                Some(r) => Entry {
                    untitled: r.title.trim().is_empty(),
                    // No headline: its first words stand in (rare, so the body is read for it).
                    title: if r.title.trim().is_empty() {
                        self.db
                            .article(r.id)
                            .ok()
                            .flatten()
                            .map_or_else(|| "…".into(), |s| s.article.display_title())
                    } else {
                        r.title
                    },
                    id: r.content_id,
                    source: r.source,
                    path: r.path,
                    date: r.date,
                    link: r.link,
                    feed: r.feed_id,
                },
                None => Entry { title: "(removed)".into(), ..Entry::default() },
            })
            .collect();
        let out = entries.get(i % PAGE).cloned();
        let mut pages = self.pages.borrow_mut();
        if pages.len() >= MAX_PAGES {
            pages.clear();
        }
        pages.insert(page, entries);
        out
    }
}
