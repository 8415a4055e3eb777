//! The life of a Niederschrift after the meeting: a draft (Entwurf) until the chair and the
//! minute-taker have signed (each chair for the items they chaired), then approved at a later
//! session (Genehmigung, or the body's decision on objections, Einwendungen), then published.
//! Once signed, the record is not changed any more: a correction is a Berichtigung, dated and
//! printed with the protocol, never a silent edit (`Session::apply` refuses every other change).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::person::PersonId;

/// Where the Niederschrift stands, and what was done to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Life {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Signature>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::session::iso_date_opt"
    )]
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

/// One signature under the Niederschrift.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    pub by: PersonId,
    #[serde(with = "super::session::iso_date")]
    pub date: NaiveDate,
}

/// The decision of a later session on the Niederschrift.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    #[serde(with = "super::session::iso_date")]
    pub date: NaiveDate,
    /// The session that decided ("Sitzung des Bauausschusses vom 25.04.2024, TOP 3").
    pub session: String,
    /// The objections raised and what the body decided on them; none: approved as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objections: Option<String>,
}

/// A correction after signing (Berichtigung), printed with the protocol.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    #[serde(with = "super::session::iso_date")]
    pub date: NaiveDate,
    /// The item it corrects, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub text: String,
}

/// The stage of the Niederschrift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Entwurf,
    Unterschrieben,
    Genehmigt,
    Veroeffentlicht,
}

impl Life {
    pub fn is_empty(&self) -> bool {
        *self == Life::default()
    }

    /// Whether anyone has signed: from then on, changes are Berichtigungen.
    pub fn sealed(&self) -> bool {
        !self.signatures.is_empty()
    }
}

impl super::session::Session {
    /// Who must sign: each person who chaired (for their items), then the minute-taker.
    pub fn signers(&self) -> Vec<PersonId> {
        let mut out: Vec<PersonId> = self.chairs_by_item().into_iter().map(|(p, _)| p).collect();
        if out.is_empty() {
            out.extend(self.chair.clone());
        }
        if let Some(m) = &self.minute_taker
            && !out.contains(m)
        {
            out.push(m.clone());
        }
        out
    }

    /// Those who must sign and have not.
    pub fn missing_signatures(&self) -> Vec<PersonId> {
        self.signers()
            .into_iter()
            .filter(|p| !self.life.signatures.iter().any(|s| s.by == *p))
            .collect()
    }

