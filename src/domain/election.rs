//! Elections (Wahlen): candidates, the votes each got per ballot, invalid and blank ballots, the
//! majority needed, a run-off, and a tie decided by lot with the draw recorded. The rule is data:
//! the first ballots need more than half of the valid votes (Schleswig-Holstein and most Länder),
//! a run-off between the two first is decided by the most votes, a tie there by lot.

use serde::{Deserialize, Serialize};

use super::person::PersonId;
use super::time::Time;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Election {
    /// What is elected: "stellvertretende Bürgermeisterin", "Mitglied des Finanzausschusses".
    pub office: String,
    /// The candidates as person ids of the session or, for outsiders, as written.
    pub candidates: Vec<String>,
    /// The ballots in order; the last may be the run-off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    /// A tie decided by lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<Lot>,
}

/// One ballot (Wahlgang).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Time>,
    /// Votes per candidate, in the order of `candidates` (0 for one not on this ballot).
    pub votes: Vec<u32>,
    /// "Nein" on a ballot with one candidate.
    #[serde(default)]
    pub no: u32,
    /// Blank ballots and abstentions.
    #[serde(default)]
    pub blank: u32,
    #[serde(default)]
    pub invalid: u32,
    /// Only the candidates of the run-off stand (their positions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub run_off: Vec<usize>,
}

/// The draw that decided a tie.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    /// Who drew it (the chair, usually).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawn_by: Option<PersonId>,
    /// The position of the candidate the lot decided for.
    pub winner: usize,
}

/// Where an election stands after its last ballot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ElectionResult {
    /// Nothing counted yet.
    Open,
    Elected {
        candidate: usize,
        votes: u32,
    },
    /// Nobody has the majority: a run-off between these.
    RunOff(Vec<usize>),
    /// The run-off is a tie: the lot decides between these.
    Lot(Vec<usize>),
    /// The only candidate did not get the majority.
    NotElected,
}

impl Round {
    /// The valid votes: for candidates and against (blank and invalid ones do not count).
    pub fn valid(&self) -> u32 {
        self.votes
            .iter()
            .fold(self.no, |sum, v| sum.saturating_add(*v))
    }

    /// Every ballot cast.
    pub fn ballots(&self) -> u32 {
        self.valid()
            .saturating_add(self.blank)
            .saturating_add(self.invalid)
    }
}

impl Election {
    /// The result after the last ballot.
    pub fn result(&self) -> ElectionResult {
        let Some(round) = self.rounds.last() else {
            return ElectionResult::Open;
        };
        // A hand-edited ballot that does not fit the candidates decides nothing.
        if round.votes.len() != self.candidates.len() {
            return ElectionResult::Open;
        }
        // In a run-off only its candidates stand.
        let stands = |i: &usize| round.run_off.is_empty() || round.run_off.contains(i);
        let best = (0..round.votes.len())
            .filter(stands)
            .map(|i| round.votes[i])
            .max()
            .unwrap_or(0);
        let leaders: Vec<usize> = (0..round.votes.len())
            .filter(stands)
            .filter(|&i| round.votes[i] == best && best > 0)
            .collect();
        if !round.run_off.is_empty() {
            // The run-off: the most votes; a tie, the lot.
            return match leaders.as_slice() {
                [] => ElectionResult::NotElected,
                [one] => ElectionResult::Elected {
                    candidate: *one,
                    votes: best,
                },
                tied => match &self.lot {
                    Some(lot) if tied.contains(&lot.winner) => ElectionResult::Elected {
                        candidate: lot.winner,
                        votes: best,
                    },
                    _ => ElectionResult::Lot(tied.to_vec()),
                },
            };
        }
        // More than half of the valid votes.
        if let [one] = leaders.as_slice()
            && 2 * u64::from(best) > u64::from(round.valid())
        {
            return ElectionResult::Elected {
                candidate: *one,
                votes: best,
            };
        }
        if self.candidates.len() <= 1 {
            return ElectionResult::NotElected;
        }
        // The two first go to the run-off (all tied for first, or the first and all tied for second).
        let mut order: Vec<usize> = (0..round.votes.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(round.votes[i]));
        let second = order.get(1).map_or(0, |&i| round.votes[i]);
        let runners: Vec<usize> = if leaders.len() >= 2 {
            leaders
        } else {
            order
                .into_iter()
                .filter(|&i| round.votes[i] >= second && round.votes[i] > 0)
                .collect()
        };
        // Nobody got a vote (every ballot blank or invalid): nobody is elected; another ballot
        // may follow with everyone standing.
        if runners.is_empty() {
            return ElectionResult::NotElected;
        }
        ElectionResult::RunOff(runners)
    }
}

impl Election {
    /// Who stands on the next ballot: everyone before the first and after one that elected
    /// nobody, the run-off's candidates after a ballot without a majority; nobody once someone
    /// is elected or while the lot is to be drawn.
    pub fn standing(&self) -> Vec<usize> {
        match self.result() {
            ElectionResult::Open | ElectionResult::NotElected => {
                (0..self.candidates.len()).collect()
            }
            ElectionResult::RunOff(runners) => runners,
            _ => Vec::new(),
        }
    }

