//! The recording screen driven by keys through the same handler as the real event loop, with
//! frames drawn on a `TestBackend` and kept as insta snapshots at 80×24 and 120×40.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

mod support;

use chrono::NaiveDate;
use sitzung::domain::{Outcome, RequestKind, Session, Vote, template};
use sitzung::tui::App;
use sitzung::tui::keymap::{Context, bindings};
use sitzung::tui::record::layers::{Confirm, Editor, Prompt, VoteDraft};
use sitzung::tui::record::{Pane, Persist, SaveState};
use support::{at, demo, frame, keys};

/// A fresh meeting prepared from the demo: agenda and members, nothing recorded yet.
fn fresh() -> Session {
    template::from_template(
        &demo(),
        "Bauausschuss der Gemeinde Lindenholz",
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
    )
}

fn app(session: Session) -> App {
    App::new(session, Persist::Memory, at(19, 0, 0))
}

fn both_sizes(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), frame(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), frame(app, 120, 40));
}

#[test]
fn agenda_of_the_demo() {
    let mut a = App::new(demo(), Persist::Memory, at(20, 10, 0));
    keys(&mut a, "jjjjjjjjj");
    both_sizes("agenda_demo", &a);
}

#[test]
fn minutes_pane_of_an_item_with_questions() {
    let mut a = App::new(demo(), Persist::Memory, at(20, 10, 0));
    keys(&mut a, "jjjjjjjjj<Tab>");
    assert_eq!(a.focus, Pane::Minutes);
    both_sizes("minutes_demo", &a);
}

#[test]
fn motion_pane_with_an_amendment_and_votes() {
    let mut a = App::new(demo(), Persist::Memory, at(20, 30, 0));
    keys(&mut a, "jjjjjjjj<Tab><Tab><Tab>");
    assert_eq!(a.focus, Pane::Motion);
    both_sizes("motion_demo", &a);
}

#[test]
fn opening_an_item_records_its_start_and_moves_to_the_minutes() {
    let mut a = app(fresh());
    keys(&mut a, "S");
    assert_eq!(a.session.start.map(|t| t.hhmm()), Some("19:00".into()));
    a.tick(at(19, 5, 0));
    keys(&mut a, "j<Enter>");
    let item = a.session.item("2").unwrap();
    assert_eq!(item.started.map(|t| t.hhmm()), Some("19:05".into()));
    assert_eq!(a.session.current_item.as_deref(), Some("2"));
    assert_eq!(a.focus, Pane::Minutes);
    a.tick(at(19, 9, 0));
    keys(&mut a, "<Esc>jj<Enter>J");
    assert_eq!(
        a.session.item("2").unwrap().ended.map(|t| t.hhmm()),
        Some("19:09".into())
    );
}

#[test]
fn speaker_queue_with_completion_and_procedural_requests_first() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter><Tab>");
    assert_eq!(a.focus, Pane::Speakers);
    keys(&mut a, "aoka");
    both_sizes("speaker_prompt", &a);
    keys(&mut a, "<Enter>alindq<Enter>ohollm<Enter>");
    let queue: Vec<(&str, RequestKind)> = a
        .item()
        .unwrap()
        .speakers
        .waiting
        .iter()
        .map(|r| (r.person.as_str(), r.kind))
        .collect();
    assert_eq!(
        queue,
        [
            ("hollmann", RequestKind::Geschaeftsordnung),
            ("okafor", RequestKind::Wortmeldung),
            ("lindqvist", RequestKind::Wortmeldung)
        ]
    );
    both_sizes("speakers_queue", &a);
}

#[test]
fn giving_the_floor_opens_a_paragraph_with_the_speaker_and_the_time() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter><Tab>aoka<Enter>");
    a.tick(at(19, 12, 30));
    keys(
        &mut a,
        "<Enter>fragt, ob Fördermittel des Landes beantragt worden seien.",
    );
    assert!(a.top::<Editor>().is_some());
    both_sizes("editor_after_giving_the_floor", &a);
    keys(&mut a, "<Esc>");
    let item = a.item().unwrap();
    let p = item.minutes.last().unwrap();
    assert_eq!(p.speaker.as_deref(), Some("okafor"));
    assert_eq!(p.at.map(|t| t.to_string()), Some("19:12:30".into()));
    assert_eq!(
        p.text,
        "fragt, ob Fördermittel des Landes beantragt worden seien."
    );
    assert_eq!(
        item.speakers.current().map(|t| t.person.as_str()),
        Some("okafor")
    );
}

#[test]
fn a_follow_up_question_is_recorded_as_auf_nachfrage() {
    let mut a = app(fresh());
    keys(
        &mut a,
        "jjjjjjjj<Enter><Tab>abürgerm<Enter><Enter>erläutert, dass der Antrag gestellt sei.<Esc>",
    );
    keys(&mut a, "<S-Tab>fokaf<Enter>");
    let text = a
        .session
        .item("7")
        .map(|i| sitzung::render::german::paragraph(&a.session, &i.minutes[0]));
    assert_eq!(
        text.as_deref(),
        Some(
            "Der Bürgermeister erläutert auf Nachfrage von Frau Okafor, dass der Antrag gestellt sei."
        )
    );
}

#[test]
fn a_speaking_time_limit_warns_when_exceeded() {
    let mut a = app(fresh());
    keys(
        &mut a,
        "jjjjjjjj<Enter><Tab>l3<Enter>alindq<Enter><Enter>beantragt zwei Lose.<Esc>",
    );
    a.tick(at(19, 3, 10));
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("03:10/03:00"), "{screen}");
    assert!(screen.contains("Redezeit überschritten"), "{screen}");
}

#[test]
fn editor_has_undo_and_redo() {
    let mut a = app(fresh());
    keys(&mut a, "<Tab>nErster Satz.");
    keys(&mut a, "<C-z>");
    let Some(e) = a.top::<Editor>() else {
        panic!("editor closed")
    };
    assert!(
        e.text().len() < "Erster Satz.".len(),
        "undo did nothing: {:?}",
        e.text()
    );
    keys(&mut a, "<C-y><Esc>");
    assert_eq!(a.item().unwrap().minutes[0].text, "Erster Satz.");
}

#[test]
fn an_empty_new_paragraph_leaves_no_trace() {
    let mut a = app(fresh());
    keys(&mut a, "<Tab>n<Esc>");
    assert!(a.item().unwrap().minutes.is_empty());
}

#[test]
fn amending_the_proposal_is_known_to_the_item() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter><Tab><Tab>");
    assert_eq!(a.focus, Pane::Motion);
    let original = a.item().unwrap().proposal.clone().unwrap();
    keys(&mut a, "b<C-e> Zusätzlich werden zwei Lose gebildet.");
    both_sizes("proposal_editor", &a);
    keys(&mut a, "<Esc>");
    let item = a.item().unwrap();
    assert_eq!(item.proposal.as_deref(), Some(original.as_str()));
    assert_eq!(
        item.amended_proposal.as_deref(),
        Some(format!("{original} Zusätzlich werden zwei Lose gebildet.").as_str())
    );
}

#[test]
fn the_chair_counts_the_minority_and_the_rest_votes_yes() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter><Tab><Tab>v");
    keys(&mut a, "2n1er");
    both_sizes("vote_mode", &a);
    keys(&mut a, "<Enter>");
    let item = a.item().unwrap();
    let vote = item.main_motion().and_then(|m| m.vote).unwrap();
    // Nine members entitled at 19:00 (Berger arrives at 19:25 in the demo, but a fresh template
    // has no arrival times): 2 no, 1 abstain, the rest yes.
    assert_eq!((vote.yes, vote.no, vote.abstain), (6, 2, 1));
    assert_eq!(item.outcome, Some(Outcome::UngeaendertBeschlossen));
}

#[test]
fn einstimmig_takes_all_entitled_and_befangene_do_not_count() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter>A");
    keys(&mut a, "jb<Esc>");
    assert_eq!(a.item().unwrap().befangen, ["petersen"]);
    keys(&mut a, "<Tab><Tab>va<Enter>");
    let vote = a
        .item()
        .unwrap()
        .main_motion()
        .and_then(|m| m.vote)
        .unwrap();
    assert_eq!(
        vote,
        Vote {
            at: vote.at,
            ..Vote::new(8, 0, 0)
        }
    );
}

#[test]
fn impossible_counts_are_flagged_and_not_recorded() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter><Tab><Tab>v9j5n");
    let screen = frame(&a, 80, 24);
    assert!(
        screen.contains("mehr Stimmen als stimmberechtigte"),
        "{screen}"
    );
    keys(&mut a, "<Enter>");
    assert!(
        a.item().unwrap().motions.is_empty(),
        "an impossible vote was recorded"
    );
    assert!(
        a.top::<VoteDraft>().is_some(),
        "the count stays open to be corrected"
    );
}

#[test]
fn attendance_overlay_marks_arrivals_and_shows_the_quorum() {
    let mut a = app(fresh());
    keys(&mut a, "A");
    a.tick(at(19, 25, 0));
    keys(&mut a, "jjjjjjjjja");
    let berger = a.session.person("berger").unwrap();
    assert_eq!(berger.arrived.map(|t| t.hhmm()), Some("19:25".into()));
    both_sizes("attendance", &a);
}

#[test]
fn quorum_warning_when_too_few_are_present() {
    let mut s = fresh();
    for p in s.persons.iter_mut().take(6) {
        p.presence = sitzung::domain::Presence::Entschuldigt;
    }
    let a = app(s);
    let screen = frame(&a, 80, 24);
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .contains("NICHT beschlussfähig"),
        "{screen}"
    );
}

