use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::{Action, ApplyError, Motion, Paragraph, Salutation};

fn t(h: u32, m: u32) -> Time {
    Time::hm(h, m).unwrap()
}

fn agenda(numbers: &[&str]) -> Session {
    let mut s = Session::new(
        "Bauausschuss",
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
    );
    for n in numbers {
        s.agenda.push(AgendaItem::new(n, &format!("Titel {n}")));
    }
    s
}

fn closed(s: &Session) -> Vec<(&str, bool)> {
    s.agenda
        .iter()
        .zip(s.closed_flags())
        .map(|(i, c)| (i.number.as_str(), c))
        .collect()
}

#[test]
fn a_closed_item_closes_its_sub_items_wherever_they_stand() {
    let mut s = agenda(&["11.1", "9", "9.1", "10", "90", "11", "11.1.2", "110"]);
    s.agenda[1].closed = true;
    s.agenda[5].closed = true;
    let expected = [
        ("11.1", true),
        ("9", true),
        ("9.1", true),
        ("10", false),
        ("90", false),
        ("11", true),
        ("11.1.2", true),
        ("110", false),
    ];
    assert_eq!(closed(&s), expected);
    for (item, (_, c)) in s.agenda.iter().zip(expected) {
        assert_eq!(s.is_closed(item), c, "{}", item.number);
    }
    assert_eq!(
        s.closing_parent(&s.agenda[0]).map(|i| i.number.as_str()),
        Some("11")
    );
    assert!(s.closing_parent(&s.agenda[5]).is_none(), "closed by itself");
    assert_eq!(
        s.closing_parent(&s.agenda[6]).map(|i| i.number.as_str()),
        Some("11"),
        "11.1.2 by 11, through 11.1 that has no flag"
    );
}

#[test]
fn of_two_items_with_one_number_both_are_closed_when_one_is() {
    let mut s = agenda(&["4", "4"]);
    s.agenda[1].closed = true;
    assert_eq!(s.closed_flags(), [true, true]);
    assert!(s.public_view().agenda.is_empty());
}

#[test]
fn a_sub_item_moved_out_of_its_block_or_renumbered_stays_closed() {
    let mut s = agenda(&["10", "11"]);
    s.agenda[1].closed = true;
    s.apply(Action::AddItem {
        item: AgendaItem::new("11.1", "Kaufvertrag"),
        position: Some(2),
    })
    .unwrap();
    assert!(
        s.agenda[2].closed,
        "an item added under a closed item is closed itself"
    );
    // K K: above its parent, then above TOP 10.
    for to in [1, 0] {
        s.apply(Action::MoveItem {
            item: "11.1".into(),
            to,
        })
        .unwrap();
        assert!(s.is_closed(s.item("11.1").unwrap()));
    }
    s.apply(Action::Renumber).unwrap();
    let moved = s.agenda.iter().find(|i| i.title == "Kaufvertrag").unwrap();
    assert!(s.is_closed(moved), "renumbered as {}", moved.number);
}

#[test]
fn renumbering_moving_or_deleting_a_parent_leaves_its_sub_items_closed() {
    for action in [
        Action::SetNumber {
            item: "11".into(),
            number: "12".into(),
        },
        Action::RemoveItem { item: "11".into() },
        Action::MoveItem {
            item: "11.1".into(),
            to: 0,
        },
    ] {
        let mut s = agenda(&["10", "11", "11.1"]);
        s.agenda[1].closed = true;
        s.apply(action.clone()).unwrap();
        let sub = s.agenda.iter().find(|i| i.title == "Titel 11.1").unwrap();
        assert!(s.is_closed(sub), "after {action:?}");
        s.apply(Action::Renumber).unwrap();
        let sub = s.agenda.iter().find(|i| i.title == "Titel 11.1").unwrap();
        assert!(s.is_closed(sub), "after {action:?} and renumbering");
    }
}

