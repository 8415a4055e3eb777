//! One ballot of an election (Wahlgang): the votes of each candidate standing, "Nein" where one
//! stands alone, blank and invalid ballots. Digits set the count of the selected row, ↑↓ move;
//! the result shows as it is counted ("Gewählt ist …", a run-off, the lot). Enter records the
//! ballot; the election's rule is `Election::result`.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, Effect, Layer, Verdict, boxed, popup};
use crate::domain::election::{Election, ElectionResult};
use crate::domain::{Action, Time};
use crate::render::german;
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::record::App;
use crate::tui::theme::theme;
use crate::tui::widgets::fit;

/// What a row of the ballot counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    /// The candidate at this position of `Election::candidates`.
    Candidate(usize),
    No,
    Blank,
    Invalid,
}

pub struct ElectionDraft {
    item: String,
    motion: usize,
    election: Election,
    rows: Vec<Row>,
    counts: Vec<u32>,
    sel: usize,
    /// Digits typed on the selected row since it was selected: they replace its count.
    typing: bool,
    at: Time,
}

impl ElectionDraft {
    /// The next ballot of `election` (motion `motion` of `item`); `None` when nobody stands.
    pub fn new(item: &str, motion: usize, election: &Election, at: Time) -> Option<ElectionDraft> {
        let standing = election.standing();
        if standing.is_empty() {
            return None;
        }
        let mut rows: Vec<Row> = standing.iter().map(|i| Row::Candidate(*i)).collect();
        if election.candidates.len() == 1 {
            rows.push(Row::No);
        }
        rows.extend([Row::Blank, Row::Invalid]);
        Some(ElectionDraft {
            item: item.to_string(),
            motion,
            election: election.clone(),
            counts: vec![0; rows.len()],
            rows,
            sel: 0,
            typing: false,
            at,
        })
    }

    fn count(&self, row: Row) -> u32 {
        self.rows
            .iter()
            .position(|r| *r == row)
            .map_or(0, |i| self.counts[i])
    }

    /// The election with this ballot counted.
    fn counted(&self) -> Election {
        let per_candidate: Vec<u32> = self
            .rows
            .iter()
            .zip(&self.counts)
            .filter(|(r, _)| matches!(r, Row::Candidate(_)))
            .map(|(_, n)| *n)
            .collect();
        let mut round = self.election.next_round(
            &per_candidate,
            self.count(Row::No),
            self.count(Row::Blank),
            self.count(Row::Invalid),
        );
        round.at = Some(self.at);
        let mut e = self.election.clone();
        e.rounds.push(round);
        e
    }

    fn label(&self, app: &App, row: Row) -> String {
        match row {
            Row::Candidate(i) => german::candidate(&app.session, &self.election, i),
            Row::No => "Nein".into(),
            Row::Blank => "Enthaltung / leer".into(),
            Row::Invalid => "ungültig".into(),
        }
    }
}

/// What the result of an election says, in a line of the screen.
pub fn said(session: &crate::domain::Session, e: &Election) -> String {
    let name = |i: usize| german::candidate(session, e, i);
    match e.result() {
        ElectionResult::Open => "noch kein Wahlgang".into(),
        ElectionResult::Elected { candidate, .. }
            if e.lot.as_ref().is_some_and(|l| l.winner == candidate) =>
        {
            format!("Gewählt ist {} durch Los.", name(candidate))
        }
        ElectionResult::Elected { candidate, votes } => {
            format!("Gewählt ist {} mit {votes} Stimmen.", name(candidate))
        }
        ElectionResult::RunOff(runners) => {
            let names: Vec<String> = runners.iter().map(|i| name(*i)).collect();
            format!("Keine Mehrheit: Stichwahl {}", names.join(" / "))
        }
        ElectionResult::Lot(tied) => {
            let names: Vec<String> = tied.iter().map(|i| name(*i)).collect();
            format!("Stimmengleichheit: Los zwischen {}", names.join(" / "))
        }
        ElectionResult::NotElected => "Nicht gewählt.".into(),
    }
}

impl Layer for ElectionDraft {
    fn context(&self) -> Context {
        Context::Election
    }

