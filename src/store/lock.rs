//! One writer per session: an advisory lock on `NAME.lock` beside the session file (never on the
//! file that gets renamed over). The kernel drops the lock when its process dies, so the lock of a
//! crashed writer is taken over by simply locking again. The file says who holds it.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Who holds (or held) a lock, as written into the lock file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub host: String,
    pub pid: u32,
    pub since: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
    /// The holder before us, when a writer died without releasing the file's contents.
    pub taken_over_from: Option<Holder>,
}

/// `2024-03-14_bauausschuss.lock` for `2024-03-14_bauausschuss.ron`.
pub fn lock_path(session: &Path) -> PathBuf {
    session.with_extension("lock")
}

impl Lock {
    pub fn acquire(session: &Path) -> Result<Lock, LockError> {
        let path = lock_path(session);
        if super::writes_forbidden() {
            let cause =
                std::io::Error::new(std::io::ErrorKind::PermissionDenied, "nur lesend geöffnet");
            return Err(LockError::Io { path, cause });
        }
        let io = |cause| LockError::Io {
            path: path.clone(),
            cause,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        let mut previous = String::new();
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                file.read_to_string(&mut previous).map_err(io)?;
                let holder = Holder::parse(&previous).unwrap_or(Holder {
                    host: "?".into(),
                    pid: 0,
                    since: "?".into(),
                });
                return Err(LockError::Held {
                    session: session.to_path_buf(),
                    holder,
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        file.read_to_string(&mut previous).map_err(io)?;
        let taken_over_from = Holder::parse(&previous);
        let me = Holder::me();
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        write!(
            file,
            "host={}\npid={}\nsince={}\n",
            me.host, me.pid, me.since
        )
        .map_err(io)?;
        file.sync_data().map_err(io)?;
        Ok(Lock {
            file,
            taken_over_from,
        })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // An empty lock file tells the next writer that we ended cleanly.
        let _ = self.file.set_len(0);
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
