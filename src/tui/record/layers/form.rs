//! The forms of the recording screen: a person (salutation, title, names, kind, Fraktion, role,
//! function, deputy) and the session's own data (body, number, place, chair, minute-taker, Land,
//! legal number of members). A form is a list of fields, each a line of text or a choice; Tab
//! and the arrows move between them, Enter saves all at once as one change (one undo), Esc
//! leaves, asking a second Esc first when something was typed.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Ctx, Effect, Layer, Verdict, commit_keeping_votes, popup, window};
use crate::domain::{Action, Land, Person, PersonId, PersonKind, Salutation, Session, Time};
use crate::render::german;
use crate::tui::keymap::{Command, Context, key_for};
use crate::tui::prompt::LinePrompt;
use crate::tui::record::App;
use crate::tui::theme::theme;
use crate::tui::widgets::fit;

/// One field of a form.
enum Value {
    Text(Box<LinePrompt>),
    /// The labels to choose from and the one chosen.
    Choice(Vec<String>, usize),
}

struct Field {
    label: &'static str,
    value: Value,
}

impl Field {
    fn text(label: &'static str, initial: &str) -> Field {
        Field {
            label,
            value: Value::Text(Box::new(LinePrompt::new(label, initial))),
        }
    }

    fn choice(label: &'static str, options: Vec<String>, chosen: usize) -> Field {
        Field {
            label,
            value: Value::Choice(options, chosen),
        }
    }

    /// What the field holds, as shown.
    fn shown(&self) -> String {
        match &self.value {
            Value::Text(line) => line.text(),
            Value::Choice(options, chosen) => options.get(*chosen).cloned().unwrap_or_default(),
        }
    }
}

/// What the form is for.
enum Purpose {
    /// A new person (`None`) or the person with this id.
    Person(Option<PersonId>),
    Session,
}

pub struct Form {
    title: String,
    purpose: Purpose,
    fields: Vec<Field>,
    focus: usize,
    /// The person ids behind the choices of a person field (deputy, chair, minute-taker), by
    /// field position; `None` for "nobody".
    people: Vec<(usize, Vec<Option<PersonId>>)>,
    /// What the fields held when the form opened: Esc asks only when something changed.
    opened_with: Vec<String>,
    /// Esc was pressed once on a changed form.
    leaving: bool,
}

const SALUTATIONS: [Salutation; 3] = [Salutation::Frau, Salutation::Herr, Salutation::Keine];
const KINDS: [PersonKind; 4] = [
    PersonKind::Mitglied,
    PersonKind::Beratend,
    PersonKind::Verwaltung,
    PersonKind::Gast,
];
const LANDS: [Land; 7] = [
    Land::SchleswigHolstein,
    Land::Bayern,
    Land::NordrheinWestfalen,
    Land::RheinlandPfalz,
    Land::Saarland,
    Land::Hessen,
    Land::Andere,
];

fn salutation_label(s: Salutation) -> &'static str {
    match s {
        Salutation::Frau => "Frau",
        Salutation::Herr => "Herr",
        Salutation::Keine => "keine (voller Name)",
    }
}

fn land_label(l: Land) -> &'static str {
    match l {
        Land::Bayern => "Bayern (keine Enthaltung)",
        Land::Saarland => "Saarland (zwei weitere Unterschriften)",
        other => other.name(),
    }
}

/// A person in a choice, family name first so that a letter finds them: "Ahrens, Jan (SPD)".
fn choice_label(p: &Person) -> String {
    let given = [p.title.as_deref().unwrap_or_default(), &p.given_name]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut label = p.family_name.clone();
    if !given.is_empty() {
        label = format!("{label}, {given}");
    }
    let extra = p.fraktion.clone().or_else(|| p.role.clone());
    match extra {
        Some(extra) => format!("{label} ({extra})"),
        None => label,
    }
}

/// "—" and then persons, for a choice of a person; with the position of `current`.
fn person_choice(
    persons: impl Iterator<Item = (PersonId, String)>,
    current: Option<&str>,
) -> (Vec<String>, Vec<Option<PersonId>>, usize) {
    let mut labels = vec!["—".to_string()];
    let mut ids = vec![None];
    let mut persons: Vec<_> = persons.collect();
    persons.sort_by_key(|(_, label)| crate::domain::fold(label));
    for (id, label) in persons {
        labels.push(label);
        ids.push(Some(id));
    }
    let chosen = ids
        .iter()
        .position(|id| id.as_deref() == current && current.is_some())
        .unwrap_or(0);
    (labels, ids, chosen)
}

