//! The protocol as a list of blocks, independent of output format. Every format writes these
//! blocks, so what appears (and what the public edition leaves out) is decided once, here; how
//! it is worded and ordered is the house style's ([`Layout`]).

use crate::domain::vote::evaluate;
use crate::domain::{AgendaItem, Motion, MotionKind, Person, PersonKind, Presence, Session, Time};

use super::Edition;
use super::german;
use super::layout::{AuszugField, Field, Grouping, Layout, Part, VoteStyle, fill};

/// One block of the protocol. Formats separate blocks by a blank line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// Lines above the title: "Gemeinde Musterhausen".
    Letterhead(Vec<String>),
    /// "Niederschrift", "Auszug".
    Title(String),
    /// The line under the title: "über die öffentliche Sitzung der Gemeindevertretung …".
    Subtitle(String),
    /// A part of the document: "Anwesend:", "Tagesordnung:", "II. Nichtöffentlicher Teil".
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
    /// Blocks a page must not split (a vote block, the signatures); other formats write them
    /// as if they stood alone.
    Keep(Vec<Block>),
}

/// What a paged format puts on every page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMarks {
    /// "Bauausschuss – Sitzung vom 14.03.2024"; `{seite}` and `{seiten}` left to fill.
    pub running_header: String,
    /// "Seite {seite} von {seiten}".
    pub page_mark: String,
    /// "Nichtöffentlich – nicht zur Veröffentlichung", "Entwurf": on every page.
    pub marks: Vec<String>,
}

/// What the document is about, for a format's page title.
pub struct Document {
    pub title: String,
    /// The body, as the document's author in a PDF's metadata.
    pub author: String,
    /// The session's day, as the PDF's date (so that the same session gives the same file).
    pub date: chrono::NaiveDate,
    pub blocks: Vec<Block>,
    pub page: PageMarks,
}

/// The parts of the Niederschrift in the order dealt with: closed (`true`) or not, and the
/// indices of their items in the session rendered. In the public edition a closed part is
/// empty (only its heading may stay).
pub type Plan = Vec<(bool, Vec<usize>)>;

/// What a house style needs to write one session.
struct Ctx<'a> {
    s: &'a Session,
    layout: &'a Layout,
    values: Vec<(&'static str, String)>,
}

impl<'a> Ctx<'a> {
    fn new(s: &'a Session, layout: &'a Layout, edition: Edition, any_closed: bool) -> Self {
        let present = s
            .persons
            .iter()
            .filter(|p| p.kind == PersonKind::Mitglied && p.presence == Presence::Anwesend)
            .count();
        let all_closed = !s.agenda.is_empty() && s.agenda.iter().all(|i| s.is_closed(i));
        // Where the public edition keeps the heading of a closed part, the title says there was one.
        let art = match (edition, any_closed) {
            (Edition::Internal, true) if all_closed => "nichtöffentliche",
            (_, true) => "öffentliche und nichtöffentliche",
            _ => "öffentliche",
        };
        let time = |t: Option<Time>| t.map(|t| t.hhmm()).unwrap_or_default();
        let values = vec![
            ("gremium", s.body.clone()),
            ("des_gremiums", german::body_genitive(&s.body)),
            ("datum", german::date(s.date)),
            ("datum_lang", german::long_date(s.date)),
            ("wochentag", german::weekday(s.date).to_string()),
            ("nummer", s.number.clone().unwrap_or_default()),
            ("ort", s.place.clone().unwrap_or_default()),
            ("beginn", time(s.start)),
            ("ende", time(s.end)),
            ("art", art.to_string()),
            ("anwesend", present.to_string()),
            ("mitglieder", s.legal_members().to_string()),
            // Left for the paged format to fill.
            ("seite", "{seite}".to_string()),
            ("seiten", "{seiten}".to_string()),
        ];
        Ctx { s, layout, values }
    }

    fn fill(&self, template: &str) -> String {
        fill(template, &self.values)
    }

    /// A template about one item: its number and title too.
    fn fill_item(&self, template: &str, item: &AgendaItem) -> String {
        let mut values = self.values.clone();
        values.push(("top", item.number.clone()));
        values.push(("titel", item.title.clone()));
        fill(template, &values)
    }

    fn fill_vorlage(&self, template: &str, v: &crate::domain::Vorlage) -> String {
        let mut values = self.values.clone();
        values.push(("vorlage", v.number.clone()));
        let kind = v.kind.as_deref().map(str::trim).filter(|k| !k.is_empty());
        values.push(("vorlagenart", kind.unwrap_or("Vorlage").to_string()));
        fill(template, &values)
    }

