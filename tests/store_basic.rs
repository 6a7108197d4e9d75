//! The state file through the public API: round trip, migration, damaged and newer files,
//! unwritable data dirs.

use std::fs;
use std::path::{Path, PathBuf};

use sahifa::store::{Store, StoreError, quote_key};

#[path = "support/store.rs"]
mod support;
use support::{A, B, open};

fn on_disk(dir: &Path) -> serde_json::Value {
    let text = fs::read_to_string(dir.join("state.json")).expect("state.json exists");
    serde_json::from_str(&text).expect("state.json is JSON")
}

fn damaged_copies(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("state.json.damaged-")))
        .collect();
    v.sort();
    v
}

#[test]
fn round_trip_keeps_every_kind_of_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = quote_key("السلام ممكن", 42);
    let mut s = open(dir.path());
    assert_eq!(s.path(), Some(dir.path().join("state.json").as_path()));
    assert!(s.toggle_star(A));
    s.set_read(A, true);
    s.set_position(A, 17);
    s.set_note(A, Some("ملاحظة على المقال".into()));
    assert!(s.toggle_quote_star(A, &q));
    s.set_quote_note(A, &q, Some("تعليق".into()));
    s.set_read(B, true);
    assert!(s.has_unsaved_changes());
    s.save().expect("save");
    assert!(!s.has_unsaved_changes());
    drop(s);

    let s = open(dir.path());
    let a = s.article(A);
    assert!(a.read && a.starred);
    assert_eq!(a.position, 17);
    assert_eq!(a.note.as_deref(), Some("ملاحظة على المقال"));
    assert!(s.quote(A, &q).starred);
    assert_eq!(s.quote(A, &q).note.as_deref(), Some("تعليق"));
    assert!(s.is_read(B) && !s.is_starred(B));
    assert_eq!(s.article("0000000000000000"), Default::default());
    assert_eq!(s.articles().count(), 2);
    let v = on_disk(dir.path());
    assert_eq!(v["version"], 2);
    assert_eq!(v["articles"][A]["quotes"][&q]["note"], "تعليق");
}

#[test]
fn undoing_a_mark_removes_it_from_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.toggle_star(A);
    s.save().expect("save");
    assert!(!s.toggle_star(A));
    s.set_note(A, Some("   ".into()));
    s.save().expect("save");
    assert_eq!(on_disk(dir.path())["articles"], serde_json::json!({}));
}

#[test]
fn a_missing_data_dir_is_created_on_first_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep = dir.path().join("a/b/sahifa");
    let mut s = open(&deep);
    s.save().expect("nothing to save is fine");
    assert!(!deep.exists(), "no changes, no file");
    s.set_read(A, true);
    s.save().expect("save");
    assert_eq!(on_disk(&deep)["articles"][A]["read"], true);
}

#[test]
fn a_v1_file_is_migrated_and_rewritten_as_v2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let v1 = format!(r#"{{"version":1,"read":["{A}","{B}"],"starred":["{A}"],"positions":{{"{B}":9}}}}"#);
    fs::write(dir.path().join("state.json"), v1).expect("write v1");
    let mut s = open(dir.path());
    assert!(s.is_read(A) && s.is_starred(A) && s.is_read(B));
    assert_eq!(s.position(B), 9);
    s.set_note(B, Some("n".into()));
    s.save().expect("save");
    let v = on_disk(dir.path());
    assert_eq!(v["version"], 2);
    assert_eq!(v["articles"][A]["starred"], true);
    assert_eq!(v["articles"][B]["position"], 9);
    assert_eq!(v["articles"][B]["note"], "n");
    assert!(v.get("read").is_none(), "v1 lists are gone: {v}");
}

#[test]
fn a_damaged_file_is_moved_aside_reported_once_and_kept() {
    for bad in [
        "{\"version\":2,\"articles\":{\"bb4b77b6".to_string(),
        r#"{"version":2,"articles":{"x":{"read":"yes"}}}"#.to_string(),
        "\0\0\0\0".to_string(),
        String::new(),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("state.json"), &bad).expect("write");
        let (mut s, warnings) = Store::open(Some(dir.path().to_path_buf()));
        assert_eq!(warnings.len(), 1, "{bad:?}: {warnings:?}");
        assert!(warnings[0].contains("damaged") && warnings[0].contains("state.json"), "{}", warnings[0]);
        assert!(!warnings[0].contains('\n'));
        let aside = damaged_copies(dir.path());
        assert_eq!(aside.len(), 1, "{bad:?}");
        assert!(warnings[0].contains(&*aside[0].to_string_lossy()), "the message names the copy");
        assert_eq!(fs::read_to_string(&aside[0]).expect("aside"), bad, "old content preserved");
        assert!(s.take_warnings().is_empty(), "reported once");
        s.set_read(A, true);
        s.save().expect("save after recovery");
        assert_eq!(on_disk(dir.path())["articles"][A]["read"], true);
        assert!(s.take_warnings().is_empty());
        assert_eq!(fs::read_to_string(&aside[0]).expect("aside"), bad, "the copy is left alone");
    }
}

