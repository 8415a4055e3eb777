//! The sessions folder: one pretty RON file per session, replaced atomically, listed as an archive.
//!
//! Nothing in here ever writes to a file it failed to read: a broken file stays as it is.

mod error;
pub mod file;
mod folder;
mod head;
pub mod journal;
pub mod lock;
mod name;
mod salvage;

use std::fs;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Deserialize;

use crate::domain::{SCHEMA_VERSION, Session};

pub use error::{LoadError, StoreError};
pub use folder::Folder;
pub use head::{Head, head};
pub use journal::{Opened, Recorder, Recovery};
pub use name::file_stem;
pub use salvage::{Recovered, SEALED_REASON, Salvaged, recover, salvage};

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

pub(crate) fn ron_options() -> ron::Options {
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
    let session: Session = options
        .from_str(text)
        .map_err(|e| LoadError::syntax(path, &e))?;
    // A control character in a text (typed by hand, raw or as an escape) is refused where it
    // stands; the bytes tell at once whether there can be one.
    if may_hold_control(text)
        && let Some(unclean) = crate::domain::first_unclean(&session)
    {
        let (line, col) = locate(text, unclean.char);
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            col,
            message: unclean.to_string(),
            detail: None,
        });
    }
    Ok(session)
}

/// Whether a file's text may hold a character no text may: a raw control character, an escape
/// (a backslash), a C1 control or a bidirectional override (UTF-8 lead bytes 0xC2, 0xE2).
fn may_hold_control(text: &str) -> bool {
    // Line ends and indentation are no control characters of a text, but a raw `\r` or tab
    // may stand inside a one-line string: any byte below 0x20 but `\n` means looking.
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'\n' => false,
        0..0x20 | 0x7f | b'\\' => true,
        // U+0080 … U+009F
        0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        // U+202A … U+202E, U+2066 … U+2069
        0xe2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(n)) => (0xaa..=0xae).contains(n),
            (Some(0x81), Some(n)) => (0xa6..=0xa9).contains(n),
            _ => false,
        },
        _ => false,
    })
}

/// Line and column (1-based) where `c` stands in `text`, raw or written as an escape; the
/// start of the file when it cannot be found.
fn locate(text: &str, c: char) -> (usize, usize) {
    let code = c as u32;
    let escapes = [
        c.to_string(),
        format!("\\u{{{code:x}}}"),
        format!("\\u{{{code:X}}}"),
        format!("\\u{{{code:02x}}}"),
        format!("\\u{{{code:04x}}}"),
        format!("\\x{code:02x}"),
        format!("\\x{code:02X}"),
    ];
    let at = escapes
        .iter()
        .filter(|e| !e.is_empty())
        .filter_map(|e| text.find(e.as_str()))
        .min()
        .unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The bytes of a session file as text; invalid UTF-8 is an error with its position (a lossy
/// reading would write the damage into the next snapshot).
pub fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let col = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            col,
            message: "kein gültiges UTF-8 (falsche Zeichenkodierung?)".into(),
            detail: None,
        }
    })
}

/// Reads and parses a session file. Never writes.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    let bytes = file::read(path).map_err(|cause| LoadError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    parse(path, utf8(path, &bytes)?)
}

/// The house style of the sessions of a folder, beside them ([`crate::render::Layout`]).
pub const LAYOUT_FILE: &str = "layout.ron";

/// Reads a house style: RON as the presets in `layouts/` are written. Errors name line and
/// column, a placeholder a text may not use included.
pub fn load_layout(path: &Path) -> Result<crate::render::Layout, LoadError> {
    let bytes = file::read(path).map_err(|cause| LoadError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    parse_layout(path, utf8(path, &bytes)?)
}

/// [`load_layout`] of a text (the presets are read this way too).
pub fn parse_layout(path: &Path, text: &str) -> Result<crate::render::Layout, LoadError> {
    // An editor may have put a byte order mark in front.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let layout: crate::render::Layout = ron::Options::default()
        .from_str(text)
        .map_err(|e| LoadError::layout_syntax(path, &e))?;
    if let Some((field, placeholder)) = layout.unknown_placeholder() {
        // Where it is written: the placeholder after the field's name ("running_header:"),
        // else its first place in the file.
        let name = field.rsplit('.').next().unwrap_or(field);
        let after = text
            .find(&format!("{name}:"))
            .or_else(|| text.find(&format!("({name},")))
            .unwrap_or(0);
        let at = text[after..]
            .find(&placeholder)
            .map(|i| after + i)
            .or_else(|| text.find(&placeholder))
            .unwrap_or(0);
        let line = text[..at].matches('\n').count() + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let col = text[line_start..at].chars().count() + 1;
        let known: Vec<String> = crate::render::layout::PLACEHOLDERS
            .iter()
            .map(|(k, _)| format!("{{{k}}}"))
            .filter(|k| !["{top}", "{titel}", "{vorlage}", "{vorlagenart}"].contains(&k.as_str()))
            .collect();
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            col,
            message: if placeholder.starts_with('{') && placeholder.ends_with('}') {
                format!(
                    "{placeholder} gibt es in {field} nicht; bekannt sind: {} (in Überschriften von TOPs auch {{top}} und {{titel}}, in page {{seite}} und {{seiten}}; sitzung layout listet sie)",
                    known.join(", ")
                )
            } else {
                format!(
                    "{field}: {placeholder}; ein Platzhalter steht in geschweiften Klammern, z. B. {{datum}}"
                )
            },
            detail: None,
        });
    }
    Ok(layout)
}

