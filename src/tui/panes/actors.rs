//! The actors view: every actor of the library (merged across articles and spellings) with its
//! name first, then articles, mentions and quotes (and its kind when there is room); a bar chart of
//! the leading actors; and the selected actor's quotes across articles.
//!
//! 100 columns and more: the list on the start side, chart and quotes beside it. Narrower: the
//! list above the quotes, no chart, so that names stay readable at 80 and 60 columns. Mirrored in
//! an Arabic interface.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Widget};

use super::{clean, frame, ltr_row, one_row, plain_row, put_seq};
use crate::tui::actors::ActorsView;
use crate::tui::app::App;

/// Where the parts of the view go.
struct Parts {
    list: Rect,
    chart: Option<Rect>,
    quotes: Rect,
}

fn parts(area: Rect, rtl: bool) -> Parts {
    if area.width >= 100 {
        let [mut left, mut right] =
            Layout::new(Direction::Horizontal, [Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(area);
        if rtl {
            std::mem::swap(&mut left, &mut right);
        }
        let [chart, quotes] =
            Layout::new(Direction::Vertical, [Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(right);
        Parts { list: left, chart: Some(chart), quotes }
    } else {
        let [list, quotes] =
            Layout::new(Direction::Vertical, [Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(area);
        Parts { list, chart: None, quotes }
    }
}

/// Draws the actors view over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, v: &ActorsView, app: &App) {
    Clear.render(area, buf);
    let th = &app.theme;
    let w = app.words();
    let p = parts(area, app.lang.rtl());
    let total = app.articles.len();
    let mut title = match &app.actors_job {
        // First, so that a narrow pane still shows it.
        Some(job) => w.fmt("actors.merging", &[("done", &job.done), ("total", &job.total)]),
        None => w.fmt("actors.title", &[("total", &total), ("n", &v.actors.len())]),
    };
    if v.extracted < total && app.actors_job.is_none() {
        title.push_str(" · ");
        title.push_str(&w.fmt("actors.pending", &[("done", &v.extracted), ("total", &total)]));
    }
    title.push_str(" · ");
    title.push_str(w.get("actors.keys"));
    let inner = frame(buf, p.list, &title, th.border(true), app);
    if inner.height == 0 || inner.width < 8 {
        return;
    }
    // A header naming the number columns.
    let numbers_w = 14usize;
    let width = inner.width as usize;
    let kind_w = if width >= 60 { 14 } else { 0 };
    let header = one_row(w.get("actors.columns"), width, &app.layout);
    super::put_row(buf, inner, inner.y, header, th.dim(), app, super::Align::End);
    let body = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    let cap = body.height as usize;
    let offset = super::list::visible_offset(v.offset, v.selected, cap.max(1));
    for (i, a) in v.actors.iter().enumerate().skip(offset).take(cap) {
        let y = body.y + (i - offset) as u16;
        let base = if i == v.selected { th.selected(true) } else { Style::new() };
        buf.set_style(Rect::new(body.x, y, body.width, 1), base);
        let name_w = width.saturating_sub(2 + numbers_w + kind_w).max(4);
        let mut name = one_row(&clean(&a.name), name_w, &app.layout);
        // Pad the name to its column so that the numbers line up.
        let pad = name_w.saturating_sub(name.width);
        let (arts, quos) = v.counts(i);
        let numbers = format!("{arts:>3} {:>5} {quos:>4}", a.mentions);
        let mut parts = vec![(plain_row("■ "), base.patch(th.actor(i)))];
        if app.lang.rtl() {
            // Right-to-left names end at their column's right edge, by the mark.
            name.offset = 0;
        }
        parts.push((name, base.patch(th.actor(i))));
        parts.push((plain_row(&" ".repeat(pad)), base));
        if kind_w > 0 {
            let kind = one_row(w.get(super::highlights::kind_key(a.kind)), kind_w - 1, &app.layout);
            let kpad = kind_w.saturating_sub(kind.width);
            parts.push((plain_row(" "), base));
            parts.push((kind, base.patch(th.dim())));
            parts.push((plain_row(&" ".repeat(kpad.saturating_sub(1))), base));
        }
        parts.push((ltr_row(&numbers, numbers_w + 1, &app.layout), base.patch(th.dim())));
        put_seq(buf, body, y, &parts, app);
    }
    if let Some(chart) = p.chart {
        draw_chart(buf, chart, v, app);
    }
    draw_quotes(buf, p.quotes, v, app);
}

fn draw_chart(buf: &mut Buffer, area: Rect, v: &ActorsView, app: &App) {
    let th = &app.theme;
    let inner = frame(buf, area, app.words().get("actors.chart"), th.border(false), app);
    let label_w = (inner.width / 3).max(4) as usize;
    let groups: Vec<BarGroup> = v
        .actors
        .iter()
        .take((inner.height as usize / 3).max(1))
        .enumerate()
        .map(|(i, a)| {
            // Labels are drawn as given, cell by cell: hand ratatui the name already in display order.
            let label = one_row(&clean(&a.name), label_w, &app.layout).text;
            BarGroup::default().label(Line::from(label)).bars(&[
                Bar::default().value(a.mentions as u64).style(th.actor(i)).text_value(a.mentions.to_string()),
                Bar::default()
                    .value(v.counts(i).1 as u64)
                    .style(th.dim())
                    .text_value(v.counts(i).1.to_string()),
            ])
        })
        .collect();
    let mut chart = BarChart::default().direction(Direction::Horizontal).bar_width(1).bar_gap(0).group_gap(1);
    for g in groups {
        chart = chart.data(g);
    }
    chart.render(inner, buf);
}

fn draw_quotes(buf: &mut Buffer, area: Rect, v: &ActorsView, app: &App) {
    let th = &app.theme;
    let w = app.words();
    let Some(actor) = v.current() else {
        frame(buf, area, w.get("actors.quotes"), th.border(false), app);
        return;
    };
    let title = w.fmt("actors.quotes_of", &[("name", &actor.name), ("n", &v.counts(v.selected).1)]);
    let inner = frame(buf, area, &title, th.border(false), app);
    // The library's view has the quotes it read from the store; a set of files has them in the
    // extractions.
    let texts: Vec<(usize, &str)> = if v.stored.is_empty() {
        actor
            .quotes
            .iter()
            .filter_map(|q| {
                let ex = app.extractions.get(q.article)?.as_ref()?;
                Some((q.article, ex.quotes.get(q.quote)?.text.as_str()))
            })
            .collect()
    } else {
        v.quotes.iter().map(|(i, t)| (*i, t.as_str())).collect()
    };
    for (y, (article, text)) in (inner.y..inner.bottom()).zip(texts) {
        // The article's number at the start side, the quote right to left in the rest of the row.
        let tag = ltr_row(&format!("#{}", article + 1), 8, &app.layout);
        let room = (inner.width as usize).saturating_sub(tag.width + 1);
        let parts = [
            (tag, th.dim()),
            (plain_row(" "), Style::new()),
            (one_row(&clean(text), room, &app.layout), th.quote(None)),
        ];
        put_seq(buf, inner, y, &parts, app);
    }
}
