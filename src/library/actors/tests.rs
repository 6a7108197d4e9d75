//! Merging rules on hand-built extractions (independent of what the extractor finds today).

use super::*;
use crate::extract::{Actor, Quote, QuoteKind};

fn actor(name: &str, kind: ActorKind, aliases: &[&str], mentions: usize) -> Actor {
    Actor {
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        mentions: (0..mentions).map(|i| i * 10..i * 10 + 5).collect(),
    }
}

fn quote(text: &str, speaker: usize) -> Quote {
    Quote {
        text: text.into(),
        span: 0..text.len(),
        speaker: Some(speaker),
        speaker_span: None,
        source: None,
        kind: QuoteKind::Direct,
        cue: None,
        in_title: false,
    }
}

fn ex(actors: Vec<Actor>, quotes: Vec<Quote>) -> Extraction {
    Extraction { actors, quotes }
}

fn find<'a>(all: &'a [LibraryActor], name: &str) -> Vec<&'a LibraryActor> {
    all.iter().filter(|a| a.name == name || a.aliases.iter().any(|x| x == name)).collect()
}

#[test]
fn one_country_across_articles_and_spellings() {
    let all = merge_actors(&[
        ex(vec![actor("أذربيجان", ActorKind::Country, &["وأذربيجان"], 5)], vec![]),
        ex(vec![actor("اذربيجان", ActorKind::Country, &[], 2)], vec![]),
        ex(vec![actor("لأذربيجان", ActorKind::Country, &[], 1)], vec![]),
        ex(vec![actor("الأذربيجانية", ActorKind::Country, &["أذربيجان"], 3)], vec![]),
    ]);
    assert_eq!(all.len(), 1);
    let a = &all[0];
    assert_eq!(a.name, "أذربيجان");
    assert_eq!(a.articles, [0, 1, 2, 3]);
    assert_eq!(a.mentions, 11);
    assert!(a.aliases.contains(&"وأذربيجان".to_string()) && a.aliases.contains(&"اذربيجان".to_string()));
}

#[test]
fn surname_joins_the_one_full_name_and_brings_its_quotes() {
    let all = merge_actors(&[
        ex(
            vec![
                actor("أذربيجان", ActorKind::Country, &[], 1),
                actor("نيكول باشينيان", ActorKind::Person, &[], 2),
            ],
            vec![quote("لن نتراجع", 1)],
        ),
        ex(
            vec![actor("باشينيان", ActorKind::Person, &[], 1)],
            vec![quote("نريد السلام", 0), quote("قال آخر", 0)],
        ),
        ex(vec![actor("ونيكول باشينيان", ActorKind::Person, &[], 1)], vec![quote("ثالث", 0)]),
    ]);
    let p = find(&all, "نيكول باشينيان");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].name, "نيكول باشينيان");
    assert_eq!(p[0].articles, [0, 1, 2]);
    assert_eq!(p[0].quotes.len(), 4);
    assert_eq!(p[0].quotes[0], QuoteRef { article: 0, quote: 0 });
    assert!(p[0].aliases.contains(&"باشينيان".to_string()));
}

#[test]
fn ambiguous_surname_stays_alone() {
    let all = merge_actors(&[
        ex(vec![actor("محمود عباس", ActorKind::Person, &[], 1)], vec![]),
        ex(vec![actor("كامل عباس", ActorKind::Person, &[], 1)], vec![]),
        ex(vec![actor("عباس", ActorKind::Person, &[], 1)], vec![]),
    ]);
    assert_eq!(all.len(), 3);
}

#[test]
fn people_sharing_a_first_name_or_skeleton_stay_apart() {
    let all = merge_actors(&[
        ex(vec![actor("محمد علي", ActorKind::Person, &["محمد"], 1)], vec![]),
        ex(vec![actor("محمد حسن", ActorKind::Person, &["محمد"], 1)], vec![]),
        ex(vec![actor("محمود عباس", ActorKind::Person, &[], 1)], vec![]),
        ex(vec![actor("محمد عباس", ActorKind::Person, &[], 1)], vec![]),
    ]);
    assert_eq!(all.len(), 4);
}

#[test]
fn transliteration_variants_of_a_place_merge() {
    let all = merge_actors(&[
        ex(vec![actor("ناغورنو كاراباخ", ActorKind::Place, &[], 3)], vec![]),
        ex(vec![actor("ناجورنو كاراباخ", ActorKind::Place, &[], 1)], vec![]),
        ex(vec![actor("ناغورني كراباخ", ActorKind::Place, &[], 1)], vec![]),
        ex(
            vec![actor("زيلينسكي", ActorKind::Person, &[], 1), actor("زيلنسكي", ActorKind::Person, &[], 1)],
            vec![],
        ),
    ]);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].name, "ناغورنو كاراباخ");
    assert_eq!(all[0].articles, [0, 1, 2]);
}

