//! Clean text: the one rule for which characters a session's texts may hold. No control
//! characters anywhere (an escape sequence in a name, printed by `list`, would drive the
//! reader's terminal), except line breaks and tabs in the texts that have several lines:
//! paragraphs, Beschlussvorschläge and motion texts.

use serde::Serialize;

/// A text with a character it may not hold: which field, and the character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unclean {
    pub field: String,
    pub char: char,
}

impl std::fmt::Display for Unclean {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
    !c.is_control() || (MULTI_LINE.contains(&field) && matches!(c, '\n' | '\t' | '\r'))
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
    if !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\n' | '\t') {
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
    }
}
