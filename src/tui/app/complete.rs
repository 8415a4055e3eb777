//! Completion of person names from the attendance list (helix's fuzzy matcher: "oka" finds
//! "Frau Okafor", "muller" finds "Müller"), with a last entry that creates a new person.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use crate::domain::{PersonKind, Session};
use crate::render::german;

use super::super::layer::Candidate;

/// Persons matching `typed`, best first; then "new person" when something is typed.
/// Members come before staff and guests when nothing is typed yet.
pub fn candidates(session: &Session, typed: &str) -> Vec<Candidate> {
    let labelled: Vec<(String, &str)> = session
        .persons
        .iter()
        .map(|p| {
            let mut label = format!("{}{}", german::salutation_prefix(p), german::full_name(p));
            if let Some(role) = &p.role {
                label.push_str(&format!(" – {}", german::role_title(role)));
            }
            if let Some(f) = &p.fraktion {
                label.push_str(&format!(" ({f})"));
            }
            (label, p.id.as_str())
        })
        .collect();
    let mut out: Vec<Candidate> = if typed.trim().is_empty() {
        let mut all: Vec<(usize, &(String, &str))> = labelled
            .iter()
            .map(|l| {
                let kind = session.person(l.1).map_or(PersonKind::Gast, |p| p.kind);
                (kind as usize, l)
            })
            .collect();
        all.sort_by_key(|(kind, _)| *kind);
        all.into_iter()
            .map(|(_, (label, id))| Candidate {
                label: label.clone(),
                person: Some(id.to_string()),
            })
            .collect()
    } else {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let pattern = Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart);
        let labels: Vec<&str> = labelled.iter().map(|(l, _)| l.as_str()).collect();
        pattern
            .match_list(labels, &mut matcher)
            .into_iter()
            .filter_map(|(label, _score)| labelled.iter().find(|(l, _)| l == label))
            .map(|(label, id)| Candidate {
                label: label.clone(),
                person: Some(id.to_string()),
            })
            .collect()
    };
    if !typed.trim().is_empty() {
        out.push(Candidate {
            label: format!("+ neu anlegen: {}", typed.trim()),
            person: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Person, Salutation};
    use chrono::NaiveDate;

    fn session() -> Session {
        let mut s = Session::new("Rat", NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        s.persons.push(Person::member(
            "okafor",
            Salutation::Frau,
            "Amara",
            "Okafor",
        ));
        s.persons.push(Person::member(
            "mueller",
            Salutation::Herr,
            "Jens",
            "Müller",
        ));
        let mut staff = Person::member("bm", Salutation::Herr, "Jan", "Jessen");
        staff.kind = PersonKind::Verwaltung;
        staff.role = Some("Der Bürgermeister".into());
        s.persons.insert(0, staff);
        s
    }

    fn ids(c: &[Candidate]) -> Vec<Option<&str>> {
        c.iter().map(|c| c.person.as_deref()).collect()
    }

    #[test]
    fn a_few_letters_find_the_person_and_umlauts_fold() {
        let s = session();
        assert_eq!(ids(&candidates(&s, "oka"))[0], Some("okafor"));
        assert_eq!(ids(&candidates(&s, "muller"))[0], Some("mueller"));
        assert_eq!(ids(&candidates(&s, "bürgerm"))[0], Some("bm"));
    }

    #[test]
    fn unknown_names_offer_a_new_person_last() {
        let c = candidates(&session(), "Frau Meier");
        assert_eq!(c.last().map(|c| c.person.clone()), Some(None));
        assert!(c.last().unwrap().label.contains("Frau Meier"));
    }

    #[test]
    fn with_nothing_typed_members_come_first() {
        assert_eq!(
            ids(&candidates(&session(), "")),
            [Some("okafor"), Some("mueller"), Some("bm")]
        );
    }
}
