//! `sahifa export [--format markdown|json|csv] [--starred] [PATH...]`: the review report
//! ([`crate::library::export`]) on stdout, with the stars and notes of the reading state.

use std::process::ExitCode;

use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::library::{self, export};
use crate::store::Store;

/// Runs `export`.
pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let loaded = super::load_articles(&args.paths, false);
    for w in &loaded.warnings {
        crate::report::warn(w);
    }
    if loaded.articles.is_empty() {
        return Err(Error::nothing_loaded(&args.paths));
    }
    let (store, warnings) = Store::open(None);
    for w in &warnings {
        crate::report::warn(w);
    }
    let bar = super::progress::bar(loaded.articles.len(), "extracting");
    let extractions = library::extract_all_with(&loaded.articles, &|| bar.inc(1));
    bar.finish_and_clear();
    super::search::write_stdout(|out| {
        export::write(args.format, &loaded.articles, &extractions, &store, args.starred, out)
    })
}
