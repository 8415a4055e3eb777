//! Plain text: blocks separated by blank lines, running text wrapped at 100 columns.

use super::document::{Block, Document};

const WIDTH: usize = 100;

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
        Block::Title(t)
        | Block::Subtitle(t)
        | Block::Section(t)
        | Block::ItemHeading(t)
        | Block::Label(t) => wrap(t),
        Block::Letterhead(lines) | Block::Lines(lines) => {
            lines.iter().map(|l| wrap(l)).collect::<Vec<_>>().join("\n")
        }
        Block::Labeled { label, lines } => std::iter::once(label.as_str())
            .chain(lines.iter().map(String::as_str))
            .map(wrap)
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Para(text) => wrap(text),
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
        Block::Signatures(cols) => signatures(cols),
        Block::Keep(blocks) => blocks
            .iter()
            .map(write_block)
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

fn signatures(cols: &[(String, String)]) -> String {
    let own = |(t, n): &(String, String)| t.chars().count().max(n.chars().count());
    let same = cols.iter().map(own).max().unwrap_or(0) + 8;
    let row = |cols: &[(String, String)], width: &dyn Fn(&(String, String)) -> usize| {
        let line = |f: fn(&(String, String)) -> &String| {
            let cells: Vec<String> = cols.iter().map(|c| pad(f(c), width(c))).collect();
            cells.concat().trim_end().to_string()
        };
        format!("{}\n{}", line(|c| &c.0), line(|c| &c.1))
    };
    if same * cols.len().saturating_sub(1) + cols.last().map_or(0, own) <= WIDTH {
        return row(cols, &|_| same);
    }
    let gap = 4;
    let mut rows: Vec<&[(String, String)]> = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, c) in cols.iter().enumerate() {
        if i > start && used + own(c) > WIDTH {
            rows.push(&cols[start..i]);
            (start, used) = (i, 0);
        }
        used += own(c) + gap;
    }
    rows.push(&cols[start..]);
    rows.iter()
        .map(|r| row(r, &|c| own(c) + gap))
        .collect::<Vec<_>>()
        .join("\n\n")
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