/// Where `x` stands in `all` (the first when it is missing).
fn position<T: PartialEq>(all: &[T], x: T) -> usize {
    all.iter().position(|y| *y == x).unwrap_or(0)
}

/// The members with a vote who are no deputies: the seats the list shows.
fn seats(session: &Session) -> u32 {
    session
        .persons
        .iter()
        .filter(|p| p.has_vote() && p.deputy_for.is_none())
        .count() as u32
}

/// The arrival of a person added now: the time of the entries once the session has begun.
fn arrives_now(session: &Session, at: Time) -> Option<Time> {
    session
        .start
        .filter(|start| *start < at && session.end.is_none())
        .map(|_| at)
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl Form {
    fn new(title: String, purpose: Purpose, fields: Vec<Field>) -> Form {
        let opened_with = fields.iter().map(Field::shown).collect();
        Form {
            title,
            purpose,
            fields,
            focus: 0,
            people: Vec::new(),
            opened_with,
            leaving: false,
        }
    }

    /// The form for a new person (`None`) or for `person`.
    pub fn person(session: &Session, person: Option<&Person>) -> Form {
        let blank = Person::member("", Salutation::Frau, "", "");
        let p = person.unwrap_or(&blank);
        // Whom this person may stand in for: a member who is no deputy and has none; and
        // always whom they stand in for now, so that saving never drops it.
        let free = |o: &&Person| {
            o.has_vote()
                && o.id != p.id
                && o.deputy_for.is_none()
                && !session
                    .persons
                    .iter()
                    .any(|d| d.id != p.id && d.deputy_for.as_ref() == Some(&o.id))
        };
        let (deputy_labels, deputy_ids, deputy) = person_choice(
            session
                .persons
                .iter()
                .filter(|o| free(o) || p.deputy_for.as_ref() == Some(&o.id))
                .map(|o| (o.id.clone(), choice_label(o))),
            p.deputy_for.as_deref(),
        );
        let fields = vec![
            Field::choice(
                "Anrede",
                SALUTATIONS
                    .iter()
                    .map(|s| salutation_label(*s).to_string())
                    .collect(),
                position(&SALUTATIONS, p.salutation),
            ),
            Field::text("Titel", p.title.as_deref().unwrap_or_default()),
            Field::text("Vorname", &p.given_name),
            Field::text("Nachname", &p.family_name),
            Field::choice(
                "Art",
                KINDS
                    .iter()
                    .map(|k| german::person_kind(*k).to_string())
                    .collect(),
                position(&KINDS, p.kind),
            ),
            Field::text("Fraktion", p.fraktion.as_deref().unwrap_or_default()),
            Field::text("Rolle", p.role.as_deref().unwrap_or_default()),
            Field::text("Funktion", p.function.as_deref().unwrap_or_default()),
            Field::choice("i. V. für", deputy_labels, deputy),
        ];
        let title = match person {
            Some(p) => format!("Person: {}", german::listed_name(p)),
            None => "Neue Person".to_string(),
        };
        let mut form = Form::new(title, Purpose::Person(person.map(|p| p.id.clone())), fields);
        form.people.push((8, deputy_ids));
        // A new person starts at the given name (the family name follows with Tab); the
        // salutation is already Frau or two fields back.
        if person.is_none() {
            form.focus = 2;
        }
        form
    }

    /// The form for the session's own data.
    pub fn session(session: &Session) -> Form {
        let everyone = || {
            session
                .persons
                .iter()
                .map(|p| (p.id.clone(), choice_label(p)))
        };
        let (chair_labels, chair_ids, chair) = person_choice(everyone(), session.chair.as_deref());
        let (taker_labels, taker_ids, taker) =
            person_choice(everyone(), session.minute_taker.as_deref());
        let fields = vec![
            Field::text("Gremium", &session.body),
            Field::text(
                "Sitzungsnummer",
                session.number.as_deref().unwrap_or_default(),
            ),
            Field::text("Sitzungsort", session.place.as_deref().unwrap_or_default()),
            Field::choice("Vorsitz", chair_labels, chair),
            Field::choice("Protokoll", taker_labels, taker),
            Field::choice(
                "Land",
                LANDS.iter().map(|l| land_label(*l).to_string()).collect(),
                position(&LANDS, session.land),
            ),
            Field::text(
                "Gesetzliche Mitgliederzahl",
                &session
                    .legal_members
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            ),
        ];
        let mut form = Form::new("Sitzungsdaten".to_string(), Purpose::Session, fields);
        form.people = vec![(3, chair_ids), (4, taker_ids)];
        form
    }

    fn text(&self, at: usize) -> String {
        match &self.fields[at].value {
            Value::Text(line) => line.text().trim().to_string(),
            Value::Choice(..) => String::new(),
        }
    }

    fn chosen(&self, at: usize) -> usize {
        match &self.fields[at].value {
            Value::Choice(_, chosen) => *chosen,
            Value::Text(_) => 0,
        }
    }

    fn chosen_person(&self, at: usize) -> Option<PersonId> {
        let (_, ids) = self.people.iter().find(|(field, _)| *field == at)?;
        ids.get(self.chosen(at)).cloned().flatten()
    }

    fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.opened_with)
            .any(|(f, was)| f.shown() != *was)
    }

    /// The change the form makes, or why it cannot be saved.
    fn finish(&self, ctx: &Ctx) -> Verdict {
        match &self.purpose {
            Purpose::Person(id) => self.finish_person(id.as_deref(), ctx.session, ctx.time),
            Purpose::Session => self.finish_session(ctx.session),
        }
    }

    fn finish_person(&self, id: Option<&str>, session: &Session, at: Time) -> Verdict {
        let family = self.text(3);
        if family.is_empty() {
            return Verdict::refuse("Der Nachname fehlt.");
        }
        let old = id.and_then(|id| session.person(id));
        let mut person = old.cloned().unwrap_or_else(|| {
            let mut new =
                Person::member(&session.free_person_id(&family), Salutation::Keine, "", "");
            // Added while the meeting runs: there from now, not at the votes before.
            new.arrived = arrives_now(session, at);
            new
        });
        person.salutation = SALUTATIONS[self.chosen(0).min(SALUTATIONS.len() - 1)];
        person.title = optional(&self.text(1));
        person.given_name = self.text(2);
        person.family_name = family;
        person.kind = KINDS[self.chosen(4).min(KINDS.len() - 1)];
        person.fraktion = optional(&self.text(5));
        person.role = optional(&self.text(6));
        let role_unchanged =
            old.is_some_and(|o| o.role == person.role && o.salutation == person.salutation);
        person.function = optional(&self.text(7));
        person.deputy_for = self.chosen_person(8);
        let typed_role = person.role.clone();
        if !role_unchanged {
            person.role = german::agreed_role(&person);
        }
        let name = german::listed_name(&person);
        let mut effects = Vec::new();
        match old {
            Some(old) if *old == person => return Verdict::close(),
            // A member made Verwaltung or Gast no longer votes: a question first, naming the
            // votes that would then count too many.
            Some(_)
                if !session
                    .votes_made_impossible(&[Action::SetPerson(person.clone())])
                    .is_empty() =>
            {
                let actions = vec![Action::SetPerson(person)];
                return Verdict::close_with(vec![commit_keeping_votes(session, actions)]);
            }
            Some(_) => {
                effects.push(Effect::Commit(vec![Action::SetPerson(person.clone())]));
                effects.push(Effect::Info(format!("{name} geändert.")));
            }
            None => {
                effects.push(Effect::Commit(vec![Action::AddPerson(person.clone())]));
                effects.push(Effect::Info(format!(
                    "{name} in die Anwesenheitsliste aufgenommen."
                )));
            }
        }
        if typed_role != person.role
            && let Some(role) = &person.role
        {
            effects.push(Effect::Info(format!(
                "{name} gespeichert; die Rolle passt zur Anrede: „{role}“."
            )));
        }
        Verdict::close_if_done(effects)
    }

    fn finish_session(&self, session: &Session) -> Verdict {
        let body = self.text(0);
        if body.is_empty() {
            return Verdict::refuse("Das Gremium fehlt.");
        }
        let legal = self.text(6);
        let legal_members = match legal.as_str() {
            "" => None,
            n => match n.parse::<u32>() {
                Ok(n) if n > 0 && n >= seats(session) => Some(n),
                Ok(n) if n > 0 => {
                    return Verdict::refuse(format!(
                        "{n} ist weniger als die {} Mitglieder der Liste (ohne Vertretungen).",
                        seats(session)
                    ));
                }
                _ => {
                    return Verdict::refuse(format!(
                        "„{n}“ ist keine Mitgliederzahl: eine ganze Zahl über 0, oder leer \
                         (dann zählen die Mitglieder der Liste)."
                    ));
                }
            },
        };
        let info = Action::SetSessionInfo {
            body,
            number: optional(&self.text(1)),
            place: optional(&self.text(2)),
            land: LANDS[self.chosen(5).min(LANDS.len() - 1)],
            legal_members,
        };
        let mut actions = Vec::new();
        let unchanged = session.body == self.text(0)
            && session.number == optional(&self.text(1))
            && session.place == optional(&self.text(2))
            && session.land == LANDS[self.chosen(5).min(LANDS.len() - 1)]
            && session.legal_members == legal_members;
        if !unchanged {
            actions.push(info);
        }
        let chair = self.chosen_person(3);
        if chair.is_some() && chair != session.chair {
            actions.extend(chair.map(Action::SetChair));
        } else if chair.is_none() && session.chair.is_some() {
            return Verdict::refuse(
                "Der Vorsitz bleibt besetzt: eine andere Person wählen (Leertaste, ←/→).",
            );
        }
        let taker = self.chosen_person(4);
        if taker.is_some() && taker != session.minute_taker {
            actions.extend(taker.map(Action::SetMinuteTaker));
        } else if taker.is_none() && session.minute_taker.is_some() {
            return Verdict::refuse(
                "Die Protokollführung bleibt besetzt: eine andere Person wählen (Leertaste, ←/→).",
            );
        }
        if actions.is_empty() {
            return Verdict::close();
        }
        // A Land without abstentions, or fewer members: recorded votes that would then be
        // wrong are named and asked about first.
        if !session.votes_made_impossible(&actions).is_empty() {
            return Verdict::close_with(vec![commit_keeping_votes(session, actions)]);
        }
        Verdict::close_if_done(vec![
            Effect::Commit(actions),
            Effect::Info("Sitzungsdaten gespeichert.".to_string()),
        ])
    }

    /// Moves the choice of the focused field by one, or to the next option that starts with
    /// `letter`.
    fn choose(&mut self, forward: bool, letter: Option<char>) {
        let Value::Choice(options, chosen) = &mut self.fields[self.focus].value else {
            return;
        };
        let n = options.len().max(1);
        match letter {
            Some(letter) => {
                let starts = |o: &String| {
                    o.chars()
                        .next()
                        .is_some_and(|c| c.to_lowercase().eq(letter.to_lowercase()))
                };
                if let Some(next) = (1..=n)
                    .map(|d| (*chosen + d) % n)
                    .find(|i| options.get(*i).is_some_and(starts))
                {
                    *chosen = next;
                }
            }
            None if forward => *chosen = (*chosen + 1) % n,
            None => *chosen = (*chosen + n - 1) % n,
        }
    }
}

