//! sahifa (صحيفة): a terminal reader for Arabic news.
//!
//! The path of an article: [`article`] loads and cleans it, [`extract`] finds who is named and who
//! said what, [`text`] lays paragraphs out into terminal rows that read right to left, and either
//! [`tui`] draws them or one of the [`commands`] prints them. Only `tui` knows ratatui/crossterm.

pub mod article;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod extract;
pub mod library;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;

use std::ffi::OsString;
use std::process::ExitCode;

/// Parses the command line and runs the command (or the reader); returns the process exit code.
pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    use clap::Parser;
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match commands::dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sahifa: {e}");
            ExitCode::FAILURE
        }
    }
}
