//! A one line question of the recording screen: a person (with completion from the attendance
//! list), a new item, a title, a reason, a limit, an amendment, a new member. What is typed is
//! taken when it can be; a refusal keeps the prompt open with the text, to be corrected.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Confirm, Ctx, Effect, Layer, Verdict, popup};
use crate::domain::{
    Action, AgendaItem, Motion, MotionKind, PersonId, Request, RequestKind, Session, TimeOf, Vote,
    typed_span, typed_time,
};
use crate::render::german;
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::prompt::{LinePrompt, PromptKey};
use crate::tui::record::App;
use crate::tui::record::complete::candidates;
use crate::tui::theme::theme;
use crate::tui::{step, widgets::fit};

/// What a prompt is asking for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A person for the speaker queue of `item`.
    Speaker { item: String, kind: RequestKind },
    /// The person who asked, for paragraph `index` of `item`.
    AskedBy { item: String, index: usize },
    /// Who spoke paragraph `index` of `item` (nobody when left empty).
    ParagraphSpeaker {
        item: String,
        index: usize,
        as_written: bool,
    },
    /// "5.1 Titel" of a new item, inserted at `position`.
    NewItem { position: usize },
    /// "7.1 Neuer Titel" for `item`.
    Rename { item: String },
    /// The reason for closing `item` to the public.
    ClosedReason { item: String },
    /// The speaking time limit in minutes.
    Limit,
    /// The text of an amendment to `item`.
    Amendment { item: String },
    /// The text of a motion of its own from the floor (Sachantrag) on `item`.
    Motion { item: String },
    /// "Frau Anna Ahrens, SPD": a member to add to the attendance list.
    Member,
    /// Why `item` is taken off the agenda (empty: no reason given).
    TakenOff { item: String },
    /// The body `item` is referred to.
    Referred { item: String },
    /// A member's own vote on `motion` of `item`, to be put on record ("Berger nein").
    OnRecord { item: String, motion: usize },
    /// "Schiedsperson: Ahrens, Brandt": an election on `item`.
    Election { item: String },
    /// The candidate the lot fell on, in the election `motion` of `item`.
    Lot { item: String, motion: usize },
    /// "den 5. Sitz im Finanzausschuss: SPD": a matter decided by lot during `item` at `at`.
    Draw {
        item: String,
        at: crate::domain::Time,
    },
    /// The invalid ballots of the secret vote `draft`.
    Secret { draft: Box<super::VoteDraft> },
    /// The time of the next entries (typing up a meeting afterwards).
    Clock,
    /// Who takes the chair during `item` (an event at `at`).
    Chair {
        item: String,
        at: crate::domain::Time,
    },
    /// A time as typed, or a span ("19:05–19:20") for `first` and `second`.
    Times {
        first: TimeOf,
        second: Option<TimeOf>,
    },
}

impl Purpose {
    fn wants_person(&self) -> bool {
        matches!(
            self,
            Purpose::Speaker { .. }
                | Purpose::AskedBy { .. }
                | Purpose::ParagraphSpeaker { .. }
                | Purpose::Chair { .. }
        )
    }
}

/// A completion: an existing person, or a new one made from the typed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    pub person: Option<PersonId>,
}

pub struct Prompt {
    purpose: Purpose,
    line: LinePrompt,
    pub candidates: Vec<Candidate>,
    pub sel: usize,
}

impl Prompt {
    pub fn new(purpose: Purpose, title: &str, initial: &str, session: &Session) -> Prompt {
        let mut prompt = Prompt {
            purpose,
            line: LinePrompt::new(title, initial),
            candidates: Vec::new(),
            sel: 0,
        };
        // A time shown for correction is replaced by what is typed, as in a form's selected
        // field; an arrow key keeps it for editing.
        if matches!(prompt.purpose, Purpose::Clock | Purpose::Times { .. }) {
            prompt.line.input.select_all();
        }
        prompt.complete(session);
        prompt
    }

    pub fn text(&self) -> String {
        self.line.text()
    }

    /// Puts `person` first among the completions while nothing is typed.
    pub fn suggest(&mut self, person: Option<&str>) {
        if let Some(at) = self
            .candidates
            .iter()
            .position(|c| c.person.as_deref() == person && person.is_some())
        {
            let c = self.candidates.remove(at);
            self.candidates.insert(0, c);
            self.sel = 0;
        }
    }

    fn complete(&mut self, session: &Session) {
        if self.purpose.wants_person() {
            self.candidates = candidates(session, &self.text());
            self.sel = 0;
        }
    }

