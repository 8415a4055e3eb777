//! What recording a vote means: the actions a counted vote becomes, the main motion it may
//! create, and the outcome the vote on the Beschlussvorschlag implies. The screen only asks.

use super::action::Action;
use super::item::{AgendaItem, GoKind, Motion, MotionKind, Outcome};
use super::session::Session;
use super::vote::{Evaluation, Majority, Vote, evaluate};

impl AgendaItem {
    /// Amendments (Änderungsanträge) not voted on yet: the vote on the Beschlussvorschlag
    /// should wait for them.
    pub fn open_amendments(&self) -> usize {
        self.motions
            .iter()
            .filter(|m| m.kind == MotionKind::Aenderungsantrag && m.vote.is_none())
            .count()
    }

    /// The row of the motion pane to vote on next: the first motion without a vote, procedural
    /// motions first, then amendments, before the vote on the Beschlussvorschlag; `motions.len()` is the row that creates that
    /// vote. `None` when everything is voted on.
    pub fn next_to_vote(&self) -> Option<usize> {
        let open = |kind: Option<MotionKind>| {
            self.motions
                .iter()
                .position(|m| m.is_open() && kind.is_none_or(|k| m.kind == k))
        };
        // Procedural motions first, as soon as they are made; then amendments; then the rest.
        open(Some(MotionKind::GoAntrag))
            .or_else(|| open(Some(MotionKind::Aenderungsantrag)))
            .or_else(|| open(None))
            .or_else(|| self.main_motion().is_none().then_some(self.motions.len()))
    }

    /// What the Beschlussvorschlag edited to `text` means: the first one set; back to the
    /// original, the amendment taken away; anything else, the proposal amended (the original
    /// stays, the protocol shows both). `None` when nothing changes.
    pub fn proposal_edit(&self, text: String) -> Option<Action> {
        let item = self.number.clone();
        match &self.proposal {
            None if text.is_empty() => None,
            None => Some(Action::SetProposal { item, text }),
            Some(original) if *original == text => {
                self.amended_proposal.as_ref()?;
                Some(Action::AmendProposal { item, text: None })
            }
            Some(_) if self.resolution_text() == Some(text.as_str()) => None,
            Some(_) => Some(Action::AmendProposal {
                item,
                text: Some(text),
            }),
        }
    }
}

/// A counted vote, as [`Session::vote_actions`] turns it into actions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedVote {
    pub actions: Vec<Action>,
    pub evaluation: Evaluation,
    /// For the vote on the Beschlussvorschlag: the outcome it sets.
    pub outcome: Option<Outcome>,
}

impl Session {
    /// The votes already recorded that `actions` would make impossible (more votes than members
    /// present and entitled at their time), as (item, motion index); empty when the change is
    /// refused anyway. For a question before an attendance change.
    pub fn votes_made_impossible(&self, actions: &[Action]) -> Vec<(String, usize)> {
        use super::check::{Problem, check};
        let impossible = |s: &Session| -> Vec<(String, usize)> {
            check(s)
                .into_iter()
                .filter_map(|f| match f.problem {
                    Problem::ImpossibleCount { motion, .. } => Some((f.item?, motion - 1)),
                    _ => None,
                })
                .collect()
        };
        let mut after = self.clone();
        if after.apply_change(actions).is_err() {
            return Vec::new();
        }
        let before = impossible(self);
        impossible(&after)
            .into_iter()
            .filter(|v| !before.contains(v))
            .collect()
    }
}

