//! Removing web boilerplate from an article, driven by the rules in `assets/boilerplate.toml`.
//!
//! In order: spaces collapsed and inline ad markers removed; lines matching a drop rule removed; a
//! tail marker ("مقالات ذات صلة", "يقرأون الآن" …) after a real paragraph cuts it and everything
//! after; the headline chosen (the first remaining line, unless it is a long lede sentence: then the
//! article has no headline and the line stays in the body); repeats of the headline and lines
//! repeated back to back removed; headlines of other stories inserted between paragraphs removed
//! (short lines without final punctuation whose words barely occur in the rest of the article).
//! Every step is linear in the size of the text.

use aho_corasick::AhoCorasick;

use super::normalize::{fold_arabic, stem, words_key, words_key_into};
use super::rules::{LineClass, rules};

/// Title and paragraphs as found: only empty lines dropped; `title: None` takes the first line
/// (unless it is a lede sentence).
pub fn raw(title: Option<String>, paragraphs: Vec<String>) -> (String, Vec<String>) {
    let mut lines: Vec<String> = paragraphs.into_iter().filter(|p| !p.trim().is_empty()).collect();
    let title = match title {
        Some(t) => t.trim().to_string(),
        None => take_title(&mut lines),
    };
    (title, lines)
}

/// Cleans an article: see the module docs. `title: None` means the headline is the first line.
pub fn clean(title: Option<String>, paragraphs: Vec<String>) -> (String, Vec<String>) {
    let c = clean_full(title, paragraphs);
    (c.title, c.paragraphs)
}

/// Lines taken out of an article by cleaning, kept aside so that the reader can show them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Removed {
    /// The index of the kept paragraph these lines stood before (the number of paragraphs when
    /// they stood at the end).
    pub at: usize,
    /// The lines, in order.
    pub lines: Vec<String>,
}

/// A cleaned article: headline, kept paragraphs and the blocks taken out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaned {
    /// The headline.
    pub title: String,
    /// The paragraphs kept.
    pub paragraphs: Vec<String>,
    /// The runs of lines removed, in order of `at`.
    pub removed: Vec<Removed>,
}

/// [`clean`], also returning what was removed and where.
pub fn clean_full(title: Option<String>, paragraphs: Vec<String>) -> Cleaned {
    let lines: Vec<String> = paragraphs
        .into_iter()
        .map(|p| match strip_inline_ads(&p) {
            std::borrow::Cow::Borrowed(_) => collapse_spaces_owned(p),
            std::borrow::Cow::Owned(q) => collapse_spaces_owned(q),
        })
        .filter(|l| !l.is_empty())
        .collect();
    let before = lines.clone();
    let mut lines = lines;
    // Before the line rules: a heading they know ("حول بيت.كوم:") would go alone, and its
    // description be kept as text going on.
    drop_about_box(&mut lines);
    let mut lines = drop_by_rules(lines, title.is_none());
    drop_footer(&mut lines);
    let title = match title {
        Some(t) => collapse_spaces(&t),
        None => take_title(&mut lines),
    };
    let lines = drop_repeats(&title, lines);
    let lines = drop_link_runs(lines);
    let mut lines = drop_inserted_headlines(&title, lines);
    if let Some(end) = super::story::story_end(&title, &lines) {
        lines.truncate(end);
    }
    let removed = removed_between(&before, &title, &lines);
    Cleaned { title, paragraphs: lines, removed }
}

/// The lines of `before` that are not in `kept` (steps only ever delete lines, in order), grouped
/// by the kept paragraph they precede; a headline taken from the first line is not "removed".
fn removed_between(before: &[String], title: &str, kept: &[String]) -> Vec<Removed> {
    let mut out: Vec<Removed> = Vec::new();
    let mut k = 0;
    let mut title_seen = title.is_empty();
    for l in before {
        if k < kept.len() && *l == kept[k] {
            k += 1;
            continue;
        }
        if !title_seen && l == title {
            title_seen = true;
            continue;
        }
        match out.last_mut() {
            Some(r) if r.at == k => r.lines.push(l.clone()),
            _ => out.push(Removed { at: k, lines: vec![l.clone()] }),
        }
    }
    out
}

/// Collapses every run of whitespace (any kind, no-break spaces too) to one space and trims;
/// zero-width spaces and stray byte-order marks are removed.
pub fn collapse_spaces(s: &str) -> String {
    if !needs_collapsing(s.as_bytes()) {
        return s.trim_matches(' ').to_string();
    }
    collapse_into(s)
}

/// [`collapse_spaces`] on an owned line: a line that needs nothing is kept without a copy.
pub fn collapse_spaces_owned(mut s: String) -> String {
    if needs_collapsing(s.as_bytes()) {
        return collapse_into(&s);
    }
    let end = s.trim_end_matches(' ').len();
    s.truncate(end);
    let start = s.len() - s.trim_start_matches(' ').len();
    if start > 0 {
        s.drain(..start);
    }
    s
}

