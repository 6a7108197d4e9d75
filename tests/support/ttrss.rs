//! A real Tiny Tiny RSS for the sync tests: the Debian package set up by `tools/sync/ttrss-up.sh`
//! (PostgreSQL 15, TT-RSS told to fetch feeds through a proxy on 127.0.0.1), served by PHP's
//! built-in server that each test starts, stops and restarts on its own port; a user per test;
//! the feeds it fetches come from an in-process server on the proxy port.
//!
//! When TT-RSS cannot start here, [`setup`] says so LOUDLY and the test returns; with
//! `SAHIFA_REQUIRE_TTRSS=1` (set by `.ci/run` after the script succeeded) it fails instead.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde_json::{Value, json};

/// Where the package puts the web app.
pub const WWW: &str = "/usr/share/tt-rss/www";

/// The proxy port `ttrss-up.sh` wrote into TT-RSS's config.
pub fn feed_port() -> u16 {
    std::env::var("SAHIFA_TTRSS_FEED_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(18281)
}

type Feeds = Arc<Mutex<HashMap<String, String>>>;

/// The feeds served to TT-RSS, by path (`/name.xml`), shared by the tests of a binary.
fn feeds() -> Result<&'static Feeds, String> {
    static FEEDS: OnceLock<Result<Feeds, String>> = OnceLock::new();
    FEEDS
        .get_or_init(|| {
            let server = tiny_http::Server::http(("127.0.0.1", feed_port())).map_err(|e| {
                format!("cannot listen on the feed proxy port 127.0.0.1:{}: {e}", feed_port())
            })?;
            let map: Feeds = Arc::default();
            let m = Arc::clone(&map);
            std::thread::spawn(move || {
                for req in server.incoming_requests() {
                    // TT-RSS (curl) asks the proxy for the absolute URL: GET http://feeds.invalid/x.xml
                    let url = req.url().to_string();
                    let path = url.strip_prefix("http://feeds.invalid").unwrap_or(&url).to_string();
                    let body = m.lock().unwrap().get(&path).cloned();
                    let _ = match body {
                        Some(b) => req.respond(
                            tiny_http::Response::from_string(b).with_header(
                                "Content-Type: application/rss+xml; charset=utf-8"
                                    .parse::<tiny_http::Header>()
                                    .unwrap(),
                            ),
                        ),
                        None => req
                            .respond(tiny_http::Response::from_string("no such feed").with_status_code(404)),
                    };
                }
            });
            Ok(map)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Serves an RSS feed with these (guid, title, text) items at `http://feeds.invalid/<name>.xml`;
/// returns that URL.
pub fn serve_feed(name: &str, items: &[(&str, &str, &str)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>أخبار الاختبار</title>\
         <link>http://feeds.invalid/</link><description>خلاصة</description><language>ar</language>\n",
    );
    for (i, (guid, title, text)) in items.iter().enumerate() {
        xml.push_str(&format!(
            "<item><title>{title}</title><link>http://feeds.invalid/{name}/{guid}</link>\
             <guid isPermaLink=\"false\">{guid}</guid><pubDate>Tue, 01 Dec 2026 {:02}:00:00 GMT</pubDate>\
             <description>{text}</description></item>\n",
            10 + i
        ));
    }
    xml.push_str("</channel></rss>\n");
    feeds().expect("feed proxy").lock().unwrap().insert(format!("/{name}.xml"), xml);
    format!("http://feeds.invalid/{name}.xml")
}

/// Why TT-RSS cannot run here, if it cannot.
fn unavailable() -> Option<String> {
    if !Path::new(WWW).join("api/index.php").exists() {
        return Some(format!("{WWW} is missing (run tools/sync/ttrss-up.sh as root)"));
    }
    match Command::new("php").arg("-v").stdout(Stdio::null()).stderr(Stdio::null()).status() {
        Ok(s) if s.success() => {}
        _ => return Some("php is not installed".into()),
    }
    match psql("SELECT 1") {
        Ok(_) => {}
        Err(e) => {
            return Some(format!("the TT-RSS database does not answer ({e}); run tools/sync/ttrss-up.sh"));
        }
    }
    if let Err(e) = feeds() {
        return Some(e);
    }
    None
}

/// Whether the tests can run; prints a LOUD message when they cannot (or panics when required).
/// Needs the test to include `support/sync.rs` as `support`.
pub fn setup() -> bool {
    let Some(why) = unavailable() else { return true };
    crate::support::skip_loudly(
        "the real-server sync test needs Tiny Tiny RSS",
        &why,
        "SAHIFA_REQUIRE_TTRSS",
    );
    false
}

/// Runs SQL on the TT-RSS database as its owner.
pub fn psql(sql: &str) -> Result<String, String> {
    let out = Command::new("psql")
        .args(["-h", "127.0.0.1", "-U", "ttrss", "-d", "ttrss", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .env("PGPASSWORD", "ttrss")
        .env("PGCONNECT_TIMEOUT", "3")
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Creates a TT-RSS user with API access (a fresh one: any old one of that name goes first).
pub fn create_user(login: &str, password: &str) {
    let hash = sha1_hex(password);
    psql(&format!("DELETE FROM ttrss_users WHERE login = '{login}'")).unwrap();
    psql(&format!(
        "INSERT INTO ttrss_users (login, pwd_hash, access_level) VALUES ('{login}', 'SHA1:{hash}', 0)"
    ))
    .unwrap();
    psql(&format!(
        "INSERT INTO ttrss_user_prefs (owner_uid, pref_name, profile, value) \
         SELECT id, 'ENABLE_API_ACCESS', NULL, 'true' FROM ttrss_users WHERE login = '{login}'"
    ))
    .unwrap();
}

fn sha1_hex(s: &str) -> String {
    let out = Command::new("sha1sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(s.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap().to_string()
}

/// A free port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// TT-RSS served by `php -S` on a port of its own (stopped when dropped).
pub struct Server {
    process: crate::support::Process,
    /// Its port.
    pub port: u16,
}

impl Server {
    /// Starts it on a free port.
    pub fn start() -> Server {
        let mut s = Server { process: Default::default(), port: free_port() };
        s.up();
        s
    }

    /// Its base URL.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Starts (again) on the same port, and waits until the API answers.
    pub fn up(&mut self) {
        assert!(!self.process.is_running());
        let addr = format!("127.0.0.1:{}", self.port);
        // As www-data when root, like the package's update daemon (the feed cache is its).
        let mut cmd = if unsafe_is_root() {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=www-data", "--regid=www-data", "--init-groups", "php"]);
            c
        } else {
            Command::new("php")
        };
        cmd.args(["-S", &addr, "-t", WWW]);
        let port = self.port;
        self.process = crate::support::Process::start(
            &mut cmd,
            &format!("TT-RSS on {addr}"),
            Duration::from_secs(15),
            || {
                TcpStream::connect(("127.0.0.1", port)).is_ok()
                    && raw_call(port, &json!({"op": "getApiLevel"})).is_ok()
            },
        );
    }

    /// Stops it (the port then refuses connections).
    pub fn down(&mut self) {
        self.process.stop();
    }
}

fn unsafe_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn raw_call(port: u16, body: &Value) -> Result<Value, String> {
    let agent: ureq::Agent =
        ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(30))).build().into();
    let mut r = agent
        .post(&format!("http://127.0.0.1:{port}/api/"))
        .header("Content-Type", "application/json")
        .send(body.to_string())
        .map_err(|e| e.to_string())?;
    let text = r.body_mut().read_to_string().map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))
}

/// The test's own API session (to look at the server, and to make it fetch a feed now).
pub struct Api {
    port: u16,
    sid: String,
}

impl Api {
    /// Logs in.
    pub fn login(port: u16, user: &str, password: &str) -> Api {
        let v = raw_call(port, &json!({"op": "login", "user": user, "password": password})).unwrap();
        let sid = v["content"]["session_id"].as_str().unwrap_or_else(|| panic!("login: {v}")).to_string();
        Api { port, sid }
    }

    /// One call; its `content`.
    pub fn call(&self, op: &str, mut params: Value) -> Value {
        params["op"] = op.into();
        params["sid"] = self.sid.clone().into();
        let v = raw_call(self.port, &params).unwrap();
        assert_eq!(v["status"], 0, "{op}: {v}");
        v["content"].clone()
    }

    /// Makes TT-RSS fetch the feed at `url` now; returns its id.
    pub fn update_feed(&self, url: &str) -> i64 {
        let feeds = self.call("getFeeds", json!({"cat_id": -3}));
        let id = feeds
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["feed_url"] == url)
            .unwrap_or_else(|| panic!("{url} is not subscribed: {feeds}"))["id"]
            .as_i64()
            .unwrap();
        self.call("updateFeed", json!({"feed_id": id}));
        id
    }

    /// The TT-RSS id of the article with this title.
    pub fn id_of(&self, title: &str) -> i64 {
        let h = self.call("getHeadlines", json!({"feed_id": -4, "view_mode": "all_articles", "limit": 200}));
        h.as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == title)
            .unwrap_or_else(|| panic!("no article {title} on the server"))["id"]
            .as_i64()
            .unwrap()
    }

    /// The article's note as `getArticle` gives it ("" when none).
    pub fn note(&self, title: &str) -> String {
        let a = self.call("getArticle", json!({"article_id": self.id_of(title)}));
        a[0]["note"].as_str().unwrap_or("").to_string()
    }

    /// Writes the article's note as another client (or TT-RSS's own note editor) would.
    pub fn set_note(&self, title: &str, note: &str) {
        self.call(
            "updateArticle",
            json!({"article_ids": self.id_of(title), "field": 3, "mode": 2, "data": note}),
        );
    }

    /// Title → (unread, marked) of every article.
    pub fn articles(&self) -> HashMap<String, (bool, bool)> {
        let h = self.call("getHeadlines", json!({"feed_id": -4, "view_mode": "all_articles", "limit": 200}));
        h.as_array()
            .unwrap()
            .iter()
            .map(|a| (a["title"].as_str().unwrap().to_string(), (a["unread"] == true, a["marked"] == true)))
            .collect()
    }
}
