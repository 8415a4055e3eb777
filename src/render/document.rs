//! The protocol as a list of blocks, independent of output format. Every format writes these
//! blocks, so what appears (and what the public edition leaves out) is decided once, here.

use crate::domain::vote::evaluate;
use crate::domain::{AgendaItem, Motion, MotionKind, Person, PersonKind, Presence, Session, Time};

use super::german;
use super::{Edition, VoteStyle};

/// One block of the protocol. Formats separate blocks by a blank line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// "Niederschrift", "Auszug".
    Title(String),
    /// A part of the document: "Anwesend:", "Tagesordnung:", "Nichtöffentlicher Teil".
    Section(String),
    /// The heading of an item: "14.03.2024 - 6.2 Sanierung der Sporthalle Nord".
    ItemHeading(String),
    /// A label on a line of its own: "Wortprotokoll", "Abstimmungsergebnis:".
    Label(String),
    /// A label directly followed by lines: "Beschluss:" / "geändert beschlossen".
    Labeled { label: String, lines: Vec<String> },
    /// Running text.
    Para(String),
    /// Lines that belong together without blank lines between them.
    Lines(Vec<String>),
    /// Key and value pairs of the header: "Sitzungstag:" "14.03.2024".
    Fields(Vec<(String, String)>),
    /// Signature columns: title and name.
    Signatures(Vec<(String, String)>),
}

/// What the document is about, for a format's page title.
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The whole Niederschrift of a session.
pub fn niederschrift(s: &Session, edition: Edition, style: VoteStyle) -> Document {
    let mut b = vec![Block::Title("Niederschrift".into())];
    // Until the chair and the minute-taker have signed, it is a draft and says so.
    if s.stage() == crate::domain::life::Stage::Entwurf {
        b.push(Block::Para("Entwurf – noch nicht unterschrieben.".into()));
    }
    if edition == Edition::Internal && s.agenda.iter().any(|i| s.is_closed(i)) {
        b.push(Block::Para(
            "Interne Fassung mit nichtöffentlichem Teil – nicht zur Veröffentlichung.".into(),
        ));
    }
    b.push(Block::Fields(header_fields(s)));
    b.extend(attendance(s));
    let (closed, public): (Vec<&AgendaItem>, Vec<&AgendaItem>) =
        s.agenda.iter().partition(|i| s.is_closed(i));
    let show_closed = edition == Edition::Internal && !closed.is_empty();
    b.push(Block::Section("Tagesordnung:".into()));
    if show_closed {
        b.push(Block::Labeled {
            label: "Öffentlicher Teil".into(),
            lines: agenda_lines(&public),
        });
        b.push(Block::Labeled {
            label: "Nichtöffentlicher Teil".into(),
            lines: agenda_lines(&closed),
        });
    } else {
        b.push(Block::Lines(agenda_lines(&public)));
    }
    for item in public {
        b.extend(item_blocks(s, item, style, true));
    }
    if show_closed {
        b.push(Block::Section("Nichtöffentlicher Teil".into()));
        for item in closed {
            b.extend(item_blocks(s, item, style, true));
        }
    }
    b.extend(life_blocks(s));
    if let Some(sig) = signatures(s) {
        b.push(sig);
    }
    b.extend(approval_blocks(s));
    Document {
        title: format!("Niederschrift {} {}", s.body, german::date(s.date)),
        blocks: b,
    }
}

/// The Auszug of one item, exactly in the layout the information systems publish.
pub fn auszug(s: &Session, item: &AgendaItem, style: VoteStyle) -> Document {
    let mut blocks = vec![Block::Title("Auszug".into())];
    blocks.extend(item_blocks(s, item, style, false));
    Document {
        title: format!("Auszug {} TOP {}", german::date(s.date), item.number),
        blocks,
    }
}

fn header_fields(s: &Session) -> Vec<(String, String)> {
    let mut f = vec![("Gremium:".to_string(), s.body.clone())];
    if let Some(n) = &s.number {
        f.push(("Sitzung Nr.:".into(), n.clone()));
    }
    f.push(("Sitzungstag:".into(), german::date(s.date)));
    if let Some(t) = s.start {
        f.push(("Sitzungsbeginn:".into(), format!("{} Uhr", t.hhmm())));
    }
    if let Some(t) = s.end {
        f.push(("Sitzungsende:".into(), format!("{} Uhr", t.hhmm())));
    }
    if let Some(p) = &s.place {
        f.push(("Ort:".into(), p.clone()));
    }
    f
}

