//! Fast line scans of the layout `save` writes (top-level fields at two spaces, agenda items at
//! four, their fields at six, minutes paragraphs at eight): what the archive list and the search
//! need, without parsing whole files. Every scan returns `None` for any other layout (a
//! hand-edited file); the caller then parses the file whole.

use std::ops::Range;

use crate::domain::{Paragraph, Person, SCHEMA_VERSION, Salutation};

use super::ron_options;

/// What the archive list shows of a session, without parsing all of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub body: String,
    pub date: chrono::NaiveDate,
    pub number: Option<String>,
    pub items: usize,
    pub decided: usize,
}

impl Summary {
    /// The summary of a parsed session.
    pub fn of(s: &crate::domain::Session) -> Summary {
        Summary {
            body: s.body.clone(),
            date: s.date,
            number: s.number.clone(),
            items: s.agenda.len(),
            decided: s.agenda.iter().filter(|i| i.outcome.is_some()).count(),
        }
    }
}

/// Reads the summary straight from the lines of a file in the layout `save` writes (top-level
/// fields at two spaces, agenda item fields at six), as fast as the bytes can be scanned.
/// `None` when the file is laid out otherwise (hand-edited): then parse it whole.
pub fn summary(bytes: &[u8]) -> Option<Summary> {
    let (mut version, mut body, mut date, mut number) = (false, None, None, None);
    let (mut items, mut decided) = (0, 0);
    let string = |value: &[u8]| -> Option<String> {
        let value = std::str::from_utf8(value)
            .ok()?
            .trim_end()
            .trim_end_matches(',');
        ron::from_str(value).ok()
    };
    for (_, line) in layout_lines(bytes) {
        if let Some(rest) = line.strip_prefix(b"      ") {
            if rest.starts_with(b"number: ") {
                items += 1;
            } else if rest.starts_with(b"outcome: ") {
                decided += 1;
            }
        } else if let Some(rest) = line.strip_prefix(b"  ") {
            if let Some(v) = rest.strip_prefix(b"version: ") {
                version = v.starts_with(format!("{SCHEMA_VERSION},").as_bytes());
            } else if let Some(v) = rest.strip_prefix(b"body: ") {
                body = string(v);
            } else if let Some(v) = rest.strip_prefix(b"date: ") {
                date =
                    string(v).and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
            } else if let Some(v) = rest.strip_prefix(b"number: ") {
                number = string(v);
            }
        }
    }
    if !version {
        return None;
    }
    Some(Summary {
        body: body?,
        date: date?,
        number,
        items,
        decided,
    })
}

/// Where the parts of a session file stand, as byte ranges into the file, to parse only the
/// parts a reader needs (a search hit, say).
#[derive(Debug)]
pub struct Skeleton {
    pub summary: Summary,
    pub persons: Option<Range<usize>>,
    pub items: Vec<SkeletonItem>,
}

/// One agenda item of a [`Skeleton`].
#[derive(Debug)]
pub struct SkeletonItem {
    pub number: String,
    /// The title where it is a plain one-line string (else parse the item's [`head`](Self::head)).
    pub title: Option<String>,
    /// The Beschlussvorschlag as voted on (`amended_proposal`, else `proposal`) where those
    /// are plain one-line strings or absent; `None` where one is not plain.
    pub resolution: Option<Option<String>>,
    /// The item's own `closed` flag (a closed "9" also closes "9.1").
    pub closed: bool,
    /// The whole item, `(` to `)`.
    pub bytes: Range<usize>,
    /// The `minutes: [ … ],` lines, if any.
    pub minutes: Option<Range<usize>>,
    /// Each minutes paragraph, `(` to `)`, for [`paragraph`].
    pub paragraphs: Vec<Range<usize>>,
    /// Who speaks in each paragraph, and whether someone asked.
    pub people: Vec<People>,
}

/// Who speaks in a paragraph and whether someone asked, as [`skeleton`] read them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People {
    /// The speaker's id, as bytes of the file; `None` for a paragraph without a speaker.
    pub speaker: Option<Range<usize>>,
    pub asked: bool,
    /// The speaker's line is not a plain string: who speaks was not read.
    pub unread: bool,
}

