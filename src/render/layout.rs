//! House styles: how one council writes its Niederschrift and its Auszug, as data.
//!
//! A layout is a RON file (`layout.ron` beside the sessions, or named with `--layout`); the
//! presets in `layouts/` are such files, compiled in, and read by the same reader
//! ([`crate::store::load_layout`]). A council adapts one by copying it (`sitzung layout allris`).
//! Texts are templates with placeholders in braces, `{datum}`; which ones a text may use is
//! checked when the file is read ([`Layout::unknown_placeholder`]).

use serde::{Deserialize, Serialize};

/// The presets that ship, by name: (name, what it is, the file).
pub const PRESETS: [(&str, &str, &str); 3] = [
    (
        "allris",
        "ALLRIS: Niederschrift und Auszug wie im Ratsinformationssystem (Voreinstellung)",
        include_str!("../../layouts/allris.ron"),
    ),
    (
        "sessionnet",
        "SessionNet: Abstimmungsergebnis mit Ja/Nein/Enthaltungen/Befangen und Stimmberechtigten",
        include_str!("../../layouts/sessionnet.ron"),
    ),
    (
        "amt-sh",
        "Amt in Schleswig-Holstein: klassische Niederschrift mit \"zu TOP\" und Teilen I./II./III.",
        include_str!("../../layouts/amt-sh.ron"),
    ),
];

/// A council's house style. Every field is required in the file, so that a copied preset shows
/// everything that can be changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// "ALLRIS", shown by `sitzung layout`.
    pub name: String,
    /// Lines above the title: "Gemeinde Musterhausen", "Der Bürgermeister".
    pub letterhead: Vec<String>,
    /// "Niederschrift", "N i e d e r s c h r i f t".
    pub title: String,
    /// The line under it: "über die {art} Sitzung {des_gremiums} am {wochentag}, dem {datum}".
    pub subtitle: Option<String>,
    /// The session number as the header and the Auszug write it: "Nr. {nummer}".
    pub number: String,
    /// The header fields with their labels, in this order; a field without a value is left out.
    pub header: Vec<(Field, String)>,
    pub attendance: Attendance,
    pub agenda: Agenda,
    pub item: Item,
    pub votes: Votes,
    pub signatures: Signatures,
    pub auszug: Auszug,
    pub page: Page,
}

/// A field of the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    /// "Bauausschuss".
    Gremium,
    /// The session's number as the `number` template writes it: "Nr. 7/2024".
    Nummer,
    /// "14.03.2024".
    Datum,
    /// "Dienstag, 14.03.2024".
    DatumMitWochentag,
    /// "18:30 Uhr".
    Beginn,
    Ende,
    /// "18:30 bis 21:05 Uhr".
    Dauer,
    Ort,
    /// The legal number of members: "15".
    Mitgliederzahl,
    /// "13 von 15 Mitgliedern".
    Anwesenheit,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// "Anwesend:", "Anwesend sind:".
    pub heading: String,
    /// A line with the count, under the heading: "Anwesend sind {anwesend} von {mitglieder} Mitgliedern."
    pub count: Option<String>,
    pub grouping: Grouping,
    /// The label of the chair ("Vorsitz"); none: the chair is listed with the members.
    pub chair: Option<String>,
    /// Headings: members (by Fraktion: above the Fraktionen), advisory members, staff, guests.
    pub members: String,
    pub advisory: String,
    pub staff: String,
    pub guests: String,
    /// "Entschuldigt:", "Abwesend:" / "Es fehlen:".
    pub excused: String,
    pub absent: String,
    /// Print the headings of the absentees even when nobody is missing (some offices do).
    pub keep_empty: bool,
}

