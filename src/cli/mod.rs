//! Subcommands, one file each: an `Args` struct and a `run` function.

/// `eprintln!` for the user: no byte of a file name or a text may drive the terminal, so every
/// message goes out with control characters escaped (`domain::escaped`).
macro_rules! warn {
    () => {
        eprintln!()
    };
    ($($arg:tt)*) => {
        eprintln!("{}", sitzung::domain::escaped(&format!($($arg)*)))
    };
}

/// `println!` for the user, escaped as [`warn!`].
macro_rules! say {
    () => {
        println!()
    };
    ($($arg:tt)*) => {
        println!("{}", sitzung::domain::escaped(&format!($($arg)*)))
    };
}

mod browse;
mod check;
mod display;
mod index;
mod layout;
mod life;
mod list;
mod new;
mod oparl;
mod record;
mod recover;
mod render;
mod search;
mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use sitzung::store::{DEFAULT_DIR, Store, StoreError, WritableStore};

/// Sitzungen von Kreistag, Gemeindevertretung und Ausschüssen protokollieren und veröffentlichen.
#[derive(Debug, Parser)]
#[command(name = "sitzung", version, about)]
struct Cli {
    /// Ordner mit den Sitzungsdateien
    #[arg(long, global = true, env = "SITZUNG_DIR", default_value = DEFAULT_DIR)]
    dir: PathBuf,

    /// Nichts schreiben, nirgends (auch SITZUNG_READ_ONLY=1, z. B. als SSH-Zwangsbefehl)
    #[arg(long, global = true)]
    read_only: bool,

    /// Ohne Befehl: Sitzung aus dem Ordner wählen (oder neu anlegen) und aufzeichnen
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    Browse(browse::Args),
    Record(record::Args),
    New(new::Args),
    Render(render::Args),
    Check(check::Args),
    List(list::Args),
    Recover(recover::Args),
    Search(search::Args),
    Index(index::Args),
    Speakers(stats::SpeakersArgs),
    Display(display::Args),
    Attendance(stats::AttendanceArgs),
    Status(life::StatusArgs),
    Sign(life::SignArgs),
    Approve(life::ApproveArgs),
    Publish(life::PublishArgs),
    Correct(life::CorrectArgs),
    Layout(layout::Args),
    Import(oparl::ImportArgs),
    Export(oparl::ExportArgs),
}

/// A date as the user types it, with a German message when it is not one.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("kein gültiges Datum (JJJJ-MM-TT): {s}"))
}

/// What a command reports back: success, or a failure already explained to the user.
pub enum Exit {
    Ok,
    Failed,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let env_read_only = std::env::var("SITZUNG_READ_ONLY").is_ok_and(|v| !v.is_empty() && v != "0");
    let read_only = cli.read_only || env_read_only;
    // Read only, the program holds no handle that can write: the commands that would write
    // are refused here, and the others are given only the reading `Store`.
    let writable = (!read_only).then(|| WritableStore::new(&cli.dir));
    // Read only, only the archive can be read (an SSH account must not read other files);
    // else a session file given by its path works wherever it lies.
    let store = match &writable {
        Some(w) => (**w).clone(),
        None => Store::new(&cli.dir),
    };
    let refused = || -> anyhow::Result<Exit> {
        Err(StoreError::ReadOnly {
            path: cli.dir.clone(),
        }
        .into())
    };
    let result = match (cli.command, &writable) {
        (None, None) => browse::run(&store, browse::Args::default()),
        (None, Some(w)) => record::pick(w),
        (Some(Command::Browse(args)), _) => browse::run(&store, args),
        (Some(Command::Record(args)), None) => record::run_read_only(&store, args),
        (Some(Command::Record(args)), Some(w)) => record::run(w, args),
        (Some(Command::New(args)), Some(w)) => new::run(w, args),
        (Some(Command::Render(args)), w) => render::run(&store, w.as_ref(), args),
        (Some(Command::Check(args)), _) => check::run(&store, args),
        (Some(Command::Speakers(args)), _) => stats::speakers(&store, args),
        (Some(Command::Display(args)), _) => display::run(&store, args),
        (Some(Command::Attendance(args)), _) => stats::attendance(&store, args),
        (Some(Command::List(args)), _) => list::run(&store, args),
        (Some(Command::Recover(args)), Some(w)) => recover::run(w, args),
        (Some(Command::Search(args)), _) => search::run(&store, args),
        (Some(Command::Index(args)), Some(w)) => index::run(w, args),
        (Some(Command::Status(args)), _) => life::status(&store, args),
        (Some(Command::Sign(args)), Some(w)) => life::sign(w, args),
        (Some(Command::Approve(args)), Some(w)) => life::approve(w, args),
        (Some(Command::Publish(args)), Some(w)) => life::publish(w, args),
        (Some(Command::Correct(args)), Some(w)) => life::correct(w, args),
        (Some(Command::Layout(args)), _) => layout::run(&store, args),
        (Some(Command::Import(args)), Some(w)) => oparl::import(w, args),
        (Some(Command::Export(args)), w) => oparl::export(&store, w.as_ref(), args),
        (
            Some(
                Command::New(_)
                | Command::Recover(_)
                | Command::Index(_)
                | Command::Sign(_)
                | Command::Approve(_)
                | Command::Publish(_)
                | Command::Correct(_)
                | Command::Import(_),
            ),
            None,
        ) => refused(),
    };
    match result {
        Ok(Exit::Ok) => ExitCode::SUCCESS,
        Ok(Exit::Failed) => ExitCode::FAILURE,
        // A reader that stopped early (`sitzung search … | head`) is no error to report; the
        // status is the one a process killed by SIGPIPE has, as grep's would be.
        Err(e) if broken_pipe(&e) => ExitCode::from(141),
        Err(e) => {
            warn!("sitzung: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = match cause.downcast_ref::<serde_json::Error>() {
            Some(json) => json.io_error_kind(),
            None => cause.downcast_ref::<std::io::Error>().map(|io| io.kind()),
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
