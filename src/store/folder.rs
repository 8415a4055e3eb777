//! The sessions folder as a whole: its session files by name, read once (one `getdents` pass),
//! each file looked at (size, time) relative to the folder only when asked. Search and lists
//! of a large archive start here, so it costs as little as the kernel allows.

use std::ffi::CString;
use std::fs;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, statat};

use super::journal::HEADER_LEN;
use super::{FileState, StoreError, modified_ns};

/// A session file of the folder, by name, not yet looked at.
#[derive(Debug)]
pub struct Named {
    pub name: String,
    c_name: CString,
    kind: FileType,
    /// A journal with changes lies beside it.
    pub journal: bool,
}

/// The `*.ron` files of a folder, sorted by name.
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
    fd: OwnedFd,
    canonical: PathBuf,
    pub files: Vec<Named>,
    /// The names of the journals in the folder, sorted.
    pub journals: Vec<String>,
    /// Warnings for `*.ron` names that are no plain file (a FIFO, a device, a folder): left
    /// out of `files`, never opened.
    pub odd: Vec<String>,
}

impl Folder {
    /// Reads the names of the folder (and which journals hold changes).
    pub fn read(dir: &Path) -> Result<Folder, StoreError> {
        let io = |cause: std::io::Error| StoreError::Io {
            path: dir.to_path_buf(),
            cause,
        };
        let (fd, canonical) = open_dir(dir)?;
        let mut files: Vec<Named> = Vec::new();
        let mut journals: Vec<CString> = Vec::new();
        let mut odd = Vec::new();
        for entry in Dir::read_from(&fd).map_err(|e| io(e.into()))? {
            let entry = entry.map_err(|e| io(e.into()))?;
            let name = entry.file_name();
            let bytes = name.to_bytes();
            // The house style beside the sessions is no session.
            if bytes == super::LAYOUT_FILE.as_bytes() {
                continue;
            }
            if bytes.ends_with(b".ron") {
                let kind = entry.file_type();
                if !matches!(
                    kind,
                    FileType::RegularFile | FileType::Symlink | FileType::Unknown
                ) {
                    odd.push(odd_warning(
                        &dir.join(std::ffi::OsStr::from_bytes(bytes)),
                        kind,
                    ));
                    continue;
                }
                files.push(Named {
                    name: String::from_utf8_lossy(bytes).into_owned(),
                    c_name: name.to_owned(),
                    kind,
                    journal: false,
                });
            } else if bytes.ends_with(b".journal") {
                journals.push(name.to_owned());
            }
        }
        files.sort_unstable_by(|a, b| a.c_name.cmp(&b.c_name));
        let mut journal_names: Vec<String> = journals
            .iter()
            .map(|j| String::from_utf8_lossy(j.as_bytes()).into_owned())
            .collect();
        journal_names.sort();
        mark_journals(&fd, &mut files, journals);
        Ok(Folder {
            dir: dir.to_path_buf(),
            fd,
            canonical,
            files,
            journals: journal_names,
            odd,
        })
    }

    /// The folder as someone who read it before found it: its session files `names` (sorted)
    /// and `journals`, with no `getdents`. For a caller that knows, from the folder's time,
    /// that no name came or went since (the archive index); which journals hold changes is
    /// still looked at.
    pub fn known(dir: &Path, names: &[String], journals: &[String]) -> Result<Folder, StoreError> {
        let (fd, canonical) = open_dir(dir)?;
        let mut files: Vec<Named> = names
            .iter()
            .filter_map(|name| {
                Some(Named {
                    c_name: CString::new(name.as_bytes()).ok()?,
                    name: name.clone(),
                    kind: FileType::Unknown,
                    journal: false,
                })
            })
            .collect();
        mark_journals(
            &fd,
            &mut files,
            journals
                .iter()
                .filter_map(|j| CString::new(j.as_bytes()).ok()),
        );
        Ok(Folder {
            dir: dir.to_path_buf(),
            fd,
            canonical,
            files,
            journals: journals.to_vec(),
            odd: Vec::new(),
        })
    }

    /// The folder's last modification (nanoseconds): it changes whenever a name comes or goes.
    pub fn modified(dir: &Path) -> Option<i64> {
        fs::metadata(dir).ok().map(|m| modified_ns(&m))
    }

