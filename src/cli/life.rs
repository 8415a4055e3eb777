//! The minutes' life after the meeting: `sitzung status` shows where a Niederschrift stands;
//! `sign`, `approve`, `publish` and `correct` record each step with its date, through the same
//! lock, journal and domain rules as the recording screen (a signed record changes only by a
//! Berichtigung).

use std::path::PathBuf;

use sitzung::domain::life::{Approval, Correction, Stage};
use sitzung::domain::{Action, Session};
use sitzung::render::german;
use sitzung::store::{self, Store, WritableStore};

use super::{Exit, parse_date};

/// Wo die Niederschrift steht: Entwurf, unterschrieben, genehmigt, veröffentlicht
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Sitzungsdatei
    file: PathBuf,
}

/// Die Niederschrift unterschreiben (nach dem Ende der Sitzung)
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// Sitzungsdatei
    file: PathBuf,
    /// Wer unterschreibt (Kennung oder Nachname: „vossberg“)
    #[arg(long)]
    by: String,
    /// Datum der Unterschrift (JJJJ-MM-TT; ohne: heute)
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
}

/// Genehmigung oder Entscheidung über Einwendungen in einer späteren Sitzung festhalten
#[derive(Debug, clap::Args)]
pub struct ApproveArgs {
    /// Sitzungsdatei
    file: PathBuf,
    /// Die Sitzung, die entschieden hat („Sitzung vom 25.04.2024, TOP 3“)
    #[arg(long, required_unless_present = "from")]
    session: Option<String>,
    /// Die Sitzungsdatei der Sitzung, die entschieden hat: ihr TOP, der auf diese Niederschrift
    /// verweist, und ihr Datum werden eingetragen
    #[arg(long, conflicts_with = "session")]
    from: Option<PathBuf>,
    /// Erhobene Einwendungen und was beschlossen wurde (ohne: genehmigt wie vorgelegt)
    #[arg(long)]
    objections: Option<String>,
    /// Datum der Entscheidung (JJJJ-MM-TT; ohne: heute)
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
}

/// Die Veröffentlichung festhalten
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// Sitzungsdatei
    file: PathBuf,
    /// Datum (JJJJ-MM-TT; ohne: heute)
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
}

