//! The recording screen: the session, which pane has focus, what is selected, the open layers,
//! and whether the last save worked. Each pane is a file of its own here (its keys and its
//! drawing), each layer a file in `layers/`. Keys come in through [`App::handle_key`], the same
//! handler for the real event loop and for tests; changes go out as domain actions through
//! [`App::commit`], which saves at once.

mod agenda;
mod complete;
pub mod layers;
mod minutes;
mod motion;
mod speakers;
mod status;

use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, Timelike};
use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::{Action, AgendaItem, Session, Time};
use crate::store::Recorder;
use crate::store::journal::Saved;

use super::keymap::{Command, Context, key_for, lookup};
use super::widgets::{MIN_HEIGHT, MIN_WIDTH};
use layers::{Attendance, Confirm, Ctx, Editor, Effect, Help, Layer, Prompt, Purpose, Verdict};

pub use complete::candidates;
pub use motion::motion_rows;

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

/// The file a read-only screen follows, and whether it changed since it was last read.
struct Following {
    path: PathBuf,
    journal: PathBuf,
    /// A change was reported (or a read failed: a save caught halfway) and is not shown yet.
    stale: bool,
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
    /// Where the attendance list was left.
    pub attendance: usize,
}

pub struct App {
    pub session: Session,
    persist: Persist,
    /// The session file being followed while another writer records it (read-only screens).
    following: Option<Following>,
    /// Actions applied on screen but not yet on disk (after a write failed).
    pending: Vec<Action>,
    pub now: NaiveDateTime,
    pub focus: Pane,
    pub sel: Selection,
    /// The open layers, the top one last: it takes the keys.
    pub layers: Vec<Box<dyn Layer>>,
    pub save: SaveState,
    pub message: Option<Message>,
    /// Speaking time limit for the next turns, in seconds.
    pub limit_secs: Option<u32>,
    /// The "nachtragen" clock: typing up a meeting afterwards, entries get the time set (and
    /// the time goes on from there as the minute-taker goes on); `None` is the wall clock.
    pub offset: Option<chrono::TimeDelta>,
    pub quit: bool,
    /// The terminal is too small to show the screen: keys do nothing then (but q).
    pub too_small: bool,
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
            following: None,
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
            offset: None,
            quit: false,
            too_small: false,
            last_key: now,
            last_retry: now,
        }
    }

    /// The clock entries are recorded by: the wall clock, or the one set for typing up
    /// (`nachtragen`), going on from the time set.
    pub fn clock(&self) -> NaiveDateTime {
        self.offset.map_or(self.now, |o| self.now + o)
    }

    /// Sets the clock for the next entries to `at` (today); `None` goes back to the wall clock.
    pub fn set_clock(&mut self, at: Option<Time>) {
        self.offset = at.map(|t| self.now.date().and_time(t.0) - self.now);
    }

    /// The time as the protocol records it (whole seconds), by [`App::clock`].
    pub fn time(&self) -> Time {
        let t = self.clock().time();
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
            .map_or(self.focus.context(), |l| l.context())
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
        let time = self.time();
        let at = self.layers.len().saturating_sub(1);
        // A reader may look through the attendance list, not open a form to change it.
        if let Some(layer) = self.layers.last()
            && layer.context() == Context::Attendance
            && lookup(Context::Attendance, &key).is_some_and(|c| !c.only_looks())
            && let Some(why) = self.read_only()
        {
            let why = why.to_string();
            self.error(format!(
                "Nur lesend geöffnet ({why}): keine Änderungen möglich."
            ));
            return;
        }
        if let Some(layer) = self.layers.last_mut() {
            let command = lookup(layer.context(), &key);
            let ctx = Ctx {
                session: &self.session,
                item: self.session.agenda.get(self.sel.agenda),
                time,
                now: self.now,
            };
            let verdict = layer.key(key, command, &ctx);
            self.answer(at, verdict);
        } else {
            let command =
                lookup(self.focus.context(), &key).or_else(|| lookup(Context::Global, &key));
            if let Some(command) = command {
                self.pane_command(command);
            }
        }
        self.clamp();
    }

    /// Carries out a layer's verdict; `at` is where the layer stands in the stack.
    fn answer(&mut self, at: usize, verdict: Verdict) {
        let done = self.carry_out(verdict.effects);
        let close = match verdict.after {
            layers::After::Keep => false,
            layers::After::Close => true,
            layers::After::CloseIfDone => done,
        };
        if close && at < self.layers.len() {
            self.layers.remove(at);
        }
    }

    /// Carries out effects in order; false when a commit was refused (the rest is not done).
    fn carry_out(&mut self, effects: Vec<Effect>) -> bool {
        for effect in effects {
            match effect {
                Effect::Commit(actions) => {
                    if !self.commit(actions) {
                        return false;
                    }
                }
                // A warning of this key (a save's) is not covered by news.
                Effect::Info(text) if !self.message.as_ref().is_some_and(|m| m.error) => {
                    self.info(text)
                }
                Effect::Info(_) => {}
                Effect::Error(text) => self.error(text),
                Effect::Push(layer) => self.layers.push(layer),
                Effect::Quit => self.quit = true,
                Effect::ItemOpened { item, at } => self.item_opened(&item, at),
                Effect::SelectItem(position) => self.sel.agenda = position,
                Effect::SetLimit(limit) => self.limit_secs = limit,
                Effect::SetClock(at) => self.set_clock(at),
                Effect::AttendanceAt(row) => self.sel.attendance = row,
                Effect::NextToVote => {
                    if let Some(next) = self.item().and_then(AgendaItem::next_to_vote) {
                        self.sel.motion = next;
                    }
                }
            }
        }
        true
    }

    /// Opens a layer on top.
    pub fn push(&mut self, layer: impl Layer) {
        self.layers.push(Box::new(layer));
    }

    /// The top layer, if it is a `T` (tests look into it).
    pub fn top<T: Layer>(&self) -> Option<&T> {
        let layer: &dyn std::any::Any = self.layers.last()?.as_ref();
        layer.downcast_ref()
    }

    fn top_mut<T: Layer>(&mut self) -> Option<&mut T> {
        let layer: &mut dyn std::any::Any = self.layers.last_mut()?.as_mut();
        layer.downcast_mut()
    }

    /// The open editor of a paragraph of `item`, and the paragraph's index.
    pub fn minute_editor(&self, item: &str) -> Option<(&Editor, usize)> {
        self.layers.iter().find_map(|l| {
            let editor = (l.as_ref() as &dyn std::any::Any).downcast_ref::<Editor>()?;
            editor
                .minute()
                .filter(|(n, _)| *n == item)
                .map(|(_, index)| (editor, index))
        })
    }

    /// The terminal's size, told by the event loop before each key.
    pub fn set_screen(&mut self, width: u16, height: u16) {
        self.too_small = width < super::widgets::MIN_WIDTH || height < super::widgets::MIN_HEIGHT;
    }

    /// Text pasted from the clipboard goes into an open editor or prompt.
    pub fn paste(&mut self, text: &str) {
        if self.too_small {
            return;
        }
        self.last_key = self.now;
        let time = self.time();
        if let Some(layer) = self.layers.last_mut() {
            let ctx = Ctx {
                session: &self.session,
                item: self.session.agenda.get(self.sel.agenda),
                time,
                now: self.now,
            };
            layer.paste(text, &ctx);
        }
    }

    /// While an open editor holds text that is not on disk yet: what the status bar says
    /// instead of "gespeichert".
    pub fn unsaved_editor(&self) -> Option<String> {
        self.top::<Editor>()?.unsaved()
    }

    /// Time passes: the clock moves, an editor's text is saved after a short pause (or after two
    /// seconds of typing without one), a failed save is retried.
    pub fn tick(&mut self, now: NaiveDateTime) {
        self.now = now;
        // The open paragraph is journaled within half a second of the last key, and during
        // long typing at least every half second.
        let idle = (now - self.last_key).num_milliseconds() >= AUTOSAVE_IDLE_MS;
        let long_dirty = self
            .top::<Editor>()
            .and_then(|e| e.dirty_since)
            .is_some_and(|d| (now - d).num_milliseconds() >= AUTOSAVE_EVERY_MS);
        if idle || long_dirty {
            self.autosave_editor();
        }
        self.reload();
        if matches!(self.save, SaveState::Failed { .. })
            && (now - self.last_retry).num_seconds() >= 5
        {
            self.last_retry = now;
            self.retry();
        }
    }

    /// Saves what is typed in an open paragraph editor without closing it (after a pause).
    fn autosave_editor(&mut self) {
        let Some((action, text)) = self.top_mut::<Editor>().and_then(Editor::autosave) else {
            return;
        };
        if self.commit(vec![action])
            && let Some(editor) = self.top_mut::<Editor>()
        {
            editor.saved(text);
        }
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
        // All or none, and kept for undo (`Session::apply_change`).
        if let Err(e) = self.session.apply_change(&actions) {
            self.error(e.to_string());
            return false;
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

    /// The terminal is quiet: what the store keeps for a pause (a snapshot that is due) is
    /// written now, where it holds up no key.
    pub fn pause(&mut self) {
        let now = self.time();
        if matches!(self.save, SaveState::Failed { .. }) {
            return;
        }
        if let Persist::Journal(recorder) = &mut self.persist
            && let Some(done) = recorder.pause(&self.session)
        {
            if let Some(text) = done.warning {
                self.error(text);
            }
            self.saved(done.saved, now);
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
        let now = self.time();
        if let Persist::Journal(recorder) = &mut self.persist {
            match recorder.snapshot(&self.session) {
                // Everything is on disk now, also after an earlier failure.
                Ok(()) => {
                    let saved = match recorder.rescued() {
                        Some(path) => Saved::Rescued(path.to_path_buf()),
                        None => Saved::Journal,
                    };
                    self.saved(saved, now);
                }
                Err(e) => {
                    self.save = SaveState::Failed {
                        error: e.to_string(),
                        since: now,
                    };
                    return false;
                }
            }
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
            self.push(Confirm::then(
                "Speichern ist fehlgeschlagen. Trotzdem beenden? Ungespeichertes geht verloren."
                    .into(),
                vec![Effect::Quit],
            ));
        } else {
            self.quit = true;
        }
    }

    /// Rows of the minutes, speaker and motion lists of the selected item.
    fn list_lens(&self) -> (usize, usize, usize) {
        self.item().map_or((0, 0, 0), |i| {
            (i.minutes.len(), i.speakers.waiting.len(), motion_rows(i))
        })
    }

    /// Follows the session at `path` as another writer saves it (snapshot or journal line):
    /// each reported change is read at the next tick. Only for read-only screens.
    pub fn follow_file(&mut self, path: &Path) {
        if self.read_only().is_some() {
            self.following = Some(Following {
                path: path.to_path_buf(),
                journal: crate::store::journal::journal_path(path),
                stale: false,
            });
        }
    }

    /// Files of the watched folder changed.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        if let Some(f) = self.following.as_mut()
            && paths.iter().any(|p| {
                p.file_name() == f.path.file_name() || p.file_name() == f.journal.file_name()
            })
        {
            f.stale = true;
        }
    }

    /// Reads the followed file when it changed. A read that fails is tried again at the next
    /// tick, whether or not another change is reported; the screen stays as it was meanwhile.
    fn reload(&mut self) {
        let Some(f) = self.following.as_mut().filter(|f| f.stale) else {
            return;
        };
        if let Ok(session) = crate::store::load_current(&f.path) {
            f.stale = false;
            self.follow(session);
        }
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
            Command::Help => self.push(Help::default()),
            Command::NextPane => self.focus = self.focus.step(1),
            Command::PrevPane => self.focus = self.focus.step(-1),
            Command::Back => self.focus = Pane::Agenda,
            Command::Attendance => self.push(Attendance::at(self.sel.attendance)),
            Command::StartSession => self.start_session(),
            Command::Undo => self.undo(),
            Command::SetClock => {
                let current = self.offset.map(|_| self.time().hhmm()).unwrap_or_default();
                self.prompt(
                    Purpose::Clock,
                    "Nachtragen: Uhrzeit der nächsten Einträge (z. B. 19:05; leer: wieder die Uhr)",
                    &current,
                );
            }
            Command::SessionTimes => {
                let span = span_text(self.session.start, self.session.end);
                self.prompt(
                    Purpose::Times {
                        first: crate::domain::TimeOf::SessionStart,
                        second: Some(crate::domain::TimeOf::SessionEnd),
                    },
                    "Sitzung: Beginn–Ende (z. B. 19:00–21:15)",
                    &span,
                );
            }
            Command::Redo => self.redo(),
            Command::Events => self.push(layers::EventPicker::new()),
            Command::SpeakingTimes => self.push(layers::SpeakingTimes::default()),
            Command::Break => {
                let item = self
                    .session
                    .current_item
                    .clone()
                    .or_else(|| self.item_number());
                let verdict = layers::toggle_break(&self.session, item, self.time());
                self.carry_out(verdict.effects);
            }
            Command::SessionData => match self.read_only() {
                Some(why) => {
                    let why = why.to_string();
                    self.error(format!(
                        "Nur lesend geöffnet ({why}): keine Änderungen möglich."
                    ));
                }
                None => {
                    let form = layers::Form::session(&self.session);
                    self.push(form);
                }
            },
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
            other => super::step(sel, len, other == Command::Down),
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
        self.confirm(
            format!("Sitzung um {} Uhr schließen?", at.hhmm()),
            vec![Action::EndSession { at }],
        );
    }

    /// Takes back the last change, as a change of its own, and says what it was.
    fn undo(&mut self) {
        let Some(what) = self.session.undoable().map(crate::render::german::change) else {
            return self.info("Nichts mehr rückgängig zu machen.");
        };
        if self.commit(vec![Action::Undo]) {
            self.info(format!(
                "Rückgängig: {what} ({} stellt wieder her)",
                key_for(Context::Global, Command::Redo)
            ));
        }
    }

    fn redo(&mut self) {
        let Some(what) = self.session.redoable().map(crate::render::german::change) else {
            return self.info("Nichts wiederherzustellen.");
        };
        if self.commit(vec![Action::Redo]) {
            self.info(format!("Wiederhergestellt: {what}"));
        }
    }

    fn confirm(&mut self, question: String, actions: Vec<Action>) {
        self.push(Confirm::new(question, actions));
    }

    fn prompt(&mut self, purpose: Purpose, title: &str, initial: &str) {
        let prompt = Prompt::new(purpose, title, initial, &self.session);
        self.push(prompt);
    }
}

/// The areas of the recording screen for a terminal of `area`.
pub struct Areas {
    pub header: Rect,
    pub agenda: Rect,
    pub minutes: Rect,
    pub speakers: Rect,
    pub motion: Rect,
    pub status: Rect,
    pub hints: Rect,
}

pub fn areas(area: Rect) -> Areas {
    let [header, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // The minutes get what the sides leave; the sides grow a little on wide terminals.
    let side = |min: u16, share: u16| (area.width * share / 100).max(min);
    let [agenda, minutes, right] = Layout::horizontal([
        Constraint::Length(side(20, 22)),
        Constraint::Min(24),
        Constraint::Length(side(26, 30)),
    ])
    .areas(main);
    let [speakers, motion] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(right);
    Areas {
        header,
        agenda,
        minutes,
        speakers,
        motion,
        status,
        hints,
    }
}

/// Draws the recording screen: a pure function of `&App`, pane by pane, the layers on top.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return too_small(frame, area);
    }
    let a = areas(area);
    status::header(frame, a.header, app);
    agenda::draw(frame, a.agenda, app);
    minutes::draw(frame, a.minutes, app);
    speakers::draw(frame, a.speakers, app);
    motion::draw(frame, a.motion, app);
    status::status(frame, a.status, app);
    status::hints(frame, a.hints, app);
    let screen = a.header.union(a.hints);
    for layer in &app.layers {
        layer.draw(frame, screen, app);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Das Terminal ist zu klein ({}×{}). sitzung braucht mindestens {MIN_WIDTH}×{MIN_HEIGHT} Zeichen. \
         Fenster vergrößern – bis dahin bewirken Tasten nichts ({} beendet).",
        area.width,
        area.height,
        key_for(Context::Global, Command::Quit)
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// Whether `pane` has the keys (no layer open over it).
pub fn focused(app: &App, pane: Pane) -> bool {
    app.layers.is_empty() && app.focus == pane
}

impl super::Screen for App {
    fn handle_key(&mut self, key: KeyEvent) {
        App::handle_key(self, key);
    }

    fn paste(&mut self, text: &str) {
        App::paste(self, text);
    }

    fn tick(&mut self, now: NaiveDateTime) {
        App::tick(self, now);
    }

    fn set_screen(&mut self, width: u16, height: u16) {
        App::set_screen(self, width, height);
    }

    fn draw(&self, frame: &mut Frame) {
        draw(frame, self);
    }

    fn changed(&mut self, paths: &[PathBuf]) {
        App::changed(self, paths);
    }

    fn pause(&mut self) {
        App::pause(self);
    }

    fn finished(&self) -> bool {
        self.quit
    }

    fn shutdown(&mut self) {
        App::shutdown(self);
    }
}

/// A span as the time prompts show it: "19:00–21:15", "19:00–", "".
pub fn span_text(from: Option<Time>, to: Option<Time>) -> String {
    match (from, to) {
        (None, None) => String::new(),
        (from, to) => format!(
            "{}–{}",
            from.map(|t| t.hhmm()).unwrap_or_default(),
            to.map(|t| t.hhmm()).unwrap_or_default()
        ),
    }
}
