//! End to end: the built binary in tmux at 80×24, driven like a minute-taker would, through a
//! small complete meeting; the rendered protocol of the saved file must equal the expected one.
//!
//! Needs tmux. On CI (`CI` set) a missing tmux fails the test; elsewhere it is skipped with a note.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod support;

use support::tmux::{Tmux, e2e_dir, tmux_or_skip};

/// `sitzung record` on a copy of the template, in tmux: the folder (kept alive), the session
/// file, the terminal, and the program's process id.
fn recording_template() -> (tempfile::TempDir, PathBuf, Tmux, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::copy(e2e_dir().join("vorlage.ron"), &path).unwrap();
    let bin = env!("CARGO_BIN_EXE_sitzung");
    let t = Tmux::start(&format!(
        "exec {bin} --dir {} record s",
        dir.path().display()
    ));
    t.wait_for("Tagesordnung");
    let pid = t
        .run(&["list-panes", "-F", "#{pane_pid}"])
        .trim()
        .to_string();
    (dir, path, t, pid)
}

/// `PROGRAM --dir DIR COMMAND` (then `after`) in tmux on a copy of the template, once the
/// screen shows `shows`: the folder, the terminal, and the process id of sitzung itself (not of
/// a shell or `setsid` around it).
fn started(
    program: &str,
    command: &str,
    after: &str,
    shows: &str,
) -> (tempfile::TempDir, Tmux, String) {
    let (dir, _path) = template_copy();
    let t = Tmux::start(&format!(
        "{program} --dir {} {command}{after}",
        dir.path().display()
    ));
    t.wait_for(shows);
    let command = if command.is_empty() {
        String::new()
    } else {
        format!(" {command}")
    };
    let pattern = format!("--dir {}{command}$", dir.path().display());
    let pgrep = Command::new("pgrep")
        .args(["-n", "-f", "--", &pattern])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&pgrep.stdout).trim().to_string();
    assert!(!pid.is_empty(), "no process for {pattern}");
    (dir, t, pid)
}

/// Whether process `pid` still runs (a zombie waiting for its parent to reap it has ended).
fn alive(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let state = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .next()?
                .to_string();
            Some(state != "Z" && state != "X")
        })
        .unwrap_or(false)
}

/// Waits until process `pid` has ended; fails after five seconds with `why`.
fn wait_until_gone(pid: &str, why: &str) {
    ends_within(pid, Duration::from_secs(5), why);
}

