//! The archive index: one SQLite file in the sessions folder (`.sitzung/index.sqlite`), with
//! SQLite's full-text engine FTS5, so that a search finds a phrase by its words and a term
//! anywhere in a word ("halle" in "Sporthalle"), as the search without an index does.
//!
//! It holds, per session file, its size and time when indexed, its [`SessionSummary`] (or why it could
//! not be read), and its [`Docs`]: the public texts in `public_docs` with their full-text
//! tables `public_words` and `public_trigrams`, the closed items' texts in the `closed_…`
//! tables. A public query never names a closed table, so nothing of a closed item can come
//! back from it.
//!
//! Texts are stored as the protocol words them; their [`index_form`] (folded) is what FTS5
//! indexes, twice: as words with positions (phrases) and as trigrams (a term inside a word);
//! see [`Plan`] for how a query uses both. A text's row id orders the archive newest first: the day (counted down), a slot for
//! the session among those of that day, and the text's place in the session; a search reads
//! the matching ids in order and so streams its hits, newest first, without sorting.
//!
//! The index only narrows: every text it returns is matched again by [`Query::matches_doc`]. It
//! is written only by a writer (`sitzung index`, and a recording session at each snapshot),
//! never by a reader; a reader that finds a file newer than its entry reads that file instead.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::domain::Session;
use crate::store::{self, FileState};

use super::docs::{Doc, Docs, Place, docs};
use super::query::{Needle, Query, index_form};
use super::summary::{Counts, SessionSummary};

/// The index's folder in the sessions folder, and its file there. A folder of its own, so
/// that the index's writes (its rollback journal comes and goes) leave the sessions folder's
/// time alone: readers go by that time ([`Manifest::listing`]).
pub const FOLDER: &str = ".sitzung";
pub const FILE_NAME: &str = "index.sqlite";

/// Bumped whenever what the index holds or how it is folded changes: an index of another
/// version is not used (`sitzung index` builds it anew).
const SCHEMA: i64 = 8;

/// How long a writer or reader waits for the other before giving up.
const BUSY_MS: u64 = 5_000;

pub fn path(dir: &Path) -> PathBuf {
    dir.join(FOLDER).join(FILE_NAME)
}

/// How long the sessions folder must have been left alone before a writer records its
/// listing: longer than the coarsest file-time step of a file system (FAT: 2 s), so that any
/// later change gives the folder another time.
const QUIET_NS: i64 = 3_000_000_000;

/// How long until the sessions folder has been left alone for [`QUIET_NS`] (zero if it has);
/// `None` when its time cannot be read.
pub fn quiet_in(dir: &Path) -> Option<std::time::Duration> {
    let time = store::Folder::modified(dir)?;
    let now = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(i64::MAX);
    let left = time.saturating_add(QUIET_NS).saturating_sub(now).max(0);
    Some(std::time::Duration::from_nanos(
        u64::try_from(left).unwrap_or(0),
    ))
}

#[derive(Debug, thiserror::Error)]
#[error("{}: Index nicht verwendbar: {cause}", path.display())]
pub struct IndexError {
    pub path: PathBuf,
    pub cause: String,
}

impl IndexError {
    fn new(path: &Path, cause: impl ToString) -> IndexError {
        IndexError {
            path: path.to_path_buf(),
            cause: cause.to_string(),
        }
    }
}

/// Row ids: 20 bits of the day counted down, 12 bits of slot, 28 bits of place in the session.
const DAY_SHIFT: u32 = 40;
const SLOT_SHIFT: u32 = 28;
const SLOTS: i64 = 1 << (DAY_SHIFT - SLOT_SHIFT);
const LAST_DAY: i64 = (1 << 20) - 1;

/// The day of `date`, counted down so that newer sessions have smaller ids.
fn day(date: NaiveDate) -> i64 {
    (LAST_DAY - i64::from(date.num_days_from_ce())).clamp(0, LAST_DAY)
}

fn first_id(day: i64, slot: i64) -> i64 {
    (day << DAY_SHIFT) | (slot << SLOT_SHIFT)
}

/// The ids of one session's texts: `first..first + SPAN`.
const SPAN: i64 = 1 << SLOT_SHIFT;

/// The first id after the day of `id`: the texts (and sessions) before it are of that day or
/// newer.
pub fn end_of_day(id: i64) -> i64 {
    ((id >> DAY_SHIFT) + 1) << DAY_SHIFT
}

/// A session as the index holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// -1 for a file the index could not take (read from the file then).
    pub size: i64,
    pub modified: i64,
    /// The summary, or why the file could not be read (`:LINE:COL: …`, after the file's path).
    pub summary: Result<SessionSummary, String>,
    /// Where its texts' ids begin (day and slot); `None` without texts.
    first: Option<i64>,
}

