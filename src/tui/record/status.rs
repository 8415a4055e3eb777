//! The header (body, date, quorum), the status bar (clock, elapsed times, mode, save state) and
//! the key hints, which come from the key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::render::german;

use super::{App, SaveState};
use crate::tui::keymap::{Command, Context, bindings};
use crate::tui::theme::theme;
use crate::tui::widgets::{duration, fit, hint_line};

pub fn header(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme();
    let s = &app.session;
    let quorum = s.quorum(app.item(), Some(app.time()));
    use crate::domain::life::Stage;
    // A signed record is no longer recorded into: the header says so instead of the quorum.
    let sealed = if !s.life.sealed() {
        None
    } else {
        match s.stage() {
            Stage::Entwurf => Some("teilweise unterschrieben – nur lesen"),
            Stage::Unterschrieben => Some("unterschrieben – nur Berichtigungen"),
            Stage::Genehmigt => Some("genehmigt – nur Berichtigungen"),
            Stage::Veroeffentlicht => Some("veröffentlicht – nur Berichtigungen"),
        }
    };
    let (label, style) = if let Some(sealed) = sealed {
        (sealed.to_string(), t.warn)
    } else if quorum.legal == 0 {
        (
            format!(
                "keine Mitglieder erfasst ({})",
                crate::tui::keymap::key_for(
                    crate::tui::keymap::Context::Global,
                    crate::tui::keymap::Command::Attendance
                )
            ),
            t.warn,
        )
    } else if quorum.reached() {
        (
            format!("beschlussfähig {}/{}", quorum.present, quorum.legal),
            t.ok,
        )
    } else {
        (
            format!(
                "NICHT beschlussfähig {}/{} (nötig {})",
                quorum.present, quorum.legal, quorum.required
            ),
            t.error,
        )
    };
    let mut left = format!("{} · {}", german::date(s.date), s.body);
    if let Some(n) = &s.number {
        left.push_str(&format!(" · Sitzung {n}"));
    }
    let width = area.width as usize;
    let left = fit(&left, width.saturating_sub(label.width() + 1));
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(label.width() as u16)])
        .areas(area);
    frame.render_widget(Paragraph::new(Span::styled(left, t.title)), l);
    frame.render_widget(Paragraph::new(Span::styled(label, style)), r);
}

pub fn status(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme();
    let now = app.clock().time();
    let mut left = vec![Span::raw(now.format("%H:%M:%S").to_string())];
    // Typing up afterwards: the clock is the one set, and says so.
    if app.offset.is_some() {
        left.push(Span::styled(" NACHTRAG", t.warn));
    }
    left.push(Span::raw(" │ "));
    left.push(Span::styled(app.context().mode(), t.key));
    if let Some(start) = app.session.start {
        let end = app.session.end.map_or(now, |e| e.0);
        left.push(Span::raw(format!(
            " │ Sitzung {}",
            duration((end - start.0).num_seconds())
        )));
    }
    if let Some(item) = app
        .session
        .current_item
        .as_deref()
        .and_then(|n| app.session.item(n))
        && let Some(started) = item.started
    {
        left.push(Span::raw(format!(
            " │ TOP {} {}",
            item.number,
            duration((now - started.0).num_seconds())
        )));
    }
    // The save state stands at the right edge, where nothing can push it out of sight.
    let unsaved = app.unsaved_editor();
    let save = match (&app.save, app.read_only()) {
        (_, Some(why)) => Span::styled(format!("NUR LESEN ({why})"), t.warn),
        (SaveState::Opened | SaveState::Saved(_), None) if unsaved.is_some() => {
            Span::styled(unsaved.unwrap_or_default(), t.warn)
        }
        (SaveState::Opened, None) => Span::styled("geöffnet", t.muted),
        (SaveState::Saved(at), None) => {
            Span::styled(format!("gespeichert {}", at.0.format("%H:%M:%S")), t.ok)
        }
        (SaveState::Rescued { at, .. }, None) => Span::styled(
            format!("⚠ SPERRE VERLOREN – gerettet {}", at.0.format("%H:%M:%S")),
            t.error,
        ),
        (SaveState::Failed { since, .. }, None) => Span::styled(
            format!(
                "⚠ NICHT GESPEICHERT seit {} – wird wiederholt",
                since.hhmm()
            ),
            t.error,
        ),
    };
    let save_width = save.content.width() as u16;
    let [l, r] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(save_width)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)), l);
    frame.render_widget(Paragraph::new(Line::from(save)), r);
}

pub fn hints(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme();
    if let Some(message) = &app.message {
        let style = if message.error { t.error } else { t.ok };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&message.text, area.width as usize), style)),
            area,
        );
        return;
    }
    if let SaveState::Rescued { path, .. } = &app.save {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let text = fit(
            &format!(
                "Sperrdatei entfernt/ersetzt: alles steht in {name} (Sitzungsdatei unberührt)"
            ),
            area.width as usize,
        );
        frame.render_widget(Paragraph::new(Span::styled(text, t.error)), area);
        return;
    }
    if let SaveState::Failed { error, .. } = &app.save {
        let text = fit(&format!("Speichern: {error}"), area.width as usize);
        frame.render_widget(Paragraph::new(Span::styled(text, t.error)), area);
        return;
    }
    let context = app.context();
    // Help first, so "?" is always in sight; then the keys of what has focus; then the rest.
    let global: Vec<_> = if app.layers.is_empty() {
        bindings(Context::Global).filter(|b| b.hint).collect()
    } else {
        Vec::new()
    };
    let (help, other_global): (Vec<_>, Vec<_>) =
        global.into_iter().partition(|b| b.command == Command::Help);
    // A read-only screen offers only what looks.
    let offered =
        |b: &&crate::tui::keymap::Binding| app.read_only().is_none() || b.command.only_looks();
    let ordered = help
        .into_iter()
        .chain(bindings(context).filter(|b| b.hint))
        .chain(other_global)
        .filter(offered);
    frame.render_widget(
        Paragraph::new(hint_line(ordered, area.width as usize)),
        area,
    );
}