fn collapse_into(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending = true;
        } else if c != '\u{200B}' && c != '\u{FEFF}' {
            if pending && !out.is_empty() {
                out.push(' ');
            }
            pending = false;
            out.push(c);
        }
    }
    out
}

// Anything but single ASCII spaces between words? Two spaces in a row are found with a SIMD
// search; other whitespace by a block scan for its lead bytes, then a look at the character.
fn needs_collapsing(b: &[u8]) -> bool {
    if memchr::memmem::find(b, b"  ").is_some() {
        return true;
    }
    let lead = |c: u8| (c < 0x20) | (c == 0xc2) | (c == 0xe1) | (c == 0xe2) | (c == 0xe3) | (c == 0xef);
    let mut i = 0;
    while let Some(at) = crate::text::scan::find_byte(b, i, lead) {
        let next = |k: usize| b.get(at + k).copied();
        let hit = match b[at] {
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => true,
            0xc2 => matches!(next(1), Some(0x85 | 0xa0)),
            0xe1 => next(1) == Some(0x9a),
            0xe2 => match next(1) {
                Some(0x80) => matches!(next(2), Some(0x80..=0x8b | 0xa8 | 0xa9 | 0xaf)),
                Some(0x81) => next(2) == Some(0x9f),
                _ => false,
            },
            0xe3 => next(1) == Some(0x80) && next(2) == Some(0x80),
            0xef => next(1) == Some(0xbb) && next(2) == Some(0xbf),
            _ => false,
        };
        if hit {
            return true;
        }
        i = at + 1;
    }
    false
}

/// Inline ad markers ("[ad_1]") and the picture links of embedded posts ("pic.twitter.com/…").
fn strip_inline_ads(p: &str) -> std::borrow::Cow<'_, str> {
    let b = p.as_bytes();
    if memchr::memmem::find(b, b"[ad_").is_some() || memchr::memmem::find(b, b"pic.twitter.com/").is_some() {
        rules().inline_ad.replace_all(p, " ")
    } else {
        std::borrow::Cow::Borrowed(p)
    }
}

/// Feed and syndication footers at the end ("The post … appeared first on …").
fn drop_footer(lines: &mut Vec<String>) {
    for _ in 0..3 {
        match lines.last() {
            Some(l) if rules().end.is_match(&fold_arabic(l)) => {
                lines.pop();
            }
            _ => break,
        }
    }
}

/// An "about" box at the end ("حول شركة …:" and a paragraph describing it): a short heading ending
/// with a colon, at most `about_max_after` paragraphs after it, the first naming a word of the
/// heading (the organisation it is about), is dropped with them. A subheading of the article is
/// followed by more text, or by text that does not name it.
fn drop_about_box(lines: &mut Vec<String>) {
    let r = rules();
    // The heading's words after its first (حول, عن …), without ال.
    let strip = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.strip_prefix("ال").filter(|s| s.chars().count() > 2).unwrap_or(w).to_string()
    };
    // Whether `text` describes what `heading` names: a describing word among its first words, and
    // a word of the heading in it.
    let describes = |heading: &str, text: &str| {
        let named: Vec<String> =
            heading.split_whitespace().skip(1).map(strip).filter(|w| w.chars().count() > 2).collect();
        let words: Vec<String> = text.split_whitespace().map(strip).collect();
        text.split_whitespace()
            .take(r.about_first_words)
            .any(|w| r.about_describes.contains(w.trim_matches(|c: char| !c.is_alphanumeric())))
            && named.iter().any(|w| words.iter().any(|n| n == w || n.ends_with(w.as_str())))
    };
    // Never the first paragraph: an article is not all box.
    let from = lines.len().saturating_sub(r.about_max_after + 1).max(1);
    for i in from..lines.len() {
        let key = fold_arabic(&lines[i]);
        if i + 1 < lines.len() && is_short(&lines[i], 60) && r.about_heading.is_match(&key) {
            if describes(&key, &fold_arabic(&lines[i + 1])) {
                lines.truncate(i);
                return;
            }
            continue;
        }
        // The box as one last paragraph, its heading run into the description ("حول بيت.كوم: إن
        // بيت.كوم هو أكبر موقع …"); not after a bare عن, which opens ordinary sentences too.
        if i + 1 == lines.len()
            && !key.starts_with("عن ")
            && let Some(colon) =
                key.char_indices().take(60).find(|(_, c)| matches!(c, ':' | '：')).map(|(k, _)| k)
        {
            let (heading, rest) = key.split_at(colon);
            let rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            if r.about_heading.is_match(&format!("{}:", heading.trim_end())) && describes(heading, rest) {
                lines.truncate(i);
                return;
            }
        }
    }
}

/// Whether `l` is short enough for line rules (counted without scanning long lines to the end).
fn is_short(l: &str, max_chars: usize) -> bool {
    l.len() <= max_chars || (l.len() <= max_chars * 4 && l.chars().count() <= max_chars)
}