impl Entry {
    /// Whether the entry still tells what the file holds.
    pub fn fresh(&self, file: &FileState) -> bool {
        !file.journal && i64::try_from(file.size) == Ok(self.size) && self.modified == file.modified
    }

    /// The session's key in the index: where its texts' ids begin.
    pub fn key(&self) -> Option<i64> {
        self.first
    }
}

/// The sessions of the index, by file name (sorted), stored as one value: a reader reads
/// thirty thousand of them in a millisecond or two, where as many rows would take ten.
#[derive(Clone, Debug, Default)]
struct Manifest {
    sessions: Vec<(String, Entry)>,
    /// The sessions folder as a writer found it: its time, and the journals in it; its session
    /// files were exactly the entries. While the folder still has that time, no name came or
    /// went, and a reader need not read the folder. `None` when not known.
    listing: Option<(i64, Vec<String>)>,
}

/// An entry as stored, its body one of the manifest's (bodies repeat).
#[derive(Serialize, Deserialize)]
struct Stored {
    name: String,
    size: i64,
    modified: i64,
    first: Option<i64>,
    error: Option<String>,
    date: i32,
    body: u32,
    number: Option<String>,
    counts: [u64; 4],
}

#[derive(Serialize, Deserialize, Default)]
struct StoredManifest {
    bodies: Vec<String>,
    sessions: Vec<Stored>,
    listing: Option<(i64, Vec<String>)>,
}

impl Manifest {
    fn read(conn: &Connection) -> rusqlite::Result<Manifest> {
        let data: Option<Vec<u8>> = conn
            .query_row("SELECT data FROM manifest WHERE id = 0", [], |r| r.get(0))
            .optional()?;
        let Some(data) = data else {
            return Ok(Manifest::default());
        };
        let stored: StoredManifest = postcard::from_bytes(&data).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, Box::new(e))
        })?;
        let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        let bodies: Vec<std::sync::Arc<str>> = stored
            .bodies
            .iter()
            .map(|b| std::sync::Arc::from(b.as_str()))
            .collect();
        let sessions = stored
            .sessions
            .into_iter()
            .map(|s| {
                let summary = match s.error {
                    Some(e) => Err(e),
                    None => Ok(SessionSummary {
                        body: bodies
                            .get(s.body as usize)
                            .cloned()
                            .unwrap_or_else(|| std::sync::Arc::from("")),
                        date: NaiveDate::from_num_days_from_ce_opt(s.date).unwrap_or_default(),
                        number: s.number,
                        internal: Counts {
                            items: count(s.counts[0]),
                            decided: count(s.counts[1]),
                        },
                        public: Counts {
                            items: count(s.counts[2]),
                            decided: count(s.counts[3]),
                        },
                    }),
                };
                (
                    s.name,
                    Entry {
                        size: s.size,
                        modified: s.modified,
                        summary,
                        first: s.first,
                    },
                )
            })
            .collect();
        Ok(Manifest {
            sessions,
            listing: stored.listing,
        })
    }

    fn write(&self, conn: &Connection) -> rusqlite::Result<()> {
        let mut stored = StoredManifest {
            listing: self.listing.clone(),
            ..StoredManifest::default()
        };
        let mut bodies: HashMap<&str, u32> = HashMap::new();
        let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        for (name, e) in &self.sessions {
            let (error, date, body, number, counts) = match &e.summary {
                Err(message) => (Some(message.clone()), 0, 0, None, [0; 4]),
                Ok(s) => {
                    let next = u32::try_from(bodies.len()).unwrap_or(u32::MAX);
                    let body = *bodies.entry(&s.body).or_insert_with(|| {
                        stored.bodies.push(s.body.to_string());
                        next
                    });
                    let c = [
                        count(s.internal.items),
                        count(s.internal.decided),
                        count(s.public.items),
                        count(s.public.decided),
                    ];
                    (None, s.date.num_days_from_ce(), body, s.number.clone(), c)
                }
            };
            stored.sessions.push(Stored {
                name: name.clone(),
                size: e.size,
                modified: e.modified,
                first: e.first,
                error,
                date,
                body,
                number,
                counts,
            });
        }
        let data = postcard::to_stdvec(&stored)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        conn.execute(
            "INSERT INTO manifest(id, data) VALUES (0, ?1) \
             ON CONFLICT(id) DO UPDATE SET data = excluded.data",
            [data],
        )?;
        Ok(())
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        self.sessions
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
    }
}

/// One text the index found, with the session it belongs to.
pub struct Found {
    pub id: i64,
    /// From the closed items' texts.
    pub closed: bool,
    /// The session's key ([`Entry::key`]).
    pub session: i64,
    pub doc: Doc,
}

