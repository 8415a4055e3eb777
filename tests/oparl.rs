//! OParl: importing meetings as council information systems export them (the spec's own
//! examples, and fixtures we wrote that reproduce each quirk of real exports), exporting the
//! results (checked against the spec's JSON schemas), the round trip, and no panic on anything.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;
use sitzung::domain::Session;
use sitzung::oparl::{export, import};
use support::sitzung_in;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/oparl")
        .join(name)
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Imports `source` through the binary into a new folder: the session written and what was said.
fn import_cli(source: &Path, extra: &[&str]) -> (Session, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["import", "oparl", source.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = sitzung_in(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = String::from_utf8(out.stdout.clone()).unwrap();
    let session = sitzung::store::load(Path::new(written.trim())).unwrap();
    (session, stderr(&out))
}

#[test]
fn a_meeting_with_every_quirk_of_real_exports_is_imported_and_each_quirk_said() {
    let (s, said) = import_cli(&fixture("quirks/meeting.json"), &[]);
    let agenda: Vec<(&str, &str, bool)> = s
        .agenda
        .iter()
        .map(|i| (i.number.as_str(), i.title.as_str(), i.closed))
        .collect();
    assert_eq!(
        agenda,
        vec![
            // "1." → "1"; a raw tab in the name, repaired and folded.
            ("1", "Eröffnung der Sitzung", false),
            ("2", "Einwohnerfragestunde", false),
            // A raw line break inside the name.
            ("3", "Bebauungsplan Nr. 12 „Am Wasserturm“", false),
            ("16.1.4.11", "Zuschuss für den Sportverein", false),
            ("c)", "Anfragen", false),
            // After "B Nichtöffentliche Sitzung", an item without `public` is closed.
            ("7", "Grundstücksangelegenheit Flurstück 12/4", true),
            ("N 8", "Personalangelegenheit", true),
        ]
    );
    assert_eq!(s.body, "Bauausschuss");
    assert_eq!(s.number.as_deref(), Some("12"));
    assert_eq!(s.date.to_string(), "2025-09-16");
    assert_eq!(s.planned_start.map(|t| t.hhmm()).as_deref(), Some("18:30"));
    assert_eq!(s.start, None, "the session has not begun");
    assert_eq!(s.place.as_deref(), Some("Rathaus Wiesenbrück, Ratssaal"));
    let v = s.agenda[2].vorlage.as_ref().unwrap();
    assert_eq!(
        (v.number.as_str(), v.title.as_str(), v.kind.as_deref()),
        ("BV/2025/031", "", Some("Beschlussvorlage"))
    );
    assert_eq!(v.attachments, ["BV-2025-031.pdf", "Lageplan.pdf"]);
    for quirk in [
        "rohe Steuerzeichen",
        "meine-stadt-transparent",
        "Herstellerfeld „ris:sitzungsnummer“",
        "Meeting.end liegt vor start",
        "Meeting.organization: ein Objekt statt einer Liste",
        "AgendaItem.order beginnt bei 100001",
        "„A Öffentliche Sitzung“ ist kein TOP",
        "„B Nichtöffentliche Sitzung“ ist kein TOP",
        "AgendaItem.name: Zeilenumbrüche",
        "AgendaItem.public fehlt",
        "File.mimeType „PDF-Datei“ ist kein MIME-Typ",
        "Paper.name: „N/A“ als leer gelesen",
    ] {
        assert!(said.contains(quirk), "{quirk} not said:\n{said}");
    }
    // What it wrote passes the checks (a warning for the closed items' missing reasons).
    assert!(
        sitzung::domain::check::check(&s)
            .iter()
            .all(|f| f.severity != sitzung::domain::check::Severity::Fehler)
    );
}

#[test]
fn a_folder_dump_gives_the_members_of_the_day_with_their_fraktion() {
    let (s, said) = import_cli(&fixture("dump"), &[]);
    assert_eq!(s.body, "Bauausschuss der Gemeinde Wiesenbrück");
    assert_eq!(s.place.as_deref(), Some("Ratssaal, Markt 1, Wiesenbrück"));
    let persons: Vec<(&str, Option<&str>, sitzung::domain::PersonKind)> = s
        .persons
        .iter()
        .map(|p| (p.family_name.as_str(), p.fraktion.as_deref(), p.kind))
        .collect();
    use sitzung::domain::PersonKind::{Beratend, Mitglied};
    assert_eq!(
        persons,
        vec![
            ("Albrecht", Some("CDU"), Mitglied),
            ("Brodersen", Some("CDU"), Mitglied),
            ("Carstens", Some("SPD"), Mitglied),
            // No voting right: advisory.
            ("Dierks", Some("Grüne"), Beratend),
            // Ehlers' membership ended before the meeting; Fenske changed Fraktion in 2025.
            ("Fenske", Some("Grüne"), Mitglied),
        ]
    );
    assert_eq!(s.chair.as_deref(), Some("albrecht"));
    assert_eq!(s.persons[0].title.as_deref(), Some("Dr."));
    assert!(
        said.contains("1 Mitgliedschaften an diesem Tag nicht gültig"),
        "{said}"
    );
}

#[test]
fn the_specs_own_examples_import() {
    let (s, _) = import_cli(&fixture("spec-examples/Meeting-01.json"), &[]);
    assert_eq!(s.agenda.len(), 1);
    assert_eq!(s.agenda[0].number, "10.1");
    let (s, _) = import_cli(&fixture("spec-examples"), &[]);
    assert_eq!(s.body, "Ausschuss für Haushalt und Finanzen");
    assert_eq!(s.date.to_string(), "2013-01-04");
}

#[test]
fn invalid_json_names_file_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("kaputt.json");
    std::fs::write(
        &bad,
        "{\n  \"type\": \"https://schema.oparl.org/1.1/Meeting\",\n  \"name\": ,\n}\n",
    )
    .unwrap();
    let folder = dir.path().join("sitzungen");
    let out = sitzung_in(&folder, &["import", "oparl", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "{}:3:11: hier wird ein Wert erwartet",
            bad.display()
        )),
        "{}",
        stderr(&out)
    );
    assert!(!folder.exists() || std::fs::read_dir(&folder).unwrap().next().is_none());
    // A file that is JSON but holds no meeting.
    std::fs::write(&bad, "{\"data\": []}").unwrap();
    let out = sitzung_in(&folder, &["import", "oparl", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("keine Sitzung (Meeting)"),
        "{}",
        stderr(&out)
    );
}

fn demo(name: &str) -> Session {
    sitzung::store::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sessions/{name}.ron")),
    )
    .unwrap()
}

