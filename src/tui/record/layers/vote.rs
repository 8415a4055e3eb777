//! The chair's count: j/n/e count up (digits before them set the count), "einstimmig" and "Rest
//! ja" in one key, checked against those present and entitled at the time of the vote. Enter
//! records the vote and what it decides (`Session::vote_actions`).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, Effect, Layer, Prompt, Purpose, Verdict, boxed, popup};
use crate::domain::vote::{check_counts, evaluate, from_minority};
use crate::domain::{
    AgendaItem, Ballot, BallotKind, Majority, Motion, MotionKind, Session, Time, Vote,
};
use crate::render::german;
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::record::App;
use crate::tui::theme::theme;
use crate::tui::widgets::fit;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteDraft {
    pub item: String,
    /// The motion voted on; `None` creates the vote on the Beschlussvorschlag when recorded.
    pub motion: Option<usize>,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// Digits typed before j / n / e set that count.
    pub digits: String,
    pub at: Time,
    pub majority: Majority,
}

impl VoteDraft {
    /// A count of `motion` of `item` (none: the Beschlussvorschlag), starting from its recorded
    /// result where it has one.
    pub fn new(item: &AgendaItem, motion: Option<usize>, at: Time) -> VoteDraft {
        let recorded = motion.and_then(|m| item.motions.get(m));
        let previous = recorded.and_then(|m| m.vote);
        VoteDraft {
            item: item.number.clone(),
            motion,
            yes: previous.map_or(0, |v| v.yes),
            no: previous.map_or(0, |v| v.no),
            abstain: previous.map_or(0, |v| v.abstain),
            digits: String::new(),
            at,
            majority: recorded.map_or(Majority::default(), |m| m.majority),
        }
    }

    /// The kind of the motion voted on.
    pub fn kind(&self, item: &AgendaItem) -> MotionKind {
        self.motion
            .and_then(|m| item.motions.get(m))
            .map_or(MotionKind::Beschlussvorschlag, |m| m.kind)
    }

    /// Records the vote and, for the vote on the Beschlussvorschlag, the outcome it implies.
    fn record(&self, ctx: &Ctx) -> Verdict {
        let vote = Vote::new(self.yes, self.no, self.abstain);
        self.record_with(ctx, vote, None)
    }

    /// Records `vote` (at the draft's time), with how it was taken where that is more than
    /// hands.
    pub fn record_with(&self, ctx: &Ctx, vote: Vote, ballot: Option<Ballot>) -> Verdict {
        let vote = Vote {
            at: Some(self.at),
            ..vote
        };
        let Some(mut recorded) =
            ctx.session
                .vote_actions(&self.item, self.motion, self.majority, vote)
        else {
            return Verdict::close();
        };
        if let Some(ballot) = ballot {
            let motion = self
                .motion
                .unwrap_or_else(|| ctx.session.item(&self.item).map_or(0, |i| i.motions.len()));
            // After the vote itself, before what an adopted motion does.
            let at = recorded
                .actions
                .iter()
                .position(|a| matches!(a, crate::domain::Action::RecordVote { .. }))
                .map_or(recorded.actions.len(), |i| i + 1);
            recorded.actions.insert(
                at,
                crate::domain::Action::SetBallot {
                    item: self.item.clone(),
                    motion,
                    ballot,
                },
            );
        }
        let summary = german::summary(recorded.evaluation.summary);
        let said = match recorded.outcome {
            Some(o) => format!(
                "{summary} – Beschluss: {} (im TOP mit {} änderbar)",
                german::outcome(o),
                key_for(Context::Agenda, Command::ChooseOutcome)
            ),
            None => format!("Abstimmung festgehalten: {summary}"),
        };
        let mut effects = vec![
            Effect::Commit(recorded.actions),
            Effect::NextToVote,
            Effect::Info(said),
        ];
        // An adopted Verweisung: to whom, for the protocol ("… wird an den Finanzausschuss
        // verwiesen."), asked at once (Esc: not said).
        let referral = self
            .motion
            .and_then(|m| ctx.session.item(&self.item)?.motions.get(m))
            .is_some_and(|m| m.go == Some(crate::domain::GoKind::Verweisung));
        if referral && recorded.evaluation.passed {
            let purpose = Purpose::Referred {
                item: self.item.clone(),
            };
            let title = "Verwiesen an … (z. B. „den Finanzausschuss“; Esc: ohne Angabe)";
            effects.push(Effect::Push(Box::new(Prompt::new(
                purpose,
                title,
                "",
                ctx.session,
            ))));
        }
        Verdict::close_if_done(effects)
    }

