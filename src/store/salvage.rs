//! Getting back what a damaged session file still holds: the longest start of the file that,
//! with its open brackets closed, reads as a session. Used by `sitzung recover`, which writes the
//! result under a new name and leaves the damaged file as it is.

use std::path::Path;

use crate::domain::Session;

use super::parse;

/// How far back from the damage to look for a readable start, in lines.
const LOOK_BACK: usize = 2_000;

/// The longest readable start of `text`, as a session, with the number of lines it kept.
pub fn salvage(path: &Path, text: &str, damaged_at_line: usize) -> Option<(Session, usize)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let last = damaged_at_line.clamp(1, lines.len().max(1));
    let first = last.saturating_sub(LOOK_BACK).max(1);
    (first..=last).rev().find_map(|keep| {
        let mut candidate: String = lines[..keep.min(lines.len())].concat();
        let closers = closers(&candidate)?;
        candidate.push('\n');
        candidate.push_str(&closers);
        parse(path, &candidate).ok().map(|s| (s, keep))
    })
}

/// The brackets still open at the end of `text`, closed in order; `None` when the text ends
/// inside a string (cutting there would invent text).
fn closers(text: &str) -> Option<String> {
    let mut stack = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => loop {
                match chars.next()? {
                    '\\' => {
                        chars.next()?;
                    }
                    '"' => break,
                    _ => {}
                }
            },
            'r' if matches!(chars.peek(), Some('#' | '"')) => {
                let mut hashes = 0;
                while chars.peek() == Some(&'#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.next()? != '"' {
                    continue;
                }
                // A raw string ends at '"' followed by as many '#' as it began with.
                'raw: loop {
                    if chars.next()? == '"' {
                        let mut n = 0;
                        while n < hashes && chars.peek() == Some(&'#') {
                            chars.next();
                            n += 1;
                        }
                        if n == hashes {
                            break 'raw;
                        }
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' => stack.push(')'),
            '[' => stack.push(']'),
            '{' => stack.push('}'),
            ')' | ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    Some(stack.into_iter().rev().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_are_closed_and_strings_respected() {
        assert_eq!(closers("(a: [1, (b: \"(\"").as_deref(), Some(")])"));
        assert_eq!(closers("(text: \"unterbro"), None);
        assert_eq!(closers("(t: r#\"a \"(\" b\"#, x: [").as_deref(), Some("])"));
    }

    #[test]
    fn a_truncated_demo_gives_back_everything_before_the_cut() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron");
        let full = std::fs::read_to_string(&path).unwrap();
        let cut = &full[..full.len() * 2 / 3];
        let lines = cut.lines().count();
        let (session, kept) = salvage(&path, cut, lines).expect("something is recoverable");
        assert!(kept > lines - 40, "kept {kept} of {lines} lines");
        let original = super::super::load(&path).unwrap();
        assert_eq!(session.persons, original.persons);
        assert!(session.agenda.len() >= 5 && session.agenda.len() <= original.agenda.len());
        assert_eq!(session.agenda[0], original.agenda[0]);
    }
}
