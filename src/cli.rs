//! The command line: the reader's options and the non-interactive commands (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A terminal reader for Arabic news: right-to-left, joined, with who said what.
#[derive(Debug, Parser)]
#[command(name = "sahifa", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A command to run instead of the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the interactive reader.
    #[command(flatten)]
    pub reader: ReaderArgs,
}

/// Options of the interactive reader (`sahifa [OPTIONS] [PATH...]`).
#[derive(Debug, Args, Clone, Default)]
pub struct ReaderArgs {
    /// Files and folders to read (default: the bundled articles).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub display: DisplayArgs,
    /// Colours: auto follows NO_COLOR and the terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Do not capture the mouse (lets the terminal select text).
    #[arg(long)]
    pub no_mouse: bool,
    /// Show the text as found in the files, without removing boilerplate.
    #[arg(long)]
    pub raw: bool,
    /// The interface language: en, or ar (Arabic labels and help, the layout mirrored). Default:
    /// from LC_ALL / LC_MESSAGES / LANG, English unless they name Arabic.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Colours for a light or dark terminal background (default: asked of the terminal; a
    /// palette legible on both when it does not say).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Say more when something fails.
    #[arg(long, global = true)]
    pub verbose: bool,
    /// Follow symbolic links that lead out of a folder being read (never into /proc, /sys, /dev).
    #[arg(long, global = true)]
    pub follow_links: bool,
    /// Skip files larger than this many megabytes (with a warning); bounds the memory per article.
    #[arg(long, global = true, value_name = "MB", default_value_t = 64,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_file_size: u64,
}

/// How text is laid out for the terminal: shared by the reader and `render`.
#[derive(Debug, Args, Clone, Default)]
pub struct DisplayArgs {
    /// How right-to-left text is sent: auto picks the mode for the detected terminal (`sahifa
    /// doctor` shows which); the others force one.
    #[arg(long, value_enum, default_value_t = BidiMode::Auto)]
    pub bidi: BidiMode,
    /// Join Arabic letters into their presentation forms (default in visual mode).
    #[arg(long, overrides_with = "no_shape")]
    pub shape: bool,
    /// Leave Arabic letters unjoined.
    #[arg(long, overrides_with = "shape")]
    pub no_shape: bool,
    /// Paragraph direction: auto takes it from the first strong letter.
    #[arg(long, value_enum, default_value_t = DirArg::Auto)]
    pub direction: DirArg,
}

impl DisplayArgs {
    /// Whether to shape: on unless `--no-shape`, and never in logical order.
    pub fn shaping(&self) -> bool {
        self.bidi != BidiMode::Logical && !self.no_shape
    }
}

/// Who reorders right-to-left text, and how it is sent to the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum BidiMode {
    /// The mode of the detected terminal (visual when output is not a terminal).
    #[default]
    Auto,
    /// sahifa reorders and joins every row; bidi-aware terminals are told not to (xterm class).
    Visual,
    /// Visual, with the terminal switched to explicit mode while sahifa writes (VTE, mintty,
    /// WezTerm).
    Explicit,
    /// Visual, with mlterm's own bidi switched off while sahifa writes.
    Mlterm,
    /// Words laid out right to left, each word's letters sent as stored for the terminal to shape
    /// (kitty, which shapes each word with HarfBuzz).
    Kitty,
    /// Logical order, each right-to-left row isolated (RLI … PDI), right-aligned and pre-mirrored,
    /// for terminals that reorder every line as left-to-right text (Konsole).
    Konsole,
    /// Rows are sent in logical order for terminals that do all the bidi themselves.
    Logical,
}

impl BidiMode {
    /// The mode forced on the command line; `None` for `auto`.
    pub fn forced(self) -> Option<crate::term::Mode> {
        use crate::term::Mode;
        match self {
            BidiMode::Auto => None,
            BidiMode::Visual => Some(Mode::Visual),
            BidiMode::Explicit => Some(Mode::Explicit),
            BidiMode::Mlterm => Some(Mode::Mlterm),
            BidiMode::Kitty => Some(Mode::Kitty),
            BidiMode::Konsole => Some(Mode::Konsole),
            BidiMode::Logical => Some(Mode::Logical),
        }
    }
}

