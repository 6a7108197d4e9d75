//! `sahifa sync` with the Fever API against a real coldsweat (PyPI, a Fever server on Flask and
//! SQLite) that the test starts, stops and restarts on 127.0.0.1; the feed it reads is served by
//! the test. Installed by `tools/sync/coldsweat-up.sh` (which `.ci/run` calls); skipped LOUDLY when
//! it is not there.

use std::path::{Path, PathBuf};
use std::process::{Child, Command as Proc, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use sahifa::db::Db;
use serde_json::Value;
use tempfile::TempDir;

const EMAIL: &str = "tester@example.com";
const PASSWORD: &str = "testpass1234";
const TITLES: [&str; 2] = ["وزير الخارجية يصل إلى الرياض في زيارة رسمية", "البنك المركزي يرفع سعر الفائدة"];

fn coldsweat() -> Option<PathBuf> {
    let venv = std::env::var_os("SAHIFA_COLDSWEAT_VENV")
        .map_or_else(|| PathBuf::from("/opt/sahifa-coldsweat"), PathBuf::from);
    let bin = venv.join("bin/coldsweat");
    if bin.exists() {
        return Some(bin);
    }
    let why = format!("{} is missing (run tools/sync/coldsweat-up.sh)", bin.display());
    if std::env::var_os("SAHIFA_REQUIRE_COLDSWEAT").is_some() {
        panic!("SAHIFA_REQUIRE_COLDSWEAT is set but coldsweat cannot run: {why}");
    }
    eprintln!(
        "\n{}\n!!! SKIPPED: the Fever sync test needs coldsweat: {why}\n{}\n",
        "!".repeat(78),
        "!".repeat(78)
    );
    None
}

/// Serves the feed (with a square icon, so coldsweat asks nobody else for one).
fn feed_server() -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>أخبار</title>\
         <link>http://127.0.0.1:{port}/</link><description>خلاصة</description>\
         <image><url>http://127.0.0.1:{port}/icon.ico</url><title>i</title><link>http://127.0.0.1:{port}/</link>\
         <width>16</width><height>16</height></image>"
    );
    for (i, t) in TITLES.iter().enumerate() {
        xml.push_str(&format!(
            "<item><title>{t}</title><link>http://127.0.0.1:{port}/{i}</link><guid isPermaLink=\"false\">fever-{i}</guid>\
             <pubDate>Tue, 01 Dec 2026 1{i}:00:00 GMT</pubDate><description>قال المتحدث إن الاجتماع كان مثمرا {i}.</description></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let (body, ct) = if req.url().ends_with(".ico") {
                (vec![0u8, 0, 1, 0], "image/x-icon")
            } else {
                (xml.clone().into_bytes(), "application/rss+xml; charset=utf-8")
            };
            let header: tiny_http::Header = format!("Content-Type: {ct}").parse().unwrap();
            let resp = tiny_http::Response::from_data(body).with_header(header);
            let _ = req.respond(resp);
        }
    });
    port
}

/// A coldsweat instance: its database in a temp dir, its server on a port of its own.
struct Server {
    bin: PathBuf,
    dir: TempDir,
    port: u16,
    child: Option<Child>,
}

impl Server {
    fn cmd(&self, args: &[&str]) -> Proc {
        let mut c = Proc::new(&self.bin);
        c.args(args)
            .env("FLASK_DATABASE_URL", format!("sqlite:///{}", self.dir.path().join("cs.db").display()))
            .env("FLASK_SECRET_KEY", "sahifa-test")
            .stdin(Stdio::null());
        c
    }

