//! Which terminal sahifa is talking to, and how right-to-left text is sent to it.
//!
//! Terminals differ in what they do with right-to-left text: most draw cells as sent (xterm,
//! alacritty, tmux), some reorder on their own unless told not to (VTE, mintty, WezTerm, mlterm),
//! kitty shapes each word with HarfBuzz (and so reverses it), Konsole reorders whatever it gets
//! as left-to-right lines.
//! [`detect`] gathers evidence (environment, XTVERSION/DA2 replies, tmux's outer terminal) with
//! pure parsing functions; [`strategy`] reads `assets/terminals.toml`, which maps each class of
//! terminal to a [`Mode`] of the layout engine; [`probe`] is the small I/O part (asking the
//! terminal, asking tmux). No ratatui or crossterm here: commands use it as the reader does.

pub mod detect;
pub mod probe;
pub mod strategy;

use serde::Deserialize;

use crate::text::Order;

pub use detect::Evidence;
pub use strategy::{Catalog, Choice};

/// How right-to-left text is sent: one of the modes described in `assets/terminals.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Reordered and joined by sahifa (xterm class).
    Visual,
    /// Visual, with the terminal switched to explicit (no bidi) mode (VTE, mintty, WezTerm).
    Explicit,
    /// Visual, with mlterm's bidi switched off.
    Mlterm,
    /// Words right to left, each word's letters as stored (kitty shapes them).
    Kitty,
    /// Logical order in right-to-left isolates, right-aligned, pre-mirrored (Konsole).
    Konsole,
    /// Logical order, for terminals that always do bidi (Konsole).
    Logical,
}

impl Mode {
    /// Every mode, in the order `doctor` lists them.
    pub const ALL: [Mode; 6] =
        [Mode::Visual, Mode::Explicit, Mode::Mlterm, Mode::Kitty, Mode::Konsole, Mode::Logical];

    /// The mode's name, as `--bidi` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Visual => "visual",
            Mode::Explicit => "explicit",
            Mode::Mlterm => "mlterm",
            Mode::Kitty => "kitty",
            Mode::Konsole => "konsole",
            Mode::Logical => "logical",
        }
    }

    /// The layout engine's order for this mode.
    pub fn order(self) -> Order {
        Catalog::builtin().mode(self).order
    }

    /// Whether Arabic letters are sent as presentation forms (given `--no-shape` or not): only
    /// in visual order.
    pub fn shapes(self, no_shape: bool) -> bool {
        self.order() == Order::Visual && !no_shape
    }
}

/// Who the output is for: the reader (a screen of its own) or a printing command (lines that
/// stay on the terminal after sahifa exits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The interactive reader.
    Reader,
    /// `render`, `list`, `search`, `actors`, `extract`.
    Print,
}

/// The mode for output to a terminal: `forced` when given, else the detected terminal's (the
/// terminal is asked when stdin and stdout are both it). Returns the choice too when detection
/// ran, for the status bar and `doctor`.
pub fn resolve(forced: Option<Mode>, usage: Use) -> (Mode, Option<Choice>) {
    match forced {
        Some(m) => (m, None),
        None => {
            let ev = probe::gather(probe::interactive());
            let c = Catalog::builtin().choose(&ev);
            (if usage == Use::Print { c.print } else { c.mode }, Some(c))
        }
    }
}
