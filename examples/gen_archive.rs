//! `cargo run --release --example gen_archive -- DIR [COUNT]`: an invented archive for trying
//! the browser and search on a realistic size (not committed data).

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "archiv".into()));
    let count = args.next().and_then(|c| c.parse().ok()).unwrap_or(1000);
    std::fs::create_dir_all(&dir)?;
    sitzung::generate::archive(&dir, count)?;
    println!("{count} Sitzungen in {}", dir.display());
    Ok(())
}
