//! Colours and text attributes. In monochrome (NO_COLOR, `--color never`) every highlight still shows,
//! through bold, underline, italic and reverse.

use ratatui::style::{Color, Modifier, Style};

/// Actor colours (256-colour palette: readable over SSH on dark and light backgrounds), with a dark
/// tint of each for the quotes its actor speaks.
const PALETTE: &[(u8, u8)] = &[
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

/// The styles in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used at all.
    pub color: bool,
}

impl Theme {
    /// Style of actor number `i`'s mentions.
    pub fn actor(&self, i: usize) -> Style {
        if self.color {
            Style::new().fg(Color::Indexed(PALETTE[i % PALETTE.len()].0)).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Style of a quote, tinted with its speaker's colour (or neutral when unattributed).
    pub fn quote(&self, speaker: Option<usize>) -> Style {
        match (self.color, speaker) {
            (true, Some(i)) => {
                Style::new().bg(Color::Indexed(PALETTE[i % PALETTE.len()].1)).add_modifier(Modifier::ITALIC)
            }
            (true, None) => Style::new().bg(Color::Indexed(236)).add_modifier(Modifier::ITALIC),
            (false, _) => Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC),
        }
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
        match (self.color, focused) {
            (true, true) => Style::new().bg(Color::Indexed(24)).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().bg(Color::Indexed(238)),
            (false, true) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (false, false) => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// Headlines.
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The user's notes.
    pub fn note(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Indexed(222)).add_modifier(Modifier::ITALIC)
        } else {
            Style::new().add_modifier(Modifier::ITALIC)
        }
    }

    /// Secondary text (sources, dates, counts).
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Indexed(245))
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// A pane's border.
    pub fn border(&self, focused: bool) -> Style {
        match (self.color, focused) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().fg(Color::Indexed(240)),
            (false, true) => Style::new().add_modifier(Modifier::BOLD),
            (false, false) => Style::new(),
        }
    }
}