#[test]
fn a_sub_item_cannot_be_opened_while_its_parent_is_closed() {
    let mut s = agenda(&["11", "11.1"]);
    s.agenda[0].closed = true;
    let before = s.clone();
    let open = Action::SetClosed {
        item: "11.1".into(),
        closed: false,
        reason: None,
    };
    assert_eq!(
        s.apply(open.clone()),
        Err(ApplyError::ClosedByParent {
            item: "11.1".into(),
            parent: "11".into()
        })
    );
    assert_eq!(s, before);
    s.apply(Action::SetClosed {
        item: "11".into(),
        closed: false,
        reason: None,
    })
    .unwrap();
    assert_eq!(
        s.closed_flags(),
        [false, false],
        "opening the parent opens its block"
    );
    s.apply(open).unwrap();
    // A sub-item with a flag of its own (sealed) cannot be opened while its parent is closed.
    let mut sealed = agenda(&["11", "11.1"]);
    sealed.agenda[0].closed = true;
    sealed.agenda[1].closed = true;
    assert!(matches!(
        sealed.apply(Action::SetClosed {
            item: "11.1".into(),
            closed: false,
            reason: None
        }),
        Err(ApplyError::ClosedByParent { .. })
    ));
}

fn person(id: &str, kind: PersonKind) -> Person {
    let mut p = Person::member(id, Salutation::Herr, "", id);
    p.kind = kind;
    p
}

/// Public items 1 (19:00–19:30) and 2 (19:30–20:00), closed item 3 (20:00–20:30), public 4
/// (20:30–).
fn timed() -> Session {
    let mut s = agenda(&["1", "2", "3", "4"]);
    let times = [(19, 0, 19, 30), (19, 30, 20, 0), (20, 0, 20, 30)];
    for (item, (h1, m1, h2, m2)) in s.agenda.iter_mut().zip(times) {
        item.started = Some(t(h1, m1));
        item.ended = Some(t(h2, m2));
    }
    s.agenda[3].started = Some(t(20, 30));
    s.agenda[2].closed = true;
    s
}

fn shown(s: &Session) -> Vec<String> {
    s.public_view().persons.into_iter().map(|p| p.id).collect()
}

#[test]
fn who_was_there_only_for_closed_items_is_not_in_the_public_view() {
    let mut s = timed();
    let mut only_closed = person("kaeufer", PersonKind::Gast);
    only_closed.arrived = Some(t(20, 5));
    only_closed.left = Some(t(20, 25));
    let mut member_late = person("spaet", PersonKind::Mitglied);
    member_late.arrived = Some(t(20, 0));
    member_late.left = Some(t(20, 30));
    let mut stays_on = person("bleibt", PersonKind::Gast);
    stays_on.arrived = Some(t(20, 5));
    let mut away_for_public = person("weg", PersonKind::Verwaltung);
    away_for_public.away = vec![(t(19, 0), t(20, 0))];
    away_for_public.left = Some(t(20, 30));
    let mut speaks_only_closed = person("gutachter", PersonKind::Gast);
    speaks_only_closed.function = Some("Gutachter".into());
    let mut member_speaks_closed = person("mitglied", PersonKind::Mitglied);
    member_speaks_closed.fraktion = Some("SPD".into());
    let mut excused = person("krank", PersonKind::Mitglied);
    excused.presence = Presence::Entschuldigt;
    let always = person("immer", PersonKind::Verwaltung);
    s.persons = vec![
        only_closed,
        member_late,
        stays_on,
        away_for_public,
        speaks_only_closed,
        member_speaks_closed,
        excused,
        always,
    ];
    s.agenda[2].minutes = vec![
        Paragraph::by("gutachter", "erläutert das Gutachten."),
        Paragraph::by("mitglied", "fragt nach dem Preis."),
    ];
    assert_eq!(shown(&s), ["bleibt", "mitglied", "krank", "immer"]);
    // Named in a public item: shown, whatever the times say.
    s.agenda[0]
        .minutes
        .push(Paragraph::by("kaeufer", "stellt sich vor."));
    s.agenda[1].motions.push(Motion {
        mover: Some("gutachter".into()),
        ..Motion::default()
    });
    assert_eq!(
        shown(&s),
        [
            "kaeufer",
            "bleibt",
            "gutachter",
            "mitglied",
            "krank",
            "immer"
        ]
    );
}

#[test]
fn without_item_times_a_guest_with_times_is_not_shown_but_members_are() {
    // The times cannot tell whether the guest came for the closed item: fail closed.
    let mut s = agenda(&["1", "2"]);
    s.agenda[1].closed = true;
    let mut late = person("spaet", PersonKind::Gast);
    late.arrived = Some(t(20, 0));
    let mut member = person("mitglied", PersonKind::Mitglied);
    member.arrived = Some(t(20, 0));
    s.persons = vec![late, member, person("ohne", PersonKind::Gast)];
    assert_eq!(shown(&s), ["mitglied", "ohne"]);
    // Without a closed item nothing is hidden.
    s.agenda[1].closed = false;
    assert_eq!(shown(&s), ["spaet", "mitglied", "ohne"]);
}

