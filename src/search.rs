//! Full-text search over the archive, German-aware: case does not matter, `strasse` finds
//! `Straße`, `mueller` and `muller` find `Müller`; words in quotes are a phrase; every other word
//! must occur in the same paragraph. Hits are paragraphs, item titles and Beschlussvorschläge,
//! each with the byte ranges to highlight.
//!
//! A query becomes one regular expression per term (`u` → `(?:ue|[uüú…])`, `ss` → `(?:ss|ß)`),
//! so the same expressions first sift the raw files (most are never looked at again), then find
//! the paragraphs that can hold a hit in the lines of a saved file (`store::layout`), and last
//! find and highlight the matches in each paragraph as the protocol words it, names included
//! ("Frau Okafor fragt, ob …"; the file holds only the speaker's id). A file in any other layout
//! is parsed whole; a test keeps both ways finding the same.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{AgendaItem, Paragraph, Session};
use crate::render::german;
use crate::store;

/// Lower case, umlauts and accents folded, ß as ss, and ae/oe/ue as a/o/u: two spellings of one
/// German word fold to the same letters.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        match c {
            'ä' | 'á' | 'à' | 'â' => out.push('a'),
            'ö' | 'ó' | 'ò' | 'ô' => out.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'é' | 'è' | 'ê' => out.push('e'),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out.replace("ae", "a").replace("oe", "o").replace("ue", "u")
}

/// The pattern matching every spelling of a folded word or phrase.
fn pattern(term: &str) -> String {
    let folded = fold(term);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::from("(?i)");
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            'a' => out.push_str("(?:ae|[aäáàâ])"),
            'o' => out.push_str("(?:oe|[oöóòô])"),
            'u' => out.push_str("(?:ue|[uüúùû])"),
            'e' => out.push_str("[eéèê]"),
            's' if chars.get(i + 1) == Some(&'s') => {
                out.push_str("(?:ss|ß)");
                i += 1;
            }
            c if c.is_whitespace() => {
                out.push_str(r"\s+");
                while chars.get(i + 1).is_some_and(|n| n.is_whitespace()) {
                    i += 1;
                }
            }
            c => out.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    out
}

/// The words `german::paragraph` puts around names, and those of names that a session file
/// does not hold as such (the dative "Herrn", "dem …").
const NAME_WORDS: &str = "Auf auf Nachfrage von vom und Herrn dem der\n";

/// A parsed query: words and phrases that must all occur, and the filters.
#[derive(Clone, Debug)]
pub struct Query {
    terms: Vec<Term>,
    pub body: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub speaker: Option<String>,
    /// Search closed items too (internal edition).
    pub internal: bool,
}

/// A word or phrase of a query. One expression over bytes serves the raw files and the
/// worded paragraphs alike (the ranges it finds in a `&str` fall on character boundaries).
#[derive(Clone, Debug)]
struct Term {
    regex: regex::bytes::Regex,
    /// For a phrase: `regex`, or its first words ending a quoted id, for sifting whole files
    /// (else `regex` does).
    sift: Option<regex::bytes::Regex>,
    /// The term's first word, stripped of punctuation and of a final "n" (the dative of a
    /// role: "der Vorsitzenden"), for [`Query::by_name`]: a term that runs over a speaker's name
    /// begins in it, as nothing stands before the name. `None` when a word is punctuation only
    /// (it may stand anywhere).
    first_word: Option<regex::bytes::Regex>,
    /// Whether a word of the term is one of [`NAME_WORDS`] (which stand around askers' names).
    in_name_words: bool,
    /// `first_word` finds nothing that `regex` does not: a file without the term has no name
    /// with it either.
    word_is_term: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error(
        "leere Suche: ein Wort, eine \"Phrase in Anführungszeichen\" oder von:Name (--speaker) angeben"
    )]
    Empty,
    #[error("Suchbegriff nicht verwendbar: {0}")]
    Pattern(#[from] regex::Error),
}

