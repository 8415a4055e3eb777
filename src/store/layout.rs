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
    for (_, line) in lines(bytes) {
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
    /// The item's own `closed` flag (a closed "9" also closes "9.1").
    pub closed: bool,
    /// The whole item, `(` to `)`.
    pub bytes: Range<usize>,
    /// The `minutes: [ … ],` lines, if any.
    pub minutes: Option<Range<usize>>,
    /// Each minutes paragraph, `(` to `)`, for [`paragraph`].
    pub paragraphs: Vec<Range<usize>>,
}

impl SkeletonItem {
    /// The item without its minutes, for [`parse_part`] (title, proposal, motions): the
    /// minutes are most of an item's bytes and a search reads them paragraph by paragraph.
    pub fn head(&self, file: &[u8]) -> Vec<u8> {
        let item = &file[self.bytes.clone()];
        match &self.minutes {
            Some(m) => [
                &file[self.bytes.start..m.start],
                &file[m.end..self.bytes.end],
            ]
            .concat(),
            None => item.to_vec(),
        }
    }
}

/// The lines of `bytes`, each with its offset, without the `\n`.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', bytes)
        .map(|end| end + 1)
        .chain((!bytes.is_empty() && !bytes.ends_with(b"\n")).then_some(bytes.len() + 1))
        .map(move |next| {
            let line = (start, &bytes[start..next - 1]);
            start = next;
            line
        })
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
    // The top-level fields stand before persons and agenda: read only that far for them.
    let head_end = lines(bytes)
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
    let mut in_agenda = false;
    for (offset, text) in lines(&bytes[head_end..]) {
        let offset = offset + head_end;
        match text {
            b"  persons: [" => persons_start = Some(offset + text.len() - 1),
            b"  agenda: [" => in_agenda = true,
            b"  ]," if persons_start.is_some() && persons.is_none() => {
                persons = persons_start.map(|start| start..offset + 3);
            }
            b"  ]," => in_agenda = false,
            b"    (" if in_agenda => {
                let item = SkeletonItem {
                    number: String::new(),
                    title: None,
                    closed: false,
                    bytes: offset..offset,
                    minutes: None,
                    paragraphs: Vec::new(),
                };
                current = Some((None, item));
            }
            b"    )," if in_agenda => {
                let (number, mut item) = current.take()?;
                if minutes_start.is_some() {
                    return None;
                }
                item.number = number?;
                item.bytes.end = offset + 5;
                items.push(item);
            }
            _ => {
                let Some((number, item)) = current.as_mut() else {
                    continue;
                };
                if minutes_start.is_some() {
                    match text {
                        b"      ]," => {
                            item.minutes = minutes_start.take().map(|s| s..offset + 9);
                        }
                        b"        (" => paragraph_start = Some(offset),
                        b"        )," => item.paragraphs.push(paragraph_start.take()?..offset + 9),
                        _ => {}
                    }
                } else if let Some(v) = text.strip_prefix(b"      number: ") {
                    let v = std::str::from_utf8(v).ok()?.trim_end_matches(',');
                    *number = ron::from_str(v).ok();
                } else if let Some(v) = text.strip_prefix(b"      title: ") {
                    item.title = plain_string(v).map(str::to_string);
                } else if text == b"      closed: true," {
                    item.closed = true;
                } else if text.starts_with(b"      outcome: ") {
                    decided += 1;
                } else if text == b"      minutes: [" && item.minutes.is_none() {
                    minutes_start = Some(offset);
                }
            }
        }
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
    for (_, line) in lines(bytes) {
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

/// Where the persons stand in a file in the layout `save` writes (a quick look, no skeleton).
pub fn persons_part(bytes: &[u8]) -> Option<Range<usize>> {
    let start = memchr::memmem::find(bytes, b"\n  persons: [\n")? + 12;
    let end = start + memchr::memmem::find(&bytes[start..], b"\n  ],\n")? + 4;
    Some(start..end)
}

/// The speaker of a minutes paragraph found by [`skeleton`], and whether someone asked, read
/// from its lines without making the paragraph; `None` where they are not plain.
pub fn paragraph_people(bytes: &[u8]) -> Option<(Option<&str>, bool)> {
    let (mut speaker, mut asked) = (None, false);
    for (_, line) in lines(bytes) {
        if let Some(v) = line.strip_prefix(b"          speaker: ") {
            speaker = Some(plain_string(v)?);
        } else if line.starts_with(b"          asked_by:") {
            asked = true;
        }
    }
    Some((speaker, asked))
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
    fn plain_lines_and_ron_read_the_same_persons_and_paragraphs() {
        let text = std::fs::read_to_string("sessions/2024-03-14_bauausschuss.ron").unwrap();
        let mut session: Session = super::super::parse(Path::new("demo.ron"), &text).unwrap();
        // A text over several lines is a raw string: the line reader hands it to RON.
        let mut item = AgendaItem::new("99", "Anfrage \"Sporthalle\"");
        item.minutes
            .push(Paragraph::by("okafor", "erste Zeile\nzweite Zeile"));
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
        let people: Vec<_> = last
            .paragraphs
            .iter()
            .map(|r| paragraph_people(&bytes[r.clone()]))
            .collect();
        assert_eq!(
            people,
            [
                Some((Some("okafor"), false)),
                Some((Some("buergermeister"), true))
            ]
        );
    }
}
