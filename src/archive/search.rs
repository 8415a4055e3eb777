//! Searching the whole archive: hits newest session first, streamed.
//!
//! With an index, the hits come from it in order, page by page, and only the sessions whose
//! files are newer than their entries (or have a journal with changes, or are not in it) are
//! read from their files and merged in; without one, every file whose bytes may hold a hit is
//! read and searched. Either way each text is decided by [`Query::matches_doc`] on the
//! [`Docs`](super::docs::Docs) of the parsed session, and broken files are never searched.
//! A broken file is told (with the warning `list` gives) only where that does not depend on the
//! query: known broken in the index, or read whole; a file sifted by its bytes is not told about,
//! since a warning only for files holding the query's words would answer whether they do.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::domain::Session;
use crate::store::{self, FileState, Folder};

use super::docs::{Doc, Place, docs};
use super::index::{Index, IndexError, end_of_day};
use super::query::{Query, QueryError};

/// One hit: where it is and the text with the ranges to highlight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub path: Arc<Path>,
    pub date: NaiveDate,
    pub body: Arc<str>,
    pub item: Arc<str>,
    pub title: Arc<str>,
    pub place: Place,
    pub speaker: Option<Arc<str>>,
    pub text: String,
    pub ranges: Vec<(usize, usize)>,
    /// Its place in the session (agenda order).
    #[serde(skip)]
    pub seq: u32,
}

impl Hit {
    /// The order of the archive: newest session first, sessions of one day by file name,
    /// then agenda order.
    fn key(&self) -> (std::cmp::Reverse<NaiveDate>, &Path, u32) {
        (std::cmp::Reverse(self.date), &self.path, self.seq)
    }
}

/// A session's hits, made from its texts.
fn session_hits(path: &Path, session: &Session, query: &Query) -> Vec<Hit> {
    if !query.wants(&session.body, session.date) {
        return Vec::new();
    }
    let all = docs(session);
    let texts: Vec<Doc> = if query.internal {
        let mut both = all.public;
        both.extend(all.closed);
        both.sort_by_key(|d| d.seq);
        both
    } else {
        all.public
    };
    let (path, body): (Arc<Path>, Arc<str>) = (Arc::from(path), Arc::from(session.body.as_str()));
    texts
        .into_iter()
        .filter_map(|doc| hit(&path, session.date, &body, doc, query))
        .collect()
}

fn hit(path: &Arc<Path>, date: NaiveDate, body: &Arc<str>, doc: Doc, query: &Query) -> Option<Hit> {
    let ranges = query.matches_doc(&doc)?;
    Some(Hit {
        path: path.clone(),
        date,
        body: body.clone(),
        item: Arc::from(doc.item),
        title: Arc::from(doc.title),
        place: doc.place,
        speaker: doc.speaker.map(Arc::from),
        text: doc.text,
        ranges,
        seq: doc.seq,
    })
}

/// A session read from its file (with its journal), or the warning that it cannot be.
fn read(file: &FileState) -> Result<Session, String> {
    let loaded = if file.journal {
        store::load_current(&file.path)
    } else {
        store::load(&file.path)
    };
    loaded.map_err(|e| e.to_string())
}

/// The hits of an archive search, newest session first, as an iterator; warnings about files
/// that could not be read are known before the first hit.
pub struct Search {
    /// Files that could not be read, as `list` reports them.
    pub skipped: Vec<String>,
    /// Why the index was not used, if one was there but could not be.
    pub index_problem: Option<String>,
    /// Files read only where their bytes could hold a hit: whether one of them is broken is
    /// not told (a warning that came only when the query's words are in a broken file would
    /// tell a reader what the file holds, closed items included). `list` tells.
    pub unreported: usize,
    /// Hits taken from `scanned` or the index, in order, not yet handed out.
    ready: VecDeque<Hit>,
    /// The sessions read from their files (all of them without an index).
    scanned: Scanned,
    indexed: Option<Box<Indexed>>,
}

