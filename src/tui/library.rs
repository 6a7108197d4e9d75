//! The reader's library actions: reading a stored article and its extraction when it is opened,
//! the list's order and scope (feed or tag), mark all read, the link (open, copy), background
//! fetches, and the actors view from the library's aggregate.

use std::sync::Arc;

use super::actors::ActorsView;
use super::app::App;
use super::fetch::{FetchEvent, Progress};
use super::links;
use crate::article::Article;
use crate::extract::Extraction;
use crate::library::Shelf;

/// Actors the library's actors view lists (the most mentioned).
const ACTORS_SHOWN: usize = 1_000;
/// Articles whose quotes the actors view reads for the selected actor (a screen's worth).
const QUOTE_ARTICLES: usize = 12;
/// Articles the review export takes from the library (the list as shown, from the top).
const EXPORT_MAX: usize = 2_000;

impl App {
    /// The position of the article with content id `cid`.
    pub(super) fn position_of_content(&self, cid: &str) -> Option<usize> {
        self.articles.position_of_content(cid)
    }

    /// Reads article `i` of the library (body, stored extraction) for the reader; an article whose
    /// extraction was stored by another version is extracted here.
    pub(super) fn open_stored(&mut self, i: usize) {
        if self.articles.files().is_some() {
            return;
        }
        match self.articles.open(i) {
            Ok(ex) => {
                let ex = ex.or_else(|| self.articles.get(i).map(crate::extract::extract));
                if let (Some(slot), Some(ex)) = (self.extractions.get_mut(i), ex) {
                    *slot = Some(Arc::new(ex));
                }
            }
            Err(e) => self.status = Some(e.to_string()),
        }
    }

    /// Every article in the list's order, narrowed to its scope (before any filter).
    pub(super) fn base_list(&mut self) -> Vec<usize> {
        let store = &self.store;
        let sorted = self.articles.sorted(self.sort, &|id| store.is_read(id));
        let mut list = match sorted {
            Ok(v) => v,
            Err(e) => {
                self.status = Some(e.to_string());
                (0..self.articles.len()).collect()
            }
        };
        if let Some((_, scope)) = &self.scope {
            match self.articles.in_scope(scope) {
                Ok(keep) => {
                    let keep: std::collections::HashSet<usize> = keep.into_iter().collect();
                    list.retain(|i| keep.contains(i));
                }
                Err(e) => self.status = Some(e.to_string()),
            }
        }
        list
    }

    /// The articles and extractions the review export covers: every file; of the library, the
    /// list as shown (at most [`EXPORT_MAX`]).
    pub(super) fn export_set(&self) -> (Vec<Article>, Vec<Extraction>) {
        if let Some(files) = self.articles.files() {
            let all = (0..files.len())
                .map(|i| match &self.extractions[i] {
                    Some(e) => (**e).clone(),
                    None => crate::extract::extract(&files[i]),
                })
                .collect();
            return ((**files).clone(), all);
        }
        let Some(db) = self.articles.db() else { return Default::default() };
        let ids: Vec<i64> =
            self.list.visible.iter().take(EXPORT_MAX).filter_map(|&i| self.articles.row_id(i)).collect();
        ids.iter()
            .filter_map(|&id| db.article(id).ok().flatten())
            .map(|s| {
                let ex = s.current_extraction().unwrap_or_else(|| crate::extract::extract(&s.article));
                (s.article, ex)
            })
            .unzip()
    }

    /// The actors view: merged from the extractions (files), or read from the library's aggregate.
    pub(super) fn build_actors(&mut self) -> Option<ActorsView> {
        let Some(db) = self.articles.db() else { return Some(ActorsView::build(&self.extractions)) };
        match db.top_actors(ACTORS_SHOWN) {
            Ok(top) => {
                let mut v = ActorsView::from_stored(top, self.articles.len());
                v.quotes = self.stored_quotes(&v);
                Some(v)
            }
            Err(e) => {
                self.status = Some(e.to_string());
                None
            }
        }
    }