/// The index of a folder, opened for reading only.
pub struct Index {
    conn: Connection,
    manifest: Manifest,
    path: PathBuf,
}

fn schema_of(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
        r.get::<_, String>(0)
    })
    .optional()
    .map(|v| v.and_then(|v| v.parse().ok()))
}

impl Index {
    /// Opens the folder's index read only: `Ok(None)` when there is none, an error when it
    /// cannot be used (then everything works by reading the files). Never writes.
    pub fn open(dir: &Path) -> Result<Option<Index>, IndexError> {
        let path = path(dir);
        if !path.is_file() {
            return Ok(None);
        }
        let err = |e: rusqlite::Error| IndexError::new(&path, e);
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_MS))
            .map_err(err)?;
        // No read transaction is held: each page is one statement, and a writer's change
        // between two pages is the newer truth (a long-held read would block every writer).
        match schema_of(&conn).map_err(err)? {
            Some(SCHEMA) => {}
            other => {
                return Err(IndexError::new(
                    &path,
                    format!(
                        "Version {} statt {SCHEMA}; sitzung index baut es neu",
                        other.map_or("?".to_string(), |v| v.to_string())
                    ),
                ));
            }
        }
        let manifest = Manifest::read(&conn).map_err(err)?;
        Ok(Some(Index {
            conn,
            manifest,
            path,
        }))
    }

    /// [`Index::open`] for readers that go on without an index: the index if there is a
    /// usable one, and why not where there is one that is not.
    pub fn open_or_say(dir: &Path) -> (Option<Index>, Option<String>) {
        match Index::open(dir) {
            Ok(index) => (index, None),
            Err(e) => (None, Some(e.to_string())),
        }
    }

    /// Whether the recorded listing of `dir` holds (the folder has kept its time since).
    pub fn knows_folder(&self, dir: &Path) -> bool {
        self.manifest
            .listing
            .as_ref()
            .is_some_and(|(time, _)| store::Folder::modified(dir) == Some(*time))
    }

    /// The sessions folder `dir`: from what a writer recorded, where the folder has kept its
    /// time since (no name came or went), else read.
    pub fn folder(&self, dir: &Path) -> Result<store::Folder, store::StoreError> {
        if let Some((_, journals)) = &self.manifest.listing
            && self.knows_folder(dir)
        {
            let names: Vec<String> = self
                .manifest
                .sessions
                .iter()
                .map(|(n, _)| n.clone())
                .collect();
            return store::Folder::known(dir, &names, journals);
        }
        store::Folder::read(dir)
    }

    /// The entry of the file named `name`.
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        let i = self.manifest.position(name).ok()?;
        Some(&self.manifest.sessions[i].1)
    }

    /// Every entry, by file name.
    pub fn entries(&self) -> &[(String, Entry)] {
        &self.manifest.sessions
    }

    /// Texts whose index form holds every needle of `query`, in the order of their ids
    /// (newest session first, then agenda order), from `after` on, at most `limit` of them;
    /// closed items' texts only when `query.internal`. Returns the texts and the id to go on
    /// after.
    pub fn page(
        &self,
        query: &Query,
        closed: bool,
        after: i64,
        limit: usize,
    ) -> Result<(Vec<Found>, Option<i64>), IndexError> {
        let (text, speaker) = query.needles();
        let plan = Plan::of(&text, &speaker);
        let edition = if closed { "closed" } else { "public" };
        let docs = format!("{edition}_docs");
        let (low, high) = id_range(query);
        let from = after.max(low - 1);
        let columns = "d.id, d.item, d.title, d.place, d.n, d.speaker, d.speaker_key, d.text";
        // The phrase table drives where there are phrases (far fewer texts), the trigrams
        // are checked per text; else the trigrams drive.
        let (driver, check) = match (&plan.words, &plan.trigrams) {
            (Some(_), Some(_)) => ("words", Some("trigrams")),
            (Some(_), None) => ("words", None),
            (None, Some(_)) => ("trigrams", None),
            (None, None) => ("", None),
        };
        let table = |kind: &str| format!("{edition}_{kind}");
        let check_sql = check.map_or(String::new(), |kind| {
            format!(
                " AND EXISTS (SELECT 1 FROM {t} o WHERE o.rowid = f.rowid AND {t} MATCH ?5)",
                t = table(kind)
            )
        });
        let sql = if driver.is_empty() {
            format!(
                "SELECT {columns} FROM {docs} d WHERE d.id > ?1 AND d.id < ?2 ORDER BY d.id LIMIT ?3"
            )
        } else {
            format!(
                "SELECT {columns} FROM {t} f JOIN {docs} d ON d.id = f.rowid \
                 WHERE {t} MATCH ?4 AND f.rowid > ?1 AND f.rowid < ?2{check_sql} \
                 ORDER BY f.rowid LIMIT ?3",
                t = table(driver)
            )
        };
        let expression = |kind: &str| match kind {
            "words" => plan.words.clone(),
            _ => plan.trigrams.clone(),
        };
        let err = |e: rusqlite::Error| IndexError::new(&self.path, e);
        let mut statement = self.conn.prepare_cached(&sql).map_err(err)?;
        let limit_sql = i64::try_from(limit).unwrap_or(i64::MAX);
        let read = move |r: &rusqlite::Row| -> rusqlite::Result<(i64, Found)> {
            let place = match (r.get::<_, i64>(3)?, r.get::<_, i64>(4)?) {
                (0, _) => Place::Titel,
                (1, _) => Place::Beschlussvorschlag,
                (3, _) => Place::Beschluss,
                (_, n) => Place::Absatz(usize::try_from(n).unwrap_or(0)),
            };
            let id: i64 = r.get(0)?;
            Ok((
                id,
                Found {
                    id,
                    closed,
                    session: id & !(SPAN - 1),
                    doc: Doc {
                        item: r.get(1)?,
                        title: r.get(2)?,
                        place,
                        speaker: r.get(5)?,
                        speaker_key: r.get(6)?,
                        text: r.get(7)?,
                        seq: u32::try_from(id & (SPAN - 1)).unwrap_or(0),
                    },
                },
            ))
        };
        let rows: Vec<(i64, Found)> = if let Some(check) = check {
            let (e4, e5) = (expression(driver), expression(check));
            statement
                .query_map(params![from, high, limit_sql, e4, e5], read)
                .map_err(err)?
                .collect::<Result<_, _>>()
                .map_err(err)?
        } else if !driver.is_empty() {
            statement
                .query_map(params![from, high, limit_sql, expression(driver)], read)
                .map_err(err)?
                .collect::<Result<_, _>>()
                .map_err(err)?
        } else {
            statement
                .query_map(params![from, high, limit_sql], read)
                .map_err(err)?
                .collect::<Result<_, _>>()
                .map_err(err)?
        };
        let next = (rows.len() == limit)
            .then(|| rows.last().map(|(id, _)| *id))
            .flatten();
        Ok((rows.into_iter().map(|(_, f)| f).collect(), next))
    }
}

