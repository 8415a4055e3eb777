//! Measures sitzung's archive index (SQLite FTS5, trigram tokenizer) against tantivy on the
//! same archive: full build, update of one session, queries. See docs/index-engines.md.
//!
//! `index-engines DIR [RUNS]` prints markdown tables. It writes DIR/.sitzung/index.sqlite (as
//! `sitzung index` does) and two tantivy indexes beside DIR: DIR.tantivy-words and
//! DIR.tantivy-trigrams. `sqlite DIR [RUNS]` builds sitzung's index only. On indexes built
//! so: `queries DIR` runs the query table alone, `update DIR` the update table alone,
//! `optimize DIR` runs FTS5's optimize and VACUUM on DIR/.sitzung/index.sqlite, `ops DIR` checks
//! locking between readers and writers and a crash in the middle of an SQLite update,
//! `readonly DIR` opens the indexes and searches once (run it as an unprivileged user on a
//! read-only copy, see ops.sh).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use sitzung::archive::docs::{Doc, Docs, Place, docs};
use sitzung::archive::index::{self, Index, Writer};
use sitzung::archive::query::{Needle, Query, index_form};
use sitzung::domain::Session;
use sitzung::store::{self, FileState};
use tantivy::query::{
    BooleanQuery, EnableScoring, Occur, PhraseQuery, Query as TQuery, RegexPhraseQuery, RegexQuery,
    TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    NgramTokenizer, SimpleTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};
use tantivy::{
    DocAddress, DocSet, IndexWriter, ReloadPolicy, Searcher, TERMINATED, TantivyDocument, Term,
};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Heap of the writer of a full build, and of the writer of an update.
const BUILD_HEAP: usize = 200_000_000;
const UPDATE_HEAP: usize = 50_000_000;

// ------------------------------------------------------------------------------------------
// tantivy: schema, tokenizers, documents
// ------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Words of the folded text (SimpleTokenizer): infix search scans the term dictionary.
    Words,
    /// Every 3 characters of the folded text, positioned: a needle is a phrase of trigrams.
    Trigrams,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Words => "words",
            Kind::Trigrams => "trigrams",
        }
    }
}

#[derive(Clone, Copy)]
struct Fields {
    session: Field,
    part: Field,
    item: Field,
    title: Field,
    place: Field,
    speaker: Field,
    speaker_key: Field,
    text: Field,
    body: Field,
}

fn schema(kind: Kind) -> (Schema, Fields) {
    let indexed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(kind.name())
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut b = Schema::builder();
    let fields = Fields {
        // The session's file name: the term an update deletes by.
        session: b.add_text_field("session", STRING | STORED),
        // "public" or "closed": a public query filters on it.
        part: b.add_text_field("part", STRING),
        item: b.add_text_field("item", STORED),
        title: b.add_text_field("title", STORED),
        place: b.add_u64_field("place", STORED),
        speaker: b.add_text_field("speaker", STORED),
        speaker_key: b.add_text_field("speaker_key", indexed.clone()),
        // The folded text, indexed only; the text as printed is stored in `body`.
        text: b.add_text_field("text", indexed),
        body: b.add_text_field("body", STORED),
    };
    (b.build(), fields)
}

/// NgramTokenizer gives every gram position 0, so phrase queries cannot use it: this wrapper
/// numbers the trigrams (one per starting character), as FTS5's trigram tokenizer does.
#[derive(Clone)]
struct Trigrams(NgramTokenizer);

struct Numbered<T> {
    inner: T,
    next: usize,
}

impl Tokenizer for Trigrams {
    type TokenStream<'a> = Numbered<<NgramTokenizer as Tokenizer>::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        Numbered {
            inner: self.0.token_stream(text),
            next: 0,
        }
    }
}

impl<T: TokenStream> TokenStream for Numbered<T> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        self.inner.token_mut().position = self.next;
        self.next += 1;
        true
    }
    fn token(&self) -> &Token {
        self.inner.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

fn register(index: &tantivy::Index) -> Result<()> {
    let t = index.tokenizers();
    t.register(
        "words",
        TextAnalyzer::builder(SimpleTokenizer::default()).build(),
    );
    t.register(
        "trigrams",
        TextAnalyzer::builder(Trigrams(NgramTokenizer::new(3, 3, false)?)).build(),
    );
    Ok(())
}

/// A session's file name (the key both engines update by).
fn file_name(file: &FileState) -> String {
    file.path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned())
}

