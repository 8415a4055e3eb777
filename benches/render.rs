//! Rendering the Niederschrift: the PDF (typeset by typst) against the text of the same
//! session in the same run, for a session of plausible size and a large one, with the page
//! count, so that the cost per page can be read off (`cargo bench --bench render`).

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use sitzung::render::{Edition, Format, Options, render_bytes};

fn bench(c: &mut Criterion, name: &str, session: &sitzung::domain::Session) {
    let options = |format| Options {
        format,
        edition: Edition::Internal,
        ..Options::default()
    };
    let pdf = render_bytes(session, &options(Format::Pdf)).unwrap();
    // The pages, as a reader's tool counts them (poppler's pdfinfo).
    let file = std::env::temp_dir().join(format!("sitzung-bench-{}.pdf", std::process::id()));
    std::fs::write(&file, &pdf).unwrap();
    let info = std::process::Command::new("pdfinfo")
        .arg(&file)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    eprintln!("{name}: {pages} pages, {} KB", pdf.len() / 1024);
    c.bench_function(&format!("text/{name}"), |b| {
        b.iter(|| render_bytes(session, &options(Format::Text)).unwrap())
    });
    c.bench_function(&format!("pdf/{name} ({pages} pages)"), |b| {
        b.iter(|| render_bytes(session, &options(Format::Pdf)).unwrap())
    });
}

fn benches(c: &mut Criterion) {
    bench(
        c,
        "12 items, 60 paragraphs",
        &sitzung::generate::session(12, 60, 3),
    );
    bench(
        c,
        "40 items, 400 paragraphs",
        &sitzung::generate::session(40, 400, 3),
    );
}

criterion_group! {
    name = render;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(5));
    targets = benches
}
criterion_main!(render);
