//! A vote by name (namentlich) or per Fraktion, in as few keys as the chair needs: everyone
//! starts with "ja"; a few letters find a member (or a Fraktion: by name, all its members), `-`,
//! `0` or `+` give the answer, Enter records the vote with every member's answer, so that its
//! counts are its names. A roll call of 40 with 3 who vote otherwise takes about a dozen keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Ctx, Layer, Verdict, VoteDraft, popup, window};
use crate::domain::{Answer, Ballot, BallotKind, NamedVote, Person, PersonId, Session, fold};
use crate::render::german;
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::record::App;
use crate::tui::step;
use crate::tui::theme::theme;
use crate::tui::widgets::fit;

/// A row: a Fraktion (its members' answer, unless one of them has their own) or a member.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Row {
    Fraktion(String),
    Member(PersonId),
}

pub struct RollCall {
    draft: VoteDraft,
    kind: BallotKind,
    /// Every member entitled at the vote, in list order.
    members: Vec<(PersonId, Option<String>)>,
    fraktionen: Vec<String>,
    /// Answers given to Fraktionen and to members (a member's own beats their Fraktion's).
    by_fraktion: Vec<(String, Answer)>,
    by_member: Vec<(PersonId, Answer)>,
    sel: usize,
    find: String,
    /// By name: the Fraktion the letters found, whose members all get the next answer.
    whole: Option<String>,
}

impl RollCall {
    pub fn new(draft: VoteDraft, kind: BallotKind, session: &Session) -> RollCall {
        let item = session.item(&draft.item);
        let members: Vec<(PersonId, Option<String>)> = session
            .entitled_persons(item, Some(draft.at))
            .into_iter()
            .map(|p| (p.id.clone(), p.fraktion.clone()))
            .collect();
        let mut fraktionen: Vec<String> = Vec::new();
        for f in members.iter().filter_map(|(_, f)| f.clone()) {
            if !fraktionen.contains(&f) {
                fraktionen.push(f);
            }
        }
        RollCall {
            draft,
            kind,
            members,
            fraktionen,
            by_fraktion: Vec::new(),
            by_member: Vec::new(),
            sel: 0,
            find: String::new(),
            whole: None,
        }
    }

    /// The rows shown: per Fraktion, the Fraktionen and then the members with an answer of
    /// their own; by name, every member.
    fn rows(&self) -> Vec<Row> {
        match self.kind {
            BallotKind::ProFraktion => self
                .fraktionen
                .iter()
                .map(|f| Row::Fraktion(f.clone()))
                .chain(self.by_member.iter().map(|(id, _)| Row::Member(id.clone())))
                .collect(),
            _ => self
                .members
                .iter()
                .map(|(id, _)| Row::Member(id.clone()))
                .collect(),
        }
    }

    /// A member's answer: their own, else their Fraktion's, else "ja".
    fn answer_of(&self, id: &str) -> Answer {
        let own = self
            .by_member
            .iter()
            .find(|(m, _)| m == id)
            .map(|(_, a)| *a);
        let fraktion = self
            .members
            .iter()
            .find(|(m, _)| m == id)
            .and_then(|(_, f)| f.as_ref())
            .and_then(|f| self.by_fraktion.iter().find(|(g, _)| g == f))
            .map(|(_, a)| *a);
        own.or(fraktion).unwrap_or(Answer::Ja)
    }

    fn names(&self) -> Vec<NamedVote> {
        self.members
            .iter()
            .map(|(id, _)| NamedVote {
                person: id.clone(),
                answer: self.answer_of(id),
            })
            .collect()
    }

    /// Moves to what the letters typed find: a Fraktion by its name, a member by their family
    /// name (German spellings folded). Per Fraktion, a member found is added as a row.
    fn find(&mut self, session: &Session) -> bool {
        let typed = fold(&self.find);
        self.whole = None;
        if let Some(at) = self.rows().iter().position(|r| match r {
            Row::Fraktion(f) => fold(f).starts_with(&typed),
            Row::Member(id) => session
                .person(id)
                .is_some_and(|p| fold(&p.family_name).starts_with(&typed)),
        }) {
            self.sel = at;
            return true;
        }
        // Per Fraktion: a member who is not yet a row.
        let member = self.members.iter().find(|(id, _)| {
            session
                .person(id)
                .is_some_and(|p| fold(&p.family_name).starts_with(&typed))
        });
        if let Some((id, _)) = member.cloned() {
            let answer = self.answer_of(&id);
            self.by_member.push((id, answer));
            self.sel = self.rows().len() - 1;
            return true;
        }
        // By name: a Fraktion, all of whose members then get the answer.
        if self.kind != BallotKind::ProFraktion
            && let Some(f) = self.fraktionen.iter().find(|f| fold(f).starts_with(&typed))
            && let Some(first) = self
                .members
                .iter()
                .position(|(_, g)| g.as_deref() == Some(f.as_str()))
        {
            self.whole = Some(f.clone());
            self.sel = first;
            return true;
        }
        false
    }

