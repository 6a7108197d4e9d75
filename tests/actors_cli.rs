//! `sahifa actors` over the bundled seeds: one entry per actor across articles and spellings.

use assert_cmd::Command;
use serde_json::Value;

fn actors() -> Vec<Value> {
    let out = Command::cargo_bin("sahifa").unwrap().args(["actors", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

/// The folding review tools use: hamza forms of alef, ى, ة, harakat and tatweel.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            c => c,
        })
        .collect()
}

fn carrying<'a>(all: &'a [Value], alias: &str) -> Vec<&'a Value> {
    all.iter()
        .filter(|a| {
            std::iter::once(&a["name"])
                .chain(a["aliases"].as_array().unwrap())
                .any(|n| key(n.as_str().unwrap()) == key(alias))
        })
        .collect()
}

#[test]
fn azerbaijan_is_one_entry_with_all_five_articles() {
    let all = actors();
    let az = carrying(&all, "أذربيجان");
    assert_eq!(az.len(), 1);
    assert_eq!(az[0]["kind"], "country");
    let arts: Vec<&str> =
        az[0]["articles"].as_array().unwrap().iter().map(|a| a["file"].as_str().unwrap()).collect();
    assert_eq!(arts.len(), 5, "{arts:?}");
}

#[test]
fn pashinyan_is_one_entry_with_his_quotes_across_articles() {
    let all = actors();
    let p = carrying(&all, "باشينيان");
    let full = carrying(&all, "نيكول باشينيان");
    assert_eq!(p.len(), 1);
    assert_eq!(full.len(), 1);
    assert_eq!(p[0], full[0]);
    let mut quoted: Vec<&str> =
        p[0]["quotes"].as_array().unwrap().iter().map(|q| q["file"].as_str().unwrap()).collect();
    quoted.dedup();
    assert!(quoted.len() >= 2, "{quoted:?}");
}

#[test]
fn entries_have_the_documented_shape_and_come_by_mentions() {
    let all = actors();
    assert!(!all.is_empty());
    let mentions: Vec<u64> = all.iter().map(|a| a["mentions"].as_u64().unwrap()).collect();
    assert!(mentions.windows(2).all(|w| w[0] >= w[1]));
    for a in &all {
        let mut keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["aliases", "articles", "kind", "mentions", "name", "quotes"]);
        for q in a["quotes"].as_array().unwrap() {
            assert!(
                q["file"].is_string()
                    && q["index"].is_u64()
                    && q["text"].is_string()
                    && q["kind"].is_string()
            );
        }
    }
}

#[test]
fn text_format_lists_each_actor_once() {
    let out = Command::cargo_bin("sahifa").unwrap().arg("actors").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let heads: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(heads.len(), actors().len());
}
