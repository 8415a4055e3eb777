//! `sitzung render`: the Niederschrift or the Auszug of one item.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::ValueEnum;

use sitzung::render::{Edition, Format, Options, VoteStyle, render};
use sitzung::store::{self, Store};

use super::Outcome;

/// Protokoll einer Sitzung ausgeben (Niederschrift, oder mit --item den Auszug eines TOP)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Sitzungsdatei (Name im Sitzungsordner oder Pfad darin)
    file: PathBuf,
    /// Ausgabeformat
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// public lässt nichtöffentliche TOPs ganz weg
    #[arg(long, value_enum, default_value_t = EditionArg::Public)]
    edition: EditionArg,
    /// Nur den Auszug dieses TOP, z. B. 4.1
    #[arg(long)]
    item: Option<String>,
    /// Schreibweise der Abstimmungsergebnisse
    #[arg(long, value_enum, default_value_t = VoteStyleArg::Allris)]
    vote_style: VoteStyleArg,
    /// In diese Datei schreiben statt auf die Standardausgabe
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Text,
    Markdown,
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum EditionArg {
    Public,
    Internal,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum VoteStyleArg {
    Allris,
    Sessionnet,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Outcome> {
    let path = store.resolve(&args.file)?;
    // A session being recorded is rendered as far as it is saved, journal included.
    let session = store::load_current(&path)?;
    let options = Options {
        format: match args.format {
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
        },
        edition: match args.edition {
            EditionArg::Public => Edition::Public,
            EditionArg::Internal => Edition::Internal,
        },
        vote_style: match args.vote_style {
            VoteStyleArg::Allris => VoteStyle::Allris,
            VoteStyleArg::Sessionnet => VoteStyle::SessionNet,
        },
        item: args.item,
    };
    let text = render(&session, &options)?;
    match args.output {
        Some(out) => {
            // A protocol written over a session file would destroy the minutes.
            let is_ron = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            let same = std::fs::canonicalize(&out).ok() == std::fs::canonicalize(&path).ok();
            if is_ron || same {
                bail!(
                    "{}: in Sitzungsdateien (.ron) wird kein Protokoll geschrieben; sie bleiben unberührt",
                    out.display()
                );
            }
            store::write_atomically(&out, text.as_bytes())?;
        }
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .context("Standardausgabe")?,
    }
    Ok(Outcome::Ok)
}
