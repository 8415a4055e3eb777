//! Key bindings as one table of data. Key handling, the `?` help, the status-bar hints and the
//! README's key list all come from [`BINDINGS`]; a test checks that no key is bound twice in a context.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::RequestKind;

/// Where a key is looked up. Layers (editor, prompt, vote …) take keys before the panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere in the recording screen when no layer is open.
    Global,
    Agenda,
    Minutes,
    Speakers,
    Motion,
    Vote,
    Attendance,
    Form,
    Event,
    RollCall,
    Election,
    Editor,
    Prompt,
    Confirm,
    Outcome,
    Help,
    Picker,
    Archive,
    Pager,
    Results,
}

impl Context {
    pub const ALL: [Context; 20] = [
        Context::Global,
        Context::Agenda,
        Context::Minutes,
        Context::Speakers,
        Context::Motion,
        Context::Vote,
        Context::Attendance,
        Context::Form,
        Context::Event,
        Context::RollCall,
        Context::Election,
        Context::Editor,
        Context::Prompt,
        Context::Confirm,
        Context::Outcome,
        Context::Help,
        Context::Picker,
        Context::Archive,
        Context::Pager,
        Context::Results,
    ];

    /// The mode shown in the status bar.
    pub fn mode(self) -> &'static str {
        match self {
            Context::Global | Context::Agenda => "TOP",
            Context::Minutes => "PROTOKOLL",
            Context::Speakers => "REDELISTE",
            Context::Motion => "ANTRAG",
            Context::Vote => "ABSTIMMEN",
            Context::Attendance => "ANWESENHEIT",
            Context::Form => "FORMULAR",
            Context::Event => "EREIGNIS",
            Context::RollCall => "NAMENTLICH",
            Context::Election => "WAHL",
            Context::Editor => "SCHREIBEN",
            Context::Prompt => "EINGABE",
            Context::Confirm => "RÜCKFRAGE",
            Context::Outcome => "BESCHLUSS",
            Context::Help => "HILFE",
            Context::Picker => "AUSWAHL",
            Context::Archive => "ARCHIV",
            Context::Pager => "LESEN",
            Context::Results => "TREFFER",
        }
    }

    /// The German heading of this context in the help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Überall",
            Context::Agenda => "Tagesordnung",
            Context::Minutes => "Protokoll",
            Context::Speakers => "Redeliste",
            Context::Motion => "Antrag und Abstimmung",
            Context::Vote => "Abstimmen (Zählmodus)",
            Context::Attendance => "Anwesenheit",
            Context::Form => "Formular (Person, Sitzungsdaten)",
            Context::Event => "Ereignis (!)",
            Context::RollCall => "Abstimmung pro Fraktion oder namentlich",
            Context::Election => "Wahlgang zählen",
            Context::Editor => "Texteingabe",
            Context::Prompt => "Eingabezeile",
            Context::Confirm => "Rückfrage",
            Context::Outcome => "Beschluss wählen",
            Context::Help => "Hilfe",
            Context::Picker => "Sitzungsauswahl",
            Context::Archive => "Archiv (sitzung browse)",
            Context::Pager => "Protokoll lesen",
            Context::Results => "Suchtreffer",
        }
    }
}

/// What a key does. UI commands never reach the journal; those that change the session turn
/// into domain `Action`s in `app.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    NextPane,
    PrevPane,
    Attendance,
    StartSession,
    EndSession,
    Up,
    Down,
    Top,
    Bottom,
    Back,
    Accept,

    OpenItem,
    CloseItem,
    AddItem,
    RemoveItem,
    MoveUp,
    MoveDown,
    Renumber,
    Rename,
    ToggleClosed,
    ChooseOutcome,
    TakeNote,

    NewParagraph,
    EditParagraph,
    RemoveParagraph,
    AskedBy,
    SetSpeaker,
    ToggleAsWritten,

    Request(RequestKind),
    GiveFloor,
    EndTurn,
    RemoveRequest,
    SetLimit,

    EditProposal,
    AddAmendment,
    /// A motion of its own from the floor (Sachantrag).
    AddMotion,
    /// A procedural motion (Geschäftsordnungsantrag).
    AddGoMotion,
    /// An election (Wahl) with its candidates.
    AddElection,
    /// A member's own vote put on record.
    OnRecord,
    StartVote,

    YesUp,
    YesDown,
    NoUp,
    NoDown,
    AbstainUp,
    AbstainDown,
    Unanimous,
    RestYes,
    CycleMajority,
    /// The vote as taken per Fraktion, by name, or secret.
    PerFraktion,
    RollCall,
    Secret,

    CyclePresence,
    AddMember,
    Arrive,
    Leave,
    ToggleBefangen,
    /// The form of the selected person.
    EditPerson,
    /// The form for a new person.
    NewPerson,
    RemovePerson,
    /// The form of the session's own data.
    SessionData,
    /// The list of events.
    Events,
    /// Speaking times per speaker, Fraktion and item.
    SpeakingTimes,
    /// Records the event at this position of `EventKind::ALL`.
    Event(u8),
    /// A break begins or ends.
    Break,

    Undo,
    Redo,
    /// The clock of the next entries (typing up afterwards).
    SetClock,
    /// The time (or start and end) of what is selected, typed.
    SetTimes,
    /// Start and end of the session, typed.
    SessionTimes,
    NextCandidate,
    PrevCandidate,
    Yes,
    No,

    NewSession,
    Search,
    Filter,
    PageDown,
    PageUp,
    NextItem,
    PrevItem,
    ToggleEdition,
}

