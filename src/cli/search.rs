//! `sitzung search`: hits across the archive, grep-like or as JSON lines.

use std::io::{IsTerminal, Write};

use chrono::NaiveDate;

use sitzung::archive::{Hit, Query, Search};
use sitzung::domain::escaped;
use sitzung::store::Store;

use super::Exit;

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

pub fn run(store: &Store, args: Args) -> anyhow::Result<Exit> {
    let mut query = Query::parse(&args.query.join(" "))?;
    query.body = args.body;
    query.from = args.from;
    query.to = args.to;
    query.speaker = args.speaker.or(query.speaker);
    query.internal = args.internal;
    let colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut search = Search::new(store.dir(), &query)?;
    // Broken files are skipped with the warning `list` gives, before the first hit (or, for a
    // file found changed on the way, at the end).
    for skipped in &search.skipped {
        warn!("Warnung: übersprungen: {skipped}");
    }
    let warned = search.skipped.len();
    if let Some(problem) = &search.index_problem {
        warn!("Hinweis: {problem}; es wird ohne Index gesucht");
    }
    // Each hit is written as it comes (newest first): `| head -1` does not wait for the rest.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let mut found = false;
    let mut lines = Vec::with_capacity(512);
    for hit in search.by_ref() {
        let first = !found;
        found = true;
        lines.clear();
        if args.json {
            serde_json::to_writer(&mut lines, &hit)?;
            json_safe(&mut lines);
            lines.push(b'\n');
        } else {
            grep_line(&mut lines, &hit.path.display().to_string(), &hit, colour)?;
        }
        out.write_all(&lines)?;
        // A reader waiting at a terminal or a pipe sees the first hit at once.
        if first {
            out.flush()?;
        }
    }
    out.flush()?;
    for skipped in &search.skipped[warned..] {
        warn!("Warnung: übersprungen: {skipped}");
    }
    // Told the same whatever was searched for (see `Search::unreported`).
    match search.unreported {
        0 => {}
        1 => warn!(
            "Hinweis: 1 Datei ohne Index durchsucht; ob sie lesbar ist, sagt sitzung list (sitzung index macht die Suche schneller)"
        ),
        n => warn!(
            "Hinweis: {n} Dateien ohne Index durchsucht; unlesbare darunter nennt sitzung list (sitzung index macht die Suche schneller)"
        ),
    }
    // grep's convention: 1 when nothing was found.
    Ok(if found { Exit::Ok } else { Exit::Failed })
}

/// `sessions/2024-03-14_bauausschuss.ron:7:Absatz 3: Frau Okafor fragt, ob …`
fn grep_line(out: &mut impl Write, path: &str, hit: &Hit, colour: bool) -> std::io::Result<()> {
    // No byte of a file (its name, a hand-edited text) may drive the terminal.
    for part in [&*escaped(path), ":", &*escaped(&hit.item), ":"] {
        out.write_all(part.as_bytes())?;
    }
    write!(out, "{}: ", hit.place.label())?;
    let mut at = 0;
    // `Query::matches` gives them in order, overlaps merged; anything else is skipped.
    for &(start, end) in &hit.ranges {
        if start < at || end > hit.text.len() {
            continue;
        }
        plain(out, &hit.text[at..start])?;
        if colour {
            out.write_all(b"\x1b[1;31m")?;
            plain(out, &hit.text[start..end])?;
            out.write_all(b"\x1b[0m")?;
        } else {
            plain(out, &hit.text[start..end])?;
        }
        at = end;
    }
    plain(out, &hit.text[at..])?;
    out.write_all(b"\n")
}

/// Text on one line: a paragraph's line breaks become spaces.
fn plain(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b" ")?;
        }
        out.write_all(escaped(line).as_bytes())?;
    }
    Ok(())
}

/// JSON escapes C0 controls itself; C1 controls and bidirectional overrides (which a terminal
/// may act on too) are written as `\u009b` here, still valid JSON.
fn json_safe(json: &mut Vec<u8>) {
    let Ok(text) = std::str::from_utf8(json) else {
        return;
    };
    if escaped(text) == text {
        return;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c.encode_utf8(&mut [0; 4])).len() > c.len_utf8() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    *json = out.into_bytes();
}
