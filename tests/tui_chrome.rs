//! The frame around the reading view, on TestBackend: every pane and overlay at 60×20, 80×24 and
//! 200×60, in English and in Arabic, with Arabic in every field (titles, sources, file names,
//! the filter, actors, quotes, anonymous sources, notes, messages). One rule: every string goes
//! through the layout engine, so no cell may hold an Arabic letter in its logical (unshaped)
//! form, and no cell is italic. Then the narrow layouts, the feed date beside an Arabic source,
//! the mirrored Arabic interface, the scrolling help and the note editor.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use sahifa::article::{Article, Format};
use sahifa::cli::DisplayArgs;
use sahifa::extract::{Actor, ActorKind, Extraction, Quote, QuoteKind};
use sahifa::tui::app::{App, Event};
use sahifa::tui::i18n::Lang;

#[path = "support/tui.rs"]
mod reader;
use reader::{draw, lines};

const BODY: &str = "قال وزير الخارجية سامي الخطيب إن قتيلاً سقط أمس بديلاً عن الهدنة. وقال مصدر مطلع إن المفاوضات مستمرة إلاّ إذا تغير الموقف.";
const DATE: &str = "2018-03-20T10:00:00+00:00";

fn articles() -> Vec<Article> {
    (0..6)
        .map(|i| {
            let mut a = Article::new(
                &format!("/tmp/أرشيف/مجلد طويل جداً/خبر-{i}.txt"),
                0,
                Format::Text,
                "UTF-8",
                if i == 3 {
                    String::new()
                } else {
                    format!("مقتل {i} في اشتباكات بين أرمينيا وأذربيجان أولاً")
                },
                vec![BODY.into(), "فقرة ثانية فضلاً عن الأولى.".into()],
            );
            if i % 2 == 0 {
                a.source = Some("الجزيرة نت".into());
                a.date = Some(DATE.into());
            }
            a
        })
        .collect()
}

fn extraction() -> Arc<Extraction> {
    let name = "سامي الخطيب";
    let start = BODY.find(name).unwrap();
    let q = "قتيلاً سقط أمس بديلاً عن الهدنة";
    let qs = BODY.find(q).unwrap();
    let q2 = "المفاوضات مستمرة إلاّ إذا تغير الموقف";
    let q2s = BODY.find(q2).unwrap();
    let org = "وزير الخارجية";
    let os = BODY.find(org).unwrap();
    Arc::new(Extraction {
        actors: vec![
            Actor {
                name: name.into(),
                kind: ActorKind::Person,
                aliases: vec![name.into()],
                mentions: std::iter::once(start..start + name.len()).collect(),
            },
            Actor {
                name: "وزارة الخارجية الأرمينية والهيئات التابعة لها".into(),
                kind: ActorKind::Organization,
                aliases: vec![org.into()],
                mentions: std::iter::once(os..os + org.len()).collect(),
            },
        ],
        quotes: vec![
            Quote {
                text: q.into(),
                span: qs..qs + q.len(),
                speaker: Some(0),
                speaker_span: Some(start..start + name.len()),
                source: None,
                kind: QuoteKind::Indirect,
                cue: Some("قال".into()),
                in_title: false,
            },
            Quote {
                text: q2.into(),
                span: q2s..q2s + q2.len(),
                speaker: None,
                speaker_span: None,
                source: Some("مصدر مطلع".into()),
                kind: QuoteKind::Indirect,
                cue: Some("قال".into()),
                in_title: false,
            },
        ],
    })
}

fn app(size: (u16, u16), lang: Lang) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = sahifa::store::Store::open(Some(dir.path().into())).0;
    let mut app = reader::app(articles(), store, &DisplayArgs::default(), true, size);
    app.lang = lang;
    app.handle(Event::Resize(size.0, size.1));
    for i in 0..app.articles.len() {
        app.handle(Event::Extracted(i, extraction()));
    }
    (app, dir)
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.handle(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// An Arabic letter as stored (logical order, unjoined): shaping turns every one of these into a
/// presentation form, so one left in a cell was never laid out. (The hamza ء joins nothing and
/// stays as it is, as in FriBidi; U+063B–U+063F and tatweel have no presentation forms.)
fn logical_letter(c: char) -> bool {
    ('\u{0622}'..='\u{064A}').contains(&c) && !('\u{063B}'..='\u{0640}').contains(&c)
}

/// Fails on any cell that holds an unshaped Arabic letter or is italic.
fn check(t: &Terminal<TestBackend>, what: &str) {
    let b = t.backend().buffer();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            let cell = &b[(x, y)];
            assert!(
                !cell.symbol().chars().any(logical_letter),
                "{what}: raw Arabic at ({x},{y}) in row {:?}",
                lines(t)[y as usize]
            );
            assert!(!cell.modifier.contains(Modifier::ITALIC), "{what}: italic at ({x},{y})");
        }
    }
}

