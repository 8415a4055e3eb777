//! The archive at 1,000, 10,000 and 30,000 generated sessions (`sitzung::generate::archive`:
//! twenty councils, Zipf-like vocabulary, closed items, askers, amendments), measured in one
//! run against `cat` of all files and `rg` for the same queries, with and without the index:
//!
//! - search for a word in ~1 % of the sessions, a phrase in ~0.1 %, a council's speaker: whole
//!   run and time to the first hit (`sitzung search … | head -1`), as processes on both sides,
//!   output into a file (`rg` notices /dev/null);
//! - `sitzung list` and the browser's first frame;
//! - peak memory (maximum resident set) of each process;
//! - the index: full build (`sitzung index`), one session's update after a snapshot, and what
//!   the snapshot itself waits for (handing the session to the updating thread).
//!
//! `cargo bench --bench archive` (needs `rg` for its baselines); `SITZUNG_BENCH_SIZES=1000,10000`
//! picks the sizes. A figure is the median of several runs.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sitzung::archive::index;
use sitzung::generate::{NAME, PHRASE, WORD};
use sitzung::tui::browse::{Browser, draw};

const SITZUNG: &str = env!("CARGO_BIN_EXE_sitzung");

/// A finished process: how long it took and its peak memory.
struct Run {
    time: Duration,
    max_rss_kb: i64,
}

/// Runs a command to the end, its output into `out`: through this binary as `--measure`, which
/// times the command and reads its peak memory (the one child's maximum resident set) without
/// any unsafe code.
fn run(cmd: &mut Command, out: &Path) -> Run {
    let file = std::fs::File::create(out).expect("output file");
    let me = std::env::current_exe().expect("bench binary");
    let mut wrapper = Command::new(me);
    wrapper
        .arg("--measure")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => wrapper.env(key, value),
            None => wrapper.env_remove(key),
        };
    }
    let measured = wrapper
        .stdout(file)
        .stderr(Stdio::piped())
        .output()
        .expect("command runs");
    let text = String::from_utf8_lossy(&measured.stderr);
    let mut figures = text
        .split_whitespace()
        .map(|n| n.parse::<i64>().unwrap_or(0));
    let nanos = figures.next().unwrap_or(0);
    Run {
        time: Duration::from_nanos(u64::try_from(nanos).unwrap_or(0)),
        max_rss_kb: figures.next().unwrap_or(0),
    }
}

/// `--measure PROGRAM ARGS…`: runs the program (output inherited, errors dropped), then writes
/// "NANOSECONDS MAX_RSS_KB" to stderr. This process has one child, so the children's peak is
/// the program's.
fn measure_child(program: &std::ffi::OsStr, args: &[std::ffi::OsString]) {
    use nix::sys::resource::{UsageWho, getrusage};
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .status()
        .expect("command runs");
    let time = start.elapsed();
    let _ = status;
    let peak = getrusage(UsageWho::RUSAGE_CHILDREN).map_or(0, |u| u.max_rss());
    eprintln!("{} {peak}", time.as_nanos());
}

/// The time until a command's first line of output (then it is stopped), like `| head -1`.
fn first_line(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("command runs");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a line");
    let time = start.elapsed();
    assert!(!line.is_empty(), "no hit: {cmd:?}");
    let _ = child.kill();
    let _ = child.wait();
    time
}

fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by_key(|r| r.time);
    let max_rss_kb = runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0);
    let mid = runs.swap_remove(runs.len() / 2);
    Run {
        time: mid.time,
        max_rss_kb,
    }
}

fn times(n: usize, mut f: impl FnMut() -> Run) -> Run {
    median((0..n).map(|_| f()).collect())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Table {
    rows: Vec<String>,
}

impl Table {
    fn row(
        &mut self,
        size: usize,
        case: &str,
        subject: &Run,
        base: Option<(&str, &Run)>,
        goal: &str,
    ) {
        let (name, ratio) = match base {
            Some((name, b)) => (
                format!("{name} {:.1} ms", ms(b.time)),
                format!("{:.2}×", ms(subject.time) / ms(b.time)),
            ),
            None => (String::new(), String::new()),
        };
        let line = format!(
            "| {size} | {case} | {:.1} ms | {} MB | {name} | {ratio} | {goal} |",
            ms(subject.time),
            subject.max_rss_kb / 1024
        );
        println!("{line}");
        self.rows.push(line);
    }
}

/// The browser's first frame, in a process of its own so its memory is its own: the bench
/// binary runs itself with `--first-frame DIR`.
fn first_frame_child(dir: &Path) {
    let mut browser = Browser::open(dir, false).expect("archive opens");
    browser.set_screen(80, 24);
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| draw(f, &browser)).expect("frame");
}