fn tantivy_path(dir: &Path, kind: Kind) -> PathBuf {
    PathBuf::from(format!("{}.tantivy-{}", dir.display(), kind.name()))
}

fn open_tantivy(dir: &Path, kind: Kind) -> Result<(tantivy::Index, Fields)> {
    let index = tantivy::Index::open_in_dir(tantivy_path(dir, kind))?;
    register(&index)?;
    Ok((index, schema(kind).1))
}

/// The tantivy documents of one session: all its public and closed texts.
fn tantivy_docs(f: &Fields, name: &str, session: &Session) -> Vec<TantivyDocument> {
    let Docs { public, closed } = docs(session);
    let tagged = public
        .iter()
        .map(|d| ("public", d))
        .chain(closed.iter().map(|d| ("closed", d)));
    tagged
        .map(|(part, d): (&str, &Doc)| {
            let mut doc = TantivyDocument::new();
            doc.add_text(f.session, name);
            doc.add_text(f.part, part);
            doc.add_text(f.item, &d.item);
            doc.add_text(f.title, &d.title);
            doc.add_u64(
                f.place,
                match d.place {
                    Place::Titel => 0,
                    Place::Beschluss => 1,
                    Place::Beschlussvorschlag => 2,
                    Place::Absatz(n) => 3 + n as u64,
                },
            );
            if let Some(s) = &d.speaker {
                doc.add_text(f.speaker, s);
            }
            if let Some(k) = &d.speaker_key {
                doc.add_text(f.speaker_key, index_form(k));
            }
            doc.add_text(f.text, index_form(&d.text));
            doc.add_text(f.body, &d.text);
            doc
        })
        .collect()
}

// ------------------------------------------------------------------------------------------
// Full builds
// ------------------------------------------------------------------------------------------

struct Built {
    secs: f64,
    bytes: u64,
    docs: u64,
    note: String,
}

fn disk_size(path: &Path) -> u64 {
    match std::fs::read_dir(path) {
        Ok(entries) => entries.flatten().map(|e| disk_size(&e.path())).sum(),
        Err(_) => std::fs::metadata(path).map_or(0, |m| m.len()),
    }
}

fn build_sqlite(dir: &Path) -> Result<Built> {
    let file = index::path(dir);
    let _ = std::fs::remove_file(&file);
    let started = Instant::now();
    let done = index::refresh(dir, |_, _| {})?;
    let secs = started.elapsed().as_secs_f64();
    let conn = rusqlite::Connection::open(&file)?;
    let docs: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM public_docs) + (SELECT count(*) FROM closed_docs)",
        [],
        |r| r.get(0),
    )?;
    let note = format!(
        "{} files, {} broken, one transaction per 200",
        done.indexed,
        done.broken.len()
    );
    Ok(Built {
        secs,
        bytes: disk_size(&file),
        docs: docs as u64,
        note,
    })
}

/// No engine: what every build does before indexing (read, parse, texts, fold), on all cores.
fn parse_only(dir: &Path) -> Result<Built> {
    let started = Instant::now();
    let files = store::archive_files(dir)?;
    let docs: usize = files
        .par_iter()
        .filter_map(|file| store::load(&file.path).ok())
        .map(|s| {
            let d = docs(&s);
            d.public
                .iter()
                .chain(&d.closed)
                .map(|d| std::hint::black_box(index_form(&d.text)).len().min(1))
                .count()
        })
        .sum();
    Ok(Built {
        secs: started.elapsed().as_secs_f64(),
        bytes: 0,
        docs: docs as u64,
        note: "no index written".into(),
    })
}

/// FTS5's 'optimize' (all segments merged into one) and VACUUM on an index of sitzung's schema
/// 1 (tables `*_fts`), which ran neither; later schemas optimize after a build. Prints time
/// and size.
fn optimize(dir: &Path) -> Result<()> {
    let file = index::path(dir);
    let before = disk_size(&file);
    let conn = rusqlite::Connection::open(&file)?;
    let (ms, done) = timed(|| {
        conn.execute_batch(
            "INSERT INTO public_fts(public_fts) VALUES('optimize');
             INSERT INTO closed_fts(closed_fts) VALUES('optimize'); VACUUM;",
        )
    });
    done?;
    println!(
        "optimize + VACUUM: {:.1} s, {:.1} MB -> {:.1} MB",
        ms / 1000.0,
        before as f64 / 1e6,
        disk_size(&file) as f64 / 1e6
    );
    Ok(())
}

