//! The archive: the sessions folder read as a whole, for lists and search (`list`, `search`,
//! the browser). Everything a reader sees comes from parsed sessions through the domain's one
//! definition of what is public ([`Session::public_view`](crate::domain::Session::public_view)):
//! the texts to search ([`docs`]), the summaries to list ([`summary`]); the index holds
//! exactly those, built from the same functions, and is only ever a faster way to them.

pub mod docs;
pub mod index;
pub mod listing;
pub mod query;
pub mod search;
pub mod summary;

pub use docs::{Doc, Docs, Place};
pub use listing::{Listing, listing};
pub use query::{Query, QueryError};
pub use search::{Hit, Search, search_archive};
pub use summary::{Counts, SessionSummary};