#[test]
fn destructive_keys_ask_first() {
    let mut a = app(fresh());
    let before = a.session.clone();
    keys(&mut a, "d");
    both_sizes("confirm_delete", &a);
    keys(&mut a, "j");
    assert_eq!(a.session, before, "a j (down) after d must not delete");
    keys(&mut a, "dJ");
    assert_eq!(a.session.agenda.len(), before.agenda.len() - 1);
}

#[test]
fn a_closed_item_is_made_public_only_after_a_question() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjjjjjj");
    assert_eq!(a.item().map(|i| i.number.as_str()), Some("11"));
    keys(&mut a, "xj");
    assert!(
        a.session.item("11").unwrap().closed,
        "x, then a j, keeps it closed"
    );
    keys(&mut a, "xJ");
    assert!(!a.session.item("11").unwrap().closed);
    // A sub-item of a closed item cannot be opened on its own: x says why and changes nothing.
    keys(&mut a, "xGrundstück<Enter>a11.1 Kaufvertrag<Enter>");
    assert!(a.session.is_closed(a.session.item("11.1").unwrap()));
    let before = a.session.clone();
    keys(&mut a, "x");
    assert_eq!(a.session, before);
    assert!(
        frame(&a, 80, 24).contains("solange TOP 11 es ist"),
        "{}",
        frame(&a, 80, 24)
    );
}

/// Repro: a sub-item added under the closed TOP 11 and moved above its parent (`K K`) stayed
/// in the agenda without its N, and search and the browser showed it.
#[test]
fn a_sub_item_of_a_closed_item_stays_closed_when_moved_out_of_its_block() {
    let mut a = app(fresh());
    keys(
        &mut a,
        "jjjjjjjjjjjjaKaufpreisverhandlung Mühlenweg<Enter><Tab>nDer Kaufpreis ist Geheimsache.<Esc><Esc>KK",
    );
    let moved = a
        .session
        .agenda
        .iter()
        .find(|i| i.title.starts_with("Kaufpreis"))
        .unwrap();
    assert_eq!(moved.number, "11.1");
    assert_eq!(moved.minutes.len(), 1);
    assert!(a.session.is_closed(moved));
    let screen = frame(&a, 80, 24);
    let row = screen
        .lines()
        .find(|l| l.starts_with('│') && l.contains("11.1"))
        .expect("the sub-item in the agenda");
    assert!(row.contains("N Kauf"), "{row}");
    keys(&mut a, "N");
    keys(&mut a, "J");
    let public = sitzung::render::render(&a.session, &sitzung::render::Options::default()).unwrap();
    for secret in ["Kaufpreis", "Geheimsache", "Mühlenweg"] {
        assert!(!public.contains(secret), "{secret} after renumbering");
    }
    // Search and the browser, with and without an index, find nothing of it in public.
    let dir = tempfile::tempdir().unwrap();
    sitzung::store::save(&dir.path().join("s.ron"), &a.session).unwrap();
    for with_index in [false, true] {
        if with_index {
            sitzung::archive::index::refresh(dir.path(), |_, _| {}).unwrap();
        }
        let query = sitzung::archive::Query::parse("Geheimsache").unwrap();
        assert!(
            sitzung::archive::search_archive(dir.path(), &query)
                .unwrap()
                .is_empty()
        );
        let mut internal = query.clone();
        internal.internal = true;
        assert_eq!(
            sitzung::archive::search_archive(dir.path(), &internal)
                .unwrap()
                .len(),
            1
        );
        let mut b = sitzung::tui::browse::Browser::open(dir.path(), false).unwrap();
        b.wait_complete();
        let counted = b.rows()[0].summary.public.items;
        assert_eq!(
            counted,
            a.session.agenda.len() - 2,
            "11 and 11.1 are not counted"
        );
    }
}

#[test]
fn items_can_be_added_moved_and_renumbered() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjja7.1 Dringlichkeitsantrag Schulweg<Enter>");
    assert_eq!(a.item().map(|i| i.number.as_str()), Some("7.1"));
    keys(&mut a, "KK");
    let position = a
        .session
        .agenda
        .iter()
        .position(|i| i.number == "7.1")
        .unwrap();
    assert_eq!(a.session.agenda[position + 1].number, "6.2");
    keys(&mut a, "NJ");
    let numbers: Vec<&str> = a.session.agenda.iter().map(|i| i.number.as_str()).collect();
    assert!(numbers.windows(2).all(|w| w[0] != w[1]));
    assert_eq!(a.session.agenda[position].number, "6.2", "{numbers:?}");
}

#[test]
fn outcome_picker_and_information_items() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjt");
    assert_eq!(
        a.session.item("5").unwrap().outcome,
        Some(Outcome::ZurKenntnisGenommen)
    );
    keys(&mut a, "jjjjjb");
    both_sizes("outcome_picker", &a);
    keys(&mut a, "jjjjj<Enter>");
    assert_eq!(a.item().unwrap().outcome, Some(Outcome::Vertagt));
}

#[test]
fn help_lists_every_binding() {
    let mut a = app(fresh());
    keys(&mut a, "?");
    both_sizes("help", &a);
    keys(&mut a, "<Esc>");
    assert!(a.layers.is_empty());
}

#[test]
fn too_small_a_terminal_gets_a_message() {
    let a = app(fresh());
    let screen = frame(&a, 50, 12);
    assert!(screen.contains("zu klein (50×12)"), "{screen}");
}

/// The recording screen on a session file, as `sitzung record` opens it.
fn recording(path: &std::path::Path, now: chrono::NaiveDateTime) -> App {
    let opened = sitzung::store::Recorder::open(path).expect("session opens");
    App::new(
        opened.session,
        Persist::Journal(Box::new(opened.recorder)),
        now,
    )
}

#[test]
fn u_takes_back_the_last_change_visibly_and_ctrl_r_makes_it_again_also_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    sitzung::store::save(&path, &fresh()).unwrap();
    let mut a = recording(&path, at(19, 0, 0));
    // A paragraph typed, then deleted by mistake.
    keys(&mut a, "<Tab>nDie Sitzung wird eröffnet.<Esc>dJ");
    assert!(a.item().unwrap().minutes.is_empty());
    keys(&mut a, "u");
    assert_eq!(
        a.item().unwrap().minutes[0].text,
        "Die Sitzung wird eröffnet."
    );
    let said = &a.message.as_ref().unwrap().text;
    assert!(
        said.starts_with("Rückgängig: Absatz gelöscht (TOP 1)"),
        "{said}"
    );
    assert!(frame(&a, 80, 24).contains("Rückgängig: Absatz gelöscht"));
    // The undo is a change of its own in the journal, and the history outlives a restart.
    let journal = std::fs::read_to_string(sitzung::store::journal::journal_path(&path)).unwrap();
    assert!(
        journal.lines().last().unwrap().ends_with("[Undo]"),
        "{journal}"
    );
    drop(a);
    let mut b = recording(&path, at(19, 5, 0));
    assert_eq!(b.item().unwrap().minutes.len(), 1);
    keys(&mut b, "<C-r>");
    assert!(
        b.item().unwrap().minutes.is_empty(),
        "redo deletes it again"
    );
    keys(&mut b, "uu");
    assert!(
        b.item().unwrap().minutes.is_empty(),
        "the second u takes back the paragraph typed"
    );
    keys(&mut b, "uuu");
    assert_eq!(
        b.message.as_ref().unwrap().text,
        "Nichts mehr rückgängig zu machen."
    );
    assert_eq!(b.session.agenda, fresh().agenda);
}

#[test]
fn after_an_amendment_vote_v_votes_on_the_proposal_and_a_recorded_vote_is_never_replaced_silently()
{
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter><Tab><Tab>");
    assert_eq!(a.focus, Pane::Motion);
    keys(&mut a, "mDer Betrag wird auf 50.000 Euro begrenzt.<Enter>");
    keys(&mut a, "v");
    let caption = frame(&a, 80, 24);
    assert!(
        caption.contains("Zur Abstimmung: Änderungsantrag: Der Betrag wird"),
        "{caption}"
    );
    keys(&mut a, "4j3n1e<Enter>");
    let item = a.item().unwrap().clone();
    let amendment = item.motions[0].vote.unwrap();
    assert_eq!((amendment.yes, amendment.no, amendment.abstain), (4, 3, 1));
    // The selection moved on to what is voted on next: the Beschlussvorschlag.
    assert_eq!(a.sel.motion, item.motions.len());
    keys(&mut a, "v");
    assert_eq!(a.top::<VoteDraft>().unwrap().motion, None);
    keys(&mut a, "<Esc>");
    // Back on the amendment, v asks first and shows what is on record.
    keys(&mut a, "kv");
    let question = a
        .top::<Confirm>()
        .expect("a question first")
        .question()
        .to_string();
    assert!(question.contains("4:3:1"), "{question}");
    // The count typed as in the repro: `2` answers no, Enter (a vote key) asks again.
    keys(&mut a, "2nr<Enter>");
    let kept = a.item().unwrap().motions[0].vote.unwrap();
    assert_eq!(
        (kept.yes, kept.no, kept.abstain),
        (4, 3, 1),
        "nothing replaced"
    );
    assert!(a.top::<Confirm>().is_some(), "asked again");
    keys(&mut a, "<Esc>");
    // A deliberate yes opens the count with the recorded numbers.
    keys(&mut a, "vJ");
    let draft = a.top::<VoteDraft>().unwrap();
    assert_eq!((draft.yes, draft.no, draft.abstain), (4, 3, 1));
}

