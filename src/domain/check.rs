//! Lints of a whole session: what a careful reader of the protocol would object to.

use std::collections::HashSet;

use super::item::{AgendaItem, MotionKind, Outcome, is_valid_number};
use super::session::Session;
use super::vote::{CountProblem, check_counts, evaluate};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warnung,
    Fehler,
}

/// One objection, with the TOP it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub item: Option<String>,
    pub problem: Problem,
}

/// What is wrong; its German wording is `render::german`'s (`Display`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    ImpossibleCount {
        motion: usize,
        count: CountProblem,
    },
    VoteWithoutOutcome,
    /// How a vote was taken (names, ballots) or an election does not fit the counts or those
    /// entitled; the same rule as recording it (`Action::SetBallot`, `Action::SetElection`).
    InvalidBallot {
        motion: usize,
        why: String,
    },
    ClosedWithoutReason,
    /// The outcome says the opposite of the vote on the Beschlussvorschlag (`passed`).
    OutcomeContradictsVote {
        outcome: Outcome,
        passed: bool,
    },
    AmendedButOutcome(Outcome),
    GeaendertWithoutAmendment,
    InformationWithVote,
    NoQuorum {
        motion: usize,
        present: u32,
        required: u32,
    },
    UnknownPerson(String),
    /// A motion is about an item the agenda does not have (`about:`).
    UnknownAbout(String),
    /// Signatures, approval, publication or corrections that recording them would refuse.
    LifeOutOfOrder(String),
    DuplicateNumber,
    InvalidNumber,
    EmptyParagraph(usize),
    EndsBeforeStart {
        start: String,
        end: String,
    },
    BefangenSpeaks(String),
    MissingProposal,
    UnknownCurrentItem(String),
    /// The session was held, but the item was never called (and not taken off).
    NeverCalled,
    /// Called, but nothing recorded for it: no paragraph, vote or outcome.
    NoEntry,
    /// "ungeändert beschlossen" although an amendment was adopted.
    UnchangedAfterAdoptedAmendment,
    /// "geändert beschlossen" after an adopted amendment, but the changed wording is missing.
    AmendedWordingMissing,
    /// What the Land's code asks of a Niederschrift and this one lacks (`law::missing`).
    LegalMustHave {
        missing: super::law::Missing,
        law: &'static str,
    },
}

/// All findings of a session, in agenda order.
pub fn check(session: &Session) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |severity, item: Option<&str>, problem| {
        out.push(Finding {
            severity,
            item: item.map(str::to_string),
            problem,
        })
    };
    let referenced = session
        .chair
        .iter()
        .chain(&session.minute_taker)
        .chain(session.persons.iter().filter_map(|p| p.deputy_for.as_ref()))
        .chain(session.life.signatures.iter().map(|sig| &sig.by));
    for id in referenced {
        if session.person(id).is_none() {
            push(Severity::Fehler, None, Problem::UnknownPerson(id.clone()));
        }
    }
    // A file written by hand may hold steps of the minutes' life that recording them refuses:
    // the header would say "Entwurf" above "Genehmigt am …".
    if let Some(why) = life_problem(session) {
        push(Severity::Fehler, None, Problem::LifeOutOfOrder(why));
    }
    let law = session.land.minutes_law().law;
    for (item, missing) in super::law::missing(session) {
        push(
            Severity::Warnung,
            item.as_deref(),
            Problem::LegalMustHave { missing, law },
        );
    }
    if let (Some(start), Some(end)) = (session.start, session.end)
        && end < start
    {
        let problem = Problem::EndsBeforeStart {
            start: start.to_string(),
            end: end.to_string(),
        };
        push(Severity::Warnung, None, problem);
    }
    if let Some(current) = &session.current_item
        && session.item(current).is_none()
    {
        push(
            Severity::Fehler,
            None,
            Problem::UnknownCurrentItem(current.clone()),
        );
    }
    let mut seen = HashSet::new();
    for item in &session.agenda {
        let at = Some(item.number.as_str());
        if !is_valid_number(&item.number) {
            push(Severity::Fehler, at, Problem::InvalidNumber);
        }
        if !seen.insert(item.number.as_str()) {
            push(Severity::Fehler, at, Problem::DuplicateNumber);
        }
        for (severity, problem) in check_item(session, item) {
            push(severity, at, problem);
        }
    }
    out
}