/// Eine Berichtigung der unterschriebenen Niederschrift (wird mit ihr gedruckt)
#[derive(Debug, clap::Args)]
pub struct CorrectArgs {
    /// Sitzungsdatei
    file: PathBuf,
    /// Der Text der Berichtigung („In TOP 4 muss es heißen: 12 Ja-Stimmen.“)
    text: String,
    /// Der TOP, den sie berichtigt
    #[arg(long)]
    item: Option<String>,
    /// Datum (JJJJ-MM-TT; ohne: heute)
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn name(s: &Session, id: &str) -> String {
    s.person(id)
        .map_or_else(|| id.to_string(), german::listed_name)
}

/// What `status` prints: the stage and every step with its date.
pub fn status_text(s: &Session) -> String {
    let stage = german::stage(s.stage());
    let mut out = format!(
        "{} · {}\nStand: {stage}\n",
        s.body,
        s.date.format("%d.%m.%Y")
    );
    for sig in &s.life.signatures {
        out.push_str(&format!(
            "unterschrieben: {} am {}\n",
            name(s, &sig.by),
            sig.date.format("%d.%m.%Y")
        ));
    }
    for id in s.missing_signatures() {
        out.push_str(&format!("fehlt: Unterschrift von {}\n", name(s, &id)));
    }
    let further = s.further_signatures_missing();
    if further > 0 && s.end.is_some() {
        out.push_str(&format!(
            "fehlt: Unterschrift von {} ({})\n",
            if further == 1 {
                "einem weiteren Mitglied".to_string()
            } else {
                format!("{further} weiteren Mitgliedern")
            },
            s.land.minutes_law().law
        ));
    }
    if s.end.is_none() {
        out.push_str("Die Sitzung ist nicht geschlossen.\n");
    }
    // What comes next, as the Land's code has it.
    let law = s.land.minutes_law();
    if s.stage() == Stage::Unterschrieben {
        use sitzung::domain::law::ApprovalRule;
        out.push_str(&match law.approval {
            ApprovalRule::Einwendungen => format!(
                "Nächster Schritt: Entscheidung über Einwendungen in der nächsten Sitzung ({}; sitzung approve)\n",
                law.law
            ),
            ApprovalRule::Genehmigung => format!(
                "Nächster Schritt: Genehmigung durch das Gremium in einer späteren Sitzung ({}; sitzung approve)\n",
                law.law
            ),
            ApprovalRule::Keine => format!(
                "Eine Genehmigung sieht {} nicht vor; Änderungswünsche gehen in die nächste Niederschrift (veröffentlichen: sitzung publish)\n",
                law.law
            ),
        });
    }
    if let Some(a) = &s.life.approval {
        let how = match &a.objections {
            Some(o) => format!("Einwendungen: {o}"),
            None => "ohne Einwendungen".to_string(),
        };
        out.push_str(&format!(
            "genehmigt am {} ({}; {how})\n",
            a.date.format("%d.%m.%Y"),
            a.session
        ));
    }
    if let Some(d) = s.life.published {
        out.push_str(&format!("veröffentlicht am {}\n", d.format("%d.%m.%Y")));
    }
    for c in &s.life.corrections {
        let item = c
            .item
            .as_deref()
            .map(|n| format!(" (TOP {n})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "Berichtigung vom {}{item}: {}\n",
            c.date.format("%d.%m.%Y"),
            c.text
        ));
    }
    out
}

pub fn status(store: &Store, args: StatusArgs) -> anyhow::Result<Exit> {
    let path = store.resolve(&args.file)?;
    let session = store::load_current(&path)?;
    print!("{}", status_text(&session));
    Ok(Exit::Ok)
}

/// Applies `make(session)` as one change through the recorder, and says what it did.
fn change(
    store: &WritableStore,
    file: &std::path::Path,
    make: impl FnOnce(&Session) -> Result<Action, String>,
) -> anyhow::Result<Exit> {
    let path = store.resolve(file)?;
    let mut opened = store.record(&path)?;
    let action = match make(&opened.session) {
        Ok(a) => a,
        Err(why) => {
            eprintln!("sitzung: {why}");
            return Ok(Exit::Failed);
        }
    };
    if let Err(e) = opened.session.apply_change(std::slice::from_ref(&action)) {
        eprintln!("sitzung: {e}");
        return Ok(Exit::Failed);
    }
    opened.recorder.record(std::slice::from_ref(&action))?;
    opened.recorder.snapshot(&opened.session)?;
    print!("{}", status_text(&opened.session));
    Ok(Exit::Ok)
}

/// A signer as typed: an id, or the name of exactly one person.
fn signer(s: &Session, typed: &str) -> Result<String, String> {
    if s.person(typed).is_some() {
        return Ok(typed.to_string());
    }
    match s.person_named(typed, |_| true)? {
        Some(p) => Ok(p.id.clone()),
        None => Err(format!("„{typed}“: niemand dieser Sitzung")),
    }
}

pub fn sign(store: &WritableStore, args: SignArgs) -> anyhow::Result<Exit> {
    let date = args.date.unwrap_or_else(today);
    change(store, &args.file, |s| {
        Ok(Action::Sign {
            by: signer(s, &args.by)?,
            date,
        })
    })
}

pub fn approve(store: &WritableStore, args: ApproveArgs) -> anyhow::Result<Exit> {
    let (session, date) = match (&args.from, args.session) {
        (Some(from), _) => {
            // The session that decided names this one in its approval item.
            let approved = store.resolve(&args.file)?;
            let stem = approved
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let deciding_path = store.resolve(from)?;
            if std::fs::canonicalize(&deciding_path).ok() == std::fs::canonicalize(&approved).ok() {
                anyhow::bail!("eine Sitzung genehmigt nicht ihre eigene Niederschrift");
            }
            let deciding = store::load_current(&deciding_path)?;
            let own = store::load_current(&approved)?;
            if deciding.date < own.date {
                anyhow::bail!(
                    "{}: die Sitzung vom {} liegt vor der vom {}",
                    from.display(),
                    german::date(deciding.date),
                    german::date(own.date)
                );
            }
            let Some((item, public)) = deciding.approval_item(&stem) else {
                anyhow::bail!(
                    "{}: kein TOP verweist auf die Niederschrift {stem} (approves: \"{stem}\" am TOP eintragen)",
                    from.display()
                );
            };
            // A closed item is not named: the approval is printed in the public edition.
            let top = if public {
                format!(", TOP {}", item.number)
            } else {
                String::new()
            };
            (
                format!(
                    "{}, Sitzung vom {}{top}",
                    deciding.body,
                    german::date(deciding.date)
                ),
                args.date.unwrap_or(deciding.date),
            )
        }
        (None, Some(session)) => (session, args.date.unwrap_or_else(today)),
        (None, None) => anyhow::bail!("--session oder --from angeben"),
    };
    let approval = Approval {
        date,
        session,
        objections: args.objections,
    };
    change(store, &args.file, |_| Ok(Action::Approve(approval)))
}

pub fn publish(store: &WritableStore, args: PublishArgs) -> anyhow::Result<Exit> {
    let date = args.date.unwrap_or_else(today);
    change(store, &args.file, |_| Ok(Action::Publish { date }))
}

pub fn correct(store: &WritableStore, args: CorrectArgs) -> anyhow::Result<Exit> {
    let correction = Correction {
        date: args.date.unwrap_or_else(today),
        item: args.item,
        text: args.text,
    };
    change(store, &args.file, |_| Ok(Action::Correct(correction)))
}
