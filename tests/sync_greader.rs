//! `sahifa sync` with the Google Reader API client against transcripts of FreshRSS and Miniflux
//! (tests/fixtures/sync/greader-*.json), replayed by a tiny_http server on 127.0.0.1 that checks
//! each request: method, path, query, form body, `Authorization: GoogleLogin auth=…` and the write
//! token. No Google Reader API server installs here (see the fixtures' `why`), so the transcripts
//! stand in for one; tests/sync_ttrss.rs runs the same engine against a real TT-RSS.

#[path = "support/sync.rs"]
mod support;

use std::path::Path;
use std::sync::{Arc, Mutex};

use sahifa::db::Db;
use serde_json::Value;
use support::Instance;

/// What the replay server saw: how many exchanges were used, and every mismatch.
#[derive(Default)]
struct Replay {
    next: usize,
    errors: Vec<String>,
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let h =
                    std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match h {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn pairs(s: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = s
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect();
    v.sort();
    v
}

fn expected_pairs(v: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap().to_string()))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Starts the replay server for a fixture; returns its port and what it saw.
fn replay(fixture: &str) -> (u16, Arc<Mutex<Replay>>, usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync").join(fixture);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let exchanges = doc["exchanges"].as_array().unwrap().clone();
    let n = exchanges.len();
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let state = Arc::new(Mutex::new(Replay::default()));
    let st = Arc::clone(&state);
    std::thread::spawn(move || {
        for mut req in server.incoming_requests() {
            let mut body = String::new();
            let _ = req.as_reader().read_to_string(&mut body);
            let (path, query) = req.url().split_once('?').unwrap_or((req.url(), ""));
            let (path, query) = (path.to_string(), query.to_string());
            let method = req.method().as_str().to_string();
            let headers: Vec<(String, String)> = req
                .headers()
                .iter()
                .map(|h| (h.field.as_str().as_str().to_ascii_lowercase(), h.value.as_str().to_string()))
                .collect();
            let header = |name: &str| {
                let name = name.to_ascii_lowercase();
                headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone())
            };
            let mut s = st.lock().unwrap();
            let Some(ex) = exchanges.get(s.next) else {
                s.errors
                    .push(format!("unexpected request {method} {path}?{query} after the transcript ended"));
                let _ =
                    req.respond(tiny_http::Response::from_string("transcript ended").with_status_code(500));
                continue;
            };
            let note = ex["note"].as_str().unwrap_or("");
            let mut wrong = Vec::new();
            if ex["method"] != method.as_str() || ex["path"] != path.as_str() {
                wrong.push(format!("{method} {path} instead of {} {}", ex["method"], ex["path"]));
            }
            if pairs(&query) != expected_pairs(&ex["query"]) {
                wrong.push(format!(
                    "query {:?} instead of {:?}",
                    pairs(&query),
                    expected_pairs(&ex["query"])
                ));
            }
            if ex.get("form").is_some() {
                if !header("Content-Type")
                    .unwrap_or_default()
                    .starts_with("application/x-www-form-urlencoded")
                {
                    wrong.push(format!("form sent as {:?}", header("Content-Type")));
                }
                if pairs(&body) != expected_pairs(&ex["form"]) {
                    wrong.push(format!(
                        "form {:?} instead of {:?}",
                        pairs(&body),
                        expected_pairs(&ex["form"])
                    ));
                }
            }
            if let Some(h) = ex["headers"].as_object() {
                for (k, v) in h {
                    if header(k).as_deref() != v.as_str() {
                        wrong.push(format!("header {k}: {:?} instead of {v}", header(k)));
                    }
                }
            }
            if !wrong.is_empty() {
                let at = s.next;
                s.errors.push(format!("exchange {at} ({note}): {}", wrong.join("; ")));
                let _ = req.respond(
                    tiny_http::Response::from_string("request does not match").with_status_code(400),
                );
                continue;
            }
            s.next += 1;
            let text = match ex.get("json") {
                Some(j) => j.to_string(),
                None => ex["body"].as_str().unwrap_or("").to_string(),
            };
            let ct: tiny_http::Header =
                format!("Content-Type: {}", ex["content_type"].as_str().unwrap_or("text/plain"))
                    .parse()
                    .unwrap();
            let code = ex["status"].as_u64().unwrap_or(200) as u16;
            let _ =
                req.respond(tiny_http::Response::from_string(text).with_status_code(code).with_header(ct));
        }
    });
    (port, state, n)
}

/// A sahifa syncing with the Google Reader API at `url`, logging everything into its data dir
/// (the secrets must not be in it either); `extra`: more `[sync]` lines.
fn instance(url: &str, user: &str, password: &str, extra: &str) -> Instance {
    let mut i = Instance::new(
        &format!("backend = \"greader\"\nurl = \"{url}\"\nuser = \"{user}\"\ntimeout = 10\n{extra}"),
        Some(password),
    );
    i.env.push(("SAHIFA_LOG".into(), "trace".into()));
    i
}

/// One sync (with `extra` flags) that must succeed, every request matching the transcript.
fn sync(me: &Instance, replay: &Arc<Mutex<Replay>>, extra: &[&str]) -> Value {
    let mut args = vec!["sync", "--format", "json"];
    args.extend_from_slice(extra);
    let out = me.cmd(&args);
    let errors = replay.lock().unwrap().errors.clone();
    assert!(errors.is_empty(), "requests that do not match the transcript:\n{}", errors.join("\n"));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "sync failed: {}{stdout}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_str(&stdout).unwrap()
}

const SUMMIT: &str = "قمة عربية طارئة في القاهرة لبحث الأوضاع في غزة";
const SUDAN: &str = "الأمم المتحدة تحذر من أزمة غذاء في السودان";
const OIL: &str = "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية";

