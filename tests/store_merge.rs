//! Two instances on one data dir (two SSH logins) never lose each other's changes.

use std::thread;

use sahifa::store::{Store, quote_key};

#[path = "support/store.rs"]
mod support;
use support::{A, B, open};

#[test]
fn two_instances_changing_different_articles_keep_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut one = open(dir.path());
    let mut two = open(dir.path());
    one.toggle_star(A);
    two.set_read(B, true);
    two.set_position(B, 30);
    one.save().expect("one saves");
    two.save().expect("two saves");
    let fresh = open(dir.path());
    assert!(fresh.is_starred(A), "one's star survived two's save");
    assert!(fresh.is_read(B) && fresh.position(B) == 30);
    // After saving, each instance also sees the other's marks.
    assert!(two.is_starred(A));
    one.reload().expect("reload");
    assert!(one.is_read(B));
}

#[test]
fn two_instances_changing_different_fields_of_one_article_keep_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q1 = quote_key("أولاً", 10);
    let q2 = quote_key("ثانياً", 50);
    let mut one = open(dir.path());
    let mut two = open(dir.path());
    one.toggle_star(A);
    one.toggle_quote_star(A, &q1);
    two.set_read(A, true);
    two.set_note(A, Some("ملاحظة".into()));
    two.set_quote_note(A, &q2, Some("تعليق".into()));
    two.set_quote_note(A, &q1, Some("على الأول".into()));
    two.save().expect("two saves first");
    one.save().expect("one saves second");
    let s = open(dir.path());
    let a = s.article(A);
    assert!(a.starred && a.read);
    assert_eq!(a.note.as_deref(), Some("ملاحظة"));
    assert!(s.quote(A, &q1).starred);
    assert_eq!(s.quote(A, &q1).note.as_deref(), Some("على الأول"));
    assert_eq!(s.quote(A, &q2).note.as_deref(), Some("تعليق"));
}

#[test]
fn the_same_field_changed_twice_keeps_the_later_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut one = open(dir.path());
    let mut two = open(dir.path());
    one.set_note(A, Some("earlier".into()));
    thread::sleep(std::time::Duration::from_millis(5));
    two.set_note(A, Some("later".into()));
    two.save().expect("two");
    one.save().expect("one");
    assert_eq!(open(dir.path()).note(A), Some("later"));
    assert_eq!(one.note(A), Some("later"), "the saving instance now shows the winner");
}

#[test]
fn unstarring_elsewhere_is_not_undone_by_a_stale_instance() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut one = open(dir.path());
    one.toggle_star(A);
    one.save().expect("save");
    let mut two = open(dir.path());
    let mut stale = open(dir.path());
    assert!(!two.toggle_star(A));
    two.save().expect("save");
    // `stale` loaded the star before it was removed and changes another article only.
    stale.set_read(B, true);
    stale.save().expect("save");
    let s = open(dir.path());
    assert!(!s.is_starred(A), "the unstar survived");
    assert!(s.is_read(B));
}

#[test]
fn reload_shows_others_changes_and_keeps_unsaved_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut one = open(dir.path());
    let mut two = open(dir.path());
    one.set_read(A, true);
    two.toggle_star(B);
    two.save().expect("save");
    one.reload().expect("reload");
    assert!(one.is_starred(B) && one.is_read(A));
    assert!(one.has_unsaved_changes());
    one.save().expect("save");
    let s = open(dir.path());
    assert!(s.is_starred(B) && s.is_read(A));
}

#[test]
fn many_instances_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let dir = dir.path().to_path_buf();
            thread::spawn(move || {
                let (mut s, _) = Store::open(Some(dir));
                for i in 0..25 {
                    let id = format!("{w:08x}{i:08x}");
                    s.set_read(&id, true);
                    s.set_position(&id, i);
                    // Every worker also touches one shared article, each its own quote.
                    s.toggle_quote_star(A, &quote_key(&format!("q{w}"), w as usize));
                    s.save().expect("save");
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker");
    }
    let s = open(dir.path());
    for w in 0..4u32 {
        for i in 0..25u32 {
            let id = format!("{w:08x}{i:08x}");
            assert!(s.is_read(&id), "{id} lost");
            assert_eq!(s.position(&id), i);
        }
        // 25 toggles: starred at the end.
        assert!(s.quote(A, &quote_key(&format!("q{w}"), w as usize)).starred, "worker {w}'s quote");
    }
}