/// How the text formats of `list`, `search`, `actors` and `extract` show Arabic fields (titles,
/// names, quotes, snippets). JSON output never changes.
#[derive(Debug, Args, Clone, Default)]
pub struct FieldDisplayArgs {
    /// Arabic in the text format: visual on a terminal, logical into a pipe, unless forced.
    #[arg(long, value_enum, default_value_t = BidiChoice::Auto)]
    pub bidi: BidiChoice,
    /// Join Arabic letters into their presentation forms (default in visual output).
    #[arg(long, overrides_with = "no_shape")]
    pub shape: bool,
    /// Leave Arabic letters unjoined in visual output.
    #[arg(long, overrides_with = "shape")]
    pub no_shape: bool,
    /// Fit visual lines into N cells, wrapping long fields (default: the terminal's width; no limit
    /// into a pipe).
    #[arg(long, short, value_name = "N", value_parser = parse_width)]
    pub width: Option<usize>,
}

/// Who reorders the fields of the text formats; `auto` decides by whether stdout is a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum BidiChoice {
    /// Visual when stdout is a terminal, logical into a pipe or a file.
    #[default]
    Auto,
    /// Reordered and joined for terminals without bidi (xterm, tmux, most SSH sessions), even into a
    /// pipe.
    Visual,
    /// As stored: for scripts, grep, and terminals that do their own bidi (Konsole, GNOME Terminal).
    Logical,
    /// Words right to left, each word's letters as stored for the terminal to shape (kitty).
    Kitty,
    /// Logical, right-to-left fields isolated and pre-mirrored (Konsole).
    Konsole,
}

/// Forced paragraph direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DirArg {
    /// From the first strong character (UAX #9 P2–P3).
    #[default]
    Auto,
    /// Right to left.
    Rtl,
    /// Left to right.
    Ltr,
}

/// The widest line a `--width` may ask for: wider than any terminal, narrow enough that a typo
/// (`--width 80000000`) is caught instead of laying text out into gigabytes of padding.
pub const MAX_WIDTH: usize = 4096;

/// Parses a `--width`: a whole number of cells from 1 to [`MAX_WIDTH`]. Shared by every command
/// that takes one, so they refuse the same values with the same message.
pub fn parse_width(s: &str) -> Result<usize, String> {
    let n: usize = s.trim().parse().map_err(|_| format!("{s:?} is not a number of cells"))?;
    match n {
        0 => Err("a width of 0 cells holds no text; give at least 1".into()),
        n if n > MAX_WIDTH => Err(format!("{n} cells is wider than any terminal (at most {MAX_WIDTH})")),
        n => Ok(n),
    }
}

/// Parses a search query: empty or blank is refused (it would match every article).
pub fn parse_query(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("the query is empty: give a word or a \"phrase\" to search for".into())
    } else {
        Ok(s.to_string())
    }
}

/// The reader's interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Arabic, with the layout mirrored.
    Ar,
}

/// The terminal's background, for the reader's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour unless NO_COLOR is set or output is not a terminal.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Monochrome: highlights shown with bold, underline and reverse.
    Never,
}

/// Output format of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutFormat {
    /// A readable table or report.
    #[default]
    Text,
    /// JSON for scripts.
    Json,
}

/// Output format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    /// A Markdown report.
    #[default]
    Markdown,
    /// Everything, as JSON.
    Json,
    /// One quote a row, UTF-8 with BOM.
    Csv,
}

/// The non-interactive commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one article as the reading view lays it out, one line per screen row.
    Render(RenderArgs),
    /// One row per article: file, index, format, encoding, title, paragraphs, words.
    List(ListArgs),
    /// Actors and quotes of each article.
    Extract(ExtractArgs),
    /// Articles matching an Arabic-aware query.
    Search(SearchArgs),
    /// Actors across all articles, merged, with their quotes.
    Actors(ListArgs),
    /// A review report: articles, actors, quotes, stars and notes.
    Export(ExportArgs),
    /// Which terminal this is, the mode `--bidi auto` picks for it, and a line in each mode to
    /// check by eye.
    Doctor(DoctorArgs),
    /// Subscribe to feeds: http(s) URLs, or OPML files (every outline; folders become tags).
    Add(AddArgs),
    /// The subscriptions, with their last error.
    Feeds(FeedsArgs),
    /// Unsubscribe from feeds (their articles leave the library; reading state and notes stay).
    Remove(RemoveArgs),
    /// Fetch every subscribed feed into the library (conditional GET: unchanged feeds cost nothing).
    Fetch(FetchArgs),
    /// Put local files and folders (any format the reader opens) into the library.
    Import(ImportArgs),
    /// Sync with your feed server ([sync] in config.toml): subscriptions, articles, read and starred,
    /// both ways; changes made while it is unreachable wait and go with the next sync.
    Sync(SyncArgs),
    /// Mark library articles read, unread, starred or unstarred (the next sync sends it).
    Mark(MarkArgs),
}

