//! Drawing a full 200×60 frame of the reader (three panes, reading view full of Arabic) on
//! TestBackend, and a key press to the next frame. Target: ≤ 2 ms a frame.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sahifa::cli::DisplayArgs;
use sahifa::config::Config;
use sahifa::tui::action::Action;
use sahifa::tui::app::App;
use sahifa::tui::keymap::Keymap;
use sahifa::tui::theme::Theme;
use sahifa::tui::ui;

fn app(dir: &std::path::Path) -> App {
    let articles = sahifa::commands::load_articles(&[], false).articles;
    let mut app = App::new(
        articles,
        sahifa::store::Store::open(Some(dir.into())).0,
        Keymap::new(&Config::defaults().keys).unwrap(),
        Theme::new(true, sahifa::tui::theme::Background::Dark),
        sahifa::commands::layout_options(&DisplayArgs::default(), 80),
        (200, 60),
    );
    for i in 0..app.articles.len() {
        let ex = std::sync::Arc::new(sahifa::extract::extract(app.articles.get(i).expect("article")));
        app.handle(sahifa::tui::app::Event::Extracted(i, ex));
    }
    app
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("draw 200x60 frame", |b| {
        b.iter(|| {
            // A fresh back buffer each time so the whole frame is drawn and diffed, not just changes.
            term.resize(ratatui::layout::Rect::new(0, 0, 200, 60)).unwrap();
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
    c.bench_function("key j to next frame", |b| {
        b.iter(|| {
            app.update(Action::Down);
            app.update(Action::Up);
            term.draw(|f| ui::draw(f, &app)).unwrap();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
