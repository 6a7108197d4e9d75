//! Saving off the UI thread: begin_save / SaveJob::run / finish_save.

use std::thread;

use sahifa::store::{Store, StoreError};

#[path = "support/store.rs"]
mod support;
use support::{A, B, open};

#[test]
fn a_job_saves_on_another_thread_and_later_changes_stay_pending() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.toggle_star(A);
    let job = s.begin_save().expect("a job");
    let worker = thread::spawn(move || job.run());
    // The UI goes on while the job runs.
    s.set_read(B, true);
    s.set_starred(A, true);
    s.finish_save(worker.join().expect("join")).expect("saved");
    assert!(s.is_starred(A) && s.is_read(B), "the session shows everything");
    assert!(s.has_unsaved_changes(), "the change made during the job is still to save");
    assert!(open(dir.path()).is_starred(A));
    let job = s.begin_save().expect("the next job");
    s.finish_save(job.run()).expect("saved");
    assert!(!s.has_unsaved_changes());
    let fresh = open(dir.path());
    assert!(fresh.is_starred(A) && fresh.is_read(B));
}

#[test]
fn a_change_undone_during_the_job_is_saved_next_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.toggle_star(A);
    let job = s.begin_save().expect("a job");
    s.toggle_star(A); // unstarred again while the star is being written
    s.finish_save(job.run()).expect("saved");
    assert!(!s.is_starred(A), "memory shows the latest toggle");
    assert!(open(dir.path()).is_starred(A), "the job wrote what it had");
    s.save().expect("save");
    assert!(!open(dir.path()).is_starred(A));
}

#[test]
fn a_failed_job_keeps_everything_pending() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocked = dir.path().join("data");
    std::fs::write(&blocked, "a file where the folder should be").expect("write");
    let (mut s, _) = Store::open(Some(blocked.clone()));
    s.toggle_star(A);
    let job = s.begin_save().expect("a job");
    let err = s.finish_save(job.run()).expect_err("cannot write");
    assert!(matches!(err, StoreError::Write { .. }), "{err}");
    assert!(s.has_unsaved_changes() && s.is_starred(A));
    assert!(s.begin_save().is_some(), "a failed job can be retried");
    std::mem::forget(s);
}

#[test]
fn a_synchronous_save_while_a_job_is_out_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.toggle_star(A);
    let job = s.begin_save().expect("a job");
    s.set_read(B, true);
    s.save().expect("quit-time save");
    assert!(!s.has_unsaved_changes());
    // The stale job finishes last; it must not roll the session back.
    s.finish_save(job.run()).expect("stale outcome is fine");
    assert!(s.is_starred(A) && s.is_read(B));
    assert!(!s.has_unsaved_changes());
    let fresh = open(dir.path());
    assert!(fresh.is_starred(A) && fresh.is_read(B));
}

#[test]
fn a_save_after_another_instance_wrote_reparses_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut one = open(dir.path());
    one.toggle_star(A);
    one.save().expect("save");
    // Same length, different content: only the hash tells them apart.
    let mut two = open(dir.path());
    two.set_starred(A, false);
    two.set_read(A, true);
    two.save().expect("save");
    one.set_position(B, 3);
    one.save().expect("save");
    let fresh = open(dir.path());
    assert!(!fresh.is_starred(A) && fresh.is_read(A) && fresh.position(B) == 3);
}

#[test]
fn an_old_job_running_late_never_undoes_a_newer_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.toggle_star(A);
    let old = s.begin_save().expect("a job");
    s.toggle_star(A); // unstarred again
    s.set_read(B, true);
    let newer = s.begin_save().expect("a second job");
    // The newer job gets the lock first; the old one must then not write its stale star.
    let newer = newer.run();
    let old = old.run();
    assert!(!open(dir.path()).is_starred(A), "the old job skipped its write");
    s.finish_save(old).expect("stale outcome is ignored");
    assert!(s.has_unsaved_changes(), "only the newest outcome settles the changes");
    s.finish_save(newer).expect("newer outcome");
    assert!(!s.has_unsaved_changes());
    assert!(!s.is_starred(A) && s.is_read(B));
    let fresh = open(dir.path());
    assert!(!fresh.is_starred(A) && fresh.is_read(B));
}

#[test]
fn a_quit_time_save_wins_over_a_job_still_running() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.toggle_star(A);
    let job = s.begin_save().expect("a job");
    s.toggle_star(A);
    s.save().expect("synchronous save");
    let late = job.run();
    s.finish_save(late).expect("ignored");
    assert!(!open(dir.path()).is_starred(A));
    assert!(!s.is_starred(A) && !s.has_unsaved_changes());
}