impl Search {
    /// Starts a search of the folder `dir`.
    pub fn new(dir: &Path, query: &Query) -> Result<Search, QueryError> {
        if query.is_empty() {
            return Err(QueryError::Empty);
        }
        let index = match Index::open_or_say(dir) {
            (Some(index), _) => index,
            (None, problem) => {
                let folder = Folder::read(dir).ok();
                let files = folder.as_ref().map(Folder::states).unwrap_or_default();
                let mut search = Search::of_files(&files, query, problem);
                search
                    .skipped
                    .extend(folder.into_iter().flat_map(|f| f.odd));
                return Ok(search);
            }
        };
        let Ok(folder) = index.folder(dir) else {
            return Ok(Search::of_files(&[], query, None));
        };
        let mut skipped = folder.odd.clone();
        let (mut indexed, to_read) = Indexed::start(index, folder, query, &mut skipped);
        // The first page tells whether the index can answer; if not, the files do.
        match indexed.next_found() {
            Ok(first) => {
                if let Some(first) = first {
                    indexed.unread(first);
                }
            }
            Err(e) => {
                let files = indexed.folder.states();
                let mut search = Search::of_files(&files, query, Some(e.to_string()));
                search.skipped.extend(indexed.folder.odd.iter().cloned());
                return Ok(search);
            }
        }
        // The files the index does not know are few, as a rule: read whole, so that a broken
        // one is told whatever the query. Very many (an archive copied elsewhere) are sifted.
        let to_read: Vec<&FileState> = to_read.iter().collect();
        let whole = to_read.len() <= READ_WHOLE_UP_TO;
        let scanned = Scanned::new(&to_read, query, whole.then_some(&mut skipped));
        Ok(Search {
            skipped,
            unreported: if whole { 0 } else { to_read.len() },
            index_problem: None,
            ready: VecDeque::new(),
            scanned,
            indexed: Some(Box::new(indexed)),
        })
    }

    /// The search without an index: every file whose bytes may hold a hit, read.
    fn of_files(files: &[FileState], query: &Query, index_problem: Option<String>) -> Search {
        let scanned = Scanned::new(&files.iter().collect::<Vec<_>>(), query, None);
        Search {
            skipped: Vec::new(),
            unreported: files.len(),
            index_problem,
            ready: VecDeque::new(),
            scanned,
            indexed: None,
        }
    }
}

impl Search {
    /// Whether the hits come from the index (with the files it does not know merged in).
    pub fn uses_index(&self) -> bool {
        self.indexed.is_some()
    }
}

impl Iterator for Search {
    type Item = Hit;

    fn next(&mut self) -> Option<Hit> {
        while self.ready.is_empty() {
            let more = match &mut self.indexed {
                Some(indexed) => {
                    indexed.fill(&mut self.scanned, &mut self.ready, &mut self.unreported)
                }
                None => self.scanned.next_session(&mut self.ready),
            };
            if !more {
                return None;
            }
        }
        self.ready.pop_front()
    }
}

/// How many bytes of hit texts the first pass over the files keeps; beyond that, a session's
/// hits are made again when their turn comes (memory stays bounded, however many hits).
const KEEP_BYTES: usize = 16 << 20;

/// Up to this many files the index does not know are read whole (see [`Search::unreported`]).
const READ_WHOLE_UP_TO: usize = 256;

/// The sessions read from their files: first every file whose bytes may hold a hit is parsed
/// and searched, on all cores, to learn the dates; then the sessions are handed out newest
/// first, each with its hits (kept from the first pass, or made again).
struct Scanned {
    query: Query,
    sessions: VecDeque<Candidate>,
}

struct Candidate {
    date: NaiveDate,
    file: FileState,
    hits: Option<Vec<Hit>>,
}

impl Scanned {
    /// With `report`, every file is read whole and the broken ones are told there; without,
    /// only files whose bytes may hold a hit are parsed, and nothing is told about any.
    fn new(files: &[&FileState], query: &Query, report: Option<&mut Vec<String>>) -> Scanned {
        let kept = std::sync::atomic::AtomicUsize::new(0);
        let whole = report.is_some();
        let results: Vec<Result<Candidate, String>> = files
            .par_iter()
            .filter_map(|file| {
                let read = if whole {
                    Some(read(file))
                } else {
                    first_read(file, query)
                };
                let session = match read? {
                    Ok(session) => session,
                    Err(e) => return Some(Err(e)),
                };
                let hits = session_hits(&file.path, &session, query);
                if hits.is_empty() {
                    return None;
                }
                let size: usize = hits.iter().map(|h| h.text.len() + 64).sum();
                let keep =
                    kept.fetch_add(size, std::sync::atomic::Ordering::Relaxed) + size <= KEEP_BYTES;
                Some(Ok(Candidate {
                    date: session.date,
                    file: (*file).clone(),
                    hits: keep.then_some(hits),
                }))
            })
            .collect();
        let mut sessions = Vec::new();
        let mut told = Vec::new();
        for result in results {
            match result {
                Ok(candidate) => sessions.push(candidate),
                Err(e) => told.push(e),
            }
        }
        if let Some(report) = report {
            report.extend(told);
        }
        sessions.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.file.path.cmp(&b.file.path))
        });
        Scanned {
            query: query.clone(),
            sessions: sessions.into(),
        }
    }

    /// Adds the sessions of files found changed while the search runs (their first pass), in
    /// their places.
    fn add(&mut self, files: &[&FileState]) {
        let more = Scanned::new(files, &self.query, None);
        for candidate in more.sessions {
            let at = self.sessions.partition_point(|c| {
                (std::cmp::Reverse(c.date), &c.file.path)
                    <= (std::cmp::Reverse(candidate.date), &candidate.file.path)
            });
            self.sessions.insert(at, candidate);
        }
    }

    /// The date of the next session with hits.
    fn next_date(&self) -> Option<NaiveDate> {
        self.sessions.front().map(|c| c.date)
    }

    /// Puts the next session's hits into `out`; `false` when there are no more.
    fn next_session(&mut self, out: &mut VecDeque<Hit>) -> bool {
        let Some(candidate) = self.sessions.pop_front() else {
            return false;
        };
        let hits = candidate.hits.unwrap_or_else(|| {
            // Made again as in the first pass (a file changed meanwhile gives what it now holds).
            read(&candidate.file)
                .map(|s| session_hits(&candidate.file.path, &s, &self.query))
                .unwrap_or_default()
        });
        out.extend(hits);
        true
    }
}

