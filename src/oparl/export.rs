//! A session's results as OParl 1.1: the Meeting with its AgendaItems embedded, with the
//! results in the words information systems use ("einstimmig beschlossen (Ja: 9, Nein: 0,
//! Enthaltungen: 0)"), and what OParl has no field for (the full counts, the votes by name, the
//! attendance times) under the vendor prefix `sitzung:` (OParl 1.1, "Herstellerspezifische
//! Erweiterungen"). The public export is made from the public view: nothing of closed items.

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

use crate::domain::vote::{Summary, evaluate};
use crate::domain::{AgendaItem, Outcome, Session, Time};
use crate::render::german;

/// Where the ids of the exported objects point: `{base}/meeting/{stem}` …
pub struct Target<'a> {
    pub base: &'a str,
    /// The session's file name without `.ron`.
    pub stem: &'a str,
    /// The rendered documents the protocols point to, relative to `base`: "files/…".
    pub verbatim: Option<&'a str>,
    pub results: Option<&'a str>,
}

/// UTC offset of German local time on `date` (CET, CEST from the last Sunday of March to the
/// last Sunday of October).
fn offset(date: NaiveDate) -> &'static str {
    let last_sunday = |month: u32| {
        let mut d = NaiveDate::from_ymd_opt(date.year(), month, 31).unwrap_or(date);
        while d.weekday() != chrono::Weekday::Sun {
            d = d.pred_opt().unwrap_or(d);
        }
        d
    };
    if date >= last_sunday(3) && date < last_sunday(10) {
        "+02:00"
    } else {
        "+01:00"
    }
}

fn date_time(date: NaiveDate, t: Time) -> String {
    format!(
        "{}T{}:00{}",
        date.format("%Y-%m-%d"),
        t.hhmm(),
        offset(date)
    )
}

/// "einstimmig beschlossen (Ja: 9, Nein: 0, Enthaltungen: 0)", "zur Kenntnis genommen".
pub fn result(s: &Session, item: &AgendaItem) -> Option<String> {
    let outcome = item.outcome?;
    let vote = item.decisive_motion().and_then(|m| m.vote);
    let counts = vote.map(|v| {
        format!(
            " (Ja: {}, Nein: {}, Enthaltungen: {})",
            v.yes, v.no, v.abstain
        )
    });
    let summary = item.decisive_motion().and_then(|m| {
        let v = m.vote?;
        Some(evaluate(&v, m.majority, s.basis(Some(item), v.at)).summary)
    });
    let how = |passed: &str| match summary {
        Some(Summary::Einstimmig { .. } | Summary::EinstimmigAbgelehnt { .. }) => {
            format!("einstimmig {passed}")
        }
        Some(_) => format!("mehrheitlich {passed}"),
        None => passed.to_string(),
    };
    let words = match outcome {
        Outcome::Beschlossen | Outcome::UngeaendertBeschlossen => how("beschlossen"),
        Outcome::GeaendertBeschlossen => format!("geändert {}", how("beschlossen")),
        Outcome::Abgelehnt => how("abgelehnt"),
        other => german::outcome(other).to_string(),
    };
    Some(format!("{words}{}", counts.unwrap_or_default()))
}

fn file(base: &str, path: &str, name: &str) -> Value {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let mime = match file_name.rsplit('.').next() {
        Some("pdf") => "application/pdf",
        Some("html") => "text/html",
        Some("md") => "text/markdown",
        _ => "text/plain",
    };
    json!({
        "id": format!("{base}/{path}"),
        "type": "https://schema.oparl.org/1.1/File",
        "name": name,
        "fileName": file_name,
        "mimeType": mime,
        "accessUrl": format!("{base}/{path}"),
    })
}

