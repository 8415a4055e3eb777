//! Plausible invented council sessions and whole archives, for benchmarks and load tests (never
//! committed data: every municipality, person, firm and street here is invented).
//!
//! - [`archive`] writes an archive of `count` sessions of twenty invented North German
//!   municipalities, each with its own 3–5 bodies and its own 15–30 persons, spread over
//!   2015–2025, named as `sitzung new` names files (`2019-03-14_bauausschuss-der-gemeinde-….ron`,
//!   `_2` on a repeat). [`archive_session`] gives the n-th of those sessions without writing it.
//! - [`session`] gives one session with exactly the number of agenda items and minutes paragraphs
//!   asked for (for the recording screen and journal benchmarks).
//!
//! The text is Wortprotokoll in indirect speech, built from sentence templates and a vocabulary
//! of a few thousand compound nouns ("Sporthalle", "Radwegeausbau", "Feuerwehrgerätehausdach")
//! drawn Zipf-like, so a few words are frequent and most are rare, as in real minutes. Sessions
//! have the usual opening items, sub-items, closed items near the end, amendments, information
//! items, Befangenheit, late arrivals and early departures, and votes that fit those present;
//! every session passes `domain::check` without a finding.
//!
//! Everything is deterministic (a hand-written splitmix64, no outside randomness): the same
//! arguments give the same sessions, byte for byte.
//!
//! Search benchmark targets, holding for any archive of 1,000 sessions or more:
//! - [`WORD`] stands in the public minutes of the sessions `n` with `n % 100 == 37` (1 %);
//! - [`PHRASE`] in those with `n % 1000 == 537` (0.1 %), though each of its words is common;
//! - [`NAME`] is a family name of [`NAME_MUNICIPALITY`] only, one of the twenty (about 3 % of
//!   the sessions, all of that municipality's).

use std::cell::Cell;
use std::io;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::domain::{
    AgendaItem, Majority, Motion, MotionKind, Outcome, Paragraph, Person, PersonKind, Presence,
    Salutation, Session, Time, Vorlage, Vote,
};

/// A rare word: an invented but plausible compound noun, in the public minutes of the archive
/// sessions `n` with `n % 100 == 37` and nowhere else.
pub const WORD: &str = "Dorfteichentschlammung";

/// A rare phrase of three common words: in the public minutes of the archive sessions `n` with
/// `n % 1000 == 537` and nowhere else ("Zuschuss", "des" and "Kreises" each stand in most sessions).
pub const PHRASE: &str = "Zuschuss des Kreises";

/// A family name borne by one member of [`NAME_MUNICIPALITY`] only: it stands in that
/// municipality's sessions (about 1 in 34 of an archive) and in no other.
pub const NAME: &str = "Lührsen";

/// The municipality whose sessions, alone, hold [`NAME`].
pub const NAME_MUNICIPALITY: &str = "Ottersbek";

const WORD_EVERY: usize = 100;
const WORD_AT: usize = 37;
const PHRASE_EVERY: usize = 1000;
const PHRASE_AT: usize = 537;

// ---------------------------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------------------------

/// A session with exactly `items` agenda items (sub-items included) and `paragraphs` minutes
/// paragraphs in total (none when `items` is 0), deterministic in `seed`. Every item has an
/// outcome ("erledigt" for the formal ones), so the archive list counts all of them as decided.
pub fn session(items: usize, paragraphs: usize, seed: usize) -> Session {
    let councils = councils();
    let council = seed % councils.len();
    let c = &councils[council];
    let body = (seed / councils.len() + seed) % c.bodies.len();
    let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
        + Days::new((seed * 7 % 2500) as u64);
    let spec = Spec {
        council,
        body,
        date,
        previous: date - Days::new(35),
        number: Some((seed % 40 + 1).to_string()),
        items,
        paragraphs: Some(paragraphs),
        seed: seed as u64,
        decide_all: true,
        word: false,
        phrase: false,
    };
    build(&spec)
}

/// The `n`-th session of an archive of `count` sessions (`n < count`), with the file name
/// [`archive`] gives it. Which municipality and body, the date and the size follow from `n` and
/// `count` alone, so any session of an archive can be made on its own.
pub fn archive_session(n: usize, count: usize) -> (String, Session) {
    let slot = place(n, count);
    let c = &councils()[slot.council];
    let days = dates();
    let date_of = |j: usize| days[date_index(slot.council, j, slot.total)];
    let body_of = |j: usize| c.pattern[j % c.pattern.len()];
    let date = date_of(slot.local);
    let body = body_of(slot.local);
    // The previous session of the same body, for "Genehmigung der Niederschrift".
    let previous = (1..=slot.local.min(c.pattern.len()))
        .map(|back| slot.local - back)
        .find(|&j| body_of(j) == body)
        .map_or(date - Days::new(42), date_of);
    let per_round = c.pattern.iter().filter(|&&b| b == body).count();
    let before = c.pattern[..slot.local % c.pattern.len()]
        .iter()
        .filter(|&&b| b == body)
        .count();
    let number = (slot.local / c.pattern.len()) * per_round + before + 1;
    let mut rng = Rng::new(slot.council as u64, slot.local as u64);
    let kind = c.bodies[body].kind;
    let (lo, hi) = kind.items();
    let spec = Spec {
        council: slot.council,
        body,
        date,
        previous,
        number: Some(number.to_string()),
        items: rng.range(lo, hi),
        paragraphs: None,
        seed: rng.next(),
        decide_all: false,
        word: n % WORD_EVERY == WORD_AT,
        phrase: n % PHRASE_EVERY == PHRASE_AT,
    };
    let session = build(&spec);
    // Earlier sessions of this municipality on the same day and of the same body take the plain
    // name first; the dates are in order, so they are the ones right before.
    let stem = crate::store::file_stem(date, &session.body);
    let repeats = (0..slot.local)
        .rev()
        .take_while(|&j| date_of(j) == date)
        .filter(|&j| body_of(j) == body)
        .count();
    let name = match repeats {
        0 => format!("{stem}.ron"),
        r => format!("{stem}_{}.ron", r + 1),
    };
    (name, session)
}

