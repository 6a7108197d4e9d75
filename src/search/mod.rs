//! Arabic-aware search: one matcher for every search in sahifa, and the cross-article index.
//!
//! # Query syntax
//! * `أذربيجان` — a word. It matches the same word however it is spelled (hamza and alef forms,
//!   `ى`/`ي`, `ة`/`ه`, harakat, tatweel, presentation forms, Arabic-Indic digits, no-break spaces:
//!   [`crate::extract::normalize`]), with its clitics (`و ف ب ل ك`, the article `ال` and
//!   `وال بال فال كال لل …`) and its common suffixes (`ية ي يون يين يات ة ات ون ين ها ه`), by a
//!   light stemmer ([`stem`]). Query words are reduced like the words of the text, so `أذربيجان`,
//!   `اذربيجان` and `الأذربيجانية` find the same articles. Type a query word without a one-letter
//!   proclitic (`أذربيجان`, not `وأذربيجان`): a first `و ف ب ل ك` of a query word is taken as part of it.
//! * `=أذربيجان` — an exact word: spelling folded, nothing stripped (not `وأذربيجان`, not
//!   `الأذربيجانية`).
//! * `"نيكول باشينيان"` (or `«…»`, `“…”`) — a phrase: these words one after the other.
//! * Several words or phrases: all of them, anywhere in the title or the body.
//!
//! While the user types ([`Query::parse_typing`]) the last word is a prefix: `أذرب` already finds
//! `الأذربيجانية`.
//!
//! # Use
//! [`Query::find`] gives the exact byte spans of the hits in one text (title and body are
//! searched separately); [`Index`] answers a query over a whole library without reading the
//! texts again; [`snippet`] cuts an excerpt around a hit.

mod fts;
mod index;
mod query;
mod snippet;
pub mod stem;

pub use fts::{Terms, fts_query, terms};
pub use index::Index;
pub(crate) use query::tokenize;
pub use query::{Query, Term, WordMatch};
pub use snippet::snippet;

#[cfg(test)]
mod tests;