/// The ids a query's dates allow: `low..high`.
fn id_range(query: &Query) -> (i64, i64) {
    let low = query.to.map_or(0, |d| first_id(day(d), 0));
    let high = query.from.map_or(i64::MAX, |d| first_id(day(d) + 1, 0));
    (low, high)
}

/// How the index looks up a query's needles, in its two full-text tables over the texts' index
/// forms: `words` (whole words with their positions) and `trigrams` (every three letters, and
/// the speaker's key; no positions, a third of the size). A phrase is a phrase of its words,
/// the last a prefix; a term that may stand inside a word is a few of its trigrams, anywhere,
/// and so is a speaker's word. Both only narrow: the query decides on each text.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    words: Option<String>,
    trigrams: Option<String>,
}

/// How many trigrams of a word the index looks up; more only cost time, the query decides.
const TRIGRAMS: usize = 4;

/// The rarer trigrams of a word first, by how rarely its letters stand in German text.
fn rare_trigrams(word: &str) -> Vec<String> {
    const COMMON: &str = "enisratdhulcgmobwfkzvpüäöjyxq";
    let rank = |c: char| COMMON.find(c).unwrap_or(COMMON.len());
    let chars: Vec<char> = word.chars().collect();
    let mut trigrams: Vec<(usize, String)> = chars
        .windows(3)
        .map(|w| {
            (
                w.iter().map(|c| rank(*c)).sum::<usize>(),
                w.iter().collect::<String>(),
            )
        })
        .collect();
    // The rarest letters first; of equals, the first in the word.
    trigrams.sort_by_key(|t| std::cmp::Reverse(t.0));
    let mut out: Vec<String> = Vec::new();
    for (_, t) in trigrams {
        if !out.contains(&t) && out.len() < TRIGRAMS {
            out.push(t);
        }
    }
    out
}

fn fts_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