    /// The next ballot as counted: `counts` per candidate standing (in the order of
    /// [`Election::standing`]), the others 0; marked a run-off where it is one.
    pub fn next_round(&self, counts: &[u32], no: u32, blank: u32, invalid: u32) -> Round {
        let standing = self.standing();
        let mut votes = vec![0; self.candidates.len()];
        for (i, n) in standing.iter().zip(counts) {
            votes[*i] = *n;
        }
        let run_off = match self.result() {
            ElectionResult::RunOff(runners) => runners,
            _ => Vec::new(),
        };
        Round {
            at: None,
            votes,
            no,
            blank,
            invalid,
            run_off,
        }
    }
}

impl super::session::Session {
    /// An election as typed: "stellvertretende Bürgermeisterin: Ahrens, Brandt". A candidate
    /// whose family name (or full name) is that of exactly one person of the session is that
    /// person; anyone else stands as written (an outsider).
    pub fn election_from_typed(&self, text: &str) -> Result<Election, String> {
        let (office, names) = text
            .split_once(':')
            .ok_or("Amt und Kandidierende mit Doppelpunkt: „Schiedsperson: Ahrens, Brandt“")?;
        let office = office.trim();
        if office.is_empty() {
            return Err("Was wird gewählt? „Schiedsperson: Ahrens“".into());
        }
        let mut candidates: Vec<String> = Vec::new();
        for name in names
            .split([',', ';'])
            .flat_map(|n| n.split(" und "))
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            // Only members: a guest or staff member typed stands as written (and a guest there
            // only for closed items is not drawn into the public edition by their id).
            let member = |p: &super::person::Person| {
                use super::person::PersonKind;
                matches!(p.kind, PersonKind::Mitglied | PersonKind::Beratend)
            };
            let candidate = self
                .person_named(name, member)?
                .map_or_else(|| name.to_string(), |p| p.id.clone());
            if candidates.contains(&candidate) {
                return Err(format!("„{name}“ steht zweimal auf der Liste"));
            }
            candidates.push(candidate);
        }
        if candidates.is_empty() {
            return Err("Wer kandidiert? Namen nach dem Doppelpunkt, mit Komma".into());
        }
        Ok(Election {
            office: office.to_string(),
            candidates,
            rounds: Vec::new(),
            lot: None,
        })
    }

    /// The tied candidate the lot fell on, as typed (a family name, a few letters do, or the
    /// place on the ballot: "1", "2").
    pub fn lot_winner_from_typed(&self, election: &Election, text: &str) -> Result<usize, String> {
        use super::fold::fold;
        let ElectionResult::Lot(tied) = election.result() else {
            return Err("Hier entscheidet kein Los.".into());
        };
        let typed = fold(text.trim());
        if let Ok(n) = typed.parse::<usize>() {
            return tied
                .iter()
                .copied()
                .find(|i| *i + 1 == n)
                .ok_or_else(|| format!("Nr. {n} steht nicht zur Losentscheidung"));
        }
        let name_of = |i: usize| {
            let c = &election.candidates[i];
            fold(
                self.person(c)
                    .map_or(c.as_str(), |p| p.family_name.as_str()),
            )
        };
        let matching: Vec<usize> = tied
            .iter()
            .copied()
            .filter(|i| !typed.is_empty() && name_of(*i).starts_with(&typed))
            .collect();
        match matching.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!("„{}“ steht nicht zur Losentscheidung", text.trim())),
            _ => Err(format!("„{}“ passt auf mehrere", text.trim())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round(votes: &[u32], invalid: u32) -> Round {
        Round {
            votes: votes.to_vec(),
            invalid,
            ..Round::default()
        }
    }

    fn election(rounds: Vec<Round>) -> Election {
        Election {
            office: "stellvertretende Bürgermeisterin".into(),
            candidates: vec!["ahrens".into(), "brandt".into(), "claussen".into()],
            rounds,
            lot: None,
        }
    }

    #[test]
    fn more_than_half_of_the_valid_votes_elects_else_a_run_off_else_the_lot() {
        // 8 of 15 valid: elected; the invalid ballot does not count.
        assert_eq!(
            election(vec![round(&[8, 4, 3], 1)]).result(),
            ElectionResult::Elected {
                candidate: 0,
                votes: 8
            }
        );
        // 7 of 15: a run-off between the two first.
        let first = round(&[7, 5, 3], 0);
        assert_eq!(
            election(vec![first.clone()]).result(),
            ElectionResult::RunOff(vec![0, 1])
        );
        let tie = Round {
            run_off: vec![0, 1],
            ..round(&[7, 7, 0], 1)
        };
        let mut e = election(vec![first, tie]);
        assert_eq!(e.result(), ElectionResult::Lot(vec![0, 1]));
        e.lot = Some(Lot {
            drawn_by: Some("vossberg".into()),
            winner: 1,
        });
        assert_eq!(
            e.result(),
            ElectionResult::Elected {
                candidate: 1,
                votes: 7
            }
        );
        // One candidate: yes against no.
        let mut single = election(vec![Round {
            no: 8,
            ..round(&[7], 0)
        }]);
        single.candidates.truncate(1);
        assert_eq!(single.result(), ElectionResult::NotElected);
    }

    #[test]
    fn a_run_off_counts_only_its_candidates_and_a_ballot_that_does_not_fit_decides_nothing() {
        let run_off = Round {
            run_off: vec![0, 1],
            ..round(&[4, 3, 9], 0)
        };
        assert_eq!(
            election(vec![round(&[7, 5, 3], 0), run_off]).result(),
            ElectionResult::Elected {
                candidate: 0,
                votes: 4
            }
        );
        assert_eq!(
            election(vec![round(&[9, 1], 0)]).result(),
            ElectionResult::Open
        );
    }

    #[test]
    fn an_election_is_typed_as_office_and_candidates_and_the_lot_by_name_or_place() {
        use crate::domain::{Person, Salutation, Session};
        let mut s = Session::new("Rat", chrono::NaiveDate::default());
        s.persons
            .push(Person::member("ahrens", Salutation::Frau, "Anna", "Ahrens"));
        s.persons.push(Person::member(
            "brandt",
            Salutation::Herr,
            "Bernd",
            "Brandt",
        ));
        s.persons.push(Person::member(
            "brandt-2",
            Salutation::Frau,
            "Berta",
            "Brandt",
        ));
        let e = s
            .election_from_typed("Schiedsperson: Frau Ahrens, Berta Brandt und Jonas Feld")
            .expect("typed");
        assert_eq!(e.office, "Schiedsperson");
        assert_eq!(e.candidates, ["ahrens", "brandt-2", "Jonas Feld"]);
        assert!(s.election_from_typed("Schiedsperson: Brandt").is_err());
        // A guest is no candidate by id: the name stays as typed.
        let mut guest = Person::member("feld", Salutation::Herr, "Jonas", "Feld");
        guest.kind = crate::domain::PersonKind::Gast;
        s.persons.push(guest);
        let e = s.election_from_typed("Schiedsperson: Feld").expect("typed");
        assert_eq!(e.candidates, ["Feld"]);
        assert!(s.election_from_typed("Ahrens, Brandt").is_err());
        assert!(s.election_from_typed("Schiedsperson: ").is_err());
        assert!(
            s.election_from_typed("Schiedsperson: Ahrens, ahrens")
                .is_err()
        );

        // 7:7 in the run-off: the lot between the two, typed by name or place.
        let mut e = election(vec![round(&[7, 5, 3], 0)]);
        assert_eq!(e.standing(), vec![0, 1]);
        let run_off = e.next_round(&[7, 7], 0, 0, 1);
        assert_eq!(run_off.votes, vec![7, 7, 0]);
        assert_eq!(run_off.run_off, vec![0, 1]);
        e.rounds.push(run_off);
        assert_eq!(e.standing(), Vec::<usize>::new());
        e.candidates = vec!["ahrens".into(), "brandt".into(), "claussen".into()];
        assert_eq!(s.lot_winner_from_typed(&e, "bra"), Ok(1));
        assert_eq!(s.lot_winner_from_typed(&e, "1"), Ok(0));
        assert!(s.lot_winner_from_typed(&e, "3").is_err());
        assert!(s.lot_winner_from_typed(&e, "").is_err());
    }

    #[test]
    fn a_ballot_with_no_valid_vote_elects_nobody_and_another_ballot_may_follow() {
        let mut e = election(vec![Round {
            blank: 5,
            invalid: 2,
            ..round(&[0, 0, 0], 0)
        }]);
        assert_eq!(e.result(), ElectionResult::NotElected);
        assert_eq!(e.standing(), vec![0, 1, 2]);
        let next = e.next_round(&[6, 1, 0], 0, 0, 0);
        assert!(next.run_off.is_empty());
        e.rounds.push(next);
        assert_eq!(
            e.result(),
            ElectionResult::Elected {
                candidate: 0,
                votes: 6
            }
        );
        assert!(e.standing().is_empty());
    }

    proptest! {
        /// Whoever is elected in a first ballot has more than half of the valid votes, and
        /// nobody else has as many; a run-off always has at least two candidates.
        #[test]
        fn an_elected_candidate_has_the_majority(votes in prop::collection::vec(0u32..30, 2..6), invalid in 0u32..5) {
            let mut e = election(vec![round(&votes, invalid)]);
            e.candidates = (0..votes.len()).map(|i| format!("c{i}")).collect();
            match e.result() {
                ElectionResult::Elected { candidate, votes: n } => {
                    let valid: u32 = votes.iter().sum();
                    prop_assert!(2 * n > valid);
                    prop_assert!(votes.iter().enumerate().all(|(i, v)| i == candidate || *v < n));
                }
                ElectionResult::RunOff(runners) => prop_assert!(runners.len() >= 2 || votes.iter().filter(|v| **v > 0).count() < 2),
                other => prop_assert!(votes.iter().all(|v| *v == 0), "{other:?}"),
            }
        }
    }
}
