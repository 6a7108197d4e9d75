//! The non-interactive commands; plain text or JSON to stdout. Never imports `tui`'s crates.

pub mod actors;
pub mod doctor;
pub mod export;
pub mod extract;
pub mod fetch;
pub mod fields;
pub mod import;
pub mod list;
pub mod progress;
pub mod render;
pub mod search;
pub mod shelf;
pub mod subscribe;
pub mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::article;
use crate::cli::{Cli, Command, DirArg, DisplayArgs};
use crate::error::Result;
use crate::term::Mode;
use crate::text::{BaseDirection, LayoutOptions};

/// How files are read, from the global flags (`--follow-links`, `--max-file-size`); set once by
/// [`dispatch`], the defaults otherwise.
static LOAD: std::sync::OnceLock<article::LoadOptions> = std::sync::OnceLock::new();

/// The load options of this run (raw off); see [`LOAD`].
pub fn load_options() -> article::LoadOptions {
    LOAD.get().copied().unwrap_or_default()
}

/// Runs the chosen command, or the reader when there is none.
pub fn dispatch(cli: Cli) -> Result<ExitCode> {
    let _ = LOAD.set(article::LoadOptions {
        raw: false,
        follow_links: cli.reader.follow_links,
        max_file_size: cli.reader.max_file_size.saturating_mul(1 << 20),
    });
    match cli.command {
        None => crate::tui::run(cli.reader),
        Some(Command::Render(args)) => render::run(args),
        Some(Command::List(args)) => list::run(args),
        Some(Command::Search(args)) => search::run(args),
        Some(Command::Actors(args)) => actors::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Extract(args)) => extract::run(args),
        Some(Command::Doctor(args)) => doctor::run(args),
        Some(Command::Add(args)) => subscribe::add(args),
        Some(Command::Feeds(args)) => subscribe::feeds(args),
        Some(Command::Remove(args)) => subscribe::remove(args),
        Some(Command::Fetch(args)) => fetch::run(args),
        Some(Command::Import(args)) => import::run(args),
        Some(Command::Sync(args)) => sync::run(args),
        Some(Command::Mark(args)) => sync::mark(args),
    }
}

pub use crate::article::Loaded;

/// Loads the given paths (the bundled articles when there are none); `raw` skips cleaning.
pub fn load_articles(paths: &[PathBuf], raw: bool) -> Loaded {
    let opts = article::LoadOptions { raw, ..load_options() };
    let t = std::time::Instant::now();
    let spin = progress::spinner("loading articles");
    let loaded =
        if paths.is_empty() { article::load_bundled(&opts) } else { article::load_paths(paths, &opts) };
    spin.finish_and_clear();
    log::info!(
        "loaded {} articles in {:?}, {} warnings",
        loaded.articles.len(),
        t.elapsed(),
        loaded.warnings.len()
    );
    loaded.warnings.iter().for_each(|w| log::warn!("{w}"));
    loaded
}

/// Layout options from the display flags, at `width` cells, without asking the terminal: the mode
/// `--bidi` forces, visual for `auto`.
pub fn layout_options(d: &DisplayArgs, width: usize) -> LayoutOptions {
    layout_options_in(d, width, d.bidi.forced().unwrap_or(Mode::Visual))
}

/// Layout options from the display flags, at `width` cells, in `mode` (what `--bidi` resolved to).
pub fn layout_options_in(d: &DisplayArgs, width: usize, mode: Mode) -> LayoutOptions {
    LayoutOptions {
        width: width.max(1),
        direction: match d.direction {
            DirArg::Auto => BaseDirection::Auto,
            DirArg::Rtl => BaseDirection::Rtl,
            DirArg::Ltr => BaseDirection::Ltr,
        },
        order: mode.order(),
        shape: mode.shapes(d.no_shape),
    }
}

/// The terminal's width in cells, when stdout is a terminal.
pub(crate) fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size().map(|(w, _)| w.0 as usize)
}
