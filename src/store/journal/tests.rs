use std::fs;

use chrono::NaiveDate;

use super::*;
use crate::domain::{AgendaItem, Paragraph, Person, Salutation};

fn base() -> Session {
    let mut s = Session::new(
        "Bauausschuss",
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
    );
    s.apply(Action::AddPerson(Person::member(
        "a",
        Salutation::Frau,
        "Anna",
        "Ahrens",
    )))
    .unwrap();
    s.apply(Action::AddItem {
        item: AgendaItem::new("1", "Eröffnung"),
        position: None,
    })
    .unwrap();
    s
}

fn minute(n: usize) -> Action {
    let text = format!("sagt etwas Nummer {n},\nmit Zeilenumbruch und „Anführung“.");
    Action::AppendMinute {
        item: "1".into(),
        paragraph: Paragraph::by("a", &text),
    }
}

/// A session file with a journal of `n` actions after it, as a crash would leave it.
fn crashed_with(n: usize) -> (tempfile::TempDir, PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    super::super::save(&path, &base()).unwrap();
    let mut expected = base();
    {
        let mut opened = Recorder::open(&path).unwrap();
        for i in 0..n {
            opened.recorder.record(&[minute(i)]).unwrap();
            expected.apply(minute(i)).unwrap();
        }
        // Dropped without a snapshot: the journal is all there is.
    }
    (dir, path, expected)
}

#[test]
fn a_journal_newer_than_the_snapshot_is_replayed_and_made_durable() {
    let (_dir, path, expected) = crashed_with(12);
    let opened = Recorder::open(&path).unwrap();
    assert_eq!(opened.recovery.replayed, 12);
    assert_eq!(
        opened.recovery.messages(),
        ["12 Änderungen nach Absturz wiederhergestellt"]
    );
    assert_eq!(opened.session, expected);
    drop(opened);
    // Recovery wrote a snapshot and a fresh journal: opening again replays nothing.
    assert_eq!(super::super::load(&path).unwrap(), expected);
    let again = Recorder::open(&path).unwrap();
    assert_eq!(again.recovery.replayed, 0);
    assert_eq!(again.session, expected);
}

#[test]
fn a_torn_last_line_at_every_byte_offset_recovers_to_the_last_whole_action() {
    let (dir, path, _) = crashed_with(3);
    let journal = journal_path(&path);
    let full = fs::read(&journal).unwrap();
    let snapshot = fs::read(&path).unwrap();
    let last_line_start = full[..full.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    let mut two = base();
    for i in 0..2 {
        two.apply(minute(i)).unwrap();
    }
    for cut in last_line_start..full.len() {
        fs::write(&path, &snapshot).unwrap();
        fs::write(&journal, &full[..cut]).unwrap();
        let opened = Recorder::open(&path).unwrap();
        // Cut right after the checksummed text (only the newline missing) keeps the action.
        let whole = cut == full.len() - 1;
        assert_eq!(
            opened.recovery.replayed,
            if whole { 3 } else { 2 },
            "cut at byte {cut}"
        );
        if !whole {
            assert_eq!(opened.session, two, "cut at byte {cut}");
            if cut > last_line_start {
                let (bad, aside) = opened
                    .recovery
                    .dropped
                    .clone()
                    .expect("the torn line is reported");
                assert_eq!(bad.line, 4, "header, two whole actions, then the torn one");
                assert_eq!(
                    fs::read(&aside).unwrap(),
                    &full[last_line_start..cut],
                    "the torn bytes are kept aside"
                );
            }
        }
    }
    drop(dir);
}

#[test]
fn a_damaged_line_in_the_middle_stops_the_replay_and_the_rest_is_kept_aside() {
    let (_dir, path, _) = crashed_with(5);
    let journal = journal_path(&path);
    let mut bytes = fs::read(&journal).unwrap();
    let third = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .unwrap()
        .0
        + 20;
    bytes[third] ^= 0x20;
    fs::write(&journal, &bytes).unwrap();
    let opened = Recorder::open(&path).unwrap();
    assert_eq!(opened.recovery.replayed, 2);
    let (bad, aside) = opened.recovery.dropped.unwrap();
    assert_eq!(bad.line, 4);
    assert!(bad.reason.contains("Prüfsumme"), "{}", bad.reason);
    assert_eq!(
        fs::read(aside)
            .unwrap()
            .iter()
            .filter(|b| **b == b'\n')
            .count(),
        3
    );
}

#[test]
fn a_journal_older_than_the_snapshot_is_set_aside_not_replayed() {
    let (_dir, path, expected) = crashed_with(4);
    let journal = journal_path(&path);
    let old_journal = fs::read(&journal).unwrap();
    // As if the snapshot had been written and the crash came before the new journal.
    super::super::save(&path, &expected).unwrap();
    fs::write(&journal, &old_journal).unwrap();
    let opened = Recorder::open(&path).unwrap();
    assert_eq!(opened.recovery.replayed, 0);
    assert_eq!(opened.session, expected, "actions were applied twice");
    assert_eq!(
        fs::read(opened.recovery.stale.unwrap()).unwrap(),
        old_journal
    );
}

#[test]
fn inspect_tells_what_recovery_would_do_without_writing() {
    let (dir, path, _) = crashed_with(7);
    // Every file of the folder, with its bytes and time.
    let files = || {
        let mut files: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let modified = fs::metadata(&path).unwrap().modified().unwrap();
                (fs::read(&path).unwrap(), path, modified)
            })
            .collect();
        files.sort_by(|a, b| a.1.cmp(&b.1));
        files
    };
    let before = files();
    assert_eq!(
        inspect(&path).unwrap(),
        JournalState::Continues {
            actions: 7,
            applicable: 7,
            bad: None
        }
    );
    assert!(before == files(), "inspect changed a file of the folder");
}

