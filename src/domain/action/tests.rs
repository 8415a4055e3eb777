use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::check::{Problem, check};
use crate::domain::{MotionKind, Outcome, RequestKind, Salutation};
use crate::domain::{Presence, Request, TimeOf};

fn t(h: u32, m: u32) -> Time {
    Time::hm(h, m).unwrap()
}

/// Three members (a, b, c), one staff member (v), items 1, 2, 2.1 and 3.
fn session() -> Session {
    let mut s = Session::new(
        "Bauausschuss",
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
    );
    for (id, name) in [("a", "Ahrens"), ("b", "Brandt"), ("c", "Claussen")] {
        s.apply(Action::AddPerson(Person::member(
            id,
            Salutation::Herr,
            "",
            name,
        )))
        .unwrap();
    }
    let mut staff = Person::member("v", Salutation::Frau, "", "Voss");
    staff.kind = crate::domain::PersonKind::Verwaltung;
    s.apply(Action::AddPerson(staff)).unwrap();
    for n in ["1", "2", "2.1", "3"] {
        s.apply(Action::AddItem {
            item: AgendaItem::new(n, &format!("TOP {n}")),
            position: None,
        })
        .unwrap();
    }
    s
}

fn item(n: &str) -> String {
    n.to_string()
}

#[test]
fn giving_the_floor_opens_a_paragraph_with_the_speaker() {
    let mut s = session();
    let request = Request {
        person: "b".into(),
        kind: RequestKind::Wortmeldung,
        at: None,
    };
    s.apply(Action::AddSpeaker {
        item: item("2"),
        request,
    })
    .unwrap();
    s.apply(Action::GiveFloor {
        item: item("2"),
        at: t(19, 10),
        limit_secs: Some(180),
    })
    .unwrap();
    let i = s.item("2").unwrap();
    assert_eq!(i.minutes.len(), 1);
    assert_eq!(i.minutes[0].speaker.as_deref(), Some("b"));
    assert_eq!(i.minutes[0].at, Some(t(19, 10)));
    assert_eq!(i.speakers.current().map(|t| t.person.as_str()), Some("b"));
    assert!(i.speakers.waiting.is_empty());
}

#[test]
fn giving_the_floor_with_nobody_waiting_is_refused() {
    let mut s = session();
    let before = s.clone();
    let err = s.apply(Action::GiveFloor {
        item: item("1"),
        at: t(19, 0),
        limit_secs: None,
    });
    assert_eq!(err, Err(ApplyError::QueueEmpty));
    assert_eq!(s, before);
}

#[test]
fn opening_an_item_closes_the_previous_one() {
    let mut s = session();
    s.apply(Action::OpenItem {
        item: item("1"),
        at: t(19, 0),
    })
    .unwrap();
    s.apply(Action::OpenItem {
        item: item("2"),
        at: t(19, 20),
    })
    .unwrap();
    assert_eq!(s.item("1").unwrap().ended, Some(t(19, 20)));
    assert_eq!(s.item("2").unwrap().started, Some(t(19, 20)));
    assert_eq!(s.current_item.as_deref(), Some("2"));
    s.apply(Action::EndSession { at: t(21, 0) }).unwrap();
    assert_eq!(s.item("2").unwrap().ended, Some(t(21, 0)));
    assert_eq!(s.current_item, None);
}

#[test]
fn a_vote_beyond_those_present_and_entitled_is_refused() {
    let mut s = session();
    s.apply(Action::AddMotion {
        item: item("1"),
        motion: Motion::default(),
    })
    .unwrap();
    s.apply(Action::DeclareBefangen {
        item: item("1"),
        person: "c".into(),
    })
    .unwrap();
    let before = s.clone();
    // Three members, one befangen: two may vote; staff never.
    let err = s.apply(Action::RecordVote {
        item: item("1"),
        motion: 0,
        vote: Vote::new(2, 0, 1),
    });
    assert_eq!(
        err,
        Err(ApplyError::Count(CountProblem::ExceedsEntitled {
            cast: 3,
            entitled: 2
        }))
    );
    assert_eq!(s, before);
    s.apply(Action::RecordVote {
        item: item("1"),
        motion: 0,
        vote: Vote::new(2, 0, 0),
    })
    .unwrap();
    assert_eq!(
        s.item("1").unwrap().motions[0].vote,
        Some(Vote::new(2, 0, 0))
    );
}

