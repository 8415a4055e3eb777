//! The HTML as a council prints it from a browser: headless Chromium (installed by `.ci/run`)
//! prints the internal edition to PDF, and every page must be A4 and carry the running header,
//! the confidentiality line, the draft mark and "Seite N von M" (the `@page` rules).

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use sitzung::render::{Edition, Format, Options, render};

#[test]
fn printing_the_html_gives_a4_pages_each_with_its_marks_and_number() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2024-03-14_bauausschuss.ron");
    let s = sitzung::store::load(&path).unwrap();
    let html = render(
        &s,
        &Options {
            format: Format::Html,
            edition: Edition::Internal,
            ..Options::default()
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("niederschrift.html");
    std::fs::write(&page, html).unwrap();
    let pdf = dir.path().join("print.pdf");
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
        .expect("chromium (installed by .ci/run)");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "{browser} printed nothing: {out:?}");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(info.contains("(A4)"), "{info}");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = pages.len();
    assert!(n > 2, "{n} pages");
    for (i, page) in pages.iter().enumerate() {
        for needed in [
            "Nichtöffentlich – nicht zur Veröffentlichung",
            "Entwurf",
            "Bauausschuss der Gemeinde Lindenholz – Sitzung vom 14.03.2024",
            &format!("Seite {} von {n}", i + 1),
        ] {
            assert!(
                page.contains(needed),
                "page {}: no {needed:?}\n{page}",
                i + 1
            );
        }
    }
}
