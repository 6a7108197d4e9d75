//! `sahifa sync` with the Fever API against a real coldsweat (PyPI, a Fever server on Flask and
//! SQLite) that the test starts, stops and restarts on 127.0.0.1; the feed it reads is served by
//! the test. Installed by `tools/sync/coldsweat-up.sh` (which `.ci/run` calls); skipped LOUDLY when
//! it is not there.

#[path = "support/sync.rs"]
mod support;

use std::path::PathBuf;
use std::process::{Command as Proc, Stdio};
use std::time::Duration;

use support::{Instance, Process};
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
    support::skip_loudly("the Fever sync test needs coldsweat", &why, "SAHIFA_REQUIRE_COLDSWEAT");
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
    process: Process,
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
        let s = Server { bin, dir, port, process: Process::default() };
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
        let port = self.port;
        let mut cmd = self.cmd(&["run", "-h", "127.0.0.1", "-p", &port.to_string()]);
        self.process = Process::start(&mut cmd, "coldsweat", Duration::from_secs(20), || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
    }

    fn down(&mut self) {
        self.process.stop();
    }
}

/// A sahifa syncing with the Fever API at `url`; `extra`: more `[sync]` lines.
fn instance(url: &str, extra: &str) -> Instance {
    Instance::new(
        &format!("backend = \"fever\"\nurl = \"{url}\"\nuser = \"{EMAIL}\"\ntimeout = 20\n{extra}"),
        Some(PASSWORD),
    )
}

/// (read, starred) in the library.
fn flags(i: &Instance, title: &str) -> (bool, bool) {
    let f = i.flags(title);
    (f.read, f.starred)
}

#[test]
fn two_readers_through_a_real_fever_server_with_an_offline_change() {
    let Some(bin) = coldsweat() else { return };
    let mut server = Server::new(bin, feed_server());
    server.up();
    let (a, b) = (instance(&server.url(), ""), instance(&server.url(), ""));
    for i in [&a, &b] {
        let r = i.sync();
        assert_eq!((r["feeds_added"].as_u64(), r["articles"].as_u64()), (Some(1), Some(2)), "{r}");
    }
    a.mark(&["--star"], TITLES[0]);
    // Asked to mirror notes, a Fever sync says it cannot and goes on (no error).
    a.write_note(TITLES[0], Some("ملاحظة تبقى هنا"));
    let r = a.sync_with(&["--mirror-notes"]);
    assert_eq!(r["sent"], 1);
    assert_eq!(r["notes"], "not mirrored: the Fever API has no notes or tags; they stay here", "{r}");
    b.mark(&["--read"], TITLES[1]);
    assert_eq!(b.sync()["applied"], 1, "A's star arrives");
    assert_eq!(flags(&b, TITLES[0]), (false, true));
    a.sync();
    assert_eq!(flags(&a, TITLES[1]), (true, false), "B's read arrives");

    // Offline: the change waits, then goes when the server is back (same database, restarted).
    server.down();
    a.mark(&["--unstar"], TITLES[0]);
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
    assert_eq!(flags(&b, TITLES[0]), (false, false));
    a.assert_no_secret(PASSWORD);
    b.assert_no_secret(PASSWORD);
}