/// How the members present are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grouping {
    /// Under their Fraktion (ALLRIS).
    Fraktionen,
    /// Under the headings of their roles: members entitled to vote, advisory members, staff, guests,
    /// lettered "a)", "b)" ….
    Rollen,
    /// One numbered list of all members, absentees in place with "(entschuldigt)"; the others after.
    Liste,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// "Tagesordnung:".
    pub heading: String,
    /// "Öffentlicher Teil", "Nichtöffentlicher Teil".
    pub public_part: String,
    pub closed_part: String,
    /// Number the parts "I.", "II.", "III." (a public part after a closed one is a new part).
    pub numbered_parts: bool,
    /// The public edition keeps the heading of a closed part, with nothing of its items.
    pub closed_heading_in_public: bool,
    /// Under an item in the agenda, its Vorlage: "(Vorlage {vorlage})", "{vorlagenart} - {vorlage}".
    pub vorlage: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The heading of an item in the Niederschrift: "{datum} - {top} {titel}", "zu TOP {top} {titel}".
    pub heading: String,
    /// The blocks of an item, in this order. A block with nothing to say is left out.
    pub blocks: Vec<Part>,
    /// "Beschluss:" (above the outcome), "Wortprotokoll", "Beschlussvorschlag:",
    /// "Abstimmungsergebnis:", "Anlagen zur Vorlage".
    pub outcome: String,
    pub minutes: String,
    pub proposal: String,
    /// Above the changed wording, when it was adopted / when not.
    pub amended_adopted: String,
    pub amended: String,
    pub result: String,
    pub attachments: String,
    /// The Vorlage under the heading: "{vorlagenart} - {vorlage}".
    pub vorlage: String,
}

/// A block of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    /// "18:40 bis 19:05 Uhr".
    Zeit,
    /// "Nichtöffentlich (Grundstücksangelegenheit)".
    Status,
    /// The Vorlage: "Beschlussvorlage - DrS/2024/017".
    Vorlage,
    /// The outcome: "Beschluss:" / "geändert beschlossen".
    Ergebnis,
    /// The Wortprotokoll with the events of the item.
    Wortprotokoll,
    /// The proposal, the votes and, where amended, the wording adopted.
    Beschluss,
    /// The attachments of the Vorlage.
    Anlagen,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Votes {
    pub style: VoteStyle,
    /// "einstimmig" / "mehrheitlich" above the counts.
    pub summary: bool,
    /// "Stimmberechtigte: 7" first.
    pub entitled: bool,
}

/// How vote counts are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteStyle {
    /// `Zustimmung: 12  Ablehnung: -  Enthaltung: -`.
    #[default]
    Allris,
    /// `Ja: 9, Nein: 0, Enthaltungen: 0, Befangen: 0`.
    SessionNet,
    /// One line each: `Ja-Stimmen: 7` / `Nein-Stimmen: 0` / `Enthaltungen: 0` / `Befangen: 0`.
    SessionNetZeilen,
    /// `Abstimmung: 5 dafür, 0 dagegen, 0 Enthaltungen`.
    Amt,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatures {
    /// A line above the signatures: "{ort_kurz}, den ________".
    pub place_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auszug {
    /// "Auszug", "Auszug aus der Niederschrift".
    pub title: String,
    /// Fields that make it stand alone, in this order.
    pub fields: Vec<(AuszugField, String)>,
    /// The heading of the item: "{datum} - {top} {titel}".
    pub heading: String,
    /// "Für die Richtigkeit des Auszugs:", then the minute-taker's signature.
    pub certification: Option<String>,
}

/// A field of the Auszug's head.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuszugField {
    Gremium,
    /// "Nr. 7/2024" (the header's `number`), else left out.
    Sitzung,
    /// "Do, 14.03.2024".
    Datum,
    /// "Ö 6.2" / "N 9".
    Top,
    /// "DrS/2024/017 (Beschlussvorlage)".
    Vorlage,
    /// "öffentlich" / "nichtöffentlich".
    Status,
    /// "geändert beschlossen".
    Beschluss,
    /// "18:40 bis 19:05 Uhr".
    Zeit,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// The running header of the pages after the first: "{gremium} – Sitzung vom {datum}".
    pub running_header: String,
    /// The page mark in the footer: "Seite {seite} von {seiten}", "- {seite} -".
    pub page_mark: String,
    /// On every page of an internal edition with closed items.
    pub confidential: String,
    /// On every page of a draft.
    pub draft: String,
}

