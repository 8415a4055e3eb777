use super::*;
use crate::domain::{Paragraph, Request, RequestKind, Salutation};

fn session() -> Session {
    let mut s = Session::new(
        "Bauausschuss",
        chrono::NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
    );
    s.persons
        .push(Person::member("a", Salutation::Frau, "Anna", "Ahrens"));
    s.agenda.push(AgendaItem::new("1", "Eröffnung"));
    s.agenda.push(AgendaItem::new("2", "Bauanträge"));
    s
}

fn t(h: u32, m: u32) -> Time {
    Time::hms(h, m, 0).unwrap()
}

#[test]
fn undo_takes_back_a_whole_change_and_redo_makes_it_again() {
    let mut s = session();
    let before = s.clone();
    let change = [
        Action::AddPerson(Person::member("b", Salutation::Herr, "Bernd", "Brandt")),
        Action::AddSpeaker {
            item: "2".into(),
            request: Request {
                person: "b".into(),
                kind: RequestKind::Wortmeldung,
                at: None,
            },
        },
    ];
    s.apply_change(&change).unwrap();
    let after = s.clone();
    s.apply_change(&[Action::Undo]).unwrap();
    assert_eq!(s.persons, before.persons);
    assert_eq!(s.agenda, before.agenda);
    assert_eq!(s.redoable(), Some(&change[..]));
    s.apply_change(&[Action::Redo]).unwrap();
    assert_eq!(s.agenda, after.agenda);
    assert_eq!(s.persons, after.persons);
    assert_eq!(s.undoable(), Some(&change[..]));
}

#[test]
fn a_refused_change_leaves_nothing_and_no_history() {
    let mut s = session();
    let before = s.clone();
    let change = [
        Action::SetTitle {
            item: "1".into(),
            title: "Begrüßung".into(),
        },
        Action::SetTitle {
            item: "9".into(),
            title: "gibt es nicht".into(),
        },
    ];
    assert!(s.apply_change(&change).is_err());
    assert_eq!(s, before);
}

#[test]
fn typing_into_one_paragraph_is_one_change_for_undo() {
    let mut s = session();
    s.apply_change(&[Action::AppendMinute {
        item: "1".into(),
        paragraph: Paragraph::default(),
    }])
    .unwrap();
    for text in ["Die", "Die Sitzung", "Die Sitzung wird eröffnet."] {
        s.apply_change(&[Action::EditMinute {
            item: "1".into(),
            index: 0,
            text: text.into(),
        }])
        .unwrap();
    }
    assert_eq!(s.history.undo.len(), 1);
    s.apply_change(&[Action::Undo]).unwrap();
    assert!(s.item("1").unwrap().minutes.is_empty());
    s.apply_change(&[Action::Redo]).unwrap();
    assert_eq!(
        s.item("1").unwrap().minutes[0].text,
        "Die Sitzung wird eröffnet."
    );
}

#[test]
fn nothing_to_undo_is_refused_and_a_new_change_ends_redo() {
    let mut s = session();
    assert_eq!(
        s.apply_change(&[Action::Undo]),
        Err(ApplyError::NothingToUndo)
    );
    s.apply_change(&[Action::StartSession { at: t(19, 0) }])
        .unwrap();
    s.apply_change(&[Action::Undo]).unwrap();
    assert_eq!(s.start, None);
    s.apply_change(&[Action::SetPlace("Rathaus".into())])
        .unwrap();
    assert_eq!(
        s.apply_change(&[Action::Redo]),
        Err(ApplyError::NothingToRedo)
    );
    assert!(matches!(
        s.apply_change(&[Action::SetPlace("x".into()), Action::Undo]),
        Err(ApplyError::NotAlone(_))
    ));
}

#[test]
fn the_history_is_bounded() {
    let mut s = session();
    for n in 0..UNDO_DEPTH + 20 {
        s.apply_change(&[Action::SetPlace(format!("Raum {n}"))])
            .unwrap();
    }
    assert_eq!(s.history.undo.len(), UNDO_DEPTH);
}

#[test]
fn undo_and_redo_survive_the_session_file() {
    let mut s = session();
    s.apply_change(&[Action::SetTitle {
        item: "2".into(),
        title: "Bauanträge und Bauvoranfragen".into(),
    }])
    .unwrap();
    let text = crate::store::to_ron(&s);
    let mut read = crate::store::parse(std::path::Path::new("s.ron"), &text).unwrap();
    assert_eq!(read, s);
    read.apply_change(&[Action::Undo]).unwrap();
    assert_eq!(read.item("2").unwrap().title, "Bauanträge");
}
