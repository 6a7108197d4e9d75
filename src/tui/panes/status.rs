//! The status line (article n/N, the pane, the mode, messages, the search being typed, a hint for
//! help) and the tab bar of narrow terminals.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{clean, one_row};
use crate::text::Order;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::paint::paint_row;
use crate::tui::views::Pane;

/// Draws the status line.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    if area.height == 0 {
        return;
    }
    let th = &app.theme;
    buf.set_style(area, Style::new().add_modifier(Modifier::REVERSED));
    let base = Style::new().add_modifier(Modifier::REVERSED);
    let help_key = app.keymap.key_for(Action::Help).unwrap_or("?");
    let hint = format!(" {help_key} help ");
    let hint_w = hint.chars().count() as u16;
    let room = area.width.saturating_sub(hint_w);
    if let Some(input) = &app.input {
        let prompt = if input.target == Pane::List { " filter /" } else { " find /" };
        buf.set_string(area.x, area.y, prompt, base.add_modifier(Modifier::BOLD));
        let px = prompt.chars().count() as u16;
        if room > px + 1 {
            let text_area = Rect { x: area.x + px, width: room - px - 1, ..area };
            let mut row = one_row(&clean(&input.text), text_area.width as usize, &app.layout);
            row.offset = 0;
            paint_row(buf, text_area, area.y, &row, base, |_| Style::new());
            let cursor_x = (text_area.x + row.width as u16).min(text_area.right());
            buf.set_string(cursor_x, area.y, "▏", base);
        }
    } else {
        let n = app.articles.len();
        let pos = app.reader.article.map_or(0, |i| i + 1);
        let mode = match (&app.mode, app.layout.order, app.layout.shape) {
            (Some(m), _, _) => m.as_str(),
            (None, Order::Logical, _) => "logical",
            (None, Order::Runs, _) => "kitty",
            (None, Order::Isolated, _) => "konsole",
            (None, Order::Visual, true) => "visual·shaped",
            (None, Order::Visual, false) => "visual",
        };
        // A message comes first: cut at the end of the line, it keeps its reason (the position,
        // the mode, sync and fetch progress are what gets cut).
        let mut place = format!("article {pos}/{n} │ {} │ {mode}", app.focus.label());
        if let Some(sync) = &app.sync_line {
            place.push_str(" │ ");
            place.push_str(sync);
        }
        if let Some(p) = &app.fetching {
            place.push_str(" │ ");
            place.push_str(&p.line());
        }
        let left = match &app.status {
            Some(msg) => format!(" {msg} │ {place}"),
            None => format!(" {place}"),
        };
        let text_area = Rect { width: room, ..area };
        let mut row = one_row(
            &clean(&left),
            room as usize,
            &crate::text::LayoutOptions { direction: crate::text::BaseDirection::Ltr, ..app.layout },
        );
        row.offset = 0;
        paint_row(buf, text_area, area.y, &row, base, |_| Style::new());
    }
    buf.set_string(area.x + room, area.y, &hint, base.patch(th.title()));
}

/// Draws the tab bar of narrow terminals (one pane at a time).
pub fn draw_tabs(buf: &mut Buffer, area: Rect, app: &App) {
    let mut x = area.x;
    for p in Pane::ALL {
        let label = format!(" {} ", p.label());
        let style = if p == app.focus { app.theme.selected(true) } else { app.theme.dim() };
        buf.set_stringn(x, area.y, &label, area.right().saturating_sub(x) as usize, style);
        x = x.saturating_add(label.chars().count() as u16 + 1);
        if x >= area.right() {
            break;
        }
    }
}
