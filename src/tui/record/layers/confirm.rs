//! A yes/no question before what cannot be taken back lightly (deleting, publishing a closed
//! item, calling a second item, quitting with a failed save). Only a deliberate yes (a capital
//! J) carries out what was asked; any other key is a no.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Ctx, Effect, Layer, Verdict, boxed, popup};
use crate::domain::Action;
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::record::App;
use crate::tui::theme::theme;

pub struct Confirm {
    question: String,
    /// What happens after yes.
    on_yes: Vec<Effect>,
}

impl Confirm {
    /// Asks before committing `actions`.
    pub fn new(question: String, actions: Vec<Action>) -> Confirm {
        Confirm::then(question, vec![Effect::Commit(actions)])
    }

    /// Asks before `effects`.
    pub fn then(question: String, effects: Vec<Effect>) -> Confirm {
        Confirm {
            question,
            on_yes: effects,
        }
    }

    pub fn question(&self) -> &str {
        &self.question
    }
}

impl Layer for Confirm {
    fn context(&self) -> Context {
        Context::Confirm
    }

    fn key(&mut self, _key: KeyEvent, command: Option<Command>, _ctx: &Ctx) -> Verdict {
        match command {
            Some(Command::Yes) => Verdict::close_with(std::mem::take(&mut self.on_yes)),
            // Anything but a deliberate yes is a no.
            _ => Verdict::close_with(vec![Effect::Info("Nichts geändert.".into())]),
        }
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, _app: &App) {
        let area = popup(screen, 60, 7);
        let body = vec![
            Line::raw(self.question.clone()),
            Line::raw(""),
            Line::from(vec![
                Span::styled(key_for(Context::Confirm, Command::Yes), theme().key),
                Span::raw(" ja   "),
                Span::styled("jede andere Taste", theme().key),
                Span::raw(" nein"),
            ]),
        ];
        boxed(
            frame,
            area,
            "Rückfrage",
            Paragraph::new(body).wrap(Wrap { trim: true }),
        );
    }
}
