//! End to end, the built binary in tmux at 80×24: each thing a minute-taker and a chair ran into
//! (issue 13: "a record the chair can sign"), replayed as they did it, and a whole meeting typed up
//! afterwards from handwritten notes with the nachtragen clock, whose rendered protocol must equal
//! `tests/e2e/typed_up_expected.txt` (`UPDATE_EXPECTED=1` writes it anew; read the diff).
//!
//! Needs tmux. On CI (`CI` set) a missing tmux fails the test; elsewhere it is skipped with a note.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

mod support;

use support::tmux::{Tmux, e2e_dir, tmux_or_skip};

const BIN: &str = env!("CARGO_BIN_EXE_sitzung");

/// A new session from the end-to-end template at 18:00 on 02.05.2024, recording in tmux.
fn meeting() -> (tempfile::TempDir, Tmux) {
    meeting_from(&e2e_dir().join("vorlage.ron"), "2024-05-02", "18:00")
}

fn meeting_from(template: &Path, date: &str, now: &str) -> (tempfile::TempDir, Tmux) {
    meeting_of("Hauptausschuss", template, date, now)
}

fn meeting_of(body: &str, template: &Path, date: &str, now: &str) -> (tempfile::TempDir, Tmux) {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(&format!(
        "SITZUNG_NOW={date}T{now}:00 exec {BIN} --dir {} new --body '{body}' --date {date} --from {}",
        dir.path().display(),
        template.display()
    ));
    t.wait_for("Tagesordnung");
    (dir, t)
}

/// The one session file of `dir`.
fn session_file(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .expect("a session file")
}

/// Quits (the changes are saved on each key) and waits for the lock to go.
fn quit(t: &Tmux, dir: &Path) {
    t.keys(&["Escape", "q"]);
    let lock = session_file(dir).with_extension("ron.lock");
    for _ in 0..100 {
        if !lock.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
}

/// `sitzung ARGS` (with `--dir DIR`), its standard output; fails on a non-zero exit.
fn sitzung(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("SITZUNG_READ_ONLY")
        .env_remove("SITZUNG_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sitzung {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn internal(dir: &Path) -> String {
    let file = session_file(dir);
    sitzung(
        dir,
        &[
            "render",
            &file.display().to_string(),
            "--edition",
            "internal",
        ],
    )
}

/// Sets the nachtragen clock: the next entries are at `hhmm`.
fn clock(t: &Tmux, hhmm: &str) {
    t.keys(&["T"]);
    t.wait_for("Nachtragen");
    t.text(hhmm);
    t.keys(&["Enter"]);
    t.wait_for(&format!("{hhmm}:00 NACHTRAG"));
}

/// Starts the session and calls TOP 3, where Frau Okafor has the floor and moves an amendment.
fn at_the_amendment(t: &Tmux) {
    t.keys(&["S", "j", "j", "Enter"]);
    t.wait_for("TOP 3 aufgerufen");
    t.keys(&["Tab", "a"]);
    t.text("okafor");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Frau Okafor …");
    t.text("beantragt eine Begrenzung.");
    t.keys(&["Escape", "Tab", "m"]);
    t.wait_for("Änderungsantrag (Text");
    t.text("Der Zuschuss wird auf 50.000 Euro begrenzt.");
    t.keys(&["Enter"]);
    t.wait_for("Änderungsantrag aufgenommen");
}

/// Repro 1: after the amendment vote the main motion is selected; re-opening the amendment's
/// vote asks first and shows the recorded result; the vote box names what is voted on.
#[test]
fn a_recorded_vote_is_never_replaced_without_a_question() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, t) = meeting();
    at_the_amendment(&t);
    t.keys(&["v"]);
    t.wait_for("Zur Abstimmung: Änderungsantrag von Frau Okafor: Der");
    t.keys(&["1", "n", "r", "Enter"]);
    t.wait_for("4:1:0 ✓");
    // The marker moved on to the main motion.
    assert!(
        t.screen().contains("▸  Abstimmung über den"),
        "{}",
        t.screen()
    );
    // Back to the amendment: v asks, with the recorded result; n keeps it.
    t.keys(&["k", "v"]);
    t.wait_for("ist schon abgestimmt (4:1:0");
    t.keys(&["n"]);
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !t.screen().contains("Stimmberechtigt anwesend"),
        "no count opened"
    );
    // The main motion, as amended, is named so.
    t.keys(&["j", "v"]);
    t.wait_for("Zur Abstimmung: Geänderter Beschlussvorschlag");
    t.keys(&["a", "Enter"]);
    t.wait_for("5:0:0");
    quit(&t, dir.path());
    let protocol = internal(dir.path());
    assert!(
        protocol.contains("Zustimmung: 4  Ablehnung: 1"),
        "{protocol}"
    );
}