fn exported(s: &Session) -> Value {
    export::meeting(
        s,
        &export::Target {
            base: "https://ris.example.invalid/oparl",
            stem: "2024-03-14_bauausschuss",
            verbatim: Some("files/niederschrift.pdf"),
            results: Some("files/niederschrift.html"),
        },
    )
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(fixture(&format!("schema/{name}.json"))).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    // Formats (date-time) are checked too, not only noted.
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(v: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}: {errors:?}\n{value:#}");
}

#[test]
fn the_export_validates_against_the_oparl_schemas() {
    let (meeting, item, file, location) = (
        validator("Meeting"),
        validator("AgendaItem"),
        validator("File"),
        validator("Location"),
    );
    for name in ["2024-03-14_bauausschuss", "2024-06-20_gemeindevertretung"] {
        let s = demo(name);
        for edition in [s.public_view(), s.clone()] {
            let m = exported(&edition);
            assert_valid(&meeting, &m, name);
            for a in m["agendaItem"].as_array().unwrap() {
                assert_valid(&item, a, name);
            }
            for key in ["verbatimProtocol", "resultsProtocol"] {
                assert_valid(&file, &m[key], key);
            }
            assert_valid(&location, &m["location"], "location");
        }
    }
    // The validators do reject what is wrong.
    let m = exported(&demo("2024-03-14_bauausschuss"));
    let mut broken = m.clone();
    broken.as_object_mut().unwrap().remove("id");
    assert!(!meeting.is_valid(&broken));
    let mut broken = m["agendaItem"][0].clone();
    broken.as_object_mut().unwrap().remove("order");
    assert!(!item.is_valid(&broken));
    let mut broken = m.clone();
    broken["start"] = Value::String("14.03.2024 19:00".into());
    assert!(!meeting.is_valid(&broken), "date-time is checked");
    // The results in the words the RIS use, with the counts.
    let m = exported(&demo("2024-03-14_bauausschuss"));
    let results: Vec<&str> = m["agendaItem"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["result"].as_str())
        .collect();
    assert!(
        results.contains(&"einstimmig beschlossen (Ja: 8, Nein: 0, Enthaltungen: 0)"),
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| r.starts_with("geändert mehrheitlich beschlossen")),
        "{results:?}"
    );
    assert!(results.contains(&"zur Kenntnis genommen"), "{results:?}");
}