impl SkeletonItem {
    /// The item without its minutes, in two parts (before and after them): the minutes are
    /// most of an item's bytes and a search reads them paragraph by paragraph.
    pub fn head_parts<'a>(&self, file: &'a [u8]) -> [&'a [u8]; 2] {
        let minutes = self
            .minutes
            .clone()
            .unwrap_or(self.bytes.end..self.bytes.end);
        [
            &file[self.bytes.start..minutes.start],
            &file[minutes.end..self.bytes.end],
        ]
    }

    /// The item without its minutes, for [`parse_part`] (title, proposal, motions).
    pub fn head(&self, file: &[u8]) -> Vec<u8> {
        self.head_parts(file).concat()
    }
}

/// The lines of `bytes`, each with its offset, without the `\n`.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = bytes.get(start..).filter(|r| !r.is_empty())?;
        let line_start = start;
        let len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        start += len + 1;
        Some((line_start, &rest[..len]))
    })
}

/// A string left open at the end of a line: a plain one (`"…`) or a raw one with its number of
/// hashes (`r#"…`). `save` writes a text with line breaks over several lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    Plain,
    Raw(usize),
}

/// How a quote at `at` changes what is open: it opens a string (plain, or raw after `r` and
/// hashes), closes the one open (unless escaped, or a raw string's hashes do not follow), or
/// stands inside a raw string.
fn after_quote(bytes: &[u8], at: usize, open: Option<Open>) -> Option<Open> {
    match open {
        Some(Open::Plain) => {
            let escapes = bytes[..at]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count();
            if escapes % 2 == 1 { open } else { None }
        }
        Some(Open::Raw(n)) => {
            let closes = bytes
                .get(at + 1..at + 1 + n)
                .is_some_and(|h| h.iter().all(|&b| b == b'#'));
            if closes { None } else { open }
        }
        None => {
            let hashes = bytes[..at].iter().rev().take_while(|&&b| b == b'#').count();
            let raw = at.checked_sub(hashes + 1).is_some_and(|r| {
                bytes[r] == b'r' && (r == 0 || !bytes[r - 1].is_ascii_alphanumeric())
            });
            Some(if raw { Open::Raw(hashes) } else { Open::Plain })
        }
    }
}

/// The lines that begin outside a string, each with its offset, without the `\n`: the lines of
/// the layout, without those a text over several lines brings along (which may look like
/// anything).
fn layout_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut open = None;
    lines(bytes).filter(move |(at, line)| {
        let inside = open.is_some();
        open = if inside || memchr::memchr(b'"', line).is_some_and(|q| !one_plain_value(line, q)) {
            open_after(bytes, *at, line.len(), open)
        } else {
            None
        };
        !inside
    })
}

/// Whether a line is a field with one plain string as `save` writes it (`key: "value",`, the
/// first quote at `quote`): then no string stays open after it. The common line, told quickly.
fn one_plain_value(line: &[u8], quote: usize) -> bool {
    line.get(quote.wrapping_sub(2)..quote) == Some(b": ")
        && line.len() >= quote + 3
        && line.ends_with(b"\",")
        && memchr::memchr(b'"', &line[quote + 1..line.len() - 2]).is_none()
}

/// Whether a string is still open after the line at `start` (of `len` bytes), which begins
/// in `open`.
fn open_after(bytes: &[u8], start: usize, len: usize, mut open: Option<Open>) -> Option<Open> {
    for quote in memchr::memchr_iter(b'"', &bytes[start..start + len]) {
        open = after_quote(bytes, start + quote, open);
    }
    open
}

/// A plain one-line string value (`"…",`) as `save` writes it: no escapes, no raw string.
fn plain_string(value: &[u8]) -> Option<&str> {
    let value = value
        .strip_suffix(b",")?
        .strip_prefix(b"\"")?
        .strip_suffix(b"\"")?;
    if value.contains(&b'"') || value.contains(&b'\\') {
        return None;
    }
    std::str::from_utf8(value).ok()
}

