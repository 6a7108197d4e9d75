//! Evidence of which terminal this is, and the pure parsers behind it: the environment variables
//! terminals set, the terminal's replies to XTVERSION (`CSI > q`), DA2 (`CSI > c`) and DA1
//! (`CSI c`, asked last: every terminal answers it, so its reply ends the wait), and what tmux says
//! of the terminal around it.
//!
//! Nothing a terminal sends back is printed as it came: [`printable`] keeps visible ASCII only.

use std::collections::BTreeMap;

/// The environment variables that say something about the terminal.
pub const ENV_VARS: &[&str] = &[
    "TERM",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "COLORTERM",
    "KITTY_WINDOW_ID",
    "KITTY_PID",
    "WEZTERM_PANE",
    "WEZTERM_EXECUTABLE",
    "VTE_VERSION",
    "MLTERM",
    "KONSOLE_VERSION",
    "KONSOLE_DBUS_SESSION",
    "WT_SESSION",
    "ITERM_SESSION_ID",
    "GHOSTTY_RESOURCES_DIR",
    "ALACRITTY_WINDOW_ID",
    "ALACRITTY_SOCKET",
    "XTERM_VERSION",
    "TMUX",
    "STY",
    "SSH_CONNECTION",
];

/// The queries sent to the terminal: XTVERSION, DA2, then DA1 (whose reply ends the wait).
pub const QUERY: &str = "\x1b[>q\x1b[>c\x1b[c";

/// What tmux reports of the terminal its client runs in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outer {
    /// The client's TERM (`#{client_termname}`), e.g. `xterm-kitty`.
    pub termname: String,
    /// The client terminal's own name and version, from its XTVERSION (`#{client_termtype}`,
    /// tmux ≥ 3.3), e.g. `kitty(0.26.5)`.
    pub termtype: String,
}

/// Everything known about the terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The set ones of [`ENV_VARS`] (values made printable).
    pub env: BTreeMap<String, String>,
    /// The XTVERSION reply, e.g. `kitty(0.26.5)` or `XTerm(379)`.
    pub xtversion: Option<String>,
    /// The parameters of the DA2 reply (`CSI > Pp ; Pv ; Pc c`).
    pub da2: Option<Vec<u32>>,
    /// Whether the terminal was asked (stdin and stdout a terminal) and whether it answered DA1.
    pub asked: bool,
    /// Whether it answered (at least DA1) before the timeout.
    pub answered: bool,
    /// Inside tmux: the terminal around it, when tmux could say.
    pub outer: Option<Outer>,
}

impl Evidence {
    /// The environment part, read through `get` (the process environment in [`super::probe`]).
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Evidence {
        let env = ENV_VARS
            .iter()
            .filter_map(|k| get(k).filter(|v| !v.is_empty()).map(|v| (k.to_string(), printable(&v, 80))))
            .collect();
        Evidence { env, ..Evidence::default() }
    }

    /// The value of an environment variable, when set and not empty.
    pub fn var(&self, k: &str) -> Option<&str> {
        self.env.get(k).map(String::as_str)
    }

    /// Whether sahifa runs inside tmux or screen (which draw cells as sent, and swallow escapes
    /// meant for the terminal around them).
    pub fn multiplexed(&self) -> bool {
        self.var("TMUX").is_some()
            || self.var("STY").is_some()
            || self.var("TERM").is_some_and(|t| t.starts_with("tmux") || t.starts_with("screen"))
    }

    /// Adds the terminal's replies (bytes read after sending [`QUERY`]).
    pub fn add_replies(&mut self, bytes: &[u8]) {
        let r = parse_replies(bytes);
        self.xtversion = r.xtversion;
        self.da2 = r.da2;
        self.answered = r.da1;
    }
}

/// The replies found in bytes read back from a terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replies {
    /// The XTVERSION text (`DCS > | text ST`), made printable.
    pub xtversion: Option<String>,
    /// The DA2 parameters.
    pub da2: Option<Vec<u32>>,
    /// Whether a DA1 reply (`CSI ? … c`) was seen: the terminal has answered everything it will.
    pub da1: bool,
}

/// Finds the XTVERSION, DA2 and DA1 replies in `bytes`, in any order, skipping anything else (a
/// key typed meanwhile, other replies).
pub fn parse_replies(bytes: &[u8]) -> Replies {
    let mut r = Replies::default();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != 0x1b {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            // DCS > | text ST (ST is ESC \ or BEL in some terminals)
            Some(b'P') if bytes.get(i + 2..i + 4) == Some(b">|") => {
                let body = &bytes[i + 4..];
                let end = body.iter().position(|&b| b == 0x1b || b == 0x07).unwrap_or(body.len());
                let text = printable(&String::from_utf8_lossy(&body[..end]), 64);
                if !text.is_empty() {
                    r.xtversion = Some(text);
                }
                i += 4 + end;
            }
            Some(b'[') => {
                let body = &bytes[i + 2..];
                let Some(end) = body.iter().position(|&b| (0x40..=0x7e).contains(&b)) else { break };
                let (params, fin) = (&body[..end], body[end]);
                if fin == b'c' {
                    match params.first() {
                        Some(b'>') => r.da2 = Some(numbers(&params[1..])),
                        Some(b'?') => r.da1 = true,
                        _ => {}
                    }
                }
                i += 2 + end + 1;
            }
            _ => i += 1,
        }
    }
    r
}

