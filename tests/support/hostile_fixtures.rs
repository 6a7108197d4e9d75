//! The hostile fixtures, shared by `tests/hostile.rs` (commands) and `tests/hostile_tui.rs` (the
//! reader). `full` gives the sizes the issue names (20 MB line, 10^6 marks, 50 MB file); without it
//! they are scaled down so debug-build tests stay fast.

#![allow(dead_code)]

/// Scale of the size-based fixtures: small under `cargo test` (debug builds), full when written out.
pub fn fixtures(full: bool) -> Vec<(String, Vec<u8>)> {
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

/// Fixtures added for the loaders' less common paths: compressed bombs, feeds and HTML carrying
/// escapes in titles, links and scripts, legacy encodings whose bytes decode to C1 controls.
pub fn more_fixtures(full: bool) -> Vec<(String, Vec<u8>)> {
    let ar = "قال الوزير إن الحكومة ستعلن خطة جديدة. ";
    let esc_title = "\x1b]0;PWN\x07خبر \x1b[2J عاجل\u{202e}";
    let mut v: Vec<(String, Vec<u8>)> = vec![
        (
            "feed_escapes.rss".into(),
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{esc_title}</title>\
                 <item><title>{esc_title}</title><link>http://x.example/\x1b]8;;http://evil/\x07a</link>\
                 <description>{ar}&#27;[2J &#x9b;31m</description><author>\x1b]52;c;cm0=\x07</author></item>\
                 <item><title>&#x1b;]2;PWN&#x7;عنوان</title><description>{ar}</description></item></channel></rss>"
            )
            .into_bytes(),
        ),
        (
            "atom_escapes.atom".into(),
            format!(
                "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>f</title>\
                 <entry><title>{esc_title}</title><link href=\"\x1b]8;;x\x07\"/><content>{ar}\u{2067}</content></entry></feed>"
            )
            .into_bytes(),
        ),
        (
            "script_escape.html".into(),
            format!(
                "<html><head><title>{esc_title}</title><script>document.write('\x1b]0;PWN\x07')</script>\
                 <style>p{{}}\x1b[2J</style></head><body><h1>{esc_title}</h1><p>{ar}\x1b]8;;http://e/\x1b\\link</p>\
                 <a href=\"javascript:\x1b[2J\">رابط</a><noscript>\x1b[31m</noscript><p>&#27;[2J{ar}&#x202E;</p></body></html>"
            )
            .into_bytes(),
        ),
        (
            "json_lines_escapes.jsonl".into(),
            format!(
                "{}\n{}\n",
                serde_json::json!({"title": esc_title, "body": format!("{ar}\x1b[2J"), "url": "\x1b]8;;x\x07", "source": "\u{9b}2J"}),
                serde_json::json!({"title": "\u{2066}عنوان", "body": ar, "date": "\x1b[31m2024"})
            )
            .into_bytes(),
        ),
        ("cp1256_escape.txt".into(), cp1256(&format!("عنوان\n\n{ar}")).into_iter().chain(*b"\x1b]0;PWN\x07 \x9d\x81").collect()),
        // windows-1252 leaves 0x81 0x8D 0x8F 0x90 0x9D unassigned: decoders map them to C1 controls.
        ("latin_c1.txt".into(), b"Title caf\xe9\n\nBody na\xefve \x81\x8d\x8f\x90\x9d0;PWN\x07 end \xe9t\xe9".to_vec()),
        ("bomb.txt.gz".into(), gzip_bomb(if full { 2000 } else { 3 })),
        ("nested.gz".into(), gzip(&gzip(&gzip(format!("عنوان\n\n{ar}").as_bytes())))),
        ("truncated.gz".into(), gzip(ar.repeat(1000).as_bytes())[..200].to_vec()),
    ];
    if full {
        // 50 MB of one Arabic paragraph repeated: the loader, cleaner and layout must stay linear.
        let para = format!("{}\n\n", ar.repeat(20));
        v.push((
            "arabic_50mb.txt".into(),
            format!("عنوان\n\n{}", para.repeat(50_000_000 / para.len())).into_bytes(),
        ));
    }
    v
}

fn cp1256(s: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1256.encode(s).0.into_owned()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// `members` gzip members of 1 MB of Arabic text each, concatenated: a few KB that inflate to
/// `members` MB (a multi-member stream, as `cat a.gz b.gz` makes).
fn gzip_bomb(members: usize) -> Vec<u8> {
    let one = gzip("ب ".repeat(1 << 18).as_bytes());
    let mut v = gzip("عنوان\n\n".as_bytes());
    for _ in 0..members {
        v.extend_from_slice(&one);
    }
    v
}

/// Content the loaders and the layout once got wrong (issue 13): text starting with `MZ`, UTF-16
/// without a byte order mark, Hangul jamo runs, the Arabic prepended marks U+0600–U+0605, and a
/// Markdown article whose links are `javascript:`, `data:` and `vbscript:`.
pub fn round_two_fixtures() -> Vec<(String, Vec<u8>)> {
    let ar = "قال الوزير إن الحكومة ستعلن خطة جديدة. ";
    let utf16 = |s: &str, le: bool| -> Vec<u8> {
        s.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    };
    vec![
        ("mz_start.txt".into(), format!("MZ عنوان\n\n{ar}").into_bytes()),
        ("utf16le_nobom.txt".into(), utf16(&format!("عنوان\n\n{ar}\n"), true)),
        ("utf16be_nobom.txt".into(), utf16(&format!("عنوان\n\n{ar}\n"), false)),
        (
            "hangul_jamo.txt".into(),
            format!("عنوان\n\n{ar}{} {ar}", "\u{1100}\u{1161}\u{11a8}".repeat(2000)).into_bytes(),
        ),
        (
            "prepended_marks.txt".into(),
            format!("عنوان\n\n\u{600}\u{601}\u{602}\u{603}\u{604}\u{605}١٢٣ {ar}{}", "\u{600}".repeat(500))
                .into_bytes(),
        ),
        (
            "links.md".into(),
            format!(
                "# عنوان\n\n{ar} [أ](javascript:alert(1)) <javascript:alert(2)> [ب](data:text/html,x) \
                 [ج](VBScript:msgbox) [د](  jav&#x09;ascript:alert(3))\n"
            )
            .into_bytes(),
        ),
    ]
}

/// Entries a folder walk must survive, named with escape sequences and a newline that would forge
/// a `sahifa:` line: a symbolic link loop, a dangling link, a named pipe, a link into `/proc`, and
/// a folder the user cannot read (chmod 000; root reads it anyway). Unix only.
#[cfg(unix)]
pub fn special_entries(dir: &std::path::Path) {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let name = |s: &[u8]| dir.join(OsStr::from_bytes(s));
    let lp = name(b"loop\x1b]0;PWN\x07");
    std::os::unix::fs::symlink(&lp, &lp).unwrap();
    std::os::unix::fs::symlink("/nonexistent\x1b]0;PWN\x07", name(b"dangling\x1b]0;PWN\x07\nsahifa: forged"))
        .unwrap();
    std::os::unix::fs::symlink("/proc/self", name(b"proc\x1b]0;PWN\x07")).unwrap();
    let fifo = name(b"fifo\x1b]0;PWN\x07.txt");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    let locked = name(b"locked\x1b]0;PWN\x07");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("a.txt"), "عنوان\n\nنص.\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
}
