//! The archive browser (`sitzung browse`): sessions newest first with filters, a pager with the
//! rendered protocol and an outline, and search across the archive. It reads only; a session
//! being recorded is shown as far as it is saved and follows the writer (`changed`).

mod pager;
mod view;

use std::path::{Path, PathBuf};

use chrono::Datelike;
use crossterm::event::{KeyEvent, KeyEventKind};

use crate::archive::listing::{Listing, listing, quick_listing};
use crate::archive::{Hit, Query, Search};
use crate::domain::fold;
use crate::render::Edition;
use crate::store;

use super::keymap::{Command, Context, lookup};
use super::prompt::{LinePrompt, PromptKey};
use super::step;

pub use pager::Pager;
pub use view::draw;

pub use crate::archive::listing::Row;

pub enum Page {
    List,
    Pager(Box<Pager>),
    Results(Box<Results>),
}

/// The hits of a search, taken from it as the reader scrolls: what is held is what was shown
/// (and a page more), however many hits the archive has.
pub struct Results {
    pub query: String,
    pub hits: Vec<Hit>,
    pub sel: usize,
    /// The rest of the search, if there is more.
    more: Option<Search>,
}

/// How many hits beyond the selection are taken ahead.
const AHEAD: usize = 100;

impl Results {
    fn new(query: &str, search: Search) -> Results {
        let mut results = Results {
            query: query.to_string(),
            hits: Vec::new(),
            sel: 0,
            more: Some(search),
        };
        results.take(AHEAD);
        results
    }

    /// Takes hits until there are `wanted` (or no more).
    fn take(&mut self, wanted: usize) {
        while self.hits.len() < wanted {
            match self.more.as_mut().and_then(Iterator::next) {
                Some(hit) => self.hits.push(hit),
                None => {
                    self.more = None;
                    break;
                }
            }
        }
    }

    fn step(&mut self, down: bool) {
        step(&mut self.sel, self.hits.len(), down);
        self.take(self.sel + AHEAD);
    }

    /// "12 Treffer", or "100+ Treffer" while there are more to come.
    pub fn count(&self) -> String {
        match (self.hits.len(), self.more.is_some()) {
            (1, false) => "1 Treffer".to_string(),
            (n, false) => format!("{n} Treffer"),
            (n, true) => format!("{n}+ Treffer"),
        }
    }
}

/// What the prompt at the bottom is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asking {
    Search,
    Filter,
}

pub struct Browser {
    dir: PathBuf,
    rows: Vec<Row>,
    /// Which rows pass the filter (worked out when the filter changes, not per frame).
    shown: Vec<usize>,
    /// Files that could not be read, as messages.
    pub skipped: Vec<String>,
    /// Body words and a year the list is filtered by ([`Browser::set_filter`]).
    filter: String,
    pub sel: usize,
    pub page: Page,
    /// Screens to go back to (Esc): results under a pager opened from them.
    back: Vec<Page>,
    pub prompt: Option<(Asking, LinePrompt)>,
    pub message: Option<String>,
    /// Whether the internal edition may be shown (`--internal`).
    pub internal: bool,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// The whole list, being made where the first one had rows without counts.
    completing: Option<std::sync::mpsc::Receiver<Listing>>,
}

impl Browser {
    /// Reads the archive's summaries: where the index holds from it, the other files by their
    /// heads only, so the first frame does not wait for thirty thousand files; their counts
    /// (and whether any is broken) come from reading them whole, on a thread of its own
    /// ([`Browser::poll`]).
    pub fn open(dir: &Path, internal: bool) -> Result<Browser, store::StoreError> {
        let (found, complete) = quick_listing(dir)?;
        let rows = found.rows;
        let skipped = found.skipped;
        let completing = (!complete).then(|| {
            let (send, receive) = std::sync::mpsc::channel();
            let dir = dir.to_path_buf();
            std::thread::spawn(move || {
                if let Ok(whole) = listing(&dir) {
                    let _ = send.send(whole);
                }
            });
            receive
        });
        let mut browser = Browser {
            dir: dir.to_path_buf(),
            rows,
            shown: Vec::new(),
            skipped,
            filter: String::new(),
            sel: 0,
            page: Page::List,
            back: Vec::new(),
            prompt: None,
            message: None,
            internal,
            width: 80,
            height: 24,
            quit: false,
            completing,
        };
        browser.set_filter("");
        Ok(browser)
    }

