//! What chairs, the press and the payroll ask afterwards: who spoke how long (per speaker, per
//! Fraktion, per item), and who was there when (for the Sitzungsgeld). Made from what was
//! recorded; a public reader gets them from the public view only.

use super::item::AgendaItem;
use super::person::{PersonKind, Presence};
use super::session::Session;
use super::speakers::RequestKind;
use super::time::Time;

/// One turn at the lectern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TurnRow {
    pub person: String,
    pub fraktion: Option<String>,
    pub item: String,
    pub kind: RequestKind,
    pub start: Time,
    /// Seconds; `None` while the turn goes on.
    pub seconds: Option<u32>,
}

/// A total of speaking time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Total {
    pub key: String,
    pub turns: u32,
    pub seconds: u32,
}

/// One person's attendance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceRow {
    pub person: String,
    pub kind: PersonKind,
    pub fraktion: Option<String>,
    pub presence: Presence,
    pub arrived: Option<Time>,
    pub left: Option<Time>,
    /// Times away in between (from, until).
    pub away: Vec<(Time, Time)>,
    /// The items they were there for (at some moment while it was dealt with).
    pub items: Vec<String>,
}

impl Session {
    /// Every turn taken, in agenda order and then by time.
    pub fn turns(&self) -> Vec<TurnRow> {
        let mut out = Vec::new();
        for item in &self.agenda {
            let mut turns: Vec<_> = item.speakers.turns.iter().collect();
            turns.sort_by_key(|t| t.since);
            for t in turns {
                let p = self.person(&t.person);
                out.push(TurnRow {
                    person: t.person.clone(),
                    fraktion: p.and_then(|p| p.fraktion.clone()),
                    item: item.number.clone(),
                    kind: t.kind,
                    start: t.since,
                    seconds: t.until.map(|u| t.since.seconds_until(u)),
                });
            }
        }
        out
    }

    /// Speaking time summed by `key` (a person, a Fraktion, an item), the longest first; a turn
    /// going on counts until `now` where given.
    pub fn totals(&self, now: Option<Time>, key: impl Fn(&TurnRow) -> String) -> Vec<Total> {
        let mut totals: Vec<Total> = Vec::new();
        for row in self.turns() {
            let k = key(&row);
            let secs = row
                .seconds
                .or_else(|| now.map(|now| row.start.seconds_until(now)))
                .unwrap_or(0);
            match totals.iter_mut().find(|t| t.key == k) {
                Some(t) => {
                    t.turns += 1;
                    t.seconds = t.seconds.saturating_add(secs);
                }
                None => totals.push(Total {
                    key: k,
                    turns: 1,
                    seconds: secs,
                }),
            }
        }
        totals.sort_by_key(|t| std::cmp::Reverse(t.seconds));
        totals
    }

    /// Everyone in the list with their times and the items they were there for.
    pub fn attendance_rows(&self) -> Vec<AttendanceRow> {
        self.persons
            .iter()
            .map(|p| AttendanceRow {
                person: p.id.clone(),
                kind: p.kind,
                fraktion: p.fraktion.clone(),
                presence: p.presence,
                arrived: p.arrived,
                left: p.left,
                away: p.away.clone(),
                items: self
                    .agenda
                    .iter()
                    .filter(|i| was_there_for(p, i, self))
                    .map(|i| i.number.clone())
                    .collect(),
            })
            .collect()
    }
}

/// Whether `p` was present at some moment while `item` was dealt with (the public edition's
/// rule, `public::present_between`); an item without times counts for whoever was there.
fn was_there_for(p: &super::person::Person, item: &AgendaItem, s: &Session) -> bool {
    match item.started {
        Some(from) => super::public::present_between(p, from, s.item_end(item, from)),
        None => item.outcome.is_some() && p.present_at(None),
    }
}

/// "4:05" for 245 seconds.
pub fn minutes_seconds(secs: u32) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Person, Salutation, Turn};

    fn t(h: u32, m: u32) -> Time {
        Time::hm(h, m).expect("a time")
    }

    #[test]
    fn speaking_times_add_up_per_speaker_fraktion_and_item() {
        let mut s = Session::new("Rat", chrono::NaiveDate::default());
        for (id, f) in [("a", "SPD"), ("b", "CDU"), ("c", "SPD")] {
            let mut p = Person::member(id, Salutation::Frau, "", id);
            p.fraktion = Some(f.into());
            s.persons.push(p);
        }
        for (n, turns) in [
            ("1", vec![("a", (19, 0), (19, 3)), ("b", (19, 3), (19, 4))]),
            (
                "2",
                vec![("a", (19, 10), (19, 12)), ("c", (19, 12), (19, 17))],
            ),
        ] {
            let mut item = AgendaItem::new(n, "x");
            for (person, from, to) in turns {
                item.speakers.turns.push(Turn {
                    person: person.into(),
                    kind: RequestKind::Wortmeldung,
                    since: t(from.0, from.1),
                    until: Some(t(to.0, to.1)),
                    limit_secs: None,
                });
            }
            s.agenda.push(item);
        }
        let by_person = s.totals(None, |r| r.person.clone());
        assert_eq!(by_person[0].key, "a");
        assert_eq!((by_person[0].turns, by_person[0].seconds), (2, 300));
        let by_fraktion = s.totals(None, |r| r.fraktion.clone().unwrap_or_default());
        assert_eq!(by_fraktion[0].key, "SPD");
        assert_eq!(by_fraktion[0].seconds, 600);
        let all: u32 = s.turns().iter().filter_map(|r| r.seconds).sum();
        let per_item: u32 = s
            .totals(None, |r| r.item.clone())
            .iter()
            .map(|t| t.seconds)
            .sum();
        assert_eq!(all, per_item);
        assert_eq!(minutes_seconds(245), "4:05");
    }

    #[test]
    fn attendance_names_the_items_someone_was_there_for() {
        let mut s = Session::new("Rat", chrono::NaiveDate::default());
        s.start = Some(t(19, 0));
        for (n, from, to) in [("1", (19, 0), (19, 30)), ("2", (19, 30), (20, 0))] {
            let mut item = AgendaItem::new(n, "x");
            item.started = Some(t(from.0, from.1));
            item.ended = Some(t(to.0, to.1));
            s.agenda.push(item);
        }
        let mut late = Person::member("a", Salutation::Frau, "", "A");
        late.arrived = Some(t(19, 40));
        let mut excused = Person::member("b", Salutation::Herr, "", "B");
        excused.presence = Presence::Entschuldigt;
        s.persons = vec![late, excused];
        let rows = s.attendance_rows();
        assert_eq!(rows[0].items, ["2"]);
        assert!(rows[1].items.is_empty());
        assert_eq!(rows[1].presence, Presence::Entschuldigt);
    }
}