#[test]
fn freshrss_transcript_both_directions() {
    let (port, replay, total) = replay("greader-freshrss.json");
    let me = instance(&format!("http://127.0.0.1:{port}/api/greader.php"), "alice", "fresh-pass-1", "");
    let local = "https://news.example.org/arabic/rss.xml";
    assert!(me.cmd(&["add", local]).status.success());

    let r = sync(&me, &replay, &[]);
    assert_eq!(
        (r["feeds_added"].as_u64(), r["articles"].as_u64(), r["sent"].as_u64()),
        (Some(1), Some(3), Some(1)),
        "{r}"
    );
    assert_eq!(me.feeds().len(), 2);
    assert!(me.feeds().iter().any(|f| f.starts_with("https://www.aljazeera.net/")));
    let (oil, sudan, summit) = (me.flags(OIL), me.flags(SUDAN), me.flags(SUMMIT));
    assert!(oil.read && !oil.starred, "read on the server");
    assert!(sudan.starred && !sudan.read, "starred on the server");
    assert!(!summit.read && !summit.starred);
    let db = Db::open(me.data.path()).unwrap();
    let row = db.article_rows(100).unwrap().into_iter().find(|r| r.title == OIL).unwrap();
    assert_eq!(row.link.as_deref(), Some("https://www.aljazeera.net/ebusiness/2026/12/1/oil"));
    let body = db.article(row.id).unwrap().unwrap().article.body;
    assert!(body.contains("النفط & الغاز"), "entities decoded: {body}");

    me.mark(&["--read", "--star"], SUMMIT);
    let r = sync(&me, &replay, &[]);
    assert_eq!((r["applied"].as_u64(), r["sent"].as_u64()), (Some(1), Some(2)), "{r}");
    assert!(!me.flags(OIL).read, "marked unread on another device");
    let summit = me.flags(SUMMIT);
    assert!(summit.read && summit.starred);

    // Notes mirrored as user labels: one edit-tag per label added or removed.
    me.write_note(SUMMIT, Some("قارن بتصريحات القمة السابقة"));
    me.star_quote(SUDAN, "ملايين السودانيين يواجهون الجوع", None);
    let r = sync(&me, &replay, &["--mirror-notes"]);
    assert_eq!((r["notes"].as_str(), r["notes_sent"].as_u64()), (Some("mirrored"), Some(2)), "{r}");
    me.write_note(SUMMIT, None);
    let r = sync(&me, &replay, &["--mirror-notes"]);
    assert_eq!((r["notes_sent"].as_u64(), r["queued"].as_u64()), (Some(1), Some(0)), "{r}");
    assert_eq!(replay.lock().unwrap().next, total, "every exchange of the transcript was used");
    me.assert_no_secret("fresh-pass-1");
    let log = std::fs::read_to_string(me.data.path().join("sahifa.log")).unwrap();
    assert!(log.contains("sync with greader"), "the log was written: {log}");
    assert!(
        !log.contains("8e6845e0ea6b7b0b5d4a1f3c9e2d7a6b1c0f9e8d"),
        "the Auth and write tokens are not logged"
    );
}

#[test]
fn miniflux_transcript_relogin_and_unstar() {
    let (port, replay, total) = replay("greader-miniflux.json");
    let me = instance(&format!("http://127.0.0.1:{port}"), "bob", "mini-pass-2", "");
    let france = "الرئيس الفرنسي يزور المغرب في أول زيارة رسمية منذ سنوات";
    let tunis = "انتخابات محلية في تونس وسط مقاطعة المعارضة";
    let r = sync(&me, &replay, &[]);
    assert_eq!((r["feeds_added"].as_u64(), r["articles"].as_u64()), (Some(1), Some(3)), "{r}");
    let t = me.flags(tunis);
    assert!(t.read && t.starred, "user/1/state/... categories are read and starred");
    me.mark(&["--star"], france);
    me.mark(&["--unstar"], tunis);
    let r = sync(&me, &replay, &[]);
    assert_eq!(r["sent"].as_u64(), Some(2), "{r}");

    // Miniflux keeps no labels on articles: the refusal is said, the sync still succeeds, and it
    // is remembered (no edit-tag next time) until --mirror-notes asks again.
    me.write_note(france, Some("زيارة تاريخية"));
    let r = sync(&me, &replay, &["--mirror-notes"]);
    let notes = r["notes"].as_str().unwrap_or_default().to_string();
    assert!(
        notes.starts_with("not mirrored: the server refused them") && notes.contains("unsupported tag type"),
        "{r}"
    );
    assert_eq!((r["notes_sent"].as_u64(), r["queued"].as_u64()), (Some(0), Some(0)), "{r}");
    let cfg = me.config.path().join("config.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, format!("{text}mirror_notes = true\n")).unwrap();
    let r = sync(&me, &replay, &[]);
    assert!(
        r["notes"].as_str().unwrap_or_default().starts_with("not mirrored: the server refused them"),
        "{r}"
    );
    let status = String::from_utf8_lossy(&me.cmd(&["sync", "--status"]).stdout).to_string();
    assert!(status.contains("notes not mirrored: the server refused them"), "{status}");
    assert_eq!(replay.lock().unwrap().next, total);
    me.assert_no_secret("mini-pass-2");
}

#[test]
fn wrong_password_is_one_line_without_the_password() {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let _ = req.respond(tiny_http::Response::from_string("Unauthorized!").with_status_code(401));
        }
    });
    let me = instance(&format!("http://127.0.0.1:{port}/api/greader.php"), "alice", "not-the-password", "");
    let out = me.cmd(&["sync"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("refused the login") && !err.contains("not-the-password"), "{err}");
}
