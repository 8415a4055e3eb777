//! Markdown for a forge: headings, bold labels, hard line breaks; user text escaped.

use super::document::{Block, Document};

pub fn write(doc: &Document) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in &doc.blocks {
        out.push(match block {
            Block::Title(t) => format!("# {}", escape(t)),
            Block::Section(t) => format!("## {}", escape(t)),
            Block::ItemHeading(t) => format!("### {}", escape(t)),
            Block::Label(t) => format!("**{}**", escape(t)),
            Block::Labeled { label, lines } => {
                let mut all = vec![format!("**{}**", escape(label))];
                all.extend(lines.iter().map(|l| escape(l)));
                hard_breaks(&all)
            }
            Block::Para(text) => hard_breaks(&text.lines().map(escape).collect::<Vec<_>>()),
            Block::Lines(lines) => {
                hard_breaks(&lines.iter().map(|l| escape(l)).collect::<Vec<_>>())
            }
            Block::Fields(fields) => {
                let lines: Vec<String> = fields
                    .iter()
                    .map(|(k, v)| format!("**{}** {}", escape(k), escape(v)))
                    .collect();
                hard_breaks(&lines)
            }
            Block::Signatures(cols) => {
                let lines: Vec<String> = cols
                    .iter()
                    .map(|(t, n)| format!("{}: {}", escape(t), escape(n)))
                    .collect();
                hard_breaks(&lines)
            }
        });
    }
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}

/// Lines of one block, joined with CommonMark's backslash hard break.
fn hard_breaks(lines: &[String]) -> String {
    lines.join("\\\n")
}

/// Escapes what Markdown would read as markup, so a minute can never turn into a link, a heading
/// or HTML on the forge.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let at_start = i == 0;
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!'
        ) || (at_start && matches!(c, '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " at the start would become an ordered list.
    if let Some(dot) = out.find(". ")
        && out[..dot].bytes().all(|b| b.is_ascii_digit())
        && dot > 0
    {
        out.insert(dot, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_minutes_is_escaped() {
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("[Link](x)"), "\\[Link\\](x)");
        assert_eq!(escape("- Punkt"), "\\- Punkt");
        assert_eq!(escape("1. Lesung"), "1\\. Lesung");
        assert_eq!(escape("4.1 Bebauungsplan"), "4.1 Bebauungsplan");
    }
}
