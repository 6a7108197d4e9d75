//! The reader in each bidi mode on ratatui's TestBackend: the reading pane's title row as the
//! terminal will receive it (golden strings), the mode in the status bar, and the cells per row
//! the same in every mode that lays rows out right-aligned.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use sahifa::article::{Article, Format};
use sahifa::cli::{BidiMode, DisplayArgs, ReaderArgs};
use sahifa::config::Config;
use sahifa::term::Mode;
use sahifa::text::str_width;
use sahifa::tui::app::App;

/// One frame of `app` on a TestBackend of its size.
fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| sahifa::tui::ui::draw(f, app)).unwrap();
    t
}

/// The rows of the frame, each cell's symbol in order.
fn lines(t: &Terminal<TestBackend>) -> Vec<String> {
    let b = t.backend().buffer();
    (0..b.area.height).map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect()).collect()
}

const TITLE: &str = "السلام عليكم (2024)";

fn app(mode: Mode) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let art = Article::new("a.txt", 0, Format::Text, "UTF-8", TITLE.into(), vec!["قالَ الوزير: لا.".into()]);
    let path = dir.path().join("a.txt");
    std::fs::write(&path, format!("{TITLE}\n\nقالَ الوزير: لا.\n")).unwrap();
    let args = ReaderArgs { paths: vec![path], ..Default::default() };
    let mut app =
        sahifa::tui::build_app_in(&args, &Config::defaults(), (100, 12), Some(dir.path().into()), mode)
            .unwrap();
    app.mode = Some(format!("{} (auto: test)", mode.name()));
    assert_eq!(app.articles.get(0).unwrap().title, art.title);
    (app, dir)
}

/// The reading pane's cells on the title row, as one string (symbols in cell order).
fn title_row(app: &App) -> String {
    let t = draw(app);
    let r: Rect = app.regions().reader.expect("a reading pane");
    let screen = lines(&t);
    let b = t.backend().buffer();
    let y = (r.y..r.bottom()).find(|&y| screen[y as usize].contains(['ا', 'ﻡ', 'ﺍ', '\u{FEFC}'])).unwrap();
    (r.x..r.right()).map(|x| b[(x, y)].symbol().to_string()).collect::<String>()
}

#[test]
fn each_mode_sends_the_title_row_its_own_way() {
    let trim = |s: String| s.trim_matches(|c: char| c == ' ' || c == '│' || c == '\u{2002}').to_string();
    // visual: reordered, shaped.
    assert_eq!(trim(title_row(&app(Mode::Visual).0)), "(2024) ﻢﻜﻴﻠﻋ ﻡﻼﺴﻟﺍ");
    // explicit and mlterm lay out as visual (the switch is sent by terminal::enter).
    assert_eq!(trim(title_row(&app(Mode::Explicit).0)), "(2024) ﻢﻜﻴﻠﻋ ﻡﻼﺴﻟﺍ");
    assert_eq!(trim(title_row(&app(Mode::Mlterm).0)), "(2024) ﻢﻜﻴﻠﻋ ﻡﻼﺴﻟﺍ");
    // kitty: words right to left, each as stored; lam-alef one cell after a ZWJ.
    assert_eq!(trim(title_row(&app(Mode::Kitty).0)), "(2024) عليكم الس\u{200D}\u{FEFC}م");
    // konsole: logical, isolated, brackets pre-mirrored.
    // (Every blank cell is an EN SPACE, which Konsole does not leave out of the line.)
    assert_eq!(
        trim(title_row(&app(Mode::Konsole).0)),
        "\u{2067}الس\u{200D}\u{FEFC}م\u{2002}عليكم\u{2002})2024(\u{2069}"
    );
    // logical: as stored, left-aligned.
    assert_eq!(trim(title_row(&app(Mode::Logical).0)), "السلام عليكم (2024)");
}

#[test]
fn right_aligned_modes_fill_the_same_cells() {
    let cells = |m: Mode| {
        let row = title_row(&app(m).0);
        (str_width(&row), row.find(|c: char| c != ' ' && c != '\u{2002}').unwrap_or(0) > 0)
    };
    let visual = cells(Mode::Visual);
    for m in [Mode::Explicit, Mode::Mlterm, Mode::Kitty, Mode::Konsole] {
        assert_eq!(cells(m).1, visual.1, "{m:?} is right-aligned like visual");
    }
}

#[test]
fn the_status_bar_names_the_mode() {
    for m in Mode::ALL {
        let (app, _d) = app(m);
        let screen = lines(&draw(&app));
        // (Konsole mode writes blanks as EN SPACEs.)
        let status = screen.last().unwrap().replace('\u{2002}', " ");
        assert!(status.contains(&format!("{} (auto: test)", m.name())), "{status}");
    }
    // Without a chosen mode (tests, build_app) the status shows the layout as before.
    let (mut app, _d) = app(Mode::Visual);
    app.mode = None;
    assert!(lines(&draw(&app)).last().unwrap().contains("visual·shaped"));
}

#[test]
fn forced_bidi_flags_map_to_modes() {
    assert_eq!(BidiMode::Auto.forced(), None);
    assert_eq!(BidiMode::Kitty.forced(), Some(Mode::Kitty));
    assert_eq!(BidiMode::Konsole.forced(), Some(Mode::Konsole));
    let d = DisplayArgs { bidi: BidiMode::Kitty, ..Default::default() };
    assert_eq!(sahifa::commands::layout_options(&d, 80).order, sahifa::text::Order::Runs);
}
