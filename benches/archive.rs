//! An archive of 1,000 generated sessions (`sitzung::generate::archive`), measured in one run:
//! the browser's first frame, opening one session, searching a word and a phrase; against `cat`
//! of all files (the floor) and `rg` for the same queries (what a user would reach for).
//! Searches run as processes on both sides (`sitzung search` against `rg`), their output
//! written to a file, so start-up, output and exit count for both.
//! `cargo bench --bench archive` (needs `rg` for its baselines; without it they are left out).

use std::path::Path;
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sitzung::render::Edition;
use sitzung::tui::browse::{Browser, Pager, draw};

const WORD: &str = "Sporthalle";
const PHRASE: &str = "Fördermittel des Landes";

const SITZUNG: &str = env!("CARGO_BIN_EXE_sitzung");

/// Runs a command with its output into a file (not /dev/null, which `rg` notices and then
/// stops at the first match).
fn run(cmd: &mut Command, out: &Path) {
    let file = std::fs::File::create(out).expect("output file");
    let status = cmd
        .stdout(file)
        .stderr(Stdio::null())
        .status()
        .expect("command runs");
    assert!(status.code().is_some());
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    sitzung::generate::archive(dir.path(), 1_000).unwrap();
    let files = sitzung::store::session_files(dir.path()).unwrap();
    let has_rg = Command::new("rg").arg("--version").output().is_ok();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("out");
    let out = out.as_path();
    let search = |query: &str| {
        let mut cmd = Command::new(SITZUNG);
        cmd.arg("--dir").arg(dir.path()).args(["search", query]);
        cmd
    };

    let mut g = c.benchmark_group("archive of 1000 sessions");
    g.sample_size(10);
    g.bench_function("cat all files (floor)", |b| {
        b.iter(|| {
            let status = Command::new("cat")
                .args(&files)
                .stdout(Stdio::null())
                .status()
                .expect("cat runs");
            assert!(status.success());
        })
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
            b.iter(|| run(Command::new("rg").args(["-i", WORD]).arg(dir.path()), out))
        });
    }
    g.bench_function("sitzung search word", |b| {
        b.iter(|| run(&mut search(WORD), out))
    });
    if has_rg {
        g.bench_function("rg phrase", |b| {
            b.iter(|| {
                run(
                    Command::new("rg")
                        .args(["-i", "-F", PHRASE])
                        .arg(dir.path()),
                    out,
                )
            })
        });
    }
    let phrase = format!("\"{PHRASE}\"");
    g.bench_function("sitzung search phrase", |b| {
        b.iter(|| run(&mut search(&phrase), out))
    });
    g.finish();
}

criterion_group!(archive, benches);
criterion_main!(archive);