#[test]
fn a_due_snapshot_waits_for_a_pause_between_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    sitzung::store::save(&path, &fresh()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut a = recording(&path, at(19, 0, 0));
    let journal = sitzung::store::journal::journal_path(&path);
    let lines = || std::fs::read_to_string(&journal).unwrap().lines().count();
    // An empty paragraph opened and left is two changes (made, removed).
    let changes = sitzung::store::journal::SNAPSHOT_EVERY + 2;
    keys(&mut a, "<Tab>");
    for _ in 0..changes / 2 {
        keys(&mut a, "n<Esc>");
    }
    assert_eq!(lines(), 1 + changes, "every change in the journal");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "no snapshot on a key"
    );
    a.pause();
    assert_eq!(lines(), 1, "the journal starts anew after the snapshot");
    assert_eq!(sitzung::store::load(&path).unwrap(), a.session);
    assert_eq!(
        a.save,
        SaveState::Saved(sitzung::domain::Time::hms(19, 0, 0).unwrap())
    );
}

#[test]
fn every_change_is_saved_and_a_restart_shows_the_same_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    sitzung::store::save(&path, &fresh()).unwrap();
    let script = "Sjjjjjjjj<Enter><Tab>aoka<Enter><Enter>fragt nach dem Zeitplan.<Esc>";

    // Quit normally: a snapshot is written.
    let mut a = recording(&path, at(19, 0, 0));
    keys(&mut a, script);
    assert!(matches!(a.save, SaveState::Saved(_)));
    keys(&mut a, "q");
    assert!(a.quit);
    let expected = a.session.clone();
    let first_frame = frame(&a, 80, 24);
    drop(a);
    assert_eq!(sitzung::store::load(&path).unwrap(), expected);
    let reopened = recording(&path, at(19, 0, 0));
    assert_eq!(reopened.session, expected);
    drop(reopened);

    // Gone without quitting (as after a crash): the journal brings every change back.
    let mut b = recording(&path, at(19, 10, 0));
    keys(&mut b, "<Tab><Tab>aahrens<Enter>");
    let expected = b.session.clone();
    drop(b);
    let opened = sitzung::store::Recorder::open(&path).unwrap();
    assert_eq!(opened.recovery.replayed, 1);
    assert_eq!(opened.session, expected);
    assert!(first_frame.contains("Frau Okafor"));
}

#[test]
fn a_full_disk_is_shown_kept_in_memory_and_saved_once_there_is_room() {
    let Some(fs) = support::TinyFs::mount("256k") else {
        return;
    };
    let path = fs.path().join("s.ron");
    sitzung::store::save(&path, &fresh()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut a = recording(&path, at(19, 0, 0));
    fs.fill();
    keys(&mut a, "<Tab>n");
    keys(
        &mut a,
        &"Ein langer Absatz, der auf die volle Platte soll. ".repeat(200),
    );
    keys(&mut a, "<Esc>");
    assert!(matches!(a.save, SaveState::Failed { .. }), "{:?}", a.save);
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("NICHT GESPEICHERT"), "{screen}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the session file is untouched"
    );
    assert!(
        a.item().unwrap().minutes[0]
            .text
            .starts_with("Ein langer Absatz"),
        "kept in memory"
    );
    keys(&mut a, "q");
    assert!(!a.quit, "quitting with unsaved changes asks first");
    keys(&mut a, "n");
    fs.unfill();
    a.tick(at(19, 0, 10));
    assert!(matches!(a.save, SaveState::Saved(_)), "{:?}", a.save);
    let expected = a.session.clone();
    drop(a);
    assert_eq!(sitzung::store::load(&path).unwrap(), expected);
}

#[test]
fn after_a_failed_save_quitting_with_room_again_saves_and_asks_nothing() {
    let Some(fs) = support::TinyFs::mount("256k") else {
        return;
    };
    let path = fs.path().join("s.ron");
    sitzung::store::save(&path, &fresh()).unwrap();
    let mut a = recording(&path, at(19, 0, 0));
    fs.fill();
    keys(&mut a, "<Tab>n");
    keys(
        &mut a,
        &"Noch ein Absatz für die volle Platte. ".repeat(200),
    );
    keys(&mut a, "<Esc>");
    assert!(matches!(a.save, SaveState::Failed { .. }), "{:?}", a.save);
    fs.unfill();
    // Before the retry came: quitting writes the snapshot, which now works.
    keys(&mut a, "q");
    assert!(a.quit, "the save on quitting worked: no question");
    assert!(matches!(a.save, SaveState::Saved(_)), "{:?}", a.save);
    let expected = a.session.clone();
    drop(a);
    assert_eq!(sitzung::store::load(&path).unwrap(), expected);
}

#[test]
fn members_can_be_added_to_an_empty_session() {
    let mut a = app(Session::new(
        "Hauptausschuss",
        NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
    ));
    assert!(
        frame(&a, 80, 24)
            .lines()
            .next()
            .unwrap()
            .contains("keine Mitglieder erfasst")
    );
    keys(
        &mut a,
        "AnFrau Anna Ahrens, SPD<Enter>nHerr Dr. Kurt Lange, CDU<Enter><Esc>",
    );
    let p = a.session.person("lange").expect("Lange added");
    assert_eq!(
        (
            p.title.as_deref(),
            p.given_name.as_str(),
            p.fraktion.as_deref()
        ),
        (Some("Dr."), "Kurt", Some("CDU"))
    );
    assert_eq!(p.kind, sitzung::domain::PersonKind::Mitglied);
    assert!(
        frame(&a, 80, 24)
            .lines()
            .next()
            .unwrap()
            .contains("beschlussfähig 2/2")
    );
}

#[test]
fn a_name_nobody_has_becomes_a_new_guest_not_the_closest_member() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter><Tab>aFrau Hansen<Enter>");
    // Nobody is made up on a key: the new guest is a question of its own.
    let question = a
        .top::<Confirm>()
        .expect("asked first")
        .question()
        .to_string();
    assert!(question.contains("„Frau Hansen“"), "{question}");
    keys(&mut a, "J");
    let queued = &a.item().unwrap().speakers.waiting[0].person;
    let hansen = a.session.person(queued).unwrap();
    assert_eq!(
        (hansen.family_name.as_str(), hansen.kind),
        ("Hansen", sitzung::domain::PersonKind::Gast)
    );
    keys(&mut a, "aHr. Berger<Enter>");
    assert_eq!(
        a.item().unwrap().speakers.waiting[1].person,
        "berger",
        "Hr. Berger is the member Berger"
    );
}

#[test]
fn a_matched_name_is_never_turned_into_a_guest_by_tab_and_a_lower_case_guest_is_capitalised() {
    let mut a = app(fresh());
    let persons = a.session.persons.len();
    // The repro: "harder" matched nobody here, Tab went to "+ neu anlegen", Enter made a guest.
    keys(&mut a, "jjjjjjjj<Enter><Tab>aharder<Tab><Enter>");
    assert!(a.top::<Confirm>().is_some(), "a question, not a new person");
    keys(&mut a, "n");
    assert_eq!(a.session.persons.len(), persons, "nobody made up");
    assert!(a.item().unwrap().speakers.waiting.is_empty());
    keys(&mut a, "aharder<Enter>J");
    let guest = a.session.persons.last().unwrap();
    assert_eq!(guest.family_name, "Harder");
    assert_eq!(
        sitzung::render::german::speaker(guest),
        "Harder",
        "printed with a capital"
    );
}

#[test]
fn a_meeting_typed_up_afterwards_gets_its_own_times_from_the_nachtragen_clock() {
    // Typed up the next morning from handwritten notes.
    let mut a = App::new(fresh(), Persist::Memory, at(9, 30, 0));
    keys(&mut a, "T19:05<Enter>");
    assert!(frame(&a, 80, 24).contains("NACHTRAG"));
    keys(&mut a, "S");
    assert_eq!(a.session.start.map(|t| t.hhmm()), Some("19:05".into()));
    keys(&mut a, "j<Enter>");
    assert_eq!(
        a.item().unwrap().started.map(|t| t.hhmm()),
        Some("19:05".into())
    );
    // The clock goes on as the minute-taker goes on.
    a.tick(at(9, 32, 0));
    keys(&mut a, "nDer Bericht wird erstattet.<Esc>");
    assert_eq!(
        a.item().unwrap().minutes[0].at.map(|t| t.hhmm()),
        Some("19:07".into())
    );
    // Set again where the notes say so; empty goes back to the wall clock.
    keys(&mut a, "T<C-a><C-k>19:40<Enter><Esc>c");
    assert_eq!(
        a.item().unwrap().ended.map(|t| t.hhmm()),
        Some("19:40".into())
    );
    keys(&mut a, "T<C-a><C-k><Enter>");
    assert!(a.offset.is_none());
    assert!(!frame(&a, 80, 24).contains("NACHTRAG"));
}