/// "Herr Peter Ahrens (ab 19:25 Uhr, i. V. für Frau Berger)".
fn attendee(s: &Session, p: &Person, with_fraktion: bool) -> String {
    let mut notes = Vec::new();
    if with_fraktion && let Some(f) = &p.fraktion {
        notes.push(f.clone());
    }
    if p.role.is_some() {
        notes.push(german::role_for_list(p));
    }
    if let Some(function) = &p.function {
        notes.push(function.clone());
    }
    if let Some(t) = p.arrived {
        notes.push(format!("ab {} Uhr", t.hhmm()));
    }
    if let Some(t) = p.left {
        notes.push(format!("bis {} Uhr", t.hhmm()));
    }
    for (from, until) in &p.away {
        notes.push(format!("{} bis {} Uhr abwesend", from.hhmm(), until.hhmm()));
    }
    if let Some(member) = p.deputy_for.as_deref().and_then(|id| s.person(id)) {
        notes.push(format!("i. V. für {}", german::accusative_name(member)));
    }
    let name = german::listed_name(p);
    if notes.is_empty() {
        name
    } else {
        format!("{name} ({})", notes.join(", "))
    }
}

fn attendance(s: &Session) -> Vec<Block> {
    let present: Vec<&Person> = s
        .persons
        .iter()
        .filter(|p| p.presence == Presence::Anwesend)
        .collect();
    let mut b = vec![Block::Section("Anwesend:".into())];
    if let Some(chair) = s.chair.as_deref().and_then(|id| s.person(id)) {
        b.push(Block::Labeled {
            label: "Vorsitz".into(),
            lines: vec![attendee(s, chair, true)],
        });
    }
    let not_chair = |p: &&&Person| s.chair.as_deref() != Some(p.id.as_str());
    let members: Vec<&Person> = present
        .iter()
        .filter(not_chair)
        .filter(|p| p.kind == PersonKind::Mitglied)
        .copied()
        .collect();
    let mut fraktionen: Vec<&str> = Vec::new();
    for p in &members {
        let f = p.fraktion.as_deref().unwrap_or("fraktionslos");
        if !fraktionen.contains(&f) {
            fraktionen.push(f);
        }
    }
    if !fraktionen.is_empty() {
        b.push(Block::Label("Mitglieder".into()));
    }
    for f in fraktionen {
        let lines = members
            .iter()
            .filter(|p| p.fraktion.as_deref().unwrap_or("fraktionslos") == f)
            .map(|p| attendee(s, p, false))
            .collect();
        b.push(Block::Labeled {
            label: f.to_string(),
            lines,
        });
    }
    let groups = [
        (PersonKind::Beratend, "Beratende Mitglieder"),
        (PersonKind::Verwaltung, "Verwaltung"),
        (PersonKind::Gast, "Gäste"),
    ];
    for (kind, label) in groups {
        let lines: Vec<String> = present
            .iter()
            .filter(not_chair)
            .filter(|p| p.kind == kind)
            .map(|p| attendee(s, p, true))
            .collect();
        if !lines.is_empty() {
            b.push(Block::Labeled {
                label: label.into(),
                lines,
            });
        }
    }
    for (presence, label) in [
        (Presence::Entschuldigt, "Entschuldigt:"),
        (Presence::Fehlend, "Abwesend:"),
    ] {
        let lines: Vec<String> = s
            .persons
            .iter()
            .filter(|p| p.presence == presence)
            .map(|p| attendee(s, p, true))
            .collect();
        if !lines.is_empty() {
            b.push(Block::Labeled {
                label: label.into(),
                lines,
            });
        }
    }
    b
}

fn agenda_lines(items: &[&AgendaItem]) -> Vec<String> {
    items
        .iter()
        .map(|i| match &i.vorlage {
            Some(v) => format!("{} {} (Vorlage {})", i.number, i.title, v.number),
            None => format!("{} {}", i.number, i.title),
        })
        .collect()
}

