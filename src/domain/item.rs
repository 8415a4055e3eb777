//! Agenda items (TOPs): their paper, minutes, motions and outcome.

use serde::{Deserialize, Serialize};

use super::ballot::Ballot;
use super::election::Election;
use super::event::Event;
use super::person::PersonId;
use super::speakers::SpeakerQueue;
use super::time::Time;
use super::vote::{Majority, Vote};

/// The outcome of a TOP. `render` prints the exact strings of ALLRIS and SessionNet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Beschlossen,
    UngeaendertBeschlossen,
    GeaendertBeschlossen,
    Abgelehnt,
    ZurKenntnisGenommen,
    Vertagt,
    Zurueckgestellt,
    Verwiesen,
    Zurueckgezogen,
    Abgesetzt,
    Erledigt,
}

impl Outcome {
    pub const ALL: [Outcome; 11] = [
        Outcome::Beschlossen,
        Outcome::UngeaendertBeschlossen,
        Outcome::GeaendertBeschlossen,
        Outcome::Abgelehnt,
        Outcome::ZurKenntnisGenommen,
        Outcome::Vertagt,
        Outcome::Zurueckgestellt,
        Outcome::Verwiesen,
        Outcome::Zurueckgezogen,
        Outcome::Abgesetzt,
        Outcome::Erledigt,
    ];

    /// Whether this outcome says a resolution was passed.
    pub fn is_passed(self) -> bool {
        matches!(
            self,
            Outcome::Beschlossen | Outcome::UngeaendertBeschlossen | Outcome::GeaendertBeschlossen
        )
    }
}

/// The paper behind a TOP (Vorlage, Drucksache).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vorlage {
    /// "DrS/2024/017".
    pub number: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Its type as the information system names it: "Beschlussvorlage", "Mitteilungsvorlage".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// File names of the attachments (Anlagen).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
}

/// One paragraph of the Wortprotokoll.
///
/// With a `speaker`, `text` continues the sentence the protocol starts with the speaker:
/// speaker "okafor" and text "fragt, ob …" print as "Frau Okafor fragt, ob …".
/// `asked_by` prints after the first word: "Der Bürgermeister erklärt auf Nachfrage von Frau Okafor, dass …".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<PersonId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asked_by: Vec<PersonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Time>,
    pub text: String,
    /// The text names its speaker itself ("Auf Nachfrage von Herrn Ahrens erklärt er, dass …"):
    /// printed as written; `speaker` and `asked_by` are for search and statistics.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub as_written: bool,
}

impl Paragraph {
    pub fn plain(text: &str) -> Paragraph {
        Paragraph {
            text: text.to_string(),
            ..Paragraph::default()
        }
    }

    pub fn by(speaker: &str, text: &str) -> Paragraph {
        Paragraph {
            speaker: Some(speaker.to_string()),
            text: text.to_string(),
            ..Paragraph::default()
        }
    }
}

/// What a motion is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MotionKind {
    /// The vote on the item's Beschlussvorschlag (as amended, where it was). Its text is the item's.
    #[default]
    Beschlussvorschlag,
    /// Amendment (Änderungsantrag): voted before the main motion.
    Aenderungsantrag,
    /// A motion of its own from the floor.
    Antrag,
    /// Procedural motion (Geschäftsordnungsantrag).
    GoAntrag,
    /// An election (Wahl): its ballots are in `Motion::election`.
    Wahl,
}

/// What a procedural motion (Geschäftsordnungsantrag) asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoKind {
    SchlussDerDebatte,
    SchlussDerRednerliste,
    Vertagung,
    Verweisung,
    UebergangZurTagesordnung,
    Unterbrechung,
    AusschlussDerOeffentlichkeit,
    BegrenzungDerRedezeit,
    /// The agenda extended by an urgent item: the Land's majority (`Land::urgency_majority`).
    Dringlichkeit,
}

impl GoKind {
    pub const ALL: [GoKind; 9] = [
        GoKind::SchlussDerDebatte,
        GoKind::SchlussDerRednerliste,
        GoKind::Vertagung,
        GoKind::Verweisung,
        GoKind::UebergangZurTagesordnung,
        GoKind::Unterbrechung,
        GoKind::AusschlussDerOeffentlichkeit,
        GoKind::BegrenzungDerRedezeit,
        GoKind::Dringlichkeit,
    ];
}

/// A motion with its majority rule and, once taken, its vote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Motion {
    #[serde(default)]
    pub kind: MotionKind,
    /// Who moved it; a person or, as written, a Fraktion ("SPD-Fraktion").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mover: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default)]
    pub majority: Majority,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<Vote>,
    /// What a procedural motion asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go: Option<GoKind>,
    /// How the vote was taken beyond its counts (per Fraktion, by name, secret).
    #[serde(default, skip_serializing_if = "Ballot::is_plain")]
    pub ballot: Ballot,
    /// The candidates and ballots of an election.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub election: Option<Election>,
    /// The item of the agenda the motion is about: the urgent item of a Dringlichkeit. It
    /// follows renumbering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

