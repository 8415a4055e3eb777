//! One self-contained, printable HTML page: inline CSS, no scripts, every text escaped.

use super::document::{Block, Document};

const STYLE: &str = "\
body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}\
h1{font-size:1.6em;margin-bottom:.4em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #888}\
h3{font-size:1.1em;margin-top:2em;page-break-after:avoid}\
p{margin:.6em 0}p.label{font-weight:bold;margin-bottom:.2em}\
table.fields td{padding:0 1em 0 0;vertical-align:top}\
.signatures{display:flex;gap:6em;margin-top:4em}.signatures div{min-width:14em;border-top:1px solid #111;padding-top:.3em}\
@media print{body{margin:0;max-width:none}a{color:inherit}}";

pub fn write(doc: &Document) -> String {
    let mut body = String::new();
    for block in &doc.blocks {
        body.push_str(&match block {
            Block::Title(t) => format!("<h1>{}</h1>\n", esc(t)),
            Block::Section(t) => format!("<h2>{}</h2>\n", esc(t)),
            Block::ItemHeading(t) => format!("<h3>{}</h3>\n", esc(t)),
            Block::Label(t) => format!("<p class=\"label\">{}</p>\n", esc(t)),
            Block::Labeled { label, lines } => {
                format!(
                    "<p><strong>{}</strong><br>\n{}</p>\n",
                    esc(label),
                    lines_br(lines)
                )
            }
            Block::Para(text) => {
                let lines: Vec<String> = text.lines().map(str::to_string).collect();
                format!("<p>{}</p>\n", lines_br(&lines))
            }
            Block::Lines(lines) => format!("<p>{}</p>\n", lines_br(lines)),
            Block::Fields(fields) => {
                let rows: String = fields
                    .iter()
                    .map(|(k, v)| format!("<tr><td>{}</td><td>{}</td></tr>\n", esc(k), esc(v)))
                    .collect();
                format!("<table class=\"fields\">\n{rows}</table>\n")
            }
            Block::Signatures(cols) => {
                let cells: String = cols
                    .iter()
                    .map(|(t, n)| format!("<div>{}<br>{}</div>", esc(t), esc(n)))
                    .collect();
                format!("<div class=\"signatures\">{cells}</div>\n")
            }
        });
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        esc(&doc.title)
    )
}

fn lines_br(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| esc(l))
        .collect::<Vec<_>>()
        .join("<br>\n")
}

/// Escapes text for element content and attribute values alike.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            esc("<b>\"A&B\"</b>"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
    }
}
