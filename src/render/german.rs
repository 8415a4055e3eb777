//! German phrasing: how the protocol names persons, outcomes and votes.

use chrono::NaiveDate;

use crate::domain::{
    Event, EventKind, MotionKind, Outcome, Paragraph, Person, PersonKind, Salutation, Session,
    Summary, Time,
};

/// The exact string ALLRIS and SessionNet print for this outcome.
pub fn outcome(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Beschlossen => "beschlossen",
        Outcome::UngeaendertBeschlossen => "ungeändert beschlossen",
        Outcome::GeaendertBeschlossen => "geändert beschlossen",
        Outcome::Abgelehnt => "abgelehnt",
        Outcome::ZurKenntnisGenommen => "zur Kenntnis genommen",
        Outcome::Vertagt => "vertagt",
        Outcome::Zurueckgestellt => "zurückgestellt",
        Outcome::Verwiesen => "verwiesen",
        Outcome::Zurueckgezogen => "zurückgezogen",
        Outcome::Abgesetzt => "abgesetzt",
        Outcome::Erledigt => "erledigt",
    }
}

/// The name the protocol gives a kind of motion.
pub fn motion_kind(kind: MotionKind) -> &'static str {
    match kind {
        MotionKind::Beschlussvorschlag => "Beschlussvorschlag",
        MotionKind::Aenderungsantrag => "Änderungsantrag",
        MotionKind::Antrag => "Antrag",
        MotionKind::GoAntrag => "Antrag zur Geschäftsordnung",
        MotionKind::Wahl => "Wahl",
    }
}

/// "Änderungsantrag von Herrn Lindqvist: Die Ausschreibung erfolgt in zwei Losen."; the vote on
/// an amended Beschlussvorschlag (or one with an adopted amendment) is "Geänderter
/// Beschlussvorschlag".
pub fn motion_caption(
    s: &Session,
    item: &crate::domain::AgendaItem,
    m: &crate::domain::Motion,
) -> String {
    let kind = match m.kind {
        MotionKind::Beschlussvorschlag if s.proposal_changed(item) => {
            "Geänderter Beschlussvorschlag".to_string()
        }
        MotionKind::GoAntrag if m.go.is_some() => format!(
            "Antrag zur Geschäftsordnung auf {}",
            m.go.map(go_kind).unwrap_or_default()
        ),
        kind => motion_kind(kind).to_string(),
    };
    let by = match m.mover.as_deref() {
        Some(id) => match s.person(id) {
            Some(p) => format!(" {}", von(&[dative(p)])),
            None => format!(" ({id})"),
        },
        None => String::new(),
    };
    // The item a motion on the agenda is about, by its number and title as they are now (the
    // public view has dropped it where that item is closed).
    if let Some(about) = m.about.as_deref().filter(|n| s.item(n).is_some()) {
        return format!("{kind}{by}: {}", top_titled(s, about));
    }
    if m.text.trim().is_empty() {
        format!("{kind}{by}:")
    } else {
        format!("{kind}{by}: {}", m.text.trim())
    }
}

/// What a procedural motion asks for: "Vertagung", "Schluss der Debatte".
pub fn go_kind(go: crate::domain::GoKind) -> &'static str {
    use crate::domain::GoKind as G;
    match go {
        G::SchlussDerDebatte => "Schluss der Debatte",
        G::SchlussDerRednerliste => "Schluss der Rednerliste",
        G::Vertagung => "Vertagung",
        G::Verweisung => "Verweisung",
        G::UebergangZurTagesordnung => "Übergang zur Tagesordnung",
        G::Unterbrechung => "Unterbrechung der Sitzung",
        G::AusschlussDerOeffentlichkeit => "Ausschluss der Öffentlichkeit",
        G::BegrenzungDerRedezeit => "Begrenzung der Redezeit",
        G::Dringlichkeit => "Erweiterung der Tagesordnung (Dringlichkeit)",
    }
}

/// What a person is at the session, as lists name it ("Mitglied", "beratend", "Verwaltung", "Gast").
pub fn person_kind(kind: PersonKind) -> &'static str {
    match kind {
        PersonKind::Mitglied => "Mitglied",
        PersonKind::Beratend => "beratend",
        PersonKind::Verwaltung => "Verwaltung",
        PersonKind::Gast => "Gast",
    }
}

/// The summary word of a vote: `einstimmig`, `einstimmig bei 2 Enthaltungen`, `mehrheitlich` …
/// The rule a motion needs, as the vote screen names it.
pub fn majority(majority: crate::domain::Majority) -> &'static str {
    use crate::domain::Majority;
    match majority {
        Majority::Einfach => "einfache Mehrheit",
        Majority::ZweiDrittel => "Zweidrittelmehrheit",
        Majority::MehrAlsHaelfteGesetzlich => "mehr als die Hälfte der gesetzlichen Mitglieder",
        Majority::ZweiDrittelGesetzlich => "zwei Drittel der gesetzlichen Mitglieder",
        Majority::ZweiDrittelAnwesend => "zwei Drittel der Anwesenden",
    }
}

/// The title of the prompt that takes a request for the floor of this kind.
pub fn request_title(kind: crate::domain::RequestKind) -> &'static str {
    use crate::domain::RequestKind;
    match kind {
        RequestKind::Zwischenfrage => "Zwischenfrage von",
        RequestKind::Erwiderung => "Erwiderung von",
        RequestKind::Geschaeftsordnung => "Zur Geschäftsordnung",
        RequestKind::Wortmeldung => "Wortmeldung von",
    }
}

/// The kind of a request as a list names it: "Wortmeldung", "zur Geschäftsordnung".
pub fn request_kind(kind: crate::domain::RequestKind) -> &'static str {
    use crate::domain::RequestKind;
    match kind {
        RequestKind::Zwischenfrage => "Zwischenfrage",
        RequestKind::Erwiderung => "Erwiderung",
        RequestKind::Geschaeftsordnung => "zur Geschäftsordnung",
        RequestKind::Wortmeldung => "Wortmeldung",
    }
}

