//! Notes and starred quotes mirrored to the server: opt-in (`mirror_notes = true` under `[sync]`,
//! or `sahifa sync --mirror-notes`), one way. They are sahifa's own and stay in the reader's state
//! file; the server gets a copy where its API has somewhere to put one, and nothing comes back.
//!
//! What an article carries ([`Annotation`]): the user's note on it, and its starred or annotated
//! quotes (their text, from the article's body, and their notes). Per API:
//! - **Tiny Tiny RSS**: the article's note (`updateArticle` field 3), written as [`render_note`]:
//!   a first line `[sahifa XXXXXXXX]` (8 hex digits of a hash of the rest), the note, then each
//!   quote as `★ «text»` (starred) or `«text»`, its note on the next line after `✎ `. Before
//!   writing, the note on the server is read (`getArticle`): it is replaced only when it is empty
//!   or when it is still exactly what a sahifa wrote ([`written_by_sahifa`]: the marker's hash
//!   matches the text). A note typed in TT-RSS, or a sahifa note edited there, is the user's: it
//!   is left as it is and the sync says so. TT-RSS strips tags from what it stores and shows the
//!   note as HTML, so `&`, `<` and `>` are sent as entities.
//! - **Google Reader API**: user labels through `edit-tag`: [`NOTE_LABEL`] on an article with a
//!   note, [`QUOTE_LABEL`] on one with starred or annotated quotes (the text stays here: labels
//!   hold no text). sahifa adds and removes only these two labels. FreshRSS keeps them (creating
//!   the label on first use); Miniflux refuses labels on articles (`unsupported tag type`), and
//!   the refusal is remembered for the account until `sahifa sync --mirror-notes` asks again.
//! - **Fever**: no notes and no tags; nothing is sent and the sync report says so.
//!
//! Changes go through the sync queue like any other (queued first, sent in order, kept when the
//! server is out of reach); the library remembers, per item, what the server has from us.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::db::{Db, DbError};
use crate::store::{Store, quote_key_hash, quote_text_hash};

/// The Google Reader API label of articles with a note.
pub const NOTE_LABEL: &str = "sahifa-note";
/// The Google Reader API label of articles with starred or annotated quotes.
pub const QUOTE_LABEL: &str = "sahifa-quote";

/// Whether and how a sync mirrors notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mirror {
    /// Not at all (the default).
    #[default]
    Off,
    /// Mirrors them (`mirror_notes = true`).
    On,
    /// Mirrors them, and asks again a server that refused them before (`--mirror-notes`).
    Retry,
}

/// What sahifa mirrors of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// The user's note on the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Its starred or annotated quotes, in the order of the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteMark>,
}

/// One starred or annotated quote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteMark {
    /// Its text (None when the article's body no longer has it where the key says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Starred.
    #[serde(default)]
    pub starred: bool,
    /// The user's note on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What became of one article's annotation on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mirrored {
    /// The server has it now.
    Written,
    /// The server holds a note written elsewhere, kept as it is.
    KeptTheirs,
    /// The server already had what it should have (or nothing of ours was there to clear).
    Unchanged,
}

/// One article's annotation to mirror: what the server has from us, and what it should have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteChange {
    /// The remote item id.
    pub id: String,
    /// What the last accepted mirror sent (empty: nothing).
    pub before: Annotation,
    /// What it should be now (empty: nothing; a label is removed, our note cleared).
    pub after: Annotation,
}

impl Annotation {
    /// Nothing to mirror.
    pub fn is_empty(&self) -> bool {
        self.note.is_none() && self.quotes.is_empty()
    }

    /// As stored in the queue and the snapshot (None when empty).
    pub fn to_json(&self) -> Option<String> {
        (!self.is_empty()).then(|| serde_json::to_string(self).unwrap_or_default())
    }

    /// From the queue or the snapshot (None or unreadable: empty).
    pub fn from_json(s: Option<&str>) -> Annotation {
        s.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default()
    }

    /// The Google Reader API labels it stands for.
    pub fn labels(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.note.is_some() {
            out.push(NOTE_LABEL);
        }
        if !self.quotes.is_empty() {
            out.push(QUOTE_LABEL);
        }
        out
    }
}

/// The annotations in the reader's state file, by content id, as stored in the queue (only
/// articles of the library with a note or a starred or annotated quote).
pub fn collect(db: &Db, store: &Store) -> Result<HashMap<String, String>, DbError> {
    let mut out = HashMap::new();
    for (cid, st) in store.articles() {
        let marked: Vec<(&String, &crate::store::QuoteState)> =
            st.quotes.iter().filter(|(_, q)| q.starred || q.note.is_some()).collect();
        if st.note.is_none() && marked.is_empty() {
            continue;
        }
        let Some(row) = db.id_of_content(cid)? else { continue };
        let body = if marked.is_empty() { None } else { db.article(row)?.map(|a| a.article.body) };
        let mut quotes: Vec<(usize, QuoteMark)> = marked
            .into_iter()
            .map(|(key, q)| {
                let (start, text) = quote_text(body.as_deref(), key).unzip();
                let mark =
                    QuoteMark { text: text.map(str::to_string), starred: q.starred, note: q.note.clone() };
                (start.unwrap_or(usize::MAX), mark)
            })
            .collect();
        quotes.sort_by_key(|(start, _)| *start);
        let a = Annotation { note: st.note.clone(), quotes: quotes.into_iter().map(|(_, q)| q).collect() };
        if let Some(json) = a.to_json() {
            out.insert(cid.to_string(), json);
        }
    }
    Ok(out)
}