impl Query {
    /// `Sporthalle "Fördermittel des Landes"`: the word and the phrase. `von:Okafor` or
    /// `von:"Frau Okafor"` keeps only what that person said (as `--speaker` does).
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut terms = Vec::new();
        let mut speaker = None;
        // `von:` standing alone takes the next word or phrase as the name.
        let mut name_follows = false;
        for (i, part) in text.split('"').enumerate() {
            if i % 2 == 1 {
                let part = part.trim();
                if std::mem::take(&mut name_follows) {
                    speaker = Some(part.to_string());
                } else if !part.is_empty() {
                    terms.push(part.to_string());
                }
                continue;
            }
            for word in part.split_whitespace() {
                let by = word
                    .get(..4)
                    .filter(|p| p.eq_ignore_ascii_case("von:"))
                    .map(|_| &word[4..]);
                if std::mem::take(&mut name_follows) {
                    speaker = Some(word.to_string());
                } else if let Some(name) = by {
                    if name.is_empty() {
                        name_follows = true;
                    } else {
                        speaker = Some(name.to_string());
                    }
                } else {
                    terms.push(word.to_string());
                }
            }
        }
        let term = |t: &String| -> Result<Term, QueryError> {
            let words: Vec<&str> = t
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .collect();
            let stem = |w: &str| -> String {
                match w.strip_suffix(['n', 'N']) {
                    Some(stem) if !stem.is_empty() => stem.to_string(),
                    _ => w.to_string(),
                }
            };
            // Any word of the term (in part) among the words around names ("auf Nachfrage vom").
            let name_words = fold(NAME_WORDS);
            let in_name_words = !words.iter().any(|w| w.is_empty())
                && words.iter().any(|w| name_words.contains(&fold(&stem(w))));
            let first_word = match words.as_slice() {
                [first, ..] if !words.iter().any(|w| w.is_empty()) => {
                    Some(regex::bytes::Regex::new(&pattern(&stem(first)))?)
                }
                _ => None,
            };
            // A phrase may begin with the id of a person not in the list (the protocol then
            // names them by it): in the file, its first words end a quoted id. Every
            // alternative begins as the phrase does, so the file is still sifted as fast.
            let sift = match words.as_slice() {
                [_, _, ..] if words.iter().all(|w| !w.is_empty()) => Some({
                    let original: Vec<&str> = t.split_whitespace().collect();
                    let ids: Vec<String> = (1..words.len())
                        .map(|k| {
                            let id = [&original[..k - 1], &words[k - 1..k]].concat().join(" ");
                            format!("|(?:{}\")", pattern(&id))
                        })
                        .collect();
                    format!("(?:{}){}", pattern(t), ids.concat())
                }),
                _ => None,
            };
            Ok(Term {
                sift: sift.map(|s| regex::bytes::Regex::new(&s)).transpose()?,
                regex: regex::bytes::Regex::new(&pattern(t))?,
                in_name_words,
                // One word, nothing stripped: where the term is not, its word is not either.
                word_is_term: words.len() == 1
                    && words[0] == t.as_str()
                    && !t.ends_with(['n', 'N']),
                first_word,
            })
        };
        Ok(Query {
            terms: terms.iter().map(term).collect::<Result<_, _>>()?,
            body: None,
            from: None,
            to: None,
            speaker,
            internal: false,
        })
    }

    fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.speaker.is_none()
    }

    /// Byte ranges of all matches in `text`, or `None` unless every term occurs.
    pub fn matches(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        let mut ranges = Vec::new();
        for term in &self.terms {
            let before = ranges.len();
            let found = term.regex.find_iter(text.as_bytes());
            ranges.extend(found.map(|m| (m.start(), m.end())));
            if ranges.len() == before {
                return None;
            }
        }
        Some(merged(ranges))
    }

    /// Byte ranges of any term in `text` (for marking lines of a longer text).
    pub fn any_matches(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        let ranges: Vec<(usize, usize)> = self
            .terms
            .iter()
            .flat_map(|t| t.regex.find_iter(text.as_bytes()))
            .map(|m| (m.start(), m.end()))
            .collect();
        (!ranges.is_empty()).then(|| merged(ranges))
    }

    /// Whether raw bytes can hold a hit at all: every term in one of the parts.
    fn may_match(&self, parts: &[&[u8]]) -> bool {
        self.terms
            .iter()
            .all(|t| parts.iter().any(|p| t.regex.is_match(p)))
    }

    /// Whether a whole file can hold a hit: every term in its bytes, or partly in a name as
    /// the protocol words it (made of the persons' names and the words around them).
    fn file_may_match(&self, file: &[u8]) -> bool {
        let mut persons = None;
        self.terms.iter().all(|t| {
            t.sift.as_ref().unwrap_or(&t.regex).is_match(file)
                || t.in_name_words
                || (!t.word_is_term
                    && t.first_word.as_ref().is_none_or(|w| {
                        let persons = *persons.get_or_insert_with(|| {
                            store::persons_part(file).map_or(file, |range| &file[range])
                        });
                        w.is_match(persons)
                    }))
        })
    }

    /// Which paragraphs (byte ranges within `within` of `bytes`) can hold a hit: those that
    /// every term touches, in their own bytes or in the names around them. One scan per term.
    fn candidates(
        &self,
        bytes: &[u8],
        within: &std::ops::Range<usize>,
        item: &store::SkeletonItem,
        by_name: &[ByName],
    ) -> Vec<bool> {
        let paragraphs = &item.paragraphs;
        let mut candidate = vec![true; paragraphs.len()];
        for (term, by_name) in self.terms.iter().zip(by_name) {
            if by_name.anywhere {
                continue;
            }
            // A match holds no quote (no term can), and between two paragraphs' texts stand
            // quotes: a match lies in one paragraph, the one where it ends. Once a paragraph
            // is touched, the search goes on after it.
            let haystack = &bytes[within.clone()];
            let mut touched = vec![false; paragraphs.len()];
            let (mut from, mut p) = (0, 0);
            while let Some(end) = term.regex.shortest_match_at(haystack, from) {
                let last = within.start + end.max(from + 1) - 1;
                while p < paragraphs.len() && paragraphs[p].end <= last {
                    p += 1;
                }
                match paragraphs.get(p) {
                    Some(para) if para.start <= last => {
                        touched[p] = true;
                        from = para.end - within.start;
                        p += 1;
                    }
                    Some(_) => from = end.max(from + 1),
                    None => break,
                }
            }
            for ((c, touched), people) in candidate.iter_mut().zip(touched).zip(&item.people) {
                *c = *c
                    && (touched
                        || people.asked
                        || people.unread
                        || people
                            .speaker
                            .clone()
                            .is_some_and(|r| by_name.by(&bytes[r])));
            }
        }
        candidate
    }

    /// For each term, whose name as the protocol words it ("Frau Kruse", "dem Bürgermeister")
    /// it can match (partly): there a paragraph's own bytes need not hold it. `persons` are the
    /// raw bytes of the persons, which hold every word of their names.
    fn by_name(&self, session: &Session, persons: &[u8]) -> Vec<ByName> {
        let known: Vec<String> = session.persons.iter().map(|p| p.id.clone()).collect();
        let mut names: Vec<String> = Vec::new();
        self.terms
            .iter()
            .map(|t| {
                let Some(word) = &t.first_word else {
                    return ByName {
                        anywhere: true,
                        ..ByName::default()
                    };
                };
                let speakers = if word.is_match(persons) {
                    if names.is_empty() {
                        names = session
                            .persons
                            .iter()
                            .map(|p| {
                                [german::speaker(p), german::dative(p), german::full_name(p)]
                                    .join("\n")
                            })
                            .collect();
                    }
                    session
                        .persons
                        .iter()
                        .zip(&names)
                        .filter(|(_, n)| word.is_match(n.as_bytes()))
                        .map(|(p, _)| p.id.clone())
                        .collect()
                } else {
                    Vec::new()
                };
                ByName {
                    anywhere: false,
                    speakers,
                    known: known.clone(),
                }
            })
            .collect()
    }
}