    /// Takes the whole list once it is made (between keys and frames); the selection stays
    /// on its session.
    pub fn poll(&mut self) {
        let Some(whole) = self.completing.as_ref().and_then(|r| r.try_recv().ok()) else {
            return;
        };
        self.complete(whole);
    }

    /// Waits for the whole list (tests, and scripts that need the counts).
    pub fn wait_complete(&mut self) {
        if let Some(whole) = self.completing.as_ref().and_then(|r| r.recv().ok()) {
            self.complete(whole);
        }
    }

    /// Whether every row has its counts.
    pub fn is_complete(&self) -> bool {
        self.completing.is_none()
    }

    fn complete(&mut self, whole: Listing) {
        self.completing = None;
        let selected = self.rows().get(self.sel).map(|r| r.path.clone());
        self.rows = whole.rows;
        self.skipped = whole.skipped;
        let filter = self.filter.clone();
        self.set_filter(&filter);
        if let Some(path) = selected {
            self.sel = self
                .rows()
                .iter()
                .position(|r| r.path == path)
                .unwrap_or(self.sel);
        }
    }

    /// The rows passing the filter.
    pub fn rows(&self) -> Vec<&Row> {
        self.shown.iter().map(|&i| &self.rows[i]).collect()
    }

    /// Sets the filter: every word a part of the body's name, or a year.
    fn set_filter(&mut self, filter: &str) {
        self.filter = filter.to_string();
        let words: Vec<String> = self.filter.split_whitespace().map(fold).collect();
        if words.is_empty() {
            self.shown = (0..self.rows.len()).collect();
            return;
        }
        self.shown = (0..self.rows.len())
            .filter(|&i| {
                let summary = &self.rows[i].summary;
                let body = fold(&summary.body);
                words.iter().all(|w| match w.parse::<i32>() {
                    Ok(year) if w.len() == 4 => summary.date.year() == year,
                    _ => body.contains(w.as_str()),
                })
            })
            .collect();
    }

    pub fn context(&self) -> Context {
        match (&self.prompt, &self.page) {
            (Some(_), _) => Context::Prompt,
            (None, Page::List) => Context::Archive,
            (None, Page::Pager(_)) => Context::Pager,
            (None, Page::Results(_)) => Context::Results,
        }
    }

    /// The terminal's size, before each key and frame.
    pub fn set_screen(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        if let Page::Pager(pager) = &mut self.page {
            pager.set_width(view::pager_text_width(width));
        }
    }

