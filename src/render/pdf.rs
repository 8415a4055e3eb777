//! The PDF: the document's blocks typeset by typst in-process (docs/pdf-engine.md), on A4,
//! with embedded fonts, German hyphenation, "Seite 2 von 6", the running header, the
//! confidentiality and draft marks on every page, vote blocks and signatures kept together,
//! as PDF/A-2b.
//!
//! The template (`pdf.typ`) is fixed; the session reaches it as JSON data only, so that no text
//! in a session can be read as markup or code.

use std::sync::OnceLock;

use serde_json::{Value, json};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::RenderError;
use super::document::{Block, Document};

const TEMPLATE: &str = include_str!("pdf.typ");

/// What every render shares: the standard library and the fonts (parsed once).
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// One document to typeset: the template and its data, nothing else (no file system, no
/// packages, no clock).
struct Job {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

fn file_id(path: &str) -> Result<FileId, RenderError> {
    let vpath = VirtualPath::new(path).map_err(|e| RenderError::Pdf(format!("{e:?}")))?;
    Ok(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

impl World for Job {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

fn block_json(block: &Block) -> Value {
    match block {
        Block::Letterhead(lines) => json!({"kind": "letterhead", "lines": lines}),
        Block::Title(t) => json!({"kind": "title", "text": t}),
        Block::Subtitle(t) => json!({"kind": "subtitle", "text": t}),
        Block::Section(t) => json!({"kind": "section", "text": t}),
        Block::ItemHeading(t) => json!({"kind": "item", "text": t}),
        Block::Label(t) => json!({"kind": "label", "text": t}),
        Block::Labeled { label, lines } => {
            json!({"kind": "labeled", "label": label, "lines": lines})
        }
        Block::Para(t) => json!({"kind": "para", "text": t}),
        Block::Lines(lines) => json!({"kind": "lines", "lines": lines}),
        Block::Fields(fields) => json!({"kind": "fields", "fields": fields}),
        Block::Signatures(cols) => json!({"kind": "signatures", "cols": cols}),
        Block::Keep(blocks) => {
            json!({"kind": "keep", "blocks": blocks.iter().map(block_json).collect::<Vec<_>>()})
        }
    }
}

/// The document's data as the template reads it.
fn data(doc: &Document) -> Value {
    json!({
        "title": doc.title,
        "author": doc.author,
        "header": doc.page.running_header,
        "page_mark": doc.page.page_mark,
        "marks": doc.page.marks,
        "blocks": doc.blocks.iter().map(block_json).collect::<Vec<_>>(),
    })
}

/// A typeset PDF: its bytes and what the reader should know (a PDF that
/// could not be PDF/A).
pub struct Typeset {
    pub pdf: Vec<u8>,
    pub notes: Vec<String>,
}

/// Typesets the document as PDF/A-2b; where a text has a character no embedded font has (an
/// emoji pasted into a minute), PDF/A forbids it: then as a plain PDF, with a note saying why.
pub fn typeset(doc: &Document) -> Result<Typeset, RenderError> {
    use chrono::Datelike;
    let data = serde_json::to_vec(&data(doc)).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let job = Job {
        main: Source::new(file_id("/main.typ")?, TEMPLATE.to_string()),
        data_id: file_id("/data.json")?,
        data: Bytes::new(data),
        today: Datetime::from_ymd(
            doc.date.year(),
            doc.date.month() as u8,
            doc.date.day() as u8,
        ),
    };
    let messages = |diags: &[typst::diag::SourceDiagnostic]| {
        diags
            .iter()
            .map(|d| d.message.to_string())
            .collect::<Vec<_>>()
    };
    let compiled = typst::compile::<PagedDocument>(&job).output;
    let result = compiled
        .map_err(|e| RenderError::Pdf(messages(&e).join("; ")))
        .and_then(|paged| {
            let options = |standards: &[PdfStandard]| -> Result<PdfOptions, RenderError> {
                Ok(PdfOptions {
                    ident: Smart::Custom("sitzung".to_string()),
                    // The session's day: the same session gives the same file.
                    timestamp: Datetime::from_ymd_hms(
                        doc.date.year(),
                        doc.date.month() as u8,
                        doc.date.day() as u8,
                        12,
                        0,
                        0,
                    )
                    .map(Timestamp::new_utc),
                    standards: PdfStandards::new(standards)
                        .map_err(|e| RenderError::Pdf(format!("{e:?}")))?,
                    ..PdfOptions::default()
                })
            };
            match typst_pdf::pdf(&paged, &options(&[PdfStandard::A_2b])?) {
                Ok(pdf) => Ok(Typeset {
                    pdf,
                    notes: Vec::new(),
                }),
                Err(errors) => {
                    let pdf = typst_pdf::pdf(&paged, &options(&[])?)
                        .map_err(|e| RenderError::Pdf(messages(&e).join("; ")))?;
                    // "the text `"👍"` could not be displayed with font …": the characters.
                    let mut missing: Vec<String> = Vec::new();
                    for m in messages(&errors) {
                        if let Some(text) = m.split('`').nth(1) {
                            let text = text.trim_matches('"').to_string();
                            if !missing.contains(&text) {
                                missing.push(text);
                            }
                        }
                    }
                    let why = if missing.is_empty() {
                        messages(&errors).join("; ")
                    } else {
                        format!(
                            "diese Zeichen hat keine eingebettete Schrift: {}",
                            missing.join(" ")
                        )
                    };
                    Ok(Typeset {
                        pdf,
                        notes: vec![format!("kein PDF/A, nur PDF: {why}")],
                    })
                }
            }
        });
    // The memo cache would grow with every session rendered in a long-running process.
    typst::comemo::evict(10);
    result
}
