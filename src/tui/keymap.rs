//! Keys to actions: parsed from the configuration's `[keys]` table (defaults from `assets/`).

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::error::{Error, Result};

/// A key with its modifiers, as bound in the config (Shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    mods: KeyModifiers,
}

impl Key {
    /// The key a terminal event stands for.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match ev.code {
            // Ctrl-C may arrive as 'C' with shift on some terminals.
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::ALT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses `j`, `G`, `?`, `Enter`, `Ctrl-c`, `Alt-x`, `Shift-Tab`, `F5` …
    pub fn parse(s: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-").or_else(|| rest.strip_prefix("C-")) {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Alt-").or_else(|| rest.strip_prefix("M-")) {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Shift-") {
                if r == "Tab" {
                    return Some(Key { code: KeyCode::BackTab, mods });
                }
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) { c.to_ascii_lowercase() } else { c })
            }
            _ => match rest {
                "Enter" | "Return" => KeyCode::Enter,
                "Esc" | "Escape" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Space" => KeyCode::Char(' '),
                "Up" => KeyCode::Up,
                "Down" => KeyCode::Down,
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "PageUp" => KeyCode::PageUp,
                "PageDown" => KeyCode::PageDown,
                "Home" => KeyCode::Home,
                "End" => KeyCode::End,
                "Backspace" => KeyCode::Backspace,
                "Delete" => KeyCode::Delete,
                f if f.starts_with('F') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
                _ => return None,
            },
        };
        Some(Key { code, mods })
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    map: HashMap<Key, Action>,
    /// (key as written, action), sorted by action then key, for the help overlay.
    listed: Vec<(String, Action)>,
}

impl Keymap {
    /// Builds the keymap from `key → action name` pairs; an unknown key or action is an error that
    /// names it.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a String, &'a String)>) -> Result<Keymap> {
        let mut map = HashMap::new();
        let mut listed = Vec::new();
        for (k, a) in pairs {
            let key = Key::parse(k).ok_or_else(|| Error::Usage(format!("config: unknown key {k:?}")))?;
            let action = Action::from_name(a)
                .ok_or_else(|| Error::Usage(format!("config: unknown action {a:?} for key {k:?}")))?;
            map.insert(key, action);
            listed.push((k.clone(), action));
        }
        listed.sort_by(|a, b| (a.1, a.0.len(), &a.0).cmp(&(b.1, b.0.len(), &b.0)));
        Ok(Keymap { map, listed })
    }

    /// The action bound to a key event.
    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        self.map.get(&Key::from_event(ev)).copied()
    }

    /// The keys bound to each action, in help order (actions without a key are left out).
    pub fn help_rows(&self) -> Vec<(String, Action)> {
        Action::ALL
            .iter()
            .filter_map(|&a| {
                let keys: Vec<&str> =
                    self.listed.iter().filter(|(_, b)| *b == a).map(|(k, _)| k.as_str()).collect();
                (!keys.is_empty()).then(|| (keys.join(" "), a))
            })
            .collect()
    }

    /// The first key bound to an action, for hints (e.g. `?`).
    pub fn key_for(&self, a: Action) -> Option<&str> {
        self.listed.iter().find(|(_, b)| *b == a).map(|(k, _)| k.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_bind_the_documented_keys() {
        let km = Keymap::new(&Config::defaults().keys).unwrap();
        assert_eq!(km.action(&ev(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Action::Down));
        assert_eq!(km.action(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::Bottom));
        assert_eq!(km.action(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(km.action(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevPane));
        assert_eq!(km.action(&ev(KeyCode::Char('?'), KeyModifiers::NONE)), Some(Action::Help));
        assert_eq!(km.action(&ev(KeyCode::Char(' '), KeyModifiers::NONE)), Some(Action::PageDown));
        assert_eq!(km.action(&ev(KeyCode::Char('z'), KeyModifiers::NONE)), Some(Action::ToggleRemoved));
        assert_eq!(km.action(&ev(KeyCode::Char('~'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn help_rows_list_every_bound_action() {
        let km = Keymap::new(&Config::defaults().keys).unwrap();
        let rows = km.help_rows();
        assert!(rows.iter().any(|(k, a)| k.contains('q') && *a == Action::Quit));
        assert_eq!(rows.len(), Action::ALL.len());
        assert_eq!(km.key_for(Action::Help), Some("?"));
    }

    #[test]
    fn unknown_names_are_reported() {
        let bad = [("j".to_string(), "fly".to_string())];
        let e = Keymap::new(bad.iter().map(|(a, b)| (a, b))).unwrap_err().to_string();
        assert!(e.contains("fly"));
        assert!(Key::parse("Hyper-x").is_none());
        assert_eq!(Key::parse("F5").map(|k| k.code), Some(KeyCode::F(5)));
    }
}