/// Where a term can match in the words around a paragraph's text (see [`Query::by_name`]).
/// Paragraphs where someone asked always count ("auf Nachfrage von …" are few), and so do
/// speakers not in the list of persons (the protocol names them by their id, which the term
/// may begin with).
#[derive(Debug, Default)]
struct ByName {
    /// Anywhere: a word of the term is punctuation only.
    anywhere: bool,
    /// The persons whose names the term can match.
    speakers: Vec<String>,
    /// Every person in the list.
    known: Vec<String>,
}

impl ByName {
    /// Whether the term can match the name of this speaker (an id).
    fn by(&self, speaker: &[u8]) -> bool {
        let is = |s: &String| s.as_bytes() == speaker;
        self.speakers.iter().any(is) || !self.known.iter().any(is)
    }
}

/// Ranges in order, those that overlap made one ("Halle" inside "Sporthalle").
fn merged(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// Where in an item a hit is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    Titel,
    /// Paragraph number, from 1.
    Absatz(usize),
    Beschlussvorschlag,
}

/// One hit: where it is and the text with the ranges to highlight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub path: Arc<Path>,
    pub date: NaiveDate,
    pub body: Arc<str>,
    pub item: Arc<str>,
    pub title: Arc<str>,
    pub place: Place,
    pub speaker: Option<Arc<str>>,
    pub text: String,
    pub ranges: Vec<(usize, usize)>,
}

