//! Per-pane view state: selection, scroll, search and the reader's cached layout.

use std::ops::Range;

use super::doc::Doc;
use crate::extract::Extraction;

/// The panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The article list.
    #[default]
    List,
    /// The reading view.
    Reader,
    /// Actors and quotes.
    Highlights,
}

impl Pane {
    /// Tab order.
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Highlights];

    /// Name on the tab bar and in the status line.
    pub fn label(self) -> &'static str {
        match self {
            Pane::List => "Articles",
            Pane::Reader => "Reader",
            Pane::Highlights => "Highlights",
        }
    }
}

/// The article list.
#[derive(Debug, Clone, Default)]
pub struct ListView {
    /// Indexes of the articles shown (all, or those matching the filter), in order.
    pub visible: Vec<usize>,
    /// Position of the selection in `visible`.
    pub selected: usize,
    /// First visible item (scroll).
    pub offset: usize,
    /// The filter typed after `/`, if any.
    pub filter: String,
    /// The actor whose articles are shown (Enter in the actors view), if any.
    pub actor: Option<String>,
}

impl ListView {
    /// The article index under the selection.
    pub fn current(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }
}

/// Where the reader's n/N steps go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// What produced them (the query, or the actor's name).
    pub label: String,
    /// Body byte ranges, in order.
    pub ranges: Vec<Range<usize>>,
    /// The current one.
    pub current: usize,
}

/// The reading view.
#[derive(Debug, Clone, Default)]
pub struct ReaderView {
    /// The open article.
    pub article: Option<usize>,
    /// The top row shown.
    pub scroll: usize,
    /// The article laid out at the pane's width (rebuilt when width or article change).
    pub doc: Option<Doc>,
    /// Search hits or actor mentions being stepped through.
    pub hits: Option<Hits>,
    /// Quote jumped to from the highlights pane.
    pub marked_quote: Option<usize>,
    /// Whether what cleaning removed is shown unfolded.
    pub unfolded: bool,
}

/// One line of the highlights pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HlItem {
    /// An actor (index into the extraction's actors).
    Actor(usize),
    /// A quote (index into the extraction's quotes).
    Quote(usize),
}

/// Actors by number of mentions (most first), then quotes in reading order.
pub fn hl_items(ex: &Extraction) -> Vec<HlItem> {
    let mut actors: Vec<usize> = (0..ex.actors.len()).collect();
    actors.sort_by_key(|&i| std::cmp::Reverse(ex.actors[i].mentions.len()));
    actors.into_iter().map(HlItem::Actor).chain((0..ex.quotes.len()).map(HlItem::Quote)).collect()
}

/// The highlights pane.
#[derive(Debug, Clone, Default)]
pub struct HighlightsView {
    /// Selected item.
    pub selected: usize,
    /// First visible line (scroll).
    pub offset: usize,
}

/// Text being typed after `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Which pane it searches.
    pub target: Pane,
    /// What has been typed, in logical order.
    pub text: String,
}