impl Plan {
    fn of(text: &[Needle], speaker: &[String]) -> Plan {
        let mut phrases: Vec<String> = Vec::new();
        let mut trigrams: Vec<String> = Vec::new();
        let mut add_trigrams = |word: &str| {
            for t in rare_trigrams(word) {
                let t = fts_string(&t);
                if !trigrams.contains(&t) {
                    trigrams.push(t);
                }
            }
        };
        for needle in text {
            match needle {
                Needle::Phrase(words) => {
                    phrases.push(format!("{} *", fts_string(&words.join(" "))));
                }
                Needle::Infix(infix) => add_trigrams(infix),
            }
        }
        for word in speaker {
            add_trigrams(word);
        }
        let join = |v: Vec<String>| (!v.is_empty()).then(|| v.join(" AND "));
        Plan {
            words: join(phrases),
            trigrams: join(trigrams),
        }
    }
}

/// The index opened for writing: by `sitzung index`, and by a writer after each snapshot.
pub struct Writer {
    conn: Connection,
    path: PathBuf,
}

const CREATE: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE manifest(id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE public_docs(id INTEGER PRIMARY KEY, item TEXT NOT NULL, title TEXT NOT NULL,
  place INTEGER NOT NULL, n INTEGER NOT NULL, speaker TEXT, speaker_key TEXT, text TEXT NOT NULL);
CREATE TABLE closed_docs(id INTEGER PRIMARY KEY, item TEXT NOT NULL, title TEXT NOT NULL,
  place INTEGER NOT NULL, n INTEGER NOT NULL, speaker TEXT, speaker_key TEXT, text TEXT NOT NULL);
CREATE VIRTUAL TABLE public_words USING fts5(text, content='', contentless_delete=1,
  tokenize='unicode61');
CREATE VIRTUAL TABLE closed_words USING fts5(text, content='', contentless_delete=1,
  tokenize='unicode61');
CREATE VIRTUAL TABLE public_trigrams USING fts5(text, content='', contentless_delete=1,
  tokenize='trigram', detail=none);
CREATE VIRTUAL TABLE closed_trigrams USING fts5(text, content='', contentless_delete=1,
  tokenize='trigram', detail=none);
";

impl Writer {
    /// Opens the folder's index for writing, creating it when `create` (else `Ok(None)` when
    /// there is none). An index of another version is made anew.
    pub fn open(dir: &Path, create: bool) -> Result<Option<Writer>, IndexError> {
        let path = path(dir);
        if !create && !path.is_file() {
            return Ok(None);
        }
        let existed = path.exists();
        if create && let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| IndexError::new(folder, e))?;
        }
        let result = Writer::open_at(&path, create);
        if result.is_err() && !existed {
            // An index that could not be made is no index: readers then find none.
            let _ = std::fs::remove_file(&path);
        }
        result
    }

    fn open_at(path: &Path, create: bool) -> Result<Option<Writer>, IndexError> {
        let path = path.to_path_buf();
        let err = |e: rusqlite::Error| IndexError::new(&path, e);
        let conn = Connection::open(&path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_MS))
            .map_err(err)?;
        // A rollback journal, not WAL: readers then need no write access to anything.
        conn.execute_batch("PRAGMA journal_mode = DELETE;")
            .map_err(err)?;
        let has_meta: bool = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(err)?
            > 0;
        let schema = if has_meta {
            schema_of(&conn).map_err(err)?
        } else {
            None
        };
        if schema != Some(SCHEMA) {
            if !create {
                return Ok(None);
            }
            // Another version (or none yet): the file is made anew. A reader that has the old
            // one open keeps reading it; the next one opens the new. Pages of 32 KiB: the
            // manifest and the full-text lists are read in a few reads, not hundreds.
            drop(conn);
            std::fs::remove_file(&path).map_err(|e| IndexError::new(&path, e))?;
            let conn = Connection::open(&path).map_err(err)?;
            conn.busy_timeout(std::time::Duration::from_millis(BUSY_MS))
                .map_err(err)?;
            conn.execute_batch(&format!(
                "PRAGMA page_size = 32768; PRAGMA journal_mode = DELETE; BEGIN; {CREATE} \
                 INSERT INTO meta(key, value) VALUES ('schema', '{SCHEMA}'); COMMIT;"
            ))
            .map_err(err)?;
            return Ok(Some(Writer { conn, path }));
        }
        Ok(Some(Writer { conn, path }))
    }

    fn err(&self, e: rusqlite::Error) -> IndexError {
        IndexError::new(&self.path, e)
    }

    /// The entries as they stand, by file name.
    pub fn entries(&self) -> Result<Vec<(String, Entry)>, IndexError> {
        Ok(Manifest::read(&self.conn)
            .map_err(|e| self.err(e))?
            .sessions)
    }

    /// Puts files into the index in one transaction: each readable one with its summary and
    /// texts, each unreadable one with its error. Replaces what was there of them.
    pub fn put(&mut self, files: &[Prepared]) -> Result<(), IndexError> {
        self.change(|tx, manifest| {
            let mut taken = manifest
                .sessions
                .iter()
                .filter_map(|(_, e)| e.first)
                .collect();
            for prepared in files {
                put_one(tx, manifest, &mut taken, prepared)?;
            }
            Ok(())
        })
    }

    /// Changes the index in one transaction that holds the write lock from its start (so two
    /// writers never change one manifest from the same state).
    fn change(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction, &mut Manifest) -> rusqlite::Result<()>,
    ) -> Result<(), IndexError> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| IndexError::new(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        let mut manifest = Manifest::read(&tx).map_err(err)?;
        let names = |m: &Manifest| {
            m.sessions
                .iter()
                .map(|(n, _)| n.clone())
                .collect::<Vec<_>>()
        };
        let before = names(&manifest);
        f(&tx, &mut manifest).map_err(err)?;
        // Entries came or went: the recorded listing no longer says which files there are.
        if names(&manifest) != before {
            manifest.listing = None;
        }
        manifest.write(&tx).map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Records the sessions folder's listing where it can be trusted: the folder has been left
    /// alone for a while ([`QUIET_NS`]) and its session files are exactly the entries. Returns
    /// whether it was recorded.
    pub fn record_listing(&mut self, dir: &Path) -> Result<bool, IndexError> {
        let Some(time) = store::Folder::modified(dir) else {
            return Ok(false);
        };
        if quiet_in(dir).is_some_and(|wait| !wait.is_zero()) {
            return Ok(false);
        }
        // Read after the time was taken: a change meanwhile gives the folder a newer time.
        let folder = store::Folder::read(dir).map_err(|e| IndexError::new(dir, e))?;
        let mut recorded = false;
        self.change(|_, manifest| {
            let entries: Vec<&str> = manifest.sessions.iter().map(|(n, _)| n.as_str()).collect();
            let files: Vec<&str> = folder.files.iter().map(|f| f.name.as_str()).collect();
            // With odd names in the folder (a FIFO), readers read it, to warn about them.
            if entries == files && folder.odd.is_empty() {
                manifest.listing = Some((time, folder.journals.clone()));
                recorded = true;
            }
            Ok(())
        })?;
        Ok(recorded)
    }

    /// Merges each full-text index into one segment: after a build, a search reads one list
    /// per trigram instead of dozens.
    pub fn optimize(&mut self) -> Result<(), IndexError> {
        self.conn
            .execute_batch(
                "INSERT INTO public_words(public_words) VALUES ('optimize');
                 INSERT INTO closed_words(closed_words) VALUES ('optimize');
                 INSERT INTO public_trigrams(public_trigrams) VALUES ('optimize');
                 INSERT INTO closed_trigrams(closed_trigrams) VALUES ('optimize');",
            )
            .map_err(|e| IndexError::new(&self.path, e))
    }

    /// Takes the entries of files no longer in the folder out.
    pub fn remove(&mut self, names: &[String]) -> Result<(), IndexError> {
        self.change(|tx, manifest| {
            for name in names {
                remove_one(tx, manifest, name)?;
            }
            Ok(())
        })
    }
}