fn bench_size(size: usize, table: &mut Table, has_rg: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    sitzung::generate::archive(dir.path(), size).expect("archive written");
    eprintln!(
        "{size} sessions generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let files: Vec<PathBuf> = sitzung::store::session_files(dir.path()).expect("files");
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = out_dir.path().join("out");
    let out = out.as_path();
    let reps = if size >= 30_000 { 3 } else { 5 };
    let sitzung = |args: &[&str]| {
        let mut cmd = Command::new(SITZUNG);
        cmd.arg("--dir")
            .arg(dir.path())
            .args(args)
            .env_remove("SITZUNG_DIR");
        cmd
    };
    // All files through `cat`, a few thousand per process (the argument list has a limit).
    let cat = times(reps, || {
        let start = Instant::now();
        let mut max_rss_kb = 0;
        for chunk in files.chunks(4000) {
            max_rss_kb = max_rss_kb.max(run(Command::new("cat").args(chunk), out).max_rss_kb);
        }
        Run {
            time: start.elapsed(),
            max_rss_kb,
        }
    });
    table.row(size, "cat all files (floor)", &cat, None, "");
    // What "never stale" costs at least: every file's size and time, as `find` reads them.
    let find = times(reps, || {
        run(
            Command::new("find").arg(dir.path()).args([
                "-maxdepth",
                "1",
                "-name",
                "*.ron",
                "-printf",
                "%s %T@\\n",
            ]),
            out,
        )
    });
    table.row(
        size,
        "find: size and time of every file (floor)",
        &find,
        None,
        "",
    );
    let me = std::env::current_exe().expect("bench binary");
    let first_frame = || run(Command::new(&me).arg("--first-frame").arg(dir.path()), out);
    let searches: [(&str, Vec<String>, Vec<String>); 3] = [
        (
            "a word (1 %)",
            vec![WORD.into()],
            vec!["-i".into(), WORD.into()],
        ),
        (
            "a phrase (0.1 %)",
            vec![format!("\"{PHRASE}\"")],
            vec!["-i".into(), "-F".into(), PHRASE.into()],
        ),
        (
            "a speaker (one council)",
            vec!["--speaker".into(), NAME.into()],
            vec!["-i".into(), NAME.into()],
        ),
    ];
    let mut rg_runs = Vec::new();
    for (case, _, rg_args) in &searches {
        let rg = has_rg.then(|| {
            times(reps, || {
                run(Command::new("rg").args(rg_args).arg(dir.path()), out)
            })
        });
        rg_runs.push((case, rg));
    }
    for indexed in [false, true] {
        let with = if indexed { "index" } else { "no index" };
        if indexed {
            let built = run(&mut sitzung(&["index"]), out);
            let size_mb =
                std::fs::metadata(index::path(dir.path())).map_or(0, |m| m.len() / 1_000_000);
            table.row(
                size,
                &format!("sitzung index: full build ({size_mb} MB)"),
                &built,
                None,
                "report",
            );
        }
        for ((case, args, _), (_, rg)) in searches.iter().zip(&rg_runs) {
            let argv: Vec<&str> = std::iter::once("search")
                .chain(args.iter().map(String::as_str))
                .collect();
            let r = times(reps, || run(&mut sitzung(&argv), out));
            let goal = if indexed {
                "≥ 20× faster than rg"
            } else {
                "≤ 2× rg"
            };
            table.row(
                size,
                &format!("search {case}, {with}"),
                &r,
                rg.as_ref().map(|b| ("rg", b)),
                goal,
            );
            if indexed {
                let first = times(reps, || Run {
                    time: first_line(&mut sitzung(&argv)),
                    max_rss_kb: 0,
                });
                table.row(
                    size,
                    &format!("  first hit, {with}"),
                    &first,
                    None,
                    "< 20 ms",
                );
            }
        }
        let list = times(reps, || run(&mut sitzung(&["list"]), out));
        let goal = if indexed { "< 50 ms" } else { "≤ 1.5× cat" };
        table.row(
            size,
            &format!("list, {with}"),
            &list,
            Some(("cat", &cat)),
            goal,
        );
        let frame = times(reps, first_frame);
        table.row(
            size,
            &format!("browser first frame, {with}"),
            &frame,
            Some(("cat", &cat)),
            goal,
        );
    }
    // One session's update after a snapshot, and what the snapshot itself pays for it.
    let path = &files[files.len() / 2];
    let session = sitzung::store::load(path).expect("session");
    let update = times(10, || {
        sitzung::store::save(path, &session).expect("saved");
        let state = sitzung::store::FileState::of(path).expect("state");
        let start = Instant::now();
        index::update(&state, &session).expect("updated");
        Run {
            time: start.elapsed(),
            max_rss_kb: 0,
        }
    });
    table.row(
        size,
        "index update of one session (on its own thread)",
        &update,
        None,
        "< 50 ms",
    );
    let updates = index::IndexUpdates::start();
    let mut hook = updates.hook();
    let handed = times(10, || {
        let start = Instant::now();
        hook(path, &session);
        Run {
            time: start.elapsed(),
            max_rss_kb: 0,
        }
    });
    drop(hook);
    updates.finish();
    table.row(
        size,
        "  what the snapshot waits for (hand-over)",
        &handed,
        None,
        "no key waits",
    );
}

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match args.first().and_then(|a| a.to_str()) {
        Some("--first-frame") if args.len() == 2 => {
            return first_frame_child(Path::new(&args[1]));
        }
        Some("--measure") if args.len() >= 2 => return measure_child(&args[1], &args[2..]),
        _ => {}
    }
    // `cargo bench` passes `--bench`; nothing else is taken.
    let sizes: Vec<usize> = std::env::var("SITZUNG_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000,30000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let has_rg = Command::new("rg").arg("--version").output().is_ok();
    println!("| sessions | case | sitzung | peak memory | baseline | ratio | goal |");
    println!("|---|---|---|---|---|---|---|");
    let mut table = Table { rows: Vec::new() };
    for size in sizes {
        bench_size(size, &mut table, has_rg);
    }
}
