//! The Wortprotokoll: golden files of every layout and edition, and what each edition may show.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use chrono::NaiveDate;
use sitzung::domain::{Action, AgendaItem, Motion, Paragraph, Person, Salutation, Session, Vote};
use sitzung::render::{Edition, Format, Layout, Options, RenderError, VoteStyle, render};

fn demo() -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron");
    sitzung::store::load(&path).expect("demo session loads")
}

/// The default house style with SessionNet's vote line.
fn sessionnet_votes() -> Layout {
    let mut layout = Layout::default();
    layout.votes.style = VoteStyle::SessionNet;
    layout
}

fn opts(format: Format, edition: Edition, item: Option<&str>) -> Options {
    Options {
        format,
        edition,
        layout: Layout::default(),
        item: item.map(str::to_string),
    }
}

const FORMATS: [(Format, &str); 3] = [
    (Format::Text, "text"),
    (Format::Markdown, "markdown"),
    (Format::Html, "html"),
];

/// The house styles that ship.
const PRESETS: [&str; 3] = ["allris", "sessionnet", "amt-sh"];

fn preset(name: &str) -> Layout {
    Layout::preset(name).unwrap()
}

/// Every preset × edition × text format (the PDF's are in tests/pdf.rs), of both demos.
#[test]
fn golden_niederschrift_in_every_house_style_format_and_edition() {
    for demo_name in ["2024-03-14_bauausschuss", "2024-06-20_gemeindevertretung"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sessions/{demo_name}.ron"));
        let s = sitzung::store::load(&path).unwrap();
        let short = &demo_name[11..];
        for layout in PRESETS {
            for (format, name) in FORMATS {
                for (edition, ename) in
                    [(Edition::Public, "public"), (Edition::Internal, "internal")]
                {
                    // Every format of the first demo; the second (more kinds of votes) as text.
                    if format != Format::Text && short != "bauausschuss" {
                        continue;
                    }
                    let options = Options {
                        layout: preset(layout),
                        ..opts(format, edition, None)
                    };
                    let out = render(&s, &options).unwrap();
                    insta::assert_snapshot!(format!("{short}_{layout}_{name}_{ename}"), out);
                }
            }
        }
    }
}

#[test]
fn golden_auszug_of_one_item_in_every_house_style() {
    let s = demo();
    for (format, name) in FORMATS {
        let out = render(&s, &opts(format, Edition::Public, Some("7"))).unwrap();
        insta::assert_snapshot!(format!("auszug_7_{name}"), out);
    }
    for layout in PRESETS {
        let options = Options {
            layout: preset(layout),
            ..opts(Format::Text, Edition::Internal, Some("11"))
        };
        insta::assert_snapshot!(
            format!("auszug_11_{layout}_internal"),
            render(&s, &options).unwrap()
        );
    }
    let sessionnet = Options {
        layout: sessionnet_votes(),
        ..opts(Format::Text, Edition::Public, Some("6.1"))
    };
    insta::assert_snapshot!("auszug_6_1_sessionnet", render(&s, &sessionnet).unwrap());
}

#[test]
fn auszug_follows_the_published_layout() {
    let out = render(&demo(), &opts(Format::Text, Edition::Public, Some("7"))).unwrap();
    let order = [
        "Auszug\n\n",
        // It stands alone: which body, session, item and paper it is from.
        "TOP:     Ö 7\nGremium: Bauausschuss der Gemeinde Lindenholz\nDatum:   Do, 14.03.2024\nStatus:  öffentlich\nVorlage: DrS/2024/017\n\n",
        "14.03.2024 - 7 Sanierung der Sporthalle Nord\n\nBeschluss:\ngeändert beschlossen\n\nWortprotokoll\n\n",
        "\n\nBeschlussvorschlag:\n\n",
        "\n\nAbstimmungsergebnis:\n\n",
        "\n\nmehrheitlich\n\nZustimmung: 7  Ablehnung: 1  Enthaltung: 1\n\n",
        // The resolution in the wording adopted, after the vote on the amendment.
        "Beschluss in der geänderten Fassung:\n\n",
        "in zwei Losen auszuschreiben",
        "\n\nAnlagen zur Vorlage\nKostenschätzung.pdf\n",
    ];
    let mut rest = out.as_str();
    for part in order {
        let at = rest
            .find(part)
            .unwrap_or_else(|| panic!("missing or out of order: {part:?}\n{out}"));
        rest = &rest[at + part.len()..];
    }
}

