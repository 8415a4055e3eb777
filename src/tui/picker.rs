//! The session picker: the sessions folder newest first; Enter opens, n starts a new session.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

use crate::archive::listing::{Row, listing};
use crate::domain::Session;
use crate::render::german;
use crate::store::WritableStore;

use super::keymap::{Command, Context, bindings, key_for, lookup};
use super::prompt::{LinePrompt, PromptKey};
use super::theme::theme;
use super::widgets::fit;

pub struct Picker {
    store: WritableStore,
    /// The sessions with their counts as the minute-taker sees them (closed items included).
    pub entries: Vec<Row>,
    /// Each entry's line, made once.
    lines: Vec<String>,
    /// Files that could not be read, as messages.
    pub skipped: Vec<String>,
    pub sel: usize,
    pub prompt: Option<LinePrompt>,
    pub message: Option<String>,
    /// Set when the picker is finished: a session to open, or `None` to quit.
    pub done: Option<Option<PathBuf>>,
    /// The clock, for the date of a new session.
    now: NaiveDateTime,
}

impl Picker {
    pub fn new(store: WritableStore) -> Result<Picker, crate::store::StoreError> {
        let listing = listing(store.dir())?;
        let lines = listing.rows.iter().map(line).collect();
        Ok(Picker {
            store,
            entries: listing.rows,
            lines,
            skipped: listing.skipped.iter().map(ToString::to_string).collect(),
            sel: 0,
            prompt: None,
            message: None,
            done: None,
            now: super::clock()(),
        })
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if let Some(prompt) = self.prompt.as_mut() {
            match prompt.key(key) {
                PromptKey::Cancel => self.prompt = None,
                PromptKey::Accept => {
                    let body = prompt.text();
                    if self.create(&body) {
                        self.prompt = None;
                    }
                }
                PromptKey::Next | PromptKey::Prev | PromptKey::Edited => {}
            }
            return;
        }
        match lookup(Context::Picker, &key) {
            Some(command @ (Command::Up | Command::Down)) => {
                super::step(&mut self.sel, self.entries.len(), command == Command::Down)
            }
            Some(Command::Accept) => {
                if let Some(e) = self.entries.get(self.sel) {
                    self.done = Some(Some(e.path.clone()));
                }
            }
            Some(Command::NewSession) => {
                self.prompt = Some(LinePrompt::new("Neue Sitzung: Gremium", ""));
            }
            Some(Command::Quit) => self.done = Some(None),
            _ => {}
        }
    }

    /// Creates the session; false (with a message) when that failed, so the prompt stays.
    fn create(&mut self, body: &str) -> bool {
        let body = body.trim();
        if body.is_empty() {
            self.message = Some("Ein Gremium braucht einen Namen.".into());
            return false;
        }
        match self.store.create(&Session::new(body, self.now.date())) {
            Ok(path) => {
                self.done = Some(Some(path));
                true
            }
            Err(e) => {
                self.message = Some(e.to_string());
                false
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        let t = theme();
        let Some([title, list, foot]) = super::widgets::title_body_hints(frame, 20, 5) else {
            return;
        };
        let area = frame.area();
        let heading = format!("sitzung – {}", self.store.dir().display());
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&heading, area.width as usize), t.title)),
            title,
        );
        let width = list.width.saturating_sub(2) as usize;
        let items: Vec<ListItem> = self
            .lines
            .iter()
            .map(|row| ListItem::new(fit(row, width)))
            .collect();
        let block = Block::bordered()
            .border_style(t.border_focus)
            .title(Span::styled(" Sitzungen (neueste zuerst) ", t.title));
        let mut state =
            ListState::default().with_selected((!self.entries.is_empty()).then_some(self.sel));
        frame.render_stateful_widget(
            List::new(items).block(block).highlight_style(t.selected),
            list,
            &mut state,
        );
        if self.entries.is_empty() {
            let inner = list.inner(ratatui::layout::Margin::new(2, 1));
            frame.render_widget(
                Paragraph::new(format!(
                    "Noch keine Sitzungen. {} legt eine an.",
                    key_for(Context::Picker, Command::NewSession)
                ))
                .style(t.muted),
                inner,
            );
        }
        let footer = match (&self.message, self.skipped.first()) {
            (Some(m), _) => Line::styled(fit(m, area.width as usize), t.error),
            (None, Some(s)) => Line::styled(
                fit(&format!("übersprungen: {s}"), area.width as usize),
                t.warn,
            ),
            (None, None) => super::widgets::hint_line(
                bindings(Context::Picker).filter(|b| b.hint),
                area.width as usize,
            ),
        };
        frame.render_widget(Paragraph::new(footer), foot);
        if let Some(prompt) = &self.prompt {
            prompt.draw(frame, area);
        }
    }
}

/// An entry as the list shows it.
fn line(row: &Row) -> String {
    let s = &row.summary;
    format!(
        "{}  {}  · {} TOPs, {} mit Beschluss",
        german::date(s.date),
        s.body,
        s.internal.items,
        s.internal.decided
    )
}

impl super::Screen for Picker {
    fn handle_key(&mut self, key: KeyEvent) {
        Picker::handle_key(self, key);
    }

    fn paste(&mut self, text: &str) {
        if let Some(prompt) = self.prompt.as_mut() {
            prompt.paste(text);
        }
    }

    fn tick(&mut self, now: NaiveDateTime) {
        self.now = now;
    }

    fn set_screen(&mut self, _width: u16, _height: u16) {}

    fn draw(&self, frame: &mut Frame) {
        Picker::draw(self, frame);
    }

    fn finished(&self) -> bool {
        self.done.is_some()
    }

    /// A signal wins over a choice made a moment before: nothing is opened any more.
    fn shutdown(&mut self) {
        self.done = Some(None);
    }
}
