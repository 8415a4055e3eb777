//! The fuzz corpus as a test: every input the fuzzer kept (`fuzz/corpus/`) goes through the same
//! loaders as in `fuzz/fuzz_targets/`, on every CI run. A session input ends in a session or in
//! an error with a position; a journal input in whole actions and a reported rest.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn the_session_loader_corpus_reads_or_reports_a_position() {
    let files = corpus("session_loader");
    assert!(files.len() >= 8, "the corpus is missing");
    let (mut sessions, mut errors) = (0, 0);
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        match sitzung::store::parse(&file, text) {
            Ok(_) => sessions += 1,
            Err(sitzung::store::LoadError::Syntax {
                line, col, message, ..
            }) => {
                assert!(
                    line >= 1 && col >= 1 && !message.is_empty(),
                    "{}",
                    file.display()
                );
                if let Some(sitzung::store::Salvaged {
                    session: salvaged,
                    kept,
                    ..
                }) = sitzung::store::salvage(&file, text, line)
                {
                    assert!(kept <= text.lines().count().max(1));
                    assert_eq!(salvaged.version, sitzung::domain::SCHEMA_VERSION);
                }
                errors += 1;
            }
            Err(e) => {
                assert!(e.to_string().contains(&file.display().to_string()));
                errors += 1;
            }
        }
    }
    assert!(
        sessions > 0 && errors > 0,
        "{sessions} read, {errors} refused: the corpus has both kinds"
    );
}

#[test]
fn the_journal_loader_corpus_keeps_whole_actions_and_reports_the_rest() {
    let files = corpus("journal_loader");
    assert!(files.len() >= 2, "the corpus is missing");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let read = sitzung::store::journal::read_journal(&bytes);
        if let Some(bad) = &read.bad {
            assert!(
                bad.offset <= bytes.len() && bad.line >= 1,
                "{}",
                file.display()
            );
        } else {
            assert!(
                read.basis.is_some() || bytes.is_empty(),
                "{}",
                file.display()
            );
        }
        for change in &read.actions {
            let line = sitzung::store::journal::line(change);
            assert_eq!(
                sitzung::store::journal::read_journal(
                    format!("sitzung-journal 1 basis=0\n{line}").as_bytes()
                )
                .actions,
                std::slice::from_ref(change)
            );
        }
    }
}

#[test]
fn the_oparl_import_corpus_imports_or_reports_a_position() {
    let files = corpus("oparl_import");
    assert!(files.len() >= 5, "the corpus is missing");
    let (mut imported, mut refused) = (0, 0);
    for file in files {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        let mut dump = sitzung::oparl::import::Dump::default();
        match dump.add(&file, &text) {
            Ok(()) => match sitzung::oparl::import::import(&dump, None, None, "corpus") {
                Ok(_) => imported += 1,
                Err(e) => {
                    assert!(!e.to_string().is_empty());
                    refused += 1;
                }
            },
            Err(sitzung::oparl::import::ImportError::Json { line, col, .. }) => {
                assert!(line >= 1 && col >= 1, "{}", file.display());
                refused += 1;
            }
            Err(e) => panic!("{}: {e}", file.display()),
        }
    }
    assert!(
        imported > 0 && refused > 0,
        "{imported} imported, {refused} refused"
    );
}