fn item_blocks(s: &Session, item: &AgendaItem, style: VoteStyle, with_times: bool) -> Vec<Block> {
    let mut b = vec![Block::ItemHeading(format!(
        "{} - {} {}",
        german::date(s.date),
        item.number,
        item.title
    ))];
    if with_times && let (Some(from), Some(to)) = (item.started, item.ended) {
        b.push(Block::Para(format!(
            "{} bis {} Uhr",
            from.hhmm(),
            to.hhmm()
        )));
    }
    if s.is_closed(item) {
        b.push(Block::Para(
            match item
                .closed_reason
                .as_deref()
                .filter(|r| !r.trim().is_empty())
            {
                Some(reason) => format!("Nichtöffentlich ({})", reason.trim()),
                None => "Nichtöffentlich".to_string(),
            },
        ));
    }
    if let Some(outcome) = item.outcome {
        b.push(Block::Labeled {
            label: "Beschluss:".into(),
            lines: vec![german::outcome(outcome).into()],
        });
    }
    // Taken off the agenda: nothing else of it, only why, where that was said.
    if item.outcome == Some(crate::domain::Outcome::Abgesetzt) {
        let reason = s
            .agenda
            .iter()
            .flat_map(|i| &i.events)
            .find_map(|e| match &e.kind {
                crate::domain::EventKind::Abgesetzt { item: n, reason } if *n == item.number => {
                    reason.clone()
                }
                _ => None,
            });
        if let Some(reason) = reason.filter(|r| !r.trim().is_empty()) {
            b.push(Block::Para(format!("Grund: {}", reason.trim())));
        }
        return b;
    }
    let mut paragraphs: Vec<String> = item
        .befangen
        .iter()
        .map(|id| {
            let name = german::speaker_name(s, id);
            format!(
                "{name} erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil."
            )
        })
        .collect();
    paragraphs.extend(flow(s, item));
    if !paragraphs.is_empty() {
        b.push(Block::Label("Wortprotokoll".into()));
        b.extend(paragraphs.into_iter().map(Block::Para));
    }
    let text_of = |label: &str, text: &str| -> Vec<Block> {
        std::iter::once(Block::Label(label.to_string()))
            .chain(
                text.split("\n\n")
                    .map(|p| Block::Para(p.trim().to_string())),
            )
            .collect()
    };
    let filled = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
    // Both texts, as published protocols print them: the proposal as the Vorlage made it, the
    // votes (amendments first), and the resolution in its changed wording.
    match (filled(&item.proposal), filled(&item.amended_proposal)) {
        (Some(original), Some(amended)) => {
            b.extend(text_of("Beschlussvorschlag:", &original));
            b.extend(votes(s, item, style));
            let label = if item.outcome.is_some_and(|o| o.is_passed()) {
                "Beschluss in der geänderten Fassung:"
            } else {
                "Geänderter Beschlussvorschlag:"
            };
            b.extend(text_of(label, &amended));
        }
        (original, amended) => {
            if let Some(text) = original.or(amended) {
                b.extend(text_of("Beschlussvorschlag:", &text));
            }
            b.extend(votes(s, item, style));
        }
    }
    if let Some(v) = item.vorlage.as_ref().filter(|v| !v.attachments.is_empty()) {
        b.push(Block::Labeled {
            label: "Anlagen zur Vorlage".into(),
            lines: v.attachments.clone(),
        });
    }
    b
}

/// The minutes of an item with what happened meanwhile, in time order: its paragraphs, its
/// events and who came or went. A paragraph without a time keeps its place after the one before.
fn flow(s: &Session, item: &AgendaItem) -> Vec<String> {
    use crate::domain::Movement;
    let mut timed: Vec<(Option<Time>, String)> = crate::domain::shown_events(&item.events)
        .map(|e| (e.at, german::event(s, e)))
        .collect();
    timed.extend(s.movements(&item.number).into_iter().map(|(at, p, m)| {
        let line = match m {
            Movement::Arrives => german::arrival(p, at, false),
            Movement::Returns => german::arrival(p, at, true),
            Movement::Leaves => german::departure(p, at),
        };
        (Some(at), line)
    }));
    // Stable: what has no time stays after what has, in the order recorded.
    timed.sort_by_key(|(at, _)| (at.is_none(), *at));
    let mut pending = timed.into_iter().peekable();
    let mut out = Vec::new();
    for p in item.minutes.iter().filter(|p| !p.text.trim().is_empty()) {
        if let Some(at) = p.at {
            // What happened in the minute a paragraph was written comes first: a chair taken
            // over at 20:48 before the words at 20:48.
            while let Some((_, line)) = pending.next_if(|(t, _)| t.is_some_and(|t| t <= at)) {
                out.push(line);
            }
        }
        out.push(german::paragraph(s, p));
    }
    out.extend(pending.map(|(_, line)| line));
    out
}

