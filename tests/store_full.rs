//! A full disk: the save fails with a message, the old file stays whole, the session keeps its
//! state and the next save (once there is room) writes it.
//!
//! A child copy of this test binary runs under `ulimit -f` (file size limit) with SIGXFSZ
//! ignored, so its writes past the limit fail the way they fail on a full disk (EFBIG there,
//! ENOSPC on a full disk: the same path through the code).
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use sahifa::store::Store;

const CHILD_ENV: &str = "SAHIFA_STORE_FULL_CHILD";
const A: &str = "bb4b77b62cfebfb5";
const B: &str = "ab347057d505572f";

/// Runs under the size limit: a big save fails, a small one afterwards succeeds.
#[test]
fn full_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else { return };
    let dir = Path::new(&dir);
    let before = std::fs::read(dir.join("state.json")).expect("the parent wrote a state");
    let (mut s, warnings) = Store::open(Some(dir.to_path_buf()));
    assert!(warnings.is_empty(), "{warnings:?}");
    s.set_note(A, Some("ملاحظة طويلة جداً ".repeat(4000)));
    s.set_read(B, true);
    let err = s.save().expect_err("the file is larger than the limit");
    let msg = err.to_string();
    assert!(msg.contains("state.json") && !msg.contains('\n'), "{msg}");
    assert_eq!(std::fs::read(dir.join("state.json")).expect("read"), before, "old file intact");
    assert!(s.has_unsaved_changes() && s.is_read(B), "kept in memory");
    let temps = std::fs::read_dir(dir).expect("ls").flatten().filter(|e| e.file_name().len() > 20).count();
    assert_eq!(temps, 0, "the failed temporary file is removed");
    // Room again (the note shrinks): the retry writes everything pending.
    s.set_note(A, Some("قصيرة".into()));
    s.save().expect("retry fits");
    println!("FULL-CHILD-OK {msg}");
}

#[test]
fn a_full_disk_gives_an_error_and_the_session_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = Store::open(Some(dir.path().to_path_buf()));
    s.toggle_star(A);
    s.save().expect("first save");
    drop(s);
    let exe = std::env::current_exe().expect("test binary");
    // `ulimit -f 16`: at most 8–16 KB per file (512- or 1024-byte blocks, by shell).
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16 && exec \"$0\" --exact full_child --nocapture --test-threads=1")
        .arg(&exe)
        .env(CHILD_ENV, dir.path())
        .output()
        .expect("run the child under a size limit");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("FULL-CHILD-OK"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (s, _) = Store::open(Some(dir.path().to_path_buf()));
    assert!(s.is_starred(A) && s.is_read(B));
    assert_eq!(s.note(A), Some("قصيرة"));
}