/// Replaces `path` with `session` atomically: temp file in the same folder, fsync, rename, fsync of
/// the folder. A crash at any point leaves either the old or the new file, whole.
pub fn save(path: &Path, session: &Session) -> Result<(), StoreError> {
    write_atomically(path, to_ron(session).as_bytes())
}

/// Writes any file the same crash-safe way: a plain file there keeps its mode, a new one gets
/// 0644 under the umask; a link there is replaced, not followed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomically_as(path, bytes, file::new_mode(Path::new("")))
}

/// [`write_atomically`] with the mode a new file gets.
pub fn write_atomically_as(path: &Path, bytes: &[u8], mode: u32) -> Result<(), StoreError> {
    file::write_atomically(path, bytes, mode).map_err(|cause| StoreError::Io {
        path: path.to_path_buf(),
        cause,
    })
}

/// The `*.ron` files of a folder that really lie in it (no links out), sorted by name.
pub fn session_files(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    Ok(archive_files(dir)?.into_iter().map(|f| f.path).collect())
}

/// A session file of the folder as it stands on disk, to tell whether what was read of it
/// before (an index entry) still holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileState {
    pub path: PathBuf,
    /// Its name in the folder.
    pub name: String,
    pub size: u64,
    /// The version of the file: its modification time, status-change time and inode, mixed
    /// ([`version_stamp`]). Nothing that changes the file keeps it: not `touch -r`, `cp -p` or
    /// `rsync -t` (they cannot set the change time), nor a replacement by another file.
    pub modified: i64,
    /// A journal beside it holds changes its snapshot does not (a session being recorded, or
    /// one whose writer ended without a last snapshot): then [`load_current`] reads it as it is.
    pub journal: bool,
}

impl FileState {
    /// The state of one session file now.
    pub fn of(path: &Path) -> std::io::Result<FileState> {
        let meta = fs::metadata(path)?;
        // As `Folder` tells it: a journal that is a link counts for nothing.
        let journal = fs::symlink_metadata(journal::journal_path(path))
            .is_ok_and(|m| m.is_file() && m.len() > journal::HEADER_LEN);
        Ok(FileState {
            path: path.to_path_buf(),
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            size: meta.len(),
            modified: stamp_of(&meta),
            journal,
        })
    }
}

/// [`FileState::modified`] of a file's metadata.
pub fn stamp_of(meta: &fs::Metadata) -> i64 {
    use std::os::unix::fs::MetadataExt;
    version_stamp(
        (meta.mtime(), meta.mtime_nsec()),
        (meta.ctime(), meta.ctime_nsec()),
        meta.ino(),
    )
}

/// Mixes modification time, change time (seconds, nanoseconds) and inode into one number that
/// differs whenever one of them does (a 64-bit mix; a collision by chance is not a concern).
pub fn version_stamp(mtime: (i64, i64), ctime: (i64, i64), inode: u64) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        mtime.0 as u64,
        mtime.1 as u64,
        ctime.0 as u64,
        ctime.1 as u64,
        inode,
    ] {
        h = (h ^ part)
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(29);
        h ^= h >> 31;
    }
    h as i64
}

/// The nanoseconds since 1970 of a file's modification time.
pub fn modified_ns(meta: &fs::Metadata) -> i64 {
    use std::os::unix::fs::MetadataExt;
    meta.mtime()
        .saturating_mul(1_000_000_000)
        .saturating_add(meta.mtime_nsec())
}

/// [`session_files`], each with its size and time and whether a journal with changes lies
/// beside it; a file that vanishes while being looked at is left out.
pub fn archive_files(dir: &Path) -> Result<Vec<FileState>, StoreError> {
    Ok(Folder::read(dir)?.states())
}

