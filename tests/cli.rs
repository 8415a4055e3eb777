//! The command line as a user drives it: subcommands, exit codes, the sessions folder.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod support;

use support::{demo_path, sitzung_in};

/// A fresh sessions folder holding a copy of the demo.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(demo_path(), dir.path().join("2024-03-14_bauausschuss.ron")).unwrap();
    dir
}

fn sitzung(args: &[&str], env_dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitzung"));
    cmd.args(args).env_remove("SITZUNG_DIR");
    if let Some(dir) = env_dir {
        cmd.env("SITZUNG_DIR", dir);
    }
    cmd.output().expect("run sitzung")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn every_subcommand_has_help() {
    for (cmd, option) in [
        ("render", "--edition"),
        ("check", "FILES"),
        ("list", "--dir"),
    ] {
        let out = sitzung(&[cmd, "--help"], None);
        assert!(out.status.success(), "{cmd} --help failed");
        assert!(
            stdout(&out).contains(option),
            "{cmd} --help lacks {option}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn render_reads_the_folder_from_sitzung_dir_and_writes_to_a_file() {
    let dir = folder();
    let to_stdout = sitzung(
        &["render", "2024-03-14_bauausschuss", "--format", "html"],
        Some(dir.path()),
    );
    assert!(to_stdout.status.success(), "{}", stderr(&to_stdout));
    let out_file = dir.path().join("protokoll.html");
    let to_file = sitzung(
        &[
            "render",
            "2024-03-14_bauausschuss.ron",
            "--format",
            "html",
            "-o",
            out_file.to_str().unwrap(),
        ],
        Some(dir.path()),
    );
    assert!(to_file.status.success(), "{}", stderr(&to_file));
    assert!(to_file.stdout.is_empty());
    assert_eq!(fs::read_to_string(&out_file).unwrap(), stdout(&to_stdout));
}

#[test]
fn render_never_writes_over_a_session_file_whatever_its_case() {
    let dir = folder();
    let upper = dir.path().join("2024-03-14_bauausschuss.RON");
    let out = sitzung_in(
        dir.path(),
        &[
            "render",
            "2024-03-14_bauausschuss",
            "-o",
            upper.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(!upper.exists());
}

#[test]
fn render_never_writes_over_a_session_file() {
    let dir = folder();
    let session = dir.path().join("2024-03-14_bauausschuss.ron");
    let before = fs::read(&session).unwrap();
    let out = sitzung(
        &[
            "--dir",
            dir.path().to_str().unwrap(),
            "render",
            "2024-03-14_bauausschuss",
            "-o",
            session.to_str().unwrap(),
        ],
        None,
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains(".ron"), "{}", stderr(&out));
    assert_eq!(fs::read(&session).unwrap(), before);
}

#[test]
fn render_never_writes_over_a_journal_a_lock_or_a_set_aside_copy() {
    let dir = folder();
    for name in [
        "2024-03-14_bauausschuss.journal",
        "2024-03-14_bauausschuss.lock",
        "2024-03-14_bauausschuss.journal.defekt-20240314-101010",
        "2024-03-14_bauausschuss.ron.gerettet-20240314-101010",
    ] {
        let target = dir.path().join(name);
        fs::write(&target, "Änderungen, die nur hier stehen\n").unwrap();
        let out = sitzung_in(
            dir.path(),
            &[
                "render",
                "2024-03-14_bauausschuss",
                "-o",
                target.to_str().unwrap(),
            ],
        );
        assert!(!out.status.success(), "{name}");
        assert!(
            stderr(&out).contains("gehört zu einer Sitzung"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            fs::read_to_string(&target).unwrap(),
            "Änderungen, die nur hier stehen\n"
        );
    }
}

#[test]
fn render_writes_into_devices_and_links_instead_of_replacing_them() {
    use std::os::unix::fs::FileTypeExt;
    let dir = folder();
    // /dev/full refuses the bytes: an error, and it stays a device.
    let out = sitzung_in(
        dir.path(),
        &["render", "2024-03-14_bauausschuss", "-o", "/dev/full"],
    );
    assert!(!out.status.success());
    assert!(
        fs::symlink_metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // `-o -` is standard output.
    let out = sitzung_in(
        dir.path(),
        &["render", "2024-03-14_bauausschuss", "-o", "-"],
    );
    assert!(out.status.success());
    assert!(stdout(&out).contains("Niederschrift"), "{}", stdout(&out));
    assert!(!dir.path().join("-").exists());
    // `/dev/stdout` is a link to a pipe here: written into, as `>` would.
    let out = sitzung_in(
        dir.path(),
        &["render", "2024-03-14_bauausschuss", "-o", "/dev/stdout"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Niederschrift"), "{}", stdout(&out));
    // A link to a file elsewhere is followed, like `>` would; the link stays.
    let target = dir.path().join("ziel.txt");
    fs::write(&target, "alt").unwrap();
    let link = dir.path().join("protokoll.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = sitzung_in(
        dir.path(),
        &[
            "render",
            "2024-03-14_bauausschuss",
            "-o",
            link.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .contains("Niederschrift")
    );
}

#[test]
fn a_fifo_named_like_a_session_is_skipped_with_a_warning_and_blocks_nothing() {
    let dir = folder();
    let fifo = dir.path().join("2024-05-01_falle.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for args in [
        vec!["list"],
        vec!["search", "Wiederkaufsrecht"],
        vec!["search", "Sporthalle"],
    ] {
        // `output()` would wait forever if sitzung blocked on the FIFO; the test run's timeout
        // would tell.
        let out = sitzung_in(dir.path(), &args);
        assert!(
            stderr(&out).contains("2024-05-01_falle.ron: ist eine benannte Pipe (FIFO)"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = sitzung_in(dir.path(), &["render", "2024-05-01_falle"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("benannte Pipe"), "{}", stderr(&out));
    // With an index too.
    assert!(sitzung_in(dir.path(), &["index"]).status.success());
    let out = sitzung_in(dir.path(), &["list"]);
    assert!(stderr(&out).contains("FIFO"), "{}", stderr(&out));
}

#[test]
fn an_error_in_a_closed_item_names_its_place_but_not_its_value_except_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let demo = fs::read_to_string(demo_path()).unwrap();
    let at = demo.find("closed: true,").unwrap();
    let time = at + demo[at..].find("at: \"21:01\"").unwrap();
    let broken = format!(
        "{}at: \"21:01 Käuferin Hansen-Bau GmbH\"{}",
        &demo[..time],
        &demo[time + "at: \"21:01\"".len()..]
    );
    fs::write(dir.path().join("a.ron"), broken).unwrap();
    for args in [
        vec!["list"],
        vec!["search", "Käuferin"],
        vec!["render", "a"],
    ] {
        let out = sitzung_in(dir.path(), &args);
        let err = stderr(&out);
        assert!(!err.contains("Hansen"), "{args:?}: {err}");
        if args[0] != "search" {
            assert!(
                err.contains("a.ron:") && err.contains("keine gültige Uhrzeit"),
                "{err}"
            );
        }
    }
    let out = sitzung_in(dir.path(), &["check", "a"]);
    assert!(stderr(&out).contains("Hansen-Bau"), "{}", stderr(&out));
}

#[test]
fn control_characters_never_reach_the_terminal_and_are_refused_where_they_come_in() {
    let dir = folder();
    // On the command line: refused, nothing created.
    let out = sitzung_in(
        dir.path(),
        &["new", "--body", "Bau\u{1b}]0;gehackt\u{7}", "--no-record"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("Steuerzeichen U+001B"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    // In a hand-edited file, raw or as an escape: refused with line and column.
    let demo = fs::read_to_string(demo_path()).unwrap();
    for (name, body) in [
        ("roh", "\u{1b}[2J"),
        ("escape", "\\u{1b}[2J"),
        ("wagenruecklauf", "\r"),
        ("tab", "\t"),
        ("bidi", "\u{202e}"),
    ] {
        let text = demo.replacen("body: \"", &format!("body: \"{body}"), 1);
        fs::write(dir.path().join(format!("{name}.ron")), text).unwrap();
        let out = sitzung_in(dir.path(), &["render", name]);
        assert!(!out.status.success(), "{name}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{name}.ron:"))
                && (err.contains("Steuerzeichen") || err.contains("Richtungszeichen")),
            "{err}"
        );
        assert!(
            !err.contains('\u{1b}'),
            "{name}: the error itself is raw: {err:?}"
        );
    }
    // A file name with an escape sequence: listed, escaped.
    let evil = dir.path().join("2024-05-01_\u{1b}[31mrot.ron");
    fs::copy(demo_path(), &evil).unwrap();
    for args in [
        vec!["list"],
        vec!["search", "Sporthalle"],
        vec!["search", "Sporthalle", "--json"],
        vec!["check"],
    ] {
        let out = sitzung_in(dir.path(), &args);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!all.contains('\u{1b}'), "{args:?}: {all:?}");
        // `check` has nothing to say of a good file, so names it nowhere.
        assert!(
            args[0] == "check" || all.contains("u{1b}[31mrot") || all.contains("u001b[31mrot"),
            "{args:?}: {all}"
        );
    }
}

#[test]
fn render_item_prints_the_auszug_and_answers_for_a_closed_item_as_for_a_missing_one() {
    let dir = folder();
    let out = sitzung_in(
        dir.path(),
        &["render", "2024-03-14_bauausschuss", "--item", "6.1"],
    );
    assert!(out.status.success());
    assert!(
        stdout(&out).starts_with("Auszug\n\n") && stdout(&out).contains("\n\n14.03.2024 - 6.1 "),
        "{}",
        stdout(&out)
    );
    let closed = sitzung_in(
        dir.path(),
        &["render", "2024-03-14_bauausschuss", "--item", "11"],
    );
    assert!(!closed.status.success());
    assert!(closed.stdout.is_empty());
    // Said as for a number nobody has: the public does not learn that TOP 11 exists.
    let missing = sitzung_in(
        dir.path(),
        &["render", "2024-03-14_bauausschuss", "--item", "99"],
    );
    assert_eq!(
        stderr(&closed).replace("11", "99"),
        stderr(&missing),
        "{}",
        stderr(&closed)
    );
    assert!(!stderr(&closed).contains("öffentlich"));
}

#[test]
fn check_passes_the_demo_and_fails_an_impossible_vote_with_its_item() {
    let dir = folder();
    let ok = sitzung_in(dir.path(), &["check"]);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert!(stdout(&ok).contains("0 Fehler"), "{}", stdout(&ok));

    let path = dir.path().join("2024-03-14_bauausschuss.ron");
    let text = fs::read_to_string(&path).unwrap();
    let broken = text.replacen("yes: 7,", "yes: 17,", 1);
    assert_ne!(broken, text, "the demo has no vote with 7 yes to break");
    fs::write(dir.path().join("2024-03-14_kaputt.ron"), broken).unwrap();
    let bad = sitzung_in(dir.path(), &["check", "2024-03-14_kaputt"]);
    assert_eq!(bad.status.code(), Some(1), "{}", stdout(&bad));
    let report = stdout(&bad);
    assert!(report.contains("Fehler: TOP "), "{report}");
    assert!(
        report.contains("stimmberechtigte Mitglieder anwesend"),
        "{report}"
    );
}

#[test]
fn check_warns_without_failing() {
    let dir = folder();
    let path = dir.path().join("2024-03-14_bauausschuss.ron");
    let text = fs::read_to_string(&path).unwrap();
    let without_reason: String = text
        .lines()
        .filter(|l| !l.contains("closed_reason:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&path, without_reason).unwrap();
    let out = sitzung(&["--dir", dir.path().to_str().unwrap(), "check"], None);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("Warnung: TOP 11: nichtöffentlicher TOP ohne Begründung"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_reports_an_unreadable_file_once() {
    let dir = folder();
    fs::write(dir.path().join("kaputt.ron"), "(version: 1, body: ").unwrap();
    let out = sitzung(&["--dir", dir.path().to_str().unwrap(), "check"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).matches("kaputt.ron").count(),
        1,
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("1 Fehler"), "{}", stdout(&out));
}

#[test]
fn internal_markdown_renders_through_the_command_line() {
    let dir = folder();
    let out = sitzung_in(
        dir.path(),
        &[
            "render",
            "2024-03-14_bauausschuss",
            "--format",
            "markdown",
            "--edition",
            "internal",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# Niederschrift\n"), "{md}");
    assert!(md.contains("## Nichtöffentlicher Teil"), "{md}");
}

#[cfg(unix)]
#[test]
fn list_ignores_links_out_of_the_folder() {
    let dir = folder();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("fremd.ron");
    fs::copy(demo_path(), &target).unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("link.ron")).unwrap();
    let out = sitzung(&["--dir", dir.path().to_str().unwrap(), "list"], None);
    assert!(out.status.success());
    assert!(!stdout(&out).contains("link.ron"), "{}", stdout(&out));
}

#[test]
fn list_shows_the_archive() {
    let dir = folder();
    let out = sitzung(&["--dir", dir.path().to_str().unwrap(), "list"], None);
    assert!(out.status.success());
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("Datum"));
    // Repro: the public count was 14, telling that a closed item exists; it is 13 items now.
    assert!(
        lines[1].starts_with("14.03.2024  Bauausschuss der Gemeinde Lindenholz    13  "),
        "{lines:?}"
    );
    let internal = sitzung(
        &["--dir", dir.path().to_str().unwrap(), "list", "--internal"],
        None,
    );
    assert!(
        stdout(&internal).contains("Bauausschuss der Gemeinde Lindenholz    14  "),
        "{}",
        stdout(&internal)
    );
}

#[test]
fn a_missing_folder_is_a_clear_error() {
    let out = sitzung(&["--dir", "/nonexistent/sitzungen", "list"], None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("/nonexistent/sitzungen"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn speaking_times_and_attendance_come_as_tables_and_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(demo_path(), dir.path().join("s.ron")).unwrap();
    let run = |args: &[&str]| {
        let out = sitzung_in(dir.path(), args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let demo = sitzung::store::load(&demo_path()).unwrap().public_view();
    let csv = run(&["speakers", "--csv", "s"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), demo.turns().len());
    let seconds: u32 = rows.iter().filter_map(|r| r[5].parse::<u32>().ok()).sum();
    let expected: u32 = demo.turns().iter().filter_map(|t| t.seconds).sum();
    assert_eq!(seconds, expected);
    let table = run(&["speakers", "s"]);
    assert!(
        table.contains("Je Redner/in") && table.contains("Je Fraktion") && table.contains("Je TOP"),
        "{table}"
    );
    let attendance = run(&["attendance", "--csv", "s"]);
    let mut reader = csv::Reader::from_reader(attendance.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "Name");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), demo.persons.len());
    let excused = rows.iter().find(|r| &r[3] == "entschuldigt").unwrap();
    assert_eq!(&excused[7], "", "excused: no items");
    let missing = sitzung_in(dir.path(), &["attendance", "nichtda"]);
    assert!(!missing.status.success());
}

/// The minutes' life through the commands: a draft, signed by each chair and the minute-taker,
/// corrected only by a Berichtigung, approved, published; `status` says where it stands.
#[test]
fn a_niederschrift_is_signed_corrected_approved_and_published() {
    let dir = tempfile::tempdir().unwrap();
    let name = "2024-06-20_gemeindevertretung.ron";
    let demo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions")
        .join(name);
    fs::copy(&demo, dir.path().join(name)).unwrap();
    let run = |args: &[&str]| sitzung_in(dir.path(), args);
    let status = run(&["status", name]);
    assert!(status.status.success(), "{}", stderr(&status));
    let text = stdout(&status);
    assert!(text.contains("Stand: Entwurf"), "{text}");
    // Each who chaired signs, and the minute-taker.
    for who in [
        "Frau Dr. Heike Bruhns",
        "Herr Jens Lorenzen",
        "Frau Birte Wiese",
    ] {
        assert!(
            text.contains(&format!("fehlt: Unterschrift von {who}")),
            "{who}: {text}"
        );
    }
    // A correction before signing is refused: the text itself is changed then.
    let early = run(&[
        "correct",
        name,
        "Es muss heißen: 7 Ja-Stimmen.",
        "--item",
        "4",
    ]);
    assert!(!early.status.success());
    assert!(stderr(&early).contains("Noch nicht unterschrieben"));
    let draft = stdout(&run(&["render", name]));
    assert!(draft.contains("Entwurf – noch nicht unterschrieben."));
    for who in ["bruhns", "Lorenzen", "wiese"] {
        let out = run(&["sign", name, "--by", who, "--date", "2024-06-24"]);
        assert!(out.status.success(), "{who}: {}", stderr(&out));
    }
    let twice = run(&["sign", name, "--by", "bruhns", "--date", "2024-06-24"]);
    assert!(!twice.status.success());
    assert!(stdout(&run(&["status", name])).contains("Stand: unterschrieben"));
    // Signed: a Berichtigung, printed; one of a closed item stays internal.
    let fix = run(&[
        "correct",
        name,
        "Es muss heißen: 8 Ja-Stimmen.",
        "--item",
        "4",
        "--date",
        "2024-06-25",
    ]);
    assert!(fix.status.success(), "{}", stderr(&fix));
    let closed = run(&[
        "correct",
        name,
        "Das Gebot betrug 4.900 Euro.",
        "--item",
        "10",
        "--date",
        "2024-06-25",
    ]);
    assert!(closed.status.success(), "{}", stderr(&closed));
    let approve = run(&[
        "approve",
        name,
        "--session",
        "Sitzung vom 12.09.2024, TOP 3",
        "--date",
        "2024-09-12",
    ]);
    assert!(approve.status.success(), "{}", stderr(&approve));
    assert!(
        run(&["publish", name, "--date", "2024-09-13"])
            .status
            .success()
    );
    let status = stdout(&run(&["status", name]));
    assert!(status.contains("Stand: veröffentlicht"), "{status}");
    let internal = stdout(&run(&["render", name, "--edition", "internal"]));
    let public = stdout(&run(&["render", name]));
    for out in [&internal, &public] {
        assert!(!out.contains("Entwurf – noch nicht"), "{out}");
        assert!(
            out.contains("25.06.2024 zu TOP 4: Es muss heißen: 8 Ja-Stimmen."),
            "{out}"
        );
        assert!(out.contains("Genehmigt am 12.09.2024 (Sitzung vom 12.09.2024, TOP 3)."));
        assert!(out.contains("Veröffentlicht am 13.09.2024."));
    }
    assert!(internal.contains("4.900 Euro"));
    assert!(!public.contains("4.900 Euro"), "{public}");
    // The file is the record: it loads, and passes the checks.
    let check = run(&["check", name]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn a_house_style_copied_beside_the_sessions_is_used_and_a_broken_one_is_named_by_line_and_column() {
    let dir = folder();
    let list = sitzung_in(dir.path(), &["layout"]);
    assert!(list.status.success());
    for name in ["allris", "sessionnet", "amt-sh"] {
        assert!(stdout(&list).contains(name), "{}", stdout(&list));
    }
    // Copied as the README says, it is the folder's house style, and no session to list.
    let preset = sitzung_in(dir.path(), &["layout", "amt-sh"]);
    assert!(preset.status.success());
    let layout = dir.path().join("layout.ron");
    fs::write(&layout, stdout(&preset)).unwrap();
    let listed = sitzung_in(dir.path(), &["list"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(!stdout(&listed).contains("layout"), "{}", stdout(&listed));
    assert!(!stderr(&listed).contains("layout"), "{}", stderr(&listed));
    let out = sitzung_in(dir.path(), &["render", "2024-03-14_bauausschuss"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("N i e d e r s c h r i f t\n"));
    assert!(stdout(&out).contains("Zu TOP 7: Sanierung der Sporthalle Nord"));
    // --layout overrides it.
    let out = sitzung_in(
        dir.path(),
        &["render", "2024-03-14_bauausschuss", "--layout", "allris"],
    );
    assert!(stdout(&out).starts_with("Niederschrift\n"));
    // A placeholder that does not exist, on line 9 (the title): named where it stands.
    let text = stdout(&preset).replace(
        "title: \"N i e d e r s c h r i f t\"",
        "title: \"N i e d e r s c h r i f t {datun}\"",
    );
    let line = text.lines().position(|l| l.contains("{datun}")).unwrap() + 1;
    let col = text.lines().nth(line - 1).unwrap().find("{datun}").unwrap() + 1;
    fs::write(&layout, &text).unwrap();
    let target = dir.path().join("protokoll.txt");
    let out = sitzung_in(
        dir.path(),
        &[
            "render",
            "2024-03-14_bauausschuss",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "layout.ron:{line}:{col}: {{datun}} gibt es in title nicht"
        )),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists(), "nothing written");
    let check = sitzung_in(dir.path(), &["layout", "--check"]);
    assert!(!check.status.success());
    assert!(stderr(&check).contains(&format!(":{line}:{col}:")));
    // A misspelt field.
    fs::write(
        &layout,
        stdout(&preset).replace("    letterhead:", "    letterhaed:"),
    )
    .unwrap();
    let out = sitzung_in(dir.path(), &["layout", "--check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("layout.ron:"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("unbekanntes Feld"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn render_writes_a_pdf_to_a_file() {
    let dir = folder();
    let target = dir.path().join("niederschrift.pdf");
    let out = sitzung_in(
        dir.path(),
        &[
            "render",
            "2024-03-14_bauausschuss",
            "--format",
            "pdf",
            "--edition",
            "internal",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = fs::read(&target).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // Into a pipe it goes as it is.
    let piped = sitzung_in(
        dir.path(),
        &["render", "2024-03-14_bauausschuss", "--format", "pdf"],
    );
    assert!(piped.status.success());
    assert!(piped.stdout.starts_with(b"%PDF-"));
}

#[test]
fn the_next_session_approves_the_last_niederschrift_through_its_item() {
    let dir = folder();
    let run = |args: &[&str]| sitzung_in(dir.path(), args);
    let last = "2024-03-14_bauausschuss";
    // The next session of the body, from the demo as its template: its TOP 3 ("Genehmigung der
    // Niederschrift …") links to the last one of the body.
    let template = dir.path().join("vorlage.json");
    fs::copy(demo_path(), &template).unwrap();
    let new = run(&[
        "new",
        "--body",
        "Bauausschuss der Gemeinde Lindenholz",
        "--date",
        "2024-04-18",
        "--from",
        template.to_str().unwrap(),
        "--no-record",
    ]);
    assert!(new.status.success(), "{}", stderr(&new));
    assert!(
        stderr(&new).contains(&format!("TOP 3 genehmigt die Niederschrift {last}")),
        "{}",
        stderr(&new)
    );
    let next_path = stdout(&new).trim().to_string();
    let next = Path::new(&next_path)
        .file_stem()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let rendered = stdout(&run(&["render", &next]));
    assert!(
        rendered.contains("Betrifft die Niederschrift über die Sitzung vom 14.03.2024.")
            && !rendered.contains(last),
        "{rendered}"
    );
    // check knows what the law asks: the demo is not signed yet.
    let check = stdout(&run(&["check", last]));
    assert!(
        check.contains("Warnung: Niederschrift nach § 41 GO SH: es fehlen die Unterschriften von Voßberg, Petersen und Thode"),
        "{check}"
    );
    for who in ["vossberg", "petersen", "thode"] {
        let out = run(&["sign", last, "--by", who, "--date", "2024-03-20"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let status = stdout(&run(&["status", last]));
    assert!(
        status.contains(
            "Nächster Schritt: Entscheidung über Einwendungen in der nächsten Sitzung (§ 41 GO SH"
        ),
        "{status}"
    );
    assert!(!stdout(&run(&["check", last])).contains("Unterschrift"));
    // Approved from the next session: its date and item are taken from there.
    let approve = run(&["approve", last, "--from", &next]);
    assert!(approve.status.success(), "{}", stderr(&approve));
    let status = stdout(&run(&["status", last]));
    assert!(
        status.contains(
            "genehmigt am 18.04.2024 (Bauausschuss der Gemeinde Lindenholz, Sitzung vom 18.04.2024, TOP 3; ohne Einwendungen)"
        ),
        "{status}"
    );
    // Not approved twice, not by itself, not by an earlier session.
    let again = run(&["approve", last, "--from", last]);
    assert!(
        stderr(&again).contains("nicht ihre eigene"),
        "{}",
        stderr(&again)
    );
    let earlier = run(&["approve", next.as_str(), "--from", last]);
    assert!(!earlier.status.success());
    assert!(
        stderr(&earlier).contains("liegt vor der vom 18.04.2024"),
        "{}",
        stderr(&earlier)
    );
    // An approval item naming a session the archive does not have is named by check.
    let path = dir.path().join(format!("{next}.ron"));
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace(last, "2024-03-15_bauausschuss")).unwrap();
    let check = stdout(&run(&["check", &next]));
    assert!(
        check.contains("TOP 3: genehmigt die Niederschrift 2024-03-15_bauausschuss, die es im Sitzungsordner nicht gibt"),
        "{check}"
    );
    // A session with no item approving this one cannot approve it.
    let unlinked = run(&["approve", last, "--from", &next]);
    assert!(!unlinked.status.success());
    assert!(
        stderr(&unlinked).contains("kein TOP verweist auf die Niederschrift"),
        "{}",
        stderr(&unlinked)
    );
}

#[test]
fn read_only_a_layout_beside_the_sessions_may_not_lead_out_of_the_folder() {
    let dir = folder();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("geheim.ron");
    fs::write(&secret, "(name: \"x\")").unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("layout.ron")).unwrap();
    let out = sitzung_in(
        dir.path(),
        &["--read-only", "render", "2024-03-14_bauausschuss"],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("außerhalb"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("geheim.ron:"), "{}", stderr(&out));
}
