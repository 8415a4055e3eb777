//! The demo session in `sessions/` is what people see first: it must load, pass the checks, be stored
//! exactly as the program writes it, and show every feature of a real Niederschrift at least once.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use sitzung::domain::check::{Severity, check};
use sitzung::domain::vote::{Summary, evaluate};
use sitzung::domain::{AgendaItem, MotionKind, Outcome, PersonKind, Presence, Session};

fn demo_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron")
}

fn demo() -> Session {
    let path = demo_path();
    sitzung::store::load(&path).unwrap_or_else(|e| panic!("demo session does not load: {e}"))
}

fn items_where(session: &Session, pred: impl Fn(&AgendaItem) -> bool) -> Vec<&AgendaItem> {
    session.agenda.iter().filter(|i| pred(i)).collect()
}

/// Every session of the demo archive.
fn all_demos() -> Vec<(PathBuf, Session)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let s = sitzung::store::load(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, s)
        })
        .collect()
}

#[test]
fn every_demo_session_is_stored_as_written_and_passes_the_checks() {
    let demos = all_demos();
    assert!(demos.len() >= 2);
    for (path, session) in demos {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text == sitzung::store::to_ron(&session),
            "{} differs from what the program writes",
            path.display()
        );
        let errors: Vec<String> = check(&session)
            .into_iter()
            .filter(|f| f.severity == Severity::Fehler)
            .map(|f| f.problem.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

/// The demo archive shows every kind of event, agenda change, motion and vote at least once,
/// so that a newcomer sees each rendered.
#[test]
fn the_demo_archive_shows_every_kind_of_event_motion_and_vote() {
    use sitzung::domain::{BallotKind, EventKind, GoKind};
    let demos = all_demos();
    let items = || demos.iter().flat_map(|(_, s)| s.agenda.iter());
    let events: Vec<&EventKind> = items()
        .flat_map(|i| i.events.iter().map(|e| &e.kind))
        .collect();
    let has_event = |f: &dyn Fn(&EventKind) -> bool| events.iter().any(|e| f(e));
    assert!(has_event(&|e| matches!(
        e,
        EventKind::Unterbrechung { until: Some(_) }
    )));
    assert!(has_event(&|e| matches!(
        e,
        EventKind::OeffentlichkeitAusgeschlossen
    )));
    assert!(has_event(&|e| matches!(
        e,
        EventKind::OeffentlichkeitHergestellt
    )));
    assert!(has_event(&|e| matches!(e, EventKind::Vorsitz { .. })));
    assert!(has_event(&|e| matches!(
        e,
        EventKind::BeschlussfaehigkeitFestgestellt
    )));
    assert!(has_event(&|e| matches!(
        e,
        EventKind::TagesordnungErweitert { .. }
    )));
    assert!(has_event(&|e| matches!(e, EventKind::Abgesetzt { .. })));
    assert!(has_event(&|e| matches!(e, EventKind::Vorgezogen { .. })));
    assert!(has_event(&|e| matches!(e, EventKind::Verwiesen { .. })));
    assert!(has_event(&|e| matches!(e, EventKind::Losentscheid { .. })));
    let motions: Vec<&sitzung::domain::Motion> = items().flat_map(|i| i.motions.iter()).collect();
    for kind in [
        MotionKind::Beschlussvorschlag,
        MotionKind::Aenderungsantrag,
        MotionKind::GoAntrag,
        MotionKind::Wahl,
    ] {
        assert!(motions.iter().any(|m| m.kind == kind), "{kind:?}");
    }
    for go in [
        GoKind::Dringlichkeit,
        GoKind::Vertagung,
        GoKind::Verweisung,
        GoKind::SchlussDerDebatte,
    ] {
        assert!(motions.iter().any(|m| m.go == Some(go)), "{go:?}");
    }
    for kind in [
        BallotKind::ProFraktion,
        BallotKind::Namentlich,
        BallotKind::Geheim,
    ] {
        assert!(motions.iter().any(|m| m.ballot.kind == kind), "{kind:?}");
    }
    assert!(
        motions
            .iter()
            .any(|m| m.ballot.kind == BallotKind::Offen && !m.ballot.names.is_empty()),
        "no member's own vote on record"
    );
    assert!(
        motions
            .iter()
            .filter_map(|m| m.election.as_ref())
            .any(|e| { e.lot.is_some() && e.rounds.iter().any(|r| !r.run_off.is_empty()) }),
        "no election with a run-off decided by lot"
    );
    assert!(
        items().any(|i| i.number.chars().any(|c| c.is_alphabetic())),
        "no item like 5a"
    );
}

#[test]
fn demo_session_is_stored_exactly_as_the_program_writes_it() {
    let text = std::fs::read_to_string(demo_path()).expect("demo session is readable");
    let session = demo();
    let written = sitzung::store::to_ron(&session);
    assert!(
        text.starts_with("#![enable(implicit_some)]"),
        "file must declare implicit_some"
    );
    assert!(
        text == written,
        "the demo file differs from store::to_ron of its own content; re-format it by round-tripping.\n\
         first differing line: {:?}",
        text.lines()
            .zip(written.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(n, (a, b))| format!("line {}: file {a:?} vs. written {b:?}", n + 1))
    );
}

#[test]
fn demo_session_passes_the_checks_without_errors() {
    let session = demo();
    let errors: Vec<String> = check(&session)
        .into_iter()
        .filter(|f| f.severity == Severity::Fehler)
        .map(|f| format!("TOP {}: {}", f.item.as_deref().unwrap_or("-"), f.problem))
        .collect();
    assert!(
        errors.is_empty(),
        "check found errors in the demo session:\n{}",
        errors.join("\n")
    );
}

#[test]
fn demo_session_has_start_end_and_times_on_every_item() {
    let session = demo();
    let (start, end) = (
        session.start.expect("session start"),
        session.end.expect("session end"),
    );
    assert!(start < end);
    assert!(session.chair.is_some() && session.minute_taker.is_some());
    assert_eq!(
        session.current_item, None,
        "a finished session has no current item"
    );
    for item in &session.agenda {
        let started = item
            .started
            .unwrap_or_else(|| panic!("TOP {} has no start", item.number));
        let ended = item
            .ended
            .unwrap_or_else(|| panic!("TOP {} has no end", item.number));
        assert!(
            start <= started && started <= ended && ended <= end,
            "TOP {} times out of the session",
            item.number
        );
    }
}

#[test]
fn demo_session_has_a_full_agenda_with_sub_items() {
    let session = demo();
    assert!(
        session.agenda.len() >= 8,
        "only {} items",
        session.agenda.len()
    );
    assert!(
        session.agenda.iter().any(|i| i.number.contains('.')),
        "no sub-item such as 6.1"
    );
}

#[test]
fn demo_session_has_closed_items_each_with_a_reason() {
    let session = demo();
    let closed = items_where(&session, |i| i.closed);
    assert!(!closed.is_empty(), "no closed item");
    for item in closed {
        assert!(
            item.closed_reason
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty()),
            "closed TOP {} without a reason",
            item.number
        );
    }
}

#[test]
fn demo_session_has_an_amended_proposal_decided_as_geaendert_beschlossen() {
    let session = demo();
    let amended = items_where(&session, |i| {
        i.proposal.is_some()
            && i.amended_proposal.is_some()
            && i.outcome == Some(Outcome::GeaendertBeschlossen)
    });
    assert!(
        !amended.is_empty(),
        "no item with an amended proposal and outcome GeaendertBeschlossen"
    );
    let item = amended[0];
    assert!(
        item.vorlage
            .as_ref()
            .is_some_and(|v| !v.attachments.is_empty()),
        "its Vorlage has no attachments"
    );
    let main = item
        .main_motion()
        .and_then(|m| m.vote)
        .expect("the main motion was voted on");
    assert!(
        evaluate(
            &main,
            item.main_motion().unwrap().majority,
            session.basis(Some(item), main.at)
        )
        .passed
    );
}

#[test]
fn demo_session_votes_on_an_amendment_before_the_main_motion() {
    let session = demo();
    let item = session
        .agenda
        .iter()
        .find(|i| {
            i.motions
                .iter()
                .any(|m| m.kind == MotionKind::Aenderungsantrag && m.vote.is_some())
        })
        .expect("an Änderungsantrag with a vote");
    let amendment = item
        .motions
        .iter()
        .position(|m| m.kind == MotionKind::Aenderungsantrag)
        .unwrap();
    let main = item
        .motions
        .iter()
        .position(|m| m.kind == MotionKind::Beschlussvorschlag)
        .expect("main motion");
    assert!(
        amendment < main,
        "the amendment must come before the main motion"
    );
    let motion = &item.motions[amendment];
    assert!(motion.mover.is_some() && !motion.text.is_empty());
    let (a, m) = (motion.vote.unwrap().at, item.motions[main].vote.unwrap().at);
    assert!(
        a.is_some() && m.is_some() && a < m,
        "the amendment is voted first"
    );
}

#[test]
fn demo_session_has_a_tie_that_is_rejected() {
    let session = demo();
    let tie = session
        .agenda
        .iter()
        .find_map(|i| {
            let motion = i.main_motion()?;
            let vote = motion.vote?;
            (vote.yes == vote.no && vote.yes > 0).then_some((i, motion, vote))
        })
        .expect("an item whose vote is a tie");
    let (item, motion, vote) = tie;
    let evaluation = evaluate(&vote, motion.majority, session.basis(Some(item), vote.at));
    assert!(!evaluation.passed);
    assert_eq!(evaluation.summary, Summary::Stimmengleichheit);
    assert_eq!(item.outcome, Some(Outcome::Abgelehnt));
}

#[test]
fn demo_session_has_a_unanimous_unchanged_resolution() {
    let session = demo();
    let unanimous = items_where(&session, |i| {
        i.outcome == Some(Outcome::UngeaendertBeschlossen)
            && i.main_motion()
                .and_then(|m| m.vote)
                .is_some_and(|v| v.no == 0 && v.abstain == 0 && v.yes > 0)
    });
    assert!(
        !unanimous.is_empty(),
        "no item passed unchanged and einstimmig"
    );
}

#[test]
fn demo_session_has_a_befangen_member_who_does_not_vote() {
    let session = demo();
    let item = session
        .agenda
        .iter()
        .find(|i| !i.befangen.is_empty())
        .expect("an item with Befangenheit");
    for id in &item.befangen {
        let person = session
            .person(id)
            .unwrap_or_else(|| panic!("befangen {id} is not a person"));
        assert_eq!(person.kind, PersonKind::Mitglied);
    }
    let voted: Vec<&AgendaItem> = items_where(&session, |i| {
        !i.befangen.is_empty() && i.motions.iter().any(|m| m.vote.is_some())
    });
    assert!(!voted.is_empty(), "no vote on an item with Befangenheit");
    for item in voted {
        for vote in item.motions.iter().filter_map(|m| m.vote) {
            let with = session.entitled(None, vote.at);
            let without = session.entitled(Some(item), vote.at);
            assert!(
                without < with,
                "the befangen member still counts at TOP {}",
                item.number
            );
            assert!(
                vote.cast() <= without,
                "TOP {}: {} votes, {} entitled",
                item.number,
                vote.cast(),
                without
            );
        }
    }
}

#[test]
fn demo_session_has_an_information_item_without_a_vote() {
    let session = demo();
    let info = items_where(&session, |i| {
        i.outcome == Some(Outcome::ZurKenntnisGenommen)
            && i.motions.iter().all(|m| m.vote.is_none())
    });
    assert!(
        !info.is_empty(),
        "no item zur Kenntnis genommen without a vote"
    );
}

#[test]
fn demo_session_has_a_postponed_item() {
    let session = demo();
    assert!(
        session
            .agenda
            .iter()
            .any(|i| i.outcome == Some(Outcome::Vertagt))
    );
}

#[test]
fn demo_session_attendance_changes_during_the_meeting() {
    let session = demo();
    let excused = session
        .persons
        .iter()
        .find(|p| p.kind == PersonKind::Mitglied && p.presence == Presence::Entschuldigt)
        .expect("an excused member");
    assert!(
        session
            .persons
            .iter()
            .any(|p| p.deputy_for.as_deref() == Some(excused.id.as_str())),
        "the excused member has a deputy"
    );
    assert!(
        session
            .persons
            .iter()
            .any(|p| p.kind == PersonKind::Mitglied && p.arrived.is_some())
    );
    assert!(
        session
            .persons
            .iter()
            .any(|p| p.kind == PersonKind::Mitglied && p.left.is_some())
    );
    for kind in [
        PersonKind::Beratend,
        PersonKind::Verwaltung,
        PersonKind::Gast,
    ] {
        assert!(
            session.persons.iter().any(|p| p.kind == kind),
            "nobody of kind {kind:?}"
        );
    }
}

#[test]
fn demo_session_keeps_finished_speaker_turns() {
    let session = demo();
    let turns: Vec<_> = session
        .agenda
        .iter()
        .flat_map(|i| &i.speakers.turns)
        .collect();
    assert!(!turns.is_empty(), "no speaker turns recorded");
    for turn in turns {
        let until = turn
            .until
            .unwrap_or_else(|| panic!("turn of {} never ended", turn.person));
        assert!(turn.since <= until);
        assert!(session.person(&turn.person).is_some());
    }
}
