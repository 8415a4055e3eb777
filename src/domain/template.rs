//! A new session from a prepared one: agenda and attendance list, without anything that happened.

use chrono::NaiveDate;

use super::item::AgendaItem;
use super::session::Session;

/// The session `prepared` describes, as it stands before the meeting: its number, its persons
/// (as excused or absent as it says, without arrival or leaving times), its agenda items
/// (number, title, closed, Vorlage, Beschlussvorschlag), the place and the roles; no minutes,
/// votes, outcomes or times.
pub fn from_template(prepared: &Session, body: &str, date: NaiveDate) -> Session {
    let mut session = Session::new(body, date);
    session.number = prepared.number.clone();
    session.place = prepared.place.clone();
    session.planned_start = prepared.planned_start;
    session.chair = prepared.chair.clone();
    session.minute_taker = prepared.minute_taker.clone();
    session.legal_members = prepared.legal_members;
    session.land = prepared.land;
    let public = prepared.public_view();
    session.persons = prepared
        .persons
        .iter()
        .map(|p| {
            // Who sent an apology before the meeting is excused in the prepared file: kept, as
            // what happened in a meeting (arrivals, departures) is not.
            let mut p = p.clone();
            // Whom the source named only internally (a notary for a closed item) is not named
            // in the public edition of the new one either: nothing here tells what they are
            // there for any more.
            let member = matches!(
                p.kind,
                super::person::PersonKind::Mitglied | super::person::PersonKind::Beratend
            );
            p.closed_only |= !member && public.person(&p.id).is_none();
            p.arrived = None;
            p.left = None;
            p.away.clear();
            p
        })
        .collect();
    session.agenda = prepared
        .agenda
        .iter()
        .zip(prepared.closed_flags())
        .map(|(i, closed)| AgendaItem {
            number: i.number.clone(),
            title: i.title.clone(),
            closed,
            closed_reason: i.closed_reason.clone(),
            vorlage: i.vorlage.clone(),
            proposal: i.proposal.clone(),
            ..AgendaItem::default()
        })
        .collect();
    session
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Outcome, Paragraph, Person, Salutation, Time};

    #[test]
    fn a_template_brings_agenda_and_members_but_nothing_that_happened() {
        let mut prepared = Session::new("Alt", NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        prepared.place = Some("Rathaus".into());
        prepared.number = Some("7/2024".into());
        let mut p = Person::member("a", Salutation::Frau, "Anna", "Ahrens");
        p.arrived = Time::hm(19, 30);
        prepared.persons.push(p);
        let mut excused = Person::member("b", Salutation::Herr, "Bernd", "Brandt");
        excused.presence = crate::domain::Presence::Entschuldigt;
        prepared.persons.push(excused);
        let mut item = AgendaItem::new("4.1", "Bebauungsplan");
        item.proposal = Some("Der Ausschuss beschließt …".into());
        item.amended_proposal = Some("geändert".into());
        item.outcome = Some(Outcome::Vertagt);
        item.started = Time::hm(19, 0);
        item.minutes.push(Paragraph::plain("alt"));
        prepared.agenda.push(item);

        let date = NaiveDate::from_ymd_opt(2024, 3, 14).unwrap();
        let s = from_template(&prepared, "Bauausschuss", date);
        assert_eq!(
            (s.body.as_str(), s.date, s.place.as_deref()),
            ("Bauausschuss", date, Some("Rathaus"))
        );
        assert_eq!(s.persons[0].arrived, None);
        assert_eq!(s.persons[1].presence, crate::domain::Presence::Entschuldigt);
        assert_eq!(s.number.as_deref(), Some("7/2024"));
        let i = &s.agenda[0];
        assert_eq!(
            (i.number.as_str(), i.proposal.as_deref()),
            ("4.1", Some("Der Ausschuss beschließt …"))
        );
        assert!(
            i.minutes.is_empty()
                && i.outcome.is_none()
                && i.started.is_none()
                && i.amended_proposal.is_none()
        );
    }
}
