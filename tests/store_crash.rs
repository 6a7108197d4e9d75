//! SIGKILL in the middle of saving, many times: the state file is always the old or the new state.
//!
//! The test binary re-invokes itself: with `SAHIFA_STORE_CRASH_CHILD` set, the `crash_child` test
//! becomes a writer that saves large states in a loop (generation after generation), and the
//! parent kills it at random moments, then checks the file.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sahifa::store::{Store, quote_key};

const CHILD_ENV: &str = "SAHIFA_STORE_CRASH_CHILD";
const READY: &str = "crash-child-ready";
const SAVED: &str = "crash-child-saved";
/// Articles per state: about 100 KB of JSON, so a write takes a while.
const ARTICLES: u32 = 200;
const ROUNDS: u32 = 60;

fn id(i: u32) -> String {
    format!("{i:016x}")
}

/// The state of article `i` in generation `g`: every field depends on both.
fn expected(g: u32, i: u32) -> (bool, bool, u32, String) {
    let note = format!("الجيل {g} المقال {i} — {}", "نص ملاحظة طويلة ".repeat(10));
    ((i + g).is_multiple_of(2), (i + g).is_multiple_of(3), g, note)
}

/// The writer: loads the state (from `SAHIFA_DATA_DIR`, i.e. `default_dir`) and saves
/// generation after generation until killed. A plain test run (without the env var) returns at once.
#[test]
fn crash_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let (mut s, warnings) = Store::open(None);
    assert!(warnings.is_empty(), "child saw {warnings:?}");
    let mut g = s.position(&id(0)) + 1;
    println!("{READY}");
    // Never outlive a parent that failed to kill us.
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        for i in 0..ARTICLES {
            let (read, starred, pos, note) = expected(g, i);
            let id = id(i);
            s.set_read(&id, read);
            s.set_starred(&id, starred);
            s.set_position(&id, pos);
            s.set_note(&id, Some(note));
            s.set_quote_starred(&id, &quote_key("q", 1), starred);
        }
        s.save().expect("child save");
        println!("{SAVED} {g}");
        g += 1;
    }
}

/// Checks that the file holds exactly one whole generation and returns it (0: no file yet).
fn check(dir: &Path) -> u32 {
    let path = dir.join("state.json");
    if !path.exists() {
        return 0;
    }
    let text = std::fs::read_to_string(&path).expect("readable");
    serde_json::from_str::<serde_json::Value>(&text).expect("state.json is whole JSON after a SIGKILL");
    let (s, warnings) = Store::open(Some(dir.to_path_buf()));
    assert!(warnings.is_empty(), "after a SIGKILL: {warnings:?}");
    let g = s.position(&id(0));
    assert!(g > 0);
    assert_eq!(s.articles().count(), ARTICLES as usize, "generation {g} is complete");
    for i in 0..ARTICLES {
        let (read, starred, pos, note) = expected(g, i);
        let a = s.article(&id(i));
        assert_eq!(
            (a.read, a.starred, a.position, a.note.as_deref()),
            (read, starred, pos, Some(note.as_str()))
        );
        assert_eq!(s.quote(&id(i), &quote_key("q", 1)).starred, starred);
    }
    std::mem::forget(s);
    g
}

/// The writer process, killed if the test fails before it does.
struct Writer(std::process::Child);

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn temp_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".state.json.tmp"))
        .count()
}

#[test]
fn sigkill_during_saves_leaves_the_old_or_the_new_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let exe = std::env::current_exe().expect("test binary");
    let mut rng = SystemTime::now().duration_since(UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let started = Instant::now();
    let (mut last, mut mid_write) = (0, 0);
    for round in 0..ROUNDS {
        let mut child = Writer(
            Command::new(&exe)
                .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
                .env(CHILD_ENV, "1")
                .env("SAHIFA_DATA_DIR", dir.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn the writer"),
        );
        let out = child.0.stdout.take().expect("stdout");
        let mut lines = BufReader::new(out).lines().map_while(Result::ok);
        if !lines.any(|l| l.contains(READY)) {
            let status = child.0.wait().expect("wait");
            panic!("round {round}: the writer died before it was ready: {status}");
        }
        // Let one generation complete to learn how long one takes on this machine (and so that
        // every round writes), then kill at a random moment of the next one.
        let t = Instant::now();
        assert!(lines.any(|l| l.contains(SAVED)), "round {round}: the writer died before saving");
        let generation = t.elapsed().as_micros() as u64;
        std::thread::sleep(Duration::from_micros(next() % (generation + generation / 4 + 1)));
        // `Child::kill` sends SIGKILL on Unix.
        child.0.kill().expect("SIGKILL");
        child.0.wait().expect("reap");
        let leftovers = temp_files(dir.path());
        assert!(leftovers <= 1, "stale temporary files pile up: {leftovers}");
        mid_write += leftovers;
        let g = check(dir.path());
        assert!(g >= last, "round {round}: generation went back from {last} to {g}");
        last = g;
    }
    eprintln!(
        "{ROUNDS} kills in {:.1} s: reached generation {last}, {mid_write} kills landed while a temp file was being written",
        started.elapsed().as_secs_f64()
    );
    assert!(last > 0, "the writer never completed a save");
}
