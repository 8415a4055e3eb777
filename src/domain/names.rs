//! Names made from what is typed: the slug of a text (file names, person ids), a guest from a
//! typed name, the next free TOP number. Rules only; the screens ask.

use super::item::AgendaItem;
use super::person::{Person, PersonId, PersonKind, Salutation};
use super::session::Session;

/// A text as lower-case ASCII words joined by `-` (umlauts and ß written out), at most 60
/// characters; `None` when nothing is left.
pub fn slug(text: &str) -> Option<String> {
    let mut slug = String::new();
    for c in text.trim().to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' => slug.push(c),
            'ä' => slug.push_str("ae"),
            'ö' => slug.push_str("oe"),
            'ü' => slug.push_str("ue"),
            'ß' => slug.push_str("ss"),
            _ => {
                if !slug.is_empty() && !slug.ends_with('-') {
                    slug.push('-');
                }
            }
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = slug.trim_end_matches('-');
    (!slug.is_empty()).then(|| slug.to_string())
}

impl Session {
    /// A guest created on the spot from what was typed: "Frau Meier", "Herr Dr. Kurt Lange",
    /// "Lange"; the id is the family name's slug, with `-2`, `-3` … when that is taken.
    pub fn guest_from_typed(&self, typed: &str) -> Person {
        let mut words: Vec<&str> = typed.split_whitespace().collect();
        let salutation = match words.first().map(|w| w.to_lowercase()) {
            Some(w) if ["frau", "fr.", "fr"].contains(&w.as_str()) => Salutation::Frau,
            Some(w) if ["herr", "hr.", "hr"].contains(&w.as_str()) => Salutation::Herr,
            _ => Salutation::Keine,
        };
        if salutation != Salutation::Keine {
            words.remove(0);
        }
        let title = words
            .first()
            .filter(|w| w.ends_with('.'))
            .map(|w| w.to_string());
        if title.is_some() {
            words.remove(0);
        }
        // Typed in a hurry, "harder" is still Herr Harder in the protocol.
        let mut family = words.pop().map_or("Unbekannt".to_string(), capitalised);
        // "de Vries", "von Holst": the particles belong to the family name.
        while let Some(particle) = words.last().filter(|w| PARTICLES.contains(w)) {
            family = format!("{particle} {family}");
            words.pop();
        }
        let given = words
            .into_iter()
            .map(capitalised)
            .collect::<Vec<_>>()
            .join(" ");
        let id = self.free_person_id(&family);
        Person {
            title,
            kind: PersonKind::Gast,
            ..Person::member(&id, salutation, &given, &family)
        }
    }

    /// An id for a new person of this family name: its slug, with `-2`, `-3` … when taken.
    pub fn free_person_id(&self, family: &str) -> PersonId {
        let base = slug(family).unwrap_or_else(|| "person".to_string());
        (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|id| self.person(id).is_none())
            .unwrap_or(base)
    }

    /// A member added on the spot: "Frau Anna Ahrens, SPD" (the Fraktion after the comma).
    pub fn member_from_typed(&self, typed: &str) -> Person {
        let (name, fraktion) = match typed.split_once(',') {
            Some((name, f)) => (
                name.trim(),
                Some(f.trim().to_string()).filter(|f| !f.is_empty()),
            ),
            None => (typed.trim(), None),
        };
        Person {
            kind: PersonKind::Mitglied,
            fraktion,
            ..self.guest_from_typed(name)
        }
    }

    /// A number for an item inserted at `position`: the next sibling of the item before it
    /// ("5.1" → "5.2"), else a sub-number of it ("5" → "5.1"), whichever is free first.
    pub fn next_free_number(&self, position: usize) -> String {
        next_free_number(&self.agenda, position)
    }
}

/// Words of names that stay lower-case ("Anna von Holst", "Jan de Vries").
const PARTICLES: [&str; 11] = [
    "von", "van", "de", "der", "den", "zu", "zur", "vom", "ter", "ten", "da",
];

