//! `sitzung recover FILE`: what a damaged session still holds, under a new name.

use std::path::PathBuf;

use anyhow::Context;

use sitzung::store::journal::{journal_path, read_journal};
use sitzung::store::{self, LoadError, Store};

use super::Outcome;

/// Aus einer beschädigten Sitzungsdatei retten, was lesbar ist (unter neuem Namen)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Beschädigte Sitzungsdatei; sie selbst bleibt unverändert
    file: PathBuf,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Outcome> {
    let path = store.resolve(&args.file)?;
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    let (mut session, kept, sealed) = match store::parse(&path, &text) {
        Ok(session) => (session, text.lines().count(), Vec::new()),
        Err(e) => {
            eprintln!("{e}");
            let line = match &e {
                LoadError::Syntax { line, .. } => *line,
                _ => text.lines().count(),
            };
            match store::salvage(&path, &text, line) {
                Some(found) => (found.session, found.kept, found.sealed),
                None => {
                    eprintln!("Aus {} ist nichts Lesbares zu retten.", path.display());
                    return Ok(Outcome::Failed);
                }
            }
        }
    };
    // The journal comes on top when it continues this very file (typed after its last
    // snapshot); a journal of an older snapshot is in the file already.
    let mut replayed = 0;
    if let Ok(bytes) = store::file::read_own(&journal_path(&path)) {
        let read = read_journal(&bytes);
        if read.basis == Some(crc32fast::hash(text.as_bytes())) {
            for change in read.actions {
                let mut next = session.clone();
                let count = change.len();
                if change.into_iter().try_for_each(|a| next.apply(a)).is_err() {
                    break;
                }
                session = next;
                replayed += count;
            }
        } else if !read.actions.is_empty() {
            eprintln!(
                "Das Journal gehört zu einer anderen Fassung der Datei und wird nicht angewandt."
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
    let unnamed = if kept < text.lines().count() {
        session.seal_unnamed_guests()
    } else {
        Vec::new()
    };
    store::save(&target, &session)?;
    // Fail closed: what could not be read as public is not published; whom the rest does not
    // name in public may have been there for a lost closed part.
    for id in &unnamed {
        if let Some(p) = session.person(id) {
            eprintln!(
                "{}: nicht zu erkennen, ob nur im nichtöffentlichen Teil anwesend – nur intern genannt; bitte prüfen",
                sitzung::render::german::full_name(p)
            );
        }
    }
    for number in &sealed {
        eprintln!(
            "TOP {number}: nicht lesbar, ob öffentlich – als nichtöffentlich gerettet; bitte prüfen (x macht ihn öffentlich)"
        );
    }
    let paragraphs: usize = session.agenda.iter().map(|i| i.minutes.len()).sum();
    println!(
        "gerettet: {} ({} von {} Zeilen, {replayed} Änderungen aus dem Journal; {} TOPs, {paragraphs} Absätze)",
        target.display(),
        kept,
        text.lines().count(),
        session.agenda.len()
    );
    Ok(Outcome::Ok)
}
