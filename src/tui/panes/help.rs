//! The help overlay, generated from the keymap: every binding and what it does.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::frame;
use crate::tui::app::App;

/// Draws the help overlay centred in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let rows = app.keymap.help_rows();
    let key_w = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0).min(24) as u16;
    let text_w = rows.iter().map(|(_, a)| a.help().chars().count()).max().unwrap_or(0) as u16;
    let w = (key_w + text_w + 5).min(area.width);
    let h = (rows.len() as u16 + 4).min(area.height);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    Clear.render(r, buf);
    let inner = frame(buf, r, " Help: keys (Esc closes) ", app.theme.border(true));
    for (i, (keys, action)) in rows.iter().enumerate().take(inner.height.saturating_sub(1) as usize) {
        let y = inner.y + i as u16;
        buf.set_stringn(inner.x + 1, y, keys, key_w as usize, app.theme.title());
        let x = inner.x + 2 + key_w;
        buf.set_stringn(
            x,
            y,
            action.help(),
            inner.right().saturating_sub(x) as usize,
            ratatui::style::Style::new(),
        );
    }
    let hint = "Keys are rebound in config.toml (see assets/config.toml)";
    if inner.height > rows.len() as u16 {
        buf.set_stringn(
            inner.x + 1,
            inner.bottom() - 1,
            hint,
            inner.width.saturating_sub(1) as usize,
            app.theme.dim(),
        );
    }
}
