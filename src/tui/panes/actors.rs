//! The actors view: every actor of the library (merged across articles and spellings) with its kind,
//! articles, mentions and quotes; a bar chart of mentions and quotes of the leading actors; and the
//! selected actor's quotes across articles.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Widget};

use super::{clean, frame, one_row};
use crate::tui::actors::ActorsView;
use crate::tui::app::App;
use crate::tui::paint::paint_row;

/// Draws the actors view over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, v: &ActorsView, app: &App) {
    Clear.render(area, buf);
    let th = &app.theme;
    let [left, right] =
        Layout::new(Direction::Horizontal, [Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(area);
    let [chart, quotes] =
        Layout::new(Direction::Vertical, [Constraint::Percentage(45), Constraint::Percentage(55)])
            .areas(right);
    let total = app.articles.len();
    let pending = if v.extracted < total {
        format!(" · {}/{total} articles read so far", v.extracted)
    } else {
        String::new()
    };
    let title = match &app.actors_job {
        // First, so that a narrow pane still shows it.
        Some(job) => format!(" Actors: merging {}/{} articles · Esc cancels ", job.done, job.total),
        None => format!(
            " Actors across {total} articles: {}{pending} · Enter shows their articles, Esc closes ",
            v.actors.len()
        ),
    };
    let inner = frame(buf, left, &title, th.border(true));
    let cap = inner.height as usize;
    let offset = super::list::visible_offset(v.offset, v.selected, cap);
    for (i, a) in v.actors.iter().enumerate().skip(offset).take(cap) {
        let y = inner.y + (i - offset) as u16;
        let base = if i == v.selected { th.selected(true) } else { Style::new() };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        let kind = format!("{:?}", a.kind).to_lowercase();
        let (arts, quos) = v.counts(i);
        let info = format!("{kind:<12} {arts:>3} art {:>4} men {quos:>3} quo", a.mentions);
        buf.set_string(inner.x, y, "■", base.patch(th.actor(i)));
        buf.set_stringn(inner.x + 2, y, &info, inner.width.saturating_sub(2) as usize, base.patch(th.dim()));
        let left_w = 3 + info.chars().count() as u16;
        if inner.width > left_w + 2 {
            let name_area = Rect { x: inner.x + left_w, width: inner.width - left_w, ..inner };
            let row = one_row(&clean(&a.name), name_area.width as usize, &app.layout);
            paint_row(buf, name_area, y, &row, base.patch(th.actor(i)), |_| Style::new());
        }
    }
    draw_chart(buf, chart, v, app);
    draw_quotes(buf, quotes, v, app);
}

fn draw_chart(buf: &mut Buffer, area: Rect, v: &ActorsView, app: &App) {
    let th = &app.theme;
    let inner = frame(buf, area, " Mentions (colour) and quotes (grey) ", th.border(false));
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
    let Some(actor) = v.current() else {
        frame(buf, area, " Quotes ", th.border(false));
        return;
    };
    let inner = frame(
        buf,
        area,
        &format!(" Quotes of the selected actor: {} ", v.counts(v.selected).1),
        th.border(false),
    );
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
        // The article's number on the left, the quote right to left in the rest of the row.
        let tag = format!("#{} ", article + 1);
        buf.set_stringn(inner.x, y, &tag, inner.width as usize, th.dim());
        let tw = tag.chars().count() as u16;
        if inner.width > tw + 1 {
            let qa = Rect { x: inner.x + tw, width: inner.width - tw, ..inner };
            let row = one_row(&clean(text), qa.width as usize, &app.layout);
            paint_row(buf, qa, y, &row, th.quote(None), |_| Style::new());
        }
    }
}
