//! Who is named and who said what: names recognised by a trained tagger (`ner`), actors linked
//! from them by rules and lexicons, and quotes attributed to them.
//!
//! Every span is a byte range in [`crate::article::Article::body`].

use std::ops::Range;

mod actors;
pub mod attribution;
mod doc;
pub mod lexicon;
mod marks;
pub mod morph;
pub mod ner;
pub mod normalize;
mod quotes;
mod sources;
mod stored;

#[doc(hidden)]
pub use quotes::{Candidate as AttributionCandidate, Sample as AttributionSample};

use crate::article::Article;

/// What kind of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A named person (or an anonymous source).
    Person,
    /// Ministries, agencies, parties, media, alliances.
    Organization,
    /// A state.
    Country,
    /// Regions, cities, corridors.
    Place,
    /// Ethnic groups, unnamed groups.
    Other,
}

/// Someone or something named in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Canonical name: the fullest form found.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Every distinct surface form as written, clitics included.
    pub aliases: Vec<String>,
    /// Byte span of every mention in the body.
    pub mentions: Vec<Range<usize>>,
}

/// Kind of quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A full sentence or more in quotation marks.
    Direct,
    /// A quoted phrase inside the writer's own sentence.
    Partial,
    /// Reported speech without marks (قال X إن …).
    Indirect,
}

/// A statement and who made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Exact text between the marks, or the reported clause.
    pub text: String,
    /// Byte span of `text` in the body.
    pub span: Range<usize>,
    /// Index into [`Extraction::actors`] of the speaker; `None` when it abstains.
    pub speaker: Option<usize>,
    /// Byte span of the speaker's mention, when there is one.
    pub speaker_span: Option<Range<usize>>,
    /// For speech by an unnamed source (مصدر دبلوماسي، سكان، متحدث باسم الوزارة), the source as
    /// written; [`Quote::speaker`] is then `None`: no named actor said it.
    pub source: Option<String>,
    /// Kind.
    pub kind: QuoteKind,
    /// The reporting verb or source phrase as written (قال، أكدت، بحسب …).
    pub cue: Option<String>,
    /// Whether the quote is in the headline: its spans are then byte ranges in the title, not
    /// the body.
    pub in_title: bool,
}

/// Actors and quotes of one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extraction {
    /// Actors, in order of first mention.
    pub actors: Vec<Actor>,
    /// Quotes, in order of position.
    pub quotes: Vec<Quote>,
}

impl Extraction {
    /// Canonical name of a quote's speaker.
    pub fn speaker_name(&self, q: &Quote) -> Option<&str> {
        q.speaker.and_then(|i| self.actors.get(i)).map(|a| a.name.as_str())
    }

    /// Actors and quotes as `sahifa extract` prints them: `{"actors": [...], "quotes": [...],
    /// "headline_quotes": [...]}`, spans as byte offsets into the body (into the title for the
    /// headline's quotes, kept apart so that every span in `quotes` points into the body).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        let actors: Vec<_> = self
            .actors
            .iter()
            .map(|ac| {
                json!({
                    "name": ac.name,
                    "kind": ac.kind,
                    "aliases": ac.aliases,
                    "mentions": ac.mentions.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
                })
            })
            .collect();
        let quote = |q: &Quote| {
            json!({
                "text": q.text,
                "speaker": self.speaker_name(q),
                "source": q.source,
                "kind": q.kind,
                "start": q.span.start,
                "end": q.span.end,
            })
        };
        let quotes: Vec<_> = self.quotes.iter().filter(|q| !q.in_title).map(quote).collect();
        let headline: Vec<_> = self.quotes.iter().filter(|q| q.in_title).map(quote).collect();
        json!({"actors": actors, "quotes": quotes, "headline_quotes": headline})
    }
}

/// Extracts actors and quotes from an article: its headline and its body, read as one text so
/// that a name in the headline and a surname or title in the body are one actor. Quotes in the
/// headline are marked [`Quote::in_title`] (spans into the title, listed first); actors keep only
/// their mentions in the body.
pub fn extract(article: &Article) -> Extraction {
    extract_titled(&article.title, &article.body)
}

/// [`extract`] for a headline and a body.
pub fn extract_titled(title: &str, body: &str) -> Extraction {
    let title = title.trim_end();
    if title.trim().is_empty() {
        return extract_text(body);
    }
    const SEP: &str = "\n\n";
    let off = title.len() + SEP.len();
    let mut text = String::with_capacity(off + body.len());
    text.push_str(title);
    text.push_str(SEP);
    text.push_str(body);
    let mut ex = extract_text(&text);
    let shift = |r: &Range<usize>| r.start - off..r.end - off;
    for a in &mut ex.actors {
        a.mentions.retain(|m| m.start >= off);
        for m in &mut a.mentions {
            *m = shift(m);
        }
    }
    for q in &mut ex.quotes {
        if q.span.start < off {
            q.in_title = true;
            q.span.end = q.span.end.min(title.len());
            q.speaker_span = q.speaker_span.take().filter(|s| s.end <= title.len());
        } else {
            q.span = shift(&q.span);
            q.speaker_span = q.speaker_span.take().filter(|s| s.start >= off).map(|s| shift(&s));
        }
    }
    ex
}

/// Extracts actors and quotes from a text (spans are byte ranges in `text`).
pub fn extract_text(text: &str) -> Extraction {
    let doc = doc::Doc::new(text);
    let mut found = actors::find(&doc);
    let mut quotes = quotes::find(&doc, &mut found);
    // Anonymous sources and bare generic nouns are actors only when they speak; renumber the speakers.
    // Speech by an unnamed source is kept, as a source, not as a named speaker.
    // A description of a role that a person named in the article holds is that person.
    for q in &mut quotes {
        if let Some(f) = q.speaker.and_then(|s| found.list.get(s)).filter(|f| f.anon) {
            match found.person_described(&f.actor.name, q.span.start) {
                Some(p) => q.speaker = Some(p),
                None => {
                    q.source = Some(f.actor.name.clone());
                    q.speaker = None;
                }
            }
        }
    }
    let speaking: std::collections::HashSet<usize> = quotes.iter().filter_map(|q| q.speaker).collect();
    let mut remap = vec![None; found.list.len()];
    let mut actors = Vec::new();
    for (i, f) in found.list.into_iter().enumerate() {
        if (f.anon || f.generic) && !speaking.contains(&i) {
            continue;
        }
        remap[i] = Some(actors.len());
        actors.push(f.actor);
    }
    for q in &mut quotes {
        q.speaker = q.speaker.and_then(|s| remap.get(s).copied().flatten());
    }
    Extraction { actors, quotes }
}

/// What the attribution model (`attribution.rs`) is trained on: for an article's headline and
/// body read as [`extract_titled`] reads them, every quote attributed through a reporting verb,
/// with the verb's ranked candidate speakers and their features. For `examples/train_attribution.rs`.
#[doc(hidden)]
pub fn attribution_samples(title: &str, body: &str) -> Vec<AttributionSample> {
    let title = title.trim_end();
    let text = if title.trim().is_empty() { body.to_string() } else { format!("{title}\n\n{body}") };
    let doc = doc::Doc::new(&text);
    let mut found = actors::find(&doc);
    quotes::samples(&doc, &mut found)
}
