//! Every change to a session is an [`Action`], applied by [`Session::apply`].
//! The TUI, the tests and the crash journal all speak this one language.

use serde::{Deserialize, Serialize};

use super::ballot::{Ballot, BallotKind};
use super::election::Election;
use super::event::{Event, EventKind};
use super::item::{AgendaItem, Motion, Outcome, Paragraph, is_valid_number};
use super::person::{Person, PersonId, Presence};
use super::session::{Land, Session};
use super::speakers::Request;
use super::time::Time;
use super::vote::{CountProblem, Majority, Vote, check_counts};

/// A change to a session. Items are named by their TOP number, persons by their id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// The session opens (Sitzungsbeginn).
    StartSession {
        at: Time,
    },
    /// The session closes (Sitzungsende); the current item closes with it.
    EndSession {
        at: Time,
    },
    SetPlace(String),
    SetChair(PersonId),
    SetMinuteTaker(PersonId),

    AddPerson(Person),
    /// A person's data as corrected (found by id; the id stays).
    SetPerson(Person),
    /// A person entered by mistake; refused while anything names them.
    RemovePerson {
        person: PersonId,
    },
    /// The session's own data as the session dialog sets it.
    SetSessionInfo {
        body: String,
        number: Option<String>,
        place: Option<String>,
        land: Land,
        legal_members: Option<u32>,
    },
    SetPresence {
        person: PersonId,
        presence: Presence,
    },
    /// A member arrives late: present from `at`.
    Arrive {
        person: PersonId,
        at: Time,
    },
    /// A member leaves early: absent from `at`.
    Leave {
        person: PersonId,
        at: Time,
    },

    /// Adds an item at `position` (an index into the agenda), or at the end.
    AddItem {
        item: AgendaItem,
        position: Option<usize>,
    },
    /// Deletes an item entered by mistake. An item taken off the agenda gets `Outcome::Abgesetzt` instead.
    RemoveItem {
        item: String,
    },
    MoveItem {
        item: String,
        to: usize,
    },
    SetNumber {
        item: String,
        number: String,
    },
    /// Numbers all items afresh in agenda order, keeping their depth ("4.1" stays a sub-item).
    Renumber,
    SetTitle {
        item: String,
        title: String,
    },
    SetClosed {
        item: String,
        closed: bool,
        reason: Option<String>,
    },
    /// The chair calls the item; the item dealt with before is closed at the same time.
    OpenItem {
        item: String,
        at: Time,
    },
    CloseItem {
        item: String,
        at: Time,
    },

    AppendMinute {
        item: String,
        paragraph: Paragraph,
    },
    EditMinute {
        item: String,
        index: usize,
        text: String,
    },
    SetAskedBy {
        item: String,
        index: usize,
        persons: Vec<PersonId>,
    },
    RemoveMinute {
        item: String,
        index: usize,
    },
    /// Who spoke a paragraph (or nobody), and whether its text names them itself.
    SetSpeaker {
        item: String,
        index: usize,
        person: Option<PersonId>,
        as_written: bool,
    },

    AddSpeaker {
        item: String,
        request: Request,
    },
    RemoveSpeaker {
        item: String,
        index: usize,
    },
    /// Motion `from` of `item` goes to place `to`: the voting order (the amendment that departs
    /// furthest from the proposal first).
    MoveMotion {
        item: String,
        from: usize,
        to: usize,
    },
    MoveSpeaker {
        item: String,
        from: usize,
        to: usize,
    },
    /// The next in the queue gets the floor; a minutes paragraph opens with them as speaker.
    GiveFloor {
        item: String,
        at: Time,
        limit_secs: Option<u32>,
    },
    EndTurn {
        item: String,
        at: Time,
    },

    SetProposal {
        item: String,
        text: String,
    },
    /// Changes the Beschlussvorschlag in the meeting; `None` goes back to the original.
    AmendProposal {
        item: String,
        text: Option<String>,
    },
    /// Changes the majority a motion needs.
    SetMajority {
        item: String,
        motion: usize,
        majority: Majority,
    },
    AddMotion {
        item: String,
        motion: Motion,
    },
    RecordVote {
        item: String,
        motion: usize,
        vote: Vote,
    },
    /// The candidates and ballots of the election `motion` (a `MotionKind::Wahl`).
    SetElection {
        item: String,
        motion: usize,
        election: Election,
    },
    /// How a recorded vote was taken: per Fraktion or by name (the names then equal the counts),
    /// secret, or open with members' own votes on record.
    SetBallot {
        item: String,
        motion: usize,
        ballot: Ballot,
    },
    DeclareBefangen {
        item: String,
        person: PersonId,
    },
    WithdrawBefangen {
        item: String,
        person: PersonId,
    },
    SetOutcome {
        item: String,
        outcome: Option<Outcome>,
    },

    /// Something that happened during `item`: a break, the public excluded, a change of chair …
    AddEvent {
        item: String,
        event: Event,
    },
    /// An event corrected, or a break ended (its `until` set).
    SetEvent {
        item: String,
        index: usize,
        event: Event,
    },
    RemoveEvent {
        item: String,
        index: usize,
    },

    /// Sets a time as typed (a meeting typed up afterwards, a time corrected): `None` clears it.
    SetTime {
        of: TimeOf,
        at: Option<Time>,
    },

    /// A signature under the Niederschrift (the session must have ended).
    Sign {
        by: PersonId,
        #[serde(with = "super::session::iso_date")]
        date: chrono::NaiveDate,
    },
    /// The decision of a later session: approved, or objections decided.
    Approve(super::life::Approval),
    Publish {
        #[serde(with = "super::session::iso_date")]
        date: chrono::NaiveDate,
    },
    /// A Berichtigung of a signed Niederschrift.
    Correct(super::life::Correction),

    /// Takes back the last change (a change of its own: the journal keeps both).
    Undo,
    /// Makes the last undone change again.
    Redo,
}

