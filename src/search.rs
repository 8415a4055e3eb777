//! Full-text search over the archive, German-aware: case does not matter, `strasse` finds
//! `Straße`, `mueller` and `muller` find `Müller`; words in quotes are a phrase; every other word
//! must occur in the same paragraph. Hits are paragraphs, item titles and Beschlussvorschläge,
//! each with the byte ranges to highlight.
//!
//! A query becomes one regular expression per term (`u` → `(?:ue|[uüú…])`, `ss` → `(?:ss|ß)`),
//! so the same expressions first sift the raw files (most never need parsing) and then find and
//! highlight the matches in the parsed text.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use crate::domain::{AgendaItem, Session};
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

/// A parsed query: words and phrases that must all occur, and the filters.
#[derive(Clone, Debug)]
pub struct Query {
    terms: Vec<Regex>,
    raw: Vec<regex::bytes::Regex>,
    pub body: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub speaker: Option<String>,
    /// Search closed items too (internal edition).
    pub internal: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("leere Suche: ein Wort, eine \"Phrase in Anführungszeichen\" oder --speaker angeben")]
    Empty,
    #[error("Suchbegriff nicht verwendbar: {0}")]
    Pattern(#[from] regex::Error),
}

impl Query {
    /// `Sporthalle "Fördermittel des Landes"`: the word and the phrase.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut terms = Vec::new();
        for (i, part) in text.split('"').enumerate() {
            if i % 2 == 1 {
                if !part.trim().is_empty() {
                    terms.push(part.trim().to_string());
                }
            } else {
                terms.extend(part.split_whitespace().map(str::to_string));
            }
        }
        let patterns: Vec<String> = terms.iter().map(|t| pattern(t)).collect();
        Ok(Query {
            terms: patterns
                .iter()
                .map(|p| Regex::new(p))
                .collect::<Result<_, _>>()?,
            raw: patterns
                .iter()
                .map(|p| regex::bytes::Regex::new(p))
                .collect::<Result<_, _>>()?,
            body: None,
            from: None,
            to: None,
            speaker: None,
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
            ranges.extend(term.find_iter(text).map(|m| (m.start(), m.end())));
            if ranges.len() == before {
                return None;
            }
        }
        ranges.sort_unstable();
        Some(ranges)
    }

    /// Byte ranges of any term in `text` (for marking lines of a longer text).
    pub fn any_matches(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        let mut ranges: Vec<(usize, usize)> = self
            .terms
            .iter()
            .flat_map(|t| t.find_iter(text).map(|m| (m.start(), m.end())))
            .collect();
        ranges.sort_unstable();
        (!ranges.is_empty()).then_some(ranges)
    }

    /// Whether a raw file can hold a hit at all (all terms somewhere in it).
    fn may_match(&self, bytes: &[u8]) -> bool {
        self.raw.iter().all(|r| r.is_match(bytes))
    }
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
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub path: PathBuf,
    pub date: NaiveDate,
    pub body: String,
    pub item: String,
    pub title: String,
    pub place: Place,
    pub speaker: Option<String>,
    pub text: String,
    pub ranges: Vec<(usize, usize)>,
}

/// Hits in one session, in agenda order.
pub fn search_session(path: &Path, session: &Session, query: &Query) -> Vec<Hit> {
    let closed = session.closed_flags();
    search_items(path, session, session.agenda.iter().zip(closed), query)
}