#[test]
fn a_vote_counts_only_members_present_at_its_time() {
    let mut s = session();
    s.apply(Action::AddMotion {
        item: item("1"),
        motion: Motion::default(),
    })
    .unwrap();
    s.apply(Action::Arrive {
        person: "a".into(),
        at: t(19, 30),
    })
    .unwrap();
    let early = Vote {
        at: Some(t(19, 15)),
        ..Vote::new(3, 0, 0)
    };
    assert!(
        s.apply(Action::RecordVote {
            item: item("1"),
            motion: 0,
            vote: early
        })
        .is_err()
    );
    let late = Vote {
        at: Some(t(19, 45)),
        ..Vote::new(3, 0, 0)
    };
    assert!(
        s.apply(Action::RecordVote {
            item: item("1"),
            motion: 0,
            vote: late
        })
        .is_ok()
    );
}

#[test]
fn motions_and_items_cannot_bring_impossible_votes_or_unknown_persons_in() {
    let mut s = session();
    let before = s.clone();
    let stuffed = Motion {
        vote: Some(Vote::new(100, 0, 0)),
        ..Motion::default()
    };
    let err = s.apply(Action::AddMotion {
        item: item("1"),
        motion: stuffed.clone(),
    });
    assert!(
        matches!(
            err,
            Err(ApplyError::Count(CountProblem::ExceedsEntitled {
                cast: 100,
                ..
            }))
        ),
        "{err:?}"
    );
    let mut ghostly = AgendaItem::new("7", "Geister");
    ghostly.speakers.push(Request {
        person: "ghost".into(),
        kind: RequestKind::Wortmeldung,
        at: None,
    });
    let err = s.apply(Action::AddItem {
        item: ghostly,
        position: None,
    });
    assert_eq!(err, Err(ApplyError::UnknownPerson("ghost".into())));
    let mut voted = AgendaItem::new("8", "Vorab abgestimmt");
    voted.motions.push(stuffed);
    assert!(
        s.apply(Action::AddItem {
            item: voted,
            position: None
        })
        .is_err()
    );
    assert_eq!(s, before);
}

#[test]
fn nobody_leaves_before_arriving() {
    let mut s = session();
    s.apply(Action::Arrive {
        person: "a".into(),
        at: t(20, 0),
    })
    .unwrap();
    let err = s.apply(Action::Leave {
        person: "a".into(),
        at: t(19, 0),
    });
    assert!(
        matches!(err, Err(ApplyError::LeavesBeforeArrival { .. })),
        "{err:?}"
    );
    s.apply(Action::Leave {
        person: "a".into(),
        at: t(21, 0),
    })
    .unwrap();
}

#[test]
fn a_befangen_member_cannot_ask_to_speak() {
    let mut s = session();
    s.apply(Action::DeclareBefangen {
        item: item("1"),
        person: "b".into(),
    })
    .unwrap();
    let request = Request {
        person: "b".into(),
        kind: RequestKind::Wortmeldung,
        at: None,
    };
    let err = s.apply(Action::AddSpeaker {
        item: item("1"),
        request,
    });
    assert_eq!(err, Err(ApplyError::BefangenCannotSpeak("b".into())));
}

#[test]
fn bavarian_rules_refuse_abstentions() {
    let mut s = session();
    s.land = crate::domain::Land::Bayern;
    s.apply(Action::AddMotion {
        item: item("1"),
        motion: Motion::default(),
    })
    .unwrap();
    let err = s.apply(Action::RecordVote {
        item: item("1"),
        motion: 0,
        vote: Vote::new(1, 1, 1),
    });
    assert_eq!(
        err,
        Err(ApplyError::Count(CountProblem::AbstentionNotAllowed {
            abstain: 1
        }))
    );
}

#[test]
fn renumbering_keeps_depth_and_follows_the_current_item() {
    let mut s = session();
    let urgent = AgendaItem::new("9", "Dringlichkeitsantrag");
    s.apply(Action::AddItem {
        item: urgent,
        position: Some(1),
    })
    .unwrap();
    s.apply(Action::OpenItem {
        item: item("2.1"),
        at: t(19, 0),
    })
    .unwrap();
    s.apply(Action::Renumber).unwrap();
    let numbers: Vec<&str> = s.agenda.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "3.1", "4"]);
    assert_eq!(s.agenda[1].title, "Dringlichkeitsantrag");
    assert_eq!(s.current_item.as_deref(), Some("3.1"));
}

