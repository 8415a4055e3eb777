//! `sitzung browse`: the archive, read only, for members, staff and the press (also over SSH).

use sitzung::store::Store;
use sitzung::tui::{self, browse::Browser};

use super::Exit;

/// Archiv lesen und durchsuchen (nur lesend; für SSH-Zugänge)
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Auch die interne Fassung mit nichtöffentlichen TOPs zeigen
    #[arg(long)]
    internal: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Exit> {
    // Browsing never writes: it is given no handle that could.
    let mut browser = Browser::open(store.dir(), args.internal)?;
    let dir = browser.dir().to_path_buf();
    tui::run(&mut browser, Some(&dir))?;
    Ok(Exit::Ok)
}
