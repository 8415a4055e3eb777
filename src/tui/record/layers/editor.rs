//! The multi-line editor for a paragraph of the minutes (drawn inside the minutes pane) and for
//! the Beschlussvorschlag (a window of its own). A paragraph is saved while it is typed (the
//! screen asks [`Editor::autosave`] after a pause); closing writes what is left.

use chrono::NaiveDateTime;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::{Ctx, Effect, Layer, Verdict, popup, window};
use crate::domain::{Action, Session};
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::record::App;
use crate::tui::theme::theme;

/// What an editor writes back when it closes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditTarget {
    /// A paragraph of the minutes of `item`.
    Minute { item: String, index: usize },
    /// The Beschlussvorschlag of `item`: amends it when there was one, else sets it.
    Proposal { item: String },
}

pub struct Editor {
    pub target: EditTarget,
    pub area: TextArea<'static>,
    /// The text as saved: unchanged text writes nothing.
    original: String,
    /// Shown before the text: the speaker as the protocol writes them ("Frau Okafor …").
    pub prefix: String,
    /// Since when the editor holds text not yet saved.
    pub dirty_since: Option<NaiveDateTime>,
}

impl Editor {
    pub fn new(target: EditTarget, text: &str, prefix: String) -> Editor {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::Word);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Editor {
            target,
            area,
            original: text.to_string(),
            prefix,
            dirty_since: None,
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The paragraph being edited, if this edits one: its item and index.
    pub fn minute(&self) -> Option<(&str, usize)> {
        match &self.target {
            EditTarget::Minute { item, index } => Some((item, *index)),
            EditTarget::Proposal { .. } => None,
        }
    }

    /// What the status bar says while text is not on disk yet.
    pub fn unsaved(&self) -> Option<String> {
        self.dirty_since?;
        Some(match self.target {
            EditTarget::Minute { .. } => "Absatz wird gespeichert …".into(),
            EditTarget::Proposal { .. } => format!(
                "Text offen – {} speichert",
                key_for(Context::Editor, Command::Accept)
            ),
        })
    }

    /// The change that saves a paragraph typed so far, without closing (an empty one waits).
    /// The caller tells [`Editor::saved`] when it went to disk.
    pub fn autosave(&mut self) -> Option<(Action, String)> {
        let (item, index) = self.minute()?;
        let text = self.text().trim_end().to_string();
        let action = Action::EditMinute {
            item: item.to_string(),
            index,
            text: text.clone(),
        };
        self.dirty_since = None;
        (text != self.original && !text.trim().is_empty()).then_some((action, text))
    }

    /// `text` is what the session holds now.
    pub fn saved(&mut self, text: String) {
        self.original = text;
    }

    /// The change that writes the editor's text back when it closes (nothing when unchanged).
    fn finish(&self, session: &Session) -> Option<Action> {
        let text = self.text().trim_end().to_string();
        match &self.target {
            EditTarget::Minute { item, index } => {
                let (item, index) = (item.clone(), *index);
                if text.trim().is_empty() && self.original.trim().is_empty() {
                    // A paragraph opened and left empty is not worth a line in the protocol.
                    Some(Action::RemoveMinute { item, index })
                } else {
                    (text != self.original).then_some(Action::EditMinute { item, index, text })
                }
            }
            EditTarget::Proposal { item } => session
                .item(item)
                .and_then(|current| current.proposal_edit(text)),
        }
    }

    /// Draws the text field with its frame into `area` (the minutes pane's lower part).
    pub fn draw_in(&self, frame: &mut Frame, area: Rect) {
        let t = theme();
        let title = if self.prefix.is_empty() {
            "Absatz".to_string()
        } else {
            format!("{} …", self.prefix)
        };
        let block = Block::bordered()
            .border_style(t.border_focus)
            .title(Line::from(vec![Span::styled(title, t.title)]))
            .title_bottom(Line::from(vec![Span::styled(accept_hint(), t.key)]));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(&self.area, inner);
    }
}

impl Editor {
    fn changed(&mut self, changed: bool, ctx: &Ctx) {
        if changed {
            self.dirty_since.get_or_insert(ctx.now);
        }
    }
}

fn accept_hint() -> String {
    format!(" {} übernimmt ", key_for(Context::Editor, Command::Accept))
}

impl Layer for Editor {
    fn context(&self) -> Context {
        Context::Editor
    }

    fn key(&mut self, key: KeyEvent, command: Option<Command>, ctx: &Ctx) -> Verdict {
        match command {
            Some(Command::Accept) => {
                let effects = self.finish(ctx.session).map(|a| Effect::Commit(vec![a]));
                return Verdict::close_with(effects.into_iter().collect());
            }
            // An undo or redo changes the text like typing: it is saved the same way.
            Some(Command::Undo) => {
                let changed = self.area.undo();
                self.changed(changed, ctx);
            }
            Some(Command::Redo) => {
                let changed = self.area.redo();
                self.changed(changed, ctx);
            }
            _ => {
                let changed = self.area.input(key);
                self.changed(changed, ctx);
            }
        }
        Verdict::keep()
    }

    /// One insertion, whatever its size; saved like typing (within half a second). Control
    /// characters a terminal's copy may carry (colour codes) are left out: a paragraph holds
    /// none but line breaks and tabs.
    fn paste(&mut self, text: &str, ctx: &Ctx) {
        self.area.insert_str(crate::domain::cleaned_paste(text));
        self.dirty_since.get_or_insert(ctx.now);
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, _app: &App) {
        // Minutes are edited inside the minutes pane; the proposal gets a window of its own.
        if self.minute().is_some() {
            return;
        }
        let area = popup(screen, 76, 12);
        let block = window(&self.prefix).title_bottom(Span::styled(accept_hint(), theme().key));
        let inner = block.inner(area);
        frame.render_widget(Clear, area);
        frame.render_widget(block, area);
        frame.render_widget(&self.area, inner);
    }
}
