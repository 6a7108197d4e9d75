//! The text formats of `list`, `search`, `actors` and `extract` from outside. Into a pipe they print
//! logical text, byte for byte what they always printed (rebuilt here from the JSON with the old
//! format strings); `--bidi visual` lays every Arabic field out with the library's own engine.

use std::path::PathBuf;

use assert_cmd::Command;
use sahifa::text::{LayoutOptions, layout, str_width};
use serde_json::Value;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library").join(name);
    p.to_string_lossy().into_owned()
}

/// stdout of a successful run.
fn run(args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = Command::cargo_bin("sahifa").expect("binary");
    cmd.args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

fn json(args: &[&str]) -> Vec<Value> {
    let v: Value = serde_json::from_str(&run(args, None)).expect("JSON");
    v.as_array().cloned().unwrap_or_default()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// A field as the engine lays it out on one unlimited row: visual order, shaped.
fn visual(field: &str) -> String {
    let opts = LayoutOptions { width: 1 << 20, ..LayoutOptions::default() };
    layout(field, &[], &opts).into_iter().next().map(|r| r.text).unwrap_or_default()
}

/// Arabic presentation forms (what shaping produces).
fn shaped(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// The line cut after `cells` display cells.
fn split_at_cells(line: &str, cells: usize) -> (&str, &str) {
    let mut w = 0;
    for (i, c) in line.char_indices() {
        if w >= cells && c.width() != Some(0) {
            return line.split_at(i);
        }
        w += c.width().unwrap_or(0);
    }
    (line, "")
}

const COMMANDS: [&[&str]; 5] = [
    &["list"],
    &["search", "أذربيجان"],
    &["search", "\"نيكول باشينيان\""],
    &["actors"],
    &["extract", "--format", "text"],
];

#[test]
fn into_a_pipe_the_default_is_logical_and_bidi_logical_forces_it() {
    for args in COMMANDS {
        let default = run(args, None);
        let logical = run(&[args, &["--bidi", "logical"]].concat(), None);
        let forced = run(&[args, &["--bidi", "visual"]].concat(), None);
        assert_eq!(default, logical, "{args:?}");
        assert!(!shaped(&default), "{args:?} is shaped into a pipe");
        assert!(shaped(&forced), "{args:?} --bidi visual is not shaped");
        assert_ne!(default, forced, "{args:?}");
        // JSON never changes.
        if args[0] != "extract" {
            let j = |extra: &[&str]| run(&[args, &["--format", "json"], extra].concat(), None);
            assert_eq!(j(&[]), j(&["--bidi", "visual"]), "{args:?}");
        }
    }
    let j = |extra: &[&str]| run(&[&["extract"], extra].concat(), None);
    assert_eq!(j(&[]), j(&["--bidi", "visual", "--width", "40"]));
}

#[test]
fn list_into_a_pipe_is_the_table_it_always_was() {
    let paths = [fixture("feed-rss.xml"), fixture("page.html"), fixture("items.json")];
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let rows = json(&[&["list", "--format", "json"], &paths[..]].concat());
    assert!(rows.len() >= 4 && rows.iter().all(|r| !s(&r["title"]).is_empty()));
    // The old table: columns padded by unicode-width, numbers right-aligned, the title last, unpadded.
    let mut cells: Vec<[String; 6]> =
        vec![["FILE", "#", "FORMAT", "ENCODING", "PARAS", "WORDS"].map(String::from)];
    let mut titles = vec!["TITLE".to_string()];
    for r in &rows {
        cells.push([
            s(&r["file"]).into(),
            r["index"].to_string(),
            s(&r["format"]).into(),
            s(&r["encoding"]).into(),
            r["paragraphs"].to_string(),
            r["words"].to_string(),
        ]);
        titles.push(s(&r["title"]).into());
    }
    let widths: Vec<usize> = (0..6).map(|i| cells.iter().map(|c| c[i].width()).max().unwrap_or(0)).collect();
    let mut want = String::new();
    for (c, t) in cells.iter().zip(&titles) {
        for (i, cell) in c.iter().enumerate() {
            let pad = " ".repeat(widths[i] - cell.width());
            if matches!(i, 1 | 4 | 5) {
                want += &format!("{pad}{cell}  ");
            } else {
                want += &format!("{cell}{pad}  ");
            }
        }
        want += &format!("{t}\n");
    }
    assert_eq!(run(&[&["list"], &paths[..]].concat(), None), want);
}

#[test]
fn search_into_a_pipe_is_tab_separated_as_it_always_was() {
    for q in ["أذربيجان", "\"نيكول باشينيان\""] {
        let rows = json(&["search", "--format", "json", q]);
        assert!(!rows.is_empty());
        let want: String = rows
            .iter()
            .map(|r| {
                let (f, t, sn) = (s(&r["file"]), s(&r["title"]), s(&r["snippet"]));
                format!("{f}\t{}\t{t}\t{}\t{sn}\n", r["index"], r["hits"])
            })
            .collect();
        assert_eq!(run(&["search", q], None), want);
    }
}

#[test]
fn actors_into_a_pipe_is_the_report_it_always_was() {
    let mut want = String::new();
    for a in json(&["actors", "--format", "json"]) {
        let list = |k: &str| a[k].as_array().cloned().unwrap_or_default();
        want += &format!(
            "{}\t{}\t{} mentions\t{} articles\t{} quotes\n",
            s(&a["name"]),
            s(&a["kind"]),
            a["mentions"],
            list("articles").len(),
            list("quotes").len()
        );
        let aliases: Vec<&str> =
            a["aliases"].as_array().map(|v| v.iter().map(s).collect()).unwrap_or_default();
        if !aliases.is_empty() {
            want += &format!("  aliases: {}\n", aliases.join("، "));
        }
        for x in list("articles") {
            want += &format!("  article: {} #{}  {}\n", s(&x["file"]), x["index"], s(&x["title"]));
        }
        for q in list("quotes") {
            want += &format!(
                "  quote ({}, {} #{}): «{}»\n",
                s(&q["kind"]),
                s(&q["file"]),
                q["index"],
                s(&q["text"])
            );
        }
    }
    assert_eq!(run(&["actors"], None), want);
}

#[test]
fn extract_text_into_a_pipe_is_the_report_it_always_was() {
    let mut want = String::new();
    for a in json(&["extract"]) {
        let list = |k: &str| a[k].as_array().cloned().unwrap_or_default();
        want += &format!("== {} — {}\n", s(&a["file"]), s(&a["title"]));
        want += &format!("Actors ({}):\n", list("actors").len());
        for ac in list("actors") {
            let aliases: Vec<&str> =
                ac["aliases"].as_array().map(|v| v.iter().map(s).collect()).unwrap_or_default();
            let n = ac["mentions"].as_array().map_or(0, Vec::len);
            want += &format!("  {} [{}] ×{n}  ({})\n", s(&ac["name"]), s(&ac["kind"]), aliases.join("، "));
        }
        // Headline quotes (JSON `headline_quotes`) come first in the report, marked as such.
        let quotes: Vec<(Value, &str)> = list("headline_quotes")
            .into_iter()
            .map(|q| (q, ", headline"))
            .chain(list("quotes").into_iter().map(|q| (q, "")))
            .collect();
        want += &format!("Quotes ({}):\n", quotes.len());
        for (q, place) in quotes {
            // An unnamed source (speaker null) is shown by its description, marked as such.
            let who = match (q["speaker"].as_str(), q["source"].as_str()) {
                (Some(name), _) => name.to_string(),
                (None, Some(source)) => format!("{source} (anonymous)"),
                (None, None) => "?".to_string(),
            };
            want += &format!("  [{}{place}] {who}: «{}»\n", s(&q["kind"]), s(&q["text"]).replace('\n', " "));
        }
        want += "\n";
    }
    assert_eq!(run(&["extract", "--format", "text"], None), want);
}

#[test]
fn list_visual_golden() {
    let input = "السلام عليكم\nقال الوزير إن الاتفاق نهائي وسيوقع غدا في العاصمة.\n";
    // Written out by hand: words right to left, each letter in its joining form, lam-alef joined.
    let want = "FILE  #  FORMAT  ENCODING  PARAS  WORDS  TITLE\n\
                -     0  text    UTF-8         1     11  \u{FEE2}\u{FEDC}\u{FEF4}\u{FEE0}\u{FECB} \u{FEE1}\u{FEFC}\u{FEB4}\u{FEDF}\u{FE8D}\n";
    assert_eq!(run(&["list", "--bidi", "visual", "-"], Some(input)), want);
    assert!(want.ends_with(&format!("{}\n", visual("السلام عليكم"))));
    // Unshaped: reversed letters, no presentation forms.
    let plain = run(&["list", "--bidi", "visual", "--no-shape", "-"], Some(input));
    assert!(plain.ends_with("  مكيلع مالسلا\n"), "{plain}");
    // The explicit logical order prints the title as stored.
    let logical = run(&["list", "--bidi", "logical", "-"], Some(input));
    assert!(logical.ends_with("  السلام عليكم\n"), "{logical}");
}

/// The display column where the title starts, from the header.
fn title_column(table: &str) -> usize {
    let header = table.lines().next().unwrap_or_default();
    str_width(&header[..header.find("TITLE").unwrap_or(0)])
}

#[test]
fn list_visual_titles_are_laid_out_and_the_columns_stay_aligned() {
    let rows = json(&["list", "--format", "json"]);
    let table = run(&["list", "--bidi", "visual"], None);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), rows.len() + 1);
    let col = title_column(&table);
    let mut rtl_widths = Vec::new();
    for (line, r) in lines[1..].iter().zip(&rows) {
        // What the terminal gets is measured the same by unicode-width and by the engine.
        assert_eq!(line.width(), str_width(line), "{line}");
        let (prefix, title) = split_at_cells(line, col);
        assert_eq!(str_width(prefix), col, "{line}");
        assert!(prefix.starts_with(s(&r["file"])) && prefix.ends_with("  "), "{line}");
        if !s(&r["title"]).is_empty() {
            assert_eq!(title.trim_start(), visual(s(&r["title"])), "{line}");
            rtl_widths.push(str_width(line));
        }
    }
    // Right-to-left titles end at one right edge.
    assert!(rtl_widths.len() >= 4 && rtl_widths.windows(2).all(|w| w[0] == w[1]), "{table}");
}

#[test]
fn list_visual_wraps_titles_into_the_width() {
    let table = run(&["list", "--bidi", "visual", "--width", "90"], None);
    let col = title_column(&table);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines.len() > 6, "titles wrap: {table}");
    for line in &lines {
        assert!(str_width(line) <= 90, "{line}");
        let (prefix, rest) = split_at_cells(line, col);
        assert_eq!(str_width(prefix), col);
        assert!(!rest.is_empty());
        if prefix.trim().is_empty() {
            // A continuation row: right-aligned like the row above.
            assert!(shaped(rest), "{line}");
        }
    }
    // Rebuilt from its rows, a title reads as the engine wraps it.
    let first_title = "أذربيجان تشن هجوماً على ناغورنو كاراباخ وتعلن عن \"إجلاء\" السكان الأرمن";
    let room = 90 - col;
    let opts = LayoutOptions { width: room, ..LayoutOptions::default() };
    let want: Vec<String> = layout(first_title, &[], &opts).into_iter().map(|r| r.text).collect();
    let got: Vec<&str> =
        lines[1..=want.len()].iter().map(|l| split_at_cells(l, col).1.trim_start()).collect();
    assert_eq!(got, want);
}

