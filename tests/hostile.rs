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
use fixtures::{fixtures, more_fixtures, round_two_fixtures};

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
    for (name, bytes) in fixtures(full).into_iter().chain(more_fixtures(full)).chain(round_two_fixtures()) {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn every_command_survives_every_hostile_file_and_leaks_nothing() {
    if let Some(d) = std::env::var_os("SAHIFA_WRITE_HOSTILE") {
        std::fs::create_dir_all(&d).unwrap();
        write_all(Path::new(&d), true);
        #[cfg(unix)]
        if std::fs::read_dir(&d)
            .unwrap()
            .all(|e| !e.unwrap().file_name().to_string_lossy().starts_with("fifo"))
        {
            fixtures::special_entries(Path::new(&d));
        }
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
            if args[0] == "render" {
                // Columns as a terminal counts them (wcwidth per character).
                for l in stdout.lines() {
                    let cols: usize =
                        l.chars().map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).sum();
                    assert!(cols <= 80, "{what}: a row of {cols} columns: {l:?}");
                }
            }
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

/// Every line a command writes on stderr is one of its own `sahifa: …` lines: a newline in a file
/// name cannot forge another.
fn assert_own_lines(what: &str, stderr: &str) {
    for l in stderr.lines() {
        assert!(l.starts_with("sahifa: "), "{what}: forged or foreign stderr line {l:?} in {stderr:?}");
    }
}

fn sahifa(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("sahifa").unwrap();
    c.env("SAHIFA_DATA_DIR", dir).timeout(std::time::Duration::from_secs(60));
    c
}

/// The one boundary: no module but `src/report.rs` writes to stderr (the reader draws through
/// ratatui, whose labels go through the same `text::sanitize`), so every message type (walk and
/// load warnings, errors, the panic line, progress) is sanitised in one place.
#[test]
fn every_message_is_printed_through_the_one_boundary() {
    fn rs_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                rs_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    rs_files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    assert!(files.len() > 50, "the sources are found");
    for f in files {
        if f.ends_with("src/report.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let writes =
                code.contains("eprint") || (code.contains("io::stderr()") && !code.contains("is_terminal"));
            assert!(!writes, "{}:{}: prints to stderr outside src/report.rs: {line}", f.display(), n + 1);
        }
    }
}

/// The walk's own warnings (link loop, dangling link, named pipe, link into /proc, unreadable
/// folder) name entries whose names hold `ESC ] 0 ; … BEL` and a newline followed by a fake
/// `sahifa:` line: `render`, `list` and `extract` print them defanged, one line each.
#[cfg(unix)]
#[test]
fn walk_warnings_about_hostile_names_are_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("ok.txt"), "عنوان\n\nقال الوزير إن الخطة جاهزة.\n").unwrap();
    fixtures::special_entries(&root);
    for cmd in ["list", "extract", "render"] {
        let out = sahifa(dir.path()).arg(cmd).arg(&root).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{cmd}: {stderr}");
        assert_eq!(bad_char(&stderr), None, "{cmd}: control character on stderr: {stderr:?}");
        assert_own_lines(cmd, &stderr);
        for why in ["symbolic link loop", "dangling symbolic link", "named pipe (FIFO)", "system folder"] {
            assert!(stderr.contains(why), "{cmd}: no {why:?} warning: {stderr}");
        }
        assert!(stderr.contains("dangling]0;PWN sahifa: forged"), "{cmd}: the name, defanged: {stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(bad_char(&stdout), None, "{cmd}: control character on stdout");
        if std::fs::read_dir(root.join(std::ffi::OsStr::new("locked\x1b]0;PWN\x07"))).is_err() {
            assert!(stderr.contains("cannot open folder: permission denied"), "{cmd}: {stderr}");
        }
    }
    use std::os::unix::fs::PermissionsExt;
    let locked = root.join("locked\x1b]0;PWN\x07");
    std::fs::set_permissions(locked, std::fs::Permissions::from_mode(0o700)).unwrap();
}

/// Errors (exit 1) name the file too: a hostile name given on the command line.
#[cfg(unix)]
#[test]
fn errors_naming_hostile_paths_are_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone\x1b]0;PWN\x07\nsahifa: forged.txt");
    for cmd in ["render", "list", "extract", "actors", "search"] {
        let mut c = sahifa(dir.path());
        c.arg(cmd);
        if cmd == "search" {
            c.arg("x");
        }
        let out = c.arg(&missing).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {stderr}");
        assert_eq!(bad_char(&stderr), None, "{cmd}: {stderr:?}");
        assert_own_lines(cmd, &stderr);
        assert!(stderr.contains("no such file"), "{cmd}: {stderr}");
    }
}

