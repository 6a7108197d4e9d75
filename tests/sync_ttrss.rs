//! `sahifa sync` against a real Tiny Tiny RSS (Debian's package on PostgreSQL, served on
//! 127.0.0.1 by PHP's built-in server that each test starts): two sahifa data dirs syncing through
//! it. Set up by `tools/sync/ttrss-up.sh` (which `.ci/run` calls); skipped LOUDLY when it cannot
//! start here.

#[path = "support/sync.rs"]
mod support;
#[path = "support/ttrss.rs"]
mod ttrss;

use std::sync::{Arc, Mutex};

use serde_json::Value;
use support::Instance;
use ttrss::{Api, Server};

/// A sahifa syncing with TT-RSS at `url`; the password from the environment variable, or from
/// `password_command`. `extra`: more `[sync]` lines.
fn instance(url: &str, user: &str, password: &str, from_env: bool, extra: &str) -> Instance {
    let secret = if from_env {
        String::new()
    } else {
        format!("password_command = \"printf '%s\\\\n' '{password}'\"\n")
    };
    Instance::new(
        &format!("backend = \"ttrss\"\nurl = \"{url}\"\nuser = \"{user}\"\ntimeout = 20\n{secret}{extra}"),
        from_env.then_some(password),
    )
}

const PASSWORD: &str = "s3cret-pass";

fn titles(n: usize) -> Vec<String> {
    let words = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن"];
    (0..n).map(|i| format!("الخبر {}: وزير الخارجية يصل إلى عمّان", words[i])).collect()
}

