//! The speaker queue (Redeliste) of one agenda item.

use serde::{Deserialize, Serialize};

use super::person::PersonId;
use super::time::Time;

/// Kind of a request to speak. Declared in order of precedence: earlier kinds jump ahead of later ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RequestKind {
    /// Interposed question to the current speaker.
    Zwischenfrage,
    /// Direct reply.
    Erwiderung,
    /// Point of order (zur Geschäftsordnung).
    Geschaeftsordnung,
    /// An ordinary request to speak.
    #[default]
    Wortmeldung,
}

/// One waiting request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub person: PersonId,
    #[serde(default)]
    pub kind: RequestKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Time>,
}

/// One turn at speaking; `until` is set when it ends. Chairs and press ask for time used afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    pub person: PersonId,
    #[serde(default)]
    pub kind: RequestKind,
    pub since: Time,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Time>,
    /// Speaking time limit in seconds, where the chair set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_secs: Option<u32>,
}

/// Requests in order, who has the floor, and the turns already taken.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerQueue {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiting: Vec<Request>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub turns: Vec<Turn>,
}

impl SpeakerQueue {
    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty() && self.turns.is_empty()
    }

    /// The turn in progress, if any.
    pub fn current(&self) -> Option<&Turn> {
        self.turns.last().filter(|t| t.until.is_none())
    }

    /// Queues a request behind all of equal or higher precedence, ahead of all lower.
    pub fn push(&mut self, request: Request) {
        let pos = self
            .waiting
            .iter()
            .position(|r| r.kind > request.kind)
            .unwrap_or(self.waiting.len());
        self.waiting.insert(pos, request);
    }

    /// Ends the current turn, if any, at `at`.
    pub fn end_turn(&mut self, at: Time) {
        if let Some(turn) = self.turns.last_mut().filter(|t| t.until.is_none()) {
            turn.until = Some(at);
        }
    }

    /// Ends the current turn and gives the floor to the first waiting request.
    /// Returns the new speaker, or `None` when nobody waits (nothing changes then).
    pub fn give_floor(&mut self, at: Time, limit_secs: Option<u32>) -> Option<&Turn> {
        if self.waiting.is_empty() {
            return None;
        }
        let next = self.waiting.remove(0);
        self.end_turn(at);
        self.turns.push(Turn {
            person: next.person,
            kind: next.kind,
            since: at,
            until: None,
            limit_secs,
        });
        self.turns.last()
    }

    /// Seconds `person` has spoken in finished turns.
    pub fn seconds_spoken(&self, person: &str) -> u32 {
        self.turns
            .iter()
            .filter(|t| t.person == person)
            .filter_map(|t| t.until.map(|u| t.since.seconds_until(u)))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(person: &str, kind: RequestKind) -> Request {
        Request {
            person: person.into(),
            kind,
            at: None,
        }
    }

    fn order(q: &SpeakerQueue) -> Vec<&str> {
        q.waiting.iter().map(|r| r.person.as_str()).collect()
    }

    #[test]
    fn precedence_puts_questions_before_replies_before_points_of_order_before_requests() {
        let mut q = SpeakerQueue::default();
        q.push(req("a", RequestKind::Wortmeldung));
        q.push(req("b", RequestKind::Wortmeldung));
        q.push(req("go", RequestKind::Geschaeftsordnung));
        q.push(req("re", RequestKind::Erwiderung));
        q.push(req("zf", RequestKind::Zwischenfrage));
        q.push(req("go2", RequestKind::Geschaeftsordnung));
        assert_eq!(order(&q), ["zf", "re", "go", "go2", "a", "b"]);
    }

    #[test]
    fn giving_the_floor_ends_the_previous_turn_and_keeps_the_times() {
        let mut q = SpeakerQueue::default();
        q.push(req("a", RequestKind::Wortmeldung));
        q.push(req("b", RequestKind::Wortmeldung));
        let t0 = Time::hm(19, 0).unwrap();
        let t1 = Time::hms(19, 2, 30).unwrap();
        assert_eq!(
            q.give_floor(t0, None).map(|t| t.person.clone()),
            Some("a".into())
        );
        assert_eq!(
            q.give_floor(t1, Some(180)).map(|t| t.person.clone()),
            Some("b".into())
        );
        assert_eq!(q.turns[0].until, Some(t1));
        assert_eq!(q.current().map(|t| t.person.as_str()), Some("b"));
        assert_eq!(q.seconds_spoken("a"), 150);
        assert!(q.give_floor(t1, None).is_none());
        assert_eq!(q.current().map(|t| t.person.as_str()), Some("b"));
    }
}
