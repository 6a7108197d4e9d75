//! `sahifa import`: local files and folders into the library, cleaned and extracted once.

use std::process::ExitCode;

use crate::cli::ImportArgs;
use crate::db::Db;
use crate::error::{Error, Result};

/// Runs `import`: warnings to stderr, a summary to stdout; exit 1 when nothing could be read.
pub fn run(args: ImportArgs) -> Result<ExitCode> {
    let loaded = crate::article::load_paths(&args.paths, &crate::article::LoadOptions::default());
    for w in &loaded.warnings {
        eprintln!("sahifa: {w}");
    }
    if loaded.articles.is_empty() {
        return Err(Error::nothing_loaded(&args.paths));
    }
    let mut db = Db::open_default()?;
    let items = crate::db::prepare(loaded.articles);
    let n = items.len();
    let stored = db.store_articles(None, &items)?;
    super::subscribe::print(&format!(
        "imported {} articles ({} already in the library)\n",
        stored.added,
        n - stored.added - stored.updated
    ))?;
    Ok(ExitCode::SUCCESS)
}
