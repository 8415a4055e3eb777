//! One self-contained, printable HTML page: inline CSS, no scripts, every text escaped.

use super::document::{Block, Document, PageMarks};

const STYLE: &str = "\
body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}\
h1{font-size:1.6em;margin-bottom:.4em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #888}\
h3{font-size:1.1em;margin-top:2em}h1,h2,h3,p.label{break-after:avoid;page-break-after:avoid}\
p{margin:.6em 0}p.label{font-weight:bold;margin-bottom:.2em}p.subtitle{font-size:1.15em;margin-top:0}\
p.letterhead{font-variant:small-caps;letter-spacing:.04em}\
.keep{break-inside:avoid;page-break-inside:avoid}\
table.fields td{padding:0 1em 0 0;vertical-align:top}\
.signatures{display:flex;flex-wrap:wrap;gap:2em 6em;margin-top:4em}.signatures div{min-width:14em;border-top:1px solid #111;padding-top:.3em}\
@page{size:A4;margin:25mm 20mm 22mm 25mm}\
@media print{body{margin:0;max-width:none;padding:0;font-size:11pt}a{color:inherit}}";

pub fn write(doc: &Document) -> String {
    let body: String = doc.blocks.iter().map(write_block).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        esc(&doc.title),
        page_rules(&doc.page)
    )
}

/// What printing puts on every A4 page: the running header, the marks (confidential, draft) and
/// the page number, as CSS page-margin boxes.
fn page_rules(page: &PageMarks) -> String {
    let content = |template: &str| -> String {
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            if open > 0 {
                parts.push(css_string(&rest[..open]));
            }
            match &rest[open + 1..open + close] {
                "seite" => parts.push("counter(page)".to_string()),
                "seiten" => parts.push("counter(pages)".to_string()),
                other => parts.push(css_string(&format!("{{{other}}}"))),
            }
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() || parts.is_empty() {
            parts.push(css_string(rest));
        }
        parts.join(" ")
    };
    let mut rules = format!(
        "@page{{@top-left{{content:{};font-size:9pt}}@bottom-center{{content:{};font-size:9pt}}",
        content(&page.running_header),
        content(&page.page_mark)
    );
    if !page.marks.is_empty() {
        rules.push_str(&format!(
            "@top-right{{content:{};font-size:9pt;font-weight:bold}}",
            css_string(&page.marks.join(" · "))
        ));
    }
    rules.push('}');
    rules
}

/// A CSS string literal: everything but letters, digits and spaces as a hex escape, so that no
/// text can end the string or the style element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

fn write_block(block: &Block) -> String {
    match block {
        Block::Letterhead(lines) => format!("<p class=\"letterhead\">{}</p>\n", lines_br(lines)),
        Block::Title(t) => format!("<h1>{}</h1>\n", esc(t)),
        Block::Subtitle(t) => format!("<p class=\"subtitle\">{}</p>\n", esc(t)),
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
        Block::Keep(blocks) => format!(
            "<div class=\"keep\">\n{}</div>\n",
            blocks.iter().map(write_block).collect::<String>()
        ),
    }
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
    use super::{css_string, esc};

    #[test]
    fn css_strings_cannot_end_the_style() {
        let s = css_string("a\"</style><script>\\");
        assert!(!s[1..s.len() - 1].contains(['"', '<', '>']), "{s}");
        assert!(s.starts_with("\"a\\22 "));
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            esc("<b>\"A&B\"</b>"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
    }
}
