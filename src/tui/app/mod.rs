//! The recording screen's state: the session, which pane has focus, what is selected, the open
//! layers, and whether the last save worked. Keys come in through [`App::handle_key`], the same
//! handler for the real event loop and for tests; changes go out as domain actions through
//! [`App::commit`], which saves at once.

mod complete;
mod layers;
pub(super) mod panes;

use chrono::{NaiveDateTime, Timelike};
use crossterm::event::{KeyEvent, KeyEventKind};

use crate::domain::{Action, AgendaItem, Session, Time};
use crate::store::Recorder;
use crate::store::journal::Saved;

use super::keymap::{Command, Context, key_for, lookup};
use super::layer::Layer;

pub use complete::candidates;

/// The four panes of the recording screen, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    Minutes,
    Speakers,
    Motion,
}

impl Pane {
    const ORDER: [Pane; 4] = [Pane::Agenda, Pane::Minutes, Pane::Speakers, Pane::Motion];

    pub fn context(self) -> Context {
        match self {
            Pane::Agenda => Context::Agenda,
            Pane::Minutes => Context::Minutes,
            Pane::Speakers => Context::Speakers,
            Pane::Motion => Context::Motion,
        }
    }

    fn step(self, by: isize) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0) as isize;
        Pane::ORDER[(i + by).rem_euclid(4) as usize]
    }
}

/// Where changes go.
pub enum Persist {
    /// Nowhere (tests, benchmarks).
    Memory,
    /// The journal and snapshots of the session file, under its lock.
    Journal(Box<Recorder>),
    /// Nowhere, on purpose: the session is only looked at (another writer holds it).
    ReadOnly(String),
}

/// A pause after which the open paragraph is saved; the event loop looks every quarter second.
const AUTOSAVE_IDLE_MS: i64 = 200;
/// Typing without such a pause is saved this often.
const AUTOSAVE_EVERY_MS: i64 = 500;

/// Whether the session on disk is what the screen shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since opening.
    Opened,
    Saved(Time),
    /// The last save failed; the session is kept in memory and saving is retried.
    Failed {
        error: String,
        since: Time,
    },
    /// The lock was removed or replaced: another writer may hold the session now. Everything
    /// is saved whole into a file of its own (`path`), never into the session's journal.
    Rescued {
        path: std::path::PathBuf,
        at: Time,
    },
}

/// A line for the user in place of the key hints, until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Selected rows of each pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub agenda: usize,
    pub minutes: usize,
    pub speakers: usize,
    pub motion: usize,
}

pub struct App {
    pub session: Session,
    persist: Persist,
    /// Actions applied on screen but not yet on disk (after a write failed).
    pending: Vec<Action>,
    pub now: NaiveDateTime,
    pub focus: Pane,
    pub sel: Selection,
    pub layers: Vec<Layer>,
    pub save: SaveState,
    pub message: Option<Message>,
    /// Speaking time limit for the next turns, in seconds.
    pub limit_secs: Option<u32>,
    pub quit: bool,
    /// The terminal is too small to show the screen: keys do nothing then (but q).
    pub too_small: bool,
    /// Since when an open editor holds text not yet saved.
    editor_dirty_since: Option<NaiveDateTime>,
    last_key: NaiveDateTime,
    last_retry: NaiveDateTime,
}

impl App {
    pub fn new(session: Session, persist: Persist, now: NaiveDateTime) -> App {
        let agenda = session
            .current_item
            .as_deref()
            .and_then(|n| session.agenda.iter().position(|i| i.number == n))
            .unwrap_or(0);
        App {
            session,
            persist,
            pending: Vec::new(),
            editor_dirty_since: None,
            now,
            focus: Pane::Agenda,
            sel: Selection {
                agenda,
                ..Selection::default()
            },
            layers: Vec::new(),
            save: SaveState::Opened,
            message: None,
            limit_secs: None,
            quit: false,
            too_small: false,
            last_key: now,
            last_retry: now,
        }
    }

