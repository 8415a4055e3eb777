//! The council's world, pure: sessions, persons, agenda items, votes, and the actions that change them.
//! No files, no terminal, no text layout here.

mod action;
mod ballot;
pub mod check;
pub mod election;
mod event;
mod fold;
pub mod history;
mod item;
pub mod law;
pub mod life;
mod names;
mod person;
mod public;
mod recording;
pub use public::number_key;
pub use recording::RecordedVote;
mod session;
mod speakers;
pub mod statistics;
pub mod template;
mod text;
mod time;
pub mod vote;

pub use action::{Action, ApplyError, TimeOf};
pub use ballot::{Answer, Ballot, BallotKind, NamedVote, pronoun};
pub use event::{Event, EventKind, Movement, open_break, shown_events};
pub use fold::fold;
pub use item::{
    AgendaItem, GoKind, Motion, MotionKind, Outcome, Paragraph, Vorlage, is_valid_number,
};
pub use names::slug;
pub use person::{Person, PersonId, PersonKind, Presence, Salutation};
pub use session::{Land, Quorum, SCHEMA_VERSION, Session};
pub use speakers::{Request, RequestKind, SpeakerQueue, Turn};
pub use text::{Unclean, allowed, cleaned_paste, escaped, first_unclean};
pub use time::{Time, typed_span, typed_time};
pub use vote::{Evaluation, Majority, Summary, Vote};
