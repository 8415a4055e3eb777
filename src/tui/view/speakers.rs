//! The speaker queue: who has the floor and for how long, then the requests in order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::RequestKind;
use crate::render::german;

use super::super::app::{App, Pane};
use super::super::theme::theme;
use super::{duration, fit, focused, pane_block};

/// A short mark for the kind of a request.
pub fn kind_mark(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Zwischenfrage => "ZF ",
        RequestKind::Erwiderung => "ER ",
        RequestKind::Geschaeftsordnung => "GO ",
        RequestKind::Wortmeldung => "",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme();
    let is_focused = focused(app, Pane::Speakers);
    let block = pane_block("Redeliste".into(), is_focused);
    let width = block.inner(area).width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let Some(item) = app.item() else {
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    };
    let name = |id: &str| {
        app.session
            .person(id)
            .map_or_else(|| id.to_string(), german::speaker)
    };
    match item.speakers.current() {
        Some(turn) => {
            let used = (app.now.time() - turn.since.0).num_seconds();
            let over = turn.limit_secs.is_some_and(|l| used > i64::from(l));
            let clock = match turn.limit_secs {
                Some(limit) => format!("{}/{}", duration(used), duration(i64::from(limit))),
                None => duration(used),
            };
            let label = fit(
                &format!("{}{}", kind_mark(turn.kind), name(&turn.person)),
                width.saturating_sub(clock.len() + 3),
            );
            let style = if over { t.error } else { t.current };
            lines.push(Line::from(vec![
                Span::styled(format!("▶ {label}"), t.current),
                Span::raw(" "),
                Span::styled(clock, style),
            ]));
            if over {
                lines.push(Line::styled("Redezeit überschritten", t.error));
            }
        }
        None => lines.push(Line::styled("niemand hat das Wort", t.muted)),
    }
    if item.speakers.waiting.is_empty() {
        lines.push(Line::styled("keine Wortmeldungen (a)", t.muted));
    }
    for (i, request) in item.speakers.waiting.iter().enumerate() {
        let text = fit(
            &format!(
                "{:>2} {}{}",
                i + 1,
                kind_mark(request.kind),
                name(&request.person)
            ),
            width,
        );
        let line = Line::raw(text);
        lines.push(if is_focused && i == app.sel.speakers {
            line.style(t.selected)
        } else {
            line
        });
    }
    let done = item
        .speakers
        .turns
        .iter()
        .filter(|t| t.until.is_some())
        .count();
    let mut footer = format!("{done} Beiträge");
    if let Some(limit) = app.limit_secs {
        footer.push_str(&format!(" · Redezeit {}", duration(i64::from(limit))));
    }
    let inner_height = block.inner(area).height as usize;
    while lines.len() + 1 < inner_height {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(fit(&footer, width), t.muted));
    // Keep the selected request in view on a short pane.
    let offset = (app.sel.speakers + 3).saturating_sub(inner_height.saturating_sub(1));
    let offset = if lines.len() > inner_height {
        offset.min(lines.len() - inner_height)
    } else {
        0
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((offset as u16, 0)),
        area,
    );
}
