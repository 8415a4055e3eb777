//! Drawing the browser: archive list, pager with outline, search results.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

use crate::archive::Hit;
use crate::render::{Edition, german};

use super::super::keymap::bindings;
use super::super::theme::theme;
use super::super::widgets::fit;
use super::{Browser, Page};

/// Width of the outline beside the text; none on narrow terminals.
fn outline_width(width: u16) -> u16 {
    if width >= 70 { 22 } else { 0 }
}

/// The columns the protocol text gets for a terminal `width` wide.
pub fn pager_text_width(width: u16) -> usize {
    usize::from(width.saturating_sub(outline_width(width) + 2)).max(10)
}

pub fn draw(frame: &mut Frame, b: &Browser) {
    let t = theme();
    let Some([head, main, foot]) = super::super::widgets::title_body_hints(frame, 40, 8) else {
        return;
    };
    let area = frame.area();
    let width = usize::from(area.width);
    let title = match &b.page {
        Page::List => {
            let n = b.rows().len();
            let mut s = if n == 1 {
                "Archiv · 1 Sitzung".to_string()
            } else {
                format!("Archiv · {n} Sitzungen")
            };
            if !b.filter.is_empty() {
                s.push_str(&format!(" · Filter: {}", b.filter));
            }
            s
        }
        Page::Pager(p) => {
            let edition = match p.edition {
                Edition::Public => "öffentliche Fassung",
                Edition::Internal => "INTERNE Fassung",
            };
            // Edition and stage before the body's name, which may be cut off at 80 columns.
            let (date, body) = p.title.split_once(" · ").unwrap_or((p.title.as_str(), ""));
            format!("{date} · {edition} · {} · {body}", p.stage)
        }
        Page::Results(r) => format!("Suche {} · {}", r.query, r.count()),
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(&format!("{title} · nur lesen"), width),
            t.title,
        )),
        head,
    );
    match &b.page {
        Page::List => list(frame, main, b),
        Page::Pager(p) => pager(frame, main, p),
        Page::Results(r) => results(frame, main, &r.hits, r.sel),
    }
    let footer = match (&b.message, b.skipped.first(), &b.page) {
        (Some(m), _, _) => Line::styled(fit(m, width), t.warn),
        (None, Some(s), Page::List) => {
            Line::styled(fit(&format!("übersprungen: {s}"), width), t.warn)
        }
        _ => super::super::widgets::hint_line(bindings(b.context()).filter(|x| x.hint), width),
    };
    frame.render_widget(Paragraph::new(footer), foot);
    if let Some((_, prompt)) = &b.prompt {
        prompt.draw(frame, area);
    }
}

fn list(frame: &mut Frame, area: Rect, b: &Browser) {
    let t = theme();
    let rows = b.rows();
    let width = usize::from(area.width.saturating_sub(2));
    let items: Vec<ListItem> = rows
        .iter()
        .map(|r| {
            let s = &r.summary;
            let c = s.counts(b.internal);
            let counts = if r.counted {
                format!("{:>3} TOPs {:>3} Beschl.", c.items, c.decided)
            } else {
                // Read whole on a thread of its own; the counts follow in a moment.
                "  … TOPs   … Beschl.".to_string()
            };
            let body = fit(&s.body, width.saturating_sub(counts.len() + 14));
            let pad = width.saturating_sub(12 + body.chars().count() + counts.len());
            ListItem::new(format!(
                "{}  {body}{}{counts}",
                german::date(s.date),
                " ".repeat(pad)
            ))
        })
        .collect();
    let block = Block::bordered().border_style(t.border_focus);
    let mut state = ListState::default().with_selected((!rows.is_empty()).then_some(b.sel));
    frame.render_stateful_widget(
        List::new(items).block(block).highlight_style(t.selected),
        area,
        &mut state,
    );
    if rows.is_empty() {
        let text = if b.filter.is_empty() {
            "Keine Sitzungen im Ordner."
        } else {
            "Keine Sitzung passt zum Filter (f ändert ihn)."
        };
        frame.render_widget(
            Paragraph::new(text).style(t.muted),
            area.inner(ratatui::layout::Margin::new(2, 1)),
        );
    }
}

