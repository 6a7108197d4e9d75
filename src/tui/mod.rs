//! The interactive reader: the only module that imports ratatui and crossterm.

use std::process::ExitCode;

use crate::cli::ReaderArgs;
use crate::error::Result;

/// Opens the reader on the given paths (or the bundled articles).
pub fn run(args: ReaderArgs) -> Result<ExitCode> {
    crate::commands::render::run(crate::cli::RenderArgs {
        width: None,
        display: args.display,
        raw: args.raw,
        index: 0,
        path: args.paths.first().cloned(),
    })
}
