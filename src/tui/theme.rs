//! Colours and text attributes for the terminal's background. In monochrome (NO_COLOR, `--color
//! never`) every highlight still shows, through bold, underline and reverse.
//!
//! No italics anywhere: Arabic has no italic tradition, and mlterm draws italic Arabic as empty
//! boxes. Quotes are marked by a tint of their speaker's colour and an underline.
//!
//! The background is asked of the terminal (OSC 11, [`crate::term::probe::background`]) or given
//! with `--theme light|dark`; when nothing answers, a palette legible on both is used.

use ratatui::style::{Color, Modifier, Style};

/// What the terminal paints behind the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Background {
    /// Not known: colours that read on black and on white, no background tints.
    #[default]
    Unknown,
    /// Dark (most terminal themes; sakura, GNOME Terminal's default).
    Dark,
    /// Light (xterm's default white, many macOS profiles).
    Light,
}

/// Actor colours on a dark background (256-colour palette), with a dark tint of each for the
/// quotes its actor speaks.
const DARK: &[(u8, u8)] = &[
    (39, 17),
    (208, 52),
    (40, 22),
    (170, 53),
    (220, 58),
    (45, 23),
    (203, 52),
    (141, 54),
    (118, 22),
    (214, 94),
];

/// Actor colours on a light background: deep enough to read on white, with a pale tint of each.
const LIGHT: &[(u8, u8)] = &[
    (25, 153),
    (166, 223),
    (28, 194),
    (127, 225),
    (94, 229),
    (30, 159),
    (160, 224),
    (91, 189),
    (64, 193),
    (130, 230),
];

/// Actor colours that read on both black and white (mid-tones; no tints).
const SAFE: &[u8] = &[33, 166, 34, 163, 136, 37, 160, 98, 70, 130];

/// The styles in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used at all.
    pub color: bool,
    /// The terminal's background.
    pub background: Background,
}

impl Theme {
    /// Colours (or not) for a background.
    pub fn new(color: bool, background: Background) -> Theme {
        Theme { color, background }
    }

    fn tinted(&self) -> bool {
        self.color && self.background != Background::Unknown
    }

    /// Style of actor number `i`'s mentions.
    pub fn actor(&self, i: usize) -> Style {
        let fg = match self.background {
            Background::Dark => DARK[i % DARK.len()].0,
            Background::Light => LIGHT[i % LIGHT.len()].0,
            Background::Unknown => SAFE[i % SAFE.len()],
        };
        let st = Style::new().add_modifier(Modifier::BOLD);
        if self.color { st.fg(Color::Indexed(fg)) } else { st }
    }

    /// Style of a quote: underlined, on a tint of its speaker's colour (neutral when unattributed).
    pub fn quote(&self, speaker: Option<usize>) -> Style {
        let st = Style::new().add_modifier(Modifier::UNDERLINED);
        if !self.tinted() {
            return st;
        }
        let bg = match (self.background, speaker) {
            (Background::Dark, Some(i)) => DARK[i % DARK.len()].1,
            (Background::Light, Some(i)) => LIGHT[i % LIGHT.len()].1,
            (Background::Dark, None) => 236,
            _ => 254,
        };
        st.bg(Color::Indexed(bg))
    }

    /// A search hit or an actor mention being stepped through.
    pub fn hit(&self, current: bool) -> Style {
        match (self.color, current) {
            (true, true) => Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().fg(Color::Black).bg(Color::Indexed(180)),
            (false, true) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (false, false) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// The quote jumped to from the highlights pane.
    pub fn marked(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a list.
    pub fn selected(&self, focused: bool) -> Style {
        match (self.tinted(), self.background, focused) {
            (true, Background::Dark, true) => {
                Style::new().bg(Color::Indexed(24)).add_modifier(Modifier::BOLD)
            }
            (true, Background::Dark, false) => Style::new().bg(Color::Indexed(238)),
            (true, _, true) => Style::new().bg(Color::Indexed(153)).add_modifier(Modifier::BOLD),
            (true, _, false) => Style::new().bg(Color::Indexed(253)),
            (false, _, true) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (false, _, false) => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// Headlines.
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The user's notes.
    pub fn note(&self) -> Style {
        let fg = match self.background {
            Background::Dark => 222,
            Background::Light => 94,
            Background::Unknown => 130,
        };
        if self.color {
            Style::new().fg(Color::Indexed(fg))
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Secondary text (sources, dates, counts, untitled articles).
    pub fn dim(&self) -> Style {
        let fg = if self.background == Background::Dark { 245 } else { 242 };
        if self.color {
            Style::new().fg(Color::Indexed(fg))
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// A pane's border.
    pub fn border(&self, focused: bool) -> Style {
        match (self.color, self.background, focused) {
            (true, Background::Dark, true) => Style::new().fg(Color::Cyan),
            (true, _, true) => Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            (true, _, false) => Style::new().fg(Color::Indexed(244)),
            (false, _, true) => Style::new().add_modifier(Modifier::BOLD),
            (false, _, false) => Style::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_styles(t: &Theme) -> Vec<Style> {
        let mut v = vec![t.marked(), t.title(), t.note(), t.dim(), t.hit(true), t.hit(false)];
        for i in 0..12 {
            v.push(t.actor(i));
            v.push(t.quote(Some(i)));
        }
        v.push(t.quote(None));
        for f in [true, false] {
            v.push(t.selected(f));
            v.push(t.border(f));
        }
        v
    }

    #[test]
    fn no_italics_in_any_theme() {
        for color in [true, false] {
            for bg in [Background::Unknown, Background::Dark, Background::Light] {
                for st in all_styles(&Theme::new(color, bg)) {
                    assert!(!st.add_modifier.contains(Modifier::ITALIC), "{bg:?} {color}: {st:?}");
                }
            }
        }
    }

    #[test]
    fn quotes_are_underlined_and_tinted_for_the_background() {
        let dark = Theme::new(true, Background::Dark).quote(Some(0));
        let light = Theme::new(true, Background::Light).quote(Some(0));
        assert!(dark.add_modifier.contains(Modifier::UNDERLINED));
        assert_eq!(dark.bg, Some(Color::Indexed(17)));
        assert_eq!(light.bg, Some(Color::Indexed(153)), "a pale tint on white, not navy");
        let safe = Theme::new(true, Background::Unknown).quote(Some(0));
        assert_eq!(safe.bg, None, "no tint when the background is unknown");
        assert!(Theme::new(false, Background::Dark).quote(None).add_modifier.contains(Modifier::UNDERLINED));
    }
}
