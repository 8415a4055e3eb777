//! The layers over the panes (editor, prompt, vote, attendance, form, confirm, outcome, help). Each is
//! one file holding its state, what its keys do and how it is drawn. A layer takes the keys
//! before the panes and answers each with a [`Verdict`]: whether it stays open, and what the
//! screen is to do ([`Effect`]: commit these domain actions, say something, open a layer on top,
//! quit). A layer never changes the session itself; it sees it through a [`Ctx`].
//!
//! A new layer: copy `outcome.rs` (the smallest), give it its state, keys and drawing, add its
//! `Context` and bindings to `keymap.rs`, and open it from a pane or a layer with
//! [`Effect::Push`] (or `App::push`).

mod attendance;
mod confirm;
mod editor;
mod election;
mod event;
mod form;
mod go;
mod help;
mod outcome;
mod prompt;
mod roll_call;
mod speaking_times;
mod vote;

use std::any::Any;

use chrono::NaiveDateTime;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::{Action, AgendaItem, Session, Time};

use super::App;
use crate::tui::keymap::{Command, Context};
use crate::tui::theme::theme;

pub use attendance::Attendance;
pub use confirm::Confirm;
pub use editor::{EditTarget, Editor};
pub use election::{ElectionDraft, said as election_said};
pub use event::{EventPicker, toggle_break};
pub use form::Form;
pub use go::GoPicker;
pub use help::Help;
pub use outcome::OutcomePicker;
pub use prompt::{Candidate, Prompt, Purpose};
pub use roll_call::RollCall;
pub use speaking_times::SpeakingTimes;
pub use vote::VoteDraft;

/// What a layer may look at while it answers a key.
pub struct Ctx<'a> {
    pub session: &'a Session,
    /// The item selected in the agenda.
    pub item: Option<&'a AgendaItem>,
    /// The time as the protocol records it (whole seconds).
    pub time: Time,
    /// The wall clock.
    pub now: NaiveDateTime,
}

pub trait Layer: Any {
    /// The keys that apply while this layer is on top.
    fn context(&self) -> Context;

    /// Answers a key; `command` is what the key means in [`Layer::context`].
    fn key(&mut self, key: KeyEvent, command: Option<Command>, ctx: &Ctx) -> Verdict;

    /// Pasted text (only layers with a text field take it).
    fn paste(&mut self, _text: &str, _ctx: &Ctx) {}

    /// Draws the layer over the whole screen `screen`.
    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App);
}

/// Whether a layer stays open after a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum After {
    Keep,
    Close,
    /// Closes when every effect was carried out; a refused commit keeps the layer open with
    /// what was typed, to be corrected.
    CloseIfDone,
}

/// What the screen is to do for a layer.
pub enum Effect {
    /// Apply these actions as one change and save them; a refusal stops the effects after it.
    Commit(Vec<Action>),
    Info(String),
    Error(String),
    /// Open a layer on top.
    Push(Box<dyn Layer>),
    /// End the program at once (after the user agreed to lose what is not saved).
    Quit,
    /// An item was called: show its minutes.
    ItemOpened {
        item: String,
        at: Time,
    },
    /// Select the agenda row at this position.
    SelectItem(usize),
    /// The speaking time limit for the next turns, in seconds.
    SetLimit(Option<u32>),
    /// A vote was recorded: the motion pane moves on to what is to be voted on next.
    NextToVote,
    /// The clock of the next entries (`None`: the wall clock again).
    SetClock(Option<Time>),
    /// The attendance list was left on this row: it opens there next time.
    AttendanceAt(usize),
}

/// A layer's answer to a key.
#[must_use]
pub struct Verdict {
    pub after: After,
    pub effects: Vec<Effect>,
}

impl Verdict {
    pub fn keep() -> Verdict {
        Verdict::keep_with(Vec::new())
    }

    pub fn close() -> Verdict {
        Verdict::close_with(Vec::new())
    }

    pub fn keep_with(effects: Vec<Effect>) -> Verdict {
        Verdict {
            after: After::Keep,
            effects,
        }
    }

    pub fn close_with(effects: Vec<Effect>) -> Verdict {
        Verdict {
            after: After::Close,
            effects,
        }
    }

    pub fn close_if_done(effects: Vec<Effect>) -> Verdict {
        Verdict {
            after: After::CloseIfDone,
            effects,
        }
    }

    /// Stays open and says why what was typed cannot be taken.
    pub fn refuse(why: impl Into<String>) -> Verdict {
        Verdict::keep_with(vec![Effect::Error(why.into())])
    }
}

/// Commits `actions`, unless they would make a recorded vote impossible (an attendance change,
/// a typed arrival or departure): then a question first that names those votes.
pub fn commit_keeping_votes(session: &Session, actions: Vec<Action>) -> Effect {
    let broken = session.votes_made_impossible(&actions);
    if broken.is_empty() {
        return Effect::Commit(actions);
    }
    let votes: Vec<String> = broken
        .iter()
        .map(|(item, motion)| format!("TOP {item} ({}.)", motion + 1))
        .collect();
    let question = format!(
        "Dann passt die Abstimmung zu {} nicht mehr zu den Anwesenden (mehr Stimmen als \
         Stimmberechtigte). Trotzdem ändern?",
        crate::render::german::join(&votes)
    );
    Effect::Push(Box::new(Confirm::new(question, actions)))
}

/// The keys of a text to read (help, speaking times): up and down scroll, back closes.
pub fn scrolled(scroll: &mut u16, command: Option<Command>) -> Verdict {
    match command {
        Some(Command::Back) => return Verdict::close(),
        Some(Command::Down) => *scroll = scroll.saturating_add(1),
        Some(Command::Up) => *scroll = scroll.saturating_sub(1),
        _ => {}
    }
    Verdict::keep()
}

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A framed window with a title, cleared underneath.
pub fn boxed(frame: &mut Frame, area: Rect, title: &str, body: Paragraph) {
    frame.render_widget(Clear, area);
    frame.render_widget(body.block(window(title)), area);
}

/// The frame of a layer's window.
pub fn window(title: &str) -> Block<'static> {
    Block::bordered()
        .border_style(theme().border_focus)
        .title(Span::styled(format!(" {title} "), theme().title))
}