/// What an adopted procedural motion does to `item`: a Vertagung or Verweisung ends it with
/// that outcome, Schluss der Debatte empties the speaker queue, an Unterbrechung or the
/// exclusion of the public is recorded as the event it is.
fn go_effect(item: &AgendaItem, go: GoKind, at: Option<super::time::Time>) -> Vec<Action> {
    use super::event::{Event, EventKind};
    let number = item.number.clone();
    let event = |kind| Action::AddEvent {
        item: number.clone(),
        event: Event { at, kind },
    };
    match go {
        GoKind::Vertagung => vec![Action::SetOutcome {
            item: number.clone(),
            outcome: Some(Outcome::Vertagt),
        }],
        GoKind::Verweisung => vec![Action::SetOutcome {
            item: number.clone(),
            outcome: Some(Outcome::Verwiesen),
        }],
        GoKind::SchlussDerDebatte => (0..item.speakers.waiting.len())
            .rev()
            .map(|index| Action::RemoveSpeaker {
                item: number.clone(),
                index,
            })
            .collect(),
        GoKind::Unterbrechung => vec![event(EventKind::Unterbrechung { until: None })],
        GoKind::AusschlussDerOeffentlichkeit => {
            vec![event(EventKind::OeffentlichkeitAusgeschlossen)]
        }
        GoKind::SchlussDerRednerliste
        | GoKind::UebergangZurTagesordnung
        | GoKind::BegrenzungDerRedezeit
        | GoKind::Dringlichkeit => Vec::new(),
    }
}

use super::event::URGENCY_REJECTED;

impl Session {
    /// The actions that insert `item` at `position`. In the meeting an item added is a
    /// decision on the agenda (Dringlichkeit), recorded where the agenda is decided on
    /// ([`Session::agenda_decision_item`], returned too): a procedural motion with the majority
    /// the Land asks for, voted on first like any other, and the event that extends the agenda.
    pub fn insert_item_actions(
        &self,
        item: AgendaItem,
        position: usize,
        at: super::time::Time,
    ) -> (Vec<Action>, Option<String>) {
        use super::event::{Event, EventKind};
        let number = item.number.clone();
        let mut actions = vec![Action::AddItem {
            item,
            position: Some(position),
        }];
        let decided_in = self
            .running()
            .then(|| self.agenda_decision_item(&number))
            .flatten();
        if let Some(at_item) = &decided_in {
            actions.push(Action::AddMotion {
                item: at_item.clone(),
                motion: Motion {
                    kind: MotionKind::GoAntrag,
                    go: Some(GoKind::Dringlichkeit),
                    majority: self.land.urgency_majority(),
                    about: Some(number.clone()),
                    ..Motion::default()
                },
            });
            actions.push(Action::AddEvent {
                item: at_item.clone(),
                event: Event {
                    at: Some(at),
                    kind: EventKind::TagesordnungErweitert { item: number },
                },
            });
        }
        (actions, decided_in)
    }

    /// The urgent item the Dringlichkeit `motion` of `item` is about, if it is one and that item
    /// is still on the agenda.
    pub fn urgent_item(&self, item: &AgendaItem, motion: usize) -> Option<String> {
        let m = item.motions.get(motion)?;
        if m.kind != MotionKind::GoAntrag || m.go != Some(GoKind::Dringlichkeit) {
            return None;
        }
        let about = m.about.as_deref()?;
        self.item(about).map(|i| i.number.clone())
    }

    /// What the vote on a Dringlichkeit does to the urgent item: rejected, it is taken off the
    /// agenda ("abgesetzt", with the reason, recorded where the urgency was voted on); adopted
    /// after all (a vote corrected), that is taken back. Nothing for any other motion.
    fn urgency_effect(
        &self,
        item: &AgendaItem,
        motion: usize,
        passed: bool,
        at: Option<super::time::Time>,
    ) -> Vec<Action> {
        use super::event::{Event, EventKind};
        let Some(urgent) = self.urgent_item(item, motion) else {
            return Vec::new();
        };
        let taken_off = self
            .item(&urgent)
            .is_some_and(|i| i.outcome == Some(Outcome::Abgesetzt));
        let ours = item.events.iter().rposition(|e| {
            matches!(&e.kind, EventKind::Abgesetzt { item: n, reason }
                if *n == urgent && reason.as_deref() == Some(URGENCY_REJECTED))
        });
        // An item already decided on is not taken off by a vote corrected afterwards.
        let undecided = self.item(&urgent).is_some_and(|i| i.outcome.is_none());
        match (passed, taken_off, ours) {
            (false, false, _) if undecided => vec![
                Action::SetOutcome {
                    item: urgent.clone(),
                    outcome: Some(Outcome::Abgesetzt),
                },
                Action::AddEvent {
                    item: item.number.clone(),
                    event: Event {
                        at,
                        kind: EventKind::Abgesetzt {
                            item: urgent,
                            reason: Some(URGENCY_REJECTED.to_string()),
                        },
                    },
                },
            ],
            (true, true, Some(index)) => vec![
                Action::SetOutcome {
                    item: urgent,
                    outcome: None,
                },
                Action::RemoveEvent {
                    item: item.number.clone(),
                    index,
                },
            ],
            _ => Vec::new(),
        }
    }