/// Repro 2: the list keeps its place and has g/G; a second arrival is refused; a change that
/// breaks a recorded vote says so and asks.
#[test]
fn attendance_forgives_and_asks_before_a_vote_breaks() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, t) = meeting();
    t.keys(&["S", "j", "j", "Enter"]);
    t.wait_for("TOP 3 aufgerufen");
    t.keys(&["Tab", "Tab", "v", "a", "Enter"]);
    t.wait_for("5:0:0");
    // G, leave, come back: still on the last row (Frau Thode), as the form's title says.
    t.keys(&["A", "G", "Escape", "A", "e"]);
    t.wait_for("Person: Frau Svenja Thode");
    // Frau Voßberg comes (she was taken as there from the start); a second "kommt" is refused.
    t.keys(&["Escape", "g", "a"]);
    t.wait_for("ab 18:00");
    t.keys(&["a"]);
    t.wait_for("ist schon da (seit 18:00 Uhr)");
    // Herr Lindqvist excused after all: the vote of TOP 3 had five votes.
    t.keys(&["/"]);
    t.text("lindq");
    t.keys(&["Enter", "Space"]);
    t.wait_for("Abstimmung zu TOP 3 (1.) nicht mehr");
    t.keys(&["n"]);
    std::thread::sleep(Duration::from_millis(200));
    assert!(t.screen().contains("5 von 5 Mitgliedern"), "{}", t.screen());
    // A typed time: he came at 18:35.
    t.keys(&["z"]);
    t.wait_for("ab–bis");
    t.text("18:35");
    t.keys(&["Enter"]);
    t.wait_for("Abstimmung zu TOP 3 (1.) nicht mehr");
    t.keys(&["J"]);
    t.wait_for("ab 18:35");
    quit(&t, dir.path());
    let saved = std::fs::read_to_string(session_file(dir.path())).unwrap();
    assert!(saved.contains("arrived: \"18:35\""), "{saved}");
}

/// Repro 3: a paragraph whose text names its speaker, the speaker set afterwards; `n` while
/// someone has the floor writes for them; search by speaker finds both.
#[test]
fn a_paragraph_carries_its_speaker_also_when_the_text_names_them() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, t) = meeting();
    t.keys(&["S", "j", "Enter"]);
    t.wait_for("TOP 2 aufgerufen");
    t.keys(&["Tab", "a"]);
    t.text("ahrens");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Frau Ahrens …");
    t.text("fragt nach der Kreisumlage.");
    t.keys(&["Escape", "a"]);
    t.text("bürgerm");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Der Bürgermeister …");
    t.keys(&["Escape"]);
    // A paragraph for who has the floor, written as said, with `w`.
    t.keys(&["BTab", "n"]);
    t.wait_for("Der Bürgermeister …");
    t.text("Auf Nachfrage von Frau Ahrens erklärt er, dass der Kreis erhöhen werde.");
    t.keys(&["Escape", "w"]);
    t.wait_for("wie geschrieben");
    quit(&t, dir.path());
    let protocol = internal(dir.path());
    assert!(
        protocol
            .contains("\nAuf Nachfrage von Frau Ahrens erklärt er, dass der Kreis erhöhen werde."),
        "{protocol}"
    );
    let found = sitzung(
        dir.path(),
        &["search", "Kreis", "--speaker", "Bürgermeister"],
    );
    assert!(found.contains("erklärt er"), "{found}");
}

