//! `sitzung render`: the Niederschrift or the Auszug of one item.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::ValueEnum;

use sitzung::render::{Edition, Format, Options, VoteStyle, render};
use sitzung::store::{self, Store, WritableStore};

use super::Exit;

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
    /// In diese Datei schreiben statt auf die Standardausgabe (- für die Standardausgabe);
    /// Dateien einer Sitzung (.ron, .journal, .lock, gerettete Kopien) werden nie überschrieben
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

pub fn run(store: &Store, writable: Option<&WritableStore>, args: Args) -> anyhow::Result<Exit> {
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
        Some(out) if out.as_os_str() != "-" => {
            // A protocol written over the session itself (by any name) would destroy it.
            let same = std::fs::canonicalize(&out).ok() == std::fs::canonicalize(&path).ok();
            if same {
                bail!(
                    "{}: ist die Sitzungsdatei selbst; sie bleibt unberührt",
                    out.display()
                );
            }
            // Read only, nothing is written, not even a protocol beside the archive.
            if writable.is_none() {
                return Err(store::StoreError::ReadOnly { path: out }.into());
            }
            store::file::write_output(&out, text.as_bytes())?;
        }
        // To the terminal nothing that could drive it (the file's texts are clean; its name
        // and anything a later format adds may not be).
        _ => std::io::stdout()
            .lock()
            .write_all(sitzung::domain::escaped(&text).as_bytes())
            .context("Standardausgabe")?,
    }
    Ok(Exit::Ok)
}