    fn key(&mut self, key: KeyEvent, command: Option<Command>, _ctx: &Ctx) -> Verdict {
        match key.code {
            KeyCode::Char(c @ '0'..='9') => {
                let n = &mut self.counts[self.sel];
                let digit = u32::from(c as u8 - b'0');
                *n = if self.typing {
                    n.saturating_mul(10).saturating_add(digit).min(9999)
                } else {
                    digit
                };
                self.typing = true;
                return Verdict::keep();
            }
            KeyCode::Backspace => {
                self.counts[self.sel] /= 10;
                return Verdict::keep();
            }
            _ => {}
        }
        match command {
            Some(Command::Back) => return Verdict::close(),
            Some(Command::Down) => self.sel = (self.sel + 1) % self.rows.len(),
            Some(Command::Up) => self.sel = (self.sel + self.rows.len() - 1) % self.rows.len(),
            Some(Command::Accept) => {
                let election = self.counted();
                let said = match election.result() {
                    ElectionResult::RunOff(_) => format!(
                        "Wahlgang festgehalten: keine Mehrheit; {} zählt die Stichwahl.",
                        key_for(Context::Motion, Command::StartVote)
                    ),
                    ElectionResult::Lot(_) => format!(
                        "Stimmengleichheit: das Los entscheidet; {} hält fest, für wen.",
                        key_for(Context::Motion, Command::StartVote)
                    ),
                    _ => "Wahlgang festgehalten.".to_string(),
                };
                return Verdict::close_if_done(vec![
                    Effect::Commit(vec![Action::SetElection {
                        item: self.item.clone(),
                        motion: self.motion,
                        election,
                    }]),
                    Effect::Info(said),
                ]);
            }
            _ => {}
        }
        self.typing = false;
        Verdict::keep()
    }

    fn draw(&self, frame: &mut Frame, screen: ratatui::layout::Rect, app: &App) {
        let t = theme();
        let height = (self.rows.len() as u16).saturating_add(11).min(22);
        let area = popup(screen, 60, height);
        let width = area.width.saturating_sub(2) as usize;
        let item = app.session.item(&self.item);
        let entitled = app.session.entitled(item, Some(self.at));
        let round = self.election.rounds.len() + 1;
        let which = if self.election.standing().len() < self.election.candidates.len() {
            "Stichwahl".to_string()
        } else {
            format!("{round}. Wahlgang")
        };
        let mut lines = vec![
            Line::styled(
                fit(&format!("Wahl: {}", self.election.office), width),
                t.title,
            ),
            Line::raw(fit(
                &format!(
                    "{which} · Stimmberechtigt anwesend: {entitled} (um {} Uhr)",
                    self.at.hhmm()
                ),
                width,
            )),
            Line::raw(""),
        ];
        for (i, (row, n)) in self.rows.iter().zip(&self.counts).enumerate() {
            let style = if i == self.sel {
                t.selected
            } else {
                Default::default()
            };
            let label = fit(&self.label(app, *row), width.saturating_sub(8));
            lines.push(Line::styled(
                format!("{label:<w$} {n:>5}", w = width - 8),
                style,
            ));
        }
        let counted = self.counted();
        let ballots = counted.rounds.last().map_or(0, |r| r.ballots());
        lines.push(Line::raw(format!(
            "Stimmzettel {ballots:>5} von {entitled}"
        )));
        lines.push(Line::raw(""));
        if ballots > entitled {
            lines.push(Line::styled(
                fit("⚠ mehr Stimmzettel als Stimmberechtigte", width),
                t.error,
            ));
        } else if ballots > 0 {
            lines.push(Line::styled(
                fit(&said(&app.session, &counted), width),
                t.ok,
            ));
        } else {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            fit("Regel: mehr als die Hälfte der gültigen Stimmen", width),
            t.muted,
        ));
        lines.push(Line::from(vec![
            Span::styled("Ziffern", t.key),
            Span::raw(" Stimmen  "),
            Span::styled("↑↓", t.key),
            Span::raw(" Zeile  "),
            Span::styled(key_for(Context::Election, Command::Accept), t.key),
            Span::raw(" festhalten  "),
            Span::styled(key_for(Context::Election, Command::Back), t.key),
            Span::raw(" abbrechen"),
        ]));
        boxed(frame, area, "Wahl", Paragraph::new(lines));
    }
}
