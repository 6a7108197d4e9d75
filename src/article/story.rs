//! Where an article ends: paragraphs that start other stories (teasers appended by the outlet,
//! each the lede of another article; a paragraph opening with its own dateline and agency) end it.
//! The evidence is the text's own shape, not an outlet's wording: see `[story]` in
//! `assets/boilerplate.toml`.

use std::collections::HashSet;

use super::clean::content_stem_hashes;
use super::normalize::{fold_arabic, is_word_char};
use super::rules::{WordSet, rules};

/// Content-word stems (hashed: [`stem_hash`]), sorted and deduplicated.
type Stems = Vec<u64>;

/// A stem's hash: stems are only ever compared, so they are kept as numbers.
fn stem_hash(stem: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(stem.as_bytes())
}

/// A set of stem hashes (already well mixed: hashed again with XXH3, cheaply).
type StemSet = HashSet<u64, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

/// Stems of the vocabulary of news in general (`assets/lexicon/common_stems.txt`): shared by
/// unrelated stories, so they are no evidence that two paragraphs tell the same one.
fn common() -> &'static StemSet {
    static COMMON: std::sync::OnceLock<StemSet> = std::sync::OnceLock::new();
    COMMON.get_or_init(|| {
        include_str!("../../assets/lexicon/common_stems.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(stem_hash)
            .collect()
    })
}

/// The word lists of `[story]`, parsed once.
struct Lists {
    connectors: Vec<Vec<String>>,
    openers: WordSet,
    weekdays: WordSet,
    months: WordSet,
    subjectless: WordSet,
    waw_words: WordSet,
}

fn lists() -> &'static Lists {
    static LISTS: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();
    LISTS.get_or_init(|| {
        let st = &rules().story;
        Lists {
            connectors: st
                .connectors
                .split_whitespace()
                .map(|c| c.split('_').map(str::to_string).collect())
                .collect(),
            openers: st.lede_openers.split_whitespace().map(str::to_string).collect(),
            weekdays: st.weekdays.split_whitespace().map(str::to_string).collect(),
            months: st.months.split_whitespace().map(str::to_string).collect(),
            subjectless: st.subjectless.split_whitespace().map(str::to_string).collect(),
            waw_words: st.waw_words.split_whitespace().map(str::to_string).collect(),
        }
    })
}

/// The stems that say what a paragraph is about: `s` without the common ones.
fn distinctive(s: &Stems) -> Stems {
    let c = common();
    s.iter().filter(|w| !c.contains(*w)).cloned().collect()
}

/// The first `bytes` bytes of a line (at most; cut at a character boundary): Arabic letters are two
/// bytes, so 120 bytes are about 60 letters.
fn head(line: &str, bytes: usize) -> &str {
    &line[..line.floor_char_boundary(bytes)]
}

/// Whether a paragraph opens as a continuation of the text before it: the conjunction و or one of
/// the connectors of the rules (ف is left out: verbs like فرضت open ledes).
pub(crate) fn continues(line: &str) -> bool {
    let folded = fold_arabic(head(line, 120));
    let words: Vec<&str> =
        folded.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).take(4).collect();
    let first = words.first().copied().unwrap_or("");
    // و the conjunction, unless the word is one whose و is its own first letter.
    if first.starts_with('و') && !lists().waw_words.contains(first) && !lists().openers.contains(first) {
        return true;
    }
    // A verb with no subject after it ("أشارت إلى أن …", "تابعت قائلة …") goes on about the one
    // named before: a lede names who acted.
    if words.get(1).is_some_and(|w| lists().subjectless.contains(*w)) {
        return true;
    }
    lists().connectors.iter().any(|parts| {
        words.len() >= parts.len() && words[..parts.len()].iter().zip(parts).all(|(w, p)| *w == p)
    })
}

