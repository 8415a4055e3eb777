//! Searching the whole archive: hits newest session first, streamed.
//!
//! With an index, the hits come from it in order, page by page, and only the sessions whose
//! files are newer than their entries (or have a journal with changes, or are not in it) are
//! read from their files and merged in; without one, every file whose bytes may hold a hit is
//! read and searched. Either way each text is decided by [`Query::matches_doc`] on the
//! [`Docs`](super::docs::Docs) of the parsed session, and broken files are skipped with the
//! warning `list` gives.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::domain::Session;
use crate::store::{self, FileState};

use super::docs::{Doc, Place, docs};
use super::index::{Index, IndexError};
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
    source: Source,
}

enum Source {
    /// Hits already made, in order (the search without an index).
    Ready(std::vec::IntoIter<Hit>),
    Indexed(Box<Indexed>),
}

impl Search {
    /// Starts a search of the folder `dir`.
    pub fn new(dir: &Path, query: &Query) -> Result<Search, QueryError> {
        if query.is_empty() {
            return Err(QueryError::Empty);
        }
        let files = store::archive_files(dir).unwrap_or_default();
        let (index, index_problem) = match Index::open(dir) {
            Ok(index) => (index, None),
            Err(e) => (None, Some(e.to_string())),
        };
        let mut search = match index {
            Some(index) => Indexed::start(index, &files, query),
            None => scan(&files, query),
        };
        search.index_problem = index_problem;
        Ok(search)
    }
}

impl Iterator for Search {
    type Item = Hit;

    fn next(&mut self) -> Option<Hit> {
        match &mut self.source {
            Source::Ready(hits) => hits.next(),
            Source::Indexed(indexed) => indexed.next(),
        }
    }
}

/// Every file whose bytes may hold a hit, parsed and searched, on all cores.
fn scan(files: &[FileState], query: &Query) -> Search {
    let results: Vec<Result<Vec<Hit>, String>> = files
        .par_iter()
        .filter_map(|file| {
            // A journal may bring what the snapshot's bytes do not hold.
            if !file.journal {
                let bytes = std::fs::read(&file.path).ok()?;
                if !query.file_may_match(&bytes) {
                    return None;
                }
                let session = store::utf8(&file.path, &bytes)
                    .and_then(|text| store::parse(&file.path, text))
                    .map_err(|e| e.to_string());
                return Some(session.map(|s| session_hits(&file.path, &s, query)));
            }
            Some(read(file).map(|s| session_hits(&file.path, &s, query)))
        })
        .collect();
    let mut skipped = Vec::new();
    let mut hits = Vec::new();
    for result in results {
        match result {
            Ok(found) => hits.extend(found),
            Err(e) => skipped.push(e),
        }
    }
    hits.sort_by(|a, b| a.key().cmp(&b.key()));
    Search {
        skipped,
        index_problem: None,
        source: Source::Ready(hits.into_iter()),
    }
}

/// The search with an index: its hits page by page, merged with those of the files it does not
/// know as they are.
struct Indexed {
    index: Index,
    query: Query,
    /// Per indexed session id: its path and body, where its entry holds (else it is read
    /// from its file and left out here).
    fresh: HashMap<i64, (Arc<Path>, Arc<str>, NaiveDate)>,
    /// Hits of the sessions read from their files, in order.
    read: VecDeque<Hit>,
    /// Hits of the index for one day at a time, merged with `read` and in order.
    ready: VecDeque<Hit>,
    /// Where each edition's texts go on: the next page starts after this id.
    cursors: Vec<(bool, Option<i64>)>,
    /// Texts of the next page, per edition, not yet taken.
    pending: Vec<VecDeque<super::index::Found>>,
}

/// How many texts the index hands out at a time.
const PAGE: usize = 512;

impl Indexed {
    fn start(index: Index, files: &[FileState], query: &Query) -> Search {
        let mut fresh = HashMap::new();
        let mut skipped = Vec::new();
        let mut to_read = Vec::new();
        for file in files {
            match index.entries.get(&file.name()) {
                Some(entry) if entry.fresh(file) => match &entry.summary {
                    Ok(summary) => {
                        fresh.insert(
                            entry.id,
                            (
                                Arc::from(file.path.as_path()),
                                Arc::from(summary.body.as_str()),
                                summary.date,
                            ),
                        );
                    }
                    // Known broken, unchanged: the warning as it was found.
                    Err(message) => skipped.push(format!("{}{message}", file.path.display())),
                },
                _ => to_read.push(file),
            }
        }
        let results: Vec<Result<Vec<Hit>, String>> = to_read
            .par_iter()
            .map(|file| read(file).map(|s| session_hits(&file.path, &s, query)))
            .collect();
        let mut read_hits = Vec::new();
        for result in results {
            match result {
                Ok(found) => read_hits.extend(found),
                Err(e) => skipped.push(e),
            }
        }
        read_hits.sort_by(|a, b| a.key().cmp(&b.key()));
        let mut cursors = vec![(false, Some(i64::MIN))];
        if query.internal {
            cursors.push((true, Some(i64::MIN)));
        }
        let pending = cursors.iter().map(|_| VecDeque::new()).collect();
        Search {
            skipped,
            index_problem: None,
            source: Source::Indexed(Box::new(Indexed {
                index,
                query: query.clone(),
                fresh,
                read: read_hits.into(),
                ready: VecDeque::new(),
                cursors,
                pending,
            })),
        }
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

    /// Fills `ready` with the next day's hits of the index, merged with the sessions read
    /// from their files up to that day; `false` at the end.
    fn fill(&mut self) -> bool {
        let mut day: Vec<Hit> = Vec::new();
        // An index that fails halfway ends its part; what was read from files follows.
        while let Ok(Some(found)) = self.next_found() {
            let Some((path, body, date)) = self.fresh.get(&found.session) else {
                continue;
            };
            if !self.query.wants(body, *date) {
                continue;
            }
            if day.first().is_some_and(|first| first.date != *date) {
                // The next day begins: this text waits for the next round.
                self.unread(found);
                break;
            }
            let (path, body, date) = (path.clone(), body.clone(), *date);
            day.extend(hit(&path, date, &body, found.doc, &self.query));
        }
        let Some(date) = day.first().map(|h| h.date) else {
            self.ready.extend(self.read.drain(..));
            return !self.ready.is_empty();
        };
        // Sessions read from files that are newer come first, those of the same day merge in.
        while self.read.front().is_some_and(|h| h.date >= date) {
            day.extend(self.read.pop_front());
        }
        day.sort_by(|a, b| a.key().cmp(&b.key()));
        self.ready.extend(day);
        true
    }

    fn unread(&mut self, found: super::index::Found) {
        let edition = usize::from(found.closed && self.pending.len() > 1);
        self.pending[edition].push_front(found);
    }

    fn next(&mut self) -> Option<Hit> {
        while self.ready.is_empty() {
            if !self.fill() {
                return None;
            }
        }
        self.ready.pop_front()
    }
}

/// All hits of a search, newest first (tests and small archives).
pub fn search_archive(dir: &Path, query: &Query) -> Result<Vec<Hit>, QueryError> {
    Ok(Search::new(dir, query)?.collect())
}
