//! Progress on stderr for work that takes seconds (loading a folder of articles, extracting actors
//! and quotes from each): a spinner or a bar when stderr is a terminal, nothing otherwise (pipes,
//! scripts, tests), and cleared when the work is done so the output stays as it was.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether progress is drawn at all: stderr is a terminal and `SAHIFA_NO_PROGRESS` is not set.
pub fn enabled() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("SAHIFA_NO_PROGRESS").is_none()
}

fn target() -> ProgressDrawTarget {
    if enabled() { ProgressDrawTarget::stderr_with_hz(10) } else { ProgressDrawTarget::hidden() }
}

/// A bar over `len` steps, labelled (`extracting`).
pub fn bar(len: usize, label: &'static str) -> ProgressBar {
    let pb = ProgressBar::with_draw_target(Some(len as u64), target());
    let style = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    pb.set_style(style);
    pb.set_message(label);
    pb
}

/// A spinner for work of unknown length (loading), ticking on its own.
pub fn spinner(label: &'static str) -> ProgressBar {
    let pb = ProgressBar::with_draw_target(None, target());
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.set_message(label);
    if enabled() {
        pb.enable_steady_tick(Duration::from_millis(120));
    }
    pb
}

#[cfg(test)]
mod tests {
    #[test]
    fn hidden_when_stderr_is_not_a_terminal() {
        // Under the test harness stderr is captured: nothing may be drawn.
        if !super::enabled() {
            assert!(super::bar(3, "x").is_hidden());
            assert!(super::spinner("x").is_hidden());
        }
    }
}