fn build_tantivy(dir: &Path, kind: Kind) -> Result<Built> {
    let out = tantivy_path(dir, kind);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out)?;
    let started = Instant::now();
    let (schema, f) = schema(kind);
    let index = tantivy::Index::create_in_dir(&out, schema)?;
    register(&index)?;
    let mut writer: IndexWriter = index.writer(BUILD_HEAP)?;
    let files = store::archive_files(dir)?;
    let mut docs = 0u64;
    // As sitzung's refresh: 200 files at a time parsed on all cores, then handed to the writer.
    for chunk in files.chunks(200) {
        let batch: Vec<Vec<TantivyDocument>> = chunk
            .par_iter()
            .filter_map(|file| {
                store::load(&file.path)
                    .ok()
                    .map(|s| tantivy_docs(&f, &file_name(file), &s))
            })
            .collect();
        for doc in batch.into_iter().flatten() {
            writer.add_document(doc)?;
            docs += 1;
        }
    }
    writer.commit()?;
    let committed = started.elapsed().as_secs_f64();
    let segments = index.searchable_segment_ids()?.len();
    writer.wait_merging_threads()?;
    let secs = started.elapsed().as_secs_f64();
    let after = index.searchable_segment_ids()?.len();
    let note = format!(
        "{} indexing threads, commit at {committed:.1} s: {segments} segments, after merges {after}",
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    );
    Ok(Built {
        secs,
        bytes: disk_size(&out),
        docs,
        note,
    })
}

// ------------------------------------------------------------------------------------------
// Queries
// ------------------------------------------------------------------------------------------

/// What a query looks up, from sitzung's `Query::needles` (the one place tied to its API).
enum Lookup {
    /// A substring of the folded text.
    Infix(String),
    /// Whole words one after the other, the last perhaps the beginning of a word.
    Phrase(Vec<String>),
}

fn lookups(query: &Query) -> Vec<Lookup> {
    let (text, _speaker) = query.needles();
    text.into_iter()
        .map(|n| match n {
            Needle::Infix(s) => Lookup::Infix(s),
            Needle::Phrase(words) => Lookup::Phrase(words),
        })
        .collect()
}

/// For sitzung's schema 1 (one FTS5 trigram table with positions): the expression its
/// `Index::page` builds, each needle a phrase of the text column. Later schemas choose their
/// lookups inside sitzung (not public): `None`.
fn fts_expression(schema: i64, lookups: &[Lookup]) -> Option<String> {
    let quote = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let terms: Vec<String> = lookups
        .iter()
        .map(|l| match l {
            Lookup::Infix(s) => format!("text : {}", quote(s)),
            Lookup::Phrase(words) => format!("text : {}", quote(&words.join(" "))),
        })
        .collect();
    (schema == 1).then(|| terms.join(" AND "))
}

