//! The note editor's box: the note laid out right to left (or left to right), paragraph by
//! paragraph, with a block cursor (and the terminal's own cursor put there); what the keys do on
//! the bottom border.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Clear, Widget};

use super::{Align, border_text, frame};
use crate::tui::app::App;
use crate::tui::editor::Editor;
use crate::tui::paint::paint_row;

/// Draws the editor into `area`; returns where the terminal's cursor goes.
pub fn draw(buf: &mut Buffer, area: Rect, ed: &Editor, app: &App) -> Option<(u16, u16)> {
    Clear.render(area, buf);
    let w = app.words();
    let label: String = super::clean(&ed.label).chars().take(40).collect();
    let style = app.theme.border(true);
    let inner = frame(buf, area, &w.fmt("editor.title", &[("label", &label)]), style, app);
    if area.height > 1 {
        border_text(buf, area, area.bottom() - 1, w.get("editor.keys"), app.theme.dim(), app, Align::End);
    }
    let text = inner.inner(Margin { horizontal: 1, vertical: 0 });
    if text.width == 0 || text.height == 0 {
        return None;
    }
    let lines = ed.lines(text.width as usize, &app.layout);
    let cur = ed.cursor_in(&lines);
    let first = cur.row.saturating_sub(text.height as usize - 1);
    for (i, line) in lines.iter().enumerate().skip(first).take(text.height as usize) {
        paint_row(buf, text, text.y + (i - first) as u16, &line.row, Style::new(), |_| Style::new());
    }
    let y = text.y + (cur.row - first) as u16;
    let x = (text.x as isize + cur.x).clamp(text.x as isize, text.right() as isize - 1) as u16;
    if y < text.bottom() {
        let cell = &mut buf[(x, y)];
        cell.set_style(cell.style().add_modifier(Modifier::REVERSED));
        return Some((x, y));
    }
    None
}