/// Fails unless process `pid` ends within `limit` from now.
fn ends_within(pid: &str, limit: Duration, what: &str) {
    let start = Instant::now();
    while alive(pid) {
        assert!(
            start.elapsed() < limit,
            "{what}: still running after {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A folder with a copy of the end-to-end template as `s.ron`.
fn template_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::copy(e2e_dir().join("vorlage.ron"), &path).unwrap();
    (dir, path)
}

/// Another process, a writer, journals scripted paragraphs into item 1 until it holds `count`.
fn write_paragraphs(path: &Path, count: usize) {
    let out = Command::new(journal_torture())
        .args([&path.display().to_string(), &count.to_string()])
        .args(["--snapshot-every", "1000"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("saved {count}")));
}

/// The test writer `examples/journal_torture.rs`, built by `cargo test` beside the tests.
fn journal_torture() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/PROFILE/deps")
        .join("examples")
        .join("journal_torture")
}

#[test]
fn a_small_meeting_recorded_in_tmux_renders_the_expected_protocol() {
    if !tmux_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_sitzung");
    let command = format!(
        "SITZUNG_NOW=2024-05-02T18:00:00 {bin} --dir {} new --body Hauptausschuss --date 2024-05-02 --from {}",
        dir.path().display(),
        e2e_dir().join("vorlage.ron").display()
    );
    let t = Tmux::start(&command);
    t.wait_for("Tagesordnung");
    t.wait_for("beschlussfähig 5/5");

    // Open the session; Herr Lindqvist sends his apologies.
    t.keys(&["S"]);
    t.wait_for("Sitzung eröffnet");
    t.keys(&["A", "j", "j", "j", "j", "Space"]);
    t.wait_for("entschuldigt");
    t.keys(&["Escape"]);
    t.wait_for("beschlussfähig 4/5");

    // TOP 1: a plain paragraph.
    t.keys(&["Enter"]);
    t.wait_for("TOP 1 aufgerufen");
    t.keys(&["n"]);
    t.wait_for("Esc übernimmt");
    t.text("Die Vorsitzende eröffnet die Sitzung und stellt die Beschlussfähigkeit fest.");
    t.keys(&["Escape"]);
    t.wait_for("18:00 Die Vorsitzende eröffnet");

    // TOP 2: information item with speakers and a question.
    t.keys(&["Escape", "c"]);
    t.wait_for("TOP 1 geschlossen");
    t.keys(&["j", "Enter"]);
    t.wait_for("TOP 2 aufgerufen");
    t.keys(&["Tab", "a"]);
    t.wait_for("Wortmeldung von");
    t.text("bürgerm");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Der Bürgermeister …");
    t.text("berichtet, dass der Entwurf des Haushalts 2025 im September vorgelegt werde.");
    t.keys(&["Escape", "a"]);
    t.text("ahrens");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Frau Ahrens …");
    t.text("fragt, ob die Kreisumlage steigen werde.");
    t.keys(&["Escape", "a"]);
    t.text("bürgerm");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Der Bürgermeister …");
    t.text("erklärt, dass der Kreis eine Erhöhung um einen Punkt angekündigt habe.");
    t.keys(&["Escape", "BTab", "f"]);
    t.wait_for("Auf Nachfrage von");
    t.text("ahrens");
    t.keys(&["Enter"]);
    t.wait_for("auf Nachfrage von Frau Ahrens,");
    t.keys(&["Escape", "t"]);
    t.wait_for("zur Kenntnis genommen");

    // TOP 3: an amended proposal and a vote.
    t.keys(&["c"]);
    t.wait_for("TOP 2 geschlossen");
    t.keys(&["j", "Enter"]);
    t.wait_for("TOP 3 aufgerufen");
    t.keys(&["Tab", "a"]);
    t.text("okafor");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Frau Okafor …");
    t.text("beantragt, den Zuschuss auf 50.000 Euro zu begrenzen.");
    t.keys(&["Escape", "Tab", "b", "C-e"]);
    t.wait_for("Beschlussvorschlag (Änderung)");
    t.text(" Der Zuschuss ist auf 50.000 Euro begrenzt.");
    t.keys(&["Escape"]);
    t.wait_for("Geänderter Vorschlag:");
    t.keys(&["v"]);
    t.wait_for("Stimmberechtigt anwesend: 4");
    t.keys(&["1", "e", "r"]);
    t.wait_for("ANGENOMMEN");
    t.keys(&["Enter"]);
    t.wait_for("geändert beschlossen");

    // Close the session and quit.
    t.keys(&["E"]);
    t.wait_for("schließen?");
    t.keys(&["J"]);
    t.wait_for("gespeichert");
    t.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));

    let file = dir.path().join("2024-05-02_hauptausschuss.ron");
    let out = Command::new(bin)
        .args([
            "--dir",
            &dir.path().display().to_string(),
            "render",
            "2024-05-02_hauptausschuss",
            "--edition",
            "internal",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let protocol = String::from_utf8(out.stdout).unwrap();
    let expected_path = e2e_dir().join("expected.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, &protocol).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        protocol,
        expected,
        "the protocol of {} differs from tests/e2e/expected.txt",
        file.display()
    );
}

#[test]
fn a_hangup_writes_the_paragraph_being_typed_and_a_snapshot() {
    if !tmux_or_skip() {
        return;
    }
    let (_dir, path, t, pid) = recording_template();
    t.keys(&["Tab", "n"]);
    t.wait_for("Esc übernimmt");
    t.text("Letzte Worte vor dem Abbruch.");
    assert!(
        Command::new("kill")
            .args(["-HUP", &pid])
            .status()
            .unwrap()
            .success()
    );
    wait_until_gone(&pid, "sitzung did not end on SIGHUP");
    let session = sitzung::store::load(&path).unwrap();
    let texts: Vec<&str> = session.agenda[0]
        .minutes
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts, ["Letzte Worte vor dem Abbruch."]);
    let journal = std::fs::read_to_string(sitzung::store::journal::journal_path(&path)).unwrap();
    assert_eq!(
        journal.lines().count(),
        1,
        "a snapshot was written on the way out, the journal is new:\n{journal}"
    );
}