#[test]
fn renumbering_keeps_the_current_item_when_numbers_swap() {
    let mut s = session();
    s.apply(Action::AddItem {
        item: AgendaItem::new("2.2", "Zwei-Zwei"),
        position: Some(2),
    })
    .unwrap();
    s.apply(Action::OpenItem {
        item: item("2.2"),
        at: t(19, 0),
    })
    .unwrap();
    // 2.2 now stands before 2.1: renumbering gives it 2.1 and the other 2.2.
    s.apply(Action::Renumber).unwrap();
    let current = s.current_item.clone().unwrap();
    assert_eq!(s.item(&current).unwrap().title, "Zwei-Zwei");
}

#[test]
fn items_need_valid_unique_numbers() {
    let mut s = session();
    let dup = s.apply(Action::AddItem {
        item: AgendaItem::new("2", "x"),
        position: None,
    });
    assert_eq!(dup, Err(ApplyError::DuplicateNumber("2".into())));
    let bad = s.apply(Action::SetNumber {
        item: item("3"),
        number: "../3".into(),
    });
    assert_eq!(bad, Err(ApplyError::InvalidNumber("../3".into())));
}

#[test]
fn unknown_persons_are_refused() {
    let mut s = session();
    let before = s.clone();
    let p = Paragraph {
        asked_by: vec!["zz".into()],
        ..Paragraph::by("a", "fragt.")
    };
    assert_eq!(
        s.apply(Action::AppendMinute {
            item: item("1"),
            paragraph: p
        }),
        Err(ApplyError::UnknownPerson("zz".into()))
    );
    assert_eq!(s, before);
}

#[test]
fn amending_the_proposal_keeps_the_original() {
    let mut s = session();
    s.apply(Action::SetProposal {
        item: item("1"),
        text: "Eins".into(),
    })
    .unwrap();
    s.apply(Action::AmendProposal {
        item: item("1"),
        text: Some("Zwei".into()),
    })
    .unwrap();
    let i = s.item("1").unwrap();
    assert_eq!(
        (i.proposal.as_deref(), i.resolution_text()),
        (Some("Eins"), Some("Zwei"))
    );
    s.apply(Action::AmendProposal {
        item: item("1"),
        text: None,
    })
    .unwrap();
    assert_eq!(s.item("1").unwrap().resolution_text(), Some("Eins"));
}

#[test]
fn actions_serialise_for_the_journal() {
    let action = Action::RecordVote {
        item: item("4.1"),
        motion: 0,
        vote: Vote::new(9, 2, 1),
    };
    let text = ron::to_string(&action).unwrap();
    assert_eq!(ron::from_str::<Action>(&text).unwrap(), action);
}

// Properties: any sequence of actions, valid or not, keeps the session consistent. (A count can
// become impossible afterwards, e.g. by a later Befangenheit; `check` reports that, so it is not
// an invariant of `apply`.)

fn number() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["1", "2", "2.1", "3", "4", "x", ""]).prop_map(str::to_string)
}

fn person() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "v", "zz"]).prop_map(str::to_string)
}

fn time() -> impl Strategy<Value = Time> {
    (18u32..23, 0u32..60).prop_map(|(h, m)| t(h, m))
}

