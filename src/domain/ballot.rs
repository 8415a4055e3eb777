//! How a vote was taken, beyond its counts: per Fraktion or by roll call (each member's answer),
//! secret (with invalid ballots), or open with members who asked that their own vote be put on
//! record (Bayern, Hessen). The counts of a vote with names always equal its names.

use serde::{Deserialize, Serialize};

use super::fold::fold;
use super::person::{PersonId, Salutation};
use super::session::Session;
use super::time::Time;
use super::vote::Vote;

/// One member's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    Ja,
    Nein,
    Enthaltung,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedVote {
    pub person: PersonId,
    pub answer: Answer,
}

/// How the vote was taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotKind {
    /// Hands: counts only (names are those who asked for their vote on record).
    #[default]
    Offen,
    /// Counted per Fraktion; the names hold every member's answer.
    ProFraktion,
    /// Roll call (namentlich); the names hold every member's answer.
    Namentlich,
    /// Secret, with ballots; `invalid` counts the invalid ones.
    Geheim,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    #[serde(default)]
    pub kind: BallotKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<NamedVote>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub invalid: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Ballot {
    /// An open vote with nothing on record: nothing to keep beyond the counts.
    pub fn is_plain(&self) -> bool {
        *self == Ballot::default()
    }

    /// Whether the names are every member's answer (and so must equal the counts).
    pub fn counts_by_name(&self) -> bool {
        matches!(self.kind, BallotKind::ProFraktion | BallotKind::Namentlich)
    }

    /// The counts the names give.
    pub fn tally(&self) -> Vote {
        let count = |a: Answer| self.names.iter().filter(|n| n.answer == a).count() as u32;
        Vote::new(
            count(Answer::Ja),
            count(Answer::Nein),
            count(Answer::Enthaltung),
        )
    }

    /// The names with `answer`, in the order given.
    pub fn with(&self, answer: Answer) -> impl Iterator<Item = &PersonId> {
        self.names
            .iter()
            .filter(move |n| n.answer == answer)
            .map(|n| &n.person)
    }
}

/// An answer as typed: "ja", "j", "+", "nein", "n", "-", "enthaltung", "e", "0".
fn typed_answer(word: &str) -> Option<Answer> {
    match fold(word).as_str() {
        "ja" | "j" | "+" | "dafur" | "zustimmung" => Some(Answer::Ja),
        "nein" | "n" | "-" | "dagegen" | "ablehnung" => Some(Answer::Nein),
        "enthaltung" | "e" | "0" | "enthalt" | "enthalten" => Some(Answer::Enthaltung),
        _ => None,
    }
}