/// What a typed time is the time of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeOf {
    SessionStart,
    SessionEnd,
    ItemStart { item: String },
    ItemEnd { item: String },
    Paragraph { item: String, index: usize },
    Vote { item: String, motion: usize },
    Arrival { person: PersonId },
    Departure { person: PersonId },
}

/// Why an action was refused. A refused action changes nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("TOP {0} gibt es nicht")]
    UnknownItem(String),
    #[error("Person {0:?} gibt es nicht")]
    UnknownPerson(String),
    #[error("Person {0:?} gibt es schon")]
    DuplicatePerson(String),
    #[error("TOP {0} gibt es schon")]
    DuplicateNumber(String),
    #[error("{0:?} ist keine TOP-Nummer (erwartet z. B. 4 oder 4.1)")]
    InvalidNumber(String),
    #[error("Position {index} gibt es nicht (Einträge: {len})")]
    NoSuchIndex { index: usize, len: usize },
    #[error("niemand steht auf der Redeliste")]
    QueueEmpty,
    #[error("{0}")]
    Count(#[from] CountProblem),
    #[error("{0} ist für diesen TOP bereits befangen")]
    AlreadyBefangen(String),
    #[error("{0} ist für diesen TOP befangen und nimmt an der Beratung nicht teil")]
    BefangenCannotSpeak(String),
    #[error(
        "TOP {item} gehört zum nichtöffentlichen TOP {parent} und bleibt nichtöffentlich, solange der es ist"
    )]
    ClosedByParent { item: String, parent: String },
    /// A text with a control character (see `domain::text`).
    #[error("{0}")]
    Unclean(String),
    #[error(
        "{0} steht noch im Protokoll (Redebeitrag, Nachfrage, Redeliste, Antrag, Befangenheit, Vorsitz, Protokoll oder Vertretung) und bleibt"
    )]
    PersonInUse(String),
    #[error("ein Gremium braucht einen Namen")]
    NoBody,
    #[error("Nichts mehr rückgängig zu machen")]
    NothingToUndo,
    #[error(
        "Die Niederschrift ist unterschrieben: ändern nur noch als Berichtigung (sitzung correct)"
    )]
    Sealed,
    #[error("{0}")]
    Life(String),
    #[error("Nichts zum Wiederherstellen")]
    NothingToRedo,
    /// Undo and redo are changes of their own, never part of another.
    #[error("{0} nur allein")]
    NotAlone(String),
    #[error("{person} kann nicht um {left} gehen, wenn er/sie erst um {arrived} gekommen ist")]
    LeavesBeforeArrival {
        person: String,
        arrived: Time,
        left: Time,
    },
    #[error("Abstimmung: {0}")]
    Ballot(String),
    #[error("Vertretung: {0}")]
    DeputyConflict(String),
    #[error("eine Unterbrechung ab {from} kann nicht schon um {until} enden")]
    BreakEndsBeforeItBegins { from: Time, until: Time },
}

impl Action {
    /// Whether the action belongs to the life of the Niederschrift after the meeting (and so is
    /// allowed once it is signed).
    pub fn is_life(&self) -> bool {
        matches!(
            self,
            Action::Sign { .. } | Action::Approve(_) | Action::Publish { .. } | Action::Correct(_)
        )
    }
}

