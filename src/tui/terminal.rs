//! The real terminal: raw mode, the alternate screen, the mouse, and bidi-aware terminals switched to
//! explicit mode; all of it undone on quit, on panic (before the message is printed) and on signals.

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Set while the terminal is in the reader's modes, so restoring happens exactly once.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
/// What gives the terminal its bidi back (the mode's `leave` in `assets/terminals.toml`).
static BIDI_LEAVE: Mutex<String> = Mutex::new(String::new());

/// The terminal type the reader draws on.
pub type Term = Terminal<CrosstermBackend<Screen>>;

/// Stdout for the reader, buffered per frame. With `by_line` (Konsole mode) a frame goes out one
/// screen line per write, a moment apart: Konsole reorders whole lines but repaints only the cells
/// that changed, so a line that reached it in two reads kept the first half where the line without
/// the rest had put it (seen in screenshots: right-aligned rows drawn at the left).
pub struct Screen {
    out: io::Stdout,
    buf: Vec<u8>,
    by_line: bool,
}

impl Screen {
    /// Stdout, by line or not.
    pub fn new(by_line: bool) -> Screen {
        Screen { out: io::stdout(), buf: Vec::with_capacity(1 << 16), by_line }
    }
}

impl Write for Screen {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let buf = std::mem::take(&mut self.buf);
        let mut res = Ok(());
        if self.by_line {
            let cuts = line_starts(&buf);
            for (i, &a) in cuts.iter().enumerate() {
                let b = cuts.get(i + 1).copied().unwrap_or(buf.len());
                res = res.and_then(|_| self.out.write_all(&buf[a..b])).and_then(|_| self.out.flush());
                if b < buf.len() {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
            }
        } else {
            res = self.out.write_all(&buf);
        }
        self.buf = buf;
        self.buf.clear();
        res.and_then(|_| self.out.flush())
    }
}

/// Offsets where a frame's output moves to another screen row (`CSI row ; col H` with a new row),
/// 0 first.
pub fn line_starts(b: &[u8]) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut row: Option<&[u8]> = None;
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i] == 0x1b && b[i + 1] == b'[' {
            let rest = &b[i + 2..];
            let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && rest.get(digits) == Some(&b';') {
                let after = &rest[digits + 1..];
                let cd = after.iter().take_while(|c| c.is_ascii_digit()).count();
                if after.get(cd) == Some(&b'H') {
                    let r = &rest[..digits];
                    if row.is_some_and(|p| p != r) && i > 0 {
                        cuts.push(i);
                    }
                    row = Some(r);
                }
            }
        }
        i += 1;
    }
    cuts
}

/// Puts the terminal in the reader's modes. `bidi_enter` tells bidi-aware terminals how sahifa
/// sends right-to-left text (the mode's `enter` in `assets/terminals.toml`: for visual order,
/// BDSM explicit mode `CSI 8 l`, a left-to-right character path `CSI 1 SP k` and mlterm's own
/// switch, which terminals without bidi ignore); `bidi_leave` undoes it on the way out.
///
/// `by_line`: send frames one screen line per write (see [`Screen`]).
pub fn enter(mouse: bool, bidi_enter: &str, bidi_leave: &str, by_line: bool) -> io::Result<Term> {
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    *BIDI_LEAVE.lock().unwrap_or_else(|e| e.into_inner()) = bidi_leave.to_string();
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, crossterm::cursor::Hide, crossterm::event::EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    if !bidi_enter.is_empty() {
        out.write_all(bidi_enter.as_bytes())?;
        out.flush()?;
    }
    // Cleared here rather than with `Terminal::clear`, which asks the terminal for the cursor position
    // and waits for an answer some terminals never send.
    execute!(out, crossterm::terminal::Clear(crossterm::terminal::ClearType::All))?;
    Terminal::new(CrosstermBackend::new(Screen::new(by_line)))
}

/// Restores the terminal (idempotent; errors are ignored: the terminal may be gone after SIGHUP).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let leave = std::mem::take(&mut *BIDI_LEAVE.lock().unwrap_or_else(|e| e.into_inner()));
    if !leave.is_empty() {
        let _ = out.write_all(leave.as_bytes());
    }
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ =
        execute!(out, crossterm::event::DisableBracketedPaste, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            prev(info);
        }));
    });
}

/// Restores the terminal when dropped (on every return path of the reader).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

#[cfg(test)]
mod tests {
    use super::line_starts;

    #[test]
    fn frames_are_cut_where_the_row_changes() {
        let f = b"\x1b[2;1Habc\x1b[2;9Hd\x1b[3;1Hef\x1b[10;4Hg";
        assert_eq!(line_starts(f), vec![0, 16, 24]);
        assert_eq!(line_starts(b"plain"), vec![0]);
    }
}
