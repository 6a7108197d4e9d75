//! The reader's state and its step function: `handle(Event)` / `update(Action)` change state only;
//! drawing borrows it ([`super::ui::draw`]). Tested without a terminal on `TestBackend`.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::actors::{ActorsJob, ActorsView};
use super::doc::Doc;
use super::editor::{Editor, NoteTarget, Outcome};
use super::i18n::{Catalog, Lang};
use super::keymap::Keymap;
use super::session;
use super::theme::Theme;
use super::ui::{self, Regions};
use super::views::{HighlightsView, Hits, HlItem, Input, ListView, Pane, ReaderView, hl_items};
use crate::article::Article;
use crate::extract::Extraction;
use crate::library::{Shelf, Sort};
use crate::search;
use crate::store::{self, Store};
use crate::text::LayoutOptions;

/// The most articles the list filter takes from the library's index (the newest that match).
const FILTER_MAX: usize = 10_000;

/// Everything the reader reacts to: keys, the mouse, resizes, ticks and background results.
#[derive(Debug)]
pub enum Event {
    /// A key press.
    Key(KeyEvent),
    /// A mouse click or wheel.
    Mouse(MouseEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    /// Extraction of an article finished off the UI thread.
    Extracted(usize, Arc<Extraction>),
    /// A background fetch made progress (or finished).
    Fetch(super::fetch::FetchEvent),
    /// The library's search index is built.
    Indexed(Arc<search::Index>),
    /// A background save of the reading state finished.
    Saved(store::SaveOutcome),
    /// The terminal went away: save and quit.
    Hangup,
    /// A merge of the actors off the UI thread: (merge, articles read so far, of how many).
    ActorsProgress(u64, usize, usize),
    /// A merge of the actors finished: (merge, the view).
    ActorsMerged(u64, Box<ActorsView>),
    /// The background sync's status line changed (`synced 3 min ago`, `sync failed …`).
    Sync(String),
}

/// The reader's whole state.
pub struct App {
    /// The articles: files in memory, or the library read lazily.
    pub articles: Shelf,
    /// Actors and quotes per article, as they arrive from the worker.
    pub extractions: Vec<Option<Arc<Extraction>>>,
    /// Reading state.
    pub store: Store,
    /// Key bindings.
    pub keymap: Keymap,
    /// Colours.
    pub theme: Theme,
    /// Layout options (the width is set per pane).
    pub layout: LayoutOptions,
    /// Focused pane.
    pub focus: Pane,
    /// Article list.
    pub list: ListView,
    /// Reading view.
    pub reader: ReaderView,
    /// Highlights pane.
    pub hl: HighlightsView,
    /// Help overlay shown.
    pub help: bool,
    /// First line of the help shown (it scrolls when it does not fit).
    pub help_scroll: usize,
    /// The interface language (Arabic mirrors the layout).
    pub lang: Lang,
    /// Search or filter being typed.
    pub input: Option<Input>,
    /// The note editor, when open.
    pub editor: Option<Editor>,
    /// A question the reader waits on (a failed save on quit, marks to recover).
    pub prompt: Option<super::quit::Prompt>,
    /// A line to print on stderr once the terminal is restored (unsaved marks and where they went).
    pub exit_note: Option<String>,
    /// The actors view, when open.
    pub actors: Option<ActorsView>,
    /// The merge of the actors running off the UI thread, if any.
    pub actors_job: Option<ActorsJob>,
    /// The number of the last merge started.
    pub actors_job_id: u64,
    /// How many articles are extracted (counted as they arrive, never rescanned).
    pub extracted_count: usize,
    /// Highlights pane shown on medium-width terminals.
    pub show_highlights: bool,
    /// A one-line message for the status bar.
    pub status: Option<String>,
    /// How right-to-left text is sent, for the status bar (`kitty (auto: kitty)`); `None` shows
    /// the layout's order.
    pub mode: Option<String>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Set when the user quits.
    pub quit: bool,
    /// Bytes for the terminal itself (OSC 52 copies), written by the runner after the next frame.
    pub outbox: Vec<String>,
    /// The program that opens links (`$BROWSER`, else `xdg-open`): program and arguments, `%s`
    /// standing for the link (appended when absent).
    pub browser: Vec<String>,
    /// Articles whose extraction is wanted first (taken by the runner).
    pub wanted: Vec<usize>,
    /// The search index, once built off the UI thread (the list filter scans without it).
    pub index: Option<Arc<search::Index>>,
    /// Where background saves report back; without it (tests) saves run in place.
    pub background: Option<std::sync::mpsc::Sender<Event>>,
    /// The list's order (a key cycles it).
    pub sort: Sort,
    /// The feed or tag the list is narrowed to (a key cycles it), with its place among the choices.
    pub scope: Option<(usize, crate::db::Scope)>,
    /// A fetch running in the background: what it has done so far.
    pub fetching: Option<super::fetch::Progress>,
    /// The feed-server sync's status, for the status line (none without `[sync]`).
    pub sync_line: Option<String>,
}

impl App {
    /// A reader over `articles`, sized `size`, showing the first article.
    pub fn new(
        articles: Vec<Article>,
        store: Store,
        keymap: Keymap,
        theme: Theme,
        layout: LayoutOptions,
        size: (u16, u16),
    ) -> App {
        App::with_shelf(Shelf::Files(Arc::new(articles)), store, keymap, theme, layout, size)
    }

