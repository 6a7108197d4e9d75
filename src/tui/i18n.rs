//! The reader's words, one catalogue per language (`assets/i18n/en.toml`, `ar.toml`), and the
//! language chosen by `--lang` or the locale. Arabic also mirrors the layout ([`Lang::rtl`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::action::Action;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Arabic: Arabic labels, help and messages; the layout mirrored.
    Ar,
}

impl Lang {
    /// From the locale: `LC_ALL`, then `LC_MESSAGES`, then `LANG` (the first one set and not
    /// empty), Arabic when it names `ar` or `ar_*`.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Lang {
        let v = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| get(k).filter(|v| !v.is_empty()));
        match v {
            Some(v) if v == "ar" || v.starts_with("ar_") || v.starts_with("ar.") || v.starts_with("ar@") => {
                Lang::Ar
            }
            _ => Lang::En,
        }
    }

    /// Whether the interface reads right to left (panes and bars mirrored).
    pub fn rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The catalogue of this language.
    pub fn words(self) -> &'static Catalog {
        static EN: OnceLock<Catalog> = OnceLock::new();
        static AR: OnceLock<Catalog> = OnceLock::new();
        match self {
            Lang::En => EN.get_or_init(|| Catalog::parse(include_str!("../../assets/i18n/en.toml"), None)),
            Lang::Ar => AR.get_or_init(|| {
                Catalog::parse(include_str!("../../assets/i18n/ar.toml"), Some(Lang::En.words()))
            }),
        }
    }
}

/// One language's strings by dotted key (`status.hits`).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    map: HashMap<String, String>,
}

impl Catalog {
    /// Parses a catalogue; keys it lacks are taken from `fallback`. The built-in files are checked
    /// by the tests, so a broken one cannot ship; here it just yields the fallback's words.
    pub fn parse(src: &str, fallback: Option<&Catalog>) -> Catalog {
        let mut map = fallback.map(|f| f.map.clone()).unwrap_or_default();
        if let Ok(table) = src.parse::<toml::Table>() {
            flatten("", &table, &mut map);
        }
        Catalog { map }
    }

    /// The string for `key` (the key itself when no catalogue has it).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` with each `{name}` replaced by its value.
    pub fn fmt(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut s = self.get(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &value.to_string());
        }
        s
    }

    /// An action's line in the help overlay: `action.NAME` when the catalogue has it, else the
    /// action's doc comment (English).
    pub fn action_help(&self, a: Action) -> &str {
        self.map.get(&format!("action.{}", a.name())).map_or(a.help(), String::as_str)
    }

    /// Every key.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

fn flatten(prefix: &str, t: &toml::Table, out: &mut HashMap<String, String>) {
    for (k, v) in t {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(sub) => flatten(&key, sub, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own_keys(src: &str) -> Vec<String> {
        let mut m = HashMap::new();
        flatten("", &src.parse::<toml::Table>().expect("catalogue parses"), &mut m);
        let mut k: Vec<String> = m.into_keys().collect();
        k.sort();
        k
    }

    #[test]
    fn arabic_has_every_english_word_and_a_help_line_per_action() {
        let en = own_keys(include_str!("../../assets/i18n/en.toml"));
        let ar = own_keys(include_str!("../../assets/i18n/ar.toml"));
        for k in &en {
            assert!(ar.contains(k), "ar.toml lacks {k}");
        }
        for &a in Action::ALL {
            assert!(ar.contains(&format!("action.{}", a.name())), "ar.toml lacks help for {}", a.name());
        }
        for k in &ar {
            assert!(en.contains(k) || k.starts_with("action."), "ar.toml has {k}, unknown in en.toml");
        }
    }

    #[test]
    fn placeholders_are_filled_and_english_falls_back_to_doc_comments() {
        let en = Lang::En.words();
        assert_eq!(en.fmt("status.hits", &[("n", &3)]), "3 hits");
        assert_eq!(en.action_help(Action::Quit), Action::Quit.help());
        let ar = Lang::Ar.words();
        assert_eq!(ar.fmt("status.hits", &[("n", &3)]), "3 نتيجة");
        assert!(ar.action_help(Action::Quit).starts_with("الخروج"));
    }

    #[test]
    fn the_locale_picks_arabic() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(a, _)| *a == k).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "ar_EG.UTF-8")])), Lang::Ar);
        assert_eq!(Lang::from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "ar_EG.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LC_ALL", ""), ("LANG", "ar")])), Lang::Ar);
        assert_eq!(Lang::from_locale(env(&[("LANG", "arn_CL.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    }
}
