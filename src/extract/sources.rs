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

/// Whether token `i` is فإن (with a pronoun or shadda: فإنّ، فإنها).
fn is_fa_inna(doc: &Doc, i: usize) -> bool {
    doc.is_word(i) && doc.key(i).starts_with("فان") && doc.key(i).chars().count() <= 5
}

/// End of a clause starting at `s`: the sentence end, or a comma before the writer's own words.
fn clause_end(doc: &Doc, s: usize) -> usize {
    let mut j = s;
    let limit = doc.toks.len().min(s + 300);
    while j < limit && !doc.ends_sentence(j) {
        let writer = matches!(doc.key(j + 1), "فيما" | "لكن" | "ولكن" | "بينما" | "حيث");
        if doc.is_punct(j, &['،', ',', '؛', ';']) && (writer || attributes(doc, j + 1)) {
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

fn quote(doc: &Doc, s: usize, e: usize, speaker: (usize, usize, usize), cue: usize) -> Option<Quote> {
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
    let (a, ms, me) = speaker;
    Some(Quote {
        text: trimmed.to_string(),
        span,
        speaker: Some(a),
        speaker_span: Some(doc.span(ms, me)),
        source: None,
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
            if let Some(q) = quote(doc, s, e, speaker, i) {
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
        let Some(speaker) = actor_after(doc, actors, from, 8) else { continue };
        let start = sentence_start(doc, i);
        let fronted = (start..i).all(|j| !doc.is_word(j) || matches!(doc.key(j), "و" | "ف"))
            || (i == start + 1 && doc.toks[start].kind == TokKind::Word && doc.key(start).len() <= 2);
        if fronted || i == start {
            // وبحسب X[، …]، فإن CLAUSE / بحسب X، CLAUSE
            let mut j = speaker.2;
            while j < n && j < speaker.2 + 12 && !doc.ends_sentence(j) && !is_fa_inna(doc, j) {
                j += 1;
            }
            let s = if j < n && is_fa_inna(doc, j) {
                j + 1
            } else {
                // No فإن: the clause follows the first comma after the source.
                let mut c = speaker.2;
                while c < n && c < speaker.2 + 6 && !doc.is_punct(c, &['،', ',']) && !doc.ends_sentence(c) {
                    c += 1;
                }
                if c >= n || !doc.is_punct(c, &['،', ',']) {
                    continue;
                }
                c + 1
            };
            let e = clause_end(doc, s);
            if let Some(q) = quote(doc, s, e, speaker, i) {
                out.push((q, s, e));
            }
        } else if i > start && doc.is_punct(i - 1, &['،', ',']) {
            // CLAUSE، حسبما قال X. — the source closes its sentence.
            let mut end = speaker.2;
            while end < n && end < speaker.2 + 4 && !doc.ends_sentence(end) {
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
            if let Some(q) = quote(doc, start, i - 1, speaker, i) {
                out.push((q, start, i - 1));
            }
        }
    }
    out
}
