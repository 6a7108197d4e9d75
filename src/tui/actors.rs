//! The actors view's state: every actor of the library, merged across articles and spellings, from
//! the extractions that have arrived so far.
//!
//! The merge runs off the UI thread when the reader has a background channel (it is linear, but a
//! library of 50,000 articles still takes a while): the view opens at once, shows the articles read
//! so far, `Esc` closes it and cancels the merge. Without a channel (tests) it runs in place.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::app::{App, Event};
use crate::extract::Extraction;
use crate::library::{LibraryActor, merge_actors_partial};

/// The actors view.
#[derive(Debug, Clone, Default)]
pub struct ActorsView {
    /// Actors, most mentioned first.
    pub actors: Vec<LibraryActor>,
    /// How many articles' extractions went into it.
    pub extracted: usize,
    /// Selected actor.
    pub selected: usize,
    /// First actor shown.
    pub offset: usize,
    /// Read from the library's aggregate: each actor's row id, articles and quotes (parallel to
    /// `actors`, whose article and quote lists stay empty); empty for files.
    pub stored: Vec<(i64, usize, usize)>,
    /// The selected actor's quotes from the library: the article's position and the text.
    pub quotes: Vec<(usize, String)>,
}

/// A merge running off the UI thread.
#[derive(Debug)]
pub struct ActorsJob {
    /// Which merge (results of an older one are dropped).
    pub id: u64,
    /// Set to stop the merge.
    pub cancel: Arc<AtomicBool>,
    /// Articles read so far, of `total`.
    pub done: usize,
    /// Articles to read.
    pub total: usize,
    /// More extractions arrived since it started: merge again when it is done.
    pub stale: bool,
}

impl ActorsView {
    /// Merges the extractions available (missing ones count as empty).
    pub fn build(extractions: &[Option<Arc<Extraction>>]) -> ActorsView {
        Self::build_until(extractions, &mut |_| true).unwrap_or_default()
    }

    /// [`Self::build`], reporting progress and stopping (`None`) when `progress` returns false.
    fn build_until(
        extractions: &[Option<Arc<Extraction>>],
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Option<ActorsView> {
        let mut actors = merge_actors_partial(extractions, progress)?;
        actors.sort_by_key(|a| std::cmp::Reverse((a.mentions, a.quotes.len())));
        Some(ActorsView {
            actors,
            extracted: extractions.iter().filter(|e| e.is_some()).count(),
            selected: 0,
            offset: 0,
            stored: Vec::new(),
            quotes: Vec::new(),
        })
    }

    /// The view over the library's `actors` (most mentioned first), as its aggregate counts them.
    pub fn from_stored(actors: Vec<crate::db::actors::ActorSummary>, articles: usize) -> ActorsView {
        ActorsView {
            stored: actors.iter().map(|a| (a.id, a.articles as usize, a.quotes as usize)).collect(),
            actors: actors
                .into_iter()
                .map(|a| LibraryActor {
                    name: a.name,
                    kind: a.kind,
                    aliases: Vec::new(),
                    articles: Vec::new(),
                    mentions: a.mentions as usize,
                    quotes: Vec::new(),
                })
                .collect(),
            extracted: articles,
            selected: 0,
            offset: 0,
            quotes: Vec::new(),
        }
    }

    /// Articles and quotes of actor `i`: counted by the aggregate, or from its lists.
    pub fn counts(&self, i: usize) -> (usize, usize) {
        match (self.stored.get(i), self.actors.get(i)) {
            (Some(&(_, arts, quotes)), _) => (arts, quotes),
            (None, Some(a)) => (a.articles.len(), a.quotes.len()),
            (None, None) => (0, 0),
        }
    }

    /// The selected actor.
    pub fn current(&self) -> Option<&LibraryActor> {
        self.actors.get(self.selected)
    }
}

impl App {
    /// Opens the actors view (or closes it, cancelling a merge under way).
    pub(super) fn toggle_actors(&mut self) {
        if self.actors.is_some() {
            self.close_actors();
        } else if self.articles.db().is_some() {
            // The library's aggregate is counted by the database: one query, no merge.
            self.actors = self.build_actors();
        } else {
            self.actors = Some(ActorsView::default());
            self.merge_actors();
        }
    }

    /// Closes the actors view; a merge under way is cancelled.
    pub(super) fn close_actors(&mut self) {
        self.actors = None;
        if let Some(job) = self.actors_job.take() {
            job.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Merges the actors of the extractions so far: off the UI thread when there is a background
    /// channel, in place otherwise.
    pub(super) fn merge_actors(&mut self) {
        let Some(tx) = self.background.clone() else {
            let sel = self.actors.as_ref().map_or(0, |v| v.selected);
            let mut v = ActorsView::build(&self.extractions);
            v.selected = sel.min(v.actors.len().saturating_sub(1));
            self.actors = Some(v);
            return;
        };
        if let Some(job) = self.actors_job.take() {
            job.cancel.store(true, Ordering::Relaxed);
        }
        let id = self.actors_job_id.wrapping_add(1);
        self.actors_job_id = id;
        let cancel = Arc::new(AtomicBool::new(false));
        let total = self.extractions.len();
        // A snapshot of Arcs: cheap, and the UI goes on receiving extractions meanwhile.
        let snapshot = self.extractions.clone();
        let stop = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new().name("sahifa-actors".into()).spawn(move || {
            let mut progress = |done: usize| {
                let _ = tx.send(Event::ActorsProgress(id, done, total));
                !stop.load(Ordering::Relaxed)
            };
            if let Some(v) = ActorsView::build_until(&snapshot, &mut progress) {
                let _ = tx.send(Event::ActorsMerged(id, Box::new(v)));
            }
        });
        match spawned {
            Ok(_) => self.actors_job = Some(ActorsJob { id, cancel, done: 0, total, stale: false }),
            Err(e) => self.status = Some(format!("cannot merge the actors: {e}")),
        }
    }

    /// A merge reported progress.
    pub(super) fn actors_progress(&mut self, id: u64, done: usize) {
        if let Some(job) = self.actors_job.as_mut().filter(|j| j.id == id) {
            job.done = done;
        }
    }

    /// A merge finished: its view replaces the one shown (keeping the selection).
    pub(super) fn actors_merged(&mut self, id: u64, mut v: ActorsView) {
        if self.actors_job.as_ref().is_none_or(|j| j.id != id) {
            return;
        }
        let stale = self.actors_job.take().is_some_and(|j| j.stale);
        let Some(old) = self.actors.as_ref() else { return };
        v.selected = old.selected.min(v.actors.len().saturating_sub(1));
        v.offset = old.offset;
        self.actors = Some(v);
        if stale {
            self.merge_actors();
        }
    }

    /// An extraction arrived: once every article is extracted, an open view is merged again.
    pub(super) fn actors_extracted(&mut self) {
        let n = self.extractions.len();
        if self.extracted_count < n
            || self.actors.as_ref().is_none_or(|v| v.extracted >= n || !v.stored.is_empty())
        {
            return;
        }
        match self.actors_job.as_mut() {
            Some(job) => job.stale = true,
            None => self.merge_actors(),
        }
    }
}