/// Deletes a session's entry and texts; returns where its texts began, if it had any.
fn remove_one(
    tx: &rusqlite::Transaction,
    manifest: &mut Manifest,
    name: &str,
) -> rusqlite::Result<Option<i64>> {
    let Ok(at) = manifest.position(name) else {
        return Ok(None);
    };
    let (_, entry) = manifest.sessions.remove(at);
    if let Some(first) = entry.first {
        for table in [
            "public_docs",
            "closed_docs",
            "public_words",
            "closed_words",
            "public_trigrams",
            "closed_trigrams",
        ] {
            let key = if table.ends_with("_docs") {
                "id"
            } else {
                "rowid"
            };
            tx.execute(
                &format!("DELETE FROM {table} WHERE {key} >= ?1 AND {key} < ?2"),
                params![first, first + SPAN],
            )?;
        }
    }
    Ok(entry.first)
}

/// Puts an entry into the manifest, in its place by name.
fn insert(manifest: &mut Manifest, name: String, entry: Entry) {
    match manifest.position(&name) {
        Ok(at) => manifest.sessions[at].1 = entry,
        Err(at) => manifest.sessions.insert(at, (name, entry)),
    }
}

/// A file made ready to be put into the index, off the writing thread: its summary, and its
/// texts with their folded forms. `Err` holds why the file could not be read.
pub struct Prepared {
    file: FileState,
    content: Result<Content, String>,
}

struct Content {
    summary: SessionSummary,
    public: Vec<(Doc, String)>,
    closed: Vec<(Doc, String)>,
}