#[test]
fn kinds_and_anonymous_sources_do_not_merge() {
    let all = merge_actors(&[
        ex(
            vec![actor("أرمينيا", ActorKind::Country, &[], 1), actor("مصدر مطلع", ActorKind::Person, &[], 1)],
            vec![],
        ),
        ex(
            vec![
                actor("أرمينيا", ActorKind::Organization, &[], 1),
                actor("مصدر مطلع", ActorKind::Person, &[], 1),
            ],
            vec![],
        ),
    ]);
    assert_eq!(all.len(), 4);
}

#[test]
fn sorted_by_mentions() {
    let all = merge_actors(&[ex(
        vec![
            actor("روسيا", ActorKind::Country, &[], 1),
            actor("تركيا", ActorKind::Country, &[], 7),
            actor("إيران", ActorKind::Country, &[], 3),
        ],
        vec![],
    )]);
    let names: Vec<&str> = all.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["تركيا", "إيران", "روسيا"]);
}

/// One article naming the same words as a person and as an organisation gives two actors with
/// equal counts: their order must not depend on hashing (the `actors` command is for scripts).
#[test]
fn ties_are_ordered_the_same_every_run() {
    let input = [ex(
        vec![actor("بوسكيتس", ActorKind::Organization, &[], 1), actor("بوسكيتس", ActorKind::Person, &[], 1)],
        vec![],
    )];
    let first: Vec<ActorKind> = merge_actors(&input).iter().map(|a| a.kind).collect();
    assert_eq!(first, [ActorKind::Person, ActorKind::Organization]);
    let swapped = [ex(
        vec![actor("بوسكيتس", ActorKind::Person, &[], 1), actor("بوسكيتس", ActorKind::Organization, &[], 1)],
        vec![],
    )];
    for _ in 0..20 {
        assert_eq!(merge_actors(&swapped).iter().map(|a| a.kind).collect::<Vec<_>>(), first);
    }
}

#[test]
fn empty_and_unnamed_inputs_are_fine() {
    assert!(merge_actors(&[]).is_empty());
    let all = merge_actors(&[ex(vec![actor("", ActorKind::Other, &[], 0)], vec![quote("x", 5)])]);
    assert_eq!(all.len(), 1);
    assert!(all[0].quotes.is_empty());
}

#[test]
fn spelling_variants_of_people_merge_word_by_word() {
    let all = merge_actors(&[
        ex(vec![actor("شارل ميشيل", ActorKind::Person, &[], 3)], vec![]),
        ex(vec![actor("شارل ميشال", ActorKind::Person, &[], 1)], vec![]),
        ex(vec![actor("أنتوني بلينكين", ActorKind::Person, &[], 2)], vec![]),
        ex(vec![actor("انتوني بلينكن", ActorKind::Person, &[], 1)], vec![]),
        ex(vec![actor("دميتري بسكوف", ActorKind::Person, &[], 1)], vec![]),
        ex(vec![actor("بيسكوف", ActorKind::Person, &[], 2)], vec![quote("لا تعليق", 0)]),
    ]);
    let names: Vec<&str> = all.iter().map(|a| a.name.as_str()).collect();
    // Ties on mentions go to the one with more quotes.
    assert_eq!(names, ["شارل ميشيل", "دميتري بسكوف", "أنتوني بلينكين"]);
    assert_eq!(all[1].quotes.len(), 1);
}

#[test]
fn a_bare_head_noun_is_not_one_organisation_across_articles() {
    let all = merge_actors(&[
        ex(vec![actor("الشرطة", ActorKind::Organization, &[], 2)], vec![]),
        ex(vec![actor("الشرطة", ActorKind::Organization, &[], 1)], vec![]),
        ex(vec![actor("وزارة الخارجية", ActorKind::Organization, &[], 1)], vec![]),
        ex(vec![actor("وزارة الخارجية", ActorKind::Organization, &[], 1)], vec![]),
    ]);
    // Each article's police is its own; a named ministry is still one actor.
    assert_eq!(find(&all, "الشرطة").len(), 2);
    assert_eq!(find(&all, "وزارة الخارجية").len(), 1);
    assert_eq!(find(&all, "وزارة الخارجية")[0].articles, vec![2, 3]);
}
