//! The agenda pane: number, title, closed marker and outcome of each item; the current one marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use crate::domain::{Action, Outcome, Time, TimeOf};

use super::layers::{Confirm, Effect, OutcomePicker, Purpose};
use super::{App, Pane, focused};
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::theme::theme;
use crate::tui::widgets::{fit, pane_block};

impl App {
    pub(super) fn agenda_command(&mut self, command: Command) {
        let len = self.session.agenda.len();
        let at = self.time();
        if let Command::AddItem = command {
            let position = if len == 0 { 0 } else { self.sel.agenda + 1 };
            let title = "Neuer TOP: Nummer und Titel, z. B. „5.1 Dringlichkeitsantrag …“";
            return self.prompt(Purpose::NewItem { position }, title, "");
        }
        let Some(item) = self.item().cloned() else {
            return;
        };
        let number = item.number.clone();
        match command {
            Command::OpenItem => self.open_item(number, at),
            Command::CloseItem => self.close_item(number, at),
            Command::RemoveItem => {
                let votes = item.motions.iter().filter(|m| m.counted()).count();
                let question = format!(
                    "TOP {number} „{}“ mit {} Absätzen und {votes} Abstimmungen löschen? \
                     (Abgesetzte TOPs besser mit {} → abgesetzt)",
                    item.title,
                    item.minutes.len(),
                    key_for(Context::Agenda, Command::ChooseOutcome)
                );
                self.confirm(question, vec![Action::RemoveItem { item: number }]);
            }
            Command::MoveUp | Command::MoveDown => {
                let down = command == Command::MoveDown;
                let to = if down {
                    self.sel.agenda + 1
                } else {
                    self.sel.agenda.wrapping_sub(1)
                };
                // In the meeting the protocol says so: "TOP 4 wird vor TOP 3 behandelt."
                let actions = self.session.move_actions(&number, to, self.time());
                if to < len && self.commit(actions) {
                    self.sel.agenda = to;
                }
            }
            Command::Renumber => self.confirm(
                "Alle TOPs in der jetzigen Reihenfolge neu nummerieren?".into(),
                vec![Action::Renumber],
            ),
            // A sub-item of a closed item is closed with it, whatever its own flag.
            Command::ToggleClosed if self.session.closing_parent(&item).is_some() => {
                if let Some(parent) = self.session.closing_parent(&item) {
                    let parent = parent.number.clone();
                    self.info(format!(
                        "TOP {number} ist nichtöffentlich, solange TOP {parent} es ist"
                    ));
                }
            }
            // Opening a closed item publishes all of it: never on one key.
            Command::ToggleClosed if item.closed => self.confirm(
                format!(
                    "TOP {number} „{}“ öffentlich machen? Dann steht alles daraus in der \
                     öffentlichen Niederschrift.",
                    item.title
                ),
                vec![Action::SetClosed {
                    item: number,
                    closed: false,
                    reason: None,
                }],
            ),
            Command::ToggleClosed => self.prompt(
                Purpose::ClosedReason { item: number },
                "Nichtöffentlich – Grund (z. B. Grundstücksangelegenheit)",
                "",
            ),
            Command::Rename => {
                let current = format!("{} {}", item.number, item.title);
                self.prompt(
                    Purpose::Rename { item: number },
                    "Nummer und Titel",
                    &current,
                );
            }
            Command::ChooseOutcome => self.push(OutcomePicker::new(&number, item.outcome)),
            Command::TakeNote => self.take_note(number),
            Command::SetTimes => self.prompt(
                Purpose::Times {
                    first: TimeOf::ItemStart {
                        item: number.clone(),
                    },
                    second: Some(TimeOf::ItemEnd {
                        item: number.clone(),
                    }),
                },
                &format!("TOP {number}: Beginn–Ende (z. B. 19:05–19:20)"),
                &super::span_text(item.started, item.ended),
            ),
            _ => {}
        }
    }

    /// Calls an item. The session opens with the first item called, if nobody opened it; calling
    /// a second item while one runs (which closes that one) asks first.
    fn open_item(&mut self, number: String, at: Time) {
        let actions = self.session.open_item_actions(&number, at);
        let running = self.session.current_item.clone().filter(|c| *c != number);
        let reopen = self.item().is_some_and(|i| i.ended.is_some());
        let question = match (running, reopen) {
            (Some(running), _) => Some(format!(
                "TOP {running} läuft noch. TOP {number} aufrufen und TOP {running} um {} Uhr schließen?",
                at.hhmm()
            )),
            (None, true) => Some(format!(
                "TOP {number} ist schon geschlossen. Wieder aufrufen?"
            )),
            (None, false) => None,
        };
        let effects = vec![
            Effect::Commit(actions),
            Effect::ItemOpened { item: number, at },
        ];
        match question {
            Some(question) => self.push(Confirm::then(question, effects)),
            None => {
                self.carry_out(effects);
            }
        }
    }

    /// After an item was called: the minutes of it, at their end.
    pub(super) fn item_opened(&mut self, number: &str, at: Time) {
        self.info(format!("TOP {number} aufgerufen um {} Uhr.", at.hhmm()));
        self.focus = Pane::Minutes;
        self.sel.minutes = self.item().map_or(0, |i| i.minutes.len().saturating_sub(1));
    }

    fn close_item(&mut self, number: String, at: Time) {
        if self.commit(vec![Action::CloseItem {
            item: number.clone(),
            at,
        }]) {
            self.info(format!("TOP {number} geschlossen um {} Uhr.", at.hhmm()));
        }
    }

    pub(super) fn take_note(&mut self, number: String) {
        let outcome = Some(Outcome::ZurKenntnisGenommen);
        if self.commit(vec![Action::SetOutcome {
            item: number.clone(),
            outcome,
        }]) {
            self.info(format!("TOP {number}: zur Kenntnis genommen."));
        }
    }
}

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
        let hint = ratatui::widgets::Paragraph::new(format!(
            "Keine TOPs. {} fügt einen TOP ein.",
            key_for(Context::Agenda, Command::AddItem)
        ))
        .style(t.muted)
        .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(hint, inner);
    }
}