pub fn summary(summary: Summary) -> String {
    match summary {
        Summary::Einstimmig { abstentions: 0 } => "einstimmig".to_string(),
        Summary::Einstimmig { abstentions } => {
            format!("einstimmig bei {}", enthaltungen(abstentions))
        }
        Summary::Mehrheitlich => "mehrheitlich".to_string(),
        Summary::EinstimmigAbgelehnt { abstentions: 0 } => "einstimmig abgelehnt".to_string(),
        Summary::EinstimmigAbgelehnt { abstentions } => {
            format!("einstimmig bei {} abgelehnt", enthaltungen(abstentions))
        }
        Summary::MehrheitlichAbgelehnt => "mehrheitlich abgelehnt".to_string(),
        Summary::Stimmengleichheit => "bei Stimmengleichheit abgelehnt".to_string(),
        Summary::QualifizierteMehrheitVerfehlt => {
            "abgelehnt, erforderliche Mehrheit nicht erreicht".to_string()
        }
    }
}

fn enthaltungen(n: u32) -> String {
    if n == 1 {
        "1 Enthaltung".to_string()
    } else {
        format!("{n} Enthaltungen")
    }
}

/// `14.03.2024`
pub fn date(date: NaiveDate) -> String {
    use chrono::Datelike;
    // Written out: lists of thousands of sessions call this for every row.
    format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year())
}

/// Where a Niederschrift stands: "Entwurf", "unterschrieben", "genehmigt", "veröffentlicht".
pub fn stage(stage: crate::domain::life::Stage) -> &'static str {
    use crate::domain::life::Stage;
    match stage {
        Stage::Entwurf => "Entwurf",
        Stage::Unterschrieben => "unterschrieben",
        Stage::Genehmigt => "genehmigt",
        Stage::Veroeffentlicht => "veröffentlicht",
    }
}

/// "Donnerstag".
pub fn weekday(date: NaiveDate) -> &'static str {
    use chrono::Datelike;
    const DAYS: [&str; 7] = [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ];
    DAYS[date.weekday().num_days_from_monday() as usize]
}

/// "Do, 14.03.2024", as the Auszug of an information system writes it.
pub fn short_weekday_date(d: NaiveDate) -> String {
    format!("{}, {}", &weekday(d)[..2], date(d))
}