    pub fn stage(&self) -> Stage {
        let signed = self.signatures_complete();
        match (signed, &self.life.approval, self.life.published) {
            (false, _, _) => Stage::Entwurf,
            (true, _, Some(_)) => Stage::Veroeffentlicht,
            (true, Some(_), None) => Stage::Genehmigt,
            (true, None, None) => Stage::Unterschrieben,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Action, ApplyError, Paragraph, Person, Salutation, Session};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 4, day).expect("a date")
    }

    fn held() -> Session {
        let mut s = Session::new("Rat", d(1));
        for id in ["vorsitz", "protokoll"] {
            s.persons
                .push(Person::member(id, Salutation::Frau, "", &id.to_uppercase()));
        }
        s.chair = Some("vorsitz".into());
        s.minute_taker = Some("protokoll".into());
        s.agenda
            .push(crate::domain::AgendaItem::new("1", "Bericht"));
        s.start = crate::domain::Time::hm(19, 0);
        s.end = crate::domain::Time::hm(20, 0);
        s
    }

    fn sign(s: &mut Session, by: &str) -> Result<(), ApplyError> {
        s.apply_change(&[Action::Sign {
            by: by.into(),
            date: d(3),
        }])
    }

    #[test]
    fn a_draft_is_signed_approved_and_published_in_that_order() {
        let mut s = held();
        assert_eq!(s.stage(), Stage::Entwurf);
        let approve = Action::Approve(Approval {
            date: d(25),
            session: "Sitzung vom 25.04.2024, TOP 3".into(),
            objections: None,
        });
        let publish = Action::Publish { date: d(26) };
        assert!(s.apply_change(std::slice::from_ref(&publish)).is_err());
        sign(&mut s, "vorsitz").expect("the chair signs");
        assert_eq!(s.stage(), Stage::Entwurf);
        assert_eq!(s.missing_signatures(), ["protokoll"]);
        assert!(s.apply_change(std::slice::from_ref(&approve)).is_err());
        assert!(sign(&mut s, "vorsitz").is_err(), "twice");
        sign(&mut s, "protokoll").expect("the minute-taker signs");
        assert_eq!(s.stage(), Stage::Unterschrieben);
        s.apply_change(&[approve]).expect("approved");
        assert_eq!(s.stage(), Stage::Genehmigt);
        s.apply_change(&[publish]).expect("published");
        assert_eq!(s.stage(), Stage::Veroeffentlicht);
        // A signature is undone like any change.
        s.apply_change(&[Action::Undo]).expect("undo");
        assert_eq!(s.stage(), Stage::Genehmigt);
    }

    #[test]
    fn once_signed_the_record_changes_only_by_a_berichtigung() {
        let mut s = held();
        let edit = Action::AppendMinute {
            item: "1".into(),
            paragraph: Paragraph::plain("Nachgetragen."),
        };
        let correct = Action::Correct(Correction {
            date: d(4),
            item: Some("1".into()),
            text: "Es muss heißen: 12 Ja-Stimmen.".into(),
        });
        assert!(
            s.apply_change(std::slice::from_ref(&correct)).is_err(),
            "before signing, the text itself is changed"
        );
        s.apply_change(std::slice::from_ref(&edit))
            .expect("a draft is edited");
        sign(&mut s, "vorsitz").expect("signed");
        assert!(matches!(
            s.apply_change(std::slice::from_ref(&edit)),
            Err(ApplyError::Sealed)
        ));
        // Undo cannot take back what was there before the signature either.
        s.apply_change(&[Action::Undo])
            .expect("the signature is undone");
        sign(&mut s, "vorsitz").expect("signed again");
        s.history
            .undo
            .retain(|c| !matches!(c.actions[..], [Action::Sign { .. }]));
        assert!(matches!(
            s.apply_change(&[Action::Undo]),
            Err(ApplyError::Sealed)
        ));
        s.apply_change(&[correct]).expect("a Berichtigung");
        assert_eq!(s.life.corrections.len(), 1);
        assert_eq!(s.item("1").map(|i| i.minutes.len()), Some(1));
    }

    #[test]
    fn check_finds_a_hand_written_life_that_recording_would_refuse() {
        use crate::domain::check::{Problem, check};
        let life_problem = |s: &Session| {
            check(s)
                .into_iter()
                .any(|f| matches!(f.problem, Problem::LifeOutOfOrder(_)))
        };
        let mut s = held();
        s.life.approval = Some(Approval {
            date: d(25),
            session: "Sitzung vom 25.04.2024".into(),
            objections: None,
        });
        assert!(life_problem(&s), "approved but never signed");
        for by in ["vorsitz", "protokoll"] {
            s.life.signatures.push(Signature {
                by: by.into(),
                date: d(3),
            });
        }
        assert!(!life_problem(&s));
        s.life.signatures.push(Signature {
            by: "vorsitz".into(),
            date: d(4),
        });
        assert!(life_problem(&s), "signed twice");
    }

    #[test]
    fn a_session_still_running_is_not_signed_and_each_chair_signs() {
        let mut s = held();
        s.end = None;
        assert!(sign(&mut s, "vorsitz").is_err());
        s.end = crate::domain::Time::hm(20, 0);
        s.persons
            .push(Person::member("stellv", Salutation::Herr, "", "Stellv"));
        s.agenda[0].events.push(crate::domain::Event {
            at: None,
            kind: crate::domain::EventKind::Vorsitz {
                person: "stellv".into(),
            },
        });
        assert_eq!(s.signers(), ["vorsitz", "stellv", "protokoll"]);
        assert!(sign(&mut s, "nobody").is_err());
    }
}