/// Words of a line whose spaces are collapsed (every line here is): its spaces plus one, counted
/// on bytes (a loop the compiler vectorises).
fn words(l: &str) -> usize {
    if l.is_empty() { 0 } else { l.bytes().filter(|&b| b == b' ').count() + 1 }
}

fn ends_with_any(l: &str, set: &str) -> bool {
    l.chars().next_back().is_some_and(|c| set.contains(c))
}

/// Whether a line ends the way a headline does: without final punctuation, or with a short quoted
/// name closing it (`… يخلد "مذابح الأرمن"`): a quoted phrase of at most four words, not a quotation
/// (no sentence punctuation inside its closing mark, no colon before it, the line not opening with
/// a quotation mark).
fn headline_end(l: &str, final_punctuation: &str) -> bool {
    if !ends_with_any(l, final_punctuation) {
        return true;
    }
    let Some(close) = l.chars().next_back().filter(|c| matches!(c, '"' | '”' | '»')) else {
        return false;
    };
    let body = &l[..l.len() - close.len_utf8()];
    let open = match close {
        '»' => '«',
        '”' => '“',
        _ => '"',
    };
    let Some((at, mark)) = body.char_indices().rev().find(|(_, c)| *c == open || *c == '"') else {
        return false;
    };
    let quoted = &body[at + mark.len_utf8()..];
    let before = &body[..at];
    !before.trim().is_empty()
        && !before.contains(':')
        && !ends_with_any(quoted, ".!?؟…:،,")
        && !l.starts_with(['"', '“', '«'])
        && (1..=4).contains(&words(quoted.trim()))
}

/// A paragraph that reads as a sentence: it ends with sentence punctuation (closing quotes and
/// brackets allowed after it).
pub(crate) fn ends_sentence(l: &str) -> bool {
    let t = l.trim_end_matches([
        '"', '”', '»', '’', '\'', ')', ']', '\u{200E}', '\u{200F}', '\u{200C}', '\u{200D}', '\u{061C}',
    ]);
    ends_with_any(t, ".!?؟…")
}

/// A first line that is the lede, not a headline: a long sentence.
fn is_lede(l: &str) -> bool {
    ends_sentence(l) && words(l) >= 15
}

fn take_title(lines: &mut Vec<String>) -> String {
    match lines.first() {
        Some(l) if !is_lede(l) => lines.remove(0).trim().to_string(),
        _ => String::new(),
    }
}

/// A headline asking a question: a headline's length, the question mark its only final punctuation.
fn question_headline(l: &str) -> bool {
    words(l) <= rules().headlines.max_words
        && l.ends_with(['؟', '?'])
        && !l[..l.len() - l.chars().next_back().map_or(0, char::len_utf8)].contains(['.', '!', '؟', '?'])
}

fn looks_like_headline(l: &str) -> bool {
    let h = &rules().headlines;
    words(l) <= h.max_words && !ends_with_any(l, &h.final_punctuation)
}

/// Drop rules and the related-articles tail. `first_is_headline`: the first line will be the
/// headline, so a teaser-shaped first line ("شاهد.. …") is this article's own title and stays.
fn drop_by_rules(lines: Vec<String>, first_is_headline: bool) -> Vec<String> {
    let r = rules();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut real_before = false;
    let mut drop_next = 0;
    // After a tail marker: dropping its links, then deciding whether the text goes on.
    let mut in_tail = false;
    for (i, l) in lines.into_iter().enumerate() {
        // After "اقرأ أيضا:": a headline, a question one too ("… بماذا يطالب المغردون؟").
        // The links after such a label go, up to the text going on (MAX_LINKS_AFTER_LABEL at most).
        if drop_next > 0 {
            drop_next -= 1;
            if looks_like_headline(&l) || question_headline(&l) {
                continue;
            }
            drop_next = 0;
        }
        if in_tail {
            if looks_like_headline(&l) {
                continue;
            }
            // The links were set inside the article when the text after them goes on with it.
            if !goes_on(&out, &l) {
                break;
            }
            in_tail = false;
        }
        if is_short(&l, r.max_rule_chars) {
            let key = fold_arabic(&l);
            match r.classify(&key) {
                LineClass::Tail if real_before => {
                    in_tail = true;
                    continue;
                }
                LineClass::Drop if i == 0 && first_is_headline && !r.drop.is_match(&key) => {}
                LineClass::Tail | LineClass::Drop => continue,
                LineClass::DropWithNext => {
                    drop_next = MAX_LINKS_AFTER_LABEL;
                    continue;
                }
                LineClass::Text => {}
            }
        }
        if !real_before && ends_sentence(&l) && words(&l) >= r.tail_min_words_before {
            real_before = true;
        }
        out.push(l);
    }
    out
}

/// Most headlines dropped after a "read also" label.
const MAX_LINKS_AFTER_LABEL: usize = 4;

