//! The terminal catalogue (`assets/terminals.toml`, compiled in): each class of terminal, how it
//! is recognised and the [`Mode`] that reads right in it; and the choice for a piece of
//! [`Evidence`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Mode;
use super::detect::Evidence;
use crate::text::Order;

/// The catalogue's source.
pub const SOURCE: &str = include_str!("../../assets/terminals.toml");

/// The engine order of a mode, as the catalogue spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum OrderName {
    Visual,
    Runs,
    Isolated,
    Logical,
}

/// One mode: the engine's order and what is sent around the output.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeSpec {
    #[serde(rename = "order")]
    order_name: OrderName,
    /// The engine's order.
    #[serde(skip, default)]
    pub order: Order,
    /// Sent when the reader starts (after the alternate screen).
    pub enter: String,
    /// Sent when the reader ends (also on panic and signals).
    pub leave: String,
    /// Sent before the output of a printing command on a terminal.
    pub print_enter: String,
    /// Sent after it.
    pub print_leave: String,
    /// One line for `doctor`.
    pub about: String,
}

/// One class of terminal.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terminal {
    /// Short id (`kitty`, `vte`, …).
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// Prefixes of its XTVERSION reply.
    #[serde(default)]
    pub xtversion: Vec<String>,
    /// Environment variables only it sets.
    #[serde(default)]
    pub env: Vec<String>,
    /// Prefixes of its TERM.
    #[serde(default)]
    pub term: Vec<String>,
    /// Its TERM_PROGRAM values.
    #[serde(default)]
    pub term_program: Vec<String>,
    /// The first parameter of its DA2 reply.
    #[serde(default)]
    pub da2: Vec<u32>,
    /// The mode `--bidi auto` picks.
    pub mode: Mode,
    /// The mode `--bidi auto` picks for printing commands, when not `mode` (mlterm: its switch is
    /// global, so printed lines go in logical order and mlterm's own bidi draws them).
    #[serde(default)]
    pub print: Option<Mode>,
    /// The modes `doctor` shows a calibration line in.
    pub candidates: Vec<Mode>,
    /// The terminal-side fix, when there is one.
    #[serde(default)]
    pub fix: String,
}

/// The whole catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    modes: BTreeMap<Mode, ModeSpec>,
    #[serde(rename = "terminal")]
    terminals: Vec<Terminal>,
}

/// What was chosen for some evidence: the terminal class, why, and its mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The class's id in the catalogue.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What identified it (`XTVERSION kitty(0.26.5)`, `KITTY_WINDOW_ID`, …).
    pub by: String,
    /// The mode `auto` picks.
    pub mode: Mode,
    /// The mode `auto` picks for printing commands.
    pub print: Mode,
    /// Modes worth a calibration line.
    pub candidates: Vec<Mode>,
    /// The terminal-side fix.
    pub fix: String,
    /// Seen through tmux or screen.
    pub through_mux: bool,
}

impl Catalog {
    /// Parses a catalogue (the built-in one is [`Catalog::builtin`]).
    pub fn parse(src: &str) -> Result<Catalog, String> {
        let mut c: Catalog = toml::from_str(src).map_err(|e| e.to_string())?;
        for m in Mode::ALL {
            let spec = c.modes.get_mut(&m).ok_or_else(|| format!("mode {} is not described", m.name()))?;
            spec.order = match spec.order_name {
                OrderName::Visual => Order::Visual,
                OrderName::Runs => Order::Runs,
                OrderName::Isolated => Order::Isolated,
                OrderName::Logical => Order::Logical,
            };
        }
        if c.terminals.last().is_none_or(|t| t.id != "unknown") {
            return Err("the last terminal must be `unknown`, the fallback".into());
        }
        Ok(c)
    }