/// Text as a reader sees it in any format: escapes undone, line breaks and wrapping folded.
fn plain(text: &str) -> String {
    let unescaped = text
        .replace('\\', "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("<br>", " ")
        .replace("&amp;", "&");
    unescaped.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn public_edition_omits_closed_items() {
    let s = demo();
    let closed: Vec<&AgendaItem> = s.agenda.iter().filter(|i| i.closed).collect();
    assert!(
        !closed.is_empty(),
        "the demo needs a closed item for this test"
    );
    for (format, name) in FORMATS {
        let public = render(&s, &opts(format, Edition::Public, None)).unwrap();
        let internal = render(&s, &opts(format, Edition::Internal, None)).unwrap();
        for item in &closed {
            let mut secrets: Vec<String> =
                vec![format!("14.03.2024 - {} ", item.number), item.title.clone()];
            secrets.extend(item.closed_reason.clone());
            secrets.extend(item.resolution_text().map(str::to_string));
            // The end of each paragraph: its start may have a question attribution inserted.
            secrets.extend(item.minutes.iter().map(|p| {
                let chars: Vec<char> = p.text.chars().collect();
                chars[chars.len().saturating_sub(50)..]
                    .iter()
                    .collect::<String>()
            }));
            secrets.extend(item.vorlage.iter().flat_map(|v| v.attachments.clone()));
            secrets.extend(item.vorlage.iter().map(|v| v.number.clone()));
            for secret in secrets {
                let secret = plain(&secret);
                assert!(
                    !plain(&public).contains(&secret),
                    "{name}: public edition shows {secret:?} of closed TOP {}",
                    item.number
                );
                assert!(
                    plain(&internal).contains(&secret),
                    "{name}: internal edition lacks {secret:?}; the check above proves nothing"
                );
            }
        }
        assert!(!public.contains("Nichtöffentlicher Teil"), "{name}");
    }
}

#[test]
fn public_edition_answers_the_auszug_of_a_closed_item_as_of_a_missing_one() {
    let s = demo();
    let closed = s.agenda.iter().find(|i| i.closed).unwrap();
    let err = render(
        &s,
        &opts(Format::Text, Edition::Public, Some(&closed.number)),
    )
    .unwrap_err();
    // The same words as for a number nobody has: the public does not learn it exists.
    assert_eq!(err, RenderError::NoSuchItem(closed.number.clone()));
    assert_eq!(
        err.to_string().replace(&closed.number, "99"),
        render(&s, &opts(Format::Text, Edition::Public, Some("99")))
            .unwrap_err()
            .to_string()
    );
    assert!(
        render(
            &s,
            &opts(Format::Text, Edition::Internal, Some(&closed.number))
        )
        .is_ok()
    );
    let missing = render(&s, &opts(Format::Text, Edition::Internal, Some("99"))).unwrap_err();
    assert_eq!(missing, RenderError::NoSuchItem("99".into()));
}

/// A small session built through actions, for the phrasing rules.
fn small() -> Session {
    let mut s = Session::new(
        "Hauptausschuss",
        NaiveDate::from_ymd_opt(2025, 6, 2).unwrap(),
    );
    let mut persons = vec![
        Person::member("ahrens", Salutation::Herr, "Peter", "Ahrens"),
        Person::member("berger", Salutation::Frau, "Ina", "Berger"),
        Person::member("lohse", Salutation::Herr, "Kai", "Lohse"),
    ];
    let mut mayor = Person::member("bm", Salutation::Frau, "Eva", "Sander");
    mayor.role = Some("Die Bürgermeisterin".into());
    persons.push(mayor);
    for p in persons {
        s.apply(Action::AddPerson(p)).unwrap();
    }
    s.apply(Action::AddItem {
        item: AgendaItem::new("1", "Nur ein Titel"),
        position: None,
    })
    .unwrap();
    s.apply(Action::AddItem {
        item: AgendaItem::new("2", "Haushalt <2026> & mehr"),
        position: None,
    })
    .unwrap();
    let answer = Paragraph {
        asked_by: vec!["ahrens".into(), "berger".into()],
        ..Paragraph::by("bm", "erklärt, dass der Entwurf im Herbst vorliege.")
    };
    s.apply(Action::AppendMinute {
        item: "2".into(),
        paragraph: answer,
    })
    .unwrap();
    s.apply(Action::DeclareBefangen {
        item: "2".into(),
        person: "lohse".into(),
    })
    .unwrap();
    s.apply(Action::SetProposal {
        item: "2".into(),
        text: "Der Ausschuss stimmt zu.".into(),
    })
    .unwrap();
    s.apply(Action::AddMotion {
        item: "2".into(),
        motion: Motion::default(),
    })
    .unwrap();
    s.apply(Action::RecordVote {
        item: "2".into(),
        motion: 0,
        vote: Vote::new(2, 0, 0),
    })
    .unwrap();
    s
}

#[test]
fn questions_are_attributed_in_the_dative() {
    let out = render(&small(), &opts(Format::Text, Edition::Public, Some("2"))).unwrap();
    assert!(
        out.contains("Die Bürgermeisterin erklärt auf Nachfrage von Herrn Ahrens und Frau Berger, dass der Entwurf"),
        "{out}"
    );
}

#[test]
fn befangenheit_is_named_in_the_protocol() {
    let out = render(&small(), &opts(Format::Text, Edition::Public, Some("2"))).unwrap();
    assert!(
        out.contains(
            "Herr Lohse erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil."
        ),
        "{out}"
    );
}

#[test]
fn empty_blocks_are_left_out() {
    let out = render(&small(), &opts(Format::Text, Edition::Public, Some("1"))).unwrap();
    assert_eq!(
        out,
        "Auszug\n\nEntwurf – die Niederschrift ist noch nicht unterschrieben.\n\n\
         TOP:     Ö 1\nGremium: Hauptausschuss\nDatum:   Mo, 02.06.2025\nStatus:  öffentlich\n\n\
         02.06.2025 - 1 Nur ein Titel\n"
    );
    let html = render(&small(), &opts(Format::Html, Edition::Public, Some("1"))).unwrap();
    for absent in [
        "Beschluss:",
        "Wortprotokoll",
        "Abstimmungsergebnis",
        "Anlagen",
    ] {
        assert!(!html.contains(absent), "{absent} in {html}");
    }
}

#[test]
fn html_is_one_escaped_self_contained_page() {
    let html = render(&small(), &opts(Format::Html, Edition::Internal, None)).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(html.contains("<meta charset=\"utf-8\">") && html.contains("<style>"));
    assert!(html.contains("Haushalt &lt;2026&gt; &amp; mehr"), "{html}");
    assert!(!html.contains("<2026>"));
    for external in ["<script", "<link", "src=", "http"] {
        assert!(
            !html.contains(external),
            "HTML refers to something outside the page: {external}"
        );
    }
}

#[test]
fn markdown_escapes_user_text() {
    let md = render(&small(), &opts(Format::Markdown, Edition::Internal, None)).unwrap();
    assert!(md.contains("Haushalt \\<2026\\> & mehr"), "{md}");
    assert!(md.contains("### 02.06.2025 - 2 Haushalt"), "{md}");
}

#[test]
fn sessionnet_vote_line_counts_befangene() {
    let s = small();
    let out = render(
        &s,
        &Options {
            layout: sessionnet_votes(),
            ..opts(Format::Text, Edition::Public, Some("2"))
        },
    )
    .unwrap();
    assert!(
        out.contains("Ja: 2, Nein: 0, Enthaltungen: 0, Befangen: 1"),
        "{out}"
    );
}

#[test]
fn sub_items_of_a_closed_item_stay_out_of_the_public_edition() {
    let mut s = small();
    let mut parent = AgendaItem::new("9", "Grundstücke");
    parent.closed = true;
    parent.closed_reason = Some("Grundstücksangelegenheit".into());
    let mut child = AgendaItem::new("9.1", "Verkauf an Firma Geheim GmbH");
    child
        .minutes
        .push(Paragraph::plain("Der Kaufpreis betrage 1,2 Mio. Euro."));
    s.apply(Action::AddItem {
        item: parent,
        position: None,
    })
    .unwrap();
    s.apply(Action::AddItem {
        item: child,
        position: None,
    })
    .unwrap();
    for (format, name) in FORMATS {
        let public = plain(&render(&s, &opts(format, Edition::Public, None)).unwrap());
        let internal = plain(&render(&s, &opts(format, Edition::Internal, None)).unwrap());
        for secret in ["Firma Geheim GmbH", "1,2 Mio. Euro"] {
            assert!(
                !public.contains(secret),
                "{name}: {secret} in the public edition"
            );
            assert!(
                internal.contains(secret),
                "{name}: {secret} missing internally"
            );
        }
    }
    let err = render(&s, &opts(Format::Text, Edition::Public, Some("9.1"))).unwrap_err();
    assert_eq!(err, RenderError::NoSuchItem("9.1".into()));
}

#[test]
fn roles_are_asked_and_deputised_for_in_the_right_case() {
    let mut s = small();
    let mut chair = Person::member("schulz", Salutation::Frau, "Doris", "Schulz");
    chair.role = Some("Die Vorsitzende".into());
    let deputy = Person {
        deputy_for: Some("schulz".into()),
        ..Person::member("kurz", Salutation::Frau, "Ute", "Kurz")
    };
    s.apply(Action::AddPerson(chair)).unwrap();
    s.apply(Action::AddPerson(deputy)).unwrap();
    let answer = Paragraph {
        asked_by: vec!["bm".into()],
        ..Paragraph::by("ahrens", "bestätigt, dass alles vorliege.")
    };
    s.apply(Action::AppendMinute {
        item: "2".into(),
        paragraph: answer,
    })
    .unwrap();
    let chair_asks = Paragraph {
        asked_by: vec!["schulz".into()],
        ..Paragraph::by("bm", "ergänzt, dass …")
    };
    s.apply(Action::AppendMinute {
        item: "2".into(),
        paragraph: chair_asks,
    })
    .unwrap();
    let out = render(&s, &opts(Format::Text, Edition::Internal, None)).unwrap();
    assert!(
        out.contains("Herr Ahrens bestätigt auf Nachfrage von der Bürgermeisterin, dass"),
        "{out}"
    );
    assert!(
        out.contains("Die Bürgermeisterin ergänzt auf Nachfrage von der Vorsitzenden, dass"),
        "{out}"
    );
    assert!(
        out.contains("Frau Ute Kurz (i. V. für Frau Schulz)"),
        "{out}"
    );
}

/// Repro: a guest there only while the closed TOP 11 was dealt with stood in the public
/// attendance list with times and function.
#[test]
fn a_guest_there_only_for_a_closed_item_is_named_only_internally() {
    let mut s = demo();
    let closed = s.agenda.iter().find(|i| i.closed).unwrap();
    let (from, to) = (closed.started.unwrap(), closed.ended.unwrap());
    let mut guest =
        sitzung::domain::Person::member("kaeufer", Salutation::Herr, "Olaf", "Tiedemann");
    guest.kind = sitzung::domain::PersonKind::Gast;
    guest.function = Some("Kaufinteressent Gewerbegebiet".into());
    guest.arrived = Some(from);
    guest.left = Some(to);
    s.persons.push(guest);
    for (format, name) in FORMATS {
        let public = render(&s, &opts(format, Edition::Public, None)).unwrap();
        let internal = render(&s, &opts(format, Edition::Internal, None)).unwrap();
        for secret in ["Tiedemann", "Kaufinteressent"] {
            assert!(!public.contains(secret), "{name}: {secret} in public");
            assert!(internal.contains(secret), "{name}: {secret} internally");
        }
    }
}

#[test]
fn votes_per_fraktion_by_name_secret_and_on_record_print_as_published() {
    use sitzung::domain::{Ballot, BallotKind};
    let mut s = Session::new("Rat", NaiveDate::from_ymd_opt(2024, 6, 20).unwrap());
    for (id, salutation, given, family, fraktion) in [
        ("ahrens", Salutation::Frau, "Anna", "Ahrens", "SPD"),
        ("brandt", Salutation::Herr, "Ole", "Brandt", "CDU"),
        ("claussen", Salutation::Frau, "Marie", "Claußen", "CDU"),
        ("dahl", Salutation::Herr, "Jan", "Dahl", "SPD"),
    ] {
        let mut p = Person::member(id, salutation, given, family);
        p.fraktion = Some(fraktion.into());
        s.apply(Action::AddPerson(p)).unwrap();
    }
    let mut item = AgendaItem::new("1", "Haushalt");
    item.proposal = Some("Der Haushalt wird beschlossen.".into());
    s.apply(Action::AddItem {
        item,
        position: None,
    })
    .unwrap();
    let ballots = [
        (BallotKind::ProFraktion, "CDU ja, SPD nein, Dahl e"),
        (BallotKind::Namentlich, "alle ja, Ahrens nein"),
        (BallotKind::Offen, "alle ja, Ahrens nein"),
    ];
    for (motion, (kind, said)) in ballots.iter().enumerate() {
        let names = s.ballot_from_typed("1", None, said).unwrap();
        let mut ballot = Ballot {
            kind: *kind,
            names,
            invalid: 0,
        };
        let tally = ballot.tally();
        if *kind == BallotKind::Offen {
            // Open: counted by hand, one member's own vote on record.
            ballot.names.retain(|n| n.person == "ahrens");
        }
        let vote = if *kind == BallotKind::Offen {
            Vote::new(3, 1, 0)
        } else {
            tally
        };
        s.apply_change(&[
            Action::AddMotion {
                item: "1".into(),
                motion: Motion::default(),
            },
            Action::RecordVote {
                item: "1".into(),
                motion,
                vote,
            },
            Action::SetBallot {
                item: "1".into(),
                motion,
                ballot,
            },
        ])
        .unwrap();
    }
    let secret = Ballot {
        kind: BallotKind::Geheim,
        invalid: 1,
        ..Ballot::default()
    };
    s.apply_change(&[
        Action::AddMotion {
            item: "1".into(),
            motion: Motion::default(),
        },
        Action::RecordVote {
            item: "1".into(),
            motion: 3,
            vote: Vote::new(2, 1, 0),
        },
        Action::SetBallot {
            item: "1".into(),
            motion: 3,
            ballot: secret,
        },
    ])
    .unwrap();
    let out = render(&s, &opts(Format::Text, Edition::Internal, None)).unwrap();
    for line in [
        "2 Ja-Stimmen (2 CDU)",
        "1 Nein-Stimme (1 SPD)",
        "1 Enthaltung (1 SPD)",
        "Namentliche Abstimmung:",
        "Ja: Herr Ole Brandt, Frau Marie Claußen, Herr Jan Dahl",
        "Nein: Frau Anna Ahrens",
        "Frau Ahrens bittet festzuhalten, dass sie dagegen gestimmt hat.",
        "Geheime Abstimmung mit Stimmzetteln; ein Stimmzettel ist ungültig.",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    // Names that do not add up to the counts are refused; so are more ballots than members.
    let wrong = Ballot {
        kind: BallotKind::Namentlich,
        names: s.ballot_from_typed("1", None, "alle nein").unwrap(),
        invalid: 0,
    };
    assert!(
        s.apply(Action::SetBallot {
            item: "1".into(),
            motion: 0,
            ballot: wrong
        })
        .is_err()
    );
    let too_many = Ballot {
        kind: BallotKind::Geheim,
        invalid: 2,
        ..Ballot::default()
    };
    assert!(
        s.apply(Action::SetBallot {
            item: "1".into(),
            motion: 3,
            ballot: too_many
        })
        .is_err()
    );
}

#[test]
fn an_election_prints_its_ballots_the_run_off_and_the_lot() {
    use sitzung::domain::MotionKind;
    use sitzung::domain::election::{Election, Lot, Round};
    let mut s = demo();
    let seven = s.agenda.iter().position(|i| i.number == "7").unwrap();
    let motion = s.agenda[seven].motions.len();
    let first = Round {
        votes: vec![4, 4, 1],
        ..Round::default()
    };
    let run_off = Round {
        votes: vec![4, 4, 0],
        invalid: 1,
        run_off: vec![0, 1],
        ..Round::default()
    };
    let mut election = Election {
        office: "Mitglied des Finanzausschusses".into(),
        candidates: vec!["ahrens".into(), "petersen".into(), "Jana Wulf".into()],
        rounds: vec![first, run_off],
        lot: None,
    };
    s.apply_change(&[
        Action::AddMotion {
            item: "7".into(),
            motion: Motion {
                kind: MotionKind::Wahl,
                ..Motion::default()
            },
        },
        Action::SetElection {
            item: "7".into(),
            motion,
            election: election.clone(),
        },
    ])
    .unwrap();
    let out = plain(&render(&s, &opts(Format::Text, Edition::Internal, Some("7"))).unwrap());
    for line in [
        "Wahl: Mitglied des Finanzausschusses",
        "1. Wahlgang: Frau Ahrens 4, Herr Petersen 4, Jana Wulf 1",
        "Stichwahl: Frau Ahrens 4, Herr Petersen 4, ungültig 1",
        "Stimmengleichheit: Das Los entscheidet.",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    // The lot decides only between those tied; drawn by the chair.
    let mut wrong = election.clone();
    wrong.lot = Some(Lot {
        drawn_by: None,
        winner: 2,
    });
    assert!(
        s.apply(Action::SetElection {
            item: "7".into(),
            motion,
            election: wrong
        })
        .is_err()
    );
    election.lot = Some(Lot {
        drawn_by: Some("vossberg".into()),
        winner: 1,
    });
    s.apply(Action::SetElection {
        item: "7".into(),
        motion,
        election,
    })
    .unwrap();
    let out = plain(&render(&s, &opts(Format::Text, Edition::Internal, Some("7"))).unwrap());
    assert!(
        out.contains("Das Los, gezogen von Frau Dr. Katharina Voßberg, entscheidet für Herrn Petersen. Gewählt ist Herr Petersen."),
        "{out}"
    );
}

/// `small()` in session at TOP 1, with TOP 1.1 inserted as urgent and begun, and its urgency
/// voted on in TOP 1 with `yes` of the three members.
fn urgency_voted(yes: u32) -> String {
    let mut s = small();
    let at = sitzung::domain::Time::hm(19, 0).unwrap();
    s.apply_change(&s.open_item_actions("1", at)).unwrap();
    let (actions, _) = s.insert_item_actions(AgendaItem::new("1.1", "Schulweg"), 1, at);
    s.apply_change(&actions).unwrap();
    s.apply(Action::AppendMinute {
        item: "1.1".into(),
        paragraph: Paragraph::plain("Die Beratung beginnt."),
    })
    .unwrap();
    let majority = s.item("1").unwrap().motions[0].majority;
    let vote = Vote::new(yes, 3 - yes, 0);
    let recorded = s.vote_actions("1", Some(0), majority, vote).unwrap();
    s.apply_change(&recorded.actions).unwrap();
    render(&s, &opts(Format::Text, Edition::Internal, None)).unwrap()
}

/// The part of a text protocol from the heading of `number` to the next heading.
fn item_block<'a>(out: &'a str, heading: &str) -> &'a str {
    let start = out
        .find(heading)
        .unwrap_or_else(|| panic!("{heading}\n{out}"));
    let rest = &out[start..];
    let end = rest[1..]
        .find("02.06.2025 - ")
        .map_or(rest.len(), |n| n + 1);
    &rest[..end]
}

#[test]
fn an_urgent_item_whose_urgency_is_rejected_is_printed_as_taken_off() {
    let out = urgency_voted(1);
    let block = item_block(&out, "02.06.2025 - 1.1 Schulweg");
    assert!(
        block.contains("Beschluss:\nabgesetzt") && block.contains("Grund: Dringlichkeit abgelehnt"),
        "{block}"
    );
    assert!(!block.contains("Die Beratung beginnt."), "{block}");
    assert!(!block.contains("Wortprotokoll"), "{block}");
    assert!(
        out.contains(
            "TOP 1.1 „Schulweg“ wird von der Tagesordnung abgesetzt (Dringlichkeit abgelehnt)."
        ),
        "{out}"
    );
    // It never was on the agenda: no extension is printed, the vote names the item.
    assert!(!out.contains("erweitert"), "{out}");
    assert!(
        out.contains("Erweiterung der Tagesordnung (Dringlichkeit): TOP 1.1 „Schulweg“"),
        "{out}"
    );
}

#[test]
fn an_urgent_item_whose_urgency_is_adopted_keeps_its_minutes() {
    let out = urgency_voted(3);
    let block = item_block(&out, "02.06.2025 - 1.1 Schulweg");
    assert!(block.contains("Die Beratung beginnt."), "{block}");
    assert!(!block.contains("abgesetzt"), "{block}");
}

#[test]
fn each_chair_signs_for_the_items_they_chaired() {
    let mut s = small();
    s.apply(Action::SetChair("ahrens".into())).unwrap();
    s.apply(Action::SetMinuteTaker("lohse".into())).unwrap();
    let one = render(&s, &opts(Format::Text, Edition::Internal, None)).unwrap();
    assert!(
        one.ends_with(
            "Der Vorsitzende            Der Protokollführer\nPeter Ahrens               Kai Lohse\n"
        ),
        "{one}"
    );
    // Frau Berger takes the chair during TOP 2.
    s.apply(Action::AddEvent {
        item: "2".into(),
        event: sitzung::domain::Event {
            at: None,
            kind: sitzung::domain::EventKind::Vorsitz {
                person: "berger".into(),
            },
        },
    })
    .unwrap();
    let two = render(&s, &opts(Format::Text, Edition::Internal, None)).unwrap();
    let signatures = &two[two.rfind("\n\n").unwrap() + 2..];
    assert_eq!(
        signatures,
        "Der Vorsitzende (TOP 1, 2)        Die Vorsitzende (TOP 2)           Der Protokollführer\n\
         Peter Ahrens                      Ina Berger                        Kai Lohse\n",
    );
}

#[test]
fn a_deputy_who_chaired_the_whole_session_signs_it() {
    let mut s = small();
    s.apply(Action::SetChair("ahrens".into())).unwrap();
    s.apply(Action::SetMinuteTaker("lohse".into())).unwrap();
    let first = s.agenda[0].number.clone();
    let start = sitzung::domain::Time::hm(19, 0);
    s.agenda[0].started = start;
    s.apply(Action::AddEvent {
        item: first,
        event: sitzung::domain::Event {
            at: start,
            kind: sitzung::domain::EventKind::Vorsitz {
                person: "berger".into(),
            },
        },
    })
    .unwrap();
    let out = render(&s, &opts(Format::Text, Edition::Internal, None)).unwrap();
    let signatures = &out[out.rfind("\n\n").unwrap() + 2..];
    assert!(
        signatures.starts_with("Die Vorsitzende") && signatures.contains("Ina Berger"),
        "{signatures}"
    );
    assert!(!signatures.contains("Ahrens"), "{signatures}");
}

#[test]
fn the_public_signatures_name_no_closed_item() {
    let out = render(&demo(), &opts(Format::Text, Edition::Public, None)).unwrap();
    let signatures = &out[out.rfind("\n\n").unwrap() + 2..];
    assert!(signatures.contains("(TOP 1–8, 10, 12)"), "{signatures}");
    assert!(!signatures.contains("11"), "{signatures}");
}

#[test]
fn in_the_saarland_two_further_members_sign() {
    use sitzung::domain::Land;
    let mut s = demo();
    s.land = Land::Saarland;
    let day = s.date;
    for by in s.signers().into_iter().chain(["ahrens".to_string()]) {
        s.apply(Action::Sign { by, date: day }).unwrap();
    }
    let out = render(&s, &opts(Format::Text, Edition::Public, None)).unwrap();
    let tail = &out[out.find("Die Protokollführerin").unwrap()..];
    // In the signature block: one further member has signed, one line is still open.
    assert_eq!(tail.matches("Mitglied").count(), 2, "{tail}");
    assert!(tail.contains("Anna Ahrens"), "{tail}");
    assert_eq!(s.further_signatures_missing(), 1);
    assert!(out.contains("Entwurf – noch nicht unterschrieben."));
}

#[test]
fn the_internal_auszug_of_a_public_item_holds_nothing_of_a_closed_one() {
    use sitzung::domain::{Event, EventKind};
    let mut s = demo();
    let item = s.agenda.iter_mut().find(|i| i.number == "2").unwrap();
    item.events.push(Event {
        at: None,
        kind: EventKind::Vorgezogen {
            item: "11".into(),
            before: "7".into(),
        },
    });
    let internal = render(&s, &opts(Format::Text, Edition::Internal, None)).unwrap();
    assert!(
        internal.contains("TOP 11 wird vor TOP 7 behandelt."),
        "{internal}"
    );
    let auszug = render(&s, &opts(Format::Text, Edition::Internal, Some("2"))).unwrap();
    assert!(!auszug.contains("TOP 11 wird vor"), "{auszug}");
    assert!(auszug.contains("Status:  öffentlich"), "{auszug}");
}

#[test]
fn a_layout_error_points_at_the_field_it_is_in() {
    use sitzung::store::parse_layout;
    let text = Layout::preset_text("allris").unwrap();
    // {top} is right in item.heading, wrong in the running header further down.
    let bad = text.replace(
        "running_header: \"{gremium}",
        "running_header: \"{top} {gremium}",
    );
    assert_ne!(bad, text);
    let e = parse_layout(Path::new("l.ron"), &bad)
        .unwrap_err()
        .to_string();
    let line = bad
        .lines()
        .position(|l| l.contains("running_header:"))
        .unwrap()
        + 1;
    let col = bad.lines().nth(line - 1).unwrap().find("{top}").unwrap() + 1;
    assert!(
        e.starts_with(&format!(
            "l.ron:{line}:{col}: {{top}} gibt es in page.running_header nicht"
        )),
        "{e}"
    );
    // A byte order mark in front (Notepad) is no error.
    assert!(parse_layout(Path::new("l.ron"), &format!("\u{feff}{text}")).is_ok());
    // A duplicate field says which.
    let twice = text.replacen("    title:", "    title: \"A\",\n    title:", 1);
    let e = parse_layout(Path::new("l.ron"), &twice)
        .unwrap_err()
        .to_string();
    assert!(e.contains("title"), "{e}");
}