    fn page_marks(&self, edition: Edition, confidential: bool) -> PageMarks {
        let mut marks = Vec::new();
        if edition == Edition::Internal && confidential {
            marks.push(self.fill(&self.layout.page.confidential));
        }
        if self.s.stage() == crate::domain::life::Stage::Entwurf {
            marks.push(self.fill(&self.layout.page.draft));
        }
        PageMarks {
            running_header: self.fill(&self.layout.page.running_header),
            page_mark: self.layout.page.page_mark.clone(),
            marks,
        }
    }
}

/// A label block, none where the house style leaves the label empty.
fn label(text: &str) -> Option<Block> {
    (!text.trim().is_empty()).then(|| Block::Label(text.to_string()))
}

/// "I", "II", … for the parts.
fn roman(n: usize) -> String {
    const R: [(usize, &str); 9] = [
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
        (0, ""),
    ];
    let mut n = n.min(99);
    let mut out = String::new();
    for (value, letters) in R {
        while value > 0 && n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// The whole Niederschrift of a session, its items in the parts of `plan`.
pub fn niederschrift(s: &Session, edition: Edition, layout: &Layout, plan: &Plan) -> Document {
    let any_closed = plan.iter().any(|(closed, _)| *closed);
    let ctx = Ctx::new(s, layout, edition, any_closed);
    let mut b = Vec::new();
    if !layout.letterhead.is_empty() {
        b.push(Block::Letterhead(
            layout.letterhead.iter().map(|l| ctx.fill(l)).collect(),
        ));
    }
    b.push(Block::Title(ctx.fill(&layout.title)));
    if let Some(sub) = &layout.subtitle {
        b.push(Block::Subtitle(ctx.fill(sub)));
    }
    // Until the chair and the minute-taker have signed, it is a draft and says so.
    if s.stage() == crate::domain::life::Stage::Entwurf {
        b.push(Block::Para("Entwurf – noch nicht unterschrieben.".into()));
    }
    let internal_closed = edition == Edition::Internal && any_closed;
    if internal_closed {
        b.push(Block::Para(
            "Interne Fassung mit nichtöffentlichem Teil – nicht zur Veröffentlichung.".into(),
        ));
    }
    b.push(Block::Fields(header_fields(&ctx)));
    b.extend(attendance(&ctx));
    // Part headings where there is more than the one public part.
    let headed = plan.len() > 1 || plan.first().is_some_and(|(closed, _)| *closed);
    let part_heading = |n: usize, closed: bool| {
        let name = if closed {
            &layout.agenda.closed_part
        } else {
            &layout.agenda.public_part
        };
        if layout.agenda.numbered_parts {
            format!("{}. {}", roman(n + 1), ctx.fill(name))
        } else {
            ctx.fill(name)
        }
    };
    b.push(Block::Section(ctx.fill(&layout.agenda.heading)));
    for (n, (closed, items)) in plan.iter().enumerate() {
        let lines: Vec<String> = items
            .iter()
            .filter_map(|&i| s.agenda.get(i))
            .map(|i| agenda_line(&ctx, i))
            .collect();
        match (headed, lines.is_empty()) {
            (false, _) => b.push(Block::Lines(lines)),
            (true, true) => b.push(Block::Label(part_heading(n, *closed))),
            (true, false) => b.push(Block::Labeled {
                label: part_heading(n, *closed),
                lines,
            }),
        }
    }
    for (n, (closed, items)) in plan.iter().enumerate() {
        if headed {
            b.push(Block::Section(part_heading(n, *closed)));
        }
        // The public edition keeps the heading of a closed part, and says why nothing follows.
        if *closed && items.is_empty() {
            b.push(Block::Para(
                "Der nichtöffentliche Teil wird gesondert protokolliert.".into(),
            ));
        }
        for item in items.iter().filter_map(|&i| s.agenda.get(i)) {
            b.push(Block::ItemHeading(
                ctx.fill_item(&layout.item.heading, item),
            ));
            b.extend(item_blocks(&ctx, item, true));
        }
    }
    b.extend(life_blocks(s));
    b.extend(signatures(&ctx));
    b.extend(approval_blocks(s));
    Document {
        title: format!("Niederschrift {} {}", s.body, german::date(s.date)),
        author: s.body.clone(),
        date: s.date,
        blocks: b,
        page: ctx.page_marks(edition, internal_closed),
    }
}

/// The Auszug of one item: it stands alone (body, session, date, TOP, Vorlage, status), with
/// the certification the house style names.
pub fn auszug(s: &Session, item: &AgendaItem, edition: Edition, layout: &Layout) -> Document {
    let closed = s.is_closed(item);
    let ctx = Ctx::new(s, layout, edition, closed);
    let mut blocks = Vec::new();
    if !layout.letterhead.is_empty() {
        blocks.push(Block::Letterhead(
            layout.letterhead.iter().map(|l| ctx.fill(l)).collect(),
        ));
    }
    blocks.push(Block::Title(ctx.fill(&layout.auszug.title)));
    if s.stage() == crate::domain::life::Stage::Entwurf {
        blocks.push(Block::Para(
            "Entwurf – die Niederschrift ist noch nicht unterschrieben.".into(),
        ));
    }
    let fields: Vec<(String, String)> = layout
        .auszug
        .fields
        .iter()
        .filter_map(|(field, label)| {
            let value = match field {
                AuszugField::Gremium => s.body.clone(),
                AuszugField::Sitzung => s.number.as_ref().map(|_| ctx.fill(&layout.number))?,
                AuszugField::Datum => german::short_weekday_date(s.date),
                AuszugField::Top => {
                    format!("{} {}", if closed { "N" } else { "Ö" }, item.number)
                }
                AuszugField::Vorlage => {
                    let v = item.vorlage.as_ref()?;
                    match v.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
                        Some(kind) => format!("{} ({kind})", v.number),
                        None => v.number.clone(),
                    }
                }
                AuszugField::Status => if closed {
                    "nichtöffentlich"
                } else {
                    "öffentlich"
                }
                .to_string(),
                AuszugField::Beschluss => german::outcome(item.outcome?).to_string(),
                AuszugField::Zeit => {
                    let (from, to) = (item.started?, item.ended?);
                    format!("{} bis {} Uhr", from.hhmm(), to.hhmm())
                }
            };
            Some((label.clone(), value))
        })
        .collect();
    if !fields.is_empty() {
        blocks.push(Block::Fields(fields));
    }
    blocks.push(Block::ItemHeading(
        ctx.fill_item(&layout.auszug.heading, item),
    ));
    blocks.extend(item_blocks(&ctx, item, false));
    if let Some(cert) = &layout.auszug.certification {
        let signer = s
            .minute_taker
            .as_deref()
            .and_then(|id| s.person(id))
            .map(|p| {
                (
                    german::minute_taker_title(p).to_string(),
                    german::full_name(p),
                )
            })
            .unwrap_or_else(|| ("Protokollführung".to_string(), String::new()));
        blocks.push(Block::Keep(vec![
            Block::Para(ctx.fill(cert)),
            Block::Signatures(vec![signer]),
        ]));
    }
    Document {
        title: format!("Auszug {} TOP {}", german::date(s.date), item.number),
        author: s.body.clone(),
        date: s.date,
        blocks,
        page: ctx.page_marks(edition, closed),
    }
}

fn header_fields(ctx: &Ctx) -> Vec<(String, String)> {
    let s = ctx.s;
    ctx.layout
        .header
        .iter()
        .filter_map(|(field, label)| {
            let value = match field {
                Field::Gremium => s.body.clone(),
                Field::Nummer => s.number.as_ref().map(|_| ctx.fill(&ctx.layout.number))?,
                Field::Datum => german::date(s.date),
                Field::DatumMitWochentag => {
                    format!("{}, {}", german::weekday(s.date), german::date(s.date))
                }
                Field::Beginn => format!("{} Uhr", s.start?.hhmm()),
                Field::Ende => format!("{} Uhr", s.end?.hhmm()),
                Field::Dauer => format!("{} bis {} Uhr", s.start?.hhmm(), s.end?.hhmm()),
                Field::Ort => s.place.clone()?,
                Field::Mitgliederzahl => s.legal_members().to_string(),
                Field::Anwesenheit => {
                    let present = ctx.values.iter().find(|(k, _)| *k == "anwesend")?;
                    format!("{} von {} Mitgliedern", present.1, s.legal_members())
                }
            };
            Some((label.clone(), value))
        })
        .collect()
}

/// "Herr Peter Ahrens (ab 19:25 Uhr, i. V. für Frau Berger)".
fn attendee(s: &Session, p: &Person, with_fraktion: bool) -> String {
    attendee_noted(s, p, with_fraktion, None)
}

fn attendee_noted(s: &Session, p: &Person, with_fraktion: bool, extra: Option<&str>) -> String {
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
    notes.extend(extra.map(str::to_string));
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

fn attendance(ctx: &Ctx) -> Vec<Block> {
    let (s, a) = (ctx.s, &ctx.layout.attendance);
    let present: Vec<&Person> = s
        .persons
        .iter()
        .filter(|p| p.presence == Presence::Anwesend)
        .collect();
    let mut b = vec![Block::Section(ctx.fill(&a.heading))];
    if let Some(count) = &a.count
        && s.legal_members() > 0
    {
        b.push(Block::Para(ctx.fill(count)));
    }
    let chair = s.chair.as_deref().and_then(|id| s.person(id));
    // The chair under a label of their own, where the house style has one.
    let apart = match (&a.chair, chair) {
        (Some(label), Some(chair)) if chair.presence == Presence::Anwesend => {
            b.push(Block::Labeled {
                label: ctx.fill(label),
                lines: vec![attendee(s, chair, true)],
            });
            Some(chair.id.as_str())
        }
        _ => None,
    };
    let listed = |p: &&&Person| apart != Some(p.id.as_str());
    let of_kind = |kind: PersonKind| -> Vec<&Person> {
        present
            .iter()
            .filter(listed)
            .filter(|p| p.kind == kind)
            .copied()
            .collect()
    };
    let members = of_kind(PersonKind::Mitglied);
    let others = [
        (PersonKind::Beratend, &a.advisory),
        (PersonKind::Verwaltung, &a.staff),
        (PersonKind::Gast, &a.guests),
    ];
    // Advisory members, staff and guests under their headings, after the members.
    let push_others = |b: &mut Vec<Block>| {
        for (kind, heading) in others {
            let lines: Vec<String> = of_kind(kind).iter().map(|p| attendee(s, p, true)).collect();
            if !lines.is_empty() {
                b.push(Block::Labeled {
                    label: ctx.fill(heading),
                    lines,
                });
            }
        }
    };
    match a.grouping {
        Grouping::Fraktionen => {
            let mut fraktionen: Vec<&str> = Vec::new();
            for p in &members {
                let f = p.fraktion.as_deref().unwrap_or("fraktionslos");
                if !fraktionen.contains(&f) {
                    fraktionen.push(f);
                }
            }
            if !fraktionen.is_empty() {
                b.extend(label(&ctx.fill(&a.members)));
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
            push_others(&mut b);
        }
        Grouping::Rollen => {
            let groups = std::iter::once((PersonKind::Mitglied, &a.members)).chain(others);
            let mut letter = b'a';
            for (kind, heading) in groups {
                let lines: Vec<String> =
                    of_kind(kind).iter().map(|p| attendee(s, p, true)).collect();
                if !lines.is_empty() {
                    b.push(Block::Labeled {
                        label: format!("{}) {}", letter as char, ctx.fill(heading)),
                        lines,
                    });
                    letter += 1;
                }
            }
        }
        Grouping::Liste => {
            // All members, absentees in their place; the chair first, then by family name.
            let mut all: Vec<&Person> = s
                .persons
                .iter()
                .filter(|p| p.kind == PersonKind::Mitglied && apart != Some(p.id.as_str()))
                .collect();
            all.sort_by_key(|p| {
                (
                    s.chair.as_deref() != Some(p.id.as_str()),
                    p.family_name.to_lowercase(),
                    p.given_name.to_lowercase(),
                )
            });
            let lines: Vec<String> = all
                .iter()
                .enumerate()
                .map(|(n, p)| {
                    let absent = match p.presence {
                        Presence::Anwesend => None,
                        Presence::Entschuldigt => Some("entschuldigt"),
                        Presence::Fehlend => Some("fehlt"),
                    };
                    format!("{}. {}", n + 1, attendee_noted(s, p, true, absent))
                })
                .collect();
            if !lines.is_empty() {
                b.push(Block::Lines(lines));
            }
            push_others(&mut b);
        }
    }
    for (presence, heading) in [
        (Presence::Entschuldigt, &a.excused),
        (Presence::Fehlend, &a.absent),
    ] {
        let lines: Vec<String> = s
            .persons
            .iter()
            .filter(|p| p.presence == presence)
            // The list names its absent members in place.
            .filter(|p| a.grouping != Grouping::Liste || p.kind != PersonKind::Mitglied)
            .map(|p| attendee(s, p, true))
            .collect();
        if !lines.is_empty() {
            b.push(Block::Labeled {
                label: ctx.fill(heading),
                lines,
            });
        } else if a.keep_empty {
            b.extend(label(&ctx.fill(heading)));
        }
    }
    b
}

fn agenda_line(ctx: &Ctx, i: &AgendaItem) -> String {
    match &i.vorlage {
        Some(v) => format!(
            "{} {} {}",
            i.number,
            i.title,
            ctx.fill_vorlage(&ctx.layout.agenda.vorlage, v)
        ),
        None => format!("{} {}", i.number, i.title),
    }
}

/// The blocks of an item under its heading, in the house style's order.
fn item_blocks(ctx: &Ctx, item: &AgendaItem, in_niederschrift: bool) -> Vec<Block> {
    let (s, l) = (ctx.s, &ctx.layout.item);
    // Taken off the agenda: nothing else of it, only why, where that was said.
    let off = item.outcome == Some(crate::domain::Outcome::Abgesetzt);
    let mut b = Vec::new();
    // The approval item names the session whose Niederschrift it deals with.
    if let Some(stem) = item.approves.as_deref().filter(|s| !s.trim().is_empty()) {
        let day = stem
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        // The date, not the file's name: that is the archive's business.
        if let Some(day) = day {
            b.push(Block::Para(format!(
                "Betrifft die Niederschrift über die Sitzung vom {}.",
                german::date(day)
            )));
        }
    }
    for part in &l.blocks {
        match part {
            Part::Zeit => {
                if in_niederschrift && let (Some(from), Some(to)) = (item.started, item.ended) {
                    b.push(Block::Para(format!(
                        "{} bis {} Uhr",
                        from.hhmm(),
                        to.hhmm()
                    )));
                }
            }
            Part::Status => {
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
            }
            Part::Vorlage => {
                if let Some(v) = &item.vorlage {
                    b.push(Block::Para(ctx.fill_vorlage(&l.vorlage, v)));
                }
            }
            Part::Ergebnis => {
                if let Some(outcome) = item.outcome {
                    b.push(Block::Labeled {
                        label: l.outcome.clone(),
                        lines: vec![german::outcome(outcome).into()],
                    });
                }
                if off {
                    b.extend(off_reason(s, item));
                }
            }
            Part::Wortprotokoll if !off => {
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
                    b.extend(label(&l.minutes));
                    b.extend(paragraphs.into_iter().map(Block::Para));
                }
            }
            Part::Beschluss if !off => b.extend(resolution(ctx, item)),
            Part::Anlagen if !off => {
                if let Some(v) = item.vorlage.as_ref().filter(|v| !v.attachments.is_empty()) {
                    b.push(Block::Labeled {
                        label: l.attachments.clone(),
                        lines: v.attachments.clone(),
                    });
                }
            }
            Part::Wortprotokoll | Part::Beschluss | Part::Anlagen => {}
        }
    }
    // A house style without the outcome block still says why an item was taken off.
    if off && !l.blocks.contains(&Part::Ergebnis) {
        b.extend(off_reason(s, item));
    }
    b
}

/// "Grund: …" of an item taken off the agenda, where a reason was given.
fn off_reason(s: &Session, item: &AgendaItem) -> Option<Block> {
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
    reason
        .filter(|r| !r.trim().is_empty())
        .map(|r| Block::Para(format!("Grund: {}", r.trim())))
}

/// The proposal, the votes and the wording adopted: both texts, as published protocols print
/// them, the proposal as the Vorlage made it, the votes (amendments first), and the resolution
/// in its changed wording.
fn resolution(ctx: &Ctx, item: &AgendaItem) -> Vec<Block> {
    let l = &ctx.layout.item;
    let text_of = |label_text: &str, text: &str| -> Vec<Block> {
        label(label_text)
            .into_iter()
            .chain(
                text.split("\n\n")
                    .map(|p| Block::Para(p.trim().to_string())),
            )
            .collect()
    };
    let filled = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
    let mut b = Vec::new();
    match (filled(&item.proposal), filled(&item.amended_proposal)) {
        (Some(original), Some(amended)) => {
            b.extend(text_of(&l.proposal, &original));
            b.extend(votes(ctx, item));
            let heading = if item.outcome.is_some_and(|o| o.is_passed()) {
                &l.amended_adopted
            } else {
                &l.amended
            };
            b.extend(text_of(heading, &amended));
        }
        (original, amended) => {
            if let Some(text) = original.or(amended) {
                b.extend(text_of(&l.proposal, &text));
            }
            b.extend(votes(ctx, item));
        }
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

fn votes(ctx: &Ctx, item: &AgendaItem) -> Vec<Block> {
    let (s, v) = (ctx.s, &ctx.layout.votes);
    let mut b: Vec<Block> = item
        .motions
        .iter()
        .filter_map(|m| m.election.as_ref())
        .map(|e| Block::Keep(election_blocks(s, e)))
        .collect();
    // In the order voted on (the voting order may differ from the order moved); a vote without
    // a time keeps its place after those with one.
    let mut voted: Vec<&Motion> = item.motions.iter().filter(|m| m.vote.is_some()).collect();
    voted.sort_by_key(|m| {
        let at = m.vote.and_then(|v| v.at);
        (at.is_none(), at)
    });
    for (n, motion) in voted.iter().enumerate() {
        let Some(vote) = motion.vote else { continue };
        // The label goes with the first vote: a page does not end on it.
        let mut block: Vec<Block> = Vec::new();
        if n == 0 {
            block.extend(label(&ctx.layout.item.result));
        }
        // A lone vote on the Beschlussvorschlag needs no caption; anything else says what was voted on.
        if voted.len() > 1 || motion.kind != MotionKind::Beschlussvorschlag {
            block.push(Block::Para(german::motion_caption(s, item, motion)));
        }
        let evaluation = evaluate(&vote, motion.majority, s.basis(Some(item), vote.at));
        if v.summary {
            block.push(Block::Para(german::summary(evaluation.summary)));
        }
        if v.entitled {
            block.push(Block::Para(format!(
                "Stimmberechtigte: {}",
                s.entitled(Some(item), vote.at)
            )));
        }
        let befangen = item.befangen.len();
        block.push(match v.style {
            VoteStyle::Allris => Block::Para(format!(
                "Zustimmung: {}  Ablehnung: {}  Enthaltung: {}",
                german::count(vote.yes),
                german::count(vote.no),
                german::count(vote.abstain)
            )),
            VoteStyle::SessionNet => Block::Para(format!(
                "Ja: {}, Nein: {}, Enthaltungen: {}, Befangen: {befangen}",
                vote.yes, vote.no, vote.abstain,
            )),
            VoteStyle::SessionNetZeilen => Block::Lines(vec![
                format!("Ja-Stimmen: {}", vote.yes),
                format!("Nein-Stimmen: {}", vote.no),
                format!("Enthaltungen: {}", vote.abstain),
                format!("Befangen: {befangen}"),
            ]),
            VoteStyle::Amt => Block::Para(format!(
                "Abstimmung: {} dafür, {} dagegen, {} {}",
                vote.yes,
                vote.no,
                vote.abstain,
                if vote.abstain == 1 {
                    "Enthaltung"
                } else {
                    "Enthaltungen"
                }
            )),
        });
        // Names that do not add up to the counts (a hand-edited file; `check` says so) are
        // not printed beside them.
        let fits = !motion.ballot.counts_by_name()
            || motion.ballot.tally() == crate::domain::Vote::new(vote.yes, vote.no, vote.abstain);
        if fits {
            block.extend(ballot_blocks(s, &motion.ballot));
        }
        b.push(Block::Keep(block));
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

/// The signatures: the chair, or, where more than one person chaired, each of them with the
/// items they chaired ([`Session::chairs_by_item`]); the minute-taker last. Kept on one page,
/// with the place and date line the house style has.
fn signatures(ctx: &Ctx) -> Option<Block> {
    let s = ctx.s;
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
    // Further members where the Land has them sign (Saarland: two): who did, and lines for
    // those still to sign.
    let required = s.signers();
    let further = s.land.minutes_law().further_signers;
    if further > 0 {
        let signed: Vec<&Person> = s
            .life
            .signatures
            .iter()
            .filter(|sig| !required.contains(&sig.by))
            .filter_map(|sig| s.person(&sig.by))
            .filter(|p| p.kind == PersonKind::Mitglied)
            .take(further)
            .collect();
        for n in 0..further {
            let name = signed
                .get(n)
                .map(|p| german::full_name(p))
                .unwrap_or_default();
            cols.push(("Mitglied".to_string(), name));
        }
    }
    if cols.is_empty() {
        return None;
    }
    let mut keep: Vec<Block> = ctx
        .layout
        .signatures
        .place_date
        .iter()
        .map(|t| Block::Para(ctx.fill(t)))
        .collect();
    keep.push(Block::Signatures(cols));
    Some(Block::Keep(keep))
}