/// The skeleton of a file in the layout `save` writes; `None` for any other layout.
pub fn skeleton(bytes: &[u8]) -> Option<Skeleton> {
    // Line ends of another system: the scans below would not know the lines.
    if memchr::memchr(b'\r', bytes).is_some() {
        return None;
    }
    // The top-level fields stand before persons and agenda: read only that far for them.
    let head_end = layout_lines(bytes)
        .find(|(_, l)| l.starts_with(b"  persons:") || l.starts_with(b"  agenda:"))
        .map_or(bytes.len(), |(at, _)| at);
    let mut summary = summary(&bytes[..head_end])?;
    let mut decided = 0;
    let mut persons = None;
    let mut persons_start = None;
    let mut items = Vec::new();
    let mut current: Option<(Option<String>, SkeletonItem)> = None;
    let mut minutes_start = None;
    let mut paragraph_start = None;
    let mut people = People::default();
    let (mut in_agenda, mut agenda_seen) = (false, false);
    let indent = |line: &[u8]| line.iter().take_while(|&&b| b == b' ').count();
    for (offset, text) in layout_lines(&bytes[head_end..]) {
        let offset = offset + head_end;
        if let Some((number, item)) = current.as_mut() {
            if minutes_start.is_some() {
                // Most lines: a paragraph's fields, at ten spaces.
                if let Some(field) = text.strip_prefix(b"          ") {
                    paragraph_start?;
                    if let Some(v) = field.strip_prefix(b"speaker: ") {
                        match plain_string(v) {
                            Some(id) => {
                                let start = offset + text.len() - v.len() + 1;
                                people.speaker = Some(start..start + id.len());
                            }
                            None => people.unread = true,
                        }
                    } else if field.starts_with(b"asked_by:") {
                        people.asked = true;
                    }
                    continue;
                }
                match text {
                    b"      ]," if paragraph_start.is_none() => {
                        item.minutes = minutes_start.take().map(|s| s..offset + 9);
                    }
                    b"        (" if paragraph_start.is_none() => {
                        paragraph_start = Some(offset);
                        people = People::default();
                    }
                    b"        )," => {
                        item.paragraphs.push(paragraph_start.take()?..offset + 9);
                        item.people.push(std::mem::take(&mut people));
                    }
                    _ => return None,
                }
            } else if text == b"    )," {
                let (number, mut item) = current.take()?;
                item.number = number?;
                item.bytes.end = offset + 5;
                items.push(item);
            } else if indent(text) < 6 {
                return None;
            } else if let Some(v) = text.strip_prefix(b"      number: ") {
                let v = std::str::from_utf8(v).ok()?.trim_end_matches(',');
                *number = ron::from_str(v).ok();
            } else if let Some(v) = text.strip_prefix(b"      title: ") {
                item.title = plain_string(v).map(str::to_string);
            } else if let Some(v) = text.strip_prefix(b"      proposal: ") {
                // The amended proposal stands later in the item and wins.
                match plain_string(v) {
                    Some(p) => {
                        if let Some(r @ None) = &mut item.resolution {
                            *r = Some(p.to_string());
                        }
                    }
                    None => item.resolution = None,
                }
            } else if let Some(v) = text.strip_prefix(b"      amended_proposal: ") {
                match plain_string(v) {
                    Some(a) if item.resolution.is_some() => item.resolution = Some(Some(a.into())),
                    _ => item.resolution = None,
                }
            } else if text == b"      closed: true," {
                item.closed = true;
            } else if text.starts_with(b"      outcome: ") {
                decided += 1;
            } else if text == b"      minutes: [" && item.minutes.is_none() {
                minutes_start = Some(offset);
            }
            continue;
        }
        match text {
            b"  persons: [" if persons_start.is_none() => persons_start = Some(offset + 11),
            b"  ]," if in_agenda => in_agenda = false,
            b"  ]," if persons_start.is_some() && persons.is_none() => {
                persons = persons_start.map(|start| start..offset + 3);
            }
            b"  agenda: [" if !agenda_seen => (in_agenda, agenda_seen) = (true, true),
            b"    (" if in_agenda => {
                let item = SkeletonItem {
                    number: String::new(),
                    title: None,
                    resolution: Some(None),
                    closed: false,
                    bytes: offset..offset,
                    minutes: None,
                    paragraphs: Vec::new(),
                    people: Vec::new(),
                };
                current = Some((None, item));
            }
            // Between items stands nothing else; persons and agenda open as above or not at all.
            _ if in_agenda => return None,
            _ if text.starts_with(b"  persons:") || text.starts_with(b"  agenda:") => return None,
            _ => {}
        }
    }
    if current.is_some() || in_agenda || (persons_start.is_some() && persons.is_none()) {
        return None;
    }
    summary.items = items.len();
    summary.decided = decided;
    Some(Skeleton {
        summary,
        persons,
        items,
    })
}

