//! Tests of the query language and of the index against the one-text matcher.

use super::*;
use crate::article::{Article, Format};

fn hits<'a>(q: &str, text: &'a str) -> Vec<&'a str> {
    Query::parse(q).find(text).into_iter().map(|r| &text[r]).collect()
}

fn art(title: &str, body: &str) -> Article {
    Article::new("t.txt", 0, Format::Text, "UTF-8", title.into(), vec![body.into()])
}

#[test]
fn hamza_and_alef_forms_fold() {
    assert_eq!(hits("اذربيجان", "زار أذربيجان"), ["أذربيجان"]);
    assert_eq!(hits("إيران", "ايران وآسيا"), ["ايران"]);
    assert_eq!(hits("آسيا", "اسيا"), ["اسيا"]);
    assert_eq!(hits("مؤتمر", "موتمر"), ["موتمر"]);
}

#[test]
fn alef_maksura_and_teh_marbuta_fold() {
    assert_eq!(hits("مستشفي", "في مستشفى المدينة"), ["مستشفى"]);
    assert_eq!(hits("مدرسه", "مدرسة"), ["مدرسة"]);
}

#[test]
fn harakat_and_tatweel_are_ignored_and_kept_in_the_span() {
    assert_eq!(hits("قال", "قَالَ الوزير"), ["قَالَ"]);
    assert_eq!(hits("جديد", "اتفاق جـــديد"), ["جـــديد"]);
    assert_eq!(hits("قَالَ", "قال"), ["قال"]);
}

#[test]
fn digits_presentation_forms_and_nbsp_fold() {
    assert_eq!(hits("2023", "سبتمبر ٢٠٢٣"), ["٢٠٢٣"]);
    assert_eq!(hits("12", "۱۲ جنديا"), ["۱۲"]);
    // قال in presentation forms, as a shaped text would hold it.
    assert_eq!(hits("قال", "\u{FED7}\u{FE8E}\u{FEDD} هنا"), ["\u{FED7}\u{FE8E}\u{FEDD}"]);
    assert_eq!(hits("\"ناغورنو كاراباخ\"", "في ناغورنو\u{00A0}كاراباخ"), ["ناغورنو\u{00A0}كاراباخ"]);
}

#[test]
fn clitics_and_article_match() {
    let text = "وأذربيجان ولأذربيجان بأذربيجان فأذربيجان الأذربيجانية والأذربيجانيين للأذربيجانيين";
    assert_eq!(hits("أذربيجان", text).len(), 7);
    assert_eq!(hits("اذربيجان", text).len(), 7);
    assert_eq!(hits("الأذربيجانية", text).len(), 7);
}

#[test]
fn suffixes_match_by_light_stem() {
    assert_eq!(hits("المعلم", "المعلمون والمعلمات"), ["المعلمون", "والمعلمات"]);
    assert_eq!(hits("مصر", "الحكومة المصرية والمصريين"), ["المصرية", "والمصريين"]);
    assert_eq!(hits("حكومة", "حكومات الحكومة"), ["حكومات", "الحكومة"]);
}

#[test]
fn short_and_unrelated_words_do_not_match() {
    assert!(hits("لقاء", "بقاء").is_empty());
    assert!(hits("الولايات", "ولا أحد").is_empty());
    assert!(hits("بيت", "تثبيت").is_empty());
    assert!(hits("عمان", "العماني").len() == 1);
    assert!(hits("ايران", "ايرانا").is_empty());
}

#[test]
fn exact_word_folds_spelling_only() {
    let text = "أذربيجان وأذربيجان الأذربيجانية اذربيجان";
    assert_eq!(hits("=أذربيجان", text), ["أذربيجان", "اذربيجان"]);
}

#[test]
fn phrases_need_consecutive_words() {
    let text = "قال رئيس الوزراء نيكول باشينيان. ونيكول هو باشينيان";
    assert_eq!(hits("\"نيكول باشينيان\"", text), ["نيكول باشينيان"]);
    assert_eq!(hits("«نيكول باشينيان»", text), ["نيكول باشينيان"]);
    // Words apart are found one by one.
    assert_eq!(hits("نيكول باشينيان", text).len(), 4);
}

#[test]
fn every_word_must_match_somewhere() {
    let a = art("أذربيجان تطلق عملية", "قالت يريفان إن الهجوم بدأ");
    assert!(Query::parse("أذربيجان يريفان").matches_article(&a));
    assert!(Query::parse("الأذربيجانية الهجوم").matches_article(&a));
    assert!(!Query::parse("أذربيجان موسكو").matches_article(&a));
    assert!(!Query::parse("\"تطلق يريفان\"").matches_article(&a));
    assert!(Query::parse("").matches_article(&a));
}

#[test]
fn typing_makes_the_last_word_a_prefix() {
    let text = "الجيش الأذربيجاني ووزير الخارجية";
    assert_eq!(Query::parse_typing("أذرب").find(text).len(), 1);
    assert_eq!(Query::parse_typing("الأذربيجان").find(text).len(), 1);
    assert!(Query::parse("أذرب").find(text).is_empty());
    // A finished word (space typed) is a whole word again.
    assert!(Query::parse_typing("أذرب ").find(text).is_empty());
    // One letter is not a filter yet.
    assert!(Query::parse_typing("ا").is_empty());
    assert_eq!(Query::parse_typing("\"الجيش الأذ").find(text).len(), 1);
    assert_eq!(Query::parse_typing("=الخار").find(text).len(), 1);
    assert!(Query::parse_typing("=خار").find(text).is_empty());
}

#[test]
fn spans_are_exact_and_sorted_in_title_and_body() {
    let text = "أعلنت أذربيجان، اليوم، أن أذربيجانَ";
    let found = Query::parse("اذربيجان").find(text);
    assert_eq!(found.len(), 2);
    assert_eq!(&text[found[0].clone()], "أذربيجان");
    assert_eq!(&text[found[1].clone()], "أذربيجانَ");
    assert!(found[0].end <= found[1].start);
}

#[test]
fn index_agrees_with_the_one_text_matcher() {
    let articles: Vec<Article> = crate::article::BUNDLED
        .iter()
        .map(|(p, t)| crate::article::from_plain_text(p, t))
        .chain([art("باشينيان في موسكو", "قال نيكول باشينيان إن ..."), art("بيروت", "لبنان وسوريا")])
        .collect();
    let index = Index::build(&articles);
    for q in [
        "أذربيجان",
        "الأذربيجانية",
        "=أذربيجان",
        "\"نيكول باشينيان\"",
        "باشينيان موسكو",
        "لبنان",
        "الأرمن",
        "\"ناغورنو كاراباخ\" الأذربيجاني",
        "غير_موجودة",
    ] {
        let query = Query::parse(q);
        let got: Vec<usize> = index.search(&query).into_iter().map(|(a, _)| a).collect();
        let want: Vec<usize> = (0..articles.len()).filter(|&i| query.matches_article(&articles[i])).collect();
        assert_eq!(got, want, "{q}");
        for (a, n) in index.search(&query) {
            let found = query.find(&articles[a].title).len() + query.find(&articles[a].body).len();
            assert!(n >= found && found > 0, "{q}: {n} vs {found}");
        }
    }
    for q in ["أذرب", "\"نيكول باش", "=أذربي"] {
        let query = Query::parse_typing(q);
        let got = index.search(&query).len();
        let want = articles.iter().filter(|a| query.matches_article(a)).count();
        assert_eq!(got, want, "{q}");
    }
}
