//! The archive browser and search: views as snapshots, German-aware search on the command line,
//! read-only use that writes nothing, and a reader following a writer.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::process::Command;

use sitzung::tui::browse::{Browser, Page};
use support::keys;

const BIN: &str = env!("CARGO_BIN_EXE_sitzung");

/// A folder with the demo and a second, older session.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        support::demo_path(),
        dir.path().join("2024-03-14_bauausschuss.ron"),
    )
    .unwrap();
    let mut older = sitzung::generate::session(6, 30, 7);
    older.date = chrono::NaiveDate::from_ymd_opt(2023, 9, 7).unwrap();
    older.body = "Hauptausschuss der Gemeinde Lindenholz".into();
    sitzung::store::save(&dir.path().join("2023-09-07_hauptausschuss.ron"), &older).unwrap();
    dir
}

/// The browser at `w`×`h`, as text.
fn frame(b: &mut Browser, w: u16, h: u16) -> String {
    b.set_screen(w, h);
    support::frame(b, w, h)
}

#[test]
fn the_archive_list_is_newest_first_and_filters_by_body_and_year() {
    let dir = archive();
    let mut b = Browser::open(dir.path(), false).unwrap();
    // Without an index the first frame has each session's body and date from the file's
    // head; the counts follow once the files are read whole.
    let first = frame(&mut b, 80, 24);
    assert!(
        b.is_complete() || first.contains("… TOPs"),
        "counts shown before they were counted:\n{first}"
    );
    b.wait_complete();
    assert!(b.is_complete());
    insta::assert_snapshot!("browse_list_80x24", frame(&mut b, 80, 24));
    let dates: Vec<String> = b
        .rows()
        .iter()
        .map(|r| r.summary.date.to_string())
        .collect();
    assert_eq!(dates, ["2024-03-14", "2023-09-07"]);
    keys(&mut b, "fhaupt 2023<Enter>");
    assert_eq!(b.rows().len(), 1);
    keys(&mut b, "fbau 2023<Enter>");
    assert_eq!(b.rows().len(), 0);
    assert!(frame(&mut b, 80, 24).contains("Keine Sitzung passt zum Filter"));
}

#[test]
fn with_an_index_the_first_frame_has_every_count_at_once() {
    let dir = archive();
    sitzung::archive::index::refresh(dir.path(), |_, _| {}).unwrap();
    let mut b = Browser::open(dir.path(), false).unwrap();
    assert!(b.is_complete(), "nothing to read whole");
    assert!(frame(&mut b, 80, 24).contains(" 13 TOPs"));
}

#[test]
fn the_pager_shows_the_public_protocol_and_jumps_item_to_item() {
    let dir = archive();
    let mut b = Browser::open(dir.path(), false).unwrap();
    keys(&mut b, "<Enter>");
    let item = |b: &Browser| match &b.page {
        Page::Pager(p) => p.current_item().map(|(n, _, _)| n.clone()),
        _ => None,
    };
    keys(&mut b, "]]");
    let second = item(&b);
    keys(&mut b, "]");
    assert_ne!(item(&b), second, "] goes on an item");
    keys(&mut b, "[");
    assert_eq!(item(&b), second, "[ goes back an item");
    keys(&mut b, "]]]]]]]]");
    let screen = frame(&mut b, 80, 24);
    insta::assert_snapshot!("browse_pager_80x24", screen);
    assert!(
        screen.contains("14.03.2024 - 8 Antrag der Fraktion"),
        "{screen}"
    );
    // The closed item is in neither the outline nor the text, and e does not reveal it.
    keys(&mut b, "GG");
    let Page::Pager(p) = &b.page else {
        panic!("no pager")
    };
    assert!(p.lines.iter().all(|l| !l.contains("Wiederkaufsrecht")));
    assert!(p.outline.iter().all(|(n, _, _)| n != "11"));
    keys(&mut b, "e");
    assert!(
        b.message
            .as_deref()
            .is_some_and(|m| m.contains("--internal"))
    );
    insta::assert_snapshot!("browse_pager_120x40", frame(&mut b, 120, 40));
}