/// The placeholders a template may use, with what they stand for (`sitzung layout` prints them).
pub const PLACEHOLDERS: [(&str, &str); 16] = [
    ("gremium", "Name des Gremiums"),
    (
        "des_gremiums",
        "im Genitiv: der Gemeindevertretung, des Bauausschusses",
    ),
    ("datum", "Sitzungstag, 14.03.2024"),
    ("datum_lang", "14. März 2024"),
    ("wochentag", "Donnerstag"),
    ("nummer", "Sitzungsnummer, 7/2024"),
    ("ort", "Sitzungsort"),
    ("beginn", "Beginn, 18:30"),
    ("ende", "Ende, 21:05"),
    ("art", "öffentliche / öffentliche und nichtöffentliche"),
    ("anwesend", "Zahl der anwesenden Mitglieder"),
    ("mitglieder", "gesetzliche Mitgliederzahl"),
    ("top", "Nummer des TOP (nur in Überschriften von TOPs)"),
    ("titel", "Titel des TOP (nur in Überschriften von TOPs)"),
    (
        "vorlage",
        "Nummer der Vorlage (nur agenda.vorlage, item.vorlage)",
    ),
    (
        "vorlagenart",
        "Art der Vorlage, sonst \"Vorlage\" (nur agenda.vorlage, item.vorlage)",
    ),
];

/// Placeholders only the page templates know.
pub const PAGE_PLACEHOLDERS: [&str; 2] = ["seite", "seiten"];

impl Default for Layout {
    fn default() -> Self {
        Layout::preset("allris").unwrap_or_else(Layout::fallback)
    }
}

impl Layout {
    /// A preset by name; `None` for a name that is none.
    pub fn preset(name: &str) -> Option<Layout> {
        let (_, _, text) = PRESETS.iter().find(|(n, _, _)| *n == name)?;
        // The presets are tested to parse; should one not, the fallback keeps rendering.
        ron::from_str(text).ok()
    }

