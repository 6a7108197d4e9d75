//! The actors view's state: every actor of the library, merged across articles and spellings, from
//! the extractions that have arrived so far.

use crate::extract::Extraction;
use crate::library::{LibraryActor, merge_actors};

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

impl ActorsView {
    /// Merges the extractions available (missing ones count as empty).
    pub fn build(extractions: &[Option<std::sync::Arc<Extraction>>]) -> ActorsView {
        let all: Vec<Extraction> =
            extractions.iter().map(|e| e.as_deref().cloned().unwrap_or_default()).collect();
        let mut actors = merge_actors(&all);
        actors.sort_by_key(|a| std::cmp::Reverse((a.mentions, a.quotes.len())));
        ActorsView {
            actors,
            extracted: extractions.iter().filter(|e| e.is_some()).count(),
            selected: 0,
            offset: 0,
            stored: Vec::new(),
            quotes: Vec::new(),
        }
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