/// Whether a paragraph reads as a news lede: a dateline, a lede verb first, or a weekday among its
/// first words ("أعلنت الوزارة، الخميس، …").
pub(crate) fn lede_shaped(line: &str) -> bool {
    let folded = fold_arabic(head(line, 480));
    // The dateline pattern is anchored at the start: the longer head finds what dateline_len does.
    if may_open_with_dateline(line) && rules().dateline.is_match(&folded) {
        return true;
    }
    let l = lists();
    let mut words = folded.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).take(30);
    let Some(first) = words.next() else { return false };
    if l.openers.contains(first) {
        return true;
    }
    std::iter::once(first).chain(words).any(|w| {
        let w = w.strip_prefix('و').filter(|r| r.chars().count() >= 4).unwrap_or(w);
        l.weekdays.contains(w)
    })
}

/// A paragraph's first word, folded.
fn first_word(line: &str) -> String {
    let folded = fold_arabic(head(line, 60));
    folded.split(|c: char| !is_word_char(c)).find(|w| !w.is_empty()).unwrap_or("").to_string()
}

/// Whether a paragraph opens like an item of a list or a timeline: a digit, a dash or a bullet
/// first, or a month name among its first two words ("أغسطس 2016، …", "8 مايو 2018: …").
fn opens_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(|c: char| c.is_numeric() || matches!(c, '-' | '–' | '—' | '•' | '*' | '·')) {
        return true;
    }
    let folded = fold_arabic(head(t, 60));
    folded
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| lists().months.contains(w))
}

/// The dateline at the start of a paragraph, if it opens with one ("لندن، بريطانيا (CNN) --").
fn dateline_len(line: &str) -> Option<usize> {
    if !may_open_with_dateline(line) {
        return None;
    }
    let folded = fold_arabic(head(line, 160));
    rules().dateline.find(&folded).map(|m| m.end())
}

/// A dateline holds a bracket or a dash among the first characters: the cheap test that spares
/// most paragraphs the pattern.
fn may_open_with_dateline(line: &str) -> bool {
    let end = line.floor_char_boundary(line.len().min(240));
    line.as_bytes()[..end].iter().any(|&b| matches!(b, b'(' | b'-' | 0xE2))
}

/// A paragraph without its dateline, if it opens with one.
pub(crate) fn strip_dateline(line: &str) -> &str {
    if !may_open_with_dateline(line) {
        return line;
    }
    let folded = fold_arabic(head(line, 160));
    let Some(m) = rules().dateline.find(&folded) else { return line };
    // The match counted in the folded text's characters; folding only drops characters (harakat,
    // tatweel), so walk the original counting the ones it keeps.
    let want = folded[..m.end()].chars().count();
    let mut kept = 0;
    let mut cut = line.len();
    for (i, c) in line.char_indices() {
        if kept == want {
            cut = i;
            break;
        }
        if !fold_arabic(c.encode_utf8(&mut [0; 4])).is_empty() {
            kept += 1;
        }
    }
    line[cut..].trim_start_matches(['-', '–', '—', ':', ' '])
}

/// A paragraph's stems without its dateline (place names of the dateline say nothing of the topic).
fn stems_of(line: &str) -> Stems {
    content_stem_hashes(strip_dateline(line))
}

/// Share of `of` found in `within`.
fn share_in(of: &Stems, within: &StemSet) -> f64 {
    if of.is_empty() {
        return 0.0;
    }
    of.iter().filter(|s| within.contains(*s)).count() as f64 / of.len() as f64
}

/// The stems of the title and of paragraphs `0..k`, grown as `k` grows (computed only when a
/// candidate needs them: most articles never pay for the whole text).
struct Before<'a> {
    lines: &'a [String],
    set: StemSet,
    upto: usize,
}

impl Before<'_> {
    fn upto(&mut self, k: usize) -> &StemSet {
        while self.upto < k {
            self.set.extend(stems_of(&self.lines[self.upto]));
            self.upto += 1;
        }
        &self.set
    }
}

