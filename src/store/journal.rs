//! The crash journal: every action appended as one line and synced before the screen says
//! "gespeichert"; the RON snapshot rewritten atomically from time to time, after which a new
//! journal starts. The cost of one saved change is one short append, whatever the session's size.
//!
//! ```text
//! sitzung-journal 1 basis=1a2b3c4d        <- CRC-32 of the snapshot this journal continues
//! 5e6f7a8b [AppendMinute(item:"7",…)]     <- CRC-32 of the RON after it, then one change
//! ```
//!
//! Opening replays the journal when it continues the snapshot on disk. A journal with another
//! basis is older than the snapshot (the snapshot is written before a new journal starts), so its
//! actions are in the snapshot already; it is kept aside, not replayed. A line whose checksum fails
//! (power cut mid-write) ends the replay: everything before it is kept, the rest is copied to a
//! file beside the journal. Nothing a user typed is ever truncated in place.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::{Action, Session};

use super::lock::{Holder, Lock, LockError};
use super::{LoadError, StoreError, file, parse, to_ron, write_atomically_as};

const MAGIC: &str = "sitzung-journal 1";

/// The length of a journal's header line (`MAGIC basis=XXXXXXXX\n`): a journal no longer than
/// this holds no changes.
pub const HEADER_LEN: u64 = (MAGIC.len() + " basis=".len() + 8 + 1) as u64;

/// `NAME.journal` beside `NAME.ron`.
pub fn journal_path(session: &Path) -> PathBuf {
    session.with_extension("journal")
}

fn crc(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

/// One journal line for the actions of one change: replayed all together or not at all.
pub fn line(actions: &[Action]) -> String {
    // Plain `to_string` escapes line breaks, so a change is always one line.
    let ron = ron::to_string(actions).expect("actions serialise to RON");
    format!("{:08x} {ron}\n", crc(ron.as_bytes()))
}

/// What reading a journal found.
#[derive(Debug, Default, PartialEq)]
pub struct JournalRead {
    /// CRC-32 of the snapshot the journal continues; `None` when the header is unreadable.
    pub basis: Option<u32>,
    /// The changes, each the actions of one line.
    pub actions: Vec<Vec<Action>>,
    /// The first line that failed, if any: 1-based line number, byte offset, reason.
    pub bad: Option<BadLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub offset: usize,
    pub reason: String,
}

/// Reads journal bytes up to the first line that does not check out. Never fails: what cannot
/// be read is reported in `bad`.
pub fn read_journal(bytes: &[u8]) -> JournalRead {
    let mut read = JournalRead::default();
    let mut offset = 0;
    for (index, raw) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        let number = index + 1;
        let bad = |reason: &str| BadLine {
            line: number,
            offset,
            reason: reason.to_string(),
        };
        let Ok(text) = std::str::from_utf8(raw) else {
            read.bad = Some(bad("kein UTF-8"));
            break;
        };
        let text = text.strip_suffix('\n').unwrap_or(text);
        if index == 0 {
            let basis = text
                .strip_prefix(MAGIC)
                .and_then(|rest| rest.trim().strip_prefix("basis="))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok());
            if basis.is_none() {
                read.bad = Some(bad("Kopfzeile fehlt oder ist unlesbar"));
                break;
            }
            read.basis = basis;
        } else {
            match parse_line(text) {
                Ok(action) => read.actions.push(action),
                Err(reason) => {
                    read.bad = Some(bad(&reason));
                    break;
                }
            }
        }
        offset += raw.len();
    }
    read
}

/// Every line of journal bytes tried on its own, by line number: for a copy set aside, which
/// begins with the line that failed and has no head (a head line, where there is one, is left
/// out). A line that does not check out does not stop the lines after it.
pub fn read_journal_lines(bytes: &[u8]) -> Vec<(usize, Result<Vec<Action>, String>)> {
    bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, raw)| !raw.is_empty())
        .filter_map(|(i, raw)| {
            let Ok(text) = std::str::from_utf8(raw) else {
                return Some((i + 1, Err("kein UTF-8".to_string())));
            };
            (!text.starts_with(MAGIC)).then(|| (i + 1, parse_line(text)))
        })
        .collect()
}

fn parse_line(text: &str) -> Result<Vec<Action>, String> {
    let (sum, ron) = text.split_once(' ').ok_or("unvollständige Zeile")?;
    let sum = u32::from_str_radix(sum, 16).map_err(|_| "Prüfsumme unlesbar".to_string())?;
    if sum != crc(ron.as_bytes()) {
        return Err("Prüfsumme stimmt nicht (abgebrochener Schreibvorgang?)".into());
    }
    ron::from_str(ron).map_err(|e| format!("Änderung unlesbar: {e}"))
}

