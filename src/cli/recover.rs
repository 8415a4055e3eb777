//! `sitzung recover FILE`: what a damaged session still holds, under a new name.

use std::path::{Path, PathBuf};

use anyhow::Context;

use sitzung::store::journal::{journal_path, read_journal};
use sitzung::store::{self, WritableStore};
use sitzung::tui::keymap::{self, Command, key_for};

use super::Exit;

/// Aus einer beschädigten Sitzungsdatei retten, was lesbar ist (unter neuem Namen)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Beschädigte Sitzungsdatei; sie selbst bleibt unverändert
    file: PathBuf,
    /// Ein beiseitegelegtes Journal (NAME.journal.veraltet-…, …defekt-…) anwenden, soweit seine
    /// Änderungen noch passen, statt des Journals neben der Datei
    #[arg(long, value_name = "JOURNAL")]
    journal: Option<PathBuf>,
}

pub fn run(store: &WritableStore, args: Args) -> anyhow::Result<Exit> {
    let path = store.resolve(&args.file)?;
    Ok(match rescue(store, &path, args.journal)? {
        Some(_) => Exit::Ok,
        None => Exit::Failed,
    })
}

/// Saves what `path` still holds (with the journal beside it, or `journal`) under a new name,
/// and returns that name; `None` when nothing could be read.
/// Needs the right to write (`store`), which it uses only for the rescued copy beside `path`.
pub fn rescue(
    _store: &WritableStore,
    path: &Path,
    journal: Option<PathBuf>,
) -> anyhow::Result<Option<PathBuf>> {
    let path = path.to_path_buf();
    let bytes = store::file::read(&path).with_context(|| path.display().to_string())?;
    // Invalid UTF-8 is named where it is; the rest of the text is read around it (the bad
    // bytes become U+FFFD, inside a string they do no harm).
    let Some(found) = store::recover(&path, &bytes) else {
        if let Err(e) = store::utf8(&path, &bytes) {
            warn!("{e}");
        }
        warn!("Aus {} ist nichts Lesbares zu retten.", path.display());
        return Ok(None);
    };
    for e in found.bad_utf8.iter().chain(&found.error) {
        warn!("{e}");
    }
    let bad_utf8 = found.bad_utf8.is_some();
    let total = found.total;
    let store::Salvaged {
        mut session,
        kept,
        sealed,
    } = found.salvaged;
    // Lines lost: who the lost part named is not known. Bytes changed: the journal's checksum
    // of the file cannot match.
    let damaged = kept < total;
    let changed = damaged || bad_utf8;
    // The journal comes on top when it continues this very file (typed after its last
    // snapshot). When the file is damaged, its checksum cannot tell: then every change that
    // still applies is applied, and each that does not is named. A journal of an older
    // snapshot of an undamaged file is in the file already.
    let mut replayed = 0;
    let given = journal.is_some();
    let journal = journal.unwrap_or_else(|| journal_path(&path));
    if let Err(e) = store::file::read_own(&journal)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        warn!("{}: nicht gelesen: {e}", journal.display());
    }
    if let Ok(journal_bytes) = store::file::read_own(&journal) {
        // A copy set aside (`…defekt-…`) begins with the line that failed and has no head:
        // given by name, each line is tried on its own.
        let read = read_journal(&journal_bytes);
        let continues = read.basis == Some(crc32fast::hash(&bytes));
        let lines: Vec<(usize, Result<Vec<sitzung::domain::Action>, String>)> = if given {
            store::journal::read_journal_lines(&journal_bytes)
        } else {
            let bad = read.bad.clone().map(|b| {
                let rest = format!(
                    "{}; was danach steht, wendet --journal {} Zeile für Zeile an",
                    b.reason,
                    journal.display()
                );
                (b.line, Err(rest))
            });
            (2..)
                .zip(read.actions.clone().into_iter().map(Ok))
                .chain(bad)
                .collect()
        };
        if continues || changed || given {
            let mut changes = Vec::new();
            for (line, change) in lines {
                match change {
                    Ok(change) => changes.push((line, change)),
                    Err(reason) => warn!(
                        "{}: Zeile {line}: {reason} – übersprungen",
                        journal.display()
                    ),
                }
            }
            let done = store::journal::replay(session, changes, true);
            session = done.session;
            replayed = done.applied;
            for (line, e) in done.refused {
                warn!(
                    "{}: Zeile {line}: Änderung nicht angewandt: {e}",
                    journal.display()
                );
            }
            if !continues && replayed > 0 {
                warn!(
                    "Hinweis: das Journal passt nicht sicher zu dieser Fassung; angewandt, was passte – bitte prüfen, ob etwas doppelt steht"
                );
            }
        } else if !read.actions.is_empty() {
            warn!(
                "Das Journal gehört zu einer anderen Fassung der Datei und wird nicht angewandt (mit --journal {} doch)",
                journal.display()
            );
        }
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let target = (1..)
        .map(|n| match n {
            1 => path.with_file_name(format!("{stem}.gerettet.ron")),
            n => path.with_file_name(format!("{stem}.gerettet-{n}.ron")),
        })
        .find(|p| !p.exists())
        .expect("an unbounded range yields a free name");
    let unnamed = if damaged {
        session.seal_unnamed_guests()
    } else {
        Vec::new()
    };
    // With the damaged file's mode: a session kept 0600 (closed items) stays 0600.
    store::write_atomically_as(
        &target,
        store::to_ron(&session).as_bytes(),
        store::file::new_mode(&path),
    )?;
    // Fail closed: what could not be read as public is not published; whom the rest does not
    // name in public may have been there for a lost closed part.
    for id in &unnamed {
        if let Some(p) = session.person(id) {
            warn!(
                "{}: nicht zu erkennen, ob nur im nichtöffentlichen Teil anwesend – nur intern genannt; bitte prüfen",
                sitzung::render::german::full_name(p)
            );
        }
    }
    for number in &sealed {
        warn!(
            "TOP {number}: nicht lesbar, ob öffentlich – als nichtöffentlich gerettet; bitte prüfen ({} macht ihn öffentlich)",
            key_for(keymap::Context::Agenda, Command::ToggleClosed)
        );
    }
    let paragraphs: usize = session.agenda.iter().map(|i| i.minutes.len()).sum();
    say!(
        "gerettet: {} ({} von {} Zeilen, {replayed} Änderungen aus dem Journal; {} TOPs, {paragraphs} Absätze)",
        target.display(),
        kept,
        total,
        session.agenda.len()
    );
    Ok(Some(target))
}
