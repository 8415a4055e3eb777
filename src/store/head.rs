//! The start of a session file: its version, body and date, read by the one reader of the
//! format (RON through serde, the names of [`Session`]'s fields) without reading the rest.
//! Enough for a list to show a session at once; whether the whole file reads, and what it
//! holds, comes from [`load`](super::load) (the browser completes its list so).

use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::domain::{SCHEMA_VERSION, Session};

use super::{LoadError, ron_options};

/// What [`head`] reads of a session file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub body: String,
    pub date: NaiveDate,
}

/// How much of a file is read first; the fields of the head stand in its first lines.
const START: usize = 16 * 1024;

/// The message that ends reading once the head is read (not an error of the file).
const DONE: &str = "sitzung: Kopf gelesen";

/// Reads the head of a session file from its first bytes; where those do not hold it (fields
/// in another order, a long name), the whole file.
pub fn head(path: &Path) -> Result<Head, LoadError> {
    let io = |cause| LoadError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let mut start = Vec::with_capacity(START);
    super::file::open_following(path)
        .and_then(|f| f.take(START as u64).read_to_end(&mut start))
        .map_err(io)?;
    // The cut may fall inside a character: the text up to it.
    let text = match std::str::from_utf8(&start) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&start[..e.valid_up_to()]).unwrap_or_default(),
    };
    if let Some(head) = read_head(path, text)? {
        return Ok(head);
    }
    let session: Session = super::load(path)?;
    Ok(Head {
        body: session.body,
        date: session.date,
    })
}

/// The head from the start of a file's text; `None` when this part does not hold it.
fn read_head(path: &Path, text: &str) -> Result<Option<Head>, LoadError> {
    let found = RefCell::new(Found::default());
    // Ends with an error: the one that stops it once the head is read, or the end of the
    // part read; what was found decides.
    let _ = ron_options().from_str_seed(text, HeadSeed(&found));
    let found = found.into_inner();
    match (found.version, found.body, found.date) {
        (Some(v), _, _) if v > SCHEMA_VERSION => Err(LoadError::NewerVersion {
            path: path.to_path_buf(),
            found: v,
            supported: SCHEMA_VERSION,
        }),
        (Some(0), _, _) => Err(LoadError::UnknownVersion {
            path: path.to_path_buf(),
            found: 0,
        }),
        (Some(_), Some(body), Some(date)) => match NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
            Ok(date) => Ok(Some(Head { body, date })),
            Err(_) => Ok(None),
        },
        // Not all of it in this part (or not readable so far): the whole file decides.
        _ => Ok(None),
    }
}

#[derive(Default)]
struct Found {
    version: Option<u32>,
    body: Option<String>,
    date: Option<String>,
}

struct HeadSeed<'a>(&'a RefCell<Found>);

impl<'de> de::DeserializeSeed<'de> for HeadSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("Session", &[], self)
    }
}

impl<'de> Visitor<'de> for HeadSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("eine Sitzung")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => self.0.borrow_mut().version = Some(map.next_value()?),
                "body" => self.0.borrow_mut().body = Some(map.next_value()?),
                "date" => self.0.borrow_mut().date = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            let found = self.0.borrow();
            if found.version.is_some() && found.body.is_some() && found.date.is_some() {
                // Stop here: the rest of the file is not needed.
                return Err(de::Error::custom(DONE));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_is_what_the_whole_file_says_in_any_layout() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron");
        let session = super::super::load(&path).unwrap();
        let saved = super::super::to_ron(&session);
        let dir = tempfile::tempdir().unwrap();
        let compact = ron::to_string(&session).unwrap();
        // Fields in another order: the date at the very end, after everything else.
        let moved = saved.replacen("  date: \"2024-03-14\",\n", "", 1).replacen(
            "  agenda: [",
            "  date: \"2024-03-14\",\n  agenda: [",
            1,
        );
        for (name, text) in [("saved", &saved), ("compact", &compact), ("moved", &moved)] {
            let file = dir.path().join(format!("{name}.ron"));
            std::fs::write(&file, text).unwrap();
            assert_eq!(super::super::load(&file).unwrap(), session, "{name} reads");
            let head = head(&file).unwrap();
            assert_eq!(
                (head.body.as_str(), head.date),
                (session.body.as_str(), session.date),
                "{name}"
            );
        }
        let newer = dir.path().join("newer.ron");
        std::fs::write(&newer, saved.replacen("version: 1", "version: 9", 1)).unwrap();
        assert!(matches!(head(&newer), Err(LoadError::NewerVersion { .. })));
        let broken = dir.path().join("broken.ron");
        std::fs::write(&broken, "(version: 1, body: ").unwrap();
        assert!(head(&broken).is_err(), "a file without a head is an error");
    }
}
