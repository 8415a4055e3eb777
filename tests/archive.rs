//! The archive index as a user of the folder meets it: `sitzung index` builds it, search and
//! lists give exactly what they give without it, a file changed after indexing is read as it
//! is now, a writer keeps the index up to date, readers never write it, and broken files are
//! skipped with the same warning everywhere.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::time::SystemTime;

use sitzung::archive::{self, Query, index};
use sitzung::domain::{Action, Paragraph};
use sitzung::store::{self, Recorder};

fn generated(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    sitzung::generate::archive(dir.path(), count).unwrap();
    // Two more sessions on one day, to hold the order of a day (by file name).
    let (_, mut a) = sitzung::generate::archive_session(3, count);
    a.date = chrono::NaiveDate::from_ymd_opt(2030, 5, 5).unwrap();
    store::save(&dir.path().join("2030-05-05_b.ron"), &a).unwrap();
    store::save(&dir.path().join("2030-05-05_a.ron"), &a).unwrap();
    dir
}

fn search(dir: &Path, text: &str, internal: bool) -> Vec<archive::Hit> {
    let mut query = Query::parse(text).unwrap();
    query.internal = internal;
    archive::search_archive(dir, &query).unwrap()
}

const QUERIES: [&str; 12] = [
    sitzung::generate::WORD,
    "\"Zuschuss des Kreises\"",
    "Lührsen",
    "luehrsen",
    "von:Lührsen",
    "strasse",
    "\"erklärt auf Nachfrage\"",
    "Vorsitzenden",
    "halle",
    "e",
    "Grundstück",
    "\"der Bürgermeister\" Haushalt",
];

#[test]
fn the_index_finds_exactly_what_reading_the_files_finds_in_the_same_order() {
    let dir = generated(80);
    let without: Vec<Vec<archive::Hit>> = QUERIES
        .iter()
        .flat_map(|q| [search(dir.path(), q, false), search(dir.path(), q, true)])
        .collect();
    assert!(
        !archive::Search::new(dir.path(), &Query::parse("e").unwrap())
            .unwrap()
            .uses_index()
    );
    let done = index::refresh(dir.path(), |_, _| {}).unwrap();
    assert_eq!(done.indexed, 82);
    let indexed = archive::Search::new(dir.path(), &Query::parse("e").unwrap()).unwrap();
    assert!(indexed.uses_index() && indexed.index_problem.is_none());
    let with: Vec<Vec<archive::Hit>> = QUERIES
        .iter()
        .flat_map(|q| [search(dir.path(), q, false), search(dir.path(), q, true)])
        .collect();
    for ((q, a), b) in QUERIES.iter().flat_map(|q| [q, q]).zip(&without).zip(&with) {
        assert_eq!(a.len(), b.len(), "{q}");
        assert_eq!(a, b, "{q}");
    }
    let found: usize = with.iter().map(Vec::len).sum();
    assert!(found > 1000, "the queries find something: {found}");
    // Newest first, one day's sessions by file name.
    let all = &with[18];
    assert!(all.windows(2).all(|w| w[0].date >= w[1].date));
    let day: Vec<&str> = all
        .iter()
        .filter(|h| h.date.to_string() == "2030-05-05")
        .map(|h| h.path.file_name().unwrap().to_str().unwrap())
        .collect();
    assert!(day.first() == Some(&"2030-05-05_a.ron") && day.last() == Some(&"2030-05-05_b.ron"));
    // Filters on body and dates give what they give without the index.
    for (body, from, to) in [
        (Some("bau"), None, None),
        (None, Some("2020-01-01"), Some("2021-06-30")),
    ] {
        let mut query = Query::parse("e").unwrap();
        query.body = body.map(str::to_string);
        query.from = from.map(|d| d.parse().unwrap());
        query.to = to.map(|d| d.parse().unwrap());
        let with = archive::search_archive(dir.path(), &query).unwrap();
        std::fs::rename(index::path(dir.path()), dir.path().join("weg")).unwrap();
        let without = archive::search_archive(dir.path(), &query).unwrap();
        std::fs::rename(dir.path().join("weg"), index::path(dir.path())).unwrap();
        assert!(!with.is_empty());
        assert_eq!(with, without, "{body:?} {from:?} {to:?}");
    }
}