impl Prepared {
    /// Prepares `file` holding `session` (or the error that kept it from being read).
    pub fn new(file: &FileState, session: Result<&Session, &String>) -> Prepared {
        let content = session.map_err(Clone::clone).map(|session| {
            let Docs { public, closed } = docs(session);
            let folded = |docs: Vec<Doc>| -> Vec<(Doc, String)> {
                docs.into_iter()
                    .map(|d| {
                        let form = index_form(&d.text);
                        (d, form)
                    })
                    .collect()
            };
            Content {
                summary: SessionSummary::of(session),
                public: folded(public),
                closed: folded(closed),
            }
        });
        Prepared {
            file: file.clone(),
            content,
        }
    }
}

fn put_one(
    tx: &rusqlite::Transaction,
    manifest: &mut Manifest,
    taken: &mut std::collections::HashSet<i64>,
    prepared: &Prepared,
) -> rusqlite::Result<()> {
    let file = &prepared.file;
    let name = file.name.clone();
    let before = remove_one(tx, manifest, &name)?;
    if let Some(first) = before {
        taken.remove(&first);
    }
    let size = i64::try_from(file.size).unwrap_or(i64::MAX);
    let entry = |size, summary| Entry {
        size,
        modified: file.modified,
        summary,
        first: None,
    };
    let content = match &prepared.content {
        Ok(content) => content,
        Err(error) => {
            insert(manifest, name, entry(size, Err(error.clone())));
            return Ok(());
        }
    };
    // A session the index cannot take (thousands of items, or of sessions on one day) has an
    // entry that never holds (size -1): it is read from its file.
    let not_indexable = entry(-1, Err(String::new()));
    if content
        .public
        .iter()
        .chain(&content.closed)
        .any(|(d, _)| i64::from(d.seq) >= SPAN)
    {
        insert(manifest, name, not_indexable);
        return Ok(());
    }
    let day = day(content.summary.date);
    // The session keeps its slot on its day; a new day gets the first free one.
    let free = (0..SLOTS)
        .map(|slot| first_id(day, slot))
        .find(|f| !taken.contains(f));
    let Some(first) = before.filter(|f| f >> DAY_SHIFT == day).or(free) else {
        insert(manifest, name, not_indexable);
        return Ok(());
    };
    taken.insert(first);
    insert(
        manifest,
        name,
        Entry {
            first: Some(first),
            ..entry(size, Ok(content.summary.clone()))
        },
    );
    for (edition, docs) in [("public", &content.public), ("closed", &content.closed)] {
        let mut insert_doc = tx.prepare_cached(&format!(
            "INSERT INTO {edition}_docs(id, item, title, place, n, speaker, speaker_key, text) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        ))?;
        let mut insert_words = tx.prepare_cached(&format!(
            "INSERT INTO {edition}_words(rowid, text) VALUES (?1, ?2)"
        ))?;
        let mut insert_trigrams = tx.prepare_cached(&format!(
            "INSERT INTO {edition}_trigrams(rowid, text) VALUES (?1, ?2)"
        ))?;
        for (doc, form) in docs {
            let (place, n) = match doc.place {
                Place::Titel => (0, 0),
                Place::Beschlussvorschlag => (1, 0),
                Place::Absatz(n) => (2, i64::try_from(n).unwrap_or(i64::MAX)),
                Place::Beschluss => (3, 0),
            };
            let doc_id = first + i64::from(doc.seq);
            insert_words.execute(params![doc_id, form])?;
            // The speaker's key stands after the text: no column of its own without positions,
            // so a speaker's needle may also meet a text naming them (the query decides).
            match doc.speaker_key.as_deref() {
                Some(key) => insert_trigrams
                    .execute(params![doc_id, format!("{form}\n{}", index_form(key))])?,
                None => insert_trigrams.execute(params![doc_id, form])?,
            };
            insert_doc.execute(params![
                doc_id,
                doc.item,
                doc.title,
                place,
                n,
                doc.speaker,
                doc.speaker_key,
                doc.text
            ])?;
        }
    }
    Ok(())
}

/// What [`refresh`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Files read and put in (new or changed since).
    pub indexed: usize,
    /// Files whose entries still held.
    pub unchanged: usize,
    /// Entries of files no longer there, taken out.
    pub removed: usize,
    /// Files that could not be read (their warnings).
    pub broken: Vec<String>,
}

/// How many files one transaction of [`refresh`] puts in: readers wait at most for one.
const BATCH: usize = 200;

/// Builds the folder's index or brings it up to date with the files (`sitzung index`):
/// reads every file that is new or changed since it was indexed, takes out what is gone.
/// `progress` hears how many of how many files are done.
pub fn refresh(
    dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<Refreshed, IndexError> {
    use rayon::prelude::*;
    let mut writer =
        Writer::open(dir, true)?.ok_or_else(|| IndexError::new(&path(dir), "fehlt"))?;
    let entries: HashMap<String, Entry> = writer.entries()?.into_iter().collect();
    let files = store::archive_files(dir).map_err(|e| IndexError::new(dir, e))?;
    let mut done = Refreshed::default();
    let present: std::collections::HashSet<String> = files.iter().map(|f| f.name.clone()).collect();
    let gone: Vec<String> = entries
        .keys()
        .filter(|name| !present.contains(*name))
        .cloned()
        .collect();
    let changed: Vec<&FileState> = files
        .iter()
        .filter(|f| {
            // The index holds the snapshot; a journal does not make it stale here.
            let same = entries
                .get(&f.name)
                .is_some_and(|e| i64::try_from(f.size) == Ok(e.size) && e.modified == f.modified);
            if same {
                done.unchanged += 1;
            }
            !same
        })
        .collect();
    for chunk in changed.chunks(BATCH) {
        let read: Vec<Prepared> = chunk
            .par_iter()
            .map(|f| {
                let session = store::load(&f.path).map_err(|e| located(&f.path, &e.to_string()));
                Prepared::new(f, session.as_ref())
            })
            .collect();
        for prepared in &read {
            if let Err(message) = &prepared.content {
                done.broken
                    .push(format!("{}{message}", prepared.file.path.display()));
            }
        }
        writer.put(&read)?;
        done.indexed += read.len();
        progress(done.indexed + done.unchanged, files.len());
    }
    writer.remove(&gone)?;
    done.removed = gone.len();
    if done.indexed + done.removed > 0 {
        writer.optimize()?;
    }
    writer.record_listing(dir)?;
    Ok(done)
}

/// A load error without its file's path in front (the index may be read through another one).
fn located(path: &Path, message: &str) -> String {
    message
        .strip_prefix(&path.display().to_string())
        .unwrap_or(message)
        .to_string()
}

/// After a writer's snapshot: puts the session as just written into the folder's index, if
/// the folder has one. Never creates an index.
pub fn update(file: &FileState, session: &Session) -> Result<(), IndexError> {
    let dir = file.path.parent().unwrap_or(Path::new("."));
    match Writer::open(dir, false)? {
        Some(mut writer) => writer.put(&[Prepared::new(file, Ok(session))]),
        None => Ok(()),
    }
}

/// A writer's index updates, made on a thread of their own so that no key waits for them.
/// [`IndexUpdates::hook`] goes to the recorder ([`store::Recorder::on_snapshot`]); each
/// snapshot sends the session as written, and the thread puts the newest one in.
pub struct IndexUpdates {
    sender: Option<std::sync::mpsc::Sender<(FileState, Session)>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl IndexUpdates {
    pub fn start() -> IndexUpdates {
        let (sender, receiver) = std::sync::mpsc::channel::<(FileState, Session)>();
        let thread = std::thread::spawn(move || {
            let mut next = receiver.recv().ok();
            while let Some(mut latest) = next.take() {
                // Snapshots that came meanwhile: only the newest counts.
                while let Ok(newer) = receiver.try_recv() {
                    latest = newer;
                }
                let (file, session) = latest;
                // A failed update leaves the entry stale: readers then read the file.
                let _ = update(&file, &session);
                let path = file.path;
                // Once the folder has been quiet a while, readers may go by its time again.
                match receiver.recv_timeout(std::time::Duration::from_nanos(
                    QUIET_NS as u64 + 500_000_000,
                )) {
                    Ok(newer) => next = Some(newer),
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                        let dir = path.parent().unwrap_or(Path::new("."));
                        if let Ok(Some(mut writer)) = Writer::open(dir, false) {
                            let _ = writer.record_listing(dir);
                        }
                        next = receiver.recv().ok();
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {}
                }
            }
        });
        IndexUpdates {
            sender: Some(sender),
            thread: Some(thread),
        }
    }

    /// What the recorder calls after each snapshot.
    pub fn hook(&self) -> store::journal::OnSnapshot {
        let sender = self.sender.clone();
        Box::new(move |path: &Path, session: &Session| {
            // The file's state right after the snapshot, on the writer's thread: a change by
            // another hand after this moment gives the file another state than its entry.
            if let Some(sender) = &sender
                && let Ok(file) = FileState::of(path)
            {
                let _ = sender.send((file, session.clone()));
            }
        })
    }

    /// Waits until the updates sent so far are in (after the recorder is gone), so that the
    /// process does not end in the middle of one.
    pub fn finish(mut self) {
        self.sender = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
