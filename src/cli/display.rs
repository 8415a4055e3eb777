//! `sitzung display`: the room display for the projector, read only, following the writer.

use std::path::PathBuf;

use sitzung::store::{self, Store};
use sitzung::tui::{self, App, display::Display, record::Persist};

use super::Exit;

/// Saalanzeige für den Beamer: aktueller TOP, wer spricht (mit Zeit), Redeliste, letzte Abstimmung; nur öffentlich, nur lesend (q beendet)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Sitzungsdatei (die gerade aufgezeichnet wird)
    file: PathBuf,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Exit> {
    let path = store.resolve(&args.file)?;
    let session = store::load_current(&path)?;
    let mut app = App::new(
        session,
        Persist::ReadOnly("Saalanzeige".into()),
        tui::clock()(),
    );
    app.follow_file(&path);
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let mut display = Display { app };
    tui::run(
        &mut display,
        Some(folder.unwrap_or(std::path::Path::new("."))),
    )?;
    Ok(Exit::Ok)
}