fn action() -> impl Strategy<Value = Action> {
    let idx = 0usize..4;
    prop_oneof![
        (number(), time()).prop_map(|(item, at)| Action::OpenItem { item, at }),
        (number(), time()).prop_map(|(item, at)| Action::CloseItem { item, at }),
        time().prop_map(|at| Action::EndSession { at }),
        (number(), person(), "[a-zäöß ]{0,12}").prop_map(|(item, p, text)| Action::AppendMinute {
            item,
            paragraph: Paragraph::by(&p, &text)
        }),
        (number(), idx.clone(), "[a-z]{0,5}").prop_map(|(item, index, text)| Action::EditMinute {
            item,
            index,
            text
        }),
        (number(), idx.clone()).prop_map(|(item, index)| Action::RemoveMinute { item, index }),
        (number(), person()).prop_map(|(item, person)| Action::AddSpeaker {
            item,
            request: Request {
                person,
                kind: RequestKind::Wortmeldung,
                at: None
            }
        }),
        (number(), idx.clone(), idx.clone()).prop_map(|(item, from, to)| Action::MoveSpeaker {
            item,
            from,
            to
        }),
        (number(), time()).prop_map(|(item, at)| Action::GiveFloor {
            item,
            at,
            limit_secs: None
        }),
        (number(), number()).prop_map(|(item, number)| Action::SetNumber { item, number }),
        (number(), idx.clone()).prop_map(|(item, to)| Action::MoveItem { item, to }),
        number().prop_map(|item| Action::RemoveItem { item }),
        (number(), idx.clone()).prop_map(|(n, position)| Action::AddItem {
            item: AgendaItem::new(&n, "neu"),
            position: Some(position)
        }),
        Just(Action::Renumber),
        number().prop_map(|item| Action::AddMotion {
            item,
            motion: Motion {
                kind: MotionKind::Beschlussvorschlag,
                ..Motion::default()
            }
        }),
        (number(), 0usize..2, 0u32..4, 0u32..4, 0u32..3).prop_map(|(item, motion, y, n, a)| {
            Action::RecordVote {
                item,
                motion,
                vote: Vote::new(y, n, a),
            }
        }),
        (number(), person()).prop_map(|(item, person)| Action::DeclareBefangen { item, person }),
        (person(), time()).prop_map(|(person, at)| Action::Leave { person, at }),
        (person(), time()).prop_map(|(person, at)| Action::Arrive { person, at }),
        (person(), "[a-z]{1,6}").prop_map(|(id, family)| Action::AddPerson(Person::member(
            &id,
            Salutation::Frau,
            "",
            &family
        ))),
        (number(), any::<bool>()).prop_map(|(item, closed)| Action::SetClosed {
            item,
            closed,
            reason: None
        }),
        (number(), 0u32..5, 0u32..3).prop_map(|(item, y, n)| Action::AddMotion {
            item,
            motion: Motion {
                vote: Some(Vote::new(y, n, 0)),
                ..Motion::default()
            }
        }),
        (number(), prop::sample::select(Outcome::ALL.to_vec())).prop_map(|(item, o)| {
            Action::SetOutcome {
                item,
                outcome: Some(o),
            }
        }),
        time().prop_map(|at| Action::StartSession { at }),
        "[A-Za-z ]{0,8}".prop_map(Action::SetPlace),
        person().prop_map(Action::SetChair),
        person().prop_map(Action::SetMinuteTaker),
        (
            person(),
            prop::sample::select(vec![
                Presence::Anwesend,
                Presence::Entschuldigt,
                Presence::Fehlend
            ])
        )
            .prop_map(|(person, presence)| Action::SetPresence { person, presence }),
        (number(), "[a-z]{1,6}").prop_map(|(item, title)| Action::SetTitle { item, title }),
        (number(), idx.clone(), prop::collection::vec(person(), 0..3)).prop_map(
            |(item, index, persons)| Action::SetAskedBy {
                item,
                index,
                persons
            }
        ),
        (number(), idx.clone()).prop_map(|(item, index)| Action::RemoveSpeaker { item, index }),
        (number(), time()).prop_map(|(item, at)| Action::EndTurn { item, at }),
        (number(), "[a-z]{1,6}").prop_map(|(item, text)| Action::SetProposal { item, text }),
        (number(), proptest::option::of("[a-z]{1,6}"))
            .prop_map(|(item, text)| Action::AmendProposal { item, text }),
        (number(), 0usize..2).prop_map(|(item, motion)| Action::SetMajority {
            item,
            motion,
            majority: Majority::ZweiDrittel
        }),
        (number(), person()).prop_map(|(item, person)| Action::WithdrawBefangen { item, person }),
        (time(), 0usize..8, number(), person(), idx.clone()).prop_map(
            |(at, which, item, person, index)| {
                let of = match which {
                    0 => TimeOf::SessionStart,
                    1 => TimeOf::SessionEnd,
                    2 => TimeOf::ItemStart { item },
                    3 => TimeOf::ItemEnd { item },
                    4 => TimeOf::Paragraph { item, index },
                    5 => TimeOf::Vote {
                        item,
                        motion: index,
                    },
                    6 => TimeOf::Arrival { person },
                    _ => TimeOf::Departure { person },
                };
                Action::SetTime { of, at: Some(at) }
            }
        ),
        (
            number(),
            idx.clone(),
            proptest::option::of(person()),
            any::<bool>()
        )
            .prop_map(|(item, index, person, as_written)| Action::SetSpeaker {
                item,
                index,
                person,
                as_written
            }),
        (person(), "[a-z]{1,6}", proptest::option::of(person())).prop_map(
            |(id, family, deputy)| {
                let mut p = Person::member(&id, Salutation::Herr, "", &family);
                p.deputy_for = deputy;
                Action::SetPerson(p)
            }
        ),
        person().prop_map(|person| Action::RemovePerson { person }),
        (
            "[A-Za-z ]{0,8}",
            proptest::option::of("[0-9]{1,2}"),
            0u32..12
        )
            .prop_map(|(body, number, legal)| Action::SetSessionInfo {
                body,
                number,
                place: None,
                land: crate::domain::Land::Bayern,
                legal_members: (legal > 0).then_some(legal),
            }),
        (number(), event()).prop_map(|(item, event)| Action::AddEvent { item, event }),
        (number(), 0usize..2, prop::collection::vec(0u32..3, 2)).prop_map(
            |(item, motion, votes)| Action::SetElection {
                item,
                motion,
                election: crate::domain::election::Election {
                    office: "Schriftführung".into(),
                    candidates: vec!["a".into(), "b".into()],
                    rounds: vec![crate::domain::election::Round {
                        votes,
                        ..Default::default()
                    }],
                    lot: None,
                },
            }
        ),
        (
            number(),
            0usize..2,
            prop::sample::select(vec![
                crate::domain::BallotKind::Offen,
                crate::domain::BallotKind::Namentlich,
                crate::domain::BallotKind::Geheim,
            ]),
            prop::collection::vec(
                (
                    person(),
                    prop::sample::select(vec![
                        crate::domain::Answer::Ja,
                        crate::domain::Answer::Nein,
                        crate::domain::Answer::Enthaltung,
                    ])
                ),
                0..3
            ),
            0u32..2
        )
            .prop_map(|(item, motion, kind, names, invalid)| Action::SetBallot {
                item,
                motion,
                ballot: crate::domain::Ballot {
                    kind,
                    names: names
                        .into_iter()
                        .map(|(person, answer)| crate::domain::NamedVote { person, answer })
                        .collect(),
                    invalid,
                },
            }),
        (person(), 1u32..28).prop_map(|(by, day)| Action::Sign {
            by,
            date: chrono::NaiveDate::from_ymd_opt(2024, 4, day).unwrap_or_default(),
        }),
        (1u32..28, proptest::option::of(number())).prop_map(|(day, item)| Action::Correct(
            crate::domain::life::Correction {
                date: chrono::NaiveDate::from_ymd_opt(2024, 4, day).unwrap_or_default(),
                item,
                text: "Es muss heißen: 12".into(),
            }
        )),
        (1u32..28).prop_map(|day| Action::Approve(crate::domain::life::Approval {
            date: chrono::NaiveDate::from_ymd_opt(2024, 5, day).unwrap_or_default(),
            session: "Sitzung vom 02.05.2024".into(),
            objections: None,
        })),
        (1u32..28).prop_map(|day| Action::Publish {
            date: chrono::NaiveDate::from_ymd_opt(2024, 5, day).unwrap_or_default(),
        }),
        (number(), 0usize..3, 0usize..3).prop_map(|(item, from, to)| Action::MoveMotion {
            item,
            from,
            to
        }),
        (number(), idx.clone(), event()).prop_map(|(item, index, event)| Action::SetEvent {
            item,
            index,
            event
        }),
        (number(), idx.clone()).prop_map(|(item, index)| Action::RemoveEvent { item, index }),
        Just(Action::Undo),
        Just(Action::Redo),
    ]
}