/// clap's usage errors repeat the argument typed: made safe too.
#[test]
fn usage_errors_repeating_a_hostile_argument_are_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let out = sahifa(dir.path()).args(["list", "--\x1b]0;PWN\x07\nsahifa: forged"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(bad_char(&stderr), None, "{stderr:?}");
    assert!(stderr.contains("]0;PWN sahifa: forged"), "{stderr}");
}

/// A named pipe or a device given as PATH is reported and skipped, never read: no command blocks
/// on a FIFO nobody writes to, and /dev/zero or /dev/urandom do not fill the memory.
#[cfg(unix)]
#[test]
fn pipes_and_devices_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for path in [fifo.as_path(), Path::new("/dev/zero"), Path::new("/dev/urandom")] {
        for cmd in ["render", "list", "extract"] {
            let t = std::time::Instant::now();
            let out = sahifa(dir.path())
                .timeout(std::time::Duration::from_secs(20))
                .arg(cmd)
                .arg(path)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{cmd} {}: {stderr}", path.display());
            assert!(stderr.contains("not a regular file: skipped"), "{cmd}: {stderr}");
            assert!(stderr.lines().count() <= 2, "{stderr}");
            assert!(t.elapsed() < std::time::Duration::from_secs(15), "{cmd} took {:?}", t.elapsed());
        }
    }
}

/// Past the size limit a file is skipped with a warning that says how to raise it; a 2 GB sparse
/// file is refused from its size, never read; stdin (like a file growing while read) is cut off
/// at the limit, never held whole.
#[cfg(unix)]
#[test]
fn the_size_limit_per_file_is_kept_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "قال الوزير إن الخطة جاهزة.\n".repeat(60_000)).unwrap(); // 2.8 MB
    let out = sahifa(dir.path()).args(["list", "--max-file-size", "1"]).arg(&big).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("2.7 MB, over the 1 MB limit per file: skipped (--max-file-size MB raises it)"),
        "{stderr}"
    );
    let ok = sahifa(dir.path()).args(["list", "--max-file-size", "3"]).arg(&big).output().unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));

    let sparse = dir.path().join("sparse.txt");
    std::fs::File::create(&sparse).unwrap().set_len(2 << 30).unwrap();
    let t = std::time::Instant::now();
    let out = sahifa(dir.path()).arg("list").arg(&sparse).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2048 MB, over the 64 MB limit per file"), "{stderr}");
    assert!(t.elapsed() < std::time::Duration::from_secs(10), "{:?}", t.elapsed());

    let out = sahifa(dir.path())
        .args(["list", "--max-file-size", "1", "-"])
        .write_stdin("قال الوزير إن الخطة جاهزة.\n".repeat(60_000))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("-: more than the 1 MB limit per file (or grew past it while read): skipped"),
        "{stderr}"
    );
}

