//! What happens besides the words, in one key or two: `!` opens the list of events (a break, the
//! public excluded or readmitted, another chair, the quorum established, lost or regained), a
//! letter records one at the time of the next entries, in the item being dealt with. `U` starts
//! and ends a break from anywhere.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Ctx, Effect, Layer, Prompt, Purpose, Verdict, boxed, popup};
use crate::domain::{Action, Event, EventKind, Session, Time, open_break};
use crate::render::german;
use crate::tui::keymap::{Command, Context, bindings, keys_label};
use crate::tui::record::App;
use crate::tui::step;
use crate::tui::theme::theme;
use crate::tui::widgets::fit;

pub struct EventPicker {
    sel: usize,
}

impl EventPicker {
    pub fn new() -> EventPicker {
        EventPicker { sel: 0 }
    }
}

impl Default for EventPicker {
    fn default() -> Self {
        EventPicker::new()
    }
}

/// The item an event belongs to: the one being dealt with, else the one selected.
fn item_of(ctx: &Ctx) -> Option<String> {
    ctx.session
        .current_item
        .clone()
        .or_else(|| ctx.item.map(|i| i.number.clone()))
}

/// A break begins, or the one going on ends, at `at`.
pub fn toggle_break(session: &Session, item: Option<String>, at: Time) -> Verdict {
    let Some(item) = item else {
        return Verdict::refuse("Kein TOP aufgerufen: eine Unterbrechung gehört zu einem TOP.");
    };
    let events = session
        .item(&item)
        .map(|i| i.events.as_slice())
        .unwrap_or(&[]);
    match open_break(events) {
        Some(index) => {
            let from = events[index].at;
            let event = Event {
                at: from,
                kind: EventKind::Unterbrechung { until: Some(at) },
            };
            Verdict::close_if_done(vec![
                Effect::Commit(vec![Action::SetEvent { item, index, event }]),
                Effect::Info(format!("Sitzung fortgesetzt um {} Uhr.", at.hhmm())),
            ])
        }
        None => {
            let event = Event {
                at: Some(at),
                kind: EventKind::Unterbrechung { until: None },
            };
            Verdict::close_if_done(vec![
                Effect::Commit(vec![Action::AddEvent { item, event }]),
                Effect::Info(format!(
                    "Sitzung unterbrochen um {} Uhr; noch einmal: fortgesetzt.",
                    at.hhmm()
                )),
            ])
        }
    }
}

/// Records event kind `which` (a position in [`EventKind::ALL`]).
fn record(which: usize, ctx: &Ctx) -> Verdict {
    let Some(kind) = EventKind::ALL.get(which).cloned() else {
        return Verdict::keep();
    };
    let item = item_of(ctx);
    match kind {
        EventKind::Unterbrechung { .. } => toggle_break(ctx.session, item, ctx.time),
        EventKind::Vorsitz { .. } => {
            let Some(item) = item else {
                return Verdict::refuse("Kein TOP gewählt.");
            };
            let purpose = Purpose::Chair { item, at: ctx.time };
            let prompt = Prompt::new(purpose, "Den Vorsitz übernimmt …", "", ctx.session);
            Verdict::close_with(vec![Effect::Push(Box::new(prompt))])
        }
        EventKind::Losentscheid { .. } => {
            let Some(item) = item else {
                return Verdict::refuse("Kein TOP gewählt.");
            };
            let purpose = Purpose::Draw { item, at: ctx.time };
            let prompt = Prompt::new(
                purpose,
                "Losentscheid über …: Ergebnis („den 5. Sitz im Finanzausschuss: SPD“)",
                "",
                ctx.session,
            );
            Verdict::close_with(vec![Effect::Push(Box::new(prompt))])
        }
        kind => {
            let Some(item) = item else {
                return Verdict::refuse("Kein TOP gewählt.");
            };
            let event = Event {
                at: Some(ctx.time),
                kind,
            };
            let said = german::event(ctx.session, &event);
            Verdict::close_if_done(vec![
                Effect::Commit(vec![Action::AddEvent { item, event }]),
                Effect::Info(format!("Eingetragen: {said}")),
            ])
        }
    }
}