/// A session as its writer sees it right now: the snapshot with its journal replayed, for
/// readers following a session being recorded. Reads only; a journal that does not continue the
/// snapshot is ignored.
pub fn load_current(path: &Path) -> Result<Session, LoadError> {
    let bytes = file::read(path).map_err(|cause| LoadError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    let mut session = parse(path, utf8(path, &bytes)?)?;
    if let Ok(journal) = file::read_own(&journal::journal_path(path)) {
        let read = journal::read_journal(&journal);
        if read.basis == Some(crc32fast::hash(&bytes)) {
            session = journal::replay(session, journal::numbered(read.actions), false).session;
        }
    }
    Ok(session)
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

/// The sessions folder, to read: find a session, list them. What runs read only (`--read-only`,
/// `SITZUNG_READ_ONLY`, `browse`, a session another writer holds) is given only this handle,
/// which has no method that writes; writing takes a [`WritableStore`].
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
    /// Whether a session given by its path may lie outside the folder (not read only: the
    /// user names any file of theirs; read only, an SSH account reads only the archive).
    paths_anywhere: bool,
}

/// The sessions folder with the right to write into it: new sessions and recording. `main`
/// makes one only where the program may write; everything else reads through the [`Store`] it
/// derefs to.
#[derive(Clone, Debug)]
pub struct WritableStore {
    store: Store,
}

impl std::ops::Deref for WritableStore {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

impl WritableStore {
    /// The folder; a session named by its path may lie anywhere (its own folder then holds
    /// its journal and lock).
    pub fn new(dir: impl Into<PathBuf>) -> WritableStore {
        WritableStore {
            store: Store::new(dir).paths_anywhere(),
        }
    }

    /// Opens a session of the folder for recording: locked, its journal replayed.
    pub fn record(&self, path: &Path) -> Result<journal::Opened, journal::OpenError> {
        Recorder::open(path)
    }
}

impl Store {
    /// The folder; sessions are found only inside it.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            paths_anywhere: false,
        }
    }

    /// The same folder, where a session given by its path ("/some/where/x.ron",
    /// "~/Downloads/x.ron") may lie anywhere; a plain name is still looked up in the folder.
    pub fn paths_anywhere(self) -> Store {
        Store {
            paths_anywhere: true,
            ..self
        }
    }

    /// The house style asked for: a preset by name, a layout file, or (none asked for) the
    /// folder's [`LAYOUT_FILE`], else the default preset.
    /// Read only (an SSH account), a layout file too must lie in the folder.
    pub fn layout(&self, asked: Option<&str>) -> anyhow::Result<crate::render::Layout> {
        match asked {
            Some(name) => match crate::render::Layout::preset_text(name) {
                Some(text) => Ok(parse_layout(Path::new(name), text)?),
                None if self.paths_anywhere => Ok(load_layout(Path::new(name))?),
                None => Ok(load_layout(&self.resolve(Path::new(name))?)?),
            },
            None => {
                let beside = self.dir().join(LAYOUT_FILE);
                if fs::symlink_metadata(&beside).is_err() {
                    return Ok(crate::render::Layout::default());
                }
                // Read only, the folder's layout must not lead out of it either (a link).
                if self.paths_anywhere {
                    Ok(load_layout(&beside)?)
                } else {
                    Ok(load_layout(&self.resolve(Path::new(LAYOUT_FILE))?)?)
                }
            }
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Finds a session by file name ("2024-03-14_bauausschuss", with or without `.ron`) or by path.
    /// The file must exist; unless [`Store::paths_anywhere`], it must lie inside the folder,
    /// symbolic links resolved: nothing escapes it.
    /// Returns the path as the user would write it (the folder joined with the name), for messages.
    pub fn resolve(&self, name: &Path) -> Result<PathBuf, StoreError> {
        let candidate = if name.components().count() == 1 && !name.is_absolute() {
            let in_dir = self.dir.join(name);
            let is_ron = name
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            if in_dir.exists() || is_ron {
                in_dir
            } else {
                // "a.gerettet" is "a.gerettet.ron": the name without `.ron`, whatever dots it has.
                let mut with = in_dir.into_os_string();
                with.push(".ron");
                PathBuf::from(with)
            }
        } else {
            name.to_path_buf()
        };
        let is_path = name.components().count() != 1 || name.is_absolute();
        if is_path && self.paths_anywhere {
            return match fs::metadata(&candidate) {
                Ok(meta) if meta.is_file() => Ok(candidate),
                Ok(_) => Err(StoreError::Io {
                    path: candidate,
                    cause: std::io::Error::other("keine Datei"),
                }),
                Err(cause) if cause.kind() == std::io::ErrorKind::NotFound => {
                    Err(StoreError::NotFound { path: candidate })
                }
                Err(cause) => Err(StoreError::Io {
                    path: candidate,
                    cause,
                }),
            };
        }
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

    /// All `*.ron` files of the folder, each parsed, newest session first; broken files are
    /// skipped and reported.
    pub fn list(&self) -> Result<Listing, StoreError> {
        let mut listing = Listing::default();
        // Symbolic links out of the folder are not part of the archive (as in `resolve`).
        let paths = session_files(&self.dir)?;
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

impl WritableStore {
    /// Saves a new session under a name from its date and body, with a suffix when that is taken.
    /// Returns the path written.
    pub fn create(&self, session: &Session) -> Result<PathBuf, StoreError> {
        // A session made outside `Session::apply` (a body typed for `new`, a template) obeys
        // the same rule for its texts, here where every new session passes.
        if let Some(unclean) = crate::domain::first_unclean(session) {
            return Err(StoreError::Unclean(unclean.to_string()));
        }
        let dir = self.dir();
        fs::create_dir_all(dir).map_err(|cause| StoreError::Io {
            path: dir.to_path_buf(),
            cause,
        })?;
        let stem = file_stem(session.date, &session.body);
        for n in 1.. {
            let path = match n {
                1 => dir.join(format!("{stem}.ron")),
                n => dir.join(format!("{stem}_{n}.ron")),
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
}

#[cfg(test)]
mod tests;
