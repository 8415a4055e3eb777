//! `sitzung layout`: the house styles that ship, and a preset's file to copy and adapt.

use std::io::Write;

use anyhow::bail;

use sitzung::render::layout::{PAGE_PLACEHOLDERS, PLACEHOLDERS, PRESETS};
use sitzung::store::Store;

use super::Exit;

/// Hausstile: ohne Namen die mitgelieferten auflisten, mit Namen dessen Datei ausgeben (zum
/// Anpassen: sitzung layout amt-sh > sessions/layout.ron); mit --check eine Layout-Datei prüfen
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name eines mitgelieferten Hausstils (allris, sessionnet, amt-sh)
    name: Option<String>,
    /// Diese Layout-Datei (oder layout.ron im Sitzungsordner) lesen und Fehler mit Zeile und Spalte nennen
    #[arg(long, conflicts_with = "name")]
    check: Option<Option<String>>,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<Exit> {
    if let Some(file) = args.check {
        let path = match file {
            Some(f) => f,
            None => store
                .dir()
                .join(sitzung::store::LAYOUT_FILE)
                .to_string_lossy()
                .into_owned(),
        };
        let layout = store.layout(Some(&path))?;
        say!("{path}: Hausstil {} ist in Ordnung", layout.name);
        return Ok(Exit::Ok);
    }
    match args.name {
        Some(name) => {
            let Some(text) = sitzung::render::Layout::preset_text(&name) else {
                let names: Vec<&str> = PRESETS.iter().map(|(n, _, _)| *n).collect();
                bail!(
                    "Hausstil {name} gibt es nicht; mitgeliefert: {}",
                    names.join(", ")
                );
            };
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
        None => {
            // Written at once: a reader that stops early (`| head`) is no error.
            let mut out = String::from("Mitgelieferte Hausstile (sitzung render --layout NAME):\n");
            for (name, what, _) in PRESETS {
                out.push_str(&format!("  {name:<12} {what}\n"));
            }
            out.push_str(&format!(
                "\nEigener Hausstil: sitzung layout NAME > {}/{} und anpassen; er gilt dann\n\
                 für alle Sitzungen des Ordners (prüfen: sitzung layout --check). Platzhalter:\n",
                store.dir().display(),
                sitzung::store::LAYOUT_FILE
            ));
            for (key, what) in PLACEHOLDERS {
                out.push_str(&format!("  {{{key}}}  {what}\n"));
            }
            for key in PAGE_PLACEHOLDERS {
                out.push_str(&format!(
                    "  {{{key}}}  Seitenzahl / Seitenanzahl (nur in page)\n"
                ));
            }
            let _ = std::io::stdout()
                .lock()
                .write_all(sitzung::domain::escaped(&out).as_bytes());
        }
    }
    Ok(Exit::Ok)
}
