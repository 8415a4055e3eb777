//! Plain text: blocks separated by blank lines, running text wrapped at 100 columns.

use super::document::{Block, Document};

const WIDTH: usize = 100;

pub fn write(doc: &Document) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in &doc.blocks {
        out.push(match block {
            Block::Title(t) | Block::Section(t) | Block::ItemHeading(t) | Block::Label(t) => {
                wrap(t)
            }
            Block::Labeled { label, lines } => std::iter::once(label.as_str())
                .chain(lines.iter().map(String::as_str))
                .map(wrap)
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Para(text) => wrap(text),
            Block::Lines(lines) => lines.iter().map(|l| wrap(l)).collect::<Vec<_>>().join("\n"),
            Block::Fields(fields) => {
                let width = fields
                    .iter()
                    .map(|(k, _)| k.chars().count())
                    .max()
                    .unwrap_or(0);
                let lines: Vec<String> = fields
                    .iter()
                    .map(|(k, v)| format!("{k}{} {v}", " ".repeat(width - k.chars().count())))
                    .collect();
                lines.join("\n")
            }
            Block::Signatures(cols) => {
                let width = cols
                    .iter()
                    .map(|(t, n)| t.chars().count().max(n.chars().count()))
                    .max()
                    .unwrap_or(0)
                    + 8;
                let row = |f: fn(&(String, String)) -> &String| {
                    let cells: Vec<String> = cols.iter().map(|c| pad(f(c), width)).collect();
                    cells.concat().trim_end().to_string()
                };
                format!("{}\n{}", row(|c| &c.0), row(|c| &c.1))
            }
        });
    }
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.chars().count())))
}

/// Wraps each line of a paragraph; line breaks the author typed are kept.
fn wrap(text: &str) -> String {
    text.lines()
        .map(|line| textwrap::fill(line, WIDTH))
        .collect::<Vec<_>>()
        .join("\n")
}