    /// Pasted text goes into the open prompt (its first line), else nowhere.
    pub fn paste(&mut self, text: &str) {
        if let Some((_, prompt)) = self.prompt.as_mut() {
            prompt.paste(text);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.message = None;
        if let Some((asking, prompt)) = self.prompt.as_mut() {
            match prompt.key(key) {
                PromptKey::Cancel => self.prompt = None,
                PromptKey::Accept => {
                    let (asking, text) = (*asking, prompt.text());
                    self.prompt = None;
                    self.answer(asking, text.trim());
                }
                PromptKey::Next | PromptKey::Prev | PromptKey::Edited => {}
            }
            return;
        }
        let Some(command) = lookup(self.context(), &key) else {
            return;
        };
        let page = usize::from(self.height.saturating_sub(4)).max(1);
        match command {
            Command::Search => self.ask(
                Asking::Search,
                "Suche (Wörter, \"Phrase\", von:Name; strasse findet Straße)",
            ),
            Command::Filter => {
                let title = "Filter: Gremium und/oder Jahr, z. B. „bau 2023“ (leer: alle)";
                self.prompt = Some((Asking::Filter, LinePrompt::new(title, &self.filter)));
            }
            Command::Quit => self.quit = true,
            Command::Back => self.page = self.back.pop().unwrap_or(Page::List),
            _ => match &mut self.page {
                Page::List => {
                    let len = self.rows().len();
                    match command {
                        Command::Up | Command::Down => {
                            step(&mut self.sel, len, command == Command::Down)
                        }
                        Command::Top => self.sel = 0,
                        Command::Bottom => self.sel = len.saturating_sub(1),
                        Command::Accept => {
                            if let Some(path) = self.rows().get(self.sel).map(|r| r.path.clone()) {
                                self.open_pager(&path, None, None);
                            }
                        }
                        _ => {}
                    }
                }
                Page::Pager(pager) => match command {
                    Command::Up => pager.scroll_by(-1, page),
                    Command::Down => pager.scroll_by(1, page),
                    Command::PageDown => pager.scroll_by(page as isize, page),
                    Command::PageUp => pager.scroll_by(-(page as isize), page),
                    Command::Top => pager.scroll = 0,
                    Command::Bottom => pager.scroll_by(isize::MAX / 2, page),
                    Command::NextItem => pager.jump_item(true),
                    Command::PrevItem => pager.jump_item(false),
                    Command::ToggleEdition => {
                        if self.internal {
                            pager.toggle_edition();
                        } else {
                            self.message = Some(
                                "Die interne Fassung braucht sitzung browse --internal.".into(),
                            );
                        }
                    }
                    _ => {}
                },
                Page::Results(results) => match command {
                    Command::Up | Command::Down => results.step(command == Command::Down),
                    Command::Accept => {
                        if let Some(hit) = results.hits.get(results.sel).cloned() {
                            let query = Query::parse(&self.last_query()).ok();
                            self.open_pager(&hit.path, Some(&hit.item), query);
                        }
                    }
                    _ => {}
                },
            },
        }
    }

    fn last_query(&self) -> String {
        match (&self.page, self.back.last()) {
            (Page::Results(r), _) | (_, Some(Page::Results(r))) => r.query.clone(),
            _ => String::new(),
        }
    }

    fn ask(&mut self, asking: Asking, title: &str) {
        self.prompt = Some((asking, LinePrompt::new(title, "")));
    }

    fn answer(&mut self, asking: Asking, text: &str) {
        match asking {
            Asking::Filter => {
                self.set_filter(text);
                self.sel = 0;
                self.page = Page::List;
                self.back.clear();
            }
            Asking::Search => {
                let mut query = match Query::parse(text) {
                    Ok(q) => q,
                    Err(e) => return self.message = Some(e.to_string()),
                };
                query.internal = self.internal;
                match Search::new(&self.dir, &query) {
                    Ok(search) => {
                        let results = Results::new(text, search);
                        self.message = Some(format!("{} für {text}", results.count()));
                        let previous = std::mem::replace(&mut self.page, Page::List);
                        if matches!(previous, Page::Pager(_)) {
                            self.back.push(previous);
                        }
                        self.page = Page::Results(Box::new(results));
                    }
                    Err(e) => self.message = Some(e.to_string()),
                }
            }
        }
    }

    fn open_pager(&mut self, path: &Path, item: Option<&str>, highlight: Option<Query>) {
        let edition = Edition::Public;
        match Pager::open(path, edition, highlight, view::pager_text_width(self.width)) {
            Ok(mut pager) => {
                if let Some(item) = item {
                    pager.jump_to(item);
                }
                let previous = std::mem::replace(&mut self.page, Page::List);
                if matches!(previous, Page::Results(_)) {
                    self.back.push(previous);
                }
                self.page = Page::Pager(Box::new(pager));
            }
            Err(e) => self.message = Some(e),
        }
    }

    /// Files changed on disk: the session in the pager is read again (a writer saved), the
    /// reader's place kept.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        if let Page::Pager(pager) = &mut self.page {
            let journal = store::journal::journal_path(&pager.path);
            if paths.iter().any(|p| {
                *p == pager.path || *p == journal || p.file_name() == pager.path.file_name()
            }) {
                pager.reload();
            }
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl super::Screen for Browser {
    fn handle_key(&mut self, key: KeyEvent) {
        Browser::handle_key(self, key);
    }

    fn paste(&mut self, text: &str) {
        Browser::paste(self, text);
    }

    /// The whole listing, once its thread has made it.
    fn tick(&mut self, _now: chrono::NaiveDateTime) {
        self.poll();
    }

    fn set_screen(&mut self, width: u16, height: u16) {
        Browser::set_screen(self, width, height);
    }

    fn draw(&self, frame: &mut ratatui::Frame) {
        draw(frame, self);
    }

    /// A session being recorded is followed in the pager within a moment of each save.
    fn changed(&mut self, paths: &[PathBuf]) {
        Browser::changed(self, paths);
    }

    fn finished(&self) -> bool {
        self.quit
    }

    fn shutdown(&mut self) {
        self.quit = true;
    }
}