    /// The compiled-in catalogue.
    pub fn builtin() -> &'static Catalog {
        static C: OnceLock<Catalog> = OnceLock::new();
        // The asset is checked by a unit test; a broken one cannot ship.
        C.get_or_init(|| Catalog::parse(SOURCE).unwrap_or_else(|e| panic!("assets/terminals.toml: {e}")))
    }

    /// A mode's description.
    pub fn mode(&self, m: Mode) -> &ModeSpec {
        &self.modes[&m]
    }

    /// The terminal classes, in matching order.
    pub fn terminals(&self) -> &[Terminal] {
        &self.terminals
    }

    /// The terminal class for `ev` and the mode that reads right in it.
    ///
    /// Trusted in this order: inside tmux, what tmux says of the terminal around it (its
    /// XTVERSION, then its TERM); the terminal's own XTVERSION reply; variables only one terminal
    /// sets; TERM_PROGRAM; TERM; the DA2 reply. Nothing: `unknown` (visual).
    pub fn choose(&self, ev: &Evidence) -> Choice {
        let mux = ev.multiplexed();
        let mut tried: Vec<(String, Option<&Terminal>)> = Vec::new();
        if let Some(o) = ev.outer.as_ref().filter(|_| mux) {
            if !o.termtype.is_empty() {
                tried.push((format!("tmux client XTVERSION {}", o.termtype), self.by_xtversion(&o.termtype)));
            }
            if !o.termname.is_empty() {
                tried.push((format!("tmux client TERM={}", o.termname), self.by_term(&o.termname)));
            }
        }
        if let Some(x) = &ev.xtversion {
            tried.push((format!("XTVERSION {x}"), self.by_xtversion(x)));
        }
        // Inside tmux the variables of the terminal it was started from may be stale (another
        // client may be attached): only tmux's own count.
        let env = self.terminals.iter().filter(|t| !mux || t.id == "tmux").find_map(|t| {
            let v = t.env.iter().find(|v| ev.var(v).is_some())?;
            Some((v.clone(), t))
        });
        if let Some((v, t)) = env {
            tried.push((v, Some(t)));
        }
        if let Some(p) = ev.var("TERM_PROGRAM") {
            let t = self.terminals.iter().find(|t| t.term_program.iter().any(|x| x == p));
            tried.push((format!("TERM_PROGRAM={p}"), t));
        }
        if let Some(term) = ev.var("TERM").filter(|_| !mux) {
            tried.push((format!("TERM={term}"), self.by_term(term)));
        }
        if let Some(id) = ev.da2.as_ref().and_then(|d| d.first()) {
            let t = self.terminals.iter().find(|t| t.da2.contains(id));
            tried.push((format!("DA2 {id}"), t));
        }
        let found = tried.into_iter().find_map(|(by, t)| t.map(|t| (by, t)));
        let (by, t) = match found {
            Some(f) => f,
            None => {
                let last = self.terminals.last().unwrap_or_else(|| unreachable!("checked in parse"));
                ("nothing recognised".to_string(), last)
            }
        };
        Choice {
            id: t.id.clone(),
            name: t.name.clone(),
            by,
            mode: t.mode,
            print: t.print.unwrap_or(t.mode),
            candidates: t.candidates.clone(),
            fix: t.fix.clone(),
            through_mux: mux && t.id != "tmux",
        }
    }

    fn by_xtversion(&self, x: &str) -> Option<&Terminal> {
        let x = x.to_ascii_lowercase();
        self.terminals.iter().find(|t| t.xtversion.iter().any(|p| x.starts_with(&p.to_ascii_lowercase())))
    }

    fn by_term(&self, term: &str) -> Option<&Terminal> {
        self.terminals.iter().find(|t| t.term.iter().any(|p| term.starts_with(p.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Evidence {
        Evidence::from_env(|k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
    }

    fn pick(ev: &Evidence) -> (String, Mode) {
        let c = Catalog::builtin().choose(ev);
        (c.id, c.mode)
    }

    #[test]
    fn the_builtin_catalogue_parses_and_every_mode_has_an_order() {
        let c = Catalog::parse(SOURCE).expect("assets/terminals.toml parses");
        assert_eq!(c.mode(Mode::Kitty).order, Order::Runs);
        assert_eq!(c.mode(Mode::Logical).order, Order::Logical);
        assert_eq!(c.mode(Mode::Explicit).order, Order::Visual);
        // The reader's visual mode sends what it always sent.
        assert_eq!(c.mode(Mode::Visual).enter, "\x1b[8l\x1b[1 k\x1b]5379;use_ctl=false\x07");
        assert_eq!(c.mode(Mode::Visual).leave, "\x1b[8h\x1b[0 k\x1b]5379;use_ctl=true\x07");
        assert!(c.mode(Mode::Visual).print_enter.is_empty());
        for t in c.terminals() {
            assert!(t.candidates.contains(&t.mode), "{}: its mode is a candidate", t.id);
        }
        assert!(Catalog::parse("[modes]\n[[terminal]]\n").is_err());
    }

    #[test]
    fn environment_alone() {
        assert_eq!(pick(&env(&[("TERM", "xterm-kitty")])), ("kitty".into(), Mode::Kitty));
        assert_eq!(pick(&env(&[("KITTY_WINDOW_ID", "3"), ("TERM", "xterm-256color")])).1, Mode::Kitty);
        assert_eq!(pick(&env(&[("VTE_VERSION", "7006"), ("TERM", "xterm-256color")])).1, Mode::Explicit);
        assert_eq!(pick(&env(&[("KONSOLE_VERSION", "221203")])).1, Mode::Konsole);
        assert_eq!(pick(&env(&[("MLTERM", "3.9.3")])).1, Mode::Mlterm);
        assert_eq!(Catalog::builtin().choose(&env(&[("MLTERM", "3.9.3")])).print, Mode::Logical);
        assert_eq!(Catalog::builtin().choose(&env(&[("TERM", "xterm-kitty")])).print, Mode::Kitty);
        assert_eq!(pick(&env(&[("WEZTERM_PANE", "0")])).1, Mode::Explicit);
        assert_eq!(pick(&env(&[("WT_SESSION", "x")])), ("windows-terminal".into(), Mode::Visual));
        assert_eq!(pick(&env(&[("TERM_PROGRAM", "iTerm.app")])).0, "iterm2");
        assert_eq!(pick(&env(&[("TERM", "rxvt-unicode-256color")])).0, "urxvt");
        assert_eq!(pick(&env(&[("TERM", "st-256color")])).0, "st");
        assert_eq!(pick(&env(&[("TERM", "alacritty")])).0, "alacritty");
        assert_eq!(pick(&env(&[("TERM", "xterm"), ("XTERM_VERSION", "XTerm(379)")])).0, "xterm");
        assert_eq!(pick(&env(&[("TERM", "xterm-256color")])), ("unknown".into(), Mode::Visual));
        assert_eq!(pick(&Evidence::default()), ("unknown".into(), Mode::Visual));
    }

    #[test]
    fn xtversion_beats_the_environment_and_da2_comes_last() {
        let mut ev = env(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7006")]);
        ev.xtversion = Some("kitty(0.26.5)".into());
        let c = Catalog::builtin().choose(&ev);
        assert_eq!((c.id.as_str(), c.by.as_str()), ("kitty", "XTVERSION kitty(0.26.5)"));
        let mut ev = env(&[("TERM", "xterm-256color")]);
        ev.da2 = Some(vec![65, 7006, 1]);
        assert_eq!(pick(&ev), ("vte".into(), Mode::Explicit));
        ev.da2 = Some(vec![115, 0]);
        assert_eq!(pick(&ev).1, Mode::Konsole);
    }

    #[test]
    fn tmux_is_looked_through() {
        let mut ev = env(&[("TERM", "tmux-256color"), ("TMUX", "/tmp/t,1,0"), ("KITTY_WINDOW_ID", "1")]);
        ev.xtversion = Some("tmux 3.3a".into());
        // Without tmux's word, tmux itself (stale KITTY_WINDOW_ID is not trusted).
        assert_eq!(pick(&ev), ("tmux".into(), Mode::Visual));
        ev.outer =
            Some(crate::term::detect::Outer { termname: "xterm-kitty".into(), termtype: String::new() });
        let c = Catalog::builtin().choose(&ev);
        assert_eq!((c.id.as_str(), c.mode, c.through_mux), ("kitty", Mode::Kitty, true));
        ev.outer = Some(crate::term::detect::Outer {
            termname: "xterm-256color".into(),
            termtype: "XTerm(379)".into(),
        });
        assert_eq!(pick(&ev).0, "xterm");
    }
}