#[test]
fn every_time_can_be_typed_and_a_wrong_one_is_refused() {
    let mut a = app(fresh());
    keys(&mut a, "jz19:05–19:20<Enter>");
    let item = a.item().unwrap();
    assert_eq!(
        (item.started.map(|t| t.hhmm()), item.ended.map(|t| t.hhmm())),
        (Some("19:05".into()), Some("19:20".into()))
    );
    keys(&mut a, "Z18:30-<Enter>");
    assert_eq!(a.session.start.map(|t| t.hhmm()), Some("18:30".into()));
    assert_eq!(a.session.end, None);
    // The prompt shows the time there is; it is replaced as in any line editor.
    keys(&mut a, "<Tab>nText<Esc>z<C-a><C-k>19:12<Enter>");
    assert_eq!(
        a.item().unwrap().minutes[0].at.map(|t| t.hhmm()),
        Some("19:12".into())
    );
    keys(&mut a, "zgleich<Enter>");
    assert!(a.message.as_ref().is_some_and(|m| m.error), "refused");
    assert!(
        a.top::<Prompt>().is_some(),
        "the prompt stays to be corrected"
    );
}

#[test]
fn attendance_keeps_its_place_jumps_and_refuses_a_second_arrival() {
    let mut a = app(fresh());
    keys(&mut a, "AG");
    let last = a.session.persons.len() - 1;
    let screen = frame(&a, 80, 24);
    keys(&mut a, "<Esc>A");
    keys(&mut a, "g");
    keys(&mut a, "jjj<Esc>A");
    // Opened again where it was left: `z` edits the fourth person (one present).
    keys(&mut a, "z19:35–<Enter>");
    let fourth = &a.session.persons[3];
    assert_eq!(
        fourth.arrived.map(|t| t.hhmm()),
        Some("19:35".into()),
        "{screen}"
    );
    assert!(last > 3);
    // Coming again while there would move the arrival silently: refused with the reason.
    a.tick(at(19, 50, 0));
    keys(&mut a, "a");
    let said = a
        .message
        .clone()
        .unwrap_or_else(|| panic!("{}", frame(&a, 80, 24)));
    assert!(
        said.error && said.text.contains("schon da (seit 19:35 Uhr)"),
        "{said:?}"
    );
    assert_eq!(
        a.session.persons[3].arrived.map(|t| t.hhmm()),
        Some("19:35".into())
    );
    // "von Beginn an": the arrival cleared.
    keys(&mut a, "z<C-a><C-k><Enter>");
    assert_eq!(a.session.persons[3].arrived, None);
}

#[test]
fn an_attendance_change_that_breaks_a_recorded_vote_asks_first() {
    let mut a = app(fresh());
    // A unanimous vote at 19:00 with everyone present.
    keys(&mut a, "jjjjjjjj<Enter><Tab><Tab>va<Enter>");
    let votes = a.item().unwrap().motions.len();
    assert_eq!(votes, 1);
    // Marking a member excused makes that count impossible: a question, naming the vote.
    keys(&mut a, "A ");
    let question = a
        .top::<Confirm>()
        .expect("asked first")
        .question()
        .to_string();
    assert!(question.contains("TOP 7 (1.)"), "{question}");
    let before = a.session.persons[0].presence;
    keys(&mut a, "n");
    assert_eq!(a.session.persons[0].presence, before, "nothing changed");
    // The same for a typed arrival after the vote.
    keys(&mut a, "z19:30–<Enter>");
    let question = a
        .top::<Confirm>()
        .expect("asked first")
        .question()
        .to_string();
    assert!(question.contains("TOP 7 (1.)"), "{question}");
    keys(&mut a, "n");
    assert_eq!(a.session.persons[0].arrived, None, "nothing changed");
}

#[test]
fn a_paragraph_s_speaker_can_be_set_later_and_its_text_may_name_them_itself() {
    let mut a = app(fresh());
    keys(
        &mut a,
        "<Tab>nAuf Nachfrage von Herrn Lindqvist erklärt er, dass die Mittel reichen.<Esc>",
    );
    assert_eq!(a.item().unwrap().minutes[0].speaker, None);
    // The speaker set afterwards; the text names him itself, so it is printed as written.
    keys(&mut a, "sjessen<Enter>w");
    let p = a.item().unwrap().minutes[0].clone();
    assert_eq!(p.speaker.as_deref(), Some("buergermeister"));
    assert!(p.as_written);
    assert_eq!(
        sitzung::render::german::paragraph(&a.session, &p),
        "Auf Nachfrage von Herrn Lindqvist erklärt er, dass die Mittel reichen."
    );
    // Asked without a speaker: the question goes on the sentence, no colon.
    keys(
        &mut a,
        "nerklärt der Bürgermeister, dass es reicht.<Esc>flindq<Enter>",
    );
    let p = a.item().unwrap().minutes[1].clone();
    assert_eq!(
        sitzung::render::german::paragraph(&a.session, &p),
        "Auf Nachfrage von Herrn Lindqvist erklärt der Bürgermeister, dass es reicht."
    );
    // Empty: the speaker taken away again.
    keys(&mut a, "k<Esc><Tab>s<Enter>");
    assert_eq!(a.item().unwrap().minutes[0].speaker, None);
}

#[test]
fn n_while_someone_has_the_floor_writes_for_them() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter><Tab>aoka<Enter><Enter>");
    keys(
        &mut a,
        "Erster Beitrag.<Esc><S-Tab>nNoch ein Satz von ihr.<Esc>",
    );
    let minutes = &a.item().unwrap().minutes;
    assert_eq!(minutes.len(), 2);
    assert_eq!(minutes[1].speaker.as_deref(), Some("okafor"));
}

#[test]
fn leaving_and_coming_back_keeps_the_time_away() {
    let mut a = app(fresh());
    keys(&mut a, "Aj");
    a.tick(at(19, 40, 0));
    keys(&mut a, "v");
    a.tick(at(20, 5, 0));
    keys(&mut a, "a<Esc>");
    let p = a.session.person("petersen").unwrap();
    assert_eq!(
        p.away
            .iter()
            .map(|(f, u)| (f.hhmm(), u.hhmm()))
            .collect::<Vec<_>>(),
        [("19:40".into(), "20:05".into())]
    );
    assert!(
        p.present_at(sitzung::domain::Time::hm(20, 10))
            && !p.present_at(sitzung::domain::Time::hm(19, 50))
    );
}

#[test]
fn calling_another_item_while_one_runs_asks_first() {
    let mut a = app(fresh());
    keys(&mut a, "<Enter>");
    assert_eq!(a.session.current_item.as_deref(), Some("1"));
    assert_eq!(
        a.session.start.map(|t| t.hhmm()),
        Some("19:00".into()),
        "calling the first item opens the session"
    );
    keys(&mut a, "<Esc>j<Enter>");
    assert!(a.top::<Confirm>().is_some());
    keys(&mut a, "j");
    assert_eq!(a.session.current_item.as_deref(), Some("1"), "j is no yes");
    keys(&mut a, "<Enter>J");
    assert_eq!(a.session.current_item.as_deref(), Some("2"));
    assert_eq!(a.focus, Pane::Minutes);
}

#[test]
fn the_minutes_pane_warns_when_its_item_is_not_the_one_called() {
    let mut a = app(fresh());
    keys(&mut a, "<Enter><Esc>jj");
    let screen = frame(&a, 80, 24);
    assert!(
        screen.contains("nicht aufgerufen – es läuft TOP"),
        "{screen}"
    );
}

#[test]
fn the_current_speaker_stays_in_sight_with_a_long_queue() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter><Tab>");
    for name in [
        "oka",
        "lindq",
        "hollm",
        "ahrens",
        "feddersen",
        "berger",
        "kruse",
        "petersen",
        "matthiesen",
    ] {
        keys(&mut a, &format!("a{name}<Enter>"));
    }
    keys(&mut a, "<Enter><Esc>G");
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("▶ Frau Okafor"), "{screen}");
    assert!(
        screen.contains("Herr Matthiesen"),
        "the selected last request is in sight too:\n{screen}"
    );
}

#[test]
fn a_refused_prompt_keeps_what_was_typed() {
    let mut a = app(fresh());
    keys(&mut a, "a5 Doppelte Nummer<Enter>");
    let Some(p) = a.top::<Prompt>() else {
        panic!("the prompt closed")
    };
    assert_eq!(p.text(), "5 Doppelte Nummer");
    assert!(a.message.as_ref().is_some_and(|m| m.error));
    keys(&mut a, "<C-a><Del>7.1<Enter>");
    assert_eq!(
        a.session.item("7.1").map(|i| i.title.as_str()),
        Some("Doppelte Nummer")
    );
    assert!(a.layers.is_empty());
}

#[test]
fn items_can_be_renamed_and_get_the_next_sibling_number() {
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjjaDringlichkeitsantrag Schulweg<Enter>");
    assert_eq!(
        a.item().map(|i| i.number.as_str()),
        Some("7.1"),
        "after 7 comes 7.1"
    );
    keys(&mut a, "aNoch ein Antrag<Enter>");
    assert_eq!(
        a.item().map(|i| i.number.as_str()),
        Some("7.2"),
        "after 7.1 comes 7.2"
    );
    keys(&mut a, "r<C-a><C-k>7.2 Antrag zur Buslinie<Enter>");
    assert_eq!(
        a.session.item("7.2").map(|i| i.title.as_str()),
        Some("Antrag zur Buslinie")
    );
}

#[test]
fn an_outcome_can_be_cleared() {
    let mut a = app(fresh());
    keys(&mut a, "t");
    assert!(a.item().unwrap().outcome.is_some());
    keys(&mut a, "bG");
    for _ in 0..12 {
        keys(&mut a, "j");
    }
    keys(&mut a, "<Enter>");
    assert_eq!(a.item().unwrap().outcome, None);
}