/// An election as published: its ballots, and who is elected ("Gewählt ist Frau Ahrens mit 8
/// Stimmen."), a run-off, the lot with who drew it.
fn election_blocks(s: &Session, e: &crate::domain::election::Election) -> Vec<Block> {
    use crate::domain::election::ElectionResult;
    let name = |i: usize| german::candidate(s, e, i);
    // "Herrn Brandt" after "zwischen" and "für".
    let dative = |i: usize| {
        let n = name(i);
        match n.strip_prefix("Herr ") {
            Some(rest) => format!("Herrn {rest}"),
            None => n,
        }
    };
    let mut b = vec![Block::Label(format!("Wahl: {}", e.office.trim()))];
    let mut lines = Vec::new();
    for (n, round) in e.rounds.iter().enumerate() {
        let label = if round.run_off.is_empty() {
            format!("{}. Wahlgang", n + 1)
        } else {
            "Stichwahl".to_string()
        };
        let mut parts: Vec<String> = round
            .votes
            .iter()
            .enumerate()
            .filter(|(i, _)| round.run_off.is_empty() || round.run_off.contains(i))
            .map(|(i, v)| format!("{} {v}", name(i)))
            .collect();
        if round.no > 0 {
            parts.push(format!("Nein {}", round.no));
        }
        if round.blank > 0 {
            parts.push(format!("Enthaltung {}", round.blank));
        }
        if round.invalid > 0 {
            parts.push(format!("ungültig {}", round.invalid));
        }
        lines.push(format!("{label}: {}", parts.join(", ")));
    }
    if !lines.is_empty() {
        b.push(Block::Lines(lines));
    }
    let said = match e.result() {
        ElectionResult::Open => return b,
        ElectionResult::Elected { candidate, votes } => match &e.lot {
            Some(lot) if lot.winner == candidate => {
                let by = lot
                    .drawn_by
                    .as_deref()
                    .and_then(|id| s.person(id))
                    .map(|p| format!(", gezogen von {},", german::listed_name(p)))
                    .unwrap_or_default();
                format!(
                    "Stimmengleichheit: Das Los{by} entscheidet für {}. Gewählt ist {}.",
                    dative(candidate),
                    name(candidate)
                )
            }
            _ => format!("Gewählt ist {} mit {votes} Stimmen.", name(candidate)),
        },
        ElectionResult::RunOff(runners) => {
            let names: Vec<String> = runners.iter().map(|i| dative(*i)).collect();
            format!(
                "Niemand hat die erforderliche Mehrheit; Stichwahl zwischen {}.",
                german::join(&names)
            )
        }
        ElectionResult::Lot(_) => "Stimmengleichheit: Das Los entscheidet.".to_string(),
        ElectionResult::NotElected => match e.candidates.len() {
            1 => format!("{} ist nicht gewählt.", name(0)),
            _ => "Niemand ist gewählt.".to_string(),
        },
    };
    b.push(Block::Para(said));
    b
}

