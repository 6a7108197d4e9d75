//! `sahifa render`: one article as the reading view lays it out, one line per screen row.
//!
//! Output: the title row(s), one blank row, then the paragraphs separated by one blank row. Every
//! printed line is exactly one screen row. In visual order (the default into a pipe) right-to-left
//! rows are padded with spaces on the left so they end at the right edge; with `--bidi logical`
//! rows are in logical order, unshaped and unpadded (same breaks); `--bidi kitty` is visual with
//! each Arabic word's letters as stored. On a terminal, `--bidi auto` takes the detected
//! terminal's mode, and a mode that switches the terminal's bidi (explicit, for VTE) writes its
//! switch before the rows and its restore after them. No other escape sequence is ever written:
//! article text is sanitised by the layout, and render adds no colours.
//!
//! `--raw` is accepted and has no effect yet: plain text is not cleaned at all for now (cleaning
//! comes with the article library).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::article::{self, Article};
use crate::cli::RenderArgs;
use crate::error::{Error, Result};
use crate::term::{self, Catalog, Mode};
use crate::text::{LayoutOptions, Layouter};

/// Runs `render`.
pub fn run(args: RenderArgs) -> Result<ExitCode> {
    let art = load(&args)?;
    let stdout = std::io::stdout();
    let width = args
        .width
        .unwrap_or_else(|| if stdout.is_terminal() { super::terminal_width().unwrap_or(80) } else { 80 });
    let forced = args.display.bidi.forced();
    // Into a pipe or a file: visual unless forced, whatever the terminal (scripts and tests see
    // the same bytes everywhere).
    let (mode, _) = if stdout.is_terminal() {
        term::resolve(forced, term::Use::Print)
    } else {
        (forced.unwrap_or(Mode::Visual), None)
    };
    let opts = super::layout_options_in(&args.display, width, mode);
    let spec = Catalog::builtin().mode(mode);
    let (enter, leave) =
        if stdout.is_terminal() { (spec.print_enter.as_str(), spec.print_leave.as_str()) } else { ("", "") };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let res = out
        .write_all(enter.as_bytes())
        .and_then(|_| write_article(&mut out, &art, &opts))
        .and_then(|_| out.write_all(leave.as_bytes()))
        .and_then(|_| out.flush());
    match res {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e)),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Gets the article to render: the file (or stdin for `-`), or the first bundled article.
fn load(args: &RenderArgs) -> Result<Article> {
    let loaded = super::load_articles(args.path.as_slice(), args.raw);
    let n = loaded.articles.len();
    let name =
        args.path.as_ref().map_or_else(|| article::BUNDLED[0].0.to_string(), |p| p.display().to_string());
    if n == 0 {
        // One line: the loader's own reason when it has one ("PATH: problem").
        return Err(match loaded.warnings.into_iter().next() {
            Some(w) => Error::Usage(w),
            None => Error::Input { path: name, reason: "no article could be loaded".into() },
        });
    }
    for w in &loaded.warnings {
        crate::report::warn(w);
    }
    loaded.articles.into_iter().nth(args.index).ok_or_else(|| Error::Input {
        path: name,
        reason: format!(
            "holds {n} article{}; there is no index {}",
            if n == 1 { "" } else { "s" },
            args.index
        ),
    })
}

/// Writes the article's rows: title, a blank row, paragraphs separated by one blank row.
///
/// A long article (a whole feed dumped into one file) is laid out on several threads, each on a
/// contiguous share of the paragraphs into its own buffer; the buffers are written in order, so the
/// output is the same byte for byte.
pub fn write_article(out: &mut impl Write, art: &Article, opts: &LayoutOptions) -> std::io::Result<()> {
    const PARALLEL_FROM: usize = 1 << 20;
    let mut lay = Layouter::new();
    write_paragraph(out, &mut lay, &art.title, opts)?;
    let pars: Vec<&str> = art.paragraph_texts().collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if art.body.len() < PARALLEL_FROM || threads < 2 || pars.len() < 2 * threads {
        write_paragraphs(out, &mut lay, &pars, opts)?;
        return out.flush();
    }
    // Cut into shares of about equal bytes.
    let share = art.body.len() / threads + 1;
    let mut chunks: Vec<&[&str]> = Vec::with_capacity(threads);
    let (mut start, mut acc) = (0, 0);
    for (i, p) in pars.iter().enumerate() {
        acc += p.len() + 2;
        if acc >= share {
            chunks.push(&pars[start..=i]);
            start = i + 1;
            acc = 0;
        }
    }
    chunks.push(&pars[start..]);
    let bufs: Vec<std::io::Result<Vec<u8>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                scope.spawn(move || {
                    let mut buf = Vec::with_capacity(chunk.iter().map(|p| p.len() * 2).sum());
                    write_paragraphs(&mut buf, &mut Layouter::new(), chunk, opts).map(|_| buf)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(std::io::Error::other("layout thread panicked"))))
            .collect()
    });
    for buf in bufs {
        out.write_all(&buf?)?;
    }
    out.flush()
}

/// Each paragraph preceded by a blank row.
fn write_paragraphs(
    out: &mut impl Write,
    lay: &mut Layouter,
    pars: &[&str],
    opts: &LayoutOptions,
) -> std::io::Result<()> {
    for p in pars {
        out.write_all(b"\n")?;
        write_paragraph(out, lay, p, opts)?;
    }
    Ok(())
}

fn write_paragraph(
    out: &mut impl Write,
    lay: &mut Layouter,
    par: &str,
    opts: &LayoutOptions,
) -> std::io::Result<()> {
    const SPACES: &[u8] = &[b' '; 256];
    let mut res = Ok(());
    lay.rows(par, opts, false, &mut |row| {
        if res.is_err() {
            return;
        }
        res = (|| {
            let mut pad = row.offset;
            while pad > 0 {
                let n = pad.min(SPACES.len());
                out.write_all(&SPACES[..n])?;
                pad -= n;
            }
            out.write_all(row.text.as_bytes())?;
            out.write_all(b"\n")
        })();
    });
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The threaded path writes exactly what one thread writes.
    #[test]
    fn parallel_output_is_the_sequential_output() {
        let par = "قال الوزير (في مؤتمر صحفي) إن «الاتفاق نهائي» بنسبة 12.5% في 2024، وفق IMF.";
        let text: String = std::iter::once("عنوان\n")
            .chain(std::iter::repeat_n(par, 9000).flat_map(|p| [p, "\n"]))
            .collect();
        let art = article::from_plain_text("big", &text);
        assert!(art.body.len() > 1 << 20);
        let opts = LayoutOptions { width: 37, ..LayoutOptions::default() };
        let mut threaded = Vec::new();
        write_article(&mut threaded, &art, &opts).expect("write to memory");
        let mut one = Vec::new();
        let mut lay = Layouter::new();
        write_paragraph(&mut one, &mut lay, &art.title, &opts).expect("write to memory");
        let pars: Vec<&str> = art.paragraph_texts().collect();
        write_paragraphs(&mut one, &mut lay, &pars, &opts).expect("write to memory");
        assert_eq!(threaded, one);
    }
}