/// Writes the `count` sessions of [`archive_session`] into `dir` with `store::to_ron`, on all cores.
pub fn archive(dir: &Path, count: usize) -> io::Result<()> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || -> io::Result<()> {
                    for n in (w..count).step_by(workers) {
                        let (name, s) = archive_session(n, count);
                        std::fs::write(dir.join(name), crate::store::to_ron(&s))?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

/// splitmix64: small, fast and good enough for invented minutes.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(a: u64, b: u64) -> Rng {
        let mut r =
            Rng(a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_add(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * (n as u64)) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// One of `words`.
    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A rank in `0..n`, rank k with weight about 1/(k+1) (Zipf).
    fn zipf(&mut self, n: usize) -> usize {
        let k = ((n as f64 + 1.0).powf(self.unit()) - 1.0) as usize;
        k.min(n.saturating_sub(1))
    }

    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Grammar: nouns with gender, articles by case
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum G {
    M,
    F,
    N,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Nom,
    Gen,
    Dat,
    Acc,
}

#[derive(Clone, Debug)]
struct Noun {
    nom: String,
    genitive: String,
    g: G,
    /// What kind of thing (building, way, nature, vehicle, club, service, finance, plan): decides
    /// which actions and compounds fit. Compounds have none of their own (`b'-'`).
    class: u8,
    /// What it is for a sentence about it: H building, W way, place or nature, K vehicle,
    /// C club or board, S service, F money, D paper or plan, P project or procedure. Predicates
    /// and infinitives say which types they fit.
    kind: u8,
    /// Which bodies deal with it (letters of `BodyKind::domains`); empty for compounds.
    domains: &'static str,
    /// A title of its own for an agenda item ("Haushaltssatzung und Haushaltsplan {y1}").
    title: Option<&'static str>,
}

fn gender(letter: &str) -> G {
    match letter {
        "M" => G::M,
        "N" => G::N,
        _ => G::F,
    }
}

fn article(g: G, case: Case) -> &'static str {
    match (case, g) {
        (Case::Nom, G::M) => "der",
        (Case::Nom | Case::Acc, G::F) => "die",
        (Case::Nom | Case::Acc, G::N) => "das",
        (Case::Acc, G::M) => "den",
        (Case::Dat | Case::Gen, G::F) => "der",
        (Case::Dat, _) => "dem",
        (Case::Gen, _) => "des",
    }
}

/// Weak adjective ending after the definite article.
fn weak(g: G, case: Case) -> &'static str {
    match (case, g) {
        (Case::Nom, _) | (Case::Acc, G::F | G::N) => "e",
        _ => "en",
    }
}

/// "die geplante Sporthalle", "des Sportplatzes".
fn phrase(out: &mut String, n: &Noun, case: Case, adj: Option<&str>) {
    out.push_str(article(n.g, case));
    out.push(' ');
    if let Some(a) = adj {
        out.push_str(a);
        out.push_str(weak(n.g, case));
        out.push(' ');
    }
    out.push_str(if case == Case::Gen {
        &n.genitive
    } else {
        &n.nom
    });
}

fn capitalize_from(out: &mut String, start: usize) {
    if let Some(c) = out[start..].chars().next()
        && c.is_lowercase()
    {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(start..start + c.len_utf8(), &upper);
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/// Base nouns: `nominative|genitive ending|linking ending|gender|domains|class|own title`.
/// Domains: S Schule/Kultur/Sport, B Bau, U Umwelt, F Finanzen, A allgemein, X Soziales.
/// Classes: H building, R road or path, W place or area, T traffic installation, U nature and
/// technology, K vehicle, V club, O service, F finance, P land-use plan.
const BASE: &str = "\
Sporthalle||n|F|S|H
Sportplatz|es||M|S|H
Mehrzweckhalle||n|F|SA|H
Turnhalle||n|F|S|H
Dorfgemeinschaftshaus|es||N|AX|H
Feuerwehrgerätehaus|es||N|AB|H
Rathaus|es||N|A|H
Bauhof|s|s|M|B|H
Friedhof|s|s|M|A|H
Friedhofskapelle||n|F|A|H
Kindertagesstätte||n|F|SX|H
Kinderkrippe||n|F|SX|H
Grundschule||n|F|S|H
Gemeinschaftsschule||n|F|S|H
Schulhof|s|s|M|S|H
Jugendtreff|s||M|X|H
Jugendzentrum|s|s|N|X|H
Seniorentreff|s||M|X|H
Bücherei|||F|S|H
Heimatmuseum|s|s|N|S|H
Freibad|es||N|S|H
Hallenbad|es||N|S|H
Bahnhof|s|s|M|B|H
Pflegeheim|s||N|X|H
Ärztehaus|es||N|X|H
Flüchtlingsunterkunft||s|F|X|H
Obdachlosenunterkunft||s|F|X|H
Mensa|||F|S|H
Verwaltungsgebäude|s||N|A|H
Gemeindehaus|es||N|A|H
Dorfladen|s||M|X|H
Rettungswache||n|F|A|H
Badestelle||n|F|SU|W
Spielplatz|es||M|SX|W
Bolzplatz|es||M|S|W
Skaterpark|s||M|SX|W
Dorfplatz|es||M|B|W
Marktplatz|es||M|B|W
Parkplatz|es||M|B|W
Radweg|s|e|M|B|R
Gehweg|s|e|M|B|R
Wanderweg|s|e|M|U|R
Schulweg|s|e|M|SB|R
Ortsdurchfahrt||s|F|B|R
Gemeindestraße||n|F|B|R
Kreisstraße||n|F|B|R
Bushaltestelle||n|F|B|T
Kreisverkehr|s|s|M|B|T
Fußgängerampel|||F|B|T
Straßenbeleuchtung||s|F|B|T
Brücke||n|F|B|T
Bahnübergang|s|s|M|B|T
Strandpromenade||n|F|B|R
Hafen|s||M|B|W
Anleger|s||M|B|W
Wohnmobilstellplatz|es||M|B|W
Campingplatz|es||M|B|W
Lärmschutzwand|||F|B|T
Gewerbegebiet|s|s|N|B|W
Neubaugebiet|s|s|N|B|W
Wohngebiet|s|s|N|B|W
Ortskern|s||M|B|W
Regenrückhaltebecken|s||N|U|U
Kläranlage||n|F|U|U
Pumpwerk|s|s|N|U|U
Regenwasserkanal|s||M|U|U
Schmutzwasserkanal|s||M|U|U
Trinkwasserleitung||s|F|U|U
Wasserwerk|s|s|N|U|U
Breitbandnetz|es||N|BA|U
Glasfasernetz|es||N|BA|U
Wärmenetz|es||N|U|U
Nahwärmenetz|es||N|U|U
Photovoltaikanlage||n|F|U|U
Windpark|s||M|U|U
Solarpark|s||M|U|U
Ladesäule||n|F|U|U
Recyclinghof|s|s|M|U|U
Grünfläche||n|F|U|U
Ausgleichsfläche||n|F|U|U
Streuobstwiese||n|F|U|U
Knick|s||M|U|U
Dorfteich|s||M|U|U
Mühlenbach|s||M|U|U
Deich|s||M|U|U
Hundewiese||n|F|U|U
Gemeindewald|es||M|U|U
Stadtpark|s||M|U|U
Sirene||n|F|A|K
Löschfahrzeug|s||N|A|K
Mannschaftstransportwagen|s||M|A|K
Drehleiter|||F|A|K
Bauhoffahrzeug|s||N|B|K
Schulbus|ses||M|S|K
Kehrmaschine||n|F|B|K
Bürgerbus|ses||M|AX|K
Sportverein|s|s|M|S|V
Schützenverein|s|s|M|S|V
Kulturverein|s|s|M|S|V
Förderverein|s|s|M|S|V
Heimatverein|s|s|M|S|V
Tennisverein|s|s|M|S|V
Seniorenbeirat|s|s|M|X|V
Ganztagsbetreuung||s|F|SX|O
Schulsozialarbeit|||F|X|O
Jugendarbeit|||F|X|O
Seniorenarbeit|||F|X|O
Ferienbetreuung||s|F|SX|O
Städtepartnerschaft||s|F|A|O
Wochenmarkt|s||M|A|O
Haushaltsplan|s||M|F|F|Haushaltssatzung und Haushaltsplan {y1}
Nachtragshaushalt|s|s|M|F|F|1. Nachtragshaushaltssatzung {y}
Stellenplan|s||M|FA|F|Stellenplan {y1}
Jahresabschluss|es||M|F|F|Jahresabschluss {yp}
Investitionsprogramm|s||N|F|F|Investitionsprogramm {y1} bis {y4}
Kreisumlage||n|F|F|F|Resolution zur Höhe der Kreisumlage
Gewerbesteuer|||F|F|F|Festsetzung der Hebesätze für die Grundsteuer und die Gewerbesteuer {y1}
Hundesteuer|||F|F|F|Neufassung der Hundesteuersatzung
Zweitwohnungsteuer|||F|F|F|Satzung über die Erhebung einer Zweitwohnungsteuer
Straßenreinigungsgebühr||en|F|F|F|Kalkulation der Straßenreinigungsgebühren {y1}
Abwassergebühr||en|F|FU|F|Kalkulation der Abwassergebühren {y1}
Friedhofsgebühr||en|F|FA|F|Neufassung der Friedhofsgebührensatzung
Elternbeitrag|s|s|M|FS|F|Elternbeiträge für die Kindertagesstätten ab {y1}
Rücklage||n|F|F|F|Entnahme aus der allgemeinen Rücklage
Prüfbericht|s|s|M|F|F|Prüfbericht über den Jahresabschluss {yp}
Konzessionsvertrag|s|s|M|FA|F|Konzessionsvertrag für das Stromnetz
Bebauungsplan|s||M|B|P
Flächennutzungsplan|s||M|B|P|{d}. Änderung des Flächennutzungsplans";

/// Third parts of compounds by class: `class:ending|genitive ending|gender|type,…` (types as
/// in [`Noun::kind`]).
const QUALIFIERS: &str = "\
H:sanierung||F|P,erweiterung||F|P,neubau|s|M|P,umbau|s|M|P,dach|es|N|H,heizung||F|H,nutzung||F|P,unterhaltung||F|P,fassade||F|H,modernisierung||F|P,standort|s|M|W,konzept|s|N|D,gutachten|s|N|D,ausschreibung||F|P,förderung||F|P,betrieb|s|M|P,reinigung||F|P,anbau|s|M|H,abriss|es|M|P,lüftung||F|H,brandschutz|es|M|P,zugang|s|M|W,außenanlage||F|W,energiekonzept|s|N|D,nutzungskonzept|s|N|D,raumprogramm|s|N|D,parkplatz|es|M|W,toilettenanlage||F|H,sanierungsplanung||F|D,kostenschätzung||F|D
R:ausbau|s|M|P,sanierung||F|P,beleuchtung||F|W,erneuerung||F|P,planung||F|P,unterhaltung||F|P,reinigung||F|P,konzept|s|N|D,gutachten|s|N|D,ausschreibung||F|P,förderung||F|P,verbreiterung||F|P,entwässerung||F|W,querung||F|W,anbindung||F|W,lückenschluss|es|M|P,markierung||F|W,beschilderung||F|W
W:sanierung||F|P,erweiterung||F|P,planung||F|P,gestaltung||F|P,beleuchtung||F|W,unterhaltung||F|P,reinigung||F|P,konzept|s|N|D,gutachten|s|N|D,ausschreibung||F|P,förderung||F|P,entwässerung||F|W,anbindung||F|W,pflege||F|P,zufahrt||F|W
T:sanierung||F|P,erneuerung||F|P,planung||F|P,umbau|s|M|P,unterhaltung||F|P,gutachten|s|N|D,ausschreibung||F|P,förderung||F|P,prüfung||F|P,markierung||F|W
U:pflege||F|P,konzept|s|N|D,gutachten|s|N|D,planung||F|P,unterhaltung||F|P,förderung||F|P,erweiterung||F|P,sanierung||F|P,renaturierung||F|P,betrieb|s|M|P,überwachung||F|P,kataster|s|N|D,ausbau|s|M|P,kontrolle||F|P,satzung||F|D
K:beschaffung||F|P,ausschreibung||F|P,finanzierung||F|P,ersatzbeschaffung||F|P,wartung||F|P,unterbringung||F|P,stellplatz|es|M|W,konzept|s|N|D
V:förderung||F|P,zuschuss|es|M|F,vorstand|s|M|C,jubiläum|s|N|P,förderrichtlinie||F|D,vereinbarung||F|D
O:konzept|s|N|D,förderung||F|P,finanzierung||F|P,vereinbarung||F|D,richtlinie||F|D,satzung||F|D,bedarf|s|M|P
F:entwurf|s|M|D,beratung||F|P,änderung||F|P,prüfung||F|P
P:entwurf|s|M|D,änderung||F|P,verfahren|s|N|P,aufstellung||F|P,begründung||F|D,gebiet|s|N|W";

/// Nouns of administration: `nominative|genitive|gender|type`.
const ADMIN: &str = "Kostenschätzung|Kostenschätzung|F|D,Förderbescheid|Förderbescheids|M|D,\
Förderantrag|Förderantrags|M|D,Ausschreibung|Ausschreibung|F|P,Vergabe|Vergabe|F|P,\
Baugenehmigung|Baugenehmigung|F|D,Stellungnahme|Stellungnahme|F|D,Prüfung|Prüfung|F|P,\
Finanzierung|Finanzierung|F|P,Entwurfsplanung|Entwurfsplanung|F|D,Ausführungsplanung|Ausführungsplanung|F|P,\
Zeitplan|Zeitplans|M|D,Bauzeitenplan|Bauzeitenplans|M|D,Kostenberechnung|Kostenberechnung|F|D,\
Angebotsauswertung|Angebotsauswertung|F|D,Wirtschaftlichkeitsberechnung|Wirtschaftlichkeitsberechnung|F|D,\
Machbarkeitsstudie|Machbarkeitsstudie|F|D,Bürgerbeteiligung|Bürgerbeteiligung|F|P,\
Einwohnerversammlung|Einwohnerversammlung|F|P,Vorlage|Vorlage|F|D,Haushaltsansatz|Haushaltsansatzes|M|F,\
Verpflichtungsermächtigung|Verpflichtungsermächtigung|F|F,Planungsleistung|Planungsleistung|F|P,\
Vermessung|Vermessung|F|P,Bodengutachten|Bodengutachtens|N|D,Baugrunduntersuchung|Baugrunduntersuchung|F|P,\
Kampfmittelsondierung|Kampfmittelsondierung|F|P,Lärmschutzgutachten|Lärmschutzgutachtens|N|D,\
Verkehrszählung|Verkehrszählung|F|P,Kooperationsvereinbarung|Kooperationsvereinbarung|F|D,\
Nutzungsvereinbarung|Nutzungsvereinbarung|F|D,Pachtvertrag|Pachtvertrags|M|D,Eigenanteil|Eigenanteils|M|F,\
Unterhaltungsaufwand|Unterhaltungsaufwands|M|F,Prioritätenliste|Prioritätenliste|F|D,\
Sachstandsbericht|Sachstandsberichts|M|D,Zuschuss|Zuschusses|M|F,Förderquote|Förderquote|F|F,\
Gesamtfinanzierung|Gesamtfinanzierung|F|F,Bauleitplanung|Bauleitplanung|F|P";

/// What is done to a thing: `classes|nominative|genitive|gender`.
const ACTIONS: &str = "HRWTU|Sanierung|Sanierung|F,HW|Erweiterung|Erweiterung|F,H|Neubau|Neubaus|M,\
HT|Umbau|Umbaus|M,H|Modernisierung|Modernisierung|F,HRWTU|Unterhaltung|Unterhaltung|F,\
HRT|Erneuerung|Erneuerung|F,RW|Ausbau|Ausbaus|M,RWTU|Planung|Planung|F,R|Beleuchtung|Beleuchtung|F,\
R|Verbreiterung|Verbreiterung|F,W|Umgestaltung|Umgestaltung|F,U|Pflege|Pflege|F,U|Entwicklung|Entwicklung|F,\
UHW|Nutzung|Nutzung|F,K|Beschaffung|Beschaffung|F,K|Ersatzbeschaffung|Ersatzbeschaffung|F,\
KO|Finanzierung|Finanzierung|F,V|Förderung|Förderung|F,V|Unterstützung|Unterstützung|F,\
O|Einführung|Einführung|F,O|Ausweitung|Ausweitung|F,O|Neuordnung|Neuordnung|F,F|Aufstellung|Aufstellung|F,\
F|Beratung|Beratung|F,FP|Änderung|Änderung|F,F|Prüfung|Prüfung|F,P|Aufstellung|Aufstellung|F,\
P|Aufhebung|Aufhebung|F";

const CLASSES: &[u8] = b"HRWTUKVOFP";

/// The type of a base noun of each class (in the order of `CLASSES`).
const CLASS_KINDS: &[u8] = b"HWWWWKCSFD";

struct Vocab {
    /// Base nouns first (`..base`), then their compounds.
    nouns: Vec<Noun>,
    base: usize,
    /// Indices into `nouns` in Zipf order: rank 0 most frequent.
    ranked: Vec<u32>,
    /// Per base noun: its compounds ("Sporthallendach" for "Sporthalle").
    compounds: Vec<Vec<u32>>,
    admin: Vec<Noun>,
    actions: Vec<Noun>,
    /// Per class (index in `CLASSES`): the actions that fit.
    actions_of: Vec<Vec<usize>>,
    /// The clubs, for "eine Vertreterin des Sportvereins".
    clubs: Vec<usize>,
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(Vocab::build)
}

fn plain_noun(nom: &str, genitive: &str, g: G, kind: u8) -> Noun {
    Noun {
        nom: nom.to_string(),
        genitive: genitive.to_string(),
        g,
        class: b'-',
        kind,
        domains: "",
        title: None,
    }
}

impl Vocab {
    fn build() -> Vocab {
        let mut nouns = Vec::new();
        let mut links = Vec::new();
        for line in BASE.lines() {
            let f: Vec<&str> = line.split('|').collect();
            let class = f[5].as_bytes()[0];
            let ci = CLASSES.iter().position(|&c| c == class).unwrap_or(0);
            nouns.push(Noun {
                nom: f[0].to_string(),
                genitive: format!("{}{}", f[0], f[1]),
                g: gender(f[3]),
                class,
                kind: CLASS_KINDS[ci],
                domains: f[4],
                title: f.get(6).copied(),
            });
            links.push(format!("{}{}", f[0], f[2]));
        }
        let base = nouns.len();
        let mut compounds = vec![Vec::new(); base];
        for line in QUALIFIERS.lines() {
            let (class, list) = line.split_once(':').unwrap_or_default();
            let class = class.as_bytes()[0];
            for q in list.split(',') {
                let f: Vec<&str> = q.split('|').collect();
                for b in 0..base {
                    if nouns[b].class == class {
                        compounds[b].push(nouns.len() as u32);
                        let link = &links[b];
                        nouns.push(plain_noun(
                            &format!("{link}{}", f[0]),
                            &format!("{link}{}{}", f[0], f[1]),
                            gender(f[2]),
                            f[3].as_bytes()[0],
                        ));
                    }
                }
            }
        }
        // Shorter words are the common ones: base nouns rank before compounds, each tier shuffled.
        let mut rng = Rng::new(0x5e55, 1);
        let mut ranked: Vec<u32> = (0..base as u32).collect();
        let mut second: Vec<u32> = (base as u32..nouns.len() as u32).collect();
        rng.shuffle(&mut ranked);
        rng.shuffle(&mut second);
        ranked.extend(second);
        let admin = ADMIN
            .split(',')
            .map(|a| {
                let f: Vec<&str> = a.split('|').collect();
                plain_noun(f[0], f[1], gender(f[2]), f[3].as_bytes()[0])
            })
            .collect();
        let mut actions = Vec::new();
        let mut actions_of = vec![Vec::new(); CLASSES.len()];
        for a in ACTIONS.split(',') {
            let f: Vec<&str> = a.split('|').collect();
            for class in f[0].bytes() {
                if let Some(ci) = CLASSES.iter().position(|&c| c == class) {
                    actions_of[ci].push(actions.len());
                }
            }
            actions.push(plain_noun(f[1], f[2], gender(f[3]), b'P'));
        }
        let clubs = (0..base).filter(|&b| nouns[b].class == b'V').collect();
        Vocab {
            nouns,
            base,
            ranked,
            compounds,
            admin,
            actions,
            actions_of,
            clubs,
        }
    }

    fn zipf(&self, rng: &mut Rng) -> &Noun {
        &self.nouns[self.ranked[rng.zipf(self.ranked.len())] as usize]
    }

    fn action_for(&self, rng: &mut Rng, class: u8) -> usize {
        let ci = CLASSES.iter().position(|&c| c == class).unwrap_or(0);
        *rng.pick(&self.actions_of[ci])
    }
}

// ---------------------------------------------------------------------------------------------
// Names and places (all invented)
// ---------------------------------------------------------------------------------------------

/// The municipalities, whether a town (Stadt), and how many sessions each holds per round of 34.
const MUNICIPALITIES: [(&str, bool, usize); 20] = [
    ("Lindenholz", false, 2),
    ("Bramstedt-Süd", true, 3),
    ("Haselwisch", false, 1),
    ("Mövenhagen", false, 2),
    ("Osterfehrn", false, 1),
    ("Eschenbrook", false, 2),
    ("Kranichfelde", true, 3),
    ("Ottersbek", false, 1),
    ("Reiherwohld", false, 2),
    ("Dachsmoor", false, 1),
    ("Fliederhusen", false, 1),
    ("Ulmenhorst", true, 3),
    ("Hasenkoog", false, 1),
    ("Schwalbenstedt", true, 3),
    ("Ellernhagen", false, 2),
    ("Falkenwisch", false, 1),
    ("Kiebitzfelde", false, 1),
    ("Heckenholm", false, 2),
    ("Wacholderbek", false, 1),
    ("Norderfleet", false, 1),
];

const FEMALE: &[&str] = &[
    "Anna",
    "Birte",
    "Svenja",
    "Frauke",
    "Telse",
    "Maren",
    "Kerstin",
    "Heike",
    "Swantje",
    "Wiebke",
    "Imke",
    "Meike",
    "Gesa",
    "Claudia",
    "Sabine",
    "Petra",
    "Andrea",
    "Susanne",
    "Karin",
    "Monika",
    "Lena",
    "Julia",
    "Sarah",
    "Lisa",
    "Johanna",
    "Hanna",
    "Marlene",
    "Greta",
    "Ingrid",
    "Gisela",
    "Helga",
    "Renate",
    "Elke",
    "Silke",
    "Anke",
    "Dörte",
    "Ilka",
    "Inken",
    "Merle",
    "Nele",
    "Ronja",
    "Aylin",
    "Fatma",
    "Katarzyna",
    "Olga",
    "Mira",
    "Tanja",
    "Nicole",
    "Stefanie",
    "Christiane",
    "Ute",
    "Bettina",
    "Jana",
    "Kirsten",
    "Antje",
    "Britta",
    "Hilke",
    "Okka",
    "Rieke",
    "Tomke",
    "Vanessa",
    "Yvonne",
    "Zeynep",
    "Agnieszka",
    "Leonie",
    "Sophie",
    "Carla",
    "Regina",
    "Doris",
    "Marion",
];

const MALE: &[&str] = &[
    "Jan",
    "Ole",
    "Hauke",
    "Sönke",
    "Dirk",
    "Jens",
    "Thorsten",
    "Nils",
    "Lars",
    "Kai",
    "Arne",
    "Bernd",
    "Uwe",
    "Rainer",
    "Holger",
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Christian",
    "Martin",
    "Frank",
    "Matthias",
    "Torben",
    "Malte",
    "Finn",
    "Jonas",
    "Lukas",
    "Tim",
    "Tobias",
    "Sven",
    "Björn",
    "Knut",
    "Harald",
    "Gerd",
    "Hinrich",
    "Jürgen",
    "Karl-Heinz",
    "Hans-Peter",
    "Tjark",
    "Momme",
    "Broder",
    "Jörn",
    "Olaf",
    "Volker",
    "Ralf",
    "Detlef",
    "Henning",
    "Hendrik",
    "Jannik",
    "Thore",
    "Mehmet",
    "Piotr",
    "Emre",
    "Wolfgang",
    "Peter",
    "Klaus",
    "Heiko",
    "Marco",
    "Sascha",
    "Dennis",
    "Florian",
    "Benjamin",
    "Erik",
    "Rolf",
    "Günter",
    "Carsten",
    "Reimer",
    "Friedrich",
    "Hannes",
];

const FAMILY: &[&str] = &[
    "Ahrens",
    "Andresen",
    "Asmussen",
    "Bahnsen",
    "Bendixen",
    "Beyer",
    "Biehl",
    "Block",
    "Boysen",
    "Brodersen",
    "Carstens",
    "Christiansen",
    "Clausen",
    "Dethlefsen",
    "Dierks",
    "Eggers",
    "Ehlers",
    "Engel",
    "Fehrs",
    "Frahm",
    "Friedrichsen",
    "Göttsche",
    "Greve",
    "Groth",
    "Hamann",
    "Harder",
    "Hartz",
    "Heesch",
    "Heinsohn",
    "Hinz",
    "Holst",
    "Hoop",
    "Iwersen",
    "Jacobsen",
    "Jansen",
    "Johannsen",
    "Jürgensen",
    "Kahl",
    "Karstens",
    "Kock",
    "Koopmann",
    "Kühl",
    "Lange",
    "Lassen",
    "Lorenzen",
    "Lüth",
    "Maaß",
    "Marquardt",
    "Meier",
    "Mohr",
    "Nissen",
    "Noack",
    "Ohlsen",
    "Paulsen",
    "Peters",
    "Pohl",
    "Rathje",
    "Reese",
    "Rohwer",
    "Sach",
    "Schnoor",
    "Schröder",
    "Siems",
    "Sievers",
    "Stamer",
    "Steffens",
    "Stoltenberg",
    "Struve",
    "Tams",
    "Thiessen",
    "Timm",
    "Tödt",
    "Untiedt",
    "Vollstedt",
    "Voß",
    "Wulf",
    "Witt",
    "Ziesemer",
    "Albers",
    "Arp",
    "Bartels",
    "Behrens",
    "Bock",
    "Böge",
    "Brügmann",
    "Buhmann",
    "Dahmke",
    "Detlefs",
    "Diedrichsen",
    "Dohrn",
    "Drews",
    "Ewers",
    "Feddern",
    "Fick",
    "Fölster",
    "Gosch",
    "Gravert",
    "Grimm",
    "Hadenfeldt",
    "Hagge",
    "Hansen",
    "Hargens",
    "Hauschildt",
    "Hedde",
    "Heeschen",
    "Hennings",
    "Hinrichs",
    "Höft",
    "Hollmann",
    "Husfeldt",
    "Ibs",
    "Jeß",
    "Jöhnk",
    "Kaack",
    "Kähler",
    "Kiehn",
    "Klindt",
    "Köhnke",
    "Krey",
    "Krohn",
    "Kruse",
    "Kuhrt",
    "Lafrenz",
    "Lembke",
    "Lienau",
    "Lohse",
    "Lucht",
    "Mahrt",
    "Martens",
    "Meetz",
    "Mehrens",
    "Möller",
    "Mumm",
    "Neve",
    "Nommensen",
    "Oldenburg",
    "Ott",
    "Pahl",
    "Petersen",
    "Pingel",
    "Plähn",
    "Prehn",
    "Quade",
    "Rahlf",
    "Ramm",
    "Rehder",
    "Reimers",
    "Ritter",
    "Röhe",
    "Rönnau",
    "Rüder",
    "Saggau",
    "Scharmer",
    "Schlüter",
    "Schmüser",
    "Schwarten",
    "Sell",
    "Sönnichsen",
    "Spethmann",
    "Stührk",
    "Suhr",
    "Tesch",
    "Thode",
    "Tiedemann",
    "Trede",
    "Uhl",
    "Vagt",
    "Vierck",
    "Wahlers",
    "Wendt",
    "Westphal",
    "Wichmann",
    "Wiese",
    "Wittmaack",
    "Wolters",
    "Zahn",
    "Zühlke",
    "Yilmaz",
    "Kaya",
    "Nowak",
    "Kowalski",
    "Demir",
    "Popescu",
    "Nguyen",
    "Schulz",
    "Krüger",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Hartmann",
    "Lehmann",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Weiß",
    "Jung",
    "Hahn",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berg",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Schuster",
    "Simon",
    "Ludwig",
    "Böhm",
    "Winter",
    "Kraus",
    "Martin",
    "Schumacher",
    "Krämer",
    "Vogt",
    "Stein",
    "Jäger",
    "Otto",
    "Sommer",
    "Groß",
    "Seidel",
    "Heinrich",
    "Brandt",
    "Haas",
    "Schreiber",
    "Graf",
    "Dietrich",
    "Ziegler",
    "Kuhn",
    "Kühn",
    "Pohlmann",
    "Engelbrecht",
    "Feddersen",
    "Hagen",
    "Thomsen",
    "Jessen",
    "Matthiesen",
];

const STREET_A: &[&str] = &[
    "Birken",
    "Eichen",
    "Linden",
    "Buchen",
    "Mühlen",
    "Kirch",
    "Schul",
    "Bahnhof",
    "Dorf",
    "Feld",
    "Wiesen",
    "Moor",
    "Heide",
    "Deich",
    "Holz",
    "Achter",
    "Rosen",
    "Flieder",
    "Tannen",
    "Erlen",
    "Eschen",
    "Garten",
    "Markt",
    "Hafen",
    "Sand",
    "Post",
    "Schmiede",
    "Ahorn",
    "Kastanien",
    "Holunder",
    "Wald",
    "Koppel",
    "Brink",
    "Sonnen",
    "Kamp",
];

/// Street endings with gender (for "im Birkenweg", "in der Mühlenstraße").
const STREET_B: &[(&str, G)] = &[
    ("weg", G::M),
    ("straße", G::F),
    ("kamp", G::M),
    ("redder", G::M),
    ("stieg", G::M),
    ("damm", G::M),
    ("allee", G::F),
    ("ring", G::M),
    ("koppel", G::F),
    ("twiete", G::F),
];

const FLUR: &[&str] = &["teich", "feld", "kamp", "grund", "hof", "koppel", "wiese"];

/// The parties and a local Wählergemeinschaft (short name, how the protocol names the Fraktion).
const PARTIES: &[(&str, &str)] = &[
    ("CDU", "CDU-Fraktion"),
    ("SPD", "SPD-Fraktion"),
    ("Grüne", "Fraktion Bündnis 90/Die Grünen"),
    ("FDP", "FDP-Fraktion"),
    ("SSW", "SSW-Fraktion"),
];

const TITLES_DR: &str = "Dr.";

// ---------------------------------------------------------------------------------------------
// Councils: municipality, persons, bodies
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BodyKind {
    Vertretung,
    Haupt,
    Bau,
    Finanz,
    Schule,
    Umwelt,
    Sozial,
}

impl BodyKind {
    /// Agenda items per session, fewest and most.
    fn items(self) -> (usize, usize) {
        match self {
            BodyKind::Vertretung => (14, 25),
            BodyKind::Haupt => (10, 18),
            BodyKind::Bau => (10, 20),
            BodyKind::Finanz => (8, 15),
            BodyKind::Schule | BodyKind::Umwelt | BodyKind::Sozial => (8, 14),
        }
    }

    /// How long its debates are (percent of an average committee's).
    fn talk(self) -> usize {
        match self {
            BodyKind::Vertretung => 160,
            BodyKind::Bau => 115,
            BodyKind::Haupt => 100,
            BodyKind::Finanz => 85,
            BodyKind::Schule | BodyKind::Umwelt | BodyKind::Sozial => 70,
        }
    }

    /// Which domains of the vocabulary it deals with.
    fn domains(self) -> &'static str {
        match self {
            BodyKind::Vertretung => "SBUFAX",
            BodyKind::Haupt => "AFXB",
            BodyKind::Bau => "BUA",
            BodyKind::Finanz => "FA",
            BodyKind::Schule => "S",
            BodyKind::Umwelt => "U",
            BodyKind::Sozial => "XS",
        }
    }
}

struct Fraktion {
    short: String,
    label: String,
}

struct Body {
    kind: BodyKind,
    name: String,
    /// "Der Bauausschuss", "Die Gemeindevertretung": the subject of its resolutions.
    short: String,
    /// "Der Ausschuss", "Die Gemeindevertretung": who takes note.
    collective: &'static str,
    /// Members with a vote (indices into `Council::persons`).
    seats: Vec<usize>,
    chair: usize,
    /// Base nouns it deals with, in this council's order of concern (Zipf-drawn).
    topics: Vec<usize>,
}

struct Street {
    name: String,
    g: G,
}

struct Council {
    town: bool,
    weight: usize,
    persons: Vec<Person>,
    female: Vec<bool>,
    fraktion_of: Vec<Option<usize>>,
    members: Vec<usize>,
    mayor: usize,
    builder: usize,
    treasurer: Option<usize>,
    clerk: usize,
    public_guests: Vec<usize>,
    closed_guests: Vec<usize>,
    fraktionen: Vec<Fraktion>,
    bodies: Vec<Body>,
    /// Which body meets, session after session (indices into `bodies`), repeated.
    pattern: Vec<usize>,
    streets: Vec<Street>,
    place: String,
    prefix: &'static str,
}

fn councils() -> &'static [Council] {
    static C: OnceLock<Vec<Council>> = OnceLock::new();
    C.get_or_init(|| (0..MUNICIPALITIES.len()).map(Council::build).collect())
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            _ => {
                if !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    out.trim_matches('-').to_string()
}

impl Council {
    fn build(index: usize) -> Council {
        let (name, town, weight) = MUNICIPALITIES[index];
        let mut rng = Rng::new(0xC0C1, index as u64);
        let mut c = Council {
            town,
            weight,
            persons: Vec::new(),
            female: Vec::new(),
            fraktion_of: Vec::new(),
            members: Vec::new(),
            mayor: 0,
            builder: 0,
            treasurer: None,
            clerk: 0,
            public_guests: Vec::new(),
            closed_guests: Vec::new(),
            fraktionen: Vec::new(),
            bodies: Vec::new(),
            pattern: Vec::new(),
            streets: Vec::new(),
            place: String::new(),
            prefix: rng.word(&["DrS", "VO", "BV", "Vorl."]),
        };
        // Fraktionen: the big two, some of the rest, often a local Wählergemeinschaft.
        let mut parties: Vec<usize> = vec![0, 1];
        for p in 2..PARTIES.len() {
            if rng.chance(if p == 2 { 85 } else { 45 }) {
                parties.push(p);
            }
        }
        for &p in &parties {
            c.fraktionen.push(Fraktion {
                short: PARTIES[p].0.to_string(),
                label: PARTIES[p].1.to_string(),
            });
        }
        if rng.chance(if town { 40 } else { 70 }) {
            let initial = name.chars().next().unwrap_or('X');
            let short = format!("Wf{initial}");
            c.fraktionen.push(Fraktion {
                label: format!("{short}-Fraktion"),
                short,
            });
        }
        let seats = if town {
            *rng.pick(&[19, 21, 23])
        } else {
            *rng.pick(&[11, 13, 15, 17])
        };
        // Seats by d'Hondt over random strengths, each Fraktion at least one.
        let strength: Vec<f64> = (0..c.fraktionen.len())
            .map(|f| match f {
                0 => 3.0 + rng.unit() * 2.0,
                1 => 2.5 + rng.unit() * 2.0,
                _ => 0.8 + rng.unit() * 1.8,
            })
            .collect();
        let mut count = vec![1usize; c.fraktionen.len()];
        while count.iter().sum::<usize>() < seats {
            let best = (0..count.len())
                .max_by(|&a, &b| {
                    (strength[a] / (count[a] + 1) as f64)
                        .total_cmp(&(strength[b] / (count[b] + 1) as f64))
                })
                .unwrap_or(0);
            count[best] += 1;
        }
        let mut families: Vec<&str> = FAMILY.to_vec();
        rng.shuffle(&mut families);
        let mut families = families.into_iter();
        for (f, &n) in count.iter().enumerate() {
            for _ in 0..n {
                let i = c.add_person(&mut rng, &mut families, PersonKind::Mitglied);
                c.persons[i].fraktion = Some(c.fraktionen[f].short.clone());
                c.fraktion_of[i] = Some(f);
                c.members.push(i);
            }
        }
        if name == NAME_MUNICIPALITY {
            // The benchmark name: a member of the second Fraktion, in every body (below).
            let i = c.members[count[0]];
            let p = &mut c.persons[i];
            p.family_name = NAME.to_string();
            p.given_name = "Telse".into();
            p.salutation = Salutation::Frau;
            p.title = None;
            p.id = slug(NAME);
            c.female[i] = true;
        }
        c.mayor = c.add_person(&mut rng, &mut families, PersonKind::Verwaltung);
        let female = c.female[c.mayor];
        c.persons[c.mayor].role = Some(if female {
            "Die Bürgermeisterin".into()
        } else {
            "Der Bürgermeister".into()
        });
        c.builder = c.add_staff(
            &mut rng,
            &mut families,
            "Leiter des Bauamts",
            "Leiterin des Bauamts",
        );
        if rng.chance(60) {
            c.treasurer = Some(c.add_staff(&mut rng, &mut families, "Kämmerer", "Kämmerin"));
        }
        c.clerk = c.add_staff(
            &mut rng,
            &mut families,
            "Hauptamt, Protokoll",
            "Hauptamt, Protokoll",
        );
        let town_word = if town { "der Stadt" } else { "der Gemeinde" };
        let guests: [(&str, &str, bool); 7] = [
            (
                "Planungsbüro {} & Partner",
                "Planungsbüro {} & Partner",
                false,
            ),
            ("Ingenieurbüro {}", "Ingenieurbüro {}", false),
            (
                "Wehrführer der Freiwilligen Feuerwehr",
                "Wehrführerin der Freiwilligen Feuerwehr",
                false,
            ),
            (
                "Schulleiter der Grundschule",
                "Schulleiterin der Grundschule",
                false,
            ),
            ("Rechtsanwalt", "Rechtsanwältin", true),
            ("Wirtschaftsprüfer", "Wirtschaftsprüferin", true),
            (
                "Sachverständiger für Grundstückswerte",
                "Sachverständige für Grundstückswerte",
                true,
            ),
        ];
        let public = rng.range(1, 2);
        let closed = rng.range(1, 2);
        let mut order: Vec<usize> = (0..4).collect();
        rng.shuffle(&mut order);
        let mut closed_order: Vec<usize> = (4..7).collect();
        rng.shuffle(&mut closed_order);
        let room = 30usize.saturating_sub(c.persons.len());
        for &g in order
            .iter()
            .take(public)
            .chain(closed_order.iter().take(closed))
            .take(room)
        {
            let i = c.add_person(&mut rng, &mut families, PersonKind::Gast);
            let (m, f, is_closed) = guests[g];
            let function = if c.female[i] { f } else { m };
            let firm = FAMILY[rng.below(FAMILY.len())];
            let mut function = function.replace("{}", firm);
            if g == 2 || g == 3 {
                // The local fire brigade and school.
                function = format!("{function} {name}");
            }
            c.persons[i].function = Some(function);
            if is_closed {
                c.closed_guests.push(i);
            } else {
                c.public_guests.push(i);
            }
        }
        // Bodies: the council and two to four committees.
        let vertretung = if town {
            "Stadtvertretung"
        } else {
            "Gemeindevertretung"
        };
        c.bodies.push(Body {
            kind: BodyKind::Vertretung,
            name: format!("{vertretung} {name}"),
            short: format!("Die {vertretung}"),
            collective: if town {
                "Die Stadtvertretung"
            } else {
                "Die Gemeindevertretung"
            },
            seats: c.members.clone(),
            chair: c.members[0],
            topics: Vec::new(),
        });
        let mut kinds = vec![BodyKind::Bau];
        for (kind, percent) in [
            (BodyKind::Finanz, 75),
            (BodyKind::Haupt, 55),
            (BodyKind::Schule, 55),
            (BodyKind::Umwelt, 35),
            (BodyKind::Sozial, 25),
        ] {
            if kinds.len() < 4 && rng.chance(percent) {
                kinds.push(kind);
            }
        }
        if kinds.len() < 2 {
            kinds.push(BodyKind::Finanz);
        }
        for kind in kinds {
            let (short, full) = match kind {
                BodyKind::Bau if town && rng.chance(50) => (
                    "Der Bau- und Planungsausschuss",
                    "Bau- und Planungsausschuss",
                ),
                BodyKind::Bau => ("Der Bauausschuss", "Bauausschuss"),
                BodyKind::Finanz => ("Der Finanzausschuss", "Finanzausschuss"),
                BodyKind::Haupt => ("Der Hauptausschuss", "Hauptausschuss"),
                BodyKind::Schule => (
                    "Der Ausschuss für Schule, Kultur und Sport",
                    "Ausschuss für Schule, Kultur und Sport",
                ),
                BodyKind::Umwelt => (
                    "Der Ausschuss für Umwelt, Klima und Energie",
                    "Ausschuss für Umwelt, Klima und Energie",
                ),
                BodyKind::Sozial | BodyKind::Vertretung => (
                    "Der Ausschuss für Jugend, Senioren und Soziales",
                    "Ausschuss für Jugend, Senioren und Soziales",
                ),
            };
            let size = if c.members.len() >= 19 {
                *rng.pick(&[9, 11])
            } else {
                *rng.pick(&[7, 7, 9])
            };
            let mut pool = c.members.clone();
            rng.shuffle(&mut pool);
            if name == NAME_MUNICIPALITY {
                let named = c.members[count[0]];
                pool.retain(|&p| p != named);
                pool.insert(0, named);
            }
            let mut seats: Vec<usize> = pool.into_iter().take(size).collect();
            seats.sort_unstable();
            let chair = seats[rng.below(seats.len())];
            c.bodies.push(Body {
                kind,
                name: format!("{full} {town_word} {name}"),
                short: short.to_string(),
                collective: "Der Ausschuss",
                seats,
                chair,
                topics: Vec::new(),
            });
        }
        let v = vocab();
        for b in &mut c.bodies {
            let mut topics: Vec<usize> = (0..v.base)
                .filter(|&n| {
                    v.nouns[n]
                        .domains
                        .chars()
                        .any(|d| b.kind.domains().contains(d))
                })
                .collect();
            rng.shuffle(&mut topics);
            b.topics = topics;
        }
        // The council meets about a third of the time, each committee about as often as the others.
        for (b, body) in c.bodies.iter().enumerate() {
            let times = if body.kind == BodyKind::Vertretung {
                3
            } else {
                2
            };
            c.pattern.extend(std::iter::repeat_n(b, times));
        }
        rng.shuffle(&mut c.pattern);
        let mut streets: Vec<(usize, usize)> = Vec::new();
        while streets.len() < 14 {
            let s = (rng.below(STREET_A.len()), rng.below(STREET_B.len()));
            if !streets.contains(&s) {
                streets.push(s);
            }
        }
        c.streets = streets
            .into_iter()
            .map(|(a, b)| Street {
                name: format!("{}{}", STREET_A[a], STREET_B[b].0),
                g: STREET_B[b].1,
            })
            .collect();
        c.place = match rng.below(4) {
            0 => format!("Rathaus {name}, Sitzungssaal"),
            1 => format!("Dorfgemeinschaftshaus {name}"),
            2 => format!("Bürgerhaus {name}, großer Saal"),
            _ => format!("Feuerwehrgerätehaus {name}, Schulungsraum"),
        };
        c
    }

    /// A new person with a family name of its own in this council.
    fn add_person(
        &mut self,
        rng: &mut Rng,
        families: &mut impl Iterator<Item = &'static str>,
        kind: PersonKind,
    ) -> usize {
        let female = rng.chance(45);
        let given = *rng.pick(if female { FEMALE } else { MALE });
        let family = families.next().unwrap_or("Hansen");
        let mut id = slug(family);
        if self.persons.iter().any(|p| p.id == id) {
            id = slug(&format!("{given} {family}"));
        }
        let mut p = Person::member(
            &id,
            if female {
                Salutation::Frau
            } else {
                Salutation::Herr
            },
            given,
            family,
        );
        p.kind = kind;
        if rng.chance(6) {
            p.title = Some(TITLES_DR.to_string());
        }
        self.persons.push(p);
        self.female.push(female);
        self.fraktion_of.push(None);
        self.persons.len() - 1
    }

    fn add_staff(
        &mut self,
        rng: &mut Rng,
        families: &mut impl Iterator<Item = &'static str>,
        male: &str,
        female: &str,
    ) -> usize {
        let i = self.add_person(rng, families, PersonKind::Verwaltung);
        let function = if self.female[i] { female } else { male };
        self.persons[i].function = Some(function.to_string());
        i
    }

    fn vertretung_dative(&self) -> &'static str {
        if self.town {
            "der Stadtvertretung"
        } else {
            "der Gemeindevertretung"
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Where in the archive: municipality, its n-th session, the date
// ---------------------------------------------------------------------------------------------

struct Slot {
    council: usize,
    /// This session's place among its municipality's sessions.
    local: usize,
    /// How many sessions its municipality has in the archive.
    total: usize,
}

/// One round of the archive: each municipality as often as its weight, interleaved.
fn rounds() -> &'static [usize] {
    static R: OnceLock<Vec<usize>> = OnceLock::new();
    R.get_or_init(|| {
        let mut keys: Vec<(usize, usize)> = Vec::new();
        let total: usize = MUNICIPALITIES.iter().map(|m| m.2).sum();
        for (c, m) in MUNICIPALITIES.iter().enumerate() {
            for k in 0..m.2 {
                // Spread each municipality evenly over the round.
                keys.push(((2 * k + 1) * total * 1000 / (2 * m.2) + c, c));
            }
        }
        keys.sort_unstable();
        keys.into_iter().map(|(_, c)| c).collect()
    })
}

fn place(n: usize, count: usize) -> Slot {
    let round = rounds();
    let len = round.len();
    let council = round[n % len];
    let weight = councils()[council].weight;
    let before = |upto: usize| round[..upto].iter().filter(|&&c| c == council).count();
    Slot {
        council,
        local: (n / len) * weight + before(n % len),
        total: (count / len) * weight + before(count % len),
    }
}

/// The days councils meet: Monday to Thursday, 2015 to 2025, not in the summer or Christmas break.
fn dates() -> &'static [NaiveDate] {
    static D: OnceLock<Vec<NaiveDate>> = OnceLock::new();
    D.get_or_init(|| {
        let mut out = Vec::new();
        let mut d = NaiveDate::from_ymd_opt(2015, 1, 12).unwrap_or_default();
        let end = NaiveDate::from_ymd_opt(2025, 12, 18).unwrap_or_default();
        while d <= end {
            let summer = (d.month() == 7 && d.day() >= 10) || (d.month() == 8 && d.day() <= 20);
            let christmas = (d.month() == 12 && d.day() >= 20) || (d.month() == 1 && d.day() <= 8);
            let weekday = !matches!(d.weekday(), Weekday::Fri | Weekday::Sat | Weekday::Sun);
            if weekday && !summer && !christmas {
                out.push(d);
            }
            d = d + Days::new(1);
        }
        out
    })
}

/// The day of a municipality's `j`-th of `total` sessions: evenly over the years, in order.
fn date_index(council: usize, j: usize, total: usize) -> usize {
    let len = dates().len();
    let phase = (council * 7) % 20;
    let total = total.max(j + 1);
    ((j * 20 + phase) * len) / (total * 20)
}

// ---------------------------------------------------------------------------------------------
// Text: templates in indirect speech
// ---------------------------------------------------------------------------------------------

/// Predicates for a singular subject: (finite verb, rest, the subject types they fit). The
/// subordinate clause is "rest finite", the main clause "finite rest"; a separable verb is
/// written "liege|vor": "noch nicht vorliege", "liege noch nicht vor".
const PREDICATES: &[(&str, &str, &str)] = &[
    ("sei", "bereits im Haushalt {y} berücksichtigt", "HWKSPF"),
    ("sei", "dringend erforderlich", "HWKSPD"),
    ("sei", "seit Jahren überfällig", "HWKSP"),
    (
        "sei",
        "nach Einschätzung der Verwaltung wirtschaftlich",
        "HWKSP",
    ),
    ("werde", "voraussichtlich im {m} abgeschlossen", "P"),
    ("solle", "noch in diesem Jahr ausgeschrieben werden", "P"),
    (
        "müsse",
        "vor Beginn der Arbeiten mit den Anwohnern abgestimmt werden",
        "P",
    ),
    (
        "könne",
        "aus Mitteln der Städtebauförderung finanziert werden",
        "PHW",
    ),
    (
        "habe",
        "sich gegenüber der ursprünglichen Planung um {e} verteuert",
        "PHW",
    ),
    ("liege", "im Rahmen des Haushaltsansatzes", "PF"),
    ("werde", "vom Kreis mit {e} gefördert", "PHWKSC"),
    ("sei", "mit der unteren Naturschutzbehörde abgestimmt", "PD"),
    (
        "müsse",
        "wegen gestiegener Baupreise neu kalkuliert werden",
        "P",
    ),
    ("solle", "bis Ende {m} {y1} fertiggestellt sein", "PHWD"),
    ("werde", "derzeit vom Planungsbüro überarbeitet", "PD"),
    ("sei", "in einem schlechten baulichen Zustand", "H"),
    (
        "entspreche",
        "nicht mehr den geltenden Vorschriften",
        "HWKD",
    ),
    ("habe", "sich in den vergangenen Jahren bewährt", "HWKSCD"),
    (
        "sei",
        "für die Entwicklung {cg} von großer Bedeutung",
        "HWSCP",
    ),
    (
        "könne",
        "erst nach Eingang des Förderbescheids beauftragt werden",
        "P",
    ),
    ("werde", "in der nächsten Sitzung erneut beraten", "PDF"),
    ("werde", "von den Vereinen gut angenommen", "HWS"),
    ("dürfe", "nicht zu Lasten anderer Maßnahmen gehen", "PF"),
    (
        "stehe",
        "unter dem Vorbehalt der Genehmigung durch die Kommunalaufsicht",
        "PF",
    ),
    (
        "verzögere",
        "sich wegen Lieferengpässen um etwa {k} Wochen",
        "PK",
    ),
    (
        "habe",
        "bei der letzten Prüfung erhebliche Mängel aufgewiesen",
        "HWK",
    ),
    ("werde", "gemeinsam mit der Nachbargemeinde geplant", "P"),
    ("lasse", "sich nur mit einem Zuschuss finanzieren", "PHWKS"),
    ("sei", "nach dem vorliegenden Gutachten standsicher", "H"),
    ("müsse", "spätestens {y1} erneuert werden", "HWK"),
    ("sei", "mit dem Kreis abgestimmt", "PD"),
    ("werde", "regelmäßig vom Bauhof unterhalten", "W"),
    (
        "belaste",
        "den Ergebnishaushalt jährlich mit etwa {e}",
        "HWKSPF",
    ),
    (
        "sei",
        "im Investitionsprogramm bis {y4} nicht vorgesehen",
        "PHWK",
    ),
    ("werde", "zurzeit von der Kommunalaufsicht geprüft", "DF"),
    ("sei", "aus Sicht der Feuerwehr unverzichtbar", "K"),
    ("solle", "nach den Sommerferien beginnen", "P"),
    ("werde", "in {k} Bauabschnitten umgesetzt", "P"),
    ("sei", "barrierefrei erreichbar", "HW"),
    ("könne", "ohne Kreditaufnahme finanziert werden", "PHWK"),
    ("habe", "im vergangenen Jahr rund {e} gekostet", "HWKSP"),
    ("sei", "mit der Schulleitung abgestimmt", "PD"),
    ("werde", "von der Bevölkerung kritisch gesehen", "HWPD"),
    ("trage|bei", "zur Verbesserung der Verkehrssicherheit", "WP"),
    ("sei", "energetisch nicht mehr zeitgemäß", "H"),
    (
        "werde",
        "über einen Zuschuss des Landes mitfinanziert",
        "PHWKS",
    ),
    ("sei", "mit der Bauaufsicht des Kreises abgestimmt", "PD"),
    (
        "liege|vor",
        "der Kommunalaufsicht des Kreises zur Prüfung",
        "DF",
    ),
    (
        "werde",
        "nach Auskunft des Kreises nicht vor {y1} umgesetzt",
        "P",
    ),
    ("sei", "im Haushalt {y} mit {e} veranschlagt", "PF"),
    ("habe", "sich als aufwendiger erwiesen", "P"),
    ("müsse", "noch mit dem Amt abgestimmt werden", "PD"),
    ("sei", "Teil des Ortsentwicklungskonzepts", "HWP"),
    ("werde", "von vielen Familien {si} genutzt", "HWS"),
    ("liege|vor", "noch nicht", "D"),
    ("sei", "den Mitgliedern mit der Einladung zugegangen", "D"),
    ("komme", "zu einem eindeutigen Ergebnis", "D"),
    ("weise|aus", "erhebliche Kostenrisiken", "D"),
    ("sei", "auf der Internetseite {cg} veröffentlicht", "D"),
    ("reiche|aus", "für die geplanten Maßnahmen nicht", "F"),
    ("sei", "gegenüber dem Vorjahr um {e} gestiegen", "F"),
    ("müsse", "im Nachtragshaushalt angepasst werden", "F"),
    (
        "leiste",
        "einen wichtigen Beitrag für das Gemeinwesen",
        "CS",
    ),
    ("sei", "auf die Unterstützung {cg} angewiesen", "CS"),
    ("habe", "seinen Antrag fristgerecht eingereicht", "C"),
    ("werde", "stark nachgefragt", "S"),
    ("müsse", "personell verstärkt werden", "S"),
    ("sei", "seit Jahren nicht ausgelastet", "HS"),
    ("stehe", "in der Werkstatt", "K"),
    ("müsse", "wegen des Alters ersetzt werden", "K"),
];

/// (bare infinitive, zu-infinitive, the object types they fit): clauses after an object.
const INFINITIVES: &[(&str, &str, &str)] = &[
    (
        "im nächsten Haushaltsjahr berücksichtigen",
        "im nächsten Haushaltsjahr zu berücksichtigen",
        "PHWKSF",
    ),
    (
        "erneut im Ausschuss beraten",
        "erneut im Ausschuss zu beraten",
        "PDF",
    ),
    (
        "mit den Anwohnern abstimmen",
        "mit den Anwohnern abzustimmen",
        "PD",
    ),
    ("öffentlich ausschreiben", "öffentlich auszuschreiben", "P"),
    (
        "in zwei Bauabschnitten umsetzen",
        "in zwei Bauabschnitten umzusetzen",
        "P",
    ),
    (
        "bis zur nächsten Sitzung prüfen",
        "bis zur nächsten Sitzung zu prüfen",
        "PDF",
    ),
    (
        "auf mehrere Haushaltsjahre verteilen",
        "auf mehrere Haushaltsjahre zu verteilen",
        "PF",
    ),
    ("vorerst zurückstellen", "vorerst zurückzustellen", "P"),
    (
        "in die Prioritätenliste aufnehmen",
        "in die Prioritätenliste aufzunehmen",
        "PHWK",
    ),
    (
        "mit der Nachbargemeinde abstimmen",
        "mit der Nachbargemeinde abzustimmen",
        "PDS",
    ),
    (
        "durch ein Fachbüro begutachten lassen",
        "durch ein Fachbüro begutachten zu lassen",
        "HW",
    ),
    ("barrierefrei gestalten", "barrierefrei zu gestalten", "HW"),
    ("energetisch sanieren", "energetisch zu sanieren", "H"),
    ("mit dem Kreis abstimmen", "mit dem Kreis abzustimmen", "PD"),
    (
        "in einer Einwohnerversammlung vorstellen",
        "in einer Einwohnerversammlung vorzustellen",
        "PD",
    ),
    (
        "noch einmal überarbeiten",
        "noch einmal zu überarbeiten",
        "PD",
    ),
    (
        "um eine Variante mit geringeren Kosten ergänzen",
        "um eine Variante mit geringeren Kosten zu ergänzen",
        "PD",
    ),
    (
        "bei der Haushaltsplanung {y1} vorsehen",
        "bei der Haushaltsplanung {y1} vorzusehen",
        "PHWKS",
    ),
    ("zeitnah umsetzen", "zeitnah umzusetzen", "P"),
    (
        "mit dem Seniorenbeirat besprechen",
        "mit dem Seniorenbeirat zu besprechen",
        "PDS",
    ),
    (
        "in den Finanzausschuss verweisen",
        "in den Finanzausschuss zu verweisen",
        "PDF",
    ),
    (
        "dem Ausschuss schriftlich darstellen",
        "dem Ausschuss schriftlich darzustellen",
        "PDF",
    ),
    (
        "vor einer Entscheidung besichtigen",
        "vor einer Entscheidung zu besichtigen",
        "HW",
    ),
    ("zeitnah ersetzen", "zeitnah zu ersetzen", "K"),
    (
        "finanziell unterstützen",
        "finanziell zu unterstützen",
        "CS",
    ),
    ("stärker bekannt machen", "stärker bekannt zu machen", "SC"),
    (
        "den Mitgliedern rechtzeitig zusenden",
        "den Mitgliedern rechtzeitig zuzusenden",
        "D",
    ),
];

const ADJECTIVES: &[&str] = &[
    "geplant",
    "neu",
    "bestehend",
    "vorhanden",
    "alt",
    "marod",
    "künftig",
    "bisherig",
    "vorgesehen",
    "überarbeitet",
];

const VERDICTS: &[&str] = &[
    "nicht erforderlich",
    "zu teuer",
    "sinnvoll",
    "überfällig",
    "nicht ausgereift",
    "wirtschaftlich nicht vertretbar",
    "dringend geboten",
    "gut durchdacht",
    "nicht zeitgemäß",
    "vertretbar",
];

const EXPLAIN_VERBS: &[&str] = &[
    "erläutert",
    "erklärt",
    "berichtet",
    "weist darauf hin",
    "gibt zu bedenken",
    "betont",
    "stellt klar",
    "ergänzt",
    "bestätigt",
    "hebt hervor",
    "macht deutlich",
    "gibt an",
    "räumt ein",
    "merkt an",
    "führt aus",
    "befürchtet",
    "bemängelt",
    "kritisiert",
    "bezweifelt",
    "erinnert daran",
];

/// What members say, continuing the sentence after their name.
const MEMBER: &[&str] = &[
    "fragt, ob {np} {ps}.",
    "fragt, ob {np} {ps}.",
    "erkundigt sich, ob {np} {ps}.",
    "möchte wissen, ob {np} {ps}.",
    "fragt nach dem Stand {xg}.",
    "fragt nach den Folgekosten {tg}.",
    "erkundigt sich nach dem Zeitplan für {xa}.",
    "fragt, wann mit {xd} zu rechnen sei.",
    "fragt, wer die Kosten für {ap} trage.",
    "fragt, warum {np} nicht bereits im Haushalt {y} berücksichtigt worden sei.",
    "fragt, ob für {xa} ein Zuschuss beantragt werden könne.",
    "spricht sich für {xa} aus, da {np} {ps}.",
    "spricht sich gegen die Vorlage aus, da {np} {ps}.",
    "hält {ap} für {aa}.",
    "unterstützt die Vorlage ausdrücklich.",
    "begrüßt {ap}.",
    "sieht {ap} kritisch, da {np} {ps}.",
    "bittet darum, {ap} {qz}.",
    "regt an, {ap} {qz}.",
    "schlägt vor, {ap} {qz}.",
    "bittet die Verwaltung, {ap} {qz}.",
    "weist auf die Bedeutung {tg} für {cn} hin.",
    "bedankt sich bei der Verwaltung für die gründliche Vorbereitung der Vorlage.",
    "macht auf die Sorgen der Anwohner {si} aufmerksam.",
];

/// What members say for their Fraktion.
const FRAKTION: &[&str] = &[
    "kündigt an, dass die {fl} der Vorlage zustimmen werde.",
    "erklärt für die {fl}, dass {np} {ps}.",
    "teilt mit, dass die {fl} {ap} unterstütze.",
    "erklärt, die {fl} sehe noch Beratungsbedarf, da {np} {ps}.",
];

/// Administration and guests presenting an item.
const INTRO: &[&str] = &[
    "stellt die Vorlage vor.",
    "stellt {xa} anhand einer Präsentation vor.",
    "stellt den Sachstand {xg} vor.",
    "erläutert die Vorlage und die Kostenschätzung für {xa}.",
    "gibt einen Überblick über {xa} und den weiteren Zeitplan.",
    "stellt die Entwurfsplanung für {xa} vor.",
    "erläutert die Vorlage.",
    "führt in den Sachverhalt ein.",
];

/// Administration answering; with `asked_by` the protocol puts "auf Nachfrage von …" after the verb.
const ANSWER: &[&str] = &[
    "erklärt, dass {np} {ps}.",
    "antwortet, dass {np} {ps}.",
    "teilt mit, dass {np} {ps}.",
    "erläutert, dass {np} {ps}.",
    "bestätigt, dass {np} {ps}.",
    "sagt zu, {ap} {qz}.",
    "sichert zu, die Frage bis zur nächsten Sitzung schriftlich zu beantworten.",
    "verweist auf die Ausführungen in der Vorlage.",
];

/// The mayor's announcements.
const NEWS: &[&str] = &[
    "teilt mit, dass {np} {ps}.",
    "berichtet, dass {np} {ps}.",
    "informiert darüber, dass {np} {ps}.",
    "gibt bekannt, dass {np} {ps}.",
    "berichtet über den Stand {xg}.",
];

/// Residents in the Einwohnerfragestunde (no speaker id: the protocol does not name them).
const RESIDENT: &[&str] = &[
    "Ein Einwohner {sa} fragt, ob {np} {ps}.",
    "Eine Einwohnerin {sa} erkundigt sich, ob {np} {ps}.",
    "Ein Anwohner {sa} beklagt, dass {np} {ps}.",
    "Eine Vertreterin {vg} fragt, ob {np} {ps}.",
    "Ein Vertreter {vg} bittet darum, {ap} {qz}.",
];

const CHAIR_VOTE: &[&str] = &[
    "lässt über die Vorlage abstimmen.",
    "lässt über den Beschlussvorschlag abstimmen.",
    "schließt die Aussprache und lässt abstimmen.",
    "stellt fest, dass keine weiteren Wortmeldungen vorliegen, und lässt über den Beschlussvorschlag abstimmen.",
];

const PLAIN: &[&str] = &[
    "Es folgt eine kurze Aussprache über {xa}.",
    "Weitere Wortmeldungen liegen nicht vor.",
    "Die Mitglieder erörtern {ap} ausführlich.",
];

/// Further sentences of a paragraph, standing on their own.
const FOLLOW: &[&str] = &[
    "{NP} {pm}.",
    "{NP} {pm}.",
    "{NP} {pm}.",
    "{NP} {pm}.",
    "Nach Auskunft des Kreises {inv}.",
    "Nach Einschätzung der Verwaltung {inv}.",
    "Darüber hinaus {inv}.",
    "Zudem {inv}.",
    "Allerdings {inv}.",
    "Nach derzeitigem Stand {inv}.",
    "Die Verwaltung werde {ap} {qb}.",
    "Man solle {ap} {qb}.",
    "Es sei geplant, {ap} {qz}.",
    "Dafür stünden im Haushalt {y} rund {e} zur Verfügung.",
    "Die Kosten für {xa} lägen bei rund {e}.",
    "Die Stellungnahme des Kreises liege noch nicht vor.",
    "Die Zustimmung des Kreises stehe noch aus.",
    "Die Bauaufsicht des Kreises habe keine Bedenken geäußert.",
    "Eine Entscheidung des Kreises werde bis {m} erwartet.",
    "{Cn} erhalte dafür einen Zuschuss in Höhe von {e}.",
    "Ob ein Zuschuss gewährt werde, sei noch offen.",
    "Ein Zuschuss aus dem Förderprogramm des Landes sei beantragt.",
    "Die Anwohner {si} seien bereits informiert worden.",
    "Mit einem Baubeginn sei nicht vor {m} {y1} zu rechnen.",
    "Die Arbeiten sollten im {m} beginnen und etwa {k} Wochen dauern.",
    "Eine Verschiebung würde zu höheren Kosten führen.",
    "Die Mittel seien im Haushalt {y} veranschlagt.",
    "Eine Beteiligung der Öffentlichkeit sei vorgesehen.",
    "Der Zeitplan sei ambitioniert, aber realistisch.",
    "Es seien {k} Angebote eingegangen.",
    "Der Auftrag solle an den wirtschaftlichsten Bieter vergeben werden.",
    "Dies sei auch im Interesse der Vereine.",
    "Die Folgekosten seien in der Vorlage nicht ausreichend dargestellt.",
    "Hierüber werde in der nächsten Sitzung berichtet.",
];

/// What a resolution decides, as a zu-infinitive after "beschließt," (generic things).
const DECISIONS: &[&str] = &[
    "{xa} auf Grundlage der Kostenschätzung mit Gesamtkosten von {e} zu beschließen",
    "die Verwaltung zu beauftragen, {xa} öffentlich auszuschreiben",
    "den Auftrag für {xa} an den wirtschaftlichsten Bieter zu vergeben",
    "der Entwurfsplanung für {xa} in der vorgelegten Fassung zuzustimmen",
    "für {xa} überplanmäßige Mittel in Höhe von {e} bereitzustellen",
    "{xa} in das Investitionsprogramm ab {y1} aufzunehmen",
    "die Verwaltung zu beauftragen, für {xa} einen Förderantrag zu stellen",
    "{xa} wie in der Vorlage dargestellt umzusetzen",
];

/// What a Fraktion's motion asks for.
const DECISIONS_MOTION: &[&str] = &[
    "die Verwaltung zu beauftragen, {xa} zu prüfen und bis {m} {y1} einen Vorschlag vorzulegen",
    "die Verwaltung zu beauftragen, für {xa} eine Kostenschätzung vorzulegen",
    "{xa} in den Haushalt {y1} aufzunehmen",
    "die Verwaltung zu beauftragen, {xa} mit den Anwohnern zu erörtern",
];

const DECISIONS_K: &[&str] = &[
    "{xa} mit Kosten von bis zu {e} zu beschließen",
    "die Verwaltung zu beauftragen, {xa} auszuschreiben",
];

const DECISIONS_V: &[&str] = &[
    "{td} für das Jahr {y1} einen Zuschuss in Höhe von {e} zu gewähren",
    "die Richtlinie zur Förderung der Vereine in der vorliegenden Fassung zu beschließen",
];

const DECISIONS_F: &[&str] = &[
    "{ta} in der vorliegenden Fassung zu beschließen",
    "der Vorlage der Verwaltung in der vorliegenden Fassung zuzustimmen",
];

const DECISIONS_P: &[&str] = &[
    "die Aufstellung des Bebauungsplans zu beschließen",
    "den Entwurf des Bebauungsplans und die Begründung zu billigen und nach § 3 Abs. 2 BauGB öffentlich auszulegen",
    "die eingegangenen Stellungnahmen entsprechend der Abwägungstabelle zu berücksichtigen oder zurückzuweisen",
    "den Bebauungsplan als Satzung zu beschließen und die Begründung zu billigen",
];

const AMENDMENTS: &[&str] = &[
    "Die Maßnahme wird in zwei Bauabschnitten umgesetzt.",
    "Die Kosten werden auf {e} begrenzt.",
    "Die Anwohner werden vor Beginn der Arbeiten in einer Einwohnerversammlung informiert.",
    "Die Verwaltung berichtet dem Ausschuss halbjährlich über den Stand der Maßnahme.",
    "Die Ausschreibung erfolgt in zwei Losen.",
    "Vor der Vergabe wird der Seniorenbeirat beteiligt.",
    "Die Umsetzung erfolgt erst nach Vorliegen des Förderbescheids.",
    "Die Planung ist um eine barrierefreie Variante zu ergänzen.",
];

/// Closed items: (reason, title, decision).
const CLOSED: &[(&str, &str, &str)] = &[
    (
        "Grundstücksangelegenheit",
        "Grundstücksangelegenheit: Verkauf einer Teilfläche {si}",
        "dem Verkauf der Teilfläche zu den in der Vorlage genannten Bedingungen zuzustimmen",
    ),
    (
        "Grundstücksangelegenheit",
        "Grundstücksangelegenheit: Erwerb einer Fläche für {xa}",
        "dem Erwerb der Fläche zu den in der Vorlage genannten Bedingungen zuzustimmen",
    ),
    (
        "Grundstücksangelegenheit",
        "Grundstücksangelegenheit: Vorkaufsrecht für das Flurstück {z}/{d}",
        "das Vorkaufsrecht nicht auszuüben",
    ),
    (
        "Personalangelegenheit",
        "Personalangelegenheit: Besetzung der Stelle der Leitung des Bauhofs",
        "der Einstellung entsprechend dem Vorschlag der Auswahlkommission zuzustimmen",
    ),
    (
        "Personalangelegenheit",
        "Personalangelegenheit: Besetzung der Stelle der Leitung der Kindertagesstätte",
        "der Einstellung entsprechend dem Vorschlag der Auswahlkommission zuzustimmen",
    ),
    (
        "Vergabeangelegenheit",
        "Vergabe der Bauleistungen für {xa}",
        "den Auftrag an den wirtschaftlichsten Bieter laut Vergabevorschlag zu erteilen",
    ),
    (
        "Vergabeangelegenheit",
        "Vergabe der Planungsleistungen für {xa}",
        "das Planungsbüro laut Vergabevorschlag mit den Leistungsphasen 1 bis 4 zu beauftragen",
    ),
    (
        "Vertragsangelegenheit",
        "Vertragsangelegenheit: Pachtvertrag für {ta}",
        "den Pachtvertrag zu den in der Vorlage genannten Bedingungen abzuschließen",
    ),
    (
        "Rechtsangelegenheit",
        "Rechtsangelegenheit: Widerspruch gegen einen Gebührenbescheid",
        "dem Widerspruch nicht abzuhelfen",
    ),
    (
        "Steuerangelegenheit",
        "Stundungsantrag eines Gewerbebetriebs",
        "dem Antrag auf Stundung der Gewerbesteuer unter den in der Vorlage genannten Auflagen zuzustimmen",
    ),
];

const MONTHS: &[&str] = &crate::render::german::MONTHS;

const COUNT_WORDS: &[&str] = &[
    "zwei", "drei", "vier", "fünf", "sechs", "acht", "zehn", "zwölf",
];

const ATTACHMENTS: &[&str] = &[
    "Kostenschätzung.pdf",
    "Lageplan.pdf",
    "Entwurfsplanung.pdf",
    "Stellungnahme_Kreis.pdf",
    "Präsentation.pdf",
    "Gutachten.pdf",
    "Fotodokumentation.pdf",
    "Angebotsübersicht.pdf",
    "Satzungsentwurf.pdf",
    "Abwägungstabelle.pdf",
];

/// What a topic of an agenda item is about.
#[derive(Clone)]
struct Topic {
    /// Index into `Vocab::nouns`.
    noun: usize,
    /// Index into `Vocab::actions`.
    action: usize,
    street: usize,
    title: String,
    decision: &'static str,
}

/// The context a template is filled in.
struct Pen<'a> {
    c: &'a Council,
    year: i32,
    topic: &'a Topic,
    /// The label of the speaker's Fraktion, for "{fl}".
    fraktion: Option<&'a str>,
    /// Types of the last subject and object written, so predicate and infinitive fit them.
    subject: Cell<u8>,
    object: Cell<u8>,
}

fn euros(rng: &mut Rng, out: &mut String) {
    let amount = match rng.below(10) {
        0..=2 => 5_000 + rng.below(180) * 500,
        3..=7 => 100_000 + rng.below(180) * 5_000,
        _ => 1_000_000 + rng.below(40) * 100_000,
    };
    if amount >= 1_000_000 {
        let tenths = amount / 100_000;
        if tenths % 10 == 0 {
            out.push_str(&format!("{} Mio. Euro", tenths / 10));
        } else {
            out.push_str(&format!("{},{} Mio. Euro", tenths / 10, tenths % 10));
        }
    } else {
        out.push_str(&format!("{}.{:03} Euro", amount / 1000, amount % 1000));
    }
}

/// A random entry whose type list holds `kind` (any entry when none does after a few tries).
fn fitting<T: Copy>(rng: &mut Rng, xs: &[T], kinds: impl Fn(&T) -> &str, kind: u8) -> T {
    for _ in 0..40 {
        let x = *rng.pick(xs);
        if kinds(&x).as_bytes().contains(&kind) {
            return x;
        }
    }
    *rng.pick(xs)
}

impl<'a> Pen<'a> {
    fn new(c: &'a Council, year: i32, topic: &'a Topic, fraktion: Option<&'a str>) -> Pen<'a> {
        Pen {
            c,
            year,
            topic,
            fraktion,
            subject: Cell::new(b'P'),
            object: Cell::new(b'P'),
        }
    }

    fn expand(&self, rng: &mut Rng, out: &mut String, template: &str) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}').unwrap_or(after.len());
            self.key(rng, out, &after[..close]);
            rest = after.get(close + 1..).unwrap_or_default();
        }
        out.push_str(rest);
    }

    fn noun(&self) -> &'static Noun {
        &vocab().nouns[self.topic.noun]
    }

    fn action(&self) -> &'static Noun {
        &vocab().actions[self.topic.action]
    }

    /// "die Sanierung der Sporthalle" in `case`.
    fn acted(&self, out: &mut String, case: Case) {
        phrase(out, self.action(), case, None);
        out.push(' ');
        phrase(out, self.noun(), Case::Gen, None);
    }

    /// A noun phrase: the topic, what is done to it, a word of the vocabulary (often a compound
    /// of the topic), or one of administration. Returns its type.
    fn np(&self, rng: &mut Rng, out: &mut String, case: Case) -> u8 {
        let v = vocab();
        match rng.below(100) {
            0..=27 => {
                let adj = rng.chance(20).then(|| *rng.pick(ADJECTIVES));
                phrase(out, self.noun(), case, adj);
                self.noun().kind
            }
            28..=45 => {
                self.acted(out, case);
                b'P'
            }
            46..=71 => {
                let own = &v.compounds[self.topic.noun];
                let n = if rng.chance(45) && !own.is_empty() {
                    &v.nouns[*rng.pick(own) as usize]
                } else {
                    v.zipf(rng)
                };
                let adj = rng.chance(10).then(|| *rng.pick(ADJECTIVES));
                phrase(out, n, case, adj);
                n.kind
            }
            72..=91 => {
                let n = rng.pick(&v.admin);
                phrase(out, n, case, None);
                n.kind
            }
            _ => {
                let n = rng.pick(&v.admin);
                phrase(out, n, case, None);
                out.push_str(" für ");
                phrase(out, self.noun(), Case::Acc, None);
                n.kind
            }
        }
    }

    fn street(&self, rng: &mut Rng) -> &Street {
        if rng.chance(50) {
            &self.c.streets[self.topic.street % self.c.streets.len()]
        } else {
            rng.pick(&self.c.streets)
        }
    }

    /// A predicate for the last subject: subordinate ("… abgestimmt sei"), main ("sei …
    /// abgestimmt") or inverted with a new subject ("sei die Sporthalle … abgestimmt").
    fn predicate(&self, rng: &mut Rng, out: &mut String, form: &str) {
        if form == "inv" {
            let mut subject = String::new();
            let kind = self.np(rng, &mut subject, Case::Nom);
            self.subject.set(kind);
            let (finite, rest, _) = fitting(rng, PREDICATES, |p| p.2, kind);
            let (finite, particle) = finite.split_once('|').unwrap_or((finite, ""));
            out.push_str(finite);
            out.push(' ');
            out.push_str(&subject);
            out.push(' ');
            self.expand(rng, out, rest);
            if !particle.is_empty() {
                out.push(' ');
                out.push_str(particle);
            }
            return;
        }
        let (finite, rest, _) = fitting(rng, PREDICATES, |p| p.2, self.subject.get());
        let (finite, particle) = finite.split_once('|').unwrap_or((finite, ""));
        if form == "ps" {
            self.expand(rng, out, rest);
            out.push(' ');
            out.push_str(particle);
            out.push_str(finite);
        } else {
            out.push_str(finite);
            out.push(' ');
            self.expand(rng, out, rest);
            if !particle.is_empty() {
                out.push(' ');
                out.push_str(particle);
            }
        }
    }

    fn key(&self, rng: &mut Rng, out: &mut String, key: &str) {
        match key {
            "np" => {
                let kind = self.np(rng, out, Case::Nom);
                self.subject.set(kind);
            }
            "NP" => {
                let start = out.len();
                let kind = self.np(rng, out, Case::Nom);
                self.subject.set(kind);
                capitalize_from(out, start);
            }
            "ap" => {
                let kind = self.np(rng, out, Case::Acc);
                self.object.set(kind);
            }
            "tn" => phrase(out, self.noun(), Case::Nom, None),
            "ta" => phrase(out, self.noun(), Case::Acc, None),
            "td" => phrase(out, self.noun(), Case::Dat, None),
            "tg" => phrase(out, self.noun(), Case::Gen, None),
            "xa" => self.acted(out, Case::Acc),
            "xd" => self.acted(out, Case::Dat),
            "xg" => self.acted(out, Case::Gen),
            "ps" | "pm" | "inv" => self.predicate(rng, out, key),
            "qz" | "qb" => {
                let (bare, zu, _) = fitting(rng, INFINITIVES, |q| q.2, self.object.get());
                self.expand(rng, out, if key == "qz" { zu } else { bare });
            }
            "aa" => out.push_str(rng.word(VERDICTS)),
            "e" => euros(rng, out),
            "k" => out.push_str(rng.word(COUNT_WORDS)),
            "m" => out.push_str(rng.word(MONTHS)),
            "y" => out.push_str(&self.year.to_string()),
            "y1" => out.push_str(&(self.year + 1).to_string()),
            "y4" => out.push_str(&(self.year + 4).to_string()),
            "yp" => out.push_str(&(self.year - 1).to_string()),
            "d" => out.push_str(&rng.range(1, 12).to_string()),
            "z" => out.push_str(&rng.range(2, 460).to_string()),
            "si" | "sa" | "sd" => {
                let s = self.street(rng);
                let prep = match (key, s.g) {
                    ("si", G::F) => "in der ",
                    ("si", _) => "im ",
                    ("sa", G::F) => "aus der ",
                    ("sa", _) => "aus dem ",
                    (_, G::F) => "an der ",
                    _ => "am ",
                };
                out.push_str(prep);
                out.push_str(&s.name);
            }
            "cg" => out.push_str(if self.c.town {
                "der Stadt"
            } else {
                "der Gemeinde"
            }),
            "cn" => out.push_str(if self.c.town {
                "die Stadt"
            } else {
                "die Gemeinde"
            }),
            "Cn" => out.push_str(if self.c.town {
                "Die Stadt"
            } else {
                "Die Gemeinde"
            }),
            "fl" => out.push_str(self.fraktion.unwrap_or("Fraktion")),
            "vg" => {
                let v = vocab();
                phrase(out, &v.nouns[*rng.pick(&v.clubs)], Case::Gen, None);
            }
            other => out.push_str(other),
        }
    }

    /// A first sentence and `follow` more.
    fn text(&self, rng: &mut Rng, first: &str, follow: usize) -> String {
        let mut out = String::with_capacity(120 * (follow + 1));
        self.expand(rng, &mut out, first);
        for _ in 0..follow {
            out.push(' ');
            let t = *rng.pick(FOLLOW);
            self.expand(rng, &mut out, t);
        }
        out
    }
}