#[test]
fn a_closed_item_without_a_start_time_hides_guests_whose_times_cannot_tell() {
    let mut s = timed();
    // The closed item 3 has no times: a guest from 20:05 seems to be there during item 2's
    // stretch, which now runs until item 4 begins.
    s.agenda[2].started = None;
    s.agenda[2].ended = None;
    s.agenda[1].ended = None;
    let mut guest = person("notar", PersonKind::Gast);
    guest.arrived = Some(t(20, 5));
    guest.left = Some(t(20, 25));
    s.persons = vec![guest];
    assert!(shown(&s).is_empty());
}

#[test]
fn closed_only_duplicate_ids_and_deputies_do_not_reveal_anyone() {
    let mut s = timed();
    let mut notar = person("notar", PersonKind::Gast);
    notar.closed_only = true;
    let twin = Person {
        family_name: "Zweitname".into(),
        ..person("immer", PersonKind::Gast)
    };
    let mut deputy = person("vertreter", PersonKind::Mitglied);
    deputy.deputy_for = Some("notar".into());
    s.persons = vec![notar, person("immer", PersonKind::Mitglied), twin, deputy];
    s.agenda[0].minutes.push(Paragraph::by("immer", "spricht."));
    let view = s.public_view();
    let names: Vec<&str> = view
        .persons
        .iter()
        .map(|p| p.family_name.as_str())
        .collect();
    assert_eq!(names, ["immer", "vertreter"]);
    // Named in public content, a closed_only person was there in public after all.
    s.agenda[0]
        .minutes
        .push(Paragraph::by("notar", "verliest den Vertrag."));
    assert_eq!(shown(&s), ["notar", "immer", "vertreter"]);
}

#[test]
fn every_way_of_writing_a_closed_number_closes_its_sub_items() {
    for parent in [
        "11",
        "11.",
        ".11",
        " 11",
        "011",
        "11 ",
        "1\u{200B}1",
        "\u{FF11}\u{FF11}",
        "11\u{FF0E}",
    ] {
        for child in [
            "11.1",
            "11 .1",
            "11,1",
            ".11.1",
            "\u{200B}11.1",
            "\u{FF11}\u{FF11}.1",
            "011.1",
            "11.01",
            "11..1",
        ] {
            let mut s = agenda(&["1", parent, child, "12"]);
            s.agenda[1].closed = true;
            assert_eq!(
                s.closed_flags(),
                [false, true, true, false],
                "{parent:?} closes {child:?}"
            );
            assert_eq!(
                s.closing_parent(&s.agenda[2]).map(|i| i.number.as_str()),
                Some(parent)
            );
        }
    }
    let mut s = agenda(&["09", "9.1", "90", "4A", "4a.1"]);
    s.agenda[0].closed = true;
    s.agenda[3].closed = true;
    assert_eq!(s.closed_flags(), [true, true, false, true, true]);
    assert_eq!(number_key("11..1"), ["11", "1"]);
    assert_eq!(number_key("0"), ["0"]);
    assert_eq!(number_key("00.0a"), ["0", "0a"]);
}

#[test]
fn a_template_and_a_recovery_keep_closed_only_guests_out_of_the_public() {
    let mut s = timed();
    let mut notar = person("notar", PersonKind::Gast);
    notar.function = Some("Notarin".into());
    s.persons = vec![
        notar,
        person("m", PersonKind::Mitglied),
        person("v", PersonKind::Verwaltung),
    ];
    s.agenda[2]
        .minutes
        .push(Paragraph::by("notar", "verliest."));
    s.agenda[0].minutes.push(Paragraph::by("v", "berichtet."));
    let next = crate::domain::template::from_template(
        &s,
        "Bauausschuss",
        NaiveDate::from_ymd_opt(2024, 4, 25).unwrap(),
    );
    assert_eq!(shown(&next), ["m", "v"]);
    // A recovery lost the closed item's text: whom public content does not name is sealed.
    let mut cut = s.clone();
    cut.agenda[2].minutes.clear();
    assert_eq!(
        shown(&cut),
        ["notar", "m", "v"],
        "without the seal she would show"
    );
    assert_eq!(cut.seal_unnamed_guests(), ["notar"]);
    assert_eq!(shown(&cut), ["m", "v"]);
}

