//! Articles: the model, loading from files, folders and stdin, and cleaning.
//!
//! Call [`load_paths`] (or [`load_bundled`] for the compiled-in seeds): it returns every article it
//! could read, cleaned unless [`LoadOptions::raw`], and one warning line per problem.

pub mod clean;
pub mod decode;
pub mod furniture;
pub mod load;
pub mod minhash;
mod normalize;
pub mod rules;
pub mod story;

use std::ops::Range;

pub use load::{LoadOptions, Loaded, load_bundled, load_bytes, load_paths};

use crate::text::BaseDirection;

/// The format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: first non-empty line the title.
    Text,
    /// Markdown, reduced to text.
    Markdown,
    /// A web page.
    Html,
    /// RSS 2.0 feed item.
    Rss,
    /// Atom feed entry.
    Atom,
    /// JSON Feed item.
    JsonFeed,
    /// A JSON object or array of objects.
    Json,
    /// One JSON object a line.
    JsonLines,
}

/// One article, cleaned (unless loaded raw).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable id: a hash of the title and body, so moving the file keeps reading state.
    pub id: String,
    /// Where it came from as the user named it (`-` for stdin, `seeds/…` for bundled ones).
    pub path: String,
    /// Position of the article in its file (0 for single-article files).
    pub index: usize,
    /// Format it was read from.
    pub format: Format,
    /// Encoding it was decoded from (e.g. `UTF-8`, `windows-1256`).
    pub encoding: String,
    /// Headline (may be empty when the file has none).
    pub title: String,
    /// The paragraphs joined by blank lines (`"\n\n"`); every byte offset in sahifa points here.
    pub body: String,
    /// Byte range of each paragraph in `body`.
    pub paragraphs: Vec<Range<usize>>,
    /// Link to the original.
    pub url: Option<String>,
    /// Publication date as given.
    pub date: Option<String>,
    /// Outlet or feed name.
    pub source: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// A feed item's identity in its feed (guid / id), when it came from a feed.
    pub guid: Option<String>,
    /// Direction of the text (from the first strong letter of title and body).
    pub direction: BaseDirection,
    /// What cleaning took out (boilerplate, other stories), kept aside for the reader to unfold.
    pub removed: Vec<clean::Removed>,
}

impl Article {
    /// Builds an article from its title and paragraphs; computes id, body and direction.
    ///
    /// Every string is passed through [`crate::text::sanitize`] here, once: nothing from a file
    /// (escape sequences, C0/C1 controls, bidi overrides) reaches the reader, the commands' output or
    /// the byte offsets that extraction and search hand out.
    pub fn new(
        path: &str,
        index: usize,
        format: Format,
        encoding: &str,
        title: String,
        paragraphs: Vec<String>,
    ) -> Article {
        use crate::text::sanitize;
        // Sized once (no doubling), and each paragraph freed as soon as it is copied: a long
        // article is held about once, not three times.
        let mut body = String::with_capacity(paragraphs.iter().map(|p| p.len() + 2).sum());
        let mut ranges = Vec::with_capacity(paragraphs.len());
        for p in paragraphs {
            let p = sanitize(&p);
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            let start = body.len();
            body.push_str(p);
            ranges.push(start..body.len());
        }
        let title = match sanitize(&title) {
            std::borrow::Cow::Borrowed(_) => title,
            std::borrow::Cow::Owned(t) => t,
        };
        let id = content_id(&title, &body);
        let direction = first_strong(&title).or_else(|| first_strong(&body)).unwrap_or(BaseDirection::Ltr);
        Article {
            id,
            path: sanitize(path).into_owned(),
            index,
            format,
            encoding: encoding.to_string(),
            title,
            body,
            paragraphs: ranges,
            url: None,
            date: None,
            source: None,
            author: None,
            guid: None,
            direction,
            removed: Vec::new(),
        }
    }

