use std::fs;

use chrono::NaiveDate;

use super::*;
use crate::domain::{Action, AgendaItem, Paragraph, Person, Salutation};

fn sample() -> Session {
    let mut s = Session::new(
        "Ausschuss für Straßen & Grünflächen",
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
    );
    s.apply(Action::AddPerson(Person::member(
        "okafor",
        Salutation::Frau,
        "Amara",
        "Okafor",
    )))
    .unwrap();
    s.apply(Action::AddItem {
        item: AgendaItem::new("1", "Eröffnung"),
        position: None,
    })
    .unwrap();
    let text =
        "fragt, ob \"Fördermittel\" beantragt worden seien.\n\nZweiter Absatz mit r#\"Rohtext\"#.";
    s.apply(Action::AppendMinute {
        item: "1".into(),
        paragraph: Paragraph::by("okafor", text),
    })
    .unwrap();
    s
}

#[test]
fn save_and_load_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    let s = sample();
    save(&path, &s).unwrap();
    assert_eq!(load(&path).unwrap(), s);
    // Saving what was loaded writes the same bytes: files stay stable in version control.
    let first = fs::read(&path).unwrap();
    save(&path, &load(&path).unwrap()).unwrap();
    assert_eq!(fs::read(&path).unwrap(), first);
}

#[test]
fn files_are_readable_ron_with_umlauts_and_multi_line_raw_strings() {
    let text = to_ron(&sample());
    assert!(
        text.starts_with("#![enable(implicit_some)]\n(\n  version: 1,\n"),
        "{text}"
    );
    assert!(text.contains("Straßen & Grünflächen"), "{text}");
    // The paragraph spans lines in the file instead of holding "\n" escapes.
    assert!(
        text.contains("beantragt worden seien.\n\nZweiter Absatz"),
        "{text}"
    );
    assert!(!text.contains("Some("), "{text}");
}

#[test]
fn new_sessions_get_a_free_name_from_date_and_body() {
    let dir = tempfile::tempdir().unwrap();
    let store = WritableStore::new(dir.path());
    let s = sample();
    let first = store.create(&s).unwrap();
    let second = store.create(&s).unwrap();
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        name(&first),
        "2024-03-14_ausschuss-fuer-strassen-gruenflaechen.ron"
    );
    assert_eq!(
        name(&second),
        "2024-03-14_ausschuss-fuer-strassen-gruenflaechen_2.ron"
    );
    assert_eq!(load(&first).unwrap(), s);
}

#[test]
fn resolve_finds_names_inside_the_folder_only() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("sessions");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("a.ron"), "x").unwrap();
    fs::write(root.path().join("outside.ron"), "x").unwrap();
    // Read only, as over SSH: the folder confines.
    let store = Store::new(&dir);
    let inside = dir.join("a.ron");
    assert_eq!(store.resolve(Path::new("a")).unwrap(), inside);
    assert_eq!(store.resolve(Path::new("a.ron")).unwrap(), inside);
    assert_eq!(store.resolve(&dir.join("a.ron")).unwrap(), inside);
    assert!(store.resolve(Path::new("fehlt")).is_err());
    // A recovered copy by the name `recover` printed, without `.ron`.
    fs::write(dir.join("a.gerettet.ron"), "x").unwrap();
    assert_eq!(
        store.resolve(Path::new("a.gerettet")).unwrap(),
        dir.join("a.gerettet.ron")
    );
    for escape in [dir.join("../outside.ron"), root.path().join("outside.ron")] {
        let err = store.resolve(&escape).unwrap_err();
        assert!(
            matches!(err, StoreError::OutsideFolder { .. }),
            "{escape:?}: {err}"
        );
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.path().join("outside.ron"), dir.join("link.ron")).unwrap();
        let err = store.resolve(Path::new("link.ron")).unwrap_err();
        assert!(matches!(err, StoreError::OutsideFolder { .. }), "{err}");
    }
    // Writing, a path names the user's own file wherever it lies; a name stays in the folder.
    let writing = WritableStore::new(&dir);
    let outside = root.path().join("outside.ron");
    assert_eq!(writing.resolve(&outside).unwrap(), outside);
    assert!(writing.resolve(Path::new("outside")).is_err());
}

#[test]
fn listing_skips_broken_files_and_sorts_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = WritableStore::new(dir.path());
    let mut old = sample();
    old.date = NaiveDate::from_ymd_opt(2023, 1, 5).unwrap();
    store.create(&old).unwrap();
    store.create(&sample()).unwrap();
    fs::write(dir.path().join("kaputt.ron"), "(version: 1, body: ").unwrap();
    fs::write(dir.path().join("notizen.txt"), "keine Sitzung").unwrap();
    let listing = store.list().unwrap();
    let dates: Vec<NaiveDate> = listing.entries.iter().map(|e| e.session.date).collect();
    assert_eq!(dates, [sample().date, old.date]);
    assert_eq!(listing.skipped.len(), 1);
    assert!(listing.skipped[0].path().ends_with("kaputt.ron"));
}

#[test]
fn a_newer_version_fails_on_its_version_even_with_unknown_fields() {
    let text = "(version: 2, body: \"X\", date: \"2024-03-14\", neues_feld: 1)";
    let err = parse(Path::new("x.ron"), text).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::NewerVersion {
                found: 2,
                supported: 1,
                ..
            }
        ),
        "{err}"
    );
}
