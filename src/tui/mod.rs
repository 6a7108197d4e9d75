//! The interactive reader: the only module that imports ratatui and crossterm.
//!
//! [`app::App`] is the state and its step function; [`ui::draw`] draws a frame from it; this module
//! runs the loop: terminal events and background extraction results in, frames out, state saved on
//! quit, on SIGTERM/SIGHUP and after a panic.

pub mod action;
pub mod actors;
pub mod app;
pub mod doc;
pub mod editor;
pub mod fetch;
pub mod i18n;
pub mod keymap;
mod library;
pub mod links;
pub mod paint;
pub mod panes;
pub mod quit;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod views;
pub mod worker;

use std::io::IsTerminal;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as TermEvent, KeyEventKind};

use crate::cli::{ColorChoice, LangArg, ReaderArgs, ThemeArg};
use crate::config::{ColorSetting, Config};
use crate::error::{Error, Result};
use crate::library::Shelf;
use app::{App, Event};

/// Opens the reader on the given paths (or the bundled articles).
pub fn run(args: ReaderArgs) -> Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "the reader needs a terminal; for scripts use a command (sahifa render, list, extract …)".into(),
        ));
    }
    let config = Config::load()?;
    // Asked before raw mode and the input thread, so the terminal's replies are read here.
    let (mode, choice) = crate::term::resolve(args.display.bidi.forced(), crate::term::Use::Reader);
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = build_app_in(&args, &config, size, None, mode)?;
    if app.theme.color && args.theme.is_none() {
        // Asked before raw mode, as detection is; a terminal that does not answer keeps the
        // palette legible on both backgrounds.
        app.theme.background = background_from(crate::term::probe::background(), |k| std::env::var(k).ok());
    }
    app.mode = Some(match &choice {
        Some(c) => format!("{} (auto: {})", mode.name(), c.id),
        None => mode.name().to_string(),
    });
    // The password is asked before the terminal is taken (a password_command may prompt).
    let sync = match config.sync.clone() {
        Some(cfg) => match (crate::sync::background::interval(&cfg), cfg.password()) {
            (None, _) => None,
            (Some(every), Ok(pw)) => Some((cfg, pw, every)),
            (Some(_), Err(e)) => {
                app.sync_line = Some(format!("sync off: {e}"));
                None
            }
        },
        None => None,
    };
    let mouse = config.mouse && !args.no_mouse;
    let spec = crate::term::Catalog::builtin().mode(mode);
    let term = terminal::enter(mouse, &spec.enter, &spec.leave, spec.order == crate::text::Order::Isolated)
        .map_err(|e| Error::Usage(format!("cannot set up the terminal: {e}")))?;
    let _guard = terminal::Guard;
    event_loop(app, term, sync)
}

/// What the background sync needs: its settings, the password, the interval.
type SyncSetup = Option<(crate::sync::SyncConfig, crate::sync::Secret, Duration)>;

/// Builds the app from the arguments and configuration: loads the articles and opens the store in
/// `data_dir` (the user's data dir when `None`).
pub fn build_app(
    args: &ReaderArgs,
    config: &Config,
    size: (u16, u16),
    data_dir: Option<std::path::PathBuf>,
) -> Result<App> {
    let mode = args.display.bidi.forced().unwrap_or(crate::term::Mode::Visual);
    build_app_in(args, config, size, data_dir, mode)
}

