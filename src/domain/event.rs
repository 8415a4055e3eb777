//! What happens in a session besides the words: a break, the public excluded and readmitted,
//! another person taking the chair, the quorum established, lost and regained. Each event has
//! its time and belongs to the item during which it happened, so it is printed there, in the
//! flow of that item's minutes, and a closed item's events never reach a public reader.

use serde::{Deserialize, Serialize};

use super::person::PersonId;
use super::time::Time;

/// One event in the flow of an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Time>,
    pub kind: EventKind,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// "Die Sitzung wird von 19:20 bis 19:25 Uhr unterbrochen." (`until` once it goes on).
    Unterbrechung {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<Time>,
    },
    /// "Die Öffentlichkeit wird ausgeschlossen."
    OeffentlichkeitAusgeschlossen,
    /// "Die Öffentlichkeit wird wiederhergestellt."
    OeffentlichkeitHergestellt,
    /// Someone else takes the chair (the deputy chair for an item the chair is befangen in).
    Vorsitz { person: PersonId },
    /// The chair establishes the quorum.
    BeschlussfaehigkeitFestgestellt,
    /// Too few members are left: the session is interrupted or ends.
    BeschlussfaehigkeitVerloren,
    /// Enough members are back.
    BeschlussfaehigkeitWiederhergestellt,
    /// The agenda is extended by `item` (an urgent matter, Dringlichkeit).
    TagesordnungErweitert { item: String },
    /// `item` is taken off the agenda.
    Abgesetzt {
        item: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// `item` is dealt with before `before`.
    Vorgezogen { item: String, before: String },
    /// `item` is referred to another body.
    Verwiesen { item: String, to: String },
    /// A matter decided by lot outside an election (the last seat of a committee between two
    /// Fraktionen with equal numbers, the order of speakers): what, what the lot gave, who drew.
    Losentscheid {
        about: String,
        result: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        drawn_by: Option<PersonId>,
    },
}

impl EventKind {
    /// Every kind, with an empty person where one is needed: for the screen's list.
    pub const ALL: [EventKind; 8] = [
        EventKind::Unterbrechung { until: None },
        EventKind::OeffentlichkeitAusgeschlossen,
        EventKind::OeffentlichkeitHergestellt,
        EventKind::Vorsitz {
            person: String::new(),
        },
        EventKind::BeschlussfaehigkeitFestgestellt,
        EventKind::BeschlussfaehigkeitVerloren,
        EventKind::BeschlussfaehigkeitWiederhergestellt,
        EventKind::Losentscheid {
            about: String::new(),
            result: String::new(),
            drawn_by: None,
        },
    ];

    /// The item of the agenda an agenda change is about (the first, for a move), if any.
    pub fn items(&self) -> Vec<&String> {
        match self {
            EventKind::TagesordnungErweitert { item }
            | EventKind::Abgesetzt { item, .. }
            | EventKind::Verwiesen { item, .. } => vec![item],
            EventKind::Vorgezogen { item, before } => vec![item, before],
            _ => Vec::new(),
        }
    }

    /// The item numbers it names, to be changed with them.
    pub fn items_mut(&mut self) -> Vec<&mut String> {
        match self {
            EventKind::TagesordnungErweitert { item }
            | EventKind::Abgesetzt { item, .. }
            | EventKind::Verwiesen { item, .. } => vec![item],
            EventKind::Vorgezogen { item, before } => vec![item, before],
            _ => Vec::new(),
        }
    }

    /// The person the event names, if any.
    pub fn person(&self) -> Option<&PersonId> {
        match self {
            EventKind::Vorsitz { person }
            | EventKind::Losentscheid {
                drawn_by: Some(person),
                ..
            } => Some(person),
            _ => None,
        }
    }
}

/// Why an urgent item is taken off when its urgency is rejected, as the protocol gives it.
pub const URGENCY_REJECTED: &str = "Dringlichkeit abgelehnt";

/// The events as the protocol prints them: of several moves of one item in a row, the last;
/// no extension of the agenda by an item whose urgency was then rejected (it never was on it).
pub fn shown_events(events: &[Event]) -> impl Iterator<Item = &Event> {
    let moved = |e: &Event| match &e.kind {
        EventKind::Vorgezogen { item, before } => Some((item.clone(), before.clone())),
        _ => None,
    };
    events.iter().enumerate().filter_map(move |(i, e)| {
        let next_moves_it_again = match (moved(e), events.get(i + 1).and_then(moved)) {
            (Some((a, b)), Some((c, d))) => a == c || a == d || b == c || b == d,
            _ => false,
        };
        let rejected = match &e.kind {
            EventKind::TagesordnungErweitert { item } => events[i..].iter().any(|later| {
                matches!(&later.kind, EventKind::Abgesetzt { item: n, reason }
                    if n == item && reason.as_deref() == Some(URGENCY_REJECTED))
            }),
            _ => false,
        };
        (!next_moves_it_again && !rejected).then_some(e)
    })
}

