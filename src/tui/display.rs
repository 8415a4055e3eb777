//! The room display (`sitzung display FILE`): for the projector in the hall, read only, following
//! the writer like a reader does. It shows the public edition only: the item being dealt with,
//! who has the floor with the timer, the next speakers, the last vote with its bars, the quorum.
//! During a closed item it says only "Nichtöffentlicher Teil". Any key but `q` does nothing.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Screen;
use super::keymap::{Command, Context, lookup};
use super::record::App;
use super::theme::theme;
use crate::domain::vote::evaluate;
use crate::domain::{AgendaItem, Session};
use crate::render::german;

pub struct Display {
    /// A read-only recording screen that follows the file; only its session is shown.
    pub app: App,
}

impl Screen for Display {
    fn handle_key(&mut self, key: KeyEvent) {
        if lookup(Context::Global, &key) == Some(Command::Quit) {
            self.app.quit = true;
        }
    }

    fn tick(&mut self, now: NaiveDateTime) {
        self.app.tick(now);
    }

    fn set_screen(&mut self, width: u16, height: u16) {
        self.app.set_screen(width, height);
    }

    fn draw(&self, frame: &mut Frame) {
        draw(frame, &self.app);
    }

    fn changed(&mut self, paths: &[PathBuf]) {
        self.app.changed(paths);
    }

    fn finished(&self) -> bool {
        self.app.quit
    }

    fn shutdown(&mut self) {
        self.app.quit = true;
    }
}

/// The last vote taken on `item`, with its caption.
fn last_vote(s: &Session, item: &AgendaItem) -> Option<Vec<Line<'static>>> {
    let t = theme();
    let motion = item.motions.iter().rev().find(|m| m.vote.is_some())?;
    let vote = motion.vote?;
    let evaluation = evaluate(&vote, motion.majority, s.basis(Some(item), vote.at));
    let entitled = s.entitled(Some(item), vote.at).max(1);
    // A hand-edited count may be anything: the bar never grows past the line.
    let bar = |n: u32| "█".repeat((n.min(entitled) as usize * 30) / entitled as usize);
    let verdict = if evaluation.passed {
        "ANGENOMMEN"
    } else {
        "ABGELEHNT"
    };
    Some(vec![
        Line::styled(
            format!(
                "Abstimmung: {}",
                german::motion_caption(s, item, motion).trim_end_matches(':')
            ),
            t.title,
        ),
        Line::raw(""),
        Line::from(vec![
            Span::raw(format!("  Ja          {:>3}  ", vote.yes)),
            Span::styled(bar(vote.yes), t.yes),
        ]),
        Line::from(vec![
            Span::raw(format!("  Nein        {:>3}  ", vote.no)),
            Span::styled(bar(vote.no), t.no),
        ]),
        Line::from(vec![
            Span::raw(format!("  Enthaltung  {:>3}  ", vote.abstain)),
            Span::styled(bar(vote.abstain), t.abstain),
        ]),
        Line::raw(""),
        Line::styled(
            format!("  {verdict} – {}", german::summary(evaluation.summary)),
            if evaluation.passed { t.ok } else { t.no },
        )
        .add_modifier(Modifier::BOLD),
    ])
}

pub fn draw(frame: &mut Frame, app: &App) {
    let t = theme();
    let full = &app.session;
    // The hall is the public: what it sees comes from the public view only.
    let s = full.public_view();
    let area = frame.area();
    let now = app.time();
    let mut lines: Vec<Line> = vec![
        Line::styled(format!("{} · {}", s.body, german::date(s.date)), t.muted),
        Line::raw(""),
    ];
    let called = full.current_item.as_deref();
    match (called, called.and_then(|n| s.item(n))) {
        (Some(_), None) => {
            lines
                .push(Line::styled("Nichtöffentlicher Teil", t.title).add_modifier(Modifier::BOLD));
        }
        (None, _) => {
            lines.push(Line::styled(
                if s.start.is_some() && s.end.is_none() {
                    "Die Sitzung läuft"
                } else if s.end.is_some() {
                    "Die Sitzung ist geschlossen"
                } else {
                    "Die Sitzung hat noch nicht begonnen"
                },
                t.title,
            ));
        }
        (Some(_), Some(item)) => {
            lines.push(
                Line::styled(format!("TOP {}  {}", item.number, item.title), t.title)
                    .add_modifier(Modifier::BOLD),
            );
            lines.push(Line::raw(""));
            match item.speakers.current() {
                Some(turn) => {
                    let secs = turn.since.seconds_until(now);
                    let over = turn.limit_secs.is_some_and(|l| secs > l);
                    let name = german::speaker_name(&s, &turn.person);
                    lines.push(Line::from(vec![
                        Span::raw("Es spricht: "),
                        Span::styled(name, t.title).add_modifier(Modifier::BOLD),
                        Span::raw("   "),
                        Span::styled(
                            crate::domain::statistics::minutes_seconds(secs),
                            if over { t.error } else { t.ok },
                        ),
                        Span::raw(
                            turn.limit_secs
                                .map(|l| {
                                    format!(
                                        " von {}",
                                        crate::domain::statistics::minutes_seconds(l)
                                    )
                                })
                                .unwrap_or_default(),
                        ),
                    ]));
                }
                None => lines.push(Line::styled("Niemand hat das Wort.", t.muted)),
            }
            let next: Vec<String> = item
                .speakers
                .waiting
                .iter()
                .take(5)
                .enumerate()
                .map(|(i, r)| format!("{}. {}", i + 1, german::speaker_name(&s, &r.person)))
                .collect();
            if !next.is_empty() {
                lines.push(Line::raw(format!("Redeliste: {}", next.join("   "))));
            }
            lines.push(Line::raw(""));
            if let Some(vote) = last_vote(&s, item) {
                lines.extend(vote);
            }
        }
    }
    // Of a closed item not even its Befangene: then the quorum of the session as a whole.
    let quorum = full.quorum(called.and_then(|n| s.item(n)), Some(now));
    let footer = format!(
        "{} von {} Mitgliedern anwesend – {}",
        quorum.present,
        quorum.legal,
        if quorum.reached() {
            "beschlussfähig"
        } else {
            "nicht beschlussfähig"
        }
    );
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().border_style(t.border))
            .wrap(Wrap { trim: true }),
        body,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(footer, t.muted)).alignment(Alignment::Center),
        Rect {
            y: area.y + area.height.saturating_sub(1),
            height: 1.min(area.height),
            ..area
        },
    );
}
