//! sahifa (صحيفة): a terminal reader for Arabic news.
//!
//! The path of an article: [`article`] loads and cleans it, [`extract`] finds who is named and who
//! said what, [`text`] lays paragraphs out into terminal rows that read right to left, and either
//! [`tui`] draws them or one of the [`commands`] prints them. Only `tui` knows ratatui/crossterm.
//! Feeds ([`feeds`]: OPML, HTTP, fetching) and imported files land in the library database
//! ([`db`]: SQLite), with each article's extraction and search terms computed once.

pub mod article;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod feeds;
pub mod library;
pub mod logging;
pub mod report;
pub mod search;
pub mod store;
pub mod sync;
pub mod term;
pub mod text;
pub mod tui;

use std::ffi::OsString;
use std::process::ExitCode;

/// Parses the command line and runs the command (or the reader); returns the process exit code.
///
/// Errors print as one line, `sahifa: WHAT: PROBLEM`, exit code 1. A panic in a command prints one
/// line too (`sahifa: internal error: … (at src/x.rs:12); run with RUST_BACKTRACE=1 for details`)
/// and exits 101 (on the main thread), unless `RUST_BACKTRACE` or `--verbose` asks for Rust's full report. The reader
/// installs its own hook, which restores the terminal first.
pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    use clap::Parser;
    let args: Vec<OsString> = args.into_iter().collect();
    let cli = match cli::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // clap repeats what was typed, and an argument can hold anything (a newline would
            // split it over lines): the message is made from the arguments made safe.
            let safe = args.iter().map(|a| report::line(&a.to_string_lossy()));
            let text = match cli::Cli::try_parse_from(safe) {
                Err(safe_e) => safe_e.render().to_string(),
                Ok(_) => report::line(&e.render().to_string()),
            };
            report::usage(&text);
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    let verbose = cli.reader.verbose;
    logging::init(verbose);
    if cli.command.is_some() {
        install_panic_hook(verbose || backtrace_wanted());
        // Lets the tests see the panic report of a real command (nothing else reads this variable).
        if std::env::var_os("SAHIFA_INJECT_PANIC").is_some() {
            panic!("injected panic (SAHIFA_INJECT_PANIC)");
        }
    }
    match commands::dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            log::error!("{e}");
            report::warn(e);
            ExitCode::FAILURE
        }
    }
}

/// Whether the user asked for backtraces through `RUST_BACKTRACE` (any value but `0`).
fn backtrace_wanted() -> bool {
    std::env::var_os("RUST_BACKTRACE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The one-line panic report for commands; `full` keeps Rust's own report (with its backtrace).
fn install_panic_hook(full: bool) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = panic_message(info.payload());
        let at = info.location().map(|l| format!(" (at {}:{})", l.file(), l.line())).unwrap_or_default();
        log::error!("internal error: {msg}{at}");
        if full {
            default(info);
        } else {
            report::warn(format!("internal error: {msg}{at}; run with RUST_BACKTRACE=1 for details"));
        }
        // No exit here: a panic on the main thread unwinds out of `main` (exit code 101), and a
        // worker thread's panic is caught where it is joined (`library::extract_all` recovers).
    }));
}

/// The text of a panic payload (`panic!("…")` gives a `&str` or a `String`).
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}
