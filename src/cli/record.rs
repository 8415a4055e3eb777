//! `sitzung record FILE`, and `sitzung` without a command: the recording screen.

use std::io::IsTerminal;
use std::path::PathBuf;

use sitzung::archive::index;
use sitzung::store::journal::OpenError;
use sitzung::store::lock::LockError;
use sitzung::store::{self, Store, WritableStore};
use sitzung::tui::record::Persist;
use sitzung::tui::{self, App, picker::Picker};

use super::Exit;

/// Sitzung live protokollieren (Tagesordnung, Redeliste, Abstimmungen)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Sitzungsdatei (Name im Sitzungsordner oder Pfad darin)
    file: PathBuf,
    /// Nur ansehen, nichts ändern (auch wenn jemand anderes gerade schreibt)
    #[arg(long)]
    read_only: bool,
}

pub fn run(store: &WritableStore, args: Args) -> anyhow::Result<Exit> {
    let path = store.resolve(&args.file)?;
    if args.read_only {
        return view(path, "auf Wunsch".into());
    }
    open(store, path)
}

/// With writing forbidden: the session is only looked at.
pub fn run_read_only(store: &Store, args: Args) -> anyhow::Result<Exit> {
    view(store.resolve(&args.file)?, "--read-only".into())
}

/// Opens the recording screen on a session file: locked, its journal replayed.
pub fn open(store: &WritableStore, path: PathBuf) -> anyhow::Result<Exit> {
    let opened = match store.record(&path) {
        Ok(opened) => opened,
        // Someone else records it, or the folder is not writable: it opens read only by itself
        // (on a terminal; a script gets the reason and a failure).
        Err(OpenError::Locked(LockError::Held { holder, .. })) => {
            warn!("{}: wird schon bearbeitet ({holder}).", path.display());
            return view_if_interactive(path, format!("geschrieben von {holder}"));
        }
        Err(OpenError::Locked(LockError::Io { cause, .. }))
            if matches!(
                cause.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            warn!(
                "{}: hier darf nicht geschrieben werden ({cause}).",
                path.display()
            );
            return view_if_interactive(path, "Ordner nicht beschreibbar".into());
        }
        Err(OpenError::Load(e)) => {
            warn!("sitzung: {e}");
            warn!(
                "Die Datei bleibt unverändert. `sitzung recover {}` rettet, was lesbar ist (mit dem Journal).",
                path.display()
            );
            // At a terminal: offered at once, and the saved copy opened to go on with.
            if std::io::stdin().is_terminal()
                && ask("Jetzt retten und die gerettete Fassung öffnen? [j/N] ")
                && let Some(rescued) = super::recover::rescue(store, &path, None)?
            {
                return open(store, rescued);
            }
            return Ok(Exit::Failed);
        }
        Err(e) => return Err(e.into()),
    };
    let messages = opened.recovery.messages();
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        for message in &messages {
            warn!("{}: {message}", path.display());
        }
        warn!(
            "{}: record braucht ein Terminal (ohne eines: sitzung render, check, list)",
            path.display()
        );
        return Ok(Exit::Failed);
    }
    // The folder's index (if it has one) takes each snapshot, on a thread of its own.
    let updates = index::IndexUpdates::start();
    let mut recorder = opened.recorder;
    recorder.on_snapshot(updates.hook());
    let mut app = App::new(
        opened.session,
        Persist::Journal(Box::new(recorder)),
        tui::clock()(),
    );
    if !messages.is_empty() {
        app.info(messages.join("; "));
    }
    let result = tui::run(&mut app, None);
    drop(app);
    updates.finish();
    result?;
    Ok(Exit::Ok)
}

/// The screen on a session without writing anything: it holds no handle that could write.
fn view(path: PathBuf, why: String) -> anyhow::Result<Exit> {
    // What the writer has saved so far, journal included.
    let session = store::load_current(&path)?;
    let mut app = App::new(session, Persist::ReadOnly(why), tui::clock()());
    app.follow_file(&path);
    // A folder, not the file: snapshots are renamed over the file.
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    tui::run(&mut app, Some(folder.unwrap_or(std::path::Path::new("."))))?;
    Ok(Exit::Ok)
}

/// [`view`] where there is a terminal to show it on; else a failure (the reason is printed).
fn view_if_interactive(path: PathBuf, why: String) -> anyhow::Result<Exit> {
    if !std::io::stdin().is_terminal() {
        return Ok(Exit::Failed);
    }
    view(path, why)
}

/// `sitzung` alone: pick a session of the folder (or start a new one), then record it.
pub fn pick(store: &WritableStore) -> anyhow::Result<Exit> {
    std::fs::create_dir_all(store.dir())
        .map_err(|e| anyhow::anyhow!("{}: {e}", store.dir().display()))?;
    let mut picker = Picker::new(store.clone())?;
    tui::run(&mut picker, None)?;
    match picker.done.flatten() {
        Some(path) => open(store, path),
        None => Ok(Exit::Ok),
    }
}

/// Asks a yes/no question on the terminal; yes only for "j" or "ja".
fn ask(question: &str) -> bool {
    use std::io::Write;
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok()
        && matches!(answer.trim().to_lowercase().as_str(), "j" | "ja")
}
