//! The one place colours live. With `NO_COLOR` set, everything stays readable through
//! reverse video, bold and markers alone; the colours used are the 16 basic ones.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

pub struct Theme {
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub selected: Style,
    pub current: Style,
    pub muted: Style,
    pub closed: Style,
    pub ok: Style,
    pub warn: Style,
    pub error: Style,
    pub key: Style,
    pub yes: Style,
    pub no: Style,
    pub abstain: Style,
}

impl Theme {
    fn colour() -> Theme {
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            current: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::DarkGray),
            closed: Style::new().fg(Color::Magenta),
            ok: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan),
            yes: Style::new().fg(Color::Green),
            no: Style::new().fg(Color::Red),
            abstain: Style::new().fg(Color::Yellow),
        }
    }

    fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            border: Style::new(),
            border_focus: bold,
            title: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            current: bold,
            muted: Style::new(),
            closed: Style::new(),
            ok: Style::new(),
            warn: bold,
            error: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: bold,
            yes: Style::new(),
            no: Style::new(),
            abstain: Style::new(),
        }
    }
}

/// The theme for this process: plain when `NO_COLOR` is set to anything non-empty.
pub fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color {
            Theme::plain()
        } else {
            Theme::colour()
        }
    })
}
