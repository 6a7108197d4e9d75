//! An [`Extraction`] as the library stores it: the JSON `sahifa extract` prints (actors and
//! quotes, byte offsets into the body) plus what the reader needs and that format leaves out (a
//! quote's speaker by index, the span of the speaker's mention, the cue), so that reading it back
//! gives the very same extraction and nothing is recomputed at start.

use serde::{Deserialize, Serialize};

use super::{Actor, ActorKind, Extraction, Quote, QuoteKind};

#[derive(Serialize, Deserialize)]
struct StoredActor {
    name: String,
    kind: ActorKind,
    aliases: Vec<String>,
    mentions: Vec<[usize; 2]>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Place {
    #[default]
    Body,
    Title,
}

#[derive(Serialize, Deserialize)]
struct StoredQuote {
    text: String,
    /// The speaker's name, as `sahifa extract` prints it.
    speaker: Option<String>,
    /// An unnamed source's description, as `sahifa extract` prints it.
    #[serde(default)]
    source: Option<String>,
    kind: QuoteKind,
    start: usize,
    end: usize,
    speaker_index: Option<usize>,
    speaker_span: Option<[usize; 2]>,
    cue: Option<String>,
    /// Where the quote is (`body`, or `title` for the headline); older stores have only the body.
    #[serde(rename = "in", default)]
    place: Place,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    actors: Vec<StoredActor>,
    quotes: Vec<StoredQuote>,
}

impl Extraction {
    /// The stored form (JSON text); [`Extraction::from_stored`] reads it back unchanged.
    pub fn to_stored(&self) -> String {
        let s = Stored {
            actors: self
                .actors
                .iter()
                .map(|a| StoredActor {
                    name: a.name.clone(),
                    kind: a.kind,
                    aliases: a.aliases.clone(),
                    mentions: a.mentions.iter().map(|r| [r.start, r.end]).collect(),
                })
                .collect(),
            quotes: self
                .quotes
                .iter()
                .map(|q| StoredQuote {
                    text: q.text.clone(),
                    speaker: self.speaker_name(q).map(str::to_string),
                    source: q.source.clone(),
                    kind: q.kind,
                    start: q.span.start,
                    end: q.span.end,
                    speaker_index: q.speaker,
                    speaker_span: q.speaker_span.as_ref().map(|r| [r.start, r.end]),
                    cue: q.cue.clone(),
                    place: if q.in_title { Place::Title } else { Place::Body },
                })
                .collect(),
        };
        serde_json::to_string(&s).unwrap_or_else(|_| "{\"actors\":[],\"quotes\":[]}".into())
    }

    /// Reads the stored form back; `None` when it is not one (then extract again).
    pub fn from_stored(json: &str) -> Option<Extraction> {
        let s: Stored = serde_json::from_str(json).ok()?;
        let actors: Vec<Actor> = s
            .actors
            .into_iter()
            .map(|a| Actor {
                name: a.name,
                kind: a.kind,
                aliases: a.aliases,
                mentions: a.mentions.into_iter().map(|[s, e]| s..e).collect(),
            })
            .collect();
        let quotes = s
            .quotes
            .into_iter()
            .map(|q| Quote {
                text: q.text,
                span: q.start..q.end,
                speaker: q.speaker_index.filter(|&i| i < actors.len()),
                speaker_span: q.speaker_span.map(|[s, e]| s..e),
                source: q.source,
                kind: q.kind,
                cue: q.cue,
                in_title: q.place == Place::Title,
            })
            .collect();
        Some(Extraction { actors, quotes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_reads_back_the_same_extraction_and_keeps_the_printed_keys() {
        for a in crate::article::load_bundled(&Default::default()).articles {
            let x = super::super::extract(&a);
            let stored = x.to_stored();
            assert_eq!(Extraction::from_stored(&stored).as_ref(), Some(&x), "{}", a.path);
            // Whatever `sahifa extract` prints is in it, unchanged.
            let printed = x.to_json();
            let v: serde_json::Value = serde_json::from_str(&stored).unwrap();
            let stored_quotes = v["quotes"].as_array().unwrap().iter();
            let (title, body): (Vec<_>, Vec<_>) = stored_quotes.partition(|q| q["in"] == "title");
            let printed_quotes = printed["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .chain(printed["headline_quotes"].as_array().unwrap());
            for (p, s) in printed_quotes.zip(body.into_iter().chain(title)) {
                for (k, val) in p.as_object().unwrap() {
                    assert_eq!(&s[k], val, "{k}");
                }
            }
            assert_eq!(printed["actors"], v["actors"]);
        }
        assert_eq!(Extraction::from_stored("{}"), None);
    }
}
