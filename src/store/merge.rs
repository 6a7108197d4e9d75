//! Merging this session's changes onto the state another instance may have saved meanwhile.
//!
//! A three-way merge per field: `base` is the file as this session last saw it, `ours` the
//! session's state, `theirs` the file on disk now, and `changes` the fields this session set
//! (with the time it set them). See the module docs of [`super`] for the rules.

use std::collections::BTreeMap;

use super::model::{ArticleState, CURRENT_VERSION, QuoteState, StateFile};

/// One field of an article's state that a session can change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// [`ArticleState::read`].
    Read,
    /// [`ArticleState::starred`].
    Starred,
    /// [`ArticleState::position`].
    Position,
    /// [`ArticleState::note`].
    Note,
    /// [`QuoteState::starred`] of the quote with this key.
    QuoteStarred(String),
    /// [`QuoteState::note`] of the quote with this key.
    QuoteNote(String),
}

/// The fields this session changed: (article id, field) → Unix millis of its latest change.
pub type Changes = BTreeMap<(String, Field), u64>;

/// A field's value, to compare and copy fields of any type alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// A flag.
    Bool(bool),
    /// A position.
    Pos(u32),
    /// A note.
    Note(Option<String>),
}

/// The value of `f` in an entry (absent entries read as defaults).
pub(crate) fn get(a: Option<&ArticleState>, f: &Field) -> Value {
    let quote = |k: &String| a.and_then(|a| a.quotes.get(k));
    match f {
        Field::Read => Value::Bool(a.is_some_and(|a| a.read)),
        Field::Starred => Value::Bool(a.is_some_and(|a| a.starred)),
        Field::Position => Value::Pos(a.map_or(0, |a| a.position)),
        Field::Note => Value::Note(a.and_then(|a| a.note.clone())),
        Field::QuoteStarred(k) => Value::Bool(quote(k).is_some_and(|q| q.starred)),
        Field::QuoteNote(k) => Value::Note(quote(k).and_then(|q| q.note.clone())),
    }
}

/// Sets `f` in an entry and moves its `updated` (and the quote's) to `when`.
pub(crate) fn set(a: &mut ArticleState, f: &Field, v: Value, when: u64) {
    a.updated = a.updated.max(when);
    match (f, v) {
        (Field::Read, Value::Bool(b)) => a.read = b,
        (Field::Starred, Value::Bool(b)) => a.starred = b,
        (Field::Position, Value::Pos(p)) => a.position = p,
        (Field::Note, Value::Note(n)) => a.note = n,
        (Field::QuoteStarred(k), Value::Bool(b)) => touch(a, k, when).starred = b,
        (Field::QuoteNote(k), Value::Note(n)) => touch(a, k, when).note = n,
        // `get` and `set` agree on each field's type, so other pairs never occur.
        _ => {}
    }
}

/// The quote's entry (created if missing), its time moved to `when`.
fn touch<'a>(a: &'a mut ArticleState, qkey: &str, when: u64) -> &'a mut QuoteState {
    let q = a.quotes.entry(qkey.to_string()).or_default();
    q.updated = q.updated.max(when);
    q
}

/// When `theirs` last changed what `f` belongs to (the article, or the quote for quote fields).
fn stamp(a: Option<&ArticleState>, f: &Field) -> u64 {
    match f {
        Field::QuoteStarred(k) | Field::QuoteNote(k) => {
            a.and_then(|a| a.quotes.get(k)).map_or(0, |q| q.updated)
        }
        _ => a.map_or(0, |a| a.updated),
    }
}

