//! Search queries, German-aware: case does not matter, `strasse` finds `Straße`, `mueller` and
//! `muller` find `Müller`; words in quotes are a phrase; every other word must occur in the same
//! text. `von:Okafor` (or `--speaker`) keeps what that person said.
//!
//! A term becomes one regular expression over every spelling of its folded letters
//! (`u` → `(?:ue|[uüú…])`, `ss` → `(?:ss|ß)`). That expression alone decides a hit
//! ([`Query::matches_doc`]); what else this module offers can only rule texts out, never in:
//! [`Query::file_may_match`] drops files whose bytes cannot hold a hit, and [`Query::needles`]
//! give the archive index substrings every hit contains.

use chrono::NaiveDate;

use crate::domain::fold;
use crate::render::german;

use super::docs::Doc;

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

/// A text as the archive index holds it: folded, every run of white space one space. A term's
/// [`needle`](Query::needles) is a substring of this form of every text the term matches.
pub fn index_form(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// The shortest needle the index can look for (its trigrams); shorter terms are not looked up.
pub const NEEDLE_MIN_CHARS: usize = 3;

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

/// A word or phrase of a query.
#[derive(Clone, Debug)]
struct Term {
    /// Decides: every spelling of the term (one expression over bytes serves raw files and
    /// texts alike; the ranges it finds in a `&str` fall on character boundaries).
    regex: regex::bytes::Regex,
    /// The term's words (its runs of letters and digits), for [`Query::file_may_match`].
    words: Vec<Word>,
    /// The substring of [`index_form`] every match contains, if long enough to look up.
    needle: Option<String>,
}

/// A word of a term, as a file must hold it for the term to match there.
#[derive(Clone, Debug)]
struct Word {
    regex: regex::bytes::Regex,
    /// The word without a final "n": a role in the dative ("der Vorsitzenden") adds one.
    without_n: Option<regex::bytes::Regex>,
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

impl Term {
    fn new(text: &str) -> Result<Term, QueryError> {
        let words = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let without_n = w
                    .strip_suffix(['n', 'N'])
                    .filter(|s| !s.is_empty())
                    .map(|s| regex::bytes::Regex::new(&pattern(s)))
                    .transpose()?;
                Ok(Word {
                    regex: regex::bytes::Regex::new(&pattern(w))?,
                    without_n,
                })
            })
            .collect::<Result<_, regex::Error>>()?;
        // A match may begin on the "e" of an "ae", "oe" or "ue" in the text, which the folded
        // form has dropped ("Bauerwartungsland" holds "erwartung", "baurwartungsland" only
        // "rwartung"): the needle leaves a leading "e" out.
        let form = index_form(text);
        let needle = form.strip_prefix('e').unwrap_or(&form).to_string();
        Ok(Term {
            regex: regex::bytes::Regex::new(&pattern(text))?,
            words,
            needle: (needle.chars().count() >= NEEDLE_MIN_CHARS).then_some(needle),
        })
    }
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
        Ok(Query {
            terms: terms
                .iter()
                .map(|t| Term::new(t))
                .collect::<Result<_, _>>()?,
            body: None,
            from: None,
            to: None,
            speaker,
            internal: false,
        })
    }

    /// Neither a word nor a speaker: nothing to search for.
    pub fn is_empty(&self) -> bool {
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

    /// The speaker's words, folded: a paragraph is theirs when its speaker's names hold each.
    fn speaker_words(&self) -> Vec<String> {
        self.speaker
            .as_deref()
            .map(|s| fold(s).split_whitespace().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// Whether a session of `body` on `date` passes the filters (`--body`, `--from`, `--to`).
    pub fn wants(&self, body: &str, date: NaiveDate) -> bool {
        self.body
            .as_deref()
            .is_none_or(|b| fold(body).contains(&fold(b)))
            && self.from.is_none_or(|f| date >= f)
            && self.to.is_none_or(|t| date <= t)
    }

    /// The one decision whether a text of the archive is a hit: the ranges to mark, or `None`.
    /// With a speaker, only paragraphs count whose speaker's names ([`Doc::speaker_key`]) hold
    /// every word of it (titles and Beschlussvorschläge nobody says); a speaker alone lists all
    /// they said.
    pub fn matches_doc(&self, doc: &Doc) -> Option<Vec<(usize, usize)>> {
        if self.speaker.is_some() {
            let key = doc.speaker_key.as_deref()?;
            if !self
                .speaker_words()
                .iter()
                .all(|w| key.contains(w.as_str()))
            {
                return None;
            }
        }
        if self.terms.is_empty() {
            Some(Vec::new())
        } else {
            self.matches(&doc.text)
        }
    }

    /// Whether a session file can hold a hit, from its bytes alone: `false` only where it
    /// cannot. A text of the archive is made of the file's strings and of the words the
    /// protocol puts around names ([`german::ADDED_WORDS`], a role's dative "n"), joined at
    /// spaces and punctuation, so each word of a term must occur in one of those. Escapes
    /// (`\u{df}`) hide letters from the bytes: such a file may match.
    pub fn file_may_match(&self, bytes: &[u8]) -> bool {
        if memchr::memchr(b'\\', bytes).is_some() {
            return true;
        }
        let added = german::ADDED_WORDS.as_bytes();
        let terms = self.terms.iter().all(|t| {
            t.words.iter().all(|w| {
                w.regex.is_match(bytes)
                    || w.regex.is_match(added)
                    || w.without_n.as_ref().is_some_and(|r| r.is_match(bytes))
            })
        });
        // A speaker's names are strings of the file; folded, they are in the folded file.
        terms && {
            let words = self.speaker_words();
            words.is_empty() || {
                let folded = fold(&String::from_utf8_lossy(bytes));
                words.iter().all(|w| folded.contains(w.as_str()))
            }
        }
    }

    /// What the index can look up: for each term long enough, a substring of the
    /// [`index_form`] of every text it matches; for the speaker, each folded word long enough,
    /// a substring of the speaker's key. A text without all of them is no hit.
    pub fn needles(&self) -> (Vec<String>, Vec<String>) {
        let text = self.terms.iter().filter_map(|t| t.needle.clone()).collect();
        let speaker = self
            .speaker_words()
            .into_iter()
            .filter(|w| w.chars().count() >= NEEDLE_MIN_CHARS)
            .collect();
        (text, speaker)
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

#[cfg(test)]
mod tests;
