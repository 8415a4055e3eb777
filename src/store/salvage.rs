//! Getting back what a damaged session file still holds: the longest start of the file that,
//! with its open brackets closed, reads as a session. Used by `sitzung recover`, which writes the
//! result under a new name and leaves the damaged file as it is.
//!
//! It fails closed: an agenda item cut off before its end may have lost its `closed: true`
//! (fields after the cut are gone), and an item whose parent is gone has lost the parent's; both
//! are marked closed, and the caller says so.

use std::path::Path;

use crate::domain::{AgendaItem, Person, Session, number_key};

use super::{LoadError, parse};

/// How far back from the damage to look for a readable start, in lines.
const LOOK_BACK: usize = 2_000;

/// What [`salvage`] got back.
#[derive(Debug)]
pub struct Salvaged {
    pub session: Session,
    /// Lines of the file kept.
    pub kept: usize,
    /// Items marked closed because whether they were could not be read.
    pub sealed: Vec<String>,
}

/// The reason given to an item [`salvage`] marks closed.
pub const SEALED_REASON: &str = "bei der Rettung nicht lesbar, ob öffentlich";

/// The longest readable start of `text`, as a session, with the number of lines it kept; then
/// every person and agenda item of the saved layout that begins after that start and reads on
/// its own (the valid items after a damaged one).
pub fn salvage(path: &Path, text: &str, damaged_at_line: usize) -> Option<Salvaged> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let last = damaged_at_line.clamp(1, lines.len().max(1));
    let first = last.saturating_sub(LOOK_BACK).max(1);
    let (mut session, kept, cut_item) = (first..=last).rev().find_map(|keep| {
        let mut candidate: String = lines[..keep.min(lines.len())].concat();
        let open = open_brackets(&candidate)?;
        let cut_item = cuts_an_agenda_item(&candidate, &open);
        let closers: String = open.iter().rev().map(|(c, _)| *c).collect();
        candidate.push('\n');
        candidate.push_str(&closers);
        let session = parse(path, &candidate).ok()?;
        Some((session, keep, cut_item))
    })?;
    // The item the cut fell into is the last one read from the start; those found after it
    // come behind it.
    let cut_at = cut_item.then(|| session.agenda.len().saturating_sub(1));
    for person in later_elements::<Person>(&lines, "persons", kept) {
        if session.person(&person.id).is_none() {
            session.persons.push(person);
        }
    }
    for item in later_elements::<AgendaItem>(&lines, "agenda", kept) {
        if !session.agenda.contains(&item) {
            session.agenda.push(item);
        }
    }
    let sealed = seal_unread(&mut session, cut_at);
    Some(Salvaged {
        session,
        kept,
        sealed,
    })
}

/// What [`recover`] read of a damaged file.
#[derive(Debug)]
pub struct Recovered {
    pub salvaged: Salvaged,
    /// Lines of the file.
    pub total: usize,
    /// Invalid UTF-8, where (the text was read around it, the bytes as U+FFFD).
    pub bad_utf8: Option<LoadError>,
    /// Why the whole file did not read, where.
    pub error: Option<LoadError>,
}

/// Everything the bytes of a session file still hold: the whole file when it reads, else what
/// [`salvage`] gets back from the first damage on. `None` when nothing reads.
pub fn recover(path: &Path, bytes: &[u8]) -> Option<Recovered> {
    let (text, bad_utf8) = match super::utf8(path, bytes) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), None),
        Err(e) => (String::from_utf8_lossy(bytes), Some(e)),
    };
    let total = text.lines().count();
    match parse(path, &text) {
        Ok(session) => Some(Recovered {
            salvaged: Salvaged {
                session,
                kept: total,
                sealed: Vec::new(),
            },
            total,
            bad_utf8,
            error: None,
        }),
        Err(e) => {
            let line = match &e {
                LoadError::Syntax { line, .. } => *line,
                _ => total,
            };
            let salvaged = salvage(path, &text, line)?;
            Some(Recovered {
                salvaged,
                total,
                bad_utf8,
                error: Some(e),
            })
        }
    }
}