    /// The actions that call item `item` at `at`: the session opens with the first item
    /// called, if nobody opened it.
    pub fn open_item_actions(&self, item: &str, at: super::time::Time) -> Vec<Action> {
        let mut actions = Vec::new();
        if self.start.is_none() {
            actions.push(Action::StartSession { at });
        }
        actions.push(Action::OpenItem {
            item: item.to_string(),
            at,
        });
        actions
    }

    /// Whether an amendment to the Beschlussvorschlag of `item` was adopted.
    pub fn adopted_amendment(&self, item: &AgendaItem) -> bool {
        item.motions.iter().any(|m| {
            m.kind == MotionKind::Aenderungsantrag
                && m.vote
                    .is_some_and(|v| evaluate(&v, m.majority, self.basis(Some(item), v.at)).passed)
        })
    }

    /// Whether the Beschlussvorschlag of `item` stands changed when it is voted on: its text
    /// was amended, or an amendment to it was adopted. The one rule for the vote's caption,
    /// the outcome a vote sets and `check`.
    pub fn proposal_changed(&self, item: &AgendaItem) -> bool {
        item.amended_proposal.is_some() || self.adopted_amendment(item)
    }

    /// The actions that record `vote` with `majority` on motion `motion` of item `item`: with
    /// `None` on the Beschlussvorschlag, whose motion is created for it. The vote on the
    /// Beschlussvorschlag also sets the outcome: passed, "geändert beschlossen" when the
    /// proposal was amended or an amendment adopted, else "ungeändert beschlossen"; failed, "abgelehnt". `None` when the
    /// item or motion does not exist.
    pub fn vote_actions(
        &self,
        item: &str,
        motion: Option<usize>,
        majority: Majority,
        vote: Vote,
    ) -> Option<RecordedVote> {
        let item = self.item(item)?;
        let number = item.number.clone();
        let mut actions = Vec::new();
        let (index, kind) = match motion {
            Some(m) => {
                let existing = item.motions.get(m)?;
                if existing.majority != majority {
                    actions.push(Action::SetMajority {
                        item: number.clone(),
                        motion: m,
                        majority,
                    });
                }
                (m, existing.kind)
            }
            None => {
                actions.push(Action::AddMotion {
                    item: number.clone(),
                    motion: Motion {
                        kind: MotionKind::Beschlussvorschlag,
                        majority,
                        ..Motion::default()
                    },
                });
                (item.motions.len(), MotionKind::Beschlussvorschlag)
            }
        };
        actions.push(Action::RecordVote {
            item: number.clone(),
            motion: index,
            vote,
        });
        let evaluation = evaluate(&vote, majority, self.basis(Some(item), vote.at));
        let outcome = (kind == MotionKind::Beschlussvorschlag).then(|| match evaluation.passed {
            true if self.proposal_changed(item) => Outcome::GeaendertBeschlossen,
            true => Outcome::UngeaendertBeschlossen,
            false => Outcome::Abgelehnt,
        });
        if let Some(outcome) = outcome {
            actions.push(Action::SetOutcome {
                item: number.clone(),
                outcome: Some(outcome),
            });
        }
        // An adopted procedural motion does what it asked for.
        if evaluation.passed
            && let Some(go) = motion.and_then(|m| item.motions.get(m)).and_then(|m| m.go)
        {
            actions.extend(go_effect(item, go, vote.at));
        }
        // The urgency decided: rejected, the item inserted for it is taken off again.
        if let Some(m) = motion {
            actions.extend(self.urgency_effect(item, m, evaluation.passed, vote.at));
        }
        Some(RecordedVote {
            actions,
            evaluation,
            outcome,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        let mut s = Session::new("B", chrono::NaiveDate::from_ymd_opt(2024, 3, 14).unwrap());
        s.legal_members = Some(9);
        for i in 0..9 {
            s.persons.push(crate::domain::Person::member(
                &format!("m{i}"),
                crate::domain::Salutation::Frau,
                "",
                &format!("M{i}"),
            ));
        }
        s.agenda.push(AgendaItem::new("1", "x"));
        s
    }

    #[test]
    fn procedural_motions_are_voted_first_and_do_what_they_ask_once_adopted() {
        let mut s = session();
        let motion = |kind, go| Motion {
            kind,
            go,
            ..Motion::default()
        };
        s.agenda[0]
            .motions
            .push(motion(MotionKind::Aenderungsantrag, None));
        s.agenda[0]
            .motions
            .push(motion(MotionKind::GoAntrag, Some(GoKind::Vertagung)));
        assert_eq!(s.agenda[0].next_to_vote(), Some(1), "the GO-Antrag first");
        let got = s
            .vote_actions("1", Some(1), Majority::default(), Vote::new(5, 2, 0))
            .unwrap();
        s.apply_change(&got.actions).unwrap();
        assert_eq!(s.agenda[0].outcome, Some(Outcome::Vertagt));
        assert_eq!(s.agenda[0].next_to_vote(), Some(0), "then the amendment");
        // Schluss der Debatte empties the queue; rejected, it changes nothing.
        for i in 0..3 {
            s.agenda[0].speakers.push(crate::domain::Request {
                person: format!("m{i}"),
                kind: crate::domain::RequestKind::Wortmeldung,
                at: None,
            });
        }
        s.agenda[0].motions.push(motion(
            MotionKind::GoAntrag,
            Some(GoKind::SchlussDerDebatte),
        ));
        let rejected = s
            .vote_actions("1", Some(2), Majority::default(), Vote::new(2, 5, 0))
            .unwrap();
        s.apply_change(&rejected.actions).unwrap();
        assert_eq!(s.agenda[0].speakers.waiting.len(), 3);
        let adopted = s
            .vote_actions("1", Some(2), Majority::default(), Vote::new(5, 2, 0))
            .unwrap();
        s.apply_change(&adopted.actions).unwrap();
        assert!(s.agenda[0].speakers.waiting.is_empty());
    }

    /// A running session at TOP 1, with TOP 2 inserted as urgent: its Dringlichkeit to vote on
    /// in TOP 1.
    fn with_urgent_item() -> Session {
        let mut s = session();
        let at = crate::domain::Time::hm(19, 0).unwrap();
        s.apply_change(&s.open_item_actions("1", at)).unwrap();
        let (actions, decided_in) = s.insert_item_actions(AgendaItem::new("2", "Dringlich"), 1, at);
        assert_eq!(decided_in.as_deref(), Some("1"));
        s.apply_change(&actions).unwrap();
        s.agenda[1]
            .minutes
            .push(crate::domain::Paragraph::plain("Schon begonnen."));
        s
    }

    fn urgency_vote(s: &mut Session, vote: Vote) {
        let majority = s.agenda[0].motions[0].majority;
        let got = s.vote_actions("1", Some(0), majority, vote).unwrap();
        s.apply_change(&got.actions).unwrap();
    }

    #[test]
    fn a_rejected_urgency_takes_the_urgent_item_off_in_one_step() {
        let mut s = with_urgent_item();
        assert_eq!(s.urgent_item(&s.agenda[0], 0).as_deref(), Some("2"));
        let before = s.clone();
        // Two thirds of the legal number (9) are 6: five are too few.
        urgency_vote(&mut s, Vote::new(5, 2, 0));
        assert_eq!(s.agenda[1].outcome, Some(Outcome::Abgesetzt));
        assert!(s.agenda[0].events.iter().any(|e| matches!(&e.kind,
            crate::domain::EventKind::Abgesetzt { item, reason }
                if item == "2" && reason.as_deref() == Some(URGENCY_REJECTED))));
        // The same vote again adds nothing; undone, all of it goes at once.
        let events = s.agenda[0].events.len();
        urgency_vote(&mut s, Vote::new(5, 2, 0));
        assert_eq!(s.agenda[0].events.len(), events);
        s.apply_change(&[Action::Undo]).unwrap();
        s.apply_change(&[Action::Undo]).unwrap();
        assert_eq!(s.agenda, before.agenda);
    }

    #[test]
    fn an_adopted_urgency_keeps_the_item_and_a_corrected_vote_gives_it_back() {
        let mut s = with_urgent_item();
        urgency_vote(&mut s, Vote::new(6, 2, 0));
        assert_eq!(s.agenda[1].outcome, None);
        let adopted = s.agenda.clone();
        urgency_vote(&mut s, Vote::new(2, 6, 0));
        assert_eq!(s.agenda[1].outcome, Some(Outcome::Abgesetzt));
        urgency_vote(&mut s, Vote::new(6, 2, 0));
        assert_eq!(s.agenda[1].outcome, None);
        assert_eq!(s.agenda[0].events, adopted[0].events);
    }

    #[test]
    fn the_urgency_follows_its_item_when_it_is_renumbered_or_moved() {
        let mut s = with_urgent_item();
        s.apply(Action::SetNumber {
            item: "2".into(),
            number: "1a".into(),
        })
        .unwrap();
        assert_eq!(s.agenda[0].motions[0].about.as_deref(), Some("1a"));
        s.apply(Action::MoveMotion {
            item: "1".into(),
            from: 0,
            to: 0,
        })
        .unwrap();
        assert_eq!(s.urgent_item(&s.agenda[0], 0).as_deref(), Some("1a"));
    }

    #[test]
    fn a_urgency_vote_corrected_after_the_item_was_decided_leaves_its_outcome() {
        let mut s = with_urgent_item();
        urgency_vote(&mut s, Vote::new(6, 2, 0));
        s.agenda[1].outcome = Some(Outcome::UngeaendertBeschlossen);
        urgency_vote(&mut s, Vote::new(2, 6, 0));
        assert_eq!(s.agenda[1].outcome, Some(Outcome::UngeaendertBeschlossen));
        urgency_vote(&mut s, Vote::new(6, 2, 0));
        assert_eq!(s.agenda[1].outcome, Some(Outcome::UngeaendertBeschlossen));
    }

    #[test]
    fn a_urgency_about_an_item_no_longer_there_takes_nothing_off() {
        let mut s = with_urgent_item();
        // Edited by hand to name an item the agenda does not have.
        s.agenda[0].motions[0].about = Some("99".into());
        assert_eq!(s.urgent_item(&s.agenda[0], 0), None);
        urgency_vote(&mut s, Vote::new(1, 6, 0));
        assert_eq!(s.agenda[1].outcome, None);
    }

    #[test]
    fn an_edited_proposal_is_set_amended_or_given_back() {
        let mut item = AgendaItem::new("1", "x");
        assert_eq!(item.proposal_edit(String::new()), None);
        assert!(matches!(
            item.proposal_edit("A".into()),
            Some(Action::SetProposal { .. })
        ));
        item.proposal = Some("A".into());
        assert_eq!(item.proposal_edit("A".into()), None, "unchanged");
        assert!(matches!(
            item.proposal_edit("B".into()),
            Some(Action::AmendProposal { text: Some(_), .. })
        ));
        item.amended_proposal = Some("B".into());
        assert_eq!(item.proposal_edit("B".into()), None, "as amended already");
        assert!(matches!(
            item.proposal_edit("A".into()),
            Some(Action::AmendProposal { text: None, .. })
        ));
    }

    #[test]
    fn the_session_opens_with_the_first_item_called() {
        let mut s = session();
        let at = crate::domain::Time::hm(19, 0).unwrap();
        let first = s.open_item_actions("1", at);
        assert!(matches!(first[0], Action::StartSession { .. }));
        for a in first {
            s.apply(a).unwrap();
        }
        assert_eq!(s.open_item_actions("1", at).len(), 1, "opened already");
    }

    #[test]
    fn the_first_vote_creates_the_main_motion_and_sets_the_outcome() {
        let s = session();
        let got = s
            .vote_actions("1", None, Majority::default(), Vote::new(5, 2, 1))
            .unwrap();
        assert!(matches!(got.actions[0], Action::AddMotion { .. }));
        assert!(matches!(
            got.actions[1],
            Action::RecordVote { motion: 0, .. }
        ));
        assert_eq!(got.outcome, Some(Outcome::UngeaendertBeschlossen));
        let mut applied = s.clone();
        for a in got.actions {
            applied.apply(a).unwrap();
        }
        assert_eq!(
            applied.agenda[0].outcome,
            Some(Outcome::UngeaendertBeschlossen)
        );
    }

    #[test]
    fn an_amended_proposal_passes_changed_and_a_failed_vote_rejects() {
        let mut s = session();
        s.agenda[0].amended_proposal = Some("geändert".into());
        let passed = s.vote_actions("1", None, Majority::default(), Vote::new(5, 2, 0));
        assert_eq!(passed.unwrap().outcome, Some(Outcome::GeaendertBeschlossen));
        let failed = s.vote_actions("1", None, Majority::default(), Vote::new(2, 5, 0));
        assert_eq!(failed.unwrap().outcome, Some(Outcome::Abgelehnt));
    }

    #[test]
    fn after_an_adopted_amendment_the_proposal_passes_changed() {
        let mut s = session();
        s.agenda[0].motions.push(Motion {
            kind: MotionKind::Aenderungsantrag,
            vote: Some(Vote::new(2, 5, 0)),
            ..Motion::default()
        });
        let after_rejected = s.vote_actions("1", None, Majority::default(), Vote::new(5, 2, 0));
        assert_eq!(
            after_rejected.unwrap().outcome,
            Some(Outcome::UngeaendertBeschlossen)
        );
        s.agenda[0].motions[0].vote = Some(Vote::new(5, 2, 0));
        assert!(s.proposal_changed(&s.agenda[0]));
        let passed = s.vote_actions("1", None, Majority::default(), Vote::new(5, 2, 0));
        assert_eq!(passed.unwrap().outcome, Some(Outcome::GeaendertBeschlossen));
    }

    #[test]
    fn a_vote_on_an_amendment_sets_no_outcome_and_a_new_majority_is_recorded() {
        let mut s = session();
        s.agenda[0].motions.push(Motion {
            kind: MotionKind::Aenderungsantrag,
            ..Motion::default()
        });
        let other = Majority::default().next();
        let got = s
            .vote_actions("1", Some(0), other, Vote::new(5, 2, 0))
            .unwrap();
        assert_eq!(got.outcome, None);
        assert!(matches!(
            got.actions[0],
            Action::SetMajority { motion: 0, .. }
        ));
        assert!(
            s.vote_actions("1", Some(3), other, Vote::new(1, 0, 0))
                .is_none()
        );
        assert!(
            s.vote_actions("9", None, other, Vote::new(1, 0, 0))
                .is_none()
        );
    }
}