    /// What is voted on, as the protocol names it: kind, mover, the first line of its text
    /// ("Geänderter Beschlussvorschlag: …" where the proposal was amended).
    pub fn caption(&self, session: &Session, item: &AgendaItem) -> String {
        let proposal = Motion {
            kind: MotionKind::Beschlussvorschlag,
            ..Motion::default()
        };
        let motion = self
            .motion
            .and_then(|m| item.motions.get(m))
            .unwrap_or(&proposal);
        let mut caption = german::motion_caption(session, item, motion);
        if motion.text.trim().is_empty()
            && motion.kind == MotionKind::Beschlussvorschlag
            && let Some(text) = item.resolution_text()
        {
            caption = format!("{caption} {}", text.trim());
        }
        caption.lines().next().unwrap_or_default().to_string()
    }
}

impl Layer for VoteDraft {
    fn context(&self) -> Context {
        Context::Vote
    }

    fn key(&mut self, key: KeyEvent, command: Option<Command>, ctx: &Ctx) -> Verdict {
        if let KeyCode::Char(c @ '0'..='9') = key.code
            && self.digits.len() < 4
        {
            self.digits.push(c);
            return Verdict::keep();
        }
        let typed: Option<u32> = std::mem::take(&mut self.digits).parse().ok();
        let entitled = ctx
            .session
            .entitled(ctx.session.item(&self.item), Some(self.at));
        let set = |count: &mut u32, up: bool| match typed {
            Some(n) => *count = n,
            None if up => *count = count.saturating_add(1),
            None => *count = count.saturating_sub(1),
        };
        match command {
            Some(Command::Back) => return Verdict::close(),
            Some(Command::Accept) => return self.record(ctx),
            Some(Command::YesUp) => set(&mut self.yes, true),
            Some(Command::YesDown) => set(&mut self.yes, false),
            Some(Command::NoUp) => set(&mut self.no, true),
            Some(Command::NoDown) => set(&mut self.no, false),
            Some(Command::AbstainUp) => set(&mut self.abstain, true),
            Some(Command::AbstainDown) => set(&mut self.abstain, false),
            Some(Command::Unanimous) => (self.yes, self.no, self.abstain) = (entitled, 0, 0),
            Some(Command::RestYes) => match from_minority(entitled, self.no, self.abstain) {
                Some(vote) => self.yes = vote.yes,
                None => {
                    return Verdict::refuse(
                        "Gegenstimmen und Enthaltungen übersteigen schon die Stimmberechtigten.",
                    );
                }
            },
            Some(Command::CycleMajority) => self.majority = self.majority.next(),
            Some(c @ (Command::PerFraktion | Command::RollCall)) => {
                let kind = if c == Command::PerFraktion {
                    BallotKind::ProFraktion
                } else {
                    BallotKind::Namentlich
                };
                let roll = super::RollCall::new(self.clone(), kind, ctx.session);
                return Verdict::close_with(vec![Effect::Push(Box::new(roll))]);
            }
            Some(Command::Secret) => {
                let purpose = Purpose::Secret {
                    draft: Box::new(self.clone()),
                };
                let title = "Geheim: ungültige Stimmzettel (Zahl; die Stimmen wie gezählt)";
                let prompt = Prompt::new(purpose, title, "", ctx.session);
                return Verdict::close_with(vec![Effect::Push(Box::new(prompt))]);
            }
            _ => {}
        }
        Verdict::keep()
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let t = theme();
        let area = popup(screen, 56, 16);
        let item = app.session.item(&self.item);
        let entitled = app.session.entitled(item, Some(self.at));
        let kind = item.map_or(MotionKind::Beschlussvorschlag, |i| self.kind(i));
        let vote = Vote::new(self.yes, self.no, self.abstain);
        let bar_width = (area.width as usize).saturating_sub(22);
        let bar = |n: u32| {
            "█".repeat(
                (n as usize * bar_width)
                    .checked_div(entitled.max(1) as usize)
                    .unwrap_or(0)
                    .min(bar_width),
            )
        };
        let digits = if self.digits.is_empty() {
            String::new()
        } else {
            format!("  Eingabe: {}_", self.digits)
        };
        let mut lines = vec![
            Line::styled(
                fit(
                    &format!(
                        "Zur Abstimmung: {}",
                        item.map(|i| self.caption(&app.session, i))
                            .unwrap_or_else(|| german::motion_kind(kind).to_string())
                    ),
                    area.width.saturating_sub(2) as usize,
                ),
                t.title,
            ),
            Line::raw(format!(
                "Stimmberechtigt anwesend: {entitled} (um {} Uhr){digits}",
                self.at.hhmm()
            )),
            Line::raw(""),
            Line::from(vec![
                Span::raw(format!("Ja          {:>3} ", self.yes)),
                Span::styled(bar(self.yes), t.yes),
            ]),
            Line::from(vec![
                Span::raw(format!("Nein        {:>3} ", self.no)),
                Span::styled(bar(self.no), t.no),
            ]),
            Line::from(vec![
                Span::raw(format!("Enthaltung  {:>3} ", self.abstain)),
                Span::styled(bar(self.abstain), t.abstain),
            ]),
            Line::raw(format!("Summe       {:>3} von {entitled}", vote.cast())),
            Line::raw(""),
        ];
        let quorum = app.session.quorum(item, Some(self.at));
        if !quorum.reached() {
            let text = format!(
                "⚠ nicht beschlussfähig: {} von nötigen {} anwesend",
                quorum.present, quorum.required
            );
            lines.push(Line::styled(fit(&text, area.width as usize - 2), t.error));
        }
        let open_amendments = item.map_or(0, AgendaItem::open_amendments);
        if kind == MotionKind::Beschlussvorschlag && open_amendments > 0 {
            lines.push(Line::styled(
                "⚠ Änderungsantrag noch nicht abgestimmt",
                t.warn,
            ));
        }
        match check_counts(&vote, entitled, app.session.land.abstention_allowed()) {
            Err(problem) => lines.push(Line::styled(
                fit(&format!("⚠ {problem}"), area.width as usize - 2),
                t.error,
            )),
            Ok(()) => {
                let e = evaluate(&vote, self.majority, app.session.basis(app.item(), vote.at));
                let verdict = if e.passed { "ANGENOMMEN" } else { "ABGELEHNT" };
                let style = if e.passed { t.ok } else { t.no };
                lines.push(Line::styled(
                    format!("{verdict} – {}", german::summary(e.summary)),
                    style.add_modifier(ratatui::style::Modifier::BOLD),
                ));
            }
        }
        let rule = german::majority(self.majority);
        lines.push(Line::styled(
            format!(
                "Regel: {rule} ({} wechselt)",
                key_for(Context::Vote, Command::CycleMajority)
            ),
            t.muted,
        ));
        lines.push(Line::raw(""));
        let key = |c| key_for(Context::Vote, c);
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{}/{}/{}",
                    key(Command::YesUp),
                    key(Command::NoUp),
                    key(Command::AbstainUp)
                ),
                t.key,
            ),
            Span::raw(" +1  "),
            Span::styled(key(Command::Unanimous), t.key),
            Span::raw(" einstimmig  "),
            Span::styled(key(Command::RestYes), t.key),
            Span::raw(" Rest ja  "),
            Span::styled(key(Command::Accept), t.key),
            Span::raw(" festhalten"),
        ]));
        boxed(frame, area, "Abstimmung", Paragraph::new(lines));
    }
}
