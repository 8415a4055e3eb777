//! `sitzung record FILE`, and `sitzung` without a command: the recording screen.

use std::path::PathBuf;

use sitzung::store::{self, Store};
use sitzung::tui::{self, App, picker::Picker};

use super::Outcome;

/// Sitzung live protokollieren (Tagesordnung, Redeliste, Abstimmungen)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Sitzungsdatei (Name im Sitzungsordner oder Pfad darin)
    file: PathBuf,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Outcome> {
    let path = store.resolve(&args.file)?;
    open(path)
}

/// Opens the recording screen on a session file.
pub fn open(path: PathBuf) -> anyhow::Result<Outcome> {
    let session = store::load(&path)?;
    let mut app = App::new(session, Some(path), tui::clock()());
    tui::record(&mut app)?;
    Ok(Outcome::Ok)
}

/// `sitzung` alone: pick a session of the folder (or start a new one), then record it.
pub fn pick(store: &Store) -> anyhow::Result<Outcome> {
    std::fs::create_dir_all(store.dir())
        .map_err(|e| anyhow::anyhow!("{}: {e}", store.dir().display()))?;
    let mut picker = Picker::new(store.clone())?;
    match tui::pick(&mut picker)? {
        Some(path) => open(path),
        None => Ok(Outcome::Ok),
    }
}
