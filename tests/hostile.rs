//! Hostile input through every command and the reader: escape sequences of every kind, bidi
//! overrides, invalid UTF-8, pathological sizes and nesting. Nothing may panic, hang, or let a control
//! character or an unclosed bidi override from an article reach the output.
//!
//! `SAHIFA_WRITE_HOSTILE=DIR cargo test --test hostile` also writes the fixtures to DIR (for
//! `../shared/tools/hostile_check.py`).

use std::path::Path;

use assert_cmd::Command;

#[path = "support/hostile_fixtures.rs"]
mod fixtures;
use fixtures::{fixtures, more_fixtures};

/// Bytes no article may put on our stdout: ESC, C0 but \n and \t, DEL, C1 (as UTF-8).
fn bad_char(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| (c < ' ' && c != '\n' && c != '\t') || c == '\x7f' || ('\u{80}'..='\u{9f}').contains(&c))
}

fn unbalanced_bidi(s: &str) -> bool {
    s.lines().any(|l| {
        let mut depth = 0i32;
        for c in l.chars() {
            match c {
                '\u{202c}' | '\u{2069}' => depth = (depth - 1).max(0),
                '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2068}' => depth += 1,
                _ => {}
            }
        }
        depth > 0
    })
}

fn write_all(dir: &Path, full: bool) {
    for (name, bytes) in fixtures(full).into_iter().chain(more_fixtures(full)) {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn every_command_survives_every_hostile_file_and_leaks_nothing() {
    if let Some(d) = std::env::var_os("SAHIFA_WRITE_HOSTILE") {
        std::fs::create_dir_all(&d).unwrap();
        write_all(Path::new(&d), true);
    }
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), false);
    let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in &names {
        for args in [
            &["render", "--width", "80"][..],
            &["list", "--format", "json"],
            &["extract", "--format", "json"],
        ] {
            let out = Command::cargo_bin("sahifa")
                .unwrap()
                .args(args)
                .arg(path)
                .env("SAHIFA_DATA_DIR", dir.path())
                .timeout(std::time::Duration::from_secs(120))
                .output()
                .unwrap();
            let what = format!("{} {}", args[0], path.file_name().unwrap().to_string_lossy());
            let code = out.status.code();
            assert!(
                matches!(code, Some(0) | Some(1)),
                "{what}: exit {code:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert_eq!(bad_char(&stdout), None, "{what}: control character on stdout");
            assert!(!unbalanced_bidi(&stdout), "{what}: unclosed bidi control on stdout");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(bad_char(&stderr), None, "{what}: control character on stderr: {stderr:?}");
            assert!(stderr.lines().count() <= 3, "{what}: long error: {stderr}");
        }
    }
}

/// Runs sahifa with `args` and checks the hostile-output rules on both streams; returns stdout.
fn run_clean(what: &str, dir: &Path, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::cargo_bin("sahifa")
        .unwrap()
        .args(args)
        .env("SAHIFA_DATA_DIR", dir)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let code = out.status.code();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(matches!(code, Some(0) | Some(1)), "{what}: exit {code:?}: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(bad_char(&stdout), None, "{what}: control character on stdout: {stdout:?}");
    assert!(!unbalanced_bidi(&stdout), "{what}: unclosed bidi control on stdout: {stdout:?}");
    assert_eq!(bad_char(&stderr), None, "{what}: control character on stderr: {stderr:?}");
    assert!(!unbalanced_bidi(&stderr), "{what}: unclosed bidi control on stderr: {stderr:?}");
    stdout
}

#[cfg(unix)]
#[test]
fn file_names_with_escapes_are_not_printed_raw() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let names: [&[u8]; 4] =
        [b"evil\x1b]0;PWN\x07.txt", "\u{202e}txt.exe".as_bytes(), b"bad\xff\x9b2J.txt", b"nl\nname\r.md"];
    for n in names {
        std::fs::write(
            dir.path().join(std::ffi::OsStr::from_bytes(n)),
            "عنوان\n\nقال الوزير إن الخطة جاهزة.\n",
        )
        .unwrap();
    }
    // An empty file with an escape in its name: its warning names it.
    std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(b"empty\x1b[2J.txt")), "").unwrap();
    let d = dir.path().as_os_str();
    for cmd in ["list", "extract", "render"] {
        let out = run_clean(&format!("{cmd} folder"), dir.path(), &[cmd.as_ref(), d]);
        if cmd == "list" {
            assert!(out.contains("PWN"), "list shows the (defanged) name: {out}");
        }
    }
    for n in names {
        let p = dir.path().join(std::ffi::OsStr::from_bytes(n));
        for cmd in ["render", "list", "extract"] {
            run_clean(&format!("{cmd} {n:?}"), dir.path(), &[cmd.as_ref(), p.as_os_str()]);
        }
    }
}

#[cfg(unix)]
#[test]
fn a_folder_symlink_loop_ends() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("x.txt"), "عنوان\n\nنص الخبر.\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(sub.join("self"), sub.join("self")).unwrap();
    let out = run_clean("list loop", dir.path(), &["list".as_ref(), dir.path().as_os_str()]);
    assert!(out.contains("x.txt"), "{out}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_warning_not_a_failure() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "عنوان\n\nنص.\n").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "عنوان\n\nنص.\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("running as root: chmod 000 does not block reads; skipped");
        return;
    }
    let out = Command::cargo_bin("sahifa").unwrap().arg("list").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("locked.txt") && err.contains("permission denied"), "{err}");
}

/// The full-size case, too slow for a debug build: 50 MB of one Arabic paragraph through
/// `list` and `render` in well under a minute each.
#[cfg(not(debug_assertions))]
#[test]
fn fifty_megabytes_of_arabic_in_release() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in more_fixtures(true).into_iter().filter(|(n, _)| n == "arabic_50mb.txt") {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        for cmd in ["list", "render"] {
            let t = std::time::Instant::now();
            run_clean(cmd, dir.path(), &[cmd.as_ref(), p.as_os_str()]);
            eprintln!("{cmd} 50 MB: {:?}", t.elapsed());
        }
    }
}
