//! An archive of 1,000 generated sessions (`sitzung::generate::archive`), measured in one run:
//! the browser's first frame, opening one session, searching a word and a phrase; against `cat`
//! of all files (the floor) and `rg` for the same queries (what a user would reach for).
//! `cargo bench --bench archive` (needs `rg` for its baselines; without it they are left out).

use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sitzung::render::Edition;
use sitzung::search::{Query, search_archive};
use sitzung::tui::browse::{Browser, Pager, draw};

const WORD: &str = "Sporthalle";
const PHRASE: &str = "Fördermittel des Landes";

fn run(cmd: &mut Command) {
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("baseline runs");
    assert!(status.code().is_some());
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    sitzung::generate::archive(dir.path(), 1_000).unwrap();
    let files = sitzung::store::session_files(dir.path()).unwrap();
    let has_rg = Command::new("rg").arg("--version").output().is_ok();

    let mut g = c.benchmark_group("archive of 1000 sessions");
    g.sample_size(10);
    g.bench_function("cat all files (floor)", |b| {
        b.iter(|| run(Command::new("cat").args(&files)))
    });
    g.bench_function("browser: first frame", |b| {
        b.iter(|| {
            let mut browser = Browser::open(dir.path(), false).unwrap();
            browser.set_screen(80, 24);
            let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
            t.draw(|f| draw(f, &browser)).unwrap();
        })
    });
    g.bench_function("open one session", |b| {
        b.iter(|| Pager::open(&files[500], Edition::Public, None, 56).unwrap())
    });
    if has_rg {
        g.bench_function("rg word", |b| {
            b.iter(|| run(Command::new("rg").args(["-i", WORD]).arg(dir.path())))
        });
    }
    let word = Query::parse(WORD).unwrap();
    g.bench_function("search word", |b| {
        b.iter(|| search_archive(dir.path(), &word).unwrap())
    });
    if has_rg {
        g.bench_function("rg phrase", |b| {
            b.iter(|| {
                run(Command::new("rg")
                    .args(["-i", "-F", PHRASE])
                    .arg(dir.path()))
            })
        });
    }
    let phrase = Query::parse(&format!("\"{PHRASE}\"")).unwrap();
    g.bench_function("search phrase", |b| {
        b.iter(|| search_archive(dir.path(), &phrase).unwrap())
    });
    g.finish();
}

criterion_group!(archive, benches);
criterion_main!(archive);