/// Events of every kind, with times that may be in the wrong order.
fn event() -> impl Strategy<Value = crate::domain::Event> {
    use crate::domain::{Event, EventKind};
    (
        proptest::option::of(time()),
        0usize..EventKind::ALL.len(),
        person(),
        proptest::option::of(time()),
    )
        .prop_map(|(at, which, person, until)| {
            let kind = match EventKind::ALL[which].clone() {
                EventKind::Vorsitz { .. } => EventKind::Vorsitz { person },
                EventKind::Unterbrechung { .. } => EventKind::Unterbrechung { until },
                EventKind::Losentscheid { .. } => EventKind::Losentscheid {
                    about: "den 5. Sitz".into(),
                    result: "SPD".into(),
                    drawn_by: until.map(|_| person),
                },
                other => other,
            };
            Event { at, kind }
        })
}

/// Every kind of action by name; a kind added to `Action` must be added here (the match is
/// exhaustive) and to `action()` above (the test below finds it missing).
fn kind(action: &Action) -> &'static str {
    use Action as A;
    match action {
        A::StartSession { .. } => "StartSession",
        A::EndSession { .. } => "EndSession",
        A::SetPlace(_) => "SetPlace",
        A::SetChair(_) => "SetChair",
        A::SetMinuteTaker(_) => "SetMinuteTaker",
        A::AddPerson(_) => "AddPerson",
        A::SetPerson(_) => "SetPerson",
        A::RemovePerson { .. } => "RemovePerson",
        A::SetSessionInfo { .. } => "SetSessionInfo",
        A::SetPresence { .. } => "SetPresence",
        A::Arrive { .. } => "Arrive",
        A::Leave { .. } => "Leave",
        A::AddItem { .. } => "AddItem",
        A::RemoveItem { .. } => "RemoveItem",
        A::MoveItem { .. } => "MoveItem",
        A::SetNumber { .. } => "SetNumber",
        A::Renumber => "Renumber",
        A::SetTitle { .. } => "SetTitle",
        A::SetClosed { .. } => "SetClosed",
        A::OpenItem { .. } => "OpenItem",
        A::CloseItem { .. } => "CloseItem",
        A::AppendMinute { .. } => "AppendMinute",
        A::EditMinute { .. } => "EditMinute",
        A::SetAskedBy { .. } => "SetAskedBy",
        A::SetSpeaker { .. } => "SetSpeaker",
        A::RemoveMinute { .. } => "RemoveMinute",
        A::AddSpeaker { .. } => "AddSpeaker",
        A::RemoveSpeaker { .. } => "RemoveSpeaker",
        A::MoveSpeaker { .. } => "MoveSpeaker",
        A::GiveFloor { .. } => "GiveFloor",
        A::EndTurn { .. } => "EndTurn",
        A::SetProposal { .. } => "SetProposal",
        A::AmendProposal { .. } => "AmendProposal",
        A::SetMajority { .. } => "SetMajority",
        A::AddMotion { .. } => "AddMotion",
        A::RecordVote { .. } => "RecordVote",
        A::DeclareBefangen { .. } => "DeclareBefangen",
        A::WithdrawBefangen { .. } => "WithdrawBefangen",
        A::SetOutcome { .. } => "SetOutcome",
        A::SetTime { .. } => "SetTime",
        A::AddEvent { .. } => "AddEvent",
        A::SetBallot { .. } => "SetBallot",
        A::MoveMotion { .. } => "MoveMotion",
        A::Sign { .. } => "Sign",
        A::Approve(_) => "Approve",
        A::Publish { .. } => "Publish",
        A::Correct(_) => "Correct",
        A::SetElection { .. } => "SetElection",
        A::SetEvent { .. } => "SetEvent",
        A::RemoveEvent { .. } => "RemoveEvent",
        A::Undo => "Undo",
        A::Redo => "Redo",
    }
}