#[test]
fn one_journal_line_holds_one_action_whatever_its_text() {
    let l = line(&[minute(1)]);
    assert_eq!(l.matches('\n').count(), 1);
    assert!(l.ends_with('\n'));
    let read = read_journal(format!("{MAGIC} basis=0000000a\n{l}").as_bytes());
    assert_eq!(read.actions, [vec![minute(1)]]);
    assert_eq!(read.basis, Some(10));
}

#[test]
fn a_change_of_several_actions_comes_back_whole_or_not_at_all() {
    let (_dir, path, _) = crashed_with(0);
    let two = [minute(100), minute(101)];
    {
        let mut opened = Recorder::open(&path).unwrap();
        opened.recorder.record(&two).unwrap();
    }
    let journal = journal_path(&path);
    let full = fs::read(&journal).unwrap();
    let snapshot = fs::read(&path).unwrap();
    fs::write(&journal, &full[..full.len() - 3]).unwrap();
    let opened = Recorder::open(&path).unwrap();
    assert_eq!(
        opened.session.agenda[0].minutes.len(),
        0,
        "half a change was replayed"
    );
    drop(opened);
    fs::write(&path, &snapshot).unwrap();
    fs::write(&journal, &full).unwrap();
    assert_eq!(
        Recorder::open(&path).unwrap().session.agenda[0]
            .minutes
            .len(),
        2
    );
}

#[test]
fn a_snapshot_with_invalid_utf8_is_refused_with_its_position_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut bytes = super::super::to_ron(&base()).into_bytes();
    let at = bytes.windows(8).position(|w| w == b"Ahrens\",").unwrap();
    bytes[at] = 0xDF;
    fs::write(&path, &bytes).unwrap();
    match Recorder::open(&path) {
        Err(OpenError::Load(LoadError::Syntax { line, message, .. })) => {
            assert!(line > 1 && message.contains("UTF-8"), "{line} {message}");
        }
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("a damaged file was opened (and would be rewritten)"),
    }
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn two_names_for_one_session_share_one_lock() {
    let (dir, path, _) = crashed_with(1);
    let alias = dir.path().join("alias.ron");
    std::os::unix::fs::symlink(&path, &alias).unwrap();
    let _first = Recorder::open(&path).unwrap();
    assert!(matches!(Recorder::open(&alias), Err(OpenError::Locked(_))));
}

#[test]
fn appending_after_the_folder_was_removed_is_reported() {
    let (dir, path, _) = crashed_with(0);
    let mut opened = Recorder::open(&path).unwrap();
    opened.recorder.record(&[minute(1)]).unwrap();
    fs::remove_dir_all(dir.path()).unwrap();
    let err = opened.recorder.record(&[minute(2)]).unwrap_err();
    assert!(err.to_string().contains("gelöscht"), "{err}");
    assert!(
        !opened.recorder.journal_open(),
        "no more appends into nothing"
    );
}