/// Hits in one session, in agenda order.
pub fn search_session(path: &Path, session: &Session, query: &Query) -> Vec<Hit> {
    let found = Found::new(path, session, query);
    let mut hits = Vec::new();
    for (item, closed) in session.agenda.iter().zip(session.closed_flags()) {
        if closed && !query.internal {
            continue;
        }
        let (number, title) = (
            Arc::from(item.number.as_str()),
            Arc::from(item.title.as_str()),
        );
        found.head(&number, &title, item.resolution_text(), &mut hits);
        for (n, p) in item.minutes.iter().enumerate() {
            found.paragraph(&number, &title, n, p, &mut hits);
        }
    }
    hits
}

/// Makes the hits of one session: which parts match, in the words of the protocol.
struct Found<'a> {
    path: Arc<Path>,
    body: Arc<str>,
    session: &'a Session,
    query: &'a Query,
    /// How paragraphs name each person (made once, used by thousands of hits).
    names: Vec<Arc<str>>,
    /// With `--speaker`: the ids of the persons it names.
    speakers: Option<Vec<&'a str>>,
}

impl<'a> Found<'a> {
    fn new(path: &Path, session: &'a Session, query: &'a Query) -> Self {
        let speakers = query.speaker.as_deref().map(|wanted| {
            let wanted = fold(wanted);
            session
                .persons
                .iter()
                .filter(|p| {
                    let names = fold(&format!("{} {}", german::speaker(p), german::full_name(p)));
                    wanted.split_whitespace().all(|w| names.contains(w))
                })
                .map(|p| p.id.as_str())
                .collect()
        });
        Found {
            path: Arc::from(path),
            body: Arc::from(session.body.as_str()),
            session,
            query,
            names: session
                .persons
                .iter()
                .map(|p| Arc::from(german::speaker(p)))
                .collect(),
            speakers,
        }
    }

    fn ranges(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        if self.query.terms.is_empty() {
            Some(Vec::new())
        } else {
            self.query.matches(text)
        }
    }

