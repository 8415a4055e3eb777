//! Markdown for a forge: headings, bold labels, hard line breaks; user text escaped.

use super::document::{Block, Document};

pub fn write(doc: &Document) -> String {
    let mut text = doc
        .blocks
        .iter()
        .map(write_block)
        .collect::<Vec<_>>()
        .join("\n\n");
    text.push('\n');
    text
}

fn write_block(block: &Block) -> String {
    match block {
        Block::Letterhead(lines) => {
            hard_breaks(&lines.iter().map(|l| escape(l)).collect::<Vec<_>>())
        }
        Block::Title(t) => format!("# {}", escape(t)),
        Block::Subtitle(t) => format!("_{}_", escape(t)),
        Block::Section(t) => format!("## {}", escape(t)),
        Block::ItemHeading(t) => format!("### {}", escape(t)),
        Block::Label(t) => format!("**{}**", escape(t)),
        Block::Labeled { label, lines } => {
            let mut all = vec![format!("**{}**", escape(label))];
            all.extend(lines.iter().map(|l| escape(l)));
            hard_breaks(&all)
        }
        Block::Para(text) => hard_breaks(&text.lines().map(escape).collect::<Vec<_>>()),
        Block::Lines(lines) => hard_breaks(&lines.iter().map(|l| escape(l)).collect::<Vec<_>>()),
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
        Block::Keep(blocks) => blocks
            .iter()
            .map(write_block)
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

fn hard_breaks(lines: &[String]) -> String {
    lines.join("\\\n")
}

/// Escapes what Markdown would read as markup, so a minute can never turn into a link, a heading
/// or HTML on the forge.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let at_start = i == 0;
        // "&amp;" would show as "&"; a lone "&" ("Reimers & Partner") stays readable.
        let entity = c == '&'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#');
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!'
        ) || entity
            || (at_start && matches!(c, '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " or "1) " at the start would become an ordered list.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && (out[digits..].starts_with(". ") || out[digits..].starts_with(") ")) {
        out.insert(digits, '\\');
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
        assert_eq!(escape("1) Punkt"), "1\\) Punkt");
        assert_eq!(escape("A &amp; B"), "A \\&amp; B");
        assert_eq!(escape("Reimers & Partner"), "Reimers & Partner");
    }
}