impl Motion {
    /// Whether something is still to be counted: its vote; for an election, a ballot or the
    /// lot.
    pub fn is_open(&self) -> bool {
        use super::election::ElectionResult;
        match &self.election {
            Some(e) => !matches!(
                e.result(),
                ElectionResult::Elected { .. } | ElectionResult::NotElected
            ),
            None => self.vote.is_none(),
        }
    }

    /// Whether anything of it was counted: its vote, or a ballot of its election.
    pub fn counted(&self) -> bool {
        self.vote.is_some() || self.election.as_ref().is_some_and(|e| !e.rounds.is_empty())
    }
}

/// One TOP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Hierarchical number, "4" or "4.1"; unique within the session.
    pub number: String,
    pub title: String,
    /// Closed item (nichtöffentlich): never in the public edition.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
    /// Why the public is excluded, e.g. "Grundstücksangelegenheit".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vorlage: Option<Vorlage>,
    /// The Beschlussvorschlag as proposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<String>,
    /// The Beschlussvorschlag as amended in the meeting; then this is what was voted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended_proposal: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minutes: Vec<Paragraph>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub motions: Vec<Motion>,
    /// Members who declared Befangenheit for this item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub befangen: Vec<PersonId>,
    #[serde(default, skip_serializing_if = "SpeakerQueue::is_empty")]
    pub speakers: SpeakerQueue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The item approves the Niederschrift of that session (its file name without `.ron`):
    /// "Genehmigung der Niederschrift über die Sitzung vom 15.02.2024" (`law::is_approval_item`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approves: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Time>,
    /// What happened during the item besides the words: a break, the public excluded …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}

impl AgendaItem {
    pub fn new(number: &str, title: &str) -> AgendaItem {
        AgendaItem {
            number: number.to_string(),
            title: title.to_string(),
            ..AgendaItem::default()
        }
    }

    /// The Beschlussvorschlag that counts: the amended one where there is one.
    pub fn resolution_text(&self) -> Option<&str> {
        self.amended_proposal
            .as_deref()
            .or(self.proposal.as_deref())
    }

    /// The vote on the Beschlussvorschlag, if taken.
    pub fn main_motion(&self) -> Option<&Motion> {
        self.motions
            .iter()
            .rev()
            .find(|m| m.kind == MotionKind::Beschlussvorschlag)
    }

    /// The motion whose vote decides the item: the vote on the Beschlussvorschlag, else the last
    /// motion of its own from the floor.
    pub fn decisive_motion(&self) -> Option<&Motion> {
        self.main_motion().or_else(|| {
            self.motions
                .iter()
                .rev()
                .find(|m| m.kind == MotionKind::Antrag)
        })
    }

    pub fn is_befangen(&self, person: &str) -> bool {
        self.befangen.iter().any(|p| p == person)
    }
}

/// A valid item number as councils write them: dot-separated parts of digits and letters
/// ("4", "4.1", "6a", "2.b", "16.1.4.11"), a part ending in ")" ("c)"), and the part marks
/// "Ö" and "N" before it ("Ö 3", "N 2"). Nothing that could be a path ("../4") or two things.
pub fn is_valid_number(number: &str) -> bool {
    let body = ["Ö ", "N ", "Ö", "N"]
        .iter()
        .find_map(|mark| number.strip_prefix(mark))
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(number);
    let (body, bracket) = match body.strip_suffix(')') {
        Some(body) => (body, true),
        None => (body, false),
    };
    // A digit, or one letter with its bracket ("c)"): "Noch ein Antrag" is a title.
    let numbered = body.bytes().any(|b| b.is_ascii_digit())
        || (bracket && body.len() == 1 && body.bytes().all(|b| b.is_ascii_lowercase()));
    numbered
        && number.len() <= 24
        && body
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_are_written_as_councils_write_them() {
        assert!(is_valid_number("4"));
        assert!(is_valid_number("4.1"));
        assert!(!is_valid_number(""));
        assert!(!is_valid_number("4."));
        assert!(!is_valid_number("../4"));
        for written in ["6a", "Ö 3", "N 2", "Ö3", "2.b", "c)", "16.1.4.11", "3.1a"] {
            assert!(is_valid_number(written), "{written}");
        }
        for not in [
            "4..1", "a b", "Ö ", "4/1", "4.", "12345", "Ö 3 4", "Noch", "N", "a",
        ] {
            assert!(!is_valid_number(not), "{not}");
        }
    }

    #[test]
    fn amended_proposal_is_what_counts() {
        let mut item = AgendaItem::new("6", "Sporthalle");
        item.proposal = Some("alt".into());
        assert_eq!(item.resolution_text(), Some("alt"));
        item.amended_proposal = Some("neu".into());
        assert_eq!(item.resolution_text(), Some("neu"));
    }
}
