//! How the store touches a file of a session (snapshot, journal, lock, set-aside and rescued
//! copies): never through a symbolic link, only when it is a regular file, and never blocking
//! on a FIFO or a device someone put there. New files get the snapshot's permissions.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::path::Path;

use rustix::fs::{AtFlags, FileType, Mode, OFlags, fcntl_getfl, fcntl_setfl, fstat, open, statat};

/// Why a file was not opened: a link or no plain file. Kind `InvalidInput`, German text.
fn not_plain(path: &Path, what: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "{} ist {what}; es wird nur eine normale Datei geöffnet",
            path.display()
        ),
    )
}

fn checked(path: &Path, fd: OwnedFd) -> std::io::Result<File> {
    let stat = fstat(&fd)?;
    match FileType::from_raw_mode(stat.st_mode) {
        FileType::RegularFile => {}
        FileType::Fifo => return Err(not_plain(path, "eine benannte Pipe (FIFO)")),
        FileType::Directory => return Err(not_plain(path, "ein Ordner")),
        _ => return Err(not_plain(path, "eine Gerätedatei oder ein Socket")),
    }
    // Opened without blocking (a FIFO would wait for a writer); plain files read as usual.
    let flags = fcntl_getfl(&fd)?;
    fcntl_setfl(&fd, flags - OFlags::NONBLOCK)?;
    Ok(File::from(fd))
}

fn open_with(path: &Path, flags: OFlags, mode: Mode) -> std::io::Result<File> {
    let flags = flags | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    match open(path, flags, mode) {
        Ok(fd) => checked(path, fd),
        Err(rustix::io::Errno::LOOP) => Err(not_plain(path, "ein symbolischer Link")),
        Err(e) => Err(e.into()),
    }
}

/// Opens an existing plain file for reading, without following a link.
pub fn open_read(path: &Path) -> std::io::Result<File> {
    open_with(path, OFlags::RDONLY, Mode::empty())
}

/// Opens an existing plain file for reading and writing (the lock), without following a link.
pub fn open_rw(path: &Path) -> std::io::Result<File> {
    open_with(path, OFlags::RDWR, Mode::empty())
}

/// Opens an existing plain file for appending (the journal), without following a link.
pub fn open_append(path: &Path) -> std::io::Result<File> {
    open_with(path, OFlags::WRONLY | OFlags::APPEND, Mode::empty())
}

/// The whole of a plain file of the writer's (journal, lock, its snapshot by its real path):
/// not through a link (see [`open_read`]).
pub fn read_own(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = open_read(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens a plain file for reading, through a link if need be, never blocking on a FIFO.
pub fn open_following(path: &Path) -> std::io::Result<File> {
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    checked(path, open(path, flags, Mode::empty())?)
}

/// The whole of a session file for a reader: a link in the folder may lead to it (the archive
/// decides which links count), but only a plain file is read, and nothing blocks on a FIFO.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = open_following(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What lies at `path`, not following a link: `None` when nothing does.
pub fn kind(path: &Path) -> std::io::Result<Option<FileType>> {
    match statat(rustix::fs::CWD, path, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(stat) => Ok(Some(FileType::from_raw_mode(stat.st_mode))),
        Err(rustix::io::Errno::NOENT) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The permission bits of the plain file at `path` (not following a link).
pub fn mode_of(path: &Path) -> Option<u32> {
    let stat = statat(rustix::fs::CWD, path, AtFlags::SYMLINK_NOFOLLOW).ok()?;
    (FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile)
        .then_some(stat.st_mode & 0o7777)
}

/// The mode a new file of the session at `snapshot` gets: the snapshot's own, or 0644 under the
/// umask when there is no snapshot (yet).
pub fn new_mode(snapshot: &Path) -> u32 {
    mode_of(snapshot).unwrap_or_else(|| 0o644 & !umask())
}

/// The process's umask, as Linux reports it (reading it through `umask(2)` would set it for
/// a moment, for every thread).
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Umask:"))?;
            u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
        })
        .unwrap_or(0o022)
}

/// Writes `bytes` to `path` crash-safely (temp file, fsync, rename, fsync of the folder), with
/// the mode of the plain file it replaces, or `mode` when there is none. A link at `path` is
/// replaced, never followed.
pub fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    use atomic_write_file::unix::OpenOptionsExt;
    let mode = mode_of(path).unwrap_or(mode);
    let mut options = atomic_write_file::OpenOptions::new();
    // The crate would copy the bits of a link (0777) it finds at `path`: we set them ourselves.
    options.preserve_mode(false);
    let mut file = options.open(path)?;
    rustix::fs::fchmod(file.as_file(), Mode::from_bits_truncate(mode))?;
    file.write_all(bytes)?;
    file.commit()
}

