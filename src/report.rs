//! The one boundary between sahifa's messages and the user's terminal.
//!
//! Everything sahifa says on stderr (warnings, errors, the panic line, progress) is written here,
//! and the reader's status line and labels go through [`line`] too. A message can carry anything a
//! file name, a feed or an OS error holds (ESC, OSC sequences, newlines that would forge a second
//! `sahifa:` line, bidi overrides), so each one is made a single safe line first:
//! [`crate::text::sanitize`] removes C0/C1 controls and the bidi embedding, override and isolate
//! controls and turns line breaks into spaces. `tests/hostile.rs` checks that no other module prints
//! to stderr.

use std::fmt::Display;
use std::io::Write;

/// `msg` as one line that cannot drive the terminal.
pub fn line(msg: &str) -> String {
    crate::text::sanitize(msg).into_owned()
}

/// Prints `sahifa: MSG` on stderr, made safe by [`line`].
pub fn warn(msg: impl Display) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "sahifa: {}", line(&msg.to_string()));
}

/// Prints each warning of a list with [`warn`].
pub fn warn_all<S: AsRef<str>>(msgs: &[S]) {
    msgs.iter().for_each(|m| warn(m.as_ref()));
}

/// Prints a command-line usage error (several lines: the problem, the usage, a hint), each line
/// made safe by [`line`].
pub fn usage(text: &str) {
    let mut err = std::io::stderr().lock();
    for l in text.trim_end().lines() {
        let _ = writeln!(err, "{}", line(l));
    }
}

/// Replaces the progress line on a terminal's stderr with `msg` (made safe by [`line`]); the
/// erase sequence is sahifa's own.
pub fn progress(msg: impl Display) {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r\x1b[K{}", line(&msg.to_string()));
    let _ = err.flush();
}

/// Erases the progress line.
pub fn clear_progress() {
    progress("");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_one_safe_line() {
        assert_eq!(line("a\x1b]0;PWN\x07b\nsahifa: fake\r\u{202e}c\u{9b}2J"), "a]0;PWNb sahifa: fake c2J");
    }
}
