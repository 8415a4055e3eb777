//! `journal_torture FILE N [--snapshot-every K]`: applies a long scripted sequence of actions
//! through the real store and prints `saved K` after each one is durable. The kill test runs it
//! and kills it with SIGKILL at random moments; the end-to-end test uses it as a second
//! process that writes. A test tool, not part of the program (`cargo test` builds it).

use std::io::Write;
use std::path::PathBuf;

use sitzung::domain::{Action, Paragraph};
use sitzung::store::Recorder;

/// The `n`-th action of the script (the tests check for its text).
fn scripted(n: usize) -> Action {
    let text = format!("Absatz {n}: sagt, dass es „so“ sei,\nmit Umbruch.");
    Action::AppendMinute {
        item: "1".into(),
        paragraph: Paragraph::plain(&text),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "journal_torture FILE N [--snapshot-every K]";
    let file = PathBuf::from(args.first().ok_or(usage)?);
    let count: usize = args.get(1).ok_or(usage)?.parse()?;
    let snapshot_every: usize = match args.get(2).map(String::as_str) {
        Some("--snapshot-every") => args.get(3).ok_or(usage)?.parse()?,
        _ => 25,
    };
    let mut opened = Recorder::open(&file)?;
    let start: usize = opened.session.agenda.first().map_or(0, |i| i.minutes.len());
    let mut out = std::io::stdout().lock();
    for n in start..count {
        let action = scripted(n);
        opened.session.apply(action.clone())?;
        opened.recorder.record(std::slice::from_ref(&action))?;
        if (n + 1) % snapshot_every == 0 {
            opened.recorder.snapshot(&opened.session)?;
        }
        writeln!(out, "saved {}", n + 1)?;
        out.flush()?;
    }
    Ok(())
}
