//! The article list: read/starred marks, the title right to left, its source and date, the count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{frame, one_row};
use crate::tui::app::App;
use crate::tui::paint::paint_row;
use crate::tui::ui::LIST_ITEM_ROWS;
use crate::tui::views::Pane;

/// Cells kept at the left of each item for the marks (star, unread dot, note).
const MARKS: u16 = 3;

/// Draws the list into `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let focused = app.focus == Pane::List;
    let th = &app.theme;
    let n = app.articles.len();
    let scope = match &app.scope {
        Some((_, s)) => format!(" · {}", super::clean(&s.label())),
        None => String::new(),
    };
    let sort = if app.sort == crate::library::Sort::Date {
        String::new()
    } else {
        format!(" · {}", app.sort.label())
    };
    let title = if let Some(actor) = &app.list.actor {
        format!(" Articles ({}/{n}) of {} ", app.list.visible.len(), super::clean(actor))
    } else if app.list.filter.is_empty() {
        format!(
            " Articles ({}{}){scope}{sort} ",
            if app.scope.is_some() { format!("{}/", app.list.visible.len()) } else { String::new() },
            n
        )
    } else {
        format!(" Articles ({}/{n}) /{} ", app.list.visible.len(), super::clean(&app.list.filter))
    };
    let inner = frame(buf, area, &title, th.border(focused));
    if inner.width <= MARKS || inner.height == 0 {
        return;
    }
    let hits_query =
        (!app.list.filter.trim().is_empty()).then(|| crate::search::Query::parse(&app.list.filter));
    let text_w = (inner.width - MARKS) as usize;
    let text_area = Rect { x: inner.x + MARKS, width: inner.width - MARKS, ..inner };
    let cap = (inner.height as usize / LIST_ITEM_ROWS).max(1);
    let offset = visible_offset(app.list.offset, app.list.selected, cap);
    for (slot, &idx) in app.list.visible.iter().skip(offset).take(cap).enumerate() {
        let Some(a) = app.articles.entry(idx) else { continue };
        let y = inner.y + (slot * LIST_ITEM_ROWS) as u16;
        let state = app.store.get(&a.id).cloned().unwrap_or_default();
        let selected = offset + slot == app.list.selected;
        let base = if selected { th.selected(focused) } else { Style::new() };
        for dy in 0..LIST_ITEM_ROWS as u16 {
            if y + dy < inner.bottom() {
                buf.set_style(Rect::new(inner.x, y + dy, inner.width, 1), base);
            }
        }
        let star = if state.starred { "★" } else { " " };
        let dot = if state.read { " " } else { "●" };
        buf.set_string(inner.x, y, star, base.patch(th.actor(4)));
        buf.set_string(inner.x + 1, y, dot, base.patch(th.actor(0)));
        if state.note.is_some() {
            buf.set_string(inner.x + 2, y, "✎", base.patch(th.note()));
        }
        let mut title_style = if state.read { base } else { base.patch(th.title()) };
        if a.untitled {
            // No headline in the file: its first words stand in, marked as such.
            title_style = title_style.patch(th.dim()).add_modifier(ratatui::style::Modifier::ITALIC);
        }
        let shown = &a.title;
        let row = one_row(shown, text_w, &app.layout);
        let hits = hits_query.as_ref().map(|q| q.find(shown)).unwrap_or_default();
        paint_row(buf, text_area, y, &row, title_style, |r| {
            if hits.iter().any(|h| h.start < r.end && r.start < h.end) { th.hit(false) } else { Style::new() }
        });
        if y + 1 < inner.bottom() {
            let date = a.date.as_deref().map(super::short_date).unwrap_or_default();
            let src = [a.source.as_deref().unwrap_or(&a.path), date.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ");
            let src_row = one_row(&super::clean(&src), text_w, &app.layout);
            paint_row(buf, text_area, y + 1, &src_row, base.patch(th.dim()), |_| Style::new());
        }
    }
}

/// The first item to show so that `selected` is visible, starting from the remembered `offset`.
pub fn visible_offset(offset: usize, selected: usize, cap: usize) -> usize {
    if selected < offset {
        selected
    } else if selected >= offset + cap {
        selected + 1 - cap
    } else {
        offset
    }
}