#[test]
fn the_internal_edition_needs_the_flag_and_then_shows_closed_items() {
    let dir = archive();
    let mut b = Browser::open(dir.path(), true).unwrap();
    keys(&mut b, "<Enter>e");
    let Page::Pager(p) = &b.page else {
        panic!("no pager")
    };
    assert!(p.outline.iter().any(|(n, _, _)| n == "11"));
    assert!(frame(&mut b, 80, 24).contains("INTERNE Fassung"));
    keys(&mut b, "e");
    let Page::Pager(p) = &b.page else {
        panic!("no pager")
    };
    assert!(
        p.outline.iter().all(|(n, _, _)| n != "11"),
        "e again: public"
    );
    assert!(frame(&mut b, 80, 24).contains("öffentliche Fassung"));
}

#[test]
fn resizing_the_pager_rewraps_without_reading_the_file_again() {
    let dir = archive();
    let mut b = Browser::open(dir.path(), false).unwrap();
    b.set_screen(120, 40);
    keys(&mut b, "<Enter>]]]");
    let Page::Pager(p) = &b.page else {
        panic!("no pager")
    };
    let (item, wide) = (p.current_item().unwrap().0.clone(), p.lines.len());
    // The file is gone: only what was read can be laid out anew.
    std::fs::remove_file(dir.path().join("2024-03-14_bauausschuss.ron")).unwrap();
    b.set_screen(80, 24);
    let Page::Pager(p) = &b.page else {
        panic!("no pager")
    };
    assert!(p.lines.len() > wide, "narrower, so more lines");
    assert!(p.lines.iter().all(|l| l.chars().count() < 80));
    assert_eq!(
        p.current_item().map(|(n, _, _)| n),
        Some(&item),
        "the reader stays at the item"
    );
}

#[test]
fn the_selected_hit_stays_in_view_when_there_are_more_than_fit() {
    let dir = tempfile::tempdir().unwrap();
    sitzung::generate::archive(dir.path(), 6).unwrap();
    let mut b = Browser::open(dir.path(), false).unwrap();
    keys(&mut b, "/fragt<Enter>");
    let Page::Results(results) = &b.page else {
        panic!("no results")
    };
    let hits = &results.hits;
    assert!(hits.len() > 40, "{}", hits.len());
    keys(&mut b, &"j".repeat(30));
    let Page::Results(results) = &b.page else {
        panic!("no results")
    };
    let (sel, text) = (results.sel, results.hits[30].text.clone());
    assert_eq!(sel, 30);
    let screen = frame(&mut b, 80, 24);
    let marked = screen
        .lines()
        .position(|l| l.contains('▶'))
        .expect("a row is marked");
    let shown: String = screen
        .lines()
        .nth(marked + 1)
        .unwrap()
        .chars()
        .skip(3)
        .take(20)
        .collect();
    assert!(
        text.contains(shown.trim()),
        "{shown:?} of {text:?}\n{screen}"
    );
}

#[test]
fn search_in_the_browser_by_speaker() {
    let dir = archive();
    let mut b = Browser::open(dir.path(), false).unwrap();
    keys(&mut b, "/von:okafor<Enter>");
    let Page::Results(results) = &b.page else {
        panic!("no results")
    };
    let hits = &results.hits;
    assert_eq!(
        hits.len(),
        3,
        "the demo has three paragraphs of Frau Okafor"
    );
    assert!(
        hits.iter()
            .all(|h| h.speaker.as_deref() == Some("Frau Okafor"))
    );
}

#[test]
fn search_finds_hits_and_opens_the_protocol_there() {
    let dir = archive();
    let mut b = Browser::open(dir.path(), false).unwrap();
    keys(&mut b, "/foerdermittel des landes<Enter>");
    let Page::Results(results) = &b.page else {
        panic!("no results")
    };
    let hits = &results.hits;
    assert!(
        hits.iter()
            .any(|h| &*h.item == "7" && h.text.contains("Fördermittel des Landes"))
    );
    insta::assert_snapshot!("browse_results_80x24", frame(&mut b, 80, 24));
    keys(&mut b, "<Enter>");
    let Page::Pager(p) = &b.page else {
        panic!("no pager")
    };
    assert_eq!(p.current_item().map(|(n, _, _)| n.as_str()), Some("7"));
    keys(&mut b, "q");
    assert!(
        matches!(b.page, Page::Results { .. }),
        "Esc/q goes back to the hits"
    );
}