/// The months, "Januar" to "Dezember".
pub const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// "14. März 2024".
pub fn long_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{}. {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// The body in the genitive with its article, for "Sitzung …": "der Gemeindevertretung",
/// "des Bauausschusses", "des Kreistages". The first word is declined; a name the rules do not
/// know is written "des Gremiums Name" rather than declined wrongly.
pub fn body_genitive(body: &str) -> String {
    let body = body.trim();
    let (first, rest) = match body.split_once(' ') {
        Some((f, r)) => (f, format!(" {r}")),
        None => (body, String::new()),
    };
    let lower = first.to_lowercase();
    const FEMININE: [&str; 8] = [
        "ung",
        "schaft",
        "versammlung",
        "kommission",
        "konferenz",
        "runde",
        "kammer",
        "ion",
    ];
    if FEMININE.iter().any(|e| lower.ends_with(e)) {
        return format!("der {first}{rest}");
    }
    if lower.ends_with("ausschuss") {
        return format!("des {first}es{rest}");
    }
    if lower.ends_with("tag") || lower.ends_with("rat") || lower.ends_with("beirat") {
        let e = if lower.ends_with("tag") { "es" } else { "s" };
        return format!("des {first}{e}{rest}");
    }
    if lower.ends_with("gremium") || lower.ends_with("präsidium") || lower.ends_with("forum") {
        return format!("des {first}s{rest}");
    }
    format!("des Gremiums {body}")
}

/// The full name as the attendance list prints it: "Dr. Hanna Berger".
pub fn full_name(p: &Person) -> String {
    [
        p.title.as_deref(),
        Some(p.given_name.as_str()),
        Some(p.family_name.as_str()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// How a paragraph names its speaker: the role where there is one ("Der Bürgermeister"),
/// else salutation and family name ("Frau Dr. Okafor"), else the full name.
pub fn speaker(p: &Person) -> String {
    if let Some(role) = p.role.as_deref().filter(|r| !r.trim().is_empty()) {
        return role.to_string();
    }
    match p.salutation {
        Salutation::Frau => with_title("Frau", p),
        Salutation::Herr => with_title("Herr", p),
        Salutation::Keine => full_name(p),
    }
}

fn with_title(salutation: &str, p: &Person) -> String {
    match p.title.as_deref().filter(|t| !t.is_empty()) {
        Some(title) => format!("{salutation} {title} {}", p.family_name),
        None => format!("{salutation} {}", p.family_name),
    }
}

/// The person in the dative: "Herrn Ahrens", "Frau Berger", "dem Bürgermeister",
/// "der Vorsitzenden", "dem Ersten Stadtrat".
pub fn dative(p: &Person) -> String {
    if let Some(role) = p.role.as_deref().filter(|r| !r.trim().is_empty()) {
        return role_dative(role);
    }
    let nominative = speaker(p);
    match nominative.strip_prefix("Herr ") {
        Some(rest) => format!("Herrn {rest}"),
        None => nominative,
    }
}

/// A role in the dative: the article turns dative (der → dem, die → der, das → dem) and an
/// adjectival word right after it takes -n ("Vorsitzende" → "Vorsitzenden"; "Erste Stadtrat" →
/// "Ersten Stadtrat"); the rest ("der Gemeinde Lindenholz") stays as it is.
fn role_dative(role: &str) -> String {
    let mut words = role.split_whitespace();
    let article = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    let dative_article = match article.to_lowercase().as_str() {
        "der" | "das" => "dem",
        "die" => "der",
        _ => return role.trim().to_string(),
    };
    let mut out = vec![dative_article.to_string()];
    for (i, word) in rest.iter().enumerate() {
        if i == 0 && word.ends_with('e') {
            out.push(format!("{word}n"));
        } else {
            out.push(word.to_string());
        }
    }
    out.join(" ")
}

/// "von" with persons in the dative, contracted where German contracts: "von Herrn Ahrens und
/// Frau Berger", "vom Bürgermeister", "von der Vorsitzenden".
pub fn von(datives: &[String]) -> String {
    let joined = join(datives);
    match joined.strip_prefix("dem ") {
        Some(rest) => format!("vom {rest}"),
        None => format!("von {joined}"),
    }
}

/// The person in the accusative by name, for "i. V. für Herrn Claußen".
pub fn accusative_name(p: &Person) -> String {
    match p.salutation {
        Salutation::Frau => with_title("Frau", p),
        Salutation::Herr => with_title("Herrn", p),
        Salutation::Keine => full_name(p),
    }
}

/// The name as the attendance list writes it: "Frau Dr. Amara Okafor".
pub fn listed_name(p: &Person) -> String {
    format!("{}{}", salutation_prefix(p), full_name(p))
}

/// "Frau ", "Herr " or nothing, before a full name in the attendance list.
pub fn salutation_prefix(p: &Person) -> &'static str {
    match p.salutation {
        Salutation::Frau => "Frau ",
        Salutation::Herr => "Herr ",
        Salutation::Keine => "",
    }
}

/// The role without its article, for lists: "Der Bürgermeister" → "Bürgermeister".
pub fn role_title(role: &str) -> &str {
    let trimmed = role.trim();
    for article in ["Der ", "Die ", "Das ", "der ", "die ", "das "] {
        if let Some(rest) = trimmed.strip_prefix(article) {
            return rest;
        }
    }
    trimmed
}

/// The words [`paragraph`] puts around the names it takes from a session file's strings: the
/// salutations ("Frau Okafor", "Herrn Ahrens"), the question ("auf Nachfrage von … und …") and
/// the dative ("dem", "der", "vom"), in any case. A role in the dative may also gain a final
/// "n" ("der Vorsitzenden"). The search's file filter must allow for these; a test holds
/// [`paragraph`] to them.
pub const ADDED_WORDS: &str = "Auf Nachfrage von vom und Herrn dem der Frau Herr";

/// A paragraph as the protocol prints it: "Frau Okafor fragt, ob …"; with `asked_by` the
/// question goes after the verb: "Der Bürgermeister erläutert auf Nachfrage von Frau Okafor, dass …".
pub fn paragraph(s: &Session, p: &Paragraph) -> String {
    let name = p.speaker.as_deref().map(|id| speaker_name(s, id));
    paragraph_named(s, p, name.as_deref())
}

/// How the protocol names the person with this id as a speaker ([`speaker`]), or the id itself
/// where nobody in the list has it.
pub fn speaker_name(s: &Session, id: &str) -> String {
    s.person(id).map_or_else(|| id.to_string(), speaker)
}

/// [`paragraph`] with the speaker's name already made (by [`speaker`], or the id of a person
/// not in the list), for callers wording many paragraphs of few speakers (the search).
pub fn paragraph_named(s: &Session, p: &Paragraph, name: Option<&str>) -> String {
    let text = p.text.trim();
    // The text names its speaker itself: as written.
    if p.as_written {
        return text.to_string();
    }
    let asked: Vec<String> = p
        .asked_by
        .iter()
        .map(|id| s.person(id).map_or_else(|| id.clone(), dative))
        .collect();
    let Some(name) = name else {
        return if asked.is_empty() {
            text.to_string()
        } else {
            // "Auf Nachfrage von Herrn Ahrens erklärt der Bürgermeister, dass …": the text
            // goes on the sentence.
            format!("Auf Nachfrage {} {text}", von(&asked))
        };
    };
    if asked.is_empty() {
        if text.is_empty() {
            return name.trim_end().to_string();
        }
        let mut out = String::with_capacity(name.len() + 1 + text.len());
        out.push_str(name);
        out.push(' ');
        out.push_str(text);
        return out;
    }
    let verb_end = text
        .find(|c: char| c.is_whitespace() || ",.;:".contains(c))
        .unwrap_or(text.len());
    let (verb, rest) = text.split_at(verb_end);
    format!("{name} {verb} auf Nachfrage {}{rest}", von(&asked))
}

/// A candidate of an election as the protocol names them: "Frau Ahrens", or an outsider as
/// written.
pub fn candidate(s: &Session, e: &crate::domain::election::Election, i: usize) -> String {
    let c = e.candidates.get(i).cloned().unwrap_or_default();
    s.person(&c).map_or(c, by_name)
}

/// A person by name, without their role: "Frau Dr. Okafor", "Herr Petersen", else the full
/// name. For what a person does as themselves ("übernimmt den Vorsitz", "verlässt die Sitzung").
pub fn by_name(p: &Person) -> String {
    match p.salutation {
        Salutation::Frau => with_title("Frau", p),
        Salutation::Herr => with_title("Herr", p),
        Salutation::Keine => full_name(p),
    }
}

/// An event as the protocol writes it: "Die Sitzung wird von 19:20 bis 19:25 Uhr
/// unterbrochen.", "Herr Petersen übernimmt den Vorsitz."
pub fn event(s: &Session, e: &Event) -> String {
    let um = |what: &str, default: &str| match e.at {
        Some(at) => format!("Um {} Uhr {what}", at.hhmm()),
        None => default.to_string(),
    };
    match &e.kind {
        EventKind::Unterbrechung { until } => match (e.at, until) {
            (Some(from), Some(until)) => format!(
                "Die Sitzung wird von {} bis {} Uhr unterbrochen.",
                from.hhmm(),
                until.hhmm()
            ),
            (Some(from), None) => format!("Die Sitzung wird um {} Uhr unterbrochen.", from.hhmm()),
            (None, Some(until)) => {
                format!("Die Sitzung wird bis {} Uhr unterbrochen.", until.hhmm())
            }
            (None, None) => "Die Sitzung wird unterbrochen.".to_string(),
        },
        EventKind::OeffentlichkeitAusgeschlossen => {
            "Die Öffentlichkeit wird ausgeschlossen.".into()
        }
        EventKind::OeffentlichkeitHergestellt => {
            "Die Öffentlichkeit wird wiederhergestellt.".into()
        }
        EventKind::Vorsitz { person } => {
            let name = s.person(person).map_or_else(|| person.clone(), by_name);
            match e.at {
                Some(at) => format!("{name} übernimmt um {} Uhr den Vorsitz.", at.hhmm()),
                None => format!("{name} übernimmt den Vorsitz."),
            }
        }
        EventKind::BeschlussfaehigkeitFestgestellt => {
            "Die Beschlussfähigkeit wird festgestellt.".into()
        }
        EventKind::BeschlussfaehigkeitVerloren => um(
            "ist das Gremium nicht mehr beschlussfähig.",
            "Das Gremium ist nicht mehr beschlussfähig.",
        ),
        EventKind::BeschlussfaehigkeitWiederhergestellt => um(
            "ist die Beschlussfähigkeit wiederhergestellt.",
            "Die Beschlussfähigkeit ist wiederhergestellt.",
        ),
        EventKind::TagesordnungErweitert { item } => format!(
            "Die Tagesordnung wird um {} erweitert.",
            top_titled(s, item)
        ),
        EventKind::Abgesetzt { item, reason } => {
            match reason.as_deref().map(|r| r.trim().trim_end_matches('.')) {
                Some(reason) if !reason.is_empty() => format!(
                    "{} wird von der Tagesordnung abgesetzt ({reason}).",
                    top_titled(s, item)
                ),
                _ => format!(
                    "{} wird von der Tagesordnung abgesetzt.",
                    top_titled(s, item)
                ),
            }
        }
        EventKind::Vorgezogen { item, before } => {
            format!("TOP {item} wird vor TOP {before} behandelt.")
        }
        EventKind::Verwiesen { item, to } => {
            format!("{} wird an {} verwiesen.", top_titled(s, item), to.trim())
        }
        EventKind::Losentscheid {
            about,
            result,
            drawn_by,
        } => {
            let by = drawn_by
                .as_deref()
                .and_then(|id| s.person(id))
                .map(|p| format!(" ({} gezogen)", von(&[dative(p)])))
                .unwrap_or_default();
            format!(
                "Über {} entscheidet das Los{by}: {}.",
                about.trim(),
                result.trim().trim_end_matches('.')
            )
        }
    }
}

/// "TOP 5.1 „Schulweg Lindenallee“", or "TOP 5.1" where the item is not in `s`.
fn top_titled(s: &Session, number: &str) -> String {
    match s
        .item(number)
        .map(|i| i.title.trim())
        .filter(|t| !t.is_empty())
    {
        Some(title) => format!("TOP {number} „{title}“"),
        None => format!("TOP {number}"),
    }
}

/// "Herr Lindqvist nimmt ab 19:35 Uhr an der Sitzung teil." (`again`: "… wieder an der
/// Sitzung teil.")
pub fn arrival(p: &Person, at: Time, again: bool) -> String {
    let wieder = if again { "wieder " } else { "" };
    format!(
        "{} nimmt ab {} Uhr {wieder}an der Sitzung teil.",
        by_name(p),
        at.hhmm()
    )
}

/// "Frau Ahrens verlässt um 20:10 Uhr die Sitzung."
pub fn departure(p: &Person, at: Time) -> String {
    format!("{} verlässt um {} Uhr die Sitzung.", by_name(p), at.hhmm())
}

/// "A", "A und B", "A, B und C".
pub fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} und {last}", init.join(", ")),
    }
}

