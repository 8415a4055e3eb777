use proptest::prelude::*;

use super::Needle;
use super::*;
use crate::archive::docs::{Doc, Place, docs};
use crate::domain::{AgendaItem, Paragraph, Person, Salutation, Session};

fn q(text: &str) -> Query {
    Query::parse(text).unwrap()
}

#[test]
fn german_spellings_find_each_other() {
    assert!(q("strasse").matches("Die Straße wird saniert.").is_some());
    assert!(q("Straße").matches("an der Strasse").is_some());
    for spelling in ["mueller", "muller", "MÜLLER", "Müller"] {
        assert!(
            q(spelling).matches("Frau Müller fragt").is_some(),
            "{spelling}"
        );
        assert!(
            q(spelling).matches("Herr Mueller fragt").is_some(),
            "{spelling}"
        );
    }
    assert!(q("muller").matches("Herr Miller").is_none());
}

#[test]
fn phrases_keep_their_order_and_words_need_not() {
    let text = "ob Fördermittel des Landes beantragt worden seien";
    assert!(q("\"fordermittel des landes\"").matches(text).is_some());
    assert!(q("\"landes fördermittel\"").matches(text).is_none());
    assert!(q("landes fördermittel").matches(text).is_some());
    assert!(
        q("landes kreis").matches(text).is_none(),
        "every word must occur"
    );
}

#[test]
fn von_names_the_speaker() {
    let query = q("von:Okafor Fördermittel");
    assert_eq!(query.speaker.as_deref(), Some("Okafor"));
    assert_eq!(query.terms.len(), 1);
    assert_eq!(
        q("VON:\"Frau Okafor\" \"des Landes\"").speaker.as_deref(),
        Some("Frau Okafor")
    );
    let alone = q("von: Okafor");
    assert_eq!(alone.speaker.as_deref(), Some("Okafor"));
    assert!(
        alone.terms.is_empty() && !alone.is_empty(),
        "a speaker alone is a search"
    );
    assert!(q("Bericht vom Bürgermeister").speaker.is_none());
}

#[test]
fn overlapping_matches_are_marked_as_one() {
    let text = "die Sporthalle";
    assert_eq!(q("Halle Sporthalle").matches(text), Some(vec![(4, 14)]));
    assert_eq!(q("port halle").any_matches(text), Some(vec![(5, 14)]));
}

#[test]
fn ranges_point_at_the_original_spelling() {
    let text = "Die Straße und die Strasse";
    let ranges = q("strasse").matches(text).unwrap();
    let found: Vec<&str> = ranges.iter().map(|(a, b)| &text[*a..*b]).collect();
    assert_eq!(found, ["Straße", "Strasse"]);
}

/// Whether a text's index form holds a needle as the index finds it: an infix anywhere, a
/// phrase as whole words in a row (the last perhaps the start of a longer word).
fn holds(form: &str, needle: &Needle) -> bool {
    match needle {
        Needle::Infix(infix) => form.contains(infix.as_str()),
        Needle::Phrase(words) => {
            let tokens: Vec<&str> = form
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .collect();
            let (last, init) = words.split_last().expect("a phrase has words");
            tokens.windows(words.len()).any(|w| {
                w[..init.len()].iter().zip(init).all(|(t, n)| t == n)
                    && w[init.len()].starts_with(last.as_str())
            })
        }
    }
}

/// A match may begin on the "e" of a digraph the folded form drops: the needle leaves it out.
#[test]
fn a_term_beginning_inside_a_digraph_is_still_looked_up_right() {
    let text = "Das Bauerwartungsland an der Quelle";
    for term in ["erwartung", "elle", "Bauerwartung", "\"das bauerwartung\""] {
        assert!(q(term).matches(text).is_some(), "{term}");
        let (needles, _) = q(term).needles();
        assert!(
            needles.iter().all(|n| holds(&index_form(text), n)),
            "{term}: {needles:?} not in {}",
            index_form(text)
        );
    }
    assert_eq!(
        q("ab").needles().0,
        Vec::<Needle>::new(),
        "too short to look up"
    );
}

/// A phrase begins where a word begins; a single word is found inside others.
#[test]
fn a_phrase_begins_with_a_word_and_a_word_is_found_inside_one() {
    let text = "Die Sporthalle des Kreises, (Halle des Kreises)";
    assert!(q("halle").matches(text).is_some());
    let ranges = q("\"halle des Kreises\"").matches(text).unwrap();
    let found: Vec<&str> = ranges.iter().map(|(a, b)| &text[*a..*b]).collect();
    assert_eq!(
        found,
        ["Halle des Kreises"],
        "not the one inside Sporthalle"
    );
    assert!(
        q("\"halle des\"")
            .matches("Die Sporthalle des Kreises")
            .is_none()
    );
    assert!(
        q("\"des Kreis\"").matches(text).is_some(),
        "the last word may go on"
    );
    assert_eq!(
        q("\"Zuschuss des Kreises\"").needles().0,
        [Needle::Phrase(vec![
            "zuschuss".into(),
            "des".into(),
            "kreises".into()
        ])]
    );
}