    /// The text of a preset, to copy.
    pub fn preset_text(name: &str) -> Option<&'static str> {
        PRESETS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, _, t)| *t)
    }

    /// Every template of the layout with the name of its field and the placeholders beyond the
    /// common ones it may use.
    fn templates(&self) -> Vec<(&'static str, &str, &'static [&'static str])> {
        const ITEM: &[&str] = &["top", "titel"];
        const VORLAGE: &[&str] = &["vorlage", "vorlagenart"];
        const PAGE: &[&str] = &PAGE_PLACEHOLDERS;
        let mut out: Vec<(&'static str, &str, &'static [&'static str])> = vec![
            ("title", &self.title, &[]),
            ("attendance.heading", &self.attendance.heading, &[]),
            ("agenda.vorlage", &self.agenda.vorlage, VORLAGE),
            ("agenda.heading", &self.agenda.heading, &[]),
            ("agenda.public_part", &self.agenda.public_part, &[]),
            ("agenda.closed_part", &self.agenda.closed_part, &[]),
            ("attendance.members", &self.attendance.members, &[]),
            ("attendance.advisory", &self.attendance.advisory, &[]),
            ("attendance.staff", &self.attendance.staff, &[]),
            ("attendance.guests", &self.attendance.guests, &[]),
            ("attendance.excused", &self.attendance.excused, &[]),
            ("attendance.absent", &self.attendance.absent, &[]),
            ("item.heading", &self.item.heading, ITEM),
            ("item.vorlage", &self.item.vorlage, VORLAGE),
            ("auszug.title", &self.auszug.title, &[]),
            ("auszug.heading", &self.auszug.heading, ITEM),
            ("number", &self.number, &[]),
            ("page.running_header", &self.page.running_header, PAGE),
            ("page.page_mark", &self.page.page_mark, PAGE),
            ("page.confidential", &self.page.confidential, PAGE),
            ("page.draft", &self.page.draft, PAGE),
        ];
        for line in &self.letterhead {
            out.push(("letterhead", line, &[]));
        }
        if let Some(t) = &self.subtitle {
            out.push(("subtitle", t, &[]));
        }
        if let Some(t) = &self.attendance.chair {
            out.push(("attendance.chair", t, &[]));
        }
        if let Some(t) = &self.attendance.count {
            out.push(("attendance.count", t, &[]));
        }
        if let Some(t) = &self.signatures.place_date {
            out.push(("signatures.place_date", t, &[]));
        }
        if let Some(t) = &self.auszug.certification {
            out.push(("auszug.certification", t, &[]));
        }
        out
    }

    /// Labels printed as they are: no placeholders there.
    fn labels(&self) -> Vec<(&'static str, &str)> {
        let i = &self.item;
        let mut out: Vec<(&'static str, &str)> = vec![
            ("item.outcome", &i.outcome),
            ("item.minutes", &i.minutes),
            ("item.proposal", &i.proposal),
            ("item.amended_adopted", &i.amended_adopted),
            ("item.amended", &i.amended),
            ("item.result", &i.result),
            ("item.attachments", &i.attachments),
        ];
        out.extend(self.header.iter().map(|(_, l)| ("header", l.as_str())));
        out.extend(
            self.auszug
                .fields
                .iter()
                .map(|(_, l)| ("auszug.fields", l.as_str())),
        );
        out
    }

    /// The first mistake in a text of the layout: (field, the placeholder as written, or what
    /// is wrong with the braces).
    pub fn unknown_placeholder(&self) -> Option<(&'static str, String)> {
        for (field, label) in self.labels() {
            if label.contains(['{', '}']) {
                return Some((field, "hier sind keine Platzhalter möglich".to_string()));
            }
        }
        for (field, template, extra) in self.templates() {
            if let Some(problem) = brace_problem(template) {
                return Some((field, problem.to_string()));
            }
            for key in placeholders(template) {
                let known = PLACEHOLDERS.iter().any(|(k, _)| *k == key) && !is_local(key)
                    || extra.contains(&key);
                if !known {
                    return Some((field, format!("{{{key}}}")));
                }
            }
        }
        None
    }

    /// Only used should a compiled-in preset fail to parse (a test forbids that).
    fn fallback() -> Layout {
        Layout {
            name: "ALLRIS".into(),
            letterhead: Vec::new(),
            title: "Niederschrift".into(),
            subtitle: None,
            number: "{nummer}".into(),
            header: vec![(Field::Gremium, "Gremium:".into())],
            attendance: Attendance {
                heading: "Anwesend:".into(),
                count: None,
                grouping: Grouping::Fraktionen,
                chair: Some("Vorsitz".into()),
                members: "Mitglieder".into(),
                advisory: "Beratende Mitglieder".into(),
                staff: "Verwaltung".into(),
                guests: "Gäste".into(),
                excused: "Entschuldigt:".into(),
                absent: "Abwesend:".into(),
                keep_empty: false,
            },
            agenda: Agenda {
                heading: "Tagesordnung:".into(),
                public_part: "Öffentlicher Teil".into(),
                closed_part: "Nichtöffentlicher Teil".into(),
                numbered_parts: false,
                closed_heading_in_public: false,
                vorlage: "(Vorlage {vorlage})".into(),
            },
            item: Item {
                heading: "{datum} - {top} {titel}".into(),
                blocks: vec![
                    Part::Zeit,
                    Part::Status,
                    Part::Ergebnis,
                    Part::Wortprotokoll,
                    Part::Beschluss,
                    Part::Anlagen,
                ],
                outcome: "Beschluss:".into(),
                minutes: "Wortprotokoll".into(),
                proposal: "Beschlussvorschlag:".into(),
                amended_adopted: "Beschluss in der geänderten Fassung:".into(),
                amended: "Geänderter Beschlussvorschlag:".into(),
                result: "Abstimmungsergebnis:".into(),
                attachments: "Anlagen zur Vorlage".into(),
                vorlage: "{vorlagenart} - {vorlage}".into(),
            },
            votes: Votes {
                style: VoteStyle::Allris,
                summary: true,
                entitled: false,
            },
            signatures: Signatures { place_date: None },
            auszug: Auszug {
                title: "Auszug".into(),
                fields: Vec::new(),
                heading: "{datum} - {top} {titel}".into(),
                certification: None,
            },
            page: Page {
                running_header: "{gremium} – Sitzung vom {datum}".into(),
                page_mark: "Seite {seite} von {seiten}".into(),
                confidential: "Nichtöffentlich – nicht zur Veröffentlichung".into(),
                draft: "Entwurf".into(),
            },
        }
    }
}

/// What is wrong with the braces of a template, if anything.
fn brace_problem(template: &str) -> Option<&'static str> {
    let mut open = false;
    for c in template.chars() {
        match (c, open) {
            ('{', true) => return Some("{ innerhalb von { }"),
            ('{', false) => open = true,
            ('}', false) => return Some("} ohne {"),
            ('}', true) => open = false,
            _ => {}
        }
    }
    open.then_some("{ ohne }")
}

