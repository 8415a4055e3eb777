//! The Wortprotokoll: a session rendered as text, Markdown or HTML, in the public or internal
//! edition, whole (Niederschrift) or for one item (Auszug).
//!
//! [`document`] decides what is shown; `text`, `markdown` and `html` only write it.

mod document;
pub mod german;
mod html;
mod markdown;
mod text;

use crate::domain::Session;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
}

/// The public edition is made from the session's public view ([`Session::public_view`]): no
/// closed item, nobody who was there only for one. The internal one has them all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Edition {
    #[default]
    Public,
    Internal,
}

/// How vote counts are written: ALLRIS (`Zustimmung: 12  Ablehnung: -  Enthaltung: -`) or
/// SessionNet (`Ja: 12, Nein: 0, Enthaltungen: 0, Befangen: 0`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VoteStyle {
    #[default]
    Allris,
    SessionNet,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub format: Format,
    pub edition: Edition,
    pub vote_style: VoteStyle,
    /// Render only the Auszug of this item.
    pub item: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// Also for a closed item in the public edition: the public must not learn that it exists.
    #[error("TOP {0} gibt es in dieser Sitzung nicht")]
    NoSuchItem(String),
}

/// Renders the session as `options` ask.
pub fn render(session: &Session, options: &Options) -> Result<String, RenderError> {
    let public;
    let session = match options.edition {
        Edition::Public => {
            public = session.public_view();
            &public
        }
        Edition::Internal => session,
    };
    let doc = match &options.item {
        Some(number) => {
            let item = session
                .item(number)
                .ok_or_else(|| RenderError::NoSuchItem(number.clone()))?;
            document::auszug(session, item, options.vote_style)
        }
        None => document::niederschrift(session, options.edition, options.vote_style),
    };
    Ok(match options.format {
        Format::Text => text::write(&doc),
        Format::Markdown => markdown::write(&doc),
        Format::Html => html::write(&doc),
    })
}
