//! What the municipal code of each Land asks of a Niederschrift (`../shared/docs/domain.md`,
//! "Publishing"): one definition, used by `check`, by the signatures the minutes' life waits
//! for, and by `sitzung status`.

use super::session::{Land, Session};
use super::{MotionKind, Outcome, Presence};

/// How the body deals with the signed Niederschrift at a later session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApprovalRule {
    /// The body decides objections (Einwendungen): Schleswig-Holstein, Hessen, Rheinland-Pfalz.
    Einwendungen,
    /// The council approves it in an explicit act (Genehmigung): Bayern.
    Genehmigung,
    /// No approval; changes asked for go into the next protocol: NRW.
    Keine,
}

/// The rules of one Land for its minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MinutesLaw {
    /// "§ 41 GO SH".
    pub law: &'static str,
    /// Members who sign besides the chair(s) and the minute-taker: Saarland two.
    pub further_signers: usize,
    pub approval: ApprovalRule,
}

impl Land {
    pub fn minutes_law(self) -> MinutesLaw {
        let law = |law, further_signers, approval| MinutesLaw {
            law,
            further_signers,
            approval,
        };
        match self {
            Land::SchleswigHolstein => law("§ 41 GO SH", 0, ApprovalRule::Einwendungen),
            Land::Bayern => law("Art. 54 GO BY", 0, ApprovalRule::Genehmigung),
            Land::NordrheinWestfalen => law("§ 52 GO NRW", 0, ApprovalRule::Keine),
            Land::RheinlandPfalz => law("§ 41 GemO RP", 0, ApprovalRule::Einwendungen),
            Land::Saarland => law("§ 47 KSVG", 2, ApprovalRule::Einwendungen),
            Land::Hessen => law("§ 61 HGO", 0, ApprovalRule::Einwendungen),
            Land::Andere => law("Gemeindeordnung", 0, ApprovalRule::Einwendungen),
        }
    }

    /// Its name in messages: "Schleswig-Holstein".
    pub fn name(self) -> &'static str {
        match self {
            Land::SchleswigHolstein => "Schleswig-Holstein",
            Land::Bayern => "Bayern",
            Land::NordrheinWestfalen => "Nordrhein-Westfalen",
            Land::RheinlandPfalz => "Rheinland-Pfalz",
            Land::Saarland => "Saarland",
            Land::Hessen => "Hessen",
            Land::Andere => "anderes Land",
        }
    }
}

/// A must-have of the Niederschrift that this one lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    Ort,
    Beginn,
    Ende,
    /// Nobody is recorded as present.
    Teilnehmer,
    Tagesordnung,
    /// An item was decided, but the wording of what was decided is missing.
    Wortlaut,
    /// An item was decided or rejected, but no vote is recorded.
    Ergebnis,
    /// The session has ended and these have not signed (names).
    Unterschriften(Vec<String>),
    /// Members the Land wants to co-sign, still missing (Saarland: two).
    WeitereUnterschriften(usize),
}

/// Everything the Land's code asks of the Niederschrift that `s` lacks: (item, what).
pub fn missing(s: &Session) -> Vec<(Option<String>, Missing)> {
    let mut out: Vec<(Option<String>, Missing)> = Vec::new();
    let mut session = |m| out.push((None, m));
    if s.place.as_deref().is_none_or(|p| p.trim().is_empty()) {
        session(Missing::Ort);
    }
    if s.start.is_none() {
        session(Missing::Beginn);
    }
    if s.end.is_none() {
        session(Missing::Ende);
    }
    if !s.persons.iter().any(|p| p.presence == Presence::Anwesend) {
        session(Missing::Teilnehmer);
    }
    if s.agenda.is_empty() {
        session(Missing::Tagesordnung);
    }
    // The signatures are asked for once the session is over.
    if s.end.is_some() {
        let names: Vec<String> = s
            .missing_signatures()
            .iter()
            .map(|id| {
                s.person(id)
                    .map_or_else(|| id.clone(), |p| p.family_name.clone())
            })
            .collect();
        if !names.is_empty() {
            session(Missing::Unterschriften(names));
        }
        let further = s.further_signatures_missing();
        if further > 0 {
            session(Missing::WeitereUnterschriften(further));
        }
    }
    for item in &s.agenda {
        let Some(outcome) = item.outcome else {
            continue;
        };
        let decided = outcome.is_passed() || outcome == Outcome::Abgelehnt;
        if !decided {
            continue;
        }
        let voted = item.motions.iter().any(|m| m.vote.is_some());
        if !voted {
            out.push((Some(item.number.clone()), Missing::Ergebnis));
        }
        // The wording: the item's Beschlussvorschlag (as amended), or a motion voted on with its text.
        let worded = item.resolution_text().is_some()
            || item.motions.iter().any(|m| {
                m.kind != MotionKind::Beschlussvorschlag
                    && m.vote.is_some()
                    && !m.text.trim().is_empty()
            });
        if outcome.is_passed() && !worded {
            out.push((Some(item.number.clone()), Missing::Wortlaut));
        }
    }
    out
}