/// Whether `next` continues the article of `before` (after a block of related links): a sentence
/// that does not open another story and shares a good part of its content words with it.
fn goes_on(before: &[String], next: &str) -> bool {
    if !ends_sentence(next) || words(next) < 6 {
        return false;
    }
    let mut art: Vec<String> = before.iter().flat_map(|l| content_stems(l)).collect();
    art.sort_unstable();
    art.dedup();
    let own = content_stems(next);
    if own.is_empty() {
        return false;
    }
    let shared = own.iter().filter(|w| art.binary_search(w).is_ok()).count();
    shared as f64 / own.len() as f64 >= GOES_ON_SHARE
}

/// Share of content words a paragraph after a related-links block must share with the article
/// before it to be read as the article going on.
const GOES_ON_SHARE: f64 = 0.35;

/// Lines that repeat the headline (whatever their quotation marks), captions or paragraphs equal
/// to the line before them (a photo caption printed twice), and a long paragraph printed again
/// further on (an appended teaser repeating the article's own lede).
fn drop_repeats(title: &str, lines: Vec<String>) -> Vec<String> {
    let title_key = words_key(title);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    type Seen<T> = std::collections::HashMap<u64, T, xxhash_rust::xxh3::Xxh3DefaultBuilder>;
    // Long paragraphs seen: the hashes of their words; by the hash of their start, their place
    // and their words without a first و.
    let mut long_seen: Seen<()> = Default::default();
    let mut start_seen: Seen<(usize, String)> = Default::default();
    let mut buf = String::new();
    for (k, l) in lines.into_iter().enumerate() {
        if words(&l) >= REPEAT_MIN_WORDS {
            words_key_into(&l, &mut buf);
            if long_seen.insert(xxhash_rust::xxh3::xxh3_64(buf.as_bytes()), ()).is_some() {
                continue;
            }
            // A paragraph further up, printed again without its first و and cut short: a teaser
            // repeating it as a lede ("وفوجئ عدد من …" again as "فوجئ عدد من … من حساباتهم، ما
            // تسبب في تساؤ"). Its words but the last (cut mid-word) open that paragraph. Not the
            // paragraph right after it: a lede may open as the standfirst before it does.
            let key = without_waw(&buf);
            let start = start_hash(key);
            match start_seen.get(&start) {
                Some((at, earlier)) => {
                    let cut = key.rfind(' ').map_or(key, |i| &key[..i]);
                    if at + 1 < k && earlier.starts_with(cut) {
                        continue;
                    }
                }
                None => {
                    start_seen.insert(start, (k, key.to_string()));
                }
            }
        }
        // Headlines do not end with a full stop: sentences are not compared.
        let similar_len = l.len() <= title.len() * 2 && l.len() * 2 >= title.len() && !l.ends_with('.');
        if !title_key.is_empty() && similar_len && {
            words_key_into(&l, &mut buf);
            buf == title_key
        } {
            continue;
        }
        // A caption or paragraph printed twice goes; a headline-like line printed twice that is not
        // this article's headline is left alone: it may head the text that follows.
        if out.last().is_some_and(|prev| *prev == l) && !looks_like_headline(&l) {
            continue;
        }
        out.push(l);
    }
    out
}

/// A paragraph's key without the و opening its first word.
fn without_waw(key: &str) -> &str {
    match key.strip_prefix('و') {
        Some(rest) if !rest.is_empty() && !rest.starts_with(' ') => rest,
        _ => key,
    }
}

/// The hash of the first [`REPEAT_MIN_WORDS`] words of a key.
fn start_hash(key: &str) -> u64 {
    let end = key.match_indices(' ').nth(REPEAT_MIN_WORDS - 1).map_or(key.len(), |(i, _)| i);
    xxhash_rust::xxh3::xxh3_64(&key.as_bytes()[..end])
}

/// Paragraphs at least this long are never printed twice in one article.
const REPEAT_MIN_WORDS: usize = 12;

/// A line shaped like a link to another story: a headline's length, no final punctuation, not
/// continuing the text (no و first), not a table row.
pub(crate) fn link_shaped(l: &str) -> bool {
    let h = &rules().headlines;
    let n = words(l);
    n >= h.min_words
        && n <= h.max_words
        && l.len() <= h.max_words * 24
        && headline_end(l, &h.final_punctuation)
        && headline_candidate(l)
        && !l.contains(" | ")
}

/// What a headline never is: a line that continues the text (و or a connector first), a numbered
/// list item ("1- …"), or a line of appositions (two commas or more).
fn headline_candidate(l: &str) -> bool {
    let numbered = {
        let t = l.trim_start_matches(|c: char| c.is_numeric());
        t.len() < l.len() && t.trim_start().starts_with(['-', '.', ')', '–', '/'])
    };
    !numbered && l.matches('،').count() < 2 && !super::story::continues(l)
}

