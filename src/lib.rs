//! sitzung: recording and publishing the minutes of German council sessions.
//!
//! Layers, lower never importing higher: [`domain`] (the rules, pure), [`store`] (the sessions
//! folder), [`render`] (the Wortprotokoll as text, Markdown, HTML), [`archive`] (lists, search
//! and the index over the whole folder), [`tui`] (the terminal screens), and the binary's `cli`.

pub mod archive;
pub mod domain;
/// Invented sessions and archives for tests and benchmarks (feature `generate`).
#[cfg(any(test, feature = "generate"))]
pub mod generate;
pub mod oparl;
pub mod render;
pub mod store;
pub mod tui;
