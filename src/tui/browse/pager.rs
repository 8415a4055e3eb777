//! The protocol of one session as text to scroll through, with its items as jump marks.

use std::path::{Path, PathBuf};

use crate::archive::Query;
use crate::render::{Edition, Format, Options, render};
use crate::store;

pub struct Pager {
    pub path: PathBuf,
    pub title: String,
    pub edition: Edition,
    /// The protocol's lines, wrapped to `width`.
    pub lines: Vec<String>,
    /// Item number, title and first line of each item's heading.
    pub outline: Vec<(String, String, usize)>,
    pub scroll: usize,
    pub highlight: Option<Query>,
    width: usize,
    /// The rendered protocol, unwrapped.
    text: String,
    /// "14.03.2024", as item headings begin.
    date: String,
    /// "Entwurf", "unterschrieben" …: where the Niederschrift stands.
    pub stage: &'static str,
    /// Number and title of each item the edition shows.
    items: Vec<(String, String)>,
}

impl Pager {
    pub fn open(
        path: &Path,
        edition: Edition,
        highlight: Option<Query>,
        width: usize,
    ) -> Result<Pager, String> {
        let mut pager = Pager {
            path: path.to_path_buf(),
            title: String::new(),
            edition,
            lines: Vec::new(),
            outline: Vec::new(),
            scroll: 0,
            highlight,
            width,
            text: String::new(),
            date: String::new(),
            stage: "",
            items: Vec::new(),
        };
        pager.load()?;
        Ok(pager)
    }

    /// Reads and renders the session (snapshot and journal), then lays it out.
    fn load(&mut self) -> Result<(), String> {
        let session = store::load_current(&self.path).map_err(|e| e.to_string())?;
        let options = Options {
            format: Format::Text,
            edition: self.edition,
            ..Options::default()
        };
        self.text = render(&session, &options).map_err(|e| e.to_string())?;
        self.date = crate::render::german::date(session.date);
        self.title = format!("{} · {}", self.date, session.body);
        // Where the Niederschrift stands: a draft is read as one.
        self.stage = crate::render::german::stage(session.stage());
        self.items = session
            .agenda
            .iter()
            .zip(session.closed_flags())
            .filter(|(_, closed)| !closed || self.edition == Edition::Internal)
            .map(|(i, _)| (i.number.clone(), i.title.clone()))
            .collect();
        self.layout();
        Ok(())
    }

    /// Wraps the text to the width and finds each item's heading ("14.03.2024 - 7 Titel").
    fn layout(&mut self) {
        self.wrap();
        self.outline = self
            .items
            .iter()
            .filter_map(|(number, title)| {
                let heading = format!("{} - {number} ", self.date);
                self.lines
                    .iter()
                    .position(|l| l.starts_with(&heading))
                    .map(|line| (number.clone(), title.clone(), line))
            })
            .collect();
    }

    fn wrap(&mut self) {
        let options = textwrap::Options::new(self.width.max(10))
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
        self.lines = self
            .text
            .lines()
            .flat_map(|l| {
                if l.is_empty() {
                    vec![String::new()]
                } else {
                    textwrap::wrap(l, &options)
                        .into_iter()
                        .map(|c| c.into_owned())
                        .collect()
                }
            })
            .collect();
    }

    /// Rewraps for a new width, keeping the item being read in view.
    pub fn set_width(&mut self, width: usize) {
        if width == self.width || width == 0 {
            return;
        }
        let item = self.current_item().map(|(n, _, _)| n.clone());
        self.width = width;
        // The text is the same, only its lines change: no reading, no rendering.
        self.layout();
        if let Some(item) = item {
            self.jump_to(&item);
        }
    }

    /// Reads the session again (the writer saved); the reader's place stays where it was.
    /// The place is the item being read and the line within it, so text added above it (an
    /// earlier item) does not move the reader.
    pub fn reload(&mut self) {
        let scroll = self.scroll;
        let place = self
            .current_item()
            .map(|(number, _, line)| (number.clone(), scroll - line));
        if self.load().is_ok() {
            self.scroll = match place.and_then(|(n, offset)| {
                let (_, _, line) = self.outline.iter().find(|(i, _, _)| *i == n)?;
                Some(line + offset)
            }) {
                Some(line) => line,
                None => scroll,
            }
            .min(self.lines.len().saturating_sub(1));
        }
    }

    pub fn scroll_by(&mut self, by: isize, page: usize) {
        let max = self.lines.len().saturating_sub(page);
        self.scroll = (self.scroll as isize)
            .saturating_add(by)
            .clamp(0, max as isize) as usize;
    }

    /// The item whose text is at the top of the view.
    pub fn current_item(&self) -> Option<&(String, String, usize)> {
        self.outline
            .iter()
            .rev()
            .find(|(_, _, line)| *line <= self.scroll)
    }

    pub fn jump_item(&mut self, forward: bool) {
        let target = if forward {
            self.outline.iter().find(|(_, _, l)| *l > self.scroll)
        } else {
            self.outline.iter().rev().find(|(_, _, l)| *l < self.scroll)
        };
        if let Some((_, _, line)) = target {
            self.scroll = *line;
        }
    }

    pub fn jump_to(&mut self, item: &str) {
        if let Some((_, _, line)) = self.outline.iter().find(|(n, _, _)| n == item) {
            self.scroll = *line;
        }
    }

    pub fn toggle_edition(&mut self) {
        let item = self.current_item().map(|(n, _, _)| n.clone());
        self.edition = match self.edition {
            Edition::Public => Edition::Internal,
            Edition::Internal => Edition::Public,
        };
        if self.load().is_ok() {
            self.scroll = 0;
            if let Some(item) = item {
                self.jump_to(&item);
            }
        }
    }
}