/// Runs of link-shaped lines between sentences: a block of related links. A run counts when it
/// holds two link-shaped lines, or three lines or more of which one is link-shaped and the others
/// are short unpunctuated lines (a link of two or three words: `الانتخابات العراقية بالأرقام`). A
/// single such line is a subheading (see [`drop_inserted_headlines`] for other stories' headlines);
/// so are two adjacent short headings. A run whose lines open alike (a list) stays.
fn drop_link_runs(lines: Vec<String>) -> Vec<String> {
    let shaped: Vec<bool> = lines.iter().map(|l| link_shaped(l)).collect();
    // A text made mostly of short lines is a list or a poem, not paragraphs with links.
    if shaped.iter().filter(|s| **s).count() * 2 > lines.len() {
        return lines;
    }
    let h = &rules().headlines;
    let short: Vec<bool> = lines
        .iter()
        .zip(&shaped)
        .map(|(l, s)| {
            *s || ((2..h.min_words).contains(&words(l))
                && headline_end(l, &h.final_punctuation)
                && headline_candidate(l)
                && !l.contains(" | "))
        })
        .collect();
    let mut drop = vec![false; lines.len()];
    let mut i = 1;
    while i < lines.len() {
        if !short[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && short[i] {
            i += 1;
        }
        let n_shaped = shaped[start..i].iter().filter(|s| **s).count();
        let run_ok = n_shaped >= 2 || (i - start >= 3 && n_shaped >= 1);
        let after_ok = i == lines.len() || ends_sentence(&lines[i]);
        if run_ok && ends_sentence(&lines[start - 1]) && after_ok && !opens_alike(&lines[start..i]) {
            drop[start..i].iter_mut().for_each(|d| *d = true);
        }
    }
    lines.into_iter().zip(drop).filter(|(_, d)| !d).map(|(l, _)| l).collect()
}

/// Lines of a list: half of them or more open with the same word, or with a digit or a dash.
fn opens_alike(run: &[String]) -> bool {
    let first = |l: &String| l.split(' ').next().unwrap_or("").to_string();
    let marked = run
        .iter()
        .filter(|l| l.starts_with(|c: char| c.is_numeric() || matches!(c, '-' | '–' | '•' | '*')))
        .count();
    let mut heads: Vec<String> = run.iter().map(first).collect();
    heads.sort_unstable();
    let mut most = 0;
    for g in heads.chunk_by(|a, b| a == b) {
        most = most.max(g.len());
    }
    marked * 2 >= run.len() || (most >= 2 && most * 2 >= run.len())
}

/// The stopwords of `[headlines]`, as a set.
fn stopwords() -> &'static super::rules::WordSet {
    static SET: std::sync::OnceLock<super::rules::WordSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| rules().headlines.stopwords.split_whitespace().map(str::to_string).collect())
}

