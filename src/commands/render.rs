//! `sahifa render`: one article as the reading view lays it out, one line per screen row.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::article;
use crate::cli::{BidiMode, DirArg, RenderArgs};
use crate::error::{Error, Result};
use crate::text::{self, BaseDirection, LayoutOptions, Order};

/// Runs `render`.
pub fn run(args: RenderArgs) -> Result<ExitCode> {
    // Temporary (branch `article`): render reads through the article loader.
    let opts = article::LoadOptions { raw: args.raw };
    let loaded = match &args.path {
        None => article::load_bundled(&opts),
        Some(p) => article::load_paths(std::slice::from_ref(p), &opts),
    };
    for w in &loaded.warnings {
        eprintln!("sahifa: {w}");
    }
    let Some(art) = loaded.articles.into_iter().nth(args.index) else {
        return Err(Error::Usage(format!("no article at index {}", args.index)));
    };
    let stdout = std::io::stdout();
    let width =
        args.width.unwrap_or_else(|| if stdout.is_terminal() { terminal_width().unwrap_or(80) } else { 80 });
    let opts = LayoutOptions {
        width: width.max(1),
        direction: match args.display.direction {
            DirArg::Auto => BaseDirection::Auto,
            DirArg::Rtl => BaseDirection::Rtl,
            DirArg::Ltr => BaseDirection::Ltr,
        },
        order: match args.display.bidi {
            BidiMode::Visual => Order::Visual,
            BidiMode::Logical => Order::Logical,
        },
        shape: args.display.shaping(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let write_par = |out: &mut dyn Write, par: &str| -> std::io::Result<()> {
        for row in text::layout(par, &[], &opts) {
            for _ in 0..row.offset {
                out.write_all(b" ")?;
            }
            out.write_all(row.text.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    };
    let res = (|| {
        write_par(&mut out, &art.title)?;
        for p in art.paragraph_texts() {
            out.write_all(b"\n")?;
            write_par(&mut out, p)?;
        }
        out.flush()
    })();
    match res {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e)),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size().map(|(w, _)| w.0 as usize)
}
