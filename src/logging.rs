//! Opt-in logging to a file: `SAHIFA_LOG=debug` (or `error`, `warn`, `info`, `trace`; `1`/`on` mean
//! `info`) appends to `sahifa.log` in the state dir. Nothing is ever logged to the screen (the reader
//! owns it); with `SAHIFA_LOG` unset nothing is logged at all.
//!
//! Code logs through the [`log`] facade (`log::warn!` …); this module is the one sink. Each record is
//! one line: `2026-11-22T03:50:01.123Z WARN sahifa::article: message`, with control characters in
//! the message replaced so an article's bytes cannot break the file's lines or a `tail -f` terminal.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use log::{LevelFilter, Log, Metadata, Record};

/// The environment variable that turns logging on and sets its level.
pub const LOG_ENV: &str = "SAHIFA_LOG";

/// The log file's name inside the state dir.
pub const LOG_FILE: &str = "sahifa.log";

/// Past this size the log is moved to `sahifa.log.old` when a session starts (one generation kept).
const MAX_LOG_BYTES: u64 = 10 * 1024 * 1024;

/// Turns logging on if `SAHIFA_LOG` asks for it; returns the log file's path when it did.
/// `verbose` (the `--verbose` flag) raises the level to at least `debug` once logging is on.
/// Failing to open the file leaves logging off silently: logging must never stop the program or
/// write to the terminal. Calling it twice keeps the first logger.
pub fn init(verbose: bool) -> Option<PathBuf> {
    let level = parse_level(&std::env::var(LOG_ENV).ok()?)?;
    let level = if verbose { level.max(LevelFilter::Debug) } else { level };
    let path = log_dir()?.join(LOG_FILE);
    let file = open(&path).ok()?;
    let logger = FileLogger { file: Mutex::new(file), level };
    log::set_boxed_logger(Box::new(logger)).ok()?;
    log::set_max_level(level);
    log::info!("sahifa {} started: {:?}", env!("CARGO_PKG_VERSION"), std::env::args().collect::<Vec<_>>());
    Some(path)
}

/// The level named by a `SAHIFA_LOG` value; `None` (off) for empty, `0`, `off` or unknown words.
pub fn parse_level(v: &str) -> Option<LevelFilter> {
    match v.trim().to_ascii_lowercase().as_str() {
        "" | "0" | "off" | "no" | "false" => None,
        "1" | "on" | "yes" | "true" => Some(LevelFilter::Info),
        other => other.parse::<LevelFilter>().ok().filter(|l| *l != LevelFilter::Off),
    }
}

/// Where the log goes: `$SAHIFA_DATA_DIR` when set (tests and portable setups keep everything
/// there), else the platform state dir (`$XDG_STATE_HOME/sahifa`), else the data dir.
pub fn log_dir() -> Option<PathBuf> {
    match std::env::var_os(crate::store::DATA_DIR_ENV) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => directories::ProjectDirs::from("", "", "sahifa")
            .map(|p| p.state_dir().unwrap_or_else(|| p.data_dir()).to_path_buf()),
    }
}

fn open(path: &Path) -> std::io::Result<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_LOG_BYTES) {
        let _ = std::fs::rename(path, path.with_extension("log.old"));
    }
    OpenOptions::new().create(true).append(true).open(path)
}

struct FileLogger {
    file: Mutex<File>,
    level: LevelFilter,
}

impl Log for FileLogger {
    fn enabled(&self, m: &Metadata) -> bool {
        m.level() <= self.level
    }

    fn log(&self, r: &Record) {
        if !self.enabled(r.metadata()) {
            return;
        }
        let line = format!(
            "{} {} {}: {}\n",
            timestamp(SystemTime::now()),
            r.level(),
            r.target(),
            one_line(r.args())
        );
        // A poisoned lock or a failed write loses one line, never the program.
        if let Ok(mut f) = self.file.lock() {
            let _ = f.write_all(line.as_bytes());
        }
    }

    fn flush(&self) {
        if let Ok(mut f) = self.file.lock() {
            let _ = f.flush();
        }
    }
}

/// The message on one line: control characters (ESC, C1, line breaks) and bidi overrides become
/// visible escapes like `\u{1b}`, so nothing from an article acts on a terminal reading the log.
fn one_line(args: &std::fmt::Arguments) -> String {
    let s = args.to_string();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, without a date crate.
pub fn timestamp(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let (y, m, day, hh, mm, ss) = crate::clock::utc(d.as_secs());
    format!("{y:04}-{m:02}-{day:02}T{hh:02}:{mm:02}:{ss:02}.{:03}Z", d.subsec_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(parse_level("debug"), Some(LevelFilter::Debug));
        assert_eq!(parse_level(" INFO "), Some(LevelFilter::Info));
        assert_eq!(parse_level("1"), Some(LevelFilter::Info));
        assert_eq!(parse_level(""), None);
        assert_eq!(parse_level("off"), None);
        assert_eq!(parse_level("loud"), None);
    }

    #[test]
    fn timestamps_are_utc_civil_dates() {
        assert_eq!(timestamp(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let t = UNIX_EPOCH + std::time::Duration::from_millis(1_709_210_096_789);
        assert_eq!(timestamp(t), "2024-02-29T12:34:56.789Z");
    }

    #[test]
    fn messages_stay_on_one_line_without_escapes() {
        let s = one_line(&format_args!("a\x1b]0;x\x07b\nc\u{202e}d\u{9b}"));
        assert!(!s.chars().any(|c| c.is_control() || c == '\u{202e}'), "{s:?}");
        assert!(s.starts_with("a\\u{1b}]0;x"));
    }
}