    /// Title and Beschlussvorschlag (not with `--speaker`: nobody says them).
    fn head(
        &self,
        number: &Arc<str>,
        title: &Arc<str>,
        resolution: Option<&str>,
        hits: &mut Vec<Hit>,
    ) {
        if self.speakers.is_some() {
            return;
        }
        let texts = [(Place::Titel, Some(&**title))]
            .into_iter()
            .chain([(Place::Beschlussvorschlag, resolution)]);
        for (place, text) in texts {
            if let Some(text) = text
                && let Some(ranges) = self.ranges(text)
            {
                hits.push(self.hit(number, title, place, None, text.to_string(), ranges));
            }
        }
    }

    /// Paragraph `n` (from 0) of an item, as the protocol words it.
    fn paragraph(
        &self,
        number: &Arc<str>,
        title: &Arc<str>,
        n: usize,
        p: &Paragraph,
        hits: &mut Vec<Hit>,
    ) {
        if let Some(ids) = &self.speakers
            && !p.speaker.as_deref().is_some_and(|s| ids.contains(&s))
        {
            return;
        }
        let speaker = p.speaker.as_deref().map(|id| {
            match self
                .session
                .persons
                .iter()
                .position(|person| person.id == id)
            {
                Some(i) => self.names[i].clone(),
                None => Arc::from(id),
            }
        });
        let text = german::paragraph_named(self.session, p, speaker.as_deref());
        if let Some(ranges) = self.ranges(&text) {
            hits.push(self.hit(number, title, Place::Absatz(n + 1), speaker, text, ranges));
        }
    }

    fn hit(
        &self,
        number: &Arc<str>,
        title: &Arc<str>,
        place: Place,
        speaker: Option<Arc<str>>,
        text: String,
        ranges: Vec<(usize, usize)>,
    ) -> Hit {
        Hit {
            path: self.path.clone(),
            date: self.session.date,
            body: self.body.clone(),
            item: number.clone(),
            title: title.clone(),
            place,
            speaker,
            text,
            ranges,
        }
    }
}

/// Searches every session file of `dir`, on all cores; hits newest session first. Files that
/// cannot be read are skipped (`list` and `check` report them).
pub fn search_archive(dir: &Path, query: &Query) -> Result<Vec<Hit>, QueryError> {
    let sessions = search_archive_by(dir, query, |hits| hits)?;
    Ok(sessions.into_iter().flatten().collect())
}

/// [`search_archive`] with each session's hits turned into something else where they are
/// found, on all cores (the command line makes its output lines there); one `T` per session
/// with hits, newest session first.
pub fn search_archive_by<T: Send>(
    dir: &Path,
    query: &Query,
    each: impl Fn(Vec<Hit>) -> T + Sync,
) -> Result<Vec<T>, QueryError> {
    if query.is_empty() {
        return Err(QueryError::Empty);
    }
    let paths = store::session_files_with_journals(dir).unwrap_or_default();
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8);
    // Each worker takes the next file as it is done with one: files differ in size and hits.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut buffer = Vec::new();
        let mut found = Vec::new();
        loop {
            let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((path, journal)) = paths.get(n) else {
                break found;
            };
            let hits = if *journal {
                search_current(path, query)
            } else {
                search_file(path, query, &mut buffer)
            };
            if let Some(first) = hits.first() {
                found.push((first.date, n, each(hits)));
            }
        }
    };
    // This thread works too, beside the others.
    let mut found: Vec<(NaiveDate, usize, T)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut found = work();
        for other in others {
            found.extend(other.join().unwrap_or_default());
        }
        found
    });
    // Newest session first, sessions of one day in name order; within a session, agenda order.
    found.sort_unstable_by_key(|(date, n, _)| (std::cmp::Reverse(*date), *n));
    Ok(found.into_iter().map(|(_, _, t)| t).collect())
}

