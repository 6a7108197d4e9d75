//! One file per pane; each draws from `&App` into a buffer area.
//!
//! One rule for every string that reaches a cell (titles, labels, status, messages, overlays): it
//! goes through the layout engine ([`one_row`] and [`put`]), never straight into the buffer, so
//! that Arabic in it (a filter typed, an actor's name, an Arabic interface) is reordered and
//! joined like the article text. `tests/tui_chrome.rs` walks every pane and overlay to hold it.

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
use crate::tui::app::App;
use crate::tui::paint::paint_row;

/// Draws a pane's frame with its title (at the interface's start side, laid out) and returns the
/// inner area.
pub fn frame(buf: &mut Buffer, area: Rect, title: &str, style: Style, app: &App) -> Rect {
    let block = Block::default().borders(Borders::ALL).border_type(BorderType::Rounded).border_style(style);
    let inner = block.inner(area);
    block.render(area, buf);
    border_text(buf, area, area.y, title, style, app, Align::Start);
    inner
}

/// Writes `text` into a border row `y` of `area` (between the corners, a blank cell either side).
pub fn border_text(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style, app: &App, align: Align) {
    if text.is_empty() || area.width < 7 || area.height == 0 {
        return;
    }
    let room = Rect { x: area.x + 2, y, width: area.width - 4, height: 1 };
    let (x0, x1) = put(buf, room, y, text, style, app, align);
    if x1 > x0 {
        buf[(x0 - 1, y)].set_symbol(" ").set_style(style);
        if x1 < area.right() - 1 {
            buf[(x1, y)].set_symbol(" ").set_style(style);
        }
    }
}

/// Where a line of text sits in its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// At the interface's start: the left in English, the right in Arabic.
    Start,
    /// At the interface's end.
    End,
    /// By the text's own direction: right-to-left text at the right.
    Natural,
}

/// Paints `text` on row `y` of `area` through the layout engine (one row, cut with `…` when too
/// long), placed by `align`. Returns the columns painted (`x0..x1`).
pub fn put(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    text: &str,
    style: Style,
    app: &App,
    align: Align,
) -> (u16, u16) {
    if area.width == 0 {
        return (area.x, area.x);
    }
    let row = one_row(&clean(text), area.width as usize, &app.layout);
    put_row(buf, area, y, row, style, app, align)
}

/// [`put`] for a row already laid out.
pub fn put_row(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    mut row: Row,
    style: Style,
    app: &App,
    align: Align,
) -> (u16, u16) {
    let w = (row.width as u16).min(area.width);
    let right = match align {
        Align::Start => app.lang.rtl(),
        Align::End => !app.lang.rtl(),
        Align::Natural => row.rtl,
    };
    row.offset = if right { (area.width - w) as usize } else { 0 };
    paint_row(buf, area, y, &row, style, |_| Style::new());
    let x0 = area.x + row.offset as u16;
    (x0, x0 + w)
}

/// Paints text pieces on row `y` of `area` one after the other from the interface's start side
/// (left to right in English, right to left in Arabic), each laid out on its own, so that a date
/// or a number keeps its order beside Arabic. Returns the cells used.
pub fn put_seq(buf: &mut Buffer, area: Rect, y: u16, parts: &[(Row, Style)], app: &App) -> u16 {
    let mut used = 0u16;
    for (row, style) in parts {
        let w = (row.width as u16).min(area.width - used.min(area.width));
        if w == 0 {
            continue;
        }
        let x = if app.lang.rtl() { area.x + area.width - used - w } else { area.x + used };
        let mut r = row.clone();
        r.offset = 0;
        paint_row(buf, Rect { x, width: w, ..area }, y, &r, *style, |_| Style::new());
        used += w;
    }
    used
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

/// [`one_row`] of a left-to-right field (a date, a count, a path): its characters keep their
/// order whatever the text around it.
pub fn ltr_row(s: &str, width: usize, base: &LayoutOptions) -> Row {
    one_row(&clean(s), width, &LayoutOptions { direction: text::BaseDirection::Ltr, ..*base })
}

/// A row of neutral symbols (a separator, padding, a mark) that needs no layout: no letters.
pub fn plain_row(s: &str) -> Row {
    debug_assert!(!s.chars().any(char::is_alphabetic), "{s:?} has letters: lay it out");
    let w = text::str_width(s);
    Row { text: s.to_string(), width: w, cells: vec![0..0; w], ..Row::default() }
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
