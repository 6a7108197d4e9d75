//! The boilerplate rules of `assets/boilerplate.toml`, compiled once.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;

use super::normalize::fold_arabic;

const SOURCE: &str = include_str!("../../assets/boilerplate.toml");

/// The compiled rules; see the comments in `assets/boilerplate.toml`.
#[derive(Debug)]
pub struct Rules {
    /// Lines longer than this (chars) are never tested against line rules.
    pub max_rule_chars: usize,
    /// Words of real paragraph needed before a tail marker for it to cut the rest.
    pub tail_min_words_before: usize,
    /// Whole-line patterns of lines to drop.
    pub drop: RegexSet,
    /// Lines dropped with the headline-like line after them.
    pub drop_with_next: RegexSet,
    /// Teaser lines with a "read also:" prefix.
    pub drop_prefixed: RegexSet,
    /// Lines that start a tail of other stories.
    pub tail: RegexSet,
    /// Footers of feed items and syndicated copies, dropped from the end of any length.
    pub end: RegexSet,
    /// All line rules in one set (tail, drop, drop_prefixed, drop_with_next, in that order), so that
    /// an ordinary line is scanned once; see [`Rules::classify`].
    pub all: RegexSet,
    /// The heading of an "about" box at the end of an article (folded text).
    pub about_heading: Regex,
    /// Most paragraphs after an "about" heading.
    pub about_max_after: usize,
    /// Words of a description, one of which opens the paragraph after an "about" heading (folded).
    pub about_describes: WordSet,
    /// How many first words of that paragraph are looked at.
    pub about_first_words: usize,
    /// Inline ad markers removed inside paragraphs.
    pub inline_ad: Regex,
    /// Inserted-headline detection settings.
    pub headlines: Headlines,
    /// End-of-article detection settings.
    pub story: Story,
    /// A dateline with an agency at the start of a paragraph (folded text).
    pub dateline: Regex,
    /// HTML tags skipped with their content.
    pub html_skip_tags: Vec<String>,
    /// Class/id words that mark page furniture (lower case, for one look-up per word).
    pub html_skip_classes: WordSet,
    /// Whole classes/ids that mark text not shown (screen-reader text), lower case.
    pub html_skip_class_names: WordSet,
    /// ARIA roles of page furniture.
    pub html_skip_roles: Vec<String>,
}

/// A set of short lower-case words, hashed with XXH3 (cheaper than SipHash for class names; the
/// words come from the rules file, not from an adversary).
pub type WordSet = std::collections::HashSet<String, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

/// What the line rules say about a (folded) line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineClass {
    /// No rule matches.
    Text,
    /// Starts a tail of other stories.
    Tail,
    /// Dropped.
    Drop,
    /// Dropped with the headline-like line after it.
    DropWithNext,
}

impl Rules {
    /// Classifies a folded line.
    pub fn classify(&self, key: &str) -> LineClass {
        // The common case, no rule at all, costs one short-circuiting scan.
        if !self.all.is_match(key) {
            LineClass::Text
        } else if self.tail.is_match(key) {
            LineClass::Tail
        } else if self.drop.is_match(key) || self.drop_prefixed.is_match(key) {
            LineClass::Drop
        } else {
            LineClass::DropWithNext
        }
    }
}

/// Settings for the detection of other stories' headlines inserted between paragraphs.
#[derive(Debug, Deserialize)]
pub struct Headlines {
    /// Fewest words of a candidate line.
    pub min_words: usize,
    /// Most words of a candidate line.
    pub max_words: usize,
    /// Fewest words of a candidate standing alone between paragraphs (shorter: a subheading).
    pub lone_min_words: usize,
    /// Dropped under this share of content words found elsewhere.
    pub min_share: f64,
    /// From this many words on, `long_min_share` applies.
    pub long_words: usize,
    /// The share required of long candidates.
    pub long_min_share: f64,
    /// Characters that end sentences and quotes.
    pub final_punctuation: String,
    /// Words that do not count (folded at load).
    pub stopwords: String,
}

/// Settings for finding where an article ends and appended stories begin.
#[derive(Debug, Deserialize)]
pub struct Story {
    /// Most paragraphs in a block of appended stories.
    pub max_appended: usize,
    /// Fewest content words of each appended story.
    pub min_words: usize,
    /// Most share of an appended story's content words found in the article before it.
    pub max_share: f64,
    /// Most share for any one story of the block.
    pub max_share_one: f64,
    /// Most share of each paragraph of a run of more than run_min that shares nothing with the
    /// article (teasers on one affair under an article on another).
    pub max_share_unrelated: f64,
    /// Most share of a paragraph just before the stories found, for it to be one more of them.
    pub extend_max_share: f64,
    /// Fewest paragraphs of a run of self-contained ledes, or of paragraphs on other topics, that
    /// ends the article whatever the shape of its first paragraph.
    pub run_min: usize,
    /// Words that open a paragraph continuing the text before it (folded at load).
    pub connectors: String,
    /// Verbs that open a news lede (folded at load).
    pub lede_openers: String,
    /// Weekday names (folded at load).
    pub weekdays: String,
    /// Words that, second in a paragraph, show its first word is a verb without a subject: the
    /// paragraph goes on about someone named before (folded at load).
    pub subjectless: String,
    /// Month names (folded at load): a paragraph opening with one is an item of a timeline.
    pub months: String,
    /// Words whose first letter و is not the conjunction (folded at load): a paragraph opening
    /// with one does not continue the text ("واشنطن تحدد …", "وافقت اللجنة …").
    pub waw_words: String,
    /// News agencies and outlets named in datelines (regular expressions).
    pub agencies: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    limits: Limits,
    lines: Lines,
    tail: Tail,
    promo: Promo,
    headlines: Headlines,
    story: Story,
    html: HtmlRules,
}