/// Content-word stems of a line, for overlap measures.
pub(crate) fn content_stems(l: &str) -> Vec<String> {
    let key = words_key(l);
    let stop = stopwords();
    let mut stems: Vec<String> = key
        .split(' ')
        .filter(|w| w.chars().nth(2).is_some() && !stop.contains(*w))
        .map(|w| stem(w).to_string())
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// [`content_stems`] as hashes (XXH3 of each stem), sorted and deduplicated: for overlap measures
/// that only compare stems, without a string per word.
pub(crate) fn content_stem_hashes(l: &str) -> Vec<u64> {
    let key = words_key(l);
    let stop = stopwords();
    let mut stems: Vec<u64> = key
        .split(' ')
        .filter(|w| w.chars().nth(2).is_some() && !stop.contains(*w))
        .map(|w| xxhash_rust::xxh3::xxh3_64(stem(w).as_bytes()))
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// Headlines of other stories between paragraphs: see `[headlines]` in the rules.
fn drop_inserted_headlines(title: &str, lines: Vec<String>) -> Vec<String> {
    let h = &rules().headlines;
    // Never the first body line (a standfirst when there is a headline); the last only when it
    // shares next to nothing with the article (see below).
    let mut cands: Vec<(usize, Vec<String>)> = Vec::new();
    for i in 1..lines.len() {
        let l = &lines[i];
        // A line with " | " is a table row.
        if l.len() > h.max_words * 24
            || !headline_end(l, &h.final_punctuation)
            || l.contains(" | ")
            || !ends_sentence(&lines[i - 1])
        {
            continue;
        }
        let n = words(l);
        if n < h.lone_min_words || n > h.max_words {
            continue;
        }
        // A last line opening with a mark is a credit or a note ("* نقلا عن …"), not a link.
        if i == lines.len() - 1 && !l.starts_with(char::is_alphanumeric) {
            continue;
        }
        // A line opening with و or another connector continues the text (وقال، لكن …): it is
        // a sentence that lost its full stop, not another story's headline; so are list items
        // and a speaker's subheading ("تينا رينغ، 53 عاما، من أوكلاهوما").
        if !headline_candidate(l) {
            continue;
        }
        let stems = content_stems(l);
        if stems.len() >= 3 {
            cands.push((i, stems));
        }
    }
    // A text made of many such lines is a list, not paragraphs with intruders: leave it alone.
    if cands.is_empty() || cands.len() > 40 {
        return lines;
    }
    let mut patterns: Vec<&str> = cands.iter().flat_map(|(_, s)| s.iter().map(String::as_str)).collect();
    patterns.sort_unstable();
    patterns.dedup();
    let Ok(ac) = AhoCorasick::new(&patterns) else {
        return lines;
    };
    // In how many lines (title included) each stem occurs.
    let mut count = vec![0usize; patterns.len()];
    let mut seen_in = vec![usize::MAX; patterns.len()];
    for (li, l) in std::iter::once(title).chain(lines.iter().map(String::as_str)).enumerate() {
        for m in ac.find_overlapping_iter(&*fold_arabic(l)) {
            let p = m.pattern().as_usize();
            if seen_in[p] != li {
                seen_in[p] = li;
                count[p] += 1;
            }
        }
    }
    let mut drop = vec![false; lines.len()];
    for (i, stems) in &cands {
        let found =
            stems.iter().filter(|s| patterns.binary_search(&s.as_str()).is_ok_and(|p| count[p] >= 2)).count();
        let share = found as f64 / stems.len() as f64;
        // The last line is no subheading (nothing follows it) but may close the article in a
        // phrase of its own: only a line on another topic altogether goes.
        let need = if *i == lines.len() - 1 {
            h.min_share / 2.0
        } else if words(&lines[*i]) >= h.long_words {
            h.long_min_share
        } else {
            h.min_share
        };
        if share < need {
            drop[*i] = true;
        }
    }
    lines.into_iter().zip(drop).filter(|(_, d)| !d).map(|(l, _)| l).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn spaces_collapsed() {
        assert_eq!(collapse_spaces("  أ\u{a0}\u{a0}ب\t ج\u{200b} "), "أ ب ج");
        assert_eq!(collapse_spaces(" أ “ب” ج "), "أ “ب” ج");
        assert_eq!(collapse_spaces("أ\u{2009}ب\u{3000}ج\u{feff}"), "أ ب جج".replacen("جج", "ج", 1));
    }

    /// The fast paths (no copy when nothing changes, block scans) against the plain definition.
    #[test]
    fn collapsing_matches_its_definition() {
        let slow = |s: &str| -> String {
            let words: Vec<String> = s
                .split(char::is_whitespace)
                .map(|w| w.replace(['\u{200B}', '\u{FEFF}'], ""))
                .filter(|w| !w.is_empty())
                .collect();
            words.join(" ")
        };
        let pieces = [
            "كلمة", " ", "  ", "\t", "\u{a0}", "\u{2009}", "\u{1680}", "\u{3000}", "\u{200b}", "\u{feff}",
            "«", "”", "\u{2028}", "a", "\u{85}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}س{c}{}{a}", "ب".repeat(20));
                    assert_eq!(collapse_spaces(&s), slow(&s), "{s:?}");
                    assert_eq!(collapse_spaces_owned(s.clone()), slow(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn headline_ends() {
        let p = &rules().headlines.final_punctuation;
        // A short quoted name closes a headline; a quotation or a sentence does not.
        assert!(headline_end("تركيا تحتج على خطط لنصب تمثال بالدنمارك يخلد \"مذابح الأرمن\"", p));
        assert!(headline_end("تركيا تحتج على تمثال يخلد «مذابح الأرمن»", p));
        assert!(!headline_end("وقال الوزير: \"لن نتراجع\"", p));
        assert!(!headline_end("\"لن نتراجع عن القرار\"", p));
        assert!(!headline_end("قال إن الاتفاق \"لن يصمد.\"", p));
        assert!(!headline_end("وصف الخطة بأنها \"خطوة أولى نحو سلام دائم وشامل في المنطقة كلها\"", p));
        assert!(!headline_end("انتهى الاجتماع.", p));
        assert!(headline_end("الانتخابات العراقية بالأرقام", p));
        // Multi-byte marks before the quoted text (no panic on a char boundary).
        assert!(!headline_end("بئس الكتابة... و«ما نفع القصيدة؟»", p));
    }

    #[test]
    fn link_runs_with_short_links_but_not_lists() {
        let sentence = "وقال المسؤول إن الحكومة ستواصل العمل على إعادة الإعمار في المدن المتضررة.";
        let run = s(&[
            sentence,
            "التحالفات النهائية التي تخوض انتخابات مجلس النواب في العراق",
            "تغطية خاصة للانتخابات العراقية لعام 2018",
            "الانتخابات العراقية بالأرقام",
            sentence,
            sentence,
            sentence,
            sentence,
        ]);
        let out = drop_link_runs(run.clone());
        assert_eq!(out.len(), 5);
        // Two adjacent short headings stay (no link-shaped line of four words or more).
        let headings = s(&[sentence, "مخاوف بيئية", "ردود الفعل", sentence, sentence, sentence]);
        assert_eq!(drop_link_runs(headings.clone()), headings);
        // A list whose lines open alike stays.
        let list = s(&[
            sentence,
            "2018: الإسباني رافايل نادال بطل الدورة",
            "2017: الإسباني رافايل نادال بطل الدورة",
            "2016: الصربي نوفاك ديوكوفيتش",
            sentence,
            sentence,
            sentence,
            sentence,
        ]);
        assert_eq!(drop_link_runs(list.clone()), list);
    }

    #[test]
    fn markers_and_tail() {
        let para = "قال المتحدث باسم الحكومة إن المفاوضات ستستمر الأسبوع المقبل في العاصمة بحضور الوسطاء.";
        let (t, p) = clean(
            None,
            s(&[
                "عنوان الخبر",
                "[ad_1]",
                para,
                "اقرأ أيضاً",
                "عنوان خبر آخر هنا",
                "تابعونا",
                "مقالات ذات صلة",
                "خبر آخر",
            ]),
        );
        assert_eq!(t, "عنوان الخبر");
        assert_eq!(p, [para]);
    }

    #[test]
    fn links_after_a_label_and_a_foreign_last_headline() {
        let para = "قال المتحدث باسم الحكومة إن المفاوضات ستستمر الأسبوع المقبل في العاصمة بحضور الوسطاء.";
        let more = "وأضاف المتحدث أن الحكومة ستعرض على الوسطاء خطة جديدة للمفاوضات خلال الأسبوع المقبل.";
        let (_, p) = clean(
            Some("الحكومة تواصل المفاوضات مع الوسطاء".into()),
            s(&[
                para,
                "اقرأ أيضاً:",
                "#وسم_ما: بماذا يطالب المغردون في الأردن؟",
                "عنوان خبر آخر عن الانتخابات هنا",
                more,
            ]),
        );
        assert_eq!(p, [para, more]);
        // A last line on another topic altogether is a link; a credit line is not.
        let (_, p) = clean(
            Some("الحكومة تواصل المفاوضات مع الوسطاء".into()),
            s(&[para, more, "سلحفاة مائية تتنبأ بالفائز في مباريات كأس العالم 2014"]),
        );
        assert_eq!(p, [para, more]);
        let credit = s(&[para, more, "* نقلا عن صحيفة الشرق الأوسط اللندنية"]);
        assert_eq!(clean(Some("الحكومة تواصل المفاوضات مع الوسطاء".into()), credit.clone()).1, credit);
    }

    #[test]
    fn a_paragraph_repeated_cut_short_as_a_teaser() {
        let lede = "أعلنت الحكومة اليوم عن خطة جديدة لإصلاح قطاع الكهرباء تشمل بناء محطات جديدة في المحافظات الجنوبية كلها.";
        let second = "وفوجئ عدد من المستخدمين حول العالم الخميس والجمعة برسالة تسجيل خروج من حساباتهم ما تسبب في تساؤلات كثيرة.";
        let third =
            "وقالت الشركة إنها تحقق في الأمر وإنها ستعلن النتائج قريبا بعد انتهاء فريقها من مراجعة الأنظمة.";
        let teaser =
            "فوجئ عدد من المستخدمين حول العالم الخميس والجمعة برسالة تسجيل خروج من حساباتهم ما تسبب في تسا";
        let (_, p) = clean(Some("خطة".into()), s(&[lede, second, third, teaser]));
        assert_eq!(p, [lede, second, third]);
        // A lede opening like the standfirst just before it stays.
        let standfirst = "قدم الرئيس الفرنسي إيمانويل ماكرون الاثنين خطته للعام الثاني من ولايته أمام غرفتي البرلمان في قصر فرساي.";
        let lede2 = "قدم الرئيس الفرنسي إيمانويل ماكرون الاثنين خطته للعام الثاني من ولايته أمام غرفتي البرلمان في قصر فرساي وقال إن سياسته ستتواصل.";
        let (_, p) = clean(Some("خطة".into()), s(&[standfirst, lede2, third]));
        assert_eq!(p, [standfirst, lede2, third]);
    }

    #[test]
    fn tail_marker_first_is_only_dropped() {
        let para = "قال المتحدث باسم الحكومة إن المفاوضات ستستمر الأسبوع المقبل في العاصمة بحضور الوسطاء.";
        let (_, p) = clean(None, s(&["عنوان", "الأكثر قراءة", para]));
        assert_eq!(p, [para]);
    }

    /// Furniture lines of news pages, each kind once; and a feed footer of any length at the end.
    #[test]
    fn page_furniture_lines_and_feed_footers() {
        let para = "قال المتحدث باسم الحكومة إن المفاوضات ستستمر الأسبوع المقبل في العاصمة بحضور الوسطاء.";
        let footer = format!("The post {} appeared first on موقع الأخبار.", "عنوان طويل جدا ".repeat(20));
        let (_, p) = clean(
            Some("عنوان".into()),
            s(&[
                "كتب- أحمد جمعة:",
                "منذ 3 ساعات",
                "5 مارس/ آذار 2024",
                "نُشر: 14:02-5 مارس 2024 م ـ 24 شَعبان 1445 هـ",
                "المصدر : الجزيرة + وكالات",
                "الرئيسية » أخبار » محليات",
                "صورة: أرشيف",
                para,
                "نص التغريدة هنا. pic.twitter.com/AbC123",
                "— الوزارة (@Ministry_X) March 5, 2024",
                "طباعة الخبر | أرسل لصديق",
                "المقال السابق: عنوان خبر سابق",
                "جميع الحقوق محفوظة لموقع الأخبار 2024",
                &footer,
            ]),
        );
        assert_eq!(p, [para, "نص التغريدة هنا."]);
        let (_, p) = clean(Some("عنوان".into()), s(&[para, "تعليقات (0)", "أضف تعليق", "تعليق قارئ طويل."]));
        assert_eq!(p, [para]);
    }

    #[test]
    fn lede_is_not_a_title() {
        let lede = "تدفق آلاف السكان من المنطقة بعد أن استعاد الجيش السيطرة الكاملة عليها في هجوم خاطف استمر يوما واحدا الأسبوع الماضي.";
        let (t, p) = clean(None, s(&[lede, "فقرة ثانية."]));
        assert_eq!(t, "");
        assert_eq!(p[0], lede);
    }
    /// Promos by what they are (an invitation and the outlet's own page, app, newsletter or
    /// section), opinion disclaimers in other wordings, an "about" box at the end; and the article
    /// lines that look like them but are not.
    #[test]
    fn promos_by_shape_and_about_boxes() {
        let para = "قال المتحدث باسم الحكومة إن المفاوضات ستستمر الأسبوع المقبل في العاصمة بحضور الوسطاء.";
        let more = "وأضاف المتحدث أن الحكومة ستعرض على الوسطاء خطة جديدة للمفاوضات خلال الأسبوع المقبل.";
        for promo in [
            "تابعونا على صفحتنا الرسمية في فيسبوك",
            "تابع صفحتنا على إنستغرام لآخر الأخبار",
            "حمّلوا تطبيقنا المجاني على هواتفكم الذكية",
            "اشترك في نشرتنا البريدية اليومية",
            "انضموا إلى قناتنا على تلغرام",
            "لمتابعة آخر الأخبار تابعونا على حساباتنا في مواقع التواصل الاجتماعي.",
            "للاطلاع على آخر المستجدات زوروا موقعنا",
            "اطلع على ملفنا الخاص بالانتخابات الرئاسية",
            "المقال يعبر عن رأي كاتبه ولا يعبر بالضرورة عن رأي الموقع",
            "الآراء الواردة في المقال لا تعبر بالضرورة عن رأي الصحيفة",
        ] {
            let (_, p) = clean(Some("عنوان".into()), s(&[para, promo, more]));
            assert_eq!(p, [para, more], "{promo}");
        }
        // A story paragraph that ends with a pointer, a reported "follow" and a company's own words stay.
        for line in [
            "وتابع الوزير حديثه عن المفاوضات مؤكدا أن الحكومة لن تتراجع. تابعوا المباراة مباشرة على موقعنا.",
            "وتابع المتحدث أن الحكومة ستواصل العمل مع الوسطاء حتى التوصل إلى اتفاق.",
            "لمتابعة تنفيذ الاتفاق، شكلت الحكومة لجنة من الوزارات المعنية.",
        ] {
            let v = s(&[para, line, more]);
            assert_eq!(clean(Some("عنوان".into()), v.clone()).1, v, "{line}");
        }
        // The "about" box: heading naming the organisation, then its description, at the end.
        let about = s(&[
            para,
            more,
            "حول شركة النور للاستثمار:",
            "تعد شركة النور للاستثمار من أكبر شركات الاستثمار في المنطقة وتأسست عام 1990.",
        ]);
        assert_eq!(clean(Some("عنوان".into()), about).1, [para, more]);
        // A subheading with a colon followed by the article's text is not one.
        let sub = s(&[para, "عن المفاوضات:", more]);
        assert_eq!(clean(Some("عنوان".into()), sub.clone()).1, sub);
        // The box run into one last paragraph, and a box about a sponsor the article names.
        let one = s(&[para, more, "حول شركة النور: تعد شركة النور من أكبر شركات الاستثمار في المنطقة."]);
        assert_eq!(clean(Some("عنوان".into()), one).1, [para, more]);
        let site = "قال موقع بيت.كوم إن أصحاب العمل يبحثون عن مهارات جديدة في المتقدمين للوظائف هذا العام.";
        let sponsor = s(&[
            site,
            more,
            "حول بيت.كوم:",
            "إن بيت.كوم هو أكبر موقع للوظائف في المنطقة ويضم آلاف أصحاب العمل.",
        ]);
        assert_eq!(clean(Some("عنوان".into()), sponsor).1, [site, more]);
    }
}
