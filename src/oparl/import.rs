//! A meeting from an OParl dump, as a session ready to record: body, date, planned start and
//! place, the agenda with its public flags and Vorlagen, the members valid on the day with
//! their Fraktion. Real data is rough: what does not fit is tolerated and said, each time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;

use crate::domain::{AgendaItem, Person, PersonKind, Salutation, Session, Time, Vorlage};

use super::json;

/// Why nothing could be imported. Nothing is written then.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: kann nicht gelesen werden: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Json {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("keine Sitzung (Meeting) gefunden in {0}")]
    NoMeeting(String),
    #[error("mehrere Sitzungen, bitte mit --meeting eine wählen: {}", .0.join(", "))]
    SeveralMeetings(Vec<String>),
    #[error("die Sitzung {0} hat kein Datum (start)")]
    NoDate(String),
    #[error("{url}: {message}")]
    Http { url: String, message: String },
}

/// Every OParl object of a source, by id; what was odd about reading it.
#[derive(Debug, Default)]
pub struct Dump {
    objects: Vec<Value>,
    by_id: HashMap<String, usize>,
    pub warnings: Vec<String>,
    /// The object limit was reached.
    full: bool,
}

/// At most this many objects: a council's meeting needs a few thousand.
const MAX_OBJECTS: usize = 200_000;

/// What an import gives: the session, what it took, and what it left or doubted.
#[derive(Debug)]
pub struct Imported {
    pub session: Session,
    pub took: Vec<String>,
    pub warnings: Vec<String>,
}

/// The last part of an object's type: "Meeting" of "https://schema.oparl.org/1.1/Meeting".
fn kind(v: &Value) -> &str {
    v.get("type")
        .and_then(Value::as_str)
        .and_then(|t| t.rsplit('/').next())
        .unwrap_or("")
}

