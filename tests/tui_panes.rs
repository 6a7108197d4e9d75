//! The reader's panes drawn on ratatui's TestBackend at 80×24 and 160×48 (and a narrow 60×20): RTL
//! rows, highlights, help, stars, search, the mouse and monochrome.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};
use sahifa::article::{Article, Format};
use sahifa::cli::DisplayArgs;
use sahifa::extract::{Actor, ActorKind, Extraction, Quote, QuoteKind};
use sahifa::tui::app::{App, Event};

#[path = "support/tui.rs"]
mod reader;
use reader::{draw, lines};

const TITLE: &str = "وزير المالية يعلن موازنة جديدة للعام المقبل";
const BODY: &str = "قال وزير المالية سامي الخطيب إن الموازنة الجديدة ستخفض العجز إلى النصف. وأضاف أن الحكومة لن ترفع الضرائب.";

fn articles() -> Vec<Article> {
    let mut v = vec![Article::new(
        "a.txt",
        0,
        Format::Text,
        "UTF-8",
        TITLE.into(),
        vec![BODY.into(), "فقرة ثانية قصيرة.".into()],
    )];
    for i in 1..6 {
        v.push(Article::new(
            &format!("b{i}.txt"),
            0,
            Format::Text,
            "UTF-8",
            format!("خبر رقم {i} عن الاقتصاد"),
            vec![format!("نص الخبر {i}.")],
        ));
    }
    v
}

fn app(size: (u16, u16), color: bool, shape: bool) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let display = DisplayArgs { no_shape: !shape, ..Default::default() };
    let store = sahifa::store::Store::open(Some(dir.path().into())).0;
    (reader::app(articles(), store, &display, color, size), dir)
}

fn key(app: &mut App, c: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(c, KeyModifiers::NONE)));
}

fn extraction() -> Arc<Extraction> {
    let name = "سامي الخطيب";
    let start = BODY.find(name).unwrap();
    let q = "الموازنة الجديدة ستخفض العجز إلى النصف";
    let qs = BODY.find(q).unwrap();
    Arc::new(Extraction {
        actors: vec![Actor {
            name: name.into(),
            kind: ActorKind::Person,
            aliases: vec![name.into()],
            mentions: std::iter::once(start..start + name.len()).collect(),
        }],
        quotes: vec![Quote {
            text: q.into(),
            span: qs..qs + q.len(),
            speaker: Some(0),
            speaker_span: Some(start..start + name.len()),
            source: None,
            kind: QuoteKind::Indirect,
            cue: Some("قال".into()),
            in_title: false,
        }],
    })
}

/// A screen line read right to left: what an Arabic reader's eyes take from an unshaped visual row.
fn rtl(line: &str) -> String {
    line.chars().rev().collect()
}

#[test]
fn wide_terminal_shows_three_panes_with_titles_right_to_left() {
    let (app, _d) = app((160, 48), true, false);
    let t = draw(&app);
    let screen = lines(&t);
    assert!(
        screen[0].contains("Articles (6)")
            && screen[0].contains("Reader")
            && screen[0].contains("Highlights")
    );
    // The list's first item: the title reads right to left (its first word rightmost), never in
    // logical order.
    let row = &screen[1];
    let l = app.regions().list.unwrap();
    let item: String = row.chars().skip(l.x as usize).take(l.width as usize).collect();
    assert!(rtl(&item).contains("وزير المالية يعلن"), "visual order: {item}");
    assert!(!item.contains("وزير المالية"), "not logical order: {item}");
    // The status line.
    assert!(screen[47].contains("article 1/6") && screen[47].contains("? help"));
}

#[test]
fn reader_rows_are_right_aligned_to_the_pane() {
    let (app, _d) = app((160, 48), true, false);
    let r = app.regions().reader.unwrap();
    let t = draw(&app);
    let screen = lines(&t);
    let title_row: String = screen[1].chars().skip(r.x as usize).take(r.width as usize).collect();
    let trimmed = title_row.trim_end_matches('│').trim_end_matches([' ', '█', '║']);
    assert!(rtl(trimmed).starts_with("وزير المالية"), "the title's first word ends the row: {title_row}");
}

#[test]
fn shaping_draws_presentation_forms() {
    let (app, _d) = app((160, 48), true, true);
    let joined: String = lines(&draw(&app)).concat();
    assert!(joined.chars().any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)), "shaped letters on screen");
}

#[test]
fn medium_terminal_shows_list_and_reader_and_highlights_on_a_key() {
    let (mut app, _d) = app((80, 24), true, false);
    let screen = lines(&draw(&app)).join("\n");
    assert!(screen.contains("Articles") && screen.contains("Reader") && !screen.contains("Highlights"));
    key(&mut app, KeyCode::Char('h'));
    let screen = lines(&draw(&app)).join("\n");
    assert!(screen.contains("Highlights") && !screen.contains("Articles ("));
}

