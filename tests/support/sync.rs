//! What every sync test needs: a sahifa instance (its own data dir and config dir, run as the
//! real binary), its library seen from outside, the password looked for in its files, and the
//! loud skip when the server a test needs cannot run here.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Child, Command as Proc, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use sahifa::db::{Db, Flags};
use serde_json::Value;
use tempfile::TempDir;

/// One sahifa: its own data dir and config dir.
pub struct Instance {
    /// `SAHIFA_DATA_DIR`.
    pub data: TempDir,
    /// `SAHIFA_CONFIG_DIR` (holds `config.toml`).
    pub config: TempDir,
    /// Passed as `SAHIFA_SYNC_PASSWORD` when set (else the config must name the password).
    pub env_password: Option<String>,
    /// More environment for every run (e.g. `SAHIFA_LOG`).
    pub env: Vec<(String, String)>,
}

impl Instance {
    /// An instance whose `config.toml` is `[sync]` followed by `sync_section`.
    pub fn new(sync_section: &str, env_password: Option<&str>) -> Instance {
        let config = TempDir::new().unwrap();
        std::fs::write(config.path().join("config.toml"), format!("[sync]\n{sync_section}")).unwrap();
        Instance {
            data: TempDir::new().unwrap(),
            config,
            env_password: env_password.map(str::to_string),
            env: Vec::new(),
        }
    }

    /// Runs sahifa with `args`, without any proxy.
    pub fn cmd(&self, args: &[&str]) -> std::process::Output {
        let mut c = Command::cargo_bin("sahifa").unwrap();
        c.args(args)
            .env("SAHIFA_DATA_DIR", self.data.path())
            .env("SAHIFA_CONFIG_DIR", self.config.path())
            .env_remove("SAHIFA_SYNC_PASSWORD")
            .env("NO_PROXY", "*")
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("ALL_PROXY");
        if let Some(p) = &self.env_password {
            c.env("SAHIFA_SYNC_PASSWORD", p);
        }
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    /// `sahifa sync --format json` plus `extra` flags, which must succeed; its report.
    pub fn sync_with(&self, extra: &[&str]) -> Value {
        let mut args = vec!["sync", "--format", "json"];
        args.extend_from_slice(extra);
        let out = self.cmd(&args);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "sync failed: {stderr}{stdout}");
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
    }

    /// `sahifa sync --format json`, which must succeed; its report.
    pub fn sync(&self) -> Value {
        self.sync_with(&[])
    }

    /// The library.
    pub fn db(&self) -> Db {
        Db::open(self.data.path()).unwrap()
    }

    /// The content id of the article with this title.
    pub fn content_id(&self, title: &str) -> String {
        let rows = self.db().article_rows(1000).unwrap();
        rows.into_iter()
            .find(|r| r.title == title)
            .unwrap_or_else(|| panic!("no article {title:?} in {}", self.data.path().display()))
            .content_id
    }

    /// The library's flags of the article with this title.
    pub fn flags(&self, title: &str) -> Flags {
        self.db().flags(&self.content_id(title)).unwrap()
    }

    /// `sahifa mark FLAGS… ID` on the article with this title, which must succeed.
    pub fn mark(&self, flags: &[&str], title: &str) {
        let id = self.content_id(title);
        let mut args = vec!["mark"];
        args.extend_from_slice(flags);
        args.push(&id);
        let out = self.cmd(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    /// The feed URLs of the library.
    pub fn feeds(&self) -> Vec<String> {
        self.db().feeds().unwrap().into_iter().map(|f| f.url).collect()
    }

    /// Writes in the reader's state file (as the reader's note editor does): the article's note.
    pub fn write_note(&self, title: &str, note: Option<&str>) {
        let (mut store, _) = sahifa::store::Store::open(Some(self.data.path().into()));
        store.set_note(&self.content_id(title), note.map(str::to_string));
        store.save().unwrap();
    }

    /// Stars (with a note, or none) the quote at byte `start` of the article's body whose text
    /// begins there and runs `len` bytes, as the reader does; returns the quote's text.
    pub fn star_quote(&self, title: &str, find: &str, note: Option<&str>) -> String {
        let db = self.db();
        let cid = self.content_id(title);
        let id = db.id_of_content(&cid).unwrap().unwrap();
        let body = db.article(id).unwrap().unwrap().article.body;
        let start = body.find(find).unwrap_or_else(|| panic!("{find:?} is not in {body:?}"));
        let key = sahifa::store::quote_key(find, start);
        let (mut store, _) = sahifa::store::Store::open(Some(self.data.path().into()));
        store.set_quote_starred(&cid, &key, true);
        store.set_quote_note(&cid, &key, note.map(str::to_string));
        store.save().unwrap();
        find.to_string()
    }

    /// Panics when `secret` is in any file of the data dir (database, WAL, state, log).
    pub fn assert_no_secret(&self, secret: &str) {
        assert_secret_absent(self.data.path(), secret);
    }
}

/// Panics when `secret` is in any file of `dir`.
pub fn assert_secret_absent(dir: &Path, secret: &str) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{} holds the password",
                p.display()
            );
        }
    }
}

/// When a server cannot run here: fails when `require_env` is set (CI set the server up), else
/// says LOUDLY that `test` is skipped and why.
pub fn skip_loudly(test: &str, why: &str, require_env: &str) {
    if std::env::var_os(require_env).is_some() {
        panic!("{require_env} is set but {test} cannot run: {why}");
    }
    eprintln!("\n{}\n!!! SKIPPED: {test}: {why}\n{}\n", "!".repeat(78), "!".repeat(78));
}

/// A server process a test started: killed and reaped by [`Process::stop`], or when dropped (also
/// when the test fails), so no server outlives its test.
#[derive(Default)]
pub struct Process(Option<Child>);

impl Process {
    /// Spawns `cmd` (no input, output discarded) and waits up to `within` for `ready()`; panics
    /// naming `what` when it never is.
    pub fn start(cmd: &mut Proc, what: &str, within: Duration, mut ready: impl FnMut() -> bool) -> Process {
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
        let p = Process(Some(child));
        let t = Instant::now();
        while t.elapsed() < within {
            if ready() {
                return p;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{what} did not answer within {} s", within.as_secs());
    }

    /// Whether it was started and not stopped.
    pub fn is_running(&self) -> bool {
        self.0.is_some()
    }

    /// Kills it and waits for it (its port then refuses connections).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.stop();
    }
}