/// Repro 4: Tab, Enter on a matching name takes that person; a new name is a question, and a
/// lower-case name is capitalised.
#[test]
fn completion_never_invents_people() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, t) = meeting();
    t.keys(&["S", "Enter", "Tab", "a"]);
    t.text("ahrens");
    t.keys(&["Tab", "Enter"]);
    t.wait_for("Frau Ahrens");
    assert!(!t.screen().contains("neu angelegt"), "{}", t.screen());
    t.keys(&["a"]);
    t.text("harder");
    t.keys(&["Enter"]);
    t.wait_for("neu anlegen?");
    t.keys(&["J"]);
    t.wait_for("Harder neu angelegt");
    quit(&t, dir.path());
    let saved = sitzung::store::load(&session_file(dir.path())).unwrap();
    let families: Vec<&str> = saved
        .persons
        .iter()
        .map(|p| p.family_name.as_str())
        .collect();
    assert_eq!(
        families.iter().filter(|f| **f == "Ahrens").count(),
        1,
        "{families:?}"
    );
    assert!(families.contains(&"Harder"), "{families:?}");
}

/// Repros 5 and 8: a person with kind and role made in the screen, the chair chosen in the
/// session form; the role agrees with the salutation in the list and in the signature.
#[test]
fn persons_and_session_data_are_managed_in_the_screen() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, t) = meeting();
    // A new person: Herr Ole Hinrichs, Verwaltung, typed as "Die Kämmerin".
    t.keys(&["A", "N"]);
    t.wait_for("Neue Person");
    t.keys(&["BTab", "BTab", "Space", "Tab", "Tab"]);
    t.text("Ole");
    t.keys(&["Tab"]);
    t.text("Hinrichs");
    t.keys(&["Tab", "Space", "Space", "Tab", "Tab"]);
    t.text("Die Kämmerin");
    t.keys(&["Enter"]);
    t.wait_for("„Der Kämmerer“");
    // Herr Petersen becomes chair, as "Die Vorsitzende" typed in a hurry.
    t.keys(&["g", "j", "e"]);
    t.wait_for("Person: Herr Jan Petersen");
    t.keys(&["Tab", "Tab", "Tab", "Tab", "Tab", "Tab"]);
    t.text("Die Vorsitzende");
    t.keys(&["Enter"]);
    t.wait_for("„Der Vorsitzende“");
    t.keys(&["Escape", "I"]);
    t.wait_for("Sitzungsdaten");
    t.keys(&["Tab"]);
    t.text("7/2024");
    t.keys(&["Tab", "Tab", "p", "Tab", "Tab", "Tab"]);
    t.text("7");
    t.keys(&["Enter"]);
    t.wait_for("Sitzungsdaten gespeichert");
    quit(&t, dir.path());
    let protocol = internal(dir.path());
    assert!(
        protocol.contains("Herr Jan Petersen (CDU, Vorsitzender)"),
        "{protocol}"
    );
    assert!(
        protocol.contains("Herr Ole Hinrichs (Kämmerer)"),
        "{protocol}"
    );
    assert!(protocol.contains("Der Vorsitzende "), "{protocol}");
    let saved = std::fs::read_to_string(session_file(dir.path())).unwrap();
    assert!(saved.contains("number: \"7/2024\""), "{saved}");
    assert!(saved.contains("legal_members: 7"), "{saved}");
    assert!(saved.contains("chair: \"petersen\""), "{saved}");
}

/// Repro 6: a template keeps who is excused and the session number.
#[test]
fn a_template_keeps_the_excused_and_the_number() {
    if !tmux_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("vorlage.ron");
    let text = std::fs::read_to_string(e2e_dir().join("vorlage.ron")).unwrap();
    let text = text
        .replacen("  date:", "  number: \"6\",\n  date:", 1)
        .replacen(
            "      fraktion: \"FDP\",",
            "      fraktion: \"FDP\",\n      presence: Entschuldigt,",
            1,
        );
    std::fs::write(&template, text).unwrap();
    let (out, t) = meeting_from(&template, "2024-06-06", "18:00");
    t.wait_for("beschlussfähig 4/5");
    t.keys(&["A"]);
    t.wait_for("entschuldigt");
    quit(&t, out.path());
    let saved = std::fs::read_to_string(session_file(out.path())).unwrap();
    assert!(saved.contains("number: \"6\""), "{saved}");
    assert!(saved.contains("presence: Entschuldigt"), "{saved}");
}

