//! The attendance list: who is present, excused or missing, arrivals and departures with their
//! time, and who is befangen at the selected item; the quorum on top.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{
    Confirm, Ctx, Effect, Form, Layer, Prompt, Purpose, Verdict, commit_keeping_votes, popup,
    window,
};
use crate::domain::{Action, Presence, Session, TimeOf, fold};
use crate::render::german;
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::prompt::{LinePrompt, PromptKey};
use crate::tui::record::App;
use crate::tui::step;
use crate::tui::theme::theme;
use crate::tui::widgets::fit;

pub struct Attendance {
    sel: usize,
    /// Type-to-find: what is typed, and the row to go back to on Esc.
    find: Option<(LinePrompt, usize)>,
}

impl Attendance {
    /// The list, on the row where it was left last time.
    pub fn at(sel: usize) -> Attendance {
        Attendance { sel, find: None }
    }

    /// The rows whose name holds what is typed, in list order.
    fn matches(session: &Session, typed: &str) -> Vec<usize> {
        let typed = fold(typed.trim());
        session
            .persons
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                let name = format!(
                    "{} {} {}",
                    german::listed_name(p),
                    p.fraktion.as_deref().unwrap_or_default(),
                    p.role.as_deref().unwrap_or_default()
                );
                fold(&name).contains(&typed)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// A key while finding: typing moves to the first name that holds the text, Tab to the
    /// next, Enter stays there, Esc goes back.
    fn find_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Verdict {
        let Some((line, before)) = &mut self.find else {
            return Verdict::keep();
        };
        let answer = line.key(key);
        let found = Attendance::matches(ctx.session, &line.text());
        match answer {
            PromptKey::Cancel => {
                self.sel = *before;
                self.find = None;
            }
            PromptKey::Accept => self.find = None,
            PromptKey::Next | PromptKey::Prev => {
                let next = if answer == PromptKey::Next {
                    found.iter().find(|i| **i > self.sel).or(found.first())
                } else {
                    found.iter().rev().find(|i| **i < self.sel).or(found.last())
                };
                if let Some(next) = next {
                    self.sel = *next;
                }
            }
            PromptKey::Edited => match found.first() {
                Some(first) => self.sel = *first,
                None => {
                    return Verdict::refuse(format!("Niemand heißt „{}“.", line.text()));
                }
            },
        }
        Verdict::keep()
    }
}

impl Layer for Attendance {
    fn context(&self) -> Context {
        if self.find.is_some() {
            Context::Prompt
        } else {
            Context::Attendance
        }
    }

    fn paste(&mut self, text: &str, _ctx: &Ctx) {
        if let Some((line, _)) = &mut self.find {
            line.paste(text);
        }
    }