/// A name's word with a capital first letter, unless it is a particle; "harder" → "Harder",
/// "müller-lüdenscheidt" → "Müller-Lüdenscheidt".
pub fn capitalised(word: &str) -> String {
    if PARTICLES.contains(&word) {
        return word.to_string();
    }
    word.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
                _ => part.to_string(),
            }
        })
        .collect::<Vec<String>>()
        .join("-")
}

fn next_free_number(agenda: &[AgendaItem], position: usize) -> String {
    let before = position
        .checked_sub(1)
        .and_then(|p| agenda.get(p))
        .map(|i| i.number.clone());
    let base = before.unwrap_or_else(|| "0".into());
    let free = |n: &String| agenda.iter().all(|i| i.number != *n);
    let sibling = base.rsplit_once('.').and_then(|(head, last)| {
        let next = last.parse::<u32>().ok()? + 1;
        Some(format!("{head}.{next}"))
    });
    sibling
        .into_iter()
        .chain((1..).map(|n| format!("{base}.{n}")))
        .find(free)
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_typed_in_lower_case_get_their_capitals_but_particles_stay() {
        assert_eq!(capitalised("harder"), "Harder");
        assert_eq!(capitalised("müller-lüdenscheidt"), "Müller-Lüdenscheidt");
        assert_eq!(capitalised("von"), "von");
        assert_eq!(capitalised("McLeod"), "McLeod");
        let p = session().guest_from_typed("herr jan de vries");
        assert_eq!(
            (p.given_name.as_str(), p.family_name.as_str()),
            ("Jan", "de Vries")
        );
        assert_eq!(p.salutation, crate::domain::Salutation::Herr);
    }

    fn session() -> Session {
        let mut s = Session::new("B", chrono::NaiveDate::from_ymd_opt(2024, 3, 14).unwrap());
        for n in ["1", "2", "2.1", "3"] {
            s.agenda.push(AgendaItem::new(n, "x"));
        }
        s.persons
            .push(Person::member("lange", Salutation::Herr, "Kurt", "Lange"));
        s
    }

    #[test]
    fn slugs_write_umlauts_out_and_join_words() {
        assert_eq!(
            slug("  Bau- und Umweltausschuß ").as_deref(),
            Some("bau-und-umweltausschuss")
        );
        assert_eq!(
            slug("Öffentliche Sitzung").as_deref(),
            Some("oeffentliche-sitzung")
        );
        assert_eq!(slug("!!!"), None);
        assert_eq!(slug(&"a".repeat(80)).map(|s| s.len()), Some(60));
    }

    #[test]
    fn a_typed_name_becomes_a_guest_with_a_free_id() {
        let s = session();
        let p = s.guest_from_typed("Herr Dr. Kurt Lange");
        assert_eq!(
            (
                p.salutation,
                p.title.as_deref(),
                p.given_name.as_str(),
                p.family_name.as_str()
            ),
            (Salutation::Herr, Some("Dr."), "Kurt", "Lange")
        );
        assert_eq!(p.id, "lange-2", "lange is taken");
        assert_eq!(p.kind, PersonKind::Gast);
        let p = s.guest_from_typed("fr. Özdemir");
        assert_eq!(
            (p.salutation, p.id.as_str()),
            (Salutation::Frau, "oezdemir")
        );
        assert_eq!(s.guest_from_typed("").family_name, "Unbekannt");
        let m = s.member_from_typed("Frau Anna Ahrens, SPD ");
        assert_eq!(
            (m.kind, m.fraktion.as_deref(), m.family_name.as_str()),
            (PersonKind::Mitglied, Some("SPD"), "Ahrens")
        );
        assert_eq!(s.member_from_typed("Ahrens,").fraktion, None);
    }

    #[test]
    fn the_next_free_number_follows_the_item_before() {
        let s = session();
        assert_eq!(s.next_free_number(1), "1.1");
        assert_eq!(s.next_free_number(3), "2.2", "after 2.1");
        assert_eq!(s.next_free_number(4), "3.1");
        assert_eq!(s.next_free_number(0), "0.1");
    }
}