/// Repro 9: a session file given by its path opens wherever it lies.
#[test]
fn a_session_file_anywhere_opens_by_its_path() {
    if !tmux_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("downloads").join("x.ron");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::copy(e2e_dir().join("vorlage.ron"), &file).unwrap();
    let t = Tmux::start(&format!(
        "cd / && SITZUNG_NOW=2024-05-02T18:00:00 exec env -u SITZUNG_DIR {BIN} record {}",
        file.display()
    ));
    t.wait_for("Tagesordnung");
    t.keys(&["S"]);
    t.wait_for("Sitzung eröffnet");
    t.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("start: \"18:00\""), "{saved}");
}

/// Repro 7 and the whole: a meeting of 2017 typed up on a later day from notes. The nachtragen
/// clock gives every entry its time; an arrival and the session's end are typed.
#[test]
fn a_meeting_typed_up_afterwards_gets_its_own_times() {
    if !tmux_or_skip() {
        return;
    }
    // The wall clock says 2026, 21:07: none of it may reach the protocol.
    let (dir, t) = meeting_from(&e2e_dir().join("vorlage.ron"), "2017-05-09", "21:07");
    clock(&t, "19:05");
    t.keys(&["S"]);
    t.wait_for("Sitzung eröffnet");
    // Herr Lindqvist came at 19:35.
    t.keys(&["A", "/"]);
    t.text("lindq");
    t.keys(&["Enter", "z"]);
    t.wait_for("ab–bis");
    t.text("19:35");
    t.keys(&["Enter"]);
    t.wait_for("ab 19:35");
    t.keys(&["Escape"]);

    // TOP 1 at 19:05.
    t.keys(&["Enter", "n"]);
    t.wait_for("Esc übernimmt");
    t.text("Die Vorsitzende eröffnet die Sitzung und stellt die Beschlussfähigkeit fest.");
    t.keys(&["Escape", "Escape"]);

    // TOP 2 from 19:10 (calling it closes TOP 1, after a question): the mayor reports, Frau
    // Ahrens asks.
    clock(&t, "19:10");
    t.keys(&["j", "Enter"]);
    t.wait_for("schließen?");
    t.keys(&["J"]);
    t.wait_for("TOP 2 aufgerufen");
    t.keys(&["Tab", "a"]);
    t.text("bürgerm");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Der Bürgermeister …");
    t.text("berichtet über den Entwurf des Haushalts.");
    t.keys(&["Escape", "a"]);
    t.text("ahrens");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Frau Ahrens …");
    t.text("fragt nach der Kreisumlage.");
    t.keys(&["Escape", "Escape", "t"]);
    clock(&t, "19:31");
    t.keys(&["c"]);
    t.wait_for("TOP 2 geschlossen");

    // TOP 3 from 19:40, after Herr Lindqvist came: five vote.
    clock(&t, "19:40");
    t.keys(&["j", "Enter", "Tab", "Tab", "v"]);
    t.wait_for("Stimmberechtigt anwesend: 5 (um 19:40 Uhr)");
    t.keys(&["1", "e", "r", "Enter"]);
    t.wait_for("4:0:1");
    clock(&t, "19:50");
    t.keys(&["Escape", "c"]);
    t.wait_for("TOP 3 geschlossen");
    // The end as the notes say.
    t.keys(&["Z"]);
    t.wait_for("Beginn–Ende");
    t.text("19:05–19:52");
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(200));
    quit(&t, dir.path());

    let protocol = internal(dir.path());
    assert!(
        !protocol.contains("21:0"),
        "the wall clock leaked:\n{protocol}"
    );
    let expected_path = e2e_dir().join("typed_up_expected.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, &protocol).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        protocol, expected,
        "the typed-up protocol differs from tests/e2e/typed_up_expected.txt"
    );
}