    fn key(&mut self, key: KeyEvent, command: Option<Command>, ctx: &Ctx) -> Verdict {
        if self.find.is_some() {
            return self.find_key(key, ctx);
        }
        match command {
            Some(Command::Back) => {
                return Verdict::close_with(vec![Effect::AttendanceAt(self.sel)]);
            }
            Some(Command::Search) => {
                self.find = Some((LinePrompt::new("Suchen", ""), self.sel));
                return Verdict::keep();
            }
            Some(Command::NewPerson) => {
                let form = Form::person(ctx.session, None);
                return Verdict::keep_with(vec![Effect::Push(Box::new(form))]);
            }
            Some(Command::AddMember) => {
                let title = "Neues Mitglied: „Frau Anna Ahrens, SPD“ (Fraktion nach dem Komma)";
                let prompt = Prompt::new(Purpose::Member, title, "", ctx.session);
                return Verdict::keep_with(vec![Effect::Push(Box::new(prompt))]);
            }
            _ => {}
        }
        let persons = &ctx.session.persons;
        // After the last row was deleted, the key acts on the row now last, which is shown.
        self.sel = self.sel.min(persons.len().saturating_sub(1));
        let Some(person) = persons.get(self.sel) else {
            return Verdict::keep();
        };
        let (at, id) = (ctx.time, person.id.clone());
        let action = match command {
            Some(c @ (Command::Up | Command::Down)) => {
                step(&mut self.sel, persons.len(), c == Command::Down);
                return Verdict::keep();
            }
            Some(Command::Top) => {
                self.sel = 0;
                return Verdict::keep();
            }
            Some(Command::Bottom) => {
                self.sel = persons.len().saturating_sub(1);
                return Verdict::keep();
            }
            Some(Command::EditPerson) => {
                let form = Form::person(ctx.session, Some(person));
                return Verdict::keep_with(vec![Effect::Push(Box::new(form))]);
            }
            Some(Command::RemovePerson) => {
                let name = german::listed_name(person);
                if ctx.session.names(&id) {
                    return Verdict::refuse(format!(
                        "{name} wird im Protokoll genannt (Vorsitz, Protokoll, Redeliste, Absatz, \
                         Antrag, Abstimmung oder Vertretung) und bleibt; „entschuldigt“ oder \
                         „fehlt“: {}",
                        key_for(Context::Attendance, Command::CyclePresence)
                    ));
                }
                let actions = vec![Action::RemovePerson { person: id }];
                // A member counted at a recorded vote: the question names those votes.
                if !ctx.session.votes_made_impossible(&actions).is_empty() {
                    return Verdict::keep_with(vec![commit_keeping_votes(ctx.session, actions)]);
                }
                let question = format!("{name} aus der Anwesenheitsliste löschen?");
                let confirm = Confirm::new(question, actions);
                return Verdict::keep_with(vec![Effect::Push(Box::new(confirm))]);
            }
            Some(Command::SetTimes) => {
                let title = format!(
                    "{}: ab–bis (z. B. 19:35–21:00; leer: von Beginn an bis zum Ende)",
                    german::listed_name(person)
                );
                let span = crate::tui::record::span_text(person.arrived, person.left);
                let prompt = Prompt::new(
                    Purpose::Times {
                        first: TimeOf::Arrival { person: id.clone() },
                        second: Some(TimeOf::Departure { person: id }),
                    },
                    &title,
                    &span,
                    ctx.session,
                );
                return Verdict::keep_with(vec![Effect::Push(Box::new(prompt))]);
            }
            // Someone who is there cannot come: that would move their arrival silently.
            Some(Command::Arrive)
                if person.arrived.is_some_and(|a| a <= at)
                    && person.left.is_none_or(|l| l > at)
                    && person.presence == Presence::Anwesend =>
            {
                let since = person.arrived.map(|a| a.hhmm()).unwrap_or_default();
                return Verdict::refuse(format!(
                    "{} ist schon da (seit {since} Uhr); eine andere Zeit: {}",
                    german::listed_name(person),
                    key_for(Context::Attendance, Command::SetTimes)
                ));
            }
            Some(Command::CyclePresence) => Action::SetPresence {
                person: id,
                presence: person.presence.next(),
            },
            Some(Command::Arrive) => Action::Arrive { person: id, at },
            Some(Command::Leave) => Action::Leave { person: id, at },
            Some(Command::ToggleBefangen) => match ctx.item {
                Some(item) if item.is_befangen(&id) => Action::WithdrawBefangen {
                    item: item.number.clone(),
                    person: id,
                },
                Some(item) => Action::DeclareBefangen {
                    item: item.number.clone(),
                    person: id,
                },
                None => return Verdict::refuse("Kein TOP gewählt."),
            },
            _ => return Verdict::keep(),
        };
        Verdict::keep_with(vec![commit_keeping_votes(ctx.session, vec![action])])
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let t = theme();
        // Over the panes, but not over the status line and the hints: what a key did or why it
        // was refused must stay readable.
        let area = Rect {
            height: screen.height.saturating_sub(2).max(3).min(screen.height),
            ..popup(screen, 90, screen.height)
        };
        let s = &app.session;
        let item = app.item();
        let now = app.time();
        let quorum = s.quorum(item, Some(now));
        let mut lines = vec![Line::styled(
            format!(
                "{} von {} Mitgliedern stimmberechtigt anwesend{} – {}",
                quorum.present,
                quorum.legal,
                item.map(|i| format!(" bei TOP {}", i.number))
                    .unwrap_or_default(),
                if quorum.reached() {
                    "beschlussfähig"
                } else {
                    "NICHT beschlussfähig"
                }
            ),
            if quorum.reached() { t.ok } else { t.error },
        )];
        lines.push(Line::raw(""));
        let width = area.width.saturating_sub(2) as usize;
        for (i, p) in s.persons.iter().enumerate() {
            let presence = match p.presence {
                Presence::Anwesend if p.present_at(Some(now)) => "anwesend",
                Presence::Anwesend if p.left.is_some_and(|l| l <= now) => "gegangen",
                Presence::Anwesend => "erwartet",
                Presence::Entschuldigt => "entschuldigt",
                Presence::Fehlend => "fehlt",
            };
            let mut notes = Vec::new();
            if let Some(a) = p.arrived {
                notes.push(format!("ab {}", a.hhmm()));
            }
            if let Some(l) = p.left {
                notes.push(format!("bis {}", l.hhmm()));
            }
            if item.is_some_and(|i| i.is_befangen(&p.id)) {
                notes.push("befangen".into());
            }
            let kind = match p.kind {
                crate::domain::PersonKind::Mitglied => p.fraktion.clone().unwrap_or_default(),
                other => german::person_kind(other).to_string(),
            };
            let name = fit(&german::listed_name(p), 30);
            let row = fit(
                &format!(
                    "{name:<30} {:<12} {presence:<12} {}",
                    fit(&kind, 12),
                    notes.join(", ")
                ),
                width,
            );
            let style = if i == self.sel.min(s.persons.len().saturating_sub(1)) {
                t.selected
            } else {
                Style::new()
            };
            lines.push(Line::styled(row, style));
        }
        let visible = area.height.saturating_sub(4) as usize;
        let offset = (self.sel + 2).saturating_sub(visible) as u16;
        let key = |c| key_for(Context::Attendance, c);
        let hints = match &self.find {
            Some((line, _)) => format!(" Suchen: {}▏ · Tab nächster · Enter · Esc ", line.text()),
            None => format!(
                " {} Status · {} kommt · {} geht · {} befangen · {} ändern · {} suchen · {} ",
                key(Command::CyclePresence),
                key(Command::Arrive),
                key(Command::Leave),
                key(Command::ToggleBefangen),
                key(Command::EditPerson),
                key(Command::Search),
                key(Command::Back)
            ),
        };
        let block = window("Anwesenheit").title_bottom(Span::styled(hints, t.key));
        frame.render_widget(Clear, area);
        frame.render_widget(Paragraph::new(lines).block(block).scroll((offset, 0)), area);
    }
}
