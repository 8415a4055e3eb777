use std::fs;

use chrono::NaiveDate;

use super::*;
use crate::domain::{AgendaItem, Paragraph, Person, Salutation};
use crate::store::lock::lock_path;

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
            expected.apply_change(&[minute(i)]).unwrap();
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
        two.apply_change(&[minute(i)]).unwrap();
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
    // The lock went with the folder: that is seen before anything is appended into nothing.
    assert!(err.to_string().contains("Sperrdatei entfernt"), "{err}");
    assert!(
        !opened.recorder.journal_open(),
        "no more appends into nothing"
    );
}

/// A writer with one paragraph in its journal, and what it holds.
fn writing() -> (tempfile::TempDir, PathBuf, Opened, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    super::super::save(&path, &base()).unwrap();
    let mut opened = Recorder::open(&path).unwrap();
    let mut session = base();
    opened.recorder.record(&[minute(0)]).unwrap();
    session.apply(minute(0)).unwrap();
    (dir, path, opened, session)
}

/// Writer A goes on after its lock was taken from it by `take`: it must not write the journal
/// any more, a second writer gets the session, and everything A typed is in A's rescue file.
fn lock_taken(take: impl Fn(&Path)) {
    let (_dir, path, mut a, mut typed) = writing();
    take(&path);
    let b = Recorder::open(&path).expect("the second writer gets in");
    assert_eq!(
        b.recovery.replayed, 1,
        "B sees what A saved while it held the lock"
    );
    assert!(
        a.recorder.record(&[minute(1)]).is_err(),
        "A writes no journal line"
    );
    typed.apply(minute(1)).unwrap();
    let rescue = a
        .recorder
        .rescued()
        .expect("A knows its lock is gone")
        .to_path_buf();
    a.recorder.snapshot(&typed).unwrap();
    assert!(
        rescue.to_string_lossy().contains("s.ron.gerettet-"),
        "{rescue:?}"
    );
    assert_eq!(
        super::super::load(&rescue).unwrap(),
        typed,
        "nothing A typed is lost"
    );
    let journal = fs::read_to_string(journal_path(&path)).unwrap();
    assert!(
        !journal.contains("Nummer 1"),
        "A's line is not in B's journal: {journal}"
    );
    assert!(super::super::load(&path).unwrap().agenda[0].minutes.len() == 1);
    drop(b);
}

#[test]
fn a_removed_lock_file_stops_the_first_writer_and_nothing_is_lost() {
    lock_taken(|path| fs::remove_file(lock_path(path)).unwrap());
}

#[test]
fn a_lock_file_replaced_by_another_file_stops_the_first_writer() {
    // As `render -o NAME.lock` did: a new file renamed over the lock.
    lock_taken(|path| super::super::write_atomically(&lock_path(path), b"Protokoll").unwrap());
}

#[test]
fn a_removed_and_recreated_folder_stops_the_first_writer() {
    lock_taken(|path| {
        let dir = path.parent().unwrap();
        let kept: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e != "lock"))
            .map(|p| (p.clone(), fs::read(&p).unwrap()))
            .collect();
        fs::remove_dir_all(dir).unwrap();
        fs::create_dir(dir).unwrap();
        for (p, bytes) in kept {
            fs::write(p, bytes).unwrap();
        }
    });
}

#[test]
fn a_writer_refused_in_a_start_race_always_names_the_holder() {
    for _ in 0..30 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        super::super::save(&path, &base()).unwrap();
        // Half the rounds start from an empty lock file left by a clean end.
        if rand_bit(&path) {
            fs::write(lock_path(&path), "").unwrap();
        }
        let results: Vec<Result<Lock, LockError>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4).map(|_| s.spawn(|| Lock::acquire(&path))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "one writer"
        );
        for r in &results {
            if let Err(LockError::Held { holder, .. }) = r {
                assert_eq!(holder.pid, std::process::id(), "holder named: {holder}");
            } else if let Err(e) = r {
                panic!("{e}");
            }
        }
    }
}

fn rand_bit(path: &Path) -> bool {
    path.to_string_lossy().bytes().map(u32::from).sum::<u32>() % 2 == 0
}

