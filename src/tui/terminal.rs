//! The real terminal: raw mode, the alternate screen, the mouse, and bidi-aware terminals switched to
//! explicit mode; all of it undone on quit, on panic (before the message is printed) and on signals.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Tells bidi-aware terminals that sahifa sends rows already in display order: BDSM explicit mode
/// (`CSI 8 l`) and a left-to-right character path (`CSI 1 SP k`) for VTE, mintty and WezTerm, and
/// mlterm's own switch. Terminals without bidi ignore all three.
pub const BIDI_EXPLICIT: &str = "\x1b[8l\x1b[1 k\x1b]5379;use_ctl=false\x07";
/// Gives bidi-aware terminals their implicit mode back.
pub const BIDI_RESTORE: &str = "\x1b[8h\x1b[0 k\x1b]5379;use_ctl=true\x07";

/// Set while the terminal is in the reader's modes, so restoring happens exactly once.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static BIDI: AtomicBool = AtomicBool::new(false);

/// The terminal type the reader draws on.
pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Puts the terminal in the reader's modes. `explicit_bidi` is false with `--bidi logical`, where the
/// terminal is meant to reorder.
pub fn enter(mouse: bool, explicit_bidi: bool) -> io::Result<Term> {
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    BIDI.store(explicit_bidi, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, crossterm::cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    if explicit_bidi {
        out.write_all(BIDI_EXPLICIT.as_bytes())?;
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
    if BIDI.load(Ordering::SeqCst) {
        let _ = out.write_all(BIDI_RESTORE.as_bytes());
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