/// [`build_app`] with right-to-left text sent in `mode` (what `--bidi` resolved to).
pub fn build_app_in(
    args: &ReaderArgs,
    config: &Config,
    size: (u16, u16),
    data_dir: Option<std::path::PathBuf>,
    mode: crate::term::Mode,
) -> Result<App> {
    let (shelf, warnings) = open_shelf(args, data_dir.as_deref())?;
    let keymap = keymap::Keymap::new(&config.keys)?;
    let color = match (args.color, config.color) {
        (ColorChoice::Never, _) => false,
        (ColorChoice::Always, _) => true,
        (ColorChoice::Auto, ColorSetting::Never) => false,
        (ColorChoice::Auto, ColorSetting::Always) => true,
        (ColorChoice::Auto, ColorSetting::Auto) => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let (store, store_warnings) = crate::store::Store::open(data_dir);
    let layout = crate::commands::layout_options_in(&args.display, 80, mode);
    let background = match args.theme {
        Some(ThemeArg::Light) => theme::Background::Light,
        Some(ThemeArg::Dark) => theme::Background::Dark,
        None => theme::Background::Unknown,
    };
    let mut app = App::with_shelf(shelf, store, keymap, theme::Theme::new(color, background), layout, size);
    app.lang = match args.lang {
        Some(LangArg::Ar) => i18n::Lang::Ar,
        Some(LangArg::En) => i18n::Lang::En,
        None => i18n::Lang::from_locale(|k| std::env::var(k).ok()),
    };
    let msgs: Vec<String> = warnings.into_iter().chain(store_warnings).collect();
    if let Some(first) = msgs.first() {
        app.status = Some(if msgs.len() > 1 {
            app.words().fmt("status.more", &[("first", first), ("n", &(msgs.len() - 1))])
        } else {
            first.clone()
        });
    }
    app.offer_recovery();
    Ok(app)
}

/// What the reader opens: the files named, else the library (newest first), else (an empty or
/// missing library) the bundled articles. Load warnings come back to show in the status line.
fn open_shelf(args: &ReaderArgs, data_dir: Option<&std::path::Path>) -> Result<(Shelf, Vec<String>)> {
    if args.paths.is_empty() {
        let dir = data_dir.map(std::path::Path::to_path_buf).or_else(crate::store::default_dir);
        // A library that does not exist yet is not created by opening the reader.
        let db = dir.filter(|d| d.join(crate::db::DB_FILE).exists()).map(|d| crate::db::Db::open(&d));
        match db.transpose().and_then(|db| db.map_or(Ok(None), Shelf::library)) {
            Ok(Some(shelf)) => return Ok((shelf, Vec::new())),
            Ok(None) => {}
            // A library that cannot be read is said once; the bundled articles still open.
            Err(e) => {
                let loaded = crate::commands::load_articles(&args.paths, args.raw);
                let mut w = vec![e.to_string()];
                w.extend(loaded.warnings);
                return Ok((Shelf::Files(Arc::new(loaded.articles)), w));
            }
        }
    }
    let loaded = crate::commands::load_articles(&args.paths, args.raw);
    if loaded.articles.is_empty() {
        return Err(Error::nothing_loaded(&args.paths));
    }
    Ok((Shelf::Files(Arc::new(loaded.articles)), loaded.warnings))
}

/// The background from the terminal's OSC 11 answer, else from `COLORFGBG` (`fg;bg`, set by
/// rxvt and Konsole: colour 7 or 9–15 behind is light), else unknown.
pub fn background_from(osc11: Option<[u8; 3]>, env: impl Fn(&str) -> Option<String>) -> theme::Background {
    if let Some(rgb) = osc11 {
        return if crate::term::detect::is_light(rgb) {
            theme::Background::Light
        } else {
            theme::Background::Dark
        };
    }
    let bg = env("COLORFGBG").and_then(|v| v.rsplit(';').next()?.parse::<u8>().ok());
    match bg {
        Some(7 | 9..=15) => theme::Background::Light,
        Some(_) => theme::Background::Dark,
        None => theme::Background::Unknown,
    }
}

fn event_loop(mut app: App, mut term: terminal::Term, sync: SyncSetup) -> Result<ExitCode> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        let _ = signal_hook::flag::register(sig, Arc::clone(&stop));
    }
    let (tx, rx) = std::sync::mpsc::channel();
    app.background = Some(tx.clone());
    spawn_input(tx.clone());
    if let (Some((cfg, pw, every)), Some(dir)) = (sync, crate::store::default_dir()) {
        let tx = tx.clone();
        crate::sync::background::spawn(cfg, pw, dir, every, move |line| tx.send(Event::Sync(line)).is_ok());
    }
    // Files are extracted in the background; the library has every extraction stored.
    let worker = app.articles.files().map(|files| worker::Worker::spawn(Arc::clone(files), tx));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> std::io::Result<()> {
        let mut dirty = true;
        let mut last_probe = Instant::now();
        while !app.quit && !stop.load(Ordering::Relaxed) {
            for i in app.wanted.drain(..) {
                if let Some(w) = &worker {
                    w.prioritise(i);
                }
            }
            if dirty {
                let size = term.size()?;
                if (size.width, size.height) != app.size {
                    app.handle(Event::Resize(size.width, size.height));
                }
                term.draw(|f| ui::draw(f, &app))?;
                dirty = false;
                // OSC 52 copies: straight to the terminal, after the frame.
                if !app.outbox.is_empty() {
                    let out = term.backend_mut();
                    for seq in app.outbox.drain(..) {
                        out.write_all(seq.as_bytes())?;
                    }
                    out.flush()?;
                }
            }
            // The loop never blocks on the terminal itself (input is read on its own thread), so
            // signals are seen within 100 ms even if the terminal has gone away.
            let first = match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(ev) => Some(ev),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            for ev in first.into_iter().chain(std::iter::from_fn(|| rx.try_recv().ok())) {
                dirty |= match &ev {
                    Event::Extracted(i, _) => app.reader.article == Some(*i) || app.actors.is_some(),
                    _ => true,
                };
                app.handle(ev);
            }
            // A hung-up terminal (dropped SSH connection without SIGHUP reaching us) fails writes:
            // probe it once a second with a no-op attribute reset.
            if last_probe.elapsed() >= Duration::from_secs(1) {
                last_probe = Instant::now();
                let out = term.backend_mut();
                out.write_all(b"\x1b[0m")?;
                out.flush()?;
            }
        }
        Ok(())
    }));
    app.save_now();
    // Marks that could not be saved go to a recovery file, and the user is told (never silently).
    let unsaved = app.unsaved_at_exit();
    drop(term);
    terminal::restore();
    if let Some(note) = &unsaved {
        crate::report::warn(note);
    }
    let fail = if unsaved.is_some() { ExitCode::FAILURE } else { ExitCode::SUCCESS };
    match outcome {
        Ok(Ok(())) => Ok(fail),
        // The terminal is gone: state is saved; nothing more to say to anyone.
        Ok(Err(_)) if stop.load(Ordering::Relaxed) => Ok(fail),
        Ok(Err(e)) => Err(Error::Usage(format!("terminal error: {e}"))),
        Err(_) => Ok(ExitCode::from(101)),
    }
}

/// Reads terminal events on their own thread and hands them to the loop; a read error (the
/// terminal is gone) becomes [`Event::Hangup`].
fn spawn_input(tx: std::sync::mpsc::Sender<Event>) {
    let _ = std::thread::Builder::new().name("sahifa-input".into()).spawn(move || {
        loop {
            let ev = match event::read() {
                Ok(TermEvent::Key(k)) if k.kind != KeyEventKind::Release => Event::Key(k),
                Ok(TermEvent::Mouse(m)) => Event::Mouse(m),
                Ok(TermEvent::Paste(text)) => Event::Paste(text),
                Ok(TermEvent::Resize(w, h)) => Event::Resize(w, h),
                Ok(_) => continue,
                Err(_) => {
                    let _ = tx.send(Event::Hangup);
                    return;
                }
            };
            if tx.send(ev).is_err() {
                return;
            }
        }
    });
}