#[derive(Deserialize)]
struct Limits {
    max_rule_chars: usize,
    tail_min_words_before: usize,
}

#[derive(Deserialize)]
struct Lines {
    drop: Vec<String>,
    drop_with_next: Vec<String>,
    drop_prefixed: Vec<String>,
}

#[derive(Deserialize)]
struct Tail {
    start: Vec<String>,
    end: Vec<String>,
    about_heading: String,
    about_max_after: usize,
    about_describes: String,
    about_first_words: usize,
}

/// The word lists of the promo rules, put into the line rules where they name them (`{invite}`).
#[derive(Deserialize)]
struct Promo {
    invite: String,
    purpose: String,
    ours: String,
}

impl Promo {
    /// `pattern` with `{invite}`, `{purpose}` and `{ours}` replaced by their alternations.
    fn fill(&self, pattern: &str) -> String {
        let alt = |s: &str| s.split(|c: char| c.is_whitespace()).collect::<String>();
        pattern
            .replace("{invite}", &alt(&self.invite))
            .replace("{purpose}", &alt(&self.purpose))
            .replace("{ours}", &alt(&self.ours))
    }
}

#[derive(Deserialize)]
struct HtmlRules {
    skip_tags: Vec<String>,
    skip_classes: Vec<String>,
    skip_class_names: Vec<String>,
    skip_roles: Vec<String>,
}

fn set(patterns: &[String]) -> RegexSet {
    let folded: Vec<String> = patterns.iter().map(|p| fold_arabic(p).into_owned()).collect();
    // The rules are compiled into the binary and covered by tests: a bad pattern is a build bug.
    RegexSetBuilder::new(folded)
        .case_insensitive(true)
        // Unicode classes make big automata: room enough that the fast DFA never gives up.
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .expect("assets/boilerplate.toml: bad pattern")
}

/// The rules, parsed and compiled on first use.
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut f: File = toml::from_str(SOURCE).expect("assets/boilerplate.toml: bad rules file");
        f.lines.drop = f.lines.drop.iter().map(|p| f.promo.fill(p)).collect();
        let mut headlines = f.headlines;
        headlines.stopwords = fold_arabic(&headlines.stopwords).into_owned();
        let mut story = f.story;
        story.connectors = fold_arabic(&story.connectors).into_owned();
        story.lede_openers = fold_arabic(&story.lede_openers).into_owned();
        story.weekdays = fold_arabic(&story.weekdays).into_owned();
        story.months = fold_arabic(&story.months).into_owned();
        story.subjectless = fold_arabic(&story.subjectless).into_owned();
        story.waw_words = fold_arabic(&story.waw_words).into_owned();
        let agencies: Vec<String> = story.agencies.iter().map(|a| fold_arabic(a).into_owned()).collect();
        // "لندن، بريطانيا (CNN) --", "القاهرة - (رويترز) -", "(CNN)--", "باريس (أ ف ب) -".
        // "لندن، بريطانيا (CNN) --", "القاهرة - (رويترز) -", "(CNN)--", "باريس (أ ف ب) -", "دبي - سكاي
        // نيوز عربيه -": a place of at most three words (and its country), then the agency in
        // brackets or followed by a dash.
        let dateline = format!(
            r"^({w}+( {w}+){{0,2}}(، ?{w}+( {w}+){{0,2}})? ?[-–—]? ?)?(\(({a})\)|({a}) ?[-–—])",
            w = r"[\x{0621}-\x{064A}a-z]",
            a = agencies.join("|"),
        );
        Rules {
            max_rule_chars: f.limits.max_rule_chars,
            tail_min_words_before: f.limits.tail_min_words_before,
            drop: set(&f.lines.drop),
            drop_with_next: set(&f.lines.drop_with_next),
            drop_prefixed: set(&f.lines.drop_prefixed),
            tail: set(&f.tail.start),
            end: set(&f.tail.end),
            all: set(&[
                f.tail.start.clone(),
                f.lines.drop.clone(),
                f.lines.drop_prefixed.clone(),
                f.lines.drop_with_next.clone(),
            ]
            .concat()),
            about_heading: RegexBuilder::new(&fold_arabic(&f.tail.about_heading))
                .case_insensitive(true)
                .build()
                .expect("about heading pattern"),
            about_max_after: f.tail.about_max_after,
            about_describes: fold_arabic(&f.tail.about_describes)
                .split_whitespace()
                .map(String::from)
                .collect(),
            about_first_words: f.tail.about_first_words,
            inline_ad: RegexBuilder::new(r"\[ad_\d+\]|pic\.twitter\.com/\S+")
                .build()
                .expect("inline ad pattern"),
            headlines,
            dateline: RegexBuilder::new(&dateline)
                .case_insensitive(true)
                .size_limit(64 << 20)
                .dfa_size_limit(64 << 20)
                .build()
                .expect("dateline pattern"),
            story,
            html_skip_tags: f.html.skip_tags,
            html_skip_classes: f.html.skip_classes.iter().map(|c| c.to_ascii_lowercase()).collect(),
            html_skip_class_names: f.html.skip_class_names.iter().map(|c| c.to_ascii_lowercase()).collect(),
            html_skip_roles: f.html.skip_roles,
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn rules_compile() {
        let r = super::rules();
        assert!(r.drop.len() > 5 && r.tail.len() > 2);
    }
}