impl Session {
    /// The answer of every member entitled at `at` on `item`, from a line as the chair says it:
    /// "CDU ja, SPD nein, Frau Okafor Enthaltung", "alle ja, Okafor nein, Berger e". Clauses are
    /// separated by commas; each ends with its answer; "alle"/"rest"/"übrige" gives everyone not
    /// named otherwise, a Fraktion its members, a name (family name, a few letters do) one
    /// member; a person's clause beats their Fraktion's, a Fraktion's beats "alle". Everyone
    /// entitled must have an answer; nobody else may have one.
    pub fn ballot_from_typed(
        &self,
        item: &str,
        at: Option<Time>,
        text: &str,
    ) -> Result<Vec<NamedVote>, String> {
        let entitled = self.entitled_persons(self.item(item), at);
        let mut everyone: Option<Answer> = None;
        let mut by_fraktion: Vec<(String, Answer)> = Vec::new();
        let mut by_person: Vec<(PersonId, Answer)> = Vec::new();
        for clause in text
            .split([',', ';'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            let (who, answer) = clause
                .rsplit_once(char::is_whitespace)
                .ok_or_else(|| format!("„{clause}“: wer und wie? z. B. „SPD nein“"))?;
            let answer = typed_answer(answer)
                .ok_or_else(|| format!("„{answer}“ ist keine Antwort (ja, nein, Enthaltung)"))?;
            let who = folded_name(who);
            if ["alle", "rest", "ubrige", "die ubrigen", "alle anderen"].contains(&who.as_str()) {
                everyone = Some(answer);
                continue;
            }
            if let Some(f) = entitled
                .iter()
                .filter_map(|p| p.fraktion.as_deref())
                .find(|f| fold(f) == who)
            {
                by_fraktion.push((f.to_string(), answer));
                continue;
            }
            let p = one_of(&entitled, &who)?;
            by_person.push((p.id.clone(), answer));
        }
        let mut names = Vec::new();
        let mut missing = Vec::new();
        for p in &entitled {
            let answer = by_person
                .iter()
                .rev()
                .find(|(id, _)| *id == p.id)
                .map(|(_, a)| *a)
                .or_else(|| {
                    by_fraktion
                        .iter()
                        .rev()
                        .find(|(f, _)| p.fraktion.as_deref() == Some(f.as_str()))
                        .map(|(_, a)| *a)
                })
                .or(everyone);
            match answer {
                Some(answer) => names.push(NamedVote {
                    person: p.id.clone(),
                    answer,
                }),
                None => missing.push(p.family_name.clone()),
            }
        }
        if !missing.is_empty() {
            return Err(format!(
                "ohne Antwort: {} („alle ja“ gibt allen übrigen eine)",
                missing.join(", ")
            ));
        }
        Ok(names)
    }

    /// One member's own vote put on record, as typed: "Berger nein", "Frau Okafor Enthaltung".
    pub fn answer_from_typed(
        &self,
        item: &str,
        at: Option<Time>,
        text: &str,
    ) -> Result<NamedVote, String> {
        let entitled = self.entitled_persons(self.item(item), at);
        let (who, answer) = text
            .trim()
            .rsplit_once(char::is_whitespace)
            .ok_or_else(|| format!("„{text}“: wer und wie? z. B. „Berger nein“"))?;
        let answer = typed_answer(answer)
            .ok_or_else(|| format!("„{answer}“ ist keine Antwort (ja, nein, Enthaltung)"))?;
        let who = folded_name(who);
        Ok(NamedVote {
            person: one_of(&entitled, &who)?.id.clone(),
            answer,
        })
    }

    /// The members who may vote on `item` at `at`, in list order ([`Session::is_entitled`]).
    pub fn entitled_persons(
        &self,
        item: Option<&super::item::AgendaItem>,
        at: Option<Time>,
    ) -> Vec<&super::person::Person> {
        self.persons
            .iter()
            .filter(|p| self.is_entitled(p, item, at))
            .collect()
    }

    /// Whether `p` may vote on `item` at `at`: a member with a vote, present, not befangen; a
    /// deputy only while the member they stand in for is not there. [`Session::entitled`]
    /// counts these.
    pub fn is_entitled(
        &self,
        p: &super::person::Person,
        item: Option<&super::item::AgendaItem>,
        at: Option<Time>,
    ) -> bool {
        p.has_vote()
            && p.present_at(at)
            && p.deputy_for
                .as_deref()
                .and_then(|m| self.person(m))
                .is_none_or(|m| !m.present_at(at))
            && item.is_none_or(|i| !i.is_befangen(&p.id))
    }
}

impl Session {
    /// The one person among those `may` lets through whose family name, or given and family
    /// name, is `typed` (German spellings folded, a salutation dropped): `Ok(None)` when nobody
    /// is, an error naming them when several are. For names typed in full (a candidate, a
    /// signer); a few letters are [`Session::ballot_from_typed`]'s business.
    pub fn person_named(
        &self,
        typed: &str,
        may: impl Fn(&super::person::Person) -> bool,
    ) -> Result<Option<&super::person::Person>, String> {
        let who = folded_name(typed);
        let matching: Vec<&super::person::Person> = self
            .persons
            .iter()
            .filter(|p| may(p))
            .filter(|p| {
                fold(&p.family_name) == who
                    || fold(&format!("{} {}", p.given_name, p.family_name)) == who
            })
            .collect();
        match matching.as_slice() {
            [] => Ok(None),
            [p] => Ok(Some(*p)),
            many => {
                let names: Vec<String> = many
                    .iter()
                    .map(|p| format!("{} {}", p.given_name, p.family_name))
                    .collect();
                Err(format!(
                    "„{}“ passt auf mehrere: {} (Vor- und Nachname)",
                    typed.trim(),
                    names.join(", ")
                ))
            }
        }
    }
}

/// A name as typed, folded, without its salutation: "Frau Okafor" → "okafor".
fn folded_name(who: &str) -> String {
    let who = fold(who.trim());
    ["frau ", "herr ", "herrn "]
        .iter()
        .find_map(|s| who.strip_prefix(s))
        .unwrap_or(&who)
        .to_string()
}

/// The one member entitled whose family name is `who` (folded), else whose family name begins
/// with it.
fn one_of<'a>(
    entitled: &[&'a super::person::Person],
    who: &str,
) -> Result<&'a super::person::Person, String> {
    let exact: Vec<_> = entitled
        .iter()
        .filter(|p| fold(&p.family_name) == who)
        .collect();
    let matching: Vec<_> = if exact.is_empty() {
        entitled
            .iter()
            .filter(|p| fold(&p.family_name).starts_with(who))
            .collect()
    } else {
        exact
    };
    match matching.as_slice() {
        [p] => Ok(**p),
        [] => Err(format!(
            "„{who}“: keine Fraktion und niemand Stimmberechtigtes"
        )),
        _ => {
            let names: Vec<String> = matching.iter().map(|p| p.family_name.clone()).collect();
            Err(format!("„{who}“ passt auf mehrere: {}", names.join(", ")))
        }
    }
}

