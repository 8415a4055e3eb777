//! Layers over the panes (editor, prompt, vote, attendance, help, confirm, outcome): each takes
//! keys before the panes and holds only UI state; changes still go through domain actions.

use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::{Action, Majority, Outcome, PersonId, RequestKind, Time};

/// What an editor writes back when it closes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditTarget {
    /// A paragraph of the minutes of `item`.
    Minute { item: String, index: usize },
    /// The Beschlussvorschlag of `item`: amends it when there was one, else sets it.
    Proposal { item: String },
}

/// The multi-line editor for minutes and the Beschlussvorschlag.
pub struct Editor {
    pub target: EditTarget,
    pub area: TextArea<'static>,
    /// The text the editor started with: unchanged text writes nothing.
    pub original: String,
    /// Shown before the text: the speaker as the protocol writes them ("Frau Okafor …").
    pub prefix: String,
}

impl Editor {
    pub fn new(target: EditTarget, text: &str, prefix: String) -> Editor {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::Word);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            target,
            area,
            original: text.to_string(),
            prefix,
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

/// What a one-line prompt is asking for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptPurpose {
    /// A person for the speaker queue of `item`.
    Speaker { item: String, kind: RequestKind },
    /// The person who asked, for paragraph `index` of `item`.
    AskedBy { item: String, index: usize },
    /// "5.1 Titel" of a new item, inserted at `position`.
    NewItem { position: usize },
    /// "7.1 Neuer Titel" for `item`.
    Rename { item: String },
    /// The reason for closing `item` to the public.
    ClosedReason { item: String },
    /// The speaking time limit in minutes.
    Limit,
    /// The text of an amendment to `item`.
    Amendment { item: String },
    /// "Frau Anna Ahrens, SPD": a member to add to the attendance list.
    Member,
    /// A line of text that the screen owning the prompt reads itself (picker, browser).
    Line,
}

impl PromptPurpose {
    pub fn wants_person(&self) -> bool {
        matches!(
            self,
            PromptPurpose::Speaker { .. } | PromptPurpose::AskedBy { .. }
        )
    }
}

/// A completion: an existing person, or a new one made from the typed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    pub person: Option<PersonId>,
}

pub struct Prompt {
    pub purpose: PromptPurpose,
    pub title: String,
    pub input: TextArea<'static>,
    pub candidates: Vec<Candidate>,
    pub sel: usize,
}

impl Prompt {
    /// A paste into a one-line prompt: its first line that holds anything.
    pub fn paste(&mut self, text: &str) {
        let clean = crate::domain::cleaned_paste(text);
        let first = clean.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        self.input.insert_str(first.trim().replace('\t', " "));
    }

    pub fn new(purpose: PromptPurpose, title: &str, initial: &str) -> Prompt {
        let mut input = TextArea::new(vec![initial.to_string()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Prompt {
            purpose,
            title: title.to_string(),
            input,
            candidates: Vec::new(),
            sel: 0,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().first().cloned().unwrap_or_default()
    }
}

/// The chair's count in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteDraft {
    pub item: String,
    /// The motion voted on; `None` creates the vote on the Beschlussvorschlag when recorded.
    pub motion: Option<usize>,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// Digits typed before j / n / e set that count.
    pub digits: String,
    pub at: Time,
    pub majority: Majority,
}

pub struct Confirm {
    pub question: String,
    pub actions: Vec<Action>,
    /// Quit after yes (used when the last save failed).
    pub quit: bool,
}

pub enum Layer {
    Help { scroll: u16 },
    Editor(Box<Editor>),
    Prompt(Box<Prompt>),
    Confirm(Confirm),
    Vote(VoteDraft),
    Attendance { sel: usize },
    Outcome { item: String, sel: usize },
}

impl Layer {
    /// The keys that apply while this layer is on top.
    pub fn context(&self) -> super::keymap::Context {
        use super::keymap::Context;
        match self {
            Layer::Help { .. } => Context::Help,
            Layer::Editor(_) => Context::Editor,
            Layer::Prompt(_) => Context::Prompt,
            Layer::Confirm(_) => Context::Confirm,
            Layer::Vote(_) => Context::Vote,
            Layer::Attendance { .. } => Context::Attendance,
            Layer::Outcome { .. } => Context::Outcome,
        }
    }

    pub fn outcome_picker(item: &str, preselect: Option<Outcome>) -> Layer {
        let sel = preselect
            .and_then(|o| Outcome::ALL.iter().position(|x| *x == o))
            .unwrap_or(0);
        Layer::Outcome {
            item: item.to_string(),
            sel,
        }
    }
}