#[test]
fn a_paste_of_100_kb_lands_whole_and_is_saved_within_a_second() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, path, t, _pid) = recording_template();
    t.keys(&["Tab", "n"]);
    t.wait_for("Esc übernimmt");
    // A prepared statement: 100 KB in lines of plain words, with umlauts, ending in a marker.
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 100_000 {
        n += 1;
        text.push_str(&format!(
            "Zeile {n}: Die Fraktion beantragt, die Maßnahme zu prüfen.\n"
        ));
    }
    text.push_str("ENDE-DER-ERKLÄRUNG");
    let file = dir.path().join("paste.txt");
    std::fs::write(&file, &text).unwrap();
    t.run(&["load-buffer", file.to_str().unwrap()]);
    // -p: as a terminal pastes, bracketed when the program asked for it.
    t.run(&["paste-buffer", "-p"]);
    let pasted = Instant::now();
    let journal = sitzung::store::journal::journal_path(&path);
    loop {
        let session = sitzung::store::load_current(&path).unwrap();
        if session.agenda[0]
            .minutes
            .first()
            .is_some_and(|p| p.text.ends_with("ENDE-DER-ERKLÄRUNG"))
        {
            assert_eq!(session.agenda[0].minutes[0].text, text, "the paste whole");
            break;
        }
        assert!(
            pasted.elapsed() < Duration::from_secs(1),
            "not saved within a second; journal {} bytes; screen:\n{}",
            std::fs::metadata(&journal).map_or(0, |m| m.len()),
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The status then says it is saved (drawn right after the save), the editor still open.
    let saved = Instant::now();
    loop {
        let screen = t.screen();
        if screen.contains("gespeichert") && !screen.contains("wird gespeichert") {
            assert!(screen.contains("Esc übernimmt"), "{screen}");
            break;
        }
        assert!(
            saved.elapsed() < Duration::from_secs(2),
            "the status still says it is saving:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    t.keys(&["Escape"]);
    t.wait_for("Tagesordnung");
}

#[test]
fn recording_a_damaged_file_offers_to_recover_it_and_opens_the_saved_copy() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, path) = template_copy();
    let text = std::fs::read_to_string(&path).unwrap();
    // One wrong byte in the middle of the file.
    let at = text.find("title:").unwrap() + 3;
    let mut bytes = text.into_bytes();
    bytes[at] = b'#';
    std::fs::write(&path, &bytes).unwrap();
    let bin = env!("CARGO_BIN_EXE_sitzung");
    let t = Tmux::start(&format!(
        "{bin} --dir {} record s; sleep 5",
        dir.path().display()
    ));
    t.wait_for("Jetzt retten");
    t.keys(&["j", "Enter"]);
    t.wait_for("Tagesordnung");
    t.keys(&["q"]);
    let rescued = dir.path().join("s.gerettet.ron");
    let start = Instant::now();
    while sitzung::store::load(&rescued).is_err() {
        assert!(start.elapsed() < Duration::from_secs(5), "{}", t.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the damaged file stays as it was"
    );
}

#[test]
fn a_closed_terminal_ends_the_program_keeps_every_change_and_frees_the_lock() {
    if !tmux_or_skip() {
        return;
    }
    let (_dir, path, t, pid) = recording_template();
    t.keys(&["Tab", "n"]);
    t.text("Gesagt, kurz bevor die Verbindung abriss.");
    // The SSH connection drops at once (before the pause that saves an open paragraph): the
    // program ends through the door of `q`, saving it.
    drop(t);
    wait_until_gone(&pid, "sitzung keeps running without its terminal");
    let opened = sitzung::store::Recorder::open(&path).expect("the lock is free again");
    let texts: Vec<&str> = opened.session.agenda[0]
        .minutes
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts, ["Gesagt, kurz bevor die Verbindung abriss."]);
}

#[test]
fn a_reader_whose_terminal_goes_away_ends_within_1_5_s_also_without_a_hangup_signal() {
    if !tmux_or_skip() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_sitzung");
    // With `setsid -w` the reader has a session of its own: when the terminal goes, no SIGHUP
    // reaches it, and its reads of the dead terminal end at once, again and again.
    for (how, wrap, command, shows) in [
        ("browse", "exec", "browse", "Archiv"),
        ("browse, setsid", "exec setsid -w", "browse", "Archiv"),
        (
            "picker, setsid",
            "exec setsid -w",
            "",
            "Sitzungen (neueste zuerst)",
        ),
        (
            "record, setsid",
            "exec setsid -w",
            "record s",
            "Tagesordnung",
        ),
    ] {
        let (_dir, t, pid) = started(&format!("{wrap} {bin}"), command, "", shows);
        drop(t);
        ends_within(&pid, Duration::from_millis(1500), how);
    }
}

#[test]
fn sigterm_ends_the_reader_and_the_writer_within_a_second() {
    if !tmux_or_skip() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_sitzung");
    for (command, shows) in [
        ("browse", "Archiv"),
        ("record s", "Tagesordnung"),
        ("", "Sitzungen (neueste zuerst)"),
    ] {
        // The shell stays, so the terminal can be looked at after the program ended.
        let (_dir, t, pid) = started(bin, command, "; sleep 30", shows);
        assert!(Command::new("kill").arg(&pid).status().unwrap().success());
        ends_within(&pid, Duration::from_secs(1), command);
        // Ended like q: the terminal is given back (no alternate screen left on).
        std::thread::sleep(Duration::from_millis(100));
        let alternate = t.run(&["display-message", "-p", "#{alternate_on}"]);
        assert_eq!(
            alternate.trim(),
            "0",
            "{command:?} left the terminal broken"
        );
    }
}

#[test]
fn a_reader_over_ssh_follows_a_writer_within_a_second() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, path) = template_copy();
    let bin = env!("CARGO_BIN_EXE_sitzung");
    // As an SSH account's forced command would start it, in a plain terminal without colour.
    let t = Tmux::start(&format!(
        "TERM=vt100 NO_COLOR=1 SITZUNG_READ_ONLY=1 SITZUNG_DIR={} exec {bin}",
        dir.path().display()
    ));
    t.wait_for("Archiv · 1 Sitzung");
    t.keys(&["Enter"]);
    t.wait_for("öffentliche Fassung");
    t.keys(&["]"]);
    t.wait_for("02.05.2024 - 1 Eröffnung");
    // NO_COLOR: bold and reverse video, but no colour anywhere.
    let attributes = t.screen_with_attributes();
    let colour = regex::Regex::new(r"\x1b\[[0-9;]*?\b(3[0-8]|4[0-8]|9[0-7]|10[0-7])\b").unwrap();
    assert!(attributes.contains("\x1b["), "attributes are captured");
    assert!(!colour.is_match(&attributes), "{attributes:?}");
    write_paragraphs(&path, 4);
    let saved = Instant::now();
    t.wait_for("Absatz 3: sagt");
    assert!(
        saved.elapsed() < Duration::from_secs(1),
        "the reader took {:?}",
        saved.elapsed()
    );
    assert!(
        t.screen().contains("02.05.2024 - 1 Eröffnung"),
        "the reader's place was kept:\n{}",
        t.screen()
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        names.iter().all(|n| !n.to_string_lossy().contains(".tmp")),
        "{names:?}"
    );
}

