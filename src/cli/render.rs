//! `sitzung render`: the Niederschrift or the Auszug of one item.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::ValueEnum;

use sitzung::render::{Edition, Format, Options, VoteStyle, render_file};
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
    /// Hausstil: allris, sessionnet, amt-sh oder eine Layout-Datei (ohne: layout.ron im
    /// Sitzungsordner, sonst allris)
    #[arg(long)]
    layout: Option<String>,
    /// Schreibweise der Abstimmungsergebnisse (statt der des Hausstils)
    #[arg(long, value_enum)]
    vote_style: Option<VoteStyleArg>,
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
    /// A4, zum Drucken und Veröffentlichen (nur mit --output)
    Pdf,
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
    SessionnetZeilen,
    Amt,
}

pub fn run(store: &Store, writable: Option<&WritableStore>, args: Args) -> anyhow::Result<Exit> {
    let path = store.resolve(&args.file)?;
    // A session being recorded is rendered as far as it is saved, journal included.
    let session = store::load_current(&path)?;
    let mut layout = store.layout(args.layout.as_deref())?;
    if let Some(style) = args.vote_style {
        layout.votes.style = match style {
            VoteStyleArg::Allris => VoteStyle::Allris,
            VoteStyleArg::Sessionnet => VoteStyle::SessionNet,
            VoteStyleArg::SessionnetZeilen => VoteStyle::SessionNetZeilen,
            VoteStyleArg::Amt => VoteStyle::Amt,
        };
    }
    let format = match args.format {
        FormatArg::Text => Format::Text,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
        FormatArg::Pdf => Format::Pdf,
    };
    let to_stdout = args.output.as_ref().is_none_or(|o| o.as_os_str() == "-");
    // A PDF on the terminal is noise that can drive it: on standard output, or as -o /dev/tty.
    let terminal = match &args.output {
        _ if to_stdout => std::io::stdout().is_terminal(),
        Some(out) => {
            use std::os::unix::fs::FileTypeExt;
            std::fs::metadata(out).is_ok_and(|m| m.file_type().is_char_device())
                && std::fs::OpenOptions::new()
                    .write(true)
                    .open(out)
                    .is_ok_and(|f| f.is_terminal())
        }
        None => false,
    };
    if format == Format::Pdf && terminal {
        bail!("PDF nicht auf das Terminal: mit --output DATEI.pdf in eine Datei schreiben");
    }
    let options = Options {
        format,
        edition: match args.edition {
            EditionArg::Public => Edition::Public,
            EditionArg::Internal => Edition::Internal,
        },
        layout,
        item: args.item,
    };
    let (bytes, notes) = render_file(&session, &options)?;
    for note in notes {
        warn!("Hinweis: {note}");
    }
    write_out(&path, writable, args.output, &bytes, format == Format::Pdf)?;
    Ok(Exit::Ok)
}

/// Writes what a command made from the session at `path`: into `output` (never over a file of
/// a session, never read only), or to standard output, text escaped for the terminal and bytes
/// (`binary`) as they are.
pub fn write_out(
    path: &std::path::Path,
    writable: Option<&WritableStore>,
    output: Option<PathBuf>,
    bytes: &[u8],
    binary: bool,
) -> anyhow::Result<()> {
    match output {
        Some(out) if out.as_os_str() != "-" => {
            // A protocol written over the session itself (by any name) would destroy it.
            let same = std::fs::canonicalize(&out).ok() == std::fs::canonicalize(path).ok();
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
            store::file::write_output(&out, bytes)?;
        }
        // A PDF into a pipe goes as it is.
        _ if binary => std::io::stdout()
            .lock()
            .write_all(bytes)
            .context("Standardausgabe")?,
        // To the terminal nothing that could drive it (the file's texts are clean; its name
        // and anything a later format adds may not be).
        _ => std::io::stdout()
            .lock()
            .write_all(sitzung::domain::escaped(&String::from_utf8_lossy(bytes)).as_bytes())
            .context("Standardausgabe")?,
    }
    Ok(())
}