/// What a row of the list says.
fn label(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Unterbrechung { .. } => "Unterbrechung beginnt / endet",
        EventKind::OeffentlichkeitAusgeschlossen => "Öffentlichkeit ausgeschlossen",
        EventKind::OeffentlichkeitHergestellt => "Öffentlichkeit wiederhergestellt",
        EventKind::Vorsitz { .. } => "Vorsitz übernimmt … (Name)",
        EventKind::BeschlussfaehigkeitFestgestellt => "Beschlussfähigkeit festgestellt",
        EventKind::BeschlussfaehigkeitVerloren => "Beschlussfähigkeit verloren",
        EventKind::BeschlussfaehigkeitWiederhergestellt => "Beschlussfähigkeit wiederhergestellt",
        // Recorded by the agenda's keys, not from this list.
        EventKind::TagesordnungErweitert { .. } => "Tagesordnung erweitert",
        EventKind::Abgesetzt { .. } => "TOP abgesetzt",
        EventKind::Vorgezogen { .. } => "TOP vorgezogen",
        EventKind::Verwiesen { .. } => "TOP verwiesen",
        EventKind::Losentscheid { .. } => "Losentscheid (worüber: Ergebnis)",
    }
}

impl Layer for EventPicker {
    fn context(&self) -> Context {
        Context::Event
    }

    fn key(&mut self, _key: KeyEvent, command: Option<Command>, ctx: &Ctx) -> Verdict {
        match command {
            Some(Command::Event(which)) => record(usize::from(which), ctx),
            Some(Command::Accept) => record(self.sel, ctx),
            Some(Command::RemoveRequest) => {
                let Some(item) = item_of(ctx) else {
                    return Verdict::keep();
                };
                let events = ctx.session.item(&item).map(|i| i.events.as_slice());
                let Some(last) = events.and_then(|e| e.last()) else {
                    return Verdict::refuse(format!(
                        "Bei TOP {item} ist kein Ereignis eingetragen."
                    ));
                };
                let index = events.map_or(0, |e| e.len() - 1);
                let question = format!(
                    "„{}“ (TOP {item}) löschen?",
                    german::event(ctx.session, last)
                );
                let confirm =
                    super::Confirm::new(question, vec![Action::RemoveEvent { item, index }]);
                Verdict::close_with(vec![Effect::Push(Box::new(confirm))])
            }
            Some(Command::Back) => Verdict::close(),
            Some(c @ (Command::Up | Command::Down)) => {
                step(&mut self.sel, EventKind::ALL.len(), c == Command::Down);
                Verdict::keep()
            }
            _ => Verdict::keep(),
        }
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let area = popup(screen, 48, EventKind::ALL.len() as u16 + 7);
        let key_of = |which: usize| {
            bindings(Context::Event)
                .find(|b| b.command == Command::Event(which as u8))
                .map(keys_label)
                .unwrap_or_default()
        };
        let mut lines: Vec<Line> = EventKind::ALL
            .iter()
            .enumerate()
            .map(|(i, kind)| {
                // The mark shows the row also without colour.
                let mark = if i == self.sel { '▸' } else { ' ' };
                let line = Line::raw(format!("{mark}{:<3}{}", key_of(i), label(kind)));
                if i == self.sel {
                    line.style(theme().selected)
                } else {
                    line
                }
            })
            .collect();
        let item = app
            .session
            .current_item
            .clone()
            .or_else(|| app.item().map(|i| i.number.clone()));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            match &item {
                Some(item) => format!(" bei TOP {item}, {} Uhr", app.time().hhmm()),
                None => " Kein TOP gewählt".to_string(),
            },
            theme().muted,
        ));
        // What is recorded already, newest last, so that a second break is not a mistake.
        let recorded = item
            .as_deref()
            .and_then(|n| app.session.item(n))
            .map(|i| i.events.as_slice())
            .unwrap_or(&[]);
        let width = area.width.saturating_sub(3) as usize;
        for e in recorded.iter().rev().take(3).rev() {
            lines.push(Line::styled(
                format!(" {}", fit(&german::event(&app.session, e), width)),
                theme().muted,
            ));
        }
        let area = popup(screen, 48, lines.len() as u16 + 2);
        boxed(frame, area, "Ereignis", Paragraph::new(lines));
    }
}
