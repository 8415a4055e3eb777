//! The archive as lists show it (`list`, the browser): each session's summary, newest first,
//! and the files that could not be read. From the index where its entries hold, else by
//! reading the files (on all cores).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::store::{self, FileState, StoreError};

use super::index::Index;
use super::summary::SessionSummary;

/// One session of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub path: PathBuf,
    pub summary: SessionSummary,
    /// Whether the counts are known (else only body and date, from the file's head).
    pub counted: bool,
}

#[derive(Debug, Default)]
pub struct Listing {
    /// Newest first; sessions of one day by file name.
    pub rows: Vec<Row>,
    /// Files that could not be read, with file, line and column.
    pub skipped: Vec<String>,
    /// Why an index that is there was not used.
    pub index_problem: Option<String>,
}

/// The archive of `dir`.
pub fn listing(dir: &Path) -> Result<Listing, StoreError> {
    let (index, index_problem) = Index::open_or_say(dir);
    let folder = match &index {
        Some(index) => index.folder(dir)?,
        None => store::Folder::read(dir)?,
    };
    let files = folder.states();
    let mut listing = Listing {
        index_problem,
        skipped: folder.odd.clone(),
        ..Listing::default()
    };
    let mut to_read: Vec<&FileState> = Vec::new();
    // Files and entries are both sorted by name: one walk pairs them.
    let entries = index.as_ref().map_or(&[][..], Index::entries);
    let mut next = 0;
    for file in &files {
        while entries
            .get(next)
            .is_some_and(|(n, _)| n.as_str() < file.name.as_str())
        {
            next += 1;
        }
        match entries
            .get(next)
            .filter(|(n, e)| *n == file.name && e.fresh(file))
            .map(|(_, e)| e)
        {
            Some(entry) => match &entry.summary {
                Ok(summary) => listing.rows.push(Row {
                    path: file.path.clone(),
                    summary: summary.clone(),
                    counted: true,
                }),
                Err(message) => listing
                    .skipped
                    .push(format!("{}{message}", file.path.display())),
            },
            None => to_read.push(file),
        }
    }
    let read: Vec<Result<Row, String>> = to_read
        .par_iter()
        .map(|file| {
            let session = if file.journal {
                store::load_current(&file.path)
            } else {
                store::load(&file.path)
            };
            session
                .map(|s| Row {
                    path: file.path.clone(),
                    summary: SessionSummary::of(&s),
                    counted: true,
                })
                .map_err(|e| e.to_string())
        })
        .collect();
    for row in read {
        match row {
            Ok(row) => listing.rows.push(row),
            Err(e) => listing.skipped.push(e),
        }
    }
    sort(&mut listing.rows);
    Ok(listing)
}

/// Newest first; sessions of one day by file name (all in one folder: the paths' bytes order
/// them as the names do, without taking paths apart).
fn sort(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        b.summary
            .date
            .cmp(&a.summary.date)
            .then_with(|| a.path.as_os_str().cmp(b.path.as_os_str()))
    });
}

/// The archive as fast as it can be shown: where the index holds, as [`listing`] has it;
/// every other file by its head only (body and date, no counts: `counted` false), so no file
/// is read whole. Whether any is broken is not known yet either: [`listing`] tells, and
/// `complete` says whether this already is all of it.
pub fn quick_listing(dir: &Path) -> Result<(Listing, bool), StoreError> {
    let (index, index_problem) = Index::open_or_say(dir);
    let folder = match &index {
        Some(index) => index.folder(dir)?,
        None => store::Folder::read(dir)?,
    };
    let mut listing = Listing {
        index_problem,
        skipped: folder.odd.clone(),
        ..Listing::default()
    };
    let entries = index.as_ref().map_or(&[][..], Index::entries);
    let entry = |name: &str| {
        entries
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()
            .map(|i| &entries[i].1)
    };
    let rows: Vec<Option<Result<Row, String>>> = (0..folder.files.len())
        .into_par_iter()
        .map(|i| {
            let file = &folder.files[i];
            if let Some(entry) = entry(&file.name)
                && !file.journal
                && let Some(state) = folder.state(i)
                && entry.fresh(&state)
            {
                return Some(match &entry.summary {
                    Ok(summary) => Ok(Row {
                        path: state.path,
                        summary: summary.clone(),
                        counted: true,
                    }),
                    Err(message) => Err(format!("{}{message}", state.path.display())),
                });
            }
            let path = folder.path(i);
            Some(
                store::head(&path)
                    .map(|head| Row {
                        summary: SessionSummary {
                            body: head.body.into(),
                            date: head.date,
                            number: None,
                            public: super::Counts::default(),
                            internal: super::Counts::default(),
                        },
                        path,
                        counted: false,
                    })
                    .map_err(|e| e.to_string()),
            )
        })
        .collect();
    let mut complete = true;
    for row in rows.into_iter().flatten() {
        match row {
            Ok(row) => {
                complete &= row.counted;
                listing.rows.push(row);
            }
            Err(e) => listing.skipped.push(e),
        }
    }
    sort(&mut listing.rows);
    Ok((listing, complete))
}
