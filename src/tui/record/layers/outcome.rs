//! The outcome of an item (beschlossen, abgelehnt, vertagt …), chosen from a list; the row after
//! the outcomes clears it.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Ctx, Effect, Layer, Prompt, Purpose, Verdict, boxed, popup};
use crate::domain::{Action, Outcome};
use crate::render::german;
use crate::tui::keymap::{Command, Context};
use crate::tui::record::App;
use crate::tui::step;
use crate::tui::theme::theme;

pub struct OutcomePicker {
    item: String,
    sel: usize,
}

impl OutcomePicker {
    /// The picker for `item`, on its outcome where it has one.
    pub fn new(item: &str, preselect: Option<Outcome>) -> OutcomePicker {
        let sel = preselect
            .and_then(|o| Outcome::ALL.iter().position(|x| *x == o))
            .unwrap_or(0);
        OutcomePicker {
            item: item.to_string(),
            sel,
        }
    }
}

impl Layer for OutcomePicker {
    fn context(&self) -> Context {
        Context::Outcome
    }

    fn key(&mut self, _key: KeyEvent, command: Option<Command>, ctx: &Ctx) -> Verdict {
        match command {
            Some(Command::Accept) => {
                let outcome = Outcome::ALL.get(self.sel).copied();
                let item = self.item.clone();
                // Taken off or referred: the protocol says why, or to whom.
                let ask = |purpose, title: &str| {
                    let prompt = Prompt::new(purpose, title, "", ctx.session);
                    Verdict::close_with(vec![Effect::Push(Box::new(prompt))])
                };
                match outcome {
                    Some(Outcome::Abgesetzt) => ask(
                        Purpose::TakenOff { item },
                        "Abgesetzt – Grund (leer: ohne Grund)",
                    ),
                    Some(Outcome::Verwiesen) => ask(
                        Purpose::Referred { item },
                        "Verwiesen an … (z. B. „den Finanzausschuss“)",
                    ),
                    outcome => {
                        Verdict::close_with(vec![Effect::Commit(vec![Action::SetOutcome {
                            item,
                            outcome,
                        }])])
                    }
                }
            }
            Some(Command::Back) => Verdict::close(),
            Some(c @ (Command::Up | Command::Down)) => {
                step(&mut self.sel, Outcome::ALL.len() + 1, c == Command::Down);
                Verdict::keep()
            }
            _ => Verdict::keep(),
        }
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, _app: &App) {
        let area = popup(screen, 36, Outcome::ALL.len() as u16 + 3);
        let labels = Outcome::ALL
            .iter()
            .map(|o| german::outcome(*o))
            .chain(["– kein Beschluss –"]);
        let lines: Vec<Line> = labels
            .enumerate()
            .map(|(i, label)| {
                let line = Line::raw(format!(" {label}"));
                if i == self.sel {
                    line.style(theme().selected)
                } else {
                    line
                }
            })
            .collect();
        boxed(frame, area, "Beschluss", Paragraph::new(lines));
    }
}