#[test]
fn search_visual_lays_out_titles_and_snippets_in_aligned_columns() {
    let rows = json(&["search", "--format", "json", "أذربيجان"]);
    let out = run(&["search", "--bidi", "visual", "أذربيجان"], None);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), rows.len());
    let mut title_ends = Vec::new();
    for (line, r) in lines.iter().zip(&rows) {
        assert!(line.starts_with(s(&r["file"])) && !line.contains('\t'), "{line}");
        assert!(line.ends_with(&visual(s(&r["snippet"]))), "{line}");
        if !s(&r["title"]).is_empty() {
            let t = visual(s(&r["title"]));
            let end = line.find(&t).map(|i| i + t.len()).unwrap_or_default();
            title_ends.push(str_width(&line[..end]));
        }
    }
    assert!(title_ends.len() >= 2 && title_ends.windows(2).all(|w| w[0] == w[1]), "{out}");
    // Narrow lines: titles are cut with an ellipsis at their logical end, snippets wrap.
    let narrow = run(&["search", "--bidi", "visual", "--width", "100", "أذربيجان"], None);
    assert!(narrow.lines().all(|l| str_width(l) <= 100), "{narrow}");
    assert!(narrow.lines().count() > rows.len());
    assert!(narrow.contains('…'));
}

#[test]
fn actors_visual_shows_names_titles_and_quotes_laid_out() {
    let all = json(&["actors", "--format", "json"]);
    let out = run(&["actors", "--bidi", "visual"], None);
    let heads: Vec<&str> = out.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(heads.len(), all.len());
    for (head, a) in heads.iter().zip(&all) {
        assert!(head.starts_with(&visual(s(&a["name"]))), "{head}");
    }
    // Head lines are columns: the kind starts at the same cell everywhere.
    let kind_at: Vec<usize> = heads
        .iter()
        .zip(&all)
        .map(|(h, a)| str_width(&h[..h.find(&format!("  {}  ", s(&a["kind"]))).unwrap_or(0)]))
        .collect();
    assert!(kind_at.windows(2).all(|w| w[0] == w[1]), "{kind_at:?}");
    let first = &all[0];
    let title = s(&first["articles"][0]["title"]);
    assert!(out.contains(&format!(" #0  {}\n", visual(title))));
    let quote = s(&first["quotes"][0]["text"]);
    assert!(out.contains(&format!("): {}\n", visual(&format!("«{quote}»")))));
}