    /// The selected actor's quotes in the articles last stored where it speaks.
    fn stored_quotes(&self, v: &ActorsView) -> Vec<(usize, String)> {
        let (Some(db), Some(&(actor, _, quotes))) = (self.articles.db(), v.stored.get(v.selected)) else {
            return Vec::new();
        };
        if quotes == 0 {
            return Vec::new();
        }
        let arts = db.actor_quote_articles(actor, QUOTE_ARTICLES).unwrap_or_default();
        let mut out = Vec::new();
        for (id, idx) in arts {
            let Some(pos) = self.articles.positions_of(&[id]).first().copied() else { continue };
            let Ok(Some(ex)) = db.extraction(id) else { continue };
            out.extend(ex.quotes.iter().filter(|q| q.speaker == Some(idx)).map(|q| (pos, q.text.clone())));
        }
        out
    }

    /// Reloads the library view's quotes after the selection moved.
    pub(super) fn load_actor_quotes(&mut self) {
        let Some(v) = self.actors.as_ref().filter(|v| !v.stored.is_empty()) else { return };
        let quotes = self.stored_quotes(v);
        if let Some(v) = self.actors.as_mut() {
            v.quotes = quotes;
        }
    }

    /// The positions of the selected actor's articles (newest first for the library).
    pub(super) fn selected_actor_articles(&self) -> Vec<usize> {
        let Some(v) = &self.actors else { return Vec::new() };
        match (self.articles.db(), v.stored.get(v.selected)) {
            (Some(db), Some(&(actor, _, _))) => {
                let ids: Vec<i64> = db
                    .actor_articles(actor, usize::MAX)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect();
                self.articles.positions_of(&ids)
            }
            _ => v.current().map(|a| a.articles.clone()).unwrap_or_default(),
        }
    }

    /// Marks every article in the list (as filtered) read.
    pub(super) fn mark_all_read(&mut self) {
        let ids = match self.articles.content_ids(&self.list.visible) {
            Ok(ids) => ids,
            Err(e) => {
                self.status = Some(e.to_string());
                return;
            }
        };
        let mut n = 0;
        for id in &ids {
            if !self.store.is_read(id) {
                self.store.set_read(id, true);
                n += 1;
            }
        }
        self.status = Some(format!("{n} articles marked read"));
        if n > 0 {
            self.save();
        }
    }

    /// The link of the selected article (the open one in the reader).
    fn current_link(&self) -> Option<String> {
        let i = self.reader.article.or(self.list.current())?;
        self.articles.entry(i)?.link
    }

    /// Opens the current article's link in the browser.
    pub(super) fn open_link(&mut self) {
        let Some(link) = self.current_link() else {
            self.status = Some("this article has no link".into());
            return;
        };
        self.status = Some(match links::open(&self.browser, &link) {
            Ok(()) => format!("opening {}", crate::text::sanitize(&link)),
            Err(e) => e,
        });
    }

    /// Copies the current article's link to the clipboard (OSC 52, through the terminal).
    pub(super) fn copy_link(&mut self) {
        match self.current_link().as_deref().and_then(links::safe_url) {
            Some(url) => {
                self.outbox.push(links::osc52(&url));
                self.status = Some(format!("link copied: {url}"));
            }
            None => self.status = Some("this article has no http(s) link".into()),
        }
    }

