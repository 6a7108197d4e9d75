//! One file per pane; each draws from `&App` into a buffer area.

pub mod actors;
pub mod help;
pub mod highlights;
pub mod link;
pub mod list;
pub mod note;
pub mod prompt;
pub mod reader;
pub mod status;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use crate::text::{self, LayoutOptions, Row};

/// Draws a pane's frame with its title and returns the inner area.
pub fn frame(buf: &mut Buffer, area: Rect, title: &str, style: Style) -> Rect {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(style)
        .title(title.to_string());
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// The first screen row of `s` laid out at `width` (for one-line items: titles, names, excerpts),
/// marked with `…` on its end side when the text goes on.
pub fn one_row(s: &str, width: usize, base: &LayoutOptions) -> Row {
    // One cell is kept for the `…`.
    let opts = LayoutOptions { width: width.saturating_sub(1).max(1), ..*base };
    let mut rows = text::layout(s, &[], &opts);
    let more = rows.len() > 1;
    let mut row = if rows.is_empty() { Row::default() } else { rows.swap_remove(0) };
    if more && row.width > 0 && opts.order != text::Order::Logical {
        // The text continues at the row's end: on the left for RTL rows, on the right for LTR.
        if row.rtl {
            row.text.insert(0, '…');
            row.cells.insert(0, 0..0);
        } else {
            row.text.push('…');
            row.cells.push(0..0);
        }
        row.width += 1;
    }
    row
}

/// Text made safe for the terminal (what the user typed, labels built from article fields).
pub use crate::text::sanitize as clean; // the same rules as crate::report::line

/// A date as the list and the reader header show it: `2026-01-03 08:00` from an RFC 3339 or RFC 2822
/// date (the form feeds give), else the date as given.
pub fn short_date(d: &str) -> String {
    match crate::db::articles::parse_date(d).and_then(|s| chrono::DateTime::from_timestamp(s, 0)) {
        Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        None => clean(d).into_owned(),
    }
}