    /// Carries out what the prompt asked for, or says why not.
    fn finish(&self, ctx: &Ctx) -> Verdict {
        let text = self.text().trim().to_string();
        match &self.purpose {
            Purpose::Speaker { item, kind } => self.with_person(ctx, |person| {
                vec![Action::AddSpeaker {
                    item: item.clone(),
                    request: Request {
                        person,
                        kind: *kind,
                        at: Some(ctx.time),
                    },
                }]
            }),
            Purpose::AskedBy { item, index } => {
                let Some(p) = ctx.session.item(item).and_then(|i| i.minutes.get(*index)) else {
                    return Verdict::close();
                };
                self.with_person(ctx, |person| {
                    let mut persons = p.asked_by.clone();
                    if persons.contains(&person) {
                        persons.retain(|x| *x != person);
                    } else {
                        persons.push(person);
                    }
                    vec![Action::SetAskedBy {
                        item: item.clone(),
                        index: *index,
                        persons,
                    }]
                })
            }
            Purpose::ParagraphSpeaker {
                item,
                index,
                as_written,
            } if text.is_empty() => {
                Verdict::close_if_done(vec![Effect::Commit(vec![Action::SetSpeaker {
                    item: item.clone(),
                    index: *index,
                    person: None,
                    as_written: *as_written,
                }])])
            }
            Purpose::ParagraphSpeaker {
                item,
                index,
                as_written,
            } => self.with_person(ctx, |person| {
                vec![Action::SetSpeaker {
                    item: item.clone(),
                    index: *index,
                    person: Some(person),
                    as_written: *as_written,
                }]
            }),
            Purpose::Chair { item, at } => self.with_person(ctx, |person| {
                vec![Action::AddEvent {
                    item: item.clone(),
                    event: crate::domain::Event {
                        at: Some(*at),
                        kind: crate::domain::EventKind::Vorsitz { person },
                    },
                }]
            }),
            Purpose::NewItem { position } => new_item(ctx.session, &text, *position, ctx.time),
            Purpose::TakenOff { item } => taken_off(ctx.session, item, &text, ctx.time),
            Purpose::Referred { item } => referred(item, &text, ctx.time),
            Purpose::Rename { item } => rename(item, &text),
            Purpose::ClosedReason { item } => {
                let reason = (!text.is_empty()).then_some(text);
                Verdict::close_if_done(vec![Effect::Commit(vec![Action::SetClosed {
                    item: item.clone(),
                    closed: true,
                    reason,
                }])])
            }
            Purpose::Limit => limit(&text),
            Purpose::Amendment { .. } | Purpose::Motion { .. } if text.is_empty() => {
                Verdict::close()
            }
            Purpose::Amendment { item } | Purpose::Motion { item } => {
                let mover = ctx
                    .session
                    .item(item)
                    .and_then(|i| i.speakers.current())
                    .map(|t| t.person.clone());
                let (kind, said) = match &self.purpose {
                    Purpose::Amendment { .. } => (MotionKind::Aenderungsantrag, "Änderungsantrag"),
                    _ => (MotionKind::Antrag, "Antrag"),
                };
                let motion = Motion {
                    kind,
                    mover,
                    text,
                    ..Motion::default()
                };
                Verdict::close_if_done(vec![
                    Effect::Commit(vec![Action::AddMotion {
                        item: item.clone(),
                        motion,
                    }]),
                    Effect::Info(format!(
                        "{said} aufgenommen; {} lässt darüber abstimmen.",
                        key_for(Context::Motion, Command::StartVote)
                    )),
                ])
            }
            Purpose::Secret { draft } => secret(ctx, draft, &text),
            Purpose::OnRecord { item, motion } => on_record(ctx, item, *motion, &text),
            Purpose::Election { .. } if text.is_empty() => Verdict::close(),
            Purpose::Election { item } => election(ctx, item, &text),
            Purpose::Lot { item, motion } => lot(ctx, item, *motion, &text),
            Purpose::Draw { .. } if text.is_empty() => Verdict::close(),
            Purpose::Draw { item, at } => match text.split_once(':') {
                Some((about, result)) if !about.trim().is_empty() && !result.trim().is_empty() => {
                    let event = crate::domain::Event {
                        at: Some(*at),
                        kind: crate::domain::EventKind::Losentscheid {
                            about: about.trim().to_string(),
                            result: result.trim().to_string(),
                            drawn_by: ctx.session.chair_at(item, Some(*at)),
                        },
                    };
                    let said = german::event(ctx.session, &event);
                    Verdict::close_if_done(vec![
                        Effect::Commit(vec![Action::AddEvent {
                            item: item.clone(),
                            event,
                        }]),
                        Effect::Info(format!("Eingetragen: {said}")),
                    ])
                }
                _ => Verdict::refuse(
                    "Worüber, Doppelpunkt, was das Los ergab: „den 5. Sitz im Finanzausschuss: SPD“",
                ),
            },
            Purpose::Clock if text.is_empty() => Verdict::close_with(vec![
                Effect::SetClock(None),
                Effect::Info("Einträge wieder mit der Uhrzeit von jetzt.".into()),
            ]),
            Purpose::Clock => match typed_time(&text) {
                Some(at) => Verdict::close_with(vec![
                    Effect::SetClock(Some(at)),
                    Effect::Info(format!(
                        "Nachtrag: Einträge ab {} Uhr; die Zeit läuft von dort weiter ({} ändert sie).",
                        at.hhmm(),
                        key_for(Context::Global, Command::SetClock)
                    )),
                ]),
                None => Verdict::refuse(format!("„{text}“ ist keine Uhrzeit (z. B. 19:05).")),
            },
            Purpose::Times { first, second } => {
                let (from, to) = match second {
                    Some(_) => match typed_span(&text) {
                        Ok(span) => span,
                        Err(why) => return Verdict::refuse(why),
                    },
                    None if text.is_empty() => (None, None),
                    None => match typed_time(&text) {
                        Some(at) => (Some(at), None),
                        None => {
                            return Verdict::refuse(format!(
                                "„{text}“ ist keine Uhrzeit (z. B. 19:05)."
                            ));
                        }
                    },
                };
                let mut actions = vec![Action::SetTime {
                    of: first.clone(),
                    at: from,
                }];
                if let Some(second) = second {
                    actions.push(Action::SetTime {
                        of: second.clone(),
                        at: to,
                    });
                }
                // A typed arrival can make a recorded vote impossible: asked first, like any
                // attendance change.
                match super::commit_keeping_votes(ctx.session, actions) {
                    commit @ Effect::Commit(_) => Verdict::close_if_done(vec![commit]),
                    ask => Verdict::close_with(vec![ask]),
                }
            }
            Purpose::Member if text.is_empty() => Verdict::close(),
            Purpose::Member => {
                let mut person = ctx.session.member_from_typed(&text);
                // Added while the meeting runs: there from now, not at the votes before.
                if ctx
                    .session
                    .start
                    .is_some_and(|start| start < ctx.time && ctx.session.end.is_none())
                {
                    person.arrived = Some(ctx.time);
                }
                let label = german::speaker(&person);
                Verdict::close_if_done(vec![
                    Effect::Commit(vec![Action::AddPerson(person)]),
                    Effect::Info(format!("{label} in die Anwesenheitsliste aufgenommen.")),
                ])
            }
        }
    }

