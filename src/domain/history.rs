//! Undo and redo of whole changes. A change (one journal line: the actions of one key) is
//! applied by [`Session::apply_change`], which first keeps what the change can touch: the
//! session's head, the persons, the items it names, or the whole agenda for a change of numbers
//! or order. [`Action::Undo`] puts that back and keeps what it replaced, for [`Action::Redo`].
//! Undo and redo are changes themselves: they go into the journal like any other, so the record
//! of what happened stays complete, and the stacks are part of the session file, so they
//! outlive a restart. Public outputs never show them (`Session::public_view` drops them).

use serde::{Deserialize, Serialize};

use super::action::{Action, ApplyError, TimeOf};
use super::item::AgendaItem;
use super::person::{Person, PersonId};
use super::session::{Land, Session};
use super::time::Time;

/// How many changes can be undone; older ones are forgotten.
pub const UNDO_DEPTH: usize = 100;

/// The changes that can be undone (last is newest) and redone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undo: Vec<Change>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redo: Vec<Change>,
}

impl History {
    pub fn is_empty(&self) -> bool {
        self.undo.is_empty() && self.redo.is_empty()
    }
}

/// A change as it was made, and the parts of the session it replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// What was done (for the message "rückgängig: …").
    pub actions: Vec<Action>,
    /// The parts as they were on the other side of the change.
    pub parts: Parts,
}

/// The parts of a session a change can touch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parts {
    pub head: Head,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<Vec<Person>>,
    /// Items by their number (a change of items never changes a number).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<AgendaItem>,
    /// The whole agenda, for a change of numbers or order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda: Option<Vec<AgendaItem>>,
}

/// The session's own fields that actions set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    #[serde(default)]
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default)]
    pub land: Land,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_members: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<PersonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minute_taker: Option<PersonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_item: Option<String>,
    #[serde(default, skip_serializing_if = "super::life::Life::is_empty")]
    pub life: super::life::Life,
}

/// What a change can touch.
#[derive(Default)]
struct Scope {
    persons: bool,
    agenda: bool,
    items: Vec<String>,
}

impl Scope {
    fn of(session: &Session, actions: &[Action]) -> Scope {
        let mut scope = Scope::default();
        for action in actions {
            scope.add(session, action);
        }
        scope.items.sort();
        scope.items.dedup();
        scope
    }

    fn add(&mut self, session: &Session, action: &Action) {
        use Action as A;
        match action {
            A::StartSession { .. }
            | A::SetPlace(_)
            | A::SetChair(_)
            | A::SetMinuteTaker(_)
            | A::Undo
            | A::Redo => {}
            // Ending the session or calling an item ends the item running.
            A::EndSession { .. } => self.items.extend(session.current_item.clone()),
            A::OpenItem { item, .. } => {
                self.items.push(item.clone());
                self.items.extend(session.current_item.clone());
            }
            A::AddPerson(_)
            | A::SetPerson(_)
            | A::RemovePerson { .. }
            | A::SetPresence { .. }
            | A::Arrive { .. }
            | A::Leave { .. } => self.persons = true,
            A::SetSessionInfo { .. } => {}
            // The life of the Niederschrift is part of the head.
            A::Sign { .. } | A::Approve(_) | A::Publish { .. } | A::Correct(_) => {}
            A::SetTime { of, .. } => match of {
                TimeOf::SessionStart | TimeOf::SessionEnd => {}
                TimeOf::Arrival { .. } | TimeOf::Departure { .. } => self.persons = true,
                TimeOf::ItemStart { item }
                | TimeOf::ItemEnd { item }
                | TimeOf::Paragraph { item, .. }
                | TimeOf::Vote { item, .. } => self.items.push(item.clone()),
            },
            A::AddItem { .. }
            | A::RemoveItem { .. }
            | A::MoveItem { .. }
            | A::SetNumber { .. }
            | A::Renumber => self.agenda = true,
            A::SetTitle { item, .. }
            | A::SetClosed { item, .. }
            | A::CloseItem { item, .. }
            | A::AppendMinute { item, .. }
            | A::EditMinute { item, .. }
            | A::SetAskedBy { item, .. }
            | A::SetSpeaker { item, .. }
            | A::RemoveMinute { item, .. }
            | A::AddSpeaker { item, .. }
            | A::RemoveSpeaker { item, .. }
            | A::MoveSpeaker { item, .. }
            | A::GiveFloor { item, .. }
            | A::EndTurn { item, .. }
            | A::SetProposal { item, .. }
            | A::AmendProposal { item, .. }
            | A::SetMajority { item, .. }
            | A::AddMotion { item, .. }
            | A::RecordVote { item, .. }
            | A::SetBallot { item, .. }
            | A::MoveMotion { item, .. }
            | A::SetElection { item, .. }
            | A::DeclareBefangen { item, .. }
            | A::WithdrawBefangen { item, .. }
            | A::SetOutcome { item, .. }
            | A::AddEvent { item, .. }
            | A::SetEvent { item, .. }
            | A::RemoveEvent { item, .. } => self.items.push(item.clone()),
        }
    }
}