/// Whether an item's title says it deals with the Niederschrift of an earlier session:
/// "Genehmigung der Niederschrift …", "Einwendungen gegen die Niederschrift …".
pub fn is_approval_title(title: &str) -> bool {
    let t = title.to_lowercase();
    [
        "genehmigung der niederschrift",
        "genehmigung des protokolls",
        "einwendungen gegen die niederschrift",
        "einwendungen gegen das protokoll",
        "billigung der niederschrift",
        "genehmigung der sitzungsniederschrift",
    ]
    .iter()
    .any(|phrase| t.contains(phrase))
}

impl Session {
    /// Links the items that approve a Niederschrift (by their title) to the session `previous`
    /// (a file name without `.ron`), where they name none yet. The numbers of the items linked.
    /// At most one item is linked, a public one: the minutes of a public session are approved
    /// in public.
    pub fn link_approval(&mut self, previous: &str) -> Option<String> {
        if self.agenda.iter().any(|i| i.approves.is_some()) {
            return None;
        }
        let flags = self.closed_flags();
        let item = self
            .agenda
            .iter_mut()
            .zip(flags)
            .find(|(i, closed)| !closed && is_approval_title(&i.title))
            .map(|(i, _)| i)?;
        item.approves = Some(previous.to_string());
        Some(item.number.clone())
    }

    /// The item of this session that approves the session `stem` (a public one where there is
    /// one), and whether it is public: a closed one must not be named where the public reads
    /// the approval.
    pub fn approval_item(&self, stem: &str) -> Option<(&super::AgendaItem, bool)> {
        let flags = self.closed_flags();
        let linked: Vec<(&super::AgendaItem, bool)> = self
            .agenda
            .iter()
            .zip(flags)
            .filter(|(i, _)| i.approves.as_deref() == Some(stem))
            .map(|(i, closed)| (i, !closed))
            .collect();
        linked
            .iter()
            .find(|(_, public)| *public)
            .or(linked.first())
            .copied()
    }

    /// How many members beyond those who must sign ([`Session::signers`]) the Land still wants
    /// to co-sign.
    pub fn further_signatures_missing(&self) -> usize {
        let required = self.signers();
        let further = self
            .life
            .signatures
            .iter()
            .filter(|sig| !required.contains(&sig.by))
            .filter(|sig| {
                self.person(&sig.by)
                    .is_some_and(|p| p.kind == super::PersonKind::Mitglied)
            })
            .count();
        self.land
            .minutes_law()
            .further_signers
            .saturating_sub(further)
    }

    /// Everyone who must sign has, co-signers included.
    pub fn signatures_complete(&self) -> bool {
        self.life.sealed()
            && self.missing_signatures().is_empty()
            && self.further_signatures_missing() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Action, AgendaItem, Motion, Person, Salutation, Vote};
    use chrono::NaiveDate;

