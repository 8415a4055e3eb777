//! The Wortprotokoll: a session rendered as text, Markdown or HTML, in the public or internal
//! edition, whole (Niederschrift) or for one item (Auszug).
//!
//! [`document`] decides what is shown; `text`, `markdown` and `html` only write it.

mod document;
pub mod german;
mod html;
pub mod layout;
mod markdown;
mod pdf;
mod text;

use crate::domain::Session;

pub use layout::{Layout, VoteStyle};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
    /// A4, typeset in-process ([`render_pdf`]).
    Pdf,
}

/// The public edition is made from the session's public view ([`Session::public_view`]): no
/// closed item, nobody who was there only for one. The internal one has them all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Edition {
    #[default]
    Public,
    Internal,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub format: Format,
    pub edition: Edition,
    /// The house style.
    pub layout: Layout,
    /// Render only the Auszug of this item.
    pub item: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// Also for a closed item in the public edition: the public must not learn that it exists.
    #[error("TOP {0} gibt es in dieser Sitzung nicht")]
    NoSuchItem(String),
    #[error("PDF ist kein Text: mit --output in eine Datei schreiben")]
    NotText,
    /// The typesetter failed: a bug, not the user's input (which reaches it as data only; a
    /// character no font has gives a plain PDF instead of PDF/A, see [`render_file`]).
    #[error("PDF konnte nicht gesetzt werden: {0}")]
    Pdf(String),
}

/// The document `options` ask for, from the session as its edition may show it.
fn document(session: &Session, options: &Options) -> Result<document::Document, RenderError> {
    // The order dealt with and where closed parts were is taken from the whole session; the
    // public edition keeps of a closed part at most that it was there (its heading).
    let full_plan = session.parts_as_dealt();
    let public;
    let (session, plan) = match options.edition {
        Edition::Public => {
            public = session.public_view();
            // The view keeps the public items in agenda order: index in the view = public
            // items before it in the session.
            let flags = session.closed_flags();
            let view_index = |i: usize| flags[..i].iter().filter(|c| !**c).count();
            let mut plan: document::Plan = Vec::new();
            for (closed, items) in full_plan {
                let items: Vec<usize> = if closed {
                    if !options.layout.agenda.closed_heading_in_public {
                        continue;
                    }
                    Vec::new()
                } else {
                    items.into_iter().map(view_index).collect()
                };
                match plan.last_mut() {
                    // Public parts that only a left-out closed part divided are one.
                    Some((false, before)) if !closed => before.extend(items),
                    _ => plan.push((closed, items)),
                }
            }
            (&public, plan)
        }
        Edition::Internal => (session, full_plan),
    };
    Ok(match &options.item {
        Some(number) => {
            let item = session
                .item(number)
                .ok_or_else(|| RenderError::NoSuchItem(number.clone()))?;
            // The Auszug of a public item goes to other bodies and the public: even from the
            // internal edition it holds nothing a closed item brought into it (an event naming
            // one), so it is made from the public view.
            if options.edition == Edition::Internal && !session.is_closed(item) {
                let view = session.public_view();
                let item = view
                    .item(number)
                    .ok_or_else(|| RenderError::NoSuchItem(number.clone()))?;
                return Ok(document::auszug(
                    &view,
                    item,
                    Edition::Public,
                    &options.layout,
                ));
            }
            document::auszug(session, item, options.edition, &options.layout)
        }
        None => document::niederschrift(session, options.edition, &options.layout, &plan),
    })
}

/// Renders the session as `options` ask, in a text format.
pub fn render(session: &Session, options: &Options) -> Result<String, RenderError> {
    let doc = document(session, options)?;
    Ok(match options.format {
        Format::Text => text::write(&doc),
        Format::Markdown => markdown::write(&doc),
        Format::Html => html::write(&doc),
        Format::Pdf => return Err(RenderError::NotText),
    })
}

/// Renders the session as `options` ask, in any format, as the bytes of the file.
pub fn render_bytes(session: &Session, options: &Options) -> Result<Vec<u8>, RenderError> {
    render_file(session, options).map(|(bytes, _)| bytes)
}

/// [`render_bytes`] with what the reader should be told about the file (a PDF that could not
/// be PDF/A, and why).
pub fn render_file(
    session: &Session,
    options: &Options,
) -> Result<(Vec<u8>, Vec<String>), RenderError> {
    match options.format {
        Format::Pdf => {
            let typeset = pdf::typeset(&document(session, options)?)?;
            Ok((typeset.pdf, typeset.notes))
        }
        _ => Ok((render(session, options)?.into_bytes(), Vec::new())),
    }
}