    /// Moves the paragraphs marked in `drop` (one flag per paragraph) into [`Article::removed`],
    /// at their places; body, ranges and id are recomputed.
    pub fn remove_paragraphs(&mut self, drop: &[bool]) {
        let texts: Vec<String> = self.paragraph_texts().map(str::to_string).collect();
        // Old removed blocks, by the old index of the paragraph they stood before.
        let mut old: Vec<clean::Removed> = std::mem::take(&mut self.removed);
        let mut kept: Vec<String> = Vec::new();
        let mut removed: Vec<clean::Removed> = Vec::new();
        let push = |removed: &mut Vec<clean::Removed>, at: usize, lines: Vec<String>| match removed.last_mut()
        {
            Some(r) if r.at == at => r.lines.extend(lines),
            _ => removed.push(clean::Removed { at, lines }),
        };
        for (i, t) in texts.into_iter().enumerate() {
            for r in old.iter_mut().filter(|r| r.at == i) {
                push(&mut removed, kept.len(), std::mem::take(&mut r.lines));
            }
            if drop.get(i).copied().unwrap_or(false) {
                push(&mut removed, kept.len(), vec![t]);
            } else {
                kept.push(t);
            }
        }
        let n = self.paragraphs.len();
        for r in old.iter_mut().filter(|r| r.at >= n) {
            push(&mut removed, kept.len(), std::mem::take(&mut r.lines));
        }
        let mut body = String::new();
        let mut ranges = Vec::with_capacity(kept.len());
        for p in &kept {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            let start = body.len();
            body.push_str(p);
            ranges.push(start..body.len());
        }
        self.id = content_id(&self.title, &body);
        self.body = body;
        self.paragraphs = ranges;
        self.removed = removed;
    }

    /// Makes the optional fields (url, date, source, author) safe to show, as [`Article::new`] does
    /// for the rest. Loaders call it after filling them.
    pub fn sanitize_meta(&mut self) {
        for f in [&mut self.url, &mut self.date, &mut self.source, &mut self.author, &mut self.guid] {
            if let Some(v) = f.as_mut()
                && let std::borrow::Cow::Owned(clean) = crate::text::sanitize(v)
            {
                *v = clean;
            }
        }
    }

    /// The paragraphs' text, in order.
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs.iter().map(|r| &self.body[r.clone()])
    }

    /// The title to show: the headline, or for an article without one its first words and "…".
    pub fn display_title(&self) -> String {
        if !self.title.trim().is_empty() {
            return self.title.clone();
        }
        let words: Vec<&str> = self.body.split_whitespace().take(9).collect();
        let more = self.body.split_whitespace().nth(9).is_some();
        let mut t = words.join(" ");
        if more {
            t.push('…');
        }
        t
    }

    /// Number of words of title and body.
    pub fn word_count(&self) -> usize {
        self.title.split_whitespace().count() + self.body.split_whitespace().count()
    }
}

/// A stable id for an article's content: 16 hex digits of XXH3-64 over title and body.
pub fn content_id(title: &str, body: &str) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(title.as_bytes());
    h.update(&[0]);
    h.update(body.as_bytes());
    format!("{:016x}", h.digest())
}

/// Direction of the first strong character, if any.
fn first_strong(s: &str) -> Option<BaseDirection> {
    use unicode_bidi::{BidiClass, bidi_class};
    s.chars().find_map(|c| match bidi_class(c) {
        BidiClass::L => Some(BaseDirection::Ltr),
        BidiClass::R | BidiClass::AL => Some(BaseDirection::Rtl),
        _ => None,
    })
}

/// The bundled sample articles (compiled in), as (file name, text).
pub const BUNDLED: &[(&str, &str)] = &[
    ("seeds/000_bb4b77b62cfebfb5.txt", include_str!("../../seeds/000_bb4b77b62cfebfb5.txt")),
    ("seeds/001_ab347057d505572f.txt", include_str!("../../seeds/001_ab347057d505572f.txt")),
    ("seeds/002_462bbe564c48e55a.txt", include_str!("../../seeds/002_462bbe564c48e55a.txt")),
    ("seeds/003_a25564347d838f35.txt", include_str!("../../seeds/003_a25564347d838f35.txt")),
    ("seeds/004_b14c644140988ae2.txt", include_str!("../../seeds/004_b14c644140988ae2.txt")),
];

/// Plain text as an article: first non-empty line the title, paragraphs at newlines.
pub fn from_plain_text(path: &str, text: &str) -> Article {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or_default().to_string();
    let paragraphs = lines.map(str::to_string).collect();
    Article::new(path, 0, Format::Text, "UTF-8", title, paragraphs)
}
