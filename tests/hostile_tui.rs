//! Hostile files in the reader: each fixture loaded through `commands::load_articles` into the TUI's
//! `App` on a TestBackend, walked (list, open, scroll, highlights, actors, help) and drawn after each
//! step. No panic, and no cell may hold a control character, ESC or a bidi embedding, override or
//! isolate. A library with a U+202E-laden article draws the same UI around it as with plain text.

#[path = "support/hostile_fixtures.rs"]
mod fixtures;
#[path = "support/tui.rs"]
mod reader;

use std::sync::Arc;

use sahifa::article::{Article, Format};
use sahifa::store::Store;
use sahifa::tui::action::Action;
use sahifa::tui::app::{App, Event};

use reader::{draw, lines};

const SIZE: (u16, u16) = (120, 40);

fn app(articles: Vec<Article>) -> App {
    reader::app(articles, Store::in_memory(), &Default::default(), true, SIZE)
}

fn forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A cell's text without the reader's own OSC 8 hyperlink around it (the link shown on the reader's
/// border); the link target itself must be printable ASCII, so it cannot end the sequence early.
fn unwrap_hyperlink(s: &str) -> &str {
    let Some(rest) = s.strip_prefix("\x1b]8;;") else { return s };
    let Some((url, rest)) = rest.split_once("\x1b\\") else { return s };
    assert!(url.bytes().all(|b| (0x21..0x7f).contains(&b)), "hyperlink target {url:?}");
    rest.strip_suffix("\x1b]8;;\x1b\\").unwrap_or(s)
}

fn assert_clean(what: &str, app: &App) {
    let t = draw(app);
    let b = t.backend().buffer();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            let s = unwrap_hyperlink(b[(x, y)].symbol());
            assert!(!s.chars().any(forbidden), "{what}: cell ({x},{y}) holds {s:?}");
            // What a terminal advances over for this cell (wcwidth per character): never more than
            // the two cells a symbol may take, or everything after it (a pane border) shifts.
            let drawn: usize =
                s.chars().map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).sum();
            assert!(drawn <= 2, "{what}: cell ({x},{y}) draws {drawn} columns: {s:?}");
        }
    }
}

/// Every extraction delivered, as the worker would.
fn deliver(app: &mut App) {
    for i in 0..app.articles.len() {
        let ex = Arc::new(sahifa::extract::extract(app.articles.get(i).unwrap()));
        app.handle(Event::Extracted(i, ex));
    }
}

fn walk(name: &str, app: &mut App) {
    assert_clean(&format!("{name} start"), app);
    deliver(app);
    let steps = [
        Action::Down,
        Action::Open,
        Action::PageDown,
        Action::Down,
        Action::Bottom,
        Action::PageUp,
        Action::Top,
        Action::ToggleHighlights,
        Action::NextPane,
        Action::Down,
        Action::Open,
        Action::NextPane,
        Action::Star,
        Action::Actors,
        Action::Down,
        Action::Close,
        Action::Help,
        Action::Close,
        Action::Up,
        Action::Open,
    ];
    for a in steps {
        app.update(a);
        assert_clean(&format!("{name} after {a:?}"), app);
    }
    for (w, h) in [(40, 12), (200, 60), (20, 6)] {
        app.handle(Event::Resize(w, h));
        assert_clean(&format!("{name} at {w}x{h}"), app);
    }
}

#[test]
fn every_hostile_fixture_walks_through_the_reader_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for (name, bytes) in fixtures::fixtures(false)
        .into_iter()
        .chain(fixtures::more_fixtures(false))
        .chain(fixtures::round_two_fixtures())
    {
        // The huge ones are covered by the commands' test; here the reader's paths matter.
        if bytes.len() > 300_000 || name.contains("bomb") {
            continue;
        }
        let p = dir.path().join(&name);
        std::fs::write(&p, bytes).unwrap();
        let loaded = sahifa::commands::load_articles(std::slice::from_ref(&p), false);
        if loaded.articles.is_empty() {
            continue;
        }
        all.extend(loaded.articles.iter().cloned());
        let t = std::time::Instant::now();
        walk(&name, &mut app(loaded.articles));
        eprintln!("{name}: {:?}", t.elapsed());
    }
    assert!(all.len() > 10, "most fixtures load: {}", all.len());
    walk("whole hostile library", &mut app(all));
}

fn library(b_title: &str, b_body: &str) -> Vec<Article> {
    let mk = |path: &str, title: &str, body: &str| {
        Article::new(path, 0, Format::Text, "UTF-8", title.into(), vec![body.into(), "فقرة ثانية.".into()])
    };
    vec![
        mk("a.txt", "وزير المالية يعلن موازنة جديدة", "قال وزير المالية إن الموازنة جاهزة."),
        mk("b.txt", b_title, b_body),
        mk("c.txt", "خبر ثالث عن الطقس", "الجو حار اليوم."),
    ]
}

