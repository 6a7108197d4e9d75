//! What a library teaches about its outlets' furniture: paragraphs repeated near-verbatim across
//! articles. Learnt from the articles themselves (word 3-shingles hashed with XXH3, MinHash
//! signatures and LSH bands: see [`super::minhash`]), so loading an outlet's hundred articles
//! teaches its footers, disclaimers and the teasers it appends everywhere; no outlet's wording is
//! written down.
//!
//! The interface is small so that any collection of articles can use it: [`Furniture::observe`]
//! each article (a batch of files, a feed, the library's stored articles), then
//! [`Furniture::judge`] each one. [`apply`] does both for a batch of loaded articles.
//!
//! A paragraph is furniture when near-copies of it stand in at least [`MIN_ARTICLES`] other
//! articles of the same source (any source when the outlet is unknown) and it is short or stands
//! among the last paragraphs (background paragraphs that agencies reuse are long and sit in the
//! body: they stay). A paragraph after the first that is another article's lede (its dateline
//! aside) is a teaser of that article. A headline-shaped body line equal to another article's
//! headline is a link to that article.

use std::collections::{HashMap, HashSet};

use super::minhash::{self, Index, Signature};
use super::normalize::{words_key, words_key_into};
use super::{Article, clean};

/// Other articles a paragraph must repeat in to be furniture.
pub const MIN_ARTICLES: usize = 3;
/// Paragraphs of at most this many words are furniture wherever they stand.
const SHORT_WORDS: usize = 30;
/// Longer ones only among this many last paragraphs.
const LAST_PARAGRAPHS: usize = 6;
/// Paragraphs longer than this are never furniture (and are not hashed: loading stays fast).
const MAX_WORDS: usize = 120;
/// A first paragraph longer than this is the article's lede (a banner or a credit line is shorter).
const LEDE_WORDS: usize = 15;
/// Near-verbatim: estimated Jaccard similarity of the word 3-shingles.
const THRESHOLD: f64 = 0.8;

/// Where a paragraph was seen.
#[derive(Clone, Copy)]
struct Seen {
    article: usize,
    source: usize,
    /// The paragraph's place in its article.
    position: usize,
}

/// Near-duplicate paragraphs across articles, and the headlines of the articles.
#[derive(Default)]
pub struct Furniture {
    index: Index,
    /// What each id of the index is (the index numbers its signatures 0, 1, …).
    seen: Vec<Seen>,
    /// For each article, the index id of each of its paragraphs (none for those not hashed).
    ids: Vec<Vec<Option<usize>>>,
    sources: HashMap<String, usize>,
    titles: HashSet<String>,
    /// Each article's signature over its whole text: copies of one story are not evidence.
    whole: Vec<Signature>,
}

/// The hashed word 3-shingles of a key (words joined by single spaces): each shingle is a slice
/// of the key, hashed without a copy; a key of fewer than three words is one shingle.
fn shingles(key: &str) -> impl Iterator<Item = u64> + '_ {
    let starts: Vec<usize> = std::iter::once(0).chain(key.match_indices(' ').map(|(i, _)| i + 1)).collect();
    let n = starts.len();
    let short = (n < 3).then(|| xxhash_rust::xxh3::xxh3_64(key.as_bytes()));
    let windows = (0..n.saturating_sub(2)).map(move |i| {
        let end = if i + 3 < n { starts[i + 3] - 1 } else { key.len() };
        xxhash_rust::xxh3::xxh3_64(&key.as_bytes()[starts[i]..end])
    });
    short.into_iter().chain(windows)
}

impl Furniture {
    /// An empty collection.
    pub fn new() -> Furniture {
        Furniture::default()
    }

    fn source_id(&mut self, source: Option<&str>) -> usize {
        let n = self.sources.len();
        *self.sources.entry(source.unwrap_or("").to_string()).or_insert(n)
    }

