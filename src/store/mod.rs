//! The sessions folder: one pretty RON file per session, replaced atomically, listed as an archive.
//!
//! Nothing in here ever writes to a file it failed to read: a broken file stays as it is.

mod error;
pub mod journal;
pub mod lock;
mod name;
mod salvage;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Deserialize;

use crate::domain::{SCHEMA_VERSION, Session};

pub use error::{LoadError, StoreError};
pub use journal::{Opened, Recorder, Recovery};
pub use name::file_stem;
pub use salvage::salvage;

/// The sessions folder used when neither `--dir` nor `SITZUNG_DIR` says otherwise.
pub const DEFAULT_DIR: &str = "sessions";

/// The RON layout of session files: two-space indent, `\n`, no struct names, `Some` left implicit,
/// multi-line texts as raw strings so a changed paragraph diffs as changed lines.
fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("  ")
        .struct_names(false)
        .escape_strings(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// The session as the text of its file.
pub fn to_ron(session: &Session) -> String {
    // Serialising plain data structs into a String cannot fail; a failure would be a bug here.
    let mut text =
        ron::ser::to_string_pretty(session, pretty()).expect("session serialises to RON");
    text.push('\n');
    text
}

/// Only the version, read first so a newer file fails on its version, not on a field we do not know.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses the text of a session file; `path` only names the file in errors.
pub fn parse(path: &Path, text: &str) -> Result<Session, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let options = ron_options();
    let probe: VersionProbe = options
        .from_str(text)
        .map_err(|e| LoadError::syntax(path, &e))?;
    if probe.version > SCHEMA_VERSION {
        return Err(LoadError::NewerVersion {
            path: path.to_path_buf(),
            found: probe.version,
            supported: SCHEMA_VERSION,
        });
    }
    if probe.version == 0 {
        return Err(LoadError::UnknownVersion {
            path: path.to_path_buf(),
            found: 0,
        });
    }
    options
        .from_str(text)
        .map_err(|e| LoadError::syntax(path, &e))
}

/// Reads and parses a session file. Never writes.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    let text = fs::read_to_string(path).map_err(|cause| LoadError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    parse(path, &text)
}

/// Replaces `path` with `session` atomically: temp file in the same folder, fsync, rename, fsync of
/// the folder. A crash at any point leaves either the old or the new file, whole.
pub fn save(path: &Path, session: &Session) -> Result<(), StoreError> {
    write_atomically(path, to_ron(session).as_bytes())
}

/// Writes any file the same crash-safe way (used for rendered protocols too).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let io = |cause| StoreError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.commit().map_err(io)
}

/// One session of the archive as `list` shows it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub session: Session,
}

/// The archive: readable sessions, newest first, and the files that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub skipped: Vec<LoadError>,
}

/// The sessions folder.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Finds a session by file name ("2024-03-14_bauausschuss", with or without `.ron`) or by path.
    /// The file must exist and lie inside the folder, symbolic links resolved: nothing escapes it.
    /// Returns the path as the user would write it (the folder joined with the name), for messages.
    pub fn resolve(&self, name: &Path) -> Result<PathBuf, StoreError> {
        let candidate = if name.components().count() == 1 && !name.is_absolute() {
            let in_dir = self.dir.join(name);
            if in_dir.exists() || name.extension().is_some() {
                in_dir
            } else {
                in_dir.with_extension("ron")
            }
        } else {
            name.to_path_buf()
        };
        let dir = fs::canonicalize(&self.dir).map_err(|cause| StoreError::Io {
            path: self.dir.clone(),
            cause,
        })?;
        let file = fs::canonicalize(&candidate).map_err(|cause| match cause.kind() {
            std::io::ErrorKind::NotFound => StoreError::NotFound {
                path: candidate.clone(),
            },
            _ => StoreError::Io {
                path: candidate.clone(),
                cause,
            },
        })?;
        if !file.starts_with(&dir) || file == dir {
            return Err(StoreError::OutsideFolder {
                path: candidate,
                dir: self.dir.clone(),
            });
        }
        Ok(candidate)
    }

    /// Saves a new session under a name from its date and body, with a suffix when that is taken.
    /// Returns the path written.
    pub fn create(&self, session: &Session) -> Result<PathBuf, StoreError> {
        fs::create_dir_all(&self.dir).map_err(|cause| StoreError::Io {
            path: self.dir.clone(),
            cause,
        })?;
        let stem = file_stem(session.date, &session.body);
        for n in 1.. {
            let path = match n {
                1 => self.dir.join(format!("{stem}.ron")),
                n => self.dir.join(format!("{stem}_{n}.ron")),
            };
            // Reserving the name with create_new means a file made meanwhile is never replaced.
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => {
                    save(&path, session)?;
                    return Ok(path);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(cause) => return Err(StoreError::Io { path, cause }),
            }
        }
        unreachable!("an unbounded range always yields a free name")
    }

    /// All `*.ron` files of the folder, newest session first; broken files are skipped and reported.
    pub fn list(&self) -> Result<Listing, StoreError> {
        let read = fs::read_dir(&self.dir).map_err(|cause| StoreError::Io {
            path: self.dir.clone(),
            cause,
        })?;
        let mut listing = Listing::default();
        let dir = fs::canonicalize(&self.dir).map_err(|cause| StoreError::Io {
            path: self.dir.clone(),
            cause,
        })?;
        // Symbolic links out of the folder are not part of the archive (as in `resolve`).
        let inside = |p: &Path| fs::canonicalize(p).is_ok_and(|c| c.starts_with(&dir));
        let mut paths: Vec<PathBuf> = read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file() && inside(p))
            .collect();
        paths.sort();
        for path in paths {
            match load(&path) {
                Ok(session) => listing.entries.push(Entry { path, session }),
                Err(e) => listing.skipped.push(e),
            }
        }
        listing.entries.sort_by(|a, b| {
            b.session
                .date
                .cmp(&a.session.date)
                .then(a.path.cmp(&b.path))
        });
        Ok(listing)
    }
}

#[cfg(test)]
mod tests;