/// The elements of the top-level list `list` (`persons`, `agenda`) in the layout `save` writes
/// (`  list: [`, elements opening with `    (` and closing with `    ),`) that begin after line
/// `after` (1-based), each read on its own; those that do not read are left out.
fn later_elements<T: serde::de::DeserializeOwned>(
    lines: &[&str],
    list: &str,
    after: usize,
) -> Vec<T> {
    let head = format!("  {list}: [");
    let Some(start) = lines.iter().position(|l| l.trim_end() == head) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut element: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let line = line.trim_end();
        if line == "  ]," || line == "  ]" {
            break;
        }
        if line == "    (" {
            element = Some(i);
        } else if (line == "    )," || line == "    )")
            && let Some(begin) = element.take()
            && begin >= after
        {
            let chunk = lines[begin..=i].concat();
            let chunk = chunk.trim_end().trim_end_matches(',');
            if let Ok(value) = super::ron_options().from_str::<T>(chunk) {
                found.push(value);
            }
        }
    }
    found
}

/// Marks closed the items whose flag was not read: the one the cut fell inside, and any whose
/// parent is not in the agenda (its flag went with it).
fn seal_unread(session: &mut Session, cut_item: Option<usize>) -> Vec<String> {
    let keys: std::collections::HashSet<Vec<String>> = session
        .agenda
        .iter()
        .map(|i| number_key(&i.number))
        .collect();
    let mut sealed = Vec::new();
    for (i, item) in session.agenda.iter_mut().enumerate() {
        let key = number_key(&item.number);
        let orphan = (1..key.len()).any(|n| !keys.contains(&key[..n]));
        if (orphan || cut_item == Some(i)) && !item.closed {
            item.closed = true;
            item.closed_reason
                .get_or_insert_with(|| SEALED_REASON.to_string());
            sealed.push(item.number.clone());
        }
    }
    sealed
}

/// Whether the brackets open at the cut show it inside an element of the `agenda` list.
fn cuts_an_agenda_item(text: &str, open: &[(char, usize)]) -> bool {
    open.iter().enumerate().any(|(depth, (closer, at))| {
        *closer == ']' && open.len() > depth + 1 && key_before(&text[..*at]) == Some("agenda")
    })
}

/// The field name before a value that begins at the end of `text` (`agenda: ` → "agenda").
fn key_before(text: &str) -> Option<&str> {
    let text = text.trim_end().strip_suffix(':')?.trim_end();
    let start = text
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    Some(&text[start..])
}