const RLO_TITLE: &str = "\u{202e}عنوان مقلوب \u{2067}abc\u{202d} def";
const RLO_BODY: &str = "قال \u{202e}المتحدث\u{2066} إن abc\u{202e}123 تم. \u{2067}\u{2068}\u{202b}x\u{202a}y";

fn strip(s: &str) -> String {
    s.chars().filter(|&c| !forbidden(c)).collect()
}

fn screens(b_title: &str, b_body: &str) -> Vec<Vec<String>> {
    let mut app = app(library(b_title, b_body));
    deliver(&mut app);
    let mut out = vec![lines(&draw(&app))];
    for a in [Action::Down, Action::Open, Action::ToggleHighlights, Action::Up, Action::Down, Action::Open] {
        app.update(a);
        out.push(lines(&draw(&app)));
    }
    out
}

#[test]
fn a_bidi_override_article_draws_exactly_like_its_text_without_the_overrides() {
    assert_eq!(screens(RLO_TITLE, RLO_BODY), screens(&strip(RLO_TITLE), &strip(RLO_BODY)));
}

#[test]
fn the_ui_around_a_bidi_override_article_is_unchanged() {
    let hostile = screens(RLO_TITLE, RLO_BODY);
    // The same shape of text (one reported quote) without any bidi control.
    let plain = screens("عنوان عادي", "قال المتحدث إن الأمر تم. عادي");
    for (step, (h, p)) in hostile.iter().zip(&plain).enumerate() {
        // The frame's first and last rows (borders, titles, status line) and every row showing
        // another article's title are the same.
        for y in [0, h.len() - 1] {
            assert_eq!(h[y], p[y], "step {step}: row {y} changed");
        }
        for (y, (hl, pl)) in h.iter().zip(p).enumerate() {
            if pl.contains("الطقس") || pl.contains("موازنة") {
                assert_eq!(hl, pl, "step {step}: row {y} (another article) changed");
            }
            // Every border cell of the plain screen is a border cell of the hostile one.
            for (hc, pc) in hl.chars().zip(pl.chars()) {
                if ('\u{2500}'..='\u{257f}').contains(&pc) {
                    assert_eq!(hc, pc, "step {step}: border moved on row {y}");
                }
            }
        }
    }
}

/// A library of `n` small articles (the seeds repeated), every extraction delivered.
fn big_library(n: usize) -> App {
    let seeds = sahifa::commands::load_articles(&[], false).articles;
    let articles: Vec<Article> = seeds.iter().cycle().take(n).cloned().collect();
    let exs: Vec<_> = seeds.iter().map(|a| Arc::new(sahifa::extract::extract(a))).collect();
    let mut app = app(articles);
    for i in 0..n {
        app.handle(Event::Extracted(i, Arc::clone(&exs[i % exs.len()])));
    }
    app
}

/// `a` on a large library: the view opens at once and the merge runs off the UI thread, reporting
/// progress in the view's title; its result fills the view.
#[test]
fn the_actors_view_merges_off_the_ui_thread_with_progress() {
    let mut app = big_library(3_000);
    let (tx, rx) = std::sync::mpsc::channel();
    app.background = Some(tx);
    app.update(Action::Actors);
    assert!(app.actors.as_ref().is_some_and(|v| v.actors.is_empty()), "open at once, still empty");
    assert!(app.actors_job.is_some(), "a merge is under way");
    let screen = lines(&draw(&app)).join("\n");
    assert!(screen.contains("merging 0/3000 articles · Esc cancels"), "{screen}");
    let mut progress = 0;
    loop {
        match rx.recv_timeout(std::time::Duration::from_secs(120)).expect("the merge reports back") {
            ev @ Event::ActorsProgress(..) => {
                progress += 1;
                app.handle(ev);
            }
            ev @ Event::ActorsMerged(..) => {
                app.handle(ev);
                break;
            }
            _ => {}
        }
    }
    assert!(progress >= 3, "progress reported as the articles are read: {progress}");
    assert!(app.actors_job.is_none());
    let v = app.actors.as_ref().unwrap();
    assert_eq!(v.extracted, 3_000);
    assert!(!v.actors.is_empty());
    assert_clean("actors merged", &app);
}