/// The quote a key (`start-end-hash`) names in `body`, with its start, when it is still there.
fn quote_text<'a>(body: Option<&'a str>, key: &str) -> Option<(usize, &'a str)> {
    let mut parts = key.splitn(3, '-');
    let start: usize = parts.next()?.parse().ok()?;
    let end: usize = parts.next()?.parse().ok()?;
    let text = body?.get(start..end)?;
    (Some(quote_text_hash(text).as_str()) == quote_key_hash(key)).then_some((start, text))
}

/// The TT-RSS note for an annotation: the marker line, then the text ("" for an empty one).
pub fn render_note(a: &Annotation) -> String {
    if a.is_empty() {
        return String::new();
    }
    let mut body = String::new();
    if let Some(n) = &a.note {
        body.push_str(&escape(n.trim()));
    }
    for q in &a.quotes {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let text = escape(q.text.as_deref().unwrap_or("…").trim());
        body.push_str(&if q.starred { format!("★ «{text}»") } else { format!("«{text}»") });
        if let Some(n) = &q.note {
            body.push_str(&format!("\n✎ {}", escape(n.trim())));
        }
    }
    format!("{}\n{body}", marker(&body))
}

/// Whether a note on the server is exactly as a sahifa wrote it (its marker's hash matches its
/// text); an empty note counts as free to write.
pub fn written_by_sahifa(note: &str) -> bool {
    if note.is_empty() {
        return true;
    }
    match note.split_once('\n') {
        Some((first, body)) => first == marker(body),
        None => false,
    }
}

fn marker(body: &str) -> String {
    format!("[sahifa {:08x}]", xxhash_rust::xxh3::xxh3_64(body.as_bytes()) >> 32)
}

/// `&`, `<`, `>` as entities: TT-RSS strips tags from a note and shows it as HTML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotated() -> Annotation {
        Annotation {
            note: Some("راجع الأرقام <مهم> & قارن".into()),
            quotes: vec![
                QuoteMark {
                    text: Some("إن المحادثات كانت مثمرة".into()), starred: true, note: None
                },
                QuoteMark { text: None, starred: false, note: Some("من قالها؟".into()) },
            ],
        }
    }

    #[test]
    fn the_tt_rss_note_carries_its_marker_and_escapes_markup() {
        let n = render_note(&annotated());
        let (first, body) = n.split_once('\n').unwrap();
        assert!(first.starts_with("[sahifa ") && first.len() == "[sahifa 12345678]".len(), "{first}");
        assert_eq!(
            body,
            "راجع الأرقام &lt;مهم&gt; &amp; قارن\n\n★ «إن المحادثات كانت مثمرة»\n\n«…»\n✎ من قالها؟"
        );
        assert!(written_by_sahifa(&n));
        assert!(written_by_sahifa(""), "an empty note is free");
        assert_eq!(render_note(&Annotation::default()), "");
    }

    #[test]
    fn a_note_typed_or_edited_on_the_server_is_not_ours() {
        assert!(!written_by_sahifa("ملاحظة كتبتها في المتصفح"));
        assert!(!written_by_sahifa("[sahifa 00000000]\nنص"), "a marker that does not match its text");
        let mut edited = render_note(&annotated());
        edited.push_str(" وأضفت هذا");
        assert!(!written_by_sahifa(&edited), "our note, edited in TT-RSS");
    }

    #[test]
    fn labels_and_json_round_trip() {
        let a = annotated();
        assert_eq!(a.labels(), vec![NOTE_LABEL, QUOTE_LABEL]);
        assert_eq!(Annotation::from_json(a.to_json().as_deref()), a);
        assert_eq!(Annotation::default().to_json(), None);
        assert!(Annotation::from_json(Some("not json")).is_empty());
        let only_quote = Annotation { note: None, quotes: a.quotes.clone() };
        assert_eq!(only_quote.labels(), vec![QUOTE_LABEL]);
    }

    #[test]
    fn quote_text_is_found_by_its_key_only_when_still_there() {
        let body = "قال الوزير إن المحادثات كانت مثمرة.";
        let q = "إن المحادثات كانت مثمرة";
        let start = body.find(q).unwrap();
        let key = crate::store::quote_key(q, start);
        assert_eq!(quote_text(Some(body), &key), Some((start, q)));
        assert_eq!(quote_text(Some("نص آخر تماما لا يحوي الاقتباس نفسه أبدا"), &key), None);
        assert_eq!(quote_text(None, &key), None);
        assert_eq!(quote_text(Some(body), "garbage"), None);
    }
}