#[test]
fn a_vote_with_nobody_present_is_refused_and_quorum_is_flagged() {
    let mut s = fresh();
    for p in &mut s.persons {
        p.presence = sitzung::domain::Presence::Entschuldigt;
    }
    let mut a = app(s);
    keys(&mut a, "jjjjjjjj<Enter><Tab><Tab>va");
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("nicht beschlussfähig"), "{screen}");
    keys(&mut a, "<Enter>");
    assert!(a.item().unwrap().motions.is_empty());
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("keine Stimme")),
        "{:?}",
        a.message
    );
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let mut a = app(fresh());
    let before = a.session.clone();
    a.set_screen(60, 15);
    keys(&mut a, "dJ");
    assert_eq!(a.session, before);
    keys(&mut a, "q");
    assert!(a.quit, "q still leaves");
}

#[test]
fn the_picker_lists_sessions_and_starts_new_ones() {
    use sitzung::tui::picker::Picker;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        support::demo_path(),
        dir.path().join("2024-03-14_bauausschuss.ron"),
    )
    .unwrap();
    let mut picker = Picker::new(sitzung::store::WritableStore::new(dir.path())).unwrap();
    use sitzung::tui::Screen;
    picker.tick(at(9, 0, 0));
    frame(&picker, 80, 24);
    keys(&mut picker, "n");
    // A terminal of one line must not bring the picker down.
    frame(&picker, 80, 1);
    keys(&mut picker, "<Enter>");
    assert!(
        picker.prompt.is_some(),
        "an empty name keeps the prompt open"
    );
    keys(&mut picker, "Kulturausschuss<Enter>");
    let created = picker
        .done
        .clone()
        .flatten()
        .expect("a session was created");
    assert_eq!(
        sitzung::store::load(&created).unwrap().body,
        "Kulturausschuss"
    );
}

#[test]
fn a_read_only_screen_says_so_and_refuses_changes() {
    let mut a = App::new(
        fresh(),
        Persist::ReadOnly("geschrieben von Prozess 4711".into()),
        at(19, 0, 0),
    );
    let before = a.session.clone();
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("NUR LESEN (geschrieben von Prozess 4711)"));
    assert!(screen.lines().last().unwrap().contains("? Hilfe"));
    assert!(!screen.contains("n schreibt"), "{screen}");
    // In every pane, no key that writes is offered in the hint line.
    for (pane, context) in [
        (Pane::Agenda, Context::Agenda),
        (Pane::Minutes, Context::Minutes),
        (Pane::Speakers, Context::Speakers),
        (Pane::Motion, Context::Motion),
    ] {
        a.focus = pane;
        let screen = frame(&a, 120, 40);
        let hints = screen.lines().last().unwrap();
        assert!(hints.contains("? Hilfe"), "{hints}");
        for b in bindings(context)
            .chain(bindings(Context::Global))
            .filter(|b| b.hint && !b.command.only_looks())
        {
            let help = b.help.split(['(', ':']).next().unwrap().trim();
            assert!(
                !hints.contains(&format!("{} {help}", b.keys[0].label())),
                "{context:?} offers {help:?} to a reader: {hints}"
            );
        }
    }
    a.focus = Pane::Agenda;
    keys(&mut a, "S<Enter>");
    assert_eq!(a.session, before);
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("Nur lesend")),
        "{:?}",
        a.message
    );
    // No form opens to change what cannot be saved; the list may still be looked through.
    keys(&mut a, "I");
    assert!(a.top::<sitzung::tui::record::layers::Form>().is_none());
    keys(&mut a, "A/okaf<Enter>e");
    assert!(a.top::<sitzung::tui::record::layers::Form>().is_none());
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.text.contains("Nur lesend"))
    );
}

#[test]
fn a_read_only_screen_follows_new_paragraphs_when_at_the_last_and_keeps_its_item() {
    let with = |n: usize| {
        let mut s = fresh();
        for i in 0..n {
            s.agenda[1]
                .minutes
                .push(sitzung::domain::Paragraph::plain(&format!("Beitrag {i}.")));
        }
        s
    };
    let mut reader = App::new(with(2), Persist::ReadOnly("test".into()), at(19, 0, 0));
    reader.sel.agenda = 1;
    reader.sel.minutes = 1;
    reader.follow(with(3));
    assert_eq!(
        (reader.sel.agenda, reader.sel.minutes),
        (1, 2),
        "at the end: follows"
    );
    reader.sel.minutes = 0;
    reader.follow(with(4));
    assert_eq!(
        (reader.sel.agenda, reader.sel.minutes),
        (1, 0),
        "reading back: stays"
    );
    assert!(frame(&reader, 80, 24).contains("Beitrag 0."));

    // An item inserted before the one read: the reader stays with its item, not its row.
    let mut moved = with(4);
    moved
        .agenda
        .insert(0, sitzung::domain::AgendaItem::new("0", "Vorab"));
    let number = reader.item_number();
    reader.follow(moved);
    assert_eq!(reader.item_number(), number);

    let mut writer = app(with(2));
    writer.follow(with(5));
    assert_eq!(
        writer.session.agenda[1].minutes.len(),
        2,
        "a writing screen ignores it"
    );
}

#[test]
fn the_status_says_gespeichert_only_for_what_is_saved_and_an_open_paragraph_is_saved_within_half_a_second()
 {
    let mut a = App::new(fresh(), Persist::Memory, at(19, 0, 0));
    keys(&mut a, "<Tab>n");
    let ms = |n: i64| at(19, 0, 0) + chrono::Duration::milliseconds(n);
    // Typing without a pause: a key every 100 ms for 700 ms.
    for i in 0..7 {
        a.tick(ms(i * 100));
        keys(&mut a, "x");
        let screen = frame(&a, 80, 24);
        if i < 4 {
            assert!(screen.contains("Absatz wird gespeichert"), "{i}:\n{screen}");
            assert!(!screen.contains("gespeichert 19:"), "{i}:\n{screen}");
        }
    }
    let saved = |a: &App| {
        a.session.agenda[0]
            .minutes
            .last()
            .map_or(0, |p| p.text.chars().filter(|c| *c == 'x').count())
    };
    assert!(saved(&a) >= 5, "saved during typing: {}", saved(&a));
    // The last key at 600 ms: saved by 850 ms (the loop looks every 250 ms).
    a.tick(ms(850));
    assert_eq!(saved(&a), 7);
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("gespeichert 19:00:00"), "{screen}");
    assert!(!screen.contains("wird gespeichert"), "{screen}");
}

#[test]
fn a_lost_lock_turns_the_status_red_and_everything_typed_goes_to_the_rescue_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    sitzung::store::save(&path, &fresh()).unwrap();
    let mut a = recording(&path, at(19, 0, 0));
    keys(&mut a, "<Tab>nerster Absatz<Esc>");
    assert!(matches!(a.save, SaveState::Saved(_)));
    // Someone removes the lock; a second writer takes the session.
    std::fs::remove_file(path.with_extension("lock")).unwrap();
    let b = sitzung::store::Recorder::open(&path).expect("the second writer gets in");
    keys(&mut a, "nzweiter Absatz<Esc>");
    let SaveState::Rescued { path: rescue, .. } = a.save.clone() else {
        panic!("not rescued: {:?}", a.save);
    };
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("SPERRE VERLOREN"), "{screen}");
    assert!(screen.contains("Sperrdatei entfernt/ersetzt"), "{screen}");
    // Everything A typed is in the rescue file; the session's journal got nothing from A.
    let rescued = sitzung::store::load(&rescue).unwrap();
    assert_eq!(rescued, a.session);
    let journal = std::fs::read_to_string(path.with_extension("journal")).unwrap();
    assert!(!journal.contains("zweiter Absatz"), "{journal}");
    // A goes on: each change lands in the rescue file.
    keys(&mut a, "ndritter Absatz<Esc>");
    assert_eq!(sitzung::store::load(&rescue).unwrap(), a.session);
    drop(b);
}

#[test]
fn a_paste_into_a_one_line_prompt_takes_its_first_line_whatever_its_line_ends() {
    for paste in [
        "Erste Zeile\rZweite Zeile\r",
        "Erste Zeile\r\nZweite",
        "\u{1b}[31mErste Zeile\u{1b}[0m\nZweite",
    ] {
        let mut a = app(fresh());
        keys(&mut a, "a");
        assert!(a.top::<Prompt>().is_some(), "a opens a prompt");
        a.paste(paste);
        keys(&mut a, "<Enter>");
        let titles: Vec<&str> = a.session.agenda.iter().map(|i| i.title.as_str()).collect();
        assert!(titles.contains(&"Erste Zeile"), "{paste:?}: {titles:?}");
        assert!(
            !titles
                .iter()
                .any(|t| t.contains("Zweite") || t.contains('[')),
            "{titles:?}"
        );
    }
}

#[test]
fn a_long_item_shows_the_paragraphs_around_the_selected_one() {
    let mut s = fresh();
    let number = s.agenda[0].number.clone();
    for i in 0..30 {
        let words = "und weiter ".repeat(i % 7 * 3);
        s.apply(sitzung::domain::Action::AppendMinute {
            item: number.clone(),
            paragraph: sitzung::domain::Paragraph::plain(&format!("Absatz {i}: {words}Ende {i}.")),
        })
        .unwrap();
    }
    let mut a = app(s);
    keys(&mut a, "<Tab>");
    for (pos, script) in [
        ("first", ""),
        ("middle", &"j".repeat(15)),
        ("last", &"j".repeat(40)),
    ] {
        let mut b = App::new(a.session.clone(), Persist::Memory, at(19, 0, 0));
        keys(&mut b, "<Tab>");
        // The selection starts at the newest paragraph; go to the first, then down.
        keys(&mut b, &"k".repeat(40));
        keys(&mut b, script);
        let screen = frame(&b, 80, 24);
        let selected = b.sel.minutes;
        assert!(
            screen.contains(&format!("Ende {selected}."))
                || screen.contains(&format!("Absatz {selected}:")),
            "{pos}: paragraph {selected} not in view:\n{screen}"
        );
        insta::assert_snapshot!(format!("long_item_{pos}"), screen);
    }
}

