//! The non-interactive commands; plain text or JSON to stdout. Never imports `tui`'s crates.

pub mod extract;
pub mod render;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};

/// Runs the chosen command, or the reader when there is none.
pub fn dispatch(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => crate::tui::run(cli.reader),
        Some(Command::Render(args)) => render::run(args),
        Some(Command::Extract(args)) => extract::run(args),
        Some(_) => Err(Error::Usage("this command is not built yet".into())),
    }
}