impl Dump {
    /// A file (a Meeting, a list page, any OParl object) or a folder of such files.
    pub fn read(path: &Path) -> Result<Dump, ImportError> {
        let mut dump = Dump::default();
        let io = |cause| ImportError::Io {
            path: path.to_path_buf(),
            cause,
        };
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                        && p.is_file()
                })
                .collect();
            files.sort();
            for file in files {
                let (text, latin) = read_text(&file)?;
                dump.note_encoding(&file, latin);
                dump.add(&file, &text)?;
            }
        } else {
            let (text, latin) = read_text(path)?;
            dump.note_encoding(path, latin);
            dump.add(path, &text)?;
        }
        Ok(dump)
    }

    /// Says that a file was not UTF-8.
    pub fn note_encoding(&mut self, path: &Path, latin: bool) {
        if latin {
            self.warnings.push(format!(
                "{}: kein UTF-8, als Windows-1252 gelesen (Umlaute prüfen)",
                path.display()
            ));
        }
    }

    /// Adds the objects of one JSON text.
    pub fn add(&mut self, path: &Path, text: &str) -> Result<(), ImportError> {
        let (value, repaired) = json::parse(text).map_err(|e| ImportError::Json {
            path: path.to_path_buf(),
            line: e.line,
            col: e.col,
            message: e.message,
        })?;
        if repaired {
            self.warnings.push(format!(
                "{}: rohe Steuerzeichen (Zeilenumbrüche, Tabulatoren) in Zeichenketten repariert, \
                 wie meine-stadt-transparent es tut",
                path.display()
            ));
        }
        self.collect(value);
        Ok(())
    }

    /// Indexes every object with an id and a type, embedded ones too (the agenda items of a
    /// meeting, the items of a list page's `data`). Each is kept once: where it was embedded,
    /// its id stands in its place (a reference, as the spec allows either).
    fn collect(&mut self, value: Value) {
        let _ = self.take(value);
    }

    fn take(&mut self, value: Value) -> Value {
        match value {
            Value::Array(items) => Value::Array(items.into_iter().map(|i| self.take(i)).collect()),
            Value::Object(mut map) => {
                // A membership embedded in its person (or organization) may leave out whose
                // it is: it is the parent's.
                let parent = map.get("id").and_then(Value::as_str).map(str::to_string);
                let implied = match map
                    .get("type")
                    .and_then(Value::as_str)
                    .and_then(|t| t.rsplit('/').next())
                {
                    Some("Person") => Some("person"),
                    Some("Organization") => Some("organization"),
                    _ => None,
                };
                if let (Some(parent), Some(field), Some(Value::Array(ms))) =
                    (parent, implied, map.get_mut("membership"))
                {
                    for ms in ms.iter_mut().filter_map(Value::as_object_mut) {
                        ms.entry(field)
                            .or_insert_with(|| Value::String(parent.clone()));
                    }
                }
                let map: serde_json::Map<String, Value> =
                    map.into_iter().map(|(k, v)| (k, self.take(v))).collect();
                let v = Value::Object(map);
                let Some(id) = v.get("id").and_then(Value::as_str).map(str::to_string) else {
                    return v;
                };
                if kind(&v).is_empty() {
                    return v;
                }
                if self.objects.len() >= MAX_OBJECTS {
                    if !self.full {
                        self.full = true;
                        self.warnings.push(format!(
                            "mehr als {MAX_OBJECTS} Objekte: der Rest wird übergangen"
                        ));
                    }
                    return Value::String(id);
                }
                // The fullest copy counts: a meeting's embedded item may be a stub.
                let size = v.as_object().map_or(0, |m| m.len());
                match self.by_id.get(&id) {
                    Some(&i) => {
                        let old = &self.objects[i];
                        if kind(old) != kind(&v) {
                            self.warnings.push(format!(
                                "die id {id} steht für zwei verschiedene Objekte ({} und {}): das erste gilt",
                                kind(old),
                                kind(&v)
                            ));
                        } else if old.as_object().map_or(0, |m| m.len()) < size {
                            self.objects[i] = v;
                        }
                    }
                    None => {
                        self.by_id.insert(id.clone(), self.objects.len());
                        self.objects.push(v);
                    }
                }
                Value::String(id)
            }
            other => other,
        }
    }

    fn get(&self, id: &str) -> Option<&Value> {
        self.by_id.get(id).map(|&i| &self.objects[i])
    }

    /// The first object of a kind ("Body").
    pub fn first<'a>(&'a self, k: &'a str) -> Option<&'a Value> {
        self.of_kind(k).next()
    }

    /// The object with this id, if the dump has it.
    pub(crate) fn object(&self, id: &str) -> Option<&Value> {
        self.get(id)
    }

    /// How many objects it holds.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// A reference: a URL resolved in the dump, or an object given in place.
    fn resolve<'a>(&'a self, r: &'a Value) -> Option<&'a Value> {
        match r {
            Value::String(id) => self.get(id),
            Value::Object(_) => r
                .get("id")
                .and_then(Value::as_str)
                .and_then(|id| self.get(id))
                .or(Some(r)),
            _ => None,
        }
    }

    fn of_kind<'a>(&'a self, k: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.objects.iter().filter(move |v| kind(v) == k)
    }
}

fn read_text(path: &Path) -> Result<(String, bool), ImportError> {
    let bytes = std::fs::read(path).map_err(|cause| ImportError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    Ok(decode(bytes))
}

/// UTF-8, or else Windows-1252 (what older systems write): the text, and whether it was the latter.
pub fn decode(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => {
            const HIGH: [char; 32] = [
                '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}',
                'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›',
                'œ', '\u{9d}', 'ž', 'Ÿ',
            ];
            let text = e
                .into_bytes()
                .into_iter()
                .map(|b| match b {
                    0x80..=0x9f => HIGH[usize::from(b - 0x80)],
                    b => char::from(b),
                })
                .collect();
            (text, true)
        }
    }
}

/// Lenient reading of fields, each oddity said once per field and object kind.
struct Reader<'a> {
    dump: &'a Dump,
    warnings: Vec<String>,
}

