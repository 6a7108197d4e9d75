//! Quotation marks paired whatever their direction: « » “ ” „ " and reversed pairs (» … «, ” … “),
//! nesting, quotes that run on into the next paragraph, and broken marks.
//!
//! Each mark is judged an opener or a closer from its neighbours (space before and a letter after
//! opens; a letter before and space or punctuation after closes), falling back on the mark's usual
//! role. Pairing uses one stack, so the pass is linear in the number of marks.

use super::doc::{Doc, TokKind};

/// Families of marks that pair with each other.
fn family(c: char) -> Option<u8> {
    match c {
        '«' | '»' | '‹' | '›' => Some(0),
        '“' | '”' | '„' | '‟' => Some(1),
        '"' | '＂' => Some(2),
        _ => None,
    }
}

/// A pair of marks: token indices of the opener and the closer (`None` when the quote is broken
/// and runs to the end of its sentence), or of the start of an orphan closer's sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Token of the opening mark, or the first token of the text when there is none.
    pub open: usize,
    /// Whether `open` is a mark (false for an orphan closer).
    pub has_open: bool,
    /// Token of the closing mark, or one past the text when there is none.
    pub close: usize,
    /// Whether `close` is a mark.
    pub has_close: bool,
}

impl Pair {
    /// First token of the text.
    pub fn text_start(&self) -> usize {
        self.open + usize::from(self.has_open)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Open,
    Close,
}

fn side(doc: &Doc, i: usize, c: char) -> Side {
    let key = &doc.norm.key;
    let t = doc.toks[i];
    let before = key[..t.start].chars().next_back();
    let after = key[t.end..].chars().next();
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    // A one-letter proclitic glued to the mark (بـ«، و“) still opens.
    let clitic_before = i > 0
        && doc.toks[i - 1].end == t.start
        && doc.toks[i - 1].kind == TokKind::Word
        && doc.key(i - 1).chars().count() <= 2;
    let open_ctx = (!letter(before) || clitic_before) && letter(after);
    let close_ctx = !letter(after) && (letter(before) || before.is_some_and(|b| ".!?؟…)".contains(b)));
    match (open_ctx, close_ctx) {
        (true, false) => Side::Open,
        (false, true) => Side::Close,
        _ => match c {
            '«' | '“' | '„' | '‹' => Side::Open,
            _ => Side::Close,
        },
    }
}

/// Pairs the quotation marks of `doc`, in order of their opening position.
pub fn pair(doc: &Doc) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, u8)> = Vec::new();
    // Start of the current sentence, for orphan closers.
    let mut sent_start = 0;
    let mut last_close = 0;
    let n = doc.toks.len();
    let mut i = 0;
    while i < n {
        let t = doc.toks[i];
        match t.kind {
            TokKind::Break => {
                // Quotes run on into the next paragraph only when it opens again with the same family
                // (the English convention); otherwise the open ones are broken at the paragraph end.
                let cont = stack.last().is_some_and(|&(_, f)| {
                    matches!(doc.toks.get(i + 1).map(|t| t.kind), Some(TokKind::Punct(c)) if family(c) == Some(f))
                        && has_closer_ahead(doc, i + 2, f)
                });
                if cont {
                    i += 2;
                    continue;
                }
                for (o, _) in stack.drain(..) {
                    out.push(broken(doc, o));
                }
                sent_start = i + 1;
            }
            TokKind::Punct(c) if family(c).is_some() => {
                let f = family(c).unwrap_or(0);
                match side(doc, i, c) {
                    Side::Open => stack.push((i, f)),
                    Side::Close => {
                        if let Some(pos) = stack.iter().rposition(|&(_, g)| g == f) {
                            for (o, _) in stack.drain(pos + 1..) {
                                out.push(broken(doc, o));
                            }
                            if let Some((o, _)) = stack.pop() {
                                out.push(Pair { open: o, has_open: true, close: i, has_close: true });
                            }
                        } else if f == 2 && stack.is_empty() && i + 1 < n && !doc.ends_sentence(i + 1) {
                            // A straight mark that looked like a closer but nothing is open: it opens.
                            stack.push((i, f));
                        } else {
                            let start = sent_start.max(last_close);
                            if start < i {
                                out.push(Pair { open: start, has_open: false, close: i, has_close: true });
                            }
                        }
                        last_close = i + 1;
                    }
                }
            }
            TokKind::Punct(c) if (c == ':' || super::doc::is_sentence_end(c)) && stack.is_empty() => {
                // A full stop right before a closing mark ends the quoted sentence, not the one
                // an orphan closer would start at.
                let mark_next = matches!(doc.toks.get(i + 1).map(|t| t.kind), Some(TokKind::Punct(m)) if family(m).is_some());
                if !mark_next {
                    sent_start = i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    for (o, _) in stack.drain(..) {
        out.push(broken(doc, o));
    }
    out.sort_by_key(|p| (p.open, std::cmp::Reverse(p.close)));
    out
}

/// Whether a closer of family `f` comes before the paragraph after `i` ends (bounded look-ahead).
fn has_closer_ahead(doc: &Doc, i: usize, f: u8) -> bool {
    for j in i..doc.toks.len().min(i + 400) {
        match doc.toks[j].kind {
            TokKind::Break => return false,
            TokKind::Punct(c) if family(c) == Some(f) && side(doc, j, c) == Side::Close => return true,
            _ => {}
        }
    }
    false
}

/// A quote opened and never closed: it runs to the end of its sentence.
fn broken(doc: &Doc, o: usize) -> Pair {
    let mut j = o + 1;
    // Bounded, so that many broken marks in one endless sentence stay linear.
    let limit = doc.toks.len().min(o + 400);
    while j < limit && !doc.ends_sentence(j) {
        j += 1;
    }
    // Keep the sentence's final punctuation inside the text, as the writer put it there.
    let close = if j < limit && doc.toks[j].kind != TokKind::Break { j + 1 } else { j };
    Pair { open: o, has_open: true, close, has_close: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let doc = Doc::new(s);
        pair(&doc)
            .iter()
            .map(|p| {
                let a = p.text_start();
                doc.slice(a, p.close).to_string()
            })
            .collect()
    }

    #[test]
    fn pairs_every_style_and_direction() {
        assert_eq!(texts("قال «نحن هنا» ثم"), ["نحن هنا"]);
        assert_eq!(texts("قال “نحن هنا” ثم"), ["نحن هنا"]);
        assert_eq!(texts("قال ”نحن هنا“ ثم"), ["نحن هنا"]);
        assert_eq!(texts("قال »نحن هنا« ثم"), ["نحن هنا"]);
        assert_eq!(texts("قال \"نحن هنا\" ثم"), ["نحن هنا"]);
        assert_eq!(texts("قال „نحن هنا“ ثم"), ["نحن هنا"]);
    }

    #[test]
    fn nesting_keeps_both() {
        assert_eq!(texts("قال «الخطة “الجديدة” جاهزة» أمس"), ["الخطة “الجديدة” جاهزة", "الجديدة"]);
    }

    #[test]
    fn broken_opener_runs_to_sentence_end() {
        assert_eq!(texts("قال “سنعود قريبا. ثم غادر"), ["سنعود قريبا."]);
    }

    #[test]
    fn orphan_closer_starts_at_sentence() {
        assert_eq!(texts("قال “الأول.” الثاني هنا.” وانتهى"), ["الأول.", "الثاني هنا."]);
    }

    #[test]
    fn continues_into_next_paragraph() {
        let s = "قال «الجزء الأول\n«والجزء الثاني» ثم";
        assert_eq!(texts(s), ["الجزء الأول\n«والجزء الثاني"]);
    }

    #[test]
    fn clitic_before_mark_opens() {
        assert_eq!(texts("وصفه بـ«الخطير» أمس"), ["الخطير"]);
    }
}