impl Session {
    /// Applies the actions of one change, all or none, and keeps what it replaced for undo.
    /// `[Action::Undo]` and `[Action::Redo]` take back or make again the last change.
    pub fn apply_change(&mut self, actions: &[Action]) -> Result<(), ApplyError> {
        match actions {
            [Action::Undo] => return self.undo(),
            [Action::Redo] => return self.redo(),
            _ => {}
        }
        if let Some(action) = actions
            .iter()
            .find(|a| matches!(a, Action::Undo | Action::Redo))
        {
            return Err(ApplyError::NotAlone(format!("{action:?}")));
        }
        let scope = Scope::of(self, actions);
        let before = self.parts(&scope);
        for action in actions {
            if let Err(e) = self.apply(action.clone()) {
                // Nothing of the change stays.
                self.restore(before);
                return Err(e);
            }
        }
        self.remember(actions, before);
        Ok(())
    }

    /// Keeps a change on the undo stack. Typing into the same paragraph (saved every half
    /// second) is one change for undo: the first text is what undo brings back.
    fn remember(&mut self, actions: &[Action], before: Parts) {
        let history = &mut self.history;
        history.redo.clear();
        if let [Action::EditMinute { item, index, .. }] = actions
            && let Some(last) = history.undo.last_mut()
            && last.writes_minute() == Some((item.as_str(), *index))
        {
            last.actions.push(actions[0].clone());
            return;
        }
        history.undo.push(Change {
            actions: actions.to_vec(),
            parts: before,
        });
        if history.undo.len() > UNDO_DEPTH {
            history.undo.remove(0);
        }
    }

    /// Takes back the last change; what it made is kept for redo. Once the Niederschrift is
    /// signed, only a change of its life can be taken back or made again.
    fn undo(&mut self) -> Result<(), ApplyError> {
        if self.life.sealed()
            && let Some(last) = self.history.undo.last()
            && !last.actions.iter().all(Action::is_life)
        {
            return Err(ApplyError::Sealed);
        }
        self.step(true).ok_or(ApplyError::NothingToUndo)
    }

    /// Makes the last undone change again.
    fn redo(&mut self) -> Result<(), ApplyError> {
        if self.life.sealed()
            && let Some(last) = self.history.redo.last()
            && !last.actions.iter().all(Action::is_life)
        {
            return Err(ApplyError::Sealed);
        }
        self.step(false).ok_or(ApplyError::NothingToRedo)
    }

    /// Moves the newest change from one stack to the other (`back`: undo), putting its parts
    /// back and keeping the ones they replace; `None` when that stack is empty.
    fn step(&mut self, back: bool) -> Option<()> {
        let from = if back {
            &mut self.history.undo
        } else {
            &mut self.history.redo
        };
        let change = from.pop()?;
        let now = self.parts_like(&change.parts);
        self.restore(change.parts);
        let to = if back {
            &mut self.history.redo
        } else {
            &mut self.history.undo
        };
        to.push(Change {
            actions: change.actions,
            parts: now,
        });
        Some(())
    }

    /// The change undo would take back, and the one redo would make again.
    pub fn undoable(&self) -> Option<&[Action]> {
        self.history.undo.last().map(|c| c.actions.as_slice())
    }

    pub fn redoable(&self) -> Option<&[Action]> {
        self.history.redo.last().map(|c| c.actions.as_slice())
    }

    fn parts(&self, scope: &Scope) -> Parts {
        Parts {
            head: Head {
                body: self.body.clone(),
                number: self.number.clone(),
                land: self.land,
                legal_members: self.legal_members,
                start: self.start,
                end: self.end,
                place: self.place.clone(),
                chair: self.chair.clone(),
                minute_taker: self.minute_taker.clone(),
                current_item: self.current_item.clone(),
                life: self.life.clone(),
            },
            persons: scope.persons.then(|| self.persons.clone()),
            items: if scope.agenda {
                Vec::new()
            } else {
                scope
                    .items
                    .iter()
                    .filter_map(|n| self.item(n).cloned())
                    .collect()
            },
            agenda: scope.agenda.then(|| self.agenda.clone()),
        }
    }

    /// The same parts as `like`, as they are now.
    fn parts_like(&self, like: &Parts) -> Parts {
        let scope = Scope {
            persons: like.persons.is_some(),
            agenda: like.agenda.is_some(),
            items: like.items.iter().map(|i| i.number.clone()).collect(),
        };
        self.parts(&scope)
    }

    fn restore(&mut self, parts: Parts) {
        let Head {
            body,
            number,
            land,
            legal_members,
            start,
            end,
            place,
            chair,
            minute_taker,
            current_item,
            life,
        } = parts.head;
        self.life = life;
        self.body = body;
        self.number = number;
        self.land = land;
        self.legal_members = legal_members;
        self.start = start;
        self.end = end;
        self.place = place;
        self.chair = chair;
        self.minute_taker = minute_taker;
        self.current_item = current_item;
        if let Some(persons) = parts.persons {
            self.persons = persons;
        }
        if let Some(agenda) = parts.agenda {
            self.agenda = agenda;
        }
        for item in parts.items {
            if let Some(at) = self.agenda.iter().position(|i| i.number == item.number) {
                self.agenda[at] = item;
            }
        }
    }
}

impl Change {
    /// The paragraph this change last wrote, when it wrote one: a new paragraph (also one the
    /// floor opened) or an edit.
    fn writes_minute(&self) -> Option<(&str, usize)> {
        let item_len = |number: &str| {
            self.parts
                .items
                .iter()
                .find(|i| i.number == number)
                .map(|i| i.minutes.len())
        };
        match self.actions.last()? {
            Action::EditMinute { item, index, .. } => Some((item, *index)),
            // The paragraph made is the one after those the item had.
            Action::AppendMinute { item, .. } | Action::GiveFloor { item, .. } => {
                Some((item, item_len(item)?))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