/// `Esc` while the merge runs closes the view and cancels the merge; a late result is dropped.
#[test]
fn closing_the_actors_view_cancels_the_merge() {
    let mut app = big_library(3_000);
    let (tx, rx) = std::sync::mpsc::channel();
    app.background = Some(tx);
    app.update(Action::Actors);
    let cancel = Arc::clone(&app.actors_job.as_ref().unwrap().cancel);
    app.update(Action::Close);
    assert!(app.actors.is_none() && app.actors_job.is_none());
    assert!(cancel.load(std::sync::atomic::Ordering::Relaxed), "the thread is told to stop");
    // The thread ends (its sender goes away) without a result, or its result is ignored.
    while let Ok(ev) = rx.recv_timeout(std::time::Duration::from_secs(60)) {
        app.handle(ev);
        assert!(app.actors.is_none(), "a cancelled merge does not reopen the view");
        if app.background.is_some() {
            app.background = None; // drop our sender so the channel closes when the thread ends
        }
    }
}

fn seeds() -> Vec<Article> {
    sahifa::commands::load_articles(&[], false).articles
}

fn screen(app: &App) -> String {
    lines(&draw(app)).join("\n")
}

fn key(app: &mut App, c: crossterm::event::KeyCode) {
    app.handle(Event::Key(crossterm::event::KeyEvent::new(c, crossterm::event::KeyModifiers::NONE)));
}

/// Quitting while another sahifa holds the lock: the reader says why (whole), retry fails while
/// the lock is held, `w` writes the marks to a recovery file and quits saying where; the next
/// start offers the file, `m` merges and saves the marks and removes it.
#[test]
fn quitting_while_the_lock_is_held_keeps_the_marks() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let (store, _) = Store::open(Some(data.clone()));
    let mut app = reader::app(seeds(), store, &Default::default(), false, SIZE);
    let held = sahifa::store::file::lock(&data, std::time::Duration::ZERO).unwrap();
    app.update(Action::Star);
    let id = app.current_article().unwrap().id.clone();
    assert!(app.store.is_starred(&id) && app.store.has_unsaved_changes());
    app.update(Action::Quit);
    assert!(!app.quit, "not quitting silently with unsaved marks");
    let s = screen(&app);
    assert!(s.contains("Reading state not saved") && s.contains("locked by another sahifa"), "{s}");
    assert!(
        s.contains("r  retry saving") && s.contains("w  save elsewhere") && s.contains("q  quit anyway"),
        "{s}"
    );
    key(&mut app, crossterm::event::KeyCode::Char('r'));
    assert!(!app.quit && app.prompt.is_some(), "still locked: asked again");
    key(&mut app, crossterm::event::KeyCode::Char('w'));
    assert!(app.quit);
    let note = app.unsaved_at_exit().expect("the user is told where the marks went");
    assert!(note.contains("kept in") && note.contains("state.recovery-"), "{note}");
    drop(app);
    drop(held);

    let (store, _) = Store::open(Some(data.clone()));
    assert!(!store.is_starred(&id), "not saved to the state file");
    let mut next = reader::app(seeds(), store, &Default::default(), false, SIZE);
    next.offer_recovery();
    let s = screen(&next);
    assert!(s.contains("Marks of an earlier session") && s.contains("m  merge them"), "{s}");
    key(&mut next, crossterm::event::KeyCode::Char('m'));
    assert!(next.prompt.is_none());
    assert!(next.store.is_starred(&id) && !next.store.has_unsaved_changes());
    assert!(Store::open(Some(data.clone())).0.is_starred(&id), "saved");
    assert!(next.store.recovery_files().is_empty(), "the recovery file is removed once merged");
}

/// A save that fails for good (a file where the data dir should be): `q` then `q` again quits,
/// saying how many marks were discarded and why; the status line shows a failed save's reason
/// before anything else, so a narrow terminal still reads it.
#[test]
fn quitting_anyway_says_what_was_lost_and_the_reason_is_never_cut() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("a-rather-long-folder-name-for-the-reading-state-of-this-session");
    std::fs::write(&blocked, "not a folder").unwrap();
    let (store, _) = Store::open(Some(blocked.join("data")));
    let mut app = reader::app(seeds(), store, &Default::default(), false, (80, 24));
    app.update(Action::Star);
    app.save_now();
    let status = lines(&draw(&app)).pop().unwrap();
    assert!(status.contains("Not a directory"), "the reason first: {status:?}");
    app.update(Action::Quit);
    assert!(app.prompt.is_some() && !app.quit);
    assert!(screen(&app).contains("Not a directory"), "the prompt shows the reason");
    key(&mut app, crossterm::event::KeyCode::Char('q'));
    assert!(app.quit);
    let note = app.unsaved_at_exit().unwrap();
    assert!(note.contains("1 unsaved marks discarded") && note.contains("Not a directory"), "{note}");
}