impl Command {
    /// Whether the command only moves, looks or asks (and so stays offered on a read-only
    /// screen); every other command changes the session.
    pub fn only_looks(self) -> bool {
        use Command::*;
        match self {
            Quit | Help | NextPane | PrevPane | Up | Down | Top | Bottom | Back | Attendance
            | NextCandidate | PrevCandidate | Yes | No | Search | Filter | PageDown | PageUp
            | NextItem | PrevItem | ToggleEdition | SpeakingTimes => true,
            Accept | StartSession | EndSession | OpenItem | CloseItem | AddItem | RemoveItem
            | MoveUp | MoveDown | Renumber | Rename | ToggleClosed | ChooseOutcome | TakeNote
            | NewParagraph | EditParagraph | RemoveParagraph | AskedBy | SetSpeaker
            | ToggleAsWritten | Request(_) | GiveFloor | EndTurn | RemoveRequest | SetLimit
            | EditProposal | AddAmendment | AddMotion | AddGoMotion | AddElection | OnRecord
            | StartVote | YesUp | YesDown | NoUp | NoDown | AbstainUp | AbstainDown | Unanimous
            | RestYes | CycleMajority | PerFraktion | RollCall | Secret | CyclePresence
            | AddMember | Arrive | Leave | ToggleBefangen | EditPerson | NewPerson
            | RemovePerson | SessionData | Events | Event(_) | Break | Undo | Redo | SetClock
            | SetTimes | SessionTimes | NewSession => false,
        }
    }
}

/// One key: a code and the modifiers that must be held. Shift is part of the character for
/// letters ('J'), so it is ignored for `Char` keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

const UP: Key = code(KeyCode::Up);
const DOWN: Key = code(KeyCode::Down);
const ENTER: Key = code(KeyCode::Enter);
const ESC: Key = code(KeyCode::Esc);

impl Key {
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b && (event.modifiers & relevant) == (self.mods & relevant)
            }
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && event.modifiers == self.mods,
        }
    }

    /// "j", "Enter", "Strg+S", "↑".
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Leertaste".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::Delete => "Entf".into(),
            KeyCode::Home => "Pos1".into(),
            KeyCode::End => "Ende".into(),
            KeyCode::PageUp => "Bild↑".into(),
            KeyCode::PageDown => "Bild↓".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Strg+{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::SHIFT) && !matches!(self.code, KeyCode::Char(_))
        {
            format!("Shift+{base}")
        } else {
            base
        }
    }
}

/// One row of the key table.
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub command: Command,
    pub help: &'static str,
    /// Shown in the status-bar hints of its context.
    pub hint: bool,
}

const fn b(
    context: Context,
    keys: &'static [Key],
    command: Command,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        command,
        help,
        hint: false,
    }
}

const fn h(
    context: Context,
    keys: &'static [Key],
    command: Command,
    help: &'static str,
) -> Binding {
    Binding {
        hint: true,
        ..b(context, keys, command, help)
    }
}

use Command as C;
use Context as X;