/// Items as the signature block names them, runs of three or more neighbours in the agenda
/// as a range: "TOP 1–5, 8" or "TOP 6, 7". `items` are numbers of `s`, in agenda order;
/// a number not in the agenda stands on its own.
pub fn top_ranges(s: &Session, items: &[String]) -> String {
    let position = |n: &str| s.agenda.iter().position(|i| i.number == n);
    // Runs of items next to each other in the agenda.
    let mut runs: Vec<Vec<&String>> = Vec::new();
    let mut last: Option<usize> = None;
    for n in items {
        let at = position(n);
        match (runs.last_mut(), last, at) {
            (Some(run), Some(l), Some(a)) if a == l + 1 => run.push(n),
            _ => runs.push(vec![n]),
        }
        last = at;
    }
    let parts: Vec<String> = runs
        .iter()
        .flat_map(|run| match run.as_slice() {
            [first, .., last] if run.len() >= 3 => vec![format!("{first}–{last}")],
            run => run.iter().map(|n| n.to_string()).collect(),
        })
        .collect();
    format!("TOP {}", parts.join(", "))
}

/// The chair's title for the signature block: the role the chair holds, with the article of
/// their salutation ("Die Bürgervorsteherin", "Der Vorsitzende"), else "Die Vorsitzende" /
/// "Der Vorsitzende" / "Vorsitz".
pub fn chair_title(p: &Person) -> String {
    let plain = match p.salutation {
        Salutation::Frau => "Die Vorsitzende",
        Salutation::Herr => "Der Vorsitzende",
        Salutation::Keine => "Vorsitz",
    };
    match p.role.as_deref().filter(|r| !r.trim().is_empty()) {
        None => plain.to_string(),
        Some(_) => {
            let title = role_for_list(p);
            match p.salutation {
                Salutation::Frau => format!("Die {title}"),
                // After "Der" an adjectival role loses its "r": "Der Vorsitzende".
                Salutation::Herr => {
                    let words: Vec<&str> = title
                        .split(' ')
                        .map(|w| {
                            ROLE_FORMS
                                .iter()
                                .find(|(f, m)| *m == w && m.strip_suffix('r') == Some(*f))
                                .map_or(w, |(f, _)| *f)
                        })
                        .collect();
                    format!("Der {}", words.join(" "))
                }
                Salutation::Keine => title,
            }
        }
    }
}