/// A topic for an agenda item of `body`: one of the things this council deals with (Zipf-drawn,
/// so some recur often), of one of `classes` where that is possible (any when empty).
fn topic(rng: &mut Rng, c: &Council, body: &Body, year: i32, classes: &[u8]) -> Topic {
    let v = vocab();
    let mut noun = body.topics[rng.zipf(body.topics.len())];
    for _ in 0..12 {
        if classes.is_empty() || classes.contains(&v.nouns[noun].class) {
            break;
        }
        noun = body.topics[rng.zipf(body.topics.len())];
    }
    let n = &v.nouns[noun];
    let action = v.action_for(rng, n.class);
    let mut t = Topic {
        noun,
        action,
        street: rng.below(c.streets.len()),
        title: String::new(),
        decision: match n.class {
            b'K' => rng.word(DECISIONS_K),
            b'V' => rng.word(DECISIONS_V),
            b'F' => rng.word(DECISIONS_F),
            b'P' => rng.word(DECISIONS_P),
            _ => rng.word(DECISIONS),
        },
    };
    let pen = Pen::new(c, year, &t, None);
    let mut title = String::new();
    match (n.class, n.title) {
        (_, Some(own)) => pen.expand(rng, &mut title, own),
        (b'P', None) => {
            let a = rng.pick(STREET_A);
            let flur = match rng.below(3) {
                0 => format!("Am {a}{}", rng.pick(FLUR)),
                1 => format!("{a}{}", rng.pick(FLUR)),
                _ => format!("Westlich der {a}straße"),
            };
            let number = rng.range(3, 48);
            if rng.chance(40) {
                title = format!(
                    "{}. Änderung des Bebauungsplans Nr. {number} „{flur}“",
                    rng.range(1, 6)
                );
            } else {
                title = format!("Bebauungsplan Nr. {number} „{flur}“");
            }
        }
        (b'V', None) => match rng.below(3) {
            0 => pen.expand(rng, &mut title, "Antrag {tg} auf einen Zuschuss"),
            1 => pen.expand(rng, &mut title, "Zuschuss für {ta}"),
            _ => pen.expand(rng, &mut title, "Förderung {tg}"),
        },
        (b'K', None) => {
            title.push_str(&v.actions[action].nom);
            title.push_str(if n.g == G::F {
                " einer neuen "
            } else {
                " eines neuen "
            });
            title.push_str(if n.g == G::F { &n.nom } else { &n.genitive });
        }
        (class, None) => {
            title.push_str(&v.actions[action].nom);
            title.push(' ');
            phrase(&mut title, n, Case::Gen, None);
            if matches!(class, b'R' | b'T') && rng.chance(50) {
                title.push(' ');
                pen.key(rng, &mut title, "si");
            } else if class == b'H' && rng.chance(15) {
                title.push_str(if rng.chance(50) { " Nord" } else { " Süd" });
            }
        }
    }
    t.title = title;
    t
}