    /// Learns one article: its source, headline and paragraphs. Returns its number, for
    /// [`Furniture::judge`].
    pub fn observe<'a>(
        &mut self,
        source: Option<&str>,
        title: &str,
        paragraphs: impl IntoIterator<Item = &'a str>,
    ) -> usize {
        let article = self.ids.len();
        let source = self.source_id(source);
        if !title.trim().is_empty() {
            self.titles.insert(words_key(title));
        }
        let mut key = String::new();
        let mut all: Vec<u64> = Vec::new();
        let mut ids = Vec::new();
        for (position, p) in paragraphs.into_iter().enumerate() {
            words_key_into(p, &mut key);
            let n = if key.is_empty() { 0 } else { key.bytes().filter(|&b| b == b' ').count() + 1 };
            all.extend(shingles(&key));
            if n == 0 || n > MAX_WORDS {
                ids.push(None);
                continue;
            }
            // A dateline says where, not what: the paragraph is compared without it.
            let body = super::story::strip_dateline(p);
            if body.len() != p.len() {
                words_key_into(body, &mut key);
            }
            if key.is_empty() {
                ids.push(None);
                continue;
            }
            let id = self.index.insert(minhash::signature(shingles(&key)));
            self.seen.push(Seen { article, source, position });
            ids.push(Some(id));
        }
        all.sort_unstable();
        all.dedup();
        self.whole.push(minhash::signature(all));
        self.ids.push(ids);
        article
    }

    /// Which paragraphs of observed article `article` (its `source`, `title` and `paragraphs` as
    /// observed) are furniture.
    pub fn judge(&self, article: usize, source: Option<&str>, title: &str, paragraphs: &[&str]) -> Vec<bool> {
        let links = self.links(title, paragraphs);
        let repeats = self.repeats(article, source, paragraphs);
        links.into_iter().zip(repeats).map(|(l, r)| l || r).collect()
    }

    /// Headline-shaped paragraphs equal to another observed article's headline: links to it.
    fn links(&self, title: &str, paragraphs: &[&str]) -> Vec<bool> {
        let own_title = words_key(title);
        paragraphs
            .iter()
            .map(|p| {
                clean::link_shaped(p) && {
                    let key = words_key(p);
                    key != own_title && self.titles.contains(&key)
                }
            })
            .collect()
    }

    /// Paragraphs near-copied elsewhere: another article's lede, or a footer of the outlet. The
    /// same for two observed articles with the same source and paragraphs (copies of one story are
    /// not evidence for each other).
    fn repeats(&self, article: usize, source: Option<&str>, paragraphs: &[&str]) -> Vec<bool> {
        let source = self.sources.get(source.unwrap_or("")).copied();
        let n = paragraphs.len();
        let ids = self.ids.get(article).map_or(&[][..], Vec::as_slice);
        let mut verdicts: Vec<bool> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let Some(Some(id)) = ids.get(i) else { return false };
                // An article's own lede stays, however often other articles append it as a teaser:
                // the copies are teasers of this article, not furniture of it.
                if i == 0 && p.split_whitespace().count() > LEDE_WORDS {
                    return false;
                }
                let copies: Vec<Seen> = self
                    .index
                    .query(self.index.signature(*id), THRESHOLD)
                    .into_iter()
                    .map(|id| self.seen[id])
                    .filter(|s| s.article != article && !self.same_story(article, s.article))
                    .collect();
                // Another article's lede, here after this one's own: a teaser of it.
                if i > 0 && copies.iter().any(|s| s.position == 0) {
                    return true;
                }
                if p.split_whitespace().count() > SHORT_WORDS && i + LAST_PARAGRAPHS < n {
                    return false;
                }
                let others: HashSet<usize> =
                    copies.iter().filter(|s| Some(s.source) == source).map(|s| s.article).collect();
                others.len() >= MIN_ARTICLES
            })
            .collect();
        // A label that a columnist repeats ("كلمة أخيرة:") heads the text after it: it stays with
        // that text unless the text goes too.
        for i in 0..n.saturating_sub(1) {
            if verdicts[i] && !verdicts[i + 1] && paragraphs[i].trim_end().ends_with(':') {
                verdicts[i] = false;
            }
        }
        verdicts
    }

    /// Whether two observed articles are copies of one story (most of their text the same): what
    /// they share is the story, not furniture.
    fn same_story(&self, a: usize, b: usize) -> bool {
        let (Some(x), Some(y)) = (self.whole.get(a), self.whole.get(b)) else { return false };
        minhash::similarity(x, y) >= SAME_STORY
    }
}

/// Estimated Jaccard similarity of two articles' whole texts from which they are one story.
const SAME_STORY: f64 = 0.5;