/// What [`replay`] did.
#[derive(Debug)]
pub struct Replayed {
    pub session: Session,
    /// Actions applied.
    pub applied: usize,
    /// The changes refused, by their number (the journal's line), with why.
    pub refused: Vec<(usize, crate::domain::ApplyError)>,
}

/// The one replay of journal changes, for recording, following, `check` and `recover`: each
/// change (the actions of one line) applied whole or not at all, in order. A refused change
/// stops the replay, or with `go_on` is left out and the rest applied.
pub fn replay(
    mut session: Session,
    changes: impl IntoIterator<Item = (usize, Vec<Action>)>,
    go_on: bool,
) -> Replayed {
    let mut applied = 0;
    let mut refused = Vec::new();
    for (number, change) in changes {
        // All or none, kept for undo as when it was made.
        match session.apply_change(&change) {
            Ok(()) => applied += change.len(),
            Err(e) => {
                refused.push((number, e));
                if !go_on {
                    break;
                }
            }
        }
    }
    Replayed {
        session,
        applied,
        refused,
    }
}

/// The changes of a journal read whole, numbered by their lines (the head is line 1).
pub fn numbered(changes: Vec<Vec<Action>>) -> impl Iterator<Item = (usize, Vec<Action>)> {
    (2..).zip(changes)
}

/// Actions in the journal after which a new snapshot is due (and the journal starts anew). It is
/// written in the next pause ([`Recorder::pause`]), not on a key.
pub const SNAPSHOT_EVERY: usize = 500;

/// Actions after which the snapshot is written on the change itself, pause or not: the journal
/// (and the replay at the next start) stays bounded during the longest stretch of typing.
pub const SNAPSHOT_AT_THE_LATEST: usize = 4 * SNAPSHOT_EVERY;

/// Where [`Recorder::save`] put the changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// In the journal (or a snapshot).
    Journal,
    /// The lock was lost: the whole session is in this file (see [`Recorder::rescued`]).
    Rescued(PathBuf),
    /// Not on disk: why.
    Failed(String),
}

/// What [`Recorder::save`] did, and what the user should know though it worked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Save {
    pub saved: Saved,
    pub warning: Option<String>,
}

impl Save {
    fn plain(saved: Saved) -> Save {
        Save {
            saved,
            warning: None,
        }
    }

    fn from(snapshot: Result<(), StoreError>, rescued: Option<&Path>) -> Save {
        Save::plain(match (snapshot, rescued) {
            (Err(e), _) => Saved::Failed(e.to_string()),
            (Ok(()), Some(path)) => Saved::Rescued(path.to_path_buf()),
            (Ok(()), None) => Saved::Journal,
        })
    }
}

/// When nothing can be written where the session belongs and nobody is left to ask (a signal,
/// a lost terminal): the session to `sitzung-notfall-DATE-PID.ron` in the temporary folder.
pub fn emergency_copy(session: &Session, stamp: &str) -> Option<PathBuf> {
    let path = std::env::temp_dir().join(format!(
        "sitzung-notfall-{stamp}-{}.ron",
        std::process::id()
    ));
    super::save(&path, session).ok().map(|()| path)
}

/// What opening a session for recording found and did.
#[derive(Debug, Default)]
pub struct Recovery {
    /// Actions replayed from the journal ("12 Änderungen nach Absturz wiederhergestellt").
    pub replayed: usize,
    /// A journal line that did not check out, and where the rest of the journal was put.
    pub dropped: Option<(BadLine, PathBuf)>,
    /// A journal older than the snapshot, moved here.
    pub stale: Option<PathBuf>,
    /// The writer whose lock was taken over because their process had ended.
    pub taken_over_from: Option<Holder>,
}