#[test]
fn extract_visual_shows_titles_names_and_quotes_laid_out() {
    let arts = json(&["extract"]);
    let out = run(&["extract", "--format", "text", "--bidi", "visual"], None);
    let a = &arts[0];
    assert!(out.starts_with(&format!("== {} — {}\n", s(&a["file"]), visual(s(&a["title"])))));
    let ac = &a["actors"][0];
    assert!(out.contains(&format!("\n  {} [{}] ×", visual(s(&ac["name"])), s(&ac["kind"]))));
    let q = a["quotes"].as_array().and_then(|qs| qs.iter().find(|q| q["speaker"].is_string()));
    let q = q.expect("a quote with a speaker");
    let line = format!(
        "  [{}] {}: {}\n",
        s(&q["kind"]),
        visual(s(&q["speaker"])),
        visual(&format!("«{}»", s(&q["text"])))
    );
    assert!(out.contains(&line), "{line}");
    let narrow = run(&["extract", "--format", "text", "--bidi", "visual", "--width", "60"], None);
    assert!(narrow.lines().all(|l| str_width(l) <= 60), "{narrow}");
}

#[test]
fn hostile_text_sends_no_control_sequence_in_visual_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("a.txt");
    let text = "عنوان\u{1b}[31m أحمر \u{202E}مقلوب\u{202C}\nوقال الوزير علي حسن: «هذا\u{7} يوم \u{9b}2J جيد للجميع هنا».\n";
    std::fs::write(&p, text).expect("write");
    let p = p.to_string_lossy().into_owned();
    for args in [&["list"][..], &["search", "الوزير"], &["actors"], &["extract", "--format", "text"]] {
        // (--width=0 is refused now: tests/cli_bounds.rs.)
        for w in ["--width=1", "--width=30", "--width=200"] {
            let out = run(&[args, &["--bidi", "visual", w, &p]].concat(), None);
            let bad = |c: char| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            };
            assert!(!out.chars().any(bad), "{args:?} {w}: {out:?}");
            assert!(shaped(&out), "{args:?}: {out}");
        }
    }
}

#[test]
fn help_documents_the_display_flags() {
    for cmd in ["list", "search", "actors", "extract"] {
        let help = run(&[cmd, "--help"], None);
        for want in ["--bidi <BIDI>", "auto", "visual", "logical", "--no-shape", "--width <N>"] {
            assert!(help.contains(want), "{cmd} --help lacks {want}");
        }
    }
}
