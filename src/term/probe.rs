//! The I/O of detection: the environment, tmux's word on the terminal around it, and the
//! terminal's own replies to [`QUERY`], read from `/dev/tty` with echo off for at most
//! [`TIMEOUT`]. Replies never reach the screen: echo is off while they arrive, and whatever is
//! left unread when the wait ends is flushed before the terminal's settings are restored.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use super::detect::{Evidence, QUERY, parse_replies, parse_tmux};

/// The longest wait for the terminal's replies (DA1, answered by every terminal, usually ends it
/// within a few milliseconds).
pub const TIMEOUT: Duration = Duration::from_millis(100);

/// Gathers the evidence: the environment, tmux's client terminal when inside tmux, and, with
/// `ask` (stdin and stdout are the terminal), the terminal's replies, when the environment leaves
/// the terminal unknown (over SSH with a generic TERM, in screen, tmux without a client name).
/// A terminal the environment names is not asked: a reply slower than [`TIMEOUT`] (seen with
/// kitty on a loaded machine) would reach the shell, or the reader, as typed text.
pub fn gather(ask: bool) -> Evidence {
    let mut ev = Evidence::from_env(|k| std::env::var(k).ok());
    if ev.var("TMUX").is_some() {
        ev.outer = tmux_client().and_then(|o| parse_tmux(&o));
    }
    let known = super::Catalog::builtin().choose(&ev).id;
    if ask && (known == "unknown" || known == "tmux") {
        ev.asked = true;
        if let Some(bytes) = ask_terminal(QUERY, TIMEOUT) {
            ev.add_replies(&bytes);
        }
    }
    ev
}

/// Whether stdin and stdout are both the terminal (asking it is then safe and useful).
pub fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// `tmux display-message -p` with the client's TERM and XTVERSION, or `None` (no tmux, no
/// answer within 300 ms).
fn tmux_client() -> Option<String> {
    let mut child = std::process::Command::new("tmux")
        .args(["display-message", "-p", "#{client_termname}\t#{client_termtype}"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let until = Instant::now() + Duration::from_millis(300);
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let mut out = String::new();
    child.stdout.take()?.read_to_string(&mut out).ok()?;
    Some(out)
}

/// The terminal's background colour (OSC 11), asked as detection asks (echo off, at most
/// [`TIMEOUT`], late replies flushed); DA1 follows the question so that a terminal that does not
/// answer OSC 11 ends the wait at once. `None`: no terminal, or no answer.
pub fn background() -> Option<[u8; 3]> {
    if !interactive() {
        return None;
    }
    super::detect::parse_background(&ask_terminal(BACKGROUND_QUERY, TIMEOUT)?)
}

/// OSC 11 (background colour?) then DA1.
const BACKGROUND_QUERY: &str = "\x1b]11;?\x1b\\\x1b[c";

/// Sends `query` to `/dev/tty` and reads the replies until the DA1 reply or `timeout`.
#[cfg(unix)]
fn ask_terminal(query: &str, timeout: Duration) -> Option<Vec<u8>> {
    use std::os::fd::AsRawFd;
    let mut tty = std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").ok()?;
    let fd = tty.as_raw_fd();
    // SAFETY: `termios` is plain data filled in by tcgetattr on an open descriptor.
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: fd is open for the whole function; saved is a valid termios to write into.
    if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
        return None;
    }
    let mut raw = saved;
    raw.c_lflag &= !(libc::ICANON | libc::ECHO);
    raw.c_cc[libc::VMIN] = 0;
    raw.c_cc[libc::VTIME] = 0;
    // SAFETY: as above; raw is a copy of the terminal's own settings with two flags cleared.
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &raw) } != 0 {
        return None;
    }
    let mut got = Vec::new();
    if tty.write_all(query.as_bytes()).and_then(|_| tty.flush()).is_ok() {
        let until = Instant::now() + timeout;
        let mut buf = [0u8; 512];
        while got.len() < 4096 {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
            // SAFETY: one valid pollfd, a bounded timeout.
            let n = unsafe { libc::poll(&mut p, 1, left.as_millis().max(1) as libc::c_int) };
            if n <= 0 {
                break;
            }
            match tty.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(k) => got.extend_from_slice(&buf[..k]),
            }
            if parse_replies(&got).da1 {
                break;
            }
        }
    }
    // SAFETY: fd is still open; drop unread (late) replies, then restore the saved settings.
    unsafe {
        libc::tcflush(fd, libc::TCIFLUSH);
        libc::tcsetattr(fd, libc::TCSANOW, &saved);
    }
    Some(got)
}

#[cfg(not(unix))]
fn ask_terminal(_query: &str, _timeout: Duration) -> Option<Vec<u8>> {
    None
}