/// "er" / "sie" / the name again, for "… bittet festzuhalten, dass er dagegen gestimmt hat".
pub fn pronoun(salutation: Salutation) -> Option<&'static str> {
    match salutation {
        Salutation::Herr => Some("er"),
        Salutation::Frau => Some("sie"),
        Salutation::Keine => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AgendaItem, Person};
    use proptest::prelude::*;

    const FRAKTIONEN: [&str; 5] = ["CDU", "SPD", "Grüne", "FDP", "WfL"];

    /// `n` members, Fraktionen in turn, family names "Aa…", "Ab…" (distinct first letters pairs).
    fn session(n: usize) -> Session {
        let mut s = Session::new("Rat", chrono::NaiveDate::default());
        for i in 0..n {
            let family = format!(
                "M{}{}x",
                (b'a' + (i / 26) as u8) as char,
                (b'a' + (i % 26) as u8) as char
            );
            let mut p = Person::member(&format!("m{i}"), Salutation::Herr, "", &family);
            p.fraktion = Some(FRAKTIONEN[i % FRAKTIONEN.len()].to_string());
            s.persons.push(p);
        }
        s.agenda.push(AgendaItem::new("1", "x"));
        s
    }

    fn answer() -> impl Strategy<Value = Answer> {
        prop::sample::select(vec![Answer::Ja, Answer::Nein, Answer::Enthaltung])
    }

    #[test]
    fn the_chair_says_it_as_fraktionen_and_exceptions() {
        let mut s = session(5);
        s.persons[4].fraktion = Some("SPD".into());
        let names = s
            .ballot_from_typed("1", None, "alle ja, SPD nein, Maex e")
            .expect("read");
        let ballot = Ballot {
            kind: BallotKind::ProFraktion,
            names,
            invalid: 0,
        };
        // m1 and m4 are SPD (no), m4 … is Maex: its own clause (abstain) beats its Fraktion's.
        assert_eq!(ballot.tally(), Vote::new(3, 1, 1));
        assert!(
            s.ballot_from_typed("1", None, "CDU ja")
                .unwrap_err()
                .contains("ohne Antwort")
        );
        assert!(s.ballot_from_typed("1", None, "alle vielleicht").is_err());
        assert!(s.ballot_from_typed("1", None, "alle ja, Zz nein").is_err());
    }

    proptest! {
        /// For any answers of any members, the line that names each of them gives back exactly
        /// those answers, and the counts per Fraktion add up to the whole.
        #[test]
        fn a_roll_call_gives_back_every_answer_and_fraktionen_add_up(
            answers in prop::collection::vec(answer(), 1..40),
            default in answer(),
        ) {
            let s = session(answers.len());
            let word = |a: Answer| match a { Answer::Ja => "ja", Answer::Nein => "nein", Answer::Enthaltung => "e" };
            let mut line = format!("alle {}", word(default));
            for (p, a) in s.persons.iter().zip(&answers) {
                if *a != default {
                    line.push_str(&format!(", {} {}", p.family_name, word(*a)));
                }
            }
            let names = s.ballot_from_typed("1", None, &line).unwrap();
            let got: Vec<Answer> = names.iter().map(|n| n.answer).collect();
            prop_assert_eq!(&got, &answers);
            let ballot = Ballot { kind: BallotKind::ProFraktion, names, invalid: 0 };
            let tally = ballot.tally();
            let per_fraktion: u32 = FRAKTIONEN
                .iter()
                .map(|f| {
                    ballot.names.iter().filter(|n| {
                        s.person(&n.person).and_then(|p| p.fraktion.as_deref()) == Some(*f)
                    }).count() as u32
                })
                .sum();
            prop_assert_eq!(per_fraktion, tally.cast());
            prop_assert_eq!(tally.cast() as usize, answers.len());
        }
    }
}