fn fingerprint(dir: &Path) -> Vec<(String, u64, SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                m.len(),
                m.modified().unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_file_changed_added_or_removed_after_indexing_is_read_as_it_is_now_and_readers_write_nothing() {
    let dir = generated(20);
    let out = support::sitzung_in(dir.path(), &["index"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("22 Sitzungen gelesen"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let files = store::session_files(dir.path()).unwrap();
    // Changed by hand: a new paragraph with a word nobody else has.
    let mut changed = store::load(&files[4]).unwrap();
    changed.agenda[1]
        .minutes
        .push(Paragraph::plain("Der Kiosk am Badesee öffnet im Mai."));
    std::fs::write(&files[4], store::to_ron(&changed)).unwrap();
    // Added by copying, removed by hand.
    let mut added = store::load(&files[5]).unwrap();
    added.agenda[0].title = "Anlegestelle am Mühlenteich".into();
    store::save(&dir.path().join("kopie.ron"), &added).unwrap();
    let removed = store::load(&files[6]).unwrap();
    std::fs::remove_file(&files[6]).unwrap();
    let before = fingerprint(dir.path());
    let index_bytes = std::fs::read(index::path(dir.path())).unwrap();

    let found = support::sitzung_in(dir.path(), &["search", "Badesee"]);
    assert!(String::from_utf8_lossy(&found.stdout).contains("Kiosk am Badesee"));
    let found = support::sitzung_in(dir.path(), &["search", "Mühlenteich"]);
    assert!(String::from_utf8_lossy(&found.stdout).contains("kopie.ron"));
    let gone = files[6].file_name().unwrap().to_str().unwrap();
    let title = &removed.agenda[3].title;
    let out = support::sitzung_in(dir.path(), &["search", title]);
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains(gone),
        "a removed file's hits"
    );
    let list = support::sitzung_in(dir.path(), &["list"]);
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(list.contains("kopie.ron") && !list.contains(gone), "{list}");
    let mut browser = sitzung::tui::browse::Browser::open(dir.path(), false).unwrap();
    support::keys(&mut browser, "/");
    assert_eq!(browser.rows().len(), 22);

    assert_eq!(
        fingerprint(dir.path()),
        before,
        "readers left every file as it was"
    );
    assert_eq!(std::fs::read(index::path(dir.path())).unwrap(), index_bytes);

    // `sitzung index` brings it up to date: one changed, one new, one gone.
    let out = support::sitzung_in(dir.path(), &["index"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("2 Sitzungen gelesen, 20 unverändert, 1 entfernt"),
        "{said}"
    );
}

#[test]
fn a_writer_puts_each_snapshot_into_the_index_on_its_own_thread() {
    let dir = generated(10);
    index::refresh(dir.path(), |_, _| {}).unwrap();
    let path = store::session_files(dir.path()).unwrap()[2].clone();
    let updates = index::IndexUpdates::start();
    let mut opened = Recorder::open(&path).unwrap();
    opened.recorder.on_snapshot(updates.hook());
    let action = Action::AppendMinute {
        item: opened.session.agenda[0].number.clone(),
        paragraph: Paragraph::plain("Der Steg am Badesee wird erneuert."),
    };
    opened.session.apply(action.clone()).unwrap();
    opened.recorder.record(&[action]).unwrap();
    // Journalled, not yet in a snapshot: found by reading the file and its journal.
    assert_eq!(search(dir.path(), "Badesee", false).len(), 1);
    opened.recorder.snapshot(&opened.session).unwrap();
    drop(opened);
    updates.finish();
    let index = index::Index::open(dir.path()).unwrap().unwrap();
    let entry = index
        .entry(path.file_name().unwrap().to_str().unwrap())
        .expect("an entry");
    let file = store::FileState::of(&path).unwrap();
    assert!(entry.fresh(&file), "the entry holds the snapshot");
    // Found from the index now: the snapshot's text is there.
    let (texts, _) = index
        .page(&Query::parse("Badesee").unwrap(), false, i64::MIN, 10)
        .unwrap();
    assert_eq!(texts.len(), 1);
    assert_eq!(search(dir.path(), "Badesee", false).len(), 1);
}

#[test]
fn a_writer_without_an_index_creates_none() {
    let dir = generated(3);
    let path = store::session_files(dir.path()).unwrap()[0].clone();
    let updates = index::IndexUpdates::start();
    let mut opened = Recorder::open(&path).unwrap();
    opened.recorder.on_snapshot(updates.hook());
    opened.recorder.snapshot(&opened.session).unwrap();
    drop(opened);
    updates.finish();
    assert!(!index::path(dir.path()).exists());
}

#[test]
fn broken_files_are_never_searched_and_what_search_says_of_them_does_not_depend_on_the_query() {
    let dir = generated(5);
    let broken = dir.path().join("kaputt.ron");
    let mut text = store::to_ron(&sitzung::generate::session(3, 6, 1));
    text = text.replacen("  body:", "  farbe: \"Badesee\",\n  body:", 1);
    std::fs::write(&broken, &text).unwrap();
    for with_index in [false, true] {
        if with_index {
            index::refresh(dir.path(), |_, _| {}).unwrap();
        }
        let search = support::sitzung_in(dir.path(), &["search", "Badesee"]);
        let elsewhere = support::sitzung_in(dir.path(), &["search", "Zyxwvut"]);
        let list = support::sitzung_in(dir.path(), &["list"]);
        assert!(search.stdout.is_empty(), "a broken file is not searched");
        assert_eq!(search.status.code(), Some(1));
        let warned = String::from_utf8_lossy(&search.stderr).into_owned();
        // A warning only when the query's bytes are in the broken file would answer whether
        // they are (a probe for a closed item's text).
        assert_eq!(
            warned,
            String::from_utf8_lossy(&elsewhere.stderr),
            "index: {with_index}"
        );
        if with_index {
            assert!(
                warned.contains("Warnung: übersprungen: ") && warned.contains("kaputt.ron:4:3:"),
                "{warned}"
            );
            assert_eq!(warned, String::from_utf8_lossy(&list.stderr));
        } else {
            assert!(!warned.contains("kaputt"), "{warned}");
            assert!(
                warned.contains(" Dateien ohne Index durchsucht"),
                "{warned}"
            );
            assert!(String::from_utf8_lossy(&list.stderr).contains("kaputt.ron:4:3:"));
        }
    }
    // A broken file changed after the index was built: read whole, told whatever the query.
    std::fs::write(&broken, text.replacen("farbe", "farbton", 1)).unwrap();
    let a = support::sitzung_in(dir.path(), &["search", "Badesee"]);
    let b = support::sitzung_in(dir.path(), &["search", "Zyxwvut"]);
    assert_eq!(a.stderr, b.stderr);
    assert!(String::from_utf8_lossy(&a.stderr).contains("kaputt.ron:4:3:"));
}

#[test]
fn an_index_of_another_version_is_not_used_and_said_so() {
    let dir = generated(4);
    index::refresh(dir.path(), |_, _| {}).unwrap();
    let db = rusqlite::Connection::open(index::path(dir.path())).unwrap();
    db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'", [])
        .unwrap();
    drop(db);
    let out = support::sitzung_in(dir.path(), &["search", "e"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Index nicht verwendbar"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(index::refresh(dir.path(), |_, _| {}).unwrap().indexed == 6);
    let out = support::sitzung_in(dir.path(), &["search", "e"]);
    assert!(out.stderr.is_empty());
}

/// Sets the folder's time an hour back, as if nothing had come or gone for that long.
fn age(dir: &Path) {
    let hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::open(dir)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
}

/// With a quiet folder the index records its listing, and readers then skip reading the
/// folder; a file changed in place (the folder keeps its time) is still read as it is, and a
/// file added or removed (the folder's time changes) is seen.
#[test]
fn a_recorded_listing_is_trusted_only_while_the_folder_keeps_its_time() {
    let dir = generated(12);
    // The first build makes the index's folder (the folder's time changes); the next finds
    // the folder quiet and records what is in it.
    index::refresh(dir.path(), |_, _| {}).unwrap();
    age(dir.path());
    index::refresh(dir.path(), |_, _| {}).unwrap();
    let before = std::fs::metadata(dir.path()).unwrap().modified().unwrap();
    let files = store::session_files(dir.path()).unwrap();
    // In place, as an editor that writes into the file does: the folder keeps its time.
    let mut changed = store::load(&files[3]).unwrap();
    changed.agenda[0]
        .minutes
        .push(Paragraph::plain("Die Zwirbelfähre fährt wieder."));
    assert!(
        index::Index::open(dir.path())
            .unwrap()
            .unwrap()
            .knows_folder(dir.path()),
        "the listing is recorded and trusted"
    );
    std::fs::write(&files[3], store::to_ron(&changed)).unwrap();
    assert_eq!(
        std::fs::metadata(dir.path()).unwrap().modified().unwrap(),
        before
    );
    let hits = search(dir.path(), "Zwirbelfähre", false);
    assert_eq!(hits.len(), 1, "the file changed in place is read as it is");
    // A copy added: the folder's time changes, the folder is read again.
    let mut added = store::load(&files[4]).unwrap();
    added.agenda[0].title = "Zwirbelsteg am Mühlenteich".into();
    store::save(&dir.path().join("kopie.ron"), &added).unwrap();
    assert!(
        !index::Index::open(dir.path())
            .unwrap()
            .unwrap()
            .knows_folder(dir.path())
    );
    assert_eq!(search(dir.path(), "Zwirbelsteg", false).len(), 1);
    std::fs::remove_file(dir.path().join("kopie.ron")).unwrap();
    assert!(search(dir.path(), "Zwirbelsteg", false).is_empty());
    let list = archive::listing(dir.path()).unwrap();
    assert_eq!(list.rows.len(), 14);
}

#[test]
fn an_edit_that_keeps_size_and_time_is_not_served_from_the_index() {
    // As the reviewer did it: TOP 10 renumbered to a second "11" (closed), same size, and the
    // old time put back with `touch -r`.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    std::fs::copy(support::demo_path(), &path).unwrap();
    index::refresh(dir.path(), |_, _| {}).unwrap();
    assert!(!search(dir.path(), "Fußgängerampel", false).is_empty());
    let before = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("number: \"10\",", "number: \"11\",", 1);
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, edited).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    drop(file);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), before.len());
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before.modified().unwrap()
    );
    assert!(
        search(dir.path(), "Fußgängerampel", false).is_empty(),
        "the now closed item is found through the stale index"
    );
    let list = support::sitzung_in(dir.path(), &["list"]);
    let out = String::from_utf8_lossy(&list.stdout);
    assert!(out.contains("    12  "), "12 public TOPs, not 13: {out}");
}