/// A TT-RSS user with a feed of `n` items, and two sahifa instances that both synced it: A
/// subscribed (through sync), the server fetched, B got the subscription and the articles.
fn two_synced(
    name: &str,
    n: usize,
    url_a: &str,
    url_b: &str,
    extra: &str,
) -> (Instance, Instance, Api, Vec<String>) {
    let user = format!("{name}_{}", std::process::id());
    // Users of earlier runs go (their articles with them).
    ttrss::psql(&format!("DELETE FROM ttrss_users WHERE login LIKE '{name}\\_%' AND login <> '{user}'"))
        .unwrap();
    ttrss::create_user(&user, PASSWORD);
    let titles = titles(n);
    let items: Vec<(String, String, String)> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                format!("{name}-{i}"),
                t.clone(),
                format!("قال الوزير في المؤتمر الصحفي إن المحادثات {i} كانت مثمرة."),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> =
        items.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
    let feed = ttrss::serve_feed(&user, &refs);
    let a = instance(url_a, &user, PASSWORD, false, extra);
    let b = instance(url_b, &user, PASSWORD, true, extra);
    let out = a.cmd(&["add", &feed]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = a.sync();
    assert_eq!(r["sent"], 1, "the subscription goes to the server: {r}");
    let port: u16 = url_a.trim_end_matches('/').rsplit(':').next().unwrap().parse().unwrap();
    let api = Api::login(port, &user, PASSWORD);
    api.update_feed(&feed);
    assert_eq!(api.articles().len(), n, "TT-RSS fetched the feed through the proxy");
    let r = a.sync();
    assert_eq!(r["articles"], n, "{r}");
    let r = b.sync();
    assert_eq!((r["feeds_added"].as_u64(), r["articles"].as_u64()), (Some(1), Some(n as u64)), "{r}");
    (a, b, api, titles)
}

#[test]
fn a_star_on_one_shows_on_the_other_and_read_comes_back() {
    if !ttrss::setup() {
        return;
    }
    let server = Server::start();
    let (a, b, api, t) = two_synced("star", 3, &server.url(), &server.url(), "");
    assert!(!b.flags(&t[0]).starred);
    a.mark(&["--star"], &t[0]);
    let r = a.sync();
    assert_eq!(r["sent"], 1, "{r}");
    assert_eq!(api.articles()[&t[0]], (true, true), "starred (and still unread) on the server");
    let r = b.sync();
    assert_eq!(r["applied"], 1, "{r}");
    assert!(b.flags(&t[0]).starred, "the star made on A shows on B");
    assert!(!b.flags(&t[1]).starred && !b.flags(&t[0]).read);

    // And back: B reads one and unstars the other; A sees both. The feed list travelled too.
    b.mark(&["--read"], &t[1]);
    b.mark(&["--unstar"], &t[0]);
    assert_eq!(b.sync()["sent"], 2);
    a.sync();
    assert!(a.flags(&t[1]).read && !a.flags(&t[0]).starred);
    assert_eq!(api.articles()[&t[1]], (false, false));
    let feeds = b.cmd(&["feeds", "--format", "json"]);
    assert!(String::from_utf8_lossy(&feeds.stdout).contains("feeds.invalid"));
    // A star made in the reader (its state file) travels too, into B's reader.
    let reader_star = |i: &Instance, title: &str| {
        let (mut store, _) = sahifa::store::Store::open(Some(i.data.path().into()));
        store.set_starred(&i.content_id(title), true);
        store.save().unwrap();
    };
    reader_star(&a, &t[2]);
    assert_eq!(a.sync()["sent"], 1);
    b.sync();
    let (store_b, _) = sahifa::store::Store::open(Some(b.data.path().into()));
    assert!(store_b.is_starred(&b.content_id(&t[2])), "B's reader shows the star made in A's reader");
    // Nothing left to send; the password never reached the library or the status.
    let status = a.cmd(&["sync", "--status"]);
    let status = String::from_utf8_lossy(&status.stdout).to_string();
    assert!(status.contains("synced just now") && !status.contains("waiting"), "{status}");
    a.assert_no_secret(PASSWORD);
    b.assert_no_secret(PASSWORD);
}

#[test]
fn an_action_taken_offline_is_delivered_on_reconnect() {
    if !ttrss::setup() {
        return;
    }
    let mut server = Server::start();
    let (a, b, api, t) = two_synced("offline", 2, &server.url(), &server.url(), "");
    server.down();
    a.mark(&["--star"], &t[1]);
    a.mark(&["--read"], &t[0]);
    let out = a.cmd(&["sync"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("cannot reach the sync server") && err.contains("2 changes wait"), "{err}");
    let status = String::from_utf8_lossy(&a.cmd(&["sync", "--status"]).stdout).to_string();
    assert!(status.contains("sync failed") && status.contains("2 changes waiting"), "{status}");
    // Still offline: the queue keeps them (a second failed sync queues nothing twice).
    assert!(!a.cmd(&["sync"]).status.success());
    assert_eq!(a.db().sync_queue(&account(&a)).unwrap().len(), 2);

    server.up();
    let r = a.sync();
    assert_eq!((r["sent"].as_u64(), r["queued"].as_u64()), (Some(2), Some(0)), "{r}");
    assert_eq!(api.articles()[&t[1]], (true, true));
    assert_eq!(api.articles()[&t[0]], (false, false));
    b.sync();
    assert!(b.flags(&t[1]).starred && b.flags(&t[0]).read);
}

#[test]
fn a_server_restart_mid_sync_loses_nothing() {
    if !ttrss::setup() {
        return;
    }
    // A front proxy (like nginx before php-fpm) that restarts TT-RSS just before the third
    // updateArticle reaches it: that request fails, and the sync stops half-way.
    let server = Arc::new(Mutex::new(Server::start()));
    // The proxy thread outlives the test and holds the server: stop it when the test ends.
    let _stop = Stop(Arc::clone(&server));
    let backend_port = server.lock().unwrap().port;
    let front = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let front_url = format!("http://127.0.0.1:{}/", front.server_addr().to_ip().unwrap().port());
    let updates = Arc::new(Mutex::new(0usize));
    let armed = Arc::new(Mutex::new(false));
    {
        let (server, updates, armed) = (Arc::clone(&server), Arc::clone(&updates), Arc::clone(&armed));
        std::thread::spawn(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
            for mut req in front.incoming_requests() {
                let mut body = String::new();
                let _ = req.as_reader().read_to_string(&mut body);
                if body.contains("\"updateArticle\"") {
                    let mut n = updates.lock().unwrap();
                    *n += 1;
                    if *n == 3 && *armed.lock().unwrap() {
                        let mut s = server.lock().unwrap();
                        s.down(); // killed while the sync runs: this request finds no server
                    }
                }
                let fwd = agent
                    .post(&format!("http://127.0.0.1:{backend_port}{}", req.url()))
                    .header("Content-Type", "application/json")
                    .send(body.as_bytes());
                let _ = match fwd {
                    Ok(mut r) => {
                        let code = r.status().as_u16();
                        let text = r.body_mut().read_to_string().unwrap_or_default();
                        req.respond(tiny_http::Response::from_string(text).with_status_code(code))
                    }
                    Err(_) => {
                        req.respond(tiny_http::Response::from_string("bad gateway").with_status_code(502))
                    }
                };
            }
        });
    }
    let direct = server.lock().unwrap().url();
    let (a, b, api, t) = two_synced("restart", 6, &front_url, &direct, "");
    // Six changes that cannot share a request (alternating kinds), made in this order.
    for (i, title) in t.iter().enumerate() {
        a.mark(&[if i % 2 == 0 { "--star" } else { "--read" }], title);
    }
    *updates.lock().unwrap() = 0;
    *armed.lock().unwrap() = true;
    let out = a.cmd(&["sync"]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success() && err.contains("4 changes wait"), "{err}");
    *armed.lock().unwrap() = false;
    server.lock().unwrap().up();
    let on_server = api_after_restart(&api, backend_port);
    assert_eq!(on_server[&t[0]], (true, true), "sent before the restart");
    assert_eq!(on_server[&t[1]], (false, false), "sent before the restart");
    assert_eq!(on_server[&t[2]], (true, false), "not sent yet");

    let r = a.sync();
    assert_eq!((r["sent"].as_u64(), r["queued"].as_u64()), (Some(4), Some(0)), "{r}");
    let on_server = api.articles();
    for (i, title) in t.iter().enumerate() {
        let want = if i % 2 == 0 { (true, true) } else { (false, false) };
        assert_eq!(on_server[title], want, "{title}");
    }
    b.sync();
    for (i, title) in t.iter().enumerate() {
        let f = b.flags(title);
        assert_eq!((f.read, f.starred), (i % 2 == 1, i % 2 == 0), "{title} on B");
    }
}

#[test]
fn notes_and_starred_quotes_become_the_articles_note_without_overwriting_theirs() {
    if !ttrss::setup() {
        return;
    }
    let server = Server::start();
    let (a, b, api, t) = two_synced("notes", 2, &server.url(), &server.url(), "mirror_notes = true\n");
    // With markup characters: TT-RSS strips tags, so they travel as entities (and the marker's
    // hash still matches what TT-RSS stored, or clearing it below would fail).
    a.write_note(&t[0], Some("راجع تصريح الوزير <مهم> & بيان الخارجية"));
    let quote = a.star_quote(&t[0], "إن المحادثات 0 كانت مثمرة", Some("تصريح مهم"));
    // A note someone wrote in TT-RSS itself, on the other article, which A annotates too.
    api.set_note(&t[1], "ملاحظة كتبتها في المتصفح");
    a.write_note(&t[1], Some("ملاحظة من صحيفة"));
    let r = a.sync();
    assert_eq!((r["notes"].as_str(), r["notes_sent"].as_u64()), (Some("mirrored"), Some(1)), "{r}");
    let warnings = r["warnings"].to_string();
    assert!(warnings.contains(&t[1]) && warnings.contains("written there, not by sahifa"), "{r}");
    let note = api.note(&t[0]);
    let (marker, body) = note.split_once('\n').unwrap_or_else(|| panic!("{note:?}"));
    assert!(marker.starts_with("[sahifa "), "{note}");
    assert_eq!(
        body,
        format!("راجع تصريح الوزير &lt;مهم&gt; &amp; بيان الخارجية\n\n★ «{quote}»\n✎ تصريح مهم")
    );
    assert_eq!(api.note(&t[1]), "ملاحظة كتبتها في المتصفح", "the user's own note is kept");
    // Nothing more to send; notes do not come back into B (they are sahifa's own, one way).
    let r = a.sync();
    assert_eq!(
        (r["notes_sent"].as_u64(), r["sent"].as_u64()),
        (Some(0), Some(0)),
        "nothing queued twice: {r}"
    );
    b.sync();
    let (store_b, _) = sahifa::store::Store::open(Some(b.data.path().into()));
    assert_eq!(store_b.note(&b.content_id(&t[0])), None);

    // Cleared here: our note goes from the server; the user's is still left alone.
    a.write_note(&t[0], None);
    let cid = a.content_id(&t[0]);
    let (mut store, _) = sahifa::store::Store::open(Some(a.data.path().into()));
    let keys: Vec<String> = store.article(&cid).quotes.keys().cloned().collect();
    for k in keys {
        store.set_quote_starred(&cid, &k, false);
        store.set_quote_note(&cid, &k, None);
    }
    store.save().unwrap();
    a.write_note(&t[1], None);
    let r = a.sync();
    assert_eq!(r["notes_sent"], 1, "{r}");
    assert_eq!(api.note(&t[0]), "");
    assert_eq!(api.note(&t[1]), "ملاحظة كتبتها في المتصفح");
    a.assert_no_secret(PASSWORD);
}

#[test]
fn notes_are_off_by_default_and_a_note_written_offline_goes_on_reconnect() {
    if !ttrss::setup() {
        return;
    }
    let mut server = Server::start();
    let (a, _b, api, t) = two_synced("notesoff", 1, &server.url(), &server.url(), "");
    a.write_note(&t[0], Some("ملاحظة لا تغادر هذا الجهاز"));
    let r = a.sync();
    assert_eq!(
        (r["notes"].clone(), r["notes_sent"].as_u64(), r["sent"].as_u64()),
        (Value::Null, Some(0), Some(0))
    );
    assert_eq!(api.note(&t[0]), "", "off by default: nothing sent");

    server.down();
    a.write_note(&t[0], Some("كتبت دون اتصال"));
    let out = a.cmd(&["sync", "--mirror-notes"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("1 change waits"), "{err}");
    server.up();
    let r = a.sync_with(&["--mirror-notes"]);
    assert_eq!((r["notes_sent"].as_u64(), r["queued"].as_u64()), (Some(1), Some(0)), "{r}");
    assert!(api.note(&t[0]).ends_with("\nكتبت دون اتصال"), "{}", api.note(&t[0]));
}

/// Stops the shared server when dropped (also when the test fails).
struct Stop(Arc<Mutex<Server>>);

impl Drop for Stop {
    fn drop(&mut self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).down();
    }
}

/// The server's articles after it restarted (sessions live in its database, so the old one works).
fn api_after_restart(api: &Api, _port: u16) -> std::collections::HashMap<String, (bool, bool)> {
    api.articles()
}

fn account(i: &Instance) -> String {
    let text = std::fs::read_to_string(i.config.path().join("config.toml")).unwrap();
    let get = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{k} = \"")).map(|v| v.trim_end_matches('"').to_string()))
            .unwrap()
    };
    format!("ttrss {} {}", get("url").trim_end_matches('/'), get("user"))
}