impl Reader<'_> {
    fn warn(&mut self, w: String) {
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    /// A text: trimmed, line breaks folded; empty and "N/A" are none.
    fn text(&mut self, v: &Value, key: &str) -> Option<String> {
        let raw = match v.get(key)? {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Null => return None,
            _ => {
                self.warn(format!("{}.{key}: kein Text, übergangen", kind(v)));
                return None;
            }
        };
        if raw.contains(['\n', '\r', '\t']) {
            self.warn(format!(
                "{}.{key}: Zeilenumbrüche im Text zu Leerzeichen",
                kind(v)
            ));
        }
        let folded = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        // What the file format does not allow in a line (controls, direction overrides).
        let clean: String = folded
            .chars()
            .filter(|c| crate::domain::allowed("title", *c))
            .collect();
        if clean != folded {
            self.warn(format!(
                "{}.{key}: Steuer- oder Richtungszeichen entfernt",
                kind(v)
            ));
        }
        let folded = clean;
        let empty = ["", "n/a", "na", "-", "--", "k.a.", "null"];
        if empty.contains(&folded.to_lowercase().as_str()) {
            if !folded.is_empty() {
                self.warn(format!("{}.{key}: „{folded}“ als leer gelesen", kind(v)));
            }
            return None;
        }
        Some(folded)
    }

    /// A list: an object where a list is expected is a list of one.
    fn list<'v>(&mut self, v: &'v Value, key: &str) -> Vec<&'v Value> {
        match v.get(key) {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(Value::Null) | None => Vec::new(),
            Some(other) => {
                self.warn(format!(
                    "{}.{key}: ein Objekt statt einer Liste, als Liste gelesen",
                    kind(v)
                ));
                vec![other]
            }
        }
    }

    fn bool(&mut self, v: &Value, key: &str) -> Option<bool> {
        match v.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => {
                self.warn(format!("{}.{key}: kein Wahrheitswert, übergangen", kind(v)));
                None
            }
        }
    }

    /// Keys with a vendor prefix ("ris:extra"): allowed by the spec, not ours to read.
    fn vendor_keys(&mut self, v: &Value) {
        if let Some(map) = v.as_object() {
            for key in map.keys().filter(|k| k.contains(':')) {
                self.warn(format!("{}: Herstellerfeld „{key}“ übergangen", kind(v)));
            }
        }
    }
}

/// A date-time or a date of the spec: the day and the time of day as written (local).
fn date_time(text: &str) -> Option<(NaiveDate, Option<Time>)> {
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        let local = dt.naive_local();
        use chrono::Timelike;
        return Some((local.date(), Time::hm(local.hour(), local.minute())));
    }
    if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
        use chrono::Timelike;
        return Some((dt.date(), Time::hm(dt.hour(), dt.minute())));
    }
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d")
        .ok()
        .map(|d| (d, None))
}

/// An agenda number as the RIS writes it: "3." → "3", "TOP 4" → "4"; "16.1.4.11", "c)" and
/// "Ö 1" stay as written, "Ö 1" and "N 1" give the public flag too.
fn number(raw: &str) -> (String, Option<bool>) {
    let mut n = raw.trim();
    if let Some(rest) = n.strip_prefix("TOP") {
        n = rest.trim_start();
    }
    let public = if n.starts_with("Ö") {
        Some(true)
    } else if n.starts_with("NÖ")
        || n.starts_with('N')
            && n[1..].starts_with([' ', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    {
        Some(false)
    } else {
        None
    };
    let n = n
        .strip_prefix("NÖ ")
        .map(|r| format!("N {r}"))
        .unwrap_or_else(|| n.to_string());
    (n.trim_end_matches('.').trim().to_string(), public)
}

/// Whether a header says the items after it are public: "A Öffentliche Sitzung" → true,
/// "B Nichtöffentliche Sitzung" → false; none for anything else.
fn header_public(name: &str) -> Option<bool> {
    let l = name.to_lowercase();
    if l.contains("nichtöffentlich")
        || l.contains("nicht öffentlich")
        || l.contains("nicht-öffentlich")
    {
        Some(false)
    } else if l.contains("öffentlich") {
        Some(true)
    } else {
        None
    }
}

fn is_mime(t: &str) -> bool {
    let mut parts = t.split('/');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    };
    ok(a) && ok(b.split(';').next().unwrap_or(""))
}

/// The meeting `chosen` (its id or name), or the only one.
fn meeting<'a>(
    dump: &'a Dump,
    chosen: Option<&str>,
    source: &str,
) -> Result<&'a Value, ImportError> {
    let meetings: Vec<&Value> = dump.of_kind("Meeting").collect();
    let name = |m: &Value| {
        m.get("name")
            .and_then(Value::as_str)
            .or_else(|| m.get("id").and_then(Value::as_str))
            .unwrap_or("?")
            .to_string()
    };
    match chosen {
        Some(c) => meetings
            .into_iter()
            .find(|m| m.get("id").and_then(Value::as_str) == Some(c) || name(m) == c)
            .ok_or_else(|| ImportError::NoMeeting(format!("{source} (gesucht: {c})"))),
        None => match meetings.as_slice() {
            [] => Err(ImportError::NoMeeting(source.to_string())),
            [one] => Ok(one),
            many => Err(ImportError::SeveralMeetings(
                many.iter().map(|m| name(m)).collect(),
            )),
        },
    }
}

