//! The prompt overlay: a question the reader waits on (see [`crate::tui::quit`]), every line
//! wrapped, never cut, so the reason of a failed save is always read whole.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::{clean, frame};
use crate::text::{self, BaseDirection, LayoutOptions};
use crate::tui::app::App;
use crate::tui::paint::paint_row;
use crate::tui::quit::Prompt;

/// Draws `p` centred in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, p: &Prompt, app: &App) {
    let (title, lines) = p.lines(app.store.pending_changes());
    let w = area.width.min(76).max(area.width.min(20));
    let opts = LayoutOptions {
        width: w.saturating_sub(4).max(1) as usize,
        direction: BaseDirection::Ltr,
        ..app.layout
    };
    let rows: Vec<text::Row> = lines
        .iter()
        .flat_map(|l| {
            let rows = text::layout(&clean(l), &[], &opts);
            if rows.is_empty() { vec![text::Row::default()] } else { rows }
        })
        .collect();
    let h = (rows.len() as u16 + 2).min(area.height);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    Clear.render(r, buf);
    let inner = frame(buf, r, &title, app.theme.border(true), app);
    let text_area = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    for (i, row) in rows.iter().enumerate().take(inner.height as usize) {
        let mut row = row.clone();
        row.offset = 0;
        paint_row(buf, text_area, inner.y + i as u16, &row, Style::new(), |_| Style::new());
    }
}
