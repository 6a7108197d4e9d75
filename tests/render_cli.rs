//! `sahifa render` from the outside: widths, row structure, `--bidi logical`, hostile input.

use assert_cmd::Command;
use sahifa::text::str_width;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/002_462bbe564c48e55a.txt");

fn render(args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = Command::cargo_bin("sahifa").expect("binary");
    cmd.arg("render").args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

fn rows(s: &str) -> Vec<&str> {
    s.strip_suffix('\n').unwrap_or(s).split('\n').collect()
}

#[test]
fn rows_fit_the_width_and_paragraphs_are_one_blank_row_apart() {
    for w in ["30", "45", "80"] {
        let out = render(&["--width", w, SEED], None);
        let width: usize = w.parse().unwrap_or(0);
        let rs = rows(&out);
        assert!(rs.len() > 5);
        assert!(rs.iter().all(|r| str_width(r) <= width), "a row is wider than {w}");
        assert!(!rs[0].trim().is_empty(), "the title comes first");
        assert!(rs.windows(2).all(|p| !(p[0].is_empty() && p[1].is_empty())), "two blank rows in a row");
        assert!(rs.iter().any(|r| r.is_empty()));
        // Arabic rows are padded on the left to end at the right edge.
        assert!(rs.iter().filter(|r| !r.is_empty()).all(|r| str_width(r) == width || r.starts_with(' ')));
    }
}

#[test]
fn logical_order_has_the_same_rows_unpadded() {
    let vis = render(&["--width", "45", SEED], None);
    let log = render(&["--width", "45", "--bidi", "logical", SEED], None);
    let (v, l) = (rows(&vis), rows(&log));
    assert_eq!(v.len(), l.len());
    assert!(l.iter().all(|r| !r.starts_with(' ')));
    let source = std::fs::read_to_string(SEED).unwrap_or_default();
    let first_par = source.lines().map(str::trim).filter(|l| !l.is_empty()).nth(1).unwrap_or("");
    let rejoined: Vec<&str> =
        l.iter().skip_while(|r| !r.is_empty()).skip(1).take_while(|r| !r.is_empty()).copied().collect();
    assert_eq!(rejoined.join(" "), first_par);
}

#[test]
fn no_escape_codes_and_no_controls_reach_stdout() {
    let hostile = "عنوان\u{1b}[31m أحمر\nقال \u{202E}النص المقلوب\u{202C} هنا\u{7}\u{9b}2J\tنهاية\n";
    let out = render(&["--width", "40", "-"], Some(hostile));
    assert!(!out.bytes().any(|b| b == 0x1b || (b < 0x20 && b != b'\n') || b == 0x7f), "{out:?}");
    assert!(!out.contains('\u{202E}') && !out.contains('\u{9b}'));
    let plain = render(&["--width", "40", "--no-shape", SEED], None);
    assert!(!plain.contains('\u{1b}'));
}

#[test]
fn shaped_by_default_and_not_with_no_shape() {
    let shaped = render(&["--width", "80", SEED], None);
    let plain = render(&["--width", "80", "--no-shape", SEED], None);
    let in_forms = |s: &str| s.chars().any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c));
    assert!(in_forms(&shaped));
    assert!(!in_forms(&plain));
    assert_eq!(rows(&shaped).len(), rows(&plain).len());
}

#[test]
fn without_a_path_the_first_bundled_article() {
    let out = render(&["--width", "60"], None);
    assert!(rows(&out).len() > 3);
}

#[test]
fn width_one_and_missing_index() {
    // (A lone one- to three-letter Latin line is cleaned away as a stray token, so the title has two words.)
    let out = render(&["--width", "1", "-"], Some("ab c\nجد\n"));
    assert_eq!(rows(&out), ["a", "b", "c", "", "ﺟ", "ﺪ"]);
    Command::cargo_bin("sahifa").expect("binary").args(["render", "--index", "3", SEED]).assert().failure();
}