#[test]
fn a_linked_lock_or_journal_is_never_followed() {
    use std::os::unix::fs::PermissionsExt;
    for name in ["s.lock", "s.journal"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        super::super::save(&path, &base()).unwrap();
        let outside = dir.path().join("outside.txt");
        fs::write(&outside, "fremde Datei\n").unwrap();
        fs::set_permissions(&outside, fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::symlink(&outside, dir.path().join(name)).unwrap();
        let err = Recorder::open(&path).err().expect("refused");
        assert!(
            err.to_string().contains("symbolischer Link"),
            "{name}: {err}"
        );
        assert_eq!(fs::read_to_string(&outside).unwrap(), "fremde Datei\n");
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.contains("defekt") || n.contains("veraltet")),
            "no copy of the outside file: {names:?}"
        );
    }
}

#[test]
fn new_files_of_a_session_get_the_snapshots_mode_and_set_aside_copies_their_sources() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777;
    let (_dir, path, expected) = crashed_with(2);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let journal = journal_path(&path);
    // A torn line at the end, in a journal someone made 0640.
    let mut bytes = fs::read(&journal).unwrap();
    bytes.extend_from_slice(b"deadbeef [kaputt");
    fs::write(&journal, &bytes).unwrap();
    fs::set_permissions(&journal, fs::Permissions::from_mode(0o640)).unwrap();
    fs::remove_file(lock_path(&path)).unwrap();
    let opened = Recorder::open(&path).unwrap();
    assert_eq!(opened.session, expected);
    let (_, aside) = opened
        .recovery
        .dropped
        .clone()
        .expect("the torn rest set aside");
    assert_eq!(mode(&aside), 0o640, "the copy keeps its source's mode");
    assert_eq!(
        mode(&lock_path(&path)),
        0o600,
        "a new lock: the snapshot's mode"
    );
    assert_eq!(mode(&journal), 0o640, "the journal keeps its own mode");
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_lock_file_emptied_in_place_names_its_holder_again_at_the_next_write() {
    let (_dir, path, mut a, _) = writing();
    fs::write(lock_path(&path), "").unwrap();
    a.recorder.record(&[minute(1)]).unwrap();
    match Recorder::open(&path) {
        Err(OpenError::Locked(LockError::Held { holder, .. })) => {
            assert_eq!(holder.pid, std::process::id(), "{holder}")
        }
        Err(other) => panic!("second writer not refused: {other}"),
        Ok(_) => panic!("a second writer got in"),
    }
}

#[test]
fn without_a_pause_the_snapshot_comes_on_the_change_at_the_latest() {
    // `writing` made the first change.
    let (_dir, path, mut a, mut session) = writing();
    for i in 1..SNAPSHOT_AT_THE_LATEST {
        session.apply(minute(i)).unwrap();
        assert_eq!(
            a.recorder.save(&session, &[minute(i)]).saved,
            Saved::Journal
        );
    }
    let journal = fs::read_to_string(journal_path(&path)).unwrap();
    assert_eq!(journal.lines().count(), 1, "the journal started anew");
    assert_eq!(super::super::load(&path).unwrap(), session);
}

#[test]
fn save_journals_each_change_snapshots_in_a_pause_and_rescues_after_a_lost_lock() {
    let (_dir, path, mut a, mut session) = writing();
    let journal_lines = || {
        fs::read_to_string(journal_path(&path))
            .unwrap()
            .lines()
            .count()
    };
    assert!(a.recorder.pause(&session).is_none(), "nothing due yet");
    for i in 1..SNAPSHOT_EVERY + 3 {
        session.apply(minute(i)).unwrap();
        assert_eq!(
            a.recorder.save(&session, &[minute(i)]).saved,
            Saved::Journal
        );
    }
    // No snapshot on a change: all of them are in the journal (after its head and the change
    // `writing` made).
    assert_eq!(journal_lines(), 2 + SNAPSHOT_EVERY + 2);
    // The first pause writes it; the journal starts anew, continuing it.
    let done = a.recorder.pause(&session).expect("a snapshot was due");
    assert_eq!(done.saved, Saved::Journal);
    assert_eq!(journal_lines(), 1);
    assert_eq!(super::super::load(&path).unwrap(), session);
    assert!(a.recorder.pause(&session).is_none(), "only once");
    assert!(Recorder::open(&path).is_err(), "still locked by A");
    fs::remove_file(lock_path(&path)).unwrap();
    session.apply(minute(9999)).unwrap();
    match a.recorder.save(&session, &[minute(9999)]).saved {
        Saved::Rescued(rescue) => assert_eq!(super::super::load(&rescue).unwrap(), session),
        other => panic!("not rescued: {other:?}"),
    }
    assert_eq!(
        a.recorder.retry(&session),
        Saved::Rescued(a.recorder.rescued().unwrap().to_path_buf())
    );
}
