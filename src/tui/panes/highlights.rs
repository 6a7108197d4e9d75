//! The highlights: actors with their kind and number of mentions, then quotes as "speaker: excerpt".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{clean, frame, one_row};
use crate::tui::app::App;
use crate::tui::paint::paint_row;
use crate::tui::views::{HlItem, Pane};

/// Draws the highlights pane into `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let focused = app.focus == Pane::Highlights;
    let th = &app.theme;
    let Some(ex) = app.current_extraction() else {
        let inner = frame(buf, area, " Highlights ", th.border(focused));
        let msg = if app.reader.article.is_some() { "extracting…" } else { "no article" };
        buf.set_string(inner.x + 1, inner.y, msg, th.dim());
        return;
    };
    let title = format!(" Highlights: {} actors, {} quotes ", ex.actors.len(), ex.quotes.len());
    let inner = frame(buf, area, &title, th.border(focused));
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let items = app.hl_items();
    let cap = inner.height as usize;
    let offset = super::list::visible_offset(app.hl.offset, app.hl.selected, cap);
    for (slot, item) in items.iter().enumerate().skip(offset).take(cap) {
        let y = inner.y + (slot - offset) as u16;
        let selected = slot == app.hl.selected;
        let base = if selected { th.selected(focused) } else { Style::new() };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        match *item {
            HlItem::Actor(i) => {
                let a = &ex.actors[i];
                let info = format!("{:?} {}", a.kind, a.mentions.len()).to_lowercase();
                buf.set_string(inner.x, y, "■", base.patch(th.actor(i)));
                buf.set_string(inner.x + 2, y, &info, base.patch(th.dim()));
                let left = 3 + info.len() as u16;
                if inner.width > left + 1 {
                    let area = Rect { x: inner.x + left, width: inner.width - left, ..inner };
                    let row = one_row(&clean(&a.name), area.width as usize, &app.layout);
                    paint_row(buf, area, y, &row, base.patch(th.actor(i)), |_| Style::new());
                }
            }
            HlItem::Quote(q) => {
                let quote = &ex.quotes[q];
                // Speech by an unnamed source shows the source as written, marked as such.
                let speaker = match (ex.speaker_name(quote), &quote.source) {
                    (Some(name), _) => name.to_string(),
                    (None, Some(source)) => format!("{source} (anonymous)"),
                    (None, None) => "?".to_string(),
                };
                let qs = app
                    .current_article()
                    .map(|a| app.store.quote(&a.id, &crate::store::quote_key(&quote.text, quote.span.start)))
                    .unwrap_or_default();
                let mark = if qs.starred { "★" } else { "❝" };
                buf.set_string(inner.x, y, mark, base.patch(th.quote(quote.speaker)));
                if qs.note.is_some() {
                    buf.set_string(inner.x + 1, y, "✎", base.patch(th.note()));
                }
                let area = Rect { x: inner.x + 2, width: inner.width - 2, ..inner };
                let line = format!("{}: {}", clean(&speaker), clean(&quote.text));
                let row = one_row(&line, area.width as usize, &app.layout);
                let marked = app.reader.marked_quote == Some(q);
                let st = if marked { base.patch(th.marked()) } else { base };
                paint_row(buf, area, y, &row, st, |_| Style::new());
            }
        }
    }
}