/// The role as it is to be kept for this person, in the form of their salutation: "Die
/// Vorsitzende" for Herr X becomes "Der Vorsitzende", "Bürgermeister" for Frau Y
/// "Bürgermeisterin"; an article is kept where one was written. `None` for no role.
pub fn agreed_role(p: &Person) -> Option<String> {
    let role = p.role.as_deref().map(str::trim).filter(|r| !r.is_empty())?;
    let has_article = role_title(role) != role;
    // Only roles made of known forms are turned ("Stellvertretende Vorsitzende"); "Die
    // Bauverwaltung" or "Erste Stadträtin" stay as typed, wrong German is worse than none.
    let known = role_title(role)
        .split(' ')
        .all(|w| ROLE_FORMS.iter().any(|(f, m)| w == *f || w == *m));
    if !known {
        return Some(role.to_string());
    }
    Some(match p.salutation {
        Salutation::Keine => role.to_string(),
        _ if has_article => chair_title(p),
        _ => role_for_list(p),
    })
}

/// Roles by their feminine and masculine form.
const ROLE_FORMS: [(&str, &str); 16] = [
    ("Vorsitzende", "Vorsitzender"),
    ("Stellvertretende", "Stellvertretender"),
    ("Beigeordnete", "Beigeordneter"),
    ("Bürgermeisterin", "Bürgermeister"),
    ("Bürgervorsteherin", "Bürgervorsteher"),
    ("Ortsvorsteherin", "Ortsvorsteher"),
    ("Stadträtin", "Stadtrat"),
    ("Landrätin", "Landrat"),
    ("Amtsdirektorin", "Amtsdirektor"),
    ("Amtsvorsteherin", "Amtsvorsteher"),
    ("Kreispräsidentin", "Kreispräsident"),
    ("Stadtpräsidentin", "Stadtpräsident"),
    ("Protokollführerin", "Protokollführer"),
    ("Schriftführerin", "Schriftführer"),
    ("Stellvertreterin", "Stellvertreter"),
    ("Kämmerin", "Kämmerer"),
];

