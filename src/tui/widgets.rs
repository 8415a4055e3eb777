//! Widgets and helpers the screens share (recording, browser, picker): nothing here knows the
//! state of a screen, so every screen may use them and none needs another's drawing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::theme;

/// Below this the screen cannot show its panes; a message says so instead.
pub const MIN_WIDTH: u16 = 64;
pub const MIN_HEIGHT: u16 = 16;

/// Title line, body and hint line of a full-screen list (the picker, the archive); `None`, with
/// a note drawn instead, where the terminal is smaller than `min_width`×`min_height`.
pub fn title_body_hints(frame: &mut Frame, min_width: u16, min_height: u16) -> Option<[Rect; 3]> {
    let area = frame.area();
    if area.width < min_width || area.height < min_height {
        frame.render_widget(
            Paragraph::new("Fenster zu klein").wrap(Wrap { trim: true }),
            area,
        );
        return None;
    }
    Some(
        Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area),
    )
}

/// A pane's frame; the focused pane's border stands out (bold, or in colour).
pub fn pane_block(title: String, focused: bool) -> Block<'static> {
    let t = theme();
    let style = if focused { t.border_focus } else { t.border };
    let marker = if focused { "▶ " } else { "" };
    Block::bordered()
        .border_style(style)
        .title(Line::styled(format!("{marker}{title}"), t.title))
}

/// Cuts `s` to `width` display columns, ending in "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// "00:42" or "1:02:03" for a number of seconds.
pub fn duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// Wraps text for a pane. First-fit is what a terminal reader expects and costs far less per
/// frame than textwrap's optimal fit.
pub fn wrap(text: &str, width: usize) -> Vec<std::borrow::Cow<'_, str>> {
    let options =
        textwrap::Options::new(width.max(1)).wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(text, options)
}

/// The key hints of a line: "? Hilfe  Enter TOP aufrufen …", as many as fit into `width`.
pub fn hint_line<'a>(
    bindings: impl Iterator<Item = &'a super::keymap::Binding>,
    width: usize,
) -> Line<'static> {
    let t = theme();
    let mut spans = Vec::new();
    let mut used = 0;
    for binding in bindings {
        let key = binding.keys.first().map(|k| k.label()).unwrap_or_default();
        let help = binding
            .help
            .split(['(', ':'])
            .next()
            .unwrap_or_default()
            .trim();
        let len = key.width() + help.width() + 3;
        if used + len > width {
            break;
        }
        used += len;
        spans.push(Span::styled(key, t.key));
        spans.push(Span::raw(format!(" {help}  ")));
    }
    Line::from(spans)
}