impl Layer for Form {
    fn context(&self) -> Context {
        Context::Form
    }

    fn key(&mut self, key: KeyEvent, command: Option<Command>, ctx: &Ctx) -> Verdict {
        let on_text = matches!(self.fields[self.focus].value, Value::Text(_));
        if command != Some(Command::Back) {
            self.leaving = false;
        }
        match command {
            Some(Command::Accept) => return self.finish(ctx),
            Some(Command::Back) => {
                if self.changed() && !self.leaving {
                    self.leaving = true;
                    return Verdict::refuse(format!(
                        "Noch nicht gespeichert: {} speichert, noch einmal {} verwirft die Eingaben.",
                        key_for(Context::Form, Command::Accept),
                        key_for(Context::Form, Command::Back)
                    ));
                }
                return Verdict::close();
            }
            Some(Command::Down) => {
                self.focus = (self.focus + 1) % self.fields.len();
                return Verdict::keep();
            }
            Some(Command::Up) => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
                return Verdict::keep();
            }
            Some(c @ (Command::NextCandidate | Command::PrevCandidate)) if !on_text => {
                self.choose(c == Command::NextCandidate, None);
                return Verdict::keep();
            }
            _ => {}
        }
        if crate::tui::prompt::is_line_break(&key) {
            return self.finish(ctx);
        }
        match &mut self.fields[self.focus].value {
            Value::Text(line) => {
                line.input.input(key);
            }
            Value::Choice(..) => {
                if let KeyCode::Char(c) = key.code {
                    self.choose(true, Some(c));
                }
            }
        }
        Verdict::keep()
    }

    fn paste(&mut self, text: &str, _ctx: &Ctx) {
        if let Value::Text(line) = &mut self.fields[self.focus].value {
            line.paste(text);
        }
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, _app: &App) {
        let t = theme();
        let area = popup(screen, 70, self.fields.len() as u16 + 4);
        let key = |c| key_for(Context::Form, c);
        let hints = format!(
            " {} Feld · {} Auswahl · {} speichern · {} abbrechen ",
            key(Command::Down),
            key(Command::NextCandidate),
            key(Command::Accept),
            key(Command::Back)
        );
        let block = window(&self.title).title_bottom(Span::styled(hints, t.key));
        let inner = block.inner(area);
        frame.render_widget(Clear, area);
        frame.render_widget(block, area);
        let label_width = 28u16.min(inner.width);
        let value_width = inner.width.saturating_sub(label_width) as usize;
        for (i, field) in self.fields.iter().enumerate() {
            let y = inner.y + 1 + i as u16;
            if y >= inner.y + inner.height {
                break;
            }
            let focused = i == self.focus;
            // The mark shows the field also without colour.
            let mark = if focused { '▸' } else { ' ' };
            let label = format!("{mark}{:<w$}", field.label, w = label_width as usize - 1);
            let row = Rect {
                x: inner.x,
                y,
                width: inner.width,
                height: 1,
            };
            let label_style = if focused { t.selected } else { t.title };
            let value = match &field.value {
                Value::Choice(options, chosen) if focused => {
                    format!("‹ {} ›", options.get(*chosen).cloned().unwrap_or_default())
                }
                _ => field.shown(),
            };
            let line = Line::from(vec![
                Span::styled(fit(&label, label_width as usize), label_style),
                Span::raw(fit(&value, value_width)),
            ]);
            frame.render_widget(Paragraph::new(line), row);
            if focused && let Value::Text(input) = &field.value {
                let cell = Rect {
                    x: inner.x + label_width,
                    width: inner.width.saturating_sub(label_width),
                    ..row
                };
                frame.render_widget(&input.input, cell);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Time;
    use chrono::NaiveDate;
    use crossterm::event::KeyModifiers;

    fn session() -> Session {
        let mut s = Session::new(
            "Gemeindevertretung Lindenholz",
            NaiveDate::from_ymd_opt(2024, 6, 20).unwrap_or_default(),
        );
        s.persons
            .push(Person::member("ahrens", Salutation::Herr, "Jan", "Ahrens"));
        s
    }

    fn ctx(s: &Session) -> Ctx<'_> {
        Ctx {
            session: s,
            item: None,
            time: Time::hm(19, 0).expect("a time"),
            now: chrono::NaiveDateTime::default(),
        }
    }

    fn type_text(form: &mut Form, s: &Session, text: &str) {
        for c in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            let _ = form.key(key, None, &ctx(s));
        }
    }

    fn command(form: &mut Form, s: &Session, c: Command) -> Verdict {
        form.key(KeyEvent::from(KeyCode::Null), Some(c), &ctx(s))
    }

    fn committed(v: &Verdict) -> Vec<Action> {
        v.effects
            .iter()
            .filter_map(|e| match e {
                Effect::Commit(a) => Some(a.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn a_new_person_gets_a_free_id_and_a_role_that_agrees() {
        let s = session();
        let mut form = Form::person(&s, None);
        // Starts on the first name; the salutation is Frau.
        type_text(&mut form, &s, "Inga");
        let _ = command(&mut form, &s, Command::Down);
        type_text(&mut form, &s, "Ahrens");
        for _ in 0..3 {
            let _ = command(&mut form, &s, Command::Down);
        }
        type_text(&mut form, &s, "Der Bürgermeister");
        let v = command(&mut form, &s, Command::Accept);
        let actions = committed(&v);
        let [Action::AddPerson(p)] = actions.as_slice() else {
            panic!("no person added")
        };
        assert_eq!(p.id, "ahrens-2");
        assert_eq!(p.salutation, Salutation::Frau);
        assert_eq!(p.role.as_deref(), Some("Die Bürgermeisterin"));
    }

    #[test]
    fn a_voter_made_staff_asks_first_when_a_recorded_vote_needs_them() {
        let mut s = session();
        s.start = Time::hm(19, 0);
        let mut item = crate::domain::AgendaItem::new("1", "Haushalt");
        item.motions.push(crate::domain::Motion {
            vote: Some(crate::domain::Vote {
                at: Time::hm(19, 10),
                ..crate::domain::Vote::new(1, 0, 0)
            }),
            ..crate::domain::Motion::default()
        });
        s.agenda.push(item);
        let ahrens = s.persons[0].clone();
        let mut form = Form::person(&s, Some(&ahrens));
        for _ in 0..4 {
            let _ = command(&mut form, &s, Command::Down);
        }
        // Art: Mitglied → beratend.
        let _ = command(&mut form, &s, Command::NextCandidate);
        let v = command(&mut form, &s, Command::Accept);
        assert!(
            committed(&v).is_empty(),
            "nothing changed before the question"
        );
        assert!(matches!(v.effects.as_slice(), [Effect::Push(_)]));
    }

    #[test]
    fn alt_enter_saves_the_whole_field_and_cuts_nothing() {
        let s = session();
        let mut form = Form::person(&s, None);
        let _ = command(&mut form, &s, Command::Down);
        type_text(&mut form, &s, "Voßberg");
        for _ in 0..3 {
            let _ = form.key(KeyEvent::from(KeyCode::Left), None, &ctx(&s));
        }
        let alt_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
        let v = form.key(alt_enter, None, &ctx(&s));
        let actions = committed(&v);
        let [Action::AddPerson(p)] = actions.as_slice() else {
            panic!("no person added: {actions:?}")
        };
        assert_eq!(p.family_name, "Voßberg");
    }

    #[test]
    fn a_person_without_family_name_is_refused_and_esc_asks_once() {
        let s = session();
        let mut form = Form::person(&s, None);
        type_text(&mut form, &s, "Inga");
        let v = command(&mut form, &s, Command::Accept);
        assert_eq!(v.after, super::super::After::Keep);
        assert!(committed(&v).is_empty());
        let first = command(&mut form, &s, Command::Back);
        assert_eq!(first.after, super::super::After::Keep);
        let second = command(&mut form, &s, Command::Back);
        assert_eq!(second.after, super::super::After::Close);
    }

    #[test]
    fn a_legal_number_must_be_a_number_and_the_chair_is_chosen_by_name() {
        let s = session();
        let mut form = Form::session(&s);
        for _ in 0..3 {
            let _ = command(&mut form, &s, Command::Down);
        }
        // Vorsitz: "a" goes to Ahrens.
        type_text(&mut form, &s, "a");
        for _ in 0..3 {
            let _ = command(&mut form, &s, Command::Down);
        }
        type_text(&mut form, &s, "15x");
        let refused = command(&mut form, &s, Command::Accept);
        assert!(committed(&refused).is_empty());
        let backspace = KeyEvent::from(KeyCode::Backspace);
        let _ = form.key(backspace, None, &ctx(&s));
        let v = command(&mut form, &s, Command::Accept);
        let actions = committed(&v);
        assert!(actions.contains(&Action::SetChair("ahrens".into())));
        assert!(actions.iter().any(|a| matches!(
            a,
            Action::SetSessionInfo {
                legal_members: Some(15),
                ..
            }
        )));
    }
}
