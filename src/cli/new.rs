//! `sitzung new`: a new session, optionally with agenda and members from a prepared file.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;

use sitzung::domain::{Session, template};
use sitzung::store::{self, WritableStore};

use super::Exit;

/// Neue Sitzung anlegen (Tagesordnung und Mitglieder aus einer Vorlage) und aufzeichnen
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gremium, z. B. "Bauausschuss"
    #[arg(long)]
    body: String,
    /// Sitzungstag (JJJJ-MM-TT), sonst heute
    #[arg(long, value_parser = super::parse_date)]
    date: Option<NaiveDate>,
    /// Vorbereitete Sitzungsdatei, aus der Tagesordnung und Anwesenheitsliste übernommen werden
    #[arg(long = "from", value_name = "VORLAGE.ron")]
    from: Option<PathBuf>,
    /// Nur anlegen, nicht gleich aufzeichnen
    #[arg(long)]
    no_record: bool,
}

pub fn run(store: &WritableStore, args: Args) -> anyhow::Result<Exit> {
    let date = args.date.unwrap_or_else(|| sitzung::tui::clock()().date());
    let mut session = match &args.from {
        Some(path) => {
            let prepared = store::load(path)?;
            template::from_template(&prepared, &args.body, date)
        }
        None => Session::new(&args.body, date),
    };
    // The item approving the last Niederschrift links to it: the latest earlier session of
    // the same body in the archive.
    if let Ok(listing) = store.list() {
        let previous = listing
            .entries
            .iter()
            .filter(|e| e.session.body.trim() == session.body.trim() && e.session.date < date)
            // A rescued copy is no session of its own.
            .filter(|e| !e.path.to_string_lossy().contains(".gerettet"))
            .max_by_key(|e| e.session.date)
            .and_then(|e| e.path.file_stem())
            .map(|stem| stem.to_string_lossy().into_owned());
        if let Some(previous) = previous
            && let Some(n) = session.link_approval(&previous)
        {
            warn!("TOP {n} genehmigt die Niederschrift {previous}");
        }
    }
    let path = store.create(&session).context("Sitzung anlegen")?;
    warn!("angelegt: {}", path.display());
    if args.no_record {
        say!("{}", path.display());
        return Ok(Exit::Ok);
    }
    super::record::open(store, path)
}