/// The session without what undo keeps.
fn without_history(s: &Session) -> Session {
    Session {
        history: Default::default(),
        ..s.clone()
    }
}

#[test]
fn the_generated_actions_cover_every_kind_and_undo_takes_each_back() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = action();
    let mut seen = std::collections::BTreeSet::new();
    let mut undone = std::collections::BTreeSet::new();
    for _ in 0..20_000 {
        let action = strategy.new_tree(&mut runner).unwrap().current();
        seen.insert(kind(&action));
        if matches!(action, Action::Undo | Action::Redo) {
            continue;
        }
        // Some state for the action to act on: a running item, a queue, a paragraph, a vote.
        let mut s = session();
        for a in [
            Action::OpenItem {
                item: item("2"),
                at: t(19, 0),
            },
            Action::AppendMinute {
                item: item("2"),
                paragraph: Paragraph::by("a", "Text"),
            },
            Action::AddSpeaker {
                item: item("2"),
                request: Request {
                    person: "b".into(),
                    kind: RequestKind::Wortmeldung,
                    at: None,
                },
            },
            Action::AddSpeaker {
                item: item("2"),
                request: Request {
                    person: "c".into(),
                    kind: RequestKind::Wortmeldung,
                    at: None,
                },
            },
            Action::AddMotion {
                item: item("2"),
                motion: Motion::default(),
            },
            Action::AddEvent {
                item: item("2"),
                event: crate::domain::Event {
                    at: Some(t(19, 5)),
                    kind: crate::domain::EventKind::BeschlussfaehigkeitFestgestellt,
                },
            },
        ] {
            s.apply_change(&[a]).unwrap();
        }
        // The life of the Niederschrift begins after the meeting; all but a signature after
        // the signatures.
        if action.is_life() {
            s.apply_change(&[Action::EndSession { at: t(21, 0) }])
                .unwrap();
            if !matches!(action, Action::Sign { .. }) {
                let date = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default();
                for by in s.signers().into_iter().chain(["a".to_string()]) {
                    let _ = s.apply_change(&[Action::Sign { by, date }]);
                }
            }
        }
        let before = s.clone();
        if s.apply_change(std::slice::from_ref(&action)).is_err() {
            continue;
        }
        let after = s.clone();
        s.apply_change(&[Action::Undo]).unwrap();
        assert_eq!(
            without_history(&s),
            without_history(&before),
            "undo of {action:?}"
        );
        s.apply_change(&[Action::Redo]).unwrap();
        assert_eq!(
            without_history(&s),
            without_history(&after),
            "redo of {action:?}"
        );
        undone.insert(kind(&action));
    }
    let all: std::collections::BTreeSet<_> = ALL_KINDS.iter().copied().collect();
    assert_eq!(seen, all, "kinds the strategy never makes");
    let not_undone: Vec<_> = all
        .difference(&undone)
        .filter(|k| !matches!(**k, "Undo" | "Redo"))
        .collect();
    assert!(
        not_undone.is_empty(),
        "never applied and undone: {not_undone:?}"
    );
}

