//! The agenda pane: number, title, closed marker and outcome of each item; the current one marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use crate::domain::Outcome;

use super::super::app::{App, Pane};
use super::super::theme::theme;
use super::{fit, focused, pane_block};

/// A one-character sign for an outcome, explained in the help.
pub fn outcome_sign(outcome: Option<Outcome>) -> &'static str {
    match outcome {
        None => " ",
        Some(o) if o.is_passed() => "✓",
        Some(Outcome::Abgelehnt) => "✗",
        Some(Outcome::ZurKenntnisGenommen) => "i",
        Some(Outcome::Vertagt | Outcome::Zurueckgestellt | Outcome::Verwiesen) => "»",
        Some(Outcome::Abgesetzt | Outcome::Zurueckgezogen) => "–",
        Some(_) => "✓",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme();
    let is_focused = focused(app, Pane::Agenda);
    let block = pane_block("Tagesordnung".into(), is_focused);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let current = app.session.current_item.as_deref();
    let number_width = app
        .session
        .agenda
        .iter()
        .map(|i| i.number.width())
        .max()
        .unwrap_or(1);
    let closed_flags = app.session.closed_flags();
    // Only the rows in view are built: the selection sits in a window of the pane's height.
    let height = inner.height as usize;
    let len = app.session.agenda.len();
    let first = app
        .sel
        .agenda
        .saturating_sub(height.saturating_sub(1) / 2)
        .min(len.saturating_sub(height));
    let items: Vec<ListItem> = app
        .session
        .agenda
        .iter()
        .zip(closed_flags)
        .skip(first)
        .take(height)
        .map(|(item, closed)| {
            let is_current = current == Some(item.number.as_str());
            let lead = if is_current { "▶" } else { " " };
            let sign = outcome_sign(item.outcome);
            let closed_mark = if closed { "N " } else { "" };
            let fixed = 1 + number_width + 1 + closed_mark.width() + 2;
            let title = fit(&item.title, width.saturating_sub(fixed));
            let pad = width.saturating_sub(fixed + title.width());
            let mut spans = vec![
                Span::styled(lead, t.current),
                Span::raw(format!("{:<number_width$} ", item.number)),
            ];
            if closed {
                spans.push(Span::styled(closed_mark, t.closed));
            }
            let title_style = if is_current {
                t.current
            } else {
                Default::default()
            };
            spans.push(Span::styled(title, title_style));
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(
                format!(" {sign}"),
                if item.outcome == Some(Outcome::Abgelehnt) {
                    t.no
                } else {
                    t.ok
                },
            ));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let mut state = ListState::default()
        .with_selected((!app.session.agenda.is_empty()).then_some(app.sel.agenda - first));
    let highlight = if is_focused {
        t.selected
    } else {
        t.muted.add_modifier(ratatui::style::Modifier::REVERSED)
    };
    let list = List::new(items).block(block).highlight_style(highlight);
    frame.render_stateful_widget(list, area, &mut state);
    if app.session.agenda.is_empty() {
        let hint = ratatui::widgets::Paragraph::new("Keine TOPs. a fügt einen TOP ein.")
            .style(t.muted)
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(hint, inner);
    }
}