/// A link to a folder outside the one given (`/etc` here) is reported and not walked;
/// `--follow-links` follows links out of the folder, but never into /proc.
#[cfg(unix)]
#[test]
fn a_walk_stays_inside_its_folder_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    let outside = dir.path().join("outside");
    std::fs::create_dir(&root).unwrap();
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(root.join("in.txt"), "عنوان\n\nنص في الداخل.\n").unwrap();
    std::fs::write(outside.join("out.txt"), "عنوان\n\nنص في الخارج.\n").unwrap();
    std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
    std::os::unix::fs::symlink("/", root.join("slash")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("outside")).unwrap();
    std::os::unix::fs::symlink("/proc/self", root.join("self")).unwrap();
    std::os::unix::fs::symlink(root.join("in.txt"), root.join("inner-link.txt")).unwrap();
    let out = sahifa(dir.path()).args(["list", "--format", "json"]).arg(&root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let files: Vec<String> = serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout)
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files.len(), 2, "in.txt and the link to it inside the folder: {files:?}");
    assert!(files.iter().all(|f| f.ends_with("in.txt") || f.ends_with("inner-link.txt")), "{files:?}");
    for l in ["etc", "slash", "outside"] {
        assert!(stderr.contains(&format!("{l}: symbolic link out of the folder")), "{l}: {stderr}");
    }
    assert!(stderr.contains("(--follow-links follows it)"), "{stderr}");
    assert!(stderr.contains("self: symbolic link to a system folder"), "{stderr}");

    std::fs::remove_file(root.join("etc")).unwrap();
    std::fs::remove_file(root.join("slash")).unwrap();
    let out =
        sahifa(dir.path()).args(["list", "--follow-links", "--format", "json"]).arg(&root).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("out.txt"), "followed: {text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("system folder"), "never /proc");
}

// The state file, attacked.

const ART: &str = "0123456789abcdef";

fn state_dir() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    (dir, data)
}

/// `state.json` → another program's JSON (an editor's settings): the target is never rewritten
/// nor chmodded; the link is moved aside with a report and sahifa writes its own file.
#[cfg(unix)]
#[test]
fn a_state_file_linked_to_foreign_json_is_not_rewritten() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, data) = state_dir();
    let settings = dir.path().join("settings.json");
    let original = "{\"editor.fontSize\": 14}\n";
    std::fs::write(&settings, original).unwrap();
    std::fs::set_permissions(&settings, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink(&settings, data.join("state.json")).unwrap();
    let (mut store, warnings) = sahifa::store::Store::open(Some(data.clone()));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("not a sahifa state file"), "{warnings:?}");
    store.set_read(ART, true);
    store.save().unwrap();
    assert_eq!(std::fs::read_to_string(&settings).unwrap(), original);
    assert_eq!(std::fs::metadata(&settings).unwrap().permissions().mode() & 0o777, 0o644);
    let own = std::fs::symlink_metadata(data.join("state.json")).unwrap();
    assert!(own.file_type().is_file(), "sahifa's own file now");
    assert!(sahifa::store::Store::open(Some(data)).0.is_read(ART));
}

/// A link to a state file of sahifa's own (a dotfiles repository) is still followed.
#[cfg(unix)]
#[test]
fn a_state_file_linked_to_sahifas_own_is_followed() {
    let (dir, data) = state_dir();
    let kept = dir.path().join("kept-state.json");
    std::fs::write(&kept, format!("{{\"version\":2,\"articles\":{{\"{ART}\":{{\"starred\":true}}}}}}"))
        .unwrap();
    std::os::unix::fs::symlink(&kept, data.join("state.json")).unwrap();
    let (mut store, warnings) = sahifa::store::Store::open(Some(data.clone()));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(store.is_starred(ART));
    store.set_read(ART, true);
    store.save().unwrap();
    assert!(std::fs::symlink_metadata(data.join("state.json")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&kept).unwrap().contains("\"read\": true"));
}

/// A FIFO as `state.json` does not block the start or a save.
#[cfg(unix)]
#[test]
fn a_fifo_as_state_file_does_not_block() {
    let (_dir, data) = state_dir();
    let c = std::ffi::CString::new(data.join("state.json").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (tx, rx) = std::sync::mpsc::channel();
    let d = data.clone();
    std::thread::spawn(move || {
        let (mut store, warnings) = sahifa::store::Store::open(Some(d));
        store.set_read(ART, true);
        let saved = store.save();
        let _ = tx.send((warnings, saved.is_ok()));
    });
    let (warnings, saved) =
        rx.recv_timeout(std::time::Duration::from_secs(20)).expect("no blocking on a FIFO");
    assert!(warnings.iter().any(|w| w.contains("not a regular file")), "{warnings:?}");
    assert!(saved);
    assert!(sahifa::store::Store::open(Some(data)).0.is_read(ART));
}

/// A UTF-8 byte order mark (added by an editor) is not damage: the marks stay where they are.
#[test]
fn a_state_file_with_a_bom_is_read() {
    let (_dir, data) = state_dir();
    let text = format!("\u{feff}{{\"version\":2,\"articles\":{{\"{ART}\":{{\"starred\":true}}}}}}");
    std::fs::write(data.join("state.json"), text).unwrap();
    let (store, warnings) = sahifa::store::Store::open(Some(data.clone()));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(store.is_starred(ART));
    let names: Vec<_> = std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!names.iter().any(|n| n.to_string_lossy().contains("damaged")), "{names:?}");
}

