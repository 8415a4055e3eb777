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
use crate::store::Store;

use super::keymap::{Command, Context, bindings, lookup};
use super::layer::{Prompt, PromptPurpose};
use super::theme::theme;
use super::widgets::fit;

pub struct Picker {
    store: Store,
    /// The sessions with their counts as the minute-taker sees them (closed items included).
    pub entries: Vec<Row>,
    /// Files that could not be read, as messages.
    pub skipped: Vec<String>,
    pub sel: usize,
    pub prompt: Option<Prompt>,
    pub message: Option<String>,
    /// Set when the picker is finished: a session to open, or `None` to quit.
    pub done: Option<Option<PathBuf>>,
}

impl Picker {
    pub fn new(store: Store) -> Result<Picker, crate::store::StoreError> {
        let listing = listing(store.dir())?;
        Ok(Picker {
            store,
            entries: listing.rows,
            skipped: listing.skipped.iter().map(ToString::to_string).collect(),
            sel: 0,
            prompt: None,
            message: None,
            done: None,
        })
    }

    pub fn handle_key(&mut self, key: KeyEvent, now: NaiveDateTime) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if let Some(mut prompt) = self.prompt.take() {
            match lookup(Context::Prompt, &key) {
                Some(Command::Back) => {}
                Some(Command::Accept) => {
                    if !self.create(&prompt.text(), now) {
                        self.prompt = Some(prompt);
                    }
                }
                _ => {
                    prompt.input.input(key);
                    self.prompt = Some(prompt);
                }
            }
            return;
        }
        match lookup(Context::Picker, &key) {
            Some(command @ (Command::Up | Command::Down)) => {
                super::app::step(&mut self.sel, self.entries.len(), command == Command::Down)
            }
            Some(Command::Accept) => {
                if let Some(e) = self.entries.get(self.sel) {
                    self.done = Some(Some(e.path.clone()));
                }
            }
            Some(Command::NewSession) => {
                self.prompt = Some(Prompt::new(
                    PromptPurpose::Line,
                    "Neue Sitzung: Gremium",
                    "",
                ));
            }
            Some(Command::Quit) => self.done = Some(None),
            _ => {}
        }
    }

    /// Creates the session; false (with a message) when that failed, so the prompt stays.
    fn create(&mut self, body: &str, now: NaiveDateTime) -> bool {
        let body = body.trim();
        if body.is_empty() {
            self.message = Some("Ein Gremium braucht einen Namen.".into());
            return false;
        }
        match self.store.create(&Session::new(body, now.date())) {
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
            .entries
            .iter()
            .map(|e| {
                let s = &e.summary;
                let row = format!(
                    "{}  {}  · {} TOPs, {} mit Beschluss",
                    german::date(s.date),
                    s.body,
                    s.internal.items,
                    s.internal.decided
                );
                ListItem::new(fit(&row, width))
            })
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
                Paragraph::new("Noch keine Sitzungen. n legt eine an.").style(t.muted),
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
            super::widgets::line_prompt(frame, area, prompt);
        }
    }
}
