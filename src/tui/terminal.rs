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
pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Puts the terminal in the reader's modes. `bidi_enter` tells bidi-aware terminals how sahifa
/// sends right-to-left text (the mode's `enter` in `assets/terminals.toml`: for visual order,
/// BDSM explicit mode `CSI 8 l`, a left-to-right character path `CSI 1 SP k` and mlterm's own
/// switch, which terminals without bidi ignore); `bidi_leave` undoes it on the way out.
pub fn enter(mouse: bool, bidi_enter: &str, bidi_leave: &str) -> io::Result<Term> {
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    *BIDI_LEAVE.lock().unwrap_or_else(|e| e.into_inner()) = bidi_leave.to_string();
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, crossterm::cursor::Hide)?;
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
    Terminal::new(CrosstermBackend::new(out))
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
    let _ = execute!(out, LeaveAlternateScreen, crossterm::cursor::Show);
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