#[test]
fn a_person_is_added_with_kind_and_role_and_edited_in_a_form() {
    let mut a = app(fresh());
    let count = a.session.persons.len();
    // The new person form opens on the first name; two fields back is the salutation.
    keys(
        &mut a,
        "AN<S-Tab><S-Tab> <Tab><Tab>Ole<Tab>Hinrichs<Tab>  <Tab><Tab>Die Kämmerin",
    );
    both_sizes("person_form", &a);
    keys(&mut a, "<Enter>");
    assert_eq!(a.session.persons.len(), count + 1);
    let ole = a.session.persons.last().unwrap().clone();
    assert_eq!(ole.id, "hinrichs");
    assert_eq!(ole.salutation, sitzung::domain::Salutation::Herr);
    assert_eq!(ole.kind, sitzung::domain::PersonKind::Verwaltung);
    assert_eq!(ole.fraktion, None, "a kind is no Fraktion");
    assert_eq!(ole.role.as_deref(), Some("Der Kämmerer"), "the role agrees");
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("passt zur Anrede"), "{screen}");

    // Edit: the last row is Ole; he sits in for Herr Petersen. Frau Claußen, for whom Herr
    // Matthiesen sits in already, is not offered.
    keys(&mut a, "Ge<S-Tab>c");
    assert!(
        !frame(&a, 80, 24).contains("Claußen, "),
        "{}",
        frame(&a, 80, 24)
    );
    keys(&mut a, "p<Enter>");
    let ole = a.session.person("hinrichs").unwrap();
    assert_eq!(ole.deputy_for.as_deref(), Some("petersen"));
    keys(&mut a, "<Esc>u");
    assert_eq!(a.session.person("hinrichs").unwrap().deputy_for, None);
}

#[test]
fn esc_on_a_changed_form_asks_for_a_second_esc() {
    let mut a = app(fresh());
    let before = a.session.clone();
    keys(&mut a, "ANMeier<Esc>");
    assert!(a.top::<sitzung::tui::record::layers::Form>().is_some());
    assert!(frame(&a, 80, 24).contains("noch einmal Esc"));
    keys(&mut a, "<Esc>");
    assert!(a.top::<sitzung::tui::record::layers::Form>().is_none());
    assert_eq!(a.session.persons, before.persons);
}

#[test]
fn a_person_is_removed_only_when_nothing_names_them() {
    let mut a = app(fresh());
    let count = a.session.persons.len();
    // The first row is the chair.
    keys(&mut a, "Ad");
    assert_eq!(a.session.persons.len(), count);
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("wird im Protokoll genannt"), "{screen}");
    // Herr Petersen is named nowhere yet: a question, then gone.
    keys(&mut a, "jd");
    assert!(a.top::<Confirm>().is_some());
    keys(&mut a, "j");
    assert_eq!(a.session.persons.len(), count, "j is no yes");
    keys(&mut a, "dJ");
    assert_eq!(a.session.persons.len(), count - 1);
    assert!(a.session.person("petersen").is_none());
    keys(&mut a, "<Esc>u");
    assert!(a.session.person("petersen").is_some());
}

#[test]
fn type_to_find_in_the_attendance_list() {
    let mut a = app(fresh());
    let before = a.session.person("okafor").unwrap().presence;
    keys(&mut a, "A/okaf");
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("Suchen: okaf"), "{screen}");
    keys(&mut a, "<Enter> ");
    assert_ne!(a.session.person("okafor").unwrap().presence, before);
    // Umlauts and ß fold: "claus" finds Claußen; Esc goes back to where the search began.
    keys(&mut a, "/claus<Esc> ");
    assert_ne!(
        a.session.person("okafor").unwrap().presence.next(),
        before.next(),
        "Esc went back to Frau Okafor"
    );
    keys(&mut a, "/SPD<Tab><Enter>b");
    let item = a.item().unwrap().clone();
    assert!(
        item.is_befangen("hollmann"),
        "Tab went to the second SPD member"
    );
}

#[test]
fn the_session_data_are_set_in_one_form_and_undone_at_once() {
    let mut a = app(fresh());
    let before = a.session.clone();
    keys(&mut a, "I");
    both_sizes("session_form", &a);
    let clear = "<BS>".repeat(40);
    keys(
        &mut a,
        &format!(
            "<Tab>{clear}7/2024<Tab>{clear}Rathaus, Sitzungssaal<Tab>p<Tab><Tab> <Tab>15<Enter>"
        ),
    );
    let s = &a.session;
    assert_eq!(s.number.as_deref(), Some("7/2024"));
    assert_eq!(s.place.as_deref(), Some("Rathaus, Sitzungssaal"));
    assert_eq!(s.chair.as_deref(), Some("petersen"));
    assert_eq!(s.land, sitzung::domain::Land::Bayern);
    assert_eq!(s.legal_members, Some(15));
    keys(&mut a, "u");
    assert_eq!(a.session.number, before.number);
    assert_eq!(a.session.chair, before.chair);
    assert_eq!(a.session.legal_members, before.legal_members);
}