fn votes(s: &Session, item: &AgendaItem, style: VoteStyle) -> Vec<Block> {
    let mut elections: Vec<Block> = item
        .motions
        .iter()
        .filter_map(|m| m.election.as_ref())
        .flat_map(|e| election_blocks(s, e))
        .collect();
    // In the order voted on (the voting order may differ from the order moved); a vote without
    // a time keeps its place after those with one.
    let mut voted: Vec<&Motion> = item.motions.iter().filter(|m| m.vote.is_some()).collect();
    voted.sort_by_key(|m| {
        let at = m.vote.and_then(|v| v.at);
        (at.is_none(), at)
    });
    if voted.is_empty() {
        return elections;
    }
    let mut b = std::mem::take(&mut elections);
    b.push(Block::Label("Abstimmungsergebnis:".into()));
    for motion in &voted {
        let Some(vote) = motion.vote else { continue };
        // A lone vote on the Beschlussvorschlag needs no caption; anything else says what was voted on.
        if voted.len() > 1 || motion.kind != MotionKind::Beschlussvorschlag {
            b.push(Block::Para(german::motion_caption(s, item, motion)));
        }
        let evaluation = evaluate(&vote, motion.majority, s.basis(Some(item), vote.at));
        b.push(Block::Para(german::summary(evaluation.summary)));
        b.push(Block::Para(match style {
            VoteStyle::Allris => format!(
                "Zustimmung: {}  Ablehnung: {}  Enthaltung: {}",
                german::count(vote.yes),
                german::count(vote.no),
                german::count(vote.abstain)
            ),
            VoteStyle::SessionNet => format!(
                "Ja: {}, Nein: {}, Enthaltungen: {}, Befangen: {}",
                vote.yes,
                vote.no,
                vote.abstain,
                item.befangen.len()
            ),
        }));
        // Names that do not add up to the counts (a hand-edited file; `check` says so) are
        // not printed beside them.
        let fits = !motion.ballot.counts_by_name()
            || motion.ballot.tally() == crate::domain::Vote::new(vote.yes, vote.no, vote.abstain);
        if fits {
            b.extend(ballot_blocks(s, &motion.ballot));
        }
    }
    b
}

/// How a vote was taken, as published protocols print it: per Fraktion "4 Ja-Stimmen (2 CDU,
/// 2 SPD)", by name "Ja: Frau Anna Ahrens, …", secret "9 Stimmzettel, davon 1 ungültig", and a
/// member's own vote on record.
fn ballot_blocks(s: &Session, ballot: &crate::domain::Ballot) -> Vec<Block> {
    use crate::domain::{Answer, BallotKind};
    const ANSWERS: [(Answer, &str, &str, &str); 3] = [
        (Answer::Ja, "Ja-Stimme", "Ja-Stimmen", "Ja"),
        (Answer::Nein, "Nein-Stimme", "Nein-Stimmen", "Nein"),
        (
            Answer::Enthaltung,
            "Enthaltung",
            "Enthaltungen",
            "Enthaltung",
        ),
    ];
    let name = |id: &String| s.person(id).map_or_else(|| id.clone(), german::listed_name);
    match ballot.kind {
        BallotKind::ProFraktion => {
            let lines = ANSWERS
                .iter()
                .filter_map(|(answer, one, many, _)| {
                    let ids: Vec<&String> = ballot.with(*answer).collect();
                    if ids.is_empty() {
                        return None;
                    }
                    let mut groups: Vec<(String, u32)> = Vec::new();
                    for id in &ids {
                        let f = s
                            .person(id)
                            .and_then(|p| p.fraktion.clone())
                            .unwrap_or_else(|| "fraktionslos".to_string());
                        match groups.iter_mut().find(|(g, _)| *g == f) {
                            Some((_, n)) => *n += 1,
                            None => groups.push((f, 1)),
                        }
                    }
                    // The largest first, as published: "10 Ja-Stimmen (5 CDU, 4 SPD, 1 FDP)".
                    groups.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
                    let parts: Vec<String> =
                        groups.iter().map(|(f, n)| format!("{n} {f}")).collect();
                    let word = if ids.len() == 1 { one } else { many };
                    Some(format!("{} {word} ({})", ids.len(), parts.join(", ")))
                })
                .collect();
            vec![Block::Lines(lines)]
        }
        BallotKind::Namentlich => {
            let lines = ANSWERS
                .iter()
                .filter_map(|(answer, _, _, label)| {
                    let names: Vec<String> = ballot.with(*answer).map(name).collect();
                    (!names.is_empty()).then(|| format!("{label}: {}", names.join(", ")))
                })
                .collect();
            vec![Block::Labeled {
                label: "Namentliche Abstimmung:".into(),
                lines,
            }]
        }
        BallotKind::Geheim => vec![Block::Para(match ballot.invalid {
            0 => "Geheime Abstimmung mit Stimmzetteln.".to_string(),
            1 => "Geheime Abstimmung mit Stimmzetteln; ein Stimmzettel ist ungültig.".to_string(),
            n => format!("Geheime Abstimmung mit Stimmzetteln; {n} Stimmzettel sind ungültig."),
        })],
        BallotKind::Offen => ballot
            .names
            .iter()
            .map(|n| {
                let p = s.person(&n.person);
                let who = p.map_or_else(|| n.person.clone(), german::by_name);
                let how = match n.answer {
                    Answer::Ja => "zugestimmt hat",
                    Answer::Nein => "dagegen gestimmt hat",
                    Answer::Enthaltung => "sich enthalten hat",
                };
                let how = match p.and_then(|p| crate::domain::pronoun(p.salutation)) {
                    Some(pronoun) => format!("{pronoun} {how}"),
                    None => format!("{who} {how}"),
                };
                Block::Para(format!("{who} bittet festzuhalten, dass {how}."))
            })
            .collect(),
    }
}

