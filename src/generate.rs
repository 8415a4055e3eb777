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
const TOPICS: [&str; 24] = [
    "Sanierung der Sporthalle",
    "Bebauungsplan Mühlenweg",
    "Straßenausbau Birkenweg",
    "Zuschuss für den Sportverein",
    "Radweg an der Kreisstraße",
    "Erweiterung der Kindertagesstätte",
    "Beschaffung eines Feuerwehrfahrzeugs",
    "Straßenbeleuchtung im Neubaugebiet",
    "Haushaltssatzung und Haushaltsplan",
    "Jahresabschluss der Gemeindewerke",
    "Friedhofsgebührensatzung",
    "Breitbandausbau in den Ortsteilen",
    "Neugestaltung des Dorfplatzes",
    "Sanierung der Grundschule",
    "Hochwasserschutz am Mühlenbach",
    "Verkehrsberuhigung Schulstraße",
    "Pflege der Grünflächen",
    "Anschaffung eines Bauhoffahrzeugs",
    "Wohnraumkonzept der Gemeinde",
    "Umbau des Feuerwehrgerätehauses",
    "Zuschuss für die Bücherei",
    "Photovoltaik auf kommunalen Dächern",
    "Winterdienst auf Gemeindestraßen",
    "Partnerschaft mit der Gemeinde Nordby",
];
const SAYINGS: [&str; 12] = [
    "erläutert, dass die Kosten nach der aktuellen Schätzung im Rahmen des Haushaltsansatzes lägen.",
    "fragt, ob Fördermittel des Landes beantragt worden seien und wann mit einem Bescheid zu rechnen sei.",
    "gibt zu bedenken, dass die Anwohner frühzeitig beteiligt werden sollten.",
    "spricht sich für die Vorlage aus, da die Maßnahme seit Jahren überfällig sei.",
    "bittet darum, im nächsten Ausschuss über den Stand der Ausschreibung zu berichten.",
    "weist darauf hin, dass der Zeitplan wegen der Lieferzeiten knapp bemessen sei.",
    "regt an, die Kosten auf mehrere Haushaltsjahre zu verteilen.",
    "stellt klar, dass die Verwaltung die Angebote sorgfältig geprüft habe.",
    "fragt nach den Folgekosten für Unterhaltung und Betrieb.",
    "berichtet, dass der Kreis seine Zustimmung signalisiert habe.",
    "kritisiert, dass die Unterlagen zu spät versandt worden seien.",
    "schlägt vor, einen Ortstermin mit den Betroffenen zu vereinbaren.",
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
        // A session deals with a few topics of its own, as real ones do: any one topic stands in
        // about a quarter of an archive's sessions.
        let topic = TOPICS[(seed * 5 + i % 6) % TOPICS.len()];
        let mut item = AgendaItem::new(&(i + 1).to_string(), &format!("{topic} ({})", i + 1));
        item.proposal = Some(format!(
            "Der Ausschuss empfiehlt: {topic} wie vorgelegt umzusetzen."
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
        // Each session uses four of the sayings, so a phrase stands in about a third of them.
        let saying = SAYINGS[(seed + n % 4) % SAYINGS.len()];
        let mut p = Paragraph::by(&speaker, saying);
        p.at = Time::hm(19 + (n / 60 % 4) as u32, (n % 60) as u32);
        item.minutes.push(p);
    }
    s
}

/// Writes `count` plausible sessions of different bodies and years into `dir` (for benchmarks).
pub fn archive(dir: &std::path::Path, count: usize) -> std::io::Result<()> {
    const BODIES: [&str; 5] = [
        "Bauausschuss der Gemeinde Lindenholz",
        "Gemeindevertretung Lindenholz",
        "Hauptausschuss der Gemeinde Lindenholz",
        "Ausschuss für Schule, Kultur und Sport",
        "Finanzausschuss der Gemeinde Lindenholz",
    ];
    for n in 0..count {
        let mut s = session(12 + n % 8, 120 + n % 60, n);
        s.body = BODIES[n % BODIES.len()].to_string();
        let path = dir.join(format!("{}_{n:04}.ron", s.date.format("%Y-%m-%d")));
        std::fs::write(path, crate::store::to_ron(&s))?;
    }
    Ok(())
}