#[test]
fn a_reader_follows_the_writer_and_keeps_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::copy(support::demo_path(), &path).unwrap();
    let mut b = Browser::open(dir.path(), false).unwrap();
    keys(&mut b, "<Enter>]]]");
    let before = match &b.page {
        Page::Pager(p) => p.scroll,
        _ => panic!("no pager"),
    };
    let reading = match &b.page {
        Page::Pager(p) => p.current_item().unwrap().0.clone(),
        _ => panic!("no pager"),
    };
    let mut opened = sitzung::store::Recorder::open(&path).unwrap();
    let mut write = |b: &mut Browser, item: &str, text: &str| {
        let action = sitzung::domain::Action::AppendMinute {
            item: item.into(),
            paragraph: sitzung::domain::Paragraph::plain(text),
        };
        opened.session.apply(action.clone()).unwrap();
        opened.recorder.record(&[action]).unwrap();
        b.changed(&[sitzung::store::journal::journal_path(&path)]);
    };
    // Below the reader.
    write(&mut b, "10", "Frisch gespeichert vom Schreiber.");
    let Page::Pager(p) = &b.page else {
        panic!("no pager")
    };
    assert!(
        p.lines
            .iter()
            .any(|l| l.contains("Frisch gespeichert vom Schreiber."))
    );
    assert_eq!(p.scroll, before, "the reader's place is kept");
    // Above the reader: the text moves down, the reader with it.
    write(&mut b, "1", "Nachgetragen zur Eröffnung.");
    let Page::Pager(p) = &b.page else {
        panic!("no pager")
    };
    assert!(
        p.lines
            .iter()
            .any(|l| l.contains("Nachgetragen zur Eröffnung."))
    );
    assert!(p.scroll > before, "the reader moved down with the text");
    assert_eq!(p.current_item().map(|(n, _, _)| n), Some(&reading));
}

#[test]
fn search_on_the_command_line_is_grep_like_german_aware_and_scriptable() {
    let dir = archive();
    let out = support::sitzung_in(dir.path(), &["search", "strasse"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.lines().any(|l| l.contains("Straße")),
        "strasse finds Straße: {text}"
    );
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "{}/2024-03-14_bauausschuss.ron:",
            dir.path().display()
        )),
        "{first}"
    );

    let phrase = support::sitzung_in(dir.path(), &["search", "\"Fördermittel des Landes\""]);
    let lines: Vec<String> = String::from_utf8_lossy(&phrase.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains(":7:Absatz 2: Frau Okafor fragt, ob Fördermittel des Landes")),
        "{lines:?}"
    );
    // The outcome is found as the protocol prints it ("Beschluss: geändert beschlossen").
    let outcome = support::sitzung_in(dir.path(), &["search", "\"geändert beschlossen\""]);
    let outcome = String::from_utf8_lossy(&outcome.stdout).into_owned();
    assert!(
        outcome.contains(":7:Beschluss: geändert beschlossen"),
        "{outcome}"
    );
    let reversed = support::sitzung_in(dir.path(), &["search", "\"Landes Fördermittel\""]);
    assert_eq!(
        reversed.status.code(),
        Some(1),
        "a phrase keeps its order; nothing found exits 1 like grep"
    );

    let json = support::sitzung_in(
        dir.path(),
        &[
            "search",
            "--json",
            "--speaker",
            "Frau Okafor",
            "--body",
            "bauaus",
        ],
    );
    let hits: Vec<serde_json::Value> = String::from_utf8_lossy(&json.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        hits.len(),
        3,
        "the demo has three paragraphs of Frau Okafor: {hits:?}"
    );
    assert!(hits.iter().all(|h| h["speaker"] == "Frau Okafor"));
    // "fragt" stands in both sessions; each filter keeps only one of them.
    let files = |extra: &[&str]| -> Vec<String> {
        let out = support::sitzung_in(dir.path(), &[&["search", "fragt"], extra].concat());
        assert!(out.status.success(), "{extra:?}");
        let mut files: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                l.split(".ron:")
                    .next()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        files.dedup();
        files
    };
    let (new, old) = ("2024-03-14_bauausschuss", "2023-09-07_hauptausschuss");
    assert_eq!(files(&[]), [new, old], "newest first");
    assert_eq!(files(&["--from", "2024-01-01"]), [new]);
    assert_eq!(files(&["--to", "2023-12-31"]), [old]);
    assert_eq!(files(&["--body", "haupt"]), [old]);
    let closed = support::sitzung_in(dir.path(), &["search", "Flurstücks"]);
    assert!(
        !String::from_utf8_lossy(&closed.stdout).contains(":11:"),
        "closed items stay out without --internal"
    );
    let internal = support::sitzung_in(dir.path(), &["search", "--internal", "Wiederkaufsrecht"]);
    assert!(String::from_utf8_lossy(&internal.stdout).contains(":11:"));
}

