//! Reported speech introduced by a source phrase rather than a verb: a fronted source
//! (وبحسب وزارة الصحة، فإن …; بحسب موقع X، …) or a trailing one (…، حسبما قال مصدر دبلوماسي.).
//! The speaker is the first actor after the phrase; without one the rule abstains.

use super::actors::Actors;
use super::doc::{Doc, TokKind};
use super::lexicon::Tag;
use super::{Quote, QuoteKind};

/// Source phrases that attribute a statement (not في بيان …, which only say where it was made).
fn attributes(doc: &Doc, i: usize) -> bool {
    let Some(h) = doc.hit(i) else { return false };
    let core = &doc.norm.key[h.core..h.end];
    doc.has(i, |t| matches!(t, Tag::Source))
        && ["بحسب", "حسب", "وفق", "وفقا", "نقلا", "علي لسان"].iter().any(|p| core.starts_with(p))
}

/// The first actor within `max` tokens after `from`, before a comma or the sentence's end.
fn actor_after(doc: &Doc, actors: &Actors, from: usize, max: usize) -> Option<(usize, usize, usize)> {
    let mut j = from;
    while j < doc.toks.len() && j < from + max && !doc.ends_sentence(j) && !doc.is_punct(j, &['،', ',']) {
        if let Some(&(a, e)) = actors.at.get(&j) {
            return Some((a, j, e));
        }
        j += 1;
    }
    None
}

/// Whether token `i` is فإن (with a pronoun or shadda: فإنّ، فإنها) or فقد, which open the clause
/// after a fronted source (وبحسب ما أعلنه X فقد بلغت …).
fn is_fa_inna(doc: &Doc, i: usize) -> bool {
    doc.is_word(i)
        && ((doc.key(i).starts_with("فان") && doc.key(i).chars().count() <= 5) || doc.key(i) == "فقد")
}

/// End of a clause starting at `s`: the sentence end, or a comma before the writer's own words.
fn clause_end(doc: &Doc, s: usize) -> usize {
    let mut j = s;
    let limit = doc.toks.len().min(s + 300);
    while j < limit && !doc.ends_sentence(j) {
        let writer = matches!(doc.key(j + 1), "فيما" | "لكن" | "ولكن" | "بينما" | "حيث");
        // A reporting verb after a comma (…، ونقل البيان عن …) starts the next statement.
        let verb = doc.verb(j + 1).is_some();
        if doc.is_punct(j, &['،', ',', '؛', ';']) && (writer || verb || attributes(doc, j + 1)) {
            break;
        }
        j += 1;
    }
    j
}

/// Start of the sentence that holds token `i`.
fn sentence_start(doc: &Doc, i: usize) -> usize {
    let mut j = i;
    while j > 0 && i - j < 120 && !doc.ends_sentence(j - 1) {
        j -= 1;
    }
    j
}

/// The source as written when no actor follows the phrase (بحسب البيان، وفقا للتقرير، بحسب ما نقل
/// موقع "…" التقني): its words up to the comma or فإن, at most six, not a bare stopword.
fn described<'a>(doc: &Doc<'a>, from: usize) -> Option<&'a str> {
    let mut e = from;
    while e < doc.toks.len()
        && e < from + 8
        && !doc.ends_sentence(e)
        && !doc.is_punct(e, &['،', ','])
        && !is_fa_inna(doc, e)
    {
        e += 1;
    }
    let words = (from..e).filter(|&j| doc.is_word(j)).count();
    ((1..=6).contains(&words) && doc.is_word(from) && !doc.is_stop(from) && doc.verb(from).is_none())
        .then(|| doc.slice(from, e))
}

/// A speaker found after a source phrase: the actor and its mention, or the source as written.
enum Said<'a> {
    Actor(usize, usize, usize),
    Described(&'a str),
}

fn quote(doc: &Doc, s: usize, e: usize, speaker: &Said, cue: usize) -> Option<Quote> {
    let mut span = doc.span(s, e);
    let txt = doc.text.get(span.clone()).unwrap_or("");
    let trimmed = txt.trim_end_matches(|ch: char| ch.is_whitespace() || ".،,؛;:".contains(ch));
    // A clause made only of a quotation is listed as that quotation.
    let t = trimmed.trim_start();
    if trimmed.split_whitespace().count() < 3
        || (t.starts_with(['"', '«', '“']) && t.ends_with(['"', '»', '”']))
    {
        return None;
    }
    span.end = span.start + trimmed.len();
    let (speaker, speaker_span, source) = match *speaker {
        Said::Actor(a, ms, me) => (Some(a), Some(doc.span(ms, me)), None),
        Said::Described(d) => (None, None, Some(d.trim().to_string())),
    };
    Some(Quote {
        text: trimmed.to_string(),
        span,
        speaker,
        speaker_span,
        source,
        kind: QuoteKind::Indirect,
        cue: Some(doc.slice(cue, doc.next(cue)).to_string()),
        in_title: false,
    })
}

