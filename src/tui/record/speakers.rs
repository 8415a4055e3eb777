//! The speaker queue: who has the floor and for how long (always in sight), then the requests.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::RequestKind;
use crate::render::german;

use crate::domain::Action;

use super::layers::Purpose;
use super::{App, Pane, focused};
use crate::tui::keymap::Command;
use crate::tui::theme::theme;
use crate::tui::widgets::{duration, fit, pane_block};

impl App {
    pub(super) fn speakers_command(&mut self, command: Command) {
        let Some(item) = self.item().cloned() else {
            return;
        };
        let number = item.number.clone();
        let len = item.speakers.waiting.len();
        let at = self.time();
        match command {
            Command::Request(kind) => {
                let title = crate::render::german::request_title(kind);
                self.prompt(Purpose::Speaker { item: number, kind }, title, "");
            }
            Command::GiveFloor => {
                let action = Action::GiveFloor {
                    item: number.clone(),
                    at,
                    limit_secs: self.limit_secs,
                };
                if self.commit(vec![action]) {
                    let index = self.item().map_or(0, |i| i.minutes.len().saturating_sub(1));
                    self.edit_minute(&number, index);
                }
            }
            Command::EndTurn => {
                self.commit(vec![Action::EndTurn { item: number, at }]);
            }
            Command::RemoveRequest if len > 0 => {
                let who = &item.speakers.waiting[self.sel.speakers].person;
                let name = german::speaker_name(&self.session, who);
                self.confirm(
                    format!("Wortmeldung von {name} streichen?"),
                    vec![Action::RemoveSpeaker {
                        item: number,
                        index: self.sel.speakers,
                    }],
                );
            }
            Command::MoveUp | Command::MoveDown if len > 0 => {
                let from = self.sel.speakers;
                let to = if command == Command::MoveDown {
                    from + 1
                } else {
                    from.wrapping_sub(1)
                };
                if to < len
                    && self.commit(vec![Action::MoveSpeaker {
                        item: number,
                        from,
                        to,
                    }])
                {
                    self.sel.speakers = to;
                }
            }
            Command::SetLimit => {
                let current = self
                    .limit_secs
                    .map(|s| (s / 60).to_string())
                    .unwrap_or_default();
                self.prompt(
                    Purpose::Limit,
                    "Redezeit in Minuten (leer: keine Begrenzung)",
                    &current,
                );
            }
            _ => {}
        }
    }
}

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
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let Some(item) = app.item() else { return };
    let name = |id: &str| german::speaker_name(&app.session, id);

    let mut top: Vec<Line> = Vec::new();
    match item.speakers.current() {
        Some(turn) => {
            let used = (app.clock().time() - turn.since.0).num_seconds();
            let over = turn.limit_secs.is_some_and(|l| used > i64::from(l));
            let clock = match turn.limit_secs {
                Some(limit) => format!("{}/{}", duration(used), duration(i64::from(limit))),
                None => duration(used),
            };
            let label = fit(
                &format!("{}{}", kind_mark(turn.kind), name(&turn.person)),
                width.saturating_sub(clock.len() + 3),
            );
            top.push(Line::from(vec![
                Span::styled(format!("▶ {label}"), t.current),
                Span::raw(" "),
                Span::styled(clock, if over { t.error } else { t.current }),
            ]));
            if over {
                top.push(Line::styled("Redezeit überschritten", t.error));
            }
        }
        None => top.push(Line::styled("niemand hat das Wort", t.muted)),
    }
    let done = item
        .speakers
        .turns
        .iter()
        .filter(|t| t.until.is_some())
        .count();
    let mut footer = if done == 1 {
        "1 Beitrag".to_string()
    } else {
        format!("{done} Beiträge")
    };
    if let Some(limit) = app.limit_secs {
        footer.push_str(&format!(" · Redezeit {}", duration(i64::from(limit))));
    }

    // Who speaks stays at the top and the count at the bottom; only the queue scrolls.
    let [head, list, foot] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(top), head);
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&footer, width), t.muted)),
        foot,
    );
    let mut lines: Vec<Line> = Vec::new();
    if item.speakers.waiting.is_empty() {
        let key = crate::tui::keymap::key_for(
            crate::tui::keymap::Context::Speakers,
            crate::tui::keymap::Command::Request(crate::domain::RequestKind::Wortmeldung),
        );
        lines.push(Line::styled(
            format!("keine Wortmeldungen ({key})"),
            t.muted,
        ));
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
    let height = list.height as usize;
    let offset = (app.sel.speakers + 1)
        .saturating_sub(height)
        .min(lines.len().saturating_sub(height));
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), list);
}