    /// A reader over `shelf` (files or the library), sized `size`, showing the article read last
    /// (else the first).
    pub fn with_shelf(
        articles: Shelf,
        store: Store,
        keymap: Keymap,
        theme: Theme,
        layout: LayoutOptions,
        size: (u16, u16),
    ) -> App {
        let n = articles.len();
        let mut app = App {
            articles,
            extractions: vec![None; n],
            store,
            keymap,
            theme,
            layout,
            focus: Pane::List,
            list: ListView { visible: (0..n).collect(), ..ListView::default() },
            reader: ReaderView::default(),
            hl: HighlightsView::default(),
            help: false,
            help_scroll: 0,
            lang: Lang::En,
            input: None,
            editor: None,
            prompt: None,
            exit_note: None,
            actors: None,
            actors_job: None,
            actors_job_id: 0,
            extracted_count: 0,
            show_highlights: false,
            status: None,
            mode: None,
            size,
            quit: false,
            wanted: Vec::new(),
            outbox: Vec::new(),
            browser: super::links::browser_from_env(),
            index: None,
            background: None,
            sort: Sort::Date,
            scope: None,
            fetching: None,
            sync_line: None,
        };
        let last = session::load(session::path_beside(app.store.path()).as_deref());
        if let Some(pos) = last.and_then(|id| app.position_of_content(&id)) {
            app.list.selected = pos;
            app.fix_list_offset();
        }
        app.show(app.list.current());
        app
    }

    /// The pane rectangles for the current size.
    pub fn regions(&self) -> Regions {
        self.regions_for(self.size)
    }

    /// The pane rectangles for a terminal of `size`, mirrored in a right-to-left interface.
    pub fn regions_for(&self, size: (u16, u16)) -> Regions {
        let r = ui::regions(size, self.focus, self.show_highlights);
        if self.lang.rtl() { ui::mirrored(r, size.0) } else { r }
    }

    /// The interface's words.
    pub fn words(&self) -> &'static Catalog {
        self.lang.words()
    }