/// A file read for the first pass: `None` when its bytes cannot hold a hit (never parsed).
fn first_read(file: &FileState, query: &Query) -> Option<Result<Session, String>> {
    // A journal may bring what the snapshot's bytes do not hold: read whole.
    if file.journal {
        return Some(read(file));
    }
    let bytes = store::file::read(&file.path).ok()?;
    if !query.file_may_match(&bytes) {
        return None;
    }
    Some(
        store::utf8(&file.path, &bytes)
            .and_then(|text| store::parse(&file.path, text))
            .map_err(|e| e.to_string()),
    )
}

/// The search with an index: its hits page by page, merged with those of the files it does not
/// know as they are. Whether a file still is as its entry says is looked at only as the search
/// comes to its day (newest first): the first hit does not wait for thirty thousand files.
struct Indexed {
    index: Index,
    query: Query,
    folder: Folder,
    /// The sessions in the folder and in the index, by key (newest first), with their file
    /// and the size and time their entry has.
    order: Vec<(i64, usize, i64, i64)>,
    /// How many of `order` have been looked at.
    checked: usize,
    /// Per session of `order`: found changed, so read from its file (in [`Scanned`]) and its
    /// texts in the index left out.
    changed: Vec<bool>,
    /// Path, body and date of the sessions hits came from so far.
    named: HashMap<i64, (Arc<Path>, Arc<str>, NaiveDate)>,
    /// Where each edition's texts go on: the next page starts after this id.
    cursors: Vec<(bool, Option<i64>)>,
    /// Texts of the next page, per edition, not yet taken.
    pending: Vec<VecDeque<super::index::Found>>,
}

/// How many texts the index hands out at a time.
const PAGE: usize = 512;

/// How many files are looked at at a time, at least.
const CHECK_AHEAD: usize = 1024;

impl Indexed {
    /// The index's part of a search, and the files to read now: those not in the index, with a
    /// journal holding changes, and the broken ones changed since.
    fn start(
        index: Index,
        folder: Folder,
        query: &Query,
        skipped: &mut Vec<String>,
    ) -> (Indexed, Vec<FileState>) {
        let mut order = Vec::new();
        let mut to_read = Vec::new();
        // Files and entries are both sorted by name: one walk pairs them.
        let entries = index.entries();
        let mut next = 0;
        for (i, file) in folder.files.iter().enumerate() {
            while entries
                .get(next)
                .is_some_and(|(n, _)| n.as_str() < file.name.as_str())
            {
                next += 1;
            }
            let entry = entries
                .get(next)
                .filter(|(n, _)| *n == file.name)
                .map(|(_, e)| e);
            match entry {
                Some(entry) if !file.journal && entry.summary.is_ok() && entry.key().is_some() => {
                    let key = entry.key().unwrap_or_default();
                    order.push((key, i, entry.size, entry.modified));
                }
                // Known broken or not in the index: looked at now.
                entry => {
                    let Some(state) = folder.state(i) else {
                        continue;
                    };
                    match entry {
                        Some(e) if e.fresh(&state) && e.summary.is_err() => {
                            if let Err(message) = &e.summary
                                && !message.is_empty()
                            {
                                skipped.push(format!("{}{message}", state.path.display()));
                            } else {
                                to_read.push(state);
                            }
                        }
                        _ => to_read.push(state),
                    }
                }
            }
        }
        order.sort_unstable();
        let changed = vec![false; order.len()];
        let mut cursors = vec![(false, Some(i64::MIN))];
        if query.internal {
            cursors.push((true, Some(i64::MIN)));
        }
        let pending = cursors.iter().map(|_| VecDeque::new()).collect();
        let indexed = Indexed {
            index,
            query: query.clone(),
            folder,
            order,
            checked: 0,
            changed,
            named: HashMap::new(),
            cursors,
            pending,
        };
        (indexed, to_read)
    }