/// Every key binding of the program, one row each.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    h(X::Global, &[k('?')], C::Help, "Hilfe: alle Tasten"),
    h(X::Global, &[code(KeyCode::Tab)], C::NextPane, "nächster Bereich"),
    b(X::Global, &[code(KeyCode::BackTab)], C::PrevPane, "vorheriger Bereich"),
    h(X::Global, &[k('A')], C::Attendance, "Anwesenheit und Befangenheit"),
    b(X::Global, &[k('S')], C::StartSession, "Sitzung eröffnen (Beginn jetzt)"),
    b(X::Global, &[k('E')], C::EndSession, "Sitzung schließen (Ende jetzt, mit Rückfrage)"),
    h(X::Global, &[k('q')], C::Quit, "beenden (alles ist gespeichert)"),
    b(X::Global, &[k('k'), UP], C::Up, "nach oben"),
    b(X::Global, &[k('j'), DOWN], C::Down, "nach unten"),
    b(X::Global, &[k('g'), code(KeyCode::Home)], C::Top, "zum Anfang"),
    b(X::Global, &[k('G'), code(KeyCode::End)], C::Bottom, "zum Ende"),
    b(X::Global, &[ESC], C::Back, "zurück zur Tagesordnung"),
    h(X::Global, &[k('u')], C::Undo, "letzte Änderung rückgängig (bleibt im Journal)"),
    b(X::Global, &[ctrl('r')], C::Redo, "rückgängig Gemachtes wiederherstellen"),
    b(X::Global, &[k('T')], C::SetClock, "nachtragen: Uhrzeit der nächsten Einträge setzen"),
    b(X::Global, &[k('Z')], C::SessionTimes, "Beginn und Ende der Sitzung eintippen"),
    h(X::Global, &[k('!')], C::Events, "Ereignis: Unterbrechung, Öffentlichkeit, Vorsitz, Beschlussfähigkeit"),
    b(X::Global, &[k('R')], C::SpeakingTimes, "Redezeiten je Redner/in, Fraktion und TOP"),
    b(X::Global, &[k('U')], C::Break, "Unterbrechung beginnt / Sitzung fortgesetzt"),
    b(X::Global, &[k('I')], C::SessionData, "Sitzungsdaten: Gremium, Nummer, Ort, Vorsitz, Land …"),
    h(X::Agenda, &[ENTER, k('o')], C::OpenItem, "TOP aufrufen (Beginn jetzt)"),
    h(X::Agenda, &[k('c')], C::CloseItem, "TOP schließen (Ende jetzt)"),
    h(X::Agenda, &[k('a')], C::AddItem, "TOP einfügen (Dringlichkeit)"),
    b(X::Agenda, &[k('d'), code(KeyCode::Delete)], C::RemoveItem, "TOP löschen (mit Rückfrage)"),
    b(X::Agenda, &[k('K'), shift(KeyCode::Up)], C::MoveUp, "TOP nach oben verschieben"),
    b(X::Agenda, &[k('J'), shift(KeyCode::Down)], C::MoveDown, "TOP nach unten verschieben"),
    b(X::Agenda, &[k('N')], C::Renumber, "neu nummerieren"),
    b(X::Agenda, &[k('r')], C::Rename, "Nummer und Titel ändern"),
    b(X::Agenda, &[k('x')], C::ToggleClosed, "öffentlich / nichtöffentlich"),
    h(X::Agenda, &[k('b')], C::ChooseOutcome, "Beschluss setzen (auch: abgesetzt, vertagt)"),
    b(X::Agenda, &[k('t')], C::TakeNote, "zur Kenntnis genommen"),
    b(X::Agenda, &[k('z')], C::SetTimes, "Beginn und Ende des TOPs eintippen"),
    h(X::Minutes, &[k('n'), k('a')], C::NewParagraph, "neuer Absatz"),
    h(X::Minutes, &[ENTER, k('e')], C::EditParagraph, "Absatz bearbeiten"),
    b(X::Minutes, &[k('d'), code(KeyCode::Delete)], C::RemoveParagraph, "Absatz löschen (mit Rückfrage)"),
    h(X::Minutes, &[k('f')], C::AskedBy, "auf Nachfrage von …"),
    b(X::Minutes, &[k('z')], C::SetTimes, "Uhrzeit des Absatzes eintippen"),
    b(X::Minutes, &[k('s')], C::SetSpeaker, "Redner/in des Absatzes setzen oder ändern"),
    b(X::Minutes, &[k('w')], C::ToggleAsWritten, "wie geschrieben: Name nicht voranstellen"),
    h(X::Speakers, &[k('a')], C::Request(RequestKind::Wortmeldung), "Wortmeldung eintragen"),
    b(X::Speakers, &[k('z')], C::Request(RequestKind::Zwischenfrage), "Zwischenfrage (ganz vorn)"),
    b(X::Speakers, &[k('w')], C::Request(RequestKind::Erwiderung), "direkte Erwiderung"),
    b(X::Speakers, &[k('o')], C::Request(RequestKind::Geschaeftsordnung), "zur Geschäftsordnung"),
    h(X::Speakers, &[ENTER, k(' ')], C::GiveFloor, "Wort erteilen (nächste/r)"),
    b(X::Speakers, &[k('e')], C::EndTurn, "Redebeitrag beenden"),
    b(X::Speakers, &[k('d'), code(KeyCode::Delete)], C::RemoveRequest, "Wortmeldung streichen (mit Rückfrage)"),
    b(X::Speakers, &[k('K'), shift(KeyCode::Up)], C::MoveUp, "Wortmeldung nach vorn"),
    b(X::Speakers, &[k('J'), shift(KeyCode::Down)], C::MoveDown, "Wortmeldung nach hinten"),
    b(X::Speakers, &[k('l')], C::SetLimit, "Redezeit begrenzen (Minuten)"),
    h(X::Motion, &[k('b'), k('e')], C::EditProposal, "Beschlussvorschlag ändern"),
    b(X::Motion, &[k('m')], C::AddAmendment, "Änderungsantrag aufnehmen"),
    b(X::Motion, &[k('a')], C::AddMotion, "Antrag aus der Mitte (Sachantrag) aufnehmen"),
    b(X::Motion, &[k('o')], C::AddGoMotion, "Antrag zur Geschäftsordnung (Vertagung, Schluss der Debatte …)"),
    h(X::Motion, &[k('v'), ENTER], C::StartVote, "abstimmen lassen"),
    b(X::Motion, &[k('t')], C::TakeNote, "zur Kenntnis genommen"),
    b(X::Motion, &[k('z')], C::SetTimes, "Uhrzeit der Abstimmung eintippen"),
    b(X::Motion, &[k('K'), shift(KeyCode::Up)], C::MoveUp, "Antrag früher abstimmen (weitestgehender zuerst)"),
    b(X::Motion, &[k('J'), shift(KeyCode::Down)], C::MoveDown, "Antrag später abstimmen"),
    b(X::Motion, &[k('w')], C::AddElection, "Wahl aufnehmen („Schiedsperson: Ahrens, Brandt“); v zählt die Wahlgänge"),
    b(X::Motion, &[k('p')], C::OnRecord, "eigenes Votum festhalten („Berger nein“: bittet festzuhalten …)"),
    h(X::Vote, &[k('j'), k('+')], C::YesUp, "Ja +1 (Ziffern davor: Zahl setzen)"),
    b(X::Vote, &[k('J')], C::YesDown, "Ja −1"),
    h(X::Vote, &[k('n'), k('-')], C::NoUp, "Nein +1 (Ziffern davor: Zahl setzen)"),
    b(X::Vote, &[k('N')], C::NoDown, "Nein −1"),
    h(X::Vote, &[k('e')], C::AbstainUp, "Enthaltung +1 (Ziffern davor: Zahl setzen)"),
    b(X::Vote, &[k('E')], C::AbstainDown, "Enthaltung −1"),
    h(X::Vote, &[k('a')], C::Unanimous, "einstimmig: alle Anwesenden stimmen zu"),
    h(X::Vote, &[k('r')], C::RestYes, "Rest stimmt zu (Gegenstimmen und Enthaltungen gezählt)"),
    b(X::Vote, &[k('m')], C::CycleMajority, "Mehrheit: einfach / zwei Drittel / Hälfte oder zwei Drittel der gesetzlichen Zahl / zwei Drittel der Anwesenden"),
    b(X::Vote, &[k('f')], C::PerFraktion, "pro Fraktion: alle ja, Fraktion oder Name suchen, - nein, 0 Enthaltung"),
    b(X::Vote, &[k('l')], C::RollCall, "namentlich: alle ja, Namen suchen, - nein, 0 Enthaltung"),
    b(X::Vote, &[k('g')], C::Secret, "geheim: die gezählten Stimmen, dazu ungültige Stimmzettel"),
    h(X::Vote, &[ENTER], C::Accept, "Ergebnis festhalten und Beschluss setzen"),
    h(X::Vote, &[ESC], C::Back, "abbrechen"),
    b(X::Attendance, &[k('k'), UP], C::Up, "nach oben"),
    b(X::Attendance, &[k('j'), DOWN], C::Down, "nach unten"),
    h(X::Attendance, &[k(' ')], C::CyclePresence, "anwesend / entschuldigt / fehlt"),
    b(X::Attendance, &[k('n'), k('+')], C::AddMember, "Mitglied hinzufügen („Frau Anna Ahrens, SPD“)"),
    h(X::Attendance, &[k('a')], C::Arrive, "kommt jetzt (ab Uhrzeit)"),
    h(X::Attendance, &[k('v')], C::Leave, "verlässt jetzt die Sitzung"),
    h(X::Attendance, &[k('b')], C::ToggleBefangen, "befangen beim aktuellen TOP"),
    b(X::Attendance, &[k('z')], C::SetTimes, "ab–bis eintippen (leer: von Beginn an)"),
    h(X::Attendance, &[k('e'), ENTER], C::EditPerson, "Person bearbeiten (Anrede, Art, Rolle, Vertretung …)"),
    b(X::Attendance, &[k('N')], C::NewPerson, "neue Person mit allen Angaben"),
    b(X::Attendance, &[k('d'), code(KeyCode::Delete)], C::RemovePerson, "Person löschen (nur wenn nirgends genannt; mit Rückfrage)"),
    h(X::Attendance, &[k('/')], C::Search, "Person suchen: Namen tippen, Tab nächster Treffer"),
    b(X::Attendance, &[k('g'), code(KeyCode::Home)], C::Top, "zum Anfang"),
    b(X::Attendance, &[k('G'), code(KeyCode::End)], C::Bottom, "zum Ende"),
    h(X::Attendance, &[ESC, k('A'), k('q')], C::Back, "schließen"),
    h(X::RollCall, &[k('-')], C::NoUp, "Gefundene/r oder Fraktion: nein"),
    h(X::RollCall, &[k('0')], C::AbstainUp, "Enthaltung"),
    h(X::RollCall, &[k('+')], C::YesUp, "ja (alle beginnen mit ja)"),
    b(X::RollCall, &[UP], C::Up, "nach oben"),
    b(X::RollCall, &[DOWN], C::Down, "nach unten"),
    h(X::RollCall, &[ENTER], C::Accept, "festhalten (Buchstaben: Name oder Fraktion suchen)"),
    h(X::RollCall, &[ESC], C::Back, "abbrechen"),
    b(X::Election, &[DOWN, code(KeyCode::Tab)], C::Down, "nächste Zeile (Ziffern: Stimmen der Zeile)"),
    b(X::Election, &[UP, code(KeyCode::BackTab)], C::Up, "vorige Zeile"),
    h(X::Election, &[ENTER], C::Accept, "Wahlgang festhalten"),
    h(X::Election, &[ESC], C::Back, "abbrechen"),
    b(X::Event, &[k('u')], C::Event(0), "Unterbrechung beginnt / endet"),
    b(X::Event, &[k('a')], C::Event(1), "Öffentlichkeit ausgeschlossen"),
    b(X::Event, &[k('h')], C::Event(2), "Öffentlichkeit wiederhergestellt"),
    b(X::Event, &[k('v')], C::Event(3), "Vorsitz übernimmt … (Name)"),
    b(X::Event, &[k('f')], C::Event(4), "Beschlussfähigkeit festgestellt"),
    b(X::Event, &[k('l')], C::Event(5), "Beschlussfähigkeit verloren"),
    b(X::Event, &[k('w')], C::Event(6), "Beschlussfähigkeit wiederhergestellt"),
    b(X::Event, &[k('o')], C::Event(7), "Losentscheid („den 5. Sitz im Finanzausschuss: SPD“; zieht der Vorsitz)"),
    b(X::Event, &[k('k'), UP], C::Up, "nach oben"),
    b(X::Event, &[k('j'), DOWN], C::Down, "nach unten"),
    h(X::Event, &[ENTER], C::Accept, "gewähltes Ereignis eintragen"),
    b(X::Event, &[k('d'), code(KeyCode::Delete)], C::RemoveRequest, "letztes Ereignis des TOPs löschen (mit Rückfrage)"),
    h(X::Event, &[ESC], C::Back, "abbrechen"),
    h(X::Form, &[code(KeyCode::Tab), DOWN], C::Down, "nächstes Feld"),
    b(X::Form, &[code(KeyCode::BackTab), shift(KeyCode::BackTab), UP], C::Up, "voriges Feld"),
    h(X::Form, &[k(' '), code(KeyCode::Right)], C::NextCandidate, "Auswahlfeld: nächste Möglichkeit (Buchstabe: springt dorthin)"),
    b(X::Form, &[code(KeyCode::Left)], C::PrevCandidate, "Auswahlfeld: vorige Möglichkeit"),
    h(X::Form, &[ENTER, ctrl('s')], C::Accept, "speichern (eine Änderung, rückgängig mit u)"),
    h(X::Form, &[ESC], C::Back, "abbrechen (bei Eingaben: zweimal)"),
    h(X::Editor, &[ESC, ctrl('s')], C::Accept, "übernehmen und schließen"),
    b(X::Editor, &[ctrl('z')], C::Undo, "rückgängig"),
    b(X::Editor, &[ctrl('y')], C::Redo, "wiederholen"),
    h(X::Prompt, &[ENTER], C::Accept, "übernehmen"),
    h(X::Prompt, &[ESC], C::Back, "abbrechen"),
    h(X::Prompt, &[code(KeyCode::Tab), DOWN], C::NextCandidate, "nächster Vorschlag"),
    b(X::Prompt, &[code(KeyCode::BackTab), shift(KeyCode::BackTab), UP], C::PrevCandidate, "vorheriger Vorschlag"),
    h(X::Confirm, &[k('J'), k('Y')], C::Yes, "ja (großes J: ein j zum Blättern löscht nichts)"),
    h(X::Confirm, &[k('n'), ESC], C::No, "nein (jede andere Taste auch)"),
    b(X::Outcome, &[k('k'), UP], C::Up, "nach oben"),
    b(X::Outcome, &[k('j'), DOWN], C::Down, "nach unten"),
    h(X::Outcome, &[ENTER], C::Accept, "übernehmen"),
    h(X::Outcome, &[ESC], C::Back, "abbrechen"),
    b(X::Help, &[UP, k('k')], C::Up, "nach oben blättern"),
    b(X::Help, &[DOWN, k('j')], C::Down, "nach unten blättern"),
    h(X::Help, &[ESC, k('?'), k('q')], C::Back, "schließen"),
    b(X::Picker, &[k('k'), UP], C::Up, "nach oben"),
    b(X::Picker, &[k('j'), DOWN], C::Down, "nach unten"),
    h(X::Picker, &[ENTER], C::Accept, "Sitzung öffnen"),
    h(X::Picker, &[k('n')], C::NewSession, "neue Sitzung"),
    h(X::Picker, &[k('q'), ESC], C::Quit, "beenden"),
    b(X::Archive, &[k('k'), UP], C::Up, "nach oben"),
    b(X::Archive, &[k('j'), DOWN], C::Down, "nach unten"),
    b(X::Archive, &[k('g'), code(KeyCode::Home)], C::Top, "zur neuesten Sitzung"),
    b(X::Archive, &[k('G'), code(KeyCode::End)], C::Bottom, "zur ältesten Sitzung"),
    h(X::Archive, &[ENTER], C::Accept, "Protokoll lesen"),
    h(X::Archive, &[k('/')], C::Search, "im ganzen Archiv suchen"),
    h(X::Archive, &[k('f')], C::Filter, "filtern: Gremium und/oder Jahr („bau 2023“)"),
    h(X::Archive, &[k('q'), ESC], C::Quit, "beenden"),
    b(X::Pager, &[k('k'), UP], C::Up, "eine Zeile zurück"),
    b(X::Pager, &[k('j'), DOWN], C::Down, "eine Zeile weiter"),
    h(X::Pager, &[k(' '), code(KeyCode::PageDown)], C::PageDown, "eine Seite weiter"),
    b(X::Pager, &[k('b'), code(KeyCode::PageUp)], C::PageUp, "eine Seite zurück"),
    b(X::Pager, &[k('g'), code(KeyCode::Home)], C::Top, "zum Anfang"),
    b(X::Pager, &[k('G'), code(KeyCode::End)], C::Bottom, "zum Ende"),
    h(X::Pager, &[k(']'), k('n')], C::NextItem, "nächster TOP"),
    h(X::Pager, &[k('['), k('p')], C::PrevItem, "vorheriger TOP"),
    h(X::Pager, &[k('e')], C::ToggleEdition, "öffentliche / interne Fassung (wo erlaubt)"),
    b(X::Pager, &[k('/')], C::Search, "im ganzen Archiv suchen"),
    h(X::Pager, &[k('q'), ESC], C::Back, "zurück"),
    b(X::Results, &[k('k'), UP], C::Up, "vorheriger Treffer"),
    b(X::Results, &[k('j'), DOWN], C::Down, "nächster Treffer"),
    h(X::Results, &[ENTER], C::Accept, "Protokoll an dieser Stelle lesen"),
    h(X::Results, &[k('/')], C::Search, "neue Suche"),
    h(X::Results, &[k('q'), ESC], C::Back, "zurück"),
];

