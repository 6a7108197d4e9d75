//! `sahifa fetch`.

use std::process::ExitCode;

use crate::cli::FetchArgs;
use crate::error::{Error, Result};

/// Runs `fetch`.
pub fn run(_args: FetchArgs) -> Result<ExitCode> {
    Err(Error::Usage("fetch: not available in this build yet".into()))
}