/// "der Stadt Musterstadt", "des Kreises Nordland" for a Body's name, to follow the body.
fn of_body(name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    let feminine = [
        "stadt",
        "gemeinde",
        "samtgemeinde",
        "verbandsgemeinde",
        "ortsgemeinde",
        "region",
        "städteregion",
        "hansestadt",
        "landeshauptstadt",
    ];
    if feminine.contains(&first.as_str()) {
        format!("der {name}")
    } else if first == "kreis" || first == "landkreis" {
        let (head, rest) = name.split_once(' ').unwrap_or((name, ""));
        format!("des {head}es {rest}").trim_end().to_string()
    } else {
        format!("– {name}")
    }
}

/// Imports the meeting `chosen` (or the only one) of `dump`; `body` is a Body object the dump
/// lacks (`--body-file`).
pub fn import(
    dump: &Dump,
    chosen: Option<&str>,
    body: Option<&Value>,
    source: &str,
) -> Result<Imported, ImportError> {
    let mut r = Reader {
        dump,
        warnings: dump.warnings.clone(),
    };
    let mut took = Vec::new();
    let m = meeting(dump, chosen, source)?;
    r.vendor_keys(m);
    let meeting_name = r.text(m, "name").unwrap_or_else(|| "Sitzung".to_string());
    let Some((date, planned)) = r.text(m, "start").as_deref().and_then(date_time) else {
        return Err(ImportError::NoDate(meeting_name));
    };
    if let (Some(end), Some(start)) = (
        r.text(m, "end").as_deref().and_then(date_time),
        r.text(m, "start").as_deref().and_then(date_time),
    ) && end < start
    {
        r.warn("Meeting.end liegt vor start: übergangen".to_string());
    }
    // The body: the meeting's first organization.
    let orgs = r.list(m, "organization");
    let org = orgs.first().and_then(|o| dump.resolve(o));
    let org_id = orgs.first().and_then(|o| {
        o.as_str()
            .map(str::to_string)
            .or_else(|| o.get("id").and_then(Value::as_str).map(str::to_string))
    });
    let mut body_name = match org {
        Some(o) => r.text(o, "name").or_else(|| r.text(o, "shortName")),
        None => None,
    }
    .unwrap_or_else(|| {
        r.warn(
            "das Gremium (organization) fehlt im Export: der Name der Sitzung wird genommen".into(),
        );
        meeting_name.clone()
    });
    let body_object = body.or_else(|| {
        org.and_then(|o| o.get("body"))
            .and_then(|b| dump.resolve(b))
    });
    if let Some(council) = body_object.and_then(|b| r.text(b, "name"))
        && !body_name.contains(&council)
    {
        body_name = format!("{body_name} {}", of_body(&council));
    }
    let mut session = Session::new(&body_name, date);
    session.planned_start = planned;
    // "12. Sitzung des Bauausschusses": the session's number.
    if let Some((n, rest)) = meeting_name.split_once(". ")
        && rest.starts_with("Sitzung")
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        session.number = Some(n.to_string());
        took.push(format!("Sitzungsnummer: {n}"));
    }
    took.push(format!("Gremium: {body_name}"));
    took.push(format!(
        "Datum: {}{}",
        crate::render::german::date(date),
        planned
            .map(|t| format!(", geplanter Beginn {} Uhr", t.hhmm()))
            .unwrap_or_default()
    ));
    // The place.
    if let Some(loc) = m.get("location").and_then(|l| dump.resolve(l)) {
        let place = r.text(loc, "description").or_else(|| {
            let parts: Vec<String> = ["room", "streetAddress", "locality"]
                .iter()
                .filter_map(|k| r.text(loc, k))
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        });
        if let Some(p) = &place {
            took.push(format!("Ort: {p}"));
        }
        session.place = place;
    }
    agenda(&mut r, m, &mut session, &mut took);
    persons(&mut r, org_id.as_deref(), date, &mut session, &mut took);
    Ok(Imported {
        session,
        took,
        warnings: r.warnings,
    })
}