/// Hits in some items of a session; `session` gives body, date and persons.
fn search_items<'a>(
    path: &Path,
    session: &Session,
    items: impl Iterator<Item = (&'a AgendaItem, bool)>,
    query: &Query,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    let speaker_filter = query.speaker.as_deref().map(fold);
    for (item, closed) in items {
        if closed && !query.internal {
            continue;
        }
        let mut push = |place: Place, speaker: Option<String>, text: String| {
            let ranges = if query.terms.is_empty() {
                Some(Vec::new())
            } else {
                query.matches(&text)
            };
            if let Some(ranges) = ranges {
                hits.push(hit(path, session, item, place, speaker, text, ranges));
            }
        };
        if speaker_filter.is_none() {
            push(Place::Titel, None, item.title.clone());
            if let Some(text) = item.resolution_text() {
                push(Place::Beschlussvorschlag, None, text.to_string());
            }
        }
        for (n, p) in item.minutes.iter().enumerate() {
            let speaker = p.speaker.as_deref().map(|id| {
                session
                    .person(id)
                    .map_or_else(|| id.to_string(), german::speaker)
            });
            if let Some(wanted) = &speaker_filter {
                let person = p.speaker.as_deref().and_then(|id| session.person(id));
                let names = person
                    .map(|p| fold(&format!("{} {}", german::speaker(p), german::full_name(p))));
                if !names.is_some_and(|n| wanted.split_whitespace().all(|w| n.contains(w))) {
                    continue;
                }
            }
            push(Place::Absatz(n + 1), speaker, german::paragraph(session, p));
        }
    }
    hits
}

fn hit(
    path: &Path,
    s: &Session,
    item: &AgendaItem,
    place: Place,
    speaker: Option<String>,
    text: String,
    ranges: Vec<(usize, usize)>,
) -> Hit {
    Hit {
        path: path.to_path_buf(),
        date: s.date,
        body: s.body.clone(),
        item: item.number.clone(),
        title: item.title.clone(),
        place,
        speaker,
        text,
        ranges,
    }
}

/// Searches every session file of `dir`, on all cores; hits newest session first. Files that
/// cannot be read are skipped (`list` and `check` report them).
pub fn search_archive(dir: &Path, query: &Query) -> Result<Vec<Hit>, QueryError> {
    if query.is_empty() {
        return Err(QueryError::Empty);
    }
    let paths = store::session_files(dir).unwrap_or_default();
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8);
    let chunk = paths.len().div_ceil(threads).max(1);
    let mut hits: Vec<Hit> = std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .flat_map(|p| search_file(p, query))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    // Newest first; within a session the order found (the files were taken in name order).
    hits.sort_by_key(|h| std::cmp::Reverse(h.date));
    Ok(hits)
}

fn search_file(path: &Path, query: &Query) -> Vec<Hit> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    // Most files hold no match at all: they are never parsed.
    if !query.may_match(&bytes) {
        return Vec::new();
    }
    match store::skeleton(&bytes) {
        Some(skeleton) => search_skeleton(path, &bytes, &skeleton, query)
            .unwrap_or_else(|| search_whole(path, &bytes, query)),
        None => search_whole(path, &bytes, query),
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

/// Only the items whose bytes can hold a match are parsed, and the persons for the speakers.
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
        session.persons = store::parse_part(&bytes[range.clone()])?;
    }
    // Closed flags need every item's number (a closed "9" closes "9.1").
    session.agenda = skeleton
        .items
        .iter()
        .map(|(number, closed, _)| AgendaItem {
            closed: *closed,
            ..AgendaItem::new(number, "")
        })
        .collect();
    let closed = session.closed_flags();
    let mut items = Vec::new();
    for ((_, _, range), closed) in skeleton.items.iter().zip(closed) {
        let part = &bytes[range.clone()];
        if (closed && !query.internal) || !(query.speaker.is_some() || query.may_match(part)) {
            continue;
        }
        items.push((store::parse_part::<AgendaItem>(part)?, closed));
    }
    Some(search_items(
        path,
        &session,
        items.iter().map(|(i, c)| (i, *c)),
        query,
    ))
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
    fn ranges_point_at_the_original_spelling() {
        let text = "Die Straße und die Strasse";
        let ranges = q("strasse").matches(text).unwrap();
        let found: Vec<&str> = ranges.iter().map(|(a, b)| &text[*a..*b]).collect();
        assert_eq!(found, ["Straße", "Strasse"]);
    }

    #[test]
    fn an_empty_query_is_an_error() {
        assert!(matches!(
            search_archive(Path::new("."), &q("  ")),
            Err(QueryError::Empty)
        ));
    }
}