/// The room display follows the minute-taker: the item called and the floor given in the
/// recording screen show on the projector (what it leaves out of a closed item is tested on
/// the frame, in `tests/tui.rs` and `tests/public_outputs.rs`).
#[test]
fn the_room_display_follows_the_recording_screen() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, writer) = meeting();
    let file = session_file(dir.path());
    let display = Tmux::start(&format!(
        "SITZUNG_NOW=2024-05-02T18:00:00 exec {BIN} --dir {} display {}",
        dir.path().display(),
        file.display()
    ));
    display.wait_for("Die Sitzung hat noch nicht begonnen");
    writer.keys(&["S", "j", "j", "Enter"]);
    writer.wait_for("TOP 3 aufgerufen");
    display.wait_for("TOP 3  Zuschuss für das Jugendzentrum");
    writer.keys(&["Tab", "a"]);
    writer.text("okafor");
    writer.keys(&["Enter", "Enter"]);
    writer.wait_for("Frau Okafor …");
    display.wait_for("Es spricht: Frau Okafor");
    display.keys(&["j", "Enter"]);
    assert!(display.screen().contains("Es spricht"), "keys do nothing");
    display.keys(&["q"]);
    writer.keys(&["Escape"]);
    quit(&writer, dir.path());
}

/// Types a paragraph into the minutes of the item called (the editor opens with `n`).
fn paragraph(t: &Tmux, text: &str) {
    t.keys(&["n"]);
    t.wait_for("Esc übernimmt");
    t.text(text);
    t.keys(&["Escape"]);
}

/// Calls the item selected (closing the one before, after the question) and waits for it.
fn call(t: &Tmux, number: &str) {
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(150));
    if t.screen().contains("schließen?") {
        t.keys(&["J"]);
    }
    t.wait_for(&format!("TOP {number} aufgerufen"));
}