#[test]
fn without_a_public_item_nobody_with_times_was_there_for_one() {
    let mut s = timed();
    for item in &mut s.agenda {
        item.closed = true;
    }
    let mut guest = person("gast", PersonKind::Gast);
    guest.arrived = Some(t(19, 0));
    guest.left = Some(t(19, 10));
    s.persons = vec![guest, person("immer", PersonKind::Mitglied)];
    assert_eq!(shown(&s), ["immer"]);
}

#[test]
fn chair_minute_taker_and_the_member_a_deputy_stands_in_for_are_shown() {
    let mut s = timed();
    let mut chair = person("chair", PersonKind::Mitglied);
    chair.arrived = Some(t(20, 0));
    chair.left = Some(t(20, 20));
    let mut member = person("berger", PersonKind::Mitglied);
    member.arrived = Some(t(20, 0));
    member.left = Some(t(20, 20));
    let mut deputy = person("vertreter", PersonKind::Mitglied);
    deputy.deputy_for = Some("berger".into());
    s.persons = vec![chair, member, deputy];
    s.chair = Some("chair".into());
    assert_eq!(shown(&s), ["chair", "berger", "vertreter"]);
}

#[test]
fn the_public_view_has_no_closed_item_and_keeps_the_legal_number() {
    let mut s = timed();
    s.agenda[1].closed_reason = Some("Rest eines früheren Ausschlusses".into());
    s.agenda[2].closed_reason = Some("Grundstücksangelegenheit".into());
    s.current_item = Some("3".into());
    for i in 0..5 {
        s.persons
            .push(person(&format!("m{i}"), PersonKind::Mitglied));
    }
    s.persons[4].arrived = Some(t(20, 1));
    s.persons[4].left = Some(t(20, 2));
    let view = s.public_view();
    let numbers: Vec<&str> = view.agenda.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "4"]);
    assert!(view.agenda.iter().all(|i| i.closed_reason.is_none()));
    assert_eq!(view.current_item, None);
    assert_eq!(view.persons.len(), 4);
    assert_eq!(view.legal_members(), 5);
}

fn structural(numbers: usize) -> impl Strategy<Value = Action> {
    let number = prop::sample::select(vec!["1", "2", "2.1", "2.1.1", "3", "3.1", "4", "9"])
        .prop_map(str::to_string);
    let index = 0..numbers + 2;
    prop_oneof![
        (number.clone(), index.clone()).prop_map(|(item, to)| Action::MoveItem { item, to }),
        Just(Action::Renumber),
        (number.clone(), number.clone())
            .prop_map(|(item, number)| Action::SetNumber { item, number }),
        number.clone().prop_map(|item| Action::RemoveItem { item }),
        (number.clone(), index, "[a-z]{8}").prop_map(|(n, position, title)| Action::AddItem {
            item: AgendaItem::new(&n, &title),
            position: Some(position),
        }),
        number.clone().prop_map(|item| Action::SetClosed {
            item,
            closed: true,
            reason: None
        }),
        number.prop_map(|item| Action::SetClosed {
            item,
            closed: false,
            reason: None
        }),
    ]
}

proptest! {
    /// Items are told apart by their titles (unique); an item closed before an action is closed
    /// after it, unless the action opened that very item (or its parent, while it had no flag
    /// of its own).
    #[test]
    fn no_change_of_numbers_or_order_opens_a_closed_item(
        closed_at in prop::collection::vec(any::<bool>(), 6),
        actions in prop::collection::vec(structural(6), 1..30),
    ) {
        let mut s = agenda(&["1", "2", "2.1", "2.1.1", "3", "3.1"]);
        for (item, c) in s.agenda.iter_mut().zip(closed_at) {
            item.closed = c;
        }
        for action in actions {
            let before: Vec<(String, bool, bool, String)> = s
                .agenda
                .iter()
                .zip(s.closed_flags())
                .map(|(i, c)| (i.title.clone(), c, i.closed, i.number.clone()))
                .collect();
            if s.apply(action.clone()).is_err() {
                continue;
            }
            let opened = match &action {
                Action::SetClosed { item, closed: false, .. } => Some(item.clone()),
                _ => None,
            };
            for (title, was_closed, own, number) in before {
                let Some(now) = s.agenda.iter().find(|i| i.title == title) else { continue };
                let opened_here = opened.as_deref().is_some_and(|o| {
                    number == o
                        || (!own && number.strip_prefix(o).is_some_and(|r| r.starts_with('.')))
                });
                if was_closed && !opened_here {
                    prop_assert!(s.is_closed(now), "{title} ({number}) opened by {action:?}");
                }
            }
            let public = s.public_view();
            prop_assert!(public.agenda.iter().all(|i| !s.is_closed(i)));
        }
    }
}

