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
}

impl EventKind {
    /// Every kind, with an empty person where one is needed: for the screen's list.
    pub const ALL: [EventKind; 7] = [
        EventKind::Unterbrechung { until: None },
        EventKind::OeffentlichkeitAusgeschlossen,
        EventKind::OeffentlichkeitHergestellt,
        EventKind::Vorsitz {
            person: String::new(),
        },
        EventKind::BeschlussfaehigkeitFestgestellt,
        EventKind::BeschlussfaehigkeitVerloren,
        EventKind::BeschlussfaehigkeitWiederhergestellt,
    ];

    /// The person the event names, if any.
    pub fn person(&self) -> Option<&PersonId> {
        match self {
            EventKind::Vorsitz { person } => Some(person),
            _ => None,
        }
    }
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
    /// The number of the item during which `at` fell: the one called then (from its start until
    /// before its end), else the next one called after it. `None` before the session began or
    /// after the last item.
    pub fn item_at(&self, at: Time) -> Option<&str> {
        if self.start.is_some_and(|start| at <= start) {
            return None;
        }
        let during = self
            .agenda
            .iter()
            .find(|i| i.started.is_some_and(|s| s <= at) && i.ended.is_none_or(|e| at < e));
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
}
