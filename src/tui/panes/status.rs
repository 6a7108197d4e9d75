//! The status line (article n/N, the pane, the mode, messages, the search being typed, a hint for
//! help) and the tab bar of narrow terminals. Both mirror in an Arabic interface.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{Align, clean, one_row, put_row};
use crate::text::{BaseDirection, LayoutOptions, Order};
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
    let w = app.words();
    let rtl = app.lang.rtl();
    let base = Style::new().add_modifier(Modifier::REVERSED);
    buf.set_style(area, base);
    let help_key = app.keymap.key_for(Action::Help).unwrap_or("?");
    let hint = one_row(&w.fmt("status.help", &[("key", &help_key)]), 24, &app.layout);
    let hint_w = (hint.width as u16 + 2).min(area.width);
    let room = area.width.saturating_sub(hint_w);
    // The hint at the interface's end, the rest from its start.
    let (main, end) = if rtl {
        (Rect { x: area.x + hint_w, width: room, ..area }, Rect { width: hint_w, ..area })
    } else {
        (Rect { width: room, ..area }, Rect { x: area.x + room, width: hint_w, ..area })
    };
    put_row(
        buf,
        end.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }),
        area.y,
        hint,
        base.patch(th.title()),
        app,
        Align::Start,
    );
    let dir = if rtl { BaseDirection::Rtl } else { BaseDirection::Ltr };
    let opts = LayoutOptions { direction: dir, ..app.layout };
    if let Some(input) = &app.input {
        let prompt = w.get(if input.target == Pane::List { "status.filter" } else { "status.find" });
        let main = main.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 });
        let p = one_row(prompt, main.width as usize, &opts);
        let pw = (p.width as u16).min(main.width);
        put_row(buf, main, area.y, p, base.add_modifier(Modifier::BOLD), app, Align::Start);
        if main.width > pw + 2 {
            let text_area = if rtl {
                Rect { x: main.x + 1, width: main.width - pw - 1, ..main }
            } else {
                Rect { x: main.x + pw, width: main.width - pw - 1, ..main }
            };
            let row = one_row(&clean(&input.text), text_area.width as usize, &app.layout);
            let (x0, x1) = put_row(buf, text_area, area.y, row, base, app, Align::Start);
            // The typing cursor at the end the next letter will join: after the text in the
            // interface's direction.
            let cx = if rtl { x0.saturating_sub(1).max(main.x) } else { x1.min(main.right() - 1) };
            buf[(cx, area.y)].set_symbol("▏").set_style(base);
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
        let main = main.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 });
        let room = main.width;
        // A message comes first: cut at the end of the line, it keeps its reason (the position,
        // the mode, sync and fetch progress are what gets cut).
        let mut place = format!(
            "{} │ {} │ {mode}",
            w.fmt("status.article", &[("i", &pos), ("n", &n)]),
            app.pane_label(app.focus)
        );
        if let Some(sync) = &app.sync_line {
            place.push_str(" │ ");
            place.push_str(sync);
        }
        if let Some(p) = &app.fetching {
            place.push_str(" │ ");
            place.push_str(&p.line());
        }
        let left = match &app.status {
            Some(msg) => format!("{msg} │ {place}"),
            None => place,
        };
        let mut row = one_row(&clean(&left), room as usize, &opts);
        row.offset = if rtl { (room as usize).saturating_sub(row.width) } else { 0 };
        paint_row(buf, main, area.y, &row, base, |_| Style::new());
    }
}

/// Draws the tab bar of narrow terminals (one pane at a time), from the interface's start side.
pub fn draw_tabs(buf: &mut Buffer, area: Rect, app: &App) {
    let mut used = 0u16;
    for p in Pane::ALL {
        if used + 3 >= area.width {
            break;
        }
        let style = if p == app.focus { app.theme.selected(true) } else { app.theme.dim() };
        let mut row = one_row(app.pane_label(p), (area.width - used - 2) as usize, &app.layout);
        let w = (row.width as u16).min(area.width - used - 2);
        let tab_w = w + 2;
        let x = if app.lang.rtl() { area.right() - used - tab_w } else { area.x + used };
        buf.set_style(Rect { x, width: tab_w, ..area }, style);
        row.offset = 0;
        paint_row(buf, Rect { x: x + 1, width: w, ..area }, area.y, &row, style, |_| Style::new());
        used += tab_w + 1;
    }
}