fn escape(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// The tantivy query of the lookups, public texts only. `exact` (words only): whole words,
/// as a word index answers without scanning its term dictionary.
fn tantivy_query(
    f: &Fields,
    kind: Kind,
    exact: bool,
    lookups: &[Lookup],
) -> Result<Box<dyn TQuery>> {
    let term = |t: &str| Term::from_field_text(f.text, t);
    let basic =
        |t: Term| -> Box<dyn TQuery> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
    let mut clauses = vec![(Occur::Must, basic(Term::from_field_text(f.part, "public")))];
    for lookup in lookups {
        let (text, words): (String, Vec<&str>) = match lookup {
            Lookup::Infix(s) => (s.clone(), s.split(' ').collect()),
            Lookup::Phrase(ws) => (ws.join(" "), ws.iter().map(String::as_str).collect()),
        };
        let infix = matches!(lookup, Lookup::Infix(_));
        let last = words.len() - 1;
        let query: Box<dyn TQuery> = match (kind, exact, words.len()) {
            // A phrase of the text's trigrams, as FTS5's trigram tokenizer answers a string.
            (Kind::Trigrams, ..) => {
                let chars: Vec<char> = text.chars().collect();
                let grams: Vec<Term> = chars
                    .windows(3)
                    .map(|w| term(&w.iter().collect::<String>()))
                    .collect();
                if grams.len() == 1 {
                    basic(grams[0].clone())
                } else {
                    Box::new(PhraseQuery::new(grams))
                }
            }
            (Kind::Words, true, 1) => basic(term(words[0])),
            (Kind::Words, true, _) => {
                Box::new(PhraseQuery::new(words.iter().map(|w| term(w)).collect()))
            }
            // A word inside words: every term of the dictionary that holds it.
            (Kind::Words, false, 1) => {
                let pattern = if infix { ".*{}.*" } else { "{}.*" };
                Box::new(RegexQuery::from_pattern(&pattern.replace("{}", &escape(words[0])), f.text)?)
            }
            // Several words: the last may begin a word; in an infix the first may end one.
            (Kind::Words, false, _) => Box::new(RegexPhraseQuery::new(
                f.text,
                words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| match i {
                        0 if infix => format!(".*{}", escape(w)),
                        i if i == last => format!("{}.*", escape(w)),
                        _ => escape(w),
                    })
                    .collect(),
            )),
        };
        clauses.push((Occur::Must, query));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

fn tantivy_ids(
    searcher: &Searcher,
    query: &dyn TQuery,
    first_only: bool,
) -> Result<Vec<DocAddress>> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        let mut scorer = weight.scorer(segment, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                out.push(DocAddress::new(ord as u32, doc));
                if first_only {
                    return Ok(out);
                }
            }
            doc = scorer.advance();
        }
    }
    Ok(out)
}

/// One engine as the query benchmark sees it: texts matching, ids only or with the texts.
enum Engine {
    Sqlite {
        index: Index,
        raw: rusqlite::Connection,
        schema: i64,
    },
    Tantivy {
        searcher: Searcher,
        f: Fields,
        kind: Kind,
        exact: bool,
    },
}

impl Engine {
    fn label(&self) -> String {
        match self {
            Engine::Sqlite { schema, .. } => {
                format!("SQLite FTS5 (sitzung, schema {schema})")
            }
            Engine::Tantivy {
                kind: Kind::Trigrams,
                ..
            } => "tantivy trigrams, phrase".into(),
            Engine::Tantivy { exact: true, .. } => "tantivy words, whole words".into(),
            Engine::Tantivy { .. } => "tantivy words, regex (infix)".into(),
        }
    }