    /// A pane's name on the tab bar and in the status line.
    pub fn pane_label(&self, p: Pane) -> &'static str {
        self.words().get(match p {
            Pane::List => "pane.list",
            Pane::Reader => "pane.reader",
            Pane::Highlights => "pane.highlights",
        })
    }

    /// Reacts to one event.
    pub fn handle(&mut self, ev: Event) {
        match ev {
            Event::Key(k) => self.key(k),
            Event::Mouse(m) => self.mouse(m),
            Event::Paste(text) => self.paste(&text),
            Event::Resize(w, h) => {
                self.size = (w, h);
                self.relayout();
            }
            Event::Indexed(ix) => self.index = Some(ix),
            Event::Fetch(f) => self.fetch_event(f),
            Event::Hangup => self.quit = true,
            Event::Sync(line) => {
                // What the sync brought is in the state file now: show it.
                let _ = self.store.reload();
                self.sync_line = Some(line);
            }
            Event::Saved(outcome) => {
                if let Err(e) = self.store.finish_save(outcome) {
                    self.status = Some(e.to_string());
                }
            }
            Event::Extracted(i, ex) => {
                if let Some(slot) = self.extractions.get_mut(i) {
                    if slot.is_none() {
                        self.extracted_count += 1;
                    }
                    *slot = Some(ex);
                }
                // The actors view fills in as extraction finishes (merged again once everything is in).
                self.actors_extracted();
            }
            Event::ActorsProgress(id, done, _) => self.actors_progress(id, done),
            Event::ActorsMerged(id, v) => self.actors_merged(id, *v),
        }
    }

    fn key(&mut self, k: KeyEvent) {
        if self.prompt.is_some() {
            return self.prompt_key(k);
        }
        if self.editor.is_some() {
            return self.editor_key(k);
        }
        if self.input.is_some() {
            return self.input_key(k);
        }
        if let Some(a) = self.keymap.action(&k) {
            self.update(a);
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, a: Action) {
        self.status = None;
        if self.help && !matches!(a, Action::Help | Action::Close | Action::Quit) {
            return self.help_action(a);
        }
        if self.actors.is_some() && !matches!(a, Action::Help | Action::Quit | Action::Actors) {
            return self.actors_action(a);
        }
        match a {
            Action::Quit => self.request_quit(),
            Action::Help => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::ToggleRemoved => {
                self.reader.unfolded = !self.reader.unfolded;
                self.relayout();
            }
            Action::Close => self.close(),
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::PageDown => self.page(1),
            Action::PageUp => self.page(-1),
            Action::Top => self.jump_to_end(false),
            Action::Bottom => self.jump_to_end(true),
            Action::Open => self.open(),
            Action::NextPane => self.cycle(1),
            Action::PrevPane => self.cycle(-1),
            Action::Search => {
                let target = if self.focus == Pane::List { Pane::List } else { Pane::Reader };
                let text = if target == Pane::List { self.list.filter.clone() } else { String::new() };
                self.input = Some(Input { target, text });
            }
            Action::NextHit => self.next_hit(1),
            Action::PrevHit => self.next_hit(-1),
            Action::Star => self.star(),
            Action::ToggleRead => {
                if let Some(id) = self.current_article().map(|a| a.id.clone()) {
                    let read = !self.store.article(&id).read;
                    self.store.set_read(&id, read);
                    self.save();
                }
            }
            Action::EditNote => self.open_editor(),
            Action::Actors => self.toggle_actors(),
            Action::Export => self.export(),
            Action::FetchFeed => self.fetch(false),
            Action::FetchAll => self.fetch(true),
            Action::MarkAllRead => self.mark_all_read(),
            Action::OpenLink => self.open_link(),
            Action::CopyLink => self.copy_link(),
            Action::CycleSort => self.cycle_sort(),
            Action::CycleScope => self.cycle_scope(),
            Action::ToggleHighlights => {
                self.show_highlights = !self.show_highlights;
                if !self.show_highlights && self.focus == Pane::Highlights {
                    self.focus = Pane::Reader;
                }
                self.relayout();
            }
        }
    }

    /// The article shown in the reader.
    pub fn current_article(&self) -> Option<&Article> {
        self.reader.article.and_then(|i| self.articles.get(i))
    }

    /// Extraction of the article shown, when it has arrived.
    pub fn current_extraction(&self) -> Option<&Arc<Extraction>> {
        self.reader.article.and_then(|i| self.extractions.get(i)?.as_ref())
    }

    /// The highlights pane's lines for the open article.
    pub fn hl_items(&self) -> Vec<HlItem> {
        self.current_extraction().map(|e| hl_items(e)).unwrap_or_default()
    }

    /// Rows of text the reader shows at once.
    pub fn reader_page(&self) -> usize {
        self.regions().reader.map(|r| r.height.saturating_sub(2) as usize).unwrap_or(1).max(1)
    }

    /// Movement keys scroll the help when it does not fit.
    fn help_action(&mut self, a: Action) {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let max = super::panes::help::max_scroll(self, area) as isize;
        let page = (self.size.1 as isize - 4).max(1);
        let d = match a {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Top => -max - 1,
            Action::Bottom => max + 1,
            _ => return,
        };
        self.help_scroll = (self.help_scroll as isize + d).clamp(0, max) as usize;
    }

    /// Pasted text goes into the note editor or the search being typed.
    fn paste(&mut self, text: &str) {
        if let Some(ed) = self.editor.as_mut() {
            ed.insert(text);
        } else if let Some(input) = self.input.as_mut() {
            input.text.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
            let (target, text) = (input.target, input.text.clone());
            if target == Pane::List {
                self.set_filter(text);
            } else {
                self.find_in_article(&text);
            }
        }
    }

    fn close(&mut self) {
        if self.help {
            self.help = false;
        } else if self.reader.hits.is_some() || self.reader.marked_quote.is_some() {
            self.reader.hits = None;
            self.reader.marked_quote = None;
        } else if !self.list.filter.is_empty() || self.list.actor.is_some() {
            self.list.actor = None;
            self.set_filter(String::new());
        } else if self.scope.is_some() {
            self.scope = None;
            self.set_filter(String::new());
        }
    }

    fn step(&mut self, d: isize) {
        match self.focus {
            Pane::List => {
                let n = self.list.visible.len();
                if n > 0 {
                    self.list.selected = (self.list.selected as isize + d).clamp(0, n as isize - 1) as usize;
                    self.fix_list_offset();
                    self.show(self.list.current());
                }
            }
            Pane::Reader => self.scroll_by(d),
            Pane::Highlights => {
                let n = self.hl_items().len();
                if n > 0 {
                    self.hl.selected = (self.hl.selected as isize + d).clamp(0, n as isize - 1) as usize;
                }
            }
        }
    }

    fn fix_list_offset(&mut self) {
        let cap = self
            .regions()
            .list
            .map_or(1, |r| (r.height.saturating_sub(2) as usize / ui::LIST_ITEM_ROWS).max(1));
        self.list.offset = super::panes::list::visible_offset(self.list.offset, self.list.selected, cap);
    }

    fn page(&mut self, d: isize) {
        let page = self.reader_page().saturating_sub(1).max(1) as isize;
        self.scroll_by(d * page);
    }

    fn jump_to_end(&mut self, end: bool) {
        match self.focus {
            Pane::List => {
                self.list.selected = if end { self.list.visible.len().saturating_sub(1) } else { 0 };
                self.fix_list_offset();
                self.show(self.list.current());
            }
            Pane::Highlights => {
                self.hl.selected = if end { self.hl_items().len().saturating_sub(1) } else { 0 }
            }
            Pane::Reader => self.scroll_by(if end { isize::MAX / 2 } else { isize::MIN / 2 }),
        }
    }

    /// Scrolls the reader by `d` rows, within the document.
    pub fn scroll_by(&mut self, d: isize) {
        let rows = self.reader.doc.as_ref().map_or(0, |doc| doc.rows.len());
        let max = rows.saturating_sub(self.reader_page());
        self.reader.scroll = (self.reader.scroll as isize).saturating_add(d).clamp(0, max as isize) as usize;
    }

    fn cycle(&mut self, d: isize) {
        let panes: Vec<Pane> = Pane::ALL.iter().copied().filter(|p| self.pane_reachable(*p)).collect();
        let i = panes.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = panes[(i + d).rem_euclid(panes.len() as isize) as usize];
        if self.focus == Pane::Reader {
            self.mark_read();
        }
        self.relayout();
    }

    fn pane_reachable(&self, p: Pane) -> bool {
        p != Pane::Highlights || self.size.0 < 120 || self.regions().highlights.is_some()
    }

    fn open(&mut self) {
        match self.focus {
            Pane::List => {
                self.show(self.list.current());
                self.focus = Pane::Reader;
                self.mark_read();
                self.relayout();
            }
            Pane::Reader => self.mark_read(),
            Pane::Highlights => {
                let items = self.hl_items();
                let Some(ex) = self.current_extraction().cloned() else { return };
                match items.get(self.hl.selected) {
                    Some(HlItem::Quote(q)) => {
                        self.reader.marked_quote = Some(*q);
                        // (A headline quote is above the body: the top.)
                        let q = &ex.quotes[*q];
                        self.scroll_to(if q.in_title { 0 } else { q.span.start });
                    }
                    Some(HlItem::Actor(a)) => {
                        let actor = &ex.actors[*a];
                        let mut ranges = actor.mentions.clone();
                        ranges.sort_by_key(|r| r.start);
                        if let Some(first) = ranges.first().map(|r| r.start) {
                            self.scroll_to(first);
                        }
                        let n = ranges.len();
                        self.status =
                            Some(self.words().fmt("status.mentions", &[("n", &n), ("name", &actor.name)]));
                        self.reader.hits = Some(Hits { label: actor.name.clone(), ranges, current: 0 });
                    }
                    None => {}
                }
            }
        }
    }

    /// Shows article `i` in the reader (saving where the previous one was left).
    pub(super) fn show(&mut self, i: Option<usize>) {
        if i == self.reader.article {
            return;
        }
        self.remember_position();
        self.reader = ReaderView { article: i, ..ReaderView::default() };
        self.hl = HighlightsView::default();
        if let Some(i) = i {
            self.open_stored(i);
        }
        if let Some(i) = i.filter(|&i| self.extractions.get(i).is_some_and(Option::is_none)) {
            self.wanted.push(i);
        }
        self.relayout();
        let pos = self.current_article().map_or(0, |a| self.store.article(&a.id).position);
        if let (true, Some(doc)) = (pos > 0, &self.reader.doc) {
            self.reader.scroll = doc.row_of_offset(pos as usize);
            self.scroll_by(0);
        }
    }

    fn remember_position(&mut self) {
        let (Some(a), Some(doc)) = (self.current_article(), &self.reader.doc) else { return };
        let pos = doc.offset_of_row(self.reader.scroll) as u32;
        let id = a.id.clone();
        if self.store.article(&id).position != pos {
            self.store.set_position(&id, pos);
        }
    }

    fn mark_read(&mut self) {
        if let Some(id) = self.current_article().map(|a| a.id.clone())
            && !self.store.article(&id).read
        {
            self.store.set_read(&id, true);
            self.save();
        }
    }

    /// The quote under the selection of the highlights pane, when that pane has the focus.
    fn selected_quote(&self) -> Option<(String, String, usize)> {
        if self.focus != Pane::Highlights {
            return None;
        }
        let HlItem::Quote(q) = *self.hl_items().get(self.hl.selected)? else { return None };
        let quote = &self.current_extraction()?.quotes[q];
        Some((self.current_article()?.id.clone(), store::quote_key(&quote.text, quote.span.start), q))
    }

    fn star(&mut self) {
        if let Some((id, qkey, _)) = self.selected_quote() {
            let on = self.store.toggle_quote_star(&id, &qkey);
            self.status = Some(
                self.words().get(if on { "status.quote_starred" } else { "status.quote_unstarred" }).into(),
            );
        } else if let Some(id) = self.current_article().map(|a| a.id.clone()) {
            let on = self.store.toggle_star(&id);
            self.status =
                Some(self.words().get(if on { "status.starred" } else { "status.unstarred" }).into());
        } else {
            return;
        }
        self.save();
    }

    fn actors_action(&mut self, a: Action) {
        let page = self.size.1.saturating_sub(4).max(1) as isize;
        let Some(v) = self.actors.as_mut() else { return };
        let n = v.actors.len() as isize;
        let d = match a {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Top => -n,
            Action::Bottom => n,
            Action::Close => {
                self.close_actors();
                return;
            }
            Action::Open => {
                let Some(actor) = v.current().cloned() else { return };
                let quotes = v.counts(v.selected).1;
                let articles = self.selected_actor_articles();
                self.close_actors();
                let keep = self.list.current();
                self.list.visible = articles;
                self.list.filter = String::new();
                self.list.selected =
                    keep.and_then(|k| self.list.visible.iter().position(|&i| i == k)).unwrap_or(0);
                self.list.offset = 0;
                self.list.actor = Some(actor.name.clone());
                self.focus = Pane::List;
                self.status = Some(self.words().fmt(
                    "status.actor_articles",
                    &[("n", &self.list.visible.len()), ("quotes", &quotes), ("name", &actor.name)],
                ));
                self.fix_list_offset();
                self.show(self.list.current());
                return;
            }
            _ => return,
        };
        if n > 0 {
            v.selected = (v.selected as isize + d).clamp(0, n - 1) as usize;
        }
        self.load_actor_quotes();
    }

    /// Writes the review report (Markdown) next to the reading state and says where.
    fn export(&mut self) {
        let dir = self.store.path().and_then(|p| p.parent()).map(std::path::Path::to_path_buf);
        let Some(dir) = dir else {
            self.status = Some(self.words().get("status.no_data_dir").into());
            return;
        };
        let (articles, all) = self.export_set();
        let stamp =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let path = dir.join(format!("review-{stamp}.md"));
        let mut bytes = Vec::new();
        let res = crate::library::export::write(
            crate::cli::ExportFormat::Markdown,
            &articles,
            &all,
            &self.store,
            false,
            &mut bytes,
        )
        .and_then(|()| crate::store::file::write_atomic(&path, &bytes).map_err(std::io::Error::other));
        let w = self.words();
        self.status = Some(match res {
            Ok(()) => w.fmt("status.exported", &[("path", &path.display())]),
            Err(e) => w.fmt("status.export_failed", &[("path", &path.display()), ("error", &e)]),
        });
    }

    fn open_editor(&mut self) {
        let ed = if let Some((id, qkey, q)) = self.selected_quote() {
            let ex = self.current_extraction().cloned();
            let who = ex
                .as_ref()
                .and_then(|e| e.speaker_name(&e.quotes[q]).map(str::to_string))
                .unwrap_or_default();
            let note = self.store.quote(&id, &qkey).note;
            let label = self.words().fmt("editor.quote_of", &[("who", &who)]);
            Editor::new(NoteTarget::Quote(id, qkey), label, note.as_deref())
        } else if let Some(a) = self.current_article() {
            let note = self.store.note(&a.id).map(str::to_string);
            Editor::new(NoteTarget::Article(a.id.clone()), a.title.clone(), note.as_deref())
        } else {
            return;
        };
        self.editor = Some(ed);
    }

    fn editor_key(&mut self, k: KeyEvent) {
        let width = ui::editor_area(self.size).width.saturating_sub(4) as usize;
        let layout = self.layout;
        let Some(ed) = self.editor.as_mut() else { return };
        match ed.key(k, width, &layout) {
            Outcome::Editing => {}
            Outcome::Cancel => {
                self.editor = None;
                self.status = Some(self.words().get("status.note_cancelled").into());
            }
            Outcome::Save => {
                let Some(ed) = self.editor.take() else { return };
                let note = Some(ed.text.trim().to_string()).filter(|t| !t.is_empty());
                match ed.target {
                    NoteTarget::Article(id) => self.store.set_note(&id, note),
                    NoteTarget::Quote(id, qkey) => self.store.set_quote_note(&id, &qkey, note),
                }
                self.status = Some(self.words().get("status.note_saved").into());
                self.save();
                self.relayout();
            }
        }
    }

    /// Saves reading state off the UI thread (a key press never waits on the disk); a failure is
    /// shown in the status line and the changes stay pending for the next save.
    pub fn save(&mut self) {
        self.remember_position();
        let Some(tx) = self.background.clone() else { return self.save_now() };
        self.save_session();
        if let Some(job) = self.store.begin_save() {
            let spawned = std::thread::Builder::new().name("sahifa-save".into()).spawn(move || {
                let _ = tx.send(Event::Saved(job.run()));
            });
            if spawned.is_err() {
                self.save_now();
            }
        }
    }

    /// Saves reading state and waits (on quit, on signals, in tests).
    pub fn save_now(&mut self) {
        self.remember_position();
        self.save_session();
        if let Err(e) = self.store.save() {
            self.status = Some(e.to_string());
        }
    }

    fn save_session(&self) {
        if let Some(a) = self.current_article() {
            session::save(session::path_beside(self.store.path()).as_deref(), &a.id);
        }
    }

    /// Lays the open article out again if the reader's width or options changed, keeping the
    /// position.
    pub fn relayout(&mut self) {
        let Some(width) = self.regions().reader.map(|r| r.width.saturating_sub(4).max(1) as usize) else {
            return;
        };
        let opts = LayoutOptions { width, ..self.layout };
        let Some(article) = self.current_article() else { return };
        let note = self.store.note(&article.id);
        let unfolded = self.reader.unfolded;
        if self
            .reader
            .doc
            .as_ref()
            .is_some_and(|d| d.opts == opts && d.note.as_deref() == note && d.unfolded == unfolded)
        {
            return;
        }
        let keep = self.reader.doc.as_ref().map(|d| d.offset_of_row(self.reader.scroll));
        let doc = Doc::build(article, note, opts, unfolded, self.lang.words());
        self.reader.scroll = match keep {
            Some(off) if self.reader.scroll > 0 => doc.row_of_offset(off),
            _ => 0,
        };
        self.reader.doc = Some(doc);
        self.scroll_by(0);
    }

    fn scroll_to(&mut self, offset: usize) {
        let Some(row) = self.reader.doc.as_ref().map(|d| d.row_of_offset(offset)) else { return };
        let page = self.reader_page();
        if row < self.reader.scroll || row >= self.reader.scroll + page {
            self.reader.scroll = row.saturating_sub(page / 3);
            self.scroll_by(0);
        }
    }

    fn next_hit(&mut self, d: isize) {
        let Some(h) = self.reader.hits.as_mut() else { return };
        if h.ranges.is_empty() {
            return;
        }
        let n = h.ranges.len() as isize;
        h.current = (h.current as isize + d).rem_euclid(n) as usize;
        let (cur, start) = (h.current, h.ranges[h.current].start);
        let label = h.label.clone();
        self.status =
            Some(self.words().fmt("status.hit", &[("i", &(cur + 1)), ("n", &n), ("label", &label)]));
        self.scroll_to(start);
    }

    fn input_key(&mut self, k: KeyEvent) {
        let Some(input) = self.input.as_mut() else { return };
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Esc => {
                let target = input.target;
                self.input = None;
                if target == Pane::List {
                    self.set_filter(String::new());
                } else {
                    self.reader.hits = None;
                }
                return;
            }
            KeyCode::Enter => {
                self.input = None;
                return;
            }
            KeyCode::Char('c') if ctrl => {
                self.quit = true;
                return;
            }
            KeyCode::Char('u') if ctrl => input.text.clear(),
            KeyCode::Backspace => {
                input.text.pop();
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => input.text.push(c),
            _ => return,
        }
        let (target, text) = (input.target, input.text.clone());
        if target == Pane::List {
            self.set_filter(text);
        } else {
            self.find_in_article(&text);
        }
    }

    pub(super) fn set_filter(&mut self, query: String) {
        let keep = self.list.current();
        let base = self.base_list();
        self.list.visible = if query.trim().is_empty() {
            base
        } else {
            let q = search::Query::parse_typing(&query);
            let hits: std::collections::HashSet<usize> = match (&self.articles, &self.index) {
                (Shelf::Library(_), _) => match self.articles.db().map(|db| db.search(&q, FILTER_MAX)) {
                    Some(Ok(ids)) => self.articles.positions_of(&ids).into_iter().collect(),
                    Some(Err(e)) => {
                        self.status = Some(e.to_string());
                        Default::default()
                    }
                    None => Default::default(),
                },
                (Shelf::Files(_), Some(ix)) => ix.search(&q).into_iter().map(|(a, _)| a).collect(),
                (Shelf::Files(v), None) => (0..v.len()).filter(|&i| q.matches_article(&v[i])).collect(),
            };
            base.into_iter().filter(|i| hits.contains(i)).collect()
        };
        self.list.filter = query;
        self.list.selected = keep.and_then(|k| self.list.visible.iter().position(|&i| i == k)).unwrap_or(0);
        self.list.offset = 0;
        let (shown, n) = (self.list.visible.len(), self.articles.len());
        self.status = Some(self.words().fmt("status.matches", &[("shown", &shown), ("n", &n)]));
        self.show(self.list.current());
    }

    fn find_in_article(&mut self, query: &str) {
        let Some(a) = self.current_article() else { return };
        if query.trim().is_empty() {
            self.reader.hits = None;
            return;
        }
        let ranges = search::Query::parse(query).find(&a.body);
        let top = self.reader.doc.as_ref().map_or(0, |d| d.offset_of_row(self.reader.scroll));
        let current = ranges.iter().position(|r| r.start >= top).unwrap_or(0);
        self.status = Some(self.words().fmt("status.hits", &[("n", &ranges.len())]));
        let first = ranges.get(current).map(|r| r.start);
        self.reader.hits = Some(Hits { label: query.to_string(), ranges, current });
        if let Some(off) = first {
            self.scroll_to(off);
        }
    }

    fn mouse(&mut self, m: MouseEvent) {
        let r = self.regions();
        let at = ratatui::layout::Position { x: m.column, y: m.row };
        let pane = [(Pane::List, r.list), (Pane::Reader, r.reader), (Pane::Highlights, r.highlights)]
            .into_iter()
            .find_map(|(p, rect)| rect.filter(|rc| rc.contains(at)).map(|rc| (p, rc)));
        let Some((pane, rect)) = pane else { return };
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d = if m.kind == MouseEventKind::ScrollDown { 3 } else { -3 };
                let prev = std::mem::replace(&mut self.focus, pane);
                if pane == Pane::Reader {
                    self.scroll_by(d);
                } else {
                    self.step(d.signum());
                }
                self.focus = prev;
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                let line = m.row.saturating_sub(rect.y + 1) as usize;
                match pane {
                    Pane::List => {
                        let idx = self.list.offset + line / ui::LIST_ITEM_ROWS;
                        if idx < self.list.visible.len() {
                            self.list.selected = idx;
                            self.show(self.list.current());
                        }
                    }
                    Pane::Highlights => {
                        let idx = self.hl.offset + line;
                        if idx < self.hl_items().len() {
                            self.hl.selected = idx;
                        }
                    }
                    Pane::Reader => self.mark_read(),
                }
            }
            _ => {}
        }
    }
}