/// Learns a batch of loaded articles, then moves each one's furniture paragraphs aside (into
/// [`Article::removed`]). A batch of one article teaches nothing.
pub fn apply(articles: &mut [Article]) {
    if articles.len() < 2 {
        return;
    }
    let mut f = Furniture::new();
    let ids: Vec<usize> =
        articles.iter().map(|a| f.observe(a.source.as_deref(), &a.title, a.paragraph_texts())).collect();
    // Copies of one text (the same story from two feeds, a file loaded twice) get one verdict on
    // repeats, computed once: each copy's queries would meet all the others.
    let mut seen: HashMap<(Option<&str>, u64), Vec<bool>> = HashMap::new();
    let mut verdicts: Vec<Vec<bool>> = Vec::with_capacity(articles.len());
    for (a, id) in articles.iter().zip(&ids) {
        let paragraphs: Vec<&str> = a.paragraph_texts().collect();
        let key = (a.source.as_deref(), xxhash_rust::xxh3::xxh3_64(a.body.as_bytes()));
        let repeats = seen.entry(key).or_insert_with(|| f.repeats(*id, a.source.as_deref(), &paragraphs));
        let links = f.links(&a.title, &paragraphs);
        verdicts.push(links.into_iter().zip(repeats.iter()).map(|(l, r)| l || *r).collect());
    }
    for (a, drop) in articles.iter_mut().zip(verdicts) {
        if drop.iter().any(|d| *d) {
            a.remove_paragraphs(&drop);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;

    fn art(source: &str, title: &str, paras: &[&str]) -> Article {
        let mut a = Article::new(
            "x",
            0,
            Format::Text,
            "UTF-8",
            title.into(),
            paras.iter().map(|p| p.to_string()).collect(),
        );
        a.source = Some(source.into());
        a
    }

    const FOOTER: &str =
        "يمكنكم متابعة آخر الأخبار على مدار الساعة بعد تنزيل النسخة الجديدة من برنامجنا على هواتفكم.";

    /// Five different stories, two paragraphs each.
    fn story(i: usize) -> Vec<String> {
        let s: [[&str; 2]; 6] = [
            [
                "قال المتحدث باسم وزارة الخارجية إن المفاوضات بشأن الحدود ستستمر الأسبوع المقبل في العاصمة.",
                "وأضاف أن الوفد سيلتقي ممثلين عن الأطراف كلها لبحث جدول الأعمال المطروح.",
            ],
            [
                "أعلن نادي الهلال تعاقده مع لاعب وسط برازيلي لمدة ثلاثة مواسم قادما من الدوري البرتغالي.",
                "وسيخضع اللاعب للفحص الطبي قبل انضمامه إلى معسكر الفريق في النمسا.",
            ],
            [
                "ارتفعت أسعار النفط في تعاملات اليوم بعد تراجع المخزونات الأمريكية أكثر من المتوقع.",
                "وصعد خام برنت إلى أعلى مستوى له منذ شهرين وسط مخاوف من نقص الإمدادات.",
            ],
            [
                "افتتحت الحكومة مستشفى جديدا للأطفال في المدينة الساحلية بسعة مئتي سرير.",
                "وقالت وزيرة الصحة إن المستشفى سيخدم سكان المحافظات الجنوبية كلها.",
            ],
            [
                "ضرب زلزال بقوة ست درجات جزيرة في المحيط الهادئ دون أن ترد أنباء عن أضرار.",
                "وأوضح مركز الرصد أن الهزة وقعت على عمق عشرة كيلومترات تحت سطح البحر.",
            ],
            [
                "فاز فيلم وثائقي عن الهجرة بالجائزة الكبرى لمهرجان السينما العربية هذا العام.",
                "ويروي الفيلم قصة ثلاث عائلات عبرت البحر بحثا عن حياة جديدة في أوروبا.",
            ],
        ];
        s[i % s.len()].iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_footer_repeated_across_an_outlets_articles_goes_and_the_stories_stay() {
        let mut arts: Vec<Article> = (0..5)
            .map(|i| {
                let mut p = story(i);
                p.push(FOOTER.into());
                let refs: Vec<&str> = p.iter().map(String::as_str).collect();
                art("outlet", &format!("عنوان الخبر {i}"), &refs)
            })
            .collect();
        apply(&mut arts);
        for (i, a) in arts.iter().enumerate() {
            assert_eq!(a.paragraph_texts().collect::<Vec<_>>(), story(i), "{i}");
            assert_eq!(a.removed.last().unwrap().lines, [FOOTER]);
        }
    }

    #[test]
    fn copies_of_one_story_teach_nothing() {
        let mut arts: Vec<Article> = (0..6)
            .map(|i| {
                let mut p = story(1);
                p.push(format!("نسخة رقم {i}"));
                let refs: Vec<&str> = p.iter().map(String::as_str).collect();
                art("s", "عنوان واحد", &refs)
            })
            .collect();
        apply(&mut arts);
        assert!(arts.iter().all(|a| a.paragraphs.len() == 3 && a.removed.is_empty()));
    }

    #[test]
    fn too_few_repeats_or_another_source_teach_nothing() {
        let mut arts: Vec<Article> = (0..3)
            .map(|i| {
                let mut p = story(i);
                p.push(FOOTER.into());
                let refs: Vec<&str> = p.iter().map(String::as_str).collect();
                art(if i == 0 { "a" } else { "b" }, &format!("عنوان {i}"), &refs)
            })
            .collect();
        apply(&mut arts);
        assert!(arts.iter().all(|a| a.paragraphs.len() == 3));
    }

    #[test]
    fn another_articles_lede_after_this_ones_is_a_teaser() {
        let other =
            "أعلنت وزارة الصحة في البلاد عن افتتاح مستشفى جديد للأطفال في العاصمة بتكلفة بلغت مئتي مليون دولار.";
        let mut body = story(2);
        body.push(other.into());
        let refs: Vec<&str> = body.iter().map(String::as_str).collect();
        let second = format!("دبي، الإمارات العربية المتحدة (CNN)-- {other}");
        let mut arts = vec![
            art("s", "عنوان أول", &refs),
            art(
                "s",
                "مستشفى جديد للأطفال",
                &[&second, "وأضافت الوزارة أن المستشفى سيستقبل المرضى الشهر المقبل."],
            ),
        ];
        apply(&mut arts);
        assert_eq!(arts[0].paragraph_texts().collect::<Vec<_>>(), story(2));
        assert_eq!(arts[1].paragraphs.len(), 2, "the lede stays in its own article");
    }

    #[test]
    fn a_lede_appended_to_many_articles_stays_in_its_own() {
        let lede = "أعلنت وزارة الصحة في البلاد عن افتتاح مستشفى جديد للأطفال في العاصمة بتكلفة بلغت مئتي مليون دولار أمريكي.";
        let bodies: Vec<Vec<String>> = (0..4)
            .map(|i| {
                let mut b = story(i + 3);
                b.push(lede.into());
                b
            })
            .collect();
        let refs: Vec<Vec<&str>> = bodies.iter().map(|b| b.iter().map(String::as_str).collect()).collect();
        let mut arts: Vec<Article> =
            refs.iter().enumerate().map(|(i, r)| art("s", &format!("عنوان {i}"), r)).collect();
        arts.push(art(
            "s",
            "مستشفى جديد للأطفال",
            &[lede, "وأضافت الوزارة أن المستشفى سيستقبل المرضى الشهر المقبل."],
        ));
        apply(&mut arts);
        assert_eq!(arts[4].paragraphs.len(), 2, "the lede stays in its own article");
        for a in &arts[..4] {
            assert!(!a.paragraph_texts().any(|p| p == lede), "the teaser goes from the others");
        }
    }

    #[test]
    fn another_articles_headline_in_the_body_is_a_link() {
        let linked = "الحكومة تعلن خطة جديدة لدعم المزارعين في المناطق الريفية";
        let mut body = story(1);
        body.insert(1, linked.into());
        let refs: Vec<&str> = body.iter().map(String::as_str).collect();
        let mut arts = vec![art("s", "عنوان أول", &refs), art("s", linked, &["نص الخبر الثاني هنا بكامله."])];
        apply(&mut arts);
        assert_eq!(arts[0].paragraph_texts().collect::<Vec<_>>(), story(1));
        assert_eq!(arts[0].removed[0].at, 1);
    }
}