/// Every pane and overlay, one frame each.
fn walk(size: (u16, u16), lang: Lang) {
    let (mut a, _dir) = app(size, lang);
    let tag = |s: &str| format!("{}x{} {lang:?} {s}", size.0, size.1);
    a.status = Some("تعذّر فتح الملف /tmp/أرشيف/خبر.txt".into());
    check(&draw(&a), &tag("start"));
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "قتيل");
    check(&draw(&a), &tag("typing the filter"));
    press(&mut a, KeyCode::Enter);
    check(&draw(&a), &tag("filtered list"));
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "الهدنة");
    check(&draw(&a), &tag("finding in the article"));
    press(&mut a, KeyCode::Enter);
    check(&draw(&a), &tag("reader with hits"));
    press(&mut a, KeyCode::Char('h'));
    press(&mut a, KeyCode::Tab);
    check(&draw(&a), &tag("highlights"));
    for _ in 0..3 {
        press(&mut a, KeyCode::Char('j'));
        press(&mut a, KeyCode::Char('s'));
        check(&draw(&a), &tag("highlights, a quote starred"));
    }
    press(&mut a, KeyCode::Char('e'));
    typed(&mut a, "ملاحظة على الاقتباس");
    check(&draw(&a), &tag("editor on a quote"));
    press(&mut a, KeyCode::Enter);
    check(&draw(&a), &tag("note saved"));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('?'));
    check(&draw(&a), &tag("help"));
    press(&mut a, KeyCode::Char('G'));
    check(&draw(&a), &tag("help scrolled"));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('a'));
    check(&draw(&a), &tag("actors"));
    press(&mut a, KeyCode::Char('j'));
    check(&draw(&a), &tag("actors, second"));
    press(&mut a, KeyCode::Enter);
    check(&draw(&a), &tag("list of an actor's articles"));
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Char('e'));
    typed(&mut a, "سطر أول");
    a.handle(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    typed(&mut a, "سطر ثانٍ");
    check(&draw(&a), &tag("editor on an article, two lines"));
}

#[test]
fn every_pane_and_overlay_lays_out_every_string() {
    for size in [(60, 20), (80, 24), (200, 60)] {
        for lang in [Lang::En, Lang::Ar] {
            walk(size, lang);
        }
    }
}

fn screen(a: &App) -> String {
    lines(&draw(a)).join("\n")
}

#[test]
fn a_feed_date_beside_an_arabic_source_keeps_its_order_and_files_show_their_names() {
    for (size, lang) in [((80, 24), Lang::En), ((60, 20), Lang::Ar), ((200, 60), Lang::Ar)] {
        let (a, _dir) = app(size, lang);
        let s = screen(&a);
        // A narrow list keeps the day and drops the time, so the source still shows.
        // (Every feed's date format reads as one: the day and the time, 2018-03-20 10:00.)
        let date = if size.0 < 120 { &DATE[..10] } else { "2018-03-20 10:00" };
        assert!(s.contains(date), "{size:?} {lang:?}:\n{s}");
        assert!(s.contains("ﺖﻧ ﺓﺮﻳﺰﺠﻟﺍ"), "the source beside the date:\n{s}");
        assert!(s.contains("txt.1-ﺮﺒﺧ"), "the file's name, not its folders:\n{s}");
        assert!(!s.contains("/tmp") && !s.contains("ﻒﻴﺷﺭﺃ"), "no folder in the list:\n{s}");
    }
}

#[test]
fn arabic_interface_mirrors_the_panes_and_speaks_arabic() {
    let (a, _dir) = app((200, 60), Lang::Ar);
    let r = a.regions();
    assert_eq!(r.list.unwrap().right(), 200, "list on the right");
    assert_eq!(r.highlights.unwrap().x, 0, "highlights on the left");
    let s = screen(&a);
    // "المقالات" shaped, in visual order, in the list's top border at the right.
    let top = s.lines().next().unwrap();
    let shaped_articles = "ﺕﻻﺎﻘﻤﻟﺍ";
    let at = top.find(shaped_articles).expect("the list's title in Arabic");
    assert!(top[..at].chars().count() > 150, "title at the right: {top}");
    let (narrow, _d) = app((60, 20), Lang::Ar);
    let tabs = screen(&narrow).lines().next().unwrap().to_string();
    assert!(tabs.trim_end().ends_with(shaped_articles), "tab bar from the right: {tabs:?}");
    let (en, _d) = app((200, 60), Lang::En);
    assert!(screen(&en).lines().next().unwrap().contains("Articles (6)"), "English by default");
}