fn agenda(r: &mut Reader, m: &Value, session: &mut Session, took: &mut Vec<String>) {
    let dump = r.dump;
    let mut entries: Vec<&Value> = Vec::new();
    for e in r.list(m, "agendaItem") {
        match dump.resolve(e) {
            Some(item) => entries.push(item),
            None => r.warn(format!(
                "ein TOP ({}) ist nicht im Export: übergangen",
                e.as_str().unwrap_or("ohne id")
            )),
        }
    }
    // The order: `order` where every entry has one, else as listed.
    let orders: Vec<Option<i64>> = entries
        .iter()
        .map(|e| e.get("order").and_then(Value::as_i64))
        .collect();
    let mut sorted: Vec<usize> = (0..entries.len()).collect();
    if orders.iter().all(Option::is_some) {
        sorted.sort_by_key(|&i| orders[i]);
        if let Some(first) = orders.iter().flatten().min()
            && *first != 0
        {
            r.warn(format!(
                "AgendaItem.order beginnt bei {first}: nur die Reihenfolge zählt"
            ));
        }
    } else if !entries.is_empty() {
        r.warn("AgendaItem.order fehlt: die Reihenfolge der Liste gilt".to_string());
    }
    let mut public = true;
    let mut vorlagen = 0;
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for i in sorted {
        let e = entries[i];
        r.vendor_keys(e);
        let name = r.text(e, "name").unwrap_or_default();
        let raw_number = r.text(e, "number").unwrap_or_default();
        let (number, flag) = number(&raw_number);
        // A header ("B Nichtöffentliche Sitzung") or an entry without number: the flag of
        // what follows, no item.
        let header = header_public(&name);
        let is_header = number.is_empty()
            || (header.is_some()
                && number.chars().all(|c| c.is_ascii_alphabetic())
                && name.split_whitespace().count() <= 3);
        if is_header {
            if let Some(p) = header.or(flag) {
                public = p;
            }
            let shown = format!("{} {name}", raw_number.trim());
            r.warn(format!(
                "„{}“ ist kein TOP, sondern eine Überschrift: übergangen",
                shown.trim()
            ));
            continue;
        }
        // Only what clearly says public is public: a value that cannot be read closes the item.
        let item_public = match e.get("public") {
            None => {
                r.warn("AgendaItem.public fehlt: gilt, was die Überschrift davor sagt".to_string());
                flag.unwrap_or(public)
            }
            Some(Value::Bool(p)) => *p,
            Some(Value::String(t)) if t.trim().eq_ignore_ascii_case("true") => true,
            Some(Value::String(t)) if t.trim().eq_ignore_ascii_case("false") => false,
            Some(other) => {
                r.warn(format!(
                    "TOP {number}: public ist {other}, kein Wahrheitswert: als nichtöffentlich übernommen"
                ));
                false
            }
        };
        // A number the file format takes, once: else the next free one, and said.
        let number = if !crate::domain::is_valid_number(&number) {
            let free = session.next_free_number(session.agenda.len());
            r.warn(format!(
                "TOP-Nummer „{number}“ ist keine gültige Nummer: als {free} übernommen"
            ));
            free
        } else if taken.contains(&number) {
            let free = session.next_free_number(session.agenda.len());
            r.warn(format!(
                "TOP {number} kommt doppelt vor: das zweite als {free} übernommen"
            ));
            free
        } else {
            number
        };
        taken.insert(number.clone());
        let mut item = AgendaItem::new(&number, &name);
        item.closed = !item_public;
        // The Vorlage: consultation → paper.
        let paper = e
            .get("consultation")
            .and_then(|c| dump.resolve(c))
            .and_then(|c| c.get("paper"))
            .and_then(|p| dump.resolve(p));
        if let Some(p) = paper {
            r.vendor_keys(p);
            if let Some(reference) = r.text(p, "reference") {
                let mut attachments = Vec::new();
                let main = p.get("mainFile").into_iter().collect::<Vec<_>>();
                let aux = r.list(p, "auxiliaryFile");
                for f in main.into_iter().chain(aux).filter_map(|f| dump.resolve(f)) {
                    if let Some(mime) = r.text(f, "mimeType")
                        && !is_mime(&mime)
                    {
                        r.warn(format!(
                            "File.mimeType „{mime}“ ist kein MIME-Typ: übergangen"
                        ));
                    }
                    if let Some(name) = r.text(f, "fileName").or_else(|| r.text(f, "name")) {
                        attachments.push(name);
                    }
                }
                item.vorlage = Some(Vorlage {
                    number: reference,
                    title: r.text(p, "name").unwrap_or_default(),
                    kind: r.text(p, "paperType"),
                    attachments,
                });
                vorlagen += 1;
            }
        }
        session.agenda.push(item);
    }
    let closed = session.agenda.iter().filter(|i| i.closed).count();
    took.push(format!(
        "Tagesordnung: {} TOPs, davon {closed} nichtöffentlich, {vorlagen} mit Vorlage",
        session.agenda.len()
    ));
}