/// A person's role as a list names it, without article, in the form of their salutation: a
/// "Vorsitzende" who is Herr X is "Vorsitzender", a "Bürgermeister" who is Frau Y
/// "Bürgermeisterin".
pub fn role_for_list(p: &Person) -> String {
    let role = p.role.as_deref().map(role_title).unwrap_or_default();
    role.split(' ')
        .map(|word| {
            let turned = ROLE_FORMS.iter().find_map(|(f, m)| match p.salutation {
                Salutation::Herr if word == *f => Some(*m),
                Salutation::Frau if word == *m => Some(*f),
                _ => None,
            });
            turned.unwrap_or(word).to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Die Protokollführerin" / "Der Protokollführer" / "Protokoll".
pub fn minute_taker_title(p: &Person) -> &'static str {
    match p.salutation {
        Salutation::Frau => "Die Protokollführerin",
        Salutation::Herr => "Der Protokollführer",
        Salutation::Keine => "Protokoll",
    }
}

/// A count as ALLRIS prints it: zero is "-".
pub fn count(n: u32) -> String {
    if n == 0 {
        "-".to_string()
    } else {
        n.to_string()
    }
}

/// A change in a few words, for "Rückgängig: …": what its main action did, and where.
pub fn change(actions: &[crate::domain::Action]) -> String {
    use crate::domain::Action as A;
    // A person made for the change (a new guest) is not what it was about.
    let main = actions
        .iter()
        .find(|a| !matches!(a, A::AddPerson(_)))
        .or(actions.first());
    let top = |item: &str| format!(" (TOP {item})");
    let Some(action) = main else {
        return "Änderung".into();
    };
    let (what, item): (&str, Option<&str>) = match action {
        A::StartSession { .. } => ("Sitzungsbeginn", None),
        A::EndSession { .. } => ("Sitzungsende", None),
        A::SetPlace(_) => ("Sitzungsort", None),
        A::SetChair(_) => ("Vorsitz", None),
        A::SetMinuteTaker(_) => ("Protokollführung", None),
        A::AddPerson(_) => ("Person angelegt", None),
        A::SetPerson(_) => ("Person geändert", None),
        A::RemovePerson { .. } => ("Person gelöscht", None),
        A::SetSessionInfo { .. } => ("Sitzungsdaten", None),
        A::SetPresence { .. } => ("Anwesenheit geändert", None),
        A::Arrive { .. } => ("Ankunft eingetragen", None),
        A::Leave { .. } => ("Weggang eingetragen", None),
        A::AddItem { item, .. } => ("TOP eingefügt", Some(item.number.as_str())),
        A::RemoveItem { item } => ("TOP gelöscht", Some(item)),
        A::MoveItem { item, .. } => ("TOP verschoben", Some(item)),
        A::SetNumber { item, .. } => ("TOP-Nummer geändert", Some(item)),
        A::Renumber => ("Neunummerierung", None),
        A::SetTitle { item, .. } => ("Titel geändert", Some(item)),
        A::SetClosed { item, .. } => ("öffentlich/nichtöffentlich", Some(item)),
        A::OpenItem { item, .. } => ("Aufruf", Some(item)),
        A::CloseItem { item, .. } => ("TOP geschlossen", Some(item)),
        A::AppendMinute { item, .. } => ("neuer Absatz", Some(item)),
        A::EditMinute { item, .. } => ("Absatz geändert", Some(item)),
        A::SetAskedBy { item, .. } => ("„auf Nachfrage von“", Some(item)),
        A::SetSpeaker { item, .. } => ("Redner/in des Absatzes", Some(item)),
        A::RemoveMinute { item, .. } => ("Absatz gelöscht", Some(item)),
        A::AddSpeaker { item, .. } => ("Wortmeldung eingetragen", Some(item)),
        A::RemoveSpeaker { item, .. } => ("Wortmeldung gestrichen", Some(item)),
        A::MoveSpeaker { item, .. } => ("Redeliste umgestellt", Some(item)),
        A::GiveFloor { item, .. } => ("Worterteilung", Some(item)),
        A::EndTurn { item, .. } => ("Redebeitrag beendet", Some(item)),
        A::SetProposal { item, .. } | A::AmendProposal { item, .. } => {
            ("Beschlussvorschlag geändert", Some(item))
        }
        A::SetMajority { item, .. } => ("Mehrheitsregel", Some(item)),
        A::AddMotion { item, .. } => ("Antrag aufgenommen", Some(item)),
        A::RecordVote { item, .. } => ("Abstimmung festgehalten", Some(item)),
        A::SetBallot { item, .. } => ("Abstimmungsart und Namen", Some(item)),
        A::MoveMotion { item, .. } => ("Abstimmungsreihenfolge", Some(item)),
        A::Sign { .. } => ("Unterschrift", None),
        A::Approve(_) => ("Genehmigung der Niederschrift", None),
        A::Publish { .. } => ("Veröffentlichung", None),
        A::Correct(c) => ("Berichtigung", c.item.as_deref()),
        A::SetElection { item, .. } => ("Wahl", Some(item)),
        A::DeclareBefangen { item, .. } | A::WithdrawBefangen { item, .. } => {
            ("Befangenheit", Some(item))
        }
        A::SetOutcome { item, .. } => ("Beschluss gesetzt", Some(item)),
        A::AddEvent { item, .. } => ("Ereignis eingetragen", Some(item)),
        A::SetEvent { item, .. } => ("Ereignis geändert", Some(item)),
        A::RemoveEvent { item, .. } => ("Ereignis gelöscht", Some(item)),
        A::SetTime { of, .. } => {
            use crate::domain::TimeOf as T;
            match of {
                T::SessionStart => ("Sitzungsbeginn", None),
                T::SessionEnd => ("Sitzungsende", None),
                T::ItemStart { item } | T::ItemEnd { item } => ("Uhrzeit des TOPs", Some(item)),
                T::Paragraph { item, .. } => ("Uhrzeit des Absatzes", Some(item)),
                T::Vote { item, .. } => ("Uhrzeit der Abstimmung", Some(item)),
                T::Arrival { .. } | T::Departure { .. } => ("Ankunft/Weggang", None),
            }
        }
        A::Undo => ("Rückgängig", None),
        A::Redo => ("Wiederherstellen", None),
    };
    format!("{what}{}", item.map(top).unwrap_or_default())
}

/// What `sitzung check` says of a problem.
impl std::fmt::Display for crate::domain::check::Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::domain::check::Problem as P;
        match self {
            P::ImpossibleCount { motion, count } => write!(f, "Abstimmung {motion}: {count}"),
            P::VoteWithoutOutcome => f.write_str("Abstimmung ohne Beschluss (Ergebnis fehlt)"),
            P::InvalidBallot { motion, why } => write!(f, "Abstimmung {motion}: {why}"),
            P::ClosedWithoutReason => f.write_str(
                "nichtöffentlicher TOP ohne Begründung für den Ausschluss der Öffentlichkeit",
            ),
            P::OutcomeContradictsVote { outcome: o, passed } => write!(
                f,
                "Beschluss „{}“ widerspricht der Abstimmung über den Beschlussvorschlag ({})",
                outcome(*o),
                if *passed { "angenommen" } else { "abgelehnt" }
            ),
            P::AmendedButOutcome(o) => write!(
                f,
                "Beschlussvorschlag wurde geändert, Beschluss lautet aber „{}“",
                outcome(*o)
            ),
            P::GeaendertWithoutAmendment => f.write_str(
                "Beschluss lautet „geändert beschlossen“, aber es gibt keinen geänderten Beschlussvorschlag",
            ),
            P::InformationWithVote => f.write_str("zur Kenntnis genommen, aber mit Abstimmung"),
            P::NoQuorum {
                motion,
                present,
                required,
            } => write!(
                f,
                "Abstimmung {motion}: nicht beschlussfähig ({present} von {required} nötigen Mitgliedern anwesend)"
            ),
            P::UnknownPerson(id) => write!(f, "unbekannte Person {id:?}"),
            P::LifeOutOfOrder(why) => write!(f, "Niederschrift: {why}"),
            P::UnknownAbout(n) => write!(f, "ein Antrag betrifft TOP {n}, den es nicht gibt"),
            P::DuplicateNumber => f.write_str("TOP-Nummer kommt doppelt vor"),
            P::InvalidNumber => f.write_str("ungültige TOP-Nummer (erwartet z. B. 4 oder 4.1)"),
            P::EmptyParagraph(n) => write!(f, "Absatz {n} ist leer"),
            P::EndsBeforeStart { start, end } => write!(f, "Ende {end} liegt vor Beginn {start}"),
            P::BefangenSpeaks(name) => {
                write!(f, "{name} ist befangen, steht aber als Redner/in im Protokoll")
            }
            P::MissingProposal => f.write_str(
                "Abstimmung über den Beschlussvorschlag, aber kein Beschlussvorschlag erfasst",
            ),
            P::UnknownCurrentItem(n) => {
                write!(f, "aktueller TOP {n} steht nicht auf der Tagesordnung")
            }
            P::NeverCalled => f.write_str("TOP wurde nie aufgerufen und hat keinen Eintrag"),
            P::NoEntry => f.write_str("TOP aufgerufen, aber ohne Absatz, Abstimmung oder Beschluss"),
            P::UnchangedAfterAdoptedAmendment => f.write_str(
                "„ungeändert beschlossen“, obwohl ein Änderungsantrag angenommen wurde",
            ),
            P::LegalMustHave { missing, law } => {
                use crate::domain::law::Missing as M;
                let what = match missing {
                    M::Ort => "der Sitzungsort fehlt".to_string(),
                    M::Beginn => "der Beginn der Sitzung fehlt".to_string(),
                    M::Ende => "das Ende der Sitzung fehlt".to_string(),
                    M::Teilnehmer => "niemand ist als anwesend eingetragen".to_string(),
                    M::Tagesordnung => "die Tagesordnung fehlt".to_string(),
                    M::Wortlaut => "beschlossen, aber der Wortlaut des Beschlusses fehlt".to_string(),
                    M::Ergebnis => "entschieden, aber kein Abstimmungsergebnis erfasst".to_string(),
                    M::Unterschriften(names) if names.len() == 1 => {
                        format!("es fehlt die Unterschrift von {} (sitzung sign)", join(names))
                    }
                    M::Unterschriften(names) => format!(
                        "es fehlen die Unterschriften von {} (sitzung sign)",
                        join(names)
                    ),
                    M::WeitereUnterschriften(1) => {
                        "es fehlt die Unterschrift eines weiteren Mitglieds".to_string()
                    }
                    M::WeitereUnterschriften(n) => {
                        format!("es fehlen die Unterschriften von {n} weiteren Mitgliedern")
                    }
                };
                write!(f, "Niederschrift nach {law}: {what}")
            }
            P::AmendedWordingMissing => f.write_str(
                "ein Änderungsantrag wurde angenommen, der geänderte Wortlaut des Beschlusses fehlt \
                 (im Antragsbereich mit b eintragen)",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_declined_for_the_title() {
        assert_eq!(
            body_genitive("Gemeindevertretung"),
            "der Gemeindevertretung"
        );
        assert_eq!(body_genitive("Bauausschuss"), "des Bauausschusses");
        assert_eq!(
            body_genitive("Ausschuss für Umwelt"),
            "des Ausschusses für Umwelt"
        );
        assert_eq!(body_genitive("Kreistag"), "des Kreistages");
        assert_eq!(body_genitive("Gemeinderat"), "des Gemeinderats");
        assert_eq!(
            body_genitive("Stadtverordnetenversammlung"),
            "der Stadtverordnetenversammlung"
        );
        assert_eq!(body_genitive("Seniorenbeirat"), "des Seniorenbeirats");
        assert_eq!(body_genitive("Hafen-Runde"), "der Hafen-Runde");
        assert_eq!(body_genitive("XYZ"), "des Gremiums XYZ");
        let d = chrono::NaiveDate::from_ymd_opt(2024, 3, 14).unwrap();
        assert_eq!(weekday(d), "Donnerstag");
        assert_eq!(short_weekday_date(d), "Do, 14.03.2024");
        assert_eq!(long_date(d), "14. März 2024");
    }
    use crate::domain::Person;

    fn herr(family: &str) -> Person {
        Person::member(family, Salutation::Herr, "Peter", family)
    }

    fn with_role(role: &str) -> Person {
        let mut p = herr("Petersen");
        p.role = Some(role.to_string());
        p
    }

    #[test]
    fn items_are_named_with_ranges_of_three_or_more_neighbours() {
        let mut s = Session::new("Rat", chrono::NaiveDate::default());
        for n in ["1", "2", "3", "3.1", "4", "5", "6", "7", "8"] {
            s.agenda.push(crate::domain::AgendaItem::new(n, "x"));
        }
        let of = |items: &[&str]| {
            let items: Vec<String> = items.iter().map(|n| n.to_string()).collect();
            top_ranges(&s, &items)
        };
        assert_eq!(of(&["1", "2", "3", "3.1", "4", "5", "8"]), "TOP 1–5, 8");
        assert_eq!(of(&["6", "7"]), "TOP 6, 7");
        assert_eq!(of(&["3.1"]), "TOP 3.1");
        assert_eq!(of(&["1", "3", "3.1", "4"]), "TOP 1, 3–4");
    }

    #[test]
    fn herr_takes_the_dative() {
        let frau = Person::member("b", Salutation::Frau, "Ina", "Berger");
        let datives = [dative(&herr("Ahrens")), dative(&frau)];
        assert_eq!(datives, ["Herrn Ahrens", "Frau Berger"]);
        assert_eq!(von(&datives), "von Herrn Ahrens und Frau Berger");
    }

    #[test]
    fn roles_agree_with_the_salutation_in_lists_and_signatures() {
        let mut man = herr("Ahrens");
        man.role = Some("Die Vorsitzende".into());
        assert_eq!(role_for_list(&man), "Vorsitzender");
        assert_eq!(chair_title(&man), "Der Vorsitzende");
        let mut woman = with_role("Bürgervorsteherin");
        woman.salutation = Salutation::Frau;
        assert_eq!(chair_title(&woman), "Die Bürgervorsteherin");
        woman.role = Some("Der Bürgermeister".into());
        assert_eq!(role_for_list(&woman), "Bürgermeisterin");
        let mut plain = herr("Brandt");
        plain.role = None;
        assert_eq!(chair_title(&plain), "Der Vorsitzende");
    }

    #[test]
    fn a_saved_role_agrees_with_the_salutation_and_keeps_its_article() {
        let mut man = with_role("Die Vorsitzende");
        assert_eq!(agreed_role(&man).as_deref(), Some("Der Vorsitzende"));
        man.role = Some("Bürgervorsteherin".into());
        assert_eq!(agreed_role(&man).as_deref(), Some("Bürgervorsteher"));
        man.salutation = Salutation::Frau;
        man.role = Some("Der Bürgermeister".into());
        assert_eq!(agreed_role(&man).as_deref(), Some("Die Bürgermeisterin"));
        // What is not made of known forms stays as typed.
        for typed in [
            "Die Bauverwaltung",
            "Erster Stadtrat",
            "Der Bürgermeister der Gemeinde Lindenholz",
        ] {
            man.role = Some(typed.into());
            assert_eq!(agreed_role(&man).as_deref(), Some(typed));
        }
        man.salutation = Salutation::Keine;
        man.role = Some("Die Kämmerei".into());
        assert_eq!(agreed_role(&man).as_deref(), Some("Die Kämmerei"));
        man.role = Some("  ".into());
        assert_eq!(agreed_role(&man), None);
    }

    #[test]
    fn roles_take_the_dative_with_their_article() {
        let von_role = |r: &str| von(&[dative(&with_role(r))]);
        assert_eq!(von_role("Der Bürgermeister"), "vom Bürgermeister");
        assert_eq!(von_role("Die Vorsitzende"), "von der Vorsitzenden");
        assert_eq!(von_role("Der Erste Stadtrat"), "vom Ersten Stadtrat");
        assert_eq!(von_role("Die Landrätin"), "von der Landrätin");
        assert_eq!(
            von_role("Der Bürgermeister der Gemeinde Lindenholz"),
            "vom Bürgermeister der Gemeinde Lindenholz"
        );
        assert_eq!(von_role("Kämmerei"), "von Kämmerei");
        let both = [dative(&with_role("Der Landrat")), dative(&herr("Ahrens"))];
        assert_eq!(von(&both), "vom Landrat und Herrn Ahrens");
    }

    #[test]
    fn deputies_stand_in_for_a_name_in_the_accusative() {
        let mut chair = with_role("Die Vorsitzende");
        chair.salutation = Salutation::Frau;
        chair.family_name = "Schulz".into();
        assert_eq!(accusative_name(&chair), "Frau Schulz");
        assert_eq!(accusative_name(&herr("Claußen")), "Herrn Claußen");
    }

    #[test]
    fn speaker_prefers_role_then_salutation_then_full_name() {
        assert_eq!(speaker(&with_role("Der Landrat")), "Der Landrat");
        let mut p = Person::member("o", Salutation::Frau, "Amara", "Okafor");
        assert_eq!(speaker(&p), "Frau Okafor");
        p.title = Some("Dr.".into());
        assert_eq!(speaker(&p), "Frau Dr. Okafor");
        assert_eq!(full_name(&p), "Dr. Amara Okafor");
        p.salutation = Salutation::Keine;
        assert_eq!(speaker(&p), "Dr. Amara Okafor");
    }

    #[test]
    fn summaries_read_as_in_published_minutes() {
        assert_eq!(
            summary(Summary::Einstimmig { abstentions: 0 }),
            "einstimmig"
        );
        assert_eq!(
            summary(Summary::Einstimmig { abstentions: 1 }),
            "einstimmig bei 1 Enthaltung"
        );
        assert_eq!(
            summary(Summary::Einstimmig { abstentions: 2 }),
            "einstimmig bei 2 Enthaltungen"
        );
        assert_eq!(
            summary(Summary::MehrheitlichAbgelehnt),
            "mehrheitlich abgelehnt"
        );
    }

    /// Every word of a worded paragraph comes from the session's strings (text, names, roles,
    /// salutations, ids) or from [`ADDED_WORDS`], or is a role's word with a dative "n".
    #[test]
    fn wording_adds_only_the_words_it_declares() {
        let mut s = Session::new("B", chrono::NaiveDate::from_ymd_opt(2024, 3, 14).unwrap());
        s.persons = vec![
            herr("Ahrens"),
            with_role("Die Vorsitzende"),
            with_role("Der Erste Stadtrat"),
            Person::member("berger", Salutation::Frau, "Ina", "Berger"),
        ];
        s.persons[1].id = "vors".into();
        s.persons[2].id = "rat".into();
        let sources = "Ahrens Petersen Die Vorsitzende Der Erste Stadtrat Ina Berger Frau Herr \
             Peter fragt, ob es gehe. unbekannt erklärt: ja";
        let mut words: Vec<String> = [sources, ADDED_WORDS]
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .map(str::to_string)
            .collect();
        words.extend(["Vorsitzenden".to_string(), "Ersten".to_string()]);
        for (speaker, asked, text) in [
            (
                Some("Ahrens"),
                vec!["vors", "rat", "berger"],
                "fragt, ob es gehe.",
            ),
            (None, vec!["Ahrens", "unbekannt"], "erklärt: ja"),
            (Some("unbekannt"), vec![], "fragt, ob es gehe."),
            (Some("vors"), vec!["Ahrens"], "erklärt: ja"),
        ] {
            let p = Paragraph {
                speaker: speaker.map(str::to_string),
                asked_by: asked.into_iter().map(str::to_string).collect(),
                at: None,
                text: text.into(),
                as_written: false,
            };
            let worded = paragraph(&s, &p);
            for word in worded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                // The file filter matches without regard to case.
                assert!(
                    words
                        .iter()
                        .any(|w| w.to_lowercase() == word.to_lowercase()),
                    "{word:?} in {worded:?}"
                );
            }
        }
    }

    #[test]
    fn lists_join_with_und() {
        let s = |v: &[&str]| join(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["A"]), "A");
        assert_eq!(s(&["A", "B", "C"]), "A, B und C");
    }
}
