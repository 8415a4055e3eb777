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

/// A TOP number as the closed rule compares it, the same for every way of writing one number:
/// invisible characters and spaces dropped, full-width digits and dots as plain ones, `,` as
/// `.`, empty parts dropped ("11." and ".11" are "11"), leading zeros cut ("09" is "9"), letters
/// lower-case ("4A" is "4a"). "11" closes every number whose key begins with its key's parts.
pub fn number_key(number: &str) -> Vec<String> {
    let plain: String = number
        .chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from_digit(c as u32 - 0xFF10, 10).unwrap_or(c),
            '\u{FF0E}' | '\u{3002}' | ',' | '\u{FF0C}' => '.',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    plain
        .split('.')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let cut = part.trim_start_matches('0');
            match cut.chars().next() {
                None => "0".to_string(),
                Some(c) if c.is_ascii_digit() => cut.to_string(),
                // "0a": no number whose zeros could be cut.
                Some(_) => part.to_string(),
            }
        })
        .collect()
}

/// Characters that show nothing (zero-width spaces and joiners, soft hyphen, BOM, bidi marks).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// The numbers (as [`number_key`]s) whose items close themselves and everything below them.
struct ClosedNumbers(HashSet<Vec<String>>);

impl ClosedNumbers {
    fn of(session: &Session) -> Self {
        ClosedNumbers(
            session
                .agenda
                .iter()
                .filter(|i| i.closed)
                .map(|i| number_key(&i.number))
                .collect(),
        )
    }

    /// Whether `number` is closed: its own key, or one of its prefixes, is a closed number.
    /// A number with no key at all (empty) is closed when anything is: it cannot be told apart.
    fn closes(&self, number: &str) -> bool {
        let key = number_key(number);
        if key.is_empty() {
            return !self.0.is_empty();
        }
        (1..=key.len()).any(|n| self.0.contains(&key[..n]))
    }
}

impl Session {
    /// Whether `item` is closed to the public (see the module documentation).
    pub fn is_closed(&self, item: &AgendaItem) -> bool {
        ClosedNumbers::of(self).closes(&item.number)
    }

    /// [`is_closed`](Self::is_closed) for every agenda item, in agenda order.
    pub fn closed_flags(&self) -> Vec<bool> {
        let closed = ClosedNumbers::of(self);
        self.agenda
            .iter()
            .map(|i| closed.closes(&i.number))
            .collect()
    }

    /// The agenda in the order it was dealt with, as runs of public (`false`) and closed (`true`)
    /// items, by index: items that were started are taken in the order they started, each in
    /// the place of one that started; the others (not reached, taken off) keep their place.
    /// Closed items thus stand where they happened, not at the end.
    pub fn parts_as_dealt(&self) -> Vec<(bool, Vec<usize>)> {
        let mut started: Vec<usize> = (0..self.agenda.len())
            .filter(|&i| self.agenda[i].started.is_some())
            .collect();
        let slots = started.clone();
        // Stable: items started in the same minute keep their agenda order. A session that
        // goes on past midnight: a time before the session's start is on the next day.
        let start = self.start;
        started.sort_by_key(|&i| {
            let t = self.agenda[i].started;
            (t.zip(start).is_some_and(|(t, start)| t < start), t)
        });
        let mut order: Vec<usize> = (0..self.agenda.len()).collect();
        for (slot, item) in slots.into_iter().zip(started) {
            order[slot] = item;
        }
        let flags = self.closed_flags();
        let mut parts: Vec<(bool, Vec<usize>)> = Vec::new();
        for i in order {
            match parts.last_mut() {
                Some((closed, items)) if *closed == flags[i] => items.push(i),
                _ => parts.push((flags[i], vec![i])),
            }
        }
        parts
    }

