//! A session (Sitzung) of one body, and the counts that follow from its attendance.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::history::History;
use super::item::AgendaItem;
use super::person::{Person, PersonId, PersonKind};
use super::time::Time;

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Whose municipal code decides votes and quorum. Kept in data; Schleswig-Holstein by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Land {
    #[default]
    SchleswigHolstein,
    /// Stimmenthaltung unzulässig: only yes and no.
    Bayern,
    /// The others count like Schleswig-Holstein; their minutes differ (`Land::minutes_law`).
    NordrheinWestfalen,
    RheinlandPfalz,
    Saarland,
    Hessen,
    /// Counts like Schleswig-Holstein.
    Andere,
}

impl Land {
    pub fn abstention_allowed(self) -> bool {
        self != Land::Bayern
    }

    /// The majority that finds an item urgent enough to extend the agenda: in
    /// Schleswig-Holstein two thirds of the legal number of members (§ 34 Abs. 4 GO); elsewhere
    /// two thirds of the votes cast, until the rule of that Land is entered here.
    pub fn urgency_majority(self) -> super::vote::Majority {
        match self {
            Land::SchleswigHolstein => super::vote::Majority::ZweiDrittelGesetzlich,
            _ => super::vote::Majority::ZweiDrittel,
        }
    }
}

/// A session: who met, when and where, and what they dealt with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub version: u32,
    /// The body (Gremium): "Bauausschuss der Gemeinde Lindenholz".
    pub body: String,
    /// Session number as the body counts ("12" or "BA/2024/03").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    /// The start the invitation named (from the information system); `start` is when it began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_start: Option<Time>,
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
    /// Legal number of members (gesetzliche Mitgliederzahl); when absent, the members listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_members: Option<u32>,
    #[serde(default)]
    pub land: Land,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persons: Vec<Person>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaItem>,
    /// Number of the item being dealt with now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_item: Option<String>,
    /// Signatures, approval, publication and corrections of the Niederschrift.
    #[serde(default, skip_serializing_if = "super::life::Life::is_empty")]
    pub life: super::life::Life,
    /// The last changes, to be undone and redone (`domain::history`); never public.
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
}

/// Dates as `"2024-03-14"`, with an error that says what was expected.
pub(crate) mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&date.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(deserializer)?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
            serde::de::Error::custom(format!("kein gültiges Datum (JJJJ-MM-TT): {s:?}"))
        })
    }
}

/// An optional date as `"2024-03-14"`.
pub(crate) mod iso_date_opt {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => super::iso_date::serialize(d, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        let s = Option::<String>::deserialize(deserializer)?;
        s.map(|s| {
            NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
                serde::de::Error::custom(format!("kein gültiges Datum (JJJJ-MM-TT): {s:?}"))
            })
        })
        .transpose()
    }
}

/// Whether enough members are present (Beschlussfähigkeit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quorum {
    pub present: u32,
    pub legal: u32,
    /// Members needed: more than half of the legal number.
    pub required: u32,
}

impl Quorum {
    pub fn reached(&self) -> bool {
        self.present >= self.required
    }
}

impl Session {
    /// An empty session of `body` on `date`.
    pub fn new(body: &str, date: NaiveDate) -> Session {
        Session {
            version: SCHEMA_VERSION,
            body: body.to_string(),
            number: None,
            date,
            planned_start: None,
            start: None,
            end: None,
            place: None,
            chair: None,
            minute_taker: None,
            legal_members: None,
            land: Land::default(),
            persons: Vec::new(),
            agenda: Vec::new(),
            current_item: None,
            life: Default::default(),
            history: History::default(),
        }
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.persons.iter().find(|p| p.id == id)
    }

    pub fn item(&self, number: &str) -> Option<&AgendaItem> {
        self.agenda.iter().find(|i| i.number == number)
    }

    /// The legal number of members: as set, else the voting members listed less their deputies.
    pub fn legal_members(&self) -> u32 {
        self.legal_members.unwrap_or_else(|| {
            let count = self
                .persons
                .iter()
                .filter(|p| p.kind == PersonKind::Mitglied && p.deputy_for.is_none())
                .count();
            u32::try_from(count).unwrap_or(u32::MAX)
        })
    }

    /// What a vote on `item` at `at` is counted against: the legal number and those entitled.
    pub fn basis(&self, item: Option<&AgendaItem>, at: Option<Time>) -> super::vote::Basis {
        super::vote::Basis {
            legal: self.legal_members(),
            present: self.entitled(item, at),
        }
    }

    /// Members present at `at` who may vote on `item` (Befangene excluded).
    pub fn entitled(&self, item: Option<&AgendaItem>, at: Option<Time>) -> u32 {
        let count = self.entitled_persons(item, at).len();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// Quorum for `item` at `at`; members excluded for Befangenheit do not count (SH rule).
    pub fn quorum(&self, item: Option<&AgendaItem>, at: Option<Time>) -> Quorum {
        let legal = self.legal_members();
        Quorum {
            present: self.entitled(item, at),
            legal,
            required: legal / 2 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::person::{Presence, Salutation};

    fn session_with(n: usize) -> Session {
        let mut s = Session::new(
            "Bauausschuss",
            NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
        );
        for i in 0..n {
            s.persons.push(Person::member(
                &format!("m{i}"),
                Salutation::Herr,
                "",
                &format!("M{i}"),
            ));
        }
        s
    }

    #[test]
    fn quorum_needs_more_than_half_of_the_legal_number() {
        let mut s = session_with(9);
        assert_eq!(s.quorum(None, None).required, 5);
        for p in s.persons.iter_mut().take(5) {
            p.presence = Presence::Entschuldigt;
        }
        assert!(!s.quorum(None, None).reached());
        s.persons[0].presence = Presence::Anwesend;
        assert!(s.quorum(None, None).reached());
        s.legal_members = Some(11);
        assert!(!s.quorum(None, None).reached());
    }

    #[test]
    fn a_deputy_does_not_vote_beside_the_member() {
        let mut s = session_with(3);
        s.persons[0].presence = Presence::Entschuldigt;
        let mut deputy = Person::member("v", Salutation::Frau, "", "Vertreterin");
        deputy.deputy_for = Some("m0".into());
        s.persons.push(deputy);
        assert_eq!(s.legal_members(), 3);
        assert_eq!(s.entitled(None, None), 3);
        s.persons[0].presence = Presence::Anwesend;
        assert_eq!(s.entitled(None, None), 3, "member and deputy count once");
    }

    #[test]
    fn befangene_and_non_members_are_not_entitled() {
        let mut s = session_with(5);
        s.persons[4].kind = PersonKind::Verwaltung;
        let mut item = AgendaItem::new("1", "x");
        item.befangen.push("m0".into());
        assert_eq!(s.entitled(None, None), 4);
        assert_eq!(s.entitled(Some(&item), None), 3);
    }
}