impl Recovery {
    /// Messages for the user, in German.
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.replayed > 0 {
            let n = self.replayed;
            out.push(if n == 1 {
                "1 Änderung nach Absturz wiederhergestellt".to_string()
            } else {
                format!("{n} Änderungen nach Absturz wiederhergestellt")
            });
        }
        if let Some((bad, path)) = &self.dropped {
            out.push(format!(
                "Journal Zeile {}: {} – Rest beiseitegelegt in {}",
                bad.line,
                bad.reason,
                path.display()
            ));
        }
        if let Some(path) = &self.stale {
            out.push(format!(
                "Journal passt nicht zur Datei (älter, oder die Datei wurde geändert): beiseitegelegt in {}; sitzung recover DATEI --journal {} wendet an, was davon noch passt",
                path.display(),
                path.display()
            ));
        }
        if let Some(holder) = &self.taken_over_from {
            out.push(format!(
                "Sperre eines beendeten Programms übernommen ({holder})"
            ));
        }
        out
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a recorder calls after each snapshot it wrote, with the file and the session in it
/// (the archive index updates itself from it).
pub type OnSnapshot = Box<dyn FnMut(&Path, &Session) + Send>;

/// The single writer of one session: journal appends, snapshots, and the lock.
pub struct Recorder {
    snapshot: PathBuf,
    journal: Option<File>,
    lock: Lock,
    /// Where the session goes since the lock was lost (see [`Recorder::rescued`]).
    rescue: Option<PathBuf>,
    /// Actions in the journal since the last snapshot.
    since_snapshot: usize,
    on_snapshot: Option<OnSnapshot>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("snapshot", &self.snapshot)
            .field("since_snapshot", &self.since_snapshot)
            .finish_non_exhaustive()
    }
}

/// A session opened for recording.
pub struct Opened {
    pub recorder: Recorder,
    pub session: Session,
    pub recovery: Recovery,
}

