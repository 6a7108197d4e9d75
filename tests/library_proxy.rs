//! `sahifa fetch` goes through the proxy named in the environment (`HTTPS_PROXY`, an HTTP CONNECT
//! proxy), and not for hosts in `NO_PROXY`. The proxy is a small CONNECT tunnel on 127.0.0.1 that
//! sends every connection to the test's feed server, whatever host was asked for.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use sahifa::db::Db;

#[path = "support/library.rs"]
mod support;

#[path = "support/feed_server.rs"]
mod feed_server;
use feed_server::{FeedServer, Route, rss, seed_items};

/// A CONNECT proxy forwarding to `target`; returns its port and the hosts it was asked for.
fn connect_proxy(target: String) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let asked: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = Arc::clone(&asked);
    thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let (target, log) = (target.clone(), Arc::clone(&log));
            thread::spawn(move || tunnel(client, &target, &log));
        }
    });
    (port, asked)
}

fn tunnel(client: TcpStream, target: &str, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let host = line.split_whitespace().nth(1).unwrap_or("").to_string();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).map_or(true, |n| n == 0) || h == "\r\n" {
            break;
        }
    }
    log.lock().unwrap().push(host);
    let Ok(upstream) = TcpStream::connect(target) else { return };
    let mut c = client;
    let _ = c.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
    let (mut up_r, mut up_w) = (upstream.try_clone().unwrap(), upstream);
    let mut c_w = c.try_clone().unwrap();
    let pending = reader.buffer().to_vec();
    let _ = up_w.write_all(&pending);
    let t = thread::spawn(move || {
        let _ = std::io::copy(&mut up_r, &mut c_w);
    });
    let _ = std::io::copy(&mut reader.into_inner(), &mut up_w);
    let _ = up_w.shutdown(std::net::Shutdown::Write);
    let _ = t.join();
}

fn serve_one_feed() -> FeedServer {
    let srv = FeedServer::start();
    let items = seed_items();
    srv.route(
        "/rss.xml",
        Route {
            body: rss("عبر الوكيل", &items[0..2], "utf-8", |_| String::new()).into(),
            ..Route::default()
        },
    );
    srv
}

#[test]
fn fetch_uses_the_proxy_from_the_environment() {
    let srv = serve_one_feed();
    let (port, asked) = connect_proxy(srv.base.trim_start_matches("http://").to_string());
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A host that exists only behind the proxy.
    let url = "http://feeds.proxied.test/rss.xml";
    assert_eq!(support::run(d, &["add", url]).0, 0);
    let out = support::sahifa(d)
        .env("HTTPS_PROXY", format!("http://127.0.0.1:{port}"))
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .args(["fetch", "--timeout", "5"])
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains(&format!("{url}: 2 new")), "{stdout}{stderr}");
    assert_eq!(*asked.lock().unwrap(), vec!["feeds.proxied.test:80".to_string()]);
    assert_eq!(Db::open(d).unwrap().article_count().unwrap(), 2);
}

#[test]
fn no_proxy_hosts_are_fetched_directly() {
    let srv = serve_one_feed();
    let (port, asked) = connect_proxy("127.0.0.1:9".into());
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let url = srv.url("/rss.xml");
    assert_eq!(support::run(d, &["add", &url]).0, 0);
    let out = support::sahifa(d)
        .env("HTTPS_PROXY", format!("http://127.0.0.1:{port}"))
        .env("NO_PROXY", "localhost,127.0.0.1")
        .args(["fetch", "--timeout", "5"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains(": 2 new"), "{stdout}");
    assert!(asked.lock().unwrap().is_empty(), "the proxy was not used");
}