/// Whether `path` names a file the store keeps for a session (snapshot, journal, lock and its
/// temporary name, set-aside and rescued copies) or lies in the archive index's folder:
/// nothing else (a protocol written with `-o`) may ever write over it.
pub fn belongs_to_session(path: &Path) -> bool {
    if path.components().any(|c| c.as_os_str() == ".sitzung") {
        return true;
    }
    let Some(name) = path.file_name() else {
        return false;
    };
    let name = name.to_string_lossy().to_lowercase();
    [".ron", ".journal", ".lock"]
        .iter()
        .any(|e| name.ends_with(e))
        || name.contains(".journal.")
        || name.contains(".ron.")
        || name.starts_with(".sitzung-lock-")
}

/// Why an output file is refused.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{}: gehört zu einer Sitzung (Sitzungsdatei, Journal, Sperre oder gerettete Kopie) und wird nicht überschrieben",
        .0.display()
    )]
    SessionFile(std::path::PathBuf),
    #[error("{}: {}", .0.display(), .1)]
    Io(std::path::PathBuf, std::io::Error),
}

/// Writes an output (a protocol) to `path` as a user would expect from `> path`: a plain file
/// is replaced crash-safely (keeping its mode), also where a link leads to it (the link stays,
/// the file it names is replaced: a hard link of it elsewhere, a journal say, keeps its bytes);
/// a device or a FIFO is written to, never replaced. Never writes over a file of a session:
/// the name is judged where the path really leads (links and `..` resolved).
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let io = |e| OutputError::Io(path.to_path_buf(), e);
    if belongs_to_session(path) {
        return Err(OutputError::SessionFile(path.to_path_buf()));
    }
    match std::fs::metadata(path) {
        // A device, a FIFO, a pipe (`/dev/stdout`): written to like a shell redirect.
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io)?;
            file.write_all(bytes)
                .and_then(|()| file.flush())
                .map_err(io)
        }
        Ok(meta) if meta.is_dir() => Err(io(std::io::Error::other("ist ein Ordner"))),
        // A plain file, or none yet (also where a dangling link points): replaced or made
        // where the path really leads.
        _ => {
            let target = real_target(path).map_err(io)?;
            if belongs_to_session(&target) {
                return Err(OutputError::SessionFile(target));
            }
            write_atomically(&target, bytes, new_mode(Path::new(""))).map_err(io)
        }
    }
}