/// The break still going on in `events`: the last one, when it has no end yet.
pub fn open_break(events: &[Event]) -> Option<usize> {
    let last = events
        .iter()
        .rposition(|e| matches!(e.kind, EventKind::Unterbrechung { .. }))?;
    matches!(events[last].kind, EventKind::Unterbrechung { until: None }).then_some(last)
}

/// A person coming or going during the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Movement {
    /// Comes late.
    Arrives,
    /// Comes back after being away.
    Returns,
    Leaves,
}

impl super::session::Session {
    /// Whether the session is going on: opened and not yet closed.
    pub fn running(&self) -> bool {
        self.start.is_some() && self.end.is_none()
    }

    /// Where a decision on the agenda is recorded: in the item being dealt with, unless that is
    /// the item the decision is about; else in the item whose title is about the agenda
    /// ("Feststellung der Tagesordnung"); else nowhere.
    pub fn agenda_decision_item(&self, about: &str) -> Option<String> {
        self.current_item
            .clone()
            .filter(|n| n != about)
            .or_else(|| {
                self.agenda
                    .iter()
                    .find(|i| i.number != about && i.title.contains("Tagesordnung"))
                    .map(|i| i.number.clone())
            })
    }

    /// The actions that move `item` to position `to` and, in a running session, record it as
    /// the protocol says it ("TOP 4 wird vor TOP 3 behandelt"): a second step of the same move
    /// replaces the record, a step back takes it away.
    pub fn move_actions(&self, item: &str, to: usize, at: Time) -> Vec<super::action::Action> {
        use super::action::Action;
        let mut actions = vec![Action::MoveItem {
            item: item.to_string(),
            to,
        }];
        let Some(from) = self.agenda.iter().position(|i| i.number == item) else {
            return actions;
        };
        if !self.running() || from == to || to >= self.agenda.len() {
            return actions;
        }
        let mut after = self.agenda.clone();
        let moved = after.remove(from);
        after.insert(to, moved);
        // Which item is now before which: the moved one before the one it passed, or the one
        // it passed (going down) before it.
        let (first, second) = if to < from {
            (item.to_string(), after[to + 1].number.clone())
        } else {
            (after[to - 1].number.clone(), item.to_string())
        };
        let Some(at_item) = self.agenda_decision_item(item) else {
            return actions;
        };
        let events = self
            .item(&at_item)
            .map(|i| i.events.as_slice())
            .unwrap_or(&[]);
        // A step back undoes the step before; every other step is kept (the protocol prints
        // the last of several steps of one item, see `shown_events`).
        let undoes_last = events.last().is_some_and(|e| {
            matches!(&e.kind, EventKind::Vorgezogen { item: a, before: b }
                if *a == second && *b == first)
        });
        if undoes_last {
            actions.push(Action::RemoveEvent {
                item: at_item,
                index: events.len() - 1,
            });
        } else {
            actions.push(Action::AddEvent {
                item: at_item,
                event: Event {
                    at: Some(at),
                    kind: EventKind::Vorgezogen {
                        item: first,
                        before: second,
                    },
                },
            });
        }
        actions
    }

    /// The number of the item during which `at` fell: the one called then (from its start until
    /// before its end), else the next one called after it. `None` before the session began or
    /// after the last item.
    pub fn item_at(&self, at: Time) -> Option<&str> {
        if self.start.is_some_and(|start| at <= start) {
            return None;
        }
        // The end as the public edition counts it (an item called again runs until the next);
        // of several, the one called last.
        let during = self
            .agenda
            .iter()
            .filter(|i| {
                i.started
                    .is_some_and(|s| s <= at && self.item_end(i, s).is_none_or(|e| at < e))
            })
            .max_by_key(|i| i.started);
        let next = || {
            self.agenda
                .iter()
                .filter(|i| i.started.is_some_and(|s| s > at))
                .min_by_key(|i| i.started)
        };
        during.or_else(next).map(|i| i.number.as_str())
    }