// ---------------------------------------------------------------------------------------------
// One session
// ---------------------------------------------------------------------------------------------

struct Spec {
    council: usize,
    body: usize,
    date: NaiveDate,
    previous: NaiveDate,
    number: Option<String>,
    items: usize,
    /// Exactly this many paragraphs, or as many as the body usually has.
    paragraphs: Option<usize>,
    seed: u64,
    /// Every item gets an outcome, the formal ones "erledigt".
    decide_all: bool,
    word: bool,
    phrase: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Opening,
    Agenda,
    Minutes,
    Residents,
    News,
    Resolution,
    Amended,
    Info,
    Motion,
    Deferred,
    Referred,
    Withdrawn,
    Parent,
    Misc,
    Closed,
    Restore,
}

struct Plan {
    number: String,
    kind: Kind,
    topic: Topic,
    /// Closed itself (`closed: true`) and closed by itself or its parent.
    closed: bool,
    in_closed: bool,
    reason: &'static str,
    closed_decision: &'static str,
    /// Motion of a Fraktion: its index.
    fraktion: Option<usize>,
    paras: usize,
    start: u32,
    end: u32,
}

/// One roll of the agenda: a kind, its level (0 item, 1 sub-item), closed or not.
struct Entry {
    kind: Kind,
    sub: bool,
    closed: bool,
}