/// Searches one file; `bytes` is a buffer to read it into, kept from file to file.
fn search_file(path: &Path, query: &Query, bytes: &mut Vec<u8>) -> Vec<Hit> {
    bytes.clear();
    if std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_to_end(&mut f, bytes))
        .is_err()
    {
        return Vec::new();
    }
    let bytes = &bytes[..];
    // `save` writes no escapes; a file with a backslash may hold some (hand-edited: "Stra\u{df}e")
    // that its raw bytes do not show. Such files are parsed whole.
    if memchr::memchr(b'\\', bytes).is_some() {
        return search_whole(path, bytes, query);
    }
    // Most files hold no match at all: they are never parsed.
    if !query.file_may_match(bytes) {
        return Vec::new();
    }
    match store::skeleton(bytes) {
        Some(skeleton) => search_skeleton(path, bytes, &skeleton, query)
            .unwrap_or_else(|| search_whole(path, bytes, query)),
        None => search_whole(path, bytes, query),
    }
}

fn wanted(query: &Query, body: &str, date: NaiveDate) -> bool {
    query
        .body
        .as_deref()
        .is_none_or(|b| fold(body).contains(&fold(b)))
        && query.from.is_none_or(|f| date >= f)
        && query.to.is_none_or(|t| date <= t)
}

/// A session being recorded, as its writer sees it: snapshot and journal (read only).
fn search_current(path: &Path, query: &Query) -> Vec<Hit> {
    match store::load_current(path) {
        Ok(session) if wanted(query, &session.body, session.date) => {
            search_session(path, &session, query)
        }
        _ => Vec::new(),
    }
}

/// The whole file parsed (any layout).
fn search_whole(path: &Path, bytes: &[u8], query: &Query) -> Vec<Hit> {
    let Ok(session) = store::parse(path, &String::from_utf8_lossy(bytes)) else {
        return Vec::new();
    };
    if !wanted(query, &session.body, session.date) {
        return Vec::new();
    }
    search_session(path, &session, query)
}