/// The session as an OParl Meeting (`session` is the edition to export: the public view for
/// the public).
pub fn meeting(s: &Session, t: &Target) -> Value {
    let base = t.base.trim_end_matches('/');
    let meeting_id = format!("{base}/meeting/{}", t.stem);
    let person_url = |id: &str| format!("{base}/person/{id}");
    let name = match &s.number {
        Some(n) => format!("{n}. Sitzung {}", german::body_genitive(&s.body)),
        None => format!("Sitzung {}", german::body_genitive(&s.body)),
    };
    let mut m = json!({
        "id": meeting_id,
        "type": "https://schema.oparl.org/1.1/Meeting",
        "name": name,
        "organization": [format!("{base}/organization/{}", crate::domain::slug(&s.body).unwrap_or_else(|| "gremium".into()))],
    });
    let start = s.start.or(s.planned_start);
    if let Some(t0) = start {
        m["start"] = json!(date_time(s.date, t0));
    }
    if let Some(t1) = s.end {
        m["end"] = json!(date_time(s.date, t1));
    }
    if s.start.is_some() && s.end.is_some() {
        m["meetingState"] = json!("durchgeführt");
    }
    if let Some(place) = &s.place {
        m["location"] = json!({
            "id": format!("{base}/location/{}", t.stem),
            "type": "https://schema.oparl.org/1.1/Location",
            "description": place,
        });
    }
    let present: Vec<&crate::domain::Person> = s
        .persons
        .iter()
        .filter(|p| p.presence == crate::domain::Presence::Anwesend)
        .collect();
    m["participant"] = json!(
        present
            .iter()
            .map(|p| person_url(&p.id))
            .collect::<Vec<_>>()
    );
    if let Some(v) = t.verbatim {
        m["verbatimProtocol"] = file(base, v, "Niederschrift");
    }
    if let Some(r) = t.results {
        m["resultsProtocol"] = file(base, r, "Beschlussprotokoll");
    }
    // One id per item: numbers whose slugs meet ("1" and "1)") get a suffix.
    let mut ids: Vec<String> = Vec::new();
    for (order, item) in s.agenda.iter().enumerate() {
        let slug = crate::domain::slug(&item.number).unwrap_or_else(|| order.to_string());
        let mut id = slug.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{slug}-{n}");
            n += 1;
        }
        ids.push(id);
    }
    let items: Vec<Value> = s
        .agenda
        .iter()
        .enumerate()
        .map(|(order, item)| {
            let mut a = json!({
                "id": format!("{base}/agendaitem/{}/{}", t.stem, ids[order]),
                "type": "https://schema.oparl.org/1.1/AgendaItem",
                "meeting": meeting_id,
                "number": item.number,
                "order": order,
                "name": item.title,
                "public": !s.is_closed(item),
            });
            if let Some(r) = result(s, item) {
                a["result"] = json!(r);
            }
            if let Some(text) = item
                .resolution_text()
                .filter(|_| item.outcome.is_some_and(|o| o.is_passed()))
            {
                a["resolutionText"] = json!(text);
            }
            if let Some(t0) = item.started {
                a["start"] = json!(date_time(s.date, t0));
            }
            if let Some(t1) = item.ended {
                a["end"] = json!(date_time(s.date, t1));
            }
            // What OParl has no field for: every vote with its counts and names.
            let votes: Vec<Value> = item
                .motions
                .iter()
                .filter_map(|mo| {
                    let v = mo.vote?;
                    let mut names = serde_json::Map::new();
                    for n in &mo.ballot.names {
                        names.insert(
                            person_url(&n.person),
                            json!(format!("{:?}", n.answer).to_lowercase()),
                        );
                    }
                    Some(json!({
                        "motion": german::motion_caption(s, item, mo).trim_end_matches(':'),
                        "yes": v.yes, "no": v.no, "abstain": v.abstain,
                        "majority": german::majority(mo.majority),
                        "ballot": format!("{:?}", mo.ballot.kind).to_lowercase(),
                        "votes": names,
                    }))
                })
                .collect();
            if !votes.is_empty() {
                a["sitzung:votes"] = json!(votes);
            }
            if let Some(v) = &item.vorlage {
                a["sitzung:paper"] =
                    json!({"reference": v.number, "name": v.title, "paperType": v.kind});
            }
            a
        })
        .collect();
    m["agendaItem"] = json!(items);
    m["sitzung:attendance"] = json!(
        s.persons
            .iter()
            .map(|p| json!({
                "person": person_url(&p.id),
                "name": german::listed_name(p),
                "presence": format!("{:?}", p.presence).to_lowercase(),
                "arrived": p.arrived.map(|t| t.hhmm()),
                "left": p.left.map(|t| t.hhmm()),
                "votingRight": p.kind == crate::domain::PersonKind::Mitglied,
                "fraktion": p.fraktion,
            }))
            .collect::<Vec<_>>()
    );
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_carry_the_german_offset() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        assert_eq!(offset(d(3, 14)), "+01:00");
        assert_eq!(offset(d(3, 31)), "+02:00");
        assert_eq!(offset(d(6, 20)), "+02:00");
        assert_eq!(offset(d(10, 27)), "+01:00");
        assert_eq!(
            date_time(d(6, 20), Time::hm(19, 5).unwrap()),
            "2024-06-20T19:05:00+02:00"
        );
    }
}