#[test]
fn search_finds_a_speaker_by_name_in_the_worded_paragraph() {
    let dir = archive();
    // The files hold speaker ids ("okafor"); the protocol says "Frau Okafor fragt, …".
    let out = support::sitzung_in(dir.path(), &["search", "\"Okafor fragt\""]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.lines().all(|l| l.contains("Frau Okafor fragt")),
        "{text}"
    );
}

#[test]
fn search_finds_what_a_writer_has_journalled_but_not_yet_snapshotted() {
    let dir = archive();
    let path = dir.path().join("2024-03-14_bauausschuss.ron");
    let mut opened = sitzung::store::Recorder::open(&path).unwrap();
    let action = sitzung::domain::Action::AppendMinute {
        item: "10".into(),
        paragraph: sitzung::domain::Paragraph::plain("Der Kiosk am Badesee öffnet im Mai."),
    };
    opened.session.apply(action.clone()).unwrap();
    opened.recorder.record(&[action]).unwrap();
    let out = support::sitzung_in(dir.path(), &["search", "Badesee"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(":10:Absatz") && text.contains("Kiosk am Badesee"),
        "{text}"
    );
}

#[test]
fn search_into_a_reader_that_stops_early_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    sitzung::generate::archive(dir.path(), 40).unwrap();
    // Far more than a pipe holds, so the writer meets the closed pipe.
    let mut child = Command::new(BIN)
        .args(["--dir", dir.path().to_str().unwrap(), "search", "dass"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.status.code(),
        Some(141),
        "as if ended by SIGPIPE, like grep"
    );
}

#[test]
fn read_only_use_writes_nothing_and_refuses_writing_commands() {
    let dir = archive();
    let files = |d: &Path| -> Vec<(String, std::time::SystemTime, u64)> {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let m = e.metadata().unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    m.modified().unwrap(),
                    m.len(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = files(dir.path());
    let d = dir.path().display().to_string();
    let run = |args: &[String], env: bool| {
        let mut c = Command::new(BIN);
        c.arg("--dir")
            .arg(&d)
            .args(args)
            .stdin(std::process::Stdio::null());
        if env {
            c.env("SITZUNG_READ_ONLY", "1");
        }
        c.output().unwrap()
    };
    for env in [false, true] {
        let flag: &[&str] = if env { &[] } else { &["--read-only"] };
        let with = |args: &[&str]| -> Vec<String> {
            flag.iter().chain(args).map(|a| a.to_string()).collect()
        };
        assert!(run(&with(&["list"]), env).status.success());
        assert!(run(&with(&["search", "Sporthalle"]), env).status.success());
        assert!(
            run(&with(&["render", "2024-03-14_bauausschuss"]), env)
                .status
                .success()
        );
        for writing in [
            with(&["new", "--body", "Testausschuss", "--no-record"]),
            with(&["recover", "2024-03-14_bauausschuss"]),
            with(&["index"]),
            with(&[
                "render",
                "2024-03-14_bauausschuss",
                "-o",
                &format!("{}/x.html", d),
            ]),
        ] {
            let out = run(&writing, env);
            assert!(!out.status.success(), "{writing:?} succeeded");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("nur lesend"),
                "{writing:?}"
            );
        }
    }
    assert_eq!(
        files(dir.path()),
        before,
        "something was written or touched"
    );
}