/// A whole Gemeindevertretung meeting recorded live with every kind of event, motion, vote
/// and agenda change: its rendered protocol must equal `tests/e2e/meeting_expected.txt`, and
/// the session it leaves is the second demo of `sessions/` (`UPDATE_EXPECTED=1` writes both).
#[test]
fn a_whole_meeting_with_every_kind_of_event_motion_and_vote() {
    if !tmux_or_skip() {
        return;
    }
    let (dir, t) = meeting_of(
        "Gemeindevertretung der Gemeinde Süderhusen",
        &e2e_dir().join("gemeindevertretung_vorlage.ron"),
        "2024-06-20",
        "18:30",
    );
    // TOP 1 at 19:00: opened, the quorum established.
    clock(&t, "19:00");
    t.keys(&["S"]);
    t.wait_for("Sitzung eröffnet");
    call(&t, "1");
    paragraph(
        &t,
        "Die Bürgervorsteherin eröffnet die Sitzung und stellt die ordnungsgemäße Ladung fest.",
    );
    clock(&t, "19:01");
    t.keys(&["!", "f"]);
    t.wait_for("Eingetragen: Die Beschlussfähigkeit");
    t.keys(&["Escape"]);

    // TOP 2 at 19:03: an urgent item added (Dringlichkeit), TOP 8 dealt with before TOP 7,
    // TOP 7 taken off; the urgency and the agenda voted on.
    clock(&t, "19:03");
    t.keys(&["j"]);
    call(&t, "2");
    t.keys(&["Escape", "j", "j", "j", "a"]);
    t.wait_for("Neuer TOP: Nummer und Titel");
    t.text("5a Dringlichkeitsantrag: Sanierung der Brücke am Mühlenbach");
    t.keys(&["Enter"]);
    t.wait_for("über die Dringlichkeit wird bei TOP 2 zuerst abgestimmt");
    t.keys(&["j", "j", "j", "K"]);
    t.wait_for("│ 8  Besetzung d…  ││");
    t.keys(&["j", "b"]);
    for _ in 0..9 {
        t.keys(&["j"]);
    }
    t.keys(&["Enter"]);
    t.wait_for("Grund");
    t.text("Die WfS hat den Antrag zurückgezogen.");
    t.keys(&["Enter"]);
    t.wait_for("TOP 7 abgesetzt");
    t.keys(&["g", "j", "Tab", "Tab", "Tab", "v"]);
    t.wait_for("Zur Abstimmung: Antrag zur Geschäftsordnung auf Erwei");
    t.keys(&["a", "Enter"]);
    t.wait_for("Beschluss");
    t.keys(&["v"]);
    t.wait_for("Zur Abstimmung: Beschlussvorschlag");
    t.keys(&["a", "Enter"]);
    t.wait_for("Beschluss: ungeändert beschlossen");

    // TOP 3 at 19:10: an election with a run-off, a tie and the lot.
    clock(&t, "19:10");
    t.keys(&["Escape", "j"]);
    call(&t, "3");
    paragraph(
        &t,
        "Vorgeschlagen werden Frau Albers, Herr Lorenzen und Herr Kühl. Gewählt wird geheim mit Stimmzetteln.",
    );
    t.keys(&["Tab", "Tab", "w"]);
    t.wait_for("Wahl: Amt");
    t.text("erste Stellvertretung des Bürgermeisters: Albers, Lorenzen, Kühl");
    t.keys(&["Enter"]);
    t.wait_for("Wahl aufgenommen");
    t.keys(&["v"]);
    t.wait_for("1. Wahlgang");
    t.keys(&["4", "Down", "4", "Down", "2", "Enter"]);
    t.wait_for("zählt die Stichwahl");
    clock(&t, "19:18");
    t.keys(&["v"]);
    t.wait_for("Stichwahl · Stimmberechtigt");
    t.keys(&["5", "Down", "5", "Enter"]);
    t.wait_for("das Los entscheidet");
    t.keys(&["v"]);
    t.wait_for("Das Los entscheidet für");
    t.text("albers");
    t.keys(&["Enter"]);
    t.wait_for("Das Los entscheidet für Frau Albers");
    t.keys(&["BTab", "BTab"]);
    paragraph(&t, "Frau Albers nimmt die Wahl an.");

    // TOP 4 at 19:25: two amendments (the one that departs further voted first), Schluss der
    // Debatte, the main motion by roll call; a break.
    clock(&t, "19:25");
    t.keys(&["Escape", "j"]);
    call(&t, "4");
    t.keys(&["Tab", "a"]);
    t.text("carst");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Herr Carstensen …");
    t.text("erläutert den Entwurf; der Haushalt sei ausgeglichen.");
    t.keys(&["Escape", "a"]);
    t.text("albers");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Frau Albers …");
    t.text("beantragt, den Ansatz für die Jugendarbeit um 10.000 Euro zu erhöhen.");
    t.keys(&["Escape", "Tab", "m"]);
    t.wait_for("Änderungsantrag (Text");
    t.text("Der Ansatz für die Jugendarbeit wird um 10.000 Euro erhöht.");
    t.keys(&["Enter"]);
    t.wait_for("Änderungsantrag aufgenommen");
    t.keys(&["BTab", "a"]);
    t.text("kühl");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Herr Kühl …");
    t.text("beantragt, zusätzlich 20.000 Euro für den Klimaschutz bereitzustellen.");
    t.keys(&["Escape", "Tab", "m"]);
    t.wait_for("Änderungsantrag (Text");
    t.text("Für den Klimaschutz werden zusätzlich 20.000 Euro aus der Rücklage bereitgestellt.");
    t.keys(&["Enter"]);
    t.wait_for("Änderungsantrag aufgenommen");
    t.keys(&["g", "j", "K"]);
    t.wait_for("der weitestgehende Antrag zuerst");
    clock(&t, "19:40");
    t.keys(&["BTab", "a"]);
    t.text("jöns");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Herr Jöns …");
    t.text("beantragt Schluss der Debatte.");
    t.keys(&["Escape", "Tab", "o"]);
    t.wait_for("Schluss der Debatte");
    t.keys(&["Enter"]);
    t.wait_for("Schluss der Debatte aufgenommen");
    clock(&t, "19:41");
    t.keys(&["v"]);
    t.wait_for("Zur Abstimmung: Antrag zur Geschäftsordnung auf");
    t.keys(&["2", "n", "r", "Enter"]);
    t.wait_for("Abstimmung festgehalten");
    clock(&t, "19:42");
    t.keys(&["v"]);
    t.wait_for("Zur Abstimmung: Änderungsantrag von Herrn Kühl");
    t.keys(&["2", "j", "7", "n", "1", "e", "Enter"]);
    t.wait_for("Abstimmung festgehalten");
    clock(&t, "19:43");
    t.keys(&["v"]);
    t.wait_for("Zur Abstimmung: Änderungsantrag von Frau Albers");
    t.keys(&["6", "j", "3", "n", "1", "e", "Enter"]);
    t.wait_for("Abstimmung festgehalten");
    t.keys(&["b"]);
    t.wait_for("Esc übernimmt");
    t.text(" Der Ansatz für die Jugendarbeit wird um 10.000 Euro erhöht.");
    t.keys(&["Escape"]);
    clock(&t, "19:44");
    t.keys(&["v"]);
    t.wait_for("Zur Abstimmung: Geänderter Beschlussvorschlag");
    t.keys(&["l"]);
    t.wait_for("Namentliche Abstimmung");
    t.text("grü");
    t.keys(&["-"]);
    t.text("jö");
    t.keys(&["0", "Enter"]);
    t.wait_for("Beschluss: geändert beschlossen (im TOP");
    t.keys(&["U"]);
    t.wait_for("Sitzung unterbrochen um 19:44 Uhr");
    clock(&t, "19:52");
    t.keys(&["U"]);
    t.wait_for("Sitzung fortgesetzt um 19:52 Uhr");

    t.keys(&["BTab", "e"]);

    // TOP 5 at 20:00: a vote per Fraktion (SPD against, Frau Tadić with the others); Herr
    // Mommsen leaves at 20:05.
    clock(&t, "20:00");
    t.keys(&["Escape", "j"]);
    call(&t, "5");
    paragraph(
        &t,
        "Der Bürgermeister erläutert die Abwägung der Stellungnahmen.",
    );
    t.keys(&["Tab", "Tab", "v"]);
    t.wait_for("Zur Abstimmung: Beschlussvorschlag");
    t.keys(&["f"]);
    t.wait_for("Abstimmung pro Fraktion");
    t.text("spd");
    t.keys(&["-"]);
    t.text("tad");
    t.keys(&["+", "Enter"]);
    t.wait_for("Beschluss: ungeändert beschlossen");
    clock(&t, "20:05");
    t.keys(&["A", "/"]);
    t.text("momm");
    t.keys(&["Enter", "v"]);
    t.wait_for("bis 20:05");
    t.keys(&["Escape"]);

    // TOP 5a at 20:10: the Bürgervorsteherin is befangen, Herr Lorenzen takes the chair; an
    // open vote with Herr Nissen's own vote on record.
    clock(&t, "20:10");
    t.keys(&["Escape", "j"]);
    call(&t, "5a");
    t.keys(&["A", "/"]);
    t.text("bruhns");
    t.keys(&["Enter", "b"]);
    t.wait_for("befangen");
    t.keys(&["Escape", "!", "v"]);
    t.wait_for("Den Vorsitz übernimmt");
    t.text("lorenzen");
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(200));
    clock(&t, "20:11");
    paragraph(
        &t,
        "Der Bürgermeister erläutert, dass die Brücke nach dem Hochwasser gesperrt werden musste.",
    );
    t.keys(&["Tab", "Tab", "b"]);
    t.wait_for("Esc übernimmt");
    t.text("Die Brücke am Mühlenbach wird für 85.000 Euro saniert.");
    t.keys(&["Escape", "v"]);
    t.wait_for("Zur Abstimmung: Beschlussvorschlag");
    t.keys(&["1", "n", "r", "Enter"]);
    t.wait_for("– Beschluss: ");
    t.keys(&["p"]);
    t.wait_for("Wer bittet festzuhalten");
    t.text("Nissen nein");
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(200));

    // TOP 6 at 20:20: the Bürgervorsteherin back in the chair; referred to a committee.
    clock(&t, "20:20");
    t.keys(&["Escape", "j"]);
    call(&t, "6");
    t.keys(&["!", "v"]);
    t.wait_for("Den Vorsitz übernimmt");
    t.text("bruhns");
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(200));
    clock(&t, "20:21");
    t.keys(&["Tab", "a"]);
    t.text("carst");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Herr Carstensen …");
    t.text("beantragt, den Antrag an den Bau- und Verkehrsausschuss zu verweisen.");
    t.keys(&["Escape"]);
    clock(&t, "20:23");
    t.keys(&["Tab", "o", "j", "j", "j", "Enter"]);
    t.wait_for("Verweisung aufgenommen");
    // Adopted, the Verweisung asks at once to whom.
    t.keys(&["v", "a", "Enter"]);
    t.wait_for("Verwiesen an");
    t.text("den Bau- und Verkehrsausschuss");
    t.keys(&["Enter"]);
    t.wait_for("Beschluss: verwiesen");
    t.keys(&["BTab", "e", "Escape"]);

    // TOP 8 (before TOP 7) at 20:30: a seat decided by lot.
    clock(&t, "20:30");
    t.keys(&["j"]);
    call(&t, "8");
    paragraph(
        &t,
        "Für den fünften Sitz im Finanzausschuss haben SPD und Grüne die gleiche Höchstzahl.",
    );
    clock(&t, "20:33");
    t.keys(&["!", "o"]);
    t.wait_for("Losentscheid über");
    t.text("den fünften Sitz im Finanzausschuss: Der Sitz fällt an die SPD-Fraktion");
    t.keys(&["Enter"]);
    t.wait_for("Eingetragen: Über den fünften Sitz");

    // TOP 9 at 20:40 (TOP 7 was taken off): the public excluded at its end.
    clock(&t, "20:40");
    t.keys(&["Escape", "j", "j"]);
    call(&t, "9");
    paragraph(&t, "Frau Kühl weist auf das Dorffest am 6. Juli hin.");
    clock(&t, "20:44");
    t.keys(&["!", "a"]);
    t.wait_for("Eingetragen: Die Öffentlichkeit wird ausgeschlossen");

    // TOP 10 (closed) at 20:45: a secret vote with an invalid ballot; the public readmitted.
    clock(&t, "20:45");
    t.keys(&["Escape", "j"]);
    call(&t, "10");
    paragraph(
        &t,
        "Es liegen drei Gebote vor; das höchste beträgt 4.800 Euro im Jahr.",
    );
    t.keys(&["Tab", "Tab", "v"]);
    t.wait_for("Zur Abstimmung: Beschlussvorschlag");
    t.keys(&["6", "j", "2", "n", "g"]);
    t.wait_for("ungültige Stimmzettel");
    t.text("1");
    t.keys(&["Enter"]);
    t.wait_for("– Beschluss: ");
    clock(&t, "20:55");
    t.keys(&["!", "h"]);
    t.wait_for("Eingetragen: Die Öffentlichkeit wird wiederhergestellt");
    clock(&t, "20:57");
    t.keys(&["Escape", "E"]);
    t.wait_for("schließen");
    t.keys(&["J"]);
    t.wait_for("Sitzung 1:57:00  ");
    quit(&t, dir.path());

    let protocol = internal(dir.path());
    let expected_path = e2e_dir().join("meeting_expected.txt");
    let demo_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-06-20_gemeindevertretung.ron");
    // The demo is the meeting as recorded, without the changes kept for undo.
    let mut session = sitzung::store::load(&session_file(dir.path())).unwrap();
    session.history = Default::default();
    let recorded = sitzung::store::to_ron(&session);
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, &protocol).unwrap();
        std::fs::write(&demo_path, &recorded).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        protocol, expected,
        "the protocol of the meeting differs from tests/e2e/meeting_expected.txt"
    );
    assert!(
        std::fs::read_to_string(&demo_path).unwrap_or_default() == recorded,
        "sessions/2024-06-20_gemeindevertretung.ron is not the meeting as recorded"
    );
}
