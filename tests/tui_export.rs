//! Round trip: stars and notes made through the reader (its App driven by keys, drawn on TestBackend)
//! are saved to the data dir, and `sahifa export` run on the same library and data dir carries them in
//! Markdown, JSON and CSV.

use std::sync::Arc;

use assert_cmd::Command;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sahifa::cli::DisplayArgs;
use sahifa::config::Config;
use sahifa::tui::app::{App, Event};
use sahifa::tui::keymap::Keymap;
use sahifa::tui::theme::Theme;
use sahifa::tui::ui;

fn key(app: &mut App, c: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(c, KeyModifiers::NONE)));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn export(dir: &std::path::Path, format: &str) -> String {
    let out = Command::cargo_bin("sahifa")
        .unwrap()
        .env("SAHIFA_DATA_DIR", dir)
        .args(["export", "--format", format])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn stars_and_notes_made_in_the_reader_appear_in_every_export_format() {
    let dir = tempfile::tempdir().unwrap();
    let articles = sahifa::commands::load_articles(&[], false).articles;
    let store = sahifa::store::Store::open(Some(dir.path().into())).0;
    let keymap = Keymap::new(&Config::defaults().keys).unwrap();
    let layout = sahifa::commands::layout_options(&DisplayArgs::default(), 80);
    let mut app = App::new(
        articles,
        store,
        keymap,
        Theme::new(true, sahifa::tui::theme::Background::Dark),
        layout,
        (160, 48),
    );
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
    for i in 0..app.articles.len() {
        let ex = Arc::new(sahifa::extract::extract(app.articles.get(i).unwrap()));
        app.handle(Event::Extracted(i, ex));
    }
    // Star the second article and write a note on it.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('e'));
    typed(&mut app, "مراجعة عاجلة");
    key(&mut app, KeyCode::Enter);
    // In the highlights, go to the first quote, star it and note it.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    let ex = app.current_extraction().unwrap().clone();
    assert!(!ex.quotes.is_empty(), "the seed has quotes");
    for _ in 0..ex.actors.len() {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('e'));
    typed(&mut app, "تصريح مهم");
    key(&mut app, KeyCode::Enter);
    term.draw(|f| ui::draw(f, &app)).unwrap();
    app.save_now();
    let title = app.articles.get(1).unwrap().title.clone();
    let quote = ex.quotes[0].text.clone();
    drop(app);

    let md = export(dir.path(), "markdown");
    assert!(md.contains("مراجعة عاجلة") && md.contains("تصريح مهم"), "markdown has both notes");

    let json: serde_json::Value = serde_json::from_str(&export(dir.path(), "json")).unwrap();
    let art = json["articles"].as_array().unwrap().iter().find(|a| a["title"] == title.as_str()).unwrap();
    assert_eq!(art["starred"], true);
    assert_eq!(art["note"], "مراجعة عاجلة");
    let q = art["quotes"].as_array().unwrap().iter().find(|q| q["text"] == quote.as_str()).unwrap();
    assert_eq!(q["starred"], true);
    assert_eq!(q["note"], "تصريح مهم");

    let csv = export(dir.path(), "csv");
    assert!(csv.starts_with('\u{feff}'));
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "تصريح مهم")), "the quote's note in its row");
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "مراجعة عاجلة")), "the article's note");
}
