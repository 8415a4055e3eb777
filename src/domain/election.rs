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
        ElectionResult::RunOff(runners)
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
