//! Loading articles from files, folders, stdin and the bundled seeds.
//!
//! [`load_paths`] is the entry point: it never fails; what it cannot read becomes a one-line warning
//! (`PATH: problem`) and everything else still loads. Each file goes through: gunzip (`.gz`, capped),
//! binary check, [`decode`](super::decode), format detection ([`detect`]), the format's parser (one
//! file each: [`text`], [`markdown`], [`html`], [`feed`], [`json`]), then [`clean`](super::clean)
//! unless [`LoadOptions::raw`].

pub mod detect;
pub mod feed;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;
mod walk;

use std::path::{Path, PathBuf};

use super::decode::{self, MAX_GUNZIP};
use super::{Article, Format, clean};

/// How to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Keep the text as found: no boilerplate removal, no space collapsing.
    pub raw: bool,
    /// Follow symbolic links out of a folder being walked (never into `/proc`, `/sys`, `/dev`).
    pub follow_links: bool,
    /// Files (and stdin) larger than this many bytes are skipped with a warning; a file that grows
    /// past it while read too. Bounds the memory one article can take.
    pub max_file_size: u64,
}

/// The default of [`LoadOptions::max_file_size`]: 64 MiB, far above any article.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { raw: false, follow_links: false, max_file_size: DEFAULT_MAX_FILE_SIZE }
    }
}

/// What loading produced: the articles in order, and one line per problem (`PATH: problem`).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Articles in the order of the paths, files of a folder sorted by name.
    pub articles: Vec<Article>,
    /// Problems, each one line naming the file: `PATH: problem`.
    pub warnings: Vec<String>,
}

impl Loaded {
    fn warn(&mut self, path: &str, problem: impl std::fmt::Display) {
        self.warnings.push(one_line(&format!("{path}: {problem}")));
    }

    /// `self` with `first`'s articles and warnings before its own.
    fn prepend(mut self, mut first: Loaded) -> Loaded {
        first.articles.append(&mut self.articles);
        first.warnings.append(&mut self.warnings);
        first
    }

    fn extend(&mut self, other: Loaded) {
        self.articles.extend(other.articles.into_iter().map(|mut a| {
            a.sanitize_meta();
            a
        }));
        // Warnings name files, and file names can hold anything.
        self.warnings.extend(other.warnings.into_iter().map(|w| crate::text::sanitize(&w).into_owned()));
    }
}

/// One article as a parser found it, before cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Title from metadata; `None` means "the first line of `paragraphs` is the headline, if any".
    pub title: Option<String>,
    /// Paragraphs (or lines) in order.
    pub paragraphs: Vec<String>,
    /// Link to the original.
    pub url: Option<String>,
    /// Publication date as given.
    pub date: Option<String>,
    /// Outlet or feed name.
    pub source: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// The item's identity in its feed (RSS `guid`, Atom `id`, JSON Feed `id`): a feed item seen
    /// again is the same article even when its text was edited.
    pub guid: Option<String>,
}

/// A parser's result: the format it read, its drafts, and its problems (phrases without the path).
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The format actually read (feeds say which kind they were).
    pub format: Option<Format>,
    /// The articles found.
    pub drafts: Vec<Draft>,
    /// Problems met.
    pub warnings: Vec<String>,
}

/// Loads files, folders (recursively, sorted by name, hidden entries skipped) and `-` (stdin).
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Loaded {
    let mut out = Loaded::default();
    for p in paths {
        if p.as_os_str() == "-" {
            match read_capped(std::io::stdin().lock(), 0, opts.max_file_size) {
                Ok(bytes) => out.extend(load_owned("-", bytes, None, opts)),
                Err(e) => out.warn("-", e),
            }
            continue;
        }
        let (mut files, mut warnings) = (Vec::new(), Vec::new());
        walk::collect(p, opts.follow_links, &mut files, &mut warnings);
        // Warnings name files, and file names can hold anything.
        out.warnings.extend(warnings.iter().map(|w| one_line(w)));
        for f in files {
            out.extend(load_file(&f, opts));
        }
    }
    learn_furniture(&mut out, opts);
    out
}