#[test]
fn events_are_recorded_in_two_keys_and_a_break_in_one() {
    let mut a = app(fresh());
    // TOP 1 is called at 19:00.
    keys(&mut a, "<Enter><Esc>");
    let item = a.session.current_item.clone().unwrap();
    keys(&mut a, "!");
    both_sizes("events", &a);
    keys(&mut a, "f");
    a.tick(at(19, 20, 0));
    keys(&mut a, "U");
    a.tick(at(19, 25, 0));
    keys(&mut a, "U");
    keys(&mut a, "!vpeters<Enter>");
    let events = &a.session.item(&item).unwrap().events;
    let said: Vec<String> = events
        .iter()
        .map(|e| sitzung::render::german::event(&a.session, e))
        .collect();
    assert_eq!(
        said,
        [
            "Die Beschlussfähigkeit wird festgestellt.",
            "Die Sitzung wird von 19:20 bis 19:25 Uhr unterbrochen.",
            "Herr Petersen übernimmt um 19:25 Uhr den Vorsitz.",
        ]
    );
    // The list shows what is there; d asks before the last one goes, and u brings it back.
    keys(&mut a, "!");
    assert!(frame(&a, 80, 24).contains("übernimmt um 19:25 Uhr"));
    keys(&mut a, "dj");
    assert_eq!(
        a.session.item(&item).unwrap().events.len(),
        3,
        "j is no yes"
    );
    keys(&mut a, "!dJ");
    assert_eq!(a.session.item(&item).unwrap().events.len(), 2);
    keys(&mut a, "u");
    assert_eq!(a.session.item(&item).unwrap().events.len(), 3);
    let protocol = sitzung::render::render(
        &a.session,
        &sitzung::render::Options {
            format: sitzung::render::Format::Text,
            edition: sitzung::render::Edition::Internal,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        protocol.contains("Die Sitzung wird von 19:20 bis 19:25 Uhr unterbrochen."),
        "{protocol}"
    );
}

#[test]
fn deleting_a_member_counted_at_a_vote_names_the_vote_and_the_list_stays_on_a_row() {
    let mut a = app(fresh());
    // TOP 7 (jjjjjjjj): einstimmig with all nine present.
    keys(&mut a, "jjjjjjjj<Enter><Tab><Tab>va<Enter>");
    assert!(a.item().unwrap().motions.iter().any(|m| m.vote.is_some()));
    let count = a.session.persons.len();
    // Herr Petersen voted: the question names the vote.
    keys(&mut a, "Ajd");
    let screen = frame(&a, 80, 24);
    assert!(screen.contains("Abstimmung zu TOP 7"), "{screen}");
    keys(&mut a, "n");
    assert_eq!(a.session.persons.len(), count);
    // The last row (a guest nobody names) goes; the next key acts on the row now last.
    keys(&mut a, "GdJ");
    assert_eq!(a.session.persons.len(), count - 1);
    let last = a.session.persons.last().unwrap().clone();
    keys(&mut a, " ");
    assert_ne!(
        a.session.person(&last.id).unwrap().presence,
        last.presence,
        "the key acted on the last row shown"
    );
}

#[test]
fn agenda_changes_in_the_meeting_are_decisions_in_the_protocol() {
    let mut a = app(fresh());
    // The session runs; TOP 2 (Feststellung der Tagesordnung) is called.
    keys(&mut a, "Sj<Enter>J<Esc>");
    assert_eq!(a.session.current_item.as_deref(), Some("2"));
    // An urgent item after TOP 7, TOP 9 before TOP 8, TOP 10 taken off with a reason.
    keys(&mut a, "jjjjjjjaDringlichkeitsantrag Schulweg<Enter>");
    keys(&mut a, "jjK");
    keys(&mut a, "jjb");
    assert_eq!(a.item().unwrap().number, "10");
    let abgesetzt = sitzung::domain::Outcome::ALL
        .iter()
        .position(|o| *o == Outcome::Abgesetzt)
        .unwrap();
    keys(&mut a, &"j".repeat(abgesetzt));
    keys(&mut a, "<Enter>Antrag zurückgezogen<Enter>");
    let protocol = sitzung::render::render(
        &a.session,
        &sitzung::render::Options {
            edition: sitzung::render::Edition::Internal,
            ..Default::default()
        },
    )
    .unwrap();
    // The urgency is a procedural motion of TOP 2, with two thirds of the legal number (SH).
    let urgency = a.session.item("2").unwrap().motions[0].clone();
    assert_eq!(urgency.go, Some(sitzung::domain::GoKind::Dringlichkeit));
    assert_eq!(
        urgency.majority,
        sitzung::domain::Majority::ZweiDrittelGesetzlich
    );
    assert_eq!(urgency.about.as_deref(), Some("7.1"));
    assert_eq!(
        sitzung::render::german::motion_caption(&a.session, a.session.item("2").unwrap(), &urgency),
        "Antrag zur Geschäftsordnung auf Erweiterung der Tagesordnung (Dringlichkeit): TOP 7.1 „Dringlichkeitsantrag Schulweg“"
    );
    for said in [
        "Die Tagesordnung wird um TOP 7.1 „Dringlichkeitsantrag Schulweg“ erweitert.",
        "TOP 9 wird vor TOP 8 behandelt.",
        "TOP 10 „Verschiedenes“ wird von der Tagesordnung abgesetzt",
        "wird von der Tagesordnung abgesetzt (Antrag zurückgezogen).",
    ] {
        assert!(protocol.contains(said), "{said}\n{protocol}");
    }
    // Of the item taken off, only that: heading, "abgesetzt" and why.
    let heading = protocol.find("- 10 Verschiedenes").unwrap();
    let rest = &protocol[heading..];
    let next = rest[1..]
        .find("14.03.2024 - ")
        .map_or(rest.len(), |n| n + 1);
    let block = &rest[..next];
    assert!(
        block.contains("abgesetzt") && block.contains("Grund: Antrag zurückgezogen"),
        "{block}"
    );
    assert!(!block.contains("Wortprotokoll"), "{block}");
}

#[test]
fn a_procedural_motion_is_chosen_from_a_list_voted_first_and_adjourns_the_item() {
    let mut a = app(fresh());
    // TOP 7, Frau Okafor has the floor and moves the Vertagung.
    keys(&mut a, "jjjjjjjj<Enter><Tab>aokaf<Enter><Enter><Esc><Tab>o");
    both_sizes("go_motion", &a);
    let vertagung = sitzung::domain::GoKind::ALL
        .iter()
        .position(|g| *g == sitzung::domain::GoKind::Vertagung)
        .unwrap();
    keys(&mut a, &"j".repeat(vertagung));
    keys(&mut a, "<Enter>v");
    let item = a.item().unwrap().clone();
    let caption = a.top::<VoteDraft>().unwrap().caption(&a.session, &item);
    assert_eq!(
        caption,
        "Antrag zur Geschäftsordnung auf Vertagung von Frau Okafor:"
    );
    keys(&mut a, "a<Enter>");
    assert_eq!(a.item().unwrap().outcome, Some(Outcome::Vertagt));
    // A Sachantrag from the floor, with its text.
    keys(
        &mut a,
        "aDie Verwaltung legt eine zweite Kostenschätzung vor.<Enter>",
    );
    let last = a.item().unwrap().motions.last().unwrap().clone();
    assert_eq!(last.kind, sitzung::domain::MotionKind::Antrag);
    assert_eq!(last.mover.as_deref(), Some("okafor"));
}

/// A council of 40 members in five Fraktionen, invented names, TOP 1 with a proposal, called.
fn council_of_40() -> App {
    const NAMES: [&str; 40] = [
        "Ahrens",
        "Bahr",
        "Claußen",
        "Dahl",
        "Ehlers",
        "Feddersen",
        "Gosch",
        "Hansen",
        "Iwersen",
        "Jessen",
        "Kruse",
        "Lorenzen",
        "Matthiesen",
        "Nissen",
        "Ohlsen",
        "Petersen",
        "Quast",
        "Reimers",
        "Sievers",
        "Thode",
        "Ulrich",
        "Vogt",
        "Wulf",
        "Brodersen",
        "Carstens",
        "Detlefsen",
        "Engel",
        "Frahm",
        "Godbersen",
        "Hinrichs",
        "Ipsen",
        "Jacobs",
        "Kock",
        "Lüders",
        "Möller",
        "Nommensen",
        "Ott",
        "Paulsen",
        "Rieck",
        "Schütt",
    ];
    const FRAKTIONEN: [&str; 5] = ["CDU", "SPD", "Grüne", "FDP", "WfL"];
    let mut s = Session::new(
        "Kreistag Lindenholz",
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
    );
    for (i, name) in NAMES.iter().enumerate() {
        let id = sitzung::domain::slug(name).unwrap();
        let mut p =
            sitzung::domain::Person::member(&id, sitzung::domain::Salutation::Herr, "", name);
        p.fraktion = Some(FRAKTIONEN[i % 5].into());
        s.persons.push(p);
    }
    let mut item = sitzung::domain::AgendaItem::new("1", "Haushaltssatzung 2025");
    item.proposal = Some("Die Haushaltssatzung 2025 wird beschlossen.".into());
    s.agenda.push(item);
    let mut a = app(s);
    keys(&mut a, "<Enter><Tab><Tab>");
    a
}

/// Keys in a script as `keys` reads it: a character or a `<…>` name each.
fn key_count(script: &str) -> usize {
    let mut n = 0;
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            rest = &rest[end + 1..];
        } else {
            rest = &rest[c.len_utf8()..];
        }
        n += 1;
    }
    n
}

#[test]
fn a_roll_call_of_40_with_3_exceptions_takes_at_most_15_keys() {
    use sitzung::domain::{Answer, BallotKind};
    let mut a = council_of_40();
    keys(&mut a, "vl");
    both_sizes("roll_call", &a);
    // Herr Nommensen no, Herr Quast abstains, Herr Frahm no.
    let script = "vlno-q0fr-<Enter>";
    let mut a = council_of_40();
    keys(&mut a, script);
    assert!(key_count(script) <= 15, "{} keys", key_count(script));
    let main = a.item().unwrap().main_motion().unwrap().clone();
    let vote = main.vote.unwrap();
    assert_eq!((vote.yes, vote.no, vote.abstain), (37, 2, 1));
    assert_eq!(main.ballot.kind, BallotKind::Namentlich);
    let mut no: Vec<String> = main.ballot.with(Answer::Nein).cloned().collect();
    no.sort();
    assert_eq!(no, ["frahm", "nommensen"]);
    // By name, a Fraktion typed gives all its members the answer, each printed by name.
    let mut c = council_of_40();
    keys(&mut c, "vlwfl-<Enter>");
    let main = c.item().unwrap().main_motion().unwrap().clone();
    assert_eq!(main.vote.map(|v| (v.yes, v.no)), Some((32, 8)));
    assert_eq!(main.ballot.with(Answer::Nein).count(), 8);
    // A name nobody has is said, and nothing changes.
    let mut b = council_of_40();
    keys(&mut b, "vlzz");
    assert!(frame(&b, 80, 24).contains("Niemand und keine Fraktion"));
}

#[test]
fn a_vote_per_fraktion_of_5_takes_at_most_12_keys_and_prints_per_fraktion() {
    use sitzung::domain::BallotKind;
    // SPD no, Grüne abstain, Herr Ahrens (CDU) no of his own; the rest yes.
    let script = "vfs-g0ah-<Enter>";
    let mut a = council_of_40();
    keys(&mut a, script);
    assert!(key_count(script) <= 12, "{} keys", key_count(script));
    let main = a.item().unwrap().main_motion().unwrap().clone();
    assert_eq!(main.ballot.kind, BallotKind::ProFraktion);
    let vote = main.vote.unwrap();
    assert_eq!((vote.yes, vote.no, vote.abstain), (23, 9, 8));
    let protocol = sitzung::render::render(&a.session, &Default::default()).unwrap();
    assert!(
        protocol.contains("23 Ja-Stimmen (8 FDP, 8 WfL, 7 CDU)"),
        "{protocol}"
    );
    assert!(
        protocol.contains("9 Nein-Stimmen (8 SPD, 1 CDU)"),
        "{protocol}"
    );
}

#[test]
fn the_chair_sees_speaking_times_per_speaker_fraktion_and_item() {
    let mut a = app(demo());
    keys(&mut a, "R");
    both_sizes("speaking_times", &a);
    let screen = frame(&a, 120, 40);
    for part in [
        "Je Redner/in",
        "Je Fraktion",
        "Je TOP",
        "Herr Matthias Brandt",
        "16:00",
    ] {
        assert!(screen.contains(part), "{part}\n{screen}");
    }
}

