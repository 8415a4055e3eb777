//! `sitzung list`: the archive, newest first.

use unicode_width::UnicodeWidthStr;

use sitzung::archive::listing;
use sitzung::domain::escaped;
use sitzung::render::german;
use sitzung::store::Store;

use super::Exit;

/// Archiv auflisten: Datum, Gremium, Zahl der TOPs, Datei (unlesbare Dateien werden übersprungen)
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Nichtöffentliche TOPs mitzählen
    #[arg(long)]
    internal: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Exit> {
    let listing = listing(store.dir())?;
    for e in &listing.skipped {
        warn!("Warnung: übersprungen: {e}");
    }
    if let Some(problem) = &listing.index_problem {
        warn!("Hinweis: {problem}");
    }
    let body_width = listing
        .rows
        .iter()
        .map(|r| r.summary.body.width())
        .chain(["Gremium".width()])
        .max()
        .unwrap_or(0);
    use std::fmt::Write as _;
    let mut out = String::with_capacity(listing.rows.len() * 100);
    let _ = writeln!(
        out,
        "{:<10}  {}  {:>4}  Datei",
        "Datum",
        pad("Gremium", body_width),
        "TOPs"
    );
    for r in &listing.rows {
        let _ = writeln!(
            out,
            "{:<10}  {}  {:>4}  {}",
            german::date(r.summary.date),
            pad(&r.summary.body, body_width),
            r.summary.counts(args.internal).items,
            r.path.display()
        );
    }
    // No byte of a file (its name, a hand-edited body) may drive the terminal.
    std::io::Write::write_all(&mut std::io::stdout().lock(), escaped(&out).as_bytes())?;
    Ok(Exit::Ok)
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}