    /// The next order of the list (date → feed → unread).
    pub(super) fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        let filter = self.list.filter.clone();
        self.set_filter(filter);
        self.status = Some(format!("sorted {}", self.sort.label()));
    }

    /// Narrows the list to the next feed or tag (after the last: everything again).
    pub(super) fn cycle_scope(&mut self) {
        let scopes = match self.articles.scopes() {
            Ok(s) => s,
            Err(e) => {
                self.status = Some(e.to_string());
                return;
            }
        };
        let next = match &self.scope {
            None => 0,
            Some((i, _)) => i + 1,
        };
        self.scope = scopes.get(next).cloned().map(|s| (next, s));
        let filter = self.list.filter.clone();
        self.set_filter(filter);
        // A feed whose last fetch failed says so (the error stays until a good fetch).
        let failed = match (&self.scope, self.articles.db()) {
            (Some((_, crate::db::Scope::Feed(id, _))), Some(db)) => db
                .feeds()
                .ok()
                .and_then(|fs| fs.into_iter().find(|f| f.id == *id))
                .and_then(|f| f.last_error)
                .map(|e| format!(" · last fetch failed: {e}")),
            _ => None,
        };
        self.status = Some(match &self.scope {
            Some((_, s)) => crate::text::sanitize(&format!(
                "{}: {} articles{}",
                s.label(),
                self.list.visible.len(),
                failed.unwrap_or_default()
            ))
            .into_owned(),
            None if scopes.is_empty() => "no feeds to narrow the list to".into(),
            None => "all feeds".into(),
        });
    }

    /// Starts fetching (the current article's feed, or every feed) in the background.
    pub(super) fn fetch(&mut self, all: bool) {
        if self.fetching.is_some() {
            self.status = Some("a fetch is already running".into());
            return;
        }
        let only = if all {
            None
        } else {
            match self.list.current().and_then(|i| self.articles.entry(i)).and_then(|e| e.feed) {
                Some(f) => Some(f),
                None => {
                    self.status = Some("this article is not from a feed (R fetches all)".into());
                    return;
                }
            }
        };
        let dir = match self.articles.db() {
            Some(db) => db.path().parent().map(std::path::Path::to_path_buf),
            None => self.store.path().and_then(|p| p.parent()).map(std::path::Path::to_path_buf),
        };
        let (Some(dir), Some(tx)) = (dir, self.background.clone()) else {
            self.status = Some("no library to fetch into".into());
            return;
        };
        self.fetching = Some(Progress::default());
        super::fetch::spawn(dir, only, tx);
    }

    /// A report from the background fetch.
    pub(super) fn fetch_event(&mut self, ev: FetchEvent) {
        match ev {
            FetchEvent::Feed { done, total, url, added, error } => {
                let p = self.fetching.get_or_insert_with(Progress::default);
                p.done = done;
                p.total = total;
                p.added += added;
                if let Some(e) = error {
                    p.errors.push((url, e));
                }
            }
            FetchEvent::Done(err) => {
                let p = self.fetching.take().unwrap_or_default();
                let mut msg = match err {
                    Some(e) => format!("fetch failed: {e}"),
                    None if p.total == 0 => "no feeds to fetch: sahifa add URL".into(),
                    None => format!("fetched {} feeds: {} new, {} failed", p.total, p.added, p.errors.len()),
                };
                if let Some((url, why)) = p.errors.last() {
                    msg.push_str(&format!(" ({url}: {why})"));
                }
                if p.added > 0 {
                    self.refresh_library();
                }
                self.status = Some(msg);
            }
        }
    }

    /// Reads the library's list again after new articles came in, keeping the selected article.
    fn refresh_library(&mut self) {
        if !matches!(self.articles, Shelf::Library(_)) {
            return;
        }
        let keep = self.list.current().and_then(|i| self.articles.row_id(i));
        if let Err(e) = self.articles.reload() {
            self.status = Some(e.to_string());
            return;
        }
        self.extractions = vec![None; self.articles.len()];
        self.reader = Default::default();
        let filter = self.list.filter.clone();
        self.set_filter(filter);
        if let Some(pos) = keep.and_then(|id| self.articles.positions_of(&[id]).first().copied()) {
            self.list.selected = self.list.visible.iter().position(|&i| i == pos).unwrap_or(0);
        }
        let cur = self.list.current();
        self.reader.article = None;
        self.show(cur);
    }
}