/// The index of the first paragraph that starts another story, if any: everything from there on
/// is not this article. `lines` are the body paragraphs (the headline not among them).
pub fn story_end(title: &str, lines: &[String]) -> Option<usize> {
    let st = &rules().story;
    let n = lines.len();
    if n < 3 {
        return None;
    }
    let title = content_stem_hashes(title);
    let mut before = Before { lines, set: title.iter().copied().collect(), upto: 0 };
    // Dateline of another story after the second paragraph.
    let mut dated = None;
    for (k, line) in lines.iter().enumerate().skip(2) {
        if dateline_len(line).is_some() {
            let s = distinctive(&stems_of(line));
            if s.len() >= st.min_words / 2 && share_in(&s, before.upto(k)) <= st.max_share_one {
                dated = Some(k);
                break;
            }
        }
    }
    let block = appended_block(&title, &mut before, lines);
    let end = match (dated, block) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(extend_back(&title, lines, end))
}

/// The stories before the first one found: teasers do not all carry a dateline or open like a
/// lede ("تسعى الصين …", "من المهم …"). One or two paragraphs just before `end` that do not continue
/// the text, are no list items, name nothing of the headline and share little with the article
/// before them are more of them, when the paragraph before them continues the text (it is plainly
/// the article's): an item of a list or a timeline is foreign to the items around it too, and
/// stays.
fn extend_back(title: &Stems, lines: &[String], end: usize) -> usize {
    let st = &rules().story;
    let article_before = |j: usize| -> StemSet {
        title.iter().copied().chain(lines[..j].iter().flat_map(|p| stems_of(p))).collect()
    };
    let mut start = end;
    while start > 2 && end - start < EXTEND_MAX {
        let j = start - 1;
        let l = &lines[j];
        if continues(l) || opens_list_item(l) {
            break;
        }
        let own = distinctive(&stems_of(l));
        if own.len() < st.min_words / 2
            || own.iter().any(|w| title.binary_search(w).is_ok())
            || share_in(&own, &article_before(j)) > st.extend_max_share
        {
            break;
        }
        start = j;
    }
    if start == end {
        return end;
    }
    if continues(&lines[start - 1]) { start } else { end }
}

/// Most paragraphs [`extend_back`] adds to the stories found.
const EXTEND_MAX: usize = 2;