#[test]
fn a_session_someone_records_opens_read_only_by_itself_and_follows() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, _path, writer, _pid) = recording_template();
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let bin = env!("CARGO_BIN_EXE_sitzung");
    let reader = Tmux::start(&format!(
        "exec {bin} --dir {} record s",
        dir.path().display()
    ));
    reader.wait_for("NUR LESEN (geschrieben von");
    // The writer goes on; the reader sees it.
    writer.keys(&["Tab", "n"]);
    writer.wait_for("Esc übernimmt");
    writer.text("Wortbeitrag während ein anderer mitliest.");
    writer.keys(&["Escape"]);
    reader.keys(&["Tab"]);
    reader.wait_for("Wortbeitrag während");
    reader.keys(&["q"]);
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        after.len(),
        before.len(),
        "the reader made no file: {after:?}"
    );
    writer.keys(&["q"]);
}

#[test]
fn the_recording_screen_read_only_follows_the_writer_and_keeps_the_item() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, path) = template_copy();
    let bin = env!("CARGO_BIN_EXE_sitzung");
    let t = Tmux::start(&format!(
        "exec {bin} --dir {} record --read-only s.ron",
        dir.path().display()
    ));
    t.wait_for("NUR LESEN");
    write_paragraphs(&path, 3);
    let saved = Instant::now();
    t.wait_for("Absatz 2: sagt");
    assert!(
        saved.elapsed() < Duration::from_secs(1),
        "the reader took {:?}",
        saved.elapsed()
    );
    // On another item the reader stays there while the writer goes on.
    t.keys(&["j"]);
    t.wait_for("TOP 2 Bericht");
    write_paragraphs(&path, 5);
    std::thread::sleep(Duration::from_millis(1000));
    assert!(t.screen().contains("TOP 2 Bericht"), "{}", t.screen());
    t.keys(&["k", "Tab", "G"]);
    t.wait_for("Absatz 4: sagt");
}

#[test]
fn the_browser_works_with_the_terminal_types_of_ssh_clients() {
    if !tmux_or_skip() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_sitzung");
    let sessions = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for term in ["xterm", "screen", "tmux-256color", "vt100"] {
        let t = Tmux::start(&format!(
            "TERM={term} exec {bin} --dir {} browse",
            sessions.display()
        ));
        t.wait_for("14.03.2024  Bauausschuss");
        // Newest first: the Bauausschuss is the second.
        t.keys(&["j", "Enter"]);
        t.wait_for("öffentliche Fassung");
        // Umlauts, ß and frame lines reach every terminal type.
        t.wait_for("┌TOPs");
        t.wait_for("Frau Dr. Katharina Voßberg");
        // A wider window is used at once: the frame grows to it.
        t.run(&["resize-window", "-x", "120", "-y", "30"]);
        let start = Instant::now();
        while !t
            .screen()
            .lines()
            .any(|l| l.starts_with('└') && l.chars().count() == 120)
        {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{term}: {}",
                t.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        t.keys(&["q"]);
        t.wait_for("Archiv · 2 Sitzungen");
        t.keys(&["q"]);
        let start = Instant::now();
        while !t.run(&["list-sessions"]).is_empty() {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{term}: browse did not quit"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