fn check_item(session: &Session, item: &AgendaItem) -> Vec<(Severity, Problem)> {
    let mut out = Vec::new();
    let persons = item
        .minutes
        .iter()
        .flat_map(|p| p.speaker.iter().chain(&p.asked_by))
        .chain(&item.befangen)
        .chain(item.speakers.waiting.iter().map(|r| &r.person))
        .chain(item.speakers.turns.iter().map(|t| &t.person))
        .chain(item.events.iter().filter_map(|e| e.kind.person()));
    let mut unknown: Vec<&String> = persons.filter(|id| session.person(id).is_none()).collect();
    unknown.dedup();
    for id in unknown {
        out.push((Severity::Fehler, Problem::UnknownPerson(id.clone())));
    }
    for about in item.motions.iter().filter_map(|m| m.about.as_ref()) {
        if session.item(about).is_none() {
            out.push((Severity::Warnung, Problem::UnknownAbout(about.clone())));
        }
    }
    // A sub-item of a closed item is closed with it: its reason is the parent's.
    if item.closed
        && session.closing_parent(item).is_none()
        && item
            .closed_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
    {
        out.push((Severity::Warnung, Problem::ClosedWithoutReason));
    }
    for (index, p) in item.minutes.iter().enumerate() {
        if p.text.trim().is_empty() {
            out.push((Severity::Warnung, Problem::EmptyParagraph(index + 1)));
        }
        if let Some(speaker) = &p.speaker
            && item.is_befangen(speaker)
        {
            let name = session.person(speaker).map_or_else(
                || speaker.clone(),
                |p| format!("{} {}", p.given_name, p.family_name),
            );
            out.push((
                Severity::Warnung,
                Problem::BefangenSpeaks(name.trim().to_string()),
            ));
        }
    }
    if let (Some(start), Some(end)) = (item.started, item.ended)
        && end < start
    {
        let problem = Problem::EndsBeforeStart {
            start: start.to_string(),
            end: end.to_string(),
        };
        out.push((Severity::Warnung, problem));
    }
    // A heading over sub-items ("8 Bauleitplanung" over 8.1, 8.2) has its entries there.
    let key = super::public::number_key(&item.number);
    let heading = session.agenda.iter().any(|other| {
        let sub = super::public::number_key(&other.number);
        sub.len() > key.len() && sub.starts_with(&key)
    });
    let recorded = heading
        || !item.minutes.is_empty()
        || item.outcome.is_some()
        || item.motions.iter().any(|m| m.counted());
    if session.start.is_some() && item.started.is_none() && !recorded {
        out.push((Severity::Warnung, Problem::NeverCalled));
    } else if item.started.is_some() && !recorded {
        out.push((Severity::Warnung, Problem::NoEntry));
    }
    out.extend(check_votes(session, item));
    out
}

/// What recording the steps of the minutes' life would refuse, in a file written by hand: they
/// are recorded again, in their order, on a copy without them (the rule of `Session::apply`).
fn life_problem(session: &Session) -> Option<String> {
    use super::action::Action;
    let life = &session.life;
    if life.is_empty() {
        return None;
    }
    let mut probe = session.clone();
    probe.life = Default::default();
    let steps = life
        .signatures
        .iter()
        .map(|s| Action::Sign {
            by: s.by.clone(),
            date: s.date,
        })
        .chain(life.corrections.iter().cloned().map(Action::Correct))
        .chain(life.approval.iter().cloned().map(Action::Approve))
        .chain(life.published.map(|date| Action::Publish { date }));
    for step in steps {
        if let Err(e) = probe.apply(step) {
            return Some(e.to_string());
        }
    }
    None
}

/// What recording this motion's ballot and election would refuse, in a file written by hand:
/// they are recorded again on a copy without them, through the actions that record them.
fn ballot_problem(session: &Session, item: &AgendaItem, motion: usize) -> Option<String> {
    let m = item.motions.get(motion)?;
    if m.ballot.is_plain() && m.election.is_none() {
        return None;
    }
    let mut probe = session.clone();
    // The rule of recording, not the seal of a signed record.
    probe.life = Default::default();
    let pos = probe.agenda.iter().position(|i| i.number == item.number)?;
    let target = probe.agenda.get_mut(pos)?.motions.get_mut(motion)?;
    target.ballot = Default::default();
    target.election = None;
    let mut actions = Vec::new();
    if !m.ballot.is_plain() {
        actions.push(super::action::Action::SetBallot {
            item: item.number.clone(),
            motion,
            ballot: m.ballot.clone(),
        });
    }
    if let Some(election) = &m.election {
        actions.push(super::action::Action::SetElection {
            item: item.number.clone(),
            motion,
            election: election.clone(),
        });
    }
    actions
        .into_iter()
        .find_map(|a| probe.apply(a).err().map(|e| e.to_string()))
}

