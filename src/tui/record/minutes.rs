//! The minutes pane: the paragraphs of the selected item as the protocol will print them; the
//! editor opens in its lower part.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::{Action, Paragraph as Minute, TimeOf};
use crate::render::german;

use super::layers::{EditTarget, Editor, Prompt, Purpose};
use super::{App, Pane, focused};
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::theme::theme;
use crate::tui::widgets::{fit, pane_block, wrap};

impl App {
    /// Opens the editor on paragraph `index` of `item`, with the speaker as prefix.
    pub(super) fn edit_minute(&mut self, item: &str, index: usize) {
        let Some(p) = self.session.item(item).and_then(|i| i.minutes.get(index)) else {
            return;
        };
        // A text that names its speaker itself gets no name before it.
        let prefix = p
            .speaker
            .as_deref()
            .filter(|_| !p.as_written)
            .map(|id| german::speaker_name(&self.session, id))
            .unwrap_or_default();
        let target = EditTarget::Minute {
            item: item.to_string(),
            index,
        };
        // The editor opens in the minutes pane; focus stays where it was (the speaker queue after
        // giving the floor), so the next speaker is one key away when the editor closes.
        self.push(Editor::new(target, &p.text, prefix));
        self.sel.minutes = index;
    }

    pub(super) fn minutes_command(&mut self, command: Command) {
        let Some(item) = self.item().cloned() else {
            return;
        };
        let len = item.minutes.len();
        match command {
            Command::NewParagraph => {
                // Someone has the floor: the paragraph is theirs.
                let speaker = item.speakers.current().map(|t| t.person.clone());
                let paragraph = Minute {
                    at: Some(self.time()),
                    speaker,
                    ..Minute::default()
                };
                if self.commit(vec![Action::AppendMinute {
                    item: item.number.clone(),
                    paragraph,
                }]) {
                    self.edit_minute(&item.number, len);
                }
            }
            Command::EditParagraph if len > 0 => self.edit_minute(&item.number, self.sel.minutes),
            Command::RemoveParagraph if len > 0 => {
                let p = &item.minutes[self.sel.minutes];
                let preview: String = german::paragraph(&self.session, p)
                    .chars()
                    .take(50)
                    .collect();
                self.confirm(
                    format!("Absatz löschen? „{preview}…“"),
                    vec![Action::RemoveMinute {
                        item: item.number.clone(),
                        index: self.sel.minutes,
                    }],
                );
            }
            Command::AskedBy if len > 0 => {
                let index = self.sel.minutes;
                let purpose = Purpose::AskedBy {
                    item: item.number.clone(),
                    index,
                };
                let about: String = german::paragraph(&self.session, &item.minutes[index])
                    .chars()
                    .take(30)
                    .collect();
                let title =
                    format!("Auf Nachfrage von … (zu „{about}…“; nochmals wählen entfernt)");
                // Who spoke just before is who most likely asked.
                let before = index
                    .checked_sub(1)
                    .and_then(|i| item.minutes[i].speaker.clone());
                let mut prompt = Prompt::new(purpose, &title, "", &self.session);
                prompt.suggest(before.as_deref());
                self.push(prompt);
            }
            Command::SetSpeaker if len > 0 => {
                let index = self.sel.minutes;
                let purpose = Purpose::ParagraphSpeaker {
                    item: item.number.clone(),
                    index,
                    as_written: item.minutes[index].as_written,
                };
                self.prompt(
                    purpose,
                    "Redner/in des Absatzes (Name tippen; leer: ohne Redner/in)",
                    "",
                );
            }
            Command::ToggleAsWritten if len > 0 => {
                let index = self.sel.minutes;
                let p = &item.minutes[index];
                let as_written = !p.as_written;
                if self.commit(vec![Action::SetSpeaker {
                    item: item.number.clone(),
                    index,
                    person: p.speaker.clone(),
                    as_written,
                }]) {
                    self.info(if as_written {
                        "Absatz wie geschrieben: der Name steht im Text selbst."
                    } else {
                        "Absatz beginnt wieder mit dem Namen."
                    });
                }
            }
            Command::SetTimes if len > 0 => {
                let index = self.sel.minutes;
                let current = item.minutes[index].at.map(|t| t.hhmm()).unwrap_or_default();
                self.prompt(
                    Purpose::Times {
                        first: TimeOf::Paragraph {
                            item: item.number.clone(),
                            index,
                        },
                        second: None,
                    },
                    "Uhrzeit des Absatzes (z. B. 19:12; leer: keine)",
                    &current,
                );
            }
            _ => {}
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme();
    let is_focused = focused(app, Pane::Minutes);
    let Some(item) = app.item() else {
        frame.render_widget(
            Paragraph::new("").block(pane_block("Protokoll".into(), is_focused)),
            area,
        );
        return;
    };
    let title = format!("TOP {} {}", item.number, item.title);
    let block = pane_block(
        fit(&title, area.width.saturating_sub(6) as usize),
        is_focused,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let editing = app.minute_editor(&item.number);
    let [list_area, editor_area] = match editing {
        Some(_) => {
            let editor_height = (inner.height / 2).clamp(5, 12);
            Layout::vertical([Constraint::Min(1), Constraint::Length(editor_height)]).areas(inner)
        }
        None => [inner, Rect::default()],
    };

    let mut info = Vec::new();
    match (item.started, item.ended) {
        (Some(s), Some(e)) => info.push(format!("{}–{} Uhr", s.hhmm(), e.hhmm())),
        (Some(s), None) => info.push(format!("seit {} Uhr", s.hhmm())),
        _ => {}
    }
    if let Some(o) = item.outcome {
        info.push(german::outcome(o).to_string());
    }
    if !item.befangen.is_empty() {
        let names: Vec<String> = item
            .befangen
            .iter()
            .map(|id| german::speaker_name(&app.session, id))
            .collect();
        info.push(format!("befangen: {}", names.join(", ")));
    }
    if app.session.is_closed(item) {
        info.push("nichtöffentlich".into());
    }
    let width = list_area.width.max(1) as usize;
    let mut lines: Vec<Line> = Vec::new();
    // The full title (the agenda shows only its start), and a warning when this is not the item
    // being dealt with: what is typed here goes to this item.
    for l in wrap(&item.title, width) {
        lines.push(Line::styled(l.into_owned(), t.title));
    }
    if let Some(running) = app
        .session
        .current_item
        .as_deref()
        .filter(|c| *c != item.number)
    {
        for l in wrap(&format!("nicht aufgerufen – es läuft TOP {running}"), width) {
            lines.push(Line::styled(l.into_owned(), t.warn));
        }
    }
    if !info.is_empty() {
        for l in wrap(&info.join(" · "), width) {
            lines.push(Line::styled(l.into_owned(), t.muted));
        }
    }
    if item.minutes.is_empty() {
        let hint = if app.read_only().is_some() {
            "Noch kein Absatz.".to_string()
        } else {
            format!(
                "Noch kein Absatz. {} schreibt einen, in der Redeliste erteilt {} das Wort.",
                key_for(Context::Minutes, Command::NewParagraph),
                key_for(Context::Speakers, Command::GiveFloor)
            )
        };
        lines.extend(
            wrap(&hint, width)
                .into_iter()
                .map(|l| Line::styled(l.into_owned(), t.muted)),
        );
    }
    // One paragraph as its lines on screen: a blank line, then the text wrapped.
    let paragraph_lines = |index: usize| -> Vec<Line<'static>> {
        let p = &item.minutes[index];
        let mut out = vec![Line::raw("")];
        let time = p.at.map(|t| format!("{} ", t.hhmm())).unwrap_or_default();
        let text = if editing.is_some_and(|(_, i)| i == index) {
            format!("{time}✎ wird bearbeitet …")
        } else {
            format!("{time}{}", german::paragraph(&app.session, p))
        };
        let selected = is_focused && index == app.sel.minutes;
        for (n, l) in wrap(&text, width).into_iter().enumerate() {
            let l = l.into_owned();
            let line = if n == 0 && !time.is_empty() && l.starts_with(&time) {
                Line::from(vec![
                    Span::styled(time.clone(), t.muted),
                    Span::raw(l[time.len()..].to_string()),
                ])
            } else {
                Line::raw(l)
            };
            out.push(if selected {
                line.style(t.selected)
            } else {
                line
            });
        }
        out
    };
    // Only what can be seen is laid out: the view ends with the selected paragraph, so the
    // paragraphs before it are wrapped back from it until the screen is full; the head and the
    // paragraphs after it only where the screen has room for them.
    let height = list_area.height as usize;
    let offset = if item.minutes.is_empty() {
        lines.len().saturating_sub(height)
    } else {
        let sel = app.sel.minutes.min(item.minutes.len() - 1);
        let mut above: Vec<Vec<Line>> = Vec::new();
        let mut filled = 0;
        let mut first = sel + 1;
        while first > 0 && filled < height {
            first -= 1;
            let paragraph = paragraph_lines(first);
            filled += paragraph.len();
            above.push(paragraph);
        }
        if first > 0 {
            // The head is out of view.
            lines.clear();
        }
        // The selected paragraph came first; its text begins after its blank line.
        let selected_text = above.first().map_or(0, |p| p.len() - 1);
        for paragraph in above.into_iter().rev() {
            lines.extend(paragraph);
        }
        let selected_end = lines.len();
        let selected_start = selected_end - selected_text;
        let mut next = sel + 1;
        while lines.len() < height && next < item.minutes.len() {
            lines.extend(paragraph_lines(next));
            next += 1;
        }
        selected_end.saturating_sub(height).min(selected_start)
    };
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), list_area);

    if let Some((editor, _)) = editing {
        editor.draw_in(frame, editor_area);
    }
}
