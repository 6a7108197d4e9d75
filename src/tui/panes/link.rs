//! The open article's source and date on the reader's top border (after its title), and its link
//! on the bottom border: the link as an OSC 8
//! hyperlink (terminals that know it make it clickable; others show the text), only when it is a
//! plain http(s) URL ([`crate::tui::links::safe_url`]), so nothing from a feed reaches the terminal
//! as a control sequence.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{clean, short_date};
use crate::tui::app::App;
use crate::tui::links::{osc8, safe_url};

/// The meta line of the article shown: its source and its date (each sanitised), and its link.
pub fn meta(app: &App) -> Option<(Option<String>, Option<String>, Option<String>)> {
    let e = app.articles.entry(app.reader.article?)?;
    let date = e.date.as_deref().map(short_date);
    let source = e.source.map(|s| clean(&s).into_owned()).filter(|s| !s.trim().is_empty());
    let link = e.link.as_deref().and_then(safe_url);
    Some((source, date, link))
}

/// Draws the meta line on the top border of the reader pane `area`, after its title (`title_w`
/// cells), and the link on its bottom border.
pub fn draw(buf: &mut Buffer, area: Rect, title_w: u16, app: &App, style: Style) {
    let Some((source, date, link)) = meta(app) else { return };
    if area.height < 2 || area.width < 8 {
        return;
    }
    let end = area.right().saturating_sub(2);
    let x = area.x + 2 + title_w;
    if (source.is_some() || date.is_some()) && x + 4 < end {
        // The source and the date each laid out on its own: a date beside an Arabic source
        // keeps its left-to-right order (2018-03-20 10:00), which one paragraph would reorder.
        let room = (end - x) as usize;
        let date = date.map(|d| super::ltr_row(&d, room.saturating_sub(2), &app.layout));
        let date_w = date.as_ref().map_or(0, |d| d.width + 3);
        let mut parts = vec![(super::plain_row(" "), style)];
        if let Some(src) = &source {
            let w = room.saturating_sub(date_w + 2);
            if w >= 4 || date.is_none() {
                parts.push((super::one_row(src, w.max(1), &app.layout), style));
                if date.is_some() {
                    parts.push((super::plain_row(" · "), style));
                }
            }
        }
        if let Some(d) = date {
            parts.push((d, style));
        }
        parts.push((super::plain_row(" "), style));
        super::put_seq(buf, Rect { x, y: area.y, width: end - x, height: 1 }, area.y, &parts, app);
    }
    let (x, y) = (area.x + 2, area.bottom() - 1);
    let Some(url) = link else { return };
    let room = end.saturating_sub(x) as usize;
    if room < 6 {
        return;
    }
    // Cut to the room left (the whole URL stays the link's target).
    let shown: String = if url.len() + 2 <= room {
        format!(" {url} ")
    } else {
        format!(" {}… ", &url[..room.saturating_sub(3)])
    };
    let (open, close) = osc8(&url);
    // Two cells per symbol, the second skipped: the sequence and its text reach the terminal
    // together (ratatui's hyperlink example).
    let chars: Vec<char> = shown.chars().collect();
    for (k, pair) in chars.chunks(2).enumerate() {
        let cx = x + 2 * k as u16;
        let text: String = pair.iter().collect();
        // The symbol's own width counts the URL: say how many cells it really takes.
        let width = std::num::NonZeroU16::new(pair.len() as u16).unwrap_or(std::num::NonZeroU16::MIN);
        buf[(cx, y)]
            .set_symbol(&format!("{open}{text}{close}"))
            .set_style(style)
            .set_diff_option(CellDiffOption::ForcedWidth(width));
        if pair.len() == 2 && cx + 1 < area.right() {
            buf[(cx + 1, y)].set_diff_option(CellDiffOption::Skip);
        }
    }
}
