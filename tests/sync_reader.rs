//! The reader's side of sync: the background thread reports each sync's outcome, and the status
//! line shows it (TestBackend).

use std::sync::mpsc;
use std::time::Duration;

use sahifa::article::{Article, Format};
use sahifa::cli::DisplayArgs;
use sahifa::sync::{Secret, SyncConfig, background};
use sahifa::tui::app::Event;

#[path = "support/tui.rs"]
mod reader;

fn config(url: &str, interval: Option<u64>) -> SyncConfig {
    let mut text = format!("backend = \"ttrss\"\nurl = \"{url}\"\nuser = \"u\"\ntimeout = 5\n");
    if let Some(i) = interval {
        text.push_str(&format!("interval = {i}\n"));
    }
    toml::from_str(&text).unwrap()
}

#[test]
fn the_background_sync_reports_an_unreachable_server() {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let cfg = config(&format!("http://127.0.0.1:{port}/"), Some(60));
    assert_eq!(background::interval(&cfg), Some(Duration::from_secs(3600)));
    assert_eq!(background::interval(&config("http://x.example/", Some(0))), None);
    assert_eq!(background::interval(&config("http://x.example/", None)), Some(Duration::from_secs(15 * 60)));
    let dir = tempfile::tempdir().unwrap();
    let (tx, rx) = mpsc::channel();
    background::spawn(cfg, Secret::new("pw"), dir.path().into(), Duration::from_secs(3600), move |l| {
        tx.send(l).is_ok()
    });
    assert_eq!(rx.recv_timeout(Duration::from_secs(10)).unwrap(), "syncing…");
    let line = rx.recv_timeout(Duration::from_secs(20)).unwrap();
    assert!(line.starts_with("sync failed just now (cannot reach the sync server"), "{line}");
}

#[test]
fn the_status_line_shows_the_sync_status() {
    let dir = tempfile::tempdir().unwrap();
    let store = sahifa::store::Store::open(Some(dir.path().into())).0;
    let a = Article::new("a.txt", 0, Format::Text, "UTF-8", "عنوان الخبر".into(), vec!["نص الخبر.".into()]);
    let mut app = reader::app(vec![a], store, &DisplayArgs::default(), false, (120, 10));
    let before = reader::lines(&reader::draw(&app));
    assert!(!before[9].contains("sync"), "{}", before[9]);
    app.handle(Event::Sync("synced 3 min ago · 2 changes waiting".into()));
    let after = reader::lines(&reader::draw(&app));
    assert!(after[9].contains("│ synced 3 min ago · 2 changes waiting"), "{}", after[9]);
    assert!(after[9].contains("article 1/1") && after[9].contains("? help"), "{}", after[9]);
}