fn valid_on(r: &mut Reader, v: &Value, date: NaiveDate) -> bool {
    let day =
        |key: &str, r: &mut Reader| r.text(v, key).and_then(|t| date_time(&t)).map(|(d, _)| d);
    let from = day("startDate", r);
    let until = day("endDate", r);
    from.is_none_or(|f| f <= date) && until.is_none_or(|u| u >= date)
}

fn persons(
    r: &mut Reader,
    org: Option<&str>,
    date: NaiveDate,
    session: &mut Session,
    took: &mut Vec<String>,
) {
    let dump = r.dump;
    let Some(org) = org else {
        return;
    };
    let memberships: Vec<&Value> = dump
        .of_kind("Membership")
        .filter(|ms| ms.get("organization").and_then(Value::as_str) == Some(org))
        .collect();
    let mut skipped = 0;
    // The memberships of each person, once (a person's Fraktion is looked up among them).
    let mut by_person: HashMap<&str, Vec<&Value>> = HashMap::new();
    for f in dump.of_kind("Membership") {
        if let Some(p) = f.get("person").and_then(Value::as_str) {
            by_person.entry(p).or_default().push(f);
        }
    }
    // OParl person → the session's person: two memberships of one person are one person.
    let mut known: HashMap<String, String> = HashMap::new();
    for ms in memberships {
        if !valid_on(r, ms, date) {
            skipped += 1;
            continue;
        }
        let Some(p) = ms.get("person").and_then(|p| dump.resolve(p)) else {
            r.warn("Membership.person nicht im Export: übergangen".to_string());
            continue;
        };
        r.vendor_keys(p);
        let oparl_id = p
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let role = r.text(ms, "role");
        if let Some(existing) = known.get(&oparl_id).filter(|_| !oparl_id.is_empty()) {
            // A second membership of the same person: its role may make them the chair.
            if let Some(role) = &role {
                let l = role.to_lowercase();
                if l.contains("vorsitz") && !l.contains("stellv") && session.chair.is_none() {
                    session.chair = Some(existing.clone());
                }
            }
            continue;
        }
        let (given, family) = match (r.text(p, "givenName"), r.text(p, "familyName")) {
            (Some(g), Some(f)) => (g, f),
            (g, f) => {
                let name = r.text(p, "name").unwrap_or_default();
                match name.rsplit_once(' ') {
                    Some((g2, f2)) => (
                        g.unwrap_or_else(|| g2.to_string()),
                        f.unwrap_or_else(|| f2.to_string()),
                    ),
                    None => (g.unwrap_or_default(), f.unwrap_or(name)),
                }
            }
        };
        if family.is_empty() {
            r.warn("Person ohne Namen: übergangen".to_string());
            continue;
        }
        let salutation = match r.text(p, "formOfAddress").as_deref() {
            Some("Frau") => Salutation::Frau,
            Some("Herr") => Salutation::Herr,
            _ => Salutation::Keine,
        };
        let id = session.free_person_id(&family);
        let mut person = Person::member(&id, salutation, &given, &family);
        let titles: Vec<String> = r
            .list(p, "title")
            .into_iter()
            .filter_map(|t| {
                t.as_str()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
            })
            .collect();
        if !titles.is_empty() {
            person.title = Some(titles.join(" "));
        }
        if r.bool(ms, "votingRight") == Some(false) {
            person.kind = PersonKind::Beratend;
        }
        if let Some(role) = &role {
            let l = role.to_lowercase();
            if l.contains("vorsitz") && !l.contains("stellv") && session.chair.is_none() {
                session.chair = Some(id.clone());
            }
            if !["mitglied", "ordentliches mitglied"].contains(&l.as_str()) {
                person.function = Some(role.clone());
            }
        }
        // The Fraktion: a membership of this person in an organization of type Fraktion.
        person.fraktion = by_person
            .get(oparl_id.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter_map(|f| {
                f.get("organization")
                    .and_then(|o| dump.resolve(o))
                    .map(|o| (f, o))
            })
            .filter(|(_, o)| {
                [o.get("organizationType"), o.get("classification")]
                    .iter()
                    .flatten()
                    .filter_map(|t| t.as_str())
                    .any(|t| t.to_lowercase().contains("fraktion"))
            })
            .find(|(f, _)| {
                let from = f
                    .get("startDate")
                    .and_then(Value::as_str)
                    .and_then(date_time)
                    .map(|(d, _)| d);
                let until = f
                    .get("endDate")
                    .and_then(Value::as_str)
                    .and_then(date_time)
                    .map(|(d, _)| d);
                from.is_none_or(|d| d <= date) && until.is_none_or(|d| d >= date)
            })
            .and_then(|(_, o)| {
                o.get("shortName")
                    .or_else(|| o.get("name"))
                    .and_then(Value::as_str)
                    .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            });
        known.insert(oparl_id, person.id.clone());
        session.persons.push(person);
    }
    let voting = session
        .persons
        .iter()
        .filter(|p| p.kind == PersonKind::Mitglied)
        .count();
    took.push(format!(
        "Personen: {} ({voting} stimmberechtigt){}",
        session.persons.len(),
        if skipped > 0 {
            format!("; {skipped} Mitgliedschaften an diesem Tag nicht gültig")
        } else {
            String::new()
        }
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_the_ris_writes_them() {
        assert_eq!(number("3."), ("3".into(), None));
        assert_eq!(number("16.1.4.11"), ("16.1.4.11".into(), None));
        assert_eq!(number("Ö 1"), ("Ö 1".into(), Some(true)));
        assert_eq!(number("N 12"), ("N 12".into(), Some(false)));
        assert_eq!(number("c)"), ("c)".into(), None));
        assert_eq!(number("Neues"), ("Neues".into(), None));
        assert_eq!(number("TOP 4.2"), ("4.2".into(), None));
        assert_eq!(header_public("B Nichtöffentliche Sitzung"), Some(false));
        assert_eq!(header_public("A Öffentliche Sitzung"), Some(true));
        assert!(is_mime("application/pdf") && !is_mime("PDF-Datei") && !is_mime("application/"));
        assert_eq!(of_body("Stadt Musterstadt"), "der Stadt Musterstadt");
        assert_eq!(of_body("Kreis Nordland"), "des Kreises Nordland");
    }
}