fn check_votes(session: &Session, item: &AgendaItem) -> Vec<(Severity, Problem)> {
    let mut out = Vec::new();
    let voted = item.motions.iter().any(|m| m.vote.is_some());
    for (index, motion) in item.motions.iter().enumerate() {
        if let Some(why) = ballot_problem(session, item, index) {
            out.push((
                Severity::Fehler,
                Problem::InvalidBallot {
                    motion: index + 1,
                    why,
                },
            ));
        }
        let Some(vote) = &motion.vote else { continue };
        let entitled = session.entitled(Some(item), vote.at);
        if let Err(count) = check_counts(vote, entitled, session.land.abstention_allowed()) {
            out.push((
                Severity::Fehler,
                Problem::ImpossibleCount {
                    motion: index + 1,
                    count,
                },
            ));
        }
        let quorum = session.quorum(Some(item), vote.at);
        if !quorum.reached() {
            let problem = Problem::NoQuorum {
                motion: index + 1,
                present: quorum.present,
                required: quorum.required,
            };
            out.push((Severity::Warnung, problem));
        }
    }
    match item.outcome {
        None if voted => out.push((Severity::Warnung, Problem::VoteWithoutOutcome)),
        Some(Outcome::ZurKenntnisGenommen) if voted => {
            out.push((Severity::Warnung, Problem::InformationWithVote))
        }
        Some(outcome) => {
            if item.amended_proposal.is_some()
                && matches!(
                    outcome,
                    Outcome::UngeaendertBeschlossen | Outcome::Beschlossen
                )
            {
                out.push((Severity::Warnung, Problem::AmendedButOutcome(outcome)));
            }
            if !session.proposal_changed(item) && outcome == Outcome::GeaendertBeschlossen {
                out.push((Severity::Warnung, Problem::GeaendertWithoutAmendment));
            }
            // Said as what it is, not as a text that was never edited.
            if session.adopted_amendment(item)
                && item.amended_proposal.is_none()
                && outcome == Outcome::UngeaendertBeschlossen
            {
                out.push((Severity::Warnung, Problem::UnchangedAfterAdoptedAmendment));
            }
            // Changed by an amendment, but the protocol would print the text as proposed.
            if session.adopted_amendment(item)
                && item.amended_proposal.is_none()
                && outcome == Outcome::GeaendertBeschlossen
            {
                out.push((Severity::Warnung, Problem::AmendedWordingMissing));
            }
            if let Some(motion) = item.decisive_motion()
                && let Some(vote) = &motion.vote
            {
                let passed =
                    evaluate(vote, motion.majority, session.basis(Some(item), vote.at)).passed;
                let contradicts =
                    (outcome.is_passed() && !passed) || (outcome == Outcome::Abgelehnt && passed);
                if contradicts {
                    out.push((
                        Severity::Fehler,
                        Problem::OutcomeContradictsVote { outcome, passed },
                    ));
                }
            }
        }
        None => {}
    }
    if item
        .motions
        .iter()
        .any(|m| m.kind == MotionKind::Beschlussvorschlag)
        && item.resolution_text().is_none()
    {
        // A vote on a Beschlussvorschlag nobody wrote down cannot be published.
        out.push((Severity::Warnung, Problem::MissingProposal));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Motion, Paragraph, Time, Vote};

    fn problems(s: &Session) -> Vec<(Option<String>, Problem)> {
        check(s).into_iter().map(|f| (f.item, f.problem)).collect()
    }

    #[test]
    fn items_never_called_or_without_any_entry_and_unchanged_after_an_adopted_amendment() {
        let mut s = Session::new("Rat", chrono::NaiveDate::from_ymd_opt(2024, 3, 14).unwrap());
        s.start = Time::hm(19, 0);
        let mut called = AgendaItem::new("1", "Eröffnung");
        called.started = Time::hm(19, 0);
        let never = AgendaItem::new("2", "Anfragen");
        let heading = AgendaItem::new("3", "Bauleitplanung");
        let mut sub = AgendaItem::new("3.1", "Bebauungsplan Nr. 12");
        sub.started = Time::hm(19, 10);
        sub.minutes
            .push(Paragraph::plain("Der Bebauungsplan wird erläutert."));
        let mut amended = AgendaItem::new("4", "Sporthalle");
        amended.started = Time::hm(19, 20);
        amended.proposal = Some("Die Sanierung wird beschlossen.".into());
        amended.motions.push(Motion {
            kind: MotionKind::Aenderungsantrag,
            vote: Some(Vote::new(3, 1, 0)),
            ..Motion::default()
        });
        amended.outcome = Some(Outcome::UngeaendertBeschlossen);
        let mut changed = amended.clone();
        changed.number = "5".into();
        changed.outcome = Some(Outcome::GeaendertBeschlossen);
        s.agenda = vec![called, never, heading, sub, amended, changed];
        let found = problems(&s);
        assert!(
            found.contains(&(Some("1".into()), Problem::NoEntry)),
            "{found:?}"
        );
        assert!(
            found.contains(&(Some("2".into()), Problem::NeverCalled)),
            "{found:?}"
        );
        assert!(
            found.contains(&(Some("4".into()), Problem::UnchangedAfterAdoptedAmendment)),
            "{found:?}"
        );
        assert!(
            found.contains(&(Some("5".into()), Problem::AmendedWordingMissing)),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(i, _)| i.as_deref() == Some("3")),
            "a heading over sub-items is no empty item: {found:?}"
        );
    }
}