const ALL_KINDS: [&str; 52] = [
    "StartSession",
    "EndSession",
    "SetPlace",
    "SetChair",
    "SetMinuteTaker",
    "AddPerson",
    "SetPerson",
    "RemovePerson",
    "SetSessionInfo",
    "SetPresence",
    "Arrive",
    "Leave",
    "AddItem",
    "RemoveItem",
    "MoveItem",
    "SetNumber",
    "Renumber",
    "SetTitle",
    "SetClosed",
    "OpenItem",
    "CloseItem",
    "AppendMinute",
    "EditMinute",
    "SetAskedBy",
    "SetSpeaker",
    "RemoveMinute",
    "AddSpeaker",
    "RemoveSpeaker",
    "MoveSpeaker",
    "GiveFloor",
    "EndTurn",
    "SetProposal",
    "AmendProposal",
    "SetMajority",
    "AddMotion",
    "RecordVote",
    "DeclareBefangen",
    "WithdrawBefangen",
    "SetOutcome",
    "SetTime",
    "AddEvent",
    "SetBallot",
    "MoveMotion",
    "Sign",
    "Approve",
    "Publish",
    "Correct",
    "SetElection",
    "SetEvent",
    "RemoveEvent",
    "Undo",
    "Redo",
];

proptest! {
    #[test]
    fn refused_actions_change_nothing_and_accepted_ones_keep_the_session_consistent(
        actions in prop::collection::vec(action(), 1..40)
    ) {
        let mut s = session();
        for action in actions {
            let before = s.clone();
            match s.apply(action.clone()) {
                Err(e) => prop_assert_eq!(&s, &before, "{:?} refused with {} but changed the session", action, e),
                Ok(()) => {
                    // Whatever brings a vote in is checked against those entitled at that moment.
                    // (Earlier votes may turn impossible through later events; `check` reports those.)
                    let touched: Option<(String, Option<usize>)> = match &action {
                        Action::AddMotion { item, .. } => {
                            Some((item.clone(), s.item(item).map(|i| i.motions.len())))
                        }
                        Action::RecordVote { item, motion, .. } => Some((item.clone(), Some(motion + 1))),
                        Action::AddItem { item, .. } => Some((item.number.clone(), None)),
                        _ => None,
                    };
                    let impossible: Vec<_> = check(&s)
                        .into_iter()
                        .filter(|f| match (&touched, &f.problem) {
                            (Some((item, motion)), Problem::ImpossibleCount { motion: m, .. }) => {
                                f.item.as_ref() == Some(item) && motion.is_none_or(|x| x == *m)
                            }
                            _ => false,
                        })
                        .collect();
                    prop_assert!(impossible.is_empty(), "after {:?}: {:?}", action, impossible);
                    let broken: Vec<_> = check(&s)
                        .into_iter()
                        .filter(|f| matches!(
                            f.problem,
                            Problem::UnknownPerson(_) | Problem::DuplicateNumber | Problem::InvalidNumber
                                | Problem::UnknownCurrentItem(_)
                        ))
                        .collect();
                    prop_assert!(broken.is_empty(), "after {:?}: {:?}", action, broken);
                }
            }
        }
    }
}

