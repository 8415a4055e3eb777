//! Speaking times for the chair (`R`): per speaker, per Fraktion and per item, from the turns the
//! speaker queue recorded, the longest first; the turn going on counts up to now.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::{Ctx, Layer, Verdict, popup, scrolled, window};
use crate::domain::statistics::{TurnRow, minutes_seconds};
use crate::render::german;
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::record::App;
use crate::tui::theme::theme;
use crate::tui::widgets::fit;

/// What the turns are summed by.
type GroupBy<'a> = Box<dyn Fn(&TurnRow) -> String + 'a>;

#[derive(Default)]
pub struct SpeakingTimes {
    scroll: u16,
}

impl Layer for SpeakingTimes {
    fn context(&self) -> Context {
        Context::Help
    }

    fn key(&mut self, _key: KeyEvent, command: Option<Command>, _ctx: &Ctx) -> Verdict {
        scrolled(&mut self.scroll, command)
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let t = theme();
        let area = popup(screen, 70, screen.height.saturating_sub(2));
        let s = &app.session;
        let now = app.time();
        let width = area.width.saturating_sub(2) as usize;
        let mut lines = Vec::new();
        let sections: [(&str, GroupBy); 3] = [
            (
                "Je Redner/in",
                Box::new(|r: &TurnRow| {
                    s.person(&r.person)
                        .map_or(r.person.clone(), german::listed_name)
                }),
            ),
            (
                "Je Fraktion",
                Box::new(|r: &TurnRow| {
                    r.fraktion.clone().unwrap_or_else(|| {
                        s.person(&r.person)
                            .map_or("ohne Fraktion", |p| german::person_kind(p.kind))
                            .to_string()
                    })
                }),
            ),
            ("Je TOP", Box::new(|r: &TurnRow| format!("TOP {}", r.item))),
        ];
        let turns = s.turns();
        if turns.is_empty() {
            lines.push(Line::raw("Noch keine Redebeiträge festgehalten."));
        }
        for (title, key) in &sections {
            if turns.is_empty() {
                break;
            }
            let totals = s.totals(Some(now), key);
            lines.push(Line::styled(*title, t.title));
            for total in totals {
                lines.push(Line::raw(fit(
                    &format!(
                        "  {:<40} {:>3} × {:>7}",
                        fit(&total.key, 40),
                        total.turns,
                        minutes_seconds(total.seconds)
                    ),
                    width,
                )));
            }
            lines.push(Line::raw(""));
        }
        let title = format!(
            "Redezeiten ({}/{} blättern, {} schließt)",
            key_for(Context::Help, Command::Up),
            key_for(Context::Help, Command::Down),
            key_for(Context::Help, Command::Back)
        );
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines)
                .block(window(&title))
                .scroll((self.scroll, 0)),
            area,
        );
    }
}