    /// The chosen person (created first when new) and what is to be done with them.
    fn with_person(&self, ctx: &Ctx, then: impl FnOnce(PersonId) -> Vec<Action>) -> Verdict {
        let Some(candidate) = self.candidates.get(self.sel) else {
            return Verdict::refuse("Keine Person gewählt: Namen tippen.");
        };
        match &candidate.person {
            Some(id) => Verdict::close_if_done(vec![Effect::Commit(then(id.clone()))]),
            // Nobody is made up on a key: a new person is a question of its own.
            None => {
                let person = ctx.session.guest_from_typed(&self.text());
                let name = german::speaker(&person);
                let info = format!("{name} neu angelegt (als Gast).");
                let mut actions = vec![Action::AddPerson(person.clone())];
                actions.extend(then(person.id));
                let question =
                    format!("„{name}“ steht nicht in der Anwesenheitsliste. Als Gast neu anlegen?");
                let ask =
                    Confirm::then(question, vec![Effect::Commit(actions), Effect::Info(info)]);
                Verdict::close_with(vec![Effect::Push(Box::new(ask))])
            }
        }
    }
}

/// "5.1 Titel", or only a title (it gets the next free number after `position`).
fn new_item(session: &Session, text: &str, position: usize, at: crate::domain::Time) -> Verdict {
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    let (number, title) = if crate::domain::is_valid_number(first) {
        (first.to_string(), rest.trim().to_string())
    } else {
        (session.next_free_number(position), text.to_string())
    };
    if title.is_empty() {
        return Verdict::refuse("Ein TOP braucht einen Titel.");
    }
    let (actions, decided_in) =
        session.insert_item_actions(AgendaItem::new(&number, &title), position, at);
    Verdict::close_if_done(vec![
        Effect::Commit(actions),
        Effect::SelectItem(position),
        Effect::Info(match decided_in {
            Some(at_item) => format!(
                "TOP {number} eingefügt; über die Dringlichkeit wird bei TOP {at_item} zuerst abgestimmt."
            ),
            None => format!("TOP {number} eingefügt."),
        }),
    ])
}

