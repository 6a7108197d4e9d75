//! The highlights: actors with their kind and number of mentions, then quotes as "speaker: excerpt".
//! Each line starts at the interface's start side; the name or the quote takes what is left, laid
//! out and cut with `…`, so that a narrow pane (80×24, 60×20) still shows who and what.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Align, clean, frame, ltr_row, one_row, plain_row, put, put_seq};
use crate::extract::ActorKind;
use crate::tui::app::App;
use crate::tui::views::{HlItem, Pane};

/// The catalogue key of an actor kind.
pub fn kind_key(k: ActorKind) -> &'static str {
    match k {
        ActorKind::Person => "kind.person",
        ActorKind::Organization => "kind.organization",
        ActorKind::Country => "kind.country",
        ActorKind::Place => "kind.place",
        ActorKind::Other => "kind.other",
    }
}

/// Draws the highlights pane into `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let focused = app.focus == Pane::Highlights;
    let th = &app.theme;
    let w = app.words();
    let Some(ex) = app.current_extraction() else {
        let inner = frame(buf, area, w.get("pane.highlights"), th.border(focused), app);
        let msg = if app.reader.article.is_some() { "highlights.extracting" } else { "highlights.none" };
        let room = inner.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 });
        put(buf, room, room.y, w.get(msg), th.dim(), app, Align::Start);
        return;
    };
    let title = w.fmt("highlights.title", &[("actors", &ex.actors.len()), ("quotes", &ex.quotes.len())]);
    let inner = frame(buf, area, &title, th.border(focused), app);
    if inner.width < 6 || inner.height == 0 {
        return;
    }
    let items = app.hl_items();
    let cap = inner.height as usize;
    let offset = super::list::visible_offset(app.hl.offset, app.hl.selected, cap);
    let width = inner.width as usize;
    for (slot, item) in items.iter().enumerate().skip(offset).take(cap) {
        let y = inner.y + (slot - offset) as u16;
        let selected = slot == app.hl.selected;
        let base = if selected { th.selected(focused) } else { Style::new() };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        match *item {
            HlItem::Actor(i) => {
                let a = &ex.actors[i];
                // Mark, name, then kind and count as room allows: the name matters most.
                let info = format!("{} {}", w.get(kind_key(a.kind)), a.mentions.len());
                let info_row = one_row(&info, width, &app.layout);
                let show_info = width >= 24 + info_row.width;
                let name_room = width - 2 - if show_info { info_row.width + 1 } else { 0 };
                let mut parts = vec![
                    (plain_row("■ "), base.patch(th.actor(i))),
                    (one_row(&clean(&a.name), name_room, &app.layout), base.patch(th.actor(i))),
                ];
                if show_info {
                    parts.push((plain_row(" "), base));
                    parts.push((info_row, base.patch(th.dim())));
                }
                put_seq(buf, inner, y, &parts, app);
            }
            HlItem::Quote(q) => {
                let quote = &ex.quotes[q];
                // Speech by an unnamed source shows the source as written, marked as such.
                let speaker = match (ex.speaker_name(quote), &quote.source) {
                    (Some(name), _) => name.to_string(),
                    (None, Some(source)) => w.fmt("highlights.anonymous", &[("source", source)]),
                    (None, None) => "?".to_string(),
                };
                let qs = app
                    .current_article()
                    .map(|a| app.store.quote(&a.id, &crate::store::quote_key(&quote.text, quote.span.start)))
                    .unwrap_or_default();
                let mark = if qs.starred { "★" } else { "❝" };
                let note = if qs.note.is_some() { "✎" } else { " " };
                let marked = app.reader.marked_quote == Some(q);
                let st = if marked { base.patch(th.marked()) } else { base };
                let line = format!("{}: {}", clean(&speaker), clean(&quote.text));
                let parts = [
                    (ltr_row(mark, 2, &app.layout), base.patch(th.quote(quote.speaker))),
                    (
                        if qs.note.is_some() { ltr_row(note, 2, &app.layout) } else { plain_row(note) },
                        base.patch(th.note()),
                    ),
                    (one_row(&line, width.saturating_sub(2), &app.layout), st),
                ];
                put_seq(buf, inner, y, &parts, app);
            }
        }
    }
}
