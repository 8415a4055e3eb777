//! Counting votes: who passed, by which summary, and which counts are impossible.
//! Formatting the German words is `render`'s job.

use serde::{Deserialize, Serialize};

use super::time::Time;

/// The counted hands of one vote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    #[serde(default)]
    pub yes: u32,
    #[serde(default)]
    pub no: u32,
    #[serde(default)]
    pub abstain: u32,
    /// When the vote was taken; decides who was present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Time>,
}

impl Vote {
    pub fn new(yes: u32, no: u32, abstain: u32) -> Vote {
        Vote {
            yes,
            no,
            abstain,
            at: None,
        }
    }

    /// All hands raised, abstentions included (saturating: counts come from files).
    pub fn cast(&self) -> u32 {
        self.yes
            .saturating_add(self.no)
            .saturating_add(self.abstain)
    }
}

/// The majority a motion needs. The rule belongs to the motion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Majority {
    /// More yes than no; abstentions do not count; a tie is rejected.
    #[default]
    Einfach,
    /// At least two thirds of the yes and no votes.
    ZweiDrittel,
    /// Yes votes of more than half of the legal number of members.
    MehrAlsHaelfteGesetzlich,
    /// Yes votes of at least two thirds of the legal number of members.
    ZweiDrittelGesetzlich,
    /// Yes votes of at least two thirds of the members present and entitled.
    ZweiDrittelAnwesend,
}

/// What a majority is counted against: the legal number of members and those present and
/// entitled at the vote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Basis {
    pub legal: u32,
    pub present: u32,
}

impl Majority {
    /// The next rule, for a key that steps through them: einfach → zwei Drittel → mehr als die
    /// Hälfte der gesetzlichen Mitglieder → einfach.
    pub fn next(self) -> Majority {
        match self {
            Majority::Einfach => Majority::ZweiDrittel,
            Majority::ZweiDrittel => Majority::MehrAlsHaelfteGesetzlich,
            Majority::MehrAlsHaelfteGesetzlich => Majority::ZweiDrittelGesetzlich,
            Majority::ZweiDrittelGesetzlich => Majority::ZweiDrittelAnwesend,
            Majority::ZweiDrittelAnwesend => Majority::Einfach,
        }
    }

    pub const ALL: [Majority; 5] = [
        Majority::Einfach,
        Majority::ZweiDrittel,
        Majority::MehrAlsHaelfteGesetzlich,
        Majority::ZweiDrittelGesetzlich,
        Majority::ZweiDrittelAnwesend,
    ];
}

/// How the result is summarised in the protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Summary {
    /// Passed without a vote against (`einstimmig`, `einstimmig bei N Enthaltungen`).
    Einstimmig { abstentions: u32 },
    /// Passed with votes against (`mehrheitlich`).
    Mehrheitlich,
    /// Rejected without a vote in favour.
    EinstimmigAbgelehnt { abstentions: u32 },
    /// Rejected by more no than yes (`mehrheitlich abgelehnt`).
    MehrheitlichAbgelehnt,
    /// Rejected on a tie (Stimmengleichheit).
    Stimmengleichheit,
    /// More yes than no, but short of the qualified majority the motion needs.
    QualifizierteMehrheitVerfehlt,
}

/// The outcome of counting one vote under one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub passed: bool,
    pub summary: Summary,
}

/// Decides a vote. `basis` holds the legal number of members and those present and entitled
/// (used by the majorities counted against them).
pub fn evaluate(vote: &Vote, majority: Majority, basis: Basis) -> Evaluation {
    let (yes, no) = (u64::from(vote.yes), u64::from(vote.no));
    let (legal, present) = (u64::from(basis.legal), u64::from(basis.present));
    let simple = yes > no;
    let passed = match majority {
        Majority::Einfach => simple,
        Majority::ZweiDrittel => simple && 3 * yes >= 2 * (yes + no),
        Majority::MehrAlsHaelfteGesetzlich => simple && 2 * yes > legal,
        Majority::ZweiDrittelGesetzlich => simple && 3 * yes >= 2 * legal,
        Majority::ZweiDrittelAnwesend => simple && 3 * yes >= 2 * present,
    };
    let summary = if passed {
        if no == 0 {
            Summary::Einstimmig {
                abstentions: vote.abstain,
            }
        } else {
            Summary::Mehrheitlich
        }
    } else if simple {
        Summary::QualifizierteMehrheitVerfehlt
    } else if yes == no {
        Summary::Stimmengleichheit
    } else if yes == 0 {
        Summary::EinstimmigAbgelehnt {
            abstentions: vote.abstain,
        }
    } else {
        Summary::MehrheitlichAbgelehnt
    };
    Evaluation { passed, summary }
}

