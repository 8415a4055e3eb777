//! Getting back what a damaged session file still holds: the longest start of the file that,
//! with its open brackets closed, reads as a session. Used by `sitzung recover`, which writes the
//! result under a new name and leaves the damaged file as it is.
//!
//! It fails closed: an agenda item cut off before its end may have lost its `closed: true`
//! (fields after the cut are gone), and an item whose parent is gone has lost the parent's; both
//! are marked closed, and the caller says so.

use std::path::Path;

use crate::domain::Session;

use super::parse;

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

/// The longest readable start of `text`, as a session, with the number of lines it kept.
pub fn salvage(path: &Path, text: &str, damaged_at_line: usize) -> Option<Salvaged> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let last = damaged_at_line.clamp(1, lines.len().max(1));
    let first = last.saturating_sub(LOOK_BACK).max(1);
    (first..=last).rev().find_map(|keep| {
        let mut candidate: String = lines[..keep.min(lines.len())].concat();
        let open = open_brackets(&candidate)?;
        let cut_item = cuts_an_agenda_item(&candidate, &open);
        let closers: String = open.iter().rev().map(|(c, _)| *c).collect();
        candidate.push('\n');
        candidate.push_str(&closers);
        let mut session = parse(path, &candidate).ok()?;
        let sealed = seal_unread(&mut session, cut_item);
        Some(Salvaged {
            session,
            kept: keep,
            sealed,
        })
    })
}

/// Marks closed the items whose flag was not read: the last one where the cut fell inside it,
/// and any whose parent is not in the agenda (its flag went with it).
fn seal_unread(session: &mut Session, cut_item: bool) -> Vec<String> {
    let numbers: std::collections::HashSet<String> = session
        .agenda
        .iter()
        .map(|i| i.number.trim().to_string())
        .collect();
    let last = session.agenda.len().checked_sub(1);
    let mut sealed = Vec::new();
    for (i, item) in session.agenda.iter_mut().enumerate() {
        let n = item.number.trim();
        let orphan = n
            .rmatch_indices('.')
            .any(|(at, _)| !numbers.contains(&n[..at]));
        if (orphan || (cut_item && Some(i) == last)) && !item.closed {
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
        assert_eq!(seal_unread(&mut s, false), ["2.1"]);
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
