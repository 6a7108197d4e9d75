//! Hostile input through every command and the reader: escape sequences of every kind, bidi
//! overrides, invalid UTF-8, pathological sizes and nesting. Nothing may panic, hang, or let a control
//! character or an unclosed bidi override from an article reach the output.
//!
//! `SAHIFA_WRITE_HOSTILE=DIR cargo test --test hostile` also writes the fixtures to DIR (for
//! `../shared/tools/hostile_check.py`).

use std::path::Path;

use assert_cmd::Command;

/// Scale of the size-based fixtures: small under `cargo test` (debug builds), full when written out.
fn fixtures(full: bool) -> Vec<(String, Vec<u8>)> {
    let big = if full { 20_000_000 } else { 2_000_000 };
    let marks = if full { 1_000_000 } else { 200_000 };
    let depth = 100_000;
    let ar = "قال الوزير إن الحكومة ستعلن خطة جديدة. ";
    let mut v: Vec<(String, Vec<u8>)> = vec![
        (
            "osc_title.txt".into(),
            format!("\x1b]0;PWN title\x07عنوان\n\n{ar}\x1b]2;PWN again\x1b\\ نص").into_bytes(),
        ),
        ("osc52_clipboard.txt".into(), format!("عنوان\n\n{ar}\x1b]52;c;cm0gLXJmIH4=\x07").into_bytes()),
        (
            "osc8_link.txt".into(),
            format!("عنوان\n\n\x1b]8;;http://evil.example/\x1b\\اضغط هنا\x1b]8;;\x1b\\ {ar}").into_bytes(),
        ),
        (
            "csi_clear.txt".into(),
            format!("\x1b[2J\x1b[H\x1b[3J عنوان\n\n{ar}\x1b[31m أحمر \x1b[0m").into_bytes(),
        ),
        (
            "csi_huge_params.txt".into(),
            format!(
                "عنوان\n\n\x1b[99999999999999999999;99999999999999999999H{ar}\x1b[{}m",
                "9;".repeat(10_000)
            )
            .into_bytes(),
        ),
        (
            "c1_controls.txt".into(),
            format!("عنوان\u{9b}2J\n\n{ar}\u{85}\u{90}PWN\u{9c}\u{9d}0;PWN\u{9c}").into_bytes(),
        ),
        (
            "raw_c1_bytes.txt".into(),
            [b"title \x9b2J \x9d0;PWN\x07\n\nbody \x1b[2J".as_slice(), &[0x80, 0x9f, 0x7f]].concat(),
        ),
        ("nul_del.txt".into(), format!("عنوان\0\n\n{ar}\x7f\0\x08\x0b\x0c\r").into_bytes()),
        (
            "trojan_rlo.txt".into(),
            format!("عنوان \u{202e}مقلوب\n\n{ar}\u{202e}abc\u{202d}def\u{202b}x\u{202a}y").into_bytes(),
        ),
        (
            "isolates.txt".into(),
            format!("\u{2067}عنوان\u{2066}\n\n{ar}\u{2068}abc \u{2069}\u{2069}\u{2067}").into_bytes(),
        ),
        (
            "invalid_utf8.txt".into(),
            [
                b"\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86\n\n\xff\xfe\xed\xa0\x80\xc3".as_slice(),
                ar.as_bytes(),
                b"\xe2\x82",
            ]
            .concat(),
        ),
        (
            "surrogates.json".into(),
            r#"{"title": "\ud800 عنوان", "body": "\udfff نص \u001b[2J \u202e"}"#.as_bytes().to_vec(),
        ),
        ("combining_flood.txt".into(), format!("عنوان\n\nب{}", "\u{64e}".repeat(marks)).into_bytes()),
        ("long_line.txt".into(), format!("عنوان\n\n{}", ar.repeat(big / ar.len())).into_bytes()),
        ("long_word.txt".into(), format!("عنوان\n\n{}", "ب".repeat(big / 20)).into_bytes()),
        (
            "nested.html".into(),
            format!("<html><body>{}<p>نص</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth))
                .into_bytes(),
        ),
        ("billion_laughs.xml".into(), laughs().into_bytes()),
        ("nested.json".into(), format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()),
        (
            "nested_obj.json".into(),
            format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth)).into_bytes(),
        ),
        ("empty.txt".into(), vec![]),
        ("binary.bin".into(), (0..=255u8).cycle().take(4096).collect()),
        ("only_controls.txt".into(), b"\x1b\x1b\x1b[\x1b]\x07\x00\x01".to_vec()),
    ];
    v.push((
        "mixed.md".into(),
        format!("# \x1b]0;PWN\x07عنوان\n\n**{ar}** [رابط](javascript:alert(1)) \u{202e}").into_bytes(),
    ));
    v
}

fn laughs() -> String {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        s.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    s.push_str("]>\n<rss version=\"2.0\"><channel><title>x</title><item><title>&lol9;</title><description>نص</description></item></channel></rss>\n");
    s
}

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
    for (name, bytes) in fixtures(full) {
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
