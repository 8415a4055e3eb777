//! `sitzung record FILE`, and `sitzung` without a command: the recording screen.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use sitzung::store::journal::OpenError;
use sitzung::store::lock::LockError;
use sitzung::store::{self, Store};
use sitzung::tui::app::Persist;
use sitzung::tui::{self, App, picker::Picker};

use super::Outcome;

/// Sitzung live protokollieren (Tagesordnung, Redeliste, Abstimmungen)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Sitzungsdatei (Name im Sitzungsordner oder Pfad darin)
    file: PathBuf,
    /// Nur ansehen, nichts ändern (auch wenn jemand anderes gerade schreibt)
    #[arg(long)]
    read_only: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Outcome> {
    let path = store.resolve(&args.file)?;
    if args.read_only {
        return view(path, "auf Wunsch".into());
    }
    open(path)
}

/// With writing forbidden: the session is only looked at.
pub fn run_read_only(store: &Store, args: Args) -> anyhow::Result<Outcome> {
    view(store.resolve(&args.file)?, "--read-only".into())
}

/// Opens the recording screen on a session file: locked, its journal replayed.
pub fn open(path: PathBuf) -> anyhow::Result<Outcome> {
    let opened = match store::Recorder::open(&path) {
        Ok(opened) => opened,
        Err(OpenError::Locked(LockError::Held { holder, .. })) => {
            eprintln!("{}: wird schon bearbeitet ({holder}).", path.display());
            return if ask("Nur lesend öffnen? [j/N] ") {
                view(path, format!("geschrieben von {holder}"))
            } else {
                Ok(Outcome::Failed)
            };
        }
        Err(OpenError::Locked(LockError::Io { cause, .. }))
            if matches!(
                cause.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            eprintln!(
                "{}: hier darf nicht geschrieben werden ({cause}).",
                path.display()
            );
            return if ask("Nur lesend öffnen? [j/N] ") {
                view(path, "Ordner nicht beschreibbar".into())
            } else {
                Ok(Outcome::Failed)
            };
        }
        Err(OpenError::Load(e)) => {
            eprintln!("sitzung: {e}");
            eprintln!(
                "Die Datei bleibt unverändert. `sitzung recover {}` rettet, was lesbar ist.",
                path.display()
            );
            return Ok(Outcome::Failed);
        }
        Err(e) => return Err(e.into()),
    };
    let messages = opened.recovery.messages();
    let mut app = App::new(
        opened.session,
        Persist::Journal(Box::new(opened.recorder)),
        tui::clock()(),
    );
    if !messages.is_empty() {
        app.info(messages.join("; "));
    }
    tui::record(&mut app)?;
    Ok(Outcome::Ok)
}

/// The screen on a session without writing anything.
fn view(path: PathBuf, why: String) -> anyhow::Result<Outcome> {
    // What the writer has saved so far, journal included.
    let session = store::load_current(&path)?;
    let mut app = App::new(session, Persist::ReadOnly(why), tui::clock()());
    tui::follow(&mut app, &path)?;
    Ok(Outcome::Ok)
}

/// A yes/no question on the terminal; no terminal means no.
fn ask(question: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        return false;
    }
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    matches!(
        answer.trim().to_lowercase().as_str(),
        "j" | "ja" | "y" | "yes"
    )
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