/// A member asks that their own vote be put on record (Bayern, Hessen): added to the open
/// vote's names, replacing an earlier one of theirs.
fn on_record(ctx: &Ctx, item: &str, motion: usize, text: &str) -> Verdict {
    let Some(m) = ctx.session.item(item).and_then(|i| i.motions.get(motion)) else {
        return Verdict::close();
    };
    let at = m.vote.and_then(|v| v.at);
    match ctx.session.answer_from_typed(item, at, text) {
        Ok(named) => {
            let mut ballot = m.ballot.clone();
            ballot.names.retain(|n| n.person != named.person);
            ballot.names.push(named);
            Verdict::close_if_done(vec![Effect::Commit(vec![Action::SetBallot {
                item: item.to_string(),
                motion,
                ballot,
            }])])
        }
        Err(why) => Verdict::refuse(why),
    }
}

/// An election as typed, added as a motion of its own; its ballots are counted with `v`.
fn election(ctx: &Ctx, item: &str, text: &str) -> Verdict {
    match ctx.session.election_from_typed(text) {
        Ok(election) => {
            let motion = Motion {
                kind: MotionKind::Wahl,
                text: election.office.clone(),
                election: Some(election),
                ..Motion::default()
            };
            Verdict::close_if_done(vec![
                Effect::Commit(vec![Action::AddMotion {
                    item: item.to_string(),
                    motion,
                }]),
                Effect::Info(format!(
                    "Wahl aufgenommen; {} zählt den Wahlgang.",
                    key_for(Context::Motion, Command::StartVote)
                )),
            ])
        }
        Err(why) => Verdict::refuse(why),
    }
}

/// The lot drawn between candidates with equal votes, drawn by the chair.
fn lot(ctx: &Ctx, item: &str, motion: usize, text: &str) -> Verdict {
    let Some(election) = ctx
        .session
        .item(item)
        .and_then(|i| i.motions.get(motion))
        .and_then(|m| m.election.as_ref())
    else {
        return Verdict::close();
    };
    match ctx.session.lot_winner_from_typed(election, text) {
        Ok(winner) => {
            let mut decided = election.clone();
            decided.lot = Some(crate::domain::election::Lot {
                drawn_by: ctx.session.chair_at(item, Some(ctx.time)),
                winner,
            });
            Verdict::close_if_done(vec![
                Effect::Commit(vec![Action::SetElection {
                    item: item.to_string(),
                    motion,
                    election: decided,
                }]),
                Effect::Info(format!(
                    "Das Los entscheidet für {}.",
                    german::candidate(ctx.session, election, winner)
                )),
            ])
        }
        Err(why) => Verdict::refuse(why),
    }
}

/// A secret vote: the counts as counted, with the invalid ballots typed.
fn secret(ctx: &Ctx, draft: &super::VoteDraft, text: &str) -> Verdict {
    use crate::domain::{Ballot, BallotKind};
    let invalid = match text {
        "" => 0,
        n => match n.parse::<u32>() {
            Ok(n) => n,
            Err(_) => return Verdict::refuse(format!("„{n}“ ist keine Zahl.")),
        },
    };
    let ballot = Ballot {
        kind: BallotKind::Geheim,
        invalid,
        ..Ballot::default()
    };
    let vote = Vote::new(draft.yes, draft.no, draft.abstain);
    draft.record_with(ctx, vote, Some(ballot))
}

/// Takes `item` off the agenda, with the reason typed (or none), recorded where the agenda is
/// decided on.
fn taken_off(session: &Session, item: &str, reason: &str, at: crate::domain::Time) -> Verdict {
    let mut actions = vec![Action::SetOutcome {
        item: item.to_string(),
        outcome: Some(crate::domain::Outcome::Abgesetzt),
    }];
    if let Some(at_item) = session.agenda_decision_item(item) {
        actions.push(Action::AddEvent {
            item: at_item,
            event: crate::domain::Event {
                at: Some(at),
                kind: crate::domain::EventKind::Abgesetzt {
                    item: item.to_string(),
                    reason: (!reason.is_empty()).then(|| reason.to_string()),
                },
            },
        });
    }
    Verdict::close_if_done(vec![
        Effect::Commit(actions),
        Effect::Info(format!(
            "TOP {item} abgesetzt; im Protokoll steht nur das (und der Grund)."
        )),
    ])
}