/// Merges `changes` (values taken from `ours`) onto `theirs` and returns the result and the
/// changes that lost to a later change made elsewhere.
///
/// For each changed field: if `theirs` still holds `base`'s value, ours is taken; if both sides
/// changed it, the later change wins (ours when its time is at least `theirs`'s `updated`).
/// Fields this session did not change are `theirs`'s.
pub fn merge(
    base: &StateFile,
    ours: &StateFile,
    mut theirs: StateFile,
    changes: &Changes,
) -> (StateFile, Vec<(String, Field)>) {
    let mut lost = Vec::new();
    for ((id, field), &when) in changes {
        let mine = get(ours.articles.get(id), field);
        let disk = theirs.articles.get(id);
        let untouched = get(disk, field) == get(base.articles.get(id), field);
        if untouched || when >= stamp(disk, field) {
            set(theirs.articles.entry(id.clone()).or_default(), field, mine, when);
        } else {
            lost.push((id.clone(), field.clone()));
        }
    }
    theirs.version = theirs.version.max(CURRENT_VERSION);
    theirs.prune();
    (theirs, lost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(entries: &[(&str, ArticleState)]) -> StateFile {
        let mut f = StateFile::default();
        for (id, a) in entries {
            f.articles.insert((*id).to_string(), a.clone());
        }
        f
    }

    #[test]
    fn different_fields_of_one_article_both_kept() {
        let base = StateFile::default();
        let ours = file(&[("a", ArticleState { starred: true, updated: 10, ..Default::default() })]);
        let theirs = file(&[("a", ArticleState { read: true, updated: 20, ..Default::default() })]);
        let changes = Changes::from([(("a".into(), Field::Starred), 10)]);
        let (m, lost) = merge(&base, &ours, theirs, &changes);
        assert!(lost.is_empty());
        assert!(m.articles["a"].read && m.articles["a"].starred);
        assert_eq!(m.articles["a"].updated, 20);
    }

    #[test]
    fn same_field_later_change_wins() {
        let base = file(&[("a", ArticleState { starred: true, updated: 1, ..Default::default() })]);
        let ours = file(&[("a", ArticleState { starred: false, updated: 10, ..Default::default() })]);
        let later = file(&[(
            "a",
            ArticleState { starred: true, note: Some("n".into()), updated: 20, ..Default::default() },
        )]);
        let changes = Changes::from([(("a".into(), Field::Starred), 10), (("a".into(), Field::Note), 10)]);
        // Their note changed after our change: theirs is kept; our starred change is untouched there.
        let (m, lost) = merge(&base, &ours, later, &changes);
        assert_eq!(lost, vec![("a".to_string(), Field::Note)]);
        assert!(!m.articles["a"].starred);
        assert_eq!(m.articles["a"].note.as_deref(), Some("n"));
        let earlier =
            file(&[("a", ArticleState { note: Some("n".into()), updated: 5, ..Default::default() })]);
        let (m, lost) = merge(&base, &ours, earlier, &changes);
        assert!(lost.is_empty());
        // Our later changes (unstar, no note) win and leave nothing to keep.
        assert!(!m.articles.contains_key("a"));
    }

    #[test]
    fn quote_fields_merge_per_quote() {
        let mut ours_a = ArticleState::default();
        ours_a
            .quotes
            .insert("1-2-aa".into(), QuoteState { starred: true, updated: 10, ..Default::default() });
        let mut theirs_a = ArticleState { updated: 30, ..Default::default() };
        theirs_a.quotes.insert(
            "3-4-bb".into(),
            QuoteState { note: Some("x".into()), updated: 30, ..Default::default() },
        );
        let changes = Changes::from([(("a".into(), Field::QuoteStarred("1-2-aa".into())), 10)]);
        let (m, _) =
            merge(&StateFile::default(), &file(&[("a", ours_a)]), file(&[("a", theirs_a)]), &changes);
        assert!(m.articles["a"].quotes["1-2-aa"].starred);
        assert_eq!(m.articles["a"].quotes["3-4-bb"].note.as_deref(), Some("x"));
    }

    #[test]
    fn unstarring_everything_prunes_the_entry() {
        let base = file(&[("a", ArticleState { starred: true, updated: 1, ..Default::default() })]);
        let ours = file(&[("a", ArticleState { updated: 2, ..Default::default() })]);
        let changes = Changes::from([(("a".into(), Field::Starred), 2)]);
        let (m, _) = merge(&base, &ours, base.clone(), &changes);
        assert!(m.articles.is_empty());
    }
}
