//! `sitzung list`: the archive, newest first.

use unicode_width::UnicodeWidthStr;

use sitzung::render::german;
use sitzung::store::Store;

use super::Outcome;

/// Archiv auflisten: Datum, Gremium, Zahl der TOPs, Datei (unlesbare Dateien werden übersprungen)
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(store: &Store, _args: Args) -> anyhow::Result<Outcome> {
    let listing = store.list()?;
    for e in &listing.skipped {
        eprintln!("Warnung: übersprungen: {e}");
    }
    let body_width = listing
        .entries
        .iter()
        .map(|e| e.session.body.width())
        .chain(["Gremium".width()])
        .max()
        .unwrap_or(0);
    println!(
        "{:<10}  {}  {:>4}  Datei",
        "Datum",
        pad("Gremium", body_width),
        "TOPs"
    );
    for e in &listing.entries {
        println!(
            "{:<10}  {}  {:>4}  {}",
            german::date(e.session.date),
            pad(&e.session.body, body_width),
            e.session.agenda.len(),
            e.path.display()
        );
    }
    Ok(Outcome::Ok)
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}