    /// The wall-clock time as the protocol records it (whole seconds).
    pub fn time(&self) -> Time {
        let t = self.now.time();
        Time::hms(t.hour(), t.minute(), t.second()).unwrap_or(Time(t))
    }

    /// The agenda item the panes show: the one selected in the agenda.
    pub fn item(&self) -> Option<&AgendaItem> {
        self.session.agenda.get(self.sel.agenda)
    }

    pub fn item_number(&self) -> Option<String> {
        self.item().map(|i| i.number.clone())
    }

    /// The context whose keys apply now: the top layer's, else the focused pane's.
    pub fn context(&self) -> Context {
        self.layers
            .last()
            .map_or(self.focus.context(), Layer::context)
    }

    /// The one entry point for keys, from the terminal and from tests alike.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if self.too_small {
            // What a key would do cannot be seen now; only leaving is allowed.
            if lookup(Context::Global, &key) == Some(Command::Quit) && self.layers.is_empty() {
                self.request_quit();
            }
            return;
        }
        self.message = None;
        self.last_key = self.now;
        match self.layers.pop() {
            Some(layer) => self.handle_layer(layer, key),
            None => {
                let command =
                    lookup(self.focus.context(), &key).or_else(|| lookup(Context::Global, &key));
                if let Some(command) = command {
                    self.pane_command(command);
                }
            }
        }
        self.clamp();
    }

    /// The terminal's size, told by the event loop before each key.
    pub fn set_screen(&mut self, width: u16, height: u16) {
        self.too_small = width < super::widgets::MIN_WIDTH || height < super::widgets::MIN_HEIGHT;
    }

    /// Text pasted from the clipboard goes into an open editor or prompt.
    pub fn paste(&mut self, text: &str) {
        match self.layers.last_mut() {
            Some(Layer::Editor(editor)) => {
                // One insertion, whatever its size; saved like typing (within half a second).
                // Control characters a terminal's copy may carry (colour codes) are left out:
                // a paragraph holds none but line breaks and tabs.
                editor.area.insert_str(crate::domain::cleaned_paste(text));
                self.last_key = self.now;
                self.editor_changed();
            }
            Some(Layer::Prompt(prompt)) => prompt.paste(text),
            _ => {}
        }
    }

    /// While an open editor holds text that is not on disk yet: what the status bar says
    /// instead of "gespeichert".
    pub fn unsaved_editor(&self) -> Option<String> {
        self.editor_dirty_since?;
        match self.layers.last() {
            Some(Layer::Editor(editor)) => Some(match editor.target {
                super::layer::EditTarget::Minute { .. } => "Absatz wird gespeichert …".into(),
                super::layer::EditTarget::Proposal { .. } => format!(
                    "Text offen – {} speichert",
                    key_for(Context::Editor, Command::Accept)
                ),
            }),
            _ => None,
        }
    }

    /// Time passes: the clock moves, an editor's text is saved after a short pause (or after two
    /// seconds of typing without one), a failed save is retried.
    pub fn tick(&mut self, now: NaiveDateTime) {
        self.now = now;
        // The open paragraph is journaled within half a second of the last key, and during
        // long typing at least every half second.
        let idle = (now - self.last_key).num_milliseconds() >= AUTOSAVE_IDLE_MS;
        let long_dirty = self
            .editor_dirty_since
            .is_some_and(|d| (now - d).num_milliseconds() >= AUTOSAVE_EVERY_MS);
        if idle || long_dirty {
            self.autosave_editor();
        }
        if matches!(self.save, SaveState::Failed { .. })
            && (now - self.last_retry).num_seconds() >= 5
        {
            self.last_retry = now;
            self.retry();
        }
    }

    /// Notes that the open editor holds unsaved text.
    pub(super) fn editor_changed(&mut self) {
        self.editor_dirty_since.get_or_insert(self.now);
    }

    pub fn read_only(&self) -> Option<&str> {
        match &self.persist {
            Persist::ReadOnly(why) => Some(why),
            _ => None,
        }
    }

    /// Applies actions as one change and saves them. On a refused action nothing changes and
    /// the reason is shown.
    pub fn commit(&mut self, actions: Vec<Action>) -> bool {
        if let Some(why) = self.read_only() {
            self.error(format!(
                "Nur lesend geöffnet ({why}): keine Änderungen möglich."
            ));
            return false;
        }
        let backup = (actions.len() > 1).then(|| self.session.clone());
        for action in &actions {
            if let Err(e) = self.session.apply(action.clone()) {
                if let Some(backup) = backup {
                    self.session = backup;
                }
                self.error(e.to_string());
                return false;
            }
        }
        self.pending.extend(actions);
        self.save();
        self.clamp();
        true
    }

    /// Appends what is pending to the journal, synced, before the status says "gespeichert"
    /// (the policy is the store's: `Recorder::save`).
    fn save(&mut self) {
        let now = self.time();
        match &mut self.persist {
            Persist::Memory | Persist::ReadOnly(_) => {
                self.pending.clear();
                self.save = SaveState::Saved(now);
            }
            // After a failure the journal is closed; the retry writes a whole snapshot instead.
            Persist::Journal(_) if matches!(self.save, SaveState::Failed { .. }) => {}
            Persist::Journal(recorder) => {
                let done = recorder.save(&self.session, &self.pending);
                if let Some(text) = done.warning {
                    self.message = Some(Message { text, error: true });
                }
                self.saved(done.saved, now);
            }
        }
    }

    /// The save state after the store's answer; what is on disk leaves `pending`.
    fn saved(&mut self, saved: Saved, now: Time) {
        self.save = match saved {
            Saved::Journal => SaveState::Saved(now),
            Saved::Rescued(path) => SaveState::Rescued { path, at: now },
            Saved::Failed(error) => {
                // A retry keeps the time the failure began.
                let since = match &self.save {
                    SaveState::Failed { since, .. } => *since,
                    _ => now,
                };
                SaveState::Failed { error, since }
            }
        };
        if !matches!(self.save, SaveState::Failed { .. }) {
            self.pending.clear();
        }
    }

    /// After a failure: a fresh snapshot of everything (a retried fsync proves nothing).
    fn retry(&mut self) {
        let now = self.time();
        if let Persist::Journal(recorder) = &mut self.persist {
            let saved = recorder.retry(&self.session);
            self.saved(saved, now);
        }
    }

    /// Before quitting: the editor's text and a snapshot, so the next start needs no replay.
    /// False when writing failed.
    fn finish(&mut self) -> bool {
        self.autosave_editor();
        if let Persist::Journal(recorder) = &mut self.persist
            && let Err(e) = recorder.snapshot(&self.session)
        {
            let since = self.time();
            self.save = SaveState::Failed {
                error: e.to_string(),
                since,
            };
            return false;
        }
        !matches!(self.save, SaveState::Failed { .. })
    }

    /// Ends the program cleanly from outside (SIGTERM, SIGHUP: a dropped SSH connection). With
    /// nobody left to ask, a session that cannot be written where it belongs goes to an
    /// emergency file in the temporary folder.
    pub fn shutdown(&mut self) {
        if !self.finish() {
            let stamp = self.now.format("%Y%m%d-%H%M%S").to_string();
            let _ = crate::store::journal::emergency_copy(&self.session, &stamp);
        }
        self.quit = true;
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    fn request_quit(&mut self) {
        if !self.finish() {
            self.layers.push(Layer::Confirm(super::layer::Confirm {
                question:
                    "Speichern ist fehlgeschlagen. Trotzdem beenden? Ungespeichertes geht verloren."
                        .into(),
                actions: Vec::new(),
                quit: true,
            }));
        } else {
            self.quit = true;
        }
    }

    /// Rows of the minutes, speaker and motion lists of the selected item.
    fn list_lens(&self) -> (usize, usize, usize) {
        self.item().map_or((0, 0, 0), |i| {
            (
                i.minutes.len(),
                i.speakers.waiting.len(),
                panes::motion_rows(i),
            )
        })
    }

    /// A read-only view takes the session as its writer has saved it now; the reader stays at
    /// the item selected (by number) and keeps the other selections where they fit.
    /// Ignored where this screen writes itself.
    pub fn follow(&mut self, session: Session) {
        if self.read_only().is_none() {
            return;
        }
        let number = self.item_number();
        // At the last paragraph (or none yet), the reader follows new ones as `tail -f` does.
        let at_end = self.sel.minutes + 1 >= self.item().map_or(0, |i| i.minutes.len());
        self.session = session;
        if let Some(at) =
            number.and_then(|n| self.session.agenda.iter().position(|i| i.number == n))
        {
            self.sel.agenda = at;
            if at_end {
                self.sel.minutes = self.item().map_or(0, |i| i.minutes.len().saturating_sub(1));
            }
        }
        self.clamp();
    }

    /// Keeps every selection inside its list after a change.
    fn clamp(&mut self) {
        let fit = |sel: &mut usize, len: usize| *sel = (*sel).min(len.saturating_sub(1));
        fit(&mut self.sel.agenda, self.session.agenda.len());
        let (minutes, speakers, motions) = self.list_lens();
        fit(&mut self.sel.minutes, minutes);
        fit(&mut self.sel.speakers, speakers);
        fit(&mut self.sel.motion, motions);
    }

    fn pane_command(&mut self, command: Command) {
        match command {
            Command::Quit => self.request_quit(),
            Command::Help => self.layers.push(Layer::Help { scroll: 0 }),
            Command::NextPane => self.focus = self.focus.step(1),
            Command::PrevPane => self.focus = self.focus.step(-1),
            Command::Back => self.focus = Pane::Agenda,
            Command::Attendance => self.layers.push(Layer::Attendance { sel: 0 }),
            Command::StartSession => self.start_session(),
            Command::EndSession => self.end_session(),
            Command::Up | Command::Down | Command::Top | Command::Bottom => self.navigate(command),
            other => match self.focus {
                Pane::Agenda => self.agenda_command(other),
                Pane::Minutes => self.minutes_command(other),
                Pane::Speakers => self.speakers_command(other),
                Pane::Motion => self.motion_command(other),
            },
        }
    }

    /// Moves the selection of the focused pane.
    fn navigate(&mut self, command: Command) {
        let (minutes, speakers, motions) = self.list_lens();
        let (sel, len) = match self.focus {
            Pane::Agenda => (&mut self.sel.agenda, self.session.agenda.len()),
            Pane::Minutes => (&mut self.sel.minutes, minutes),
            Pane::Speakers => (&mut self.sel.speakers, speakers),
            Pane::Motion => (&mut self.sel.motion, motions),
        };
        match command {
            Command::Top => *sel = 0,
            Command::Bottom => *sel = len.saturating_sub(1),
            other => step(sel, len, other == Command::Down),
        }
    }

    fn start_session(&mut self) {
        if let Some(start) = self.session.start {
            self.info(format!("Die Sitzung läuft seit {} Uhr.", start.hhmm()));
            return;
        }
        let at = self.time();
        if self.commit(vec![Action::StartSession { at }]) {
            self.info(format!("Sitzung eröffnet um {} Uhr.", at.hhmm()));
        }
    }

    fn end_session(&mut self) {
        let at = self.time();
        self.layers.push(Layer::Confirm(super::layer::Confirm {
            question: format!("Sitzung um {} Uhr schließen?", at.hhmm()),
            actions: vec![Action::EndSession { at }],
            quit: false,
        }));
    }
}

/// Moves a selection by one, within `len` rows.
/// Moves a selection in a list of `len` one step, staying inside it.
pub(in crate::tui) fn step(sel: &mut usize, len: usize, down: bool) {
    if down {
        if *sel + 1 < len {
            *sel += 1;
        }
    } else {
        *sel = sel.saturating_sub(1);
    }
}