impl Session {
    fn sign(&mut self, by: PersonId, date: chrono::NaiveDate) -> Result<(), ApplyError> {
        self.known(by.clone())?;
        if self.end.is_none() {
            return Err(ApplyError::Life(
                "Die Sitzung ist nicht geschlossen: erst danach unterschreiben".into(),
            ));
        }
        if self.life.signatures.iter().any(|s| s.by == by) {
            return Err(ApplyError::Life(format!("{by} hat schon unterschrieben")));
        }
        self.life
            .signatures
            .push(super::life::Signature { by, date });
        Ok(())
    }
}

fn index_ok(index: usize, len: usize) -> Result<(), ApplyError> {
    if index < len {
        Ok(())
    } else {
        Err(ApplyError::NoSuchIndex { index, len })
    }
}

impl Session {
    /// Applies one action. On error nothing has changed.
    pub fn apply(&mut self, action: Action) -> Result<(), ApplyError> {
        if let Some(unclean) = super::text::first_unclean(&action) {
            return Err(ApplyError::Unclean(unclean.to_string()));
        }
        if self.life.sealed() && !action.is_life() && !matches!(action, Action::Undo | Action::Redo)
        {
            return Err(ApplyError::Sealed);
        }
        match action {
            Action::Sign { by, date } => self.sign(by, date)?,
            Action::Approve(approval) => {
                if !self.signatures_complete() {
                    return Err(ApplyError::Life(
                        "Erst unterschreiben, dann genehmigen".into(),
                    ));
                }
                if self.life.approval.is_some() {
                    return Err(ApplyError::Life("Schon genehmigt".into()));
                }
                // Approved at a later session: not before it was signed, nor before it was held.
                let signed = self.life.signatures.iter().map(|s| s.date).max();
                if approval.date < self.date || signed.is_some_and(|d| approval.date < d) {
                    return Err(ApplyError::Life(
                        "Die Genehmigung liegt vor der Sitzung oder vor der letzten Unterschrift"
                            .into(),
                    ));
                }
                self.life.approval = Some(approval);
            }
            Action::Publish { date } => {
                if !self.signatures_complete() {
                    return Err(ApplyError::Life(
                        "Erst unterschreiben, dann veröffentlichen".into(),
                    ));
                }
                self.life.published = Some(date);
            }
            Action::Correct(correction) => {
                if !self.life.sealed() {
                    return Err(ApplyError::Life(
                        "Noch nicht unterschrieben: den Text selbst ändern".into(),
                    ));
                }
                if let Some(item) = &correction.item {
                    self.position(item)?;
                }
                if correction.text.trim().is_empty() {
                    return Err(ApplyError::Life(
                        "Eine Berichtigung braucht einen Text".into(),
                    ));
                }
                self.life.corrections.push(correction);
            }
            Action::StartSession { at } => self.start = Some(at),
            Action::EndSession { at } => self.end_session(at),
            Action::SetPlace(place) => self.place = Some(place),
            Action::SetChair(id) => self.chair = Some(self.known(id)?),
            Action::SetMinuteTaker(id) => self.minute_taker = Some(self.known(id)?),

            Action::AddPerson(person) => self.add_person(person)?,
            Action::SetPerson(person) => {
                self.person_mut(&person.id)?;
                self.check_deputy(&person)?;
                let id = person.id.clone();
                *self.person_mut(&id)? = person;
            }
            Action::RemovePerson { person } => {
                let at = self
                    .persons
                    .iter()
                    .position(|p| p.id == person)
                    .ok_or_else(|| ApplyError::UnknownPerson(person.clone()))?;
                if self.names(&person) {
                    let p = &self.persons[at];
                    return Err(ApplyError::PersonInUse(
                        format!("{} {}", p.given_name, p.family_name)
                            .trim()
                            .to_string(),
                    ));
                }
                self.persons.remove(at);
            }
            Action::SetSessionInfo {
                body,
                number,
                place,
                land,
                legal_members,
            } => {
                if body.trim().is_empty() {
                    return Err(ApplyError::NoBody);
                }
                self.body = body;
                self.number = number;
                self.place = place;
                self.land = land;
                self.legal_members = legal_members;
            }
            Action::SetPresence { person, presence } => {
                self.person_mut(&person)?.presence = presence
            }
            Action::Arrive { person, at } => self.person_mut(&person)?.arrive(at),
            Action::Leave { person, at } => {
                let p = self.person_mut(&person)?;
                if let Some(arrived) = p.arrived.filter(|a| *a > at) {
                    return Err(ApplyError::LeavesBeforeArrival {
                        person,
                        arrived,
                        left: at,
                    });
                }
                p.left = Some(at);
            }

            // Whatever changes numbers or order keeps every closed item closed (`seal_closed`).
            Action::AddItem { item, position } => self.add_item(item, position)?,
            Action::RemoveItem { item } => self.sealed(|s| s.remove_item(&item))?,
            Action::MoveItem { item, to } => self.sealed(|s| s.move_item(&item, to))?,
            Action::SetNumber { item, number } => self.sealed(|s| s.set_number(&item, number))?,
            Action::Renumber => self.sealed(|s| {
                s.renumber();
                Ok(())
            })?,
            Action::SetTitle { item, title } => self.item_mut(&item)?.title = title,
            Action::SetClosed {
                item,
                closed,
                reason,
            } => {
                let pos = self.position(&item)?;
                if !closed && let Some(parent) = self.closing_parent(&self.agenda[pos]) {
                    return Err(ApplyError::ClosedByParent {
                        item,
                        parent: parent.number.clone(),
                    });
                }
                let i = &mut self.agenda[pos];
                i.closed = closed;
                i.closed_reason = reason.filter(|_| closed);
            }
            Action::OpenItem { item, at } => self.open_item(&item, at)?,
            Action::CloseItem { item, at } => {
                self.item_mut(&item)?.ended = Some(at);
                if self.current_item.as_deref() == Some(item.as_str()) {
                    self.current_item = None;
                }
            }

            Action::AppendMinute { item, paragraph } => {
                self.check_persons(paragraph.speaker.iter().chain(&paragraph.asked_by))?;
                self.item_mut(&item)?.minutes.push(paragraph);
            }
            Action::EditMinute { item, index, text } => {
                self.paragraph_mut(&item, index)?.text = text
            }
            Action::SetAskedBy {
                item,
                index,
                persons,
            } => {
                self.check_persons(&persons)?;
                self.paragraph_mut(&item, index)?.asked_by = persons;
            }
            Action::SetSpeaker {
                item,
                index,
                person,
                as_written,
            } => {
                self.check_persons(person.iter())?;
                let p = self.paragraph_mut(&item, index)?;
                p.speaker = person;
                p.as_written = as_written;
            }
            Action::AddEvent { item, event } => {
                self.check_event(&event)?;
                self.item_mut(&item)?.events.push(event);
            }
            Action::SetEvent { item, index, event } => {
                self.check_event(&event)?;
                let events = &mut self.item_mut(&item)?.events;
                index_ok(index, events.len())?;
                events[index] = event;
            }
            Action::RemoveEvent { item, index } => {
                let events = &mut self.item_mut(&item)?.events;
                index_ok(index, events.len())?;
                events.remove(index);
            }
            Action::RemoveMinute { item, index } => {
                let i = self.item_mut(&item)?;
                index_ok(index, i.minutes.len())?;
                i.minutes.remove(index);
            }

            Action::AddSpeaker { item, request } => {
                self.check_persons([&request.person])?;
                let i = self.item_mut(&item)?;
                if i.is_befangen(&request.person) {
                    return Err(ApplyError::BefangenCannotSpeak(request.person));
                }
                i.speakers.push(request);
            }
            Action::RemoveSpeaker { item, index } => {
                let q = &mut self.item_mut(&item)?.speakers.waiting;
                index_ok(index, q.len())?;
                q.remove(index);
            }
            Action::MoveSpeaker { item, from, to } => {
                let q = &mut self.item_mut(&item)?.speakers.waiting;
                index_ok(from, q.len())?;
                index_ok(to, q.len())?;
                let r = q.remove(from);
                q.insert(to, r);
            }
            Action::MoveMotion { item, from, to } => {
                let motions = &mut self.item_mut(&item)?.motions;
                index_ok(from, motions.len())?;
                index_ok(to, motions.len())?;
                let m = motions.remove(from);
                motions.insert(to, m);
            }
            Action::GiveFloor {
                item,
                at,
                limit_secs,
            } => {
                let i = self.item_mut(&item)?;
                let speaker = i
                    .speakers
                    .give_floor(at, limit_secs)
                    .ok_or(ApplyError::QueueEmpty)?
                    .person
                    .clone();
                i.minutes.push(Paragraph {
                    speaker: Some(speaker),
                    at: Some(at),
                    ..Paragraph::default()
                });
            }
            Action::EndTurn { item, at } => self.item_mut(&item)?.speakers.end_turn(at),

            Action::SetProposal { item, text } => self.item_mut(&item)?.proposal = Some(text),
            Action::AmendProposal { item, text } => self.item_mut(&item)?.amended_proposal = text,
            Action::AddMotion { item, motion } => {
                let pos = self.position(&item)?;
                if let Some(vote) = &motion.vote {
                    self.check_vote(&self.agenda[pos], vote)?;
                }
                self.agenda[pos].motions.push(motion);
            }
            Action::SetMajority {
                item,
                motion,
                majority,
            } => {
                let motions = &mut self.item_mut(&item)?.motions;
                index_ok(motion, motions.len())?;
                motions[motion].majority = majority;
            }
            Action::RecordVote { item, motion, vote } => self.record_vote(&item, motion, vote)?,
            Action::SetBallot {
                item,
                motion,
                ballot,
            } => self.set_ballot(&item, motion, ballot)?,
            Action::SetElection {
                item,
                motion,
                election,
            } => self.set_election(&item, motion, election)?,
            Action::DeclareBefangen { item, person } => {
                self.check_persons([&person])?;
                let i = self.item_mut(&item)?;
                if i.is_befangen(&person) {
                    return Err(ApplyError::AlreadyBefangen(person));
                }
                i.befangen.push(person);
            }
            Action::WithdrawBefangen { item, person } => {
                self.check_persons([&person])?;
                self.item_mut(&item)?.befangen.retain(|p| *p != person);
            }
            Action::SetOutcome { item, outcome } => self.item_mut(&item)?.outcome = outcome,
            Action::SetTime { of, at } => self.set_time(of, at)?,
            Action::Undo | Action::Redo => return self.apply_change(&[action]),
        }
        Ok(())
    }

