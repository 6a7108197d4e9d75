//! `sahifa doctor`: which terminal sahifa thinks it is in, why, the mode `--bidi auto` picks, a
//! calibration line in each mode worth trying (so the user can see which reads right), and the
//! terminal-side fix where there is one.
//!
//! Everything the environment or the terminal said is shown through
//! [`crate::term::detect::printable`]; the calibration lines go through the layout engine.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::DoctorArgs;
use crate::error::{Error, Result};
use crate::term::{Catalog, Choice, Evidence, Mode, probe};
use crate::text::{LayoutOptions, Layouter};

/// The calibration line: an Arabic word (with a lam-alef), a number, a bracket.
pub const CALIBRATION: &str = "السلام عليكم (2024)";
/// Cells the calibration line is laid out in.
const LINE: usize = 24;

/// Runs `doctor`.
pub fn run(args: DoctorArgs) -> Result<ExitCode> {
    // The terminal is asked when stdin is it: replies come back on /dev/tty even when stdout is
    // redirected (`sahifa doctor > report.txt`).
    let ev = probe::gather(std::io::stdin().is_terminal());
    let tty = std::io::stdout().is_terminal();
    let mut out = std::io::stdout().lock();
    write_report(&mut out, &ev, &args, tty).map_err(Error::Output)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the report for `ev`; with `tty`, a mode's switch is sent around its calibration line.
pub fn write_report(out: &mut dyn Write, ev: &Evidence, args: &DoctorArgs, tty: bool) -> std::io::Result<()> {
    let cat = Catalog::builtin();
    let c = cat.choose(ev);
    if args.brief {
        let print = if c.print == c.mode { String::new() } else { format!(" (render: {})", c.print.name()) };
        return writeln!(out, "{} {}{print} ({})", c.id, c.mode.name(), c.by);
    }
    writeln!(
        out,
        "terminal   {}{} (from {})",
        c.name,
        if c.through_mux { ", through tmux" } else { "" },
        c.by
    )?;
    let env: Vec<String> = ev.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    writeln!(
        out,
        "evidence   {}",
        if env.is_empty() { "no terminal variables".into() } else { env.join(" ") }
    )?;
    writeln!(out, "asked      {}", asked(ev))?;
    writeln!(out, "mode       {} (--bidi auto): {}", c.mode.name(), cat.mode(c.mode).about)?;
    if c.print != c.mode {
        writeln!(out, "           {} for render, list, …: {}", c.print.name(), cat.mode(c.print).about)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "calibration: each line below is the same Arabic greeting and a year in brackets, sent in"
    )?;
    writeln!(out, "one mode. The right one reads right to left from the right edge, letters joined, the")?;
    writeln!(out, "year and its brackets on the left.")?;
    for m in modes(&c) {
        write!(out, "  {:<9}│", m.name())?;
        if m == Mode::Mlterm {
            // Its switch applies to the whole screen, so a line cannot show it.
            writeln!(out, "(the reader only: mlterm's switch applies to the whole screen)")?;
            continue;
        }
        calibration_line(out, m, tty)?;
    }
    writeln!(out, "Use the first mode that reads right: sahifa --bidi MODE (render, list, … take it too).")?;
    if !c.fix.is_empty() {
        writeln!(out)?;
        writeln!(out, "fix        {}", c.fix)?;
    }
    Ok(())
}

/// What the terminal answered, in one line.
fn asked(ev: &Evidence) -> String {
    if !ev.asked {
        return "not asked (the environment names the terminal, or stdin is not a terminal)".into();
    }
    let mut parts = Vec::new();
    if let Some(x) = &ev.xtversion {
        parts.push(format!("XTVERSION {x}"));
    }
    if let Some(d) = &ev.da2 {
        let d: Vec<String> = d.iter().map(u32::to_string).collect();
        parts.push(format!("DA2 {}", d.join(";")));
    }
    if let Some(o) = &ev.outer {
        parts.push(format!("tmux client TERM={} XTVERSION {}", o.termname, o.termtype));
    }
    match (parts.is_empty(), ev.answered) {
        (true, false) => format!("no answer within {} ms", probe::TIMEOUT.as_millis()),
        (true, true) => "answered DA1 only".into(),
        (false, _) => parts.join(", "),
    }
}

/// The chosen modes first, then the other candidates.
fn modes(c: &Choice) -> Vec<Mode> {
    let mut v = vec![c.mode];
    for m in std::iter::once(c.print).chain(c.candidates.iter().copied()) {
        if !v.contains(&m) {
            v.push(m);
        }
    }
    v
}

/// The calibration line in `m`, ending the line: right-aligned in [`LINE`] cells (logical order
/// as it is), inside the mode's switch when writing to a terminal.
fn calibration_line(out: &mut dyn Write, m: Mode, tty: bool) -> std::io::Result<()> {
    let spec = Catalog::builtin().mode(m);
    let opts =
        LayoutOptions { width: LINE, order: m.order(), shape: m.shapes(false), ..LayoutOptions::default() };
    let mut line = String::new();
    Layouter::new().rows(CALIBRATION, &opts, false, &mut |r| {
        if line.is_empty() {
            line = " ".repeat(r.offset) + r.text;
        }
    });
    let (enter, leave) = if tty { (spec.print_enter.as_str(), spec.print_leave.as_str()) } else { ("", "") };
    writeln!(out, "{enter}{line}{leave}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(pairs: &[(&str, &str)], brief: bool) -> String {
        let ev = Evidence::from_env(|k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()));
        let mut out = Vec::new();
        write_report(&mut out, &ev, &DoctorArgs { brief }, false).expect("write to memory");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn kitty_gets_its_mode_its_candidates_and_its_fix() {
        let r = report(&[("TERM", "xterm-kitty"), ("KITTY_WINDOW_ID", "1")], false);
        assert!(r.starts_with("terminal   kitty (from KITTY_WINDOW_ID)\n"), "{r}");
        assert!(r.contains("evidence   KITTY_WINDOW_ID=1 TERM=xterm-kitty\n"), "{r}");
        assert!(r.contains("asked      not asked"), "{r}");
        assert!(r.contains("mode       kitty (--bidi auto)"), "{r}");
        let lines: Vec<&str> = r.lines().filter(|l| l.contains('│')).collect();
        assert_eq!(lines.len(), 3, "{r}");
        assert!(lines[0].starts_with("  kitty    │") && lines[1].starts_with("  visual   │"), "{r}");
        // kitty: the words right to left, letters as stored (lam-alef as its ligature, after a ZWJ).
        assert_eq!(lines[0], "  kitty    │      (2024) عليكم الس\u{200D}\u{FEFC}م");
        assert!(lines[2].ends_with("│السلام عليكم (2024)"), "{:?}", lines[2]);
        assert!(r.contains("force_ltr yes"), "{r}");
    }

    #[test]
    fn brief_is_one_line() {
        assert_eq!(report(&[("VTE_VERSION", "7006")], true), "vte explicit (VTE_VERSION)\n");
        assert_eq!(report(&[], true), "unknown visual (nothing recognised)\n");
        assert_eq!(report(&[("MLTERM", "3.9.3")], true), "mlterm mlterm (render: logical) (MLTERM)\n");
    }

    #[test]
    fn hostile_environment_is_shown_printable() {
        let r = report(&[("TERM", "xterm\x1b]0;pwned\x07"), ("TERM_PROGRAM", "\u{202E}evil")], false);
        assert!(!r.contains('\x1b') && !r.contains('\x07') && !r.contains('\u{202E}'), "{r:?}");
    }
}