/// Placeholders a template may only use where its field allows them.
fn is_local(key: &str) -> bool {
    ["top", "titel", "vorlage", "vorlagenart"].contains(&key)
}

/// The names in braces of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => {
                out.push(after);
                break;
            }
        }
    }
    out
}

/// Fills a template: each `{key}` by its value; a key without a value becomes empty.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let key = &after[..close];
        if let Some((_, v)) = values.iter().find(|(k, _)| *k == key) {
            out.push_str(v);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    // A value left empty may leave a doubled or trailing space: "Nr.  " reads as a mistake.
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_and_uses_only_known_placeholders() {
        for (name, _, text) in PRESETS {
            let layout: Layout = ron::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(layout.unknown_placeholder(), None, "{name}");
            assert_eq!(Layout::preset(name), Some(layout));
        }
    }

    #[test]
    fn the_default_is_the_allris_preset() {
        assert_eq!(Layout::default().name, "ALLRIS");
        assert_eq!(
            Layout::default(),
            Layout::preset("allris").unwrap_or_else(Layout::fallback)
        );
    }

    #[test]
    fn templates_fill_and_unknown_names_are_found() {
        assert_eq!(
            fill(
                "zu TOP {top} {titel}",
                &[("top", "4.1".into()), ("titel", "Bau".into())]
            ),
            "zu TOP 4.1 Bau"
        );
        assert_eq!(
            fill("Nr. {nummer} am {datum}", &[("datum", "1.1.".into())]),
            "Nr. am 1.1."
        );
        assert_eq!(placeholders("a {x} b {y"), vec!["x", "y"]);
        let mut l = Layout::fallback();
        l.title = "Niederschrift {datum}".into();
        assert_eq!(l.unknown_placeholder(), None);
        l.title = "Niederschrift {top}".into();
        assert_eq!(l.unknown_placeholder(), Some(("title", "{top}".into())));
        for (broken, why) in [
            ("a {", "{ ohne }"),
            ("}{", "} ohne {"),
            ("{{x}}", "{ innerhalb von { }"),
        ] {
            l.title = broken.into();
            assert_eq!(l.unknown_placeholder(), Some(("title", why.into())));
        }
        l.title = "x".into();
        l.item.outcome = "Beschluss vom {datum}:".into();
        assert_eq!(
            l.unknown_placeholder(),
            Some(("item.outcome", "hier sind keine Platzhalter möglich".into()))
        );
        l.item.outcome = "Beschluss:".into();
        l.agenda.heading = "Tagesordnung {datun}:".into();
        assert_eq!(
            l.unknown_placeholder(),
            Some(("agenda.heading", "{datun}".into()))
        );
        l.agenda.heading = "Tagesordnung:".into();
        l.page.page_mark = "{seite}/{seitn}".into();
        assert_eq!(
            l.unknown_placeholder(),
            Some(("page.page_mark", "{seitn}".into()))
        );
    }
}