#[test]
fn help_wraps_and_scrolls_at_80x24_and_60x20() {
    for size in [(80, 24), (60, 20)] {
        let (mut a, _dir) = app(size, Lang::En);
        press(&mut a, KeyCode::Char('?'));
        let first = screen(&a);
        assert!(first.contains("Quit (reading state is saved)"), "the way out comes first:\n{first}");
        assert!(first.contains("Move down") && first.contains("Search in the article"), "{first}");
        assert!(!first.contains("Keys are rebound"), "at {size:?} the last line is below the fold:\n{first}");
        press(&mut a, KeyCode::Char('G'));
        let last = screen(&a);
        assert!(last.contains("Keys are rebound in config.toml"), "scrolled to the end:\n{last}");
        assert!(a.help, "movement keys scroll, they do not close the help");
        // Wrapped, never cut mid-word: the long Actors line is there whole, over two rows.
        // The box is as wide as the screen here: read it without borders.
        let flat = |s: &str| {
            s.replace(['│', '╭', '╮', '╰', '╯', '─'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
        };
        // Every page of the help, from the top: the Actors line is on one of them.
        press(&mut a, KeyCode::Char('g'));
        let mut pages = vec![flat(&first)];
        for _ in 0..12 {
            press(&mut a, KeyCode::Char(' '));
            pages.push(flat(&screen(&a)));
        }
        let shown = pages.join(" ");
        let actors = sahifa::tui::action::Action::Actors.help();
        assert!(shown.contains(actors), "the whole Actors line, wrapped at word ends: {shown}");
        press(&mut a, KeyCode::Char('k'));
        assert_ne!(screen(&a), last, "k scrolls back");
    }
}

#[test]
fn narrow_actors_view_and_highlights_show_names() {
    for size in [(80, 24), (60, 20)] {
        let (mut a, _dir) = app(size, Lang::En);
        press(&mut a, KeyCode::Char('a'));
        let s = screen(&a);
        assert!(s.contains("ﺐﻴﻄﺨﻟﺍ ﻲﻣﺎﺳ"), "actor name at {size:?}:\n{s}");
        press(&mut a, KeyCode::Esc);
        press(&mut a, KeyCode::Char('a'));
        press(&mut a, KeyCode::Char('a'));
        if size.0 >= 80 {
            press(&mut a, KeyCode::Char('h'));
        } else {
            press(&mut a, KeyCode::Tab);
            press(&mut a, KeyCode::Tab);
        }
        let s = screen(&a);
        assert!(s.contains("ﺐﻴﻄﺨﻟﺍ ﻲﻣﺎﺳ"), "highlights name the actor at {size:?}:\n{s}");
        assert!(s.contains("❝"), "and list the quotes:\n{s}");
    }
}

#[test]
fn the_note_editor_is_multiline_with_a_cursor_and_ctrl_c_cancels() {
    let (mut a, _dir) = app((80, 24), Lang::En);
    press(&mut a, KeyCode::Char('e'));
    typed(&mut a, "abc");
    a.handle(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    a.handle(Event::Paste("سطر\r\nثالث\u{1b}[31m".into()));
    let ed = a.editor.as_ref().unwrap();
    assert_eq!(ed.text, "abc\nسطر\nثالث[31m", "line breaks kept, ESC dropped");
    let mut t = draw(&a);
    let pos = ratatui::backend::Backend::get_cursor_position(t.backend_mut()).unwrap();
    let area = sahifa::tui::ui::editor_area(a.size);
    assert!(area.contains(pos), "the terminal's cursor is in the editor: {pos:?}");
    let s = lines(&t).join("\n");
    assert!(s.contains("abc") && s.contains("ﺚﻟﺎﺛ"), "three lines shown:\n{s}");
    ctrl(&mut a, 'c');
    assert!(a.editor.is_none() && !a.quit, "Ctrl-C cancels the note, it does not quit");
    assert!(a.current_article().map(|x| a.store.note(&x.id).is_none()).unwrap());
}

#[test]
fn light_theme_tints_quotes_pale_and_never_italic() {
    let (mut a, _dir) = app((160, 48), Lang::En);
    a.theme = sahifa::tui::theme::Theme::new(true, sahifa::tui::theme::Background::Light);
    press(&mut a, KeyCode::Enter);
    let t = draw(&a);
    let b = t.backend().buffer();
    let quoted = b.content.iter().filter(|c| c.modifier.contains(Modifier::UNDERLINED)).count();
    assert!(quoted > 10, "quotes are underlined");
    assert!(b.content.iter().all(|c| c.bg != ratatui::style::Color::Indexed(17)), "no navy on white");
    check(&t, "light");
}

#[test]
fn the_reader_draws_lam_alef_with_tanween_as_one_ligature() {
    let (mut a, _dir) = app((160, 48), Lang::En);
    press(&mut a, KeyCode::Enter);
    let s = screen(&a);
    // بديلاً and قتيلاً: the final lam-alef ligature, its tanween in the same cell.
    assert!(s.contains("\u{FEFC}\u{64B}\u{FEF3}\u{FEAA}\u{FE91}"), "بديلاً joined:\n{s}");
    assert!(s.contains("\u{FEFC}\u{64B}\u{FEF4}\u{FE98}\u{FED7}"), "قتيلاً joined:\n{s}");
}

#[test]
fn the_background_comes_from_osc_11_then_colorfgbg() {
    use sahifa::tui::background_from;
    use sahifa::tui::theme::Background;
    let none = |_: &str| None;
    assert_eq!(background_from(Some([255, 255, 255]), none), Background::Light);
    assert_eq!(background_from(Some([30, 30, 30]), |_| Some("15;7".into())), Background::Dark);
    assert_eq!(background_from(None, |k| (k == "COLORFGBG").then(|| "0;15".into())), Background::Light);
    assert_eq!(background_from(None, |k| (k == "COLORFGBG").then(|| "15;0".into())), Background::Dark);
    assert_eq!(background_from(None, none), Background::Unknown);
}
