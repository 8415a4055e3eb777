//! The archive as lists show it (`list`, the browser): each session's summary, newest first,
//! and the files that could not be read. From the index where its entries hold, else by
//! reading the files (on all cores).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::store::{self, FileState, StoreError};

use super::index::Index;
use super::summary::Summary;

/// One session of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub path: PathBuf,
    pub summary: Summary,
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
    let files = store::archive_files(dir)?;
    let mut listing = Listing::default();
    let index = match Index::open(dir) {
        Ok(index) => index,
        Err(e) => {
            listing.index_problem = Some(e.to_string());
            None
        }
    };
    let mut to_read: Vec<&FileState> = Vec::new();
    for file in &files {
        match index
            .as_ref()
            .and_then(|i| i.entry(&file.name))
            .filter(|e| e.fresh(file))
        {
            Some(entry) => match &entry.summary {
                Ok(summary) => listing.rows.push(Row {
                    path: file.path.clone(),
                    summary: summary.clone(),
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
                    summary: Summary::of(&s),
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
    listing.rows.sort_by(|a, b| {
        b.summary
            .date
            .cmp(&a.summary.date)
            .then_with(|| a.path.cmp(&b.path))
    });
    Ok(listing)
}
