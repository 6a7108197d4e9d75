//! What cleaning removed stays one key away in the reader: each removed block is one dim folded
//! line where it stood; `z` unfolds every block of the article (dim, marked ⊖) and folds them again.
//! Drawn on ratatui's TestBackend.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use sahifa::article::clean::Removed;
use sahifa::article::{Article, Format};
use sahifa::cli::DisplayArgs;
use sahifa::tui::app::{App, Event};

#[path = "support/tui.rs"]
mod reader;
use reader::{draw, lines};

const TEASER: &str = "Download our app for the latest news.";
const OTHER: &str = "Another story appended after this one.";

fn article() -> Article {
    let mut a = Article::new(
        "a.txt",
        0,
        Format::Text,
        "UTF-8",
        "عنوان الخبر".into(),
        vec!["First paragraph of the story.".into(), "Second paragraph of the story.".into()],
    );
    // One line between the paragraphs, two after the last.
    a.removed = vec![
        Removed { at: 1, lines: vec![TEASER.into()] },
        Removed { at: 2, lines: vec![OTHER.into(), "A third line.".into()] },
    ];
    a
}

fn app(color: bool) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = sahifa::store::Store::open(Some(dir.path().into())).0;
    (reader::app(vec![article()], store, &DisplayArgs::default(), color, (120, 30)), dir)
}

fn key(app: &mut App, c: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(c, KeyModifiers::NONE)));
}

fn row_with(rows: &[String], needle: &str) -> Option<usize> {
    rows.iter().position(|r| r.contains(needle))
}

#[test]
fn removed_blocks_are_folded_dim_lines_and_z_unfolds_and_folds_them() {
    let (mut app, _dir) = app(true);
    let t = draw(&app);
    let rows = lines(&t);
    let one = row_with(&rows, "⊕ 1 line removed (z)").expect("folded line of the first block");
    let two = row_with(&rows, "⊕ 2 lines removed (z)").expect("folded line of the second block");
    assert!(one < two);
    assert!(row_with(&rows, TEASER).is_none() && row_with(&rows, OTHER).is_none());
    // Each folded line sits where its block stood: between the paragraphs, and after the last.
    let first = row_with(&rows, "First paragraph").unwrap();
    let second = row_with(&rows, "Second paragraph").unwrap();
    assert!(first < one && one < second && second < two, "{rows:#?}");
    // Dim, in the colour of secondary text.
    let b = t.backend().buffer();
    let x = rows[one].find('⊕').map(|i| rows[one][..i].chars().count()).unwrap() as u16;
    assert_eq!(b[(x, one as u16)].fg, Color::Indexed(245));

    key(&mut app, KeyCode::Char('z'));
    let rows = lines(&draw(&app));
    let t1 = row_with(&rows, &format!("⊖ {TEASER}")).expect("unfolded line");
    let t2 = row_with(&rows, &format!("⊖ {OTHER}")).expect("unfolded block");
    assert!(t1 < t2 && row_with(&rows, "⊖ A third line.").is_some());
    assert!(row_with(&rows, "removed (z)").is_none());

    key(&mut app, KeyCode::Char('z'));
    let rows = lines(&draw(&app));
    assert!(row_with(&rows, "⊕ 1 line removed (z)").is_some() && row_with(&rows, TEASER).is_none());
}

#[test]
fn monochrome_folded_lines_are_dim() {
    let (app, _dir) = app(false);
    let t = draw(&app);
    let rows = lines(&t);
    let one = row_with(&rows, "⊕ 1 line removed (z)").unwrap();
    let x = rows[one].find('⊕').map(|i| rows[one][..i].chars().count()).unwrap() as u16;
    assert!(t.backend().buffer()[(x, one as u16)].modifier.contains(Modifier::DIM));
}

#[test]
fn an_article_with_nothing_removed_has_no_folded_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = sahifa::store::Store::open(Some(dir.path().into())).0;
    let mut a = article();
    a.removed.clear();
    let app = reader::app(vec![a], store, &DisplayArgs::default(), true, (120, 30));
    assert!(row_with(&lines(&draw(&app)), "removed").is_none());
}