    /// The nearest closed item above `item` (by number): while there is one, `item` is closed
    /// whatever its own flag says.
    pub fn closing_parent(&self, item: &AgendaItem) -> Option<&AgendaItem> {
        let key = number_key(&item.number);
        (1..key.len()).rev().find_map(|n| {
            self.agenda
                .iter()
                .find(|i| i.closed && number_key(&i.number) == key[..n])
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
        // What undo would bring back may hold anything, closed items too.
        view.history = Default::default();
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
        // A decision about the agenda that names a closed item is the closed item's business:
        // not even its number is shown.
        let numbers: HashSet<String> = view.agenda.iter().map(|i| i.number.clone()).collect();
        // A Berichtigung of a closed item is the closed item's.
        view.life
            .corrections
            .retain(|c| c.item.as_deref().is_none_or(|n| numbers.contains(n)));
        for item in &mut view.agenda {
            item.events
                .retain(|e| e.kind.items().iter().all(|n| numbers.contains(n.as_str())));
            for m in &mut item.motions {
                let about = m.about.take();
                m.about = about.clone().filter(|n| numbers.contains(n.as_str()));
                // What a file of an earlier version wrote about that item goes with it.
                if about.is_some() && m.about.is_none() {
                    m.text.clear();
                }
            }
        }
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
        // Who took the chair during a closed item still has it afterwards: the first public
        // item after it says so at its start, so that the chairs' signatures stay right.
        let numbers: Vec<String> = view.agenda.iter().map(|i| i.number.clone()).collect();
        for number in numbers {
            let Some(item) = view.item(&number) else {
                continue;
            };
            let start = item.started;
            let chair = self.chair_at(&number, start);
            let before = view.chair_at(&number, start);
            // Only someone the public edition names anyway (a guest there only for closed items
            // stays unnamed).
            if let Some(person) = chair
                .filter(|c| before.as_ref() != Some(c))
                .filter(|c| view.person(c).is_some())
                && let Some(pos) = view.agenda.iter().position(|i| i.number == number)
            {
                view.agenda[pos].events.insert(
                    0,
                    super::event::Event {
                        at: start,
                        kind: super::event::EventKind::Vorsitz { person },
                    },
                );
            }
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
    /// or the member a shown deputy stands in for): yes. Else someone marked `closed_only`, or a
    /// guest or staff member named only in closed items: no. Else a guest or staff member with
    /// times while a closed item has none: no (the times cannot tell). Else, for someone with arrival or leaving times, only who was there
    /// during a public item (nobody, where there is none), unless no public item has times;
    /// for someone without, yes.
    /// Who public content names, and who closed content names (ids).
    fn named(&self, flags: &[bool]) -> (HashSet<&str>, HashSet<&str>) {
        let mut public_refs: HashSet<&str> = HashSet::new();
        let mut closed_refs: HashSet<&str> = HashSet::new();
        for (item, closed) in self.agenda.iter().zip(flags) {
            let refs = if *closed {
                &mut closed_refs
            } else {
                &mut public_refs
            };
            refs.extend(item_persons(item));
        }
        public_refs.extend(self.chair.as_deref());
        public_refs.extend(self.minute_taker.as_deref());
        (public_refs, closed_refs)
    }

    /// For a session of which part could not be read (`recover`): every guest or staff member
    /// whom no public content names may have been there for a closed item whose text is lost,
    /// so is marked `closed_only` (fail closed). Returns their ids, to be told.
    pub fn seal_unnamed_guests(&mut self) -> Vec<String> {
        let flags = self.closed_flags();
        let (public_refs, _) = self.named(&flags);
        let unnamed: Vec<usize> = self
            .persons
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                !matches!(p.kind, PersonKind::Mitglied | PersonKind::Beratend)
                    && !p.closed_only
                    && !public_refs.contains(p.id.as_str())
            })
            .map(|(i, _)| i)
            .collect();
        unnamed
            .into_iter()
            .map(|i| {
                self.persons[i].closed_only = true;
                self.persons[i].id.clone()
            })
            .collect()
    }

    fn persons_shown_in_public(&self) -> Vec<bool> {
        let flags = self.closed_flags();
        let (public_refs, closed_refs) = self.named(&flags);
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
        // A closed item without a start time: the times cannot tell its part from the public
        // item before it.
        let closed_untimed = self
            .agenda
            .iter()
            .zip(&flags)
            .any(|(item, closed)| *closed && item.started.is_none());
        let mut seen: HashSet<&str> = HashSet::new();
        let mut shown: Vec<bool> = self
            .persons
            .iter()
            .map(|p| {
                // Of two persons with one id (a hand-edited file), the first is the one meant.
                if !seen.insert(p.id.as_str()) {
                    return false;
                }
                if public_refs.contains(p.id.as_str()) {
                    return true;
                }
                if p.closed_only {
                    return false;
                }
                let member = matches!(p.kind, PersonKind::Mitglied | PersonKind::Beratend);
                if !member && closed_refs.contains(p.id.as_str()) {
                    return false;
                }
                if !member && closed_untimed && has_times(p) && p.presence == Presence::Anwesend {
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
                && matches!(
                    self.persons[j].kind,
                    PersonKind::Mitglied | PersonKind::Beratend
                )
                && !self.persons[j].closed_only
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
    pub(super) fn item_end(&self, item: &AgendaItem, started: Time) -> Option<Time> {
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

/// Everyone an item names: speakers, askers, movers, Befangene, the speaker queue, its events.
/// The one list for what the public edition shows and for what a person may not be removed.
pub(super) fn item_persons(item: &AgendaItem) -> impl Iterator<Item = &str> {
    item.minutes
        .iter()
        .flat_map(|p| p.speaker.iter().chain(&p.asked_by))
        .chain(&item.befangen)
        .chain(item.motions.iter().filter_map(|m| m.mover.as_ref()))
        .chain(item.speakers.waiting.iter().map(|r| &r.person))
        .chain(item.speakers.turns.iter().map(|t| &t.person))
        .chain(item.events.iter().filter_map(|e| e.kind.person()))
        .chain(
            item.motions
                .iter()
                .flat_map(|m| m.ballot.names.iter().map(|n| &n.person)),
        )
        .chain(
            item.motions
                .iter()
                .filter_map(|m| m.election.as_ref())
                .flat_map(|e| {
                    e.candidates
                        .iter()
                        .chain(e.lot.as_ref().and_then(|l| l.drawn_by.as_ref()))
                }),
        )
        .map(String::as_str)
}

fn has_times(p: &Person) -> bool {
    p.arrived.is_some() || p.left.is_some() || !p.away.is_empty()
}

/// Whether `p` was there at some moment from `from` until before `to` (open-ended without `to`;
/// an item that began and ended in the same minute is that minute). Presence is a union of
/// intervals that each begin at `from`, at the arrival or at a return, so where it meets the
/// item at all, it does at one of those moments.
pub(super) fn present_between(p: &Person, from: Time, to: Option<Time>) -> bool {
    let within = |t: &Time| *t >= from && to.is_none_or(|end| *t < end || *t == from);
    std::iter::once(from)
        .chain(p.arrived)
        .chain(p.away.iter().map(|(_, back)| *back))
        .filter(within)
        .any(|t| p.present_at(Some(t)))
}

#[cfg(test)]
mod tests;
