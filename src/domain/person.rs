//! Persons of a session and their attendance.

use serde::{Deserialize, Serialize};

use super::time::Time;

/// Stable short key of a person within one session file, e.g. `"okafor"`.
pub type PersonId = String;

/// How the protocol addresses a person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Salutation {
    Frau,
    Herr,
    /// No salutation: the protocol writes the full name.
    #[default]
    Keine,
}

/// What a person is in this session; only `Mitglied` may vote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersonKind {
    /// Member with a vote.
    #[default]
    Mitglied,
    /// Advisory member (beratendes Mitglied): speaks, does not vote.
    Beratend,
    /// Staff of the administration (Verwaltung).
    Verwaltung,
    /// Guest (Gast), e.g. an invited expert.
    Gast,
}

/// Whether a person attended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Presence {
    #[default]
    Anwesend,
    Entschuldigt,
    Fehlend,
}

impl Presence {
    /// The next state, for a key that steps through them: anwesend → entschuldigt → fehlt →
    /// anwesend.
    pub fn next(self) -> Presence {
        match self {
            Presence::Anwesend => Presence::Entschuldigt,
            Presence::Entschuldigt => Presence::Fehlend,
            Presence::Fehlend => Presence::Anwesend,
        }
    }
}

/// A person of this session, with attendance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: PersonId,
    #[serde(default)]
    pub salutation: Salutation,
    /// Academic title written before the family name ("Dr.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub given_name: String,
    pub family_name: String,
    /// A role the protocol uses instead of the name: "Der Bürgermeister", "Die Vorsitzende".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Function or organisation for the attendance list: "Leiter des Bauamts", "Planungsbüro Nord".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraktion: Option<String>,
    #[serde(default)]
    pub kind: PersonKind,
    #[serde(default)]
    pub presence: Presence,
    /// Arrived late, at this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived: Option<Time>,
    /// Left early, at this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Time>,
    /// Times away in between: left and came back (from, until).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub away: Vec<(Time, Time)>,
    /// Sits in for this member (Vertretung, "i. V. für Herrn X").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deputy_for: Option<PersonId>,
    /// There only for closed items (a notary, a buyer): named in the internal edition only,
    /// unless public content names them. Set by `recover` where it cannot tell, and by a
    /// template for whom the source showed only internally.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed_only: bool,
}

impl Person {
    /// A member with a vote, present, with the given id, salutation and names.
    pub fn member(id: &str, salutation: Salutation, given: &str, family: &str) -> Person {
        Person {
            id: id.to_string(),
            salutation,
            title: None,
            given_name: given.to_string(),
            family_name: family.to_string(),
            role: None,
            function: None,
            fraktion: None,
            kind: PersonKind::Mitglied,
            presence: Presence::Anwesend,
            arrived: None,
            left: None,
            away: Vec::new(),
            deputy_for: None,
            closed_only: false,
        }
    }

    /// Whether this person may vote at all (before Befangenheit and presence).
    pub fn has_vote(&self) -> bool {
        self.kind == PersonKind::Mitglied
    }

    /// Present at `at`: marked present, arrived by then and not yet gone.
    /// Without a time, anyone marked present counts.
    pub fn present_at(&self, at: Option<Time>) -> bool {
        if self.presence != Presence::Anwesend {
            return false;
        }
        let Some(at) = at else { return true };
        let arrived = self.arrived.is_none_or(|t| t <= at);
        let not_left = self.left.is_none_or(|t| t > at);
        let not_away = !self
            .away
            .iter()
            .any(|(from, until)| *from <= at && at < *until);
        arrived && not_left && not_away
    }

    /// Arrives at `at`: late if not here yet, or back after leaving (the time away is kept).
    pub fn arrive(&mut self, at: Time) {
        match self.left.take() {
            Some(left) if left <= at && self.presence == Presence::Anwesend => {
                self.away.push((left, at))
            }
            _ => {
                self.arrived = Some(at);
                self.away.clear();
            }
        }
        self.presence = Presence::Anwesend;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_follows_arrival_and_leaving() {
        let mut p = Person::member("a", Salutation::Frau, "Anna", "Ahrens");
        p.arrived = Time::hm(19, 15);
        p.left = Time::hm(20, 50);
        assert!(!p.present_at(Time::hm(19, 0)));
        assert!(p.present_at(Time::hm(19, 15)));
        assert!(p.present_at(Time::hm(20, 49)));
        assert!(!p.present_at(Time::hm(20, 50)));
        assert!(p.present_at(None));
        p.presence = Presence::Entschuldigt;
        assert!(!p.present_at(None));
    }

    #[test]
    fn coming_back_keeps_the_history() {
        let mut p = Person::member("a", Salutation::Frau, "Anna", "Ahrens");
        p.arrive(Time::hm(19, 15).unwrap());
        p.left = Time::hm(20, 0);
        p.arrive(Time::hm(20, 30).unwrap());
        assert_eq!(p.arrived, Time::hm(19, 15));
        assert_eq!(p.left, None);
        assert_eq!(
            p.away,
            [(Time::hm(20, 0).unwrap(), Time::hm(20, 30).unwrap())]
        );
        assert!(p.present_at(Time::hm(19, 30)));
        assert!(!p.present_at(Time::hm(20, 10)));
        assert!(p.present_at(Time::hm(20, 30)));
    }
}