/// A file in the layout `save` writes: only the persons are parsed, then each paragraph whose
/// bytes can hold a match, and an item's title and Beschlussvorschlag only where they can.
/// `None` when a part does not parse after all; the caller then parses the file whole.
fn search_skeleton(
    path: &Path,
    bytes: &[u8],
    skeleton: &store::Skeleton,
    query: &Query,
) -> Option<Vec<Hit>> {
    let summary = &skeleton.summary;
    if !wanted(query, &summary.body, summary.date) {
        return Some(Vec::new());
    }
    let mut session = Session::new(&summary.body, summary.date);
    if let Some(range) = &skeleton.persons {
        session.persons = store::person_names(&bytes[range.clone()])?;
    }
    // Closed flags need every item's number (a closed "9" closes "9.1").
    session.agenda = skeleton
        .items
        .iter()
        .map(|i| AgendaItem {
            closed: i.closed,
            ..AgendaItem::new(&i.number, "")
        })
        .collect();
    let closed = session.closed_flags();
    // A term that can match a name (or the words around names) can match a paragraph whose own
    // bytes do not hold it: "Kruse fragt" finds "Frau Kruse fragt, ob …".
    let persons = skeleton.persons.clone().map_or(&[][..], |r| &bytes[r]);
    let by_name = query.by_name(&session, persons);
    let found = Found::new(path, &session, query);
    let mut hits = Vec::new();
    for (item, closed) in skeleton.items.iter().zip(closed) {
        if closed && !query.internal {
            continue;
        }
        let minutes = item
            .minutes
            .clone()
            .unwrap_or(item.bytes.end..item.bytes.end);
        let head = [
            &bytes[item.bytes.start..minutes.start],
            &bytes[minutes.end..item.bytes.end],
        ];
        let number = Arc::from(item.number.as_str());
        let mut title: Option<Arc<str>> = None;
        if found.speakers.is_none() && query.may_match(&head) {
            // Title and Beschlussvorschlag from their lines where plain, else from RON.
            let (head_title, resolution) = match (&item.title, &item.resolution) {
                (Some(t), Some(r)) => (Arc::from(t.as_str()), r.clone()),
                _ => {
                    let head: AgendaItem = store::parse_part(&item.head(bytes))?;
                    let resolution = head.resolution_text().map(str::to_string);
                    (Arc::from(head.title), resolution)
                }
            };
            found.head(&number, &head_title, resolution.as_deref(), &mut hits);
            title = Some(head_title);
        }
        let candidates = query.candidates(bytes, &minutes, item, &by_name);
        for (n, range) in item.paragraphs.iter().enumerate() {
            if !candidates[n] {
                continue;
            }
            let p = store::paragraph(&bytes[range.clone()])?;
            let title = match &title {
                Some(title) => title,
                None => title.insert(match &item.title {
                    Some(t) => Arc::from(t.as_str()),
                    None => Arc::from(store::parse_part::<AgendaItem>(&item.head(bytes))?.title),
                }),
            };
            found.paragraph(&number, title, n, &p, &mut hits);
        }
    }
    Some(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Query {
        Query::parse(text).unwrap()
    }

    #[test]
    fn german_spellings_find_each_other() {
        assert!(q("strasse").matches("Die Straße wird saniert.").is_some());
        assert!(q("Straße").matches("an der Strasse").is_some());
        for spelling in ["mueller", "muller", "MÜLLER", "Müller"] {
            assert!(
                q(spelling).matches("Frau Müller fragt").is_some(),
                "{spelling}"
            );
            assert!(
                q(spelling).matches("Herr Mueller fragt").is_some(),
                "{spelling}"
            );
        }
        assert!(q("muller").matches("Herr Miller").is_none());
    }

    #[test]
    fn phrases_keep_their_order_and_words_need_not() {
        let text = "ob Fördermittel des Landes beantragt worden seien";
        assert!(q("\"fordermittel des landes\"").matches(text).is_some());
        assert!(q("\"landes fördermittel\"").matches(text).is_none());
        assert!(q("landes fördermittel").matches(text).is_some());
        assert!(
            q("landes kreis").matches(text).is_none(),
            "every word must occur"
        );
    }

    #[test]
    fn von_names_the_speaker() {
        let query = q("von:Okafor Fördermittel");
        assert_eq!(query.speaker.as_deref(), Some("Okafor"));
        assert_eq!(query.terms.len(), 1);
        assert_eq!(
            q("VON:\"Frau Okafor\" \"des Landes\"").speaker.as_deref(),
            Some("Frau Okafor")
        );
        let alone = q("von: Okafor");
        assert_eq!(alone.speaker.as_deref(), Some("Okafor"));
        assert!(
            alone.terms.is_empty() && !alone.is_empty(),
            "a speaker alone is a search"
        );
        assert!(q("Bericht vom Bürgermeister").speaker.is_none());
    }

    #[test]
    fn overlapping_matches_are_marked_as_one() {
        let text = "die Sporthalle";
        assert_eq!(q("Halle Sporthalle").matches(text), Some(vec![(4, 14)]));
        assert_eq!(q("port halle").any_matches(text), Some(vec![(5, 14)]));
    }

    #[test]
    fn ranges_point_at_the_original_spelling() {
        let text = "Die Straße und die Strasse";
        let ranges = q("strasse").matches(text).unwrap();
        let found: Vec<&str> = ranges.iter().map(|(a, b)| &text[*a..*b]).collect();
        assert_eq!(found, ["Straße", "Strasse"]);
    }

    /// The demo session with a paragraph asked by someone, a multi-line text, a closed item and
    /// a title that is not a plain string: everything the line scan must hand to RON.
    fn awkward_session() -> Session {
        let text = std::fs::read_to_string("sessions/2024-03-14_bauausschuss.ron").unwrap();
        let mut s = store::parse(Path::new("demo.ron"), &text).unwrap();
        let item = &mut s.agenda[1];
        item.title = "Anfrage \"Sporthalle\" der Fraktion".into();
        let mut p = Paragraph::by(
            "buergermeister",
            "erklärt auf Frage zur Sporthalle,\ndass die Fördermittel des\nLandes bewilligt seien.",
        );
        p.asked_by = vec!["vossberg".into(), "petersen".into()];
        item.minutes.push(p);
        item.minutes
            .push(Paragraph::by("unbekannt", "fragt nach der Sporthalle."));
        let mut guest = Paragraph::by("buergermeister", "sagt, dass die Halle im Mai öffne.");
        guest.asked_by = vec!["gast".into()];
        item.minutes.push(guest);
        // Lines of a text over several lines that look like the layout around them.
        item.minutes.push(Paragraph::by(
            "okafor",
            "fragt nach dem Dach der Sporthalle:\n  ],\n    (\n      closed: true,\nEnde.",
        ));
        s.agenda[2].proposal = Some("Die Sporthalle wird saniert.\n      closed: true,".into());
        // Voted on as amended: the amended text is the Beschlussvorschlag.
        s.agenda[4].proposal = Some("Die Sporthalle bleibt.".into());
        s.agenda[4].amended_proposal = Some("Die Sporthalle wird abgerissen.".into());
        s
    }

    #[test]
    fn reading_paragraphs_from_the_lines_finds_what_parsing_the_whole_file_finds() {
        let sessions = [
            awkward_session(),
            crate::generate::session(12, 150, 7),
            crate::generate::session(3, 20, 2),
        ];
        let queries = [
            "Sporthalle",
            "\"Fördermittel des Landes\"",
            "Kruse",
            "\"Kruse fragt\"",
            "Bürgermeister",
            "\"Nachfrage vom\"",
            "\"Nachfrage der Vorsitzenden\"",
            "\"Vorsitzenden und Herrn\"",
            "Vorsitzenden",
            "\"Okafor fragt\"",
            "\"erklärt auf\"",
            "Nachfrage",
            "unbekannt",
            "fragt ob",
            "\"des Landes bewilligt\"",
            ",",
            "\"unbekannt fragt\"",
            "\"gast, dass\"",
            "\"Dach der Sporthalle\"",
            "Straße",
            "\"Straße und\"",
            "abgerissen",
            "bleibt",
        ];
        let mut found = 0;
        let dir = tempfile::tempdir().unwrap();
        let mut buffer = Vec::new();
        for (n, session) in sessions.iter().enumerate() {
            let saved = store::to_ron(session);
            let skeleton = store::skeleton(saved.as_bytes()).expect("the saved layout");
            assert_eq!(skeleton.items.len(), session.agenda.len());
            // The same session as others may have it: other line ends, an escape typed by hand.
            let variants = [
                saved.clone(),
                saved.replace('\n', "\r\n"),
                saved.replace("Straße", "Stra\\u{df}e"),
            ];
            // The variants of the awkward session are enough (the others take long unoptimised).
            for (v, text) in variants.iter().enumerate().take(if n == 0 { 3 } else { 1 }) {
                let path = dir.path().join(format!("{v}.ron"));
                std::fs::write(&path, text).unwrap();
                let parsed = store::parse(&path, text).expect("every variant parses");
                for text_query in queries {
                    for (speaker, internal) in [(None, false), (None, true), (Some("Kruse"), false)]
                    {
                        let mut query = q(text_query);
                        query.speaker = speaker.map(str::to_string);
                        query.internal = internal;
                        let whole = search_session(&path, &parsed, &query);
                        if v == 0 {
                            // The saved layout takes the quick way, not the whole parse.
                            let quick = search_skeleton(&path, text.as_bytes(), &skeleton, &query);
                            assert_eq!(quick.as_ref(), Some(&whole), "{text_query:?}");
                        }
                        let fast = search_file(&path, &query, &mut buffer);
                        assert_eq!(fast, whole, "{v} {text_query:?} {speaker:?} {internal}");
                        found += whole.len();
                    }
                }
            }
        }
        assert!(found > 100, "the queries find something: {found}");
    }

    #[test]
    fn an_empty_query_is_an_error() {
        assert!(matches!(
            search_archive(Path::new("."), &q("  ")),
            Err(QueryError::Empty)
        ));
    }
}
