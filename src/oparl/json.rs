//! Reading JSON as council information systems write it: strict JSON, except that raw control
//! characters inside strings (a line break typed into a title) are repaired the way
//! `meine-stadt-transparent` does, escaped, and said. Any other mistake is an error with the
//! file, line and column of the original text.

use serde_json::Value;

/// Why a JSON text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Parses `text`; `repaired` tells whether control characters had to be escaped.
pub fn parse(text: &str) -> Result<(Value, bool), JsonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Ok((v, false)),
        Err(e) if e.to_string().contains("control character") => {
            let (fixed, origin) = repair(text);
            match serde_json::from_str::<Value>(&fixed) {
                Ok(v) => Ok((v, true)),
                Err(e) => {
                    // The position in the repaired text, told in the original one.
                    let at = offset_of(&fixed, e.line(), e.column());
                    let source = origin.get(at).copied().unwrap_or(text.len());
                    let (line, col) = position(text, source);
                    Err(JsonError {
                        line,
                        col,
                        message: german(&e),
                    })
                }
            }
        }
        Err(e) => {
            // serde_json counts the column in bytes; a reader counts characters.
            let (line, col) = position(text, offset_of(text, e.line(), e.column()));
            Err(JsonError {
                line,
                col,
                message: german(&e),
            })
        }
    }
}

/// The text with every raw control character inside a string escaped, and for each byte of
/// it the byte of the original it comes from.
fn repair(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len() + 16);
    let mut origin = Vec::with_capacity(text.len() + 16);
    let (mut in_string, mut escaped) = (false, false);
    for (i, c) in text.char_indices() {
        let push = |out: &mut String, origin: &mut Vec<usize>, s: &str| {
            out.push_str(s);
            origin.extend(std::iter::repeat_n(i, s.len()));
        };
        if in_string && (c as u32) < 0x20 {
            let escape = match c {
                '\n' => "\\n".to_string(),
                '\r' => "\\r".to_string(),
                '\t' => "\\t".to_string(),
                c => format!("\\u{:04x}", c as u32),
            };
            push(&mut out, &mut origin, &escape);
            escaped = false;
            continue;
        }
        match c {
            '"' if !escaped => in_string = !in_string,
            '\\' if in_string && !escaped => {
                escaped = true;
                push(&mut out, &mut origin, "\\");
                continue;
            }
            _ => {}
        }
        escaped = false;
        let mut buf = [0u8; 4];
        push(&mut out, &mut origin, c.encode_utf8(&mut buf));
    }
    (out, origin)
}

/// The byte offset of serde_json's (line, column) in `text` (column counted in bytes, from 1).
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + col.saturating_sub(1)).min(text.len())
}

/// Line and column (in characters, from 1) of a byte offset.
fn position(text: &str, at: usize) -> (usize, usize) {
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (line, text[line_start..at].chars().count() + 1)
}

/// serde_json's message in German, without its own position.
fn german(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    let raw = raw.split(" at line ").next().unwrap_or(&raw).to_string();
    let known = [
        ("EOF while parsing", "die Datei endet mitten im JSON"),
        ("expected value", "hier wird ein Wert erwartet"),
        ("expected `,` or `}`", "hier wird , oder } erwartet"),
        ("expected `,` or `]`", "hier wird , oder ] erwartet"),
        ("expected `:`", "hier wird : erwartet"),
        (
            "key must be a string",
            "ein Schlüssel muss in Anführungszeichen stehen",
        ),
        ("trailing comma", "überzähliges Komma"),
        ("trailing characters", "nach dem JSON folgt noch etwas"),
        ("invalid escape", "ungültige Escape-Folge"),
        ("invalid number", "ungültige Zahl"),
    ];
    known
        .iter()
        .find(|(en, _)| raw.contains(en))
        .map(|(_, de)| format!("{de} (kein gültiges JSON)"))
        .unwrap_or_else(|| format!("kein gültiges JSON: {raw}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_strings_are_repaired() {
        let (v, repaired) = parse("{\"name\": \"Haus\nhalt\", \"x\": \"a\tb\"}").unwrap();
        assert!(repaired);
        assert_eq!(v["name"], "Haus\nhalt");
        assert_eq!(v["x"], "a\tb");
        let (_, repaired) = parse("{\"name\": \"ok\"}\n").unwrap();
        assert!(!repaired);
    }

    #[test]
    fn other_mistakes_name_line_and_column_of_the_original() {
        let e = parse("{\n  \"a\": 1,\n  \"b\": }\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 8));
        assert!(e.message.contains("Wert erwartet"), "{}", e.message);
        // After a repaired line break, still the line of the original text.
        let e = parse("{\"a\": \"x\ny\",\n \"b\": ]}").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        let e = parse("").unwrap_err();
        assert_eq!(e.line, 1);
        // Columns in characters, not bytes.
        let e = parse("{\"name\": \"äöüäöü\", \"x\": ]}").unwrap_err();
        assert_eq!((e.line, e.col), (1, 25), "{e:?}");
    }
}
