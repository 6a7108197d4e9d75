//! The help overlay, generated from the keymap: every binding and what it does, in the interface's
//! language. The lines wrap at the overlay's width (laid out, so Arabic help reads right to left)
//! and scroll with the movement keys when they do not all fit (80×24, 60×20).

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::{Align, border_text, frame, put};
use crate::text::{self, LayoutOptions, Row};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::paint::paint_row;

/// One screen line of the help: the keys (on an action's first line) and a row of its text.
pub struct HelpLine {
    /// The keys, on the first line of each action.
    pub keys: Option<String>,
    /// One row of the action's description, laid out.
    pub row: Row,
    /// Secondary text (the note on rebinding keys).
    pub dim: bool,
}

/// The overlay's box in a screen `area`, its key column width and its lines.
pub fn layout(app: &App, area: Rect) -> (Rect, u16, Vec<HelpLine>) {
    let w = app.words();
    // The way out first (quit, help, close): a short terminal shows them before it must scroll.
    let mut rows = app.keymap.help_rows();
    rows.sort_by_key(|(_, a)| match a {
        Action::Quit => 0,
        Action::Help => 1,
        Action::Close => 2,
        _ => 3,
    });
    let key_w = (rows.iter().map(|(k, _)| text::str_width(k)).max().unwrap_or(0) + 1).min(17) as u16;
    let box_w = area.width.min(84);
    let text_w = box_w.saturating_sub(key_w + 5).max(8) as usize;
    let opts = LayoutOptions { width: text_w, ..app.layout };
    let mut lines = Vec::new();
    for (keys, action) in &rows {
        for (i, row) in text::layout(w.action_help(*action), &[], &opts).into_iter().enumerate() {
            lines.push(HelpLine { keys: (i == 0).then(|| keys.clone()), row, dim: false });
        }
    }
    let cfg = LayoutOptions { width: (box_w.saturating_sub(4)).max(8) as usize, ..app.layout };
    lines.push(HelpLine { keys: None, row: Row::default(), dim: true });
    for row in text::layout(w.get("help.config"), &[], &cfg) {
        lines.push(HelpLine { keys: None, row, dim: true });
    }
    let box_h = (lines.len() as u16 + 2).min(area.height);
    let r = Rect::new(area.x + (area.width - box_w) / 2, area.y + (area.height - box_h) / 2, box_w, box_h);
    (r, key_w, lines)
}

/// How far the help can scroll at this size.
pub fn max_scroll(app: &App, area: Rect) -> usize {
    let (r, _, lines) = layout(app, area);
    lines.len().saturating_sub(r.height.saturating_sub(2) as usize)
}

/// Draws the help overlay centred in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let (r, key_w, lines) = layout(app, area);
    Clear.render(r, buf);
    let th = &app.theme;
    let inner = frame(buf, r, app.words().get("help.title"), th.border(true), app);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let page = inner.height as usize;
    let scroll = app.help_scroll.min(lines.len().saturating_sub(page));
    if lines.len() > page {
        let more =
            format!("{}–{}/{} · {}", scroll + 1, scroll + page, lines.len(), app.words().get("help.scroll"));
        border_text(buf, r, r.bottom() - 1, &more, th.dim(), app, Align::End);
    }
    let body = inner.inner(Margin { horizontal: 1, vertical: 0 });
    let rtl = app.lang.rtl();
    for (i, line) in lines.iter().skip(scroll).take(page).enumerate() {
        let y = inner.y + i as u16;
        if line.dim {
            let mut row = line.row.clone();
            row.offset = if rtl { (body.width as usize).saturating_sub(row.width) } else { 0 };
            paint_row(buf, body, y, &row, th.dim(), |_| Style::new());
            continue;
        }
        // Keys at the interface's start, the description after them.
        let (keys_area, text_area) = if rtl {
            let k = Rect { x: body.right().saturating_sub(key_w), width: key_w.min(body.width), ..body };
            (k, Rect { width: body.width.saturating_sub(key_w + 1), ..body })
        } else {
            let k = Rect { width: key_w.min(body.width), ..body };
            (k, Rect { x: body.x + key_w + 1, width: body.width.saturating_sub(key_w + 1), ..body })
        };
        if let Some(keys) = &line.keys {
            put(buf, keys_area, y, keys, th.title(), app, Align::Start);
        }
        let mut row = line.row.clone();
        row.offset = if rtl { (text_area.width as usize).saturating_sub(row.width) } else { 0 };
        paint_row(buf, text_area, y, &row, Style::new(), |_| Style::new());
    }
}
