//! `sitzung search`: hits across the archive, grep-like or as JSON lines.

use std::io::{IsTerminal, Write};

use chrono::NaiveDate;

use sitzung::search::{Hit, Place, Query, search_archive};
use sitzung::store::Store;

use super::Outcome;

/// Archiv durchsuchen: „strasse“ findet „Straße“, "Phrase in Anführungszeichen", --speaker
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Suchwörter (alle müssen im selben Absatz stehen); "so eine Phrase" in Anführungszeichen
    query: Vec<String>,
    /// Nur Sitzungen dieses Gremiums (Teil des Namens genügt)
    #[arg(long)]
    body: Option<String>,
    /// Nur Sitzungen ab diesem Tag (JJJJ-MM-TT)
    #[arg(long, value_parser = super::parse_date)]
    from: Option<NaiveDate>,
    /// Nur Sitzungen bis zu diesem Tag (JJJJ-MM-TT)
    #[arg(long, value_parser = super::parse_date)]
    to: Option<NaiveDate>,
    /// Nur was diese Person gesagt hat, z. B. "Frau Okafor"
    #[arg(long)]
    speaker: Option<String>,
    /// Auch nichtöffentliche TOPs durchsuchen
    #[arg(long)]
    internal: bool,
    /// Eine JSON-Zeile je Treffer
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Outcome> {
    let mut query = Query::parse(&args.query.join(" "))?;
    query.body = args.body;
    query.from = args.from;
    query.to = args.to;
    query.speaker = args.speaker;
    query.internal = args.internal;
    let hits = search_archive(store.dir(), &query)?;
    let colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = std::io::stdout().lock();
    for hit in &hits {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(hit)?)?;
        } else {
            writeln!(out, "{}", grep_line(hit, colour))?;
        }
    }
    // grep's convention: 1 when nothing was found.
    Ok(if hits.is_empty() {
        Outcome::Failed
    } else {
        Outcome::Ok
    })
}

/// `sessions/2024-03-14_bauausschuss.ron:7:Absatz 3: Frau Okafor fragt, ob …`
fn grep_line(hit: &Hit, colour: bool) -> String {
    let place = match hit.place {
        Place::Titel => "Titel".to_string(),
        Place::Absatz(n) => format!("Absatz {n}"),
        Place::Beschlussvorschlag => "Beschlussvorschlag".to_string(),
    };
    let mut text = String::new();
    let mut at = 0;
    for &(start, end) in &hit.ranges {
        if start < at {
            continue;
        }
        text.push_str(&hit.text[at..start]);
        if colour {
            text.push_str(&format!("\x1b[1;31m{}\x1b[0m", &hit.text[start..end]));
        } else {
            text.push_str(&hit.text[start..end]);
        }
        at = end;
    }
    text.push_str(&hit.text[at..]);
    format!(
        "{}:{}:{place}: {}",
        hit.path.display(),
        hit.item,
        text.replace('\n', " ")
    )
}
