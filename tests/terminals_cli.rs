//! Terminal modes from the outside: `sahifa doctor` and `render --bidi kitty|explicit|auto`
//! (golden byte output), with the environment of a given terminal and stdout a pipe.

use assert_cmd::Command;
use sahifa::text::str_width;

/// Variables the detection reads: cleared so that the terminal running the tests does not leak in.
const TERMINAL_VARS: &[&str] = sahifa::term::detect::ENV_VARS;

fn sahifa(env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::cargo_bin("sahifa").expect("binary");
    for v in TERMINAL_VARS {
        cmd.env_remove(v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).expect("UTF-8 output")
}

const SAMPLE: &str = "السلام عليكم\nقالَ الوزير إن الاتفاق (في 2024) ممكن.\n";

#[test]
fn doctor_names_the_terminal_the_mode_and_the_fix() {
    let out = stdout(sahifa(&[("TERM", "xterm-kitty"), ("KITTY_WINDOW_ID", "7")]).arg("doctor"));
    assert!(out.starts_with("terminal   kitty (from KITTY_WINDOW_ID)\n"), "{out}");
    assert!(out.contains("mode       kitty (--bidi auto)"), "{out}");
    assert!(
        out.contains("  kitty    │") && out.contains("  visual   │") && out.contains("  logical  │"),
        "{out}"
    );
    assert!(out.contains("force_ltr yes"), "{out}");
    // Piped: no switch sequences around the calibration lines.
    assert!(!out.contains('\x1b'), "{out:?}");

    let out =
        stdout(sahifa(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7006")]).args(["doctor", "--brief"]));
    assert_eq!(out, "vte explicit (VTE_VERSION)\n");
    let out = stdout(sahifa(&[("KONSOLE_VERSION", "221203")]).args(["doctor", "--brief"]));
    assert_eq!(out, "konsole konsole (KONSOLE_VERSION)\n");
    let out = stdout(sahifa(&[("TERM", "xterm")]).args(["doctor", "--brief"]));
    assert_eq!(out, "unknown visual (nothing recognised)\n");
}

#[test]
fn render_kitty_is_visual_word_order_with_each_word_as_stored() {
    let out =
        stdout(sahifa(&[]).args(["render", "--width", "30", "--bidi", "kitty", "-"]).write_stdin(SAMPLE));
    // Golden: rows right-aligned like visual, words right to left, each Arabic word in logical
    // order and unshaped; lam-alef one cell (ZWJ + final ligature), CGJ where kitty needs the
    // code-point counts of a word's cells to read the same from both ends.
    let expected = concat!(
        "                   عليكم الس\u{200D}\u{FEFC}م\n",
        "\n",
        "      (في ا\u{FEFB}تفاق إن الوزير ق\u{34F}الَ\n",
        "                   ممكن. (2024\n",
    );
    assert_eq!(out, expected, "{out:?}");
    let visual = stdout(sahifa(&[]).args(["render", "--width", "30", "-"]).write_stdin(SAMPLE));
    // Same rows, same cells per row as the visual output.
    for (k, v) in out.lines().zip(visual.lines()) {
        assert_eq!(str_width(k), str_width(v), "{k:?} / {v:?}");
    }
}

#[test]
fn render_auto_into_a_pipe_is_visual_whatever_the_terminal() {
    let visual =
        stdout(sahifa(&[]).args(["render", "--width", "30", "--bidi", "visual", "-"]).write_stdin(SAMPLE));
    for env in [[("TERM", "xterm-kitty")], [("KONSOLE_VERSION", "1")], [("VTE_VERSION", "7006")]] {
        let auto = stdout(sahifa(&env).args(["render", "--width", "30", "-"]).write_stdin(SAMPLE));
        assert_eq!(auto, visual);
    }
}

#[test]
fn render_explicit_writes_rows_as_visual_into_a_pipe() {
    // The switch is for terminals only: into a pipe, explicit is exactly visual.
    let visual =
        stdout(sahifa(&[]).args(["render", "--width", "30", "--bidi", "visual", "-"]).write_stdin(SAMPLE));
    let explicit =
        stdout(sahifa(&[]).args(["render", "--width", "30", "--bidi", "explicit", "-"]).write_stdin(SAMPLE));
    assert_eq!(explicit, visual);
}