    /// Who came or went during `item` ([`Session::item_at`]), in time order: the arrivals,
    /// returns and departures the protocol prints in the flow of the item.
    pub fn movements(&self, item: &str) -> Vec<(Time, &super::person::Person, Movement)> {
        let mut out = Vec::new();
        for p in &self.persons {
            let mut times: Vec<(Time, Movement)> = Vec::new();
            times.extend(p.arrived.map(|t| (t, Movement::Arrives)));
            for (from, back) in &p.away {
                times.push((*from, Movement::Leaves));
                times.push((*back, Movement::Returns));
            }
            times.extend(p.left.map(|t| (t, Movement::Leaves)));
            for (at, movement) in times {
                if self.item_at(at) == Some(item) {
                    out.push((at, p, movement));
                }
            }
        }
        out.sort_by_key(|(at, _, _)| *at);
        out
    }

    /// Who chaired which items, for the signatures: each person with the numbers of their
    /// items in agenda order, in the order they first chaired. The session's chair chairs until
    /// a `Vorsitz` event names someone else, who chairs until the next one (the chair's own
    /// return among them), across items. An item during which the chair changed counts for each
    /// who chaired it; a change at the item's start (no later than it was called) counts for
    /// the new chair only. Where a time is missing, the change counts as made during the item.
    /// Within an item the changes follow in time, untimed ones last in the order recorded, as
    /// the protocol prints them.
    pub fn chairs_by_item(&self) -> Vec<(super::person::PersonId, Vec<String>)> {
        let mut out: Vec<(super::person::PersonId, Vec<String>)> = Vec::new();
        let mut credit = |person: &Option<String>, item: &str| {
            let Some(person) = person else { return };
            let at = match out.iter().position(|(p, _)| p == person) {
                Some(at) => at,
                None => {
                    out.push((person.clone(), Vec::new()));
                    out.len() - 1
                }
            };
            if out[at].1.last().is_none_or(|n| n != item) {
                out[at].1.push(item.to_string());
            }
        };
        let mut chair = self.chair.clone();
        for item in &self.agenda {
            for (at, person) in chair_changes(item) {
                if chair.as_ref() == Some(person) {
                    continue;
                }
                let at_the_start = at
                    .zip(item.started)
                    .is_some_and(|(at, started)| at <= started);
                if !at_the_start {
                    credit(&chair, &item.number);
                }
                chair = Some(person.clone());
            }
            credit(&chair, &item.number);
        }
        out
    }

    /// Who has the chair during `item` at `at`: the session's chair, then whoever took it by
    /// the Vorsitz events of the items before and of this one up to `at`.
    pub fn chair_at(&self, item: &str, at: Option<Time>) -> Option<PersonId> {
        let mut chair = self.chair.clone();
        for i in &self.agenda {
            let this = i.number == item;
            if let Some((_, person)) = chair_changes(i)
                .into_iter()
                .rev()
                .find(|(when, _)| !this || when.zip(at).is_none_or(|(w, at)| w <= at))
            {
                chair = Some(person.clone());
            }
            if this {
                break;
            }
        }
        chair
    }
}