    fn held() -> Session {
        let mut s = Session::new("Gemeinderat", NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
        s.persons = vec![
            Person::member("vors", Salutation::Frau, "Lena", "Vogt"),
            Person::member("prot", Salutation::Herr, "Tom", "Reich"),
            Person::member("a", Salutation::Herr, "Uwe", "Anders"),
            Person::member("b", Salutation::Frau, "Ute", "Bode"),
        ];
        s.chair = Some("vors".into());
        s.minute_taker = Some("prot".into());
        s.place = Some("Rathaus".into());
        s.start = crate::domain::Time::hm(19, 0);
        s.end = crate::domain::Time::hm(21, 0);
        let mut item = AgendaItem::new("1", "Haushalt");
        item.proposal = Some("Der Haushalt wird beschlossen.".into());
        item.motions.push(Motion {
            vote: Some(Vote::new(3, 1, 0)),
            ..Motion::default()
        });
        item.outcome = Some(Outcome::Beschlossen);
        s.agenda.push(item);
        s
    }

    #[test]
    fn a_complete_record_lacks_only_its_signatures() {
        let s = held();
        assert_eq!(
            missing(&s),
            vec![(
                None,
                Missing::Unterschriften(vec!["Vogt".into(), "Reich".into()])
            )]
        );
    }

    #[test]
    fn what_a_record_lacks_is_named() {
        let mut s = held();
        s.place = None;
        s.end = None;
        s.agenda[0].proposal = None;
        s.agenda[0].motions.clear();
        let found: Vec<Missing> = missing(&s).into_iter().map(|(_, m)| m).collect();
        assert_eq!(
            found,
            vec![
                Missing::Ort,
                Missing::Ende,
                Missing::Ergebnis,
                Missing::Wortlaut
            ]
        );
        s.agenda.clear();
        s.persons
            .iter_mut()
            .for_each(|p| p.presence = Presence::Entschuldigt);
        let found: Vec<Missing> = missing(&s).into_iter().map(|(_, m)| m).collect();
        assert!(found.contains(&Missing::Teilnehmer) && found.contains(&Missing::Tagesordnung));
    }

    #[test]
    fn the_approval_item_is_found_by_its_title_and_linked_once() {
        assert!(is_approval_title(
            "Genehmigung der Niederschrift über die Sitzung vom 15.02.2024"
        ));
        assert!(is_approval_title(
            "Einwendungen gegen die Niederschrift der letzten Sitzung"
        ));
        assert!(!is_approval_title("Haushaltssatzung 2025"));
        assert!(!is_approval_title("Niederschrift"));
        assert!(!is_approval_title(
            "Eröffnung, Feststellung der Beschlussfähigkeit und Bestellung der Protokollführung"
        ));
        let mut s = held();
        let mut closed = AgendaItem::new("0", "Einwendungen gegen die Niederschrift (nö)");
        closed.closed = true;
        s.agenda.insert(0, closed);
        s.agenda.push(AgendaItem::new(
            "2",
            "Genehmigung der Niederschrift über die Sitzung vom 04.04.2024",
        ));
        s.agenda.push(AgendaItem::new(
            "3",
            "Genehmigung der Niederschrift vom 01.03.",
        ));
        // One item, a public one, once.
        assert_eq!(s.link_approval("2024-04-04_gemeinderat"), Some("2".into()));
        assert_eq!(s.link_approval("2024-03-01_gemeinderat"), None);
        let found = |s: &Session| {
            s.approval_item("2024-04-04_gemeinderat")
                .map(|(i, public)| (i.number.clone(), public))
        };
        assert_eq!(found(&s), Some(("2".into(), true)));
        // Linked by hand to a closed item only: found, and known as closed.
        s.agenda[2].approves = None;
        s.agenda[0].approves = Some("2024-04-04_gemeinderat".into());
        assert_eq!(found(&s), Some(("0".into(), false)));
    }

    #[test]
    fn the_saarland_wants_two_members_more_to_sign() {
        let mut s = held();
        s.land = Land::Saarland;
        let day = s.date;
        for by in ["vors", "prot"] {
            s.apply(Action::Sign {
                by: by.into(),
                date: day,
            })
            .unwrap();
        }
        assert!(!s.signatures_complete());
        assert_eq!(missing(&s), vec![(None, Missing::WeitereUnterschriften(2))]);
        assert_eq!(s.stage(), crate::domain::life::Stage::Entwurf);
        s.apply(Action::Sign {
            by: "a".into(),
            date: day,
        })
        .unwrap();
        assert_eq!(s.further_signatures_missing(), 1);
        s.apply(Action::Sign {
            by: "b".into(),
            date: day,
        })
        .unwrap();
        assert!(s.signatures_complete());
        assert!(missing(&s).is_empty());
        assert_eq!(s.stage(), crate::domain::life::Stage::Unterschrieben);
        // Elsewhere chair and minute-taker suffice.
        let mut s = held();
        for by in ["vors", "prot"] {
            s.apply(Action::Sign {
                by: by.into(),
                date: day,
            })
            .unwrap();
        }
        assert!(s.signatures_complete());
    }
}