fn skeleton(rng: &mut Rng, n: usize, kind: BodyKind) -> Vec<Entry> {
    let e = |kind, sub, closed| Entry { kind, sub, closed };
    let mut open = Vec::new();
    if n >= 8 {
        open.extend([Kind::Opening, Kind::Agenda, Kind::Minutes]);
        if kind == BodyKind::Vertretung && rng.chance(90) || rng.chance(30) {
            open.push(Kind::Residents);
        }
        open.push(Kind::News);
    } else {
        open.extend(
            [Kind::Opening, Kind::Agenda, Kind::Minutes]
                .into_iter()
                .take(n / 3),
        );
    }
    let mut closed: Vec<Entry> = Vec::new();
    if n >= 8 && rng.chance(85) {
        let units = match rng.below(100) {
            0..=49 => 1,
            50..=84 => 2,
            _ => 3,
        };
        let limit = n / 4;
        for _ in 0..units {
            if closed.len() + 3 <= limit && rng.chance(20) {
                closed.push(e(Kind::Parent, false, true));
                for _ in 0..2 {
                    closed.push(e(Kind::Closed, true, false));
                }
            } else if closed.len() < limit {
                closed.push(e(Kind::Closed, false, true));
            }
        }
    }
    let misc = usize::from(n >= 7);
    let restore = usize::from(!closed.is_empty() && n >= 12 && rng.chance(20));
    let mut rest = n.saturating_sub(open.len() + closed.len() + misc + restore);
    let mut out: Vec<Entry> = open.into_iter().map(|k| e(k, false, false)).collect();
    while rest > 0 {
        if rest >= 3 && rng.chance(18) {
            let subs = rng.range(2, 3).min(rest - 1);
            out.push(e(Kind::Parent, false, false));
            for _ in 0..subs {
                out.push(e(topic_kind(rng, true), true, false));
            }
            rest -= subs + 1;
        } else {
            out.push(e(topic_kind(rng, false), false, false));
            rest -= 1;
        }
    }
    if misc == 1 {
        out.push(e(Kind::Misc, false, false));
    }
    out.extend(closed);
    if restore == 1 {
        out.push(e(Kind::Restore, false, false));
    }
    out
}

fn topic_kind(rng: &mut Rng, sub: bool) -> Kind {
    match rng.below(100) {
        0..=49 => Kind::Resolution,
        50..=59 => Kind::Amended,
        60..=76 => Kind::Info,
        77..=88 if !sub => Kind::Motion,
        77..=88 => Kind::Resolution,
        89..=92 => Kind::Deferred,
        93..=96 => Kind::Referred,
        97..=98 if !sub => Kind::Withdrawn,
        _ => Kind::Resolution,
    }
}

/// How many paragraphs an item of this kind usually has.
fn desired(rng: &mut Rng, kind: Kind, talk: usize) -> usize {
    let scaled = |rng: &mut Rng, lo: usize, hi: usize| (rng.range(lo, hi) * talk).div_ceil(100);
    match kind {
        Kind::Opening => rng.range(1, 3),
        Kind::Agenda => rng.range(1, 2),
        Kind::Minutes => rng.range(1, 2),
        Kind::Residents => {
            if rng.chance(25) {
                1
            } else {
                2 * rng.range(1, 3)
            }
        }
        Kind::News => scaled(rng, 2, 6),
        Kind::Resolution => {
            // Most items are short, some are debated at length.
            let long = rng.chance(15);
            if long {
                scaled(rng, 8, 18)
            } else {
                scaled(rng, 1, 7)
            }
        }
        Kind::Amended => scaled(rng, 6, 14),
        Kind::Info => scaled(rng, 2, 8),
        Kind::Motion => scaled(rng, 3, 10),
        Kind::Deferred | Kind::Referred => rng.range(2, 4),
        Kind::Withdrawn => rng.range(1, 3),
        Kind::Parent => rng.range(0, 2),
        Kind::Misc => scaled(rng, 1, 7),
        Kind::Closed => rng.range(1, 5),
        Kind::Restore => rng.range(1, 2),
    }
}

/// Distributes exactly `total` over items in proportion to `weights`.
fn allocate(weights: &[usize], total: usize) -> Vec<usize> {
    if weights.is_empty() {
        return Vec::new();
    }
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let even = weights.iter().all(|&w| w == 0);
    let mut out: Vec<usize> = weights
        .iter()
        .map(|&w| if even { 0 } else { w * total / sum })
        .collect();
    let mut left = total - out.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weights[i]));
    let mut i = 0;
    while left > 0 {
        out[order[i % order.len()]] += 1;
        left -= 1;
        i += 1;
    }
    out
}

fn minutes(t: u32) -> Option<Time> {
    Time::hm((t / 60).min(23), if t / 60 > 23 { 59 } else { t % 60 })
}

/// "Herr Ahrens", "Frau Dr. Berger": how the protocol names a person in its own text.
fn named(p: &Person) -> String {
    let salutation = match p.salutation {
        Salutation::Frau => "Frau ",
        Salutation::Herr => "Herr ",
        Salutation::Keine => "",
    };
    match &p.title {
        Some(t) => format!("{salutation}{t} {}", p.family_name),
        None => format!("{salutation}{}", p.family_name),
    }
}

fn named_dative(p: &Person) -> String {
    let n = named(p);
    match n.strip_prefix("Herr ") {
        Some(rest) => format!("Herrn {rest}"),
        None => n,
    }
}

