//! Clean text: the one rule for which characters a session's texts may hold. No control
//! characters anywhere (an escape sequence in a name, printed by `list`, would drive the
//! reader's terminal), except line breaks and tabs in the texts that have several lines:
//! paragraphs, Beschlussvorschläge and motion texts. No bidirectional overrides either (they
//! make a name read as another: "Trojan source").

use serde::Serialize;

/// A text with a character it may not hold: which field, and the character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unclean {
    pub field: String,
    pub char: char,
}

impl std::fmt::Display for Unclean {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if is_bidi_override(self.char) {
            return write!(
                f,
                "Richtungszeichen U+{:04X} in {} (es ließe den Text anders erscheinen, als er ist)",
                self.char as u32, self.field
            );
        }
        write!(
            f,
            "Steuerzeichen U+{:04X} in {} (nur Absätze und Beschlussvorschläge dürfen Zeilenumbrüche haben)",
            self.char as u32, self.field
        )
    }
}

/// The fields whose texts may run over several lines.
const MULTI_LINE: [&str; 3] = ["text", "proposal", "amended_proposal"];

/// Whether `c` may stand in a text of field `field`.
pub fn allowed(field: &str, c: char) -> bool {
    if is_bidi_override(c) {
        return false;
    }
    !c.is_control() || (MULTI_LINE.contains(&field) && matches!(c, '\n' | '\t' | '\r'))
}

/// The embeddings, overrides and isolates of Unicode's bidirectional algorithm.
fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What a paste brings, made fit for a text: `\r\n` and `\r` as `\n`, the escape sequences
/// a terminal's copy may carry left out whole (`ESC [ … m` colours, `ESC ] … BEL` titles,
/// two-character `ESC x`), and every other control character but line breaks and tabs.
pub fn cleaned_paste(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                // CSI: parameters and intermediates up to a final byte @ … ~.
                Some('[') => {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                // OSC, DCS and the like: up to BEL or ESC \.
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' {
                            break;
                        }
                        if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                            chars.next();
                            break;
                        }
                    }
                }
                _ => {}
            },
            // C1 CSI: as ESC [.
            '\u{9b}' => {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            c if (c.is_control() && !matches!(c, '\n' | '\t')) || is_bidi_override(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The first character anywhere in `value` (an action, a session) that its field may not hold.
pub fn first_unclean(value: &impl Serialize) -> Option<Unclean> {
    let value = serde_json::to_value(value).ok()?;
    walk(&value, "Text")
}

fn walk(value: &serde_json::Value, field: &str) -> Option<Unclean> {
    use serde_json::Value;
    match value {
        Value::String(s) => s.chars().find(|c| !allowed(field, *c)).map(|char| Unclean {
            field: field.to_string(),
            char,
        }),
        Value::Array(items) => items.iter().find_map(|v| walk(v, field)),
        Value::Object(fields) => fields.iter().find_map(|(k, v)| walk(v, k)),
        _ => None,
    }
}

/// `text` with every control character but line breaks and tabs shown as `\u{1b}`: for what
/// goes to a terminal from somewhere the rule above did not hold (defence in depth).
pub fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && !matches!(c, '\n' | '\t')) || is_bidi_override(c);
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Action, AgendaItem, Paragraph, Person, Salutation};

    #[test]
    fn control_characters_are_found_where_their_field_may_not_hold_them() {
        let minute = |text: &str| Action::AppendMinute {
            item: "1".into(),
            paragraph: Paragraph::plain(text),
        };
        assert_eq!(first_unclean(&minute("zwei\nZeilen\tmit Tab")), None);
        let bad = first_unclean(&minute("Titel\u{1b}]0;gehackt\u{7}")).unwrap();
        assert_eq!(bad.char, '\u{1b}');
        let title = Action::AddItem {
            item: AgendaItem::new("1", "zwei\nZeilen"),
            position: None,
        };
        assert_eq!(first_unclean(&title).unwrap().field, "title");
        let person = Action::AddPerson(Person::member("a", Salutation::Frau, "An\u{9b}na", "B"));
        assert_eq!(first_unclean(&person).unwrap().char, '\u{9b}');
        assert_eq!(escaped("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\n");
        assert_eq!(escaped("sauber"), "sauber");
        assert_eq!(escaped("a\u{202e}b"), "a\\u{202e}b");
        let spoof = Action::AddPerson(Person::member(
            "a",
            Salutation::Frau,
            "Anna",
            "\u{202e}rekaeB",
        ));
        assert_eq!(first_unclean(&spoof).unwrap().char, '\u{202e}');
    }

    #[test]
    fn a_paste_loses_the_terminal_codes_it_carries_whole() {
        assert_eq!(
            cleaned_paste(
                "\u{1b}[31mROT\u{1b}[0m und \u{1b}]0;Titel\u{7}weiter\r\nZeile\tzwei\u{9b}2J"
            ),
            "ROT und weiter\nZeile\tzwei"
        );
        assert_eq!(cleaned_paste("a\u{1b}]2;x\u{1b}\\b\rc"), "ab\nc");
    }
}
