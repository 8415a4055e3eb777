//! `sitzung check`: lints sessions and reports findings with their TOP.

use std::path::PathBuf;

use sitzung::domain::check::{Severity, check};
use sitzung::store::journal::{self, JournalState};
use sitzung::store::{self, Store};

use super::Exit;

/// Sitzungen prüfen: unmögliche Stimmenzahlen, fehlende Beschlüsse, Widersprüche (Exit 1 bei Fehlern)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Sitzungsdateien; ohne Angabe alle im Sitzungsordner
    files: Vec<PathBuf>,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Exit> {
    let (mut errors, mut warnings) = (0, 0);
    let paths = if args.files.is_empty() {
        let listing = store.list()?;
        // A `*.ron` that is no plain file (a FIFO) is skipped, and said.
        if let Ok(folder) = store::Folder::read(store.dir()) {
            for odd in &folder.odd {
                warn!("{odd}");
                warnings += 1;
            }
        }
        // Unreadable files are errors of the archive; they are reported once, here.
        for e in &listing.skipped {
            warn!("{}", e.detailed());
            errors += 1;
        }
        listing.entries.into_iter().map(|e| e.path).collect()
    } else {
        args.files
            .iter()
            .map(|f| store.resolve(f))
            .collect::<Result<Vec<_>, _>>()?
    };
    for path in paths {
        let session = match store::load(&path) {
            Ok(s) => s,
            Err(e) => {
                warn!("{}", e.detailed());
                errors += 1;
                continue;
            }
        };
        match journal::inspect(&path) {
            Ok(JournalState::None) => {}
            Ok(JournalState::Stale) => {
                say!(
                    "{}: Hinweis: älteres Journal, würde beim Öffnen beiseitegelegt",
                    path.display()
                );
            }
            Ok(JournalState::Continues {
                actions,
                applicable,
                bad,
            }) => {
                if actions > 0 {
                    say!(
                        "{}: Hinweis: Journal: {actions} Änderungen nach der letzten Sicherung würden wiederhergestellt",
                        path.display()
                    );
                }
                if applicable < actions {
                    errors += 1;
                    say!(
                        "{}: Fehler: Journal: nur {applicable} von {actions} Änderungen passen zur Sitzung",
                        path.display()
                    );
                }
                if let Some(bad) = bad {
                    warnings += 1;
                    say!(
                        "{}: Warnung: Journal Zeile {}: {}; der Rest würde beiseitegelegt",
                        path.display(),
                        bad.line,
                        bad.reason
                    );
                }
            }
            Ok(JournalState::Unreadable(bad)) => {
                warnings += 1;
                say!(
                    "{}: Warnung: Journal Zeile {}: {}",
                    path.display(),
                    bad.line,
                    bad.reason
                );
            }
            Err(e) => {
                errors += 1;
                warn!("{e}");
            }
        }
        // An approval item names a session of the archive (the one whose minutes it approves).
        for item in &session.agenda {
            if let Some(stem) = &item.approves
                && store.resolve(std::path::Path::new(stem)).is_err()
            {
                warnings += 1;
                say!(
                    "{}: Warnung: TOP {}: genehmigt die Niederschrift {stem}, die es im Sitzungsordner nicht gibt",
                    path.display(),
                    item.number
                );
            }
        }
        for f in check(&session) {
            let (label, counter) = match f.severity {
                Severity::Fehler => ("Fehler", &mut errors),
                Severity::Warnung => ("Warnung", &mut warnings),
            };
            *counter += 1;
            let item = f.item.map(|n| format!("TOP {n}: ")).unwrap_or_default();
            say!("{}: {label}: {item}{}", path.display(), f.problem);
        }
    }
    let warnings = if warnings == 1 {
        "1 Warnung".to_string()
    } else {
        format!("{warnings} Warnungen")
    };
    say!("{errors} Fehler, {warnings}");
    Ok(if errors > 0 { Exit::Failed } else { Exit::Ok })
}