impl Recorder {
    /// Locks the session, loads it, replays its journal, and makes the result durable.
    pub fn open(path: &Path) -> Result<Opened, OpenError> {
        // Lock, journal and snapshot belong to the real file, whatever link led to it: two
        // names for one session must not make two writers.
        let real = fs::canonicalize(path).map_err(|cause| LoadError::Io {
            path: path.to_path_buf(),
            cause,
        })?;
        let path = real.as_path();
        let lock = Lock::acquire(path)?;
        let bytes = file::read_own(path).map_err(|cause| LoadError::Io {
            path: path.to_path_buf(),
            cause,
        })?;
        let text = super::utf8(path, &bytes)?;
        let mut session = parse(path, text)?;
        let mut recovery = Recovery {
            taken_over_from: lock.taken_over_from.clone(),
            ..Recovery::default()
        };
        let journal = journal_path(path);
        let journal_bytes = match file::read_own(&journal) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(cause) => {
                return Err(LoadError::Io {
                    path: journal.clone(),
                    cause,
                }
                .into());
            }
        };
        // Without anything to recover, a non-empty journal continues this snapshot: append to it.
        let has_journal = journal_bytes.as_ref().is_some_and(|b| !b.is_empty());
        if let Some(journal_bytes) = journal_bytes.filter(|b| !b.is_empty()) {
            let read = read_journal(&journal_bytes);
            if read.basis.is_some() && read.basis != Some(crc(&bytes)) {
                recovery.stale = Some(set_aside(path, "veraltet", &journal_bytes)?);
            } else {
                let mut bad = read.bad;
                let replayed = replay(session, numbered(read.actions), false);
                session = replayed.session;
                recovery.replayed = replayed.applied;
                // Should not happen: the journal holds only accepted changes.
                if let Some((line, e)) = replayed.refused.into_iter().next() {
                    bad = Some(BadLine {
                        line,
                        offset: line_offset(&journal_bytes, line),
                        reason: e.to_string(),
                    });
                }
                if let Some(bad) = bad {
                    let saved = set_aside(path, "defekt", &journal_bytes[bad.offset..])?;
                    recovery.dropped = Some((bad, saved));
                }
            }
        }
        let mut recorder = Recorder {
            snapshot: path.to_path_buf(),
            journal: None,
            lock,
            rescue: None,
            since_snapshot: 0,
            on_snapshot: None,
        };
        if recovery.replayed > 0 || recovery.dropped.is_some() || recovery.stale.is_some() {
            recorder.snapshot(&session)?;
        } else {
            recorder.start_journal(&bytes, has_journal)?;
        }
        Ok(Opened {
            recorder,
            session,
            recovery,
        })
    }

    /// Appends one action and syncs it to disk. After an error the journal takes no more lines
    /// (a torn line may stand at its end) until a snapshot starts a new one.
    ///
    /// Before each line the lock is looked at: when `NAME.lock` is no longer the file this
    /// writer locked (removed, replaced, the folder recreated), a second writer may be using the
    /// journal. Then nothing more goes into it, and [`Recorder::snapshot`] writes the whole
    /// session to a file of its own instead ([`Recorder::rescued`]).
    pub fn record(&mut self, actions: &[Action]) -> std::io::Result<()> {
        if self.rescue.is_none() && !self.lock.still_held() {
            self.journal = None;
            self.rescue = Some(rescue_path(&self.snapshot));
        }
        if let Some(rescue) = &self.rescue {
            return Err(std::io::Error::other(format!(
                "Sperrdatei entfernt oder ersetzt – weiter in {}",
                rescue.display()
            )));
        }
        let Some(file) = self.journal.as_mut() else {
            return Err(std::io::Error::other(
                "Journal nach einem Fehler geschlossen",
            ));
        };
        let result = file
            .write_all(line(actions).as_bytes())
            .and_then(|()| file.sync_data())
            .and_then(|()| {
                // Appends to a file whose folder was removed succeed, into nothing: say so.
                use std::os::unix::fs::MetadataExt;
                if file.metadata()?.nlink() == 0 {
                    return Err(std::io::Error::other(
                        "die Sitzungsdatei wurde gelöscht (Ordner entfernt?)",
                    ));
                }
                Ok(())
            });
        match result {
            Ok(()) => {
                self.since_snapshot += actions.len();
                Ok(())
            }
            Err(e) => {
                self.journal = None;
                Err(e)
            }
        }
    }

    /// Since the lock was lost: the file beside the session that holds it whole, rewritten at
    /// every change (`NAME.ron.gerettet-YYYYMMDD-HHMMSS`; not a `.ron`, so the archive does not
    /// show it twice). The session file and its journal are left to whoever holds them now.
    pub fn rescued(&self) -> Option<&Path> {
        self.rescue.as_deref()
    }

    /// The save policy, in one call: `pending` (the actions of the changes not on disk yet,
    /// each change one line) appended to the journal and synced; a snapshot only when
    /// [`SNAPSHOT_AT_THE_LATEST`] actions came without a pause (see [`Recorder::pause`]); after
    /// the lock was lost, the whole session to the rescue file. After a failure the journal takes no more lines: [`Recorder::retry`] writes
    /// a whole snapshot instead (a retried fsync proves nothing). When the outcome is not
    /// [`Saved::Failed`], `pending` is on disk.
    pub fn save(&mut self, session: &Session, pending: &[Action]) -> Save {
        if self.rescue.is_some() {
            return Save::from(self.snapshot(session), self.rescued());
        }
        // One line for the whole change: after a crash it comes back whole or not at all.
        if !pending.is_empty()
            && let Err(e) = self.record(pending)
        {
            return match self.rescued() {
                Some(_) => Save::from(self.snapshot(session), self.rescued()),
                None => Save::plain(Saved::Failed(e.to_string())),
            };
        }
        if self.since_snapshot >= SNAPSHOT_AT_THE_LATEST {
            return self.due_snapshot(session);
        }
        Save::plain(Saved::Journal)
    }

    /// The screen is quiet (no key for a moment): a snapshot that is due is written now, so that
    /// writing the whole session never holds up a key. `None` when none was due.
    pub fn pause(&mut self, session: &Session) -> Option<Save> {
        (self.since_snapshot >= SNAPSHOT_EVERY && self.journal_open())
            .then(|| self.due_snapshot(session))
    }

    /// The snapshot the journal's length asks for; a failure while the journal still runs is a
    /// warning, tried again [`SNAPSHOT_EVERY`] actions later.
    fn due_snapshot(&mut self, session: &Session) -> Save {
        match self.snapshot(session) {
            // A lock found lost on the way makes it the rescue file's.
            Ok(()) => Save::from(Ok(()), self.rescued()),
            Err(e) if self.journal_open() => {
                // Every change is still in the journal: say so, try again later.
                self.since_snapshot = 0;
                Save {
                    saved: Saved::Journal,
                    warning: Some(format!(
                        "Sicherung fehlgeschlagen, Journal läuft weiter: {e}"
                    )),
                }
            }
            Err(e) => Save::plain(Saved::Failed(e.to_string())),
        }
    }

    /// After a failed save: a fresh snapshot of everything.
    pub fn retry(&mut self, session: &Session) -> Saved {
        Save::from(self.snapshot(session), self.rescued()).saved
    }

    /// Calls `hook` after every snapshot from now on.
    pub fn on_snapshot(&mut self, hook: OnSnapshot) {
        self.on_snapshot = Some(hook);
    }

    /// Whether the journal still takes lines (after a failed snapshot it may).
    pub fn journal_open(&self) -> bool {
        self.journal.is_some()
    }

    /// Writes the whole session atomically and starts a new, empty journal continuing it. After
    /// the lock was lost, the session goes to the rescue file instead.
    pub fn snapshot(&mut self, session: &Session) -> Result<(), StoreError> {
        let bytes = to_ron(session).into_bytes();
        let mode = file::new_mode(&self.snapshot);
        if self.rescue.is_none() && !self.lock.still_held() {
            self.journal = None;
            self.rescue = Some(rescue_path(&self.snapshot));
        }
        if let Some(rescue) = &self.rescue {
            return write_atomically_as(rescue, &bytes, mode);
        }
        if let Err(e) = write_atomically_as(&self.snapshot, &bytes, mode) {
            // If the new snapshot did reach the disk (only the folder's fsync failed), the old
            // journal no longer continues it: close it. Otherwise it still holds every change.
            if file::read(&self.snapshot).is_ok_and(|on_disk| on_disk == bytes) {
                self.journal = None;
            }
            return Err(e);
        }
        self.journal = None;
        self.start_journal(&bytes, false)?;
        if let Some(hook) = &mut self.on_snapshot {
            hook(&self.snapshot, session);
        }
        Ok(())
    }

    /// Opens the journal for appending; a missing or foreign one is replaced by a fresh header.
    fn start_journal(&mut self, snapshot: &[u8], keep_existing: bool) -> Result<(), StoreError> {
        let path = journal_path(&self.snapshot);
        let io = |cause| StoreError::Io {
            path: path.clone(),
            cause,
        };
        if !keep_existing {
            let header = format!("{MAGIC} basis={:08x}\n", crc(snapshot));
            write_atomically_as(&path, header.as_bytes(), file::new_mode(&self.snapshot))?;
        }
        let file = file::open_append(&path).map_err(io)?;
        self.journal = Some(file);
        self.since_snapshot = 0;
        Ok(())
    }
}

