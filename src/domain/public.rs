//! What the public may see of a session: the one definition of a closed (nichtöffentlich) item,
//! and the public view every public output is made from.
//!
//! - An item is **closed** when its own flag says so, or when an item whose number is a
//!   dot-prefix of its own is closed ("11" closes "11.1" and "11.1.2"), wherever the two stand in
//!   the agenda: order does not matter, so moving a sub-item out of its parent's block does not
//!   open it. A number that occurs twice is closed when either item is (a hand-edited file must
//!   not publish one of two "11"s).
//! - Changes that renumber or reorder the agenda first **seal** what is closed: every item closed
//!   through a parent gets its own flag, so no renumbering, move or deletion of a parent ever
//!   opens it (see `Session::apply`). An item added under a closed parent is closed itself.
//! - The **public view** ([`Session::public_view`]) is the session without its closed items and
//!   without the persons who were there only for them. Render, search, the index, `list` and the
//!   browser make every public output from it, so nothing they do can show what it does not hold.

use std::collections::HashSet;

use super::item::AgendaItem;
use super::person::{Person, PersonKind, Presence};
use super::session::Session;
use super::time::Time;

/// The numbers whose items close themselves and everything below them.
struct ClosedNumbers<'a>(HashSet<&'a str>);

impl<'a> ClosedNumbers<'a> {
    fn of(session: &'a Session) -> Self {
        ClosedNumbers(
            session
                .agenda
                .iter()
                .filter(|i| i.closed)
                .map(|i| i.number.trim())
                .collect(),
        )
    }

    /// The closed number that closes `number`: itself, or its nearest closed dot-prefix.
    fn closer(&self, number: &str) -> Option<&'a str> {
        let number = number.trim();
        if let Some(n) = self.0.get(number) {
            return Some(n);
        }
        number
            .rmatch_indices('.')
            .find_map(|(at, _)| self.0.get(&number[..at]).copied())
    }
}

impl Session {
    /// Whether `item` is closed to the public (see the module documentation).
    pub fn is_closed(&self, item: &AgendaItem) -> bool {
        ClosedNumbers::of(self).closer(&item.number).is_some()
    }

    /// [`is_closed`](Self::is_closed) for every agenda item, in agenda order.
    pub fn closed_flags(&self) -> Vec<bool> {
        let closed = ClosedNumbers::of(self);
        self.agenda
            .iter()
            .map(|i| closed.closer(&i.number).is_some())
            .collect()
    }

    /// The nearest closed item above `item` (by number): while there is one, `item` is closed
    /// whatever its own flag says.
    pub fn closing_parent(&self, item: &AgendaItem) -> Option<&AgendaItem> {
        let number = item.number.trim();
        number.rmatch_indices('.').find_map(|(at, _)| {
            self.agenda
                .iter()
                .find(|i| i.closed && i.number.trim() == &number[..at])
        })
    }

    /// Gives every item closed through a parent its own flag, so that no later change of numbers
    /// or order can open it.
    pub(super) fn seal_closed(&mut self) {
        let flags = self.closed_flags();
        for (item, closed) in self.agenda.iter_mut().zip(flags) {
            item.closed |= closed;
        }
    }

    /// The session as the public may see it: no closed item (nor anything of it), no person who
    /// was there only for closed items ([`Session::shown_in_public`]), no current item that is
    /// closed, no closing reason on a public item. The legal number of members stays what it was.
    pub fn public_view(&self) -> Session {
        let flags = self.closed_flags();
        let shown = self.persons_shown_in_public();
        let mut view = self.clone();
        view.legal_members = Some(self.legal_members());
        view.agenda = self
            .agenda
            .iter()
            .zip(&flags)
            .filter(|(_, closed)| !**closed)
            .map(|(item, _)| AgendaItem {
                closed_reason: None,
                ..item.clone()
            })
            .collect();
        view.persons = self
            .persons
            .iter()
            .zip(shown)
            .filter(|(_, shown)| *shown)
            .map(|(p, _)| p.clone())
            .collect();
        if view
            .current_item
            .as_deref()
            .is_some_and(|n| view.item(n).is_none())
        {
            view.current_item = None;
        }
        view
    }

    /// Whether the public edition names `person` (in the attendance list or anywhere else).
    pub fn shown_in_public(&self, person: &Person) -> bool {
        self.persons
            .iter()
            .position(|p| p.id == person.id)
            .is_some_and(|i| self.persons_shown_in_public()[i])
    }