/// The persons found by [`skeleton`], enough to name them as the protocol does: id,
/// salutation, title, names and role read straight from their lines where those are plain, the
/// other fields left at a member's defaults. Parsed as RON where the lines are not plain.
pub fn person_names(bytes: &[u8]) -> Option<Vec<Person>> {
    plain_person_names(bytes).or_else(|| parse_part(bytes))
}

fn plain_person_names(bytes: &[u8]) -> Option<Vec<Person>> {
    let mut persons = Vec::new();
    let mut current: Option<Person> = None;
    for (_, line) in layout_lines(bytes) {
        match line {
            b"[" | b"  ]" => {}
            b"    (" => current = Some(Person::member("", Salutation::Keine, "", "")),
            b"    )," => persons.push(current.take()?),
            _ => {
                let person = current.as_mut()?;
                // Fields at six spaces; deeper lines belong to a list such as `away`.
                let field = line.strip_prefix(b"      ")?;
                let Some((key, value)) = split_field(field) else {
                    continue;
                };
                if value.starts_with(b"r") {
                    return None; // a raw string, maybe over several lines
                }
                let text = || plain_string(value).map(str::to_string);
                match key {
                    b"id" => person.id = text()?,
                    b"title" => person.title = Some(text()?),
                    b"given_name" => person.given_name = text()?,
                    b"family_name" => person.family_name = text()?,
                    b"role" => person.role = Some(text()?),
                    b"salutation" => {
                        person.salutation = match value {
                            b"Frau," => Salutation::Frau,
                            b"Herr," => Salutation::Herr,
                            b"Keine," => Salutation::Keine,
                            _ => return None,
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    current.is_none().then_some(persons)
}

/// `key: value` of a field line.
fn split_field(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = memchr::memmem::find(line, b": ")?;
    Some((&line[..colon], &line[colon + 2..]))
}

/// Where the persons stand in a file in the layout `save` writes, as [`skeleton`] finds them
/// (a quicker look: only as far as the persons).
pub fn persons_part(bytes: &[u8]) -> Option<Range<usize>> {
    let mut lines = layout_lines(bytes);
    let (start, _) = lines.find(|(_, l)| *l == b"  persons: [")?;
    let (end, _) = lines.find(|(_, l)| *l == b"  ],")?;
    Some(start + 11..end + 3)
}

/// A minutes paragraph found by [`skeleton`]: read straight from its lines where they are plain
/// (speaker, time and text on one line each), else parsed as RON.
pub fn paragraph(bytes: &[u8]) -> Option<Paragraph> {
    plain_paragraph(bytes).or_else(|| parse_part(bytes))
}

fn plain_paragraph(bytes: &[u8]) -> Option<Paragraph> {
    let mut lines = lines(bytes).map(|(_, l)| l);
    if lines.next()? != b"        (" {
        return None;
    }
    let mut p = Paragraph::default();
    let mut has_text = false;
    for line in lines {
        if line == b"        )" {
            return has_text.then_some(p);
        }
        let line = line.strip_prefix(b"          ")?;
        if let Some(v) = line.strip_prefix(b"speaker: ") {
            p.speaker = Some(plain_string(v)?.to_string());
        } else if let Some(v) = line.strip_prefix(b"at: ") {
            p.at = Some(plain_string(v)?.parse().ok()?);
        } else if let Some(v) = line.strip_prefix(b"text: ") {
            p.text = plain_string(v)?.to_string();
            has_text = true;
        } else {
            return None;
        }
    }
    None
}

/// Parses a part of a session file (an item, the persons) found by [`skeleton`].
pub fn parse_part<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    ron_options().from_bytes(bytes).ok()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::domain::{AgendaItem, Session};

    #[test]
    fn lines_keep_offsets_with_or_without_a_final_newline() {
        let found: Vec<_> = lines(b"a\nbc\n\nd").collect();
        assert_eq!(
            found,
            [(0, &b"a"[..]), (2, b"bc"), (5, b""), (6, b"d")],
            "the last line needs no newline"
        );
        assert_eq!(lines(b"").count(), 0);
        assert_eq!(lines(b"x\n").count(), 1);
    }

    #[test]
    fn layout_lines_leave_out_the_lines_inside_strings() {
        let text = "a: \"x\nb\",\nc: r#\"q\"\nd\"#,\ne: \"\\\"\nf\",\ng";
        let found: Vec<(usize, &str)> = layout_lines(text.as_bytes())
            .map(|(at, l)| (at, std::str::from_utf8(l).unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                (0, "a: \"x"),
                (10, "c: r#\"q\""),
                (24, "e: \"\\\""),
                (35, "g")
            ],
            "plain, raw (a quote inside) and escaped strings over two lines each"
        );
    }

    #[test]
    fn plain_lines_and_ron_read_the_same_persons_and_paragraphs() {
        let text = std::fs::read_to_string("sessions/2024-03-14_bauausschuss.ron").unwrap();
        let mut session: Session = super::super::parse(Path::new("demo.ron"), &text).unwrap();
        // A text over several lines stands on several lines, which may look like the layout:
        // the line reader hands the paragraph to RON and takes none of them for structure.
        let mut item = AgendaItem::new("99", "Anfrage \"Sporthalle\"");
        let lookalike = "erste Zeile\n    ),\n  ],\n      number: \"98\",\n      outcome: Vertagt,";
        item.minutes.push(Paragraph::by("okafor", lookalike));
        let lookalike = "zweite\n        ),\n          asked_by: [],\nZeile";
        item.minutes.push(Paragraph::by("okafor", lookalike));
        let mut asked = Paragraph::by("buergermeister", "antwortet.");
        asked.asked_by = vec!["okafor".into()];
        item.minutes.push(asked);
        session.agenda.push(item);
        let bytes = super::super::to_ron(&session).into_bytes();
        let skeleton = skeleton(&bytes).expect("the saved layout");

        let persons = person_names(&bytes[skeleton.persons.clone().unwrap()]).unwrap();
        assert_eq!(persons_part(&bytes), skeleton.persons);
        let names = |p: &Person| (p.id.clone(), p.salutation, p.title.clone(), p.role.clone());
        assert_eq!(
            persons.iter().map(names).collect::<Vec<_>>(),
            session.persons.iter().map(names).collect::<Vec<_>>()
        );
        assert_eq!(skeleton.items.len(), session.agenda.len());
        let listed = summary(&bytes).unwrap();
        assert_eq!(
            (listed.items, listed.decided),
            (
                session.agenda.len(),
                session
                    .agenda
                    .iter()
                    .filter(|i| i.outcome.is_some())
                    .count()
            ),
        );
        for (found, item) in skeleton.items.iter().zip(&session.agenda) {
            assert_eq!(found.number, item.number);
            let read: Vec<Paragraph> = found
                .paragraphs
                .iter()
                .map(|r| paragraph(&bytes[r.clone()]).unwrap())
                .collect();
            assert_eq!(read, item.minutes, "item {}", item.number);
            let head: AgendaItem = parse_part(&found.head(&bytes)).unwrap();
            assert_eq!(head.title, item.title);
            assert!(head.minutes.is_empty());
        }
        let last = skeleton.items.last().unwrap();
        assert_eq!(last.title, None, "a title with quotes is no plain string");
        let people: Vec<(Option<&[u8]>, bool)> = last
            .people
            .iter()
            .map(|p| (p.speaker.clone().map(|r| &bytes[r]), p.asked))
            .collect();
        assert_eq!(
            people,
            [
                (Some(&b"okafor"[..]), false),
                (Some(&b"okafor"[..]), false),
                (Some(&b"buergermeister"[..]), true)
            ]
        );
        assert!(last.people.iter().all(|p| !p.unread));
    }
}