/// `NAME.ron.gerettet-YYYYMMDD-HHMMSS` (with a suffix when taken).
fn rescue_path(snapshot: &Path) -> PathBuf {
    free_name(&format!("{}.gerettet", snapshot.display()))
}

/// `BASE-YYYYMMDD-HHMMSS`, or with `-2`, `-3` … when that is taken (by anything, even a link).
fn free_name(base: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let base = format!("{base}-{stamp}");
    (1..)
        .map(|n| {
            if n == 1 {
                PathBuf::from(&base)
            } else {
                PathBuf::from(format!("{base}-{n}"))
            }
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .expect("an unbounded range yields a free name")
}

fn line_offset(bytes: &[u8], line: usize) -> usize {
    bytes
        .split_inclusive(|b| *b == b'\n')
        .take(line - 1)
        .map(<[u8]>::len)
        .sum()
}

/// Copies `bytes` of the session's journal to `NAME.journal.KIND-YYYYMMDD-HHMMSS` (with a
/// suffix when taken), with the journal's mode.
fn set_aside(session: &Path, kind: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let journal = journal_path(session);
    let path = free_name(&format!("{}.{kind}", journal.display()));
    let mode = file::mode_of(&journal).unwrap_or_else(|| file::new_mode(session));
    write_atomically_as(&path, bytes, mode)?;
    Ok(path)
}

/// What recovery would do with a session's journal, for `sitzung check`. Reads only.
#[derive(Debug, PartialEq)]
pub enum JournalState {
    None,
    /// The journal continues the snapshot: `actions` would be replayed (and how many of them apply).
    Continues {
        actions: usize,
        applicable: usize,
        bad: Option<BadLine>,
    },
    /// Older than the snapshot: would be set aside.
    Stale,
    Unreadable(BadLine),
}

pub fn inspect(path: &Path) -> Result<JournalState, LoadError> {
    let journal = journal_path(path);
    let bytes = match file::read_own(&journal) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(JournalState::None),
        // A link or no plain file: `record` refuses it, so `check` says so.
        Err(e) => {
            return Ok(JournalState::Unreadable(BadLine {
                line: 1,
                offset: 0,
                reason: e.to_string(),
            }));
        }
    };
    if bytes.is_empty() {
        return Ok(JournalState::None);
    }
    let snapshot = file::read(path).map_err(|cause| LoadError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    let read = read_journal(&bytes);
    match read.basis {
        None => Ok(JournalState::Unreadable(read.bad.unwrap_or(BadLine {
            line: 1,
            offset: 0,
            reason: "leer".into(),
        }))),
        Some(basis) if basis != crc(&snapshot) => Ok(JournalState::Stale),
        Some(_) => {
            let session = parse(path, super::utf8(path, &snapshot)?)?;
            let actions = read.actions.iter().map(Vec::len).sum();
            let applicable = replay(session, numbered(read.actions), false).applied;
            Ok(JournalState::Continues {
                actions,
                applicable,
                bad: read.bad,
            })
        }
    }
}

#[cfg(test)]
mod tests;
