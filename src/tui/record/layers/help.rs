//! The help: every key of every context, from the key table, with the signs of the panes.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Ctx, Layer, Verdict, popup, scrolled, window};
use crate::tui::keymap::{Command, Context, bindings, key_for, keys_label};
use crate::tui::record::App;
use crate::tui::theme::theme;

#[derive(Default)]
pub struct Help {
    scroll: u16,
}

impl Layer for Help {
    fn context(&self) -> Context {
        Context::Help
    }

    fn key(&mut self, _key: KeyEvent, command: Option<Command>, _ctx: &Ctx) -> Verdict {
        scrolled(&mut self.scroll, command)
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, _app: &App) {
        let t = theme();
        let area = popup(screen, 100, screen.height);
        let mut lines = Vec::new();
        for context in Context::ALL {
            lines.push(Line::styled(context.title(), t.title));
            for b in bindings(context) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<18}", keys_label(b)), t.key),
                    Span::raw(b.help),
                ]));
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled("Zeichen in der Tagesordnung", t.title));
        lines.push(Line::raw(
            "  ▶ aufgerufen  N nichtöffentlich  ✓ beschlossen  ✗ abgelehnt  i zur Kenntnis",
        ));
        lines.push(Line::raw(
            "  » vertagt/verwiesen  – abgesetzt/zurückgezogen",
        ));
        lines.push(Line::styled("Redeliste", t.title));
        lines.push(Line::raw("  ZF Zwischenfrage, ER Erwiderung, GO zur Geschäftsordnung – in dieser Reihenfolge vor allen anderen"));
        let title = format!(
            "Hilfe – alle Tasten ({}/{} blättern, {} schließt)",
            key_for(Context::Help, Command::Up),
            key_for(Context::Help, Command::Down),
            key_for(Context::Help, Command::Back)
        );
        frame.render_widget(Clear, area);
        let last_page = (lines.len() as u16).saturating_sub(area.height.saturating_sub(2));
        frame.render_widget(
            Paragraph::new(lines)
                .block(window(&title))
                .scroll((self.scroll.min(last_page), 0)),
            area,
        );
    }
}
