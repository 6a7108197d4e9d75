//! The reading view: the title, then the paragraphs laid out right to left at the pane's width, with
//! actors in their colours, quotes tinted with their speaker's colour, search hits and a scrollbar.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::{Align, frame, put};
use crate::extract::Extraction;
use crate::tui::app::App;
use crate::tui::doc::Source;
use crate::tui::paint::paint_row;
use crate::tui::theme::Theme;
use crate::tui::views::{Hits, Pane};

/// Draws the reading view into `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let focused = app.focus == Pane::Reader;
    let th = &app.theme;
    let pending = app.reader.article.is_some() && app.current_extraction().is_none();
    let w = app.words();
    let title = match app.reader.article {
        Some(i) => {
            let t = w.fmt("reader.title", &[("i", &(i + 1)), ("n", &app.articles.len())]);
            if pending { format!("{t} · {}", w.get("reader.extracting")) } else { t }
        }
        None => w.get("pane.reader").to_string(),
    };
    let inner = frame(buf, area, &title, th.border(focused), app);
    super::link::draw(buf, area, title.chars().count() as u16, app, th.dim());
    let text_area = inner.inner(Margin { horizontal: 1, vertical: 0 });
    let Some(doc) = &app.reader.doc else {
        put(buf, text_area, text_area.y, w.get("reader.none"), th.dim(), app, Align::Start);
        return;
    };
    let styler = Styler::new(
        app.current_extraction().map(|e| &**e),
        app.reader.hits.as_ref(),
        app.reader.marked_quote,
        th,
    );
    for (i, drow) in doc.rows.iter().skip(app.reader.scroll).take(text_area.height as usize).enumerate() {
        let y = text_area.y + i as u16;
        match drow.source {
            Source::Title => paint_row(buf, text_area, y, &drow.row, th.title(), |_| Style::new()),
            Source::Note => paint_row(buf, text_area, y, &drow.row, th.note(), |_| Style::new()),
            Source::Body(base) => paint_row(buf, text_area, y, &drow.row, Style::new(), |r| {
                styler.style(base + r.start..base + r.end)
            }),
            Source::Removed => paint_row(buf, text_area, y, &drow.row, th.dim(), |_| Style::new()),
            Source::Blank => {}
        }
    }
    if doc.rows.len() > text_area.height as usize && inner.height > 0 {
        let mut state = ScrollbarState::new(doc.rows.len().saturating_sub(text_area.height as usize))
            .position(app.reader.scroll);
        // The scrollbar at the interface's end side (the left in Arabic).
        let side = if app.lang.rtl() {
            ScrollbarOrientation::VerticalLeft
        } else {
            ScrollbarOrientation::VerticalRight
        };
        Scrollbar::new(side).begin_symbol(None).end_symbol(None).render(
            area.inner(Margin { horizontal: 0, vertical: 1 }),
            buf,
            &mut state,
        );
    }
}

/// Styles a body byte range from the extraction, the hits and the marked quote.
pub struct Styler<'a> {
    mentions: Vec<(Range<usize>, usize)>,
    ex: Option<&'a Extraction>,
    hits: Option<&'a Hits>,
    marked: Option<Range<usize>>,
    theme: &'a Theme,
}

impl<'a> Styler<'a> {
    /// Prepares the lookups for one frame.
    pub fn new(
        ex: Option<&'a Extraction>,
        hits: Option<&'a Hits>,
        marked: Option<usize>,
        theme: &'a Theme,
    ) -> Styler<'a> {
        let mut mentions: Vec<(Range<usize>, usize)> = ex
            .map(|e| {
                e.actors
                    .iter()
                    .enumerate()
                    .flat_map(|(i, a)| a.mentions.iter().map(move |m| (m.clone(), i)))
                    .collect()
            })
            .unwrap_or_default();
        mentions.sort_by_key(|(r, _)| r.start);
        let marked = marked.and_then(|q| ex?.quotes.get(q)).filter(|q| !q.in_title).map(|q| q.span.clone());
        Styler { mentions, ex, hits, marked, theme }
    }

    /// The style of the cell showing body bytes `r`.
    pub fn style(&self, r: Range<usize>) -> Style {
        if r.is_empty() {
            return Style::new();
        }
        let overlaps = |x: &Range<usize>| x.start < r.end && r.start < x.end;
        let mut st = Style::new();
        if let Some(ex) = self.ex {
            if let Some(q) = ex.quotes.iter().rev().find(|q| !q.in_title && overlaps(&q.span)) {
                st = st.patch(self.theme.quote(q.speaker));
            }
            let i = self.mentions.partition_point(|(m, _)| m.end <= r.start);
            if let Some((_, a)) =
                self.mentions[i..].iter().take_while(|(m, _)| m.start < r.end).find(|(m, _)| overlaps(m))
            {
                st = st.patch(self.theme.actor(*a));
            }
        }
        if self.marked.as_ref().is_some_and(overlaps) {
            st = st.patch(self.theme.marked());
        }
        if let Some(h) = self.hits {
            let i = h.ranges.partition_point(|x| x.end <= r.start);
            if let Some(k) = (i..h.ranges.len())
                .take_while(|&k| h.ranges[k].start < r.end)
                .find(|&k| overlaps(&h.ranges[k]))
            {
                st = st.patch(self.theme.hit(k == h.current));
            }
        }
        st
    }
}