/// The first paragraph of a block of stories appended at the end, if there is one (see
/// [`story_end`]).
fn appended_block(title: &Stems, before: &mut Before, lines: &[String]) -> Option<usize> {
    let st = &rules().story;
    let n = lines.len();
    // A block of appended stories at the end: the earliest start that holds. Only the last
    // paragraphs can be one; the article keeps at least its first paragraph.
    let from = n.saturating_sub(st.max_appended + 1).max(1);
    let goes_on_all: Vec<bool> = lines.iter().map(|l| continues(l)).collect();
    let goes_on = &goes_on_all[from..];
    let is_lede: Vec<bool> = lines[from..].iter().map(|l| lede_shaped(l)).collect();
    // A block opens with a lede that does not continue the text: most articles have none, and
    // pay for nothing more.
    let run = goes_on.iter().rev().take_while(|g| !**g).count();
    if run < st.run_min.min(goes_on.len()) && !(0..is_lede.len() - 1).any(|i| is_lede[i] && !goes_on[i]) {
        return None;
    }
    let list_item: Vec<bool> = lines[from..].iter().map(|l| opens_list_item(l)).collect();
    // Stems are computed on first need: most candidates fail the cheap tests first.
    let mut stems_cache: Vec<Option<Stems>> = vec![None; n - from];
    let mut best = None;
    for k in (from..n - 1).rev() {
        let i = k - from;
        let len = n - k;
        let conn = goes_on[i..].iter().filter(|c| **c).count();
        // Every shape of block allows a third of its paragraphs at most to continue the text, and
        // a longer block has more of them.
        if conn * 3 > n - from {
            break;
        }
        if goes_on[i] {
            continue;
        }
        // A short line without final punctuation heads the section after it: another story's
        // teaser is a sentence (or a long one cut short).
        if !super::clean::ends_sentence(&lines[k])
            && lines[k].split(' ').count() <= rules().headlines.max_words
        {
            continue;
        }
        // Parallel openings are a list, not stories from elsewhere; so are items opening with a
        // number, a dash or a date (a timeline).
        let openings: Vec<String> =
            lines[k..].iter().map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" ")).collect();
        if (1..openings.len()).any(|i| openings[..i].contains(&openings[i]))
            || list_item[i..].iter().any(|l| *l)
        {
            continue;
        }
        // Every shape but a foreign run opens with a lede.
        let may_be_foreign_run = conn == 0 && len >= st.run_min && k >= 2;
        if !(is_lede[i] || may_be_foreign_run) {
            continue;
        }
        for (j, s) in stems_cache.iter_mut().enumerate() {
            if s.is_none() {
                *s = Some(stems_of(&lines[from + j]));
            }
        }
        let stems: Vec<&Stems> = stems_cache.iter().map(|s| s.as_ref().expect("filled above")).collect();
        let tail = &stems[i..];
        if tail.iter().any(|s| s.len() < st.min_words) {
            break;
        }
        // Paragraphs opening with the same word (not a lede verb) are parts of one piece (a
        // press review's "صحيفة …", "صحيفة …"), not stories from elsewhere.
        let firsts: Vec<String> = lines[k..].iter().map(|l| first_word(l)).collect();
        let parallel =
            (1..len).any(|a| !lists().openers.contains(&firsts[a]) && firsts[..a].contains(&firsts[a]));
        let ledes = is_lede[i..].iter().filter(|l| **l).count();
        // Another story names nothing of this one's headline (a teaser on the same affair may
        // name one or two things).
        let own: Vec<Stems> = tail.iter().map(|s| distinctive(s)).collect();
        let hits: Vec<usize> =
            own.iter().map(|s| s.iter().filter(|w| title.binary_search(w).is_ok()).count()).collect();
        // The article before the block: paragraphs 0..k (a fresh set: candidates go backwards).
        let mut art = before.upto(from).clone();
        for s in &stems[..i] {
            art.extend(s.iter().copied());
        }
        let shares: Vec<f64> = own.iter().map(|s| share_in(s, &art)).collect();
        let mean = shares.iter().sum::<f64>() / len as f64;
        let max = shares.iter().cloned().fold(0.0, f64::max);
        let min = shares.iter().cloned().fold(1.0, f64::min);
        // Other stories: the block opens with a lede, a third of it reads as ledes (both, when
        // there are two), it mostly does not continue the text, and its topic is not this one's.
        let lede_block = is_lede[i] && ledes * 3 >= len && !(len == 2 && ledes < 2) && conn * 3 <= len;
        let foreign = hits[0] == 0
            && hits.iter().all(|h| *h <= 2)
            && hits.iter().sum::<usize>() * 5 <= len * 3
            && shares[0] <= st.max_share
            && mean <= st.max_share
            && max <= st.max_share_one;
        // A run of self-contained ledes: run_min paragraphs or more, none continuing the text,
        // three in four (the first among them) reading as ledes, one of them on another topic
        // (teasers on the same affair come with others).
        let lede_run = len >= st.run_min
            && !parallel
            && conn == 0
            && is_lede[i]
            && ledes * 4 >= len * 3
            && min <= st.max_share;
        // A run of paragraphs on other topics: run_min or more, none continuing the text, the
        // first naming nothing of the headline (the others one word at most, half of them none),
        // each sharing little with the article.
        // Other stories are foreign to each other too (an article's last section is not); the
        // article keeps two paragraphs at least (after one alone, there is too little to compare).
        let foreign_run = len >= st.run_min
            && k >= 2
            && !parallel
            && conn == 0
            && hits[0] == 0
            && hits.iter().all(|h| *h <= 1)
            && hits.iter().sum::<usize>() * 2 <= len
            && max <= st.max_share
            && (0..len).all(|j| {
                let others: StemSet = own
                    .iter()
                    .enumerate()
                    .filter(|(o, _)| *o != j)
                    .flat_map(|(_, s)| s.iter().copied())
                    .collect();
                share_in(&own[j], &others) <= st.max_share_one
            });
        // A change of voice: the article after its lede goes on paragraph after paragraph (two in
        // three continue the text) and then stops doing so for run_min paragraphs or more, half of
        // them ledes, the first too.
        let chained = {
            let body = &goes_on_all[1..k];
            body.len() >= 2 && body.iter().filter(|g| **g).count() * 3 >= body.len() * 2
        };
        let voice_break =
            len >= st.run_min && chained && !parallel && conn == 0 && is_lede[i] && ledes * 2 >= len;
        // Paragraphs that share nothing with the article nor name anything of its headline, four
        // or more, after a paragraph that continues the text (a round-up of stories does not: its
        // items are each foreign to the text before them); teasers on one affair, appended to an
        // article on another, are not foreign to each other.
        let unrelated_run = len > st.run_min
            && k >= 2
            && goes_on_all[k - 1]
            && !parallel
            && conn * 4 <= len
            && ledes >= 1
            && hits.iter().all(|h| *h == 0)
            && max <= st.max_share_unrelated;
        if (lede_block && foreign) || lede_run || foreign_run || voice_break || unrelated_run {
            best = Some(k);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    const TITLE: &str = "الشرطة البريطانية تعتقل سائق سيارة اصطدمت بحاجز أمني قرب البرلمان في لندن";

    fn article() -> Vec<&'static str> {
        vec![
            "لندن، بريطانيا (CNN) – أعلنت شرطة العاصمة البريطانية لندن عن اعتقال رجل بعد اصطدام سيارته بحاجز أمني قرب مبنى البرلمان صباح الثلاثاء.",
            "وقال المتحدث باسم الشرطة إن السائق اعتقل في موقع الحادث وإن التحقيقات جارية لمعرفة دوافعه وملابسات اصطدام السيارة بالحاجز.",
            "وأكدت الشرطة أن المصابين نقلوا إلى المستشفى وأن حياة أحد منهم ليست في خطر بعد اصطدام السيارة بالمارة قرب البرلمان.",
        ]
    }

    const TEASERS: [&str; 3] = [
        "أكد المرشد الإيراني علي خامنئي أنه لا وجود لحرب أو مفاوضات مع الولايات المتحدة في المستقبل وفق خطابه المنشور على موقعه الرسمي الإثنين.",
        "أعلنت وزارة التوحيد الكورية الجنوبية أن رئيس البلاد مون جيه إن وزعيم كوريا الشمالية كيم جونغ أون سيجتمعان مجددا في قمة ثانية قريبا.",
        "قضت المحكمة العسكرية بمحافظة الإسكندرية في مصر الخميس بإعدام سبعة عشر متهما وسجن تسعة وعشرين آخرين في وقائع تفجير كنائس.",
    ];

    #[test]
    fn appended_ledes_end_the_article() {
        let mut lines = article();
        lines.extend(TEASERS);
        assert_eq!(story_end(TITLE, &s(&lines)), Some(3));
    }

    #[test]
    fn an_article_that_goes_on_is_not_cut() {
        let mut lines = article();
        lines.push("ويذكر أن بريطانيا شهدت حوادث مشابهة خلال السنوات الماضية أشهرها هجوم جسر وستمنستر الذي أوقع قتلى وجرحى.");
        lines.push("وكانت الشرطة قد شددت الإجراءات الأمنية حول البرلمان بعد ذلك الهجوم ونشرت حواجز حديدية على الأرصفة المجاورة.");
        assert_eq!(story_end(TITLE, &s(&lines)), None);
        // One foreign paragraph alone is not a block.
        let mut lines = article();
        lines.push(TEASERS[0]);
        assert_eq!(story_end(TITLE, &s(&lines)), None);
    }

    #[test]
    fn a_dateline_with_an_agency_starts_another_story() {
        let mut lines = article();
        lines.push("القاهرة - (رويترز) - قالت شركة إيني الإيطالية إن حقل ظهر للغاز قبالة بورسعيد سيضاعف إنتاجه بحلول الصيف بعد اكتشافات جديدة في دلتا النيل.");
        lines.push("وأضاف المسؤولون أن الشركات الأجنبية ستشارك في تطوير الحقول.");
        assert_eq!(story_end(TITLE, &s(&lines)), Some(3));
    }

    #[test]
    fn teasers_without_a_lede_shape_before_the_stories_found_go_too() {
        let mut lines = article();
        lines.push("تسعى الصين بخطى حثيثة نحو تعزيز تجارتها مع طهران والتوسع في الاستثمار بقطاع النفط الإيراني متجاهلة العقوبات المفروضة.");
        lines.extend(TEASERS);
        assert_eq!(story_end(TITLE, &s(&lines)), Some(3));
        // Not when the paragraph before them does not continue the text (an item of a list).
        let mut lines = article()[..2].to_vec();
        lines.push("انقلاب عسكري في تركيا بقيادة قائد الجيش يطيح بالحكومة المدنية في أنقرة.");
        lines.push("تسعى الصين بخطى حثيثة نحو تعزيز تجارتها مع طهران والتوسع في الاستثمار بقطاع النفط الإيراني متجاهلة العقوبات المفروضة.");
        lines.extend(TEASERS);
        assert_eq!(extend_back(&content_stem_hashes(TITLE), &s(&lines), 4), 4);
    }

    #[test]
    fn teasers_on_one_affair_under_an_article_on_another() {
        let mut lines = article();
        lines.extend([
            "زاد اختفاء الصحفي السعودي جمال خاشقجي من مخاوف نشطاء حقوق الإنسان خارج المملكة بشأن حرية التعبير والصحافة.",
            "منذ أسبوع والإعلامي السعودي جمال خاشقجي في عداد المفقودين ومع مرور كل يوم يزداد لغز اختفائه غموضا في إسطنبول.",
            "طلبت خديجة جنكيز خطيبة الإعلامي جمال خاشقجي من البيت الأبيض التدخل لإنقاذ خطيبها المختفي في إسطنبول.",
            "أكد وزير الخارجية الفرنسي أنه اتصل بنظيره السعودي للحصول على أجوبة حول اختفاء الإعلامي جمال خاشقجي.",
        ]);
        assert_eq!(story_end(TITLE, &s(&lines)), Some(3));
    }

    #[test]
    fn datelines_are_stripped() {
        assert_eq!(strip_dateline("دبي، الإمارات العربية المتحدة (CNN)-- كشف أمير"), "كشف أمير");
        assert_eq!(strip_dateline("القاهرة - (رويترز) - قال مسؤولون"), "قال مسؤولون");
        assert_eq!(strip_dateline("قال مسؤولون لشبكة CNN: إن"), "قال مسؤولون لشبكة CNN: إن");
    }

    #[test]
    fn connectors() {
        assert!(continues("وقال المتحدث"));
        assert!(continues("فيما أكد"));
        assert!(continues("يذكر أن"));
        assert!(!continues("في أحدث تغريدة"));
        assert!(!continues("قال الرئيس"));
        assert!(continues("من جهته، قال"));
        assert!(continues("بالمقابل، لم يصدر"));
        assert!(!continues("من الشخص الذي"));
        assert!(continues("أشارت إلى أن الحفلات"));
        assert!(continues("ختمت قائلةً إن"));
        assert!(!continues("أشارت الوزارة إلى أن"));
        // و that is the word's own first letter, not the conjunction.
        assert!(!continues("واشنطن تحدد مايو المقبل موعدا لنقل سفارتها"));
        assert!(!continues("وافقت اللجنة الحكومية على بيع الحصة"));
        assert!(continues("ووافقت اللجنة الحكومية على بيع الحصة"));
        assert!(continues("وسط ذلك، قال المتحدث"));
        assert!(continues("بشكل منفصل، ذكرت الوكالة"));
        assert!(lede_shaped("أعلنت الوزارة أن الاجتماع سيعقد"));
        assert!(lede_shaped("رفضت المحكمة العليا، الخميس، الطعن المقدم"));
        assert!(lede_shaped("القاهرة - (رويترز) - ارتفعت الأسعار"));
        assert!(lede_shaped("(CNN)-- طلبت الشرطة"));
        assert!(!lede_shaped("وأوضح جرجس في مقابلة مع CNN: الوضع"));
        assert!(!lede_shaped("ليس من السهل كما يعتقد البعض إقناع إيران بالبقاء في الاتفاقية"));
    }
}
