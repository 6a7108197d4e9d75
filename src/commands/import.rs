//! `sahifa import`: local files and folders into the library, cleaned, extracted and indexed once.
//!
//! Files are read, prepared and stored [`BATCH`] at a time, each batch one transaction: memory
//! stays bounded on large folders, and a killed import leaves whole batches behind, which the next
//! import skips (articles are keyed by their content).

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::article::{load::list_files, load_paths};
use crate::cli::ImportArgs;
use crate::db::Db;
use crate::error::{Error, Result};

/// Files read and stored per transaction.
pub const BATCH: usize = 1000;

/// Runs `import`: warnings to stderr, a summary to stdout; exit 1 when nothing could be read.
pub fn run(args: ImportArgs) -> Result<ExitCode> {
    let opts = super::load_options();
    let (files, walk_warnings) = list_files(&args.paths, &opts);
    for w in &walk_warnings {
        crate::report::warn(w);
    }
    let mut db = Db::open_default()?;
    let tty = std::io::stderr().is_terminal() && files.len() > BATCH;
    let (mut loaded_n, mut added, mut updated) = (0, 0, 0);
    for (i, batch) in files.chunks(BATCH).enumerate() {
        let loaded = load_paths(batch, &opts);
        if tty {
            crate::report::clear_progress();
        }
        for w in &loaded.warnings {
            crate::report::warn(w);
        }
        loaded_n += loaded.articles.len();
        let stored = db.store_articles(None, &crate::db::prepare(loaded.articles))?;
        added += stored.added;
        updated += stored.updated;
        if tty {
            crate::report::progress(format!(
                "importing: {}/{} files",
                (i * BATCH + batch.len()),
                files.len()
            ));
        }
    }
    if tty {
        crate::report::clear_progress();
    }
    if loaded_n == 0 {
        return Err(Error::nothing_loaded(&args.paths));
    }
    super::subscribe::print(&format!(
        "imported {added} articles ({} already in the library)\n",
        loaded_n - added - updated
    ))?;
    Ok(ExitCode::SUCCESS)
}