/// The command bound to `event` in `context`.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// The bindings of a context, in table order.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.context == context)
}

/// The key that does `command` in `context`, as the help writes it ("b", "Esc"): the reverse
/// of [`lookup`], for every key a text names, so that no text names a key the table does not
/// bind. The first key of the first binding; `?` where there is none (a test rules that out
/// for every `key_for` in the screens' code).
pub fn key_for(context: Context, command: Command) -> String {
    bindings(context)
        .find(|b| b.command == command)
        .and_then(|b| b.keys.first())
        .map_or_else(|| "?".to_string(), Key::label)
}

/// "j/↓" for a binding.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(Key::label)
        .collect::<Vec<_>>()
        .join("/")
}

/// The key table as Markdown, for the README (a test keeps the README in step).
pub fn markdown_table() -> String {
    let mut out = String::new();
    for context in Context::ALL {
        out.push_str(&format!(
            "\n**{}**\n\n| Taste | Wirkung |\n|---|---|\n",
            context.title()
        ));
        for binding in bindings(context) {
            let keys = keys_label(binding).replace('|', "\\|");
            out.push_str(&format!("| `{keys}` | {} |\n", binding.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code of each screen part, with the contexts whose keys it handles.
    fn sources() -> Vec<(&'static str, &'static str, Vec<Context>)> {
        use Context as X;
        let panes = vec![X::Global, X::Agenda, X::Minutes, X::Speakers, X::Motion];
        vec![
            ("record/mod.rs", include_str!("record/mod.rs"), panes),
            (
                "record/agenda.rs",
                include_str!("record/agenda.rs"),
                vec![X::Agenda, X::Global],
            ),
            (
                "record/minutes.rs",
                include_str!("record/minutes.rs"),
                vec![X::Minutes, X::Global],
            ),
            (
                "record/speakers.rs",
                include_str!("record/speakers.rs"),
                vec![X::Speakers, X::Global],
            ),
            (
                "record/motion.rs",
                include_str!("record/motion.rs"),
                vec![X::Motion, X::Global],
            ),
            ("record/status.rs", include_str!("record/status.rs"), vec![]),
            (
                "record/layers/attendance.rs",
                include_str!("record/layers/attendance.rs"),
                vec![X::Attendance, X::Prompt],
            ),
            (
                "record/layers/speaking_times.rs",
                include_str!("record/layers/speaking_times.rs"),
                vec![X::Help],
            ),
            (
                "record/layers/roll_call.rs",
                include_str!("record/layers/roll_call.rs"),
                vec![X::RollCall],
            ),
            (
                "record/layers/go.rs",
                include_str!("record/layers/go.rs"),
                vec![X::Outcome],
            ),
            (
                "record/layers/event.rs",
                include_str!("record/layers/event.rs"),
                vec![X::Event],
            ),
            (
                "record/layers/form.rs",
                include_str!("record/layers/form.rs"),
                vec![X::Form],
            ),
            (
                "record/layers/confirm.rs",
                include_str!("record/layers/confirm.rs"),
                vec![X::Confirm],
            ),
            (
                "record/layers/editor.rs",
                include_str!("record/layers/editor.rs"),
                vec![X::Editor],
            ),
            (
                "record/layers/help.rs",
                include_str!("record/layers/help.rs"),
                vec![X::Help],
            ),
            (
                "record/layers/outcome.rs",
                include_str!("record/layers/outcome.rs"),
                vec![X::Outcome],
            ),
            (
                "record/layers/prompt.rs",
                include_str!("record/layers/prompt.rs"),
                vec![X::Prompt],
            ),
            (
                "record/layers/vote.rs",
                include_str!("record/layers/vote.rs"),
                vec![X::Vote],
            ),
            ("prompt.rs", include_str!("prompt.rs"), vec![X::Prompt]),
            ("picker.rs", include_str!("picker.rs"), vec![X::Picker]),
            (
                "browse/mod.rs",
                include_str!("browse/mod.rs"),
                vec![X::Archive, X::Pager, X::Results],
            ),
            ("browse/view.rs", include_str!("browse/view.rs"), vec![]),
            ("widgets.rs", include_str!("widgets.rs"), vec![]),
        ]
    }

    /// The identifiers after each `prefix` in `text` ("Command::Up" → "Up").
    fn names_after<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
        text.match_indices(prefix)
            .map(|(at, _)| {
                let rest = &text[at + prefix.len()..];
                let end = rest
                    .find(|c: char| !c.is_alphanumeric() && c != '_')
                    .unwrap_or(rest.len());
                &rest[..end]
            })
            .collect()
    }

    /// A command's name as the code writes it (`Request(Wortmeldung)` → `Request`).
    fn name(command: Command) -> String {
        let debug = format!("{command:?}");
        debug.split('(').next().unwrap_or_default().to_string()
    }

    fn bound(context: Context, command_name: &str) -> bool {
        bindings(context).any(|b| name(b.command) == command_name)
    }

    /// The code without its tests.
    fn code(source: &str) -> &str {
        source.split("#[cfg(test)]").next().unwrap_or(source)
    }

    #[test]
    fn every_key_a_text_names_is_bound_there() {
        let mut named = 0;
        for (file, source, _) in sources() {
            for call in code(source).split("key_for(").skip(1) {
                let call = call.split(')').next().unwrap_or_default();
                let context = names_after(call, "Context::").first().copied();
                let command = names_after(call, "Command::").first().copied();
                let Some(context) = context else { continue };
                let context = Context::ALL
                    .into_iter()
                    .find(|c| format!("{c:?}") == context)
                    .unwrap_or_else(|| panic!("{file}: no context {context}"));
                // A helper of the file (`key(Command::…)`) names keys of this context.
                let commands = match command {
                    Some(command) => vec![command],
                    None => names_after(code(source), "key(Command::"),
                };
                for command in commands {
                    assert!(
                        bound(context, command),
                        "{file}: {context:?} has no key for {command}"
                    );
                    named += 1;
                }
            }
        }
        assert!(named > 20, "only {named} keys named: is the scan broken?");
        assert_eq!(key_for(Context::Agenda, Command::ChooseOutcome), "b");
        assert_eq!(key_for(Context::Editor, Command::Accept), "Esc");
    }

    /// Every command a screen part answers (a match arm on `Command::…`) has a key in a context
    /// that part handles: no command is reachable only in the code.
    #[test]
    fn every_command_a_context_handles_has_a_key() {
        let mut handled = 0;
        for (file, source, contexts) in sources() {
            for line in code(source).lines().filter(|l| l.contains("=>")) {
                let arm = line.split("=>").next().unwrap_or_default();
                for command in names_after(arm, "Command::") {
                    assert!(
                        contexts.iter().any(|c| bound(*c, command)),
                        "{file} handles {command}, which no key of {contexts:?} gives"
                    );
                    handled += 1;
                }
            }
        }
        assert!(
            handled > 60,
            "only {handled} commands handled: is the scan broken?"
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for context in Context::ALL {
            let keys: Vec<(Key, &str)> = bindings(context)
                .flat_map(|b| b.keys.iter().map(move |k| (*k, b.help)))
                .collect();
            for (i, (a, help_a)) in keys.iter().enumerate() {
                for (b, help_b) in &keys[i + 1..] {
                    assert!(
                        a != b,
                        "{context:?}: {} bound to {help_a:?} and {help_b:?}",
                        a.label()
                    );
                }
            }
        }
    }

    #[test]
    fn pane_keys_do_not_shadow_global_keys_by_accident() {
        // Pane contexts are looked up before Global; only navigation may be overridden there.
        let allowed = [Command::Up, Command::Down, Command::Back, Command::Quit];
        for context in [
            Context::Agenda,
            Context::Minutes,
            Context::Speakers,
            Context::Motion,
        ] {
            for binding in bindings(context) {
                for key in binding.keys {
                    let global = bindings(Context::Global).find(|g| g.keys.contains(key));
                    if let Some(g) = global {
                        assert!(
                            allowed.contains(&g.command),
                            "{context:?} {} hides global {:?}",
                            key.label(),
                            g.command
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn shifted_letters_match_without_caring_for_the_shift_flag() {
        let event = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::Agenda, &event), Some(Command::MoveDown));
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Editor, &ctrl_s), Some(Command::Accept));
        let plain_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Editor, &plain_s), None);
    }
}
