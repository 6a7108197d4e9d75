//! `sahifa export` over the bundled seeds, with stars and notes saved in a temporary data dir.

use assert_cmd::Command;
use sahifa::store::{DATA_DIR_ENV, Store, quote_key};

fn export(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("sahifa")
        .unwrap()
        .env(DATA_DIR_ENV, dir)
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The bundled articles exactly as the command loads them (cleaned), so ids and spans agree.
fn seeds() -> Vec<sahifa::article::Article> {
    sahifa::commands::load_articles(&[], false).articles
}

/// Stars the first article and the first quote of the second article that has quotes, with notes.
fn mark(dir: &std::path::Path) -> (String, String) {
    let articles = seeds();
    let ex: Vec<_> = articles.iter().map(sahifa::extract::extract).collect();
    let (store, _) = Store::open(Some(dir.to_path_buf()));
    let mut store = store;
    store.set_starred(&articles[0].id, true);
    store.set_note(&articles[0].id, Some("مقال مهم للمراجعة".into()));
    let (i, q) = ex.iter().enumerate().skip(1).find_map(|(i, e)| e.quotes.first().map(|q| (i, q))).unwrap();
    let key = quote_key(&q.text, q.span.start);
    store.set_quote_starred(&articles[i].id, &key, true);
    store.set_quote_note(&articles[i].id, &key, Some("تصريح لافت".into()));
    store.save().unwrap();
    (articles[i].path.clone(), q.text.clone())
}

fn total_quotes() -> usize {
    seeds().iter().map(|a| sahifa::extract::extract(a).quotes.len()).sum()
}

#[test]
fn csv_starts_with_bom_and_has_one_row_per_quote() {
    let dir = tempfile::tempdir().unwrap();
    let csv = export(dir.path(), &["--format", "csv"]);
    assert!(csv.starts_with('\u{FEFF}'));
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    assert_eq!(r.headers().unwrap().len(), 8);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.iter().filter(|r| &r[4] != "article").count(), total_quotes());
}

#[test]
fn all_three_formats_carry_stars_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let (file, quote) = mark(dir.path());
    let json: serde_json::Value = serde_json::from_str(&export(dir.path(), &["--format", "json"])).unwrap();
    let arts = json["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 5);
    assert_eq!(arts[0]["starred"], true);
    assert_eq!(arts[0]["note"], "مقال مهم للمراجعة");
    let a = arts.iter().find(|a| a["file"] == file.as_str()).unwrap();
    let q = a["quotes"].as_array().unwrap().iter().find(|q| q["text"] == quote.as_str()).unwrap();
    assert_eq!((&q["starred"], &q["note"]), (&true.into(), &"تصريح لافت".into()));

    let md = export(dir.path(), &["--format", "markdown"]);
    assert!(md.contains("<div dir=\"rtl\">") && md.contains("مقال مهم للمراجعة") && md.contains("تصريح لافت"));

    let csv = export(dir.path(), &["--format", "csv"]);
    assert!(csv.contains("مقال مهم للمراجعة") && csv.contains("تصريح لافت"));
}

#[test]
fn starred_only_keeps_the_starred() {
    let dir = tempfile::tempdir().unwrap();
    let (file, quote) = mark(dir.path());
    let json: serde_json::Value =
        serde_json::from_str(&export(dir.path(), &["--format", "json", "--starred"])).unwrap();
    let arts = json["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 2);
    assert!(arts[0]["quotes"].as_array().unwrap().iter().all(|q| q["starred"] == true));
    let a = arts.iter().find(|a| a["file"] == file.as_str()).unwrap();
    assert_eq!(a["quotes"].as_array().unwrap().len(), 1);
    assert_eq!(a["quotes"][0]["text"], quote.as_str());
}

#[test]
fn markdown_is_substantial_and_nothing_loaded_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    assert!(export(dir.path(), &[]).len() > 1000);
    Command::cargo_bin("sahifa")
        .unwrap()
        .env(DATA_DIR_ENV, dir.path())
        .args(["export", "/nope"])
        .assert()
        .code(1);
}
