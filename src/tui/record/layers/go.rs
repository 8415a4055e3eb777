//! A procedural motion (Geschäftsordnungsantrag) chosen from a list: Schluss der Debatte,
//! Vertagung, Verweisung … It is moved by who has the floor and goes first in the voting order;
//! once adopted it does what it asks for (`Session::vote_actions`).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Ctx, Effect, Layer, Verdict, boxed, popup};
use crate::domain::{Action, GoKind, Motion, MotionKind};
use crate::render::german;
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::record::App;
use crate::tui::step;
use crate::tui::theme::theme;

pub struct GoPicker {
    item: String,
    sel: usize,
}

impl GoPicker {
    pub fn new(item: &str) -> GoPicker {
        GoPicker {
            item: item.to_string(),
            sel: 0,
        }
    }
}

impl Layer for GoPicker {
    fn context(&self) -> Context {
        Context::Outcome
    }

    fn key(&mut self, _key: KeyEvent, command: Option<Command>, ctx: &Ctx) -> Verdict {
        match command {
            Some(Command::Accept) => {
                let Some(go) = GoKind::ALL.get(self.sel).copied() else {
                    return Verdict::close();
                };
                let mover = ctx
                    .session
                    .item(&self.item)
                    .and_then(|i| i.speakers.current())
                    .map(|t| t.person.clone());
                let motion = Motion {
                    kind: MotionKind::GoAntrag,
                    mover,
                    go: Some(go),
                    ..Motion::default()
                };
                Verdict::close_if_done(vec![
                    Effect::Commit(vec![Action::AddMotion {
                        item: self.item.clone(),
                        motion,
                    }]),
                    Effect::NextToVote,
                    Effect::Info(format!(
                        "Antrag zur Geschäftsordnung auf {} aufgenommen; er wird zuerst abgestimmt ({}).",
                        german::go_kind(go),
                        key_for(Context::Motion, Command::StartVote)
                    )),
                ])
            }
            Some(Command::Back) => Verdict::close(),
            Some(c @ (Command::Up | Command::Down)) => {
                step(&mut self.sel, GoKind::ALL.len(), c == Command::Down);
                Verdict::keep()
            }
            _ => Verdict::keep(),
        }
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, _app: &App) {
        let area = popup(screen, 50, GoKind::ALL.len() as u16 + 2);
        let lines: Vec<Line> = GoKind::ALL
            .iter()
            .enumerate()
            .map(|(i, go)| {
                let mark = if i == self.sel { '▸' } else { ' ' };
                let line = Line::raw(format!("{mark}{}", german::go_kind(*go)));
                if i == self.sel {
                    line.style(theme().selected)
                } else {
                    line
                }
            })
            .collect();
        boxed(
            frame,
            area,
            "Antrag zur Geschäftsordnung",
            Paragraph::new(lines),
        );
    }
}