/// وجاء في بيان للجيش المصري … أن CLAUSE: the statement's author says the clause.
fn came_in_statement(doc: &Doc, actors: &Actors, i: usize, out: &mut Vec<(Quote, usize, usize)>) {
    if doc.key(i).trim_start_matches(['و', 'ف']) != "جاء" || doc.key(i + 1) != "في" {
        return;
    }
    let noun = doc.key(i + 2);
    if !matches!(noun, "بيان" | "تقرير" | "رساله" | "تغريده" | "بلاغ" | "منشور")
    {
        return;
    }
    let Some(speaker) = actor_after(doc, actors, i + 3, 3) else { return };
    let mut j = speaker.2;
    while j < doc.toks.len() && j < speaker.2 + 15 && !doc.ends_sentence(j) {
        if doc.is_word(j) && matches!(doc.key(j), "ان" | "انه" | "انها" | "بان") {
            let s = j + 1;
            let e = clause_end(doc, s);
            if let Some(q) = quote(doc, s, e, &Said::Actor(speaker.0, speaker.1, speaker.2), i) {
                out.push((q, s, e));
            }
            return;
        }
        j += 1;
    }
}

/// Quotes attributed by source phrases, as (quote, first token, end token).
pub fn find(doc: &Doc, actors: &Actors) -> Vec<(Quote, usize, usize)> {
    let mut out = Vec::new();
    let n = doc.toks.len();
    for i in 0..n {
        came_in_statement(doc, actors, i, &mut out);
        if doc.toks[i].hit.is_none() || !attributes(doc, i) {
            continue;
        }
        let after = doc.next(i);
        // Skip "ما أعلن/قال" in بحسب ما أعلن X.
        let from = if doc.key(after) == "ما" { after + 2 } else { after };
        // (بحسب ما نقل موقع …: the phrase may hold ما, and its verb is not the source.)
        let from = if doc.verb(from).is_some() { doc.next(from) } else { from };
        let start = sentence_start(doc, i);
        let fronted = (start..i).all(|j| !doc.is_word(j) || matches!(doc.key(j), "و" | "ف"))
            || (i == start + 1 && doc.toks[start].kind == TokKind::Word && doc.key(start).len() <= 2);
        let said = match actor_after(doc, actors, from, 8) {
            Some((a, ms, me)) => Said::Actor(a, ms, me),
            // A fronted source that names no actor (وحسب البيان، فإن …) still attributes.
            None if fronted || i == start => match described(doc, from) {
                Some(d) => Said::Described(d),
                None => continue,
            },
            None => continue,
        };
        // Where the source's words end.
        let speaker_end = match said {
            Said::Actor(_, _, me) => me,
            Said::Described(_) => {
                let mut e = from;
                while e < n && !doc.ends_sentence(e) && !doc.is_punct(e, &['،', ',']) && !is_fa_inna(doc, e)
                {
                    e += 1;
                }
                e
            }
        };
        if fronted || i == start {
            // وبحسب X[، …]، فإن CLAUSE / بحسب X، CLAUSE
            let mut j = speaker_end;
            while j < n && j < speaker_end + 12 && !doc.ends_sentence(j) && !is_fa_inna(doc, j) {
                j += 1;
            }
            let s = if j < n && is_fa_inna(doc, j) {
                j + 1
            } else {
                // No فإن: the clause follows the first comma after the source.
                let mut c = speaker_end;
                while c < n && c < speaker_end + 6 && !doc.is_punct(c, &['،', ',']) && !doc.ends_sentence(c)
                {
                    c += 1;
                }
                if c >= n || !doc.is_punct(c, &['،', ',']) {
                    continue;
                }
                c + 1
            };
            let e = clause_end(doc, s);
            if let Some(mut q) = quote(doc, s, e, &said, i) {
                // (وحسب البيان، فإن …: the statement's issuer, where the article names it.)
                if let Said::Described(_) = said
                    && let Some((a, mention)) = super::quotes::described_actor(doc, actors, from, from + 1)
                {
                    super::quotes::said_by(doc, &mut q, a, mention);
                }
                out.push((q, s, e));
            }
        } else if i > start && doc.is_punct(i - 1, &['،', ',']) {
            // CLAUSE، حسبما قال X. — the source closes its sentence.
            let mut end = speaker_end;
            while end < n && end < speaker_end + 4 && !doc.ends_sentence(end) {
                end += 1;
            }
            if end < n && !doc.ends_sentence(end) {
                continue;
            }
            // A sentence with its own quotation or reporting verb is attributed through those.
            if (start..i).any(|j| doc.verb(j).is_some() || doc.is_punct(j, &['"', '«', '»', '“', '”']))
            {
                continue;
            }
            if let Some(q) = quote(doc, start, i - 1, &said, i) {
                out.push((q, start, i - 1));
            }
        }
    }
    out
}