/// Letters where spellings meet, so generated texts and terms hit every digraph and umlaut,
/// and what stands between words.
const LETTERS: &[&str] = &[
    "a", "ä", "e", "o", "ö", "u", "ü", "s", "ß", "ss", "ae", "ue", "oe", "é", "r", "l", " ", "\n",
    "A", "Ü", "-", ", ", "€", "_", "2",
];

fn letters(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(LETTERS), 1..max).prop_map(|l| l.concat())
}

proptest! {
    /// The index narrows, the expression decides: wherever a term matches a text, the term's
    /// needle is in the text's index form.
    #[test]
    fn every_match_holds_the_needle(text in letters(40), start in 0usize..40, len in 1usize..12) {
        // A term taken from the text itself (so it matches), or as typed.
        let chars: Vec<char> = text.chars().collect();
        let from = start.min(chars.len().saturating_sub(1));
        let term: String = chars[from..(from + len).min(chars.len())].iter().collect();
        for term in [term.trim().to_string(), fold(term.trim())] {
            if term.is_empty() || term.contains('"') {
                continue;
            }
            let query = q(&format!("\"{term}\""));
            if query.matches(&text).is_some() {
                let form = index_form(&text);
                for needle in query.needles().0 {
                    prop_assert!(holds(&form, &needle), "{term:?} matches {text:?}, but {needle:?} is not in {form:?}");
                }
            }
        }
    }

    /// The file filter only drops: wherever a text of a session matches, the file may match.
    #[test]
    fn the_file_filter_never_drops_a_file_with_a_hit(
        words in prop::collection::vec(letters(8), 1..6),
        role in prop::sample::select(vec![None, Some("Die Vorsitzende"), Some("Der Erste Stadtrat")]),
        pick in prop::collection::vec(0usize..100, 3),
        asked in any::<bool>(),
        outcome in prop::sample::select(crate::domain::Outcome::ALL.to_vec()),
    ) {
        let mut s = Session::new("Ausschuss", chrono::NaiveDate::from_ymd_opt(2024, 3, 14).unwrap());
        let mut p = Person::member("a", Salutation::Herr, "Jan", &words[0]);
        p.role = role.map(str::to_string);
        s.persons.push(p);
        s.persons.push(Person::member("b", Salutation::Frau, "", &words[words.len() - 1]));
        let mut c = Person::member("c", Salutation::Keine, "Anna", &words[words.len() / 2]);
        c.title = Some("Dr.".into());
        s.persons.push(c);
        let mut item = AgendaItem::new("1", &words.join(" "));
        item.outcome = Some(outcome);
        let mut para = Paragraph::by("a", &format!("fragt, ob {}", words.join(", ")));
        if asked {
            para.asked_by = vec!["b".into(), "c".into(), "unbekannt".into()];
        }
        item.minutes.push(para);
        item.minutes.push(Paragraph {
            asked_by: vec!["a".into(), "c".into()],
            ..Paragraph::plain(&words.concat())
        });
        item.minutes.push(Paragraph::by("c", &format!("sagt: {}", words.join(" "))));
        s.agenda.push(item);
        let file = crate::store::to_ron(&s);
        let all = docs(&s).public;
        let texts: Vec<&Doc> = all.iter().filter(|d| d.place != Place::Titel || pick[0] % 2 == 0).collect();
        for doc in texts {
            let chars: Vec<char> = doc.text.chars().collect();
            let from = pick[1] % chars.len().max(1);
            let len = 1 + pick[2] % 24;
            let term: String = chars[from..(from + len).min(chars.len())].iter().collect();
            let term = term.trim();
            if term.is_empty() || term.contains('"') {
                continue;
            }
            let query = q(&format!("\"{term}\""));
            if query.matches_doc(doc).is_some() {
                prop_assert!(query.file_may_match(file.as_bytes()), "{term:?} in {:?}", doc.text);
            }
            for speaker in ["jan", &fold(&words[0])] {
                let mut by = q("x");
                by.terms.clear();
                by.speaker = Some(speaker.to_string());
                if by.matches_doc(doc).is_some() {
                    prop_assert!(by.file_may_match(file.as_bytes()), "von:{speaker}");
                }
            }
        }
    }
}
