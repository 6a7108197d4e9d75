//! The article list: read/starred marks, the title right to left, its source and date, the count.
//! In an Arabic interface the marks sit at the right and the source line reads from the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{frame, ltr_row, one_row, put_seq};
use crate::tui::app::App;
use crate::tui::paint::paint_row;
use crate::tui::ui::LIST_ITEM_ROWS;
use crate::tui::views::Pane;

/// Cells kept at the start of each item for the marks (star, unread dot, note).
const MARKS: u16 = 3;

/// The list's title: the count, the filter typed or the actor whose articles are shown.
pub fn title(app: &App) -> String {
    let w = app.words();
    let (n, shown) = (app.articles.len(), app.list.visible.len());
    if let Some(actor) = &app.list.actor {
        w.fmt("list.title_actor", &[("shown", &shown), ("n", &n), ("actor", actor)])
    } else if app.list.filter.is_empty() {
        // Narrowed to a feed or tag (and sorted other than by date): said after the count.
        let mut t = match &app.scope {
            Some((_, scope)) => {
                w.fmt("list.title_scope", &[("shown", &shown), ("n", &n), ("scope", &scope.label())])
            }
            None => w.fmt("list.title", &[("n", &n)]),
        };
        if app.sort != crate::library::Sort::Date {
            t = format!("{} · {} ", t.trim_end(), app.sort.label());
        }
        t
    } else {
        w.fmt("list.title_filtered", &[("shown", &shown), ("n", &n), ("filter", &app.list.filter)])
    }
}

/// What the list shows as an article's source: the feed or site, else the file's name (not the
/// folders before it, which a narrow row would show instead).
pub fn source_of(a: &crate::library::Entry) -> String {
    match a.source.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(s) => s.to_string(),
        None => std::path::Path::new(&a.path)
            .file_name()
            .map_or_else(|| a.path.clone(), |f| f.to_string_lossy().into_owned()),
    }
}

/// Draws the list into `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let focused = app.focus == Pane::List;
    let th = &app.theme;
    let rtl = app.lang.rtl();
    let inner = frame(buf, area, &title(app), th.border(focused), app);
    if inner.width <= MARKS || inner.height == 0 {
        return;
    }
    let hits_query =
        (!app.list.filter.trim().is_empty()).then(|| crate::search::Query::parse(&app.list.filter));
    let text_w = (inner.width - MARKS) as usize;
    let text_area =
        Rect { x: if rtl { inner.x } else { inner.x + MARKS }, width: inner.width - MARKS, ..inner };
    let mark_x = |k: u16| if rtl { inner.right() - 1 - k } else { inner.x + k };
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
        if state.starred {
            buf[(mark_x(0), y)].set_symbol("★").set_style(base.patch(th.actor(4)));
        }
        if !state.read {
            buf[(mark_x(1), y)].set_symbol("●").set_style(base.patch(th.actor(0)));
        }
        if state.note.is_some() {
            buf[(mark_x(2), y)].set_symbol("✎").set_style(base.patch(th.note()));
        }
        let mut title_style = if state.read { base } else { base.patch(th.title()) };
        if a.untitled {
            // No headline in the file: its first words stand in, marked as such (dim, never
            // italic: mlterm draws italic Arabic as boxes).
            title_style = title_style.patch(th.dim());
        }
        let shown = &a.title;
        let row = one_row(shown, text_w, &app.layout);
        let hits = hits_query.as_ref().map(|q| q.find(shown)).unwrap_or_default();
        paint_row(buf, text_area, y, &row, title_style, |r| {
            if hits.iter().any(|h| h.start < r.end && r.start < h.end) { th.hit(false) } else { Style::new() }
        });
        if y + 1 < inner.bottom() {
            source_line(buf, text_area, y + 1, &a, base.patch(th.dim()), app);
        }
    }
}

/// The source and the date, each laid out on its own: a date beside an Arabic source keeps its
/// left-to-right order (one paragraph would reorder `2018-03-20T10:00:00` around the Arabic).
fn source_line(buf: &mut Buffer, area: Rect, y: u16, a: &crate::library::Entry, style: Style, app: &App) {
    let w = area.width as usize;
    let date = a.date.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(|d| {
        // Dates in every feed's format read as one (2018-03-20 10:00); where that would crowd
        // out the source, the day is enough.
        let d = super::short_date(d);
        let day = d.split_once(' ').map_or(d.as_str(), |(day, _)| day);
        ltr_row(if d.chars().count() + 3 + 12 > w { day } else { &d }, w, &app.layout)
    });
    let sep_w = if date.is_some() { 3 } else { 0 };
    let date_w = date.as_ref().map_or(0, |d| d.width);
    let src_room = w.saturating_sub(date_w + sep_w);
    let mut parts = Vec::new();
    if src_room >= 4 || date.is_none() {
        parts.push((one_row(&super::clean(&source_of(a)), src_room.max(1), &app.layout), style));
        if let Some(d) = date {
            parts.push((super::plain_row(" · "), style));
            parts.push((d, style));
        }
    } else if let Some(d) = date {
        parts.push((d, style));
    }
    put_seq(buf, area, y, &parts, app);
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
