//! Everything a key (or the mouse) can ask for, as data. Each variant's doc comment is also its line
//! in the help overlay, and its snake_case name is what `config.toml` binds keys to.

use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, )+) => {
        /// A user intention, decoupled from the key that triggers it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in `config.toml`.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)+ }
            }

            /// One line for the help overlay (the variant's doc comment).
            pub fn help(self) -> &'static str {
                match self { $(Action::$variant => concat!($($doc),+).trim_ascii(),)+ }
            }

            /// The action named `name` in `config.toml`.
            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    /// Move down: next article, next highlight, or scroll the text down a line
    Down = "down",
    /// Move up: previous article, previous highlight, or scroll the text up a line
    Up = "up",
    /// Open the selected article, or jump to the selected quote or actor
    Open = "open",
    /// Focus the next pane
    NextPane = "next_pane",
    /// Focus the previous pane
    PrevPane = "prev_pane",
    /// Scroll the reading view down a page
    PageDown = "page_down",
    /// Scroll the reading view up a page
    PageUp = "page_up",
    /// Go to the top
    Top = "top",
    /// Go to the bottom
    Bottom = "bottom",
    /// Search in the article (in the list: filter articles)
    Search = "search",
    /// Next search hit or actor mention
    NextHit = "next_hit",
    /// Previous search hit or actor mention
    PrevHit = "prev_hit",
    /// Star or unstar the article (or the selected quote in the highlights)
    Star = "star",
    /// Mark the article read or unread
    ToggleRead = "toggle_read",
    /// Show or hide the highlights pane (actors and quotes)
    ToggleHighlights = "toggle_highlights",
    /// Unfold or fold what cleaning removed from the article (boilerplate, other stories)
    ToggleRemoved = "toggle_removed",
    /// Write a note on the article (or on the selected quote in the highlights)
    EditNote = "edit_note",
    /// Actors across all articles, with a chart of mentions and quotes; Enter filters the list
    Actors = "actors",
    /// Fetch the selected article's feed in the background
    FetchFeed = "fetch_feed",
    /// Fetch every feed in the background (progress and failures in the status line)
    FetchAll = "fetch_all",
    /// Mark every article in the list (as filtered) read
    MarkAllRead = "mark_all_read",
    /// Open the article's link with $BROWSER (or xdg-open)
    OpenLink = "open_link",
    /// Copy the article's link to the clipboard (OSC 52: works over SSH)
    CopyLink = "copy_link",
    /// Sort the list by date, by feed, or unread first (cycles)
    CycleSort = "cycle_sort",
    /// Show one feed or tag at a time (cycles; Esc shows all)
    CycleScope = "cycle_scope",
    /// Export the review (articles, actors, quotes, stars, notes) to a Markdown file
    Export = "export",
    /// Show or hide this help
    Help = "help",
    /// Close the overlay, the search or the filter
    Close = "close",
    /// Quit (reading state is saved)
    Quit = "quit",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_help_is_the_doc_comment() {
        for &a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
            assert!(!a.help().is_empty());
        }
        assert_eq!(Action::Quit.help(), "Quit (reading state is saved)");
    }

    #[test]
    fn serde_uses_the_config_names() {
        let s = serde_json::to_string(&Action::NextPane).unwrap();
        assert_eq!(s, "\"next_pane\"");
    }
}
