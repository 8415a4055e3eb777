//! The one line prompt of every screen (a name in the recording screen, a body in the picker, a
//! search in the browser): one line of text, a title, paste of a first line; its keys come from
//! the table's `Prompt` context.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear};
use ratatui_textarea::{CursorMove, TextArea};

use super::keymap::{Command, Context, lookup};
use super::theme::theme;

/// What a key meant to a prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKey {
    /// Leave without doing anything.
    Cancel,
    /// Take what is typed.
    Accept,
    /// The next or previous completion, where the prompt offers them.
    Next,
    Prev,
    /// The text may have changed.
    Edited,
}

pub struct LinePrompt {
    pub title: String,
    pub input: TextArea<'static>,
}

impl LinePrompt {
    pub fn new(title: &str, initial: &str) -> LinePrompt {
        let mut input = TextArea::new(vec![initial.to_string()]);
        input.move_cursor(CursorMove::End);
        LinePrompt {
            title: title.to_string(),
            input,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().first().cloned().unwrap_or_default()
    }

    /// A key: the prompt's commands first, anything else edits the line (Enter is taken as
    /// Accept, so the text never holds a line break).
    pub fn key(&mut self, key: KeyEvent) -> PromptKey {
        if is_line_break(&key) {
            return PromptKey::Accept;
        }
        match lookup(Context::Prompt, &key) {
            Some(Command::Back) => PromptKey::Cancel,
            Some(Command::Accept) => PromptKey::Accept,
            Some(Command::NextCandidate) => PromptKey::Next,
            Some(Command::PrevCandidate) => PromptKey::Prev,
            _ => {
                self.input.input(key);
                PromptKey::Edited
            }
        }
    }

    /// A paste: its first line that holds anything, without control characters.
    pub fn paste(&mut self, text: &str) {
        let clean = crate::domain::cleaned_paste(text);
        let first = clean.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        self.input.insert_str(first.trim().replace('\t', " "));
    }
}

/// A key a text area would take for a line break (Enter with any modifier, Ctrl+M, Ctrl+J):
/// a one-line field takes it as "done", never as a break that would cut its text.
pub fn is_line_break(key: &KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    key.code == KeyCode::Enter
        || (key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('m' | 'j')))
}

impl LinePrompt {
    /// The prompt in a box across the middle of `area` (picker and browser; the recording
    /// screen draws it with its completions).
    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        let t = theme();
        let width = 70.min(area.width);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height / 2).saturating_sub(1),
            width,
            height: 3,
        }
        .intersection(area);
        let block = Block::bordered()
            .border_style(t.border_focus)
            .title(Span::styled(format!(" {} ", self.title), t.title));
        let inner = block.inner(popup);
        frame.render_widget(Clear, popup);
        frame.render_widget(block, popup);
        frame.render_widget(&self.input, inner);
    }
}
