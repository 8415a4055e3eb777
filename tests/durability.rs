//! A minute once typed is never lost: a writer killed with SIGKILL at random moments, two
//! writers at once, journals and snapshots that went wrong, and recovery under a new name.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use sitzung::domain::{AgendaItem, Session};
use sitzung::store::journal::OpenError;
use sitzung::store::lock::LockError;
use sitzung::store::{self, Recorder};

/// A session with one item for the scripted minutes.
fn prepared(dir: &Path) -> PathBuf {
    let path = dir.join("s.ron");
    let mut s = Session::new(
        "Bauausschuss",
        chrono::NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
    );
    s.agenda.push(AgendaItem::new("1", "Dauerlauf"));
    store::save(&path, &s).unwrap();
    path
}

fn writer(path: &Path) -> Child {
    Command::new(support::journal_torture())
        .args([
            &path.display().to_string(),
            "1000000",
            "--snapshot-every",
            "25",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("writer starts")
}

/// The text of scripted paragraph `n`, as `examples/journal_torture.rs` writes it.
fn scripted_text(n: usize) -> String {
    format!("Absatz {n}: sagt, dass es „so“ sei,\nmit Umbruch.")
}

/// A small deterministic random source (no dependency needed for a test's dice).
struct Dice(u64);

impl Dice {
    fn roll(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn a_writer_killed_at_random_moments_loses_nothing_it_reported_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = prepared(dir.path());
    let mut dice = Dice(0x5172_2024);
    let mut kills = 0;
    let mut total = 0;
    for round in 0..60 {
        let mut child = writer(&path);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut reported = 0;
        if dice.roll(2) == 0 {
            // Kill after some confirmed saves …
            for _ in 0..=dice.roll(40) {
                match lines.next() {
                    Some(Ok(line)) => reported = line["saved ".len()..].parse().unwrap(),
                    _ => break,
                }
            }
        } else {
            // … or after a random moment, wherever the writer is (mid-append, mid-snapshot).
            std::thread::sleep(Duration::from_micros(2_000 + dice.roll(30_000)));
        }
        child.kill().unwrap();
        kills += 1;
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the writer was not killed"
        );
        // Whatever was read of its output before the kill was reported saved too.
        for line in lines.map_while(Result::ok) {
            reported = line["saved ".len()..].parse().unwrap();
        }
        let opened =
            Recorder::open(&path).unwrap_or_else(|e| panic!("round {round}: does not open: {e}"));
        let minutes = &opened.session.agenda[0].minutes;
        assert!(
            minutes.len() >= reported,
            "round {round}: {reported} reported saved, {} there",
            minutes.len()
        );
        for (n, p) in minutes.iter().enumerate() {
            assert_eq!(p.text, scripted_text(n), "round {round}: paragraph {n}");
        }
        total = minutes.len();
        drop(opened);
        assert!(
            store::load(&path).is_ok(),
            "round {round}: the session file does not load"
        );
    }
    assert!(kills >= 50);
    assert!(
        total > 100,
        "the writer hardly wrote anything ({total}); the test proves little"
    );
}

#[test]
fn a_second_writer_is_refused_and_takes_over_after_the_first_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = prepared(dir.path());
    let mut first = writer(&path);
    let mut lines = BufReader::new(first.stdout.take().unwrap()).lines();
    lines.next().unwrap().unwrap();
    match Recorder::open(&path) {
        Err(OpenError::Locked(LockError::Held { holder, .. })) => {
            assert_eq!(holder.pid, first.id())
        }
        Err(e) => panic!("refused for the wrong reason: {e}"),
        Ok(_) => panic!("a second writer was let in"),
    }
    // The command line says who holds it and, without a terminal to ask on, opens nothing.
    let out = support::sitzung_in(dir.path(), &["record", "s"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("wird schon bearbeitet")
            && stderr.contains(&format!("Prozess {}", first.id())),
        "{stderr}"
    );
    // Readers are never blocked by the writer.
    let render = support::sitzung_in(dir.path(), &["render", "s"]);
    assert!(render.status.success());

    first.kill().unwrap();
    first.wait().unwrap();
    let opened = Recorder::open(&path).expect("the lock of a dead writer is taken over");
    assert_eq!(
        opened.recovery.taken_over_from.map(|h| h.pid),
        Some(first.id())
    );
}

#[test]
fn saving_into_a_full_file_system_keeps_the_old_file_and_reports_it() {
    let Some(fs) = support::TinyFs::mount("128k") else {
        return;
    };
    let path = prepared(fs.path());
    let before = std::fs::read(&path).unwrap();
    let mut opened = Recorder::open(&path).unwrap();
    fs.fill();
    let mut big = opened.session.clone();
    for n in 0..500 {
        big.agenda[0]
            .minutes
            .push(sitzung::domain::Paragraph::plain(&scripted_text(n)));
    }
    let err = opened
        .recorder
        .snapshot(&big)
        .expect_err("a snapshot cannot fit");
    assert!(err.to_string().contains("s.ron"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file is intact"
    );
    let leftovers: Vec<String> = std::fs::read_dir(fs.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "ballast" && n != "s.ron" && n != "s.journal" && n != "s.lock")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
    let action = sitzung::domain::Action::AppendMinute {
        item: "1".into(),
        paragraph: sitzung::domain::Paragraph::plain(&"x".repeat(8000)),
    };
    assert!(
        opened
            .recorder
            .record(std::slice::from_ref(&action))
            .is_err(),
        "an append into a full disk is reported"
    );
    drop(opened);
    fs.unfill();
    assert_eq!(store::load(&path).unwrap().agenda[0].minutes.len(), 0);
}

#[test]
fn check_reports_what_recovery_would_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = prepared(dir.path());
    let mut child = writer(&path);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for _ in 0..12 {
        lines.next().unwrap().unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let journal_before = std::fs::read(store::journal::journal_path(&path)).unwrap();
    let out = support::sitzung_in(dir.path(), &["check", "s"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Änderungen nach der letzten Sicherung würden wiederhergestellt"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read(store::journal::journal_path(&path)).unwrap(),
        journal_before,
        "check wrote"
    );
}

#[test]
fn a_damaged_snapshot_is_never_overwritten_and_recover_saves_what_it_can() {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::fs::read_to_string(support::demo_path()).unwrap();
    let cut = &demo[..demo.len() / 2];
    let path = dir.path().join("kaputt.ron");
    std::fs::write(&path, cut).unwrap();
    let record = support::sitzung_in(dir.path(), &["record", "kaputt"]);
    let stderr = String::from_utf8_lossy(&record.stderr);
    assert!(!record.status.success());
    assert!(
        stderr.contains("kaputt.ron:") && stderr.contains("sitzung recover"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        cut,
        "the damaged file was touched"
    );

    let recover = support::sitzung_in(dir.path(), &["recover", "kaputt"]);
    let stdout = String::from_utf8_lossy(&recover.stdout);
    assert!(
        recover.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&recover.stderr)
    );
    assert!(stdout.contains("gerettet: "), "{stdout}");
    let saved = store::load(&dir.path().join("kaputt.gerettet.ron")).unwrap();
    assert_eq!(saved.persons, support::demo().persons);
    assert!(!saved.agenda.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        cut,
        "recover touched the damaged file"
    );
}

/// Repro: `recover` of a snapshot cut right after a closed item's title wrote that item as
/// public.
#[test]
fn recover_gives_back_an_item_closed_whose_flag_it_could_not_read_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::fs::read_to_string(support::demo_path()).unwrap();
    let title = demo
        .find("Verkauf einer Teilfläche")
        .expect("the closed item's title");
    let end_of_line = title + demo[title..].find('\n').unwrap() + 1;
    std::fs::write(dir.path().join("kaputt.ron"), &demo[..end_of_line]).unwrap();
    let recover = support::sitzung_in(dir.path(), &["recover", "kaputt"]);
    assert!(recover.status.success());
    let said = String::from_utf8_lossy(&recover.stderr);
    assert!(
        said.contains("TOP 11: nicht lesbar, ob öffentlich"),
        "{said}"
    );
    let saved = store::load(&dir.path().join("kaputt.gerettet.ron")).unwrap();
    assert!(saved.item("11").unwrap().closed);
    let public = support::sitzung_in(dir.path(), &["render", "kaputt.gerettet"]);
    assert!(!String::from_utf8_lossy(&public.stdout).contains("Verkauf einer Teilfläche"));
}

#[test]
fn recover_keeps_a_guest_whose_closed_paragraph_was_lost_out_of_the_public_edition() {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::fs::read_to_string(support::demo_path()).unwrap();
    // A notary, without times, who speaks only in the closed TOP 11.
    let guest = "    (\n      id: \"sommerfeld\",\n      salutation: Frau,\n      title: \"Dr.\",\n      given_name: \"Elke\",\n      family_name: \"Sommerfeld\",\n      function: \"Notarin\",\n      kind: Gast,\n      presence: Anwesend,\n    ),\n";
    let persons = demo.find("  persons: [\n").unwrap() + "  persons: [\n".len();
    let mut text = format!("{}{guest}{}", &demo[..persons], &demo[persons..]);
    let closed = text.find("closed: true,").unwrap();
    let minutes = closed + text[closed..].find("minutes: [\n").unwrap() + "minutes: [\n".len();
    text.insert_str(
        minutes,
        "        (\n          speaker: \"sommerfeld\",\n          text: \"verliest den Vertrag.\",\n        ),\n",
    );
    std::fs::write(dir.path().join("ganz.ron"), &text).unwrap();
    let whole = support::sitzung_in(dir.path(), &["render", "ganz"]);
    assert!(
        whole.status.success(),
        "{}",
        String::from_utf8_lossy(&whole.stderr)
    );
    assert!(!String::from_utf8_lossy(&whole.stdout).contains("Sommerfeld"));
    // Cut inside TOP 11 after her paragraph... and before it: either way she stays internal.
    for cut_after in ["verliest den Vertrag.", "closed: true,"] {
        let at = text.find(cut_after).unwrap() + cut_after.len() + 3;
        std::fs::write(dir.path().join("kaputt.ron"), &text[..at]).unwrap();
        let _ = std::fs::remove_file(dir.path().join("kaputt.gerettet.ron"));
        let recover = support::sitzung_in(dir.path(), &["recover", "kaputt"]);
        assert!(recover.status.success());
        let public = support::sitzung_in(dir.path(), &["render", "kaputt.gerettet"]);
        let out = String::from_utf8_lossy(&public.stdout);
        assert!(
            public.status.success(),
            "{}",
            String::from_utf8_lossy(&public.stderr)
        );
        assert!(!out.contains("Sommerfeld"), "{cut_after}: {out}");
        let internal = support::sitzung_in(
            dir.path(),
            &["render", "kaputt.gerettet", "--edition", "internal"],
        );
        assert!(String::from_utf8_lossy(&internal.stdout).contains("Sommerfeld"));
    }
}

#[test]
fn recover_keeps_the_mode_and_applies_a_set_aside_journal_line_by_line() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::copy(support::demo_path(), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    // Eight journaled paragraphs; then the checksum of the third is broken.
    let mut opened = Recorder::open(&path).unwrap();
    for i in 0..8 {
        opened
            .recorder
            .record(&[sitzung::domain::Action::AppendMinute {
                item: "1".into(),
                paragraph: sitzung::domain::Paragraph::plain(&format!("Nachtrag {i}.")),
            }])
            .unwrap();
    }
    drop(opened);
    let journal = store::journal::journal_path(&path);
    let text = std::fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[3] = lines[3].replacen("Nachtrag 2", "Nachtrag X", 1);
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let opened = Recorder::open(&path).unwrap();
    let (_, aside) = opened.recovery.dropped.clone().expect("the rest set aside");
    drop(opened);
    // The copy begins with the bad line and has no head: line by line, the five after it apply.
    let out = support::sitzung_in(
        dir.path(),
        &["recover", "s", "--journal", aside.to_str().unwrap()],
    );
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{said}");
    let rescued = dir.path().join("s.gerettet.ron");
    let session = store::load(&rescued).unwrap();
    let texts: Vec<&str> = session.agenda[0]
        .minutes
        .iter()
        .map(|p| p.text.as_str())
        .filter(|t| t.starts_with("Nachtrag"))
        .collect();
    assert_eq!(
        texts,
        [
            "Nachtrag 0.",
            "Nachtrag 1.",
            "Nachtrag 3.",
            "Nachtrag 4.",
            "Nachtrag 5.",
            "Nachtrag 6.",
            "Nachtrag 7."
        ],
        "{said}"
    );
    assert!(said.contains("Zeile 1: Prüfsumme"), "{said}");
    let mode = std::fs::metadata(&rescued).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the rescued copy keeps the session's mode");
}

#[test]
fn recover_does_not_apply_a_journal_of_an_older_snapshot_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = prepared(dir.path());
    {
        let mut opened = Recorder::open(&path).unwrap();
        for n in 0..3 {
            let action = sitzung::domain::Action::AppendMinute {
                item: "1".into(),
                paragraph: sitzung::domain::Paragraph::plain(&scripted_text(n)),
            };
            opened.session.apply(action.clone()).unwrap();
            opened.recorder.record(&[action]).unwrap();
        }
        // As if the crash came after the snapshot, before the new journal.
        let journal = std::fs::read(store::journal::journal_path(&path)).unwrap();
        store::save(&path, &opened.session).unwrap();
        std::fs::write(store::journal::journal_path(&path), journal).unwrap();
    }
    let out = support::sitzung_in(dir.path(), &["recover", "s"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = store::load(&dir.path().join("s.gerettet.ron")).unwrap();
    assert_eq!(
        saved.agenda[0].minutes.len(),
        3,
        "the journal was applied a second time"
    );
}
