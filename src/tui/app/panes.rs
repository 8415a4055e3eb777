//! What the keys of each pane do.

use crate::domain::{Action, AgendaItem, MotionKind, Outcome, Paragraph};
use crate::render::german;

use super::super::keymap::{Command, Context, key_for};
use super::super::layer::{Confirm, EditTarget, Editor, Layer, Prompt, PromptPurpose, VoteDraft};
use super::{App, Pane};

/// Rows of the motion pane: the motions, plus a row for the vote on the Beschlussvorschlag
/// while that vote does not exist yet.
pub fn motion_rows(item: &AgendaItem) -> usize {
    item.motions.len() + usize::from(item.main_motion().is_none())
}

impl App {
    fn confirm(&mut self, question: String, actions: Vec<Action>) {
        self.layers.push(Layer::Confirm(Confirm {
            question,
            actions,
            quit: false,
        }));
    }

    fn prompt(&mut self, purpose: PromptPurpose, title: &str, initial: &str) {
        let mut prompt = Prompt::new(purpose, title, initial);
        if prompt.purpose.wants_person() {
            prompt.candidates = super::candidates(&self.session, &prompt.text());
        }
        self.layers.push(Layer::Prompt(Box::new(prompt)));
    }

    /// Opens the editor on paragraph `index` of `item`, with the speaker as prefix.
    pub(super) fn edit_minute(&mut self, item: &str, index: usize) {
        let Some(p) = self.session.item(item).and_then(|i| i.minutes.get(index)) else {
            return;
        };
        let prefix = p
            .speaker
            .as_deref()
            .map(|id| german::speaker_name(&self.session, id))
            .unwrap_or_default();
        let target = EditTarget::Minute {
            item: item.to_string(),
            index,
        };
        // The editor opens in the minutes pane; focus stays where it was (the speaker queue after
        // giving the floor), so the next speaker is one key away when the editor closes.
        self.layers.push(Layer::Editor(Box::new(Editor::new(
            target, &p.text, prefix,
        ))));
        self.sel.minutes = index;
    }

    pub(super) fn agenda_command(&mut self, command: Command) {
        let len = self.session.agenda.len();
        let at = self.time();
        if let Command::AddItem = command {
            let position = if len == 0 { 0 } else { self.sel.agenda + 1 };
            let title = "Neuer TOP: Nummer und Titel, z. B. „5.1 Dringlichkeitsantrag …“";
            return self.prompt(PromptPurpose::NewItem { position }, title, "");
        }
        let Some(item) = self.item().cloned() else {
            return;
        };
        let number = item.number.clone();
        match command {
            Command::OpenItem => self.open_item(number, at),
            Command::CloseItem => self.close_item(number, at),
            Command::RemoveItem => {
                let votes = item.motions.iter().filter(|m| m.vote.is_some()).count();
                let question = format!(
                    "TOP {number} „{}“ mit {} Absätzen und {votes} Abstimmungen löschen? \
                     (Abgesetzte TOPs besser mit {} → abgesetzt)",
                    item.title,
                    item.minutes.len(),
                    key_for(Context::Agenda, Command::ChooseOutcome)
                );
                self.confirm(question, vec![Action::RemoveItem { item: number }]);
            }
            Command::MoveUp | Command::MoveDown => {
                let down = command == Command::MoveDown;
                let to = if down {
                    self.sel.agenda + 1
                } else {
                    self.sel.agenda.wrapping_sub(1)
                };
                if to < len && self.commit(vec![Action::MoveItem { item: number, to }]) {
                    self.sel.agenda = to;
                }
            }
            Command::Renumber => self.confirm(
                "Alle TOPs in der jetzigen Reihenfolge neu nummerieren?".into(),
                vec![Action::Renumber],
            ),
            // A sub-item of a closed item is closed with it, whatever its own flag.
            Command::ToggleClosed if self.session.closing_parent(&item).is_some() => {
                if let Some(parent) = self.session.closing_parent(&item) {
                    let parent = parent.number.clone();
                    self.info(format!(
                        "TOP {number} ist nichtöffentlich, solange TOP {parent} es ist"
                    ));
                }
            }
            // Opening a closed item publishes all of it: never on one key.
            Command::ToggleClosed if item.closed => self.confirm(
                format!(
                    "TOP {number} „{}“ öffentlich machen? Dann steht alles daraus in der \
                     öffentlichen Niederschrift.",
                    item.title
                ),
                vec![Action::SetClosed {
                    item: number,
                    closed: false,
                    reason: None,
                }],
            ),
            Command::ToggleClosed => self.prompt(
                PromptPurpose::ClosedReason { item: number },
                "Nichtöffentlich – Grund (z. B. Grundstücksangelegenheit)",
                "",
            ),
            Command::Rename => {
                let current = format!("{} {}", item.number, item.title);
                self.prompt(
                    PromptPurpose::Rename { item: number },
                    "Nummer und Titel",
                    &current,
                );
            }
            Command::ChooseOutcome => self
                .layers
                .push(Layer::outcome_picker(&number, item.outcome)),
            Command::TakeNote => self.take_note(number),
            _ => {}
        }
    }

    /// Calls an item. The session opens with the first item called, if nobody opened it; calling
    /// a second item while one runs (which closes that one) asks first.
    fn open_item(&mut self, number: String, at: crate::domain::Time) {
        let actions = self.session.open_item_actions(&number, at);
        let running = self.session.current_item.clone().filter(|c| *c != number);
        let reopen = self.item().is_some_and(|i| i.ended.is_some());
        match (running, reopen) {
            (Some(running), _) => self.confirm(
                format!("TOP {running} läuft noch. TOP {number} aufrufen und TOP {running} um {} Uhr schließen?", at.hhmm()),
                actions,
            ),
            (None, true) => self.confirm(format!("TOP {number} ist schon geschlossen. Wieder aufrufen?"), actions),
            (None, false) => {
                if self.commit(actions) {
                    self.item_opened(&number, at);
                }
            }
        }
    }

