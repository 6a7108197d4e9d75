//! The note editor's box: the note laid out right to left (or left to right) with a block cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Clear, Widget};

use super::{clean, frame};
use crate::tui::app::App;
use crate::tui::editor::Editor;
use crate::tui::paint::paint_row;

/// Draws the editor into `area`.
pub fn draw(buf: &mut Buffer, area: Rect, ed: &Editor, app: &App) {
    Clear.render(area, buf);
    let label: String = clean(&ed.label).chars().take(40).collect();
    let inner =
        frame(buf, area, &format!(" ✎ Note: {label} · Enter saves, Esc cancels "), app.theme.border(true));
    let text = inner.inner(Margin { horizontal: 1, vertical: 0 });
    if text.width == 0 || text.height == 0 {
        return;
    }
    let rows = ed.rows(text.width as usize, &app.layout);
    let cur = ed.cursor_slot(&rows);
    let first = cur.row.saturating_sub(text.height as usize - 1);
    for (i, row) in rows.iter().enumerate().skip(first).take(text.height as usize) {
        paint_row(buf, text, text.y + (i - first) as u16, row, Style::new(), |_| Style::new());
    }
    let y = text.y + (cur.row - first) as u16;
    let x = (text.x as isize + cur.x).clamp(text.x as isize, text.right() as isize - 1) as u16;
    if y < text.bottom() {
        let cell = &mut buf[(x, y)];
        cell.set_style(cell.style().add_modifier(Modifier::REVERSED));
    }
}
