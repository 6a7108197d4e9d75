//! The library's error type: one readable line at the edge, naming what failed and where.

use std::path::PathBuf;

/// Everything that can fail in sahifa, each message one line that says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Input that cannot be used, with the reason.
    #[error("{path}: {reason}")]
    Input {
        /// The file (or `-` for stdin).
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Nothing could be loaded from the given paths (named in the message).
    #[error("no article could be loaded from {0}")]
    NothingLoaded(String),
    /// A bad value on the command line or in the config file.
    #[error("{0}")]
    Usage(String),
    /// The library database failed (the message names its file).
    #[error(transparent)]
    Library(#[from] crate::db::DbError),
    /// Writing to stdout failed (a closed pipe is not an error and is not reported).
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
}

impl Error {
    /// "Nothing loaded" naming what was given (the bundled articles when no path was).
    pub fn nothing_loaded(paths: &[PathBuf]) -> Error {
        let names: Vec<String> =
            paths.iter().map(|p| crate::text::sanitize(&p.display().to_string()).into_owned()).collect();
        Error::NothingLoaded(if names.is_empty() { "the bundled articles".into() } else { names.join(", ") })
    }
}

/// Shorthand for results with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