#[test]
fn a_file_damaged_while_running_is_moved_aside_at_save_and_memory_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.toggle_star(A);
    s.save().expect("save");
    fs::write(dir.path().join("state.json"), "garbage").expect("damage it");
    s.set_read(B, true);
    s.save().expect("save");
    let w = s.take_warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    let v = on_disk(dir.path());
    assert_eq!(v["articles"][A]["starred"], true, "what the session knew is rewritten");
    assert_eq!(v["articles"][B]["read"], true);
    assert_eq!(damaged_copies(dir.path()).len(), 1);
}

#[test]
fn a_folder_in_place_of_the_file_is_moved_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("state.json")).expect("mkdir");
    let (mut s, warnings) = Store::open(Some(dir.path().to_path_buf()));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    s.set_read(A, true);
    s.save().expect("save");
    assert_eq!(on_disk(dir.path())["articles"][A]["read"], true);
}

#[test]
fn a_newer_file_keeps_what_this_version_does_not_know() {
    let dir = tempfile::tempdir().expect("tempdir");
    let newer = format!(
        r#"{{"version":7,"settings":{{"theme":"x"}},"articles":{{"{A}":{{"starred":true,"tags":["a"],"quotes":{{"1-2-00":{{"starred":true,"colour":1}}}}}}}}}}"#
    );
    fs::write(dir.path().join("state.json"), newer).expect("write");
    let mut s = open(dir.path());
    assert!(s.is_starred(A));
    s.set_read(A, true);
    s.save().expect("save");
    let v = on_disk(dir.path());
    assert_eq!(v["version"], 7);
    assert_eq!(v["settings"]["theme"], "x");
    assert_eq!(v["articles"][A]["tags"], serde_json::json!(["a"]));
    assert_eq!(v["articles"][A]["quotes"]["1-2-00"]["colour"], 1);
    assert_eq!(v["articles"][A]["read"], true);
}

#[test]
fn a_newer_file_in_an_unknown_shape_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let newer = r#"{"version":7,"articles":[{"id":"x"}]}"#;
    fs::write(dir.path().join("state.json"), newer).expect("write");
    let (mut s, warnings) = Store::open(Some(dir.path().to_path_buf()));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("newer"), "{}", warnings[0]);
    s.set_read(A, true);
    assert!(matches!(s.save(), Err(StoreError::Newer { version: 7, .. })));
    assert!(s.is_read(A), "kept in memory");
    assert_eq!(fs::read_to_string(dir.path().join("state.json")).expect("read"), newer);
    assert!(damaged_copies(dir.path()).is_empty());
    std::mem::forget(s); // no last save attempt on drop
}

#[test]
fn an_unwritable_data_dir_gives_an_error_and_the_session_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A file where the data dir should be: no one, root included, can write below it.
    let blocked = dir.path().join("data");
    fs::write(&blocked, "not a folder").expect("write");
    let (mut s, warnings) = Store::open(Some(blocked.clone()));
    assert!(warnings.len() <= 1, "{warnings:?}");
    s.toggle_star(A);
    let err = s.save().expect_err("cannot write");
    let msg = err.to_string();
    assert!(msg.contains("data") && !msg.contains('\n'), "{msg}");
    assert!(s.is_starred(A) && s.has_unsaved_changes(), "kept in memory");
    s.set_read(B, true);
    // The problem goes away: the next save writes everything.
    fs::remove_file(&blocked).expect("rm");
    s.save().expect("retry succeeds");
    let v = on_disk(&blocked);
    assert_eq!(v["articles"][A]["starred"], true);
    assert_eq!(v["articles"][B]["read"], true);
}

#[cfg(unix)]
#[test]
fn a_read_only_data_dir_gives_an_error_and_the_session_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.set_read(A, true);
    s.save().expect("first save");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).expect("chmod");
    // Root ignores permissions; then there is nothing to test here.
    let enforced = fs::write(dir.path().join("probe"), "x").is_err();
    s.toggle_star(A);
    let result = s.save();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).expect("chmod back");
    if enforced {
        let err = result.expect_err("read-only dir");
        assert!(err.to_string().contains(&*dir.path().to_string_lossy()), "{err}");
        assert!(s.is_starred(A) && s.has_unsaved_changes());
        assert_eq!(on_disk(dir.path())["articles"][A]["starred"], false, "old state intact");
        s.save().expect("retry succeeds");
    }
    assert_eq!(on_disk(dir.path())["articles"][A]["starred"], true);
}

#[test]
fn dropping_a_store_saves_what_is_pending() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.toggle_star(A);
    drop(s);
    assert!(open(dir.path()).is_starred(A));
}

#[test]
fn an_in_memory_store_never_touches_disk() {
    let mut s = Store::in_memory();
    s.toggle_star(A);
    assert!(s.is_starred(A));
    assert_eq!(s.path(), None);
    s.save().expect("no-op");
}