/// `sahifa sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only say where sync stands (last sync, last error, changes waiting); no network.
    #[arg(long)]
    pub status: bool,
    /// Mirror notes and starred quotes to the server this time (as `mirror_notes = true` under
    /// [sync] does always), and ask again a server that refused them before.
    #[arg(long)]
    pub mirror_notes: bool,
    /// text or json.
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    pub format: OutFormat,
}

/// `sahifa mark`.
#[derive(Debug, Args)]
pub struct MarkArgs {
    /// Mark read.
    #[arg(long, conflicts_with = "unread")]
    pub read: bool,
    /// Mark unread.
    #[arg(long)]
    pub unread: bool,
    /// Star.
    #[arg(long, conflicts_with = "unstar")]
    pub star: bool,
    /// Remove the star.
    #[arg(long)]
    pub unstar: bool,
    /// List the library's articles (newest first): content id, flags, title.
    #[arg(long, conflicts_with_all = ["read", "unread", "star", "unstar"])]
    pub list: bool,
    /// Articles: their content ids (as `sahifa mark --list` shows them).
    #[arg(required_unless_present = "list", value_name = "ID")]
    pub ids: Vec<String>,
}

/// `sahifa doctor`.
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct DoctorArgs {
    /// One line: terminal, mode, and what identified it.
    #[arg(long)]
    pub brief: bool,
}

/// `sahifa add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Tag every feed added (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// For feeds that carry only summaries: fetch each item's page and keep its cleaned text.
    #[arg(long)]
    pub full_text: bool,
    /// Feed URLs (http or https) and OPML files.
    #[arg(required = true, value_name = "URL|OPML-FILE")]
    pub sources: Vec<String>,
}

/// Output format of `feeds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FeedsFormat {
    /// One block per feed: URL, title, tags, articles, last fetch or error.
    #[default]
    Text,
    /// JSON for scripts.
    Json,
    /// OPML 2.0, to import into another reader (or back into sahifa).
    Opml,
}

/// `sahifa feeds`.
#[derive(Debug, Args)]
pub struct FeedsArgs {
    /// text, json or opml.
    #[arg(long, value_enum, default_value_t = FeedsFormat::Text)]
    pub format: FeedsFormat,
    #[command(flatten)]
    pub display: FieldDisplayArgs,
}

/// `sahifa remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Feed URLs, as `sahifa feeds` shows them.
    #[arg(required = true, value_name = "URL")]
    pub urls: Vec<String>,
}

/// `sahifa fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// How many feeds to fetch at once.
    #[arg(long, short, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// Seconds before a feed that does not answer counts as failed.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
}

/// `sahifa import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files and folders (recursive); `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// `sahifa render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Width in cells (default: the terminal's, 80 when not a terminal).
    #[arg(long, short, value_parser = parse_width)]
    pub width: Option<usize>,
    #[command(flatten)]
    pub display: DisplayArgs,
    /// Show the text as found, without cleaning.
    #[arg(long)]
    pub raw: bool,
    /// Which article of a file that holds several (from 0).
    #[arg(long, default_value_t = 0)]
    pub index: usize,
    /// The file to render (default: the first bundled article; `-` reads stdin).
    pub path: Option<PathBuf>,
}

/// `sahifa list` and `sahifa actors`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// text or json.
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    pub format: OutFormat,
    /// Show the text as found, without cleaning.
    #[arg(long)]
    pub raw: bool,
    #[command(flatten)]
    pub display: FieldDisplayArgs,
    /// Show at most N rows (articles for `list`, the most mentioned actors for `actors`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
    /// Files and folders (default: the bundled articles).
    pub paths: Vec<PathBuf>,
}

/// `sahifa extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// json or text.
    #[arg(long, value_enum, default_value_t = OutFormat::Json)]
    pub format: OutFormat,
    #[command(flatten)]
    pub display: FieldDisplayArgs,
    /// Files and folders (default: the bundled articles).
    pub paths: Vec<PathBuf>,
}

/// `sahifa search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// text or json.
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    pub format: OutFormat,
    #[command(flatten)]
    pub display: FieldDisplayArgs,
    /// Search the library (feeds and imported files, newest first) through its index.
    #[arg(long, conflicts_with = "paths")]
    pub library: bool,
    /// Words (all must match), "a phrase" in quotes; Arabic spelling variants and clitics folded.
    #[arg(value_parser = parse_query)]
    pub query: String,
    /// Files and folders (default: the bundled articles).
    pub paths: Vec<PathBuf>,
}

/// `sahifa export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// markdown, json or csv.
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
    /// Only starred articles and quotes.
    #[arg(long)]
    pub starred: bool,
    /// Files and folders (default: the bundled articles).
    pub paths: Vec<PathBuf>,
}