    /// How many texts match: `what` 0 = all ids, 1 = all with their texts, 2 = first one.
    /// The query is parsed before (its cost is measured apart).
    fn run(&self, query: &Query, what: u8) -> Result<usize> {
        let lookups = lookups(query);
        match self {
            Engine::Sqlite { index, raw, schema } => match what {
                0 => {
                    let mut s = raw.prepare_cached(
                        "SELECT rowid FROM public_fts WHERE public_fts MATCH ?1 ORDER BY rowid",
                    )?;
                    let ids: Vec<i64> = s
                        .query_map([fts_expression(*schema, &lookups).ok_or("n/a")?], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    Ok(ids.len())
                }
                _ => {
                    let limit = if what == 1 { usize::MAX } else { 1 };
                    Ok(index.page(query, false, i64::MIN, limit)?.0.len())
                }
            },
            Engine::Tantivy {
                searcher,
                f,
                kind,
                exact,
            } => {
                let q = tantivy_query(f, *kind, *exact, &lookups)?;
                let ids = tantivy_ids(searcher, q.as_ref(), what == 2)?;
                if what > 0 {
                    for id in &ids {
                        let _: TantivyDocument = searcher.doc(*id)?;
                    }
                }
                Ok(ids.len())
            }
        }
    }

    /// Texts the SQLite candidates hold that `Query::matches_doc` accepts (SQLite only).
    fn verified(&self, query: &Query) -> Option<usize> {
        let Engine::Sqlite { index, .. } = self else {
            return None;
        };
        let (found, _) = index.page(query, false, i64::MIN, usize::MAX).ok()?;
        Some(
            found
                .iter()
                .filter(|f| query.matches_doc(&f.doc).is_some())
                .count(),
        )
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let started = Instant::now();
    let out = f();
    (started.elapsed().as_secs_f64() * 1000.0, out)
}

fn queries() -> Vec<(&'static str, String)> {
    use sitzung::generate::{NAME, PHRASE, WORD};
    vec![
        ("WORD", WORD.to_string()),
        ("PHRASE", format!("\"{PHRASE}\"")),
        ("NAME", NAME.to_string()),
        ("infix", "halle".to_string()),
    ]
}

fn open_engines(dir: &Path) -> Result<Vec<Engine>> {
    let index = Index::open(dir)?.ok_or("no .sitzung/index.sqlite")?;
    let raw = rusqlite::Connection::open_with_flags(
        index::path(dir),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?;
    // One read transaction, as `Index::open` holds one.
    raw.execute_batch("BEGIN")?;
    let schema: String = raw.query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
        r.get(0)
    })?;
    let schema = schema.parse()?;
    let mut engines = vec![Engine::Sqlite { index, raw, schema }];
    for (kind, exact) in [
        (Kind::Trigrams, false),
        (Kind::Words, false),
        (Kind::Words, true),
    ] {
        let (index, f) = open_tantivy(dir, kind)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        engines.push(Engine::Tantivy {
            searcher: reader.searcher(),
            f,
            kind,
            exact,
        });
    }
    Ok(engines)
}

fn bench_queries(dir: &Path) -> Result<()> {
    println!("\n### Queries, public texts, warm, median of 20 (ms)\n");
    println!("| engine | query | texts | verified | all ids | all with texts | first with text |");
    println!("|---|---|--:|--:|--:|--:|--:|");
    let engines = open_engines(dir)?;
    let mut parse_times = Vec::new();
    for (label, text) in queries() {
        let query = Query::parse(&text)?;
        let times = (0..20).map(|_| timed(|| Query::parse(&text)).0).collect();
        parse_times.push(format!("{label} {:.2}", median(times)));
        for engine in &engines {
            let count = engine.run(&query, 1)?;
            let mut cells = Vec::new();
            for what in 0..3 {
                // Warm; a measure this engine cannot take is "n/a".
                if engine.run(&query, what).is_err() {
                    cells.push("n/a".to_string());
                    continue;
                }
                let times: Vec<f64> = (0..20)
                    .map(|_| timed(|| engine.run(&query, what)).0)
                    .collect();
                cells.push(format!("{:.2}", median(times)));
            }
            let verified = engine.verified(&query).map_or("".into(), |v| v.to_string());
            println!(
                "| {} | {label} `{text}` | {count} | {verified} | {} |",
                engine.label(),
                cells.join(" | ")
            );
        }
    }
    println!("\n`Query::parse`, median of 20 (ms): {}", parse_times.join(", "));
    // Opening costs each search of `sitzung search` (a new process each time).
    println!(
        "\n| open, median of 20 (ms) | SQLite `Index::open` | tantivy trigrams: open + reader | tantivy words: open + reader |"
    );
    println!("|---|--:|--:|--:|");
    let sqlite = median(
        (0..20)
            .map(|_| timed(|| Index::open(dir).map(|_| ())).0)
            .collect(),
    );
    let open = |kind| -> Result<f64> {
        let times: Vec<f64> = (0..20)
            .map(|_| {
                timed(|| open_tantivy(dir, kind).and_then(|(i, _)| Ok(i.reader()?.searcher()))).0
            })
            .collect();
        Ok(median(times))
    };
    println!(
        "| | {sqlite:.2} | {:.2} | {:.2} |",
        open(Kind::Trigrams)?,
        open(Kind::Words)?
    );
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Update of one session
// ------------------------------------------------------------------------------------------

/// One session into an open SQLite writer, as `index::update` does (sitzung 290191f's
/// `Writer::put`; where it takes `Prepared`: `&[Prepared::new(file, Ok(session))]`).
fn put(writer: &mut Writer, file: &FileState, session: &Session) -> Result<()> {
    Ok(writer.put(&[index::Prepared::new(file, Ok(session))])?)
}

fn bench_update(dir: &Path) -> Result<()> {
    let files = store::archive_files(dir)?;
    let file = &files[files.len() / 2];
    let session = store::load(&file.path)?;
    let name = file_name(file);
    println!("\n### Update of one session ({name}), median of 10 (ms)\n");
    println!("| engine | writer opened per update | writer kept open | segments after |");
    println!("|---|--:|--:|---|");
    let per_open: Vec<f64> = (0..10)
        .map(|_| timed(|| index::update(&FileState::of(&file.path).unwrap(), &session)).0)
        .collect();
    let mut writer = Writer::open(dir, false)?.ok_or("no index")?;
    let kept: Vec<f64> = (0..10)
        .map(|_| timed(|| put(&mut writer, &FileState::of(&file.path).unwrap(), &session)).0)
        .collect();
    drop(writer);
    println!(
        "| SQLite (`index::update` / `Writer::put`) | {:.1} | {:.1} | one file |",
        median(per_open),
        median(kept)
    );
    for kind in [Kind::Trigrams, Kind::Words] {
        let (index, f) = open_tantivy(dir, kind)?;
        let docs = tantivy_docs(&f, &name, &session);
        let term = Term::from_field_text(f.session, &name);
        let update = |w: &mut IndexWriter| -> Result<()> {
            w.delete_term(term.clone());
            for d in &docs {
                w.add_document(d.clone())?;
            }
            w.commit()?;
            Ok(())
        };
        let mut per_open = Vec::new();
        for _ in 0..10 {
            per_open.push(
                timed(|| -> Result<()> {
                    let mut w: IndexWriter = index.writer(UPDATE_HEAP)?;
                    update(&mut w)
                })
                .0,
            );
        }
        let mut w: IndexWriter = index.writer(UPDATE_HEAP)?;
        let kept: Vec<f64> = (0..10).map(|_| timed(|| update(&mut w)).0).collect();
        let before = index.searchable_segment_ids()?.len();
        w.wait_merging_threads()?;
        let after = index.searchable_segment_ids()?.len();
        println!(
            "| tantivy {} (delete term, add, commit) | {:.1} | {:.1} | {before} ({after} after merges) |",
            kind.name(),
            median(per_open),
            median(kept)
        );
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Operational checks
// ------------------------------------------------------------------------------------------

fn ops(dir: &Path) -> Result<()> {
    let files = store::archive_files(dir)?;
    let file = FileState::of(&files[0].path)?;
    let session = store::load(&file.path)?;
    // A reader as `Search` holds it: Index::open keeps one read transaction for its whole use.
    let reader = Index::open(dir)?.ok_or("no index")?;
    let (ms, result) = timed(|| index::update(&file, &session));
    println!("SQLite update while an Index is open: {ms:.0} ms, {result:?}");
    drop(reader);
    let (ms, result) = timed(|| index::update(&file, &session));
    println!("SQLite update after the Index is dropped: {ms:.0} ms, {result:?}");
    let (index, _) = open_tantivy(dir, Kind::Trigrams)?;
    let first: IndexWriter = index.writer(UPDATE_HEAP)?;
    let (ms, second) = timed(|| index.writer::<TantivyDocument>(UPDATE_HEAP).map(|_| ()));
    println!(
        "tantivy second IndexWriter while one is open: {ms:.1} ms, {:?}",
        second.err().map(|e| e.to_string())
    );
    drop(first);
    // A crash in the middle of an SQLite update, as the disk would hold it: a write transaction
    // whose changed pages have spilled into the file, the file and its journal copied then.
    let crash = PathBuf::from(format!("{}.crash", dir.display()));
    let _ = std::fs::remove_dir_all(&crash);
    std::fs::create_dir_all(&crash)?;
    let conn = rusqlite::Connection::open(index::path(dir))?;
    conn.execute_batch(
        "PRAGMA cache_size = 10; BEGIN IMMEDIATE; UPDATE public_docs SET text = 'x';",
    )?;
    for suffix in ["", "-journal"] {
        let name = format!("{}{suffix}", index::FILE_NAME);
        std::fs::copy(dir.join(&name), crash.join(&name))?;
    }
    conn.execute_batch("ROLLBACK")?;
    let opened = Index::open(&crash).map(|_| ()).map_err(|e| e.to_string());
    println!("SQLite reader on a crashed update's file and hot journal: {opened:?}");
    drop(Writer::open(&crash, false)?);
    let check = rusqlite::Connection::open(index::path(&crash))?;
    let broken: i64 = check.query_row(
        "SELECT count(*) FROM public_docs WHERE text = 'x'",
        [],
        |r| r.get(0),
    )?;
    let opened = Index::open(&crash).map(|_| ()).map_err(|e| e.to_string());
    println!(
        "after a writer opened it: journal rolled back, {broken} texts of the half update left, reader {opened:?}"
    );
    std::fs::remove_dir_all(&crash)?;
    Ok(())
}

/// Opens each index and searches once; prints what happened and which files appeared.
fn readonly(dir: &Path) -> Result<()> {
    let listing = |p: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(p)
            .map(|r| {
                r.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let query = Query::parse("halle")?;
    let before = listing(dir);
    let sqlite = Index::open(dir)
        .map_err(|e| e.to_string())
        .and_then(|i| i.ok_or("no index".to_string()))
        .and_then(|i| {
            i.page(&query, false, i64::MIN, 1)
                .map(|p| p.0.len())
                .map_err(|e| e.to_string())
        });
    let new: Vec<String> = listing(dir)
        .into_iter()
        .filter(|n| !before.contains(n))
        .collect();
    println!("SQLite read-only: {sqlite:?}, new files: {new:?}");
    for kind in [Kind::Trigrams, Kind::Words] {
        let path = tantivy_path(dir, kind);
        let before = listing(&path);
        let found = (|| -> Result<usize> {
            let (index, f) = open_tantivy(dir, kind)?;
            let reader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?;
            let q = tantivy_query(&f, kind, false, &lookups(&query))?;
            Ok(tantivy_ids(&reader.searcher(), q.as_ref(), true)?.len())
        })()
        .map_err(|e| e.to_string());
        let new: Vec<String> = listing(&path)
            .into_iter()
            .filter(|n| !before.contains(n))
            .collect();
        println!(
            "tantivy {} read-only: {found:?}, new files: {new:?}",
            kind.name()
        );
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------

fn uptime() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or("?".into(), |l| {
        l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    })
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("ops") => return ops(Path::new(&args[1])),
        Some("readonly") => return readonly(Path::new(&args[1])),
        Some("queries") => return bench_queries(Path::new(&args[1])),
        Some("optimize") => return optimize(Path::new(&args[1])),
        Some("update") => return bench_update(Path::new(&args[1])),
        None => return Err("usage: index-engines DIR [RUNS] | sqlite DIR [RUNS] | queries DIR | update DIR | optimize DIR | ops DIR | readonly DIR".into()),
        _ => {}
    }
    // `sqlite DIR [RUNS]`: builds only sitzung's index (tantivy's must be there for the rest).
    let only_sqlite = args[0] == "sqlite";
    let args = &args[usize::from(only_sqlite)..];
    let dir = PathBuf::from(&args[0]);
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let sessions = store::archive_files(&dir)?.len();
    println!(
        "## {} ({sessions} sessions), load average at start {}\n",
        dir.display(),
        uptime()
    );
    println!("### Full build, best of {runs} (load average after each run)\n");
    println!("| engine | best s | runs s | size MB | texts | notes |");
    println!("|---|--:|---|--:|--:|---|");
    let builders: [(&str, &dyn Fn() -> Result<Built>); 4] = [
        ("no engine: read, parse, texts, fold", &|| parse_only(&dir)),
        ("SQLite FTS5 (`index::refresh`)", &|| {
            build_sqlite(&dir)
        }),
        ("tantivy words", &|| build_tantivy(&dir, Kind::Words)),
        ("tantivy trigrams", &|| build_tantivy(&dir, Kind::Trigrams)),
    ];
    for (label, build) in builders {
        if only_sqlite && !label.starts_with("SQLite") {
            continue;
        }
        let mut results = Vec::new();
        let mut runs_text = Vec::new();
        for _ in 0..runs {
            let built = build()?;
            runs_text.push(format!(
                "{:.1} ({})",
                built.secs,
                uptime().split(' ').next().unwrap_or("?")
            ));
            results.push(built);
            std::thread::sleep(Duration::from_secs(2));
        }
        let best = results
            .iter()
            .min_by(|a, b| a.secs.total_cmp(&b.secs))
            .ok_or("no run")?;
        println!(
            "| {label} | {:.1} | {} | {:.1} | {} | {} |",
            best.secs,
            runs_text.join(", "),
            best.bytes as f64 / 1e6,
            best.docs,
            best.note
        );
    }
    bench_queries(&dir)?;
    if sessions >= 10_000 {
        bench_update(&dir)?;
    }
    println!("\nload average at end {}", uptime());
    Ok(())
}
