//! Where each pane goes for a terminal size, and the frame drawn from the app's state.
//!
//! 120 columns and more: list, reader and highlights side by side. 80–119: list (or highlights, on a
//! key or when focused) beside the reader. Below 80: one pane at a time under a tab bar.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::App;
use super::panes;
use super::views::Pane;

/// Screen rows per article in the list (title, then source and date).
pub const LIST_ITEM_ROWS: usize = 2;

/// The rectangles of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Regions {
    /// Tab bar (narrow terminals only).
    pub tabs: Option<Rect>,
    /// Article list.
    pub list: Option<Rect>,
    /// Reading view.
    pub reader: Option<Rect>,
    /// Highlights.
    pub highlights: Option<Rect>,
    /// Status line.
    pub status: Rect,
}

/// Lays the panes out for a terminal of `size` (columns, rows).
pub fn regions(size: (u16, u16), focus: Pane, show_highlights: bool) -> Regions {
    let (w, h) = size;
    let status = Rect::new(0, h.saturating_sub(1), w, h.min(1));
    let main = Rect::new(0, 0, w, h.saturating_sub(1));
    let mut r = Regions { status, ..Regions::default() };
    if w >= 120 {
        let lw = w * 28 / 100;
        let hw = w * 27 / 100;
        r.list = Some(Rect { width: lw, ..main });
        r.reader = Some(Rect { x: lw, width: w - lw - hw, ..main });
        r.highlights = Some(Rect { x: w - hw, width: hw, ..main });
    } else if w >= 80 {
        let lw = w * 38 / 100;
        let left = Rect { width: lw, ..main };
        if show_highlights || focus == Pane::Highlights {
            r.highlights = Some(left);
        } else {
            r.list = Some(left);
        }
        r.reader = Some(Rect { x: lw, width: w - lw, ..main });
    } else {
        r.tabs = Some(Rect { height: main.height.min(1), ..main });
        let body = Rect { y: 1, height: main.height.saturating_sub(1), ..main };
        match focus {
            Pane::List => r.list = Some(body),
            Pane::Reader => r.reader = Some(body),
            Pane::Highlights => r.highlights = Some(body),
        }
    }
    r
}

/// The regions mirrored left to right (an Arabic interface: the list on the right, the
/// highlights on the left, the tab bar from the right).
pub fn mirrored(r: Regions, width: u16) -> Regions {
    let flip = |o: Option<Rect>| o.map(|rc| Rect { x: width.saturating_sub(rc.x + rc.width), ..rc });
    Regions {
        tabs: r.tabs,
        list: flip(r.list),
        reader: flip(r.reader),
        highlights: flip(r.highlights),
        status: r.status,
    }
}

/// Where the note editor opens: a box across the bottom of the screen.
pub fn editor_area(size: (u16, u16)) -> Rect {
    let (w, h) = size;
    let eh = 7.min(h);
    Rect::new(0, h.saturating_sub(eh + 1), w, eh)
}

/// Draws one frame.
pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    let r = app.regions_for((area.width, area.height));
    let buf = f.buffer_mut();
    if let Some(t) = r.tabs {
        panes::status::draw_tabs(buf, t, app);
    }
    if let Some(l) = r.list {
        panes::list::draw(buf, l, app);
    }
    if let Some(rd) = r.reader {
        panes::reader::draw(buf, rd, app);
    }
    if let Some(hl) = r.highlights {
        panes::highlights::draw(buf, hl, app);
    }
    if let Some(v) = &app.actors {
        panes::actors::draw(buf, Rect { height: area.height.saturating_sub(1), ..area }, v, app);
    }
    panes::status::draw(buf, r.status, app);
    let mut cursor = None;
    if let Some(ed) = &app.editor {
        cursor = panes::note::draw(buf, editor_area((area.width, area.height)), ed, app);
    }
    if app.help {
        panes::help::draw(buf, area, app);
        cursor = None;
    }
    if let Some(p) = &app.prompt {
        panes::prompt::draw(buf, area, p, app);
    }
    if app.layout.order == crate::text::Order::Isolated {
        write_blanks(buf);
    }
    // The terminal's own cursor shows where typing goes (hidden otherwise).
    if let Some((x, y)) = cursor {
        f.set_cursor_position((x, y));
    }
}

/// In isolated order (Konsole) every blank cell becomes an EN SPACE (bidi class WS, like a
/// space): ratatui does not send cells that stay blank, and Konsole leaves cells never written
/// out of the line it reorders, which drew right-aligned rows at the left (seen in screenshots).
fn write_blanks(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol() == " " {
            cell.set_symbol("\u{2002}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_shows_three_panes_medium_two_narrow_one() {
        let wide = regions((160, 48), Pane::List, false);
        assert!(wide.list.is_some() && wide.reader.is_some() && wide.highlights.is_some());
        let medium = regions((100, 30), Pane::List, false);
        assert!(medium.list.is_some() && medium.reader.is_some() && medium.highlights.is_none());
        let medium_hl = regions((100, 30), Pane::List, true);
        assert!(medium_hl.list.is_none() && medium_hl.highlights.is_some());
        let narrow = regions((60, 20), Pane::Reader, false);
        assert!(narrow.tabs.is_some() && narrow.list.is_none() && narrow.reader.is_some());
        let tiny = regions((1, 1), Pane::List, false);
        assert_eq!(tiny.status.height, 1);
        let m = mirrored(regions((160, 48), Pane::List, false), 160);
        assert_eq!(m.list.unwrap().right(), 160, "the list on the right");
        assert_eq!(m.highlights.unwrap().x, 0, "the highlights on the left");
        let m = mirrored(regions((100, 30), Pane::List, false), 100);
        assert_eq!(m.reader.unwrap().x, 0);
        assert_eq!(m.list.unwrap().right(), 100);
    }
}
