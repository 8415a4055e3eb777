//! `sitzung journal-torture FILE N` (hidden): applies a long scripted sequence of actions
//! through the real store and prints `saved K` after each one is durable. The kill test runs it
//! and kills it with SIGKILL at random moments.

use std::io::Write;
use std::path::PathBuf;

use sitzung::domain::{Action, Paragraph};
use sitzung::store::Recorder;

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    file: PathBuf,
    count: usize,
    /// Write a snapshot after every this many actions
    #[arg(long, default_value_t = 25)]
    snapshot_every: usize,
}

/// The `n`-th action of the script (the same for the writer and for the test checking it).
pub fn scripted(n: usize) -> Action {
    let text = format!("Absatz {n}: sagt, dass es „so“ sei,\nmit Umbruch.");
    Action::AppendMinute {
        item: "1".into(),
        paragraph: Paragraph::plain(&text),
    }
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut opened = Recorder::open(&args.file)?;
    let start: usize = opened.session.agenda.first().map_or(0, |i| i.minutes.len());
    let mut out = std::io::stdout().lock();
    for n in start..args.count {
        let action = scripted(n);
        opened.session.apply(action.clone())?;
        opened.recorder.record(std::slice::from_ref(&action))?;
        if (n + 1) % args.snapshot_every == 0 {
            opened.recorder.snapshot(&opened.session)?;
        }
        writeln!(out, "saved {}", n + 1)?;
        out.flush()?;
    }
    Ok(Outcome::Ok)
}
