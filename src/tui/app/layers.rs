//! What the keys do while a layer is open. A layer is popped before its key is handled and
//! pushed back when it stays open.

use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::{Action, AgendaItem, Motion, MotionKind, Outcome, Request, Vote};
use crate::render::german;

use super::super::keymap::{Command, Context, key_for, lookup};
use super::super::layer::{Candidate, EditTarget, Editor, Layer, Prompt, PromptPurpose, VoteDraft};
use super::{App, step};

impl App {
    pub(super) fn handle_layer(&mut self, layer: Layer, key: KeyEvent) {
        let context = layer.context();
        let command = lookup(context, &key);
        match layer {
            Layer::Help { scroll } => match command {
                Some(Command::Back) => {}
                Some(Command::Down) => self.layers.push(Layer::Help {
                    scroll: scroll.saturating_add(1),
                }),
                Some(Command::Up) => self.layers.push(Layer::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                _ => self.layers.push(Layer::Help { scroll }),
            },
            Layer::Editor(mut editor) => match command {
                Some(Command::Accept) => self.finish_editor(&editor),
                Some(Command::Undo) => {
                    editor.area.undo();
                    self.layers.push(Layer::Editor(editor));
                }
                Some(Command::Redo) => {
                    editor.area.redo();
                    self.layers.push(Layer::Editor(editor));
                }
                _ => {
                    if editor.area.input(key) {
                        self.editor_changed();
                    }
                    self.layers.push(Layer::Editor(editor));
                }
            },
            Layer::Prompt(prompt) => self.prompt_key(prompt, command, key),
            Layer::Confirm(confirm) => match command {
                Some(Command::Yes) => {
                    if confirm.quit {
                        self.quit = true;
                    } else {
                        let opened = confirm.actions.iter().find_map(|a| match a {
                            Action::OpenItem { item, at } => Some((item.clone(), *at)),
                            _ => None,
                        });
                        if self.commit(confirm.actions)
                            && let Some((item, at)) = opened
                        {
                            self.item_opened(&item, at);
                        }
                    }
                }
                // Anything but a deliberate yes is a no.
                _ => self.info("Nichts geändert."),
            },
            Layer::Vote(draft) => self.vote_key(draft, command, key),
            Layer::Attendance { sel } => self.attendance_key(sel, command),
            Layer::Outcome { item, mut sel } => match command {
                Some(Command::Accept) => {
                    // The row after the outcomes clears the outcome.
                    let outcome = Outcome::ALL.get(sel).copied();
                    self.commit(vec![Action::SetOutcome { item, outcome }]);
                }
                Some(Command::Back) => {}
                Some(c @ (Command::Up | Command::Down)) => {
                    step(&mut sel, Outcome::ALL.len() + 1, c == Command::Down);
                    self.layers.push(Layer::Outcome { item, sel });
                }
                _ => self.layers.push(Layer::Outcome { item, sel }),
            },
        }
    }

    /// Writes the editor's text back as an action (if it changed) and closes it.
    fn finish_editor(&mut self, editor: &Editor) {
        self.editor_dirty_since = None;
        let text = editor.text().trim_end().to_string();
        match &editor.target {
            EditTarget::Minute { item, index } => {
                if text.trim().is_empty() && editor.original.trim().is_empty() {
                    // A paragraph opened and left empty is not worth a line in the protocol.
                    self.commit(vec![Action::RemoveMinute {
                        item: item.clone(),
                        index: *index,
                    }]);
                } else if text != editor.original {
                    self.commit(vec![Action::EditMinute {
                        item: item.clone(),
                        index: *index,
                        text,
                    }]);
                }
            }
            EditTarget::Proposal { item } => {
                if let Some(action) = self
                    .session
                    .item(item)
                    .and_then(|current| current.proposal_edit(text))
                {
                    self.commit(vec![action]);
                }
            }
        }
    }

    /// Saves what is typed in an open minutes editor without closing it (after a pause).
    pub(super) fn autosave_editor(&mut self) {
        let Some(Layer::Editor(editor)) = self.layers.last() else {
            return;
        };
        let EditTarget::Minute { item, index } = &editor.target else {
            return;
        };
        let text = editor.text().trim_end().to_string();
        self.editor_dirty_since = None;
        if text == editor.original || text.trim().is_empty() {
            return;
        }
        let action = Action::EditMinute {
            item: item.clone(),
            index: *index,
            text: text.clone(),
        };
        if self.commit(vec![action])
            && let Some(Layer::Editor(editor)) = self.layers.last_mut()
        {
            editor.original = text;
        }
    }

    fn prompt_key(&mut self, mut prompt: Box<Prompt>, command: Option<Command>, key: KeyEvent) {
        match command {
            Some(Command::Back) => {}
            Some(Command::Accept) => {
                if !self.finish_prompt(&prompt) {
                    self.layers.push(Layer::Prompt(prompt));
                }
            }
            Some(c @ (Command::NextCandidate | Command::PrevCandidate)) => {
                step(
                    &mut prompt.sel,
                    prompt.candidates.len(),
                    c == Command::NextCandidate,
                );
                self.layers.push(Layer::Prompt(prompt));
            }
            _ => {
                // One line only: Enter is taken above, so the text never holds a line break.
                prompt.input.input(key);
                if prompt.purpose.wants_person() {
                    prompt.candidates = super::candidates(&self.session, &prompt.text());
                    prompt.sel = 0;
                }
                self.layers.push(Layer::Prompt(prompt));
            }
        }
    }

    /// Carries out what the prompt asked for. Returns false when that was refused: the prompt
    /// then stays open with what was typed, to be corrected.
    fn finish_prompt(&mut self, prompt: &Prompt) -> bool {
        let text = prompt.text().trim().to_string();
        match &prompt.purpose {
            PromptPurpose::Speaker { item, kind } => {
                let Some((mut actions, person)) = self.person_actions(prompt) else {
                    return false;
                };
                let request = Request {
                    person,
                    kind: *kind,
                    at: Some(self.time()),
                };
                actions.push(Action::AddSpeaker {
                    item: item.clone(),
                    request,
                });
                self.commit(actions)
            }
            PromptPurpose::AskedBy { item, index } => {
                let Some((mut actions, person)) = self.person_actions(prompt) else {
                    return false;
                };
                let Some(p) = self.session.item(item).and_then(|i| i.minutes.get(*index)) else {
                    return true;
                };
                let mut persons = p.asked_by.clone();
                if persons.contains(&person) {
                    persons.retain(|x| *x != person);
                } else {
                    persons.push(person);
                }
                actions.push(Action::SetAskedBy {
                    item: item.clone(),
                    index: *index,
                    persons,
                });
                self.commit(actions)
            }
            PromptPurpose::NewItem { position } => self.add_item(&text, *position),
            PromptPurpose::Rename { item } => self.rename_item(item, &text),
            PromptPurpose::ClosedReason { item } => {
                let reason = (!text.is_empty()).then_some(text);
                self.commit(vec![Action::SetClosed {
                    item: item.clone(),
                    closed: true,
                    reason,
                }])
            }
            PromptPurpose::Limit => self.set_limit(&text),
            PromptPurpose::Amendment { item } => {
                if text.is_empty() {
                    return true;
                }
                let mover = self
                    .session
                    .item(item)
                    .and_then(|i| i.speakers.current())
                    .map(|t| t.person.clone());
                let motion = Motion {
                    kind: MotionKind::Aenderungsantrag,
                    mover,
                    text,
                    ..Motion::default()
                };
                let done = self.commit(vec![Action::AddMotion {
                    item: item.clone(),
                    motion,
                }]);
                if done {
                    self.info("Änderungsantrag aufgenommen; v lässt darüber abstimmen.");
                }
                done
            }
            PromptPurpose::Member => {
                if text.is_empty() {
                    return true;
                }
                let person = self.session.member_from_typed(&text);
                let label = german::speaker(&person);
                let done = self.commit(vec![Action::AddPerson(person)]);
                if done {
                    self.info(format!("{label} in die Anwesenheitsliste aufgenommen."));
                }
                done
            }
            PromptPurpose::Line => true,
        }
    }

    /// The chosen person, and the action creating them when they are new.
    fn person_actions(&mut self, prompt: &Prompt) -> Option<(Vec<Action>, String)> {
        let Some(candidate) = prompt.candidates.get(prompt.sel).cloned() else {
            self.error("Keine Person gewählt: Namen tippen.");
            return None;
        };
        match candidate {
            Candidate {
                person: Some(id), ..
            } => Some((Vec::new(), id)),
            Candidate { person: None, .. } => {
                let person = self.session.guest_from_typed(&prompt.text());
                let id = person.id.clone();
                self.info(format!(
                    "{} neu angelegt (als Gast).",
                    german::speaker(&person)
                ));
                Some((vec![Action::AddPerson(person)], id))
            }
        }
    }

    fn add_item(&mut self, text: &str, position: usize) -> bool {
        let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
        let (number, title) = if crate::domain::is_valid_number(first) {
            (first.to_string(), rest.trim().to_string())
        } else {
            (self.session.next_free_number(position), text.to_string())
        };
        if title.is_empty() {
            self.error("Ein TOP braucht einen Titel.");
            return false;
        }
        let item = AgendaItem::new(&number, &title);
        let done = self.commit(vec![Action::AddItem {
            item,
            position: Some(position),
        }]);
        if done {
            self.sel.agenda = position;
            self.info(format!("TOP {number} eingefügt."));
        }
        done
    }

    /// "7.1 Neuer Titel": a new number and title for `item`.
    fn rename_item(&mut self, item: &str, text: &str) -> bool {
        let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
        if !crate::domain::is_valid_number(first) || rest.trim().is_empty() {
            self.error("Bitte Nummer und Titel, z. B. „7.1 Neuer Titel“.");
            return false;
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
        self.commit(actions)
    }

    fn set_limit(&mut self, text: &str) -> bool {
        if text.is_empty() {
            self.limit_secs = None;
            self.info("Redezeit nicht begrenzt.");
            return true;
        }
        let minutes: Option<f64> = text
            .replace(',', ".")
            .parse()
            .ok()
            .filter(|m: &f64| *m > 0.0 && *m < 600.0);
        match minutes {
            Some(m) => {
                let secs = (m * 60.0).round() as u32;
                self.limit_secs = Some(secs);
                self.info(format!(
                    "Redezeit {}:{:02} Min. ab der nächsten Worterteilung.",
                    secs / 60,
                    secs % 60
                ));
                true
            }
            None => {
                self.error(format!("„{text}“ ist keine Minutenzahl."));
                false
            }
        }
    }

    fn vote_key(&mut self, mut draft: VoteDraft, command: Option<Command>, key: KeyEvent) {
        if let KeyCode::Char(c @ '0'..='9') = key.code
            && draft.digits.len() < 4
        {
            draft.digits.push(c);
            self.layers.push(Layer::Vote(draft));
            return;
        }
        let typed: Option<u32> = std::mem::take(&mut draft.digits).parse().ok();
        let entitled = self
            .session
            .entitled(self.session.item(&draft.item), Some(draft.at));
        let set = |count: &mut u32, up: bool| match typed {
            Some(n) => *count = n,
            None if up => *count = count.saturating_add(1),
            None => *count = count.saturating_sub(1),
        };
        match command {
            Some(Command::Back) => return,
            Some(Command::Accept) => return self.record_vote(draft),
            Some(Command::YesUp) => set(&mut draft.yes, true),
            Some(Command::YesDown) => set(&mut draft.yes, false),
            Some(Command::NoUp) => set(&mut draft.no, true),
            Some(Command::NoDown) => set(&mut draft.no, false),
            Some(Command::AbstainUp) => set(&mut draft.abstain, true),
            Some(Command::AbstainDown) => set(&mut draft.abstain, false),
            Some(Command::Unanimous) => (draft.yes, draft.no, draft.abstain) = (entitled, 0, 0),
            Some(Command::RestYes) => {
                match crate::domain::vote::from_minority(entitled, draft.no, draft.abstain) {
                    Some(vote) => draft.yes = vote.yes,
                    None => self.error(
                        "Gegenstimmen und Enthaltungen übersteigen schon die Stimmberechtigten.",
                    ),
                }
            }
            Some(Command::CycleMajority) => draft.majority = draft.majority.next(),
            _ => {}
        }
        self.layers.push(Layer::Vote(draft));
    }

    /// Records the vote and, for the vote on the Beschlussvorschlag, the outcome it implies
    /// (`Session::vote_actions`).
    fn record_vote(&mut self, draft: VoteDraft) {
        let vote = Vote {
            at: Some(draft.at),
            ..Vote::new(draft.yes, draft.no, draft.abstain)
        };
        let Some(recorded) =
            self.session
                .vote_actions(&draft.item, draft.motion, draft.majority, vote)
        else {
            return;
        };
        if self.commit(recorded.actions) {
            let summary = german::summary(recorded.evaluation.summary);
            match recorded.outcome {
                Some(o) => self.info(format!(
                    "{summary} – Beschluss: {} (im TOP mit {} änderbar)",
                    o.label(),
                    key_for(Context::Agenda, Command::ChooseOutcome)
                )),
                None => self.info(format!("Abstimmung festgehalten: {summary}")),
            }
        } else {
            self.layers.push(Layer::Vote(draft));
        }
    }

    fn attendance_key(&mut self, mut sel: usize, command: Option<Command>) {
        match command {
            Some(Command::Back) => return,
            Some(Command::AddMember) => {
                self.layers.push(Layer::Attendance { sel });
                let title = "Neues Mitglied: „Frau Anna Ahrens, SPD“ (Fraktion nach dem Komma)";
                self.layers.push(Layer::Prompt(Box::new(Prompt::new(
                    PromptPurpose::Member,
                    title,
                    "",
                ))));
                return;
            }
            _ => {}
        }
        let persons = &self.session.persons;
        let Some(person) = persons.get(sel).cloned() else {
            self.layers.push(Layer::Attendance { sel: 0 });
            return;
        };
        let at = self.time();
        let id = person.id.clone();
        match command {
            Some(c @ (Command::Up | Command::Down)) => {
                step(&mut sel, persons.len(), c == Command::Down)
            }
            Some(Command::CyclePresence) => {
                let presence = person.presence.next();
                self.commit(vec![Action::SetPresence {
                    person: id,
                    presence,
                }]);
            }
            Some(Command::Arrive) => {
                self.commit(vec![Action::Arrive { person: id, at }]);
            }
            Some(Command::Leave) => {
                self.commit(vec![Action::Leave { person: id, at }]);
            }
            Some(Command::ToggleBefangen) => match self.item_number() {
                Some(item) => {
                    let befangen = self.item().is_some_and(|i| i.is_befangen(&id));
                    let action = if befangen {
                        Action::WithdrawBefangen { item, person: id }
                    } else {
                        Action::DeclareBefangen { item, person: id }
                    };
                    self.commit(vec![action]);
                }
                None => self.error("Kein TOP gewählt."),
            },
            _ => {}
        }
        self.layers.push(Layer::Attendance { sel });
    }
}