fn pager(frame: &mut Frame, area: Rect, p: &super::Pager) {
    let t = theme();
    let [outline, text] = Layout::horizontal([
        Constraint::Length(outline_width(area.width)),
        Constraint::Min(0),
    ])
    .areas(area);
    if outline.width > 0 {
        let current = p.current_item().map(|(n, _, _)| n.clone());
        let w = usize::from(outline.width.saturating_sub(2));
        let lines: Vec<Line> = p
            .outline
            .iter()
            .map(|(number, title, _)| {
                let line = Line::raw(fit(&format!("{number} {title}"), w));
                if Some(number) == current.as_ref() {
                    line.style(t.selected)
                } else {
                    line
                }
            })
            .collect();
        let selected = p
            .outline
            .iter()
            .position(|(n, _, _)| Some(n) == current.as_ref())
            .unwrap_or(0);
        let height = usize::from(outline.height.saturating_sub(2));
        let offset = selected.saturating_sub(height / 2);
        let block = Block::bordered()
            .border_style(t.border)
            .title(Span::styled("TOPs", t.title));
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .scroll((offset as u16, 0)),
            outline,
        );
    }
    let height = usize::from(text.height.saturating_sub(2));
    let lines: Vec<Line> = p
        .lines
        .iter()
        .skip(p.scroll)
        .take(height)
        .map(|l| highlighted(l, p.highlight.as_ref()))
        .collect();
    let percent = if p.lines.len() <= height {
        100
    } else {
        (p.scroll + height).min(p.lines.len()) * 100 / p.lines.len()
    };
    let block = Block::bordered()
        .border_style(t.border_focus)
        .title_bottom(Span::styled(format!(" {percent} % "), t.muted));
    frame.render_widget(Paragraph::new(lines).block(block), text);
}

/// A line with the search terms marked (bold and reversed: visible without colour too).
fn highlighted<'a>(line: &'a str, query: Option<&crate::archive::Query>) -> Line<'a> {
    let Some(ranges) = query.and_then(|q| q.matches(line).or_else(|| q.any_matches(line))) else {
        return Line::raw(line);
    };
    spans_with(line, &ranges)
}

fn spans_with<'a>(text: &'a str, ranges: &[(usize, usize)]) -> Line<'a> {
    let t = theme();
    let mark = t.selected.add_modifier(ratatui::style::Modifier::BOLD);
    let mut spans = Vec::new();
    let mut at = 0;
    for &(start, end) in ranges {
        if start < at || end > text.len() {
            continue;
        }
        spans.push(Span::raw(&text[at..start]));
        spans.push(Span::styled(&text[start..end], mark));
        at = end;
    }
    spans.push(Span::raw(&text[at..]));
    Line::from(spans)
}

fn results(frame: &mut Frame, area: Rect, hits: &[Hit], sel: usize) {
    let t = theme();
    let width = usize::from(area.width.saturating_sub(2));
    // Only the hits in view are laid out (a search may find thousands): two lines each, the
    // selected one kept in view.
    let fits = (usize::from(area.height.saturating_sub(2)) / 2).max(1);
    let first = (sel + 1).saturating_sub(fits);
    let items: Vec<ListItem> = hits
        .iter()
        .skip(first)
        .take(fits)
        .map(|h| {
            let place = h.place.label();
            let head = fit(
                &format!(
                    "{} {} · TOP {} {} · {place}",
                    german::date(h.date),
                    h.body,
                    h.item,
                    h.title
                ),
                width,
            );
            // The text around the first match, so the match is in view.
            let first = h.ranges.first().map_or(0, |r| r.0);
            let mut start = first.saturating_sub(width / 3);
            while !h.text.is_char_boundary(start) {
                start -= 1;
            }
            let shown = &h.text[start..];
            let ranges: Vec<(usize, usize)> = h
                .ranges
                .iter()
                .filter(|r| r.0 >= start)
                .map(|r| (r.0 - start, r.1 - start))
                .collect();
            let cut = fit(shown, width);
            let ranges: Vec<(usize, usize)> =
                ranges.into_iter().filter(|r| r.1 <= cut.len()).collect();
            let body = spans_with(&cut, &ranges).patch_style(ratatui::style::Style::new());
            let body = Line::from(
                body.spans
                    .into_iter()
                    .map(|s| Span::styled(s.content.into_owned(), s.style))
                    .collect::<Vec<_>>(),
            );
            ListItem::new(vec![Line::styled(head, t.muted), body])
        })
        .collect();
    let block = Block::bordered().border_style(t.border_focus);
    let mut state = ListState::default().with_selected((!hits.is_empty()).then_some(sel - first));
    frame.render_stateful_widget(
        List::new(items).block(block).highlight_symbol("▶ "),
        area,
        &mut state,
    );
    if hits.is_empty() {
        frame.render_widget(
            Paragraph::new("Keine Treffer.").style(t.muted),
            area.inner(ratatui::layout::Margin::new(2, 1)),
        );
    }
}