/// The colour in an OSC 11 reply (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by BEL or ST; 1 to 4 hex
/// digits a channel), scaled to 0–255, found anywhere in `bytes`.
pub fn parse_background(bytes: &[u8]) -> Option<[u8; 3]> {
    let start = bytes.windows(5).position(|w| w == b"\x1b]11;")? + 5;
    let body = &bytes[start..];
    let end = body.iter().position(|&b| b == 0x07 || b == 0x1b).unwrap_or(body.len());
    let spec = std::str::from_utf8(&body[..end]).ok()?;
    let rgb = spec.strip_prefix("rgb:").or_else(|| spec.strip_prefix("rgba:"))?;
    let mut out = [0u8; 3];
    for (o, part) in out.iter_mut().zip(rgb.split('/')) {
        if part.is_empty() || part.len() > 4 {
            return None;
        }
        let v = u32::from_str_radix(part, 16).ok()?;
        let max = (1u32 << (4 * part.len())) - 1;
        *o = (v * 255 / max) as u8;
    }
    Some(out)
}

/// Whether a colour is light (relative luminance over one half).
pub fn is_light(rgb: [u8; 3]) -> bool {
    let [r, g, b] = rgb.map(|c| c as f32 / 255.0);
    0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5
}

/// The numbers of a `;`-separated parameter list (anything else is dropped).
fn numbers(p: &[u8]) -> Vec<u32> {
    p.split(|&b| b == b';').filter_map(|n| std::str::from_utf8(n).ok()?.parse().ok()).collect()
}

/// Parses tmux's `display-message -p '#{client_termname}\t#{client_termtype}'` output.
pub fn parse_tmux(out: &str) -> Option<Outer> {
    let line = out.lines().next()?;
    let (name, kind) = line.split_once('\t').unwrap_or((line, ""));
    let o = Outer { termname: printable(name.trim(), 64), termtype: printable(kind.trim(), 64) };
    (!o.termname.is_empty() || !o.termtype.is_empty()).then_some(o)
}

/// `s` with everything but visible ASCII and spaces dropped, at most `max` characters: safe to
/// print whatever a terminal or the environment held.
pub fn printable(s: &str, max: usize) -> String {
    s.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').take(max).collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn osc_11_replies_give_the_background() {
        let white = super::parse_background(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62c").unwrap();
        assert_eq!(white, [255, 255, 255]);
        assert!(super::is_light(white));
        let black = super::parse_background(b"\x1b[?1;2c\x1b]11;rgb:0000/0000/0000\x07").unwrap();
        assert!(!super::is_light(black));
        assert_eq!(super::parse_background(b"\x1b]11;rgb:f/8/0\x07"), Some([255, 136, 0]));
        assert_eq!(super::parse_background(b"\x1b[?62c"), None, "DA1 alone: no answer");
        assert_eq!(super::parse_background(b"\x1b]11;rgb:12345/0/0\x07"), None);
    }
    use super::*;

    #[test]
    fn replies_in_any_order_with_noise() {
        let r = parse_replies(b"x\x1b[>1;4000;21c\x1bP>|kitty(0.26.5)\x1b\\\x1b[?62;22c");
        assert_eq!(r.xtversion.as_deref(), Some("kitty(0.26.5)"));
        assert_eq!(r.da2, Some(vec![1, 4000, 21]));
        assert!(r.da1);
        let r = parse_replies(b"\x1b[?1;2c");
        assert_eq!(r, Replies { da1: true, ..Replies::default() });
    }

    #[test]
    fn xtversion_is_made_printable_and_short() {
        let r = parse_replies(b"\x1bP>|evil\x07\x1b[2J\x9b\x1b\\");
        assert_eq!(r.xtversion.as_deref(), Some("evil"));
        let r = parse_replies(b"\x1bP>|XTerm(379)\xc2\x9b31m\x1b\\");
        assert_eq!(r.xtversion.as_deref(), Some("XTerm(379)31m"));
        assert_eq!(printable(&"a".repeat(100), 64).len(), 64);
    }

    #[test]
    fn truncated_and_empty_replies() {
        assert_eq!(parse_replies(b""), Replies::default());
        assert_eq!(parse_replies(b"\x1b[>1;2"), Replies::default());
        assert_eq!(parse_replies(b"\x1bP>|"), Replies::default());
        assert_eq!(parse_replies(b"\x1b[>c").da2, Some(vec![]));
    }

    #[test]
    fn environment_keeps_only_known_set_variables() {
        let e = Evidence::from_env(|k| match k {
            "TERM" => Some("xterm-kitty".into()),
            "KITTY_WINDOW_ID" => Some("1".into()),
            "VTE_VERSION" => Some(String::new()),
            "HOME" => Some("/root".into()),
            _ => None,
        });
        assert_eq!(e.var("TERM"), Some("xterm-kitty"));
        assert_eq!(e.var("VTE_VERSION"), None);
        assert_eq!(e.env.len(), 2);
        assert!(!e.multiplexed());
        let t = Evidence::from_env(|k| (k == "TMUX").then(|| "/tmp/tmux-0/default,1,0".into()));
        assert!(t.multiplexed());
    }

    #[test]
    fn tmux_outer_terminal() {
        assert_eq!(
            parse_tmux("xterm-kitty\tkitty(0.26.5)\n"),
            Some(Outer { termname: "xterm-kitty".into(), termtype: "kitty(0.26.5)".into() })
        );
        assert_eq!(
            parse_tmux("xterm-256color\t\n"),
            Some(Outer { termname: "xterm-256color".into(), termtype: String::new() })
        );
        assert_eq!(parse_tmux("\t\n"), None);
        assert_eq!(parse_tmux(""), None);
    }
}