#[test]
fn the_room_display_shows_the_floor_and_the_last_vote_and_nothing_of_a_closed_item() {
    use sitzung::tui::display::Display;
    let mut a = app(fresh());
    // TOP 7: Frau Okafor has the floor, a vote was taken.
    keys(
        &mut a,
        "jjjjjjjj<Enter><Tab>aokaf<Enter><Enter><Esc><Tab>va<Enter>",
    );
    keys(&mut a, "<S-Tab>abrandt<Enter>");
    a.tick(at(19, 3, 20));
    let mut display = Display {
        app: App::new(
            a.session.clone(),
            Persist::ReadOnly("Saalanzeige".into()),
            at(19, 3, 20),
        ),
    };
    insta::assert_snapshot!("room_display_80x24", frame(&display, 80, 24));
    let screen = frame(&display, 80, 24);
    for part in [
        "TOP 7",
        "Es spricht: Frau Okafor",
        "3:20",
        "Redeliste: 1. Herr Brandt",
        "ANGENOMMEN",
    ] {
        assert!(screen.contains(part), "{part}\n{screen}");
    }
    // A key does nothing but q.
    keys(&mut display, "d");
    assert!(!sitzung::tui::Screen::finished(&display));
    // TOP 11 is closed: its title never reaches the hall.
    let mut closed = a.session.clone();
    closed.current_item = Some("11".into());
    let display = Display {
        app: App::new(
            closed,
            Persist::ReadOnly("Saalanzeige".into()),
            at(20, 0, 0),
        ),
    };
    let screen = frame(&display, 80, 24);
    assert!(screen.contains("Nichtöffentlicher Teil"), "{screen}");
    assert!(!screen.contains("Flurstück"), "{screen}");
}

#[test]
fn a_member_asks_that_their_own_vote_be_put_on_record() {
    let mut a = app(fresh());
    // TOP 7: 8:1:0, Herr Berger voted against and asks that it be recorded.
    keys(&mut a, "jjjjjjjj<Enter><Tab><Tab>v1nr<Enter>");
    let voted = a
        .item()
        .unwrap()
        .motions
        .iter()
        .position(|m| m.vote.is_some())
        .unwrap();
    a.sel.motion = voted;
    keys(&mut a, "pZander nein<Enter>");
    assert!(a.top::<Prompt>().is_some(), "a name nobody has: kept open");
    keys(&mut a, &"<BS>".repeat(20));
    keys(&mut a, "Berger nein<Enter>");
    let protocol = sitzung::render::render(&a.session, &Default::default()).unwrap();
    assert!(
        protocol.contains("Herr Berger bittet festzuhalten, dass er dagegen gestimmt hat."),
        "{protocol}"
    );
}

#[test]
fn the_room_display_survives_a_hand_edited_count() {
    use sitzung::tui::display::Display;
    let mut s = fresh();
    let seven = s.agenda.iter().position(|i| i.number == "7").unwrap();
    s.agenda[seven].motions.push(sitzung::domain::Motion {
        vote: Some(Vote::new(u32::MAX, 0, 0)),
        ..Default::default()
    });
    s.current_item = Some("7".into());
    let display = Display {
        app: App::new(s, Persist::ReadOnly("Saalanzeige".into()), at(19, 0, 0)),
    };
    assert!(frame(&display, 80, 24).contains("TOP 7"));
}

#[test]
fn an_election_with_a_run_off_and_the_lot_is_counted_in_the_screen_and_printed() {
    use sitzung::domain::election::ElectionResult;
    let mut a = council_of_40();
    keys(&mut a, "wSchiedsperson: Frahm, Kock, Ott<Enter>");
    let item = a.item().unwrap().clone();
    let m = item.motions.len() - 1;
    assert_eq!(
        item.motions[m].election.as_ref().unwrap().candidates,
        ["frahm", "kock", "ott"]
    );
    // The election is what is counted next: v opens the first ballot.
    keys(&mut a, "v");
    keys(&mut a, "18<Down>15<Down>5<Down><Down>2");
    both_sizes("election_ballot", &a);
    let screen = frame(&a, 80, 24);
    assert!(
        screen.contains("Keine Mehrheit: Stichwahl Herr Frahm / Herr Kock"),
        "{screen}"
    );
    keys(&mut a, "<Enter>");
    // The run-off: only the two stand; a tie.
    keys(&mut a, "v19<Down>19<Down>1<Enter>");
    let e = a.item().unwrap().motions[m].election.clone().unwrap();
    assert_eq!(e.rounds.len(), 2);
    assert_eq!(e.rounds[1].run_off, vec![0, 1]);
    assert_eq!(e.result(), ElectionResult::Lot(vec![0, 1]));
    // The lot, typed by name, drawn by the chair.
    keys(&mut a, "vott<Enter>");
    assert!(frame(&a, 80, 24).contains("steht nicht zur Losentscheidung"));
    keys(&mut a, "<BS><BS><BS>kock<Enter>");
    let e = a.item().unwrap().motions[m].election.clone().unwrap();
    assert!(matches!(
        e.result(),
        ElectionResult::Elected { candidate: 1, .. }
    ));
    // Once decided, v counts no further ballot; u takes the lot back.
    keys(&mut a, "v");
    assert!(
        frame(&a, 80, 24).contains("Die Wahl ist entschieden (Gewählt ist Herr Kock durch Los.)")
    );
    let protocol = sitzung::render::render(&a.session, &Default::default()).unwrap();
    for part in [
        "Wahl: Schiedsperson",
        "1. Wahlgang: Herr Frahm 18, Herr Kock 15, Herr Ott 5, ungültig 2",
        "Stichwahl: Herr Frahm 19, Herr Kock 19, Enthaltung 1",
        "entscheidet für Herrn Kock. Gewählt ist Herr Kock.",
    ] {
        assert!(protocol.contains(part), "{part}\n{protocol}");
    }
    keys(&mut a, "u");
    let e = a.item().unwrap().motions[m].election.clone().unwrap();
    assert_eq!(e.result(), ElectionResult::Lot(vec![0, 1]));
    // More ballots than those entitled are refused; nothing changes.
    let mut b = council_of_40();
    keys(&mut b, "wSchiedsperson: Frahm<Enter>v41<Enter>");
    assert!(frame(&b, 80, 24).contains("Stimmzettel"));
    assert!(
        b.item()
            .unwrap()
            .motions
            .last()
            .unwrap()
            .election
            .as_ref()
            .unwrap()
            .rounds
            .is_empty()
    );
}

#[test]
fn a_matter_decided_by_lot_is_recorded_as_an_event_with_who_drew() {
    use sitzung::domain::EventKind;
    let mut a = app(fresh());
    keys(&mut a, "jjjjjjjj<Enter>!o");
    // Without a colon it is refused and kept for correction.
    keys(&mut a, "den 5. Sitz SPD<Enter>");
    assert!(frame(&a, 80, 24).contains("Worüber, Doppelpunkt"));
    keys(&mut a, "<Esc>!oden 5. Sitz im Finanzausschuss: SPD<Enter>");
    let item = a.item().unwrap();
    let Some(EventKind::Losentscheid {
        about,
        result,
        drawn_by,
    }) = item.events.last().map(|e| e.kind.clone())
    else {
        panic!("no lot: {:?}", item.events);
    };
    assert_eq!(
        (about.as_str(), result.as_str()),
        ("den 5. Sitz im Finanzausschuss", "SPD")
    );
    assert_eq!(drawn_by, a.session.chair);
    let protocol = sitzung::render::render(&a.session, &Default::default()).unwrap();
    assert!(
        protocol.contains("Über den 5. Sitz im Finanzausschuss entscheidet das Los"),
        "{protocol}"
    );
    assert!(protocol.contains("gezogen): SPD."), "{protocol}");
}

#[test]
fn the_amendment_that_departs_furthest_is_moved_to_be_voted_first() {
    let mut a = council_of_40();
    keys(
        &mut a,
        "mStreichung von § 3<Enter>mDie Satzung tritt erst 2026 in Kraft<Enter>",
    );
    // The second departs further: it is moved before the first.
    keys(&mut a, "gjK");
    let texts: Vec<String> = a
        .item()
        .unwrap()
        .motions
        .iter()
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(
        texts,
        ["Die Satzung tritt erst 2026 in Kraft", "Streichung von § 3"]
    );
    assert_eq!(a.item().unwrap().next_to_vote(), Some(0));
    assert!(frame(&a, 80, 24).contains("der weitestgehende Antrag zuerst"));
    // Voted on, the next to vote is the other amendment, then the Beschlussvorschlag.
    keys(&mut a, "gvn40<Enter>");
    assert_eq!(a.item().unwrap().next_to_vote(), Some(1));
    // Across kinds the order is fixed: a procedural motion stays first to vote on.
    let mut c = council_of_40();
    keys(&mut c, "mA<Enter>o<Enter>gjK");
    assert!(frame(&c, 80, 24).contains("Die Folge der Arten steht fest"));
    assert_eq!(
        c.item().unwrap().motions[1].kind,
        sitzung::domain::MotionKind::GoAntrag
    );
    // One u puts the order back.
    let mut b = council_of_40();
    keys(&mut b, "mA<Enter>mB<Enter>gjKu");
    let texts: Vec<String> = b
        .item()
        .unwrap()
        .motions
        .iter()
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(texts, ["A", "B"]);
}

#[test]
fn a_signed_record_says_so_and_refuses_changes_in_the_screen() {
    let mut s = fresh();
    s.start = sitzung::domain::Time::hm(19, 0);
    s.end = sitzung::domain::Time::hm(21, 0);
    let chair = s.chair.clone().unwrap();
    s.apply_change(&[sitzung::domain::Action::Sign {
        by: chair,
        date: NaiveDate::from_ymd_opt(2024, 3, 18).unwrap(),
    }])
    .unwrap();
    let mut a = app(s);
    assert!(frame(&a, 80, 24).contains("teilweise unterschrieben"));
    let before = a.session.clone();
    keys(&mut a, "jjjjjjjj<Enter>");
    assert!(
        frame(&a, 80, 24).contains("Die Niederschrift ist unterschrieben"),
        "{}",
        frame(&a, 80, 24)
    );
    assert_eq!(a.session.agenda, before.agenda);
}