/// Paragraphs the articles of a batch repeat among themselves (footers, appended teasers) are
/// moved aside: see [`super::furniture`].
fn learn_furniture(out: &mut Loaded, opts: &LoadOptions) {
    if !opts.raw {
        super::furniture::apply(&mut out.articles);
    }
}

/// The files [`load_paths`] would read, in the same order (folders walked, `-` kept as it is), and
/// the problems met walking; to load a long list a part at a time.
pub fn list_files(paths: &[PathBuf], opts: &LoadOptions) -> (Vec<PathBuf>, Vec<String>) {
    let (mut files, mut warnings) = (Vec::new(), Vec::new());
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else {
            walk::collect(p, opts.follow_links, &mut files, &mut warnings);
        }
    }
    (files, warnings.iter().map(|w| one_line(w)).collect())
}

/// Loads one file: only a regular file is read (a named pipe, a device or a socket is reported and
/// skipped, never opened for a blocking read), and only up to [`LoadOptions::max_file_size`].
pub fn load_file(path: &Path, opts: &LoadOptions) -> Loaded {
    let name = path.display().to_string();
    match read_regular(path, opts.max_file_size) {
        Ok(bytes) => load_owned(&name, bytes, extension(path).as_deref(), opts),
        Err(e) => {
            let mut out = Loaded::default();
            out.warn(&name, e);
            out
        }
    }
}

/// The bytes of the regular file at `path`, at most `limit` of them; the problem as a phrase.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    // stat first: a FIFO is never opened (opening one for reading waits for a writer).
    let m = std::fs::metadata(path).map_err(|e| io_problem(&e))?;
    if m.is_dir() {
        return Err("is a folder".into());
    }
    if let Some(why) = walk::not_regular(m.file_type()) {
        return Err(why.into());
    }
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        // Swapped for a FIFO or a terminal between the stat and the open: neither blocks nor
        // becomes our controlling terminal; fstat below catches it.
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let f = open.open(path).map_err(|e| io_problem(&e))?;
    let m = f.metadata().map_err(|e| io_problem(&e))?;
    if let Some(why) = walk::not_regular(m.file_type()).or(m.is_dir().then_some("is a folder")) {
        return Err(why.into());
    }
    if m.len() > limit {
        return Err(too_big(m.len(), limit));
    }
    read_capped(f, m.len(), limit)
}

/// Reads `r` to its end, refusing (without holding more than `limit + 1` bytes) past `limit`:
/// a file that grows while read, stdin, a file whose size the system misreports.
fn read_capped(r: impl std::io::Read, hint: u64, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(hint.min(limit) as usize);
    std::io::Read::read_to_end(&mut r.take(limit.saturating_add(1)), &mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(over_limit(limit));
    }
    Ok(bytes)
}

fn too_big(size: u64, limit: u64) -> String {
    format!("{}, over the {} limit per file: skipped{RAISE}", megabytes(size), megabytes(limit))
}

fn over_limit(limit: u64) -> String {
    format!("more than the {} limit per file (or grew past it while read): skipped{RAISE}", megabytes(limit))
}

const RAISE: &str = " (--max-file-size MB raises it)";

fn megabytes(n: u64) -> String {
    let mb = n as f64 / (1 << 20) as f64;
    if mb >= 10.0 || mb.fract() == 0.0 { format!("{mb:.0} MB") } else { format!("{mb:.1} MB") }
}

/// The compiled-in sample articles, loaded like files named `seeds/…`.
pub fn load_bundled(opts: &LoadOptions) -> Loaded {
    let mut out = Loaded::default();
    for (name, text) in super::BUNDLED {
        out.extend(load_bytes(name, text.as_bytes(), Some("txt"), opts));
    }
    learn_furniture(&mut out, opts);
    out
}

/// [`load_bytes`] taking the bytes, so that plain UTF-8 is decoded without a copy and the bytes are
/// freed before parsing (memory per article stays near twice the file's size at most).
pub fn load_owned(path: &str, bytes: Vec<u8>, ext: Option<&str>, opts: &LoadOptions) -> Loaded {
    if decode::is_gzip(&bytes) || bytes.iter().all(u8::is_ascii_whitespace) || decode::looks_binary(&bytes) {
        return load_bytes(path, &bytes, ext, opts);
    }
    let ext = ext.map(str::to_ascii_lowercase);
    load_decoded(path, decode::decode_owned(bytes), ext.as_deref(), opts)
}

