//! Errors of the store. Each names the file; parse errors name line and column too.

use std::path::{Path, PathBuf};

/// Why a session file could not be read. The file is never touched after such an error.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: kann nicht gelesen werden: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}: die Datei ist leer, erwartet wird eine Sitzung im RON-Format", path.display())]
    Empty { path: PathBuf },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{}: Dateiversion {found} ist neuer als die, die dieses Programm kennt ({supported}); bitte sitzung aktualisieren",
        path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: unbekannte Dateiversion {found}", path.display())]
    UnknownVersion { path: PathBuf, found: u32 },
}

impl LoadError {
    pub(crate) fn syntax(path: &Path, e: &ron::error::SpannedError) -> LoadError {
        let (line, col) = (e.span.start.line, e.span.start.col);
        let mut message = match &e.code {
            ron::Error::MissingStructField {
                field: "version", ..
            } => {
                format!(
                    "das Feld `version` fehlt (erwartet: `version: {}`)",
                    crate::domain::SCHEMA_VERSION
                )
            }
            other => other.to_string(),
        };
        if line == 1 && col <= 2 {
            // Failing on the very first character means this is not a session file at all.
            message.push_str(" (keine Sitzungsdatei im RON-Format?)");
        }
        LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            col,
            message,
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Empty { path }
            | LoadError::Syntax { path, .. }
            | LoadError::NewerVersion { path, .. }
            | LoadError::UnknownVersion { path, .. } => path,
        }
    }
}

/// Why the folder could not be used or a file not written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{}: liegt außerhalb des Sitzungsordners {}; einen anderen Ordner wählt --dir oder SITZUNG_DIR",
        path.display(),
        dir.display()
    )]
    OutsideFolder { path: PathBuf, dir: PathBuf },
    #[error("{}: diese Sitzungsdatei gibt es nicht (sitzung list zeigt alle)", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: nur lesend geöffnet (--read-only / SITZUNG_READ_ONLY): es wird nichts geschrieben", path.display())]
    ReadOnly { path: PathBuf },
}
