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

/// The pattern of every text whose folded form holds the folded `word`: each of its letters in
/// every spelling (an "a" of the folded form also "ae", "äe" or "aé"), a run of s also as ß
/// ("voss" in "Voßberg").
fn spellings_folding_to(word: &str) -> String {
    let mut out = String::from("(?i)");
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'a' => out.push_str("[aäáàâ][eéèê]?"),
            'o' => out.push_str("[oöóòô][eéèê]?"),
            'u' => out.push_str("[uüúùû][eéèê]?"),
            'e' => out.push_str("[eéèê]"),
            's' => {
                while chars.peek() == Some(&'s') {
                    chars.next();
                }
                out.push_str("[sß]+");
            }
            c => out.push_str(&regex::escape(&c.to_string())),
        }
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
    /// [`Query::speaker_filter`], once made, with the speaker it was made for.
    speaker_filter: std::sync::OnceLock<(Option<String>, Vec<regex::bytes::Regex>)>,
}

/// A word or phrase of a query.
#[derive(Clone, Debug)]
struct Term {
    /// Decides: every spelling of the term (one expression over bytes serves raw files and
    /// texts alike; the ranges it finds in a `&str` fall on character boundaries). A phrase
    /// begins where a word begins: the expression then takes the character before it too.
    regex: regex::bytes::Regex,
    /// Whether `regex` takes a character before the term (see [`Term::new`]).
    bounded: bool,
    /// The term as typed.
    text: String,
    /// What [`Query::file_may_match`] checks, made when first needed (a search with an
    /// index seldom needs it, and the expressions cost time and memory to make).
    filter: std::sync::OnceLock<Option<Filter>>,
    /// What every text it matches holds in its [`index_form`], if long enough to look up.
    needle: Option<Needle>,
}

/// What the index looks up for a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Needle {
    /// A substring of the text's index form.
    Infix(String),
    /// Words standing one after the other in the text's index form, whole, the last perhaps
    /// the beginning of a longer word: for a phrase of plain words and punctuation (which the
    /// index's tokenizer splits as `split(!alphanumeric)` does).
    Phrase(Vec<String>),
}

/// Characters a phrase may hold for its words to be the index's words: letters and digits in
/// words, plain punctuation and spaces between them.
fn plain_phrase(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || (c.is_alphabetic() && u32::from(c) < 0x250)
            || c.is_whitespace()
            || ".,;:!?-()'/".contains(c)
    })
}

/// What may stand before a phrase: the start, or a character that is no part of a word for
/// the index's tokenizer (a space, punctuation, a control character).
const PHRASE_START: &str = r"(?:^|[^\p{L}\p{N}\p{M}\p{S}\p{Co}\p{Cf}])";

/// A word of a term, as a file must hold it for the term to match there.
/// What a file's bytes must hold for a term to match a text of it.
#[derive(Clone, Debug)]
struct Filter {
    /// The term's words (its runs of letters and digits).
    words: Vec<Word>,
    /// For a term of several words: where in a file's bytes it can begin (see [`sift`]).
    sift: Option<regex::bytes::Regex>,
}

impl Filter {
    fn new(text: &str) -> Result<Filter, regex::Error> {
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
        Ok(Filter {
            words,
            sift: sift(text)?,
        })
    }

    fn may_match(&self, bytes: &[u8]) -> bool {
        let added = added_texts().as_bytes();
        self.words.iter().all(|w| {
            w.regex.is_match(bytes)
                || w.regex.is_match(added)
                || w.without_n.as_ref().is_some_and(|r| r.is_match(bytes))
        }) && self.sift.as_ref().is_none_or(|s| s.is_match(bytes))
    }
}

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
        let form = index_form(text);
        let phrase = form.contains(' ');
        // A phrase is words: it begins at a word's beginning ("halle des" is not in
        // "Sporthalle des"), where it begins with a letter or digit.
        let bounded = phrase && form.starts_with(|c: char| c.is_alphanumeric());
        let regex = if bounded {
            format!("{PHRASE_START}{}", pattern(text))
        } else {
            pattern(text)
        };
        let needle = if phrase && plain_phrase(&form) {
            let words: Vec<String> = form
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            (!words.is_empty()).then_some(Needle::Phrase(words))
        } else {
            // A match may begin on the "e" of an "ae", "oe" or "ue" in the text, which the
            // folded form has dropped ("Bauerwartungsland" holds "erwartung",
            // "baurwartungsland" only "rwartung"): the needle leaves a leading "e" out.
            let infix = form.strip_prefix('e').unwrap_or(&form).to_string();
            (infix.chars().count() >= NEEDLE_MIN_CHARS).then_some(Needle::Infix(infix))
        };
        Ok(Term {
            regex: regex::bytes::Regex::new(&regex)?,
            text: text.to_string(),
            filter: std::sync::OnceLock::new(),
            bounded,
            needle,
        })
    }
}

/// What the archive's texts hold that no session file holds as a string: the words the
/// protocol puts around names ([`german::ADDED_WORDS`]) and the outcomes as it prints them
/// ("geändert beschlossen"; the file has `GeaendertBeschlossen`).
fn added_texts() -> &'static str {
    static TEXTS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXTS.get_or_init(|| {
        let outcomes: Vec<&str> = crate::domain::Outcome::ALL
            .iter()
            .map(|o| german::outcome(*o))
            .collect();
        format!("{}\n{}", german::ADDED_WORDS, outcomes.join("\n"))
    })
}