/// Loads the bytes of one file named `path` (as shown in warnings and articles); `ext` is the
/// file's extension (lowercase, without the dot), a hint used only when the content is ambiguous.
pub fn load_bytes(path: &str, bytes: &[u8], ext: Option<&str>, opts: &LoadOptions) -> Loaded {
    let mut out = Loaded::default();
    let mut ext = ext.map(str::to_ascii_lowercase);
    let inflated;
    let mut bytes = bytes;
    if decode::is_gzip(bytes) {
        let (data, warnings) = decode::gunzip(bytes, MAX_GUNZIP);
        for w in warnings {
            out.warn(path, w);
        }
        inflated = data;
        bytes = &inflated;
        if ext.as_deref() == Some("gz") {
            ext = Path::new(path.strip_suffix(".gz").unwrap_or(path))
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
        }
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        out.warn(path, "empty file");
        return out;
    }
    if decode::looks_binary(bytes) {
        out.warn(path, "binary file, not text: skipped");
        return out;
    }
    load_decoded(path, decode::decode(bytes), ext.as_deref(), opts).prepend(out)
}

/// The rest of [`load_bytes`], from the decoded text on.
fn load_decoded(path: &str, decoded: decode::Decoded, ext: Option<&str>, opts: &LoadOptions) -> Loaded {
    let mut out = Loaded::default();
    for w in &decoded.warnings {
        out.warn(path, w);
    }
    let kind = detect::detect(&decoded.text, ext);
    let parsed = match kind {
        Format::Text => text::parse(&decoded.text),
        Format::Markdown => markdown::parse(&decoded.text),
        Format::Html => html::parse(&decoded.text),
        Format::Rss | Format::Atom | Format::JsonFeed => feed::parse(&decoded.text),
        Format::Json | Format::JsonLines => json::parse(&decoded.text),
    };
    let encoding = decoded.encoding;
    // The parsers copied what they keep: the text goes before cleaning makes another copy.
    drop(decoded);
    for w in &parsed.warnings {
        out.warn(path, w);
    }
    let format = parsed.format.unwrap_or(kind);
    for (index, draft) in parsed.drafts.into_iter().enumerate() {
        out.articles.push(finish(path, index, format, encoding, draft, opts));
    }
    if out.articles.is_empty() && parsed.warnings.is_empty() {
        out.warn(path, "no article text found");
    }
    out
}

/// Cleans a draft (unless raw) and makes it an [`Article`].
pub fn finish(
    path: &str,
    index: usize,
    format: Format,
    encoding: &str,
    d: Draft,
    opts: &LoadOptions,
) -> Article {
    let c = if opts.raw {
        let (title, paragraphs) = clean::raw(d.title, d.paragraphs);
        clean::Cleaned { title, paragraphs, removed: Vec::new() }
    } else {
        clean::clean_full(d.title, d.paragraphs)
    };
    let mut a = Article::new(path, index, format, encoding, c.title, c.paragraphs);
    // Removed lines are shown folded in the reader: as safe as the rest.
    a.removed = c
        .removed
        .into_iter()
        .map(|mut r| {
            r.lines = r.lines.iter().map(|l| crate::text::sanitize(l).into_owned()).collect();
            r.at = r.at.min(a.paragraphs.len());
            r
        })
        .collect();
    let meta = |s: Option<String>| s.map(|s| clean::collapse_spaces(&s)).filter(|s| !s.is_empty());
    a.url = meta(d.url);
    a.date = meta(d.date);
    a.source = meta(d.source);
    a.author = meta(d.author);
    a.guid = d.guid.filter(|g| !g.trim().is_empty());
    a
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn io_problem(e: &std::io::Error) -> String {
    if e.raw_os_error() == Some(libc::ELOOP) {
        return "symbolic link loop".into();
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a folder".into(),
        _ => format!("cannot read: {e}"),
    }
}

// Warnings go to a terminal one per line: no newlines, control characters or bidi controls inside.
fn one_line(s: &str) -> String {
    crate::text::sanitize(s).into_owned()
}
