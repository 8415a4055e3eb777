//! `cargo run --release --example gen_archive -- DIR [COUNT]`: an invented archive of COUNT
//! sessions (default 1000) of twenty invented municipalities, for trying the browser and search
//! on a realistic size (not committed data). See `sitzung::generate` for what is in it and for
//! the search targets (`WORD`, `PHRASE`, `NAME`).

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "archiv".into()));
    let count = args.next().and_then(|c| c.parse().ok()).unwrap_or(1000);
    std::fs::create_dir_all(&dir)?;
    let started = std::time::Instant::now();
    sitzung::generate::archive(&dir, count)?;
    println!(
        "{count} Sitzungen in {} ({:.1} s)",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
