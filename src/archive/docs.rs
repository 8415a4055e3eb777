//! What of a session can be found: each item's title, outcome and Beschlussvorschlag and each
//! paragraph of its minutes, worded as the protocol prints them ("Frau Okafor fragt, ob …", names
//! included). The public texts come from the session's public view, so they can hold nothing of
//! a closed item; the closed items' texts are kept apart. Search without an index and the
//! index itself both take their texts from here.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::{AgendaItem, Session, fold};
use crate::render::german;

/// Where in an item a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    Titel,
    /// Paragraph number, from 1.
    Absatz(usize),
    Beschlussvorschlag,
    /// The outcome ("geändert beschlossen"), as the protocol's "Beschluss:" prints it.
    Beschluss,
}

impl Place {
    /// As hits name it: "Titel", "Absatz 3", "Beschlussvorschlag", "Beschluss".
    pub fn label(self) -> String {
        match self {
            Place::Titel => "Titel".to_string(),
            Place::Absatz(n) => format!("Absatz {n}"),
            Place::Beschlussvorschlag => "Beschlussvorschlag".to_string(),
            Place::Beschluss => "Beschluss".to_string(),
        }
    }
}

/// One text of a session that a search can find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    /// The item's number and title.
    pub item: String,
    pub title: String,
    pub place: Place,
    /// Who speaks, as the protocol names them ("Frau Okafor", "Der Bürgermeister").
    pub speaker: Option<String>,
    /// The speaker's names, folded, for `--speaker`: "frau okafor amara okafor".
    pub speaker_key: Option<String>,
    /// The text as the protocol prints it.
    pub text: String,
    /// Its place in the session: agenda position, then title, outcome, Beschlussvorschlag,
    /// paragraphs.
    pub seq: u32,
}

/// A session's texts: what the public may find, and the closed items' texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    pub public: Vec<Doc>,
    pub closed: Vec<Doc>,
}

/// Texts of one item in a sequence number's low bits; the agenda position stands above them.
const PER_ITEM: u32 = 1 << 16;

/// The texts of `session` (see the module documentation).
pub fn docs(session: &Session) -> Docs {
    let view = session.public_view();
    let mut public_items = view.agenda.iter();
    let (public_names, all_names) = (names(&view), names(session));
    let mut docs = Docs::default();
    for (position, (item, closed)) in session
        .agenda
        .iter()
        .zip(session.closed_flags())
        .enumerate()
    {
        let base = u32::try_from(position)
            .unwrap_or(u32::MAX)
            .saturating_mul(PER_ITEM);
        if closed {
            item_docs(session, &all_names, item, base, &mut docs.closed);
        } else if let Some(shown) = public_items.next() {
            item_docs(&view, &public_names, shown, base, &mut docs.public);
        }
    }
    docs
}

/// How paragraphs name each person, and their folded names for `--speaker`.
fn names(session: &Session) -> HashMap<&str, (String, String)> {
    session
        .persons
        .iter()
        .map(|p| {
            let speaker = german::speaker(p);
            let key = fold(&format!("{speaker} {}", german::full_name(p)));
            (p.id.as_str(), (speaker, key))
        })
        .collect()
}

fn item_docs(
    session: &Session,
    names: &HashMap<&str, (String, String)>,
    item: &AgendaItem,
    base: u32,
    out: &mut Vec<Doc>,
) {
    let doc = |place, seq: u32, text: String, speaker: Option<(String, Option<String>)>| {
        let (speaker, speaker_key) = speaker.unzip();
        Doc {
            item: item.number.clone(),
            title: item.title.clone(),
            place,
            speaker,
            speaker_key: speaker_key.flatten(),
            text,
            seq: base.saturating_add(seq),
        }
    };
    out.push(doc(Place::Titel, 0, item.title.clone(), None));
    if let Some(outcome) = item.outcome {
        out.push(doc(
            Place::Beschluss,
            1,
            german::outcome(outcome).to_string(),
            None,
        ));
    }
    if let Some(text) = item.resolution_text() {
        out.push(doc(Place::Beschlussvorschlag, 2, text.to_string(), None));
    }
    for (n, p) in item.minutes.iter().enumerate() {
        let speaker = p.speaker.as_deref().map(|id| match names.get(id) {
            Some((name, key)) => (name.clone(), Some(key.clone())),
            // Someone not in the list: the protocol names them by their id.
            None => (id.to_string(), None),
        });
        let text = german::paragraph_named(session, p, speaker.as_ref().map(|(s, _)| s.as_str()));
        let seq = u32::try_from(n + 3).unwrap_or(u32::MAX).min(PER_ITEM - 1);
        out.push(doc(Place::Absatz(n + 1), seq, text, speaker));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Session {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sessions/2024-03-14_bauausschuss.ron");
        crate::store::load(&path).unwrap()
    }

    #[test]
    fn texts_are_worded_as_the_protocol_prints_them_in_agenda_order() {
        let s = demo();
        let docs = docs(&s);
        let seqs: Vec<u32> = docs.public.iter().map(|d| d.seq).collect();
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "in agenda order");
        let item = s.agenda.iter().find(|i| i.number == "7").unwrap();
        let para = &item.minutes[0];
        let worded = german::paragraph(&s, para);
        assert!(
            docs.public
                .iter()
                .any(|d| d.item == "7" && d.place == Place::Absatz(1) && d.text == worded)
        );
        let closed: Vec<&str> = docs.closed.iter().map(|d| d.item.as_str()).collect();
        assert!(!closed.is_empty());
        for doc in &docs.public {
            assert!(!closed.contains(&doc.item.as_str()));
        }
        // Public and closed texts together are in agenda order too.
        let mut all: Vec<u32> = docs
            .public
            .iter()
            .chain(&docs.closed)
            .map(|d| d.seq)
            .collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), docs.public.len() + docs.closed.len());
    }
}
