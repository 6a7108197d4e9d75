//! Shared by the TestBackend tests of the reader: an `App` built as `tui::run` builds it, a frame
//! drawn, and the drawn rows as text.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sahifa::article::Article;
use sahifa::cli::DisplayArgs;
use sahifa::config::Config;
use sahifa::store::Store;
use sahifa::tui::app::App;
use sahifa::tui::keymap::Keymap;
use sahifa::tui::theme::Theme;
use sahifa::tui::ui;

/// The reader over `articles` with the default keymap, at `size` cells.
pub fn app(
    articles: Vec<Article>,
    store: Store,
    display: &DisplayArgs,
    color: bool,
    size: (u16, u16),
) -> App {
    let keymap = Keymap::new(&Config::defaults().keys).unwrap();
    let layout = sahifa::commands::layout_options(display, 80);
    App::new(articles, store, keymap, Theme::new(color, sahifa::tui::theme::Background::Dark), layout, size)
}

/// One frame of `app` on a TestBackend of its size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| ui::draw(f, app)).unwrap();
    t
}

/// The rows of the frame, each cell's symbol in order.
pub fn lines(t: &Terminal<TestBackend>) -> Vec<String> {
    let b = t.backend().buffer();
    (0..b.area.height).map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect()).collect()
}