struct Gen<'a> {
    rng: Rng,
    c: &'static Council,
    body: &'static Body,
    spec: &'a Spec,
    year: i32,
    s: Session,
    /// Per session person: index in `Council::persons`.
    origin: Vec<usize>,
    chair: usize,
    mayor: Option<usize>,
    expert: Option<usize>,
    guests: Vec<usize>,
    vorlage: usize,
    /// Numbers of the items closed themselves, for the item that excludes the public.
    closed: Vec<String>,
}

fn build(spec: &Spec) -> Session {
    let c = &councils()[spec.council];
    let body = &c.bodies[spec.body];
    let mut rng = Rng::new(spec.seed, 0x5E55_1011);
    let mut s = Session::new(&body.name, spec.date);
    s.number = spec.number.clone();
    s.place = Some(c.place.clone());
    s.legal_members = Some(body.seats.len() as u32);
    let mut g = Gen {
        vorlage: rng.range(1, 180),
        rng,
        c,
        body,
        spec,
        year: spec.date.year(),
        s,
        origin: Vec::new(),
        chair: 0,
        mayor: None,
        expert: None,
        guests: Vec::new(),
        closed: Vec::new(),
    };
    g.roster();
    let plans = g.plan();
    g.write(&plans);
    g.s
}

/// "14", "14 und 15", "14, 15 und 16".
fn list_de(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} und {last}", init.join(", ")),
    }
}

