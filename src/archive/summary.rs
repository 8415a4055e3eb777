//! What lists show of a session (`list`, the browser, the picker): body, date, number, and how
//! many items it has and how many were decided, counted once for the public (its public view)
//! and once for the internal edition.

use chrono::NaiveDate;

use crate::domain::Session;

/// Items and decisions, as one edition counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub items: usize,
    pub decided: usize,
}

impl Counts {
    fn of(s: &Session) -> Counts {
        Counts {
            items: s.agenda.len(),
            decided: s.agenda.iter().filter(|i| i.outcome.is_some()).count(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSummary {
    /// Shared: an archive of thousands of sessions has a few dozen bodies.
    pub body: std::sync::Arc<str>,
    pub date: NaiveDate,
    pub number: Option<String>,
    /// As the public edition counts: closed items are not there.
    pub public: Counts,
    /// As the internal edition counts: every item.
    pub internal: Counts,
}

impl SessionSummary {
    pub fn of(s: &Session) -> SessionSummary {
        SessionSummary {
            body: std::sync::Arc::from(s.body.as_str()),
            date: s.date,
            number: s.number.clone(),
            public: Counts::of(&s.public_view()),
            internal: Counts::of(s),
        }
    }

    /// The counts of one edition.
    pub fn counts(&self, internal: bool) -> Counts {
        if internal { self.internal } else { self.public }
    }
}
