//! Configuration: defaults from `assets/config.toml`, the user's file over them, paths from
//! `directories` (`SAHIFA_CONFIG_DIR` overrides the config dir, for tests and odd setups).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The compiled-in defaults.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

/// Colour setting from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ColorSetting {
    /// Follow NO_COLOR and the terminal.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Monochrome.
    Never,
}

/// The effective configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Capture the mouse.
    pub mouse: bool,
    /// Colour setting.
    pub color: ColorSetting,
    /// Key (as written in the file) → action name; `"none"` unbinds.
    pub keys: BTreeMap<String, String>,
    /// The feed server to sync with (`[sync]`), if any.
    pub sync: Option<crate::sync::SyncConfig>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Partial {
    mouse: Option<bool>,
    color: Option<ColorSetting>,
    #[serde(default)]
    keys: BTreeMap<String, String>,
    sync: Option<crate::sync::SyncConfig>,
}

impl Config {
    /// The defaults alone.
    pub fn defaults() -> Config {
        let p: Partial = toml::from_str(DEFAULT_CONFIG).expect("assets/config.toml is valid (tested)");
        Config {
            mouse: p.mouse.unwrap_or(true),
            color: p.color.unwrap_or_default(),
            keys: p.keys,
            sync: p.sync,
        }
    }

    /// Defaults with the user's TOML text laid over them; `origin` names it in errors.
    pub fn with_user(text: &str, origin: &Path) -> Result<Config> {
        let user: Partial = toml::from_str(text).map_err(|e| Error::Input {
            path: origin.display().to_string(),
            reason: e.message().replace('\n', " "),
        })?;
        let mut c = Config::defaults();
        if let Some(m) = user.mouse {
            c.mouse = m;
        }
        if let Some(col) = user.color {
            c.color = col;
        }
        c.keys.extend(user.keys);
        if user.sync.is_some() {
            c.sync = user.sync;
        }
        c.keys.retain(|_, v| v != "none");
        Ok(c)
    }

    /// Loads the user's `config.toml` from the config dir when there is one. A broken file is an error
    /// naming the file; a missing one is not.
    pub fn load() -> Result<Config> {
        match config_dir().map(|d| d.join("config.toml")) {
            Some(path) if path.exists() => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| Error::Io { path: path.clone(), source })?;
                Config::with_user(&text, &path)
            }
            _ => Ok(Config::defaults()),
        }
    }
}

/// The config dir: `SAHIFA_CONFIG_DIR`, else the platform's (`~/.config/sahifa`).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("SAHIFA_CONFIG_DIR") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "sahifa").map(|p| p.config_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_bind_quit() {
        let c = Config::defaults();
        assert!(c.mouse);
        assert_eq!(c.keys.get("q").map(String::as_str), Some("quit"));
        assert_eq!(c.keys.get("Ctrl-c").map(String::as_str), Some("quit"));
    }

    #[test]
    fn user_file_rebinds_and_unbinds() {
        let c = Config::with_user("mouse = false\n[keys]\nx = \"quit\"\nq = \"none\"\n", Path::new("u.toml"))
            .unwrap();
        assert!(!c.mouse);
        assert_eq!(c.keys.get("x").map(String::as_str), Some("quit"));
        assert!(!c.keys.contains_key("q"));
        assert_eq!(c.keys.get("j").map(String::as_str), Some("down"));
    }

    #[test]
    fn broken_user_file_names_the_file() {
        let e = Config::with_user("mouse = 3", Path::new("/x/config.toml")).unwrap_err().to_string();
        assert!(e.starts_with("/x/config.toml:"), "{e}");
        assert!(!e.contains('\n'));
    }
}