proptest! {
    /// Any sequence of changes, undos and redos: undoing all that can be undone gives back the
    /// session as it was (when no more changes were made than undo keeps).
    #[test]
    fn undoing_every_change_gives_back_the_start(
        actions in prop::collection::vec(action(), 1..40)
    ) {
        let mut s = session();
        let start = s.clone();
        for action in actions {
            let before = s.clone();
            if let Err(e) = s.apply_change(std::slice::from_ref(&action)) {
                prop_assert_eq!(&s, &before, "{:?} refused with {} but changed the session", action, e);
            }
        }
        while s.apply_change(&[Action::Undo]).is_ok() {}
        prop_assert_eq!(without_history(&s), without_history(&start));
    }
}

#[test]
fn events_name_only_persons_there_and_a_break_ends_after_it_began() {
    use crate::domain::{Event, EventKind};
    let mut s = session();
    let chair = |person: &str| Action::AddEvent {
        item: item("2"),
        event: Event {
            at: Some(t(19, 30)),
            kind: EventKind::Vorsitz {
                person: person.into(),
            },
        },
    };
    assert_eq!(
        s.apply(chair("x")),
        Err(ApplyError::UnknownPerson("x".into()))
    );
    s.apply(chair("b")).unwrap();
    // Herr Brandt chaired part of TOP 2: he stays in the list.
    assert!(matches!(
        s.apply(Action::RemovePerson { person: "b".into() }),
        Err(ApplyError::PersonInUse(_))
    ));
    let backwards = Event {
        at: Some(t(19, 30)),
        kind: EventKind::Unterbrechung {
            until: Some(t(19, 20)),
        },
    };
    assert!(matches!(
        s.apply(Action::SetEvent {
            item: item("2"),
            index: 0,
            event: backwards
        }),
        Err(ApplyError::BreakEndsBeforeItBegins { .. })
    ));
    assert!(matches!(
        s.apply(Action::RemoveEvent {
            item: item("2"),
            index: 1
        }),
        Err(ApplyError::NoSuchIndex { index: 1, len: 1 })
    ));
}

#[test]
fn a_seat_has_one_deputy_and_a_deputy_is_no_seat() {
    let mut s = session();
    let deputy = |id: &str, of: &str| {
        let mut p = s.person(id).unwrap().clone();
        p.deputy_for = Some(of.into());
        Action::SetPerson(p)
    };
    let (a_for_b, c_for_b, b_for_a) = (deputy("a", "b"), deputy("c", "b"), deputy("b", "a"));
    s.apply(a_for_b).unwrap();
    assert!(
        matches!(s.apply(c_for_b), Err(ApplyError::DeputyConflict(_))),
        "two deputies for one seat"
    );
    assert!(
        matches!(s.apply(b_for_a), Err(ApplyError::DeputyConflict(_))),
        "a cycle"
    );
    let mut d = Person::member("d", Salutation::Herr, "", "Dahl");
    d.deputy_for = Some("a".into());
    assert!(
        matches!(
            s.apply(Action::AddPerson(d)),
            Err(ApplyError::DeputyConflict(_))
        ),
        "a deputy of a deputy"
    );
}

#[test]
fn a_candidate_stays_in_the_list_and_a_hand_edited_ballot_is_found_by_check() {
    use crate::domain::check::{Problem, check};
    use crate::domain::election::{Election, Round};
    let mut s = session();
    s.apply(Action::AddMotion {
        item: item("2"),
        motion: Motion::default(),
    })
    .unwrap();
    s.apply(Action::SetElection {
        item: item("2"),
        motion: 0,
        election: Election {
            office: "Schriftführung".into(),
            candidates: vec!["b".into(), "c".into()],
            rounds: vec![Round {
                votes: vec![2, 1],
                ..Round::default()
            }],
            lot: None,
        },
    })
    .unwrap();
    assert!(matches!(
        s.apply(Action::RemovePerson { person: "b".into() }),
        Err(ApplyError::PersonInUse(_))
    ));
    // By hand: a roll call whose names say 1 yes where the count says 3.
    let two = s.agenda.iter().position(|i| i.number == "2").unwrap();
    s.agenda[two].motions.push(Motion {
        vote: Some(Vote::new(3, 0, 0)),
        ballot: crate::domain::Ballot {
            kind: crate::domain::BallotKind::Namentlich,
            names: vec![crate::domain::NamedVote {
                person: "a".into(),
                answer: crate::domain::Answer::Ja,
            }],
            invalid: 0,
        },
        ..Motion::default()
    });
    let found: Vec<Problem> = check(&s).into_iter().map(|f| f.problem).collect();
    assert!(
        found
            .iter()
            .any(|p| matches!(p, Problem::InvalidBallot { motion: 2, .. })),
        "{found:?}"
    );
}