    fn set(&mut self, answer: Answer) {
        if let Some(f) = self.whole.take() {
            let of_it: Vec<PersonId> = self
                .members
                .iter()
                .filter(|(_, g)| g.as_deref() == Some(f.as_str()))
                .map(|(id, _)| id.clone())
                .collect();
            self.by_member.retain(|(m, _)| !of_it.contains(m));
            self.by_member
                .extend(of_it.into_iter().map(|id| (id, answer)));
            self.find.clear();
            return;
        }
        match self.rows().get(self.sel) {
            Some(Row::Fraktion(f)) => {
                self.by_fraktion.retain(|(g, _)| g != f);
                self.by_fraktion.push((f.clone(), answer));
            }
            Some(Row::Member(id)) => {
                self.by_member.retain(|(m, _)| m != id);
                self.by_member.push((id.clone(), answer));
            }
            None => {}
        }
        self.find.clear();
    }
}

fn answer_label(a: Answer) -> &'static str {
    match a {
        Answer::Ja => "ja",
        Answer::Nein => "nein",
        Answer::Enthaltung => "Enthaltung",
    }
}

impl Layer for RollCall {
    fn context(&self) -> Context {
        Context::RollCall
    }

    fn key(&mut self, key: KeyEvent, command: Option<Command>, ctx: &Ctx) -> Verdict {
        match command {
            Some(Command::Back) => return Verdict::close(),
            Some(Command::Accept) => {
                let ballot = Ballot {
                    kind: self.kind,
                    names: self.names(),
                    invalid: 0,
                };
                let vote = ballot.tally();
                return self.draft.record_with(ctx, vote, Some(ballot));
            }
            Some(Command::YesUp) => self.set(Answer::Ja),
            Some(Command::NoUp) => self.set(Answer::Nein),
            Some(Command::AbstainUp) => self.set(Answer::Enthaltung),
            Some(c @ (Command::Up | Command::Down)) => {
                let len = self.rows().len();
                step(&mut self.sel, len, c == Command::Down);
                self.find.clear();
                self.whole = None;
            }
            _ => match key.code {
                KeyCode::Backspace => {
                    self.find.pop();
                }
                KeyCode::Char(c)
                    if c.is_alphabetic() && !key.modifiers.contains(KeyModifiers::CONTROL) =>
                {
                    self.find.push(c);
                    if !self.find(ctx.session) {
                        let typed = std::mem::take(&mut self.find);
                        return Verdict::refuse(format!("Niemand und keine Fraktion: „{typed}“"));
                    }
                }
                _ => {}
            },
        }
        Verdict::keep()
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let t = theme();
        let area = popup(screen, 60, screen.height.saturating_sub(2));
        let names = self.names();
        let ballot = Ballot {
            kind: self.kind,
            names,
            invalid: 0,
        };
        let tally = ballot.tally();
        let mut lines = vec![Line::styled(
            format!(
                "Ja {}  Nein {}  Enthaltung {}  von {}",
                tally.yes,
                tally.no,
                tally.abstain,
                self.members.len()
            ),
            t.title,
        )];
        lines.push(Line::raw(""));
        let width = area.width.saturating_sub(2) as usize;
        let rows = self.rows();
        for (i, row) in rows.iter().enumerate() {
            let (label, answer) = match row {
                Row::Fraktion(f) => {
                    let count = self
                        .members
                        .iter()
                        .filter(|(_, g)| g.as_deref() == Some(f.as_str()))
                        .count();
                    let answer = self
                        .by_fraktion
                        .iter()
                        .find(|(g, _)| g == f)
                        .map_or(Answer::Ja, |(_, a)| *a);
                    (format!("{f} ({count})"), answer)
                }
                Row::Member(id) => {
                    let name = app
                        .session
                        .person(id)
                        .map_or_else(|| id.clone(), |p: &Person| german::listed_name(p));
                    (name, self.answer_of(id))
                }
            };
            // A Fraktion found by name marks all of its members.
            let of_whole = matches!(row, Row::Member(id) if self.whole.as_deref().is_some_and(|f| {
                self.members.iter().any(|(m, g)| m == id && g.as_deref() == Some(f))
            }));
            let selected = i == self.sel || of_whole;
            let mark = if selected { '▸' } else { ' ' };
            let text = fit(
                &format!("{mark}{label:<40} {}", answer_label(answer)),
                width,
            );
            let style = match answer {
                _ if selected => t.selected,
                Answer::Ja => t.yes,
                Answer::Nein => t.no,
                Answer::Enthaltung => t.abstain,
            };
            lines.push(Line::styled(text, style));
        }
        let visible = area.height.saturating_sub(4) as usize;
        let offset = (self.sel + 3).saturating_sub(visible) as u16;
        let key = |c| key_for(Context::RollCall, c);
        let hints = format!(
            " Buchstaben suchen{} · {} nein · {} Enth. · {} ja · {} ",
            match (&self.whole, self.find.is_empty()) {
                (Some(f), _) => format!(" „{}“: Fraktion {f}", self.find),
                (None, true) => String::new(),
                (None, false) => format!(" „{}“", self.find),
            },
            key(Command::NoUp),
            key(Command::AbstainUp),
            key(Command::YesUp),
            key(Command::Accept)
        );
        let title = match self.kind {
            BallotKind::ProFraktion => "Abstimmung pro Fraktion",
            _ => "Namentliche Abstimmung",
        };
        let block = window(title).title_bottom(Span::styled(hints, t.key));
        frame.render_widget(Clear, area);
        frame.render_widget(Paragraph::new(lines).block(block).scroll((offset, 0)), area);
    }
}
