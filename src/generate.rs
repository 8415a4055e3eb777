//! Plausible invented sessions of any size, for benchmarks and load tests (never committed data).

use chrono::NaiveDate;

use crate::domain::{
    AgendaItem, Motion, Outcome, Paragraph, Person, PersonKind, Salutation, Session, Time, Vote,
};

const FAMILY: [&str; 12] = [
    "Ahrens",
    "Brandt",
    "Claußen",
    "Dahl",
    "Ehlers",
    "Feddersen",
    "Grote",
    "Hansen",
    "Jessen",
    "Kruse",
    "Lorenzen",
    "Möller",
];
const GIVEN: [&str; 6] = ["Anna", "Jan", "Birte", "Ole", "Svenja", "Hauke"];
const FRAKTIONEN: [&str; 4] = ["CDU", "SPD", "Grüne", "FDP"];
const TOPICS: [&str; 8] = [
    "Sanierung der Sporthalle",
    "Bebauungsplan Mühlenweg",
    "Straßenausbau Birkenweg",
    "Zuschuss für den Sportverein",
    "Radweg an der Kreisstraße",
    "Erweiterung der Kindertagesstätte",
    "Beschaffung eines Feuerwehrfahrzeugs",
    "Straßenbeleuchtung im Neubaugebiet",
];
const SAYINGS: [&str; 5] = [
    "erläutert, dass die Kosten nach der aktuellen Schätzung im Rahmen des Haushaltsansatzes lägen.",
    "fragt, ob Fördermittel des Landes beantragt worden seien und wann mit einem Bescheid zu rechnen sei.",
    "gibt zu bedenken, dass die Anwohner frühzeitig beteiligt werden sollten.",
    "spricht sich für die Vorlage aus, da die Maßnahme seit Jahren überfällig sei.",
    "bittet darum, im nächsten Ausschuss über den Stand der Ausschreibung zu berichten.",
];

/// A session of `items` agenda items with `paragraphs` minutes paragraphs spread over them,
/// 15 members and two staff; every item decided by a vote.
pub fn session(items: usize, paragraphs: usize, seed: usize) -> Session {
    let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
        + chrono::Days::new((seed * 7 % 2500) as u64);
    let mut s = Session::new("Bauausschuss der Gemeinde Lindenholz", date);
    s.start = Time::hm(19, 0);
    for i in 0..15 {
        let mut p = Person::member(
            &format!("m{i}"),
            if i % 2 == 0 {
                Salutation::Frau
            } else {
                Salutation::Herr
            },
            GIVEN[(i + seed) % GIVEN.len()],
            FAMILY[(i * 5 + seed) % FAMILY.len()],
        );
        p.fraktion = Some(FRAKTIONEN[i % FRAKTIONEN.len()].to_string());
        s.persons.push(p);
    }
    let mut mayor = Person::member("bm", Salutation::Herr, "Hauke", "Jessen");
    mayor.kind = PersonKind::Verwaltung;
    mayor.role = Some("Der Bürgermeister".into());
    s.persons.push(mayor);
    for i in 0..items {
        let mut item = AgendaItem::new(
            &(i + 1).to_string(),
            &format!("{} {}", TOPICS[(i + seed) % TOPICS.len()], i + 1),
        );
        item.proposal = Some(format!(
            "Der Ausschuss empfiehlt, die Maßnahme {} umzusetzen.",
            i + 1
        ));
        item.motions.push(Motion {
            vote: Some(Vote::new(10, 3, 2)),
            ..Motion::default()
        });
        item.outcome = Some(Outcome::UngeaendertBeschlossen);
        s.agenda.push(item);
    }
    for n in 0..paragraphs {
        let Some(item) = s.agenda.get_mut(n % items.max(1)) else {
            break;
        };
        let speaker = if n % 4 == 3 {
            "bm".to_string()
        } else {
            format!("m{}", (n + seed) % 15)
        };
        let mut p = Paragraph::by(&speaker, SAYINGS[(n + seed) % SAYINGS.len()]);
        p.at = Time::hm(19 + (n / 60 % 4) as u32, (n % 60) as u32);
        item.minutes.push(p);
    }
    s
}
