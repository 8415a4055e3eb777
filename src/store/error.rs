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
    /// `message` names what was expected, never what was found: a reader of the archive may
    /// not see it (a mistyped value in a closed item). `detail` is the whole message, for `check`.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
        detail: Option<String>,
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
            ron::Error::NoSuchEnumVariant {
                expected, outer, ..
            } => format!(
                "unbekannter Wert{}; erwartet: {}",
                outer
                    .as_ref()
                    .map(|o| format!(" für {o}"))
                    .unwrap_or_default(),
                one_of(expected)
            ),
            ron::Error::NoSuchStructField {
                expected, outer, ..
            } => format!(
                "unbekanntes Feld{}; erwartet: {}",
                outer
                    .as_ref()
                    .map(|o| format!(" in {o}"))
                    .unwrap_or_default(),
                one_of(expected)
            ),
            ron::Error::MissingStructField { field, outer } => format!(
                "das Feld `{field}` fehlt{}",
                outer
                    .as_ref()
                    .map(|o| format!(" in {o}"))
                    .unwrap_or_default()
            ),
            ron::Error::InvalidValueForType { expected, .. } => {
                format!("ungültiger Wert; erwartet: {expected}")
            }
            other => without_quotes(&other.to_string()),
        };
        let full = e.code.to_string();
        let hidden = matches!(
            e.code,
            ron::Error::NoSuchEnumVariant { .. }
                | ron::Error::NoSuchStructField { .. }
                | ron::Error::InvalidValueForType { .. }
        ) || message.contains('…');
        let detail = (full != message).then_some(full);
        if hidden {
            message.push_str(" (den Wert nennt sitzung check)");
        }
        if line == 1 && col <= 2 {
            // Failing on the very first character means this is not a session file at all.
            message.push_str(" (keine Sitzungsdatei im RON-Format?)");
        }
        LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            col,
            message,
            detail,
        }
    }

    /// A syntax error in a house style: the whole message (a layout holds no secret), without
    /// the hint about sessions.
    pub(crate) fn layout_syntax(path: &Path, e: &ron::error::SpannedError) -> LoadError {
        match LoadError::syntax(path, e) {
            LoadError::Syntax {
                path,
                line,
                col,
                message,
                detail,
            } => {
                // A layout holds no secret: the whole message, with what was found.
                let _ = detail;
                let message = match &e.code {
                    ron::Error::DuplicateStructField { field, .. } => {
                        format!("das Feld `{field}` steht zweimal da")
                    }
                    ron::Error::NoSuchStructField {
                        expected,
                        found,
                        outer,
                    } => format!(
                        "unbekanntes Feld `{found}`{}; erwartet: {}",
                        outer
                            .as_ref()
                            .map(|o| format!(" in {o}"))
                            .unwrap_or_default(),
                        one_of(expected)
                    ),
                    ron::Error::NoSuchEnumVariant {
                        expected, found, ..
                    } => format!("unbekannter Wert `{found}`; erwartet: {}", one_of(expected)),
                    _ => message,
                };
                let message = message
                    .replace(" (den Wert nennt sitzung check)", "")
                    .replace(
                        " (keine Sitzungsdatei im RON-Format?)",
                        " (keine Layout-Datei im RON-Format?)",
                    );
                LoadError::Syntax {
                    path,
                    line,
                    col,
                    message,
                    detail: None,
                }
            }
            other => other,
        }
    }

    /// The whole message, with what was found (for `check`, run by who fixes the file).
    pub fn detailed(&self) -> String {
        match self {
            LoadError::Syntax {
                path,
                line,
                col,
                detail: Some(detail),
                ..
            } => format!("{}:{line}:{col}: {detail}", path.display()),
            other => other.to_string(),
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
    /// A new session with a text no session may hold (`domain::first_unclean`): it would be a
    /// file the loader refuses.
    #[error("{0}")]
    Unclean(String),
}

fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A message with every quoted part (`"…"`, `` `…` ``, „…“) left out: those quote the file.
fn without_quotes(message: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in message.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '"' => closing = Some('"'),
                '`' => closing = Some('`'),
                '„' => closing = Some('“'),
                c => out.push(c),
            },
        }
        if closing.is_some() && !out.ends_with('…') {
            out.push('…');
        }
    }
    out
}
