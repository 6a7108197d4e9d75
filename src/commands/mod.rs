//! The non-interactive commands; plain text or JSON to stdout. Never imports `tui`'s crates.

pub mod actors;
pub mod export;
pub mod extract;
pub mod render;
pub mod search;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::article::{self, Article};
use crate::cli::{BidiMode, Cli, Command, DirArg, DisplayArgs};
use crate::error::{Error, Result};
use crate::text::{BaseDirection, LayoutOptions, Order};

/// Runs the chosen command, or the reader when there is none.
pub fn dispatch(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => crate::tui::run(cli.reader),
        Some(Command::Render(args)) => render::run(args),
        Some(Command::Search(args)) => search::run(args),
        Some(Command::Actors(args)) => actors::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Extract(args)) => extract::run(args),
        Some(_) => Err(Error::Usage("this command is not built yet".into())),
    }
}

/// Articles loaded for a command, and one-line warnings about what could not be.
#[derive(Debug, Default)]
pub struct Loaded {
    /// What loaded.
    pub articles: Vec<Article>,
    /// `PATH: problem`, one per line.
    pub warnings: Vec<String>,
}

/// Loads the given paths (the bundled articles when there are none).
pub fn load_articles(paths: &[PathBuf], raw: bool) -> Loaded {
    let _ = raw;
    let mut out = Loaded::default();
    if paths.is_empty() {
        out.articles = article::BUNDLED.iter().map(|(p, t)| article::from_plain_text(p, t)).collect();
        return out;
    }
    // Interim: a folder stands for its files, in name order (the real loader replaces this).
    let mut files = Vec::new();
    for p in paths {
        match std::fs::read_dir(p) {
            Ok(dir) => {
                let mut inner: Vec<PathBuf> =
                    dir.flatten().map(|e| e.path()).filter(|f| f.is_file()).collect();
                inner.sort();
                files.extend(inner);
            }
            Err(_) => files.push(p.clone()),
        }
    }
    for p in &files {
        match std::fs::read(p) {
            Ok(b) => out
                .articles
                .push(article::from_plain_text(&p.display().to_string(), &String::from_utf8_lossy(&b))),
            Err(e) => out.warnings.push(format!("{}: {e}", p.display())),
        }
    }
    out
}

/// Layout options from the display flags, at `width` cells.
pub fn layout_options(d: &DisplayArgs, width: usize) -> LayoutOptions {
    LayoutOptions {
        width: width.max(1),
        direction: match d.direction {
            DirArg::Auto => BaseDirection::Auto,
            DirArg::Rtl => BaseDirection::Rtl,
            DirArg::Ltr => BaseDirection::Ltr,
        },
        order: match d.bidi {
            BidiMode::Visual => Order::Visual,
            BidiMode::Logical => Order::Logical,
        },
        shape: d.shaping(),
    }
}
