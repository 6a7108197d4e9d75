//! Errors for people: every failure of a command is one line on stderr naming the file and the
//! problem, exit code 1 (0 when a multi-file command loaded something), never a backtrace unless
//! asked; a panic is one line with its location and exit code 101.

use std::path::Path;

use assert_cmd::Command;

fn sahifa(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("sahifa").unwrap();
    c.current_dir(dir)
        .env("SAHIFA_DATA_DIR", dir.join("data"))
        .env_remove("RUST_BACKTRACE")
        .env_remove("SAHIFA_LOG");
    c
}

/// Runs and returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = sahifa(dir);
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.timeout(std::time::Duration::from_secs(60)).output().unwrap();
    let s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), s(&out.stdout), s(&out.stderr))
}

fn setup() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("ok.txt"), "عنوان الخبر\n\nقال الوزير إن الخطة جاهزة.\n").unwrap();
    std::fs::create_dir(d.path().join("empty")).unwrap();
    d
}

fn assert_people_error(what: &str, stderr: &str, names: &str) {
    let lines: Vec<_> = stderr.lines().collect();
    assert!(!lines.is_empty(), "{what}: nothing said");
    assert!(lines.iter().all(|l| l.starts_with("sahifa: ")), "{what}: {stderr}");
    assert!(stderr.contains(names), "{what}: does not name {names}: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{what}: {stderr}");
}

#[test]
fn missing_file_names_it_and_exits_1() {
    let d = setup();
    for cmd in ["render", "list", "extract"] {
        let (code, out, err) = run(d.path(), &[cmd, "nope.txt"], &[]);
        assert_eq!(code, 1, "{cmd}: {err}");
        assert!(out.is_empty(), "{cmd}: {out}");
        assert_people_error(cmd, &err, "nope.txt");
        assert!(err.lines().count() <= 2, "{cmd}: {err}");
    }
}

#[test]
fn multi_file_commands_succeed_when_anything_loaded() {
    let d = setup();
    for cmd in ["list", "extract"] {
        let (code, out, err) = run(d.path(), &[cmd, "nope.txt", "ok.txt"], &[]);
        assert_eq!(code, 0, "{cmd}: {err}");
        assert!(out.contains("ok.txt") || !out.is_empty(), "{cmd}: {out}");
        assert_eq!(err.lines().count(), 1, "{cmd}: {err}");
        assert_people_error(cmd, &err, "nope.txt");
    }
}

#[test]
fn a_folder_given_to_render_or_an_empty_folder_is_one_line() {
    let d = setup();
    let (code, _, err) = run(d.path(), &["render", "empty"], &[]);
    assert_eq!(code, 1);
    assert_people_error("render empty", &err, "empty");
}

#[test]
fn an_empty_folder_given_to_list_names_the_folder() {
    // Bug (commands/list.rs): prints "sahifa: no article could be loaded" without the folder.
    let d = setup();
    let (code, _, err) = run(d.path(), &["list", "empty"], &[]);
    assert_eq!(code, 1);
    assert_people_error("list empty", &err, "empty");
}

#[test]
fn a_bad_index_says_how_many_there_are() {
    let d = setup();
    let (code, _, err) = run(d.path(), &["render", "--index", "99", "ok.txt"], &[]);
    assert_eq!(code, 1);
    assert_people_error("render --index", &err, "ok.txt");
    assert!(err.contains("99"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn unknown_flags_are_clap_usage_errors() {
    let d = setup();
    let (code, _, err) = run(d.path(), &["render", "--bogus"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("--bogus"), "{err}");
}

#[test]
fn a_control_character_in_a_file_name_is_not_printed() {
    let d = setup();
    let (code, _, err) = run(d.path(), &["render", "no\x1b]0;PWN\x07pe.txt"], &[]);
    assert_eq!(code, 1);
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    assert_people_error("render ESC name", &err, "pe.txt");
}

#[test]
fn a_panic_is_one_line_with_its_place_and_exit_101() {
    let d = setup();
    let (code, _, err) = run(d.path(), &["list", "ok.txt"], &[("SAHIFA_INJECT_PANIC", "1")]);
    assert_eq!(code, 101, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("sahifa: internal error: injected panic"), "{err}");
    assert!(err.contains("(at src/lib.rs:") && err.contains("RUST_BACKTRACE=1"), "{err}");
}

#[test]
fn a_panic_shows_rusts_report_when_asked() {
    let d = setup();
    for env in [&[("SAHIFA_INJECT_PANIC", "1"), ("RUST_BACKTRACE", "1")][..], &[("SAHIFA_INJECT_PANIC", "1")]]
    {
        let verbose = env.len() == 1;
        let args: &[&str] = if verbose { &["list", "--verbose", "ok.txt"] } else { &["list", "ok.txt"] };
        let (code, _, err) = run(d.path(), args, env);
        assert_eq!(code, 101, "{err}");
        assert!(err.contains("panicked at"), "verbose={verbose}: {err}");
    }
}

#[test]
fn sahifa_log_writes_a_file_in_the_data_dir_and_nothing_on_screen() {
    let d = setup();
    // `search` loads through `commands::load_articles`, where load warnings and timings are logged.
    let (code, _, err) =
        run(d.path(), &["search", "الوزير", "nope.txt", "ok.txt"], &[("SAHIFA_LOG", "debug")]);
    assert_eq!(code, 0);
    assert_eq!(err.lines().count(), 1, "logging must not add to stderr: {err}");
    let log = std::fs::read_to_string(d.path().join("data").join("sahifa.log")).unwrap();
    assert!(log.contains("INFO") && log.contains("loaded 1 articles"), "{log}");
    assert!(log.contains("WARN") && log.contains("nope.txt"), "{log}");
    assert!(log.lines().all(|l| l.len() > 24 && l.as_bytes()[4] == b'-'), "{log}");
}

#[test]
fn no_log_file_unless_asked() {
    let d = setup();
    let (code, _, _) = run(d.path(), &["list", "ok.txt"], &[]);
    assert_eq!(code, 0);
    assert!(!d.path().join("data").join("sahifa.log").exists());
}