/// The brackets still open at the end of `text`, with the closer each needs and where it
/// opened; `None` when the text ends inside a string (cutting there would invent text).
fn open_brackets(text: &str) -> Option<Vec<(char, usize)>> {
    let mut stack = Vec::new();
    let mut chars = text.char_indices().map(|(i, c)| (c, i)).peekable();
    while let Some((c, at)) = chars.next() {
        match c {
            '"' => loop {
                match chars.next()?.0 {
                    '\\' => {
                        chars.next()?;
                    }
                    '"' => break,
                    _ => {}
                }
            },
            'r' if matches!(chars.peek(), Some(('#' | '"', _))) => {
                let mut hashes = 0;
                while chars.peek().is_some_and(|(c, _)| *c == '#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.next()?.0 != '"' {
                    continue;
                }
                // A raw string ends at '"' followed by as many '#' as it began with.
                'raw: loop {
                    if chars.next()?.0 == '"' {
                        let mut n = 0;
                        while n < hashes && chars.peek().is_some_and(|(c, _)| *c == '#') {
                            chars.next();
                            n += 1;
                        }
                        if n == hashes {
                            break 'raw;
                        }
                    }
                }
            }
            '/' if chars.peek().is_some_and(|(c, _)| *c == '/') => {
                for (c, _) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' => stack.push((')', at)),
            '[' => stack.push((']', at)),
            '{' => stack.push(('}', at)),
            ')' | ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    Some(stack)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closers(text: &str) -> Option<String> {
        open_brackets(text).map(|open| open.iter().rev().map(|(c, _)| *c).collect())
    }

    #[test]
    fn brackets_are_closed_and_strings_respected() {
        assert_eq!(closers("(a: [1, (b: \"(\"").as_deref(), Some(")])"));
        assert_eq!(closers("(text: \"unterbro"), None);
        assert_eq!(closers("(t: r#\"a \"(\" b\"#, x: [").as_deref(), Some("])"));
    }

    fn demo() -> (std::path::PathBuf, String) {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron");
        let text = std::fs::read_to_string(&path).unwrap();
        (path, text)
    }

    /// Repro: a cut right after a closed item's title gave back that item as public.
    #[test]
    fn an_item_cut_before_its_closed_flag_is_given_back_closed() {
        let (path, full) = demo();
        let lines: Vec<&str> = full.split_inclusive('\n').collect();
        let number = lines
            .iter()
            .position(|l| l.trim() == "number: \"11\",")
            .expect("TOP 11 in the demo");
        assert!(
            lines[number + 2].trim() == "closed: true,",
            "the flag follows the title"
        );
        let cut: String = lines[..number + 2].concat();
        let got = salvage(&path, &cut, number + 2).expect("recoverable");
        let item = got.session.item("11").expect("TOP 11 salvaged");
        assert!(item.closed, "whether TOP 11 was closed could not be read");
        assert_eq!(item.closed_reason.as_deref(), Some(SEALED_REASON));
        assert_eq!(got.sealed, ["11"]);
        // Everything before it was read whole and keeps its flags.
        let original = super::super::load(&path).unwrap();
        for (a, b) in got
            .session
            .agenda
            .iter()
            .zip(&original.agenda)
            .take(got.session.agenda.len() - 1)
        {
            assert_eq!(a.closed, b.closed, "TOP {}", a.number);
        }
    }

    #[test]
    fn an_item_whose_parent_is_lost_is_given_back_closed() {
        let mut s = Session::new("B", chrono::NaiveDate::from_ymd_opt(2024, 3, 14).unwrap());
        for n in ["1", "2.1", "3"] {
            s.agenda.push(crate::domain::AgendaItem::new(n, "x"));
        }
        assert_eq!(seal_unread(&mut s, None), ["2.1"]);
        assert_eq!(s.closed_flags(), [false, true, false]);
    }

    #[test]
    fn a_cut_between_items_or_outside_the_agenda_seals_nothing() {
        let (path, full) = demo();
        let lines: Vec<&str> = full.split_inclusive('\n').collect();
        let persons_cut = lines.iter().position(|l| l.trim() == "agenda: [").unwrap() - 3;
        let got = salvage(&path, &lines[..persons_cut].concat(), persons_cut).unwrap();
        assert!(got.session.agenda.is_empty() && got.sealed.is_empty());
    }

    /// Where each agenda item ends in the layout `save` writes (byte offset after its `    ),`).
    fn item_ends(text: &str) -> Vec<usize> {
        let start = text.find("\n  agenda: [\n").expect("an agenda");
        let mut ends = Vec::new();
        let mut at = start;
        for line in text[start..].split_inclusive('\n') {
            at += line.len();
            if line == "    ),\n" {
                ends.push(at);
            }
            if line == "  ],\n" {
                break;
            }
        }
        ends
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        #[test]
        fn every_item_wholly_before_a_cut_or_a_damaged_byte_is_kept(
            seed in 0usize..400,
            at in 0.0f64..1.0,
            kind in 0u8..3,
            byte in proptest::prelude::any::<u8>(),
        ) {
            let original = crate::generate::session(8, 30, seed);
            let text = super::super::to_ron(&original);
            let mut pos = (text.len() as f64 * at) as usize;
            while !text.is_char_boundary(pos) {
                pos -= 1;
            }
            let mut bytes = text.as_bytes().to_vec();
            let last = bytes.len() - 1;
            match kind {
                0 => bytes.truncate(pos),
                1 => bytes[pos.min(last)] = byte,
                _ => {
                    bytes.remove(pos.min(last));
                }
            }
            let path = Path::new("x.ron");
            let Some(got) = recover(path, &bytes) else {
                // Nothing reads: only when the damage hit the head, before any item.
                proptest::prop_assert!(item_ends(&text).first().is_none_or(|e| *e > pos));
                return Ok(());
            };
            let session = &got.salvaged.session;
            for (k, end) in item_ends(&text).into_iter().enumerate() {
                if end > pos {
                    break;
                }
                let want = &original.agenda[k];
                let found = session.agenda.iter().find(|i| {
                    i.number == want.number && i.minutes == want.minutes && i.title == want.title
                });
                proptest::prop_assert!(found.is_some(), "TOP {} lost (damage at {pos})", want.number);
                let found = found.unwrap();
                // Fail closed: a closed item may be sealed, never opened.
                proptest::prop_assert!(!original.is_closed(want) || session.is_closed(found));
            }
        }
    }

    #[test]
    fn the_items_after_a_damaged_one_are_kept_too() {
        let (path, full) = demo();
        let original = super::super::load(&path).unwrap();
        // One byte changed in the title line of TOP 4: that item is lost, all others stay.
        let at = full.find("number: \"4\",").unwrap();
        let mut bytes = full.clone().into_bytes();
        bytes[at + "number: ".len() - 2] = b'#';
        let got = recover(&path, &bytes).expect("recoverable");
        let numbers: Vec<&str> = got
            .salvaged
            .session
            .agenda
            .iter()
            .map(|i| i.number.as_str())
            .collect();
        let expected: Vec<&str> = original.agenda.iter().map(|i| i.number.as_str()).collect();
        assert!(
            numbers.len() >= expected.len() - 1,
            "kept {numbers:?} of {expected:?}"
        );
        assert!(
            numbers.contains(&"11") && numbers.contains(&"12"),
            "{numbers:?}"
        );
        let eleven = got.salvaged.session.item("11").unwrap();
        assert!(eleven.closed, "its own flag, read with it");
    }

    #[test]
    fn invalid_utf8_is_named_and_read_around() {
        let (path, full) = demo();
        let mut bytes = full.into_bytes();
        let at = bytes.len() / 2;
        let at = at
            + bytes[at..]
                .iter()
                .position(|b| b.is_ascii_lowercase())
                .unwrap();
        bytes[at] = 0xff;
        let got = recover(&path, &bytes).expect("recoverable");
        let e = got.bad_utf8.expect("named").to_string();
        assert!(e.contains("UTF-8") && e.contains(':'), "{e}");
        assert!(
            got.salvaged.session.agenda.len() >= 13,
            "{}",
            got.salvaged.session.agenda.len()
        );
    }

    #[test]
    fn a_truncated_demo_gives_back_everything_before_the_cut() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron");
        let full = std::fs::read_to_string(&path).unwrap();
        let cut = &full[..full.len() * 2 / 3];
        let lines = cut.lines().count();
        let Salvaged { session, kept, .. } =
            salvage(&path, cut, lines).expect("something is recoverable");
        assert!(kept > lines - 40, "kept {kept} of {lines} lines");
        let original = super::super::load(&path).unwrap();
        assert_eq!(session.persons, original.persons);
        assert!(session.agenda.len() >= 5 && session.agenda.len() <= original.agenda.len());
        assert_eq!(session.agenda[0], original.agenda[0]);
    }
}