    /// Looks at every session whose key is below `limit` not looked at yet (on all cores):
    /// where the entry holds, its texts come from the index; else it is read from its file.
    fn check_until(&mut self, limit: i64, scanned: &mut Scanned, unreported: &mut usize) {
        let end = self.order[self.checked..].partition_point(|o| o.0 < limit) + self.checked;
        if end == self.checked {
            return;
        }
        // Looked at a batch at a time (waking the other cores for a handful of files costs
        // more than it saves), some ahead of what is needed now.
        let end = end.max((self.checked + CHECK_AHEAD).min(self.order.len()));
        let folder = &self.folder;
        let order = &self.order;
        let is_changed = |at: &usize| {
            let (_, i, size, modified) = order[*at];
            folder
                .size_and_time(i)
                .is_some_and(|(s, m)| i64::try_from(s) != Ok(size) || m != modified)
        };
        let changed: Vec<usize> = if end - self.checked >= CHECK_AHEAD {
            (self.checked..end)
                .into_par_iter()
                .filter(is_changed)
                .collect()
        } else {
            (self.checked..end).filter(is_changed).collect()
        };
        for &at in &changed {
            self.changed[at] = true;
        }
        // A file gone since the folder was read has no hits: it counts as changed, unread.
        self.checked = end;
        if !changed.is_empty() {
            let states: Vec<FileState> = changed
                .iter()
                .filter_map(|&at| self.folder.state(self.order[at].1))
                .collect();
            *unreported += states.len();
            scanned.add(&states.iter().collect::<Vec<_>>());
        }
    }

    /// Path, body and date of a session looked at and found as its entry says.
    fn session(&mut self, key: i64) -> Option<(Arc<Path>, Arc<str>, NaiveDate)> {
        if let Some(named) = self.named.get(&key) {
            return Some(named.clone());
        }
        let at = self.order.binary_search_by_key(&key, |o| o.0).ok()?;
        if at >= self.checked || self.changed[at] {
            return None;
        }
        let i = self.order[at].1;
        let Ok(summary) = &self.index.entry(&self.folder.files[i].name)?.summary else {
            return None;
        };
        let named = (
            Arc::from(self.folder.path(i).as_path()),
            summary.body.clone(),
            summary.date,
        );
        self.named.insert(key, named.clone());
        Some(named)
    }

    /// The next text of the index in id order over both editions, or `None` at the end.
    fn next_found(&mut self) -> Result<Option<super::index::Found>, IndexError> {
        for (i, (closed, cursor)) in self.cursors.iter_mut().enumerate() {
            if self.pending[i].is_empty()
                && let Some(after) = *cursor
            {
                let (page, next) = self.index.page(&self.query, *closed, after, PAGE)?;
                self.pending[i].extend(page);
                *cursor = next;
            }
        }
        // The edition whose next text has the smaller id (public and closed ids never meet).
        let best = (0..self.pending.len())
            .filter_map(|i| self.pending[i].front().map(|f| (f.id, i)))
            .min();
        Ok(best.and_then(|(_, i)| self.pending[i].pop_front()))
    }

    fn unread(&mut self, found: super::index::Found) {
        let edition = usize::from(found.closed && self.pending.len() > 1);
        self.pending[edition].push_front(found);
    }

    /// Puts the next day's hits of the index into `out`, merged with the sessions read from
    /// their files up to that day; `false` at the end.
    fn fill(
        &mut self,
        scanned: &mut Scanned,
        out: &mut VecDeque<Hit>,
        unreported: &mut usize,
    ) -> bool {
        let mut day: Vec<Hit> = Vec::new();
        // An index that fails halfway ends its part; what was read from files follows.
        while let Ok(Some(found)) = self.next_found() {
            // The session's day, and all newer ones, are looked at before any of its texts.
            self.check_until(end_of_day(found.session), scanned, unreported);
            let Some((path, body, date)) = self.session(found.session) else {
                continue;
            };
            if !self.query.wants(&body, date) {
                continue;
            }
            if day.first().is_some_and(|first| first.date != date) {
                // The next day begins: this text waits for the next round.
                self.unread(found);
                break;
            }
            day.extend(hit(&path, date, &body, found.doc, &self.query));
        }
        let Some(date) = day.first().map(|h| h.date) else {
            // The index is done: what is left to look at may still have been changed.
            self.check_until(i64::MAX, scanned, unreported);
            return scanned.next_session(out);
        };
        // Sessions read from files that are newer come first, those of the same day merge in.
        let mut read = VecDeque::new();
        while scanned.next_date().is_some_and(|d| d >= date) {
            scanned.next_session(&mut read);
        }
        day.extend(read);
        day.sort_by(|a, b| a.key().cmp(&b.key()));
        out.extend(day);
        true
    }
}

/// All hits of a search, newest first (tests and small archives).
pub fn search_archive(dir: &Path, query: &Query) -> Result<Vec<Hit>, QueryError> {
    Ok(Search::new(dir, query)?.collect())
}