    /// The names of the session files, sorted.
    pub fn names(&self) -> Vec<String> {
        self.files.iter().map(|f| f.name.clone()).collect()
    }

    /// The path of file `i`, as the user wrote the folder.
    pub fn path(&self, i: usize) -> PathBuf {
        self.dir
            .join(std::ffi::OsStr::from_bytes(self.files[i].c_name.as_bytes()))
    }

    /// File `i` as it stands now: `None` when it is gone, no plain file, or a link out of the
    /// folder (as in `Store::resolve`).
    pub fn state(&self, i: usize) -> Option<FileState> {
        let (size, modified) = self.size_and_time(i)?;
        Some(FileState {
            path: self.path(i),
            name: self.files[i].name.clone(),
            size,
            modified,
            journal: self.files[i].journal,
        })
    }

    /// Size and version stamp ([`FileState::modified`]) of file `i`, as [`Folder::state`] has them.
    pub fn size_and_time(&self, i: usize) -> Option<(u64, i64)> {
        let file = &self.files[i];
        let stat = statat(&self.fd, file.c_name.as_c_str(), AtFlags::SYMLINK_NOFOLLOW).ok()?;
        let kind = match file.kind {
            FileType::Unknown => FileType::from_raw_mode(stat.st_mode),
            kind => kind,
        };
        match kind {
            FileType::RegularFile => Some((
                u64::try_from(stat.st_size).unwrap_or(0),
                super::version_stamp(
                    (
                        stat.st_mtime,
                        i64::try_from(stat.st_mtime_nsec).unwrap_or(0),
                    ),
                    (
                        stat.st_ctime,
                        i64::try_from(stat.st_ctime_nsec).unwrap_or(0),
                    ),
                    stat.st_ino,
                ),
            )),
            FileType::Symlink => {
                let target = fs::canonicalize(self.path(i)).ok()?;
                let meta = fs::metadata(&target).ok()?;
                if !meta.is_file() || !target.starts_with(&self.canonical) {
                    return None;
                }
                Some((meta.len(), super::stamp_of(&meta)))
            }
            _ => None,
        }
    }

    /// Every file as it stands now, looked at on all cores, by name.
    pub fn states(&self) -> Vec<FileState> {
        use rayon::prelude::*;
        (0..self.files.len())
            .into_par_iter()
            .filter_map(|i| self.state(i))
            .collect()
    }
}

/// The folder opened for looking at its entries, and its canonical path.
fn open_dir(dir: &Path) -> Result<(OwnedFd, PathBuf), StoreError> {
    let io = |cause: std::io::Error| StoreError::Io {
        path: dir.to_path_buf(),
        cause,
    };
    let fd = rustix::fs::open(
        dir,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| io(e.into()))?;
    let canonical = fs::canonicalize(dir).map_err(io)?;
    Ok((fd, canonical))
}

/// Marks the files (sorted by name) whose journal beside them holds changes: more than its
/// header (a fresh one holds none). A journal that is a link counts for nothing: the store
/// never reads one.
fn mark_journals(fd: &OwnedFd, files: &mut [Named], journals: impl IntoIterator<Item = CString>) {
    for journal in journals {
        let holds_changes =
            statat(fd, journal.as_c_str(), AtFlags::SYMLINK_NOFOLLOW).is_ok_and(|s| {
                FileType::from_raw_mode(s.st_mode) == FileType::RegularFile
                    && u64::try_from(s.st_size).unwrap_or(0) > HEADER_LEN
            });
        let stem = &journal.as_bytes()[..journal.as_bytes().len() - ".journal".len()];
        let session = [stem, b".ron"].concat();
        if holds_changes
            && let Ok(i) = files.binary_search_by(|f| f.c_name.as_bytes().cmp(&session))
        {
            files[i].journal = true;
        }
    }
}

/// The warning for a `*.ron` entry that is no plain file.
pub fn odd_warning(path: &Path, kind: FileType) -> String {
    let what = match kind {
        FileType::Fifo => "eine benannte Pipe (FIFO)",
        FileType::Directory => "ein Ordner",
        FileType::Socket => "ein Socket",
        _ => "eine Gerätedatei",
    };
    format!(
        "{}: ist {what}, keine Sitzungsdatei – übersprungen",
        path.display()
    )
}