impl Gen<'_> {
    fn add(&mut self, person: usize) -> usize {
        self.s.persons.push(self.c.persons[person].clone());
        self.origin.push(person);
        self.s.persons.len() - 1
    }

    fn fraktion(&self, i: usize) -> Option<usize> {
        self.c.fraktion_of[self.origin[i]]
    }

    fn female(&self, i: usize) -> bool {
        self.c.female[self.origin[i]]
    }

    fn id(&self, i: usize) -> String {
        self.s.persons[i].id.clone()
    }

    /// Who is there: the members (some excused, some with a deputy), advisory members of
    /// Fraktionen without a seat, the administration.
    fn roster(&mut self) {
        let c = self.c;
        let body = self.body;
        let committee = body.kind != BodyKind::Vertretung;
        let mut seats = body.seats.clone();
        seats.retain(|&p| p != body.chair);
        seats.sort_by_key(|&p| (c.fraktion_of[p], c.persons[p].family_name.clone()));
        self.chair = self.add(body.chair);
        let role = match (committee, self.female(self.chair)) {
            (true, true) => "Die Vorsitzende",
            (true, false) => "Der Vorsitzende",
            (false, true) => "Die Bürgervorsteherin",
            (false, false) => "Der Bürgervorsteher",
        };
        self.s.persons[self.chair].role = Some(role.into());
        for &p in &seats {
            self.add(p);
        }
        // Excused members: never so many that a Befangenheit, a late arrival and an early
        // departure together would break the quorum.
        let legal = body.seats.len();
        let slack = legal - (legal / 2 + 1);
        let most = slack.saturating_sub(2).min(if committee { 2 } else { 3 });
        let excused = match self.rng.below(100) {
            0..=44 => 0,
            45..=79 => 1,
            _ => 2,
        }
        .min(most);
        let mut taken: Vec<usize> = Vec::new();
        for _ in 0..excused {
            let i = 1 + self.rng.below(seats.len());
            if taken.contains(&i) {
                continue;
            }
            taken.push(i);
            self.s.persons[i].presence = if self.rng.chance(85) {
                Presence::Entschuldigt
            } else {
                Presence::Fehlend
            };
            if committee && self.rng.chance(70) {
                let f = self.fraktion(i);
                let candidates: Vec<usize> = c
                    .members
                    .iter()
                    .copied()
                    .filter(|&m| c.fraktion_of[m] == f && !body.seats.contains(&m))
                    .filter(|&m| !self.origin.contains(&m))
                    .collect();
                if !candidates.is_empty() {
                    let d = candidates[self.rng.below(candidates.len())];
                    let id = self.id(i);
                    let j = self.add(d);
                    self.s.persons[j].deputy_for = Some(id);
                }
            }
        }
        if committee {
            // Fraktionen without a seat send an advisory member.
            for f in 0..c.fraktionen.len() {
                if body.seats.iter().any(|&m| c.fraktion_of[m] == Some(f)) {
                    continue;
                }
                let advisory = c
                    .members
                    .iter()
                    .copied()
                    .find(|&m| c.fraktion_of[m] == Some(f) && !self.origin.contains(&m));
                if let Some(m) = advisory {
                    let j = self.add(m);
                    self.s.persons[j].kind = PersonKind::Beratend;
                }
            }
        }
        let mayor_comes =
            matches!(body.kind, BodyKind::Vertretung | BodyKind::Haupt) || self.rng.chance(85);
        if mayor_comes {
            self.mayor = Some(self.add(c.mayor));
        }
        self.expert = match body.kind {
            BodyKind::Bau | BodyKind::Umwelt => Some(self.add(c.builder)),
            BodyKind::Finanz => c.treasurer.map(|t| self.add(t)),
            _ if self.rng.chance(40) => Some(self.add(c.builder)),
            _ => None,
        };
        if self.mayor.is_none() && self.expert.is_none() {
            self.expert = Some(self.add(c.builder));
        }
        let clerk = self.add(c.clerk);
        self.s.chair = Some(self.id(self.chair));
        self.s.minute_taker = Some(self.id(clerk));
    }

    /// The agenda with its kinds, topics, paragraph counts and times.
    fn plan(&mut self) -> Vec<Plan> {
        let entries = skeleton(&mut self.rng, self.spec.items, self.body.kind);
        // Some sessions are short, some long, beyond what the body usually has.
        let mood = match self.rng.below(100) {
            0..=14 => 55,
            15..=89 => 100,
            _ => 170,
        };
        let talk = self.body.kind.talk() * mood / 100;
        let weights: Vec<usize> = entries
            .iter()
            .map(|e| desired(&mut self.rng, e.kind, talk))
            .collect();
        let counts = match self.spec.paragraphs {
            Some(total) => allocate(&weights, total),
            None => weights,
        };
        let mut plans: Vec<Plan> = Vec::with_capacity(entries.len());
        let (mut top, mut sub) = (0usize, 0usize);
        let mut parent: Option<(Topic, bool)> = None;
        let mut used: Vec<usize> = Vec::new();
        for (e, paras) in entries.iter().zip(counts) {
            let number = if e.sub {
                sub += 1;
                format!("{top}.{sub}")
            } else {
                top += 1;
                sub = 0;
                top.to_string()
            };
            let inherited = parent.as_ref().filter(|_| e.sub);
            let in_closed = e.closed || inherited.is_some_and(|(_, closed)| *closed);
            let mut topic = match inherited {
                Some((t, _)) => t.clone(),
                None => {
                    // Matters in steps (sub-items) and closed matters are about things and plans.
                    let classes: &[u8] = match e.kind {
                        _ if in_closed => b"HRWU",
                        Kind::Parent => b"HRWUPF",
                        Kind::Motion | Kind::Withdrawn => b"HRWTUKVO",
                        _ => b"",
                    };
                    // One item per matter in a session; matters recur from session to session.
                    let mut t = topic(&mut self.rng, self.c, self.body, self.year, classes);
                    for _ in 0..8 {
                        if !used.contains(&t.noun) {
                            break;
                        }
                        t = topic(&mut self.rng, self.c, self.body, self.year, classes);
                    }
                    used.push(t.noun);
                    t
                }
            };
            let (mut reason, mut closed_decision) = ("", "");
            if in_closed {
                let (r, title, decision) = *self.rng.pick(CLOSED);
                (reason, closed_decision) = (r, decision);
                let mut t = String::new();
                if e.kind == Kind::Parent {
                    t.push_str(match r {
                        "Grundstücksangelegenheit" => "Grundstücksangelegenheiten",
                        "Personalangelegenheit" => "Personalangelegenheiten",
                        _ => "Vergabe- und Vertragsangelegenheiten",
                    });
                } else {
                    let pen = Pen::new(self.c, self.year, &topic, None);
                    pen.expand(&mut self.rng, &mut t, title);
                }
                topic.title = t;
            }
            if !e.sub {
                parent = Some((topic.clone(), e.closed));
            }
            if e.closed {
                self.closed.push(number.clone());
            }
            let fraktion = matches!(e.kind, Kind::Motion | Kind::Withdrawn)
                .then(|| self.rng.below(self.c.fraktionen.len()));
            plans.push(Plan {
                number,
                kind: e.kind,
                topic,
                closed: e.closed,
                in_closed,
                reason,
                closed_decision,
                fraktion,
                paras,
                start: 0,
                end: 0,
            });
        }
        self.times(&mut plans);
        plans
    }

    /// Start and end of every item, from the length of its debate; squeezed to end before midnight.
    fn times(&mut self, plans: &mut [Plan]) {
        let start: u32 = match self.body.kind {
            BodyKind::Vertretung => *self.rng.pick(&[1140, 1140, 1170, 1110]),
            _ if self.c.town => *self.rng.pick(&[1020, 1050, 1080]),
            _ => *self.rng.pick(&[1080, 1110, 1140, 1170]),
        };
        // Half-minutes per paragraph: quick for formalities, longer for debates.
        let pace = self.rng.range(2, 4) as u32;
        let durations: Vec<u32> = plans
            .iter()
            .map(|p| {
                let per = match p.kind {
                    Kind::Opening | Kind::Agenda | Kind::Minutes | Kind::Restore => 2,
                    Kind::Parent | Kind::Residents | Kind::News | Kind::Misc => 3,
                    _ => pace,
                };
                (2 + per * p.paras as u32 + self.rng.below(3) as u32) / 2
            })
            .collect();
        let total: u64 = durations.iter().map(|&d| u64::from(d)).sum();
        // A session ends before midnight and rarely lasts more than four and a half hours.
        let longest = 240 + self.rng.below(60) as u32;
        let available = u64::from((23 * 60 + 40 - start).min(longest));
        let mut t = start;
        let mut used = 0u64;
        for (p, d) in plans.iter_mut().zip(durations) {
            p.start = t;
            used += u64::from(d);
            let end = if total > available {
                start + (used * available / total) as u32
            } else {
                start + used as u32
            };
            p.end = end.max(t);
            t = p.end;
        }
        self.s.start = minutes(start);
        self.s.end = minutes(t + self.rng.range(0, 3) as u32);
    }

    /// Late arrivals, early departures and guests: the comings and goings, with the paragraphs
    /// the protocol writes for them at the start of the item where they happen.
    fn events(&mut self, plans: &[Plan]) -> Vec<Vec<Paragraph>> {
        let mut at_start: Vec<Vec<Paragraph>> = vec![Vec::new(); plans.len()];
        if plans.len() < 6 {
            return at_start;
        }
        let legal = self.body.seats.len();
        let slack = legal - (legal / 2 + 1);
        let excused = self
            .s
            .persons
            .iter()
            .filter(|p| p.kind == PersonKind::Mitglied && p.presence != Presence::Anwesend)
            .count();
        let deputies = self
            .s
            .persons
            .iter()
            .filter(|p| p.deputy_for.is_some())
            .count();
        // One member may be befangen at any time; the rest of the slack is for coming and going.
        let mut budget = slack.saturating_sub(excused.saturating_sub(deputies) + 1);
        let public: Vec<usize> = (0..plans.len()).filter(|&i| !plans[i].in_closed).collect();
        let voters: Vec<usize> = (0..self.s.persons.len())
            .filter(|&i| {
                let p = &self.s.persons[i];
                i != self.chair
                    && p.kind == PersonKind::Mitglied
                    && p.presence == Presence::Anwesend
                    && p.deputy_for.is_none()
            })
            .collect();
        if voters.is_empty() {
            return at_start;
        }
        let mut late = None;
        if budget > 0 && public.len() > 4 && self.rng.chance(30) {
            let who = voters[self.rng.below(voters.len())];
            let item = public[self.rng.range(2, (public.len() / 2).max(2))];
            let p = &mut self.s.persons[who];
            p.arrived = minutes(plans[item].start);
            let text = format!(
                "{} nimmt ab TOP {} an der Sitzung teil.",
                named(p),
                plans[item].number
            );
            at_start[item].push(Paragraph {
                at: minutes(plans[item].start),
                ..Paragraph::plain(&text)
            });
            late = Some(who);
            budget -= 1;
        }
        if budget > 0 && self.rng.chance(25) {
            let who = voters[self.rng.below(voters.len())];
            let item = self.rng.range(plans.len() * 2 / 3, plans.len() - 1);
            if late != Some(who) {
                let at = minutes(plans[item].start);
                let p = &mut self.s.persons[who];
                p.left = at;
                let when = at.map_or_else(String::new, |t| t.hhmm());
                let text = format!("{} verlässt um {when} Uhr die Sitzung.", named(p));
                at_start[item].push(Paragraph {
                    at,
                    ..Paragraph::plain(&text)
                });
            }
        }
        // A guest for one public topic, another for the closed part only.
        let topics: Vec<usize> = public
            .iter()
            .copied()
            .filter(|&i| matches!(plans[i].kind, Kind::Resolution | Kind::Amended | Kind::Info))
            .collect();
        if !topics.is_empty() && !self.c.public_guests.is_empty() && self.rng.chance(35) {
            let item = topics[self.rng.below(topics.len())];
            let guest = *self.rng.pick(&self.c.public_guests);
            let j = self.add(guest);
            let p = &mut self.s.persons[j];
            p.arrived = minutes(plans[item].start);
            p.left = minutes(plans[item].end.max(plans[item].start + 1));
            self.guests.push(j);
        }
        let closed: Vec<usize> = (0..plans.len()).filter(|&i| plans[i].in_closed).collect();
        if let (Some(&first), Some(&last)) = (closed.first(), closed.last())
            && !self.c.closed_guests.is_empty()
            && self.rng.chance(30)
        {
            let guest = *self.rng.pick(&self.c.closed_guests);
            let j = self.add(guest);
            let p = &mut self.s.persons[j];
            p.arrived = minutes(plans[first].start);
            p.left = minutes(plans[last].end.max(plans[first].start + 1));
            self.guests.push(j);
        }
        at_start
    }

    /// A member who may speak at `t` on an item where `befangen` are excluded.
    fn member_at(&mut self, t: u32, befangen: &[String]) -> Option<usize> {
        let at = minutes(t);
        let ok = |s: &Session, i: usize| {
            let p = &s.persons[i];
            matches!(p.kind, PersonKind::Mitglied | PersonKind::Beratend)
                && p.present_at(at)
                && !befangen.contains(&p.id)
        };
        let n = self.s.persons.len();
        for _ in 0..12 {
            let i = self.rng.below(n);
            if ok(&self.s, i) && (i != self.chair || self.rng.chance(15)) {
                return Some(i);
            }
        }
        (0..n).find(|&i| ok(&self.s, i))
    }

    /// Whoever speaks for the administration at `t`, or the guest there for the item.
    fn staff_at(&mut self, t: u32) -> usize {
        let at = minutes(t);
        let guest = self
            .guests
            .iter()
            .copied()
            .find(|&g| self.s.persons[g].present_at(at));
        match (guest, self.expert, self.mayor) {
            (Some(g), _, _) if self.rng.chance(60) => g,
            (_, Some(e), Some(m)) => {
                if self.rng.chance(55) {
                    e
                } else {
                    m
                }
            }
            (_, Some(e), None) => e,
            (_, None, Some(m)) => m,
            _ => self.chair,
        }
    }

    /// How many sentences follow the first of a paragraph.
    fn follows(&mut self) -> usize {
        match self.rng.below(100) {
            0..=39 => 0,
            40..=74 => 1,
            75..=92 => 2,
            _ => 3,
        }
    }

    fn pen<'b>(&'b self, topic: &'b Topic, speaker: Option<usize>) -> Pen<'b> {
        let fraktion = speaker
            .and_then(|i| self.fraktion(i))
            .map(|f| self.c.fraktionen[f].label.as_str());
        Pen::new(self.c, self.year, topic, fraktion)
    }

    /// A paragraph from a template and `follow` more sentences.
    fn say(
        &mut self,
        topic: &Topic,
        speaker: Option<usize>,
        at: u32,
        first: &str,
        follow: usize,
    ) -> Paragraph {
        let mut rng = self.rng.clone();
        let text = self.pen(topic, speaker).text(&mut rng, first, follow);
        self.rng = rng;
        Paragraph {
            speaker: speaker.map(|i| self.id(i)),
            asked_by: Vec::new(),
            at: minutes(at),
            text,
            as_written: false,
        }
    }

    fn expand(&mut self, topic: &Topic, template: &str) -> String {
        let mut rng = self.rng.clone();
        let mut out = String::new();
        self.pen(topic, None).expand(&mut rng, &mut out, template);
        self.rng = rng;
        out
    }

    /// A member's contribution to the debate.
    fn statement(&mut self, topic: &Topic, who: usize, at: u32) -> Paragraph {
        let follow = self.follows();
        let r = self.rng.below(100);
        if r < 30 {
            let verb = *self.rng.pick(EXPLAIN_VERBS);
            let first = format!("{verb}, dass {{np}} {{ps}}.");
            self.say(topic, Some(who), at, &first, follow)
        } else if r < 38 && self.fraktion(who).is_some() {
            let t = *self.rng.pick(FRAKTION);
            self.say(topic, Some(who), at, t, follow)
        } else {
            let t = *self.rng.pick(MEMBER);
            self.say(topic, Some(who), at, t, follow)
        }
    }

    /// Paragraphs of debate at `times`: statements, questions and answers.
    fn debate(
        &mut self,
        topic: &Topic,
        befangen: &[String],
        times: &[u32],
        out: &mut Vec<Paragraph>,
    ) {
        let mut i = 0;
        while i < times.len() {
            let t = times[i];
            let r = self.rng.below(100);
            match self.member_at(t, befangen) {
                Some(m) if r < 35 && i + 1 < times.len() => {
                    let follow = self.follows().min(1);
                    let q = *self.rng.pick(&MEMBER[..11]);
                    let question = self.say(topic, Some(m), t, q, follow);
                    out.push(question);
                    let answer = self.answer(topic, times[i + 1], &[m], befangen);
                    out.push(answer);
                    i += 2;
                    continue;
                }
                Some(m) if r < 45 => {
                    let answer = self.answer(topic, t, &[m], befangen);
                    out.push(answer);
                }
                Some(_) if r < 52 => {
                    let who = self.staff_at(t);
                    let verb = *self.rng.pick(EXPLAIN_VERBS);
                    let first = format!("{verb}, dass {{np}} {{ps}}.");
                    let follow = self.follows();
                    let p = self.say(topic, Some(who), t, &first, follow);
                    out.push(p);
                }
                Some(m) if r >= 55 => {
                    let p = self.statement(topic, m, t);
                    out.push(p);
                }
                _ => {
                    let tpl = *self.rng.pick(PLAIN);
                    let p = self.say(topic, None, t, tpl, 0);
                    out.push(p);
                }
            }
            i += 1;
        }
    }

    /// The administration answers `asked` ("erklärt auf Nachfrage von Frau X, dass …").
    fn answer(
        &mut self,
        topic: &Topic,
        at: u32,
        asked: &[usize],
        befangen: &[String],
    ) -> Paragraph {
        let who = self.staff_at(at);
        let follow = self.follows();
        let t = *self.rng.pick(ANSWER);
        let mut p = self.say(topic, Some(who), at, t, follow);
        p.asked_by = asked.iter().map(|&a| self.id(a)).collect();
        if self.rng.chance(10)
            && let Some(other) = self.member_at(at, befangen)
            && !asked.contains(&other)
            && other != who
        {
            p.asked_by.push(self.id(other));
        }
        p
    }

    /// The Beschlussvorschlag: the body decides, or recommends to the council.
    fn proposal(&mut self, topic: &Topic, decision: &str, own: bool) -> String {
        let mut out = self.body.short.clone();
        if self.body.kind == BodyKind::Vertretung || own || self.rng.chance(40) {
            out.push_str(" beschließt, ");
        } else {
            out.push_str(" empfiehlt ");
            out.push_str(self.c.vertretung_dative());
            out.push_str(", ");
        }
        let decision = self.expand(topic, decision);
        out.push_str(&decision);
        out.push('.');
        out
    }

    fn vorlage(&mut self, title: &str, motion: bool) -> Vorlage {
        self.vorlage += 1;
        let prefix = if motion { "AN" } else { self.c.prefix };
        let mut attachments: Vec<String> = Vec::new();
        for _ in 0..self.rng.below(4) {
            let a = self.rng.pick(ATTACHMENTS).to_string();
            if !attachments.contains(&a) {
                attachments.push(a);
            }
        }
        Vorlage {
            number: format!("{prefix}/{}/{:03}", self.year, self.vorlage),
            title: title.to_string(),
            kind: Some(if motion { "Antrag" } else { "Beschlussvorlage" }.to_string()),
            attachments,
        }
    }

    /// A vote of all those entitled at `at`: unanimous, passed by a majority, or rejected.
    fn vote(&mut self, item: &AgendaItem, at: u32, want: Want) -> Option<Vote> {
        let entitled = self.s.entitled(Some(item), minutes(at));
        if entitled == 0 {
            return None;
        }
        let want = if entitled < 3 && want == Want::Majority {
            Want::Unanimous
        } else {
            want
        };
        let (yes, no, abstain) = match want {
            Want::Unanimous => {
                let abstain = if entitled > 2 && self.rng.chance(20) {
                    self.rng.range(1, 2) as u32
                } else {
                    0
                };
                (entitled - abstain, 0, abstain)
            }
            Want::Majority => {
                let abstain = if self.rng.chance(40) {
                    (self.rng.range(1, 2) as u32).min(entitled - 2)
                } else {
                    0
                };
                let rest = entitled - abstain;
                // More yes than no: no < rest / 2.
                let most = ((rest - 1) / 2).min((rest / 3).max(1));
                let no = if most == 0 {
                    0
                } else {
                    self.rng.range(1, most as usize) as u32
                };
                (rest - no, no, abstain)
            }
            Want::Rejected => {
                let abstain = u32::from(entitled > 2 && self.rng.chance(30));
                let rest = entitled - abstain;
                let yes = self.rng.below(rest.div_ceil(2) as usize) as u32;
                (yes, rest - yes, abstain)
            }
        };
        Some(Vote {
            yes,
            no,
            abstain,
            at: minutes(at),
        })
    }

    fn write(&mut self, plans: &[Plan]) {
        let mut at_start = self.events(plans);
        // Befangenheit: now and then one member for one topic.
        let mut befangen_at: Option<usize> = None;
        if plans.len() >= 6 && self.rng.chance(25) {
            let candidates: Vec<usize> = (0..plans.len())
                .filter(|&i| matches!(plans[i].kind, Kind::Resolution | Kind::Amended))
                .collect();
            if !candidates.is_empty() {
                befangen_at = Some(candidates[self.rng.below(candidates.len())]);
            }
        }
        let mut agenda = Vec::with_capacity(plans.len());
        for (i, plan) in plans.iter().enumerate() {
            let mut item = AgendaItem::new(&plan.number, "");
            item.closed = plan.closed;
            if plan.closed {
                item.closed_reason = Some(plan.reason.to_string());
            }
            item.started = minutes(plan.start);
            item.ended = minutes(plan.end);
            let mut paras: Vec<Paragraph> = std::mem::take(&mut at_start[i]);
            paras.truncate(plan.paras);
            // The protocol names the befangen member itself ("… erklärt sich für befangen …").
            if befangen_at == Some(i)
                && let Some(m) = self.member_at(plan.start, &[])
                && m != self.chair
                && self.s.persons[m].kind == PersonKind::Mitglied
            {
                item.befangen.push(self.id(m));
            }
            let left = plan.paras - paras.len();
            let span = plan.end.saturating_sub(plan.start);
            let vote_at = if span > 0 { plan.end - 1 } else { plan.end };
            let times: Vec<u32> = (0..left as u32)
                .map(|k| plan.start + k * span.saturating_sub(1) / (left as u32).max(1))
                .collect();
            self.content(plan, &mut item, &times, &mut paras, vote_at);
            item.minutes = paras;
            agenda.push(item);
        }
        if self.spec.word || self.spec.phrase {
            self.plant(plans, &mut agenda);
        }
        self.s.agenda = agenda;
    }

    /// Puts the benchmark word or phrase into a public paragraph, said by someone.
    fn plant(&mut self, plans: &[Plan], agenda: &mut [AgendaItem]) {
        let spoken: Vec<(usize, usize)> = (0..plans.len())
            .filter(|&i| !plans[i].in_closed)
            .flat_map(|i| {
                agenda[i]
                    .minutes
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.speaker.is_some())
                    .map(move |(k, _)| (i, k))
            })
            .collect();
        let mut sentences = Vec::new();
        if self.spec.word {
            sentences.push(format!(
                "Auch die {WORD} müsse in diesem Zusammenhang betrachtet werden."
            ));
        }
        if self.spec.phrase {
            sentences.push(format!("Der {PHRASE} decke nur einen Teil der Kosten."));
        }
        for sentence in sentences {
            if spoken.is_empty() {
                let public = (0..plans.len()).find(|&i| !plans[i].in_closed).unwrap_or(0);
                if let Some(item) = agenda.get_mut(public) {
                    item.minutes.push(Paragraph::plain(&sentence));
                }
            } else {
                let (i, k) = spoken[self.rng.below(spoken.len())];
                let text = &mut agenda[i].minutes[k].text;
                text.push(' ');
                text.push_str(&sentence);
            }
        }
    }

    fn plain(at: u32, text: &str) -> Paragraph {
        Paragraph {
            at: minutes(at),
            ..Paragraph::plain(text)
        }
    }

    fn by(&self, who: usize, at: u32, text: &str) -> Paragraph {
        Paragraph {
            at: minutes(at),
            ..Paragraph::by(&self.s.persons[who].id, text)
        }
    }

    /// The title, paper, minutes, motions and outcome of one item; `times` for its paragraphs.
    fn content(
        &mut self,
        plan: &Plan,
        item: &mut AgendaItem,
        times: &[u32],
        out: &mut Vec<Paragraph>,
        vote_at: u32,
    ) {
        let decide_all = self.spec.decide_all;
        let chair = self.chair;
        let n = times.len();
        let befangen = item.befangen.clone();
        let topic = &plan.topic;
        match plan.kind {
            Kind::Opening => {
                item.title = "Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Ladung und der Beschlussfähigkeit".into();
                if n >= 1 {
                    let start = minutes(plan.start).map_or_else(String::new, |t| t.hhmm());
                    let text = format!(
                        "eröffnet die Sitzung um {start} Uhr und begrüßt die Mitglieder, die Vertreter der Verwaltung sowie die Zuhörerinnen und Zuhörer."
                    );
                    out.push(self.by(chair, times[0], &text));
                }
                if n >= 2 {
                    let present = self.s.entitled(None, minutes(plan.start));
                    let who = match (self.body.kind, self.c.town) {
                        (BodyKind::Vertretung, true) => "die Stadtvertretung",
                        (BodyKind::Vertretung, false) => "die Gemeindevertretung",
                        _ => "der Ausschuss",
                    };
                    let mut text = format!(
                        "stellt fest, dass form- und fristgerecht geladen worden sei und {who} mit {present} von {} Mitgliedern beschlussfähig sei.",
                        self.body.seats.len()
                    );
                    for p in &self.s.persons {
                        if let Some(m) = p.deputy_for.as_deref().and_then(|m| self.s.person(m)) {
                            text.push_str(&format!(
                                " {} nehme in Vertretung für {} an der Sitzung teil.",
                                named(p),
                                named_dative(m)
                            ));
                        }
                    }
                    out.push(self.by(chair, times[1], &text));
                }
                self.debate(topic, &befangen, &times[n.min(2)..], out);
                if decide_all {
                    item.outcome = Some(Outcome::Erledigt);
                }
            }
            Kind::Agenda => {
                let closed = list_de(&self.closed);
                let mut proposal =
                    String::from("Die Tagesordnung wird in der vorliegenden Fassung festgestellt.");
                let said;
                match self.closed.len() {
                    0 => {
                        item.title = "Feststellung der Tagesordnung".into();
                        said = None;
                    }
                    1 => {
                        item.title = format!(
                            "Feststellung der Tagesordnung und Beschluss über den Ausschluss der Öffentlichkeit für TOP {closed}"
                        );
                        proposal.push_str(&format!(" Der Tagesordnungspunkt {closed} wird wegen berechtigter Interessen Einzelner in nichtöffentlicher Sitzung beraten."));
                        said = Some(format!(
                            "schlägt vor, den Tagesordnungspunkt {closed} wegen berechtigter Interessen Einzelner nichtöffentlich zu beraten."
                        ));
                    }
                    _ => {
                        item.title = format!(
                            "Feststellung der Tagesordnung und Beschluss über den Ausschluss der Öffentlichkeit für die TOP {closed}"
                        );
                        proposal.push_str(&format!(" Die Tagesordnungspunkte {closed} werden wegen berechtigter Interessen Einzelner in nichtöffentlicher Sitzung beraten."));
                        said = Some(format!(
                            "schlägt vor, die Tagesordnungspunkte {closed} wegen berechtigter Interessen Einzelner nichtöffentlich zu beraten."
                        ));
                    }
                }
                item.proposal = Some(proposal);
                let mut k = 0;
                if let Some(text) = &said
                    && k < n
                {
                    out.push(self.by(chair, times[k], text));
                    k += 1;
                }
                if k < n {
                    out.push(Self::plain(
                        times[k],
                        "Änderungswünsche zur Tagesordnung werden nicht vorgebracht.",
                    ));
                    k += 1;
                }
                self.debate(topic, &befangen, &times[k..], out);
                let majority = if said.is_some() {
                    Majority::ZweiDrittel
                } else {
                    Majority::Einfach
                };
                self.decide(
                    item,
                    vote_at,
                    Want::Unanimous,
                    majority,
                    Outcome::Beschlossen,
                );
            }
            Kind::Minutes => {
                let prev = self.spec.previous.format("%d.%m.%Y").to_string();
                item.title = format!("Genehmigung der Niederschrift über die Sitzung vom {prev}");
                item.proposal = Some(format!(
                    "Die Niederschrift über die Sitzung vom {prev} wird genehmigt."
                ));
                if n >= 1 {
                    out.push(Self::plain(
                        times[0],
                        "Einwendungen gegen die Niederschrift werden nicht erhoben.",
                    ));
                }
                self.debate(topic, &befangen, &times[n.min(1)..], out);
                self.decide(
                    item,
                    vote_at,
                    Want::Unanimous,
                    Majority::Einfach,
                    Outcome::Beschlossen,
                );
            }
            Kind::Residents => {
                item.title = "Einwohnerfragestunde".into();
                if n == 1 {
                    out.push(Self::plain(times[0], "Es werden keine Fragen gestellt."));
                } else {
                    for (k, &t) in times.iter().enumerate() {
                        if k % 2 == 0 {
                            let tpl = *self.rng.pick(RESIDENT);
                            let follow = self.rng.below(2);
                            let p = self.say(topic, None, t, tpl, follow);
                            out.push(p);
                        } else {
                            let who = self.mayor.or(self.expert).unwrap_or(chair);
                            let follow = self.follows();
                            let p =
                                self.say(topic, Some(who), t, "antwortet, dass {np} {ps}.", follow);
                            out.push(p);
                        }
                    }
                }
                if decide_all {
                    item.outcome = Some(Outcome::Erledigt);
                }
            }
            Kind::News => {
                let (title, who) = match (self.mayor, self.expert) {
                    (Some(m), _) if self.female(m) => ("Mitteilungen der Bürgermeisterin", m),
                    (Some(m), _) => ("Mitteilungen des Bürgermeisters", m),
                    (None, Some(e)) => ("Mitteilungen der Verwaltung", e),
                    (None, None) => ("Mitteilungen der Verwaltung", chair),
                };
                item.title = title.into();
                let tail = usize::from(n >= 2);
                for &t in &times[..n - tail] {
                    // Each announcement is about something else.
                    let own = self::topic(&mut self.rng, self.c, self.body, self.year, b"");
                    let tpl = *self.rng.pick(NEWS);
                    let follow = self.follows();
                    let mut p = self.say(&own, Some(who), t, tpl, follow);
                    if self.rng.chance(15)
                        && let Some(m) = self.member_at(t, &befangen)
                    {
                        p.asked_by.push(self.id(m));
                    }
                    out.push(p);
                }
                if tail == 1 {
                    let text = format!(
                        "{} nimmt die Mitteilungen zur Kenntnis.",
                        self.body.collective
                    );
                    out.push(Self::plain(times[n - 1], &text));
                }
                item.outcome = Some(Outcome::ZurKenntnisGenommen);
            }
            Kind::Resolution | Kind::Amended | Kind::Motion | Kind::Withdrawn => {
                self.topic_item(plan, item, times, out, vote_at);
            }
            Kind::Info => {
                item.title = if plan.number.contains('.') {
                    "Bericht über den Sachstand".into()
                } else {
                    let form = *self.rng.pick(&[
                        "Sachstandsbericht",
                        "Bericht der Verwaltung",
                        "Information",
                    ]);
                    format!("{form}: {}", topic.title)
                };
                if self.rng.chance(50) {
                    item.vorlage = Some(self.vorlage(&item.title, false));
                }
                let tail = usize::from(n >= 3);
                if n >= 1 {
                    let who = self.staff_at(times[0]);
                    let tpl = *self.rng.pick(INTRO);
                    let follow = self.rng.range(1, 3);
                    let p = self.say(topic, Some(who), times[0], tpl, follow);
                    out.push(p);
                }
                self.debate(topic, &befangen, &times[n.min(1)..n - tail], out);
                if tail == 1 {
                    let text = format!("{} nimmt den Bericht zur Kenntnis.", self.body.collective);
                    out.push(Self::plain(times[n - 1], &text));
                }
                item.outcome = Some(Outcome::ZurKenntnisGenommen);
            }
            Kind::Deferred | Kind::Referred => {
                item.title = if plan.number.contains('.') {
                    self.sub_title(plan)
                } else {
                    topic.title.clone()
                };
                item.vorlage = Some(self.vorlage(&topic.title, false));
                item.proposal = Some(self.proposal(topic, topic.decision, false));
                let tail = if n >= 3 { 2 } else { n.min(1) };
                let h = usize::from(n > tail);
                if h == 1 {
                    let who = self.staff_at(times[0]);
                    let tpl = *self.rng.pick(INTRO);
                    let follow = self.follows();
                    let p = self.say(topic, Some(who), times[0], tpl, follow);
                    out.push(p);
                }
                self.debate(topic, &befangen, &times[h..n - tail], out);
                let target = self
                    .c
                    .bodies
                    .iter()
                    .find(|b| b.kind != self.body.kind && b.kind != BodyKind::Vertretung)
                    .map_or_else(
                        || "den Hauptausschuss".to_string(),
                        |b| b.short.replacen("Der ", "den ", 1),
                    );
                let (go, motion_text, outcome) = if plan.kind == Kind::Deferred {
                    (
                        "beantragt zur Geschäftsordnung, den Tagesordnungspunkt auf die nächste Sitzung zu vertagen.".to_string(),
                        "Der Tagesordnungspunkt wird auf die nächste Sitzung vertagt.".to_string(),
                        Outcome::Vertagt,
                    )
                } else {
                    (
                        format!(
                            "beantragt zur Geschäftsordnung, den Tagesordnungspunkt zur weiteren Beratung an {target} zu verweisen."
                        ),
                        format!("Der Tagesordnungspunkt wird an {target} verwiesen."),
                        Outcome::Verwiesen,
                    )
                };
                let mover = self.member_at(vote_at, &befangen);
                if tail >= 1 {
                    let t = times[n - tail];
                    out.push(match mover {
                        Some(m) => self.by(m, t, &go),
                        None => {
                            Self::plain(t, "Es wird beantragt, den Tagesordnungspunkt zu vertagen.")
                        }
                    });
                }
                if tail == 2 {
                    out.push(Self::plain(
                        times[n - 1],
                        "Eine Gegenrede wird nicht gehalten.",
                    ));
                }
                let vote = self.vote(item, vote_at, Want::Unanimous);
                item.motions.push(Motion {
                    kind: MotionKind::GoAntrag,
                    mover: mover.map(|m| self.id(m)),
                    text: motion_text,
                    majority: Majority::Einfach,
                    vote,
                    go: None,
                    ballot: Default::default(),
                    election: None,
                    about: None,
                });
                item.outcome = Some(outcome);
            }
            Kind::Parent => {
                item.title = topic.title.clone();
                if plan.closed {
                    item.closed_reason = Some(plan.reason.to_string());
                }
                if n >= 1 {
                    let text = if plan.closed {
                        "ruft den Tagesordnungspunkt auf und verweist auf die Vorlagen."
                    } else {
                        "ruft den Tagesordnungspunkt auf und verweist auf die Vorlage."
                    };
                    out.push(self.by(chair, times[0], text));
                }
                if n >= 2 {
                    let who = self.staff_at(times[1]);
                    let tpl = *self.rng.pick(INTRO);
                    let follow = self.rng.range(1, 2);
                    let p = self.say(topic, Some(who), times[1], tpl, follow);
                    out.push(p);
                }
                self.debate(topic, &befangen, &times[n.min(2)..], out);
                if decide_all {
                    item.outcome = Some(Outcome::Erledigt);
                }
            }
            Kind::Misc => {
                let title = *self.rng.pick(&[
                    "Verschiedenes",
                    "Anfragen und Mitteilungen",
                    "Anfragen der Mitglieder",
                ]);
                item.title = title.into();
                for &t in times {
                    let own = self::topic(&mut self.rng, self.c, self.body, self.year, b"");
                    self.debate(&own, &befangen, &[t], out);
                }
                if decide_all {
                    item.outcome = Some(Outcome::Erledigt);
                }
            }
            Kind::Closed => {
                item.title = topic.title.clone();
                item.vorlage = Some(self.vorlage(&topic.title, false));
                let mut proposal = self.body.short.clone();
                proposal.push_str(" beschließt, ");
                proposal.push_str(plan.closed_decision);
                proposal.push('.');
                item.proposal = Some(proposal);
                let tail = usize::from(n >= 3);
                if n >= 1 {
                    let who = self.staff_at(times[0]);
                    let tpl = *self.rng.pick(&[
                        "erläutert den Sachverhalt.",
                        "stellt die Vorlage vor.",
                        "erläutert die Vorlage und den Vorschlag der Verwaltung.",
                    ]);
                    let follow = self.rng.range(1, 2);
                    let p = self.say(topic, Some(who), times[0], tpl, follow);
                    out.push(p);
                }
                self.debate(topic, &befangen, &times[n.min(1)..n - tail], out);
                if tail == 1 {
                    let tpl = *self.rng.pick(CHAIR_VOTE);
                    let p = self.say(topic, Some(chair), times[n - 1], tpl, 0);
                    out.push(p);
                }
                let want = if self.rng.chance(75) {
                    Want::Unanimous
                } else {
                    Want::Majority
                };
                self.decide(item, vote_at, want, Majority::Einfach, Outcome::Beschlossen);
            }
            Kind::Restore => {
                item.title =
                    "Bekanntgabe der im nichtöffentlichen Teil gefassten Beschlüsse".into();
                if n >= 1 {
                    out.push(Self::plain(
                        times[0],
                        "Die Öffentlichkeit wird wiederhergestellt.",
                    ));
                }
                for &t in times.iter().skip(1) {
                    out.push(self.by(
                        chair,
                        t,
                        "gibt die im nichtöffentlichen Teil gefassten Beschlüsse bekannt.",
                    ));
                }
                item.outcome = Some(Outcome::ZurKenntnisGenommen);
            }
        }
    }

    /// The vote on the Beschlussvorschlag and the outcome that follows from it.
    fn decide(
        &mut self,
        item: &mut AgendaItem,
        at: u32,
        want: Want,
        majority: Majority,
        passed: Outcome,
    ) {
        let Some(vote) = self.vote(item, at, want) else {
            // Nobody entitled is there: nothing can be decided today.
            item.motions.clear();
            item.amended_proposal = None;
            item.outcome = Some(Outcome::Vertagt);
            return;
        };
        let rejected = want == Want::Rejected && vote.yes <= vote.no;
        item.motions.push(Motion {
            kind: MotionKind::Beschlussvorschlag,
            majority,
            vote: Some(vote),
            ..Motion::default()
        });
        item.outcome = Some(if rejected { Outcome::Abgelehnt } else { passed });
    }

    /// A topic to decide: a paper of the administration, amended or not, or a motion of a Fraktion.
    fn topic_item(
        &mut self,
        plan: &Plan,
        item: &mut AgendaItem,
        times: &[u32],
        out: &mut Vec<Paragraph>,
        vote_at: u32,
    ) {
        let n = times.len();
        let chair = self.chair;
        let befangen = item.befangen.clone();
        let topic = &plan.topic;
        let fraktion = plan.fraktion.map(|f| &self.c.fraktionen[f]);
        let motion = matches!(plan.kind, Kind::Motion | Kind::Withdrawn);
        item.title = match fraktion {
            Some(f) if motion => format!("Antrag der {}: {}", f.label, topic.title),
            _ if plan.number.contains('.') => self.sub_title(plan),
            _ => topic.title.clone(),
        };
        if motion || self.rng.chance(75) {
            item.vorlage = Some(self.vorlage(&item.title, motion));
        }
        let decision = if motion {
            *self.rng.pick(DECISIONS_MOTION)
        } else {
            topic.decision
        };
        item.proposal = Some(self.proposal(topic, decision, motion));
        let amended = plan.kind == Kind::Amended;
        let tail = match plan.kind {
            Kind::Withdrawn => 0,
            Kind::Amended if n >= 4 => 2,
            _ if n >= 3 => 1,
            _ => 0,
        };
        let h = usize::from(n > tail);
        // Who opens: the mover's Fraktion, or the administration (or its guest).
        if h == 1 {
            let t0 = times[0];
            if motion {
                let mover = (0..self.s.persons.len()).find(|&i| {
                    let p = &self.s.persons[i];
                    self.fraktion(i) == plan.fraktion
                        && p.present_at(minutes(t0))
                        && !befangen.contains(&p.id)
                        && matches!(p.kind, PersonKind::Mitglied | PersonKind::Beratend)
                });
                let who = mover
                    .or_else(|| self.member_at(t0, &befangen))
                    .unwrap_or(chair);
                let first = if plan.kind == Kind::Withdrawn {
                    "erklärt, dass die {fl} den Antrag zurückziehe, da {np} {ps}."
                } else {
                    "begründet den Antrag der {fl}."
                };
                let follow = self.rng.range(1, 3);
                let p = self.say(topic, Some(who), t0, first, follow);
                out.push(p);
            } else {
                let who = self.staff_at(t0);
                let tpl = *self.rng.pick(INTRO);
                let follow = self.rng.range(1, 3);
                let p = self.say(topic, Some(who), t0, tpl, follow);
                out.push(p);
            }
        }
        self.debate(topic, &befangen, &times[h..n - tail], out);
        if plan.kind == Kind::Withdrawn {
            item.outcome = Some(Outcome::Zurueckgezogen);
            return;
        }
        let mut amendment: Option<String> = None;
        if amended {
            let tpl = *self.rng.pick(AMENDMENTS);
            let text = self.expand(topic, tpl);
            let t = if tail == 2 { times[n - 2] } else { vote_at };
            let mover = self.member_at(t, &befangen);
            let by_fraktion = self.rng.chance(30);
            let fraktion_label =
                |g: &Self, m: usize| g.fraktion(m).map(|f| g.c.fraktionen[f].label.clone());
            let mover_text = match mover {
                Some(m) if by_fraktion => fraktion_label(self, m).unwrap_or_else(|| self.id(m)),
                Some(m) => self.id(m),
                None => self.c.fraktionen[0].label.clone(),
            };
            if tail == 2 {
                let m = mover.unwrap_or(chair);
                let said = format!(
                    "beantragt, den Beschlussvorschlag um folgenden Satz zu ergänzen: „{text}“"
                );
                out.push(self.by(m, times[n - 2], &said));
                let of = match mover {
                    Some(m) if mover_text == self.s.persons[m].id => {
                        format!("von {}", named_dative(&self.s.persons[m]))
                    }
                    _ => format!("der {mover_text}"),
                };
                let call = format!(
                    "lässt zunächst über den Änderungsantrag {of} und anschließend über den Beschlussvorschlag abstimmen."
                );
                out.push(self.by(chair, times[n - 1], &call));
            }
            let at = vote_at.saturating_sub(1).max(plan.start);
            let want = if self.rng.chance(80) {
                Want::Majority
            } else {
                Want::Rejected
            };
            let vote = self.vote(item, at, want);
            if vote.is_some_and(|v| v.yes > v.no) {
                amendment = Some(text.clone());
            }
            item.motions.push(Motion {
                kind: MotionKind::Aenderungsantrag,
                mover: Some(mover_text),
                text,
                majority: Majority::Einfach,
                vote,
                go: None,
                ballot: Default::default(),
                election: None,
                about: None,
            });
        } else if tail == 1 {
            let tpl = *self.rng.pick(CHAIR_VOTE);
            let p = self.say(topic, Some(chair), times[n - 1], tpl, 0);
            out.push(p);
        }
        let want = match (plan.kind, self.rng.below(100)) {
            (Kind::Motion, 0..=39) => Want::Rejected,
            (Kind::Motion, 40..=79) => Want::Majority,
            (Kind::Amended, _) if amendment.is_some() => Want::Majority,
            (_, 0..=5) => Want::Rejected,
            (_, 6..=35) => Want::Majority,
            _ => Want::Unanimous,
        };
        let passed = match (&amendment, &item.vorlage, motion) {
            (Some(_), _, _) => Outcome::GeaendertBeschlossen,
            (None, Some(_), false) => Outcome::UngeaendertBeschlossen,
            _ => Outcome::Beschlossen,
        };
        if let Some(a) = &amendment {
            let mut text = item.proposal.clone().unwrap_or_default();
            text.push(' ');
            text.push_str(a);
            item.amended_proposal = Some(text);
        }
        self.decide(item, vote_at, want, Majority::Einfach, passed);
        if motion && let Some(m) = item.motions.last_mut() {
            m.mover = fraktion.map(|f| f.label.clone());
        }
    }

    /// The title of a sub-item: a step of its parent's matter.
    fn sub_title(&self, plan: &Plan) -> String {
        let class = vocab().nouns[plan.topic.noun].class;
        let step = plan
            .number
            .rsplit('.')
            .next()
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(1);
        let steps: &[&str] = match class {
            b'P' => &[
                "Abwägung der Stellungnahmen aus der frühzeitigen Beteiligung",
                "Entwurfs- und Auslegungsbeschluss",
                "Abwägung der Stellungnahmen aus der öffentlichen Auslegung",
                "Satzungsbeschluss",
            ],
            b'F' => &["Beratung der Teilpläne", "Beschlussfassung", "Stellenplan"],
            _ => &[
                "Vorstellung der Entwurfsplanung",
                "Kostenfreigabe und Ausschreibung",
                "Vergabe der Planungsleistungen",
                "Antrag auf Förderung",
            ],
        };
        steps[(step.max(1) - 1) % steps.len()].to_string()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Unanimous,
    Majority,
    Rejected,
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet};

    use super::*;
    use crate::domain::check::{Severity, check};

    /// Every text a search can find in a session's public edition: paragraphs (with the
    /// speaker's family name), titles, Beschlussvorschläge.
    fn public_text(s: &Session) -> String {
        let mut out = String::new();
        for (item, closed) in s.agenda.iter().zip(s.closed_flags()) {
            if closed {
                continue;
            }
            out.push_str(&item.title);
            out.push('\n');
            for text in [&item.proposal, &item.amended_proposal]
                .into_iter()
                .flatten()
            {
                out.push_str(text);
                out.push('\n');
            }
            for p in &item.minutes {
                for id in p.speaker.iter().chain(&p.asked_by) {
                    if let Some(person) = s.person(id) {
                        out.push_str(&person.family_name);
                        out.push(' ');
                    }
                }
                out.push_str(&p.text);
                out.push('\n');
            }
        }
        out
    }

    fn all_text(s: &Session) -> String {
        let mut out = String::new();
        for p in &s.persons {
            out.push_str(&p.family_name);
            out.push('\n');
        }
        for item in &s.agenda {
            out.push_str(&item.title);
            for text in [&item.proposal, &item.amended_proposal]
                .into_iter()
                .flatten()
            {
                out.push_str(text);
            }
            for m in &item.motions {
                out.push_str(&m.text);
            }
            for p in &item.minutes {
                out.push_str(&p.text);
                out.push('\n');
            }
        }
        out
    }

    fn has_word(text: &str, word: &str) -> bool {
        text.match_indices(word).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    #[test]
    fn an_archive_is_valid_varied_and_hits_its_targets() {
        let count = 2_000;
        let mut names = HashSet::new();
        let (mut word, mut phrase) = (Vec::new(), Vec::new());
        let mut name_councils = BTreeSet::new();
        let mut council_sessions = vec![0usize; MUNICIPALITIES.len()];
        let mut named_sessions = 0;
        let (mut zuschuss, mut des, mut kreises) = (0, 0, 0);
        let mut words: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut bytes = 0;
        let (
            mut amended,
            mut closed,
            mut subs,
            mut info,
            mut asked,
            mut befangen,
            mut late,
            mut guests,
        ) = (0, 0, 0, 0, 0, 0, 0, 0);
        for n in 0..count {
            let (name, s) = archive_session(n, count);
            assert!(names.insert(name.clone()), "{name} twice");
            assert!(
                name.starts_with(&s.date.format("%Y-%m-%d_").to_string()),
                "{name}"
            );
            let findings = check(&s);
            assert!(
                findings.iter().all(|f| f.severity != Severity::Fehler),
                "{name}: {findings:?}"
            );
            // Nothing but the signatures a generated session (a draft) still lacks.
            assert!(
                findings.iter().all(|f| matches!(
                    f.problem,
                    crate::domain::check::Problem::LegalMustHave {
                        missing: crate::domain::law::Missing::Unterschriften(_),
                        ..
                    }
                )),
                "{name}: {findings:?}"
            );
            assert!(
                (8..=25).contains(&s.agenda.len()),
                "{name}: {}",
                s.agenda.len()
            );
            let ron = crate::store::to_ron(&s);
            bytes += ron.len();
            if n % 50 == 0 {
                let back = crate::store::parse(Path::new(&name), &ron).unwrap();
                assert_eq!(back, s, "{name}");
            }
            let public = public_text(&s);
            let all = all_text(&s);
            if public.contains(WORD) {
                word.push(n);
            }
            assert_eq!(all.contains(WORD), public.contains(WORD), "{name}");
            if public.to_lowercase().contains(&PHRASE.to_lowercase()) {
                phrase.push(n);
            }
            assert_eq!(
                all.to_lowercase().contains(&PHRASE.to_lowercase()),
                public.to_lowercase().contains(&PHRASE.to_lowercase())
            );
            let c = place(n, count).council;
            council_sessions[c] += 1;
            if all.contains(NAME) || public.contains(NAME) {
                name_councils.insert(MUNICIPALITIES[c].0);
                named_sessions += 1;
            }
            zuschuss += usize::from(has_word(&public, "Zuschuss"));
            des += usize::from(has_word(&public, "des"));
            kreises += usize::from(has_word(&public, "Kreises"));
            for w in public.split(|c: char| !c.is_alphanumeric()) {
                if w.len() > 3 && w.chars().next().is_some_and(char::is_uppercase) {
                    *words.entry(w.to_string()).or_default() += 1;
                }
            }
            let flags = s.closed_flags();
            closed += usize::from(flags.iter().any(|&c| c));
            subs += usize::from(s.agenda.iter().any(|i| i.number.contains('.')));
            amended += usize::from(
                s.agenda
                    .iter()
                    .any(|i| i.outcome == Some(Outcome::GeaendertBeschlossen)),
            );
            info += usize::from(
                s.agenda
                    .iter()
                    .any(|i| i.outcome == Some(Outcome::ZurKenntnisGenommen)),
            );
            asked += usize::from(
                s.agenda
                    .iter()
                    .any(|i| i.minutes.iter().any(|p| !p.asked_by.is_empty())),
            );
            befangen += usize::from(s.agenda.iter().any(|i| !i.befangen.is_empty()));
            late += usize::from(
                s.persons
                    .iter()
                    .any(|p| p.arrived.is_some() && p.kind == PersonKind::Mitglied),
            );
            guests += usize::from(s.persons.iter().any(|p| p.kind == PersonKind::Gast));
        }
        let share = |k: usize| k as f64 / count as f64;
        assert!(
            (0.005..=0.02).contains(&share(word.len())),
            "word {}",
            word.len()
        );
        assert!(word.iter().all(|n| n % WORD_EVERY == WORD_AT));
        assert!(
            (0.0005..=0.003).contains(&share(phrase.len())),
            "phrase {}",
            phrase.len()
        );
        assert!(phrase.iter().all(|n| n % PHRASE_EVERY == PHRASE_AT));
        assert_eq!(
            name_councils.into_iter().collect::<Vec<_>>(),
            [NAME_MUNICIPALITY]
        );
        let named_council = MUNICIPALITIES
            .iter()
            .position(|m| m.0 == NAME_MUNICIPALITY)
            .unwrap();
        assert_eq!(named_sessions, council_sessions[named_council]);
        assert!(council_sessions.iter().all(|&k| k > 0));
        // The phrase's words are each common.
        assert!(share(zuschuss) > 0.3, "Zuschuss in {zuschuss}");
        assert!(share(des) > 0.9, "des in {des}");
        assert!(share(kreises) > 0.3, "Kreises in {kreises}");
        // Many distinct words, most of them rare.
        let rare = words.values().filter(|&&k| k * 100 < count).count();
        assert!(words.len() > 2_000, "{} distinct words", words.len());
        assert!(rare * 2 > words.len(), "{rare} of {} rare", words.len());
        let average = bytes / count;
        assert!(
            (20_000..=40_000).contains(&average),
            "average {average} bytes"
        );
        for (what, k) in [
            ("closed", closed),
            ("sub-items", subs),
            ("amended", amended),
            ("information", info),
            ("asked_by", asked),
            ("befangen", befangen),
            ("late", late),
            ("guests", guests),
        ] {
            assert!(share(k) > 0.1, "{what}: {k}");
        }
        assert!(share(closed) > 0.7, "closed: {closed}");
    }

    #[test]
    fn councils_have_their_own_persons_and_bodies() {
        for (c, (name, _, _)) in councils().iter().zip(MUNICIPALITIES) {
            let persons = c.persons.len();
            assert!((15..=30).contains(&persons), "{name}: {persons}");
            assert!((3..=5).contains(&c.bodies.len()), "{name}");
            let ids: HashSet<&str> = c.persons.iter().map(|p| p.id.as_str()).collect();
            assert_eq!(ids.len(), persons, "{name}");
            assert_eq!(
                c.persons.iter().any(|p| p.family_name == NAME),
                name == NAME_MUNICIPALITY
            );
        }
        assert!(!FAMILY.contains(&NAME));
    }

    #[test]
    fn sessions_have_the_size_asked_for_and_are_valid() {
        for (items, paragraphs, seed) in [
            (6, 30, 7),
            (2, 10, 3),
            (12, 150, 7),
            (3, 20, 2),
            (200, 5_000, 1),
            (1, 0, 4),
            (0, 5, 5),
        ] {
            let s = session(items, paragraphs, seed);
            assert_eq!(s.agenda.len(), items);
            let total: usize = s.agenda.iter().map(|i| i.minutes.len()).sum();
            assert_eq!(
                total,
                if items == 0 { 0 } else { paragraphs },
                "{items} {paragraphs} {seed}"
            );
            let findings = check(&s);
            assert!(
                findings.iter().all(|f| f.severity != Severity::Fehler),
                "{findings:?}"
            );
            assert!(s.agenda.iter().all(|i| i.outcome.is_some()));
            assert_eq!(s, session(items, paragraphs, seed), "deterministic");
            let ron = crate::store::to_ron(&s);
            assert_eq!(crate::store::parse(Path::new("x.ron"), &ron).unwrap(), s);
        }
    }

    #[test]
    fn the_small_session_the_browse_tests_use_fits_them() {
        // tests/browse.rs: six decided items, "fragt" in the public minutes, no "Fördermittel
        // des Landes" and no Frau Okafor (those belong to the demo session).
        let s = session(6, 30, 7);
        let text = public_text(&s);
        assert!(text.contains("fragt"), "{text}");
        assert!(!text.contains("Fördermittel"));
        assert!(!all_text(&s).contains("Okafor"));
    }

    #[test]
    fn small_archives_have_enough_to_find() {
        // tests/browse.rs searches "fragt" in an archive of 6 and "dass" in one of 40.
        let fragt: usize = (0..6)
            .map(|n| {
                let (_, s) = archive_session(n, 6);
                s.agenda
                    .iter()
                    .zip(s.closed_flags())
                    .filter(|(_, c)| !c)
                    .flat_map(|(i, _)| &i.minutes)
                    .filter(|p| p.text.contains("fragt"))
                    .count()
            })
            .sum();
        assert!(fragt > 40, "{fragt}");
    }
}
