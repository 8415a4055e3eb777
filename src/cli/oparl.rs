//! `sitzung import oparl` and `sitzung export oparl`: a meeting from the council information
//! system, its results back to it.

use std::path::PathBuf;

use anyhow::Context;
use clap::ValueEnum;

use sitzung::oparl::{export, import};
use sitzung::store::{self, Store, WritableStore};

use super::Exit;

/// Übernehmen aus dem Ratsinformationssystem
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    what: ImportWhat,
}

#[derive(Debug, clap::Subcommand)]
enum ImportWhat {
    /// Eine Sitzung aus OParl-JSON: Tagesordnung, Vorlagen, Mitglieder (schreibt eine neue Sitzungsdatei)
    Oparl(OparlImport),
}

#[derive(Debug, clap::Args)]
struct OparlImport {
    /// Meeting-JSON (mit eingebetteten agendaItem) oder ein Ordner mit einem OParl-Abzug
    source: String,
    /// Welche Sitzung, wenn der Abzug mehrere enthält (id oder Name)
    #[arg(long)]
    meeting: Option<String>,
    /// Body-JSON der Kommune, wenn der Abzug sie nicht enthält („… der Stadt Musterstadt“)
    #[arg(long)]
    body_file: Option<PathBuf>,
    /// Beim Abruf über das Netz: Sekunden je Anfrage, bis aufgegeben wird
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
}

/// Weitergeben an das Ratsinformationssystem
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    what: ExportWhat,
}

#[derive(Debug, clap::Subcommand)]
enum ExportWhat {
    /// Die Ergebnisse einer Sitzung als OParl-1.1-Meeting (JSON)
    Oparl(OparlExport),
}

#[derive(Debug, clap::Args)]
struct OparlExport {
    /// Sitzungsdatei
    file: PathBuf,
    /// In diese Datei schreiben statt auf die Standardausgabe
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// public lässt nichtöffentliche TOPs ganz weg
    #[arg(long, value_enum, default_value_t = Edition::Public)]
    edition: Edition,
    /// Adresse, unter der die Objekte und Dokumente veröffentlicht werden
    #[arg(long, default_value = "https://ris.example.invalid/oparl")]
    base_url: String,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Edition {
    Public,
    Internal,
}

pub fn import(store: &WritableStore, args: ImportArgs) -> anyhow::Result<Exit> {
    let ImportWhat::Oparl(args) = args.what;
    let dump = if args.source.starts_with("http://") || args.source.starts_with("https://") {
        use std::io::IsTerminal;
        let terminal = std::io::stderr().is_terminal();
        let mut last = 0;
        let dump = sitzung::oparl::fetch::fetch(
            &args.source,
            std::time::Duration::from_secs(args.timeout),
            &mut |n, url| {
                // One line that counts up on a terminal; every hundredth elsewhere.
                if terminal {
                    eprint!("\r\x1b[Kabgerufen: {n} · {}", sitzung::domain::escaped(url));
                } else if n == 1 || n >= last + 100 {
                    last = n;
                    warn!("abgerufen: {n} · {url}");
                }
            },
        );
        if terminal {
            eprintln!();
        }
        dump?
    } else {
        import::Dump::read(&PathBuf::from(&args.source))?
    };
    // The council's Body, read by the same reader as the dump.
    let body_dump = match &args.body_file {
        Some(f) => Some(import::Dump::read(f)?),
        None => None,
    };
    let body = match (&body_dump, &args.body_file) {
        (Some(d), Some(f)) => Some(
            d.first("Body")
                .with_context(|| format!("{}: kein Body-Objekt", f.display()))?,
        ),
        _ => None,
    };
    let imported = import::import(&dump, args.meeting.as_deref(), body, &args.source)?;
    // The same meeting imported again: a second file, and said (nothing is overwritten).
    let again: Vec<String> = store
        .list()
        .map(|l| l.entries)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| {
            e.session.body == imported.session.body && e.session.date == imported.session.date
        })
        .map(|e| e.path.display().to_string())
        .collect();
    let path = store.create(&imported.session).context("Sitzung anlegen")?;
    for other in again {
        warn!("Hinweis: diese Sitzung gibt es schon ({other}); die neue ist eine eigene Datei");
    }
    for line in &imported.took {
        warn!("übernommen: {line}");
    }
    for w in &imported.warnings {
        warn!("Hinweis: {w}");
    }
    warn!("angelegt: {}", path.display());
    say!("{}", path.display());
    Ok(Exit::Ok)
}

pub fn export(
    store: &Store,
    writable: Option<&WritableStore>,
    args: ExportArgs,
) -> anyhow::Result<Exit> {
    let ExportWhat::Oparl(args) = args.what;
    let path = store.resolve(&args.file)?;
    let session = store::load_current(&path)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (view, edition) = match args.edition {
        Edition::Public => (session.public_view(), "oeffentlich"),
        Edition::Internal => (session, "intern"),
    };
    let verbatim = format!("files/{stem}-{edition}.pdf");
    let results = format!("files/{stem}-{edition}.html");
    let target = export::Target {
        base: &args.base_url,
        stem: &stem,
        verbatim: Some(&verbatim),
        results: Some(&results),
    };
    let mut json = serde_json::to_string_pretty(&export::meeting(&view, &target))?;
    json.push('\n');
    super::render::write_out(&path, writable, args.output, json.as_bytes(), false)?;
    Ok(Exit::Ok)
}