/// Where in a session file a term of several words can show that a text holds it. A text of
/// the archive is pieces joined at spaces and punctuation: strings of the file (a paragraph's
/// text, a name, a role, an id) and [`added_texts`] (salutations, "auf Nachfrage von", datives,
/// outcomes). A match within one string stands in the bytes as it is;
/// one that runs over a join either holds an added word (then only its words are checked, as
/// for every term) or begins in a string that ends at the join: its words up to there are
/// followed (after spaces or punctuation) by the string's closing quote. A role in the dative gains an "n" on its first word
/// ("dem Ersten Stadtrat" of "Der Erste Stadtrat"), so that word is tried without it too.
/// `None` where only the words can be checked.
fn sift(text: &str) -> Result<Option<regex::bytes::Regex>, regex::Error> {
    // The part from the first letter or digit on: what stands before it may be a join's.
    let core = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    // Each word (run of letters and digits) with where it begins.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (at, c) in core.char_indices().chain([(core.len(), ' ')]) {
        match (c.is_alphanumeric() && at < core.len(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, &core[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    if words.len() < 2 {
        return Ok(None);
    }
    let added_words = added_texts().as_bytes();
    for (_, w) in &words {
        if regex::bytes::Regex::new(&pattern(w))?.is_match(added_words) {
            return Ok(None);
        }
    }
    // What stands before the first word may come from the piece before a join: the words on
    // are in one string, or run over a join themselves.
    let mut alternatives = vec![format!("(?:{})", pattern(core))];
    let first_end = words[0].0 + words[0].1.len();
    let variants: Vec<String> = match words[0].1.strip_suffix(['n', 'N']) {
        Some(stem) if !stem.is_empty() => {
            vec![core.to_string(), format!("{stem}{}", &core[first_end..])]
        }
        _ => vec![core.to_string()],
    };
    for (v, variant) in variants.iter().enumerate() {
        // In the variant without the "n", every word ends one byte earlier.
        let shift = v;
        if v > 0 {
            alternatives.push(format!("(?:{})", pattern(variant)));
        }
        for (start, w) in &words {
            let end = (start + w.len()).saturating_sub(shift);
            let prefix = &variant[..end.min(variant.len())];
            // The string may end in spaces or punctuation after the word.
            alternatives.push(format!("(?:{}[^\"\\p{{L}}\\p{{N}}]*\")", pattern(prefix)));
        }
    }
    Ok(Some(regex::bytes::Regex::new(&alternatives.join("|"))?))
}

impl Term {
    /// Where the term stands in `text` (without the character before a phrase).
    fn ranges<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.regex.find_iter(text.as_bytes()).map(move |m| {
            let mut start = m.start();
            if self.bounded
                && let Some(c) = text[start..].chars().next()
                && !c.is_alphanumeric()
            {
                start += c.len_utf8();
            }
            (start, m.end())
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
            speaker_filter: std::sync::OnceLock::new(),
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
            ranges.extend(term.ranges(text));
            if ranges.len() == before {
                return None;
            }
        }
        Some(merged(ranges))
    }

    /// Byte ranges of any term in `text` (for marking lines of a longer text).
    pub fn any_matches(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        let ranges: Vec<(usize, usize)> = self.terms.iter().flat_map(|t| t.ranges(text)).collect();
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
    /// cannot. A text of the archive is made of the file's strings and of [`added_texts`] (the
    /// words the protocol puts around names, a role's dative "n", the outcomes), joined at
    /// spaces and punctuation, so each word of a term must occur in one of those. Escapes
    /// (`\u{df}`) hide letters from the bytes: such a file may match.
    pub fn file_may_match(&self, bytes: &[u8]) -> bool {
        if memchr::memchr(b'\\', bytes).is_some() {
            return true;
        }
        let terms = self.terms.iter().all(|t| {
            // A filter that cannot be made rules nothing out.
            t.filter
                .get_or_init(|| Filter::new(&t.text).ok())
                .as_ref()
                .is_none_or(|f| f.may_match(bytes))
        });
        // A speaker's names are strings of the file: where their folded form holds a word,
        // the bytes hold one of its spellings.
        terms && self.speaker_filter().iter().all(|r| r.is_match(bytes))
    }

    /// One expression per word of the speaker, matching every spelling whose folded form holds
    /// it (made once per speaker).
    fn speaker_filter(&self) -> &[regex::bytes::Regex] {
        let made = self.speaker_filter.get_or_init(|| {
            let words = self.speaker_words();
            let filter = words
                .iter()
                .filter_map(|w| regex::bytes::Regex::new(&spellings_folding_to(w)).ok())
                .collect();
            (self.speaker.clone(), filter)
        });
        if made.0 == self.speaker {
            &made.1
        } else {
            // The speaker was changed after the first use: no filter (every file may match).
            &[]
        }
    }

    /// What the index can look up: for each term long enough, what the [`index_form`] of every
    /// text it matches holds; for the speaker, each folded word long enough, a substring of the
    /// speaker's key. A text without all of them is no hit.
    pub fn needles(&self) -> (Vec<Needle>, Vec<String>) {
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