#[test]
fn narrow_terminal_shows_one_pane_with_tabs() {
    let (mut app, _d) = app((60, 20), true, false);
    let s = lines(&draw(&app));
    assert!(s[0].contains("Articles") && s[0].contains("Reader") && s[0].contains("Highlights"));
    assert!(s[1].contains("Articles (6)"));
    key(&mut app, KeyCode::Tab);
    let s = lines(&draw(&app));
    assert!(s[1].contains("Reader 1/6"), "{}", s[1]);
}

#[test]
fn j_moves_the_selection_and_the_reader_follows() {
    let (mut app, _d) = app((160, 48), true, false);
    key(&mut app, KeyCode::Char('j'));
    let s = lines(&draw(&app)).join("\n");
    assert!(s.contains("Reader 2/6"));
    assert!(s.contains("article 2/6"));
}

#[test]
fn help_overlay_lists_every_binding() {
    let (mut app, _d) = app((160, 48), true, false);
    key(&mut app, KeyCode::Char('?'));
    let s = lines(&draw(&app)).join("\n");
    assert!(s.contains("Help"));
    // Help lines wrap inside the box: read it without borders and line ends.
    let rows: Vec<Vec<char>> = s.lines().map(|l| l.chars().collect()).collect();
    let top = rows.iter().position(|r| r.iter().collect::<String>().contains("Help: keys")).unwrap();
    let x0 = rows[top].iter().position(|&c| c == '╭').unwrap();
    let x1 = x0 + rows[top][x0..].iter().position(|&c| c == '╮').unwrap();
    let inside: String = rows.iter().map(|r| r[x0 + 1..x1].iter().collect::<String>() + "\n").collect();
    let flat =
        inside.replace(['│', '╭', '╮', '╰', '╯', '─'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
    for a in sahifa::tui::action::Action::ALL {
        assert!(flat.contains(a.help()), "help lists {a:?}");
    }
    assert!(s.contains("Ctrl-c q") || s.contains("q Ctrl-c") || s.contains(" q "));
    key(&mut app, KeyCode::Esc);
    assert!(!lines(&draw(&app)).join("\n").contains("Esc closes"));
}

#[test]
fn star_shows_in_the_list() {
    let (mut app, _d) = app((80, 24), true, false);
    assert!(!lines(&draw(&app))[1].contains('★'));
    key(&mut app, KeyCode::Char('s'));
    assert!(lines(&draw(&app))[1].contains('★'));
    assert!(app.store.article(&app.articles.get(0).unwrap().id).starred);
}

#[test]
fn highlights_show_actors_and_speaker_quotes_and_the_reader_colours_them() {
    let (mut app, _d) = app((160, 48), true, false);
    app.handle(Event::Extracted(0, extraction()));
    let t = draw(&app);
    let s = lines(&t).join("\n");
    assert!(s.contains("1 actors, 1 quotes"));
    assert!(s.contains("person 1"));
    assert!(rtl(&s).contains("سامي الخطيب"));
    // The mention is drawn in the actor's colour: find the cell showing "الخطيب" text in the reader.
    let b = t.backend().buffer();
    let r = app.regions().reader.unwrap();
    let coloured = (r.y..r.bottom()).any(|y| {
        (r.x..r.right()).any(|x| {
            b[(x, y)].fg != Color::Reset
                && b[(x, y)].modifier.contains(Modifier::BOLD)
                && b[(x, y)].symbol() != " "
        })
    });
    assert!(coloured, "actor mention coloured");
    let tinted = (r.y..r.bottom()).any(|y| {
        (r.x..r.right())
            .any(|x| b[(x, y)].bg != Color::Reset && b[(x, y)].modifier.contains(Modifier::UNDERLINED))
    });
    assert!(tinted, "quote tinted and underlined (never italic: mlterm draws italic Arabic as boxes)");
}

#[test]
fn monochrome_still_shows_highlights() {
    let (mut app, _d) = app((160, 48), false, false);
    app.handle(Event::Extracted(0, extraction()));
    let t = draw(&app);
    let b = t.backend().buffer();
    let all = (0..48).flat_map(|y| (0..160).map(move |x| (x, y)));
    let cells: Vec<_> = all.map(|p| &b[p]).collect();
    assert!(cells.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset), "no colour at all");
    assert!(cells.iter().any(|c| c.modifier.contains(Modifier::UNDERLINED)), "quotes underlined");
    assert!(cells.iter().any(|c| c.modifier.contains(Modifier::BOLD) && c.symbol() != " "), "actors bold");
}

#[test]
fn enter_on_a_quote_marks_it_and_enter_on_an_actor_steps_mentions() {
    let (mut app, _d) = app((160, 48), true, false);
    app.handle(Event::Extracted(0, extraction()));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Enter); // the actor
    assert_eq!(app.reader.hits.as_ref().map(|h| h.ranges.len()), Some(1));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter); // the quote
    assert_eq!(app.reader.marked_quote, Some(0));
}

