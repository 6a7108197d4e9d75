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
        }
    }

    /// The selected actor.
    pub fn current(&self) -> Option<&LibraryActor> {
        self.actors.get(self.selected)
    }
}