    /// Runs a change of numbers or order on a sealed agenda: an item closed through its parent
    /// has its own flag first, so it stays closed wherever it goes and whatever its number.
    /// On error nothing has changed (the own flags are put back).
    fn sealed(
        &mut self,
        change: impl FnOnce(&mut Session) -> Result<(), ApplyError>,
    ) -> Result<(), ApplyError> {
        let own: Vec<bool> = self.agenda.iter().map(|i| i.closed).collect();
        self.seal_closed();
        let result = change(self);
        if result.is_err() {
            for (item, closed) in self.agenda.iter_mut().zip(own) {
                item.closed = closed;
            }
        }
        result
    }

    fn known(&self, id: PersonId) -> Result<PersonId, ApplyError> {
        self.check_persons([&id])?;
        Ok(id)
    }

    fn check_persons<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a PersonId>,
    ) -> Result<(), ApplyError> {
        match ids.into_iter().find(|id| self.person(id).is_none()) {
            Some(id) => Err(ApplyError::UnknownPerson(id.clone())),
            None => Ok(()),
        }
    }

    fn person_mut(&mut self, id: &str) -> Result<&mut Person, ApplyError> {
        self.persons
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or_else(|| ApplyError::UnknownPerson(id.to_string()))
    }

    fn position(&self, number: &str) -> Result<usize, ApplyError> {
        self.agenda
            .iter()
            .position(|i| i.number == number)
            .ok_or_else(|| ApplyError::UnknownItem(number.to_string()))
    }

    fn item_mut(&mut self, number: &str) -> Result<&mut AgendaItem, ApplyError> {
        let pos = self.position(number)?;
        Ok(&mut self.agenda[pos])
    }

    fn paragraph_mut(&mut self, item: &str, index: usize) -> Result<&mut Paragraph, ApplyError> {
        let minutes = &mut self.item_mut(item)?.minutes;
        index_ok(index, minutes.len())?;
        Ok(&mut minutes[index])
    }

    fn free_number(&self, number: &str) -> Result<(), ApplyError> {
        if !is_valid_number(number) {
            return Err(ApplyError::InvalidNumber(number.to_string()));
        }
        if self.item(number).is_some() {
            return Err(ApplyError::DuplicateNumber(number.to_string()));
        }
        Ok(())
    }

    fn set_time(&mut self, of: TimeOf, at: Option<Time>) -> Result<(), ApplyError> {
        match of {
            TimeOf::SessionStart => self.start = at,
            TimeOf::SessionEnd => self.end = at,
            TimeOf::ItemStart { item } => self.item_mut(&item)?.started = at,
            TimeOf::ItemEnd { item } => self.item_mut(&item)?.ended = at,
            TimeOf::Paragraph { item, index } => self.paragraph_mut(&item, index)?.at = at,
            TimeOf::Vote { item, motion } => {
                let pos = self.position(&item)?;
                index_ok(motion, self.agenda[pos].motions.len())?;
                let Some(mut vote) = self.agenda[pos].motions[motion].vote else {
                    return Err(ApplyError::NoSuchIndex {
                        index: motion,
                        len: 0,
                    });
                };
                vote.at = at;
                // The count must fit those entitled at the new time too.
                self.check_vote(&self.agenda[pos], &vote)?;
                self.agenda[pos].motions[motion].vote = Some(vote);
            }
            TimeOf::Arrival { person } => self.set_stay(&person, at, true)?,
            TimeOf::Departure { person } => self.set_stay(&person, at, false)?,
        }
        Ok(())
    }

    /// A person's arrival (`arriving`) or departure set to `at`; never a departure before
    /// the arrival.
    fn set_stay(
        &mut self,
        person: &str,
        at: Option<Time>,
        arriving: bool,
    ) -> Result<(), ApplyError> {
        let p = self.person_mut(person)?;
        let (arrived, left) = if arriving {
            (at, p.left)
        } else {
            (p.arrived, at)
        };
        if let (Some(arrived), Some(left)) = (arrived, left)
            && left < arrived
        {
            return Err(ApplyError::LeavesBeforeArrival {
                person: person.to_string(),
                arrived,
                left,
            });
        }
        if arriving {
            p.arrived = at;
        } else {
            p.left = at;
        }
        Ok(())
    }

    /// A deputy stands in for one member of the session who is no deputy themselves and has no
    /// other deputy; nobody stands in for a deputy (no chains, no cycles, no two for one seat).
    fn check_deputy(&self, person: &Person) -> Result<(), ApplyError> {
        let others = || self.persons.iter().filter(|p| p.id != person.id);
        if let Some(target) = &person.deputy_for {
            if target == &person.id {
                return Err(ApplyError::UnknownPerson(target.clone()));
            }
            let Some(member) = self.person(target) else {
                return Err(ApplyError::UnknownPerson(target.clone()));
            };
            let name = || {
                format!("{} {}", member.given_name, member.family_name)
                    .trim()
                    .to_string()
            };
            if member.deputy_for.is_some() {
                return Err(ApplyError::DeputyConflict(format!(
                    "{} vertritt selbst jemanden und kann nicht vertreten werden",
                    name()
                )));
            }
            if others().any(|p| p.deputy_for.as_ref() == Some(target)) {
                return Err(ApplyError::DeputyConflict(format!(
                    "{} hat schon eine Vertretung",
                    name()
                )));
            }
            if others().any(|p| p.deputy_for.as_ref() == Some(&person.id)) {
                return Err(ApplyError::DeputyConflict(
                    "wer vertreten wird, kann nicht zugleich vertreten".to_string(),
                ));
            }
        }
        Ok(())
    }

    /// An event names only persons of the session, and a break does not end before it began.
    fn check_event(&self, event: &Event) -> Result<(), ApplyError> {
        self.check_persons(event.kind.person())?;
        if let Some(missing) = event
            .kind
            .items()
            .into_iter()
            .find(|n| self.item(n).is_none())
        {
            return Err(ApplyError::UnknownItem(missing.clone()));
        }
        if let (Some(at), EventKind::Unterbrechung { until: Some(until) }) = (event.at, &event.kind)
            && *until < at
        {
            return Err(ApplyError::BreakEndsBeforeItBegins {
                from: at,
                until: *until,
            });
        }
        Ok(())
    }

    /// Whether anything of the session names the person `id`.
    pub fn names(&self, id: &str) -> bool {
        self.chair.as_deref() == Some(id)
            || self.minute_taker.as_deref() == Some(id)
            || self
                .persons
                .iter()
                .any(|p| p.deputy_for.as_deref() == Some(id))
            || self
                .agenda
                .iter()
                .any(|i| super::public::item_persons(i).any(|p| p == id))
    }

    fn end_session(&mut self, at: Time) {
        if let Some(current) = self.current_item.take()
            && let Ok(item) = self.item_mut(&current)
        {
            item.ended.get_or_insert(at);
            item.speakers.end_turn(at);
        }
        self.end = Some(at);
    }

    fn add_person(&mut self, person: Person) -> Result<(), ApplyError> {
        if self.person(&person.id).is_some() {
            return Err(ApplyError::DuplicatePerson(person.id));
        }
        self.check_deputy(&person)?;
        self.persons.push(person);
        Ok(())
    }

    fn add_item(&mut self, item: AgendaItem, position: Option<usize>) -> Result<(), ApplyError> {
        self.free_number(&item.number)?;
        let pos = position.unwrap_or(self.agenda.len());
        if pos > self.agenda.len() {
            return Err(ApplyError::NoSuchIndex {
                index: pos,
                len: self.agenda.len(),
            });
        }
        let persons = item
            .minutes
            .iter()
            .flat_map(|p| p.speaker.iter().chain(&p.asked_by));
        let queue = item.speakers.waiting.iter().map(|r| &r.person);
        let turns = item.speakers.turns.iter().map(|t| &t.person);
        self.check_persons(persons.chain(&item.befangen).chain(queue).chain(turns))?;
        for vote in item.motions.iter().filter_map(|m| m.vote.as_ref()) {
            self.check_vote(&item, vote)?;
        }
        self.agenda.insert(pos, item);
        // An item added under a closed parent is closed itself, wherever it moves later.
        self.seal_closed();
        Ok(())
    }

    fn remove_item(&mut self, number: &str) -> Result<(), ApplyError> {
        let pos = self.position(number)?;
        self.agenda.remove(pos);
        if self.current_item.as_deref() == Some(number) {
            self.current_item = None;
        }
        Ok(())
    }

    fn move_item(&mut self, number: &str, to: usize) -> Result<(), ApplyError> {
        let from = self.position(number)?;
        index_ok(to, self.agenda.len())?;
        let item = self.agenda.remove(from);
        self.agenda.insert(to, item);
        Ok(())
    }

    fn set_number(&mut self, number: &str, new: String) -> Result<(), ApplyError> {
        let pos = self.position(number)?;
        if new == number {
            return Ok(());
        }
        self.free_number(&new)?;
        if self.current_item.as_deref() == Some(number) {
            self.current_item = Some(new.clone());
        }
        self.renumber_references(&[(number.to_string(), new.clone())]);
        self.agenda[pos].number = new;
        Ok(())
    }

    /// What names an item by its number (the agenda changes among the events) follows a new
    /// number: `changes` are (old, new) pairs, applied at once.
    fn renumber_references(&mut self, changes: &[(String, String)]) {
        for item in &mut self.agenda {
            let numbers = item
                .events
                .iter_mut()
                .flat_map(|e| e.kind.items_mut())
                .chain(item.motions.iter_mut().filter_map(|m| m.about.as_mut()));
            for number in numbers {
                if let Some((_, new)) = changes.iter().find(|(old, _)| old == number) {
                    *number = new.clone();
                }
            }
        }
    }

    fn renumber(&mut self) {
        // The current item is found by position first: new numbers may equal old ones of others.
        let current = self
            .current_item
            .as_deref()
            .and_then(|n| self.agenda.iter().position(|i| i.number == n));
        let old: Vec<String> = self.agenda.iter().map(|i| i.number.clone()).collect();
        let mut counters: Vec<u32> = Vec::new();
        for item in &mut self.agenda {
            let depth = item.number.split('.').count().clamp(1, counters.len() + 1);
            counters.truncate(depth);
            if counters.len() < depth {
                counters.push(0);
            }
            counters[depth - 1] += 1;
            let new: Vec<String> = counters.iter().map(u32::to_string).collect();
            item.number = new.join(".");
        }
        if let Some(pos) = current {
            self.current_item = Some(self.agenda[pos].number.clone());
        }
        let changes: Vec<(String, String)> = old
            .into_iter()
            .zip(self.agenda.iter().map(|i| i.number.clone()))
            .filter(|(old, new)| old != new)
            .collect();
        self.renumber_references(&changes);
    }

    fn open_item(&mut self, number: &str, at: Time) -> Result<(), ApplyError> {
        let pos = self.position(number)?;
        if let Some(previous) = self.current_item.take()
            && previous != number
            && let Ok(prev) = self.item_mut(&previous)
        {
            prev.ended.get_or_insert(at);
            prev.speakers.end_turn(at);
        }
        let item = &mut self.agenda[pos];
        item.started.get_or_insert(at);
        item.ended = None;
        self.current_item = Some(number.to_string());
        Ok(())
    }

    fn record_vote(&mut self, number: &str, motion: usize, vote: Vote) -> Result<(), ApplyError> {
        let pos = self.position(number)?;
        let item = &self.agenda[pos];
        index_ok(motion, item.motions.len())?;
        self.check_vote(item, &vote)?;
        let m = &mut self.agenda[pos].motions[motion];
        // Names that no longer add up to the counts are not kept: a new count starts plain.
        if m.ballot.counts_by_name()
            && m.ballot.tally() != Vote::new(vote.yes, vote.no, vote.abstain)
        {
            m.ballot = Ballot::default();
        }
        m.vote = Some(vote);
        Ok(())
    }

    /// An election's ballots must fit its candidates and those entitled at each ballot; a lot
    /// decides only between those tied.
    fn set_election(
        &mut self,
        number: &str,
        motion: usize,
        election: Election,
    ) -> Result<(), ApplyError> {
        let pos = self.position(number)?;
        let item = &self.agenda[pos];
        index_ok(motion, item.motions.len())?;
        let wrong = |why: String| Err(ApplyError::Ballot(why));
        if election.candidates.is_empty() {
            return wrong("eine Wahl braucht Kandidierende".into());
        }
        for (n, round) in election.rounds.iter().enumerate() {
            if round.votes.len() != election.candidates.len() {
                return wrong(format!("{}. Wahlgang: Stimmen nicht je Kandidat/in", n + 1));
            }
            if round
                .run_off
                .iter()
                .any(|i| *i >= election.candidates.len())
            {
                return wrong(format!(
                    "{}. Wahlgang: Stichwahl ohne diese Kandidatur",
                    n + 1
                ));
            }
            let outside = |(i, v): (usize, &u32)| *v > 0 && !round.run_off.contains(&i);
            if !round.run_off.is_empty() && round.votes.iter().enumerate().any(outside) {
                return wrong("Stichwahl: Stimmen für jemanden, der nicht zur Wahl steht".into());
            }
            let entitled = self.entitled(Some(item), round.at);
            if round.ballots() > entitled {
                return wrong(format!(
                    "{}. Wahlgang: {} Stimmzettel, aber {entitled} Stimmberechtigte",
                    n + 1,
                    round.ballots()
                ));
            }
        }
        if let Some(lot) = &election.lot {
            let undecided = Election {
                lot: None,
                ..election.clone()
            };
            let tied = match undecided.result() {
                super::election::ElectionResult::Lot(tied) => tied,
                _ => Vec::new(),
            };
            if !tied.contains(&lot.winner) {
                return wrong("das Los entscheidet nur zwischen Stimmengleichen".into());
            }
            self.check_persons(lot.drawn_by.iter())?;
        }
        self.agenda[pos].motions[motion].election = Some(election);
        Ok(())
    }

    fn set_ballot(
        &mut self,
        number: &str,
        motion: usize,
        ballot: Ballot,
    ) -> Result<(), ApplyError> {
        let pos = self.position(number)?;
        let item = &self.agenda[pos];
        index_ok(motion, item.motions.len())?;
        let vote = item.motions[motion].vote;
        let at = vote.and_then(|v| v.at);
        let mut seen = std::collections::HashSet::new();
        for n in &ballot.names {
            let Some(p) = self.person(&n.person) else {
                return Err(ApplyError::UnknownPerson(n.person.clone()));
            };
            if !self.is_entitled(p, Some(item), at) || !seen.insert(&n.person) {
                return Err(ApplyError::Ballot(format!(
                    "{} {} ist bei dieser Abstimmung nicht (einmal) stimmberechtigt",
                    p.given_name, p.family_name
                )));
            }
        }
        if ballot.counts_by_name() {
            let counted = vote.map(|v| Vote::new(v.yes, v.no, v.abstain));
            if counted != Some(ballot.tally()) {
                return Err(ApplyError::Ballot(
                    "die Namen ergeben nicht die gezählten Stimmen".to_string(),
                ));
            }
        }
        if ballot.kind == BallotKind::Geheim
            && let Some(v) = vote
            && v.cast().saturating_add(ballot.invalid) > self.entitled(Some(item), at)
        {
            return Err(ApplyError::Ballot(format!(
                "mehr Stimmzettel ({}) als Stimmberechtigte",
                v.cast().saturating_add(ballot.invalid)
            )));
        }
        self.agenda[pos].motions[motion].ballot = ballot;
        Ok(())
    }

    /// A vote on `item` must fit the members present and entitled at its time.
    fn check_vote(&self, item: &AgendaItem, vote: &Vote) -> Result<(), ApplyError> {
        let entitled = self.entitled(Some(item), vote.at);
        Ok(check_counts(
            vote,
            entitled,
            self.land.abstention_allowed(),
        )?)
    }
}

#[cfg(test)]
mod tests;
