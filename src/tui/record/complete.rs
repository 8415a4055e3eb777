//! Completion of person names from the attendance list: every typed word must occur in the name,
//! role or Fraktion, compared German-folded ("muller" and "mueller" find "Müller", "vossb" finds
//! "Voßberg"). Salutations and articles ("Frau", "Der") are not needed to match.

use crate::domain::fold;
use crate::domain::{PersonKind, Salutation, Session};
use crate::render::german;

use super::layers::Candidate;

/// Words that address rather than name someone.
const NOT_NAMES: [&str; 9] = [
    "frau", "herr", "herrn", "hr.", "fr.", "der", "die", "das", "dr.",
];

/// Persons matching `typed`, best first; then "new person" when something is typed that is
/// not the name of someone on the list.
/// With nothing typed, members come before staff and guests.
pub fn candidates(session: &Session, typed: &str) -> Vec<Candidate> {
    let words: Vec<String> = typed
        .split_whitespace()
        .filter(|w| !NOT_NAMES.contains(&w.to_lowercase().as_str()))
        .map(fold)
        .collect();
    let mut scored: Vec<(u32, PersonKind, Candidate)> = session
        .persons
        .iter()
        .filter_map(|p| {
            let mut label = german::listed_name(p);
            if let Some(role) = &p.role {
                label.push_str(&format!(" – {}", german::role_title(role)));
            }
            if let Some(f) = &p.fraktion {
                label.push_str(&format!(" ({f})"));
            }
            let haystack = fold(&label);
            let family = fold(&p.family_name);
            let mut score = 0;
            for w in &words {
                let at = haystack.find(w.as_str())?;
                let word_start = at == 0 || !haystack[..at].ends_with(char::is_alphanumeric);
                score += 1 + u32::from(word_start) + 2 * u32::from(family.starts_with(w.as_str()));
            }
            Some((
                score,
                p.kind,
                Candidate {
                    label,
                    person: Some(p.id.clone()),
                },
            ))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then((a.1 as u8).cmp(&(b.1 as u8))));
    let mut out: Vec<Candidate> = scored.into_iter().map(|(_, _, c)| c).collect();
    // A name typed out as someone on the list has it is that person, not a new one: "ahrens"
    // offers Frau Ahrens only; "Kai Ahrens" may still be someone new.
    let typed_name = words.join(" ");
    // "Herr Ahrens" where only Frau Ahrens is listed is someone new.
    let typed_salutation =
        typed
            .split_whitespace()
            .next()
            .and_then(|w| match w.to_lowercase().as_str() {
                "frau" | "fr." | "fr" => Some(Salutation::Frau),
                "herr" | "herrn" | "hr." | "hr" => Some(Salutation::Herr),
                _ => None,
            });
    let names_someone = session.persons.iter().any(|p| {
        (fold(&p.family_name) == typed_name || fold(&german::full_name(p)) == typed_name)
            && typed_salutation.is_none_or(|s| s == p.salutation)
    });
    if !typed.trim().is_empty() && !names_someone {
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
    use crate::domain::Person;
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
        s.persons.push(Person::member(
            "vossberg",
            Salutation::Frau,
            "Katharina",
            "Voßberg",
        ));
        s.persons.push(Person::member(
            "petersen",
            Salutation::Herr,
            "Jan",
            "Petersen",
        ));
        let mut staff = Person::member("bm", Salutation::Herr, "Hauke", "Jessen");
        staff.kind = PersonKind::Verwaltung;
        staff.role = Some("Der Bürgermeister".into());
        s.persons.insert(0, staff);
        s
    }

    fn ids(c: &[Candidate]) -> Vec<Option<&str>> {
        c.iter().map(|c| c.person.as_deref()).collect()
    }

    #[test]
    fn a_few_letters_find_the_person_and_german_spellings_fold() {
        let s = session();
        assert_eq!(ids(&candidates(&s, "oka"))[0], Some("okafor"));
        for typed in ["muller", "mueller", "Müll"] {
            assert_eq!(ids(&candidates(&s, typed))[0], Some("mueller"), "{typed}");
        }
        assert_eq!(ids(&candidates(&s, "vossb"))[0], Some("vossberg"));
        assert_eq!(ids(&candidates(&s, "Der Bürgermeister"))[0], Some("bm"));
        assert_eq!(ids(&candidates(&s, "Frau Oka"))[0], Some("okafor"));
    }

    #[test]
    fn a_name_nobody_has_offers_only_a_new_person() {
        for typed in ["Frau Hansen", "Herr Peters Junior"] {
            let c = candidates(&session(), typed);
            assert_eq!(ids(&c), [None], "{typed}: {c:?}");
            assert!(c[0].label.contains(typed));
        }
    }

    #[test]
    fn a_name_typed_out_offers_that_person_and_no_new_one() {
        let s = session();
        for typed in [
            "okafor",
            "Frau Okafor",
            "Amara Okafor",
            "Voßberg",
            "vossberg",
        ] {
            let c = candidates(&s, typed);
            assert!(c.iter().all(|c| c.person.is_some()), "{typed}: {c:?}");
        }
        // Someone else of that family name may still be new.
        for typed in ["Kai Okafor", "Herr Okafor"] {
            let c = candidates(&s, typed);
            assert_eq!(ids(&c).last(), Some(&None), "{typed}: {c:?}");
        }
    }

    #[test]
    fn with_nothing_typed_members_come_first() {
        assert_eq!(ids(&candidates(&session(), "")).last(), Some(&Some("bm")));
    }
}