/// A duplicate `"articles"` key would drop the first one's marks silently: it is damage, reported,
/// and the file is kept aside whole.
#[test]
fn a_duplicate_key_in_the_state_file_is_damage_reported() {
    let (_dir, data) = state_dir();
    let text = format!("{{\"version\":2,\"articles\":{{\"{ART}\":{{\"starred\":true}}}},\"articles\":{{}}}}");
    std::fs::write(data.join("state.json"), &text).unwrap();
    let (_store, warnings) = sahifa::store::Store::open(Some(data.clone()));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("duplicate key \"articles\""), "{warnings:?}");
    let aside: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("damaged"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), text, "kept whole");
}

// Smaller findings.

/// Text that starts with the letters `MZ`, and UTF-16 without a byte order mark, are text.
#[test]
fn mz_text_and_bomless_utf16_load_as_text() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in
        round_two_fixtures().into_iter().filter(|(n, _)| n.starts_with("mz") || n.contains("nobom"))
    {
        let p = dir.path().join(&name);
        std::fs::write(&p, bytes).unwrap();
        let out = sahifa(dir.path()).args(["list", "--format", "json"]).arg(&p).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(rows.len(), 1, "{name}");
        assert!(rows[0]["title"].as_str().unwrap().contains("عنوان"), "{name}: {rows:?}");
        if name.contains("nobom") {
            assert!(rows[0]["encoding"].as_str().unwrap().starts_with("UTF-16"), "{name}: {rows:?}");
        }
    }
}

/// `render --width` refuses 0 and absurd widths at once, with clap's clear message.
#[test]
fn absurd_render_widths_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for w in ["0", "18446744073709551615", "10001", "4097"] {
        let t = std::time::Instant::now();
        let out = sahifa(dir.path()).args(["render", "--width", w]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{w}: {stderr}");
        // (One validator for every command: 1 to 4096 cells, clap's "invalid value" line.)
        assert!(stderr.contains("invalid value") && stderr.contains("--width"), "{w}: {stderr}");
        assert!(t.elapsed() < std::time::Duration::from_secs(10));
    }
    let out = sahifa(dir.path())
        .args(["list", "--bidi", "visual", "--width", "18446744073709551615"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = sahifa(dir.path()).args(["render", "--width", "4096"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// The Markdown export never makes a link of a `javascript:`, `data:` or `vbscript:` address.
#[test]
fn the_markdown_export_links_only_web_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let body = "قال الوزير إن الخطة جاهزة.";
    let items: Vec<String> = [
        "javascript:alert(1)",
        "JaVa\tScRipt:alert(2)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox",
        "https://example.com/ok",
    ]
    .iter()
    .enumerate()
    .map(|(i, u)| serde_json::json!({"title": format!("عنوان {i}"), "body": body, "url": u}).to_string())
    .collect();
    let p = dir.path().join("links.jsonl");
    std::fs::write(&p, items.join("\n")).unwrap();
    let out = sahifa(dir.path()).args(["export", "--format", "markdown"]).arg(&p).output().unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(md.contains("- Link: <https://example.com/ok>"), "{md}");
    for bad in ["javascript:", "data:", "vbscript:"] {
        for line in md.lines().filter(|l| l.to_ascii_lowercase().replace(['\t', ' '], "").contains(bad)) {
            assert!(line.starts_with("- Link (not a web address, not linked): `"), "{line}");
            // Inside a code span nothing is markup: no autolink, no inline link.
            assert!(
                !line.to_ascii_lowercase().contains(&format!("<{bad}")) && !line.contains("]("),
                "{line}"
            );
        }
    }
    assert_eq!(md.matches("not a web address").count(), 4, "{md}");
}