/// The signatures: the chair, or, where more than one person chaired, each of them with the
/// items they chaired ([`Session::chairs_by_item`]); the minute-taker last.
/// The Berichtigungen after signing, dated, before the signatures.
fn life_blocks(s: &Session) -> Vec<Block> {
    if s.life.corrections.is_empty() {
        return Vec::new();
    }
    let lines = s
        .life
        .corrections
        .iter()
        .map(|c| {
            let item = c
                .item
                .as_deref()
                .map(|n| format!(" zu TOP {n}"))
                .unwrap_or_default();
            format!("{}{item}: {}", german::date(c.date), c.text.trim())
        })
        .collect();
    vec![Block::Section("Berichtigungen".into()), Block::Lines(lines)]
}

/// Where the signed Niederschrift went: signed on, approved by, published on.
fn approval_blocks(s: &Session) -> Vec<Block> {
    let mut lines: Vec<String> = Vec::new();
    if !s.life.signatures.is_empty() {
        let signed: Vec<String> = s
            .life
            .signatures
            .iter()
            .map(|sig| {
                let who = s.person(&sig.by).map_or(sig.by.clone(), german::full_name);
                format!("{who} am {}", german::date(sig.date))
            })
            .collect();
        lines.push(format!("Unterschrieben: {}", signed.join("; ")));
    }
    if let Some(a) = &s.life.approval {
        let how = match &a.objections {
            Some(o) => format!(" Einwendungen: {}", o.trim()),
            None => " Einwendungen wurden nicht erhoben.".into(),
        };
        lines.push(format!(
            "Genehmigt am {} ({}).{how}",
            german::date(a.date),
            a.session.trim()
        ));
    }
    if let Some(d) = s.life.published {
        lines.push(format!("Veröffentlicht am {}.", german::date(d)));
    }
    if lines.is_empty() {
        Vec::new()
    } else {
        vec![Block::Lines(lines)]
    }
}

fn signatures(s: &Session) -> Option<Block> {
    let mut cols = Vec::new();
    let chairs: Vec<_> = s
        .chairs_by_item()
        .into_iter()
        .filter_map(|(id, items)| Some((s.person(&id)?, items)))
        .collect();
    // One chair who is not the session's (a deputy chaired it all) signs, with no items named.
    if let [(p, _)] = chairs.as_slice()
        && s.chair.as_deref() != Some(p.id.as_str())
    {
        cols.push((german::chair_title(p), german::full_name(p)));
    } else if chairs.len() > 1 {
        for (p, items) in chairs {
            cols.push((
                format!(
                    "{} ({})",
                    german::chair_title(p),
                    german::top_ranges(s, &items)
                ),
                german::full_name(p),
            ));
        }
    } else if let Some(p) = s.chair.as_deref().and_then(|id| s.person(id)) {
        cols.push((german::chair_title(p), german::full_name(p)));
    }
    if let Some(p) = s.minute_taker.as_deref().and_then(|id| s.person(id)) {
        cols.push((
            german::minute_taker_title(p).to_string(),
            german::full_name(p),
        ));
    }
    (!cols.is_empty()).then_some(Block::Signatures(cols))
}
