//! The PDF as a reader gets it: A4, its pages read back with poppler (`pdftotext`, `pdfinfo`,
//! installed by `.ci/run`), for every house style and edition. The text of every page is a
//! golden file; what must stand on every page is checked page by page.

// A test or a benchmark may unwrap: a panic there is a failure, which is what it should be.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use sitzung::domain::Session;
use sitzung::render::{Edition, Format, Layout, Options, render_bytes};

const PRESETS: [&str; 3] = ["allris", "sessionnet", "amt-sh"];

fn demo(name: &str) -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sessions/{name}.ron"));
    sitzung::store::load(&path).unwrap()
}

struct Pdf {
    bytes: Vec<u8>,
    info: String,
    /// The text of each page.
    pages: Vec<String>,
}

fn pdf(s: &Session, layout: &str, edition: Edition, item: Option<&str>) -> Pdf {
    let options = Options {
        format: Format::Pdf,
        edition,
        layout: Layout::preset(layout).unwrap(),
        item: item.map(str::to_string),
    };
    let bytes = render_bytes(s, &options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let run = |cmd: &str, args: &[&str]| {
        let out = Command::new(cmd)
            .args(args)
            .arg(&file)
            .args(if cmd == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap_or_else(|e| panic!("{cmd} (poppler-utils, installed by .ci/run): {e}"));
        assert!(out.status.success(), "{cmd}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let info = run("pdfinfo", &[]);
    let text = run("pdftotext", &[]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Pdf { bytes, info, pages }
}

fn info_field<'a>(info: &'a str, key: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(key))
        .map(str::trim)
        .unwrap_or_else(|| panic!("{key} not in {info}"))
}

#[test]
fn golden_pdf_in_every_house_style_and_edition() {
    let s = demo("2024-03-14_bauausschuss");
    for layout in PRESETS {
        for (edition, ename) in [(Edition::Public, "public"), (Edition::Internal, "internal")] {
            let p = pdf(&s, layout, edition, None);
            assert!(
                info_field(&p.info, "Page size:").contains("(A4)"),
                "{}",
                p.info
            );
            let pages: usize = info_field(&p.info, "Pages:").parse().unwrap();
            assert_eq!(pages, p.pages.len());
            // Fonts embedded, PDF/A-2b claimed in the metadata.
            let has = |needle: &[u8]| p.bytes.windows(needle.len()).any(|w| w == needle);
            assert!(has(b"pdfaid:part"), "no PDF/A metadata");
            assert!(has(b"/FontFile"), "fonts not embedded");
            let text = p
                .pages
                .iter()
                .enumerate()
                .map(|(n, t)| format!("--- Seite {} ---\n{}", n + 1, t.trim_end()))
                .collect::<Vec<_>>()
                .join("\n");
            insta::assert_snapshot!(
                format!("pdf_{layout}_{ename}"),
                format!("Seiten: {pages}\n{text}")
            );
        }
    }
}

#[test]
fn every_page_carries_its_marks_and_number() {
    let s = demo("2024-03-14_bauausschuss");
    for layout in PRESETS {
        let l = Layout::preset(layout).unwrap();
        for edition in [Edition::Public, Edition::Internal] {
            let p = pdf(&s, layout, edition, None);
            let n = p.pages.len();
            assert!(n > 1, "{layout}: the demo fills more than a page");
            for (i, page) in p.pages.iter().enumerate() {
                let mark = l
                    .page
                    .page_mark
                    .replace("{seite}", &(i + 1).to_string())
                    .replace("{seiten}", &n.to_string());
                // pdftotext drops the spaces of "- 2 -".
                let squeeze = |t: &str| t.replace(char::is_whitespace, "");
                assert!(
                    squeeze(page).contains(&squeeze(&mark)),
                    "{layout} page {}: no {mark:?}",
                    i + 1
                );
                // A draft says so on every page; the internal edition with closed items is
                // confidential on every page, the public one on none.
                let marked = |mark: &str| {
                    page.lines()
                        .any(|line| line.split(" · ").any(|part| part.trim() == mark))
                };
                assert!(marked(&l.page.draft), "{layout} page {}", i + 1);
                assert_eq!(
                    marked(&l.page.confidential),
                    edition == Edition::Internal,
                    "{layout} {edition:?} page {}",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn the_public_pdf_holds_nothing_of_the_closed_item() {
    let s = demo("2024-03-14_bauausschuss");
    let closed: Vec<&str> = s
        .agenda
        .iter()
        .filter(|i| s.is_closed(i))
        .map(|i| i.title.as_str())
        .collect();
    assert!(!closed.is_empty());
    for layout in PRESETS {
        let text = pdf(&s, layout, Edition::Public, None).pages.concat();
        // Lines are broken and hyphenated: compare without them.
        let flat: String = text
            .replace('\u{ad}', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for title in &closed {
            let title: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(!flat.contains(&title), "{layout}: {title}");
        }
        let internal = pdf(&s, layout, Edition::Internal, None).pages.concat();
        let flat_internal: String = internal
            .replace("\u{ad}\n", "")
            .replace('\u{ad}', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat_internal.contains("Verkauf einer Teilfläche"),
            "{layout}: the internal edition has it"
        );
    }
}

/// No page ends on an item's heading or on a label that introduces what follows.
#[test]
fn no_heading_or_label_is_left_at_the_foot_of_a_page() {
    for demo_name in ["2024-03-14_bauausschuss", "2024-06-20_gemeindevertretung"] {
        let s = demo(demo_name);
        for layout in PRESETS {
            let l = Layout::preset(layout).unwrap();
            let labels = [
                l.item.minutes.as_str(),
                l.item.proposal.as_str(),
                l.item.result.as_str(),
                l.item.amended_adopted.as_str(),
            ];
            let p = pdf(&s, layout, Edition::Internal, None);
            let n = p.pages.len();
            for (i, page) in p.pages.iter().enumerate().take(n - 1) {
                let mark = l
                    .page
                    .page_mark
                    .replace("{seite}", &(i + 1).to_string())
                    .replace("{seiten}", &n.to_string());
                let body: Vec<&str> = page
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty() && *line != mark)
                    .collect();
                let last = body.last().copied().unwrap_or_default();
                assert!(
                    !labels.contains(&last) || last.is_empty(),
                    "{demo_name} {layout}: page {} ends on {last:?}",
                    i + 1
                );
                let is_heading = s.agenda.iter().any(|item| {
                    let h = l
                        .item
                        .heading
                        .replace("{datum}", &sitzung::render::german::date(s.date))
                        .replace("{top}", &item.number)
                        .replace("{titel}", &item.title);
                    last.len() > 8 && h.starts_with(last)
                });
                assert!(
                    !is_heading,
                    "{demo_name} {layout}: page {} ends on a heading: {last:?}",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn a_signed_niederschrift_is_no_draft_on_any_page() {
    use sitzung::domain::Action;
    let mut s = demo("2024-03-14_bauausschuss");
    let day = s.date;
    for by in s.signers() {
        s.apply(Action::Sign { by, date: day }).unwrap();
    }
    let p = pdf(&s, "allris", Edition::Public, None);
    assert!(!p.pages.is_empty());
    for page in &p.pages {
        // (A title may say "Entwurfsbeschluss": the mark is a line of its own.)
        assert!(!page.lines().any(|l| l.trim() == "Entwurf"), "{page}");
        assert!(!page.contains("noch nicht unterschrieben"), "{page}");
    }
}

#[test]
fn the_auszug_pdf_stands_alone_with_its_certification() {
    let s = demo("2024-03-14_bauausschuss");
    let p = pdf(&s, "amt-sh", Edition::Internal, Some("11"));
    let text = p.pages.concat();
    for part in [
        "Auszug aus der Niederschrift",
        "Gremium:",
        "TOP:",
        "N 11",
        "nichtöffentlich",
        "Für die Richtigkeit des Auszugs:",
        "Nichtöffentlich – nicht zur Veröffentlichung",
    ] {
        assert!(text.contains(part), "{part} not in {text}");
    }
}

#[test]
fn a_character_no_font_has_gives_a_plain_pdf_and_says_why() {
    let mut s = demo("2024-03-14_bauausschuss");
    s.agenda[0].title.push_str(" 👍");
    let options = Options {
        format: Format::Pdf,
        ..Options::default()
    };
    let (bytes, notes) = sitzung::render::render_file(&s, &options).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        !bytes.windows(11).any(|w| w == b"pdfaid:part"),
        "claims PDF/A"
    );
    assert_eq!(
        notes,
        vec!["kein PDF/A, nur PDF: diese Zeichen hat keine eingebettete Schrift: 👍".to_string()]
    );
}

/// A block kept on one page that is taller than a page (a long amendment) flows on: nothing is
/// cut off, the counts after it are there.
#[test]
fn a_vote_block_taller_than_a_page_is_not_cut_off() {
    let mut s = demo("2024-03-14_bauausschuss");
    let item = s.agenda.iter_mut().find(|i| i.number == "7").unwrap();
    let motion = item
        .motions
        .iter_mut()
        .find(|m| m.kind != sitzung::domain::MotionKind::Beschlussvorschlag)
        .unwrap();
    let words: Vec<String> = (0..1500).map(|n| format!("Wort{n}")).collect();
    motion.text = words.join(" ");
    let p = pdf(&s, "allris", Edition::Public, Some("7"));
    let text = p.pages.concat().replace('\u{ad}', "");
    assert!(
        text.contains("Wort0") && text.contains("Wort1499"),
        "{text}"
    );
    assert!(text.contains("Zustimmung: 6"), "{text}");
}
