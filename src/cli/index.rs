//! `sitzung index`: builds the archive index of the folder, or brings it up to date.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use sitzung::archive::index;
use sitzung::store::WritableStore;

use super::Exit;

/// Suchindex des Archivs anlegen oder auffrischen (nach Änderungen von Hand, Kopien; für cron)
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(store: &WritableStore, _args: Args) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let mut last = Instant::now();
    let done = index::refresh(store.dir(), |done, all| {
        // A progress line on a terminal, at most a few times a second.
        if terminal && (last.elapsed().as_millis() > 200 || done == all) {
            last = Instant::now();
            eprint!("\r{done} von {all} Sitzungen …");
            let _ = std::io::stderr().flush();
        }
    })?;
    if terminal {
        warn!();
    }
    // Readers skip reading the folder while it keeps the time recorded now; a folder changed
    // a moment ago (the index's own folder made, a session saved) is waited for briefly.
    if let Some(wait) = index::quiet_in(store.dir())
        && !wait.is_zero()
    {
        std::thread::sleep(wait);
    }
    if let Some(mut writer) = index::Writer::open(store.dir(), false)? {
        writer.record_listing(store.dir())?;
    }
    for broken in &done.broken {
        warn!("Warnung: übersprungen: {broken}");
    }
    say!(
        "Index {}: {} Sitzungen gelesen, {} unverändert, {} entfernt, {} unlesbar ({:.1} s)",
        index::path(store.dir()).display(),
        done.indexed - done.broken.len(),
        done.unchanged,
        done.removed,
        done.broken.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(Exit::Ok)
}