    /// For each person: shown in the public edition? Named in public content (a paragraph,
    /// question, motion, Befangenheit, the speaker queue of a public item; chair, minute-taker,
    /// or the member a shown deputy stands in for): yes. Else a guest or staff member named only
    /// in closed items: no. Else, for someone with arrival or leaving times, only who was there
    /// during a public item (nobody, where there is none), unless no public item has times;
    /// for someone without, yes.
    fn persons_shown_in_public(&self) -> Vec<bool> {
        let flags = self.closed_flags();
        let mut public_refs: HashSet<&str> = HashSet::new();
        let mut closed_refs: HashSet<&str> = HashSet::new();
        for (item, closed) in self.agenda.iter().zip(&flags) {
            let refs = if *closed {
                &mut closed_refs
            } else {
                &mut public_refs
            };
            refs.extend(item_persons(item));
        }
        public_refs.extend(self.chair.as_deref());
        public_refs.extend(self.minute_taker.as_deref());
        let public: Vec<&AgendaItem> = self
            .agenda
            .iter()
            .zip(&flags)
            .filter(|(_, closed)| !**closed)
            .map(|(item, _)| item)
            .collect();
        let public_times: Vec<(Time, Option<Time>)> = public
            .iter()
            .filter_map(|item| item.started.map(|s| (s, self.item_end(item, s))))
            .collect();
        // Times tell who was there for a public item unless public items have none at all.
        let untimed = !public.is_empty() && public_times.is_empty();
        let mut shown: Vec<bool> = self
            .persons
            .iter()
            .map(|p| {
                if public_refs.contains(p.id.as_str()) {
                    return true;
                }
                let member = matches!(p.kind, PersonKind::Mitglied | PersonKind::Beratend);
                if !member && closed_refs.contains(p.id.as_str()) {
                    return false;
                }
                p.presence != Presence::Anwesend
                    || !has_times(p)
                    || untimed
                    || public_times
                        .iter()
                        .any(|(from, to)| present_between(p, *from, *to))
            })
            .collect();
        // "i. V. für Herrn X": whom a shown deputy stands in for is named too.
        for i in 0..self.persons.len() {
            if shown[i]
                && let Some(member) = self.persons[i].deputy_for.as_deref()
                && let Some(j) = self.persons.iter().position(|p| p.id == member)
            {
                shown[j] = true;
            }
        }
        shown
    }
}

impl Session {
    /// When an item that began at `started` ended: as recorded, else when the next item began,
    /// else when the session ended; `None` when nothing tells.
    fn item_end(&self, item: &AgendaItem, started: Time) -> Option<Time> {
        item.ended.or_else(|| {
            self.agenda
                .iter()
                .filter_map(|i| i.started)
                .filter(|t| *t > started)
                .min()
                .or(self.end)
        })
    }
}

/// Everyone an item names: speakers, askers, movers, Befangene, the speaker queue.
fn item_persons(item: &AgendaItem) -> impl Iterator<Item = &str> {
    item.minutes
        .iter()
        .flat_map(|p| p.speaker.iter().chain(&p.asked_by))
        .chain(&item.befangen)
        .chain(item.motions.iter().filter_map(|m| m.mover.as_ref()))
        .chain(item.speakers.waiting.iter().map(|r| &r.person))
        .chain(item.speakers.turns.iter().map(|t| &t.person))
        .map(String::as_str)
}

fn has_times(p: &Person) -> bool {
    p.arrived.is_some() || p.left.is_some() || !p.away.is_empty()
}

/// Whether `p` was there at some moment from `from` until before `to` (open-ended without `to`;
/// an item that began and ended in the same minute is that minute). Presence is a union of
/// intervals that each begin at `from`, at the arrival or at a return, so where it meets the
/// item at all, it does at one of those moments.
fn present_between(p: &Person, from: Time, to: Option<Time>) -> bool {
    let within = |t: &Time| *t >= from && to.is_none_or(|end| *t < end || *t == from);
    std::iter::once(from)
        .chain(p.arrived)
        .chain(p.away.iter().map(|(_, back)| *back))
        .filter(within)
        .any(|t| p.present_at(Some(t)))
}

#[cfg(test)]
mod tests;