/// Where `path` really leads: links followed (a dangling one to the file it names), `..`
/// and links in the folders resolved.
fn real_target(path: &Path) -> std::io::Result<std::path::PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(next) => {
                path = match path.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            Err(_) => break,
        }
    }
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("kein Dateiname"))?
        .to_owned();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    Ok(std::fs::canonicalize(dir)?.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mkfifo(path: &Path) {
        rustix::fs::mknodat(
            rustix::fs::CWD,
            path,
            FileType::Fifo,
            Mode::from_bits_truncate(0o644),
            0,
        )
        .unwrap();
    }

    #[test]
    fn links_fifos_and_folders_are_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::write(&outside, "geheim").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let err = read_own(&link).unwrap_err();
        assert!(err.to_string().contains("symbolischer Link"), "{err}");
        assert_eq!(read(&link).unwrap(), b"geheim", "a reader may follow");
        assert!(open_append(&link).is_err());
        let fifo = dir.path().join("fifo");
        mkfifo(&fifo);
        // Does not block: a FIFO without a writer would.
        let err = read(&fifo).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
        assert!(read(dir.path()).is_err());
        assert_eq!(read(&outside).unwrap(), b"geheim");
    }

    #[test]
    fn atomic_writes_replace_links_and_keep_or_give_modes() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::write(&outside, "bleibt").unwrap();
        std::fs::set_permissions(&outside, std::fs::Permissions::from_mode(0o777)).unwrap();
        let link = dir.path().join("s.journal");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        write_atomically(&link, b"neu", 0o600).unwrap();
        assert_eq!(std::fs::read(&outside).unwrap(), b"bleibt");
        assert_eq!(std::fs::read(&link).unwrap(), b"neu");
        let mode = |p: &Path| std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777;
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(mode(&link), 0o600, "the link's 0777 is not copied");
        std::fs::set_permissions(&link, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&link, b"wieder", 0o600).unwrap();
        assert_eq!(mode(&link), 0o640, "a plain file keeps its mode");
    }

    #[test]
    fn outputs_never_replace_session_files_links_fifos_or_devices() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for name in [
            "s.ron",
            "s.RON",
            "s.journal",
            "s.lock",
            "s.journal.defekt-20240314-101010",
            "s.ron.gerettet-20240314-101010",
            ".sitzung/index.sqlite",
        ] {
            let path = d.join(name);
            assert!(
                matches!(write_output(&path, b"x"), Err(OutputError::SessionFile(_))),
                "{name}"
            );
            assert!(!path.exists(), "{name} not created");
        }
        // Through a link to a journal: refused, the journal untouched.
        std::fs::write(d.join("s.journal"), "Journal").unwrap();
        std::os::unix::fs::symlink(d.join("s.journal"), d.join("p.txt")).unwrap();
        assert!(matches!(
            write_output(&d.join("p.txt"), b"x"),
            Err(OutputError::SessionFile(_))
        ));
        assert_eq!(
            std::fs::read_to_string(d.join("s.journal")).unwrap(),
            "Journal"
        );
        // A link elsewhere is written through and stays a link.
        std::fs::write(d.join("ziel.txt"), "alt und lang").unwrap();
        std::os::unix::fs::symlink(d.join("ziel.txt"), d.join("l.txt")).unwrap();
        write_output(&d.join("l.txt"), b"neu").unwrap();
        assert!(
            std::fs::symlink_metadata(d.join("l.txt"))
                .unwrap()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(d.join("ziel.txt")).unwrap(), "neu");
        // A FIFO is written into (a reader takes it), not replaced.
        let fifo = d.join("fifo");
        mkfifo(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_output(&fifo, b"durch die Pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"durch die Pipe");
        assert_eq!(kind(&fifo).unwrap(), Some(FileType::Fifo));
        // A device is written to: /dev/null stays a device.
        write_output(Path::new("/dev/null"), b"weg").unwrap();
        assert_eq!(
            kind(Path::new("/dev/null")).unwrap(),
            Some(FileType::CharacterDevice)
        );
        // A link to a hard link of a journal: the journal keeps its bytes.
        std::fs::hard_link(d.join("s.journal"), d.join("hart.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("hart.txt"), d.join("zum-hardlink.md")).unwrap();
        write_output(&d.join("zum-hardlink.md"), b"Protokoll").unwrap();
        assert_eq!(
            std::fs::read_to_string(d.join("s.journal")).unwrap(),
            "Journal"
        );
        assert_eq!(
            std::fs::read_to_string(d.join("hart.txt")).unwrap(),
            "Protokoll"
        );
        // The index's folder, reached through a link or `..`: refused.
        std::fs::create_dir(d.join(".sitzung")).unwrap();
        std::fs::write(d.join(".sitzung/index.sqlite"), "Index").unwrap();
        std::os::unix::fs::symlink(d.join(".sitzung"), d.join("idx")).unwrap();
        assert!(matches!(
            write_output(&d.join("idx/index.sqlite"), b"x"),
            Err(OutputError::SessionFile(_))
        ));
        assert_eq!(
            std::fs::read_to_string(d.join(".sitzung/index.sqlite")).unwrap(),
            "Index"
        );
        // A dangling link: the file it names is made, as `>` would.
        std::os::unix::fs::symlink(d.join("neu.txt"), d.join("ins-leere.txt")).unwrap();
        write_output(&d.join("ins-leere.txt"), b"da").unwrap();
        assert_eq!(std::fs::read_to_string(d.join("neu.txt")).unwrap(), "da");
        // A plain file is replaced.
        write_output(&d.join("p.md"), b"Protokoll").unwrap();
        assert_eq!(
            std::fs::read_to_string(d.join("p.md")).unwrap(),
            "Protokoll"
        );
    }
}
