//! The minutes pane: the paragraphs of the selected item as the protocol will print them; the
//! editor opens in its lower part.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::render::german;

use super::super::app::{App, Pane};
use super::super::layer::{EditTarget, Layer};
use super::super::theme::theme;
use super::{fit, focused, pane_block};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme();
    let is_focused = focused(app, Pane::Minutes);
    let Some(item) = app.item() else {
        frame.render_widget(
            Paragraph::new("").block(pane_block("Protokoll".into(), is_focused)),
            area,
        );
        return;
    };
    let title = format!("TOP {} {}", item.number, item.title);
    let block = pane_block(
        fit(&title, area.width.saturating_sub(6) as usize),
        is_focused,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let editing = app.layers.iter().find_map(|l| match l {
        Layer::Editor(e) => match &e.target {
            EditTarget::Minute { item: n, index } if *n == item.number => Some((e, *index)),
            _ => None,
        },
        _ => None,
    });
    let [list_area, editor_area] = match editing {
        Some(_) => {
            let editor_height = (inner.height / 2).clamp(5, 12);
            Layout::vertical([Constraint::Min(1), Constraint::Length(editor_height)]).areas(inner)
        }
        None => [inner, Rect::default()],
    };

    let mut info = Vec::new();
    match (item.started, item.ended) {
        (Some(s), Some(e)) => info.push(format!("{}–{} Uhr", s.hhmm(), e.hhmm())),
        (Some(s), None) => info.push(format!("seit {} Uhr", s.hhmm())),
        _ => {}
    }
    if let Some(o) = item.outcome {
        info.push(o.label().to_string());
    }
    if !item.befangen.is_empty() {
        let names: Vec<String> = item
            .befangen
            .iter()
            .map(|id| german::speaker_name(&app.session, id))
            .collect();
        info.push(format!("befangen: {}", names.join(", ")));
    }
    if app.session.is_closed(item) {
        info.push("nichtöffentlich".into());
    }
    let width = list_area.width.max(1) as usize;
    let mut lines: Vec<Line> = Vec::new();
    // The full title (the agenda shows only its start), and a warning when this is not the item
    // being dealt with: what is typed here goes to this item.
    for l in super::wrap(&item.title, width) {
        lines.push(Line::styled(l.into_owned(), t.title));
    }
    if let Some(running) = app
        .session
        .current_item
        .as_deref()
        .filter(|c| *c != item.number)
    {
        for l in super::wrap(&format!("nicht aufgerufen – es läuft TOP {running}"), width) {
            lines.push(Line::styled(l.into_owned(), t.warn));
        }
    }
    if !info.is_empty() {
        for l in super::wrap(&info.join(" · "), width) {
            lines.push(Line::styled(l.into_owned(), t.muted));
        }
    }
    if item.minutes.is_empty() {
        let hint = if app.read_only().is_some() {
            "Noch kein Absatz."
        } else {
            "Noch kein Absatz. n schreibt einen, in der Redeliste erteilt Enter das Wort."
        };
        lines.extend(
            super::wrap(hint, width)
                .into_iter()
                .map(|l| Line::styled(l.into_owned(), t.muted)),
        );
    }
    // One paragraph as its lines on screen: a blank line, then the text wrapped.
    let paragraph_lines = |index: usize| -> Vec<Line<'static>> {
        let p = &item.minutes[index];
        let mut out = vec![Line::raw("")];
        let time = p.at.map(|t| format!("{} ", t.hhmm())).unwrap_or_default();
        let text = if editing.is_some_and(|(_, i)| i == index) {
            format!("{time}✎ wird bearbeitet …")
        } else {
            format!("{time}{}", german::paragraph(&app.session, p))
        };
        let selected = is_focused && index == app.sel.minutes;
        for (n, l) in super::wrap(&text, width).into_iter().enumerate() {
            let l = l.into_owned();
            let line = if n == 0 && !time.is_empty() && l.starts_with(&time) {
                Line::from(vec![
                    Span::styled(time.clone(), t.muted),
                    Span::raw(l[time.len()..].to_string()),
                ])
            } else {
                Line::raw(l)
            };
            out.push(if selected {
                line.style(t.selected)
            } else {
                line
            });
        }
        out
    };
    // Only what can be seen is laid out: the view ends with the selected paragraph, so the
    // paragraphs before it are wrapped back from it until the screen is full; the head and the
    // paragraphs after it only where the screen has room for them.
    let height = list_area.height as usize;
    let offset = if item.minutes.is_empty() {
        lines.len().saturating_sub(height)
    } else {
        let sel = app.sel.minutes.min(item.minutes.len() - 1);
        let mut above: Vec<Vec<Line>> = Vec::new();
        let mut filled = 0;
        let mut first = sel + 1;
        while first > 0 && filled < height {
            first -= 1;
            let paragraph = paragraph_lines(first);
            filled += paragraph.len();
            above.push(paragraph);
        }
        if first > 0 {
            // The head is out of view.
            lines.clear();
        }
        // The selected paragraph came first; its text begins after its blank line.
        let selected_text = above.first().map_or(0, |p| p.len() - 1);
        for paragraph in above.into_iter().rev() {
            lines.extend(paragraph);
        }
        let selected_end = lines.len();
        let selected_start = selected_end - selected_text;
        let mut next = sel + 1;
        while lines.len() < height && next < item.minutes.len() {
            lines.extend(paragraph_lines(next));
            next += 1;
        }
        selected_end.saturating_sub(height).min(selected_start)
    };
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), list_area);

    if let Some((editor, _)) = editing {
        let title = if editor.prefix.is_empty() {
            "Absatz".to_string()
        } else {
            format!("{} …", editor.prefix)
        };
        let block = Block::bordered()
            .border_style(t.border_focus)
            .title(Line::from(vec![Span::styled(title, t.title)]))
            .title_bottom(Line::from(vec![Span::styled(
                format!(
                    " {} übernimmt ",
                    crate::tui::keymap::key_for(
                        crate::tui::keymap::Context::Editor,
                        crate::tui::keymap::Command::Accept
                    )
                ),
                t.key,
            )]));
        let inner = block.inner(editor_area);
        frame.render_widget(block, editor_area);
        frame.render_widget(&editor.area, inner);
    }
}