    fn new(bin: PathBuf, feed_port: u16) -> Server {
        let dir = TempDir::new().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let s = Server { bin, dir, port, child: None };
        let ok = |c: &mut Proc| {
            let out = c.output().unwrap();
            if !out.status.success() {
                eprintln!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            }
            out.status.success()
        };
        assert!(ok(&mut s.cmd(&["setup", EMAIL, "-p", PASSWORD, "-n", "Tester"])), "coldsweat setup");
        let opml = s.dir.path().join("feeds.opml");
        std::fs::write(
            &opml,
            format!(
                "<?xml version=\"1.0\"?><opml version=\"1.0\"><head><title>t</title></head><body>\
                 <outline text=\"Arabic\" title=\"Arabic\" type=\"rss\" xmlUrl=\"http://127.0.0.1:{feed_port}/feed.xml\"/>\
                 </body></opml>"
            ),
        )
        .unwrap();
        assert!(ok(&mut s.cmd(&["import", opml.to_str().unwrap(), EMAIL, "--fetch"])), "coldsweat import");
        s
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/fever/", self.port)
    }

    fn up(&mut self) {
        let child = self
            .cmd(&["run", "-h", "127.0.0.1", "-p", &self.port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(20) {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("coldsweat did not start on port {}", self.port);
    }

    fn down(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.down();
    }
}

struct Instance {
    data: TempDir,
    config: TempDir,
}

impl Instance {
    fn new(url: &str) -> Instance {
        let config = TempDir::new().unwrap();
        std::fs::write(
            config.path().join("config.toml"),
            format!("[sync]\nbackend = \"fever\"\nurl = \"{url}\"\nuser = \"{EMAIL}\"\ntimeout = 20\n"),
        )
        .unwrap();
        Instance { data: TempDir::new().unwrap(), config }
    }

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::cargo_bin("sahifa")
            .unwrap()
            .args(args)
            .env("SAHIFA_DATA_DIR", self.data.path())
            .env("SAHIFA_CONFIG_DIR", self.config.path())
            .env("SAHIFA_SYNC_PASSWORD", PASSWORD)
            .env("NO_PROXY", "*")
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("ALL_PROXY")
            .output()
            .unwrap()
    }

    fn sync(&self) -> Value {
        let out = self.cmd(&["sync", "--format", "json"]);
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "sync failed: {}{stdout}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_str(&stdout).unwrap()
    }

    fn cid(&self, title: &str) -> String {
        let rows = Db::open(self.data.path()).unwrap().article_rows(100).unwrap();
        rows.into_iter().find(|r| r.title == title).unwrap_or_else(|| panic!("no {title}")).content_id
    }

    fn flags(&self, title: &str) -> (bool, bool) {
        let f = Db::open(self.data.path()).unwrap().flags(&self.cid(title)).unwrap();
        (f.read, f.starred)
    }

    fn mark(&self, flag: &str, title: &str) {
        assert!(self.cmd(&["mark", flag, &self.cid(title)]).status.success());
    }
}

#[test]
fn two_readers_through_a_real_fever_server_with_an_offline_change() {
    let Some(bin) = coldsweat() else { return };
    let mut server = Server::new(bin, feed_server());
    server.up();
    let (a, b) = (Instance::new(&server.url()), Instance::new(&server.url()));
    for i in [&a, &b] {
        let r = i.sync();
        assert_eq!((r["feeds_added"].as_u64(), r["articles"].as_u64()), (Some(1), Some(2)), "{r}");
    }
    a.mark("--star", TITLES[0]);
    assert_eq!(a.sync()["sent"], 1);
    b.mark("--read", TITLES[1]);
    assert_eq!(b.sync()["applied"], 1, "A's star arrives");
    assert_eq!(b.flags(TITLES[0]), (false, true));
    a.sync();
    assert_eq!(a.flags(TITLES[1]), (true, false), "B's read arrives");

    // Offline: the change waits, then goes when the server is back (same database, restarted).
    server.down();
    a.mark("--unstar", TITLES[0]);
    let out = a.cmd(&["sync"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 change waits"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    server.up();
    assert_eq!(a.sync()["sent"], 1);
    b.sync();
    assert_eq!(b.flags(TITLES[0]), (false, false));
    assert!(no_secret(a.data.path()) && no_secret(b.data.path()));
}

fn no_secret(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().all(|e| {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        !bytes.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes())
    })
}
