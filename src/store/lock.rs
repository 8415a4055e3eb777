//! One writer per session: an advisory lock on `NAME.lock` beside the session file (never on the
//! file that gets renamed over). The kernel drops the lock when its process dies, so the lock of a
//! crashed writer is taken over by simply locking again. The file says who holds it.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{FileExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::file;

/// Who holds (or held) a lock, as written into the lock file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub host: String,
    pub pid: u32,
    pub since: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pid == 0 {
            return write!(f, "von einem Programm, das die Sperrdatei nicht nennt");
        }
        write!(
            f,
            "Rechner {}, Prozess {}, seit {}",
            self.host, self.pid, self.since
        )
    }
}

impl Holder {
    fn parse(text: &str) -> Option<Holder> {
        let mut host = None;
        let mut pid = None;
        let mut since = None;
        for line in text.lines() {
            match line.split_once('=') {
                Some(("host", v)) => host = Some(v.to_string()),
                Some(("pid", v)) => pid = v.parse().ok(),
                Some(("since", v)) => since = Some(v.to_string()),
                _ => {}
            }
        }
        Some(Holder {
            host: host?,
            pid: pid?,
            since: since?,
        })
    }

    fn me() -> Holder {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .or_else(|_| std::fs::read_to_string("/etc/hostname"))
            .map(|h| h.trim().to_string())
            .unwrap_or_else(|_| "unbekannt".into());
        let since = chrono::Local::now().format("%d.%m.%Y %H:%M:%S").to_string();
        Holder {
            host,
            pid: std::process::id(),
            since,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}: wird schon bearbeitet ({holder})", session.display())]
    Held { session: PathBuf, holder: Holder },
    #[error("{}: Sperrdatei nicht nutzbar: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
}

/// A held lock; released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
    /// Device and inode of the file we locked: the one at `path` as long as we hold it.
    id: (u64, u64),
    /// What the file says of us (written again when someone empties or changes it).
    content: String,
    /// The holder before us, when a writer died without releasing the file's contents.
    pub taken_over_from: Option<Holder>,
}

/// `2024-03-14_bauausschuss.lock` for `2024-03-14_bauausschuss.ron`.
pub fn lock_path(session: &Path) -> PathBuf {
    session.with_extension("lock")
}

fn id_of(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// How long a second writer waits for the holder's name to appear in a fresh lock file.
const HOLDER_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

impl Lock {
    pub fn acquire(session: &Path) -> Result<Lock, LockError> {
        let path = lock_path(session);
        let io = |cause| LockError::Io {
            path: path.clone(),
            cause,
        };
        let me = Holder::me();
        let content = format!("host={}\npid={}\nsince={}\n", me.host, me.pid, me.since);
        let started = std::time::Instant::now();
        loop {
            let file = match file::open_rw(&path) {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    // A new lock file appears with its holder already in it: written and
                    // locked under a temporary name, then linked into place (which fails when
                    // someone else was quicker).
                    match create_locked(&path, &content, file::new_mode(session)) {
                        Ok(Some(file)) => return Lock::held(file, path, content, None),
                        Ok(None) => continue,
                        Err(e) => return Err(io(e)),
                    }
                }
                Err(e) => return Err(io(e)),
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    let holder = read_holder(&file);
                    // The holder writes its name right after locking: a moment's wait for it.
                    let known = holder.as_ref().is_some_and(Holder::plausible);
                    if known || started.elapsed() > HOLDER_WAIT {
                        return Err(LockError::Held {
                            session: session.to_path_buf(),
                            holder: holder.unwrap_or_else(Holder::unknown),
                        });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    continue;
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
            }
            // Locked; but is it still the file at `path` (removed or replaced meanwhile)?
            let ours = file.metadata().map_err(io)?;
            match std::fs::symlink_metadata(&path) {
                Ok(there) if id_of(&there) == id_of(&ours) => {}
                _ => continue,
            }
            let taken_over_from = read_holder(&file);
            // One write of the whole text at the start, then cut to its length: a reader sees
            // the old text or the new one, never an empty file in between.
            file.write_all_at(content.as_bytes(), 0).map_err(io)?;
            file.set_len(content.len() as u64).map_err(io)?;
            file.sync_data().map_err(io)?;
            return Lock::held(file, path, content, taken_over_from);
        }
    }

    fn held(
        file: File,
        path: PathBuf,
        content: String,
        taken_over_from: Option<Holder>,
    ) -> Result<Lock, LockError> {
        let meta = file.metadata().map_err(|cause| LockError::Io {
            path: path.clone(),
            cause,
        })?;
        Ok(Lock {
            id: id_of(&meta),
            file,
            path,
            content,
            taken_over_from,
        })
    }

    /// Whether the file at `NAME.lock` is still the one we locked. When it was removed or
    /// replaced (by hand, by a removed and recreated folder), a second writer may get in: the
    /// holder must not write the journal any more.
    pub fn still_held(&self) -> bool {
        let Ok(meta) = std::fs::symlink_metadata(&self.path) else {
            return false;
        };
        if id_of(&meta) != self.id {
            return false;
        }
        // Emptied or written over in place (`: > NAME.lock`): the holder is named again.
        if meta.len() != self.content.len() as u64 {
            let _ = self.file.write_all_at(self.content.as_bytes(), 0);
            let _ = self.file.set_len(self.content.len() as u64);
        }
        true
    }
}

/// Creates the lock file whole: the holder written into a temporary file, which is locked and
/// then linked to `path`. `None` when `path` appeared meanwhile.
fn create_locked(path: &Path, content: &str, mode: u32) -> std::io::Result<Option<File>> {
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    // Unique per process and call: two threads (or two writers of one process) never share it.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".sitzung-lock-{}-{n}", std::process::id()));
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(&tmp)?;
    let result = (|| {
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        file.try_lock().map_err(std::io::Error::other)?;
        file.write_all(content.as_bytes())?;
        file.sync_data()?;
        std::fs::hard_link(&tmp, path)
    })();
    // The temporary name goes either way; the linked one stays.
    let _ = std::fs::remove_file(&tmp);
    match result {
        Ok(()) => Ok(Some(file)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
        Err(e) => Err(e),
    }
}

fn read_holder(file: &File) -> Option<Holder> {
    let mut text = String::new();
    let mut reader = file;
    reader.seek(SeekFrom::Start(0)).ok()?;
    reader.read_to_string(&mut text).ok()?;
    Holder::parse(&text)
}

impl Holder {
    fn unknown() -> Holder {
        Holder {
            host: "unbekannt".into(),
            pid: 0,
            since: "unbekannt".into(),
        }
    }

    /// A holder as a living writer writes it: on this machine, its process is alive.
    fn plausible(&self) -> bool {
        if self.host != Holder::me().host {
            return true;
        }
        // Alive unless the system says there is no such process (another user's: EPERM).
        i32::try_from(self.pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
            .is_some_and(|pid| {
                rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
            })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // An empty lock file tells the next writer that we ended cleanly.
        if self.still_held() {
            let _ = self.file.set_len(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_with_the_holder_and_the_lock_is_free_after_drop() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.ron");
        let first = Lock::acquire(&session).unwrap();
        match Lock::acquire(&session) {
            Err(LockError::Held { holder, .. }) => assert_eq!(holder.pid, std::process::id()),
            other => panic!("second writer not refused: {other:?}"),
        }
        drop(first);
        let again = Lock::acquire(&session).unwrap();
        assert_eq!(
            again.taken_over_from, None,
            "a clean release leaves nobody to take over from"
        );
    }
}