    /// After an item was called: the minutes of it, at their end.
    pub(super) fn item_opened(&mut self, number: &str, at: crate::domain::Time) {
        self.info(format!("TOP {number} aufgerufen um {} Uhr.", at.hhmm()));
        self.focus = Pane::Minutes;
        self.sel.minutes = self.item().map_or(0, |i| i.minutes.len().saturating_sub(1));
    }

    fn close_item(&mut self, number: String, at: crate::domain::Time) {
        if self.commit(vec![Action::CloseItem {
            item: number.clone(),
            at,
        }]) {
            self.info(format!("TOP {number} geschlossen um {} Uhr.", at.hhmm()));
        }
    }

    fn take_note(&mut self, number: String) {
        let outcome = Some(Outcome::ZurKenntnisGenommen);
        if self.commit(vec![Action::SetOutcome {
            item: number.clone(),
            outcome,
        }]) {
            self.info(format!("TOP {number}: zur Kenntnis genommen."));
        }
    }

    pub(super) fn minutes_command(&mut self, command: Command) {
        let Some(item) = self.item().cloned() else {
            return;
        };
        let len = item.minutes.len();
        match command {
            Command::NewParagraph => {
                let paragraph = Paragraph {
                    at: Some(self.time()),
                    ..Paragraph::default()
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
                let purpose = PromptPurpose::AskedBy {
                    item: item.number.clone(),
                    index: self.sel.minutes,
                };
                self.prompt(
                    purpose,
                    "Auf Nachfrage von (Name tippen; nochmals wählen entfernt)",
                    "",
                );
            }
            _ => {}
        }
    }

    pub(super) fn speakers_command(&mut self, command: Command) {
        let Some(item) = self.item().cloned() else {
            return;
        };
        let number = item.number.clone();
        let len = item.speakers.waiting.len();
        let at = self.time();
        match command {
            Command::Request(kind) => {
                let title = crate::render::german::request_title(kind);
                self.prompt(PromptPurpose::Speaker { item: number, kind }, title, "");
            }
            Command::GiveFloor => {
                let action = Action::GiveFloor {
                    item: number.clone(),
                    at,
                    limit_secs: self.limit_secs,
                };
                if self.commit(vec![action]) {
                    let index = self.item().map_or(0, |i| i.minutes.len().saturating_sub(1));
                    self.edit_minute(&number, index);
                }
            }
            Command::EndTurn => {
                self.commit(vec![Action::EndTurn { item: number, at }]);
            }
            Command::RemoveRequest if len > 0 => {
                let who = &item.speakers.waiting[self.sel.speakers].person;
                let name = german::speaker_name(&self.session, who);
                self.confirm(
                    format!("Wortmeldung von {name} streichen?"),
                    vec![Action::RemoveSpeaker {
                        item: number,
                        index: self.sel.speakers,
                    }],
                );
            }
            Command::MoveUp | Command::MoveDown if len > 0 => {
                let from = self.sel.speakers;
                let to = if command == Command::MoveDown {
                    from + 1
                } else {
                    from.wrapping_sub(1)
                };
                if to < len
                    && self.commit(vec![Action::MoveSpeaker {
                        item: number,
                        from,
                        to,
                    }])
                {
                    self.sel.speakers = to;
                }
            }
            Command::SetLimit => {
                let current = self
                    .limit_secs
                    .map(|s| (s / 60).to_string())
                    .unwrap_or_default();
                self.prompt(
                    PromptPurpose::Limit,
                    "Redezeit in Minuten (leer: keine Begrenzung)",
                    &current,
                );
            }
            _ => {}
        }
    }

    pub(super) fn motion_command(&mut self, command: Command) {
        let Some(item) = self.item().cloned() else {
            return;
        };
        let number = item.number.clone();
        match command {
            Command::EditProposal => {
                let text = item.resolution_text().unwrap_or_default().to_string();
                let target = EditTarget::Proposal { item: number };
                let prefix = if item.proposal.is_some() {
                    "Beschlussvorschlag (Änderung)"
                } else {
                    "Beschlussvorschlag"
                };
                self.layers.push(Layer::Editor(Box::new(Editor::new(
                    target,
                    &text,
                    prefix.into(),
                ))));
            }
            Command::AddAmendment => {
                self.prompt(
                    PromptPurpose::Amendment { item: number },
                    "Änderungsantrag (Text; Antragsteller/in: wer das Wort hat)",
                    "",
                );
            }
            Command::StartVote => {
                let motion = (self.sel.motion < item.motions.len()).then_some(self.sel.motion);
                let previous = motion.and_then(|m| item.motions[m].vote);
                let draft = VoteDraft {
                    item: number,
                    motion,
                    yes: previous.map_or(0, |v| v.yes),
                    no: previous.map_or(0, |v| v.no),
                    abstain: previous.map_or(0, |v| v.abstain),
                    digits: String::new(),
                    at: self.time(),
                    majority: motion.map_or(Default::default(), |m| item.motions[m].majority),
                };
                self.layers.push(Layer::Vote(draft));
            }
            Command::TakeNote => self.take_note(number),
            _ => {}
        }
    }
}

/// The kind of the motion a vote draft is about.
pub fn draft_kind(item: &AgendaItem, draft: &VoteDraft) -> MotionKind {
    draft
        .motion
        .and_then(|m| item.motions.get(m))
        .map_or(MotionKind::Beschlussvorschlag, |m| m.kind)
}
