//! Drawing: a pure function of the app state (`&App`), pane by pane, layers on top.

mod agenda;
mod layers;
mod minutes;
mod motion;
mod speakers;
mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Pane};
pub use super::widgets::{
    MIN_HEIGHT, MIN_WIDTH, duration, fit, hint_line, line_prompt, pane_block, title_body_hints,
    wrap,
};

/// The areas of the recording screen for a terminal of `area`.
pub struct Areas {
    pub header: Rect,
    pub agenda: Rect,
    pub minutes: Rect,
    pub speakers: Rect,
    pub motion: Rect,
    pub status: Rect,
    pub hints: Rect,
}

pub fn areas(area: Rect) -> Areas {
    let [header, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // The minutes get what the sides leave; the sides grow a little on wide terminals.
    let side = |min: u16, share: u16| (area.width * share / 100).max(min);
    let [agenda, minutes, right] = Layout::horizontal([
        Constraint::Length(side(20, 22)),
        Constraint::Min(24),
        Constraint::Length(side(26, 30)),
    ])
    .areas(main);
    let [speakers, motion] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(right);
    Areas {
        header,
        agenda,
        minutes,
        speakers,
        motion,
        status,
        hints,
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return too_small(frame, area);
    }
    let a = areas(area);
    status::header(frame, a.header, app);
    agenda::draw(frame, a.agenda, app);
    minutes::draw(frame, a.minutes, app);
    speakers::draw(frame, a.speakers, app);
    motion::draw(frame, a.motion, app);
    status::status(frame, a.status, app);
    status::hints(frame, a.hints, app);
    for layer in &app.layers {
        layers::draw(frame, &a, app, layer);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Das Terminal ist zu klein ({}×{}). sitzung braucht mindestens {MIN_WIDTH}×{MIN_HEIGHT} Zeichen. \
         Fenster vergrößern – bis dahin bewirken Tasten nichts ({} beendet).",
        area.width,
        area.height,
        super::keymap::key_for(super::keymap::Context::Global, super::keymap::Command::Quit)
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

pub fn focused(app: &App, pane: Pane) -> bool {
    app.layers.is_empty() && app.focus == pane
}