/// The Vorsitz events of `item` in time order, those without a time last in the order recorded.
fn chair_changes(item: &super::item::AgendaItem) -> Vec<(Option<Time>, &PersonId)> {
    let mut changes: Vec<(Option<Time>, &PersonId)> = item
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Vorsitz { person } => Some((e.at, person)),
            _ => None,
        })
        .collect();
    changes.sort_by_key(|(at, _)| (at.is_none(), *at));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AgendaItem, Person, Salutation, Session};

    fn t(h: u32, m: u32) -> Time {
        Time::hm(h, m).expect("a time")
    }

    fn session() -> Session {
        let mut s = Session::new("Rat", chrono::NaiveDate::default());
        s.start = Some(t(19, 0));
        for (n, from, to) in [("1", (19, 0), (19, 10)), ("2", (19, 20), (19, 40))] {
            let mut item = AgendaItem::new(n, "x");
            item.started = Some(t(from.0, from.1));
            item.ended = Some(t(to.0, to.1));
            s.agenda.push(item);
        }
        s
    }

    #[test]
    fn a_time_belongs_to_the_item_then_called_or_to_the_next() {
        let s = session();
        assert_eq!(s.item_at(t(19, 0)), None, "the start itself is no arrival");
        assert_eq!(s.item_at(t(19, 5)), Some("1"));
        assert_eq!(
            s.item_at(t(19, 10)),
            Some("2"),
            "the end belongs to what follows"
        );
        assert_eq!(s.item_at(t(19, 15)), Some("2"));
        assert_eq!(s.item_at(t(19, 39)), Some("2"));
        assert_eq!(s.item_at(t(19, 45)), None);
    }

    #[test]
    fn an_item_called_again_holds_only_its_own_time() {
        let mut s = session();
        // TOP 1 called again: it has lost its end, but 19:25 still belongs to TOP 2.
        s.agenda[0].ended = None;
        assert_eq!(s.item_at(t(19, 25)), Some("2"));
        assert_eq!(s.item_at(t(19, 5)), Some("1"));
    }

    #[test]
    fn comings_and_goings_are_printed_where_they_happened() {
        let mut s = session();
        let mut p = Person::member("a", Salutation::Frau, "Anna", "Ahrens");
        p.arrived = Some(t(19, 5));
        p.away = vec![(t(19, 25), t(19, 30))];
        p.left = Some(t(19, 35));
        s.persons.push(p);
        let kinds = |item| {
            s.movements(item)
                .into_iter()
                .map(|(at, _, m)| (at.hhmm(), m))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds("1"), [("19:05".into(), Movement::Arrives)]);
        assert_eq!(
            kinds("2"),
            [
                ("19:25".into(), Movement::Leaves),
                ("19:30".into(), Movement::Returns),
                ("19:35".into(), Movement::Leaves)
            ]
        );
    }

    mod chairs {
        use super::*;

        fn expected(rows: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
            rows.iter()
                .map(|(p, items)| (p.to_string(), items.iter().map(|n| n.to_string()).collect()))
                .collect()
        }

        /// Items 1 to 4, called at 19:00, 19:10, 19:20, 19:30; "vorsitz" chairs.
        fn four() -> Session {
            let mut s = Session::new("Rat", chrono::NaiveDate::default());
            s.chair = Some("vorsitz".into());
            for (i, n) in ["1", "2", "3", "4"].into_iter().enumerate() {
                let mut item = AgendaItem::new(n, "x");
                item.started = Some(t(19, 10 * i as u32));
                s.agenda.push(item);
            }
            s
        }

        fn takes_chair(s: &mut Session, item: usize, at: Option<Time>, person: &str) {
            s.agenda[item].events.push(Event {
                at,
                kind: EventKind::Vorsitz {
                    person: person.into(),
                },
            });
        }

        #[test]
        fn the_chair_at_a_time_follows_the_changes_before_it() {
            let mut s = four();
            takes_chair(&mut s, 1, Some(t(19, 15)), "stellv");
            takes_chair(&mut s, 2, Some(t(19, 25)), "vorsitz");
            assert_eq!(s.chair_at("1", None).as_deref(), Some("vorsitz"));
            assert_eq!(s.chair_at("2", Some(t(19, 12))).as_deref(), Some("vorsitz"));
            assert_eq!(s.chair_at("2", Some(t(19, 15))).as_deref(), Some("stellv"));
            assert_eq!(s.chair_at("3", Some(t(19, 21))).as_deref(), Some("stellv"));
            assert_eq!(s.chair_at("4", None).as_deref(), Some("vorsitz"));
        }

        #[test]
        fn without_events_the_chair_chairs_everything() {
            let s = four();
            assert_eq!(
                s.chairs_by_item(),
                expected(&[("vorsitz", &["1", "2", "3", "4"])])
            );
            let nobody = Session {
                chair: None,
                ..four()
            };
            assert!(nobody.chairs_by_item().is_empty());
        }

        #[test]
        fn the_deputy_chairs_from_an_item_until_the_chair_takes_it_back() {
            let mut s = four();
            takes_chair(&mut s, 1, Some(t(19, 10)), "stellv");
            takes_chair(&mut s, 3, Some(t(19, 30)), "vorsitz");
            assert_eq!(
                s.chairs_by_item(),
                expected(&[("vorsitz", &["1", "4"]), ("stellv", &["2", "3"])])
            );
        }

        #[test]
        fn an_item_during_which_the_chair_changed_counts_for_both() {
            let mut s = four();
            takes_chair(&mut s, 1, Some(t(19, 15)), "stellv");
            takes_chair(&mut s, 1, Some(t(19, 18)), "vorsitz");
            // Untimed: made during the item.
            takes_chair(&mut s, 3, None, "stellv");
            assert_eq!(
                s.chairs_by_item(),
                expected(&[("vorsitz", &["1", "2", "3", "4"]), ("stellv", &["2", "4"])])
            );
        }
    }

    #[test]
    fn only_the_last_break_without_end_is_open() {
        let open = |until| Event {
            at: Some(t(19, 0)),
            kind: EventKind::Unterbrechung { until },
        };
        let other = Event {
            at: None,
            kind: EventKind::OeffentlichkeitAusgeschlossen,
        };
        assert_eq!(open_break(&[open(None), other.clone()]), Some(0));
        assert_eq!(open_break(&[open(None), open(Some(t(19, 5)))]), None);
        assert_eq!(open_break(&[other]), None);
    }

    /// Agenda changes as decisions.
    mod agenda {
        use super::*;
        use crate::domain::Action;

        /// Items 1 (Feststellung der Tagesordnung), 2, 3, 4; the session runs, TOP 1 is called.
        fn running() -> Session {
            let mut s = Session::new("Rat", chrono::NaiveDate::default());
            s.agenda
                .push(AgendaItem::new("1", "Feststellung der Tagesordnung"));
            for n in ["2", "3", "4"] {
                s.agenda.push(AgendaItem::new(n, "x"));
            }
            s.apply(Action::StartSession { at: t(19, 0) })
                .expect("opens");
            s.apply(Action::OpenItem {
                item: "1".into(),
                at: t(19, 0),
            })
            .expect("calls");
            s
        }

        fn moves(s: &Session) -> Vec<(String, String)> {
            s.agenda[0]
                .events
                .iter()
                .filter_map(|e| match &e.kind {
                    EventKind::Vorgezogen { item, before } => Some((item.clone(), before.clone())),
                    _ => None,
                })
                .collect()
        }

        #[test]
        fn a_move_in_the_meeting_is_recorded_once_and_a_step_back_takes_it_away() {
            let mut s = running();
            // TOP 4 up twice: printed "TOP 4 wird vor TOP 2 behandelt", once.
            for to in [2, 1] {
                let actions = s.move_actions("4", to, t(19, 1));
                s.apply_change(&actions).expect("moves");
            }
            let shown: Vec<_> = shown_events(&s.agenda[0].events).collect();
            assert_eq!(
                shown.iter().map(|e| &e.kind).collect::<Vec<_>>(),
                [&EventKind::Vorgezogen {
                    item: "4".into(),
                    before: "2".into()
                }]
            );
            assert_eq!(moves(&s).len(), 2);
            // Down again: the record follows; back to its place: gone.
            for to in [2, 3] {
                let actions = s.move_actions("4", to, t(19, 2));
                s.apply_change(&actions).expect("moves");
            }
            assert_eq!(
                moves(&s),
                Vec::<(String, String)>::new(),
                "{:?}",
                s.agenda[0].events
            );
            // Before the meeting a move is only a move.
            let mut prepared = running();
            prepared.start = None;
            assert_eq!(prepared.move_actions("4", 1, t(19, 0)).len(), 1);
        }

        #[test]
        fn renumbering_keeps_what_names_an_item() {
            let mut s = running();
            s.apply(Action::AddEvent {
                item: "1".into(),
                event: Event {
                    at: None,
                    kind: EventKind::Abgesetzt {
                        item: "3".into(),
                        reason: None,
                    },
                },
            })
            .expect("recorded");
            s.apply(Action::SetNumber {
                item: "3".into(),
                number: "3a".into(),
            })
            .expect("renumbered");
            assert_eq!(s.agenda[0].events[0].kind.items(), [&"3a".to_string()]);
            s.apply(Action::Renumber).expect("renumbered");
            assert_eq!(s.agenda[0].events[0].kind.items(), [&"3".to_string()]);
            assert!(matches!(
                s.apply(Action::AddEvent {
                    item: "1".into(),
                    event: Event {
                        at: None,
                        kind: EventKind::TagesordnungErweitert { item: "9".into() },
                    },
                }),
                Err(crate::domain::ApplyError::UnknownItem(_))
            ));
        }

        #[test]
        fn the_public_never_learns_of_a_decision_about_a_closed_item() {
            let mut s = running();
            s.agenda[3].closed = true;
            for kind in [
                EventKind::Abgesetzt {
                    item: "4".into(),
                    reason: Some("Grundstück Zq".into()),
                },
                EventKind::Vorgezogen {
                    item: "4".into(),
                    before: "2".into(),
                },
                EventKind::TagesordnungErweitert { item: "2".into() },
            ] {
                s.apply(Action::AddEvent {
                    item: "1".into(),
                    event: Event { at: None, kind },
                })
                .expect("recorded");
            }
            let view = s.public_view();
            assert_eq!(
                view.agenda[0].events,
                [Event {
                    at: None,
                    kind: EventKind::TagesordnungErweitert { item: "2".into() }
                }]
            );
        }
    }
}