/// A count that cannot be right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CountProblem {
    #[error("keine Stimme abgegeben")]
    NothingCast,
    #[error(
        "mehr Stimmen als stimmberechtigte Mitglieder anwesend (abgegeben: {cast}, stimmberechtigt: {entitled})"
    )]
    ExceedsEntitled { cast: u32, entitled: u32 },
    #[error(
        "Stimmenthaltung ist nach den Regeln dieses Gremiums unzulässig ({abstain} Enthaltungen)"
    )]
    AbstentionNotAllowed { abstain: u32 },
}

/// Checks a count against the members present and entitled, and whether abstaining is allowed.
pub fn check_counts(
    vote: &Vote,
    entitled: u32,
    abstention_allowed: bool,
) -> Result<(), CountProblem> {
    if vote.cast() == 0 {
        return Err(CountProblem::NothingCast);
    }
    if vote.cast() > entitled {
        return Err(CountProblem::ExceedsEntitled {
            cast: vote.cast(),
            entitled,
        });
    }
    if !abstention_allowed && vote.abstain > 0 {
        return Err(CountProblem::AbstentionNotAllowed {
            abstain: vote.abstain,
        });
    }
    Ok(())
}

/// The chair's fast path: counted no and abstain, yes derived from those present and entitled.
/// `None` when the minority alone already exceeds those entitled.
pub fn from_minority(entitled: u32, no: u32, abstain: u32) -> Option<Vote> {
    let yes = entitled.checked_sub(no)?.checked_sub(abstain)?;
    Some(Vote::new(yes, no, abstain))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn basis(n: u32) -> Basis {
        Basis {
            legal: n,
            present: n,
        }
    }

    #[test]
    fn examples_from_the_protocols() {
        let e = evaluate(&Vote::new(12, 0, 0), Majority::Einfach, basis(15));
        assert_eq!(
            e,
            Evaluation {
                passed: true,
                summary: Summary::Einstimmig { abstentions: 0 }
            }
        );
        let e = evaluate(&Vote::new(9, 2, 1), Majority::Einfach, basis(15));
        assert_eq!(e.summary, Summary::Mehrheitlich);
        let e = evaluate(&Vote::new(5, 5, 1), Majority::Einfach, basis(15));
        assert_eq!(
            e,
            Evaluation {
                passed: false,
                summary: Summary::Stimmengleichheit
            }
        );
        let e = evaluate(&Vote::new(0, 11, 0), Majority::Einfach, basis(15));
        assert_eq!(e.summary, Summary::EinstimmigAbgelehnt { abstentions: 0 });
        let e = evaluate(&Vote::new(6, 4, 0), Majority::ZweiDrittel, basis(15));
        assert_eq!(
            e,
            Evaluation {
                passed: false,
                summary: Summary::QualifizierteMehrheitVerfehlt
            }
        );
        let e = evaluate(&Vote::new(8, 4, 0), Majority::ZweiDrittel, basis(15));
        assert!(e.passed);
        // 8 of a legal 15 is more than half; 7 is not, however few vote against.
        assert!(
            evaluate(
                &Vote::new(8, 1, 0),
                Majority::MehrAlsHaelfteGesetzlich,
                basis(15)
            )
            .passed
        );
        assert!(
            !evaluate(
                &Vote::new(7, 0, 0),
                Majority::MehrAlsHaelfteGesetzlich,
                basis(15)
            )
            .passed
        );
        // Two thirds of a legal 15 are 10; two thirds of 9 present are 6.
        assert!(
            evaluate(
                &Vote::new(10, 2, 0),
                Majority::ZweiDrittelGesetzlich,
                basis(15)
            )
            .passed
        );
        assert!(
            !evaluate(
                &Vote::new(9, 0, 0),
                Majority::ZweiDrittelGesetzlich,
                basis(15)
            )
            .passed
        );
        let nine_present = Basis {
            legal: 15,
            present: 9,
        };
        assert!(
            evaluate(
                &Vote::new(6, 3, 0),
                Majority::ZweiDrittelAnwesend,
                nine_present
            )
            .passed
        );
        assert!(
            !evaluate(
                &Vote::new(5, 0, 4),
                Majority::ZweiDrittelAnwesend,
                nine_present
            )
            .passed
        );
    }

    #[test]
    fn counts_are_checked_against_those_entitled() {
        assert_eq!(
            check_counts(&Vote::new(0, 0, 0), 12, true),
            Err(CountProblem::NothingCast)
        );
        assert_eq!(
            check_counts(&Vote::new(10, 2, 1), 12, true),
            Err(CountProblem::ExceedsEntitled {
                cast: 13,
                entitled: 12
            })
        );
        assert_eq!(check_counts(&Vote::new(9, 2, 1), 12, true), Ok(()));
        assert_eq!(
            check_counts(&Vote::new(9, 2, 1), 12, false),
            Err(CountProblem::AbstentionNotAllowed { abstain: 1 })
        );
    }

    #[test]
    fn minority_count_derives_yes() {
        assert_eq!(from_minority(12, 3, 2), Some(Vote::new(7, 3, 2)));
        assert_eq!(from_minority(4, 3, 2), None);
    }

    fn majority() -> impl Strategy<Value = Majority> {
        prop::sample::select(Majority::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn simple_majority_is_more_yes_than_no(yes in 0u32..200, no in 0u32..200, abstain in 0u32..200) {
            let e = evaluate(&Vote::new(yes, no, abstain), Majority::Einfach, basis(0));
            prop_assert_eq!(e.passed, yes > no);
        }

        #[test]
        fn abstentions_never_change_the_verdict(yes in 0u32..200, no in 0u32..200, a in 0u32..200, b in 0u32..200,
                                               m in majority(), legal in 0u32..300) {
            let x = evaluate(&Vote::new(yes, no, a), m, basis(legal));
            let y = evaluate(&Vote::new(yes, no, b), m, basis(legal));
            prop_assert_eq!(x.passed, y.passed);
        }

        #[test]
        fn a_tie_is_always_rejected(n in 0u32..200, abstain in 0u32..200, m in majority(), legal in 0u32..300) {
            let e = evaluate(&Vote::new(n, n, abstain), m, basis(legal));
            prop_assert!(!e.passed);
            prop_assert_eq!(e.summary, Summary::Stimmengleichheit);
        }

        #[test]
        fn qualified_majorities_are_stricter_than_simple(yes in 0u32..200, no in 0u32..200, m in majority(), legal in 0u32..300) {
            let v = Vote::new(yes, no, 0);
            if evaluate(&v, m, basis(legal)).passed {
                prop_assert!(evaluate(&v, Majority::Einfach, basis(legal)).passed);
            }
        }

        #[test]
        fn two_thirds_matches_exact_fraction(yes in 0u32..200, no in 0u32..200) {
            let passed = evaluate(&Vote::new(yes, no, 0), Majority::ZweiDrittel, basis(0)).passed;
            let total = f64::from(yes + no);
            prop_assert_eq!(passed, yes > no && f64::from(yes) >= total * 2.0 / 3.0);
        }

        #[test]
        fn einstimmig_means_passed_without_a_vote_against(yes in 0u32..200, no in 0u32..200, abstain in 0u32..200) {
            let e = evaluate(&Vote::new(yes, no, abstain), Majority::Einfach, basis(0));
            let unanimous = matches!(e.summary, Summary::Einstimmig { .. });
            prop_assert_eq!(unanimous, yes > 0 && no == 0);
        }

        #[test]
        fn minority_count_always_fits_those_entitled(entitled in 0u32..100, no in 0u32..100, abstain in 0u32..100) {
            match from_minority(entitled, no, abstain) {
                Some(v) => {
                    prop_assert_eq!(v.cast(), entitled);
                    prop_assert_eq!(check_counts(&v, entitled, true).is_ok(), entitled > 0);
                }
                None => prop_assert!(no + abstain > entitled),
            }
        }
    }
}
