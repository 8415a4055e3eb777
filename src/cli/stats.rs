//! `sitzung speakers` and `sitzung attendance`: speaking times and attendance of one session,
//! as a table or as CSV (for the press office and the payroll). The public edition by default:
//! nothing of a closed item, nobody who was there only for one.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::ValueEnum;

use sitzung::domain::statistics::minutes_seconds;
use sitzung::domain::{Person, Presence, Session};
use sitzung::render::german;
use sitzung::store::{self, Store};

use super::Exit;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum EditionArg {
    Public,
    Internal,
}

/// Redezeiten einer Sitzung: je Redner/in, Fraktion und TOP (mit --csv jeder Redebeitrag)
#[derive(Debug, clap::Args)]
pub struct SpeakersArgs {
    /// Sitzungsdatei
    file: PathBuf,
    /// Jeder Redebeitrag als CSV: Redner/in, Fraktion, TOP, Art, Beginn, Dauer in Sekunden
    #[arg(long)]
    csv: bool,
    /// public lässt nichtöffentliche TOPs ganz weg
    #[arg(long, value_enum, default_value_t = EditionArg::Public)]
    edition: EditionArg,
}

/// Anwesenheit für das Sitzungsgeld: je Person Art, Fraktion, Zeiten und TOPs (mit --csv als CSV)
#[derive(Debug, clap::Args)]
pub struct AttendanceArgs {
    /// Sitzungsdatei
    file: PathBuf,
    /// Als CSV: Name, Art, Fraktion, Status, ab, bis, abwesend, TOPs
    #[arg(long)]
    csv: bool,
    /// public lässt nichtöffentliche TOPs und wer nur für sie da war weg
    #[arg(long, value_enum, default_value_t = EditionArg::Public)]
    edition: EditionArg,
}

fn session(store: &Store, file: &std::path::Path, edition: EditionArg) -> anyhow::Result<Session> {
    let path = store.resolve(file)?;
    let session = store::load_current(&path)?;
    Ok(match edition {
        EditionArg::Public => session.public_view(),
        EditionArg::Internal => session,
    })
}

fn name(s: &Session, id: &str) -> String {
    s.person(id)
        .map_or_else(|| id.to_string(), german::listed_name)
}

/// Writes `text` to standard output, escaped so that no file's text can drive the terminal.
fn out(text: &str) -> anyhow::Result<Exit> {
    std::io::stdout()
        .lock()
        .write_all(sitzung::domain::escaped(text).as_bytes())
        .context("Standardausgabe")?;
    Ok(Exit::Ok)
}

fn csv_text(rows: Vec<Vec<String>>) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(w.into_inner().context("CSV")?)?)
}

pub fn speakers(store: &Store, args: SpeakersArgs) -> anyhow::Result<Exit> {
    let s = session(store, &args.file, args.edition)?;
    if args.csv {
        let mut rows = vec![
            ["Redner/in", "Fraktion", "TOP", "Art", "Beginn", "Dauer (s)"]
                .map(String::from)
                .to_vec(),
        ];
        for r in s.turns() {
            rows.push(vec![
                name(&s, &r.person),
                r.fraktion.clone().unwrap_or_default(),
                r.item.clone(),
                german::request_kind(r.kind).to_string(),
                r.start.to_string(),
                r.seconds.map(|n| n.to_string()).unwrap_or_default(),
            ]);
        }
        return out(&csv_text(rows)?);
    }
    let mut text = String::new();
    let table =
        |title: &str, totals: Vec<sitzung::domain::statistics::Total>, text: &mut String| {
            text.push_str(&format!("{title}\n"));
            for t in totals {
                let word = if t.turns == 1 {
                    "Beitrag "
                } else {
                    "Beiträge"
                };
                text.push_str(&format!(
                    "  {:<40} {:>3} {word} {:>8}\n",
                    t.key,
                    t.turns,
                    minutes_seconds(t.seconds)
                ));
            }
            text.push('\n');
        };
    if s.turns().is_empty() {
        text.push_str("Keine Redebeiträge festgehalten.\n");
        return out(&text);
    }
    table(
        "Je Redner/in",
        s.totals(None, |r| name(&s, &r.person)),
        &mut text,
    );
    // Staff and guests are grouped by what they are: "Verwaltung", "Gast".
    let group = |r: &sitzung::domain::statistics::TurnRow| {
        r.fraktion.clone().unwrap_or_else(|| {
            s.person(&r.person)
                .map_or("ohne Fraktion", |p| german::person_kind(p.kind))
                .to_string()
        })
    };
    table("Je Fraktion", s.totals(None, group), &mut text);
    table(
        "Je TOP",
        s.totals(None, |r| format!("TOP {}", r.item)),
        &mut text,
    );
    out(&text)
}

fn status(p: &Person) -> &'static str {
    match p.presence {
        Presence::Anwesend => "anwesend",
        Presence::Entschuldigt => "entschuldigt",
        Presence::Fehlend => "fehlt",
    }
}

pub fn attendance(store: &Store, args: AttendanceArgs) -> anyhow::Result<Exit> {
    let s = session(store, &args.file, args.edition)?;
    let mut rows = vec![
        [
            "Name", "Art", "Fraktion", "Status", "ab", "bis", "abwesend", "TOPs",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for r in s.attendance_rows() {
        let Some(p) = s.person(&r.person) else {
            continue;
        };
        rows.push(vec![
            german::listed_name(p),
            german::person_kind(r.kind).to_string(),
            r.fraktion.clone().unwrap_or_default(),
            status(p).to_string(),
            r.arrived.map(|t| t.hhmm()).unwrap_or_default(),
            r.left.map(|t| t.hhmm()).unwrap_or_default(),
            r.away
                .iter()
                .map(|(a, b)| format!("{}–{}", a.hhmm(), b.hhmm()))
                .collect::<Vec<_>>()
                .join(" "),
            r.items.join(" "),
        ]);
    }
    if args.csv {
        return out(&csv_text(rows)?);
    }
    let mut text = format!("{} · {}\n\n", s.body, german::date(s.date));
    for row in rows.iter().skip(1) {
        let times = [&row[4], &row[5]]
            .iter()
            .zip(["ab ", "bis "])
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, w)| format!("{w}{t}"))
            .collect::<Vec<_>>()
            .join(" ");
        text.push_str(&format!(
            "{:<32} {:<12} {:<12} {:<12} {:<14} {}\n",
            row[0],
            row[2],
            row[1],
            row[3],
            times,
            if row[7].is_empty() {
                "—".to_string()
            } else {
                format!("TOP {}", row[7])
            }
        ));
    }
    out(&text)
}