#[test]
fn a_chair_taken_over_in_a_closed_item_is_said_at_the_next_public_one() {
    use crate::domain::{Event, EventKind, Person};
    let mut s = agenda(&["1", "2", "3"]);
    s.chair = Some("vorsitz".into());
    for id in ["vorsitz", "stellv"] {
        s.persons
            .push(Person::member(id, Salutation::Herr, "", &id.to_uppercase()));
    }
    for (i, item) in s.agenda.iter_mut().enumerate() {
        item.started = Some(t(19, 10 * i as u32));
    }
    s.agenda[1].closed = true;
    s.agenda[1].events.push(Event {
        at: Some(t(19, 12)),
        kind: EventKind::Vorsitz {
            person: "stellv".into(),
        },
    });
    let view = s.public_view();
    assert_eq!(
        view.chair_at("3", Some(t(19, 25))).as_deref(),
        Some("stellv")
    );
    assert_eq!(
        view.chairs_by_item(),
        vec![
            ("vorsitz".to_string(), vec!["1".to_string()]),
            ("stellv".to_string(), vec!["3".to_string()])
        ]
    );
    // Nothing of the closed item: the event is at the public item's own start.
    assert_eq!(view.item("3").unwrap().events[0].at, Some(t(19, 20)));
    // Without a change, the public view adds nothing.
    s.agenda[1].events.clear();
    assert!(s.public_view().item("3").unwrap().events.is_empty());
}

#[test]
fn a_dringlichkeit_about_a_closed_item_says_nothing_of_it_in_public() {
    use crate::domain::GoKind;
    let mut s = agenda(&["1", "2"]);
    s.agenda[1].closed = true;
    s.agenda[0].motions.push(Motion {
        kind: crate::domain::MotionKind::GoAntrag,
        go: Some(GoKind::Dringlichkeit),
        about: Some("2".into()),
        // As a file of an earlier version wrote it.
        text: "TOP 2 Titel 2".into(),
        ..Motion::default()
    });
    let view = s.public_view();
    let m = &view.agenda[0].motions[0];
    assert_eq!((m.about.as_deref(), m.text.as_str()), (None, ""));
}

#[test]
fn parts_follow_the_order_items_were_dealt_with() {
    // Planned 1, 2, 3 (closed), 4; dealt with 1, 3, 2, then 4 not reached.
    let mut s = agenda(&["1", "2", "3", "4"]);
    s.agenda[2].closed = true;
    s.agenda[0].started = Some(t(18, 0));
    s.agenda[1].started = Some(t(19, 0));
    s.agenda[2].started = Some(t(18, 30));
    assert_eq!(
        s.parts_as_dealt(),
        vec![(false, vec![0]), (true, vec![2]), (false, vec![1, 3])]
    );
    // Nothing started: the agenda as it stands, closed items where they are.
    let mut s = agenda(&["1", "2", "3"]);
    s.agenda[1].closed = true;
    assert_eq!(
        s.parts_as_dealt(),
        vec![(false, vec![0]), (true, vec![1]), (false, vec![2])]
    );
    assert_eq!(
        agenda(&[]).parts_as_dealt(),
        Vec::<(bool, Vec<usize>)>::new()
    );
    // Past midnight: 00:06 comes after 23:50.
    let mut s = agenda(&["1", "2"]);
    s.start = Some(t(19, 0));
    s.agenda[0].started = Some(t(23, 50));
    s.agenda[1].started = Some(t(0, 6));
    assert_eq!(s.parts_as_dealt(), vec![(false, vec![0, 1])]);
}