#[test]
fn slash_finds_in_the_article_with_n() {
    let (mut app, _d) = app((160, 48), true, false);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('/'));
    for c in "الموازنه".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let hits = app.reader.hits.clone().unwrap();
    assert_eq!(hits.ranges.len(), 1, "ة and ه fold together");
    assert!(lines(&draw(&app)).last().unwrap().contains("1 hits"));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.reader.hits.as_ref().unwrap().current, 0);
}

#[test]
fn slash_in_the_list_filters_as_you_type() {
    let (mut app, _d) = app((160, 48), true, false);
    key(&mut app, KeyCode::Char('/'));
    for c in "رقم 3 ".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert_eq!(app.list.visible.len(), 1);
    assert!(lines(&draw(&app))[0].contains("Articles (1/6)"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.list.visible.len(), 6);
}

#[test]
fn click_selects_and_wheel_scrolls() {
    let (mut app, _d) = app((160, 48), true, false);
    let l = app.regions().list.unwrap();
    app.handle(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: l.x + 5,
        row: l.y + 1 + 2 * 2,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.list.selected, 2);
    assert_eq!(app.reader.article, Some(2));
}

#[test]
fn resize_reflows_at_once() {
    let (mut app, _d) = app((160, 48), true, false);
    let w1 = app.reader.doc.as_ref().unwrap().opts.width;
    app.handle(Event::Resize(90, 30));
    let w2 = app.reader.doc.as_ref().unwrap().opts.width;
    assert!(w2 < w1);
    let s = lines(&draw(&app));
    assert_eq!(s.len(), 30);
}

#[test]
fn a_note_typed_in_arabic_is_stored_in_logical_order_and_shown_right_to_left() {
    let (mut app, _d) = app((160, 48), true, false);
    key(&mut app, KeyCode::Char('e'));
    assert!(lines(&draw(&app)).join("\n").contains("Note:"));
    for c in "مهم جدا".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let id = app.articles.get(0).unwrap().id.clone();
    assert_eq!(app.store.note(&id), Some("مهم جدا"));
    let s = lines(&draw(&app));
    assert!(s.iter().any(|l| rtl(l).contains("✎ مهم جدا")), "note shown in the reader, right to left");
    assert!(s[1].contains('✎'), "note mark in the list");
}

#[test]
fn esc_in_the_note_editor_keeps_the_old_note() {
    let (mut app, _d) = app((80, 24), true, false);
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Esc);
    assert!(app.editor.is_none());
    assert_eq!(app.store.note(&app.articles.get(0).unwrap().id), None);
}

#[test]
fn s_on_a_quote_in_the_highlights_stars_the_quote_not_the_article() {
    let (mut app, _d) = app((160, 48), true, false);
    app.handle(Event::Extracted(0, extraction()));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('s'));
    let id = app.articles.get(0).unwrap().id.clone();
    assert!(!app.store.article(&id).starred);
    let ex = extraction();
    let q = &ex.quotes[0];
    assert!(app.store.quote(&id, &sahifa::store::quote_key(&q.text, q.span.start)).starred);
    let h = app.regions().highlights.unwrap();
    let s = lines(&draw(&app));
    assert!(s.iter().any(|l| l.chars().skip(h.x as usize).collect::<String>().contains('★')));
}

#[test]
fn actors_view_lists_actors_with_a_chart_and_enter_filters_the_list() {
    let (mut app, _d) = app((160, 48), true, false);
    app.handle(Event::Extracted(0, extraction()));
    key(&mut app, KeyCode::Char('a'));
    let s = lines(&draw(&app)).join("\n");
    assert!(s.contains("Actors across 6 articles: 1"), "{s}");
    assert!(s.contains("Mentions"));
    assert!(rtl(&s).contains("سامي الخطيب"));
    assert!(s.contains("1 quotes of"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert!(app.actors.is_none());
    assert_eq!(app.list.visible, vec![0]);
    assert!(lines(&draw(&app))[0].contains("Articles (1/6) of"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.list.visible.len(), 6);
}

#[test]
fn x_exports_the_review_next_to_the_state_and_says_where() {
    let (mut app, d) = app((160, 48), true, false);
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('x'));
    let status = app.status.clone().unwrap();
    assert!(status.starts_with("review exported to "), "{status}");
    let path = status.trim_start_matches("review exported to ");
    assert!(path.starts_with(d.path().to_str().unwrap()));
    let md = std::fs::read_to_string(path).unwrap();
    assert!(md.contains(TITLE));
}