/// Refers `item` to the body typed ("den Finanzausschuss").
fn referred(item: &str, to: &str, at: crate::domain::Time) -> Verdict {
    if to.is_empty() {
        return Verdict::refuse("An wen? z. B. „den Finanzausschuss“.");
    }
    let actions = vec![
        Action::SetOutcome {
            item: item.to_string(),
            outcome: Some(crate::domain::Outcome::Verwiesen),
        },
        // Said in the item itself: it was dealt with, and referred.
        Action::AddEvent {
            item: item.to_string(),
            event: crate::domain::Event {
                at: Some(at),
                kind: crate::domain::EventKind::Verwiesen {
                    item: item.to_string(),
                    to: to.to_string(),
                },
            },
        },
    ];
    Verdict::close_if_done(vec![Effect::Commit(actions)])
}

/// "7.1 Neuer Titel": a new number and title for `item`.
fn rename(item: &str, text: &str) -> Verdict {
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    if !crate::domain::is_valid_number(first) || rest.trim().is_empty() {
        return Verdict::refuse("Bitte Nummer und Titel, z. B. „7.1 Neuer Titel“.");
    }
    let mut actions = vec![Action::SetTitle {
        item: item.to_string(),
        title: rest.trim().to_string(),
    }];
    if first != item {
        actions.push(Action::SetNumber {
            item: item.to_string(),
            number: first.to_string(),
        });
    }
    Verdict::close_if_done(vec![Effect::Commit(actions)])
}

/// The speaking time limit in minutes ("3", "1,5"); empty: none.
fn limit(text: &str) -> Verdict {
    if text.is_empty() {
        return Verdict::close_with(vec![
            Effect::SetLimit(None),
            Effect::Info("Redezeit nicht begrenzt.".into()),
        ]);
    }
    let minutes: Option<f64> = text
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|m: &f64| *m > 0.0 && *m < 600.0);
    match minutes {
        Some(m) => {
            let secs = (m * 60.0).round() as u32;
            Verdict::close_with(vec![
                Effect::SetLimit(Some(secs)),
                Effect::Info(format!(
                    "Redezeit {}:{:02} Min. ab der nächsten Worterteilung.",
                    secs / 60,
                    secs % 60
                )),
            ])
        }
        None => Verdict::refuse(format!("„{text}“ ist keine Minutenzahl.")),
    }
}

impl Layer for Prompt {
    fn context(&self) -> Context {
        Context::Prompt
    }

    fn key(&mut self, key: KeyEvent, _command: Option<Command>, ctx: &Ctx) -> Verdict {
        match self.line.key(key) {
            PromptKey::Cancel => Verdict::close(),
            PromptKey::Accept => self.finish(ctx),
            k @ (PromptKey::Next | PromptKey::Prev) => {
                step(&mut self.sel, self.candidates.len(), k == PromptKey::Next);
                Verdict::keep()
            }
            PromptKey::Edited => {
                self.complete(ctx.session);
                Verdict::keep()
            }
        }
    }

    fn paste(&mut self, text: &str, ctx: &Ctx) {
        self.line.paste(text);
        self.complete(ctx.session);
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, _app: &App) {
        let t = theme();
        let shown = self.candidates.len().min(8) as u16;
        let area = popup(screen, 64, 3 + shown + u16::from(shown > 0));
        let block = Block::bordered()
            .border_style(t.border_focus)
            .title(Span::styled(format!(" {} ", self.line.title), t.title));
        let inner = block.inner(area);
        frame.render_widget(Clear, area);
        frame.render_widget(block, area);
        let [input, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        frame.render_widget(&self.line.input, input);
        let first = self.sel.saturating_sub(shown.saturating_sub(1) as usize);
        let lines: Vec<Line> = self
            .candidates
            .iter()
            .enumerate()
            .skip(first)
            .take(shown as usize)
            .map(|(i, c)| {
                let line = Line::raw(fit(&format!(" {}", c.label), inner.width as usize));
                if i == self.sel {
                    line.style(t.selected)
                } else {
                    line
                }
            })
            .collect();
        if !lines.is_empty() {
            let list = Rect {
                y: list.y + 1,
                height: list.height.saturating_sub(1),
                ..list
            };
            frame.render_widget(Paragraph::new(lines), list);
        }
    }
}