#[test]
fn the_public_export_holds_nothing_of_closed_items() {
    let s = demo("2024-03-14_bauausschuss");
    let closed: Vec<&sitzung::domain::AgendaItem> =
        s.agenda.iter().filter(|i| s.is_closed(i)).collect();
    assert!(!closed.is_empty());
    let public = serde_json::to_string(&exported(&s.public_view())).unwrap();
    let internal = serde_json::to_string(&exported(&s)).unwrap();
    for item in closed {
        assert!(!public.contains(&item.title), "{}", item.title);
        assert!(internal.contains(&item.title), "{}", item.title);
        if let Some(v) = &item.vorlage {
            assert!(!public.contains(&v.number));
        }
    }
}

#[test]
fn an_import_of_the_export_gives_back_the_same_agenda() {
    for name in ["2024-03-14_bauausschuss", "2024-06-20_gemeindevertretung"] {
        let s = demo(name);
        for edition in [s.public_view(), s.clone()] {
            let text = serde_json::to_string_pretty(&exported(&edition)).unwrap();
            let mut dump = import::Dump::default();
            dump.add(Path::new("export.json"), &text).unwrap();
            let back = import::import(&dump, None, None, "export.json")
                .unwrap()
                .session;
            let agenda = |s: &Session| -> Vec<(String, String, bool)> {
                s.agenda
                    .iter()
                    .map(|i| (i.number.clone(), i.title.clone(), s.is_closed(i)))
                    .collect()
            };
            assert_eq!(agenda(&back), agenda(&edition), "{name}");
            assert_eq!(back.date, edition.date);
            assert_eq!(back.place, edition.place);
            assert_eq!(back.planned_start, edition.start);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Whatever the bytes, the importer answers with a session or an error: never a panic.
    #[test]
    fn the_importer_never_panics(cut in 0usize..6000, flips in proptest::collection::vec((0usize..6000, any::<u8>()), 0..8)) {
        let mut bytes = std::fs::read(fixture("quirks/meeting.json")).unwrap();
        bytes.truncate(cut.max(1).min(bytes.len()));
        for (at, b) in flips {
            if !bytes.is_empty() {
                let n = bytes.len();
                bytes[at % n] = b;
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let mut dump = import::Dump::default();
        if dump.add(Path::new("x.json"), &text).is_ok() {
            let _ = import::import(&dump, None, None, "x.json");
        }
    }
}

/// A local OParl server on 127.0.0.1 (never the network): serves `routes` (path → JSON), answers
/// 404 for anything else; `silent` accepts and never answers.
fn serve(routes: std::collections::HashMap<String, String>, silent: bool) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || answer(listener, routes, silent));
    format!("http://127.0.0.1:{port}")
}

/// [`serve`] on a given port (the routes name it).
fn serve_on(port: u16, routes: std::collections::HashMap<String, String>) -> String {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    std::thread::spawn(move || answer(listener, routes, false));
    format!("http://127.0.0.1:{port}")
}

fn answer(
    listener: std::net::TcpListener,
    routes: std::collections::HashMap<String, String>,
    silent: bool,
) {
    use std::io::{BufRead, BufReader, Write};
    let mut held = Vec::new();
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if silent {
            held.push(stream);
            continue;
        }
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            continue;
        }
        // The rest of the request head.
        let mut header = String::new();
        while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
            header.clear();
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        // "REDIRECT url" in a route answers 302 to it.
        if let Some(to) = routes.get(&path).and_then(|b| b.strip_prefix("REDIRECT ")) {
            let _ = write!(
                stream,
                "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            continue;
        }
        let (status, body) = match routes.get(&path) {
            Some(b) => ("200 OK", b.clone()),
            None => ("404 Not Found", "{}".to_string()),
        };
        let _ = write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    }
}

/// The folder dump as a server publishes it: every object at its id, the committee's
/// memberships as a list in two pages, each person with its memberships embedded.
fn routes(base: &str) -> std::collections::HashMap<String, String> {
    let old = "https://ris.example.invalid/oparl/v1";
    let read = |name: &str| -> Value {
        let text = std::fs::read_to_string(fixture(&format!("dump/{name}.json"))).unwrap();
        serde_json::from_str(&text.replace(old, &format!("{base}/oparl/v1"))).unwrap()
    };
    let path = |id: &Value| id.as_str().unwrap().strip_prefix(base).unwrap().to_string();
    let mut r = std::collections::HashMap::new();
    let memberships: Vec<Value> = read("memberships")["data"].as_array().unwrap().clone();
    let mut orgs = read("organizations")["data"].as_array().unwrap().clone();
    let committee = format!("{base}/oparl/v1/organization/3");
    let of_committee: Vec<Value> = memberships
        .iter()
        .filter(|m| m["organization"] == committee.as_str())
        .cloned()
        .collect();
    let list = format!("{base}/oparl/v1/organization/3/memberships");
    orgs[0]["membership"] = Value::String(list.clone());
    r.insert(
        path(&Value::String(list.clone())),
        serde_json::json!({"data": of_committee[..3], "links": {"next": format!("{list}?page=2")}})
            .to_string(),
    );
    r.insert(
        format!("{}?page=2", path(&Value::String(list))),
        serde_json::json!({"data": of_committee[3..], "links": {}}).to_string(),
    );
    for o in orgs {
        r.insert(path(&o["id"]), o.to_string());
    }
    for page in ["persons-1", "persons-2"] {
        for mut p in read(page)["data"].as_array().unwrap().clone() {
            let mut own: Vec<Value> = memberships
                .iter()
                .filter(|m| m["person"] == p["id"])
                .cloned()
                .collect();
            // One membership points to another server: not fetched, and said.
            if p["familyName"] == "Fenske" {
                own.push(serde_json::json!({"id": "https://elsewhere.invalid/m/1", "type": "https://schema.oparl.org/1.1/Membership", "organization": "https://elsewhere.invalid/organization/99"}));
            }
            p["membership"] = Value::Array(own);
            r.insert(path(&p["id"]), p.to_string());
        }
    }
    for name in ["meeting", "consultation", "body"] {
        let v = read(name);
        r.insert(path(&v["id"]), v.to_string());
    }
    r
}

#[test]
fn a_meeting_is_fetched_from_its_url_with_what_it_references() {
    // The routes name the server's port: find a free one, then listen on it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = format!("http://127.0.0.1:{port}");
    let routes = routes(&base);
    let served = serve_on(port, routes);
    let url = format!("{served}/oparl/v1/meeting/77");
    let (s, said) = import_cli(Path::new(&url), &["--timeout", "5"]);
    assert_eq!(s.body, "Bauausschuss der Gemeinde Wiesenbrück");
    let names: Vec<(&str, Option<&str>)> = s
        .persons
        .iter()
        .map(|p| (p.family_name.as_str(), p.fraktion.as_deref()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Albrecht", Some("CDU")),
            ("Brodersen", Some("CDU")),
            ("Carstens", Some("SPD")),
            ("Dierks", Some("Grüne")),
            ("Fenske", Some("Grüne")),
        ]
    );
    assert_eq!(s.agenda.len(), 7);
    assert_eq!(s.agenda[2].vorlage.as_ref().unwrap().number, "BV/2025/031");
    assert!(said.contains("abgerufen: 1 · "), "{said}");
    assert!(
        said.contains("Verweise auf andere Server nicht abgerufen: elsewhere.invalid"),
        "{said}"
    );
}

#[test]
fn a_server_that_does_not_answer_or_has_no_meeting_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("s");
    let silent = serve(Default::default(), true);
    let started = std::time::Instant::now();
    let out = sitzung_in(
        &folder,
        &[
            "import",
            "oparl",
            &format!("{silent}/meeting/1"),
            "--timeout",
            "1",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("keine Antwort in der Zeit"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let empty = serve(Default::default(), false);
    let out = sitzung_in(&folder, &["import", "oparl", &format!("{empty}/meeting/1")]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("HTTP 404"), "{}", stderr(&out));
    assert!(!folder.exists() || std::fs::read_dir(&folder).unwrap().next().is_none());
}

#[test]
fn messy_data_is_made_safe_and_each_doubt_said() {
    let meeting = serde_json::json!({
        "id": "m", "type": "https://schema.oparl.org/1.1/Meeting", "name": "Sitzung",
        "start": "2025-09-16T18:30:00+02:00",
        "organization": ["o"],
        "agendaItem": [
            // A `public` that cannot be read closes the item: never published by mistake.
            {"id": "a1", "type": "AgendaItem", "number": "1", "name": "Geheim eins", "order": 1, "public": 0},
            {"id": "a2", "type": "AgendaItem", "number": "2", "name": "Geheim zwei", "order": 2, "public": "nein"},
            {"id": "a3", "type": "AgendaItem", "number": "3", "name": "Offen", "order": 3, "public": true},
            // Twice the same number, and numbers the file format does not take.
            {"id": "a4", "type": "AgendaItem", "number": "3.", "name": "Noch einmal drei", "order": 4, "public": true},
            {"id": "a5", "type": "AgendaItem", "number": "#5 / 6", "name": "Krumme Nummer", "order": 5, "public": true},
            // A direction override in a title.
            {"id": "a6", "type": "AgendaItem", "number": "6", "name": "Rechts\u{202e}links", "order": 6, "public": true},
            "a-fehlt"
        ]
    });
    let org = serde_json::json!({"id": "o", "type": "Organization", "name": "Finanzausschuss"});
    let person = serde_json::json!({"id": "p", "type": "Person", "givenName": "Uta", "familyName": "Ahrens", "formOfAddress": "Frau"});
    let ms1 = serde_json::json!({"id": "m1", "type": "Membership", "person": "p", "organization": "o", "role": "Mitglied"});
    let ms2 = serde_json::json!({"id": "m2", "type": "Membership", "person": "p", "organization": "o", "role": "Vorsitzende"});
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump");
    std::fs::create_dir(&dump).unwrap();
    for (name, v) in [
        ("meeting", &meeting),
        ("org", &org),
        ("person", &person),
        ("ms1", &ms1),
        ("ms2", &ms2),
    ] {
        std::fs::write(dump.join(format!("{name}.json")), v.to_string()).unwrap();
    }
    // An older system's file in Windows-1252: "Grün" with 0xFC.
    std::fs::write(
        dump.join("latin.json"),
        b"{\"id\": \"x\", \"type\": \"Organization\", \"name\": \"Gr\xfcn\"}".as_slice(),
    )
    .unwrap();
    let (s, said) = import_cli(&dump, &[]);
    let agenda: Vec<(&str, &str, bool)> = s
        .agenda
        .iter()
        .map(|i| (i.number.as_str(), i.title.as_str(), i.closed))
        .collect();
    assert_eq!(agenda[0], ("1", "Geheim eins", true));
    assert_eq!(agenda[1], ("2", "Geheim zwei", true));
    assert_eq!(agenda[2], ("3", "Offen", false));
    assert_ne!(agenda[3].0, "3", "{agenda:?}");
    assert_ne!(agenda[4].0, "#5 / 6", "{agenda:?}");
    assert_eq!(agenda[5].1, "Rechtslinks");
    for doubt in [
        "TOP 1: public ist 0, kein Wahrheitswert: als nichtöffentlich übernommen",
        "TOP 3 kommt doppelt vor",
        "TOP-Nummer „#5 / 6“ ist keine gültige Nummer",
        "Steuer- oder Richtungszeichen entfernt",
        "ein TOP (a-fehlt) ist nicht im Export",
        "kein UTF-8, als Windows-1252 gelesen",
    ] {
        assert!(said.contains(doubt), "{doubt} not said:\n{said}");
    }
    // Two memberships of one person: one person, and the chair.
    assert_eq!(s.persons.len(), 1);
    assert_eq!(s.chair.as_deref(), Some(s.persons[0].id.as_str()));
    // What was written passes the checks without an error.
    let errors: Vec<String> = sitzung::domain::check::check(&s)
        .into_iter()
        .filter(|f| f.severity == sitzung::domain::check::Severity::Fehler)
        .map(|f| f.problem.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_redirect_to_another_server_is_not_followed_and_a_dead_link_is_only_said() {
    let elsewhere = serve(
        [("/secret".to_string(), serde_json::json!({"id": "x", "type": "https://schema.oparl.org/1.1/Organization", "name": "GEHEIM"}).to_string())]
            .into_iter()
            .collect(),
        false,
    );
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = format!("http://127.0.0.1:{port}");
    let meeting = serde_json::json!({
        "id": format!("{base}/meeting/1"), "type": "https://schema.oparl.org/1.1/Meeting",
        "name": "Sitzung", "start": "2025-09-16T18:30:00+02:00",
        "organization": [format!("{base}/organization/1")],
        "location": format!("{base}/location/tot"),
        "agendaItem": [{"id": format!("{base}/ai/1"), "type": "https://schema.oparl.org/1.1/AgendaItem", "number": "1", "name": "Eins", "order": 0, "public": true}]
    });
    let routes = [
        ("/meeting/1".to_string(), meeting.to_string()),
        (
            "/organization/1".to_string(),
            format!("REDIRECT {elsewhere}/secret"),
        ),
    ]
    .into_iter()
    .collect();
    let served = serve_on(port, routes);
    let (s, said) = import_cli(Path::new(&format!("{served}/meeting/1")), &[]);
    assert!(!s.body.contains("GEHEIM"), "{}", s.body);
    assert!(
        said.contains("leitet auf einen anderen Server um"),
        "{said}"
    );
    assert!(
        said.contains("HTTP 404"),
        "the dead location link is said: {said}"
    );
    assert_eq!(s.agenda.len(), 1);
    // An absurd timeout is refused by the argument parser, not a panic.
    let dir = tempfile::tempdir().unwrap();
    let out = sitzung_in(
        dir.path(),
        &[
            "import",
            "oparl",
            &format!("{served}/meeting/1"),
            "--timeout",
            "9223372036854775807",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn the_council_comes_from_a_body_file_where_the_dump_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("body.json");
    std::fs::write(
        &body,
        r#"{"id": "b", "type": "https://schema.oparl.org/1.1/Body", "name": "Stadt Wiesenbrück"}"#,
    )
    .unwrap();
    let (s, _) = import_cli(
        &fixture("quirks/meeting.json"),
        &["--body-file", body.to_str().unwrap()],
    );
    assert_eq!(s.body, "Bauausschuss der Stadt Wiesenbrück");
    // A file without a Body says so.
    std::fs::write(
        &body,
        r#"{"id": "x", "type": "https://schema.oparl.org/1.1/Person"}"#,
    )
    .unwrap();
    let out = sitzung_in(
        &dir.path().join("s"),
        &[
            "import",
            "oparl",
            fixture("quirks/meeting.json").to_str().unwrap(),
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("kein Body-Objekt"),
        "{}",
        stderr(&out)
    );
}
